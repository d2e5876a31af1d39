// The view models the QML binds to, driven from C++ under QAbstractItemModelTester over a real (temporary) store
// with the demo district: caseload, tag picker, live observation (notes, amendments, summary) and the draft.
#include "caseload_model.h"
#include "note_list_model.h"
#include "observation_controller.h"
#include "observation_summary_model.h"
#include "tag_picker_model.h"
#include "vm_support.h"
#include "case_service.h"
#include "note_service.h"

#include <QSignalSpy>

#include <sqlite3.h>

#include <set>

using namespace triad;
using triad::test::CheckedModel;
using triad::test::DemoSession;
using triad::test::qs;

namespace {

QVariant roleData(const QAbstractItemModel &m, int row, int role) { return m.data(m.index(row, 0), role); }

std::size_t storedNoteCount(store::LocalStore &s, const RecordId &caseId, const RecordId &observationId)
{
    auto notes = store::NoteService(s).notes(caseId, observationId);
    REQUIRE(notes.ok());
    return notes->size();
}

std::int64_t recordCount(store::LocalStore &s)
{
    auto n = s.database().queryInt("SELECT count(*) FROM records");
    REQUIRE(n.ok());
    return *n;
}

} // namespace

TEST_CASE("CaseloadModel lists the demo district's seven cases with what is due", "[ui]")
{
    DemoSession demo;
    ui::CaseloadModel model;
    CheckedModel checked(&model);
    QSignalSpy countSpy(&model, &ui::CaseloadModel::countChanged);
    model.setSession(demo.session.get());
    REQUIRE(model.rowCount() == 7);
    CHECK(countSpy.count() >= 1);
    CHECK(model.property("count").toInt() == 7);
    CHECK(model.errorText().isEmpty());

    const auto roles = model.roleNames();
    for (const char *name : {"caseId", "teacherName", "school", "gradeSubject", "kind", "kindLabel", "statusLabel", "focus", "focusText", "nextDue",
                             "meetingDue", "lastObserved", "observationOpen", "confidential"}) {
        INFO("role " << name);
        CHECK(roles.values().contains(QByteArray(name)));
    }

    auto cases = store::CaseService(demo.store()).cases();
    REQUIRE(cases.ok());
    std::map<QString, CaseKind> kindById;
    for (const auto &c : *cases) kindById[qs(c.id)] = c.kind;

    std::map<QString, int> kinds;
    int open = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        using R = ui::CaseloadModel::Role;
        const QString id = roleData(model, row, R::CaseIdRole).toString();
        const QString kind = roleData(model, row, R::KindRole).toString();
        INFO("row " << row << " " << roleData(model, row, R::TeacherNameRole).toString().toStdString() << " (" << kind.toStdString() << ")");
        REQUIRE(kindById.count(id) == 1);
        CHECK(model.indexOfCase(id) == row);
        CHECK_FALSE(roleData(model, row, R::TeacherNameRole).toString().isEmpty());
        CHECK(roleData(model, row, Qt::DisplayRole) == roleData(model, row, R::TeacherNameRole));
        CHECK_FALSE(roleData(model, row, R::SchoolRole).toString().isEmpty());
        CHECK_FALSE(roleData(model, row, R::GradeSubjectRole).toString().isEmpty());
        CHECK_FALSE(roleData(model, row, R::KindLabelRole).toString().isEmpty());
        CHECK_FALSE(roleData(model, row, R::StatusLabelRole).toString().isEmpty());
        const QStringList focus = roleData(model, row, R::FocusRole).toStringList();
        CHECK_FALSE(focus.isEmpty());
        CHECK(roleData(model, row, R::FocusTextRole).toString() == focus.join(QStringLiteral(" · ")));
        CHECK_FALSE(roleData(model, row, R::MeetingDueRole).toString().isEmpty());
        CHECK_FALSE(roleData(model, row, R::LastObservedRole).toString().isEmpty());
        const bool confidential = roleData(model, row, R::ConfidentialRole).toBool();
        if (kindById[id] == CaseKind::Referred) {
            CHECK(kind == QStringLiteral("referred"));
            CHECK_FALSE(confidential);
            CHECK_FALSE(roleData(model, row, R::NextDueRole).toString().isEmpty());
        } else {
            // Volunteer, induction and intern participation stays between mentor and teacher.
            CHECK(confidential);
        }
        if (roleData(model, row, R::ObservationOpenRole).toBool()) ++open;
        ++kinds[kind];
    }
    CHECK(kinds[QStringLiteral("referred")] == 3);
    CHECK(kinds[QStringLiteral("volunteer")] == 2);
    CHECK(kinds.size() == 4);
    CHECK(open == 1); // the demo leaves one observation under way
    CHECK(model.indexOfCase(QStringLiteral("no-such-case")) == -1);
    CHECK_FALSE(roleData(model, 0, Qt::UserRole + 999).isValid());

    // A write through the session refreshes the caseload (a reset the tester watches).
    const RecordId idle = demo.idleCase(CaseKind::Referred);
    REQUIRE(store::NoteService(demo.store()).startObservation(idle, ObservationKind::Informal, false, "Period 1").ok());
    demo.session->notifyChanged();
    CHECK(roleData(model, model.indexOfCase(qs(idle)), ui::CaseloadModel::ObservationOpenRole).toBool());

    // Locking empties it; unlocking fills it again.
    demo.session->lock();
    CHECK(model.rowCount() == 0);
    demo.unlock();
    CHECK(model.rowCount() == 7);
    checked.check();
}

