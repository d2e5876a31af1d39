#include "fuzz_casestore_support.h"
#include "wal_write_batch.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sodium.h>

namespace triad::fuzz {

std::vector<QByteArray> splitFields(std::span<const std::uint8_t> bytes, std::size_t count)
{
    const QByteArray all(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size()));
    std::vector<QByteArray> fields;
    qsizetype from = 0;
    while (fields.size() + 1 < count) {
        const qsizetype nl = all.indexOf('\n', from);
        if (nl < 0) break;
        fields.push_back(all.mid(from, nl - from));
        from = nl + 1;
    }
    fields.push_back(all.mid(from));
    fields.resize(count);
    return fields;
}

QByteArray CaseStore::authorization(QByteArray field) const
{
    field.replace(kReaderTokenPlaceholder, QByteArray::fromStdString(readerToken));
    field.replace(kStrangerTokenPlaceholder, QByteArray::fromStdString(strangerToken));
    return field;
}

std::int64_t CaseStore::count() const
{
    auto n = storage->recordCount();
    FUZZ_CHECK(n.ok());
    return *n;
}

void enableSqliteUris()
{
    // Before SQLite initialises: file: names with mode=memory&cache=shared, which SqliteRecordStorage::open passes on.
    FUZZ_CHECK(sqlite3_config(SQLITE_CONFIG_URI, 1) == SQLITE_OK);
}

namespace {

void copyDatabase(sqlite3 *from, sqlite3 *to)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    FUZZ_CHECK(b != nullptr);
    FUZZ_CHECK(sqlite3_backup_step(b, -1) == SQLITE_DONE);
    FUZZ_CHECK(sqlite3_backup_finish(b) == SQLITE_OK);
}

} // namespace

