// The domain core, in the seeds' words (Clovis PAR handbook, district contracts). No storage, no crypto, no UI.
//
// Every record here is stored and synced only inside a sealed record; its payload is encoded with
// encodePayload() and decoded with the matching decode*() function.
#pragma once

#include "ids.h"
#include "result.h"

#include <QByteArray>
#include <QDate>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace triad {

// The sealed-record type numbers. Stable on disk and on the wire: never renumber.
enum class RecordType : std::uint16_t {
    Person = 1,
    ParCase = 2,
    Observation = 3,    // an observation started
    ObservationEnd = 4, // the same observation ended (append-only, no edit in place)
    Note = 5,
    Amendment = 6,
    NoteDraft = 7,        // the note being typed, saved continuously (app)
    Evidence = 8,         // photo or audio memo attached to a note (app)
    Document = 9,         // a report, response, triad summary, panel deliberation, personnel-file entry, consent form
    KeyGrant = 10,        // a record's content key shared with new readers (docs/security.md "Key grants")
    Acknowledgement = 11, // the teacher's signed acknowledgement of receipt of a document
    CaseUpdate = 12,      // a reassignment (new PAR mentor) or a volunteer ending participation
    ReportDraft = 13,     // the report being composed (app): local to the device, never synced (core/report.h)
    ElectronicRecordsAgreement = 14, // the teacher's agreement to receive and sign PAR records electronically, or its
                                     // withdrawal (core/signature_records.h)
    SignatureDecline = 15,           // the PAR mentor's record that the teacher declined to sign a report version
    ResponseDraft = 16,              // the teacher's written response being drafted (app): local to the device, never synced
    ReportEvent = 17,                // the teacher's device's signed record that a report version was delivered to it or
                                     // first viewed there (core/signature_records.h)
    FormSignature = 18,      // a person's signature on one version of a case form, as their part in the case
                             // (core/case_forms.h)
};
const char *recordTypeName(RecordType type);
std::optional<RecordType> recordTypeFromNumber(std::uint16_t number);
// A draft (note, report, response): sealed to its owner and kept in a table of its own on the device, never among the
// records, never synced.
bool isDraft(RecordType type);

enum class Role {
    ParticipatingTeacher, // referred or volunteer participating teacher (the case says which)
    ParMentor,            // consulting teacher
    SiteAdministrator,    // evaluator
    DirectorOfInduction,
    PanelMember,
};
const char *roleName(Role role); // "PAR mentor"
const char *roleKey(Role role);  // "par_mentor" (payload encoding)
std::optional<Role> roleFromKey(std::string_view key);

struct Person {
    RecordId id;
    std::string displayName;
    std::string employeeId; // district employee ID# (forms: "Employee ID#")
    std::vector<Role> roles;
    std::string email;
};

enum class CaseKind {
    Referred,           // administrative referral after an unsatisfactory appraisal; results go to the personnel file
    Volunteer,          // permanent teacher volunteering: confidential, no personnel file
    BeginningInduction, // beginning teacher in induction / BTSA
    Intern,             // intern or pre-intern teacher
};
const char *caseKindName(CaseKind kind); // "referred"
std::optional<CaseKind> caseKindFromKey(std::string_view key);

enum class CaseStatus {
    Referral,     // referral received, not yet enrolled
    Active,       // enrolled, PAR support under way
    Extended,     // extended for another year / semester by the year-end determination
    Discontinued, // PAR support discontinued (completed)
    Withdrawn,    // a volunteer ended participation
};
const char *caseStatusName(CaseStatus status);
std::optional<CaseStatus> caseStatusFromKey(std::string_view key);
// PAR support is over: discontinued by the year-end determination, or ended by a volunteer. No deadline runs and no
// new form is started; the forms already begun may still be signed.
inline bool caseEnded(CaseStatus status) { return status == CaseStatus::Discontinued || status == CaseStatus::Withdrawn; }

