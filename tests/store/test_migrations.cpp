// A store written by the previous schema (v1) opens with this build and is migrated in place.
#include "store_fixture.h"
#include "test_support.h"

#include "migrations.h"
#include "sealed_record.h"
#include "note_service.h"

using namespace triad;

namespace {

struct V1Writer {
    store::Database &db;
    const crypto::Identity &identity;

    void put(RecordType type, const RecordId &id, std::optional<RecordId> caseId, std::optional<RecordId> observationId, std::int64_t createdAt,
             const QByteArray &payload)
    {
        crypto::SealRequest req;
        req.type = static_cast<std::uint16_t>(type);
        req.id = id;
        req.createdAtMs = createdAt;
        req.plaintext = {reinterpret_cast<const std::uint8_t *>(payload.constData()), static_cast<std::size_t>(payload.size())};
        req.readers = {identity.publicIdentity()};
        auto sealed = crypto::seal(identity, req);
        REQUIRE(sealed.ok());
        auto st = db.prepare("INSERT INTO records (id, type, case_id, observation_id, created_at, author_key, body) VALUES (?,?,?,?,?,?,?)");
        REQUIRE(st.ok());
        (*st)->bind(1, std::span<const std::uint8_t>(id.bytes)).bind(2, static_cast<std::int64_t>(type));
        if (caseId)
            (*st)->bind(3, std::span<const std::uint8_t>(caseId->bytes));
        else
            (*st)->bindNull(3);
        if (observationId)
            (*st)->bind(4, std::span<const std::uint8_t>(observationId->bytes));
        else
            (*st)->bindNull(4);
        const auto author = identity.publicIdentity().signKeyId();
        (*st)->bind(5, createdAt).bind(6, std::span<const std::uint8_t>(author)).bind(7, *sealed);
        REQUIRE((*st)->run().ok());
        auto out = db.prepare("INSERT INTO outbox (record_seq, enqueued_at) VALUES (last_insert_rowid(), ?)");
        REQUIRE(out.ok());
        REQUIRE((*out)->bind(1, createdAt).run().ok());
    }
    void meta(const char *key, const std::vector<std::uint8_t> &value)
    {
        auto st = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
        REQUIRE(st.ok());
        REQUIRE((*st)->bind(1, std::string(key)).bind(2, value).run().ok());
    }
};

std::vector<std::uint8_t> idBytes(const RecordId &id) { return {id.bytes.begin(), id.bytes.end()}; }

} // namespace

