// Checkpoints on a thread of their own (Database::checkpointInBackground, docs/storage.md "Checkpoints"): the log is
// copied into the file and used again from its start, nothing is lost when a connection closes during one, and a
// checkpoint asked for on the connection waits for a background one instead of failing.
#include "store_fixture.h"
#include "sqlite_db.h"
#include "test_support.h"

#include <QFile>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <thread>

using namespace triad;

namespace {

std::unique_ptr<store::Database> openTable(const std::string &path)
{
    auto db = store::Database::open(path, true);
    REQUIRE(db.ok());
    REQUIRE((*db)->exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)").ok());
    return std::move(*db);
}

void insertRow(store::Database &db, int bytes)
{
    auto st = db.cached("INSERT INTO t (body) VALUES (?)");
    REQUIRE(st.ok());
    REQUIRE((*st)->bind(1, std::vector<std::uint8_t>(static_cast<std::size_t>(bytes), 0x5A)).run().ok());
}

template <typename Pred>
bool within(std::chrono::seconds limit, Pred pred)
{
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

} // namespace

TEST_CASE("A background checkpoint copies the log, and the commits after it use the log again from its start", "[store]")
{
    QTemporaryDir tmp;
    const std::string path = tmp.filePath(QStringLiteral("c.db")).toStdString();
    auto db = openTable(path);
    REQUIRE(db->checkpointInBackground(8).ok());
    REQUIRE(db->checkpointInBackground(8).ok()); // once is enough: a second call changes nothing

    const std::uint32_t restartsBefore = test::walRestarts(path);
    int rows = 0;
    // Rows of most of a page each, a little apart so the checkpoint thread gets its turns even on a loaded machine; the
    // log passes 8 pages after a few commits, and a restart shows once a checkpoint copied all of it and a commit
    // followed.
    const bool restarted = within(std::chrono::seconds(30), [&] {
        insertRow(*db, 3000);
        ++rows;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return test::walRestarts(path) > restartsBefore;
    });
    REQUIRE(restarted);
    const auto counts = db->checkpointCounts();
    CHECK(counts.requested >= 1);
    CHECK(counts.done >= 1);
    CHECK(counts.failed == 0);

    auto n = db->queryInt("SELECT COUNT(*) FROM t");
    REQUIRE(n.ok());
    CHECK(*n == rows);

    // SQLite's own autocheckpoint would also restart the log; what differs is where the copy runs. A connection
    // without the thread still checkpoints inside its commits (SQLite's default), and has no counts.
    QTemporaryDir tmp2;
    auto plain = openTable(tmp2.filePath(QStringLiteral("p.db")).toStdString());
    for (int i = 0; i < 20; ++i) insertRow(*plain, 3000);
    CHECK(plain->checkpointCounts().requested == 0);
    CHECK(plain->checkpointCounts().done == 0);
}

TEST_CASE("Under commits that follow each other without a pause, the log stays bounded", "[store]")
{
    // The thread's copies alone never catch up with back-to-back commits (the log is started again only by a write
    // that finds all of it copied): at four times the size a commit copies what is left itself (kCeiling).
    QTemporaryDir tmp;
    const std::string path = tmp.filePath(QStringLiteral("c.db")).toStdString();
    auto db = openTable(path);
    REQUIRE(db->checkpointInBackground(8).ok());
    const qint64 frame = 4096 + 24;
    qint64 largest = 0;
    for (int i = 0; i < 3000; ++i) {
        insertRow(*db, 3000);
        largest = std::max(largest, QFile(QString::fromStdString(path + "-wal")).size());
    }
    INFO("largest log: " << largest / frame << " pages; counts: requested " << db->checkpointCounts().requested << ", done "
                         << db->checkpointCounts().done << ", in commit " << db->checkpointCounts().inCommit);
    // 3,000 commits of one or two pages each would be 3,000 pages and more; the ceiling is 32 pages, plus the pages
    // of the commits made while the last copy ran.
    CHECK(largest < 96 * frame);
    auto n = db->queryInt("SELECT COUNT(*) FROM t");
    REQUIRE(n.ok());
    CHECK(*n == 3000);
}

TEST_CASE("A checkpoint asked for on one connection waits for another connection's background checkpoint", "[store]")
{
    // The app's connection and the sync worker's, each with its own thread: a truncating checkpoint (the response
    // draft's scrub) on one must not come back "done" while the other's thread holds the checkpoint lock (SQLite
    // answers that "busy" at once, which the PRAGMA form put in a row nobody read). On this machine the two rarely
    // meet (the app's checkpoint takes the lock first); what this shows is that every one of them empties the log.
    QTemporaryDir tmp;
    const std::string path = tmp.filePath(QStringLiteral("c.db")).toStdString();
    auto app = openTable(path);
    auto worker = openTable(path);
    REQUIRE(app->checkpointInBackground(1).ok());
    REQUIRE(worker->checkpointInBackground(1).ok());
    const QString wal = QString::fromStdString(path + "-wal");
    for (int round = 0; round < 60; ++round) {
        // One commit of 40 pages: the worker's thread copies them (two fsyncs and the pages) while the app asks, a
        // little later each round, so the two meet at every point of that copy.
        REQUIRE(worker->exec("BEGIN IMMEDIATE").ok());
        for (int i = 0; i < 40; ++i) insertRow(*worker, 3000);
        REQUIRE(worker->exec("COMMIT").ok());
        std::this_thread::sleep_for(std::chrono::microseconds(150 * (round % 10)));
        auto s = app->checkpoint(store::Database::CheckpointMode::Truncate);
        INFO(round << ": " << (s.ok() ? std::string("ok") : s.error().message));
        REQUIRE(s.ok());
        CHECK(QFile(wal).size() == 0); // emptied: nothing of the rows' earlier pages is left in the log
    }
}

TEST_CASE("Closing a connection while its background checkpoint runs loses nothing", "[store]")
{
    QTemporaryDir tmp;
    const std::string path = tmp.filePath(QStringLiteral("c.db")).toStdString();
    int written = 0;
    for (int round = 0; round < 20; ++round) {
        auto db = openTable(path);
        REQUIRE(db->checkpointInBackground(2).ok());
        for (int i = 0; i < 40; ++i, ++written) insertRow(*db, 2000 + 97 * i);
        // Closed at once: a checkpoint asked for by the last commits may be under way or not yet started.
    }
    auto db = openTable(path);
    auto n = db->queryInt("SELECT COUNT(*) FROM t");
    REQUIRE(n.ok());
    CHECK(*n == written);
    auto st = db->prepare("PRAGMA integrity_check");
    REQUIRE(st.ok());
    auto row = (*st)->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    CHECK((*st)->columnText(0) == "ok");
}

TEST_CASE("A checkpoint asked for on the connection waits for a background one and truncates the log", "[store]")
{
    QTemporaryDir tmp;
    const std::string path = tmp.filePath(QStringLiteral("c.db")).toStdString();
    auto db = openTable(path);
    REQUIRE(db->checkpointInBackground(1).ok()); // every commit asks for one: they are running all the time
    for (int round = 0; round < 50; ++round) {
        for (int i = 0; i < 5; ++i) insertRow(*db, 3000);
        auto s = db->checkpoint(store::Database::CheckpointMode::Truncate);
        INFO(round << ": " << (s.ok() ? std::string("ok") : s.error().message));
        REQUIRE(s.ok()); // never "busy" because the background thread was copying
    }
    CHECK(QFile(QString::fromStdString(path + "-wal")).size() == 0);

    auto n = db->queryInt("SELECT COUNT(*) FROM t");
    REQUIRE(n.ok());
    CHECK(*n == 250);
}

TEST_CASE("A store's connection checkpoints in the background, not in a note's commit", "[store]")
{
    test::StoreFixture f;
    // 1,000 pages of log at four to five pages a note: a few hundred notes ask for the first checkpoint.
    int notes = 0;
    while (f.store->database().checkpointCounts().requested == 0 && notes < 2000) {
        REQUIRE(f.notes().addNoteToCase(f.caseId, "Students in pairs explained their reasoning, note " + std::to_string(notes), {"2.6"}).ok());
        ++notes;
    }
    CHECK(f.store->database().checkpointCounts().requested >= 1);
    CHECK(notes < 2000);
    CHECK(within(std::chrono::seconds(30), [&] { return f.store->database().checkpointCounts().done >= 1; }));
    f.reopen();
    auto list = f.notes().notes(f.caseId);
    REQUIRE(list.ok());
    CHECK(static_cast<int>(list->size()) == notes);
}

TEST_CASE("A connection that only reads gets no checkpoint thread; one that writes does", "[store]")
{
    test::StoreFixture f;
    CHECK(f.store->database().checkpointsInBackground()); // the app's own connection
    auto copy = [&] { return crypto::Identity::importSecret(f.store->identity().exportSecret().span()).value(); };
    auto worker = store::LocalStore::openSecondary(f.dir, copy()); // sync's: it writes pulled pages
    REQUIRE(worker.ok());
    CHECK((*worker)->database().checkpointsInBackground());
    auto reader = store::LocalStore::openSecondary(f.dir, copy(), store::systemClockMs, store::LocalStore::Use::Reads);
    REQUIRE(reader.ok());
    CHECK_FALSE((*reader)->database().checkpointsInBackground());

    // It still reads what the others write, and it keeps SQLite's autocheckpoint (on whatever size this SQLite was
    // built with), so a write on it, were there one, would copy the log as before the checkpoint thread.
    REQUIRE(f.notes().addNoteToCase(f.caseId, "Exit tickets collected at the door", {"5.2"}).ok());
    auto seen = store::NoteService(**reader).notes(f.caseId);
    REQUIRE(seen.ok());
    CHECK(seen->size() == 1);
    auto autocheckpoint = (*reader)->database().queryInt("PRAGMA wal_autocheckpoint");
    REQUIRE(autocheckpoint.ok());
    CHECK(*autocheckpoint > 0);
    auto onThread = f.store->database().queryInt("PRAGMA wal_autocheckpoint");
    REQUIRE(onThread.ok());
    CHECK(*onThread == 0); // SQLite reports 0 while a WAL hook of another's replaces its own (checkpointsInBackground above)
}
