// Who may read and who may write each document of a case: the confidentiality rules of the contracts (seeds 002,
// 004: volunteer communication stays between teacher and consulting teacher without written consent; referred
// results reach the evaluator and the personnel file after the teacher signs; panel deliberations stay with the
// panel; a mentor's raw notes are the mentor's until shared) in ONE place. docs/security.md "Audience matrix" is
// generated from the same rules. Enforcement is by sealing: a document is sealed only to the keys of its readers.
#pragma once

#include "domain.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace triad {

// Document types that carry free text about a participating teacher.
enum class DocumentType {
    ObservationNote,     // a mentor's raw notes (with amendments and evidence)
    Report,              // the mentor's written report (every six weeks, final report)
    TeacherResponse,     // the teacher's written response to a report
    TriadMeetingSummary, // initial, progress-monitoring #1 and #2, final
    PanelDeliberation,   // the panel's confidential deliberation notes
    PersonnelFileEntry,  // what is placed in the personnel file (referred participation only)
    ConsentForm,         // a volunteer teacher's signed consent to share
    // The site administrator's additional evidence about one report version, in referred participation only (seed 001:
    // "an administrator who disagrees may submit additional evidence"); refersTo names the report version.
    AdministratorEvidence,
    // The case's forms (core/case_forms.h, issue 13): the site administrator's referral (referred participation only),
    // the memoranda of understanding, the standards of focus, the mentor's and the teacher's meeting logs, and the
    // year-end report with the site administration's determination (referred participation only).
    Referral,
    Mou,
    StandardsOfFocus,
    MeetingLog,
    YearEndReport,
    // The panel's decision after its review, reported to the parties (seed 004: satisfactory progress, extend for
    // another semester, or not successful), referred participation only. Its deliberations stay PanelDeliberation.
    PanelDecision,
    // The teacher's ranked consulting-teacher preferences, for program staff who assign the consulting teacher (seed
    // 004: "The Participating Teacher may indicate his/her preferences of Consulting Teachers by prioritizing the list
    // and returning it to the Joint Panel"). Read by the teacher, the director of induction and the panel only.
    ConsultingTeacherPreferences,
};
inline constexpr DocumentType kAllDocumentTypes[] = {
    DocumentType::ObservationNote,   DocumentType::Report,        DocumentType::TeacherResponse,      DocumentType::TriadMeetingSummary,
    DocumentType::PanelDeliberation, DocumentType::PersonnelFileEntry, DocumentType::ConsentForm,  DocumentType::AdministratorEvidence,
    DocumentType::Referral,          DocumentType::Mou,           DocumentType::StandardsOfFocus,     DocumentType::MeetingLog,
    DocumentType::YearEndReport,     DocumentType::PanelDecision, DocumentType::ConsultingTeacherPreferences};
const char *documentTypeName(DocumentType type); // "report"

// A person's part in one case. DistrictRecords is the district's records key (personnel file, recovery), not a person.
enum class CaseRole {
    Teacher,
    Mentor,
    SiteAdministrator,
    DirectorOfInduction,
    Panel,
    DistrictRecords
};
inline constexpr CaseRole kAllCaseRoles[] = {CaseRole::Teacher, CaseRole::Mentor,         CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction,
                                             CaseRole::Panel,   CaseRole::DistrictRecords};
const char *caseRoleName(CaseRole role); // "site administrator"

// Volunteer, beginning and intern participation: everything stays between teacher and mentor without consent.
bool confidentialParticipation(CaseKind kind);

inline constexpr CaseKind kAllCaseKinds[] = {CaseKind::Referred, CaseKind::Volunteer, CaseKind::BeginningInduction, CaseKind::Intern};

// A volunteer (or beginning / intern) teacher's signed consent: who may read which documents, until when.
struct Consent {
    std::set<CaseRole> readers;
    std::set<DocumentType> documents;
    std::optional<std::int64_t> untilMs; // no end date when empty
    bool revoked = false;
    // The teacher's own count of consent forms for the case, signed inside each: the form with the highest sequence
    // is in force, so an older form that syncs late never overrides a newer one (0: written before sequences).
    std::uint64_t sequence = 0;
    bool coversAt(DocumentType type, std::int64_t nowMs) const;
};

struct AudienceContext {
    CaseKind kind = CaseKind::Referred;
    bool teacherSigned = false;      // the teacher acknowledged receipt of this document (reports, summaries)
    bool sharedWithTeacher = false;  // the mentor shared these raw notes with the teacher
    bool participationEnded = false; // a volunteer ended participation: no further sharing
    std::optional<Consent> consent;
    std::int64_t nowMs = 0;
};

struct AccessDecision {
    bool allowed = false;
    std::string reason; // a sentence for people, for refusals and for audits
};

// The readers of a new document of `type` in this context. Empty when the document may not exist at all
// (e.g. a personnel-file entry for a volunteer).
std::set<CaseRole> readersOf(DocumentType type, const AudienceContext &context);
AccessDecision mayRead(CaseRole role, DocumentType type, const AudienceContext &context);
// Who may author a document of `type` in a case of `kind`.
std::set<CaseRole> writersOf(DocumentType type, CaseKind kind);
AccessDecision mayWrite(CaseRole role, DocumentType type, CaseKind kind);

// The case roles a person holding `roles` plays in a case (the teacher, mentor and administrator named on the case
// are resolved by the caller; these are the program-wide ones).
std::set<CaseRole> programRolesOf(const std::vector<Role> &roles);

// The matrix as a Markdown table (docs/security.md "Audience matrix" is this output; a test keeps them equal).
std::string audienceMatrixMarkdown();

} // namespace triad
