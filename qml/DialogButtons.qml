import QtQuick
import QtQuick.Controls

// A dialog's standard buttons (OK, Cancel, Close) at touch size. Set as a Dialog's footer, it takes the dialog's
// standardButtons.
DialogButtonBox {
    padding: Theme.gap
    spacing: Theme.gap
    delegate: Button {
        implicitHeight: Theme.touch
        implicitWidth: Math.max(96, implicitContentWidth + leftPadding + rightPadding)
    }
}
