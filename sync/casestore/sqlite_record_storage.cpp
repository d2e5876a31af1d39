#include "sqlite_record_storage.h"
#include "error_codes.h"
#include "wal_checkpointer.h"
#include "wal_write_batch.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <mutex>
#include <queue>

namespace triad::casestore {

namespace {

constexpr std::int64_t kSchemaVersion = 9;

// Schema v1. `seq` is the pull cursor: assigned in commit order, never reused (AUTOINCREMENT), so a cursor a
// device holds stays valid across restarts. record_readers is the index a pull walks: (reader, seq) (since v7, only
// for a reader in many sets; see kUpgradeToV7Tables).
constexpr const char *kSchemaV1 = R"sql(
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
)sql";

// v1 → v2: the district directory. Tokens issued at enrollment name their certificate serial and person (NULL for
// tokens issued by hand); the certificates devices presented or district IT posted; the newest revocation list (one
// row) and its serials, which findToken consults; open enrollment challenges.
constexpr const char *kUpgradeToV2 = R"sql(
ALTER TABLE device_tokens ADD COLUMN cert_serial BLOB CHECK (cert_serial IS NULL OR length(cert_serial) = 16);
ALTER TABLE device_tokens ADD COLUMN person_id BLOB CHECK (person_id IS NULL OR length(person_id) = 16);
CREATE INDEX device_tokens_by_serial ON device_tokens (cert_serial) WHERE cert_serial IS NOT NULL;
CREATE TABLE certificates (
    serial      BLOB PRIMARY KEY CHECK (length(serial) = 16),
    sign_key    BLOB NOT NULL CHECK (length(sign_key) = 16),
    person_id   BLOB NOT NULL CHECK (length(person_id) = 16),
    certificate BLOB NOT NULL,
    added_at    INTEGER NOT NULL
);
CREATE INDEX certificates_by_signer ON certificates (sign_key);
CREATE TABLE revocations (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    sequence   INTEGER NOT NULL,
    list       BLOB NOT NULL,
    applied_at INTEGER NOT NULL
);
CREATE TABLE revoked_serials (serial BLOB PRIMARY KEY CHECK (length(serial) = 16)) WITHOUT ROWID;
CREATE TABLE enroll_challenges (
    nonce      BLOB PRIMARY KEY CHECK (length(nonce) = 32),
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
PRAGMA user_version = 2;
)sql";

// v2 → v3: the store's epoch (one row), random at creation; pull cursors carry it (casestore_api.cpp).
constexpr const char *kUpgradeToV3 = R"sql(
CREATE TABLE store_epoch (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    epoch     TEXT NOT NULL CHECK (length(epoch) = 32)
);
INSERT INTO store_epoch (singleton, epoch) VALUES (1, lower(hex(randomblob(16))));
PRAGMA user_version = 3;
)sql";

// v3 → v4: the district directory snapshot devices fetch (one row, the newest district IT published).
constexpr const char *kUpgradeToV4 = R"sql(
CREATE TABLE directory_snapshot (
    singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
    sequence     INTEGER NOT NULL,
    snapshot     BLOB NOT NULL,
    published_at INTEGER NOT NULL
);
PRAGMA user_version = 4;
)sql";

// v4 → v5: evidence media (docs/protocol.md "Evidence media"). Parts of encrypted media streams, named by the
// BLAKE2b-256 of their bytes, under their evidence record's id; and an index of key grants by the record they grant,
// so the readers of an evidence record (its own and those its grants add) are found without a scan. The index is
// partial: pushes of other records do not write it.
constexpr const char *kUpgradeToV5 = R"sql(
CREATE TABLE media_parts (
    evidence_id BLOB NOT NULL CHECK (length(evidence_id) = 16),
    name        BLOB NOT NULL CHECK (length(name) = 32),
    body        BLOB NOT NULL,
    stored_at   INTEGER NOT NULL,
    UNIQUE (evidence_id, name)
);
CREATE INDEX records_grants_by_link ON records (observation_id) WHERE type = 10;
PRAGMA user_version = 5;
)sql";

// v5 → v6: the case store's receipt of a record, signed once as it is stored (RecordStorage::setReceiptSigner) and
// served from here, instead of signed again for every reader's every pull. NULL for records stored before, or
// without a receipt key: CaseStoreApi signs those as it serves them, as before.
constexpr const char *kUpgradeToV6 = R"sql(
ALTER TABLE records ADD COLUMN receipt BLOB;
PRAGMA user_version = 6;
)sql";

// v6 → v7: records laid out by reader set, so one reader's pull reads its records as a few ranges instead of one
// B-tree lookup per record spread over the whole file (docs/benchmarks.md "Pull cost flat in store size"). A reader
// set is the sorted reader keys of a record's sealed header; every record belongs to exactly one. Each member row
// keeps the newest seq of its set, so a pull finds the sets with records after its cursor by an index range, however
// many sets the reader was ever in (a device pushing records to ever new sets must not slow others' pulls).
// set_records holds what a pull serves, clustered by (set_id, seq); records keeps only what finds a record by its id
// or its link (the id's uniqueness, the grants index) and its set. record_readers stays: counts, and pulls of a
// reader in more sets than a pull merges, use it. The rows are moved by migrateToReaderSets() between these two
// statements.
constexpr const char *kUpgradeToV7Tables = R"sql(
CREATE TABLE reader_sets (
    set_id  INTEGER PRIMARY KEY,
    readers BLOB NOT NULL UNIQUE
);
CREATE TABLE reader_set_members (
    reader_key BLOB NOT NULL,
    set_id     INTEGER NOT NULL REFERENCES reader_sets (set_id),
    last_seq   INTEGER NOT NULL,
    PRIMARY KEY (reader_key, set_id)
) WITHOUT ROWID;
CREATE INDEX reader_set_members_by_newest ON reader_set_members (reader_key, last_seq);
CREATE TABLE set_records (
    set_id         INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    id             BLOB NOT NULL,
    type           INTEGER NOT NULL,
    case_id        BLOB,
    observation_id BLOB,
    created_at     INTEGER NOT NULL,
    author_key     BLOB NOT NULL,
    received_at    INTEGER NOT NULL,
    body           BLOB NOT NULL,
    receipt        BLOB,
    PRIMARY KEY (set_id, seq)
) WITHOUT ROWID;
ALTER TABLE records ADD COLUMN set_id INTEGER;
)sql";
constexpr const char *kUpgradeToV7Finish = R"sql(
ALTER TABLE records DROP COLUMN body;
ALTER TABLE records DROP COLUMN receipt;
ALTER TABLE records DROP COLUMN case_id;
ALTER TABLE records DROP COLUMN created_at;
ALTER TABLE records DROP COLUMN author_key;
ALTER TABLE records DROP COLUMN received_at;
PRAGMA user_version = 7;
)sql";

