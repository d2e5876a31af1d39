#include "document_store.h"

#include "sealed_record.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <sodium.h>

#include <algorithm>

namespace triad::store {

namespace {

QByteArray qb(std::span<const std::uint8_t> b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); }
std::span<const std::uint8_t> sp(const RecordId &id) { return {id.bytes.data(), id.bytes.size()}; }
bool toId(const QCborValue &v, RecordId &out)
{
    if (!v.isByteArray() || v.toByteArray().size() != 16) return false;
    const QByteArray b = v.toByteArray();
    std::copy(b.begin(), b.end(), out.bytes.begin());
    return true;
}

QByteArray encodeDocument(const Document &d)
{
    QCborMap m;
    m[QLatin1String("id")] = qb(d.id.bytes);
    m[QLatin1String("case")] = qb(d.caseId.bytes);
    m[QLatin1String("type")] = static_cast<int>(d.type);
    m[QLatin1String("text")] = QString::fromStdString(d.text);
    m[QLatin1String("author")] = qb(d.authorPersonId.bytes);
    m[QLatin1String("created_at")] = static_cast<qint64>(d.createdAtMs);
    if (d.refersTo) m[QLatin1String("refers_to")] = qb(d.refersTo->bytes);
    if (d.consent) {
        QCborMap c;
        QCborArray readers, docs;
        for (CaseRole r : d.consent->readers) readers.append(static_cast<int>(r));
        for (DocumentType t : d.consent->documents) docs.append(static_cast<int>(t));
        c[QLatin1String("readers")] = readers;
        c[QLatin1String("documents")] = docs;
        if (d.consent->untilMs) c[QLatin1String("until")] = static_cast<qint64>(*d.consent->untilMs);
        c[QLatin1String("revoked")] = d.consent->revoked;
        m[QLatin1String("consent")] = c;
    }
    return m.toCborValue().toCbor();
}

Result<Document> decodeDocument(const QByteArray &payload)
{
    const Error bad = makeError("payload.malformed", "The document's content is not readable.");
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(payload, &err);
    if (err.error != QCborError::NoError || !v.isMap()) return bad;
    const QCborMap m = v.toMap();
    Document d;
    const QCborValue type = m.value(QLatin1String("type")), text = m.value(QLatin1String("text")), at = m.value(QLatin1String("created_at"));
    if (!toId(m.value(QLatin1String("id")), d.id) || !toId(m.value(QLatin1String("case")), d.caseId)
        || !toId(m.value(QLatin1String("author")), d.authorPersonId) || !type.isInteger() || type.toInteger() < 0
        || type.toInteger() >= static_cast<qint64>(std::size(kAllDocumentTypes)) || !text.isString() || !at.isInteger())
        return bad;
    d.type = static_cast<DocumentType>(type.toInteger());
    d.text = text.toString().toStdString();
    d.createdAtMs = at.toInteger();
    if (RecordId r; toId(m.value(QLatin1String("refers_to")), r)) d.refersTo = r;
    if (const QCborValue c = m.value(QLatin1String("consent")); c.isMap()) {
        Consent consent;
        for (const QCborValue &r : c.toMap().value(QLatin1String("readers")).toArray())
            if (r.isInteger() && r.toInteger() >= 0 && r.toInteger() < static_cast<qint64>(std::size(kAllCaseRoles)))
                consent.readers.insert(static_cast<CaseRole>(r.toInteger()));
        for (const QCborValue &t : c.toMap().value(QLatin1String("documents")).toArray())
            if (t.isInteger() && t.toInteger() >= 0 && t.toInteger() < static_cast<qint64>(std::size(kAllDocumentTypes)))
                consent.documents.insert(static_cast<DocumentType>(t.toInteger()));
        if (const QCborValue u = c.toMap().value(QLatin1String("until")); u.isInteger()) consent.untilMs = u.toInteger();
        consent.revoked = c.toMap().value(QLatin1String("revoked")).toBool();
        d.consent = consent;
    }
    return d;
}

std::array<std::uint8_t, 32> recordHash(std::span<const std::uint8_t> record)
{
    std::array<std::uint8_t, 32> h{};
    crypto_generichash(h.data(), h.size(), record.data(), record.size(), nullptr, 0);
    return h;
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
    ParCase parCase;
};

// A document held here, with its case (needed by every action on it).
Result<HeldDocument> heldDocument(LocalStore &store, const RecordId &documentId)
{
    auto st = store.database().cached("SELECT case_id, body FROM records WHERE id = ? AND type = 9");
    if (!st) return st.error();
    (*st)->bind(1, sp(documentId));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return makeError("document.unknown", "There is no document " + documentId.toString() + " here.");
    HeldDocument held;
    const auto cid = (*st)->columnBlob(0);
    if (cid.size() == 16) std::copy(cid.begin(), cid.end(), held.caseId.bytes.begin());
    held.body = (*st)->columnBlob(1);
    (*st)->reset();
    auto c = store.parCase(held.caseId);
    if (!c) return c.error();
    held.parCase = std::move(*c);
    return held;
}

} // namespace

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
        if (id == m_store.owner().id) { keys.push_back(m_store.ownerKeys()); return; }
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
                for (const auto &cert : dir->certificatesWithRole(r == CaseRole::Panel ? Role::PanelMember : Role::DirectorOfInduction, m_store.now()))
                    keys.push_back(cert.keys);
            break;
        case CaseRole::DistrictRecords:
            if (dir) keys.push_back(dir->district().recordsReader());
            break;
        }
    }
    return keys;
}

