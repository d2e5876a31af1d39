import QtQuick
import QtQuick.Controls

// A toggle chip (a CSTP tag): drawn by hand so it looks the same in every style and renderer.
AbstractButton {
    id: chip
    property bool emphasised: false // a standard of focus
    checkable: true
    // Tapping a tag must not take the keyboard away from the note being typed; Tab still reaches it.
    focusPolicy: Qt.TabFocus
    implicitHeight: Theme.touch
    implicitWidth: Math.max(Theme.touch, contentItem.implicitWidth + 28)
    Accessible.role: Accessible.CheckBox
    Accessible.checkable: true
    Accessible.checked: checked
    background: Rectangle {
        anchors.fill: parent
        anchors.topMargin: 4
        anchors.bottomMargin: 4
        radius: height / 2
        color: chip.checked ? Theme.accent : (chip.pressed ? Theme.accentSoft : Theme.card)
        border.color: chip.visualFocus ? Theme.ink : chip.checked ? Theme.accent : (chip.emphasised ? Theme.focusTag : Theme.control)
        border.width: chip.visualFocus ? 3 : 1
    }
    contentItem: Label {
        // Chosen is shown by the tick as well as the fill (not by colour alone).
        text: chip.checked ? "✓ " + chip.text : chip.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        font.pixelSize: Theme.body
        font.weight: Font.DemiBold
        color: chip.checked ? Theme.inverseText : (chip.emphasised ? Theme.focusTag : Theme.accent)
    }
}
