import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// One note in the live observation: its time, its current wording and tags, its history if corrected, and its
// evidence (photos, audio memos). A note whose record cannot be opened shows why, with nothing to act on.
Item {
    id: note
    required property int index
    required property string noteId
    required property string timeText
    required property string offsetText
    required property string text
    required property string tagsText
    required property bool amended
    required property var history
    required property bool unreadable
    property EvidenceController evidence: null
    property Session session: null
    property var tagLabel: tag => tag
    signal correct(string noteId, string text)

    implicitHeight: card.implicitHeight + 4

    Rectangle {
        id: card
        x: Theme.gap
        width: parent.width - 2 * Theme.gap
        implicitHeight: body.implicitHeight + 2 * Theme.gap
        radius: Theme.radius
        color: Theme.card
        border.color: Theme.line

        // Time, words, actions side by side; on a narrow card (a phone at large text) the time and actions above the
        // words, which then have the card's whole width.
        GridLayout {
            id: body
            readonly property bool narrow: card.width < Theme.base * 26
            anchors.fill: parent
            anchors.margins: Theme.gap
            columnSpacing: Theme.gap
            rowSpacing: 4
            ColumnLayout {
                spacing: 0
                Layout.alignment: Qt.AlignTop
                Layout.preferredWidth: Theme.base * 5
                Layout.fillWidth: body.narrow
                Layout.row: 0
                Layout.column: 0
                Label {
                    text: note.offsetText
                    font.family: "monospace"
                    font.pixelSize: Theme.small
                    color: Theme.accent
                }
                Label {
                    text: note.timeText
                    font.pixelSize: Theme.small
                    color: Theme.muted
                }
            }
            ColumnLayout {
                spacing: 4
                Layout.fillWidth: true
                Layout.row: body.narrow ? 1 : 0
                Layout.column: body.narrow ? 0 : 1
                Layout.columnSpan: body.narrow ? 2 : 1
                Label {
                    text: note.text
                    wrapMode: Text.WordWrap
                    font.pixelSize: note.unreadable ? Theme.small : Theme.body
                    color: note.unreadable ? Theme.danger : palette.windowText
                    Layout.fillWidth: true
                    textFormat: Text.PlainText
                }
                RowLayout {
                    spacing: Theme.gap
                    Layout.fillWidth: true
                    Label {
                        visible: note.tagsText.length > 0
                        text: note.tagsText
                        color: Theme.focusTag
                        font.pixelSize: Theme.small
                        font.weight: Font.DemiBold
                    }
                    AbstractButton {
                        id: historyToggle
                        visible: note.amended
                        implicitHeight: Theme.touch
                        implicitWidth: implicitContentWidth
                        Layout.fillWidth: true
                        Layout.maximumWidth: implicitWidth
                        Accessible.name: historyBox.visible ? qsTr("Hide the note's history") : qsTr("Show the note's history")
                        onClicked: historyBox.visible = !historyBox.visible
                        contentItem: Label {
                            text: historyBox.visible ? qsTr("Hide history") : qsTr("Corrected · show history")
                            color: Theme.warn
                            font.pixelSize: Theme.small
                            font.underline: true
                            elide: Text.ElideRight
                            verticalAlignment: Text.AlignVCenter
                        }
                        background: Rectangle {
                            color: "transparent"
                            border.color: historyToggle.visualFocus ? Theme.ink : "transparent"
                            border.width: 2
                        }
                    }
                    Item { Layout.fillWidth: true }
                }
                ColumnLayout {
                    id: historyBox
                    visible: false
                    spacing: 2
                    Layout.fillWidth: true
                    Repeater {
                        model: note.history
                        delegate: Label {
                            required property var modelData
                            text: "%1 — %2: %3".arg(modelData.timeText).arg(modelData.reason).arg(modelData.text)
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.small
                            color: Theme.muted
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                        }
                    }
                }
                EvidenceStrip {
                    objectName: "evidenceStrip-" + note.index
                    noteId: note.noteId
                    session: note.session
                    Layout.fillWidth: true
                }
            }
            ToolButton {
                visible: !note.unreadable
                objectName: "noteMenuButton-" + note.index
                property alias menu: menu
                text: "⋯"
                font.pixelSize: Theme.large
                implicitWidth: Theme.touch
                implicitHeight: Theme.touch
                Layout.alignment: Qt.AlignTop
                Layout.row: 0
                Layout.column: body.narrow ? 1 : 2
                Accessible.name: qsTr("Actions for the note at %1").arg(note.offsetText)
                onClicked: menu.open()
                Menu {
                    id: menu
                    objectName: "noteMenu-" + note.index
                    MenuItem {
                        objectName: "correctMenuItem"
                        text: qsTr("Correct…")
                        onTriggered: note.correct(note.noteId, note.text)
                    }
                    MenuItem {
                        objectName: "photoMenuItem"
                        text: qsTr("Add photo")
                        enabled: note.evidence !== null && note.evidence.canTakePhoto
                        onTriggered: note.evidence.attachPhoto(note.noteId)
                    }
                    MenuItem {
                        objectName: "audioMenuItem"
                        text: note.evidence && note.evidence.recording ? qsTr("Stop and attach audio memo") : qsTr("Record audio memo")
                        enabled: note.evidence !== null && note.evidence.canRecordAudio
                        onTriggered: note.evidence.recording ? note.evidence.stopAudioMemo(note.noteId) : note.evidence.startAudioMemo()
                    }
                }
            }
        }
    }
}
