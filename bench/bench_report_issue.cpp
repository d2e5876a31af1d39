// Issuing a report built from 500 tagged notes (docs/benchmarks.md "Reports: issuing a report from 500 tagged
// notes"): the demo district's referred case on the mentor's tablet (bench_triad.h) gets NOTES notes tagged to CSTP
// elements in observations of 100, then each round composes the case's report over exactly those notes
// (ReportService::compose), writes the overall narrative and one per section (setNarrative), and issues it
// (issueDraft: version 1 of a new report, sealed to its readers, signed, one durable commit). Interleaved in a
// shuffled order in each round, the baselines: saving one note (NoteService::addNote, after the period so the report
// does not grow) and reading the case's notes back (NoteService::notes: every note opened and checked).
//
//   bench_report_issue [NOTES] [ROUNDS]     (defaults: 500 notes, 9 rounds)
//   bench_report_issue --smoke              (40 notes, 2 rounds: the CTest run, label bench)
//
// Run it from a directory on a real disk: the stores and the case store's file are made under the current directory.
#include "bench_triad.h"

#include <QCoreApplication>
#include <QThread>

#include <functional>

using namespace triad;
using SteadyClock = std::chrono::steady_clock;

namespace {
constexpr const char *kBench = "bench_report_issue";
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    crypto::initialize();
    const bench::Sizes size(argc, argv);
    const int notes = size(1, 500, 40), rounds = size(2, 9, 2);

    auto triad = bench::makeTriad(kBench);
    store::LocalStore &mentor = *triad->mentor;
    const RecordId caseId = triad->caseId();

    bench::setupWrites(kBench, mentor, true);
    const std::int64_t from = mentor.now();
    const auto t0 = SteadyClock::now();
    const auto written = bench::addTaggedNotes(kBench, mentor, caseId, notes, 100);
    const double setupS = bench::secondsSince(t0);
    const std::int64_t to = bench::endAfter(mentor, written);
    bench::setupWrites(kBench, mentor, false);
    // The baseline notes go in an observation of their own, started after the period.
    const RecordId laterObservation =
        bench::take(kBench, store::NoteService(mentor).startObservation(caseId, ObservationKind::Informal, false, "After the period"), "observing").id;

    std::vector<double> compose, narratives, issue, total, addNote, readNotes;
    std::size_t sealed = 0, sections = 0, excerpts = 0, inPeriod = 0, readBack = 0;
    std::mt19937 rng(12);
    for (int round = 0; round < rounds; ++round) {
        std::vector<std::function<void()>> steps{
            [&] {
                const bench::IssueTimes t = bench::composeAndIssue(kBench, mentor, caseId, {from, to}, 1500, round);
                compose.push_back(t.composeS);
                narratives.push_back(t.narrativeS);
                issue.push_back(t.issueS);
                total.push_back(t.composeS + t.narrativeS + t.issueS);
                const auto held = bench::take(kBench, mentor.heldRecord(t.version.document.id), "the issued record");
                if (!held) bench::die(kBench, "the issued record is not held");
                sealed = held->body.size();
                sections = t.sections;
                excerpts = t.excerpts;
                inPeriod = t.notesInPeriod;
            },
            [&] {
                const auto a = SteadyClock::now();
                bench::take(kBench, store::NoteService(mentor).addNote(laterObservation, bench::noteText(round), {"2.6"}), "saving a note");
                addNote.push_back(bench::secondsSince(a));
            },
            [&] {
                const auto a = SteadyClock::now();
                readBack = bench::take(kBench, store::NoteService(mentor).notes(caseId), "reading the notes").size();
                readNotes.push_back(bench::secondsSince(a));
            },
        };
        bench::shuffled(rng, steps);
    }
    if (inPeriod != static_cast<std::size_t>(notes)) bench::die(kBench, "the report covers " + std::to_string(inPeriod) + " notes, not " + std::to_string(notes));

    using bench::ms;
    using bench::percentile;
    std::printf("%s: a report composed from %d tagged notes (%zu sections, %zu excerpts) and issued, on the mentor's tablet, %d rounds\n", kBench,
                notes, sections, excerpts, rounds);
    std::printf("  setup: %d notes written in %.1f s (synchronous=OFF); the case holds %zu notes with the demo's and the baselines'\n", notes,
                setupS, readBack);
    std::printf("  %-52s %10s %10s %10s\n", "operation", "p50 ms", "max ms", "/ addNote");
    const double base = percentile(addNote, 0.5);
    auto row = [&](const char *what, const std::vector<double> &v) {
        std::printf("  %-52s %10.2f %10.2f %10.1f\n", what, ms(percentile(v, 0.5)), ms(percentile(v, 1.0)), percentile(v, 0.5) / base);
    };
    row("compose (read the case, build the draft, seal it)", compose);
    row("setNarrative x (1 + sections), 1,500 characters each", narratives);
    row("issueDraft (version 1: seal, sign, commit, outbox)", issue);
    row("compose + narratives + issue", total);
    row("baseline: NoteService::addNote, one note", addNote);
    row("baseline: NoteService::notes, the whole case", readNotes);
    std::printf("  sealed report record: %zu bytes; ratios: issue / read the notes %.2f, compose / read the notes %.2f\n", sealed,
                percentile(issue, 0.5) / percentile(readNotes, 0.5), percentile(compose, 0.5) / percentile(readNotes, 0.5));
    return 0;
}
