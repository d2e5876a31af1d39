#include "demo_district.h"
#include "error_codes.h"
#include "case_service.h"
#include "note_service.h"
#include "response_window.h"

#include <QDateTime>
#include <algorithm>
#include <QTimeZone>

namespace triad::store {

namespace {

struct DemoNote {
    int minute; // offset from the observation start
    const char *text;
    std::vector<std::string> tags;
};

struct DemoObservation {
    int daysAgo;
    int startHour, startMinute;
    ObservationKind kind;
    bool scheduled;
    const char *classPeriod;
    std::vector<DemoNote> notes;
    bool ended = true;
};

struct DemoCase {
    const char *teacher;
    const char *employeeId;
    CaseKind kind;
    CaseStatus status;
    int administrator; // index into kAdministrators
    const char *school;
    const char *gradeSubject;
    QDate start;
    std::vector<std::string> focus;
    std::vector<DemoObservation> observations;
    const char *policy = nullptr; // the seed policy the case runs under; nullptr: by its kind (below)
};

struct DemoPerson {
    const char *name;
    const char *employeeId;
    Role role;
};

const DemoPerson kAdministrators[] = {
    {kDemoAdministratorName, kDemoAdministratorEmployeeId, Role::SiteAdministrator}, // Kings River High School
    {"Luis Moreno", "E-38804", Role::SiteAdministrator},        // Cottonwood Elementary School
    {"Janet Albright", "E-41977", Role::SiteAdministrator},     // Sierra Vista Middle School
    {"Robert Chen", "E-39520", Role::SiteAdministrator},        // Foothill Ridge High School
};
const DemoPerson kProgramStaff[] = {
    {kDemoDirectorName, kDemoDirectorEmployeeId, Role::DirectorOfInduction},
    {kDemoPanelMemberName, kDemoPanelMemberEmployeeId, Role::PanelMember},
    {"Grace Lindqvist", "E-36240", Role::PanelMember},
};

std::vector<DemoCase> demoCases()
{
    return {
        {kDemoTeacherName,
         kDemoTeacherEmployeeId,
         CaseKind::Referred,
         CaseStatus::Active,
         0,
         "Kings River High School",
         "Grade 10 / World History",
         QDate(2026, 9, 8),
         {"2", "2.6", "2.7", "5.2"},
         {{16,
           9,
           2,
           ObservationKind::Formal,
           true,
           "Period 2 — World History",
           {{1, "Bell rang at 9:02; six students still entering. No warm-up posted; students waited for directions.", {"2.6", "2.7"}},
            {6, "Teacher took attendance aloud for four minutes while students talked; no task assigned.", {"2.7"}},
            {12, "Mini-lecture on causes of WWI. Asked 'Any questions?' twice; no responses, moved on.", {"5.2", "1.6"}},
            {21, "Pairs started the source-analysis sheet. Three pairs off task near the back; teacher at desk.", {"2.6"}},
            {33, "Teacher circulated and redirected the back table calmly by name; two pairs resumed.", {"2.5"}},
            {47, "No exit check; class ended with homework called out over the bell.", {"5.2", "2.7"}}}},
          {3,
           10,
           58,
           ObservationKind::Informal,
           false,
           "Period 4 — World History",
           {{2, "Warm-up on the board today (map of 1914 alliances); most students started within two minutes.", {"2.6"}},
            {14, "Used a thumbs-up check after the timeline; re-taught the Triple Entente to the nine who were unsure.", {"5.2", "1.6"}},
            {29, "Transition to groups took under a minute using the posted routine.", {"2.6", "2.7"}}}}}},
        {"Maria Delgado-Reyes",
         "E-48876",
         CaseKind::Referred,
         CaseStatus::Active,
         1,
         "Cottonwood Elementary School",
         "Grade 3 / Multiple subjects",
         QDate(2026, 9, 14),
         {"1.4", "1.6", "4.4"},
         {{9,
           8,
           35,
           ObservationKind::Informal,
           true,
           "Morning block — Reading",
           {{4, "Whole-class read-aloud; the same text for all readers, including the four newcomers.", {"1.4", "4.4"}},
            {15, "Guided reading table with five students; the other groups had worksheets, two finished in five minutes.", {"4.4"}},
            {26, "Teacher noticed early finishers and gave them the partner-reading menu.", {"1.6"}}}}}},
        // Referred under seed 004's contract in the autumn of 2025: two full semesters, then extended for a third on
        // the panel's finding at the year's end (the year-end report and the panel's decision: demo_triad.cpp).
        {"Thomas Nguyen",
         "E-45190",
         CaseKind::Referred,
         CaseStatus::Extended,
         0,
         "Sierra Vista Middle School",
         "Grade 7 / Mathematics",
         QDate(2025, 8, 25),
         {"3.3", "5.4"},
         {{11,
           13,
           10,
           ObservationKind::Formal,
           true,
           "Period 6 — Math 7",
           {{3, "Launched ratio tables from last week's quiz results, naming the two most common errors.", {"5.4"}},
            {18, "Sequenced from double number lines to tables; students explained the link at the board.", {"3.3"}},
            {40, "Exit ticket sorted into three groups for tomorrow's small-group work.", {"5.4", "5.2"}}}}},
         "district-004"},
        {"Priya Raman",
         "E-50433",
         CaseKind::Volunteer,
         CaseStatus::Active,
         3,
         "Foothill Ridge High School",
         "Grade 11-12 / Chemistry",
         QDate(2026, 10, 1),
         {"1.5", "2.4"},
         {{6,
           12,
           40,
           ObservationKind::Informal,
           true,
           "Period 5 — Chemistry",
           {{5, "Lab safety review led by students; clear roles at every bench.", {"2.3"}},
            {22, "Asked 'why did the mass change?' and waited; three groups proposed hypotheses.", {"1.5"}}}}}},
        {"Angela Whitfield",
         "E-47702",
         CaseKind::Volunteer,
         CaseStatus::Active,
         1,
         "Cottonwood Elementary School",
         "Kindergarten",
         QDate(2026, 10, 12),
         {"2.6"},
         {}},
        {"Marcus Bell",
         "E-55018",
         CaseKind::BeginningInduction,
         CaseStatus::Active,
         2,
         "Sierra Vista Middle School",
         "Grade 6 / English language arts",
         QDate(2026, 8, 24),
         {"4.2", "5.7"},
         {{2,
           9,
           50,
           ObservationKind::Informal,
           false,
           "Period 3 — ELA 6",
           {{7, "Learning goal posted and read aloud; students restated it to a partner.", {"4.2"}}},
           false}}},
        {"Sofia Castellanos",
         "E-56641",
         CaseKind::Intern,
         CaseStatus::Active,
         0,
         "Kings River High School",
         "Special education / Mild-moderate",
         QDate(2026, 8, 31),
         {"3.6", "4.4"},
         {}},
    };
}

} // namespace

Result<DemoSummary> loadDemoDistrict(LocalStore &store, const DemoPeople &certified)
{
    auto existing = CaseService(store).cases();
    if (!existing) return existing.error();
    if (!existing->empty())
        return makeError(errc::demo::kNotEmpty, "This store already holds " + std::to_string(existing->size())
                                               + " cases; the demo district is only loaded into an empty store.");
    DemoSummary summary;
    const std::int64_t realNow = store.now();
    std::int64_t fakeNow = realNow;
    store.setClock([&fakeNow] { return fakeNow; });
    struct RestoreClock {
        LocalStore &s;
        ~RestoreClock() { s.setClock(systemClockMs); }
    } restore{store};

    std::vector<RecordId> administratorIds;
    // The referred teacher and the site administrator with devices of their own keep their certified person ids.
    auto addPerson = [&](const DemoPerson &p) -> Result<RecordId> {
        std::optional<RecordId> id;
        if (std::string(p.name) == kDemoTeacherName) id = certified.referredTeacher;
        if (std::string(p.name) == kDemoAdministratorName) id = certified.siteAdministrator;
        if (std::string(p.name) == kDemoDirectorName) id = certified.director;
        if (std::string(p.name) == kDemoPanelMemberName) id = certified.panelMember;
        Person person{id.value_or(RecordId::generate()), p.name, p.employeeId, {p.role}, {}};
        ++summary.people;
        // A person with a device of their own wrote their person record on it (its id is the person id) and their
        // name is in the directory: a second record under that id here would be set aside as a conflict by every
        // device it reaches.
        if (id && !id->isNull()) return person.id;
        if (auto s = CaseService(store).savePerson(person); !s) return s.error();
        return person.id;
    };
    for (const auto &p : kAdministrators) {
        auto id = addPerson(p);
        if (!id) return id.error();
        administratorIds.push_back(*id);
    }
    for (const auto &p : kProgramStaff)
        if (auto id = addPerson(p); !id) return id.error();

    // The demo's school days are on the district's clock (its policy's time zone), whatever the machine's zone is.
    const QTimeZone zone = [] {
        auto policy = policyOfCase(ParCase{});
        auto z = policy ? policy::districtZone(*policy) : Result<QTimeZone>(policy.error());
        return z ? *z : QTimeZone::systemTimeZone();
    }();
    const QDate today = QDateTime::fromMSecsSinceEpoch(realNow, zone).date();
    for (const DemoCase &c : demoCases()) {
        auto teacherId = addPerson({c.teacher, c.employeeId, Role::ParticipatingTeacher});
        if (!teacherId) return teacherId.error();
        ParCase parCase;
        parCase.id = RecordId::generate();
        parCase.kind = c.kind;
        parCase.status = c.status;
        parCase.teacherId = *teacherId;
        parCase.mentorId = store.owner().id;
        parCase.administratorId = administratorIds[static_cast<std::size_t>(c.administrator)];
        parCase.school = c.school;
        parCase.gradeSubject = c.gradeSubject;
        parCase.schoolYear = "2026-27";
        parCase.startDate = c.start;
        parCase.standardsOfFocus = c.focus;
        // Referred participation under the Clovis handbook (Thomas Nguyen's under seed 004's contract); volunteers
        // under the contract article of seed 002, which takes them (Clovis does not); beginning and intern teachers
        // under seed 004's contract.
        parCase.districtPolicyId = c.policy                          ? c.policy
                                   : c.kind == CaseKind::Referred  ? "clovis-unified"
                                   : c.kind == CaseKind::Volunteer ? "district-002"
                                                                   : "district-004";
        fakeNow = QDateTime(c.start, QTime(8, 0), zone).toMSecsSinceEpoch();
        if (fakeNow > realNow) fakeNow = realNow;
        if (auto s = CaseService(store).saveCase(parCase); !s) return s.error();
        if (summary.cases == 0) summary.referredCaseId = parCase.id;
        ++summary.cases;

        for (const DemoObservation &o : c.observations) {
            const QDateTime start(today.addDays(-o.daysAgo), QTime(o.startHour, o.startMinute), zone);
            fakeNow = std::min<std::int64_t>(start.toMSecsSinceEpoch(), realNow);
            auto obs = NoteService(store).startObservation(parCase.id, o.kind, o.scheduled, o.classPeriod);
            if (!obs) return obs.error();
            ++summary.observations;
            std::optional<RecordId> firstNote;
            for (const DemoNote &n : o.notes) {
                fakeNow = std::min<std::int64_t>(start.addSecs(n.minute * 60 + 17).toMSecsSinceEpoch(), realNow);
                auto note = NoteService(store).addNote(obs->id, n.text, n.tags);
                if (!note) return note.error();
                if (!firstNote) firstNote = note->id;
                ++summary.notes;
            }
            if (o.ended) {
                fakeNow = std::min<std::int64_t>(start.addSecs(55 * 60).toMSecsSinceEpoch(), realNow);
                if (auto e = NoteService(store).endObservation(obs->id); !e) return e.error();
            }
            // One correction in the demo, so the amendment history has something to show.
            if (firstNote && o.kind == ObservationKind::Formal && c.kind == CaseKind::Referred && o.daysAgo == 16) {
                fakeNow = std::min<std::int64_t>(start.addSecs(70 * 60).toMSecsSinceEpoch(), realNow);
                auto a = NoteService(store).amendNote(*firstNote,
                                                      "Bell rang at 9:02; four students still entering (not six: two were on an "
                                                      "office pass). No warm-up posted; students waited for directions.",
                                                      {"2.6", "2.7"}, "Miscounted late arrivals; two students had passes.");
                if (!a) return a.error();
            }
        }
    }
    return summary;
}

Result<int> loadDemoWaitingReferrals(LocalStore &director, const RecordId &administrator)
{
    auto held = CaseService(director).cases();
    if (!held) return held.error();
    if (std::any_of(held->begin(), held->end(), [](const ParCase &c) { return c.status == CaseStatus::Referral; })) return 0;
    struct Waiting {
        const char *teacher, *employeeId;
        CaseKind kind;
        const char *school, *gradeSubject, *policy;
        QDate referredOn;
    };
    const Waiting waiting[] = {
        {"Samuel Brooks", "E-47720", CaseKind::Referred, "Kings River High School", "Grade 9 / Biology", "clovis-unified", QDate(2026, 11, 16)},
        {"Renee Castillo", "E-51108", CaseKind::Intern, "Valley Oak Middle School", "Grade 6 / Mathematics", "district-002", QDate(2026, 10, 26)},
        {"Owen Patel", "E-44391", CaseKind::Referred, "Valley Oak Middle School", "Grade 8 / English", "district-002", QDate(2026, 11, 9)},
        // Seed 004's district takes the teacher's ranked preferences for ten working days: referred this week, the window
        // is open whenever the demo runs.
        {"Grace Okafor", "E-46012", CaseKind::Referred, "Sierra Vista Middle School", "Grade 7 / Science", "district-004",
         QDateTime::fromMSecsSinceEpoch(director.now(), Qt::UTC).date().addDays(-2)},
    };
    int opened = 0;
    for (const Waiting &w : waiting) {
        Person teacher{RecordId::generate(), w.teacher, w.employeeId, {Role::ParticipatingTeacher}, {}};
        if (auto s = CaseService(director).savePerson(teacher); !s) return s.error();
        ParCase c;
        c.id = RecordId::generate();
        c.kind = w.kind;
        c.status = CaseStatus::Referral;
        c.teacherId = teacher.id;
        c.administratorId = w.kind == CaseKind::Referred ? administrator : RecordId();
        c.school = w.school;
        c.gradeSubject = w.gradeSubject;
        c.schoolYear = "2026-27";
        c.startDate = w.referredOn;
        c.districtPolicyId = w.policy;
        if (auto s = CaseService(director).saveCase(c); !s) return s.error();
        ++opened;
    }
    return opened;
}

} // namespace triad::store
