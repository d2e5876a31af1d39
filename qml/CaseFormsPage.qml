import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// One case's forms and the owner's deadlines in it: what is overdue stands out first, then every form held with
// where its signatures stand (those waiting for the owner marked), then the forms the owner may start.
Page {
    id: page
    objectName: "caseFormsPage"
    required property Session session
    required property string caseId
    property bool compact: false
    readonly property CaseFormsController controller: forms
    signal back()
    signal openForm(string caseId, string formId, string kind, int meeting)

    background: Rectangle { color: Theme.page }

    CaseFormsController {
        id: forms
        session: page.session
        caseId: page.caseId
    }
    StackView.onActivated: forms.reload()

    header: AppHeader {
        ToolButton {
            text: "‹ " + qsTr("Back")
            Accessible.name: qsTr("Back")
            implicitHeight: Theme.touch
            onClicked: page.back()
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                text: forms.title
                font.pixelSize: page.compact ? Theme.large : Theme.title
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: forms.subtitle
                color: Theme.muted
                font.pixelSize: Theme.small
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
    }

    Dialog {
        id: endDialog
        objectName: "endParticipationDialog"
        modal: true
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, 480)
        title: qsTr("End your participation?")
        standardButtons: Dialog.Cancel | Dialog.Ok
        footer: DialogButtons {}
        // A layout filling the content, its label wrapping at the layout's width (a wrapping Label set as the
        // contentItem itself made the Dialog's implicitHeight a binding loop).
        ColumnLayout {
            anchors.fill: parent
            Label {
                text: qsTr("Your participation is voluntary: you may end it at any time. From then on nothing more is shared, and nothing reaches your personnel file. Your PAR mentor is told.")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        onAccepted: forms.endParticipation()
    }

    Flickable {
        id: flick
        objectName: "caseFormsFlick"
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
                visible: forms.errorText.length > 0
                text: forms.errorText
                color: Theme.danger
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            // A volunteer's own participation: consent (who may read what) and ending participation, from the phone.
            ColumnLayout {
                objectName: "participationSection"
                visible: forms.isConfidentialTeacher
                spacing: Theme.gap
                Layout.fillWidth: true
                Label {
                    text: qsTr("Your participation")
                    font.pixelSize: Theme.large
                    font.weight: Font.DemiBold
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
                }
                Label {
                    objectName: "consentText"
                    text: forms.consentText
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Label {
                    text: qsTr("Who may read")
                    font.weight: Font.DemiBold
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: 4
                    Repeater {
                        id: readerChoices
                        model: [{ key: "site_administrator", label: qsTr("Site administrator") },
                                { key: "director_of_induction", label: qsTr("Director of induction") },
                                { key: "panel", label: qsTr("PAR panel") }]
                        delegate: CheckBox {
                            required property var modelData
                            objectName: "consentReader-" + modelData.key
                            text: modelData.label
                            implicitHeight: Math.max(Theme.touch, implicitContentHeight + topPadding + bottomPadding)
                        }
                    }
                }
                Label {
                    text: qsTr("What they may read")
                    font.weight: Font.DemiBold
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: 4
                    Repeater {
                        id: documentChoices
                        model: [{ key: "report", label: qsTr("Reports") },
                                { key: "teacher_response", label: qsTr("My responses") },
                                { key: "triad_meeting_summary", label: qsTr("Meeting summaries") },
                                { key: "meeting_log", label: qsTr("Meeting logs") }]
                        delegate: CheckBox {
                            required property var modelData
                            objectName: "consentDocument-" + modelData.key
                            text: modelData.label
                            implicitHeight: Math.max(Theme.touch, implicitContentHeight + topPadding + bottomPadding)
                        }
                    }
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    PrimaryButton {
                        objectName: "grantConsentButton"
                        text: qsTr("Give consent")
                        onClicked: {
                            const readers = [], documents = []
                            for (let i = 0; i < readerChoices.count; ++i)
                                if (readerChoices.itemAt(i).checked) readers.push(readerChoices.model[i].key)
                            for (let j = 0; j < documentChoices.count; ++j)
                                if (documentChoices.itemAt(j).checked) documents.push(documentChoices.model[j].key)
                            forms.grantConsent(readers, documents)
                        }
                    }
                    Button {
                        objectName: "revokeConsentButton"
                        visible: forms.consentInForce
                        text: qsTr("Withdraw consent")
                        implicitHeight: Theme.touch
                        onClicked: forms.revokeConsent()
                    }
                    Button {
                        objectName: "endParticipationButton"
                        text: qsTr("End my participation")
                        implicitHeight: Theme.touch
                        onClicked: endDialog.open()
                    }
                }
            }

            Label {
                text: forms.overdueCount > 0 ? qsTr("Deadlines — %n overdue", "", forms.overdueCount) : qsTr("Deadlines")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                color: forms.overdueCount > 0 ? Theme.danger : palette.text
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Label {
                visible: forms.deadlines.length === 0
                text: qsTr("Nothing due for you in this case.")
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Repeater {
                model: forms.deadlines
                delegate: Rectangle {
                    required property var modelData
                    objectName: "deadline-" + modelData.key
                    Layout.fillWidth: true
                    radius: 6
                    color: modelData.overdue ? Theme.dangerSoft : Theme.card
                    border.color: modelData.overdue ? Theme.danger : Theme.line
                    implicitHeight: deadlineColumn.implicitHeight + Theme.gap * 2
                    ColumnLayout {
                        id: deadlineColumn
                        anchors { fill: parent; margins: Theme.gap }
                        spacing: 2
                        Label {
                            // Overdue is said by the mark and the words, not by the red alone.
                            text: (modelData.overdue ? "⚠ " : "") + modelData.title // qmllint disable unqualified
                            font.weight: Font.DemiBold
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        Label {
                            text: modelData.detail.length > 0 ? modelData.detail + " · " + modelData.when : modelData.when // qmllint disable unqualified
                            color: modelData.overdue ? Theme.danger : Theme.muted // qmllint disable unqualified
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }

            Label {
                text: qsTr("Forms")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.topMargin: Theme.gap
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Label {
                visible: forms.forms.length === 0
                text: qsTr("No form yet in this case.")
                color: Theme.muted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Repeater {
                model: forms.forms
                // The meeting logs come after the other forms, under their own heading (the first log carries it).
                delegate: ColumnLayout {
                    id: formEntry
                    required property var modelData
                    spacing: Theme.gap
                    Layout.fillWidth: true
                    Label {
                        objectName: "logsHeading"
                        visible: formEntry.modelData.logsHeading.length > 0
                        text: formEntry.modelData.logsHeading
                        font.pixelSize: Theme.large // a heading like "Forms" above it
                        font.weight: Font.DemiBold
                        Layout.topMargin: Theme.gap
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                ItemDelegate {
                    id: formRow
                    readonly property var modelData: formEntry.modelData
                    objectName: "form-" + modelData.formId
                    focusPolicy: Qt.StrongFocus // an ItemDelegate takes no focus by default: Tab must reach each form
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.touch, implicitContentHeight + Theme.gap * 2)
                    background: Rectangle {
                        radius: 6
                        color: Theme.card
                        border.color: formRow.visualFocus ? Theme.ink : modelData.waitingForMe ? Theme.accent : Theme.line // qmllint disable unqualified
                        border.width: formRow.visualFocus ? 3 : modelData.waitingForMe ? 2 : 1 // qmllint disable unqualified
                    }
                    Accessible.name: modelData.title + ", " + modelData.state
                    contentItem: RowLayout {
                        spacing: Theme.gap
                        ColumnLayout {
                            spacing: 2
                            Layout.fillWidth: true
                            Label {
                                text: modelData.title // qmllint disable unqualified
                                font.weight: Font.DemiBold
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                            Label {
                                text: modelData.state // qmllint disable unqualified
                                color: Theme.muted
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                            // Under the state, not beside it: beside it, at 200 % text on a phone, the state's words
                            // ran under it.
                            Label {
                                visible: modelData.waitingForMe // qmllint disable unqualified
                                text: qsTr("Your signature")
                                color: Theme.accent
                                font.weight: Font.DemiBold
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                        }
                        Label {
                            text: modelData.signerCount > 0 ? modelData.signedCount + "/" + modelData.signerCount : "" // qmllint disable unqualified
                            color: Theme.muted
                        }
                    }
                    onClicked: page.openForm(page.caseId, modelData.formId, "", 0) // qmllint disable unqualified
                }
                }
            }

            Label {
                objectName: "conferencesHeading"
                visible: forms.conferences.length > 0
                text: qsTr("Observations and conferences")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.topMargin: Theme.gap
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Repeater {
                model: forms.conferences
                delegate: Rectangle {
                    required property var modelData
                    objectName: "conference-" + modelData.observationId
                    Layout.fillWidth: true
                    radius: 6
                    color: Theme.card
                    border.color: modelData.postMissing ? Theme.warn : Theme.line
                    implicitHeight: conferenceColumn.implicitHeight + Theme.gap * 2
                    ColumnLayout {
                        id: conferenceColumn
                        anchors { fill: parent; margins: Theme.gap }
                        spacing: 2
                        Label {
                            text: modelData.title // qmllint disable unqualified
                            font.weight: Font.DemiBold
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        Label {
                            text: (modelData.postMissing ? "⚠ " : "") + modelData.summary // qmllint disable unqualified
                            color: modelData.postMissing ? Theme.warn : Theme.muted // qmllint disable unqualified
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }

            Label {
                objectName: "portfolioHeading"
                visible: forms.portfolio.length > 0
                text: forms.portfolioYear > 1
                      ? (forms.portfolioTracked > 0 ? qsTr("%1 portfolio — %2 of %3 complete", "Year 2 portfolio, Semester 3 portfolio").arg(forms.portfolioPeriod).arg(forms.portfolioComplete).arg(forms.portfolioTracked)
                                                    : qsTr("%1 portfolio", "Year 2 portfolio, Semester 3 portfolio").arg(forms.portfolioPeriod))
                      : (forms.portfolioTracked > 0 ? qsTr("Portfolio — %1 of %2 complete").arg(forms.portfolioComplete).arg(forms.portfolioTracked)
                                                    : qsTr("Portfolio"))
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.topMargin: Theme.gap
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Repeater {
                model: forms.portfolio
                delegate: Rectangle {
                    id: portfolioItem
                    required property var modelData
                    required property int index
                    objectName: "portfolio-" + modelData.documentId
                    Layout.fillWidth: true
                    radius: 6
                    color: Theme.card
                    border.color: Theme.line
                    implicitHeight: portfolioColumn.implicitHeight + Theme.gap * 2
                    readonly property bool firstOfList: index === 0 || forms.portfolio[index - 1].list !== modelData.list // qmllint disable unqualified
                    ColumnLayout {
                        id: portfolioColumn
                        anchors { fill: parent; margins: Theme.gap }
                        spacing: 4
                        Label {
                            visible: portfolioItem.firstOfList
                            text: portfolioItem.modelData.list
                            color: Theme.accent
                            font.pixelSize: Theme.small
                            font.weight: Font.DemiBold
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        RowLayout {
                            spacing: Theme.gap
                            Layout.fillWidth: true
                            Label {
                                // The state in words and a mark, never by colour alone.
                                text: portfolioItem.modelData.state === "complete" ? "✓" : portfolioItem.modelData.state === "in_progress" ? "◐"
                                    : portfolioItem.modelData.state === "missing" ? "○" : "–"
                                color: portfolioItem.modelData.state === "complete" ? Theme.focusTag : Theme.muted
                                font.pixelSize: Theme.large
                                Accessible.ignored: true
                            }
                            ColumnLayout {
                                spacing: 0
                                Layout.fillWidth: true
                                Label {
                                    text: portfolioItem.modelData.title
                                    font.weight: Font.DemiBold
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                                Label {
                                    text: portfolioItem.modelData.stateText
                                    color: Theme.muted
                                    wrapMode: Text.WordWrap
                                    Layout.fillWidth: true
                                }
                            }
                        }
                        Repeater {
                            model: portfolioItem.modelData.documents
                            // A filed form opens from here; a report or a response is read from the case's reports.
                            delegate: Loader {
                                id: filedDocument
                                required property var modelData
                                Layout.fillWidth: true
                                Layout.leftMargin: Theme.gap * 2
                                sourceComponent: modelData.kind === "form" ? formLink : filedText
                                Component {
                                    id: formLink
                                    ItemDelegate {
                                        objectName: "portfolio-doc-" + filedDocument.modelData.id // qmllint disable unqualified
                                        implicitHeight: Math.max(Theme.touch, implicitContentHeight + 8)
                                        focusPolicy: Qt.StrongFocus // Tab reaches each filed form
                                        Accessible.name: filedDocument.modelData.title + ", " + filedDocument.modelData.state // qmllint disable unqualified
                                        contentItem: Label {
                                            text: "› " + filedDocument.modelData.title + " · " + filedDocument.modelData.state // qmllint disable unqualified
                                            color: Theme.accent
                                            wrapMode: Text.WordWrap
                                        }
                                        onClicked: page.openForm(page.caseId, filedDocument.modelData.id, "", 0) // qmllint disable unqualified
                                    }
                                }
                                Component {
                                    id: filedText
                                    Label {
                                        objectName: "portfolio-doc-" + filedDocument.modelData.id // qmllint disable unqualified
                                        text: filedDocument.modelData.title + " · " + filedDocument.modelData.state // qmllint disable unqualified
                                        topPadding: 4
                                        bottomPadding: 4
                                        wrapMode: Text.WordWrap
                                    }
                                }
                            }
                        }
                    }
                }
            }

            Label {
                visible: forms.startable.length > 0
                text: qsTr("Start a form")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                Layout.topMargin: Theme.gap
                wrapMode: Text.WordWrap
                Layout.fillWidth: true // wraps, rather than widening the column, at 200 % text
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.gap
                Repeater {
                    model: forms.startable
                    delegate: WrapButton {
                        required property var modelData
                        objectName: "start-" + modelData.kind + "-" + modelData.meeting
                        text: modelData.title
                        width: Math.min(implicitWidth, parent.width)
                        onClicked: page.openForm(page.caseId, "", modelData.kind, modelData.meeting) // qmllint disable unqualified
                    }
                }
            }
        }
    }
}
