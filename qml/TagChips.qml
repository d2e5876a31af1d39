import QtQuick
import QtQuick.Controls
import Triad.Models

// One-tap tags: the case's standards of focus as a row of toggles above the composer.
// `qmllint disable unqualified` below marks an id of this file used inside a delegate or Component: QML resolves it,
// but qmllint 6.4 only looks for ids in the component that declares them (Qt 6.5 adds `pragma ComponentBehavior: Bound`).
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
        readonly property bool selected: chips.selection.selected.indexOf(tag) >= 0 // qmllint disable unqualified
        objectName: "tagChip-" + tag
        text: tag
        checked: selected
        emphasised: true
        Accessible.name: (selected ? qsTr("Remove tag %1 %2") : qsTr("Tag %1 %2")).arg(tag).arg(label)
        ToolTip.visible: hovered
        ToolTip.text: label
        onClicked: chips.selection.toggle(tag) // qmllint disable unqualified
    }
}
