// District policy files: every shipped policy loads with the seeds' values, and broken files are rejected with
// the file name, the place (line:column and JSON pointer) and the problem.
#include "policy_test_helpers.h"

using namespace triad::policy;
using namespace triad::policy::testing;

TEST_CASE("every shipped policy loads, from the binary and from the assets directory", "[policy][district]")
{
    const std::vector<QString> ids = builtinPolicyIds();
    REQUIRE(ids == std::vector<QString>{QStringLiteral("clovis-unified"), QStringLiteral("district-002"), QStringLiteral("district-004")});
    for (const QString &id : ids) {
        INFO(id.toStdString());
        const DistrictPolicy builtin = shippedPolicy(id.toStdString().c_str());
        CHECK(builtin.id == id.toStdString());
        const triad::Result<DistrictPolicy> fromDisk =
            loadPolicy(triad::test::assetPath(QStringLiteral("policies/%1.json").arg(id)), builtinCatalogue());
        INFO((fromDisk.ok() ? std::string() : fromDisk.error().message));
        REQUIRE(fromDisk.ok());
        CHECK(fromDisk->district == builtin.district);
        CHECK_FALSE(builtin.records.volunteerToPersonnelFile);
        CHECK(builtin.records.volunteerConfidential);
        CHECK(builtin.calendar.schoolYear() == "2026-27");
        CHECK(!builtin.sources.empty());
        CHECK(!describe(builtin).empty());
    }
    const triad::Result<DistrictPolicy> unknown = builtinPolicy(QStringLiteral("nowhere-unified"));
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "policy.unknown");
    CHECK(contains(unknown.error().message, "clovis-unified"));
}

TEST_CASE("Clovis Unified policy reproduces the handbook", "[policy][district]")
{
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    CHECK(p.district == "Clovis Unified School District");
    CHECK(p.standards == std::vector<int>{1, 2, 3, 4, 5, 6, 7});
    CHECK(p.referral.requiresPermanentStatus);
    CHECK(p.referral.minYearsInDistrict == 2);
    CHECK(p.referral.words.unsatisfactory == "No");
    REQUIRE(p.referral.criteria.size() == 1);
    CHECK(p.referral.criteria[0].standards == std::vector<int>{1, 2, 3, 4, 5, 6});
    CHECK(p.referral.criteria[0].min == 1);
    CHECK(p.responseWindow.days == 10);
    CHECK(p.responseWindow.count == DayCount::Calendar);
    CHECK(p.reports.cadence.every == 6);
    CHECK(p.reports.cadence.unit == CadenceUnit::Weeks);
    CHECK(p.reports.teacherSignature);
    CHECK_FALSE(p.reports.panelLeadWorkingDays.has_value());
    CHECK(p.mentoring.firstContactDays == 14);
    CHECK(p.mentoring.meetingMinimum == 1);
    CHECK(p.mentoring.meetingPer == MeetingPeriod::Week);
    CHECK(p.mentoring.triadMeetings.size() == 4);
    CHECK(p.mentoring.teacherKeepsLog);
    CHECK(contains(describe(p), "log every week, kept by the mentor and the teacher"));
    CHECK(p.programCap.schoolYears == 2);
    CHECK(p.programEndLimit(QDate(2026, 9, 1)) == QDate(2028, 9, 1));
    REQUIRE(p.portfolio.size() == 2);
    CHECK(p.portfolio[0].documents.size() == 9);
    CHECK(p.portfolio[0].documents[0].title == "CSTP Self Assessment");
    CHECK(p.portfolio[1].documents.size() == 16);
    CHECK(p.portfolio[1].documents[15].title == "Monthly Electronic Logs");
    CHECK(p.records.referredResultsToPersonnelFile);
    CHECK(p.nextReportDue(QDate(2026, 9, 1)) == QDate(2026, 10, 13));
    CHECK(p.firstContactDueDate(QDate(2026, 9, 1)) == QDate(2026, 9, 15));

    const std::string text = describe(p);
    for (const char *needle : {"Clovis Unified School District", "within 10 calendar days of receipt", "at least every 6 weeks",
                               "Progress-Monitoring Triad Meeting #2", "2 school year", "Thanksgiving break", "PAR Teacher's Year-End Response"})
        CHECK(contains(text, needle));
}

