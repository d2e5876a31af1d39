// The year-end extension as data (DistrictPolicy::extension, "extension" in triad-policy/1), evaluated by one generic
// evaluator: may this teacher's PAR participation be extended for another period?
//
// Every condition the policy sets must hold, and each gives a reason sentence, met or not:
//   - the first period of PAR complete, when the policy names one: an extension is decided at its end (Clovis: the
//     first school year, "Extend PAR support for another year"; district-004: "two full semesters ... may be extended
//     to three semesters", the panel reporting "after each year");
//   - a rating criterion met on the most recent appraisal (the referral's criteria and evaluator; Clovis: an overall
//     "No" on one or more of standards 1-6, Year-End Report);
//   - the panel's finding, when the policy names one (district-004: "satisfactory progress has not been made, but
//     the participant is making progress");
//   - the extended participation within every program cap (time in PAR so far plus the extension; district-004:
//     three semesters, never past 18 months);
//   - the teacher's willingness, when required (Clovis: "Referred Teacher is willing to participate in Year 2").
// A policy with no extension ("possible": false, district-002) or no "extension" section allows none.
#pragma once

#include <QString>

#include "district_policy.h"

#include <QDate>

#include <optional>
#include <string>
#include <vector>

namespace triad::policy {

struct ExtensionInput {
    Appraisal appraisal;             // the most recent appraisal's ratings (permanent status and years are not used)
    std::optional<Period> timeInPar; // "years_in_par", "semesters_in_par" or "months_in_par"...
    QDate parStarted;                // ...or "par_started" and "determination_date"
    QDate determinationDate;
    std::optional<bool> teacherWilling; // "teacher_willing"
    std::optional<bool> panelFinding;   // "panel_finding": the panel makes the finding the policy names
};

struct ExtensionDecision {
    enum Outcome {
        NotAllowed,
        Allowed
    };
    Outcome outcome = NotAllowed;
    // "Met: ..." / "Not met: ..." for each condition, in the order above.
    std::vector<std::string> reasons;
};
const char *outcomeKey(ExtensionDecision::Outcome outcome);  // "extension_allowed" / "extension_not_allowed"
const char *outcomeName(ExtensionDecision::Outcome outcome); // "extension allowed" / "extension not allowed"
// The outcome for people, in the app's language (wording.h): "Extension allowed".
QString extensionOutcomeText(ExtensionDecision::Outcome outcome);

// A missing input the rule needs (time in PAR, the willingness, the panel's finding) counts as not met; the input
// reader (referral_input.h) refuses such a file before it gets here.
ExtensionDecision evaluateExtension(const DistrictPolicy &policy, const ExtensionInput &input, const CstpCatalogue &catalogue);

} // namespace triad::policy
