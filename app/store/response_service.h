// The teacher's written response to a report version (issue 12, item 5).
//
// Drafted privately on the teacher's device: the draft is sealed to the owner alone in response_drafts
// (RecordType::ResponseDraft, like a note or report draft), never a record, never in the outbox, never exported; replacing
// or discarding it leaves no earlier version in the store's files (SQLite's secure_delete zeroes the old cell, and a WAL
// checkpoint then truncates the log that still held the old page). Submitting writes a TeacherResponse document whose
// refersTo is the report version, sealed like every document to its readers, and deletes the draft.
//
// The window (policy/response_window.h) opens at the case store's receipt of the report version as held on this device
// (store/receipt_store.h: the receipt comes with the pull that delivered it) and is counted by the case's district
// policy. The case store's clock decides: a response is on time when its own receipt is inside the window; offline,
// the device estimates from its own clock and warns while a submitted response has not reached the case store. A
// response submitted after the window by the device clock is refused when the policy refuses late responses
// ("response.window_closed"); one whose receipt turns out to be after the close is reported as the policy judges it
// (marked late, or refused), never silently.
#pragma once

#include <map>

#include "document_store.h"
#include "receipt.h"
#include "response_window.h"

namespace triad::store {

// One response submitted to the report version, as held here.
struct SubmittedResponse {
    Document document;
    std::optional<directory::Receipt> receipt;          // the case store's receipt of it, once a sync brought it
    std::optional<policy::ResponseJudgement> judgement; // its receipt against the window (needs the report's receipt too)
};

struct ResponseStatus {
    RecordId reportVersionId;
    RecordId caseId;
    std::string policyId;                            // the district policy counting the window
    policy::LateResponses late = policy::LateResponses::Refuse;
    std::optional<directory::Receipt> reportReceipt; // none: the report has not reached this device through a case store
    std::optional<policy::ResponseWindowTimes> window;
    std::optional<policy::OfflineEstimate> estimate; // from this device's clock
    bool draftSaved = false;
    bool submitted = false;
    std::vector<SubmittedResponse> responses;           // oldest first
    std::optional<policy::ResponseJudgement> judgement; // of the first response whose receipt is held
    // "response.no_receipt"; else the judgement's code once there is one; else the estimate's ("window.open", ...).
    std::string code;
    std::string sentence; // what the teacher reads
};

class ResponseService {
public:
    explicit ResponseService(LocalStore &store) : m_store(store), m_documents(store) {}

    // The private draft for this report version kept on this device, if any.
    Result<std::optional<std::string>> draft(const RecordId &reportVersionId);
    // Saves (replaces) the draft. Allowed before the window has started (no receipt yet) and after it closed. Errors:
    // "input.empty", "input.too_long" (over kMaxResponseChars), "input.encoding", "document.not_entitled" (only the
    // case's teacher responds), "report.not_a_report", "document.unknown", "document.not_readable".
    Status saveDraft(const RecordId &reportVersionId, const std::string &text);
    Status discardDraft(const RecordId &reportVersionId);
    // Submits the draft as a TeacherResponse attached to the report version, then deletes the draft. Errors:
    // "response.no_draft", "response.no_receipt" (the window has not started: the report's receipt is not held here),
    // "response.window_closed" (after the close by this device's clock, and the policy refuses late responses; the
    // draft is kept), those of saveDraft and of DocumentStore::write.
    Result<Document> submit(const RecordId &reportVersionId);
    // Where the response to this report version stands. Errors: those of reading the report and its receipts
    // ("receipt.tampered" for a receipt row this device did not write), "policy.unknown".
    Result<ResponseStatus> status(const RecordId &reportVersionId);

private:
    Status scrub();
    LocalStore &m_store;
    DocumentStore m_documents;
    // Each case's documents as list() gave them, read once per instance: a screen listing many reports makes one
    // ResponseService for its load (status() per row would otherwise open the whole case per row).
    std::map<RecordId, std::vector<DocumentView>> m_listed;
};

} // namespace triad::store
