// Rogue insiders against the record rules (core/record_rules.h), on real enrolled LocalStores of one certified
// district: a mentor of another case, a former mentor, the site administrator, the case's own people out of their
// part — each running a modified app that seals whatever it likes with its own certified key — try to forge a
// consent, inject or amend notes, and grant keys they have no right to give. Every attempt is refused by the device
// that receives it, and nothing the real authors wrote is lost or hidden.
#include "store_district.h"

#include "case_records.h"
#include "district_policy.h"
#include "case_service.h"
#include "enrollment_service.h"
#include "note_service.h"

using namespace triad;
using store::DocumentStore;
using store::LocalStore;
using test::District;
using test::noteTexts;
using test::ok;
using test::send;

namespace {

crypto::PublicIdentity keysOf(District &d, CaseRole role) { return d.keys.members.at(role).identity.publicIdentity(); }

Document consentBy(const RecordId &caseId, const RecordId &claimedAuthor, std::int64_t at, std::uint64_t sequence, bool revoked)
{
    Document doc;
    doc.id = RecordId::generate();
    doc.lineageId = doc.id;
    doc.caseId = caseId;
    doc.type = DocumentType::ConsentForm;
    doc.text = "Consent to share";
    doc.authorPersonId = claimedAuthor;
    doc.createdAtMs = at;
    doc.consent = Consent{{CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction, CaseRole::Panel},
                          {DocumentType::Report, DocumentType::ObservationNote},
                          std::nullopt,
                          revoked,
                          sequence};
    return doc;
}

// A note written by hand into `observation` of the case, as a modified app would, claiming `author`.
Status injectNote(LocalStore &from, const std::vector<crypto::PublicIdentity> &to, const RecordId &caseId, const RecordId &observation,
                  const RecordId &author, const std::string &text, std::int64_t at)
{
    Note n;
    n.id = RecordId::generate();
    n.caseId = caseId;
    n.observationId = observation;
    n.takenAtMs = at;
    n.text = text;
    n.authorId = author;
    n.deviceId = "rogue";
    return from.writeRecordFor(to, RecordType::Note, n.id, caseId, observation, at, encodePayload(n));
}

} // namespace

TEST_CASE("Nobody but the case's teacher can open a volunteer case by consent", "[access][rogue]")
{
    District d;
    auto mentor = d.device("mentor", CaseRole::Mentor);
    auto teacher = d.device("teacher", CaseRole::Teacher);
    auto admin = d.device("administrator", CaseRole::SiteAdministrator);
    auto director = d.device("director", CaseRole::DirectorOfInduction);
    auto outsider = d.deviceOf("outsider", d.keys.outsider);
    d.openCase(*mentor, CaseKind::Volunteer);
    send(*mentor, *teacher);
    const RecordId teacherId = d.person(CaseRole::Teacher);

    // Each forger seals a consent form naming the administrator, the director and the panel, claiming the teacher
    // wrote it, to the teacher and the mentor (the readers of a consent form), with a high sequence.
    std::vector<std::pair<const char *, LocalStore *>> forgers{{"a mentor of another case", outsider.get()},
                                                               {"the site administrator", admin.get()},
                                                               {"the director of induction", director.get()},
                                                               {"the case's own mentor", mentor.get()}};
    for (auto &[who, forger] : forgers) {
        INFO("forged by " << who);
        d.later();
        const Document forged = consentBy(d.caseId, teacherId, d.clock, 1000, false);
        REQUIRE(forger
                    ->writeRecordFor({keysOf(d, CaseRole::Teacher), keysOf(d, CaseRole::Mentor)}, RecordType::Document, forged.id, d.caseId,
                                     std::nullopt, forged.createdAtMs, encodePayload(forged))
                    .ok());
        if (forger != mentor.get()) send(*forger, *mentor);
        send(*forger, *teacher);
        DocumentStore docs(*mentor);
        const ParCase c = ok(store::CaseService(*mentor).parCase(d.caseId));
        CHECK_FALSE(ok(docs.contextFor(c, DocumentType::Report)).consent.has_value());
        // So a new report stays between teacher and mentor, and the list names the forgery's refusal.
        const Document report = ok(docs.write(d.caseId, DocumentType::Report, "Week 3: pacing improved."));
        send(*mentor, *admin);
        bool readable = false;
        for (const auto &v : ok(DocumentStore(*admin).list(d.caseId)))
            if (v.readable && v.document && v.document->id == report.id) readable = true;
        CHECK_FALSE(readable);
        bool refusedShown = false;
        for (const auto &v : ok(docs.list(d.caseId)))
            if (v.id == forged.id && !v.readable) refusedShown = v.reason.find("Refused") != std::string::npos;
        CHECK(refusedShown);
    }

    // The teacher's own consent does open it.
    d.later();
    DocumentStore teacherDocs(*teacher);
    ok(teacherDocs.grantConsent(d.caseId, {CaseRole::SiteAdministrator}, {DocumentType::Report}, std::nullopt));
    send(*teacher, *mentor);
    const ParCase c = ok(store::CaseService(*mentor).parCase(d.caseId));
    auto consent = ok(DocumentStore(*mentor).contextFor(c, DocumentType::Report)).consent;
    REQUIRE(consent);
    CHECK(consent->readers == std::set<CaseRole>{CaseRole::SiteAdministrator});
}

