// The rogue case store (issue 10, "Every claim bound to its signer"): the product's real case store on loopback —
// SQLite or PostgreSQL, whichever TRIAD_TEST_BACKEND names (tests/sync/pg_scratch.h) — and between it and real,
// enrolled devices (LocalStore on disk, the real sync engine over real HTTP) a hostile relay at another origin
// (rogue_relay.h) that rewrites, drops, holds, reorders and replays what the case store serves and what devices send.
// It moves records between cases, withholds a consent revocation, replays an old directory, serves a directory with an
// equal sequence and other content, relays an enrollment, and replays and reorders pushes and pages. Each is refused
// or reported with a reason the device gives, and every record a device's user was told is saved is still there and
// opens.
//
// What a device cannot see is said where it matters (the consent test): a case store that simply withholds a record
// leaves no trace on the devices it withholds it from. What bounds that is written there too.
#include "relayed_district.h"

#include "casestore_enrollment.h"
#include "casestore_server.h"
#include "record_storage.h"
#include "pg_scratch.h"
#include "rogue_relay.h"
#include "sync_engine.h"
#include "sync_messages.h"
#include "sync_queue.h"
#include "test_support.h"
#include "case_service.h"
#include "note_service.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <map>
#include <set>

using namespace triad;
using store::DocumentStore;
using store::LocalStore;
using test::Exchange;
using test::noteTexts;
using test::ok;
using test::RogueRelay;

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

QByteArray octets(std::span<const std::uint8_t> b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); }
QString text(const RecordId &id) { return QString::fromStdString(id.toString()); }

sync::SyncOptions options() { return test::RelayedDistrict::options(10); }

// The district, the real case store and the rogue relay in front of it (relayed_district.h).
struct RogueDistrict : test::RelayedDistrict {
    // A second case of the same mentor and teacher (another school year): where the rogue moves records to.
    RecordId secondCase(LocalStore &mentor, CaseKind kind)
    {
        ParCase c;
        c.id = RecordId::generate();
        c.kind = kind;
        c.teacherId = d.person(CaseRole::Teacher);
        c.mentorId = d.person(CaseRole::Mentor);
        c.administratorId = d.person(CaseRole::SiteAdministrator);
        c.school = "Kings River High School";
        c.gradeSubject = "Grade 10 / English";
        c.schoolYear = "2025-26";
        c.startDate = QDate(2025, 9, 1);
        if (kind == CaseKind::Volunteer) c.districtPolicyId = "district-002"; // Clovis takes no volunteers
        REQUIRE(store::CaseService(mentor).saveCase(c).ok());
        return c.id;
    }

    // District IT's directory snapshot `sequence`: every certificate of the district, and `revocations` if any.
    crypto::Bytes snapshot(std::uint64_t sequence, const std::optional<directory::RevocationList> &revocations = std::nullopt)
    {
        directory::DirectorySnapshot s;
        s.sequence = sequence;
        s.issuedAtMs = d.clock;
        s.nextUpdateMs = d.clock + 7 * kDay;
        if (revocations) s.revocations = directory::issueRevocations(d.keys.root, *revocations).value();
        for (const auto &[role, m] : d.keys.members) s.certificates.push_back(m.certificateBytes);
        s.certificates.push_back(d.keys.outsider.certificateBytes);
        return directory::issueDirectory(d.keys.root, s).value();
    }
    void publish(const crypto::Bytes &snapshot)
    {
        const casestore::ApiReply r = server->api().publishDirectory("application/octet-stream", octets(snapshot));
        INFO(r.json.toStdString());
        REQUIRE(r.status == 200);
    }
};

// A volunteer case's mentor, teacher and site administrator, each on their own device, the case synced to all three.
struct VolunteerTriad {
    RogueDistrict r;
    std::unique_ptr<LocalStore> mentor = r.device("mentor", CaseRole::Mentor);
    std::unique_ptr<LocalStore> teacher = r.device("teacher", CaseRole::Teacher);
    std::unique_ptr<LocalStore> admin = r.device("administrator", CaseRole::SiteAdministrator);
    RecordId caseA = r.d.caseId;

    VolunteerTriad()
    {
        r.d.openCase(*mentor, CaseKind::Volunteer);
        for (LocalStore *s : {mentor.get(), teacher.get(), admin.get()}) r.synced(*s);
        r.d.later();
    }
};

