// A report version's trail and chain (issue 12, items 6 and 7), over DocumentStore and SignatureService:
//
// - The site administrator's additional evidence (seed 001: "an administrator who disagrees may submit additional
//   evidence"): a document of type AdministratorEvidence whose refersTo is the report version, written only by the
//   case's site administrator in a referred case (the rules judge the signer's certificate and the signed case record,
//   never the payload), sealed to the report's readers once signed (teacher, mentor, administrator, director of
//   induction, panel, district records key).
// - Report events: the teacher's device signs that a report version was delivered to it and that the teacher first
//   opened it (RecordType::ReportEvent), once per version and kind; sealed to the report's readers once signed, so the
//   mentor sees them at once. Only the case's teacher writes them.
// - The trail: issued, delivered, first viewed, signed or declined, each response submitted, each piece of evidence
//   added — each with the device time signed in its record, the case store's receipt time where one is held, and the
//   device — from records this device has checked.
// - The chain: every link of one report version held here, checked again offline (signatures, bindings, receipts).
#pragma once

#include "document_store.h"
#include "receipt.h"

namespace triad::store {

// One event of a report version's trail, from one signed record held and checked here.
struct TrailEvent {
    enum class Kind {
        Issued,
        Delivered,
        Viewed,
        Signed,
        Declined,
        ResponseSubmitted,
        EvidenceAdded,
    };
    Kind kind = Kind::Issued;
    std::string what; // "Issued by the PAR mentor", "Delivered to the teacher's device", ...
    RecordId recordId;
    const char *recordKind = "report"; // as the PDF lists it: "report", "report_event", "acknowledgement", ...
    std::int64_t deviceTimeMs = 0;     // signed in the record (the writing device's clock)
    std::optional<std::int64_t> caseStoreTimeMs; // the case store's receipt, where one is held here
    std::string device;                          // "device <name>, signing key <hex>" or "signing key <hex>"
    // Declined: the day the teacher declined (YYYY-MM-DD) and the witness, for a sentence in the app's language.
    std::string declinedOn;
    std::string witness;
};

// One link of a report version's chain as `report verify --report` prints it.
struct ChainLink {
    std::string what; // "report record", "acknowledgement", "receipt of the acknowledgement", ...
    RecordId recordId;
    bool ok = false;
    std::string finding; // what was checked, or which check fails and why: one sentence
};

class AuditService {
public:
    explicit AuditService(LocalStore &store) : m_store(store), m_documents(store) {}

    // The case's site administrator attaches additional evidence to a report version they can read. Errors:
    // "evidence.volunteer" (only referred participation keeps it), "evidence.not_entitled" (only the case's site
    // administrator, as certified), "input.empty", "input.too_long" (over kMaxAdministratorEvidenceChars),
    // "input.encoding", "document.unknown", "document.not_readable", "report.not_a_report", and DocumentStore::write's.
    Result<Document> addEvidence(const RecordId &reportVersionId, const std::string &text);
    // The additional evidence attached to this report version, readable here and written by the case's site
    // administrator (the rules judged), oldest first.
    Result<std::vector<Document>> evidenceOf(const RecordId &reportVersionId);

    // The teacher's device records that this report version reached it / that the teacher first opened it. Once per
    // version and kind: a second call returns the record already held (from any of the teacher's devices). Errors:
    // "event.not_entitled" (only the case's teacher), "document.unknown", "document.not_readable",
    // "report.not_a_report", "enrollment.none".
    Result<RecordId> markDelivered(const RecordId &reportVersionId);
    Result<RecordId> markViewed(const RecordId &reportVersionId);
    // After a pull (sync::SyncOptions::markDelivered): on the teacher's device, markDelivered for every report version
    // of the owner's cases held and readable here that has no delivered record yet. Returns how many were written;
    // versions that cannot be marked (unreadable, refused by the rules) are passed over.
    Result<int> markDeliveredAll();
    // The first valid event of `kind` for this version (the earliest by its signed time), if any.
    Result<std::optional<ReportEvent>> eventOf(const RecordId &reportVersionId, ReportEventKind kind);
    // Every report event filed under this version here, with the rules' verdict (for verification).
    Result<std::vector<SignatureCheck>> checkEvents(const RecordId &reportVersionId);

    // The trail of the report version from the records held and valid here, in the order of the report's life:
    // issued, delivered, first viewed, signed or declined, responses (in the order the case store received them),
    // evidence added.
    Result<std::vector<TrailEvent>> trail(const RecordId &reportVersionId);

    // Every link of the version's chain held here, each checked: the report record (signature, certified signer, the
    // rules), each acknowledgement (bound to this version's bytes, content and statement, signed by the teacher), each
    // declined signature, each written response and piece of additional evidence (and any record of the case that
    // fails its signature check, since it might be one), each report event, and the case store's receipt of each record
    // held here against the pinned receipt keys. Errors only when the store cannot be read.
    Result<std::vector<ChainLink>> verifyChain(const RecordId &reportVersionId);

private:
    Result<RecordId> mark(const RecordId &reportVersionId, ReportEventKind kind);
    Result<std::vector<std::pair<ReportEvent, SignatureCheck>>> eventsOf(const RecordId &reportVersionId);
    LocalStore &m_store;
    DocumentStore m_documents;
};

} // namespace triad::store
