// Attacks on an extended case's second year (issue 13): the "year" field of yearly forms, the second year's start and
// deadlines, and CaseService::openReferral's refusal of a second referral, written by a reviewer against the first
// version and kept as its regression suite. Each TEST_CASE asserts what the product promises (docs/forms.md "The
// second year of an extended case", docs/policy.md "An extended case's second year", BRIEF "never taken from a
// payload's own claims, from arrival order"). Rogue devices write with DocumentStore directly, past FormService, as
// test_case_forms does.
#include "case_form_specs.h"
#include "deadlines.h"
#include "form_service.h"
#include "program.h"
#include "signature_service.h"
#include "store_district.h"

using namespace triad;
using store::CaseService;
using store::FormService;
using store::FormView;
using store::LocalStore;
using test::codeOf;
using test::District;
using test::ReferredCase;
using test::ok;

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

// A Clovis case since 2026-09-01, its standards of focus signed in year 1; in April 2027 its year-end report extends
// it, signed by the three (year 2 from Thursday 12 August 2027). Returns the signed extension.
void openClovis(ReferredCase &r)
{
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"2"}, "clovis-unified");
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
}

Document extendOpenClovis(ReferredCase &r, bool syncLastSignature = true)
{
    r.d.clock = test::kNow + 150 * kDay; // 2027-04-17
    FormContent yearEnd;
    yearEnd.kind = FormKind::YearEndReport;
    yearEnd.fields = {{"determination", "extend"}, {"standard.2", "unsatisfactory"}, {"teacher_willing", "yes"}, {"year2_focus", "yes"}};
    const Document extension = ok(FormService(*r.admin).save(r.caseId, yearEnd));
    ok(FormService(*r.admin).sign(extension.id));
    r.syncAll();
    ok(FormService(*r.teacher).sign(extension.id));
    r.syncAll();
    ok(FormService(*r.mentor).sign(extension.id));
    if (syncLastSignature) r.syncAll();
    return extension;
}

Document extendClovis(ReferredCase &r, bool syncLastSignature = true)
{
    openClovis(r);
    return extendOpenClovis(r, syncLastSignature);
}

const policy::Deadline *findKey(const std::vector<policy::Deadline> &all, const std::string &key)
{
    auto it = std::find_if(all.begin(), all.end(), [&](const policy::Deadline &d) { return d.key == key; });
    return it == all.end() ? nullptr : &*it;
}

bool offers(LocalStore &s, const RecordId &caseId, FormKind kind, int year, int meeting = -1)
{
    for (const auto &f : ok(FormService(s).startable(caseId)))
        if (f.kind == kind && f.year == year && (meeting < 0 || f.meeting == meeting)) return true;
    return false;
}

// The first device, among `candidates`, that DocumentStore lets write a version over `base` (a rogue client of that
// party, past FormService's checks); nullptr when none may.
LocalStore *rogueEdit(const std::vector<LocalStore *> &candidates, const Document &base, const FormContent &content, std::string *who,
                      const std::vector<std::string> &names)
{
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (store::DocumentStore(*candidates[i]).edit(base.lineageId, base.id, renderFormText(content), std::nullopt, content)) {
            *who = names[i];
            return candidates[i];
        }
    return nullptr;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------------
// 1. The year of a yearly form is read from its *current* version (FormView::content), even an unsigned draft or one
//    that never counts, while the signed version in force says otherwise.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("Attack: an unsigned draft naming year 2 over the signed year-1 year-end report must not move it into year 2",
          "[store][forms][second_year][attack]")
{
    ReferredCase r;
    const Document extension = extendClovis(r);
    // A rogue client of the mentor (else the teacher, else the administrator) writes an unsigned draft of the year-1
    // report whose only change is "year": "2" — FormService::save would keep year 1, DocumentStore does not care.
    FormContent relabelled = *extension.form;
    relabelled.fields["year"] = "2";
    std::string who;
    LocalStore *rogue = rogueEdit({r.mentor.get(), r.teacher.get(), r.admin.get()}, extension, relabelled, &who, {"mentor", "teacher", "admin"});
    REQUIRE(rogue);
    INFO("the draft was written by the " << who << "'s client");
    r.syncAll();
    r.d.clock = test::kNow + 320 * kDay; // 4 October 2027, year 2 under way

    for (LocalStore *device : r.parties()) {
        // The extension itself still stands (its signed version is year 1's)...
        REQUIRE(ok(FormService(*device).secondYear(r.caseId)).has_value());
        const auto all = ok(FormService(*device).deadlines(r.caseId));
        // ... so year 1's final report is done (the signed report of April 2027) ...
        REQUIRE(findKey(all, "final_report"));
        CHECK(findKey(all, "final_report")->state == policy::DeadlineState::Done);
        // ... and year 2's reporting runs: report 1 is listed, year 2's final report is not done in April 2027.
        CHECK(findKey(all, "year2:report:1") != nullptr);
        REQUIRE(findKey(all, "year2:final_report"));
        CHECK(findKey(all, "year2:final_report")->state != policy::DeadlineState::Done);
    }
    // Year 2's year-end report can still be started.
    CHECK(offers(*r.admin, r.caseId, FormKind::YearEndReport, 2));
}

