import QtQuick
import QtQuick.Controls
import Triad.Models

// Photos and audio memos attached to a note.
// `qmllint disable unqualified` below marks an id of this file used inside a delegate or Component: QML resolves it,
// but qmllint 6.4 only looks for ids in the component that declares them (Qt 6.5 adds `pragma ComponentBehavior: Bound`).
Flow {
    id: strip
    property string noteId
    property Session session: null
    spacing: 6
    visible: evidenceModel.count > 0
    EvidenceModel {
        id: evidenceModel
        session: strip.session
        noteId: strip.noteId
    }
    Repeater {
        model: evidenceModel
        delegate: Loader {
            id: entry
            required property string evidenceId
            required property string kind
            required property string imageSource
            required property string durationText
            sourceComponent: entry.kind === "photo" ? photoThumb : audioChip
            Component {
                id: photoThumb
                Image {
                    source: entry.imageSource // qmllint disable unqualified
                    sourceSize.width: 160
                    sourceSize.height: 120
                    width: 120; height: 90
                    fillMode: Image.PreserveAspectCrop
                    asynchronous: true
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTr("Photo evidence")
                }
            }
            Component {
                id: audioChip
                Button {
                    objectName: "audioMemoChip"
                    // Qualified: inside AudioMemoPlayer a bare `evidenceId` is the player's own property (bound to itself).
                    property AudioMemoPlayer player: AudioMemoPlayer { session: strip.session; evidenceId: entry.evidenceId } // qmllint disable unqualified
                    text: (player.playing ? "■ " : "▶ ") + qsTr("Audio memo %1").arg(entry.durationText) // qmllint disable unqualified
                    flat: true
                    height: Theme.touch
                    Accessible.name: player.playing ? qsTr("Stop audio memo") : qsTr("Play audio memo")
                    onClicked: player.playing ? player.stop() : player.play()
                }
            }
        }
    }
}
