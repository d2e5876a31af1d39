#include "report_service.h"
#include "error_codes.h"

#include "case_service.h"
#include "form_service.h"
#include "cstp.h"
#include "note_service.h"
#include "evidence_store.h"
#include "sealed_record.h"

#include <QDateTime>

#include <sodium.h>

#include <algorithm>
#include <map>

namespace triad::store {

namespace {

std::span<const std::uint8_t> sp(const RecordId &id) { return {id.bytes.data(), id.bytes.size()}; }

bool blank(const std::string &text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// The versions of one lineage as reports: N, what each supersedes and is superseded by.
ReportHistory historyOf(const std::vector<VersionView> &versions)
{
    ReportHistory h;
    h.lineageId = versions.front().document.lineageId;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        const Document &d = versions[i].document;
        ReportVersion v;
        v.document = d;
        v.acknowledged = versions[i].acknowledged;
        v.number = d.report ? d.report->version : static_cast<std::int64_t>(i + 1);
        if (d.report)
            v.supersedes = d.report->supersedes;
        else if (!d.parents.empty())
            v.supersedes = d.parents.front();
        h.versions.push_back(std::move(v));
    }
    for (ReportVersion &v : h.versions) {
        for (const ReportVersion &later : h.versions)
            if (std::find(later.document.parents.begin(), later.document.parents.end(), v.document.id) != later.document.parents.end()) {
                v.supersededBy = later.document.id;
                v.supersededByNumber = later.number;
                break;
            }
        v.current = !v.supersededBy;
    }
    h.forked = std::count_if(h.versions.begin(), h.versions.end(), [](const ReportVersion &v) { return v.current; }) > 1;
    return h;
}

const ReportVersion *currentOf(const ReportHistory &h)
{
    for (auto it = h.versions.rbegin(); it != h.versions.rend(); ++it)
        if (it->current) return &*it;
    return nullptr;
}

} // namespace

// Everything the composer reads about the case, in one place: the case (its standards of focus), its observations,
// its notes with their amendments, and the evidence attached to them.
Result<ComposeInput> ReportService::evidenceOf(const RecordId &caseId)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    NoteService noteService(m_store);
    auto observations = noteService.observations(caseId);
    if (!observations) return observations.error();
    auto notes = noteService.notes(caseId);
    if (!notes) return notes.error();
    EvidenceStore evidence(m_store);
    std::map<RecordId, std::vector<ReportEvidenceRef>> evidenceOfNote;
    for (const Observation &o : *observations) {
        auto attached = evidence.forObservation(o.id);
        if (!attached) return attached.error();
        for (const Evidence &e : *attached) evidenceOfNote[e.noteId].push_back(ReportEvidenceRef{e.id, evidenceKindKey(e.kind)});
    }
    ComposeInput in;
    // The standards of focus in force: a signed Standards of Focus form, else the case's (FormService).
    auto focus = FormService(m_store).standardsOfFocus(caseId);
    if (!focus) return focus.error();
    in.standardsOfFocus = *focus;
    in.observations = std::move(*observations);
    for (NoteWithHistory &n : *notes) {
        std::vector<ReportEvidenceRef> refs = evidenceOfNote[n.note.id];
        in.notes.push_back(ComposerNote{std::move(n.note), std::move(n.amendments), std::move(refs)});
    }
    in.titleOf = [](const std::string &standard) { return policy::builtinCatalogue().standardLabel(std::stoi(standard)); };
    return in;
}

Result<std::optional<ReportContent>> ReportService::newestIssued(const RecordId &caseId)
{
    auto all = reports(caseId);
    if (!all) return all.error();
    std::optional<ReportContent> newest;
    for (const ReportHistory &h : *all)
        for (const ReportVersion &v : h.versions)
            if (v.document.report && (!newest || v.document.report->toMs > newest->toMs)) newest = v.document.report;
    return newest;
}

