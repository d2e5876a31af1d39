// Referral eligibility: each shipped district's rule on worked examples, including the borderline ones.
#include "policy_test_helpers.h"

using namespace triad::policy;
using namespace triad::policy::testing;

namespace {

ReferralRule ruleOf(const char *id) { return shippedPolicy(id).referral; }

Appraisal permanentTeacher(int years = 5)
{
    Appraisal a;
    a.permanentStatus = true;
    a.yearsInDistrict = years;
    for (int s = 1; s <= 7; ++s) a.standardOverall[s] = Rating::Satisfactory;
    for (const CstpStandard &s : builtinCatalogue().standards()) {
        for (const CstpElement &e : s.elements) a.elementRatings[e.id] = Rating::Satisfactory;
    }
    return a;
}

void markElements(Appraisal &a, std::initializer_list<const char *> ids)
{
    for (const char *id : ids) a.elementRatings[id] = Rating::Unsatisfactory;
}

std::string allReasons(const ReferralDecision &d)
{
    std::string out;
    for (const std::string &r : d.reasons) out += r + "\n";
    return out;
}

ReferralDecision evaluate(const ReferralRule &rule, const Appraisal &a) { return evaluateReferral(rule, a, builtinCatalogue()); }

} // namespace

TEST_CASE("Clovis: an overall \"No\" on one or more of standards 1-6", "[policy][referral]")
{
    const ReferralRule rule = ruleOf("clovis-unified");

    SECTION("no \"No\" at all: not eligible")
    {
        const ReferralDecision d = evaluate(rule, permanentTeacher());
        CHECK(d.outcome == ReferralDecision::NotEligible);
        CHECK(contains(allReasons(d), "overall \"No\" on 0 of standards 1-6 (at least 1 required)"));
    }
    SECTION("one \"No\" on standard 3: eligible, and the reason names the standard")
    {
        Appraisal a = permanentTeacher();
        a.standardOverall[3] = Rating::Unsatisfactory;
        const ReferralDecision d = evaluate(rule, a);
        INFO(allReasons(d));
        CHECK(d.outcome == ReferralDecision::EligibleForReferral);
        CHECK(contains(allReasons(d), "Standard 3: Teacher Understands and Organizes Subject Matter for Student Learning"));
    }
    SECTION("\"No\" only on standard 7 (Clovis's own): not eligible")
    {
        Appraisal a = permanentTeacher();
        a.standardOverall[7] = Rating::Unsatisfactory;
        const ReferralDecision d = evaluate(rule, a);
        INFO(allReasons(d));
        CHECK(d.outcome == ReferralDecision::NotEligible);
        CHECK(contains(allReasons(d), "An overall \"No\" on standard 7 does not count toward this rule."));
    }
    SECTION("a teacher without permanent status: not eligible, whatever the ratings")
    {
        Appraisal a = permanentTeacher();
        a.permanentStatus = false;
        a.standardOverall[1] = a.standardOverall[2] = Rating::Unsatisfactory;
        const ReferralDecision d = evaluate(rule, a);
        CHECK(d.outcome == ReferralDecision::NotEligible);
        CHECK(contains(allReasons(d), "permanent"));
    }
    SECTION("fewer than two years in the district: not eligible")
    {
        Appraisal a = permanentTeacher(1);
        a.standardOverall[5] = Rating::Unsatisfactory;
        const ReferralDecision d = evaluate(rule, a);
        CHECK(d.outcome == ReferralDecision::NotEligible);
        CHECK(contains(allReasons(d), "at least 2 years taught in the district, and this teacher has 1"));
        a.yearsInDistrict = 2;
        CHECK(evaluate(rule, a).outcome == ReferralDecision::EligibleForReferral);
    }
}

TEST_CASE("district 004: three (50%) of the six standards", "[policy][referral]")
{
    const ReferralRule rule = ruleOf("district-004");
    Appraisal a = permanentTeacher();
    a.standardOverall[2] = a.standardOverall[5] = Rating::Unsatisfactory;
    SECTION("two of six: not eligible")
    {
        const ReferralDecision d = evaluate(rule, a);
        CHECK(d.outcome == ReferralDecision::NotEligible);
        CHECK(contains(allReasons(d), "on 2 of standards 1-6 (at least 3 required)"));
    }
    SECTION("two of six plus standard 7: still not eligible")
    {
        a.standardOverall[7] = Rating::Unsatisfactory;
        CHECK(evaluate(rule, a).outcome == ReferralDecision::NotEligible);
    }
    SECTION("exactly three of six: an unsatisfactory final evaluation, referred by Human Resources (participation required)")
    {
        a.standardOverall[6] = Rating::Unsatisfactory;
        const ReferralDecision d = evaluate(rule, a);
        INFO(allReasons(d));
        CHECK(d.outcome == ReferralDecision::ParticipationRequired);
        const std::string reasons = allReasons(d);
        CHECK(contains(reasons, "on 3 of standards 1-6"));
        CHECK(contains(reasons, "Standard 2: "));
        CHECK(contains(reasons, "Standard 5: "));
        CHECK(contains(reasons, "Standard 6: "));
    }
    SECTION("not permanent: not eligible")
    {
        a.standardOverall[1] = a.standardOverall[3] = Rating::Unsatisfactory;
        a.permanentStatus = false;
        CHECK(evaluate(rule, a).outcome == ReferralDecision::NotEligible);
    }
}

