#include "store_fixture.h"
#include "test_support.h"

#include "demo_district.h"
#include "sqlite_db.h"
#include "sync_queue.h"
#include "case_service.h"
#include "note_service.h"

#include <QFile>

using namespace triad;
using triad::test::StoreFixture;

namespace {
std::int64_t count(store::LocalStore &s, const char *sql)
{
    auto n = s.database().queryInt(sql);
    REQUIRE(n.ok());
    return *n;
}
} // namespace

TEST_CASE("The text of a note never reaches the store's files in the clear", "[store][crypto]")
{
    StoreFixture f;
    std::vector<std::string> markers;
    for (int i = 0; i < 40; ++i) {
        markers.push_back(test::randomMarker("NOTE"));
        auto note = f.notes().addNoteToCase(f.caseId, "Observed " + markers.back() + " during the warm-up", {"2.6"});
        REQUIRE(note.ok());
    }
    auto amendment = f.notes().notes(f.caseId);
    REQUIRE(amendment.ok());
    const std::string reasonMarker = test::randomMarker("REASON");
    REQUIRE(f.notes().amendNote(amendment->front().note.id, "Corrected " + markers.front(), {"2.7"}, reasonMarker).ok());

    auto check = [&](const QByteArray &bytes) {
        for (const auto &m : markers) REQUIRE_FALSE(bytes.contains(QByteArray::fromStdString(m)));
        REQUIRE_FALSE(bytes.contains(QByteArray::fromStdString(reasonMarker)));
        // Names and schools are free text too.
        REQUIRE_FALSE(bytes.contains("Jordan Lee"));
        REQUIRE_FALSE(bytes.contains("Alex Rivera"));
        REQUIRE_FALSE(bytes.contains("Cottonwood"));
    };
    check(f.allBytesOnDisk()); // WAL still holds the pages
    REQUIRE(f.store->database().exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    check(f.allBytesOnDisk());

    // …and yet every note opens and reads back exactly.
    auto notes = f.notes().notes(f.caseId);
    REQUIRE(notes.ok());
    REQUIRE(notes->size() == markers.size());
    for (std::size_t i = 0; i < markers.size(); ++i) REQUIRE((*notes)[i].note.text == "Observed " + markers[i] + " during the warm-up");
}

TEST_CASE("Each change and its outbox entry are written in one transaction", "[store]")
{
    StoreFixture f;
    const auto recordsBefore = count(*f.store, "SELECT COUNT(*) FROM records");
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM outbox") == recordsBefore);
    REQUIRE(f.notes().addNoteToCase(f.caseId, "First note", {}).ok()); // starts an observation: two records
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM records") == recordsBefore + 2);
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM outbox") == recordsBefore + 2);
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM records r LEFT JOIN outbox o ON o.record_seq = r.seq WHERE o.record_seq IS NULL") == 0);

    // If the transaction fails half-way, neither the record nor the outbox row stays.
    REQUIRE(f.store->database().exec("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'no'); END").ok());
    auto refused = f.notes().addNoteToCase(f.caseId, "Second note", {});
    REQUIRE_FALSE(refused.ok());
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM records") == recordsBefore + 2);
    REQUIRE(f.store->database().exec("DROP TRIGGER refuse").ok());
}

TEST_CASE("Sync's own commits skip their fsync only for themselves: the next note commits with one", "[store]")
{
    // docs/storage.md: a pulled page, "sent" marks and the last-synced time are committed with synchronous=NORMAL for
    // that commit only. The connection must be back at FULL afterwards, or the next note would be lost in a power cut.
    StoreFixture f;
    store::Database &db = f.store->database();
    REQUIRE(count(*f.store, "PRAGMA synchronous") == 2);
    store::SyncQueue queue(*f.store);
    REQUIRE(queue.applyPulled({}, "cursor-1").ok());
    CHECK(count(*f.store, "PRAGMA synchronous") == 2);
    CHECK(*queue.cursor() == "cursor-1");
    REQUIRE(queue.setLastSyncedAt(1234).ok());
    CHECK(count(*f.store, "PRAGMA synchronous") == 2);
    // A page that fails to store (here: the write lock held by another connection, so BEGIN IMMEDIATE waits and gives
    // up) leaves the setting as it was, and the cursor too.
    auto other = store::Database::open(db.path(), false);
    REQUIRE(other.ok());
    REQUIRE((*other)->exec("PRAGMA busy_timeout=0").ok());
    REQUIRE(db.exec("PRAGMA busy_timeout=0").ok());
    REQUIRE((*other)->exec("BEGIN IMMEDIATE").ok());
    CHECK_FALSE(queue.applyPulled({}, "cursor-2").ok());
    REQUIRE((*other)->exec("ROLLBACK").ok());
    CHECK(count(*f.store, "PRAGMA synchronous") == 2);
    CHECK(*queue.cursor() == "cursor-1");
}

TEST_CASE("A read snapshot sees one state of the store, and inside a transaction leaves it the caller's", "[store]")
{
    StoreFixture f;
    store::Database &db = f.store->database();
    const auto notesBefore = count(*f.store, "SELECT COUNT(*) FROM records");
    {
        store::ReadSnapshot snapshot(db);
        REQUIRE(snapshot.begin().ok());
        REQUIRE(count(*f.store, "SELECT COUNT(*) FROM records") == notesBefore); // takes the snapshot
        // Another connection (triadctl, the app's other half) writes meanwhile: WAL lets it, and the snapshot does not
        // see it until it ends.
        auto other = store::Database::open(db.path(), false);
        REQUIRE(other.ok());
        REQUIRE((*other)->exec("CREATE TABLE written_meanwhile (x INTEGER)").ok());
        REQUIRE(count(*f.store, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'written_meanwhile'") == 0);
    }
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'written_meanwhile'") == 1);

    // Inside a write transaction it begins nothing and ends nothing: the transaction is still the caller's to commit.
    store::Transaction tx(db);
    REQUIRE(tx.begin().ok());
    REQUIRE(db.exec("INSERT INTO written_meanwhile VALUES (1)").ok());
    {
        store::ReadSnapshot snapshot(db);
        REQUIRE(snapshot.begin().ok());
    }
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM written_meanwhile") == 1);
    REQUIRE(tx.commit().ok());
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM written_meanwhile") == 1);
}

TEST_CASE("A note's id begins with its time; people name it by its end", "[store][ids]")
{
    StoreFixture f;
    std::int64_t clock = 1'790'000'000'000;
    f.store->setClock([&] { return clock; });
    std::vector<Note> notes;
    for (int i = 0; i < 5; ++i) {
        auto n = f.notes().addNoteToCase(f.caseId, "Note " + std::to_string(i), {"2.6"});
        REQUIRE(n.ok());
        notes.push_back(*n);
        clock += 7;
    }
    for (const Note &n : notes) {
        INFO(n.id.toString());
        CHECK((n.id.bytes[6] >> 4) == 7); // a time-ordered id...
        std::int64_t ms = 0;
        for (std::size_t b = 0; b < 6; ++b) ms = (ms << 8) | n.id.bytes[b];
        CHECK(ms == n.takenAtMs); // ...of the note's own (signed) time
        // Its end names it alone, in either case; its whole id too.
        const auto byEnd = f.notes().matchNoteIds(n.id.shortText());
        REQUIRE(byEnd.ok());
        CHECK(*byEnd == std::vector<RecordId>{n.id});
        std::string upper = n.id.shortText();
        for (char &c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK(*f.notes().matchNoteIds(upper) == std::vector<RecordId>{n.id});
        CHECK(*f.notes().matchNoteIds(n.id.toString()) == std::vector<RecordId>{n.id});
    }
    // Their starts are their times: notes of the same minute share them, so a start names them all (ambiguous).
    CHECK(f.notes().matchNoteIds(notes[0].id.toString().substr(0, 8))->size() == notes.size());
    // A case (a random id) is still found by its start.
    CHECK(*store::CaseService(*f.store).matchCaseIds(f.caseId.toString().substr(0, 8)) == std::vector<RecordId>{f.caseId});
}

TEST_CASE("Notes go into the case's open observation, starting one when none is open", "[store]")
{
    StoreFixture f;
    std::int64_t clock = 1'790'000'000'000;
    f.store->setClock([&] { return clock; });
    auto first = f.notes().addNoteToCase(f.caseId, "Students entering", {"2.6"});
    REQUIRE(first.ok());
    REQUIRE(first->offsetMs == 0);
    clock += 125'000;
    auto second = f.notes().addNoteToCase(f.caseId, "Warm-up posted", {"2.7", "5"});
    REQUIRE(second.ok());
    REQUIRE(second->observationId == first->observationId);
    REQUIRE(second->offsetMs == 125'000);
    REQUIRE(formatOffset(second->offsetMs) == "00:02:05");

    auto open = f.notes().openObservation(f.caseId);
    REQUIRE(open.ok());
    REQUIRE(open->has_value());
    REQUIRE((*open)->kind == ObservationKind::Informal);
    REQUIRE_FALSE((*open)->scheduled);
    REQUIRE(f.notes().endObservation((*open)->id).ok());
    REQUIRE_FALSE(f.notes().addNote((*open)->id, "too late", {}).ok());

    auto third = f.notes().addNoteToCase(f.caseId, "Next lesson", {});
    REQUIRE(third.ok());
    REQUIRE(third->observationId != first->observationId);
    auto observations = f.notes().observations(f.caseId);
    REQUIRE(observations.ok());
    REQUIRE(observations->size() == 2);

    auto formal = f.notes().startObservation(f.caseId, ObservationKind::Formal, true, "Period 2");
    REQUIRE_FALSE(formal.ok());
    REQUIRE(formal.error().code == "observation.already_open");
}

TEST_CASE("A correction is an amendment; the original note stays", "[store]")
{
    StoreFixture f;
    auto note = f.notes().addNoteToCase(f.caseId, "Six students late", {"2.6"});
    REQUIRE(note.ok());
    auto a1 = f.notes().amendNote(note->id, "Four students late", {"2.6"}, "Two had office passes");
    REQUIRE(a1.ok());
    auto a2 = f.notes().amendNote(note->id, "Four students late, no warm-up", {"2.6", "2.7"}, "Added what I missed");
    REQUIRE(a2.ok());
    auto notes = f.notes().notes(f.caseId);
    REQUIRE(notes.ok());
    REQUIRE(notes->size() == 1);
    const auto &n = notes->front();
    REQUIRE(n.note.text == "Six students late");
    REQUIRE(n.amendments.size() == 2);
    REQUIRE(n.amendments[0].reason == "Two had office passes");
    REQUIRE(n.amendments[1].text == "Four students late, no warm-up");
    REQUIRE(n.amendments[1].tags == std::vector<std::string>{"2.6", "2.7"});

    REQUIRE(f.notes().amendNote(note->id, "x", {}, "   ").error().code == "input.empty");
    REQUIRE(f.notes().amendNote(RecordId::generate(), "x", {}, "why").error().code == "note.unknown");
}

TEST_CASE("Bad input is refused with a reason and changes nothing", "[store]")
{
    StoreFixture f;
    const auto before = count(*f.store, "SELECT COUNT(*) FROM records");
    CHECK(f.notes().addNoteToCase(f.caseId, "   \n", {}).error().code == "input.empty");
    CHECK(f.notes().addNoteToCase(f.caseId, "ok", {"9.9"}).error().code == "note.unknown_tag");
    CHECK(f.notes().addNoteToCase(f.caseId, "ok", {"1.4", "nonsense"}).error().message.find("nonsense") != std::string::npos);
    CHECK(f.notes().addNoteToCase(f.caseId, std::string(store::kMaxNoteChars + 1, 'a'), {}).error().code == "input.too_long");
    CHECK(f.notes().addNoteToCase(f.caseId, std::string("bad \xff\xfe utf8"), {}).error().code == "input.encoding");
    CHECK(f.notes().addNoteToCase(RecordId::generate(), "ok", {}).error().code == "case.unknown");
    CHECK(count(*f.store, "SELECT COUNT(*) FROM records") == before);
    // Multi-byte text is counted in characters, not bytes.
    CHECK(f.notes().addNoteToCase(f.caseId, std::string(store::kMaxNoteChars / 2, 'a') + "é — ✓", {}).ok());
}

TEST_CASE("A wrong passphrase and a damaged key file are told apart", "[store][crypto]")
{
    StoreFixture f(false);
    f.store.reset();
    auto wrong = f.openWith("not the passphrase");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == "keystore.wrong_passphrase");

    const QString keyFile = store::LocalStore::keyFilePath(f.dir);
    QByteArray key = test::readFile(keyFile);
    QByteArray damaged = key;
    damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x01);
    test::writeFile(keyFile, damaged);
    auto corrupt = f.openWith(test::kPassphrase);
    REQUIRE_FALSE(corrupt.ok());
    CHECK(corrupt.error().code == "keystore.corrupt");
    CHECK(corrupt.error().message.find("identity.key") != std::string::npos);
    CHECK(corrupt.error().message.find("damaged") != std::string::npos);

    test::writeFile(keyFile, key.left(10));
    CHECK(f.openWith(test::kPassphrase).error().code == "keystore.corrupt");

    test::writeFile(keyFile, key);
    CHECK(f.openWith(test::kPassphrase).ok());
}

TEST_CASE("A key file from another store is refused", "[store][crypto]")
{
    StoreFixture a(false);
    StoreFixture b(false);
    a.store.reset();
    test::writeFile(store::LocalStore::keyFilePath(a.dir), test::readFile(store::LocalStore::keyFilePath(b.dir)));
    auto opened = a.openWith(test::kPassphrase);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().code == "store.key_mismatch");
}

TEST_CASE("Creating over an existing store or opening an empty directory is refused", "[store]")
{
    StoreFixture f(false);
    auto again = store::LocalStore::create(f.dir, f.keystore, platform::UnlockCredential::fromPassphrase(test::kPassphrase), {});
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "store.exists");
    QTemporaryDir empty;
    auto none = store::LocalStore::open(empty.path(), f.keystore, platform::UnlockCredential::fromPassphrase(test::kPassphrase));
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == "store.not_initialised");
}

