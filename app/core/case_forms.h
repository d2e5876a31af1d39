// The PAR case's forms (issue 13; seed 001 "Peer Assistance and Review (PAR) Forms"): the referral, the three
// memoranda of understanding, the standards of focus, the triad meeting summaries, the mentor–teacher meeting logs
// and the year-end report — as content in the domain core, and the signature a person puts on one version of a form.
//
// A form travels inside the Document payload (core/case_records.h, key "form") of its document type
// (documentTypeOfForm); the Document's `text` holds renderFormText() of it, so readers that know only text keep
// working. Its content is a set of named values (the field keys of the form's definition, policy/case_form_specs.h,
// built from the district's policy: its catalogue, rating words, triad meetings and portfolio lists) and named tables
// (teaching history, follow-up support). Like every signed payload it holds strings and explicitly numbered values
// only, and decoding refuses anything over the caps below ("payload.malformed").
//
// Who signs which form, and what their signature says, is decided by the rules (core/record_rules.h signersOf and
// judgeFormSignature), from the signer's certificate and the case — never from the form's own words.
#pragma once

#include "audience.h"

#include <QCborValue>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace triad {

// Which form a document holds. Numbered explicitly: the payload stores the key, never the position.
enum class FormKind : std::uint8_t {
    Referral = 1,         // "CUSD PAR Referral": the appraisal's ratings, teaching history, the two signatures
    TeacherMou = 2,       // "Memorandum of Understanding: Referred Teacher" (or the volunteer's)
    AdministratorMou = 3, // "Memorandum of Understanding: Site Administrator"
    MentorMou = 4,        // "Memorandum of Understanding: PAR Mentor"
    StandardsOfFocus = 5, // "PAR Standards of Focus": standards and elements checked by the site administrator
    TriadMeeting = 6,     // one of the district's triad meetings (field "meeting": its position in the policy's list)
    MeetingLog = 7,       // a mentor–teacher meeting or conference, logged by the mentor or the teacher
    YearEndReport = 8,    // "PAR Year-End Report": the panel's checklist, the determination, the signatures
    PanelDeliberation = 9, // the panel's closed and confidential deliberation notes on a case (panel only)
    PanelDecision = 10,    // the panel's decision after its review, in the district's outcome words, with its reasons
    ConsultingTeacherPreferences = 11, // the teacher's ranked consulting teachers, within the policy's window
};
inline constexpr FormKind kAllFormKinds[] = {FormKind::Referral,         FormKind::TeacherMou,   FormKind::AdministratorMou,
                                             FormKind::MentorMou,        FormKind::StandardsOfFocus, FormKind::TriadMeeting,
                                             FormKind::MeetingLog,       FormKind::YearEndReport,    FormKind::PanelDeliberation,
                                             FormKind::PanelDecision,    FormKind::ConsultingTeacherPreferences};
// Forms kept as many times as needed (a log per meeting, deliberation notes per panel meeting), not once per case.
inline bool repeatableForm(FormKind kind) { return kind == FormKind::MeetingLog || kind == FormKind::PanelDeliberation; }
// Forms that are their writer's own — a memorandum, a log, deliberation notes: edited only by the person who wrote them
// (a version by someone else does not make it theirs).
inline bool ownedByWriter(FormKind kind)
{
    return kind == FormKind::MeetingLog || kind == FormKind::PanelDeliberation || kind == FormKind::TeacherMou || kind == FormKind::MentorMou
        || kind == FormKind::AdministratorMou;
}
const char *formKindKey(FormKind kind);   // "referral", "mou_teacher", ...
const char *formKindTitle(FormKind kind); // "PAR Referral", "Memorandum of Understanding: Referred Teacher", ...
std::optional<FormKind> formKindFromKey(std::string_view key);
// The document type a form is filed as (readers and writers: core/audience.h).
DocumentType documentTypeOfForm(FormKind kind);
// The form kinds a document type can hold (empty for documents that are not forms).
std::vector<FormKind> formKindsOf(DocumentType type);

// Caps (counted on decode and before a form is saved). Sizes are UTF-8 bytes.
inline constexpr std::size_t kMaxFormFields = 512;       // the referral's ratings: 7 standards and 46 elements
inline constexpr std::size_t kMaxFormTables = 16;
inline constexpr std::size_t kMaxFormRows = 200;          // rows of one table
inline constexpr std::size_t kMaxFormCells = 8;           // cells of one row
inline constexpr std::size_t kMaxFormKeyBytes = 100;      // "rating.element.4.2"
inline constexpr std::size_t kMaxFormValueBytes = 50000;  // one answer: about twenty pages
inline constexpr std::size_t kMaxFormTotalBytes = 1 << 20; // every string together

struct FormContent {
    FormKind kind = FormKind::Referral;
    std::map<std::string, std::string> fields;                       // field key -> value ("" and absent are the same)
    std::map<std::string, std::vector<std::vector<std::string>>> tables; // table key -> rows of cells
    std::string field(const std::string &key) const;                 // "" when absent
    friend bool operator==(const FormContent &, const FormContent &) = default;
};

QCborValue formToCbor(const FormContent &form);
// Refuses ("payload.malformed") an unknown kind, mistyped values, keys that are empty or over the caps.
Result<FormContent> formFromCbor(const QCborValue &value);
// The caps formFromCbor applies, for content about to be saved.
Status checkFormCaps(const FormContent &form);

// --- signatures on a form version -----------------------------------------------------------------------------
// The statement each signer of a form signs, in the handbook's words where it has them ("I understand the reason for
// referral to the Peer Assistance and Review (PAR) program."). Changing one means keeping the old text accepted.
std::string formSignatureStatement(FormKind kind, CaseRole role);

// A person's signature on one version of a form, as their part in the case (`role`). It names the version by id and
// by the hashes of its sealed bytes and plaintext, like an acknowledgement, so it cannot be moved to another version.
struct FormSignature {
    RecordId id;
    RecordId caseId;
    RecordId documentId;                                       // the form version signed
    std::array<std::uint8_t, 32> sealedHash{};                 // BLAKE2b-256 of its sealed bytes
    std::optional<std::array<std::uint8_t, 32>> plaintextHash; // crypto::plaintextHash of its content
    FormKind form = FormKind::Referral;
    CaseRole role = CaseRole::Teacher; // the part the signer signs as (the rules check the signer holds it)
    RecordId signerId;                 // the signer's person id (checked against the certificate)
    std::string statement;             // what the signer read and signed
    std::int64_t signedAtMs = 0;
    // Signed on another person's device (triad meeting mode: the administrator's tablet), for the record.
    std::string device;
};
QByteArray encodePayload(const FormSignature &);
Result<FormSignature> decodeFormSignature(const QByteArray &payload);

// The plain-text rendering kept in the Document's `text`: the form's title, then every field and table row in key
// order ("key: value"). Screens and printouts render from the definition instead.
std::string renderFormText(const FormContent &form);

} // namespace triad
