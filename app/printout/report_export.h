// A report held on this device, as the personnel-file PDF prints it, and the check of a PDF's printed hashes against
// the signed records held here (`triadctl report pdf` / `report verify --pdf`; issue 12, item 8).
//
// assemble() reads only what this person may read (the report service and the document store open records through
// the record rules); it decides nothing itself. verifyReportPdf() takes nothing from the PDF on trust: each printed
// record is looked up here by its id, its sealed bytes hashed, its signature and certified signer checked, its content
// hashed when this person can open it; then the report version is assembled again from the records held here and the
// PDF's list of records and its whole text (letters and digits, layout aside) must be exactly that.
#pragma once

#include "local_store.h"
#include "report_printout.h"

namespace triad::printout {

// The printout of one version of a report (`reportId`: any version, or the lineage; `version`: N, default the current
// one). Every time is printed in the district's time zone, from the case's district policy. Errors: those of
// ReportService::report, "report.unknown_version" (no version N held here), "policy.unknown".
Result<ReportPrintout> assemble(store::LocalStore &store, const RecordId &reportId, std::optional<std::int64_t> version = std::nullopt);

struct RecordCheck {
    PrintedRecord printed;
    bool ok = false;
    std::string finding; // what was checked, or why it fails: one sentence
};
// Each printed record against the record held here.
Result<std::vector<RecordCheck>> checkPrintedRecords(store::LocalStore &store, const std::vector<PrintedRecord> &printed);

struct PdfVerdict {
    std::vector<RecordCheck> records;
    std::vector<std::string> problems; // every failed check, one sentence each
    bool contentCompared = false;      // the report was readable here and the PDF's text compared with it
    bool ok() const { return problems.empty() && contentCompared; }
};
// The whole check of a report PDF against this device's records. Errors: those of readPdf.
Result<PdfVerdict> verifyReportPdf(store::LocalStore &store, const QString &path);

} // namespace triad::printout
