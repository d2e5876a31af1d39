import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The teacher's own meeting log on the phone (390×844). Clovis asks the teacher to keep a weekly log too, so the
// phone's forms page counts the weeks without one as overdue; the teacher logs a meeting of the oldest such week: the
// date, the kind and the work done are required before signing, the log is saved and signed by the teacher (its
// writer), that week is no longer overdue, and the mentor's tablet, synced, holds the teacher's signed log.
//
// This file sorts after tst_teacher_phone.qml on purpose: the teacher's first signature here also signs the
// electronic-records agreement, which tst_teacher_phone expects to be asked for when the report is acknowledged.
Item {
    id: root
    width: 390
    height: 844
    visible: true

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: MyReportsPage {
            session: TeacherHarness.session
            compact: true
            onOpenForms: caseId => stack.push(formsComponent, { caseId: caseId })
        }
    }
    Component {
        id: formsComponent
        CaseFormsPage {
            session: TeacherHarness.session
            compact: true
            onBack: stack.pop()
            onOpenForm: (caseId, formId, kind, meeting) => stack.push(formComponent,
                { caseId: caseId, formId: formId, kind: kind.length > 0 ? kind : "referral", meeting: meeting }) // as Main.qml opens a form
        }
    }
    Component {
        id: formComponent
        FormPage {
            session: TeacherHarness.session
            compact: true
            onBack: stack.pop()
        }
    }
    Component {
        id: mentorForms
        CaseFormsController {
            session: TeacherHarness.mentorSession
            caseId: TeacherHarness.caseId
        }
    }

    TestCase {
        name: "TeacherMeetingLog"
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

        // The Monday of ISO week "2026-W37", as YYYY-MM-DD.
        function mondayOf(isoWeek) {
            const year = parseInt(isoWeek.substring(0, 4))
            const week = parseInt(isoWeek.substring(6))
            const jan4 = new Date(Date.UTC(year, 0, 4))
            const monday1 = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000)
            const monday = new Date(monday1.getTime() + (week - 1) * 7 * 86400000)
            const pad = n => (n < 10 ? "0" : "") + n
            return monday.getUTCFullYear() + "-" + pad(monday.getUTCMonth() + 1) + "-" + pad(monday.getUTCDate())
        }

        function oldestOverdueLog(controller) {
            const d = controller.deadlines
            for (let i = 0; i < d.length; ++i)
                if (d[i].key.indexOf("teacher_log:") === 0 && d[i].overdue) return d[i]
            return null
        }

        function test_teacher_logs_a_missed_week() {
            tryVerify(() => !stack.busy)
            mouseClick(findChild(stack.currentItem, "myFormsButton"))
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "caseFormsPage")
            const formsPage = stack.currentItem
            const cases = formsPage.controller
            cases.reload()
            const missed = oldestOverdueLog(cases)
            verify(missed, "Clovis's teacher keeps a weekly log: the weeks without one are overdue on the phone")
            verify(findChild(formsPage, "deadline-" + missed.key).visible, "shown on the forms page")
            const overdueBefore = cases.overdueCount
            const week = missed.key.substring("teacher_log:".length)
            const logDate = mondayOf(week)

            const start = findChild(formsPage, "start-meeting_log-0")
            verify(start && start.visible, "the teacher may log a meeting")
            bringIntoView(start)
            mouseClick(start)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage", 5000, "the log opens")
            const page = stack.currentItem
            const form = page.controller
            tryVerify(() => form.loaded)
            compare(form.title, "Meeting Log")
            verify(form.canEdit, "the teacher writes their own log")
            verify(findChild(page, "field-observation") === null, "no observation to name on the phone")
            verify(form.missing.indexOf("Date") >= 0 && form.missing.indexOf("PAR work done") >= 0, form.missing.join("; "))
            compare(form.missing.length, 3, form.missing.join("; "))

            // Only the date and the kind first: saved, but not signable while the work done is missing.
            typeInto(visibleNamed(page, "field-date"), logDate)
            const kind = findChild(page, "choice-kind-meeting")
            bringIntoView(kind)
            mouseClick(kind)
            verify(kind.checked)
            const save = findChild(page, "formSaveButton")
            verify(save.enabled)
            mouseClick(save)
            tryVerify(() => form.formId.length > 0, 5000, "saved: " + form.actionError)
            compare(form.missing, ["PAR work done"])
            verify(!form.canSign, "not signed with an answer missing")
            verify(!findChild(page, "formSignOpen").visible)

            typeInto(visibleNamed(page, "field-work"), "Planned the warm-up routine with my mentor.")
            verify(form.dirty)
            verify(!form.canSign, "save before signing")
            mouseClick(save)
            tryVerify(() => !form.dirty && form.missing.length === 0, 5000, form.actionError)
            verify(form.canSign)
            compare(form.signStatement, "This log records our meeting.")

            const open = findChild(page, "formSignOpen")
            mouseClick(open)
            const dialog = findChild(page, "formSignDialog")
            tryVerify(() => dialog.opened)
            const agree = findChild(dialog, "formAgreeCheck")
            if (agree.visible) // the teacher's first signature on the phone asks for the electronic-records agreement
                mouseClick(agree)
            findChild(dialog, "formSignPassphrase").text = TeacherHarness.passphrase
            mouseClick(findChild(dialog, "formSignButton"))
            tryVerify(() => !dialog.visible, 10000, "signed: " + form.actionError)
            compare(form.signatures.length, 1)
            compare(form.pending.length, 0)
            const logId = form.formId

            // That week is kept now: one overdue deadline fewer, and the oldest missed week is a later one.
            stack.pop()
            tryVerify(() => !stack.busy && stack.currentItem === formsPage)
            cases.reload()
            compare(cases.overdueCount, overdueBefore - 1, "the logged week is no longer overdue")
            const next = oldestOverdueLog(cases)
            verify(next === null || next.key !== missed.key, "the week of " + logDate + " is kept")

            // The mentor's tablet holds the teacher's signed log after both sync.
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            const mentor = createTemporaryObject(mentorForms, root)
            mentor.reload()
            let seen = null
            for (let i = 0; i < mentor.forms.length; ++i)
                if (mentor.forms[i].formId === logId) seen = mentor.forms[i]
            verify(seen, "the teacher's log reached the mentor's tablet: " + mentor.errorText)
            compare(seen.signedCount, 1)
            compare(seen.signerCount, 1)
            verify(!seen.waitingForMe, "the mentor does not sign the teacher's log")
        }
    }
}