TEST_CASE("A tampered or swapped record is refused and verify names it", "[store][crypto]")
{
    StoreFixture f;
    auto n1 = f.notes().addNoteToCase(f.caseId, "First", {});
    auto n2 = f.notes().addNoteToCase(f.caseId, "Second", {});
    REQUIRE(n1.ok());
    REQUIRE(n2.ok());
    REQUIRE(f.store->verify().ok());

    auto &db = f.store->database();
    SECTION("one flipped byte in a record")
    {
        // Flip one ciphertext byte of the first note.
        auto read = db.prepare("SELECT body FROM records WHERE id = ?");
        REQUIRE(read.ok());
        (*read)->bind(1, std::span<const std::uint8_t>(n1->id.bytes));
        REQUIRE(*(*read)->step());
        auto body = (*read)->columnBlob(0);
        body[body.size() - 70] ^= 0x20;
        auto write = db.prepare("UPDATE records SET body = ? WHERE id = ?");
        REQUIRE(write.ok());
        REQUIRE((*write)->bind(1, body).bind(2, std::span<const std::uint8_t>(n1->id.bytes)).run().ok());

        auto notes = f.notes().notes(f.caseId);
        REQUIRE_FALSE(notes.ok());
        CHECK(notes.error().message.find(n1->id.toString()) != std::string::npos);
        auto report = f.store->verify();
        CHECK_FALSE(report.ok());
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems[0].find(n1->id.toString()) != std::string::npos);
    }
    SECTION("two records' bodies swapped")
    {
        auto read = db.prepare("SELECT body FROM records WHERE id = ?");
        REQUIRE(read.ok());
        auto bodyOf = [&](const RecordId &id) {
            (*read)->reset().bind(1, std::span<const std::uint8_t>(id.bytes));
            REQUIRE(*(*read)->step());
            return (*read)->columnBlob(0);
        };
        const auto b1 = bodyOf(n1->id), b2 = bodyOf(n2->id);
        (*read)->reset();
        auto write = db.prepare("UPDATE records SET body = ? WHERE id = ?");
        REQUIRE(write.ok());
        REQUIRE((*write)->reset().bind(1, b2).bind(2, std::span<const std::uint8_t>(n1->id.bytes)).run().ok());
        REQUIRE((*write)->reset().bind(1, b1).bind(2, std::span<const std::uint8_t>(n2->id.bytes)).run().ok());
        auto notes = f.notes().notes(f.caseId);
        REQUIRE_FALSE(notes.ok());
        CHECK(notes.error().code == "record.mismatch");
        auto report = f.store->verify();
        CHECK(report.problems.size() == 2);
    }
    SECTION("a record moved to another case in the plaintext index")
    {
        REQUIRE(db.exec("UPDATE records SET case_id = x'" + crypto::toHex(RecordId::generate().bytes) + "' WHERE id = x'"
                        + crypto::toHex(n2->id.bytes) + "'")
                    .ok());
        auto report = f.store->verify();
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems[0].find("wrong case") != std::string::npos);
    }
}

