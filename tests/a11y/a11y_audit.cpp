#include "a11y_audit.h"

#include <QAccessible>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>

#include <functional>
#include <set>

namespace triad::test {

namespace {

bool isInteractive(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::Button:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::EditableText:
    case QAccessible::ComboBox:
    case QAccessible::ListItem:
    case QAccessible::MenuItem:
    case QAccessible::PageTab:
    case QAccessible::Slider:
    case QAccessible::SpinBox:
    case QAccessible::Dial:
    case QAccessible::Link:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::ButtonDropGrid:
        return true;
    default:
        return false;
    }
}

QString roleName(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::Button: return QStringLiteral("button");
    case QAccessible::CheckBox: return QStringLiteral("check box");
    case QAccessible::RadioButton: return QStringLiteral("radio button");
    case QAccessible::EditableText: return QStringLiteral("text field");
    case QAccessible::ComboBox: return QStringLiteral("combo box");
    case QAccessible::ListItem: return QStringLiteral("list row");
    case QAccessible::MenuItem: return QStringLiteral("menu item");
    default: return QStringLiteral("role %1").arg(int(role));
    }
}

// "Button_QMLTYPE_12" -> "Button", "QQuickRectangle" -> "Rectangle".
QString typeName(const QObject *object)
{
    static const QRegularExpression qmlSuffix(QStringLiteral("_QML(TYPE)?_[0-9]+$"));
    QString name = QString::fromLatin1(object->metaObject()->className()).remove(qmlSuffix);
    if (name.startsWith(QLatin1String("QQuick"))) name = name.mid(6);
    return name;
}

// The QML components an item sits in, outermost first: "CaseloadPage > CaseCard > Button(reportsButton)". Plain
// items (Item, Rectangle, layouts) are left out unless they carry an objectName; a popup's item is named after its
// popup ("AmendDialog(amendDialog)").
QString objectPath(const QQuickItem *leaf)
{
    QStringList parts;
    for (const QQuickItem *item = leaf; item; item = item->parentItem()) {
        const QObject *named = item;
        if (item->inherits("QQuickPopupItem") && item->parent()) named = item->parent();
        const bool qmlType = QString::fromLatin1(named->metaObject()->className()).contains(QLatin1String("_QML"));
        if (item != leaf && !qmlType && named->objectName().isEmpty()) continue;
        QString part = typeName(named);
        if (!named->objectName().isEmpty()) part += QLatin1Char('(') + named->objectName() + QLatin1Char(')');
        if (parts.isEmpty() || parts.front() != part) parts.prepend(part);
    }
    if (!parts.isEmpty() && parts.front().startsWith(QLatin1String("RootItem"))) parts.removeFirst();
    return parts.join(QLatin1String(" > "));
}

// What a screen reader hears as the name. Qt 6.4 names a button after its text when accessibility turns on
// (QQuickAbstractButton::accessibilityActiveChanged -> maybeSetAccessibleName) only while QAccessible::isActive(),
// which no offscreen platform reports: the audit applies the same rule itself. Text fields get no name from their
// placeholder (only a description), so they need Accessible.name.
// A password field's name Qt withholds (so no password can leak through it); a screen reader reads its description,
// which Qt takes from the placeholder.
QString spokenName(QAccessibleInterface *iface)
{
    QString name = iface->text(QAccessible::Name).trimmed();
    if (name.isEmpty() && iface->state().passwordEdit) name = iface->text(QAccessible::Description).trimmed();
    if (name.isEmpty() && iface->object() && iface->object()->inherits("QQuickAbstractButton"))
        name = iface->object()->property("text").toString().trimmed();
    return name;
}

QQuickItem *popupLayer(QQuickItem *item)
{
    for (QQuickItem *p = item; p; p = p->parentItem())
        if (p->inherits("QQuickPopupItem")) return p;
    return nullptr;
}

// Where a text's glyphs are drawn, in the item's own coordinates (its width may be wider than its words).
QRectF paintedRect(QQuickItem *text)
{
    const qreal cw = text->property("contentWidth").toReal();
    const qreal ch = text->property("contentHeight").toReal();
    const qreal left = text->property("leftPadding").toReal(), right = text->property("rightPadding").toReal();
    const qreal top = text->property("topPadding").toReal(), bottom = text->property("bottomPadding").toReal();
    const int h = text->property("effectiveHorizontalAlignment").toInt();
    const int v = text->property("verticalAlignment").toInt();
    qreal x = left, y = top;
    if (h & Qt::AlignRight) x = text->width() - right - cw;
    else if (h & Qt::AlignHCenter) x = left + (text->width() - left - right - cw) / 2;
    if (v & Qt::AlignBottom) y = text->height() - bottom - ch;
    else if (v & Qt::AlignVCenter) y = top + (text->height() - top - bottom - ch) / 2;
    return {x, y, cw, ch};
}

