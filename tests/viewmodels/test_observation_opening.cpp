// A long observation opens at once: the newest notes before the page shows, the older ones on a thread of their own.
// These tests hold the page to what it showed before that change once every note is open (same notes, same order,
// same summary), and to what a mentor does while notes are still opening: save a note, close the page, lock the app.
#include "note_list_model.h"
#include "observation_controller.h"
#include "observation_summary_model.h"
#include "vm_support.h"
#include "identity.h"
#include "note_service.h"

#include <QDir>
#include <QSignalSpy>

#include <algorithm>

using namespace triad;
using triad::test::CheckedModel;
using triad::test::DemoSession;
using triad::test::qs;
using N = ui::NoteListModel::Role;

namespace {

// More notes than the first page holds, so that most of them open after the page shows.
constexpr int kNotes = static_cast<int>(10 * ui::ObservationController::kFirstPage) + 37;

std::vector<std::string> tagsFor(int i)
{
    switch (i % 5) {
    case 0: return {"2.6"};
    case 1: return {"5.2", "2.7"};
    case 2: return {};
    case 3: return {"4.2"};
    default: return {"1.1", "2.6"};
    }
}

// An observation under way with kNotes notes, the oldest three corrected (one twice, one to other tags).
struct LongObservation {
    DemoSession demo;
    RecordId caseId, observationId;

    LongObservation()
    {
        caseId = demo.idleCase(CaseKind::Referred);
        auto obs = store::NoteService(demo.store()).startObservation(caseId, ObservationKind::Formal, true, "Period 3");
        REQUIRE(obs.ok());
        observationId = obs->id;
        REQUIRE(demo.store().database().exec("PRAGMA synchronous=OFF").ok()); // set-up only
        std::vector<RecordId> ids;
        for (int i = 0; i < kNotes; ++i) {
            auto n = store::NoteService(demo.store()).addNote(observationId, "Note " + std::to_string(i) + ": students at work.", tagsFor(i));
            REQUIRE(n.ok());
            ids.push_back(n->id);
        }
        auto amend = [&](int i, const std::string &text, std::vector<std::string> tags) {
            REQUIRE(store::NoteService(demo.store()).amendNote(ids[static_cast<std::size_t>(i)], text, tags, "Corrected").ok());
        };
        amend(0, "Note 0, corrected once.", {"2.6"});
        amend(0, "Note 0, corrected twice.", {"3.1"});
        amend(1, "Note 1, now about questioning.", {"1.1"});
        amend(2, "Note 2, tagged after all.", {"5.2"});
        // Five notes stored under one millisecond (as notes from two devices can be): ordered by record id among them.
        REQUIRE(demo.store()
                    .database()
                    .exec("UPDATE records SET created_at = (SELECT created_at FROM records WHERE id = x'" + crypto::toHex(ids[100].bytes)
                          + "') WHERE id IN (x'" + crypto::toHex(ids[100].bytes) + "', x'" + crypto::toHex(ids[101].bytes) + "', x'"
                          + crypto::toHex(ids[102].bytes) + "', x'" + crypto::toHex(ids[103].bytes) + "', x'" + crypto::toHex(ids[104].bytes) + "')")
                    .ok());
        REQUIRE(demo.store().database().exec("PRAGMA synchronous=FULL").ok());
    }

