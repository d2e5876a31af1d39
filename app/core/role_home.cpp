#include "role_home.h"

#include <algorithm>

namespace triad {

const char *homeKey(Home home)
{
    switch (home) {
    case Home::Caseload: return "caseload";
    case Home::MyReports: return "my_reports";
    case Home::SiteCases: return "site_cases";
    }
    return "caseload";
}

Home homeFor(const std::vector<Role> &roles)
{
    auto has = [&](Role r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
    if (has(Role::ParMentor)) return Home::Caseload;
    if (has(Role::SiteAdministrator) || has(Role::DirectorOfInduction) || has(Role::PanelMember)) return Home::SiteCases;
    if (has(Role::ParticipatingTeacher)) return Home::MyReports;
    return Home::Caseload;
}

std::vector<TeacherRight> teacherRightsFor(CaseKind kind, int responseDays, bool workingDays)
{
    std::vector<TeacherRight> rights;
    rights.push_back({"signing_not_agreement",
                      "Signing does not mean you agree with the report, only that you received a copy of it."});
    const std::string days = std::to_string(responseDays) + (workingDays ? " working days" : " days");
    rights.push_back({"written_response", "You may write a response within " + days
                                              + " of receiving the report; it is attached to the report."});
    if (kind == CaseKind::Referred) {
        rights.push_back({"meeting_director", "You may ask for a meeting with the Director of Induction at any time."});
        rights.push_back({"association_representation",
                          "You may be represented throughout these procedures by an association representative of your choice."});
    }
    return rights;
}

} // namespace triad
