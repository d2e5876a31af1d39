// A report version's trail and chain over real enrolled stores (tests/access/store_district.h), real SQLite files and
// real libsodium (issue 12, items 6 and 7): the site administrator's additional evidence in a referred case and nobody
// else's; the teacher's device recording delivery and the first view, once; the trail of a report's life; and the
// chain check of `triadctl report verify --report`, which names the link that one changed byte breaks.
#include "audit_service.h"
#include "enrollment_service.h"
#include "receipt.h"
#include "receipt_store.h"
#include "response_service.h"
#include "signature_service.h"
#include "signature_support.h"
#include "store_district.h"

using namespace triad;
using store::AuditService;
using store::ChainLink;
using store::DocumentStore;
using store::LocalStore;
using store::SignatureService;
using store::TrailEvent;
using test::codeOf;
using test::contains;
using test::District;
using test::holdReceiptKey;
using test::kMinute;
using test::ok;
using test::receiveReceipt;
using test::send;

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

// The referred triad of the district: the mentor's tablet, the teacher's phone, the administrator's laptop.
struct Triad {
    District d;
    std::unique_ptr<LocalStore> mentor, teacher, admin;
    RecordId reportId;

    explicit Triad(CaseKind kind = CaseKind::Referred)
    {
        mentor = d.device("mentor-tablet", CaseRole::Mentor);
        teacher = d.device("teacher-phone", CaseRole::Teacher);
        admin = d.device("admin-laptop", CaseRole::SiteAdministrator);
        // Clovis takes no volunteers: a volunteer triad follows the contract article of seed 002.
        d.openCase(*mentor, kind, {}, kind == CaseKind::Volunteer ? "district-002" : "clovis-unified");
        reportId = ok(DocumentStore(*mentor).write(d.caseId, DocumentType::Report, "Six-week report: routines hold.")).id;
        send(*mentor, *teacher);
        send(*mentor, *admin);
    }

    // The teacher signs; the mentor opens the signed report to the evaluator's side; everything reaches everyone.
    void signAndShare()
    {
        d.later();
        ok(SignatureService(*teacher).agreeToElectronicRecords(d.caseId));
        d.later();
        ok(SignatureService(*teacher).acknowledge(reportId));
        send(*teacher, *mentor);
        ok(DocumentStore(*mentor).shareAfterSignature(reportId));
        everyone();
    }

    void everyone()
    {
        for (LocalStore *from : {mentor.get(), teacher.get(), admin.get()})
            for (LocalStore *to : {mentor.get(), teacher.get(), admin.get()})
                if (from != to) send(*from, *to);
    }
};

// One byte of a SQLite blob changed in place, as someone with the file would.
void flipByte(LocalStore &s, const char *table, const char *column, const char *idColumn, const RecordId &id, std::size_t fromEnd)
{
    auto &db = s.database();
    auto read = db.prepare(std::string("SELECT ") + column + " FROM " + table + " WHERE " + idColumn + " = ?");
    REQUIRE(read.ok());
    (*read)->bind(1, std::span<const std::uint8_t>(id.bytes));
    REQUIRE(*(*read)->step());
    auto blob = (*read)->columnBlob(0);
    REQUIRE(blob.size() > fromEnd);
    blob[blob.size() - 1 - fromEnd] ^= 0x01;
    (*read)->reset();
    auto write = db.prepare(std::string("UPDATE ") + table + " SET " + column + " = ? WHERE " + idColumn + " = ?");
    REQUIRE(write.ok());
    REQUIRE((*write)->bind(1, blob).bind(2, std::span<const std::uint8_t>(id.bytes)).run().ok());
}

std::vector<std::string> failing(const std::vector<ChainLink> &links)
{
    std::vector<std::string> out;
    for (const ChainLink &l : links)
        if (!l.ok) out.push_back(l.what + " " + l.recordId.toString() + ": " + l.finding);
    return out;
}

const ChainLink *linkOf(const std::vector<ChainLink> &links, const std::string &what, const RecordId &id)
{
    for (const ChainLink &l : links)
        if (l.what == what && l.recordId == id) return &l;
    return nullptr;
}

} // namespace

