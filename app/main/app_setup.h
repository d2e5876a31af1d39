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
};

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
};

// Sets the Quick Controls style (Universal) before any engine exists.
void initialiseStyle();

// `triad --store DIR --screenshots OUT`: renders the main screens at tablet landscape, tablet portrait and phone
// sizes into OUT/*.png, working on a temporary copy of the store so the real one is never changed. The passphrase
// comes from TRIAD_PASSPHRASE. Returns a process exit code.
int renderScreenshots(const Options &options, const QString &outDir);

} // namespace triad::app