// Calls `f` on every record of a pull reply; `f` returns false to drop the record. The reply stays well-formed.
void eachRecord(Exchange &ex, const std::function<bool(QJsonObject &)> &f)
{
    QJsonObject page = ex.responseJson();
    QJsonArray kept;
    for (const QJsonValue &v : page.value(QLatin1String("records")).toArray()) {
        QJsonObject r = v.toObject();
        if (f(r)) kept.append(r);
    }
    page.insert(QLatin1String("records"), kept);
    ex.setResponseJson(page);
}
bool isPull(const Exchange &ex) { return ex.method == "GET" && ex.path == QLatin1String("/v1/records"); }
bool isPush(const Exchange &ex) { return ex.method == "POST" && ex.path == QLatin1String("/v1/records"); }

// A pull reply with its records in the opposite order.
void reverseRecords(Exchange &ex)
{
    QJsonObject page = ex.responseJson();
    QJsonArray reversed;
    const QJsonArray records = page.value(QLatin1String("records")).toArray();
    for (auto it = records.end(); it != records.begin();) reversed.append(*--it);
    page.insert(QLatin1String("records"), reversed);
    ex.setResponseJson(page);
}

// The rogue serves `device`'s next pull from the start again (it drops the cursor the device sent), once.
void replayFromStartOnce(RogueDistrict &r, const LocalStore &device)
{
    auto done = std::make_shared<bool>(false);
    r.relay->onRequest = [&r, &device, done](Exchange &ex) {
        if (isPull(ex) && r.from(ex, device) && !*done) {
            ex.query.removeAllQueryItems(QStringLiteral("after"));
            *done = true;
        }
        return RogueRelay::Verdict::Forward;
    };
}

std::int64_t recordsHeld(LocalStore &s) { return ok(s.database().queryInt("SELECT COUNT(*) FROM records")); }

std::vector<store::SetAsideRecord> setAside(LocalStore &s) { return ok(store::SyncQueue(s).setAside()); }

std::optional<Consent> consentSeenBy(LocalStore &s, const RecordId &caseId)
{
    const ParCase c = ok(store::CaseService(s).parCase(caseId));
    return ok(DocumentStore(s).contextFor(c, DocumentType::Report)).consent;
}

bool readable(LocalStore &s, const RecordId &caseId, const RecordId &documentId)
{
    for (const auto &v : ok(DocumentStore(s).list(caseId)))
        if (v.readable && v.document && v.document->id == documentId) return true;
    return false;
}

// Nothing its user was told is saved is lost: every record the device held before is still there, byte for byte,
// and the store checks whole (every record parsed, signature checked, opened where sealed to this person).
void intact(LocalStore &s, const std::map<RecordId, std::vector<std::uint8_t>> &before)
{
    for (const auto &[id, body] : before) {
        auto st = ok(s.database().prepare("SELECT body FROM records WHERE id = ?"));
        st->bind(1, std::span<const std::uint8_t>(id.bytes));
        REQUIRE(ok(st->step()));
        const auto now = st->columnBlob(0);
        CHECK(std::vector<std::uint8_t>(now.begin(), now.end()) == body);
    }
    const auto report = s.verify();
    INFO(([&] {
        std::string all;
        for (const auto &p : report.problems) all += p + "\n";
        return all;
    }()));
    CHECK(report.ok());
}
std::map<RecordId, std::vector<std::uint8_t>> snapshotOf(LocalStore &s)
{
    std::map<RecordId, std::vector<std::uint8_t>> out;
    auto st = ok(s.database().prepare("SELECT id, body FROM records"));
    while (ok(st->step())) {
        const auto id = st->columnBlob(0);
        RecordId rid;
        std::copy(id.begin(), id.end(), rid.bytes.begin());
        const auto body = st->columnBlob(1);
        out[rid] = std::vector<std::uint8_t>(body.begin(), body.end());
    }
    return out;
}

} // namespace

