import QtQuick
import QtQuick.Controls
import QtTest
import Triad
import Triad.Models
import Triad.Test

// Drives the real observation screen as a mentor would, then checks the store holds exactly what the screen shows.
Item {
    id: root
    width: 1180
    height: 820
    visible: true

    ObservationPage {
        id: page
        anchors.fill: parent
        session: TestHarness.session
        evidence: TestHarness.evidence
        caseId: TestHarness.idleCaseId
    }

    SignalSpy {
        id: playingSpy
        signalName: "playingChanged"
    }

    TestCase {
        id: test
        name: "LiveObservation"
        when: windowShown

        // The note's "⋯" menu item `i` (0 Correct, 1 Add photo, 2 Record/stop audio memo), opened.
        function noteMenuItem(row, i) {
            const button = findChild(page, "noteMenuButton-" + row)
            verify(button, "menu button of note " + row)
            mouseClick(button)
            const menu = button.menu
            verify(menu, "menu of note " + row)
            tryVerify(() => menu.opened)
            return menu.itemAt(i)
        }

        function typeNote(text) {
            const field = findChild(page, "noteField")
            verify(field, "note field")
            mouseClick(field)
            field.forceActiveFocus()
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
            compare(page.controller.draftText, text, "the composer's text is the draft")
        }

        function test_1_start_tag_save_amend_attach_end() {
            verify(!page.controller.active)
            compare(page.controller.teacherName.length > 0, true)

            // Start a formal, scheduled observation of period 2.
            mouseClick(findChild(page, "formalRadio"))
            const period = findChild(page, "classPeriodField")
            mouseClick(period)
            period.text = "Period 2 — World History"
            mouseClick(findChild(page, "startObservationButton"))
            tryVerify(() => page.controller.active)
            verify(page.controller.observationTitle.indexOf("Formal") === 0)
            verify(page.controller.observationTitle.indexOf("Period 2") > 0)

            // Note 1: typed, tagged with two focus chips, Enter.
            typeNote("Warm-up posted; most students started at once")
            const focus = page.controller.focus
            verify(focus.length >= 2, "the demo case has standards of focus")
            const chipA = findChild(page, "tagChip-" + focus[0])
            verify(chipA, "a chip for the first standard of focus")
            mouseClick(chipA)
            compare(page.controller.tags.selected, [focus[0]])
            keyClick(Qt.Key_Return)
            tryCompare(page.controller.notes, "count", 1)
            compare(page.controller.draftText, "", "Enter clears the composer")
            compare(page.controller.tags.selected.length, 0, "and the tags")

            // Note 2: tagged from the searchable catalogue panel, not a chip.
            typeNote("Pairs explained sources to each other")
            const search = findChild(page, "tagSearchField")
            mouseClick(search)
            search.text = "monitors student learning"
            tryVerify(() => page.controller.tags.count >= 1)
            page.controller.tags.toggle("1.6")
            mouseClick(findChild(page, "noteField"))
            keyClick(Qt.Key_Return)
            tryCompare(page.controller.notes, "count", 2)
            search.text = ""

            // Note 3: plain, Save button instead of Enter.
            typeNote("Exit ticket collected")
            mouseClick(findChild(page, "saveNoteButton"))
            tryCompare(page.controller.notes, "count", 3)

            // Correct note 1 through its menu: the original stays in the history.
            const correct = noteMenuItem(0, 0)
            compare(correct.objectName, "correctMenuItem")
            mouseClick(correct)
            const amendText = findChild(page, "amendTextField")
            tryVerify(() => amendText.visible)
            amendText.text = "Warm-up posted; 24 of 28 students started at once"
            findChild(page, "amendReasonField").text = "Counted precisely"
            mouseClick(findChild(page, "amendSaveButton"))
            tryVerify(() => !amendText.visible)

            // Evidence: a photo and an audio memo on note 2, from the fake capture source.
            const photo = noteMenuItem(1, 1)
            compare(photo.objectName, "photoMenuItem")
            verify(photo.enabled, "the fake camera can take a photo")
            mouseClick(photo)
            const record = noteMenuItem(1, 2)
            compare(record.objectName, "audioMenuItem")
            mouseClick(record)
            tryVerify(() => TestHarness.evidence.recording)
            wait(3000) // long enough a memo that playback below is seen moving before it ends
            const stop = noteMenuItem(1, 2)
            verify(stop.text.indexOf("Stop") === 0)
            mouseClick(stop)
            tryVerify(() => !TestHarness.evidence.recording)
            const strip = findChild(page, "evidenceStrip-1")
            tryVerify(() => strip.visible)

            // The memo plays from its chip: the chip's player is given this memo, and playback starts and moves on.
            const memoId = TestHarness.storedNotes(page.controller.observationId)[1].evidenceIds[1]
            verify(memoId.length > 0, "the memo is stored")
            const chip = findChild(strip, "audioMemoChip")
            verify(chip, "the strip shows the audio memo as a chip")
            const player = chip.player
            compare(player.evidenceId, memoId, "the chip's player is given the memo")
            verify(player.durationMs >= 1000, "the memo's length, from its record")
            let furthestMs = 0
            const track = () => { furthestMs = Math.max(furthestMs, player.positionMs) }
            player.positionChanged.connect(track)
            playingSpy.target = player
            mouseClick(chip)
            tryVerify(() => furthestMs > 0, 5000, "the memo's playback moves on")
            compare(player.lastError, "", "played without an error")
            verify(player.playing && playingSpy.count === 1, "the chip's player is playing")
            verify(chip.text.indexOf("■") === 0, "the chip shows it playing")
            tryVerify(() => player.positionMs >= 300, 5000, "and playback keeps moving")
            mouseClick(chip) // a second tap stops it
            tryVerify(() => !player.playing, 5000)
            compare(player.positionMs, 0)
            verify(chip.text.indexOf("▶") === 0)
            player.positionChanged.disconnect(track)

            // What the screen shows, row by row.
            const shown = []
            for (let i = 0; i < page.controller.notes.count; ++i) {
                const idx = page.controller.notes.index(i, 0)
                shown.push({
                    text: page.controller.notes.data(idx, NoteListModel.TextRole),
                    tags: page.controller.notes.data(idx, NoteListModel.TagsRole),
                    amended: page.controller.notes.data(idx, NoteListModel.AmendedRole)
                })
            }
            const observationId = page.controller.observationId

            // End: the summary groups the notes by standard and element.
            mouseClick(findChild(page, "endObservationButton"))
            tryVerify(() => page.controller.showingSummary)
            compare(page.controller.summary.noteCount, 3)
            compare(page.controller.summary.untaggedCount, 1)
            compare(page.controller.summary.count, 2, "two elements tagged")
            verify(TestHarness.observationEnded(observationId))

            // The store, read through its own connection, holds exactly what the screen showed.
            const stored = TestHarness.storedNotes(observationId)
            compare(stored.length, shown.length)
            for (let i = 0; i < shown.length; ++i) {
                compare(stored[i].text, shown[i].text, "note " + i + " text")
                compare(stored[i].tags, shown[i].tags, "note " + i + " tags")
                compare(stored[i].amendments > 0, shown[i].amended, "note " + i + " amended")
            }
            compare(stored[0].originalText, "Warm-up posted; most students started at once")
            compare(stored[0].reason, "Counted precisely")
            compare(stored[1].tags, ["1.6"])
            compare(stored[1].evidence, ["photo", "audio"])

            mouseClick(findChild(page, "summaryDoneButton"))
            tryVerify(() => !page.controller.showingSummary && !page.controller.active)
        }

        function test_2_empty_note_is_refused_with_a_reason() {
            mouseClick(findChild(page, "startObservationButton"))
            tryVerify(() => page.controller.active)
            verify(!page.controller.saveNote())
            verify(page.controller.lastError.length > 0)
            compare(page.controller.notes.count, 0)
            verify(page.controller.end())
        }
    }
}
