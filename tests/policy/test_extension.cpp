// The year-end extension: the "extension" section of each shipped policy, its validation, triad-extension/1 inputs and
// evaluateExtension on the seeds' cases (Clovis: a "No" on standards 1-6, the two-year cap, the teacher's willingness;
// district-004: two semesters extended to three, never past 18 months; district-002: no extension).
#include "extension.h"
#include "policy_test_helpers.h"
#include "referral_input.h"
#include "wording.h"

using namespace triad::policy;
using namespace triad::policy::testing;

namespace {

triad::Result<ExtensionInput> read(const DistrictPolicy &policy, const std::string &json)
{
    return readExtensionInput(QByteArray::fromStdString(json), QStringLiteral("extension.json"), policy, builtinCatalogue());
}

ExtensionDecision decide(const DistrictPolicy &policy, const std::string &json)
{
    const triad::Result<ExtensionInput> in = read(policy, json);
    INFO((in.ok() ? std::string() : in.error().message));
    REQUIRE(in.ok());
    return evaluateExtension(policy, *in, builtinCatalogue());
}
ExtensionDecision decide(const char *policyId, const std::string &json) { return decide(shippedPolicy(policyId), json); }

std::string reasons(const ExtensionDecision &d)
{
    std::string out;
    for (const std::string &r : d.reasons) out += r + "\n";
    return out;
}

std::string refused(const char *policyId, const std::string &json)
{
    const triad::Result<ExtensionInput> in = read(shippedPolicy(policyId), json);
    REQUIRE_FALSE(in.ok());
    CHECK(in.error().code == "extension.invalid");
    return in.error().message;
}

const std::string kFormat = R"({"format": "triad-extension/1", )";

} // namespace

TEST_CASE("extension rules of the shipped policies", "[policy][extension]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    REQUIRE(clovis.extension.has_value());
    CHECK(clovis.extension->possible);
    CHECK(clovis.extension->period.text() == "1 school year");
    REQUIRE(clovis.extension->criteria.size() == 1);
    CHECK(clovis.extension->criteria[0].standards == std::vector<int>{1, 2, 3, 4, 5, 6});
    CHECK(clovis.extension->requiresTeacherWilling);
    CHECK(contains(clovis.extension->notes, "Referred Teacher is willing to participate in Year 2"));

    const DistrictPolicy d002 = shippedPolicy("district-002");
    REQUIRE(d002.extension.has_value());
    CHECK_FALSE(d002.extension->possible);
    CHECK(contains(describe(d002), "  extension: none (this policy provides no extension)\n"));

    const DistrictPolicy d004 = shippedPolicy("district-004");
    REQUIRE(d004.extension.has_value());
    CHECK(d004.extension->period.text() == "1 semester");
    CHECK(d004.extension->criteria.empty());
    CHECK_FALSE(d004.extension->requiresTeacherWilling);
    CHECK(contains(d004.extension->panelFinding, "making progress"));
    CHECK(contains(describe(d004), "extension: by 1 semester, decided after 2 semesters in PAR, within the program cap; the panel "
                                   "must find that"));
    REQUIRE(d004.extension->decidedAfter.has_value());
    CHECK(d004.extension->decidedAfter->text() == "2 semesters");
}

