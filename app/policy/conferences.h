// Pre- and post-observation conferences linked to their observations (issue 13 item 5; seed 001 "multiple
// observations ... including periodic pre-observation and post-observation conferences"; seed 004's logs list "the
// dates of observations, the dates of pre and post observation conferences"). A meeting log of kind pre_conference or
// post_conference names its observation in the field "observation" (store/form_service.h checks it on save). Pure.
#pragma once

#include "domain.h"
#include "ids.h"

#include <cstdint>
#include <string>
#include <vector>

namespace triad::policy {

// A meeting log that names an observation.
struct ConferenceLog {
    RecordId observationId;
    std::string kind; // "pre_conference", "post_conference" (anything else is not a conference and is ignored)
    std::string date; // the log's "date", "YYYY-MM-DD"
    RecordId logId;   // the log's lineage
};

struct ObservationConferences {
    Observation observation;
    std::vector<ConferenceLog> pre, post; // by date
    // "Pre-observation conference 2026-10-05 · post-observation conference 2026-10-08", or what is missing.
    std::string summary;
    bool postMissing = false; // no post-observation conference logged (the mentor owes the teacher one)
};

// Each observation (oldest first) with the conferences logged for it. Logs naming an observation not in the list
// are left out.
std::vector<ObservationConferences> conferencesOf(std::vector<Observation> observations, const std::vector<ConferenceLog> &logs);

} // namespace triad::policy
