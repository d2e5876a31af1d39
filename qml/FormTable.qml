import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A table of a case form (teaching history, follow-up support): one line per row, a field per column.
ColumnLayout {
    id: root
    property var table: ({})
    property bool editable: false
    property bool compact: false
    signal cellEdited(int row, int column, string value)
    signal addRow()
    signal removeRow(int row)
    spacing: 4

    Label {
        visible: (root.table.section || "").length > 0
        text: root.table.section || ""
        font.pixelSize: Theme.large
        font.weight: Font.DemiBold
        Layout.topMargin: Theme.gap
        wrapMode: Text.WordWrap
        Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
    }
    Label {
        text: root.table.label || ""
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
    // The columns' names over the rows on a wide screen (a filled cell no longer shows its placeholder); on a phone
    // each cell carries its own name above it.
    RowLayout {
        visible: !root.compact && (root.table.rows || []).length > 0
        Layout.fillWidth: true
        Layout.leftMargin: Theme.gap
        Layout.rightMargin: Theme.gap
        Layout.topMargin: 4
        spacing: 5 // GridLayout's column spacing, so each name stands over its column
        Repeater {
            model: root.table.columns || []
            delegate: Label {
                required property string modelData
                text: modelData
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Layout.preferredWidth: 1
            }
        }
        Item { // as wide as a row's Remove button, so the names stand over their cells
            visible: root.editable
            implicitHeight: 1
            Layout.preferredWidth: removeWidth.implicitWidth
            ToolButton {
                id: removeWidth
                visible: false
                text: qsTr("Remove")
            }
        }
    }
    Repeater {
        model: root.table.rows || []
        delegate: Rectangle {
            id: rowItem
            required property var modelData
            required property int index
            Layout.fillWidth: true
            radius: 6
            color: Theme.card
            border.color: Theme.line
            implicitHeight: cells.implicitHeight + Theme.gap * 2
            GridLayout {
                id: cells
                anchors { fill: parent; margins: Theme.gap }
                columns: root.compact ? 1 : (root.table.columns || []).length + 1 // qmllint disable unqualified
                Repeater {
                    model: root.table.columns || [] // qmllint disable unqualified
                    // A cell wraps its text (a school's name at 200 % text on a phone), never cut off at a side.
                    // On a phone (one cell per line) each cell carries its column's name inside its box, above the text.
                    delegate: TextArea {
                        id: cell
                        required property string modelData
                        required property int index
                        objectName: "cell-" + root.table.key + "-" + rowItem.index + "-" + index // qmllint disable unqualified
                        text: rowItem.modelData[index] || "" // qmllint disable unqualified
                        placeholderText: modelData
                        // On a phone the caption names the cell already: the placeholder keeps its size (an empty one
                        // loops the layout's width) but is not drawn.
                        placeholderTextColor: root.compact ? "transparent" : palette.placeholderText // qmllint disable unqualified
                        readOnly: !root.editable // qmllint disable unqualified
                        wrapMode: TextEdit.Wrap
                        Accessible.name: modelData
                        implicitHeight: Math.max(Theme.touch, contentHeight + topPadding + bottomPadding)
                        topPadding: root.compact ? caption.height + 10 : undefined // qmllint disable unqualified
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1 // the columns share the row's width, whatever their text
                        background: Rectangle { color: Theme.card; border.color: cell.activeFocus ? Theme.accent : Theme.control; radius: 6 }
                        // A line break is not part of a cell: Enter moves on, as in a one-line field.
                        Keys.onReturnPressed: nextItemInFocusChain().forceActiveFocus()
                        Keys.onEnterPressed: nextItemInFocusChain().forceActiveFocus()
                        onTextChanged: if (activeFocus) root.cellEdited(rowItem.index, index, text) // qmllint disable unqualified
                        Label {
                            id: caption
                            visible: root.compact // qmllint disable unqualified
                            x: cell.leftPadding
                            y: 6
                            width: cell.width - cell.leftPadding - cell.rightPadding
                            text: cell.modelData
                            color: Theme.muted
                            font.pixelSize: Theme.small
                            wrapMode: Text.WordWrap
                        }
                    }
                }
                ToolButton {
                    visible: root.editable // qmllint disable unqualified
                    text: qsTr("Remove")
                    Accessible.name: qsTr("Remove this row")
                    implicitHeight: Theme.touch
                    onClicked: root.removeRow(rowItem.index) // qmllint disable unqualified
                }
            }
        }
    }
    Button {
        objectName: "addRow-" + root.table.key
        visible: root.editable
        text: qsTr("Add a row")
        implicitHeight: Theme.touch
        onClicked: root.addRow()
    }
}