TEST_CASE("A store from schema v1 opens and migrates to the current schema", "[store]")
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("v1store"));
    REQUIRE(QDir().mkpath(dir));
    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
    const crypto::Identity identity = crypto::Identity::generate();

    const RecordId owner = RecordId::generate(), teacher = RecordId::generate(), caseId = RecordId::generate();
    const RecordId endedObs = RecordId::generate(), openObs = RecordId::generate();
    const std::string marker = test::randomMarker("V1NOTE");
    {
        auto db = store::Database::open(store::LocalStore::databasePath(dir).toStdString(), true);
        REQUIRE(db.ok());
        REQUIRE(store::migrate(**db, 1).ok());
        REQUIRE(*store::schemaVersion(**db) == 1);
        V1Writer w{**db, identity};
        w.meta("format", {'t', 'r', 'i', 'a', 'd', '-', 's', 't', 'o', 'r', 'e', '/', '1'});
        w.meta("owner_person_id", idBytes(owner));
        w.meta("owner_public_keys", identity.publicIdentity().serialize());
        w.meta("device_id", idBytes(RecordId::generate()));
        w.put(RecordType::Person, owner, std::nullopt, std::nullopt, 1000, encodePayload(Person{owner, "Alex Rivera", "E-1", {Role::ParMentor}, {}}));
        w.put(RecordType::Person, teacher, std::nullopt, std::nullopt, 1001,
              encodePayload(Person{teacher, "Jordan Lee", "E-2", {Role::ParticipatingTeacher}, {}}));
        ParCase c;
        c.id = caseId;
        c.teacherId = teacher;
        c.mentorId = owner;
        c.school = "Kings River High School";
        c.gradeSubject = "Grade 9 / Biology";
        c.schoolYear = "2026-27";
        c.startDate = QDate(2026, 9, 1);
        w.put(RecordType::ParCase, caseId, caseId, std::nullopt, 1002, encodePayload(c));
        w.put(RecordType::Observation, endedObs, caseId, endedObs, 2000,
              encodePayload(Observation{endedObs, caseId, ObservationKind::Formal, true, "P1", 2000}));
        Note n1{RecordId::generate(), caseId, endedObs, 2500, 500, "Ended-observation note", {"1.1"}, owner, "dev"};
        w.put(RecordType::Note, n1.id, caseId, endedObs, 2500, encodePayload(n1));
        const RecordId endId = RecordId::generate();
        w.put(RecordType::ObservationEnd, endId, caseId, endedObs, 3000, encodePayload(ObservationEnd{endId, endedObs, caseId, 3000}));
        w.put(RecordType::Observation, openObs, caseId, openObs, 4000,
              encodePayload(Observation{openObs, caseId, ObservationKind::Informal, false, "P3", 4000}));
        Note n2{RecordId::generate(), caseId, openObs, 4100, 100, marker, {"2.6"}, owner, "dev"};
        w.put(RecordType::Note, n2.id, caseId, openObs, 4100, encodePayload(n2));
        auto wrapped = keystore.wrap(identity.exportSecret().span(), platform::UnlockCredential::fromPassphrase(test::kPassphrase));
        REQUIRE(wrapped.ok());
        test::writeFile(store::LocalStore::keyFilePath(dir),
                        QByteArray(reinterpret_cast<const char *>(wrapped->data()), static_cast<qsizetype>(wrapped->size())));
    }

    auto opened = store::LocalStore::open(dir, keystore, platform::UnlockCredential::fromPassphrase(test::kPassphrase));
    if (!opened) FAIL(opened.error().message);
    auto &s = **opened;
    CHECK(*store::schemaVersion(s.database()) == store::kSchemaVersion);
    CHECK(s.owner().displayName == "Alex Rivera");
    // The v2 observation index was filled from v1's records: the ended one is ended, the open one is found.
    auto open = store::NoteService(s).openObservation(caseId);
    REQUIRE(open.ok());
    REQUIRE(open->has_value());
    CHECK((*open)->id == openObs);
    auto observations = store::NoteService(s).observations(caseId);
    REQUIRE(observations.ok());
    CHECK(observations->size() == 2);
    // New notes go into the open observation, old ones are all there.
    REQUIRE(store::NoteService(s).addNoteToCase(caseId, "After the upgrade", {}).ok());
    auto notes = store::NoteService(s).notes(caseId);
    REQUIRE(notes.ok());
    REQUIRE(notes->size() == 3);
    CHECK(notes->at(1).note.text == marker);
    CHECK(notes->at(2).note.observationId == openObs);
    CHECK(s.verify().ok());
}

TEST_CASE("A store from a newer schema is refused and left untouched", "[store]")
{
    test::StoreFixture f(false);
    REQUIRE(f.store->database().exec("PRAGMA user_version = 99").ok());
    f.store.reset();
    const QByteArray before = test::readFile(store::LocalStore::databasePath(f.dir));
    auto opened = f.openWith(test::kPassphrase);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().code == "store.too_new");
    CHECK(test::readFile(store::LocalStore::databasePath(f.dir)) == before);
}

