// The PAR program as the director of induction and the panel run it (issue 13 item 9): every case they hold across
// the district's sites, the referrals waiting for a consulting teacher in the district's service order, each
// consulting teacher's assignments and logged hours against the stipend schedule, and the yearly program evaluation
// figures. Built from case records, case updates, the district directory and meeting-log minutes; the rules are in
// policy/program.h. Nothing here opens a note, a report or any other record program staff may not read.
#pragma once

#include "form_service.h"
#include "local_store.h"
#include "program.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace triad::store {

struct ProgramCase {
    ParCase parCase;
    std::string teacherName, mentorName, administratorName;
    std::vector<std::pair<std::string, std::int64_t>> formerMentors; // name, until (signed time), oldest first
    int overdue = 0;                                                  // deadlines of the case past due, any role
    std::optional<policy::ServicePlace> servicePlace;                 // a waiting referral's place and reason
    // A waiting referral's consulting-teacher preferences signed by the teacher within the window (policy/program.h),
    // first choice first, and the window's last day (nullopt: the district takes no preferences).
    std::vector<std::pair<RecordId, std::string>> preferences;
    std::optional<QDate> preferencesDue;
    bool preferencesOpen = false; // today is within the window
};

struct ConsultingTeacherLoad {
    RecordId mentorId;
    std::string name;
    int cases = 0;                          // active or extended cases held here
    std::map<std::string, int> assignments; // by kind key, and "panel"
    int loggedMinutes = 0;                  // minutes on the meeting logs this device can read
    std::optional<policy::ConsultingTeacherHours> hours; // against the stipend schedule, when the district has one
};

struct ProgramView {
    std::string policyId;
    std::string district;
    std::vector<ProgramCase> cases;   // enrolled cases, by school then teacher
    std::vector<ProgramCase> waiting; // referrals without a consulting teacher, in the district's service order
    std::vector<ConsultingTeacherLoad> consultingTeachers; // every certified PAR mentor, by name
    policy::ProgramFigures figures;
};

class ProgramService {
public:
    explicit ProgramService(LocalStore &store) : m_store(store) {}

    // One view per district policy the held cases follow, by district name.
    Result<std::vector<ProgramView>> overview();
    // A consulting teacher's hours under one policy, from the cases and logs this device holds (on the consulting
    // teacher's own tablet: all of theirs). Errors: "policy.unknown".
    Result<ConsultingTeacherLoad> hoursOf(const RecordId &mentorId, const std::string &policyId);

private:
    // A case held here as its determinations leave it (FormService::determined), with its forms as read once for the
    // whole page (none where they cannot be read here).
    struct HeldCase {
        ParCase parCase;
        std::optional<std::vector<FormView>> forms;
    };
    Result<std::vector<HeldCase>> heldCases();
    // Every listed consulting teacher's load under one policy, from the cases' forms as read.
    Result<std::vector<ConsultingTeacherLoad>> loadsOf(const std::vector<RecordId> &mentors, const std::string &policyId,
                                                       const std::vector<HeldCase> &cases, const std::map<RecordId, std::string> &names);

    LocalStore &m_store;
};

} // namespace triad::store