// v7 → v8: the author's same-person tag pushed beside a record (docs/security.md "Same-person tags"), served with it.
// NULL for records stored before and for pushes without one: their readers check the signature, as every reader of
// another person's record does. Adding a nullable column rewrites nothing.
constexpr const char *kUpgradeToV8 = R"sql(
ALTER TABLE set_records ADD COLUMN person_tag BLOB;
PRAGMA user_version = 8;
)sql";

// v8 → v9: receipts beside set_records, by seq, not in its rows. set_records is WITHOUT ROWID: on 4 KiB pages a row
// over ~1,000 bytes takes an overflow page of its own, and a sealed note with its columns (~900 bytes) and its receipt
// (up to 363 bytes, a receipt tree's) was over it — a whole extra page written per record, the case store's insert
// 3.4× slower with a receipt key than without (docs/benchmarks.md "Receipt trees"). Rows stored before keep theirs
// (set_records.receipt, served as before); new ones leave it NULL.
constexpr const char *kUpgradeToV9 = R"sql(
CREATE TABLE set_receipts (
    seq     INTEGER PRIMARY KEY,
    receipt BLOB NOT NULL
);
PRAGMA user_version = 9;
)sql";

class Stmt {
public:
    Stmt(sqlite3 *db, const char *sql) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_st, nullptr); }
    // One of the connection's prepared statements (SqliteRecordStorage::cached): reset for its next use, not finalized.
    explicit Stmt(sqlite3_stmt *prepared) : m_st(prepared), m_rc(prepared ? SQLITE_OK : SQLITE_ERROR), m_owned(false) {}
    ~Stmt()
    {
        if (m_owned)
            sqlite3_finalize(m_st);
        else if (m_st)
            reset();
    }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    bool ok() const { return m_rc == SQLITE_OK && m_st; }
    void bind(int i, std::int64_t v) { sqlite3_bind_int64(m_st, i, v); }
    void bind(int i, std::span<const std::uint8_t> b) { sqlite3_bind_blob(m_st, i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT); }
    void bindNull(int i) { sqlite3_bind_null(m_st, i); }
    // A blob even when empty (bind() of an empty span binds NULL).
    void bindBlob(int i, std::span<const std::uint8_t> b)
    {
        if (b.empty())
            sqlite3_bind_zeroblob(m_st, i, 0);
        else
            bind(i, b);
    }
    int step() { return sqlite3_step(m_st); }
    void reset()
    {
        sqlite3_reset(m_st);
        sqlite3_clear_bindings(m_st);
    }
    std::int64_t i64(int c) const { return sqlite3_column_int64(m_st, c); }
    bool isNull(int c) const { return sqlite3_column_type(m_st, c) == SQLITE_NULL; }
    std::size_t bytes(int c) const { return static_cast<std::size_t>(sqlite3_column_bytes(m_st, c)); }
    Bytes blob(int c) const
    {
        const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(m_st, c));
        const int n = sqlite3_column_bytes(m_st, c);
        return p ? Bytes(p, p + n) : Bytes{};
    }

private:
    sqlite3_stmt *m_st = nullptr;
    int m_rc = SQLITE_ERROR;
    bool m_owned = true;
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

// The longest IN list whose statement a connection keeps prepared (SqliteRecordStorage::cached): a device's readers,
// a push's few authors. A longer list's statement is prepared for its one use, so the cache cannot grow without bound.
constexpr std::size_t kCachedInList = 8;

constexpr const char *kMapped = "PRAGMA mmap_size=2147418112"; // SQLite's cap, 2 GiB

// Binds key ids (readers, signers) from parameter 1 on; returns the next parameter's index.
int bindKeyIds(Stmt &st, const std::vector<KeyId> &keyIds)
{
    int i = 1;
    for (const KeyId &k : keyIds) st.bind(i++, k);
    return i;
}

// Rolls back unless committed. A read ("BEGIN": deferred) ends that way too: it holds one snapshot until then.
class Tx {
public:
    explicit Tx(sqlite3 *db, const char *beginSql = "BEGIN IMMEDIATE") : m_db(db), m_begin(beginSql) {}
    ~Tx()
    {
        if (m_open) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Tx(const Tx &) = delete;
    Tx &operator=(const Tx &) = delete;
    bool begin()
    {
        m_open = sqlite3_exec(m_db, m_begin, nullptr, nullptr, nullptr) == SQLITE_OK;
        return m_open;
    }
    bool commit()
    {
        if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
        m_open = false;
        return true;
    }

private:
    sqlite3 *m_db;
    const char *m_begin;
    bool m_open = false;
};

} // namespace

SqliteRecordStorage::SqliteRecordStorage(sqlite3 *db, std::string path, bool mapped) : m_db(db), m_path(std::move(path)), m_mapped(mapped) {}

Error SqliteRecordStorage::dbError(const std::string &what) const { return makeError(errc::casestore::kDb, what + ": " + sqlite3_errmsg(m_db) + "."); }

Status SqliteRecordStorage::exec(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return dbError("The case store database refused a statement");
    return {};
}

Result<std::unique_ptr<SqliteRecordStorage>> SqliteRecordStorage::open(const std::string &path, bool mapped)
{
    return openConnection(path, mapped, false);
}