TEST_CASE("A consent that syncs late never overrides the teacher's later revocation", "[access][rogue]")
{
    District d;
    auto mentor = d.device("mentor", CaseRole::Mentor);
    auto teacher = d.device("teacher", CaseRole::Teacher);
    d.openCase(*mentor, CaseKind::Volunteer);
    send(*mentor, *teacher);
    DocumentStore teacherDocs(*teacher);
    ok(teacherDocs.grantConsent(d.caseId, {CaseRole::SiteAdministrator}, {DocumentType::Report}, std::nullopt));
    const std::int64_t afterGrant = ok(teacher->database().queryInt("SELECT MAX(seq) FROM records"));
    d.later();
    ok(teacherDocs.revokeConsent(d.caseId));
    // A case store that withholds the grant and serves the revocation first, then the grant.
    REQUIRE(mentor->importRecords(ok(teacher->exportRecords(afterGrant))).ok());
    REQUIRE(mentor->importRecords(ok(teacher->exportRecords())).ok());
    const ParCase c = ok(store::CaseService(*mentor).parCase(d.caseId));
    auto consent = ok(DocumentStore(*mentor).contextFor(c, DocumentType::Report)).consent;
    REQUIRE(consent);
    CHECK(consent->revoked);
    CHECK(consent->sequence == 2);
    CHECK_FALSE(consent->coversAt(DocumentType::Report, d.clock));
}

TEST_CASE("Only the case's mentor writes its notes, and only a note's author amends it", "[access][rogue]")
{
    District d;
    auto mentor = d.device("mentor", CaseRole::Mentor);
    auto teacher = d.device("teacher", CaseRole::Teacher);
    auto admin = d.device("administrator", CaseRole::SiteAdministrator);
    auto outsider = d.deviceOf("outsider", d.keys.outsider);
    d.openCase(*mentor, CaseKind::Referred);
    const Observation obs = ok(store::NoteService(*mentor).startObservation(d.caseId, ObservationKind::Formal, true, "Period 2"));
    const Note real = ok(store::NoteService(*mentor).addNote(obs.id, "Objective posted and referenced.", {"1.1"}));
    const RecordId mentorId = d.person(CaseRole::Mentor);
    const std::vector<crypto::PublicIdentity> toMentor{keysOf(d, CaseRole::Mentor)};

    // Injected by a mentor of another case, the administrator and the teacher — claiming themselves, or the mentor.
    d.later();
    for (LocalStore *rogue : {outsider.get(), admin.get(), teacher.get()}) {
        REQUIRE(injectNote(*rogue, toMentor, d.caseId, obs.id, rogue->owner().id, "Teacher lost control of the class.", d.clock).ok());
        REQUIRE(injectNote(*rogue, toMentor, d.caseId, obs.id, mentorId, "Teacher left students unattended.", d.clock).ok());
        send(*rogue, *mentor);
    }
    // The mentor's own note forged under another author's name is refused too (the payload cannot speak for others).
    REQUIRE(injectNote(*mentor, toMentor, d.caseId, obs.id, d.person(CaseRole::SiteAdministrator), "Claimed by the administrator.", d.clock).ok());
    CHECK(noteTexts(*mentor, d.caseId) == std::vector<std::string>{"Objective posted and referenced."});

    // An amendment of the mentor's note by anyone else does not attach; the mentor's own does.
    for (LocalStore *rogue : {outsider.get(), admin.get()}) {
        Amendment a{RecordId::generate(), real.id, d.caseId, obs.id, d.clock, "Objective was missing.", {}, "correction", rogue->owner().id, "rogue"};
        REQUIRE(rogue->writeRecordFor(toMentor, RecordType::Amendment, a.id, d.caseId, obs.id, a.madeAtMs, encodePayload(a)).ok());
        send(*rogue, *mentor);
    }
    d.later();
    ok(store::NoteService(*mentor).amendNote(real.id, "Objective posted, referenced twice.", {"1.1"}, "missed the second reference"));
    CHECK(noteTexts(*mentor, d.caseId)
          == std::vector<std::string>{"Objective posted and referenced.", "amended: Objective posted, referenced twice."});
    // verify() checks every record held and names each refused note (7) and amendment (2) with the rules' reason.
    const auto report = mentor->verify();
    CHECK(report.integrityOk);
    CHECK(std::count_if(report.problems.begin(), report.problems.end(), [](const std::string &p) { return p.find("Refused") != std::string::npos; })
          == 9);
}

