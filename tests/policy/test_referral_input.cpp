// Referrals given as JSON (triad-referral/1): each shipped district's rule on worked examples read from text, and every
// kind of bad input refused with the file, the place and a sentence naming the problem.
#include "policy_test_helpers.h"
#include "referral_input.h"

using namespace triad::policy;
using namespace triad::policy::testing;

namespace {

triad::Result<Appraisal> read(const char *policyId, const std::string &json)
{
    return readReferralInput(QByteArray::fromStdString(json), QStringLiteral("referral.json"), shippedPolicy(policyId), builtinCatalogue());
}

ReferralDecision decide(const char *policyId, const std::string &json)
{
    const triad::Result<Appraisal> a = read(policyId, json);
    INFO((a.ok() ? std::string() : a.error().message));
    REQUIRE(a.ok());
    return evaluateReferral(shippedPolicy(policyId).referral, *a, builtinCatalogue());
}

std::string reasons(const ReferralDecision &d)
{
    std::string out;
    for (const std::string &r : d.reasons) out += r + "\n";
    return out;
}

triad::Error refused(const char *policyId, const std::string &json)
{
    const triad::Result<Appraisal> a = read(policyId, json);
    REQUIRE_FALSE(a.ok());
    return a.error();
}

// The head of a referral for a permanent teacher with `years` in the district.
std::string head(int years = 4)
{
    return R"({"format": "triad-referral/1", "permanent_status": true, "years_in_district": )" + std::to_string(years) + ", ";
}

} // namespace

TEST_CASE("referral input: Clovis's \"Yes\"/\"No\" in any case, standards 1-6 only", "[policy][referral][input]")
{
    SECTION("a \"no\" on standard 2 makes the teacher eligible, and the ratings are read as written")
    {
        const triad::Result<Appraisal> a = read("clovis-unified", head() + R"("standards": {"1": "YES", "2": "no", "7": "Yes"}})");
        REQUIRE(a.ok());
        CHECK(a->permanentStatus);
        CHECK(a->yearsInDistrict == 4);
        CHECK(a->standardOverall == std::map<int, Rating>{{1, Rating::Satisfactory}, {2, Rating::Unsatisfactory}, {7, Rating::Satisfactory}});
        const ReferralDecision d = decide("clovis-unified", head() + R"("standards": {"1": "YES", "2": "no", "7": "Yes"}})");
        INFO(reasons(d));
        CHECK(d.outcome == ReferralDecision::EligibleForReferral);
        CHECK(contains(reasons(d), "Standard 2: Teacher Creates and Maintains Effective Environments for Student Learning"));
    }
    SECTION("a \"No\" only on standard 7 does not qualify")
    {
        const ReferralDecision d = decide("clovis-unified", head() + R"("standards": {"1": "Yes", "7": "No"}})");
        CHECK(d.outcome == ReferralDecision::NotEligible);
        CHECK(contains(reasons(d), "An overall \"No\" on standard 7 does not count toward this rule."));
    }
    SECTION("not permanent: not eligible, with the precondition as the reason")
    {
        const ReferralDecision d = decide(
            "clovis-unified", R"({"format": "triad-referral/1", "permanent_status": false, "years_in_district": 9, "standards": {"1": "No"}})");
        CHECK(d.outcome == ReferralDecision::NotEligible);
        CHECK(contains(reasons(d), "only teachers with permanent (tenured) status can be referred"));
        CHECK_FALSE(contains(reasons(d), "as a volunteer")); // Clovis's policy takes no volunteers into PAR
    }
    SECTION("one year in the district: not eligible")
    {
        const ReferralDecision d = decide("clovis-unified", head(1) + R"("standards": {"4": "No"}})");
        CHECK(d.outcome == ReferralDecision::NotEligible);
        CHECK(contains(reasons(d), "requires at least 2 years taught in the district, and this teacher has 1."));
    }
}