TEST_CASE("Attack: a draft with a malformed year (\"0\", \"02\", \" 2\", \"10\") over a signed year-1 form must not erase year 1's facts",
          "[store][forms][second_year][attack]")
{
    const std::string bad = GENERATE(std::string("0"), std::string("02"), std::string(" 2"), std::string("10"));
    INFO("year \"" << bad << "\"");
    ReferredCase r;
    const Document extension = extendClovis(r);
    FormContent relabelled = *extension.form;
    relabelled.fields["year"] = bad;
    std::string who;
    REQUIRE(rogueEdit({r.mentor.get(), r.teacher.get(), r.admin.get()}, extension, relabelled, &who, {"mentor", "teacher", "admin"}));
    r.syncAll();
    r.d.clock = test::kNow + 320 * kDay;
    for (LocalStore *device : r.parties()) {
        // The draft is invalid and never counts: the signed report stays in force...
        const auto held = ok(FormService(*device).forms(r.caseId));
        auto it = std::find_if(held.begin(), held.end(), [](const FormView &f) { return f.content.kind == FormKind::YearEndReport; });
        REQUIRE(it != held.end());
        CHECK_FALSE(it->invalidReason.empty());
        REQUIRE(it->newestSigned);
        // ... and so should its fact: year 1's final report done.
        const auto all = ok(FormService(*device).deadlines(r.caseId));
        REQUIRE(findKey(all, "final_report"));
        CHECK(findKey(all, "final_report")->state == policy::DeadlineState::Done);
    }
}

// ---------------------------------------------------------------------------------------------------------------------
// 2. startable's "held already" counts any form whose current content names the year, even one that counts for
//    nothing: a lineage poisoned in year 1 blocks year 2's form for good.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("Attack: a poisoned lineage planted in year 1 must not block year 2's form for good", "[store][forms][second_year][attack]")
{
    const FormKind kind = GENERATE(FormKind::StandardsOfFocus, FormKind::TriadMeeting, FormKind::YearEndReport);
    INFO("form " << formKindKey(kind));
    ReferredCase r;
    openClovis(r);
    // A rogue client writes a lineage that starts as something else and becomes a "year 2" form of this kind: its
    // history disqualifies it for ever ("counts for nothing at all"), yet its current content names year 2.
    FormContent planted;
    planted.kind = kind;
    if (kind == FormKind::StandardsOfFocus) planted.fields = {{"focus.2", "yes"}};
    if (kind == FormKind::TriadMeeting) planted.fields = {{"meeting", "0"}, {"date", "2027-09-09"}};
    if (kind == FormKind::YearEndReport) planted.fields = {{"determination", "discontinue"}};
    planted.fields["year"] = "2";
    std::string who;
    std::optional<Document> bare;
    for (auto [device, name] : {std::pair{r.mentor.get(), "mentor"}, std::pair{r.teacher.get(), "teacher"}, std::pair{r.admin.get(), "admin"}}) {
        auto w = store::DocumentStore(*device).write(r.caseId, documentTypeOfForm(kind), "not a form");
        if (!w) continue;
        bare = *w;
        who = name;
        ok(store::DocumentStore(*device).edit(bare->lineageId, bare->id, renderFormText(planted), std::nullopt, planted));
        break;
    }
    REQUIRE(bare);
    INFO("planted by the " << who << "'s client");
    r.syncAll();
    extendOpenClovis(r); // April 2027
    for (LocalStore *device : {r.admin.get(), r.mentor.get()}) {
        const auto held = ok(FormService(*device).forms(r.caseId));
        const auto seen = std::find_if(held.begin(), held.end(), [&](const FormView &f) { return f.lineageId == bare->lineageId; });
        REQUIRE(seen != held.end());
        CHECK_FALSE(seen->invalidReason.empty()); // it can never be signed into force
    }
    // Year 2's form must still be offered to those who start it ("If extended: Submit Year 2 PAR Standards of Focus"):
    // the planted one can never be signed into force.
    for (const auto &f : ok(FormService(*r.admin).startable(r.caseId))) UNSCOPED_INFO("offered " << f.title << " year " << f.year);
    // April 2027, before year 2 begins: offered (for the first year where it lacks one, else the second).
    CHECK((offers(*r.admin, r.caseId, kind, 1, kind == FormKind::TriadMeeting ? 0 : -1)
           || offers(*r.admin, r.caseId, kind, 2, kind == FormKind::TriadMeeting ? 0 : -1)));
    r.d.clock = test::kNow + 320 * kDay; // October 2027, year 2 under way
    CHECK(offers(*r.admin, r.caseId, kind, 2, kind == FormKind::TriadMeeting ? 0 : -1));
}

