// The case store over real HTTP on loopback (protocol triad-sync/1, docs/protocol.md): the real QHttpServer front
// end in-process on a random port, driven by QNetworkAccessManager, with records sealed by real identities; and the
// storage alone under concurrent connections.
//
// Every test runs on the backend TRIAD_TEST_BACKEND names (pg_scratch.h): CTest runs this binary as test_casestore
// (SQLite) and as test_casestore_pg (PostgreSQL, on the pg_cluster fixture's throwaway server), each test case on its
// own scratch file or database. Tests tagged [postgres] are about PostgreSQL itself and run only in the latter.
#include <catch2/catch.hpp>

#include "casestore_server.h"
#include "pg_scratch.h"
#include "sealed_record.h"
#include "test_support.h"

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
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <functional>
#include <latch>
#include <map>
#include <set>
#include <thread>

using namespace triad;
using namespace triad::casestore;

namespace {

void ensureApp()
{
    static int argc = 1;
    static char name[] = "test_casestore";
    static char *argv[] = {name, nullptr};
    if (!QCoreApplication::instance()) new QCoreApplication(argc, argv); // lives for the whole run
}

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

QJsonObject wire(const RecordId &id, std::uint16_t type, std::int64_t createdAt, const crypto::Bytes &body,
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
QJsonObject sealedNote(const crypto::Identity &author, const std::vector<const crypto::Identity *> &readers,
                       const std::string &text, RecordId id = RecordId::generate())
{
    crypto::SealRequest req;
    req.type = 5;
    req.id = id;
    req.createdAtMs = 1'790'000'000'000;
    const std::vector<std::uint8_t> plain(text.begin(), text.end());
    req.plaintext = plain;
    for (const auto *r : readers) req.readers.push_back(r->publicIdentity());
    auto sealed = crypto::seal(author, req);
    REQUIRE(sealed.ok());
    return wire(id, req.type, req.createdAtMs, *sealed, RecordId::generate());
}

QByteArray batch(const std::vector<QJsonObject> &records)
{
    QJsonArray a;
    for (const auto &r : records) a.append(r);
    return QJsonDocument(QJsonObject{{"records", a}}).toJson(QJsonDocument::Compact);
}

class CaseStoreFixture {
public:
    // On a fresh location of the backend under test, or on `location` when given.
    explicit CaseStoreFixture(const std::string &location = {})
    {
        if (location.empty()) scratch = scratchLocation();
        storage = openStorage(location.empty() ? scratch->location() : location);
        server = std::make_unique<CaseStoreServer>(*storage);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
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
        AppFirst() { ensureApp(); } // before the network access manager is constructed
    } appFirst;
    std::unique_ptr<test::ScratchLocation> scratch;
    std::unique_ptr<RecordStorage> storage;
    std::unique_ptr<CaseStoreServer> server;
    quint16 port = 0;
    QNetworkAccessManager nam;
    Device mentor, teacher, outsider;
};

QJsonObject with(QJsonObject o, const char *key, const QJsonValue &value)
{
    o.insert(QLatin1String(key), value);
    return o;
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
    for (int i = 0; i < 5; ++i)
        shared.push_back(sealedNote(f.mentor.identity, {&f.mentor.identity, &f.teacher.identity}, test::randomMarker()));
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
        for (const QJsonObject &bad : {with(good, "id", "42"), with(good, "type", 2.5), with(good, "caseId", 7),
                                       with(good, "createdAt", "yesterday"), with(good, "body", QJsonValue())})
            requireError(f.push(f.mentor, batch({bad})), 400, "request.malformed");
        requireError(f.push(f.mentor, batch({good, good})), 400, "request.duplicate_id");
        requireError(f.pull(f.teacher, QStringLiteral("abc"), 2), 400, "request.bad_cursor");
        requireError(f.pull(f.teacher, QStringLiteral("-1"), 2), 400, "request.bad_cursor");
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
        for (const QJsonObject &bad : {with(good, "type", 6), with(good, "createdAt", 1),
                                       with(good, "id", QString::fromStdString(RecordId::generate().toString()))})
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
    ensureApp();
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
    const auto [c1, o1, e1] = run(casestore, {"--db", db, "--issue-token", "xyz"});
    REQUIRE(c1 != 0);
    REQUIRE(e1.contains("32 hex digits"));
    const auto [c2, o2, e2] = run(casestore, {"--listen", "localhost-ish", "--db", db});
    REQUIRE(c2 != 0);
    REQUIRE(e2.contains("--listen"));
    const auto [c3, o3, e3] = run(casestore, {"--no-such-flag"});
    REQUIRE(c3 != 0);
    REQUIRE(e3.contains("no-such-flag"));
    // An unreachable or unreadable PostgreSQL: status 2 and a sentence, never the password.
    const auto [c4, o4, e4] = run(casestore, {"--db", "postgresql://someone:hunter2@127.0.0.1:1/cases", "--issue-token",
                                             QString::fromStdString(keyHex)});
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
                if (!outcome) failures[p] = outcome.error().message;
                else if (outcome->conflictAt || outcome->added != std::vector<bool>(kBatch, true)) failures[p] = "a fresh batch was not stored whole";
                else for (const StoredRecord &r : batch) pushed[p].push_back(r.id);
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
        std::array<std::optional<Result<BatchOutcome>>, 2> outcomes;
        std::latch start(2);
        std::array<std::thread, 2> threads;
        for (std::size_t t = 0; t < 2; ++t)
            threads[t] = std::thread([&, t] {
                start.arrive_and_wait();
                outcomes[t] = connections[t]->insertBatch(batches[t], round);
            });
        for (std::thread &th : threads) th.join();

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

TEST_CASE("Case store on PostgreSQL: a restarted or stopped server answers 503 server.storage, then the case store reconnects by itself", "[sync][postgres]")
{
    ensureApp();
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

    // Restarted: the open connection is gone, and the call that meets it says so; the next one reconnects.
    REQUIRE(pgCluster("restart").first);
    requireError(f.pull(f.teacher, QString(), 10), 503, "server.storage");
    const Http back = f.pull(f.teacher, QString(), 10);
    REQUIRE(back.status == 200);
    REQUIRE(back.json.value("records").toArray().size() == 1);

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
    psql.start(QStringLiteral(PG_PSQL_PATH), {"-q", "-v", "ON_ERROR_STOP=1", "-c", "UPDATE schema_version SET version = 2",
                                              QString::fromStdString(scratch->location())});
    REQUIRE(psql.waitForFinished(20000));
    INFO(psql.readAllStandardError().toStdString());
    REQUIRE(psql.exitCode() == 0);
    auto newer = openRecordStorage(scratch->location());
    REQUIRE_FALSE(newer.ok());
    REQUIRE(newer.error().code == "casestore.db_too_new");
    REQUIRE(newer.error().message.find("newer case store") != std::string::npos);
}
