import QtQuick
import QtQuick.Controls
import QtTest
import Triad

// A form's check box (an agenda item, a portfolio checklist line): a tap on its words checks it, as a tap on the box
// does, and the form hears of it; on a form that is not editable (signed, or someone else's) neither changes anything.
Item {
    id: root
    width: 390
    height: 844
    visible: true

    FormField {
        id: field
        width: 358
        x: 16
        compact: true
        editable: true
        field: ({ key: "norms_agreed", type: "check", level: 0, value: "",
                  label: "Triad norms reviewed and agreed: confidentiality, the roles of the consulting teacher and the site administrator" })
    }
    FormField {
        id: readOnly
        width: 358
        x: 16
        y: 300
        compact: true
        editable: false
        field: ({ key: "mou_read", type: "check", level: 0, value: "yes", label: "The memorandum of understanding was read" })
    }

    SignalSpy {
        id: edits
        target: field
        signalName: "edited"
    }
    SignalSpy {
        id: readOnlyEdits
        target: readOnly
        signalName: "edited"
    }

    TestCase {
        name: "FormFieldCheck"
        when: windowShown

        function test_tapping_the_label_checks_the_box() {
            const box = findChild(field, "field-norms_agreed")
            const label = findChild(field, "label-norms_agreed")
            verify(box && label)
            verify(!box.checked)
            mouseClick(label)
            verify(box.checked, "a tap on the words checks the box")
            compare(edits.count, 1)
            compare(edits.signalArguments[0][0], "norms_agreed")
            compare(edits.signalArguments[0][1], "yes")
            mouseClick(label)
            verify(!box.checked)
            compare(edits.count, 2)
            compare(edits.signalArguments[1][1], "")
            // The box itself still works, and reports the same way.
            mouseClick(box)
            verify(box.checked)
            compare(edits.count, 3)
            compare(edits.signalArguments[2][1], "yes")
        }

        function test_a_form_not_editable_does_not_change() {
            const box = findChild(readOnly, "field-mou_read")
            const label = findChild(readOnly, "label-mou_read")
            verify(box && label)
            mouseClick(label)
            mouseClick(box)
            verify(box.checked)
            compare(readOnlyEdits.count, 0)
        }
    }
}
