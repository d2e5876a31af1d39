// Which home the app opens on, and the participating teacher's rights shown beside a report (issue 12, "One app, a
// home per role"). Pure rules: the view models ask here, QML never decides.
#pragma once

#include "domain.h"

#include <string>
#include <vector>

namespace triad {

enum class Home {
    Caseload,  // the PAR mentor's caseload (observe, compose and issue reports)
    MyReports, // the participating teacher's phone home: my reports, what awaits me and the days left, my portfolio
    SiteCases, // the site administrator's cases at their sites (and the director of induction's / panel's cases)
};
const char *homeKey(Home home); // "caseload", "my_reports", "site_cases"

// The home for a person with these certified roles. A PAR mentor's work is the caseload; a site administrator, the
// director of induction and panel members read cases; a participating teacher reads their own reports. A person
// holding several roles gets the one with most to do first (mentor, then administrator roles, then teacher); a person
// certified for none of them (a store not yet enrolled, created for a mentor) gets the caseload, which is empty.
Home homeFor(const std::vector<Role> &certifiedRoles);

// A right of the participating teacher, from the handbook (seed 001 "Referred Teacher Rights") and the contract
// (seed 002 11.2.3), shown where it applies.
struct TeacherRight {
    std::string key;  // "written_response", "meeting_director", "association_representation", "signing_not_agreement"
    std::string text; // one sentence the teacher reads
};
// The rights shown with a report of a case of this kind. `responseDays` and `workingDays`: the district's response
// window (DistrictPolicy), so the sentence says what the district counts.
std::vector<TeacherRight> teacherRightsFor(CaseKind kind, int responseDays, bool workingDays);

} // namespace triad
