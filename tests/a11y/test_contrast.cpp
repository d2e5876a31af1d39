// Colour contrast (issue 15, WCAG 2.1 AA 1.4.3 and 1.4.11): every foreground/background pair of Theme the screens
// draw, with Theme read from qml/Theme.qml itself (the Triad module, loaded by a QML engine), so a colour changed there
// is measured here. Text needs 4.5:1 (all text, large or not: the stricter rule), a control's edge, a focus ring and a
// state mark 3:1. Every colour of Theme is either in a pair or named below as exempt, so a new colour is placed
// deliberately; and no screen draws a colour of its own (a literal colour outside Theme.qml fails).
#include "app_setup.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QMetaProperty>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QRegularExpression>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

QGuiApplication &guiApp()
{
    static int argc = 1;
    static char name[] = "test_contrast";
    static char *argv[] = {name, nullptr};
    static auto *app = new QGuiApplication(argc, argv);
    return *app;
}

// WCAG 2.1 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Theme's colours by name, as the QML engine reads qml/Theme.qml.
std::map<std::string, QColor> themeColours()
{
    guiApp();
    triad::app::initialiseStyle();
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/")); // Qt 6.4 puts static QML modules at qrc:/<URI>
    QQmlComponent component(&engine);
    component.setData("import QtQuick\nimport Triad\nQtObject { readonly property QtObject theme: Theme }", QUrl(QStringLiteral("qrc:/contrast.qml")));
    std::unique_ptr<QObject> holder(component.create());
    if (!holder) FAIL(component.errorString().toStdString());
    auto *theme = holder->property("theme").value<QObject *>();
    REQUIRE(theme);
    std::map<std::string, QColor> colours;
    const QMetaObject *meta = theme->metaObject();
    for (int i = meta->propertyOffset(); i < meta->propertyCount(); ++i)
        if (meta->property(i).metaType().id() == QMetaType::QColor) colours[meta->property(i).name()] = meta->property(i).read(theme).value<QColor>();
    return colours;
}

struct Pair {
    const char *foreground;
    const char *background;
    double minimum;
    const char *where;
};

constexpr double kText = 4.5; // 1.4.3, applied to large text too
constexpr double kUi = 3.0;   // 1.4.11: a control's edge, a focus ring, a graphic that carries a state

// The pairs the screens draw (qml/*.qml).
const Pair kPairs[] = {
    // Text on the page and on cards, headers, dialogs' cards.
    {"ink", "page", kText, "body text"},
    {"ink", "card", kText, "body text on cards"},
    {"muted", "page", kText, "secondary text"},
    {"muted", "card", kText, "secondary text on cards, headers"},
    {"accent", "page", kText, "the unlock title"},
    {"accent", "card", kText, "tag codes, section titles, note times"},
    {"focusTag", "page", kText, "standards of focus on the start screen"},
    {"focusTag", "card", kText, "focus text, signatures"},
    {"warn", "page", kText, "warnings"},
    {"warn", "card", kText, "waiting, corrected, history links"},
    {"danger", "page", kText, "errors"},
    {"danger", "card", kText, "overdue, set-aside records"},
    // Text on the soft fills.
    {"accent", "accentSoft", kText, "chosen tags, a pressed chip"},
    {"ink", "accentSoft", kText, "the signing statement, the response window"},
    {"muted", "accentSoft", kText, "the sync badge on a calm day"},
    {"danger", "accentSoft", kText, "set-aside count in the sync badge"},
    {"warn", "warnSoft", kText, "awaiting badges, the response window"},
    {"ink", "warnSoft", kText, "the sync badge with changes waiting"},
    {"danger", "warnSoft", kText, "set-aside count in the sync badge"},
    {"focusTag", "focusTagSoft", kText, "confidential banner, acknowledged badges, eligibility"},
    {"ink", "focusTagSoft", kText, "text on an eligible referral's card"},
    {"danger", "dangerSoft", kText, "an overdue deadline's words"},
    {"ink", "dangerSoft", kText, "an overdue deadline's title"},
    // Text on filled controls.
    {"inverseText", "accent", kText, "main actions, chosen chips"},
    {"inverseText", "accentPressed", kText, "a main action pressed"},
    {"inverseText", "danger", kText, "white on danger"},
    {"inverseText", "focusTag", kText, "white on the focus-tag colour"},
    // Controls' edges, focus rings and state marks.
    {"control", "card", kUi, "an unchosen chip's edge"},
    {"control", "page", kUi, "an unchosen chip's edge on the page"},
    {"focusTag", "card", kUi, "a standard-of-focus chip's edge"},
    {"accent", "card", kUi, "a main action's fill, a form row waiting for a signature"},
    {"accent", "page", kUi, "a main action's fill on the page"},
    {"warn", "card", kUi, "an awaiting report's edge"},
    {"danger", "card", kUi, "an overdue case's edge"},
    {"ink", "card", kUi, "the keyboard focus ring"},
    {"ink", "page", kUi, "the keyboard focus ring on the page"},
    {"online", "accentSoft", kUi, "the online dot (with the word Online)"},
    {"online", "warnSoft", kUi, "the online dot with changes waiting"},
};

