// Builds the app's services and QML engine. Shared by the app (main.cpp), the screenshot command and the Qt Quick
// tests so all three run the same wiring.
#pragma once

#include "evidence_controller.h"
#include "language.h"
#include "linux/passphrase_keystore.h"
#include "observation_controller.h"
#include "session.h"
#include "triad/platform/capture.h"

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSize>
#include <QString>

#include <functional>
#include <memory>

namespace triad::app {

struct Options {
    QString storeDir;
    bool fakeCapture = false;
    platform::KdfStrength kdf = platform::KdfStrength::Moderate;
    // A language code that overrides the person's choice and the system for this run (--language, TRIAD_LANG).
    QString language;
    // Where the person's language choice is kept ("" = the user's QSettings for Triad).
    QString settingsFile;
    // Text size against the platform's (2: 200 %, WCAG 1.4.4), applied when the window loads; 1 leaves it alone.
    double textScale = 1.0;
};

// The text scale asked for in the environment (TRIAD_TEXT_SCALE, e.g. 2 for 200 %), 1 without one. A value that is
// not a number between 0.5 and 4 is refused with a message, and 1 is used.
double textScaleFromEnvironment();
// Sets the application font to the platform's size times `scale` (Theme.qml derives every size from it, the window's
// font follows Theme.body). The first call remembers the platform font, so `setTextScale(1)` restores it.
void setTextScale(double scale);

// Default store location: $TRIAD_STORE, else the platform's app data directory + "/store".
QString defaultStoreDir();

class App {
public:
    explicit App(const Options &options);
    ~App();

    ui::Session &session() { return *m_session; }
    ui::EvidenceController &evidence() { return *m_evidence; }
    ui::Language &language() { return *m_language; }
    // Creates the engine and the window (Main.qml) at `size`; returns nullptr (and prints why) on failure.
    QQuickWindow *load(QSize size = {1180, 820});
    QQmlApplicationEngine *engine() { return m_engine.get(); }
    QQuickWindow *window() { return m_window; }

private:
    std::unique_ptr<ui::Language> m_language; // first: the translators are in place before anything builds text
    std::unique_ptr<platform::CaptureSource> m_capture;
    std::unique_ptr<ui::Session> m_session;
    std::unique_ptr<ui::EvidenceController> m_evidence;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    double m_textScale = 1.0;
};

// Enter and Return press the focused button, check box or list row as Space does (installed once on the application;
// App::load calls it).
void installKeyboardActivation();

// Sets the Quick Controls style (Universal) before any engine exists.
void initialiseStyle();

// The sizes the screenshot command renders, and the accessibility test walks.
struct ScreenSize {
    int width;
    int height;
    const char *name;
};
inline constexpr ScreenSize kScreenSizes[] = {{1180, 820, "tablet-landscape"}, {820, 1180, "tablet-portrait"}, {390, 844, "phone"}};

// Called for each state of the walk-through, once it has settled, with the state's name ("unlock", "caseload",
// "report-end", ...); returns false when it failed (the walk goes on, and reports the failure at the end).
using ScreenVisitor = std::function<bool(QQuickWindow *window, const QString &screen)>;

// The walk-through behind the screenshot command: opens a temporary copy of the store at `size`, unlocks it with
// `passphrase` and visits every screen the store's person has, in every state the screenshots show (the mentor's
// caseload, observation, tags, correction, summary, reports, composer, forms; the teacher's, administrator's and
// program staff's homes, program page, forms and report with its dialogs). Returns 0, 1 when a screen or visit
// failed, 3 when the passphrase does not open the store.
int walkScreens(const Options &options, const QString &passphrase, const ScreenSize &size, const ScreenVisitor &visit, int settleMs = 350);

// `triad --store DIR --screenshots OUT`: renders the main screens at tablet landscape, tablet portrait and phone
// sizes into OUT/*.png, working on a temporary copy of the store so the real one is never changed. The passphrase
// comes from TRIAD_PASSPHRASE. Returns a process exit code.
int renderScreenshots(const Options &options, const QString &outDir);

} // namespace triad::app