Result<std::unique_ptr<SqliteRecordStorage>> SqliteRecordStorage::openConnection(const std::string &path, bool mapped, bool mapThis)
{
    // No memory statistics (kept under a global mutex on every allocation, which the storage and pull threads would
    // contend for); nothing reads them. Only possible before SQLite starts in the process.
    static std::once_flag noMemStatus;
    std::call_once(noMemStatus, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    sqlite3 *db = nullptr;
    // One write per commit into the log (sqlite/wal_write_batch.h): a batch of pushes is hundreds of frames.
    const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   sqlite::walWriteBatchVfs());
    if (rc != SQLITE_OK) {
        Error e = makeError(errc::casestore::kDbOpen,
                            "The case store database " + path + " cannot be opened: " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + ".");
        sqlite3_close(db);
        return e;
    }
    sqlite3_extended_result_codes(db, 1);
    std::unique_ptr<SqliteRecordStorage> s(new SqliteRecordStorage(db, path, mapped));
    // The busy timeout first: switching a new file to WAL takes an exclusive lock, and case stores starting together
    // on one file would otherwise get "database is locked" at once instead of waiting their turn. A page cache of
    // 32 MiB (SQLite's default is 2 MiB): a push writes the id index, its set's leaf in set_records and the reader
    // index at scattered places, and with the default their pages were read again for every batch (a bulk insert
    // took twice as long; docs/benchmarks.md "records laid out by reader set"). No cache spill: a group of pushes
    // rolls one push back to its savepoint on a conflict, and SQLite 3.40 (Debian 12's) can then commit frames whose
    // checksums a crash's recovery refuses when the transaction had spilled pages and written them again (its
    // iReCksum is not reset by a savepoint's rollback; fixed in 3.50.2). Without spills a transaction's frames are all
    // written at its commit (docs/storage.md "Durability setting"); a group's pages are held in memory meanwhile,
    // about the size of the pushes it already holds.
    for (const char *sql : {"PRAGMA busy_timeout=5000", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                            "PRAGMA cache_size=-32768", "PRAGMA cache_spill=OFF"}) {
        if (auto st = s->exec(sql); !st) return st.error();
    }
    // Reads through a memory map of the file (up to SQLite's 2 GiB cap): a page the OS holds costs no read() call
    // and no copy, so a pull of one reader's records, spread one to a page over a large store, costs about what it
    // costs from a small one (docs/benchmarks.md "Pull cost vs store size"). Writes still go through the WAL.
    if (mapThis)
        if (auto st = s->exec(kMapped); !st) return st.error();
    s->m_mapThis = s->m_mapNow = mapThis;
    // Created or upgraded in one transaction; a second case store opening the file meanwhile waits and then finds
    // the schema current. An upgrade can take minutes (schema 7 lays out every record: ~70 s per million), so a
    // process starting meanwhile waits up to ten minutes for it instead of the usual five seconds.
    if (auto st = s->exec("PRAGMA busy_timeout=600000"); !st) return st.error();
    Tx tx(db);
    if (!tx.begin()) return s->dbError("Starting the schema transaction");
    std::int64_t found = 0;
    {
        Stmt version(db, "PRAGMA user_version");
        if (!version.ok() || version.step() != SQLITE_ROW) return s->dbError("Reading the schema version");
        found = version.i64(0);
    }
    if (found > kSchemaVersion) return makeError(errc::casestore::kDbTooNew, "The case store database " + path + " was written by a newer case store.");
    if (found < 1)
        if (auto st = s->exec(kSchemaV1); !st) return st.error();
    if (found < 2)
        if (auto st = s->exec(kUpgradeToV2); !st) return st.error();
    if (found < 3)
        if (auto st = s->exec(kUpgradeToV3); !st) return st.error();
    if (found < 4)
        if (auto st = s->exec(kUpgradeToV4); !st) return st.error();
    if (found < 5)
        if (auto st = s->exec(kUpgradeToV5); !st) return st.error();
    if (found < 6)
        if (auto st = s->exec(kUpgradeToV6); !st) return st.error();
    if (found < 7) {
        if (auto st = s->exec(kUpgradeToV7Tables); !st) return st.error();
        if (auto st = s->migrateToReaderSets(); !st) return st.error();
        if (auto st = s->exec(kUpgradeToV7Finish); !st) return st.error();
    }
    if (found < 8)
        if (auto st = s->exec(kUpgradeToV8); !st) return st.error();
    if (found < 9)
        if (auto st = s->exec(kUpgradeToV9); !st) return st.error();
    if (!tx.commit()) return s->dbError("Committing the schema");
    if (auto st = s->exec("PRAGMA busy_timeout=5000"); !st) return st.error();
    // An upgrade that moved every record leaves a WAL the size of the file: give the disk back now, not at the last
    // connection's close (best effort: a reader elsewhere may hold it).
    if (found >= 1 && found < 7) sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    return s;
}

SqliteRecordStorage::~SqliteRecordStorage()
{
    m_checkpointer.reset(); // unhooked, after a checkpoint under way
    for (auto &[sql, st] : m_statements) sqlite3_finalize(st); // before the connection
    for (sqlite3_stmt *st : m_setRanges) sqlite3_finalize(st);
    sqlite3_close_v2(m_db);
}

sqlite3_stmt *SqliteRecordStorage::cached(const std::string &sql)
{
    if (auto it = m_statements.find(sql); it != m_statements.end()) return it->second;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v3(m_db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
        sqlite3_finalize(st);
        return nullptr;
    }
    m_statements.emplace(sql, st);
    return st;
}

namespace {

// A reader set's key: its reader keys sorted, each once, one after the other.
Bytes readerSetKey(const std::vector<KeyId> &readerKeyIds)
{
    std::vector<KeyId> keys = readerKeyIds;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    Bytes out;
    out.reserve(keys.size() * sizeof(KeyId));
    for (const KeyId &k : keys) out.insert(out.end(), k.begin(), k.end());
    return out;
}

} // namespace

Result<std::int64_t> SqliteRecordStorage::readerSetOf(const std::vector<KeyId> &readerKeyIds, std::map<Bytes, std::int64_t> &known)
{
    Bytes key = readerSetKey(readerKeyIds);
    if (auto it = known.find(key); it != known.end()) return it->second;
    Stmt find(cached("SELECT set_id FROM reader_sets WHERE readers = ?"));
    if (!find.ok()) return dbError("Preparing a reader set lookup");
    find.bindBlob(1, key);
    const int rc = find.step();
    std::int64_t setId = 0;
    if (rc == SQLITE_ROW) {
        setId = find.i64(0);
    } else if (rc == SQLITE_DONE) {
        // Its member rows come with its first record (noteNewest).
        Stmt add(cached("INSERT INTO reader_sets (readers) VALUES (?)"));
        if (!add.ok()) return dbError("Preparing a new reader set");
        add.bindBlob(1, key);
        if (add.step() != SQLITE_DONE) return dbError("Storing a reader set");
        setId = sqlite3_last_insert_rowid(m_db);
    } else {
        return dbError("Looking up a reader set");
    }
    known.emplace(std::move(key), setId);
    return setId;
}

Status SqliteRecordStorage::noteNewest(std::int64_t setId, const std::vector<KeyId> &readerKeyIds, std::int64_t seq)
{
    // One statement per member: its row made with the set's first record, its newest seq moved on after that.
    Stmt member(cached("INSERT INTO reader_set_members (reader_key, set_id, last_seq) VALUES (?, ?, ?) "
                       "ON CONFLICT (reader_key, set_id) DO UPDATE SET last_seq = excluded.last_seq WHERE excluded.last_seq > last_seq"));
    if (!member.ok()) return dbError("Preparing a reader set's members");
    for (const KeyId &k : readerKeyIds) {
        member.reset();
        member.bind(1, k);
        member.bind(2, setId);
        member.bind(3, seq);
        if (member.step() != SQLITE_DONE) return dbError("Noting a reader set's newest record");
    }
    return {};
}

