#include "postgres_record_storage.h"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <span>

namespace triad::casestore {

namespace {

// pg_type OIDs of the parameter types we send (catalog/pg_type_d.h is a server header).
constexpr Oid kInt8Oid = 20;
constexpr Oid kByteaOid = 17;

// Transaction-scoped advisory lock keys ("triadPSH", "triadSCH").
constexpr std::int64_t kPushLockKey = 0x7472696164505348;
constexpr std::int64_t kSchemaLockKey = 0x7472696164534348;

constexpr int kSchemaVersion = 1;

// Schema v1, the same tables as the SQLite store. `seq` is the pull cursor; record_readers is the (reader, seq)
// index a pull walks. Sealed bodies do not compress, so they are stored out of line without trying (EXTERNAL).
constexpr const char *kSchema = R"sql(
CREATE TABLE records (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             bytea NOT NULL UNIQUE CHECK (length(id) = 16),
    type           integer NOT NULL,
    case_id        bytea,
    observation_id bytea,
    created_at     bigint NOT NULL,
    author_key     bytea NOT NULL,
    received_at    bigint NOT NULL,
    body           bytea NOT NULL
);
ALTER TABLE records ALTER COLUMN body SET STORAGE EXTERNAL;
CREATE TABLE record_readers (
    reader_key bytea NOT NULL,
    seq        bigint NOT NULL REFERENCES records (seq),
    PRIMARY KEY (reader_key, seq)
);
CREATE TABLE device_tokens (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    reader_key bytea NOT NULL CHECK (length(reader_key) = 16),
    issued_at  bigint NOT NULL
);
CREATE TABLE schema_version (version integer NOT NULL);
INSERT INTO schema_version (version) VALUES (1);
)sql";

// libpq's messages end in a newline and continue on tab-indented lines; one line ending in a full stop reads better
// in a log.
std::string oneLine(const char *message)
{
    std::string out;
    for (const char *p = message ? message : ""; *p; ++p) {
        const bool space = *p == '\n' || *p == '\t' || *p == ' ';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : *p;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.empty()) return "no reason given.";
    if (out.back() != '.' && out.back() != '?') out += '.';
    return out;
}

// Parameters sent in binary: int8 in network byte order, bytea as the bytes themselves (no escaping, no text
// round trip). Bytes are referenced, not copied: they must outlive the query.
class Params {
public:
    Params &add(std::int64_t v)
    {
        Param p{kInt8Oid, {}, nullptr, 8};
        auto u = static_cast<std::uint64_t>(v);
        for (int i = 7; i >= 0; --i, u >>= 8) p.number[static_cast<std::size_t>(i)] = static_cast<char>(u & 0xff);
        m_params.push_back(p);
        return *this;
    }
    Params &add(std::span<const std::uint8_t> bytes)
    {
        m_params.push_back(Param{kByteaOid, {}, reinterpret_cast<const char *>(bytes.data()), static_cast<int>(bytes.size())});
        return *this;
    }
    Params &addNull()
    {
        m_params.push_back(Param{kByteaOid, {}, nullptr, -1});
        return *this;
    }
    PGresult *exec(PGconn *conn, const std::string &sql) const
    {
        std::vector<Oid> types;
        std::vector<const char *> values;
        std::vector<int> lengths, formats;
        for (const Param &p : m_params) {
            types.push_back(p.type);
            values.push_back(p.length < 0 ? nullptr : p.bytes ? p.bytes : p.number.data());
            lengths.push_back(std::max(p.length, 0));
            formats.push_back(1);
        }
        return PQexecParams(conn, sql.c_str(), static_cast<int>(m_params.size()), types.data(), values.data(),
                            lengths.data(), formats.data(), 1 /* binary results */);
    }

private:
    struct Param {
        Oid type;
        std::array<char, 8> number;
        const char *bytes; // external bytes; nullptr = `number`
        int length;        // -1 = NULL
    };
    std::vector<Param> m_params;
};

// Owns a PGresult; reads binary-format columns.
class Rows {
public:
    explicit Rows(PGresult *r) : m_r(r) {}
    ~Rows() { PQclear(m_r); }
    Rows(const Rows &) = delete;
    Rows &operator=(const Rows &) = delete;
    bool ok() const
    {
        const ExecStatusType s = PQresultStatus(m_r);
        return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    }
    const char *errorMessage() const { return m_r ? PQresultErrorMessage(m_r) : "out of memory"; }
    int count() const { return PQntuples(m_r); }
    bool isNull(int row, int col) const { return PQgetisnull(m_r, row, col) != 0; }
    // int2/int4/int8 in network byte order, sign-extended.
    std::int64_t i64(int row, int col) const
    {
        const auto *p = reinterpret_cast<const unsigned char *>(PQgetvalue(m_r, row, col));
        const int n = PQgetlength(m_r, row, col);
        std::uint64_t u = (n > 0 && (p[0] & 0x80)) ? ~std::uint64_t{0} : 0;
        for (int i = 0; i < n; ++i) u = (u << 8) | p[i];
        return static_cast<std::int64_t>(u);
    }
    Bytes bytes(int row, int col) const
    {
        const auto *p = reinterpret_cast<const std::uint8_t *>(PQgetvalue(m_r, row, col));
        return Bytes(p, p + PQgetlength(m_r, row, col));
    }
    template <std::size_t N>
    std::array<std::uint8_t, N> array(int row, int col) const
    {
        std::array<std::uint8_t, N> a{};
        const Bytes b = bytes(row, col);
        std::copy_n(b.begin(), std::min(N, b.size()), a.begin());
        return a;
    }

private:
    PGresult *m_r;
};

// "$first, $first+1, …" for an IN list of n values.
std::string placeholders(std::size_t first, std::size_t n)
{
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += (i ? ", $" : "$") + std::to_string(first + i);
    return s;
}

Params readerParams(const std::vector<KeyId> &readerKeyIds)
{
    Params p;
    for (const KeyId &k : readerKeyIds) p.add(k);
    return p;
}

// Rolls back unless committed. ROLLBACK on a lost connection fails harmlessly.
class Tx {
public:
    explicit Tx(PGconn *conn) : m_conn(conn) {}
    ~Tx()
    {
        if (m_open) PQclear(PQexec(m_conn, "ROLLBACK"));
    }
    Tx(const Tx &) = delete;
    Tx &operator=(const Tx &) = delete;
    bool begin()
    {
        m_open = Rows(PQexec(m_conn, "BEGIN")).ok();
        return m_open;
    }
    bool commit()
    {
        if (!Rows(PQexec(m_conn, "COMMIT")).ok()) return false; // on failure PostgreSQL has already rolled back
        m_open = false;
        return true;
    }

private:
    PGconn *m_conn;
    bool m_open = false;
};

Error queryError(const std::string &what, const Rows &rows)
{
    return makeError("casestore.db", what + " failed in PostgreSQL: " + oneLine(rows.errorMessage()));
}

Error connectionError(PGconn *conn, const std::string &what)
{
    return makeError("casestore.db", what + " failed in PostgreSQL: " + oneLine(PQerrorMessage(conn)));
}

void ignoreNotice(void *, const char *) {}

} // namespace

