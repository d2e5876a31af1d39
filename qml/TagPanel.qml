import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The CSTP catalogue, searchable, the case's standards of focus first. Tap to tag the note being typed.
// `qmllint disable unqualified` below marks an id of this file used inside a delegate or Component: QML resolves it,
// but qmllint 6.4 only looks for ids in the component that declares them (Qt 6.5 adds `pragma ComponentBehavior: Bound`).
Pane {
    id: panel
    required property TagPickerModel tags
    padding: 0
    background: Rectangle { color: Theme.card }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TextField {
            id: search
            objectName: "tagSearchField"
            placeholderText: qsTr("Search standards, e.g. 2.6 or \"routines\"")
            text: panel.tags.filter
            onTextChanged: panel.tags.filter = text
            inputMethodHints: Qt.ImhNoPredictiveText
            Layout.fillWidth: true
            Layout.margins: Theme.gap
            Layout.preferredHeight: Theme.touch
            Accessible.name: qsTr("Search CSTP standards")
        }
        ListView {
            id: list
            objectName: "tagList"
            model: panel.tags
            clip: true
            reuseItems: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            section.property: "section"
            section.criteria: ViewSection.FullString
            section.delegate: Rectangle {
                required property string section
                width: ListView.view.width
                height: sectionLabel.implicitHeight + 12
                color: Theme.page
                Label {
                    id: sectionLabel
                    anchors.fill: parent
                    anchors.leftMargin: Theme.gap
                    anchors.rightMargin: Theme.gap
                    verticalAlignment: Text.AlignVCenter
                    text: parent.section
                    font.pixelSize: Theme.small
                    font.weight: Font.DemiBold
                    color: panel.tags.isFocusSection(parent.section) ? Theme.focusTag : Theme.muted // qmllint disable unqualified
                    wrapMode: Text.WordWrap
                }
            }
            delegate: ItemDelegate {
                id: row
                required property string tag
                required property string label
                required property bool selected
                required property bool isFocus
                width: ListView.view.width
                implicitHeight: Math.max(Theme.touch, contentItem.implicitHeight + 16)
                highlighted: selected
                checkable: true
                checked: selected
                focusPolicy: Qt.TabFocus // a tap keeps the keyboard on the note being typed; Tab reaches it
                Accessible.name: (selected ? qsTr("Remove tag %1 %2") : qsTr("Tag %1 %2")).arg(tag).arg(label)
                onClicked: panel.tags.toggle(tag) // qmllint disable unqualified
                contentItem: RowLayout {
                    spacing: Theme.gap
                    Label {
                        text: row.tag
                        font.pixelSize: Theme.body
                        font.weight: Font.DemiBold
                        color: row.isFocus ? Theme.focusTag : Theme.accent
                        Layout.preferredWidth: Theme.base * 2.6
                    }
                    Label {
                        text: row.label
                        font.pixelSize: Theme.small
                        wrapMode: Text.WordWrap
                        maximumLineCount: 3
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: row.selected ? "✓" : ""
                        color: Theme.accent
                        font.pixelSize: Theme.large
                        Layout.preferredWidth: Theme.base
                    }
                }
            }
            ScrollBar.vertical: ScrollBar {}
        }
    }
}
