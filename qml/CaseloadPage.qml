import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The mentor's caseload: who, where, what to focus on and what is due next.
// `qmllint disable unqualified` below marks an id of this file used inside a delegate or Component: QML resolves it,
// but qmllint 6.4 only looks for ids in the component that declares them (Qt 6.5 adds `pragma ComponentBehavior: Bound`).
Page {
    id: page
    required property Session session
    property bool compact: false
    signal openCase(string caseId)
    signal openReports(string caseId, string teacherName, bool mayWrite)
    signal openForms(string caseId)

    background: Rectangle { color: Theme.page }

    CaseloadModel {
        id: caseload
        session: page.session
        active: page.StackView.status === StackView.Active
    }

    header: AppHeader {
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Layout.leftMargin: Theme.gap
                Label {
                    text: page.compact ? qsTr("Caseload") : qsTr("My caseload")
                    font.pixelSize: Theme.title
                    font.weight: Font.DemiBold
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: qsTr("%1 · %n participating teacher(s)", "", caseload.count).arg(page.session.ownerName)
                    color: Theme.muted
                    font.pixelSize: Theme.small
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
            }
            StatusBadge {
                session: page.session
                compact: page.compact
            }
            ToolButton {
                text: qsTr("Lock")
                Accessible.name: qsTr("Lock Triad")
                implicitHeight: Theme.touch
                onClicked: page.session.lock()
            }
    }

    // What the person must know about this device: settings changed while Triad was closed, or a stale directory.
    Rectangle {
        id: deviceWarning
        objectName: "deviceWarning"
        visible: page.session.deviceWarning.length > 0
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.margin / 2 }
        height: visible ? warningText.implicitHeight + Theme.gap * 2 : 0
        radius: 6
        color: Theme.warnSoft
        border.color: Theme.warn
        Accessible.role: Accessible.AlertMessage
        Accessible.name: page.session.deviceWarning
        Label {
            id: warningText
            anchors { fill: parent; margins: Theme.gap }
            text: page.session.deviceWarning
            color: Theme.warn
            wrapMode: Text.WordWrap
            verticalAlignment: Text.AlignVCenter
        }
    }

    GridView {
        id: grid
        objectName: "caseloadGrid"
        anchors.fill: parent
        anchors.topMargin: deviceWarning.visible ? deviceWarning.height + Theme.margin : Theme.margin / 2
        anchors.leftMargin: Theme.margin / 2
        anchors.rightMargin: Theme.margin / 2
        anchors.bottomMargin: Theme.margin / 2
        // Columns of at least 24 characters' width: three on a landscape tablet, one with 200 % text.
        readonly property int columns: Math.max(1, Math.min(3, Math.floor(width / (Theme.base * 24))))
        // Rows as tall as the tallest card at the current text size.
        property real tallest: 0
        cellWidth: width / columns
        cellHeight: Math.max(Theme.touch * 3, tallest)
        model: caseload
        clip: true
        reuseItems: true
        Accessible.name: qsTr("Caseload")
        delegate: CaseCard {
            width: (GridView.view as GridView).cellWidth
            height: (GridView.view as GridView).cellHeight
            onImplicitHeightChanged: grid.tallest = Math.max(grid.tallest, implicitHeight) // qmllint disable unqualified
            Component.onCompleted: grid.tallest = Math.max(grid.tallest, implicitHeight) // qmllint disable unqualified
            onOpen: page.openCase(caseId) // qmllint disable unqualified
            onOpenReports: page.openReports(caseId, teacherName, mayWrite) // qmllint disable unqualified
            onOpenForms: page.openForms(caseId) // qmllint disable unqualified
        }
        ScrollBar.vertical: ScrollBar {}
    }

    Label {
        anchors.centerIn: parent
        visible: caseload.count === 0
        width: parent.width * 0.8
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: Theme.muted
        text: caseload.errorText.length > 0 ? caseload.errorText
            : qsTr("No cases on this device yet. Your program office assigns cases; they arrive when the device syncs.")
    }
}
