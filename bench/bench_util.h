// Small helpers shared by the app benchmarks: percentiles, a monotonic clock shared across processes
// (std::chrono::steady_clock is CLOCK_MONOTONIC on Linux) and a store with a long observation.
#pragma once

#include "demo_district.h"
#include "local_store.h"
#include "linux/passphrase_keystore.h"
#include "case_service.h"
#include "note_service.h"

#include <QFile>
#include <QString>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace triad::bench {

inline constexpr const char *kPassphrase = "benchmark passphrase";

[[noreturn]] inline void die(const char *bench, const std::string &what)
{
    std::fprintf(stderr, "%s: %s\n", bench, what.c_str());
    std::exit(1);
}

// The value, or the benchmark stops with what failed.
template <typename T>
T take(const char *bench, Result<T> r, const char *what)
{
    if (!r) die(bench, std::string(what) + ": " + r.error().message);
    return std::move(*r);
}

inline void check(const char *bench, const Status &s, const char *what)
{
    if (!s) die(bench, std::string(what) + ": " + s.error().message);
}

inline double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU seconds (user + system, all threads) a process has used so far: "self" or a pid. Benchmarks report CPU next to
// wall time, because these 2-core machines are shared and a busy neighbour stretches wall time, not CPU time.
inline double cpuSeconds(const QString &pid = QStringLiteral("self"))
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const QByteArray stat = f.readAll();
    // Fields after the command name (which may hold spaces) start after the last ')': state is field 3, utime 14.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13) return 0;
    return static_cast<double>(fields[11].toLongLong() + fields[12].toLongLong()) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

inline double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    return v[i];
}

inline long long monotonicUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline platform::UnlockCredential credential() { return platform::UnlockCredential::fromPassphrase(kPassphrase); }

// A note of realistic length (80-330 characters) for note number i.
inline std::string noteText(int i)
{
    static const char *const words[] = {"students", "warm-up",   "routine",   "partner", "sourcing",    "transition",
                                        "table",    "materials", "wait-time", "bell",    "exit ticket", "questions",
                                        "groups",   "posted",    "objective", "checked", "for",         "understanding"};
    std::string text = "Note " + std::to_string(i) + ":";
    unsigned x = 2654435761u * static_cast<unsigned>(i + 1);
    const std::size_t length = 80 + (x >> 8) % 250;
    while (text.size() < length) {
        x = x * 1664525u + 1013904223u;
        text += ' ';
        text += words[(x >> 16) % (sizeof words / sizeof *words)];
    }
    return text;
}

inline std::vector<std::string> noteTags(int i)
{
    switch (i % 4) {
    case 0: return {"2.6"};
    case 1: return {"5.2", "2.7"};
    case 2: return {};
    default: return {"4.2"};
    }
}

struct BenchStore {
    QString dir;
    RecordId bigCase;   // a referred case whose open observation holds `notes` notes
    RecordId emptyCase; // a referred case with an open observation and no notes
};

// The demo district plus `notes` notes in one open observation, written through LocalStore (one durable
// transaction each, as the app writes them).
inline BenchStore createBenchStore(const char *bench, const QString &dir, int notes)
{
    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
    if (auto s = store::LocalStore::create(dir, keystore, credential(), {"Alex Rivera", "E-10001", {Role::ParMentor}}); !s)
        die(bench, s.error().message);
    auto opened = store::LocalStore::open(dir, keystore, credential());
    if (!opened) die(bench, opened.error().message);
    store::LocalStore &s = **opened;
    if (auto demo = store::loadDemoDistrict(s); !demo) die(bench, demo.error().message);
    BenchStore out{dir, {}, {}};
    int found = 0;
    auto cases = store::CaseService(s).cases();
    if (!cases) die(bench, cases.error().message);
    for (const auto &c : *cases) {
        auto open = store::NoteService(s).openObservation(c.id);
        if (!open) die(bench, open.error().message);
        if (c.kind != CaseKind::Referred || open->has_value()) continue;
        (found++ == 0 ? out.bigCase : out.emptyCase) = c.id;
        if (found == 2) break;
    }
    if (found < 2) die(bench, "the demo district has fewer than two idle referred cases");
    auto big = store::NoteService(s).startObservation(out.bigCase, ObservationKind::Formal, true, "Period 2 — World History");
    if (!big) die(bench, big.error().message);
    if (auto e = store::NoteService(s).startObservation(out.emptyCase, ObservationKind::Informal, true, "Morning block"); !e)
        die(bench, e.error().message);
    // Setting up only: without an fsync per note (the store writes one durable transaction per note), so 10,000
    // notes take seconds, not a minute. What the benchmarks measure runs with the store's own synchronous=FULL.
    if (auto r = s.database().exec("PRAGMA synchronous=OFF"); !r) die(bench, r.error().message);
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < notes; ++i)
        if (auto n = store::NoteService(s).addNote(big->id, noteText(i), noteTags(i)); !n) die(bench, n.error().message);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (auto r = s.database().exec("PRAGMA synchronous=FULL"); !r) die(bench, r.error().message);
    if (auto r = s.database().exec("PRAGMA wal_checkpoint(TRUNCATE)"); !r) die(bench, r.error().message);
    std::printf("  store: demo district + %d notes in one open observation, written in %.1f s (setup, synchronous=OFF)\n", notes, seconds);
    return out;
}

} // namespace triad::bench
