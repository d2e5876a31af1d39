import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// Offline / pending changes, shown on every screen.
Rectangle {
    id: badge
    required property Session session
    property bool compact: false
    implicitHeight: Math.max(Theme.touch - 12, row.implicitHeight + 8)
    implicitWidth: row.implicitWidth + 20
    radius: height / 2
    color: session.pendingChanges > 0 ? Theme.warnSoft : Theme.accentSoft
    Accessible.role: Accessible.StaticText
    Accessible.name: session.syncStatusText

    RowLayout {
        id: row
        anchors.centerIn: parent
        spacing: 6
        Rectangle {
            width: 8; height: 8; radius: 4
            color: badge.session.online ? "#2E7D32" : Theme.muted
        }
        Label {
            text: badge.session.online ? qsTr("Online") : qsTr("Offline")
            font.pixelSize: Theme.small
            font.weight: Font.DemiBold
        }
        Label {
            visible: badge.session.pendingChanges > 0
            text: badge.compact ? "· " + badge.session.pendingChanges : qsTr("· %1 to sync").arg(badge.session.pendingChanges)
            font.pixelSize: Theme.small
            color: Theme.warn
        }
    }
    ToolTip.visible: hover.hovered
    ToolTip.text: session.syncStatusText
    HoverHandler { id: hover }
}
