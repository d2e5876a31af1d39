#include "audit_service.h"

#include "case_service.h"
#include "receipt_store.h"
#include "sealed_record.h"
#include "signature_service.h"
#include "store_internal.h"
#include "error_codes.h"

#include <QDateTime>

#include <algorithm>
#include <limits>
#include <tuple>

namespace triad::store {

namespace {

std::string keyHex(const crypto::KeyId &k)
{
    return QByteArray(reinterpret_cast<const char *>(k.data()), static_cast<qsizetype>(k.size())).toHex().toStdString();
}

// The signing key of a record, as the printout names a device: "signing key <first 16 hex digits>".
std::string signingKeyOf(std::span<const std::uint8_t> body)
{
    const auto h = crypto::parseHeader(body);
    return h ? "signing key " + keyHex(h->authorKeyId).substr(0, 16) : std::string();
}

std::optional<std::int64_t> receivedAt(LocalStore &store, const RecordId &id)
{
    auto r = ReceiptStore(store).of(id);
    if (!r || !*r) return std::nullopt;
    return (*r)->receivedAtMs;
}

std::vector<std::uint8_t> bodyOf(LocalStore &store, const RecordId &id)
{
    auto held = store.heldRecord(id);
    return held && *held ? (*held)->body : std::vector<std::uint8_t>{};
}

// The case a record is filed under in this store's index (nullopt: not held).
Result<std::optional<RecordId>> filedCase(LocalStore &store, const RecordId &id)
{
    auto st = store.database().cached("SELECT case_id FROM records WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, detail::idSpan(id));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row || (*st)->columnIsNull(0)) {
        (*st)->reset();
        return std::optional<RecordId>{};
    }
    const RecordId caseId = detail::idFromBlob((*st)->columnBlob(0));
    (*st)->reset();
    return std::optional<RecordId>(caseId);
}

std::string utcDay(QDate d) { return d.toString(Qt::ISODate).toStdString(); }

} // namespace

// --- the site administrator's additional evidence ---------------------------------------------------------------------

Result<Document> AuditService::addEvidence(const RecordId &reportVersionId, const std::string &text)
{
    auto held = m_store.heldRecord(reportVersionId);
    if (!held) return held.error();
    if (!*held) return makeError(errc::document::kUnknown, "There is no report " + reportVersionId.toString() + " here.");
    if ((*held)->type != RecordType::Document) return makeError(errc::report::kNotAReport, reportVersionId.toString() + " is not a report.");
    auto opened = m_store.openRecord((*held)->body, reportVersionId, RecordType::Document);
    if (!opened)
        return makeError(errc::document::kNotReadable, opened.error().code == errc::record::kNotAReader
                                                      ? "This report was not shared with you, so you cannot attach evidence to it."
                                                      : opened.error().message);
    auto d = decodeDocument(*opened);
    if (!d) return d.error();
    if (d->type != DocumentType::Report) return makeError(errc::report::kNotAReport, reportVersionId.toString() + " is not a report.");
    auto c = CaseService(m_store).parCase(d->caseId);
    if (!c)
        return makeError(errc::evidence::kNotEntitled, "Only the site administrator of a referred case adds evidence to its reports; this report's "
                                                  "case record is not shared with you, so it is not a referred case of yours.");
    if (c->kind != CaseKind::Referred)
        return makeError(errc::evidence::kVolunteer, std::string("Additional evidence from a site administrator is kept for referred participation only; "
                                                           "this case is ")
                                                   + caseKindName(c->kind)
                                                   + " participation, whose reports stay between the teacher and the PAR mentor.");
    const rules::Signer me = m_store.signerOf(m_store.ownerKeys().signKeyId(), &*c, m_store.now());
    if (auto verdict = rules::judgeWrite(rules::RecordKind::AdministratorEvidence, c->kind, me, rules::Claims::authoredBy(m_store.owner().id));
        !verdict)
        return makeError(errc::evidence::kNotEntitled, "Only the case's site administrator, certified as one by the district, adds evidence to its "
                                                  "reports. " + verdict.reason);
    if (auto s = detail::validateText(text, kMaxAdministratorEvidenceChars, "additional evidence"); !s) return s.error();
    // The report must be one the rules accept (written by the case's mentor), as every reader will judge it.
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    return m_documents.write(c->id, DocumentType::AdministratorEvidence, detail::trimmed(text), reportVersionId);
}

Result<std::vector<Document>> AuditService::evidenceOf(const RecordId &reportVersionId)
{
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    auto all = m_documents.list(r->parCase.id);
    if (!all) return all.error();
    std::vector<Document> out;
    for (const DocumentView &v : *all)
        if (v.readable && v.document && v.document->type == DocumentType::AdministratorEvidence && v.document->refersTo == reportVersionId)
            out.push_back(*v.document);
    std::stable_sort(out.begin(), out.end(),
                     [](const Document &a, const Document &b) { return std::tie(a.createdAtMs, a.id) < std::tie(b.createdAtMs, b.id); });
    return out;
}

// --- report events ------------------------------------------------------------------------------------------------

Result<RecordId> AuditService::markDelivered(const RecordId &reportVersionId) { return mark(reportVersionId, ReportEventKind::Delivered); }

Result<RecordId> AuditService::markViewed(const RecordId &reportVersionId) { return mark(reportVersionId, ReportEventKind::Viewed); }

Result<int> AuditService::markDeliveredAll()
{
    if (!m_store.enrolled()) return 0;
    auto cases = CaseService(m_store).cases();
    if (!cases) return cases.error();
    int written = 0;
    for (const ParCase &c : *cases) {
        if (c.teacherId != m_store.owner().id) continue;
        auto rows = detail::rowsFiledUnder(m_store.database(), static_cast<std::uint16_t>(RecordType::Document), c.id, false);
        if (!rows) return rows.error();
        for (const detail::HeldRow &row : *rows) {
            auto payload = m_store.openRecord(row.body, row.id, RecordType::Document);
            if (!payload) continue;
            auto d = decodeDocument(*payload);
            if (!d || d->type != DocumentType::Report) continue;
            auto held = eventOf(row.id, ReportEventKind::Delivered);
            if (!held || *held) continue;
            if (mark(row.id, ReportEventKind::Delivered)) ++written;
        }
    }
    return written;
}

Result<RecordId> AuditService::mark(const RecordId &reportVersionId, ReportEventKind kind)
{
    if (!m_store.enrolled()) return makeError(errc::enrollment::kNone, "Enroll this device in the district first.");
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    const ParCase &c = r->parCase;
    const std::int64_t now = m_store.now();
    const rules::Signer me = m_store.signerOf(m_store.ownerKeys().signKeyId(), &c, now);
    if (auto verdict = rules::judgeWrite(rules::RecordKind::ReportEvent, c.kind, me, rules::Claims::authoredBy(m_store.owner().id)); !verdict)
        return makeError(errc::event::kNotEntitled,
                         "Only the case's participating teacher's devices record that a report was delivered or first viewed.");
    auto existing = eventOf(reportVersionId, kind);
    if (!existing) return existing.error();
    if (*existing) return (*existing)->id; // once per version and kind, from whichever of the teacher's devices was first
    ReportEvent e;
    e.id = RecordId::generateTimeOrdered(now);
    e.caseId = c.id;
    e.documentId = reportVersionId;
    e.sealedHash = r->sealedHash;
    e.plaintextHash = r->plaintextHash;
    e.kind = kind;
    e.teacherId = m_store.owner().id;
    e.device = m_store.deviceId();
    while (codePoints(e.device) > kMaxDeviceChars) e.device.pop_back();
    e.atMs = now;
    auto ctx = m_documents.contextFor(c, DocumentType::Report);
    if (!ctx) return ctx.error();
    auto keys = m_documents.keysFor(c, rules::readersOf(rules::RecordKind::ReportEvent, *ctx));
    if (!keys) return keys.error();
    if (auto s = m_store.writeRecordFor(*keys, RecordType::ReportEvent, e.id, c.id, reportVersionId, now, encodePayload(e)); !s) return s.error();
    return e.id;
}

Result<std::vector<std::pair<ReportEvent, SignatureCheck>>> AuditService::eventsOf(const RecordId &reportVersionId)
{
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    auto rows = detail::rowsFiledUnder(m_store.database(), static_cast<std::uint16_t>(RecordType::ReportEvent), reportVersionId, true);
    if (!rows) return rows.error();
    std::vector<std::pair<ReportEvent, SignatureCheck>> out;
    for (const detail::HeldRow &row : *rows) {
        ReportEvent e;
        rules::Decision verdict;
        auto payload = m_store.openRecord(row.body, row.id, RecordType::ReportEvent);
        auto decoded = payload ? decodeReportEvent(*payload) : Result<ReportEvent>(payload.error());
        if (!decoded) {
            verdict = {false, decoded.error().code, decoded.error().message};
        } else {
            e = std::move(*decoded);
            // Signed by the case's teacher, naming them; about exactly this version, in its case.
            verdict = m_store.judgeRecord(rules::RecordKind::ReportEvent, row.body, &r->parCase, rules::Claims::authoredBy(e.teacherId));
            if (verdict) verdict = rules::judgeReportEvent(e, reportVersionId, r->parCase.id, r->sealedHash, r->plaintextHash);
            if (verdict && e.id != row.id) verdict = {false, "event.other_record", "Refused: its content names another record id."};
        }
        out.emplace_back(std::move(e), SignatureCheck{row.id, std::move(verdict)});
    }
    return out;
}

Result<std::optional<ReportEvent>> AuditService::eventOf(const RecordId &reportVersionId, ReportEventKind kind)
{
    auto all = eventsOf(reportVersionId);
    if (!all) return all.error();
    std::optional<ReportEvent> first;
    for (auto &[e, check] : *all)
        if (check.verdict && e.kind == kind && (!first || std::tie(e.atMs, e.id) < std::tie(first->atMs, first->id))) first = e;
    return first;
}

Result<std::vector<SignatureCheck>> AuditService::checkEvents(const RecordId &reportVersionId)
{
    auto all = eventsOf(reportVersionId);
    if (!all) return all.error();
    std::vector<SignatureCheck> out;
    for (auto &[e, check] : *all) out.push_back(std::move(check));
    return out;
}

// --- the trail ------------------------------------------------------------------------------------------------------

Result<std::vector<TrailEvent>> AuditService::trail(const RecordId &reportVersionId)
{
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    const Document &doc = r->document;
    std::vector<TrailEvent> out;
    auto event = [&](TrailEvent::Kind kind, std::string what, const RecordId &id, const char *recordKind, std::int64_t at, std::string device) {
        TrailEvent e;
        e.kind = kind;
        e.what = std::move(what);
        e.recordId = id;
        e.recordKind = recordKind;
        e.deviceTimeMs = at;
        e.caseStoreTimeMs = receivedAt(m_store, id);
        e.device = device.empty() ? signingKeyOf(bodyOf(m_store, id)) : std::move(device);
        out.push_back(std::move(e));
    };
    event(TrailEvent::Kind::Issued, "Issued by the PAR mentor", doc.id, "report", doc.createdAtMs, {});

    for (ReportEventKind kind : {ReportEventKind::Delivered, ReportEventKind::Viewed}) {
        auto e = eventOf(reportVersionId, kind);
        if (!e) return e.error();
        if (!*e) continue;
        const bool delivered = kind == ReportEventKind::Delivered;
        event(delivered ? TrailEvent::Kind::Delivered : TrailEvent::Kind::Viewed,
              delivered ? "Delivered to the teacher's device" : "First viewed by the teacher", (*e)->id, "report_event", (*e)->atMs,
              "device " + (*e)->device + ", " + signingKeyOf(bodyOf(m_store, (*e)->id)));
    }

    auto ackId = m_documents.acknowledgementOf(reportVersionId, r->parCase);
    if (!ackId) return ackId.error();
    if (*ackId) {
        auto held = m_store.heldRecord(**ackId);
        if (!held) return held.error();
        if (*held)
            if (auto payload = m_store.openRecord((*held)->body, **ackId, RecordType::Acknowledgement))
                if (auto ack = decodeAcknowledgement(*payload))
                    event(TrailEvent::Kind::Signed, "Acknowledged by the teacher", **ackId, "acknowledgement", ack->signedAtMs, {});
    }
    auto decline = SignatureService(m_store).declineOf(reportVersionId);
    if (!decline) return decline.error();
    if (*decline) {
        event(TrailEvent::Kind::Declined,
              "Declined to sign on " + utcDay((*decline)->declinedOn) + " (recorded by the PAR mentor, witness " + (*decline)->witness + ")",
              (*decline)->id, "declined_signature", (*decline)->recordedAtMs, {});
        out.back().declinedOn = utcDay((*decline)->declinedOn);
        out.back().witness = (*decline)->witness;
    }

    // Responses and evidence in the order they reached the case store, then by when they were written: the order never
    // depends on the order a case store delivered them.
    auto all = m_documents.list(r->parCase.id);
    if (!all) return all.error();
    for (DocumentType type : {DocumentType::TeacherResponse, DocumentType::AdministratorEvidence}) {
        std::vector<std::tuple<std::int64_t, std::int64_t, std::string, const Document *>> attached;
        for (const DocumentView &v : *all)
            if (v.readable && v.document && v.document->type == type && v.document->refersTo == reportVersionId)
                attached.emplace_back(receivedAt(m_store, v.document->id).value_or(std::numeric_limits<std::int64_t>::max()),
                                      v.document->createdAtMs, v.document->id.toString(), &*v.document);
        std::sort(attached.begin(), attached.end());
        for (const auto &a : attached) {
            const Document &d = *std::get<3>(a);
            if (type == DocumentType::TeacherResponse)
                event(TrailEvent::Kind::ResponseSubmitted, "Written response submitted", d.id, "teacher_response", d.createdAtMs, {});
            else
                event(TrailEvent::Kind::EvidenceAdded, "Additional evidence added by the site administrator", d.id, "administrator_evidence",
                      d.createdAtMs, {});
        }
    }
    return out;
}

// --- the chain ------------------------------------------------------------------------------------------------------

Result<std::vector<ChainLink>> AuditService::verifyChain(const RecordId &reportVersionId)
{
    std::vector<ChainLink> links;
    auto link = [&](std::string what, const RecordId &id, bool ok, std::string finding) {
        links.push_back({std::move(what), id, ok, std::move(finding)});
    };
    // The case store's receipt of a record held here, against the pinned receipt keys and the record's exact bytes.
    auto receiptLink = [&](const std::string &of, const RecordId &id) {
        auto receipt = ReceiptStore(m_store).of(id);
        if (!receipt) {
            link("receipt of the " + of, id, false, receipt.error().message);
        } else if (!*receipt) {
            link("receipt of the " + of, id, true, "No case store receipt is held here for it yet (it has not come back through a case store).");
        } else {
            const auto at = QDateTime::fromMSecsSinceEpoch((*receipt)->receivedAtMs, Qt::UTC).toString(Qt::ISODate).toStdString();
            link("receipt of the " + of, id, true,
                 "Signed by a receipt key the district names, for exactly these bytes: the case store received it at " + at + ".");
        }
    };

    // The UETA precondition (Civ. Code 1633.5(b)) of a valid acknowledgement: the teacher's agreement in force when it
    // was signed, by the signed times of the teacher's own records.
    auto agreementLink = [&](const RecordId &ackId) {
        const auto body = bodyOf(m_store, ackId);
        auto payload = m_store.openRecord(body, ackId, RecordType::Acknowledgement);
        auto ack = payload ? decodeAcknowledgement(*payload) : Result<Acknowledgement>(payload.error());
        auto caseOf = filedCase(m_store, ackId);
        if (!ack || !caseOf || !*caseOf) return;
        auto inForce = SignatureService(m_store).agreementInForceAt(**caseOf, ack->signedAtMs);
        if (!inForce)
            link("electronic records agreement", ackId, false, inForce.error().message);
        else if (!*inForce)
            link("electronic records agreement", ackId, false,
                 "No agreement to receive and sign PAR records electronically was in force when this acknowledgement was signed: "
                 "it proves receipt, not the consent to sign electronically that California's UETA requires (Civ. Code 1633.5(b)).");
        else
            link("electronic records agreement", (*inForce)->id, true,
                 "The teacher's signed agreement to sign electronically was in force when the acknowledgement was signed.");
    };

    // 1. The report record itself.
    auto held = m_store.heldRecord(reportVersionId);
    if (!held) return held.error();
    if (!*held) {
        link("report record", reportVersionId, false, "Report version " + reportVersionId.toString() + " is not held on this device.");
        return links;
    }
    auto caseId = filedCase(m_store, reportVersionId);
    if (!caseId) return caseId.error();
    std::optional<ParCase> parCase;
    if (*caseId)
        if (auto c = CaseService(m_store).parCase(**caseId)) parCase = std::move(*c);
    if (auto verified = crypto::verifyAuthor((*held)->body, m_store.authorLookup()); !verified) {
        link("report record", reportVersionId, false, "Its signature or sealed bytes fail the check: " + verified.error().message);
    } else if (auto r = m_documents.reportVersion(reportVersionId); !r) {
        link("report record", reportVersionId, false, r.error().message);
    } else {
        link("report record", reportVersionId, true,
             "Signed by the case's PAR mentor (" + signingKeyOf((*held)->body) + "); it opens, and the rules accept its signer.");
    }
    receiptLink("report", reportVersionId);
    if (!parCase) {
        link("case record", caseId->value_or(RecordId{}), false,
             "The report's case record is not readable here, so nothing bound to the report can be judged on this device.");
        return links;
    }

    // 2. Acknowledgements: signed by the case's teacher, bound to this version's bytes, content and statement.
    auto acks = m_documents.checkAcknowledgements(reportVersionId, *parCase);
    if (!acks) return acks.error();
    for (const SignatureCheck &check : *acks) {
        link("acknowledgement", check.recordId, check.verdict.allowed,
             check.verdict ? "Signed by the case's teacher for exactly this version, its content and the statement Triad shows."
                           : check.verdict.reason);
        receiptLink("acknowledgement", check.recordId);
        if (check.verdict) agreementLink(check.recordId);
    }

    // 3. Declined signatures and report events: these need the report version to compare against.
    auto rowsOf = [&](RecordType type) { return detail::rowsFiledUnder(m_store.database(), static_cast<std::uint16_t>(type), reportVersionId, true); };
    struct Bound {
        RecordType type;
        const char *what;
        const char *okText;
    };
    for (const Bound &b : {Bound{RecordType::SignatureDecline, "declined signature",
                                 "Recorded by the case's PAR mentor for exactly this version, with a witness."},
                           Bound{RecordType::ReportEvent, "report event", "Signed by the case's teacher's device for exactly this version."}}) {
        auto rows = rowsOf(b.type);
        if (!rows) return rows.error();
        if (rows->empty()) continue;
        auto checks = b.type == RecordType::SignatureDecline ? SignatureService(m_store).checkDeclines(reportVersionId) : checkEvents(reportVersionId);
        if (!checks) {
            for (const detail::HeldRow &row : *rows)
                link(b.what, row.id, false, "It cannot be checked against the report version: " + checks.error().message);
            continue;
        }
        for (const SignatureCheck &check : *checks) {
            link(b.what, check.recordId, check.verdict.allowed, check.verdict ? b.okText : check.verdict.reason);
            receiptLink(b.what, check.recordId);
        }
    }

    // 4. Written responses and additional evidence: documents of the case that refer to this version. A document of the
    // case that fails its signature check might be one of them, so it fails the chain too.
    auto docs = detail::rowsFiledUnder(m_store.database(), static_cast<std::uint16_t>(RecordType::Document), parCase->id, false);
    if (!docs) return docs.error();
    for (const detail::HeldRow &row : *docs) {
        if (row.id == reportVersionId) continue;
        auto payload = m_store.openRecord(row.body, row.id, RecordType::Document);
        if (!payload) {
            if (payload.error().code != errc::record::kNotAReader)
                link("document of the case", row.id, false,
                     "It fails its check, so it may be a response or evidence of this report that was altered: " + payload.error().message);
            continue;
        }
        auto d = decodeDocument(*payload);
        if (!d) {
            link("document of the case", row.id, false, d.error().message);
            continue;
        }
        if (d->refersTo != reportVersionId || (d->type != DocumentType::TeacherResponse && d->type != DocumentType::AdministratorEvidence))
            continue;
        const bool response = d->type == DocumentType::TeacherResponse;
        const char *what = response ? "written response" : "additional evidence";
        rules::Decision verdict = m_store.judgeRecord(rules::kindOfDocument(d->type), row.body, &*parCase, rules::Claims::authoredBy(d->authorPersonId));
        if (verdict && d->caseId != parCase->id) verdict = {false, "document.other_case", "Refused: it belongs to another case."};
        link(what, row.id, verdict.allowed,
             verdict ? std::string(response ? "Signed by the case's teacher" : "Signed by the case's site administrator")
                           + ", attached to exactly this version."
                     : verdict.reason);
        receiptLink(what, row.id);
    }
    return links;
}

} // namespace triad::store