// ---------------------------------------------------------------------------------------------------------------------
// 3. The year is stamped from what the saving device holds at that moment: a case store that withholds one signature
//    makes a year-2 meeting a year-1 meeting for good.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("Attack: a withheld signature makes a triad meeting held in year 2 count for year 1, on every device, for good",
          "[store][forms][second_year][attack][order]")
{
    ReferredCase r;
    extendClovis(r, /*syncLastSignature=*/false); // the mentor signed last; the store withholds it from the tablet
    test::sendAll({r.mentor.get(), r.teacher.get(), r.director.get()});
    r.d.clock = test::kNow + 320 * kDay; // 4 October 2027
    REQUIRE(ok(FormService(*r.mentor).secondYear(r.caseId)).has_value());
    REQUIRE_FALSE(ok(FormService(*r.admin).secondYear(r.caseId)).has_value()); // the tablet has not seen the extension yet
    // Meanwhile the two devices disagree about which meeting comes next.
    CHECK(offers(*r.mentor, r.caseId, FormKind::TriadMeeting, 2, 0));
    CHECK(offers(*r.admin, r.caseId, FormKind::TriadMeeting, 1, 0));
    // At the year's initial triad meeting on 1 October 2027 the administrator writes its summary on the tablet.
    FormContent initial;
    initial.kind = FormKind::TriadMeeting;
    initial.fields = {{"meeting", "0"}, {"date", "2027-10-01"}, {"norms", "As in year 1."}, {"scheduled.1", "2027-11-04"},
                      {"scheduled.2", "2028-01-27"}, {"scheduled.3", "2028-04-20"}};
    const Document summary = ok(FormService(*r.admin).save(r.caseId, initial));
    // The tablet, which has not seen the extension, stamps it the first year's; its signed date (1 October 2027, in
    // year 2) decides where it counts, on every device.
    CHECK(summary.form->field("year").empty());
    ok(FormService(*r.admin).sign(summary.id));
    r.syncAll(); // now everything reaches everyone
    ok(FormService(*r.teacher).sign(summary.id));
    ok(FormService(*r.mentor).sign(summary.id));
    r.syncAll();
    for (LocalStore *device : r.parties()) {
        REQUIRE(ok(FormService(*device).secondYear(r.caseId)).has_value());
        const auto all = ok(FormService(*device).deadlines(r.caseId));
        // The meeting held on 1 October 2027, signed by the three, is year 2's initial meeting.
        const policy::Deadline *y2initial = findKey(all, "year2:triad:1");
        CHECK((y2initial && y2initial->state == policy::DeadlineState::Done));
        const policy::Deadline *y2final = findKey(all, "year2:final_report");
        CHECK((y2final && y2final->due == QDate(2028, 4, 20))); // fixed by year 2's final meeting
        // ... and year 1's initial meeting is not "done" by a meeting held in the next school year.
        const policy::Deadline *y1initial = findKey(all, "triad:1");
        CHECK_FALSE((y1initial && y1initial->state == policy::DeadlineState::Done));
    }
    // Its title keeps the year it was written for (what its signers saw and signed).
    const FormView seen = ok(FormService(*r.mentor).form(summary.id));
    CHECK(seen.spec.title == "PAR Initial Triad Meeting Summary");
}

