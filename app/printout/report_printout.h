// The PDF of one report for the personnel file (issue 12, item 8): the report with its evidence excerpts and photos,
// the signature block, the teacher's written response, the administrator's additional evidence, the audit trail, and
// the record ids and hashes a verifier needs.
//
// This module only lays out what it is given: a ReportPrintout assembled by the report service from records it has
// opened and checked. It decides nothing about who may read what (core/record_rules.h does). The printed
// verification lines have one fixed form ("Record <kind> <id>" then "sealed BLAKE2b-256 <hex>" and "content
// BLAKE2b-256 <hex>") so readPrintedRecords() can find them again in the PDF's text and `triadctl report verify --pdf`
// can compare them with the signed records.
#pragma once

#include "result.h"

#include <QImage>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace triad::printout {

struct Excerpt {
    std::int64_t atMs = 0;         // when the note was written (device time, signed)
    std::string text;              // the note's current wording
    std::vector<std::string> tags; // CSTP elements, "2.3"
    std::vector<QImage> photos;    // printed below the excerpt, scaled to the column
    std::string noteId;
};

struct Section {
    std::string heading; // "Standard 2 — Creating and Maintaining Effective Environments for Student Learning"
    bool focus = false;  // a standard of focus
    std::string narrative;
    std::vector<Excerpt> excerpts;
};

struct SignatureBlock {
    enum class State {
        Awaiting, // issued, not (yet) signed
        Signed,   // the teacher acknowledged receipt
        Declined, // the teacher declined to sign; the mentor recorded it with a witness
    };
    State state = State::Awaiting;
    std::string signer;    // the teacher (Signed), the mentor who recorded the refusal (Declined)
    std::int64_t atMs = 0; // signed at (device time, signed)
    std::string statement; // the acknowledgement statement as signed
    std::string witness;   // Declined
    std::string device;    // the signing device's id
    std::string contentHashHex;
    std::string sealedHashHex;
};

struct WrittenResponse {
    std::string text;
    std::int64_t writtenAtMs = 0;
    std::optional<std::int64_t> receivedByCaseStoreMs; // the case store's receipt
    std::string timeliness;                            // "On time: received 3 days before the window closed." …
};

struct AdditionalEvidence {
    std::string author;
    std::int64_t atMs = 0;
    std::string text;
};

struct AuditEvent {
    std::string what; // "Issued", "Delivered to the teacher's phone", "First viewed", "Signed", …
    std::int64_t deviceTimeMs = 0;
    std::optional<std::int64_t> caseStoreTimeMs;
    std::string device;
};

// One signed record the printout rests on, as a verifier finds it again.
struct PrintedRecord {
    std::string kind;     // "report", "acknowledgement", "teacher_response", … (no spaces)
    std::string recordId; // canonical form
    std::string signer;   // who signed it, as the district certified them
    std::string sealedHashHex;
    std::string contentHashHex;
    bool operator==(const PrintedRecord &) const = default;
};

struct ReportPrintout {
    std::string district;
    std::string timeZone = "America/Los_Angeles"; // the district's: every time is printed in it
    std::string teacher, school, gradeSubject, mentor, administrator;
    std::string caseKind; // "Referred", "Volunteer (beginning teacher)", …
    std::string title;    // "Progress report"
    int version = 1;
    std::optional<int> supersededBy; // a later version exists
    std::int64_t periodFromMs = 0, periodToMs = 0, issuedAtMs = 0;
    std::vector<Section> sections;
    std::string overall;
    SignatureBlock signature;
    std::vector<WrittenResponse> responses; // every response attached to this version, in the order they reached the case store
    std::vector<AdditionalEvidence> additionalEvidence;
    std::vector<AuditEvent> audit;
    std::vector<PrintedRecord> records;
};

// Lays the printout out on Letter pages (PDF/A-1b) and writes it to `path`. Needs a QGuiApplication (fonts); the
// offscreen platform is enough. Errors: "pdf.write_failed".
Status writeReportPdf(const ReportPrintout &printout, const QString &path);

// The HTML the PDF is laid out from (for tests and the app's preview).
QString reportHtml(const ReportPrintout &printout);

// What a PDF says, read back from its text: the verification lines (only those after the last "For verification"
// heading, so text typed into a narrative or a response can never pose as one) and the whole text, whitespace
// collapsed, for comparing the printed content with the records. Errors: "pdf.unreadable" (not a PDF, damaged, over
// kMaxPdfBytes), "pdf.no_records" (no verification section or lines), "pdf.bad_records" (a record listed twice, or a
// line in the section that is not a record's).
struct PdfContents {
    std::vector<PrintedRecord> records;
    QString text; // every page's text, whitespace collapsed to single spaces
};
inline constexpr qint64 kMaxPdfBytes = 256LL * 1024 * 1024;
Result<PdfContents> readPdf(const QString &path);
// The verification lines only.
Result<std::vector<PrintedRecord>> readPrintedRecords(const QString &path);
// The printout's own text as a reader sees it (the HTML laid out, whitespace collapsed): what readPdf's text holds.
QString plainText(const ReportPrintout &printout);
// The footer printed at the foot of every page, beside "Page N of M".
QString footerText(const ReportPrintout &printout);

} // namespace triad::printout
