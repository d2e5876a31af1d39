import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

Page {
    id: page
    required property Session session
    // The language choice below (none: the choice is not offered).
    property Language language: null
    background: Rectangle { color: Theme.page }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 420)
        spacing: Theme.gap

        Label {
            text: qsTr("Triad")
            font.pixelSize: Theme.title * 1.3
            font.weight: Font.DemiBold
            color: Theme.accent
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            text: qsTr("Peer Assistance and Review · observation notes")
            color: Theme.muted
            font.pixelSize: Theme.body
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Item { Layout.preferredHeight: Theme.gap }
        Label {
            text: qsTr("Your notes on this device are encrypted. Enter your passphrase to open them.")
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.body
            Layout.fillWidth: true
        }
        TextField {
            id: passphrase
            objectName: "passphraseField"
            echoMode: TextInput.Password
            placeholderText: qsTr("Passphrase")
            enabled: !page.session.unlocking
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            font.pixelSize: Theme.large
            Accessible.name: qsTr("Passphrase")
            focus: true
            onAccepted: unlockButton.clicked()
        }
        Label {
            visible: page.session.unlockError.length > 0
            text: page.session.unlockError
            color: Theme.danger
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
        }
        PrimaryButton {
            id: unlockButton
            objectName: "unlockButton"
            text: page.session.unlocking ? qsTr("Opening…") : qsTr("Open my notes")
            enabled: !page.session.unlocking
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            Accessible.name: qsTr("Open my notes")
            onClicked: {
                page.session.unlock(passphrase.text)
                passphrase.clear()
            }
        }
        BusyIndicator {
            running: page.session.unlocking
            visible: running
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            text: qsTr("Works without a network. Nothing leaves this device until it syncs with your district's case store.")
            color: Theme.muted
            font.pixelSize: Theme.small
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        // The language: the system's until the person picks one here; kept on this device.
        Flow {
            objectName: "languageChoice"
            visible: page.language !== null
            spacing: Theme.gap
            Layout.alignment: Qt.AlignHCenter
            Accessible.role: Accessible.Grouping
            Accessible.name: qsTr("Language")
            Repeater {
                model: page.language ? page.language.available : []
                delegate: Button {
                    id: languageButton
                    required property var modelData
                    readonly property bool current: page.language !== null && page.language.code === modelData.code // qmllint disable unqualified
                    objectName: "language-" + modelData.code
                    text: modelData.name
                    flat: true
                    font.pixelSize: Theme.small
                    font.weight: current ? Font.DemiBold : Font.Normal
                    font.underline: current
                    // The language shown in the accent colour on the page (a highlighted flat button draws black on blue).
                    contentItem: Label {
                        text: languageButton.text
                        font: languageButton.font
                        color: languageButton.current ? Theme.accent : Theme.muted
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                    }
                    Accessible.checkable: true
                    Accessible.checked: current
                    implicitHeight: Theme.touch
                    Accessible.name: modelData.name
                    onClicked: page.language.choose(modelData.code) // qmllint disable unqualified
                }
            }
        }
    }
}
