import QtQuick
import QtQuick.Layouts

// The bar at the top of every page: light, with dark text, whatever the controls style.
Rectangle {
    id: bar
    default property alias content: row.data
    implicitHeight: Math.max(Theme.touch + 12, row.implicitHeight + 12)
    // What one line needs: each shown item at its natural width. With large text on a phone the items go one a line
    // (title first), rather than squeezing the title to nothing and drawing the buttons over it.
    readonly property real oneLineWidth: {
        let w = 0
        for (let i = 0; i < row.children.length; ++i)
            if (row.children[i].visible) w += row.children[i].implicitWidth + row.columnSpacing
        return w + Theme.gap / 2 + Theme.margin
    }
    color: Theme.card
    GridLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.gap / 2
        anchors.rightMargin: Theme.margin
        anchors.topMargin: columns === 1 ? 6 : 0
        anchors.bottomMargin: columns === 1 ? 6 : 0
        columns: bar.oneLineWidth > bar.width && Theme.base > 18 ? 1 : 99
        columnSpacing: Theme.gap
        rowSpacing: 0
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.line
    }
}