TEST_CASE("Only the case's site administrator adds evidence, in referred participation, and it reaches the report's readers",
          "[store][access][audit]")
{
    using rules::RecordKind;
    CHECK(rules::writersOf(RecordKind::AdministratorEvidence, CaseKind::Referred) == std::set<CaseRole>{CaseRole::SiteAdministrator});
    for (CaseKind kind : {CaseKind::Volunteer, CaseKind::BeginningInduction, CaseKind::Intern})
        CHECK(rules::writersOf(RecordKind::AdministratorEvidence, kind).empty());
    const AudienceContext referred{CaseKind::Referred, false, false, false, std::nullopt, test::kNow};
    CHECK(readersOf(DocumentType::AdministratorEvidence, referred)
          == std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction, CaseRole::Panel,
                                CaseRole::DistrictRecords});
    CHECK(std::string(documentTypeKey(DocumentType::AdministratorEvidence)) == "administrator_evidence");

    Triad t;
    auto outsider = t.d.deviceOf("outsider-tablet", t.d.keys.outsider);
    send(*t.mentor, *outsider);

    SECTION("before the teacher signs, the administrator cannot read the report, so attaches nothing to it")
    {
        const auto refused = AuditService(*t.admin).addEvidence(t.reportId, "I saw otherwise.");
        CHECK(codeOf(refused) == "document.not_readable");
        CHECK(contains(refused.error().message, "not shared with you"));
    }
    SECTION("the administrator adds evidence; the teacher and the mentor read it; the mentor, the teacher and another mentor cannot add any")
    {
        t.signAndShare();
        send(*t.mentor, *outsider);
        t.d.later();
        const Document e = ok(AuditService(*t.admin).addEvidence(t.reportId, "  Walk-through on 5 December: routines observed as described.  "));
        CHECK(e.type == DocumentType::AdministratorEvidence);
        CHECK(e.refersTo == t.reportId);
        CHECK(e.text == "Walk-through on 5 December: routines observed as described."); // trimmed
        CHECK(e.authorPersonId == t.d.person(CaseRole::SiteAdministrator));
        t.everyone();
        for (LocalStore *reader : {t.admin.get(), t.teacher.get(), t.mentor.get()}) {
            const auto held = ok(AuditService(*reader).evidenceOf(t.reportId));
            REQUIRE(held.size() == 1);
            CHECK(held[0].id == e.id);
            CHECK(held[0].text == e.text);
        }
        // The mentor, the teacher and another mentor of the district: each refused, with the reason.
        const auto byMentor = AuditService(*t.mentor).addEvidence(t.reportId, "More evidence.");
        CHECK(codeOf(byMentor) == "evidence.not_entitled");
        CHECK(contains(byMentor.error().message, "site administrator"));
        CHECK(codeOf(AuditService(*t.teacher).addEvidence(t.reportId, "My own evidence.")) == "evidence.not_entitled");
        CHECK(codeOf(AuditService(*outsider).addEvidence(t.reportId, "Evidence.")) != "ok");
        // Bad input: empty, too long, not UTF-8, an unknown id, a record that is not a report.
        const auto empty = AuditService(*t.admin).addEvidence(t.reportId, "   \n");
        CHECK(codeOf(empty) == "input.empty");
        CHECK(contains(empty.error().message, "additional evidence is empty"));
        const auto tooLong = AuditService(*t.admin).addEvidence(t.reportId, std::string(kMaxAdministratorEvidenceChars + 1, 'x'));
        CHECK(codeOf(tooLong) == "input.too_long");
        CHECK(contains(tooLong.error().message, std::to_string(kMaxAdministratorEvidenceChars)));
        CHECK(codeOf(AuditService(*t.admin).addEvidence(t.reportId, std::string("bad \xff bytes"))) == "input.encoding");
        const auto unknown = AuditService(*t.admin).addEvidence(RecordId::generate(), "Evidence.");
        CHECK(codeOf(unknown) == "document.unknown");
        CHECK(contains(unknown.error().message, "no report"));
        CHECK(codeOf(AuditService(*t.admin).addEvidence(e.id, "Evidence about evidence.")) == "report.not_a_report");
        // Exactly one piece of evidence is held: no refusal wrote anything.
        CHECK(ok(AuditService(*t.admin).evidenceOf(t.reportId)).size() == 1);
    }
    SECTION("a record posing as the administrator's evidence but signed by another key is refused on the receiving device")
    {
        t.signAndShare();
        // The mentor forges evidence naming the administrator as its author, sealed to the teacher and the mentor.
        Document forged;
        forged.id = forged.lineageId = RecordId::generate();
        forged.caseId = t.d.caseId;
        forged.type = DocumentType::AdministratorEvidence;
        forged.text = "The administrator agrees with every word.";
        forged.authorPersonId = t.d.person(CaseRole::SiteAdministrator);
        forged.createdAtMs = t.d.clock;
        forged.refersTo = t.reportId;
        REQUIRE(t.mentor
                    ->writeRecordFor(t.d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor}), RecordType::Document, forged.id, t.d.caseId,
                                     std::nullopt, t.d.clock, encodePayload(forged))
                    .ok());
        // Another mentor of the district writes one in their own name.
        Document own = forged;
        own.id = own.lineageId = RecordId::generate();
        own.authorPersonId = t.d.keys.outsider.certificate.personId;
        REQUIRE(outsider
                    ->writeRecordFor(t.d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor}), RecordType::Document, own.id, t.d.caseId, std::nullopt,
                                     t.d.clock, encodePayload(own))
                    .ok());
        send(*t.mentor, *t.teacher);
        send(*outsider, *t.teacher);
        CHECK(ok(AuditService(*t.teacher).evidenceOf(t.reportId)).empty());
        const auto chain = ok(AuditService(*t.teacher).verifyChain(t.reportId));
        const ChainLink *a = linkOf(chain, "additional evidence", forged.id);
        const ChainLink *b = linkOf(chain, "additional evidence", own.id);
        REQUIRE(a);
        REQUIRE(b);
        CHECK_FALSE(a->ok);
        CHECK(contains(a->finding, "author other than the person who signed it"));
        CHECK_FALSE(b->ok);
        CHECK(contains(b->finding, "written by the site administrator"));
        // Listed as refused, with the reason, never as evidence.
        for (const auto &v : ok(DocumentStore(*t.teacher).list(t.d.caseId)))
            if (v.id == forged.id || v.id == own.id) CHECK_FALSE(v.readable);
    }
}

