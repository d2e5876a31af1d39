// Rendering the PDF of a 20-page report with 30 photos (docs/benchmarks.md "Reports: the personnel-file PDF"): on the
// demo district's referred case (bench_triad.h) the mentor writes NOTES tagged notes and attaches PHOTOS photos (real
// JPEGs, 1600x1200, drawn and encoded with Qt, each a different picture) to single-tagged notes, composes the report
// over them with long narratives (NARRATIVE characters per section and overall) and issues it. Then, in a shuffled
// order each round:
//
// - printout::assemble (the report opened, every photo's medium decrypted, authenticated and decoded to a QImage,
//   the signature block, audit trail and printed records) — timed alone;
// - printout::writeReportPdf of that printout to a file (HTML layout, images scaled into the PDF, PDF/A-1b);
// - the baseline, same run: writeReportPdf of the same printout with the photos taken out.
//
// Page counts are read back with Qt Pdf (QPdfDocument), as `triadctl report verify --pdf` reads a PDF.
//
//   bench_report_pdf [PHOTOS] [NOTES] [NARRATIVE] [ROUNDS]    (defaults: 30 photos, 90 notes, 2000 characters, 7 rounds)
//   bench_report_pdf --smoke                                  (3 photos, 12 notes, 300 characters, 1 round: CTest)
//
// BENCH_PDF_OUT=dir keeps the two PDFs of the last round there.
#include "bench_triad.h"

#include "evidence_store.h"
#include "report_export.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QBuffer>
#include <QLinearGradient>
#include <QPainter>
#include <QPdfDocument>
#include <QThread>

#include <functional>

using namespace triad;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr const char *kBench = "bench_report_pdf";

// A photo-like JPEG: a gradient, shapes and some noise, different for each seed.
QByteArray photoJpeg(int seed)
{
    std::mt19937 rng(static_cast<unsigned>(seed) * 7919u + 1u);
    QImage image(1600, 1200, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient g(0, 0, 1600, 1200);
    g.setColorAt(0, QColor::fromHsv(static_cast<int>(rng() % 360), 90, 230));
    g.setColorAt(1, QColor::fromHsv(static_cast<int>(rng() % 360), 160, 90));
    p.fillRect(image.rect(), g);
    for (int i = 0; i < 60; ++i) {
        p.setBrush(QColor::fromHsv(static_cast<int>(rng() % 360), 120 + static_cast<int>(rng() % 120), 80 + static_cast<int>(rng() % 170)));
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(static_cast<int>(rng() % 1500), static_cast<int>(rng() % 1100), 40 + static_cast<int>(rng() % 400),
                          30 + static_cast<int>(rng() % 300), 12, 12);
    }
    p.end();
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int n = static_cast<int>(rng() % 17) - 8;
            const QRgb c = line[x];
            line[x] = qRgb(std::clamp(qRed(c) + n, 0, 255), std::clamp(qGreen(c) + n, 0, 255), std::clamp(qBlue(c) + n, 0, 255));
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}

int pageCount(const QString &path)
{
    QPdfDocument pdf;
    if (pdf.load(path) != QPdfDocument::Error::None) return -1;
    return pdf.pageCount();
}

} // namespace