TEST_CASE("TagPickerModel: focus first, filter by number and words, focus only, selection", "[ui]")
{
    test::guiApp();
    ui::TagPickerModel model;
    CheckedModel checked(&model);
    const int all = model.rowCount();
    REQUIRE(all > 30); // the whole catalogue: CSTP standards 1-6 and Clovis Unified's standard 7, their elements
    using R = ui::TagPickerModel::Role;

    QSignalSpy focusSpy(&model, &ui::TagPickerModel::focusChanged);
    model.setFocus({QStringLiteral("2.6"), QStringLiteral("5")});
    CHECK(focusSpy.count() == 1);
    REQUIRE(model.rowCount() > 3);
    // Focus first: the element, then standard 5 as a whole, then its elements; then the rest of the catalogue.
    CHECK(roleData(model, 0, R::TagRole).toString() == QStringLiteral("2.6"));
    CHECK(roleData(model, 0, R::IsFocusRole).toBool());
    CHECK_FALSE(roleData(model, 0, R::IsStandardRole).toBool());
    CHECK(roleData(model, 1, R::TagRole).toString() == QStringLiteral("5"));
    CHECK(roleData(model, 1, R::IsStandardRole).toBool());
    const QString focusSection = roleData(model, 0, R::SectionRole).toString();
    CHECK_FALSE(focusSection.isEmpty());
    int focusRows = 0;
    bool seenNonFocus = false;
    std::set<QString> tags;
    for (int row = 0; row < model.rowCount(); ++row) {
        const bool isFocus = roleData(model, row, R::IsFocusRole).toBool();
        INFO("row " << row << " " << roleData(model, row, R::TagRole).toString().toStdString());
        if (isFocus) {
            CHECK_FALSE(seenNonFocus); // every focus row comes before the rest
            CHECK(roleData(model, row, R::SectionRole).toString() == focusSection);
            ++focusRows;
        } else {
            seenNonFocus = true;
            CHECK(roleData(model, row, R::SectionRole).toString() != focusSection);
        }
        CHECK(tags.insert(roleData(model, row, R::TagRole).toString()).second); // nothing listed twice
        CHECK_FALSE(roleData(model, row, R::LabelRole).toString().isEmpty());
    }
    CHECK(focusRows >= 3);
    CHECK(model.rowCount() == all + 1); // the catalogue's elements once each, plus standard 5 as a whole

    // By number.
    model.setFilter(QStringLiteral("2.6"));
    REQUIRE(model.rowCount() >= 1);
    CHECK(roleData(model, 0, R::TagRole).toString() == QStringLiteral("2.6"));
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString tag = roleData(model, row, R::TagRole).toString();
        const QString label = roleData(model, row, R::LabelRole).toString();
        CHECK((tag.startsWith(QStringLiteral("2.6")) || label.contains(QStringLiteral("2.6"))));
    }
    // By words, any case.
    model.setFilter(QStringLiteral("ROUTINES"));
    REQUIRE(model.rowCount() >= 1);
    bool has26 = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        CHECK(roleData(model, row, R::LabelRole).toString().contains(QStringLiteral("routines"), Qt::CaseInsensitive));
        has26 = has26 || roleData(model, row, R::TagRole).toString() == QStringLiteral("2.6");
    }
    CHECK(has26);
    model.setFilter(QStringLiteral("zzzz no such words"));
    CHECK(model.rowCount() == 0);
    model.setFilter(QStringLiteral("  "));
    CHECK(model.rowCount() == all + 1); // blank filter shows everything

    // Focus only.
    model.setFilter({});
    model.setFocusOnly(true);
    CHECK(model.rowCount() >= 2);
    CHECK(model.rowCount() <= focusRows);
    QStringList focusOnlyTags;
    for (int row = 0; row < model.rowCount(); ++row) {
        CHECK(roleData(model, row, R::IsFocusRole).toBool());
        focusOnlyTags << roleData(model, row, R::TagRole).toString();
    }
    CHECK(focusOnlyTags.contains(QStringLiteral("2.6")));
    CHECK(focusOnlyTags.contains(QStringLiteral("5")));
    model.setFocusOnly(false);
    CHECK(model.rowCount() == all + 1);

    // Selection.
    QSignalSpy selectedSpy(&model, &ui::TagPickerModel::selectedChanged);
    QSignalSpy dataSpy(&model, &QAbstractItemModel::dataChanged);
    model.toggle(QStringLiteral("2.6"));
    CHECK(model.selected() == QStringList{QStringLiteral("2.6")});
    CHECK(roleData(model, 0, R::SelectedRole).toBool());
    CHECK_FALSE(roleData(model, 1, R::SelectedRole).toBool());
    CHECK(selectedSpy.count() == 1);
    CHECK(dataSpy.count() >= 1);
    model.toggle(QStringLiteral("5"));
    model.toggle(QStringLiteral("4.2"));
    CHECK(model.selected() == (QStringList{QStringLiteral("2.6"), QStringLiteral("5"), QStringLiteral("4.2")}));
    model.toggle(QStringLiteral("2.6"));
    CHECK(model.selected() == (QStringList{QStringLiteral("5"), QStringLiteral("4.2")}));
    CHECK_FALSE(roleData(model, 0, R::SelectedRole).toBool());
    // Invalid tags are ignored: no change, no signal.
    selectedSpy.clear();
    for (const char *bad : {"9.9", "2.99", "", "two", "8", "0", "2.6 ", "<script>"}) {
        INFO("tag \"" << bad << "\"");
        model.toggle(QString::fromLatin1(bad));
        CHECK(selectedSpy.count() == 0);
        selectedSpy.clear();
    }
    CHECK(model.selected() == (QStringList{QStringLiteral("5"), QStringLiteral("4.2")}));
    model.clearSelection();
    CHECK(model.selected().isEmpty());

    CHECK(model.labelFor(QStringLiteral("2.6")).contains(QStringLiteral("routines")));
    CHECK_FALSE(model.labelFor(QStringLiteral("5")).isEmpty());
    CHECK(model.labelFor(QStringLiteral("9.9")) == QStringLiteral("9.9"));
    checked.check();
}

