#include "case_forms.h"
#include "error_codes.h"

#include "payload_cbor.h"
#include "signature_records.h"

#include <QCborArray>
#include <QCborMap>

namespace triad {

using namespace payload;

namespace {

struct FormKindInfo {
    FormKind kind;
    const char *key;
    const char *title;
    DocumentType type;
};
constexpr FormKindInfo kForms[] = {
    {FormKind::Referral, "referral", "PAR Referral", DocumentType::Referral},
    {FormKind::TeacherMou, "mou_teacher", "Memorandum of Understanding: Participating Teacher", DocumentType::Mou},
    {FormKind::AdministratorMou, "mou_site_administrator", "Memorandum of Understanding: Site Administrator", DocumentType::Mou},
    {FormKind::MentorMou, "mou_mentor", "Memorandum of Understanding: PAR Mentor", DocumentType::Mou},
    {FormKind::StandardsOfFocus, "standards_of_focus", "PAR Standards of Focus", DocumentType::StandardsOfFocus},
    {FormKind::TriadMeeting, "triad_meeting", "Triad Meeting Summary", DocumentType::TriadMeetingSummary},
    {FormKind::MeetingLog, "meeting_log", "Meeting Log", DocumentType::MeetingLog},
    {FormKind::YearEndReport, "year_end_report", "PAR Year-End Report", DocumentType::YearEndReport},
    {FormKind::PanelDeliberation, "panel_deliberation", "Panel Deliberation Notes", DocumentType::PanelDeliberation},
    {FormKind::PanelDecision, "panel_decision", "PAR Panel Decision", DocumentType::PanelDecision},
    {FormKind::ConsultingTeacherPreferences, "consulting_teacher_preferences", "Consulting Teacher Preferences",
     DocumentType::ConsultingTeacherPreferences},
};

const FormKindInfo &info(FormKind kind)
{
    for (const auto &f : kForms)
        if (f.kind == kind) return f;
    return kForms[0];
}

Error malformed(const std::string &why) { return makeError(errc::payload::kMalformed, "The form's content is not readable (" + why + ")."); }

} // namespace

const char *formKindKey(FormKind kind) { return info(kind).key; }
const char *formKindTitle(FormKind kind) { return info(kind).title; }
DocumentType documentTypeOfForm(FormKind kind) { return info(kind).type; }

std::optional<FormKind> formKindFromKey(std::string_view key)
{
    for (const auto &f : kForms)
        if (key == f.key) return f.kind;
    return std::nullopt;
}

std::vector<FormKind> formKindsOf(DocumentType type)
{
    std::vector<FormKind> out;
    for (const auto &f : kForms)
        if (f.type == type) out.push_back(f.kind);
    return out;
}

std::string FormContent::field(const std::string &key) const
{
    auto it = fields.find(key);
    return it == fields.end() ? std::string() : it->second;
}

QCborValue formToCbor(const FormContent &form)
{
    QCborMap m;
    m[k("kind")] = QLatin1String(formKindKey(form.kind));
    QCborMap fields;
    for (const auto &[key, value] : form.fields)
        if (!value.empty()) fields[QString::fromStdString(key)] = QString::fromStdString(value);
    m[k("fields")] = fields;
    if (!form.tables.empty()) {
        QCborMap tables;
        for (const auto &[key, rows] : form.tables) {
            QCborArray r;
            for (const auto &row : rows) {
                QCborArray cells;
                for (const auto &cell : row) cells.append(QString::fromStdString(cell));
                r.append(cells);
            }
            tables[QString::fromStdString(key)] = r;
        }
        m[k("tables")] = tables;
    }
    return m;
}

Result<FormContent> formFromCbor(const QCborValue &value)
{
    if (!value.isMap()) return malformed("not a map");
    const QCborMap m = value.toMap();
    FormContent f;
    const QCborValue kind = m.value(k("kind"));
    if (!kind.isString()) return malformed("no form kind");
    auto parsed = formKindFromKey(kind.toString().toStdString());
    if (!parsed) return malformed("unknown form \"" + kind.toString().toStdString() + "\"");
    f.kind = *parsed;
    std::size_t total = 0;
    auto keyOk = [&](const QCborValue &key, std::string &out) {
        if (!key.isString()) return false;
        out = key.toString().toStdString();
        total += out.size();
        return !out.empty() && out.size() <= kMaxFormKeyBytes;
    };
    const QCborValue fields = m.value(k("fields"));
    if (!fields.isMap()) return malformed("no fields");
    if (static_cast<std::size_t>(fields.toMap().size()) > kMaxFormFields) return malformed("too many fields");
    for (auto it = fields.toMap().constBegin(); it != fields.toMap().constEnd(); ++it) {
        std::string key;
        if (!keyOk(it.key(), key) || !it.value().isString()) return malformed("a field is mistyped or its name too long");
        std::string v = it.value().toString().toStdString();
        if (v.size() > kMaxFormValueBytes) return malformed("the answer to " + key + " is too long");
        total += v.size();
        if (!v.empty()) f.fields.emplace(std::move(key), std::move(v));
    }
    if (const QCborValue tables = m.value(k("tables")); !tables.isUndefined()) {
        if (!tables.isMap() || static_cast<std::size_t>(tables.toMap().size()) > kMaxFormTables) return malformed("tables");
        for (auto it = tables.toMap().constBegin(); it != tables.toMap().constEnd(); ++it) {
            std::string key;
            if (!keyOk(it.key(), key) || !it.value().isArray()) return malformed("a table is mistyped");
            const QCborArray rows = it.value().toArray();
            if (static_cast<std::size_t>(rows.size()) > kMaxFormRows) return malformed("the table " + key + " has too many rows");
            auto &out = f.tables[key];
            for (const QCborValue &row : rows) {
                if (!row.isArray() || static_cast<std::size_t>(row.toArray().size()) > kMaxFormCells) return malformed("a row of " + key);
                std::vector<std::string> cells;
                for (const QCborValue &cell : row.toArray()) {
                    if (!cell.isString()) return malformed("a cell of " + key);
                    cells.push_back(cell.toString().toStdString());
                    if (cells.back().size() > kMaxFormValueBytes) return malformed("a cell of " + key + " is too long");
                    total += cells.back().size();
                }
                out.push_back(std::move(cells));
            }
        }
    }
    if (total > kMaxFormTotalBytes) return malformed("the form is too long");
    return f;
}

Status checkFormCaps(const FormContent &form)
{
    // The same caps as decoding, by decoding what would be written: one definition of the limits.
    auto back = formFromCbor(formToCbor(form));
    if (!back) return back.error();
    return {};
}

std::string formSignatureStatement(FormKind kind, CaseRole role)
{
    switch (kind) {
    case FormKind::Referral:
        return role == CaseRole::Teacher ? "I understand the reason for referral to the Peer Assistance and Review (PAR) program."
                                         : "I completed this PAR referral and met with the teacher to explain the reason(s) for referral.";
    case FormKind::TeacherMou:
    case FormKind::AdministratorMou:
    case FormKind::MentorMou: return "I have read this Memorandum of Understanding and I will keep its commitments.";
    case FormKind::StandardsOfFocus: return "These are the standards on which this teacher will focus the work in PAR.";
    case FormKind::TriadMeeting: return "I took part in this triad meeting; this summary records it.";
    case FormKind::MeetingLog: return "This log records our meeting.";
    case FormKind::YearEndReport:
        return role == CaseRole::Teacher ? "I received this year-end report. Signing does not mean I agree with it."
                                         : "I have reviewed this year-end report and its determination.";
    case FormKind::PanelDeliberation: return "These notes record the panel's deliberation.";
    case FormKind::PanelDecision: return "This is the panel's decision, with its reasons, after its review of the case.";
    case FormKind::ConsultingTeacherPreferences: return "These are the consulting teachers I would prefer to work with, in order.";
    }
    return "I sign this form.";
}

QByteArray encodePayload(const FormSignature &s)
{
    QCborMap m;
    m[k("id")] = idValue(s.id);
    m[k("case")] = idValue(s.caseId);
    m[k("document")] = idValue(s.documentId);
    m[k("document_hash")] = qb(s.sealedHash);
    if (s.plaintextHash) m[k("content_hash")] = qb(*s.plaintextHash);
    m[k("form")] = QLatin1String(formKindKey(s.form));
    m[k("role")] = QLatin1String(caseRoleKey(s.role));
    m[k("signer")] = idValue(s.signerId);
    m[k("statement")] = QString::fromStdString(s.statement);
    m[k("signed_at")] = static_cast<qint64>(s.signedAtMs);
    if (!s.device.empty()) m[k("device")] = QString::fromStdString(s.device);
    return cbor(m);
}

Result<FormSignature> decodeFormSignature(const QByteArray &payload)
{
    const Error bad = makeError(errc::payload::kMalformed, "The form signature's content is not readable.");
    auto m = mapOf(payload);
    FormSignature s;
    if (!m || !toId(m->value(k("id")), s.id) || !toId(m->value(k("case")), s.caseId) || !toId(m->value(k("document")), s.documentId)
        || !toArray(m->value(k("document_hash")), s.sealedHash) || !toId(m->value(k("signer")), s.signerId))
        return bad;
    // The content hash is required: a signer signs what they read, not only bytes someone handed them.
    std::array<std::uint8_t, 32> content{};
    if (!toArray(m->value(k("content_hash")), content)) return bad;
    s.plaintextHash = content;
    const QCborValue form = m->value(k("form")), role = m->value(k("role")), statement = m->value(k("statement")),
                     at = m->value(k("signed_at")), device = m->value(k("device"));
    if (!form.isString() || !role.isString() || !statement.isString() || !at.isInteger()) return bad;
    auto kind = formKindFromKey(form.toString().toStdString());
    auto part = caseRoleFromKey(role.toString().toStdString());
    if (!kind || !part) return bad;
    s.form = *kind;
    s.role = *part;
    s.statement = statement.toString().toStdString();
    if (s.statement.size() > kMaxFormKeyBytes * 10) return bad;
    s.signedAtMs = at.toInteger();
    if (!device.isUndefined()) {
        if (!device.isString()) return bad;
        s.device = device.toString().toStdString();
        if (codePoints(s.device) > kMaxDeviceChars) return bad;
    }
    return s;
}

std::string renderFormText(const FormContent &form)
{
    std::string out = std::string(formKindTitle(form.kind)) + "\n";
    for (const auto &[key, value] : form.fields) out += key + ": " + value + "\n";
    for (const auto &[key, rows] : form.tables) {
        out += key + ":\n";
        for (const auto &row : rows) {
            out += "  -";
            for (const auto &cell : row) out += " | " + cell;
            out += "\n";
        }
    }
    return out;
}

} // namespace triad