int main(int argc, char **argv)
{
    bench::offscreenByDefault();
    QGuiApplication app(argc, argv);
    crypto::initialize();
    const bench::Sizes size(argc, argv);
    const int photos = size(1, 30, 3), notes = size(2, 90, 12), narrativeChars = size(3, 2000, 300), rounds = size(4, 7, 1);

    auto triad = bench::makeTriad(kBench);
    store::LocalStore &mentor = *triad->mentor;
    const RecordId caseId = triad->caseId();

    // The report: notes, photos on single-tagged notes (each printed once), long narratives; issued.
    bench::setupWrites(kBench, mentor, true);
    const std::int64_t from = mentor.now();
    const auto written = bench::addTaggedNotes(kBench, mentor, caseId, notes, 25);
    std::vector<const Note *> single;
    for (const Note &n : written)
        if (n.tags.size() == 1) single.push_back(&n);
    if (static_cast<int>(single.size()) < photos) bench::die(kBench, "too few notes for the photos: give more notes");
    qint64 photoBytes = 0;
    std::vector<RecordId> evidenceIds;
    for (int i = 0; i < photos; ++i) {
        platform::CapturedMedia m;
        m.kind = platform::CapturedMedia::Kind::Photo;
        m.mimeType = "image/jpeg";
        m.width = 1600;
        m.height = 1200;
        m.bytes = photoJpeg(i);
        photoBytes += m.bytes.size();
        const Note &n = *single[static_cast<std::size_t>(i) * single.size() / static_cast<std::size_t>(photos)];
        evidenceIds.push_back(bench::take(kBench, store::EvidenceStore(mentor).attach(n.id, m), "attaching a photo").id);
    }
    const std::int64_t to = bench::endAfter(mentor, written);
    const bench::IssueTimes issued = bench::composeAndIssue(kBench, mentor, caseId, {from, to}, narrativeChars, 4);
    bench::setupWrites(kBench, mentor, false);
    const RecordId reportId = issued.version.document.id;

    QTemporaryDir out(QDir::currentPath() + QStringLiteral("/bench-pdf-XXXXXX"));
    const QByteArray keep = qgetenv("BENCH_PDF_OUT");
    const QString dir = keep.isEmpty() ? out.path() : QString::fromLocal8Bit(keep);
    QDir().mkpath(dir);
    const QString withPath = dir + QStringLiteral("/report_photos.pdf"), withoutPath = dir + QStringLiteral("/report_no_photos.pdf");

    std::vector<double> assemble, render, renderBare, readMedia, decode;
    std::size_t printedPhotos = 0;
    std::mt19937 rng(30);
    for (int round = 0; round < rounds; ++round) {
        const printout::ReportPrintout full = bench::take(kBench, printout::assemble(mentor, reportId), "assembling");
        printout::ReportPrintout bare = full;
        for (auto &s : bare.sections)
            for (auto &e : s.excerpts) e.photos.clear();
        std::vector<std::function<void()>> steps{
            [&] {
                // assemble's share for the photos: every medium read (decrypted, authenticated), then decoded.
                std::vector<QByteArray> media;
                const auto t0 = SteadyClock::now();
                for (const RecordId &id : evidenceIds) media.push_back(bench::take(kBench, store::EvidenceStore(mentor).readMedia(id), "reading a photo"));
                const auto t1 = SteadyClock::now();
                for (const QByteArray &bytes : media)
                    if (QImage image; !image.loadFromData(bytes)) bench::die(kBench, "a photo does not decode");
                readMedia.push_back(std::chrono::duration<double>(t1 - t0).count());
                decode.push_back(bench::secondsSince(t1));
            },
            [&] {
                const auto t0 = SteadyClock::now();
                printout::ReportPrintout p = bench::take(kBench, printout::assemble(mentor, reportId), "assembling");
                assemble.push_back(bench::secondsSince(t0));
                printedPhotos = 0;
                for (const auto &s : p.sections)
                    for (const auto &e : s.excerpts) printedPhotos += e.photos.size();
            },
            [&] {
                const auto t0 = SteadyClock::now();
                bench::check(kBench, printout::writeReportPdf(full, withPath), "writing the PDF");
                render.push_back(bench::secondsSince(t0));
            },
            [&] {
                const auto t0 = SteadyClock::now();
                bench::check(kBench, printout::writeReportPdf(bare, withoutPath), "writing the PDF without photos");
                renderBare.push_back(bench::secondsSince(t0));
            },
        };
        bench::shuffled(rng, steps);
    }
    if (printedPhotos != static_cast<std::size_t>(photos))
        bench::die(kBench, "the printout holds " + std::to_string(printedPhotos) + " photos, not " + std::to_string(photos));

    using bench::ms;
    using bench::percentile;
    const int pages = pageCount(withPath), barePages = pageCount(withoutPath);
    std::printf("%s: the PDF of a report from %d notes (%zu sections, %zu excerpts, narratives of %d characters) with %d photos (%.1f MB of JPEG), "
                "%d rounds\n",
                kBench, notes, issued.sections, issued.excerpts, narrativeChars, photos, static_cast<double>(photoBytes) / 1e6, rounds);
    std::printf("  %-56s %9s %9s %7s %9s\n", "operation", "p50 ms", "max ms", "pages", "file MB");
    auto row = [&](const char *what, const std::vector<double> &v, int p, const QString &file) {
        std::printf("  %-56s %9.1f %9.1f %7d %9.2f\n", what, ms(percentile(v, 0.5)), ms(percentile(v, 1.0)), p,
                    file.isEmpty() ? 0.0 : static_cast<double>(QFileInfo(file).size()) / 1e6);
    };
    row("assemble (report, photos decrypted and decoded)", assemble, 0, {});
    row("  of which: EvidenceStore::readMedia of the photos", readMedia, 0, {});
    row("  of which: QImage::loadFromData of the photos", decode, 0, {});
    row("writeReportPdf, with the photos", render, pages, withPath);
    row("baseline: writeReportPdf, same printout without photos", renderBare, barePages, withoutPath);
    std::printf("  assemble + render p50: %.1f ms; ratios (p50): render with photos / without %.2f, assemble + render / render without %.2f\n",
                ms(percentile(assemble, 0.5) + percentile(render, 0.5)), percentile(render, 0.5) / percentile(renderBare, 0.5),
                (percentile(assemble, 0.5) + percentile(render, 0.5)) / percentile(renderBare, 0.5));
    return 0;
}