void CaseStore::markBaseline()
{
    sqlite3 *copy = nullptr;
    FUZZ_CHECK(sqlite3_open_v2(":memory:", &copy, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    baseline = {copy, sqlite3_close_v2};
    copyDatabase(admin.get(), copy);
}

void CaseStore::reset() const { copyDatabase(baseline.get(), admin.get()); }

CaseStore openCaseStore(const char *name)
{
    resetRandom();
    // The fixed tokens come from far down the rewound RNG stream: an input starts at its beginning, and a token it
    // has issued (an enrollment) must not repeat one of these (the store would refuse the duplicate hash).
    for (int i = 0; i < 4096; ++i) (void)randombytes_random();
    CaseStore s;
    const std::string uri = std::string("file:") + name + "?mode=memory&cache=shared";
    auto opened = casestore::SqliteRecordStorage::open(uri);
    FUZZ_CHECK(opened.ok());
    s.storage = std::move(*opened);
    sqlite3 *admin = nullptr;
    // Through the storage's VFS: SQLite shares an in-memory database's cache only between connections of one VFS.
    FUZZ_CHECK(sqlite3_open_v2(uri.c_str(), &admin, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, sqlite::walWriteBatchVfs()) == SQLITE_OK);
    s.admin = {admin, sqlite3_close_v2};
    auto readerToken = casestore::issueToken(*s.storage, reader().publicIdentity().boxKeyId(), kCaseStoreNowMs);
    auto strangerToken = casestore::issueToken(*s.storage, stranger().publicIdentity().boxKeyId(), kCaseStoreNowMs);
    FUZZ_CHECK(readerToken.ok() && strangerToken.ok());
    s.readerToken = *readerToken;
    s.strangerToken = *strangerToken;
    s.markBaseline();
    return s;
}

crypto::Bytes sealFixed(std::uint16_t type, const RecordId &id, std::int64_t createdAtMs, std::string_view plaintext, unsigned readers,
                        const std::optional<RecordId> &caseId)
{
    resetRandom();
    crypto::SealRequest req;
    req.type = type;
    req.id = id;
    req.createdAtMs = createdAtMs;
    req.caseId = caseId;
    req.plaintext = std::span(reinterpret_cast<const std::uint8_t *>(plaintext.data()), plaintext.size());
    if (readers & 1) req.readers.push_back(reader().publicIdentity());
    if (readers & 2) req.readers.push_back(author().publicIdentity());
    if (readers & 4) req.readers.push_back(stranger().publicIdentity());
    auto sealed = crypto::seal(author(), req);
    FUZZ_CHECK(sealed.ok());
    return *sealed;
}

QJsonObject wireRecord(std::span<const std::uint8_t> sealed, const std::optional<RecordId> &caseId, const std::optional<RecordId> &observationId)
{
    const auto header = crypto::parseHeader(sealed);
    FUZZ_CHECK(header.ok());
    const auto idValue = [](const std::optional<RecordId> &id) {
        return id ? QJsonValue(QString::fromStdString(id->toString())) : QJsonValue(QJsonValue::Null);
    };
    const QByteArray raw(reinterpret_cast<const char *>(sealed.data()), static_cast<qsizetype>(sealed.size()));
    return QJsonObject{{"id", QString::fromStdString(header->id.toString())},
                       {"type", header->type},
                       {"caseId", idValue(caseId)},
                       {"observationId", idValue(observationId)},
                       {"createdAt", static_cast<qint64>(header->createdAtMs)},
                       {"body", QString::fromLatin1(raw.toBase64())}};
}

QByteArray pushBody(const std::vector<QJsonObject> &records)
{
    QJsonArray a;
    for (const QJsonObject &r : records) a.append(r);
    return QJsonDocument(QJsonObject{{"records", a}}).toJson(QJsonDocument::Compact);
}

namespace {

RecordId poolId(std::uint8_t b)
{
    RecordId id;
    id.bytes.fill(b);
    id.bytes[6] = 0x40 | (b & 0x0F);
    id.bytes[8] = 0x80 | (b & 0x3F);
    return id;
}

} // namespace

const std::vector<PoolRecord> &pushPool()
{
    static const std::vector<PoolRecord> pool = [] {
        const auto make = [](std::uint8_t idByte, std::uint16_t type, std::string_view text, unsigned readers, bool stored) {
            return PoolRecord{sealFixed(type, poolId(idByte), kCaseStoreNowMs - idByte, text, readers), poolId(idByte), stored};
        };
        std::vector<PoolRecord> p;
        p.push_back(make(0x01, 5, "Exit tickets; three students re-taught at the back table.", 1 | 2, true));
        p.push_back(make(0x02, 5, "Warm-up routine posted and followed.", 1, false));
        p.push_back(make(0x03, 2, "A case record for someone else.", 4, false));
        // The conflicting twin: record 0x01's id, other content.
        p.push_back(make(0x01, 5, "Exit tickets; FOUR students re-taught at the back table.", 1 | 2, false));
        p.push_back(make(0x05, 7, "", 1 | 2 | 4, true));
        p.push_back(make(0x06, 9, std::string(3000, 'n'), 2, false));
        return p;
    }();
    return pool;
}

void preStorePool(CaseStore &store)
{
    std::vector<QJsonObject> records;
    for (const PoolRecord &r : pushPool())
        if (r.preStored) records.push_back(wireRecord(r.sealed));
    casestore::CaseStoreApi api(*store.storage, [] { return kCaseStoreNowMs; });
    const auto reply = api.push(store.bearer(store.readerToken), "application/json", pushBody(records));
    FUZZ_CHECK(reply.status == 200);
    store.markBaseline();
}

const directory::DistrictInfo &directoryDistrict()
{
    static const directory::DistrictInfo info = [] {
        directory::DistrictInfo d;
        d.name = "Fuzz Unified";
        d.rootSignPublicKey = districtRoot().publicIdentity().signPublicKey;
        d.recordsBoxPublicKey = stranger().publicIdentity().boxPublicKey;
        d.recordsSignPublicKey = stranger().publicIdentity().signPublicKey;
        return d;
    }();
    return info;
}

crypto::Bytes directoryCertificate(const crypto::Identity &issuer, const crypto::Identity &holder, const RecordId &serial, std::int64_t issuedAtMs,
                                   std::int64_t notAfterMs, const std::string &name)
{
    directory::Certificate c;
    c.serial = serial;
    c.personId.bytes.fill(0x44);
    c.displayName = name;
    c.roles = {Role::ParMentor};
    c.keys = holder.publicIdentity();
    c.issuedAtMs = issuedAtMs;
    c.notAfterMs = notAfterMs;
    auto issued = directory::issueCertificate(issuer, c);
    FUZZ_CHECK(issued.ok());
    return *issued;
}

crypto::Bytes directoryRevocations(std::uint64_t sequence, std::set<RecordId> serials)
{
    directory::RevocationList list;
    list.sequence = sequence;
    list.issuedAtMs = kCaseStoreNowMs - 1000;
    list.revokedSerials = std::move(serials);
    auto issued = directory::issueRevocations(districtRoot(), list);
    FUZZ_CHECK(issued.ok());
    return *issued;
}

const crypto::Bytes &directoryAuthorCertificate()
{
    static const crypto::Bytes c =
        directoryCertificate(districtRoot(), author(), kDirectoryAuthorSerial, kCaseStoreNowMs - 86'400'000, kCaseStoreNowMs + 86'400'000);
    return c;
}

const CaseStore &pooledCaseStore(const char *name)
{
    static CaseStore store = [name] {
        CaseStore s = openCaseStore(name);
        preStorePool(s);
        return s;
    }();
    store.reset();
    return store;
}

QJsonObject checkReply(const casestore::ApiReply &reply)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(reply.json, &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && doc.isObject());
    const QJsonObject o = doc.object();
    if (reply.status == 200) {
        FUZZ_CHECK(o.value("protocol").toString() == QLatin1String(casestore::kProtocolVersion));
        return o;
    }
    FUZZ_CHECK(reply.status >= 400 && reply.status < 500);
    FUZZ_CHECK(o.value("code").isString() && !o.value("code").toString().isEmpty());
    FUZZ_CHECK(o.value("message").isString() && !o.value("message").toString().isEmpty());
    return o;
}

void checkAuthOutcome(const QByteArray &authorization, bool exactValidToken, const casestore::ApiReply &reply)
{
    if (!authorization.startsWith("Bearer ")) FUZZ_CHECK(reply.status == 401);
    if (exactValidToken) FUZZ_CHECK(reply.status != 401);
}

} // namespace triad::fuzz
