#include "postgres_record_storage.h"
#include "error_codes.h"

#include <libpq-fe.h>
#include <sodium.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <unordered_map>
#include <array>
#include <cstdlib>
#include <span>

namespace triad::casestore {

namespace {

// pg_type OIDs of the parameter types we send (catalog/pg_type_d.h is a server header).
constexpr Oid kInt8Oid = 20;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8ArrayOid = 1016;
constexpr Oid kByteaArrayOid = 1001;

// Transaction-scoped advisory lock keys ("triadPSH", "triadSCH", "triadREV", "triadDIR").
constexpr std::int64_t kPushLockKey = 0x7472696164505348;
constexpr std::int64_t kSchemaLockKey = 0x7472696164534348;
constexpr std::int64_t kRevocationLockKey = 0x7472696164524556;
constexpr std::int64_t kDirectoryLockKey = 0x7472696164444952;

constexpr int kSchemaVersion = 7;

// Serials per INSERT when a revocation list is stored (two bytes of parameter count; a list may hold a million).
constexpr std::size_t kSerialsPerInsert = 1000;

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

// v1 → v2, as in the SQLite store: tokens bound to a certificate serial and person (NULL for tokens issued by hand),
// the certificates the case store has seen, the newest revocation list (one row) and its serials, open enrollment
// challenges.
constexpr const char *kUpgradeToV2 = R"sql(
ALTER TABLE device_tokens ADD COLUMN cert_serial bytea CHECK (cert_serial IS NULL OR length(cert_serial) = 16);
ALTER TABLE device_tokens ADD COLUMN person_id bytea CHECK (person_id IS NULL OR length(person_id) = 16);
CREATE INDEX device_tokens_by_serial ON device_tokens (cert_serial) WHERE cert_serial IS NOT NULL;
CREATE TABLE certificates (
    serial      bytea PRIMARY KEY CHECK (length(serial) = 16),
    sign_key    bytea NOT NULL CHECK (length(sign_key) = 16),
    person_id   bytea NOT NULL CHECK (length(person_id) = 16),
    certificate bytea NOT NULL,
    added_at    bigint NOT NULL
);
CREATE INDEX certificates_by_signer ON certificates (sign_key);
CREATE TABLE revocations (
    singleton  integer PRIMARY KEY CHECK (singleton = 1),
    sequence   bigint NOT NULL,
    list       bytea NOT NULL,
    applied_at bigint NOT NULL
);
CREATE TABLE revoked_serials (serial bytea PRIMARY KEY CHECK (length(serial) = 16));
CREATE TABLE enroll_challenges (
    nonce      bytea PRIMARY KEY CHECK (length(nonce) = 32),
    expires_at bigint NOT NULL
);
UPDATE schema_version SET version = 2;
)sql";

// v2 → v3, as in the SQLite store: the store's epoch (one row), random at creation.
constexpr const char *kUpgradeToV3 = R"sql(
CREATE TABLE store_epoch (
    singleton integer PRIMARY KEY CHECK (singleton = 1),
    epoch     text NOT NULL CHECK (length(epoch) = 32)
);
INSERT INTO store_epoch (singleton, epoch) VALUES (1, replace(gen_random_uuid()::text, '-', ''));
UPDATE schema_version SET version = 3;
)sql";

// v3 → v4, as in the SQLite store: the district directory snapshot devices fetch (one row).
constexpr const char *kUpgradeToV4 = R"sql(
CREATE TABLE directory_snapshot (
    singleton    integer PRIMARY KEY CHECK (singleton = 1),
    sequence     bigint NOT NULL,
    snapshot     bytea NOT NULL,
    published_at bigint NOT NULL
);
UPDATE schema_version SET version = 4;
)sql";

// v4 → v5, as in the SQLite store: evidence media parts, and key grants indexed by the record they grant (partial).
constexpr const char *kUpgradeToV5 = R"sql(
CREATE TABLE media_parts (
    evidence_id bytea NOT NULL CHECK (length(evidence_id) = 16),
    name        bytea NOT NULL CHECK (length(name) = 32),
    body        bytea NOT NULL,
    stored_at   bigint NOT NULL,
    PRIMARY KEY (evidence_id, name)
);
ALTER TABLE media_parts ALTER COLUMN body SET STORAGE EXTERNAL;
CREATE INDEX records_grants_by_link ON records (observation_id) WHERE type = 10;
UPDATE schema_version SET version = 5;
)sql";

// v5 → v6, as in the SQLite store: each record's receipt, signed once as it is stored.
constexpr const char *kUpgradeToV6 = R"sql(
ALTER TABLE records ADD COLUMN receipt bytea;
UPDATE schema_version SET version = 6;
)sql";

// v6 → v7, as the SQLite store's v8: the author's same-person tag pushed beside a record, served with it (NULL: none).
constexpr const char *kUpgradeToV7 = R"sql(
ALTER TABLE records ADD COLUMN person_tag bytea;
UPDATE schema_version SET version = 7;
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
    // A one-dimensional int8[] or bytea[] in PostgreSQL's binary array format (array_recv): a header, then each
    // element as its length and its bytes (length -1: NULL). One parameter however many elements: one prepared
    // statement stores a group of any size (unnest). The bytes are copied into the parameter and owned by it.
    Params &addArray(const std::vector<std::int64_t> &values)
    {
        std::string a = arrayHeader(kInt8Oid, values.size(), false);
        for (const std::int64_t v : values) {
            appendInt32(a, 8);
            auto u = static_cast<std::uint64_t>(v);
            for (int shift = 56; shift >= 0; shift -= 8) a += static_cast<char>((u >> shift) & 0xff);
        }
        return addOwned(kInt8ArrayOid, std::move(a));
    }
    Params &addArray(const std::vector<std::optional<std::span<const std::uint8_t>>> &values)
    {
        std::size_t size = 0;
        bool nulls = false;
        for (const auto &v : values) {
            size += 4 + (v ? v->size() : 0);
            nulls = nulls || !v;
        }
        std::string a = arrayHeader(kByteaOid, values.size(), nulls);
        a.reserve(a.size() + size);
        for (const auto &v : values) {
            appendInt32(a, v ? static_cast<std::int32_t>(v->size()) : -1);
            if (v) a.append(reinterpret_cast<const char *>(v->data()), v->size());
        }
        return addOwned(kByteaArrayOid, std::move(a));
    }
    PGresult *exec(PGconn *conn, const std::string &sql) const
    {
        const Arrays a = arrays();
        return PQexecParams(conn, sql.c_str(), static_cast<int>(m_params.size()), a.types.data(), a.values.data(), a.lengths.data(),
                            a.formats.data(), 1 /* binary results */);
    }
    // The same through a statement prepared on `conn` the first time its SQL is run (planned once, not per call). A
    // statement is named after its SQL (a hash), so one name is one statement on every connection, also behind a
    // pooler that hands this session another server connection: there a name is either missing (26000: the
    // statement runs unprepared this time and is prepared again next time) or already this statement (42P05).
    PGresult *exec(PGconn *conn, const std::string &sql, std::unordered_map<std::string, std::string> &prepared) const
    {
        if (PGresult *refused = prepare(conn, sql, prepared)) return refused; // the error, as a result
        const Arrays a = arrays();
        PGresult *r = PQexecPrepared(conn, prepared.at(sql).c_str(), static_cast<int>(m_params.size()), a.values.data(), a.lengths.data(),
                                     a.formats.data(), 1 /* binary results */);
        if (sqlState(r) != "26000") return r;
        PQclear(r);
        prepared.erase(sql);
        return exec(conn, sql);
    }
    // Prepares `sql` on `conn` unless `prepared` says it is (exec's naming): nullptr when it is now, else the error.
    PGresult *prepare(PGconn *conn, const std::string &sql, std::unordered_map<std::string, std::string> &prepared) const
    {
        if (prepared.count(sql)) return nullptr;
        const Arrays a = arrays();
        std::string name = statementName(sql);
        PGresult *made = PQprepare(conn, name.c_str(), sql.c_str(), static_cast<int>(m_params.size()), a.types.data());
        if (!made) return PQmakeEmptyPGresult(conn, PGRES_FATAL_ERROR); // no answer at all (the connection lost)
        const bool ok = PQresultStatus(made) == PGRES_COMMAND_OK || sqlState(made) == "42P05";
        if (!ok) return made;
        PQclear(made);
        prepared.emplace(sql, std::move(name));
        return nullptr;
    }
    // Sends the statement `name` (prepared) in a pipeline (runPipelined), without waiting for its answer.
    bool send(PGconn *conn, const std::string &name) const
    {
        const Arrays a = arrays();
        return PQsendQueryPrepared(conn, name.c_str(), static_cast<int>(m_params.size()), a.values.data(), a.lengths.data(), a.formats.data(),
                                   1 /* binary results */)
               == 1;
    }
    // The same with the statement's text, prepared for this one run only.
    bool sendUnprepared(PGconn *conn, const std::string &sql) const
    {
        const Arrays a = arrays();
        return PQsendQueryParams(conn, sql.c_str(), static_cast<int>(m_params.size()), a.types.data(), a.values.data(), a.lengths.data(),
                                 a.formats.data(), 1 /* binary results */)
               == 1;
    }
    static std::string sqlState(const PGresult *r)
    {
        const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        return state ? state : "";
    }
    static std::string statementName(const std::string &sql)
    {
        std::uint64_t h = 0xcbf29ce484222325ULL; // FNV-1a, 64 bits
        for (const unsigned char ch : sql) h = (h ^ ch) * 0x100000001b3ULL;
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
        return std::string("triad_") + hex;
    }

