import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// Triad meeting mode on the site administrator's tablet (1180×820), from the demo triad: the first progress-monitoring
// meeting's summary, written and signed by the administrator and signed by the mentor with the mentor's own key backup
// on this tablet (the demo held it so), is signed by the teacher on the same tablet with the teacher's own key backup and
// its own passphrase ("Someone else signs here"): three people on one tablet. A wrong passphrase, or a visitor who has
// signed already, is refused with a sentence and signs nothing. The teacher has withdrawn the electronic-records agreement
// on the phone, so the tablet shows it and the teacher signs it with the same keys before the summary. Afterwards the
// tablet holds neither visitor's keys.
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
                { caseId: caseId, formId: formId, kind: kind, meeting: meeting })
        }
    }
    Component {
        id: formComponent
        FormPage {
            session: TeacherHarness.administratorSession
            onBack: stack.pop()
        }
    }

    TestCase {
        name: "TriadMeetingMode"
        when: windowShown

        // The scrolling pane holding `item` (on a tablet the page has more than one).
        function flickOf(item) {
            let p = item.parent
            while (p && p.contentY === undefined)
                p = p.parent
            return p
        }

        function scrollTo(flick, item) {
            const y = item.mapToItem(flick.contentItem, 0, 0).y
            flick.contentY = Math.max(0, Math.min(y - 40, flick.contentHeight - flick.height))
            wait(50)
        }

        // Opens the sign dialog as a visitor and signs with `file` and `passphrase`; whether the dialog closed. With
        // `agreement`, the visitor is expected to be asked for the electronic-records agreement first, and ticks it.
        function visitorSigns(page, file, passphrase, agreement) {
            const open = findChild(page, "visitorSignOpen")
            verify(open && open.visible, "someone else may sign here")
            mouseClick(open)
            const dialog = findChild(page, "formSignDialog")
            tryVerify(() => dialog.opened)
            verify(dialog.visitor)
            // The person at the tablet reads what they sign before they sign: each remaining part's statement.
            const statement = findChild(dialog, "formStatement").text
            verify(statement.indexOf("signs: “I took part in this triad meeting; this summary records it.”") >= 0, statement)
            verify(statement.indexOf(page.controller.visitorStatements[0].role) >= 0, statement)
            // The backup is chosen from the tablet's files, or its path typed (here).
            const choose = findChild(dialog, "visitorBackupChoose")
            verify(choose && choose.visible, "a button opens the file chooser")
            findChild(dialog, "visitorBackupFile").text = file
            findChild(dialog, "formSignPassphrase").text = passphrase
            const agreementText = findChild(dialog, "formAgreementText")
            verify(!agreementText.visible, "no agreement is asked before the backup is opened")
            const button = findChild(dialog, "formSignButton")
            mouseClick(button)
            // Signing is done when the dialog closes, or refused when it shows why.
            const error = findChild(dialog, "formSignError")
            tryVerify(() => !dialog.opened || error.visible, 5000, "signed, or told why not")
            if (agreement) {
                verify(error.visible, "the visitor is asked to agree first")
                verify(agreementText.visible, "the agreement is shown")
                verify(agreementText.text.indexOf("paper") >= 0, "with the right to paper copies")
                verify(!button.enabled, "nothing is signed before it is ticked")
                const tick = findChild(dialog, "formAgreeCheck")
                verify(tick.visible)
                mouseClick(tick)
                verify(tick.checked)
                verify(button.enabled)
                mouseClick(button)
                tryVerify(() => !dialog.opened, 5000, "signed with the agreement")
            }
            const closed = !error.visible
            if (!closed)
                dialog.close()
            tryVerify(() => !dialog.visible)
            return closed
        }

        function test_three_sign_on_one_tablet() {
            // The teacher withdrew the agreement to sign electronically on the phone; the tablet learns it by syncing.
            verify(TeacherHarness.teacherWithdrawsAgreement(), "the teacher's withdrawal")
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            tryVerify(() => !stack.busy)
            const formsPage = stack.currentItem
            formsPage.controller.reload()
            tryVerify(() => formsPage.controller.forms.length > 0)
            // The first progress-monitoring meeting, as the demo held it on 10 November 2026 at this tablet: the
            // administrator wrote the summary and signed; the mentor signed here with the mentor's own key backup.
            const held = formsPage.controller.forms.find(f => f.title === "PAR Progress-Monitoring Triad Meeting #1 Summary")
            verify(held, "the demo's first progress-monitoring meeting is on the tablet")
            stack.push(formComponent, { caseId: TeacherHarness.caseId, formId: held.formId, kind: "triad_meeting" })
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage", 5000, "the summary opens")
            const page = stack.currentItem
            const form = page.controller
            tryVerify(() => form.loaded)
            compare(form.signatures.length, 2)
            const visiting = form.signatures.filter(s => s.visiting)
            compare(visiting.length, 1, "one signature made in triad meeting mode")
            compare(visiting[0].signer, "Alex Rivera")
            verify(form.othersToSign, "the teacher still signs")
            compare(form.visitorStatements.length, 1, "the teacher's part only")
            verify(!findChild(page, "formSignOpen").visible, "the administrator has signed already")

            const teacherFile = TeacherHarness.writeKeyBackup("teacher", "teacher's own backup passphrase")
            const mentorFile = TeacherHarness.writeKeyBackup("mentor", "mentor's own backup passphrase")
            verify(teacherFile.length > 0 && mentorFile.length > 0, "the visitors' backups")

            // The mentor, who signed at the meeting, cannot sign a second time: refused, said so, nothing signed.
            verify(!visitorSigns(page, mentorFile, "mentor's own backup passphrase"), "the dialog stays open for one who signed")
            verify(form.actionError.length > 0, "and says why")
            compare(form.signatures.length, 2)
            // The teacher's backup with the wrong passphrase: refused, said so, nothing signed.
            verify(!visitorSigns(page, teacherFile, "not the teacher's passphrase"), "the dialog stays open on a wrong passphrase")
            verify(form.actionError.length > 0, "and says why")
            compare(form.signatures.length, 2)

            verify(visitorSigns(page, teacherFile, "teacher's own backup passphrase", true), form.actionError)
            compare(form.signatures.length, 3)
            compare(form.signatures.filter(s => s.visiting).length, 2, "the teacher's and the mentor's, made on this tablet")
            verify(!form.visitorNeedsAgreement)
            compare(form.pending.length, 0)
            verify(!findChild(page, "visitorSignOpen").visible, "nobody is left to sign")

            // The agreement the teacher signed on the tablet reaches the phone: in force there again.
            verify(TeacherHarness.syncAdministrator(), "the tablet syncs")
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            verify(TeacherHarness.teacherAgreementInForce(), "the agreement signed at the meeting is in force on the phone")

            verify(!TeacherHarness.administratorHoldsKeysOf("teacher"), "the tablet keeps none of the teacher's keys")
            verify(!TeacherHarness.administratorHoldsKeysOf("mentor"), "the tablet keeps none of the mentor's keys")
        }
    }
}
