#include "report_printout.h"
#include "error_codes.h"

#include <QAbstractTextDocumentLayout>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <QPainter>
#include <QPdfDocument>
#include <QPdfSelection>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>
#include <QTimeZone>
#include <QUrl>

#include <set>

namespace triad::printout {
namespace {

QString esc(const std::string &s) { return QString::fromStdString(s).toHtmlEscaped(); }

// Paragraphs as typed: blank lines separate paragraphs, single newlines stay line breaks.
QString paragraphs(const std::string &text)
{
    QString html;
    const QStringList parts = QString::fromStdString(text).split(QRegularExpression(QStringLiteral("\\n\\s*\\n")), Qt::SkipEmptyParts);
    for (const QString &part : parts)
        html += QStringLiteral("<p>") + part.trimmed().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>")) + QStringLiteral("</p>");
    return html;
}

class Times {
public:
    explicit Times(const std::string &zone) : m_zone(QByteArray::fromStdString(zone)), m_locale(QLocale::English, QLocale::UnitedStates)
    {
        if (!m_zone.isValid()) m_zone = QTimeZone::utc();
    }
    QString at(std::int64_t ms) const
    {
        return m_locale.toString(QDateTime::fromMSecsSinceEpoch(ms, m_zone), QStringLiteral("ddd d MMM yyyy, h:mm AP"));
    }
    QString day(std::int64_t ms) const { return m_locale.toString(QDateTime::fromMSecsSinceEpoch(ms, m_zone), QStringLiteral("d MMMM yyyy")); }
    QString zoneName() const { return QString::fromUtf8(m_zone.id()); }

private:
    QTimeZone m_zone;
    QLocale m_locale;
};

const char *kStyle = R"(
  body { font-family: 'DejaVu Sans'; font-size: 10pt; color: #1a1a1a; }
  h1 { font-size: 17pt; margin: 0; }
  h2 { font-size: 12.5pt; margin-top: 16pt; margin-bottom: 4pt; color: #123c69; }
  h3 { font-size: 10.5pt; margin-top: 10pt; margin-bottom: 2pt; }
  .muted { color: #555555; }
  .small { font-size: 8.5pt; }
  .focus { color: #8a4b00; font-size: 8.5pt; }
  .quote { margin-left: 10pt; }
  .box { background-color: #f3f5f8; }
  .mono { font-family: 'DejaVu Sans Mono'; font-size: 7.5pt; }
  td { padding: 3pt; vertical-align: top; }
  th { padding: 3pt; text-align: left; background-color: #e6ebf1; font-size: 9pt; }
)";

} // namespace

QString reportHtml(const ReportPrintout &r)
{
    const Times t(r.timeZone);
    QString h = QStringLiteral("<html><head><style>") + QString::fromLatin1(kStyle) + QStringLiteral("</style></head><body>");

    h += QStringLiteral("<p class='muted small'>%1 · Peer Assistance and Review · Confidential personnel record</p>").arg(esc(r.district));
    h += QStringLiteral("<h1>%1 — version %2</h1>").arg(esc(r.title)).arg(r.version);
    if (r.supersededBy)
        h += QStringLiteral("<p><b>Superseded by version %1.</b> This version is kept unchanged as it was issued.</p>").arg(*r.supersededBy);
    h += QStringLiteral("<table width='100%' cellspacing='0'>");
    const auto row = [&](const char *label, const QString &value) {
        if (!value.isEmpty()) h += QStringLiteral("<tr><td width='28%' class='muted'>%1</td><td>%2</td></tr>").arg(QString::fromUtf8(label), value);
    };
    row("Teacher", esc(r.teacher));
    row("School", esc(r.school));
    row("Grade / subject", esc(r.gradeSubject));
    row("Case", esc(r.caseKind));
    row("PAR mentor", esc(r.mentor));
    row("Site administrator", esc(r.administrator));
    if (r.periodFromMs || r.periodToMs) row("Period covered", t.day(r.periodFromMs) + QStringLiteral(" to ") + t.day(r.periodToMs));
    if (r.issuedAtMs) row("Issued", t.at(r.issuedAtMs));
    row("Times shown in", t.zoneName());
    h += QStringLiteral("</table>");

    for (const Section &s : r.sections) {
        h += QStringLiteral("<h2>%1</h2>").arg(esc(s.heading));
        if (s.focus) h += QStringLiteral("<p class='focus'>STANDARD OF FOCUS</p>");
        h += paragraphs(s.narrative);
        if (s.excerpts.empty()) continue;
        h += QStringLiteral("<h3>Evidence from the observation notes</h3>");
        for (const Excerpt &e : s.excerpts) {
            QString tags;
            for (const std::string &tag : e.tags) tags += (tags.isEmpty() ? QString() : QStringLiteral(", ")) + esc(tag);
            h += QStringLiteral("<p class='quote'><span class='muted small'>%1%2</span><br/>“%3”</p>")
                     .arg(t.at(e.atMs), tags.isEmpty() ? QString() : QStringLiteral(" · CSTP ") + tags, esc(e.text));
            for (std::size_t i = 0; i < e.photos.size(); ++i)
                h += QStringLiteral("<p class='quote'><img src='photo:%1/%2' width='%3'/></p>")
                         .arg(QString::fromStdString(e.noteId))
                         .arg(i)
                         .arg(std::min(e.photos[i].width(), 240));
        }
    }
    if (!r.overall.empty()) h += QStringLiteral("<h2>Summary</h2>") + paragraphs(r.overall);

    h += QStringLiteral("<h2>Signature</h2><table width='100%' class='box' cellspacing='0' cellpadding='6'><tr><td>");
    const SignatureBlock &sig = r.signature;
    switch (sig.state) {
    case SignatureBlock::State::Awaiting: h += QStringLiteral("<b>Not signed.</b> The teacher has not acknowledged receipt of this version."); break;
    case SignatureBlock::State::Signed:
        h += QStringLiteral("<b>Acknowledged by %1</b> on %2<br/>“%3”<br/><span class='small muted'>Signing does not necessarily mean "
                            "agreement; it records that the teacher received a copy.</span>")
                 .arg(esc(sig.signer), t.at(sig.atMs), esc(sig.statement));
        break;
    case SignatureBlock::State::Declined:
        h += QStringLiteral("<b>The teacher declined to sign.</b> Recorded by %1 on %2, witnessed by %3.")
                 .arg(esc(sig.signer), t.at(sig.atMs), esc(sig.witness));
        break;
    }
    if (sig.state != SignatureBlock::State::Awaiting) {
        if (!sig.device.empty()) h += QStringLiteral("<br/><span class='small muted'>Device %1</span>").arg(esc(sig.device));
        if (!sig.contentHashHex.empty()) h += QStringLiteral("<br/><span class='mono'>content BLAKE2b-256 %1</span>").arg(esc(sig.contentHashHex));
        if (!sig.sealedHashHex.empty()) h += QStringLiteral("<br/><span class='mono'>sealed BLAKE2b-256 %1</span>").arg(esc(sig.sealedHashHex));
    }
    h += QStringLiteral("</td></tr></table>");

    h += QStringLiteral("<h2>Teacher's written response</h2>");
    if (r.responses.empty()) h += QStringLiteral("<p class='muted'>No written response is attached.</p>");
    for (const WrittenResponse &response : r.responses) {
        h += paragraphs(response.text);
        QString when = QStringLiteral("Written %1").arg(t.at(response.writtenAtMs));
        if (response.receivedByCaseStoreMs)
            when += QStringLiteral("; received by the district's case store %1").arg(t.at(*response.receivedByCaseStoreMs));
        h += QStringLiteral("<p class='small muted'>%1. %2</p>").arg(when, esc(response.timeliness));
    }

    if (!r.additionalEvidence.empty()) {
        h += QStringLiteral("<h2>Administrator's additional evidence</h2>");
        for (const AdditionalEvidence &e : r.additionalEvidence)
            h += QStringLiteral("<p class='small muted'>%1, %2</p>").arg(esc(e.author), t.at(e.atMs)) + paragraphs(e.text);
    }

    if (!r.audit.empty()) {
        // One paragraph per event, not a table row: a page break may split a paragraph (its lines read back once,
        // readPdf), but a table row split by one is written twice, clipped, into the PDF's text, which then no
        // longer verifies.
        h += QStringLiteral("<h2>Audit trail</h2>");
        for (const AuditEvent &e : r.audit)
            h += QStringLiteral("<p class='small'><b>%1</b><br/>device time %2 · case store time %3 · %4</p>")
                     .arg(esc(e.what), t.at(e.deviceTimeMs), e.caseStoreTimeMs ? t.at(*e.caseStoreTimeMs) : QStringLiteral("—"), esc(e.device));
    }

    h += QStringLiteral("<h2>For verification</h2><p class='small'>Each signed record this document rests on, with the BLAKE2b-256 "
                        "hashes of its sealed bytes and of its content. <span class='mono'>triadctl report verify --pdf</span> "
                        "compares them with the signed records.</p>");
    for (const PrintedRecord &rec : r.records)
        h += QStringLiteral("<p class='mono'>Record %1 %2<br/>signed by %3<br/>sealed BLAKE2b-256 %4<br/>content BLAKE2b-256 %5</p>")
                 .arg(esc(rec.kind), esc(rec.recordId), esc(rec.signer), esc(rec.sealedHashHex), esc(rec.contentHashHex));
    h += QStringLiteral("</body></html>");
    return h;
}

Status writeReportPdf(const ReportPrintout &r, const QString &path)
{
    QPdfWriter writer(path);
    writer.setPdfVersion(QPagedPaintDevice::PdfVersion_A1b);
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::Letter));
    writer.setPageMargins(QMarginsF(54, 54, 54, 54), QPageLayout::Point);
    writer.setTitle(
        QStringLiteral("%1 — version %2 — %3").arg(QString::fromStdString(r.title)).arg(r.version).arg(QString::fromStdString(r.teacher)));
    writer.setCreator(QStringLiteral("Triad"));

    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    doc.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 10));
    for (const Section &s : r.sections)
        for (const Excerpt &e : s.excerpts)
            for (std::size_t i = 0; i < e.photos.size(); ++i)
                doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("photo:%1/%2").arg(QString::fromStdString(e.noteId)).arg(i)),
                                e.photos[i]);
    doc.setHtml(reportHtml(r));