private:
    static void appendInt32(std::string &out, std::int32_t v)
    {
        const auto u = static_cast<std::uint32_t>(v);
        for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((u >> shift) & 0xff);
    }
    static std::string arrayHeader(Oid element, std::size_t n, bool nulls)
    {
        std::string a;
        appendInt32(a, n == 0 ? 0 : 1); // dimensions (an empty array has none)
        appendInt32(a, nulls ? 1 : 0);
        appendInt32(a, static_cast<std::int32_t>(element));
        if (n > 0) {
            appendInt32(a, static_cast<std::int32_t>(n));
            appendInt32(a, 1); // lower bound
        }
        return a;
    }
    Params &addOwned(Oid type, std::string bytes)
    {
        auto kept = std::make_shared<const std::string>(std::move(bytes));
        m_params.push_back(Param{type, {}, kept->data(), static_cast<int>(kept->size())});
        m_owned.push_back(std::move(kept));
        return *this;
    }
    struct Arrays {
        std::vector<Oid> types;
        std::vector<const char *> values;
        std::vector<int> lengths, formats;
    };
    Arrays arrays() const
    {
        Arrays a;
        for (const Param &p : m_params) {
            a.types.push_back(p.type);
            a.values.push_back(p.length < 0 ? nullptr : p.bytes ? p.bytes : p.number.data());
            a.lengths.push_back(std::max(p.length, 0));
            a.formats.push_back(1);
        }
        return a;
    }
    struct Param {
        Oid type;
        std::array<char, 8> number;
        const char *bytes; // external bytes; nullptr = `number`
        int length;        // -1 = NULL
    };
    std::vector<Param> m_params;
    std::vector<std::shared_ptr<const std::string>> m_owned; // arrays' bytes (a copy of Params shares them)
};

// A statement run on its own (no transaction open): when the connection it met was gone (PostgreSQL restarted, an
// idle timeout, a failover), `reconnect` (the storage's ensureConnected) makes it again and the statement runs once
// more, so each of the case store's connections (the pull threads', the writer's) does not fail a request of its own
// after a restart. Only for statements that are safe to run twice: reads, and single statements whose effect is all
// or nothing.
PGresult *execAgainOnNewConnection(PGconn *conn, const Params &p, const std::string &sql, std::unordered_map<std::string, std::string> &prepared,
                                   const std::function<bool()> &reconnect)
{
    const bool idle = PQtransactionStatus(conn) == PQTRANS_IDLE;
    PGresult *r = p.exec(conn, sql, prepared);
    if (!idle || PQstatus(conn) != CONNECTION_BAD) return r;
    PQclear(r);
    reconnect(); // on failure the statement below fails on the dead connection and says so
    return p.exec(conn, sql, prepared);
}

// Sets how this session plans the case store's statements, right after each connect. Every statement it prepares is
// a walk of a key or an index range, whose right plan does not depend on the values bound to it, so each is planned
// once per connection (a generic plan) instead of on every call: on a pull of 100, planning cost about as much as
// running it. Bitmap scans are off: a bitmap scan reads every row of the range and sorts them, which a plan made
// from statistics that lag the table (a store just loaded, a reader whose records arrived since the last ANALYZE)
// chose for a page of 101 out of 13,000 (2.6 ms instead of 0.3 ms, EXPLAIN ANALYZE). Neither changes an answer. Behind
// a transaction pooler (PgBouncer pool_mode = transaction) a session setting stays with the server connection it was
// made on: give the case store a pool of its own (docs/deployment.md), or statements may run without it (slower) and
// other clients of that pool with it.
void configureSession(PGconn *conn)
{
    PQclear(PQexec(conn, "SET plan_cache_mode = force_generic_plan"));
    PQclear(PQexec(conn, "SET enable_bitmapscan = off"));
}

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
    PGresult *result() const { return m_r; }
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

Params keyIdParams(const std::vector<KeyId> &keyIds)
{
    Params p;
    for (const KeyId &k : keyIds) p.add(k);
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
    // BEGIN and COMMIT sent by runPipelined: what they did, told.
    void began() { m_open = true; }
    void ended() { m_open = false; }

private:
    PGconn *m_conn;
    bool m_open = false;
};

// Statements sent together and answered together: one round trip to PostgreSQL for all of them instead of one each
// (libpq's pipeline mode, one Sync at the end). A statement with Params runs prepared (Params::exec's naming, prepared
// before the pipeline if need be: outside any transaction the caller has yet to begin), or from its text when
// `unprepared`; one without Params is a plain command (BEGIN, COMMIT). PostgreSQL runs them in order and, after one
// fails, none of the rest (their results say PGRES_PIPELINE_ABORTED). `results` has one result per statement, in
// order, up to any that could not be sent or read (a connection lost); `missing`: a prepared statement the server
// connection lacked (26000, behind a pooler: the caller runs them all again unprepared); `left` false: the
// connection could not be taken out of pipeline mode and must be made again before its next use.
struct Piped {
    std::string sql;
    const Params *params = nullptr;
};
struct PipelineRun {
    std::vector<std::unique_ptr<Rows>> results;
    bool missing = false;
    bool left = true;
};
PipelineRun runPipelined(PGconn *conn, const std::vector<Piped> &statements, std::unordered_map<std::string, std::string> &prepared,
                         bool unprepared = false)
{
    PipelineRun run;
    if (!unprepared)
        for (const Piped &s : statements)
            if (s.params)
                if (PGresult *refused = s.params->prepare(conn, s.sql, prepared)) {
                    run.results.push_back(std::make_unique<Rows>(refused));
                    return run;
                }
    if (PQenterPipelineMode(conn) != 1) return run;
    std::size_t sent = 0;
    for (const Piped &s : statements) {
        const bool ok = !s.params    ? PQsendQueryParams(conn, s.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 1) == 1
                        : unprepared ? s.params->sendUnprepared(conn, s.sql)
                                     : s.params->send(conn, prepared.at(s.sql));
        if (!ok) break;
        ++sent;
    }
    const bool synced = PQpipelineSync(conn) == 1;
    for (std::size_t i = 0; i < sent && synced; ++i) {
        PGresult *r = PQgetResult(conn);
        if (!r) break;
        if (Params::sqlState(r) == "26000") {
            prepared.erase(statements[i].sql); // prepared again next time
            run.missing = true;
        }
        run.results.push_back(std::make_unique<Rows>(r));
        while (PGresult *more = PQgetResult(conn)) PQclear(more); // its end (nullptr)
    }
    // Then the Sync's own result: the pipeline is drained and may be left. Bounded: a result that never comes (the
    // connection lost) leaves it to be made again.
    bool drained = false;
    for (std::size_t n = 0; synced && !drained && n < 2 * sent + 4 && PQstatus(conn) == CONNECTION_OK; ++n) {
        PGresult *r = PQgetResult(conn);
        if (!r) continue;
        drained = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
    }
    run.left = PQexitPipelineMode(conn) == 1 && (drained || PQstatus(conn) != CONNECTION_OK);
    return run;
}

Error queryError(const std::string &what, const Rows &rows)
{
    return makeError(errc::casestore::kDb, what + " failed in PostgreSQL: " + oneLine(rows.errorMessage()));
}

