import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// A meeting log written by the PAR mentor on the mentor's tablet (1180×820): the post-observation conference of the
// newest observation of the shared case, which the forms page flags as having none. A plain mentor–teacher meeting
// naming an observation is refused with its sentence and nothing is saved; as a post-observation conference it is
// saved, signed by the mentor (its writer), and the observation is no longer flagged. The teacher's phone, synced,
// lists the mentor's log signed and shows its observation as one the mentor holds.
Item {
    id: root
    width: 1180
    height: 820
    visible: true

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: CaseFormsPage {
            session: TeacherHarness.mentorSession
            caseId: TeacherHarness.caseId
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
        id: phoneForms
        CaseFormsController {
            session: TeacherHarness.session
            caseId: TeacherHarness.caseId
        }
    }
    Component {
        id: phoneForm
        FormController {
            session: TeacherHarness.session
            caseId: TeacherHarness.caseId
        }
    }

    TestCase {
        name: "MentorMeetingLog"
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

        function conferenceOf(controller, observationId) {
            const c = controller.conferences
            for (let i = 0; i < c.length; ++i)
                if (c[i].observationId === observationId) return c[i]
            return null
        }

        function test_post_observation_conference() {
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            tryVerify(() => !stack.busy)
            const formsPage = stack.currentItem
            const cases = formsPage.controller
            cases.reload()
            tryVerify(() => cases.conferences.length >= 2, 5000, "the observations of the shared case with their conferences: " + cases.errorText)
            let flagged = null
            for (let i = 0; i < cases.conferences.length; ++i)
                if (cases.conferences[i].postMissing) flagged = cases.conferences[i]
            verify(flagged, "an observation without its post-observation conference")
            const card = findChild(formsPage, "conference-" + flagged.observationId)
            verify(card && card.visible, "listed on the forms page")
            const logsBefore = cases.forms.length

            const start = findChild(formsPage, "start-meeting_log-0")
            verify(start && start.visible, "the mentor may log a meeting")
            bringIntoView(start)
            mouseClick(start)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "formPage", 5000, "the log opens")
            const page = stack.currentItem
            const form = page.controller
            tryVerify(() => form.loaded)
            compare(form.title, "Meeting Log")
            verify(form.canEdit)
            verify(form.directions.indexOf("once each week") >= 0, "Clovis's weekly minimum: " + form.directions)
            // Required before anyone signs: the date, the kind of meeting, the work done.
            compare(form.missing.length, 3, form.missing.join("; "))

            typeInto(visibleNamed(page, "field-date"), TeacherHarness.districtToday())
                        typeInto(visibleNamed(page, "field-minutes"), "30")
            typeInto(visibleNamed(page, "field-work"), "Went through the notes of the visit together.")
            const plain = findChild(page, "choice-kind-meeting")
            bringIntoView(plain)
            mouseClick(plain)
            verify(plain.checked)
            // The observation is chosen from the mentor's own, never typed.
            const observation = findChild(page, "choice-observation-" + flagged.observationId)
            verify(observation, "the case's observations to choose from")
            bringIntoView(observation)
            mouseClick(observation)
            verify(observation.checked)
            verify(form.dirty)

            // A plain meeting does not name an observation: refused with the sentence, nothing saved.
            const save = findChild(page, "formSaveButton")
            verify(save.enabled)
            mouseClick(save)
            tryVerify(() => form.actionError.length > 0, 5000, "refused")
            compare(form.actionError, "Only a pre- or post-observation conference names an observation: choose the conference, or leave the observation empty.")
            compare(findChild(page, "formActionError").text, form.actionError, "shown on the page")
            compare(form.formId, "", "nothing was saved")

            const post = findChild(page, "choice-kind-post_conference")
            bringIntoView(post)
            mouseClick(post)
            verify(post.checked)
            mouseClick(save)
            tryVerify(() => form.formId.length > 0, 5000, "saved: " + form.actionError)
            compare(form.actionError, "")
            compare(form.missing.length, 0, form.missing.join("; "))
            compare(form.signatures.length, 0)
            compare(form.pending.length, 1, "its writer signs it")
            compare(form.signStatement, "This log records our meeting.")

            const open = findChild(page, "formSignOpen")
            verify(open.visible)
            mouseClick(open)
            const dialog = findChild(page, "formSignDialog")
            tryVerify(() => dialog.opened)
            findChild(dialog, "formSignPassphrase").text = TeacherHarness.passphrase
            mouseClick(findChild(dialog, "formSignButton"))
            tryVerify(() => !dialog.visible, 10000, "signed: " + form.actionError)
            compare(form.signatures.length, 1)
            compare(form.pending.length, 0)
            const logId = form.formId

            // The observation has its post-observation conference now.
            stack.pop()
            tryVerify(() => !stack.busy && stack.currentItem === formsPage)
            cases.reload()
            compare(cases.forms.length, logsBefore + 1)
            // The logs come after the other forms, newest first, under one heading that counts them.
            let firstLog = -1, logs = 0
            for (let k = 0; k < cases.forms.length; ++k) {
                if (cases.forms[k].kind !== "meeting_log") {
                    verify(firstLog < 0, "no form after the logs: " + cases.forms[k].title)
                    continue
                }
                if (firstLog < 0) firstLog = k
                ++logs
            }
            verify(firstLog >= 0)
            compare(cases.forms[firstLog].logsHeading, "Meeting logs (" + logs + ")")
            const heading = findChild(formsPage, "logsHeading")
            verify(heading, "the heading is on the page")
            const now = conferenceOf(cases, flagged.observationId)
            verify(now, "still listed")
            verify(!now.postMissing, "no longer flagged: " + now.summary)

            // The teacher's phone, synced, lists the mentor's log, signed, with its observation as the mentor's.
            verify(TeacherHarness.syncMentor(), "the mentor's tablet syncs")
            verify(TeacherHarness.syncTeacher(), "the phone syncs")
            const phone = createTemporaryObject(phoneForms, root)
            phone.reload()
            let onPhone = null
            for (let k = 0; k < phone.forms.length; ++k)
                if (phone.forms[k].formId === logId) onPhone = phone.forms[k]
            verify(onPhone, "the log reached the phone: " + phone.errorText)
            compare(onPhone.signedCount, 1)
            compare(phone.conferences.length, 0, "the phone holds no observation of the mentor's")
            const read = createTemporaryObject(phoneForm, root, { kind: "meeting_log", formId: logId })
            tryVerify(() => read.loaded)
            compare(read.signatures.length, 1)
            let linked = null
            for (let f = 0; f < read.fields.length; ++f)
                if (read.fields[f].key === "observation") linked = read.fields[f]
            verify(linked, "the conference's observation is shown on the phone")
            compare(linked.value, flagged.observationId)
            let label = ""
            for (let c = 0; c < linked.choices.length; ++c)
                if (linked.choices[c].value === flagged.observationId) label = linked.choices[c].label
            compare(label, "An observation of the case (held by the PAR mentor)")
        }
    }
}
