// Case documents sealed to their audience (core/audience.h): reports, teacher responses, triad meeting summaries,
// panel deliberations, personnel-file entries and consent forms; the teacher's acknowledgement of receipt; and key
// grants that open a document to the readers the rules add later (after the teacher signs, on consent).
//
// Readers are resolved through the pinned district directory: the case's teacher, mentor and site administrator by
// their person ids, the director of induction and the panel by their certified roles, the district records key from
// the district info. A store that is not enrolled can only write documents for its owner.
#pragma once

#include "audience.h"
#include "case_records.h"
#include "local_store.h"

#include <map>
#include <set>

namespace triad::store {

// Which documents are edited, and so carry versions (core/case_records.h hasVersions). Reports (drafted, discussed
// with the teacher, revised before the signature: seed 001 "a copy of each report shall be discussed with the
// Referred Teacher") and triad meeting summaries (filled in at and after the meeting by the mentor and, for referred
// cases, the site administrator) are. A teacher's written response is not: it is the teacher's own statement,
// "attached to the report" once submitted within the response window, so it stands as sent. Acknowledgements are their
// own record type, bound to exact bytes, never edited. Panel deliberations and personnel-file entries record what was
// decided or filed (a correction is a new entry); a newer consent form (higher signed sequence) supersedes the older.
// The Document payload itself lives in core/case_records.h.

// One version of a document as this person sees it.
struct VersionView {
    Document document;
    bool acknowledged = false; // the teacher acknowledged receipt of exactly this version
    bool viaGrant = false;     // opened through a key grant
};

// One document of a case: for versioned documents, its lineage (the current version, or the fork).
struct DocumentView {
    RecordId id; // the current version; the lineage id when forked; the record when unreadable
    bool readable = false;
    std::optional<Document> document; // the current version; empty when unreadable or forked
    std::string reason;               // why it cannot be read here
    bool acknowledged = false;        // the teacher acknowledged receipt of the current version (where readable here)
    bool viaGrant = false;            // opened through a key grant
    RecordId lineageId;
    int versions = 1;                        // versions of the lineage readable here
    bool earlierVersionAcknowledged = false; // an older version was signed, the current one not (yet)
    // Forked: two or more current versions ("heads": versions no other version was edited from), because two
    // people or devices edited the same version while apart and sync brought both. Nothing is picked: a person who
    // may write the type resolves it with resolveFork(). `heads` is filled only when forked.
    std::vector<VersionView> heads;
    std::vector<RecordId> commonParents; // the newest version(s) every head was edited from (empty if not held here)
    bool forked() const { return heads.size() > 1; }
};

// For each version of `lineage`: itself and every version of `lineage` it was edited from, directly or not. The order
// of a lineage by its edits, whatever the clocks of the devices that wrote the versions said.
std::map<RecordId, std::set<RecordId>> versionAncestries(const std::vector<VersionView> &lineage);

// One signed record about a document version (an acknowledgement, a declined signature) with the rules' verdict on it.
struct SignatureCheck {
    RecordId recordId;
    rules::Decision verdict; // allowed, or refused with the code and the reason
};

// One report version held and readable here, written by the case's mentor as the rules judge it, with its case and the
// hashes an acknowledgement or a declined signature binds to.
struct HeldReportVersion {
    Document document;
    ParCase parCase;
    std::array<std::uint8_t, 32> sealedHash{};    // BLAKE2b-256 of its sealed bytes
    std::array<std::uint8_t, 32> plaintextHash{}; // crypto::plaintextHash of its content
};

class DocumentStore {
public:
    explicit DocumentStore(LocalStore &store) : m_store(store) {}

    // The owner's roles in a case: teacher, mentor, site administrator by the case's person ids; director of
    // induction and panel by certified role.
    std::set<CaseRole> rolesIn(const ParCase &parCase) const;
    // The audience context now: the case kind and the newest consent form readable here.
    Result<AudienceContext> contextFor(const ParCase &parCase, DocumentType type, bool teacherSigned = false);