bool PostgresRecordStorage::isPostgresUri(std::string_view location)
{
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string PostgresRecordStorage::displayName() const
{
    const auto text = [](const char *s) { return std::string(s ? s : ""); };
    std::string host = text(PQhost(m_conn));
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    return "postgresql://" + text(PQuser(m_conn)) + "@" + host + ":" + text(PQport(m_conn)) + "/" + text(PQdb(m_conn));
}

Result<std::unique_ptr<PostgresRecordStorage>> PostgresRecordStorage::open(const std::string &uri)
{
    if (!isPostgresUri(uri))
        return makeError("casestore.db_open", "A PostgreSQL location must start with postgresql:// or postgres://.");
    char *parseError = nullptr;
    PQconninfoOption *parsed = PQconninfoParse(uri.c_str(), &parseError);
    if (!parsed) {
        // libpq quotes the whole URI after " in URI:", password included: leave that part out.
        std::string reason = parseError ? parseError : "";
        reason = reason.substr(0, reason.find(" in URI"));
        Error e = makeError("casestore.db_open", "The PostgreSQL URI cannot be read: " + oneLine(reason.c_str()));
        PQfreemem(parseError);
        return e;
    }
    PQconninfoFree(parsed);

    // Keywords are applied in order and the expanded URI comes last, so its own connect_timeout wins over ours;
    // without one, an unreachable host would block the case store for the operating system's TCP timeout.
    const char *keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char *values[] = {"10", "triad-casestore", uri.c_str(), nullptr};
    PGconn *conn = PQconnectdbParams(keywords, values, 1);
    if (!conn) return makeError("casestore.db_open", "libpq could not allocate a PostgreSQL connection.");
    PQsetNoticeProcessor(conn, ignoreNotice, nullptr); // NOTICEs are chatter on stderr, errors come back as results
    std::unique_ptr<PostgresRecordStorage> s(new PostgresRecordStorage(conn));
    if (PQstatus(conn) != CONNECTION_OK)
        return makeError("casestore.db_open", "The case store's PostgreSQL database " + s->displayName()
                                                  + " cannot be reached: " + oneLine(PQerrorMessage(conn)));
    if (auto st = s->createSchema(); !st) return st.error();
    return s;
}

PostgresRecordStorage::~PostgresRecordStorage() { PQfinish(m_conn); }

Status PostgresRecordStorage::ensureConnected()
{
    if (PQstatus(m_conn) == CONNECTION_OK) {
        // Every call ends its own transaction; should one ever be left open, the next call must not run inside it.
        if (PQtransactionStatus(m_conn) != PQTRANS_IDLE) PQclear(PQexec(m_conn, "ROLLBACK"));
        return {};
    }
    PQreset(m_conn);
    if (PQstatus(m_conn) == CONNECTION_OK) return {};
    return makeError("casestore.db", "The case store cannot reach its PostgreSQL database " + displayName() + ": "
                                         + oneLine(PQerrorMessage(m_conn)));
}

Status PostgresRecordStorage::createSchema()
{
    // Two case stores starting on one empty database must not both create the tables.
    Tx tx(m_conn);
    if (!tx.begin()) return connectionError(m_conn, "Starting a transaction");
    if (Rows lock(Params().add(kSchemaLockKey).exec(m_conn, "SELECT pg_advisory_xact_lock($1)")); !lock.ok())
        return queryError("Locking the schema", lock);
    Rows exists(PQexecParams(m_conn, "SELECT to_regclass('schema_version') IS NOT NULL", 0, nullptr, nullptr, nullptr, nullptr, 1));
    if (!exists.ok() || exists.count() != 1) return queryError("Looking for the schema", exists);
    if (exists.i64(0, 0) == 0) {
        if (Rows created(PQexec(m_conn, kSchema)); !created.ok()) return queryError("Creating the schema", created);
    } else {
        Rows version(PQexecParams(m_conn, "SELECT max(version) FROM schema_version", 0, nullptr, nullptr, nullptr, nullptr, 1));
        if (!version.ok() || version.count() != 1 || version.isNull(0, 0)) return queryError("Reading the schema version", version);
        if (version.i64(0, 0) > kSchemaVersion)
            return makeError("casestore.db_too_new", "The case store's PostgreSQL database " + displayName()
                                                         + " was written by a newer case store.");
    }
    if (!tx.commit()) return connectionError(m_conn, "Committing the schema");
    return {};
}

Result<BatchOutcome> PostgresRecordStorage::insertBatch(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs)
{
    if (auto st = ensureConnected(); !st) return st.error();
    BatchOutcome out;
    Tx tx(m_conn);
    if (!tx.begin()) return connectionError(m_conn, "Starting a transaction");
    // Why the lock: `seq` is the pull cursor, and PostgreSQL hands out sequence values when a row is inserted, not
    // when its transaction commits. Without the lock, batch A could take seq 11, batch B seq 12, B commit first, a
    // puller see 12, move its cursor past 11 — and when A commits, record 11 is never pulled by that device: a lost
    // record. The transaction-scoped advisory lock is taken before any seq is drawn and released only after COMMIT
    // is visible, so pushes (from every connection and every case store process on this database) draw and commit
    // their seqs one batch after another: seq order equals commit order, and a puller that sees seq N sees
    // everything below it. It also makes two pushes of the same id meet one after the other, so the second finds
    // the first committed (held or conflict) instead of failing on the unique constraint. Pulls do not take it.
    if (Rows lock(Params().add(kPushLockKey).exec(m_conn, "SELECT pg_advisory_xact_lock($1)")); !lock.ok())
        return queryError("Waiting for the push lock", lock);
    static const std::string insertSql =
        "INSERT INTO records (id, type, case_id, observation_id, created_at, author_key, received_at, body) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING seq";
    for (std::size_t i = 0; i < records.size(); ++i) {
        const StoredRecord &r = records[i];
        Params p;
        p.add(r.id.bytes).add(static_cast<std::int64_t>(r.type));
        if (r.caseId) p.add(r.caseId->bytes); else p.addNull();
        if (r.observationId) p.add(r.observationId->bytes); else p.addNull();
        p.add(r.createdAt).add(r.authorKeyId).add(receivedAtMs).add(r.body);
        Rows inserted(p.exec(m_conn, insertSql));
        if (!inserted.ok()) return queryError("Storing a record", inserted);
        if (inserted.count() == 0) {
            // The unique constraint on the id held: the same bytes are a retry, other bytes a conflict.
            Rows held(Params().add(r.id.bytes).exec(m_conn, "SELECT body FROM records WHERE id = $1"));
            if (!held.ok() || held.count() != 1) return queryError("Reading a held record", held);
            if (held.bytes(0, 0) != r.body) {
                out.conflictAt = i;
                out.added.clear();
                return out; // Tx rolls back: nothing of the batch is kept
            }
            out.added.push_back(false);
            continue;
        }
        if (!r.readerKeyIds.empty()) {
            const std::int64_t seq = inserted.i64(0, 0);
            Params rp = readerParams(r.readerKeyIds);
            rp.add(seq);
            const std::string seqParam = "$" + std::to_string(r.readerKeyIds.size() + 1);
            std::string sql = "INSERT INTO record_readers (reader_key, seq) VALUES ";
            for (std::size_t k = 0; k < r.readerKeyIds.size(); ++k)
                sql += (k ? ", ($" : "($") + std::to_string(k + 1) + ", " + seqParam + ")";
            sql += " ON CONFLICT DO NOTHING"; // a reader listed twice in a header is indexed once
            if (Rows indexed(rp.exec(m_conn, sql)); !indexed.ok()) return queryError("Indexing a record's readers", indexed);
        }
        out.added.push_back(true);
    }
    if (!tx.commit()) return connectionError(m_conn, "Committing the batch");
    return out;
}

Result<PullPage> PostgresRecordStorage::pull(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit)
{
    PullPage page;
    if (readerKeyIds.empty() || limit <= 0) return page;
    if (auto st = ensureConnected(); !st) return st.error();
    const std::size_t n = readerKeyIds.size();
    const std::string sql =
        "SELECT r.seq, r.id, r.type, r.case_id, r.observation_id, r.created_at, r.author_key, r.body FROM records r "
        "WHERE r.seq IN (SELECT DISTINCT seq FROM record_readers WHERE reader_key IN (" + placeholders(1, n) + ") "
        "AND seq > $" + std::to_string(n + 1) + " ORDER BY seq LIMIT $" + std::to_string(n + 2) + ") ORDER BY r.seq";
    Params p = readerParams(readerKeyIds);
    p.add(afterSeq).add(static_cast<std::int64_t>(limit) + 1); // one more tells whether another page exists
    Rows rows(p.exec(m_conn, sql));
    if (!rows.ok()) return queryError("Pulling records", rows);
    for (int row = 0; row < rows.count(); ++row) {
        if (page.records.size() == static_cast<std::size_t>(limit)) {
            page.more = true;
            break;
        }
        StoredRecord r;
        r.seq = rows.i64(row, 0);
        r.id.bytes = rows.array<16>(row, 1);
        r.type = static_cast<std::uint16_t>(rows.i64(row, 2));
        if (!rows.isNull(row, 3)) r.caseId = RecordId{rows.array<16>(row, 3)};
        if (!rows.isNull(row, 4)) r.observationId = RecordId{rows.array<16>(row, 4)};
        r.createdAt = rows.i64(row, 5);
        r.authorKeyId = rows.array<16>(row, 6);
        r.body = rows.bytes(row, 7);
        page.records.push_back(std::move(r));
    }
    return page;
}

Result<std::int64_t> PostgresRecordStorage::countAfter(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq)
{
    if (readerKeyIds.empty()) return std::int64_t{0};
    if (auto st = ensureConnected(); !st) return st.error();
    const std::size_t n = readerKeyIds.size();
    Params p = readerParams(readerKeyIds);
    p.add(afterSeq);
    Rows rows(p.exec(m_conn, "SELECT count(DISTINCT seq) FROM record_readers WHERE reader_key IN (" + placeholders(1, n)
                                 + ") AND seq > $" + std::to_string(n + 1)));
    if (!rows.ok() || rows.count() != 1) return queryError("Counting records", rows);
    return rows.i64(0, 0);
}

Status PostgresRecordStorage::addToken(const TokenHash &hash, const DeviceToken &token)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(Params().add(hash).add(token.readerKeyId).add(token.issuedAt).exec(
        m_conn, "INSERT INTO device_tokens (token_hash, reader_key, issued_at) VALUES ($1, $2, $3)"));
    if (!rows.ok()) return queryError("Storing a device token", rows);
    return {};
}

Result<std::optional<DeviceToken>> PostgresRecordStorage::findToken(const TokenHash &hash)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(Params().add(hash).exec(m_conn, "SELECT reader_key, issued_at FROM device_tokens WHERE token_hash = $1"));
    if (!rows.ok()) return queryError("Looking up a device token", rows);
    if (rows.count() == 0) return std::optional<DeviceToken>{};
    return std::optional<DeviceToken>{DeviceToken{rows.array<16>(0, 0), rows.i64(0, 1)}};
}

Result<std::int64_t> PostgresRecordStorage::recordCount()
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(PQexecParams(m_conn, "SELECT count(*) FROM records", 0, nullptr, nullptr, nullptr, nullptr, 1));
    if (!rows.ok() || rows.count() != 1) return queryError("Counting records", rows);
    return rows.i64(0, 0);
}

} // namespace triad::casestore
