#include "sqlite_record_storage.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>

namespace triad::casestore {

namespace {

// Schema v1. `seq` is the pull cursor: assigned in commit order, never reused (AUTOINCREMENT), so a cursor a
// device holds stays valid across restarts. record_readers is the index a pull walks: (reader, seq).
constexpr const char *kSchema = R"sql(
CREATE TABLE IF NOT EXISTS records (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    type           INTEGER NOT NULL,
    case_id        BLOB,
    observation_id BLOB,
    created_at     INTEGER NOT NULL,
    author_key     BLOB NOT NULL,
    received_at    INTEGER NOT NULL,
    body           BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS record_readers (
    reader_key BLOB NOT NULL,
    seq        INTEGER NOT NULL REFERENCES records (seq),
    PRIMARY KEY (reader_key, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS device_tokens (
    token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
    reader_key BLOB NOT NULL CHECK (length(reader_key) = 16),
    issued_at  INTEGER NOT NULL
);
PRAGMA user_version = 1;
)sql";

class Stmt {
public:
    Stmt(sqlite3 *db, const char *sql) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_st, nullptr); }
    ~Stmt() { sqlite3_finalize(m_st); }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    bool ok() const { return m_rc == SQLITE_OK && m_st; }
    void bind(int i, std::int64_t v) { sqlite3_bind_int64(m_st, i, v); }
    void bind(int i, std::span<const std::uint8_t> b)
    {
        sqlite3_bind_blob(m_st, i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
    }
    void bindNull(int i) { sqlite3_bind_null(m_st, i); }
    int step() { return sqlite3_step(m_st); }
    void reset() { sqlite3_reset(m_st); sqlite3_clear_bindings(m_st); }
    std::int64_t i64(int c) const { return sqlite3_column_int64(m_st, c); }
    bool isNull(int c) const { return sqlite3_column_type(m_st, c) == SQLITE_NULL; }
    Bytes blob(int c) const
    {
        const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(m_st, c));
        const int n = sqlite3_column_bytes(m_st, c);
        return p ? Bytes(p, p + n) : Bytes{};
    }

private:
    sqlite3_stmt *m_st = nullptr;
    int m_rc = SQLITE_ERROR;
};

template <std::size_t N>
std::array<std::uint8_t, N> toArray(const Bytes &b)
{
    std::array<std::uint8_t, N> a{};
    std::copy_n(b.begin(), std::min(N, b.size()), a.begin());
    return a;
}

// "?, ?, …" for an IN list of n values.
std::string placeholders(std::size_t n)
{
    std::string in;
    for (std::size_t i = 0; i < n; ++i) in += i ? ", ?" : "?";
    return in;
}

// Binds the reader key ids from parameter 1 on; returns the next parameter's index.
int bindReaders(Stmt &st, const std::vector<KeyId> &readerKeyIds)
{
    int i = 1;
    for (const KeyId &k : readerKeyIds) st.bind(i++, k);
    return i;
}

// Rolls back unless committed.
class Tx {
public:
    explicit Tx(sqlite3 *db) : m_db(db) {}
    ~Tx() { if (m_open) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); }
    Tx(const Tx &) = delete;
    Tx &operator=(const Tx &) = delete;
    bool begin() { m_open = sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK; return m_open; }
    bool commit()
    {
        if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
        m_open = false;
        return true;
    }

private:
    sqlite3 *m_db;
    bool m_open = false;
};

} // namespace

Error SqliteRecordStorage::dbError(const std::string &what) const
{
    return makeError("casestore.db", what + ": " + sqlite3_errmsg(m_db) + ".");
}

Status SqliteRecordStorage::exec(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return dbError("The case store database refused a statement");
    return {};
}

Result<std::unique_ptr<SqliteRecordStorage>> SqliteRecordStorage::open(const std::string &path)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e = makeError("casestore.db_open", "The case store database " + path + " cannot be opened: "
                                                     + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + ".");
        sqlite3_close(db);
        return e;
    }
    sqlite3_extended_result_codes(db, 1);
    std::unique_ptr<SqliteRecordStorage> s(new SqliteRecordStorage(db));
    for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                            "PRAGMA busy_timeout=5000"}) {
        if (auto st = s->exec(sql); !st) return st.error();
    }
    Stmt version(db, "PRAGMA user_version");
    if (!version.ok() || version.step() != SQLITE_ROW) return s->dbError("Reading the schema version");
    if (version.i64(0) > 1)
        return makeError("casestore.db_too_new", "The case store database " + path + " was written by a newer case store.");
    if (auto st = s->exec(kSchema); !st) return st.error();
    return s;
}

SqliteRecordStorage::~SqliteRecordStorage() { sqlite3_close_v2(m_db); }

