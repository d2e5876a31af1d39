// The case store over real HTTP on loopback (protocol triad-sync/1, docs/protocol.md): the real HTTP front
// end in-process on a random port, driven by QNetworkAccessManager, with records sealed by real identities; and the
// storage alone under concurrent connections.
//
// Every test runs on the backend TRIAD_TEST_BACKEND names (pg_scratch.h): CTest runs this binary as test_casestore
// (SQLite) and as test_casestore_pg (PostgreSQL, on the pg_cluster fixture's throwaway server), each test case on its
// own scratch file or database. Tests tagged [postgres] are about PostgreSQL itself and run only in the latter.
#include <catch2/catch.hpp>

#include "casestore_server.h"
#include "certificate.h"
#include "domain.h"
#include "pg_scratch.h"
#include "postgres_record_storage.h"
#include "receipt.h"
#include "sealed_record.h"
#include "sqlite_record_storage.h"
#include "test_support.h"
#include "wire_json.h"

#include <sodium.h>
#include <sqlite3.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <functional>
#include <latch>
#include <map>
#include <random>
#include <set>
#include <thread>

using namespace triad;
using namespace triad::casestore;

namespace {

// A fresh, empty location on the backend under test; removed when the pointer goes.
std::unique_ptr<test::ScratchLocation> scratchLocation()
{
    auto scratch = test::ScratchLocation::create();
    if (!scratch) FAIL(scratch.error().message);
    return std::move(*scratch);
}

std::unique_ptr<RecordStorage> openStorage(const std::string &location)
{
    auto opened = openRecordStorage(location);
    if (!opened) FAIL(opened.error().message);
    return std::move(*opened);
}

struct Http {
    int status = 0;
    QByteArray raw;
    QJsonObject json;
};

struct Device {
    crypto::Identity identity = crypto::Identity::generate();
    std::string token;
};

QJsonObject wireRecord(const RecordId &id, std::uint16_t type, std::int64_t createdAt, const crypto::Bytes &body,
                       std::optional<RecordId> caseId = std::nullopt)
{
    const QByteArray raw(reinterpret_cast<const char *>(body.data()), static_cast<qsizetype>(body.size()));
    return QJsonObject{{"id", QString::fromStdString(id.toString())},
                       {"type", type},
                       {"caseId", caseId ? QJsonValue(QString::fromStdString(caseId->toString())) : QJsonValue()},
                       {"observationId", QJsonValue()},
                       {"createdAt", static_cast<qint64>(createdAt)},
                       {"body", QString::fromLatin1(raw.toBase64())}};
}

// A note sealed by `author` to `readers`, as the push carries it.
QJsonObject sealedNote(const crypto::Identity &author, const std::vector<const crypto::Identity *> &readers, const std::string &text,
                       RecordId id = RecordId::generate())
{
    crypto::SealRequest req;
    req.type = 5;
    req.id = id;
    req.createdAtMs = 1'790'000'000'000;
    const std::vector<std::uint8_t> plain(text.begin(), text.end());
    req.plaintext = plain;
    req.caseId = RecordId::generate(); // filed as signed (the case store refuses a v2 record filed elsewhere)
    for (const auto *r : readers) req.readers.push_back(r->publicIdentity());
    auto sealed = crypto::seal(author, req);
    REQUIRE(sealed.ok());
    return wireRecord(id, req.type, req.createdAtMs, *sealed, req.caseId);
}

QByteArray batch(const std::vector<QJsonObject> &records)
{
    QJsonArray a;
    for (const auto &r : records) a.append(r);
    return QJsonDocument(QJsonObject{{"records", a}}).toJson(QJsonDocument::Compact);
}

// The case store's clock in these tests (2026-11-18); district certificates are valid around it.
constexpr std::int64_t kNow = 1'795'000'000'000;
constexpr std::int64_t kDay = 24LL * 3600 * 1000;

class CaseStoreFixture {
public:
    // On a fresh location of the backend under test, or on `location` when given; district-aware with `district`.
    explicit CaseStoreFixture(const std::string &location = {}, std::optional<directory::DistrictInfo> district = std::nullopt)
    {
        if (location.empty()) scratch = scratchLocation();
        storage = openStorage(location.empty() ? scratch->location() : location);
        server = std::make_unique<CaseStoreServer>(
            *storage, [this] { return clock; }, std::move(district));
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
        REQUIRE(server->api().setOrigin("http://127.0.0.1:" + std::to_string(port)).ok());
        for (Device *d : {&mentor, &teacher, &outsider}) {
            auto token = issueToken(*storage, d->identity.publicIdentity().boxKeyId(), 1);
            REQUIRE(token.ok());
            d->token = *token;
        }
    }

    Http call(const QByteArray &verb, const QString &pathAndQuery, const std::string &token, const QByteArray &body = {},
              const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(pathAndQuery)));
        if (!token.empty()) request.setRawHeader("Authorization", QByteArray("Bearer ") + QByteArray::fromStdString(token));
        if (verb == "POST") request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = verb == "POST" ? nam.post(request, body) : nam.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        REQUIRE(reply->isFinished());
        Http h;
        h.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        h.raw = reply->readAll();
        h.json = QJsonDocument::fromJson(h.raw).object();
        reply->deleteLater();
        return h;
    }
    Http push(const Device &d, const QByteArray &body) { return call("POST", QStringLiteral("/v1/records"), d.token, body); }
    Http pull(const Device &d, const QString &after, int limit, const QString &extraQuery = {})
    {
        QString q = QStringLiteral("/v1/records?limit=%1").arg(limit);
        if (!after.isEmpty()) q += QStringLiteral("&after=") + after;
        return call("GET", q + extraQuery, d.token);
    }
    // Every record addressed to `d`, page by page: ids in order and the cursor after each page.
    std::pair<std::vector<QString>, std::vector<QString>> pullAll(const Device &d, int limit)
    {
        std::vector<QString> ids, cursors;
        QString after;
        for (int guard = 0; guard < 100; ++guard) {
            const Http h = pull(d, after, limit);
            REQUIRE(h.status == 200);
            const QJsonArray records = h.json.value("records").toArray();
            REQUIRE(records.size() <= limit);
            for (const auto &r : records) ids.push_back(r.toObject().value("id").toString());
            after = h.json.value("next").toString();
            cursors.push_back(after);
            if (!h.json.value("more").toBool()) break;
        }
        return {ids, cursors};
    }
    std::int64_t count() { return *storage->recordCount(); }

    struct AppFirst {
        AppFirst() { test::ensureCoreApplication(); } // before the network access manager is constructed
    } appFirst;
    std::unique_ptr<test::ScratchLocation> scratch;
    std::unique_ptr<RecordStorage> storage;
    std::unique_ptr<CaseStoreServer> server;
    quint16 port = 0;
    std::int64_t clock = kNow; // what the case store takes as now; a test may move it
    QNetworkAccessManager nam;
    Device mentor, teacher, outsider;
};

QJsonObject with(QJsonObject o, const char *key, const QJsonValue &value)
{
    o.insert(QLatin1String(key), value);
    return o;
}

// f(0) and f(1) on two threads released at the same moment (two connections racing); their results, in order.
template <typename F>
auto together(F f)
{
    std::array<std::optional<decltype(f(std::size_t{0}))>, 2> out;
    std::latch start(2);
    std::array<std::thread, 2> threads;
    for (std::size_t t = 0; t < 2; ++t)
        threads[t] = std::thread([&, t] {
            start.arrive_and_wait();
            out[t] = f(t);
        });
    for (std::thread &th : threads) th.join();
    return out;
}

void requireError(const Http &h, int status, const QString &code)
{
    INFO(h.raw.toStdString());
    REQUIRE(h.status == status);
    REQUIRE(h.json.value("code").toString() == code);
    REQUIRE_FALSE(h.json.value("message").toString().isEmpty());
}

} // namespace

TEST_CASE("Case store: push, paged pull by cursor, idempotent retries, only what is addressed to the caller", "[sync]")
{
    CaseStoreFixture f;
    std::vector<QJsonObject> shared, own;
    for (int i = 0; i < 5; ++i) shared.push_back(sealedNote(f.mentor.identity, {&f.mentor.identity, &f.teacher.identity}, test::randomMarker()));
    own.push_back(sealedNote(f.mentor.identity, {&f.mentor.identity}, test::randomMarker()));
    std::vector<QJsonObject> all = shared;
    all.insert(all.begin() + 2, own.front());

    const Http pushed = f.push(f.mentor, batch(all));
    INFO(pushed.raw.toStdString());
    REQUIRE(pushed.status == 200);
    REQUIRE(pushed.json.value("stored").toInt() == 6);
    REQUIRE(f.count() == 6);

    // The teacher pulls the five shared notes, two at a time, byte for byte as pushed.
    const auto [teacherIds, teacherCursors] = f.pullAll(f.teacher, 2);
    REQUIRE(teacherIds.size() == 5);
    REQUIRE(teacherCursors.size() == 3);
    for (std::size_t i = 0; i < 5; ++i) REQUIRE(teacherIds[i] == shared[i].value("id").toString());
    {
        const Http page = f.pull(f.teacher, QString(), 2);
        const QJsonObject first = page.json.value("records").toArray().at(0).toObject();
        REQUIRE(first.value("body") == shared[0].value("body"));
        REQUIRE(first.value("caseId") == shared[0].value("caseId"));
        REQUIRE(first.value("createdAt").toInteger() == shared[0].value("createdAt").toInteger());
        REQUIRE(page.json.value("more").toBool());
    }
    // Nothing new after the last cursor: an incremental pull is empty and keeps the cursor.
    {
        const Http tail = f.pull(f.teacher, teacherCursors.back(), 2);
        REQUIRE(tail.status == 200);
        REQUIRE(tail.json.value("records").toArray().isEmpty());
        REQUIRE(tail.json.value("next").toString() == teacherCursors.back());
        REQUIRE_FALSE(tail.json.value("more").toBool());
    }
    // The mentor gets all six; someone not addressed gets nothing.
    REQUIRE(f.pullAll(f.mentor, 2).first.size() == 6);
    REQUIRE(f.pullAll(f.outsider, 2).first.empty());

    SECTION("count=1 adds how many of the caller's records remain after the page; a bad count is refused")
    {
        const Http first = f.pull(f.teacher, QString(), 2, QStringLiteral("&count=1"));
        REQUIRE(first.status == 200);
        REQUIRE(first.json.value("remaining").toInteger() == 3);
        const Http second = f.pull(f.teacher, first.json.value("next").toString(), 2, QStringLiteral("&count=true"));
        REQUIRE(second.json.value("records").toArray().size() == 2);
        REQUIRE(second.json.value("remaining").toInteger() == 1);
        const Http caughtUp = f.pull(f.teacher, teacherCursors.back(), 2, QStringLiteral("&count=1"));
        REQUIRE(caughtUp.json.value("records").toArray().isEmpty());
        REQUIRE(caughtUp.json.value("remaining").toInteger() == 0);
        REQUIRE(f.pull(f.mentor, QString(), 4, QStringLiteral("&count=1")).json.value("remaining").toInteger() == 2);
        REQUIRE(f.pull(f.outsider, QString(), 4, QStringLiteral("&count=1")).json.value("remaining").toInteger() == 0);
        REQUIRE_FALSE(f.pull(f.teacher, QString(), 2).json.contains("remaining"));
        REQUIRE_FALSE(f.pull(f.teacher, QString(), 2, QStringLiteral("&count=0")).json.contains("remaining"));
        for (const char *bad : {"&count=yes", "&count=2", "&count=-1", "&count=True"})
            requireError(f.pull(f.teacher, QString(), 2, QString::fromLatin1(bad)), 400, "request.malformed");
    }

    SECTION("a retried push is accepted again and changes nothing")
    {
        for (int retry = 0; retry < 2; ++retry) {
            const Http again = f.push(f.mentor, batch(all));
            REQUIRE(again.status == 200);
            REQUIRE(again.json.value("stored").toInt() == 0);
            for (const auto &r : again.json.value("results").toArray()) REQUIRE(r.toObject().value("status").toString() == "held");
        }
        REQUIRE(f.count() == 6);
        const auto [ids, cursors] = f.pullAll(f.teacher, 2);
        REQUIRE(ids == teacherIds);
        REQUIRE(cursors == teacherCursors);
    }

    SECTION("a duplicated, reordered push with one new record stores only the new one, after the old cursors")
    {
        const QJsonObject fresh = sealedNote(f.mentor.identity, {&f.teacher.identity}, test::randomMarker());
        const Http mixed = f.push(f.mentor, batch({shared[4], fresh, shared[1]}));
        REQUIRE(mixed.status == 200);
        REQUIRE(mixed.json.value("stored").toInt() == 1);
        const QJsonArray results = mixed.json.value("results").toArray();
        REQUIRE(results.at(0).toObject().value("status").toString() == "held");
        REQUIRE(results.at(1).toObject().value("status").toString() == "stored");
        REQUIRE(f.count() == 7);
        const Http after = f.pull(f.teacher, teacherCursors.back(), 2);
        REQUIRE(after.json.value("records").toArray().size() == 1);
        REQUIRE(after.json.value("records").toArray().at(0).toObject().value("id") == fresh.value("id"));
    }

    SECTION("the same id with different bytes is a conflict, and the whole batch changes nothing")
    {
        const RecordId reused = *RecordId::fromString(shared[3].value("id").toString().toStdString());
        const QJsonObject forged = sealedNote(f.mentor.identity, {&f.teacher.identity}, test::randomMarker(), reused);
        const QJsonObject fresh = sealedNote(f.mentor.identity, {&f.teacher.identity}, test::randomMarker());
        const Http conflict = f.push(f.mentor, batch({fresh, forged}));
        requireError(conflict, 409, "record.conflict");
        REQUIRE(conflict.json.value("index").toInt() == 1);
        REQUIRE(conflict.json.value("id").toString() == shared[3].value("id").toString());
        REQUIRE(f.count() == 6);
        const auto [ids, cursors] = f.pullAll(f.teacher, 2);
        REQUIRE(ids == teacherIds);
        REQUIRE(cursors == teacherCursors);
        const Http first = f.pull(f.teacher, teacherCursors[0], 2);
        REQUIRE(first.json.value("records").toArray().at(1).toObject().value("body") == shared[3].value("body"));
    }
}

TEST_CASE("Case store restored from a backup: a new epoch refuses every earlier cursor, and pulling from the start works", "[sync]")
{
    CaseStoreFixture f;
    std::vector<QJsonObject> notes;
    for (int i = 0; i < 3; ++i) notes.push_back(sealedNote(f.mentor.identity, {&f.teacher.identity}, test::randomMarker()));
    REQUIRE(f.push(f.mentor, batch(notes)).status == 200);
    const Http first = f.pull(f.teacher, QString(), 2);
    REQUIRE(first.status == 200);
    const QString cursor = first.json.value("next").toString();
    const std::string epoch = *f.storage->epoch();
    REQUIRE(cursor.startsWith(QString::fromStdString(epoch) + QLatin1Char('.')));
    REQUIRE(f.pull(f.teacher, cursor, 2).status == 200);

    auto renewed = f.storage->newEpoch();
    REQUIRE(renewed.ok());
    REQUIRE(*renewed != epoch);
    const Http refused = f.pull(f.teacher, cursor, 2);
    requireError(refused, 400, "request.bad_cursor");
    REQUIRE(refused.json.value("message").toString().contains(QStringLiteral("restored from a backup")));
    const auto [ids, cursors] = f.pullAll(f.teacher, 2);
    REQUIRE(ids.size() == 3);
    for (const QString &c : cursors) REQUIRE(c.startsWith(QString::fromStdString(*renewed) + QLatin1Char('.')));
    REQUIRE(f.count() == 3); // nothing changed but the epoch
}

TEST_CASE("Case store: bad requests get a clear status and body and change nothing", "[sync]")
{
    CaseStoreFixture f;
    const QJsonObject held = sealedNote(f.mentor.identity, {&f.teacher.identity}, test::randomMarker());
    REQUIRE(f.push(f.mentor, batch({held})).status == 200);
    const QJsonObject good = sealedNote(f.mentor.identity, {&f.teacher.identity}, test::randomMarker());

    SECTION("unauthenticated or unknown tokens: 401")
    {
        requireError(f.call("POST", "/v1/records", "", batch({good})), 401, "auth.required");
        requireError(f.call("GET", "/v1/records", ""), 401, "auth.required");
        requireError(f.call("POST", "/v1/records", "tdt1.not-a-token-we-gave-out", batch({good})), 401, "auth.invalid");
        requireError(f.call("GET", "/v1/records", "someone-elses-scheme"), 401, "auth.invalid");
        Device forger;
        forger.token = "tdt1." + f.teacher.token.substr(5, 10);
        requireError(f.pull(forger, QString(), 2), 401, "auth.invalid");
    }
    SECTION("malformed bodies and headers: 400")
    {
        requireError(f.push(f.mentor, "this is not json"), 400, "request.malformed");
        requireError(f.push(f.mentor, "[1,2,3]"), 400, "request.malformed");
        requireError(f.push(f.mentor, R"({"records":[]})"), 400, "request.malformed");
        requireError(f.push(f.mentor, R"({"rows":[]})"), 400, "request.malformed");
        requireError(f.call("POST", "/v1/records", f.mentor.token, batch({good}), "text/plain"), 400, "request.bad_content_type");
        const Http b64 = f.push(f.mentor, batch({good, with(good, "body", "***not base64***")}));
        requireError(b64, 400, "request.malformed");
        REQUIRE(b64.json.value("index").toInt() == 1);
        for (const QJsonObject &bad : {with(good, "id", "42"), with(good, "type", 2.5), with(good, "caseId", 7), with(good, "createdAt", "yesterday"),
                                       with(good, "body", QJsonValue())})
            requireError(f.push(f.mentor, batch({bad})), 400, "request.malformed");
        requireError(f.push(f.mentor, batch({good, good})), 400, "request.duplicate_id");
        requireError(f.pull(f.teacher, QStringLiteral("abc"), 2), 400, "request.bad_cursor");
        requireError(f.pull(f.teacher, QStringLiteral("-1"), 2), 400, "request.bad_cursor");
        const QString epoch = QString::fromStdString(*f.storage->epoch());
        for (const QString &bad :
             {QStringLiteral("12"), epoch + QStringLiteral(".-1"), epoch + QStringLiteral(".+1"), epoch + QStringLiteral("."),
              epoch + QStringLiteral(".1 "), epoch + QStringLiteral(".1234567890123456789"), epoch.left(31) + QStringLiteral(".1")})
            requireError(f.pull(f.teacher, bad, 2), 400, "request.bad_cursor");
        REQUIRE(f.pull(f.teacher, epoch + QStringLiteral(".0"), 2).status == 200);
        requireError(f.pull(f.teacher, QString(), 0), 400, "request.bad_limit");
        requireError(f.pull(f.teacher, QString(), 5000), 400, "request.bad_limit");
    }
    SECTION("records the case store cannot accept: 422 with the reason and the record's index")
    {
        const Http g = f.push(f.mentor, batch({good, with(good, "body", QString::fromLatin1(QByteArray("not a sealed record at all").toBase64()))}));
        requireError(g, 422, "record.malformed");
        REQUIRE(g.json.value("index").toInt() == 1);
        const QByteArray sealed = QByteArray::fromBase64(good.value("body").toString().toLatin1());
        requireError(f.push(f.mentor, batch({with(good, "body", QString::fromLatin1(sealed.chopped(10).toBase64()))})), 422, "record.malformed");
        for (const QJsonObject &bad :
             {with(good, "type", 6), with(good, "createdAt", 1), with(good, "id", QString::fromStdString(RecordId::generate().toString()))})
            requireError(f.push(f.mentor, batch({bad})), 422, "record.metadata_mismatch");
    }
    SECTION("too many records in one push: 413")
    {
        std::vector<QJsonObject> many(kMaxRecordsPerPush + 1, good);
        requireError(f.push(f.mentor, batch(many)), 413, "request.too_large");
    }
    // Whatever was refused, the store holds only the first record, and the good one can still be pushed.
    REQUIRE(f.count() == 1);
    REQUIRE(f.pullAll(f.teacher, 2).first.size() == 1);
    REQUIRE(f.push(f.mentor, batch({good})).status == 200);
    REQUIRE(f.count() == 2);
}

