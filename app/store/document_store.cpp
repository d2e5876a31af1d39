#include "document_store.h"

#include "sealed_record.h"
#include "case_service.h"
#include "store_internal.h"
#include "error_codes.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <algorithm>

namespace triad::store {

namespace {

std::span<const std::uint8_t> sp(const RecordId &id) { return {id.bytes.data(), id.bytes.size()}; }
std::span<const std::uint8_t> bytesOf(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()), static_cast<std::size_t>(b.size())};
}

struct Row {
    RecordId id;
    std::vector<std::uint8_t> body;
    std::optional<RecordId> link; // observation_id column: what a grant or acknowledgement is about
};

Result<std::vector<Row>> rowsOf(Database &db, RecordType type, const RecordId &caseId)
{
    auto st = db.cached("SELECT id, body, observation_id FROM records WHERE type = ? AND case_id = ? ORDER BY seq");
    if (!st) return st.error();
    (*st)->bind(1, static_cast<std::int64_t>(type)).bind(2, sp(caseId));
    std::vector<Row> rows;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        Row r;
        const auto id = (*st)->columnBlob(0);
        std::copy(id.begin(), id.end(), r.id.bytes.begin());
        r.body = (*st)->columnBlob(1);
        if (!(*st)->columnIsNull(2)) {
            RecordId l;
            const auto b = (*st)->columnBlob(2);
            if (b.size() == 16) std::copy(b.begin(), b.end(), l.bytes.begin());
            r.link = l;
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

struct HeldDocument {
    RecordId caseId;
    std::vector<std::uint8_t> body;
    ParCase parCase; // filled by heldDocument()
};

// A document record held here: its case id and sealed bytes.
Result<HeldDocument> heldRecord(LocalStore &store, const RecordId &documentId)
{
    auto st = store.database().cached("SELECT case_id, body FROM records WHERE id = ? AND type = " + sqlType(RecordType::Document));
    if (!st) return st.error();
    (*st)->bind(1, sp(documentId));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return makeError(errc::document::kUnknown, "There is no document " + documentId.toString() + " here.");
    HeldDocument held;
    const auto cid = (*st)->columnBlob(0);
    if (cid.size() == 16) std::copy(cid.begin(), cid.end(), held.caseId.bytes.begin());
    held.body = (*st)->columnBlob(1);
    (*st)->reset();
    return held;
}

// A document held here, with its case (needed by every action on it).
Result<HeldDocument> heldDocument(LocalStore &store, const RecordId &documentId)
{
    auto held = heldRecord(store, documentId);
    if (!held) return held;
    auto c = CaseService(store).parCase(held->caseId);
    if (!c) return c.error();
    held->parCase = std::move(*c);
    return held;
}

// The case where this person may read it. A reader outside the case (an administrator shown a volunteer's report by
// consent) may hold documents without being able to read the case record itself.
Result<std::optional<ParCase>> readableCase(LocalStore &store, const RecordId &caseId)
{
    auto c = CaseService(store).parCase(caseId);
    if (c) return std::optional<ParCase>(std::move(*c));
    if (c.error().code == errc::record::kNotAReader || c.error().code == errc::case_::kUnknown) return std::optional<ParCase>{};
    return c.error();
}

std::string idList(const std::vector<RecordId> &ids)
{
    std::string out;
    for (const RecordId &id : ids) out += (out.empty() ? "" : ", ") + id.toString();
    return out;
}

} // namespace

std::map<RecordId, std::set<RecordId>> versionAncestries(const std::vector<VersionView> &lineage)
{
    std::map<RecordId, const Document *> byId;
    for (const VersionView &v : lineage) byId[v.document.id] = &v.document;
    std::map<RecordId, std::set<RecordId>> out;
    for (const VersionView &v : lineage) {
        std::set<RecordId> &seen = out[v.document.id];
        std::vector<RecordId> toVisit{v.document.id};
        while (!toVisit.empty()) {
            const RecordId id = toVisit.back();
            toVisit.pop_back();
            const auto it = byId.find(id);
            if (it == byId.end() || !seen.insert(id).second) continue;
            toVisit.insert(toVisit.end(), it->second->parents.begin(), it->second->parents.end());
        }
    }
    return out;
}

namespace {

// The newest versions every head was edited from: the common ancestors that are no other common ancestor's ancestor.
// `versions` is the lineage, parents before children.
std::vector<RecordId> commonParentsOf(const std::vector<VersionView> &versions, const std::vector<RecordId> &heads)
{
    std::map<RecordId, std::set<RecordId>> ancestorsOf = versionAncestries(versions);
    std::vector<RecordId> out;
    for (const VersionView &v : versions) {
        const RecordId &x = v.document.id;
        auto common = [&](const RecordId &y) {
            return std::all_of(heads.begin(), heads.end(), [&](const RecordId &h) { return ancestorsOf[h].count(y) > 0; });
        };
        if (!common(x)) continue;
        const bool newest = std::none_of(versions.begin(), versions.end(), [&](const VersionView &other) {
            return other.document.id != x && common(other.document.id) && ancestorsOf[other.document.id].count(x) > 0;
        });
        if (newest) out.push_back(x);
    }
    return out;
}

} // namespace

// One lineage of the case as this person sees it; an unreadable or refused record is a "lineage" with no versions.
struct DocumentStore::Lineage {
    DocumentView view;                 // what list() shows
    std::vector<VersionView> versions; // valid versions readable here, parents before children
    RecordId caseId;
    std::size_t position = 0; // where its first record stands in the case (list order)
};

std::set<CaseRole> DocumentStore::rolesIn(const ParCase &c) const
{
    std::set<CaseRole> roles;
    const RecordId me = m_store.owner().id;
    if (me == c.teacherId) roles.insert(CaseRole::Teacher);
    if (me == c.mentorId) roles.insert(CaseRole::Mentor);
    if (me == c.administratorId) roles.insert(CaseRole::SiteAdministrator);
    if (const auto *dir = m_store.keyDirectory())
        if (auto cert = dir->certificateForSigner(m_store.ownerKeys().signKeyId(), m_store.now()))
            for (CaseRole r : programRolesOf(cert->roles)) roles.insert(r);
    return roles;
}

Result<std::vector<crypto::PublicIdentity>> DocumentStore::keysFor(const ParCase &c, const std::set<CaseRole> &roles) const
{
    const auto *dir = m_store.keyDirectory();
    std::vector<crypto::PublicIdentity> keys;
    auto person = [&](const RecordId &id) {
        if (id == m_store.owner().id) {
            keys.push_back(m_store.ownerKeys());
            return;
        }
        if (dir)
            if (auto cert = dir->certificateForPerson(id, m_store.now())) keys.push_back(cert->keys);
    };
    for (CaseRole r : roles) {
        switch (r) {
        case CaseRole::Teacher: person(c.teacherId); break;
        case CaseRole::Mentor: person(c.mentorId); break;
        case CaseRole::SiteAdministrator: person(c.administratorId); break;
        case CaseRole::DirectorOfInduction:
        case CaseRole::Panel:
            if (dir)
                for (const auto &cert :
                     dir->certificatesWithRole(r == CaseRole::Panel ? Role::PanelMember : Role::DirectorOfInduction, m_store.now()))
                    keys.push_back(cert.keys);
            break;
        case CaseRole::DistrictRecords:
            if (dir) keys.push_back(dir->district().recordsReader());
            break;
        }
    }
    return keys;
}

Result<std::optional<Consent>> DocumentStore::consentInForce(const ParCase &c)
{
    // The consent forms the case's teacher signed (the rules judge the signer, not the payload's author field), in
    // the order of their signed sequence: the highest is in force, so an older form that syncs late never overrides a
    // newer one. Two forms with one sequence (written on two devices while apart): a revocation wins, then the id.
    auto rows = rowsOf(m_store.database(), RecordType::Document, c.id);
    if (!rows) return rows.error();
    std::optional<std::pair<Document, const Row *>> best;
    for (const Row &row : *rows) {
        auto payload = m_store.openRecord(row.body, row.id, RecordType::Document);
        if (!payload) continue;
        auto d = decodeDocument(*payload);
        if (!d || d->type != DocumentType::ConsentForm || !d->consent || d->caseId != c.id) continue;
        if (!m_store.judgeRecord(rules::RecordKind::ConsentForm, row.body, &c, rules::Claims::authoredBy(d->authorPersonId))) continue;
        auto rank = [](const Document &x) { return std::make_tuple(x.consent->sequence, x.consent->revoked, x.createdAtMs, x.id); };
        if (!best || rank(*d) > rank(best->first)) best.emplace(std::move(*d), &row);
    }
    if (!best) return std::optional<Consent>{};
    return std::optional<Consent>(best->first.consent);
}

Result<AudienceContext> DocumentStore::contextFor(const ParCase &c, DocumentType type, bool teacherSigned)
{
    (void)type;
    AudienceContext ctx;
    ctx.kind = c.kind;
    ctx.teacherSigned = teacherSigned;
    ctx.participationEnded = c.status == CaseStatus::Withdrawn;
    ctx.nowMs = m_store.now();
    auto consent = consentInForce(c);
    if (!consent) return consent.error();
    ctx.consent = std::move(*consent);
    return ctx;
}

Status DocumentStore::mayWriteType(const ParCase &c, DocumentType type) const
{
    const rules::Signer me = m_store.signerOf(m_store.ownerKeys().signKeyId(), &c, m_store.now());
    if (auto verdict = rules::judgeWrite(rules::kindOfDocument(type), c.kind, me, rules::Claims::authoredBy(m_store.owner().id)); !verdict) {
        const auto mine = rolesIn(c);
        return makeError(errc::document::kNotEntitled,
                         mine.empty() ? std::string("You have no part in this case.") : mayWrite(*mine.begin(), type, c.kind).reason);
    }
    return {};
}

Status DocumentStore::mayWriteDocument(const RecordId &caseId, DocumentType type)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    return mayWriteType(*c, type);
}

