import QtQuick
import QtQuick.Controls

// The one main action of a screen: filled with the accent colour, white text, touch-sized.
Button {
    id: control
    highlighted: true
    font.pixelSize: Theme.body
    font.weight: Font.DemiBold
    leftPadding: 18
    rightPadding: 18
    contentItem: Label {
        text: control.text
        font: control.font
        color: "white"
        opacity: control.enabled ? 1 : 0.75
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitHeight: Theme.touch
        implicitWidth: 96
        radius: 6
        color: !control.enabled ? "#9DB1C4" : control.pressed ? Qt.darker(Theme.accent, 1.25) : Theme.accent
        border.width: control.visualFocus ? 2 : 0
        border.color: "#1B1F24"
    }
}
