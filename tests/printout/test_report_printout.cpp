// The personnel-file PDF: laid out headless, read back, its verification lines found exactly as printed.
// TRIAD_PDF_OUT=dir keeps the PDFs for a look (pdftoppm -png -r 60 dir/report.pdf page).
#include "report_printout.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLinearGradient>
#include <QPainter>
#include <QPdfDocument>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace triad;
using namespace triad::printout;

namespace {

QGuiApplication &app()
{
    static int argc = 1;
    static char name[] = "test_report_printout";
    static char *argv[] = {name, nullptr};
    static QGuiApplication instance(argc, argv);
    return instance;
}

QImage photo(int seed)
{
    QImage img(640, 400, QImage::Format_RGB32);
    QPainter p(&img);
    QLinearGradient g(0, 0, 640, 400);
    g.setColorAt(0, QColor::fromHsv((seed * 70) % 360, 120, 230));
    g.setColorAt(1, QColor::fromHsv((seed * 70 + 120) % 360, 160, 120));
    p.fillRect(img.rect(), g);
    p.setPen(Qt::white);
    p.setFont(QFont(QStringLiteral("DejaVu Sans"), 36));
    p.drawText(img.rect(), Qt::AlignCenter, QStringLiteral("Whiteboard %1").arg(seed));
    return img;
}

std::string hex64(char c) { return std::string(64, c); }

constexpr std::int64_t kIssued = 1796140800000; // Tue 1 Dec 2026 08:00 PST (16:00 UTC)

ReportPrintout sample(int excerptsPerSection = 3, int photos = 2)
{
    ReportPrintout r;
    r.district = "Demo Unified School District";
    r.teacher = "Jordan Lee";
    r.school = "Lincoln Middle School";
    r.gradeSubject = "Grade 7 science";
    r.mentor = "Alex Rivera";
    r.administrator = "Sam Ortiz";
    r.caseKind = "Referred";
    r.title = "Progress report";
    r.version = 2;
    r.periodFromMs = kIssued - 42LL * 86400000;
    r.periodToMs = kIssued - 86400000;
    r.issuedAtMs = kIssued;
    const char *headings[] = {"Standard 2 — Creating and Maintaining Effective Environments for Student Learning",
                              "Standard 4 — Planning Instruction and Designing Learning Experiences for All Students",
                              "Standard 1 — Engaging and Supporting All Students in Learning"};
    int photo_n = 0;
    for (int s = 0; s < 3; ++s) {
        Section sec;
        sec.heading = headings[s];
        sec.focus = s < 2;
        sec.narrative = "Routines for transitions are now posted and practised.\n\nStudents moved to lab stations in under two minutes on three of "
                        "four visits; the fourth visit <b>lost</b> eight minutes to materials.";
        for (int e = 0; e < excerptsPerSection; ++e) {
            Excerpt ex;
            ex.atMs = kIssued - (20 - e) * 86400000LL + s * 600000;
            ex.text = "09:" + std::to_string(10 + e) + " Teacher signals with the chime; 24 of 28 students stop and face front within 5 s.";
            ex.tags = {std::to_string(s + 1) + ".2", std::to_string(s + 1) + ".4"};
            ex.noteId = "7d5c1a2e-0000-4000-8000-00000000000" + std::to_string(e % 10);
            if (photo_n < photos) ex.photos.push_back(photo(photo_n++));
            sec.excerpts.push_back(ex);
        }
        r.sections.push_back(sec);
    }
    r.overall = "Clear growth in classroom routines; planning for differentiated groups is the next focus.";
    r.signature.state = SignatureBlock::State::Signed;
    r.signature.signer = "Jordan Lee";
    r.signature.atMs = kIssued + 26 * 3600000LL;
    r.signature.statement = "I acknowledge that I received this report. Signing does not mean I agree with it.";
    r.signature.device = "phone 3f9a…";
    r.signature.contentHashHex = hex64('a');
    r.signature.sealedHashHex = hex64('b');
    r.responses.push_back(WrittenResponse{"I disagree with the description of the fourth visit: the lab materials had not been delivered.",
                                          kIssued + 3 * 86400000LL, kIssued + 3 * 86400000LL + 120000,
                                          "On time: received 7 days before the window closed."});
    r.additionalEvidence.push_back({"Sam Ortiz", kIssued + 5 * 86400000LL, "Walk-through on 5 December: routines observed as described."});
    r.audit = {{"Issued", kIssued, kIssued + 900, "tablet 11aa…"},
               {"Delivered to the teacher's phone", kIssued + 3600000, kIssued + 3600000, "phone 3f9a…"},
               {"First viewed", kIssued + 7200000, std::nullopt, "phone 3f9a…"},
               {"Signed", kIssued + 26 * 3600000LL, kIssued + 26 * 3600000LL + 5000, "phone 3f9a…"}};
    r.records = {{"report", "0f1e2d3c-4b5a-4697-8877-665544332211", "Alex Rivera (PAR mentor)", hex64('1'), hex64('2')},
                 {"acknowledgement", "1a2b3c4d-5e6f-4a0b-9c1d-2e3f4a5b6c7d", "Jordan Lee (teacher)", hex64('b'), hex64('3')},
                 {"teacher_response", "99999999-8888-4777-a666-555555555555", "Jordan Lee (teacher)", hex64('4'), hex64('5')}};
    return r;
}

QString outDir(QTemporaryDir &tmp)
{
    const QByteArray keep = qgetenv("TRIAD_PDF_OUT");
    if (!keep.isEmpty()) {
        QDir().mkpath(QString::fromLocal8Bit(keep));
        return QString::fromLocal8Bit(keep);
    }
    return tmp.path();
}

int pageCount(const QString &path)
{
    QPdfDocument pdf;
    REQUIRE(pdf.load(path) == QPdfDocument::Error::None);
    return pdf.pageCount();
}

} // namespace