TEST_CASE("referral input: district 004's three of six standards", "[policy][referral][input]")
{
    const ReferralDecision two =
        decide("district-004", head() + R"("standards": {"2": "Unsatisfactory", "5": "unsatisfactory", "6": "satisfactory"}})");
    CHECK(two.outcome == ReferralDecision::NotEligible);
    CHECK(contains(reasons(two), "on 2 of standards 1-6 (at least 3 required)"));
    const ReferralDecision three =
        decide("district-004", head() + R"("standards": {"2": "Unsatisfactory", "5": "unsatisfactory", "6": "UNSATISFACTORY"}})");
    CHECK(three.outcome == ReferralDecision::ParticipationRequired); // "Involuntary Referral": Human Resources refers
    CHECK(contains(reasons(three), "on 3 of standards 1-6"));
    const ReferralDecision probationary = decide(
        "district-004",
        R"({"format": "triad-referral/1", "permanent_status": false, "standards": {"1": "unsatisfactory", "2": "unsatisfactory", "3": "unsatisfactory"}})");
    CHECK(probationary.outcome == ReferralDecision::NotEligible);
    CHECK(contains(reasons(probationary), "permanent"));
    // Seed 004's volunteers are permanent teachers (Group II); non-permanent teachers are its Group III: the refusal
    // names that route, not volunteering.
    CHECK(contains(reasons(probationary), "This teacher may still ask for PAR support without permanent status: the district's policy serves "
                                          "\"Group III: non-permanent teachers not eligible for assistance under BTSA (third priority)\"."));
    CHECK_FALSE(contains(reasons(probationary), "as a volunteer"));
    // A permanent teacher refused for another precondition may volunteer (Group II). Clovis takes no volunteers: no route.
    ReferralRule shortService = shippedPolicy("district-004").referral;
    shortService.minYearsInDistrict = 3;
    const triad::Result<Appraisal> newcomer = read("district-004", head(1) + R"("standards": {"1": "unsatisfactory"}})");
    REQUIRE(newcomer.ok());
    const std::string newcomerReasons = reasons(evaluateReferral(shortService, *newcomer, builtinCatalogue()));
    CHECK(contains(newcomerReasons, "This teacher may still ask for PAR support as a volunteer: the district's policy serves \"Group II: "
                                    "permanent teachers voluntarily requesting assistance (second priority)\"."));
    const ReferralDecision clovis = decide("clovis-unified", R"({"format": "triad-referral/1", "permanent_status": false, "years_in_district": 5,
        "standards": {"1": "No"}})");
    CHECK(clovis.outcome == ReferralDecision::NotEligible);
    CHECK_FALSE(contains(reasons(clovis), "may still ask"));
}

TEST_CASE("referral input: district 002's mandated and encouraged profiles from element ratings", "[policy][referral][input]")
{
    const std::string permanent = R"({"format": "triad-referral/1", "permanent_status": true, )";
    const ReferralDecision mandated = decide(
        "district-002",
        permanent
            + R"("elements": {"1.1": "unsatisfactory", "2.3": "unsatisfactory", "3.6": "unsatisfactory", "4.2": "unsatisfactory", "5.7": "unsatisfactory", "6.1": "unsatisfactory", "6.2": "satisfactory"}})");
    INFO(reasons(mandated));
    CHECK(mandated.outcome == ReferralDecision::ParticipationRequired);
    CHECK(contains(reasons(mandated), "\"one unsatisfactory rating in all domains\": 6 of standards 1-6"));
    const ReferralDecision encouraged = decide("district-002", permanent + R"("elements": {"3.4": "Unsatisfactory"}})");
    CHECK(encouraged.outcome == ReferralDecision::VoluntaryEncouraged);
    CHECK(contains(reasons(encouraged), "standard 3 (3.4)"));
    const ReferralDecision none = decide("district-002", permanent + R"("elements": {"3.4": "satisfactory"}})");
    CHECK(none.outcome == ReferralDecision::NotEligible);
    // years_in_district is optional where the rule sets no minimum.
    CHECK(read("district-002", permanent + R"("elements": {}})")->yearsInDistrict == 0);
}

