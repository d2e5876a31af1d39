#include "report_export.h"
#include "error_codes.h"

#include "audit_service.h"
#include "case_records.h"
#include "case_service.h"
#include "document_store.h"
#include "evidence_store.h"
#include "receipt_store.h"
#include "report_service.h"
#include "sealed_record.h"
#include "signature_service.h"

#include <algorithm>
#include <limits>
#include <map>

#include <QRegularExpression>
#include <tuple>

namespace triad::printout {
namespace {

std::span<const std::uint8_t> bytesOf(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()), static_cast<std::size_t>(b.size())};
}

std::string hex(const std::array<std::uint8_t, 32> &h)
{
    return QByteArray(reinterpret_cast<const char *>(h.data()), static_cast<qsizetype>(h.size())).toHex().toStdString();
}

std::string keyHex(const crypto::KeyId &k)
{
    return QByteArray(reinterpret_cast<const char *>(k.data()), static_cast<qsizetype>(k.size())).toHex().toStdString();
}

// Who signed the record, as the district certified them when it was signed ("Alex Rivera (PAR mentor)"; a
// certificate that has expired since still names its signer, a personnel-file PDF outlives certificates); empty when
// not certified then.
std::string certifiedSigner(const store::LocalStore &store, std::span<const std::uint8_t> body)
{
    const auto header = crypto::parseHeader(body);
    if (!header || !store.keyDirectory()) return {};
    const auto cert = store.keyDirectory()->certificateForSigner(header->authorKeyId, header->createdAtMs);
    if (!cert) return {};
    std::string roles;
    for (Role r : cert->roles) roles += (roles.empty() ? "" : ", ") + std::string(roleName(r));
    return cert->displayName + (roles.empty() ? "" : " (" + roles + ")");
}

// The record held here, its hashes and signer, as the printout lists it; nullopt when it is not held or cannot be
// opened here.
struct Opened {
    std::vector<std::uint8_t> body;
    QByteArray plaintext;
    PrintedRecord printed;
};
Result<std::optional<Opened>> openForPrinting(store::LocalStore &store, const RecordId &id, const char *kind)
{
    auto held = store.heldRecord(id);
    if (!held) return held.error();
    if (!*held) return std::optional<Opened>{};
    auto plaintext = store.openRecord((*held)->body, id, (*held)->type);
    if (!plaintext) return std::optional<Opened>{};
    Opened o{(*held)->body, *plaintext, {}};
    o.printed = {kind, id.toString(), certifiedSigner(store, o.body), hex(crypto::sealedHash(o.body)),
                 hex(crypto::plaintextHash(bytesOf(o.plaintext)))};
    return std::optional<Opened>(std::move(o));
}

std::optional<std::int64_t> receivedByCaseStore(store::LocalStore &store, const RecordId &id)
{
    auto r = store::ReceiptStore(store).of(id);
    if (!r || !*r) return std::nullopt;
    return (*r)->receivedAtMs;
}

std::string deviceOf(std::span<const std::uint8_t> body)
{
    const auto h = crypto::parseHeader(body);
    return h ? "signing key " + keyHex(h->authorKeyId).substr(0, 16) : std::string();
}

// Text reduced to its letters and digits, so layout (line and page breaks, spacing, table cells, quotation marks)
// never decides a comparison but every word does.
QString comparable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text.normalized(QString::NormalizationForm_KC)) // a PDF's "ﬁ" ligature reads as "fi"
        if (ch.isLetterOrNumber()) out += ch;
    return out;
}

// The PDF's text without what every page adds (its footer and "Page N of M"), and without the notice that a later
// version supersedes this one: that is the printing device's knowledge, not part of the signed records, and a verifier
// that has not received the later version yet would otherwise refuse a genuine PDF.
QString printedBody(QString text, const ReportPrintout &expected)
{
    text.remove(footerText(expected));
    text.remove(QRegularExpression(QStringLiteral("Page \\d+ of \\d+")));
    text.remove(QRegularExpression(
        QStringLiteral("Superseded\\s+by\\s+version\\s+\\d+\\.\\s+This\\s+version\\s+is\\s+kept\\s+unchanged\\s+as\\s+it\\s+was\\s+issued\\.")));
    return text;
}

} // namespace