// Seals a new document (or version) to the readers the audience rules give it now.
Result<Document> DocumentStore::sealDocument(const ParCase &c, Document d)
{
    // Structured content must read back as written (caps, version number against the parents): a record every
    // reader would refuse is never written.
    if (d.report)
        if (auto back = decodeDocument(encodePayload(d)); !back)
            return makeError(errc::report::kInvalid, "The report was not issued. " + back.error().message);
    auto ctx = contextFor(c, d.type);
    if (!ctx) return ctx.error();
    auto keys = keysFor(c, readersOf(d.type, *ctx));
    if (!keys) return keys.error();
    if (keys->empty()) return makeError(errc::document::kNoReaders, "Nobody certified can read this document yet.");
    if (auto s = m_store.writeRecordFor(*keys, RecordType::Document, d.id, d.caseId, std::nullopt, d.createdAtMs, encodePayload(d)); !s)
        return s.error();
    return d;
}

namespace {
bool blank(const std::string &text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// A new document by `author`, now: the first version of its own lineage.
Document newDocument(const RecordId &caseId, DocumentType type, std::string text, const RecordId &author, std::int64_t now)
{
    Document d;
    d.id = RecordId::generate();
    d.lineageId = d.id;
    d.caseId = caseId;
    d.type = type;
    d.text = std::move(text);
    d.authorPersonId = author;
    d.createdAtMs = now;
    return d;
}
} // namespace

Result<Document> DocumentStore::write(const RecordId &caseId, DocumentType type, const std::string &text, std::optional<RecordId> refersTo,
                                      std::optional<ReportContent> report, std::optional<FormContent> form)
{
    if (blank(text)) return makeError(errc::input::kEmpty, "The document is empty.");
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    if (auto s = mayWriteType(*c, type); !s) return s.error();
    Document d = newDocument(caseId, type, text, m_store.owner().id, m_store.now());
    d.refersTo = refersTo;
    d.report = std::move(report);
    d.form = std::move(form);
    return sealDocument(*c, std::move(d));
}

Result<Document> DocumentStore::grantConsent(const RecordId &caseId, const std::set<CaseRole> &readers, const std::set<DocumentType> &documents,
                                             std::optional<std::int64_t> untilMs)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    if (c->kind == CaseKind::Referred)
        return makeError(errc::consent::kNotApplicable,
                         "Consent applies to volunteer, beginning and intern participation; referred records follow the contract.");
    if (readers.empty() || documents.empty()) return makeError(errc::input::kEmpty, "A consent names at least one reader and one kind of document.");
    return writeConsent(*c, Consent{readers, documents, untilMs, false, 0}, "Consent to share");
}

