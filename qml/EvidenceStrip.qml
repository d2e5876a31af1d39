import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// Photos and audio memos attached to a note.
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
            required property string evidenceId
            required property string kind
            required property string imageSource
            required property string durationText
            sourceComponent: kind === "photo" ? photoThumb : audioChip
            Component {
                id: photoThumb
                Image {
                    source: imageSource
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
                    property AudioMemoPlayer player: AudioMemoPlayer { session: strip.session; evidenceId: evidenceId }
                    text: (player.playing ? "■ " : "▶ ") + qsTr("Audio memo %1").arg(durationText)
                    flat: true
                    height: Theme.touch
                    Accessible.name: player.playing ? qsTr("Stop audio memo") : qsTr("Play audio memo")
                    onClicked: player.playing ? player.stop() : player.play()
                }
            }
        }
    }
}
