// Accessibility of every screen (issue 15, WCAG 2.1 AA for a public school district): the walk-through behind the
// screenshot command (app_setup.h walkScreens) on the demo triad's five devices — the mentor's tablet, the teacher's
// phone, the site administrator's, the director of induction's and a panel member's tablets — at tablet landscape,
// tablet portrait and phone sizes, at 100 % and 200 % text; every state it reaches is audited through Qt's
// accessibility tree (a11y_audit.h). And the audit itself: it catches a nameless button, a small target, a clickable
// area with no role and a button Tab cannot reach; Enter presses the focused button.
#include "a11y_audit.h"
#include "app_setup.h"
#include "casestore_server.h"
#include "demo_triad.h"
#include "district_keys.h"
#include "identity.h"
#include "linux/passphrase_keystore.h"
#include "sqlite_record_storage.h"

#include <QDir>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <memory>

using namespace triad;

namespace {

constexpr const char *kPassphrase = "demo passphrase";

QGuiApplication &guiApp()
{
    static int argc = 1;
    static char name[] = "test_accessibility";
    static char *argv[] = {name, nullptr};
    static auto *app = [] {
        auto *a = new QGuiApplication(argc, argv);
        app::initialiseStyle();
        return a;
    }();
    return *app;
}

platform::UnlockCredential pass() { return platform::UnlockCredential::fromPassphrase(kPassphrase); }

// The demo triad of `bash .ci/demo`, enrolled with a case store running in this process on loopback.
struct DemoTriad {
    QTemporaryDir dir;
    std::unique_ptr<casestore::SqliteRecordStorage> storage;
    std::unique_ptr<casestore::CaseStoreServer> server;
    std::string root;

    DemoTriad()
    {
        root = dir.filePath(QStringLiteral("demo")).toStdString();
        platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
        auto prepared = district::prepareDemoTriad(root, keystore, pass(), pass(), std::nullopt, store::systemClockMs());
        REQUIRE(prepared);
        auto info = district::DistrictFolder(district::demoDistrictDir(root)).info();
        REQUIRE(info);
        auto opened = casestore::SqliteRecordStorage::open(dir.filePath(QStringLiteral("casestore.db")).toStdString());
        REQUIRE(opened);
        storage = std::move(*opened);
        server = std::make_unique<casestore::CaseStoreServer>(*storage, casestore::systemNowMs, *info);
        const quint16 port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
        const std::string url = "http://127.0.0.1:" + std::to_string(port);
        REQUIRE(server->api().setOrigin(url));
        const crypto::Identity receiptKey = crypto::Identity::generate();
        server->api().setReceiptKey(crypto::Identity::importSecret(receiptKey.exportSecret().span()).value());
        REQUIRE(district::prepareDemoTriad(root, keystore, pass(), pass(), std::vector<directory::ReceiptKey>{directory::receiptKeyOf(receiptKey)},
                                           store::systemClockMs()));
        auto outcome = district::connectDemoTriad(root, keystore, pass(), url);
        REQUIRE(outcome);
    }
};

// Waits until no page is sliding in (StackView busy) and no popup is still opening, so the audit sees the state the
// screenshot shows, not two pages in mid-transition.
void settleTransitions(QQuickWindow *window)
{
    for (int i = 0; i < 150; ++i) {
        bool moving = false;
        for (QObject *o : window->contentItem()->findChildren<QObject *>()) {
            if (o->inherits("QQuickStackView") && o->property("busy").toBool()) moving = true;
            if (o->inherits("QQuickPopup") && o->property("visible").toBool() && !o->property("opened").toBool()) moving = true;
        }
        if (!moving) return;
        QTest::qWait(20);
    }
}

} // namespace

