// The teacher's side of signing (issue 12, items 4 and 5), in the domain core beside case_records.h: the statements an
// acknowledgement of receipt signs, the teacher's agreement to receive and sign PAR records electronically (and its
// withdrawal), the PAR mentor's record that the teacher declined to sign a report version, and the teacher's private
// draft of a written response. Signed payloads hold strings and explicitly numbered constants only, as in
// case_records.h (tests/core/test_payload_kat.cpp pins their bytes).
#pragma once

#include "case_records.h"

#include <QDate>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace triad {

// --- acknowledgement statements --------------------------------------------------------------------------------------
// What the teacher reads and signs when acknowledging receipt of a report (issue 12, seed 001: "signing does not
// necessarily mean agreement, but rather that he or she has received a copy").
inline constexpr const char *kReportAcknowledgementStatement =
    "I acknowledge that I received this report. Signing does not mean I agree with it.";
// What an acknowledgement of any other document (a triad meeting summary) signs, and what acknowledgements of reports
// signed before kReportAcknowledgementStatement existed.
inline constexpr const char *kDocumentAcknowledgementStatement =
    "I acknowledge receipt of this document; signing does not mean I agree with it.";
// The statement a new acknowledgement of a document of `type` signs.
const char *acknowledgementStatementFor(DocumentType type);
// The statements a valid acknowledgement of a document of `type` may carry: the one signed now and every one signed by
// an earlier version of Triad (kept for ever, so signed history keeps verifying). Anything else is refused.
std::vector<std::string_view> acceptedAcknowledgementStatements(DocumentType type);
bool acceptedAcknowledgementStatement(std::optional<DocumentType> type, std::string_view statement);

// --- the electronic-records agreement (California UETA, Civ. Code 1633.5(b)) ----------------------------------------
// What the teacher reads, once, before the first electronic signature: the one text of the agreement. Changing it
// means adding the old text to acceptedAgreementTexts(), never removing it.
inline constexpr const char *kElectronicRecordsAgreementText =
    "I agree to receive, read and sign the records of my Peer Assistance and Review (PAR) participation electronically, "
    "in Triad: reports, acknowledgements of receipt and my written responses. California's Uniform Electronic "
    "Transactions Act applies to these records only because I agree to it (Civil Code 1633.5(b)); a signature I make in "
    "Triad then counts as my signature. I have the right to a paper copy of any PAR record: I can ask my PAR mentor or "
    "the program office for one at any time. I may withdraw this agreement at any time in Triad. Withdrawing does not "
    "undo what I signed before; after it, I receive and sign PAR records on paper.";
inline constexpr const char *kElectronicRecordsWithdrawalText =
    "I withdraw my agreement to receive and sign PAR records electronically. What I signed before stays signed; from "
    "now on I receive and sign PAR records on paper, and I keep the right to a paper copy of any PAR record.";
// The texts an agreement (or a withdrawal, `withdrawn`) may carry.
bool acceptedAgreementText(bool withdrawn, std::string_view text);

// The teacher's signed agreement for one case, or its withdrawal: the record with the highest signed sequence is in
// force, so an older one that syncs late never overrides a newer one (as consent forms, core/audience.h).
struct ElectronicRecordsAgreement {
    RecordId id;
    RecordId caseId;
    RecordId teacherId;          // the signer's person id (the rules check it is the signer and the case's teacher)
    bool withdrawn = false;      // payload "action": "agreed" or "withdrawn"
    std::string text;            // what the teacher read and signed
    std::uint64_t sequence = 0;  // the teacher's own count for the case, from 1
    std::int64_t signedAtMs = 0; // the teacher's device clock
};

// --- a declined signature -----------------------------------------------------------------------------------------
inline constexpr std::size_t kMaxWitnessChars = 200;      // characters (code points)
inline constexpr std::size_t kMaxDeclineNoteChars = 2000; // characters (code points)

// The PAR mentor's record that the teacher declined to sign one report version, with the date, a witness's name and
// an optional note. It names the version by id and by the hashes of its sealed bytes and plaintext, like an
// acknowledgement, so it cannot be moved to another version.
struct SignatureDecline {
    RecordId id;
    RecordId caseId;
    RecordId documentId;                                       // the report version
    std::array<std::uint8_t, 32> sealedHash{};                 // BLAKE2b-256 of its sealed bytes
    std::optional<std::array<std::uint8_t, 32>> plaintextHash; // crypto::plaintextHash of its content
    QDate declinedOn;                                          // payload "declined_on": "YYYY-MM-DD"
    std::string witness;                                       // required, at most kMaxWitnessChars
    std::string note;                                          // optional, at most kMaxDeclineNoteChars
    RecordId recordedBy;                                       // the mentor's person id (checked against the signer)
    std::int64_t recordedAtMs = 0;
};

// --- the report's trail: delivered to the teacher's device, first viewed there (issue 12, item 7) ------------------
// Written by the teacher's device, once per report version and kind, signed with the teacher's key: when the report
// version reached the device (delivered) and when the teacher first opened it (viewed). It names the version by id and
// by the hashes of its sealed bytes and plaintext, like an acknowledgement, so it cannot be moved to another version.
enum class ReportEventKind : std::uint8_t {
    Delivered = 1, // payload "kind": "delivered"
    Viewed = 2,    // payload "kind": "viewed"
};
const char *reportEventKindKey(ReportEventKind kind); // "delivered", "viewed"
inline constexpr std::size_t kMaxDeviceChars = 200;   // characters (code points) of the device's name

struct ReportEvent {
    RecordId id;
    RecordId caseId;
    RecordId documentId;                                       // the report version
    std::array<std::uint8_t, 32> sealedHash{};                 // BLAKE2b-256 of its sealed bytes
    std::optional<std::array<std::uint8_t, 32>> plaintextHash; // crypto::plaintextHash of its content
    ReportEventKind kind = ReportEventKind::Delivered;
    RecordId teacherId;  // the signer's person id (the rules check it is the signer and the case's teacher)
    std::string device;  // the id of the device that wrote it (LocalStore::deviceId), at most kMaxDeviceChars
    std::int64_t atMs = 0; // the device's clock
};

// --- the site administrator's additional evidence (a document: DocumentType::AdministratorEvidence) --------------
inline constexpr std::size_t kMaxAdministratorEvidenceChars = 50000; // characters (code points): about twenty pages

// --- the teacher's private response draft (RecordType::ResponseDraft: local to the device, never synced) ------------
inline constexpr std::size_t kMaxResponseChars = 50000; // characters (code points): about twenty pages

struct ResponseDraft {
    RecordId reportVersionId;
    std::string text;
    std::int64_t updatedAtMs = 0;
};

std::size_t codePoints(std::string_view utf8);

QByteArray encodePayload(const ElectronicRecordsAgreement &);
QByteArray encodePayload(const SignatureDecline &);
QByteArray encodePayload(const ResponseDraft &);
QByteArray encodePayload(const ReportEvent &);
// Errors: "payload.malformed" (also a blank or over-long witness, an over-long note, an invalid date, an unknown action,
// a sequence below 1).
Result<ElectronicRecordsAgreement> decodeElectronicRecordsAgreement(const QByteArray &payload);
Result<SignatureDecline> decodeSignatureDecline(const QByteArray &payload);
Result<ResponseDraft> decodeResponseDraft(const QByteArray &payload);
Result<ReportEvent> decodeReportEvent(const QByteArray &payload);

} // namespace triad
