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
                    delegate: TextField {
                        required property string modelData
                        required property int index
                        objectName: "cell-" + root.table.key + "-" + rowItem.index + "-" + index // qmllint disable unqualified
                        text: rowItem.modelData[index] || "" // qmllint disable unqualified
                        placeholderText: modelData
                        readOnly: !root.editable // qmllint disable unqualified
                        Accessible.name: modelData
                        implicitHeight: Theme.touch
                        Layout.fillWidth: true
                        onTextEdited: root.cellEdited(rowItem.index, index, text) // qmllint disable unqualified
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