TEST_CASE("triad-casestore: --issue-token stores only the token's hash; bad flags and databases are refused clearly", "[sync]")
{
    test::ensureCoreApplication();
    const auto scratch = scratchLocation();
    const QString db = QString::fromStdString(scratch->location());
    const crypto::Identity teacher = crypto::Identity::generate();
    const std::string keyHex = crypto::toHex(teacher.publicIdentity().boxKeyId());

    auto run = [&](const QString &program, const QStringList &args) {
        QProcess p;
        p.start(program, args);
        REQUIRE(p.waitForFinished(20000));
        return std::make_tuple(p.exitCode(), QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed(),
                               QString::fromLocal8Bit(p.readAllStandardError()));
    };
    const QString casestore = QStringLiteral(CASESTORE_PATH);
    const auto [code, token, err] = run(casestore, {"--db", db, "--issue-token", QString::fromStdString(keyHex)});
    INFO(err.toStdString());
    REQUIRE(code == 0);
    REQUIRE(token.startsWith("tdt1."));
    // Everything the database holds, as bytes: the SQLite file, or a data dump of the PostgreSQL database.
    if (scratch->backend() == test::Backend::Sqlite) {
        REQUIRE_FALSE(test::readFile(db).contains(token.toLatin1()));
    } else {
        const auto [dumped, dump, dumpErr] = run(QStringLiteral(PG_DUMP_PATH), {"--data-only", "--dbname", db});
        INFO(dumpErr.toStdString());
        REQUIRE(dumped == 0);
        REQUIRE(dump.contains("device_tokens"));
        REQUIRE_FALSE(dump.contains(token));
        REQUIRE_FALSE(dump.contains(token.mid(5)));
    }
    {
        auto storage = openStorage(scratch->location());
        auto found = storage->findToken(hashToken(token.toStdString()));
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        REQUIRE((*found)->readerKeyId == teacher.publicIdentity().boxKeyId());
    }
    // --new-epoch (after restoring a backup) gives the store a fresh epoch and exits; not together with a token.
    std::string epochBefore;
    {
        auto storage = openStorage(scratch->location());
        epochBefore = *storage->epoch();
    }
    const auto [c10, o10, e10] = run(casestore, {"--db", db, "--new-epoch"});
    INFO(e10.toStdString());
    REQUIRE(c10 == 0);
    REQUIRE(o10.contains("epoch is now"));
    {
        auto storage = openStorage(scratch->location());
        const std::string after = *storage->epoch();
        REQUIRE(after.size() == 32);
        REQUIRE(after != epochBefore);
        REQUIRE(o10.contains(QString::fromStdString(after)));
    }
    const auto [c11, o11, e11] = run(casestore, {"--db", db, "--new-epoch", "--issue-token", QString::fromStdString(keyHex)});
    REQUIRE(c11 != 0);
    REQUIRE(e11.contains("separate steps"));
    const auto [c1, o1, e1] = run(casestore, {"--db", db, "--issue-token", "xyz"});
    REQUIRE(c1 != 0);
    REQUIRE(e1.contains("32 hex digits"));
    const auto [c2, o2, e2] = run(casestore, {"--listen", "localhost-ish", "--db", db});
    REQUIRE(c2 != 0);
    REQUIRE(e2.contains("--listen"));
    const auto [c3, o3, e3] = run(casestore, {"--no-such-flag"});
    REQUIRE(c3 != 0);
    REQUIRE(e3.contains("no-such-flag"));
    // --district-info must name a readable district info file.
    const auto [c6, o6, e6] = run(casestore, {"--db", db, "--district-info", "/nonexistent/district.info"});
    REQUIRE(c6 == 2);
    REQUIRE(e6.contains("--district-info: cannot read /nonexistent/district.info"));
    QTemporaryDir junkDir;
    const QString junk = junkDir.filePath(QStringLiteral("district.info"));
    test::writeFile(junk, "TRIADDST but not district information");
    const auto [c7, o7, e7] = run(casestore, {"--db", db, "--district-info", junk});
    REQUIRE(c7 == 2);
    REQUIRE(e7.contains("is not district information"));
    // --origin must be a case store address (scheme, host, port; nothing after).
    for (const char *origin : {"ftp://casestore.district.org", "https://casestore.district.org/v1", "casestore.district.org"}) {
        const auto [c8, o8, e8] = run(casestore, {"--db", db, "--origin", QString::fromLatin1(origin)});
        REQUIRE(c8 == 2);
        REQUIRE(e8.contains("--origin"));
    }
    // --pull-threads: a whole number from 0 to 32.
    for (const char *threads : {"-1", "33", "two", ""}) {
        const auto [c9, o9, e9] = run(casestore, {"--db", db, "--pull-threads", QString::fromLatin1(threads)});
        INFO(threads);
        REQUIRE(c9 == 2);
        REQUIRE(e9.contains("--pull-threads needs a whole number from 0 to 32."));
    }
    // --record-memory: MiB from 0 to 65536.
    for (const char *mib : {"-1", "65537", "lots", "1.5"}) {
        const auto [c12, o12, e12] = run(casestore, {"--db", db, "--record-memory", QString::fromLatin1(mib)});
        INFO(mib);
        REQUIRE(c12 == 2);
        REQUIRE(e12.contains("--record-memory needs MiB, a whole number from 0 to 65536."));
    }
    // An unreachable or unreadable PostgreSQL: status 2 and a sentence, never the password.
    const auto [c4, o4, e4] =
        run(casestore, {"--db", "postgresql://someone:hunter2@127.0.0.1:1/cases", "--issue-token", QString::fromStdString(keyHex)});
    REQUIRE(c4 == 2);
    REQUIRE(e4.contains("postgresql://someone@127.0.0.1:1/cases cannot be reached"));
    REQUIRE_FALSE(e4.contains("hunter2"));
    const auto [c5, o5, e5] = run(casestore, {"--db", "postgres://someone:hunter2@[::1/cases"});
    REQUIRE(c5 == 2);
    REQUIRE(e5.contains("PostgreSQL URI cannot be read"));
    REQUIRE_FALSE(e5.contains("hunter2"));
}

namespace {

KeyId readerKey(std::uint8_t n)
{
    KeyId k{};
    k.fill(n);
    return k;
}

// A record as the storage holds it; the storage never parses the body, so any bytes do.
StoredRecord storedRecord(const std::vector<KeyId> &readers, const std::string &content = test::randomMarker())
{
    StoredRecord r;
    r.id = RecordId::generate();
    r.type = 5;
    r.createdAt = 1'790'000'000'000;
    r.authorKeyId = readerKey(0xA0);
    r.readerKeyIds = readers;
    r.body.assign(content.begin(), content.end());
    return r;
}

// Every record sealed to `reader`, page by page, as a device walks them.
std::vector<StoredRecord> pullEverything(RecordStorage &storage, const KeyId &reader)
{
    std::vector<StoredRecord> out;
    std::int64_t cursor = 0;
    for (;;) {
        auto page = storage.pull({reader}, cursor, 3);
        REQUIRE(page.ok());
        for (StoredRecord &r : page->records) {
            cursor = r.seq;
            out.push_back(std::move(r));
        }
        if (!page->more) return out;
    }
}

} // namespace

TEST_CASE("Case store storage: a conflict stores nothing, a retry is held, countAfter counts each record once", "[sync]")
{
    const auto scratch = scratchLocation();
    const auto storage = openStorage(scratch->location());
    const KeyId x = readerKey(1), y = readerKey(2), z = readerKey(3);
    const std::vector<StoredRecord> first = {storedRecord({x, y}), storedRecord({x}), storedRecord({y, y}), storedRecord({z})};
    auto stored = storage->insertBatch(first, 1);
    REQUIRE(stored.ok());
    REQUIRE_FALSE(stored->conflictAt);
    REQUIRE(stored->added == std::vector<bool>{true, true, true, true});
    const std::vector<StoredRecord> ofX = pullEverything(*storage, x);
    REQUIRE(ofX.size() == 2);
    REQUIRE(ofX[0].id == first[0].id);
    REQUIRE(ofX[0].body == first[0].body);
    REQUIRE(ofX[0].readerKeyIds.empty()); // the reader index is not read back
    const std::int64_t firstSeq = ofX[0].seq;

    // countAfter: each record once, however many of the readers it lists (and a reader listed twice counts once).
    REQUIRE(*storage->countAfter({x}, 0) == 2);
    REQUIRE(*storage->countAfter({y}, 0) == 2);
    REQUIRE(*storage->countAfter({x, y}, 0) == 3);
    REQUIRE(*storage->countAfter({x, y}, firstSeq) == 2);
    REQUIRE(*storage->countAfter({x, y, z}, 0) == 4);
    REQUIRE(*storage->countAfter({z}, pullEverything(*storage, z).back().seq) == 0);
    REQUIRE(*storage->countAfter({readerKey(9)}, 0) == 0);
    REQUIRE(*storage->countAfter({}, 0) == 0);

    // A batch whose third record reuses an id with other bytes: refused at that record, and nothing of it is kept,
    // not even the new records before it.
    StoredRecord forged = first[1];
    forged.body.push_back('!');
    const std::vector<StoredRecord> refused = {storedRecord({x}), first[0], forged, storedRecord({x})};
    auto conflict = storage->insertBatch(refused, 2);
    REQUIRE(conflict.ok());
    REQUIRE(conflict->conflictAt == std::size_t{2});
    REQUIRE(conflict->added.empty());
    REQUIRE(*storage->recordCount() == 4);
    REQUIRE(*storage->countAfter({x}, 0) == 2);
    const std::vector<StoredRecord> afterConflict = pullEverything(*storage, x);
    REQUIRE(afterConflict.size() == 2);
    REQUIRE(afterConflict[1].body == first[1].body);

    // A retry with one new record: the held ones change nothing, the new one comes after every old cursor.
    const std::vector<StoredRecord> retry = {first[1], storedRecord({x}), first[0]};
    auto again = storage->insertBatch(retry, 3);
    REQUIRE(again.ok());
    REQUIRE(again->added == std::vector<bool>{false, true, false});
    const std::vector<StoredRecord> now = pullEverything(*storage, x);
    REQUIRE(now.size() == 3);
    REQUIRE(now[0].seq == afterConflict[0].seq);
    REQUIRE(now[1].seq == afterConflict[1].seq);
    REQUIRE(now[2].id == retry[1].id);
    REQUIRE(now[2].seq > now[1].seq);
    REQUIRE(*storage->countAfter({x}, now[1].seq) == 1);
}

TEST_CASE("Case store storage: a reader in many reader sets gets each of its records once, in order, on every page size", "[sync]")
{
    // The SQLite store lays records out by reader set and merges a reader's sets range by range, up to 64 sets with
    // records after the cursor, then reads through the reader index; the result must not depend on which path runs.
    const auto scratch = scratchLocation();
    const auto storage = openStorage(scratch->location());
    const KeyId mentor = readerKey(1), teacher = readerKey(2), admin = readerKey(3);
    std::vector<StoredRecord> all;
    std::map<KeyId, std::vector<RecordId>> expected;
    auto push = [&](std::vector<StoredRecord> batch) {
        REQUIRE(storage->insertBatch(batch, 1)->added == std::vector<bool>(batch.size(), true));
        for (const StoredRecord &r : batch) {
            std::set<KeyId> readers(r.readerKeyIds.begin(), r.readerKeyIds.end());
            for (const KeyId &k : readers) expected[k].push_back(r.id);
            all.push_back(r);
        }
    };
    // 90 sets holding the mentor (each with one other reader of its own), interleaved with the teacher's three sets,
    // one of them listing the teacher twice and in another order.
    for (int round = 0; round < 3; ++round) {
        std::vector<StoredRecord> batch;
        for (int i = 0; i < 30; ++i) {
            batch.push_back(storedRecord({mentor, readerKey(static_cast<std::uint8_t>(100 + round * 30 + i))}));
            if (i % 7 == 0) batch.push_back(storedRecord({teacher, mentor, admin}));
            if (i % 11 == 0) batch.push_back(storedRecord({teacher, teacher}));
            if (i % 13 == 0) batch.push_back(storedRecord({admin, teacher}));
        }
        push(batch);
    }
    auto walk = [&](const std::vector<KeyId> &readers, int pageSize, std::int64_t from = 0) {
        std::vector<RecordId> out;
        std::int64_t cursor = from, last = from;
        for (;;) {
            auto page = storage->pull(readers, cursor, pageSize);
            REQUIRE(page.ok());
            REQUIRE(page->records.size() <= static_cast<std::size_t>(pageSize));
            for (const StoredRecord &r : page->records) {
                REQUIRE(r.seq > last); // ascending, none twice
                last = r.seq;
                out.push_back(r.id);
            }
            if (!page->records.empty()) cursor = page->records.back().seq;
            if (!page->more) return out;
            REQUIRE(page->records.size() == static_cast<std::size_t>(pageSize));
        }
    };
    for (const int pageSize : {1, 7, 50, 500}) {
        INFO("page size " << pageSize);
        CHECK(walk({mentor}, pageSize) == expected[mentor]); // 90 + sets: through the reader index
        CHECK(walk({teacher}, pageSize) == expected[teacher]); // three sets: merged
        CHECK(walk({admin}, pageSize) == expected[admin]);
    }
    // Several readers at once (a device with an older key): each record once.
    std::vector<RecordId> teacherOrAdmin;
    for (const StoredRecord &r : all)
        if (std::find(r.readerKeyIds.begin(), r.readerKeyIds.end(), teacher) != r.readerKeyIds.end()
            || std::find(r.readerKeyIds.begin(), r.readerKeyIds.end(), admin) != r.readerKeyIds.end())
            teacherOrAdmin.push_back(r.id);
    CHECK(walk({teacher, admin}, 4) == teacherOrAdmin);
    CHECK(walk({admin, teacher, admin}, 1000) == teacherOrAdmin);
    // Caught up, the mentor's sets with records after the cursor are few: later records come by the merge.
    const std::int64_t caughtUp = storage->pull({mentor}, 0, 100000)->records.back().seq;
    push({storedRecord({mentor, readerKey(100)}), storedRecord({readerKey(200)}), storedRecord({mentor, readerKey(101)}),
          storedRecord({mentor, teacher, admin})});
    const std::vector<RecordId> later = walk({mentor}, 2, caughtUp);
    REQUIRE(later.size() == 3);
    CHECK(later == std::vector<RecordId>(expected[mentor].end() - 3, expected[mentor].end()));
    CHECK(walk({readerKey(200)}, 2) == std::vector<RecordId>{all[all.size() - 3].id});
    CHECK(walk({readerKey(201)}, 2).empty());
    // By id, as the media and grant lookups read them: the body as pushed.
    const auto byId = storage->recordById(all[5].id);
    REQUIRE(byId.ok());
    REQUIRE(byId->has_value());
    CHECK((*byId)->body == all[5].body);
    CHECK((*byId)->seq > 0);
}

TEST_CASE("Case store storage: a pull stops at the page's bytes before reading the records after them", "[sync]")
{
    // Records are up to 16 MiB: a page of 1,000 of them must not be read whole before the 8 MiB cut.
    const auto scratch = scratchLocation();
    const auto storage = openStorage(scratch->location());
    const KeyId reader = readerKey(1);
    const std::string big(3 * 1024 * 1024, 'b'); // two fit in 8 MiB, a third does not
    std::vector<StoredRecord> batch;
    for (int i = 0; i < 7; ++i) batch.push_back(storedRecord({reader}, big + std::to_string(i)));
    batch.insert(batch.begin() + 1, storedRecord({reader}, std::string(9 * 1024 * 1024, 'h'))); // one alone is over the cut
    REQUIRE(storage->insertBatch(batch, 1)->added == std::vector<bool>(batch.size(), true));
    std::vector<std::size_t> pageSizes;
    std::vector<RecordId> seen;
    std::int64_t cursor = 0;
    for (;;) {
        auto page = storage->pull({reader}, cursor, 1000);
        REQUIRE(page.ok());
        REQUIRE(!page->records.empty());
        std::size_t bytes = 0;
        for (const StoredRecord &r : page->records) {
            bytes += r.body.size();
            seen.push_back(r.id);
        }
        CHECK((page->records.size() == 1 || bytes <= kMaxPullPageBytes));
        pageSizes.push_back(page->records.size());
        cursor = page->records.back().seq;
        if (!page->more) break;
    }
    // 3 MiB (the 9 MiB record after it would pass 8 MiB), the 9 MiB record alone, then the six of 3 MiB two by two.
    CHECK(pageSizes == std::vector<std::size_t>{1, 1, 2, 2, 2});
    std::vector<RecordId> pushed;
    for (const StoredRecord &r : batch) pushed.push_back(r.id);
    CHECK(seen == pushed);
}

TEST_CASE("Case store SQLite file: a pull finds the reader's sets with new records by an index, however many sets it was ever in", "[sync]")
{
    // A device that pushes records to ever new reader sets (each naming a victim) must not make the victim's pulls
    // walk every set it was ever in: the members' newest seq is indexed. Always the SQLite store (its layout).
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("casestore.db")).toStdString();
    auto opened = SqliteRecordStorage::open(path);
    REQUIRE(opened.ok());
    auto &storage = **opened;
    const KeyId victim = readerKey(1);
    std::vector<StoredRecord> batch;
    for (int i = 0; i < 300; ++i) {
        KeyId other{};
        other.fill(0x40);
        other[0] = static_cast<std::uint8_t>(i);
        other[1] = static_cast<std::uint8_t>(i >> 8);
        batch.push_back(storedRecord({victim, other}));
    }
    REQUIRE(storage.insertBatch(batch, 1).ok());
    const std::int64_t last = storage.pull({victim}, 0, 1000)->records.back().seq;
    CHECK(storage.pull({victim}, last, 10)->records.empty()); // caught up: nothing, through 300 old sets
    REQUIRE(storage.insertBatch({storedRecord({victim, readerKey(2)})}, 2).ok());
    const auto fresh = storage.pull({victim}, last, 10);
    REQUIRE(fresh->records.size() == 1);
    CHECK_FALSE(fresh->more);

    sqlite3 *db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    auto plan = [db](const char *sql) {
        sqlite3_stmt *st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, (std::string("EXPLAIN QUERY PLAN ") + sql).c_str(), -1, &st, nullptr) == SQLITE_OK);
        std::string out;
        while (sqlite3_step(st) == SQLITE_ROW) out += std::string(reinterpret_cast<const char *>(sqlite3_column_text(st, 3))) + "\n";
        sqlite3_finalize(st);
        return out;
    };
    // The statement SqliteRecordStorage::pull lists the sets with (one reader key).
    const std::string sets = plan("SELECT DISTINCT set_id FROM reader_set_members WHERE reader_key IN (?) AND last_seq > ? LIMIT ?");
    INFO(sets);
    CHECK(sets.find("USING COVERING INDEX reader_set_members_by_newest (reader_key=? AND last_seq>?)") != std::string::npos);
    const std::string range = plan("SELECT s.seq, s.body FROM set_records s WHERE s.set_id = ? AND s.seq > ? ORDER BY s.seq LIMIT ?");
    INFO(range);
    CHECK(range.find("USING PRIMARY KEY (set_id=? AND seq>?)") != std::string::npos);
    sqlite3_close(db);
}

TEST_CASE("Case store SQLite file: the writer's log is copied into the file beside its commits, and nothing is lost", "[sync]")
{
    // The group committer's connection checkpoints on a thread of its own (sqlite/wal_checkpointer.h): its log is
    // copied and used again from its start while pushes go on, and every record stays there for the pulls.
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("casestore.db")).toStdString();
    auto opened = SqliteRecordStorage::open(path);
    REQUIRE(opened.ok());
    auto writer = (*opened)->openAnother();
    REQUIRE(writer.ok());
    REQUIRE((*writer)->checkpointInBackground().ok());
    REQUIRE((*writer)->checkpointInBackground().ok()); // a second call changes nothing

    const KeyId reader = readerKey(21);
    const std::uint32_t restartsBefore = test::walRestarts(path);
    std::size_t pushed = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (test::walRestarts(path) == restartsBefore && std::chrono::steady_clock::now() < until) {
        std::vector<StoredRecord> batch;
        for (int i = 0; i < 20; ++i) {
            batch.push_back(storedRecord({reader}));
            batch.back().body.resize(3000, 0x33);
        }
        REQUIRE((*writer)->insertBatch(batch, 1).ok());
        pushed += batch.size();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    CHECK(test::walRestarts(path) > restartsBefore);
    // Copied by the thread (SQLite's own autocheckpoint, inside the commits, would restart the log too).
    const auto *sqliteWriter = dynamic_cast<const SqliteRecordStorage *>(writer->get());
    REQUIRE(sqliteWriter);
    CHECK(sqliteWriter->backgroundCheckpoints() >= 1);
    CHECK(dynamic_cast<const SqliteRecordStorage &>(**opened).backgroundCheckpoints() == 0); // the front end's: none
    writer->reset(); // closes during whatever checkpoint runs
    std::size_t pulled = 0;
    std::int64_t cursor = 0;
    for (;;) {
        auto page = (*opened)->pull({reader}, cursor, 1000);
        REQUIRE(page.ok());
        pulled += page->records.size();
        if (page->records.empty()) break;
        cursor = page->records.back().seq;
    }
    CHECK(pulled == pushed);
}

