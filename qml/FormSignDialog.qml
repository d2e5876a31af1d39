import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Triad.Models

// Signing a case form: the statement the signer signs, confirmed with their own passphrase.
Dialog {
    id: dialog
    objectName: "formSignDialog"
    required property FormController controller
    // Triad meeting mode: another person of the case signs on this tablet with their own key backup and passphrase.
    property bool visitor: false
    // The agreement is asked of the owner before a first signature, and of a visiting teacher once their backup
    // showed they have none in force.
    readonly property bool asksAgreement: dialog.visitor ? dialog.controller.visitorNeedsAgreement : dialog.controller.needsAgreement
    modal: true
    anchors.centerIn: parent
    width: Math.min(parent.width - Theme.margin * 2, 560)
    title: qsTr("Sign — %1").arg(dialog.controller.title)
    // In triad meeting mode: what each person still to sign signs, so the one at the tablet reads their statement
    // before they sign (the signature binds the English text; a translation follows it).
    function visitorStatementText() {
        const parts = dialog.controller.visitorStatements
        if (parts.length === 0)
            return qsTr("The person signing signs, as their part in this case, the statement this form carries for it.")
        let out = []
        for (let i = 0; i < parts.length; ++i) {
            let line = qsTr("%1 signs: “%2”").arg(parts[i].role).arg(parts[i].statement)
            if (parts[i].statementTranslation.length > 0)
                line += "\n" + qsTr("In your language: %1").arg(parts[i].statementTranslation)
            out.push(line)
        }
        return out.join("\n\n")
    }
    onClosed: {
        passphrase.text = ""
        backupFile.text = ""
        agree.checked = false
        dialog.controller.resetVisitor()
    }
    onOpened: {
        passphrase.text = ""
        backupFile.text = ""
        agree.checked = false
        dialog.controller.resetVisitor()
        if (dialog.visitor)
            backupFile.forceActiveFocus()
        else
            passphrase.forceActiveFocus()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        // A teacher's first electronic signature: the agreement, read and ticked (UETA, as on a report).
        Label {
            visible: dialog.visitor
            text: qsTr("Triad meeting: the person signing chooses their own key backup (or types its path) and enters its passphrase. Their keys are used for this one signature and not kept on this tablet.")
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        // The backup is chosen from the device's files (a USB stick, the person's own cloud folder) or its path typed.
        RowLayout {
            visible: dialog.visitor
            spacing: Theme.gap
            Layout.fillWidth: true
            TextField {
                id: backupFile
                objectName: "visitorBackupFile"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                placeholderText: qsTr("Key backup file (for example /media/usb/my-key.triadbak)")
                Accessible.name: qsTr("Key backup file of the person signing")
                onTextChanged: dialog.controller.resetVisitor() // another person's backup: asked anew
            }
            Button {
                objectName: "visitorBackupChoose"
                text: qsTr("Choose…")
                Layout.preferredHeight: Theme.touch
                Accessible.name: qsTr("Choose the key backup file")
                onClicked: backupPicker.open()
            }
        }
        FileDialog {
            id: backupPicker
            title: qsTr("The key backup of the person signing")
            fileMode: FileDialog.OpenFile
            // A local file by its path; another kind of address (a document provider's) as it is.
            onAccepted: {
                const url = selectedFile.toString()
                backupFile.text = url.startsWith("file://") ? decodeURIComponent(url.substring(7)) : url
            }
        }
        Label {
            objectName: "formAgreementText"
            visible: dialog.asksAgreement
            text: dialog.controller.agreementText
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.small
            Layout.fillWidth: true
        }
        CheckBox {
            id: agree
            objectName: "formAgreeCheck"
            visible: dialog.asksAgreement
            text: qsTr("I agree to receive and sign PAR records electronically")
            Layout.minimumHeight: Theme.touch
            Layout.fillWidth: true
            contentItem: Label {
                leftPadding: agree.indicator.width + agree.spacing
                text: agree.text
                wrapMode: Text.WordWrap
                verticalAlignment: Text.AlignVCenter
            }
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
                text: dialog.visitor ? dialog.visitorStatementText() : dialog.controller.signStatement
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
            }
        }
        Label {
            objectName: "formStatementTranslation"
            Layout.fillWidth: true
            visible: !dialog.visitor && text.length > 0
            wrapMode: Text.WordWrap
            text: dialog.controller.signStatementTranslation.length > 0
                  ? qsTr("In your language (the signature is on the English text above): %1").arg(dialog.controller.signStatementTranslation) : ""
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
            placeholderText: dialog.visitor ? qsTr("Their backup passphrase") : qsTr("Your passphrase, to sign")
            Accessible.name: placeholderText
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
                enabled: passphrase.text.length > 0 && (!dialog.visitor || backupFile.text.length > 0) && (!dialog.asksAgreement || agree.checked)
                onClicked: {
                    const done = dialog.visitor ? dialog.controller.signAsVisitor(backupFile.text, passphrase.text, agree.checked)
                                                : dialog.controller.sign(passphrase.text, agree.checked)
                    if (done)
                        dialog.close()
                }
            }
        }
    }
}