Error connectionError(PGconn *conn, const std::string &what)
{
    return makeError(errc::casestore::kDb, what + " failed in PostgreSQL: " + oneLine(PQerrorMessage(conn)));
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
    if (!isPostgresUri(uri)) return makeError(errc::casestore::kDbOpen, "A PostgreSQL location must start with postgresql:// or postgres://.");
    char *parseError = nullptr;
    PQconninfoOption *parsed = PQconninfoParse(uri.c_str(), &parseError);
    if (!parsed) {
        // libpq quotes the whole URI after " in URI:", password included: leave that part out.
        std::string reason = parseError ? parseError : "";
        reason = reason.substr(0, reason.find(" in URI"));
        Error e = makeError(errc::casestore::kDbOpen, "The PostgreSQL URI cannot be read: " + oneLine(reason.c_str()));
        PQfreemem(parseError);
        return e;
    }
    PQconninfoFree(parsed);

    // Keywords are applied in order and the expanded URI comes last, so its own connect_timeout wins over ours;
    // without one, an unreachable host would block the case store for the operating system's TCP timeout.
    const char *keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char *values[] = {"10", "triad-casestore", uri.c_str(), nullptr};
    PGconn *conn = PQconnectdbParams(keywords, values, 1);
    if (!conn) return makeError(errc::casestore::kDbOpen, "libpq could not allocate a PostgreSQL connection.");
    PQsetNoticeProcessor(conn, ignoreNotice, nullptr); // NOTICEs are chatter on stderr, errors come back as results
    std::unique_ptr<PostgresRecordStorage> s(new PostgresRecordStorage(conn, uri));
    if (PQstatus(conn) != CONNECTION_OK)
        return makeError(errc::casestore::kDbOpen,
                         "The case store's PostgreSQL database " + s->displayName() + " cannot be reached: " + oneLine(PQerrorMessage(conn)));
    configureSession(conn);
    if (auto st = s->createSchema(); !st) return st.error();
    return s;
}

PostgresRecordStorage::~PostgresRecordStorage() { PQfinish(m_conn); }

void PostgresRecordStorage::startOver()
{
    PQreset(m_conn);    // also out of pipeline mode
    m_prepared.clear(); // a new session: nothing is prepared on it
    m_cache->forget();  // it may be to another server, or to a database restored meanwhile (record_cache.h)
    if (PQstatus(m_conn) == CONNECTION_OK) configureSession(m_conn);
}

Status PostgresRecordStorage::ensureConnected()
{
    if (PQstatus(m_conn) == CONNECTION_OK) {
        // Every call ends its own transaction; should one ever be left open, the next call must not run inside it.
        if (PQtransactionStatus(m_conn) != PQTRANS_IDLE) PQclear(PQexec(m_conn, "ROLLBACK"));
        return {};
    }
    startOver();
    if (PQstatus(m_conn) == CONNECTION_OK) return {};
    return makeError(errc::casestore::kDb, "The case store cannot reach its PostgreSQL database " + displayName() + ": " + oneLine(PQerrorMessage(m_conn)));
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
    std::int64_t found = 0;
    if (exists.i64(0, 0) == 0) {
        if (Rows created(PQexec(m_conn, kSchema)); !created.ok()) return queryError("Creating the schema", created);
        found = 1;
    } else {
        Rows version(PQexecParams(m_conn, "SELECT max(version) FROM schema_version", 0, nullptr, nullptr, nullptr, nullptr, 1));
        if (!version.ok() || version.count() != 1 || version.isNull(0, 0)) return queryError("Reading the schema version", version);
        found = version.i64(0, 0);
        if (found > kSchemaVersion)
            return makeError(errc::casestore::kDbTooNew, "The case store's PostgreSQL database " + displayName() + " was written by a newer case store.");
    }
    // A new database takes the same upgrade steps as an old one, so both end with the same schema.
    if (found < 2)
        if (Rows upgraded(PQexec(m_conn, kUpgradeToV2)); !upgraded.ok()) return queryError("Upgrading the schema to version 2", upgraded);
    if (found < 3)
        if (Rows upgraded(PQexec(m_conn, kUpgradeToV3)); !upgraded.ok()) return queryError("Upgrading the schema to version 3", upgraded);
    if (found < 4)
        if (Rows upgraded(PQexec(m_conn, kUpgradeToV4)); !upgraded.ok()) return queryError("Upgrading the schema to version 4", upgraded);
    if (found < 5)
        if (Rows upgraded(PQexec(m_conn, kUpgradeToV5)); !upgraded.ok()) return queryError("Upgrading the schema to version 5", upgraded);
    if (found < 6)
        if (Rows upgraded(PQexec(m_conn, kUpgradeToV6)); !upgraded.ok()) return queryError("Upgrading the schema to version 6", upgraded);
    if (found < 7)
        if (Rows upgraded(PQexec(m_conn, kUpgradeToV7)); !upgraded.ok()) return queryError("Upgrading the schema to version 7", upgraded);
    if (!tx.commit()) return connectionError(m_conn, "Committing the schema");
    return {};
}

