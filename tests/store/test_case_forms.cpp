// The PAR case's forms over real enrolled stores (tests/access/store_district.h), for each of the three seed districts:
// a referral opened by the site administrator and checked against the district's rule before it can be signed, the
// teacher's "I understand the reason for referral", enrolment by program staff, the memoranda, the standards of focus
// (which then order the case's focus), triad meeting summaries signed by the three of the triad, and the policy's
// records section refusing a volunteer case. Every signature is judged on the receiving device from the signer's
// certificate and signed fields: one claiming another's part, or moved to another version, never counts.
#include "case_form_specs.h"
#include "form_service.h"
#include "note_service.h"
#include "program_service.h"
#include "report_service.h"
#include "signature_service.h"
#include "signature_support.h"
#include "store_district.h"

#include <QDir>
#include <QFile>

using namespace triad;
using store::CaseService;
using store::FormService;
using store::FormView;
using store::LocalStore;
using test::codeOf;
using test::District;
using test::ReferredCase;
using test::filesOf;
using test::ok;
using test::send;

namespace {

std::string codeOf(const Status &s) { return s ? std::string("ok") : s.error().code; }


FormContent referralForm(std::map<std::string, std::string> ratings, bool permanent = true, int years = 6)
{
    FormContent f;
    f.kind = FormKind::Referral;
    f.fields = std::move(ratings);
    f.fields["appraisal_date"] = "2026-05-20";
    if (permanent) f.fields["permanent_status"] = "yes";
    f.fields["years_in_district"] = std::to_string(years);
    f.fields["reasons"] = "Overall ratings on the most recent appraisal; explained at the meeting of 2026-08-20.";
    f.tables["teaching_history"] = {{"2018-2026", "Kings River High School", "Grade 10 English"}};
    return f;
}

const FormView &only(const std::vector<FormView> &forms, FormKind kind)
{
    auto it = std::find_if(forms.begin(), forms.end(), [&](const FormView &f) { return f.content.kind == kind; });
    REQUIRE(it != forms.end());
    return *it;
}

// A form signature as a (possibly modified) client would write it: `role`'s part on `version`, signed by `signer`.
FormSignature signatureOn(const RecordId &caseId, const store::HeldReportVersion &version, FormKind form, CaseRole role, const RecordId &signer,
                          std::int64_t at)
{
    FormSignature s;
    s.id = RecordId::generate();
    s.caseId = caseId;
    s.documentId = version.document.id;
    s.sealedHash = version.sealedHash;
    s.plaintextHash = version.plaintextHash;
    s.form = form;
    s.role = role;
    s.signerId = signer;
    s.statement = formSignatureStatement(form, role);
    s.signedAtMs = at;
    return s;
}

} // namespace

TEST_CASE("Clovis: a referral is opened, refused while the rule refuses it, signed by both, then enrolled", "[store][forms]")
{
    ReferredCase r;
    const ParCase opened = ok(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Kings River High School", "Grade 10 / English",
                                                                 "clovis-unified"));
    r.caseId = opened.id;
    CHECK(opened.status == CaseStatus::Referral);
    CHECK(opened.mentorId.isNull());
    CHECK(opened.schoolYear == "2026-27");
    // Refused with a sentence: a teacher already referred here (the referral above is open), a person who is not a
    // participating teacher, a school written over two lines or left blank.
    auto again = CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Clovis West High School", "", "clovis-unified");
    REQUIRE_FALSE(again);
    CHECK(again.error().code == "case.already_in_par");
    CHECK(again.error().message.find("already in PAR at Kings River High School") != std::string::npos);
    CHECK(ok(CaseService(*r.admin).cases()).size() == 1);
    CHECK(codeOf(CaseService(*r.admin).openReferral(r.d.person(CaseRole::SiteAdministrator), "Kings River High School", "", "clovis-unified"))
          == "case.not_entitled");
    CHECK(codeOf(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Mentor), "Kings River High School", "", "clovis-unified")) == "case.not_entitled");
    auto twoLines = CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Kings River\n\x1b[2JHigh School", "", "clovis-unified");
    REQUIRE_FALSE(twoLines);
    CHECK(twoLines.error().code == "input.encoding");
    CHECK(codeOf(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "   ", "", "clovis-unified")) == "input.empty");
    CHECK(codeOf(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), std::string(201, 's'), "", "clovis-unified")) == "input.too_long");
    FormService forms(*r.admin);

    // Clovis's rating words are "Yes"/"No"; the stored values are the two ratings, and nothing else is an answer.
    FormContent bad = referralForm({{"standard.2", "No"}});
    CHECK(codeOf(forms.save(r.caseId, bad)) == "form.invalid");
    bad = referralForm({{"standard.9", "unsatisfactory"}});
    auto unknown = forms.save(r.caseId, bad);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.find("standard.9") != std::string::npos);

    // A "No" only on standard 7 does not qualify (Year-End Report: standards 1-6): the administrator cannot sign.
    const Document onlySeven = ok(forms.save(r.caseId, referralForm({{"standard.7", "unsatisfactory"}, {"standard.2", "satisfactory"}})));
    auto refused = forms.sign(onlySeven.id);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "referral.not_eligible");
    CHECK(refused.error().message.find("Clovis") != std::string::npos);

    // Not tenured: refused with that reason.
    const Document notTenured = ok(forms.save(r.caseId, referralForm({{"standard.2", "unsatisfactory"}}, false), onlySeven.lineageId, onlySeven.id));
    auto tenure = forms.sign(notTenured.id);
    REQUIRE_FALSE(tenure);
    CHECK(tenure.error().message.find("permanent") != std::string::npos);

    // Eligible: an overall "No" on standard 2. The administrator signs, the teacher reads it and signs.
    const Document eligible = ok(forms.save(r.caseId, referralForm({{"standard.2", "unsatisfactory"}, {"element.2.6", "unsatisfactory"}}),
                                            onlySeven.lineageId, notTenured.id));
    CHECK(codeOf(forms.sign(onlySeven.id)) == "document.stale"); // an old version is not signed
    ok(forms.sign(eligible.id));
    CHECK(codeOf(forms.sign(eligible.id)) == "form.already_signed");
    auto decision = ok(forms.referralDecision(r.caseId));
    REQUIRE(decision);
    CHECK(decision->outcome == policy::ReferralDecision::EligibleForReferral);

    r.syncAll();
    FormService teacherForms(*r.teacher);
    const FormView seen = only(ok(teacherForms.forms(r.caseId)), FormKind::Referral);
    CHECK(seen.versionId == eligible.id);
    CHECK(seen.signatures.count(CaseRole::SiteAdministrator) == 1);
    CHECK(seen.signatures.count(CaseRole::Teacher) == 0);
    // The teacher signs electronically only under the electronic-records agreement.
    CHECK(codeOf(teacherForms.sign(eligible.id)) == "signature.no_agreement");
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    ok(teacherForms.sign(eligible.id));
    const FormView bothSigned = only(ok(teacherForms.forms(r.caseId)), FormKind::Referral);
    CHECK(bothSigned.fullySigned());
    CHECK(bothSigned.signatures.at(CaseRole::Teacher).statement
          == "I understand the reason for referral to the Peer Assistance and Review (PAR) program.");

    // The mentor of another case cannot sign it; the director of induction signs no referral.
    CHECK(codeOf(FormService(*r.mentor).sign(eligible.id)) != "ok");
    r.syncAll();
    CHECK(codeOf(FormService(*r.director).sign(eligible.id)) == "form.not_signer");

    // Program staff enrol: the mentor is named, the case becomes active, and the mentor reads the referral.
    CHECK(codeOf(CaseService(*r.admin).enrol(r.caseId, r.d.person(CaseRole::Mentor))) == "case.not_entitled");
    REQUIRE(CaseService(*r.director).enrol(r.caseId, r.d.person(CaseRole::Mentor)).ok());
    CHECK(codeOf(CaseService(*r.director).enrol(r.caseId, r.d.person(CaseRole::Mentor))) == "case.not_a_referral");
    r.syncAll();
    const ParCase enrolled = ok(CaseService(*r.mentor).parCase(r.caseId));
    CHECK(enrolled.status == CaseStatus::Active);
    CHECK(enrolled.mentorId == r.d.person(CaseRole::Mentor));
    CHECK(enrolled.enrolledAtMs > 0);
    CHECK(enrolled.formerMentors.empty());
    const FormView mentorSees = only(ok(FormService(*r.mentor).forms(r.caseId)), FormKind::Referral);
    CHECK(mentorSees.fullySigned());
}

TEST_CASE("Memoranda, standards of focus and a triad meeting summary: each signer signs their part, once, on the current version",
          "[store][forms]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"1"}, "clovis-unified");
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));

    // Each party's memorandum, written and signed by that party; nobody signs another's.
    for (auto [kind, who] : {std::pair{FormKind::TeacherMou, r.teacher.get()}, std::pair{FormKind::MentorMou, r.mentor.get()},
                             std::pair{FormKind::AdministratorMou, r.admin.get()}}) {
        FormContent mou;
        mou.kind = kind;
        const Document written = ok(FormService(*who).save(r.caseId, mou));
        ok(FormService(*who).sign(written.id));
        r.syncAll();
        for (LocalStore *other : {r.teacher.get(), r.mentor.get(), r.admin.get()})
            if (other != who) CHECK(codeOf(FormService(*other).sign(written.id)) == "form.not_signer");
    }
    const auto mous = ok(FormService(*r.director).forms(r.caseId));
    CHECK(std::count_if(mous.begin(), mous.end(), [](const FormView &f) { return f.fullySigned(); }) == 3);
    // The spec carries the district's commitments: Clovis meets once each week and contacts within two weeks.
    const auto mentorSpec = ok(FormService(*r.mentor).specFor(r.caseId, FormKind::MentorMou));
    CHECK(std::find(mentorSpec.commitments.begin(), mentorSpec.commitments.end(), "Contact the PAR Teacher within two weeks of being paired.")
          != mentorSpec.commitments.end());

    // Standards of focus: only the site administrator checks them; once signed they are the case's focus.
    FormContent focus;
    focus.kind = FormKind::StandardsOfFocus;
    focus.fields = {{"focus.5.3", "yes"}, {"focus.2", "yes"}, {"focus.2.6", "yes"}};
    CHECK(codeOf(FormService(*r.mentor).save(r.caseId, focus)) == "document.not_entitled");
    const Document focusForm = ok(FormService(*r.admin).save(r.caseId, focus));
    CHECK(ok(FormService(*r.admin).standardsOfFocus(r.caseId)) == std::vector<std::string>{"1"}); // not signed yet: the case's
    ok(FormService(*r.admin).sign(focusForm.id));
    r.syncAll();
    CHECK(ok(FormService(*r.mentor).standardsOfFocus(r.caseId)) == std::vector<std::string>{"2", "2.6", "5.3"});

    // The initial triad meeting: required answers first, then the three sign on their own devices.
    FormContent initial;
    initial.kind = FormKind::TriadMeeting;
    initial.fields = {{"meeting", "0"}, {"date", "2026-09-10"}, {"agenda.1", "yes"}};
    const Document draft = ok(FormService(*r.admin).save(r.caseId, initial));
    auto incomplete = FormService(*r.admin).sign(draft.id);
    REQUIRE_FALSE(incomplete);
    CHECK(incomplete.error().code == "form.incomplete");
    CHECK(incomplete.error().message.find("Progress-Monitoring Triad Meeting #1") != std::string::npos);
    initial.fields["norms"] = "Start on time; phones away; one topic at a time.";
    initial.fields["scheduled.1"] = "2026-11-05";
    initial.fields["scheduled.2"] = "2027-01-28";
    initial.fields["scheduled.3"] = "2027-04-22";
    const Document summary = ok(FormService(*r.admin).save(r.caseId, initial, draft.lineageId, draft.id));
    ok(FormService(*r.admin).sign(summary.id));
    r.syncAll();
    ok(FormService(*r.teacher).sign(summary.id));
    ok(FormService(*r.mentor).sign(summary.id));
    r.syncAll();
    FormView signedNow = only(ok(FormService(*r.admin).forms(r.caseId)), FormKind::TriadMeeting);
    CHECK(signedNow.fullySigned());
    CHECK(signedNow.spec.title == "PAR Initial Triad Meeting Summary");

    // Edited after the signatures: the new version is unsigned, and the earlier signatures are shown as such.
    initial.fields["norms"] += " Agenda sent a day ahead.";
    const Document edited = ok(FormService(*r.mentor).save(r.caseId, initial, summary.lineageId, summary.id));
    r.syncAll();
    const FormView after = only(ok(FormService(*r.teacher).forms(r.caseId)), FormKind::TriadMeeting);
    CHECK(after.versionId == edited.id);
    CHECK(after.signatures.empty());
    CHECK(after.signedEarlier == std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator});
}

