import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The triad meetings after the first progress-monitoring one (tst_triad_meeting_mode.qml, which sorts before this
// file), on the site administrator's tablet (1180×820), each of the three signing on their own device:
//  - the Initial Triad Meeting's summary (written when the case began, signed by all three by now): its agenda, its
//    norms and the dates of the other three meetings under Clovis's names for them;
//  - Progress-Monitoring Triad Meeting #2: started by the administrator, not signable while the progress is missing,
//    a follow-up row added, signed by the administrator, then by the mentor on the mentor's tablet and the teacher on
//    the phone after syncing; the administrator's deadline for that meeting is then done;
//  - the Final Triad Meeting: written and signed by the mentor on the mentor's tablet, then signed by the
//    administrator and the teacher; both summaries are complete in the case's portfolio.
Item {
    id: root
    width: 1180
    height: 820
    visible: true

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: CaseFormsPage {
            session: TeacherHarness.administratorSession
            caseId: TeacherHarness.caseId
            onOpenForm: (caseId, formId, kind, meeting) => stack.push(formComponent,
                { caseId: caseId, formId: formId, kind: kind.length > 0 ? kind : "referral", meeting: meeting }) // as Main.qml opens a form
        }
    }
    Component {
        id: formComponent
        FormPage {
            session: TeacherHarness.administratorSession
            onBack: stack.pop()
        }
    }
    Component {
        id: mentorFormsComponent
        CaseFormsPage {
            session: TeacherHarness.mentorSession
            onBack: stack.pop()
            onOpenForm: (caseId, formId, kind, meeting) => stack.push(mentorFormComponent,
                { caseId: caseId, formId: formId, kind: kind.length > 0 ? kind : "referral", meeting: meeting }) // as Main.qml opens a form
        }
    }
    Component {
        id: mentorFormComponent
        FormPage {
            session: TeacherHarness.mentorSession
            onBack: stack.pop()
        }
    }
    // Another device's form page, on top of the tablet's: the mentor's tablet, or the teacher's phone (compact).
    Component {
        id: otherDeviceForm
        FormPage {
            caseId: TeacherHarness.caseId
            kind: "triad_meeting"
        }
    }

    TestCase {
        name: "TriadMeetingsLater"
        when: windowShown

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

        // The visible item named `name` under `item`: a form's answer (a check box of the same name stays hidden
        // behind every other kind of answer).
        function visibleNamed(item, name) {
            if (!item)
                return null
            if (item.objectName === name && item.visible)
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = visibleNamed(item.children[i], name)
                if (found)
                    return found
            }
            return null
        }

        function typeInto(field, text) {
            bringIntoView(field)
            mouseClick(field)
            field.forceActiveFocus()
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        function formTitled(controller, title) {
            const forms = controller.forms
            for (let i = 0; i < forms.length; ++i)
                if (forms[i].title === title) return forms[i]
            return null
        }

        function fieldOf(form, key) {
            for (let i = 0; i < form.fields.length; ++i)
                if (form.fields[i].key === key) return form.fields[i]
            return null
        }

        function hasDeadline(controller, key) {
            for (let i = 0; i < controller.deadlines.length; ++i)
                if (controller.deadlines[i].key === key) return true
            return false
        }

        function portfolioState(controller, documentId) {
            for (let i = 0; i < controller.portfolio.length; ++i)
                if (controller.portfolio[i].documentId === documentId) return controller.portfolio[i].state
            return ""
        }

        // The owner of the page's session signs with the sign dialog (a teacher's first signature ticks the agreement).
        function signOn(page) {
            tryVerify(() => page.controller.loaded)
            const open = findChild(page, "formSignOpen")
            verify(open && open.visible, "may sign: " + page.controller.errorText + page.controller.missing.join("; "))
            mouseClick(open)
            const dialog = findChild(page, "formSignDialog")
            tryVerify(() => dialog.opened)
            compare(findChild(dialog, "formStatement").text, "I took part in this triad meeting; this summary records it.")
            const agree = findChild(dialog, "formAgreeCheck")
            if (agree.visible)
                mouseClick(agree)
            findChild(dialog, "formSignPassphrase").text = TeacherHarness.passphrase
            mouseClick(findChild(dialog, "formSignButton"))
            tryVerify(() => !dialog.visible, 10000, "signed: " + page.controller.actionError)
        }

        // `session`'s device signs the form after syncing; its page is closed afterwards.
        function signOnDevice(session, formId, compact) {
            const page = createTemporaryObject(otherDeviceForm, root, {
                session: session, formId: formId, compact: compact, width: compact ? 390 : 1180, height: compact ? 844 : 820 })
            verify(page !== null)
            const before = page.controller.signatures.length
            signOn(page)
            compare(page.controller.signatures.length, before + 1)
            page.destroy()
        }

        function test_1_initial_meeting_agenda_norms_dates() {
            tryVerify(() => !stack.busy)
            const cases = stack.currentItem.controller
            cases.reload()
            const initial = formTitled(cases, "PAR Initial Triad Meeting Summary")
            verify(initial, "the initial triad meeting's summary")
            compare(initial.signedCount, 3, "signed by the teacher, the mentor and the administrator")
            stack.push(formComponent, { caseId: TeacherHarness.caseId, formId: initial.formId, kind: "triad_meeting" })
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const form = stack.currentItem.controller
            tryVerify(() => form.loaded)
            let agenda = 0
            for (let i = 0; i < form.fields.length; ++i)
                if (form.fields[i].key.indexOf("agenda.") === 0) {
                    ++agenda
                    compare(form.fields[i].value, "yes", form.fields[i].label)
                }
            compare(agenda, 6, "the handbook's six agenda items")
            verify(fieldOf(form, "norms").required)
            verify(fieldOf(form, "norms").value.length > 0)
            // The dates of the other three meetings, under Clovis's names, required, in order.
            const names = ["Progress-Monitoring Triad Meeting #1", "Progress-Monitoring Triad Meeting #2", "Final Triad Meeting"]
            let previous = fieldOf(form, "date").value
            for (let n = 1; n <= 3; ++n) {
                const scheduled = fieldOf(form, "scheduled." + n)
                verify(scheduled, "the date of meeting " + n)
                compare(scheduled.label, names[n - 1])
                verify(scheduled.required)
                verify(scheduled.value > previous, scheduled.value + " after " + previous)
                previous = scheduled.value
            }
            compare(form.pending.length, 0)
            stack.pop()
            tryVerify(() => !stack.busy)
        }

        function test_2_progress_monitoring_meeting_2() {
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            tryVerify(() => !stack.busy)
            const formsPage = stack.currentItem
            const cases = formsPage.controller
            cases.reload()
            const title = "PAR Progress-Monitoring Triad Meeting #2 Summary"
            verify(formTitled(cases, title) === null, "not held yet")
            verify(hasDeadline(cases, "triad:3"), "the administrator's deadline for the meeting is on the page")
            const start = findChild(formsPage, "start-triad_meeting-2")
            verify(start, "the administrator may start its summary")
            bringIntoView(start)
            mouseClick(start)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const page = stack.currentItem
            const form = page.controller
            tryVerify(() => form.loaded)
            compare(form.title, title)
            verify(form.canEdit)
            const progressLabel = fieldOf(form, "progress").label
            verify(form.missing.indexOf("Date") >= 0 && form.missing.indexOf(progressLabel) >= 0, form.missing.join("; "))

            // Saved with the date only: nobody may sign it while the progress is missing.
            typeInto(visibleNamed(page, "field-date"), TeacherHarness.districtToday())
            const save = findChild(page, "formSaveButton")
            mouseClick(save)
            tryVerify(() => form.formId.length > 0, 5000, "saved: " + form.actionError)
            compare(form.missing, [progressLabel])
            verify(!form.canSign)
            verify(!form.othersToSign, "nobody signs an incomplete summary here either")
            verify(!findChild(page, "formSignOpen").visible)
            verify(!findChild(page, "visitorSignOpen").visible)

            typeInto(visibleNamed(page, "field-progress"), "Exit checks daily since January.")
            const addRow = findChild(page, "addRow-follow_up")
            bringIntoView(addRow)
            mouseClick(addRow)
            tryVerify(() => findChild(page, "cell-follow_up-0-0") !== null)
            typeInto(findChild(page, "cell-follow_up-0-0"), "Release day to observe a colleague")
            typeInto(findChild(page, "cell-follow_up-0-1"), "Site administrator")
            mouseClick(save)
            tryVerify(() => !form.dirty && form.missing.length === 0, 5000, form.actionError + form.missing.join("; "))
            compare(form.tables[0].rows.length, 1)
            compare(form.tables[0].rows[0][0], "Release day to observe a colleague")
            signOn(page)
            compare(form.signatures.length, 1)
            compare(form.pending.length, 2, "the teacher and the mentor still sign")
            const formId = form.formId

            // The mentor signs on the mentor's tablet, the teacher on the phone, each after syncing.
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            signOnDevice(TeacherHarness.mentorSession, formId, false)
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            signOnDevice(TeacherHarness.session, formId, true)
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            form.reload()
            tryVerify(() => form.loaded)
            compare(form.signatures.length, 3, "the three signatures reached the tablet")
            compare(form.pending.length, 0)

            // Held: the administrator's deadline for it is done, and its summary is complete in the portfolio.
            stack.pop()
            tryVerify(() => !stack.busy && stack.currentItem === formsPage)
            cases.reload()
            compare(formTitled(cases, title).signedCount, 3)
            verify(!hasDeadline(cases, "triad:3"), "the meeting is held")
            compare(portfolioState(cases, "progress-monitoring-2-summary"), "complete")
        }

        function test_3_final_meeting_written_by_the_mentor() {
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            stack.push(mentorFormsComponent, { caseId: TeacherHarness.caseId })
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "caseFormsPage")
            const mentorForms = stack.currentItem
            mentorForms.controller.reload()
            const start = findChild(mentorForms, "start-triad_meeting-3")
            verify(start, "the mentor may start the final meeting's summary")
            bringIntoView(start)
            mouseClick(start)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const page = stack.currentItem
            const form = page.controller
            tryVerify(() => form.loaded)
            const title = "PAR Final Triad Meeting Summary"
            compare(form.title, title)
            typeInto(visibleNamed(page, "field-date"), TeacherHarness.districtToday())
            typeInto(visibleNamed(page, "field-progress"), "Routines hold without support.")
            mouseClick(findChild(page, "formSaveButton"))
            tryVerify(() => form.formId.length > 0 && !form.dirty, 5000, "saved: " + form.actionError)
            compare(form.missing.length, 0)
            signOn(page)
            compare(form.signatures.length, 1)
            compare(form.signatures[0].signer, TeacherHarness.mentorSession.ownerName)
            const formId = form.formId
            stack.pop()
            tryVerify(() => !stack.busy)
            stack.pop()
            tryVerify(() => !stack.busy && stack.depth === 1)

            // The administrator finds it waiting for their signature after syncing, and signs it; then the teacher.
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            const formsPage = stack.currentItem
            const cases = formsPage.controller
            cases.reload()
            const listed = formTitled(cases, title)
            verify(listed, "the mentor's summary reached the tablet")
            compare(listed.formId, formId)
            verify(listed.waitingForMe, "it waits for the administrator's signature")
            verify(hasDeadline(cases, "triad:4"), "the administrator's deadline for the final meeting")
            const row = findChild(formsPage, "form-" + formId)
            bringIntoView(row)
            mouseClick(row)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage", 5000, "opens: " + stack.depth + " " + stack.currentItem.objectName)
            const adminPage = stack.currentItem
            signOn(adminPage)
            compare(adminPage.controller.signatures.length, 2)
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            signOnDevice(TeacherHarness.session, formId, true)
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            adminPage.controller.reload()
            tryVerify(() => adminPage.controller.loaded)
            compare(adminPage.controller.signatures.length, 3)
            stack.pop()
            tryVerify(() => !stack.busy && stack.currentItem === formsPage)
            cases.reload()
            verify(!hasDeadline(cases, "triad:4"), "the final meeting is held")
            compare(portfolioState(cases, "final-triad-summary"), "complete")
            verify(findChild(formsPage, "start-triad_meeting-3") === null, "one summary per meeting")
        }
    }
}