TEST_CASE("referral input: bad files are refused with the place and a sentence", "[policy][referral][input]")
{
    SECTION("syntax error: the line and column")
    {
        const triad::Error e =
            refused("clovis-unified", "{\"format\": \"triad-referral/1\",\n \"permanent_status\": true\n \"years_in_district\": 3}");
        CHECK(e.code == "referral.syntax");
        CHECK(contains(e.message, "referral.json:3:"));
        CHECK(contains(e.message, "syntax error: missing comma or closing '}' in an object"));
    }
    SECTION("a JSON text that is not an object")
    {
        CHECK(contains(refused("clovis-unified", "[1, 2]").message, "expected a JSON object at the top level"));
        CHECK(refused("clovis-unified", "\n  \"hello\"").message
              == "referral.json:2:3: expected a JSON object at the top level, beginning with '{'");
    }
    SECTION("what people write that JSON does not have: an empty file, UTF-16, single quotes, comments")
    {
        for (const char *blank : {"", "  \n\t "})
            CHECK(refused("clovis-unified", blank).message == "referral.json: the file is empty: expected a JSON object, { ... }");
        const std::string utf16("\xFF\xFE{\0\"\0", 6);
        CHECK(refused("clovis-unified", utf16).message == "referral.json: the file is not UTF-8 (it looks like UTF-16): save it as UTF-8");
        CHECK(refused("clovis-unified", "{'format': 'triad-referral/1'}").message
              == "referral.json:1:2: syntax error: strings and keys need double quotes (\"), not single quotes (')");
        CHECK(refused("clovis-unified", "{\"format\": \"triad-referral/1\", // the teacher\n \"permanent_status\": true}").message
              == "referral.json:1:32: syntax error: comments are not allowed in JSON");
    }
    SECTION("a UTF-8 byte order mark is read past: lines and columns as without it")
    {
        const std::string bad = head() + R"("standards": {"3": "Nope"}})";
        const std::string withoutMark = refused("clovis-unified", bad).message;
        CHECK(contains(withoutMark, "referral.json:1:"));
        CHECK(refused("clovis-unified", "\xEF\xBB\xBF" + bad).message == withoutMark);
        CHECK(decide("clovis-unified", "\xEF\xBB\xBF" + head() + R"("standards": {"3": "No"}})").outcome == ReferralDecision::EligibleForReferral);
    }
    SECTION("a misspelt required key is named as the likely typo")
    {
        CHECK(contains(refused("clovis-unified", R"({"format": "triad-referral/1", "permanent_satus": true, "years_in_district": 3,
            "standards": {"1": "Yes"}})").message, "missing required key \"permanent_status\": Clovis Unified School District refers only "
                                                  "teachers with permanent status (is \"permanent_satus\" a typo?)"));
    }
    SECTION("a very long key is named, not repeated whole")
    {
        const std::string longKey(60000, 'k');
        const triad::Error e = refused("clovis-unified", head() + R"("standards": {"1": "Yes"}, ")" + longKey + "\": 1}");
        CHECK(contains(e.message, "unknown key"));
        CHECK(e.message.size() < 400);
        CHECK(contains(e.message, "(60000 bytes)"));
    }
    SECTION("wrong format tag")
    {
        const triad::Error e = refused("clovis-unified", R"({"format": "triad-extension/1", "permanent_status": true})");
        CHECK(e.code == "referral.invalid");
        CHECK(e.message == "referral.json:1:2: at /format: expected \"triad-referral/1\", got \"triad-extension/1\"");
    }
    SECTION("a word the district does not use names the allowed words")
    {
        const std::string json = head() + R"("standards": {"3": "unsatisfactory"}})";
        CHECK(refused("clovis-unified", json).message
              == "referral.json:" + lineColumnOf(QByteArray::fromStdString(json), "\"3\"")
                     + ": at /standards/3: \"unsatisfactory\" is not a rating word of Clovis Unified School District: expected \"Yes\" or \"No\" (in "
                       "any case)");
        CHECK(contains(
            refused("district-002", head() + R"("elements": {"1.1": "No"}})").message,
            "at /elements/1.1: \"No\" is not a rating word of Contract Article 11 district: expected \"satisfactory\" or \"unsatisfactory\""));
    }
    SECTION("an unknown element, an unknown standard, a key that is no standard number")
    {
        CHECK(contains(refused("district-002", head() + R"("elements": {"9.9": "unsatisfactory"}})").message,
                       "at /elements/9.9: unknown element \"9.9\": not an element of the CSTP catalogue"));
        CHECK(contains(refused("clovis-unified", head() + R"("standards": {"8": "No"}})").message,
                       "at /standards/8: unknown standard 8: the CSTP catalogue has standards 1-7"));
        CHECK(contains(refused("clovis-unified", head() + R"("standards": {"03": "No"}})").message,
                       "at /standards/03: expected a standard number like \"3\" as the key, got \"03\""));
    }
    SECTION("standard 7 and its elements are Clovis's own: refused in district 002 and 004")
    {
        CHECK(contains(refused("district-002", head() + R"("elements": {"7.1": "unsatisfactory"}})").message,
                       "at /elements/7.1: element 7.1 belongs to standard 7, which is not one of the standards Contract Article 11 district uses "
                       "(standards 1-6)"));
        CHECK(contains(refused("district-004", head() + R"("standards": {"7": "unsatisfactory"}})").message,
                       "at /standards/7: standard 7 is not one of the standards Three-of-six standards district uses (standards 1-6)"));
    }
    SECTION("wrong types")
    {
        CHECK(contains(
            refused("clovis-unified", R"({"format": "triad-referral/1", "permanent_status": "yes", "years_in_district": 3, "standards": {}})")
                .message,
            "at /permanent_status: expected true or false, got \"yes\""));
        CHECK(contains(
            refused("clovis-unified", R"({"format": "triad-referral/1", "permanent_status": true, "years_in_district": "four", "standards": {}})")
                .message,
            "at /years_in_district: expected an integer from 0 to 60, got \"four\""));
        CHECK(contains(refused("clovis-unified", head() + R"("standards": ["1"]})").message, "at /standards: expected an object, got an array"));
        CHECK(contains(refused("clovis-unified", head() + R"("standards": {"1": false}})").message,
                       "at /standards/1: expected \"Yes\" or \"No\" (in any case), got false"));
        CHECK(contains(refused("district-004", head() + R"("standards": {"1": null}})").message,
                       "at /standards/1: expected \"satisfactory\" or \"unsatisfactory\" (in any case), got null"));
    }
    SECTION("what the rule needs must be there, with the reason")
    {
        CHECK(contains(refused("clovis-unified", R"({"format": "triad-referral/1", "years_in_district": 3, "standards": {}})").message,
                       "at /: missing required key \"permanent_status\": Clovis Unified School District refers only teachers with permanent status"));
        CHECK(contains(refused("clovis-unified", R"({"format": "triad-referral/1", "permanent_status": true, "standards": {}})").message,
                       "missing required key \"years_in_district\": Clovis Unified School District refers only teachers with at least 2 years"));
        CHECK(contains(refused("clovis-unified", head() + R"("elements": {"1.1": "No"}})").message,
                       "missing required key \"standards\": Clovis Unified School District's referral rule counts overall ratings of standards"));
        CHECK(contains(refused("district-002", R"({"format": "triad-referral/1", "permanent_status": true})").message,
                       "missing required key \"elements\" (or \"standards\"): Contract Article 11 district's referral rule counts ratings of elements"));
    }
    SECTION("a misspelt key is named, with what was meant")
    {
        CHECK(contains(refused("clovis-unified", head() + R"("standard": {"1": "No"}})").message,
                       "at /standard: unknown key \"standard\" (did you mean \"standards\"?)"));
    }
    SECTION("sizes are capped: the file and the number of entries")
    {
        const triad::Error big = refused("clovis-unified", std::string(kMaxInputBytes + 1, ' '));
        CHECK(big.code == "referral.too_large");
        CHECK(big.message == "referral.json: the file has 65537 bytes; a referral input may have at most 65536 bytes");
        const std::size_t elements = builtinCatalogue().elementCount();
        REQUIRE(elements == 42);
        std::string many = head() + "\"elements\": {";
        for (std::size_t i = 0; i <= elements; ++i) many += (i ? ", " : "") + std::string("\"e") + std::to_string(i) + "\": \"No\"";
        CHECK(
            contains(refused("clovis-unified", many + "}}").message, "at /elements: has 43 entries; at most 42 (one per element of the catalogue)"));
    }
    SECTION("a file on disk: the size is checked before reading, a missing file is named")
    {
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("huge.json"), QByteArray(1 << 20, ' '));
        const triad::Result<Appraisal> huge = loadReferralInput(path, shippedPolicy("clovis-unified"), builtinCatalogue());
        REQUIRE_FALSE(huge.ok());
        CHECK(huge.error().message == "huge.json: the file has 1048576 bytes; a referral input may have at most 65536 bytes");
        const triad::Result<Appraisal> missing =
            loadReferralInput(dir.filePath(QStringLiteral("none.json")), shippedPolicy("clovis-unified"), builtinCatalogue());
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().code == "file.unreadable");
    }
    SECTION("a device or pipe with no size to check is read only up to the limit, then refused")
    {
        const triad::Result<Appraisal> endless = loadReferralInput(QStringLiteral("/dev/zero"), shippedPolicy("clovis-unified"), builtinCatalogue());
        REQUIRE_FALSE(endless.ok());
        CHECK(endless.error().code == "referral.too_large");
        CHECK(contains(endless.error().message, "has 65537 bytes"));
    }
    SECTION("a control character in a word is written escaped in the message, never raw")
    {
        const std::string message = refused("clovis-unified", head() + std::string("\"standards\": {\"3\": \"No\\u0000\\u001b[2J\"}}")).message;
        CHECK(contains(message, "\"No\\u0000\\u001b[2J\" is not a rating word"));
        CHECK(message.find('\0') == std::string::npos);
        CHECK(message.find('\x1b') == std::string::npos);
    }
    SECTION("a look-alike letter is not a rating word: case is folded for ASCII letters only")
    {
        CHECK(contains(refused("clovis-unified", head() + "\"standards\": {\"2\": \"Ye\u017f\"}}").message, "is not a rating word"));
        CHECK(contains(refused("district-004", head() + "\"standards\": {\"2\": \"un\u017fatisfactory\"}}").message, "is not a rating word"));
    }
}