TEST_CASE("Clovis: extend for another year on a \"No\" on standards 1-6, within two years, if the teacher is willing", "[policy][extension]")
{
    SECTION("all conditions met")
    {
        const ExtensionDecision d =
            decide("clovis-unified", kFormat + R"("standards": {"3": "No", "1": "Yes"}, "years_in_par": 1, "teacher_willing": true})");
        INFO(reasons(d));
        CHECK(d.outcome == ExtensionDecision::Allowed);
        CHECK(
            contains(reasons(d),
                     "Met: Overall \"No\" on one or more of CSTP standards 1-6 on the most recent appraisal: overall \"No\" on 1 of standards 1-6"));
        CHECK(contains(reasons(d),
                       "Met: the program cap of 2 school years: 1 school year in PAR so far and an extension of 1 school year make 2 school years."));
        CHECK(contains(reasons(d), "Met: the teacher is willing to participate in the extension (required)."));
    }
    SECTION("no \"No\" on standards 1-6 (only on standard 7): refused")
    {
        const ExtensionDecision d =
            decide("clovis-unified", kFormat + R"("standards": {"1": "Yes", "7": "No"}, "years_in_par": 1, "teacher_willing": true})");
        CHECK(d.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(
            reasons(d),
            "Not met: Overall \"No\" on one or more of CSTP standards 1-6 on the most recent appraisal: overall \"No\" on 0 of standards 1-6"));
        CHECK(contains(reasons(d), "An overall \"No\" on standard 7 does not count toward this rule."));
    }
    SECTION("the cap reached after two years: refused")
    {
        const ExtensionDecision d = decide("clovis-unified", kFormat + R"("standards": {"3": "No"}, "years_in_par": 2, "teacher_willing": true})");
        CHECK(d.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(d), "Not met: the program cap of 2 school years: 2 school years in PAR so far and an extension of 1 school year would "
                                   "make 3 school years, past the cap."));
    }
    SECTION("before any semester in PAR: nothing to extend yet; by dates, only at a school year's end")
    {
        const ExtensionDecision counted =
            decide("clovis-unified", kFormat + R"("standards": {"3": "No"}, "years_in_par": 0, "teacher_willing": true})");
        CHECK(counted.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(counted), "Not met: an extension is decided at the end of the first period of PAR (1 semester), and 0 school "
                                         "years in PAR so far does not complete it."));
        // By dates: "another year" is decided at a school year's end (the Year-End Report), not in December or February.
        const std::string started = kFormat + R"("standards": {"3": "No"}, "par_started": "2026-08-20", "teacher_willing": true, )";
        const ExtensionDecision autumn = decide("clovis-unified", started + R"("determination_date": "2026-12-10"})");
        CHECK(autumn.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(autumn), "Not met: an extension of 1 school year is decided at the end of a school year (April to June), and the "
                                        "determination on 2026-12-10 is not."));
        const ExtensionDecision february = decide("clovis-unified", started + R"("determination_date": "2027-02-20"})");
        CHECK(february.outcome == ExtensionDecision::NotAllowed);
        // Enrolled the day before a determination at the spring's middle: no semester yet (a day of school, not the half of
        // the spring that counted it before).
        const ExtensionDecision dayBefore = decide(
            "clovis-unified", kFormat + R"("standards": {"3": "No"}, "par_started": "2027-03-31", "determination_date": "2027-04-01", "teacher_willing": true})");
        CHECK(dayBefore.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(dayBefore), "0 semesters in PAR, from 2027-03-31 to the determination on 2027-04-01 (the school days of 0.0 "
                                           "semesters) does not complete it."));
        const ExtensionDecision may = decide("clovis-unified", started + R"("determination_date": "2027-05-20"})");
        CHECK(may.outcome == ExtensionDecision::Allowed);
        CHECK(contains(reasons(may), "Met: the first period of PAR (1 semester) is complete: 2 semesters in PAR, from 2026-08-20 to the "
                                     "determination on 2027-05-20 (the school days of 1.8 semesters)."));
    }
    SECTION("a teacher enrolled in January is extended at the first Year-End Report, within two years; not at the second")
    {
        const std::string started = kFormat + R"("standards": {"3": "No"}, "par_started": "2027-01-11", "teacher_willing": true, )";
        const ExtensionDecision first = decide("clovis-unified", started + R"("determination_date": "2027-05-25"})");
        INFO(reasons(first));
        CHECK(first.outcome == ExtensionDecision::Allowed);
        CHECK(contains(reasons(first), "Met: the program cap of 2 school years: 1 semester in PAR, from 2027-01-11 to the determination on "
                                       "2027-05-25 (the school days of 0.9 semesters) and an extension of 1 school year make 3 semesters."));
        const ExtensionDecision second = decide("clovis-unified", started + R"("determination_date": "2028-05-25"})");
        CHECK(second.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(second), "would make 5 semesters, past the cap."));
    }
    SECTION("the time in months: 9 or 10 months are a school year's two semesters, as the same dates are")
    {
        for (const char *months : {"9", "10"}) {
            const ExtensionDecision d = decide(
                "clovis-unified", kFormat + R"("standards": {"3": "No"}, "teacher_willing": true, "months_in_par": )" + months + "}");
            INFO(reasons(d));
            CHECK(d.outcome == ExtensionDecision::Allowed);
            CHECK(contains(reasons(d), "in PAR so far (2 semesters, counted from the first day of school)"));
        }
        const ExtensionDecision third = decide("clovis-unified", kFormat + R"("standards": {"3": "No"}, "teacher_willing": true, "months_in_par": 21})");
        CHECK(third.outcome == ExtensionDecision::NotAllowed); // four semesters by May of the second year: the cap
    }
    SECTION("the cap by dates: started in August 2025, determined in May 2026 and in May 2027")
    {
        const ExtensionDecision first = decide(
            "clovis-unified",
            kFormat + R"("standards": {"3": "No"}, "par_started": "2025-08-20", "determination_date": "2026-05-20", "teacher_willing": true})");
        CHECK(first.outcome == ExtensionDecision::Allowed);
        CHECK(contains(reasons(first), "Met: the program cap of 2 school years: 2 semesters in PAR, from 2025-08-20 to the determination on "
                                       "2026-05-20 (the school days of 1.8 semesters) and an extension of 1 school year make 2 school years."));
        const ExtensionDecision second = decide(
            "clovis-unified",
            kFormat + R"("standards": {"3": "No"}, "par_started": "2025-08-20", "determination_date": "2027-05-20", "teacher_willing": true})");
        CHECK(second.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(second), "4 semesters in PAR, from 2025-08-20 to the determination on 2027-05-20 (the school days of 3.8 semesters) and "
                                        "an extension of 1 school year would make 3 school years, past the cap."));
    }
    SECTION("the teacher is not willing: refused")
    {
        const ExtensionDecision d = decide("clovis-unified", kFormat + R"("standards": {"3": "No"}, "years_in_par": 1, "teacher_willing": false})");
        CHECK(d.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(d), "Not met: the teacher is not willing to participate in the extension (required)."));
    }
}

