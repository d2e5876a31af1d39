// Acknowledgement from the teacher's tap to the mentor's device seeing it, on loopback (docs/benchmarks.md
// "Reports: acknowledgement, the teacher's tap to the mentor's tablet"): on the demo district (bench_triad.h, the
// case store in-process on loopback, receipts signed), the mentor issues REPORTS reports (each from 3 tagged notes)
// and both devices sync. Then for each report, in a shuffled order with the baseline:
//
// - the path: SignatureService::acknowledge on the teacher's phone (the agreement in force checked, the report
//   version's bytes and content bound, signed, one durable commit), the phone's sync (push; it also pulls), the
//   tablet's sync (pull), then DocumentStore::current(id).acknowledged on the tablet — repeated (sync, look) until
//   true;
// - the baseline, same run: one empty round trip — the phone's syncOnce and the tablet's syncOnce with nothing to
//   send or fetch.
//
//   bench_ack [REPORTS]      (default 20)
//   bench_ack --smoke        (3 reports: the CTest run, label bench)
#include "bench_triad.h"

#include "document_store.h"
#include "signature_service.h"

#include <QCoreApplication>
#include <QThread>

#include <functional>

using namespace triad;
using SteadyClock = std::chrono::steady_clock;

namespace {
constexpr const char *kBench = "bench_ack";
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    crypto::initialize();
    const int reportCount = bench::Sizes(argc, argv)(1, 20, 3);

    auto triad = bench::makeTriad(kBench);
    store::LocalStore &mentor = *triad->mentor;
    store::LocalStore &teacher = *triad->teacher;
    const RecordId caseId = triad->caseId();

    // The teacher's electronic-records agreement, signed once before the first signature (the demo signs its report
    // through DocumentStore directly).
    bench::take(kBench, store::SignatureService(teacher).agreeToElectronicRecords(caseId), "the teacher's agreement");
    bench::setupWrites(kBench, mentor, true);
    std::vector<RecordId> reports;
    for (int i = 0; i < reportCount; ++i) {
        const std::int64_t from = mentor.now();
        const std::int64_t to = bench::endAfter(mentor, bench::addTaggedNotes(kBench, mentor, caseId, 3, 3, i * 3));
        reports.push_back(bench::composeAndIssue(kBench, mentor, caseId, {from, to}, 600, i).version.document.id);
    }
    bench::setupWrites(kBench, mentor, false);
    bench::syncDevice(kBench, mentor);
    bench::syncDevice(kBench, teacher);
    // Settle: a second round trip each, so the baseline starts from devices with nothing left to exchange.
    bench::syncDevice(kBench, mentor);
    bench::syncDevice(kBench, teacher);

    std::vector<double> ack, push, pull, look, total, emptyTeacher, emptyMentor, emptyBoth;
    std::int64_t pushedRecords = 0, pulledRecords = 0;
    int extraPulls = 0;
    std::mt19937 rng(3);
    for (const RecordId &id : reports) {
        std::vector<std::function<void()>> steps{
            [&] {
                const auto t0 = SteadyClock::now();
                bench::take(kBench, store::SignatureService(teacher).acknowledge(id), "acknowledging");
                const auto t1 = SteadyClock::now();
                pushedRecords += bench::syncDevice(kBench, teacher).pushed;
                const auto t2 = SteadyClock::now();
                double lookS = 0;
                for (int attempt = 0;; ++attempt) {
                    pulledRecords += bench::syncDevice(kBench, mentor).pulled;
                    const auto l0 = SteadyClock::now();
                    const bool seen = bench::take(kBench, store::DocumentStore(mentor).current(id), "the report on the tablet").acknowledged;
                    lookS += bench::secondsSince(l0);
                    if (seen) break;
                    if (attempt == 5) bench::die(kBench, "the tablet never saw the acknowledgement");
                    ++extraPulls;
                }
                const auto t3 = SteadyClock::now();
                ack.push_back(std::chrono::duration<double>(t1 - t0).count());
                push.push_back(std::chrono::duration<double>(t2 - t1).count());
                pull.push_back(std::chrono::duration<double>(t3 - t2).count() - lookS);
                look.push_back(lookS);
                total.push_back(std::chrono::duration<double>(t3 - t0).count());
            },
            [&] {
                const auto t0 = SteadyClock::now();
                const auto a = bench::syncDevice(kBench, teacher);
                const auto t1 = SteadyClock::now();
                const auto b = bench::syncDevice(kBench, mentor);
                const auto t2 = SteadyClock::now();
                if (a.pushed + a.pulled + b.pushed + b.pulled != 0) bench::die(kBench, "the empty round trip carried records");
                emptyTeacher.push_back(std::chrono::duration<double>(t1 - t0).count());
                emptyMentor.push_back(std::chrono::duration<double>(t2 - t1).count());
                emptyBoth.push_back(std::chrono::duration<double>(t2 - t0).count());
            },
        };
        bench::shuffled(rng, steps);
    }

    using bench::ms;
    using bench::percentile;
    std::printf("%s: %d reports acknowledged on the teacher's phone and seen on the mentor's tablet, through the case store on loopback\n", kBench,
                reportCount);
    std::printf("  %-58s %9s %9s %9s\n", "step", "p50 ms", "p99 ms", "max ms");
    auto row = [&](const char *what, const std::vector<double> &v) {
        std::printf("  %-58s %9.2f %9.2f %9.2f\n", what, ms(percentile(v, 0.5)), ms(percentile(v, 0.99)), ms(percentile(v, 1.0)));
    };
    row("SignatureService::acknowledge (phone)", ack);
    row("phone sync: push the acknowledgement (and pull)", push);
    row("tablet sync: pull it", pull);
    row("DocumentStore::current(id).acknowledged (tablet)", look);
    row("tap to seen on the tablet", total);
    row("baseline: empty syncOnce, phone", emptyTeacher);
    row("baseline: empty syncOnce, tablet", emptyMentor);
    row("baseline: empty round trip (phone + tablet)", emptyBoth);
    std::printf("  records pushed by the phone %lld, pulled by the tablet %lld, extra pulls needed %d\n", static_cast<long long>(pushedRecords),
                static_cast<long long>(pulledRecords), extraPulls);
    std::printf("  ratio tap-to-seen / empty round trip: p50 %.2f, p99 %.2f\n", percentile(total, 0.5) / percentile(emptyBoth, 0.5),
                percentile(total, 0.99) / percentile(emptyBoth, 0.99));
    return 0;
}
