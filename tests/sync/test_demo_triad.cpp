// The demo shows the triad (issue 12, item 10): the set-up `bash .ci/demo` runs (triadctl demo district / demo
// connect, district/demo_triad.h) against a real case store on loopback, in a temporary folder. The teacher's phone
// holds and opens the latest report and kept the case store's receipt for it; the site administrator's tablet reads
// the earlier report the teacher signed and the mentor shared, with its acknowledgement, and nothing of the one
// awaiting the signature (referred participation: docs/security.md "Audience matrix"); running it again redoes nothing.
#include "triad_casestore.h"

#include "case_service.h"
#include "demo_district.h"
#include "demo_triad.h"
#include "document_store.h"
#include "form_service.h"
#include "linux/passphrase_keystore.h"
#include "receipt_store.h"
#include "report_service.h"
#include "sync_queue.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <map>

using namespace triad;
using test::ok;
using district::DemoRole;

namespace {

platform::UnlockCredential pass() { return platform::UnlockCredential::fromPassphrase("demo passphrase"); }

std::unique_ptr<store::LocalStore> openRole(const std::string &dir, DemoRole role, platform::Keystore &keystore)
{
    return ok(store::LocalStore::open(district::demoStoreDir(dir, role), keystore, pass()));
}

bool mentions(const std::vector<std::string> &lines, const std::string &what)
{
    return std::any_of(lines.begin(), lines.end(), [&](const std::string &l) { return l.find(what) != std::string::npos; });
}

} // namespace

