#include "sqlite_db.h"
#include "error_codes.h"
#include "wal_checkpointer.h"
#include "wal_write_batch.h"

#include <chrono>
#include <mutex>
#include <thread>

namespace triad::store {

namespace {
// Turns SQLite's result codes into sentences a district IT person can act on.
Error errorFor(sqlite3 *db, int rc, const std::string &what)
{
    const int primary = rc & 0xFF;
    const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    switch (primary) {
    case SQLITE_FULL: return makeError(errc::store::kDiskFull, what + ": the disk is full; nothing was saved. Free some space and try again.");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return makeError(errc::store::kCorrupt, what + ": the database file is damaged or is not a Triad store (" + detail + ").");
    case SQLITE_CANTOPEN: return makeError(errc::store::kCannotOpen, what + ": the database file cannot be opened (" + detail + ").");
    case SQLITE_READONLY:
    case SQLITE_PERM: return makeError(errc::store::kReadOnly, what + ": the store is read-only (" + detail + ").");
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return makeError(errc::store::kBusy, what + ": the store is in use by another program (" + detail + ").");
    case SQLITE_IOERR: return makeError(errc::store::kIo, what + ": a disk read or write failed (" + detail + ").");
    default: return makeError(errc::store::kSqlite, what + ": " + detail + ".");
    }
}
} // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string &path, bool create)
{
    // No memory statistics (SQLite's default keeps them under a global mutex taken on every allocation); nothing
    // here reads them. Only possible before SQLite starts: a no-op if something in the process started it already.
    static std::once_flag noMemStatus;
    std::call_once(noMemStatus, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    sqlite3 *db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    // The log's frames reach the file in one write per commit (sqlite/wal_write_batch.h, docs/storage.md).
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, sqlite::walWriteBatchVfs());
    if (rc != SQLITE_OK) {
        Error e = errorFor(db, rc, "Opening " + path);
        sqlite3_close(db);
        return e;
    }
    sqlite3_extended_result_codes(db, 1);
    std::unique_ptr<Database> d(new Database(db, path));
    // WAL + synchronous=FULL: every commit fsyncs the WAL before it returns, so a note the user saw saved survives
    // kill -9 and power loss (docs/storage.md). NORMAL would survive a crash but could lose the last commits on
    // power loss. busy_timeout lets triadctl and the app share the file; it comes first, so that switching a new
    // file to WAL (an exclusive lock) waits for another opener instead of failing with "database is locked".
    // No cache spill: SQLite 3.40 (Debian 12's) can commit frames a crash's recovery refuses when a transaction spilled
    // pages, wrote them again and then rolled a statement back (docs/storage.md "Durability setting"); without spills
    // every frame of a transaction is written at its commit. The store's transactions are bounded (a pull page at most).
    for (const char *pragma : {"PRAGMA busy_timeout=5000", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                               "PRAGMA secure_delete=ON", "PRAGMA cache_spill=OFF"}) {
        if (auto s = d->exec(pragma); !s) return s.error();
    }
    auto mode = d->prepare("PRAGMA journal_mode");
    if (!mode) return mode.error();
    auto row = (*mode)->step();
    if (!row) return row.error();
    if (!*row || (*mode)->columnText(0) != "wal")
        return makeError(errc::store::kNoWal, "The store at " + path + " cannot use write-ahead logging on this file system.");
    return d;
}

Database::Database(sqlite3 *db, std::string path) : m_db(db), m_path(std::move(path)) {}

Database::~Database()
{
    m_checkpointer.reset(); // unhooked, after a checkpoint under way
    m_cache.clear(); // finalise before closing
    sqlite3_close_v2(m_db);
}

Status Database::checkpointInBackground(int walPages)
{
    if (m_checkpointer) return {};
    std::string why;
    m_checkpointer = sqlite::WalCheckpointer::start(m_db, walPages, why);
    if (!m_checkpointer) return makeError(errc::store::kSqlite, "Checkpoints stay in the commits of " + m_path + ": " + why + ".");
    return {};
}

Status Database::checkpoint(CheckpointMode mode)
{
    int sqliteMode = -1; // every mode is named below (-Wswitch); a value outside them is refused
    switch (mode) {
    case CheckpointMode::Passive: sqliteMode = SQLITE_CHECKPOINT_PASSIVE; break;
    case CheckpointMode::Full: sqliteMode = SQLITE_CHECKPOINT_FULL; break;
    case CheckpointMode::Restart: sqliteMode = SQLITE_CHECKPOINT_RESTART; break;
    case CheckpointMode::Truncate: sqliteMode = SQLITE_CHECKPOINT_TRUNCATE; break;
    }
    if (sqliteMode < 0) return makeError(errc::store::kSqlite, "There is no such checkpoint mode.");
    std::unique_lock<std::mutex> ours;
    if (m_checkpointer) ours = std::unique_lock(m_checkpointer->running()); // this connection's thread: wait for it
    // Another connection's checkpoint (the sync worker's thread, triadctl) holds the checkpoint lock without a busy
    // handler, and SQLite answers "busy" at once: wait for it too, up to two seconds. Readers and the writer are
    // waited for by SQLite itself (FULL, RESTART, TRUNCATE); "busy" after all that means the log was not all copied
    // (and for TRUNCATE, not emptied), and is said so: the PRAGMA form reported it only in a row nobody read.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    int rc = SQLITE_OK;
    for (;;) {
        rc = sqlite3_wal_checkpoint_v2(m_db, "main", sqliteMode, nullptr, nullptr);
        if (rc != SQLITE_BUSY || std::chrono::steady_clock::now() >= until) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (rc != SQLITE_OK) return errorFor(m_db, rc, "Copying the write-ahead log of " + m_path + " into the file");
    return {};
}

Database::CheckpointCounts Database::checkpointCounts() const { return m_checkpointer ? m_checkpointer->counts() : CheckpointCounts{}; }

Result<StatementLease> Database::cached(const std::string &sql)
{
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        auto st = prepare(sql);
        if (!st) return st.error();
        it = m_cache.emplace(sql, std::move(*st)).first;
    }
    it->second->reset();
    return StatementLease(it->second.get());
}

Status Database::exec(const std::string &sql)
{
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &msg);
    sqlite3_free(msg);
    if (rc != SQLITE_OK) return errorFor(m_db, rc, "Store operation failed");
    return {};
}

