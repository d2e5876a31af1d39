// A report through its life on three devices (issue 12, "Proof"): the mentor's tablet, the teacher's phone and the
// site administrator's tablet, each a real enrolled LocalStore on disk with its own keys and its own device token,
// syncing through the real district-aware case store on loopback (HTTP, SQLite), which signs receipts. Referred:
// compose → issue → sync → the teacher opens it → acknowledges → sync → the mentor sees the signature → shares the
// signed report → the administrator reads it and its acknowledgement → the PDF for the personnel file verifies on
// each device. Volunteer: nothing reaches the administrator's device until the teacher consents.
#include "triad_casestore.h"

#include "audit_service.h"
#include "case_service.h"
#include "casestore_enrollment.h"
#include "certificate.h"
#include "demo_triad.h"
#include "document_store.h"
#include "enrollment_service.h"
#include "note_service.h"
#include "receipt_store.h"
#include "report_export.h"
#include "report_service.h"
#include "signature_service.h"
#include "store/store_fixture.h"

#include <QDir>

using namespace triad;
using test::ok;

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

QByteArray octets(std::span<const std::uint8_t> b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); }

struct Device {
    test::StoreFixture fixture{false};
    crypto::Bytes certificate;
    store::LocalStore &store() { return *fixture.store; }
    RecordId person() { return fixture.store->owner().id; }
};

// District IT, the case store and three devices, each enrolled with its own certificate only: colleagues'
// certificates reach each device in the directory the case store serves.
struct Triad {
    crypto::Identity root = crypto::Identity::generate();
    crypto::Identity records = crypto::Identity::generate();
    directory::DistrictInfo info = [this] {
        directory::DistrictInfo i;
        i.name = "Sierra Foothills Unified";
        i.rootSignPublicKey = root.publicIdentity().signPublicKey;
        i.recordsBoxPublicKey = records.publicIdentity().boxPublicKey;
        i.recordsSignPublicKey = records.publicIdentity().signPublicKey;
        return i;
    }();
    test::LoopbackCaseStore caseStore{info};
    Device mentor, teacher, administrator;

    Triad()
    {
        certify(mentor, Role::ParMentor);
        certify(teacher, Role::ParticipatingTeacher);
        certify(administrator, Role::SiteAdministrator);
        for (Device *d : {&mentor, &teacher, &administrator}) {
            REQUIRE(store::EnrollmentService(d->store()).enroll(info.enrollmentCode(), info.serialize(), d->certificate).ok());
            sync::HttpTransport http;
            auto enrolled = sync::enrollWithCaseStore(http, caseStore.url(), d->store().identity(), d->certificate);
            REQUIRE(enrolled.ok());
            REQUIRE(store::SyncQueue(d->store()).setEndpoint({caseStore.url(), enrolled->token}).ok());
        }
        // District IT publishes the directory, naming the case store's receipt key.
        directory::DirectorySnapshot s;
        s.sequence = 1;
        s.issuedAtMs = store::systemClockMs();
        s.nextUpdateMs = s.issuedAtMs + 7 * kDay;
        for (Device *d : {&mentor, &teacher, &administrator}) s.certificates.push_back(d->certificate);
        s.receiptKeys = {caseStore.publicReceiptKey()};
        const auto bytes = directory::issueDirectory(root, s);
        REQUIRE(bytes.ok());
        REQUIRE(caseStore.server->api().publishDirectory("application/octet-stream", octets(*bytes)).status == 200);
        for (Device *d : {&mentor, &teacher, &administrator}) syncAll(*d);
    }

    void certify(Device &d, Role role)
    {
        directory::Certificate c;
        c.serial = RecordId::generate();
        c.personId = d.person();
        c.displayName = d.store().owner().displayName;
        c.roles = {role};
        c.keys = d.store().ownerKeys();
        c.issuedAtMs = store::systemClockMs() - kDay;
        c.notAfterMs = store::systemClockMs() + 365 * kDay;
        d.certificate = directory::issueCertificate(root, c).value();
    }

    static sync::SyncReport syncAll(Device &d) { return test::syncDevice(d.store()); }

    RecordId openCase(CaseKind kind)
    {
        ParCase c;
        c.id = RecordId::generate();
        c.kind = kind;
        c.teacherId = teacher.person();
        c.mentorId = mentor.person();
        c.administratorId = administrator.person();
        c.school = "Kings River High School";
        c.gradeSubject = "Grade 10 / World History";
        c.schoolYear = "2026-27";
        c.startDate = QDate(2026, 9, 8);
        c.standardsOfFocus = {"2", "5.2"};
        if (kind == CaseKind::Volunteer) c.districtPolicyId = "district-002"; // Clovis takes no volunteers
        REQUIRE(store::CaseService(mentor.store()).saveCase(c).ok());
        return c.id;
    }
};

