// One write per commit into the write-ahead log (sqlite/wal_write_batch.h, docs/storage.md "One write per commit"):
// a transaction's frames reach the file in one write at its commit frame, before the commit is published, whatever
// the synchronous level; SQLite's reads of frames it wrote, large transactions that spill and roll back, and another
// connection through SQLite's own VFS all see what they would without it; a write the disk refuses fails the commit
// and loses nothing committed. (kill -9 during note saves, through this VFS: test_crash.)
#include "sqlite_db.h"
#include "wal_write_batch.h"

#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <csignal>
#include <cstdint>
#include <filesystem>
#include <functional>
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

// The database and its log as a kill -9 would leave them (no wal-index), copied to `copy`: what SQLite recovers from
// the log there is what survived.
std::string crashCopy(const std::string &path, const std::string &copy)
{
    namespace fs = std::filesystem;
    for (const char *suffix : {"", "-wal", "-shm"}) fs::remove(copy + suffix);
    fs::copy_file(path, copy);
    if (fs::exists(path + "-wal")) fs::copy_file(path + "-wal", copy + "-wal");
    return copy;
}

// A VFS over SQLite's own whose writes into a log fail while `failLogWrite` says so (the bytes, their length, their
// offset → an SQLite error code, or 0 to write them), and the batching VFS over it: the disk refusing a write.
std::function<int(const unsigned char *, int, sqlite3_int64)> failLogWrite;
struct FaultyFile {
    sqlite3_file base;
    sqlite3_file *real;
    bool log;
};
sqlite3_vfs *g_unix = nullptr;
sqlite3_io_methods g_faultyMethods;
sqlite3_file *realOf(sqlite3_file *p) { return reinterpret_cast<FaultyFile *>(p)->real; }

