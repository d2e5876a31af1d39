// Scrolling the real observation page: Main.qml (through App from app_setup.h), unlocked, openCase() on a case
// whose open observation holds 10,000 notes; the notes ListView (objectName "notesView", reuseItems) is stepped from
// top to bottom by setting contentY, and one frame is rendered offscreen after each step. Baseline, interleaved step
// by step in the same process: the same page in a second window on a case whose observation has no notes, stepped
// the same way. Reports the time from setting contentY to the frame being swapped: p50, p99, max.
// The page shows its newest notes at once and opens the older ones on a thread of their own: a first pass scrolls up
// from the newest while they are still opening (down again from the top, so every step scrolls; interleaved with the
// baseline the same way), until every note is open, its frames reported apart while the pages still slide in (the
// StackView push transitions) and once they are in place; then the pass from top to bottom. `--screenshots DIR` also saves the page at 1180x820 and 390x844 while the
// notes are opening and once they are all open.
//
//   bench_scroll [NOTES] [STEP_PX] [--screenshots DIR]      (defaults: 10000 notes, 160 px per step)
#include "app_setup.h"
#include "bench_util.h"
#include "observation_controller.h"
#include "secure_buffer.h"

#include <QDir>
#include <QEventLoop>
#include <QGuiApplication>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>

#include <random>

using namespace triad;

namespace {

constexpr const char *kName = "bench_scroll";
[[noreturn]] void fail(const std::string &what) { bench::die(kName, what); }

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Page {
    std::unique_ptr<app::App> app;
    QQuickWindow *window = nullptr;
    QQuickItem *notesView = nullptr;
    ui::ObservationController *controller = nullptr;
    QQuickItem *pageItem = nullptr;
    std::vector<double> frameUs;

    Page(const QString &storeDir, const RecordId &caseId, int x, QSize size = {1180, 820})
    {
        app::Options options;
        options.storeDir = storeDir;
        options.fakeCapture = true;
        options.kdf = platform::KdfStrength::Interactive;
        app = std::make_unique<app::App>(options);
        window = app->load(size);
        if (!window) fail("Main.qml did not load");
        window->setPosition(x, 0);
        if (auto s = app->session().unlockNow(QString::fromLatin1(bench::kPassphrase)); !s) fail(s.error().message);
        QVariant page;
        QMetaObject::invokeMethod(window, "openCase", Q_RETURN_ARG(QVariant, page), Q_ARG(QVariant, QString::fromStdString(caseId.toString())));
        QObject *pageObject = page.value<QObject *>();
        if (!pageObject) fail("openCase returned no page");
        pageItem = qobject_cast<QQuickItem *>(pageObject);
        controller = pageObject->property("controller").value<ui::ObservationController *>();
        notesView = pageObject->findChild<QQuickItem *>(QStringLiteral("notesView"));
        if (!controller || !notesView) fail("the observation page has no controller or no notesView");
        if (!controller->active()) fail("the observation is not under way");
    }

    double contentY() const { return notesView->property("contentY").toDouble(); }
    double top() const { return notesView->property("originY").toDouble() - notesView->property("topMargin").toDouble(); }
    bool atEnd() const { return notesView->property("atYEnd").toBool(); }
    bool atTop() const { return notesView->property("atYBeginning").toBool(); }
    bool opening() const { return controller->openingNotes(); }
    // The StackView's push transition is over: the page is in place, fully opaque.
    bool inPlace() const { return pageItem && pageItem->x() == 0 && pageItem->opacity() == 1; }

    // Sets contentY and waits for the frame that shows it; returns the microseconds that took.
    double step(double y)
    {
        QEventLoop loop;
        bool swapped = false;
        auto c = QObject::connect(
            window, &QQuickWindow::frameSwapped, &loop,
            [&] {
                swapped = true;
                loop.quit();
            },
            Qt::QueuedConnection);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        const long long t0 = bench::monotonicUs();
        notesView->setProperty("contentY", y);
        window->update(); // the empty page has nothing to scroll, but renders a frame all the same
        loop.exec();
        const double us = static_cast<double>(bench::monotonicUs() - t0);
        QObject::disconnect(c);
        if (!swapped) fail("no frame within 5 s");
        return us;
    }
};

} // namespace

