import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// One-tap tags: the case's standards of focus as a row of toggles above the composer.
ListView {
    id: chips
    // Where the selection lives (the controller's tag model); the chips only show the focus subset.
    required property TagPickerModel selection
    required property var focusStandards
    orientation: ListView.Horizontal
    spacing: 6
    clip: true
    implicitHeight: Theme.touch
    model: TagPickerModel {
        focus: chips.focusStandards
        focusOnly: true
    }
    Accessible.name: qsTr("Standards of focus")
    delegate: Chip {
        required property string tag
        required property string label
        readonly property bool selected: chips.selection.selected.indexOf(tag) >= 0
        objectName: "tagChip-" + tag
        text: tag
        checked: selected
        emphasised: true
        Accessible.name: (selected ? qsTr("Remove tag %1 %2") : qsTr("Tag %1 %2")).arg(tag).arg(label)
        ToolTip.visible: hovered
        ToolTip.text: label
        onClicked: chips.selection.toggle(tag)
    }
}
