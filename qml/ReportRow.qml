import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One report in a list: which report, whose, when, and where it stands. Awaiting the teacher's signature stands out.
AbstractButton {
    id: row
    required property string reportId
    objectName: "reportRow-" + reportId
    required property string title
    required property string period
    required property string teacherName
    required property string mentorName
    required property string issued
    required property string status
    required property bool awaiting
    required property string response
    property bool showTeacher: false
    signal openReport(string reportId)

    // A button the size of the row: Tab reaches it, Space or Enter opens it, a screen reader reads its title and standing.
    implicitHeight: implicitContentHeight + topPadding + bottomPadding
    padding: Theme.margin
    Accessible.name: row.title + ", " + row.status
    Accessible.description: qsTr("Opens the report")
    onClicked: row.openReport(row.reportId)
    background: Rectangle {
        radius: Theme.radius
        color: row.pressed ? Theme.accentSoft : Theme.card
        border.color: row.visualFocus ? Theme.ink : row.awaiting ? Theme.warn : Theme.line
        border.width: row.visualFocus ? 3 : row.awaiting ? 2 : 1
    }
    contentItem: ColumnLayout {
        spacing: 4
        Label {
            text: row.showTeacher ? row.teacherName + " — " + row.title : row.title
            font.pixelSize: Theme.large
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Label {
            text: row.period.length > 0 ? row.period + " · " + qsTr("by %1").arg(row.mentorName) : qsTr("by %1").arg(row.mentorName)
            color: Theme.muted
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        // The standing, then when it was issued beside it or, with large text, under it.
        Flow {
            spacing: Theme.gap
            Layout.fillWidth: true
            // The standing in words: awaiting is marked by the words and the border, not by colour alone.
            Rectangle {
                radius: Math.min(height / 2, Theme.radius)
                color: row.awaiting ? Theme.warnSoft : Theme.focusTagSoft
                // Sized by its label, its only child (no ids inside a control's deferred contentItem).
                height: children[0].height + 8
                width: Math.min(children[0].implicitWidth + 20, parent.width)
                Label {
                    anchors.centerIn: parent
                    width: parent.width - 20
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: row.status
                    color: row.awaiting ? Theme.warn : Theme.focusTag
                    font.pixelSize: Theme.small
                    font.weight: Font.DemiBold
                }
            }
            Label {
                text: row.issued
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                width: Math.min(implicitWidth, parent.width)
            }
        }
        Label {
            visible: row.response.length > 0
            text: row.response
            color: Theme.warn
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.small
            Layout.fillWidth: true
        }
    }
}
