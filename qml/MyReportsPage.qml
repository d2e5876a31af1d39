import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The participating teacher's home (phone first): what awaits them, then every report of their portfolio.
Page {
    id: page
    objectName: "myReportsPage"
    required property Session session
    property bool compact: false
    signal openReport(string reportId)
    signal openForms(string caseId)

    background: Rectangle { color: Theme.page }

    CaseloadModel {
        id: myCases
        session: page.session
        active: page.StackView.status === StackView.Active
    }

    ReportListModel {
        id: reports
        objectName: "myReports"
        session: page.session
        active: page.StackView.status === StackView.Active
    }

    header: AppHeader {
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Layout.leftMargin: Theme.gap
            Label {
                text: qsTr("My reports")
                font.pixelSize: Theme.title
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: page.session.ownerName
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        StatusBadge {
            session: page.session
            compact: page.compact
        }
        ToolButton {
            text: qsTr("Lock")
            Accessible.name: qsTr("Lock Triad")
            implicitHeight: Theme.touch
            onClicked: page.session.lock()
        }
    }

    ListView {
        id: list
        objectName: "reportList"
        anchors { top: parent.top; bottom: parent.bottom; horizontalCenter: parent.horizontalCenter; topMargin: Theme.margin }
        width: Math.min(parent.width - Theme.margin * 2, 720)
        spacing: Theme.gap
        clip: true
        model: reports
        header: Column {
            width: ListView.view.width
            bottomPadding: Theme.gap
            spacing: Theme.gap
            // Each of my cases' forms (memorandum, triad meeting summaries, logs) and my deadlines in it.
            Repeater {
                model: myCases // qmllint disable unqualified
                delegate: Column {
                    id: myCase
                    required property string caseId
                    required property string school
                    required property string nextDue
                    required property int overdue
                    width: parent ? parent.width : 0
                    spacing: 2
                    WrapButton {
                        objectName: "myFormsButton"
                        width: parent.width
                        text: qsTr("My forms and deadlines — %1").arg(myCase.school)
                        Accessible.name: myCase.overdue > 0 ? qsTr("My forms and deadlines — %1. %n deadline(s) overdue", "", myCase.overdue).arg(myCase.school)
                                                            : text
                        onClicked: page.openForms(myCase.caseId) // qmllint disable unqualified
                    }
                    // What is due next for me in the case, overdue in red and marked, not by colour alone.
                    Label {
                        objectName: "myNextDue"
                        visible: myCase.nextDue.length > 0
                        width: parent.width
                        text: (myCase.overdue > 0 ? "⚠ " : "") + myCase.nextDue
                        color: myCase.overdue > 0 ? Theme.danger : Theme.muted
                        font.weight: myCase.overdue > 0 ? Font.DemiBold : Font.Normal
                        wrapMode: Text.WordWrap
                    }
                }
            }
            Rectangle {
                width: parent.width
                radius: Theme.radius
                color: reports.awaitingCount > 0 ? Theme.warnSoft : Theme.focusTagSoft // qmllint disable unqualified
                implicitHeight: summary.implicitHeight + Theme.margin * 2
                Accessible.role: Accessible.StaticText
                Accessible.name: summary.text
                Label {
                    id: summary
                    anchors { fill: parent; margins: Theme.margin }
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.large
                    color: reports.awaitingCount > 0 ? Theme.warn : Theme.focusTag // qmllint disable unqualified
                    text: reports.awaitingCount === 0 ? qsTr("Nothing awaits you.") // qmllint disable unqualified
                        : qsTr("%n report(s) await your signature.", "", reports.awaitingCount) // qmllint disable unqualified
                }
            }
        }
        section.property: "awaiting"
        section.delegate: Label {
            required property string section
            width: ListView.view.width
            topPadding: Theme.gap
            text: section === "true" ? qsTr("Awaiting you") : qsTr("My portfolio")
            font.pixelSize: Theme.small
            font.weight: Font.DemiBold
            font.capitalization: Font.AllUppercase
            color: Theme.muted
        }
        delegate: ReportRow {
            width: ListView.view.width
            onOpenReport: id => page.openReport(id) // qmllint disable unqualified
        }
        ScrollBar.vertical: ScrollBar {}
    }

    Label {
        anchors.centerIn: parent
        visible: reports.count === 0
        width: parent.width * 0.8
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: Theme.muted
        text: reports.errorText.length > 0 ? reports.errorText
            : qsTr("No reports yet. Your PAR mentor's reports arrive here when your phone syncs.")
    }
}