    std::vector<store::NoteWithHistory> stored()
    {
        auto notes = store::NoteService(demo.store()).notes(caseId, observationId);
        REQUIRE(notes.ok());
        return std::move(*notes);
    }
};

QVariant roleData(const QAbstractItemModel &m, int row, int role) { return m.data(m.index(row, 0), role); }

// The rows as the page shows them: id, current wording, tags, history length.
struct Shown {
    QString id, text, tags;
    int history = 0;
    bool unreadable = false;
    friend bool operator==(const Shown &, const Shown &) = default;
};

std::vector<Shown> shownRows(const ui::NoteListModel &m)
{
    std::vector<Shown> out;
    for (int row = 0; row < m.rowCount(); ++row)
        out.push_back({roleData(m, row, N::NoteIdRole).toString(), roleData(m, row, N::TextRole).toString(),
                       roleData(m, row, N::TagsTextRole).toString(), static_cast<int>(roleData(m, row, N::HistoryRole).toList().size()),
                       roleData(m, row, N::UnreadableRole).toBool()});
    return out;
}

// The same rows from the notes NoteService::notes() lists (what the page showed when it opened every note up front).
std::vector<Shown> expectedRows(const std::vector<store::NoteWithHistory> &notes)
{
    ui::NoteListModel m;
    m.setNotes(notes);
    return shownRows(m);
}

std::vector<std::pair<QString, int>> summaryRows(const ui::ObservationSummaryModel &s)
{
    std::vector<std::pair<QString, int>> out;
    for (int row = 0; row < s.rowCount(); ++row)
        out.emplace_back(roleData(s, row, ui::ObservationSummaryModel::TagRole).toString(),
                         roleData(s, row, ui::ObservationSummaryModel::NoteCountRole).toInt());
    return out;
}

// The page opened on the long observation, its older notes still to open.
void openLong(ui::ObservationController &c, LongObservation &o)
{
    c.setSession(o.demo.session.get());
    c.setCaseId(qs(o.caseId));
    REQUIRE(c.openingNotes());
}

bool allOpen(const ui::ObservationController &c)
{
    return test::spinUntil([&] { return !c.openingNotes(); }, 60000);
}

// Threads of this process (Linux): the opener's thread must not outlive what started it.
int threadCount() { return static_cast<int>(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size()); }

// Flips one byte of a record's ciphertext, as a damaged disk would.
void damage(store::LocalStore &s, const RecordId &id)
{
    auto &db = s.database();
    auto read = db.prepare("SELECT body FROM records WHERE id = ?");
    REQUIRE(read.ok());
    (*read)->bind(1, std::span<const std::uint8_t>(id.bytes));
    REQUIRE(*(*read)->step());
    auto body = (*read)->columnBlob(0);
    body[body.size() - 70] ^= 0x20;
    auto write = db.prepare("UPDATE records SET body = ? WHERE id = ?");
    REQUIRE(write.ok());
    REQUIRE((*write)->bind(1, body).bind(2, std::span<const std::uint8_t>(id.bytes)).run().ok());
}

} // namespace

TEST_CASE("A long observation shows its newest notes at once, then every note in the same order as before", "[ui][opening]")
{
    LongObservation o;
    const auto stored = o.stored();
    REQUIRE(stored.size() == static_cast<std::size_t>(kNotes));
    const std::vector<Shown> expected = expectedRows(stored);

    ui::ObservationController c;
    CheckedModel notesChecked(c.notes());
    CheckedModel summaryChecked(c.summary());
    QSignalSpy inserted(c.notes(), &QAbstractItemModel::rowsInserted);
    c.setSession(o.demo.session.get());
    c.setCaseId(qs(o.caseId));
    REQUIRE(c.active());

    // Before the event loop runs: the newest page only, in order, and the page says the rest are opening.
    const auto first = static_cast<int>(ui::ObservationController::kFirstPage);
    REQUIRE(c.notes()->rowCount() == first);
    CHECK(c.openingNotes());
    CHECK(c.notesHeld() == kNotes);
    CHECK(c.notesRead() == first);
    const std::vector<Shown> newest = shownRows(*c.notes());
    CHECK(newest == std::vector<Shown>(expected.end() - first, expected.end()));

    // Then every note, oldest first, exactly as NoteService::notes() lists them, amended wording and history included.
    REQUIRE(allOpen(c));
    CHECK(c.notesRead() == kNotes);
    CHECK(shownRows(*c.notes()) == expected);
    CHECK(c.lastError().isEmpty());
    REQUIRE(inserted.count() >= 1);
    for (const auto &args : inserted) CHECK(args.at(1).toInt() == 0); // older notes go in front
    CHECK(roleData(*c.notes(), 0, N::TextRole).toString() == QStringLiteral("Note 0, corrected twice."));
    CHECK(roleData(*c.notes(), 0, N::HistoryRole).toList().size() == 3);

    // The summary counts every note by its current tags: the same as from the stored notes.
    ui::ObservationSummaryModel fromStore;
    fromStore.build(stored);
    REQUIRE(c.end());
    CHECK(c.summary()->noteCount() == kNotes);
    CHECK(c.summary()->untaggedCount() == fromStore.untaggedCount());
    CHECK(summaryRows(*c.summary()) == summaryRows(fromStore));
}

TEST_CASE("Ending the observation while older notes are still opening counts them all", "[ui][opening]")
{
    LongObservation o;
    ui::ObservationSummaryModel fromStore;
    fromStore.build(o.stored());
    ui::ObservationController c;
    CheckedModel notesChecked(c.notes());
    openLong(c, o);
    REQUIRE(c.end());
    CHECK_FALSE(c.openingNotes());
    CHECK(c.notes()->rowCount() == kNotes);
    CHECK(c.summary()->noteCount() == kNotes);
    CHECK(summaryRows(*c.summary()) == summaryRows(fromStore));
}

