// The teacher's signature and written response over real enrolled stores (tests/access/store_district.h): the
// electronic-records agreement before the first signature (and its withdrawal), the acknowledgement statement checked
// per document type, a declined signature recorded by the case's mentor with a witness, and the written response —
// drafted privately, leaving nothing behind, submitted within the window the case store's receipts and the district's
// policy give. Every right is judged from the signer's certificate and signed fields: forged records by another
// member of the district are held but never count.
#include "enrollment_service.h"
#include "receipt.h"
#include "receipt_store.h"
#include "response_service.h"
#include "signature_service.h"
#include "signature_support.h"
#include "store_district.h"

#include <QDir>
#include <QFile>

using namespace triad;
using store::DocumentStore;
using store::LocalStore;
using store::ResponseService;
using store::SignatureService;
using test::contains;
using test::District;
using test::filesOf;
using test::holdReceiptKey;
using test::kMinute;
using test::ok;
using test::receiveReceipt;
using test::send;

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

template <typename T>
std::string codeOf(const Result<T> &r)
{
    return r ? std::string("ok") : r.error().code;
}
std::string codeOf(const Status &s) { return s ? std::string("ok") : s.error().code; }


// The mentor issues a free-text report; the teacher's phone receives it.
RecordId issueReport(District &d, LocalStore &mentor, LocalStore &teacher, const std::string &text = "Six-week report: routines hold.")
{
    const Document report = ok(DocumentStore(mentor).write(d.caseId, DocumentType::Report, text));
    send(mentor, teacher);
    return report.id;
}

// The sealed bytes of the response draft kept for `reportId`.
QByteArray draftBody(LocalStore &s, const RecordId &reportId)
{
    auto st = s.database().cached("SELECT body FROM response_drafts WHERE report_id = ?");
    REQUIRE(st.ok());
    (*st)->bind(1, std::span<const std::uint8_t>(reportId.bytes.data(), reportId.bytes.size()));
    auto row = (*st)->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    const auto body = (*st)->columnBlob(0);
    (*st)->reset();
    return QByteArray(reinterpret_cast<const char *>(body.data()), static_cast<qsizetype>(body.size()));
}

// A run of the sealed body from its ciphertext (past the header), long enough to be unique.
QByteArray cipherRun(const QByteArray &body) { return body.right(64); }

} // namespace

TEST_CASE("The acknowledgement statement is checked per document type; older statements still verify", "[access][signature]")
{
    const RecordId doc = RecordId::generate();
    std::array<std::uint8_t, 32> sealed{}, content{};
    sealed.fill(0x11);
    content.fill(0x22);
    Acknowledgement ack{doc, sealed, content, kReportAcknowledgementStatement, test::kNow};
    CHECK(rules::judgeAcknowledgement(ack, doc, DocumentType::Report, sealed, content).allowed);
    CHECK(std::string(acknowledgementStatementFor(DocumentType::Report)) == "I acknowledge that I received this report. Signing does not mean I agree with it.");

    SECTION("the statement signed before issue 12 still verifies for a report, and stays the statement of other documents")
    {
        ack.statement = kDocumentAcknowledgementStatement;
        CHECK(rules::judgeAcknowledgement(ack, doc, DocumentType::Report, sealed, content).allowed);
        CHECK(rules::judgeAcknowledgement(ack, doc, DocumentType::TriadMeetingSummary, sealed, content).allowed);
        CHECK(std::string(acknowledgementStatementFor(DocumentType::TriadMeetingSummary)) == kDocumentAcknowledgementStatement);
        // The report's statement is not a triad summary's.
        ack.statement = kReportAcknowledgementStatement;
        const auto wrongType = rules::judgeAcknowledgement(ack, doc, DocumentType::TriadMeetingSummary, sealed, content);
        CHECK(wrongType.code == "ack.statement");
    }
    SECTION("one changed byte of the statement, the report's hash, its content hash or its id fails, with the reason")
    {
        for (std::size_t i = 0; i < ack.statement.size(); i += 7) {
            Acknowledgement bad = ack;
            bad.statement[i] = static_cast<char>(bad.statement[i] ^ 0x01);
            const auto v = rules::judgeAcknowledgement(bad, doc, DocumentType::Report, sealed, content);
            CHECK(v.code == "ack.statement");
            CHECK(contains(v.reason, kReportAcknowledgementStatement));
        }
        Acknowledgement bad = ack;
        bad.sealedHash[31] ^= 0x01;
        const auto bytes = rules::judgeAcknowledgement(bad, doc, DocumentType::Report, sealed, content);
        CHECK(bytes.code == "ack.other_bytes");
        CHECK(contains(bytes.reason, "other bytes"));
        bad = ack;
        bad.plaintextHash->at(0) ^= 0x80;
        CHECK(rules::judgeAcknowledgement(bad, doc, DocumentType::Report, sealed, content).code == "ack.other_content");
        CHECK(rules::judgeAcknowledgement(ack, RecordId::generate(), DocumentType::Report, sealed, content).code == "ack.other_document");
        // Unreadable here (no type): any statement Triad ever had a teacher sign, nothing else.
        CHECK(rules::judgeAcknowledgement(ack, doc, std::nullopt, sealed, std::nullopt).allowed);
        bad = ack;
        bad.statement = "I agree with this report.";
        CHECK(rules::judgeAcknowledgement(bad, doc, std::nullopt, sealed, std::nullopt).code == "ack.statement");
    }
}