TEST_CASE("Case store SQLite file: a pull thread reads through the map only while nothing is committed, and sees every commit", "[sync]")
{
    // SqliteRecordStorage::beforeRequest: after the writer commits, a pull connection reads without its map (SQLite
    // would drop and rebuild all of it at the first read); a request finding nothing committed since the one before
    // maps the file again. Whichever way it reads, every page is current.
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("casestore.db")).toStdString();
    auto opened = SqliteRecordStorage::open(path);
    REQUIRE(opened.ok());
    CHECK_FALSE((*opened)->readsThroughMap()); // the front end's connection never does
    auto writer = (*opened)->openAnother();
    auto reader = (*opened)->openAnother();
    REQUIRE(writer.ok());
    REQUIRE(reader.ok());
    auto &pull = dynamic_cast<SqliteRecordStorage &>(**reader);
    const KeyId me = readerKey(31);
    std::int64_t cursor = 0;
    std::size_t held = 0;
    auto pullAll = [&] {
        for (;;) {
            auto page = pull.pull({me}, cursor, 7);
            REQUIRE(page.ok());
            if (page->records.empty()) return;
            held += page->records.size();
            cursor = page->records.back().seq;
        }
    };
    CHECK(pull.readsThroughMap());
    pull.beforeRequest(); // nothing committed since it opened: the map stays
    CHECK(pull.readsThroughMap());
    for (int round = 0; round < 3; ++round) {
        std::vector<StoredRecord> batch;
        for (int i = 0; i < 25; ++i) batch.push_back(storedRecord({me, readerKey(32)}));
        REQUIRE((*writer)->insertBatch(batch, 1).ok());
        pull.beforeRequest(); // the writer committed: read without the map
        CHECK_FALSE(pull.readsThroughMap());
        pullAll();
        CHECK(held == 25u * (round + 1));
        pull.beforeRequest(); // nothing since: mapped again, and the records read the same
        CHECK(pull.readsThroughMap());
        auto again = pull.pull({me}, 0, 1000);
        REQUIRE(again.ok());
        CHECK(again->records.size() == held);
    }
    // A commit through the connection open() returned counts the same as the writer's.
    REQUIRE((*opened)->insertBatch({storedRecord({me})}, 2).ok());
    pull.beforeRequest();
    CHECK_FALSE(pull.readsThroughMap());
    pullAll();
    CHECK(held == 76u);
}

TEST_CASE("Case store storage: lookups by a list of keys answer the same for short and long lists, again and again", "[sync]")
{
    // countAfter and the pull keep their statements prepared for lists of up to 8 keys and prepare a longer list's
    // for its one use: both answer alike, and a kept statement answers afresh each time.
    const auto scratch = scratchLocation();
    const auto storage = openStorage(scratch->location());
    std::vector<KeyId> readers;
    for (int i = 0; i < 12; ++i) readers.push_back(readerKey(static_cast<std::uint8_t>(40 + i)));
    for (int i = 0; i < 12; ++i) REQUIRE(storage->insertBatch({storedRecord({readers[static_cast<std::size_t>(i)]})}, 1).ok());
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t n : {1u, 8u, 9u, 12u}) {
            CAPTURE(pass, n);
            const std::vector<KeyId> some(readers.begin(), readers.begin() + static_cast<std::ptrdiff_t>(n));
            CHECK(*storage->countAfter(some, 0) == static_cast<std::int64_t>(n));
            auto page = storage->pull(some, 0, 100);
            REQUIRE(page.ok());
            CHECK(page->records.size() == n);
        }
    }
}

// Group commit (sync/casestore/group_commit.h): several pushes in one transaction, each all or nothing on its own.
TEST_CASE("Case store storage: a group of pushes commits together; a conflict takes back only its own batch", "[sync]")
{
    const auto scratch = scratchLocation();
    auto storage = openStorage(scratch->location());
    const KeyId x = readerKey(11);
    const StoredRecord held = storedRecord({x});
    REQUIRE(storage->insertBatch({held}, 1)->added == std::vector<bool>{true});

    StoredRecord heldOther = held;
    heldOther.body.back() ^= 1; // as long as the held bytes, one bit apart (PostgreSQL compares their SHA-256)
    const std::vector<StoredRecord> fresh = {storedRecord({x}), storedRecord({x})};
    const std::vector<StoredRecord> conflicting = {storedRecord({x}), heldOther};  // a fresh record, then a conflict
    const std::vector<StoredRecord> retry = {storedRecord({x}), held};             // a fresh record and a retry
    const std::vector<StoredRecord> again = {fresh[1]};                            // pushed again in the same group
    StoredRecord freshOther = fresh[0];
    freshOther.body.push_back('?');
    const std::vector<StoredRecord> lateConflict = {freshOther};                   // conflicts with the group's own
    const std::vector<PushBatch> group = {{&fresh, 2}, {&conflicting, 3}, {&retry, 4}, {&again, 5}, {&lateConflict, 6}};

    auto outcomes = storage->insertBatches(group);
    REQUIRE(outcomes.ok());
    REQUIRE(outcomes->size() == group.size());
    REQUIRE((*outcomes)[0].added == std::vector<bool>{true, true});
    REQUIRE_FALSE((*outcomes)[0].conflictAt);
    REQUIRE((*outcomes)[1].conflictAt == std::size_t{1});
    REQUIRE((*outcomes)[2].added == std::vector<bool>{true, false});
    REQUIRE((*outcomes)[3].added == std::vector<bool>{false});
    REQUIRE((*outcomes)[4].conflictAt == std::size_t{0});

    const std::vector<StoredRecord> ofX = pullEverything(*storage, x);
    std::vector<RecordId> ids;
    for (const StoredRecord &r : ofX) ids.push_back(r.id);
    // In the order of the group; nothing of the conflicting batch; the held record with its first bytes.
    REQUIRE(ids == std::vector<RecordId>{held.id, fresh[0].id, fresh[1].id, retry[0].id});
    REQUIRE(ofX[0].body == held.body);
    REQUIRE(ofX[1].body == fresh[0].body);
    REQUIRE(ofX[1].receivedAt == 2);
    REQUIRE(ofX[3].receivedAt == 4);
    REQUIRE(*storage->recordCount() == 4);
    REQUIRE_FALSE(storage->recordById(conflicting[0].id)->has_value());

    // A second connection (the group committer's) sees the same database.
    auto other = storage->openAnother();
    REQUIRE(other.ok());
    REQUIRE(*(*other)->recordCount() == 4);
}

// A push reply names the seqs under the store's epoch: PostgreSQL reads it in the transaction that stored them (with
// the push lock), so no request reads it after; SQLite leaves it to the caller (CaseStoreApi::pushStored).
TEST_CASE("Case store storage: a stored group names the epoch it was stored under, a new one after a new epoch", "[sync]")
{
    const auto scratch = scratchLocation();
    auto storage = openStorage(scratch->location());
    const KeyId x = readerKey(12);
    const std::vector<StoredRecord> one = {storedRecord({x})}, two = {storedRecord({x}), storedRecord({x})};
    const std::vector<PushBatch> group = {{&one, 1}, {&two, 2}};
    auto stored = storage->insertBatches(group);
    REQUIRE(stored.ok());
    const std::string epoch = *storage->epoch();
    for (const BatchOutcome &o : *stored) {
        if (scratch->backend() == test::Backend::Postgres)
            CHECK(o.epoch == epoch);
        else
            CHECK(o.epoch.empty());
    }
    // Seqs drawn for the group, in push order, each once.
    REQUIRE((*stored)[0].seqs.size() == 1);
    REQUIRE((*stored)[1].seqs.size() == 2);
    CHECK((*stored)[0].seqs[0] < (*stored)[1].seqs[0]);
    CHECK((*stored)[1].seqs[0] < (*stored)[1].seqs[1]);

    // Another process gives the store a new epoch: the next group names it.
    auto other = openStorage(scratch->location());
    const auto renewed = other->newEpoch();
    REQUIRE(renewed.ok());
    REQUIRE(*renewed != epoch);
    const std::vector<StoredRecord> three = {storedRecord({x})};
    auto after = storage->insertBatch(three, 3);
    REQUIRE(after.ok());
    if (scratch->backend() == test::Backend::Postgres) CHECK(after->epoch == *renewed);
    CHECK(*storage->epoch() == *renewed);
}

// The commit-order race: a puller that saw a higher seq commit before a lower one would move its cursor past the
// lower one and never pull it. Two pushers and a puller on separate connections, many small batches.
TEST_CASE("Case store storage: two pushers and a puller on separate connections; every record is pulled exactly once", "[sync]")
{
    const auto scratch = scratchLocation();
    constexpr int kPushers = 2, kRounds = 150, kBatch = 4;
    const KeyId reader = readerKey(7);
    std::vector<std::unique_ptr<RecordStorage>> connections;
    for (int i = 0; i <= kPushers; ++i) connections.push_back(openStorage(scratch->location()));

    // Threads only record; Catch2 assertions run on this thread afterwards.
    std::vector<std::string> failures(kPushers + 1);
    std::vector<std::vector<RecordId>> pushed(kPushers);
    std::vector<StoredRecord> pulled;
    std::atomic<int> pushing{kPushers};
    std::vector<std::thread> threads;
    for (int p = 0; p < kPushers; ++p) {
        threads.emplace_back([&, p] {
            for (int round = 0; round < kRounds && failures[p].empty(); ++round) {
                std::vector<StoredRecord> batch;
                for (int i = 0; i < kBatch; ++i) batch.push_back(storedRecord({reader}));
                auto outcome = connections[p]->insertBatch(batch, round);
                if (!outcome)
                    failures[p] = outcome.error().message;
                else if (outcome->conflictAt || outcome->added != std::vector<bool>(kBatch, true))
                    failures[p] = "a fresh batch was not stored whole";
                else
                    for (const StoredRecord &r : batch) pushed[p].push_back(r.id);
            }
            --pushing;
        });
    }
    threads.emplace_back([&] {
        std::int64_t cursor = 0;
        for (;;) {
            // Read before the pull: a pull that starts after the last push returned and comes back empty is the end.
            const bool pushersDone = pushing == 0;
            auto page = connections[kPushers]->pull({reader}, cursor, 5);
            if (!page) {
                failures[kPushers] = page.error().message;
                return;
            }
            for (StoredRecord &r : page->records) {
                cursor = r.seq;
                pulled.push_back(std::move(r));
            }
            if (pushersDone && page->records.empty()) return;
        }
    });
    for (std::thread &t : threads) t.join();
    for (const std::string &failure : failures) REQUIRE(failure.empty());

    std::set<RecordId> expected;
    for (const auto &ids : pushed) expected.insert(ids.begin(), ids.end());
    REQUIRE(expected.size() == std::size_t{kPushers * kRounds * kBatch});
    std::set<RecordId> seen;
    for (std::size_t i = 0; i < pulled.size(); ++i) {
        INFO("pulled record " << i << " at seq " << pulled[i].seq);
        REQUIRE(seen.insert(pulled[i].id).second); // never twice
        if (i > 0) REQUIRE(pulled[i].seq > pulled[i - 1].seq);
    }
    std::vector<RecordId> lost;
    std::set_difference(expected.begin(), expected.end(), seen.begin(), seen.end(), std::back_inserter(lost));
    INFO(lost.size() << " of " << expected.size() << " pushed records were never pulled");
    REQUIRE(lost.empty());
    REQUIRE(seen.size() == expected.size()); // and nothing was pulled that was not pushed
}

TEST_CASE("Case store storage: one id pushed at once from two connections is stored once, held or refused, never an error", "[sync]")
{
    const auto scratch = scratchLocation();
    const KeyId reader = readerKey(8);
    std::array<std::unique_ptr<RecordStorage>, 2> connections = {openStorage(scratch->location()), openStorage(scratch->location())};
    constexpr int kRounds = 40;
    std::map<RecordId, Bytes> winners; // the bytes each contested id must be stored with
    std::set<RecordId> losersFresh;    // records of refused batches: never stored
    std::int64_t expectedCount = 0;
    for (int round = 0; round < kRounds; ++round) {
        const bool identical = round % 2 == 0;
        const StoredRecord contested = storedRecord({reader});
        std::array<std::vector<StoredRecord>, 2> batches;
        for (std::size_t t = 0; t < 2; ++t) {
            StoredRecord mine = contested;
            if (!identical) mine.body.push_back(static_cast<std::uint8_t>('0' + t));
            batches[t] = {storedRecord({reader}), mine}; // a fresh record of its own, then the contested id
        }
        const auto outcomes = together([&](std::size_t t) { return connections[t]->insertBatch(batches[t], round); });

        INFO("round " << round << (identical ? ", identical bytes" : ", different bytes"));
        for (const auto &o : outcomes) {
            INFO((o->ok() ? std::string() : o->error().message));
            REQUIRE(o->ok());
        }
        const BatchOutcome &a = **outcomes[0], &b = **outcomes[1];
        if (identical) {
            REQUIRE_FALSE(a.conflictAt);
            REQUIRE_FALSE(b.conflictAt);
            REQUIRE(a.added[1] != b.added[1]); // one stored it, the other found it held
            winners[contested.id] = contested.body;
            expectedCount += 3;
        } else {
            REQUIRE(a.conflictAt.has_value() != b.conflictAt.has_value());
            const std::size_t winner = a.conflictAt ? 1 : 0;
            REQUIRE((winner == 0 ? b : a).conflictAt == std::size_t{1});
            REQUIRE((winner == 0 ? a : b).added == std::vector<bool>{true, true});
            winners[contested.id] = batches[winner][1].body;
            winners[batches[winner][0].id] = batches[winner][0].body;
            losersFresh.insert(batches[1 - winner][0].id);
            expectedCount += 2;
        }
    }
    REQUIRE(*connections[0]->recordCount() == expectedCount);
    std::map<RecordId, Bytes> stored;
    for (const StoredRecord &r : pullEverything(*connections[1], reader)) REQUIRE(stored.emplace(r.id, r.body).second);
    for (const auto &[id, body] : winners) {
        REQUIRE(stored.count(id) == 1);
        REQUIRE(stored.at(id) == body);
    }
    for (const RecordId &id : losersFresh) REQUIRE(stored.count(id) == 0);
}

TEST_CASE("Case store on PostgreSQL: a restarted server is reconnected to at the next call, a stopped one answers 503 server.storage",
          "[sync][postgres]")
{
    test::ensureCoreApplication();
    // A private cluster: restarting the shared pg_cluster fixture would cut other suites' connections.
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    quint16 pgPort = 0;
    {
        QTcpServer probe;
        REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
        pgPort = probe.serverPort();
    }
    const QString cluster = dir.filePath(QStringLiteral("cluster"));
    auto pgCluster = [&](const char *action) {
        QProcess p;
        p.start(QStringLiteral("bash"), {QStringLiteral(PG_CLUSTER_SCRIPT), QString::fromLatin1(action), cluster, QString::number(pgPort)});
        const bool finished = p.waitForFinished(120000);
        return std::make_pair(finished && p.exitCode() == 0, QString::fromLocal8Bit(p.readAllStandardError()));
    };
    const auto [started, startErr] = pgCluster("start");
    INFO(startErr.toStdString());
    REQUIRE(started);
    struct Remove {
        std::function<void()> f;
        ~Remove() { f(); }
    } remove{[&] { pgCluster("stop"); }};

    CaseStoreFixture f("postgresql://postgres@127.0.0.1:" + std::to_string(pgPort) + "/postgres");
    const QJsonObject first = sealedNote(f.mentor.identity, {&f.teacher.identity}, test::randomMarker());
    const QJsonObject second = sealedNote(f.mentor.identity, {&f.teacher.identity}, test::randomMarker());
    REQUIRE(f.push(f.mentor, batch({first})).status == 200);

    // Restarted: every connection of the case store (the writer's, each pull thread's) finds its connection gone at
    // its next call, makes it again and runs the call once more: no request fails.
    REQUIRE(pgCluster("restart").first);
    for (int i = 0; i < 4; ++i) { // enough pulls to reach every pull thread
        const Http back = f.pull(f.teacher, QString(), 10);
        INFO(back.raw.toStdString());
        REQUIRE(back.status == 200);
        REQUIRE(back.json.value("records").toArray().size() == 1);
    }

    // Down for a while: every call is 503 (reconnecting fails), nothing is half stored; back up, everything works.
    REQUIRE(pgCluster("down").first);
    requireError(f.push(f.mentor, batch({second})), 503, "server.storage");
    requireError(f.pull(f.teacher, QString(), 10), 503, "server.storage");
    requireError(f.push(f.mentor, batch({second})), 503, "server.storage");
    REQUIRE(pgCluster("up").first);
    const Http pushed = f.push(f.mentor, batch({second, first}));
    INFO(pushed.raw.toStdString());
    REQUIRE(pushed.status == 200);
    REQUIRE(pushed.json.value("stored").toInt() == 1);
    const auto [ids, cursors] = f.pullAll(f.teacher, 10);
    REQUIRE(ids == std::vector<QString>{first.value("id").toString(), second.value("id").toString()});
}

TEST_CASE("Case store on PostgreSQL: case stores starting together create the schema once; a newer schema is refused", "[sync][postgres]")
{
    const auto scratch = scratchLocation();
    constexpr int kStarters = 4;
    std::vector<std::optional<Result<std::unique_ptr<RecordStorage>>>> opened(kStarters);
    {
        std::latch start(kStarters);
        std::vector<std::thread> threads;
        for (int i = 0; i < kStarters; ++i)
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                opened[static_cast<std::size_t>(i)] = openRecordStorage(scratch->location());
            });
        for (std::thread &t : threads) t.join();
    }
    for (const auto &o : opened) {
        INFO((o->ok() ? std::string() : o->error().message));
        REQUIRE(o->ok());
    }
    REQUIRE((**opened[0])->insertBatch({storedRecord({readerKey(1)})}, 1).ok());
    REQUIRE(*(**opened[kStarters - 1])->recordCount() == 1);

    QProcess psql;
    psql.start(QStringLiteral(PG_PSQL_PATH),
               {"-q", "-v", "ON_ERROR_STOP=1", "-c", "UPDATE schema_version SET version = 8", QString::fromStdString(scratch->location())});
    REQUIRE(psql.waitForFinished(20000));
    INFO(psql.readAllStandardError().toStdString());
    REQUIRE(psql.exitCode() == 0);
    auto newer = openRecordStorage(scratch->location());
    REQUIRE_FALSE(newer.ok());
    REQUIRE(newer.error().code == "casestore.db_too_new");
    REQUIRE(newer.error().message.find("newer case store") != std::string::npos);
}

// --- the district directory on the case store (triad-casestore --district-info) ------------------------------------

namespace {

// A district as district IT holds it: the root key that certifies people and signs revocation lists, the records key.
struct District {
    crypto::Identity root = crypto::Identity::generate();
    crypto::Identity records = crypto::Identity::generate();
    directory::DistrictInfo info;
    std::uint64_t nextRevocationSequence = 1;

    explicit District(const std::string &name = "Sierra Foothills Unified School District")
    {
        info.name = name;
        info.rootSignPublicKey = root.publicIdentity().signPublicKey;
        info.recordsBoxPublicKey = records.publicIdentity().boxPublicKey;
        info.recordsSignPublicKey = records.publicIdentity().signPublicKey;
    }

    directory::Certificate certificateFor(const crypto::Identity &keys, const RecordId &person, Role role) const
    {
        directory::Certificate c;
        c.serial = RecordId::generate();
        c.personId = person;
        c.displayName = "Person " + person.toString().substr(0, 8);
        c.roles = {role};
        c.keys = keys.publicIdentity();
        c.issuedAtMs = kNow - 30 * kDay;
        c.notAfterMs = kNow + 300 * kDay;
        return c;
    }
    crypto::Bytes sign(const directory::Certificate &c) const
    {
        auto bytes = directory::issueCertificate(root, c);
        REQUIRE(bytes.ok());
        return *bytes;
    }
    // The next revocation list naming `serials` (cumulative, as triadctl district revoke writes it).
    crypto::Bytes revoke(const std::set<RecordId> &serials)
    {
        directory::RevocationList list;
        list.sequence = nextRevocationSequence++;
        list.issuedAtMs = kNow;
        list.revokedSerials = serials;
        auto bytes = directory::issueRevocations(root, list);
        REQUIRE(bytes.ok());
        return *bytes;
    }
};

// A person's device: its keys, the certificate district IT gave for them, and the token it enrolled for.
struct Enrolled {
    crypto::Identity identity = crypto::Identity::generate();
    directory::Certificate certificate;
    crypto::Bytes certificateBytes;
    Device device; // the device token once enrolled
};

crypto::Identity copyOf(const crypto::Identity &identity) { return crypto::Identity::importSecret(identity.exportSecret().span()).value(); }

QByteArray octets(std::span<const std::uint8_t> b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); }
QString base64(std::span<const std::uint8_t> b) { return QString::fromLatin1(octets(b).toBase64()); }
std::span<const std::uint8_t> spanOf(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()), static_cast<std::size_t>(b.size())};
}

QByteArray challengeNonce(CaseStoreFixture &f)
{
    const Http h = f.call("GET", QStringLiteral("/v1/enroll/challenge"), "");
    INFO(h.raw.toStdString());
    REQUIRE(h.status == 200);
    REQUIRE(h.json.value("expiresAt").toInteger() == f.clock + kEnrollChallengeLifetimeMs);
    const QByteArray nonce = QByteArray::fromBase64(h.json.value("nonce").toString().toLatin1());
    REQUIRE(nonce.size() == 32);
    return nonce;
}