    const QRectF page = writer.pageLayout().paintRectPixels(writer.resolution());
    const qreal footer = writer.resolution() * 0.35; // a quarter inch and a bit
    const QSizeF body(page.width(), page.height() - footer);
    doc.setPageSize(body);
    const int pages = doc.pageCount();

    QPainter painter;
    if (!painter.begin(&writer)) return makeError(errc::pdf::kWriteFailed, "The PDF could not be written to " + path.toStdString() + ".");
    QFont footerFont(QStringLiteral("DejaVu Sans"), 7);
    const QString footerLeft =
        QStringLiteral("%1 — version %2 · %3").arg(QString::fromStdString(r.title)).arg(r.version).arg(QString::fromStdString(r.teacher));
    for (int i = 0; i < pages; ++i) {
        if (i > 0) writer.newPage();
        painter.save();
        painter.translate(0, -body.height() * i);
        // The page's slice, a pixel in from each edge: a line that only touches the page break belongs to one page, so
        // no text is written (clipped, invisible, but in the PDF's text) on the page beside it as well.
        doc.drawContents(&painter, QRectF(0, body.height() * i + 1, body.width(), body.height() - 2));
        painter.restore();
        painter.setFont(footerFont);
        painter.setPen(QColor(0x55, 0x55, 0x55));
        const QRectF foot(0, body.height(), body.width(), footer);
        painter.drawText(foot, Qt::AlignLeft | Qt::AlignBottom, footerLeft);
        painter.drawText(foot, Qt::AlignRight | Qt::AlignBottom, QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages));
    }
    if (!painter.end()) return makeError(errc::pdf::kWriteFailed, "The PDF could not be written to " + path.toStdString() + ".");
    if (!QFile::exists(path) || QFile(path).size() == 0)
        return makeError(errc::pdf::kWriteFailed, "The PDF could not be written to " + path.toStdString() + ".");
    return {};
}