namespace {

// A push group's three statements (PostgresRecordStorage::insertBatches). The lock, with the server the rows come
// from (record_cache.h).
constexpr const char *kPushLockSql = "SELECT pg_advisory_xact_lock($1), pg_postmaster_start_time()";
// After the lock (so in a snapshot taken with it held): the group's ids held already, each with the length of the
// bytes held under it and, only where a push of that id has the same length, their SHA-256 (not the bytes: a retry
// of a 16 MiB record must not bring it back into this process under the lock; and a small push reusing a large
// record's id costs no hashing: octet_length reads the stored size of an out-of-line body, not the body); one seq drawn for each record of the group; the store's
// epoch, which the push replies name the seqs under (BatchOutcome::epoch; newEpoch() takes the push lock); and which
// of the pushing devices' tokens (PushBatch::token) are still held and not withdrawn by a revocation, as findToken
// reads them. Each id is
// looked up by itself (a lateral subquery behind OFFSET 0): `id = ANY($1)` was planned once (configureSession) as a
// scan of the whole table when the store was new, and stayed one (0.75 ms a push at 12,000 records).
// records_seq_seq is the sequence PostgreSQL made for the identity column `seq` (kSchema), named once as the statement
// is prepared (pg_get_serial_sequence looked it up in the catalog on every call: 0.3 ms of a push).
constexpr const char *kPushCheckSql =
    "SELECT r.id, r.size, r.digest, NULL::bigint, NULL::bytea, NULL::bytea FROM unnest($1::bytea[], $4::bigint[]) AS u (id, len) "
    "CROSS JOIN LATERAL (SELECT id, octet_length(body)::bigint AS size, CASE WHEN octet_length(body) = u.len THEN sha256(body) END AS digest "
    "FROM records WHERE records.id = u.id OFFSET 0) AS r "
    "UNION ALL SELECT NULL::bytea, NULL::bigint, NULL::bytea, nextval('records_seq_seq'), NULL::bytea, NULL::bytea FROM generate_series(1, $2) "
    "UNION ALL SELECT NULL::bytea, NULL::bigint, NULL::bytea, NULL::bigint, convert_to(epoch, 'UTF8'), NULL::bytea FROM store_epoch "
    "WHERE singleton = 1 "
    "UNION ALL SELECT NULL::bytea, NULL::bigint, NULL::bytea, NULL::bigint, NULL::bytea, k.token_hash FROM unnest($3::bytea[]) AS t (h) "
    "CROSS JOIN LATERAL (SELECT token_hash FROM device_tokens d WHERE d.token_hash = t.h AND NOT EXISTS "
    "(SELECT 1 FROM revoked_serials r WHERE r.serial = d.cert_serial) OFFSET 0) AS k";
// Every new record of the group with its seq and receipt, and its reader index rows; no ON CONFLICT for the records:
// an id stored meanwhile (only by a writer without the push lock) fails the group, which is then rolled back.
constexpr const char *kPushInsertSql =
    "WITH ins AS (INSERT INTO records (seq, id, type, case_id, observation_id, created_at, author_key, received_at, body, receipt, "
    "person_tag) OVERRIDING SYSTEM VALUE SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bigint[], $4::bytea[], $5::bytea[], "
    "$6::bigint[], $7::bytea[], $8::bigint[], $9::bytea[], $10::bytea[], $11::bytea[]) RETURNING seq) "
    "INSERT INTO record_readers (reader_key, seq) SELECT DISTINCT v.k, v.s FROM unnest($12::bytea[], $13::bigint[]) AS v (k, s) "
    "JOIN ins ON ins.seq = v.s ON CONFLICT DO NOTHING";

using Span = std::optional<std::span<const std::uint8_t>>;
Span spanOf(const Bytes &b) { return b.empty() ? std::nullopt : Span(b); }

// The outcome of each batch of a group from what kPushCheckSql found, as storing their records one after another would
// have found it: an id held, or stored earlier in the group, with the same bytes is held; with other bytes it is that
// batch's conflict, and nothing of the batch is stored. New records take the drawn seqs in order and their receipts
// are signed with them. `insert` gets kPushInsertSql's parameters and `added` the number of new records. A seq drawn
// for a record that turns out held or in a conflicting batch is left unused (a gap, as a rolled-back push leaves;
// pulls walk seqs in order and never expect them dense).
// What kPushCheckSql found of a record held already: the length and SHA-256 of its bytes.
struct HeldBytes {
    std::int64_t size = 0;
    std::optional<std::array<std::uint8_t, crypto_hash_sha256_BYTES>> digest; // read where a push had the same length
    bool sameAs(const Bytes &body) const
    {
        if (static_cast<std::int64_t>(body.size()) != size || !digest) return false;
        std::array<std::uint8_t, crypto_hash_sha256_BYTES> mine{};
        crypto_hash_sha256(mine.data(), body.data(), body.size());
        return mine == *digest;
    }
};

Result<std::vector<BatchOutcome>> decideGroup(std::span<const PushBatch> batches, const Rows &found, const ReceiptSigner *signer, Params &insert,
                                              std::size_t &added, std::string &epoch)
{
    std::size_t records = 0;
    for (const PushBatch &b : batches) records += b.records->size();
    std::map<RecordId, HeldBytes> held; // id → what is stored under it before this group
    std::vector<std::int64_t> drawn;
    std::set<TokenHash> tokens; // the group's tokens still good
    for (int row = 0; row < found.count(); ++row) {
        if (!found.isNull(row, 5)) {
            tokens.insert(found.array<32>(row, 5));
        } else if (!found.isNull(row, 3)) {
            drawn.push_back(found.i64(row, 3));
        } else if (!found.isNull(row, 4)) {
            const Bytes text = found.bytes(row, 4);
            epoch.assign(text.begin(), text.end());
        } else {
            HeldBytes &h = held[RecordId{found.array<16>(row, 0)}]; // one row per distinct (id, length) pushed
            h.size = found.i64(row, 1);
            if (!found.isNull(row, 2)) h.digest = found.array<crypto_hash_sha256_BYTES>(row, 2);
        }
    }
    if (drawn.size() != records) return makeError(errc::casestore::kDb, "PostgreSQL drew fewer seqs than the push has records.");
    if (epoch.empty()) return makeError(errc::casestore::kDb, "The store's epoch is missing from its PostgreSQL database.");
    std::sort(drawn.begin(), drawn.end()); // drawn under the push lock, so above every committed seq: taken in order

    std::vector<BatchOutcome> out(batches.size());
    std::map<RecordId, const Bytes *> stored; // id → the bytes this group stores under it
    std::size_t next = 0;
    for (std::size_t b = 0; b < batches.size(); ++b) {
        const std::vector<StoredRecord> &batch = *batches[b].records;
        BatchOutcome &o = out[b];
        std::map<RecordId, const Bytes *> mine;                // this batch's new records: the group's only if the batch has no conflict
        std::map<std::vector<KeyId>, std::int64_t> readerSets; // the records' readers, sorted → a group for their receipts
        std::vector<std::int64_t> groupOf(batch.size(), 0);
        if (batches[b].token && !tokens.count(*batches[b].token)) {
            o.tokenWithdrawn = true; // nothing of it is stored; its drawn seqs stay unused
            next += batch.size();
            continue;
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const StoredRecord &r = batch[i];
            bool before = true, same = true;
            if (auto h = held.find(r.id); h != held.end())
                same = h->second.sameAs(r.body);
            else if (auto g = stored.find(r.id); g != stored.end())
                same = *g->second == r.body;
            else if (auto m = mine.find(r.id); m != mine.end())
                same = *m->second == r.body;
            else
                before = false;
            if (!same) {
                o = BatchOutcome{};
                o.conflictAt = i;
                break;
            }
            o.added.push_back(!before);
            o.seqs.push_back(before ? 0 : drawn[next + i]);
            o.receipts.emplace_back();
            if (before) continue; // a retry of what is held
            mine.emplace(r.id, &r.body);
            std::vector<KeyId> readers = r.readerKeyIds;
            std::sort(readers.begin(), readers.end());
            readers.erase(std::unique(readers.begin(), readers.end()), readers.end()); // a reader named twice: one set, as on SQLite
            groupOf[i] = readerSets.emplace(std::move(readers), static_cast<std::int64_t>(readerSets.size())).first->second;
        }
        next += batch.size();
        if (o.conflictAt) continue;
        stored.insert(mine.begin(), mine.end());
        if (signer) signReceipts(*signer, batch, groupOf, o, batches[b].receivedAtMs);
    }

    std::vector<std::int64_t> seqs, types, createdAt, receivedAt, readerSeqs;
    std::vector<Span> ids, caseIds, observationIds, authors, bodies, receipts, personTags, readerKeys;
    std::size_t bytes = 0;
    for (std::size_t b = 0; b < batches.size(); ++b) {
        if (out[b].conflictAt || out[b].tokenWithdrawn) continue;
        const std::vector<StoredRecord> &batch = *batches[b].records;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (!out[b].added[i]) continue;
            const StoredRecord &r = batch[i];
            seqs.push_back(out[b].seqs[i]);
            ids.emplace_back(r.id.bytes);
            types.push_back(r.type);
            caseIds.push_back(r.caseId ? Span(r.caseId->bytes) : std::nullopt);
            observationIds.push_back(r.observationId ? Span(r.observationId->bytes) : std::nullopt);
            createdAt.push_back(r.createdAt);
            authors.emplace_back(r.authorKeyId);
            receivedAt.push_back(batches[b].receivedAtMs);
            bodies.emplace_back(r.body);
            receipts.push_back(spanOf(out[b].receipts[i]));
            personTags.push_back(spanOf(r.personTag));
            bytes += r.body.size() + out[b].receipts[i].size();
            for (const KeyId &k : r.readerKeyIds) {
                readerKeys.emplace_back(k);
                readerSeqs.push_back(out[b].seqs[i]);
            }
        }
    }
    added = seqs.size();
    // One parameter holds every body: PostgreSQL takes a value of up to 1 GiB. A larger group fails here, before it is
    // sent; the group committer then stores each batch alone (a push is far below it).
    if (bytes > (std::size_t{1} << 29)) return makeError(errc::casestore::kDb, "The group of pushes is too large for one statement.");
    insert.addArray(seqs).addArray(ids).addArray(types).addArray(caseIds).addArray(observationIds).addArray(createdAt).addArray(authors);
    insert.addArray(receivedAt).addArray(bodies).addArray(receipts).addArray(personTags).addArray(readerKeys).addArray(readerSeqs);
    return out;
}

} // namespace

Result<BatchOutcome> PostgresRecordStorage::insertBatch(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs)
{
    const PushBatch one{&records, receivedAtMs};
    auto out = insertBatches(std::span(&one, 1));
    if (!out) return out.error();
    return std::move(out->front());
}

// The parameter types of kPushInsertSql, to prepare it before the group's transaction begins.
Params pushInsertShape()
{
    const std::vector<std::int64_t> numbers;
    const std::vector<Span> bytes;
    Params shape;
    shape.addArray(numbers).addArray(bytes).addArray(numbers).addArray(bytes).addArray(bytes).addArray(numbers).addArray(bytes);
    shape.addArray(numbers).addArray(bytes).addArray(bytes).addArray(bytes).addArray(bytes).addArray(numbers);
    return shape;
}

// A group of pushes in one transaction and two round trips to PostgreSQL, whatever its size: BEGIN, the push lock and
// the check (decideGroup) sent together; then the new records and COMMIT sent together.
Result<std::vector<BatchOutcome>> PostgresRecordStorage::insertBatches(std::span<const PushBatch> batches)
{
    bool missing = false;
    auto out = insertGroup(batches, false, missing);
    // A prepared statement the server connection lacked (behind a transaction pooler without prepared statements):
    // the group's transaction failed before its COMMIT ran, so nothing of it was stored; once more from the
    // statements' text, as Params::exec runs a lone statement unprepared (docs/deployment.md).
    if (!out && missing) out = insertGroup(batches, true, missing);
    return out;
}

