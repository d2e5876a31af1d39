import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// Online / offline and changes waiting to sync, shown on every screen. Tapping it opens the sync details.
AbstractButton {
    id: badge
    objectName: "syncBadge"
    required property Session session
    property bool compact: false
    readonly property SyncController sync: session.sync
    implicitHeight: Theme.touch
    implicitWidth: background.implicitWidth
    Accessible.role: Accessible.Button
    Accessible.name: session.syncStatusText
    Accessible.description: qsTr("Opens the sync details")
    onClicked: sheet.open()

    contentItem: Item {}
    background: Rectangle {
        anchors.verticalCenter: parent.verticalCenter
        // Sized by the row below, its only child (no ids inside a control's deferred background).
        implicitWidth: children[0].implicitWidth + 20
        width: parent.width
        height: Math.max(Theme.touch - 12, children[0].implicitHeight + 8)
        radius: height / 2
        color: badge.sync.needsAttention || badge.session.pendingChanges > 0 ? Theme.warnSoft : Theme.accentSoft
        border.color: badge.visualFocus ? Theme.accent : "transparent"
        border.width: 2

        RowLayout {
            anchors.centerIn: parent
            spacing: 6
            BusyIndicator {
                visible: badge.sync.syncing
                running: visible
                Layout.preferredWidth: 16
                Layout.preferredHeight: 16
            }
            Rectangle {
                visible: !badge.sync.syncing
                width: 8; height: 8; radius: 4
                color: badge.session.online ? Theme.online : Theme.muted
            }
            Label {
                text: badge.sync.syncing ? qsTr("Syncing") : badge.session.online ? qsTr("Online") : qsTr("Offline")
                font.pixelSize: Theme.small
                font.weight: Font.DemiBold
            }
            Label {
                visible: badge.session.pendingChanges > 0
                text: badge.compact ? "· " + badge.session.pendingChanges : qsTr("· %1 to sync").arg(badge.session.pendingChanges)
                font.pixelSize: Theme.small
                color: Theme.warn
            }
            Label {
                visible: badge.sync.setAside > 0
                text: "· ⚠ " + badge.sync.setAside
                font.pixelSize: Theme.small
                color: Theme.danger
            }
        }
    }
    ToolTip.visible: hovered
    ToolTip.text: session.syncStatusText

    SyncSheet {
        id: sheet
        sync: badge.sync
    }
}
