// The teacher's signature on a report and what surrounds it (issue 12, item 4), over DocumentStore:
//
// - The electronic-records agreement (California UETA, Civ. Code 1633.5(b): the act applies only where the parties
//   agreed to transact electronically). Before the first electronic signature the case's teacher signs, once, the
//   agreement (core/signature_records.h kElectronicRecordsAgreementText, which shows the right to a paper copy and that
//   withdrawing is possible); a later signed withdrawal ends it, and agreeing again starts it anew. The record with the
//   highest signed sequence of the case is in force. Withdrawing does not touch earlier signatures.
// - The acknowledgement of receipt: refused ("signature.no_agreement") while no agreement is in force, then
//   DocumentStore::acknowledge (bound to the version's bytes and content, signing the statement for its type).
// - A declined signature: when the teacher declines to sign, the case's PAR mentor records it — the report version
//   (id, hash of its sealed bytes and content), the date, a witness's name and an optional note — sealed to whoever
//   reads the report.
//
// Every record is judged on every device from its signer's certificate and signed fields (core/record_rules.h): only
// the case's teacher signs an agreement or withdrawal, only the case's mentor records a decline.
#pragma once

#include "document_store.h"

#include <QDate>

namespace triad::store {

using Decline = SignatureDecline;

class SignatureService {
public:
    explicit SignatureService(LocalStore &store) : m_store(store), m_documents(store) {}

    // The teacher's agreement in force for the case (nullopt: never agreed, or withdrawn since). Only records the
    // case's teacher signed, with the agreement's own text, count. Errors: "case.unknown", reading errors.
    Result<std::optional<ElectronicRecordsAgreement>> agreementInForce(const RecordId &caseId);
    // The agreement that was in force at `atMs` by the signed times of the teacher's records (the newest valid record
    // signed at or before it, if it is an agreement and not a withdrawal): whether an acknowledgement signed then had
    // the UETA precondition (`report verify --report`). Errors: "case.unknown", reading errors.
    Result<std::optional<ElectronicRecordsAgreement>> agreementInForceAt(const RecordId &caseId, std::int64_t atMs);
    // The teacher agrees (the owner must be the case's teacher). Agreeing while an agreement is in force writes nothing
    // and returns the one in force. Errors: "signature.not_entitled", "case.unknown", "enrollment.none".
    Result<RecordId> agreeToElectronicRecords(const RecordId &caseId);
    // Triad meeting mode: the case's teacher agrees on another person's device with their own keys (opened from their
    // key backup by FormService::signAsVisitor, held in memory for this act), judged from their certificate as on
    // their own phone. Errors: those of agreeToElectronicRecords.
    Result<RecordId> agreeToElectronicRecordsAs(const RecordId &caseId, const crypto::Identity &teacher, const RecordId &teacherPerson);
    // The teacher withdraws the agreement in force. Errors: "agreement.none" (none in force), "signature.not_entitled".
    Result<RecordId> withdrawElectronicRecordsAgreement(const RecordId &caseId);

    // The teacher acknowledges receipt of a report version (or another document that takes an acknowledgement).
    // Errors: "signature.no_agreement" (no agreement in force: sign it first), and DocumentStore::acknowledge's
    // ("document.not_entitled", "document.stale", "document.forked", ...).
    Result<RecordId> acknowledge(const RecordId &reportVersionId);

    // The case's PAR mentor records that the teacher declined to sign this report version. `declinedOn` may not be
    // after today or before the day the version was issued (UTC days, a day's leeway for time zones); `witness` is
    // required. Errors: "decline.no_witness", "decline.bad_date", "input.too_long", "input.encoding",
    // "decline.not_entitled", "decline.acknowledged" (the teacher signed this version), "decline.already_recorded",
    // "report.not_a_report", "document.unknown", "document.not_readable".
    Result<RecordId> recordDecline(const RecordId &reportVersionId, QDate declinedOn, const std::string &witness, const std::string &note);
    // The declined signature recorded for exactly this report version (the first valid one), if any.
    Result<std::optional<Decline>> declineOf(const RecordId &reportVersionId);
    // Every declined signature filed under this report version here, with the rules' verdict (for verification).
    Result<std::vector<SignatureCheck>> checkDeclines(const RecordId &reportVersionId);

private:
    // Every agreement record of the case with the rules' verdict, and the one in force.
    struct Agreements {
        std::optional<ElectronicRecordsAgreement> newest; // the valid record with the highest sequence
        std::uint64_t highestSequence = 0;                // over every record the teacher signed, valid or not
    };
    // Only records signed at or before `upToMs` when given.
    Result<Agreements> agreementsOf(const ParCase &parCase, std::optional<std::int64_t> upToMs = std::nullopt);
    Result<RecordId> writeAgreement(const RecordId &caseId, bool withdraw, const crypto::Identity &signer, const RecordId &signerPerson);
    Result<std::vector<std::pair<Decline, SignatureCheck>>> declinesOf(const RecordId &reportVersionId);

    LocalStore &m_store;
    DocumentStore m_documents;
};

} // namespace triad::store