Result<Document> DocumentStore::revokeConsent(const RecordId &caseId)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto inForce = consentInForce(*c);
    if (!inForce) return inForce.error();
    if (!*inForce || (*inForce)->revoked) return makeError(errc::consent::kNone, "There is no consent in force to revoke.");
    Consent revoked = **inForce;
    revoked.revoked = true;
    return writeConsent(*c, revoked, "Consent revoked");
}

Result<Document> DocumentStore::writeConsent(const ParCase &c, Consent consent, const char *text)
{
    const rules::Signer me = m_store.signerOf(m_store.ownerKeys().signKeyId(), &c, m_store.now());
    if (auto verdict = rules::judgeWrite(rules::RecordKind::ConsentForm, c.kind, me, rules::Claims::authoredBy(m_store.owner().id)); !verdict)
        return makeError(errc::document::kNotEntitled, "Only the participating teacher can sign or revoke a consent.");
    // The next sequence after every consent form of this case held here, so this one is in force everywhere.
    auto rows = rowsOf(m_store.database(), RecordType::Document, c.id);
    if (!rows) return rows.error();
    std::uint64_t sequence = 0;
    for (const Row &row : *rows)
        if (auto payload = m_store.openRecord(row.body, row.id, RecordType::Document))
            if (auto d = decodeDocument(*payload); d && d->consent) sequence = std::max(sequence, d->consent->sequence);
    consent.sequence = sequence + 1;
    Document d = newDocument(c.id, DocumentType::ConsentForm, text, m_store.owner().id, m_store.now());
    d.consent = consent;
    auto keys =
        keysFor(c, rules::readersOf(rules::RecordKind::ConsentForm, AudienceContext{c.kind, false, false, false, std::nullopt, m_store.now()}));
    if (!keys) return keys.error();
    if (auto s = m_store.writeRecordFor(*keys, RecordType::Document, d.id, c.id, std::nullopt, d.createdAtMs, encodePayload(d)); !s) return s.error();
    return d;
}

