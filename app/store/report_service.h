// The report composer's service (issue 12, "Report composer"): a draft report composed from the case's observations
// and tagged notes (core/report.h composeReport), kept sealed on this device until issued; issuing writes version N of
// the report through DocumentStore, which seals it to the readers the audience rules give and asks the record rules
// who may write it (only the case's PAR mentor); an issued version never changes, a later version supersedes it.
//
// A report is one lineage of Report documents (store/document_store.h "versions"): its first version is N = 1, each
// new version N + 1 supersedes the current one. A case has one report per period (a new report: a new lineage).
#pragma once

#include "document_store.h"
#include "report.h"

namespace triad::store {

struct ReportPeriod {
    std::int64_t fromMs = 0; // inclusive
    std::int64_t toMs = 0;   // exclusive
};

struct ComposeOutcome {
    ReportDraft draft;                                   // saved on this device
    std::size_t notesInPeriod = 0;                       // notes taken in the period
    std::size_t untaggedNotes = 0;                       // ... left out for want of a CSTP tag
    std::vector<ReportSection> narrativesWithoutSection; // narratives of the previous draft whose standard has no
                                                         // section now (kept here so nothing written is lost silently)
};

// One issued version of a report as this person reads it.
struct ReportVersion {
    Document document;       // `document.report` holds the structure (absent for a free-text version)
    std::int64_t number = 1; // N: the report's own number, or its place in the lineage for a free-text version
    std::optional<RecordId> supersedes;
    std::optional<RecordId> supersededBy; // the version edited from this one, when held here
    std::optional<std::int64_t> supersededByNumber;
    bool acknowledged = false; // the teacher acknowledged receipt of exactly this version
    bool current = false;      // no later version supersedes it
};

struct ReportHistory {
    RecordId lineageId;
    std::vector<ReportVersion> versions; // oldest first
    bool forked = false;                 // two current versions (DocumentStore::resolveFork brings them together)
};

class ReportService {
public:
    explicit ReportService(LocalStore &store) : m_store(store), m_documents(store) {}
    LocalStore &store() const { return m_store; }

    // Composes a draft for the case and saves it on this device, replacing the previous draft but keeping the
    // narratives already written for standards that still have a section. Period: by default from the end of the case's
    // newest report (or the day PAR support began) to now. `revises`: a report (any version or its lineage) the draft
    // will become a new version of; its period is then the default. Errors: "document.not_entitled" (only the case's
    // PAR mentor writes reports), "report.bad_period", "case.unknown", and those of reading the case's records.
    Result<ComposeOutcome> compose(const RecordId &caseId, std::optional<ReportPeriod> period = std::nullopt,
                                   std::optional<RecordId> revises = std::nullopt);

    // The draft of the case kept on this device, if any.
    Result<std::optional<ReportDraft>> draft(const RecordId &caseId);
    // Saves (replaces) the case's draft, e.g. after the mentor wrote a narrative. Errors: "report.invalid" (over the
    // caps of core/report.h), "document.not_entitled".
    Status saveDraft(ReportDraft draft);
    // Sets the overall narrative (no standard) or one section's in the saved draft. Errors: "report.no_draft",
    // "report.no_section", and those of saveDraft().
    Status setNarrative(const RecordId &caseId, const std::optional<std::string> &standard, const std::string &text);
    Status discardDraft(const RecordId &caseId);

    // Issues `content` as version N: a new report (N = 1) or, with `revises`, a new version of that report, N counted
    // from its versions held here, superseding its current version. The version number and superseded version are
    // set here, whatever `content` says. Errors: "report.no_narrative" (the overall narrative is empty),
    // "report.invalid", those of DocumentStore::write / edit ("document.not_entitled", "document.forked",
    // "document.not_readable", ...). Nothing is written on error.
    Result<ReportVersion> issue(const RecordId &caseId, ReportContent content, std::optional<RecordId> revises = std::nullopt);
    // Issues the saved draft, then deletes it. Errors: "report.no_draft", and those of issue().
    Result<ReportVersion> issueDraft(const RecordId &caseId);

    // Every report of the case readable here, each with its versions, in the order they were first issued.
    Result<std::vector<ReportHistory>> reports(const RecordId &caseId);
    // One report (any version id or its lineage id). Errors: "document.unknown", "report.not_a_report", and those of
    // DocumentStore::history.
    Result<ReportHistory> report(const RecordId &reportId);

private:
    Result<ComposeInput> evidenceOf(const RecordId &caseId);
    Result<std::optional<ReportContent>> newestIssued(const RecordId &caseId);
    Status sealDraft(const ReportDraft &draft);

    LocalStore &m_store;
    DocumentStore m_documents;
};

} // namespace triad::store