TEST_CASE("referral input: seed 002 counts an overall unsatisfactory domain as one unsatisfactory rating in it", "[policy][referral][input]")
{
    // 11.2 "'One' unsatisfactory rating in all domains": an evaluation rating each domain as a whole, all six
    // unsatisfactory, mandates participation (with or without element ratings beside them).
    const std::string overallOnly = head() + R"("standards": {"1": "unsatisfactory", "2": "unsatisfactory", "3": "unsatisfactory",
        "4": "unsatisfactory", "5": "unsatisfactory", "6": "unsatisfactory"}})";
    const triad::Result<Appraisal> a = read("district-002", overallOnly);
    REQUIRE(a.ok());
    CHECK(uncountedRatings(*a, shippedPolicy("district-002").referral.criteria).empty());
    const ReferralDecision mandated = decide("district-002", overallOnly);
    CHECK(mandated.outcome == ReferralDecision::ParticipationRequired);
    CHECK(contains(reasons(mandated), "standard 1 (overall \"unsatisfactory\")"));
    // The weaker criterion also met gives way, and says so: not "encouraged, not mandated" for a mandated teacher.
    CHECK(contains(reasons(mandated), "Also met, but \"Participation required\" applies: \"one unsatisfactory rating\""));
    CHECK_FALSE(contains(reasons(mandated), "Voluntary participation encouraged, not mandated:"));
    // An overall rating is one rating of its domain, never two, and never "every element".
    const ReferralDecision overallAndOne = decide("district-002", head() + R"("standards": {"1": "unsatisfactory", "2": "unsatisfactory",
        "3": "unsatisfactory"}, "elements": {"1.1": "unsatisfactory", "2.1": "unsatisfactory", "3.1": "unsatisfactory"}})");
    CHECK(overallAndOne.outcome == ReferralDecision::VoluntaryEncouraged);
    // Five domains of six rated unsatisfactory overall: not all domains.
    const ReferralDecision five = decide("district-002", head() + R"("standards": {"1": "unsatisfactory", "2": "unsatisfactory",
        "3": "unsatisfactory", "4": "unsatisfactory", "5": "unsatisfactory", "6": "satisfactory"}})");
    CHECK(five.outcome == ReferralDecision::VoluntaryEncouraged);
}

