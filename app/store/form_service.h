// The case's forms (issue 13) over DocumentStore: fill in a form of seed 001 for a case (a versioned, sealed document
// whose readers and writers the audience rules give), edit it until it is signed, and sign it — each signer as their
// part in the case, on the exact version (core/case_forms.h FormSignature). What a form asks comes from the case's
// district policy (policy/case_form_specs.h); every answer is checked against it before anything is written.
//
// What forms decide is read from signed forms, judged on this device: the standards of focus in force are those of the
// newest Standards of Focus form its signers signed; a referral's eligibility is the district's rule applied to the
// ratings the referral records (policy/referral.h); the site administrator cannot sign a referral the rule refuses.
#pragma once

#include "case_form_specs.h"
#include "conferences.h"
#include "deadlines.h"
#include "determination.h"
#include "portfolio.h"
#include "document_store.h"
#include "report_service.h"

#include <map>

namespace triad::store {

struct FormView {
    RecordId lineageId;
    RecordId versionId; // the current version
    int versions = 1;
    bool forked = false;
    Document document; // the current version
    FormContent content;
    policy::FormSpec spec;
    std::set<CaseRole> signers;                   // who signs it (rules::signersOf)
    std::map<CaseRole, FormSignature> signatures; // valid signatures on the current version, by part (the panel: its first)
    // A decision of the panel counts only once enough of the district's panel members signed it (policy panel_votes:
    // a majority of the members the district directory certifies, policy::tallyPanelVotes). The valid panel signatures
    // on the current version, one per member; how many the decision needs (0: not a panel decision, one signature per
    // part), at its completion or as the panel stands now; and whether it has them.
    std::vector<FormSignature> panelSignatures;
    std::size_t panelSignaturesNeeded = 0;
    bool panelComplete = false; // policy::tallyPanelVotes: the decision has its signatures
    std::set<CaseRole> signedEarlier;             // parts that signed an earlier version but not this one
    std::vector<std::string> missingAnswers;      // required fields still empty
    std::int64_t startedAtMs = 0;                 // the written time of the lineage's first version held here
    bool afterEnd = false; // begun after the case's PAR support ended: counts for nothing, and is not signed (invalidReason)
    // Why no signature counts on this form here (answers the district's form does not ask, a version by someone else in
    // a memorandum's or log's history, another kind of form in the lineage), or empty.
    std::string invalidReason;
    // The newest version signed by all its signers (the current one when fullySigned()): what a signed form decides
    // stays in force while a newer version waits for its signatures.
    struct SignedVersion {
        RecordId versionId;
        FormContent content;
        std::int64_t completedAtMs = 0; // the signed time of its last signature
    };
    std::optional<SignedVersion> newestSigned;
    // A yearly form's participation year (policy::yearlyForm): the one its first version was written for, 0 when that
    // is not a year; 1 for other forms. A version naming another year counts for nothing (invalidReason).
    int year = 1;
    // Can this form be, or is it, signed into force: its current version counts, or an earlier one signed by all does.
    // A lineage that counts for nothing (a version by someone else in a memorandum, another kind of form) cannot.
    bool mayCount() const { return invalidReason.empty() || newestSigned.has_value(); }
    bool fullySigned() const
    {
        return invalidReason.empty() && !signers.empty() && signatures.size() == signers.size() && (panelSignaturesNeeded == 0 || panelComplete);
    }
    // Has this person's signature on the current version counted (for the panel: this member's)?
    bool signedBy(const RecordId &person) const;
    // The parts still to sign the current version, in part order (the panel while it has fewer member signatures than
    // its decision needs), and how many more panel members must sign.
    std::vector<CaseRole> waitingFor() const;
    // Of those, the parts a person holding `roles` may sign now: the panel's not once this member has signed it.
    std::vector<CaseRole> signableBy(const std::set<CaseRole> &roles, const RecordId &person) const;
    std::size_t panelSignaturesMissing() const
    {
        if (panelSignaturesNeeded == 0 || panelComplete) return 0;
        return panelSignaturesNeeded > panelSignatures.size() ? panelSignaturesNeeded - panelSignatures.size() : 1;
    }
};

// A form the owner may start in a case: one per kind (a triad meeting: one per meeting of the district's list; a
// yearly form: one per participation year), a meeting log at any time.
struct FormStart {
    FormKind kind = FormKind::Referral;
    int meeting = 0; // a triad meeting's position
    int year = 1;    // a yearly form's participation year (policy::yearlyForm): the case's current one
    std::string title;
};

// An extended case's second year (policy/case_form_specs.h "participation years"): since the first year's
// determination that extended it was signed by all (policy::determinationOf over the first year's determinations), and
// from the day its school year begins (policy::secondYearStart).
struct SecondYear {
    std::int64_t extendedAtMs = 0; // the signed time of the signature that completed the extension
    QDate start;
};

class FormService {
public:
    explicit FormService(LocalStore &store) : m_store(store), m_documents(store) {}