TEST_CASE("No administrator's evidence is kept in a volunteer case: refused with a sentence saying so", "[store][access][audit]")
{
    Triad t(CaseKind::Volunteer);
    // Whoever can read a volunteer's report (the mentor here) is told why, before any question of who they are.
    const auto refused = AuditService(*t.mentor).addEvidence(t.reportId, "Evidence.");
    CHECK(codeOf(refused) == "evidence.volunteer");
    CHECK(contains(refused.error().message, "referred participation only"));
    CHECK(contains(refused.error().message, "volunteer"));
    // The administrator does not even read the volunteer's report.
    CHECK(codeOf(AuditService(*t.admin).addEvidence(t.reportId, "Evidence.")) == "document.not_readable");
    // The rules refuse it too, whoever signs.
    const auto signer = t.admin->signerOf(t.admin->ownerKeys().signKeyId(), nullptr, t.d.clock);
    rules::Signer asAdmin = signer;
    asAdmin.caseRoles = {CaseRole::SiteAdministrator};
    const auto verdict = rules::judgeWrite(rules::RecordKind::AdministratorEvidence, CaseKind::Volunteer, asAdmin);
    CHECK(verdict.code == "rules.not_applicable");
}

TEST_CASE("The teacher's device records delivery and the first view once per version; nobody else can", "[store][access][audit]")
{
    CHECK(rules::writersOf(rules::RecordKind::ReportEvent, CaseKind::Referred) == std::set<CaseRole>{CaseRole::Teacher});
    CHECK(rules::writersOf(rules::RecordKind::ReportEvent, CaseKind::Volunteer) == std::set<CaseRole>{CaseRole::Teacher});
    Triad t;
    AuditService phone(*t.teacher);
    t.d.later();
    const RecordId delivered = ok(phone.markDelivered(t.reportId));
    t.d.later();
    CHECK(ok(phone.markDelivered(t.reportId)) == delivered); // idempotent: nothing new written
    const RecordId viewed = ok(phone.markViewed(t.reportId));
    t.d.later();
    CHECK(ok(phone.markViewed(t.reportId)) == viewed);
    CHECK(delivered != viewed);
    CHECK(ok(phone.checkEvents(t.reportId)).size() == 2);

    // The mentor sees both at once (sealed to the report's readers), with the device that wrote them.
    send(*t.teacher, *t.mentor);
    const auto seen = ok(AuditService(*t.mentor).eventOf(t.reportId, ReportEventKind::Viewed));
    REQUIRE(seen);
    CHECK(seen->id == viewed);
    CHECK(seen->device == t.teacher->deviceId()); // the phone's own device id
    CHECK(seen->teacherId == t.d.person(CaseRole::Teacher));

    // A second phone of the teacher: the record from the first counts, nothing is written twice.
    auto secondPhone = t.d.device("teacher-phone-2", CaseRole::Teacher);
    send(*t.mentor, *secondPhone);
    CHECK(ok(AuditService(*secondPhone).markDelivered(t.reportId)) == delivered);

    SECTION("the mentor and the administrator cannot mark it; an unknown id is named")
    {
        const auto byMentor = AuditService(*t.mentor).markViewed(t.reportId);
        CHECK(codeOf(byMentor) == "event.not_entitled");
        CHECK(contains(byMentor.error().message, "participating teacher"));
        CHECK(codeOf(AuditService(*t.admin).markDelivered(t.reportId)) == "document.not_readable");
        CHECK(codeOf(phone.markViewed(RecordId::generate())) == "document.unknown");
    }
    SECTION("a 'viewed' signed by someone other than the case's teacher is refused on the receiving device")
    {
        auto report = ok(DocumentStore(*t.mentor).reportVersion(t.reportId));
        ReportEvent forged{RecordId::generate(),
                           t.d.caseId,
                           t.reportId,
                           report.sealedHash,
                           report.plaintextHash,
                           ReportEventKind::Viewed,
                           t.d.person(CaseRole::Teacher),
                           t.teacher->deviceId(),
                           t.d.clock - 10 * kMinute};
        REQUIRE(t.mentor
                    ->writeRecordFor(t.d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor}), RecordType::ReportEvent, forged.id, t.d.caseId,
                                     t.reportId, t.d.clock, encodePayload(forged))
                    .ok());
        send(*t.mentor, *t.teacher);
        // Earlier than the genuine one, yet never taken for it.
        const auto first = ok(AuditService(*t.teacher).eventOf(t.reportId, ReportEventKind::Viewed));
        REQUIRE(first);
        CHECK(first->id == viewed);
        bool named = false;
        for (const auto &check : ok(AuditService(*t.teacher).checkEvents(t.reportId)))
            if (check.recordId == forged.id) {
                named = true;
                CHECK_FALSE(check.verdict.allowed);
                CHECK(check.verdict.code == "rules.wrong_author");
            }
        CHECK(named);
        const auto chain = ok(AuditService(*t.teacher).verifyChain(t.reportId));
        const ChainLink *l = linkOf(chain, "report event", forged.id);
        REQUIRE(l);
        CHECK_FALSE(l->ok);
    }
    SECTION("an event moved to another version is refused with the reason")
    {
        t.d.later();
        const Document v2 = ok(DocumentStore(*t.mentor).write(t.d.caseId, DocumentType::Report, "Twelve-week report."));
        send(*t.mentor, *t.teacher);
        auto report = ok(DocumentStore(*t.teacher).reportVersion(t.reportId));
        ReportEvent moved{RecordId::generate(), t.d.caseId, t.reportId, report.sealedHash, report.plaintextHash, ReportEventKind::Delivered,
                          t.d.person(CaseRole::Teacher), t.teacher->deviceId(), t.d.clock};
        REQUIRE(t.teacher
                    ->writeRecordFor(t.d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor}), RecordType::ReportEvent, moved.id, t.d.caseId, v2.id,
                                     t.d.clock, encodePayload(moved))
                    .ok());
        const auto checks = ok(AuditService(*t.teacher).checkEvents(v2.id));
        REQUIRE(checks.size() == 1);
        CHECK(checks[0].verdict.code == "event.other_document");
        CHECK_FALSE(ok(AuditService(*t.teacher).eventOf(v2.id, ReportEventKind::Delivered)));
    }
}