// The enrollment request body: `certificate`, `nonce` and a signature by `signer` over the enrollment message for
// the case store at `origin`, which the body names too.
QByteArray enrollBody(const std::string &origin, std::span<const std::uint8_t> certificate, const QByteArray &nonce, const crypto::Identity &signer,
                      const RecordId &serial)
{
    const crypto::Bytes signature = signer.sign(directory::caseStoreEnrollmentMessage(origin, spanOf(nonce), serial));
    return QJsonDocument(QJsonObject{{"certificate", base64(certificate)},
                                     {"nonce", QString::fromLatin1(nonce.toBase64())},
                                     {"signature", base64(signature)},
                                     {"origin", QString::fromStdString(origin)}})
        .toJson(QJsonDocument::Compact);
}
// ...for the case store of `f`, as a device that enrolls with it does.
QByteArray enrollBody(CaseStoreFixture &f, std::span<const std::uint8_t> certificate, const QByteArray &nonce, const crypto::Identity &signer,
                      const RecordId &serial)
{
    return enrollBody(f.server->api().origin(), certificate, nonce, signer, serial);
}

Http postEnroll(CaseStoreFixture &f, const QByteArray &body) { return f.call("POST", QStringLiteral("/v1/enroll"), "", body); }

// Challenge, sign, enroll, as a device does; the token goes into `e.device`.
void enroll(CaseStoreFixture &f, Enrolled &e)
{
    const Http h = postEnroll(f, enrollBody(f, e.certificateBytes, challengeNonce(f), e.identity, e.certificate.serial));
    INFO(h.raw.toStdString());
    REQUIRE(h.status == 200);
    REQUIRE(h.json.value("protocol").toString() == kProtocolVersion);
    REQUIRE(h.json.value("person").toString().toStdString() == e.certificate.personId.toString());
    REQUIRE(h.json.value("serial").toString().toStdString() == e.certificate.serial.toString());
    REQUIRE(h.json.value("readerKeyId").toString().toStdString() == crypto::toHex(e.identity.publicIdentity().boxKeyId()));
    e.device.identity = copyOf(e.identity);
    e.device.token = h.json.value("token").toString().toStdString();
    REQUIRE(e.device.token.starts_with("tdt1."));
}

Enrolled certified(const District &d, const RecordId &person, Role role)
{
    Enrolled e;
    e.certificate = d.certificateFor(e.identity, person, role);
    e.certificateBytes = d.sign(e.certificate);
    return e;
}

// Another device of the same person with the same keys (restored from the key backup), so the same certificate.
Enrolled sameKeys(const Enrolled &e)
{
    Enrolled other;
    other.identity = copyOf(e.identity);
    other.certificate = e.certificate;
    other.certificateBytes = e.certificateBytes;
    return other;
}

Http postDirectoryObject(CaseStoreFixture &f, const char *path, std::span<const std::uint8_t> bytes,
                         const QByteArray &contentType = "application/octet-stream")
{
    return f.call("POST", QString::fromLatin1(path), "", octets(bytes), contentType);
}

// Nothing of the certificate was kept: the case store holds no certificate for its key.
bool certificateHeld(RecordStorage &storage, const Enrolled &e)
{
    auto held = storage.certificatesFor({e.identity.publicIdentity().signKeyId()});
    REQUIRE(held.ok());
    return !held->empty();
}

// A district-aware case store on which a mentor enrolled two devices (the phone holds the tablet's keys, restored
// from the key backup, and so the same certificate) and a teacher one.
struct EnrolledDistrict {
    District district;
    CaseStoreFixture f{{}, district.info};
    RecordId mentorPerson = RecordId::generate();
    Enrolled tablet = certified(district, mentorPerson, Role::ParMentor);
    Enrolled phone = sameKeys(tablet);
    Enrolled teacher = certified(district, RecordId::generate(), Role::ParticipatingTeacher);

    EnrolledDistrict()
    {
        for (Enrolled *e : {&tablet, &phone, &teacher}) enroll(f, *e);
    }
};

} // namespace

TEST_CASE("Case store with a district: devices enroll with their certificates, one token per device", "[sync]")
{
    EnrolledDistrict d;
    auto &[district, f, mentorPerson, tablet, phone, teacher] = d;
    REQUIRE(tablet.device.token != phone.device.token);

    // Each token is bound to the certificate's serial, person and reader key; only its hash is stored.
    for (const Enrolled *e : {&tablet, &phone}) {
        auto found = f.storage->findToken(hashToken(e->device.token));
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        REQUIRE((*found)->readerKeyId == tablet.identity.publicIdentity().boxKeyId());
        REQUIRE((*found)->certificateSerial == tablet.certificate.serial);
        REQUIRE((*found)->personId == mentorPerson);
    }
    REQUIRE(certificateHeld(*f.storage, tablet));

    // The tokens work: the tablet pushes a note for the teacher, the phone and the teacher pull it.
    const QJsonObject note = sealedNote(tablet.identity, {&tablet.identity, &teacher.identity}, test::randomMarker());
    const Http pushed = f.push(tablet.device, batch({note}));
    INFO(pushed.raw.toStdString());
    REQUIRE(pushed.status == 200);
    REQUIRE(f.pullAll(phone.device, 10).first == std::vector<QString>{note.value("id").toString()});
    REQUIRE(f.pullAll(teacher.device, 10).first == std::vector<QString>{note.value("id").toString()});
    // A token district IT issued by hand still works beside them.
    REQUIRE(f.pull(f.mentor, QString(), 10).status == 200);
}

TEST_CASE("Case store enrollment refuses what it cannot trust, with a clear reason, and keeps nothing", "[sync]")
{
    District district;
    CaseStoreFixture f({}, district.info);
    Enrolled mentor = certified(district, RecordId::generate(), Role::ParMentor);
    auto refuse = [&](const Http &h, int status, const char *code) {
        requireError(h, status, QString::fromLatin1(code));
        REQUIRE_FALSE(certificateHeld(*f.storage, mentor));
    };

    SECTION("an expired certificate")
    {
        mentor.certificate.issuedAtMs = kNow - 400 * kDay;
        mentor.certificate.notAfterMs = kNow - kDay;
        mentor.certificateBytes = district.sign(mentor.certificate);
        refuse(postEnroll(f, enrollBody(f, mentor.certificateBytes, challengeNonce(f), mentor.identity, mentor.certificate.serial)), 403,
               "certificate.expired");
    }
    SECTION("another district's certificate")
    {
        const District elsewhere("Elsewhere Unified");
        mentor.certificateBytes = elsewhere.sign(mentor.certificate);
        refuse(postEnroll(f, enrollBody(f, mentor.certificateBytes, challengeNonce(f), mentor.identity, mentor.certificate.serial)), 403,
               "certificate.wrong_district");
    }
    SECTION("an altered certificate (another person's keys put in) and one that is not a certificate")
    {
        Enrolled impostor = certified(district, RecordId::generate(), Role::ParMentor);
        // The mentor's certificate with the impostor's keys: the district's signature no longer matches.
        directory::Certificate altered = mentor.certificate;
        altered.keys = impostor.identity.publicIdentity();
        crypto::Bytes bytes = district.sign(altered);
        const crypto::Bytes genuine = mentor.certificateBytes;
        bytes.resize(bytes.size() - 64);
        bytes.insert(bytes.end(), genuine.end() - 64, genuine.end());
        refuse(postEnroll(f, enrollBody(f, bytes, challengeNonce(f), impostor.identity, mentor.certificate.serial)), 403,
               "certificate.bad_signature");
        const std::string junk = "not a certificate";
        refuse(postEnroll(f, enrollBody(f, std::span(reinterpret_cast<const std::uint8_t *>(junk.data()), junk.size()), challengeNonce(f),
                                        mentor.identity, mentor.certificate.serial)),
               422, "certificate.malformed");
    }
    SECTION("a signature by a key other than the certified one, or over something else")
    {
        const crypto::Identity stranger = crypto::Identity::generate();
        refuse(postEnroll(f, enrollBody(f, mentor.certificateBytes, challengeNonce(f), stranger, mentor.certificate.serial)), 401,
               "enroll.bad_signature");
        // Signed over another serial than the certificate's.
        refuse(postEnroll(f, enrollBody(f, mentor.certificateBytes, challengeNonce(f), mentor.identity, RecordId::generate())), 401,
               "enroll.bad_signature");
    }
    SECTION("a nonce the case store never gave out, one already used, one expired")
    {
        QByteArray invented(32, '\0');
        randombytes_buf(invented.data(), 32);
        refuse(postEnroll(f, enrollBody(f, mentor.certificateBytes, invented, mentor.identity, mentor.certificate.serial)), 401, "enroll.bad_nonce");
        // A refused attempt uses the nonce up too: the same signed request again is refused.
        const QByteArray nonce = challengeNonce(f);
        const crypto::Identity stranger = crypto::Identity::generate();
        refuse(postEnroll(f, enrollBody(f, mentor.certificateBytes, nonce, stranger, mentor.certificate.serial)), 401, "enroll.bad_signature");
        refuse(postEnroll(f, enrollBody(f, mentor.certificateBytes, nonce, mentor.identity, mentor.certificate.serial)), 401, "enroll.bad_nonce");
        // Five minutes and a second later the nonce is gone.
        const QByteArray late = challengeNonce(f);
        f.clock += kEnrollChallengeLifetimeMs + 1000;
        refuse(postEnroll(f, enrollBody(f, mentor.certificateBytes, late, mentor.identity, mentor.certificate.serial)), 401, "enroll.bad_nonce");
        // A replayed successful enrollment: the first gets a token, the replay is refused.
        const QByteArray body = enrollBody(f, mentor.certificateBytes, challengeNonce(f), mentor.identity, mentor.certificate.serial);
        REQUIRE(postEnroll(f, body).status == 200);
        requireError(postEnroll(f, body), 401, "enroll.bad_nonce");
    }
    SECTION("requests that are not an enrollment")
    {
        const QByteArray good = enrollBody(f, mentor.certificateBytes, challengeNonce(f), mentor.identity, mentor.certificate.serial);
        refuse(f.call("POST", QStringLiteral("/v1/enroll"), "", good, "text/plain"), 400, "request.bad_content_type");
        refuse(postEnroll(f, "not json"), 400, "request.malformed");
        QJsonObject fields = QJsonDocument::fromJson(good).object();
        for (const char *key : {"certificate", "nonce", "signature"}) {
            QJsonObject missing = fields;
            missing.remove(QLatin1String(key));
            refuse(postEnroll(f, QJsonDocument(missing).toJson()), 400, "request.malformed");
            refuse(postEnroll(f, QJsonDocument(with(fields, key, "***")).toJson()), 400, "request.malformed");
        }
        refuse(postEnroll(f, QJsonDocument(with(fields, "nonce", QString::fromLatin1(QByteArray(16, 'n').toBase64()))).toJson()), 400,
               "request.malformed");
        refuse(postEnroll(f, QByteArray(kMaxEnrollBodyBytes + 1, ' ')), 413, "request.too_large");
        requireError(f.call("GET", QStringLiteral("/v1/enroll"), ""), 405, "request.method");
        requireError(f.call("POST", QStringLiteral("/v1/enroll/challenge"), "", "{}"), 405, "request.method");
        // The good request still works: none of the above used its nonce.
        REQUIRE(postEnroll(f, good).status == 200);
    }
}

TEST_CASE("Case store without a district: enrollment, certificates and revocations are not offered", "[sync]")
{
    CaseStoreFixture f;
    District district;
    Enrolled mentor = certified(district, RecordId::generate(), Role::ParMentor);
    requireError(f.call("GET", QStringLiteral("/v1/enroll/challenge"), ""), 404, "district.not_configured");
    requireError(postEnroll(f, enrollBody(f, mentor.certificateBytes, QByteArray(32, 'x'), mentor.identity, mentor.certificate.serial)), 404,
                 "district.not_configured");
    requireError(postDirectoryObject(f, "/v1/certificates", mentor.certificateBytes), 404, "district.not_configured");
    requireError(postDirectoryObject(f, "/v1/revocations", district.revoke({mentor.certificate.serial})), 404, "district.not_configured");
    REQUIRE_FALSE(certificateHeld(*f.storage, mentor));
    // And pushes are not checked for their authors here (devices do that).
    const crypto::Identity unknown = crypto::Identity::generate();
    REQUIRE(f.push(f.mentor, batch({sealedNote(unknown, {&f.teacher.identity}, test::randomMarker())})).status == 200);
}

TEST_CASE("A revocation list withdraws the revoked devices' tokens; an older list is refused", "[sync]")
{
    EnrolledDistrict d;
    auto &[district, f, mentorPerson, tablet, phone, teacher] = d;
    const QJsonObject before = sealedNote(tablet.identity, {&teacher.identity}, test::randomMarker());
    REQUIRE(f.push(tablet.device, batch({before})).status == 200);

    const crypto::Bytes first = district.revoke({tablet.certificate.serial});
    const Http applied = postDirectoryObject(f, "/v1/revocations", first);
    INFO(applied.raw.toStdString());
    REQUIRE(applied.status == 200);
    REQUIRE(applied.json.value("status").toString() == "applied");
    REQUIRE(applied.json.value("sequence").toInteger() == 1);
    REQUIRE(applied.json.value("withdrawnTokens").toInteger() == 2);

    // Both of the mentor's devices are out; the teacher and a token issued by hand are not.
    for (const Enrolled *e : {&tablet, &phone}) {
        requireError(f.pull(e->device, QString(), 10), 401, "auth.invalid");
        requireError(f.push(e->device, batch({sealedNote(tablet.identity, {&teacher.identity}, test::randomMarker())})), 401, "auth.invalid");
        auto found = f.storage->findToken(hashToken(e->device.token));
        REQUIRE(found.ok());
        REQUIRE_FALSE(found->has_value());
    }
    REQUIRE(f.pull(teacher.device, QString(), 10).status == 200);
    REQUIRE(f.pull(f.mentor, QString(), 10).status == 200);
    // The revoked certificate cannot enroll again, nor be posted.
    requireError(postEnroll(f, enrollBody(f, tablet.certificateBytes, challengeNonce(f), tablet.identity, tablet.certificate.serial)), 403,
                 "certificate.revoked");
    requireError(postDirectoryObject(f, "/v1/certificates", tablet.certificateBytes), 403, "certificate.revoked");
    // Records the mentor signed before the revocation: held ones stay (append-only) and are still handed out, as
    // devices hold theirs; a new push of one is refused, as a device refuses it when it pulls it.
    REQUIRE(f.pullAll(teacher.device, 10).first == std::vector<QString>{before.value("id").toString()});
    const QJsonObject signedBefore = sealedNote(tablet.identity, {&teacher.identity}, test::randomMarker());
    const Http relayed = f.push(teacher.device, batch({signedBefore}));
    requireError(relayed, 422, "record.unknown_author");
    REQUIRE(relayed.json.value("index").toInt() == 0);
    REQUIRE(f.count() == 1);

    // The same list again changes nothing; a newer one applies; then the older one is refused (no rollback).
    const Http again = postDirectoryObject(f, "/v1/revocations", first);
    REQUIRE(again.status == 200);
    REQUIRE(again.json.value("status").toString() == "held");
    REQUIRE(again.json.value("withdrawnTokens").toInteger() == 0);
    const crypto::Bytes second = district.revoke({tablet.certificate.serial, teacher.certificate.serial});
    const Http newer = postDirectoryObject(f, "/v1/revocations", second);
    REQUIRE(newer.status == 200);
    REQUIRE(newer.json.value("withdrawnTokens").toInteger() == 1);
    requireError(f.pull(teacher.device, QString(), 10), 401, "auth.invalid");
    requireError(postDirectoryObject(f, "/v1/revocations", first), 409, "revocations.stale");
    // A list with the held sequence but other content (district IT's mistake) is refused too.
    --district.nextRevocationSequence;
    requireError(postDirectoryObject(f, "/v1/revocations", district.revoke({})), 409, "revocations.stale");
    auto held = f.storage->revocations();
    REQUIRE(held.ok());
    REQUIRE((*held)->sequence == 2);
    REQUIRE((*held)->bytes == second);

    // Lists the district did not sign, or damaged ones, are refused and change nothing.
    District elsewhere("Elsewhere Unified");
    elsewhere.nextRevocationSequence = 50;
    requireError(postDirectoryObject(f, "/v1/revocations", elsewhere.revoke({})), 403, "revocations.wrong_district");
    crypto::Bytes forged = district.revoke({});
    forged[32] ^= 0x40; // the sequence number raised after signing, to outrank every later list
    requireError(postDirectoryObject(f, "/v1/revocations", forged), 403, "revocations.bad_signature");
    const std::string junk = "TRIADREV but not really";
    requireError(postDirectoryObject(f, "/v1/revocations", std::span(reinterpret_cast<const std::uint8_t *>(junk.data()), junk.size())), 422,
                 "revocations.malformed");
    requireError(postDirectoryObject(f, "/v1/revocations", second, "application/json"), 400, "request.bad_content_type");
    requireError(f.call("GET", QStringLiteral("/v1/revocations"), ""), 405, "request.method");
    REQUIRE((*f.storage->revocations())->sequence == 2);
}

TEST_CASE("Case store enrollment names the case store: one signed for another case store is refused, however it is relayed", "[sync]")
{
    District district;
    CaseStoreFixture real({}, district.info), rogue({}, district.info);
    REQUIRE(real.server->api().origin() != rogue.server->api().origin());
    Enrolled mentor = certified(district, RecordId::generate(), Role::ParMentor);
    const std::string rogueOrigin = rogue.server->api().origin();

    // The rogue case store fetches the real one's challenge, the device signs it for the rogue (the address it was
    // given) and the rogue posts it to the real one: refused, saying so, and nothing is kept.
    QByteArray nonce = challengeNonce(real);
    const Http relayed = postEnroll(real, enrollBody(rogueOrigin, mentor.certificateBytes, nonce, mentor.identity, mentor.certificate.serial));
    requireError(relayed, 403, "enroll.wrong_case_store");
    REQUIRE(relayed.json.value("message").toString().contains(QString::fromStdString(rogueOrigin)));
    REQUIRE(relayed.json.value("message").toString().contains(QString::fromStdString(real.server->api().origin())));
    REQUIRE_FALSE(certificateHeld(*real.storage, mentor));
    // The nonce is used up by the attempt: the relay cannot retry it, not even with the right origin named.
    requireError(postEnroll(real, enrollBody(real, mentor.certificateBytes, nonce, mentor.identity, mentor.certificate.serial)), 401,
                 "enroll.bad_nonce");

    // A relay that rewrites the origin the request names, or leaves it out: the signature does not cover this case
    // store's origin.
    nonce = challengeNonce(real);
    QJsonObject body =
        QJsonDocument::fromJson(enrollBody(rogueOrigin, mentor.certificateBytes, nonce, mentor.identity, mentor.certificate.serial)).object();
    body.insert("origin", QString::fromStdString(real.server->api().origin()));
    requireError(postEnroll(real, QJsonDocument(body).toJson(QJsonDocument::Compact)), 401, "enroll.bad_signature");
    nonce = challengeNonce(real);
    body = QJsonDocument::fromJson(enrollBody(rogueOrigin, mentor.certificateBytes, nonce, mentor.identity, mentor.certificate.serial)).object();
    body.remove("origin");
    requireError(postEnroll(real, QJsonDocument(body).toJson(QJsonDocument::Compact)), 401, "enroll.bad_signature");
    REQUIRE_FALSE(certificateHeld(*real.storage, mentor));

    // Origins compare normalised: the same address written another way is the same case store.
    nonce = challengeNonce(real);
    const std::string spelled = "HTTP://127.0.0.1:" + std::to_string(real.port) + "/";
    body = QJsonDocument::fromJson(enrollBody(real, mentor.certificateBytes, nonce, mentor.identity, mentor.certificate.serial)).object();
    body.insert("origin", QString::fromStdString(spelled));
    const Http ok = postEnroll(real, QJsonDocument(body).toJson(QJsonDocument::Compact));
    INFO(ok.raw.toStdString());
    REQUIRE(ok.status == 200);
    REQUIRE(certificateHeld(*real.storage, mentor));
    // The normal path, as enroll() does it, works on both.
    Enrolled teacher = certified(district, RecordId::generate(), Role::ParticipatingTeacher);
    enroll(real, teacher);
    enroll(rogue, mentor);
}

TEST_CASE("Origins are normalised: scheme and host in lower case, the port always written", "[sync]")
{
    CHECK(directory::caseStoreOrigin("https://CaseStore.District.org").value() == "https://casestore.district.org:443");
    CHECK(directory::caseStoreOrigin("http://casestore.district.org/").value() == "http://casestore.district.org:80");
    CHECK(directory::caseStoreOrigin("http://127.0.0.1:8870").value() == "http://127.0.0.1:8870");
    CHECK(directory::caseStoreOrigin("http://[::1]:8870").value() == "http://[::1]:8870");
    for (const char *bad :
         {"ftp://casestore", "https://", "casestore.district.org", "https://user@casestore", "https://casestore/v1", "https://casestore?x=1"})
        CHECK(directory::caseStoreOrigin(bad).error().code == "origin.invalid");
    // The signed message changes with the origin, so a signature for one is worthless for another.
    const std::vector<std::uint8_t> nonce(32, 7);
    const RecordId serial = RecordId::generate();
    CHECK(directory::caseStoreEnrollmentMessage("https://a.example:443", nonce, serial)
          != directory::caseStoreEnrollmentMessage("https://b.example:443", nonce, serial));
}

