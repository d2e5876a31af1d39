#include "case_records.h"
#include "error_codes.h"

#include "payload_cbor.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <algorithm>
#include <span>
#include <utility>

namespace triad {

using namespace payload;

namespace {

template <typename E, std::size_t N>
using Keys = std::array<std::pair<E, const char *>, N>;

constexpr Keys<DocumentType, 15> kDocumentTypeKeys{{{DocumentType::ObservationNote, "observation_note"},
                                                   {DocumentType::Report, "report"},
                                                   {DocumentType::TeacherResponse, "teacher_response"},
                                                   {DocumentType::TriadMeetingSummary, "triad_meeting_summary"},
                                                   {DocumentType::PanelDeliberation, "panel_deliberation"},
                                                   {DocumentType::PersonnelFileEntry, "personnel_file_entry"},
                                                   {DocumentType::ConsentForm, "consent_form"},
                                                   {DocumentType::AdministratorEvidence, "administrator_evidence"},
                                                   {DocumentType::Referral, "referral"},
                                                   {DocumentType::Mou, "mou"},
                                                   {DocumentType::StandardsOfFocus, "standards_of_focus"},
                                                   {DocumentType::MeetingLog, "meeting_log"},
                                                   {DocumentType::YearEndReport, "year_end_report"},
                                                   {DocumentType::PanelDecision, "panel_decision"},
                                                   {DocumentType::ConsultingTeacherPreferences, "consulting_teacher_preferences"}}};
constexpr Keys<CaseRole, 6> kCaseRoleKeys{{{CaseRole::Teacher, "teacher"},
                                           {CaseRole::Mentor, "mentor"},
                                           {CaseRole::SiteAdministrator, "site_administrator"},
                                           {CaseRole::DirectorOfInduction, "director_of_induction"},
                                           {CaseRole::Panel, "panel"},
                                           {CaseRole::DistrictRecords, "district_records"}}};
// Documents written before payloads used keys stored the enum's position. These are those positions, frozen: they
// are read, never written.
constexpr Keys<DocumentType, 7> kLegacyDocumentTypeNumbers{{{DocumentType::ObservationNote, "0"},
                                                            {DocumentType::Report, "1"},
                                                            {DocumentType::TeacherResponse, "2"},
                                                            {DocumentType::TriadMeetingSummary, "3"},
                                                            {DocumentType::PanelDeliberation, "4"},
                                                            {DocumentType::PersonnelFileEntry, "5"},
                                                            {DocumentType::ConsentForm, "6"}}};
constexpr Keys<CaseRole, 6> kLegacyCaseRoleNumbers{{{CaseRole::Teacher, "0"},
                                                    {CaseRole::Mentor, "1"},
                                                    {CaseRole::SiteAdministrator, "2"},
                                                    {CaseRole::DirectorOfInduction, "3"},
                                                    {CaseRole::Panel, "4"},
                                                    {CaseRole::DistrictRecords, "5"}}};

template <typename E, std::size_t N>
const char *keyOf(const Keys<E, N> &keys, E value)
{
    for (const auto &[v, k] : keys)
        if (v == value) return k;
    return "?";
}
template <typename E, std::size_t N>
std::optional<E> fromKey(const Keys<E, N> &keys, std::string_view key)
{
    for (const auto &[v, k] : keys)
        if (key == k) return v;
    return std::nullopt;
}
// A key, or (documents from before keys) a frozen legacy number.
template <typename E, std::size_t N, std::size_t M>
std::optional<E> fromValue(const Keys<E, N> &keys, const Keys<E, M> &legacy, const QCborValue &v)
{
    if (v.isString()) return fromKey(keys, v.toString().toStdString());
    if (v.isInteger()) return fromKey(legacy, std::to_string(v.toInteger()));
    return std::nullopt;
}

Error malformed(const char *what) { return makeError(errc::payload::kMalformed, std::string("The ") + what + "'s content is not readable."); }

// The lineage and parents of a version. Both absent: a first version (or a document from before versions). Anything
// else must describe a real edit: a lineage other than the document itself, 1..kMaxVersionParents distinct parents,
// none of them the document itself, on a type that has versions. The sealed payload is signed by its author, so a
// bad list here is a faulty or dishonest writer's, and the version is refused rather than guessed at.
Status decodeVersion(const QCborMap &m, Document &d)
{
    d.lineageId = d.id;
    const QCborValue lineage = m.value(k("lineage")), parents = m.value(k("parents"));
    if (lineage.isUndefined() && parents.isUndefined()) return {};
    const Error bad = makeError(errc::document::kBadVersions, "Refused: its record of the versions it was edited from is not valid.");
    if (!hasVersions(d.type) || !toId(lineage, d.lineageId) || d.lineageId == d.id || !parents.isArray()) return bad;
    const QCborArray list = parents.toArray();
    if (list.isEmpty() || static_cast<std::size_t>(list.size()) > kMaxVersionParents) return bad;
    for (const QCborValue &v : list) {
        RecordId p;
        if (!toId(v, p) || p == d.id || std::find(d.parents.begin(), d.parents.end(), p) != d.parents.end()) return bad;
        d.parents.push_back(p);
    }
    return {};
}

} // namespace

const char *documentTypeKey(DocumentType type) { return keyOf(kDocumentTypeKeys, type); }
std::optional<DocumentType> documentTypeFromKey(std::string_view key) { return fromKey(kDocumentTypeKeys, key); }
const char *caseRoleKey(CaseRole role) { return keyOf(kCaseRoleKeys, role); }
std::optional<CaseRole> caseRoleFromKey(std::string_view key) { return fromKey(kCaseRoleKeys, key); }

// Reports and every form are edited before they are signed; the rest stand as written.
bool hasVersions(DocumentType type) { return type == DocumentType::Report || !formKindsOf(type).empty(); }

QByteArray encodePayload(const Document &d)
{
    QCborMap m;
    m[k("id")] = idValue(d.id);
    m[k("case")] = idValue(d.caseId);
    m[k("type")] = QLatin1String(documentTypeKey(d.type));
    m[k("text")] = QString::fromStdString(d.text);
    m[k("author")] = idValue(d.authorPersonId);
    m[k("created_at")] = static_cast<qint64>(d.createdAtMs);
    if (d.refersTo) m[k("refers_to")] = idValue(*d.refersTo);
    if (!d.parents.empty()) {
        m[k("lineage")] = idValue(d.lineageId);
        QCborArray parents;
        for (const RecordId &p : d.parents) parents.append(idValue(p));
        m[k("parents")] = parents;
    }
    if (d.consent) {
        QCborMap c;
        QCborArray readers, docs;
        for (CaseRole r : d.consent->readers) readers.append(QLatin1String(caseRoleKey(r)));
        for (DocumentType t : d.consent->documents) docs.append(QLatin1String(documentTypeKey(t)));
        c[k("readers")] = readers;
        c[k("documents")] = docs;
        if (d.consent->untilMs) c[k("until")] = static_cast<qint64>(*d.consent->untilMs);
        c[k("revoked")] = d.consent->revoked;
        c[k("sequence")] = static_cast<qint64>(d.consent->sequence);
        m[k("consent")] = c;
    }
    if (d.report) m[k("report")] = reportToCbor(*d.report);
    if (d.form) m[k("form")] = formToCbor(*d.form);
    return cbor(m);
}

Result<Document> decodeDocument(const QByteArray &payload)
{
    const Error bad = malformed("document");
    auto m = mapOf(payload);
    if (!m) return bad;
    Document d;
    const QCborValue text = m->value(k("text")), at = m->value(k("created_at"));
    const auto type = fromValue(kDocumentTypeKeys, kLegacyDocumentTypeNumbers, m->value(k("type")));
    if (!toId(m->value(k("id")), d.id) || !toId(m->value(k("case")), d.caseId) || !toId(m->value(k("author")), d.authorPersonId) || !type
        || !text.isString() || !at.isInteger())
        return bad;
    d.type = *type;
    d.text = text.toString().toStdString();
    d.createdAtMs = at.toInteger();
    if (RecordId r; toId(m->value(k("refers_to")), r)) d.refersTo = r;
    if (auto s = decodeVersion(*m, d); !s) return s.error();
    if (const QCborValue c = m->value(k("consent")); c.isMap()) {
        const QCborMap cm = c.toMap();
        Consent consent;
        for (const QCborValue &r : cm.value(k("readers")).toArray()) {
            auto role = fromValue(kCaseRoleKeys, kLegacyCaseRoleNumbers, r);
            if (!role) return bad; // a consent naming someone this version does not know is not guessed at
            consent.readers.insert(*role);
        }
        for (const QCborValue &t : cm.value(k("documents")).toArray()) {
            auto doc = fromValue(kDocumentTypeKeys, kLegacyDocumentTypeNumbers, t);
            if (!doc) return bad;
            consent.documents.insert(*doc);
        }
        if (const QCborValue u = cm.value(k("until")); u.isInteger()) consent.untilMs = u.toInteger();
        consent.revoked = cm.value(k("revoked")).toBool();
        if (const QCborValue q = cm.value(k("sequence")); q.isInteger() && q.toInteger() >= 0)
            consent.sequence = static_cast<std::uint64_t>(q.toInteger());
        d.consent = consent;
    }
    if (const QCborValue r = m->value(k("report")); !r.isUndefined()) {
        if (d.type != DocumentType::Report) return bad;
        auto report = reportFromCbor(r);
        if (!report) return report.error();
        // Version N > 1 supersedes one of the versions it was edited from; a first version supersedes nothing.
        const bool first = d.parents.empty();
        if ((report->version == 1) != first
            || (report->supersedes && std::find(d.parents.begin(), d.parents.end(), *report->supersedes) == d.parents.end()))
            return makeError(errc::document::kBadVersions, "Refused: its version number or the version it supersedes disagrees with its history.");
        d.report = std::move(*report);
    }
    if (const QCborValue f = m->value(k("form")); !f.isUndefined()) {
        auto form = formFromCbor(f);
        if (!form) return form.error();
        const auto kinds = formKindsOf(d.type); // a form is filed as its own document type, and only there
        if (std::find(kinds.begin(), kinds.end(), form->kind) == kinds.end()) return bad;
        d.form = std::move(*form);
    }
    return d;
}

QByteArray encodePayload(const Acknowledgement &a)
{
    QCborMap m;
    m[k("document")] = idValue(a.documentId);
    m[k("document_hash")] = qb(a.sealedHash);
    if (a.plaintextHash) m[k("content_hash")] = qb(*a.plaintextHash);
    m[k("statement")] = QString::fromStdString(a.statement);
    m[k("signed_at")] = static_cast<qint64>(a.signedAtMs);
    return cbor(m);
}

Result<Acknowledgement> decodeAcknowledgement(const QByteArray &payload)
{
    auto m = mapOf(payload);
    Acknowledgement a;
    if (!m || !toId(m->value(k("document")), a.documentId) || !toArray(m->value(k("document_hash")), a.sealedHash)
        || !m->value(k("statement")).isString() || !m->value(k("signed_at")).isInteger())
        return malformed("acknowledgement");
    if (std::array<std::uint8_t, 32> h{}; toArray(m->value(k("content_hash")), h)) a.plaintextHash = h;
    a.statement = m->value(k("statement")).toString().toStdString();
    a.signedAtMs = m->value(k("signed_at")).toInteger();
    return a;
}

QByteArray encodePayload(const KeyGrant &g)
{
    QCborMap m;
    m[k("record")] = idValue(g.recordId);
    if (g.caseId) m[k("case")] = idValue(*g.caseId);
    m[k("content_key")] = qb(g.contentKey);
    return cbor(m);
}

Result<KeyGrant> decodeKeyGrant(const QByteArray &payload)
{
    auto m = mapOf(payload);
    KeyGrant g;
    if (!m || !toId(m->value(k("record")), g.recordId) || !toArray(m->value(k("content_key")), g.contentKey)) return malformed("key grant");
    if (RecordId c; toId(m->value(k("case")), c)) g.caseId = c;
    return g;
}

QByteArray encodePayload(const CaseUpdate &u)
{
    QCborMap m;
    m[k("case")] = idValue(u.caseId);
    if (u.newMentorId) m[k("mentor")] = idValue(*u.newMentorId);
    if (u.status) m[k("status")] = QLatin1String(caseStatusName(*u.status));
    m[k("at")] = static_cast<qint64>(u.atMs);
    return cbor(m);
}

Result<CaseUpdate> decodeCaseUpdate(const QByteArray &payload)
{
    auto m = mapOf(payload);
    CaseUpdate u;
    if (!m || !toId(m->value(k("case")), u.caseId)) return malformed("case update");
    if (RecordId mentor; toId(m->value(k("mentor")), mentor)) u.newMentorId = mentor;
    if (const QCborValue s = m->value(k("status")); s.isString()) {
        u.status = caseStatusFromKey(s.toString().toStdString());
        if (!u.status) return malformed("case update");
    }
    // Not toInteger() on a non-integer: CBOR integers above INT64_MAX arrive as a double, and casting that is undefined
    // behaviour (fuzz_payloads found it).
    const QCborValue at = m->value(k("at"));
    if (!at.isInteger()) return malformed("case update");
    u.atMs = at.toInteger();
    return u;
}

} // namespace triad
