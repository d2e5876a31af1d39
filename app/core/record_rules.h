// The record rules: for every kind of record, who may write it, who reads it and who may grant its key later — in
// ONE place. Every path that opens or seals a record (the local store, import and pull, the document and evidence
// services, the view models, triadctl, the case store's author check) asks this module and nothing else.
//
// A right comes from the signer, never from the record's own words: the caller establishes the Signer from the
// signature's certificate in the pinned district directory and from the signed case records (who was the case's
// mentor when), and passes what the signed payload claims (its author, the note an amendment corrects) as Claims.
// docs/security.md "Record rules" is rulesTableMarkdown(); a test keeps the two equal.
#pragma once

#include "audience.h"
#include "domain.h"
#include "signature_records.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace triad::rules {

// Every kind of record the rules judge: the record types, documents by their type, case updates by what they do.
enum class RecordKind : std::uint8_t {
    Person = 1,
    Case = 2,
    Observation = 3,
    ObservationEnd = 4,
    Note = 5,
    Amendment = 6,
    Evidence = 7,
    Report = 8,
    TeacherResponse = 9,
    TriadMeetingSummary = 10,
    PanelDeliberation = 11,
    PersonnelFileEntry = 12,
    ConsentForm = 13,
    KeyGrant = 14,
    Acknowledgement = 15,
    Reassignment = 16,       // a case update naming a new PAR mentor
    EndOfParticipation = 17, // a case update by which a volunteer (beginning, intern) teacher ends participation
    ElectronicRecordsAgreement = 18, // the teacher's agreement to sign electronically, or its withdrawal
    SignatureDecline = 19,           // the mentor's record that the teacher declined to sign a report version
    AdministratorEvidence = 20,      // the site administrator's additional evidence about a report version (a document)
    ReportEvent = 21,                // the teacher's device's record that a report version was delivered or first viewed
    Referral = 22,                   // the case's forms (documents, core/case_forms.h) ...
    Mou = 23,
    StandardsOfFocus = 24,
    MeetingLog = 25,
    YearEndReport = 26,
    FormSignature = 27,              // ... and a person's signature on one version of a form
    PanelDecision = 28,              // the panel's decision on a case (a form document)
    ConsultingTeacherPreferences = 29, // the teacher's ranked consulting teachers (a form document)
};
inline constexpr RecordKind kAllRecordKinds[] = {RecordKind::Person,
                                                 RecordKind::Case,
                                                 RecordKind::Observation,
                                                 RecordKind::ObservationEnd,
                                                 RecordKind::Note,
                                                 RecordKind::Amendment,
                                                 RecordKind::Evidence,
                                                 RecordKind::Report,
                                                 RecordKind::TeacherResponse,
                                                 RecordKind::TriadMeetingSummary,
                                                 RecordKind::PanelDeliberation,
                                                 RecordKind::PersonnelFileEntry,
                                                 RecordKind::ConsentForm,
                                                 RecordKind::KeyGrant,
                                                 RecordKind::Acknowledgement,
                                                 RecordKind::Reassignment,
                                                 RecordKind::EndOfParticipation,
                                                 RecordKind::ElectronicRecordsAgreement,
                                                 RecordKind::SignatureDecline,
                                                 RecordKind::AdministratorEvidence,
                                                 RecordKind::ReportEvent,
                                                 RecordKind::Referral,
                                                 RecordKind::Mou,
                                                 RecordKind::StandardsOfFocus,
                                                 RecordKind::MeetingLog,
                                                 RecordKind::YearEndReport,
                                                 RecordKind::FormSignature,
                                                 RecordKind::PanelDecision,
                                                 RecordKind::ConsultingTeacherPreferences};
const char *recordKindName(RecordKind kind); // "observation note", "report", ...
RecordKind kindOfDocument(DocumentType type);
std::optional<DocumentType> documentTypeOf(RecordKind kind);
// The kind of a record of `type` that is not a document or a case update (those need their payload to tell).
std::optional<RecordKind> kindOfRecordType(RecordType type);

// Who signed a record, as the device established it — from the signature's certificate in the pinned district
// directory and from signed case records, never from the record's payload.
struct Signer {
    enum class Standing {
        Certified,          // certified by the pinned district, valid and not revoked
        Uncertified,        // no certificate for this key (an outsider's key, or a forged one)
        Revoked,            // certified once; the district revoked it
        DistrictRecordsKey, // the district records key (it signs recovery grants and nothing else)
        OwnerUnenrolled,    // this device's own key, before the device was enrolled in a district
    };
    Standing standing = Standing::Uncertified;
    RecordId personId;       // the certified person (Certified, OwnerUnenrolled)
    std::vector<Role> roles; // certified program roles
    // The signer's parts in the record's case when it was written: teacher, mentor and site administrator from the
    // signed case record and reassignments (a former mentor is the mentor for what was written while the case was
    // theirs), director of induction and panel from the certified roles (programRolesOf).
    std::set<CaseRole> caseRoles;
    bool hasRole(Role role) const;
};

