// kill -9 at random moments while a child process writes notes, at least 200 times. After each kill: every note
// the child reported saved is present and opens, and SQLite's integrity check is ok.
#include "store_fixture.h"
#include "test_support.h"
#include "note_service.h"

#include <QFileInfo>
#include <cstdlib>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QThread>
#include <QElapsedTimer>

#include <csignal>
#include <map>

using namespace triad;

TEST_CASE("Notes reported saved survive kill -9 and the store stays intact", "[crash]")
{
    // The store goes to tmpfs where the machine has one: kill -9 ends the process, not the machine, so what reaches
    // the files is the same, and a disk's fsync stalling under the other ctest job would only make the run flaky.
    if (QFileInfo(QStringLiteral("/dev/shm")).isDir() && QFileInfo(QStringLiteral("/dev/shm")).isWritable()) ::setenv("TMPDIR", "/dev/shm", 1);
    test::StoreFixture f;
    f.store.reset(); // the child is the only writer while it runs

    const int runs = qEnvironmentVariableIntValue("TRIAD_CRASH_RUNS") > 0 ? qEnvironmentVariableIntValue("TRIAD_CRASH_RUNS") : 200;
    const quint32 seed = QRandomGenerator::system()->generate();
    QRandomGenerator rng(seed);
    INFO("seed " << seed << " (kill delays are drawn from it)");

    std::map<std::string, std::size_t> reported; // note id -> text size the child reported
    int killedWhileWriting = 0;
    for (int run = 0; run < runs; ++run) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TRIAD_PASSPHRASE"), QString::fromLatin1(test::kPassphrase));
        child.setProcessEnvironment(env);
        child.start(QStringLiteral(CRASH_WRITER_PATH), {f.dir, QString::fromStdString(f.caseId.toString()), QString::number(run)});
        REQUIRE(child.waitForStarted(10000));
        QByteArray output;
        if (run % 10 == 0) {
            // One run in ten is killed early: during the unlock (Argon2id) or while the store opens and migrates.
            QThread::msleep(rng.bounded(5u, 120u));
        } else {
            // The others once the store is open, a random moment into the writes.
            QElapsedTimer waited;
            waited.start();
            while (!output.contains("ready\n") && waited.elapsed() < 30000 && child.state() == QProcess::Running) {
                child.waitForReadyRead(100);
                output += child.readAllStandardOutput();
            }
            QThread::msleep(rng.bounded(1u, 80u));
        }
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        REQUIRE(child.waitForFinished(10000));
        const QByteArray err = child.readAllStandardError();
        INFO("child stderr: " << err.toStdString());
        REQUIRE(child.exitStatus() == QProcess::CrashExit);

        output += child.readAllStandardOutput();
        const QList<QByteArray> lines = output.split('\n');
        int thisRun = 0;
        for (const QByteArray &line : lines) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() < 2) continue; // a trailing empty line
            reported[parts[0].toStdString()] = static_cast<std::size_t>(parts[1].toULongLong());
            ++thisRun;
        }
        if (thisRun > 0) ++killedWhileWriting;

        f.reopen();
        auto integrity = f.store->database().prepare("PRAGMA integrity_check");
        REQUIRE(integrity.ok());
        REQUIRE(*(*integrity)->step());
        REQUIRE((*integrity)->columnText(0) == "ok");
        integrity->reset();
        // Every note this child reported saved is present and opens (signature checked, decrypted, decoded).
        std::map<std::string, std::size_t> thisRunReported;
        for (const QByteArray &line : lines) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() >= 2) thisRunReported[parts[0].toStdString()] = static_cast<std::size_t>(parts[1].toULongLong());
        }
        for (const auto &[id, size] : thisRunReported) {
            INFO("run " << run << ", note " << id);
            auto note = f.notes().note(*RecordId::fromString(id));
            if (!note) FAIL(note.error().message);
            REQUIRE(note->has_value());
            REQUIRE((*note)->text.size() == size);
        }
        f.store.reset();
    }
    // The test means something only if most kills landed while notes were being written.
    CHECK(killedWhileWriting > runs / 2);
    CHECK(reported.size() > static_cast<std::size_t>(runs));
    f.reopen();
    CHECK(f.store->verify().ok());
    auto notes = f.notes().notes(f.caseId);
    REQUIRE(notes.ok());
    std::map<std::string, std::size_t> present;
    for (const auto &n : *notes) present[n.note.id.toString()] = n.note.text.size();
    for (const auto &[id, size] : reported) {
        INFO("note " << id);
        REQUIRE(present.count(id) == 1);
        REQUIRE(present[id] == size);
    }
}
