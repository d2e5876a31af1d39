import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The teacher's forms on the phone (390×844), from the demo triad: the case's forms page lists the referral awaiting
// the teacher's signature; the teacher reads it (the ratings in Clovis's words, read-only) and signs "I understand the
// reason for referral" with their passphrase; then starts their memorandum, saves it and signs it.
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
                { caseId: caseId, formId: formId, kind: kind.length > 0 ? kind : "referral", meeting: meeting })
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

    TestCase {
        name: "TeacherForms"
        when: windowShown

        function scrollTo(flick, item) {
            const y = item.mapToItem(flick.contentItem, 0, 0).y
            flick.contentY = Math.max(0, Math.min(y - 40, flick.contentHeight - flick.height))
            wait(50)
        }

        function sign(page) {
            const open = findChild(page, "formSignOpen")
            verify(open && open.visible, "the teacher may sign")
            mouseClick(open)
            const dialog = findChild(page, "formSignDialog")
            tryVerify(() => dialog.opened)
            const agree = findChild(dialog, "formAgreeCheck")
            if (agree.visible)
                mouseClick(agree)
            const field = findChild(dialog, "formSignPassphrase")
            field.text = TeacherHarness.passphrase
            mouseClick(findChild(dialog, "formSignButton"))
            tryVerify(() => !dialog.visible, 10000, "signed")
        }

        function test_sign_referral_then_memorandum() {
            tryVerify(() => !stack.busy)
            const button = findChild(stack.currentItem, "myFormsButton")
            verify(button, "the home offers the case's forms")
            mouseClick(button)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "caseFormsPage")
            const formsPage = stack.currentItem
            const forms = formsPage.controller.forms
            let referral = null
            for (let i = 0; i < forms.length; ++i)
                if (forms[i].title === "PAR Referral")
                    referral = forms[i]
            verify(referral, "the referral reached the phone")
            verify(referral.waitingForMe, "and waits for the teacher's signature")

            const row = findChild(formsPage, "form-" + referral.formId)
            scrollTo(findChild(formsPage, "caseFormsFlick"), row)
            mouseClick(row)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const page = stack.currentItem
            tryVerify(() => page.controller.loaded)
            verify(!page.controller.canEdit, "the teacher reads the referral, the administrator writes it")
            verify(page.controller.eligible, "the district's rule makes the teacher eligible")
            compare(page.controller.signStatement, "I understand the reason for referral to the Peer Assistance and Review (PAR) program.")
            sign(page)
            compare(page.controller.signatures.length, 2)
            compare(page.controller.pending.length, 0)
            stack.pop()
            tryVerify(() => !stack.busy)

            // The memorandum: started, saved, signed by the teacher.
            formsPage.controller.reload()
            const start = findChild(formsPage, "start-mou_teacher-0")
            verify(start, "the teacher may start their memorandum")
            scrollTo(findChild(formsPage, "caseFormsFlick"), start)
            mouseClick(start)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const mou = stack.currentItem
            tryVerify(() => mou.controller.loaded)
            verify(mou.controller.commitments.length >= 8, "the handbook's commitments")
            verify(mou.controller.commitments.indexOf("Meet with my PAR Mentor a minimum of once each week.") >= 0)
            mou.controller.setField("employee_id", "E-20417")
            verify(mou.controller.save(), mou.controller.actionError)
            sign(mou)
            compare(mou.controller.signatures.length, 1)
            stack.pop()
            tryVerify(() => !stack.busy)

            // The initial triad meeting summary, signed by the administrator and the mentor, waits for the teacher.
            formsPage.controller.reload()
            let triad = null
            for (let k = 0; k < formsPage.controller.forms.length; ++k)
                if (formsPage.controller.forms[k].title === "PAR Initial Triad Meeting Summary")
                    triad = formsPage.controller.forms[k]
            verify(triad, "the initial triad meeting summary reached the phone")
            verify(triad.waitingForMe)
            const triadRow = findChild(formsPage, "form-" + triad.formId)
            scrollTo(findChild(formsPage, "caseFormsFlick"), triadRow)
            mouseClick(triadRow)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const summary = stack.currentItem
            tryVerify(() => summary.controller.loaded)
            compare(summary.controller.signatures.length, 2)
            sign(summary)
            compare(summary.controller.signatures.length, 3)
            compare(summary.controller.pending.length, 0)
            verify(TeacherHarness.syncTeacher(), "the signatures reach the case store")

            // The portfolio: the memoranda (the teacher's, the mentor's, the administrator's) are complete now, each
            // listed with its state; the initial triad meeting summary too; the ILP is kept outside Triad.
            stack.pop()
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "caseFormsPage")
            formsPage.controller.reload()
            const items = formsPage.controller.portfolio
            let mous = null, initial = null, ilp = null
            for (let p = 0; p < items.length; ++p) {
                if (items[p].documentId === "mous") mous = items[p]
                if (items[p].documentId === "initial-triad-summary") initial = items[p]
                if (items[p].documentId === "ilp-1") ilp = items[p]
            }
            verify(mous && initial && ilp, "Clovis's portfolio lists")
            compare(mous.state, "complete")
            compare(mous.documents.length, 3)
            compare(initial.state, "complete")
            compare(ilp.state, "outside")
            const card = findChild(formsPage, "portfolio-mous")
            verify(card && card.visible, "the memoranda's line is on the page")
            scrollTo(findChild(formsPage, "caseFormsFlick"), card)
            const doc = findChild(card, "portfolio-doc-" + mous.documents[0].id)
            verify(doc && doc.height >= 44, "each filed document is a button of at least 44 px")
            mouseClick(doc)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            tryVerify(() => stack.currentItem.controller.loaded)
            verify(stack.currentItem.controller.title.indexOf("Memorandum") === 0, "it opens the memorandum")
        }
    }
}