// What a record's signed payload claims, for the checks that tie it to its signer.
struct Claims {
    std::optional<RecordId> author;          // the payload's author person id (notes, amendments, documents, ...)
    std::optional<RecordId> personRecord;    // a person record: whose
    std::optional<RecordId> correctedAuthor; // an amendment: the person who signed the note it corrects
    std::optional<RecordId> namedMentor;     // a case record: the mentor it names
    // A case record opening a referral (referred participation, status "referral", no mentor yet): the site
    // administrator it names. A site administrator may open such a case for their own referral, nothing else.
    std::optional<RecordId> referringAdministrator;

    static Claims authoredBy(const RecordId &author)
    {
        Claims c;
        c.author = author;
        return c;
    }
    static Claims amendment(const RecordId &author, const RecordId &noteAuthor)
    {
        Claims c;
        c.author = author;
        c.correctedAuthor = noteAuthor;
        return c;
    }
    static Claims caseNaming(const ParCase &parCase)
    {
        Claims c;
        c.namedMentor = parCase.mentorId;
        if (parCase.kind == CaseKind::Referred && parCase.status == CaseStatus::Referral && parCase.mentorId.isNull())
            c.referringAdministrator = parCase.administratorId;
        return c;
    }
    static Claims personRecordOf(const RecordId &person)
    {
        Claims c;
        c.personRecord = person;
        return c;
    }
};

struct Decision {
    bool allowed = false;
    std::string code;   // "" when allowed; "rules.not_entitled", "rules.wrong_author", "rules.uncertified", ...
    std::string reason; // a sentence for people, for refusals and for audits
    explicit operator bool() const { return allowed; }
};

// The case roles that may write a record of `kind` in a case of `caseKind` (empty: it may not exist there).
// Person records are also written by the person themself (see judgeWrite).
std::set<CaseRole> writersOf(RecordKind kind, CaseKind caseKind);
// Who may seal a record's content key to new readers later, besides its author: the case's mentor and a director of
// induction on reassignment, the district records key for the recovery of referred records.
std::set<CaseRole> grantersOf(RecordKind kind, CaseKind caseKind);
// Who reads a new record of `kind` (documents: core/audience.h readersOf; an acknowledgement: the readers of a
// report once signed, readersOfAcknowledgement).
std::set<CaseRole> readersOf(RecordKind kind, const AudienceContext &context);
// Who reads the teacher's acknowledgement of a document of type `acknowledged`: whoever reads that document once the
// teacher has signed it (readersOf(acknowledged, context) with teacherSigned), so the signature travels with what it
// signs: the administrator, the director of induction, the panel and the district records key of a referred case,
// the readers a volunteer's consent names — and no one else.
std::set<CaseRole> readersOfAcknowledgement(DocumentType acknowledged, const AudienceContext &context);

// May `signer` have written this record? Checks, in order: the signer's standing (uncertified and revoked keys write
// nothing; the district records key writes only key grants), the signer's part in the case, and that the payload's
// claims name the signer (the author is the signer's person; an amendment's author wrote the note it corrects).
Decision judgeWrite(RecordKind kind, CaseKind caseKind, const Signer &signer, const Claims &claims = {});
// The part of judgeWrite that a party who cannot read the record (the case store) can check from its header: the
// signer's standing for a record of this type (uncertified and revoked keys write nothing; the district records key
// writes key grants only).
Decision judgeStanding(RecordType type, const Signer &signer);
// May `granter` give the key of a record of `kind`, written by `recordAuthor`, to new readers?
Decision judgeGrant(RecordKind kind, CaseKind caseKind, const Signer &granter, const RecordId &recordAuthor);

// May a PAR case follow this district policy (its signed "policy")? Only one its district adopted: the policies the
// district's signed directory names (DirectorySnapshot::adoptedPolicies). A site administrator who opens a referral
// under another district's rules (a more lenient extension, volunteers the district refuses) writes no case: every
// device leaves it out. `adopted` empty: the district named none (a directory from before version 4, or certificates
// handed over as files), and any shipped policy is accepted.
Decision judgeCasePolicy(const std::string &policyId, const std::vector<std::string> &adopted);

// May a device seal a record to people other than its owner while its district directory was due to be renewed at
// `nextUpdateMs`? Up to `maxStaleDays` past that (the district's policy, records.directory_max_stale_days) it may;
// later it might seal to a key the district has since revoked, so it may not until a sync brings a current directory.
// A device that holds no published directory (certificates handed over as files) is not judged here.
Decision judgeSealingToOthers(std::int64_t nextUpdateMs, std::int64_t nowMs, int maxStaleDays);

