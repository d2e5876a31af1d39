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

    // Check boxes carry their label beside them: the check box is the whole row (a tap on the words checks it, as on
    // any paper-like form; the box alone is a small target beside a long label), and the wrapping label is drawn over
    // it, so the row takes the wrapped label's height (a label inside the check box's own content item was laid out
    // before it wrapped, and long agenda items overlapped). The box is the control, named by the label's text.
    Item {
        id: checkRow
        visible: root.field.type === "check"
        Layout.fillWidth: true
        Layout.leftMargin: root.field.level * Theme.margin
        implicitHeight: Math.max(Theme.touch, checkLabel.implicitHeight + 8)
        CheckBox {
            id: check
            objectName: "field-" + root.field.key
            anchors.fill: parent
            text: root.field.label
            checked: root.field.value === "yes"
            enabled: root.editable
            contentItem: Item {}
            onToggled: root.edited(root.field.key, checked ? "yes" : "")
        }
        Label {
            id: checkLabel
            objectName: "label-" + root.field.key
            x: Theme.touch
            // Its width given, not found by the layout: a wrapping label's height follows the width it is given.
            width: Math.max(0, checkRow.width - x)
            anchors.verticalCenter: parent.verticalCenter
            text: root.field.label
            wrapMode: Text.WordWrap
            color: Theme.ink
            // What is checked reads at a glance, also where the form cannot be edited here (a signed form, or the
            // teacher reading the standards of focus), whose greyed box alone barely shows its mark.
            font.weight: check.checked ? Font.DemiBold : Font.Normal
            Accessible.ignored: true
        }
    }

    // The label and its answer: side by side on a tablet, the label taking 55 % of the row and the answer the rest,
    // the same on every row so the answers of a form line up; one above the other on a phone, for paragraphs, and with
    // large text (a wrapping label beside an answer left too little room for either at 200 %). Placed by hand: in a
    // grid layout each row split its width by its own label's and answer's sizes, and the answers did not line up.
    Item {
        id: pair
        visible: root.field.type !== "check"
        readonly property bool stacked: root.compact || root.field.type === "long_text" || Theme.base > 18
        readonly property real labelWidth: stacked ? width : Math.floor((width - Theme.gap) * 0.55)
        Layout.fillWidth: true
        Layout.leftMargin: root.field.level * Theme.margin
        implicitHeight: stacked ? fieldLabel.height + 2 + answer.height : Math.max(fieldLabel.height, answer.height)

        Label {
            id: fieldLabel
            text: root.field.label + (root.field.required ? " *" : "")
            wrapMode: Text.WordWrap
            width: pair.labelWidth // a wrapping label's height follows the width it is given
            y: pair.stacked ? 0 : (pair.height - height) / 2
        }
        Loader {
            id: answer
            x: pair.stacked ? 0 : pair.labelWidth + Theme.gap
            y: pair.stacked ? fieldLabel.height + 2 : (pair.height - height) / 2
            width: Math.max(0, pair.width - x)
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
            objectName: "field-" + root.field.key // qmllint disable unqualified
            text: root.field.value // qmllint disable unqualified
            readOnly: !root.editable // qmllint disable unqualified
            placeholderText: root.field.type === "date" ? qsTr("YYYY-MM-DD") : root.field.type === "number" ? qsTr("A number") : "" // qmllint disable unqualified
            inputMethodHints: root.field.type === "date" ? Qt.ImhDate : root.field.type === "number" ? Qt.ImhDigitsOnly : Qt.ImhNone // qmllint disable unqualified
            validator: RegularExpressionValidator {
                regularExpression: root.field.type === "date" ? /[0-9]{0,4}(-[0-9]{0,2}(-[0-9]{0,2})?)?/ // qmllint disable unqualified
                                 : root.field.type === "number" ? /[0-9]{0,6}/ : /.*/
            }
            Accessible.name: root.field.label // qmllint disable unqualified
            implicitHeight: Theme.touch
            onTextEdited: root.edited(root.field.key, text) // qmllint disable unqualified
        }
    }
    Component {
        id: longText
        TextArea {
            id: area
            objectName: "field-" + root.field.key // qmllint disable unqualified
            text: root.field.value // qmllint disable unqualified
            readOnly: !root.editable // qmllint disable unqualified
            wrapMode: TextEdit.Wrap
            Accessible.name: root.field.label // qmllint disable unqualified
            implicitHeight: Math.max(Theme.touch * 2, contentHeight + topPadding + bottomPadding)
            background: Rectangle { color: Theme.card; border.color: area.activeFocus ? Theme.accent : Theme.control; radius: 6 }
            onTextChanged: if (activeFocus) root.edited(root.field.key, text) // qmllint disable unqualified
        }
    }
    Component {
        id: choices
        Flow {
            objectName: "field-" + root.field.key // qmllint disable unqualified
            spacing: 4
            Repeater {
                model: root.field.choices // qmllint disable unqualified
                delegate: RadioButton {
                    id: choice
                    required property var modelData
                    objectName: "choice-" + root.field.key + "-" + modelData.value // qmllint disable unqualified
                    text: modelData.label
                    // A choice as long as a sentence (a panel's outcome words) wraps within the answer's width instead of
                    // running off its right edge; short ones keep their own width and sit side by side.
                    width: Math.min(implicitWidth, parent ? parent.width : implicitWidth)
                    contentItem: Label {
                        leftPadding: choice.indicator.width + choice.spacing
                        text: choice.text
                        font: choice.font
                        wrapMode: Text.WordWrap
                        verticalAlignment: Text.AlignVCenter
                    }
                    checked: root.field.value === modelData.value // qmllint disable unqualified
                    enabled: root.editable // qmllint disable unqualified
                    implicitHeight: Math.max(Theme.touch, implicitContentHeight + topPadding + bottomPadding)
                    Accessible.name: root.field.label + ": " + modelData.label // qmllint disable unqualified
                    onToggled: if (checked) root.edited(root.field.key, modelData.value) // qmllint disable unqualified
                }
            }
        }
    }
}
