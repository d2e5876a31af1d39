import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// One issued report: where it stands, the teacher's rights, the overall narrative, then a section per standard (the
// standards of focus first) with the mentor's narrative and the evidence excerpts, each with its note's time.
// The participating teacher acknowledges receipt from here.
Page {
    id: page
    objectName: "reportPage"
    required property Session session
    required property string reportId
    property bool compact: false
    readonly property ReportController controller: report
    signal back()
    signal openReport(string reportId)

    background: Rectangle { color: Theme.page }

    ReportController {
        id: report
        session: page.session
        reportId: page.reportId
    }

    header: AppHeader {
        ToolButton {
            text: "‹ " + qsTr("Back")
            Accessible.name: qsTr("Back")
            implicitHeight: Theme.touch
            onClicked: page.back()
        }
        Label {
            text: report.title
            font.pixelSize: page.compact ? Theme.large : Theme.title
            font.weight: Font.DemiBold
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        StatusBadge {
            session: page.session
            compact: true
            visible: !page.compact
        }
    }

    footer: Rectangle {
        visible: report.canAcknowledge
        implicitHeight: visible ? footerRow.implicitHeight + Theme.gap * 2 : 0
        color: Theme.card
        Rectangle { width: parent.width; height: 1; color: Theme.line }
        RowLayout {
            id: footerRow
            anchors { fill: parent; margins: Theme.gap }
            Label {
                visible: !page.compact
                text: qsTr("Signing says you received this report, not that you agree with it.")
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            PrimaryButton {
                objectName: "acknowledgeButton"
                text: qsTr("Acknowledge receipt…")
                Layout.fillWidth: page.compact
                onClicked: acknowledgeDialog.open()
            }
        }
    }

    AcknowledgeDialog {
        id: acknowledgeDialog
        controller: report
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + Theme.margin * 2
        clip: true
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            width: Math.min(flick.width - Theme.margin * 2, 860)
            x: (flick.width - width) / 2
            y: Theme.margin
            spacing: Theme.gap

            Label {
                visible: report.errorText.length > 0
                text: report.errorText
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                text: report.subtitle
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            // Where it stands: the version and the signature.
            Rectangle {
                Layout.fillWidth: true
                radius: Theme.radius
                color: report.currentVersionId.length > 0 || (report.isTeacher && report.canAcknowledge) ? Theme.warnSoft : Theme.focusTagSoft
                implicitHeight: standing.implicitHeight + Theme.margin * 2
                ColumnLayout {
                    id: standing
                    anchors { fill: parent; margins: Theme.margin }
                    spacing: 4
                    Label {
                        objectName: "reportStatus"
                        text: report.status
                        font.weight: Font.DemiBold
                        font.pixelSize: Theme.large
                        color: report.currentVersionId.length > 0 || report.canAcknowledge ? Theme.warn : Theme.focusTag
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: report.versionText
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Button {
                        visible: report.currentVersionId.length > 0
                        text: qsTr("Open the current version")
                        onClicked: page.openReport(report.currentVersionId)
                    }
                }
            }
            // The teacher's rights, where they apply.
            Rectangle {
                visible: report.rights.length > 0
                Layout.fillWidth: true
                radius: Theme.radius
                color: Theme.card
                border.color: Theme.line
                implicitHeight: rightsColumn.implicitHeight + Theme.margin * 2
                ColumnLayout {
                    id: rightsColumn
                    anchors { fill: parent; margins: Theme.margin }
                    spacing: 6
                    Label {
                        text: qsTr("Your rights")
                        font.weight: Font.DemiBold
                    }
                    Repeater {
                        model: report.rights
                        delegate: Label {
                            required property string modelData
                            text: "• " + modelData
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }
            Label {
                text: qsTr("Summary")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.topMargin: Theme.gap
            }
            Label {
                text: report.narrative.length > 0 ? report.narrative : qsTr("(no summary)")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                textFormat: Text.PlainText
            }
            Repeater {
                model: report.sections
                delegate: ColumnLayout {
                    id: section
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.gap
                    spacing: 6
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: section.modelData.title
                            font.pixelSize: Theme.large
                            font.weight: Font.DemiBold
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        Label {
                            visible: section.modelData.focus
                            text: qsTr("Focus")
                            color: Theme.focusTag
                            font.pixelSize: Theme.small
                            font.weight: Font.DemiBold
                        }
                    }
                    Label {
                        text: section.modelData.narrative.length > 0 ? section.modelData.narrative : qsTr("(no narrative for this standard)")
                        color: section.modelData.narrative.length > 0 ? "black" : Theme.muted
                        wrapMode: Text.WordWrap
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                    }
                    Repeater {
                        model: section.modelData.excerpts
                        delegate: Rectangle {
                            id: excerpt
                            required property var modelData
                            Layout.fillWidth: true
                            radius: 6
                            color: Theme.card
                            border.color: Theme.line
                            implicitHeight: excerptColumn.implicitHeight + Theme.gap * 2
                            ColumnLayout {
                                id: excerptColumn
                                anchors { fill: parent; margins: Theme.gap }
                                spacing: 2
                                Label {
                                    text: excerpt.modelData.time + (excerpt.modelData.tags.length > 0 ? "  ·  " + excerpt.modelData.tags : "")
                                    color: Theme.muted
                                    font.pixelSize: Theme.small
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                                Label {
                                    text: excerpt.modelData.text
                                    wrapMode: Text.WordWrap
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                }
                                Label {
                                    visible: excerpt.modelData.amended || excerpt.modelData.evidence.length > 0
                                    text: excerpt.modelData.amended && excerpt.modelData.evidence.length > 0 ? qsTr("Corrected after the observation") + " · " + excerpt.modelData.evidence
                                          : excerpt.modelData.amended ? qsTr("Corrected after the observation") : excerpt.modelData.evidence
                                    color: Theme.muted
                                    font.pixelSize: Theme.small
                                    Layout.fillWidth: true
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
