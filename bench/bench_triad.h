// The three-device demo district (district/demo_triad.h) against a real case store in-process on loopback, for the
// report benchmarks of issue 12 (docs/benchmarks.md "Reports"): the mentor's tablet, the referred teacher's phone and
// the site administrator's tablet, enrolled, with the demo's caseload, its referred case and two reports already
// issued (one acknowledged, so the teacher's electronic-records agreement is in force). Set up the way
// tests/sync/test_demo_triad.cpp does it: the case store (SQLite, WAL, synchronous=FULL, its own receipt key) runs on
// the benchmark's thread, so a device's sync and the case store's work share the event loop, as in the tests.
// Everything lives in a temporary folder under the current directory.
#pragma once

#include "bench_util.h"

#include "casestore_server.h"
#include "demo_triad.h"
#include "note_service.h"
#include "report_service.h"
#include "sqlite_record_storage.h"
#include "sync_engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
#include <QThread>
#include <QTemporaryDir>

#include <cctype>
#include <memory>
#include <random>

namespace triad::bench {

// The benchmark's sizes: `--smoke` gives the CTest run's, otherwise the positional arguments, each with its default.
struct Sizes {
    Sizes(int argc, char **argv) : m_argc(argc), m_argv(argv), smoke(argc > 1 && std::string(argv[1]) == "--smoke") {}
    int operator()(int position, int full, int smokeSize) const
    {
        return smoke ? smokeSize : m_argc > position ? std::atoi(m_argv[position]) : full;
    }

private:
    int m_argc;
    char **m_argv;

public:
    const bool smoke;
};

// Benchmarks with a QGuiApplication run offscreen unless told otherwise.
inline void offscreenByDefault()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
}

struct Triad {
    explicit Triad(const char *b) : bench(b), root(QDir::currentPath() + QStringLiteral("/bench-triad-XXXXXX")) {}
    const char *bench;
    QTemporaryDir root;
    std::string dir; // the demo folder
    platform::PassphraseKeystore keystore{platform::KdfStrength::Interactive};
    crypto::Identity receiptKey = crypto::Identity::generate();
    std::unique_ptr<casestore::SqliteRecordStorage> storage;
    std::unique_ptr<casestore::CaseStoreServer> server;
    std::string url;
    district::DemoTriadOutcome outcome;
    std::unique_ptr<store::LocalStore> mentor, teacher;

    QString storeDir(district::DemoRole role) const { return district::demoStoreDir(dir, role); }
    RecordId caseId() const { return outcome.caseId; }
};

// Needs a Q(Core|Gui)Application. Takes a few seconds (Argon2id for the keys and stores, the demo's caseload, two
// reports composed and issued, three devices synced).
inline std::unique_ptr<Triad> makeTriad(const char *bench)
{
    auto t = std::make_unique<Triad>(bench);
    if (!t->root.isValid()) die(bench, "cannot make a working directory here");
    t->dir = t->root.filePath(QStringLiteral("triad-demo")).toStdString();
    const auto pass = credential();
    take(bench, district::prepareDemoTriad(t->dir, t->keystore, pass, pass, std::nullopt, store::systemClockMs()), "preparing the demo district");
    const auto info = take(bench, district::DistrictFolder(district::demoDistrictDir(t->dir)).info(), "reading the district info");
    t->storage = take(bench, casestore::SqliteRecordStorage::open(t->root.filePath(QStringLiteral("casestore.db")).toStdString()), "opening the case store");
    t->server = std::make_unique<casestore::CaseStoreServer>(*t->storage, casestore::systemNowMs, info);
    const quint16 port = t->server->listen(QHostAddress::LocalHost, 0);
    if (port == 0) die(bench, "the case store did not listen");
    t->url = "http://127.0.0.1:" + std::to_string(port);
    check(bench, t->server->api().setOrigin(t->url), "the case store's origin");
    t->server->api().setReceiptKey(take(bench, crypto::Identity::importSecret(t->receiptKey.exportSecret().span()), "the receipt key"));
    take(bench,
         district::prepareDemoTriad(t->dir, t->keystore, pass, pass, std::vector<directory::ReceiptKey>{directory::receiptKeyOf(t->receiptKey)},
                                    store::systemClockMs()),
         "publishing the case store's receipt key");
    t->outcome = take(bench, district::connectDemoTriad(t->dir, t->keystore, pass, t->url), "connecting the demo triad");
    t->mentor = take(bench, store::LocalStore::open(t->storeDir(district::DemoRole::Mentor), t->keystore, pass), "opening the mentor's tablet");
    t->teacher = take(bench, store::LocalStore::open(t->storeDir(district::DemoRole::Teacher), t->keystore, pass), "opening the teacher's phone");
    return t;
}