TEST_CASE("district 002: the mandatory-participation rating profiles", "[policy][referral]")
{
    const ReferralRule rule = ruleOf("district-002");
    Appraisal a = permanentTeacher();

    SECTION("no unsatisfactory rating: not eligible") { CHECK(evaluate(rule, a).outcome == ReferralDecision::NotEligible); }
    SECTION("one unsatisfactory element in each of the six standards: required")
    {
        markElements(a, {"1.1", "2.3", "3.6", "4.2", "5.7", "6.1"});
        const ReferralDecision d = evaluate(rule, a);
        INFO(allReasons(d));
        CHECK(d.outcome == ReferralDecision::ParticipationRequired);
        CHECK(contains(allReasons(d), "Participation required: \"one unsatisfactory rating in all domains\": 6 of "
                                      "standards 1-6"));
    }
    SECTION("one unsatisfactory element in five of six standards: encouraged only")
    {
        markElements(a, {"1.1", "2.3", "3.6", "4.2", "5.7"});
        const ReferralDecision d = evaluate(rule, a);
        INFO(allReasons(d));
        CHECK(d.outcome == ReferralDecision::VoluntaryEncouraged);
        CHECK(contains(allReasons(d), "Not met: \"one unsatisfactory rating in all domains\": 5 of standards 1-6"));
    }
    SECTION("a single unsatisfactory rating: encouraged, not mandated")
    {
        markElements(a, {"3.4"});
        const ReferralDecision d = evaluate(rule, a);
        CHECK(d.outcome == ReferralDecision::VoluntaryEncouraged);
        CHECK(contains(allReasons(d), "Voluntary participation encouraged, not mandated"));
        CHECK(contains(allReasons(d), "standard 3 (3.4)"));
    }
    SECTION("two unsatisfactory ratings in exactly three standards: required")
    {
        markElements(a, {"1.1", "1.3", "2.1", "2.4", "5.2", "5.3"});
        const ReferralDecision d = evaluate(rule, a);
        INFO(allReasons(d));
        CHECK(d.outcome == ReferralDecision::ParticipationRequired);
        CHECK(contains(allReasons(d), "\"two unsatisfactory ratings in three domains\": 3 of standards 1-6 with at "
                                      "least 2 unsatisfactory element ratings (3 required): standard 1 (1.1, 1.3); "
                                      "standard 2 (2.1, 2.4); standard 5 (5.2, 5.3)"));
    }
    SECTION("two unsatisfactory ratings in two standards: not required by that profile")
    {
        markElements(a, {"1.1", "1.3", "2.1", "2.4", "5.2"});
        const ReferralDecision d = evaluate(rule, a);
        INFO(allReasons(d));
        CHECK(d.outcome == ReferralDecision::VoluntaryEncouraged);
        CHECK(contains(allReasons(d), "Not met: \"two unsatisfactory ratings in three domains\": 2 of standards 1-6"));
    }
    SECTION("every element of standard 4 unsatisfactory: required")
    {
        markElements(a, {"4.1", "4.2", "4.3", "4.4", "4.5"});
        const ReferralDecision d = evaluate(rule, a);
        INFO(allReasons(d));
        CHECK(d.outcome == ReferralDecision::ParticipationRequired);
        CHECK(contains(allReasons(d), "\"all unsatisfactory ratings in any one domain\": 1 of standards 1-6 with every "
                                      "element rated unsatisfactory (1 required): standard 4 (4.1, 4.2, 4.3, 4.4, 4.5)"));
    }
    SECTION("all but one element of standard 4 unsatisfactory: not required by that profile")
    {
        markElements(a, {"4.1", "4.2", "4.3", "4.5"});
        const ReferralDecision d = evaluate(rule, a);
        INFO(allReasons(d));
        CHECK(d.outcome == ReferralDecision::VoluntaryEncouraged);
        CHECK(contains(allReasons(d), "Not met: \"all unsatisfactory ratings in any one domain\": 0 of standards 1-6"));
    }
    SECTION("Clovis's standard 7 is not a domain here")
    {
        markElements(a, {"7.1", "7.2", "7.3", "7.4"});
        CHECK(evaluate(rule, a).outcome == ReferralDecision::NotEligible);
    }
    SECTION("a probationary teacher is not mandated")
    {
        markElements(a, {"4.1", "4.2", "4.3", "4.4", "4.5"});
        a.permanentStatus = false;
        CHECK(evaluate(rule, a).outcome == ReferralDecision::NotEligible);
    }
    SECTION("ratings for elements the catalogue does not know are reported, not counted")
    {
        a.elementRatings["9.9"] = Rating::Unsatisfactory;
        const ReferralDecision d = evaluate(rule, a);
        CHECK(d.outcome == ReferralDecision::NotEligible);
        CHECK(contains(allReasons(d), "Ignored a rating for 9.9"));
    }
}

TEST_CASE("the evaluator is generic: rules built as data behave the same", "[policy][referral]")
{
    ReferralRule rule;
    rule.requiresPermanentStatus = false;
    ReferralCriterion everything;
    everything.kind = ReferralCriterion::RatingProfiles;
    everything.standards = {1, 2};
    everything.profiles = {RatingProfile{"everything unsatisfactory", std::nullopt, std::nullopt}};
    everything.outcome = ReferralDecision::ParticipationRequired;
    rule.criteria.push_back(everything);

    Appraisal a;
    for (const char *id : {"1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6"})
        a.elementRatings[id] = Rating::Unsatisfactory;
    CHECK(evaluate(rule, a).outcome == ReferralDecision::NotEligible); // 2.7 is missing
    a.elementRatings["2.7"] = Rating::Unsatisfactory;
    CHECK(evaluate(rule, a).outcome == ReferralDecision::ParticipationRequired);
    CHECK(std::string(outcomeKey(ReferralDecision::ParticipationRequired)) == "participation_required");
}