Result<RecordId> DocumentStore::acknowledge(const RecordId &documentId)
{
    auto held = heldDocument(m_store, documentId);
    if (!held) return held.error();
    const RecordId caseId = held->caseId;
    const std::vector<std::uint8_t> &body = held->body;
    const ParCase *c = &held->parCase;
    if (m_store.owner().id != c->teacherId) return makeError(errc::document::kNotEntitled, "Only the participating teacher acknowledges receipt.");
    auto opened = m_store.openRecord(body, documentId, RecordType::Document); // the teacher must have received it
    if (!opened) return opened.error();
    // What the teacher cannot read is not received: a document refused on reading (malformed, a report over the caps)
    // is not signed for. The teacher signs the current version: a superseded one, or one side of a fork, is not what
    // is being handed over.
    auto d = decodeDocument(*opened);
    if (!d) return d.error();
    if (hasVersions(d->type)) {
        auto lineage = lineageOf(documentId);
        if (!lineage) return lineage.error();
        const DocumentView &now = lineage->view;
        if (now.forked())
            return makeError(errc::document::kForked,
                             "This " + std::string(documentTypeName(d->type)) + " has " + std::to_string(now.heads.size())
                                 + " current versions that its authors have not yet brought together; acknowledge it once they have.");
        if (now.id != documentId)
            return makeError(errc::document::kStale, "This version of the " + std::string(documentTypeName(d->type))
                                                   + " has been replaced; acknowledge the current version, " + now.id.toString() + ".");
    }
    // Bound to the exact sealed bytes and to the plaintext the teacher read: with key-committing records every reader
    // reads the same plaintext, and the plaintext hash lets any later reader check it is what the teacher signed for.
    Acknowledgement ack{documentId, crypto::sealedHash(body), crypto::plaintextHash(bytesOf(*opened)), acknowledgementStatementFor(d->type),
                        m_store.now()};
    const RecordId ackId = RecordId::generate();
    // Sealed to whoever reads the document once signed (the rules: readersOfAcknowledgement), so the signature reaches
    // the administrator, the panel and a volunteer's consented readers with what it signs, and nobody else.
    auto ctx = contextFor(*c, d->type);
    if (!ctx) return ctx.error();
    auto keys = keysFor(*c, rules::readersOfAcknowledgement(d->type, *ctx));
    if (!keys) return keys.error();
    if (auto s = m_store.writeRecordFor(*keys, RecordType::Acknowledgement, ackId, caseId, documentId, ack.signedAtMs, encodePayload(ack)); !s)
        return s.error();
    return ackId;
}

Result<std::optional<RecordId>> DocumentStore::acknowledgementOf(const RecordId &documentId, const ParCase &c)
{
    auto checks = checkAcknowledgements(documentId, c);
    if (!checks) return checks.error();
    for (const SignatureCheck &check : *checks)
        if (check.verdict) return std::optional<RecordId>(check.recordId);
    return std::optional<RecordId>{};
}

Result<std::vector<SignatureCheck>> DocumentStore::checkAcknowledgements(const RecordId &documentId, const ParCase &c)
{
    auto doc = m_store.database().cached("SELECT body FROM records WHERE id = ? AND type = ?");
    if (!doc) return doc.error();
    (*doc)->bind(1, sp(documentId)).bind(2, static_cast<std::int64_t>(RecordType::Document));
    auto docRow = (*doc)->step();
    if (!docRow) return docRow.error();
    if (!*docRow) return std::vector<SignatureCheck>{};
    const std::vector<std::uint8_t> docBody = (*doc)->columnBlob(0);
    (*doc)->reset();
    const auto hash = crypto::sealedHash(docBody);
    std::optional<std::array<std::uint8_t, 32>> contentHash;
    std::optional<DocumentType> type;
    if (auto opened = m_store.openRecord(docBody, documentId, RecordType::Document)) {
        contentHash = crypto::plaintextHash(bytesOf(*opened));
        if (auto d = decodeDocument(*opened)) type = d->type;
    }

    auto acks = detail::rowsFiledUnder(m_store.database(), static_cast<std::uint16_t>(RecordType::Acknowledgement), documentId, true);
    if (!acks) return acks.error();
    std::vector<SignatureCheck> out;
    for (const auto &[id, body] : *acks) {
        // Signed by the case's teacher (the rules judge the signer), bound to this exact document and its content,
        // signing a statement accepted for its type.
        rules::Decision verdict = m_store.judgeRecord(rules::RecordKind::Acknowledgement, body, &c, {});
        if (verdict) {
            auto payload = m_store.openRecord(body, id, RecordType::Acknowledgement);
            auto ack = payload ? decodeAcknowledgement(*payload) : Result<Acknowledgement>(payload.error());
            verdict = ack ? rules::judgeAcknowledgement(*ack, documentId, type, hash, contentHash)
                          : rules::Decision{false, ack.error().code, ack.error().message};
        }
        out.push_back({id, std::move(verdict)});
    }
    return out;
}