// One participating teacher's PAR participation ("the case").
struct ParCase {
    RecordId id;
    CaseKind kind = CaseKind::Referred;
    CaseStatus status = CaseStatus::Active;
    RecordId teacherId;
    RecordId mentorId;
    RecordId administratorId; // site administrator
    std::string school;
    std::string gradeSubject;                  // forms: "Grade/Subject"
    std::string schoolYear;                    // "2026-27"
    QDate startDate;                           // "Date PAR Support Began"
    std::vector<std::string> standardsOfFocus; // CSTP standards ("2") and/or elements ("2.6")
    std::string districtPolicyId; // "" in cases written before policies: Clovis's (policyId())
    std::string policyId() const { return districtPolicyId.empty() ? "clovis-unified" : districtPolicyId; }
    // Derived from reassignments (case updates), not stored in the case record: who mentored the case before, oldest
    // first, each until the reassignment that ended their term (its signed time).
    struct FormerMentor {
        RecordId mentorId;
        std::int64_t untilMs = 0;
    };
    std::vector<FormerMentor> formerMentors;
    // Derived: when program staff enrolled a referral by naming its first mentor (0: the case was opened with a mentor).
    std::int64_t enrolledAtMs = 0;
    // Derived: when the teacher ended participation (the signed time of the end-of-participation record, and the
    // record, whose case store receipt may date it later), with Withdrawn.
    std::int64_t withdrawnAtMs = 0;
    RecordId withdrawalId;
    // The PAR mentor of the case at `atMs`: a former mentor for what was written during their term.
    RecordId mentorAt(std::int64_t atMs) const;
    bool wasMentor(const RecordId &person) const;
};

enum class ObservationKind {
    Informal,
    Formal
};
const char *observationKindName(ObservationKind kind);

struct Observation {
    RecordId id;
    RecordId caseId;
    ObservationKind kind = ObservationKind::Informal;
    bool scheduled = true;   // scheduled or unscheduled
    std::string classPeriod; // "Period 3 — Algebra 1"
    std::int64_t startedAtMs = 0;
};

struct ObservationEnd {
    RecordId id;
    RecordId observationId;
    RecordId caseId;
    std::int64_t endedAtMs = 0;
};

// A timestamped observation note. Never edited in place: see Amendment.
struct Note {
    RecordId id;
    RecordId caseId;
    RecordId observationId;
    std::int64_t takenAtMs = 0;
    std::int64_t offsetMs = 0; // from the observation start
    std::string text;
    std::vector<std::string> tags; // CSTP elements ("1.4") or standards ("5")
    RecordId authorId;
    std::string deviceId;
};

// A correction: a new record pointing at the note it corrects, with the reason. The original stays.
struct Amendment {
    RecordId id;
    RecordId noteId; // the note amended (the original, even when amending again)
    RecordId caseId;
    RecordId observationId;
    std::int64_t madeAtMs = 0;
    std::string text;
    std::vector<std::string> tags;
    std::string reason;
    RecordId authorId;
    std::string deviceId;
};

// The note being typed in an observation, saved continuously so a crash or kill loses at most about a second of
// typing. Local to the device: never synced, deleted when the note is saved.
struct NoteDraft {
    RecordId observationId;
    std::string text;
    std::vector<std::string> tags;
    std::int64_t updatedAtMs = 0;
};

// Payload encoding (CBOR maps with text keys; unknown keys are ignored so newer writers stay readable).
QByteArray encodePayload(const Person &);
QByteArray encodePayload(const ParCase &);
QByteArray encodePayload(const Observation &);
QByteArray encodePayload(const ObservationEnd &);
QByteArray encodePayload(const Note &);
QByteArray encodePayload(const Amendment &);
QByteArray encodePayload(const NoteDraft &);
Result<Person> decodePerson(const QByteArray &payload);
Result<ParCase> decodeParCase(const QByteArray &payload);
Result<Observation> decodeObservation(const QByteArray &payload);
Result<ObservationEnd> decodeObservationEnd(const QByteArray &payload);
Result<Note> decodeNote(const QByteArray &payload);
Result<Amendment> decodeAmendment(const QByteArray &payload);
Result<NoteDraft> decodeNoteDraft(const QByteArray &payload);

// "00:12:05" for an offset from the observation start.
std::string formatOffset(std::int64_t offsetMs);

} // namespace triad