Result<ReportPrintout> assemble(store::LocalStore &store, const RecordId &reportId, std::optional<std::int64_t> version)
{
    auto history = store::ReportService(store).report(reportId);
    if (!history) return history.error();
    const store::ReportVersion *chosen = nullptr;
    for (const auto &v : history->versions)
        if (version ? v.number == *version : v.current) chosen = &v;
    if (!chosen)
        return makeError(errc::report::kUnknownVersion, "Report " + history->lineageId.toString() + " has no version "
                                                       + (version ? std::to_string(*version) : std::string("current")) + " held here.");
    const Document &doc = chosen->document;
    auto parCase = store::CaseService(store).parCase(doc.caseId);
    if (!parCase) return parCase.error();
    // Names as the district certified them; a person record held here otherwise (a store not enrolled).
    auto names = store::CaseService(store).names();
    if (!names) return names.error();
    const auto nameOf = [&](const std::optional<RecordId> &id) -> std::string {
        if (!id) return {};
        auto it = names->find(*id);
        return it != names->end() ? it->second : std::string();
    };

    ReportPrintout out;
    if (store.keyDirectory()) out.district = store.keyDirectory()->district().name;
    auto policy = store::policyOfCase(*parCase);
    if (!policy) return policy.error();
    out.timeZone = policy->timeZone;
    out.teacher = nameOf(parCase->teacherId);
    out.mentor = nameOf(parCase->mentorId);
    out.administrator = nameOf(parCase->administratorId);
    out.school = parCase->school;
    out.gradeSubject = parCase->gradeSubject;
    out.caseKind = caseKindName(parCase->kind);
    if (!out.caseKind.empty()) out.caseKind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out.caseKind[0])));
    out.title = "PAR report";
    out.version = static_cast<int>(chosen->number);
    if (chosen->supersededByNumber) out.supersededBy = static_cast<int>(*chosen->supersededByNumber);
    out.issuedAtMs = doc.createdAtMs;

    store::EvidenceStore evidence(store);
    if (doc.report) {
        out.periodFromMs = doc.report->fromMs;
        out.periodToMs = std::max(doc.report->fromMs, doc.report->toMs - 1);
        for (const ReportSection &s : doc.report->sections) {
            Section section{s.title, s.focus, s.narrative, {}};
            for (const ReportExcerpt &e : s.excerpts) {
                Excerpt ex{e.takenAtMs, e.text, e.tags, {}, e.noteId.toString()};
                for (const ReportEvidenceRef &ref : e.evidence) {
                    if (ref.kind != "photo") continue;
                    if (auto media = evidence.readMedia(ref.id)) {
                        QImage image;
                        if (image.loadFromData(*media)) ex.photos.push_back(std::move(image));
                    }
                }
                section.excerpts.push_back(std::move(ex));
            }
            out.sections.push_back(std::move(section));
        }
        out.overall = doc.report->narrative;
    } else {
        out.sections.push_back({"Report", false, doc.text, {}}); // a free-text report (before structured reports)
    }

    auto report = openForPrinting(store, doc.id, "report");
    if (!report) return report.error();
    if (*report) {
        out.records.push_back((*report)->printed);
    }

    store::DocumentStore documents(store);
    auto ackId = documents.acknowledgementOf(doc.id, *parCase);
    if (!ackId) return ackId.error();
    if (*ackId) {
        auto ack = openForPrinting(store, **ackId, "acknowledgement");
        if (!ack) return ack.error();
        if (*ack) {
            auto decoded = decodeAcknowledgement((*ack)->plaintext);
            if (!decoded) return decoded.error();
            out.signature.state = SignatureBlock::State::Signed;
            out.signature.signer = out.teacher;
            out.signature.atMs = decoded->signedAtMs;
            out.signature.statement = decoded->statement;
            out.signature.device = deviceOf((*ack)->body);
            out.signature.sealedHashHex = hex(decoded->sealedHash);
            if (decoded->plaintextHash) out.signature.contentHashHex = hex(*decoded->plaintextHash);
            out.records.push_back((*ack)->printed);
        }
    }
    // The teacher declined to sign: the PAR mentor's record of it, with the date and the witness.
    if (out.signature.state == SignatureBlock::State::Awaiting) {
        auto decline = store::SignatureService(store).declineOf(doc.id);
        if (!decline) return decline.error();
        if (*decline) {
            auto declined = openForPrinting(store, (*decline)->id, "declined_signature");
            if (!declined) return declined.error();
            if (*declined) {
                out.signature.state = SignatureBlock::State::Declined;
                out.signature.signer = nameOf((*decline)->recordedBy);
                out.signature.atMs = (*decline)->recordedAtMs;
                out.signature.witness = (*decline)->witness;
                out.signature.device = deviceOf((*declined)->body);
                out.signature.sealedHashHex = hex((*decline)->sealedHash);
                if ((*decline)->plaintextHash) out.signature.contentHashHex = hex(*(*decline)->plaintextHash);
                out.records.push_back((*declined)->printed);
            }
        }
    }

    // Every written response attached to this version readable here, in the order they reached the case store (then
    // by when they were written): which ones print never depends on the order a case store delivered them.
    auto all = documents.list(doc.caseId);
    if (!all) return all.error();
    struct Attached {
        WrittenResponse response;
        std::optional<Opened> opened;
        RecordId id;
    };
    std::vector<Attached> attached;
    for (const store::DocumentView &v : *all) {
        if (!v.readable || !v.document || v.document->type != DocumentType::TeacherResponse || v.document->refersTo != doc.id) continue;
        auto response = openForPrinting(store, v.document->id, "teacher_response");
        if (!response) return response.error();
        const auto received = receivedByCaseStore(store, v.document->id);
        attached.push_back({{v.document->text, v.document->createdAtMs, received,
                             received ? "Received by the case store." : "Its arrival at the case store is not attested on this device."},
                            std::move(*response),
                            v.document->id});
    }
    std::sort(attached.begin(), attached.end(), [](const Attached &a, const Attached &b) {
        const auto key = [](const Attached &x) {
            return std::tuple(x.response.receivedByCaseStoreMs.value_or(std::numeric_limits<std::int64_t>::max()), x.response.writtenAtMs,
                              x.id.toString());
        };
        return key(a) < key(b);
    });
    for (Attached &a : attached) {
        if (a.opened) out.records.push_back(a.opened->printed);
        out.responses.push_back(std::move(a.response));
    }

    // The site administrator's additional evidence attached to this version (referred cases), oldest first.
    store::AuditService audit(store);
    auto evidenceDocs = audit.evidenceOf(doc.id);
    if (!evidenceDocs) return evidenceDocs.error();
    for (const Document &e : *evidenceDocs) {
        auto opened = openForPrinting(store, e.id, "administrator_evidence");
        if (!opened) return opened.error();
        if (!*opened) continue;
        out.records.push_back((*opened)->printed);
        out.additionalEvidence.push_back({nameOf(e.authorPersonId) + " (site administrator)", e.createdAtMs, e.text});
    }

    // The trail (store/audit_service.h): every event from a signed record checked here; the report events' records are
    // listed for verification too (the others are listed above).
    auto trail = audit.trail(doc.id);
    if (!trail) return trail.error();
    for (const store::TrailEvent &e : *trail) {
        out.audit.push_back({e.what, e.deviceTimeMs, e.caseStoreTimeMs, e.device});
        if (e.kind != store::TrailEvent::Kind::Delivered && e.kind != store::TrailEvent::Kind::Viewed) continue;
        auto opened = openForPrinting(store, e.recordId, "report_event");
        if (!opened) return opened.error();
        if (*opened) out.records.push_back((*opened)->printed);
    }
    return out;
}

