#include "signature_records.h"
#include "error_codes.h"

#include "payload_cbor.h"

#include <QCborMap>
#include <QCborValue>

#include <algorithm>

namespace triad {

using namespace payload;

namespace {

Error malformed(const char *what) { return makeError(errc::payload::kMalformed, std::string("The ") + what + "'s content is not readable."); }

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// A text value, or nothing when the key holds something else.
std::optional<std::string> textOf(const QCborMap &m, const char *key)
{
    const QCborValue v = m.value(k(key));
    if (!v.isString()) return std::nullopt;
    return v.toString().toStdString();
}

// An integer value; never toInteger() on a double (an integer above INT64_MAX arrives as one, and casting it is UB).
std::optional<std::int64_t> integerOf(const QCborMap &m, const char *key)
{
    const QCborValue v = m.value(k(key));
    if (!v.isInteger()) return std::nullopt;
    return v.toInteger();
}

} // namespace

std::size_t codePoints(std::string_view utf8)
{
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

const char *acknowledgementStatementFor(DocumentType type)
{
    return type == DocumentType::Report ? kReportAcknowledgementStatement : kDocumentAcknowledgementStatement;
}

std::vector<std::string_view> acceptedAcknowledgementStatements(DocumentType type)
{
    // Reports: the statement of issue 12, and the one every acknowledgement signed before it carried.
    if (type == DocumentType::Report) return {kReportAcknowledgementStatement, kDocumentAcknowledgementStatement};
    return {kDocumentAcknowledgementStatement};
}

bool acceptedAcknowledgementStatement(std::optional<DocumentType> type, std::string_view statement)
{
    auto in = [&](DocumentType t) {
        const auto accepted = acceptedAcknowledgementStatements(t);
        return std::find(accepted.begin(), accepted.end(), statement) != accepted.end();
    };
    if (type) return in(*type);
    // The document cannot be read here (sealed to others): any statement Triad ever had a teacher sign.
    return std::any_of(std::begin(kAllDocumentTypes), std::end(kAllDocumentTypes), in);
}

bool acceptedAgreementText(bool withdrawn, std::string_view text)
{
    return text == (withdrawn ? kElectronicRecordsWithdrawalText : kElectronicRecordsAgreementText);
}

QByteArray encodePayload(const ElectronicRecordsAgreement &a)
{
    QCborMap m;
    m[k("id")] = idValue(a.id);
    m[k("case")] = idValue(a.caseId);
    m[k("teacher")] = idValue(a.teacherId);
    m[k("action")] = QLatin1String(a.withdrawn ? "withdrawn" : "agreed");
    m[k("text")] = QString::fromStdString(a.text);
    m[k("sequence")] = static_cast<qint64>(a.sequence);
    m[k("signed_at")] = static_cast<qint64>(a.signedAtMs);
    return cbor(m);
}

Result<ElectronicRecordsAgreement> decodeElectronicRecordsAgreement(const QByteArray &payload)
{
    const Error bad = malformed("electronic records agreement");
    auto m = mapOf(payload);
    ElectronicRecordsAgreement a;
    if (!m || !toId(m->value(k("id")), a.id) || !toId(m->value(k("case")), a.caseId) || !toId(m->value(k("teacher")), a.teacherId)) return bad;
    const auto action = textOf(*m, "action");
    const auto text = textOf(*m, "text");
    const auto sequence = integerOf(*m, "sequence"), at = integerOf(*m, "signed_at");
    if (!action || (*action != "agreed" && *action != "withdrawn") || !text || !sequence || *sequence < 1 || !at) return bad;
    a.withdrawn = *action == "withdrawn";
    a.text = *text;
    a.sequence = static_cast<std::uint64_t>(*sequence);
    a.signedAtMs = *at;
    return a;
}

QByteArray encodePayload(const SignatureDecline &d)
{
    QCborMap m;
    m[k("id")] = idValue(d.id);
    m[k("case")] = idValue(d.caseId);
    m[k("document")] = idValue(d.documentId);
    m[k("document_hash")] = qb(d.sealedHash);
    if (d.plaintextHash) m[k("content_hash")] = qb(*d.plaintextHash);
    m[k("declined_on")] = d.declinedOn.toString(Qt::ISODate);
    m[k("witness")] = QString::fromStdString(d.witness);
    if (!d.note.empty()) m[k("note")] = QString::fromStdString(d.note);
    m[k("recorded_by")] = idValue(d.recordedBy);
    m[k("recorded_at")] = static_cast<qint64>(d.recordedAtMs);
    return cbor(m);
}

Result<SignatureDecline> decodeSignatureDecline(const QByteArray &payload)
{
    const Error bad = malformed("declined signature");
    auto m = mapOf(payload);
    SignatureDecline d;
    if (!m || !toId(m->value(k("id")), d.id) || !toId(m->value(k("case")), d.caseId) || !toId(m->value(k("document")), d.documentId)
        || !toArray(m->value(k("document_hash")), d.sealedHash) || !toId(m->value(k("recorded_by")), d.recordedBy))
        return bad;
    if (std::array<std::uint8_t, 32> h{}; toArray(m->value(k("content_hash")), h)) d.plaintextHash = h;
    const auto on = textOf(*m, "declined_on"), witness = textOf(*m, "witness");
    const auto at = integerOf(*m, "recorded_at");
    if (!on || on->size() != 10 || !witness || !at) return bad;
    d.declinedOn = QDate::fromString(QString::fromStdString(*on), Qt::ISODate);
    if (!d.declinedOn.isValid() || blank(*witness) || codePoints(*witness) > kMaxWitnessChars) return bad;
    d.witness = *witness;
    if (const QCborValue note = m->value(k("note")); !note.isUndefined()) {
        if (!note.isString()) return bad;
        d.note = note.toString().toStdString();
        if (codePoints(d.note) > kMaxDeclineNoteChars) return bad;
    }
    d.recordedAtMs = *at;
    return d;
}

const char *reportEventKindKey(ReportEventKind kind) { return kind == ReportEventKind::Viewed ? "viewed" : "delivered"; }

QByteArray encodePayload(const ReportEvent &e)
{
    QCborMap m;
    m[k("id")] = idValue(e.id);
    m[k("case")] = idValue(e.caseId);
    m[k("document")] = idValue(e.documentId);
    m[k("document_hash")] = qb(e.sealedHash);
    if (e.plaintextHash) m[k("content_hash")] = qb(*e.plaintextHash);
    m[k("kind")] = QLatin1String(reportEventKindKey(e.kind));
    m[k("teacher")] = idValue(e.teacherId);
    m[k("device")] = QString::fromStdString(e.device);
    m[k("at")] = static_cast<qint64>(e.atMs);
    return cbor(m);
}

Result<ReportEvent> decodeReportEvent(const QByteArray &payload)
{
    const Error bad = malformed("report event");
    auto m = mapOf(payload);
    ReportEvent e;
    if (!m || !toId(m->value(k("id")), e.id) || !toId(m->value(k("case")), e.caseId) || !toId(m->value(k("document")), e.documentId)
        || !toArray(m->value(k("document_hash")), e.sealedHash) || !toId(m->value(k("teacher")), e.teacherId))
        return bad;
    if (std::array<std::uint8_t, 32> h{}; toArray(m->value(k("content_hash")), h)) e.plaintextHash = h;
    const auto kind = textOf(*m, "kind"), device = textOf(*m, "device");
    const auto at = integerOf(*m, "at");
    if (!kind || (*kind != "delivered" && *kind != "viewed") || !device || codePoints(*device) > kMaxDeviceChars || !at) return bad;
    e.kind = *kind == "viewed" ? ReportEventKind::Viewed : ReportEventKind::Delivered;
    e.device = *device;
    e.atMs = *at;
    return e;
}

QByteArray encodePayload(const ResponseDraft &d)
{
    QCborMap m;
    m[k("report")] = idValue(d.reportVersionId);
    m[k("text")] = QString::fromStdString(d.text);
    m[k("updated_at")] = static_cast<qint64>(d.updatedAtMs);
    return cbor(m);
}

Result<ResponseDraft> decodeResponseDraft(const QByteArray &payload)
{
    auto m = mapOf(payload);
    ResponseDraft d;
    const auto text = m ? textOf(*m, "text") : std::nullopt;
    const auto at = m ? integerOf(*m, "updated_at") : std::nullopt;
    if (!m || !toId(m->value(k("report")), d.reportVersionId) || !text || !at) return malformed("response draft");
    d.text = *text;
    d.updatedAtMs = *at;
    return d;
}

} // namespace triad