Result<AudienceContext> DocumentStore::contextFor(const ParCase &c, DocumentType type, bool teacherSigned)
{
    AudienceContext ctx;
    ctx.kind = c.kind;
    ctx.teacherSigned = teacherSigned;
    ctx.participationEnded = c.status == CaseStatus::Withdrawn;
    ctx.nowMs = m_store.now();
    (void)type;
    // The newest consent form written by the case's teacher and readable here.
    auto rows = rowsOf(m_store.database(), RecordType::Document, c.id);
    if (!rows) return rows.error();
    for (const Row &row : *rows) {
        auto payload = m_store.openRecord(row.body, row.id, RecordType::Document);
        if (!payload) continue;
        auto d = decodeDocument(*payload);
        if (d && d->type == DocumentType::ConsentForm && d->consent && d->authorPersonId == c.teacherId) ctx.consent = d->consent;
    }
    return ctx;
}

Result<Document> DocumentStore::write(const RecordId &caseId, DocumentType type, const std::string &text, std::optional<RecordId> refersTo)
{
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return makeError("input.empty", "The document is empty.");
    auto c = m_store.parCase(caseId);
    if (!c) return c.error();
    const auto mine = rolesIn(*c);
    const auto writers = writersOf(type, c->kind);
    const bool entitled = std::any_of(mine.begin(), mine.end(), [&](CaseRole r) { return writers.count(r) > 0; });
    if (!entitled) {
        const CaseRole shown = mine.empty() ? CaseRole::Teacher : *mine.begin();
        return makeError("document.not_entitled", mine.empty() ? std::string("You have no part in this case.")
                                                               : mayWrite(shown, type, c->kind).reason);
    }
    auto ctx = contextFor(*c, type);
    if (!ctx) return ctx.error();
    const auto readers = readersOf(type, *ctx);
    auto keys = keysFor(*c, readers);
    if (!keys) return keys.error();
    if (keys->empty()) return makeError("document.no_readers", "Nobody certified can read this document yet.");
    Document d{RecordId::generate(), caseId, type, text, m_store.owner().id, m_store.now(), refersTo, std::nullopt};
    if (auto s = m_store.writeRecordFor(*keys, RecordType::Document, d.id, caseId, std::nullopt, d.createdAtMs, encodeDocument(d)); !s)
        return s.error();
    return d;
}

Result<Document> DocumentStore::grantConsent(const RecordId &caseId, const std::set<CaseRole> &readers,
                                             const std::set<DocumentType> &documents, std::optional<std::int64_t> untilMs)
{
    auto c = m_store.parCase(caseId);
    if (!c) return c.error();
    if (c->kind == CaseKind::Referred) return makeError("consent.not_applicable", "Consent applies to volunteer, beginning and intern participation; referred records follow the contract.");
    if (m_store.owner().id != c->teacherId) return makeError("document.not_entitled", "Only the participating teacher can sign a consent.");
    if (readers.empty() || documents.empty()) return makeError("input.empty", "A consent names at least one reader and one kind of document.");
    Document d{RecordId::generate(), caseId, DocumentType::ConsentForm, "Consent to share", m_store.owner().id, m_store.now(), std::nullopt,
               Consent{readers, documents, untilMs, false}};
    auto keys = keysFor(*c, readersOf(DocumentType::ConsentForm, AudienceContext{c->kind, false, false, false, std::nullopt, m_store.now()}));
    if (!keys) return keys.error();
    if (auto s = m_store.writeRecordFor(*keys, RecordType::Document, d.id, caseId, std::nullopt, d.createdAtMs, encodeDocument(d)); !s)
        return s.error();
    return d;
}

