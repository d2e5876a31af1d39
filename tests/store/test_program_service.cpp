// The program as the director of induction and the panel run it (issue 13 item 9), over real enrolled stores: the
// referrals waiting for a consulting teacher in the district's service order, enrolment and reassignment with the
// history kept, every case across the sites, a consulting teacher's logged hours against seed 002's stipend schedule,
// and the program evaluation figures — from case records, case updates, the directory and meeting-log minutes only.
#include "form_service.h"
#include "program_service.h"
#include "store_district.h"

#include <set>

using namespace triad;
using store::CaseService;
using store::FormService;
using store::LocalStore;
using store::ProgramService;
using test::District;
using test::ok;

namespace {

FormContent meetingLog(const std::string &date, int minutes)
{
    FormContent log;
    log.kind = FormKind::MeetingLog;
    log.fields = {{"date", date}, {"kind", "meeting"}, {"minutes", std::to_string(minutes)}, {"work", "Planned the unit's formative checks."}};
    return log;
}

const store::ConsultingTeacherLoad &loadOf(const store::ProgramView &v, const RecordId &mentor)
{
    auto it = std::find_if(v.consultingTeachers.begin(), v.consultingTeachers.end(), [&](const auto &l) { return l.mentorId == mentor; });
    REQUIRE(it != v.consultingTeachers.end());
    return *it;
}

} // namespace

