import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The program page on the demo's director of induction's tablet (1180×820): the referrals waiting for a consulting
// teacher in the district's service order (seed 002 puts a referred teacher before an intern who asked earlier), every
// referred case across the sites, the consulting teachers' hours; the director assigns a consulting teacher to the
// first waiting referral and the case moves to the cases across the sites with its consulting teacher.
Item {
    id: root
    width: 1180
    height: 820
    visible: true

    ProgramPage {
        id: page
        anchors.fill: parent
        session: TeacherHarness.directorSession
    }

    TestCase {
        name: "ProgramPage"
        when: windowShown

        function district(policyId) {
            const d = page.controller.districts
            for (let i = 0; i < d.length; ++i)
                if (d[i].policyId === policyId) return d[i]
            return null
        }

        function test_1_service_order_and_cases() {
            verify(page.controller.available, "the director of induction has the program page")
            verify(page.controller.canAssign)
            const d002 = district("district-002")
            verify(d002 !== null, "the seed 002 referrals are shown")
            compare(d002.waiting.length, 2)
            compare(d002.waiting[0].kind, "Referred", "11.1.2 a before c, though the intern asked earlier")
            verify(d002.waiting[0].reason.indexOf("11.1.2 a") >= 0)
            verify(d002.waiting[1].reason.indexOf("11.1.2 c") >= 0)
            const clovis = district("clovis-unified")
            verify(clovis !== null)
            verify(clovis.cases.length >= 2, "the referred demo cases across the sites")
            const d004 = district("district-004")
            verify(d004 !== null && d004.cases.length >= 1, "seed 004's extended case")
            compare(clovis.waiting.length, 1)
            verify(clovis.waiting[0].reason.indexOf("no priority order") >= 0)
            verify(clovis.consultingTeachers.length >= 1)
            // Every button on the page has a name a screen reader reads.
            const buttons = []
            function collect(item) {
                for (let i = 0; i < item.children.length; ++i) {
                    const c = item.children[i]
                    if (c instanceof Button && c.visible) buttons.push(c)
                    collect(c)
                }
            }
            collect(page)
            verify(buttons.length >= 5)
            for (const b of buttons) {
                verify(b.Accessible.name.length > 0 || b.text.length > 0, "a button without a name")
                verify(b.height >= 44, "a touch target under 44 px: " + b.text)
            }
        }

        function test_2_assign_first_waiting() {
            const waitingId = district("district-002").waiting[0].caseId
            const card = findChild(page, "waiting-" + waitingId)
            verify(card !== null)
            const assign = findChild(card, "assignButton")
            verify(assign !== null && assign.visible)
            const flick = findChild(page, "programFlick")
            const y = card.mapToItem(flick.contentItem, 0, 0).y
            flick.contentY = Math.max(0, Math.min(y - 40, flick.contentHeight - flick.height))
            wait(50)
            mouseClick(assign)
            const dialog = findChild(page, "assignDialog")
            tryVerify(() => dialog.opened)
            const choice = findChild(dialog, "mentorChoice")
            verify(choice.currentIndex >= 0, "a consulting teacher is proposed")
            const mentorName = choice.currentText
            dialog.accept()
            tryVerify(() => district("district-002").waiting.length === 1, 5000, "the referral left the waiting list")
            const cases = district("district-002").cases
            let found = null
            for (let i = 0; i < cases.length; ++i)
                if (cases[i].caseId === waitingId) found = cases[i]
            verify(found !== null, "the case is among the cases across the sites")
            compare(found.mentor, mentorName)
            compare(page.controller.errorText, "")
        }

        // Program staff's home names the program's cases, not "my sites" (they have none).
        function test_3_home_title() {
            const home = createTemporaryObject(homeComponent, root)
            verify(home !== null)
            function titles() {
                const out = []
                function collect(item) {
                    for (let i = 0; i < item.children.length; ++i) {
                        const c = item.children[i]
                        if (c instanceof Label) out.push(c.text)
                        collect(c)
                    }
                }
                collect(home.header)
                return out
            }
            tryVerify(function() { return titles().indexOf("PAR cases") >= 0 }, 5000, titles().join(" | "))
            verify(titles().indexOf("Cases at my sites") < 0)
        }
    }

    Component {
        id: homeComponent
        SiteCasesPage {
            width: 1180
            height: 820
            session: TeacherHarness.directorSession
        }
    }
}