int main(int argc, char **argv)
{
    // Render as soon as an update is requested (the platform default waits 5 ms between update requests).
    qputenv("QT_QPA_UPDATE_IDLE_TIME", "0");
    ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
    QString screenshots;
    std::vector<char *> args;
    for (int i = 0; i < argc; ++i) {
        if (std::string(argv[i]) == "--screenshots" && i + 1 < argc)
            screenshots = QString::fromLocal8Bit(argv[++i]);
        else
            args.push_back(argv[i]);
    }
    argc = static_cast<int>(args.size());
    argv = args.data();
    const int notes = argc > 1 ? std::atoi(argv[1]) : 10000;
    const double stepPx = argc > 2 ? std::atof(argv[2]) : 160.0;
    if (notes < 1 || stepPx < 1) fail("usage: bench_scroll [NOTES>=1] [STEP_PX>=1] [--screenshots DIR]");
    QGuiApplication qapp(argc, argv);
    if (!crypto::initialize()) fail("libsodium unavailable");
    app::initialiseStyle();
    QTemporaryDir tmp(QDir::currentPath() + QStringLiteral("/bench-XXXXXX"));
    if (!tmp.isValid()) fail("cannot create a temporary directory");
    std::printf("scroll benchmark: the observation page's notes ListView, %.0f px per step, offscreen (software renderer)\n", stepPx);
    std::fflush(stdout);
    const bench::BenchStore bs = bench::createBenchStore(kName, tmp.filePath(QStringLiteral("store")), notes);

    Page full(bs.dir, bs.bigCase, 0);
    Page empty(bs.dir, bs.emptyCase, 1200);
    std::unique_ptr<Page> phone;
    if (!screenshots.isEmpty()) phone = std::make_unique<Page>(bs.dir, bs.bigCase, 2400, QSize(390, 844));
    if (empty.controller->notes()->rowCount() != 0) fail("the baseline page has notes");
    const int shownAtOnce = full.controller->notes()->rowCount();
    if (!full.opening()) fail("the page opened every note before it showed");
    auto grab = [&](const char *when) {
        if (screenshots.isEmpty()) return;
        QDir().mkpath(screenshots);
        for (Page *p : {&full, phone.get()}) {
            const QString file = QStringLiteral("%1/observation-%2x%3-%4.png")
                                     .arg(screenshots)
                                     .arg(p->window->width())
                                     .arg(p->window->height())
                                     .arg(QLatin1String(when));
            if (!p->window->grabWindow().save(file)) fail("cannot save " + file.toStdString());
            std::printf("  saved %s (%d of %d notes open)\n", qPrintable(file), p->controller->notesRead(), p->controller->notesHeld());
        }
    };

    // While the older notes open: up from the newest, a step and a frame at a time, until every note is open.
    std::mt19937 coin(7);
    std::vector<double> openingUs, openingBaseUs;     // both pages in place
    std::vector<double> slidingUs, slidingBaseUs;     // either page still sliding in (StackView push transition)
    int notesAtPlace = -1;                            // notes in the list when the page was first in place
    double direction = -1;                            // up from the newest; down again from the top, up from the end
    const auto o0 = std::chrono::steady_clock::now();
    double y = full.contentY(), yEmpty = empty.contentY();
    bool grabbed = false;
    while (full.opening() || (phone && phone->opening())) {
        if (!grabbed && full.inPlace() && (!phone || phone->inPlace())) { // past the page transition, still opening
            grab("opening");
            grabbed = true;
        }
        if (!full.opening()) {
            settle(10);
            continue;
        }
        const bool inPlace = full.inPlace() && empty.inPlace();
        if (inPlace && notesAtPlace < 0) notesAtPlace = full.controller->notes()->rowCount();
        if (direction < 0 && full.atTop()) direction = 1;
        else if (direction > 0 && full.atEnd()) direction = -1;
        y += direction * stepPx;
        auto &us = inPlace ? openingUs : slidingUs;
        auto &base = inPlace ? openingBaseUs : slidingBaseUs;
        if (coin() & 1u) {
            us.push_back(full.step(y));
            base.push_back(empty.step(yEmpty));
        } else {
            base.push_back(empty.step(yEmpty));
            us.push_back(full.step(y));
        }
    }
    const double openSeconds = bench::secondsSince(o0);
    if (full.controller->notes()->rowCount() != notes) fail("the page does not hold every note once they are open");
    settle(800); // page transitions finish, the first frames are out
    grab("open");

    // To the top, then down to the end.
    y = full.top();
    full.step(y);
    empty.step(y);
    settle(200);
    int steps = 0;
    const auto t0 = std::chrono::steady_clock::now();
    while (!full.atEnd() && steps < 100000) {
        y += stepPx;
        if (coin() & 1u) {
            full.frameUs.push_back(full.step(y));
            empty.frameUs.push_back(empty.step(y));
        } else {
            empty.frameUs.push_back(empty.step(y));
            full.frameUs.push_back(full.step(y));
        }
        ++steps;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double height = full.notesView->property("contentHeight").toDouble();
    std::printf("  %d notes, %d steps to the end (content height %.0f px), %.1f s\n", notes, steps, height, seconds);
    auto row = [](const char *what, const std::vector<double> &v, const std::vector<double> &base) {
        const double p50 = bench::percentile(v, 0.5), p99 = bench::percentile(v, 0.99), mx = bench::percentile(v, 1.0);
        std::printf("  %-40s p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms", what, p50 / 1000, p99 / 1000, mx / 1000);
        if (&v != &base) std::printf("   ratio p50 %.2f  p99 %.2f", p50 / bench::percentile(base, 0.5), p99 / bench::percentile(base, 0.99));
        std::printf("\n");
    };
    auto over16 = [](const std::vector<double> &v) { return std::count_if(v.begin(), v.end(), [](double us) { return us > 16667; }); };
    std::printf("  while the older notes open (%d shown at once, all %d open after %.2f s, %zu steps, up from the newest, down from the top):\n",
                shownAtOnce, notes, openSeconds, openingUs.size() + slidingUs.size());
    if (!slidingUs.empty()) {
        std::printf("  … while the pages slide in (both windows' push transitions, rendered on this one thread):\n");
        row("empty observation page (baseline)", slidingBaseUs, slidingBaseUs);
        row("observation page, notes opening", slidingUs, slidingBaseUs);
        std::printf("  frames over 16.7 ms while sliding in: %zd of %zu (baseline %zd)\n", over16(slidingUs), slidingUs.size(), over16(slidingBaseUs));
    }
    if (notesAtPlace >= 0) {
        std::printf("  … the pages in place (%d notes in the list then):\n", notesAtPlace);
        row("empty observation page (baseline)", openingBaseUs, openingBaseUs);
        row("observation page, notes opening", openingUs, openingBaseUs);
        std::printf("  frames over 16.7 ms while opening, in place: %zd of %zu (baseline %zd)\n", over16(openingUs), openingUs.size(),
                    over16(openingBaseUs));
    } else {
        std::printf("  … every note was open before the pages were in place\n");
    }
    std::printf("  every note open, top to bottom:\n");
    row("empty observation page (baseline)", empty.frameUs, empty.frameUs);
    row("observation page with the notes", full.frameUs, empty.frameUs);
    std::printf("  frames over 16.7 ms with the notes: %zd of %zu\n", over16(full.frameUs), full.frameUs.size());
    return 0;
}