// The list entry of `documentId` on a device (readable or not); nullopt when the device holds no record of it.
std::optional<store::DocumentView> viewOf(store::LocalStore &s, const RecordId &caseId, const RecordId &documentId)
{
    for (auto &v : ok(store::DocumentStore(s).list(caseId)))
        if (v.id == documentId || v.lineageId == documentId) return v;
    return std::nullopt;
}

// The PDF matches the signed records `s` holds: every record's hashes and signer, and its whole text.
void checkPdfVerifies(store::LocalStore &s, const QString &pdf)
{
    auto verdict = printout::verifyReportPdf(s, pdf);
    REQUIRE(verdict);
    INFO((verdict->problems.empty() ? std::string() : verdict->problems.front()));
    CHECK(verdict->ok());
}

bool opens(store::LocalStore &s, const RecordId &id, RecordType type)
{
    auto held = ok(s.heldRecord(id));
    return held && s.openRecord(held->body, id, type).ok();
}

} // namespace

TEST_CASE("A referred report through its life on three devices and the real case store, to the PDF", "[sync][triad]")
{
    Triad t;
    const RecordId caseId = t.openCase(CaseKind::Referred);
    const std::int64_t start = store::systemClockMs() - kDay;
    store::NoteService notes(t.mentor.store());
    ok(notes.addNoteToCase(caseId, "Warm-up posted; most students started within two minutes.", {"2.6"}));
    ok(notes.addNoteToCase(caseId, "Thumbs-up check after the timeline; re-taught the nine who were unsure.", {"5.2"}));
    ok(notes.addNoteToCase(caseId, "Transition to groups took under a minute.", {"2.7"}));

    // Compose from the notes, write the narrative, issue version 1.
    store::ReportService reports(t.mentor.store());
    // Notes saved within one millisecond are dated a millisecond apart (each after the last): the period ends a minute on.
    const auto composed = ok(reports.compose(caseId, store::ReportPeriod{start, store::systemClockMs() + 60000}));
    CHECK(composed.notesInPeriod == 3);
    REQUIRE(reports.setNarrative(caseId, std::nullopt, "Routines are taking hold; checks for understanding are next.").ok());
    const auto issued = ok(reports.issueDraft(caseId));
    const RecordId reportId = issued.document.id;
    Triad::syncAll(t.mentor);

    // The teacher's phone receives it, opens it and keeps the case store's receipt (the response window opens there).
    Triad::syncAll(t.teacher);
    const auto onPhone = ok(store::ReportService(t.teacher.store()).report(reportId));
    REQUIRE(onPhone.versions.size() == 1);
    CHECK(onPhone.versions[0].document.text == issued.document.text);
    CHECK(onPhone.versions[0].document.report == issued.document.report);
    const auto receipt = ok(store::ReceiptStore(t.teacher.store()).of(reportId));
    REQUIRE(receipt.has_value());
    CHECK(receipt->key == t.caseStore.publicReceiptKey());

    // The administrator's tablet reads the case but gets nothing of the report before the teacher signs: the case
    // store serves a device only what is addressed to its key.
    Triad::syncAll(t.administrator);
    CHECK(ok(store::CaseService(t.administrator.store()).parCase(caseId)).administratorId == t.administrator.person());
    CHECK_FALSE(ok(t.administrator.store().heldRecord(reportId)).has_value());
    CHECK_FALSE(viewOf(t.administrator.store(), caseId, reportId).has_value());

    // The teacher acknowledges receipt: the mentor's tablet sees the signature after sync.
    const RecordId ack = ok(store::DocumentStore(t.teacher.store()).acknowledge(reportId));
    Triad::syncAll(t.teacher);
    Triad::syncAll(t.mentor);
    const ParCase c = ok(store::CaseService(t.mentor.store()).parCase(caseId));
    CHECK(ok(store::DocumentStore(t.mentor.store()).acknowledgementOf(reportId, c)) == std::optional<RecordId>(ack));
    CHECK(ok(store::ReportService(t.mentor.store()).report(reportId)).versions[0].acknowledged);
    // The mentor holds the case store's receipt of the acknowledgement too (when the signature reached it).
    CHECK(ok(store::ReceiptStore(t.mentor.store()).of(ack)).has_value());

    // Shared after the signature: the administrator reads the report and the acknowledgement.
    CHECK(ok(store::DocumentStore(t.mentor.store()).shareAfterSignature(reportId)) > 0);
    Triad::syncAll(t.mentor);
    CHECK(Triad::syncAll(t.administrator).pulled >= 1); // the key grant, addressed to the administrator's key
    // The case store serves a record only to the readers in its sealed header: the report the grant opens does not
    // follow the grant to the administrator yet (a gap of the case store, reported), so it goes over as a records file.
    REQUIRE(district::handOverRecords(t.mentor.store(), t.administrator.store(), {reportId}).ok());
    const auto afterSigning = viewOf(t.administrator.store(), caseId, reportId);
    REQUIRE(afterSigning.has_value());
    REQUIRE(afterSigning->readable);
    CHECK(afterSigning->document->text == issued.document.text);
    CHECK(afterSigning->acknowledged);
    CHECK(opens(t.administrator.store(), ack, RecordType::Acknowledgement));
    CHECK(ok(store::DocumentStore(t.administrator.store()).acknowledgementOf(reportId, c)) == std::optional<RecordId>(ack));

    // The PDF for the personnel file, rendered on the mentor's tablet, verifies on the mentor's and the teacher's
    // devices, which hold the same signed records and the case store's receipts for them. (The administrator's tablet
    // got the report as a records file, without the case store's receipt, so its audit trail has no case store time
    // for the issue: a PDF's audit trail is compared with what the verifying device holds.)
    auto printout = printout::assemble(t.mentor.store(), reportId);
    INFO((printout ? std::string() : printout.error().message));
    REQUIRE(printout);
    CHECK(printout->signature.state == printout::SignatureBlock::State::Signed);
    QTemporaryDir out;
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    REQUIRE(printout::writeReportPdf(*printout, pdf));
    for (Device *d : {&t.mentor, &t.teacher}) checkPdfVerifies(d->store(), pdf);
    // The administrator checks every printed record's hashes and signer against the records held on the tablet.
    auto printed = printout::readPrintedRecords(pdf);
    REQUIRE(printed);
    CHECK(printed->size() == 2);
    for (const auto &check : ok(printout::checkPrintedRecords(t.administrator.store(), *printed))) {
        INFO(check.finding);
        CHECK(check.ok);
    }
}