TEST_CASE("The trail of a report version: issued, delivered, viewed, signed, response, evidence, each with its times and device",
          "[store][access][audit]")
{
    Triad t;
    const crypto::Identity receiptKey = crypto::Identity::generate();
    for (LocalStore *s : {t.mentor.get(), t.teacher.get(), t.admin.get()}) holdReceiptKey(t.d, *s, receiptKey);
    const std::int64_t issuedAt = t.d.clock;
    receiveReceipt(*t.teacher, t.reportId, receiptKey, issuedAt + 500, 1);
    t.d.later();
    ok(AuditService(*t.teacher).markDelivered(t.reportId));
    t.d.later();
    ok(AuditService(*t.teacher).markViewed(t.reportId));
    t.signAndShare();
    t.d.later();
    REQUIRE(store::ResponseService(*t.teacher).saveDraft(t.reportId, "I disagree with section 2.").ok());
    ok(store::ResponseService(*t.teacher).submit(t.reportId));
    t.d.later();
    t.everyone();
    const Document e = ok(AuditService(*t.admin).addEvidence(t.reportId, "Walk-through: routines observed."));
    t.everyone();

    const auto trail = ok(AuditService(*t.mentor).trail(t.reportId));
    std::vector<TrailEvent::Kind> kinds;
    for (const TrailEvent &ev : trail) kinds.push_back(ev.kind);
    CHECK(kinds
          == std::vector<TrailEvent::Kind>{TrailEvent::Kind::Issued, TrailEvent::Kind::Delivered, TrailEvent::Kind::Viewed, TrailEvent::Kind::Signed,
                                           TrailEvent::Kind::ResponseSubmitted, TrailEvent::Kind::EvidenceAdded});
    REQUIRE(trail.size() == 6);
    CHECK(trail[0].deviceTimeMs == issuedAt);
    CHECK(trail[1].what == "Delivered to the teacher's device");
    CHECK(contains(trail[1].device, "device " + t.teacher->deviceId()));
    CHECK(contains(trail[1].device, "signing key "));
    CHECK(trail[2].what == "First viewed by the teacher");
    CHECK(trail[1].deviceTimeMs < trail[2].deviceTimeMs);
    CHECK(trail[5].recordId == e.id);
    CHECK(std::string(trail[5].recordKind) == "administrator_evidence");
    // Only the teacher's phone holds the case store's receipt of the report here: its trail says so.
    const auto onPhone = ok(AuditService(*t.teacher).trail(t.reportId));
    REQUIRE_FALSE(onPhone.empty());
    CHECK(onPhone[0].caseStoreTimeMs == issuedAt + 500);
    CHECK_FALSE(trail[0].caseStoreTimeMs);
}

