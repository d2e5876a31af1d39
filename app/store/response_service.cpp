#include "response_service.h"
#include "error_codes.h"

#include "case_service.h"
#include "receipt_store.h"
#include "store_internal.h"

#include <sodium.h>

namespace triad::store {

Result<std::optional<std::string>> ResponseService::draft(const RecordId &reportVersionId)
{
    auto st = m_store.database().cached("SELECT body FROM response_drafts WHERE report_id = ?");
    if (!st) return st.error();
    (*st)->bind(1, detail::idSpan(reportVersionId));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>{};
    const std::vector<std::uint8_t> body = (*st)->columnBlob(0);
    (*st)->reset();
    auto payload = m_store.openRecord(body, reportVersionId, RecordType::ResponseDraft);
    if (!payload) return payload.error();
    auto d = decodeResponseDraft(*payload);
    sodium_memzero(payload->data(), static_cast<std::size_t>(payload->size()));
    if (!d) return d.error();
    if (d->reportVersionId != reportVersionId) return makeError(errc::payload::kMalformed, "The saved response draft belongs to another report.");
    return std::optional<std::string>(std::move(d->text));
}

Status ResponseService::saveDraft(const RecordId &reportVersionId, const std::string &text)
{
    if (auto s = detail::validateText(text, kMaxResponseChars, "response"); !s) return s;
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    if (auto s = m_documents.mayWriteDocument(r->parCase.id, DocumentType::TeacherResponse); !s) return s;
    const ResponseDraft d{reportVersionId, text, m_store.now()};
    // One draft per report version, under the version's id, sealed to the owner alone (never a record).
    auto sealed = m_store.sealForOwner(RecordType::ResponseDraft, reportVersionId, d.updatedAtMs, encodePayload(d));
    if (!sealed) return sealed.error();
    auto st = m_store.database().cached("INSERT INTO response_drafts (report_id, updated_at, body) VALUES (?, ?, ?) "
                                        "ON CONFLICT (report_id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body");
    if (!st) return st.error();
    if (auto s = (*st)->bind(1, detail::idSpan(reportVersionId)).bind(2, d.updatedAtMs).bind(3, *sealed).run(); !s) return s;
    return scrub();
}

Status ResponseService::discardDraft(const RecordId &reportVersionId)
{
    auto del = m_store.database().cached("DELETE FROM response_drafts WHERE report_id = ?");
    if (!del) return del.error();
    if (auto s = (*del)->bind(1, detail::idSpan(reportVersionId)).run(); !s) return s;
    return scrub();
}

// secure_delete has zeroed the replaced or deleted draft in its page, but the write-ahead log still holds the page as
// it was: a checkpoint copies the current pages into the database file and truncates the log. Best effort while another
// connection (the sync worker) reads past the busy timeout: the log is then reused from its start by the next writes.
// A checkpoint under way on another thread or connection is waited for (Database::checkpoint), not taken for done.
Status ResponseService::scrub()
{
    auto s = m_store.database().checkpoint(Database::CheckpointMode::Truncate);
    if (!s && s.error().code == errc::store::kBusy) return {}; // best effort, as above: the draft itself is gone
    return s;
}

Result<Document> ResponseService::submit(const RecordId &reportVersionId)
{
    auto text = draft(reportVersionId);
    if (!text) return text.error();
    if (!*text) return makeError(errc::response::kNoDraft, "There is no written response drafted for this report on this device; write one first.");
    if (auto s = detail::validateText(**text, kMaxResponseChars, "response"); !s) return s.error();
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    if (auto s = m_documents.mayWriteDocument(r->parCase.id, DocumentType::TeacherResponse); !s) return s.error();
    auto now = status(reportVersionId);
    if (!now) return now.error();
    if (!now->reportReceipt) return makeError(errc::response::kNoReceipt, now->sentence);
    // By this device's clock the window has closed and the district refuses late responses: refused here, with the
    // sentence. A clock that is clearly wrong decides nothing: the case store's receipt will.
    if (now->estimate && now->estimate->clock == policy::DeviceClock::Plausible && !now->estimate->openByDeviceClock
        && now->late == policy::LateResponses::Refuse)
        return makeError(errc::response::kWindowClosed, "Your response was not submitted: " + now->estimate->sentence + " Your draft is kept on this device.");
    auto written = m_documents.write(r->parCase.id, DocumentType::TeacherResponse, **text, reportVersionId);
    if (!written) return written.error();
    m_listed.erase(r->parCase.id); // the case holds one document more
    // Not in the writing transaction (DocumentStore owns that): a crash here leaves the draft, never loses the response.
    if (auto s = discardDraft(reportVersionId); !s) return s.error();
    return written;
}

Result<ResponseStatus> ResponseService::status(const RecordId &reportVersionId)
{
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    auto policy = policyOfCase(r->parCase);
    if (!policy) return policy.error();
    ResponseStatus out;
    out.reportVersionId = reportVersionId;
    out.caseId = r->parCase.id;
    out.policyId = policy->id;
    out.late = policy->responseWindow.late;
    ReceiptStore receipts(m_store);
    auto reportReceipt = receipts.of(reportVersionId);
    if (!reportReceipt) return reportReceipt.error();
    out.reportReceipt = *reportReceipt;
    auto saved = draft(reportVersionId);
    if (!saved) return saved.error();
    out.draftSaved = saved->has_value();

    // The responses to exactly this version, as DocumentStore::list judges them (written by the case's teacher).
    auto listed = m_listed.find(r->parCase.id);
    if (listed == m_listed.end()) {
        auto documents = m_documents.list(r->parCase.id);
        if (!documents) return documents.error();
        listed = m_listed.emplace(r->parCase.id, std::move(*documents)).first;
    }
    const std::vector<DocumentView> *documents = &listed->second;
    bool awaitingReceipt = false;
    for (const DocumentView &v : *documents) {
        if (!v.readable || !v.document || v.document->type != DocumentType::TeacherResponse || v.document->refersTo != reportVersionId) continue;
        SubmittedResponse s;
        s.document = *v.document;
        auto receipt = receipts.of(v.document->id);
        if (!receipt) return receipt.error();
        s.receipt = *receipt;
        if (s.receipt && out.reportReceipt) {
            auto judged = policy::judgeResponse(*policy, out.reportReceipt->receivedAtMs, s.receipt->receivedAtMs);
            if (!judged) return judged.error();
            s.judgement = std::move(*judged);
            if (!out.judgement) out.judgement = s.judgement;
        }
        awaitingReceipt = awaitingReceipt || !s.receipt;
        out.responses.push_back(std::move(s));
    }
    out.submitted = !out.responses.empty();

    if (!out.reportReceipt) {
        out.code = "response.no_receipt";
        out.sentence = "This report has not reached you through the district's case store yet (no case store receipt for it is held on this "
                       "device), so the window for a written response has not started. You can write a draft now; you can submit it once "
                       "a sync brings the report's receipt.";
        return out;
    }
    auto window = policy::responseWindowFor(*policy, out.reportReceipt->receivedAtMs);
    if (!window) return window.error();
    out.window = std::move(*window);
    auto estimate = policy::estimateOffline(*policy, out.reportReceipt->receivedAtMs, m_store.now(),
                                            awaitingReceipt ? policy::ResponseProgress::AwaitingReceipt : policy::ResponseProgress::NotSubmitted);
    if (!estimate) return estimate.error();
    out.estimate = std::move(*estimate);
    if (out.judgement) {
        out.code = out.judgement->code;
        out.sentence = out.judgement->sentence;
    } else {
        out.code = out.estimate->code;
        out.sentence = out.estimate->sentence;
    }
    return out;
}

} // namespace triad::store