TEST_CASE("A note saved while older notes are still opening is kept once, after them", "[ui][opening]")
{
    LongObservation o;
    ui::ObservationController c;
    CheckedModel notesChecked(c.notes());
    openLong(c, o);
    test::spin(1); // one slice at most: still opening
    c.setDraftText(QStringLiteral("Saved while the page was still opening."));
    c.tags()->toggle(QStringLiteral("2.6"));
    QSignalSpy saved(&c, &ui::ObservationController::noteSaved);
    REQUIRE(c.saveNote());
    REQUIRE(saved.count() == 1);
    const QString savedId = saved.at(0).at(0).toString();
    CHECK(roleData(*c.notes(), c.notes()->rowCount() - 1, N::NoteIdRole).toString() == savedId);

    REQUIRE(allOpen(c));
    const auto stored = o.stored();
    REQUIRE(stored.size() == static_cast<std::size_t>(kNotes) + 1);
    CHECK(shownRows(*c.notes()) == expectedRows(stored));
    const auto rows = shownRows(*c.notes());
    CHECK(std::count_if(rows.begin(), rows.end(), [&](const Shown &r) { return r.id == savedId; }) == 1);
    CHECK(rows.back().id == savedId);
}

TEST_CASE("A note that cannot be opened shows as unreadable in its place; the others still open", "[ui][opening]")
{
    LongObservation o;
    const auto before = o.stored();
    const std::vector<Shown> expected = expectedRows(before);
    // One note in the first page and one among those opened later.
    const std::size_t newer = before.size() - 5, older = 10;
    damage(o.demo.store(), before[newer].note.id);
    damage(o.demo.store(), before[older].note.id);
    REQUIRE_FALSE(store::NoteService(o.demo.store()).notes(o.caseId, o.observationId).ok()); // as before: named, refused

    ui::ObservationController c;
    CheckedModel notesChecked(c.notes());
    c.setSession(o.demo.session.get());
    c.setCaseId(qs(o.caseId));
    REQUIRE(allOpen(c));
    const auto rows = shownRows(*c.notes());
    REQUIRE(rows.size() == expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO("row " << i);
        if (i == newer || i == older) {
            CHECK(rows[i].unreadable);
            CHECK(rows[i].id == expected[i].id);
            CHECK(rows[i].text.contains(expected[i].id)); // a sentence naming the record
            CHECK(rows[i].text.contains(QStringLiteral("cannot be opened")));
            CHECK(rows[i].tags.isEmpty());
            CHECK_FALSE(roleData(*c.notes(), static_cast<int>(i), N::TimeTextRole).toString().isEmpty());
        } else {
            CHECK(rows[i] == expected[i]);
        }
    }
    // It cannot be corrected, and the summary counts only what it can read.
    CHECK_FALSE(c.amend(expected[older].id, QStringLiteral("new text"), QStringLiteral("why")));
    CHECK_FALSE(c.lastError().isEmpty());
    REQUIRE(c.end());
    CHECK(c.summary()->noteCount() == kNotes - 2);
}

TEST_CASE("Closing the page, another case or locking while notes are opening is safe", "[ui][opening]")
{
    LongObservation o;
    SECTION("the page closes (the controller is destroyed) mid-way")
    {
        const int threadsBefore = threadCount();
        auto c = std::make_unique<ui::ObservationController>();
        c->setSession(o.demo.session.get());
        c->setCaseId(qs(o.caseId));
        REQUIRE(c->openingNotes()); // until the event loop hands over the last page
        c.reset();
        CHECK(threadCount() <= threadsBefore); // the opener's thread joined, not left running (an idle pool thread may end)
        test::spin(50); // nothing left to run
        CHECK(store::NoteService(o.demo.store()).notes(o.caseId, o.observationId).ok());
    }
    SECTION("another case opens mid-way")
    {
        ui::ObservationController c;
        CheckedModel notesChecked(c.notes());
        const int threadsBefore = threadCount();
        openLong(c, o);
        const RecordId other = o.demo.idleCase(CaseKind::Volunteer);
        c.setCaseId(qs(other));
        CHECK_FALSE(c.openingNotes());
        CHECK(threadCount() <= threadsBefore);
        CHECK(c.notes()->rowCount() == 0);
        test::spin(50);
        CHECK(c.notes()->rowCount() == 0); // nothing of the first case arrives late
    }
    SECTION("the app locks mid-way, then unlocks")
    {
        ui::ObservationController c;
        CheckedModel notesChecked(c.notes());
        openLong(c, o);
        const int shown = c.notes()->rowCount();
        o.demo.session->lock();
        CHECK_FALSE(c.openingNotes()); // stopped at once: its connection and copy of the keys are gone
        test::spin(50);
        CHECK_FALSE(c.openingNotes());
        CHECK(c.notes()->rowCount() == shown); // nothing more is opened without the keys
        o.demo.unlock();
    }
}