TEST_CASE("a report's PDF carries its verification lines exactly as given", "[pdf]")
{
    app();
    QTemporaryDir tmp;
    const QString path = outDir(tmp) + QStringLiteral("/report.pdf");
    const ReportPrintout r = sample();
    REQUIRE(writeReportPdf(r, path));

    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.read(5) == "%PDF-");
    CHECK(pageCount(path) >= 2);

    const auto records = readPrintedRecords(path);
    REQUIRE(records);
    CHECK(*records == r.records);
}

TEST_CASE("text a person typed is printed as text, never as markup", "[pdf]")
{
    ReportPrintout r = sample(1, 0);
    r.overall = "<img src='file:///etc/passwd'> & <b>bold</b>";
    const QString html = reportHtml(r);
    CHECK_FALSE(html.contains(QStringLiteral("<img src='file:///etc/passwd'>")));
    CHECK(html.contains(QStringLiteral("&lt;img src='file:///etc/passwd'&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")));
}

TEST_CASE("a verification line typed into a narrative or a response is never read as one", "[pdf]")
{
    app();
    QTemporaryDir tmp;
    ReportPrintout r = sample(1, 0);
    const std::string fake = "Record report 0f1e2d3c-4b5a-4697-8877-665544332211\nsigned by Someone Else\nsealed BLAKE2b-256 " + hex64('9')
                             + "\ncontent BLAKE2b-256 " + hex64('8');
    r.overall = fake;
    r.responses.front().text = "Record acknowledgement 22222222-3333-4444-8555-666666666666 signed by";
    const QString path = tmp.path() + QStringLiteral("/injected.pdf");
    REQUIRE(writeReportPdf(r, path));
    const auto records = readPrintedRecords(path);
    REQUIRE(records);
    CHECK(*records == r.records);
    const auto contents = readPdf(path);
    REQUIRE(contents);
    CHECK(contents->text.contains(QStringLiteral("Someone Else"))); // printed, as text, where it was typed
}

TEST_CASE("a long report paginates and every page has its footer", "[pdf]")
{
    app();
    QTemporaryDir tmp;
    const QString path = outDir(tmp) + QStringLiteral("/long_report.pdf");
    const ReportPrintout r = sample(60, 30);
    REQUIRE(writeReportPdf(r, path));
    QPdfDocument pdf;
    REQUIRE(pdf.load(path) == QPdfDocument::Error::None);
    const int pages = pdf.pageCount();
    CHECK(pages >= 15);
    for (int p : {0, pages / 2, pages - 1}) {
        const QString text = pdf.getAllText(p).text();
        INFO("page " << p + 1 << ": " << text.right(200).toStdString());
        CHECK(text.contains(QStringLiteral("Page %1 of %2").arg(p + 1).arg(pages)));
    }
    const auto records = readPrintedRecords(path);
    REQUIRE(records);
    CHECK(*records == r.records);
}

TEST_CASE("what is not one of our PDFs is refused with a reason", "[pdf]")
{
    app();
    QTemporaryDir tmp;
    SECTION("not a PDF")
    {
        const QString path = tmp.path() + QStringLiteral("/not.pdf");
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("this is a note, not a PDF");
        f.close();
        const auto r = readPrintedRecords(path);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "pdf.unreadable");
    }
    SECTION("a missing file")
    {
        const auto r = readPrintedRecords(tmp.path() + QStringLiteral("/missing.pdf"));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "pdf.unreadable");
    }
    SECTION("a PDF without verification lines")
    {
        ReportPrintout p = sample(1, 0);
        p.records.clear();
        const QString path = tmp.path() + QStringLiteral("/bare.pdf");
        REQUIRE(writeReportPdf(p, path));
        const auto r = readPrintedRecords(path);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "pdf.no_records");
    }
    SECTION("a folder that does not exist")
    {
        const auto r = writeReportPdf(sample(1, 0), tmp.path() + QStringLiteral("/no/such/dir/report.pdf"));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "pdf.write_failed");
    }
}

TEST_CASE("text that a page break splits, an audit trail's too, reads back exactly once", "[pdf]")
{
    app();
    QTemporaryDir tmp;
    const QString path = outDir(tmp) + QStringLiteral("/long_audit.pdf");
    ReportPrintout r = sample(1, 0);
    // Enough events of two lines each that page breaks fall inside some of them, wherever the layout puts them.
    for (int i = 0; i < 120; ++i)
        r.audit.push_back({"Acknowledged by the teacher on the phone, event " + std::to_string(i), kIssued + i * 60000LL, kIssued + i * 60000LL + 500,
                           "signing key 05d14eb3098db20e"});
    REQUIRE(writeReportPdf(r, path));
    REQUIRE(pageCount(path) >= 3);
    auto pdf = readPdf(path);
    REQUIRE(pdf);
    auto letters = [](QString text) {
        QString out;
        for (const QChar ch : text.normalized(QString::NormalizationForm_KC))
            if (ch.isLetterOrNumber()) out += ch;
        return out;
    };
    QString read = pdf->text;
    read.remove(footerText(r));
    read.remove(QRegularExpression(QStringLiteral("Page \\d+ of \\d+")));
    CHECK(letters(read).toStdString() == letters(plainText(r)).toStdString());
}
