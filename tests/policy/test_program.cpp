// Running the program (issue 13 item 9): the policy's "program" section (service priority, stipend schedule, program
// evaluation date) as each seed writes it, its validation, and the rules of policy/program.h: the order waiting
// referrals are served in, a consulting teacher's hours against the stipend schedule, the program evaluation figures.
#include "policy_test_helpers.h"
#include "program.h"

using namespace triad;
using namespace triad::policy;
using namespace triad::policy::testing;

TEST_CASE("the program section of the shipped policies follows the seeds", "[policy][program]")
{
    const DistrictPolicy p002 = shippedPolicy("district-002");
    REQUIRE(p002.program.servicePriority.size() == 4); // 11.1.2 a-d (e and f are not cases)
    CHECK(p002.program.servicePriority[0].kind == CaseKind::Referred);
    CHECK(p002.program.servicePriority[1].kind == CaseKind::Volunteer);
    CHECK(p002.program.servicePriority[2].kind == CaseKind::Intern);
    CHECK(p002.program.servicePriority[3].kind == CaseKind::BeginningInduction);
    CHECK(contains(p002.program.servicePriority[0].label, "11.1.2 a"));
    REQUIRE(p002.program.stipend);
    CHECK(p002.program.stipend->fullHours == 150);
    CHECK(p002.program.stipend->fullDollars == 4360);
    REQUIRE(p002.program.stipend->assignmentFor("referred"));
    CHECK(p002.program.stipend->assignmentFor("referred")->hours == 20);
    CHECK(p002.program.stipend->assignmentFor("referred")->dollars == 3488);
    CHECK(p002.program.stipend->assignmentFor("beginning")->hours == 90);
    CHECK(p002.program.stipend->assignmentFor("volunteer")->dollars == 1453);
    CHECK(p002.program.stipend->assignmentFor("panel")->hours == 25);
    CHECK(p002.program.stipend->assignmentFor("intern") == nullptr);
    CHECK(p002.program.stipend->trainingDollarsPerHour == 29);
    REQUIRE(p002.program.evaluationDue);
    CHECK((p002.program.evaluationDue->month == 5 && p002.program.evaluationDue->day == 15));

    const DistrictPolicy p004 = shippedPolicy("district-004");
    REQUIRE(p004.program.servicePriority.size() == 3); // Groups I, II, III
    CHECK(contains(p004.program.servicePriority[0].label, "Group I"));
    CHECK_FALSE(p004.program.stipend);

    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    CHECK(clovis.program.servicePriority.empty());
    CHECK_FALSE(clovis.program.stipend);
    CHECK_FALSE(clovis.program.evaluationDue);

    const std::string described = describe(p002);
    CHECK(contains(described, "1. referred — Permanent teachers"));
    CHECK(contains(described, "stipend: $4360 for 150 hours"));
    CHECK(contains(described, "program evaluation due May 15"));
    CHECK(contains(describe(clovis), "service priority: none set"));
}

TEST_CASE("a broken program section is refused with the place and the problem", "[policy][program]")
{
    const QString asset = QStringLiteral("policies/district-002.json");
    SECTION("a kind listed twice in the priority order")
    {
        const auto e = policyError(assetWithReplacement(asset, "{\"kind\": \"volunteer\"", "{\"kind\": \"referred\""), "district-002.json");
        CHECK(e.code == "policy.invalid");
        CHECK(contains(e.message, "/program/service_priority/1"));
        CHECK(contains(e.message, "listed twice"));
    }
    SECTION("an unknown kind of participation")
    {
        const auto e = policyError(assetWithReplacement(asset, "{\"kind\": \"volunteer\"", "{\"kind\": \"voluntary\""), "district-002.json");
        CHECK(contains(e.message, "/program/service_priority/1/kind"));
        CHECK(contains(e.message, "voluntary"));
    }
    SECTION("an assignment of more hours than the full stipend")
    {
        const auto e = policyError(assetWithReplacement(asset, "\"hours\": 90,", "\"hours\": 190,"), "district-002.json");
        CHECK(contains(e.message, "/program/stipend/assignments/1"));
        CHECK(contains(e.message, "more than the full stipend's 150"));
    }
    SECTION("a date that is not MM-DD")
    {
        const auto e = policyError(assetWithReplacement(asset, "\"evaluation_due\": \"05-15\"", "\"evaluation_due\": \"May 15\""), "district-002.json");
        CHECK(contains(e.message, "/program/evaluation_due"));
        CHECK(contains(e.message, "MM-DD"));
    }
    SECTION("a member the format does not have")
    {
        const auto e = policyError(assetWithReplacement(asset, "\"evaluation_due\"", "\"stipends\": 1, \"evaluation_due\""), "district-002.json");
        CHECK(contains(e.message, "stipends"));
    }
}

