import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// Signing a case form: the statement the signer signs, confirmed with their own passphrase.
Dialog {
    id: dialog
    objectName: "formSignDialog"
    required property FormController controller
    modal: true
    anchors.centerIn: parent
    width: Math.min(parent.width - Theme.margin * 2, 560)
    title: qsTr("Sign — %1").arg(dialog.controller.title)
    onOpened: {
        passphrase.text = ""
        passphrase.forceActiveFocus()
    }

    contentItem: ColumnLayout {
        spacing: Theme.gap
        // A teacher's first electronic signature: the agreement, read and ticked (UETA, as on a report).
        Label {
            visible: dialog.controller.needsAgreement
            text: dialog.controller.agreementText
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.small
            Layout.fillWidth: true
        }
        CheckBox {
            id: agree
            objectName: "formAgreeCheck"
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
                objectName: "formStatement"
                anchors { fill: parent; margins: Theme.margin }
                text: dialog.controller.signStatement
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.muted
            text: qsTr("Your signature is bound to this version of the form, exactly as it stands, and to the time you sign. If the form is edited later, it is signed again.")
        }
        TextField {
            id: passphrase
            objectName: "formSignPassphrase"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            echoMode: TextInput.Password
            placeholderText: qsTr("Your passphrase, to sign")
            Accessible.name: qsTr("Your passphrase, to sign")
            onAccepted: signButton.clicked()
        }
        Label {
            objectName: "formSignError"
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
                objectName: "formSignButton"
                text: qsTr("Sign")
                enabled: passphrase.text.length > 0 && (!dialog.controller.needsAgreement || agree.checked)
                onClicked: if (dialog.controller.sign(passphrase.text, agree.checked)) dialog.close()
            }
        }
    }
}