TEST_CASE("Migrations are idempotent: opening twice does not re-run them", "[store]")
{
    test::StoreFixture f;
    REQUIRE(f.notes().addNoteToCase(f.caseId, "kept", {}).ok());
    f.reopen();
    f.reopen();
    auto notes = f.notes().notes(f.caseId);
    REQUIRE(notes.ok());
    CHECK(notes->size() == 1);
    CHECK(*store::schemaVersion(f.store->database()) == store::kSchemaVersion);
}

TEST_CASE("A record's links (signatures, acknowledgements, key grants) are found through their own index, notes add nothing to it",
          "[store]")
{
    test::StoreFixture f;
    auto plan = [&](RecordType type) {
        auto st = f.store->database().prepare("EXPLAIN QUERY PLAN SELECT id, body FROM records WHERE type = " + store::sqlType(type)
                                              + " AND observation_id = x'00' ORDER BY created_at, id");
        REQUIRE(st.ok());
        std::string detail;
        for (auto row = (*st)->step(); row.ok() && *row; row = (*st)->step()) detail += (*st)->columnText(3) + "; ";
        return detail;
    };
    // As rowsFiledUnder and openGranted spell it (the type in the text): a search of records_by_link, not every record
    // of the type.
    for (RecordType type : {RecordType::KeyGrant, RecordType::Acknowledgement, RecordType::FormSignature, RecordType::ReportEvent,
                            RecordType::SignatureDecline}) {
        INFO(store::sqlType(type) << ": " << plan(type));
        CHECK(plan(type).find("USING INDEX records_by_link") != std::string::npos);
    }
    CHECK(plan(RecordType::Note).find("records_by_link") == std::string::npos);
    REQUIRE(f.notes().addNoteToCase(f.caseId, "Not a link", {"2.6"}).ok());
    auto linked = f.store->database().queryInt("SELECT count(*) FROM records INDEXED BY records_by_link WHERE observation_id IS NOT NULL AND ("
                                               "type = " + store::sqlType(RecordType::KeyGrant) + " OR type = " + store::sqlType(RecordType::Acknowledgement)
                                               + " OR type = " + store::sqlType(RecordType::FormSignature) + " OR type = " + store::sqlType(RecordType::ReportEvent)
                                               + " OR type = " + store::sqlType(RecordType::SignatureDecline) + ")");
    REQUIRE(linked.ok());
    CHECK(*linked == 0);
}

TEST_CASE("Schema 14 keeps every receipt, in a table laid out by arrival, and still keeps the earliest per record", "[store]")
{
    QTemporaryDir tmp;
    auto db = store::Database::open(tmp.filePath(QStringLiteral("store.db")).toStdString(), true);
    REQUIRE(db.ok());
    store::Database &d = **db;
    REQUIRE(store::migrate(d, 13).ok());
    const RecordId first = RecordId::generate(), second = RecordId::generate();
    auto put = [&](const RecordId &id, std::int64_t at, std::uint8_t fill) {
        auto st = d.prepare("INSERT INTO receipts (record_id, received_at, receipt, mac) VALUES (?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET "
                            "received_at = excluded.received_at, receipt = excluded.receipt, mac = excluded.mac WHERE excluded.received_at < receipts.received_at");
        REQUIRE(st.ok());
        const std::vector<std::uint8_t> receipt(200, fill), mac(32, fill);
        (*st)->bind(1, std::span<const std::uint8_t>(id.bytes)).bind(2, at).bind(3, receipt).bind(4, mac);
        REQUIRE((*st)->run().ok());
    };
    put(first, 5000, 1);
    put(second, 6000, 2);
    REQUIRE(store::migrate(d, 14).ok());
    CHECK(*store::schemaVersion(d) == 14);
    auto layout = d.prepare("SELECT sql FROM sqlite_schema WHERE name = 'receipts'");
    REQUIRE(layout.ok());
    REQUIRE(*(*layout)->step());
    CHECK((*layout)->columnText(0).find("WITHOUT ROWID") == std::string::npos);
    (*layout)->reset();
    // The earliest receipt of a record is kept: a later one changes nothing, an earlier one replaces it.
    put(first, 7000, 3);
    put(second, 4000, 4);
    auto rows = d.prepare("SELECT record_id, received_at, receipt, mac FROM receipts ORDER BY received_at");
    REQUIRE(rows.ok());
    REQUIRE(*(*rows)->step());
    CHECK((*rows)->columnBlob(0) == std::vector<std::uint8_t>(second.bytes.begin(), second.bytes.end()));
    CHECK((*rows)->columnInt(1) == 4000);
    CHECK((*rows)->columnBlob(2) == std::vector<std::uint8_t>(200, 4));
    REQUIRE(*(*rows)->step());
    CHECK((*rows)->columnBlob(0) == std::vector<std::uint8_t>(first.bytes.begin(), first.bytes.end()));
    CHECK((*rows)->columnInt(1) == 5000);
    CHECK((*rows)->columnBlob(3) == std::vector<std::uint8_t>(32, 1));
    CHECK_FALSE(*(*rows)->step());
    // A record id of another length is still refused.
    auto bad = d.prepare("INSERT INTO receipts (record_id, received_at, receipt, mac) VALUES (x'00', 1, x'00', zeroblob(32))");
    REQUIRE(bad.ok());
    CHECK_FALSE((*bad)->run().ok());
}

