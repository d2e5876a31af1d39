// The PAR portfolio as the district's policy lists it (issue 13 item 6): each document of the policy's portfolio lists
// with where it stands and the sealed documents in Triad that make it up. Pure: the store gives the case's documents
// as this device holds and judges them (store/form_service.h FormService::portfolio); the policy says which documents
// fill which item (PortfolioDocument::filedAs). What is kept outside Triad (an ILP, a data analysis) stays a check
// box on the year-end report.
#pragma once

#include "district_policy.h"
#include "ids.h"

#include <cstdint>
#include <string>
#include <vector>

namespace triad::policy {

// One document of the case in Triad, as a portfolio source sees it.
struct FiledDocument {
    std::string source; // as PortfolioSource::source: "form:mou_teacher", "triad_meeting:2", "report", ...
    RecordId id;        // what opens it: a form's lineage, a report's lineage, a response's record
    std::string title;  // "Memorandum of Understanding: PAR Mentor", "Report 2", "Formal observation, 2026-10-06"
    std::string state;  // "Signed by all", "Awaiting 1 of 3 signatures", "Issued · acknowledged", "Submitted"
    std::int64_t atMs = 0;
    bool complete = false; // signed by every signer, issued, submitted
};

enum class PortfolioState {
    Complete,   // every source it needs has a complete document
    InProgress, // some documents are there, not all complete
    Missing,    // nothing filed yet
    Outside,    // kept outside Triad (the policy names no source): checked on the year-end report
};
const char *portfolioStateKey(PortfolioState state); // "complete", "in_progress", "missing", "outside"

struct PortfolioItem {
    std::string listId, listName;
    std::string documentId, title;
    PortfolioState state = PortfolioState::Missing;
    std::string stateText;               // "Complete", "2 of 3 filed", "Not filed yet", "Kept outside Triad: check it on the year-end report"
    std::vector<FiledDocument> filed;    // the documents that make it up, oldest first, each once
};

// Every document of the policy's portfolio lists, in the policy's order, with its state from `documents`.
std::vector<PortfolioItem> portfolioOf(const DistrictPolicy &policy, std::vector<FiledDocument> documents);

} // namespace triad::policy
