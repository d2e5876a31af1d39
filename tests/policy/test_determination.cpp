// What ends or extends a referred case (policy/determination.h): the year-end report's determination and the panel's
// decision as data, the newest signed one deciding, and the panel's "extend" held to the extension rule's caps
// (judgeSignedForm) like the site administrator's.
#include "case_form_specs.h"
#include "determination.h"
#include "policy_test_helpers.h"

using namespace triad;
using namespace triad::policy;
using namespace triad::policy::testing;

namespace {

FormContent yearEnd(const std::string &determination)
{
    FormContent f;
    f.kind = FormKind::YearEndReport;
    f.fields["determination"] = determination;
    return f;
}

FormContent panelDecision(const std::string &outcome)
{
    FormContent f;
    f.kind = FormKind::PanelDecision;
    f.fields = {{"date", "2027-05-27"}, {"outcome", outcome}, {"reasons", "Observations of 2027-03-02 and 2027-04-20."}};
    return f;
}

RecordId idOf(std::uint8_t b)
{
    RecordId id;
    id.bytes.fill(b);
    return id;
}

} // namespace

TEST_CASE("What a signed form decides for its case, from the policy", "[policy][determination]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const DistrictPolicy d004 = shippedPolicy("district-004");
    CHECK(statusDecidedBy(yearEnd("discontinue"), clovis) == CaseStatus::Discontinued);
    CHECK(statusDecidedBy(yearEnd("extend"), clovis) == CaseStatus::Extended);
    CHECK_FALSE(statusDecidedBy(yearEnd(""), clovis));
    CHECK(statusDecidedBy(panelDecision("satisfactory_progress"), d004) == CaseStatus::Discontinued);
    CHECK(statusDecidedBy(panelDecision("extend"), d004) == CaseStatus::Extended);
    CHECK(statusDecidedBy(panelDecision("not_successful"), d004) == CaseStatus::Discontinued);
    CHECK_FALSE(statusDecidedBy(panelDecision("extend"), clovis)); // Clovis's panel has no outcomes
    FormContent log;
    log.kind = FormKind::MeetingLog;
    log.fields["determination"] = "discontinue"; // a field by that name on another form decides nothing
    CHECK_FALSE(statusDecidedBy(log, clovis));

    const std::vector<SignedDetermination> both{{yearEnd("extend"), idOf(1), 1000}, {panelDecision("satisfactory_progress"), idOf(2), 2000}};
    SECTION("the newest completed decides, whatever order they are held in")
    {
        auto d = determinationOf(CaseKind::Referred, CaseStatus::Active, both, d004);
        REQUIRE(d);
        CHECK(d->status == CaseStatus::Discontinued);
        CHECK(d->decidedBy == FormKind::PanelDecision);
        const std::vector<SignedDetermination> reversed{both[1], both[0]};
        CHECK(determinationOf(CaseKind::Referred, CaseStatus::Active, reversed, d004)->versionId == idOf(2));
        // Completed at the same moment: the larger version id, on every device.
        const std::vector<SignedDetermination> tie{{yearEnd("discontinue"), idOf(9), 2000}, {panelDecision("extend"), idOf(2), 2000}};
        CHECK(determinationOf(CaseKind::Referred, CaseStatus::Active, tie, d004)->decidedBy == FormKind::YearEndReport);
        const std::vector<SignedDetermination> swapped{{yearEnd("discontinue"), idOf(2), 2000}, {panelDecision("extend"), idOf(9), 2000}};
        CHECK(determinationOf(CaseKind::Referred, CaseStatus::Active, swapped, d004)->status == CaseStatus::Extended);
    }
    SECTION("only an enrolled referred case moves")
    {
        CHECK_FALSE(determinationOf(CaseKind::Volunteer, CaseStatus::Active, both, d004));
        CHECK_FALSE(determinationOf(CaseKind::Referred, CaseStatus::Referral, both, d004));
        CHECK_FALSE(determinationOf(CaseKind::Referred, CaseStatus::Withdrawn, both, d004));
        CHECK_FALSE(determinationOf(CaseKind::Referred, CaseStatus::Active, {}, d004));
        CHECK(determinationOf(CaseKind::Referred, CaseStatus::Extended, both, d004));
    }
}