TEST_CASE("Every screen of every role, at every size, at 100 % and 200 % text, passes the accessibility audit", "[a11y]")
{
    guiApp();
    DemoTriad demo;

    // TRIAD_A11Y_SCREENSHOTS=DIR also saves every audited state as DIR/text-SCALE/ROLE/NN-SIZE-STATE.png, to look at.
    const QString shots = qEnvironmentVariable("TRIAD_A11Y_SCREENSHOTS");
    int walks = 0, states = 0, interactive = 0, texts = 0;
    QStringList offences;
    std::map<QString, int> elided;
    for (const double scale : {1.0, 2.0}) {
        for (const district::DemoRole role : district::kDemoRoles) {
            for (const app::ScreenSize &size : app::kScreenSizes) {
                app::Options options;
                options.storeDir = district::demoStoreDir(demo.root, role);
                options.kdf = platform::KdfStrength::Interactive;
                options.textScale = scale;
                const QString walk = QStringLiteral("%1 %2 %3%").arg(QLatin1String(district::demoRoleDir(role)), QLatin1String(size.name)).arg(qRound(scale * 100));
                int index = 0;
                const app::ScreenVisitor audit = [&](QQuickWindow *window, const QString &screen) {
                    ++states;
                    settleTransitions(window);
                    if (!shots.isEmpty()) {
                        const QString dir = QStringLiteral("%1/text-%2/%3").arg(shots).arg(qRound(scale * 100)).arg(QLatin1String(district::demoRoleDir(role)));
                        QDir().mkpath(dir);
                        window->grabWindow().save(QStringLiteral("%1/%2-%3-%4.png").arg(dir).arg(++index, 2, 10, QLatin1Char('0')).arg(QLatin1String(size.name), screen));
                    }
                    const test::AuditFindings found = test::auditWindow(window);
                    interactive += found.interactive;
                    texts += found.texts;
                    for (const QString &offence : found.offences) offences << QStringLiteral("[%1, %2] %3").arg(walk, screen, offence);
                    for (const QString &label : found.elided) ++elided[QStringLiteral("[%1%] %2").arg(qRound(scale * 100)).arg(label)];
                    return true;
                };
                INFO(walk.toStdString());
                CHECK(app::walkScreens(options, QString::fromLatin1(kPassphrase), size, audit, 120) == 0);
                ++walks;
            }
        }
    }
    app::setTextScale(1.0);

    std::printf("accessibility audit: %d walks, %d screen states, %d interactive items, %d texts checked; %lld offences\n", walks, states,
                interactive, texts, static_cast<long long>(offences.size()));
    if (!elided.empty()) {
        std::printf("labels cut short with an ellipsis (their accessible name keeps the full text), by how many states show them:\n");
        for (const auto &[label, count] : elided) std::printf("  %3d × %s\n", count, qPrintable(label));
    }
    for (const QString &offence : offences) std::printf("  %s\n", qPrintable(offence));
    CHECK(states >= 24 * 8); // four roles, three sizes, two text sizes: about 200 states
    CHECK(interactive > states * 3);
    CHECK(offences.isEmpty());
}

namespace {

struct Snippet {
    QQmlEngine engine;
    std::unique_ptr<QQuickWindow> window;
    explicit Snippet(const QByteArray &qml)
    {
        QQmlComponent component(&engine);
        component.setData(qml, QUrl(QStringLiteral("qrc:/snippet.qml")));
        window.reset(qobject_cast<QQuickWindow *>(component.create()));
        if (!window) FAIL(component.errorString().toStdString());
        window->show();
        REQUIRE(QTest::qWaitForWindowExposed(window.get()));
    }
    QQuickItem *item(const char *name) const { return window->findChild<QQuickItem *>(QLatin1String(name)); }
};

bool anyOffence(const QStringList &offences, const QString &what, const QString &where)
{
    for (const QString &o : offences)
        if (o.contains(what) && o.contains(where)) return true;
    return false;
}

} // namespace