TEST_CASE("referral input: a decision on an incomplete appraisal names the standards not rated", "[policy][referral][input]")
{
    const ReferralDecision partial = decide("district-004", head() + R"("standards": {"1": "unsatisfactory", "2": "unsatisfactory"}})");
    CHECK(partial.outcome == ReferralDecision::NotEligible);
    CHECK(contains(reasons(partial), "Not rated in this input: standards 3-6, counted as not rated \"unsatisfactory\"."));
    const ReferralDecision whole = decide("district-004", head() + R"("standards": {"1": "unsatisfactory", "2": "unsatisfactory",
        "3": "satisfactory", "4": "satisfactory", "5": "satisfactory", "6": "satisfactory"}})");
    CHECK_FALSE(contains(reasons(whole), "Not rated"));
}

TEST_CASE("referral input: ratings of a kind the district's rule does not count are named, not dropped silently", "[policy][referral][input]")
{
    // Clovis counts overall ratings: element ratings given beside them are named as not counted; the overall ones are.
    const triad::Result<Appraisal> clovis = read("clovis-unified", head() + R"("standards": {"2": "No"}, "elements": {"2.6": "No"}})");
    REQUIRE(clovis.ok());
    const std::vector<std::string> clovisNotes = uncountedRatings(*clovis, shippedPolicy("clovis-unified").referral.criteria);
    REQUIRE(clovisNotes.size() == 1);
    CHECK(contains(clovisNotes.front(), "the ratings of elements given (1); this rule counts the overall ratings of standards"));
    // Seed 004's extension counts no ratings at all.
    REQUIRE(shippedPolicy("district-004").extension);
    CHECK(uncountedRatings(*clovis, shippedPolicy("district-004").extension->criteria).size() == 2);
}

