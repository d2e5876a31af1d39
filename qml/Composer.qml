import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// Type a note, tap tags, press Enter. The text is saved as a draft while typing, so a crash loses at most about a
// second of it.
// `qmllint disable unqualified` below marks an id of this file used inside a delegate or Component: QML resolves it,
// but qmllint 6.4 only looks for ids in the component that declares them (Qt 6.5 adds `pragma ComponentBehavior: Bound`).
Pane {
    id: composer
    required property ObservationController controller
    property bool compact: false
    signal moreTags()
    padding: Theme.gap
    background: Rectangle {
        color: Theme.card
        Rectangle { width: parent.width; height: 1; color: Theme.line }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            TagChips {
                selection: composer.controller.tags
                focusStandards: composer.controller.focus
                Layout.fillWidth: true
            }
            Button {
                visible: composer.compact
                text: qsTr("All standards…")
                flat: true
                Layout.preferredHeight: Theme.touch
                onClicked: composer.moreTags()
            }
        }

        // Tags chosen for this note (from the chips or the full catalogue).
        Flow {
            visible: composer.controller.tags.selected.length > 0
            spacing: 6
            Layout.fillWidth: true
            Repeater {
                model: composer.controller.tags.selected
                // A touch-sized target around a small pill; tapping it keeps the keyboard on the note, Tab reaches it.
                delegate: AbstractButton {
                    id: selectedTag
                    required property string modelData
                    focusPolicy: Qt.TabFocus
                    implicitHeight: Math.max(Theme.touch, implicitContentHeight + 12)
                    implicitWidth: Math.max(Theme.touch, implicitContentWidth + 24)
                    Accessible.name: qsTr("Remove tag %1").arg(modelData)
                    onClicked: composer.controller.tags.toggle(selectedTag.modelData) // qmllint disable unqualified
                    background: Rectangle {
                        anchors.centerIn: parent
                        width: parent.width
                        height: Math.max(30, parent.height - 16)
                        radius: height / 2
                        color: Theme.accentSoft
                        border.color: selectedTag.visualFocus ? Theme.ink : "transparent"
                        border.width: 3
                    }
                    contentItem: Label {
                        text: selectedTag.modelData + " ✕"
                        font.pixelSize: Theme.small
                        color: Theme.accent
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(Math.max(noteField.implicitHeight, Theme.touch), 140)
                TextArea {
                    id: noteField
                    objectName: "noteField"
                    placeholderText: qsTr("What do you see? Enter saves the note")
                    wrapMode: TextEdit.Wrap
                    font.pixelSize: Theme.large
                    text: composer.controller.draftText
                    onTextChanged: if (text !== composer.controller.draftText) composer.controller.draftText = text
                    Accessible.name: qsTr("Note text")
                    focus: true
                    Keys.onReturnPressed: event => {
                        if (event.modifiers & Qt.ShiftModifier) {
                            event.accepted = false
                        } else {
                            composer.controller.saveNote()
                        }
                    }
                    Keys.onEnterPressed: composer.controller.saveNote()
                }
            }
            PrimaryButton {
                objectName: "saveNoteButton"
                text: qsTr("Save")
                    enabled: noteField.text.trim().length > 0
                Layout.preferredHeight: Theme.touch
                Accessible.name: qsTr("Save note")
                onClicked: composer.controller.saveNote()
            }
        }
        Label {
            text: composer.controller.draftText.length === 0 ? qsTr("Shift+Enter for a new line")
                : composer.controller.draftSaved ? qsTr("Draft kept on this device") : qsTr("Saving draft…")
            font.pixelSize: Theme.small
            color: Theme.muted
        }
    }
}
