// A PAR report as structured content (issue 12, "Report composer"): the period it covers, the case's standards of
// focus, one section per standard (standards of focus first, then every other CSTP standard with tagged evidence),
// each with the mentor's narrative and evidence excerpts that link back to the timestamped notes, an overall
// narrative, and the report's version number within its lineage.
//
// It travels inside the Document payload (core/case_records.h, key "report") of a DocumentType::Report; the
// Document's `text` holds renderReportText() of it, so readers that know only text, and acknowledgements bound to the
// plaintext, keep working. Like every signed payload it holds strings and explicitly numbered values only, and
// decoding refuses anything over the caps below ("payload.malformed").
//
// composeReport() builds a draft from the case's notes: pure, no storage (store/report_service.h feeds it).
#pragma once

#include "domain.h"

#include <QCborValue>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace triad {

// Caps on what a report may hold (counted on decode and before a report is saved or issued). Sizes are UTF-8 bytes.
inline constexpr std::size_t kMaxReportSections = 32;         // CSTP has 6 standards (7 with a district's own)
inline constexpr std::size_t kMaxReportExcerpts = 5000;       // across all sections
inline constexpr std::size_t kMaxReportObservations = 1000;   // observations the period covers
inline constexpr std::size_t kMaxReportFocus = 64;            // standards of focus listed
inline constexpr std::size_t kMaxReportListItems = 64;        // tags or evidence of one excerpt
inline constexpr std::size_t kMaxReportShortBytes = 1000;     // a standard key, title, tag, class period, kind
inline constexpr std::size_t kMaxReportExcerptBytes = 100000; // one note's wording (notes hold up to 20,000 characters)
inline constexpr std::size_t kMaxReportNarrativeBytes = 200000;
inline constexpr std::size_t kMaxReportTextBytes = 6 * 1024 * 1024; // every string together: the report and its text
                                                                    // rendering stay far under a record's 16 MiB
inline constexpr std::int64_t kMaxReportVersion = 100000;

// A photo or audio memo attached to an excerpted note (core/evidence.h): its record id and kind key.
struct ReportEvidenceRef {
    RecordId id;
    std::string kind; // evidenceKindKey(): "photo", "audio_memo"
    friend bool operator==(const ReportEvidenceRef &, const ReportEvidenceRef &) = default;
};

// One note quoted as evidence, linked back to the timestamped note it quotes.
struct ReportExcerpt {
    RecordId noteId;
    RecordId observationId;
    std::int64_t takenAtMs = 0;          // the note's time (not the amendment's)
    std::string text;                    // the note's current wording (after amendments)
    std::vector<std::string> tags;       // its current CSTP tags
    std::optional<RecordId> amendmentId; // the amendment the wording comes from; absent: the note as first written
    std::vector<ReportEvidenceRef> evidence;
    friend bool operator==(const ReportExcerpt &, const ReportExcerpt &) = default;
};

struct ReportSection {
    std::string standard; // the CSTP standard number, "2"
    std::string title;    // "Standard 2: Creating and Maintaining Effective Environments for Student Learning"
    bool focus = false;   // one of the case's standards of focus (or holds one of its elements)
    std::string narrative;
    std::vector<ReportExcerpt> excerpts; // oldest first
    friend bool operator==(const ReportSection &, const ReportSection &) = default;
};

// An observation within the period, for context.
struct ReportObservation {
    RecordId id;
    std::string kind; // observationKindName(): "informal", "formal"
    bool scheduled = true;
    std::string classPeriod;
    std::int64_t startedAtMs = 0;
    friend bool operator==(const ReportObservation &, const ReportObservation &) = default;
};

struct ReportContent {
    std::int64_t fromMs = 0;                   // the period: from (inclusive) ...
    std::int64_t toMs = 0;                     // ... to (exclusive)
    std::vector<std::string> standardsOfFocus; // as the case names them: "2", "5.3"
    std::vector<ReportObservation> observations;
    std::vector<ReportSection> sections; // standards of focus first (in the case's order), then by standard number
    std::string narrative;               // the overall narrative
    // Version N of the report's lineage (1 for a first version) and, for N > 1, the version it supersedes (one of the
    // Document's parents). Set when the report is issued.
    std::int64_t version = 1;
    std::optional<RecordId> supersedes;
    friend bool operator==(const ReportContent &, const ReportContent &) = default;
};

