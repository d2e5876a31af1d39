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
    // On a phone the agreement, the statement and the passphrase may not fit: the content scrolls, the dialog stays
    // inside the window.
    height: Math.min(implicitHeight, parent ? parent.height - Theme.margin * 2 : implicitHeight)
    title: qsTr("Acknowledge receipt")
    padding: Theme.margin
    onOpened: {
        passphrase.text = ""
        agree.checked = false
        passphrase.forceActiveFocus()
    }

    Flickable {
        id: scroller
        anchors.fill: parent
        objectName: "acknowledgeScroller"
        implicitHeight: column.implicitHeight
        contentHeight: column.implicitHeight
        contentWidth: width
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { id: scrollBar; policy: scroller.contentHeight > scroller.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }

        ColumnLayout {
            id: column
            // Clear of the scroll bar, which stays on while the agreement is long: no word ends under it.
            width: scroller.width - (scrollBar.visible ? scrollBar.width : 0)
            spacing: Theme.gap
            // Once, before the first signature: the agreement to receive and sign PAR records electronically.
            Rectangle {
                visible: dialog.controller.needsAgreement
                Layout.fillWidth: true
                radius: 6
                color: "transparent"
                border.color: Theme.line
                implicitHeight: agreementColumn.implicitHeight + Theme.margin * 2
                ColumnLayout {
                    id: agreementColumn
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.margin }
                    spacing: 6
                    Label {
                        text: qsTr("Before your first signature")
                        font.weight: Font.DemiBold
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: dialog.controller.agreementText
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    // The words are the check box's own label: tapping them ticks it, a screen reader reads them.
                    CheckBox {
                        id: agree
                        objectName: "agreeCheck"
                        text: qsTr("I agree to receive and sign PAR records electronically")
                        font.weight: Font.DemiBold
                        Layout.minimumHeight: Theme.touch
                        Layout.fillWidth: true
                        contentItem: Label {
                            leftPadding: agree.indicator.width + agree.spacing
                            text: agree.text
                            font: agree.font
                            wrapMode: Text.WordWrap
                            verticalAlignment: Text.AlignVCenter
                        }
                    }
                }
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
}
