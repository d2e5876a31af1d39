import QtQuick
import QtQuick.Controls
import QtTest
import Triad

// A form's table (the referral's teaching history): what is typed in a cell reaches the form, Enter moves on instead
// of breaking the line, and a long value wraps inside its cell on a phone instead of running past the screen.
Item {
    id: root
    width: 390
    height: 844
    visible: true

    FormTable {
        id: table
        width: 358
        x: 16
        compact: true
        editable: true
        table: ({ key: "teaching_history", label: "Briefly describe the teaching history of the referred teacher",
                  columns: ["Years", "School", "Grade(s) or Subject(s) Taught"],
                  rows: [["2019-present", "Valley Oak Middle School and Lincoln Elementary School (shared placement)", "Grade 8 English"]] })
    }

    // A row just added: every cell empty, on a phone and on a tablet.
    FormTable {
        id: emptyPhone
        width: 358
        y: 400
        compact: true
        editable: true
        table: ({ key: "follow_up", columns: ["Support", "Person responsible"], rows: [["", ""]] })
    }
    FormTable {
        id: emptyTablet
        width: 358
        y: 600
        editable: true
        table: ({ key: "follow_up", columns: ["Support", "Person responsible"], rows: [["", ""]] })
    }

    SignalSpy {
        id: edits
        target: table
        signalName: "cellEdited"
    }

    TestCase {
        name: "FormTable"
        when: windowShown

        function test_typing_enter_and_wrapping() {
            const years = findChild(table, "cell-teaching_history-0-0")
            const school = findChild(table, "cell-teaching_history-0-1")
            verify(years && school)
            // Set from the form, nothing is reported as typed.
            compare(edits.count, 0)

            mouseClick(years)
            years.forceActiveFocus()
            keyClick(Qt.Key_End)
            keyClick("!")
            compare(edits.count, 1)
            compare(edits.signalArguments[0][0], 0)
            compare(edits.signalArguments[0][1], 0)
            compare(edits.signalArguments[0][2], "2019-present!")

            // Enter moves to the next cell; the cell keeps one line.
            keyClick(Qt.Key_Return)
            verify(!years.text.includes("\n"), "no line break in a cell")
            tryVerify(() => !years.activeFocus, 2000, "Enter left the cell")

            // The long school name wraps inside the cell, which stays within the table (and the phone's width).
            tryVerify(() => school.lineCount > 1, 2000, "the long value takes more than one line")
            verify(school.contentHeight <= school.height, "every line of it shows")
            const right = school.mapToItem(root, school.width, 0).x
            verify(right <= root.width, "the cell ends inside the screen: " + right)
        }

        // An empty cell names its column once: on a phone its caption (the placeholder, the same words, is not drawn
        // over it); on a tablet the placeholder in the cell, under the names over the rows.
        function test_empty_cell_names_its_column_once() {
            const phoneCell = findChild(emptyPhone, "cell-follow_up-0-1")
            const tabletCell = findChild(emptyTablet, "cell-follow_up-0-1")
            verify(phoneCell && tabletCell)
            compare(phoneCell.text, "")
            compare(phoneCell.placeholderText, "Person responsible")
            compare(phoneCell.placeholderTextColor.a, 0)
            verify(phoneCell.topPadding > 20, "room for the caption above the text: " + phoneCell.topPadding)
            verify(tabletCell.placeholderTextColor.a > 0)
        }
    }
}