// Theme colours in no pair, and why.
const std::set<std::string> kExempt = {
    "line",         // dividers and card edges: decoration, not a control (the cards' words carry their meaning)
    "disabledFill", // a disabled action: inactive controls have no contrast minimum (1.4.3, 1.4.11)
};

} // namespace

TEST_CASE("Every Theme colour pair the screens draw meets WCAG 2.1 AA contrast", "[a11y]")
{
    const auto colours = themeColours();
    REQUIRE(colours.size() >= 15);
    std::set<std::string> used;
    struct Measured {
        double ratio;
        const Pair *pair;
    };
    std::vector<Measured> measured;
    for (const Pair &p : kPairs) {
        INFO(p.foreground << " on " << p.background);
        REQUIRE(colours.count(p.foreground) == 1);
        REQUIRE(colours.count(p.background) == 1);
        used.insert(p.foreground);
        used.insert(p.background);
        measured.push_back({contrast(colours.at(p.foreground), colours.at(p.background)), &p});
    }
    std::sort(measured.begin(), measured.end(), [](const Measured &a, const Measured &b) { return a.ratio / a.pair->minimum < b.ratio / b.pair->minimum; });
    std::printf("Theme contrast, closest to its minimum first:\n");
    for (const Measured &m : measured)
        std::printf("  %5.2f:1 (min %.1f) %-12s on %-13s %s\n", m.ratio, m.pair->minimum, m.pair->foreground, m.pair->background, m.pair->where);
    for (const Measured &m : measured) {
        INFO(m.pair->foreground << " on " << m.pair->background << " (" << m.pair->where << "): " << m.ratio << ":1, needs " << m.pair->minimum);
        CHECK(m.ratio >= m.pair->minimum);
    }
    for (const auto &[name, colour] : colours) {
        INFO("Theme." << name << " is in no measured pair: add the pairs it is drawn in, or say in kExempt why it needs none");
        CHECK((used.count(name) == 1 || kExempt.count(name) == 1));
    }
}

TEST_CASE("No screen draws a colour of its own: every colour comes from Theme", "[a11y]")
{
    const QDir qml(QStringLiteral(TRIAD_QML_DIR));
    const QStringList files = qml.entryList({QStringLiteral("*.qml")}, QDir::Files);
    REQUIRE(files.size() > 20);
    static const QRegularExpression literal(QStringLiteral(R"re("#[0-9A-Fa-f]{3,8}"|"(white|black|red|green|blue|gray|grey|orange|yellow)"|Qt\.(rgba|hsla|darker|lighter)\()re"));
    QStringList found;
    for (const QString &name : files) {
        if (name == QLatin1String("Theme.qml")) continue;
        QFile file(qml.filePath(name));
        REQUIRE(file.open(QIODevice::ReadOnly));
        int line = 0;
        while (!file.atEnd()) {
            const QString text = QString::fromUtf8(file.readLine());
            ++line;
            if (literal.match(text).hasMatch()) found << QStringLiteral("%1:%2: %3").arg(name).arg(line).arg(text.trimmed());
        }
    }
    for (const QString &f : found) std::printf("  %s\n", qPrintable(f));
    CHECK(found.isEmpty());
}
