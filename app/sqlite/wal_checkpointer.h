// Checkpoints of an SQLite write-ahead log on a thread of their own, over a connection of their own, instead of
// inside the commit that leaves the log at its size (SQLite's autocheckpoint). Used by the device's store
// (store::Database::checkpointInBackground, docs/storage.md "Checkpoints") and by the case store's writer connection
// (docs/deployment.md): no commit waits for a thousand pages to be copied and the database file fsynced.
//
// The checkpoints are PASSIVE: they wait for no one (no busy handler), and a commit during one appends to the log as
// before. While one copies, a write cannot start the log again from its beginning; the first write after a checkpoint
// that copied all of it does (hence the backstop below). Durability does not change: each commit is durable by its own fsync of the log, and the checkpoint's
// connection (synchronous=FULL) fsyncs the database file before the log is reused.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace triad::sqlite {

class WalCheckpointer {
public:
    struct Counts {
        std::int64_t requested = 0; // commits that left the log at or above the size
        std::int64_t done = 0;      // the thread's checkpoints finished (whether or not they copied every page)
        std::int64_t failed = 0;    // the thread's checkpoints SQLite refused (busy, I/O); the next commit asks again
        std::int64_t inCommit = 0;  // copies a commit made itself at the ceiling (the thread had not caught up)
    };

    // Opens a second connection to `committer`'s main database file and becomes `committer`'s WAL hook, which turns
    // its autocheckpoint off. `committer` must outlive the checkpointer. On failure returns nothing and says why in
    // `why` (no secrets: the file's path and SQLite's message); `committer` keeps its autocheckpoint.
    //
    // The log is started again from its beginning only by a write that finds all of it copied, so under writes that
    // follow each other without a pause (a burst of pushes, a large pull applied page after page) the thread's copies
    // never quite catch up and the log would grow for as long as they last. Backstop: a commit that leaves the log at
    // kCeiling times `walPages` or more copies what is left itself, inside that commit, after any copy the thread has
    // under way (most of the log is copied by then), so the next write starts the log again.
    static constexpr int kCeiling = 4;
    static std::unique_ptr<WalCheckpointer> start(sqlite3 *committer, int walPages, std::string &why);
    // Gives the committer SQLite's autocheckpoint back, waits for a checkpoint under way, closes the connection. A
    // checkpoint asked for and not started is left to the committer (or the last connection's close).
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Held while a checkpoint runs: a checkpoint asked for on another connection takes it to wait for this one
    // instead of being refused as busy.
    std::mutex &running() { return m_running; }
    Counts counts() const;

private:
    WalCheckpointer(sqlite3 *committer, sqlite3 *own, int walPages);
    static int afterCommit(void *self, sqlite3 *, const char *, int walPages);
    void run();

    sqlite3 *m_committer;
    sqlite3 *m_db; // only the thread uses it, until the destructor closes it after the join
    const int m_walPages;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::mutex m_running;
    Counts m_counts;
    bool m_wanted = false;
    bool m_stopping = false;
    std::thread m_thread; // last: started once everything above is made
};

} // namespace triad::sqlite