TEST_CASE("Only the case's teacher signs the electronic-records agreement; only its mentor records a declined signature", "[access][signature]")
{
    using rules::RecordKind;
    for (CaseKind kind : kAllCaseKinds) {
        CHECK(rules::writersOf(RecordKind::ElectronicRecordsAgreement, kind) == std::set<CaseRole>{CaseRole::Teacher});
        CHECK(rules::writersOf(RecordKind::SignatureDecline, kind) == std::set<CaseRole>{CaseRole::Mentor});
    }
    const AudienceContext referred{CaseKind::Referred, false, false, false, std::nullopt, test::kNow};
    const AudienceContext volunteer{CaseKind::Volunteer, false, false, false, std::nullopt, test::kNow};
    // Program staff too: they receive the referral the teacher signs and enrol the case; the panel reviews the year-end
    // report and the preferences the teacher signed (issue 13).
    CHECK(rules::readersOf(RecordKind::ElectronicRecordsAgreement, referred)
          == std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction, CaseRole::Panel});
    CHECK(rules::readersOf(RecordKind::ElectronicRecordsAgreement, volunteer) == std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor});
    CHECK(rules::readersOf(RecordKind::SignatureDecline, referred) == readersOf(DocumentType::Report, referred));

    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    auto admin = d.device("admin-laptop", CaseRole::SiteAdministrator);
    auto outsider = d.deviceOf("outsider-tablet", d.keys.outsider);
    d.openCase(*mentor);
    const RecordId reportId = issueReport(d, *mentor, *teacher);
    send(*mentor, *admin);
    send(*mentor, *outsider);

    SECTION("the mentor, the administrator and another mentor cannot agree for the teacher")
    {
        CHECK(codeOf(SignatureService(*mentor).agreeToElectronicRecords(d.caseId)) == "signature.not_entitled");
        CHECK(codeOf(SignatureService(*admin).agreeToElectronicRecords(d.caseId)) == "signature.not_entitled");
        CHECK(codeOf(SignatureService(*outsider).agreeToElectronicRecords(d.caseId)) != "ok"); // not even a reader of the case
        CHECK(codeOf(SignatureService(*teacher).withdrawElectronicRecordsAgreement(d.caseId)) == "agreement.none");

        // Forged on their own devices, sealed to the teacher: signed agreements naming the teacher (and naming
        // themselves) reach the phone, and none is in force there.
        for (LocalStore *forger : {mentor.get(), admin.get(), outsider.get()}) {
            for (const RecordId &named : {d.person(CaseRole::Teacher), forger->owner().id}) {
                ElectronicRecordsAgreement a{RecordId::generate(), d.caseId, named, false, kElectronicRecordsAgreementText, 99, d.clock};
                REQUIRE(forger
                            ->writeRecordFor(d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor}), RecordType::ElectronicRecordsAgreement, a.id,
                                             d.caseId, std::nullopt, d.clock, encodePayload(a))
                            .ok());
            }
            send(*forger, *teacher);
        }
        CHECK_FALSE(ok(SignatureService(*teacher).agreementInForce(d.caseId)));
        CHECK(codeOf(SignatureService(*teacher).acknowledge(reportId)) == "signature.no_agreement");
        // The teacher's own agreement then starts above every sequence the teacher signed (the forged 99s are not).
        d.later();
        ok(SignatureService(*teacher).agreeToElectronicRecords(d.caseId));
        const auto mine = ok(SignatureService(*teacher).agreementInForce(d.caseId));
        REQUIRE(mine);
        CHECK(mine->sequence == 1);
        CHECK(mine->teacherId == d.person(CaseRole::Teacher));
    }
    SECTION("an agreement the teacher signed over another text is not in force")
    {
        ElectronicRecordsAgreement a{RecordId::generate(), d.caseId, d.person(CaseRole::Teacher), false, "I agree to everything.", 1, d.clock};
        REQUIRE(teacher
                    ->writeRecordFor(d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor}), RecordType::ElectronicRecordsAgreement, a.id, d.caseId,
                                     std::nullopt, d.clock, encodePayload(a))
                    .ok());
        CHECK_FALSE(ok(SignatureService(*teacher).agreementInForce(d.caseId)));
        CHECK_FALSE(rules::judgeAgreement(a, d.caseId));
        CHECK(rules::judgeAgreement(a, d.caseId).code == "agreement.text");
    }
    SECTION("the teacher and the administrator cannot record a decline; a forged one is refused with the reason")
    {
        const QDate today = QDateTime::fromMSecsSinceEpoch(d.clock, Qt::UTC).date();
        CHECK(codeOf(SignatureService(*teacher).recordDecline(reportId, today, "Pat Lee", "")) == "decline.not_entitled");
        // The administrator cannot even read the report before the teacher signs it.
        CHECK(codeOf(SignatureService(*admin).recordDecline(reportId, today, "Pat Lee", "")) == "document.not_readable");
        CHECK(codeOf(SignatureService(*outsider).recordDecline(reportId, today, "Pat Lee", "")) == "document.not_readable");

        // The teacher forges one (e.g. to claim the mentor recorded a refusal): held, refused, named.
        auto report = ok(DocumentStore(*teacher).reportVersion(reportId));
        SignatureDecline forged{RecordId::generate(), d.caseId, reportId, report.sealedHash, report.plaintextHash, today, "Nobody", "",
                                d.person(CaseRole::Mentor), d.clock};
        REQUIRE(teacher
                    ->writeRecordFor(d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor}), RecordType::SignatureDecline, forged.id, d.caseId,
                                     reportId, d.clock, encodePayload(forged))
                    .ok());
        send(*teacher, *mentor);
        CHECK_FALSE(ok(SignatureService(*mentor).declineOf(reportId)));
        const auto checks = ok(SignatureService(*mentor).checkDeclines(reportId));
        REQUIRE(checks.size() == 1);
        CHECK(checks[0].verdict.code == "rules.wrong_author");
        CHECK_FALSE(checks[0].verdict.reason.empty());
    }
}