    // What the form asks in this case (its district's policy; a yearly form started now: the case's current year's).
    // Errors: "case.unknown", "policy.unknown".
    Result<policy::FormSpec> specFor(const RecordId &caseId, FormKind kind, int meeting = 0);
    // A new form (no `lineage`), or a new version of the form `lineage` edited from its current version `base`.
    // A yearly form's participation year is set here: a new one belongs to the case's current year (its second once
    // extended), a new version keeps its form's year; answers naming another year are refused.
    // Errors: "form.invalid" (an answer the form does not ask or allow), "form.not_applicable" (no such form in this
    // participation), "form.case_ended" (a new form in a case whose PAR support is over: withdrawn, or discontinued by
    // its determination), "document.not_entitled", "document.stale", "document.forked" and those of DocumentStore::edit.
    Result<Document> save(const RecordId &caseId, const FormContent &content, std::optional<RecordId> lineage = std::nullopt,
                          std::optional<RecordId> base = std::nullopt);
    // The owner signs the current version of a form, as their part in the case. Errors: "form.not_signer" (the owner
    // signs no part of this form), "form.already_signed", "form.incomplete" (required answers missing, named),
    // "referral.not_eligible" (the district's rule refuses the referral; the reasons), "signature.no_agreement" (the
    // teacher has no electronic-records agreement in force: SignatureService::agreeToElectronicRecords first), "document.stale" (not the current
    // version), "document.forked", "document.unknown", "document.not_readable".
    Result<RecordId> sign(const RecordId &formVersionId);
    // Triad meeting mode (the site administrator's tablet at a triad meeting): another person of the case signs here
    // with their own keys — their key backup (crypto/key_backup.h) opened with their own backup passphrase, held in
    // memory for this one signature and wiped; nothing of them is kept on this device but the signed record, which
    // says which device it was signed on. The rules judge it from that person's certificate, as on their own device.
    // A visiting teacher with no electronic-records agreement in force is refused ("signature.no_agreement") unless
    // `agree`: then, when the agreement is all that is missing, they sign it first with the same keys
    // (SignatureService::agreeToElectronicRecordsAs), as they would on their own phone before a first signature.
    // Errors: "backup.wrong_passphrase", "backup.corrupt", "form.visitor_is_owner" (sign as yourself), and those of sign().
    Result<RecordId> signAsVisitor(const RecordId &formVersionId, std::span<const std::uint8_t> keyBackup, std::string_view backupPassphrase,
                                   bool agree = false);

    // The forms the owner may start in this case now, as the rules give them (writers, and for a memorandum its signer),
    // leaving out those already held (except meeting logs); none once the case has ended (caseEnded).
    Result<std::vector<FormStart>> startable(const RecordId &caseId);
    // Every form of the case readable here (current versions), oldest first.
    Result<std::vector<FormView>> forms(const RecordId &caseId);
    Result<FormView> form(const RecordId &lineageOrVersionId);
    // Every signature filed under the version, with the rules' verdict.
    Result<std::vector<SignatureCheck>> checkSignatures(const RecordId &formVersionId);

    // The case's second year, once the first year's determination extended it (nullopt: the case is in its first year).
    // `heldForms`: forms(caseId) when the caller already read them.
    Result<std::optional<SecondYear>> secondYear(const RecordId &caseId, const std::vector<FormView> *heldForms = nullptr);
    // The standards of focus in force: the newest Standards of Focus form signed by its signers, else the case's own.
    // `heldForms`: forms(caseId) when the caller already read them.
    Result<std::vector<std::string>> standardsOfFocus(const RecordId &caseId, const std::vector<FormView> *heldForms = nullptr);
    // The district's rule applied to a referral form (nullopt: the case has no readable referral).
    Result<std::optional<policy::ReferralDecision>> referralDecision(const RecordId &caseId);

    // What is known of the case for its deadlines (policy/deadlines.h), from what this device holds: the start (the
    // enrolment, else the day PAR support began), meetings and logs (meeting log forms, by who wrote them), the first
    // contact (the earliest log), reports issued (first versions), triad meetings (scheduled on the initial meeting's
    // summary, held when its summary is signed by all), the final report (the year-end report signed by all).
    // `reports`: the case's reports when the caller already read them (ReportService::reports), so they are not read twice.
    // `heldForms`: forms(caseId) when the caller already read them.
    Result<policy::CaseFacts> factsOf(const RecordId &caseId, const std::vector<ReportHistory> *reports = nullptr,
                                      const std::vector<FormView> *heldForms = nullptr);
    // Every deadline of the case from its district's policy, as of today on the district's clock; none once support is
    // discontinued (determined()) or participation ended.
    Result<std::vector<policy::Deadline>> deadlines(const RecordId &caseId, const std::vector<ReportHistory> *reports = nullptr,
                                                    const std::vector<FormView> *heldForms = nullptr);

