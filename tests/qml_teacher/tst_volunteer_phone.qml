import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// A volunteer's own participation on the phone (390×844), seeds 002 11.3.4 and 004: the mentor opens a volunteer case
// under seed 004's contract; the teacher opens it from the home, reads that nothing is shared, gives consent (the site
// administrator may read the reports), withdraws it, and ends participation through the confirmation dialog. The
// phone shows the case ended and offers nothing more; the mentor's tablet, synced, holds it withdrawn.
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
        }
    }

    TestCase {
        name: "VolunteerPhone"
        when: windowShown

        // Scrolls the pane holding `item` until the whole item is in the pane's view, as a person would.
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

        function tap(item) {
            bringIntoView(item)
            mouseClick(item)
        }

        // The home's "My forms and deadlines" button of the case at `school`.
        function formsButtonOf(school) {
            const found = []
            const walk = item => {
                if (item.objectName === "myFormsButton" && item.text.indexOf(school) >= 0)
                    found.push(item)
                for (let i = 0; i < item.children.length; ++i)
                    walk(item.children[i])
            }
            walk(stack.currentItem)
            return found.length > 0 ? found[0] : null
        }

        function test_volunteer_gives_consent_withdraws_it_and_ends_participation() {
            const caseId = TeacherHarness.mentorOpensVolunteerCase()
            verify(caseId.length > 0, "the mentor opened a volunteer case and both devices synced")
            tryVerify(() => !stack.busy)
            let open = null
            tryVerify(() => (open = formsButtonOf("Riverside Elementary")) !== null, 5000, "the home lists the volunteer case")
            const at = open.mapToItem(root, 0, 0)
            verify(at.y >= 0 && at.y + open.height <= root.height, "the case's button is on the home's first screen")
            mouseClick(open)
            tryVerify(() => !stack.busy && stack.currentItem.objectName === "caseFormsPage")
            const page = stack.currentItem
            const forms = page.controller
            compare(forms.caseId, caseId)

            // Nothing is shared until the teacher says so, and the page says it.
            const section = findChild(page, "participationSection")
            verify(section.visible, "the volunteer's own participation is on the phone")
            verify(!forms.consentInForce)
            const consent = findChild(page, "consentText")
            verify(consent.text.indexOf("stays between you") >= 0, consent.text)
            verify(!findChild(page, "portfolioHeading").visible, "no portfolio for the panel: it never sees this case")

            // Consent with no reader chosen is refused with the reason, and nothing is given.
            tap(findChild(page, "consentDocument-report"))
            tap(findChild(page, "grantConsentButton"))
            verify(!forms.consentInForce)
            verify(forms.errorText.indexOf("Choose") >= 0, forms.errorText)

            // The site administrator may read the reports.
            tap(findChild(page, "consentReader-site_administrator"))
            tap(findChild(page, "grantConsentButton"))
            tryVerify(() => forms.consentInForce, 5000, "consent given")
            verify(consent.text.indexOf("site administrator") >= 0, consent.text)
            const withdraw = findChild(page, "revokeConsentButton")
            verify(withdraw.visible, "consent in force can be withdrawn")
            tap(withdraw)
            tryVerify(() => !forms.consentInForce, 5000, "consent withdrawn")
            verify(!withdraw.visible)

            // Ending participation asks first; Cancel changes nothing.
            const end = findChild(page, "endParticipationButton")
            const dialog = findChild(page, "endParticipationDialog")
            tap(end)
            tryVerify(() => dialog.opened)
            dialog.reject()
            tryVerify(() => !dialog.visible)
            verify(forms.isConfidentialTeacher, "still participating after Cancel")
            verify(forms.subtitle.indexOf("withdrawn") < 0, forms.subtitle)

            tap(end)
            tryVerify(() => dialog.opened)
            dialog.accept()
            tryVerify(() => forms.subtitle.indexOf("withdrawn") >= 0, 5000, "the case reads withdrawn: " + forms.subtitle)
            verify(!section.visible, "nothing more to give or end")
            compare(forms.deadlines.length, 0, "nothing runs after the end")
            compare(forms.startable.length, 0, "and no form is started any more")

            // The phone syncs; the mentor's tablet learns it at its next sync.
            verify(TeacherHarness.syncTeacher(), "the phone synced")
            compare(TeacherHarness.mentorSeesCaseStatus(caseId), "withdrawn")
        }
    }
}