TEST_CASE("After a reassignment the former mentor's later notes are refused, earlier ones kept", "[access][rogue]")
{
    District d;
    auto former = d.device("former mentor", CaseRole::Mentor);
    auto next = d.deviceOf("new mentor", d.keys.outsider);
    d.openCase(*former, CaseKind::Volunteer);
    const Observation obs = ok(store::NoteService(*former).startObservation(d.caseId, ObservationKind::Informal, false, ""));
    const Note kept = ok(store::NoteService(*former).addNote(obs.id, "Warm-up on the board.", {}));
    d.later();
    REQUIRE(store::CaseService(*former).handOverCase(d.caseId, d.keys.outsider.certificate.personId).ok());
    send(*former, *next);
    CHECK(ok(store::CaseService(*next).parCase(d.caseId)).mentorId == d.keys.outsider.certificate.personId);
    CHECK(noteTexts(*next, d.caseId) == std::vector<std::string>{"Warm-up on the board."});

    // The former mentor, offline or spiteful, keeps writing into the case after the handover.
    d.later();
    REQUIRE(injectNote(*former, {keysOf(d, CaseRole::Mentor), d.keys.outsider.identity.publicIdentity()}, d.caseId, obs.id,
                       d.person(CaseRole::Mentor), "Written after the handover.", d.clock)
                .ok());
    Amendment a{RecordId::generate(),       kept.id, d.caseId, obs.id, d.clock, "Rewritten after the handover.", {}, "spite",
                d.person(CaseRole::Mentor), "rogue"};
    REQUIRE(
        former
            ->writeRecordFor({d.keys.outsider.identity.publicIdentity()}, RecordType::Amendment, a.id, d.caseId, obs.id, a.madeAtMs, encodePayload(a))
            .ok());
    send(*former, *next);
    CHECK(noteTexts(*next, d.caseId) == std::vector<std::string>{"Warm-up on the board."});

    // And the new mentor cannot amend what the former mentor observed.
    d.later();
    ok(store::NoteService(*next).amendNote(kept.id, "Warm-up was not on the board.", {}, "disagree"));
    CHECK(noteTexts(*next, d.caseId) == std::vector<std::string>{"Warm-up on the board."});
}

TEST_CASE("A key grant counts only from someone entitled to give it, and a bad one hides nothing", "[access][rogue]")
{
    District d;
    auto mentor = d.device("mentor", CaseRole::Mentor);
    auto teacher = d.device("teacher", CaseRole::Teacher);
    auto admin = d.device("administrator", CaseRole::SiteAdministrator);
    d.openCase(*mentor, CaseKind::Referred);
    DocumentStore mentorDocs(*mentor);
    const Document report = ok(mentorDocs.write(d.caseId, DocumentType::Report, "Six-week report: standard 2 progressing."));
    send(*mentor, *teacher);
    send(*mentor, *admin);
    auto readable = [&] {
        for (const auto &v : ok(DocumentStore(*admin).list(d.caseId)))
            if (v.readable && v.document && v.document->id == report.id) return true;
        return false;
    };
    REQUIRE_FALSE(readable());

    // The teacher (a reader, but not entitled to hand a report to the administrator before signing) grants its key.
    REQUIRE(teacher->grantRecords({report.id}, {keysOf(d, CaseRole::SiteAdministrator)}, d.caseId).ok());
    send(*teacher, *admin);
    CHECK_FALSE(readable());

    // The author's grant carrying a wrong key, held before the good one, hides nothing.
    KeyGrant wrong{report.id, d.caseId, {}};
    wrong.contentKey.fill(0x77);
    REQUIRE(mentor
                ->writeRecordFor({keysOf(d, CaseRole::SiteAdministrator)}, RecordType::KeyGrant, RecordId::generate(), d.caseId, report.id, d.clock,
                                 encodePayload(wrong))
                .ok());
    send(*mentor, *admin);
    CHECK_FALSE(readable());
    d.later();
    REQUIRE(mentor->grantRecords({report.id}, {keysOf(d, CaseRole::SiteAdministrator)}, d.caseId).ok());
    send(*mentor, *admin);
    CHECK(readable());
}