TEST_CASE("referral input: an appraisal rated both ways, or with elements left out, is named", "[policy][referral][input]")
{
    // Seed 002 11.2 "'all' unsatisfactory ratings in any one (1) domain": four of standard 4's five elements given, the
    // fifth left out, so the profile cannot be met; the decision names the element, not only the unrated standards.
    const ReferralDecision fourOfFive = decide("district-002", head() + R"("elements": {"4.1": "unsatisfactory", "4.2": "unsatisfactory",
        "4.3": "unsatisfactory", "4.4": "unsatisfactory"}})");
    CHECK(fourOfFive.outcome == ReferralDecision::VoluntaryEncouraged);
    CHECK(contains(reasons(fourOfFive), "Not rated in this input: element 4.5 (standard 4), whose standard's other elements are rated; counted "
                                        "as not rated \"unsatisfactory\" (a profile of every element needs each one)."));
    CHECK(contains(reasons(fourOfFive), "Not rated in this input: standards 1, 2, 3, 5 and 6"));
    // Rated overall and by its elements: the overall rating is not added to the elements', and the decision says so.
    const ReferralDecision both = decide("district-002", head() + R"("standards": {"2": "unsatisfactory"}, "elements": {"2.1": "unsatisfactory"}})");
    CHECK(contains(reasons(both), "Standard 2 is rated overall and by its elements: its elements' ratings are counted, and the overall rating is "
                                  "not added to them."));
    // An overall rating that says the opposite of the elements: named, so the appraisal is checked.
    const ReferralDecision satisfactoryOverall = decide("district-002", head() + R"("standards": {"4": "satisfactory"}, "elements": {
        "4.1": "unsatisfactory", "4.2": "unsatisfactory", "4.3": "unsatisfactory", "4.4": "unsatisfactory", "4.5": "unsatisfactory"}})");
    CHECK(satisfactoryOverall.outcome == ReferralDecision::ParticipationRequired);
    CHECK(contains(reasons(satisfactoryOverall), "Check the appraisal: standard 4 is not rated \"unsatisfactory\" overall, but its elements "
                                                 "4.1, 4.2, 4.3, 4.4, 4.5 are."));
    const ReferralDecision unsatisfactoryOverall = decide("district-002", head() + R"("standards": {"1": "unsatisfactory"}, "elements": {
        "1.1": "satisfactory", "1.2": "satisfactory"}})");
    CHECK(contains(reasons(unsatisfactoryOverall), "Check the appraisal: standard 1 is rated \"unsatisfactory\" overall, but none of its elements "
                                                   "rated here is."));
    // A standard rated one way only: no such note.
    CHECK_FALSE(contains(reasons(decide("district-002", head() + R"("standards": {"1": "unsatisfactory"}})")), "Check the appraisal: standard"));
}