TEST_CASE("A volunteer's report reaches the administrator's device only after the teacher's consent names them", "[sync][triad]")
{
    Triad t;
    const RecordId caseId = t.openCase(CaseKind::Volunteer);
    store::DocumentStore mentorDocs(t.mentor.store());
    // The mentor issues a report, the teacher's phone receives it and the teacher signs; both reach the case store.
    auto issueAndSign = [&](const std::string &text) {
        const Document report = ok(mentorDocs.write(caseId, DocumentType::Report, text));
        Triad::syncAll(t.mentor);
        Triad::syncAll(t.teacher);
        const RecordId ack = ok(store::DocumentStore(t.teacher.store()).acknowledge(report.id));
        Triad::syncAll(t.teacher);
        return std::make_pair(report, ack);
    };
    const auto [first, firstAck] = issueAndSign("Confidential six-week report.");
    Triad::syncAll(t.mentor);
    CHECK(ok(mentorDocs.shareAfterSignature(first.id)) == 0); // volunteer: signing opens nothing to anyone
    Triad::syncAll(t.mentor);

    // The case store hands the administrator nothing of the case: no case record, no report, no signature.
    Triad::syncAll(t.administrator);
    for (const RecordId &id : {caseId, first.id, firstAck}) CHECK_FALSE(ok(t.administrator.store().heldRecord(id)).has_value());
    CHECK_FALSE(viewOf(t.administrator.store(), caseId, first.id).has_value());

    // The teacher consents to the administrator reading reports; what the mentor writes next reaches them.
    ok(store::DocumentStore(t.teacher.store()).grantConsent(caseId, {CaseRole::SiteAdministrator}, {DocumentType::Report}, std::nullopt));
    Triad::syncAll(t.teacher);
    Triad::syncAll(t.mentor);
    const auto [second, secondAck] = issueAndSign("Six-week report, shared by the teacher's consent.");
    Triad::syncAll(t.administrator);
    const auto shared = viewOf(t.administrator.store(), caseId, second.id);
    REQUIRE(shared.has_value());
    REQUIRE(shared->readable);
    CHECK(shared->document->text == "Six-week report, shared by the teacher's consent.");
    CHECK(opens(t.administrator.store(), secondAck, RecordType::Acknowledgement));
    // What was written before the consent stays between the teacher and the mentor.
    CHECK_FALSE(ok(t.administrator.store().heldRecord(first.id)).has_value());
    CHECK_FALSE(ok(t.administrator.store().heldRecord(firstAck)).has_value());
    CHECK_FALSE(ok(t.administrator.store().heldRecord(caseId)).has_value());
}

