// The payloads of the case's shared records — documents (with consent), acknowledgements, key grants and case
// updates — in the domain core, beside domain.h's. Signed payloads hold strings and explicitly numbered constants
// only: an enum's position never reaches signed bytes, so reordering an enum cannot change what signed history
// means (tests/core/test_payload_kat.cpp pins the bytes of every payload type).
#pragma once

#include "audience.h"
#include "case_forms.h"
#include "domain.h"
#include "report.h"

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace triad {

// Stable payload keys: "report", "teacher_response", ...; "teacher", "mentor", "site_administrator", ...
const char *documentTypeKey(DocumentType type);
std::optional<DocumentType> documentTypeFromKey(std::string_view key);
const char *caseRoleKey(CaseRole role);
std::optional<CaseRole> caseRoleFromKey(std::string_view key);

// A case document: report, teacher response, triad meeting summary, panel deliberation, personnel-file entry,
// consent form (store/document_store.h explains versions and sealing).
struct Document {
    RecordId id;
    RecordId caseId;
    DocumentType type = DocumentType::Report;
    std::string text;
    RecordId authorPersonId;
    std::int64_t createdAtMs = 0;
    std::optional<RecordId> refersTo; // a response's report
    std::optional<Consent> consent;   // consent forms
    // Versions: the lineage is the first version's id, the parents the version(s) it was edited from. A first version,
    // and every document written before versions existed, is its own lineage with no parents.
    RecordId lineageId;
    std::vector<RecordId> parents;
    // A report's structured content (core/report.h); `text` is then its rendering. Absent in free-text reports and in
    // every document written before reports had structure.
    std::optional<ReportContent> report;
    // A form's content (core/case_forms.h) on a document of a form's type; `text` is then its rendering.
    std::optional<FormContent> form;
};
inline constexpr std::size_t kMaxVersionParents = 64;
bool hasVersions(DocumentType type);

// The teacher's signed acknowledgement of receipt of one document version.
struct Acknowledgement {
    RecordId documentId;
    std::array<std::uint8_t, 32> sealedHash{};                 // BLAKE2b-256 of the document's sealed bytes
    std::optional<std::array<std::uint8_t, 32>> plaintextHash; // crypto::plaintextHash of what the teacher read
    std::string statement;
    std::int64_t signedAtMs = 0;
};

// A record's content key sealed to new readers (docs/security.md "Key grants").
struct KeyGrant {
    RecordId recordId;
    std::optional<RecordId> caseId; // the granted record's case, signed (absent in grants written before it was)
    std::array<std::uint8_t, 32> contentKey{};
};

// A reassignment (new PAR mentor) or a volunteer ending participation.
struct CaseUpdate {
    RecordId caseId;
    std::optional<RecordId> newMentorId;
    std::optional<CaseStatus> status;
    std::int64_t atMs = 0;
};

QByteArray encodePayload(const Document &);
QByteArray encodePayload(const Acknowledgement &);
QByteArray encodePayload(const KeyGrant &);
QByteArray encodePayload(const CaseUpdate &);
// Errors: "payload.malformed" (also structured report content on a document that is not a report, or content over the
// caps of core/report.h); "document.bad_versions" (a version history that is not a real edit, or a report whose version
// number or superseded version disagrees with it).
Result<Document> decodeDocument(const QByteArray &payload);
Result<Acknowledgement> decodeAcknowledgement(const QByteArray &payload);
Result<KeyGrant> decodeKeyGrant(const QByteArray &payload);
Result<CaseUpdate> decodeCaseUpdate(const QByteArray &payload);

} // namespace triad