namespace {

// District IT's snapshot #`sequence` of the directory: `certificates` and the revocation list `revocations` (if any).
crypto::Bytes directorySnapshot(const District &d, std::uint64_t sequence, const std::vector<crypto::Bytes> &certificates,
                                const crypto::Bytes &revocations = {}, std::int64_t issuedAt = kNow)
{
    directory::DirectorySnapshot s;
    s.sequence = sequence;
    s.issuedAtMs = issuedAt;
    s.nextUpdateMs = issuedAt + 7 * kDay;
    s.revocations = revocations;
    s.certificates = certificates;
    auto bytes = directory::issueDirectory(d.root, s);
    REQUIRE(bytes.ok());
    return *bytes;
}

} // namespace

TEST_CASE("The district directory: district IT publishes snapshots, newer only; devices fetch the newest with their token", "[sync]")
{
    EnrolledDistrict d;
    auto &[district, f, mentorPerson, tablet, phone, teacher] = d;
    Enrolled administrator = certified(district, RecordId::generate(), Role::SiteAdministrator); // never enrolled here
    requireError(f.call("GET", QStringLiteral("/v1/directory"), teacher.device.token), 404, "directory.none");
    requireError(f.call("GET", QStringLiteral("/v1/directory"), ""), 401, "auth.required");

    const crypto::Bytes first = directorySnapshot(district, 1, {tablet.certificateBytes, teacher.certificateBytes, administrator.certificateBytes});
    const Http published = postDirectoryObject(f, "/v1/directory", first);
    INFO(published.raw.toStdString());
    REQUIRE(published.status == 200);
    REQUIRE(published.json.value("status").toString() == "applied");
    REQUIRE(published.json.value("sequence").toInteger() == 1);
    REQUIRE(published.json.value("newCertificates").toInteger() == 1); // the administrator's: the others enrolled
    REQUIRE(certificateHeld(*f.storage, administrator));               // so the administrator's pushes pass the author check

    // Any device token fetches it, byte for byte.
    const Http fetched = f.call("GET", QStringLiteral("/v1/directory"), teacher.device.token);
    REQUIRE(fetched.status == 200);
    REQUIRE(fetched.json.value("sequence").toInteger() == 1);
    REQUIRE(QByteArray::fromBase64(fetched.json.value("directory").toString().toLatin1()) == octets(first));
    REQUIRE(f.call("GET", QStringLiteral("/v1/directory"), f.mentor.token).status == 200);
    // A device that says it holds #1 gets only the sequence; one holding another gets the snapshot.
    const Http current = f.call("GET", QStringLiteral("/v1/directory?have=1"), teacher.device.token);
    REQUIRE(current.status == 200);
    REQUIRE(current.json.value("sequence").toInteger() == 1);
    REQUIRE_FALSE(current.json.contains("directory"));
    REQUIRE(f.call("GET", QStringLiteral("/v1/directory?have=7"), teacher.device.token).json.contains("directory"));
    requireError(f.call("GET", QStringLiteral("/v1/directory?have=one"), teacher.device.token), 400, "request.malformed");

    // The same again: held. A newer one with a revocation list: applied, and its list withdraws the tablet's tokens.
    const Http again = postDirectoryObject(f, "/v1/directory", first);
    REQUIRE(again.status == 200);
    REQUIRE(again.json.value("status").toString() == "held");
    const crypto::Bytes second = directorySnapshot(district, 2, {teacher.certificateBytes, administrator.certificateBytes},
                                                   district.revoke({tablet.certificate.serial}), kNow + 1000);
    const Http newer = postDirectoryObject(f, "/v1/directory", second);
    INFO(newer.raw.toStdString());
    REQUIRE(newer.status == 200);
    REQUIRE(newer.json.value("withdrawnTokens").toInteger() == 2);
    requireError(f.call("GET", QStringLiteral("/v1/directory"), tablet.device.token), 401, "auth.invalid");
    REQUIRE(QByteArray::fromBase64(f.call("GET", QStringLiteral("/v1/directory"), teacher.device.token).json.value("directory").toString().toLatin1())
            == octets(second));

    // No rollback; no second snapshot under one number; nothing the district did not sign.
    requireError(postDirectoryObject(f, "/v1/directory", first), 409, "directory.stale");
    const crypto::Bytes otherSecond = directorySnapshot(district, 2, {teacher.certificateBytes}, {}, kNow + 2000);
    requireError(postDirectoryObject(f, "/v1/directory", otherSecond), 409, "directory.conflict");
    District elsewhere("Elsewhere Unified");
    requireError(postDirectoryObject(f, "/v1/directory", directorySnapshot(elsewhere, 9, {})), 403, "directory.wrong_district");
    crypto::Bytes forged = directorySnapshot(district, 3, {});
    forged[25] ^= 0x10; // the sequence raised after signing
    requireError(postDirectoryObject(f, "/v1/directory", forged), 403, "directory.bad_signature");
    // A snapshot carrying a certificate another district signed (the snapshot itself signed by this one).
    const crypto::Bytes smuggled = directorySnapshot(
        district, 3, {elsewhere.sign(elsewhere.certificateFor(crypto::Identity::generate(), RecordId::generate(), Role::ParMentor))});
    requireError(postDirectoryObject(f, "/v1/directory", smuggled), 403, "directory.bad_signature");
    const std::string junk = "TRIADDIR\x01, not really";
    requireError(postDirectoryObject(f, "/v1/directory", std::span(reinterpret_cast<const std::uint8_t *>(junk.data()), junk.size())), 422,
                 "directory.malformed");
    requireError(postDirectoryObject(f, "/v1/directory", second, "application/json"), 400, "request.bad_content_type");
    auto held = f.storage->directorySnapshot();
    REQUIRE(held.ok());
    REQUIRE((*held)->sequence == 2);
    REQUIRE((*held)->bytes == second);
}

TEST_CASE("Case store without a district: no directory is offered", "[sync]")
{
    CaseStoreFixture f;
    District district;
    requireError(f.call("GET", QStringLiteral("/v1/directory"), f.teacher.token), 404, "district.not_configured");
    requireError(postDirectoryObject(f, "/v1/directory", directorySnapshot(district, 1, {})), 404, "district.not_configured");
}

TEST_CASE("Case store storage: directory snapshots published at once from two connections; the newest wins", "[sync]")
{
    District district;
    auto scratch = scratchLocation();
    auto a = openStorage(scratch->location()), b = openStorage(scratch->location());
    const crypto::Bytes s5 = directorySnapshot(district, 5, {}), s6 = directorySnapshot(district, 6, {});
    const auto results = together([&](std::size_t t) { return (t ? b : a)->publishDirectory(t ? 6 : 5, t ? s6 : s5, kNow); });
    REQUIRE(results[0]->ok());
    REQUIRE(results[1]->ok());
    auto held = a->directorySnapshot();
    REQUIRE(held.ok());
    REQUIRE((*held)->sequence == 6);
    REQUIRE((*held)->bytes == s6);
    REQUIRE((*b->publishDirectory(5, s5, kNow)).outcome == RevocationsOutcome::Stale);
    REQUIRE((*b->publishDirectory(6, s6, kNow)).outcome == RevocationsOutcome::Held);
    REQUIRE((*b->publishDirectory(6, s5, kNow)).outcome == RevocationsOutcome::Stale);
}

namespace {
// A record of `type` sealed by the district records key to `reader`, as a push carries it; with its signature broken
// when asked.
QJsonObject byRecordsKey(const District &district, RecordType type, const crypto::Identity &reader, bool brokenSignature = false)
{
    crypto::SealRequest req;
    req.id = RecordId::generate();
    req.createdAtMs = kNow;
    const std::string text = test::randomMarker();
    req.plaintext = std::vector<std::uint8_t>(text.begin(), text.end());
    req.readers = {reader.publicIdentity()};
    req.type = static_cast<std::uint16_t>(type);
    crypto::Bytes sealed = crypto::seal(district.records, req).value();
    if (brokenSignature) sealed.back() ^= 1;
    return wireRecord(req.id, req.type, req.createdAtMs, sealed);
}
} // namespace

TEST_CASE("Case store with a district: a push is checked for its authors; forged records store nothing", "[sync]")
{
    District district;
    CaseStoreFixture f({}, district.info);
    Enrolled mentor = certified(district, RecordId::generate(), Role::ParMentor);
    Enrolled teacher = certified(district, RecordId::generate(), Role::ParticipatingTeacher);
    enroll(f, mentor);
    const QJsonObject good = sealedNote(mentor.identity, {&teacher.identity}, test::randomMarker());
    auto refusedAt = [&](const Device &d, const std::vector<QJsonObject> &records, std::size_t index, const char *code) {
        const Http h = f.push(d, batch(records));
        requireError(h, 422, QString::fromLatin1(code));
        REQUIRE(h.json.value("index").toInt() == static_cast<int>(index));
        REQUIRE(h.json.value("id").toString() == records[index].value("id").toString());
        REQUIRE(f.count() == 0);
    };

    SECTION("a key the district never certified, or one the case store has not seen")
    {
        const crypto::Identity forger = crypto::Identity::generate();
        const QJsonObject forged = sealedNote(forger, {&teacher.identity}, test::randomMarker());
        refusedAt(mentor.device, {good, forged}, 1, "record.unknown_author");
        // The first refused record is named, whether its author or its form is what is wrong.
        const QJsonObject broken = with(sealedNote(mentor.identity, {&teacher.identity}, test::randomMarker()), "body", "***");
        refusedAt(mentor.device, {good, forged, broken}, 1, "record.unknown_author");
        const Http brokenFirst = f.push(mentor.device, batch({good, broken, forged}));
        requireError(brokenFirst, 400, "request.malformed");
        REQUIRE(brokenFirst.json.value("index").toInt() == 1);
        // Also for a token district IT issued by hand.
        refusedAt(f.mentor, {sealedNote(forger, {&teacher.identity}, test::randomMarker()), good}, 0, "record.unknown_author");
        // The teacher is certified but has not enrolled yet: unknown until the certificate is posted.
        const QJsonObject byTeacher = sealedNote(teacher.identity, {&mentor.identity}, test::randomMarker());
        refusedAt(mentor.device, {good, byTeacher}, 1, "record.unknown_author");
        const Http posted = postDirectoryObject(f, "/v1/certificates", teacher.certificateBytes);
        INFO(posted.raw.toStdString());
        REQUIRE(posted.status == 200);
        REQUIRE(posted.json.value("status").toString() == "stored");
        REQUIRE(postDirectoryObject(f, "/v1/certificates", teacher.certificateBytes).json.value("status").toString() == "held");
        const Http pushed = f.push(mentor.device, batch({good, byTeacher}));
        INFO(pushed.raw.toStdString());
        REQUIRE(pushed.status == 200);
        REQUIRE(f.count() == 2);
    }
    SECTION("a record altered after it was signed")
    {
        QByteArray sealed = QByteArray::fromBase64(good.value("body").toString().toLatin1());
        sealed[sealed.size() - 100] = static_cast<char>(sealed[sealed.size() - 100] ^ 0x20); // inside the ciphertext
        refusedAt(mentor.device, {with(good, "body", QString::fromLatin1(sealed.toBase64()))}, 0, "record.bad_signature");
    }
    SECTION("a large batch is checked on several threads; the first refused record is still the one named")
    {
        // 200 records: split into parts checked at once. A forged signature in the second half and an unknown author
        // further on: the refusal names the forged one, and nothing of the batch is stored.
        const crypto::Identity forger = crypto::Identity::generate();
        std::vector<QJsonObject> records;
        for (int i = 0; i < 200; ++i) records.push_back(sealedNote(mentor.identity, {&teacher.identity}, test::randomMarker()));
        QByteArray sealed = QByteArray::fromBase64(records[150].value("body").toString().toLatin1());
        sealed[sealed.size() - 100] = static_cast<char>(sealed[sealed.size() - 100] ^ 0x20);
        records[150] = with(records[150], "body", QString::fromLatin1(sealed.toBase64()));
        records[190] = sealedNote(forger, {&teacher.identity}, test::randomMarker());
        refusedAt(mentor.device, records, 150, "record.bad_signature");
        records[20] = sealedNote(forger, {&teacher.identity}, test::randomMarker());
        refusedAt(mentor.device, records, 20, "record.unknown_author");
        records[20] = sealedNote(mentor.identity, {&teacher.identity}, test::randomMarker());
        records[150] = sealedNote(mentor.identity, {&teacher.identity}, test::randomMarker());
        records[190] = sealedNote(mentor.identity, {&teacher.identity}, test::randomMarker());
        const Http pushed = f.push(mentor.device, batch(records));
        INFO(pushed.raw.toStdString());
        REQUIRE(pushed.status == 200);
        REQUIRE(f.count() == 200);
    }
    SECTION("an author whose certificate has expired since")
    {
        f.clock = mentor.certificate.notAfterMs + 1;
        // Records the author signed are refused, also when another device (a token issued by hand) relays them...
        refusedAt(f.mentor, {good}, 0, "record.unknown_author");
        // ...and the token the author's device got at enrollment expired with the certificate: it must enroll again.
        const Http expired = f.push(mentor.device, batch({good}));
        requireError(expired, 401, "auth.expired");
        REQUIRE(expired.json.value("message").toString().contains(QStringLiteral("enroll the device again with its renewed certificate")));
        requireError(f.pull(mentor.device, QString(), 10), 401, "auth.expired");
        REQUIRE(f.count() == 0);
        // The moment before it expired, the same token was good.
        f.clock = mentor.certificate.notAfterMs;
        REQUIRE(f.pull(mentor.device, QString(), 10).status == 200);
    }
    SECTION("an enrolled certificate that expires between a push's head and its body")
    {
        // A device whose certificate ends tomorrow relays the mentor's note (its author good for months). Its head is
        // checked while the certificate is good (on PostgreSQL on a pull thread; the token is not looked up again with
        // the body): the certificate's end is compared with the clock again, and nothing else would catch it, the
        // storing transaction looking only for the token and the author check passing.
        Enrolled relay = certified(district, RecordId::generate(), Role::ParMentor);
        relay.certificate.notAfterMs = kNow + kDay;
        relay.certificateBytes = district.sign(relay.certificate);
        enroll(f, relay);
        f.clock = relay.certificate.notAfterMs;
        const QByteArray body = batch({good});
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, f.port);
        REQUIRE(socket.waitForConnected(5000));
        socket.write("POST /v1/records HTTP/1.1\r\nHost: casestore\r\nAuthorization: Bearer " + QByteArray::fromStdString(relay.device.token)
                     + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
        REQUIRE(socket.waitForBytesWritten(5000));
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 300) QCoreApplication::processEvents(QEventLoop::AllEvents, 20); // the head's check
        REQUIRE(socket.bytesAvailable() == 0);                                                     // nothing answered yet
        f.clock = relay.certificate.notAfterMs + 1;
        socket.write(body);
        QByteArray reply;
        waited.restart();
        while (waited.elapsed() < 10000 && !(reply.contains("\r\n\r\n") && reply.contains("}"))) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            reply += socket.readAll();
        }
        INFO(reply.toStdString());
        CHECK(reply.startsWith("HTTP/1.1 401"));
        CHECK(reply.contains("auth.expired"));
        REQUIRE(f.count() == 0);
        // The moment before, the same push from the same device is stored.
        f.clock = relay.certificate.notAfterMs;
        REQUIRE(f.push(relay.device, batch({good})).status == 200);
        REQUIRE(f.count() == 1);
    }
    SECTION("the district records key signs recovery grants and nothing else")
    {
        refusedAt(mentor.device, {byRecordsKey(district, RecordType::Note, teacher.identity)}, 0, "record.unknown_author");
        REQUIRE(f.push(mentor.device, batch({byRecordsKey(district, RecordType::KeyGrant, teacher.identity)})).status == 200);
    }
    SECTION("certificates posted must be the district's, current and whole")
    {
        const District elsewhere("Elsewhere Unified");
        requireError(postDirectoryObject(f, "/v1/certificates", elsewhere.sign(teacher.certificate)), 403, "certificate.wrong_district");
        directory::Certificate old = teacher.certificate;
        old.notAfterMs = kNow - kDay;
        old.issuedAtMs = kNow - 2 * kDay;
        requireError(postDirectoryObject(f, "/v1/certificates", district.sign(old)), 403, "certificate.expired");
        crypto::Bytes cut = teacher.certificateBytes;
        cut.resize(cut.size() / 2);
        requireError(postDirectoryObject(f, "/v1/certificates", cut), 422, "certificate.malformed");
        requireError(postDirectoryObject(f, "/v1/certificates", teacher.certificateBytes, "application/json"), 400, "request.bad_content_type");
        requireError(postDirectoryObject(f, "/v1/certificates", {}), 400, "request.malformed");
        REQUIRE_FALSE(certificateHeld(*f.storage, teacher));
    }
}

namespace {

// The schema of the first case store (version 1), as a database it wrote is found, with one record and one token.
constexpr const char *kSqliteSchemaV1 = R"sql(
CREATE TABLE records (seq INTEGER PRIMARY KEY AUTOINCREMENT, id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    type INTEGER NOT NULL, case_id BLOB, observation_id BLOB, created_at INTEGER NOT NULL, author_key BLOB NOT NULL,
    received_at INTEGER NOT NULL, body BLOB NOT NULL);
CREATE TABLE record_readers (reader_key BLOB NOT NULL, seq INTEGER NOT NULL REFERENCES records (seq),
    PRIMARY KEY (reader_key, seq)) WITHOUT ROWID;
CREATE TABLE device_tokens (token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
    reader_key BLOB NOT NULL CHECK (length(reader_key) = 16), issued_at INTEGER NOT NULL);
INSERT INTO records (id, type, created_at, author_key, received_at, body)
    VALUES (X'00112233445566778899aabbccddeeff', 5, 1790000000000, X'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', 1, X'5452494144');
INSERT INTO record_readers VALUES (X'07070707070707070707070707070707', 1);
INSERT INTO records (id, type, created_at, author_key, received_at, body)
    VALUES (X'00112233445566778899aabbccddee02', 5, 1790000000001, X'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', 2, X'02');
INSERT INTO record_readers VALUES (X'08080808080808080808080808080808', 2), (X'07070707070707070707070707070707', 2);
INSERT INTO records (id, type, created_at, author_key, received_at, body)
    VALUES (X'00112233445566778899aabbccddee03', 5, 1790000000002, X'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', 3, X'03');
INSERT INTO record_readers VALUES (X'08080808080808080808080808080808', 3);
INSERT INTO records (id, type, created_at, author_key, received_at, body)
    VALUES (X'00112233445566778899aabbccddee04', 5, 1790000000003, X'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', 4, X'04');
INSERT INTO device_tokens VALUES (X'%1', X'07070707070707070707070707070707', 1);
PRAGMA user_version = 1;
)sql";
constexpr const char *kPostgresSchemaV1 = R"sql(
CREATE TABLE records (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id bytea NOT NULL UNIQUE CHECK (length(id) = 16),
    type integer NOT NULL, case_id bytea, observation_id bytea, created_at bigint NOT NULL, author_key bytea NOT NULL,
    received_at bigint NOT NULL, body bytea NOT NULL);
CREATE TABLE record_readers (reader_key bytea NOT NULL, seq bigint NOT NULL REFERENCES records (seq), PRIMARY KEY (reader_key, seq));
CREATE TABLE device_tokens (token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    reader_key bytea NOT NULL CHECK (length(reader_key) = 16), issued_at bigint NOT NULL);
CREATE TABLE schema_version (version integer NOT NULL);
INSERT INTO schema_version (version) VALUES (1);
INSERT INTO records (id, type, created_at, author_key, received_at, body)
    VALUES ('\x00112233445566778899aabbccddeeff', 5, 1790000000000, '\xa0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', 1, '\x5452494144');
INSERT INTO record_readers VALUES ('\x07070707070707070707070707070707', 1);
INSERT INTO records (id, type, created_at, author_key, received_at, body)
    VALUES ('\x00112233445566778899aabbccddee02', 5, 1790000000001, '\xa0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', 2, '\x02');
INSERT INTO record_readers VALUES ('\x08080808080808080808080808080808', 2), ('\x07070707070707070707070707070707', 2);
INSERT INTO records (id, type, created_at, author_key, received_at, body)
    VALUES ('\x00112233445566778899aabbccddee03', 5, 1790000000002, '\xa0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', 3, '\x03');
INSERT INTO record_readers VALUES ('\x08080808080808080808080808080808', 3);
INSERT INTO records (id, type, created_at, author_key, received_at, body)
    VALUES ('\x00112233445566778899aabbccddee04', 5, 1790000000003, '\xa0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', 4, '\x04');