TEST_CASE("Delivered, viewed, signed, evidence added: the trail and the administrator's evidence reach every reader and verify",
          "[sync][triad][audit]")
{
    Triad t;
    const RecordId caseId = t.openCase(CaseKind::Referred);
    const Document report = ok(store::DocumentStore(t.mentor.store()).write(caseId, DocumentType::Report, "Six-week report: routines hold."));
    Triad::syncAll(t.mentor);

    // The phone's sync records the delivery itself (as the app's does) and sends it in the same attempt.
    test::syncDevice(t.teacher.store(), true);
    store::AuditService phone(t.teacher.store());
    const auto delivered = ok(phone.eventOf(report.id, ReportEventKind::Delivered));
    REQUIRE(delivered);
    CHECK(delivered->device == t.teacher.store().deviceId());
    const RecordId viewed = ok(phone.markViewed(report.id));
    ok(store::SignatureService(t.teacher.store()).agreeToElectronicRecords(caseId));
    const RecordId ack = ok(store::SignatureService(t.teacher.store()).acknowledge(report.id));
    Triad::syncAll(t.teacher);

    // The mentor sees delivery and the first view, each with the case store's receipt time, and shares the signed report.
    Triad::syncAll(t.mentor);
    store::AuditService tablet(t.mentor.store());
    const auto seenViewed = ok(tablet.eventOf(report.id, ReportEventKind::Viewed));
    REQUIRE(seenViewed);
    CHECK(seenViewed->id == viewed);
    CHECK(ok(store::DocumentStore(t.mentor.store()).shareAfterSignature(report.id)) > 0);
    Triad::syncAll(t.mentor);
    Triad::syncAll(t.administrator);
    REQUIRE(district::handOverRecords(t.mentor.store(), t.administrator.store(), {report.id}).ok());

    // The administrator disagrees and adds evidence; it reaches the teacher and the mentor through the case store.
    const Document evidence =
        ok(store::AuditService(t.administrator.store()).addEvidence(report.id, "Walk-through on 5 December: the routines held."));
    Triad::syncAll(t.administrator);
    Triad::syncAll(t.teacher);
    Triad::syncAll(t.mentor);
    for (Device *d : {&t.teacher, &t.mentor}) {
        const auto held = ok(store::AuditService(d->store()).evidenceOf(report.id));
        REQUIRE(held.size() == 1);
        CHECK(held[0].id == evidence.id);
        CHECK(held[0].text == "Walk-through on 5 December: the routines held.");
    }

    // The trail on the mentor's tablet: every event, each with the case store's time.
    const auto trail = ok(tablet.trail(report.id));
    std::vector<store::TrailEvent::Kind> kinds;
    for (const auto &e : trail) {
        kinds.push_back(e.kind);
        INFO(e.what);
        CHECK(e.caseStoreTimeMs.has_value());
    }
    using K = store::TrailEvent::Kind;
    CHECK(kinds == std::vector<K>{K::Issued, K::Delivered, K::Viewed, K::Signed, K::EvidenceAdded});

    // The chain checks out on the mentor's and the teacher's devices.
    for (Device *d : {&t.mentor, &t.teacher}) {
        for (const auto &link : ok(store::AuditService(d->store()).verifyChain(report.id))) {
            INFO(link.what << " " << link.recordId.toString() << ": " << link.finding);
            CHECK(link.ok);
        }
    }

    // The PDF shows the evidence and the trail, lists their records, and verifies on the mentor's and the teacher's devices.
    auto printout = printout::assemble(t.mentor.store(), report.id);
    INFO((printout ? std::string() : printout.error().message));
    REQUIRE(printout);
    REQUIRE(printout->additionalEvidence.size() == 1);
    CHECK(printout->additionalEvidence[0].text == evidence.text);
    REQUIRE(printout->audit.size() == 5);
    CHECK(printout->audit[1].what == "Delivered to the teacher's device");
    CHECK(printout->audit[2].what == "First viewed by the teacher");
    CHECK(printout->audit[4].what == "Additional evidence added by the site administrator");
    std::set<std::string> kindsListed;
    for (const auto &r : printout->records) kindsListed.insert(r.kind);
    CHECK(kindsListed == std::set<std::string>{"report", "acknowledgement", "administrator_evidence", "report_event"});
    CHECK(printout->records.size() == 5);
    QTemporaryDir out;
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    REQUIRE(printout::writeReportPdf(*printout, pdf));
    for (Device *d : {&t.mentor, &t.teacher}) checkPdfVerifies(d->store(), pdf);
    (void)ack;
}
