import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The case's PAR mentor records that the teacher declined to sign this version: the date, a witness who was present,
// and an optional note. The record is signed by the mentor and travels with the report to everyone who reads it.
Dialog {
    id: dialog
    objectName: "declineDialog"
    required property ReportController controller
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - Theme.margin * 2 : 520, 520)
    height: Math.min(implicitHeight, parent ? parent.height - Theme.margin * 2 : implicitHeight)
    title: qsTr("Record a refusal to sign")
    padding: Theme.margin
    onOpened: {
        declinedOn.text = dialog.controller.today
        witness.text = ""
        note.text = ""
        witness.forceActiveFocus()
    }

    Flickable {
        id: scroller
        anchors.fill: parent
        implicitHeight: column.implicitHeight
        contentHeight: column.implicitHeight
        contentWidth: width
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: scroller.width
            spacing: Theme.gap
            Label {
                text: qsTr("The handbook asks the teacher to sign that they received the report. If they will not, record it here: it stands in the place of their signature for this version.")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Date the teacher declined (year-month-day)")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            TextField {
                id: declinedOn
                objectName: "declinedOn"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                inputMethodHints: Qt.ImhDate
                Accessible.name: qsTr("Date the teacher declined")
            }
            Label {
                text: qsTr("Witness (full name)")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            TextField {
                id: witness
                objectName: "declineWitness"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                placeholderText: qsTr("Who was present")
                Accessible.name: qsTr("Witness")
            }
            Label {
                text: qsTr("Note (optional)")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            TextArea {
                id: note
                objectName: "declineNote"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touch * 2
                wrapMode: TextEdit.Wrap
                Accessible.name: qsTr("Note")
            }
            Label {
                visible: dialog.controller.actionError.length > 0
                text: dialog.controller.actionError
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                Item { Layout.fillWidth: true }
                Button {
                    text: qsTr("Cancel")
                    implicitHeight: Theme.touch
                    onClicked: dialog.close()
                }
                PrimaryButton {
                    objectName: "confirmDecline"
                    text: qsTr("Record")
                    enabled: witness.text.trim().length > 0 && declinedOn.text.length > 0
                    onClicked: if (dialog.controller.recordDecline(declinedOn.text, witness.text, note.text)) dialog.close()
                }
            }
        }
    }
}
