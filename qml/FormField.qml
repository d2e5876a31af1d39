import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One answer of a case form, drawn by its type: one line, paragraphs, a date, a whole number, a check box, a choice,
// or a rating in the district's own words. The value is read once; edits go out through edited().
ColumnLayout {
    id: root
    property var field: ({})
    property string heading: ""
    property bool editable: false
    property bool compact: false
    signal edited(string key, string value)
    spacing: 4

    Label {
        visible: root.heading.length > 0
        text: root.heading
        font.pixelSize: Theme.large
        font.weight: Font.DemiBold
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Layout.topMargin: Theme.gap
    }

    // Check boxes carry their label beside them.
    CheckBox {
        visible: root.field.type === "check"
        objectName: "field-" + root.field.key
        text: root.field.label
        checked: root.field.value === "yes"
        enabled: root.editable
        Layout.fillWidth: true
        Layout.leftMargin: root.field.level * Theme.margin
        contentItem: Label {
            leftPadding: parent.indicator.width + parent.spacing
            text: parent.text
            wrapMode: Text.WordWrap
            verticalAlignment: Text.AlignVCenter
        }
        onToggled: root.edited(root.field.key, checked ? "yes" : "")
    }

    GridLayout {
        visible: root.field.type !== "check"
        columns: root.compact || root.field.type === "long_text" ? 1 : 2
        columnSpacing: Theme.gap
        rowSpacing: 2
        Layout.fillWidth: true
        Layout.leftMargin: root.field.level * Theme.margin

        Label {
            text: root.field.label + (root.field.required ? " *" : "")
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Layout.preferredWidth: 3
        }

        Loader {
            Layout.fillWidth: true
            Layout.preferredWidth: 2
            sourceComponent: root.field.type === "long_text" ? longText
                           : root.field.type === "rating" || root.field.type === "choice" ? choices
                           : root.field.type === "check" ? null : line
        }
    }
    Label {
        visible: (root.field.help || "").length > 0
        text: root.field.help || ""
        color: Theme.muted
        font.pixelSize: Theme.small
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Layout.leftMargin: root.field.level * Theme.margin
    }

    Component {
        id: line
        TextField {
            objectName: "field-" + root.field.key
            text: root.field.value
            readOnly: !root.editable
            placeholderText: root.field.type === "date" ? qsTr("YYYY-MM-DD") : root.field.type === "number" ? qsTr("A number") : ""
            inputMethodHints: root.field.type === "date" ? Qt.ImhDate : root.field.type === "number" ? Qt.ImhDigitsOnly : Qt.ImhNone
            validator: RegularExpressionValidator {
                regularExpression: root.field.type === "date" ? /[0-9]{0,4}(-[0-9]{0,2}(-[0-9]{0,2})?)?/
                                 : root.field.type === "number" ? /[0-9]{0,6}/ : /.*/
            }
            Accessible.name: root.field.label
            implicitHeight: Theme.touch
            onTextEdited: root.edited(root.field.key, text)
        }
    }
    Component {
        id: longText
        TextArea {
            objectName: "field-" + root.field.key
            text: root.field.value
            readOnly: !root.editable
            wrapMode: TextEdit.Wrap
            Accessible.name: root.field.label
            implicitHeight: Math.max(Theme.touch * 2, contentHeight + topPadding + bottomPadding)
            background: Rectangle { color: Theme.card; border.color: Theme.line; radius: 6 }
            onTextChanged: if (activeFocus) root.edited(root.field.key, text)
        }
    }
    Component {
        id: choices
        Flow {
            objectName: "field-" + root.field.key
            spacing: 4
            Repeater {
                model: root.field.choices
                delegate: RadioButton {
                    required property var modelData
                    objectName: "choice-" + root.field.key + "-" + modelData.value
                    text: modelData.label
                    checked: root.field.value === modelData.value
                    enabled: root.editable
                    Accessible.name: root.field.label + ": " + modelData.label
                    onToggled: if (checked) root.edited(root.field.key, modelData.value)
                }
            }
        }
    }
}
