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
        color: Theme.inverseText
        opacity: control.enabled ? 1 : 0.75
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        // Long words at large text go onto a second line rather than being cut.
        wrapMode: Text.WordWrap
        maximumLineCount: 3
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitHeight: Theme.touch
        implicitWidth: 96
        radius: 6
        color: !control.enabled ? Theme.disabledFill : control.pressed ? Theme.accentPressed : Theme.accent
        border.width: control.visualFocus ? 3 : 0
        border.color: Theme.ink
    }
}