// One sync of a device against the case store; the benchmark stops unless it synced.
inline sync::SyncReport syncDevice(const char *bench, store::LocalStore &s)
{
    sync::SyncOptions o;
    o.requestTimeoutMs = 20000;
    o.jitterSeed = 7;
    sync::SyncEngine engine(s, o);
    const sync::SyncReport r = engine.syncOnce();
    if (r.state != sync::SyncState::Synced) die(bench, std::string("sync: ") + sync::syncStateName(r.state) + ": " + r.message);
    return r;
}

// Setting up only: no fsync per write (see createBenchStore). What is measured runs with synchronous=FULL.
inline void setupWrites(const char *bench, store::LocalStore &s, bool fast)
{
    check(bench, s.database().exec(fast ? "PRAGMA synchronous=OFF" : "PRAGMA synchronous=FULL"), "PRAGMA synchronous");
}

// `notes` notes in the case, CSTP-tagged (the tags of bench_util.h, every note tagged), in observations of up to
// `perObservation` notes each (each started and ended). Returns the notes written.
inline std::vector<Note> addTaggedNotes(const char *bench, store::LocalStore &s, const RecordId &caseId, int notes, int perObservation, int seed = 0)
{
    std::vector<Note> out;
    store::NoteService service(s);
    for (int i = 0; i < notes;) {
        const auto obs = take(bench, service.startObservation(caseId, i % 2 ? ObservationKind::Informal : ObservationKind::Formal, true,
                                                              "Period " + std::to_string(1 + (i / perObservation) % 6)),
                              "starting an observation");
        for (int j = 0; j < perObservation && i < notes; ++j, ++i) {
            std::vector<std::string> tags = noteTags(seed + i);
            if (tags.empty()) tags = {"1.4"};
            out.push_back(take(bench, service.addNote(obs.id, noteText(seed + i), tags), "adding a note"));
        }
        take(bench, service.endObservation(obs.id), "ending an observation");
    }
    return out;
}

// The end of a period holding `notes` (exclusive), and waits until the store's clock has passed it, so what is written
// next falls after it. Notes written faster than one a millisecond are dated ahead of the clock (each after the last).
inline std::int64_t endAfter(store::LocalStore &s, const std::vector<Note> &notes)
{
    std::int64_t to = s.now() + 1;
    for (const Note &n : notes) to = std::max(to, n.takenAtMs + 1);
    while (s.now() <= to) QThread::msleep(1);
    return to;
}

// A narrative of about `chars` characters.
inline std::string narrative(int chars, int seed)
{
    std::string text;
    for (int i = 0; static_cast<int>(text.size()) < chars; ++i) {
        std::string sentence = noteText(seed * 97 + i);
        sentence = sentence.substr(sentence.find(':') + 2);
        sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
        text += (text.empty() ? "" : " ") + sentence + ".";
    }
    return text;
}

// Composes the case's report over `period`, writes the overall narrative and one per section, and issues it.
struct IssueTimes {
    double composeS = 0, narrativeS = 0, issueS = 0;
    std::size_t notesInPeriod = 0, sections = 0, excerpts = 0;
    store::ReportVersion version;
};
inline IssueTimes composeAndIssue(const char *bench, store::LocalStore &s, const RecordId &caseId, store::ReportPeriod period, int narrativeChars,
                                  int seed)
{
    IssueTimes out;
    store::ReportService reports(s);
    auto t0 = std::chrono::steady_clock::now();
    const store::ComposeOutcome composed = take(bench, reports.compose(caseId, period), "composing");
    out.composeS = secondsSince(t0);
    out.notesInPeriod = composed.notesInPeriod;
    out.sections = composed.draft.content.sections.size();
    for (const auto &section : composed.draft.content.sections) out.excerpts += section.excerpts.size();
    t0 = std::chrono::steady_clock::now();
    check(bench, reports.setNarrative(caseId, std::nullopt, narrative(narrativeChars, seed)), "the overall narrative");
    for (const auto &section : composed.draft.content.sections)
        check(bench, reports.setNarrative(caseId, section.standard, narrative(narrativeChars, seed + 1 + std::atoi(section.standard.c_str()))),
              "a section's narrative");
    out.narrativeS = secondsSince(t0);
    t0 = std::chrono::steady_clock::now();
    out.version = take(bench, reports.issueDraft(caseId), "issuing");
    out.issueS = secondsSince(t0);
    return out;
}

inline double ms(double seconds) { return seconds * 1e3; }

template <typename Fn>
void shuffled(std::mt19937 &rng, std::vector<Fn> &steps)
{
    std::shuffle(steps.begin(), steps.end(), rng);
    for (auto &f : steps) f();
}

} // namespace triad::bench
