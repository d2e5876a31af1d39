import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// The report composer (mentor, tablet): the draft built from the case's tagged notes, a narrative per standard and an
// overall one, saved on this device as they are written; "Issue" makes the next version, which never changes.
Page {
    id: page
    objectName: "reportComposerPage"
    required property Session session
    required property string caseId
    property bool compact: false
    readonly property ReportComposer composer: composerModel
    signal back()
    signal issued(string reportId)

    background: Rectangle { color: Theme.page }

    ReportComposer {
        id: composerModel
        session: page.session
        caseId: page.caseId
        onIssued: id => page.issued(id)
    }
    Component.onCompleted: if (!composerModel.hasDraft) composerModel.compose()

    header: AppHeader {
        ToolButton {
            text: "‹ " + qsTr("Back")
            Accessible.name: qsTr("Back; the draft stays on this device")
            implicitHeight: Theme.touch
            onClicked: page.back()
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                text: composerModel.heading
                font.pixelSize: page.compact ? Theme.large : Theme.title
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: composerModel.periodText + (composerModel.evidenceText.length > 0 ? " · " + composerModel.evidenceText : "")
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        Button {
            text: qsTr("Compose again")
            visible: !page.compact
            implicitHeight: Theme.touch
            Accessible.description: qsTr("Rebuilds the evidence from the notes, keeping the narratives written")
            onClicked: composerModel.compose()
        }
        PrimaryButton {
            objectName: "issueButton"
            text: qsTr("Issue…")
            enabled: composerModel.hasDraft
            onClicked: issueDialog.open()
        }
    }

    Dialog {
        id: issueDialog
        objectName: "issueDialog"
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - Theme.margin * 2, 520)
        title: qsTr("Issue this report?")
        standardButtons: Dialog.Cancel | Dialog.Ok
        footer: DialogButtons {}
        Label {
            width: parent.width
            wrapMode: Text.WordWrap
            text: qsTr("Once issued, this version never changes: it is sealed to its readers and sent to the teacher at the next sync. A correction is a new version that visibly replaces it.")
        }
        onAccepted: composerModel.issue()
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + Theme.margin * 2
        clip: true
        ScrollBar.vertical: ScrollBar {}
        ColumnLayout {
            id: column
            width: Math.min(flick.width - Theme.margin * 2, 900)
            x: (flick.width - width) / 2
            y: Theme.margin
            spacing: Theme.gap
            Label {
                objectName: "composerError"
                visible: text.length > 0
                text: composerModel.errorText.length > 0 ? composerModel.errorText : composerModel.actionError
                color: composerModel.errorText.length > 0 ? Theme.danger : Theme.warn
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Overall narrative")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            TextArea {
                objectName: "overallNarrative"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touch * 2
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("What the period showed, across the standards (required to issue)")
                text: composerModel.narrative
                Accessible.name: qsTr("Overall narrative")
                onEditingFinished: if (text !== composerModel.narrative) composerModel.setNarrative("", text)
            }
            Repeater {
                model: composerModel.sections
                delegate: ColumnLayout {
                    id: section
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.gap
                    spacing: 6
                    // The standard, and its focus and excerpts beside it, or under it on a phone or with large text.
                    GridLayout {
                        columns: page.compact || Theme.base > 18 ? 1 : 2 // qmllint disable unqualified
                        Layout.fillWidth: true
                        Label {
                            text: section.modelData.title
                            font.pixelSize: Theme.large
                            font.weight: Font.DemiBold
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        Label {
                            text: (section.modelData.focus ? qsTr("Focus · ") : "")
                                  + qsTr("%n excerpt(s)", "", section.modelData.excerptCount)
                            color: section.modelData.focus ? Theme.focusTag : Theme.muted
                            font.pixelSize: Theme.small
                        }
                    }
                    TextArea {
                        objectName: "sectionNarrative-" + section.modelData.standard
                        Layout.fillWidth: true
                        Layout.minimumHeight: Theme.touch * 1.5
                        wrapMode: TextEdit.Wrap
                        placeholderText: qsTr("Narrative for this standard")
                        text: section.modelData.narrative
                        Accessible.name: qsTr("Narrative for %1").arg(section.modelData.title)
                        onEditingFinished: if (text !== section.modelData.narrative) composerModel.setNarrative(section.modelData.standard, text) // qmllint disable unqualified
                    }
                    Repeater {
                        model: section.modelData.excerpts
                        delegate: Label {
                            required property var modelData
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            textFormat: Text.PlainText
                            text: modelData.time + " — " + modelData.text + (modelData.tags.length > 0 ? "  [" + modelData.tags + "]" : "")
                            color: Theme.ink
                            font.pixelSize: Theme.small
                        }
                    }
                }
            }
        }
    }
}
