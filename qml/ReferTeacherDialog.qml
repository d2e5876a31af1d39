import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The site administrator refers a teacher to PAR (seed 001 "CUSD PAR Referral"): the teacher, the school, the grade
// or subject and the district policy the case runs under. Opening it makes the referral case; its referral form (the
// appraisal's ratings, the district's eligibility rule, the two signatures) opens next.
Dialog {
    id: dialog
    objectName: "referTeacherDialog"
    required property Session session
    readonly property bool canRefer: referral.canRefer
    signal referred(string caseId)
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - Theme.margin * 2 : 560, 560)
    height: Math.min(implicitHeight, parent ? parent.height - Theme.margin * 2 : implicitHeight)
    title: qsTr("Refer a teacher to PAR")
    padding: Theme.margin

    NewReferral {
        id: referral
        session: dialog.session
    }

    onOpened: {
        teacher.currentIndex = -1
        school.text = ""
        gradeSubject.text = ""
        district.currentIndex = referral.defaultPolicyIndex
        teacher.forceActiveFocus()
    }

    Flickable {
        id: scroller
        anchors.fill: parent
        implicitHeight: column.implicitHeight
        contentHeight: column.implicitHeight
        contentWidth: width
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: scroller.width
            spacing: Theme.gap
            Label {
                text: qsTr("The referral form comes next: the latest appraisal's ratings, the district's eligibility rule and the two signatures.")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Teacher")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            ChoiceBox {
                id: teacher
                objectName: "referTeacher"
                Layout.fillWidth: true
                Layout.minimumWidth: 0
                Layout.preferredWidth: 1
                model: referral.teachers
                textRole: "label"
                valueRole: "id"
                displayText: currentIndex < 0 ? qsTr("Choose a certified teacher") : currentText
                Accessible.name: qsTr("Teacher to refer")
            }
            Label {
                visible: referral.teachers.length === 0
                text: qsTr("No certified teacher is in this device's key directory yet. It arrives when the device syncs.")
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("School")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            TextField {
                id: school
                objectName: "referSchool"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                maximumLength: 200
                Accessible.name: qsTr("School")
            }
            Label {
                text: qsTr("Grade or subject")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            TextField {
                id: gradeSubject
                objectName: "referGradeSubject"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                maximumLength: 200
                placeholderText: qsTr("e.g. Grade 4, or Biology")
                Accessible.name: qsTr("Grade or subject")
            }
            Label {
                text: qsTr("District policy")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            ChoiceBox {
                id: district
                objectName: "referPolicy"
                Layout.fillWidth: true
                Layout.minimumWidth: 0
                Layout.preferredWidth: 1
                model: referral.policies
                textRole: "name"
                valueRole: "id"
                Accessible.name: qsTr("District policy the referral runs under")
            }
            Label {
                objectName: "referNoPolicy"
                visible: referral.policies.length === 0
                text: qsTr("Your district has adopted no policy this version of Triad knows. Update Triad, or ask district IT.")
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "referError"
                visible: referral.errorText.length > 0
                text: referral.errorText
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
            }
            // The two buttons side by side, the main one on the right; one above the other where they do not fit
            // (a phone at 200 % text).
            Flow {
                Layout.fillWidth: true
                layoutDirection: Qt.RightToLeft
                spacing: Theme.gap
                PrimaryButton {
                    objectName: "confirmRefer"
                    width: Math.min(implicitWidth, parent.width)
                    text: qsTr("Open the referral")
                    enabled: teacher.currentIndex >= 0 && !referral.teachers[teacher.currentIndex].inPar && school.text.trim().length > 0
                             && district.currentIndex >= 0
                    onClicked: {
                        const caseId = referral.open(teacher.currentValue, school.text, gradeSubject.text, district.currentValue)
                        if (caseId.length > 0) {
                            dialog.close()
                            dialog.referred(caseId)
                        }
                    }
                }
                Button {
                    width: Math.min(implicitWidth, parent.width)
                    text: qsTr("Cancel")
                    implicitHeight: Theme.touch
                    onClicked: dialog.close()
                }
            }
        }
    }
}