TEST_CASE("ObservationController: start, save notes, amend, refuse empty notes, end with a summary", "[ui]")
{
    DemoSession demo;
    const RecordId caseId = demo.idleCase(CaseKind::Referred);
    ui::ObservationController c;
    CheckedModel notesChecked(c.notes());
    CheckedModel tagsChecked(c.tags());
    CheckedModel summaryChecked(c.summary());
    c.setSession(demo.session.get());
    c.setCaseId(qs(caseId));
    CHECK_FALSE(c.teacherName().isEmpty());
    CHECK_FALSE(c.caseSubtitle().isEmpty());
    CHECK(c.caseKindLabel() == QStringLiteral("Referred"));
    CHECK_FALSE(c.confidential());
    CHECK_FALSE(c.focus().isEmpty());
    CHECK(c.tags()->focus() == c.focus());
    CHECK_FALSE(c.active());
    CHECK(c.notes()->rowCount() == 0);

    QSignalSpy observationSpy(&c, &ui::ObservationController::observationChanged);
    REQUIRE(c.start(true, true, QStringLiteral("Period 2 — World History")));
    CHECK(observationSpy.count() >= 1);
    CHECK(c.active());
    CHECK_FALSE(c.observationId().isEmpty());
    CHECK(c.observationTitle().contains(QStringLiteral("Period 2")));
    CHECK(c.elapsedText().startsWith(QStringLiteral("00:0")));
    CHECK(c.notes()->rowCount() == 0);
    CHECK(c.lastError().isEmpty());
    const auto obsId = *RecordId::fromString(c.observationId().toStdString());

    // Type, tag, Enter: a row appears and the store holds the note.
    QSignalSpy savedSpy(&c, &ui::ObservationController::noteSaved);
    QSignalSpy rowsSpy(c.notes(), &QAbstractItemModel::rowsInserted);
    c.setDraftText(QStringLiteral("Warm-up posted before the bell; 24 of 28 started within two minutes."));
    c.tags()->toggle(QStringLiteral("2.6"));
    c.tags()->toggle(QStringLiteral("2.7"));
    REQUIRE(c.saveNote());
    CHECK(savedSpy.count() == 1);
    CHECK(rowsSpy.count() == 1);
    REQUIRE(c.notes()->rowCount() == 1);
    using N = ui::NoteListModel::Role;
    CHECK(roleData(*c.notes(), 0, N::TextRole).toString().startsWith(QStringLiteral("Warm-up posted")));
    CHECK(roleData(*c.notes(), 0, N::TagsRole).toStringList() == (QStringList{QStringLiteral("2.6"), QStringLiteral("2.7")}));
    CHECK(roleData(*c.notes(), 0, N::TagsTextRole).toString() == QStringLiteral("2.6 · 2.7"));
    CHECK(roleData(*c.notes(), 0, N::OffsetTextRole).toString().startsWith(QStringLiteral("+")));
    CHECK_FALSE(roleData(*c.notes(), 0, N::TimeTextRole).toString().isEmpty());
    CHECK_FALSE(roleData(*c.notes(), 0, N::AmendedRole).toBool());
    CHECK(roleData(*c.notes(), 0, N::HistoryRole).toList().size() == 1);
    CHECK(roleData(*c.notes(), 0, N::NoteIdRole).toString() == savedSpy.at(0).at(0).toString());
    CHECK(c.draftText().isEmpty());
    CHECK(c.tags()->selected().isEmpty());
    CHECK(c.draftSaved());
    CHECK(storedNoteCount(demo.store(), caseId, obsId) == 1);

    const std::pair<const char *, QStringList> more[] = {
        {"Asked three students to explain their sourcing; waited about 5 seconds each time.", {QStringLiteral("5.2")}},
        {"Transition to groups took 40 seconds using the posted routine.", {QStringLiteral("2.6")}},
        {"Two students at the back table still without materials.", {}},
    };
    for (const auto &[text, tags] : more) {
        c.setDraftText(QString::fromUtf8(text));
        for (const QString &t : tags) c.tags()->toggle(t);
        REQUIRE(c.saveNote());
    }
    REQUIRE(c.notes()->rowCount() == 4);
    CHECK(storedNoteCount(demo.store(), caseId, obsId) == 4);

    // Empty or blank text is refused with a sentence a person can act on, and nothing is written.
    const std::int64_t recordsBefore = recordCount(demo.store());
    for (const QString &blank : {QString(), QStringLiteral("   \n\t ")}) {
        c.setDraftText(blank);
        c.tags()->toggle(QStringLiteral("2.6"));
        CHECK_FALSE(c.saveNote());
        INFO("lastError: " << c.lastError().toStdString());
        CHECK(c.lastError().contains(QStringLiteral("empty")));
        CHECK(c.lastError().contains(QLatin1Char(' ')));               // a sentence, not an error code
        CHECK_FALSE(c.lastError().contains(QStringLiteral("input."))); // ... like "input.empty"
        CHECK(c.notes()->rowCount() == 4);
        c.tags()->clearSelection();
    }
    CHECK(recordCount(demo.store()) == recordsBefore);
    CHECK(storedNoteCount(demo.store(), caseId, obsId) == 4);
    c.setDraftText({});
    c.flushDraft();

    // Amend the second note: the row changes, its history grows, the store has the amendment.
    const QString secondId = roleData(*c.notes(), 1, N::NoteIdRole).toString();
    QSignalSpy changedSpy(c.notes(), &QAbstractItemModel::dataChanged);
    REQUIRE(c.amend(secondId, QStringLiteral("Asked four students to explain their sourcing; waited about 5 seconds each time."),
                    QStringLiteral("Miscounted: four students, not three.")));
    CHECK(c.lastError().isEmpty());
    CHECK(changedSpy.count() == 1);
    CHECK(roleData(*c.notes(), 1, N::TextRole).toString().startsWith(QStringLiteral("Asked four")));
    CHECK(roleData(*c.notes(), 1, N::OriginalTextRole).toString().startsWith(QStringLiteral("Asked three")));
    CHECK(roleData(*c.notes(), 1, N::AmendedRole).toBool());
    const QVariantList history = roleData(*c.notes(), 1, N::HistoryRole).toList();
    REQUIRE(history.size() == 2);
    CHECK(history[0].toMap()[QStringLiteral("text")].toString().startsWith(QStringLiteral("Asked three")));
    CHECK(history[1].toMap()[QStringLiteral("text")].toString().startsWith(QStringLiteral("Asked four")));
    CHECK(history[1].toMap()[QStringLiteral("reason")].toString() == QStringLiteral("Miscounted: four students, not three."));
    CHECK(history[1].toMap()[QStringLiteral("tagsText")].toString() == QStringLiteral("5.2"));
    {
        auto stored = store::NoteService(demo.store()).notes(caseId, obsId);
        REQUIRE(stored.ok());
        REQUIRE(stored->size() == 4);
        REQUIRE((*stored)[1].amendments.size() == 1);
        CHECK((*stored)[1].amendments[0].text.rfind("Asked four", 0) == 0);
    }
    // Amending something that is not in this observation, or with an empty text, is refused.
    CHECK_FALSE(c.amend(QStringLiteral("not-a-note"), QStringLiteral("x"), QStringLiteral("y")));
    CHECK_FALSE(c.lastError().isEmpty());
    CHECK_FALSE(c.amend(secondId, QStringLiteral("  "), QStringLiteral("why")));
    CHECK_FALSE(c.lastError().isEmpty());
    CHECK(roleData(*c.notes(), 1, N::HistoryRole).toList().size() == 2);

    // An amendment that changes the tags (made elsewhere, e.g. another screen): the third note moves from 2.6 to 2.7.
    const auto thirdId = *RecordId::fromString(roleData(*c.notes(), 2, N::NoteIdRole).toString().toStdString());
    REQUIRE(store::NoteService(demo.store())
                .amendNote(thirdId, "Transition to groups took 40 seconds using the posted routine.", {"2.7", "5.2"}, "Wrong element")
                .ok());
    ui::ObservationController reloaded;
    CheckedModel reloadedNotes(reloaded.notes());
    CheckedModel reloadedSummary(reloaded.summary());
    reloaded.setSession(demo.session.get());
    reloaded.setCaseId(qs(caseId));
    REQUIRE(reloaded.active());
    REQUIRE(reloaded.notes()->rowCount() == 4);
    CHECK(roleData(*reloaded.notes(), 2, N::TagsRole).toStringList() == (QStringList{QStringLiteral("2.7"), QStringLiteral("5.2")}));
    CHECK(roleData(*reloaded.notes(), 2, N::AmendedRole).toBool());

    // Ending with text still in the composer is refused.
    reloaded.setDraftText(QStringLiteral("half a thought"));
    CHECK_FALSE(reloaded.end());
    CHECK_FALSE(reloaded.lastError().isEmpty());
    CHECK(reloaded.active());
    reloaded.setDraftText({});

    // End: the summary groups the current wording by element, amended tags counted where they now are.
    REQUIRE(reloaded.end());
    CHECK(reloaded.showingSummary());
    CHECK_FALSE(reloaded.active());
    ui::ObservationSummaryModel &summary = *reloaded.summary();
    CHECK(summary.noteCount() == 4);
    CHECK(summary.untaggedCount() == 1);
    using S = ui::ObservationSummaryModel::Role;
    std::vector<std::pair<QString, int>> got;
    for (int row = 0; row < summary.rowCount(); ++row) {
        got.emplace_back(roleData(summary, row, S::TagRole).toString(), roleData(summary, row, S::NoteCountRole).toInt());
        CHECK(roleData(summary, row, S::NotesRole).toList().size() == got.back().second);
        CHECK_FALSE(roleData(summary, row, S::SectionRole).toString().isEmpty());
        CHECK_FALSE(roleData(summary, row, S::LabelRole).toString().isEmpty());
    }
    // note 1: 2.6 2.7 · note 2 (amended, same tags): 5.2 · note 3 (amended): 2.7 5.2 · note 4: untagged
    const std::vector<std::pair<QString, int>> expected{{QStringLiteral("2.6"), 1}, {QStringLiteral("2.7"), 2}, {QStringLiteral("5.2"), 2}};
    CHECK(got == expected);
    const QVariantList in52 = roleData(summary, 2, S::NotesRole).toList();
    REQUIRE(in52.size() == 2);
    CHECK(in52[0].toMap()[QStringLiteral("text")].toString().startsWith(QStringLiteral("Asked four"))); // current wording
    CHECK(roleData(summary, 0, S::SectionRole).toString().contains(QStringLiteral("2")));
    auto openAfter = store::NoteService(demo.store()).openObservation(caseId);
    REQUIRE(openAfter.ok());
    CHECK_FALSE(openAfter->has_value());

    reloaded.closeSummary();
    CHECK_FALSE(reloaded.showingSummary());
    CHECK_FALSE(reloaded.active());
    CHECK(reloaded.notes()->rowCount() == 0);
    // The first controller still shows its (now ended) observation; saving into it is refused by the store.
    c.setDraftText(QStringLiteral("late note"));
    CHECK_FALSE(c.saveNote());
    CHECK_FALSE(c.lastError().isEmpty());
    c.setDraftText({});
}