Result<std::vector<RecordCheck>> checkPrintedRecords(store::LocalStore &store, const std::vector<PrintedRecord> &printed)
{
    std::vector<RecordCheck> out;
    for (const PrintedRecord &p : printed) {
        RecordCheck c{p, false, {}};
        const auto id = RecordId::fromString(p.recordId);
        auto held = id ? store.heldRecord(*id) : Result<std::optional<store::LocalStore::HeldRecord>>(std::optional<store::LocalStore::HeldRecord>{});
        if (!held) return held.error();
        if (!*held) {
            c.finding = "Record " + p.recordId + " is not held on this device; sync, or verify on a device of someone who may read it.";
        } else if (hex(crypto::sealedHash((*held)->body)) != p.sealedHashHex) {
            c.finding =
                "The printed sealed hash of " + p.recordId + " is not that of the signed record held here: the PDF or the record was altered.";
        } else if (auto verified = crypto::verifyAuthor((*held)->body, store.authorLookup()); !verified) {
            c.finding = "The record " + p.recordId + " held here fails its signature check: " + verified.error().message;
        } else if (const std::string signer = certifiedSigner(store, (*held)->body); signer != p.signer) {
            c.finding = "The PDF says " + p.recordId + " was signed by \"" + p.signer + "\", but its certified signer is \"" + signer + "\".";
        } else if (auto plaintext = store.openRecord((*held)->body, *id, (*held)->type); !plaintext) {
            c.ok = true;
            c.finding = "Signature and sealed bytes match; its content cannot be opened by this person, so the content hash was not checked.";
        } else if (hex(crypto::plaintextHash(bytesOf(*plaintext))) != p.contentHashHex) {
            c.finding = "The printed content hash of " + p.recordId + " is not that of the record's content: the PDF was altered.";
        } else {
            c.ok = true;
            c.finding = "Signed by " + signer + "; sealed bytes and content match what is printed.";
        }
        out.push_back(std::move(c));
    }
    return out;
}