TEST_CASE("A record's checked tag stands for its signature only over the bytes this store tagged", "[store][crypto][attack]")
{
    StoreFixture f;
    auto n1 = f.notes().addNoteToCase(f.caseId, "First", {});
    auto n2 = f.notes().addNoteToCase(f.caseId, "Second", {});
    REQUIRE(n1.ok());
    REQUIRE(n2.ok());
    auto &db = f.store->database();
    auto read = db.prepare("SELECT body, checked_tag FROM records WHERE id = ?");
    REQUIRE(read.ok());
    auto rowOf = [&](const RecordId &id) {
        (*read)->reset().bind(1, std::span<const std::uint8_t>(id.bytes));
        REQUIRE(*(*read)->step());
        std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>> row{(*read)->columnBlob(0), (*read)->columnBlob(1)};
        (*read)->reset();
        return row;
    };
    auto write = db.prepare("UPDATE records SET body = ?, checked_tag = ? WHERE id = ?");
    REQUIRE(write.ok());
    auto rewrite = [&](const RecordId &id, const std::vector<std::uint8_t> &body, std::span<const std::uint8_t> tag) {
        (*write)->reset().bind(1, body);
        if (tag.empty())
            (*write)->bindNull(2);
        else
            (*write)->bind(2, tag);
        REQUIRE((*write)->bind(3, std::span<const std::uint8_t>(id.bytes)).run().ok());
    };
    auto firstNoteOpens = [&]() -> std::string {
        auto notes = f.notes().notes(f.caseId);
        if (!notes) return notes.error().code;
        return notes->size() == 2 && notes->front().note.text == "First" ? "ok" : "other notes";
    };

    // A record sealed here is tagged by this store's CheckedTag key over every byte of it.
    const auto [body, tag] = rowOf(n1->id);
    REQUIRE(tag.size() == 32);
    CHECK(f.store->checkedTagger().matches(body, tag));
    CHECK(firstNoteOpens() == "ok");

    // Its signature made unverifiable (the last byte is the signature's): with its old tag, or one made by anyone
    // else's key, the note is checked by its signature and refused, as without tags.
    std::vector<std::uint8_t> badSignature = body;
    badSignature.back() ^= 1;
    rewrite(n1->id, badSignature, tag);
    CHECK(firstNoteOpens() == "record.bad_signature");
    const crypto::RecordTag strangers = crypto::CheckedTagger(crypto::Identity::generate()).tag(badSignature);
    rewrite(n1->id, badSignature, strangers);
    CHECK(firstNoteOpens() == "record.bad_signature");
    const crypto::PersonTag sameperson = f.store->personTagger().tag(badSignature);
    rewrite(n1->id, badSignature, sameperson);
    CHECK(firstNoteOpens() == "record.bad_signature");
    // Only this store's own key makes a tag that stands for the signature; the audit still checks every signature.
    const crypto::RecordTag own = f.store->checkedTagger().tag(badSignature);
    rewrite(n1->id, badSignature, own);
    CHECK(firstNoteOpens() == "ok");
    auto report = f.store->verify();
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].find(n1->id.toString()) != std::string::npos);

    // No tag (a record held before schema 16): opened by its signature.
    rewrite(n1->id, body, {});
    CHECK(firstNoteOpens() == "ok");
    CHECK(f.store->verify().ok());

    // Two rows' bodies swapped with their tags: each tag matches its bytes, and the id check still refuses them.
    const auto [body2, tag2] = rowOf(n2->id);
    rewrite(n1->id, body2, tag2);
    rewrite(n2->id, body, tag);
    CHECK(firstNoteOpens() == "record.mismatch");
    rewrite(n1->id, body, tag);
    rewrite(n2->id, body2, tag2);
    CHECK(firstNoteOpens() == "ok");

    // A record imported from a file is tagged once its signature is checked.
    const auto bundle = f.store->exportRecords();
    REQUIRE(bundle.ok());
    REQUIRE(db.exec("DELETE FROM outbox WHERE record_seq = (SELECT seq FROM records WHERE id = x'" + crypto::toHex(n2->id.bytes) + "')").ok());
    REQUIRE(db.exec("DELETE FROM records WHERE id = x'" + crypto::toHex(n2->id.bytes) + "'").ok());
    auto imported = f.store->importRecords(*bundle);
    REQUIRE(imported.ok());
    CHECK(*imported == 1);
    const auto [importedBody, importedTag] = rowOf(n2->id);
    CHECK(importedBody == body2);
    CHECK(importedTag == tag2);
    CHECK(firstNoteOpens() == "ok");
}