// Inside an open transaction: stores `records` up to the first conflict. On a conflict the outcome has conflictAt
// set and what this call stored must be rolled back by the caller.
Result<BatchOutcome> SqliteRecordStorage::insertRecords(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs)
{
    Stmt ins(cached("INSERT INTO records (id, type, observation_id, set_id) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"));
    Stmt held(cached("SELECT s.body FROM records r CROSS JOIN set_records s ON s.set_id = r.set_id AND s.seq = r.seq WHERE r.id = ?"));
    Stmt served(cached("INSERT INTO set_records (set_id, seq, id, type, case_id, observation_id, created_at, author_key, received_at, body, receipt, "
                       "person_tag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    Stmt reader(cached("INSERT OR IGNORE INTO record_readers (reader_key, seq) VALUES (?, ?)"));
    Stmt receipted(cached("INSERT INTO set_receipts (seq, receipt) VALUES (?, ?)"));
    if (!ins.ok() || !held.ok() || !served.ok() || !reader.ok() || !receipted.ok()) return dbError("Preparing the batch insert");
    const auto signer = receiptSigner();
    std::map<Bytes, std::int64_t> sets;
    std::map<std::int64_t, std::pair<std::int64_t, const std::vector<KeyId> *>> lastSeqOf; // set → its newest record here, its readers
    BatchOutcome out;
    auto bindLink = [](Stmt &st, int i, const std::optional<RecordId> &link) {
        if (link)
            st.bind(i, link->bytes);
        else
            st.bindNull(i);
    };
    // First every record's id and seq (a conflict stops the batch before anything else is written), then the
    // receipts, one signature per tree of records for the same readers, then each record for its readers.
    std::vector<std::int64_t> setOf(records.size(), 0);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const StoredRecord &r = records[i];
        const auto setId = readerSetOf(r.readerKeyIds, sets);
        if (!setId) return setId.error();
        ins.reset();
        ins.bind(1, r.id.bytes);
        ins.bind(2, static_cast<std::int64_t>(r.type));
        bindLink(ins, 3, r.observationId);
        ins.bind(4, *setId);
        if (ins.step() != SQLITE_DONE) return dbError("Storing a record");
        if (sqlite3_changes(m_db) == 0) {
            // The unique constraint on the id held: the same bytes are a retry, other bytes a conflict. The held
            // record is an earlier one of this batch (not yet stored for its readers) or one stored before.
            bool same = false;
            const auto earlier = std::find_if(records.begin(), records.begin() + static_cast<std::ptrdiff_t>(i),
                                              [&](const StoredRecord &e) { return e.id == r.id; });
            if (earlier != records.begin() + static_cast<std::ptrdiff_t>(i)) {
                same = earlier->body == r.body;
            } else {
                held.reset();
                held.bind(1, r.id.bytes);
                if (held.step() != SQLITE_ROW) return dbError("Reading a held record");
                same = held.blob(0) == r.body;
                held.reset();
            }
            if (!same) {
                out.conflictAt = i;
                out.added.clear();
                out.seqs.clear();
                out.receipts.clear();
                return out;
            }
            out.added.push_back(false);
            out.seqs.push_back(0);
            out.receipts.emplace_back();
            continue;
        }
        setOf[i] = *setId;
        out.added.push_back(true);
        out.seqs.push_back(sqlite3_last_insert_rowid(m_db));
        out.receipts.emplace_back();
    }
    if (signer) signReceipts(*signer, records, setOf, out, receivedAtMs);
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!out.added[i]) continue;
        const StoredRecord &r = records[i];
        const std::int64_t seq = out.seqs[i];
        served.reset();
        served.bind(1, setOf[i]);
        served.bind(2, seq);
        served.bind(3, r.id.bytes);
        served.bind(4, static_cast<std::int64_t>(r.type));
        bindLink(served, 5, r.caseId);
        bindLink(served, 6, r.observationId);
        served.bind(7, r.createdAt);
        served.bind(8, r.authorKeyId);
        served.bind(9, receivedAtMs);
        served.bind(10, r.body);
        served.bindNull(11); // the receipt is kept beside it, in set_receipts (schema 9)
        if (r.personTag.empty())
            served.bindNull(12);
        else
            served.bind(12, r.personTag);
        if (served.step() != SQLITE_DONE) return dbError("Storing a record for its readers");
        if (!out.receipts[i].empty()) {
            receipted.reset();
            receipted.bind(1, seq);
            receipted.bind(2, out.receipts[i]);
            if (receipted.step() != SQLITE_DONE) return dbError("Keeping a record's receipt");
        }
        for (const KeyId &k : r.readerKeyIds) {
            reader.reset();
            reader.bind(1, k);
            reader.bind(2, seq);
            if (reader.step() != SQLITE_DONE) return dbError("Indexing a record's readers");
        }
        lastSeqOf[setOf[i]] = {seq, &r.readerKeyIds};
    }
    for (const auto &[setId, newestOf] : lastSeqOf)
        if (auto st = noteNewest(setId, *newestOf.second, newestOf.first); !st) return st.error();
    return out;
}