TEST_CASE("Program staff see waiting referrals in service order, every case, its history, hours and figures", "[store][program]")
{
    District d;
    auto admin = d.device("admin", CaseRole::SiteAdministrator);
    auto director = d.device("director", CaseRole::DirectorOfInduction);
    auto panel = d.device("panel", CaseRole::Panel);
    auto mentor = d.device("mentor", CaseRole::Mentor);
    auto other = d.deviceOf("other-mentor", d.keys.outsider);
    auto syncAll = [&] { test::sendAll({admin.get(), director.get(), panel.get(), mentor.get(), other.get()}); };
    const RecordId teacher = d.person(CaseRole::Teacher), firstMentor = d.person(CaseRole::Mentor),
                   secondMentor = d.keys.outsider.certificate.personId;
    // Each referral is of a teacher of their own (a teacher in PAR is not referred again): more certified teachers.
    auto certifyTeacher = [&](const std::string &name) {
        test::Member m;
        d.keys.certify(m, name, Role::ParticipatingTeacher);
        for (LocalStore *s : {admin.get(), director.get(), panel.get(), mentor.get(), other.get()})
            REQUIRE(store::EnrollmentService(*s).addCertificate(m.certificateBytes).ok());
        return m.certificate.personId;
    };
    const RecordId secondTeacher = certifyTeacher("second teacher"), thirdTeacher = certifyTeacher("third teacher");

    // Two referrals under seed 002; the older is enrolled, then reassigned.
    const ParCase older = ok(CaseService(*admin).openReferral(teacher, "Valley Middle School", "Grade 7 / Science", "district-002"));
    d.later();
    CHECK(CaseService(*admin).openReferral(teacher, "Oak Grove Elementary", "Grade 4", "district-002").error().code == "case.already_in_par");
    const ParCase newer = ok(CaseService(*admin).openReferral(secondTeacher, "Oak Grove Elementary", "Grade 4", "district-002"));
    syncAll();
    {
        const auto views = ok(ProgramService(*director).overview());
        REQUIRE(views.size() == 1);
        CHECK(views[0].policyId == "district-002");
        CHECK(views[0].cases.empty());
        REQUIRE(views[0].waiting.size() == 2);
        REQUIRE(views[0].waiting[0].servicePlace);
        CHECK(views[0].waiting[0].servicePlace->priority == 1);
        CHECK(views[0].waiting[0].servicePlace->reason.find("11.1.2 a") != std::string::npos);
        CHECK(views[0].figures.waiting == 2);
    }

    REQUIRE(CaseService(*director).enrol(older.id, firstMentor).ok());
    syncAll();
    ok(FormService(*mentor).save(older.id, meetingLog("2026-09-14", 50)));
    ok(FormService(*mentor).save(older.id, meetingLog("2026-09-21", 40)));
    syncAll();
    d.later();
    REQUIRE(CaseService(*director).handOverCase(older.id, secondMentor).ok());
    syncAll();
    d.later();
    ok(FormService(*other).save(older.id, meetingLog("2026-10-05", 1290))); // 21.5 hours: past the 20 allotted
    syncAll();

    for (LocalStore *staff : {director.get(), panel.get()}) {
        INFO((staff == director.get() ? "director" : "panel"));
        const auto views = ok(ProgramService(*staff).overview());
        REQUIRE(views.size() == 1);
        const store::ProgramView &v = views[0];
        REQUIRE(v.waiting.size() == 1);
        CHECK(v.waiting[0].parCase.id == newer.id);
        REQUIRE(v.cases.size() == 1);
        const store::ProgramCase &c = v.cases[0];
        CHECK(c.parCase.id == older.id);
        CHECK(c.parCase.status == CaseStatus::Active);
        CHECK(c.mentorName == "another mentor");
        REQUIRE(c.formerMentors.size() == 1);
        CHECK(c.formerMentors[0].first == caseRoleName(CaseRole::Mentor));
        CHECK(c.administratorName == caseRoleName(CaseRole::SiteAdministrator));

        // Hours: each consulting teacher's own logs; the assignment is the current one's.
        const auto &now = loadOf(v, secondMentor);
        CHECK(now.cases == 1);
        CHECK(now.loggedMinutes == 1290);
        REQUIRE(now.hours);
        CHECK(now.hours->allottedHours == 20);
        CHECK(now.hours->stipendDollars == 3488);
        CHECK(now.hours->overAllotmentMinutes == 90);
        const auto &before = loadOf(v, firstMentor);
        CHECK(before.cases == 0);
        CHECK(before.loggedMinutes == 90);
        CHECK(before.hours->allottedHours == 0);

        CHECK(v.figures.participations == 2);
        CHECK(v.figures.active == 1);
        CHECK(v.figures.waiting == 1);
        CHECK(v.figures.retainedKnown == 2);
        CHECK(v.figures.retained == 2);
    }

    // Deadlines are judged from documents: a referred teacher's ranked consulting teachers go to program staff and the
    // panel, never to the site administrator, so the administrator is not shown that deadline (it would only ever
    // look missed there); program staff are. Every other deadline of the case is the same for both.
    {
        const ParCase ranked = ok(CaseService(*admin).openReferral(thirdTeacher, "Sierra Vista Middle School", "Grade 7 / Science", "district-004"));
        syncAll();
        auto keys = [&](LocalStore &on) {
            std::set<std::string> out;
            for (const auto &x : ok(FormService(on).deadlines(ranked.id))) out.insert(x.key);
            return out;
        };
        const std::set<std::string> directors = keys(*director), administrators = keys(*admin);
        CHECK(directors.count("preferences") == 1);
        CHECK(administrators.count("preferences") == 0);
        std::set<std::string> rest = directors;
        rest.erase("preferences");
        CHECK(administrators == rest);
    }

    // The panel reads; only a director of induction (or the case's mentor) reassigns.
    CHECK(CaseService(*panel).handOverCase(older.id, firstMentor).error().code == "case.not_entitled");
    // A panel member's own panel work is an assignment of the schedule.
    const auto panelLoad = ok(ProgramService(*panel).hoursOf(d.person(CaseRole::Panel), "district-002"));
    CHECK(panelLoad.assignments.at("panel") == 1);
    REQUIRE(panelLoad.hours);
    CHECK(panelLoad.hours->allottedHours == 25);
    CHECK(ProgramService(*panel).hoursOf(firstMentor, "no-such-district").error().code == "policy.unknown");

    // The site administrator holds the cases but is not program staff: nothing of the program is theirs to compute
    // beyond what they hold, and the mentor holds their own case only.
    const auto mentorView = ok(ProgramService(*other).overview());
    REQUIRE(mentorView.size() == 1);
    CHECK(mentorView[0].waiting.empty());
}