struct Text {
    QQuickItem *item;
    QRectF shown; // in the window, cut to what its clipping ancestors and the window let through
    QQuickItem *layer;
};

} // namespace

AuditFindings auditWindow(QQuickWindow *window)
{
    AuditFindings findings;
    // As a screen reader turning on does: every control alive takes its role (QQuickControl::accessibilityActiveChanged).
    QAccessible::setActive(true);

    // 1. The accessibility tree: names, roles, target sizes, the tab chain.
    std::function<void(QAccessibleInterface *)> walk = [&](QAccessibleInterface *iface) {
        for (int i = 0; i < iface->childCount(); ++i) {
            QAccessibleInterface *child = iface->child(i);
            if (!child || child->state().invisible) continue;
            const QAccessible::Role role = child->role();
            auto *item = qobject_cast<QQuickItem *>(child->object());
            // A Page reports the role of a tab page; it is a container, not something to press.
            const bool page = item && item->inherits("QQuickPage");
            if (isInteractive(role) && item && !page) {
                ++findings.interactive;
                const QString name = spokenName(child);
                const QString where = objectPath(item) + (name.isEmpty() ? QString() : QStringLiteral(" '%1'").arg(name.left(60)));
                if (name.isEmpty()) findings.offences << QStringLiteral("%1 without a name — %2").arg(roleName(role), where);
                const QSizeF size(item->width(), item->height());
                if (size.width() < kMinimumTarget - 0.5 || size.height() < kMinimumTarget - 0.5)
                    findings.offences << QStringLiteral("%1 of %2×%3, under %4×%4 — %5")
                                             .arg(roleName(role))
                                             .arg(qRound(size.width()))
                                             .arg(qRound(size.height()))
                                             .arg(kMinimumTarget)
                                             .arg(where);
                if (!item->activeFocusOnTab()) findings.offences << QStringLiteral("%1 not reachable with Tab — %2").arg(roleName(role), where);
                // Past the window's side, with nothing that scrolls it sideways into view: partly out of reach.
                const QRectF rect = item->mapRectToScene(item->boundingRect());
                bool scrollsSideways = false;
                for (QQuickItem *p = item->parentItem(); p && !scrollsSideways; p = p->parentItem())
                    scrollsSideways = p->inherits("QQuickFlickable") && p->property("contentWidth").toReal() > p->width() + 1;
                if (!scrollsSideways && (rect.left() < -1 || rect.right() > window->width() + 1))
                    findings.offences << QStringLiteral("%1 past the side of the window — %2").arg(roleName(role), where);
            } else if (role == QAccessible::NoRole && item && !spokenName(child).isEmpty()) {
                findings.offences << QStringLiteral("named item without a role — %1").arg(objectPath(item));
            }
            walk(child);
        }
    };
    if (QAccessibleInterface *root = QAccessible::queryAccessibleInterface(window)) walk(root);

    // 2. Clickable areas the tree does not show: a MouseArea or TapHandler must belong to an item with an
    // interactive role (itself or the item it fills).
    auto interactiveItem = [](QQuickItem *item) {
        QAccessibleInterface *iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
        return iface && isInteractive(iface->role());
    };
    std::vector<Text> texts;
    std::function<void(QQuickItem *)> visit = [&](QQuickItem *item) {
        if (!item->isVisible() || item->opacity() <= 0) return;
        bool clickable = item->inherits("QQuickMouseArea") && item->isEnabled();
        for (QObject *child : item->children())
            if (child->inherits("QQuickTapHandler") && child->property("enabled").toBool()) clickable = true;
        if (clickable && !interactiveItem(item) && !interactiveItem(item->parentItem()))
            findings.offences << QStringLiteral("clickable area with no interactive role — %1").arg(objectPath(item));

        if (item->inherits("QQuickText") && !item->property("text").toString().trimmed().isEmpty() && item->width() > 0 && item->height() > 0) {
            ++findings.texts;
            const QRectF drawn = item->mapRectToScene(paintedRect(item));
            // What may show it: the window, cut by every clipping ancestor; a flickable ancestor scrolls it into
            // view along its own axes, so only its cross axis bounds the text.
            QRectF bounds(QPointF(0, 0), window->size());
            bool scrollsVertically = false;
            for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
                const bool flickable = p->inherits("QQuickFlickable");
                const bool horizontal = flickable && p->property("contentWidth").toReal() > p->width() + 1;
                scrollsVertically = scrollsVertically || flickable;
                if (!p->clip() || horizontal) continue;
                const QRectF clip = p->mapRectToScene(p->boundingRect());
                bounds.setLeft(std::max(bounds.left(), clip.left()));
                bounds.setRight(std::min(bounds.right(), clip.right()));
                if (!flickable) {
                    bounds.setTop(std::max(bounds.top(), clip.top()));
                    bounds.setBottom(std::min(bounds.bottom(), clip.bottom()));
                }
            }
            const QString words = item->property("text").toString().simplified().left(50);
            if (drawn.left() < bounds.left() - 1 || drawn.right() > bounds.right() + 1)
                findings.offences << QStringLiteral("text cut off at the side (%1 px) — %2 '%3'")
                                         .arg(qRound(std::max(bounds.left() - drawn.left(), drawn.right() - bounds.right())))
                                         .arg(objectPath(item), words);
            else if (!scrollsVertically && (drawn.bottom() > bounds.bottom() + 1 || drawn.top() < bounds.top() - 1))
                findings.offences << QStringLiteral("text cut off at the top or bottom — %1 '%2'").arg(objectPath(item), words);
            if (item->property("truncated").toBool()) findings.elided << QStringLiteral("%1 '%2'").arg(objectPath(item), words);
            QRectF shown = drawn;
            for (QQuickItem *p = item->parentItem(); p; p = p->parentItem())
                if (p->clip()) shown = shown.intersected(p->mapRectToScene(p->boundingRect()));
            shown = shown.intersected(QRectF(QPointF(0, 0), window->size()));
            if (!shown.isEmpty()) texts.push_back({item, shown, popupLayer(item)});
        }
        for (QQuickItem *child : item->childItems()) visit(child);
    };
    visit(window->contentItem());

    // 3. Texts drawn over one another in the same layer (the page, or one popup above it).
    std::set<std::pair<QQuickItem *, QQuickItem *>> reported;
    for (size_t a = 0; a < texts.size(); ++a)
        for (size_t b = a + 1; b < texts.size(); ++b) {
            if (texts[a].layer != texts[b].layer) continue;
            const QRectF both = texts[a].shown.intersected(texts[b].shown);
            if (both.width() <= 2 || both.height() <= 2) continue;
            if (!reported.insert({texts[a].item, texts[b].item}).second) continue;
            findings.offences << QStringLiteral("texts overlap — %1 '%2' and %3 '%4'")
                                     .arg(objectPath(texts[a].item), texts[a].item->property("text").toString().simplified().left(40),
                                          objectPath(texts[b].item), texts[b].item->property("text").toString().simplified().left(40));
        }

    // 4. Reading order: Tab moves through a page's scrolling content as it reads, top to bottom and, in a row, left
    // to right. Going back up to something above in the same column is an offence; moving to another column (two
    // panes on a tablet), between the content and the page's header or footer, or wrapping round at the end of the
    // chain is not (Qt's Page puts its footer first in the chain; the header's Back and the footer's one action are
    // each a Tab away).
    std::vector<QQuickItem *> chain;
    QQuickItem *first = window->contentItem()->nextItemInFocusChain(true);
    int steps = 0;
    for (QQuickItem *i = first; i && ++steps <= 5000; i = i->nextItemInFocusChain(true)) {
        if (!chain.empty() && i == first) break;
        if (i->isVisible() && i->width() > 0 && i->height() > 0) chain.push_back(i);
    }
    // Where an item sits with every flickable around it scrolled to its start: reading order is the content's order,
    // wherever the page happens to be scrolled.
    auto visibleRect = [&](QQuickItem *i) {
        QRectF r = i->mapRectToScene(i->boundingRect());
        for (QQuickItem *p = i->parentItem(); p; p = p->parentItem())
            if (p->inherits("QQuickFlickable"))
                r.translate(p->property("contentX").toReal() - p->property("originX").toReal(),
                            p->property("contentY").toReal() - p->property("originY").toReal());
        return r;
    };
    for (std::size_t k = 1; k < chain.size(); ++k) {
        QQuickItem *from = chain[k - 1], *to = chain[k];
        auto scroller = [](QQuickItem *i) {
            for (QQuickItem *p = i->parentItem(); p; p = p->parentItem())
                if (p->inherits("QQuickFlickable")) return p;
            return static_cast<QQuickItem *>(nullptr);
        };
        if (popupLayer(from) != popupLayer(to) || !scroller(from) || scroller(from) != scroller(to)) continue;
        const QRectF a = visibleRect(from), b = visibleRect(to);
        const bool sameColumn = std::min(a.right(), b.right()) - std::max(a.left(), b.left()) > 8;
        // "Above": the next item ends above where this one starts (half a line of slack for rows of mixed heights).
        if (sameColumn && b.bottom() < a.top() - 8)
            findings.offences << QStringLiteral("Tab goes back up — from %1 to %2").arg(objectPath(from), objectPath(to));
    }
    return findings;
}

} // namespace triad::test