TEST_CASE("ObservationSummaryModel groups by standard and element in catalogue order", "[ui]")
{
    test::guiApp();
    ui::ObservationSummaryModel summary;
    CheckedModel checked(&summary);
    CHECK(summary.rowCount() == 0);
    auto note = [](const char *text, std::vector<std::string> tags, std::int64_t offset) {
        store::NoteWithHistory n;
        n.note.id = RecordId::generate();
        n.note.text = text;
        n.note.tags = std::move(tags);
        n.note.offsetMs = offset;
        return n;
    };
    std::vector<store::NoteWithHistory> notes;
    notes.push_back(note("a", {"2.10", "1.1"}, 1000));
    notes.push_back(note("b", {"2.9"}, 2000));
    notes.push_back(note("c", {"5"}, 3000));
    notes.push_back(note("d", {}, 4000));
    notes.push_back(note("e", {"2.9"}, 5000));
    Amendment a;
    a.noteId = notes[4].note.id;
    a.text = "e amended";
    a.tags = {"1.1"};
    notes[4].amendments.push_back(a);
    QSignalSpy countSpy(&summary, &ui::ObservationSummaryModel::countChanged);
    summary.build(notes);
    CHECK(countSpy.count() == 1);
    CHECK(summary.noteCount() == 5);
    CHECK(summary.untaggedCount() == 1);
    using S = ui::ObservationSummaryModel::Role;
    QStringList order;
    for (int row = 0; row < summary.rowCount(); ++row) order << roleData(summary, row, S::TagRole).toString();
    CHECK(order == (QStringList{QStringLiteral("1.1"), QStringLiteral("2.9"), QStringLiteral("2.10"), QStringLiteral("5")}));
    CHECK(roleData(summary, 0, S::NoteCountRole).toInt() == 2); // a, and e after its amendment
    const QVariantList first = roleData(summary, 0, S::NotesRole).toList();
    REQUIRE(first.size() == 2);
    CHECK(first[1].toMap()[QStringLiteral("text")].toString() == QStringLiteral("e amended"));
    CHECK(first[1].toMap()[QStringLiteral("offsetText")].toString().startsWith(QStringLiteral("+")));
    CHECK(roleData(summary, 1, S::NoteCountRole).toInt() == 1);           // b only: e left 2.9
    CHECK_FALSE(roleData(summary, 3, S::LabelRole).toString().isEmpty()); // a whole-standard tag has a label too
    summary.build({});
    CHECK(summary.rowCount() == 0);
    CHECK(summary.noteCount() == 0);
}