TEST_CASE("waiting referrals are served in the district's priority order, then the longest waiting", "[policy][program]")
{
    const std::vector<WaitingCase> waiting{{CaseKind::Volunteer, 100}, {CaseKind::Referred, 300}, {CaseKind::BeginningInduction, 50},
                                           {CaseKind::Referred, 200}, {CaseKind::Intern, 10}};
    SECTION("seed 002: referred, then volunteers, then probationary volunteers, then BTSA")
    {
        const auto order = serviceOrder(shippedPolicy("district-002").program, waiting);
        REQUIRE(order.size() == 5);
        CHECK(order[0].index == 3); // the referral waiting longer first
        CHECK(order[1].index == 1);
        CHECK(order[2].index == 0);
        CHECK(order[3].index == 4);
        CHECK(order[4].index == 2);
        CHECK(order[0].priority == 1);
        CHECK(contains(order[0].reason, "Priority 1: Permanent teachers who receive"));
        CHECK(order[4].priority == 4);
    }
    SECTION("seed 004: kinds the order does not list come after every listed kind")
    {
        const auto order = serviceOrder(shippedPolicy("district-004").program, waiting);
        CHECK(order[0].index == 3);
        CHECK(order[3].index == 4); // Group III
        CHECK(order[4].index == 2); // beginning teachers are not among Groups I-III
        CHECK(order[4].priority == 4);
        CHECK(contains(order[4].reason, "After every kind"));
    }
    SECTION("Clovis sets no order: the longest waiting first")
    {
        const auto order = serviceOrder(shippedPolicy("clovis-unified").program, waiting);
        CHECK(order[0].index == 4);
        CHECK(order[1].index == 2);
        CHECK(order[4].index == 1);
        CHECK(contains(order[0].reason, "sets no priority order"));
    }
}

TEST_CASE("a consulting teacher's hours against seed 002's stipend schedule", "[policy][program]")
{
    const ProgramRules rules = shippedPolicy("district-002").program;
    SECTION("two mandated teachers, one volunteer and the panel")
    {
        const auto h = consultingTeacherHours(rules, {{"referred", 2}, {"volunteer", 1}, {"panel", 1}}, 50 * 60);
        REQUIRE(h);
        CHECK(h->allottedHours == 2 * 20 + 50 + 25);
        CHECK(h->stipendDollars == 2 * 3488 + 1453 + 727);
        CHECK(h->toFullHours == 150 - 115); // 11.8.3
        CHECK(h->overAllotmentMinutes == 0);
        REQUIRE(h->lines.size() == 3);
        CHECK(h->lines[0].count == 2);
        CHECK(h->lines[0].hours == 40);
        CHECK(contains(h->lines[0].label, "mandated teacher"));
        CHECK(h->notPriced.empty());
    }
    SECTION("more logged than allotted: the excess is asked of the panel (11.8.4)")
    {
        const auto h = consultingTeacherHours(rules, {{"referred", 1}}, 20 * 60 + 95);
        CHECK(h->overAllotmentMinutes == 95);
    }
    SECTION("two BTSA teachers are one full stipend's hours (11.8.2)")
    {
        const auto h = consultingTeacherHours(rules, {{"beginning", 2}}, 0);
        CHECK(h->allottedHours == 180); // the schedule's own figures: 2 × 90
        CHECK(h->toFullHours == 0);
    }
    SECTION("an intern is not on the schedule")
    {
        const auto h = consultingTeacherHours(rules, {{"intern", 1}}, 0);
        CHECK(h->allottedHours == 0);
        CHECK(h->notPriced == std::vector<std::string>{"intern"});
    }
    CHECK_FALSE(consultingTeacherHours(shippedPolicy("clovis-unified").program, {{"referred", 1}}, 60));
}

TEST_CASE("program evaluation figures count participations, never content", "[policy][program]")
{
    const DistrictPolicy p = shippedPolicy("district-002");
    const QDate first = p.calendar.firstDay();
    std::vector<ParticipationFact> facts{
        {CaseKind::Referred, CaseStatus::Active, first, true},
        {CaseKind::Referred, CaseStatus::Referral, first, true},
        {CaseKind::Referred, CaseStatus::Discontinued, first, true},
        {CaseKind::Referred, CaseStatus::Discontinued, first, false},
        {CaseKind::Referred, CaseStatus::Extended, first, true},
        {CaseKind::Volunteer, CaseStatus::Withdrawn, first, std::nullopt},
        {CaseKind::Volunteer, CaseStatus::Active, p.calendar.lastDay().addDays(1), std::nullopt}, // next school year
    };
    const ProgramFigures f = programFigures(p, facts);
    CHECK(f.schoolYear == p.calendar.schoolYear());
    CHECK(f.participations == 6);
    CHECK(f.byKind.at(CaseKind::Referred) == 5);
    CHECK(f.byKind.at(CaseKind::Volunteer) == 1);
    CHECK(f.waiting == 1);
    CHECK(f.active == 1);
    CHECK(f.extended == 1);
    CHECK(f.completed == 2);
    CHECK(f.withdrawn == 1);
    CHECK(f.completionPercent() == 67); // 2 of the 3 whose participation ended
    CHECK(f.retainedKnown == 5);
    CHECK(f.retained == 4);
    CHECK(f.retentionPercent() == 80);
    const ProgramFigures none = programFigures(p, {});
    CHECK_FALSE(none.completionPercent());
    CHECK_FALSE(none.retentionPercent());
    // 11.6.8: the panel's evaluation of 2026-27 and its recommendations by May 15 2027; Clovis's handbook sets none.
    CHECK(programFigures(shippedPolicy("district-002"), {}).evaluationDue == QDate(2027, 5, 15));
    CHECK_FALSE(programFigures(shippedPolicy("clovis-unified"), {}).evaluationDue);
}
