import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal
import QtQuick.Layouts
import Triad.Models

// The window: unlock, then the caseload, then a live observation. The session comes from main.cpp.
ApplicationWindow {
    id: window
    required property Session session
    required property EvidenceController evidence
    // A layout breakpoint, not a rule: phones get a single column.
    readonly property bool compact: width < 700

    width: 1180
    height: 820
    visible: true
    title: qsTr("Triad — PAR observation notes")
    color: Theme.page
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
            session: window.session
        }
    }
    Component {
        id: caseloadComponent
        CaseloadPage {
            session: window.session
            compact: window.compact
            onOpenCase: caseId => stack.push(observationComponent, { caseId: caseId })
        }
    }
    Component {
        id: observationComponent
        ObservationPage {
            session: window.session
            evidence: window.evidence
            compact: window.compact
            onBack: stack.pop()
        }
    }

    Connections {
        target: window.session
        function onUnlockedChanged() {
            if (window.session.unlocked)
                stack.replace(null, caseloadComponent)
            else
                stack.replace(null, unlockComponent)
        }
    }

    // For the screenshot command and tests: open a case's observation page directly.
    function openCase(caseId) {
        stack.push(observationComponent, { caseId: caseId })
        return stack.currentItem
    }
    function currentPage() { return stack.currentItem }
}
