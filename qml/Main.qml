import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal
import Triad.Models

// The window: unlock, then the caseload, then a live observation. The session comes from main.cpp.
// `qmllint disable unqualified` below marks an id of this file used inside a delegate or Component: QML resolves it,
// but qmllint 6.4 only looks for ids in the component that declares them (Qt 6.5 adds `pragma ComponentBehavior: Bound`).
ApplicationWindow {
    id: window
    required property Session session
    required property EvidenceController evidence
    // The language shown and the person's choice of it (main.cpp; none in tests that build the window without it).
    property Language language: null
    // A layout breakpoint, not a rule: phones get a single column.
    readonly property bool compact: width < 700

    width: 1180
    height: 820
    visible: true
    title: qsTr("Triad — Peer Assistance and Review")
    color: Theme.page
    // Every control's text follows the platform's text size (and TRIAD_TEXT_SCALE), through Theme.
    font.pixelSize: Theme.body
    Universal.theme: Universal.Light
    Universal.accent: Theme.accent

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: unlockComponent
    }

    Component {
        id: unlockComponent
        UnlockPage {
            session: window.session // qmllint disable unqualified
            language: window.language // qmllint disable unqualified
        }
    }
    Component {
        id: caseloadComponent
        CaseloadPage {
            session: window.session // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onOpenCase: caseId => stack.push(observationComponent, { caseId: caseId }) // qmllint disable unqualified
            onOpenReports: (caseId, teacherName, mayWrite) => window.openCaseReports(caseId, teacherName, mayWrite) // qmllint disable unqualified
            onOpenForms: caseId => window.openCaseForms(caseId) // qmllint disable unqualified
        }
    }
    Component {
        id: myReportsComponent
        MyReportsPage {
            session: window.session // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onOpenReport: id => window.openReport(id) // qmllint disable unqualified
            onOpenForms: caseId => window.openCaseForms(caseId) // qmllint disable unqualified
        }
    }
    Component {
        id: siteCasesComponent
        SiteCasesPage {
            session: window.session // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onOpenReport: id => window.openReport(id) // qmllint disable unqualified
            onOpenForms: caseId => window.openCaseForms(caseId) // qmllint disable unqualified
            onOpenProgram: window.openProgram() // qmllint disable unqualified
            onOpenForm: (caseId, kind) => window.openForm(caseId, "", kind, 0) // qmllint disable unqualified
        }
    }
    Component {
        id: programComponent
        ProgramPage {
            session: window.session // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onBack: stack.pop() // qmllint disable unqualified
            onOpenForms: caseId => window.openCaseForms(caseId) // qmllint disable unqualified
        }
    }
    Component {
        id: caseReportsComponent
        CaseReportsPage {
            session: window.session // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onBack: stack.pop() // qmllint disable unqualified
            onOpenReport: id => window.openReport(id) // qmllint disable unqualified
            onCompose: caseId => window.openComposer(caseId) // qmllint disable unqualified
        }
    }
    Component {
        id: composerComponent
        ReportComposerPage {
            session: window.session // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onBack: stack.pop() // qmllint disable unqualified
            onIssued: id => stack.replace(stack.currentItem, reportComponent, { reportId: id }) // qmllint disable unqualified
        }
    }
    Component {
        id: reportComponent
        ReportPage {
            session: window.session // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onBack: stack.pop() // qmllint disable unqualified
            onOpenReport: id => stack.replace(stack.currentItem, reportComponent, { reportId: id }) // qmllint disable unqualified
        }
    }
    Component {
        id: caseFormsComponent
        CaseFormsPage {
            session: window.session // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onBack: stack.pop() // qmllint disable unqualified
            onOpenForm: (caseId, formId, kind, meeting) => window.openForm(caseId, formId, kind, meeting) // qmllint disable unqualified
        }
    }
    Component {
        id: formComponent
        FormPage {
            session: window.session // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onBack: stack.pop() // qmllint disable unqualified
        }
    }
    Component {
        id: observationComponent
        ObservationPage {
            session: window.session // qmllint disable unqualified
            evidence: window.evidence // qmllint disable unqualified
            compact: window.compact // qmllint disable unqualified
            onBack: stack.pop() // qmllint disable unqualified
        }
    }

    Connections {
        target: window.session
        function onUnlockedChanged() {
            if (window.session.unlocked)
                stack.replace(null, window.homeComponent())
            else
                stack.replace(null, unlockComponent)
        }
    }

    // The home the session's rules choose (Session.home): the mentor's caseload, the teacher's reports, the site
    // administrator's cases.
    function homeComponent() {
        if (session.home === "my_reports")
            return myReportsComponent
        if (session.home === "site_cases")
            return siteCasesComponent
        return caseloadComponent
    }
    function openCaseReports(caseId, teacherName, mayWrite) {
        stack.push(caseReportsComponent, { caseId: caseId, teacherName: teacherName, mayWrite: mayWrite })
        return stack.currentItem
    }
    function openComposer(caseId) {
        stack.push(composerComponent, { caseId: caseId })
        return stack.currentItem
    }
    // A case's forms and deadlines; one form (held: formId; new: kind and meeting).
    function openCaseForms(caseId) {
        stack.push(caseFormsComponent, { caseId: caseId })
        return stack.currentItem
    }
    function openForm(caseId, formId, kind, meeting) {
        stack.push(formComponent, { caseId: caseId, formId: formId, kind: kind.length > 0 ? kind : "referral", meeting: meeting })
        return stack.currentItem
    }
    function openProgram() {
        stack.push(programComponent)
        return stack.currentItem
    }
    function openReport(reportId) {
        stack.push(reportComponent, { reportId: reportId })
        return stack.currentItem
    }

    // For the screenshot command and tests: open a case's observation page directly.
    function openCase(caseId) {
        stack.push(observationComponent, { caseId: caseId })
        return stack.currentItem
    }
    function currentPage() { return stack.currentItem }
    // For the screenshot command and tests: pages change at once. Offscreen, a page's slide advances only as frames
    // are drawn, so a grab could catch two pages half-way.
    function changePagesAtOnce() {
        stack.pushEnter = null
        stack.pushExit = null
        stack.popEnter = null
        stack.popExit = null
        stack.replaceEnter = null
        stack.replaceExit = null
    }
    function popPage() { stack.pop() }
}
