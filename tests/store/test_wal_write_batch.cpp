// One write per commit into the write-ahead log (sqlite/wal_write_batch.h, docs/storage.md "One write per commit"):
// a transaction's frames reach the file in one write at its commit frame, before the commit is published, whatever
// the synchronous level; SQLite's reads of frames it wrote, large transactions that spill and roll back, and another
// connection through SQLite's own VFS all see what they would without it; a write the disk refuses fails the commit
// and loses nothing committed. (kill -9 during note saves, through this VFS: test_crash.)
#include "wal_write_batch.h"

#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <csignal>
#include <cstdint>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace triad;

namespace {

// A raw connection, through the batching VFS or (vfs = nullptr) SQLite's default.
struct Conn {
    sqlite3 *db = nullptr;
    Conn(const std::string &path, const char *vfs)
    {
        REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs) == SQLITE_OK);
        sqlite3_busy_timeout(db, 5000);
    }
    ~Conn() { sqlite3_close(db); }
    int exec(const std::string &sql) { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
    void ok(const std::string &sql)
    {
        INFO(sql << ": " << sqlite3_errmsg(db));
        REQUIRE(exec(sql) == SQLITE_OK);
    }
    std::int64_t one(const std::string &sql)
    {
        sqlite3_stmt *st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        const int rc = sqlite3_step(st);
        INFO(sql << ": " << sqlite3_errmsg(db) << " (extended " << sqlite3_extended_errcode(db) << ")");
        REQUIRE(rc == SQLITE_ROW);
        const std::int64_t v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return v;
    }
    std::string text(const std::string &sql)
    {
        sqlite3_stmt *st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        std::string v = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    }
};

// Rows of `bytes` random bytes each (randomblob: pages that do not compress into each other), `n` of them in one
// transaction.
void insertRows(Conn &c, int n, int bytes)
{
    c.ok("BEGIN");
    for (int i = 0; i < n; ++i) c.ok("INSERT INTO t (body) VALUES (randomblob(" + std::to_string(bytes) + "))");
    c.ok("COMMIT");
}

// A table `t` in a database whose journal is a write-ahead log, at the synchronous level given.
void walTable(Conn &c, const std::string &synchronous = "FULL")
{
    c.ok("PRAGMA journal_mode=WAL");
    c.ok("PRAGMA synchronous=" + synchronous);
    c.ok("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
}

std::int64_t fileSize(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : -1;
}

sqlite::WalWriteBatchCounts since(const sqlite::WalWriteBatchCounts &before)
{
    const auto now = sqlite::walWriteBatchCounts();
    return {now.heldWrites - before.heldWrites, now.flushes - before.flushes, now.commitFlushes - before.commitFlushes,
            now.barrierFlushes - before.barrierFlushes, now.failedFlushes - before.failedFlushes};
}

} // namespace