TEST_CASE("Schema 15 keeps every note draft, in one b-tree keyed by its observation", "[store]")
{
    QTemporaryDir tmp;
    auto db = store::Database::open(tmp.filePath(QStringLiteral("store.db")).toStdString(), true);
    REQUIRE(db.ok());
    store::Database &d = **db;
    REQUIRE(store::migrate(d, 14).ok());
    const RecordId first = RecordId::generate(), second = RecordId::generate();
    auto put = [&](const RecordId &observation, std::int64_t at, std::uint8_t fill) {
        auto st = d.prepare("INSERT INTO note_drafts (observation_id, updated_at, body) VALUES (?, ?, ?) "
                            "ON CONFLICT (observation_id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body");
        REQUIRE(st.ok());
        (*st)->bind(1, std::span<const std::uint8_t>(observation.bytes)).bind(2, at).bind(3, std::vector<std::uint8_t>(700, fill));
        REQUIRE((*st)->run().ok());
    };
    put(first, 1000, 1);
    put(second, 2000, 2);
    REQUIRE(store::migrate(d, 15).ok());
    CHECK(*store::schemaVersion(d) == 15);
    auto layout = d.prepare("SELECT sql FROM sqlite_schema WHERE name = 'note_drafts'");
    REQUIRE(layout.ok());
    REQUIRE(*(*layout)->step());
    CHECK((*layout)->columnText(0).find("WITHOUT ROWID") != std::string::npos);
    (*layout)->reset();
    auto indexes = d.queryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'note_drafts'");
    REQUIRE(indexes.ok());
    CHECK(*indexes == 0); // no index beside the table: its key is the table's
    // The drafts as they were; saving one again replaces it, one per observation.
    put(second, 3000, 3);
    auto rows = d.prepare("SELECT observation_id, updated_at, body FROM note_drafts ORDER BY updated_at");
    REQUIRE(rows.ok());
    REQUIRE(*(*rows)->step());
    CHECK((*rows)->columnBlob(0) == std::vector<std::uint8_t>(first.bytes.begin(), first.bytes.end()));
    CHECK((*rows)->columnInt(1) == 1000);
    CHECK((*rows)->columnBlob(2) == std::vector<std::uint8_t>(700, 1));
    REQUIRE(*(*rows)->step());
    CHECK((*rows)->columnBlob(0) == std::vector<std::uint8_t>(second.bytes.begin(), second.bytes.end()));
    CHECK((*rows)->columnInt(1) == 3000);
    CHECK((*rows)->columnBlob(2) == std::vector<std::uint8_t>(700, 3));
    CHECK_FALSE(*(*rows)->step());
}
