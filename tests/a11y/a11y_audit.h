// The accessibility audit of one window as it stands (issue 15): what a screen reader and a keyboard get from it,
// read through Qt's accessibility tree (QAccessible), and how its text sits on the screen.
#pragma once

#include <QString>
#include <QStringList>

class QQuickWindow;

namespace triad::test {

inline constexpr int kMinimumTarget = 44; // px: WCAG 2.5.5's 44 × 44 CSS px, the minimum for every target

struct AuditFindings {
    int interactive = 0;   // interactive items checked (buttons, check boxes, fields, list rows, ...)
    int texts = 0;         // text items checked for running off the screen and overlapping
    QStringList offences;  // fail the audit: "<what> — <object path> '<name>'"
    QStringList elided;    // shown, not failed: labels cut short with "…" (their full text stays their accessible name)
};

// Turns Qt's accessibility on as a screen reader would (every control then takes its role), then checks every item
// the window shows:
//  - each interactive item (button, check box, radio button, switch, text field, combo box, list row, menu item,
//    slider, spin box, link) has a role and a non-empty name, is at least kMinimumTarget × kMinimumTarget, is
//    reachable with Tab (a text field in the tab chain, a button with a Tab focus policy) and lies within the
//    window's width (or in something that scrolls sideways);
//  - every clickable area (MouseArea, TapHandler) belongs to an item with an interactive role;
//  - no text runs off the window's edge or is drawn over another text in the same layer (the page, or one popup);
//  - Tab reads a page's scrolling content in order: it never goes back up to an item above in the same column.
// Scroll bars are left out: flicking and the keyboard scroll the same content.
AuditFindings auditWindow(QQuickWindow *window);

} // namespace triad::test
