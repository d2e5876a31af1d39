import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// Start an observation: informal or formal, scheduled or unscheduled, which class or period.
Pane {
    id: pane
    required property ObservationController controller
    background: Rectangle { color: Theme.page }

    // Scrolls when large text makes it taller than the screen.
    Flickable {
        id: scroller
        anchors.fill: parent
        contentWidth: width
        contentHeight: column.implicitHeight + Theme.margin * 3
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            x: (scroller.width - width) / 2
            y: Theme.margin * 2
            width: Math.min(scroller.width - 2 * Theme.margin, 520)
            spacing: Theme.gap

            Label {
                text: qsTr("Start an observation")
                font.pixelSize: Theme.title
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Label {
                text: qsTr("Standards of focus: %1").arg(Array.from(pane.controller.focus).join(" · "))
                color: Theme.focusTag
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.gap
                Layout.fillWidth: true
                RadioButton {
                    id: informal
                    objectName: "informalRadio"
                    text: qsTr("Informal")
                    checked: true
                    Layout.preferredHeight: Theme.touch
                }
                RadioButton {
                    id: formal
                    objectName: "formalRadio"
                    text: qsTr("Formal")
                    Layout.preferredHeight: Theme.touch
                }
            }
            Switch {
                id: scheduled
                objectName: "scheduledSwitch"
                text: checked ? qsTr("Scheduled with the teacher") : qsTr("Unscheduled visit")
                checked: true
                Layout.preferredHeight: Theme.touch
                Layout.fillWidth: true
                contentItem: Label {
                    leftPadding: scheduled.indicator.width + scheduled.spacing
                    text: scheduled.text
                    font: scheduled.font
                    wrapMode: Text.WordWrap
                    verticalAlignment: Text.AlignVCenter
                }
            }
            TextField {
                id: classPeriod
                objectName: "classPeriodField"
                placeholderText: qsTr("Class or period, e.g. Period 2 — World History")
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                Accessible.name: qsTr("Class or period")
            }
            Label {
                visible: pane.controller.lastError.length > 0
                text: pane.controller.lastError
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            PrimaryButton {
                objectName: "startObservationButton"
                text: qsTr("Start observation")
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                onClicked: pane.controller.start(formal.checked, scheduled.checked, classPeriod.text)
            }
            Label {
                text: qsTr("The clock starts now. Everything stays on this device, encrypted, until it syncs.")
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
    }
}