TEST_CASE("Before the first signature the teacher agrees; a withdrawal stops new signatures, not earlier ones; agreeing again works",
          "[store][access][signature]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    auto admin = d.device("admin-laptop", CaseRole::SiteAdministrator);
    d.openCase(*mentor);
    const RecordId v1 = issueReport(d, *mentor, *teacher);
    SignatureService signatures(*teacher);

    const auto refused = signatures.acknowledge(v1);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "signature.no_agreement");
    CHECK(contains(refused.error().message, "paper copy"));

    d.later();
    const RecordId agreed = ok(signatures.agreeToElectronicRecords(d.caseId));
    CHECK(ok(signatures.agreeToElectronicRecords(d.caseId)) == agreed); // once: nothing new to sign
    const auto inForce = ok(signatures.agreementInForce(d.caseId));
    REQUIRE(inForce);
    CHECK(inForce->text == kElectronicRecordsAgreementText);
    CHECK(contains(inForce->text, "paper copy"));
    CHECK(contains(inForce->text, "withdraw"));
    d.later();
    const RecordId ack1 = ok(signatures.acknowledge(v1));

    // The mentor and (referred) the administrator read the agreement; the acknowledgement signs the report statement.
    send(*teacher, *mentor);
    send(*teacher, *admin);
    send(*mentor, *admin);
    CHECK(ok(SignatureService(*mentor).agreementInForce(d.caseId)).has_value());
    CHECK(ok(SignatureService(*admin).agreementInForce(d.caseId)).has_value());
    const auto acked = ok(DocumentStore(*mentor).acknowledgementOf(v1, ok(store::CaseService(*mentor).parCase(d.caseId))));
    REQUIRE(acked);
    CHECK(*acked == ack1);
    auto ackPayload = ok(mentor->openRecord(ok(mentor->heldRecord(ack1))->body, ack1, RecordType::Acknowledgement));
    CHECK(ok(decodeAcknowledgement(ackPayload)).statement == kReportAcknowledgementStatement);

    // Withdrawn: the next version cannot be signed; the signature on version 1 stands.
    d.later();
    ok(signatures.withdrawElectronicRecordsAgreement(d.caseId));
    CHECK_FALSE(ok(signatures.agreementInForce(d.caseId)));
    d.later();
    const Document v2 = ok(DocumentStore(*mentor).write(d.caseId, DocumentType::Report, "Twelve-week report."));
    send(*mentor, *teacher);
    CHECK(codeOf(signatures.acknowledge(v2.id)) == "signature.no_agreement");
    CHECK(ok(DocumentStore(*teacher).acknowledgementOf(v1, ok(store::CaseService(*teacher).parCase(d.caseId)))).has_value());
    send(*teacher, *mentor);
    CHECK_FALSE(ok(SignatureService(*mentor).agreementInForce(d.caseId)));

    // Agreeing again starts it anew (sequence 3), and the signature goes through.
    d.later();
    ok(signatures.agreeToElectronicRecords(d.caseId));
    const auto again = ok(signatures.agreementInForce(d.caseId));
    REQUIRE(again);
    CHECK(again->sequence == 3);
    CHECK(codeOf(signatures.acknowledge(v2.id)) == "ok");

    SECTION("a second phone of the teacher that receives the three records finds the same one in force")
    {
        auto phone2 = d.device("teacher-phone-2", CaseRole::Teacher);
        send(*mentor, *phone2);
        send(*teacher, *phone2);
        CHECK(ok(SignatureService(*phone2).agreementInForce(d.caseId))->sequence == 3);
    }
}