TEST_CASE("district 002 policy: five working days before panel, final report by March 1", "[policy][district]")
{
    const DistrictPolicy p = shippedPolicy("district-002");
    CHECK(p.standards == std::vector<int>{1, 2, 3, 4, 5, 6});
    REQUIRE(p.referral.criteria.size() == 2);
    CHECK(p.referral.criteria[0].outcome == ReferralDecision::ParticipationRequired);
    CHECK(p.referral.criteria[0].profiles.size() == 3);
    CHECK(p.referral.criteria[1].outcome == ReferralDecision::VoluntaryEncouraged);
    CHECK(p.reports.panelLeadWorkingDays == 5);
    CHECK(p.finalReportDueDate() == QDate(2027, 3, 1));
    // Panel meets Wed 2027-03-17: copies due five working days before, Wed 2027-03-10.
    CHECK(p.reportsDueBeforePanel(QDate(2027, 3, 17)) == QDate(2027, 3, 10));
    // Panel meets Fri 2027-02-19: Presidents' Day (Mon 02-15) is skipped, so Thu 2027-02-11.
    CHECK(p.reportsDueBeforePanel(QDate(2027, 2, 19)) == QDate(2027, 2, 11));
    CHECK(p.responseWindow.count == DayCount::Working);
    CHECK(p.programCap.schoolYears == 1);
    CHECK_FALSE(p.programCap.notes.empty());
    CHECK(p.records.acceptsVolunteers);
    CHECK(contains(describe(p), "copies due 5 working days before a panel meeting"));
    CHECK(contains(describe(p), "final report no later than Mon 2027-03-01"));
    // The panel's meetings of 2026-27 (fictional dates; the article names none).
    CHECK(p.program.panelMeetings == std::vector<QDate>{QDate(2026, 10, 14), QDate(2026, 12, 9), QDate(2027, 3, 10), QDate(2027, 5, 12)});
    CHECK(contains(describe(p), "panel meetings: 2026-10-14 2026-12-09 2027-03-10 2027-05-12"));
}

TEST_CASE("district 004 policy: three of six, monthly, 18 months / three semesters", "[policy][district]")
{
    const DistrictPolicy p = shippedPolicy("district-004");
    REQUIRE(p.referral.criteria.size() == 1);
    CHECK(p.referral.criteria[0].min == 3);
    CHECK(p.reports.cadence.unit == CadenceUnit::Months);
    CHECK(p.nextReportDue(QDate(2026, 9, 15)) == QDate(2026, 10, 15));
    CHECK(p.mentoring.logCadence.unit == CadenceUnit::Months);
    CHECK_FALSE(p.mentoring.teacherKeepsLog);
    CHECK(p.programCap.months == 18);
    CHECK(p.programCap.semesters == 3);
    CHECK(p.programEndLimit(QDate(2026, 8, 19)) == QDate(2028, 2, 19));
    CHECK(p.programCap.volunteerMonths == 12); // "a maximum of one year" for a Voluntary Participating Teacher
    CHECK(p.programEndLimit(QDate(2026, 8, 19), true) == QDate(2027, 8, 19));
    CHECK(shippedPolicy("clovis-unified").programEndLimit(QDate(2026, 8, 19), true) == QDate(2028, 8, 19)); // none of its own
    CHECK_FALSE(p.finalReportDueDate().has_value());
    CHECK_FALSE(p.reportsDueBeforePanel(QDate(2027, 3, 17)).has_value());
}