Result<Document> DocumentStore::revokeConsent(const RecordId &caseId)
{
    auto c = m_store.parCase(caseId);
    if (!c) return c.error();
    auto ctx = contextFor(*c, DocumentType::ConsentForm);
    if (!ctx) return ctx.error();
    if (!ctx->consent || ctx->consent->revoked) return makeError("consent.none", "There is no consent in force to revoke.");
    Consent revoked = *ctx->consent;
    revoked.revoked = true;
    if (m_store.owner().id != c->teacherId) return makeError("document.not_entitled", "Only the participating teacher can revoke a consent.");
    Document d{RecordId::generate(), caseId, DocumentType::ConsentForm, "Consent revoked", m_store.owner().id, m_store.now(), std::nullopt, revoked};
    auto keys = keysFor(*c, {CaseRole::Teacher, CaseRole::Mentor});
    if (!keys) return keys.error();
    if (auto s = m_store.writeRecordFor(*keys, RecordType::Document, d.id, caseId, std::nullopt, d.createdAtMs, encodeDocument(d)); !s)
        return s.error();
    return d;
}

Result<RecordId> DocumentStore::acknowledge(const RecordId &documentId)
{
    auto held = heldDocument(m_store, documentId);
    if (!held) return held.error();
    const RecordId caseId = held->caseId;
    const std::vector<std::uint8_t> &body = held->body;
    const ParCase *c = &held->parCase;
    if (m_store.owner().id != c->teacherId) return makeError("document.not_entitled", "Only the participating teacher acknowledges receipt.");
    auto opened = m_store.openRecord(body, documentId, RecordType::Document); // the teacher must have received it
    if (!opened) return opened.error();
    const auto hash = recordHash(body);
    QCborMap m;
    m[QLatin1String("document")] = qb(documentId.bytes);
    m[QLatin1String("document_hash")] = qb(hash);
    m[QLatin1String("statement")] = QLatin1String(kAcknowledgementStatement);
    m[QLatin1String("signed_at")] = static_cast<qint64>(m_store.now());
    const RecordId ackId = RecordId::generate();
    auto keys = keysFor(*c, {CaseRole::Teacher, CaseRole::Mentor});
    if (!keys) return keys.error();
    if (auto s = m_store.writeRecordFor(*keys, RecordType::Acknowledgement, ackId, caseId, documentId, m_store.now(), m.toCborValue().toCbor()); !s)
        return s.error();
    return ackId;
}

Result<std::optional<RecordId>> DocumentStore::acknowledgementOf(const RecordId &documentId, const ParCase &c)
{
    auto st = m_store.database().cached("SELECT id, body FROM records WHERE type = 11 AND observation_id = ?");
    if (!st) return st.error();
    (*st)->bind(1, sp(documentId));
    std::vector<std::pair<RecordId, std::vector<std::uint8_t>>> acks;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        RecordId id;
        const auto b = (*st)->columnBlob(0);
        std::copy(b.begin(), b.end(), id.bytes.begin());
        acks.emplace_back(id, (*st)->columnBlob(1));
    }
    (*st)->reset();
    auto doc = m_store.database().cached("SELECT body FROM records WHERE id = ?");
    if (!doc) return doc.error();
    (*doc)->bind(1, sp(documentId));
    auto docRow = (*doc)->step();
    if (!docRow) return docRow.error();
    if (!*docRow) return std::optional<RecordId>{};
    const auto hash = recordHash((*doc)->columnBlob(0));
    (*doc)->reset();
    for (const auto &[id, body] : acks) {
        // Signed by the case's teacher, bound to this exact document.
        auto header = crypto::parseHeader(body);
        const auto *dir = m_store.keyDirectory();
        if (!header || !dir) continue;
        auto signer = dir->certificateForSigner(header->authorKeyId, m_store.now());
        if (!signer || signer->personId != c.teacherId) continue;
        auto payload = m_store.openRecord(body, id, RecordType::Acknowledgement);
        if (!payload) continue;
        const QCborMap m = QCborValue::fromCbor(*payload).toMap();
        if (m.value(QLatin1String("document_hash")).toByteArray() == qb(hash)) return std::optional<RecordId>(id);
    }
    return std::optional<RecordId>{};
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
    if (d->authorPersonId != m_store.owner().id) return makeError("document.not_entitled", "Only the document's author shares it further.");
    auto ack = acknowledgementOf(documentId, *c);
    if (!ack) return ack.error();
    if (!*ack) return makeError("document.not_signed", "The teacher has not acknowledged receipt of this document yet.");
    auto before = contextFor(*c, d->type, false), after = contextFor(*c, d->type, true);
    if (!before || !after) return makeError("document.context", "The case's sharing state could not be read.");
    std::set<CaseRole> added;
    for (CaseRole r : readersOf(d->type, *after))
        if (!readersOf(d->type, *before).count(r)) added.insert(r);
    if (added.empty()) return 0;
    auto keys = keysFor(*c, added);
    if (!keys) return keys.error();
    if (keys->empty()) return 0;
    if (auto st = m_store.grantRecords({documentId}, *keys, caseId); !st) return st.error();
    return static_cast<int>(added.size());
}