TEST_CASE("extension input: a decision on an incomplete appraisal names the standards not rated", "[policy][extension]")
{
    const ExtensionDecision d = decide("clovis-unified", kFormat + R"("standards": {"1": "Yes", "2": "Yes", "3": "Yes"}, "years_in_par": 1,
        "teacher_willing": true})");
    CHECK(d.outcome == ExtensionDecision::NotAllowed);
    CHECK(contains(reasons(d), "Not rated in this input: standards 4-6, counted as not rated \"No\"."));
}

TEST_CASE("extension input: a misspelt time in PAR is named as the likely typo", "[policy][extension]")
{
    const auto read = readExtensionInput(QByteArray(R"({"format": "triad-extension/1", "standards": {"3": "No"}, "teacher_willing": true,
        "year_in_par": 1})"), QStringLiteral("extension.json"), shippedPolicy("clovis-unified"), builtinCatalogue());
    REQUIRE_FALSE(read.ok());
    CHECK(contains(read.error().message, "missing the time in PAR"));
    CHECK(contains(read.error().message, "(is \"year_in_par\" a typo of \"years_in_par\"?)"));
}

TEST_CASE("district 004: two semesters extended to three, never past 18 months, on the panel's finding", "[policy][extension]")
{
    SECTION("after two semesters, the panel finds progress: allowed; each cap is its own check")
    {
        const ExtensionDecision d = decide("district-004", kFormat + R"("semesters_in_par": 2, "panel_finding": true})");
        INFO(reasons(d));
        CHECK(d.outcome == ExtensionDecision::Allowed);
        CHECK(contains(reasons(d), "Met: the panel finds that satisfactory progress has not been made, but the participant is making progress."));
        CHECK(contains(reasons(d), "Met: the program cap of 18 months: 2 semesters in PAR so far and an extension of 1 semester make 18 months."));
        CHECK(contains(reasons(d), "Met: the program cap of 3 semesters: 2 semesters in PAR so far and an extension of 1 semester make 3 semesters."));
        CHECK(contains(reasons(d), "Met: the first period of PAR (2 semesters) is complete: 2 semesters in PAR so far."));
        CHECK(d.reasons.size() == 4);
    }
    SECTION("by dates: two full semesters at the end of the spring, not in February")
    {
        const std::string started = kFormat + R"("panel_finding": true, "par_started": "2026-08-19", )";
        const ExtensionDecision june = decide("district-004", started + R"("determination_date": "2027-06-04"})");
        INFO(reasons(june));
        CHECK(june.outcome == ExtensionDecision::Allowed);
        CHECK(contains(reasons(june), "would end on 2027-12-04, by the end of the cap on 2028-02-19."));
        const ExtensionDecision february = decide("district-004", started + R"("determination_date": "2027-02-19"})");
        CHECK(february.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(february), "Not met: an extension is decided at the end of the first period of PAR (2 semesters), and 1 semester in "
                                          "PAR, from 2026-08-19 to the determination on 2027-02-19 (the school days of 1.3 semesters) does not "
                                          "complete it."));
        // Six months are not two full semesters wherever they fall: most of no semester twice (late September to April
        // covers 1.2 semesters of school days, like mid-August to February's 1.3). A September start reaches the two
        // semesters by the panel's meeting in May (1.5, the nearest whole number is two).
        const std::string september = kFormat + R"("panel_finding": true, "par_started": "2026-09-30", )";
        const ExtensionDecision april = decide("district-004", september + R"("determination_date": "2027-04-01"})");
        CHECK(april.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(april), "1 semester in PAR, from 2026-09-30 to the determination on 2027-04-01 (the school days of 1.2 semesters) "
                                       "does not complete it."));
        const ExtensionDecision mayAfterSeptember = decide("district-004", september + R"("determination_date": "2027-05-20"})");
        INFO(reasons(mayAfterSeptember));
        CHECK(mayAfterSeptember.outcome == ExtensionDecision::Allowed);
        CHECK(contains(reasons(mayAfterSeptember), "2 semesters in PAR, from 2026-09-30 to the determination on 2027-05-20 (the school days of 1.5 semesters)"));
        // Started in January: the two full semesters end in December, where the panel may extend into the spring.
        const ExtensionDecision december =
            decide("district-004", kFormat + R"("panel_finding": true, "par_started": "2027-01-11", "determination_date": "2027-12-10"})");
        CHECK(december.outcome == ExtensionDecision::Allowed);
    }
    SECTION("after one semester: nothing to extend yet, refused with the reason")
    {
        const ExtensionDecision d = decide("district-004", kFormat + R"("semesters_in_par": 1, "panel_finding": true})");
        CHECK(d.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(d), "Not met: an extension is decided at the end of the first period of PAR (2 semesters), and 1 semester in PAR so "
                                   "far does not complete it."));
        CHECK(contains(reasons(d), "Met: the program cap of 3 semesters")); // every condition is still reported
    }
    SECTION("after three semesters: refused")
    {
        const ExtensionDecision d = decide("district-004", kFormat + R"("semesters_in_par": 3, "panel_finding": true})");
        CHECK(d.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(d), "would make 4 semesters, past the cap."));
    }
    SECTION("13 months in: a semester more would pass 18 months")
    {
        const ExtensionDecision d = decide("district-004", kFormat + R"("months_in_par": 13, "panel_finding": true})");
        CHECK(d.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(d), "13 months in PAR so far and an extension of 1 semester would make 19 months, past the cap."));
    }
    SECTION("the panel does not find progress: refused")
    {
        const ExtensionDecision d = decide("district-004", kFormat + R"("semesters_in_par": 2, "panel_finding": false})");
        CHECK(d.outcome == ExtensionDecision::NotAllowed);
        CHECK(contains(reasons(d), "Not met: the panel does not find that satisfactory progress has not been made"));
    }
    SECTION("the teacher's willingness is no condition here, and is said so")
    {
        const ExtensionDecision d = decide("district-004", kFormat + R"("semesters_in_par": 2, "panel_finding": true, "teacher_willing": false})");
        CHECK(d.outcome == ExtensionDecision::Allowed);
        CHECK(contains(reasons(d), "The teacher's willingness is not a condition of extension in this policy."));
    }
}

