import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// A live observation of one teacher: the clock, the notes as they are taken, the composer and the CSTP tags.
// `qmllint disable unqualified` below marks an id of this file used inside a delegate or Component: QML resolves it,
// but qmllint 6.4 only looks for ids in the component that declares them (Qt 6.5 adds `pragma ComponentBehavior: Bound`).
Page {
    id: page
    required property Session session
    property alias caseId: controller.caseId
    property bool compact: false
    property EvidenceController evidence: null
    readonly property alias controller: controller
    signal back()

    background: Rectangle { color: Theme.page }

    ObservationController {
        id: controller
        session: page.session
    }

    header: AppHeader {
            ToolButton {
                text: "‹ " + (page.compact ? "" : qsTr("Caseload"))
                font.pixelSize: Theme.large
                implicitHeight: Theme.touch
                implicitWidth: Math.max(Theme.touch, implicitContentWidth + 16)
                Accessible.name: qsTr("Back to caseload")
                onClicked: {
                    controller.flushDraft()
                    page.back()
                }
            }
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Label {
                    text: controller.teacherName
                    font.pixelSize: Theme.large
                    font.weight: Font.DemiBold
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: controller.caseSubtitle
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
                visible: !page.compact
            }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Volunteer, induction and intern participation is confidential between mentor and teacher.
        Rectangle {
            visible: controller.confidential
            color: Theme.focusTagSoft
            Layout.fillWidth: true
            implicitHeight: confidentialText.implicitHeight + 12
            Label {
                id: confidentialText
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.small
                color: Theme.focusTag
                text: qsTr("%1 participation: confidential between you and the teacher. Nothing is shared without the teacher's signed consent. The district cannot recover these records: if you lose your passphrase and this device, they are gone.").arg(controller.caseKindLabel)
            }
        }

        StartObservationPane {
            visible: !controller.active && !controller.showingSummary
            controller: controller
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        SummaryPane {
            visible: controller.showingSummary
            controller: controller
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        // --- live observation ---------------------------------------------------------------------------------
        Rectangle {
            visible: controller.active
            color: Theme.card
            Layout.fillWidth: true
            implicitHeight: clockRow.implicitHeight + 16
            // Clock, what is observed, End; with large text on a phone what is observed goes under the clock and End.
            GridLayout {
                id: clockRow
                readonly property bool stacked: page.compact && Theme.base > 18
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                columnSpacing: Theme.gap
                rowSpacing: 0
                Label {
                    objectName: "elapsedClock"
                    text: controller.elapsedText
                    font.pixelSize: page.compact ? Theme.title : Theme.clock
                    font.family: "monospace"
                    color: Theme.accent
                    Accessible.name: qsTr("Observation time %1").arg(text)
                    Layout.row: 0
                    Layout.column: 0
                    Layout.fillWidth: clockRow.stacked
                }
                Label {
                    text: controller.observationTitle
                    color: Theme.muted
                    font.pixelSize: Theme.small
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.row: clockRow.stacked ? 1 : 0
                    Layout.column: clockRow.stacked ? 0 : 1
                    Layout.columnSpan: clockRow.stacked ? 2 : 1
                    Layout.bottomMargin: clockRow.stacked ? 6 : 0
                }
                Button {
                    objectName: "endObservationButton"
                    text: qsTr("End")
                    Layout.preferredHeight: Theme.touch
                    Layout.preferredWidth: Math.max(Theme.touch * 1.5, implicitWidth)
                    Layout.row: 0
                    Layout.column: clockRow.stacked ? 1 : 2
                    Accessible.name: qsTr("End observation")
                    onClicked: controller.end()
                }
            }
        }

        RowLayout {
            visible: controller.active
            spacing: 0
            Layout.fillWidth: true
            Layout.fillHeight: true

            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Layout.fillHeight: true

                ListView {
                    id: notesView
                    objectName: "notesView"
                    model: controller.notes
                    clip: true
                    reuseItems: true
                    spacing: 6
                    topMargin: Theme.gap
                    bottomMargin: Theme.gap
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Accessible.name: qsTr("Notes in this observation")
                    delegate: NoteDelegate {
                        width: ListView.view.width
                        evidence: page.evidence // qmllint disable unqualified
                        session: page.session // qmllint disable unqualified
                        tagLabel: tag => controller.tags.labelFor(tag)
                        onCorrect: (noteId, text) => amendDialog.openFor(noteId, text)
                    }
                    // To the newest note when one is saved or another observation shows; older notes opening in
                    // front of those shown leave the view where it is.
                    Connections {
                        target: controller
                        // Qt.callLater is a method; qmllint 6.4 takes it for a QJSValue property (a false positive).
                        function onNoteSaved() { Qt.callLater(() => notesView.positionViewAtEnd()) } // qmllint disable type
                        function onObservationChanged() { Qt.callLater(() => notesView.positionViewAtEnd()) } // qmllint disable type
                    }
                    // Once laid out (the page is still being built here): the newest note at the bottom.
                    Component.onCompleted: Qt.callLater(() => notesView.positionViewAtEnd()) // qmllint disable type
                    ScrollBar.vertical: ScrollBar {}

                    // While older notes open (newest first): how far it has got, over the top of the list (a child
                    // of the view itself, not of its scrolling content).
                    Rectangle {
                        objectName: "openingNotesBar"
                        parent: notesView
                        z: 1
                        visible: controller.openingNotes
                        anchors.top: parent.top
                        anchors.topMargin: Theme.gap
                        anchors.horizontalCenter: parent.horizontalCenter
                        width: Math.min(parent.width - 2 * Theme.margin, openingColumn.implicitWidth + 2 * Theme.margin)
                        height: openingColumn.implicitHeight + Theme.gap
                        radius: height / 2
                        color: Theme.card
                        border.color: Theme.line
                        ColumnLayout {
                            id: openingColumn
                            anchors.centerIn: parent
                            width: parent.width - 2 * Theme.margin
                            spacing: 2
                            Label {
                                text: qsTr("Opening earlier notes… %1 of %2").arg(controller.notesRead.toLocaleString(Qt.locale(), "f", 0)).arg(controller.notesHeld.toLocaleString(Qt.locale(), "f", 0))
                                font.pixelSize: Theme.small
                                color: Theme.muted
                                elide: Text.ElideRight
                                horizontalAlignment: Text.AlignHCenter
                                Layout.fillWidth: true
                                Accessible.role: Accessible.StatusBar
                            }
                            ProgressBar {
                                from: 0
                                to: Math.max(1, controller.notesHeld)
                                value: controller.notesRead
                                Layout.fillWidth: true
                            }
                        }
                    }

                    Label {
                        anchors.centerIn: parent
                        width: parent.width * 0.8
                        visible: notesView.count === 0
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                        color: Theme.muted
                        text: qsTr("Type what you see and press Enter. Each note is saved with its time the moment you press Enter.")
                    }
                }

                Label {
                    visible: controller.lastError.length > 0
                    text: controller.lastError
                    color: Theme.danger
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.small
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.margin
                    Layout.rightMargin: Theme.margin
                    Accessible.role: Accessible.AlertMessage
                }

                Composer {
                    controller: controller
                    compact: page.compact
                    onMoreTags: tagSheet.open()
                    Layout.fillWidth: true
                }
            }

            // On a tablet the whole catalogue stays beside the notes; on a phone it is a sheet.
            Rectangle {
                visible: !page.compact
                color: Theme.line
                Layout.fillHeight: true
                implicitWidth: 1
            }
            TagPanel {
                visible: !page.compact
                tags: controller.tags
                Layout.preferredWidth: Math.min(400, page.width * 0.36)
                Layout.fillHeight: true
            }
        }
    }

    TagSearchSheet {
        id: tagSheet
        objectName: "tagSheet"
        tags: controller.tags
        width: page.width
        height: page.height * 0.8
    }

    AmendDialog {
        id: amendDialog
        objectName: "amendDialog"
        controller: controller
        anchors.centerIn: parent
        width: Math.min(page.width - 2 * Theme.margin, 560)
    }
}
