// The teacher's phone opening its inbox with 50 reports (docs/benchmarks.md "Reports: the teacher's inbox with 50
// reports"): on the demo district (bench_triad.h) the mentor issues REPORTS reports in the referred case (each
// composed from 20 tagged notes of its own period, 800-character narratives), synced through the in-process case
// store to the teacher's phone (receipts and all). At checkpoints (REPORTS/5, REPORTS/2, REPORTS reports held) the
// benchmark times, in a shuffled order each round, on stores opened by a real unlocked ui::Session each:
//
// - the teacher's inbox, cold: a new ui::ReportListModel, setSession() until its rows are loaded (it loads them
//   synchronously: every case, its reports, and per row reportFacts: SignatureService::declineOf and
//   ResponseService::status);
// - the mentor's caseload: ui::CaseloadModel::reload() (every case; per case its reports, and declineOf per
//   report awaiting the signature);
// - baselines: ReportService::reports(caseId) alone (teacher's and mentor's), and one report opened
//   (ReportService::report(id));
// - the inbox's parts, each alone: DocumentStore::list(caseId), declineOf and ResponseService::status summed over
//   the rows, ui::reportFacts summed over the rows.
//
//   bench_inbox [REPORTS] [ROUNDS]     (defaults: 50 reports, 7 rounds per checkpoint)
//   bench_inbox --smoke                (5 reports, 2 rounds: the CTest run, label bench)
#include "bench_triad.h"

#include "case_service.h"
#include "caseload_model.h"
#include "report_list_model.h"
#include "report_view.h"
#include "response_service.h"
#include "session.h"
#include "signature_service.h"

#include <QGuiApplication>
#include <QThread>

#include <functional>
#include <map>

using namespace triad;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr const char *kBench = "bench_inbox";

std::unique_ptr<ui::Session> sessionOn(const QString &dir)
{
    auto session = std::make_unique<ui::Session>(dir, std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
    bench::check(kBench, session->unlockNow(QString::fromLatin1(bench::kPassphrase)), "unlocking a session");
    session->sync()->suspend();
    return session;
}

template <typename Fn>
double timed(Fn &&fn)
{
    const auto t0 = SteadyClock::now();
    fn();
    return bench::secondsSince(t0);
}

} // namespace