INSERT INTO device_tokens VALUES ('\x%1', '\x07070707070707070707070707070707', 1);
)sql";

// Runs SQL on the scratch location directly (sqlite3 for a file, psql for PostgreSQL).
void runSql(const test::ScratchLocation &scratch, const QString &sqlite, const QString &postgres)
{
    if (scratch.backend() == test::Backend::Sqlite) {
        sqlite3 *db = nullptr;
        REQUIRE(sqlite3_open(scratch.location().c_str(), &db) == SQLITE_OK);
        char *error = nullptr;
        const int rc = sqlite3_exec(db, sqlite.toUtf8().constData(), nullptr, nullptr, &error);
        INFO((error ? error : ""));
        sqlite3_free(error);
        sqlite3_close(db);
        REQUIRE(rc == SQLITE_OK);
        return;
    }
    QProcess psql;
    psql.start(QStringLiteral(PG_PSQL_PATH), {"-q", "-v", "ON_ERROR_STOP=1", "-c", postgres, QString::fromStdString(scratch.location())});
    REQUIRE(psql.waitForFinished(20000));
    INFO(psql.readAllStandardError().toStdString());
    REQUIRE(psql.exitCode() == 0);
}

} // namespace

TEST_CASE("Case store storage: a token read with the epoch and its certificate is what the separate reads return", "[sync]")
{
    // A pull reads the token, the store's epoch and the token's certificate together (findTokenWithEpoch: on
    // PostgreSQL one statement); each must be what findToken, epoch() and certificateBySerial() return.
    const auto scratch = scratchLocation();
    const auto storage = openStorage(scratch->location());
    District district;
    Enrolled mentor = certified(district, RecordId::generate(), Role::ParMentor);
    REQUIRE(*storage->addCertificate(
        {mentor.certificate.serial, mentor.identity.publicIdentity().signKeyId(), mentor.certificate.personId, mentor.certificateBytes}, kNow));
    const RecordId notHeld = RecordId::generate();
    REQUIRE(
        storage->addToken(hashToken("tdt1.enrolled"), DeviceToken{readerKey(1), kNow, mentor.certificate.serial, mentor.certificate.personId}).ok());
    REQUIRE(storage->addToken(hashToken("tdt1.orphan"), DeviceToken{readerKey(2), kNow + 1, notHeld, RecordId::generate()}).ok());
    REQUIRE(storage->addToken(hashToken("tdt1.issued"), DeviceToken{readerKey(3), kNow + 2, std::nullopt, std::nullopt}).ok());
    const std::string epoch = *storage->epoch();
    for (const char *token : {"tdt1.enrolled", "tdt1.orphan", "tdt1.issued", "tdt1.unknown"}) {
        INFO(token);
        const auto both = storage->findTokenWithEpoch(hashToken(token));
        const auto alone = storage->findToken(hashToken(token));
        REQUIRE(both.ok());
        REQUIRE(alone.ok());
        REQUIRE(both->token.has_value() == alone->has_value());
        if (!alone->has_value()) continue;
        CHECK(both->epoch == epoch);
        CHECK(both->token->readerKeyId == (*alone)->readerKeyId);
        CHECK(both->token->issuedAt == (*alone)->issuedAt);
        CHECK(both->token->certificateSerial == (*alone)->certificateSerial);
        CHECK(both->token->personId == (*alone)->personId);
        if (both->certificateRead && (*alone)->certificateSerial)
            CHECK(both->certificate == *storage->certificateBySerial(*(*alone)->certificateSerial));
        if (both->certificateRead && !(*alone)->certificateSerial) CHECK_FALSE(both->certificate.has_value());
    }
    if (dynamic_cast<PostgresRecordStorage *>(storage.get())) {
        const auto enrolled = storage->findTokenWithEpoch(hashToken("tdt1.enrolled"));
        REQUIRE(enrolled->certificateRead);
        CHECK(enrolled->certificate == std::optional<Bytes>(mentor.certificateBytes));
    }
    // A revoked certificate's token is not found, with or without the epoch.
    REQUIRE(storage->applyRevocations(1, district.revoke({mentor.certificate.serial}), {mentor.certificate.serial}, kNow)->outcome
            == RevocationsOutcome::Applied);
    CHECK_FALSE(storage->findTokenWithEpoch(hashToken("tdt1.enrolled"))->token.has_value());
}

