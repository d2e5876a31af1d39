import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Triad.Models

// On a phone, the catalogue slides up from the bottom.
Drawer {
    id: sheet
    required property TagPickerModel tags
    edge: Qt.BottomEdge
    modal: true
    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Label {
                text: qsTr("CSTP standards")
                font.pixelSize: Theme.large
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("Done")
                flat: true
                Layout.preferredHeight: Theme.touch
                onClicked: sheet.close()
            }
        }
        TagPanel {
            tags: sheet.tags
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
    }
}
