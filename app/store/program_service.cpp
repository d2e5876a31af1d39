#include "program_service.h"
#include "case_service.h"
#include "form_service.h"

#include <algorithm>
#include <set>

namespace triad::store {

namespace {

std::string nameOf(const std::map<RecordId, std::string> &names, const RecordId &id)
{
    if (id.isNull()) return {};
    auto it = names.find(id);
    return it == names.end() ? "person " + id.toString().substr(0, 8) : it->second;
}

bool enrolled(const ParCase &c) { return !c.mentorId.isNull() && c.status != CaseStatus::Referral; }

bool underSupport(const ParCase &c) { return enrolled(c) && (c.status == CaseStatus::Active || c.status == CaseStatus::Extended); }

} // namespace

Result<std::vector<ProgramService::HeldCase>> ProgramService::heldCases()
{
    auto cases = CaseService(m_store).cases();
    if (!cases) return cases.error();
    FormService forms(m_store);
    std::vector<HeldCase> out;
    for (ParCase &c : *cases) {
        HeldCase h{std::move(c), std::nullopt};
        if (auto read = forms.forms(h.parCase.id)) h.forms = std::move(*read);
        if (auto determined = forms.determined(h.parCase, h.forms ? &*h.forms : nullptr)) h.parCase = std::move(*determined);
        out.push_back(std::move(h));
    }
    return out;
}

Result<std::vector<ProgramView>> ProgramService::overview()
{
    CaseService caseService(m_store);
    auto cases = heldCases();
    if (!cases) return cases.error();
    auto names = caseService.names();
    if (!names) return names.error();
    FormService forms(m_store);
    const directory::KeyDirectory *directory = m_store.keyDirectory();
    const std::int64_t now = m_store.now();
    const std::map<RecordId, std::string> certified = directory ? directory->certifiedNames() : std::map<RecordId, std::string>{};

    std::map<std::string, ProgramView> byPolicy;
    std::map<std::string, std::vector<policy::WaitingCase>> waitingFacts;
    std::map<std::string, std::vector<policy::ParticipationFact>> facts;
    for (const HeldCase &held : *cases) {
        const ParCase &c = held.parCase;
        const std::vector<FormView> *heldForms = held.forms ? &*held.forms : nullptr;
        auto policy = policyOfCase(c);
        if (!policy) continue; // a case under a policy this build does not ship is shown nowhere rather than misjudged
        ProgramView &view = byPolicy[policy->id];
        view.policyId = policy->id;
        view.district = policy->district;
        ProgramCase pc;
        pc.parCase = c;
        pc.teacherName = nameOf(*names, c.teacherId);
        pc.mentorName = nameOf(*names, c.mentorId);
        pc.administratorName = nameOf(*names, c.administratorId);
        for (const auto &former : c.formerMentors) pc.formerMentors.emplace_back(nameOf(*names, former.mentorId), former.untilMs);
        if (auto due = forms.deadlines(c.id, nullptr, heldForms))
            pc.overdue = static_cast<int>(std::count_if(due->begin(), due->end(), [](const policy::Deadline &d) { return d.state == policy::DeadlineState::Overdue; }));
        // Retention is known for a teacher the district ever certified: still holding a valid certificate, or not.
        policy::ParticipationFact fact{c.kind, c.status, c.startDate, std::nullopt};
        if (directory && !c.teacherId.isNull() && certified.count(c.teacherId)) fact.stillInDistrict = directory->certificateForPerson(c.teacherId, now).ok();
        facts[policy->id].push_back(fact);
        if (!enrolled(c) && c.status == CaseStatus::Referral) {
            const QDate since = c.startDate.isValid() ? c.startDate : QDate();
            waitingFacts[policy->id].push_back({c.kind, since.isValid() ? QDateTime(since, QTime(0, 0)).toMSecsSinceEpoch() : 0});
            pc.preferencesDue = policy::preferencesDueOn(*policy, c.startDate);
            const auto today = policy::districtDate(*policy, m_store.now());
            pc.preferencesOpen = pc.preferencesDue && today && *today <= *pc.preferencesDue;
            if (pc.preferencesDue && heldForms)
                    for (const FormView &f : *heldForms)
                        if (f.content.kind == FormKind::ConsultingTeacherPreferences && f.fullySigned() && pc.preferences.empty())
                            for (int i = 1; i <= policy->program.teacherPreferences->rank; ++i)
                                if (auto id = RecordId::fromString(f.content.field("choice." + std::to_string(i))))
                                    pc.preferences.emplace_back(*id, certified.count(*id) ? certified.at(*id) : nameOf(*names, *id));
            view.waiting.push_back(std::move(pc));
        } else {
            view.cases.push_back(std::move(pc));
        }
    }

    std::vector<ProgramView> out;
    for (auto &[id, view] : byPolicy) {
        auto policy = policy::builtinPolicy(QString::fromStdString(id));
        if (!policy) return policy.error();
        std::sort(view.cases.begin(), view.cases.end(), [](const ProgramCase &a, const ProgramCase &b) {
            return std::tie(a.parCase.school, a.teacherName) < std::tie(b.parCase.school, b.teacherName);
        });
        std::vector<ProgramCase> ordered;
        for (const policy::ServicePlace &place : policy::serviceOrder(policy->program, waitingFacts[id])) {
            ordered.push_back(view.waiting[place.index]);
            ordered.back().servicePlace = place;
        }
        view.waiting = std::move(ordered);
        view.figures = policy::programFigures(*policy, facts[id]);
        if (directory) {
            std::vector<RecordId> mentors;
            for (const auto &cert : directory->certificatesWithRole(Role::ParMentor, now)) mentors.push_back(cert.personId);
            auto loads = loadsOf(mentors, id, *cases, *names);
            if (!loads) return loads.error();
            view.consultingTeachers = std::move(*loads);
        }
        std::sort(view.consultingTeachers.begin(), view.consultingTeachers.end(),
                  [](const ConsultingTeacherLoad &a, const ConsultingTeacherLoad &b) { return a.name < b.name; });
        out.push_back(std::move(view));
    }
    std::sort(out.begin(), out.end(), [](const ProgramView &a, const ProgramView &b) { return a.district < b.district; });
    return out;
}

Result<ConsultingTeacherLoad> ProgramService::hoursOf(const RecordId &mentorId, const std::string &policyId)
{
    CaseService caseService(m_store);
    auto cases = heldCases();
    if (!cases) return cases.error();
    auto names = caseService.names();
    if (!names) return names.error();
    auto loads = loadsOf({mentorId}, policyId, *cases, *names);
    if (!loads) return loads.error();
    return std::move(loads->front());
}

Result<std::vector<ConsultingTeacherLoad>> ProgramService::loadsOf(const std::vector<RecordId> &mentors, const std::string &policyId,
                                                                   const std::vector<HeldCase> &cases, const std::map<RecordId, std::string> &names)
{
    auto policy = policy::builtinPolicy(QString::fromStdString(policyId));
    if (!policy) return policy.error();
    std::map<RecordId, ConsultingTeacherLoad> byMentor;
    for (const RecordId &m : mentors) byMentor[m] = ConsultingTeacherLoad{m, nameOf(names, m), 0, {}, 0, std::nullopt};
    for (const HeldCase &heldCase : cases) {
        const ParCase &c = heldCase.parCase;
        auto p = policyOfCase(c);
        if (!p || p->id != policyId) continue;
        if (auto it = byMentor.find(c.mentorId); it != byMentor.end() && underSupport(c)) {
            ++it->second.cases;
            ++it->second.assignments[caseKindName(c.kind)];
        }
        const bool mentored = std::any_of(byMentor.begin(), byMentor.end(), [&](const auto &e) { return c.mentorId == e.first || c.wasMentor(e.first); });
        if (!mentored) continue;
        // The case's forms are opened once for every consulting teacher: the minutes of each meeting log go to its
        // writer (the rules bound the log's author to its signer when it was opened), current version only.
        if (!heldCase.forms) continue; // a case whose forms cannot be read here contributes no minutes
        for (const FormView &f : *heldCase.forms) {
            if (f.content.kind != FormKind::MeetingLog) continue;
            auto it = byMentor.find(f.document.authorPersonId);
            if (it == byMentor.end()) continue;
            bool ok = false;
            const int minutes = QString::fromStdString(f.content.field("minutes")).toInt(&ok);
            if (ok && minutes > 0) it->second.loggedMinutes += minutes;
        }
    }
    std::vector<ConsultingTeacherLoad> out;
    const directory::KeyDirectory *directory = m_store.keyDirectory();
    std::set<RecordId> listed; // a person holding two certificates (one renewed) is listed once
    for (const RecordId &m : mentors) {
        if (!listed.insert(m).second) continue;
        ConsultingTeacherLoad load = byMentor.at(m);
        if (directory)
            if (auto cert = directory->certificateForPerson(m, m_store.now());
                cert && std::find(cert->roles.begin(), cert->roles.end(), Role::PanelMember) != cert->roles.end())
                load.assignments["panel"] = 1;
        load.hours = policy::consultingTeacherHours(policy->program, load.assignments, load.loggedMinutes);
        out.push_back(std::move(load));
    }
    return out;
}

} // namespace triad::store