TEST_CASE("Case store storage: a page read again is the same page, whether or not this process holds its records", "[sync]")
{
    // On PostgreSQL a process keeps the records it has read (record_cache.h) and asks the database only for a page's
    // seqs when it holds them all; the pages, their cuts and "more" must not depend on it.
    const auto scratch = scratchLocation();
    const auto storage = openStorage(scratch->location());
    auto *pg = dynamic_cast<PostgresRecordStorage *>(storage.get());
    const auto pagesFromMemory = [&] { return pg ? pg->recordsInMemory().pagesFound() : 0; };
    const KeyId reader = readerKey(1), other = readerKey(2);
    // As a pull reads it: the token and the epoch together.
    const std::string token = *issueToken(*storage, reader, 1);
    const auto readTokenAndEpoch = [&] {
        const auto found = storage->findTokenWithEpoch(hashToken(token));
        REQUIRE(found.ok());
        REQUIRE(found->token.has_value());
        REQUIRE(found->epoch.size() == 32);
    };
    readTokenAndEpoch();
    // Receipts as a signer makes them: each names its record's seq, so one served for another seq shows.
    auto signer = std::make_shared<const ReceiptSigner>([](std::span<const ReceiptRequest> requests) {
        std::vector<Bytes> out;
        for (const ReceiptRequest &r : requests) {
            const std::string text = "receipt " + std::to_string(r.seq) + " " + std::to_string(r.receivedAtMs);
            out.emplace_back(text.begin(), text.end());
        }
        return out;
    });
    storage->setReceiptSigner(signer);
    std::vector<StoredRecord> batch;
    for (int i = 0; i < 24; ++i) {
        // Half of them 3 MiB, three in a row now and then: pages of 6 are cut at 8 MiB.
        const std::string content =
            i % 6 == 1 || i % 6 == 2 || i % 6 == 4 ? std::string(3 * 1024 * 1024, 'b') + std::to_string(i) : test::randomMarker();
        batch.push_back(storedRecord(i % 4 == 3 ? std::vector<KeyId>{other} : std::vector<KeyId>{reader, other}, content));
        StoredRecord &r = batch.back();
        if (i % 5 == 0) r.personTag = Bytes(32, static_cast<std::uint8_t>(i));
        if (i % 3 == 0) r.caseId = RecordId::generate();
        if (i % 4 == 1) r.observationId = RecordId::generate();
        r.createdAt += i;
        r.type = static_cast<std::uint16_t>(1 + i % 7);
        r.authorKeyId = readerKey(static_cast<std::uint8_t>(0xB0 + i));
    }
    REQUIRE(storage->insertBatch(batch, 1'790'000'000'777)->added == std::vector<bool>(batch.size(), true));
    struct Page {
        std::vector<std::tuple<std::int64_t, RecordId, std::uint16_t, std::optional<RecordId>, std::optional<RecordId>, std::int64_t, KeyId,
                               std::int64_t, Bytes, Bytes, Bytes>>
            records;
        bool more = false;
        bool operator==(const Page &) const = default;
    };
    auto walk = [](RecordStorage &from, const std::vector<KeyId> &readers, int limit, std::int64_t cursor = 0) {
        std::vector<Page> pages;
        for (;;) {
            auto page = from.pull(readers, cursor, limit);
            REQUIRE(page.ok());
            Page p;
            for (const StoredRecord &r : page->records)
                p.records.emplace_back(r.seq, r.id, r.type, r.caseId, r.observationId, r.createdAt, r.authorKeyId, r.receivedAt, r.body, r.receipt,
                                       r.personTag);
            p.more = page->more;
            pages.push_back(p);
            if (!page->more) return pages;
            REQUIRE(!page->records.empty());
            cursor = page->records.back().seq;
        }
    };
    const std::vector<Page> first = walk(*storage, {reader}, 6);
    REQUIRE(first.size() >= 4);
    if (pg) CHECK(pagesFromMemory() == first.size()); // kept as they were stored, for the pulls that come next
    std::size_t records = 0;
    for (const Page &p : first) records += p.records.size();
    CHECK(records == 18); // the 24 less the six for `other` alone
    CHECK(std::any_of(first.begin(), first.end(), [](const Page &p) { return p.more && p.records.size() < 6; })); // cut by bytes
    CHECK(std::get<7>(first[0].records[0]) == 1'790'000'000'777);
    // As stored: every field of every record, whichever way the page was made.
    std::map<RecordId, const StoredRecord *> pushed;
    for (const StoredRecord &r : batch) pushed[r.id] = &r;
    for (const Page &p : first)
        for (const auto &[seq, id, type, caseId, observationId, createdAt, author, receivedAt, body, receipt, personTag] : p.records) {
            const StoredRecord &r = *pushed.at(id);
            CHECK(type == r.type);
            CHECK(caseId == r.caseId);
            CHECK(observationId == r.observationId);
            CHECK(createdAt == r.createdAt);
            CHECK(author == r.authorKeyId);
            CHECK(body == r.body);
            CHECK(personTag == r.personTag);
            const std::string expected = "receipt " + std::to_string(seq) + " 1790000000777";
            CHECK(receipt == Bytes(expected.begin(), expected.end()));
        }
    const std::uint64_t before = pagesFromMemory();
    CHECK(walk(*storage, {reader}, 6) == first); // read again: from memory where the records are held
    if (pg) CHECK(pagesFromMemory() == before + first.size());
    CHECK(walk(*storage, {reader}, 6) == first);
    CHECK(walk(*openStorage(scratch->location()), {reader}, 6) == first); // another process: its own memory
    CHECK(walk(*storage, {reader, other}, 5) == walk(*openStorage(scratch->location()), {reader, other}, 5));
    // With no memory for records (--record-memory 0), or too little for the large ones: the same pages.
    for (const std::size_t bytes : {std::size_t{0}, std::size_t{1} << 20}) {
        INFO("record memory " << bytes);
        auto limited = openStorage(scratch->location());
        if (auto *p = dynamic_cast<PostgresRecordStorage *>(limited.get())) p->keepRecordsInMemory(bytes);
        CHECK(walk(*limited, {reader}, 6) == first);
        CHECK(walk(*limited, {reader}, 6) == first);
    }

    // Records stored after a page was read come after it, also when the page before them is held.
    const std::int64_t end = std::get<0>(first.back().records.back());
    const std::vector<StoredRecord> later = {storedRecord({reader}), storedRecord({other}), storedRecord({reader, other})};
    REQUIRE(storage->insertBatch(later, 1)->added == std::vector<bool>(3, true));
    const std::vector<Page> after = walk(*storage, {reader}, 6, end);
    REQUIRE(after.size() == 1);
    REQUIRE(after[0].records.size() == 2);
    CHECK(std::get<1>(after[0].records[0]) == later[0].id);
    CHECK(std::get<1>(after[0].records[1]) == later[2].id);
    CHECK_FALSE(after[0].more);
    const std::vector<Page> whole = walk(*storage, {reader}, 100); // held and new records on one page
    REQUIRE(whole.size() >= 2);
    CHECK(std::get<0>(whole.back().records.back()) == std::get<0>(after[0].records.back()));

    const std::string id = crypto::toHex(batch[0].id.bytes);
    const auto rewrite = [&](const Bytes &body) {
        runSql(*scratch, QString::fromStdString("UPDATE set_records SET body = X'" + crypto::toHex(body) + "' WHERE id = X'" + id + "'"),
               QString::fromStdString("UPDATE records SET body = '\\x" + crypto::toHex(body) + "' WHERE id = '\\x" + id + "'"));
    };
    const auto firstBody = [&] {
        const auto page = storage->pull({reader}, 0, 1);
        REQUIRE(page.ok());
        REQUIRE(!page->records.empty());
        return page->records[0].body;
    };
    // The database restored under this case store (which the restore steps forbid) and given a new epoch by another:
    // reading the token and the epoch, as every pull does, this one reads the database again instead of what it held.
    const Bytes restored = {'r', 'e', 's', 't', 'o', 'r', 'e', 'd'};
    REQUIRE(firstBody() == batch[0].body);
    rewrite(restored);
    REQUIRE(openStorage(scratch->location())->newEpoch().ok());
    readTokenAndEpoch();
    CHECK(firstBody() == restored);
    CHECK(firstBody() == restored);
    // A connection of this process made again (a restarted server, a failover, the database behind it replaced):
    // what it held is not used.
    const Bytes replaced = {'r', 'e', 'p', 'l', 'a', 'c', 'e', 'd'};
    rewrite(replaced);
    if (pg) CHECK(firstBody() == restored); // held: the database is not asked for the page's records
    runSql(*scratch, "SELECT 1",
           "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    CHECK(firstBody() == replaced);
}

TEST_CASE("Case store storage: a database of schema version 1 opens, keeps its records and tokens, gains the district tables", "[sync]")
{
    test::ensureCoreApplication();
    const auto scratch = scratchLocation();
    const std::string token = "tdt1.a-token-issued-by-the-first-case-store";
    const QString hashHex = QString::fromStdString(crypto::toHex(hashToken(token)));
    runSql(*scratch, QString::fromLatin1(kSqliteSchemaV1).arg(hashHex), QString::fromLatin1(kPostgresSchemaV1).arg(hashHex));

    const auto storage = openStorage(scratch->location());
    const KeyId reader = readerKey(7);
    const std::vector<StoredRecord> old = pullEverything(*storage, reader);
    REQUIRE(old.size() == 2);
    REQUIRE(old[0].id.toString() == "00112233-4455-6677-8899-aabbccddeeff");
    REQUIRE(old[0].body == Bytes{'T', 'R', 'I', 'A', 'D'});
    REQUIRE(old[1].body == Bytes{2});
    // Each old record stays with exactly its readers (v7 lays them out by reader set), the one with none with nobody.
    const std::vector<StoredRecord> ofEight = pullEverything(*storage, readerKey(8));
    REQUIRE(ofEight.size() == 2);
    REQUIRE(ofEight[0].seq == old[1].seq);
    REQUIRE(ofEight[1].body == Bytes{3});
    auto both = storage->pull({reader, readerKey(8)}, 0, 10);
    REQUIRE(both.ok());
    REQUIRE(both->records.size() == 3);
    REQUIRE(*storage->recordCount() == 4);
    REQUIRE((*storage->recordById(RecordId{{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x04}}))->body
            == Bytes{4});
    auto found = storage->findToken(hashToken(token));
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    REQUIRE((*found)->readerKeyId == reader);
    REQUIRE_FALSE((*found)->certificateSerial.has_value());

    // The new tables work, and a revocation list leaves a token without a certificate alone.
    District district;
    Enrolled mentor = certified(district, RecordId::generate(), Role::ParMentor);
    const CertificateEntry entry{mentor.certificate.serial, mentor.identity.publicIdentity().signKeyId(), mentor.certificate.personId,
                                 mentor.certificateBytes};
    REQUIRE(*storage->addCertificate(entry, kNow));
    REQUIRE_FALSE(*storage->addCertificate(entry, kNow));
    REQUIRE(storage->addToken(hashToken("tdt1.enrolled"), DeviceToken{reader, kNow, mentor.certificate.serial, mentor.certificate.personId}).ok());
    const crypto::Bytes list = district.revoke({mentor.certificate.serial});
    auto applied = storage->applyRevocations(1, list, {mentor.certificate.serial}, kNow);
    REQUIRE(applied.ok());
    REQUIRE(applied->outcome == RevocationsOutcome::Applied);
    REQUIRE(applied->withdrawnTokens == 1);
    REQUIRE(storage->findToken(hashToken(token))->has_value());
    REQUIRE_FALSE(storage->findToken(hashToken("tdt1.enrolled"))->has_value());
    auto held = storage->certificatesFor({mentor.identity.publicIdentity().signKeyId()});
    REQUIRE(held.ok());
    REQUIRE(held->size() == 1);
    REQUIRE(held->at(0).revoked);
    REQUIRE(*storage->isRevoked(mentor.certificate.serial));
    // ...and the v3 epoch: made by the upgrade, 32 hex digits, the same when read again.
    auto epoch = storage->epoch();
    REQUIRE(epoch.ok());
    REQUIRE(epoch->size() == 32);
    REQUIRE(epoch->find_first_not_of("0123456789abcdef") == std::string::npos);
    // ...and the v4 directory snapshot table: empty, then it keeps what is published.
    REQUIRE_FALSE(storage->directorySnapshot()->has_value());
    const crypto::Bytes snapshot = directorySnapshot(district, 1, {mentor.certificateBytes});
    REQUIRE(storage->publishDirectory(1, snapshot, kNow)->outcome == RevocationsOutcome::Applied);
    REQUIRE((*storage->directorySnapshot())->bytes == snapshot);

    // Opening again finds the schema current; a version newer than this case store's is refused.
    auto again = openRecordStorage(scratch->location());
    REQUIRE(again.ok());
    REQUIRE(*(*again)->epoch() == *epoch);
    // ...and the v5 evidence media parts: kept once under their evidence id.
    const RecordId evidence = RecordId::generate();
    const casestore::MediaPartName part{1, 2, 3};
    const std::vector<std::uint8_t> bytes{4, 5, 6};
    REQUIRE(*storage->putMediaPart(evidence, part, bytes, kNow, 1) == casestore::MediaPutOutcome::Stored);
    REQUIRE(*storage->putMediaPart(evidence, part, bytes, kNow, 1) == casestore::MediaPutOutcome::Held);
    REQUIRE(*storage->putMediaPart(evidence, casestore::MediaPartName{9}, bytes, kNow, 1) == casestore::MediaPutOutcome::Full);
    REQUIRE(**storage->mediaPart(evidence, part) == bytes);
    REQUIRE(storage->mediaPartNames(evidence)->size() == 1);
    // ...and the v6 receipt column: the record from schema version 1 has none kept.
    REQUIRE(pullEverything(*storage, reader).front().receipt.empty());
    // ...and the same-person tag column (SQLite v8, PostgreSQL v7): none for a record pushed before.
    REQUIRE(pullEverything(*storage, reader).front().personTag.empty());
    runSql(*scratch, QStringLiteral("PRAGMA user_version = 99"), QStringLiteral("UPDATE schema_version SET version = 99"));
    auto newer = openRecordStorage(scratch->location());
    REQUIRE_FALSE(newer.ok());
    REQUIRE(newer.error().code == "casestore.db_too_new");
}

TEST_CASE("Case store storage: enrollment challenges are taken once, expire, and are capped", "[sync]")
{
    const auto scratch = scratchLocation();
    const auto storage = openStorage(scratch->location());
    auto nonce = [](std::uint8_t n) {
        EnrollNonce x{};
        x.fill(n);
        return x;
    };
    REQUIRE(*storage->addChallenge(nonce(1), kNow + 10, kNow, 2));
    REQUIRE(*storage->addChallenge(nonce(2), kNow + 20, kNow, 2));
    REQUIRE_FALSE(*storage->addChallenge(nonce(3), kNow + 30, kNow, 2)); // two open: the cap
    REQUIRE(*storage->takeChallenge(nonce(1), kNow + 10));
    REQUIRE_FALSE(*storage->takeChallenge(nonce(1), kNow + 10)); // once
    REQUIRE_FALSE(*storage->takeChallenge(nonce(3), kNow));      // never added
    REQUIRE(*storage->addChallenge(nonce(3), kNow + 30, kNow, 2));
    // Expired ones no longer count against the cap, and cannot be taken.
    REQUIRE(*storage->addChallenge(nonce(4), kNow + 40, kNow + 25, 2));
    REQUIRE_FALSE(*storage->takeChallenge(nonce(2), kNow + 25));
    REQUIRE(*storage->takeChallenge(nonce(4), kNow + 40));
}

TEST_CASE("Case store storage: revocation lists applied at once from two connections; the newest wins, a late token is refused", "[sync]")
{
    const auto scratch = scratchLocation();
    std::array<std::unique_ptr<RecordStorage>, 2> connections = {openStorage(scratch->location()), openStorage(scratch->location())};
    District district;
    const RecordId revoked = RecordId::generate();
    constexpr int kRounds = 20;
    for (int round = 0; round < kRounds; ++round) {
        // Two case stores receive lists 2n+1 and 2n+2 at the same moment, in either order.
        std::array<crypto::Bytes, 2> lists;
        std::array<std::uint64_t, 2> sequences{};
        for (std::size_t t = 0; t < 2; ++t) {
            district.nextRevocationSequence = static_cast<std::uint64_t>(2 * round) + 1 + t;
            sequences[t] = district.nextRevocationSequence;
            lists[t] = district.revoke({revoked});
        }
        const auto outcomes = together([&](std::size_t t) { return connections[t]->applyRevocations(sequences[t], lists[t], {revoked}, kNow); });
        INFO("round " << round);
        for (const auto &o : outcomes) {
            INFO((o->ok() ? std::string() : o->error().message));
            REQUIRE(o->ok());
        }
        // The newer list is always applied; the older one too if it came first, else refused as stale.
        REQUIRE((*outcomes[1])->outcome == RevocationsOutcome::Applied);
        REQUIRE((*outcomes[0])->outcome != RevocationsOutcome::Held);
        auto held = connections[round % 2]->revocations();
        REQUIRE(held.ok());
        REQUIRE((*held)->sequence == sequences[1]);
        REQUIRE((*held)->bytes == lists[1]);
    }
    // A token written for a serial already on the list (an enrollment that raced it) is never found.
    REQUIRE(connections[0]->addToken(hashToken("tdt1.late"), DeviceToken{readerKey(3), kNow, revoked, RecordId::generate()}).ok());
    REQUIRE_FALSE(connections[1]->findToken(hashToken("tdt1.late"))->has_value());
}

namespace {

crypto::Bytes bytesOf(const QJsonValue &base64)
{
    const QByteArray raw = QByteArray::fromBase64(base64.toString().toLatin1());
    return crypto::Bytes(raw.begin(), raw.end());
}

} // namespace

TEST_CASE("Case store receipts are signed once as a record is stored and served from the store; another key signs afresh", "[sync][receipt]")
{
    CaseStoreFixture f;
    const crypto::Identity first = crypto::Identity::generate(), second = crypto::Identity::generate();
    auto note = [&] { return sealedNote(f.mentor.identity, {&f.mentor.identity, &f.teacher.identity}, test::randomMarker()); };
    // One record stored before the case store had a receipt key, two after.
    REQUIRE(f.push(f.mentor, batch({note()})).status == 200);
    f.server->api().setReceiptKey(copyOf(first));
    f.clock += 1000;
    REQUIRE(f.push(f.mentor, batch({note(), note()})).status == 200); // through the group committer's own connection

    const KeyId teacherKey = f.teacher.identity.publicIdentity().boxKeyId();
    const std::vector<StoredRecord> held = pullEverything(*f.storage, teacherKey);
    REQUIRE(held.size() == 3);
    CHECK(held[0].receipt.empty());
    // The two stored together for the same readers: one receipt tree, one signature, each receipt naming its own
    // record, bytes, sequence and the case store's time.
    std::vector<directory::Receipt> named;
    for (std::size_t i = 1; i < 3; ++i) {
        const StoredRecord &r = held[i];
        named.push_back({r.id, crypto::sealedHash(r.body), static_cast<std::uint64_t>(r.seq), kNow + 1000, {}});
        auto checked = directory::verifyReceipt(r.receipt, {directory::receiptKeyOf(first)}, r.id, r.body);
        REQUIRE(checked);
        CHECK(checked->sequence == static_cast<std::uint64_t>(r.seq));
        CHECK(checked->receivedAtMs == kNow + 1000);
        REQUIRE(r.receipt.size() > directory::kReceiptBytes);
        CHECK(r.receipt[8] == 2);
    }
    CHECK(std::equal(held[1].receipt.end() - 64, held[1].receipt.end(), held[2].receipt.end() - 64));
    CHECK(directory::issueReceipts(first, named) == std::vector<crypto::Bytes>{held[1].receipt, held[2].receipt});

    // Served: the kept ones as kept, the older record's signed as it is served; every one checks out for its record.
    auto servedReceipts = [&](const crypto::Identity &key) {
        const Http page = f.pull(f.teacher, QString(), 10, QStringLiteral("&receipts=2"));
        REQUIRE(page.status == 200);
        const QJsonArray records = page.json.value("records").toArray();
        REQUIRE(records.size() == 3);
        std::vector<crypto::Bytes> out;
        for (const QJsonValue &v : records) {
            const QJsonObject o = v.toObject();
            const crypto::Bytes receipt = bytesOf(o.value("receipt"));
            auto checked = directory::verifyReceipt(receipt, {directory::receiptKeyOf(key)}, *RecordId::fromString(o.value("id").toString().toStdString()),
                                                    bytesOf(o.value("body")));
            INFO((checked ? std::string() : checked.error().message));
            CHECK(checked.ok());
            out.push_back(receipt);
        }
        return out;
    };
    const auto underFirst = servedReceipts(first);
    CHECK(underFirst[1] == held[1].receipt);
    CHECK(underFirst[2] == held[2].receipt);

    // District IT rotates the receipt key: the case store restarts with the new one. Kept receipts under the old key are
    // not served; each is signed with the new key, and what is stored from now on keeps the new key's.
    f.server.reset();
    f.server = std::make_unique<CaseStoreServer>(*f.storage, [&f] { return f.clock; });
    f.port = f.server->listen(QHostAddress::LocalHost, 0);
    REQUIRE(f.port != 0);
    f.server->api().setReceiptKey(copyOf(second));
    const auto underSecond = servedReceipts(second);
    CHECK(underSecond[1] != held[1].receipt);
    REQUIRE(f.push(f.mentor, batch({note()})).status == 200);
    const std::vector<StoredRecord> now = pullEverything(*f.storage, teacherKey);
    REQUIRE(now.size() == 4);
    CHECK(now[3].receipt.size() == directory::kReceiptBytes);
    CHECK(directory::verifyReceipt(now[3].receipt, {directory::receiptKeyOf(second)}, now[3].id, now[3].body).ok());
    // Stored alone: version 1, byte for byte the receipt a pull would sign for it (Ed25519 is deterministic).
    CHECK(now[3].receipt
          == directory::issueReceipt(second, {now[3].id, crypto::sealedHash(now[3].body), static_cast<std::uint64_t>(now[3].seq), now[3].receivedAt, {}}));

    // Without a key, nothing is kept.
    f.server.reset();
    f.server = std::make_unique<CaseStoreServer>(*f.storage, [&f] { return f.clock; });
    f.port = f.server->listen(QHostAddress::LocalHost, 0);
    REQUIRE(f.push(f.mentor, batch({note()})).status == 200);
    CHECK(pullEverything(*f.storage, teacherKey).back().receipt.empty());
}

TEST_CASE("Case store on SQLite keeps receipts beside the records; receipts kept in a row before schema 9 are served", "[sync][receipt]")
{
    QTemporaryDir dir;
    const std::string path = (dir.path() + QStringLiteral("/cases.db")).toStdString();
    auto opened = SqliteRecordStorage::open(path);
    REQUIRE(opened);
    RecordStorage &storage = **opened;
    const auto signing = std::make_shared<const crypto::Identity>(crypto::Identity::generate());
    const crypto::Identity &key = *signing;
    storage.setReceiptSigner(receiptSignerFor(signing));
    const KeyId reader = crypto::Identity::generate().publicIdentity().boxKeyId();
    REQUIRE(storage.insertBatch({storedRecord({reader}), storedRecord({reader}), storedRecord({reader})}, kNow));
    const std::vector<StoredRecord> held = pullEverything(storage, reader);
    REQUIRE(held.size() == 3);
    for (const StoredRecord &r : held) CHECK(directory::verifyReceipt(r.receipt, {directory::receiptKeyOf(key)}, r.id, r.body).ok());

    sqlite3 *db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    auto single = [db](const char *sql) {
        sqlite3_stmt *st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        const std::int64_t v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return v;
    };
    // Beside, not in the row (a row with its receipt outgrew a 4 KiB page's share and took an overflow page).
    CHECK(single("SELECT count(*) FROM set_receipts") == 3);
    CHECK(single("SELECT count(*) FROM set_records WHERE receipt IS NOT NULL") == 0);
    CHECK(single("PRAGMA user_version") == 9);
    // A row as schema 8 left it: its receipt in the row, none beside it. Served as kept.
    const std::string legacy = "UPDATE set_records SET receipt = x'" + QByteArray(reinterpret_cast<const char *>(held[1].receipt.data()),
                                                                                    static_cast<qsizetype>(held[1].receipt.size())).toHex().toStdString()
                               + "' WHERE seq = " + std::to_string(held[1].seq);
    REQUIRE(sqlite3_exec(db, legacy.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, ("DELETE FROM set_receipts WHERE seq = " + std::to_string(held[1].seq)).c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const std::vector<StoredRecord> again = pullEverything(storage, reader);
    REQUIRE(again.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(again[i].receipt == held[i].receipt);
}

TEST_CASE("Case store receipt trees cover only records for the same readers", "[sync][receipt]")
{
    CaseStoreFixture f;
    const crypto::Identity key = crypto::Identity::generate();
    f.server->api().setReceiptKey(copyOf(key));
    // One push, two reader sets interleaved: three records for the mentor and the teacher, two for the mentor and another.
    const std::vector<const crypto::Identity *> teacherSet{&f.mentor.identity, &f.teacher.identity}, otherSet{&f.mentor.identity, &f.outsider.identity};
    std::vector<QJsonObject> records;
    for (int i = 0; i < 5; ++i) records.push_back(sealedNote(f.mentor.identity, i % 2 == 0 ? teacherSet : otherSet, test::randomMarker()));
    const Http pushed = f.call("POST", QStringLiteral("/v1/records?receipts=2"), f.mentor.token, batch(records));
    REQUIRE(pushed.status == 200);

    auto receiptsOf = [&](const Device &reader) {
        const std::vector<StoredRecord> held = pullEverything(*f.storage, reader.identity.publicIdentity().boxKeyId());
        for (const StoredRecord &r : held) {
            auto checked = directory::verifyReceipt(r.receipt, {directory::receiptKeyOf(key)}, r.id, r.body);
            INFO((checked ? std::string() : checked.error().message));
            CHECK(checked.ok());
        }
        return held;
    };
    constexpr std::size_t kCountAt = 8 + 1 + 32 + 16 + 32 + 8 + 8 + 1; // the leaf count byte of a version 2 receipt
    const auto teachers = receiptsOf(f.teacher), others = receiptsOf(f.outsider);
    REQUIRE(teachers.size() == 3);
    REQUIRE(others.size() == 2);
    for (const StoredRecord &r : teachers) {
        REQUIRE(r.receipt.size() > kCountAt);
        CHECK(r.receipt[kCountAt] == 3); // a tree of the teacher's three records only
    }
    for (const StoredRecord &r : others) {
        REQUIRE(r.receipt.size() > kCountAt);
        CHECK(r.receipt[kCountAt] == 2);
    }
    CHECK_FALSE(std::equal(teachers[0].receipt.end() - 64, teachers[0].receipt.end(), others[0].receipt.end() - 64));

    // The push reply tells the mentor the same receipts (a device that reads receipt trees; below, one that does not).
    const QJsonArray results = pushed.json.value("results").toArray();
    REQUIRE(results.size() == 5);
    CHECK(bytesOf(results[0].toObject().value("receipt")) == teachers[0].receipt);
    CHECK(bytesOf(results[1].toObject().value("receipt")) == others[0].receipt);
}

TEST_CASE("Case store sends receipt trees only to a device that says it reads them", "[sync][receipt]")
{
    CaseStoreFixture f;
    const crypto::Identity key = crypto::Identity::generate();
    f.server->api().setReceiptKey(copyOf(key));
    const std::vector<const crypto::Identity *> readers{&f.mentor.identity, &f.teacher.identity};
    auto notes = [&] {
        std::vector<QJsonObject> out;
        for (int i = 0; i < 3; ++i) out.push_back(sealedNote(f.mentor.identity, readers, test::randomMarker()));
        return out;
    };
    // Every receipt in a reply: checked for its record, and whether it is a tree's.
    auto versionsIn = [&](const QJsonArray &items, const std::map<QString, crypto::Bytes> &bodies) {
        std::vector<bool> trees;
        for (const QJsonValue &v : items) {
            const QJsonObject o = v.toObject();
            const crypto::Bytes receipt = bytesOf(o.value("receipt"));
            const QString id = o.value("id").toString();
            const crypto::Bytes body = o.contains("body") ? bytesOf(o.value("body")) : bodies.at(id);
            CHECK(directory::verifyReceipt(receipt, {directory::receiptKeyOf(key)}, *RecordId::fromString(id.toStdString()), body).ok());
            trees.push_back(directory::isReceiptTree(receipt));
        }
        return trees;
    };
    auto bodiesOf = [](const std::vector<QJsonObject> &records) {
        std::map<QString, crypto::Bytes> out;
        for (const QJsonObject &r : records) out[r.value("id").toString()] = bytesOf(r.value("body"));
        return out;
    };
    // A device from before receipt trees: no `receipts`. Its push reply and its pulls carry version 1 receipts.
    const std::vector<QJsonObject> older = notes();
    const Http pushed = f.push(f.mentor, batch(older));
    REQUIRE(pushed.status == 200);
    CHECK(versionsIn(pushed.json.value("results").toArray(), bodiesOf(older)) == std::vector<bool>{false, false, false});
    const Http page = f.pull(f.teacher, QString(), 10);
    REQUIRE(page.status == 200);
    CHECK(versionsIn(page.json.value("records").toArray(), {}) == std::vector<bool>{false, false, false});
    CHECK(versionsIn(f.pull(f.teacher, QString(), 10, QStringLiteral("&receipts=1")).json.value("records").toArray(), {})
          == std::vector<bool>{false, false, false});
    // The same records to a device that reads trees: the tree kept when they were stored.
    CHECK(versionsIn(f.pull(f.teacher, QString(), 10, QStringLiteral("&receipts=2")).json.value("records").toArray(), {})
          == std::vector<bool>{true, true, true});
    const std::vector<QJsonObject> newer = notes();
    const Http pushed2 = f.call("POST", QStringLiteral("/v1/records?receipts=2"), f.mentor.token, batch(newer));
    REQUIRE(pushed2.status == 200);
    CHECK(versionsIn(pushed2.json.value("results").toArray(), bodiesOf(newer)) == std::vector<bool>{true, true, true});
    // Any other value is refused, and nothing is stored.
    for (const QString &bad : {QStringLiteral("3"), QStringLiteral("two"), QStringLiteral("2,1")}) {
        requireError(f.pull(f.teacher, QString(), 10, QStringLiteral("&receipts=") + bad), 400, "request.bad_receipts");
        requireError(f.call("POST", QStringLiteral("/v1/records?receipts=") + bad, f.mentor.token, batch(notes())), 400, "request.bad_receipts");
    }
    CHECK(f.count() == 6);
}

TEST_CASE("Case store keeps a record's same-person tag as pushed and serves it; a malformed one is refused", "[sync]")
{
    CaseStoreFixture f;
    QJsonObject tagged = sealedNote(f.mentor.identity, {&f.mentor.identity, &f.teacher.identity}, test::randomMarker());
    const QJsonObject untagged = sealedNote(f.mentor.identity, {&f.teacher.identity}, test::randomMarker());
    const crypto::Bytes body = bytesOf(tagged.value("body"));
    const crypto::PersonTag tag = crypto::PersonTagger(f.mentor.identity).tag(body);
    tagged["personTag"] = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(tag.data()), static_cast<qsizetype>(tag.size())).toBase64());

    // Malformed tags: the whole push is refused, naming the record, and nothing is stored.
    for (const QJsonValue &bad : {QJsonValue(QStringLiteral("not base64!")), QJsonValue(QStringLiteral("AAAA")), QJsonValue(42)}) {
        QJsonObject wrong = tagged;
        wrong["personTag"] = bad;
        const Http refused = f.push(f.mentor, batch({untagged, wrong}));
        CHECK(refused.status == 400);
        CHECK(refused.json.value("code").toString() == QStringLiteral("request.malformed"));
        CHECK(refused.json.value("message").toString().contains(QStringLiteral("Record 2 of the batch's \"personTag\" is not 32 bytes of base64")));
        CHECK(*f.storage->recordCount() == 0);
    }

    REQUIRE(f.push(f.mentor, batch({tagged, untagged})).status == 200);
    // Pushed again with another tag: held, the first tag kept.
    QJsonObject retagged = tagged;
    retagged["personTag"] = QString::fromLatin1(QByteArray(32, 'x').toBase64());
    const Http again = f.push(f.mentor, batch({retagged}));
    REQUIRE(again.status == 200);
    CHECK(again.json.value("results").toArray().at(0).toObject().value("status").toString() == QStringLiteral("held"));

    // Served to every reader as it came (the teacher cannot check it and does not need to); none where none was sent.
    const Http page = f.pull(f.teacher, QString(), 10);
    REQUIRE(page.status == 200);
    const QJsonArray records = page.json.value("records").toArray();
    REQUIRE(records.size() == 2);
    CHECK(bytesOf(records.at(0).toObject().value("personTag")) == crypto::Bytes(tag.begin(), tag.end()));
    CHECK_FALSE(records.at(1).toObject().contains(QStringLiteral("personTag")));
    const std::vector<StoredRecord> held = pullEverything(*f.storage, f.teacher.identity.publicIdentity().boxKeyId());
    REQUIRE(held.size() == 2);
    CHECK(held[0].personTag == crypto::Bytes(tag.begin(), tag.end()));
    CHECK(held[1].personTag.empty());
}

namespace {
// A record as a device pushes one it sealed: with its author's same-person tag.
QJsonObject taggedNote(const crypto::Identity &author, const std::vector<const crypto::Identity *> &readers)
{
    QJsonObject note = sealedNote(author, readers, test::randomMarker());
    const crypto::PersonTag tag = crypto::PersonTagger(author).tag(bytesOf(note.value("body")));
    note["personTag"] = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(tag.data()), static_cast<qsizetype>(tag.size())).toBase64());
    return note;
}
// A push signature by `signer` over the tagged ones of `records`, as the `signature` query value.
QString pushSignatureOver(const crypto::Identity &signer, const std::vector<QJsonObject> &records)
{
    crypto::PushSignature s;
    for (const QJsonObject &r : records)
        if (r.contains(QStringLiteral("personTag"))) s.add(bytesOf(r.value("body")), bytesOf(r.value("personTag")));
    const crypto::Bytes sig = s.sign(signer);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(sig.data()), static_cast<qsizetype>(sig.size()))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
QJsonObject withBrokenSignature(const QJsonObject &record)
{
    crypto::Bytes body = bytesOf(record.value("body"));
    body.back() ^= 1;
    return with(record, "body", QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(body.data()), static_cast<qsizetype>(body.size())).toBase64()));
}
} // namespace

