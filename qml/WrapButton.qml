import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal

// A button whose words wrap onto further lines instead of running out of it (long titles at 200 % text on a phone).
// Give it at most the room there is: `width: Math.min(implicitWidth, parent.width)` in a Flow, or
// `Layout.fillWidth: true; Layout.maximumWidth: implicitWidth` in a layout.
Button {
    id: control
    implicitHeight: Math.max(Theme.touch, implicitContentHeight + topPadding + bottomPadding)
    topPadding: 8
    bottomPadding: 8
    contentItem: Label {
        text: control.text
        font: control.font
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        color: control.Universal.foreground
        opacity: control.enabled ? 1 : 0.45
    }
}