Result<std::vector<BatchOutcome>> PostgresRecordStorage::insertGroup(std::span<const PushBatch> batches, bool unprepared, bool &missing)
{
    missing = false;
    if (auto st = ensureConnected(); !st) return st.error();
    // Why the lock: `seq` is the pull cursor, and PostgreSQL hands out sequence values when they are drawn, not when
    // their transaction commits. Without the lock, batch A could take seq 11, batch B seq 12, B commit first, a
    // puller see 12, move its cursor past 11 — and when A commits, record 11 is never pulled by that device: a lost
    // record. The transaction-scoped advisory lock is taken before any seq is drawn and released only after COMMIT
    // is visible (PostgreSQL makes a commit visible before it releases the transaction's locks), so pushes (from
    // every connection and every case store process on this database) draw and commit their seqs one group after
    // another: seq order equals commit order, and a puller that sees seq N sees everything below it. It also makes
    // what the check finds hold until COMMIT: two pushes of the same id meet one after the other, the second finding
    // the first committed (held or conflict). Pulls do not take it. Group commit keeps it cheap: one lock, one
    // transaction and one WAL flush for every push that arrived while the previous group committed.
    std::size_t records = 0;
    std::set<std::pair<RecordId, std::int64_t>> pushed; // each (id, length) once
    for (const PushBatch &b : batches)
        for (const StoredRecord &r : *b.records) {
            pushed.emplace(r.id, static_cast<std::int64_t>(r.body.size()));
            ++records;
        }
    if (records == 0) return std::vector<BatchOutcome>(batches.size());
    std::vector<Span> ids;
    std::vector<std::int64_t> lengths;
    for (const auto &[id, length] : pushed) {
        ids.emplace_back(id.bytes);
        lengths.push_back(length);
    }
    std::set<TokenHash> tokenSet;
    for (const PushBatch &b : batches)
        if (b.token) tokenSet.insert(*b.token);
    std::vector<Span> tokens(tokenSet.begin(), tokenSet.end());
    Params lockKey, check;
    lockKey.add(kPushLockKey);
    check.addArray(ids).add(static_cast<std::int64_t>(records)).addArray(tokens).addArray(lengths);
    const std::vector<Piped> opening = {{"BEGIN"}, {kPushLockSql, &lockKey}, {kPushCheckSql, &check}};
    // The insert's statement is prepared before the transaction too: a prepare refused inside it (a name a pooler's
    // server connection already holds) would abort the group.
    auto open = [&] {
        if (!unprepared)
            if (PGresult *refused = pushInsertShape().prepare(m_conn, kPushInsertSql, m_prepared)) {
                PipelineRun none;
                none.results.push_back(std::make_unique<Rows>(refused));
                return none;
            }
        return runPipelined(m_conn, opening, m_prepared, unprepared);
    };
    const std::uint64_t generation = m_cache->generation(); // before anything is read (record_cache.h)
    Tx tx(m_conn);
    PipelineRun first = open();
    // The writer's connection may have died while idle (PostgreSQL restarted, an idle timeout): that shows here,
    // before anything of the group was stored, so connecting again and sending it once more is safe.
    if (PQstatus(m_conn) == CONNECTION_BAD) {
        if (auto st = ensureConnected(); !st) return st.error();
        first = open();
    }
    missing = first.missing;
    if (!first.left) {
        startOver(); // the server rolls the transaction back as the connection closes
        return makeError(errc::casestore::kDb, "The case store lost track of its PostgreSQL connection while storing a push; it connected again.");
    }
    const auto &opened = first.results;
    if (opened.empty() || !opened[0]->ok())
        return opened.empty() ? connectionError(m_conn, "Starting a transaction") : queryError("Starting a transaction", *opened[0]);
    tx.began();
    if (opened.size() < 2 || !opened[1]->ok() || opened[1]->count() != 1)
        return opened.size() < 2 ? connectionError(m_conn, "Waiting for the push lock") : queryError("Waiting for the push lock", *opened[1]);
    const std::int64_t serverStart = opened[1]->i64(0, 1);
    if (opened.size() < 3 || !opened[2]->ok())
        return opened.size() < 3 ? connectionError(m_conn, "Reading the pushed records' ids")
                                 : queryError("Reading the pushed records' ids", *opened[2]);
    Params insert;
    std::size_t added = 0;
    std::string epoch;
    const auto signer = receiptSigner();
    auto decided = decideGroup(batches, *opened[2], signer.get(), insert, added, epoch);
    if (!decided) return decided.error(); // Tx rolls back the group; the caller retries each batch alone
    m_cache->holdFor(epoch);              // a new epoch: what this process holds is forgotten, as epoch() does
    std::vector<BatchOutcome> out = std::move(*decided);
    for (BatchOutcome &o : out) o.epoch = epoch;
    if (batches.size() == 1 && (out.front().conflictAt || out.front().tokenWithdrawn)) return out; // Tx rolls back: nothing of it is kept
    if (added == 0) {
        if (!tx.commit()) return connectionError(m_conn, "Committing the batch");
    } else {
        PipelineRun second = runPipelined(m_conn, {{kPushInsertSql, &insert}, {"COMMIT"}}, m_prepared, unprepared);
        missing = missing || second.missing;
        const auto &w = second.results;
        const bool committed = w.size() >= 2 && w[0]->ok() && w[1]->ok();
        if (committed) tx.ended();
        // A connection that cannot leave pipeline mode is made again; a group it committed stays committed.
        if (!second.left) startOver();
        if (!committed && !second.left)
            return makeError(errc::casestore::kDb,
                             "The case store lost track of its PostgreSQL connection while storing a push; it connected again.");
        if (w.empty() || !w[0]->ok()) return w.empty() ? connectionError(m_conn, "Storing records") : queryError("Storing records", *w[0]);
        // A COMMIT that failed was rolled back by PostgreSQL (Tx's ROLLBACK then finds nothing to roll back).
        if (w.size() < 2 || !w[1]->ok())
            return w.size() < 2 ? connectionError(m_conn, "Committing the batch") : queryError("Committing the batch", *w[1]);
    }
    // Committed: the records as a pull will read them, kept in memory for the pulls of the other devices that read
    // them, which come next.
    std::vector<StoredRecord> stored;
    for (std::size_t b = 0; b < out.size(); ++b)
        for (std::size_t i = 0; i < out[b].added.size(); ++i) {
            const StoredRecord &r = (*batches[b].records)[i];
            if (!out[b].added[i] || !m_cache->keeps(r)) continue;
            StoredRecord &kept = stored.emplace_back(r);
            kept.readerKeyIds.clear();
            kept.seq = out[b].seqs[i];
            kept.receivedAt = batches[b].receivedAtMs;
            kept.receipt = out[b].receipts[i];
        }
    m_cache->put(stored, serverStart, generation);
    return out;
}

Result<std::unique_ptr<RecordStorage>> PostgresRecordStorage::openAnother() const
{
    auto other = open(m_uri);
    if (!other) return other.error();
    shareReceiptSigner(**other);
    (*other)->m_cache = m_cache;
    return std::unique_ptr<RecordStorage>(std::move(*other));
}