TEST_CASE("A teacher's acknowledgement with another statement, or one by another signer, does not count, and says why",
          "[store][access][signature]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    d.openCase(*mentor);
    const RecordId reportId = issueReport(d, *mentor, *teacher);
    const auto report = ok(DocumentStore(*teacher).reportVersion(reportId));
    const ParCase c = ok(store::CaseService(*mentor).parCase(d.caseId));
    auto write = [&](LocalStore &signer, const std::string &statement) {
        Acknowledgement a{reportId, report.sealedHash, report.plaintextHash, statement, d.clock};
        const RecordId id = RecordId::generate();
        REQUIRE(signer
                    .writeRecordFor(d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor}), RecordType::Acknowledgement, id, d.caseId, reportId,
                                    d.clock, encodePayload(a))
                    .ok());
        send(signer, *mentor);
        return id;
    };
    SECTION("a changed statement")
    {
        write(*teacher, "I acknowledge that I received this report. Signing means I agree with it.");
        CHECK_FALSE(ok(DocumentStore(*mentor).acknowledgementOf(reportId, c)));
        const auto checks = ok(DocumentStore(*mentor).checkAcknowledgements(reportId, c));
        REQUIRE(checks.size() == 1);
        CHECK(checks[0].verdict.code == "ack.statement");
    }
    SECTION("the statement acknowledgements signed before issue 12")
    {
        const RecordId old = write(*teacher, kDocumentAcknowledgementStatement);
        CHECK(ok(DocumentStore(*mentor).acknowledgementOf(reportId, c)) == old);
    }
    SECTION("signed by the mentor instead of the teacher")
    {
        write(*mentor, kReportAcknowledgementStatement);
        CHECK_FALSE(ok(DocumentStore(*mentor).acknowledgementOf(reportId, c)));
        const auto checks = ok(DocumentStore(*mentor).checkAcknowledgements(reportId, c));
        REQUIRE(checks.size() == 1);
        CHECK(checks[0].verdict.code == "rules.not_entitled");
        CHECK(contains(checks[0].verdict.reason, "participating teacher"));
    }
}