TEST_CASE("A record moved to another case or observation on the way is refused", "[access][rogue]")
{
    District d;
    auto mentor = d.device("mentor", CaseRole::Mentor);
    auto teacher = d.device("teacher", CaseRole::Teacher);
    d.openCase(*mentor, CaseKind::Volunteer);
    const Observation obs = ok(store::NoteService(*mentor).startObservation(d.caseId, ObservationKind::Informal, false, ""));
    ok(store::NoteService(*mentor).addNote(obs.id, "Exit tickets collected.", {}));
    auto records = ok(store::parseBundle(ok(mentor->exportRecords())));
    const RecordId elsewhere = RecordId::generate();
    for (auto move : {std::function<void(store::BundleRecord &)>([&](store::BundleRecord &r) { r.caseId = elsewhere; }),
                      std::function<void(store::BundleRecord &)>([&](store::BundleRecord &r) { r.observationId = elsewhere; }),
                      std::function<void(store::BundleRecord &)>([&](store::BundleRecord &r) { r.observationId.reset(); })}) {
        auto moved = records;
        for (auto &r : moved)
            if (r.type == static_cast<std::uint16_t>(RecordType::Note)) move(r);
        auto imported = teacher->importRecords(store::writeBundle(moved));
        REQUIRE_FALSE(imported);
        CHECK(imported.error().code == "record.misrouted");
        CHECK(ok(teacher->database().queryInt("SELECT COUNT(*) FROM records")) == 0); // nothing of the file was stored
    }
    // As it was signed, it is taken.
    CHECK(ok(teacher->importRecords(store::writeBundle(records))) == static_cast<int>(records.size()));
}

TEST_CASE("A device whose district directory is staler than the policy allows shares nothing, and still keeps notes", "[access][rogue]")
{
    // A case store that withholds newer directories (a revocation among them) cannot keep a device sealing to keys the
    // district may have revoked for longer than the district's policy allows: records.directory_max_stale_days.
    District d;
    auto mentor = d.device("mentor", CaseRole::Mentor);
    d.openCase(*mentor);
    constexpr std::int64_t kDay = 24LL * 3600 * 1000;
    directory::DirectorySnapshot snapshot;
    snapshot.sequence = 1;
    snapshot.issuedAtMs = d.clock;
    snapshot.nextUpdateMs = d.clock + kDay;
    for (const auto &[role, m] : d.keys.members) snapshot.certificates.push_back(m.certificateBytes);
    REQUIRE(store::EnrollmentService(*mentor).applyDirectory(ok(directory::issueDirectory(d.keys.root, snapshot))).ok());

    DocumentStore docs(*mentor);
    const int maxDays = policy::RecordsPolicy::kDefaultDirectoryMaxStaleDays; // the case names no policy: the default
    // Stale, but within what the district allows: shared as usual.
    d.clock = snapshot.nextUpdateMs + maxDays * kDay;
    CHECK(mentor->directoryStatus().stale);
    CHECK(docs.write(d.caseId, DocumentType::Report, "Week 3: pacing improved.").ok());
    // A minute past it: nothing more is sealed to others, with the reason and what to do.
    d.clock += test::kMinute;
    auto refused = docs.write(d.caseId, DocumentType::Report, "Week 4: exit tickets.");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "directory.too_stale");
    CHECK(refused.error().message.find("allows 7 days") != std::string::npos);
    CHECK(refused.error().message.find("Sync") != std::string::npos);
    // The mentor's own notes (sealed to the mentor alone) are still saved and open.
    auto observation = ok(store::NoteService(*mentor).startObservation(d.caseId, ObservationKind::Informal, false, "Period 2"));
    auto note = ok(store::NoteService(*mentor).addNote(observation.id, "Students re-taught at the back table.", {"1.4"}));
    CHECK(ok(store::NoteService(*mentor).note(note.id)).has_value());
    // A newer directory brings sharing back.
    snapshot.sequence = 2;
    snapshot.issuedAtMs = d.clock;
    snapshot.nextUpdateMs = d.clock + 7 * kDay;
    REQUIRE(store::EnrollmentService(*mentor).applyDirectory(ok(directory::issueDirectory(d.keys.root, snapshot))).ok());
    CHECK(docs.write(d.caseId, DocumentType::Report, "Week 4: exit tickets.").ok());
}