Result<PdfVerdict> verifyReportPdf(store::LocalStore &store, const QString &path)
{
    auto pdf = readPdf(path);
    if (!pdf) return pdf.error();
    PdfVerdict verdict;
    auto checks = checkPrintedRecords(store, pdf->records);
    if (!checks) return checks.error();
    verdict.records = std::move(*checks);
    for (const RecordCheck &c : verdict.records)
        if (!c.ok) verdict.problems.push_back(c.finding);

    // Exactly one report, and the PDF's records and text are what this device assembles for that very version.
    std::vector<const PrintedRecord *> reports;
    for (const PrintedRecord &r : pdf->records)
        if (r.kind == "report") reports.push_back(&r);
    if (reports.size() != 1) {
        verdict.problems.push_back("The PDF lists " + std::to_string(reports.size()) + " report records; a report PDF lists exactly one.");
        return verdict;
    }
    const auto reportId = RecordId::fromString(reports.front()->recordId);
    auto history = reportId ? store::ReportService(store).report(*reportId) : Result<store::ReportHistory>(makeError("", ""));
    if (!history) {
        verdict.problems.push_back("The report the PDF names is not readable on this device, so its content and its signature block "
                                   "were not compared.");
        return verdict;
    }
    std::optional<std::int64_t> number;
    for (const auto &v : history->versions)
        if (v.document.id == *reportId) number = v.number;
    auto expected = assemble(store, *reportId, number);
    if (!expected) return expected.error();
    expected->supersededBy.reset(); // see printedBody()
    if (expected->records != pdf->records)
        verdict.problems.push_back("The PDF's list of signed records is not the one this report version has here (a record relabelled, "
                                   "missing, added or from another report).");
    if (comparable(plainText(*expected)) != comparable(printedBody(pdf->text, *expected)))
        verdict.problems.push_back("The PDF's text is not the text of the signed records: something in the report, its signature block, "
                                   "the response or the audit trail was changed.");
    verdict.contentCompared = true;
    return verdict;
}

} // namespace triad::printout