// ---------------------------------------------------------------------------------------------------------------------
// 4. A determination labelled year 2 before the case has a year 2: determined() counts it, secondYear() ignores it.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("Attack: a year-end report labelled \"year 2\" signed in year 1 must not leave the case extended without a second year",
          "[store][forms][second_year][attack]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"2"}, "clovis-unified");
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    r.d.clock += 150 * kDay; // 2027-04-17, year 1
    // The administrator's rogue client writes the year-end report with "year": "2" (FormService::save refuses it in the
    // first year); its title reads "Year 2 PAR Year-End Report", and the three sign it through FormService.
    FormContent yearEnd;
    yearEnd.kind = FormKind::YearEndReport;
    yearEnd.fields = {{"determination", "extend"}, {"standard.2", "unsatisfactory"}, {"teacher_willing", "yes"}, {"year2_focus", "yes"}, {"year", "2"}};
    const Document report = ok(store::DocumentStore(*r.admin).write(r.caseId, DocumentType::YearEndReport, renderFormText(yearEnd), std::nullopt,
                                                                   std::nullopt, yearEnd));
    ok(FormService(*r.admin).sign(report.id));
    r.syncAll();
    ok(FormService(*r.teacher).sign(report.id));
    ok(FormService(*r.mentor).sign(report.id));
    r.syncAll();
    for (LocalStore *device : r.parties()) {
        const ParCase now = ok(FormService(*device).determined(ok(CaseService(*device).parCase(r.caseId))));
        const auto second = ok(FormService(*device).secondYear(r.caseId));
        INFO("determined status " << static_cast<int>(now.status) << ", second year " << second.has_value());
        // One rule: the case is extended exactly when it has a second year.
        CHECK((now.status == CaseStatus::Extended) == second.has_value());
    }
}

