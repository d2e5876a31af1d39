import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The site administrator's home: the cases at their sites, each with its reports and where they stand; program
// staff's (director of induction, panel) the cases of the program they hold. Reading only: no observation, no composing.
Page {
    id: page
    objectName: "siteCasesPage"
    required property Session session
    property bool compact: false
    signal openReport(string reportId)
    signal openForms(string caseId)
    signal openProgram()
    signal openForm(string caseId, string kind) // a form to start (the referral of a case just opened)

    background: Rectangle { color: Theme.page }

    // Program staff (director of induction, panel) also run the program: its page is one tap away.
    ProgramController {
        id: program
        session: page.session
    }

    // A site administrator refers a teacher from here; the referral form opens next.
    ReferTeacherDialog {
        id: referDialog
        session: page.session
        onReferred: caseId => page.openForm(caseId, "referral")
    }

    CaseloadModel {
        id: cases
        session: page.session
        active: page.StackView.status === StackView.Active
    }

    header: AppHeader {
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Layout.leftMargin: Theme.gap
            Label {
                // Program staff have no sites of their own: the program's cases reach them.
                text: program.available ? qsTr("PAR cases") : qsTr("Cases at my sites")
                font.pixelSize: Theme.title
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("%1 · %n case(s)", "", cases.count).arg(page.session.ownerName)
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        Button {
            objectName: "programButton"
            visible: program.available
            text: qsTr("Program")
            Accessible.name: qsTr("The PAR program: waiting referrals, cases across the sites, consulting teachers' hours, figures")
            implicitHeight: Theme.touch
            onClicked: page.openProgram()
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
        objectName: "siteCaseList"
        anchors { top: parent.top; bottom: parent.bottom; horizontalCenter: parent.horizontalCenter; topMargin: Theme.margin }
        width: Math.min(parent.width - Theme.margin * 2, 900)
        spacing: Theme.margin
        clip: true
        model: cases
        header: Item {
            width: ListView.view.width
            height: referButton.visible ? referButton.height + Theme.margin : 0
            PrimaryButton {
                id: referButton
                objectName: "referButton"
                visible: referDialog.canRefer // qmllint disable unqualified
                text: qsTr("Refer a teacher")
                Accessible.name: qsTr("Refer a teacher to PAR")
                onClicked: referDialog.open() // qmllint disable unqualified
            }
        }
        delegate: Rectangle {
            id: caseCard
            required property string caseId
            required property string teacherName
            required property string school
            required property string gradeSubject
            required property string kindLabel
            required property string statusLabel
            required property string focusText
            required property string nextDue
            required property int overdue
            width: ListView.view.width
            radius: Theme.radius
            color: Theme.card
            border.color: Theme.line
            implicitHeight: caseColumn.implicitHeight + Theme.margin * 2

            ReportListModel {
                id: caseReports
                session: page.session // qmllint disable unqualified
                caseId: caseCard.caseId
            }
            ColumnLayout {
                id: caseColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.margin }
                spacing: 6
                Label {
                    text: caseCard.teacherName
                    font.pixelSize: Theme.large
                    font.weight: Font.DemiBold
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                }
                Label {
                    text: caseCard.school + " · " + caseCard.gradeSubject + " · " + caseCard.kindLabel + " · " + caseCard.statusLabel
                    color: Theme.muted
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Label {
                    visible: caseCard.focusText.length > 0
                    text: qsTr("Standards of focus: %1").arg(caseCard.focusText)
                    color: Theme.focusTag
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                // What is due next for me in the case (the administrator's triad meetings, the year-end report), overdue
                // in red and marked, not by colour alone.
                Label {
                    objectName: "siteNextDue"
                    visible: caseCard.nextDue.length > 0
                    text: (caseCard.overdue > 0 ? "⚠ " : "") + caseCard.nextDue
                    color: caseCard.overdue > 0 ? Theme.danger : palette.text
                    font.weight: caseCard.overdue > 0 ? Font.DemiBold : Font.Normal
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "caseFormsButton"
                    text: qsTr("Forms and deadlines")
                    implicitHeight: Theme.touch
                    Accessible.name: qsTr("Forms and deadlines for %1").arg(caseCard.teacherName)
                    onClicked: page.openForms(caseCard.caseId) // qmllint disable unqualified
                }
                Label {
                    visible: caseReports.count === 0
                    text: qsTr("No report you may read yet.")
                    color: Theme.muted
                    Layout.fillWidth: true
                }
                Repeater {
                    model: caseReports
                    delegate: ReportRow {
                        Layout.fillWidth: true
                        onOpenReport: id => page.openReport(id) // qmllint disable unqualified
                    }
                }
            }
        }
        ScrollBar.vertical: ScrollBar {}
    }

    Label {
        anchors.centerIn: parent
        visible: cases.count === 0
        width: parent.width * 0.8
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: Theme.muted
        text: cases.errorText.length > 0 ? cases.errorText
            : qsTr("No cases at your sites on this device yet. They arrive when the device syncs.")
    }
}