TEST_CASE("The mentor records a declined signature with the date and a witness; the teacher reads it", "[store][access][signature]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    d.openCase(*mentor);
    const RecordId reportId = issueReport(d, *mentor, *teacher);
    SignatureService mentorSide(*mentor);
    const QDate today = QDateTime::fromMSecsSinceEpoch(d.clock, Qt::UTC).date();

    CHECK(codeOf(mentorSide.recordDecline(reportId, today, "   ", "")) == "decline.no_witness");
    CHECK(codeOf(mentorSide.recordDecline(reportId, today, std::string(kMaxWitnessChars + 1, 'W'), "")) == "input.too_long");
    CHECK(codeOf(mentorSide.recordDecline(reportId, today, "Pat Lee", std::string(kMaxDeclineNoteChars + 1, 'n'))) == "input.too_long");
    CHECK(codeOf(mentorSide.recordDecline(reportId, QDate(), "Pat Lee", "")) == "decline.bad_date");
    const auto future = mentorSide.recordDecline(reportId, today.addDays(3), "Pat Lee", "");
    CHECK(codeOf(future) == "decline.bad_date");
    CHECK(contains(future.error().message, "has not come yet"));
    CHECK(codeOf(mentorSide.recordDecline(reportId, today.addDays(-30), "Pat Lee", "")) == "decline.bad_date");
    CHECK(codeOf(mentorSide.recordDecline(RecordId::generate(), today, "Pat Lee", "")) == "document.unknown");

    d.later();
    const RecordId declineId = ok(mentorSide.recordDecline(reportId, today, "  Pat Lee, union representative ", "Declined at the meeting."));
    CHECK(codeOf(mentorSide.recordDecline(reportId, today, "Pat Lee", "")) == "decline.already_recorded");
    send(*mentor, *teacher);
    const auto seen = ok(SignatureService(*teacher).declineOf(reportId));
    REQUIRE(seen);
    CHECK(seen->id == declineId);
    CHECK(seen->declinedOn == today);
    CHECK(seen->witness == "Pat Lee, union representative");
    CHECK(seen->note == "Declined at the meeting.");
    CHECK(seen->recordedBy == d.person(CaseRole::Mentor));

    SECTION("a new mentor receives the decline and the agreement with the case; the former mentor records nothing after")
    {
        auto newMentor = d.deviceOf("new-mentor-tablet", d.keys.outsider);
        ok(SignatureService(*teacher).agreeToElectronicRecords(d.caseId));
        send(*teacher, *mentor);
        d.later();
        REQUIRE(store::CaseService(*mentor).handOverCase(d.caseId, d.keys.outsider.certificate.personId).ok());
        send(*mentor, *newMentor);
        const auto handed = ok(SignatureService(*newMentor).declineOf(reportId));
        REQUIRE(handed);
        CHECK(handed->id == declineId);
        CHECK(ok(SignatureService(*newMentor).agreementInForce(d.caseId)).has_value());
        d.later();
        const Document v2 = ok(DocumentStore(*newMentor).write(d.caseId, DocumentType::Report, "The new mentor's report."));
        send(*newMentor, *mentor);
        CHECK(codeOf(mentorSide.recordDecline(v2.id, today, "Pat Lee", "")) != "ok");
    }
    SECTION("a version the teacher signed cannot be declined")
    {
        const Document v2 = ok(DocumentStore(*mentor).write(d.caseId, DocumentType::Report, "Another report."));
        send(*mentor, *teacher);
        ok(SignatureService(*teacher).agreeToElectronicRecords(d.caseId));
        ok(SignatureService(*teacher).acknowledge(v2.id));
        send(*teacher, *mentor);
        CHECK(codeOf(mentorSide.recordDecline(v2.id, today, "Pat Lee", "")) == "decline.acknowledged");
    }
    SECTION("a decline filed under another version is refused there with the reason")
    {
        const Document other = ok(DocumentStore(*mentor).write(d.caseId, DocumentType::Report, "Another report."));
        const auto report = ok(DocumentStore(*mentor).reportVersion(reportId));
        // Names version 1's bytes but is filed (signed link) under the other report.
        SignatureDecline moved{RecordId::generate(), d.caseId, reportId, report.sealedHash, report.plaintextHash, today, "Pat Lee", "",
                               d.person(CaseRole::Mentor), d.clock};
        REQUIRE(mentor
                    ->writeRecordFor(d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor}), RecordType::SignatureDecline, moved.id, d.caseId,
                                     other.id, d.clock, encodePayload(moved))
                    .ok());
        const auto checks = ok(mentorSide.checkDeclines(other.id));
        REQUIRE(checks.size() == 1);
        CHECK(checks[0].verdict.code == "decline.other_document");
        CHECK_FALSE(ok(mentorSide.declineOf(other.id)));
    }
}