const char *faultyBatchVfs()
{
    static const char *name = [] () -> const char * {
        static sqlite3_vfs faulty;
        g_unix = sqlite3_vfs_find("unix");
        faulty = *g_unix;
        faulty.zName = "triad-test-faulty";
        faulty.pNext = nullptr;
        faulty.szOsFile = static_cast<int>(sizeof(FaultyFile)) + g_unix->szOsFile;
        g_faultyMethods = sqlite3_io_methods{
            3,
            [](sqlite3_file *p) { return realOf(p)->pMethods->xClose(realOf(p)); },
            [](sqlite3_file *p, void *b, int n, sqlite3_int64 at) { return realOf(p)->pMethods->xRead(realOf(p), b, n, at); },
            [](sqlite3_file *p, const void *b, int n, sqlite3_int64 at) {
                if (reinterpret_cast<FaultyFile *>(p)->log && failLogWrite)
                    if (const int rc = failLogWrite(static_cast<const unsigned char *>(b), n, at)) return rc;
                return realOf(p)->pMethods->xWrite(realOf(p), b, n, at);
            },
            [](sqlite3_file *p, sqlite3_int64 size) { return realOf(p)->pMethods->xTruncate(realOf(p), size); },
            [](sqlite3_file *p, int flags) { return realOf(p)->pMethods->xSync(realOf(p), flags); },
            [](sqlite3_file *p, sqlite3_int64 *size) { return realOf(p)->pMethods->xFileSize(realOf(p), size); },
            [](sqlite3_file *p, int l) { return realOf(p)->pMethods->xLock(realOf(p), l); },
            [](sqlite3_file *p, int l) { return realOf(p)->pMethods->xUnlock(realOf(p), l); },
            [](sqlite3_file *p, int *out) { return realOf(p)->pMethods->xCheckReservedLock(realOf(p), out); },
            [](sqlite3_file *p, int op, void *arg) { return realOf(p)->pMethods->xFileControl(realOf(p), op, arg); },
            [](sqlite3_file *p) { return realOf(p)->pMethods->xSectorSize(realOf(p)); },
            [](sqlite3_file *p) { return realOf(p)->pMethods->xDeviceCharacteristics(realOf(p)); },
            [](sqlite3_file *p, int r, int size, int extend, void volatile **out) { return realOf(p)->pMethods->xShmMap(realOf(p), r, size, extend, out); },
            [](sqlite3_file *p, int offset, int n, int flags) { return realOf(p)->pMethods->xShmLock(realOf(p), offset, n, flags); },
            [](sqlite3_file *p) { realOf(p)->pMethods->xShmBarrier(realOf(p)); },
            [](sqlite3_file *p, int deleteFlag) { return realOf(p)->pMethods->xShmUnmap(realOf(p), deleteFlag); },
            [](sqlite3_file *p, sqlite3_int64 at, int n, void **out) { return realOf(p)->pMethods->xFetch(realOf(p), at, n, out); },
            [](sqlite3_file *p, sqlite3_int64 at, void *page) { return realOf(p)->pMethods->xUnfetch(realOf(p), at, page); }};
        faulty.xOpen = [](sqlite3_vfs *, sqlite3_filename file, sqlite3_file *p, int flags, int *outFlags) {
            auto *f = reinterpret_cast<FaultyFile *>(p);
            f->real = reinterpret_cast<sqlite3_file *>(f + 1);
            f->log = (flags & SQLITE_OPEN_WAL) != 0;
            const int rc = g_unix->xOpen(g_unix, file, f->real, flags, outFlags);
            f->base.pMethods = rc == SQLITE_OK ? &g_faultyMethods : nullptr;
            return rc;
        };
        if (sqlite3_vfs_register(&faulty, 0) != SQLITE_OK) return nullptr;
        return sqlite::registerWalWriteBatchVfsOver("triad-test-batch-over-faulty", &faulty) ? "triad-test-batch-over-faulty" : nullptr;
    }();
    return name;
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

TEST_CASE("A transaction rolled back after spilling leaves nothing to be written later over another connection's commit", "[store][wal]")
{
    for (const char *synchronous : {"FULL", "NORMAL"}) {
        DYNAMIC_SECTION("synchronous=" << synchronous)
        {
            QTemporaryDir dir;
            const std::string path = dir.filePath("rollback.db").toStdString();
            Conn a(path, sqlite::walWriteBatchVfs());
            walTable(a, synchronous);
            insertRows(a, 1, 100);
            Conn b(path, nullptr);
            b.ok("PRAGMA wal_checkpoint(TRUNCATE)"); // both write from the log's start
            a.ok("PRAGMA cache_size=10");
            const auto before = sqlite::walWriteBatchCounts();
            a.ok("BEGIN");
            for (int i = 0; i < 25; ++i) a.ok("INSERT INTO t (body) VALUES (randomblob(3000))"); // frames spilled, held
            a.ok("ROLLBACK");
            insertRows(b, 40, 3000); // over the same offsets of the log, through SQLite's own VFS
            CHECK(b.text("PRAGMA integrity_check") == "ok");
            // A reads (its barrier, its reads of the log) and writes again: nothing of its rolled-back frames lands.
            CHECK(a.one("SELECT count(*) FROM t") == 41);
            insertRows(a, 2, 500);
            CHECK(b.one("SELECT count(*) FROM t") == 43);
            CHECK(since(before).barrierFlushes == 0);
            Conn c(crashCopy(path, dir.filePath("crash.db").toStdString()), nullptr);
            CHECK(c.one("SELECT count(*) FROM t") == 43);
            CHECK(c.text("PRAGMA integrity_check") == "ok");
        }
    }
}

TEST_CASE("Commits past the most held at once, with 4 KiB and 64 KiB pages, are written at their commit frame", "[store][wal]")
{
    for (const int pageSize : {4096, 65536}) {
        DYNAMIC_SECTION("page size " << pageSize)
        {
            QTemporaryDir dir;
            const std::string path = dir.filePath("sizes.db").toStdString();
            Conn a(path, sqlite::walWriteBatchVfs());
            a.ok("PRAGMA page_size=" + std::to_string(pageSize));
            walTable(a, "NORMAL"); // no sync at commit: only the commit frame's write puts the transaction in the file
            const auto before = sqlite::walWriteBatchCounts();
            // 1 to 40 rows of a page each: commits of about as many frames, around the 31 frames held at most.
            std::int64_t rows = 0;
            for (int n = 1; n <= 40; ++n) {
                insertRows(a, n, pageSize - 200);
                rows += n;
            }
            const auto d = since(before);
            CHECK(d.commitFlushes == 40);
            CHECK(d.barrierFlushes == 0);
            CHECK(d.failedFlushes == 0);
            Conn c(crashCopy(path, dir.filePath("crash.db").toStdString()), nullptr);
            CHECK(c.one("SELECT count(*) FROM t") == rows);
            CHECK(c.text("PRAGMA integrity_check") == "ok");
        }
    }
}

TEST_CASE("A transaction that rewrites pages it spilled commits with every rewritten checksum in the file", "[store][wal]")
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("recksum.db").toStdString();
    Conn a(path, sqlite::walWriteBatchVfs());
    walTable(a, "NORMAL");
    insertRows(a, 1, 100);
    a.ok("PRAGMA cache_size=10");
    const auto before = sqlite::walWriteBatchCounts();
    a.ok("BEGIN");
    for (int i = 0; i < 40; ++i) a.ok("INSERT INTO t (body) VALUES (randomblob(3000))");
    // A page spilled earlier in the transaction, changed again: SQLite writes it over its frame and then rewrites the
    // checksums of the frames after it, the commit frame's among them, after the commit frame.
    a.ok("UPDATE t SET body = randomblob(3000) WHERE id = 2");
    a.ok("COMMIT");
    CHECK(since(before).barrierFlushes == 0);
    Conn c(crashCopy(path, dir.filePath("crash.db").toStdString()), nullptr);
    CHECK(c.one("SELECT count(*) FROM t") == 41);
    CHECK(c.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("A log write the disk refuses fails the transaction, at once or at its commit, and loses nothing committed", "[store][wal]")
{
    const char *vfs = faultyBatchVfs();
    REQUIRE(vfs != nullptr);
    QTemporaryDir dir;
    const std::string path = dir.filePath("faults.db").toStdString();
    Conn a(path, vfs);
    walTable(a, "NORMAL");
    insertRows(a, 1, 100);
    Conn other(path, nullptr);
    auto isCommitHeader = [](const unsigned char *b, int n, sqlite3_int64 at) { return n == 24 && at >= 32 && (b[4] | b[5] | b[6] | b[7]) != 0; };
    const auto before = sqlite::walWriteBatchCounts();

    SECTION("the commit frame's write: COMMIT fails and the transaction is rolled back")
    {
        failLogWrite = [&](const unsigned char *b, int n, sqlite3_int64 at) {
            // The one write of the transaction holds the commit frame's header somewhere inside it.
            for (sqlite3_int64 off = 0; off + 24 <= n; off += 24 + 4096)
                if (isCommitHeader(b + off, 24, at + off)) return SQLITE_IOERR_WRITE;
            return isCommitHeader(b, n, at) ? SQLITE_IOERR_WRITE : 0;
        };
        a.ok("BEGIN");
        for (int i = 0; i < 3; ++i) a.ok("INSERT INTO t (body) VALUES (randomblob(1000))");
        CHECK(a.exec("COMMIT") != SQLITE_OK);
        failLogWrite = nullptr;
        a.exec("ROLLBACK");
        CHECK(sqlite3_get_autocommit(a.db) == 1);
        CHECK(since(before).failedFlushes >= 1);
    }
    SECTION("frames held earlier, written when a read needs them: the statement and the transaction fail")
    {
        a.ok("PRAGMA cache_size=10");
        a.ok("BEGIN");
        for (int i = 0; i < 20; ++i) a.ok("INSERT INTO t (body) VALUES (randomblob(3000))");
        failLogWrite = [](const unsigned char *, int, sqlite3_int64) { return SQLITE_FULL; };
        const int rc = a.exec("UPDATE t SET body = randomblob(3001) WHERE id > 1"); // reads pages from the log
        failLogWrite = nullptr;
        CHECK(rc != SQLITE_OK);
        // Never the transaction going on without those frames: it is over, or it cannot commit.
        if (sqlite3_get_autocommit(a.db) == 0) CHECK(a.exec("COMMIT") != SQLITE_OK);
        a.exec("ROLLBACK");
    }
    SECTION("a checksum rewritten after the commit frame: COMMIT fails")
    {
        a.ok("PRAGMA cache_size=10");
        a.ok("BEGIN");
        for (int i = 0; i < 40; ++i) a.ok("INSERT INTO t (body) VALUES (randomblob(3000))");
        a.ok("UPDATE t SET body = randomblob(3000) WHERE id = 2");
        failLogWrite = [&](const unsigned char *b, int n, sqlite3_int64 at) { return isCommitHeader(b, n, at) ? SQLITE_IOERR_WRITE : 0; };
        CHECK(a.exec("COMMIT") != SQLITE_OK);
        failLogWrite = nullptr;
        a.exec("ROLLBACK");
    }
    // Whatever failed: the other connection, and SQLite recovering the files after a crash, see only the first row;
    // the connection that met the failure commits again once the disk takes writes.
    CHECK(other.one("SELECT count(*) FROM t") == 1);
    CHECK(other.text("PRAGMA integrity_check") == "ok");
    {
        Conn c(crashCopy(path, dir.filePath("crash.db").toStdString()), nullptr);
        CHECK(c.one("SELECT count(*) FROM t") == 1);
        CHECK(c.text("PRAGMA integrity_check") == "ok");
    }
    insertRows(a, 2, 700);
    CHECK(other.one("SELECT count(*) FROM t") == 3);
    CHECK(since(before).barrierFlushes == 0);
}

TEST_CASE("The store's connections never spill a transaction early: SQLite 3.40's lost commit after a rolled-back statement", "[store][wal]")
{
    // SQLite 3.40.1 (Debian 12's): a transaction that spilled pages to the log, wrote one of them again, then rolled a
    // statement back, commits frames a crash's recovery refuses (Wal.iReCksum outlives the rollback; fixed in 3.50.2).
    // The store turns spilling off (docs/storage.md "Durability setting"), so the frames are all written at the commit.
    QTemporaryDir dir;
    const std::string path = dir.filePath("spill.db").toStdString();
    auto opened = store::Database::open(path, true);
    REQUIRE(opened.ok());
    store::Database &db = **opened;
    auto spill = db.queryInt("PRAGMA cache_spill");
    REQUIRE(spill.ok());
    CHECK(*spill == 0);
    REQUIRE(db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER UNIQUE, body BLOB)").ok());
    REQUIRE(db.exec("INSERT INTO t (k, body) VALUES (-1, randomblob(100))").ok());
    REQUIRE(db.exec("PRAGMA cache_size=10").ok()); // 40 KiB: a spilling SQLite would write frames long before COMMIT
    REQUIRE(db.exec("BEGIN").ok());
    REQUIRE(db.exec("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 30) "
                    "INSERT INTO t (k, body) SELECT i, randomblob(3000) FROM c")
                .ok());
    // One statement that writes pages again (the trigger) and then fails on a duplicate key: only it is rolled back.
    REQUIRE(db.exec("CREATE TEMP TRIGGER rewrite AFTER INSERT ON t WHEN new.k = 1060 BEGIN UPDATE t SET body = randomblob(3000) WHERE k > 1000; END").ok());
    CHECK_FALSE(db.exec("WITH RECURSIVE c(i) AS (SELECT 1001 UNION ALL SELECT i + 1 FROM c WHERE i < 1100) "
                        "INSERT INTO t (k, body) SELECT CASE WHEN i = 1100 THEN 5 ELSE i END, randomblob(3000) FROM c")
                    .ok());
    REQUIRE(db.exec("INSERT INTO t (k, body) VALUES (-2, randomblob(3000))").ok());
    REQUIRE(db.exec("COMMIT").ok());
    auto live = db.queryInt("SELECT count(*) FROM t");
    REQUIRE(live.ok());
    CHECK(*live == 32);
    Conn c(crashCopy(path, dir.filePath("crash.db").toStdString()), nullptr);
    CHECK(c.one("SELECT count(*) FROM t") == 32);
    CHECK(c.text("PRAGMA integrity_check") == "ok");
}