// The payload form (a CBOR map) and back. reportFromCbor refuses ("payload.malformed", naming the field) a missing or
// mistyped field, anything over the caps, a period that ends before it starts, a version outside 1..kMaxReportVersion,
// and a version above 1 without the version it supersedes (or version 1 with one).
// The evidence (photos, audio memos) the report's excerpts cite, each once, in order of appearance.
std::vector<RecordId> citedEvidence(const ReportContent &report);

QCborValue reportToCbor(const ReportContent &report);
Result<ReportContent> reportFromCbor(const QCborValue &value);
// The caps and consistency rules reportFromCbor applies, for content about to be saved or issued.
Status checkReport(const ReportContent &report);

// The plain-text rendering kept in the Document's `text` (times in UTC, so the signed text does not depend on the
// device that rendered it).
std::string renderReportText(const ReportContent &report);

// "2" for "2.6" or "2"; nullopt for a tag that names no standard.
std::optional<std::string> standardOfTag(const std::string &tag);

// --- composing a draft -------------------------------------------------------------------------------------------

// A note as the composer sees it: as first written, its amendments oldest first (the last is the current wording), and
// the evidence attached to it.
struct ComposerNote {
    Note note;
    std::vector<Amendment> amendments;
    std::vector<ReportEvidenceRef> evidence;
};

struct ComposeInput {
    std::vector<std::string> standardsOfFocus; // the case's
    std::int64_t fromMs = 0;                   // inclusive
    std::int64_t toMs = 0;                     // exclusive
    std::vector<Observation> observations;     // the case's (any period; those in the period are kept)
    std::vector<ComposerNote> notes;           // the case's (any period; those taken in the period are used)
    // A section's title from its standard number ("Standard 2: ..."); "Standard N" when absent or empty.
    std::function<std::string(const std::string &standard)> titleOf;
};

struct ComposedReport {
    ReportContent content;         // narratives empty: the mentor writes them
    std::size_t notesInPeriod = 0; // notes taken in the period
    std::size_t untaggedNotes = 0; // ... of which had no CSTP tag and were left out
};

// A draft report for the period: every note taken in [fromMs, toMs), in its current wording and tags, quoted under
// each standard its tags name (a note tagged in two standards appears in both, once per section), oldest first. A
// section for each standard of focus comes first even without evidence (the report must speak to it), then one for
// each other standard with evidence, by number. Notes with no tag are left out — a report's evidence is aligned with
// the standards — and counted, so the mentor can tag them (amend) and compose again. The observations started in the
// period, or holding an excerpted note, are listed oldest first.
ComposedReport composeReport(const ComposeInput &input);

// Keeps the narratives the mentor already wrote when a draft is composed again: the overall narrative, and each
// section's where `into` has a section for the same standard. Narratives of sections that no longer exist are
// returned (so nothing written is silently dropped).
std::vector<ReportSection> carryNarratives(ReportContent &into, const ReportContent &from);

// --- the composer's draft ------------------------------------------------------------------------------------------

// The report being composed for a case, kept sealed on the mentor's device only (RecordType::ReportDraft, never
// synced, never in the outbox): one per case.
struct ReportDraft {
    RecordId caseId;
    std::optional<RecordId> revises; // the report (lineage) this draft will be a new version of; absent: a new report
    ReportContent content;
    std::int64_t updatedAtMs = 0;
    friend bool operator==(const ReportDraft &, const ReportDraft &) = default;
};
QByteArray encodePayload(const ReportDraft &draft);
// Errors: "payload.malformed" (as reportFromCbor).
Result<ReportDraft> decodeReportDraft(const QByteArray &payload);

} // namespace triad