TEST_CASE("A case opens only under a district policy its district adopted, on every device", "[access][rogue]")
{
    // The site administrator refers a teacher under another district's rules (seed 004's extension, where Clovis has
    // adopted only its own): the app refuses, and a modified app's case record is left out by every device that
    // receives it — held, not lost, and counted once the district adopts that policy.
    District d;
    auto admin = d.device("administrator", CaseRole::SiteAdministrator);
    auto mentor = d.device("mentor", CaseRole::Mentor);
    auto teacher = d.device("teacher", CaseRole::Teacher);
    directory::DirectorySnapshot snapshot;
    snapshot.sequence = 1;
    snapshot.issuedAtMs = d.clock;
    snapshot.nextUpdateMs = d.clock + 7LL * 24 * 3600 * 1000;
    for (const auto &[role, m] : d.keys.members) snapshot.certificates.push_back(m.certificateBytes);
    snapshot.adoptedPolicies = {"clovis-unified"};
    for (LocalStore *s : {admin.get(), mentor.get(), teacher.get()})
        REQUIRE(store::EnrollmentService(*s).applyDirectory(ok(directory::issueDirectory(d.keys.root, snapshot))).ok());
    CHECK(admin->adoptedPolicies() == std::vector<std::string>{"clovis-unified"});

    auto refused = store::CaseService(*admin).openReferral(d.person(CaseRole::Teacher), "Kings River High School", "Grade 10", "district-004");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "case.policy_not_adopted");
    CHECK(refused.error().message.find("clovis-unified") != std::string::npos);
    CHECK(ok(store::CaseService(*admin).cases()).empty());

    // A modified app writes the case record anyway, signed with the administrator's own certified key.
    ParCase rogue;
    rogue.id = RecordId::generate();
    rogue.kind = CaseKind::Referred;
    rogue.status = CaseStatus::Referral;
    rogue.teacherId = d.person(CaseRole::Teacher);
    rogue.administratorId = d.person(CaseRole::SiteAdministrator);
    rogue.school = "Kings River High School";
    rogue.schoolYear = "2026-27";
    rogue.startDate = QDate(2026, 9, 1);
    rogue.districtPolicyId = "district-004";
    REQUIRE(admin
                ->writeRecordFor({keysOf(d, CaseRole::SiteAdministrator), keysOf(d, CaseRole::Teacher), keysOf(d, CaseRole::Mentor)},
                                 RecordType::ParCase, rogue.id, rogue.id, std::nullopt, d.clock, encodePayload(rogue))
                .ok());
    send(*admin, *mentor);
    send(*admin, *teacher);
    for (LocalStore *s : {admin.get(), mentor.get(), teacher.get()}) {
        CHECK(ok(store::CaseService(*s).cases()).empty());
        CHECK_FALSE(store::CaseService(*s).parCase(rogue.id).ok());
        CHECK(ok(s->holds(rogue.id, RecordType::ParCase))); // held: nothing is deleted
        // Named in the integrity report, so it is not a silent gap.
        const auto report = s->verify();
        CHECK(std::any_of(report.problems.begin(), report.problems.end(), [&](const std::string &p) {
            return p.find("Case record " + rogue.id.toString() + " is held but not counted") != std::string::npos;
        }));
    }
    // A mentor's device holding it takes no observation in it: no other device would accept one.
    auto observed = store::NoteService(*mentor).startObservation(rogue.id, ObservationKind::Informal, false, "Period 2");
    REQUIRE_FALSE(observed.ok());
    CHECK(observed.error().code == "case.unknown");
    // Under the adopted policy the same referral opens, and reaches the others.
    const ParCase clovis = ok(store::CaseService(*admin).openReferral(d.person(CaseRole::Teacher), "Kings River High School", "Grade 10", "clovis-unified"));
    send(*admin, *teacher);
    CHECK(ok(store::CaseService(*teacher).parCase(clovis.id)).districtPolicyId == "clovis-unified");

    // Once the district adopts seed 004's policy too, the held record counts as the case it is.
    snapshot.sequence = 2;
    snapshot.adoptedPolicies = {"clovis-unified", "district-004"};
    REQUIRE(store::EnrollmentService(*teacher).applyDirectory(ok(directory::issueDirectory(d.keys.root, snapshot))).ok());
    CHECK(ok(store::CaseService(*teacher).parCase(rogue.id)).districtPolicyId == "district-004");
}