TEST_CASE("The demo sets up its five devices (the triad, program staff, the panel) through the case store, with a report issued; again, it redoes nothing", "[sync][demo]")
{
    test::ensureGuiApplication();
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath(QStringLiteral("triad-demo")).toStdString();
    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);

    // Step 1 needs no network; the case store then starts with the district info it wrote (as .ci/demo does).
    std::optional<test::LoopbackCaseStore> caseStore;
    const auto info0 = [&] {
        // The district does not exist yet: prepare it with no receipt key, then start the case store and publish
        // again naming its key, as an operator would after a first run.
        auto steps = ok(district::prepareDemoTriad(dir, keystore, pass(), pass(), std::nullopt, store::systemClockMs()));
        CHECK(mentions(steps.done, "Created the keys of Sierra Foothills Unified"));
        CHECK(mentions(steps.done, "Certified Daniel Okafor as participating_teacher"));
        CHECK(mentions(steps.done, "Certified Dr. Karen Whitaker as site_administrator"));
        CHECK(mentions(steps.done, "Certified Alex Rivera as par_mentor"));
        return ok(district::DistrictFolder(district::demoDistrictDir(dir)).info());
    }();
    caseStore.emplace(info0);
    auto again = ok(district::prepareDemoTriad(dir, keystore, pass(), pass(), std::vector<directory::ReceiptKey>{caseStore->publicReceiptKey()},
                                               store::systemClockMs()));
    CHECK(again.done.size() == 1); // only a fresh directory
    CHECK(mentions(again.done, "1 case store receipt key"));
    CHECK(mentions(again.kept, "The store of the teacher's phone"));

    const auto outcome = ok(district::connectDemoTriad(dir, keystore, pass(), caseStore->url()));
    CHECK(mentions(outcome.steps.done, "Enrolled the teacher's phone (Daniel Okafor)"));
    CHECK(mentions(outcome.steps.done, "composed a report from"));

    auto mentor = openRole(dir, DemoRole::Mentor, keystore);
    auto teacher = openRole(dir, DemoRole::Teacher, keystore);
    auto admin = openRole(dir, DemoRole::Administrator, keystore);
    for (auto *s : {mentor.get(), teacher.get(), admin.get()}) {
        CHECK(s->enrolled());
        CHECK(s->keyDirectory()->district().name == "Sierra Foothills Unified");
        CHECK(ok(s->pendingOutboxCount()) == 0);
        // Nothing is set aside: the demo writes no second person record for someone whose own device wrote theirs.
        const auto setAside = ok(store::SyncQueue(*s).setAside());
        std::string codes;
        for (const auto &r : setAside) codes += r.code + " (" + r.reason + ") ";
        INFO(codes);
        CHECK(setAside.empty());
    }

    // The shared case names the certified teacher and administrator: the people on the devices.
    const ParCase c = ok(store::CaseService(*mentor).parCase(outcome.caseId));
    CHECK(c.kind == CaseKind::Referred);
    CHECK(c.teacherId == teacher->owner().id);
    CHECK(c.administratorId == admin->owner().id);
    CHECK(c.mentorId == mentor->owner().id);
    CHECK(ok(store::CaseService(*teacher).parCase(outcome.caseId)).teacherId == teacher->owner().id);
    CHECK(ok(store::CaseService(*admin).parCase(outcome.caseId)).administratorId == admin->owner().id);
    CHECK(ok(store::CaseService(*mentor).cases()).size() == 7);
    // Each seed district's forms are seen filled in: the mentor's other cases hold the forms the mentor writes there and
    // a logged meeting for every meeting their district asks for, so none of the mentor's meeting or log deadlines is
    // overdue (the demo's overdue items are the shared case's, on purpose).
    std::map<std::string, int> logsByDistrict, triadSummariesByDistrict;
    for (const ParCase &held : ok(store::CaseService(*mentor).cases())) {
        if (held.id == outcome.caseId) continue;
        for (const auto &f : ok(store::FormService(*mentor).forms(held.id))) {
            CHECK(f.invalidReason.empty());
            if (f.content.kind == FormKind::MeetingLog) ++logsByDistrict[held.districtPolicyId];
            if (f.content.kind == FormKind::TriadMeeting) {
                ++triadSummariesByDistrict[held.districtPolicyId];
                CHECK(f.missingAnswers.empty());
                CHECK(f.signatures.count(CaseRole::Mentor)); // the teacher's signature waits
            }
        }
        if (held.status != CaseStatus::Active && held.status != CaseStatus::Extended) continue;
        for (const auto &d : ok(store::FormService(*mentor).deadlines(held.id))) {
            const bool meetingOrLog = d.key.rfind("meeting:", 0) == 0 || d.key.rfind("log:", 0) == 0 || d.key == "first_contact";
            INFO(held.districtPolicyId << " " << d.key << " " << d.detail);
            if (meetingOrLog) CHECK(d.state != policy::DeadlineState::Overdue);
        }
    }
    CHECK(logsByDistrict["district-002"] >= 2);
    CHECK(logsByDistrict["district-004"] >= 15);   // Thomas Nguyen's since August 2025 among them
    CHECK(logsByDistrict["clovis-unified"] >= 10); // Maria Delgado-Reyes's, weekly since mid-September
    CHECK(triadSummariesByDistrict["district-002"] >= 1);
    CHECK(triadSummariesByDistrict["district-004"] >= 1);
    // The referrals waiting under seeds 002 and 004 carry the administrator's signed referral form, each eligible by its
    // district's own rule (002: a mandated rating profile; 004: three standards of six).
    int waitingReferrals = 0;
    for (const ParCase &held : ok(store::CaseService(*admin).cases())) {
        if (held.status != CaseStatus::Referral || held.districtPolicyId == "clovis-unified") continue;
        INFO(held.districtPolicyId);
        const auto decision = ok(store::FormService(*admin).referralDecision(held.id));
        REQUIRE(decision);
        CHECK(decision->outcome != policy::ReferralDecision::NotEligible);
        const auto forms = ok(store::FormService(*admin).forms(held.id));
        const auto referral = std::find_if(forms.begin(), forms.end(), [](const auto &f) { return f.content.kind == FormKind::Referral; });
        REQUIRE(referral != forms.end());
        CHECK(referral->signatures.count(CaseRole::SiteAdministrator));
        CHECK_FALSE(referral->fullySigned());
        ++waitingReferrals;
    }
    CHECK(waitingReferrals == 2);
    // Seed 004's extended case, at the end of its second semester: the panel's decision to extend for another semester,
    // signed for the panel, and the year-end report extending on that finding, signed by the site administrator and
    // the mentor and dated when they signed; the teacher (no device in the demo) has not signed. Every party reads both.
    const auto extended = [&] {
        for (const ParCase &held : ok(store::CaseService(*admin).cases()))
            if (held.districtPolicyId == "district-004" && held.kind == CaseKind::Referred && held.status == CaseStatus::Extended) return held;
        FAIL("no extended seed 004 case on the administrator's tablet");
        return ParCase{};
    }();
    const auto yearEndForms = ok(store::FormService(*admin).forms(extended.id));
    const auto decision = std::find_if(yearEndForms.begin(), yearEndForms.end(), [](const auto &f) { return f.content.kind == FormKind::PanelDecision; });
    REQUIRE(decision != yearEndForms.end());
    CHECK(decision->content.fields.at("outcome") == "extend");
    CHECK(decision->fullySigned());
    CHECK(decision->invalidReason.empty());
    const auto yearEnd = std::find_if(yearEndForms.begin(), yearEndForms.end(), [](const auto &f) { return f.content.kind == FormKind::YearEndReport; });
    REQUIRE(yearEnd != yearEndForms.end());
    CHECK(yearEnd->content.fields.at("determination") == "extend");
    CHECK(yearEnd->content.fields.at("panel_finding") == "yes");
    CHECK(yearEnd->invalidReason.empty());
    CHECK(yearEnd->signatures.count(CaseRole::SiteAdministrator));
    CHECK(yearEnd->signatures.count(CaseRole::Mentor));
    CHECK_FALSE(yearEnd->signatures.count(CaseRole::Teacher));
    CHECK(QDateTime::fromMSecsSinceEpoch(yearEnd->document.createdAtMs, Qt::UTC).date() == QDate(2026, 5, 28));
    const auto onMentor = ok(store::FormService(*mentor).forms(extended.id));
    CHECK(std::count_if(onMentor.begin(), onMentor.end(), [](const auto &f) {
              return f.content.kind == FormKind::PanelDecision || f.content.kind == FormKind::YearEndReport;
          }) == 2);
    // The shared case's triad meetings whose scheduled day has passed were held in triad meeting mode on the site
    // administrator's tablet: the summary written and signed there by the administrator, the mentor's signature made
    // there with the mentor's own key backup (dated the meeting's day), the teacher's waiting on the phone; so every
    // triad meeting past its day reads as held on every device, its deadline open until the teacher signs. The backups wait in DIR/backups for a newcomer to try the mode (test_case_forms checks
    // that nothing of a visitor stays in the tablet's store).
    {
        const auto sharedForms = ok(store::FormService(*admin).forms(outcome.caseId));
        const auto initial = std::find_if(sharedForms.begin(), sharedForms.end(), [](const auto &f) {
            return f.content.kind == FormKind::TriadMeeting && f.content.field("meeting") == "0";
        });
        REQUIRE(initial != sharedForms.end());
        const QDate today = QDate::currentDate();
        int past = 0;
        for (int i = 1; initial->content.fields.count("scheduled." + std::to_string(i)); ++i) {
            const QDate on = QDate::fromString(QString::fromStdString(initial->content.field("scheduled." + std::to_string(i))), Qt::ISODate);
            const auto summary = std::find_if(sharedForms.begin(), sharedForms.end(), [&](const auto &f) {
                return f.content.kind == FormKind::TriadMeeting && f.content.field("meeting") == std::to_string(i);
            });
            INFO("triad meeting " << i << " scheduled " << on.toString(Qt::ISODate).toStdString());
            if (on >= today.addDays(-1) && on <= today.addDays(1)) continue; // the day the demo ran may be either side of midnight
            if (on > today) {
                CHECK(summary == sharedForms.end());
                continue;
            }
            ++past;
            REQUIRE(summary != sharedForms.end());
            CHECK(summary->invalidReason.empty());
            CHECK(summary->missingAnswers.empty());
            CHECK(summary->content.field("date") == on.toString(Qt::ISODate).toStdString());
            CHECK(summary->content.tables.count("follow_up"));
            REQUIRE(summary->signatures.count(CaseRole::Mentor));
            CHECK(summary->signatures.at(CaseRole::Mentor).device == admin->deviceId());
            CHECK(summary->signatures.at(CaseRole::SiteAdministrator).device.empty());
            CHECK(QDateTime::fromMSecsSinceEpoch(summary->signatures.at(CaseRole::Mentor).signedAtMs, Qt::UTC).date() == on);
            CHECK_FALSE(summary->signatures.count(CaseRole::Teacher));
        }
        CHECK(past >= 1); // Progress-Monitoring Triad Meeting #1, 63 days after the 8 September 2026 pairing
        for (auto *s : {mentor.get(), teacher.get(), admin.get()})
            for (const auto &d : ok(store::FormService(*s).deadlines(outcome.caseId))) {
                INFO(d.key << " " << d.detail);
                // Held, its summary waiting for the teacher's signature on the phone: open, and saying so.
                if (d.key.rfind("triad:", 0) == 0 && d.state == policy::DeadlineState::Overdue)
                    CHECK(d.detail.find("held on") != std::string::npos);
            }
        for (DemoRole visitor : {DemoRole::Mentor, DemoRole::Teacher})
            CHECK(QFileInfo(QString::fromStdString(dir + "/backups/" + district::demoRoleDir(visitor) + ".triadbak")).size() > 0);
        // The teacher's phone and the mentor's tablet count both signatures too, the mentor's from the mentor's
        // certificate; the phone offers the teacher's part.
        for (auto *s : {mentor.get(), teacher.get()}) {
            int signedThere = 0;
            for (const auto &f : ok(store::FormService(*s).forms(outcome.caseId)))
                if (f.content.kind == FormKind::TriadMeeting && f.content.field("meeting") != "0" && f.signatures.count(CaseRole::Mentor)
                    && f.signatures.count(CaseRole::SiteAdministrator) && f.invalidReason.empty())
                    ++signedThere;
            CHECK(signedThere == past);
        }
    }
    // The teacher sees only their own case; the mentor's other cases never left the tablet for the phone.
    CHECK(ok(store::CaseService(*teacher).cases()).size() == 1);

    // The panel member's tablet holds the referred case's portfolio and the panel's deliberation notes, signed; no
    // other device can open the notes (closed and confidential, seed 004), though the record reached the case store.
    auto panel = openRole(dir, DemoRole::Panel, keystore);
    CHECK(ok(store::CaseService(*panel).parCase(outcome.caseId)).teacherId == teacher->owner().id);
    const auto panelForms = ok(store::FormService(*panel).forms(outcome.caseId));
    const auto notes = std::find_if(panelForms.begin(), panelForms.end(), [](const auto &f) { return f.content.kind == FormKind::PanelDeliberation; });
    REQUIRE(notes != panelForms.end());
    CHECK(notes->fullySigned());
    CHECK(notes->content.fields.at("notes").find("portfolio") != std::string::npos);
    CHECK(std::any_of(panelForms.begin(), panelForms.end(), [](const auto &f) { return f.content.kind == FormKind::Referral; }));
    for (auto *s : {mentor.get(), teacher.get(), admin.get()}) {
        const auto held = ok(store::FormService(*s).forms(outcome.caseId));
        CHECK(std::none_of(held.begin(), held.end(), [](const auto &f) { return f.content.kind == FormKind::PanelDeliberation; }));
        CHECK_FALSE(ok(s->heldRecord(notes->versionId)).has_value());
    }
    CHECK(ok(store::SyncQueue(*panel).setAside()).empty());
    CHECK(ok(panel->pendingOutboxCount()) == 0);
    panel.reset();

    // The teacher's phone holds the latest report and opens it: composed from the notes, sections by standard, the
    // mentor's narrative; it awaits the teacher's signature.
    const auto onPhone = ok(store::ReportService(*teacher).report(outcome.reportId));
    REQUIRE(onPhone.versions.size() == 1);
    const Document &report = onPhone.versions.front().document;
    REQUIRE(report.report.has_value());
    CHECK_FALSE(report.report->sections.empty());
    CHECK(report.report->narrative.find("Mr. Okafor") != std::string::npos);
    std::size_t excerpts = 0;
    for (const auto &s : report.report->sections) excerpts += s.excerpts.size();
    CHECK(excerpts >= 3);
    CHECK(report.authorPersonId == mentor->owner().id);
    CHECK_FALSE(onPhone.versions.front().acknowledged);
    // ...and kept the case store's signed receipt for it: when the report reached the case store, by its clock.
    const auto receipt = ok(store::ReceiptStore(*teacher).of(report.id));
    REQUIRE(receipt.has_value());
    CHECK(receipt->key == caseStore->publicReceiptKey());

    // The earlier report, from the formal observation, the teacher has signed on the phone.
    const auto signedOnPhone = ok(store::ReportService(*teacher).report(outcome.signedReportId));
    REQUIRE(signedOnPhone.versions.size() == 1);
    CHECK(signedOnPhone.versions.front().acknowledged);
    CHECK(signedOnPhone.versions.front().document.report->toMs <= report.report->fromMs);
    CHECK(ok(store::ReceiptStore(*teacher).of(outcome.signedReportId)).has_value());

    // The administrator's tablet, as the audience matrix says for a referred case: the signed report and its
    // acknowledgement, readable; of the report awaiting the signature nothing readable (the case store does not even
    // serve it: it is not addressed to the administrator's key).
    const AudienceContext unsigned_{CaseKind::Referred, false, false, false, std::nullopt, store::systemClockMs()};
    const AudienceContext signed_{CaseKind::Referred, true, false, false, std::nullopt, store::systemClockMs()};
    CHECK_FALSE(mayRead(CaseRole::SiteAdministrator, DocumentType::Report, unsigned_).allowed);
    CHECK(mayRead(CaseRole::SiteAdministrator, DocumentType::Report, signed_).allowed);
    const auto onTablet = ok(store::ReportService(*admin).report(outcome.signedReportId));
    REQUIRE(onTablet.versions.size() == 1);
    CHECK(onTablet.versions.front().document.text == signedOnPhone.versions.front().document.text);
    CHECK(onTablet.versions.front().acknowledged);
    const auto ackOnTablet = ok(store::DocumentStore(*admin).acknowledgementOf(outcome.signedReportId, c));
    CHECK(ackOnTablet.has_value());
    CHECK_FALSE(ok(admin->heldRecord(report.id)).has_value());
    for (const auto &v : ok(store::DocumentStore(*admin).list(outcome.caseId))) CHECK((v.readable ? v.id : RecordId{}) != report.id);

    // Running the set-up again keeps everything: no second caseload, no more reports, no new enrollment or signature.
    mentor.reset();
    teacher.reset();
    admin.reset();
    ok(district::prepareDemoTriad(dir, keystore, pass(), pass(), std::nullopt, store::systemClockMs()));
    const auto rerun = ok(district::connectDemoTriad(dir, keystore, pass(), caseStore->url()));
    CHECK(rerun.caseId == outcome.caseId);
    CHECK(rerun.reportId == outcome.reportId);
    CHECK(rerun.signedReportId == outcome.signedReportId);
    CHECK_FALSE(mentions(rerun.steps.done, "Enrolled"));
    CHECK_FALSE(mentions(rerun.steps.done, "composed"));
    CHECK_FALSE(mentions(rerun.steps.done, "acknowledged"));
    CHECK_FALSE(mentions(rerun.steps.done, "deliberation notes"));
    CHECK(mentions(rerun.steps.kept, "deliberation notes"));
    CHECK(mentions(rerun.steps.kept, "triad meetings held so far"));
    CHECK_FALSE(mentions(rerun.steps.done, "triad meeting mode"));
    CHECK(mentions(rerun.steps.kept, "The mentor issued reports"));
    mentor = openRole(dir, DemoRole::Mentor, keystore);
    CHECK(ok(store::CaseService(*mentor).cases()).size() == 7);
    CHECK(ok(store::ReportService(*mentor).reports(outcome.caseId)).size() == 2);

    // A case store that is not the demo district's, or a folder with no demo, is refused with a sentence.
    QTemporaryDir empty;
    auto none = district::connectDemoTriad(empty.path().toStdString(), keystore, pass(), caseStore->url());
    REQUIRE_FALSE(none);
    CHECK(none.error().code == "demo.not_prepared");
    auto wrong = district::connectDemoTriad(dir, keystore, platform::UnlockCredential::fromPassphrase("not the passphrase"), caseStore->url());
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().message.find("could not be opened") != std::string::npos);
}