TEST_CASE("The audit catches a nameless button, a small target, a clickable area with no role, Tab not reaching, overlap, "
          "a button past the window's side", "[a11y]")
{
    guiApp();
    Snippet snippet(R"(
import QtQuick
import QtQuick.Controls
Window {
    width: 400; height: 480; visible: true
    Column {
        Button { objectName: "nameless"; implicitHeight: 48; implicitWidth: 100 }
        Button { objectName: "tiny"; text: "Tiny"; implicitWidth: 30; implicitHeight: 30 }
        Rectangle { objectName: "clickable"; width: 60; height: 60; MouseArea { anchors.fill: parent; onClicked: {} } }
        Button { objectName: "fine"; text: "Fine"; implicitHeight: 48; implicitWidth: 100 }
        TextField { objectName: "unnamedField"; placeholderText: "Only a placeholder"; implicitHeight: 48; width: 200 }
        Rectangle {
            objectName: "drawn"; width: 100; height: 48
            Accessible.role: Accessible.Button; Accessible.name: "Drawn by hand"
            MouseArea { anchors.fill: parent }
        }
        Item {
            width: 400; height: 30
            Label { text: "Left words that are long"; font.pixelSize: 20 }
            Label { objectName: "overlapping"; x: 60; text: "Right words"; font.pixelSize: 20 }
        }
        Label { objectName: "offTheEdge"; x: 300; text: "Running off the edge of the window"; font.pixelSize: 20 }
        Button { objectName: "pastTheSide"; x: 330; text: "Go"; implicitWidth: 80; implicitHeight: 48 }
    }
}
)");
    const test::AuditFindings found = test::auditWindow(snippet.window.get());
    for (const QString &o : found.offences) std::printf("  (expected) %s\n", qPrintable(o));
    CHECK(anyOffence(found.offences, QStringLiteral("button without a name"), QStringLiteral("Button(nameless)")));
    CHECK(anyOffence(found.offences, QStringLiteral("30×30, under 44×44"), QStringLiteral("Button(tiny)")));
    CHECK(anyOffence(found.offences, QStringLiteral("clickable area with no interactive role"), QStringLiteral("MouseArea")));
    CHECK(anyOffence(found.offences, QStringLiteral("text field without a name"), QStringLiteral("TextField(unnamedField)")));
    CHECK(anyOffence(found.offences, QStringLiteral("not reachable with Tab"), QStringLiteral("Rectangle(drawn)")));
    CHECK(anyOffence(found.offences, QStringLiteral("texts overlap"), QStringLiteral("Label(overlapping)")));
    CHECK(anyOffence(found.offences, QStringLiteral("text cut off at the side"), QStringLiteral("Label(offTheEdge)")));
    CHECK(anyOffence(found.offences, QStringLiteral("button past the side of the window"), QStringLiteral("Button(pastTheSide)")));
    CHECK_FALSE(anyOffence(found.offences, QString(), QStringLiteral("Button(fine)")));
    CHECK(found.offences.size() == 8);
}

// Reading order: in a page's scrolling content, Tab must not go back up to something above in the same column; two
// panes side by side, each read top to bottom, are fine.
TEST_CASE("The audit catches Tab going back up in a page's content, not a move to the next pane", "[a11y]")
{
    guiApp();
    Snippet snippet(R"(
import QtQuick
import QtQuick.Controls
Window {
    width: 400; height: 480; visible: true
    Flickable {
        anchors.fill: parent
        contentHeight: 600
        Button { objectName: "readFirst"; y: 200; text: "Below"; implicitWidth: 120; implicitHeight: 48 }
        Button { objectName: "readSecond"; y: 20; text: "Above"; implicitWidth: 120; implicitHeight: 48 }
        Button { objectName: "leftPane"; x: 0; y: 300; text: "Left"; implicitWidth: 120; implicitHeight: 48 }
        Button { objectName: "rightPane"; x: 200; y: 100; text: "Right"; implicitWidth: 120; implicitHeight: 48 }
    }
}
)");
    const test::AuditFindings found = test::auditWindow(snippet.window.get());
    for (const QString &o : found.offences) std::printf("  (expected) %s\n", qPrintable(o));
    CHECK(anyOffence(found.offences, QStringLiteral("Tab goes back up"), QStringLiteral("Button(readFirst) to")));
    CHECK_FALSE(anyOffence(found.offences, QStringLiteral("Tab goes back up"), QStringLiteral("Button(leftPane) to")));
    CHECK(found.offences.size() == 1);
}

TEST_CASE("Enter and Return press the focused button, as Space does", "[a11y]")
{
    guiApp();
    app::installKeyboardActivation();
    Snippet snippet(R"(
import QtQuick
import QtQuick.Controls
Window {
    width: 300; height: 200; visible: true
    property int presses: 0
    Column {
        Button { objectName: "first"; text: "First"; onClicked: presses += 1 }
        CheckBox { objectName: "check"; text: "Agree" }
        TextField { objectName: "field"; Accessible.name: "Field" }
    }
}
)");
    QQuickItem *button = snippet.item("first");
    REQUIRE(button);
    button->forceActiveFocus(Qt::TabFocusReason);
    QTest::keyClick(snippet.window.get(), Qt::Key_Return);
    QTest::keyClick(snippet.window.get(), Qt::Key_Enter, Qt::KeypadModifier);
    QTest::keyClick(snippet.window.get(), Qt::Key_Space);
    CHECK(snippet.window->property("presses").toInt() == 3);
    QTest::keyClick(snippet.window.get(), Qt::Key_Tab);
    QQuickItem *check = snippet.item("check");
    REQUIRE(check->hasActiveFocus());
    QTest::keyClick(snippet.window.get(), Qt::Key_Return);
    CHECK(check->property("checked").toBool());
}