Result<HeldReportVersion> DocumentStore::reportVersion(const RecordId &reportVersionId)
{
    auto v = heldVersion(reportVersionId);
    if (!v) return v.error().code == errc::document::kUnknown ? makeError(errc::document::kUnknown, "There is no report " + reportVersionId.toString() + " here.")
                                                         : v.error();
    if (v->document.type != DocumentType::Report) return makeError(errc::report::kNotAReport, reportVersionId.toString() + " is not a report.");
    return v;
}

Result<HeldReportVersion> DocumentStore::heldVersion(const RecordId &reportVersionId)
{
    auto held = m_store.heldRecord(reportVersionId);
    if (!held) return held.error();
    if (!*held || (*held)->type != RecordType::Document)
        return makeError(errc::document::kUnknown, "There is no document " + reportVersionId.toString() + " here.");
    const std::vector<std::uint8_t> &body = (*held)->body;
    auto opened = m_store.openRecord(body, reportVersionId, RecordType::Document);
    if (!opened)
        return makeError(errc::document::kNotReadable, opened.error().code == errc::record::kNotAReader ? "This document was not shared with you."
                                                                                               : opened.error().message);
    auto d = decodeDocument(*opened);
    if (!d) return d.error();
    auto c = CaseService(m_store).parCase(d->caseId);
    if (!c) return c.error();
    // The same verdict list() gives: a document its signer could not write in this case is not one.
    if (auto verdict = m_store.judgeRecord(rules::kindOfDocument(d->type), body, &*c, rules::Claims::authoredBy(d->authorPersonId)); !verdict)
        return makeError(errc::document::kNotReadable, verdict.reason);
    return HeldReportVersion{std::move(*d), std::move(*c), crypto::sealedHash(body), crypto::plaintextHash(bytesOf(*opened))};
}

Result<int> DocumentStore::shareAfterSignature(const RecordId &documentId)
{
    auto held = heldDocument(m_store, documentId);
    if (!held) return held.error();
    const RecordId caseId = held->caseId;
    const std::vector<std::uint8_t> &body = held->body;
    const ParCase *c = &held->parCase;
    auto payload = m_store.openRecord(body, documentId, RecordType::Document);
    if (!payload) return payload.error();
    auto d = decodeDocument(*payload);
    if (!d) return d.error();
    // The right to share comes from the rules (judgeGrant): the document's author, or whoever the signed case record
    // and its reassignments make the case's mentor now (a new mentor shares what the former mentor wrote), or a
    // director of induction — never from the payload's author field alone.
    // A document whose signer was not entitled to write it (or that names another author) is never passed on.
    if (auto written = m_store.judgeRecord(rules::kindOfDocument(d->type), body, c, rules::Claims::authoredBy(d->authorPersonId)); !written)
        return makeError(errc::document::kRefused, written.reason);
    const rules::Signer me = m_store.signerOf(m_store.ownerKeys().signKeyId(), c, m_store.now());
    if (auto verdict = rules::judgeGrant(rules::kindOfDocument(d->type), c->kind, me, d->authorPersonId); !verdict)
        return makeError(errc::document::kNotEntitled, "Not shared: only the " + std::string(documentTypeName(d->type))
                                                      + "'s author, the case's PAR mentor or a director of induction shares it after signature.");
    auto ack = acknowledgementOf(documentId, *c);
    if (!ack) return ack.error();
    if (!*ack) return makeError(errc::document::kNotSigned, "The teacher has not acknowledged receipt of this document yet.");
    auto before = contextFor(*c, d->type, false), after = contextFor(*c, d->type, true);
    if (!before || !after) return makeError(errc::document::kContext, "The case's sharing state could not be read.");
    std::set<CaseRole> added;
    for (CaseRole r : readersOf(d->type, *after))
        if (!readersOf(d->type, *before).count(r)) added.insert(r);
    if (added.empty()) return 0;
    auto keys = keysFor(*c, added);
    if (!keys) return keys.error();
    if (keys->empty()) return 0;
    std::vector<RecordId> ids{documentId};
    if (d->report) // a report's cited evidence goes with it
        for (const RecordId &e : citedEvidence(*d->report)) ids.push_back(e);
    if (auto st = m_store.grantRecords(ids, *keys, caseId); !st) return st.error();
    return static_cast<int>(added.size());
}