TEST_CASE("A rogue case store moving a note and a consent into another case: set aside as misrouted, taken when served as signed",
          "[sync][access][rogue]")
{
    RogueDistrict r;
    auto tablet = r.device("mentor tablet", CaseRole::Mentor);
    auto phone = r.device("mentor phone", CaseRole::Mentor); // the same mentor's second device (restored identity)
    auto teacher = r.device("teacher", CaseRole::Teacher);
    r.d.openCase(*tablet, CaseKind::Volunteer);
    const RecordId caseA = r.d.caseId;
    const RecordId caseB = r.secondCase(*tablet, CaseKind::Volunteer);
    const Observation first = ok(store::NoteService(*tablet).startObservation(caseA, ObservationKind::Informal, false, "Period 1"));
    const Note movedToB = ok(store::NoteService(*tablet).addNote(first.id, "Exit tickets collected.", {}));
    ok(store::NoteService(*tablet).endObservation(first.id));
    r.d.later();
    const Observation second = ok(store::NoteService(*tablet).startObservation(caseA, ObservationKind::Formal, true, "Period 4"));
    const Note movedToFirst = ok(store::NoteService(*tablet).addNote(second.id, "Turn-and-talk used twice.", {}));
    r.synced(*tablet);
    r.synced(*teacher);
    r.d.later();
    const Document consent = ok(DocumentStore(*teacher).grantConsent(caseA, {CaseRole::SiteAdministrator}, {DocumentType::Report}, std::nullopt));
    REQUIRE(r.synced(*teacher).pushed == 1);
    const auto tabletBefore = snapshotOf(*tablet);

    // The rogue rewrites the unsigned routing beside three records in what it serves the mentor's phone: the first
    // note and the teacher's consent filed under the mentor's other case, the second note under the first observation.
    r.relay->onResponse = [&](Exchange &ex) {
        if (!isPull(ex) || !r.from(ex, *phone)) return;
        eachRecord(ex, [&](QJsonObject &rec) {
            const QString id = rec.value(QLatin1String("id")).toString();
            if (id == text(movedToB.id) || id == text(consent.id)) rec.insert(QLatin1String("caseId"), text(caseB));
            if (id == text(movedToFirst.id)) rec.insert(QLatin1String("observationId"), text(first.id));
            return true;
        });
    };
    const sync::SyncReport moved = r.synced(*phone);
    CHECK(moved.setAside == 3);
    std::set<QString> asideIds;
    for (const auto &a : setAside(*phone)) {
        CHECK(a.incoming);
        CHECK(a.code == "record.misrouted");
        CHECK_THAT(a.reason, Catch::Contains("moved on the way"));
        asideIds.insert(text(a.id));
    }
    CHECK(asideIds == std::set<QString>{text(movedToB.id), text(movedToFirst.id), text(consent.id)});
    // Neither case shows what was moved: the note is in no case, and the mentor's other case gained no consent.
    CHECK(noteTexts(*phone, caseA).empty());
    CHECK(noteTexts(*phone, caseB).empty());
    CHECK_FALSE(consentSeenBy(*phone, caseB).has_value());
    CHECK_FALSE(consentSeenBy(*phone, caseA).has_value());
    CHECK(ok(store::NoteService(*phone).observations(caseA)).size() == 2); // what was not moved was taken
    CHECK(ok(store::NoteService(*phone).observations(caseB)).empty());

    // An honest sync next: the set-aside copies are tried again, and stay aside (they are still misrouted).
    r.relay->onResponse = nullptr;
    CHECK(r.synced(*phone).setAside == 0);
    CHECK(setAside(*phone).size() == 3);

    // The case store serves them again as their author signed them (it replays from the start): taken, and no longer
    // reported as set aside.
    replayFromStartOnce(r, *phone);
    const sync::SyncReport served = r.synced(*phone);
    CHECK(served.pulled == 3);
    CHECK(noteTexts(*phone, caseA) == std::vector<std::string>{"Exit tickets collected.", "Turn-and-talk used twice."});
    for (const auto &n : ok(store::NoteService(*phone).notes(caseA)))
        CHECK(n.note.observationId == (n.note.id == movedToB.id ? first.id : second.id));
    CHECK(noteTexts(*phone, caseB).empty());
    auto inForce = consentSeenBy(*phone, caseA);
    REQUIRE(inForce);
    CHECK(inForce->readers == std::set<CaseRole>{CaseRole::SiteAdministrator});
    CHECK_FALSE(consentSeenBy(*phone, caseB).has_value());
    CHECK(setAside(*phone).empty());
    intact(*phone, {});
    intact(*tablet, tabletBefore);
    r.synced(*tablet); // the teacher's consent reaches the mentor's tablet too: both devices hold the same records
    CHECK(recordsHeld(*phone) == recordsHeld(*tablet));
}