TEST_CASE("A forged form signature — another's part, or moved to another version — is held but never counts", "[store][forms][access]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {}, "clovis-unified");
    FormContent mou;
    mou.kind = FormKind::TeacherMou;
    r.syncAll();
    const Document teacherMou = ok(FormService(*r.teacher).save(r.caseId, mou));
    r.syncAll();
    auto held = ok(store::DocumentStore(*r.mentor).heldVersion(teacherMou.id));

    // The mentor writes a signature claiming to sign the teacher's memorandum as the teacher.
    const FormSignature forged = signatureOn(r.caseId, held, FormKind::TeacherMou, CaseRole::Teacher, r.d.person(CaseRole::Mentor), r.d.clock);
    auto everyone = ok(store::DocumentStore(*r.mentor).keysFor(ok(CaseService(*r.mentor).parCase(r.caseId)),
                                                               {CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator}));
    REQUIRE(r.mentor->writeRecordFor(everyone, RecordType::FormSignature, forged.id, r.caseId, teacherMou.id, r.d.clock, encodePayload(forged)).ok());

    // And a signature of the teacher's, for other bytes (as if moved from another version).
    FormSignature moved = forged;
    moved.id = RecordId::generate();
    moved.signerId = r.d.person(CaseRole::Teacher);
    moved.sealedHash[0] ^= 1;
    REQUIRE(r.teacher->writeRecordFor(everyone, RecordType::FormSignature, moved.id, r.caseId, teacherMou.id, r.d.clock, encodePayload(moved)).ok());
    r.syncAll();

    for (LocalStore *reader : {r.admin.get(), r.teacher.get(), r.mentor.get()}) {
        const auto checks = ok(FormService(*reader).checkSignatures(teacherMou.id));
        REQUIRE(checks.size() == 2);
        std::set<std::string> codes;
        for (const auto &c : checks) codes.insert(c.verdict.code);
        CHECK(codes == std::set<std::string>{"formsig.not_signer", "formsig.other_bytes"});
        CHECK_FALSE(only(ok(FormService(*reader).forms(r.caseId)), FormKind::TeacherMou).fullySigned());
    }
    // The teacher's own signature still counts.
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    ok(FormService(*r.teacher).sign(teacherMou.id));
    r.syncAll();
    CHECK(only(ok(FormService(*r.admin).forms(r.caseId)), FormKind::TeacherMou).fullySigned());
}

TEST_CASE("Each district's rules come from its policy: rating words, catalogue, triad meetings, volunteers", "[store][forms][policy]")
{
    SECTION("Clovis accepts no volunteers: the case is refused with the district's reason")
    {
        District d;
        auto mentor = d.device("mentor", CaseRole::Mentor);
        ParCase c;
        c.id = d.caseId;
        c.kind = CaseKind::Volunteer;
        c.teacherId = d.person(CaseRole::Teacher);
        c.mentorId = d.person(CaseRole::Mentor);
        c.school = "Kings River High School";
        c.districtPolicyId = "clovis-unified";
        auto refused = CaseService(*mentor).saveCase(c);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == "case.volunteers_not_accepted");
        CHECK(refused.error().message.find("Clovis Unified School District accepts no volunteer") != std::string::npos);
        CHECK(ok(CaseService(*mentor).cases()).empty());
        c.districtPolicyId = "district-002"; // the contract article takes volunteers
        CHECK(CaseService(*mentor).saveCase(c).ok());
        c.id = RecordId::generate();
        c.districtPolicyId = "no-such-district";
        CHECK(codeOf(CaseService(*mentor).saveCase(c)) == "policy.unknown");
    }
    SECTION("District 002: mandated vs encouraged profiles; no standard 7; two triad meetings")
    {
        ReferredCase r;
        r.caseId = ok(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Valley Middle School", "Grade 7 / Science", "district-002")).id;
        FormService forms(*r.admin);
        CHECK(codeOf(forms.save(r.caseId, referralForm({{"standard.7", "unsatisfactory"}}))) == "form.invalid");
        const Document one = ok(forms.save(r.caseId, referralForm({{"element.4.2", "unsatisfactory"}})));
        auto encouraged = forms.sign(one.id);
        REQUIRE_FALSE(encouraged);
        CHECK(encouraged.error().message.find("encouraged") != std::string::npos);
        // Two unsatisfactory ratings in three domains: participation required.
        const Document mandated = ok(forms.save(
            r.caseId,
            referralForm({{"element.1.1", "unsatisfactory"}, {"element.1.2", "unsatisfactory"}, {"element.3.1", "unsatisfactory"},
                          {"element.3.2", "unsatisfactory"}, {"element.5.1", "unsatisfactory"}, {"element.5.2", "unsatisfactory"}}),
            one.lineageId, one.id));
        ok(forms.sign(mandated.id));
        CHECK(ok(forms.referralDecision(r.caseId))->outcome == policy::ReferralDecision::ParticipationRequired);
        const auto spec = ok(forms.specFor(r.caseId, FormKind::TriadMeeting, 0));
        CHECK(spec.field("scheduled.1") != nullptr);
        CHECK(spec.field("scheduled.2") == nullptr); // 002 has two meetings: the initial one schedules one more
        CHECK(ok(forms.specFor(r.caseId, FormKind::StandardsOfFocus)).field("focus.7") == nullptr);
        const auto mentorMou = ok(forms.specFor(r.caseId, FormKind::MentorMou));
        CHECK(std::find(mentorMou.commitments.begin(), mentorMou.commitments.end(),
                        "Meet with the PAR Teacher a minimum of twice each month.") != mentorMou.commitments.end());
        // The panel's decision in the article's words (11.6.1): both end the cycle; there is no extension.
        const auto decision = ok(forms.specFor(r.caseId, FormKind::PanelDecision));
        REQUIRE(decision.field("outcome") != nullptr);
        std::vector<std::string> outcomes;
        for (const auto &c : decision.field("outcome")->choices) outcomes.push_back(c.value);
        CHECK(outcomes == std::vector<std::string>{"satisfactory_improvement", "not_able_to_improve"});
        CHECK(decision.field("outcome")->choices.back().label.find("forwards the teacher's name to the governing board") != std::string::npos);
    }
    SECTION("District 004: three of six standards unsatisfactory, not two")
    {
        ReferredCase r;
        r.caseId = ok(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Lincoln Elementary", "Grade 3", "district-004")).id;
        FormService forms(*r.admin);
        const Document two = ok(forms.save(r.caseId, referralForm({{"standard.1", "unsatisfactory"}, {"standard.4", "unsatisfactory"}})));
        CHECK(codeOf(forms.sign(two.id)) == "referral.not_eligible");
        const Document three = ok(forms.save(
            r.caseId, referralForm({{"standard.1", "unsatisfactory"}, {"standard.4", "unsatisfactory"}, {"standard.5", "unsatisfactory"}}),
            two.lineageId, two.id));
        ok(forms.sign(three.id));
        const auto mentorMou = ok(forms.specFor(r.caseId, FormKind::MentorMou));
        CHECK(std::find(mentorMou.commitments.begin(), mentorMou.commitments.end(),
                        "Contact the PAR Teacher within 10 working days of being paired.") != mentorMou.commitments.end());
    }
    SECTION("A volunteer case keeps no referral and no year-end report")
    {
        District d;
        auto mentor = d.device("mentor", CaseRole::Mentor);
        d.openCase(*mentor, CaseKind::Volunteer, {}, "district-004");
        FormContent ye;
        ye.kind = FormKind::YearEndReport;
        CHECK(codeOf(FormService(*mentor).save(d.caseId, ye)) == "form.not_applicable");
        FormContent log;
        log.kind = FormKind::MeetingLog;
        log.fields = {{"date", "2026-09-14"}, {"kind", "meeting"}, {"work", "Planned the first unit's formative checks."}};
        const Document written = ok(FormService(*mentor).save(d.caseId, log));
        ok(FormService(*mentor).sign(written.id));
        const FormView seen = only(ok(FormService(*mentor).forms(d.caseId)), FormKind::MeetingLog);
        CHECK(seen.signers == std::set<CaseRole>{CaseRole::Mentor});
        CHECK(seen.fullySigned());
    }
}

TEST_CASE("The year-end report extends only when the district's extension rule holds, and says why not", "[store][forms][policy]")
{
    auto yearEnd = [](std::map<std::string, std::string> fields) {
        FormContent f;
        f.kind = FormKind::YearEndReport;
        f.fields = std::move(fields);
        f.fields["determination"] = "extend";
        return f;
    };
    SECTION("Clovis: an overall \"No\" on standards 1-6, the teacher willing, year-2 standards of focus")
    {
        ReferredCase r;
        r.caseId = r.d.caseId;
        r.d.openCase(*r.mentor, CaseKind::Referred, {}, "clovis-unified");
        r.syncAll();
        FormService forms(*r.admin);
        // In the autumn of the first year (PAR since 2026-09-01) nothing is extended yet, whatever the ratings.
        const Document early =
            ok(forms.save(r.caseId, yearEnd({{"standard.2", "unsatisfactory"}, {"teacher_willing", "yes"}, {"year2_focus", "yes"}})));
        auto tooEarly = forms.sign(early.id);
        REQUIRE_FALSE(tooEarly);
        CHECK(tooEarly.error().code == "extension.not_allowed");
        CHECK(tooEarly.error().message.find("Not met: an extension of 1 school year is decided at the end of a school year (April to June)")
              != std::string::npos);
        r.d.clock += 150LL * 24 * 3600 * 1000; // April: the year-end determination
        const Document onlySeven =
            ok(forms.save(r.caseId, yearEnd({{"standard.7", "unsatisfactory"}, {"teacher_willing", "yes"}}), early.lineageId, early.id));
        auto refused = forms.sign(onlySeven.id);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == "extension.not_allowed");
        CHECK(refused.error().message.find("Not met") != std::string::npos);
        const Document unwilling = ok(forms.save(r.caseId, yearEnd({{"standard.2", "unsatisfactory"}}), onlySeven.lineageId, onlySeven.id));
        auto noWill = forms.sign(unwilling.id);
        REQUIRE_FALSE(noWill);
        CHECK(noWill.error().message.find("willing") != std::string::npos);
        const Document noFocus =
            ok(forms.save(r.caseId, yearEnd({{"standard.2", "unsatisfactory"}, {"teacher_willing", "yes"}}), onlySeven.lineageId, unwilling.id));
        CHECK(codeOf(forms.sign(noFocus.id)) == "form.incomplete");
        const Document allowed = ok(forms.save(
            r.caseId, yearEnd({{"standard.2", "unsatisfactory"}, {"teacher_willing", "yes"}, {"year2_focus", "yes"}}), onlySeven.lineageId, noFocus.id));
        ok(forms.sign(allowed.id));
    }
    SECTION("District 002 has no extension: the form offers none")
    {
        ReferredCase r;
        r.caseId = r.d.caseId;
        r.d.openCase(*r.mentor, CaseKind::Referred, {}, "district-002");
        r.syncAll();
        auto refused = FormService(*r.admin).save(r.caseId, yearEnd({}));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == "form.invalid");
        const auto spec = ok(FormService(*r.admin).specFor(r.caseId, FormKind::YearEndReport));
        CHECK(spec.field("determination")->choices.size() == 1);
        CHECK(spec.field("year2_focus") == nullptr);
    }
    SECTION("District 002: the panel's meetings from its policy are deadlines for the reports' copies")
    {
        ReferredCase r;
        r.caseId = r.d.caseId;
        r.d.openCase(*r.mentor, CaseKind::Referred, {}, "district-002"); // started 2026-09-01
        r.syncAll();
        const auto all = ok(FormService(*r.mentor).deadlines(r.caseId));
        std::vector<std::string> panels;
        for (const auto &d : all)
            if (d.key.rfind("panel_copies:", 0) == 0) panels.push_back(d.key);
        // program.panel_meetings lists 2026-10-14, 2026-12-09, 2027-03-10 and 2027-05-12. The first report is due six
        // weeks after the start, 2026-10-13: copies for 2026-10-14 would be due on 10-07, before any report was, so none.
        CHECK(panels == std::vector<std::string>{"panel_copies:2026-12-09", "panel_copies:2027-03-10", "panel_copies:2027-05-12"});
        const auto first = std::find_if(all.begin(), all.end(), [](const policy::Deadline &d) { return d.key == "panel_copies:2026-12-09"; });
        REQUIRE(first != all.end());
        CHECK(first->due == QDate(2026, 12, 2)); // five working days before Wed 9 Dec: Wed 2 Dec
        CHECK(first->who == policy::Responsible::Mentor);
        // Clovis's policy has no panel lead time: none.
        ReferredCase clovis;
        clovis.caseId = clovis.d.caseId;
        clovis.d.openCase(*clovis.mentor, CaseKind::Referred, {}, "clovis-unified");
        clovis.syncAll();
        for (const auto &d : ok(FormService(*clovis.mentor).deadlines(clovis.caseId))) CHECK(d.key.rfind("panel_copies:", 0) != 0);
    }
    SECTION("District 004: the panel's finding, within three semesters")
    {
        ReferredCase r;
        r.caseId = r.d.caseId;
        r.d.openCase(*r.mentor, CaseKind::Referred, {}, "district-004");
        r.syncAll();
        r.d.clock += 200LL * 24 * 3600 * 1000; // after the two semesters
        FormService forms(*r.admin);
        const Document noFinding = ok(forms.save(r.caseId, yearEnd({{"year2_focus", "yes"}})));
        CHECK(codeOf(forms.sign(noFinding.id)) == "extension.not_allowed");
        const Document finding = ok(forms.save(r.caseId, yearEnd({{"year2_focus", "yes"}, {"panel_finding", "yes"}}), noFinding.lineageId, noFinding.id));
        ok(forms.sign(finding.id));
    }
}

