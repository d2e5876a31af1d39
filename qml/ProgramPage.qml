import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The PAR program for the director of induction and the panel: per district policy, the program evaluation figures,
// the referrals waiting for a consulting teacher in the district's service order, every case across the sites with
// its consulting teacher (and who had it before), and the consulting teachers' hours against the stipend schedule.
// The director assigns and reassigns consulting teachers here.
Page {
    id: page
    objectName: "programPage"
    required property Session session
    property bool compact: false
    readonly property ProgramController controller: program
    signal back()
    signal openForms(string caseId)

    background: Rectangle { color: Theme.page }

    ProgramController {
        id: program
        session: page.session
    }
    StackView.onActivated: program.reload()

    header: AppHeader {
        ToolButton {
            text: "‹ " + qsTr("Back")
            Accessible.name: qsTr("Back")
            implicitHeight: Theme.touch
            onClicked: page.back()
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                text: qsTr("PAR program")
                font.pixelSize: page.compact ? Theme.large : Theme.title
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: program.canAssign ? qsTr("%1 · director of induction").arg(page.session.ownerName)
                                        : qsTr("%1 · PAR panel").arg(page.session.ownerName)
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
    }

    // Choosing the consulting teacher for a waiting referral, or another one for an enrolled case.
    Dialog {
        id: assignDialog
        objectName: "assignDialog"
        property string caseId: ""
        property string teacher: ""
        property string currentMentorId: ""
        property string preferences: ""
        modal: true
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, 480)
        title: assignDialog.currentMentorId.length > 0 ? qsTr("Reassign %1").arg(assignDialog.teacher)
                                                       : qsTr("Assign a consulting teacher to %1").arg(assignDialog.teacher)
        standardButtons: Dialog.Cancel | Dialog.Ok
        footer: DialogButtons {}
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.gap
            Label {
                text: assignDialog.currentMentorId.length > 0
                      ? qsTr("The new consulting teacher receives every record of the case; the one before keeps what they wrote. The reassignment is kept in the case's history.")
                      : qsTr("The consulting teacher receives every record of the case, and PAR support begins.")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "assignPreferences"
                visible: assignDialog.preferences.length > 0
                text: assignDialog.preferences
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            ComboBox {
                id: mentorChoice
                objectName: "mentorChoice"
                Layout.fillWidth: true
                implicitHeight: Theme.touch
                model: program.mentors
                textRole: "name"
                valueRole: "id"
                Accessible.name: qsTr("Consulting teacher")
            }
        }
        onAccepted: program.assign(assignDialog.caseId, mentorChoice.currentValue)
        // The teacher's first available preference is proposed; the director may choose another.
        function ask(caseId, teacher, currentMentorId, preferenceIds, preferences) {
            assignDialog.caseId = caseId
            assignDialog.teacher = teacher
            assignDialog.currentMentorId = currentMentorId
            assignDialog.preferences = preferences
            mentorChoice.currentIndex = -1
            for (let p = 0; p < preferenceIds.length && mentorChoice.currentIndex < 0; ++p)
                for (let j = 0; j < program.mentors.length; ++j)
                    if (program.mentors[j].id === preferenceIds[p] && preferenceIds[p] !== currentMentorId) { mentorChoice.currentIndex = j; break }
            for (let i = 0; i < program.mentors.length && mentorChoice.currentIndex < 0; ++i)
                if (program.mentors[i].id !== currentMentorId) { mentorChoice.currentIndex = i; break }
            open()
        }
    }

    Flickable {
        id: flick
        objectName: "programFlick"
        anchors.fill: parent
        contentWidth: width
        contentHeight: column.implicitHeight + Theme.margin * 2
        clip: true
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            x: Math.max(Theme.margin, (parent.width - width) / 2)
            y: Theme.margin
            width: Math.min(flick.width - Theme.margin * 2, 960)
            spacing: Theme.gap

            Label {
                visible: program.errorText.length > 0
                objectName: "programError"
                text: program.errorText
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                visible: program.districts.length === 0 && program.errorText.length === 0
                text: qsTr("No PAR case has been shared with you yet.")
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Repeater {
                model: program.districts
                delegate: ColumnLayout {
                    id: district
                    required property var modelData
                    objectName: "district-" + modelData.policyId
                    spacing: Theme.gap
                    Layout.fillWidth: true

                    Label {
                        text: district.modelData.district
                        font.pixelSize: Theme.title
                        font.weight: Font.DemiBold
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.gap
                    }

                    // The yearly program evaluation: counts only.
                    Rectangle {
                        Layout.fillWidth: true
                        radius: Theme.radius
                        color: Theme.card
                        border.color: Theme.line
                        implicitHeight: figuresColumn.implicitHeight + Theme.margin * 2
                        ColumnLayout {
                            id: figuresColumn
                            anchors { fill: parent; margins: Theme.margin }
                            spacing: 6
                            Label {
                                text: qsTr("Program evaluation %1").arg(district.modelData.schoolYear)
                                font.pixelSize: Theme.large
                                font.weight: Font.DemiBold
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
                            }
                            GridLayout {
                                columns: page.compact || Theme.base > 18 ? 1 : 2 // qmllint disable unqualified
                                columnSpacing: Theme.margin
                                rowSpacing: page.compact ? 0 : 4 // qmllint disable unqualified
                                Layout.fillWidth: true
                                Repeater {
                                    model: district.modelData.figures
                                    // A figure's name and value side by side; on a phone the value under its name.
                                    delegate: GridLayout {
                                        required property var modelData
                                        columns: page.compact || Theme.base > 18 ? 1 : 2 // qmllint disable unqualified
                                        columnSpacing: Theme.gap
                                        rowSpacing: 0
                                        Layout.fillWidth: true
                                        Layout.preferredWidth: page.compact || Theme.base > 18 ? figuresColumn.width : figuresColumn.width / 2 - Theme.margin // qmllint disable unqualified
                                        Label {
                                            text: modelData.label // qmllint disable unqualified
                                            color: Theme.muted
                                            wrapMode: Text.WordWrap
                                            Layout.fillWidth: true
                                        }
                                        Label {
                                            text: modelData.value // qmllint disable unqualified
                                            font.weight: Font.DemiBold
                                            horizontalAlignment: page.compact || Theme.base > 18 ? Text.AlignLeft : Text.AlignRight // qmllint disable unqualified
                                            wrapMode: Text.WordWrap
                                            Layout.fillWidth: page.compact || Theme.base > 18 // qmllint disable unqualified
                                            Layout.maximumWidth: page.compact || Theme.base > 18 ? figuresColumn.width : figuresColumn.width * 0.3 // qmllint disable unqualified
                                        }
                                    }
                                }
                            }
                            Label {
                                objectName: "evaluationDue"
                                text: district.modelData.evaluationDue
                                visible: text.length > 0
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                            Label {
                                text: district.modelData.figuresNote
                                color: Theme.muted
                                font.pixelSize: Theme.small
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                        }
                    }

                    // Referrals waiting for a consulting teacher, in the order they are served.
                    Label {
                        text: qsTr("Waiting for a consulting teacher (%1)").arg(district.modelData.waiting.length)
                        font.pixelSize: Theme.large
                        font.weight: Font.DemiBold
                        Layout.topMargin: Theme.gap
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
                    }
                    Label {
                        text: district.modelData.waiting.length === 0 ? qsTr("No referral is waiting.") : district.modelData.priorityNote
                        color: Theme.muted
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Repeater {
                        model: district.modelData.waiting
                        delegate: Rectangle {
                            id: waitingCard
                            required property var modelData
                            required property int index
                            objectName: "waiting-" + modelData.caseId
                            Layout.fillWidth: true
                            radius: 6
                            color: Theme.card
                            border.color: Theme.warn
                            implicitHeight: waitingRow.implicitHeight + Theme.gap * 2
                            GridLayout {
                                id: waitingRow
                                anchors { fill: parent; margins: Theme.gap }
                                columns: page.compact ? 1 : 2 // qmllint disable unqualified
                                ColumnLayout {
                                    spacing: 2
                                    Layout.fillWidth: true
                                    Label {
                                        text: qsTr("%1. %2").arg(waitingCard.index + 1).arg(waitingCard.modelData.teacher)
                                        font.weight: Font.DemiBold
                                        wrapMode: Text.WordWrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        text: qsTr("%1 · %2 · referred %3").arg(waitingCard.modelData.kind).arg(waitingCard.modelData.school).arg(waitingCard.modelData.since)
                                        color: Theme.muted
                                        wrapMode: Text.WordWrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        text: waitingCard.modelData.reason
                                        font.pixelSize: Theme.small
                                        wrapMode: Text.WordWrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        objectName: "preferences"
                                        visible: waitingCard.modelData.preferences.length > 0
                                        text: waitingCard.modelData.preferences
                                        color: Theme.accent
                                        wrapMode: Text.WordWrap
                                        Layout.fillWidth: true
                                    }
                                }
                                Flow {
                                    spacing: Theme.gap
                                    Layout.fillWidth: page.compact // qmllint disable unqualified
                                    Button {
                                        text: qsTr("Forms")
                                        implicitHeight: Theme.touch
                                        Accessible.name: qsTr("Forms of %1's case").arg(waitingCard.modelData.teacher)
                                        onClicked: page.openForms(waitingCard.modelData.caseId) // qmllint disable unqualified
                                    }
                                    PrimaryButton {
                                        objectName: "assignButton"
                                        visible: program.canAssign // qmllint disable unqualified
                                        text: qsTr("Assign")
                                        Accessible.name: qsTr("Assign a consulting teacher to %1").arg(waitingCard.modelData.teacher)
                                        onClicked: assignDialog.ask(waitingCard.modelData.caseId, waitingCard.modelData.teacher, "", waitingCard.modelData.preferenceIds, waitingCard.modelData.preferences) // qmllint disable unqualified
                                    }
                                }
                            }
                        }
                    }

                    // Every enrolled case across the sites.
                    Label {
                        text: qsTr("Cases across the sites (%1)").arg(district.modelData.cases.length)
                        font.pixelSize: Theme.large
                        font.weight: Font.DemiBold
                        Layout.topMargin: Theme.gap
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
                    }
                    Repeater {
                        model: district.modelData.cases
                        delegate: Rectangle {
                            id: caseCard
                            required property var modelData
                            objectName: "programCase-" + modelData.caseId
                            Layout.fillWidth: true
                            radius: 6
                            color: Theme.card
                            border.color: modelData.overdue > 0 ? Theme.danger : Theme.line
                            implicitHeight: caseRow.implicitHeight + Theme.gap * 2
                            GridLayout {
                                id: caseRow
                                anchors { fill: parent; margins: Theme.gap }
                                columns: page.compact ? 1 : 2 // qmllint disable unqualified
                                ColumnLayout {
                                    spacing: 2
                                    Layout.fillWidth: true
                                    Label {
                                        text: caseCard.modelData.teacher
                                        font.weight: Font.DemiBold
                                        wrapMode: Text.WordWrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        text: qsTr("%1 · %2 · %3").arg(caseCard.modelData.school).arg(caseCard.modelData.kind).arg(caseCard.modelData.status)
                                        color: Theme.muted
                                        wrapMode: Text.WordWrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        text: qsTr("Consulting teacher: %1").arg(caseCard.modelData.mentor)
                                        wrapMode: Text.WordWrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        visible: caseCard.modelData.history.length > 0
                                        objectName: "mentorHistory"
                                        text: caseCard.modelData.history
                                        color: Theme.muted
                                        font.pixelSize: Theme.small
                                        wrapMode: Text.WordWrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        visible: caseCard.modelData.overdue > 0
                                        text: "⚠ " + qsTr("%n deadline(s) overdue", "", caseCard.modelData.overdue)
                                        color: Theme.danger
                                        font.weight: Font.DemiBold
                                        wrapMode: Text.WordWrap
                                        Layout.fillWidth: true
                                    }
                                }
                                Flow {
                                    spacing: Theme.gap
                                    Layout.fillWidth: page.compact // qmllint disable unqualified
                                    Button {
                                        text: qsTr("Forms")
                                        implicitHeight: Theme.touch
                                        Accessible.name: qsTr("Forms of %1's case").arg(caseCard.modelData.teacher)
                                        onClicked: page.openForms(caseCard.modelData.caseId) // qmllint disable unqualified
                                    }
                                    Button {
                                        objectName: "reassignButton"
                                        visible: program.canAssign // qmllint disable unqualified
                                        text: qsTr("Reassign")
                                        implicitHeight: Theme.touch
                                        Accessible.name: qsTr("Reassign %1's case to another consulting teacher").arg(caseCard.modelData.teacher)
                                        onClicked: assignDialog.ask(caseCard.modelData.caseId, caseCard.modelData.teacher, caseCard.modelData.mentorId, [], "") // qmllint disable unqualified
                                    }
                                }
                            }
                        }
                    }

                    // Consulting teachers' hours against the stipend schedule.
                    Label {
                        text: qsTr("Consulting teachers")
                        font.pixelSize: Theme.large
                        font.weight: Font.DemiBold
                        Layout.topMargin: Theme.gap
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
                    }
                    Repeater {
                        model: district.modelData.consultingTeachers
                        delegate: Rectangle {
                            id: teacherCard
                            required property var modelData
                            objectName: "consultingTeacher-" + modelData.mentorId
                            Layout.fillWidth: true
                            radius: 6
                            color: Theme.card
                            border.color: Theme.line
                            implicitHeight: teacherColumn.implicitHeight + Theme.gap * 2
                            ColumnLayout {
                                id: teacherColumn
                                anchors { fill: parent; margins: Theme.gap }
                                spacing: 2
                                Label {
                                    text: qsTr("%1 · %n case(s)", "", teacherCard.modelData.cases).arg(teacherCard.modelData.name)
                                    font.weight: Font.DemiBold
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                                Label {
                                    visible: teacherCard.modelData.assignments.length > 0
                                    text: teacherCard.modelData.assignments
                                    color: Theme.muted
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                                Label {
                                    objectName: "hoursLine"
                                    text: teacherCard.modelData.hasSchedule
                                          ? qsTr("Logged %1 of %2 allotted · stipend %3").arg(teacherCard.modelData.logged).arg(teacherCard.modelData.allotted).arg(teacherCard.modelData.stipend)
                                          : qsTr("Logged %1 (the district sets no stipend schedule)").arg(teacherCard.modelData.logged)
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                                Label {
                                    visible: teacherCard.modelData.hasSchedule && teacherCard.modelData.beyond.length > 0
                                    text: teacherCard.modelData.beyond ?? ""
                                    color: Theme.warn
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                                Label {
                                    visible: teacherCard.modelData.hasSchedule && teacherCard.modelData.toFull.length > 0
                                    text: teacherCard.modelData.toFull ?? ""
                                    color: Theme.muted
                                    font.pixelSize: Theme.small
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                                Label {
                                    visible: teacherCard.modelData.hasSchedule && teacherCard.modelData.notPriced.length > 0
                                    text: teacherCard.modelData.notPriced ?? ""
                                    color: Theme.muted
                                    font.pixelSize: Theme.small
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