TEST_CASE("A rogue relay moving a pushed note into another case: the case store refuses it, the device sets it aside and sends it as signed",
          "[sync][access][rogue]")
{
    RogueDistrict r;
    auto tablet = r.device("mentor tablet", CaseRole::Mentor);
    auto phone = r.device("mentor phone", CaseRole::Mentor);
    r.d.openCase(*tablet, CaseKind::Referred);
    const RecordId caseA = r.d.caseId;
    const RecordId caseB = r.secondCase(*tablet, CaseKind::Referred);
    const Observation obs = ok(store::NoteService(*tablet).startObservation(caseA, ObservationKind::Informal, false, ""));
    r.synced(*tablet);
    r.synced(*phone);
    r.d.later();
    const Note note = ok(store::NoteService(*tablet).addNote(obs.id, "Warm-up on the board.", {}));
    const auto tabletBefore = snapshotOf(*tablet);

    // On its way in, the rogue files the note under the other case. Were the case store to keep that, every device
    // would set the note aside for good, and the author's honest push of the same bytes would only be "held".
    r.relay->onRequest = [&](Exchange &ex) {
        if (isPush(ex)) {
            QJsonObject body = ex.requestJson();
            QJsonArray records;
            for (const QJsonValue &v : body.value(QLatin1String("records")).toArray()) {
                QJsonObject rec = v.toObject();
                if (rec.value(QLatin1String("id")).toString() == text(note.id)) rec.insert(QLatin1String("caseId"), text(caseB));
                records.append(rec);
            }
            body.insert(QLatin1String("records"), records);
            ex.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        return RogueRelay::Verdict::Forward;
    };
    const sync::SyncReport pushed = r.synced(*tablet);
    CHECK(pushed.setAside == 1);
    auto aside = setAside(*tablet);
    REQUIRE(aside.size() == 1);
    CHECK_FALSE(aside.front().incoming);
    CHECK(aside.front().id == note.id);
    CHECK(aside.front().code == "record.misrouted");
    CHECK(ok(r.storage->recordCount()) == recordsHeld(*tablet) - 1);
    CHECK(noteTexts(*tablet, caseA) == std::vector<std::string>{"Warm-up on the board."}); // kept, readable, on the device

    // The person asks to try again through an honest network: sent as signed, and the phone takes it.
    r.relay->onRequest = nullptr;
    REQUIRE(ok(store::SyncQueue(*tablet).requeueOutgoing()) == 1);
    CHECK(r.synced(*tablet).pushed == 1);
    CHECK(setAside(*tablet).empty());
    CHECK(r.synced(*phone).setAside == 0);
    CHECK(noteTexts(*phone, caseA) == std::vector<std::string>{"Warm-up on the board."});
    CHECK(noteTexts(*phone, caseB).empty());
    intact(*tablet, tabletBefore);
    intact(*phone, {});
}

// Consent is decided on the device that seals a document (here the mentor's, writing reports): it seals to the readers
// of the consent in force there, the one with the highest signed sequence among the forms its teacher signed. The
// administrator's device never reads consent forms; what it can open is what the mentor's device sealed to it.
TEST_CASE_METHOD(VolunteerTriad,
                 "A rogue case store withholding the consent revocation and serving the older consent late cannot bring the consent back",
                 "[sync][access][rogue]")
{
    DocumentStore teacherDocs(*teacher);
    const Document granted = ok(teacherDocs.grantConsent(caseA, {CaseRole::SiteAdministrator}, {DocumentType::Report}, std::nullopt));
    r.synced(*teacher);
    r.d.later();
    const Document revoked = ok(teacherDocs.revokeConsent(caseA));
    r.synced(*teacher);
    REQUIRE(revoked.consent->sequence == 2);
    const auto teacherBefore = snapshotOf(*teacher);

    auto mentorWrites = [&](const std::string &body) {
        r.d.later();
        const Document report = ok(DocumentStore(*mentor).write(caseA, DocumentType::Report, body));
        REQUIRE(r.synced(*mentor).pushed == 1);
        return report.id;
    };
    auto checkRevokedOnMentor = [&] {
        auto c = consentSeenBy(*mentor, caseA);
        REQUIRE(c);
        CHECK(c->revoked);
        CHECK(c->sequence == 2);
        CHECK_FALSE(c->coversAt(DocumentType::Report, r.d.clock));
    };

    SECTION("the revocation first, the older consent one sync later")
    {
        r.relay->onResponse = [&](Exchange &ex) {
            if (isPull(ex) && r.from(ex, *mentor))
                eachRecord(ex, [&](QJsonObject &rec) { return rec.value(QLatin1String("id")).toString() != text(granted.id); });
        };
        r.synced(*mentor);
        checkRevokedOnMentor();
        const RecordId before = mentorWrites("Six-week report: questioning strategies.");
        // ...and the older consent arrives late, when the rogue replays from the start.
        r.relay->onResponse = nullptr;
        replayFromStartOnce(r, *mentor);
        CHECK(r.synced(*mentor).pulled == 1);
        checkRevokedOnMentor();
        const RecordId after = mentorWrites("Twelve-week report: pacing.");
        r.synced(*admin);
        CHECK_FALSE(readable(*admin, caseA, before));
        CHECK_FALSE(readable(*admin, caseA, after));
        CHECK(readable(*mentor, caseA, before));
        CHECK(readable(*teacher, caseA, after) == false); // not yet synced to the teacher
        r.synced(*teacher);
        CHECK(readable(*teacher, caseA, after));
    }
    SECTION("both in one reply, the revocation before the older consent")
    {
        r.relay->onResponse = [&](Exchange &ex) {
            if (isPull(ex) && r.from(ex, *mentor)) reverseRecords(ex);
        };
        CHECK(r.synced(*mentor).pulled == 2);
        checkRevokedOnMentor();
        const RecordId report = mentorWrites("Six-week report: questioning strategies.");
        r.synced(*admin);
        CHECK_FALSE(readable(*admin, caseA, report));
    }
    intact(*teacher, teacherBefore);
    intact(*mentor, {});
}

// What no device can detect: a case store that withholds a record altogether. The revocation is signed, stored by the
// case store and confirmed to the teacher's device, and the case store simply never hands it to the mentor's device —
// which then holds only the older consent and keeps sealing to the readers it names. Nothing on the mentor's device
// distinguishes "withheld" from "not written yet" (there is no signed list of what exists to compare with), so this
// test asserts the exposure rather than a refusal. What bounds it:
//  - the consent's own end date (untilMs, signed by the teacher): past it the mentor's device stops sealing to the
//    consent's readers whatever it was (not) told — asserted below;
//  - the moment the revocation does arrive, by any case store or as a file: it wins whatever came before or after
//    (the test above);
//  - keys already given stay given (docs/security.md "Consent"): what was sealed to the administrator meanwhile stays
//    readable by the administrator.
// The directory's staleness (next-update, 7 days by default) bounds a withheld *certificate revocation* in the same
// way — a device says its directory is stale when the case store withholds a newer one (the directory tests below) —
// but a consent form is a case record, not part of the directory: for consent the end date is the bound, and a
// teacher who does not trust the case store should give consent with one.
TEST_CASE_METHOD(VolunteerTriad, "A consent revocation withheld altogether is not detectable; the consent's end date bounds it",
                 "[sync][access][rogue]")
{
    DocumentStore teacherDocs(*teacher);
    const std::int64_t until = r.d.clock + 2 * kDay;
    ok(teacherDocs.grantConsent(caseA, {CaseRole::SiteAdministrator}, {DocumentType::Report}, until));
    r.synced(*teacher);
    r.d.later();
    const Document revoked = ok(teacherDocs.revokeConsent(caseA));
    REQUIRE(r.synced(*teacher).pushed == 1);

    bool withhold = true;
    r.relay->onResponse = [&](Exchange &ex) {
        if (withhold && isPull(ex) && r.from(ex, *mentor))
            eachRecord(ex, [&](QJsonObject &rec) { return rec.value(QLatin1String("id")).toString() != text(revoked.id); });
    };
    const sync::SyncReport quiet = r.synced(*mentor);
    CHECK(quiet.setAside == 0); // nothing to report: the mentor's device cannot tell
    auto seen = consentSeenBy(*mentor, caseA);
    REQUIRE(seen);
    CHECK_FALSE(seen->revoked);
    r.d.later();
    const Document exposed = ok(DocumentStore(*mentor).write(caseA, DocumentType::Report, "Six-week report: routines."));
    r.synced(*mentor);
    r.synced(*admin);
    CHECK(readable(*admin, caseA, exposed.id)); // the exposure a withholding case store can cause, until the bound

    // Past the consent's end date the mentor's device stops sharing, the revocation still withheld.
    r.d.clock = until + kDay;
    r.synced(*mentor);
    const Document afterEnd = ok(DocumentStore(*mentor).write(caseA, DocumentType::Report, "Nine-week report: routines."));
    r.synced(*mentor);
    r.synced(*admin);
    CHECK_FALSE(readable(*admin, caseA, afterEnd.id));

    // The revocation delivered at last: it is in force, and what was given meanwhile stays given.
    withhold = false;
    replayFromStartOnce(r, *mentor);
    r.synced(*mentor);
    seen = consentSeenBy(*mentor, caseA);
    REQUIRE(seen);
    CHECK(seen->revoked);
    CHECK(readable(*admin, caseA, exposed.id));
    intact(*mentor, {});
    intact(*admin, {});
}

TEST_CASE("A rogue case store replaying an old directory, or withholding a newer one, is refused or reported", "[sync][access][rogue][directory]")
{
    RogueDistrict r;
    auto mentor = r.device("mentor", CaseRole::Mentor);
    auto admin = r.device("administrator", CaseRole::SiteAdministrator);
    const crypto::Bytes first = r.snapshot(1);
    r.publish(first);
    r.d.later();
    directory::RevocationList revocations;
    revocations.sequence = 1;
    revocations.issuedAtMs = r.d.clock;
    revocations.revokedSerials.insert(r.d.keys.outsider.certificate.serial); // the other mentor's lost tablet
    const crypto::Bytes second = r.snapshot(2, revocations);
    r.publish(second);
    r.d.openCase(*mentor, CaseKind::Referred);
    r.synced(*mentor);
    REQUIRE(r.synced(*admin).directory.sequence == 2);
    REQUIRE(admin->keyDirectory()->isRevoked(r.d.keys.outsider.certificate.serial));
    const auto adminBefore = snapshotOf(*admin);
    // The mentor writes on meanwhile: the pull that follows a refused directory still happens, judged by the one held.
    const RecordId another = r.secondCase(*mentor, CaseKind::Referred);
    r.synced(*mentor);

    // The rogue names its sequence on the first pull page too (else the device, holding #2, would not ask).
    auto serveDirectory = [&](QJsonObject reply) {
        r.relay->onResponse = [&r, &admin, reply](Exchange &ex) {
            if (ex.method == "GET" && ex.path == QLatin1String("/v1/records") && r.from(ex, *admin) && ex.responseJson().contains("directory")) {
                QJsonObject page = ex.responseJson();
                page.insert("directory", reply.value("sequence"));
                ex.setResponseJson(page);
            }
            if (ex.method == "GET" && ex.path == QLatin1String("/v1/directory") && r.from(ex, *admin)) {
                ex.status = 200;
                ex.setResponseJson(reply);
            }
        };
    };

    SECTION("the old snapshot replayed: a rollback, refused and reported")
    {
        serveDirectory({{"protocol", "triad-sync/1"}, {"sequence", 1}, {"directory", QString::fromLatin1(octets(first).toBase64())}});
        const sync::SyncReport rep = r.synced(*admin);
        CHECK(rep.directory.refusedCode == "directory.rollback");
        CHECK_THAT(rep.directory.refused, Catch::Contains("#1") && Catch::Contains("#2"));
        CHECK_FALSE(rep.directory.updated);
        CHECK(rep.directory.sequence == 2);
        CHECK(rep.pulled == 1);
    }
    SECTION("the old sequence named without a snapshot: refused as a bad reply")
    {
        serveDirectory({{"protocol", "triad-sync/1"}, {"sequence", 1}});
        const sync::SyncReport rep = r.synced(*admin);
        CHECK(rep.directory.refusedCode == "sync.bad_reply");
        CHECK_THAT(rep.directory.refused, Catch::Contains("#1"));
        CHECK(rep.directory.sequence == 2);
        CHECK(rep.pulled == 1);
    }
    SECTION("a newer snapshot withheld: the device says its directory is stale past the held one's next update")
    {
        r.d.later();
        revocations.sequence = 2;
        revocations.revokedSerials.insert(r.d.keys.members.at(CaseRole::Panel).certificate.serial);
        r.publish(r.snapshot(3, revocations));
        serveDirectory({{"protocol", "triad-sync/1"}, {"sequence", 2}}); // "you hold the newest"
        const sync::SyncReport soon = r.synced(*admin);
        CHECK(soon.directory.refused.empty()); // undetectable while the held one is current...
        CHECK_FALSE(soon.directory.stale);
        r.d.clock += 8 * kDay; // ...and reported once it is past its next update
        const sync::SyncReport late = r.synced(*admin);
        CHECK(late.directory.stale);
        CHECK(late.directory.sequence == 2);
        CHECK(admin->directoryStatus().stale);
        CHECK_FALSE(admin->keyDirectory()->isRevoked(r.d.keys.members.at(CaseRole::Panel).certificate.serial));
        r.relay->onResponse = nullptr; // served honestly: applied, no longer stale
        const sync::SyncReport honest = r.synced(*admin);
        CHECK(honest.directory.updated);
        CHECK(honest.directory.sequence == 3);
        CHECK(admin->keyDirectory()->isRevoked(r.d.keys.members.at(CaseRole::Panel).certificate.serial));
    }
    // Whatever was served, the directory held stays — the revocation too, also after the store is opened again — and
    // every record is still there.
    CHECK(admin->directoryStatus().held->sequence >= 2);
    CHECK(admin->keyDirectory()->isRevoked(r.d.keys.outsider.certificate.serial));
    CHECK(ok(store::CaseService(*admin).parCase(another)).id == another);
    intact(*admin, adminBefore);
}

TEST_CASE("A rogue case store serving another directory under the held sequence is refused and reported", "[sync][access][rogue][directory]")
{
    RogueDistrict r;
    auto admin = r.device("administrator", CaseRole::SiteAdministrator);
    r.publish(r.snapshot(1));
    r.d.later();
    directory::RevocationList revocations;
    revocations.sequence = 1;
    revocations.issuedAtMs = r.d.clock;
    revocations.revokedSerials.insert(r.d.keys.outsider.certificate.serial);
    const crypto::Bytes held = r.snapshot(2, revocations);
    r.publish(held);
    REQUIRE(r.synced(*admin).directory.sequence == 2);
    const auto adminBefore = snapshotOf(*admin);

    // Signed by the district (two publications from two copies, say), same sequence, without the revocation.
    const crypto::Bytes other = r.snapshot(2);
    REQUIRE(other != held);
    r.relay->onResponse = [&](Exchange &ex) {
        if (ex.method == "GET" && ex.path == QLatin1String("/v1/records")) { // no sequence named: the device asks
            QJsonObject page = ex.responseJson();
            page.remove("directory");
            ex.setResponseJson(page);
        }
        if (ex.method == "GET" && ex.path == QLatin1String("/v1/directory"))
            ex.setResponseJson({{"protocol", "triad-sync/1"}, {"sequence", 2}, {"directory", QString::fromLatin1(octets(other).toBase64())}});
    };
    const sync::SyncReport rep = r.synced(*admin);
    CHECK(rep.directory.refusedCode == "directory.conflict");
    CHECK_THAT(rep.directory.refused, Catch::Contains("#2"));
    CHECK_FALSE(rep.directory.updated);
    CHECK(rep.directory.sequence == 2);
    CHECK(admin->keyDirectory()->isRevoked(r.d.keys.outsider.certificate.serial));
    // The same snapshot served again is refused again: a conflict never becomes accepted by repetition.
    CHECK(r.synced(*admin).directory.refusedCode == "directory.conflict");
    intact(*admin, adminBefore);
}

TEST_CASE("A rogue case store relaying an enrollment to the real one: refused, and the device is told why", "[sync][access][rogue]")
{
    RogueDistrict r;
    // The director's device, led to the rogue's address before it ever enrolled with the real case store.
    auto director = r.d.deviceOf("director", r.d.keys.members.at(CaseRole::DirectorOfInduction));
    const test::Member &m = r.d.keys.members.at(CaseRole::DirectorOfInduction);
    sync::HttpTransport http;
    std::optional<Exchange> captured;
    auto enrollVia = [&](std::function<void(QJsonObject &)> rewrite) {
        r.relay->onRequest = [&captured, rewrite](Exchange &ex) {
            if (ex.method == "POST" && ex.path == QLatin1String("/v1/enroll")) {
                QJsonObject body = ex.requestJson();
                if (rewrite) rewrite(body);
                ex.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
                captured = ex;
            }
            return RogueRelay::Verdict::Forward;
        };
        return sync::enrollWithCaseStore(http, r.relay->url(), director->identity(), m.certificateBytes);
    };

    SECTION("relayed as the device sent it")
    {
        auto relayed = enrollVia(nullptr);
        REQUIRE_FALSE(relayed.ok());
        CHECK(relayed.error().code == "enroll.wrong_case_store");
        CHECK_THAT(relayed.error().message, Catch::Contains(r.relay->url()) && Catch::Contains(r.realUrl()));
    }
    SECTION("the origin rewritten to the real case store's")
    {
        auto relayed = enrollVia([&](QJsonObject &b) { b.insert(QLatin1String("origin"), QString::fromStdString(r.realUrl())); });
        REQUIRE_FALSE(relayed.ok());
        CHECK(relayed.error().code == "enroll.bad_signature");
        CHECK_THAT(relayed.error().message, Catch::Contains(r.realUrl()));
    }
    SECTION("the origin dropped")
    {
        auto relayed = enrollVia([](QJsonObject &b) { b.remove(QLatin1String("origin")); });
        REQUIRE_FALSE(relayed.ok());
        CHECK(relayed.error().code == "enroll.bad_signature");
    }
    // No answer the device got through the rogue carried a token, and the enrollment cannot be replayed later either:
    // its one-time challenge is used up.
    for (const Exchange &ex : r.relay->log) CHECK_FALSE(ex.response.contains("tdt1."));
    REQUIRE(captured);
    QJsonObject replay = captured->requestJson();
    replay.insert(QLatin1String("origin"), QString::fromStdString(r.realUrl()));
    Exchange again = *captured;
    again.body = QJsonDocument(replay).toJson(QJsonDocument::Compact);
    const Exchange answered = r.relay->send(again);
    CHECK(answered.status == 401);
    CHECK(answered.responseJson().value(QLatin1String("code")).toString() == QLatin1String("enroll.bad_nonce"));
    CHECK_FALSE(answered.response.contains("tdt1."));

    // The same device at the real address: enrolled.
    auto direct = sync::enrollWithCaseStore(http, r.realUrl(), director->identity(), m.certificateBytes);
    INFO((direct ? std::string() : direct.error().message));
    REQUIRE(direct.ok());
    CHECK(direct->serial == m.certificate.serial);
}

TEST_CASE("A rogue case store replaying and reordering pushes and pages: no duplicate, nothing lost", "[sync][access][rogue]")
{
    RogueDistrict r;
    auto tablet = r.device("mentor tablet", CaseRole::Mentor);
    auto phone = r.device("mentor phone", CaseRole::Mentor);
    r.d.openCase(*tablet, CaseKind::Referred);
    const RecordId caseA = r.d.caseId;
    const Observation obs = ok(store::NoteService(*tablet).startObservation(caseA, ObservationKind::Formal, true, "Period 3"));
    std::vector<std::string> expected;
    Note firstNote;
    for (int i = 1; i <= 6; ++i) {
        r.d.later();
        const Note n = ok(store::NoteService(*tablet).addNote(obs.id, "Note " + std::to_string(i) + ": checks for understanding.", {}));
        if (i == 1) firstNote = n;
        expected.push_back(n.text);
        if (i == 1) expected.push_back("amended: Note 1: checks for understanding, twice.");
    }
    r.d.later();
    ok(store::NoteService(*tablet).amendNote(firstNote.id, "Note 1: checks for understanding, twice.", {}, "missed the second check"));
    ok(store::NoteService(*tablet).endObservation(obs.id));
    const std::int64_t written = recordsHeld(*tablet);
    const auto tabletBefore = snapshotOf(*tablet);

    // Pushes: two batches travel at once; the rogue holds the first until the second is answered (so the case store
    // stores later records first), and keeps every batch to replay later.
    std::vector<Exchange> pushes;
    r.relay->onRequest = [&](Exchange &ex) {
        if (!isPush(ex)) return RogueRelay::Verdict::Forward;
        pushes.push_back(ex);
        if (pushes.size() == 1) return RogueRelay::Verdict::Hold;
        return RogueRelay::Verdict::Forward;
    };
    r.relay->onResponse = [&](Exchange &ex) {
        if (isPush(ex) && r.relay->held() > 0) r.relay->release();
    };
    sync::SyncOptions small = options();
    small.pushBatchRecords = small.maxPushBatchRecords = 2;
    small.pullLimit = small.maxPullLimit = 2;
    const sync::SyncReport pushed = r.synced(*tablet, small);
    CHECK(pushed.pushed == written);
    CHECK(ok(tablet->pendingOutboxCount()) == 0);
    REQUIRE(pushes.size() >= 3);
    CHECK(ok(r.storage->recordCount()) == written);
    // Every push replayed, in reverse: each answered "held", nothing stored twice.
    r.relay->onRequest = nullptr;
    r.relay->onResponse = nullptr;
    for (auto it = pushes.rbegin(); it != pushes.rend(); ++it) {
        const Exchange again = r.relay->send(*it);
        CHECK(again.status == 200);
        CHECK(again.responseJson().value(QLatin1String("stored")).toInt() == 0);
    }
    CHECK(ok(r.storage->recordCount()) == written);

    // Pages: the rogue reverses each page, serves the second page again for the third, and after the fifth serves the
    // first again (its older cursor sends the device back).
    std::vector<QByteArray> pages;
    r.relay->onResponse = [&](Exchange &ex) {
        if (!isPull(ex) || !r.from(ex, *phone) || ex.status != 200) return;
        pages.push_back(ex.response);
        if (pages.size() == 3) ex.response = pages[1];
        if (pages.size() == 6) ex.response = pages[0];
        reverseRecords(ex);
    };
    const sync::SyncReport pulled = r.synced(*phone, small);
    CHECK(pages.size() > 6);
    CHECK(pulled.setAside == 0);
    CHECK(pulled.pulled == written);
    CHECK(recordsHeld(*phone) == written);
    CHECK(noteTexts(*phone, caseA) == expected);
    // And once more from the start, honestly: nothing new, nothing twice.
    r.relay->onResponse = nullptr;
    REQUIRE(store::SyncQueue(*phone).resetCursor().ok());
    CHECK(r.synced(*phone, small).pulled == 0);
    CHECK(recordsHeld(*phone) == written);
    CHECK(noteTexts(*phone, caseA) == expected);
    intact(*tablet, tabletBefore);
    intact(*phone, tabletBefore);
}
