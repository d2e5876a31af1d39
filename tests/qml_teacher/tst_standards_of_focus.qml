import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The PAR Standards of Focus on the site administrator's tablet (1180×820), in the demo's shared case, where the
// administrator signed them when the case began. The administrator checks another element and unchecks one, saves (a
// new version: the earlier signature no longer counts, the page says so), and signs again. What the form decides is
// checked where it matters, on the mentor's tablet after syncing: the standards of focus in force there (they order the
// tags in capture, ObservationController.focus) stay those of the signed version while the new one waits for its
// signature, and become the new ones once it is signed.
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
    // The mentor's capture screen's view model: the standards of focus in force on the mentor's tablet.
    Component {
        id: mentorCapture
        ObservationController {
            session: TeacherHarness.mentorSession
            caseId: TeacherHarness.caseId
        }
    }

    TestCase {
        name: "StandardsOfFocus"
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

        // The standards of focus in force on the mentor's tablet, after it syncs.
        function mentorFocus() {
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            const capture = createTemporaryObject(mentorCapture, root)
            verify(capture !== null)
            return Array.from(capture.focus)
        }

        // The boxes checked on the form, as the standards they name ("focus.2.6" → "2.6").
        function checkedOn(form) {
            const out = []
            for (let i = 0; i < form.fields.length; ++i)
                if (form.fields[i].key.indexOf("focus.") === 0 && form.fields[i].value === "yes")
                    out.push(form.fields[i].key.substring(6))
            return out
        }

        function test_change_the_standards_of_focus() {
            tryVerify(() => !stack.busy)
            const formsPage = stack.currentItem
            const cases = formsPage.controller
            cases.reload()
            let focusForm = null
            for (let i = 0; i < cases.forms.length; ++i)
                if (cases.forms[i].title === "PAR Standards of Focus") focusForm = cases.forms[i]
            verify(focusForm, "the shared case's standards of focus")
            compare(focusForm.signedCount, 1)
            compare(focusForm.signerCount, 1, "the site administrator alone signs a referred teacher's standards of focus")
            verify(findChild(formsPage, "start-standards_of_focus-0") === null, "one standards of focus per case")

            const row = findChild(formsPage, "form-" + focusForm.formId)
            bringIntoView(row)
            mouseClick(row)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage")
            const page = stack.currentItem
            const form = page.controller
            tryVerify(() => form.loaded)
            compare(form.title, "PAR Standards of Focus")
            verify(form.canEdit, "the site administrator checks the standards")
            verify(!form.canSign, "signed already")
            compare(form.signatures.length, 1)
            const signedFocus = checkedOn(form)
            verify(signedFocus.length > 0)
            // In force on the mentor's tablet: the signed form's standards, in catalogue order.
            compare(mentorFocus(), signedFocus, "the mentor's capture uses the signed standards of focus")
            // Clovis's catalogue includes its own standard 7.
            verify(findChild(page, "field-focus.7") !== null, "Clovis's standard 7 may be chosen")

            // Uncheck one element, check another.
            verify(signedFocus.indexOf("2.7") >= 0 && signedFocus.indexOf("5.4") < 0, "the demo's standards: " + signedFocus.join(", "))
            const drop = findChild(page, "field-focus.2.7")
            bringIntoView(drop)
            mouseClick(drop)
            verify(!drop.checked)
            const add = findChild(page, "field-focus.5.4")
            bringIntoView(add)
            mouseClick(add)
            verify(add.checked)
            verify(form.dirty)
            verify(!form.canSign, "save before signing")
            const save = findChild(page, "formSaveButton")
            verify(save.enabled)
            mouseClick(save)
            tryVerify(() => !form.dirty, 5000, "saved: " + form.actionError)
            compare(form.savedText, "Saved")
            const expected = signedFocus.filter(s => s !== "2.7")
            expected.push("5.4")
            compare(checkedOn(form).sort(), expected.sort(), "the boxes as checked")

            // A new version: the earlier signature does not count for it, and the page says so.
            compare(form.signatures.length, 0)
            verify(form.signedEarlier.indexOf("site administrator") >= 0, form.signedEarlier)
            verify(form.canSign)
            compare(form.signStatement, "These are the standards on which this teacher will focus the work in PAR.")
            verify(TeacherHarness.syncAdministrator(), "the administrator's tablet syncs")
            compare(mentorFocus(), signedFocus, "an unsigned version decides nothing: the signed standards stay in force")

            const open = findChild(page, "formSignOpen")
            verify(open.visible)
            mouseClick(open)
            const dialog = findChild(page, "formSignDialog")
            tryVerify(() => dialog.opened)
            findChild(dialog, "formSignPassphrase").text = TeacherHarness.passphrase
            mouseClick(findChild(dialog, "formSignButton"))
            tryVerify(() => !dialog.visible, 10000, "signed: " + form.actionError)
            compare(form.signatures.length, 1)
            compare(form.signedEarlier, "")

            // Signed: the new standards are in force on the mentor's tablet once it syncs.
            verify(TeacherHarness.syncAdministrator(), "the administrator's tablet syncs")
            const now = mentorFocus()
            verify(now.indexOf("5.4") >= 0, "the element checked is in force: " + now.join(", "))
            verify(now.indexOf("2.7") < 0, "the element unchecked is not: " + now.join(", "))
            compare(now.length, signedFocus.length)
            stack.pop()
            tryVerify(() => !stack.busy && stack.currentItem === formsPage)
            cases.reload()
            let listed = null
            for (let k = 0; k < cases.forms.length; ++k)
                if (cases.forms[k].title === "PAR Standards of Focus") listed = cases.forms[k]
            compare(listed.signedCount, 1)
            compare(cases.forms.filter(f => f.title === "PAR Standards of Focus").length, 1, "still one form, in a new version")
        }
    }
}
