import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The PAR Year-End Report of the demo's shared case on the site administrator's tablet (1180×820). The administrator
// ticks the panel's portfolio checklist (the documents the case's portfolio holds complete), and cannot sign before a
// determination is chosen. "Extend" with a most recent appraisal rated "Yes" on every standard shows, live, that
// Clovis's extension rule refuses it, and signing it is refused with the rule's sentence: nothing is signed. The
// determination "discontinue" is then signed by the administrator — the case stays active while the mentor and the
// teacher have not signed — then by the mentor on the mentor's tablet and by the teacher (receipt, not agreement) on
// the phone; once all three signed, every device reads the case discontinued, with no deadline left.
//
// This discontinues the shared case for good, so it must run last of the runner's files: tst_year_end_report.qml sorts
// after every other tst_*.qml here (the runner takes the files in name order). Keep it last when adding files.
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
        id: otherDeviceForm
        FormPage {
            caseId: TeacherHarness.caseId
            kind: "year_end_report"
        }
    }
    Component {
        id: formsOn
        CaseFormsController {
            caseId: TeacherHarness.caseId
        }
    }

    TestCase {
        name: "YearEndReport"
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

        function click(page, name) {
            const item = findChild(page, name)
            verify(item, name)
            bringIntoView(item)
            mouseClick(item)
            return item
        }

        function openSignDialog(page) {
            const open = findChild(page, "formSignOpen")
            verify(open && open.visible, "may sign: " + page.controller.missing.join("; ") + page.controller.actionError)
            mouseClick(open)
            const dialog = findChild(page, "formSignDialog")
            tryVerify(() => dialog.opened)
            return dialog
        }

        // Signs with the dialog; the statement read is `statement`.
        function signOn(page, statement) {
            tryVerify(() => page.controller.loaded)
            const dialog = openSignDialog(page)
            compare(findChild(dialog, "formStatement").text, statement)
            const agree = findChild(dialog, "formAgreeCheck")
            if (agree.visible)
                mouseClick(agree)
            findChild(dialog, "formSignPassphrase").text = TeacherHarness.passphrase
            mouseClick(findChild(dialog, "formSignButton"))
            tryVerify(() => !dialog.visible, 10000, "signed: " + page.controller.actionError)
        }

        function signOnDevice(session, formId, compact, statement) {
            const page = createTemporaryObject(otherDeviceForm, root, {
                session: session, formId: formId, compact: compact, width: compact ? 390 : 1180, height: compact ? 844 : 820 })
            verify(page !== null)
            tryVerify(() => page.controller.loaded)
            const before = page.controller.signatures.length
            signOn(page, statement)
            compare(page.controller.signatures.length, before + 1)
            page.destroy()
        }

        function caseOn(session) {
            const c = createTemporaryObject(formsOn, root, { session: session })
            c.reload()
            return c
        }

        function test_extend_refused_then_discontinue() {
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            tryVerify(() => !stack.busy)
            const formsPage = stack.currentItem
            const cases = formsPage.controller
            cases.reload()
            verify(cases.subtitle.indexOf("active") >= 0, cases.subtitle)
            // The documents of the panel's checklist this case's portfolio holds complete.
            const complete = []
            for (let i = 0; i < cases.portfolio.length; ++i)
                if (cases.portfolio[i].list === "PAR Year-End Report: Panel PAR Portfolio Review" && cases.portfolio[i].state === "complete")
                    complete.push(cases.portfolio[i].documentId)
            verify(complete.indexOf("mous") >= 0 && complete.indexOf("final-triad-summary") >= 0, complete.join(", "))

            const start = findChild(formsPage, "start-year_end_report-0")
            verify(start, "the administrator may start the year-end report")
            bringIntoView(start)
            mouseClick(start)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const page = stack.currentItem
            const form = page.controller
            tryVerify(() => form.loaded)
            compare(form.title, "PAR Year-End Report")
            verify(form.canEdit)
            verify(form.missing.indexOf("Site-Administration Determination") >= 0, form.missing.join("; "))

            for (const id of complete) {
                const box = click(page, "field-portfolio.year-end-checklist." + id)
                verify(box.checked, id)
            }
            const save = findChild(page, "formSaveButton")
            mouseClick(save)
            tryVerify(() => form.formId.length > 0 && !form.dirty, 5000, "saved: " + form.actionError)
            compare(form.missing, ["Site-Administration Determination"])
            verify(!form.canSign, "no signature before the determination")
            verify(!findChild(page, "formSignOpen").visible)
            let ticked = 0
            for (let f = 0; f < form.fields.length; ++f)
                if (form.fields[f].key.indexOf("portfolio.") === 0 && form.fields[f].value === "yes") ++ticked
            compare(ticked, complete.length, "the checklist as ticked")

            // "Extend", with a most recent appraisal of "Yes" on every standard: the rule says no, live.
            verify(findChild(page, "choice-determination-extend"), "Clovis's policy makes an extension possible")
            click(page, "choice-determination-extend")
            const card = findChild(page, "eligibilityCard")
            tryVerify(() => card.visible, 5000, "the extension rule is shown while extend is chosen")
            for (let s = 1; s <= 7; ++s)
                verify(click(page, "choice-standard." + s + "-satisfactory").checked)
            verify(!form.eligible)
            compare(findChild(page, "eligibilityOutcome").text, "Extension not allowed")
            const reasons = form.eligibilityReasons.join(" | ")
            verify(reasons.indexOf("Not met:") >= 0, reasons)
            verify(reasons.indexOf("Not met: the teacher is not willing to participate in the extension (required).") >= 0,
                   "the box of the teacher's willingness is not ticked: " + reasons)
            verify(reasons.indexOf("Not met: Overall \"No\" on one or more of CSTP standards 1-6") >= 0, "no \"No\" on the appraisal: " + reasons)
            mouseClick(save)
            tryVerify(() => !form.dirty, 5000, form.actionError)
            compare(form.missing.length, 0)
            verify(form.canSign, "an answered form may be put to its signers")

            // Signing it is refused with the rule's sentence, and nothing is signed.
            const dialog = openSignDialog(page)
            findChild(dialog, "formSignPassphrase").text = TeacherHarness.passphrase
            mouseClick(findChild(dialog, "formSignButton"))
            const error = findChild(dialog, "formSignError")
            tryVerify(() => error.visible, 10000, "refused")
            verify(dialog.opened, "the dialog stays open on a refusal")
            compare(error.text, form.actionError)
            verify(form.actionError.indexOf("PAR support cannot be extended under Clovis Unified School District's rule:") === 0, form.actionError)
            verify(form.actionError.indexOf("Not met:") > 0, form.actionError)
            compare(form.signatures.length, 0)
            dialog.close()
            tryVerify(() => !dialog.visible)
            form.reload()
            tryVerify(() => form.loaded)
            compare(form.signatures.length, 0, "nothing was signed")
            compare(form.pending.length, 3)

            // "Discontinue": signed by the administrator; the case waits for the other two signatures.
            click(page, "choice-determination-discontinue")
            tryVerify(() => !findChild(page, "eligibilityCard").visible, 5000, "no extension rule for a discontinuation")
            mouseClick(save)
            tryVerify(() => !form.dirty, 5000, form.actionError)
            signOn(page, "I have reviewed this year-end report and its determination.")
            compare(form.signatures.length, 1)
            compare(form.pending.length, 2, "the mentor and the teacher sign too")
            const formId = form.formId
            cases.reload()
            verify(cases.subtitle.indexOf("active") >= 0, "not decided before all three signed: " + cases.subtitle)

            // The mentor on the mentor's tablet, the teacher on the phone, each after syncing.
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            signOnDevice(TeacherHarness.mentorSession, formId, false, "I have reviewed this year-end report and its determination.")
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            signOnDevice(TeacherHarness.session, formId, true, "I received this year-end report. Signing does not mean I agree with it.")
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")

            // Decided: discontinued on every device, with nothing left due.
            form.reload()
            tryVerify(() => form.loaded)
            compare(form.signatures.length, 3)
            stack.pop()
            tryVerify(() => !stack.busy && stack.currentItem === formsPage)
            cases.reload()
            verify(cases.subtitle.indexOf("discontinued") >= 0, "the administrator's tablet: " + cases.subtitle)
            compare(cases.deadlines.length, 0, "no deadline once discontinued")
            compare(cases.portfolio.filter(p => p.documentId === "year-end-report")[0].state, "complete")
            const mentor = caseOn(TeacherHarness.mentorSession)
            verify(mentor.subtitle.indexOf("discontinued") >= 0, "the mentor's tablet: " + mentor.subtitle)
            compare(mentor.deadlines.length, 0)
            const phone = caseOn(TeacherHarness.session)
            verify(phone.subtitle.indexOf("discontinued") >= 0, "the teacher's phone: " + phone.subtitle)
            compare(phone.deadlines.length, 0)
        }
    }
}