Result<PullPage> PostgresRecordStorage::pull(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit)
{
    PullPage page;
    if (readerKeyIds.empty() || limit <= 0) return page;
    if (auto st = ensureConnected(); !st) return st.error();
    // Each reader's first seqs after the cursor, read in order from its (reader_key, seq) index and stopped at the
    // page's size, so a page costs its own rows however many the reader has after the cursor; several readers' ranges
    // merged (their first `limit` each hold the union's first `limit`). Then each record by its seq: a lateral subquery
    // behind OFFSET 0, which the planner cannot turn into a join over the whole table, so a generic plan (configureSession)
    // fetches one record per seq whatever number of rows it guessed for the range.
    const std::size_t n = readerKeyIds.size();
    const std::string after = "$" + std::to_string(n + 1), take = "$" + std::to_string(n + 2);
    auto range = [&](std::size_t i) {
        return "SELECT seq FROM record_readers WHERE reader_key = $" + std::to_string(i + 1) + " AND seq > " + after + " ORDER BY seq LIMIT " + take;
    };
    std::string seqs;
    if (n == 1) {
        seqs = range(0);
    } else {
        for (std::size_t i = 0; i < n; ++i) seqs += (i ? " UNION ALL (" : "(") + range(i) + ")";
        seqs = "SELECT DISTINCT seq FROM (" + seqs + ") AS u ORDER BY seq LIMIT " + take;
    }
    Params p = keyIdParams(readerKeyIds);
    p.add(afterSeq).add(static_cast<std::int64_t>(limit) + 1); // one more tells whether another page exists
    if (m_cache->maxBytes() > 0) {                             // with no memory for records (--record-memory 0) nothing could be held
        // The page's seqs first, from the index alone (~0.03 ms in the database): when this process holds every one of
        // those records, the page is made from memory, cut at kMaxPullPageBytes as the statement below cuts it.
        // Each row says which server it came from (record_cache.h).
        Rows ids(execAgainOnNewConnection(m_conn, p, "SELECT seq, pg_postmaster_start_time() FROM (" + seqs + ") AS s ORDER BY seq", m_prepared,
                                          m_reconnect));
        if (!ids.ok()) return queryError("Pulling records", ids);
        if (ids.count() == 0) return page; // nothing after the cursor
        std::vector<std::int64_t> want;
        want.reserve(static_cast<std::size_t>(ids.count()));
        for (int row = 0; row < ids.count(); ++row) want.push_back(ids.i64(row, 0));
        const bool beyond = want.size() > static_cast<std::size_t>(limit);
        if (beyond) want.resize(static_cast<std::size_t>(limit));
        bool cut = false;
        const auto held = m_cache->findPage(want, ids.i64(0, 1), kMaxPullPageBytes, cut);
        if (!held.empty()) {
            page.records.reserve(held.size());
            for (const auto &r : held) page.records.push_back(*r);
            page.more = cut || beyond;
            return page;
        }
    }
    // Only the records within kMaxPullPageBytes (the first always: its running length is its own) leave the database:
    // the running length is summed from the bodies' stored sizes (octet_length reads no body), and `page_rows`, the
    // rows before that cut, says whether it cut any.
    const std::string sql =
        "SELECT seq, id, type, case_id, observation_id, created_at, author_key, body, received_at, receipt, person_tag, page_rows, "
        "pg_postmaster_start_time() FROM ("
        "SELECT r.seq, r.id, r.type, r.case_id, r.observation_id, r.created_at, r.author_key, r.body, r.received_at, r.receipt, r.person_tag, "
        "octet_length(r.body) AS size, sum(octet_length(r.body)) OVER (ORDER BY r.seq) AS upto, count(*) OVER () AS page_rows "
        "FROM ("
        + seqs
        + ") AS k CROSS JOIN LATERAL (SELECT seq, id, type, case_id, observation_id, created_at, author_key, body, received_at, receipt, person_tag "
          "FROM records WHERE records.seq = k.seq OFFSET 0) AS r) AS w WHERE upto = size OR upto <= $"
        + std::to_string(n + 3) + " ORDER BY seq";
    p.add(static_cast<std::int64_t>(kMaxPullPageBytes));
    const std::uint64_t generation = m_cache->generation(); // before the read: emptied meanwhile, its rows are not kept
    Rows rows(execAgainOnNewConnection(m_conn, p, sql, m_prepared, m_reconnect));
    if (!rows.ok()) return queryError("Pulling records", rows);
    if (rows.count() > 0 && rows.i64(0, 11) > rows.count()) page.more = true; // the bytes cut the page
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
        r.receivedAt = rows.i64(row, 8);
        if (!rows.isNull(row, 9)) r.receipt = rows.bytes(row, 9);
        if (!rows.isNull(row, 10)) r.personTag = rows.bytes(row, 10);
        page.records.push_back(std::move(r));
    }
    if (rows.count() > 0) m_cache->put(page.records, rows.i64(0, 12), generation);
    return page;
}

Result<std::int64_t> PostgresRecordStorage::countAfter(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq)
{
    if (readerKeyIds.empty()) return std::int64_t{0};
    if (auto st = ensureConnected(); !st) return st.error();
    const std::size_t n = readerKeyIds.size();
    Params p = keyIdParams(readerKeyIds);
    p.add(afterSeq);
    Rows rows(execAgainOnNewConnection(m_conn, p,
                                       std::string(n == 1 ? "SELECT count(*)" : "SELECT count(DISTINCT seq)")
                                           + " FROM record_readers WHERE reader_key IN (" + placeholders(1, n) + ") AND seq > $" + std::to_string(n + 1),
                                       m_prepared, m_reconnect));
    if (!rows.ok() || rows.count() != 1) return queryError("Counting records", rows);
    return rows.i64(0, 0);
}

Status PostgresRecordStorage::addToken(const TokenHash &hash, const DeviceToken &token)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Params p;
    p.add(hash).add(token.readerKeyId).add(token.issuedAt);
    if (token.certificateSerial)
        p.add(token.certificateSerial->bytes);
    else
        p.addNull();
    if (token.personId)
        p.add(token.personId->bytes);
    else
        p.addNull();
    Rows rows(p.exec(m_conn, "INSERT INTO device_tokens (token_hash, reader_key, issued_at, cert_serial, person_id) "
                             "VALUES ($1, $2, $3, $4, $5)"));
    if (!rows.ok()) return queryError("Storing a device token", rows);
    return {};
}

namespace {

// A device token's row: reader key, issued at, certificate serial, person (the first four columns of `rows`).
DeviceToken tokenOf(const Rows &rows)
{
    DeviceToken t{rows.array<16>(0, 0), rows.i64(0, 1), std::nullopt, std::nullopt};
    if (!rows.isNull(0, 2)) t.certificateSerial = RecordId{rows.array<16>(0, 2)};
    if (!rows.isNull(0, 3)) t.personId = RecordId{rows.array<16>(0, 3)};
    return t;
}

// A token whose certificate is revoked is refused here too (an enrollment that raced a revocation list).
constexpr const char *kFindToken = "SELECT reader_key, issued_at, cert_serial, person_id FROM device_tokens t "
                                   "WHERE token_hash = $1 AND NOT EXISTS (SELECT 1 FROM revoked_serials r WHERE r.serial = t.cert_serial)";

} // namespace

Result<std::optional<DeviceToken>> PostgresRecordStorage::findToken(const TokenHash &hash)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(execAgainOnNewConnection(m_conn, Params().add(hash), kFindToken, m_prepared, m_reconnect));
    if (!rows.ok()) return queryError("Looking up a device token", rows);
    if (rows.count() == 0) return std::optional<DeviceToken>{};
    return std::optional<DeviceToken>{tokenOf(rows)};
}

Result<FoundToken> PostgresRecordStorage::findTokenWithEpoch(const TokenHash &hash)
{
    if (auto st = ensureConnected(); !st) return st.error();
    // One statement, one round trip: the token as findToken reads it, the epoch beside it, and the certificate held
    // for the token's serial as certificateBySerial reads it (a certificate's row never changes once stored).
    Rows rows(execAgainOnNewConnection(m_conn, Params().add(hash),
                                       "SELECT t.reader_key, t.issued_at, t.cert_serial, t.person_id, convert_to(e.epoch, 'UTF8'), c.certificate "
                                       "FROM store_epoch e LEFT JOIN device_tokens t ON t.token_hash = $1 AND NOT EXISTS "
                                       "(SELECT 1 FROM revoked_serials r WHERE r.serial = t.cert_serial) "
                                       "LEFT JOIN certificates c ON c.serial = t.cert_serial WHERE e.singleton = 1",
                                       m_prepared, m_reconnect));
    if (!rows.ok() || rows.count() != 1) return queryError("Looking up a device token", rows);
    FoundToken found;
    const Bytes text = rows.bytes(0, 4);
    found.epoch.assign(text.begin(), text.end());
    m_cache->holdFor(found.epoch);
    if (rows.isNull(0, 0)) return found;
    found.token = tokenOf(rows);
    found.certificateRead = true;
    if (!rows.isNull(0, 5)) found.certificate = rows.bytes(0, 5);
    return found;
}

Result<std::int64_t> PostgresRecordStorage::recordCount()
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(PQexecParams(m_conn, "SELECT count(*) FROM records", 0, nullptr, nullptr, nullptr, nullptr, 1));
    if (!rows.ok() || rows.count() != 1) return queryError("Counting records", rows);
    return rows.i64(0, 0);
}

Result<bool> PostgresRecordStorage::addCertificate(const CertificateEntry &c, std::int64_t addedAtMs)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(Params()
                  .add(c.serial.bytes)
                  .add(c.signKeyId)
                  .add(c.personId.bytes)
                  .add(c.bytes)
                  .add(addedAtMs)
                  .exec(m_conn, "INSERT INTO certificates (serial, sign_key, person_id, certificate, added_at) VALUES ($1, $2, $3, $4, $5) "
                                "ON CONFLICT (serial) DO NOTHING RETURNING serial"));
    if (!rows.ok()) return queryError("Storing a certificate", rows);
    return rows.count() > 0;
}