Status SqliteRecordStorage::migrateToReaderSets()
{
    // Every record's seq first (the table is changed as it is laid out), then its readers from record_readers sorted
    // by seq once, merged in order; each record is copied into its set.
    std::vector<std::int64_t> seqs;
    {
        Stmt all(m_db, "SELECT seq FROM records ORDER BY seq");
        if (!all.ok()) return dbError("Preparing to lay out records by reader set");
        for (int rc = all.step(); rc != SQLITE_DONE; rc = all.step()) {
            if (rc != SQLITE_ROW) return dbError("Reading the records to lay out");
            seqs.push_back(all.i64(0));
        }
    }
    Stmt readers(m_db, "SELECT seq, reader_key FROM record_readers ORDER BY seq");
    Stmt setOf(m_db, "UPDATE records SET set_id = ? WHERE seq = ?");
    Stmt copy(m_db, "INSERT INTO set_records (set_id, seq, id, type, case_id, observation_id, created_at, author_key, received_at, body, receipt) "
                    "SELECT ?, seq, id, type, case_id, observation_id, created_at, author_key, received_at, body, receipt FROM records WHERE seq = ?");
    if (!readers.ok() || !setOf.ok() || !copy.ok()) return dbError("Preparing to lay out records by reader set");
    std::map<Bytes, std::int64_t> sets;
    int rc = readers.step();
    for (const std::int64_t seq : seqs) {
        std::vector<KeyId> keys;
        for (; rc == SQLITE_ROW && readers.i64(0) <= seq; rc = readers.step())
            if (readers.i64(0) == seq) keys.push_back(toArray<16>(readers.blob(1)));
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return dbError("Reading the readers of the records to lay out");
        if (sets.size() >= 10'000) sets.clear(); // the sets' keys are the clients' (up to 256 readers each): bounded memory
        const auto setId = readerSetOf(keys, sets);
        if (!setId) return setId.error();
        for (Stmt *st : {&setOf, &copy}) {
            st->reset();
            st->bind(1, *setId);
            st->bind(2, seq);
            if (st->step() != SQLITE_DONE) return dbError("Laying out a record by its reader set");
        }
        if (auto st = noteNewest(*setId, keys, seq); !st) return st;
    }
    return {};
}

Result<BatchOutcome> SqliteRecordStorage::insertBatch(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs)
{
    const PushBatch one{&records, receivedAtMs};
    auto out = insertBatches(std::span(&one, 1));
    if (!out) return out.error();
    return std::move(out->front());
}

Result<std::vector<BatchOutcome>> SqliteRecordStorage::insertBatches(std::span<const PushBatch> batches)
{
    std::vector<BatchOutcome> out;
    Tx tx(m_db);
    if (!tx.begin()) return dbError("Starting a transaction");
    const bool several = batches.size() > 1;
    for (const PushBatch &b : batches) {
        // A savepoint per batch: a conflict takes back only that batch's records (nothing to take back when alone).
        if (several)
            if (auto st = exec("SAVEPOINT push"); !st) return st.error();
        auto stored = insertRecords(*b.records, b.receivedAtMs);
        if (!stored) return stored.error(); // Tx rolls back the group; the caller retries each batch alone
        if (stored->conflictAt) {
            if (!several) return std::vector<BatchOutcome>{std::move(*stored)}; // Tx rolls back: nothing of the batch is kept
            if (auto st = exec("ROLLBACK TO push"); !st) return st.error();
        }
        if (several)
            if (auto st = exec("RELEASE push"); !st) return st.error();
        out.push_back(std::move(*stored));
    }
    if (!tx.commit()) return dbError("Committing the batch");
    m_commits->fetch_add(1, std::memory_order_relaxed);
    return out;
}

Status SqliteRecordStorage::checkpointInBackground()
{
    if (m_checkpointer) return {};
    std::string why;
    // SQLite's default size: a checkpoint every 1,000 pages of log, now beside the commits instead of inside one.
    m_checkpointer = sqlite::WalCheckpointer::start(m_db, 1000, why);
    if (!m_checkpointer) return makeError(errc::casestore::kDb, "The case store's commits keep their checkpoints: " + why + ".");
    return {};
}

void SqliteRecordStorage::beforeRequest()
{
    if (!m_mapThis || !sqlite3_get_autocommit(m_db)) return;
    const std::uint64_t commits = m_commits->load(std::memory_order_relaxed);
    const bool quiet = commits == m_commitsSeen;
    m_commitsSeen = commits;
    if (quiet == m_mapNow) return;
    // Best effort: a refused pragma leaves the connection reading as it did, which is only slower.
    if (sqlite3_exec(m_db, quiet ? kMapped : "PRAGMA mmap_size=0", nullptr, nullptr, nullptr) == SQLITE_OK) m_mapNow = quiet;
}

std::int64_t SqliteRecordStorage::backgroundCheckpoints() const { return m_checkpointer ? m_checkpointer->counts().done : 0; }

Result<std::unique_ptr<RecordStorage>> SqliteRecordStorage::openAnother() const
{
    if (m_path.empty() || m_path == ":memory:" || m_path.find("mode=memory") != std::string::npos)
        return makeError(errc::casestore::kDbSingle, "An in-memory case store database cannot be opened twice.");
    auto other = openConnection(m_path, m_mapped, m_mapped);
    if (!other) return other.error();
    (*other)->m_commits = m_commits;
    (*other)->m_commitsSeen = m_commits->load(std::memory_order_relaxed);
    shareReceiptSigner(**other);
    return std::unique_ptr<RecordStorage>(std::move(*other));
}

namespace {

// The columns a pull serves, in this order, from set_records; the receipt from set_receipts (or, for a row stored
// before schema 9, its own).
constexpr const char *kPulledColumns =
    "s.seq, s.id, s.type, s.case_id, s.observation_id, s.created_at, s.author_key, s.body, s.received_at, "
    "coalesce(s.receipt, (SELECT set_receipts.receipt FROM set_receipts WHERE set_receipts.seq = s.seq)), s.person_tag";

constexpr int kPulledBody = 7; // s.body

// Whether the row on `st` still fits the page: within its limit and its bytes (the first record always).
bool fitsPage(PullPage &page, std::size_t &bytes, const Stmt &st, int limit)
{
    const std::size_t size = st.bytes(kPulledBody);
    if (page.records.size() == static_cast<std::size_t>(limit) || (!page.records.empty() && bytes + size > kMaxPullPageBytes)) {
        page.more = true;
        return false;
    }
    bytes += size;
    return true;
}

StoredRecord pulledFromRow(const Stmt &st)
{
    StoredRecord r;
    r.seq = st.i64(0);
    r.id.bytes = toArray<16>(st.blob(1));
    r.type = static_cast<std::uint16_t>(st.i64(2));
    if (!st.isNull(3)) r.caseId = RecordId{toArray<16>(st.blob(3))};
    if (!st.isNull(4)) r.observationId = RecordId{toArray<16>(st.blob(4))};
    r.createdAt = st.i64(5);
    r.authorKeyId = toArray<16>(st.blob(6));
    r.body = st.blob(7);
    r.receivedAt = st.i64(8);
    if (!st.isNull(9)) r.receipt = st.blob(9);
    if (!st.isNull(10)) r.personTag = st.blob(10);
    return r;
}

// The most reader sets a pull merges range by range; a reader in more (with records after its cursor) is served
// through record_readers, a lookup per record, as before the layout by reader set.
constexpr std::size_t kMaxMergedSets = 64;

} // namespace

Result<PullPage> SqliteRecordStorage::pull(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit)
{
    PullPage page;
    if (readerKeyIds.empty() || limit <= 0) return page;
    // One snapshot for the whole page: the sets it lists and the ranges it merges (several statements) must agree, or
    // a record committed between them could be passed over by the cursor. Declared first: every statement below is
    // reset before it ends.
    Tx snapshot(m_db, "BEGIN");
    if (!snapshot.begin()) return dbError("Starting a pull");
    // The readers' sets holding records after the cursor (an index range on the members' newest seq, however many
    // sets a reader was ever in), one more than the merge takes. Sets partition the records, so merging their ranges
    // in seq order serves each record once.
    std::vector<std::int64_t> setIds;
    {
        const std::string sql =
            "SELECT DISTINCT set_id FROM reader_set_members WHERE reader_key IN (" + placeholders(readerKeyIds.size()) + ") AND last_seq > ? LIMIT ?";
        Stmt sets = readerKeyIds.size() <= kCachedInList ? Stmt(cached(sql)) : Stmt(m_db, sql.c_str());
        if (!sets.ok()) return dbError("Preparing a pull");
        const int next = bindKeyIds(sets, readerKeyIds);
        sets.bind(next, afterSeq);
        sets.bind(next + 1, static_cast<std::int64_t>(kMaxMergedSets) + 1);
        for (int rc = sets.step(); rc != SQLITE_DONE; rc = sets.step()) {
            if (rc != SQLITE_ROW) return dbError("Finding the reader sets of a pull");
            setIds.push_back(sets.i64(0));
        }
    }
    if (setIds.size() > kMaxMergedSets) return pullJoined(readerKeyIds, afterSeq, limit);

    while (m_setRanges.size() < setIds.size()) {
        const std::string range = std::string("SELECT ") + kPulledColumns + " FROM set_records s WHERE s.set_id = ? AND s.seq > ? ORDER BY s.seq LIMIT ?";
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v3(m_db, range.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
            sqlite3_finalize(st);
            return dbError("Preparing a pull");
        }
        m_setRanges.push_back(st);
    }
    // Each set's range from the cursor, at most one page and one more each; the smallest seq first.
    std::deque<Stmt> ranges; // each resets its statement when the page is done
    using Head = std::pair<std::int64_t, std::size_t>; // (seq of the range's current row, range)
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    auto advance = [&](std::size_t i) -> Status {
        const int rc = ranges[i].step();
        if (rc == SQLITE_ROW) heads.emplace(ranges[i].i64(0), i);
        else if (rc != SQLITE_DONE) return dbError("Pulling records");
        return {};
    };
    for (std::size_t i = 0; i < setIds.size(); ++i) {
        Stmt &range = ranges.emplace_back(m_setRanges[i]);
        range.bind(1, setIds[i]);
        range.bind(2, afterSeq);
        range.bind(3, static_cast<std::int64_t>(limit) + 1);
        if (auto st = advance(i); !st) return st.error();
    }
    std::size_t bytes = 0;
    while (!heads.empty()) {
        const std::size_t i = heads.top().second;
        if (!fitsPage(page, bytes, ranges[i], limit)) break;
        heads.pop();
        page.records.push_back(pulledFromRow(ranges[i]));
        if (auto st = advance(i); !st) return st.error();
    }
    return page;
}

Result<PullPage> SqliteRecordStorage::pullJoined(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit)
{
    PullPage page;
    // One reader: walk its (reader, seq) index rows in order and join each record; several: each record once, in seq
    // order.
    const std::string sql =
        readerKeyIds.size() == 1
            ? std::string("SELECT ") + kPulledColumns
                  + " FROM record_readers rr CROSS JOIN records r ON r.seq = rr.seq CROSS JOIN set_records s ON s.set_id = r.set_id AND s.seq = r.seq "
                    "WHERE rr.reader_key = ? AND rr.seq > ? ORDER BY rr.seq LIMIT ?"
            : std::string("SELECT ") + kPulledColumns
                  + " FROM records r CROSS JOIN set_records s ON s.set_id = r.set_id AND s.seq = r.seq WHERE r.seq IN (SELECT DISTINCT seq FROM "
                    "record_readers WHERE reader_key IN ("
                  + placeholders(readerKeyIds.size()) + ") AND seq > ? ORDER BY seq LIMIT ?) ORDER BY r.seq";
    Stmt st = readerKeyIds.size() <= kCachedInList ? Stmt(cached(sql)) : Stmt(m_db, sql.c_str());
    if (!st.ok()) return dbError("Preparing a pull");
    int i = bindKeyIds(st, readerKeyIds);
    st.bind(i++, afterSeq);
    st.bind(i, static_cast<std::int64_t>(limit) + 1); // one more tells whether another page exists
    std::size_t bytes = 0;
    for (;;) {
        const int rc = st.step();
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return dbError("Pulling records");
        if (!fitsPage(page, bytes, st, limit)) break;
        page.records.push_back(pulledFromRow(st));
    }
    return page;
}

Result<std::int64_t> SqliteRecordStorage::countAfter(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq)
{
    if (readerKeyIds.empty()) return std::int64_t{0};
    const std::string sql =
        "SELECT COUNT(DISTINCT seq) FROM record_readers WHERE reader_key IN (" + placeholders(readerKeyIds.size()) + ") AND seq > ?";
    Stmt st = readerKeyIds.size() <= kCachedInList ? Stmt(cached(sql)) : Stmt(m_db, sql.c_str());
    if (!st.ok()) return dbError("Preparing a count");
    st.bind(bindKeyIds(st, readerKeyIds), afterSeq);
    if (st.step() != SQLITE_ROW) return dbError("Counting records");
    return st.i64(0);
}

Status SqliteRecordStorage::addToken(const TokenHash &hash, const DeviceToken &token)
{
    Stmt st(m_db, "INSERT INTO device_tokens (token_hash, reader_key, issued_at, cert_serial, person_id) VALUES (?, ?, ?, ?, ?)");
    if (!st.ok()) return dbError("Preparing a token insert");
    st.bind(1, hash);
    st.bind(2, token.readerKeyId);
    st.bind(3, token.issuedAt);
    if (token.certificateSerial)
        st.bind(4, token.certificateSerial->bytes);
    else
        st.bindNull(4);
    if (token.personId)
        st.bind(5, token.personId->bytes);
    else
        st.bindNull(5);
    if (st.step() != SQLITE_DONE) return dbError("Storing a device token");
    return {};
}

Result<std::optional<DeviceToken>> SqliteRecordStorage::findToken(const TokenHash &hash)
{
    // A token whose certificate is revoked is refused here too: an enrollment that raced a revocation list (its
    // token written after the list withdrew the others) never yields a working token.
    Stmt st(cached("SELECT reader_key, issued_at, cert_serial, person_id FROM device_tokens t WHERE token_hash = ? "
                   "AND NOT EXISTS (SELECT 1 FROM revoked_serials r WHERE r.serial = t.cert_serial)"));
    if (!st.ok()) return dbError("Preparing a token lookup");
    st.bind(1, hash);
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<DeviceToken>{};
    if (rc != SQLITE_ROW) return dbError("Looking up a device token");
    DeviceToken t;
    t.readerKeyId = toArray<16>(st.blob(0));
    t.issuedAt = st.i64(1);
    if (!st.isNull(2)) t.certificateSerial = RecordId{toArray<16>(st.blob(2))};
    if (!st.isNull(3)) t.personId = RecordId{toArray<16>(st.blob(3))};
    return std::optional<DeviceToken>{t};
}

Result<std::int64_t> SqliteRecordStorage::recordCount()
{
    Stmt st(m_db, "SELECT COUNT(*) FROM records");
    if (!st.ok() || st.step() != SQLITE_ROW) return dbError("Counting records");
    return st.i64(0);
}

Result<bool> SqliteRecordStorage::addCertificate(const CertificateEntry &c, std::int64_t addedAtMs)
{
    Stmt st(m_db, "INSERT INTO certificates (serial, sign_key, person_id, certificate, added_at) VALUES (?, ?, ?, ?, ?) "
                  "ON CONFLICT (serial) DO NOTHING");
    if (!st.ok()) return dbError("Preparing a certificate insert");
    st.bind(1, c.serial.bytes);
    st.bind(2, c.signKeyId);
    st.bind(3, c.personId.bytes);
    st.bind(4, c.bytes);
    st.bind(5, addedAtMs);
    if (st.step() != SQLITE_DONE) return dbError("Storing a certificate");
    return sqlite3_changes(m_db) > 0;
}

Result<std::vector<HeldCertificate>> SqliteRecordStorage::certificatesFor(const std::vector<KeyId> &signKeyIds)
{
    std::vector<HeldCertificate> out;
    if (signKeyIds.empty()) return out;
    const std::string sql = "SELECT c.certificate, EXISTS (SELECT 1 FROM revoked_serials r WHERE r.serial = c.serial) "
                            "FROM certificates c WHERE c.sign_key IN ("
                            + placeholders(signKeyIds.size()) + ")";
    Stmt st = signKeyIds.size() <= kCachedInList ? Stmt(cached(sql)) : Stmt(m_db, sql.c_str());
    if (!st.ok()) return dbError("Preparing a certificate lookup");
    bindKeyIds(st, signKeyIds);
    for (;;) {
        const int rc = st.step();
        if (rc == SQLITE_DONE) return out;
        if (rc != SQLITE_ROW) return dbError("Looking up certificates");
        out.push_back(HeldCertificate{st.blob(0), st.i64(1) != 0});
    }
}

Result<std::string> SqliteRecordStorage::epoch()
{
    // Read every time (a prepared statement, no I/O once cached): each of the case store's connections must see a
    // new epoch at once.
    Stmt st(cached("SELECT epoch FROM store_epoch WHERE singleton = 1"));
    if (!st.ok() || st.step() != SQLITE_ROW) return dbError("Reading the store's epoch");
    const Bytes text = st.blob(0);
    return std::string(text.begin(), text.end());
}

Result<std::string> SqliteRecordStorage::newEpoch()
{
    Stmt st(m_db, "UPDATE store_epoch SET epoch = lower(hex(randomblob(16))) WHERE singleton = 1");
    if (!st.ok() || st.step() != SQLITE_DONE) return dbError("Giving the store a new epoch");
    return epoch();
}

Result<std::optional<Bytes>> SqliteRecordStorage::certificateBySerial(const RecordId &serial)
{
    Stmt st(cached("SELECT certificate FROM certificates WHERE serial = ?")); // every request of an enrolled device
    if (!st.ok()) return dbError("Preparing a certificate lookup");
    st.bind(1, serial.bytes);
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<Bytes>{};
    if (rc != SQLITE_ROW) return dbError("Looking up a certificate");
    return std::optional<Bytes>(st.blob(0));
}

Result<bool> SqliteRecordStorage::isRevoked(const RecordId &serial)
{
    Stmt st(cached("SELECT 1 FROM revoked_serials WHERE serial = ?"));
    if (!st.ok()) return dbError("Preparing a revocation lookup");
    st.bind(1, serial.bytes);
    const int rc = st.step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return dbError("Looking up a revocation");
    return rc == SQLITE_ROW;
}

Result<std::optional<HeldRevocations>> SqliteRecordStorage::revocations()
{
    Stmt st(m_db, "SELECT sequence, list FROM revocations WHERE singleton = 1");
    if (!st.ok()) return dbError("Preparing a revocation list lookup");
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<HeldRevocations>{};
    if (rc != SQLITE_ROW) return dbError("Reading the revocation list");
    return std::optional<HeldRevocations>{HeldRevocations{static_cast<std::uint64_t>(st.i64(0)), st.blob(1)}};
}

Result<AppliedRevocations> SqliteRecordStorage::applyRevocations(std::uint64_t sequence, std::span<const std::uint8_t> bytes,
                                                                 const std::set<RecordId> &serials, std::int64_t nowMs)
{
    // BEGIN IMMEDIATE: the list held is read and replaced under the write lock, so two posts (or two case stores
    // on one file) cannot both replace it and an older list never wins.
    Tx tx(m_db);
    if (!tx.begin()) return dbError("Starting a transaction");
    auto held = revocations();
    if (!held) return held.error();
    if (auto unchanged = unlessNewer(*held, sequence, bytes)) return *unchanged; // rolls back
    AppliedRevocations out;
    Stmt put(m_db, "INSERT INTO revocations (singleton, sequence, list, applied_at) VALUES (1, ?, ?, ?) ON CONFLICT (singleton) "
                   "DO UPDATE SET sequence = excluded.sequence, list = excluded.list, applied_at = excluded.applied_at");
    Stmt serial(m_db, "INSERT OR IGNORE INTO revoked_serials (serial) VALUES (?)");
    if (!put.ok() || !serial.ok()) return dbError("Preparing the revocation list");
    put.bind(1, static_cast<std::int64_t>(sequence));
    put.bind(2, bytes);
    put.bind(3, nowMs);
    if (put.step() != SQLITE_DONE) return dbError("Storing the revocation list");
    if (auto st = exec("DELETE FROM revoked_serials"); !st) return st.error();
    for (const RecordId &s : serials) {
        serial.reset();
        serial.bind(1, s.bytes);
        if (serial.step() != SQLITE_DONE) return dbError("Storing a revoked serial");
    }
    if (auto st = exec("DELETE FROM device_tokens WHERE cert_serial IN (SELECT serial FROM revoked_serials)"); !st) return st.error();
    out.withdrawnTokens = sqlite3_changes(m_db);
    if (!tx.commit()) return dbError("Committing the revocation list");
    out.outcome = RevocationsOutcome::Applied;
    out.heldSequence = sequence;
    return out;
}

Result<std::optional<HeldSigned>> SqliteRecordStorage::directorySnapshot()
{
    Stmt st(m_db, "SELECT sequence, snapshot FROM directory_snapshot WHERE singleton = 1");
    if (!st.ok()) return dbError("Preparing a directory lookup");
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<HeldSigned>{};
    if (rc != SQLITE_ROW) return dbError("Reading the district directory");
    return std::optional<HeldSigned>{HeldSigned{static_cast<std::uint64_t>(st.i64(0)), st.blob(1)}};
}

Result<std::optional<std::uint64_t>> SqliteRecordStorage::directorySequence()
{
    Stmt st(cached("SELECT sequence FROM directory_snapshot WHERE singleton = 1")); // every push reply and first page
    if (!st.ok()) return dbError("Preparing a directory lookup");
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<std::uint64_t>{};
    if (rc != SQLITE_ROW) return dbError("Reading the district directory");
    return std::optional<std::uint64_t>{static_cast<std::uint64_t>(st.i64(0))};
}

Result<PublishedDirectory> SqliteRecordStorage::publishDirectory(std::uint64_t sequence, std::span<const std::uint8_t> bytes, std::int64_t nowMs)
{
    Tx tx(m_db); // BEGIN IMMEDIATE: read and replaced under the write lock, as a revocation list is
    if (!tx.begin()) return dbError("Starting a transaction");
    auto held = directorySnapshot();
    if (!held) return held.error();
    if (auto unchanged = unlessNewer(*held, sequence, bytes)) return PublishedDirectory{unchanged->outcome, unchanged->heldSequence};
    Stmt put(m_db, "INSERT INTO directory_snapshot (singleton, sequence, snapshot, published_at) VALUES (1, ?, ?, ?) "
                   "ON CONFLICT (singleton) DO UPDATE SET sequence = excluded.sequence, snapshot = excluded.snapshot, "
                   "published_at = excluded.published_at");
    if (!put.ok()) return dbError("Preparing the district directory");
    put.bind(1, static_cast<std::int64_t>(sequence));
    put.bind(2, bytes);
    put.bind(3, nowMs);
    if (put.step() != SQLITE_DONE) return dbError("Storing the district directory");
    if (!tx.commit()) return dbError("Committing the district directory");
    return PublishedDirectory{RevocationsOutcome::Applied, sequence};
}

Result<bool> SqliteRecordStorage::addChallenge(const EnrollNonce &nonce, std::int64_t expiresAtMs, std::int64_t nowMs, std::int64_t maxOpen)
{
    Tx tx(m_db);
    if (!tx.begin()) return dbError("Starting a transaction");
    Stmt purge(m_db, "DELETE FROM enroll_challenges WHERE expires_at < ?");
    Stmt open(m_db, "SELECT COUNT(*) FROM enroll_challenges");
    Stmt add(m_db, "INSERT INTO enroll_challenges (nonce, expires_at) VALUES (?, ?)");
    if (!purge.ok() || !open.ok() || !add.ok()) return dbError("Preparing an enrollment challenge");
    purge.bind(1, nowMs);
    if (purge.step() != SQLITE_DONE || open.step() != SQLITE_ROW) return dbError("Counting open enrollment challenges");
    const bool room = open.i64(0) < maxOpen;
    if (room) {
        add.bind(1, nonce);
        add.bind(2, expiresAtMs);
        if (add.step() != SQLITE_DONE) return dbError("Storing an enrollment challenge");
    }
    if (!tx.commit()) return dbError("Committing an enrollment challenge");
    return room;
}

Result<bool> SqliteRecordStorage::takeChallenge(const EnrollNonce &nonce, std::int64_t nowMs)
{
    Stmt st(m_db, "DELETE FROM enroll_challenges WHERE nonce = ? RETURNING expires_at");
    if (!st.ok()) return dbError("Preparing to take an enrollment challenge");
    st.bind(1, nonce);
    const int rc = st.step();
    if (rc == SQLITE_DONE) return false;
    if (rc != SQLITE_ROW) return dbError("Taking an enrollment challenge");
    const bool fresh = st.i64(0) >= nowMs;
    if (st.step() != SQLITE_DONE) return dbError("Taking an enrollment challenge");
    return fresh;
}

namespace {

// A record by its metadata (id, grants), served as a pull serves it.
std::string recordQuery(const char *where)
{
    return std::string("SELECT ") + kPulledColumns + " FROM records r CROSS JOIN set_records s ON s.set_id = r.set_id AND s.seq = r.seq " + where;
}

} // namespace

Result<std::optional<StoredRecord>> SqliteRecordStorage::recordById(const RecordId &id)
{
    Stmt st(cached(recordQuery("WHERE r.id = ?")));
    if (!st.ok()) return dbError("Preparing a record lookup");
    st.bind(1, id.bytes);
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<StoredRecord>{};
    if (rc != SQLITE_ROW) return dbError("Looking up a record");
    return std::optional<StoredRecord>(pulledFromRow(st));
}

Result<std::vector<StoredRecord>> SqliteRecordStorage::grantsFor(const RecordId &id)
{
    // "type = 10" spelled as in the partial index, so the planner uses it.
    Stmt st(m_db, recordQuery("WHERE r.type = 10 AND r.observation_id = ? ORDER BY r.seq").c_str());
    if (!st.ok()) return dbError("Preparing a grant lookup");
    st.bind(1, id.bytes);
    std::vector<StoredRecord> out;
    for (;;) {
        const int rc = st.step();
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return dbError("Looking up grants");
        out.push_back(pulledFromRow(st));
    }
    return out;
}

Result<MediaPutOutcome> SqliteRecordStorage::putMediaPart(const RecordId &evidenceId, const MediaPartName &name, std::span<const std::uint8_t> bytes,
                                                          std::int64_t nowMs, std::int64_t maxParts)
{
    Tx tx(m_db);
    if (!tx.begin()) return dbError("Starting a transaction");
    {
        Stmt held(m_db, "SELECT 1 FROM media_parts WHERE evidence_id = ? AND name = ?");
        if (!held.ok()) return dbError("Preparing a media lookup");
        held.bind(1, evidenceId.bytes);
        held.bind(2, name);
        const int rc = held.step();
        if (rc == SQLITE_ROW) return MediaPutOutcome::Held;
        if (rc != SQLITE_DONE) return dbError("Looking up a media part");
    }
    {
        Stmt count(m_db, "SELECT COUNT(*) FROM media_parts WHERE evidence_id = ?");
        if (!count.ok()) return dbError("Preparing a media count");
        count.bind(1, evidenceId.bytes);
        if (count.step() != SQLITE_ROW) return dbError("Counting media parts");
        if (count.i64(0) >= maxParts) return MediaPutOutcome::Full;
    }
    Stmt ins(m_db, "INSERT INTO media_parts (evidence_id, name, body, stored_at) VALUES (?, ?, ?, ?)");
    if (!ins.ok()) return dbError("Preparing a media insert");
    ins.bind(1, evidenceId.bytes);
    ins.bind(2, name);
    ins.bind(3, bytes);
    ins.bind(4, nowMs);
    if (ins.step() != SQLITE_DONE) return dbError("Storing a media part");
    if (!tx.commit()) return dbError("Committing a media part");
    return MediaPutOutcome::Stored;
}

Result<std::optional<Bytes>> SqliteRecordStorage::mediaPart(const RecordId &evidenceId, const MediaPartName &name)
{
    Stmt st(m_db, "SELECT body FROM media_parts WHERE evidence_id = ? AND name = ?");
    if (!st.ok()) return dbError("Preparing a media read");
    st.bind(1, evidenceId.bytes);
    st.bind(2, name);
    const int rc = st.step();
    if (rc == SQLITE_DONE) return std::optional<Bytes>{};
    if (rc != SQLITE_ROW) return dbError("Reading a media part");
    return std::optional<Bytes>(st.blob(0));
}

Result<std::vector<MediaPartName>> SqliteRecordStorage::mediaPartNames(const RecordId &evidenceId)
{
    Stmt st(m_db, "SELECT name FROM media_parts WHERE evidence_id = ?");
    if (!st.ok()) return dbError("Preparing a media listing");
    st.bind(1, evidenceId.bytes);
    std::vector<MediaPartName> out;
    for (;;) {
        const int rc = st.step();
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return dbError("Listing media parts");
        out.push_back(toArray<32>(st.blob(0)));
    }
    return out;
}

} // namespace triad::casestore