TEST_CASE("Case store with a district: a push signature stands for the signatures of the records its device sealed", "[sync]")
{
    EnrolledDistrict enrolled;
    auto &[district, f, mentorPerson, mentor, phone, teacher] = enrolled;
    auto signedPush = [&](const Device &d, const std::vector<QJsonObject> &records, const QString &signature) {
        return f.call("POST", QStringLiteral("/v1/records?receipts=2&signature=") + signature, d.token, batch(records));
    };
    const std::vector<QJsonObject> own{taggedNote(mentor.identity, {&teacher.identity}), taggedNote(mentor.identity, {&teacher.identity}),
                                       taggedNote(mentor.identity, {&teacher.identity})};

    SECTION("signed by the author: stored, and the records without a tag are still checked one by one")
    {
        const QJsonObject relayed = sealedNote(teacher.identity, {&mentor.identity}, test::randomMarker()); // no tag: not covered
        std::vector<QJsonObject> records = own;
        records.insert(records.begin() + 1, relayed);
        const Http pushed = signedPush(mentor.device, records, pushSignatureOver(mentor.identity, records));
        INFO(pushed.raw.toStdString());
        REQUIRE(pushed.status == 200);
        REQUIRE(f.count() == 4);
        // An untagged record with a broken signature is refused as without a push signature.
        records.push_back(withBrokenSignature(sealedNote(teacher.identity, {&mentor.identity}, test::randomMarker())));
        const Http refused = signedPush(mentor.device, records, pushSignatureOver(mentor.identity, records));
        requireError(refused, 422, "record.bad_signature");
        CHECK(refused.json.value("index").toInt() == 4);
        CHECK(f.count() == 4);
    }
    SECTION("what the author's key signed into the push is the author's: a record it covers is not checked again here")
    {
        // Only the author's key makes this (it could as well sign the record): the case store stores it, and every
        // reader still checks each record itself and sets this one aside (docs/security.md "Push signatures").
        const std::vector<QJsonObject> records{own[0], withBrokenSignature(own[1])};
        const Http pushed = signedPush(mentor.device, records, pushSignatureOver(mentor.identity, records));
        INFO(pushed.raw.toStdString());
        REQUIRE(pushed.status == 200);
        const std::vector<StoredRecord> held = pullEverything(*f.storage, teacher.identity.publicIdentity().boxKeyId());
        REQUIRE(held.size() == 2);
        const auto verified = crypto::verifyAuthor(held[1].body, [&](const KeyId &) { return mentor.identity.publicIdentity(); });
        REQUIRE_FALSE(verified.ok());
        CHECK(verified.error().code == "record.bad_signature");
        // Without the push signature the same record is refused, as before.
        const std::vector<QJsonObject> again{withBrokenSignature(own[2])};
        requireError(f.push(mentor.device, batch(again)), 422, "record.bad_signature");
    }
    SECTION("a signature it cannot use only leaves each record to its own signature; a refusal still names the record")
    {
        const QString good = pushSignatureOver(mentor.identity, own);
        // Altered on the way after the device signed the push: the signature does not verify, so the altered record
        // is checked by its own signature and refused by index, as without a push signature (the device sets it aside).
        std::vector<QJsonObject> altered = own;
        altered[2] = withBrokenSignature(own[2]);
        const Http refused = signedPush(mentor.device, altered, good);
        requireError(refused, 422, "record.bad_signature");
        CHECK(refused.json.value("index").toInt() == 2);
        CHECK(f.count() == 0);
        // A tag added to or stripped from one record on the way changes what is covered: not the device's signature.
        std::vector<QJsonObject> stripped = own, retagged = own;
        stripped[0].remove(QStringLiteral("personTag"));
        retagged[0]["personTag"] = QString::fromLatin1(QByteArray(32, 'x').toBase64());
        for (auto records : {stripped, retagged}) {
            records[1] = withBrokenSignature(records[1]);
            requireError(signedPush(mentor.device, records, good), 422, "record.bad_signature");
        }
        // Signed by another certified key (the teacher's), or by a key nobody certified, or over records of two
        // authors: nothing is vouched for, every record is checked, and a broken one is refused by index.
        const std::vector<QJsonObject> mixed{own[0], taggedNote(teacher.identity, {&mentor.identity}), withBrokenSignature(own[1])};
        const std::vector<QJsonObject> brokenOwn{own[0], withBrokenSignature(own[1])};
        for (const auto &[records, signature] : std::vector<std::pair<std::vector<QJsonObject>, QString>>{
                 {brokenOwn, pushSignatureOver(teacher.identity, brokenOwn)},
                 {brokenOwn, pushSignatureOver(crypto::Identity::generate(), brokenOwn)},
                 {mixed, pushSignatureOver(mentor.identity, mixed)}}) {
            const Http h = signedPush(mentor.device, records, signature);
            requireError(h, 422, "record.bad_signature");
            CHECK(h.json.value("index").toInt() == static_cast<int>(records.size() - 1));
        }
        CHECK(f.count() == 0);
        // Reordered or fewer records with genuine signatures: stored, each checked by its own signature.
        REQUIRE(signedPush(mentor.device, {own[1], own[0]}, good).status == 200);
        REQUIRE(signedPush(mentor.device, own, good).status == 200);
        CHECK(f.count() == 3);
    }
    SECTION("the records key vouches for nothing by a push signature: its grants are checked one by one")
    {
        QJsonObject record = byRecordsKey(district, RecordType::KeyGrant, teacher.identity, true);
        record["personTag"] = QString::fromLatin1(QByteArray(32, 'g').toBase64());
        const Http h = signedPush(mentor.device, {record}, pushSignatureOver(district.records, {record}));
        requireError(h, 422, "record.bad_signature");
        CHECK(f.count() == 0);
    }
    SECTION("a key the district did not certify vouches for nothing: its records are refused as before")
    {
        const crypto::Identity forger = crypto::Identity::generate();
        const std::vector<QJsonObject> forged{taggedNote(forger, {&teacher.identity}), withBrokenSignature(taggedNote(forger, {&teacher.identity}))};
        const Http refused = signedPush(mentor.device, forged, pushSignatureOver(forger, forged));
        requireError(refused, 422, "record.unknown_author");
        CHECK(refused.json.value("index").toInt() == 0);
        CHECK(f.count() == 0);
    }
    SECTION("without the HTTP front end's group commit: the same check on the direct path")
    {
        const QByteArray auth = QByteArray("Bearer ") + QByteArray::fromStdString(mentor.device.token);
        const std::vector<QJsonObject> records{own[0], withBrokenSignature(own[1])};
        const QByteArray signature = pushSignatureOver(mentor.identity, records).toLatin1();
        CHECK(f.server->api().push(auth, "application/json", batch(records), {}, "2", signature).status == 200);
        const std::vector<QJsonObject> unsigned_{withBrokenSignature(own[2])};
        CHECK(f.server->api().push(auth, "application/json", batch(unsigned_), {}, "2", {}).status == 422);
        CHECK(f.count() == 2);
    }
    SECTION("an unreadable signature is refused before anything is checked; one over nothing is not used")
    {
        const QString good = pushSignatureOver(mentor.identity, own);
        const QByteArray raw = QByteArray::fromBase64(good.toLatin1(), QByteArray::Base64UrlEncoding);
        for (const QString &bad : {QStringLiteral("abc"), good.left(85), good + QStringLiteral("A"), QString(86, QLatin1Char('!')),
                                   QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding)), // padded
                                   QString::fromLatin1(QByteArray(65, 'x').toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))}) {
            INFO(bad.toStdString());
            const Http refused = signedPush(mentor.device, own, bad);
            requireError(refused, 400, "request.bad_signature");
            CHECK(refused.json.value("message").toString().contains(QStringLiteral("unpadded base64url")));
        }
        CHECK(f.count() == 0);
        const std::vector<QJsonObject> untagged{withBrokenSignature(sealedNote(mentor.identity, {&teacher.identity}, test::randomMarker()))};
        requireError(signedPush(mentor.device, untagged, good), 422, "record.bad_signature");
        // A record refused for its form is named as before, whatever the signature says.
        const std::vector<QJsonObject> broken{own[0], with(own[1], "body", "***")};
        const Http malformed = signedPush(mentor.device, broken, good);
        requireError(malformed, 400, "request.malformed");
        CHECK(malformed.json.value("index").toInt() == 1);
        CHECK(f.count() == 0);
    }
}

TEST_CASE("Case store without a district: a push signature is read for its form and checks nothing", "[sync]")
{
    CaseStoreFixture f;
    const std::vector<QJsonObject> records{taggedNote(f.mentor.identity, {&f.teacher.identity})};
    // No district, no authors checked: a well-formed signature by any key is taken as the push is.
    const QString other = pushSignatureOver(crypto::Identity::generate(), records);
    requireError(f.call("POST", QStringLiteral("/v1/records?signature=%25%25"), f.mentor.token, batch(records)), 400, "request.bad_signature");
    CHECK(*f.storage->recordCount() == 0);
    const Http pushed = f.call("POST", QStringLiteral("/v1/records?signature=") + other, f.mentor.token, batch(records));
    INFO(pushed.raw.toStdString());
    REQUIRE(pushed.status == 200);
    CHECK(*f.storage->recordCount() == 1);
}

namespace {
// What a push's first half decided, comparable across the two ways of reading it.
std::string verdictOf(const std::variant<casestore::ApiReply, casestore::PreparedPush> &prepared)
{
    if (const auto *reply = std::get_if<casestore::ApiReply>(&prepared)) return std::to_string(reply->status) + " " + reply->json.toStdString();
    std::string out = "ok";
    for (const StoredRecord &r : *std::get<casestore::PreparedPush>(prepared).records) {
        out += " " + r.id.toString() + "/" + std::to_string(r.type) + "/" + (r.caseId ? r.caseId->toString() : "-") + "/"
               + (r.observationId ? r.observationId->toString() : "-") + "/" + std::to_string(r.createdAt) + "/" + crypto::toHex(r.body) + "/"
               + crypto::toHex(r.personTag) + "/" + std::to_string(r.readerKeyIds.size());
    }
    return out;
}
} // namespace

TEST_CASE("A push as devices write it is read without a DOM to the same records and refusals as through the JSON parser",
          "[sync][protocol]")
{
    CaseStoreFixture f;
    const QByteArray auth = QByteArray("Bearer ") + QByteArray::fromStdString(f.mentor.token);
    // Written as a device writes it (wire::appendRecord), three notes, one with a same-person tag.
    QByteArray canonical = R"({"records":[)";
    for (int i = 0; i < 3; ++i) {
        const crypto::Bytes body = bytesOf(sealedNote(f.mentor.identity, {&f.mentor.identity, &f.teacher.identity}, test::randomMarker()).value("body"));
        const crypto::RecordHeader h = crypto::parseHeader(body).value(); // the fields a device files the record under
        const crypto::PersonTag tag = crypto::PersonTagger(f.mentor.identity).tag(body);
        if (i > 0) canonical.append(',');
        wire::appendRecord(canonical, h.id, h.type, h.caseId, h.linkId, h.createdAtMs, body, {},
                           i == 1 ? std::span<const std::uint8_t>(tag) : std::span<const std::uint8_t>());
    }
    canonical.append("]}");
    // The general parser's reading: the same JSON laid out otherwise, which the canonical reader declines.
    auto general = [&](const QByteArray &body) -> std::optional<std::string> {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (!doc.isObject()) return std::nullopt;
        return verdictOf(f.server->api().preparePush(auth, "application/json", doc.toJson(QJsonDocument::Indented)));
    };
    // The canonical reader takes it (so what follows compares the two readers, not one with itself).
    qsizetype pos = canonical.indexOf('[') + 1;
    const auto direct = wire::readCanonicalRecords(canonical, pos);
    REQUIRE(direct.has_value());
    CHECK(direct->size() == 3);
    CHECK(pos == canonical.size() - 1);
    const std::string read = verdictOf(f.server->api().preparePush(auth, "application/json", canonical));
    REQUIRE(read.rfind("ok ", 0) == 0);
    CHECK(read == general(canonical));
    CHECK(*f.storage->recordCount() == 0); // the first half stores nothing

    // Every byte changed in turn to a few others: whatever the canonical reader accepts, the JSON parser reads the
    // same; what it declines goes to the JSON parser, so both give the same verdict.
    std::mt19937 rng(20261204);
    int compared = 0;
    for (qsizetype at = 0; at < canonical.size(); at += 1 + static_cast<qsizetype>(rng() % 7)) {
        for (const char c : {'0', '9', 'A', '"', ',', '}', ' ', '\\', '-', 'e'}) {
            if (canonical[at] == c) continue;
            QByteArray mutated = canonical;
            mutated[at] = c;
            const auto viaGeneral = general(mutated);
            const std::string viaPush = verdictOf(f.server->api().preparePush(auth, "application/json", mutated));
            if (!viaGeneral) {
                CHECK(viaPush.rfind("400 ", 0) == 0); // not JSON: refused as malformed
                continue;
            }
            INFO("byte " << at << " set to '" << c << "'");
            CHECK(viaPush == *viaGeneral);
            ++compared;
        }
    }
    CHECK(compared > 500);
    CHECK(*f.storage->recordCount() == 0);
}

namespace {

// The seq part of a cursor ("<epoch>.<seq>").
std::int64_t seqOf(const QString &cursor) { return cursor.section(QLatin1Char('.'), 1).toLongLong(); }

std::vector<QString> idsOf(const Http &page)
{
    std::vector<QString> ids;
    for (const QJsonValue &r : page.json.value("records").toArray()) ids.push_back(r.toObject().value("id").toString());
    return ids;
}

} // namespace

TEST_CASE("A push reply names each new record's seq and receipt; a pull's skip passes over the pusher's own records, no one else's",
          "[sync][receipt]")
{
    CaseStoreFixture f;
    const crypto::Identity receiptKey = crypto::Identity::generate();
    f.server->api().setReceiptKey(copyOf(receiptKey));
    const std::vector<const crypto::Identity *> both{&f.mentor.identity, &f.teacher.identity};
    auto note = [&](const crypto::Identity &author) { return sealedNote(author, both, test::randomMarker()); };

    // The teacher's record, the mentor's three, the teacher's second, then the mentor's fourth with a retry of its first.
    const QJsonObject t1 = note(f.teacher.identity), t2 = note(f.teacher.identity);
    const QJsonObject m1 = note(f.mentor.identity), m2 = note(f.mentor.identity), m3 = note(f.mentor.identity), m4 = note(f.mentor.identity);
    REQUIRE(f.push(f.teacher, batch({t1})).status == 200);
    const Http first = f.push(f.mentor, batch({m1, m2, m3}));
    INFO(first.raw.toStdString());
    REQUIRE(first.status == 200);
    const QString epoch = first.json.value("epoch").toString();
    REQUIRE(epoch.size() == 32);
    std::vector<std::int64_t> seqs;
    for (const QJsonValue &v : first.json.value("results").toArray()) {
        const QJsonObject r = v.toObject();
        REQUIRE(r.value("status").toString() == "stored");
        seqs.push_back(r.value("seq").toInteger());
        // The receipt as signed when the record was stored: for this record, these bytes, this seq.
        auto checked = directory::verifyReceipt(bytesOf(r.value("receipt")), {directory::receiptKeyOf(receiptKey)},
                                                *RecordId::fromString(r.value("id").toString().toStdString()),
                                                bytesOf(m1.value("id") == r.value("id") ? m1.value("body") : m2.value("id") == r.value("id") ? m2.value("body") : m3.value("body")));
        INFO((checked ? std::string() : checked.error().message));
        REQUIRE(checked.ok());
        CHECK(checked->sequence == static_cast<std::uint64_t>(seqs.back()));
    }
    REQUIRE(seqs.size() == 3);
    CHECK(seqs[1] == seqs[0] + 1);
    CHECK(seqs[2] == seqs[1] + 1);
    REQUIRE(f.push(f.teacher, batch({t2})).status == 200);
    const Http second = f.push(f.mentor, batch({m1, m4}));
    REQUIRE(second.status == 200);
    const QJsonArray results = second.json.value("results").toArray();
    CHECK(results.at(0).toObject().value("status").toString() == "held");
    CHECK_FALSE(results.at(0).toObject().contains("seq")); // a retry: the device pulls it back as before
    CHECK_FALSE(results.at(0).toObject().contains("receipt"));
    const std::int64_t seq4 = results.at(1).toObject().value("seq").toInteger();
    CHECK(seq4 > seqs[2] + 1); // the teacher's second lies between
    const QString skip = QStringLiteral("&skip=%1.%2-%3,%4-%4").arg(epoch).arg(seqs[0]).arg(seqs[2]).arg(seq4);

    SECTION("the teacher's records come, the mentor's own do not, and the cursor ends past them all")
    {
        std::vector<QString> ids;
        QString after;
        for (int guard = 0; guard < 10; ++guard) {
            const Http page = f.pull(f.mentor, after, 1, skip);
            INFO(page.raw.toStdString());
            REQUIRE(page.status == 200);
            for (const QString &id : idsOf(page)) ids.push_back(id);
            after = page.json.value("next").toString();
            if (!page.json.value("more").toBool()) break;
        }
        CHECK(ids == std::vector<QString>{t1.value("id").toString(), t2.value("id").toString()});
        CHECK(seqOf(after) == seq4);
        CHECK(after.startsWith(epoch + QLatin1Char('.')));
        // Others pulling get all six; a skip only ever leaves out records for the one who asks.
        CHECK(f.pullAll(f.teacher, 10).first.size() == 6);
        CHECK(idsOf(f.pull(f.mentor, QString(), 10)).size() == 6);
    }

    SECTION("a skip under another epoch (another store, or this one restored) passes over nothing")
    {
        const QString otherEpoch = QString(epoch).replace(0, 1, epoch.startsWith(QLatin1Char('0')) ? QStringLiteral("1") : QStringLiteral("0"));
        const Http page = f.pull(f.mentor, QString(), 10, QStringLiteral("&skip=%1.%2-%3").arg(otherEpoch).arg(seqs[0]).arg(seq4));
        REQUIRE(page.status == 200);
        CHECK(idsOf(page).size() == 6);
    }

    SECTION("a malformed skip is refused and nothing moves")
    {
        QString many = epoch + QLatin1Char('.');
        for (int i = 0; i < 65; ++i) many += QStringLiteral("%1%2-%2").arg(i > 0 ? QStringLiteral(",") : QString()).arg(2 * i + 1);
        for (const QString &bad : {QStringLiteral("1-3"), epoch + QStringLiteral(".3-1"), epoch + QStringLiteral(".1-3,3-4"),
                                   epoch + QStringLiteral(".4-5,1-2"), epoch + QStringLiteral(".0-2"), epoch + QStringLiteral(".a-b"),
                                   epoch + QStringLiteral("."), epoch + QStringLiteral(".1-2,"), epoch + QStringLiteral(".5"), many})
            requireError(f.pull(f.mentor, QString(), 10, QStringLiteral("&skip=") + bad), 400, "request.malformed");
        QString sixtyFour = epoch + QLatin1Char('.');
        for (int i = 0; i < 64; ++i) sixtyFour += QStringLiteral("%1%2-%2").arg(i > 0 ? QStringLiteral(",") : QString()).arg(1000 + 2 * i);
        CHECK(f.pull(f.mentor, QString(), 10, QStringLiteral("&skip=") + sixtyFour).status == 200);
    }

    SECTION("a long run of one's own records is passed over a few storage pages per request, the cursor moving on each time")
    {
        std::vector<QJsonObject> mine;
        for (int i = 0; i < 30; ++i) mine.push_back(note(f.mentor.identity));
        const Http pushed = f.push(f.mentor, batch(mine));
        REQUIRE(pushed.status == 200);
        const QJsonArray r = pushed.json.value("results").toArray();
        const std::int64_t from = r.first().toObject().value("seq").toInteger(), to = r.last().toObject().value("seq").toInteger();
        REQUIRE(to - from == 29);
        const QJsonObject t3 = note(f.teacher.identity);
        REQUIRE(f.push(f.teacher, batch({t3})).status == 200);
        QString after = QStringLiteral("%1.%2").arg(epoch).arg(seq4);
        std::vector<std::int64_t> cursors;
        std::vector<QString> ids;
        for (int guard = 0; guard < 20; ++guard) {
            const Http page = f.pull(f.mentor, after, 2, QStringLiteral("&skip=%1.%2-%3").arg(epoch).arg(from).arg(to));
            REQUIRE(page.status == 200);
            for (const QString &id : idsOf(page)) ids.push_back(id);
            after = page.json.value("next").toString();
            cursors.push_back(seqOf(after));
            if (!page.json.value("more").toBool()) break;
        }
        CHECK(ids == std::vector<QString>{t3.value("id").toString()});
        // At most eight storage pages of two per request: an empty page after 16 of the 30, "more", the cursor moved
        // on; then the other 14 and the teacher's record.
        REQUIRE(cursors.size() == 2);
        CHECK(cursors[0] == from + 15);
        CHECK(cursors[1] == to + 1);
    }
}

TEST_CASE("A push sent with the device's cursor says when nothing else is new for it, and only then", "[sync]")
{
    CaseStoreFixture f;
    const std::vector<const crypto::Identity *> both{&f.mentor.identity, &f.teacher.identity};
    auto note = [&](const crypto::Identity &author) { return sealedNote(author, both, test::randomMarker()); };
    auto pushAfter = [&](const QJsonObject &record, const QString &after) {
        return f.call("POST", QStringLiteral("/v1/records?after=") + after, f.mentor.token, batch({record}));
    };
    REQUIRE(f.push(f.teacher, batch({note(f.teacher.identity)})).status == 200);
    const QString c1 = f.pull(f.mentor, QString(), 10).json.value("next").toString();
    const QString epoch = c1.section(QLatin1Char('.'), 0, 0);

    // Nothing but its own records after its cursor: "next" is the cursor past them, as a pull would end.
    const QJsonObject m1 = note(f.mentor.identity);
    const Http first = pushAfter(m1, c1);
    INFO(first.raw.toStdString());
    REQUIRE(first.status == 200);
    const QString next = first.json.value("next").toString();
    CHECK(next == epoch + QLatin1Char('.') + QString::number(first.json.value("results").toArray().at(0).toObject().value("seq").toInteger()));
    CHECK(f.pull(f.mentor, QString(), 10).json.value("next").toString() == next);

    // The teacher wrote meanwhile: no "next", the device pulls.
    REQUIRE(f.push(f.teacher, batch({note(f.teacher.identity)})).status == 200);
    const Http second = pushAfter(note(f.mentor.identity), next);
    REQUIRE(second.status == 200);
    CHECK_FALSE(second.json.contains("next"));
    // A retry stores nothing: no "next" either.
    const Http retry = pushAfter(m1, next);
    REQUIRE(retry.status == 200);
    CHECK_FALSE(retry.json.contains("next"));
    // A cursor of another epoch asks nothing (the push is stored); something that is no cursor is refused, storing nothing.
    const QString otherEpoch = QString(epoch).replace(0, 1, epoch.startsWith(QLatin1Char('0')) ? QStringLiteral("1") : QStringLiteral("0"));
    const std::int64_t before = f.count();
    // The seq of a cursor at the end: under this epoch the push would be answered with "next".
    const QString end = f.pull(f.mentor, QString(), 100).json.value("next").toString();
    REQUIRE(end.startsWith(epoch + QLatin1Char('.')));
    const Http other = pushAfter(note(f.mentor.identity), otherEpoch + QLatin1Char('.') + end.section(QLatin1Char('.'), 1));
    REQUIRE(other.status == 200);
    CHECK_FALSE(other.json.contains("next"));
    CHECK(f.count() == before + 1);
    for (const QString &bad : {QStringLiteral("7"), epoch + QStringLiteral(".x"), epoch + QStringLiteral(".-1")})
        requireError(pushAfter(note(f.mentor.identity), bad), 400, "request.bad_cursor");
    CHECK(f.count() == before + 1);
}
