import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// After the observation: the notes grouped by CSTP standard and element.
Pane {
    id: pane
    required property ObservationController controller
    background: Rectangle { color: Theme.page }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        // The title and Done side by side; Done under the title when large text leaves no room beside it.
        GridLayout {
            columns: pane.width < Theme.base * 30 ? 1 : 2
            Layout.fillWidth: true
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Label {
                    text: qsTr("Observation summary")
                    font.pixelSize: Theme.title
                    font.weight: Font.DemiBold
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Label {
                    text: qsTr("%n note(s)", "", pane.controller.summary.noteCount)
                          + (pane.controller.summary.untaggedCount > 0 ? qsTr(" · %n without a standard", "", pane.controller.summary.untaggedCount) : "")
                    color: Theme.muted
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
                }
            }
            PrimaryButton {
                objectName: "summaryDoneButton"
                text: qsTr("Done")
                    Layout.preferredHeight: Theme.touch
                onClicked: pane.controller.closeSummary()
            }
        }
        ListView {
            id: list
            objectName: "summaryList"
            model: pane.controller.summary
            clip: true
            spacing: 6
            Layout.fillWidth: true
            Layout.fillHeight: true
            section.property: "section"
            section.delegate: Label {
                required property string section
                width: ListView.view.width
                text: section
                font.weight: Font.DemiBold
                color: Theme.accent
                topPadding: Theme.gap
                bottomPadding: 4
                wrapMode: Text.WordWrap
            }
            delegate: Rectangle {
                id: row
                required property string tag
                required property string label
                required property int noteCount
                required property var notes
                width: ListView.view.width
                implicitHeight: rowBody.implicitHeight + 2 * Theme.gap
                radius: Theme.radius
                color: Theme.card
                border.color: Theme.line
                ColumnLayout {
                    id: rowBody
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    spacing: 4
                    Label {
                        text: "%1  %2  (%3)".arg(row.tag).arg(row.label).arg(row.noteCount)
                        font.weight: Font.DemiBold
                        font.pixelSize: Theme.body
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Repeater {
                        model: row.notes
                        delegate: Label {
                            required property var modelData
                            text: modelData.offsetText + "  " + modelData.text
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.small
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
    }
}
