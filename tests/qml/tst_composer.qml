import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// The mentor composes a report on the tablet: the draft is built from the case's tagged notes (standards of focus
// first), the narratives are typed and saved as they are written, and issuing makes version 1 in the store.
Item {
    id: root
    width: 1180
    height: 820
    visible: true

    ReportComposerPage {
        id: page
        anchors.fill: parent
        session: TestHarness.session
        caseId: TestHarness.idleCaseId
    }

    SignalSpy {
        id: issuedSpy
        target: page
        signalName: "issued"
    }

    TestCase {
        name: "ReportComposer"
        when: windowShown

        function typeInto(field, text) {
            mouseClick(field)
            field.forceActiveFocus()
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        function test_compose_write_issue() {
            const before = TestHarness.issuedReports(TestHarness.idleCaseId).length
            tryVerify(() => page.composer.hasDraft, 5000, "the draft is composed when the page opens")
            const sections = page.composer.sections
            verify(sections.length > 0, "sections from the tagged notes")
            verify(sections[0].focus, "a standard of focus comes first")
            verify(sections[0].excerptCount > 0, "with its evidence excerpts")

            // The overall narrative, then the first section's: each saved when the field is left.
            const overall = findChild(page, "overallNarrative")
            verify(overall)
            typeInto(overall, "Routines took hold.")
            const first = findChild(page, "sectionNarrative-" + sections[0].standard)
            verify(first, "a narrative field per standard")
            typeInto(first, "Warm-up ready.")
            tryCompare(page.composer, "narrative", "Routines took hold.")
            overall.forceActiveFocus() // leaves the section's field: saved
            tryVerify(() => page.composer.sections[0].narrative === "Warm-up ready.")

            // Issue, confirmed in the dialog.
            mouseClick(findChild(page, "issueButton"))
            const dialog = findChild(page, "issueDialog")
            tryVerify(() => dialog.opened)
            dialog.accept()
            issuedSpy.wait(5000)
            compare(page.composer.actionError, "")
            verify(!page.composer.hasDraft, "issuing ends the draft")
            const after = TestHarness.issuedReports(TestHarness.idleCaseId)
            compare(after.length, before + 1, "one version more in the store")
            const issued = after.filter(r => r.narrative === "Routines took hold.")
            compare(issued.length, 1)
            verify(issued[0].current)
        }
    }
}