TEST_CASE("a policy syntax error gives file:line:column", "[policy][district]")
{
    const QByteArray bytes = "{\n  \"format\": \"triad-policy/1\",\n  \"id\": \"district-004\"\n  \"district\": \"x\"\n}\n";
    const triad::Error e = policyError(bytes);
    CHECK(e.code == "policy.syntax");
    CHECK(e.message == "district-004.json:4:3: syntax error: missing comma or closing '}' in an object");

    const triad::Error colon = policyError("{\n  \"format\" \"triad-policy/1\"\n}");
    CHECK(colon.message == "district-004.json:2:12: syntax error: missing ':' after a key");

    const triad::Error trailing = policyError("{\"format\": \"triad-policy/1\",}");
    CHECK(contains(trailing.message, "district-004.json:1:"));
    CHECK(contains(trailing.message, "syntax error"));

    const triad::Error notObject = policyError("[1, 2]");
    CHECK(notObject.code == "policy.invalid");
    CHECK(contains(notObject.message, "expected a JSON object at the top level"));
}

TEST_CASE("a broken policy names the file, the place and the problem", "[policy][district]")
{
    struct Case {
        const char *what;
        const char *asset;
        std::string find;
        std::string replace;
        std::string pointer;
        std::string problem;
        bool positionAtFind; // the error points at the start of the replaced text
    };
    const std::vector<Case> cases = {
        {"day count word", "district-004", R"("count": "working",
    "extend)",
         R"("count": "weekdays",
    "extend)",
         "/response_window/count", R"(expected "calendar" or "working", got "weekdays")", true},
        {"typo in a key", "clovis-unified", R"("response_window":)", R"("responce_window":)", "/",
         R"(missing required key "response_window" (is "responce_window" a typo?))", false},
        {"wrong type", "district-004", R"("days": 10,
    "count": "working",
    "extend)",
         R"("days": "ten",
    "count": "working",
    "extend)",
         "/response_window/days", R"(expected an integer from 1 to 366, got "ten")", true},
        {"panel meeting not a date", "district-002", R"("2026-12-09", "2027-03-10")", R"("2026-12-09", "2027-03-32")", "/program/panel_meetings/2",
         R"(expected a date as YYYY-MM-DD, got "2027-03-32")", false},
        {"panel meetings out of order", "district-002", R"("2026-12-09", "2027-03-10")", R"("2026-12-09", "2026-12-09")", "/program/panel_meetings/2",
         "the panel's meetings are listed in order, each once: 2026-12-09 comes after 2026-12-09", false},
        {"volunteer cap out of range", "district-004", R"("volunteer_months": 12,)", R"("volunteer_months": 0,)", "/program_cap/volunteer_months",
         "expected an integer from 1 to 120, got the number 0", true},
        {"negative days", "clovis-unified", R"("days": 14,)", R"("days": -3,)", "/mentoring/first_contact/days",
         "expected an integer from 1 to 366, got the number -3", true},
        {"fractional number", "clovis-unified", R"("every": 6,)", R"("every": 6.5,)", "/reports/cadence/every",
         "expected an integer from 1 to 52, got the number 6.5", true},
        {"min above the number of standards", "district-004", R"("min": 3,)", R"("min": 7,)", "/referral/criteria/0/min",
         R"(min 7 is more than the 6 standards listed in "standards")", true},
        {"standard not in the catalogue", "district-004", R"("standards": [1, 2, 3, 4, 5, 6],
        "min")",
         R"("standards": [1, 2, 3, 4, 5, 9],
        "min")",
         "/referral/criteria/0/standards/5", "standard 9 is not in the CSTP catalogue", false},
        {"standard the district does not use", "district-002", R"("standards": [1, 2, 3, 4, 5, 6],
        "profiles")",
         R"("standards": [1, 2, 3, 4, 5, 7],
        "profiles")",
         "/referral/criteria/0/standards/5", "standard 7 is not one of this policy's /catalogue/standards", false},
        {"standard listed twice", "district-004", R"("standards": [1, 2, 3, 4, 5, 6],
    "notes")",
         R"("standards": [1, 2, 3, 4, 4, 6],
    "notes")",
         "/catalogue/standards/4", "standard 4 is listed twice", false},
        {"invalid date", "clovis-unified", R"("date": "2027-02-15")", R"("date": "2027-02-30")", "/school_calendar/closures/6/date",
         R"(expected a date as YYYY-MM-DD, got "2027-02-30")", true},
        {"holiday outside the school year", "clovis-unified", R"("date": "2026-11-11")", R"("date": "2031-11-11")",
         "/school_calendar/closures/1/date", "2031-11-11 is outside the school year (2026-07-01 to 2027-06-30)", true},
        {"closure ending before it starts", "clovis-unified", R"("to": "2026-11-27")", R"("to": "2026-11-20")", "/school_calendar/closures/2/to",
         "the closure ends (2026-11-20) before it starts (2026-11-23)", true},
        {"a school year of one semester", "clovis-unified", R"("last_day": "2027-06-03")", R"("last_day": "2026-12-18")", "/school_calendar/last_day",
         "the first day of school falls in July-December and the last day in January-June (a fall and a spring semester), got 2026-08-12 and "
         "2026-12-18", true},
        {"last day before first day", "clovis-unified", R"("last_day": "2027-06-03")", R"("last_day": "2026-08-01")", "/school_calendar/last_day",
         "the last day of school (2026-08-01) must come after the first day (2026-08-12)", true},
        {"bad school year", "clovis-unified", R"("school_year": "2026-27")", R"("school_year": "2026-28")", "/school_calendar/school_year",
         R"(expected a school year like "2026-27", got "2026-28")", true},
        {"bad weekend day", "clovis-unified", R"("weekend": ["saturday", "sunday"])", R"("weekend": ["saturday", "sundy"])",
         "/school_calendar/weekend/1", R"(expected a day name ("saturday", "sunday", ...), got "sundy")", false},
        {"empty district name", "district-004", R"("district": "Three-of-six standards district")", R"("district": "")", "/district",
         "must not be empty", true},
        {"bad id", "district-004", R"("id": "district-004")", R"("id": "District 004")", "/id", R"(expected lower-case letters, digits and '-')",
         true},
        {"wrong format tag", "district-004", R"("format": "triad-policy/1")", R"("format": "triad-policy/9")", "/format",
         R"(expected "triad-policy/1", got "triad-policy/9")", true},
        {"unknown rule kind", "district-004", R"("kind": "unsatisfactory_standards")", R"("kind": "some_standards")", "/referral/criteria/0/kind",
         R"(expected "unsatisfactory_standards" or "rating_profiles", got "some_standards")", true},
        {"unknown outcome", "district-004", R"("outcome": "participation_required")", R"("outcome": "maybe")", "/referral/criteria/0/outcome",
         R"(expected "voluntary_encouraged", "eligible_for_referral", or "participation_required", got "maybe")", true},
        {"per_domain above any standard's element count", "district-002", R"("per_domain": 2, "domains": 3)", R"("per_domain": 8, "domains": 3)",
         "/referral/criteria/0/profiles/1/per_domain", R"(expected "all" or an integer from 1 to 7, got the number 8)", false},
        {"domains above the standards listed", "district-002", R"("per_domain": 2, "domains": 3)", R"("per_domain": 2, "domains": 9)",
         "/referral/criteria/0/profiles/1/domains", R"(expected "all" or an integer from 1 to 6, got the number 9)", false},
        {"volunteer records in the personnel file", "district-002", R"("volunteer_personnel_file": false)", R"("volunteer_personnel_file": true)",
         "/records/volunteer_personnel_file", "must be false: nothing reaches the personnel file while participation is voluntary", true},
        {"duplicate portfolio document", "clovis-unified", R"({"id": "data-analysis-1", "title": "Data Analysis 1"},
        {"id": "informal)",
         R"({"id": "ilp-1", "title": "Data Analysis 1"},
        {"id": "informal)",
         "/portfolio/0/documents/2/id", R"(duplicate document id "ilp-1" in this list)", false},
        {"final report date", "district-002", R"("final_report_due": "03-01")", R"("final_report_due": "02-30")", "/reports/final_report_due",
         R"(expected a month and day as MM-DD (like "03-01"), got "02-30")", true},
        {"log kept by someone else", "clovis-unified", R"("kept_by": ["mentor", "teacher"])", R"("kept_by": ["mentor", "principal"])",
         "/mentoring/log/kept_by/1", R"(expected "mentor" or "teacher", got "principal")", false},
        {"log not kept by the mentor", "district-004", R"("kept_by": ["mentor"])", R"("kept_by": ["teacher"])", "/mentoring/log/kept_by",
         R"(must include "mentor": the mentor always keeps the log)", true},
        {"wrong container type", "district-004", R"("sources": [)", R"("sources": {"x": 1}, "y": [)", "/sources", "expected an array, got an object",
         true},
    };
    for (const Case &c : cases) {
        INFO(c.what);
        const QString file = QString::fromLatin1(c.asset) + QStringLiteral(".json");
        const QByteArray bytes = assetWithReplacement(QStringLiteral("policies/") + file, c.find, c.replace);
        const triad::Error e = policyError(bytes, file);
        INFO(e.message);
        CHECK(e.code == "policy.invalid");
        CHECK(contains(e.message, file.toStdString() + ":"));
        CHECK(contains(e.message, "at " + c.pointer + ": " + c.problem));
        if (c.positionAtFind) CHECK(contains(e.message, file.toStdString() + ":" + lineColumnOf(bytes, c.replace) + ": at "));
    }
}