TEST_CASE("The demo district loads once and verifies", "[store]")
{
    StoreFixture f(false);
    auto demo = store::loadDemoDistrict(*f.store);
    REQUIRE(demo.ok());
    CHECK(demo->cases == 7);
    auto cases = store::CaseService(*f.store).cases();
    REQUIRE(cases.ok());
    CHECK(cases->size() == 7);
    bool sawVolunteer = false, sawReferred = false;
    for (const auto &c : *cases) {
        sawVolunteer = sawVolunteer || c.kind == CaseKind::Volunteer;
        sawReferred = sawReferred || c.kind == CaseKind::Referred;
        CHECK(c.mentorId == f.store->owner().id);
    }
    CHECK((sawVolunteer && sawReferred));
    auto notes = f.notes().notes();
    REQUIRE(notes.ok());
    CHECK(static_cast<int>(notes->size()) == demo->notes);
    CHECK(f.store->verify().ok());
    auto again = store::loadDemoDistrict(*f.store);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "demo.not_empty");
}

TEST_CASE("The draft being typed is saved sealed and cleared when the note is saved", "[store]")
{
    StoreFixture f;
    auto obs = f.notes().startObservation(f.caseId, ObservationKind::Formal, true, "Period 4");
    REQUIRE(obs.ok());
    auto none = f.notes().draft(obs->id);
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());

    const std::string marker = test::randomMarker("DRAFT");
    REQUIRE(f.notes().saveDraft(obs->id, "Half a thought " + marker, {"1.6"}).ok());
    REQUIRE(f.notes().saveDraft(obs->id, "Half a thought " + marker + " and more", {"1.6", "5.2"}).ok());
    CHECK_FALSE(f.allBytesOnDisk().contains(QByteArray::fromStdString(marker)));
    f.reopen();
    auto d = f.notes().draft(obs->id);
    REQUIRE(d.ok());
    REQUIRE(d->has_value());
    CHECK((*d)->text == "Half a thought " + marker + " and more");
    CHECK((*d)->tags == std::vector<std::string>{"1.6", "5.2"});
    // Drafts are local: no outbox entry.
    CHECK(count(*f.store, "SELECT COUNT(*) FROM outbox") == count(*f.store, "SELECT COUNT(*) FROM records"));

    REQUIRE(f.notes().addNote(obs->id, (*d)->text, (*d)->tags).ok());
    auto after = f.notes().draft(obs->id);
    REQUIRE(after.ok());
    CHECK_FALSE(after->has_value());
    CHECK(f.notes().saveDraft(obs->id, std::string(store::kMaxNoteChars + 1, 'x'), {}).error().code == "input.too_long");
}