TEST_CASE("district 002 and a policy without an extension section: no extension", "[policy][extension]")
{
    const ExtensionDecision d = decide("district-002", kFormat + R"("years_in_par": 1, "elements": {"1.1": "unsatisfactory"}})");
    CHECK(d.outcome == ExtensionDecision::NotAllowed);
    CHECK(reasons(d) == "Not allowed: the policy of Contract Article 11 district (district-002) provides no extension of PAR participation.\n");
    CHECK(std::string(outcomeKey(d.outcome)) == "extension_not_allowed");

    DistrictPolicy silent = shippedPolicy("clovis-unified");
    silent.extension.reset();
    const ExtensionDecision none = decide(silent, kFormat + R"("years_in_par": 1})");
    CHECK(none.outcome == ExtensionDecision::NotAllowed);
    CHECK(contains(reasons(none), "has no \"extension\" section, so it allows no extension"));
    CHECK(contains(describe(silent), "extension: not covered by this policy"));
}

TEST_CASE("extension input: what the rule needs must be given, once", "[policy][extension][input]")
{
    CHECK(contains(
        refused("clovis-unified", kFormat + R"("standards": {"3": "No"}, "years_in_par": 1})"),
        "at /: missing required key \"teacher_willing\": Clovis Unified School District extends PAR only for a teacher willing to participate"));
    CHECK(contains(refused("clovis-unified", kFormat + R"("years_in_par": 1, "teacher_willing": true})"),
                   "missing required key \"standards\": Clovis Unified School District's extension rule counts overall ratings of standards"));
    CHECK(contains(refused("clovis-unified", kFormat + R"("standards": {"3": "No"}, "teacher_willing": true})"),
                   "missing the time in PAR, needed to check the program cap"));
    CHECK(
        contains(refused("clovis-unified", kFormat + R"("standards": {"3": "No"}, "years_in_par": 1, "months_in_par": 12, "teacher_willing": true})"),
                 "give the time in PAR once"));
    CHECK(contains(refused("clovis-unified", kFormat + R"("standards": {"3": "No"}, "par_started": "2026-08-20", "teacher_willing": true})"),
                   "at /: missing required key \"determination_date\""));
    CHECK(contains(
        refused("clovis-unified",
                kFormat + R"("standards": {"3": "No"}, "par_started": "2026-08-20", "determination_date": "2026-05-01", "teacher_willing": true})"),
        "at /determination_date: the determination (2026-05-01) is before PAR started (2026-08-20)"));
    // Dates exactly as YYYY-MM-DD, in years a school record can have (Qt alone also reads "2026/08/12").
    for (const char *date : {"2026/08/12", "2026.08.12", "20260812xx", "2026-8-12"})
        CHECK(contains(refused("clovis-unified", kFormat + R"("standards": {"3": "No"}, "par_started": ")" + date
                                                     + R"(", "determination_date": "2027-06-01", "teacher_willing": true})"),
                       "at /par_started: expected a date as YYYY-MM-DD"));
    CHECK(contains(refused("clovis-unified",
                           kFormat + R"("standards": {"3": "No"}, "par_started": "0001-01-01", "determination_date": "9999-12-31", "teacher_willing": true})"),
                   "at /par_started: the date 0001-01-01 is outside the years 1900-2199"));
    CHECK(contains(refused("district-004", kFormat + R"("semesters_in_par": 2})"),
                   "missing required key \"panel_finding\": Three-of-six standards district extends PAR only when the panel finds that"));
    CHECK(contains(refused("district-004", kFormat + R"("semesters_in_par": "two", "panel_finding": true})"),
                   "at /semesters_in_par: expected an integer from 0 to 20, got \"two\""));
    CHECK(contains(refused("district-002", kFormat + R"("standards": {"7": "unsatisfactory"}})"),
                   "at /standards/7: standard 7 is not one of the standards"));
    const triad::Result<ExtensionInput> wrongTag = read(shippedPolicy("district-002"), R"({"format": "triad-referral/1"})");
    REQUIRE_FALSE(wrongTag.ok());
    CHECK(contains(wrongTag.error().message, "at /format: expected \"triad-extension/1\", got \"triad-referral/1\""));
    const triad::Result<ExtensionInput> big = read(shippedPolicy("district-002"), std::string(kMaxInputBytes + 1, ' '));
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().code == "extension.too_large");
}