// ---------------------------------------------------------------------------------------------------------------------
// 5. Seed 004: the panel extends first; the site administration's year-end report on year 1, signed days after year 2
//    began, becomes year 2's and closes year 2's reporting.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("Seed 004: the first year's year-end report signed after year 2 began must not close year 2's reporting",
          "[store][forms][second_year][panel]")
{
    ReferredCase r;
    auto panel = r.d.device("panel", CaseRole::Panel);
    r.caseId = ok(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Lincoln Elementary", "Grade 3", "district-004")).id;
    auto syncAll = [&] { test::sendAll({r.admin.get(), r.teacher.get(), r.director.get(), r.mentor.get(), panel.get()}); };
    syncAll();
    r.d.clock += 54 * kDay; // enrolled 2027-01-11
    REQUIRE(CaseService(*r.director).enrol(r.caseId, r.d.person(CaseRole::Mentor)).ok());
    syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    r.d.clock += (140 + 127 + 38) * kDay; // 2027-11-12: the panel may extend
    FormContent decision;
    decision.kind = FormKind::PanelDecision;
    decision.fields = {{"date", "2027-11-10"}, {"outcome", "extend"}, {"reasons", "Making progress on standard 2; goals 3 and 4 open."}};
    const Document decided = ok(FormService(*panel).save(r.caseId, decision));
    ok(FormService(*panel).sign(decided.id));
    syncAll();
    REQUIRE(ok(FormService(*r.admin).secondYear(r.caseId))->start == QDate(2027, 11, 15));

    // Tuesday 16 November 2027: the site administration writes its year-end report on the first year, confirming the
    // panel's finding; the three sign it.
    r.d.clock += 4 * kDay;
    FormContent yearEnd;
    yearEnd.kind = FormKind::YearEndReport;
    yearEnd.fields = {{"determination", "extend"}, {"year2_focus", "yes"}, {"panel_finding", "yes"}};
    auto saved = FormService(*r.admin).save(r.caseId, yearEnd);
    REQUIRE(saved);
    INFO("the report was stamped year \"" << saved->form->field("year") << "\"");
    auto signedByAdmin = FormService(*r.admin).sign(saved->id);
    if (!signedByAdmin) FAIL("admin's signature refused: " << signedByAdmin.error().message);
    syncAll();
    ok(FormService(*r.teacher).sign(saved->id));
    ok(FormService(*r.mentor).sign(saved->id));
    syncAll();
    r.d.clock += kDay; // 17 November 2027 (inside the test district's certificates)
    const auto all = ok(FormService(*r.mentor).deadlines(r.caseId));
    for (const auto &d : all) UNSCOPED_INFO(d.key << " due " << d.due.toString(Qt::ISODate).toStdString() << " state " << static_cast<int>(d.state));
    // Year 2 has just begun: its year-end report is not done, its first report is listed.
    REQUIRE(findKey(all, "year2:final_report"));
    CHECK(findKey(all, "year2:final_report")->state != policy::DeadlineState::Done);
    CHECK(findKey(all, "year2:report:1") != nullptr);
    // And the year-end report written on year 1 settles year 1's final report.
    REQUIRE(findKey(all, "final_report"));
    CHECK(findKey(all, "final_report")->state == policy::DeadlineState::Done);
}

// ---------------------------------------------------------------------------------------------------------------------
// 6. secondYearStart and the per-year deadline pass on edge dates.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("secondYearStart on edge dates and calendars: no hang, no crash, a school day after the first year's start",
          "[policy][deadlines][second_year]")
{
    const policy::DistrictPolicy clovis = ok(policy::builtinPolicy("clovis-unified"));
    // The documented example, an extension in summer, one after the next year began, and a mid-year start.
    CHECK(policy::secondYearStart(clovis, QDate(2026, 9, 1), QDate(2027, 5, 21)) == QDate(2027, 8, 12));
    CHECK(policy::secondYearStart(clovis, QDate(2026, 9, 1), QDate(2027, 7, 4)) == QDate(2027, 8, 12));
    const QDate late = policy::secondYearStart(clovis, QDate(2026, 9, 1), QDate(2027, 9, 17)); // a Friday
    CHECK(late == QDate(2027, 9, 20));
    CHECK(policy::secondYearStart(clovis, QDate(2027, 3, 1), QDate(2027, 5, 21)) == QDate(2027, 8, 12));
    // A case begun in summer, after one school year's last day, belongs to the next school year.
    CHECK(policy::secondYearStart(clovis, QDate(2027, 7, 1), QDate(2028, 5, 19)).year() == 2028);
    // A leap day as the day of the extension.
    const QDate leap = policy::secondYearStart(clovis, QDate(2027, 8, 20), QDate(2028, 2, 29));
    CHECK(leap.isValid());
    CHECK(leap > QDate(2028, 2, 29));

    // Without school-year bounds (mid-August to June 10 projected), and a calendar with no working day at all.
    policy::DistrictPolicy unbounded = clovis;
    unbounded.calendar = policy::SchoolCalendar("", QDate(), QDate(), {Qt::Saturday, Qt::Sunday}, {});
    const QDate u = policy::secondYearStart(unbounded, QDate(2026, 9, 1), QDate(2027, 5, 21));
    CHECK(u.isValid());
    CHECK(u >= QDate(2027, 8, 15));
    // A calendar closed for good (the constructor refuses seven weekend days; a closure does it): no school day within
    // a year, an invalid start, no hang.
    policy::DistrictPolicy never = clovis;
    never.calendar = policy::SchoolCalendar("", QDate(), QDate(), {Qt::Saturday, Qt::Sunday}, {{"closed", QDate(2020, 1, 1), QDate(2035, 12, 31)}});
    CHECK_FALSE(policy::secondYearStart(never, QDate(2026, 9, 1), QDate(2027, 5, 21)).isValid());

    // Deadlines with a second year on each of these calendars do not fail or hang.
    for (const policy::DistrictPolicy *p : std::vector<const policy::DistrictPolicy *>{&clovis, &unbounded}) {
        policy::CaseFacts f;
        f.kind = CaseKind::Referred;
        f.start = QDate(2026, 9, 1);
        f.today = QDate(2027, 10, 4);
        f.finalReport = QDate(2027, 4, 17);
        f.secondYear = policy::SecondYearFacts{policy::secondYearStart(*p, f.start, QDate(2027, 4, 17)), {}, std::nullopt};
        const auto all = policy::caseDeadlines(*p, f);
        REQUIRE(all);
        CHECK(findKey(*all, "year2:final_report") != nullptr);
    }
}