Result<std::vector<HeldCertificate>> PostgresRecordStorage::certificatesFor(const std::vector<KeyId> &signKeyIds)
{
    std::vector<HeldCertificate> out;
    if (signKeyIds.empty()) return out;
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(keyIdParams(signKeyIds)
                  .exec(m_conn, "SELECT c.certificate, EXISTS (SELECT 1 FROM revoked_serials r WHERE r.serial = c.serial)::int4 "
                                "FROM certificates c WHERE c.sign_key IN ("
                                    + placeholders(1, signKeyIds.size()) + ")"));
    if (!rows.ok()) return queryError("Looking up certificates", rows);
    for (int row = 0; row < rows.count(); ++row) out.push_back(HeldCertificate{rows.bytes(row, 0), rows.i64(row, 1) != 0});
    return out;
}

Result<std::string> PostgresRecordStorage::epoch()
{
    // Read every time: each of the case store's connections (and processes) must see a new epoch at once.
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(
        execAgainOnNewConnection(m_conn, Params(), "SELECT convert_to(epoch, 'UTF8') FROM store_epoch WHERE singleton = 1", m_prepared, m_reconnect));
    if (!rows.ok() || rows.count() != 1) return queryError("Reading the store's epoch", rows);
    const Bytes text = rows.bytes(0, 0);
    std::string read(text.begin(), text.end());
    m_cache->holdFor(read); // another process gave the store a new epoch: what this one holds is forgotten (record_cache.h)
    return read;
}

Result<std::string> PostgresRecordStorage::newEpoch()
{
    if (auto st = ensureConnected(); !st) return st.error();
    // Under the push lock: a group of pushes reads the epoch its seqs are named under (kPushCheckSql) with the lock
    // held, so it is never one this changes before the group commits.
    Tx tx(m_conn);
    if (!tx.begin()) return connectionError(m_conn, "Starting a transaction");
    if (Rows lock(Params().add(kPushLockKey).exec(m_conn, "SELECT pg_advisory_xact_lock($1)")); !lock.ok())
        return queryError("Waiting for the push lock", lock);
    Rows rows(PQexecParams(m_conn, "UPDATE store_epoch SET epoch = replace(gen_random_uuid()::text, '-', '') WHERE singleton = 1", 0, nullptr,
                           nullptr, nullptr, nullptr, 1));
    if (!rows.ok()) return queryError("Giving the store a new epoch", rows);
    if (!tx.commit()) return connectionError(m_conn, "Giving the store a new epoch");
    m_cache->forget(); // the records held were read under the old epoch (record_cache.h)
    return epoch();
}

Result<std::optional<Bytes>> PostgresRecordStorage::certificateBySerial(const RecordId &serial)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(Params().add(serial.bytes).exec(m_conn, "SELECT certificate FROM certificates WHERE serial = $1"));
    if (!rows.ok()) return queryError("Looking up a certificate", rows);
    if (rows.count() == 0) return std::optional<Bytes>{};
    return std::optional<Bytes>(rows.bytes(0, 0));
}

Result<bool> PostgresRecordStorage::isRevoked(const RecordId &serial)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(Params().add(serial.bytes).exec(m_conn, "SELECT 1 FROM revoked_serials WHERE serial = $1"));
    if (!rows.ok()) return queryError("Looking up a revocation", rows);
    return rows.count() > 0;
}

Result<std::optional<HeldRevocations>> PostgresRecordStorage::revocations()
{
    if (auto st = ensureConnected(); !st) return st.error();
    return heldRevocations();
}

// Inside the caller's transaction (or alone).
Result<std::optional<HeldRevocations>> PostgresRecordStorage::heldRevocations()
{
    Rows rows(PQexecParams(m_conn, "SELECT sequence, list FROM revocations WHERE singleton = 1", 0, nullptr, nullptr, nullptr, nullptr, 1));
    if (!rows.ok()) return queryError("Reading the revocation list", rows);
    if (rows.count() == 0) return std::optional<HeldRevocations>{};
    return std::optional<HeldRevocations>{HeldRevocations{static_cast<std::uint64_t>(rows.i64(0, 0)), rows.bytes(0, 1)}};
}

Result<AppliedRevocations> PostgresRecordStorage::applyRevocations(std::uint64_t sequence, std::span<const std::uint8_t> bytes,
                                                                   const std::set<RecordId> &serials, std::int64_t nowMs)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Tx tx(m_conn);
    if (!tx.begin()) return connectionError(m_conn, "Starting a transaction");
    // Case stores sharing the database read and replace the list one after another, so an older list never wins.
    if (Rows lock(Params().add(kRevocationLockKey).exec(m_conn, "SELECT pg_advisory_xact_lock($1)")); !lock.ok())
        return queryError("Waiting for the revocation lock", lock);
    // And under the push lock: a group of pushes looks its tokens up again with that lock held (kPushCheckSql), so a
    // token this list withdraws is either withdrawn before the group's check or its push committed before the list.
    if (Rows lock(Params().add(kPushLockKey).exec(m_conn, "SELECT pg_advisory_xact_lock($1)")); !lock.ok())
        return queryError("Waiting for the push lock", lock);
    auto held = heldRevocations();
    if (!held) return held.error();
    if (auto unchanged = unlessNewer(*held, sequence, bytes)) return *unchanged; // rolls back
    AppliedRevocations out;
    if (Rows put(Params()
                     .add(static_cast<std::int64_t>(sequence))
                     .add(bytes)
                     .add(nowMs)
                     .exec(m_conn, "INSERT INTO revocations (singleton, sequence, list, applied_at) VALUES (1, $1, $2, $3) ON CONFLICT (singleton) "
                                   "DO UPDATE SET sequence = excluded.sequence, list = excluded.list, applied_at = excluded.applied_at"));
        !put.ok())
        return queryError("Storing the revocation list", put);
    if (Rows cleared(PQexec(m_conn, "DELETE FROM revoked_serials")); !cleared.ok()) return queryError("Replacing the revoked serials", cleared);
    const std::vector<RecordId> all(serials.begin(), serials.end());
    for (std::size_t from = 0; from < all.size(); from += kSerialsPerInsert) {
        const std::size_t n = std::min(kSerialsPerInsert, all.size() - from);
        Params p;
        std::string sql = "INSERT INTO revoked_serials (serial) VALUES ";
        for (std::size_t i = 0; i < n; ++i) {
            p.add(all[from + i].bytes);
            sql += (i ? ", ($" : "($") + std::to_string(i + 1) + ")";
        }
        if (Rows inserted(p.exec(m_conn, sql)); !inserted.ok()) return queryError("Storing the revoked serials", inserted);
    }
    Rows withdrawn(PQexec(m_conn, "DELETE FROM device_tokens WHERE cert_serial IN (SELECT serial FROM revoked_serials)"));
    if (!withdrawn.ok()) return queryError("Withdrawing device tokens", withdrawn);
    out.withdrawnTokens = std::atoll(PQcmdTuples(withdrawn.result()));
    if (!tx.commit()) return connectionError(m_conn, "Committing the revocation list");
    out.outcome = RevocationsOutcome::Applied;
    out.heldSequence = sequence;
    return out;
}

Result<std::optional<HeldSigned>> PostgresRecordStorage::directorySnapshot()
{
    if (auto st = ensureConnected(); !st) return st.error();
    return heldDirectory();
}

Result<std::optional<std::uint64_t>> PostgresRecordStorage::directorySequence()
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(PQexecParams(m_conn, "SELECT sequence FROM directory_snapshot WHERE singleton = 1", 0, nullptr, nullptr, nullptr, nullptr, 1));
    if (!rows.ok()) return queryError("Reading the district directory", rows);
    if (rows.count() == 0) return std::optional<std::uint64_t>{};
    return std::optional<std::uint64_t>{static_cast<std::uint64_t>(rows.i64(0, 0))};
}

// Inside the caller's transaction (or alone).
Result<std::optional<HeldSigned>> PostgresRecordStorage::heldDirectory()
{
    Rows rows(
        PQexecParams(m_conn, "SELECT sequence, snapshot FROM directory_snapshot WHERE singleton = 1", 0, nullptr, nullptr, nullptr, nullptr, 1));
    if (!rows.ok()) return queryError("Reading the district directory", rows);
    if (rows.count() == 0) return std::optional<HeldSigned>{};
    return std::optional<HeldSigned>{HeldSigned{static_cast<std::uint64_t>(rows.i64(0, 0)), rows.bytes(0, 1)}};
}