TEST_CASE("the extension section is validated with precise errors", "[policy][extension][district]")
{
    const QString clovis = QStringLiteral("policies/clovis-unified.json");
    SECTION("an extension longer than the cap can never happen")
    {
        const QByteArray text =
            assetWithReplacement(clovis, R"("period": {"count": 1, "unit": "school_years"})", R"("period": {"count": 2, "unit": "school_years"})");
        const triad::Error e = policyError(text, QStringLiteral("clovis-unified.json"));
        CHECK(e.code == "policy.invalid");
        CHECK(e.message
              == "clovis-unified.json:" + lineColumnOf(text, "\"period\"")
                     + ": at /extension/period: an extension of 2 school years can never fit within the program cap of 2 school years "
                       "(/program_cap), since some time in PAR comes before it");
    }
    SECTION("an extension decided so late that it can never fit")
    {
        const QByteArray text = assetWithReplacement(QStringLiteral("policies/district-004.json"), R"("decided_after": {"count": 2, "unit": "semesters"})",
                                                     R"("decided_after": {"count": 3, "unit": "semesters"})");
        const triad::Error e = policyError(text, QStringLiteral("district-004.json"));
        CHECK(e.message
              == "district-004.json:" + lineColumnOf(text, "\"decided_after\"")
                     + ": at /extension/decided_after: an extension of 1 semester decided after 3 semesters in PAR can never fit within the "
                       "program cap of 18 months (/program_cap)");
        CHECK(contains(policyError(assetWithReplacement(clovis, R"("decided_after": {"count": 1, "unit": "semesters"})",
                                                        R"("decided_after": {"count": 1, "unit": "decades"})"))
                           .message,
                       "at /extension/decided_after/unit: expected \"months\", \"semesters\", or \"school_years\", got \"decades\""));
    }
    SECTION("an unknown unit")
    {
        const QByteArray text = assetWithReplacement(clovis, R"("unit": "school_years"})", R"("unit": "years"})");
        CHECK(
            contains(policyError(text).message, "at /extension/period/unit: expected \"months\", \"semesters\", or \"school_years\", got \"years\""));
    }
    SECTION("an extension criterion has no outcome")
    {
        const QByteArray text =
            assetWithReplacement(clovis, "\"min\": 1\n      }\n    ],\n    \"requires_teacher_willing\"",
                                 "\"min\": 1, \"outcome\": \"eligible_for_referral\"\n      }\n    ],\n    \"requires_teacher_willing\"");
        CHECK(contains(policyError(text).message, "at /extension/criteria/0/outcome: unknown key \"outcome\""));
    }
    SECTION("an extension criterion may count only the district's standards")
    {
        const QByteArray text = assetWithReplacement(
            QStringLiteral("policies/district-002.json"), R"("possible": false,)",
            R"("possible": true, "period": {"count": 1, "unit": "semesters"}, "requires_teacher_willing": false, "criteria": [{"kind": "unsatisfactory_standards", "standards": [7], "min": 1}],)");
        CHECK(
            contains(policyError(text).message, "at /extension/criteria/0/standards/0: standard 7 is not one of this policy's /catalogue/standards"));
    }
    SECTION("no extension has no conditions")
    {
        const QByteArray text = assetWithReplacement(QStringLiteral("policies/district-002.json"), R"("possible": false,)",
                                                     R"("possible": false, "requires_teacher_willing": true,)");
        CHECK(contains(
            policyError(text).message,
            "at /extension/requires_teacher_willing: only an extension that is possible has conditions: remove it, or set \"possible\": true"));
        CHECK(contains(policyError(assetWithReplacement(QStringLiteral("policies/district-002.json"), R"("possible": false,)",
                                                        R"("possible": false, "decided_after": {"count": 1, "unit": "school_years"},)"))
                           .message,
                       "at /extension/decided_after: only an extension that is possible has conditions"));
    }
    SECTION("the seed must be quoted")
    {
        const QByteArray text = assetWithReplacement(QStringLiteral("policies/district-002.json"), R"("possible": false,
    "notes": "Article 11)",
                                                     R"("possible": false,
    "note": "Article 11)");
        CHECK(contains(policyError(text).message, "at /extension: missing required key \"notes\" (is \"note\" a typo?)"));
    }
}

TEST_CASE("an extended case's period is named in its policy's unit", "[policy][extension]")
{
    // Clovis extends by a school year: its second year. Seed 004 extends two semesters to three: the third semester,
    // never a "Year 2" (its program cap is 18 months).
    const DistrictPolicy clovis = shippedPolicy("clovis-unified"), d004 = shippedPolicy("district-004");
    CHECK(wording::participationPeriod(clovis, 1) == "Year 1");
    CHECK(wording::participationPeriod(clovis, 2) == "Year 2");
    CHECK(wording::participationPeriod(d004, 1) == "Year 1");
    CHECK(wording::participationPeriod(d004, 2) == "Semester 3");
    DistrictPolicy twoSemesters = d004;
    twoSemesters.extension->period.count = 2;
    CHECK(wording::participationPeriod(twoSemesters, 2) == "Semesters 3–4");
    DistrictPolicy months = d004;
    months.extension->period.unit = PeriodUnit::Months;
    CHECK(wording::participationPeriod(months, 2) == "Extended period");
}
