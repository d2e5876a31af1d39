import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One case in the caseload grid.
Item {
    id: card
    required property string caseId
    required property string teacherName
    required property string school
    required property string gradeSubject
    required property string kindLabel
    required property string statusLabel
    required property string focusText
    required property string nextDue
    required property string meetingDue
    required property int overdue
    required property string lastObserved
    required property bool observationOpen
    required property bool confidential
    required property string waiting
    required property bool mayWrite
    signal open()
    signal openReports()
    signal openForms()
    // What the card needs at the current text size (the grid sizes its rows by the tallest card).
    implicitHeight: body.implicitHeight + 2 * Theme.margin + Theme.gap

    Rectangle {
        anchors.fill: parent
        anchors.margins: Theme.gap / 2
        radius: Theme.radius
        color: Theme.card
        border.color: card.observationOpen ? Theme.accent : Theme.line
        border.width: card.observationOpen ? 2 : 1

        ColumnLayout {
            id: body
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: 4

            // The name, then the kind beside it or, with large text on a narrow card, under it.
            Flow {
                Layout.fillWidth: true
                spacing: Theme.gap
                Label {
                    text: card.teacherName
                    font.pixelSize: Theme.large
                    font.weight: Font.DemiBold
                    elide: Text.ElideRight
                    width: Math.min(implicitWidth, parent.width)
                }
                Label {
                    // Discreet: the kind matters to the mentor, but it is not a headline.
                    text: card.confidential ? qsTr("%1 · confidential").arg(card.kindLabel) : card.kindLabel
                    font.pixelSize: Theme.small
                    color: Theme.muted
                }
            }
            Label {
                text: card.school + " · " + card.gradeSubject
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Focus: %1").arg(card.focusText)
                font.pixelSize: Theme.small
                color: Theme.focusTag
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.topMargin: 2
            }
            Item { Layout.fillHeight: true }
            Label {
                objectName: "nextDue"
                // Overdue is said by the mark as well as the red.
                text: (card.overdue > 0 ? "⚠ " : "") + card.nextDue
                visible: card.nextDue.length > 0
                color: card.overdue > 0 ? Theme.danger : palette.text
                font.weight: card.overdue > 0 ? Font.DemiBold : Font.Normal
                font.pixelSize: Theme.body
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: card.waiting
                visible: text.length > 0
                font.pixelSize: Theme.small
                color: Theme.warn
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: card.meetingDue + " · " + card.lastObserved
                font.pixelSize: Theme.small
                color: Theme.muted
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            // The card's actions wrap onto a second line when large text leaves no room for them on one.
            Flow {
                Layout.fillWidth: true
                spacing: Theme.gap
                layoutDirection: Qt.LeftToRight
                Button {
                    objectName: "reportsButton"
                    text: qsTr("Reports")
                    flat: true
                    font.pixelSize: Theme.body
                    implicitHeight: Theme.touch
                    Accessible.name: qsTr("Reports for %1").arg(card.teacherName)
                    onClicked: card.openReports()
                }
                Button {
                    objectName: "formsButton"
                    text: qsTr("Forms")
                    flat: true
                    font.pixelSize: Theme.body
                    implicitHeight: Theme.touch
                    Accessible.name: qsTr("Forms and deadlines for %1").arg(card.teacherName)
                    onClicked: card.openForms()
                }
                // One of the two, by whether an observation is open (a layout skips the hidden one).
                PrimaryButton {
                    visible: card.mayWrite && card.observationOpen
                    text: qsTr("Continue observation")
                    Accessible.name: qsTr("Continue observing %1").arg(card.teacherName)
                    onClicked: card.open()
                }
                Button {
                    visible: card.mayWrite && !card.observationOpen
                    text: qsTr("Observe")
                    flat: true
                    font.pixelSize: Theme.body
                    implicitHeight: Theme.touch
                    Accessible.name: qsTr("Observe %1").arg(card.teacherName)
                    onClicked: card.open()
                }
            }
        }
    }
}
