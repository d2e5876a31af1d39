// A thin RAII layer over the SQLite C API. The hot path (note save) uses prepared statements kept for the life of
// the connection, so a note costs one seal plus one durable commit.
#pragma once

#include "result.h"
#include "wal_checkpointer.h"

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace triad::store {

class Statement;
class StatementLease;

class Database {
public:
    // Opens (creating if asked) and applies the connection pragmas: WAL, synchronous=FULL, foreign keys, busy timeout.
    static Result<std::unique_ptr<Database>> open(const std::string &path, bool create);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Status exec(const std::string &sql);
    Result<std::unique_ptr<Statement>> prepare(const std::string &sql);
    // A statement prepared once per connection and reused; the lease resets it when it goes out of scope, so no
    // read transaction is left open by a half-read result.
    Result<StatementLease> cached(const std::string &sql);
    Result<std::int64_t> queryInt(const std::string &sql);
    // queryInt through cached(): for a fixed query asked often (every sync, every seal), not prepared each time.
    Result<std::int64_t> cachedInt(const std::string &sql);
    Error lastError(const std::string &what) const;
    sqlite3 *handle() { return m_db; }
    const std::string &path() const { return m_path; }

    // Copies the write-ahead log into the database file on a thread of its own, over a connection of its own, once
    // a commit on this connection leaves `walPages` pages or more in the log, instead of inside that commit (SQLite's
    // autocheckpoint, which this turns off for this connection): no save waits for a checkpoint (sqlite/
    // wal_checkpointer.h, docs/storage.md "Checkpoints"). If the second connection cannot be opened, the error is
    // returned and SQLite's autocheckpoint stays on. A second call changes nothing.
    Status checkpointInBackground(int walPages = 1000);
    // Whether checkpointInBackground() started the thread (false also when it could not: SQLite's autocheckpoint).
    bool checkpointsInBackground() const { return m_checkpointer != nullptr; }
    // SQLite's checkpoint modes (sqlite3_wal_checkpoint_v2): Passive copies what it can without waiting; Full waits
    // for the writer and readers and copies all; Restart also waits until the next writer can start the log again;
    // Truncate also empties the log file.
    enum class CheckpointMode { Passive, Full, Restart, Truncate };
    // A checkpoint run now on this connection. It waits for this connection's background checkpoint, and up to two
    // seconds for another connection's (SQLite refuses a second checkpoint as busy at once); "busy" after that is an
    // error (errc::store::kBusy).
    Status checkpoint(CheckpointMode mode);
    using CheckpointCounts = sqlite::WalCheckpointer::Counts; // all zero without the thread
    CheckpointCounts checkpointCounts() const;

private:
    Database(sqlite3 *db, std::string path);
    sqlite3 *m_db;
    std::string m_path;
    std::map<std::string, std::unique_ptr<Statement>> m_cache;
    std::unique_ptr<sqlite::WalCheckpointer> m_checkpointer; // stopped (and its connection closed) before m_db closes
};

class Statement {
public:
    Statement(Database &db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &reset();
    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, std::span<const std::uint8_t> blob);
    Statement &bind(int index, const std::string &text);
    Statement &bindNull(int index);
    // SQLITE_ROW → true, SQLITE_DONE → false; any other code is an error.
    Result<bool> step();
    Status run(); // step once, expecting no rows

    std::int64_t columnInt(int i) const;
    std::vector<std::uint8_t> columnBlob(int i) const;
    std::string columnText(int i) const;
    bool columnIsNull(int i) const;

private:
    Database &m_db;
    sqlite3_stmt *m_stmt;
};

class StatementLease {
public:
    explicit StatementLease(Statement *s) : m_s(s) {}
    StatementLease(StatementLease &&o) noexcept : m_s(std::exchange(o.m_s, nullptr)) {}
    StatementLease(const StatementLease &) = delete;
    StatementLease &operator=(const StatementLease &) = delete;
    StatementLease &operator=(StatementLease &&) = delete;
    ~StatementLease()
    {
        if (m_s) m_s->reset();
    }
    Statement *operator->() { return m_s; }
    Statement &operator*() { return *m_s; }

private:
    Statement *m_s;
};

// A write transaction (BEGIN IMMEDIATE … COMMIT), rolled back if not committed. Begun while the caller already has
// one open on the connection, it joins that one: commit() and rolling back are then the caller's.
class Transaction {
public:
    explicit Transaction(Database &db) : m_db(db) {}
    ~Transaction();
    Status begin();
    Status commit();

private:
    Database &m_db;
    bool m_open = false;
};

// A read snapshot (BEGIN … COMMIT) for a loop of reads: each statement run outside a transaction takes and drops
// its own WAL read lock (a few fcntl calls and shared-memory reads), which cost as much as the lookups themselves in
// the sync's check of which pulled records are held already (docs/benchmarks.md). Inside the caller's transaction it
// does nothing. Ended by end() or when it goes out of scope; never blocks a writer (WAL).
class ReadSnapshot {
public:
    explicit ReadSnapshot(Database &db) : m_db(db) {}
    ~ReadSnapshot() { end(); }
    Status begin();
    void end();

private:
    Database &m_db;
    bool m_open = false;
};

} // namespace triad::store