TEST_CASE("The draft is saved by the event loop within kDraftSaveDelayMs and comes back after reopening", "[ui]")
{
    DemoSession demo;
    const RecordId caseId = demo.idleCase(CaseKind::Volunteer);
    RecordId obsId;
    const QString typed = QStringLiteral("Students at table 3 sharing one calculator; teacher circulates — ");
    {
        ui::ObservationController c;
        CheckedModel tagsChecked(c.tags());
        c.setSession(demo.session.get());
        c.setCaseId(qs(caseId));
        CHECK(c.confidential());
        REQUIRE(c.start(false, false, QString()));
        obsId = *RecordId::fromString(c.observationId().toStdString());

        QSignalSpy savedSpy(&c, &ui::ObservationController::draftSavedChanged);
        c.setDraftText(typed);
        c.tags()->toggle(QStringLiteral("4.2"));
        CHECK_FALSE(c.draftSaved());
        auto before = store::NoteService(demo.store()).draft(obsId);
        REQUIRE(before.ok());
        CHECK_FALSE(before->has_value()); // not written synchronously on every keystroke

        test::spin(ui::ObservationController::kDraftSaveDelayMs + 150);
        CHECK(c.draftSaved());
        CHECK(savedSpy.count() >= 2);
        auto stored = store::NoteService(demo.store()).draft(obsId);
        REQUIRE(stored.ok());
        REQUIRE(stored->has_value());
        CHECK(QString::fromStdString((*stored)->text) == typed);
        CHECK((*stored)->tags == std::vector<std::string>{"4.2"});

        // Throttled, not debounced: while typing continues, the draft is still written every kDraftSaveDelayMs.
        QString text = typed;
        for (int i = 0; i < 30; ++i) {
            text += QLatin1Char(static_cast<char>('a' + i % 26));
            c.setDraftText(text);
            test::spin(20);
        }
        auto during = store::NoteService(demo.store()).draft(obsId);
        REQUIRE(during.ok());
        REQUIRE(during->has_value());
        const QString duringText = QString::fromStdString((*during)->text);
        CHECK(text.startsWith(duringText));
        CHECK(duringText.size() > typed.size() + 10); // saved while the typing went on
        c.setDraftText(typed);
        test::spin(ui::ObservationController::kDraftSaveDelayMs + 150);
        CHECK(c.draftSaved());
        // Not through a flush on destruction: the draft is already on disk here.
        auto final = store::NoteService(demo.store()).draft(obsId);
        REQUIRE(final.ok());
        REQUIRE(final->has_value());
        CHECK(QString::fromStdString((*final)->text) == typed);
    }

    demo.reopen();
    ui::ObservationController again;
    CheckedModel tagsChecked(again.tags());
    again.setSession(demo.session.get());
    again.setCaseId(qs(caseId));
    REQUIRE(again.active());
    CHECK(again.observationId() == qs(obsId));
    CHECK(again.draftText() == typed);
    CHECK(again.tags()->selected() == QStringList{QStringLiteral("4.2")});
    CHECK(again.draftSaved());
    // Saving the note clears the draft in the same transaction.
    REQUIRE(again.saveNote());
    auto cleared = store::NoteService(demo.store()).draft(obsId);
    REQUIRE(cleared.ok());
    CHECK_FALSE(cleared->has_value());
    // A tag tapped with nothing typed is a draft too.
    again.tags()->toggle(QStringLiteral("1.1"));
    test::spin(ui::ObservationController::kDraftSaveDelayMs + 150);
    auto tagOnly = store::NoteService(demo.store()).draft(obsId);
    REQUIRE(tagOnly.ok());
    REQUIRE(tagOnly->has_value());
    CHECK((*tagOnly)->tags == std::vector<std::string>{"1.1"});
    again.tags()->clearSelection();
    test::spin(ui::ObservationController::kDraftSaveDelayMs + 150);
    auto none = store::NoteService(demo.store()).draft(obsId);
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value()); // nothing typed, nothing tagged: no draft left behind
}

TEST_CASE("Settings changed while Triad was closed are said at unlock, over a caseload that is all still there", "[ui]")
{
    DemoSession demo;
    CHECK(demo.session->deviceWarning().isEmpty());
    demo.session->lock();
    {
        // Someone with the device's files removes the seal over its settings while Triad is closed.
        sqlite3 *db = nullptr;
        REQUIRE(sqlite3_open(store::LocalStore::databasePath(demo.fixture.dir).toUtf8().constData(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, "DELETE FROM meta WHERE key = 'state_mac'", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    demo.unlock();
    const QString warning = demo.session->deviceWarning();
    INFO(warning.toStdString());
    CHECK_FALSE(warning.isEmpty());
    CHECK(warning.contains(QStringLiteral("closed")));
    ui::CaseloadModel model;
    model.setSession(demo.session.get());
    CHECK(model.rowCount() == 7);
}