Result<int> DocumentStore::shareCitedEvidence(const RecordId &reportVersionId)
{
    auto r = reportVersion(reportVersionId);
    if (!r) return r.error();
    if (!r->document.report) return makeError(errc::report::kNotAReport, reportVersionId.toString() + " is not a report.");
    const std::vector<RecordId> cited = citedEvidence(*r->document.report);
    if (cited.empty()) return 0;
    auto ack = acknowledgementOf(reportVersionId, r->parCase);
    if (!ack) return ack.error();
    auto context = contextFor(r->parCase, DocumentType::Report, ack->has_value());
    if (!context) return context.error();
    std::set<CaseRole> readers = readersOf(DocumentType::Report, *context);
    auto keys = keysFor(r->parCase, readers);
    if (!keys) return keys.error();
    std::vector<crypto::PublicIdentity> others;
    for (const auto &k : *keys)
        if (!(k == m_store.ownerKeys())) others.push_back(k);
    if (others.empty()) return 0;
    if (auto st = m_store.grantRecords(cited, others, r->parCase.id); !st) return st.error();
    return static_cast<int>(others.size());
}

Result<std::vector<DocumentStore::Lineage>> DocumentStore::lineagesOf(const RecordId &caseId, const std::optional<ParCase> &c)
{
    auto rows = rowsOf(m_store.database(), RecordType::Document, caseId);
    if (!rows) return rows.error();
    std::vector<Lineage> out;
    auto refuse = [&](const RecordId &id, std::size_t position, std::string reason) {
        Lineage l;
        l.view.id = l.view.lineageId = id;
        l.view.reason = std::move(reason);
        l.caseId = caseId;
        l.position = position;
        out.push_back(std::move(l));
    };
    // 1. Every record opened and checked on its own.
    struct Opened {
        VersionView version;
        std::size_t position;
    };
    std::vector<Opened> valid;
    const crypto::KeyId me = m_store.ownerKeys().boxKeyId();
    for (std::size_t position = 0; position < rows->size(); ++position) {
        const Row &row = (*rows)[position];
        // openRecord() also follows key grants; a document whose readers do not include us was opened through one.
        auto payload = m_store.openRecord(row.body, row.id, RecordType::Document);
        if (!payload) {
            refuse(row.id, position,
                   payload.error().code == errc::record::kNotAReader ? "This document was not shared with you." : payload.error().message);
            continue;
        }
        auto d = decodeDocument(*payload);
        if (!d) {
            refuse(row.id, position, d.error().message);
            continue;
        }
        const auto header = crypto::parseHeader(row.body);
        const bool viaGrant = header && std::none_of(header->recipients.begin(), header->recipients.end(), [&](const crypto::Recipient &r) {
                                  return r.readerKeyId == me;
                              });
        // The rules judge the signer (never the payload's author field, which must name the signer) in the case the
        // signed payload names. Without the case record (a reader outside the case, by consent), the signer's
        // certified program roles stand in for the case roles: a mentor's report, a teacher's response.
        if (d->caseId != caseId) {
            refuse(row.id, position, "Refused: it belongs to another case than the one it was filed under.");
            continue;
        }
        rules::Decision verdict;
        if (c) {
            verdict = m_store.judgeRecord(rules::kindOfDocument(d->type), row.body, &*c, rules::Claims::authoredBy(d->authorPersonId));
        } else if (header) {
            rules::Signer signer = m_store.signerOf(header->authorKeyId, nullptr, header->createdAtMs);
            if (signer.hasRole(Role::ParMentor)) signer.caseRoles.insert(CaseRole::Mentor);
            if (signer.hasRole(Role::ParticipatingTeacher)) signer.caseRoles.insert(CaseRole::Teacher);
            verdict = rules::judgeWrite(rules::kindOfDocument(d->type), CaseKind::Volunteer, signer, rules::Claims::authoredBy(d->authorPersonId));
        }
        if (!verdict && (m_store.keyDirectory() || c)) {
            refuse(row.id, position, verdict.reason.empty() ? "Refused: its author was not entitled to write it." : verdict.reason);
            continue;
        }
        VersionView v;
        v.document = std::move(*d);
        v.viaGrant = viaGrant;
        if (c) {
            auto ack = acknowledgementOf(row.id, *c);
            v.acknowledged = ack && ack->has_value();
        }
        valid.push_back({std::move(v), position});
    }

    // 2. Versions grouped by lineage and checked against each other.
    std::map<RecordId, std::vector<std::size_t>> groups; // lineage id -> indices into `valid`
    std::map<RecordId, std::size_t> byId;
    for (std::size_t i = 0; i < valid.size(); ++i) {
        groups[valid[i].version.document.lineageId].push_back(i);
        byId[valid[i].version.document.id] = i;
    }
    for (const auto &[lineageId, members] : groups) {
        const Document &first = valid[byId.count(lineageId) ? byId.at(lineageId) : members.front()].version.document;
        std::set<RecordId> kept;
        for (std::size_t i : members) {
            const Document &d = valid[i].version.document;
            const bool foreignParent = std::any_of(d.parents.begin(), d.parents.end(), [&](const RecordId &p) {
                return byId.count(p) && valid[byId.at(p)].version.document.lineageId != lineageId;
            });
            if (d.type != first.type)
                refuse(d.id, valid[i].position, "Refused: it claims to be a version of a " + std::string(documentTypeName(first.type)) + ".");
            else if (foreignParent)
                refuse(d.id, valid[i].position, "Refused: it claims to be edited from a version of another document.");
            else
                kept.insert(d.id);
        }
        // Parents before children, oldest first among versions that are ready. A parent not held here (not yet
        // arrived, or not shared with this person) does not hold its children back.
        std::map<RecordId, int> waitingFor;
        std::map<RecordId, std::vector<RecordId>> children;
        for (const RecordId &id : kept)
            for (const RecordId &p : valid[byId.at(id)].version.document.parents)
                if (kept.count(p)) {
                    ++waitingFor[id];
                    children[p].push_back(id);
                }
        auto older = [&](const RecordId &a, const RecordId &b) {
            const Opened &x = valid[byId.at(a)], &y = valid[byId.at(b)];
            return std::tie(x.version.document.createdAtMs, x.position) < std::tie(y.version.document.createdAtMs, y.position);
        };
        std::set<RecordId, decltype(older)> ready(older);
        for (const RecordId &id : kept)
            if (!waitingFor[id]) ready.insert(id);
        Lineage l;
        l.caseId = caseId;
        l.position = rows->size();
        while (!ready.empty()) {
            const RecordId id = *ready.begin();
            ready.erase(ready.begin());
            l.versions.push_back(valid[byId.at(id)].version);
            l.position = std::min(l.position, valid[byId.at(id)].position);
            for (const RecordId &child : children[id])
                if (--waitingFor[child] == 0) ready.insert(child);
        }
        // Only a dishonest writer can make a loop (a parent cannot know its child's random id in advance).
        for (const RecordId &id : kept)
            if (waitingFor[id] > 0) refuse(id, valid[byId.at(id)].position, "Refused: its record of earlier versions loops back on itself.");
        if (l.versions.empty()) continue;

        // 3. The heads: versions no other version was edited from.
        std::set<RecordId> named;
        for (const VersionView &v : l.versions) named.insert(v.document.parents.begin(), v.document.parents.end());
        std::vector<VersionView> heads;
        for (const VersionView &v : l.versions)
            if (!named.count(v.document.id)) heads.push_back(v);
        l.view.lineageId = lineageId;
        l.view.readable = true;
        l.view.versions = static_cast<int>(l.versions.size());
        if (heads.size() == 1) {
            const VersionView &head = heads.front();
            l.view.id = head.document.id;
            l.view.document = head.document;
            l.view.acknowledged = head.acknowledged;
            l.view.viaGrant = head.viaGrant;
            l.view.earlierVersionAcknowledged =
                !head.acknowledged && std::any_of(l.versions.begin(), l.versions.end(), [](const VersionView &v) { return v.acknowledged; });
        } else {
            std::vector<RecordId> headIds;
            for (const VersionView &h : heads) headIds.push_back(h.document.id);
            l.view.id = lineageId;
            l.view.commonParents = commonParentsOf(l.versions, headIds);
            l.view.heads = std::move(heads);
        }
        out.push_back(std::move(l));
    }
    std::stable_sort(out.begin(), out.end(), [](const Lineage &a, const Lineage &b) { return a.position < b.position; });
    return out;
}