Result<std::vector<DocumentView>> DocumentStore::list(const RecordId &caseId)
{
    // A reader outside the case (an administrator shown a volunteer's report by consent) may hold documents without
    // being able to read the case record itself; the author's certified role then stands in for the case role.
    auto caseRecord = m_store.parCase(caseId);
    if (!caseRecord && caseRecord.error().code != "record.not_a_reader" && caseRecord.error().code != "case.unknown")
        return caseRecord.error();
    const std::optional<ParCase> c = caseRecord ? std::optional<ParCase>(*caseRecord) : std::nullopt;
    auto rows = rowsOf(m_store.database(), RecordType::Document, caseId);
    if (!rows) return rows.error();
    std::vector<DocumentView> out;
    const crypto::KeyId me = m_store.ownerKeys().boxKeyId();
    for (const Row &row : *rows) {
        DocumentView v;
        v.id = row.id;
        // openRecord() also follows key grants; a document whose readers do not include us was opened through one.
        auto payload = m_store.openRecord(row.body, row.id, RecordType::Document);
        if (auto header = crypto::parseHeader(row.body); payload && header)
            v.viaGrant = std::none_of(header->recipients.begin(), header->recipients.end(),
                                      [&](const crypto::Recipient &r) { return r.readerKeyId == me; });
        if (!payload) {
            v.reason = payload.error().code == "record.not_a_reader" ? "This document was not shared with you." : payload.error().message;
            out.push_back(std::move(v));
            continue;
        }
        auto d = decodeDocument(*payload);
        if (!d) {
            v.reason = d.error().message;
            out.push_back(std::move(v));
            continue;
        }
        // The author must have been entitled to write this kind of document in this case.
        std::set<CaseRole> authorRoles;
        if (c) {
            if (d->authorPersonId == c->teacherId) authorRoles.insert(CaseRole::Teacher);
            // A former mentor wrote as the mentor while the case was theirs (documents keep their author).
            if (d->authorPersonId == c->mentorId
                || std::find(c->formerMentorIds.begin(), c->formerMentorIds.end(), d->authorPersonId) != c->formerMentorIds.end())
                authorRoles.insert(CaseRole::Mentor);
            if (d->authorPersonId == c->administratorId) authorRoles.insert(CaseRole::SiteAdministrator);
        }
        if (const auto *dir = m_store.keyDirectory()) {
            if (auto header = crypto::parseHeader(row.body))
                if (auto cert = dir->certificateForSigner(header->authorKeyId, m_store.now())) {
                    if (cert->personId != d->authorPersonId) authorRoles.clear(); // claims to be someone else
                    for (Role r : cert->roles) {
                        if (r == Role::ParMentor && !c) authorRoles.insert(CaseRole::Mentor);
                        if (r == Role::ParticipatingTeacher && !c) authorRoles.insert(CaseRole::Teacher);
                    }
                    for (CaseRole r : programRolesOf(cert->roles)) authorRoles.insert(r);
                }
        }
        const CaseKind kind = c ? c->kind : CaseKind::Volunteer; // unreadable case: only shared by consent
        const bool entitled = std::any_of(authorRoles.begin(), authorRoles.end(), [&](CaseRole r) { return mayWrite(r, d->type, kind).allowed; });
        if (!entitled && (m_store.keyDirectory() || c)) {
            v.reason = "Refused: its author was not entitled to write a " + std::string(documentTypeName(d->type)) + " in this case.";
            out.push_back(std::move(v));
            continue;
        }
        if (c) {
            auto ack = acknowledgementOf(row.id, *c);
            v.acknowledged = ack && ack->has_value();
        }
        v.readable = true;
        v.document = std::move(*d);
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace triad::store