TEST_CASE("A transaction reaches the log in one write at its commit frame, before another connection can see it", "[store][wal]")
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("batch.db").toStdString();
    REQUIRE(sqlite::walWriteBatchVfs() != nullptr);
    Conn writer(path, sqlite::walWriteBatchVfs());
    walTable(writer);
    writer.ok("CREATE INDEX t_body ON t (body)"); // a second b-tree: several pages per transaction
    insertRows(writer, 1, 100);                    // the log's header is written (and synced) once, here
    Conn reader(path, nullptr);                    // SQLite's own VFS, reading the same files

    const auto before = sqlite::walWriteBatchCounts();
    const int commits = 40;
    const std::int64_t frameBytes = 24 + writer.one("PRAGMA page_size");
    std::int64_t logBytes = fileSize(path + "-wal");
    for (int i = 1; i <= commits; ++i) {
        insertRows(writer, 3, 1500);
        // Every byte of the transaction is in the file when COMMIT returns: the log grew by whole frames.
        const std::int64_t now = fileSize(path + "-wal");
        CHECK(now > logBytes);
        CHECK((now - 32) % frameBytes == 0);
        logBytes = now;
        CHECK(reader.one("SELECT count(*) FROM t") == 1 + 3 * i);
    }
    const auto d = since(before);
    CHECK(d.commitFlushes == commits);
    CHECK(d.flushes == commits);   // one write per transaction …
    CHECK(d.heldWrites >= 2 * 3 * commits); // … for at least three frames of two writes each
    CHECK(d.barrierFlushes == 0);  // never found unwritten when the commit is published
    CHECK(d.failedFlushes == 0);
    CHECK(reader.text("PRAGMA integrity_check") == "ok");
    CHECK(writer.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("Without a sync at commit (synchronous=NORMAL) each commit is still written before it is published", "[store][wal]")
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("normal.db").toStdString();
    Conn writer(path, sqlite::walWriteBatchVfs());
    walTable(writer, "NORMAL");
    Conn other(path, nullptr);
    const auto before = sqlite::walWriteBatchCounts();
    std::int64_t expected = 0;
    for (int round = 0; round < 6; ++round) {
        for (int i = 0; i < 20; ++i) {
            insertRows(writer, 2, 900);
            expected += 2;
            REQUIRE(other.one("SELECT count(*) FROM t") == expected);
            REQUIRE(other.one("SELECT count(*) FROM t WHERE length(body) = 900") == expected);
        }
        // The other connection copies the log into the database and starts it again: what it copies was written.
        other.ok("PRAGMA wal_checkpoint(TRUNCATE)");
        CHECK(fileSize(path + "-wal") == 0);
    }
    const auto d = since(before);
    CHECK(d.commitFlushes == 120);
    CHECK(d.barrierFlushes == 0);
    CHECK(other.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("A transaction too large for the page cache spills frames it reads back, rolls back, and the next one commits", "[store][wal]")
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("spill.db").toStdString();
    {
        Conn writer(path, sqlite::walWriteBatchVfs());
        walTable(writer);
        writer.ok("PRAGMA cache_size=-64"); // 64 KiB: a 2 MB transaction writes frames long before its commit
        insertRows(writer, 10, 500);

        writer.ok("BEGIN");
        for (int i = 0; i < 500; ++i) writer.ok("INSERT INTO t (body) VALUES (zeroblob(4000))");
        // Read back inside the transaction: pages that left the cache come from the frames written (or held) so far.
        CHECK(writer.one("SELECT count(*) FROM t") == 510);
        CHECK(writer.one("SELECT sum(length(body)) FROM t") == 10 * 500 + 500 * 4000);
        writer.ok("ROLLBACK");
        CHECK(writer.one("SELECT count(*) FROM t") == 10);

        // The next transactions write over the rolled-back frames, one small and one that spills again, committed.
        insertRows(writer, 5, 700);
        writer.ok("BEGIN");
        for (int i = 0; i < 300; ++i) writer.ok("INSERT INTO t (body) VALUES (zeroblob(3000))");
        writer.ok("COMMIT");
        Conn other(path, nullptr);
        CHECK(other.one("SELECT count(*) FROM t") == 315);
        CHECK(other.one("SELECT sum(length(body)) FROM t") == 10 * 500 + 5 * 700 + 300 * 3000);
        CHECK(other.text("PRAGMA integrity_check") == "ok");
    }
    // Reopened by SQLite's own VFS after every connection closed: the log as the file holds it is the database.
    Conn again(path, nullptr);
    CHECK(again.one("SELECT count(*) FROM t") == 315);
    CHECK(again.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("A commit the disk refuses fails as SQLite's own would, and nothing committed before it is lost", "[store][wal]")
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("full.db").toStdString();
    {
        Conn setup(path, sqlite::walWriteBatchVfs());
        walTable(setup);
        insertRows(setup, 20, 1000);
        setup.ok("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    // In a child process, so the file size limit (the disk's "no room") touches nothing else: a 1 MB transaction
    // cannot fit under it and its one write at the commit frame fails.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit {256 * 1024, 256 * 1024};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(10);
        sqlite3 *db = nullptr;
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, sqlite::walWriteBatchVfs()) != SQLITE_OK) ::_exit(11);
        sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
        if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) ::_exit(12);
        for (int i = 0; i < 250; ++i)
            if (sqlite3_exec(db, "INSERT INTO t (body) VALUES (randomblob(4000))", nullptr, nullptr, nullptr) != SQLITE_OK) ::_exit(13);
        const int rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK) ::_exit(14);
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr); // if SQLite left the transaction open
        // The same connection goes on: the refused rows are not there, a small commit that fits succeeds.
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &st, nullptr);
        const bool twenty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == 20;
        sqlite3_finalize(st);
        if (!twenty) ::_exit(15);
        if (sqlite::walWriteBatchCounts().failedFlushes < 1) ::_exit(16);
        if (sqlite3_exec(db, "INSERT INTO t (body) VALUES (randomblob(100))", nullptr, nullptr, nullptr) != SQLITE_OK) ::_exit(17);
        sqlite3_close(db);
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0); // 13–17: which step went otherwise (see above)
    Conn after(path, nullptr);
    CHECK(after.one("SELECT count(*) FROM t") == 21);
    CHECK(after.one("SELECT count(*) FROM t WHERE length(body) = 4000") == 0);
    CHECK(after.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("A log without shared memory (exclusive locking mode) is written through as SQLite asks", "[store][wal]")
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("exclusive.db").toStdString();
    Conn c(path, sqlite::walWriteBatchVfs());
    c.ok("PRAGMA locking_mode=EXCLUSIVE"); // before the log is first used: SQLite then keeps its index in heap memory
    walTable(c);
    const auto before = sqlite::walWriteBatchCounts();
    insertRows(c, 10, 2000);
    const auto d = since(before);
    CHECK(d.heldWrites == 0);
    CHECK(d.flushes == 0);
    CHECK(c.one("SELECT count(*) FROM t") == 10);
    CHECK(c.text("PRAGMA integrity_check") == "ok");
}