Result<std::vector<DocumentView>> DocumentStore::list(const RecordId &caseId)
{
    auto c = readableCase(m_store, caseId);
    if (!c) return c.error();
    auto lineages = lineagesOf(caseId, *c);
    if (!lineages) return lineages.error();
    std::vector<DocumentView> out;
    for (Lineage &l : *lineages) out.push_back(std::move(l.view));
    return out;
}

Result<std::vector<DocumentStore::CaseLineage>> DocumentStore::lineagesWithVersions(const RecordId &caseId)
{
    auto c = readableCase(m_store, caseId);
    if (!c) return c.error();
    auto lineages = lineagesOf(caseId, *c);
    if (!lineages) return lineages.error();
    std::vector<CaseLineage> out;
    for (Lineage &l : *lineages) out.push_back({std::move(l.view), std::move(l.versions)});
    return out;
}

Result<DocumentStore::Lineage> DocumentStore::lineageOf(const RecordId &documentId)
{
    auto held = heldRecord(m_store, documentId);
    if (!held) return held.error();
    auto c = readableCase(m_store, held->caseId);
    if (!c) return c.error();
    auto lineages = lineagesOf(held->caseId, *c);
    if (!lineages) return lineages.error();
    for (Lineage &l : *lineages) {
        const bool member = l.view.lineageId == documentId
                            || std::any_of(l.versions.begin(), l.versions.end(), [&](const VersionView &v) { return v.document.id == documentId; });
        if (!member) continue;
        if (l.versions.empty()) return makeError(errc::document::kNotReadable, l.view.reason);
        return std::move(l);
    }
    return makeError(errc::document::kUnknown, "There is no document " + documentId.toString() + " here.");
}