TEST_CASE("A response draft stays on the phone, is never exported, and leaves no earlier version in the store's files", "[store][access][response]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    d.openCase(*mentor);
    const RecordId reportId = issueReport(d, *mentor, *teacher);
    ResponseService responses(*teacher);
    const QString dir = d.tmp.filePath(QStringLiteral("teacher-phone"));

    CHECK(codeOf(ResponseService(*mentor).saveDraft(reportId, "The mentor writes for me.")) == "document.not_entitled");
    CHECK(codeOf(responses.saveDraft(reportId, "  ")) == "input.empty");
    CHECK(codeOf(responses.saveDraft(reportId, std::string(kMaxResponseChars + 1, 'x'))) == "input.too_long");
    CHECK(codeOf(responses.saveDraft(RecordId::generate(), "Text")) == "document.unknown");

    const std::int64_t records = *teacher->database().queryInt("SELECT COUNT(*) FROM records");
    const std::int64_t outbox = *teacher->pendingOutboxCount();
    const auto exported = ok(teacher->exportRecords());

    const std::string first = "FIRSTDRAFT-" + RecordId::generate().toString(), second = "SECONDDRAFT-" + RecordId::generate().toString();
    REQUIRE(responses.saveDraft(reportId, first).ok());
    const QByteArray firstBody = draftBody(*teacher, reportId);
    d.later();
    REQUIRE(responses.saveDraft(reportId, second).ok());
    CHECK(ok(responses.draft(reportId)) == second);
    const QByteArray secondBody = draftBody(*teacher, reportId);

    // Not a record, not queued, not exported; neither text in the clear anywhere, and the first version's sealed
    // bytes gone from every file.
    CHECK(*teacher->database().queryInt("SELECT COUNT(*) FROM records") == records);
    CHECK(*teacher->pendingOutboxCount() == outbox);
    CHECK(ok(teacher->exportRecords()) == exported);
    for (const auto &r : ok(store::parseBundle(ok(teacher->exportRecords()))))
        CHECK(r.type != static_cast<std::uint16_t>(RecordType::ResponseDraft));
    QByteArray disk = filesOf(dir);
    CHECK_FALSE(disk.contains(QByteArray::fromStdString(first)));
    CHECK_FALSE(disk.contains(QByteArray::fromStdString(second)));
    CHECK_FALSE(disk.contains(cipherRun(firstBody)));
    CHECK(disk.contains(cipherRun(secondBody)));

    // Discarded: nothing of it left.
    REQUIRE(responses.discardDraft(reportId).ok());
    CHECK_FALSE(ok(responses.draft(reportId)));
    disk = filesOf(dir);
    CHECK_FALSE(disk.contains(cipherRun(secondBody)));
    CHECK_FALSE(disk.contains(cipherRun(firstBody)));
}

