// Note save (seal + durable commit through LocalStore) against a bare SQLite commit of the same bytes with the
// same durability (WAL, synchronous=FULL), measured interleaved in the same run so machine noise hits both alike.
//
//   bench_note_save [ITERATIONS] [NOTE_CHARS]      (defaults: 3000 iterations, 280-character notes)
#include "local_store.h"
#include "migrations.h"
#include "linux/passphrase_keystore.h"
#include "sealed_record.h"
#include "secure_buffer.h"
#include "sqlite_db.h"
#include "case_service.h"
#include "note_service.h"
#include "wal_write_batch.h"

#include <sqlite3.h>

#include <QDir>
#include <QTemporaryDir>

#include <algorithm>
#include <array>
#include <random>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace triad;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    return v[i];
}

[[noreturn]] void die(const std::string &what)
{
    std::fprintf(stderr, "bench_note_save: %s\n", what.c_str());
    std::exit(1);
}

// A bare commit: one INSERT of `bytes` into a one-column table, autocommit, WAL with synchronous=FULL, straight through
// SQLite's C API over the VFS named (nullptr: SQLite's default, "unix").
class BareCommit {
public:
    BareCommit(const QString &path, const char *vfs)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs) != SQLITE_OK) die(sqlite3_errmsg(m_db));
        for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"})
            if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) die(sqlite3_errmsg(m_db));
        if (sqlite3_prepare_v2(m_db, "INSERT INTO t (body) VALUES (?)", -1, &m_insert, nullptr) != SQLITE_OK) die(sqlite3_errmsg(m_db));
    }
    ~BareCommit()
    {
        sqlite3_finalize(m_insert);
        sqlite3_close(m_db);
    }
    void commit(const std::vector<std::uint8_t> &bytes)
    {
        sqlite3_reset(m_insert);
        sqlite3_bind_blob(m_insert, 1, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
        if (sqlite3_step(m_insert) != SQLITE_DONE) die(sqlite3_errmsg(m_db));
    }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
};

} // namespace

