// Cold start: from process start (just before the parent forks the child) to the first frame of
//   - an empty QML window (the baseline: Qt, the QML engine and the offscreen software renderer),
//   - the unlocked caseload window (App from app_setup.h: Main.qml, Session::unlockNow, the caseload page),
//   - the observation page holding 10,000 notes (the same, then Main.qml's openCase()),
// each in a fresh child process (this executable re-run with --child), rendered offscreen. The unlock (Argon2id,
// INTERACTIVE) is reported separately so it does not hide the rest. Runs are interleaved in a shuffled order.
// The observation page shows its newest notes first and opens the older ones on a thread of their own: its child also
// marks when every note is open and the CPU time its GUI thread and the whole process spent from the first frame to
// then, and each child reports its peak resident memory (VmHWM) once it is done.
//
//   bench_cold_start [RUNS] [NOTES]      (defaults: 7 runs of each, 10000 notes)
#include "app_setup.h"
#include "bench_util.h"
#include "observation_controller.h"
#include "secure_buffer.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QProcessEnvironment>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>

#include <map>
#include <random>
#include <time.h>
#include <unistd.h>

using namespace triad;

namespace {

constexpr const char *kName = "bench_cold_start";
[[noreturn]] void fail(const std::string &what) { bench::die(kName, what); }

void mark(const char *what, long long value = 0)
{
    const std::string line = std::string(what) + " " + std::to_string(bench::monotonicUs()) + " " + std::to_string(value) + "\n";
    if (::write(1, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::_Exit(1);
}

// A size from /proc/self/status, kB: "VmHWM" (peak resident set so far), "VmRSS" (resident now).
long long statusKb(const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field + ':')) return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    return -1;
}

// CPU time, µs: of the calling thread (here the GUI thread), or of the whole process (every thread).
long long cpuUs(clockid_t clock)
{
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<long long>(t.tv_sec) * 1000000 + t.tv_nsec / 1000;
}

QQuickItem *findStackView(QQuickWindow *window)
{
    for (QQuickItem *item : window->contentItem()->findChildren<QQuickItem *>())
        if (QByteArray(item->metaObject()->className()).startsWith("QQuickStackView")) return item;
    return nullptr;
}

// Marks the first frame after this point, then the first frame with the StackView's transition finished; with an
// observation page, also when every note is open ("allopen", then a frame showing it). Then the peak memory, and quit.
void markFrames(QQuickWindow *window, QQuickItem *stack, ui::ObservationController *controller)
{
    auto first = std::make_shared<bool>(true);
    auto settled = std::make_shared<bool>(false);
    if (controller && controller->openingNotes())
        QObject::connect(controller, &ui::ObservationController::openingNotesChanged, window, [controller, window] {
            if (controller->openingNotes()) return;
            mark("allopen", controller->notes()->rowCount());
            mark("guicpu", cpuUs(CLOCK_THREAD_CPUTIME_ID));
            mark("proccpu", cpuUs(CLOCK_PROCESS_CPUTIME_ID));
            window->update();
        });
    QObject::connect(
        window, &QQuickWindow::frameSwapped, window,
        [first, settled, stack, controller] {
            if (*first) {
                *first = false;
                mark("frame");
                mark("guicpu0", cpuUs(CLOCK_THREAD_CPUTIME_ID));
                mark("proccpu0", cpuUs(CLOCK_PROCESS_CPUTIME_ID));
            }
            if (!*settled && (!stack || !stack->property("busy").toBool())) {
                *settled = true;
                mark("settled");
            }
            if (*settled && (!controller || !controller->openingNotes())) {
                mark("peakkb", statusKb("VmHWM"));
                mark("rsskb", statusKb("VmRSS"));
                QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
            }
        },
        Qt::DirectConnection);
}

int child(int argc, char **argv)
{
    mark("main");
    const QString mode = QString::fromLocal8Bit(argv[2]);
    QGuiApplication app(argc, argv);
    if (!crypto::initialize()) fail("libsodium unavailable");
    mark("app");
    QTimer::singleShot(60000, &app, [] { fail("no settled frame within 60 s"); });
    if (mode == QLatin1String("empty")) {
        QQmlApplicationEngine engine;
        engine.loadData("import QtQuick\nWindow { width: 1180; height: 820; visible: true; color: \"#f6f5f2\" }");
        if (engine.rootObjects().isEmpty()) fail("the empty window did not load");
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        mark("loaded");
        markFrames(window, nullptr, nullptr);
        return app.exec();
    }
    app::initialiseStyle();
    app::Options options;
    options.storeDir = QString::fromLocal8Bit(argv[3]);
    options.fakeCapture = true;
    options.kdf = platform::KdfStrength::Interactive;
    app::App triad(options);
    QQuickWindow *window = triad.load({1180, 820});
    if (!window) fail("Main.qml did not load");
    mark("loaded");
    const long long u0 = bench::monotonicUs();
    if (auto s = triad.session().unlockNow(QString::fromLatin1(bench::kPassphrase)); !s) fail(s.error().message);
    mark("unlocked", bench::monotonicUs() - u0);
    ui::ObservationController *controller = nullptr;
    if (mode == QLatin1String("observation")) {
        QVariant page;
        QMetaObject::invokeMethod(window, "openCase", Q_RETURN_ARG(QVariant, page), Q_ARG(QVariant, QString::fromLocal8Bit(argv[4])));
        controller = page.value<QObject *>() ? page.value<QObject *>()->property("controller").value<ui::ObservationController *>() : nullptr;
        if (!controller) fail("the observation page did not open");
        mark("opened", controller->notes()->rowCount());
    }
    markFrames(window, findStackView(window), controller);
    return app.exec();
}

struct Run {
    std::map<std::string, double> ms; // milestone -> ms since the parent started the child
    std::map<std::string, long long> value;
};

Run runChild(const QString &mode, const bench::BenchStore &bs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::SeparateChannels);
    const long long t0 = bench::monotonicUs();
    p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), mode, bs.dir, QString::fromStdString(bs.bigCase.toString())});
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        fail("child " + mode.toStdString() + " failed: " + p.readAllStandardError().toStdString());
    Run r;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() != 3) continue;
        const std::string key = parts[0].toStdString();
        if (r.ms.count(key)) continue; // the first of each
        r.ms[key] = static_cast<double>(parts[1].toLongLong() - t0) / 1000.0;
        r.value[key] = parts[2].toLongLong();
    }
    if (!r.ms.count("frame")) fail("child " + mode.toStdString() + " rendered no frame: " + p.readAllStandardError().toStdString());
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 3 && std::string(argv[1]) == "--child") return child(argc, argv);
    ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
    const int runs = argc > 1 ? std::atoi(argv[1]) : 7;
    const int notes = argc > 2 ? std::atoi(argv[2]) : 10000;
    if (runs < 1 || notes < 0) fail("usage: bench_cold_start [RUNS>=1] [NOTES>=0]");
    QGuiApplication app(argc, argv);
    if (!crypto::initialize()) fail("libsodium unavailable");
    QTemporaryDir tmp(QDir::currentPath() + QStringLiteral("/bench-XXXXXX"));
    if (!tmp.isValid()) fail("cannot create a temporary directory");
    std::printf("cold start benchmark: %d runs of each, offscreen (software renderer)\n", runs);
    std::fflush(stdout);
    const bench::BenchStore bs = bench::createBenchStore(kName, tmp.filePath(QStringLiteral("store")), notes);

    const QStringList modes{QStringLiteral("empty"), QStringLiteral("caseload"), QStringLiteral("observation")};
    std::map<QString, std::vector<Run>> results;
    std::mt19937 shuffle(4242);
    // One unmeasured run of each first, so every measured run finds the binaries and the store in the page cache.
    for (const QString &m : modes) runChild(m, bs);
    for (int i = 0; i < runs; ++i) {
        QStringList order = modes;
        std::shuffle(order.begin(), order.end(), shuffle);
        for (const QString &m : order) results[m].push_back(runChild(m, bs));
    }
    auto median = [&](const QString &mode, const char *key) {
        std::vector<double> v;
        for (const Run &r : results[mode])
            if (r.ms.count(key)) v.push_back(r.ms.at(key));
        return bench::percentile(v, 0.5);
    };
    auto medianValue = [&](const QString &mode, const char *key) {
        std::vector<double> v;
        for (const Run &r : results[mode])
            if (r.value.count(key)) v.push_back(static_cast<double>(r.value.at(key)));
        return bench::percentile(v, 0.5);
    };
    auto minimum = [&](const QString &mode, const char *key) {
        double m = 1e300;
        for (const Run &r : results[mode])
            if (r.ms.count(key)) m = std::min(m, r.ms.at(key));
        return m;
    };
    const double base = median(QStringLiteral("empty"), "frame");
    std::printf("  milestones, median of %d runs, ms since the parent started the child process:\n", runs);
    std::printf("  %-34s %8s %8s %8s %8s %8s %9s %9s %9s %9s\n", "", "main()", "loaded", "unlocked", "opened", "frame", "settled", "min frame",
                "all open", "peak MB");
    for (const QString &m : modes) {
        auto cell = [&](const char *key) { return results[m].front().ms.count(key) ? median(m, key) : -1.0; };
        std::printf("  %-34s %8.1f %8.1f %8.1f %8.1f %8.1f %9.1f %9.1f %9.1f %9.1f\n",
                    m == QLatin1String("empty")      ? "empty QML window (baseline)"
                    : m == QLatin1String("caseload") ? "unlocked caseload window"
                                                     : "observation page (newest notes)",
                    cell("main"), cell("loaded"), cell("unlocked"), cell("opened"), cell("frame"), cell("settled"), minimum(m, "frame"),
                    cell("allopen"), medianValue(m, "peakkb") / 1024.0);
    }
    const double unlock = medianValue(QStringLiteral("caseload"), "unlocked") / 1000.0;
    const double unlockObs = medianValue(QStringLiteral("observation"), "unlocked") / 1000.0;
    const double caseload = median(QStringLiteral("caseload"), "frame");
    const double observation = median(QStringLiteral("observation"), "frame");
    const double openMs = median(QStringLiteral("observation"), "opened") - median(QStringLiteral("observation"), "unlocked");
    std::printf("  unlock (Argon2id INTERACTIVE + key unwrap + open/migrate), median: %.1f ms (caseload runs), %.1f ms (observation runs)\n", unlock,
                unlockObs);
    std::printf("  openCase: %lld notes open before the first frame, %.1f ms (open the newest, build the page); all %lld open at %.1f ms\n",
                static_cast<long long>(medianValue(QStringLiteral("observation"), "opened")), openMs,
                static_cast<long long>(medianValue(QStringLiteral("observation"), "allopen")), median(QStringLiteral("observation"), "allopen"));
    std::printf("  first frame, observation / caseload: %.2f   (target <= 1.5)\n", observation / caseload);
    // Who did the opening after the first frame: the GUI thread (between frames) or another thread.
    auto cpuBetween = [&](const char *from, const char *to) {
        std::vector<double> v;
        for (const Run &r : results[QStringLiteral("observation")])
            if (r.value.count(from) && r.value.count(to)) v.push_back(static_cast<double>(r.value.at(to) - r.value.at(from)) / 1000.0);
        return v.empty() ? -1.0 : bench::percentile(v, 0.5);
    };
    std::printf("  CPU from the first frame to every note open, median: GUI thread %.1f ms, whole process %.1f ms\n",
                cpuBetween("guicpu0", "guicpu"), cpuBetween("proccpu0", "proccpu"));
    // The unlock's Argon2id (INTERACTIVE) takes 64 MiB for a moment, so the peak of both app windows includes it.
    for (const char *key : {"peakkb", "rsskb"})
        std::printf("  %s, median: empty window %.1f MB, caseload %.1f MB, observation with every note open %.1f MB\n",
                    std::string(key) == "peakkb" ? "peak resident memory (VmHWM)" : "resident at the end (VmRSS)   ",
                    medianValue(QStringLiteral("empty"), key) / 1024.0, medianValue(QStringLiteral("caseload"), key) / 1024.0,
                    medianValue(QStringLiteral("observation"), key) / 1024.0);
    std::printf("  first frame, ratio to the empty window:    caseload %.2f   observation %.2f\n", caseload / base, observation / base);
    std::printf("  the same without the unlock time:          caseload %.2f   observation %.2f   (%.1f ms, %.1f ms)\n", (caseload - unlock) / base,
                (observation - unlockObs) / base, caseload - unlock, observation - unlockObs);
    return 0;
}
