import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The site administrator refers a teacher from their home on the tablet (1180×820): "Refer a teacher" opens the
// dialog with the certified teachers of the key directory and the district policies (the administrator's own district
// first); an empty school is refused with a sentence; a filled-in referral opens the case, the referral form opens
// next under the chosen district's rule, and the new case is on the administrator's home.
Item {
    id: root
    width: 1180
    height: 820
    visible: true

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: SiteCasesPage {
            session: TeacherHarness.administratorSession
            onOpenForm: (caseId, kind) => stack.push(formComponent, { caseId: caseId, kind: kind })
        }
    }
    Component {
        id: formComponent
        FormPage {
            session: TeacherHarness.administratorSession
            onBack: stack.pop()
        }
    }

    SignalSpy {
        id: referredSpy
        signalName: "referred"
    }

    Component {
        id: directorHome
        SiteCasesPage {
            session: TeacherHarness.directorSession
        }
    }

    TestCase {
        name: "ReferTeacher"
        when: windowShown

        function test_only_a_site_administrator_refers() {
            const home = createTemporaryObject(directorHome, root, { width: 1180, height: 820 })
            verify(home !== null)
            // The district certifies a teacher who has no case yet; the certificate reaches this tablet.
            verify(TeacherHarness.certifyAnotherTeacher("Rosa Jimenez").length > 0)
            const refer = findChild(home, "referButton")
            verify(refer !== null)
            verify(!refer.visible, "program staff enrol and assign; the site administrator refers")
        }

        function test_refer_a_teacher() {
            const home = stack.currentItem
            const list = findChild(home, "siteCaseList")
            const before = list.count
            const refer = findChild(home, "referButton")
            verify(refer !== null && refer.visible, "a site administrator may refer")
            verify(refer.height >= 44)
            mouseClick(refer)
            const dialog = findChild(home, "referTeacherDialog")
            tryVerify(() => dialog.opened)
            referredSpy.target = dialog

            const teacher = findChild(dialog.contentItem, "referTeacher")
            verify(teacher.count >= 1, "the certified teachers of the key directory")
            compare(teacher.currentIndex, -1, "nobody is chosen for the administrator")
            const policy = findChild(dialog.contentItem, "referPolicy")
            compare(policy.count, 3, "the three seed districts' policies")
            compare(policy.currentValue, "clovis-unified", "the administrator's own district first: most of the tablet's cases run under it")
            const confirm = findChild(dialog.contentItem, "confirmRefer")
            verify(!confirm.enabled, "nothing to open before a teacher and a school")

            // A teacher without a case here, at a school; the district's policy offered first is the
            // one most of this tablet's cases run under.
            // A teacher already in PAR here is marked and cannot be referred again.
            let inPar = -1, ti = -1
            for (let i = 0; i < teacher.count; ++i) {
                if (teacher.model[i].inPar && inPar < 0) inPar = i
                if (!teacher.model[i].inPar && ti < 0) ti = i
            }
            verify(inPar >= 0, "the demo's teachers with cases at this administrator's sites")
            verify(teacher.model[inPar].label.indexOf("already in PAR at") > 0, teacher.model[inPar].label)
            verify(ti >= 0, "a certified teacher without a case")
            compare(teacher.model[ti].label, "Rosa Jimenez")
            teacher.currentIndex = inPar
            findChild(dialog.contentItem, "referSchool").text = "Fort Washington Elementary"
            verify(!confirm.enabled, "a teacher already in PAR is not referred again")
            findChild(dialog.contentItem, "referSchool").text = ""
            teacher.currentIndex = ti
            verify(!confirm.enabled, "a school is needed")
            const school = findChild(dialog.contentItem, "referSchool")
            school.text = "   "
            verify(!confirm.enabled, "blank is not a school")
            school.text = "Fort Washington Elementary"
            findChild(dialog.contentItem, "referGradeSubject").text = "Grade 3"
            let pi = -1
            for (let i = 0; i < policy.count; ++i)
                if (policy.model[i].id === "district-004") pi = i
            verify(pi >= 0)
            policy.currentIndex = pi
            verify(confirm.enabled)
            waitForRendering(root) // the dialog grows as the fields fill; a person taps what they see
            const at = confirm.mapToItem(root, confirm.width / 2, confirm.height / 2)
            verify(at.y > 0 && at.y < root.height, "the button is on screen: " + at.y + " dialog " + dialog.y + "+" + dialog.height)
            mouseClick(confirm)
            compare(referredSpy.count, 1, "the referral opens: " + findChild(dialog.contentItem, "referError").text)
            tryVerify(() => !dialog.visible)

            // The referral form opens next, under seed 004's rule.
            tryVerify(() => stack.depth === 2)
            const form = stack.currentItem
            compare(form.objectName, "formPage")
            compare(form.kind, "referral")
            verify(form.controller.errorText.length === 0, form.controller.errorText)
            verify(form.controller.title.length > 0)
            stack.pop()
            tryVerify(() => list.count === before + 1, 2000, "the new referral is on the administrator's home")
        }
    }
}