TEST_CASE("A teacher whose support was discontinued by the year-end report may be referred again", "[store][forms]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"2"}, "clovis-unified");
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    CHECK(codeOf(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Kings River High School", "", "clovis-unified"))
          == "case.already_in_par");
    r.d.clock += 150LL * 24 * 3600 * 1000;
    FormContent yearEnd;
    yearEnd.kind = FormKind::YearEndReport;
    yearEnd.fields = {{"determination", "discontinue"}};
    const Document report = ok(FormService(*r.admin).save(r.caseId, yearEnd));
    ok(FormService(*r.admin).sign(report.id));
    r.syncAll();
    ok(FormService(*r.teacher).sign(report.id));
    // Two of three signatures: the determination is not in force, the case is open.
    r.syncAll();
    CHECK(ok(CaseService(*r.admin).openReferredCases()).size() == 1);
    ok(FormService(*r.mentor).sign(report.id));
    r.syncAll();
    CHECK(ok(CaseService(*r.admin).openReferredCases()).empty());
    // The stored status is still Active: the signed determination decides. Referred again, under another policy too;
    // the new referral then blocks a third, whatever its policy.
    CHECK(ok(CaseService(*r.admin).parCase(r.caseId)).status == CaseStatus::Active);
    const ParCase next = ok(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Kings River High School", "Grade 10", "district-002"));
    CHECK(next.status == CaseStatus::Referral);
    CHECK(ok(CaseService(*r.admin).openReferredCases()).size() == 1);
    CHECK(codeOf(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Buchanan High School", "", "clovis-unified")) == "case.already_in_par");
}

TEST_CASE("A form begun after the case ended counts for nothing on any device, and is not signed: a modified client cannot revive it",
          "[store][forms][access]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"2"}, "clovis-unified");
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    // A progress-monitoring summary begun while the case runs; the teacher has not signed it yet.
    FormContent meeting;
    meeting.kind = FormKind::TriadMeeting;
    meeting.fields = {{"meeting", "1"}, {"date", "2026-11-18"}, {"progress", "Warm-ups are posted daily."}};
    const Document before = ok(FormService(*r.admin).save(r.caseId, meeting));
    ok(FormService(*r.admin).sign(before.id));
    r.syncAll();
    ok(FormService(*r.mentor).sign(before.id));
    // April: the year-end report discontinues support, signed by the three.
    r.d.clock += 150LL * 24 * 3600 * 1000;
    FormContent yearEnd;
    yearEnd.kind = FormKind::YearEndReport;
    yearEnd.fields = {{"determination", "discontinue"}};
    const Document report = ok(FormService(*r.admin).save(r.caseId, yearEnd));
    ok(FormService(*r.admin).sign(report.id));
    r.syncAll();
    ok(FormService(*r.teacher).sign(report.id));
    ok(FormService(*r.mentor).sign(report.id));
    r.syncAll();
    CHECK(ok(CaseService(*r.admin).openReferredCases()).empty());

    // A week later the administrator's modified client writes a year-end report extending support, past the app's
    // refusal (save: "form.case_ended"), and signatures of all three on it, each forged on its signer's own device.
    r.d.clock += 7LL * 24 * 3600 * 1000;
    FormContent revive;
    revive.kind = FormKind::YearEndReport;
    revive.fields = {{"determination", "extend"}, {"standard.2", "unsatisfactory"}, {"teacher_willing", "yes"}, {"year2_focus", "yes"}};
    CHECK(codeOf(FormService(*r.admin).save(r.caseId, revive)) == "form.case_ended");
    const Document rogue = ok(store::DocumentStore(*r.admin).write(r.caseId, DocumentType::YearEndReport, renderFormText(revive), std::nullopt,
                                                                  std::nullopt, revive));
    r.syncAll();
    // The app does not sign it, on any device.
    CHECK(codeOf(FormService(*r.teacher).sign(rogue.id)) == "form.case_ended");
    CHECK(codeOf(FormService(*r.mentor).sign(rogue.id)) == "form.case_ended");
    auto held = ok(store::DocumentStore(*r.admin).heldVersion(rogue.id));
    auto forge = [&](LocalStore &on, CaseRole role) {
        const FormSignature sig = signatureOn(r.caseId, held, FormKind::YearEndReport, role, on.owner().id, r.d.clock);
        auto keys = ok(store::DocumentStore(on).keysFor(ok(CaseService(on).parCase(r.caseId)),
                                                        {CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction}));
        REQUIRE(on.writeRecordFor(keys, RecordType::FormSignature, sig.id, r.caseId, rogue.id, r.d.clock, encodePayload(sig)).ok());
    };
    forge(*r.admin, CaseRole::SiteAdministrator);
    forge(*r.teacher, CaseRole::Teacher);
    forge(*r.mentor, CaseRole::Mentor);
    r.syncAll();
    // The signature the teacher still owed on the summary begun before the end counts (a form begun can be signed).
    ok(FormService(*r.teacher).sign(before.id));
    r.syncAll();
    for (LocalStore *device : {r.admin.get(), r.teacher.get(), r.mentor.get()}) {
        const auto all = ok(FormService(*device).forms(r.caseId));
        const auto seen = std::find_if(all.begin(), all.end(), [&](const FormView &f) { return f.lineageId == rogue.lineageId; });
        REQUIRE(seen != all.end());
        CHECK(seen->afterEnd);
        CHECK_FALSE(seen->fullySigned());
        CHECK(seen->signatures.empty());
        CHECK(seen->invalidReason.find("after the case's PAR support ended") != std::string::npos);
        CHECK(ok(FormService(*device).form(rogue.id)).afterEnd); // opened alone, the same judgement
        const auto summary = std::find_if(all.begin(), all.end(), [&](const FormView &f) { return f.lineageId == before.lineageId; });
        REQUIRE(summary != all.end());
        CHECK(summary->fullySigned());
        CHECK_FALSE(summary->afterEnd);
        // The case stays discontinued: no second year, nothing due.
        CHECK(ok(FormService(*device).determined(ok(CaseService(*device).parCase(r.caseId)))).status == CaseStatus::Discontinued);
        CHECK_FALSE(ok(FormService(*device).secondYear(r.caseId)).has_value());
        CHECK(ok(FormService(*device).deadlines(r.caseId)).empty());
    }
    CHECK(ok(CaseService(*r.admin).openReferredCases()).empty());
}

TEST_CASE("A determination begun before the end and signed after it reverses it; the forms after that count again", "[store][forms]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"2"}, "clovis-unified");
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    r.d.clock += 150LL * 24 * 3600 * 1000; // April 2027
    // Two year-end reports begun the same day (the second by a client that did not see the first): one discontinues,
    // one extends. The discontinuing one is signed by all first.
    FormContent discontinue;
    discontinue.kind = FormKind::YearEndReport;
    discontinue.fields = {{"determination", "discontinue"}};
    const Document first = ok(FormService(*r.admin).save(r.caseId, discontinue));
    FormContent extend;
    extend.kind = FormKind::YearEndReport;
    extend.fields = {{"determination", "extend"}, {"standard.2", "unsatisfactory"}, {"teacher_willing", "yes"}, {"year2_focus", "yes"}};
    const Document second = ok(store::DocumentStore(*r.admin).write(r.caseId, DocumentType::YearEndReport, renderFormText(extend), std::nullopt,
                                                                   std::nullopt, extend));
    r.syncAll();
    for (LocalStore *s : {r.admin.get(), r.teacher.get(), r.mentor.get()}) ok(FormService(*s).sign(first.id));
    r.syncAll();
    CHECK(ok(FormService(*r.mentor).determined(ok(CaseService(*r.mentor).parCase(r.caseId)))).status == CaseStatus::Discontinued);
    // A day later the three sign the extending one, begun before the end: the newest determination decides.
    r.d.clock += 24LL * 3600 * 1000;
    for (LocalStore *s : {r.admin.get(), r.teacher.get(), r.mentor.get()}) {
        r.syncAll();
        ok(FormService(*s).sign(second.id));
    }
    r.syncAll();
    CHECK(ok(FormService(*r.mentor).determined(ok(CaseService(*r.mentor).parCase(r.caseId)))).status == CaseStatus::Extended);
    // The case is open again: a form begun now (year 2's standards of focus) counts and is signed.
    r.d.clock += 24LL * 3600 * 1000;
    FormContent focus2;
    focus2.kind = FormKind::StandardsOfFocus;
    focus2.fields = {{"focus.2.6", "yes"}};
    const Document focus = ok(FormService(*r.admin).save(r.caseId, focus2));
    ok(FormService(*r.admin).sign(focus.id));
    r.syncAll();
    for (LocalStore *s : {r.admin.get(), r.teacher.get(), r.mentor.get()}) {
        const FormView seen = ok(FormService(*s).form(focus.lineageId));
        CHECK_FALSE(seen.afterEnd);
        CHECK(seen.fullySigned());
    }
}

TEST_CASE("An extended case's second year: its own standards of focus, triad meetings, year-end report and deadlines", "[store][forms][policy]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"2"}, "clovis-unified"); // PAR since 2026-09-01
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    auto startable = [&](LocalStore &s) {
        std::vector<std::pair<FormKind, int>> out;
        for (const auto &f : ok(FormService(s).startable(r.caseId))) out.push_back({f.kind, f.year});
        return out;
    };
    auto offers = [&](LocalStore &s, FormKind kind, int year) {
        const auto list = startable(s);
        return std::find(list.begin(), list.end(), std::pair{kind, year}) != list.end();
    };
    // Year 1: the standards of focus signed; no second year.
    FormContent focus;
    focus.kind = FormKind::StandardsOfFocus;
    focus.fields = {{"focus.2", "yes"}};
    ok(FormService(*r.admin).sign(ok(FormService(*r.admin).save(r.caseId, focus)).id));
    CHECK_FALSE(offers(*r.admin, FormKind::StandardsOfFocus, 1));
    CHECK_FALSE(offers(*r.admin, FormKind::StandardsOfFocus, 2));
    CHECK_FALSE(ok(FormService(*r.admin).secondYear(r.caseId)).has_value());
    FormContent yearTwoTooSoon = focus;
    yearTwoTooSoon.fields["year"] = "2";
    CHECK(codeOf(FormService(*r.admin).save(r.caseId, yearTwoTooSoon)) == "form.invalid"); // the case is in its first year

    // April 2027: the year-end report extends PAR for another year, signed by the three.
    r.d.clock += 150LL * 24 * 3600 * 1000;
    FormContent yearEnd;
    yearEnd.kind = FormKind::YearEndReport;
    yearEnd.fields = {{"determination", "extend"}, {"standard.2", "unsatisfactory"}, {"teacher_willing", "yes"}, {"year2_focus", "yes"}};
    const Document extension = ok(FormService(*r.admin).save(r.caseId, yearEnd));
    CHECK(extension.form->fields.count("year") == 0); // a first-year form says nothing of its year
    ok(FormService(*r.admin).sign(extension.id));
    r.syncAll();
    // Signed by the administrator alone, the extension is not in force: still the first year.
    CHECK_FALSE(ok(FormService(*r.mentor).secondYear(r.caseId)).has_value());
    ok(FormService(*r.teacher).sign(extension.id));
    ok(FormService(*r.mentor).sign(extension.id));
    r.syncAll();

    for (LocalStore *device : {r.admin.get(), r.mentor.get(), r.teacher.get()}) {
        const auto second = ok(FormService(*device).secondYear(r.caseId));
        REQUIRE(second.has_value());
        CHECK(second->start == QDate(2027, 8, 12)); // the first day of 2027-28 (Clovis's 2026-27 calendar moved a year)
    }
    // The yearly forms start again for year 2, with the year in their titles; the memoranda and the referral do not.
    CHECK(offers(*r.admin, FormKind::StandardsOfFocus, 2));
    CHECK(offers(*r.admin, FormKind::YearEndReport, 2));
    // A triad meeting the first year does not have is still the first year's until the second begins (12 August).
    CHECK(offers(*r.admin, FormKind::TriadMeeting, 1));
    CHECK_FALSE(offers(*r.admin, FormKind::TriadMeeting, 2));
    CHECK_FALSE(offers(*r.admin, FormKind::YearEndReport, 1));
    const auto starts = ok(FormService(*r.admin).startable(r.caseId));
    const auto focusStart = std::find_if(starts.begin(), starts.end(), [](const store::FormStart &f) { return f.kind == FormKind::StandardsOfFocus; });
    REQUIRE(focusStart != starts.end());
    CHECK(focusStart->title == "Year 2 PAR Standards of Focus");
    CHECK(ok(FormService(*r.admin).specFor(r.caseId, FormKind::TriadMeeting, 0)).title == "PAR Initial Triad Meeting Summary");

    // Year 2's standards of focus: the year is set by the service, kept on edits, and never changed by an answer.
    FormContent focus2;
    focus2.kind = FormKind::StandardsOfFocus;
    focus2.fields = {{"focus.2.6", "yes"}, {"focus.5", "yes"}};
    const Document second = ok(FormService(*r.admin).save(r.caseId, focus2));
    CHECK(second.form->field("year") == "2");
    FormContent backToOne = focus2;
    backToOne.fields["year"] = "1";
    CHECK(codeOf(FormService(*r.admin).save(r.caseId, backToOne, second.lineageId, second.id)) == "form.invalid");
    FormContent badYear = focus2;
    badYear.fields["year"] = "two";
    CHECK(codeOf(FormService(*r.admin).save(r.caseId, badYear, second.lineageId, second.id)) == "form.invalid");
    const Document edited = ok(FormService(*r.admin).save(r.caseId, focus2, second.lineageId, second.id));
    CHECK(edited.form->field("year") == "2");
    ok(FormService(*r.admin).sign(edited.id));
    r.syncAll();
    CHECK(ok(FormService(*r.mentor).standardsOfFocus(r.caseId)) == std::vector<std::string>{"2.6", "5"});
    CHECK_FALSE(offers(*r.admin, FormKind::StandardsOfFocus, 2));
    // Extended, the case is still open: the teacher is not referred again.
    CHECK(codeOf(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Clovis West High School", "", "clovis-unified"))
          == "case.already_in_par");
    // A memorandum is not a yearly form: an answer naming a year is refused.
    FormContent mou;
    mou.kind = FormKind::TeacherMou;
    mou.fields["year"] = "2";
    CHECK(codeOf(FormService(*r.teacher).save(r.caseId, mou)) == "form.invalid");

    // Deadlines: the first year's reporting closed by its year-end report; the second year's run from 2027-08-12.
    r.d.clock = test::kNow + 320LL * 24 * 3600 * 1000; // 4 October 2027, inside the certificates
    CHECK(offers(*r.admin, FormKind::TriadMeeting, 2));
    CHECK(ok(FormService(*r.admin).specFor(r.caseId, FormKind::TriadMeeting, 0)).title == "Year 2 PAR Initial Triad Meeting Summary");
    const auto all = ok(FormService(*r.mentor).deadlines(r.caseId));
    auto find = [&](const std::string &key) -> const policy::Deadline * {
        auto it = std::find_if(all.begin(), all.end(), [&](const policy::Deadline &d) { return d.key == key; });
        return it == all.end() ? nullptr : &*it;
    };
    const policy::Deadline *report = find("year2:report:1");
    REQUIRE(report);
    CHECK(report->opens == QDate(2027, 8, 12));
    CHECK(report->detail.rfind("Year 2: Report 1", 0) == 0);
    const policy::Deadline *firstYearFinal = find("final_report");
    REQUIRE(firstYearFinal);
    CHECK(firstYearFinal->state == policy::DeadlineState::Done);
    const policy::Deadline *finalReport = find("year2:final_report");
    REQUIRE(finalReport);
    CHECK(finalReport->due == QDate(2028, 6, 2)); // no last triad meeting scheduled yet: the last school day of 2027-28
    CHECK(finalReport->state == policy::DeadlineState::Due);
    for (const auto &d : all)
        if (d.key.rfind("report:", 0) == 0) CHECK(d.due < QDate(2027, 8, 12)); // no first-year report after the year ended
    // The second year's initial triad meeting, scheduled there, and its final meeting then fixes the final report.
    FormContent initial;
    initial.kind = FormKind::TriadMeeting;
    initial.fields = {{"meeting", "0"}, {"date", "2027-09-09"}, {"norms", "As in year 1."}, {"scheduled.1", "2027-11-04"},
                      {"scheduled.2", "2028-01-27"}, {"scheduled.3", "2028-04-20"}};
    const Document summary = ok(FormService(*r.admin).save(r.caseId, initial));
    CHECK(summary.form->field("year") == "2");
    ok(FormService(*r.admin).sign(summary.id));
    r.syncAll();
    ok(FormService(*r.teacher).sign(summary.id));
    ok(FormService(*r.mentor).sign(summary.id));
    r.syncAll();
    const auto after = ok(FormService(*r.mentor).deadlines(r.caseId));
    auto findAfter = [&](const std::string &key) -> const policy::Deadline * {
        auto it = std::find_if(after.begin(), after.end(), [&](const policy::Deadline &d) { return d.key == key; });
        return it == after.end() ? nullptr : &*it;
    };
    REQUIRE(findAfter("year2:triad:1"));
    CHECK(findAfter("year2:triad:1")->state == policy::DeadlineState::Done);
    REQUIRE(findAfter("year2:triad:2"));
    CHECK(findAfter("year2:triad:2")->due == QDate(2027, 11, 4));
    REQUIRE(findAfter("year2:final_report"));
    CHECK(findAfter("year2:final_report")->due == QDate(2028, 4, 20));
    // Year 2's initial meeting is held: not offered again; year 1's is not offered either.
    for (const auto &f : ok(FormService(*r.admin).startable(r.caseId))) CHECK_FALSE((f.kind == FormKind::TriadMeeting && f.meeting == 0));

    // The portfolio is the second year's: its standards of focus and initial triad meeting, not the first year's;
    // the first year's year-end report does not fill the second's; the memoranda and the referral belong to the case.
    FormContent log;
    log.kind = FormKind::MeetingLog;
    log.fields = {{"date", "2027-05-04"}, {"kind", "meeting"}, {"work", "Year 1, May."}};
    ok(FormService(*r.mentor).sign(ok(FormService(*r.mentor).save(r.caseId, log)).id));
    log.fields = {{"date", "2027-09-15"}, {"kind", "meeting"}, {"work", "Year 2, September."}};
    ok(FormService(*r.mentor).sign(ok(FormService(*r.mentor).save(r.caseId, log)).id));
    r.syncAll();
    const auto portfolio = ok(FormService(*r.admin).portfolio(r.caseId));
    auto item = [&](const std::string &id) {
        auto it = std::find_if(portfolio.begin(), portfolio.end(), [&](const policy::PortfolioItem &i) { return i.documentId == id; });
        REQUIRE(it != portfolio.end());
        return *it;
    };
    REQUIRE(item("standards-of-focus").filed.size() == 1);
    CHECK(item("standards-of-focus").filed[0].id == second.lineageId);
    CHECK(item("standards-of-focus").filed[0].title == "Year 2 PAR Standards of Focus");
    REQUIRE(item("initial-triad-summary").filed.size() == 1);
    CHECK(item("initial-triad-summary").filed[0].id == summary.lineageId);
    CHECK(item("initial-triad-summary").state == policy::PortfolioState::Complete);
    CHECK(item("year-end-report").state == policy::PortfolioState::Missing); // year 1's extension is not year 2's report
    REQUIRE(item("monthly-electronic-logs").filed.size() == 1);
    CHECK(item("monthly-electronic-logs").filed[0].title.find("2027-09-15") != std::string::npos);
    CHECK(item("referral").state != policy::PortfolioState::Outside);
    CHECK(ok(FormService(*r.admin).portfolio(r.caseId)).size() == portfolio.size()); // the same list of items, every year
}

namespace {

QByteArray bytes(const crypto::Bytes &b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); }

} // namespace

TEST_CASE("Triad meeting mode: three sign on the administrator's tablet, and the tablet keeps none of the visitors' keys", "[store][forms][access]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"2"}, "clovis-unified");
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    r.syncAll();

    FormContent meeting;
    meeting.kind = FormKind::TriadMeeting;
    meeting.fields = {{"meeting", "1"}, {"date", "2026-11-18"}, {"progress", "Warm-ups are posted daily; transitions under a minute."}};
    meeting.tables["follow_up"] = {{"Model an exit check", "Mentor"}, {"Release day for a peer visit", "Site Administrator"}};
    const Document summary = ok(FormService(*r.admin).save(r.caseId, meeting));
    ok(FormService(*r.admin).sign(summary.id));

    // The visitors' key backups, as they would bring them; each opens only with its own passphrase.
    const crypto::Bytes teacherBackup = ok(r.teacher->exportKeyBackup("teacher's own backup passphrase", true));
    const crypto::Bytes mentorBackup = ok(r.mentor->exportKeyBackup("mentor's own backup passphrase", true));
    const crypto::Bytes directorBackup = ok(r.director->exportKeyBackup("director's own backup passphrase", true));
    const crypto::Bytes adminBackup = ok(r.admin->exportKeyBackup("admin's own backup passphrase", true));
    FormService tablet(*r.admin);
    CHECK(codeOf(tablet.signAsVisitor(summary.id, teacherBackup, "not the teacher's passphrase")) == "backup.wrong_passphrase");
    CHECK(codeOf(tablet.signAsVisitor(summary.id, adminBackup, "admin's own backup passphrase")) == "form.visitor_is_owner");
    CHECK(codeOf(tablet.signAsVisitor(summary.id, directorBackup, "director's own backup passphrase")) == "form.not_signer");
    ok(tablet.signAsVisitor(summary.id, teacherBackup, "teacher's own backup passphrase"));
    CHECK(codeOf(tablet.signAsVisitor(summary.id, teacherBackup, "teacher's own backup passphrase")) == "form.already_signed");
    ok(tablet.signAsVisitor(summary.id, mentorBackup, "mentor's own backup passphrase"));
    const FormView onTablet = only(ok(tablet.forms(r.caseId)), FormKind::TriadMeeting);
    REQUIRE(onTablet.fullySigned());
    CHECK(onTablet.signatures.at(CaseRole::Teacher).signerId == r.d.person(CaseRole::Teacher));
    CHECK(onTablet.signatures.at(CaseRole::Teacher).device == r.admin->deviceId());
    CHECK(onTablet.signatures.at(CaseRole::SiteAdministrator).device.empty());

    // Nothing of the visitors stays on the tablet: not their secret keys, not their backups.
    const QByteArray held = filesOf(r.d.tmp.filePath(QStringLiteral("admin")));
    for (LocalStore *visitor : {r.teacher.get(), r.mentor.get()}) {
        const crypto::SecureBuffer secret = visitor->identity().exportSecret();
        const QByteArray raw(reinterpret_cast<const char *>(secret.data()), static_cast<qsizetype>(secret.size()));
        CHECK_FALSE(held.contains(raw));
        CHECK_FALSE(held.contains(raw.left(32)));
    }
    CHECK_FALSE(held.contains(bytes(teacherBackup).mid(59, 64)));
    CHECK_FALSE(held.contains(bytes(mentorBackup).mid(59, 64)));

    // Every other device of the triad judges the signatures from the visitors' certificates: all three count.
    r.syncAll();
    for (LocalStore *reader : {r.teacher.get(), r.mentor.get()}) {
        const FormView seen = only(ok(FormService(*reader).forms(r.caseId)), FormKind::TriadMeeting);
        CHECK(seen.fullySigned());
    }
}

TEST_CASE("Triad meeting mode: a teacher who never agreed on the phone signs the agreement with their own keys on the tablet", "[store][forms][access]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"2"}, "clovis-unified");
    r.syncAll();
    FormContent meeting;
    meeting.kind = FormKind::TriadMeeting;
    meeting.fields = {{"meeting", "1"}, {"date", "2026-11-18"}, {"progress", "Warm-ups are posted daily."}};
    const Document summary = ok(FormService(*r.admin).save(r.caseId, meeting));
    ok(FormService(*r.admin).sign(summary.id));
    const crypto::Bytes teacherBackup = ok(r.teacher->exportKeyBackup("teacher's own backup passphrase", true));
    const crypto::Bytes mentorBackup = ok(r.mentor->exportKeyBackup("mentor's own backup passphrase", true));
    FormService tablet(*r.admin);
    store::SignatureService onTablet(*r.admin);

    // No agreement: refused, and nothing is written.
    CHECK(codeOf(tablet.signAsVisitor(summary.id, teacherBackup, "teacher's own backup passphrase")) == "signature.no_agreement");
    CHECK_FALSE(ok(onTablet.agreementInForce(r.caseId)).has_value());
    // The mentor's tick agrees to nothing: only the case's teacher signs an agreement.
    ok(tablet.signAsVisitor(summary.id, mentorBackup, "mentor's own backup passphrase", true));
    CHECK_FALSE(ok(onTablet.agreementInForce(r.caseId)).has_value());
    // The tick with a wrong passphrase signs nothing either.
    CHECK(codeOf(tablet.signAsVisitor(summary.id, teacherBackup, "not the teacher's passphrase", true)) == "backup.wrong_passphrase");
    CHECK_FALSE(ok(onTablet.agreementInForce(r.caseId)).has_value());
    // Nor on a form the teacher cannot sign yet for another reason (an answer missing): the agreement is signed only
    // when it is all that stands in the way, so "nothing was signed" stays true.
    FormContent unfinished = meeting;
    unfinished.fields = {{"meeting", "2"}, {"date", "2026-11-18"}};
    const Document incomplete = ok(FormService(*r.admin).save(r.caseId, unfinished));
    CHECK(codeOf(tablet.signAsVisitor(incomplete.id, teacherBackup, "teacher's own backup passphrase", true)) == "form.incomplete");
    CHECK_FALSE(ok(onTablet.agreementInForce(r.caseId)).has_value());

    // The teacher ticks it: the agreement, signed by the teacher's keys, then the summary.
    ok(tablet.signAsVisitor(summary.id, teacherBackup, "teacher's own backup passphrase", true));
    const auto agreement = ok(onTablet.agreementInForce(r.caseId));
    REQUIRE(agreement.has_value());
    CHECK(agreement->teacherId == r.d.person(CaseRole::Teacher));
    CHECK(only(ok(tablet.forms(r.caseId)), FormKind::TriadMeeting).fullySigned());

    // The teacher's phone judges it from the teacher's certificate: in force there, so the phone asks nothing again.
    r.syncAll();
    const auto onPhone = ok(store::SignatureService(*r.teacher).agreementInForce(r.caseId));
    REQUIRE(onPhone.has_value());
    CHECK(onPhone->id == agreement->id);
    CHECK(ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId)) == agreement->id);
}

TEST_CASE("A modified client cannot sign what the policy refuses, backdate a signature, or take the forms page down", "[store][forms][access]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {}, "clovis-unified");
    r.syncAll();
    // The administrator's own device writes an ineligible referral and a signature on it directly, past the checks.
    FormContent ineligible = referralForm({{"standard.2", "satisfactory"}});
    const Document referral = ok(store::DocumentStore(*r.admin).write(r.caseId, DocumentType::Referral, renderFormText(ineligible), std::nullopt,
                                                                     std::nullopt, ineligible));
    auto held = ok(store::DocumentStore(*r.admin).heldVersion(referral.id));
    auto forge = [&](LocalStore &on, CaseRole role, const RecordId &signer, std::int64_t at) {
        const FormSignature s = signatureOn(r.caseId, held, FormKind::Referral, role, signer, at);
        auto keys = ok(store::DocumentStore(on).keysFor(ok(CaseService(on).parCase(r.caseId)),
                                                        {CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction}));
        REQUIRE(on.writeRecordFor(keys, RecordType::FormSignature, s.id, r.caseId, referral.id, at, encodePayload(s)).ok());
    };
    forge(*r.admin, CaseRole::SiteAdministrator, r.d.person(CaseRole::SiteAdministrator), r.d.clock);
    // The teacher's signature dated before the version was written.
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    r.syncAll();
    forge(*r.teacher, CaseRole::Teacher, r.d.person(CaseRole::Teacher), r.d.clock - 60 * test::kMinute);
    r.syncAll();
    for (LocalStore *reader : {r.teacher.get(), r.director.get(), r.mentor.get()}) {
        const FormView seen = only(ok(FormService(*reader).forms(r.caseId)), FormKind::Referral);
        CHECK(seen.signatures.empty()); // the administrator's: the rule refuses it; the teacher's: backdated
        bool backdated = false;
        for (const auto &check : ok(FormService(*reader).checkSignatures(referral.id)))
            if (check.verdict.code == "formsig.before_version") backdated = true;
        CHECK(backdated);
        CHECK(ok(FormService(*reader).referralDecision(r.caseId))->outcome == policy::ReferralDecision::NotEligible);
    }

    // A form-type document with no form, edited into one, does not take the page down; nor does a "standard.01" answer
    // count for standard 1 (it is not an answer the form asks).
    const Document bare = ok(store::DocumentStore(*r.mentor).write(r.caseId, DocumentType::MeetingLog, "not a form"));
    FormContent log;
    log.kind = FormKind::MeetingLog;
    log.fields = {{"date", "2026-11-18"}, {"kind", "meeting"}, {"work", "Planned the unit."}};
    ok(store::DocumentStore(*r.mentor).edit(bare.id, bare.id, renderFormText(log), std::nullopt, log));
    FormContent sneaky = referralForm({{"standard.01", "unsatisfactory"}});
    ok(store::DocumentStore(*r.admin).write(r.caseId, DocumentType::Referral, renderFormText(sneaky), std::nullopt, std::nullopt, sneaky));
    CHECK(policy::appraisalOfReferral(sneaky).standardOverall.empty());
    r.syncAll();
    const auto all = ok(FormService(*r.director).forms(r.caseId));
    const auto logView = std::find_if(all.begin(), all.end(), [](const FormView &f) { return f.content.kind == FormKind::MeetingLog; });
    REQUIRE(logView != all.end());
    CHECK_FALSE(logView->invalidReason.empty());
    CHECK_FALSE(logView->fullySigned());
    // A mentor cannot take over the teacher's log.
    FormContent teacherLog = log;
    const Document mine = ok(FormService(*r.teacher).save(r.caseId, teacherLog));
    r.syncAll();
    CHECK(codeOf(FormService(*r.mentor).save(r.caseId, teacherLog, mine.lineageId, mine.id)) == "form.not_yours");
}

TEST_CASE("The panel's deliberation stays with the panel; its decision reaches the parties (seed 004)", "[store][forms][panel]")
{
    ReferredCase r;
    auto panel = r.d.device("panel", CaseRole::Panel);
    r.caseId = ok(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Lincoln Elementary", "Grade 3", "district-004")).id;
    auto syncAll = [&] { test::sendAll({r.admin.get(), r.teacher.get(), r.director.get(), r.mentor.get(), panel.get()}); };
    syncAll();
    // Enrolled on 2027-01-11, at the spring semester's start: two full semesters by the autumn (seed 004).
    r.d.clock += 54LL * 24 * 3600 * 1000;
    REQUIRE(CaseService(*r.director).enrol(r.caseId, r.d.person(CaseRole::Mentor)).ok());
    syncAll();

    // The panel holds the referred case and may start its notes (again and again) and, under 004, its decision.
    auto startable = ok(FormService(*panel).startable(r.caseId));
    auto offers = [&](FormKind k) { return std::any_of(startable.begin(), startable.end(), [&](const store::FormStart &s) { return s.kind == k; }); };
    CHECK(offers(FormKind::PanelDeliberation));
    CHECK(offers(FormKind::PanelDecision));
    CHECK_FALSE(offers(FormKind::Referral));
    for (LocalStore *other : {r.admin.get(), r.teacher.get(), r.director.get(), r.mentor.get()}) {
        const auto theirs = ok(FormService(*other).startable(r.caseId));
        CHECK(std::none_of(theirs.begin(), theirs.end(), [](const store::FormStart &s) {
            return s.kind == FormKind::PanelDeliberation || s.kind == FormKind::PanelDecision;
        }));
    }

    FormContent notes;
    notes.kind = FormKind::PanelDeliberation;
    notes.fields = {{"date", "2027-01-20"}, {"notes", "Progress on standard 2 is real but slower than the goals: discussed an extension."}};
    const Document written = ok(FormService(*panel).save(r.caseId, notes));
    ok(FormService(*panel).sign(written.id));
    CHECK(codeOf(FormService(*r.mentor).save(r.caseId, notes)) != "ok"); // only the panel writes them

    FormContent decision;
    decision.kind = FormKind::PanelDecision;
    decision.fields = {{"date", "2027-01-27"}, {"outcome", "dismiss"}, {"reasons", "x"}};
    CHECK(codeOf(FormService(*panel).save(r.caseId, decision)) == "form.invalid"); // not one of the district's outcomes
    decision.fields["outcome"] = "extend";
    decision.fields["reasons"] = "Observations of 2026-11-03 and 2027-01-12 show the routines of standard 2 taking hold; goals 3 and 4 are open.";
    const Document decided = ok(FormService(*panel).save(r.caseId, decision));
    // The panel reports "after each year": on the day of enrolment its decision to extend is refused, with the reason.
    auto early = FormService(*panel).sign(decided.id);
    REQUIRE_FALSE(early);
    CHECK(early.error().message.find("the first period of PAR (2 semesters), and 0 semesters in PAR, from 2027-01-11 to the determination on "
                                     "2027-01-11 (the school days of 0.0 semesters) does not complete it") != std::string::npos);
    r.d.clock += 140LL * 24 * 3600 * 1000; // 2027-05-31: the spring semester only
    auto oneSemester = FormService(*panel).sign(decided.id);
    REQUIRE_FALSE(oneSemester);
    CHECK(oneSemester.error().message.find("1 semester in PAR, from 2027-01-11 to the determination on 2027-05-31 (the school days of 0.9 "
                                           "semesters) does not complete it")
          != std::string::npos);
    r.d.clock += 127LL * 24 * 3600 * 1000; // 2027-10-05: most of the spring and a third of the fall are not two semesters
    auto october = FormService(*panel).sign(decided.id);
    REQUIRE_FALSE(october);
    CHECK(october.error().message.find("1 semester in PAR, from 2027-01-11 to the determination on 2027-10-05") != std::string::npos);
    r.d.clock += 38LL * 24 * 3600 * 1000; // 2027-11-12: most of two semesters, within 18 months with a third
    ok(FormService(*panel).sign(decided.id));
    syncAll();
    CHECK(codeOf(FormService(*r.director).sign(decided.id)) == "form.not_signer");

    for (LocalStore *party : {r.admin.get(), r.teacher.get(), r.director.get(), r.mentor.get()}) {
        const auto held = ok(FormService(*party).forms(r.caseId));
        CHECK(std::none_of(held.begin(), held.end(), [](const FormView &f) { return f.content.kind == FormKind::PanelDeliberation; }));
        const FormView &seen = only(held, FormKind::PanelDecision);
        CHECK(seen.fullySigned());
        CHECK(seen.content.field("outcome") == "extend");
        CHECK(seen.signatures.count(CaseRole::Panel) == 1);
    }
    const auto panelHeld = ok(FormService(*panel).forms(r.caseId));
    CHECK(only(panelHeld, FormKind::PanelDeliberation).fullySigned());
    CHECK(only(panelHeld, FormKind::PanelDecision).fullySigned());

    // The signed decision moves the case on every device that holds it: "extend" (the policy's status "extended").
    auto statusOn = [&](LocalStore &s) {
        const ParCase judged = ok(CaseService(s).parCase(r.caseId));
        CHECK(judged.status == CaseStatus::Active); // the case record and its updates alone: enrolled
        return ok(FormService(s).determined(judged)).status;
    };
    for (LocalStore *party : {r.admin.get(), r.teacher.get(), r.director.get(), r.mentor.get(), panel.get()})
        CHECK(statusOn(*party) == CaseStatus::Extended);
    // The panel's finding came first: the site administration's year-end report on it is the first year's, before the
    // second year begins (the next school day after the extension, Monday 15 November 2027) and after.
    auto yearEndStart = [&] {
        const auto starts = ok(FormService(*r.admin).startable(r.caseId));
        const auto it = std::find_if(starts.begin(), starts.end(), [](const store::FormStart &f) { return f.kind == FormKind::YearEndReport; });
        REQUIRE(it != starts.end());
        return *it;
    };
    CHECK(ok(FormService(*r.admin).secondYear(r.caseId))->start == QDate(2027, 11, 15));
    CHECK(yearEndStart().year == 1);
    CHECK(yearEndStart().title == "PAR Year-End Report");
    // Later the panel finds satisfactory progress: a new version, signed, discontinues support (days later: the test
    // district's certificates end a year after 2026-11-18).
    r.d.clock += 4LL * 24 * 3600 * 1000;
    CHECK(yearEndStart().year == 1);
    CHECK(yearEndStart().title == "PAR Year-End Report");
    decision.fields["outcome"] = "satisfactory_progress";
    decision.fields["date"] = "2027-05-27";
    const Document success = ok(FormService(*panel).save(r.caseId, decision, decided.lineageId, decided.id));
    syncAll();
    CHECK(statusOn(*r.teacher) == CaseStatus::Extended); // saved, not yet signed: nothing changes
    ok(FormService(*panel).sign(success.id));
    syncAll();
    for (LocalStore *party : {r.admin.get(), r.teacher.get(), r.director.get(), r.mentor.get(), panel.get()})
        CHECK(statusOn(*party) == CaseStatus::Discontinued);
    CHECK(ok(FormService(*r.mentor).deadlines(r.caseId)).empty());
    const auto program = ok(store::ProgramService(*r.director).overview());
    REQUIRE(program.size() == 1);
    CHECK(program[0].figures.completed == 1);

    // A new version waits for the panel's signature; the signed decision before it stays in force.
    decision.fields["reasons"] = "Draft: to be discussed at the next panel meeting.";
    const Document draft = ok(FormService(*panel).save(r.caseId, decision, decided.lineageId, success.id));
    syncAll();
    CHECK_FALSE(only(ok(FormService(*r.teacher).forms(r.caseId)), FormKind::PanelDecision).fullySigned());
    CHECK(only(ok(FormService(*r.teacher).forms(r.caseId)), FormKind::PanelDecision).versionId == draft.id);
    CHECK(statusOn(*r.teacher) == CaseStatus::Discontinued);

    // Clovis gives its panel no decision of its own: none is offered.
    ReferredCase clovis;
    auto clovisPanel = clovis.d.device("panel", CaseRole::Panel);
    clovis.caseId = ok(CaseService(*clovis.admin).openReferral(clovis.d.person(CaseRole::Teacher), "Kings River High School", "Grade 9", "clovis-unified")).id;
    send(*clovis.admin, *clovisPanel);
    const auto clovisStartable = ok(FormService(*clovisPanel).startable(clovis.caseId));
    CHECK(std::none_of(clovisStartable.begin(), clovisStartable.end(), [](const store::FormStart &s) { return s.kind == FormKind::PanelDecision; }));
}

TEST_CASE("A decision of the panel counts once a majority of the district's panel signed it (seeds 002 11.6.4, 004)", "[store][forms][panel]")
{
    ReferredCase r;
    test::Member second, third;
    r.d.keys.certify(second, "second panel member", Role::PanelMember);
    r.d.keys.certify(third, "third panel member", Role::PanelMember);
    auto first = r.d.device("panel", CaseRole::Panel);
    auto member2 = r.d.deviceOf("panel2", second);
    auto member3 = r.d.deviceOf("panel3", third);
    const std::vector<LocalStore *> all{r.admin.get(), r.teacher.get(), r.director.get(), r.mentor.get(), first.get(), member2.get(), member3.get()};
    // The district certifies three panel members; every device learns them, as from the district directory.
    for (LocalStore *s : all)
        for (const test::Member *m : {&second, &third})
            if (s->owner().id != m->certificate.personId) REQUIRE(store::EnrollmentService(*s).addCertificate(m->certificateBytes).ok());
    r.caseId = ok(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Lincoln Elementary", "Grade 3", "district-004")).id;
    test::sendAll(all);
    REQUIRE(CaseService(*r.director).enrol(r.caseId, r.d.person(CaseRole::Mentor)).ok());
    test::sendAll(all);
    auto statusOn = [&](LocalStore &s) { return ok(FormService(s).determined(ok(CaseService(s).parCase(r.caseId)))).status; };

    FormContent decision;
    decision.kind = FormKind::PanelDecision;
    decision.fields = {{"date", "2027-05-27"},
                       {"outcome", "satisfactory_progress"},
                       {"reasons", "The routines of standard 2 hold in every observation since February; the goals are met."}};
    const Document decided = ok(FormService(*first).save(r.caseId, decision));
    ok(FormService(*first).sign(decided.id));
    CHECK(codeOf(FormService(*first).sign(decided.id)) == "form.already_signed");
    test::sendAll(all);

    // One member of three has signed: the decision does not count yet, anywhere, and says what it waits for.
    for (LocalStore *s : all) {
        const FormView seen = only(ok(FormService(*s).forms(r.caseId)), FormKind::PanelDecision);
        CHECK(seen.panelSignaturesNeeded == 2);
        CHECK(seen.panelSignatures.size() == 1);
        CHECK_FALSE(seen.fullySigned());
        CHECK(seen.waitingFor() == std::vector<CaseRole>{CaseRole::Panel});
        CHECK(statusOn(*s) == CaseStatus::Active);
    }
    // Nobody outside the panel adds to it.
    CHECK(codeOf(FormService(*r.mentor).sign(decided.id)) == "form.not_signer");
    CHECK(codeOf(FormService(*r.director).sign(decided.id)) == "form.not_signer");

    // A second member signs: a majority of three, and the decision moves the case on every device.
    ok(FormService(*member2).sign(decided.id));
    test::sendAll(all);
    for (LocalStore *s : all) {
        const FormView seen = only(ok(FormService(*s).forms(r.caseId)), FormKind::PanelDecision);
        CHECK(seen.panelSignatures.size() == 2);
        CHECK(seen.fullySigned());
        CHECK(seen.waitingFor().empty());
        CHECK(statusOn(*s) == CaseStatus::Discontinued);
    }
    // The decision has its majority: no member adds to it any more (a late signature could otherwise date it anew).
    auto late = FormService(*member3).sign(decided.id);
    REQUIRE_FALSE(late);
    CHECK(late.error().code == "form.already_signed");
    CHECK(late.error().message.find("already has the panel members' signatures it needs") != std::string::npos);
    auto again = FormService(*member2).sign(decided.id);
    REQUIRE_FALSE(again);
    CHECK(again.error().message.find("already signed by this person") != std::string::npos);

    // The district then certifies two more panel members: a decision already in force stays in force, and dated as it
    // was (the panel of its time decided it).
    const std::int64_t completedAt = only(ok(FormService(*r.teacher).forms(r.caseId)), FormKind::PanelDecision).newestSigned->completedAtMs;
    r.d.clock += 3600'000;
    test::Member fourth, fifth;
    for (test::Member *m : {&fourth, &fifth}) {
        r.d.keys.certify(*m, "a new panel member", Role::PanelMember);
        m->certificate.issuedAtMs = r.d.clock; // certified today, as district IT does when someone joins the panel
        m->certificateBytes = ok(directory::issueCertificate(r.d.keys.root, m->certificate));
    }
    for (LocalStore *s : all)
        for (const test::Member *m : {&fourth, &fifth}) REQUIRE(store::EnrollmentService(*s).addCertificate(m->certificateBytes).ok());
    for (LocalStore *s : all) {
        const FormView seen = only(ok(FormService(*s).forms(r.caseId)), FormKind::PanelDecision);
        CHECK(seen.fullySigned());
        CHECK(seen.newestSigned->completedAtMs == completedAt);
        CHECK(statusOn(*s) == CaseStatus::Discontinued);
    }

    // A new decision while the panel has five members needs three of them.
    decision.fields["date"] = "2027-06-10";
    decision.fields["reasons"] = "Corrected date of the panel's meeting.";
    const Document corrected = ok(FormService(*first).save(r.caseId, decision, decided.lineageId, decided.id));
    ok(FormService(*first).sign(corrected.id));
    test::sendAll(all);
    ok(FormService(*member2).sign(corrected.id));
    test::sendAll(all);
    const FormView pending = only(ok(FormService(*r.teacher).forms(r.caseId)), FormKind::PanelDecision);
    CHECK(pending.panelSignaturesNeeded == 3);
    CHECK_FALSE(pending.fullySigned());
    CHECK(pending.panelSignaturesMissing() == 1);
    CHECK(pending.newestSigned->versionId == decided.id); // the decision before it stays in force meanwhile
    ok(FormService(*member3).sign(corrected.id));
    test::sendAll(all);
    const FormView done = only(ok(FormService(*r.teacher).forms(r.caseId)), FormKind::PanelDecision);
    CHECK(done.fullySigned());
    CHECK(done.newestSigned->versionId == corrected.id);

    // Where the policy asks every member ("panel_votes": "all"), two of three are not enough.
    policy::DistrictPolicy consensus = ok(store::policyOfCase(ok(CaseService(*r.teacher).parCase(r.caseId))));
    consensus.program.panelVotes = policy::PanelVotes::All;
    CHECK(policy::panelSignaturesNeeded(consensus, 3) == 3);
    consensus.program.panelVotes = policy::PanelVotes::Majority;
    CHECK(policy::panelSignaturesNeeded(consensus, 6) == 4); // seed 002's panel of six
    CHECK(policy::panelSignaturesNeeded(consensus, 1) == 1);
    CHECK(policy::panelSignaturesNeeded(consensus, 0) == 1);

    // The tally: each vote counts from its receipt; the panel of that time and everyone who signed make the panel; the
    // first vote that reaches the majority completes it, and later votes and a larger panel later change nothing.
    const RecordId a = RecordId::generate(), b = RecordId::generate(), c = RecordId::generate(), d = RecordId::generate();
    auto panelOf = [&](std::int64_t at) { return at < 100 ? std::set<RecordId>{a, b, c} : std::set<RecordId>{a, b, c, d, RecordId::generate()}; };
    auto tally = policy::tallyPanelVotes(consensus, {{b, 50, 49}, {a, 10, 9}, {c, 200, 199}}, panelOf, 300);
    CHECK(tally.complete);
    CHECK(tally.needed == 2);
    CHECK(tally.completedAtMs == 49); // b's vote, the second in counted order
    tally = policy::tallyPanelVotes(consensus, {{a, 10, 9}, {a, 20, 19}}, panelOf, 300); // one member twice
    CHECK_FALSE(tally.complete);
    CHECK(tally.needed == 3); // as the panel of five stands now
    // A member alone in a panel the directory does not know yet (none certified): the signers are the panel — but
    // with a receipt-or-now counted time, dating a vote back to such a time is not in the member's hands.
    tally = policy::tallyPanelVotes(consensus, {{d, 10, 9}}, [](std::int64_t) { return std::set<RecordId>{}; }, 300);
    CHECK(tally.complete);
    tally = policy::tallyPanelVotes(consensus, {{d, 150, 149}}, panelOf, 300); // one of five
    CHECK_FALSE(tally.complete);
}

TEST_CASE("Conferences name their observation, and the portfolio shows each item with the documents that fill it",
          "[store][forms][portfolio]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {"1"}, "clovis-unified");
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));

    // A formal observation, its notes, and the report that covers it.
    r.d.later();
    const Observation formal = ok(store::NoteService(*r.mentor).startObservation(r.caseId, ObservationKind::Formal, true, "Period 3"));
    r.d.later();
    ok(store::NoteService(*r.mentor).addNote(formal.id, "Learning target posted and read aloud.", {"1.1"}));
    r.d.later();
    store::ReportService reports(*r.mentor);
    ok(reports.compose(r.caseId));
    REQUIRE(reports.setNarrative(r.caseId, std::nullopt, "The first six weeks.").ok());
    ok(reports.issueDraft(r.caseId));

    // The mentor logs the pre-observation conference, naming the observation from those held here.
    FormContent pre;
    pre.kind = FormKind::MeetingLog;
    pre.fields = {{"date", "2026-10-05"}, {"kind", "pre_conference"}, {"work", "Planned the lesson's checks for understanding."},
                  {"observation", formal.id.toString()}};
    ok(FormService(*r.mentor).save(r.caseId, pre));
    // Only a conference names an observation, and only one of the case's held here.
    FormContent plain = pre;
    plain.fields["kind"] = "meeting";
    CHECK(codeOf(FormService(*r.mentor).save(r.caseId, plain)) == "form.invalid");
    FormContent stranger = pre;
    stranger.fields["observation"] = RecordId::generate().toString();
    CHECK(codeOf(FormService(*r.mentor).save(r.caseId, stranger)) == "form.invalid");
    stranger.fields["observation"] = "period 3";
    CHECK(codeOf(FormService(*r.mentor).save(r.caseId, stranger)) == "form.invalid");
    // The teacher's phone holds no observation: the teacher cannot name one.
    FormContent teacherLog = pre;
    r.syncAll();
    CHECK(codeOf(FormService(*r.teacher).save(r.caseId, teacherLog)) == "form.invalid");

    auto conferences = ok(FormService(*r.mentor).conferences(r.caseId));
    REQUIRE(conferences.size() == 1);
    CHECK(conferences[0].observation.id == formal.id);
    CHECK(conferences[0].pre.size() == 1);
    CHECK(conferences[0].postMissing);
    FormContent post = pre;
    post.fields["kind"] = "post_conference";
    post.fields["date"] = "2026-10-08";
    ok(FormService(*r.mentor).save(r.caseId, post));
    conferences = ok(FormService(*r.mentor).conferences(r.caseId));
    CHECK_FALSE(conferences[0].postMissing);
    CHECK(conferences[0].summary == "Pre-observation conference 2026-10-05 · post-observation conference 2026-10-08");
    CHECK(ok(FormService(*r.admin).conferences(r.caseId)).empty()); // the administrator holds no observation

    // Two memoranda signed, the third not yet: the MOUs item is in progress, with what is there.
    for (auto [kind, who] : {std::pair{FormKind::TeacherMou, r.teacher.get()}, std::pair{FormKind::MentorMou, r.mentor.get()}}) {
        FormContent mou;
        mou.kind = kind;
        ok(FormService(*who).sign(ok(FormService(*who).save(r.caseId, mou)).id));
    }
    r.syncAll();
    auto find = [](const std::vector<policy::PortfolioItem> &items, const std::string &id) {
        auto it = std::find_if(items.begin(), items.end(), [&](const policy::PortfolioItem &i) { return i.documentId == id; });
        REQUIRE(it != items.end());
        return *it;
    };
    const auto onAdmin = ok(FormService(*r.admin).portfolio(r.caseId));
    CHECK(find(onAdmin, "mous").state == policy::PortfolioState::InProgress);
    CHECK(find(onAdmin, "mous").filed.size() == 2);
    CHECK(find(onAdmin, "mous").filed[0].state == "Signed by all");
    CHECK(find(onAdmin, "ilp-1").state == policy::PortfolioState::Outside);
    // The mentor's issued report covers the formal observation: "Formal Observation 1" is filed, the second not yet.
    const auto onMentor = ok(FormService(*r.mentor).portfolio(r.caseId));
    CHECK(find(onMentor, "formal-observation-1").state == policy::PortfolioState::Complete);
    REQUIRE(find(onMentor, "formal-observation-1").filed.size() == 1);
    CHECK(find(onMentor, "formal-observation-1").filed[0].title == "Formal observation in Report 1");
    CHECK(find(onMentor, "formal-observation-2").state == policy::PortfolioState::Missing);
    CHECK(find(onMentor, "informal-observation-1").state == policy::PortfolioState::Missing);
    CHECK(find(onMentor, "monthly-electronic-logs").state == policy::PortfolioState::InProgress); // the logs are not signed yet
    CHECK(find(onMentor, "monthly-electronic-logs").filed.size() == 2);
    FormContent adminMou;
    adminMou.kind = FormKind::AdministratorMou;
    ok(FormService(*r.admin).sign(ok(FormService(*r.admin).save(r.caseId, adminMou)).id));
    r.syncAll();
    CHECK(find(ok(FormService(*r.teacher).portfolio(r.caseId)), "mous").state == policy::PortfolioState::Complete);
}

TEST_CASE("Seed 004: the referred teacher ranks consulting teachers within the window; program staff see them, nobody else",
          "[store][forms][preferences]")
{
    ReferredCase r;
    auto panel = r.d.device("panel", CaseRole::Panel);
    const ParCase opened = ok(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Sierra Vista Middle School", "Grade 7 / Science",
                                                                 "district-004"));
    r.caseId = opened.id;
    auto syncAll = [&] { test::sendAll({r.admin.get(), r.teacher.get(), r.director.get(), r.mentor.get(), panel.get()}); };
    syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    FormService teacherForms(*r.teacher);
    auto offered = ok(teacherForms.startable(r.caseId));
    CHECK(std::any_of(offered.begin(), offered.end(), [](const store::FormStart &s) { return s.kind == FormKind::ConsultingTeacherPreferences; }));
    auto deadlineOf = [&](const char *key) -> std::optional<policy::Deadline> {
        for (const auto &d : ok(teacherForms.deadlines(r.caseId)))
            if (d.key == key) return d;
        return std::nullopt;
    };
    REQUIRE(deadlineOf("preferences"));
    CHECK(deadlineOf("preferences")->who == policy::Responsible::Teacher);
    CHECK(deadlineOf("preferences")->state != policy::DeadlineState::Done);
    const auto spec = ok(teacherForms.specFor(r.caseId, FormKind::ConsultingTeacherPreferences));
    CHECK(spec.field("choice.3") != nullptr);
    CHECK(spec.field("choice.4") == nullptr); // the policy's rank: three

    // Only the district's certified consulting teachers, each once.
    const std::string mentor = r.d.person(CaseRole::Mentor).toString();
    FormContent prefs;
    prefs.kind = FormKind::ConsultingTeacherPreferences;
    prefs.fields = {{"choice.1", r.d.person(CaseRole::SiteAdministrator).toString()}};
    CHECK(codeOf(teacherForms.save(r.caseId, prefs)) == "form.invalid");
    prefs.fields = {{"choice.1", mentor}, {"choice.2", mentor}};
    CHECK(codeOf(teacherForms.save(r.caseId, prefs)) == "form.invalid");
    prefs.fields = {{"choice.1", mentor}, {"comments", "I teach two science preps; someone who knows lab routines."}};
    // Nobody else writes the teacher's preferences.
    CHECK(codeOf(FormService(*r.admin).save(r.caseId, prefs)) == "document.not_entitled");
    const Document written = ok(teacherForms.save(r.caseId, prefs));
    ok(teacherForms.sign(written.id));
    syncAll();
    CHECK(deadlineOf("preferences")->state == policy::DeadlineState::Done);

    // The director and the panel read them; the site administrator and the consulting teacher do not.
    CHECK(only(ok(FormService(*r.director).forms(r.caseId)), FormKind::ConsultingTeacherPreferences).fullySigned());
    CHECK(only(ok(FormService(*panel).forms(r.caseId)), FormKind::ConsultingTeacherPreferences).fullySigned());
    // The site administrator holds the case and its other forms, never the preferences; a consulting teacher not (yet)
    // on the case holds nothing of it, or nothing of the preferences.
    const auto adminHeld = ok(FormService(*r.admin).forms(r.caseId));
    const AudienceContext referred{CaseKind::Referred, true, true, false, std::nullopt, test::kNow};
    CHECK_FALSE(mayRead(CaseRole::SiteAdministrator, DocumentType::ConsultingTeacherPreferences, referred).allowed);
    CHECK_FALSE(mayRead(CaseRole::Mentor, DocumentType::ConsultingTeacherPreferences, referred).allowed);
    CHECK(std::none_of(adminHeld.begin(), adminHeld.end(), [](const FormView &f) { return f.content.kind == FormKind::ConsultingTeacherPreferences; }));
    if (const auto mentorHeld = FormService(*r.mentor).forms(r.caseId))
        CHECK(std::none_of(mentorHeld->begin(), mentorHeld->end(), [](const FormView &f) { return f.content.kind == FormKind::ConsultingTeacherPreferences; }));
    // The program page's waiting referral carries them, first choice first.
    const auto views = ok(store::ProgramService(*r.director).overview());
    const auto view = std::find_if(views.begin(), views.end(), [](const store::ProgramView &v) { return v.policyId == "district-004"; });
    REQUIRE(view != views.end());
    REQUIRE(view->waiting.size() == 1);
    REQUIRE(view->waiting[0].preferences.size() == 1);
    CHECK(view->waiting[0].preferences[0].first == r.d.person(CaseRole::Mentor));
    CHECK(view->waiting[0].preferencesOpen);
    REQUIRE(view->waiting[0].preferencesDue);
    CHECK(*view->waiting[0].preferencesDue > opened.startDate);

    // After the window (ten working days) the teacher can no longer give preferences: program staff designate.
    r.d.clock += 20LL * 24 * 60 * test::kMinute;
    CHECK(codeOf(teacherForms.save(r.caseId, prefs)) == "form.window_closed");
    offered = ok(teacherForms.startable(r.caseId));
    CHECK(std::none_of(offered.begin(), offered.end(), [](const store::FormStart &s) { return s.kind == FormKind::ConsultingTeacherPreferences; }));
    CHECK_FALSE(ok(store::ProgramService(*r.director).overview()).front().waiting.empty());

    // Clovis takes no preferences: the form does not apply there (a Clovis case of the same teacher).
    r.d.openCase(*r.mentor, CaseKind::Referred, {}, "clovis-unified");
    syncAll();
    CHECK(codeOf(FormService(*r.teacher).save(r.d.caseId, prefs)) == "form.not_applicable");
}

TEST_CASE("Seed 004: the preferences count by when the case store received them, not by the phone's clock", "[store][forms][preferences][access]")
{
    const bool late = GENERATE(false, true);
    ReferredCase r;
    const ParCase opened = ok(CaseService(*r.admin).openReferral(r.d.person(CaseRole::Teacher), "Sierra Vista Middle School", "Grade 7 / Science",
                                                                 "district-004"));
    r.caseId = opened.id;
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    const crypto::Identity receiptKey = crypto::Identity::generate();
    test::holdReceiptKey(r.d, *r.director, receiptKey);

    // The phone signs inside the window by its own clock (a modified phone can set it to anything).
    FormContent prefs;
    prefs.kind = FormKind::ConsultingTeacherPreferences;
    prefs.fields = {{"choice.1", r.d.person(CaseRole::Mentor).toString()}};
    const Document written = ok(FormService(*r.teacher).save(r.caseId, prefs));
    const RecordId signature = ok(FormService(*r.teacher).sign(written.id));
    r.syncAll();
    CHECK(only(ok(FormService(*r.director).forms(r.caseId)), FormKind::ConsultingTeacherPreferences).fullySigned()); // no receipt yet

    // The case store's receipt says when it reached the program: the next day, or a month later (past ten working days).
    const std::int64_t day = 24LL * 60 * test::kMinute;
    test::receiveReceipt(*r.director, signature, receiptKey, r.d.clock + (late ? 30 : 1) * day, 7);
    const FormView seen = only(ok(FormService(*r.director).forms(r.caseId)), FormKind::ConsultingTeacherPreferences);
    CHECK(seen.fullySigned() == !late);
    const auto views = ok(store::ProgramService(*r.director).overview());
    REQUIRE(views.size() == 1);
    REQUIRE(views[0].waiting.size() == 1);
    CHECK(views[0].waiting[0].preferences.empty() == late);
}

TEST_CASE("A signature dated ahead, or dated apart from its header, never counts; a draft or a fork over a signed version leaves it standing",
          "[store][forms][access]")
{
    ReferredCase r;
    r.caseId = r.d.caseId;
    r.d.openCase(*r.mentor, CaseKind::Referred, {}, "clovis-unified");
    r.syncAll();
    ok(store::SignatureService(*r.teacher).agreeToElectronicRecords(r.caseId));
    FormContent log;
    log.kind = FormKind::MeetingLog;
    log.fields = {{"date", "2026-11-18"}, {"kind", "meeting"}, {"work", "Planned the unit on argument writing."}};
    const Document v1 = ok(FormService(*r.teacher).save(r.caseId, log));
    r.syncAll();

    SECTION("dated ahead of the clock, or with an inner date other than the header's")
    {
        auto held = ok(store::DocumentStore(*r.teacher).heldVersion(v1.id));
        auto keys = ok(store::DocumentStore(*r.teacher).keysFor(ok(CaseService(*r.teacher).parCase(r.caseId)),
                                                                {CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator}));
        auto write = [&](std::int64_t inner, std::int64_t header) {
            const FormSignature s = signatureOn(r.caseId, held, FormKind::MeetingLog, CaseRole::Teacher, r.d.person(CaseRole::Teacher), inner);
            REQUIRE(r.teacher->writeRecordFor(keys, RecordType::FormSignature, s.id, r.caseId, v1.id, header, encodePayload(s)).ok());
        };
        const std::int64_t aWeek = 7 * 24 * 60 * test::kMinute;
        write(r.d.clock + aWeek, r.d.clock + aWeek); // dated a week ahead to outrank what is signed meanwhile
        write(r.d.clock + aWeek, r.d.clock);         // the inner date moved ahead under an honest header
        r.syncAll();
        for (LocalStore *reader : {r.teacher.get(), r.mentor.get(), r.admin.get()}) {
            std::set<std::string> codes;
            for (const auto &check : ok(FormService(*reader).checkSignatures(v1.id))) codes.insert(check.verdict.code);
            CHECK(codes == std::set<std::string>{"formsig.future", "formsig.time"});
            CHECK_FALSE(only(ok(FormService(*reader).forms(r.caseId)), FormKind::MeetingLog).fullySigned());
        }
        // Within the allowed drift, a signature counts.
        write(r.d.clock + rules::kSignatureClockSkewMs / 2, r.d.clock + rules::kSignatureClockSkewMs / 2);
        r.syncAll();
        CHECK(only(ok(FormService(*r.mentor).forms(r.caseId)), FormKind::MeetingLog).fullySigned());
    }
    SECTION("a newer version with an answer the form does not ask leaves the signed one in force")
    {
        ok(FormService(*r.teacher).sign(v1.id));
        r.d.later();
        FormContent odd = log;
        odd.fields["grade"] = "unsatisfactory"; // not asked by a log: never signed into force
        ok(store::DocumentStore(*r.teacher).edit(v1.lineageId, v1.id, renderFormText(odd), std::nullopt, odd));
        r.syncAll();
        const FormView seen = only(ok(FormService(*r.admin).forms(r.caseId)), FormKind::MeetingLog);
        CHECK_FALSE(seen.invalidReason.empty());
        CHECK_FALSE(seen.fullySigned());
        REQUIRE(seen.newestSigned);
        CHECK(seen.newestSigned->versionId == v1.id);
    }
    SECTION("the signed version in force is the latest by the edits, not by a device's clock")
    {
        // The mentor's own log (the mentor alone signs it), well after the case opened.
        const std::int64_t aDay = 24 * 60 * test::kMinute;
        r.d.clock += 5 * aDay;
        const Document m1 = ok(FormService(*r.mentor).save(r.caseId, log));
        ok(FormService(*r.mentor).sign(m1.id));
        r.d.later();
        // The mentor's tablet's clock runs two days behind: the edit it signs reads as older than the first version.
        r.mentor->setClock([&r, aDay] { return r.d.clock - 2 * aDay; });
        FormContent corrected = log;
        corrected.fields["work"] = "Planned the unit on argument writing; corrected the date of the next visit.";
        const Document m2 = ok(FormService(*r.mentor).save(r.caseId, corrected, m1.lineageId, m1.id));
        ok(FormService(*r.mentor).sign(m2.id));
        REQUIRE(m2.createdAtMs < m1.createdAtMs);
        r.mentor->setClock([&r] { return r.d.clock; });
        r.d.later();
        // A draft over it, not signed yet: what stands meanwhile is m2, the version edited from m1.
        FormContent draft = corrected;
        draft.fields["work"] = "Draft: adding the exit tickets.";
        ok(FormService(*r.mentor).save(r.caseId, draft, m1.lineageId, m2.id));
        r.syncAll();
        for (LocalStore *reader : {r.mentor.get(), r.teacher.get(), r.admin.get()}) {
            const auto held = ok(FormService(*reader).forms(r.caseId));
            const auto seen = std::find_if(held.begin(), held.end(), [&](const FormView &f) { return f.lineageId == m1.lineageId; });
            REQUIRE(seen != held.end());
            CHECK_FALSE(seen->fullySigned());
            REQUIRE(seen->newestSigned);
            CHECK(seen->newestSigned->versionId == m2.id);
        }
    }
    SECTION("a forked lineage: a signed head counts")
    {
        auto second = r.d.device("teacher-tablet", CaseRole::Teacher);
        test::sendAll({second.get(), r.teacher.get()});
        r.d.later();
        FormContent a = log;
        a.fields["work"] = "Planned the unit; agreed on two observation dates.";
        const Document headA = ok(FormService(*r.teacher).save(r.caseId, a, v1.lineageId, v1.id));
        ok(FormService(*r.teacher).sign(headA.id));
        FormContent b = log;
        b.fields["work"] = "Planned the unit and the exit tickets.";
        const Document headB = ok(FormService(*second).save(r.caseId, b, v1.lineageId, v1.id));
        r.syncAll();
        test::sendAll({second.get(), r.admin.get()});
        for (LocalStore *reader : {r.admin.get(), second.get()}) {
            const FormView seen = only(ok(FormService(*reader).forms(r.caseId)), FormKind::MeetingLog);
            REQUIRE(seen.forked);
            REQUIRE(seen.newestSigned);
            CHECK(seen.newestSigned->versionId == headA.id);
            CHECK(seen.newestSigned->versionId != headB.id);
        }
    }
}