TEST_CASE("The response window opens at the case store's receipt of the report; a response after it is refused or marked late per policy",
          "[store][access][response]")
{
    const crypto::Identity receiptKey = crypto::Identity::generate();
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    const bool acceptsLate = GENERATE(false, true);
    d.openCase(*mentor, CaseKind::Referred, {}, acceptsLate ? "district-002" : "clovis-unified");
    holdReceiptKey(d, *teacher, receiptKey);
    const RecordId reportId = issueReport(d, *mentor, *teacher);
    ResponseService responses(*teacher);
    const QString dir = d.tmp.filePath(QStringLiteral("teacher-phone"));

    // No receipt yet: the window has not started; drafting is allowed, submitting is not.
    auto before = ok(responses.status(reportId));
    CHECK(before.code == "response.no_receipt");
    CHECK_FALSE(before.window);
    CHECK(contains(before.sentence, "has not started"));
    REQUIRE(responses.saveDraft(reportId, "I disagree with the second section.").ok());
    CHECK(codeOf(responses.submit(reportId)) == "response.no_receipt");
    CHECK(ok(responses.draft(reportId)).has_value());

    // The pull brings the case store's receipt of the report.
    const std::int64_t receivedAt = d.clock + kMinute;
    receiveReceipt(*teacher, reportId, receiptKey, receivedAt, 7);
    d.clock = receivedAt + 2 * kMinute;
    const auto open = ok(responses.status(reportId));
    REQUIRE(open.window);
    REQUIRE(open.estimate);
    CHECK(open.reportReceipt->receivedAtMs == receivedAt);
    CHECK(open.policyId == (acceptsLate ? "district-002" : "clovis-unified"));
    CHECK(open.code == "window.open");
    CHECK(open.estimate->daysLeft.value_or(0) >= 10);
    CHECK(open.draftSaved);
    CHECK_FALSE(open.submitted);
    const std::int64_t closes = open.window->closesAtMs;

    SECTION("submitted on time, received on time")
    {
        const QByteArray draftBytes = draftBody(*teacher, reportId);
        const Document response = ok(responses.submit(reportId));
        CHECK(response.type == DocumentType::TeacherResponse);
        CHECK(response.refersTo == reportId);
        CHECK(response.text == "I disagree with the second section.");
        CHECK_FALSE(ok(responses.draft(reportId)));
        CHECK_FALSE(filesOf(dir).contains(cipherRun(draftBytes)));
        // Submitted, not yet received: the phone warns.
        auto waiting = ok(responses.status(reportId));
        CHECK(waiting.submitted);
        CHECK(waiting.estimate->warnNotReceived);
        CHECK(contains(waiting.sentence, "not yet been received"));
        CHECK_FALSE(waiting.judgement);
        // The mentor reads it attached to the report version.
        send(*teacher, *mentor);
        bool found = false;
        for (const auto &v : ok(DocumentStore(*mentor).list(d.caseId)))
            if (v.document && v.document->id == response.id) found = v.document->refersTo == reportId;
        CHECK(found);
        // The case store's receipt of the response, inside the window: on time.
        receiveReceipt(*teacher, response.id, receiptKey, closes - kMinute, 9);
        auto judged = ok(responses.status(reportId));
        REQUIRE(judged.judgement);
        CHECK(judged.judgement->timing == policy::ResponseTiming::OnTime);
        CHECK(judged.code == "response.on_time");
        CHECK_FALSE(judged.estimate->warnNotReceived);
    }
    SECTION("written offline before the close, received by the case store after it: judged by the receipt, never silently")
    {
        d.clock = closes - kDay;
        const Document response = ok(responses.submit(reportId));
        receiveReceipt(*teacher, response.id, receiptKey, closes + kMinute, 9);
        auto judged = ok(responses.status(reportId));
        REQUIRE(judged.judgement);
        CHECK(judged.judgement->timing == (acceptsLate ? policy::ResponseTiming::LateAccepted : policy::ResponseTiming::Refused));
        CHECK(judged.code == (acceptsLate ? "response.late_accepted" : "response.refused_late"));
        CHECK(contains(judged.sentence, "after the window closed"));
    }
    SECTION("after the close by the device's clock: refused with the sentence, or submitted to be marked late")
    {
        d.clock = closes + kMinute;
        auto late = responses.submit(reportId);
        if (acceptsLate) {
            REQUIRE(late);
            receiveReceipt(*teacher, late->id, receiptKey, closes + 2 * kMinute, 9);
            CHECK(ok(responses.status(reportId)).code == "response.late_accepted");
        } else {
            REQUIRE_FALSE(late);
            CHECK(late.error().code == "response.window_closed");
            CHECK(contains(late.error().message, "window closed"));
            CHECK(contains(late.error().message, "draft is kept"));
            CHECK(ok(responses.draft(reportId)).has_value());
            CHECK_FALSE(ok(responses.status(reportId)).submitted);
        }
    }
    SECTION("a device clock set before the report's receipt decides nothing: the case store's receipt will")
    {
        d.clock = receivedAt - 3 * kDay;
        CHECK(ok(responses.status(reportId)).code == "window.clock_wrong");
    }
}
