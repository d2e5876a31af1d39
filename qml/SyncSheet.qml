import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// Sync details: where this device syncs, when it last did, what is waiting, what was set aside and why.
Dialog {
    id: sheet
    objectName: "syncSheet"
    required property SyncController sync
    modal: true
    title: qsTr("Sync")
    standardButtons: Dialog.Close
    footer: DialogButtons {}
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 2 * Theme.margin : 480, 520)
    height: Math.min(implicitHeight, parent ? parent.height - 2 * Theme.margin : implicitHeight)

    contentItem: Flickable {
        clip: true
        // The column below, its only child (no ids inside the dialog's deferred contentItem).
        contentHeight: contentItem.children[0].implicitHeight
        // As wide as the dialog: the column's labels wrap instead of running past its edge (long Spanish labels).
        contentWidth: width
        implicitHeight: contentHeight
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            width: parent.width
            spacing: Theme.gap

            Label {
                objectName: "syncState"
                text: sheet.sync.stateText
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
            Label {
                text: sheet.sync.lastSyncedText
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            ColumnLayout {
                visible: sheet.sync.syncing
                spacing: 4
                Layout.fillWidth: true
                ProgressBar {
                    objectName: "syncProgress"
                    indeterminate: sheet.sync.progress < 0
                    value: Math.max(0, sheet.sync.progress)
                    Layout.fillWidth: true
                    Accessible.name: sheet.sync.progressText
                }
                Label {
                    text: sheet.sync.progressText
                    font.pixelSize: Theme.small
                    color: Theme.muted
                    Layout.fillWidth: true
                }
            }
            Label {
                visible: sheet.sync.message.length > 0 && !sheet.sync.online
                text: sheet.sync.message
                color: Theme.warn
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            // Name and value side by side; one under the other when large text leaves no room for both.
            GridLayout {
                columns: Theme.base * 24 > sheet.availableWidth ? 1 : 2
                columnSpacing: Theme.gap
                rowSpacing: 6
                Layout.fillWidth: true
                Label { text: qsTr("Case store"); color: Theme.muted; wrapMode: Text.WordWrap; Layout.maximumWidth: sheet.availableWidth }
                Label {
                    objectName: "syncAddress"
                    text: sheet.sync.configured ? sheet.sync.caseStoreAddress : qsTr("None yet — chosen when this device is enrolled")
                    wrapMode: Text.WrapAnywhere
                    Layout.fillWidth: true
                }
                Label { text: qsTr("Waiting to send"); color: Theme.muted; wrapMode: Text.WordWrap; Layout.maximumWidth: sheet.availableWidth }
                Label {
                    objectName: "syncPending"
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    text: sheet.sync.pending === 0 ? qsTr("Nothing — all changes sent") : qsTr("%n change(s)", "", sheet.sync.pending)
                }
                Label { text: qsTr("Set aside"); color: Theme.muted; wrapMode: Text.WordWrap; Layout.maximumWidth: sheet.availableWidth }
                Label {
                    objectName: "syncSetAside"
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    text: sheet.sync.setAside === 0 ? qsTr("None") : qsTr("%n record(s)", "", sheet.sync.setAside)
                    color: sheet.sync.setAside > 0 ? Theme.danger : palette.windowText
                }
            }
            Label {
                visible: sheet.sync.setAside > 0
                text: qsTr("These records are kept on this device but the case store or this device refused them. They do not hold up anything else. Tell your district IT if a reason is unclear.")
                font.pixelSize: Theme.small
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Repeater {
                model: sheet.sync.setAsideReasons
                delegate: Label {
                    required property string modelData
                    text: "• " + modelData
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.small
                    Layout.fillWidth: true
                }
            }
            // The buttons wrap onto a second line on a phone.
            Flow {
                spacing: Theme.gap
                Layout.fillWidth: true
                PrimaryButton {
                    objectName: "syncNowButton"
                    text: qsTr("Sync now")
                    enabled: sheet.sync.configured && !sheet.sync.syncing
                    onClicked: sheet.sync.syncNow()
                }
                WrapButton {
                    visible: sheet.sync.setAside > 0
                    text: qsTr("Try set-aside records again")
                    width: Math.min(implicitWidth, parent.width)
                    onClicked: sheet.sync.retrySetAside()
                }
            }
        }
    }
}