TEST_CASE("Seed 004: no deadline of an extended case's second year falls after the program cap",
          "[policy][deadlines][second_year]")
{
    // PAR from 1 September 2026 under 004 (18 months at most: to 1 March 2028); the panel extends after two full
    // semesters, in June 2027; year 2 starts with the next school year.
    const policy::DistrictPolicy p = ok(policy::builtinPolicy("district-004"));
    policy::CaseFacts f;
    f.kind = CaseKind::Referred;
    f.start = QDate(2026, 9, 1);
    f.today = QDate(2027, 9, 15);
    f.finalReport = QDate(2027, 6, 1);
    f.secondYear = policy::SecondYearFacts{policy::secondYearStart(p, f.start, QDate(2027, 6, 2)), {}, std::nullopt};
    const auto all = ok(policy::caseDeadlines(p, f));
    const policy::Deadline *cap = findKey(all, "program_cap");
    REQUIRE(cap);
    INFO("program cap " << cap->due.toString(Qt::ISODate).toStdString());
    for (const auto &d : all) {
        INFO(d.key << " due " << d.due.toString(Qt::ISODate).toStdString());
        CHECK(d.due <= cap->due); // docs/policy.md: "the program cap still ends every deadline"
    }
}

// ---------------------------------------------------------------------------------------------------------------------
// 7. The program evaluation's due date.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("A program evaluation due on February 29 is a date in every school year", "[policy][program]")
{
    policy::DistrictPolicy p = ok(policy::builtinPolicy("district-002"));
    REQUIRE(p.program.evaluationDue);
    p.program.evaluationDue->month = 2; // readMonthDay accepts "02-29" (it parses in the year 2000)
    p.program.evaluationDue->day = 29;
    const policy::ProgramFigures f = policy::programFigures(p, {});
    REQUIRE(f.evaluationDue);
    CHECK(f.evaluationDue->isValid()); // 2027 has no February 29: the page would read "due by ."
}

// ---------------------------------------------------------------------------------------------------------------------
// 8. openReferral's refusal of a second referral.
// ---------------------------------------------------------------------------------------------------------------------

// Covered in test_case_forms: "A teacher whose support was discontinued by the year-end report may be referred again"
// (the stored status Active, the signed determination deciding, another policy, a third referral refused).

// ---------------------------------------------------------------------------------------------------------------------
// 9. What the forms page offers the day the extension is signed (a PAR user's view, no attacker).
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("Extended in April: the first year's final triad meeting, not yet held, can still be written as year 1's",
          "[store][forms][second_year]")
{
    ReferredCase r;
    openClovis(r);
    // Year 1's initial triad meeting set the final meeting for 20 May 2027; the year-end report extending the case is
    // signed in April, before it.
    FormContent initial;
    initial.kind = FormKind::TriadMeeting;
    initial.fields = {{"meeting", "0"}, {"date", "2026-11-18"}, {"norms", "Agreed."}, {"scheduled.1", "2027-01-14"},
                      {"scheduled.2", "2027-03-11"}, {"scheduled.3", "2027-05-20"}};
    const Document summary = ok(FormService(*r.admin).save(r.caseId, initial));
    ok(FormService(*r.admin).sign(summary.id));
    r.syncAll();
    ok(FormService(*r.teacher).sign(summary.id));
    ok(FormService(*r.mentor).sign(summary.id));
    r.syncAll();
    extendOpenClovis(r); // 17 April 2027
    // 20 May 2027, still year 1 (year 2 begins 12 August): the final triad meeting of year 1 is held.
    r.d.clock = test::kNow + 183 * kDay;
    const auto starts = ok(FormService(*r.admin).startable(r.caseId));
    for (const auto &f : starts) UNSCOPED_INFO("offered " << f.title << " (year " << f.year << ")");
    CHECK(offers(*r.admin, r.caseId, FormKind::TriadMeeting, 1, 3));
    FormContent last;
    last.kind = FormKind::TriadMeeting;
    last.fields = {{"meeting", "3"}, {"date", "2027-05-20"}};
    const auto saved = FormService(*r.admin).save(r.caseId, last);
    REQUIRE(saved);
    CHECK(saved->form->field("year") == ""); // year 1's
}
