import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The teacher acknowledges receipt: the full statement, what the signature binds, and the teacher's own unlock as the
// deliberate act. Nothing is signed until the passphrase is confirmed.
Dialog {
    id: dialog
    objectName: "acknowledgeDialog"
    required property ReportController controller
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - Theme.margin * 2 : 560, 560)
    title: qsTr("Acknowledge receipt")
    padding: Theme.margin
    onOpened: {
        passphrase.text = ""
        agree.checked = false
        passphrase.forceActiveFocus()
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.gap
        // Once, before the first signature: the agreement to receive and sign PAR records electronically.
        Label {
            visible: dialog.controller.needsAgreement
            text: dialog.controller.agreementText
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.small
            Layout.fillWidth: true
        }
        CheckBox {
            id: agree
            objectName: "agreeCheck"
            visible: dialog.controller.needsAgreement
            text: qsTr("I agree to receive and sign PAR records electronically")
            Layout.fillWidth: true
        }
        Rectangle {
            Layout.fillWidth: true
            radius: 6
            color: Theme.accentSoft
            implicitHeight: statement.implicitHeight + Theme.margin * 2
            Label {
                id: statement
                objectName: "statement"
                anchors { fill: parent; margins: Theme.margin }
                text: dialog.controller.statement
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.muted
            text: qsTr("Your signature is bound to this version of the report, exactly as you read it, and to the time you sign. You can still write a response.")
        }
        TextField {
            id: passphrase
            objectName: "signPassphrase"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            echoMode: TextInput.Password
            placeholderText: qsTr("Your passphrase, to sign")
            Accessible.name: qsTr("Your passphrase, to sign")
            onAccepted: signButton.clicked()
        }
        Label {
            objectName: "signError"
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
                id: signButton
                objectName: "signButton"
                text: qsTr("Sign")
                enabled: passphrase.text.length > 0 && (!dialog.controller.needsAgreement || agree.checked)
                onClicked: if (dialog.controller.acknowledge(passphrase.text, agree.checked)) dialog.close()
            }
        }
    }
}
