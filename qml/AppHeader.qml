import QtQuick
import QtQuick.Layouts

// The bar at the top of every page: light, with dark text, whatever the controls style.
Rectangle {
    id: bar
    default property alias content: row.data
    implicitHeight: Math.max(Theme.touch + 12, row.implicitHeight + 12)
    color: Theme.card
    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.gap / 2
        anchors.rightMargin: Theme.margin
        spacing: Theme.gap
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.line
    }
}
