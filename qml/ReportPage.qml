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
            wrapMode: Text.WordWrap
            maximumLineCount: 2
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
        visible: report.canAcknowledge || report.canRecordDecline
        implicitHeight: visible ? footerRow.implicitHeight + Theme.gap * 2 : 0
        color: Theme.card
        Rectangle { width: parent.width; height: 1; color: Theme.line }
        RowLayout {
            id: footerRow
            anchors { fill: parent; margins: Theme.gap }
            Label {
                visible: !page.compact && report.canAcknowledge
                text: qsTr("Signing says you received this report, not that you agree with it.")
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                visible: !page.compact && report.canRecordDecline
                text: qsTr("If the teacher will not sign, record it with the date and a witness.")
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            PrimaryButton {
                objectName: "acknowledgeButton"
                visible: report.canAcknowledge
                text: qsTr("Acknowledge receipt…")
                Layout.fillWidth: page.compact
                onClicked: acknowledgeDialog.open()
            }
            WrapButton {
                objectName: "recordDeclineButton"
                visible: report.canRecordDecline
                text: qsTr("Record a refusal to sign…")
                Layout.fillWidth: page.compact
                onClicked: declineDialog.open()
            }
        }
    }

    AcknowledgeDialog {
        id: acknowledgeDialog
        controller: report
    }
    DeclineDialog {
        id: declineDialog
        controller: report
    }
    // Submitting is final: the response is signed and attached to this version for everyone who reads it.
    Dialog {
        id: submitDialog
        objectName: "submitResponseDialog"
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - Theme.margin * 2, 480)
        title: qsTr("Submit your response?")
        padding: Theme.margin
        ColumnLayout {
            width: parent.width
            spacing: Theme.gap
            Label {
                text: qsTr("Your response will be signed and attached to this version of the report, for everyone who reads it: your mentor, and in a referred case your site administrator and the panel. You cannot change it afterwards.")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                visible: report.actionError.length > 0
                text: report.actionError
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                Item { Layout.fillWidth: true }
                Button {
                    text: qsTr("Keep writing")
                    implicitHeight: Theme.touch
                    onClicked: submitDialog.close()
                }
                PrimaryButton {
                    objectName: "confirmSubmitResponse"
                    text: qsTr("Submit")
                    onClicked: {
                        draftSaver.stop()
                        if (report.saveResponseDraft(responseEditor.text) && report.submitResponse()) {
                            responseEditor.text = ""
                            draftSaver.stop()
                            submitDialog.close()
                        }
                    }
                }
            }
        }
    }
    // The site administrator's additional evidence (referred cases): signed, attached to this version for every reader.
    Dialog {
        id: evidenceDialog
        objectName: "addEvidenceDialog"
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - Theme.margin * 2, 560)
        title: qsTr("Add evidence to this report")
        padding: Theme.margin
        onOpened: {
            evidenceText.text = ""
            evidenceText.forceActiveFocus()
        }
        ColumnLayout {
            width: parent.width
            spacing: Theme.gap
            Label {
                text: qsTr("Where you see the teacher's practice differently, add what you observed. It is signed by you and attached to this version for the teacher, the mentor and the panel to read; it cannot be changed afterwards.")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            TextArea {
                id: evidenceText
                objectName: "evidenceText"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touch * 3
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("What you observed, when and where")
                Accessible.name: qsTr("Additional evidence")
            }
            Label {
                visible: report.actionError.length > 0
                text: report.actionError
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                Item { Layout.fillWidth: true }
                Button {
                    text: qsTr("Cancel")
                    implicitHeight: Theme.touch
                    onClicked: evidenceDialog.close()
                }
                PrimaryButton {
                    objectName: "confirmAddEvidence"
                    text: qsTr("Sign and attach")
                    enabled: evidenceText.text.trim().length > 0
                    onClicked: if (report.addEvidence(evidenceText.text)) evidenceDialog.close()
                }
            }
        }
    }
    // The draft is saved privately on this device as it is typed.
    Timer {
        id: draftSaver
        interval: 800
        onTriggered: report.saveResponseDraft(responseEditor.text)
    }

    Flickable {
        id: flick
        objectName: "reportFlick"
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
                        implicitHeight: Theme.touch
                        text: qsTr("Open the current version")
                        onClicked: page.openReport(report.currentVersionId)
                    }
                }
            }
            Label {
                objectName: "declinedNote"
                visible: report.declined.length > 0
                text: report.declined
                wrapMode: Text.WordWrap
                font.weight: Font.DemiBold
                Layout.fillWidth: true
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
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
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
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
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
                            Layout.alignment: Qt.AlignTop | Qt.AlignRight
                            Layout.topMargin: 4
                            text: qsTr("Focus")
                            color: Theme.focusTag
                            font.pixelSize: Theme.small
                            font.weight: Font.DemiBold
                        }
                    }
                    Label {
                        text: section.modelData.narrative.length > 0 ? section.modelData.narrative : qsTr("(no narrative for this standard)")
                        color: section.modelData.narrative.length > 0 ? Theme.ink : Theme.muted
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
                                // The photos the excerpt cites: they travel sealed with the report to its readers.
                                Flow {
                                    visible: excerpt.modelData.photos.length > 0
                                    spacing: 6
                                    Layout.fillWidth: true
                                    Repeater {
                                        model: excerpt.modelData.photos
                                        delegate: Rectangle {
                                            id: photo
                                            required property var modelData
                                            width: 120
                                            height: 90
                                            radius: 4
                                            color: Theme.page
                                            border.color: Theme.line
                                            Image {
                                                anchors.fill: parent
                                                visible: photo.modelData.held
                                                source: photo.modelData.held ? photo.modelData.source : ""
                                                sourceSize.width: 240
                                                sourceSize.height: 180
                                                fillMode: Image.PreserveAspectCrop
                                                asynchronous: true
                                                Accessible.role: Accessible.Graphic
                                                Accessible.name: qsTr("Photo evidence")
                                            }
                                            Label {
                                                visible: !photo.modelData.held
                                                anchors { fill: parent; margins: 6 }
                                                text: qsTr("Photo not on this device yet: it arrives with the next sync.")
                                                wrapMode: Text.WordWrap
                                                color: Theme.muted
                                                font.pixelSize: Theme.small
                                                verticalAlignment: Text.AlignVCenter
                                            }
                                        }
                                    }
                                }
                                Label {
                                    visible: excerpt.modelData.amended || excerpt.modelData.evidence.length > 0
                                    text: excerpt.modelData.amended && excerpt.modelData.evidence.length > 0 ? qsTr("Corrected after the observation") + " · " + excerpt.modelData.evidence
                                          : excerpt.modelData.amended ? qsTr("Corrected after the observation") : excerpt.modelData.evidence
                                    color: Theme.muted
                                    font.pixelSize: Theme.small
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                            }
                        }
                    }
                }
            }
            // The teacher's written response: submitted ones for every reader, the private draft for the teacher.
            Label {
                visible: report.responses.length > 0 || report.canRespond
                text: report.isTeacher ? qsTr("Your written response") : qsTr("The teacher's written response")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.topMargin: Theme.margin
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Repeater {
                model: report.responses
                delegate: Rectangle {
                    id: response
                    required property var modelData
                    Layout.fillWidth: true
                    radius: 6
                    color: Theme.card
                    border.color: Theme.line
                    implicitHeight: responseColumn.implicitHeight + Theme.margin * 2
                    ColumnLayout {
                        id: responseColumn
                        anchors { fill: parent; margins: Theme.margin }
                        spacing: 4
                        Label {
                            text: response.modelData.submitted
                            color: Theme.muted
                            font.pixelSize: Theme.small
                            Layout.fillWidth: true
                        }
                        Label {
                            text: response.modelData.text
                            wrapMode: Text.WordWrap
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                        }
                        Label {
                            text: response.modelData.standing
                            color: Theme.muted
                            font.pixelSize: Theme.small
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }
            Rectangle {
                visible: report.canRespond && report.responseStatus.length > 0
                Layout.fillWidth: true
                radius: 6
                color: report.responseAttention ? Theme.warnSoft : Theme.accentSoft
                implicitHeight: windowLabel.implicitHeight + Theme.gap * 2
                Label {
                    id: windowLabel
                    objectName: "responseWindow"
                    anchors { fill: parent; margins: Theme.gap }
                    text: report.responseStatus
                    color: report.responseAttention ? Theme.warn : Theme.ink
                    wrapMode: Text.WordWrap
                    Accessible.role: report.responseAttention ? Accessible.AlertMessage : Accessible.StaticText
                }
            }
            Label {
                visible: report.canRespond && report.responses.length === 0
                text: qsTr("Your draft stays on this device only, until you submit it.")
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            TextArea {
                id: responseEditor
                objectName: "responseEditor"
                visible: report.canRespond && report.responses.length === 0
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touch * 3
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("Write your response to this report…")
                Accessible.name: qsTr("Your written response")
                text: report.responseDraft
                background: Rectangle {
                    radius: 6
                    color: Theme.card
                    border.color: responseEditor.activeFocus ? Theme.accent : Theme.control
                }
                onTextChanged: if (activeFocus) draftSaver.restart()
            }
            Label {
                visible: report.canRespond && report.actionError.length > 0 && !submitDialog.visible
                text: report.actionError
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
            }
            RowLayout {
                visible: report.canRespond && report.responses.length === 0
                Layout.fillWidth: true
                spacing: Theme.gap
                Button {
                    objectName: "discardResponseDraft"
                    visible: report.responseDraft.length > 0
                    text: qsTr("Discard draft")
                    implicitHeight: Theme.touch
                    onClicked: {
                        draftSaver.stop()
                        responseEditor.text = ""
                        report.discardResponseDraft()
                    }
                }
                Item { Layout.fillWidth: true }
                PrimaryButton {
                    objectName: "submitResponseButton"
                    text: qsTr("Submit response…")
                    enabled: responseEditor.text.trim().length > 0
                    onClicked: submitDialog.open()
                }
            }
            // The site administrator's additional evidence.
            Label {
                visible: report.additionalEvidence.length > 0 || report.canAddEvidence
                text: qsTr("Site administrator's additional evidence")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.topMargin: Theme.margin
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Repeater {
                model: report.additionalEvidence
                delegate: Rectangle {
                    id: added
                    required property var modelData
                    Layout.fillWidth: true
                    radius: 6
                    color: Theme.card
                    border.color: Theme.line
                    implicitHeight: addedColumn.implicitHeight + Theme.margin * 2
                    ColumnLayout {
                        id: addedColumn
                        anchors { fill: parent; margins: Theme.margin }
                        spacing: 4
                        Label {
                            text: added.modelData.written
                            color: Theme.muted
                            font.pixelSize: Theme.small
                            Layout.fillWidth: true
                        }
                        Label {
                            text: added.modelData.text
                            wrapMode: Text.WordWrap
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                        }
                    }
                }
            }
            Button {
                objectName: "addEvidenceButton"
                visible: report.canAddEvidence
                text: qsTr("Add evidence…")
                implicitHeight: Theme.touch
                onClicked: evidenceDialog.open()
            }
            // The audit trail: each event signed by the device that made it, with the case store's time where held.
            Label {
                visible: report.trail.length > 0
                text: qsTr("History")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.topMargin: Theme.margin
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Repeater {
                model: report.trail
                delegate: ColumnLayout {
                    id: event
                    required property var modelData
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        text: event.modelData.what
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: event.modelData.when
                        color: Theme.muted
                        font.pixelSize: Theme.small
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }
}
