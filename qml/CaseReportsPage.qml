import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The mentor's view of one case's reports: each report's current version and where it stands, and the composer.
Page {
    id: page
    objectName: "caseReportsPage"
    required property Session session
    required property string caseId
    property string teacherName
    property bool mayWrite: false // the case's current PAR mentor: may compose
    property bool compact: false
    signal back()
    signal openReport(string reportId)
    signal compose(string caseId)

    background: Rectangle { color: Theme.page }

    ReportListModel {
        id: reports
        session: page.session
        caseId: page.caseId
        active: page.StackView.status === StackView.Active
    }

    header: AppHeader {
        ToolButton {
            text: "‹ " + qsTr("Caseload")
            Accessible.name: qsTr("Back to the caseload")
            implicitHeight: Theme.touch
            onClicked: page.back()
        }
        Label {
            text: qsTr("Reports — %1").arg(page.teacherName)
            font.pixelSize: page.compact ? Theme.large : Theme.title
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        PrimaryButton {
            objectName: "composeButton"
            visible: page.mayWrite
            text: page.compact ? qsTr("Compose") : qsTr("Compose a report")
            onClicked: page.compose(page.caseId)
        }
    }

    ListView {
        anchors { top: parent.top; bottom: parent.bottom; horizontalCenter: parent.horizontalCenter; topMargin: Theme.margin }
        width: Math.min(parent.width - Theme.margin * 2, 860)
        spacing: Theme.gap
        clip: true
        model: reports
        delegate: ReportRow {
            width: ListView.view.width
            onOpenReport: id => page.openReport(id) // qmllint disable unqualified
        }
        ScrollBar.vertical: ScrollBar {}
    }
    Label {
        anchors.centerIn: parent
        visible: reports.count === 0
        width: parent.width * 0.8
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: Theme.muted
        text: reports.errorText.length > 0 ? reports.errorText
            : page.mayWrite ? qsTr("No report issued yet. Compose one from this case's tagged notes.") : qsTr("No report you may read yet.")
    }
}
