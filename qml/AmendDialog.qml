import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// A correction never overwrites: it is saved as an amendment with a reason, and the original stays in history.
Dialog {
    id: dialog
    required property ObservationController controller
    property string noteId
    property string originalText
    modal: true
    title: qsTr("Correct a note")
    standardButtons: Dialog.Cancel
    footer: DialogButtons {}

    function openFor(id, text) {
        noteId = id
        originalText = text
        newText.text = text
        reason.text = ""
        open()
        newText.forceActiveFocus()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        Label {
            text: qsTr("The original stays visible in the note's history.")
            color: Theme.muted
            font.pixelSize: Theme.small
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        TextArea {
            id: newText
            objectName: "amendTextField"
            wrapMode: TextEdit.Wrap
            font.pixelSize: Theme.body
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(implicitHeight, 96)
            Accessible.name: qsTr("Corrected note text")
        }
        TextField {
            id: reason
            objectName: "amendReasonField"
            placeholderText: qsTr("Reason for the correction (required)")
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            Accessible.name: qsTr("Reason for the correction")
        }
        Label {
            visible: dialog.controller.lastError.length > 0 && dialog.visible
            text: dialog.controller.lastError
            color: Theme.danger
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.small
            Layout.fillWidth: true
        }
        PrimaryButton {
            objectName: "amendSaveButton"
            text: qsTr("Save correction")
            enabled: reason.text.trim().length > 0 && newText.text.trim().length > 0
            Layout.alignment: Qt.AlignRight
            Layout.preferredHeight: Theme.touch
            onClicked: if (dialog.controller.amend(dialog.noteId, newText.text, reason.text)) dialog.close()
        }
    }
}
