import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The PAR mentor's Memorandum of Understanding on the mentor's tablet (1180×820). Every case of the demo mentor already
// has one, so the director of induction first assigns the demo mentor to seed 004's referral waiting for a consulting
// teacher (Grace Okafor; the program page's tests use seed 002's and Clovis's waiting referrals, not this one): once the
// director's and the mentor's tablets sync, the new case is on the mentor's tablet, whose forms page offers the mentor's
// own memorandum (and no other party's). It opens with seed 004's commitments (a meeting each month, first contact
// within ten working days), is saved and signed with the mentor's passphrase, and the site administrator's tablet reads
// it signed after syncing. In the Clovis shared case the mentor's memorandum carries Clovis's weekly commitments.
Item {
    id: root
    width: 1180
    height: 820
    visible: true

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: ProgramPage {
            session: TeacherHarness.directorSession
        }
    }
    Component {
        id: formsComponent
        CaseFormsPage {
            session: TeacherHarness.mentorSession
            onBack: stack.pop()
            onOpenForm: (caseId, formId, kind, meeting) => stack.push(formComponent,
                { caseId: caseId, formId: formId, kind: kind.length > 0 ? kind : "referral", meeting: meeting }) // as Main.qml opens a form
        }
    }
    Component {
        id: formComponent
        FormPage {
            session: TeacherHarness.mentorSession
            onBack: stack.pop()
        }
    }
    Component {
        id: administratorForms
        CaseFormsController {
            session: TeacherHarness.administratorSession
        }
    }

    TestCase {
        name: "MentorMou"
        when: windowShown

        property string assignedCaseId: ""

        // Scrolls the pane holding `item` until the whole item is in the pane's view, as a person would (after the
        // layouts have placed it: a row just created sits at the top until they do).
        function bringIntoView(item) {
            let flick = item.parent
            while (flick && flick.contentY === undefined)
                flick = flick.parent
            verify(flick, "a scrolling pane holds the item")
            for (let attempt = 0; attempt < 10; ++attempt) {
                wait(50)
                const y = item.mapToItem(flick.contentItem, 0, 0).y
                flick.contentY = Math.max(0, Math.min(y - 40, flick.contentHeight - flick.height))
                wait(50)
                const paneTop = flick.mapToItem(root, 0, 0).y
                const top = item.mapToItem(root, 0, 0).y
                const bottom = item.mapToItem(root, 0, item.height).y
                if (top >= paneTop && bottom <= Math.min(root.height, paneTop + flick.height))
                    return
            }
            fail("the item does not scroll into view")
        }

        function formTitled(controller, title) {
            const forms = controller.forms
            for (let i = 0; i < forms.length; ++i)
                if (forms[i].title === title)
                    return forms[i]
            return null
        }

        function district(program, policyId) {
            const d = program.controller.districts
            for (let i = 0; i < d.length; ++i)
                if (d[i].policyId === policyId) return d[i]
            return null
        }

        function signAsOwner(page) {
            const open = findChild(page, "formSignOpen")
            verify(open && open.visible, "the owner may sign")
            mouseClick(open)
            const dialog = findChild(page, "formSignDialog")
            tryVerify(() => dialog.opened)
            compare(findChild(dialog, "formStatement").text, page.controller.signStatement)
            findChild(dialog, "formSignPassphrase").text = TeacherHarness.passphrase
            mouseClick(findChild(dialog, "formSignButton"))
            tryVerify(() => !dialog.visible, 10000, "signed: " + page.controller.actionError)
        }

        function test_1_assigned_mentor_starts_and_signs_memorandum() {
            tryVerify(() => !stack.busy)
            const program = stack.currentItem
            verify(program.controller.canAssign)
            const d004 = district(program, "district-004")
            verify(d004 !== null, "seed 004's district on the program page")
            let waiting = null
            for (let i = 0; i < d004.waiting.length; ++i)
                if (d004.waiting[i].teacher === "Grace Okafor")
                    waiting = d004.waiting[i]
            verify(waiting, "seed 004's referral waits for a consulting teacher")
            const caseId = waiting.caseId
            const card = findChild(program, "waiting-" + caseId)
            const assign = findChild(card, "assignButton")
            bringIntoView(assign)
            mouseClick(assign)
            const dialog = findChild(program, "assignDialog")
            tryVerify(() => dialog.opened)
            const choice = findChild(dialog, "mentorChoice")
            const mentorName = TeacherHarness.mentorSession.ownerName
            let index = -1
            for (let j = 0; j < program.controller.mentors.length; ++j)
                if (program.controller.mentors[j].name === mentorName)
                    index = j
            verify(index >= 0, "the demo mentor is a certified consulting teacher")
            choice.currentIndex = index
            compare(choice.currentText, mentorName)
            dialog.accept()
            tryVerify(() => {
                const cases = district(program, "district-004").cases
                for (let k = 0; k < cases.length; ++k)
                    if (cases[k].caseId === caseId && cases[k].mentor === mentorName) return true
                return false
            }, 5000, "the case is enrolled with the demo mentor: " + program.controller.errorText)
            assignedCaseId = caseId

            // The assignment reaches the mentor's tablet through the case store.
            verify(TeacherHarness.syncDirector(), "the director's tablet syncs")
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            stack.push(formsComponent, { caseId: caseId })
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "caseFormsPage")
            const formsPage = stack.currentItem
            const cases = formsPage.controller
            // The case is on the mentor's tablet, active. (Its teacher is named "someone" there: the teacher's person
            // record, written on the director's tablet, is not among the records the assignment grants the mentor —
            // reported as a bug; the title is checked by the school.)
            tryVerify(() => cases.subtitle.indexOf("active") >= 0, 5000, "the case on the mentor's tablet: " + cases.title + " | " + cases.subtitle + " | " + cases.errorText)
            verify(cases.title.indexOf(" · " + waiting.school) > 0, cases.title)
            verify(formTitled(cases, "Memorandum of Understanding: PAR Mentor") === null, "no mentor's memorandum yet")
            verify(findChild(formsPage, "start-mou_teacher-0") === null, "not the teacher's memorandum")
            verify(findChild(formsPage, "start-mou_site_administrator-0") === null, "not the administrator's memorandum")
            const start = findChild(formsPage, "start-mou_mentor-0")
            verify(start && start.visible, "the mentor may start their memorandum")
            bringIntoView(start)
            mouseClick(start)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage", 5000, "the memorandum opens")
            const page = stack.currentItem
            const form = page.controller
            tryVerify(() => form.loaded)
            compare(form.errorText, "")
            compare(form.title, "Memorandum of Understanding: PAR Mentor")
            verify(form.canEdit)
            verify(!form.canSign, "nothing to sign before it is saved")
            // Seed 004's contract in the commitments: a meeting each month, first contact within ten working days.
            const commitments = form.commitments.join(" | ")
            verify(form.commitments.length >= 8, commitments)
            verify(commitments.indexOf("Meet with the PAR Teacher a minimum of once each month.") >= 0, commitments)
            verify(commitments.indexOf("working days of being paired") >= 0, commitments)
            verify(commitments.indexOf("each week") < 0, "not Clovis's weekly meetings: " + commitments)

            verify(form.save(), form.actionError) // the Save button stays disabled on a form with nothing typed: see the report
            verify(form.formId.length > 0)
            compare(form.signatures.length, 0)
            compare(form.pending.length, 1)
            verify(form.pending[0].indexOf("PAR mentor") === 0, form.pending[0])
            compare(form.signStatement, "I have read this Memorandum of Understanding and I will keep its commitments.")
            signAsOwner(page)
            compare(form.signatures.length, 1)
            compare(form.signatures[0].signer, mentorName)
            compare(form.pending.length, 0)
            const formId = form.formId
            stack.pop()
            tryVerify(() => !stack.busy && stack.currentItem === formsPage)
            cases.reload()
            const listed = formTitled(cases, "Memorandum of Understanding: PAR Mentor")
            verify(listed)
            compare(listed.signedCount, 1)
            verify(findChild(formsPage, "start-mou_mentor-0") === null, "one memorandum per party")

            // The case's site administrator reads it, signed, once the tablets sync.
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            verify(TeacherHarness.syncAdministrator(), "the administrator's tablet syncs")
            const admin = createTemporaryObject(administratorForms, root, { caseId: caseId })
            admin.reload()
            const seen = formTitled(admin, "Memorandum of Understanding: PAR Mentor")
            verify(seen, "the administrator's tablet holds the mentor's memorandum: " + admin.errorText)
            compare(seen.formId, formId)
            compare(seen.signedCount, 1)
            stack.pop()
            tryVerify(() => !stack.busy && stack.depth === 1)
        }

        function test_2_clovis_memorandum_in_the_shared_case() {
            stack.push(formsComponent, { caseId: TeacherHarness.caseId })
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "caseFormsPage")
            const formsPage = stack.currentItem
            formsPage.controller.reload()
            const mou = formTitled(formsPage.controller, "Memorandum of Understanding: PAR Mentor")
            verify(mou, "the mentor's memorandum of the shared case")
            compare(mou.signedCount, 1)
            verify(findChild(formsPage, "start-mou_mentor-0") === null)
            const row = findChild(formsPage, "form-" + mou.formId)
            bringIntoView(row)
            mouseClick(row)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const form = stack.currentItem.controller
            tryVerify(() => form.loaded)
            verify(form.commitments.indexOf("Meet with the PAR Teacher a minimum of once each week.") >= 0, form.commitments.join(" | "))
            verify(form.commitments.indexOf("Contact the PAR Teacher within two weeks of being paired.") >= 0, form.commitments.join(" | "))
            compare(form.signatures.length, 1)
            verify(!form.canSign, "signed already")
            stack.pop()
            tryVerify(() => !stack.busy && stack.currentItem === formsPage)

            // The administrator's memorandum is the administrator's: the mentor reads it, neither edits nor signs it.
            const theirs = formTitled(formsPage.controller, "Memorandum of Understanding: Site Administrator")
            verify(theirs)
            const other = findChild(formsPage, "form-" + theirs.formId)
            bringIntoView(other)
            mouseClick(other)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const adminForm = stack.currentItem.controller
            tryVerify(() => adminForm.loaded)
            verify(!adminForm.canEdit)
            verify(!adminForm.canSign)
            verify(!findChild(stack.currentItem, "formSaveButton").visible)
            stack.pop()
            tryVerify(() => !stack.busy)
            stack.pop()
            tryVerify(() => !stack.busy && stack.depth === 1)
        }
    }
}