    // Errors: "document.not_entitled" (the owner may not write this type here), "document.no_readers",
    // "enrollment.none", "input.empty". `report`: a report's structured content (core/report.h; `text` is then its
    // rendering), checked against the caps ("report.invalid") before anything is written.
    // `form`: a form's content (core/case_forms.h) on a document of the form's type.
    Result<Document> write(const RecordId &caseId, DocumentType type, const std::string &text, std::optional<RecordId> refersTo = std::nullopt,
                           std::optional<ReportContent> report = std::nullopt, std::optional<FormContent> form = std::nullopt);
    // Whether the owner may write a document of `type` in the case now, as the rules decide: "document.not_entitled"
    // with the reason, "case.unknown", "record.not_a_reader".
    Status mayWriteDocument(const RecordId &caseId, DocumentType type);
    // The teacher's consent (volunteer, beginning, intern): who may read which documents, until when.
    Result<Document> grantConsent(const RecordId &caseId, const std::set<CaseRole> &readers, const std::set<DocumentType> &documents,
                                  std::optional<std::int64_t> untilMs);
    Result<Document> revokeConsent(const RecordId &caseId);
    // The signing step of the teacher's acknowledgement of receipt, bound to the document's exact bytes (BLAKE2b-256 of
    // the sealed record) and content, signing the statement for its type (core/signature_records.h
    // acknowledgementStatementFor). For a versioned document only the current version: "document.stale" /
    // "document.forked" otherwise. The teacher's act is SignatureService::acknowledge (store/signature_service.h), which
    // first requires the electronic-records agreement in force; this step does not check it.
    Result<RecordId> acknowledge(const RecordId &documentId);
    // The teacher's acknowledgement of exactly this document version held here: signed by the case's teacher (the
    // rules judge the signer), bound to its sealed bytes and its content, signing an accepted statement
    // (rules::judgeAcknowledgement). nullopt when there is none.
    Result<std::optional<RecordId>> acknowledgementOf(const RecordId &documentId, const ParCase &parCase);
    // Every acknowledgement filed under this document version here, each with the rules' verdict: who signed it
    // (judgeWrite), then what it is bound to and what it says (judgeAcknowledgement). Unreadable ones are refused with
    // the reason. For verification: which acknowledgement fails, and why.
    Result<std::vector<SignatureCheck>> checkAcknowledgements(const RecordId &documentId, const ParCase &parCase);
    // Errors: "document.unknown", "document.not_readable" (not shared with this person, or refused by the rules),
    // "report.not_a_report", "case.unknown".
    Result<HeldReportVersion> reportVersion(const RecordId &reportVersionId);
    // The same for a version of any document (a form): "document.unknown", "document.not_readable", "case.unknown".
    Result<HeldReportVersion> heldVersion(const RecordId &versionId);
    // After the teacher's acknowledgement, opens the document to the readers the rules add (a key grant by someone
    // who can read it). Returns how many readers were added.
    Result<int> shareAfterSignature(const RecordId &documentId);
    // The photos and audio memos a report version cites go to its readers with it: key grants, by their author, to the
    // people who read the report now (the teacher at issue; after the signature shareAfterSignature adds the others),
    // so each reader's device fetches and opens them (docs/protocol.md "Evidence media"). Evidence this person cannot
    // read is skipped (it is not theirs to give); the receiving device judges each grant (rules::judgeGrant).
    // Returns how many readers were given the evidence (0: nothing cited, or no one else reads the report).
    Result<int> shareCitedEvidence(const RecordId &reportVersionId);

    // The public keys of the people holding `roles` in the case, as the pinned directory certifies them now.
    Result<std::vector<crypto::PublicIdentity>> keysFor(const ParCase &parCase, const std::set<CaseRole> &roles) const;

    // Every document of the case held here, opened where this person may read it, with the reason where not;
    // versioned documents once per lineage (current version or fork), not once per version.
    Result<std::vector<DocumentView>> list(const RecordId &caseId);
    // The same lineages with their valid versions readable here (parents before children), from the same one pass
    // over the case's documents: for screens that show every report of a case (history() per lineage would open the
    // whole case once per report: docs/benchmarks.md "Inbox").
    struct CaseLineage {
        DocumentView view;
        std::vector<VersionView> versions;
    };
    Result<std::vector<CaseLineage>> lineagesWithVersions(const RecordId &caseId);

    // --- versions (reports, triad meeting summaries) ---------------------------------------------------------------
    // `documentId` names the lineage or any version of it. A new version, sealed like write() to the readers the
    // rules give now, whose parent is `baseVersionId` — which must be the one current version. Errors:
    // "document.not_editable" (responses, acknowledgements, ...), "document.forked" (resolve first; the message names
    // the current versions), "document.stale" (someone edited since; names the current version),
    // "document.unknown_version", "document.unknown", "document.not_readable", and those of write().
    // `report` as for write().
    Result<Document> edit(const RecordId &documentId, const RecordId &baseVersionId, const std::string &text,
                          std::optional<ReportContent> report = std::nullopt, std::optional<FormContent> form = std::nullopt);
    // Resolves a fork with the merged text: a version whose parents are all the current versions.
    // Errors: "document.not_forked" (one current version: edit it), and those of edit().
    Result<Document> resolveFork(const RecordId &documentId, const std::string &text, std::optional<FormContent> form = std::nullopt);
    // Every version of the lineage readable here, oldest first (a version after the ones it was edited from).
    Result<std::vector<VersionView>> history(const RecordId &documentId);
    // The lineage as list() shows it.
    Result<DocumentView> current(const RecordId &documentId);

private:
    struct Lineage;
    Result<std::vector<Lineage>> lineagesOf(const RecordId &caseId, const std::optional<ParCase> &parCase);
    Result<Lineage> lineageOf(const RecordId &documentId);
    Result<Document> newVersion(const RecordId &documentId, const std::optional<RecordId> &baseVersionId, const std::string &text,
                                std::optional<ReportContent> report = std::nullopt, std::optional<FormContent> form = std::nullopt);
    Status mayWriteType(const ParCase &parCase, DocumentType type) const;
    Result<Document> sealDocument(const ParCase &parCase, Document document);
    Result<std::optional<Consent>> consentInForce(const ParCase &parCase);
    Result<Document> writeConsent(const ParCase &parCase, Consent consent, const char *text);
    LocalStore &m_store;
};

} // namespace triad::store
