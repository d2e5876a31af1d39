import QtQuick
import QtQuick.Controls

// A choice among a few (a teacher, a district policy), touch-sized, shown as text: the Basic style's ComboBox shows its
// choice in a read-only text field a screen reader announces as an unnamed edit box; here it is the box's own label.
// It takes the width its layout gives it, not the width of its longest choice (200 % text on a phone).
ComboBox {
    id: box
    implicitHeight: Theme.touch
    contentItem: Label {
        leftPadding: 12
        rightPadding: box.indicator ? box.indicator.width + box.spacing : 12
        text: box.displayText
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
        Accessible.ignored: true // the box's own accessible name and value say it
    }
}
