import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// One case form, rendered from what the district's form asks (FormController.fields / tables): the directions or the
// memorandum's commitments, the answers grouped under the form's headings, the referral's eligibility under the
// district's rule as the ratings are entered, and the signatures. Save writes a new version; Sign is the owner's act.
Page {
    id: page
    objectName: "formPage"
    required property Session session
    required property string caseId
    property string formId
    property string kind: "referral"
    property int meeting: 0
    property bool compact: false
    readonly property FormController controller: form
    signal back()

    background: Rectangle { color: Theme.page }

    FormController {
        id: form
        session: page.session
        caseId: page.caseId
        formId: page.formId
        kind: page.kind
        meeting: page.meeting
    }

    header: AppHeader {
        ToolButton {
            text: "‹ " + qsTr("Back")
            Accessible.name: qsTr("Back to the case")
            implicitHeight: Theme.touch
            onClicked: page.back()
        }
        Label {
            text: form.title
            font.pixelSize: page.compact ? Theme.large : Theme.title
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
            maximumLineCount: page.compact ? 3 : 2 // "Year 2 PAR Progress-Monitoring Triad Meeting #1 Summary" whole on a phone
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Label {
            visible: form.savedText.length > 0 && !page.compact
            text: form.savedText
            color: Theme.muted
        }
        PrimaryButton {
            objectName: "formSaveButton"
            visible: form.canEdit
            // A new form is saved even with nothing typed (a memorandum has only its commitments to sign).
            enabled: form.dirty || form.formId.length === 0
            text: qsTr("Save")
            onClicked: form.save()
        }
    }

    footer: Rectangle {
        visible: form.actionError.length > 0 || form.canSign || form.othersToSign || form.dirty
        implicitHeight: visible ? footerRow.implicitHeight + Theme.gap * 2 : 0
        color: Theme.card
        Rectangle { width: parent.width; height: 1; color: Theme.line }
        RowLayout {
            id: footerRow
            anchors { fill: parent; margins: Theme.gap }
            Label {
                objectName: "formActionError"
                text: form.actionError.length > 0 ? form.actionError
                    : form.dirty ? qsTr("Save your changes before signing.") : form.signStatement
                color: form.actionError.length > 0 ? Theme.danger : Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: form.actionError.length > 0 ? Accessible.AlertMessage : Accessible.StaticText
            }
            WrapButton {
                objectName: "visitorSignOpen"
                visible: form.othersToSign && !form.dirty
                text: page.compact ? qsTr("Another signs") : qsTr("Someone else signs here")
                Accessible.name: qsTr("Triad meeting: someone else signs on this device")
                onClicked: {
                    signDialog.visitor = true
                    signDialog.open()
                }
            }
            PrimaryButton {
                objectName: "formSignOpen"
                visible: form.canSign
                text: qsTr("Sign")
                onClicked: {
                    signDialog.visitor = false
                    signDialog.open()
                }
            }
        }
    }

    FormSignDialog {
        id: signDialog
        controller: form
    }

    Flickable {
        id: flick
        objectName: "formFlick"
        anchors.fill: parent
        contentWidth: width
        contentHeight: column.implicitHeight + Theme.margin * 2
        clip: true
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            x: Math.max(Theme.margin, (parent.width - width) / 2)
            y: Theme.margin
            width: Math.min(flick.width - Theme.margin * 2, 860)
            spacing: Theme.gap

            Label {
                text: form.errorText.length > 0 ? form.errorText : form.subtitle
                color: form.errorText.length > 0 ? Theme.danger : Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                visible: form.directions.length > 0
                text: form.directions
                wrapMode: Text.WordWrap
                font.italic: true
                Layout.fillWidth: true
            }
            Repeater {
                model: form.commitments
                delegate: Label {
                    required property string modelData
                    required property int index
                    text: (index + 1) + ". " + modelData
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.gap
                }
            }

            // The referral's eligibility under the district's rule, as the ratings stand.
            Rectangle {
                objectName: "eligibilityCard"
                visible: form.showsEligibility
                Layout.fillWidth: true
                radius: Theme.radius
                color: form.eligible ? Theme.focusTagSoft : Theme.warnSoft
                border.color: form.eligible ? Theme.focusTag : Theme.warn
                implicitHeight: eligibilityColumn.implicitHeight + Theme.margin * 2
                ColumnLayout {
                    id: eligibilityColumn
                    anchors { fill: parent; margins: Theme.margin }
                    spacing: 4
                    Label {
                        objectName: "eligibilityOutcome"
                        text: form.eligibility
                        font.pixelSize: Theme.large
                        font.weight: Font.DemiBold
                        color: form.eligible ? Theme.focusTag : Theme.warn
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Repeater {
                        model: form.eligibilityReasons
                        delegate: Label {
                            required property string modelData
                            text: "• " + modelData
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                    Label {
                        text: form.rule
                        color: Theme.muted
                        font.pixelSize: Theme.small
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                }
            }

            Repeater {
                id: fieldRepeater
                model: form.fields
                delegate: FormField {
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    field: modelData
                    heading: index === 0 || form.fields[index - 1].section !== modelData.section ? modelData.section : "" // qmllint disable unqualified
                    editable: form.canEdit // qmllint disable unqualified
                    compact: page.compact // qmllint disable unqualified
                    onEdited: (key, value) => form.setField(key, value)
                }
            }

            Repeater {
                model: form.tables
                delegate: FormTable {
                    required property var modelData
                    Layout.fillWidth: true
                    table: modelData
                    editable: form.canEdit // qmllint disable unqualified
                    compact: page.compact // qmllint disable unqualified
                    onCellEdited: (row, column, value) => form.setCell(modelData.key, row, column, value)
                    onAddRow: form.addRow(modelData.key) // qmllint disable unqualified
                    onRemoveRow: row => form.removeRow(modelData.key, row)
                }
            }

            // Signatures on this version, and who still signs.
            Label {
                text: qsTr("Signatures")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.topMargin: Theme.gap
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Label {
                visible: form.missing.length > 0
                text: qsTr("Still to fill in before anyone signs: %1").arg(Array.from(form.missing).join("; "))
                color: Theme.warn
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                visible: form.signedEarlier.length > 0
                text: form.signedEarlier
                color: Theme.warn
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Repeater {
                model: form.signatures
                delegate: Label {
                    required property var modelData
                    text: qsTr("✓ Signed by %1, %2, on %3 — “%4”").arg(modelData.signer).arg(modelData.role).arg(modelData.when).arg(modelData.statement)
                          + (modelData.statementTranslation ? " " + qsTr("(in your language: %1)").arg(modelData.statementTranslation) : "")
                          + (modelData.visiting ? " " + qsTr("Signed in triad meeting mode, with their own keys on another person's device.") : "")
                    color: Theme.focusTag
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
            }
            Label {
                objectName: "pendingSigners"
                visible: form.pending.length > 0
                text: qsTr("Waiting for: %1").arg(Array.from(form.pending).join(", "))
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                visible: form.formId.length === 0 && form.loaded
                text: qsTr("Not saved yet: save the form, then each signer signs it.")
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
    }
}