TEST_CASE("unknown keys are errors, with a suggestion for typos", "[policy][district]")
{
    const QByteArray bytes = assetWithReplacement(QStringLiteral("policies/district-004.json"), R"("extend_to_working_day": false,)",
                                                  R"("extend_to_working_day": false, "extend_to_workday": true,)");
    const triad::Error e = policyError(bytes);
    INFO(e.message);
    CHECK(e.code == "policy.invalid");
    CHECK(contains(e.message, "district-004.json:" + lineColumnOf(bytes, "\"extend_to_workday\"")
                                  + ": at /response_window/extend_to_workday: unknown key \"extend_to_workday\" "
                                    "(did you mean \"extend_to_working_day\"?)"));

    const QByteArray topLevel = assetWithReplacement(QStringLiteral("policies/district-004.json"), R"("notes":)", R"("colour": "blue", "notes":)");
    const triad::Error e2 = policyError(topLevel);
    CHECK(contains(e2.message, "at /colour: unknown key \"colour\""));
}

TEST_CASE("duplicate keys are errors", "[policy][district]")
{
    const QByteArray bytes = assetWithReplacement(QStringLiteral("policies/district-004.json"), R"("days": 10,)", R"("days": 10, "days": 12,)");
    const triad::Error e = policyError(bytes);
    INFO(e.message);
    CHECK(e.code == "policy.invalid");
    CHECK(contains(e.message, "district-004.json:" + lineColumnOf(bytes, "\"days\": 12") + ": at /response_window/days: duplicate key \"days\""));
}

TEST_CASE("a missing section is named", "[policy][district]")
{
    const QByteArray bytes = assetWithReplacement(QStringLiteral("policies/clovis-unified.json"), R"("program_cap":)", R"("program_limit":)");
    const triad::Error e = policyError(bytes, QStringLiteral("clovis-unified.json"));
    CHECK(contains(e.message, "clovis-unified.json:1:1: at /: missing required key \"program_cap\""));
}

TEST_CASE("an unreadable policy file is named", "[policy][district]")
{
    const triad::Result<DistrictPolicy> r = loadPolicy(QStringLiteral("/nonexistent/dir/district-009.json"), builtinCatalogue());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "file.unreadable");
    CHECK(contains(r.error().message, "district-009.json"));
}