int main(int argc, char **argv)
{
    const int iterations = argc > 1 ? std::atoi(argv[1]) : 3000;
    const int noteChars = argc > 2 ? std::atoi(argv[2]) : 280;
    if (iterations < 10 || noteChars < 1) die("usage: bench_note_save [ITERATIONS>=10] [NOTE_CHARS>=1]");
    if (!crypto::initialize()) die("libsodium unavailable");

    QTemporaryDir tmp(QDir::currentPath() + QStringLiteral("/bench-XXXXXX")); // same disk as the build, not tmpfs
    if (!tmp.isValid()) die("cannot create a temporary directory");
    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
    const QString dir = tmp.filePath(QStringLiteral("store"));
    const auto credential = [] { return platform::UnlockCredential::fromPassphrase("benchmark passphrase"); };
    if (auto s = store::LocalStore::create(dir, keystore, credential(), {}); !s) die(s.error().message);
    auto opened = store::LocalStore::open(dir, keystore, credential());
    if (!opened) die(opened.error().message);
    store::LocalStore &s = **opened;

    Person teacher{RecordId::generate(), "Benchmark Teacher", "", {Role::ParticipatingTeacher}, {}};
    if (auto r = store::CaseService(s).savePerson(teacher); !r) die(r.error().message);
    ParCase c;
    c.id = RecordId::generate();
    c.teacherId = teacher.id;
    c.mentorId = s.owner().id;
    c.school = "Bench School";
    c.gradeSubject = "Grade 5";
    c.schoolYear = "2026-27";
    c.startDate = QDate(2026, 9, 1);
    if (auto r = store::CaseService(s).saveCase(c); !r) die(r.error().message);
    auto obs = store::NoteService(s).startObservation(c.id, ObservationKind::Formal, true, "Period 1");
    if (!obs) die(obs.error().message);

    // Baseline: the same number of bytes a sealed note occupies, one row per durable transaction.
    const std::string text(static_cast<std::size_t>(noteChars), 'n');
    auto sample = store::NoteService(s).addNote(obs->id, text, {"2.6", "5.2"});
    if (!sample) die(sample.error().message);
    auto sizeQuery = s.database().queryInt("SELECT length(body) FROM records ORDER BY seq DESC LIMIT 1");
    if (!sizeQuery) die(sizeQuery.error().message);
    const std::vector<std::uint8_t> sameBytes(static_cast<std::size_t>(*sizeQuery), 0x5A);
    // The baseline is SQLite as it comes (its default VFS writes each frame of the log itself); the same commit through
    // the store's VFS (one write per commit, sqlite/wal_write_batch.h) is printed beside it.
    BareCommit bare(tmp.filePath(QStringLiteral("bare.db")), nullptr);
    BareCommit bareBatched(tmp.filePath(QStringLiteral("bare-batched.db")), sqlite::walWriteBatchVfs());

    // The store's own schema and transaction shape with the same bytes but no crypto: separates SQLite's share.
    auto shaped = store::Database::open(tmp.filePath(QStringLiteral("shaped.db")).toStdString(), true);
    if (!shaped) die(shaped.error().message);
    if (auto r = store::migrate(**shaped); !r) die(r.error().message);
    const RecordId shapedCase = RecordId::generate(), shapedObs = RecordId::generate();
    auto shapedSave = [&](std::int64_t i) {
        store::Transaction tx(**shaped);
        if (auto r = tx.begin(); !r) die(r.error().message);
        auto ins =
            (*shaped)->cached("INSERT INTO records (id, type, case_id, observation_id, created_at, author_key, body) VALUES (?, 5, ?, ?, ?, ?, ?)");
        if (!ins) die(ins.error().message);
        const RecordId id = RecordId::generate();
        (*ins)
            ->bind(1, std::span<const std::uint8_t>(id.bytes))
            .bind(2, std::span<const std::uint8_t>(shapedCase.bytes))
            .bind(3, std::span<const std::uint8_t>(shapedObs.bytes))
            .bind(4, i)
            .bind(5, std::span<const std::uint8_t>(id.bytes))
            .bind(6, sameBytes);
        if (auto r = (*ins)->run(); !r) die(r.error().message);
        auto out = (*shaped)->cached("INSERT INTO outbox (record_seq, enqueued_at) VALUES (last_insert_rowid(), ?)");
        if (!out) die(out.error().message);
        if (auto r = (*out)->bind(1, i).run(); !r) die(r.error().message);
        if (auto r = tx.commit(); !r) die(r.error().message);
    };

    // Seal alone (no disk), to show where the time goes.
    const crypto::Identity author = crypto::Identity::generate();
    std::vector<double> sealUs, noteUs, bareUs, shapedUs, bareBatchedUs, fromDraftUs;
    const std::vector<std::string> tags{"2.6", "5.2"};
    // The six measurements run in a shuffled order each iteration, so none always follows another's fsync.
    std::mt19937 shuffle(12345);
    std::array<int, 6> order{0, 1, 2, 3, 4, 5};
    auto timed = [](auto &&fn) {
        const auto t0 = Clock::now();
        fn();
        return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    };
    for (int i = 0; i < iterations; ++i) {
        std::shuffle(order.begin(), order.end(), shuffle);
        for (int which : order) {
            switch (which) {
            case 0:
                bareUs.push_back(timed([&] { bare.commit(sameBytes); }));
                break;
            case 3: bareBatchedUs.push_back(timed([&] { bareBatched.commit(sameBytes); })); break;
            case 5:
                // The app's Enter: the note's draft was saved as it was typed (not timed), and the save deletes it.
                if (auto r = store::NoteService(s).saveDraft(obs->id, text, tags); !r) die(r.error().message);
                fromDraftUs.push_back(timed([&] {
                    if (auto r = store::NoteService(s).addNote(obs->id, text, tags); !r) die(r.error().message);
                }));
                break;
            case 1:
                noteUs.push_back(timed([&] {
                    if (auto r = store::NoteService(s).addNote(obs->id, text, tags); !r) die(r.error().message);
                }));
                break;
            case 2:
                sealUs.push_back(timed([&] {
                    crypto::SealRequest req;
                    req.type = 5;
                    req.id = RecordId::generate();
                    req.plaintext = {reinterpret_cast<const std::uint8_t *>(text.data()), text.size()};
                    req.readers = {author.publicIdentity()};
                    if (auto r = crypto::seal(author, req); !r) die(r.error().message);
                }));
                break;
            default: shapedUs.push_back(timed([&] { shapedSave(i); }));
            }
        }
    }

    const double bare50 = percentile(bareUs, 0.50), bare99 = percentile(bareUs, 0.99);
    const double note50 = percentile(noteUs, 0.50), note99 = percentile(noteUs, 0.99);
    std::printf("note save benchmark: %d iterations, %d-character notes, sealed record %lld bytes\n", iterations, noteChars,
                static_cast<long long>(*sizeQuery));
    std::printf("  durability: WAL, synchronous=FULL (all)\n");
    std::printf("  %-44s p50 %8.1f us   p99 %8.1f us\n", "bare SQLite commit of the same bytes", bare50, bare99);
    std::printf("  %-44s p50 %8.1f us   p99 %8.1f us\n", "… the same through the store's VFS", percentile(bareBatchedUs, 0.50),
                percentile(bareBatchedUs, 0.99));
    std::printf("  %-44s p50 %8.1f us   p99 %8.1f us\n", "note save (seal + record + outbox, commit)", note50, note99);
    std::printf("  %-44s p50 %8.1f us   p99 %8.1f us\n", "… clearing its draft (the app's Enter)", percentile(fromDraftUs, 0.50),
                percentile(fromDraftUs, 0.99));
    std::printf("  %-44s p50 %8.1f us   p99 %8.1f us\n", "store schema + outbox, same bytes, no crypto", percentile(shapedUs, 0.50),
                percentile(shapedUs, 0.99));
    std::printf("  %-44s p50 %8.1f us   p99 %8.1f us\n", "seal only (no disk)", percentile(sealUs, 0.50), percentile(sealUs, 0.99));
    std::printf("  ratio note/bare: p50 %.2f   p99 %.2f   (targets: p50 <= 1.3, p99 <= 1.5)\n", note50 / bare50, note99 / bare99);
    std::printf("  ratio note clearing its draft/bare: p50 %.2f   p99 %.2f\n", percentile(fromDraftUs, 0.50) / bare50,
                percentile(fromDraftUs, 0.99) / bare99);
    std::printf("  ratio note/bare through the store's VFS: p50 %.2f   p99 %.2f\n", note50 / percentile(bareBatchedUs, 0.50),
                note99 / percentile(bareBatchedUs, 0.99));
    const auto counts = sqlite::walWriteBatchCounts();
    std::printf("  the store's VFS: %lld frame writes held, %lld file writes (%lld at commit frames, %lld at the barrier)\n",
                static_cast<long long>(counts.heldWrites), static_cast<long long>(counts.flushes), static_cast<long long>(counts.commitFlushes),
                static_cast<long long>(counts.barrierFlushes));
    // The slowest one in a thousand: where a commit that also copied the write-ahead log into the file shows (SQLite's
    // autocheckpoint runs in one commit per 1,000 pages of log; docs/storage.md "Checkpoints").
    const double bare999 = percentile(bareUs, 0.999), note999 = percentile(noteUs, 0.999);
    std::printf("  p99.9: bare %.1f us, note save %.1f us, store schema %.1f us; ratio note/bare %.2f\n", bare999, note999,
                percentile(shapedUs, 0.999), note999 / bare999);
    return 0;
}
