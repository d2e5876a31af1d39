// "Enter to durable": the time ObservationController::saveNote() takes (the draft text is set, Enter pressed; the
// call returns once the note is sealed, committed and fsynced and the views are updated), against a bare SQLite
// commit of the same bytes with the same durability (WAL, synchronous=FULL), interleaved in a shuffled order.
//
//   bench_note_enter [ITERATIONS] [NOTE_CHARS]      (defaults: 1000 iterations, 280-character notes)
//
// Four operations per iteration:
//   bare        one INSERT of a blob the size of a sealed note, autocommit
//   addNote     NoteService::addNote() directly (no view model)
//   saveNote    ObservationController::saveNote() on a session with nothing else attached
//   + caseload  the same with the caseload page's CaseloadModel on the session as in the app: it stays on the
//               StackView under the observation page, inactive, so a write only marks it stale
#include "bench_util.h"
#include "caseload_model.h"
#include "observation_controller.h"
#include "secure_buffer.h"
#include "session.h"
#include "sqlite_db.h"
#include "case_service.h"
#include "note_service.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <array>
#include <random>

using namespace triad;

namespace {
constexpr const char *kName = "bench_note_enter";
[[noreturn]] void fail(const std::string &what) { bench::die(kName, what); }

std::unique_ptr<ui::Session> openSession(const QString &dir)
{
    auto s = std::make_unique<ui::Session>(dir, std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
    if (auto r = s->unlockNow(QString::fromLatin1(bench::kPassphrase)); !r) fail(r.error().message);
    return s;
}
} // namespace

int main(int argc, char **argv)
{
    const int iterations = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int noteChars = argc > 2 ? std::atoi(argv[2]) : 280;
    if (iterations < 10 || noteChars < 1) fail("usage: bench_note_enter [ITERATIONS>=10] [NOTE_CHARS>=1]");
    QCoreApplication app(argc, argv);
    if (!crypto::initialize()) fail("libsodium unavailable");

    QTemporaryDir tmp(QDir::currentPath() + QStringLiteral("/bench-XXXXXX")); // same disk as the build, not tmpfs
    if (!tmp.isValid()) fail("cannot create a temporary directory");
    std::printf("note Enter-to-durable benchmark: %d iterations, %d-character notes\n", iterations, noteChars);
    const bench::BenchStore bs = bench::createBenchStore(kName, tmp.filePath(QStringLiteral("store")), 0);

    // Two sessions (two connections to the same store, as two app windows would have) so the caseload model on
    // one does not also reload when the other saves.
    auto plain = openSession(bs.dir);
    auto withCaseload = openSession(bs.dir);
    ui::CaseloadModel caseload;
    caseload.setSession(withCaseload.get());
    if (caseload.rowCount() != 7) fail("the caseload did not load");
    caseload.setActive(false); // as when the observation page is on top (CaseloadPage.qml binds it to StackView.status)

    ui::ObservationController plainController, caseloadController;
    plainController.setSession(plain.get());
    plainController.setCaseId(QString::fromStdString(bs.bigCase.toString()));
    caseloadController.setSession(withCaseload.get());
    caseloadController.setCaseId(QString::fromStdString(bs.emptyCase.toString()));
    if (!plainController.active() || !caseloadController.active()) fail("no observation under way");
    // A third observation for the direct addNote calls.
    store::LocalStore &direct = *plain->store();
    RecordId directObservation;
    {
        auto cases = store::CaseService(direct).cases();
        if (!cases) fail(cases.error().message);
        for (const auto &c : *cases) {
            if (c.id == bs.bigCase || c.id == bs.emptyCase) continue;
            auto open = store::NoteService(direct).openObservation(c.id);
            if (!open) fail(open.error().message);
            if (open->has_value()) {
                directObservation = (*open)->id;
                break;
            }
            auto started = store::NoteService(direct).startObservation(c.id, ObservationKind::Informal, false, {});
            if (!started) fail(started.error().message);
            directObservation = started->id;
            break;
        }
    }

    const std::string text(static_cast<std::size_t>(noteChars), 'n');
    const QString qtext = QString::fromStdString(text);
    const std::vector<std::string> tags{"2.6", "5.2"};
    auto sample = store::NoteService(direct).addNote(directObservation, text, tags);
    if (!sample) fail(sample.error().message);
    auto sizeQuery = direct.database().queryInt("SELECT length(body) FROM records ORDER BY seq DESC LIMIT 1");
    if (!sizeQuery) fail(sizeQuery.error().message);
    const std::vector<std::uint8_t> sameBytes(static_cast<std::size_t>(*sizeQuery), 0x5A);
    auto bare = store::Database::open(tmp.filePath(QStringLiteral("bare.db")).toStdString(), true);
    if (!bare) fail(bare.error().message);
    if (auto r = (*bare)->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"); !r) fail(r.error().message);
    auto insert = (*bare)->prepare("INSERT INTO t (body) VALUES (?)");
    if (!insert) fail(insert.error().message);

    std::vector<double> bareUs, addUs, saveUs, caseloadUs;
    auto timed = [](auto &&fn) {
        const auto t0 = std::chrono::steady_clock::now();
        fn();
        return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    };
    auto enter = [&](ui::ObservationController &c, std::vector<double> &into) {
        // Typing happened before Enter: the draft text and tags are set (not timed).
        c.setDraftText(qtext);
        c.tags()->toggle(QStringLiteral("2.6"));
        c.tags()->toggle(QStringLiteral("5.2"));
        into.push_back(timed([&] {
            if (!c.saveNote()) fail(c.lastError().toStdString());
        }));
    };
    std::mt19937 shuffle(12345);
    std::array<int, 4> order{0, 1, 2, 3};
    for (int i = 0; i < iterations; ++i) {
        std::shuffle(order.begin(), order.end(), shuffle);
        for (int which : order) {
            switch (which) {
            case 0:
                bareUs.push_back(timed([&] {
                    if (auto r = (*insert)->reset().bind(1, sameBytes).run(); !r) fail(r.error().message);
                }));
                break;
            case 1:
                addUs.push_back(timed([&] {
                    if (auto r = store::NoteService(direct).addNote(directObservation, text, tags); !r) fail(r.error().message);
                }));
                break;
            case 2: enter(plainController, saveUs); break;
            default: enter(caseloadController, caseloadUs);
            }
        }
    }
    if (plainController.notes()->rowCount() != iterations) fail("the note list did not grow by one per save");

    const double bare50 = bench::percentile(bareUs, 0.50), bare99 = bench::percentile(bareUs, 0.99);
    std::printf("  durability: WAL, synchronous=FULL (all); sealed note %lld bytes\n", static_cast<long long>(*sizeQuery));
    auto row = [&](const char *what, const std::vector<double> &v) {
        const double p50 = bench::percentile(v, 0.50), p99 = bench::percentile(v, 0.99);
        std::printf("  %-52s p50 %8.1f us   p99 %8.1f us   ratio to bare p50 %5.2f  p99 %5.2f\n", what, p50, p99, p50 / bare50, p99 / bare99);
    };
    row("bare SQLite commit of the same bytes", bareUs);
    row("NoteService::addNote (no view model)", addUs);
    row("ObservationController::saveNote (Enter)", saveUs);
    row("saveNote with the caseload page below (app)", caseloadUs);
    return 0;
}
