// Helpers for the view-model tests: one QGuiApplication per process, a model checker that turns every
// QAbstractItemModelTester complaint into a test failure, and an unlocked Session over a temporary demo store.
#pragma once

#include "demo_district.h"
#include "session.h"
#include "store/store_fixture.h"
#include "case_service.h"
#include "note_service.h"

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QTranslator>
#include <QMutex>
#include <QStringList>
#include <QTimer>

#include <catch2/catch.hpp>

#include <functional>
#include <memory>

namespace Catch {
template <>
struct StringMaker<QString> {
    static std::string convert(const QString &s) { return '"' + s.toStdString() + '"'; }
};
template <>
struct StringMaker<QStringList> {
    static std::string convert(const QStringList &l) { return "{\"" + l.join(QStringLiteral("\", \"")).toStdString() + "\"}"; }
};
} // namespace Catch

namespace triad::test {

// The tests run offscreen (catch_main.cpp sets QT_QPA_PLATFORM). Created on first use and never destroyed, so no
// static destruction order can bite at exit.
inline QGuiApplication &guiApp()
{
    static int argc = 1;
    static char name[] = "test_viewmodels";
    static char *argv[] = {name, nullptr};
    static auto *app = new QGuiApplication(argc, argv);
    // The English plural forms ("1 note", "2 notes"), as the app installs them (ui::Language).
    static auto *english = [] {
        auto *t = new QTranslator;
        if (t->load(QStringLiteral(":/i18n/triad_en.qm"))) QCoreApplication::installTranslator(t);
        return t;
    }();
    (void)english;
    return *app;
}

// Collects the warnings QAbstractItemModelTester emits (category "qt.modeltest"); other messages pass through.
class ModelTesterMessages {
public:
    static ModelTesterMessages &instance()
    {
        static ModelTesterMessages m;
        return m;
    }
    QStringList take()
    {
        QMutexLocker lock(&m_mutex);
        QStringList out = m_failures;
        m_failures.clear();
        return out;
    }

private:
    ModelTesterMessages() { s_previous = qInstallMessageHandler(&ModelTesterMessages::handler); }
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (context.category && QByteArray(context.category) == "qt.modeltest" && type != QtDebugMsg && type != QtInfoMsg) {
            QMutexLocker lock(&instance().m_mutex);
            instance().m_failures << message;
        }
        if (s_previous) s_previous(type, context, message);
    }
    static inline QtMessageHandler s_previous = nullptr;
    QMutex m_mutex;
    QStringList m_failures;
};

// Attach to a model for the length of a test; check() fails the test if the tester complained so far.
class CheckedModel {
public:
    explicit CheckedModel(QAbstractItemModel *model)
    {
        ModelTesterMessages::instance().take(); // start clean
        m_tester = std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::Warning);
    }
    ~CheckedModel() { check(); }
    void check()
    {
        const QStringList failures = ModelTesterMessages::instance().take();
        INFO("QAbstractItemModelTester: " << failures.join(QStringLiteral("\n")).toStdString());
        CHECK(failures.isEmpty());
    }

private:
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

// Runs the event loop for `ms` milliseconds (timers fire, queued signals are delivered).
inline void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Runs the event loop until `done` holds or `timeoutMs` passes; returns whether it held.
inline bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) return false;
        spin(10);
    }
    return true;
}

// A temporary store with the demo district, unlocked through a Session the way the app does it.
struct DemoSession {
    StoreFixture fixture{false};
    std::unique_ptr<ui::Session> session;

    DemoSession()
    {
        guiApp();
        auto demo = store::loadDemoDistrict(*fixture.store);
        if (!demo) FAIL(demo.error().message);
        fixture.store.reset(); // the session holds the only connection
        session = std::make_unique<ui::Session>(fixture.dir, std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
        unlock();
    }
    void unlock()
    {
        auto s = session->unlockNow(QString::fromLatin1(kPassphrase));
        if (!s) FAIL(s.error().message);
        REQUIRE(session->unlocked());
    }
    // Closes the store and opens it again (a fresh connection, keys unwrapped again).
    void reopen()
    {
        session->lock();
        REQUIRE_FALSE(session->unlocked());
        unlock();
    }
    store::LocalStore &store() { return *session->store(); }

    // The first case of `kind` with no observation under way.
    RecordId idleCase(CaseKind kind)
    {
        auto cases = store::CaseService(store()).cases();
        REQUIRE(cases.ok());
        for (const auto &c : *cases) {
            auto open = store::NoteService(store()).openObservation(c.id);
            REQUIRE(open.ok());
            if (c.kind == kind && !open->has_value()) return c.id;
        }
        FAIL("the demo has no idle case of that kind");
        return {};
    }
};

inline QString qs(const RecordId &id) { return QString::fromStdString(id.toString()); }

} // namespace triad::test
