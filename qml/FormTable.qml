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
                    delegate: TextArea {
                        id: cell
                        required property string modelData
                        required property int index
                        objectName: "cell-" + root.table.key + "-" + rowItem.index + "-" + index // qmllint disable unqualified
                        text: rowItem.modelData[index] || "" // qmllint disable unqualified
                        placeholderText: modelData
                        readOnly: !root.editable // qmllint disable unqualified
                        wrapMode: TextEdit.Wrap
                        Accessible.name: modelData
                        implicitHeight: Math.max(Theme.touch, contentHeight + topPadding + bottomPadding)
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1 // the columns share the row's width, whatever their text
                        background: Rectangle { color: Theme.card; border.color: cell.activeFocus ? Theme.accent : Theme.control; radius: 6 }
                        // A line break is not part of a cell: Enter moves on, as in a one-line field.
                        Keys.onReturnPressed: nextItemInFocusChain().forceActiveFocus()
                        Keys.onEnterPressed: nextItemInFocusChain().forceActiveFocus()
                        onTextChanged: if (activeFocus) root.cellEdited(rowItem.index, index, text) // qmllint disable unqualified
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