Result<PublishedDirectory> PostgresRecordStorage::publishDirectory(std::uint64_t sequence, std::span<const std::uint8_t> bytes, std::int64_t nowMs)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Tx tx(m_conn);
    if (!tx.begin()) return connectionError(m_conn, "Starting a transaction");
    // Case stores sharing the database read and replace the snapshot one after another, so an older one never wins.
    if (Rows lock(Params().add(kDirectoryLockKey).exec(m_conn, "SELECT pg_advisory_xact_lock($1)")); !lock.ok())
        return queryError("Waiting for the directory lock", lock);
    auto held = heldDirectory();
    if (!held) return held.error();
    if (auto unchanged = unlessNewer(*held, sequence, bytes)) return PublishedDirectory{unchanged->outcome, unchanged->heldSequence};
    if (Rows put(Params()
                     .add(static_cast<std::int64_t>(sequence))
                     .add(bytes)
                     .add(nowMs)
                     .exec(m_conn, "INSERT INTO directory_snapshot (singleton, sequence, snapshot, published_at) VALUES (1, $1, $2, $3) "
                                   "ON CONFLICT (singleton) DO UPDATE SET sequence = excluded.sequence, snapshot = excluded.snapshot, "
                                   "published_at = excluded.published_at"));
        !put.ok())
        return queryError("Storing the district directory", put);
    if (!tx.commit()) return connectionError(m_conn, "Committing the district directory");
    return PublishedDirectory{RevocationsOutcome::Applied, sequence};
}

Result<bool> PostgresRecordStorage::addChallenge(const EnrollNonce &nonce, std::int64_t expiresAtMs, std::int64_t nowMs, std::int64_t maxOpen)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Tx tx(m_conn);
    if (!tx.begin()) return connectionError(m_conn, "Starting a transaction");
    if (Rows purged(Params().add(nowMs).exec(m_conn, "DELETE FROM enroll_challenges WHERE expires_at < $1")); !purged.ok())
        return queryError("Dropping expired enrollment challenges", purged);
    // A soft cap: case stores sharing the database may together exceed it by the few requests in flight.
    Rows open(PQexecParams(m_conn, "SELECT count(*) FROM enroll_challenges", 0, nullptr, nullptr, nullptr, nullptr, 1));
    if (!open.ok() || open.count() != 1) return queryError("Counting open enrollment challenges", open);
    const bool room = open.i64(0, 0) < maxOpen;
    if (room)
        if (Rows added(Params().add(nonce).add(expiresAtMs).exec(m_conn, "INSERT INTO enroll_challenges (nonce, expires_at) VALUES ($1, $2)"));
            !added.ok())
            return queryError("Storing an enrollment challenge", added);
    if (!tx.commit()) return connectionError(m_conn, "Committing an enrollment challenge");
    return room;
}

Result<bool> PostgresRecordStorage::takeChallenge(const EnrollNonce &nonce, std::int64_t nowMs)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows taken(Params().add(nonce).exec(m_conn, "DELETE FROM enroll_challenges WHERE nonce = $1 RETURNING expires_at"));
    if (!taken.ok()) return queryError("Taking an enrollment challenge", taken);
    return taken.count() == 1 && taken.i64(0, 0) >= nowMs;
}

namespace {

constexpr const char *kRecordColumns = "SELECT id, type, case_id, observation_id, created_at, author_key, body, seq, received_at, receipt, person_tag FROM records ";

StoredRecord recordFromRow(const Rows &rows, int i)
{
    StoredRecord r;
    r.id.bytes = rows.array<16>(i, 0);
    r.type = static_cast<std::uint16_t>(rows.i64(i, 1));
    if (!rows.isNull(i, 2)) r.caseId = RecordId{rows.array<16>(i, 2)};
    if (!rows.isNull(i, 3)) r.observationId = RecordId{rows.array<16>(i, 3)};
    r.createdAt = rows.i64(i, 4);
    r.authorKeyId = rows.array<16>(i, 5);
    r.body = rows.bytes(i, 6);
    r.seq = rows.i64(i, 7);
    r.receivedAt = rows.i64(i, 8);
    if (!rows.isNull(i, 9)) r.receipt = rows.bytes(i, 9);
    if (!rows.isNull(i, 10)) r.personTag = rows.bytes(i, 10);
    return r;
}

// Media parts of one evidence record are stored under a transaction-scoped advisory lock on the evidence id, so two
// case store processes cannot both pass the count check for its last free part.
constexpr std::uint64_t kMediaLockClass = 0x7472696164; // "triad"

} // namespace

Result<std::optional<StoredRecord>> PostgresRecordStorage::recordById(const RecordId &id)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(Params().add(id.bytes).exec(m_conn, std::string(kRecordColumns) + "WHERE id = $1"));
    if (!rows.ok()) return queryError("Looking up a record", rows);
    if (rows.count() == 0) return std::optional<StoredRecord>{};
    return std::optional<StoredRecord>(recordFromRow(rows, 0));
}

Result<std::vector<StoredRecord>> PostgresRecordStorage::grantsFor(const RecordId &id)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(Params().add(id.bytes).exec(m_conn, std::string(kRecordColumns) + "WHERE type = 10 AND observation_id = $1 ORDER BY seq"));
    if (!rows.ok()) return queryError("Looking up grants", rows);
    std::vector<StoredRecord> out;
    for (int i = 0; i < rows.count(); ++i) out.push_back(recordFromRow(rows, i));
    return out;
}

Result<MediaPutOutcome> PostgresRecordStorage::putMediaPart(const RecordId &evidenceId, const MediaPartName &name,
                                                            std::span<const std::uint8_t> bytes, std::int64_t nowMs, std::int64_t maxParts)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Tx tx(m_conn);
    if (!tx.begin()) return connectionError(m_conn, "Starting a transaction");
    std::uint64_t key = kMediaLockClass;
    for (std::size_t i = 0; i < 8; ++i) key = (key << 8) ^ evidenceId.bytes[i];
    if (Rows locked(Params().add(static_cast<std::int64_t>(key)).exec(m_conn, "SELECT pg_advisory_xact_lock($1)")); !locked.ok())
        return queryError("Locking an evidence record's media", locked);
    Rows held(Params().add(evidenceId.bytes).add(name).exec(m_conn, "SELECT 1 FROM media_parts WHERE evidence_id = $1 AND name = $2"));
    if (!held.ok()) return queryError("Looking up a media part", held);
    if (held.count() > 0) return MediaPutOutcome::Held;
    Rows count(Params().add(evidenceId.bytes).exec(m_conn, "SELECT count(*) FROM media_parts WHERE evidence_id = $1"));
    if (!count.ok() || count.count() != 1) return queryError("Counting media parts", count);
    if (count.i64(0, 0) >= maxParts) return MediaPutOutcome::Full;
    Rows ins(Params().add(evidenceId.bytes).add(name).add(bytes).add(nowMs).exec(
        m_conn, "INSERT INTO media_parts (evidence_id, name, body, stored_at) VALUES ($1, $2, $3, $4)"));
    if (!ins.ok()) return queryError("Storing a media part", ins);
    if (!tx.commit()) return connectionError(m_conn, "Committing a media part");
    return MediaPutOutcome::Stored;
}

Result<std::optional<Bytes>> PostgresRecordStorage::mediaPart(const RecordId &evidenceId, const MediaPartName &name)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(Params().add(evidenceId.bytes).add(name).exec(m_conn, "SELECT body FROM media_parts WHERE evidence_id = $1 AND name = $2"));
    if (!rows.ok()) return queryError("Reading a media part", rows);
    if (rows.count() == 0) return std::optional<Bytes>{};
    return std::optional<Bytes>(rows.bytes(0, 0));
}

Result<std::vector<MediaPartName>> PostgresRecordStorage::mediaPartNames(const RecordId &evidenceId)
{
    if (auto st = ensureConnected(); !st) return st.error();
    Rows rows(Params().add(evidenceId.bytes).exec(m_conn, "SELECT name FROM media_parts WHERE evidence_id = $1"));
    if (!rows.ok()) return queryError("Listing media parts", rows);
    std::vector<MediaPartName> out;
    for (int i = 0; i < rows.count(); ++i) out.push_back(rows.array<32>(i, 0));
    return out;
}

} // namespace triad::casestore