Result<DocumentView> DocumentStore::current(const RecordId &documentId)
{
    auto l = lineageOf(documentId);
    if (!l) return l.error();
    return std::move(l->view);
}

Result<std::vector<VersionView>> DocumentStore::history(const RecordId &documentId)
{
    auto l = lineageOf(documentId);
    if (!l) return l.error();
    return std::move(l->versions);
}

Result<Document> DocumentStore::edit(const RecordId &documentId, const RecordId &baseVersionId, const std::string &text,
                                     std::optional<ReportContent> report, std::optional<FormContent> form)
{
    return newVersion(documentId, baseVersionId, text, std::move(report), std::move(form));
}

Result<Document> DocumentStore::resolveFork(const RecordId &documentId, const std::string &text, std::optional<FormContent> form)
{
    return newVersion(documentId, std::nullopt, text, std::nullopt, std::move(form));
}

// An edit of the one current version (`base`), or the resolution of a fork (no base: the parents are all heads).
Result<Document> DocumentStore::newVersion(const RecordId &documentId, const std::optional<RecordId> &base, const std::string &text,
                                           std::optional<ReportContent> report, std::optional<FormContent> form)
{
    if (blank(text)) return makeError(errc::input::kEmpty, "The document is empty.");
    auto l = lineageOf(documentId);
    if (!l) return l.error();
    const DocumentView &now = l->view;
    const DocumentType type = l->versions.front().document.type;
    const std::string name = documentTypeName(type);
    if (!hasVersions(type))
        return makeError(errc::document::kNotEditable,
                         "A " + name + " is not edited once written; "
                             + (type == DocumentType::TeacherResponse ? "write a further response instead." : "write a new one instead."));
    auto c = CaseService(m_store).parCase(l->caseId);
    if (!c) return c.error();
    if (auto s = mayWriteType(*c, type); !s) return s.error();
    std::vector<RecordId> heads;
    for (const VersionView &h : now.heads) heads.push_back(h.document.id);
    if (!now.forked()) heads = {now.id};
    if (base) {
        const bool known = std::any_of(l->versions.begin(), l->versions.end(), [&](const VersionView &v) { return v.document.id == *base; });
        if (!known) return makeError(errc::document::kUnknownVersion, base->toString() + " is not a version of this " + name + " held here.");
        if (now.forked())
            return makeError(errc::document::kForked, "This " + name + " was edited in two places at once and has " + std::to_string(heads.size())
                                                    + " current versions (" + idList(heads) + "). Resolve them into one version first.");
        if (*base != now.id)
            return makeError(errc::document::kStale, "This " + name + " has been edited since version " + base->toString() + "; the current version is "
                                                   + now.id.toString() + ". Edit the current version.");
    } else if (!now.forked()) {
        return makeError(errc::document::kNotForked, "This " + name + " has one current version (" + now.id.toString() + "); edit it instead.");
    }
    const Document &from = l->versions.back().document; // the newest held; carries what every version shares
    Document d = newDocument(l->caseId, type, text, m_store.owner().id, m_store.now());
    d.lineageId = now.lineageId;
    d.parents = heads;
    d.refersTo = from.refersTo;
    d.report = std::move(report);
    d.form = std::move(form);
    return sealDocument(*c, std::move(d));
}

} // namespace triad::store
