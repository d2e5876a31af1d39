// Running the PAR program beyond one case (issue 13 item 9), from the policy's "program" section: who is served first
// when consulting teachers are short (seed 002 11.1.2, seed 004 Groups I-III), a consulting teacher's hours against
// the stipend schedule (seed 002 11.8), and the yearly program evaluation figures (seed 000: "program enrollment and
// completion, subsequent retention rates of participating teachers"; seed 002 11.6.8). Pure rules: the store gathers
// the facts (case records, case updates, participation notices, meeting-log minutes), never the content of a record.
#pragma once

#include "district_policy.h"
#include "ids.h"

#include <QDate>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace triad::policy {

// --- Service priority --------------------------------------------------------------------------------------------
struct WaitingCase {
    CaseKind kind = CaseKind::Referred;
    std::int64_t waitingSinceMs = 0; // the referral opened (or the participation was asked for)
};
struct ServicePlace {
    std::size_t index = 0; // into the list given
    int priority = 0;      // 1 = served first; kinds the policy does not list come after every listed kind
    std::string reason;    // "Priority 1: Permanent teachers who ... (11.1.2 a)" or "Oldest first (the district sets no order)"
};
// The waiting cases in the order they are served: by the policy's priority of their kind, then the longest waiting.
std::vector<ServicePlace> serviceOrder(const ProgramRules &rules, const std::vector<WaitingCase> &waiting);

// --- The teacher's consulting-teacher preferences ------------------------------------------------------------------
// The last day a referred teacher may return ranked preferences: the policy's window from the day the referral was
// opened; nullopt where the district takes no preferences (program staff designate) or the day is unknown.
std::optional<QDate> preferencesDueOn(const DistrictPolicy &policy, QDate referralOpened);

// --- Hours against the stipend schedule --------------------------------------------------------------------------
struct HoursLine {
    std::string label; // the schedule's words, "Work with one mandated teacher (11.8.2 a)"
    int count = 0;     // assignments of this kind
    int hours = 0;     // count × the schedule's hours
    int dollars = 0;   // count × the schedule's stipend
};
struct ConsultingTeacherHours {
    std::vector<HoursLine> lines;
    int allottedHours = 0;
    int stipendDollars = 0;
    int fullHours = 0;            // the schedule's full service (150)
    int loggedMinutes = 0;        // from the consulting teacher's meeting logs
    int toFullHours = 0;          // 11.8.3: hours of curriculum or staff development that bring the total to full service
    int overAllotmentMinutes = 0; // 11.8.4: logged beyond the allotment; additional hours are asked of the panel
    std::vector<std::string> notPriced; // kinds of assignment the schedule names no stipend for ("intern")
};
// `assignments`: how many cases of each kind ("referred", "volunteer", "beginning", "intern") the consulting
// teacher works with, and "panel" 1 for a panel member. Nullopt when the policy has no stipend schedule.
std::optional<ConsultingTeacherHours> consultingTeacherHours(const ProgramRules &rules, const std::map<std::string, int> &assignments,
                                                             int loggedMinutes);

// --- Program evaluation ------------------------------------------------------------------------------------------
// One participation, as program staff know it without opening anything confidential.
struct ParticipationFact {
    CaseKind kind = CaseKind::Referred;
    CaseStatus status = CaseStatus::Active;
    QDate openedOn;                      // when PAR support began (the case's start date)
    std::optional<bool> stillInDistrict; // the teacher still holds a valid district certificate; unknown for confidential participation
};
struct ProgramFigures {
    std::string schoolYear; // the policy calendar's ("2026-27")
    int participations = 0; // open at any time in the school year
    std::map<CaseKind, int> byKind;
    int waiting = 0;  // referrals not yet enrolled
    int active = 0;   // enrolled, support under way
    int extended = 0; // extended by the year-end determination
    int completed = 0; // support discontinued at the year-end determination
    int withdrawn = 0; // a volunteer ended participation
    int retainedKnown = 0; // participants whose certificate can be checked
    int retained = 0;      // ... of whom still certified in the district
    // The panel's evaluation of the program's impact, with its recommendations to the board, for this school year
    // (program.evaluation_due in the year's spring: seed 002 11.6.8, "no later than May 15"); none when not set.
    std::optional<QDate> evaluationDue;
    // Shares in percent, rounded; nullopt where the denominator is zero.
    std::optional<int> completionPercent() const; // completed of those whose participation ended
    std::optional<int> retentionPercent() const;  // retained of retainedKnown
};
ProgramFigures programFigures(const DistrictPolicy &policy, const std::vector<ParticipationFact> &facts);

} // namespace triad::policy
