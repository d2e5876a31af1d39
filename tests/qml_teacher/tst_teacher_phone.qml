import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The teacher's phone (390×844), as a referred teacher uses it: the inbox shows the report awaiting the signature,
// the report opens with the teacher's rights, acknowledging asks once for the electronic-records agreement and the
// teacher's own passphrase, and a written response is drafted privately, then submitted. Each step is checked where
// it matters: the mentor's tablet, synced through the same case store, sees the signature and the response.
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
            onOpenReport: id => stack.push(reportComponent, { reportId: id })
        }
    }
    Component {
        id: reportComponent
        ReportPage {
            session: TeacherHarness.session
            compact: true
            onBack: stack.pop()
        }
    }

    TestCase {
        name: "TeacherPhone"
        when: windowShown

        // Scrolls `flick` so that `item` is inside its viewport, as a person would.
        function scrollTo(flick, item) {
            const y = item.mapToItem(flick.contentItem, 0, 0).y
            flick.contentY = Math.max(0, Math.min(y - 20, flick.contentHeight - flick.height))
            wait(50)
        }

        function typeInto(field, text) {
            field.forceActiveFocus()
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        function test_1_inbox_read_acknowledge() {
            const reportId = TeacherHarness.awaitingReportId
            compare(TeacherHarness.mentorSees(reportId), "awaiting", "before: the mentor sees it awaiting")
            const inbox = findChild(stack.currentItem, "myReports")
            tryVerify(() => inbox.awaitingCount === 1, 5000, "one report awaits the teacher")

            const row = findChild(stack.currentItem, "reportRow-" + reportId)
            verify(row, "the awaiting report is listed")
            verify(row.awaiting)
            mouseClick(row)
            tryVerify(() => stack.depth === 2 && stack.currentItem.objectName === "reportPage" && !stack.busy)
            const page = stack.currentItem
            tryVerify(() => page.controller.loaded)
            verify(page.controller.canAcknowledge)
            verify(page.controller.rights.join(" ").indexOf("Director of Induction") >= 0, "the referred teacher's rights")

            // Acknowledge: the agreement is asked for once, and the teacher's own passphrase signs.
            const ackButton = findChild(page, "acknowledgeButton")
            verify(ackButton.visible)
            mouseClick(ackButton)
            const dialog = findChild(page, "acknowledgeDialog")
            tryVerify(() => dialog.opened)
            const statement = findChild(dialog, "statement")
            compare(statement.text, "I acknowledge that I received this report. Signing does not mean I agree with it.")
            const sign = findChild(dialog, "signButton")
            const field = findChild(dialog, "signPassphrase")
            // On a phone the agreement fills the dialog: the teacher scrolls to the checkbox, the statement and the
            // passphrase.
            const scroller = findChild(dialog, "acknowledgeScroller")
            scrollTo(scroller, field)
            typeInto(field, "wrong")
            verify(!sign.enabled, "not before the agreement is checked")
            const agree = findChild(dialog, "agreeCheck")
            scrollTo(scroller, agree)
            mouseClick(agree)
            verify(agree.checked)
            verify(sign.enabled)
            scrollTo(scroller, sign)
            mouseClick(sign)
            tryVerify(() => page.controller.actionError.indexOf("not right") >= 0)
            verify(dialog.opened, "a wrong passphrase signs nothing")
            verify(!page.controller.acknowledged)

            field.text = ""
            typeInto(field, TeacherHarness.passphrase)
            scrollTo(scroller, sign)
            mouseClick(sign)
            tryVerify(() => !dialog.opened, 10000)
            tryVerify(() => page.controller.acknowledged)
            verify(!findChild(page, "acknowledgeButton").visible, "nothing left to sign")

            // The signature reaches the mentor's tablet through the case store.
            verify(TeacherHarness.syncTeacher())
            compare(TeacherHarness.mentorSees(reportId), "acknowledged")
        }

        function test_2_response_draft_then_submit() {
            const page = stack.currentItem
            compare(page.objectName, "reportPage")
            // The report came through the case store: its receipt opened the window.
            verify(page.controller.canRespond)
            verify(page.controller.responseStatus.length > 0)
            verify(page.controller.responseStatus.indexOf("has not reached you") < 0, "the window has started")

            const editor = findChild(page, "responseEditor")
            verify(editor.visible)
            const flick = findChild(page, "reportFlick")
            scrollTo(flick, editor)
            typeInto(editor, "I was absent for the 2 Dec debrief.")
            tryCompare(page.controller, "responseDraft", "I was absent for the 2 Dec debrief.", 5000, "saved privately as typed")
            compare(TeacherHarness.mentorSees(TeacherHarness.awaitingReportId), "acknowledged", "a draft never leaves the phone")

            const submit = findChild(page, "submitResponseButton")
            scrollTo(flick, submit)
            mouseClick(submit)
            const confirm = findChild(page, "submitResponseDialog")
            tryVerify(() => confirm.opened)
            mouseClick(findChild(confirm, "confirmSubmitResponse"))
            tryVerify(() => !confirm.opened, 10000)
            tryVerify(() => page.controller.responses.length === 1)
            compare(page.controller.responses[0].text, "I was absent for the 2 Dec debrief.")
            compare(page.controller.responseDraft, "")

            verify(TeacherHarness.syncTeacher())
            compare(TeacherHarness.mentorSees(TeacherHarness.awaitingReportId), "acknowledged response")
        }
    }
}
