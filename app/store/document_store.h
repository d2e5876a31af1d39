// Case documents sealed to their audience (core/audience.h): reports, teacher responses, triad meeting summaries,
// panel deliberations, personnel-file entries and consent forms; the teacher's acknowledgement of receipt; and key
// grants that open a document to the readers the rules add later (after the teacher signs, on consent).
//
// Readers are resolved through the pinned district directory: the case's teacher, mentor and site administrator by
// their person ids, the director of induction and the panel by their certified roles, the district records key from
// the district info. A store that is not enrolled can only write documents for its owner.
#pragma once

#include "audience.h"
#include "local_store.h"

namespace triad::store {

struct Document {
    RecordId id;
    RecordId caseId;
    DocumentType type = DocumentType::Report;
    std::string text;
    RecordId authorPersonId;
    std::int64_t createdAtMs = 0;
    std::optional<RecordId> refersTo; // a response's report
    std::optional<Consent> consent;   // consent forms
};

struct DocumentView {
    RecordId id;
    bool readable = false;
    std::optional<Document> document;
    std::string reason;           // why it cannot be read here
    bool acknowledged = false;    // the teacher acknowledged receipt (known where the acknowledgement is readable)
    bool viaGrant = false;        // opened through a key grant
};

inline constexpr const char *kAcknowledgementStatement = "I acknowledge receipt of this document; signing does not mean I agree with it.";

class DocumentStore {
public:
    explicit DocumentStore(LocalStore &store) : m_store(store) {}

    // The owner's roles in a case: teacher, mentor, site administrator by the case's person ids; director of
    // induction and panel by certified role.
    std::set<CaseRole> rolesIn(const ParCase &parCase) const;
    // The audience context now: the case kind and the newest consent form readable here.
    Result<AudienceContext> contextFor(const ParCase &parCase, DocumentType type, bool teacherSigned = false);

    // Errors: "document.not_entitled" (the owner may not write this type here), "document.no_readers",
    // "enrollment.none", "input.empty".
    Result<Document> write(const RecordId &caseId, DocumentType type, const std::string &text,
                           std::optional<RecordId> refersTo = std::nullopt);
    // The teacher's consent (volunteer, beginning, intern): who may read which documents, until when.
    Result<Document> grantConsent(const RecordId &caseId, const std::set<CaseRole> &readers,
                                  const std::set<DocumentType> &documents, std::optional<std::int64_t> untilMs);
    Result<Document> revokeConsent(const RecordId &caseId);
    // The teacher acknowledges receipt of a document, bound to its exact bytes (BLAKE2b-256 of the sealed record).
    Result<RecordId> acknowledge(const RecordId &documentId);
    // After the teacher's acknowledgement, opens the document to the readers the rules add (a key grant by someone
    // who can read it). Returns how many readers were added.
    Result<int> shareAfterSignature(const RecordId &documentId);

    // Every document of the case held here, opened where this person may read it, with the reason where not.
    Result<std::vector<DocumentView>> list(const RecordId &caseId);

private:
    Result<std::vector<crypto::PublicIdentity>> keysFor(const ParCase &parCase, const std::set<CaseRole> &roles) const;
    Result<std::optional<RecordId>> acknowledgementOf(const RecordId &documentId, const ParCase &parCase);
    LocalStore &m_store;
};

} // namespace triad::store
