#include "program.h"
#include "wording.h"

#include <algorithm>
#include <cmath>

namespace triad::policy {

std::optional<QDate> preferencesDueOn(const DistrictPolicy &policy, QDate referralOpened)
{
    if (!policy.program.teacherPreferences || !referralOpened.isValid()) return std::nullopt;
    const TeacherPreferences &t = *policy.program.teacherPreferences;
    return policy.calendar.addDays(referralOpened, t.days, t.count);
}

std::vector<ServicePlace> serviceOrder(const ProgramRules &rules, const std::vector<WaitingCase> &waiting)
{
    const int unlisted = static_cast<int>(rules.servicePriority.size()) + 1;
    std::vector<ServicePlace> out;
    out.reserve(waiting.size());
    for (std::size_t i = 0; i < waiting.size(); ++i) {
        ServicePlace place{i, unlisted, {}};
        for (std::size_t p = 0; p < rules.servicePriority.size(); ++p)
            if (rules.servicePriority[p].kind == waiting[i].kind) {
                place.priority = static_cast<int>(p) + 1;
                place.reason = wording::text(PolicyWording::tr("Priority %1: %2").arg(place.priority).arg(QString::fromStdString(rules.servicePriority[p].label)));
            }
        if (place.reason.empty())
            place.reason = wording::text(rules.servicePriority.empty()
                                             ? PolicyWording::tr("Longest waiting first (the district sets no priority order)")
                                             : PolicyWording::tr("After every kind the district's priority order lists (%1)")
                                                   .arg(QString::fromStdString(wording::participation(waiting[i].kind))));
        out.push_back(std::move(place));
    }
    std::stable_sort(out.begin(), out.end(), [&](const ServicePlace &a, const ServicePlace &b) {
        if (a.priority != b.priority) return a.priority < b.priority;
        return waiting[a.index].waitingSinceMs < waiting[b.index].waitingSinceMs;
    });
    return out;
}

std::optional<ConsultingTeacherHours> consultingTeacherHours(const ProgramRules &rules, const std::map<std::string, int> &assignments,
                                                             int loggedMinutes)
{
    if (!rules.stipend) return std::nullopt;
    const StipendSchedule &s = *rules.stipend;
    ConsultingTeacherHours h;
    h.fullHours = s.fullHours;
    h.loggedMinutes = std::max(0, loggedMinutes);
    // In the schedule's order, so every consulting teacher's sheet reads the same way.
    for (const StipendAssignment &a : s.assignments) {
        auto it = assignments.find(a.key);
        if (it == assignments.end() || it->second <= 0) continue;
        HoursLine line{a.label, it->second, a.hours * it->second, a.dollars * it->second};
        h.allottedHours += line.hours;
        h.stipendDollars += line.dollars;
        h.lines.push_back(std::move(line));
    }
    for (const auto &[key, count] : assignments)
        if (count > 0 && !s.assignmentFor(key)) h.notPriced.push_back(key);
    h.toFullHours = std::max(0, s.fullHours - h.allottedHours);
    h.overAllotmentMinutes = std::max(0, h.loggedMinutes - h.allottedHours * 60);
    return h;
}

namespace {
std::optional<int> percent(int part, int whole)
{
    if (whole <= 0) return std::nullopt;
    return static_cast<int>(std::lround(100.0 * part / whole));
}
} // namespace

std::optional<int> ProgramFigures::completionPercent() const { return percent(completed, completed + withdrawn); }
std::optional<int> ProgramFigures::retentionPercent() const { return percent(retained, retainedKnown); }

ProgramFigures programFigures(const DistrictPolicy &policy, const std::vector<ParticipationFact> &facts)
{
    ProgramFigures f;
    f.schoolYear = policy.calendar.schoolYear();
    const QDate last = policy.calendar.lastDay();
    // February 29 in a year without one: the 28th.
    if (const auto &due = policy.program.evaluationDue; due && last.isValid()) {
        QDate on(last.year(), due->month, due->day);
        if (!on.isValid() && due->month == 2) on = QDate(last.year(), 2, 28);
        if (on.isValid()) f.evaluationDue = on;
    }
    for (const ParticipationFact &p : facts) {
        // A participation counts for the school year it was open in: opened on or before the year's last day. Ended
        // participations carry no end date here, so a case discontinued in an earlier year is the caller's to leave out.
        if (p.openedOn.isValid() && last.isValid() && p.openedOn > last) continue;
        ++f.participations;
        ++f.byKind[p.kind];
        switch (p.status) {
        case CaseStatus::Referral: ++f.waiting; break;
        case CaseStatus::Active: ++f.active; break;
        case CaseStatus::Extended: ++f.extended; break;
        case CaseStatus::Discontinued: ++f.completed; break;
        case CaseStatus::Withdrawn: ++f.withdrawn; break;
        }
        if (p.stillInDistrict) {
            ++f.retainedKnown;
            if (*p.stillInDistrict) ++f.retained;
        }
    }
    return f;
}

} // namespace triad::policy
