// The case store over real HTTP on loopback (protocol triad-sync/1, docs/protocol.md): the real QHttpServer front
// end in-process on a random port, driven by QNetworkAccessManager, with records sealed by real identities.
#include <catch2/catch.hpp>

#include "casestore_server.h"
#include "sealed_record.h"
#include "sqlite_record_storage.h"
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
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>

#include <map>

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
    CaseStoreFixture()
    {
        REQUIRE(dir.isValid());
        auto opened = SqliteRecordStorage::open(dir.filePath(QStringLiteral("casestore.db")).toStdString());
        REQUIRE(opened.ok());
        storage = std::move(*opened);
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
    Http pull(const Device &d, const QString &after, int limit)
    {
        QString q = QStringLiteral("/v1/records?limit=%1").arg(limit);
        if (!after.isEmpty()) q += QStringLiteral("&after=") + after;
        return call("GET", q, d.token);
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
    QTemporaryDir dir;
    std::unique_ptr<SqliteRecordStorage> storage;
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

TEST_CASE("triad-casestore: --issue-token stores only the token's hash; bad flags are refused clearly", "[sync]")
{
    ensureApp();
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cs.db"));
    const crypto::Identity teacher = crypto::Identity::generate();
    const std::string keyHex = crypto::toHex(teacher.publicIdentity().boxKeyId());

    auto run = [&](const QStringList &args) {
        QProcess p;
        p.start(QStringLiteral(CASESTORE_PATH), args);
        REQUIRE(p.waitForFinished(10000));
        return std::make_tuple(p.exitCode(), QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed(),
                               QString::fromLocal8Bit(p.readAllStandardError()));
    };
    const auto [code, token, err] = run({"--db", db, "--issue-token", QString::fromStdString(keyHex)});
    INFO(err.toStdString());
    REQUIRE(code == 0);
    REQUIRE(token.startsWith("tdt1."));
    REQUIRE_FALSE(test::readFile(db).contains(token.toLatin1()));
    {
        auto storage = SqliteRecordStorage::open(db.toStdString());
        REQUIRE(storage.ok());
        auto found = (*storage)->findToken(hashToken(token.toStdString()));
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        REQUIRE((*found)->readerKeyId == teacher.publicIdentity().boxKeyId());
    }
    const auto [c1, o1, e1] = run({"--db", db, "--issue-token", "xyz"});
    REQUIRE(c1 != 0);
    REQUIRE(e1.contains("32 hex digits"));
    const auto [c2, o2, e2] = run({"--listen", "localhost-ish", "--db", db});
    REQUIRE(c2 != 0);
    REQUIRE(e2.contains("--listen"));
    const auto [c3, o3, e3] = run({"--no-such-flag"});
    REQUIRE(c3 != 0);
    REQUIRE(e3.contains("no-such-flag"));
}