TEST_CASE("Where the panel must find it, the year-end report's 'extend' counts only beside the panel's", "[policy][determination][extension]")
{
    const DistrictPolicy d004 = shippedPolicy("district-004");
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    REQUIRE(d004.extension);
    REQUIRE_FALSE(d004.extension->panelFinding.empty());
    const std::vector<SignedDetermination> alone{{yearEnd("extend"), idOf(1), 1000}};
    // Seed 004: the site administration's check box is not the panel's finding.
    CHECK_FALSE(determinationOf(CaseKind::Referred, CaseStatus::Active, alone, d004));
    // Clovis names no panel finding: the year-end report extends on its own.
    REQUIRE(determinationOf(CaseKind::Referred, CaseStatus::Active, alone, clovis));
    CHECK(determinationOf(CaseKind::Referred, CaseStatus::Active, alone, clovis)->status == CaseStatus::Extended);
    // Beside the panel's signed "extend", the later year-end report decides (and says extended).
    const std::vector<SignedDetermination> withPanel{{panelDecision("extend"), idOf(2), 900}, {yearEnd("extend"), idOf(1), 1000}};
    auto d = determinationOf(CaseKind::Referred, CaseStatus::Active, withPanel, d004);
    REQUIRE(d);
    CHECK(d->status == CaseStatus::Extended);
    CHECK(d->decidedBy == FormKind::YearEndReport);
    // A panel decision that ends support does not let the report extend: the panel's "discontinue" stands.
    const std::vector<SignedDetermination> panelEnds{{panelDecision("not_successful"), idOf(2), 900}, {yearEnd("extend"), idOf(1), 1000}};
    d = determinationOf(CaseKind::Referred, CaseStatus::Active, panelEnds, d004);
    REQUIRE(d);
    CHECK(d->status == CaseStatus::Discontinued);
    CHECK(d->decidedBy == FormKind::PanelDecision);
    // Discontinuing needs no finding.
    CHECK(determinationOf(CaseKind::Referred, CaseStatus::Active, {{yearEnd("discontinue"), idOf(1), 1000}}, d004)->status == CaseStatus::Discontinued);
}

TEST_CASE("The panel extends only within the district's extension rule", "[policy][determination][extension]")
{
    const DistrictPolicy d004 = shippedPolicy("district-004");
    const QDate started(2026, 1, 12);
    // Two semesters in: the panel's "extend" is its finding, within 18 months.
    CHECK(judgeSignedForm(d004, builtinCatalogue(), panelDecision("extend"), CaseKind::Referred, CaseRole::Panel, started, QDate(2026, 12, 18)).ok());
    // Fifteen months in: a semester more passes 18 months.
    const Status late =
        judgeSignedForm(d004, builtinCatalogue(), panelDecision("extend"), CaseKind::Referred, CaseRole::Panel, started, QDate(2027, 4, 20));
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().code == "extension.not_allowed");
    CHECK(contains(late.error().message, "18 months"));
    // Ending support is always open to the panel.
    CHECK(judgeSignedForm(d004, builtinCatalogue(), panelDecision("not_successful"), CaseKind::Referred, CaseRole::Panel, started, QDate(2027, 4, 20))
              .ok());
}

TEST_CASE("A panel outcome's status is validated", "[policy][determination][district]")
{
    const QString d004 = QStringLiteral("policies/district-004.json");
    const QByteArray text = assetWithReplacement(d004, R"("key": "extend", "status": "extended")", R"("key": "extend", "status": "withdrawn")");
    const Error e = policyError(text);
    CHECK(e.code == "policy.invalid");
    CHECK(contains(e.message, "\"status\" must be \"discontinued\" or \"extended\""));
    CHECK(contains(e.message, "panel_outcomes/1"));
}