Result<BatchOutcome> SqliteRecordStorage::insertBatch(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs)
{
    BatchOutcome out;
    Tx tx(m_db);
    if (!tx.begin()) return dbError("Starting a transaction");
    Stmt ins(m_db, "INSERT INTO records (id, type, case_id, observation_id, created_at, author_key, received_at, body) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
    Stmt held(m_db, "SELECT body FROM records WHERE id = ?");
    Stmt reader(m_db, "INSERT OR IGNORE INTO record_readers (reader_key, seq) VALUES (?, ?)");
    if (!ins.ok() || !held.ok() || !reader.ok()) return dbError("Preparing the batch insert");
    for (std::size_t i = 0; i < records.size(); ++i) {
        const StoredRecord &r = records[i];
        ins.reset();
        ins.bind(1, r.id.bytes);
        ins.bind(2, static_cast<std::int64_t>(r.type));
        if (r.caseId) ins.bind(3, r.caseId->bytes); else ins.bindNull(3);
        if (r.observationId) ins.bind(4, r.observationId->bytes); else ins.bindNull(4);
        ins.bind(5, r.createdAt);
        ins.bind(6, r.authorKeyId);
        ins.bind(7, receivedAtMs);
        ins.bind(8, r.body);
        if (ins.step() != SQLITE_DONE) return dbError("Storing a record");
        if (sqlite3_changes(m_db) == 0) {
            // The unique constraint on the id held: the same bytes are a retry, other bytes a conflict.
            held.reset();
            held.bind(1, r.id.bytes);
            if (held.step() != SQLITE_ROW) return dbError("Reading a held record");
            if (held.blob(0) != r.body) {
                out.conflictAt = i;
                out.added.clear();
                return out; // Tx rolls back: nothing of the batch is kept
            }
            out.added.push_back(false);
            continue;
        }
        const std::int64_t seq = sqlite3_last_insert_rowid(m_db);
        for (const KeyId &k : r.readerKeyIds) {
            reader.reset();
            reader.bind(1, k);
            reader.bind(2, seq);
            if (reader.step() != SQLITE_DONE) return dbError("Indexing a record's readers");
        }
        out.added.push_back(true);
    }
    if (!tx.commit()) return dbError("Committing the batch");
    return out;
}

Result<PullPage> SqliteRecordStorage::pull(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit)
{
    PullPage page;
    if (readerKeyIds.empty() || limit <= 0) return page;
    const std::string sql =
        "SELECT r.seq, r.id, r.type, r.case_id, r.observation_id, r.created_at, r.author_key, r.body FROM records r "
        "WHERE r.seq IN (SELECT DISTINCT seq FROM record_readers WHERE reader_key IN (" + placeholders(readerKeyIds.size())
        + ") AND seq > ? ORDER BY seq LIMIT ?) ORDER BY r.seq";
    Stmt st(m_db, sql.c_str());
    if (!st.ok()) return dbError("Preparing a pull");
    int i = bindReaders(st, readerKeyIds);
    st.bind(i++, afterSeq);
    st.bind(i, static_cast<std::int64_t>(limit) + 1); // one more tells whether another page exists
    for (;;) {
        const int rc = st.step();
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return dbError("Pulling records");
        if (page.records.size() == static_cast<std::size_t>(limit)) {
            page.more = true;
            break;
        }
        StoredRecord r;
        r.seq = st.i64(0);
        r.id.bytes = toArray<16>(st.blob(1));
        r.type = static_cast<std::uint16_t>(st.i64(2));
        if (!st.isNull(3)) r.caseId = RecordId{toArray<16>(st.blob(3))};
        if (!st.isNull(4)) r.observationId = RecordId{toArray<16>(st.blob(4))};
        r.createdAt = st.i64(5);
        r.authorKeyId = toArray<16>(st.blob(6));
        r.body = st.blob(7);
        page.records.push_back(std::move(r));
    }
    return page;
}

Result<std::int64_t> SqliteRecordStorage::countAfter(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq)
{
    if (readerKeyIds.empty()) return std::int64_t{0};
    const std::string sql = "SELECT COUNT(DISTINCT seq) FROM record_readers WHERE reader_key IN ("
                            + placeholders(readerKeyIds.size()) + ") AND seq > ?";
    Stmt st(m_db, sql.c_str());
    if (!st.ok()) return dbError("Preparing a count");
    st.bind(bindReaders(st, readerKeyIds), afterSeq);
    if (st.step() != SQLITE_ROW) return dbError("Counting records");
    return st.i64(0);
}

Status SqliteRecordStorage::addToken(const TokenHash &hash, const DeviceToken &token)
{
    Stmt st(m_db, "INSERT INTO device_tokens (token_hash, reader_key, issued_at) VALUES (?, ?, ?)");
    if (!st.ok()) return dbError("Preparing a token insert");
    st.bind(1, hash);
    st.bind(2, token.readerKeyId);
    st.bind(3, token.issuedAt);
    if (st.step() != SQLITE_DONE) return dbError("Storing a device token");
    return {};
}

Result<std::optional<DeviceToken>> SqliteRecordStorage::findToken(const TokenHash &hash)
{
    Stmt st(m_db, "SELECT reader_key, issued_at FROM device_tokens WHERE token_hash = ?");
    if (!st.ok()) return dbError("Preparing a token lookup");
    st.bind(1, hash);
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<DeviceToken>{};
    if (rc != SQLITE_ROW) return dbError("Looking up a device token");
    DeviceToken t;
    t.readerKeyId = toArray<16>(st.blob(0));
    t.issuedAt = st.i64(1);
    return std::optional<DeviceToken>{t};
}

Result<std::int64_t> SqliteRecordStorage::recordCount()
{
    Stmt st(m_db, "SELECT COUNT(*) FROM records");
    if (!st.ok() || st.step() != SQLITE_ROW) return dbError("Counting records");
    return st.i64(0);
}

} // namespace triad::casestore
