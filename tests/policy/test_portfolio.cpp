// The portfolio checklist as the policy lists it, with the documents in Triad that fill each item (issue 13 item 6),
// and observations paired with their pre- and post-observation conferences (item 5). Pure rules over given facts.
#include "conferences.h"
#include "policy_test_helpers.h"
#include "portfolio.h"

#include <algorithm>

using namespace triad;
using namespace triad::policy;
using namespace triad::policy::testing;

namespace {

const PortfolioItem &item(const std::vector<PortfolioItem> &items, const std::string &id)
{
    auto it = std::find_if(items.begin(), items.end(), [&](const PortfolioItem &i) { return i.documentId == id; });
    INFO(id);
    REQUIRE(it != items.end());
    return *it;
}

FiledDocument doc(std::string source, std::int64_t atMs, bool complete, std::string title = "doc")
{
    return {std::move(source), RecordId::generate(), std::move(title), complete ? "Signed by all" : "Signed by 1 of 3", atMs, complete};
}

} // namespace

TEST_CASE("each seed district's portfolio names where Triad files its documents", "[policy][portfolio]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const auto mous = std::find_if(clovis.portfolio[1].documents.begin(), clovis.portfolio[1].documents.end(),
                                   [](const PortfolioDocument &d) { return d.id == "mous"; });
    REQUIRE(mous != clovis.portfolio[1].documents.end());
    CHECK(mous->filedAs == std::vector<PortfolioSource>{{"form:mou_teacher", 0}, {"form:mou_site_administrator", 0}, {"form:mou_mentor", 0}});
    const auto formal2 = std::find_if(clovis.portfolio[0].documents.begin(), clovis.portfolio[0].documents.end(),
                                      [](const PortfolioDocument &d) { return d.id == "formal-observation-2"; });
    REQUIRE(formal2 != clovis.portfolio[0].documents.end());
    CHECK(formal2->filedAs == std::vector<PortfolioSource>{{"observation:formal", 2}});
    // What Triad does not keep (the ILP, the data analyses) stays a check on the year-end report.
    const auto items = portfolioOf(clovis, {});
    CHECK(item(items, "ilp-1").state == PortfolioState::Outside);
    CHECK(item(items, "referral").state == PortfolioState::Missing);
    CHECK(item(items, "referral").stateText == "Not filed yet");
    CHECK(items.size() == 25);

    const DistrictPolicy d002 = shippedPolicy("district-002");
    CHECK(item(portfolioOf(d002, {}), "consulting-teacher-reports").state == PortfolioState::Missing);
    const DistrictPolicy d004 = shippedPolicy("district-004");
    const auto items004 = portfolioOf(d004, {});
    CHECK(item(items004, "participant-responses").state == PortfolioState::Missing);
    CHECK(item(items004, "assistance-plan").state == PortfolioState::Outside);
}

TEST_CASE("a portfolio item is complete when every document it needs is, the n-th picked oldest first", "[policy][portfolio]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    std::vector<FiledDocument> docs{doc("form:mou_teacher", 100, true, "Teacher MOU"), doc("form:mou_mentor", 200, false, "Mentor MOU"),
                                    doc("observation:formal", 5000, true, "Formal observation in Report 2"),
                                    doc("observation:formal", 3000, true, "Formal observation in Report 1"),
                                    doc("triad_meeting:1", 400, true, "Initial Triad Meeting Summary")};
    auto items = portfolioOf(clovis, docs);
    const PortfolioItem &mous = item(items, "mous");
    CHECK(mous.state == PortfolioState::InProgress);
    CHECK(mous.stateText == "1 of 3 complete");
    REQUIRE(mous.filed.size() == 2);
    CHECK(mous.filed[0].title == "Teacher MOU");
    // "Formal Observation 1" is the earlier one whatever order the documents came in; the second is the later.
    REQUIRE(item(items, "formal-observation-1").filed.size() == 1);
    CHECK(item(items, "formal-observation-1").filed[0].title == "Formal observation in Report 1");
    CHECK(item(items, "formal-observation-2").filed[0].title == "Formal observation in Report 2");
    CHECK(item(items, "formal-observation-2").state == PortfolioState::Complete);
    CHECK(item(items, "informal-observation-1").state == PortfolioState::Missing);
    CHECK(item(items, "initial-triad-summary").state == PortfolioState::Complete);
    CHECK(item(items, "progress-monitoring-1-summary").state == PortfolioState::Missing);

    // The administrator's and a signed mentor's MOU complete the item.
    docs.push_back(doc("form:mou_site_administrator", 300, true));
    docs.push_back(doc("form:mou_mentor", 600, true, "Mentor MOU, signed"));
    items = portfolioOf(clovis, docs);
    CHECK(item(items, "mous").state == PortfolioState::Complete);
    CHECK(item(items, "mous").filed.size() == 4);
}

TEST_CASE("a portfolio source the app does not know is refused with the place and the problem", "[policy][portfolio]")
{
    const QString asset = QStringLiteral("policies/district-004.json");
    auto errorFor = [&](const std::string &replacement) {
        return policyError(assetWithReplacement(asset, "\"filed_as\": [\"form:standards_of_focus\"]", "\"filed_as\": [" + replacement + "]"));
    };
    SECTION("an unknown form")
    {
        const auto e = errorFor("\"form:lesson_plan\"");
        CHECK(e.code == "policy.invalid");
        CHECK(contains(e.message, "/portfolio/0/documents/0/filed_as/0"));
        CHECK(contains(e.message, "no form of Triad is called \"lesson_plan\""));
    }
    SECTION("a triad meeting the district does not hold")
    {
        const auto e = errorFor("\"triad_meeting:9\"");
        CHECK(contains(e.message, "triad meetings"));
    }
    SECTION("a position of zero")
    {
        const auto e = errorFor("\"observation:formal#0\"");
        CHECK(contains(e.message, "position 1 to 99"));
    }
    SECTION("an unknown kind of source")
    {
        const auto e = errorFor("\"lesson_plans\"");
        CHECK(contains(e.message, "unknown portfolio source \"lesson_plans\""));
    }
    SECTION("not a string")
    {
        const auto e = errorFor("3");
        CHECK(contains(e.message, "/portfolio/0/documents/0/filed_as/0"));
    }
}

TEST_CASE("observations are paired with the conferences logged for them", "[policy][conferences]")
{
    Observation early, late;
    early.id = RecordId::generate();
    early.kind = ObservationKind::Formal;
    early.startedAtMs = 1000;
    late.id = RecordId::generate();
    late.startedAtMs = 9000;
    const RecordId stranger = RecordId::generate();
    const std::vector<ConferenceLog> logs{{early.id, "post_conference", "2026-10-08", RecordId::generate()},
                                          {early.id, "pre_conference", "2026-10-05", RecordId::generate()},
                                          {late.id, "pre_conference", "2026-11-02", RecordId::generate()},
                                          {late.id, "meeting", "2026-11-03", RecordId::generate()},
                                          {stranger, "post_conference", "2026-11-04", RecordId::generate()}};
    const auto out = conferencesOf({late, early}, logs);
    REQUIRE(out.size() == 2);
    CHECK(out[0].observation.id == early.id); // oldest first
    CHECK(out[0].summary == "Pre-observation conference 2026-10-05 · post-observation conference 2026-10-08");
    CHECK_FALSE(out[0].postMissing);
    CHECK(out[1].pre.size() == 1);
    CHECK(out[1].post.empty()); // a plain meeting is no conference
    CHECK(out[1].postMissing);
    CHECK(out[1].summary == "Pre-observation conference 2026-11-02 · no post-observation conference logged yet");
}