Result<std::unique_ptr<Statement>> Database::prepare(const std::string &sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return errorFor(m_db, rc, "Preparing a store query");
    return std::make_unique<Statement>(*this, stmt);
}

namespace {

// The first column of the first row of `st`, stepped once.
Result<std::int64_t> firstInt(Statement &st, const std::string &sql)
{
    auto row = st.step();
    if (!row) return row.error();
    if (!*row) return makeError(errc::store::kSqlite, "Query returned no row: " + sql);
    return st.columnInt(0);
}

} // namespace

Result<std::int64_t> Database::queryInt(const std::string &sql)
{
    auto st = prepare(sql);
    if (!st) return st.error();
    return firstInt(**st, sql);
}

Result<std::int64_t> Database::cachedInt(const std::string &sql)
{
    auto st = cached(sql);
    if (!st) return st.error();
    return firstInt(**st, sql);
}

Error Database::lastError(const std::string &what) const { return errorFor(m_db, sqlite3_errcode(m_db), what); }

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement &Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return *this;
}
Statement &Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}
Statement &Statement::bind(int index, std::span<const std::uint8_t> blob)
{
    sqlite3_bind_blob64(m_stmt, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
    return *this;
}
Statement &Statement::bind(int index, const std::string &text)
{
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}
Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Error e = errorFor(sqlite3_db_handle(m_stmt), rc, "Store operation failed");
    sqlite3_reset(m_stmt);
    return e;
}

Status Statement::run()
{
    auto r = step();
    sqlite3_reset(m_stmt);
    if (!r) return r.error();
    return {};
}

std::int64_t Statement::columnInt(int i) const { return sqlite3_column_int64(m_stmt, i); }
std::vector<std::uint8_t> Statement::columnBlob(int i) const
{
    const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(m_stmt, i));
    const int n = sqlite3_column_bytes(m_stmt, i);
    return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>{};
}
std::string Statement::columnText(int i) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i))) : std::string{};
}
bool Statement::columnIsNull(int i) const { return sqlite3_column_type(m_stmt, i) == SQLITE_NULL; }

Transaction::~Transaction()
{
    if (m_open) (void)m_db.exec("ROLLBACK");
}
namespace {
// Runs a cached BEGIN (a write transaction's or a read snapshot's) unless the connection is already inside one, which
// then stays the caller's: `open` tells whether this one began it. BEGIN and COMMIT are statements prepared once per
// connection: a note save is one transaction, and parsing both again for every save was measurable next to a bare
// commit (docs/benchmarks.md "Note save").
Status beginUnlessInside(Database &db, const char *begin, bool &open)
{
    if (!sqlite3_get_autocommit(db.handle())) return {}; // inside the caller's transaction
    auto st = db.cached(begin);
    if (!st) return st.error();
    if (auto s = (*st)->run(); !s) return s;
    open = true;
    return {};
}
} // namespace

Status Transaction::begin() { return beginUnlessInside(m_db, "BEGIN IMMEDIATE", m_open); }
Status Transaction::commit()
{
    if (!m_open) return {}; // the caller's transaction: the caller commits
    auto st = m_db.cached("COMMIT");
    if (!st) return st.error();
    if (auto s = (*st)->run(); !s) return s;
    m_open = false;
    return {};
}

Status ReadSnapshot::begin() { return beginUnlessInside(m_db, "BEGIN", m_open); }
void ReadSnapshot::end()
{
    if (!m_open) return;
    m_open = false;
    if (auto st = m_db.cached("COMMIT"); !st || !(*st)->run()) (void)m_db.exec("ROLLBACK"); // nothing written: either ends it
}

} // namespace triad::store