int main(int argc, char **argv)
{
    bench::offscreenByDefault();
    QGuiApplication app(argc, argv);
    crypto::initialize();
    const bench::Sizes size(argc, argv);
    const int reportCount = size(1, 50, 5), rounds = size(2, 7, 2);
    std::vector<int> checkpoints{std::max(1, reportCount / 5), std::max(1, reportCount / 2), reportCount};
    checkpoints.erase(std::unique(checkpoints.begin(), checkpoints.end()), checkpoints.end());

    auto triad = bench::makeTriad(kBench);
    const RecordId caseId = triad->caseId();
    const std::size_t demoReports = bench::take(kBench, store::ReportService(*triad->teacher).reports(caseId), "the demo's reports").size();
    std::printf("%s: the teacher's inbox and the mentor's caseload with up to %d reports (+%zu of the demo) in the referred case, %d rounds per "
                "checkpoint\n",
                kBench, reportCount, demoReports, rounds);
    std::printf("  %7s | %9s %9s %9s | %9s %9s %9s %9s | %9s %9s %9s | %7s %7s\n", "reports", "inbox", "reports()", "open one", "list()",
                "declineOf", "status", "facts", "caseload", "m.reports", "per row", "in/rep", "in/open");
    std::printf("  %7s | %9s %9s %9s | %9s %9s %9s %9s | %9s %9s %9s | %7s %7s\n", "", "ms p50", "ms p50", "ms p50", "ms p50", "ms sum",
                "ms sum", "ms sum", "ms p50", "ms p50", "inbox ms", "ratio", "ratio");

    std::mt19937 rng(50);
    int issued = 0;
    RecordId newest;
    for (const int k : checkpoints) {
        // The mentor issues reports until k are held (setup: synchronous=OFF), then both devices sync.
        bench::setupWrites(kBench, *triad->mentor, true);
        for (; issued < k; ++issued) {
            const std::int64_t from = triad->mentor->now();
            const std::int64_t to = bench::endAfter(*triad->mentor, bench::addTaggedNotes(kBench, *triad->mentor, caseId, 20, 20, issued * 20));
            newest = bench::composeAndIssue(kBench, *triad->mentor, caseId, {from, to}, 800, issued).version.document.id;
        }
        bench::setupWrites(kBench, *triad->mentor, false);
        bench::syncDevice(kBench, *triad->mentor);
        bench::syncDevice(kBench, *triad->teacher);

        auto teacherSession = sessionOn(triad->storeDir(district::DemoRole::Teacher));
        auto mentorSession = sessionOn(triad->storeDir(district::DemoRole::Mentor));
        store::LocalStore &ts = *teacherSession->store();
        store::LocalStore &ms = *mentorSession->store();
        const ParCase parCase = bench::take(kBench, store::CaseService(ts).parCase(caseId), "the case on the phone");
        const auto names = bench::take(kBench, store::CaseService(ts).names(), "names");
        ui::CaseloadModel caseload;
        caseload.setSession(mentorSession.get());

        std::vector<double> inbox, reportsT, openOne, list, declines, statuses, facts, caseloadReload, reportsM;
        for (int round = 0; round < rounds; ++round) {
            std::vector<std::function<void()>> steps{
                [&] {
                    ui::ReportListModel model;
                    inbox.push_back(timed([&] { model.setSession(teacherSession.get()); }));
                    if (model.rowCount() != k + static_cast<int>(demoReports) || !model.errorText().isEmpty())
                        bench::die(kBench, "the inbox shows " + std::to_string(model.rowCount()) + " rows: " + model.errorText().toStdString());
                },
                [&] { reportsT.push_back(timed([&] { bench::take(kBench, store::ReportService(ts).reports(caseId), "reports"); })); },
                [&] { openOne.push_back(timed([&] { bench::take(kBench, store::ReportService(ts).report(newest), "one report"); })); },
                [&] { list.push_back(timed([&] { bench::take(kBench, store::DocumentStore(ts).list(caseId), "list"); })); },
                [&] {
                    const auto all = bench::take(kBench, store::ReportService(ts).reports(caseId), "reports");
                    double d = 0, s = 0, f = 0;
                    store::ResponseService shared(ts); // as the inbox does: one per load
                    for (const auto &h : all) {
                        const store::ReportVersion &v = h.versions.back();
                        d += timed([&] { (void)store::SignatureService(ts).declineOf(v.document.id); });
                        s += timed([&] { (void)store::ResponseService(ts).status(v.document.id); });
                        f += timed([&] { (void)ui::reportFacts(ts, parCase, v, names, shared); });
                    }
                    declines.push_back(d);
                    statuses.push_back(s);
                    facts.push_back(f);
                },
                [&] {
                    caseloadReload.push_back(timed([&] { caseload.reload(); }));
                    if (caseload.rowCount() == 0) bench::die(kBench, "the caseload is empty");
                },
                [&] { reportsM.push_back(timed([&] { bench::take(kBench, store::ReportService(ms).reports(caseId), "reports"); })); },
            };
            bench::shuffled(rng, steps);
        }
        using bench::percentile;
        const double in = percentile(inbox, 0.5);
        std::printf("  %7d | %9.2f %9.2f %9.2f | %9.2f %9.2f %9.2f %9.2f | %9.2f %9.2f %9.3f | %7.2f %7.1f\n", k + static_cast<int>(demoReports),
                    bench::ms(in), bench::ms(percentile(reportsT, 0.5)), bench::ms(percentile(openOne, 0.5)), bench::ms(percentile(list, 0.5)),
                    bench::ms(percentile(declines, 0.5)), bench::ms(percentile(statuses, 0.5)), bench::ms(percentile(facts, 0.5)),
                    bench::ms(percentile(caseloadReload, 0.5)), bench::ms(percentile(reportsM, 0.5)),
                    bench::ms(in) / (k + static_cast<double>(demoReports)), in / percentile(reportsT, 0.5), in / percentile(openOne, 0.5));
        std::fflush(stdout);
    }
    std::printf("  inbox: new ReportListModel, setSession -> rows loaded; facts: ui::reportFacts per row (declineOf + status + dates), summed;\n"
                "  caseload: CaseloadModel::reload on the mentor's tablet (%d cases); m.reports: ReportService::reports on the tablet\n",
                static_cast<int>(bench::take(kBench, store::CaseService(*triad->mentor).cases(), "cases").size()));
    return 0;
}
