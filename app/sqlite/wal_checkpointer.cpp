#include "wal_checkpointer.h"
#include "wal_write_batch.h"

#include <system_error>

namespace triad::sqlite {

std::unique_ptr<WalCheckpointer> WalCheckpointer::start(sqlite3 *committer, int walPages, std::string &why)
{
    if (walPages < 1) {
        why = "a checkpoint needs a log size of at least one page";
        return nullptr;
    }
    const char *file = sqlite3_db_filename(committer, "main");
    if (!file || !*file) {
        why = "a database without a file has no log to checkpoint";
        return nullptr;
    }
    sqlite3 *own = nullptr;
    int rc = sqlite3_open_v2(file, &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, walWriteBatchVfs());
    // The checkpoint fsyncs the database file before the log is reused, as SQLite's own does with FULL.
    if (rc == SQLITE_OK) rc = sqlite3_exec(own, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        why = std::string("opening ") + file + " for checkpoints: " + (own ? sqlite3_errmsg(own) : sqlite3_errstr(rc));
        sqlite3_close(own);
        return nullptr;
    }
    std::unique_ptr<WalCheckpointer> c;
    try {
        c.reset(new WalCheckpointer(committer, own, walPages));
    } catch (const std::system_error &e) { // no thread to be had (a process or thread limit)
        why = std::string("starting the checkpoint thread: ") + e.what();
        sqlite3_close(own);
        return nullptr;
    }
    sqlite3_wal_hook(committer, &WalCheckpointer::afterCommit, c.get()); // replaces the autocheckpoint
    return c;
}

WalCheckpointer::WalCheckpointer(sqlite3 *committer, sqlite3 *own, int walPages)
    : m_committer(committer), m_db(own), m_walPages(walPages), m_thread([this] { run(); })
{}

WalCheckpointer::~WalCheckpointer()
{
    sqlite3_wal_autocheckpoint(m_committer, m_walPages); // replaces this hook: SQLite copies inside commits again
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    sqlite3_close_v2(m_db);
}

// SQLite's WAL hook, on the committing thread after each commit: asks for a checkpoint and returns at once.
int WalCheckpointer::afterCommit(void *self, sqlite3 *, const char *, int walPages)
{
    auto *c = static_cast<WalCheckpointer *>(self);
    if (walPages < c->m_walPages) return SQLITE_OK;
    {
        std::lock_guard lock(c->m_mutex);
        ++c->m_counts.requested;
        c->m_wanted = true;
    }
    c->m_wake.notify_one();
    if (walPages / kCeiling >= c->m_walPages) {
        // The backstop (see start()): after the thread's copy under way, what is left, on this connection, as SQLite's
        // own autocheckpoint does from this hook. A refusal (another process's checkpoint) leaves it to the next one.
        std::lock_guard running(c->m_running);
        (void)sqlite3_wal_checkpoint_v2(c->m_committer, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        std::lock_guard lock(c->m_mutex);
        ++c->m_counts.inCommit;
    }
    return SQLITE_OK;
}

WalCheckpointer::Counts WalCheckpointer::counts() const
{
    std::lock_guard lock(m_mutex);
    return m_counts;
}

void WalCheckpointer::run()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || m_wanted; });
            if (m_stopping) return;
            m_wanted = false;
        }
        int rc = SQLITE_OK;
        {
            std::lock_guard running(m_running);
            rc = sqlite3_wal_checkpoint_v2(m_db, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        }
        std::lock_guard lock(m_mutex);
        ++(rc == SQLITE_OK ? m_counts.done : m_counts.failed);
    }
}

} // namespace triad::sqlite