Result<PdfContents> readPdf(const QString &path)
{
    const Error unreadable = makeError(errc::pdf::kUnreadable, "This file cannot be read as a PDF: " + path.toStdString() + ".");
    if (QFileInfo(path).size() > kMaxPdfBytes) return unreadable;
    QPdfDocument pdf;
    if (pdf.load(path) != QPdfDocument::Error::None || pdf.pageCount() <= 0 || pdf.pageCount() > 10000) return unreadable;
    // Page by page, line by line. A paragraph split by a page break is written whole on the second page, its first
    // lines clipped away out of sight but still in the PDF's text: lines that open a page repeating those that close
    // the page before are dropped, so the text is what a reader sees.
    PdfContents out;
    static const QRegularExpression lineBreaks(QStringLiteral("[\\r\\n\\x{2028}\\x{2029}]+"));
    QStringList previous;
    for (int p = 0; p < pdf.pageCount(); ++p) {
        QStringList lines;
        for (const QString &line : pdf.getAllText(p).text().split(lineBreaks, Qt::SkipEmptyParts))
            if (const QString l = line.simplified(); !l.isEmpty()) lines << l;
        const QStringList tail = previous.mid(std::max<qsizetype>(0, previous.size() - 6));
        while (!lines.isEmpty() && tail.contains(lines.front())) lines.removeFirst();
        out.text += lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        previous = lines;
    }
    const qsizetype section = out.text.lastIndexOf(QLatin1String("For verification"));
    if (section < 0) return makeError(errc::pdf::kNoRecords, "This PDF has no Triad verification section: " + path.toStdString() + ".");

    // The form reportHtml() prints, line by line; the page footers may fall between the lines of a record.
    static const QRegularExpression head(QStringLiteral("^Record ([a-z_]{1,40}) ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"));
    static const QRegularExpression signer(QStringLiteral("^signed by (.{0,300})$"));
    static const QRegularExpression sealed(QStringLiteral("^sealed BLAKE2b-256 ([0-9a-f]{64})$"));
    static const QRegularExpression content(QStringLiteral("^content BLAKE2b-256 ([0-9a-f]{64})$"));
    // A page's footer line ("… Page N of M") falls between a record's lines when a page break splits the record.
    static const QRegularExpression pageFooter(QStringLiteral(" Page \\d+ of \\d+$"));
    std::vector<QString> lines;
    for (const QString &line : out.text.mid(section).split(lineBreaks, Qt::SkipEmptyParts))
        if (const QString l = line.simplified(); !l.isEmpty() && !pageFooter.match(l).hasMatch()) lines.push_back(l);
    const Error bad = makeError(errc::pdf::kBadRecords, "The PDF's verification section is not in Triad's form: " + path.toStdString() + ".");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto h = head.match(lines[i]);
        if (!h.hasMatch()) continue; // the section's explanation, a page footer
        if (i + 3 >= lines.size()) return bad;
        const auto by = signer.match(lines[i + 1]), s = sealed.match(lines[i + 2]), c = content.match(lines[i + 3]);
        if (!by.hasMatch() || !s.hasMatch() || !c.hasMatch()) return bad;
        PrintedRecord r{h.captured(1).toStdString(), h.captured(2).toStdString(), by.captured(1).toStdString(), s.captured(1).toStdString(),
                        c.captured(1).toStdString()};
        if (!seen.insert(r.recordId).second) return bad;
        out.records.push_back(std::move(r));
        i += 3;
    }
    if (out.records.empty()) return makeError(errc::pdf::kNoRecords, "This PDF has no Triad verification lines: " + path.toStdString() + ".");
    out.text = out.text.simplified();
    return out;
}

Result<std::vector<PrintedRecord>> readPrintedRecords(const QString &path)
{
    auto pdf = readPdf(path);
    if (!pdf) return pdf.error();
    return std::move(pdf->records);
}

QString footerText(const ReportPrintout &r)
{
    return QStringLiteral("%1 — version %2 · %3").arg(QString::fromStdString(r.title)).arg(r.version).arg(QString::fromStdString(r.teacher));
}

QString plainText(const ReportPrintout &printout)
{
    QTextDocument doc;
    doc.setHtml(reportHtml(printout));
    return doc.toPlainText().simplified();
}

} // namespace triad::printout