TEST_CASE("The declined signature stands in the trail with its witness", "[store][access][audit]")
{
    Triad t;
    t.d.later();
    const QDate today = QDateTime::fromMSecsSinceEpoch(t.d.clock, Qt::UTC).date();
    const RecordId declined = ok(SignatureService(*t.mentor).recordDecline(t.reportId, today, "Pat Lee", "At the triad meeting."));
    const auto trail = ok(AuditService(*t.mentor).trail(t.reportId));
    REQUIRE(trail.size() == 2);
    CHECK(trail[1].kind == TrailEvent::Kind::Declined);
    CHECK(trail[1].recordId == declined);
    CHECK(trail[1].what == "Declined to sign on " + today.toString(Qt::ISODate).toStdString() + " (recorded by the PAR mentor, witness Pat Lee)");
    const auto chain = ok(AuditService(*t.mentor).verifyChain(t.reportId));
    CHECK(failing(chain).empty());
    const ChainLink *l = linkOf(chain, "declined signature", declined);
    REQUIRE(l);
    CHECK(l->ok);
}

TEST_CASE("verifyChain passes on an honest chain and names the link one changed byte breaks", "[store][access][audit][verify]")
{
    Triad t;
    const crypto::Identity receiptKey = crypto::Identity::generate();
    holdReceiptKey(t.d, *t.mentor, receiptKey);
    holdReceiptKey(t.d, *t.teacher, receiptKey);
    receiveReceipt(*t.teacher, t.reportId, receiptKey, t.d.clock + 100, 1);
    t.d.later();
    ok(AuditService(*t.teacher).markDelivered(t.reportId));
    ok(AuditService(*t.teacher).markViewed(t.reportId));
    t.signAndShare();
    t.d.later();
    REQUIRE(store::ResponseService(*t.teacher).saveDraft(t.reportId, "I disagree.").ok());
    const Document response = ok(store::ResponseService(*t.teacher).submit(t.reportId));
    t.everyone();
    const Document evidence = ok(AuditService(*t.admin).addEvidence(t.reportId, "Walk-through: routines observed."));
    t.everyone();
    const auto ackId = ok(DocumentStore(*t.mentor).acknowledgementOf(t.reportId, ok(store::CaseService(*t.mentor).parCase(t.d.caseId))));
    REQUIRE(ackId);
    std::uint64_t sequence = 1;
    for (const RecordId &id : {t.reportId, *ackId, response.id, evidence.id})
        receiveReceipt(*t.mentor, id, receiptKey, t.d.clock + static_cast<std::int64_t>(sequence) * 1000, sequence), ++sequence;

    const auto honest = ok(AuditService(*t.mentor).verifyChain(t.reportId));
    INFO(failing(honest).size());
    CHECK(failing(honest).empty());
    // report, its receipt, acknowledgement + receipt + the agreement in force, 2 events + receipts, response + receipt,
    // evidence + receipt
    CHECK(honest.size() == 13);
    for (const char *what : {"report record", "acknowledgement", "electronic records agreement", "report event", "written response",
                             "additional evidence", "receipt of the report"})
        CHECK(std::any_of(honest.begin(), honest.end(), [&](const ChainLink &l) { return l.what == what && l.ok; }));

    SECTION("one byte of the report record")
    {
        flipByte(*t.mentor, "records", "body", "id", t.reportId, 70);
        const auto links = ok(AuditService(*t.mentor).verifyChain(t.reportId));
        const ChainLink *report = linkOf(links, "report record", t.reportId);
        REQUIRE(report);
        CHECK_FALSE(report->ok);
        CHECK_FALSE(report->finding.empty());
        // What is bound to the report's bytes fails with it: the acknowledgement, and the receipt of the report.
        const ChainLink *ack = linkOf(links, "acknowledgement", *ackId);
        REQUIRE(ack);
        CHECK_FALSE(ack->ok);
        const ChainLink *receipt = linkOf(links, "receipt of the report", t.reportId);
        REQUIRE(receipt);
        CHECK_FALSE(receipt->ok);
    }
    SECTION("one byte of the acknowledgement")
    {
        flipByte(*t.mentor, "records", "body", "id", *ackId, 70);
        const auto links = ok(AuditService(*t.mentor).verifyChain(t.reportId));
        const ChainLink *ack = linkOf(links, "acknowledgement", *ackId);
        REQUIRE(ack);
        CHECK_FALSE(ack->ok);
        CHECK_FALSE(ack->finding.empty());
        const ChainLink *report = linkOf(links, "report record", t.reportId);
        REQUIRE(report);
        CHECK(report->ok);
    }
    SECTION("one byte of a receipt")
    {
        flipByte(*t.mentor, "receipts", "receipt", "record_id", response.id, 10);
        const auto links = ok(AuditService(*t.mentor).verifyChain(t.reportId));
        const auto bad = failing(links);
        REQUIRE(bad.size() == 1);
        const ChainLink *receipt = linkOf(links, "receipt of the written response", response.id);
        REQUIRE(receipt);
        CHECK_FALSE(receipt->ok);
        CHECK(contains(receipt->finding, "not written by this device"));
    }
    SECTION("one byte of the administrator's evidence")
    {
        flipByte(*t.mentor, "records", "body", "id", evidence.id, 70);
        const auto links = ok(AuditService(*t.mentor).verifyChain(t.reportId));
        const ChainLink *doc = linkOf(links, "document of the case", evidence.id);
        REQUIRE(doc);
        CHECK_FALSE(doc->ok);
        CHECK(contains(doc->finding, evidence.id.toString()));
    }
    SECTION("an acknowledgement signed while no agreement was in force fails the UETA link, and only that one")
    {
        t.d.later();
        const Document v2 = ok(DocumentStore(*t.mentor).write(t.d.caseId, DocumentType::Report, "Twelve-week report."));
        send(*t.mentor, *t.teacher);
        t.d.later();
        ok(SignatureService(*t.teacher).withdrawElectronicRecordsAgreement(t.d.caseId));
        t.d.later();
        // A client that skips the agreement check (the store's signing step alone) signs anyway.
        const RecordId ack2 = ok(DocumentStore(*t.teacher).acknowledge(v2.id));
        const auto links = ok(AuditService(*t.teacher).verifyChain(v2.id));
        const auto bad = failing(links);
        REQUIRE(bad.size() == 1);
        const ChainLink *ueta = linkOf(links, "electronic records agreement", ack2);
        REQUIRE(ueta);
        CHECK(contains(ueta->finding, "1633.5(b)"));
        // Version 1, signed while the agreement was in force, still checks out on the phone.
        const auto v1 = ok(AuditService(*t.teacher).verifyChain(t.reportId));
        CHECK(std::any_of(v1.begin(), v1.end(), [](const ChainLink &l) { return l.what == "electronic records agreement" && l.ok; }));
    }
    SECTION("an unknown report version is one failing link, named")
    {
        const RecordId unknown = RecordId::generate();
        const auto links = ok(AuditService(*t.mentor).verifyChain(unknown));
        REQUIRE(links.size() == 1);
        CHECK_FALSE(links[0].ok);
        CHECK(contains(links[0].finding, "not held on this device"));
    }
}