    // The case as its signed determinations leave it (policy/determination.h): a referred case's status after the
    // year-end report and the panel's decision signed here by all their signers (each signature judged on this device,
    // the policy's extension rule included), the newest completed one deciding. Other cases are returned as they are,
    // without reading anything. `heldForms`: forms(parCase.id) when the caller already read them.
    Result<ParCase> determined(const ParCase &parCase, const std::vector<FormView> *heldForms = nullptr);

    // The portfolio of the case's district (policy/portfolio.h): each document of the policy's lists with where it
    // stands and the documents held here that make it up — forms (signed by all or not), triad meeting summaries,
    // the mentor's issued reports and the observations they cover, the teacher's written responses. None in
    // confidential participation (volunteer, beginning, intern): the portfolio is what the PAR Panel reviews.
    // It is the current participation year's (portfolioYear): once the second year of an extended case has begun,
    // the second year's — its yearly forms, and the logs, reports, observations and responses dated from its first
    // day (year 2's reports numbered from 1) — with the referral and the memoranda, which belong to the case.
    // `heldForms`, `reports`: what the caller already read (forms(), ReportService::reports), so nothing is opened twice.
    // The participation year the portfolio is for: 2 from the first day of an extended case's second year, else 1.
    Result<int> portfolioYear(const RecordId &caseId, const std::vector<FormView> *heldForms = nullptr);
    Result<std::vector<policy::PortfolioItem>> portfolio(const RecordId &caseId, const std::vector<FormView> *heldForms = nullptr,
                                                         const std::vector<ReportHistory> *reports = nullptr);
    // The case's observations held here (the mentor's) with the pre- and post-observation conferences logged for each
    // (meeting logs whose "observation" names it), oldest first.
    Result<std::vector<policy::ObservationConferences>> conferences(const RecordId &caseId, const std::vector<FormView> *heldForms = nullptr);

private:
    // A meeting log names an observation only as a pre- or post-observation conference, and only one of the case's
    // observations held on this device (the mentor's): "form.invalid" otherwise.
    Status checkConferenceLink(const RecordId &caseId, const FormContent &content);
    // The consulting-teacher preferences: the district takes them, no consulting teacher is assigned yet, today is within
    // the window ("form.not_applicable", "form.window_closed"); each ranked person a certified PAR mentor, once.
    Status checkPreferencesOpen(const ParCase &c, const policy::DistrictPolicy &p);
    Status checkPreferences(const ParCase &c, const policy::DistrictPolicy &p, const FormContent &content);
    Result<RecordId> signWith(const RecordId &formVersionId, const crypto::Identity &signer, const RecordId &signerPerson, const std::string &device);
    Result<FormView> viewOf(const DocumentView &view, const ParCase &parCase, const policy::DistrictPolicy &policy);
    std::optional<CaseRole> logWriter(const Document &form, const ParCase &parCase) const;
    // `heldForms` when the caller passed them, else the case's forms read into `storage` (and `heldForms` set to them).
    Status readUnlessHeld(const RecordId &caseId, const std::vector<FormView> *&heldForms, std::vector<FormView> &storage);
    std::optional<SecondYear> secondYearOf(const ParCase &parCase, const policy::DistrictPolicy &policy, const std::vector<FormView> &held) const;
    // The determinations of a referred case signed by all (year-end reports, panel decisions) that count for its years.
    std::vector<policy::SignedDetermination> signedDeterminations(const ParCase &parCase, const policy::DistrictPolicy &policy,
                                                                  const std::vector<FormView> &held) const;
    // When the case's PAR support ended, as the signed records held here say: the teacher's end of participation, or the
    // completion of the first determination signed by all that discontinued it (nullopt: it has not ended).
    std::optional<std::int64_t> endedAt(const ParCase &parCase, const policy::DistrictPolicy &policy, const std::vector<FormView> &held) const;
    // The participation year a held form counts for (1 for a form that is not yearly): its year, or the second for a
    // triad meeting held, by its signed date, on or after `secondYearStart`.
    static int yearOfForm(const FormView &form, std::optional<QDate> secondYearStart);
    // portfolioYear's rule, for a caller that already has the case's second year: 2 from its first day, else 1.
    Result<int> yearShownOf(const policy::DistrictPolicy &policy, const std::optional<SecondYear> &second) const;
    // The participation year a yearly form started now belongs to (1 for other forms).
    int yearOfNewForm(const ParCase &parCase, const policy::DistrictPolicy &policy, FormKind kind, int meeting, const std::vector<FormView> &held) const;
    LocalStore &m_store;
    DocumentStore m_documents;
};

} // namespace triad::store