Result<ComposeOutcome> ReportService::compose(const RecordId &caseId, std::optional<ReportPeriod> period, std::optional<RecordId> revises)
{
    if (auto s = m_documents.mayWriteDocument(caseId, DocumentType::Report); !s) return s.error();
    std::optional<ReportContent> revised;
    if (revises) {
        auto h = report(*revises);
        if (!h) return h.error();
        if (h->versions.front().document.caseId != caseId) return makeError(errc::report::kOtherCase, "That report belongs to another case.");
        revises = h->lineageId;
        if (const ReportVersion *now = currentOf(*h)) revised = now->document.report;
    }
    auto in = evidenceOf(caseId);
    if (!in) return in.error();
    if (!period) {
        if (revised) {
            period = ReportPeriod{revised->fromMs, revised->toMs};
        } else {
            auto newest = newestIssued(caseId);
            if (!newest) return newest.error();
            auto c = CaseService(m_store).parCase(caseId);
            if (!c) return c.error();
            const std::int64_t from = *newest ? (*newest)->toMs : QDateTime(c->startDate, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
            period = ReportPeriod{from, std::max(from, m_store.now() + 1)}; // to now, inclusive of this moment
        }
    }
    if (period->toMs <= period->fromMs) return makeError(errc::report::kBadPeriod, "The report's period must end after it starts.");
    in->fromMs = period->fromMs;
    in->toMs = period->toMs;
    ComposedReport composed = composeReport(*in);

    ComposeOutcome out;
    auto previous = draft(caseId);
    if (!previous) return previous.error();
    if (*previous) out.narrativesWithoutSection = carryNarratives(composed.content, (*previous)->content);
    if (revised) carryNarratives(composed.content, *revised); // the version being revised fills what is still empty
    out.draft = ReportDraft{caseId, revises, std::move(composed.content), m_store.now()};
    out.notesInPeriod = composed.notesInPeriod;
    out.untaggedNotes = composed.untaggedNotes;
    if (auto s = saveDraft(out.draft); !s) return s.error();
    return out;
}

Result<std::optional<ReportDraft>> ReportService::draft(const RecordId &caseId)
{
    auto st = m_store.database().cached("SELECT body FROM report_drafts WHERE case_id = ?");
    if (!st) return st.error();
    (*st)->bind(1, sp(caseId));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<ReportDraft>{};
    const std::vector<std::uint8_t> body = (*st)->columnBlob(0);
    (*st)->reset();
    auto payload = m_store.openRecord(body, caseId, RecordType::ReportDraft);
    if (!payload) return payload.error();
    auto d = decodeReportDraft(*payload);
    wipeBytes(*payload);
    if (!d) return d.error();
    if (d->caseId != caseId) return makeError(errc::payload::kMalformed, "The saved report draft belongs to another case.");
    return std::optional<ReportDraft>(std::move(*d));
}

Status ReportService::saveDraft(ReportDraft d)
{
    if (auto s = m_documents.mayWriteDocument(d.caseId, DocumentType::Report); !s) return s.error();
    if (auto s = checkReport(d.content); !s) return makeError(errc::report::kInvalid, "The draft was not saved. " + s.error().message);
    d.updatedAtMs = m_store.now();
    return sealDraft(d);
}

// Sealed to the owner alone, like a note draft, in report_drafts (never a record, never in the outbox).
Status ReportService::sealDraft(const ReportDraft &d)
{
    QByteArray payload = encodePayload(d);
    crypto::SealRequest req;
    req.type = static_cast<std::uint16_t>(RecordType::ReportDraft);
    req.id = d.caseId; // one draft per case
    req.createdAtMs = d.updatedAtMs;
    req.plaintext = {reinterpret_cast<const std::uint8_t *>(payload.constData()), static_cast<std::size_t>(payload.size())};
    req.readers = {m_store.ownerKeys()};
    auto sealed = crypto::seal(m_store.identity(), req);
    wipeBytes(payload);
    if (!sealed) return sealed.error();
    auto st = m_store.database().cached("INSERT INTO report_drafts (case_id, updated_at, body) VALUES (?, ?, ?) "
                                        "ON CONFLICT (case_id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body");
    if (!st) return st.error();
    return (*st)->bind(1, sp(d.caseId)).bind(2, d.updatedAtMs).bind(3, *sealed).run();
}

Status ReportService::setNarrative(const RecordId &caseId, const std::optional<std::string> &standard, const std::string &text)
{
    auto d = draft(caseId);
    if (!d) return d.error();
    if (!*d) return makeError(errc::report::kNoDraft, "There is no report draft for this case on this device; compose one first.");
    ReportDraft changed = std::move(**d);
    if (!standard) {
        changed.content.narrative = text;
    } else {
        auto it = std::find_if(changed.content.sections.begin(), changed.content.sections.end(),
                               [&](const ReportSection &s) { return s.standard == *standard; });
        if (it == changed.content.sections.end())
            return makeError(errc::report::kNoSection, "The draft has no section for standard " + *standard
                                                      + ": it is neither a standard of focus nor named by a note of the period.");
        it->narrative = text;
    }
    return saveDraft(std::move(changed));
}

Status ReportService::discardDraft(const RecordId &caseId)
{
    auto del = m_store.database().cached("DELETE FROM report_drafts WHERE case_id = ?");
    if (!del) return del.error();
    return (*del)->bind(1, sp(caseId)).run();
}

Result<ReportVersion> ReportService::issue(const RecordId &caseId, ReportContent content, std::optional<RecordId> revises)
{
    if (blank(content.narrative)) return makeError(errc::report::kNoNarrative, "The report has no overall narrative; write one before issuing it.");
    Result<Document> written = makeError(errc::report::kInvalid, "The report was not issued.");
    if (revises) {
        auto h = report(*revises);
        if (!h) return h.error();
        if (h->versions.front().document.caseId != caseId) return makeError(errc::report::kOtherCase, "That report belongs to another case.");
        const ReportVersion *now = currentOf(*h);
        if (h->forked || !now)
            return makeError(errc::document::kForked, "This report was revised in two places at once and has more than one current version; bring them "
                                                "together (triadctl document resolve --document "
                                                    + h->lineageId.toString() + ") before issuing another version.");
        std::int64_t highest = 0;
        for (const ReportVersion &v : h->versions) highest = std::max(highest, v.number);
        content.version = highest + 1;
        content.supersedes = now->document.id;
        written = m_documents.edit(h->lineageId, now->document.id, renderReportText(content), content);
    } else {
        content.version = 1;
        content.supersedes.reset();
        written = m_documents.write(caseId, DocumentType::Report, renderReportText(content), std::nullopt, content);
    }
    if (!written) return written.error();
    ReportVersion v;
    v.number = content.version;
    v.supersedes = content.supersedes;
    v.current = true;
    v.document = std::move(*written);
    return v;
}

Result<ReportVersion> ReportService::issueDraft(const RecordId &caseId)
{
    auto d = draft(caseId);
    if (!d) return d.error();
    if (!*d) return makeError(errc::report::kNoDraft, "There is no report draft for this case on this device; compose one first.");
    auto issued = issue(caseId, (*d)->content, (*d)->revises);
    if (!issued) return issued.error();
    // Not in the issuing transaction (DocumentStore owns that): a crash here leaves the draft, and issuing it again
    // would make one more version, never change the one issued.
    if (auto s = discardDraft(caseId); !s) return s.error();
    // The evidence the report cites goes to the teacher with it. Issued is issued: were this to fail, the report stands
    // and its excerpts still read; the photos reach the teacher with the next share (after the signature).
    if (auto shared = m_documents.shareCitedEvidence(issued->document.id); !shared)
        qWarning("triad: the evidence of report %s was not shared: %s", issued->document.id.toString().c_str(), shared.error().code.c_str());
    return issued;
}

Result<std::vector<ReportHistory>> ReportService::reports(const RecordId &caseId)
{
    // One pass over the case's documents (not one per report).
    auto lineages = m_documents.lineagesWithVersions(caseId);
    if (!lineages) return lineages.error();
    std::vector<ReportHistory> out;
    for (const DocumentStore::CaseLineage &l : *lineages) {
        if (!l.view.readable || l.versions.empty()) continue;
        if (l.versions.front().document.type != DocumentType::Report) continue;
        out.push_back(historyOf(l.versions));
    }
    return out;
}

Result<ReportHistory> ReportService::report(const RecordId &reportId)
{
    auto versions = m_documents.history(reportId);
    if (!versions) return versions.error();
    if (versions->empty() || versions->front().document.type != DocumentType::Report)
        return makeError(errc::report::kNotAReport, reportId.toString() + " is not a report.");
    return historyOf(*versions);
}

} // namespace triad::store