// Is a record filed where its author put it? Since record format v2 the case and link ids (the observation of a note,
// the document of a grant or acknowledgement) are signed in the record's header; the routing that travels beside it
// unsigned (in a bundle, a push, a pull page) must be exactly those, or someone on the way moved it
// ("record.misrouted"). Format v1 signed no routing: nothing to compare. Asked by the devices on import and pull and
// by the case store on push, so a record moved on its way in is refused before anyone is served it misfiled.
Decision judgeRouting(std::uint8_t formatVersion, const std::optional<RecordId> &signedCase, const std::optional<RecordId> &signedLink,
                      const std::optional<RecordId> &claimedCase, const std::optional<RecordId> &claimedLink);

// Is an acknowledgement (already judged by judgeWrite: signed by the case's teacher) bound to exactly this document
// version — its id, the hash of its sealed bytes, the hash of its content where both are known — and does it sign a
// statement accepted for the document's type (acceptedAcknowledgementStatements; any type's when the document cannot
// be read here)? Refusals: "ack.other_document", "ack.other_bytes", "ack.other_content", "ack.statement".
Decision judgeAcknowledgement(const Acknowledgement &ack, const RecordId &documentId, std::optional<DocumentType> documentType,
                              const std::array<std::uint8_t, 32> &sealedHash, const std::optional<std::array<std::uint8_t, 32>> &plaintextHash);
// Is a declined signature (judged by judgeWrite: written by the case's mentor) about exactly this report version, in
// its case? Refusals: "decline.other_document", "decline.other_case", "decline.other_bytes", "decline.other_content".
Decision judgeDecline(const SignatureDecline &decline, const RecordId &documentId, const RecordId &caseId,
                      const std::array<std::uint8_t, 32> &sealedHash, const std::optional<std::array<std::uint8_t, 32>> &plaintextHash);
// Is a report event (judged by judgeWrite: signed by the case's teacher) about exactly this report version, in its
// case? Refusals: "event.other_document", "event.other_case", "event.other_bytes", "event.other_content".
Decision judgeReportEvent(const ReportEvent &event, const RecordId &documentId, const RecordId &caseId,
                          const std::array<std::uint8_t, 32> &sealedHash, const std::optional<std::array<std::uint8_t, 32>> &plaintextHash);
// Does an electronic-records agreement (judged by judgeWrite: signed by the case's teacher, naming them) carry the text
// Triad shows for an agreement or a withdrawal, in its case? Refusals: "agreement.other_case", "agreement.text".
Decision judgeAgreement(const ElectronicRecordsAgreement &agreement, const RecordId &caseId);

// --- forms (core/case_forms.h) ------------------------------------------------------------------------------------
// Who signs a form in a case of `caseKind` (seed 001's signature blocks): the referral, the site administrator and the
// teacher; each memorandum, its own party; the standards of focus, the site administrator (the mentor with a
// volunteer); a triad meeting summary, the three of the triad (teacher and mentor with a volunteer); a meeting log, its
// writer's part (mentor or teacher); the year-end report, site administration, mentor and teacher. Empty: the form is
// not kept for this participation.
std::set<CaseRole> signersOf(FormKind form, CaseKind caseKind, std::optional<CaseRole> logWriter = std::nullopt);
// Who reads a form signature: whoever reads the form it signs.
std::set<CaseRole> readersOfFormSignature(FormKind form, const AudienceContext &context);
// Is a form signature (already judged by judgeWrite: signed by a certified person of the case, naming them) one its
// signer may make — the part it signs as is one the signer holds in the case and one the form is signed by — bound to
// exactly this form version in its case, signing the form's statement for that part, and signed no earlier than the
// version was written (`signedAtMs`, `versionWrittenAtMs`: the signed header times; a former mentor cannot backdate a
// signature into their term onto a version written after it)? `logWriter`: a meeting log's writer's part. Refusals:
// "formsig.not_signer", "formsig.other_document", "formsig.other_case", "formsig.other_form", "formsig.other_bytes",
// "formsig.other_content", "formsig.statement", "formsig.before_version", "formsig.time" (the signed time inside the
// signature is not its header's), "formsig.future" (dated more than kSignatureClockSkewMs after `receivedAtMs`, the case
// store's receipt of it, or, with none held yet, after `nowMs`, this device's clock: a signer cannot date a signature
// ahead to outrank one made after it).
// (What the district's policy requires of a signed form — an eligible referral, an allowed extension — is judged by
// policy::judgeSignedForm, on every device too.)
Decision judgeFormSignature(const FormSignature &signature, const Signer &signer, CaseKind caseKind, const RecordId &documentId,
                            const RecordId &caseId, FormKind form, std::optional<CaseRole> logWriter,
                            const std::array<std::uint8_t, 32> &sealedHash, const std::optional<std::array<std::uint8_t, 32>> &plaintextHash,
                            std::int64_t signedAtMs, std::int64_t versionWrittenAtMs, std::optional<std::int64_t> receivedAtMs,
                            std::int64_t nowMs);
// How far ahead of the case store's receipt (or this device's clock) a signature may be dated: clocks drift.
inline constexpr std::int64_t kSignatureClockSkewMs = 15 * 60 * 1000;

// The rules as a Markdown table (docs/security.md "Record rules").
std::string rulesTableMarkdown();

} // namespace triad::rules
