pragma Singleton
import QtQuick

// Sizes, spacing and colours in one place. Sizes follow the platform font so system font scaling is honoured.
QtObject {
    readonly property real base: Application.font.pixelSize > 0 ? Application.font.pixelSize : 14
    readonly property real small: Math.round(base * 0.86)
    readonly property real body: base
    readonly property real large: Math.round(base * 1.25)
    readonly property real title: Math.round(base * 1.55)
    readonly property real clock: Math.round(base * 2.1)
    readonly property int touch: 48          // minimum touch target (≥ 44 px)
    readonly property int gap: 12
    readonly property int margin: 16
    readonly property int radius: 10
    readonly property color accent: "#2E5E8C"      // calm school-district blue
    readonly property color accentSoft: "#E6EEF6"
    readonly property color focusTag: "#1F6F5C"
    readonly property color focusTagSoft: "#E3F1ED"
    readonly property color muted: "#5F6B76"
    readonly property color line: "#D8DEE4"
    readonly property color page: "#F6F7F9"
    readonly property color card: "#FFFFFF"
    readonly property color warn: "#9A5B00"
    readonly property color warnSoft: "#FFF4E0"
    readonly property color danger: "#B3261E"
    readonly property color dangerSoft: "#FDECEA"   // an overdue deadline's card
    readonly property color inverseText: "#FFFFFF"     // text on a filled accent, danger or focus-tag colour
    readonly property color accentPressed: "#234A6F" // a main action while pressed
    readonly property color ink: "#1B1F24"          // body text drawn by hand, and the keyboard focus ring
    readonly property color control: "#76808A"      // the edge of an unfilled control (3:1 on card and page)
    readonly property color online: "#2E7D32"       // the sync badge's dot (with its word: Online)
    readonly property color disabledFill: "#9DB1C4" // a disabled main action (inactive: no contrast minimum)
    // WCAG 2.1 AA: every text pair ≥ 4.5:1, controls' edges and focus rings ≥ 3:1 (tests/a11y/test_contrast.cpp).
}
