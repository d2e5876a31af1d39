// The report screens' view models over real enrolled stores (tests/access/store_district.h): the home each role
// opens on, the teacher's inbox and what awaits them, the report page with its sections and excerpts, and the
// acknowledgement confirmed with the teacher's own unlock; the mentor's caseload showing what awaits the teacher and
// the next report due counted from the last issued report; the composer issuing version 1.
#include "caseload_model.h"
#include "note_service.h"
#include "report_composer.h"
#include "report_controller.h"
#include "report_list_model.h"
#include "report_service.h"
#include "response_service.h"
#include "role_home.h"
#include "signature_service.h"
#include "vm_support.h"

#include "access/store_district.h"

using namespace triad;
using test::District;
using test::ok;
using test::send;

namespace {

constexpr const char *kDevicePassphrase = "correct horse battery staple"; // store_district.h's

std::unique_ptr<ui::Session> sessionOn(District &d, const std::string &device)
{
    test::guiApp();
    auto session = std::make_unique<ui::Session>(d.tmp.filePath(QString::fromStdString(device)),
                                                 std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
    REQUIRE(session->unlockNow(QString::fromLatin1(kDevicePassphrase)).ok());
    session->sync()->suspend();
    return session;
}

// The mentor's referred case with tagged notes and one issued report, carried to the teacher's and the
// administrator's devices.
struct IssuedReport {
    District d;
    std::unique_ptr<store::LocalStore> mentor = d.device("mentor", CaseRole::Mentor);
    std::unique_ptr<store::LocalStore> teacher = d.device("teacher", CaseRole::Teacher);
    std::unique_ptr<store::LocalStore> admin = d.device("admin", CaseRole::SiteAdministrator);
    RecordId reportId;

    IssuedReport()
    {
        d.openCase(*mentor, CaseKind::Referred, {"2", "5.3"});
        const std::int64_t start = d.clock;
        mentor->setClock([this] { return d.clock; });
        for (const auto &[text, tag] : std::vector<std::pair<std::string, std::string>>{
                 {"Warm-up posted before the bell.", "2.6"}, {"Waited five seconds after each question.", "5.3"}, {"Seating chart by reading level.", "1.4"}}) {
            d.later();
            ok(store::NoteService(*mentor).addNoteToCase(d.caseId, text, {tag}));
        }
        d.later();
        store::ReportService reports(*mentor);
        ok(reports.compose(d.caseId, store::ReportPeriod{start, d.clock + 1}));
        REQUIRE(reports.setNarrative(d.caseId, std::nullopt, "Routines are consistent; questioning improved.").ok());
        REQUIRE(reports.setNarrative(d.caseId, std::string("2"), "The warm-up is ready before the bell.").ok());
        reportId = ok(reports.issueDraft(d.caseId)).document.id;
        send(*mentor, *teacher);
        send(*mentor, *admin);
    }
};

} // namespace

TEST_CASE("Each certified role opens on its own home", "[ui][report]")
{
    CHECK(homeFor({Role::ParMentor}) == Home::Caseload);
    CHECK(homeFor({Role::ParticipatingTeacher}) == Home::MyReports);
    CHECK(homeFor({Role::SiteAdministrator}) == Home::SiteCases);
    CHECK(homeFor({Role::DirectorOfInduction}) == Home::SiteCases);
    CHECK(homeFor({Role::PanelMember}) == Home::SiteCases);
    CHECK(homeFor({Role::ParticipatingTeacher, Role::ParMentor}) == Home::Caseload);
    CHECK(homeFor({}) == Home::Caseload);

    IssuedReport r;
    CHECK(sessionOn(r.d, "teacher")->home() == QStringLiteral("my_reports"));
    CHECK(sessionOn(r.d, "admin")->home() == QStringLiteral("site_cases"));
    CHECK(sessionOn(r.d, "mentor")->home() == QStringLiteral("caseload"));
}

TEST_CASE("The teacher's inbox shows the report awaiting their signature, and signing needs their own unlock", "[ui][report]")
{
    IssuedReport r;
    auto session = sessionOn(r.d, "teacher");

    ui::ReportListModel inbox;
    QAbstractItemModelTester tester(&inbox, QAbstractItemModelTester::FailureReportingMode::Warning);
    inbox.setSession(session.get());
    REQUIRE(inbox.rowCount() == 1);
    CHECK(inbox.awaitingCount() == 1);
    const QModelIndex row = inbox.index(0);
    CHECK(inbox.data(row, ui::ReportListModel::ReportIdRole).toString() == test::qs(r.reportId));
    CHECK(inbox.data(row, ui::ReportListModel::StatusRole).toString() == QStringLiteral("Awaiting your signature"));
    CHECK(inbox.data(row, ui::ReportListModel::TitleRole).toString() == QStringLiteral("Report 1 · version 1"));

    ui::ReportController report;
    report.setSession(session.get());
    report.setReportId(test::qs(r.reportId));
    REQUIRE(report.loaded());
    CHECK(report.isTeacher());
    CHECK(report.canAcknowledge());
    CHECK(report.narrative() == QStringLiteral("Routines are consistent; questioning improved."));
    // Sections: the standards of focus first (2, 5), then the other standard with evidence (1).
    REQUIRE(report.sections().size() == 3);
    const auto first = report.sections().at(0).toMap();
    CHECK(first.value(QStringLiteral("standard")).toString() == QStringLiteral("2"));
    CHECK(first.value(QStringLiteral("focus")).toBool());
    CHECK(first.value(QStringLiteral("narrative")).toString() == QStringLiteral("The warm-up is ready before the bell."));
    const auto excerpts = first.value(QStringLiteral("excerpts")).toList();
    REQUIRE(excerpts.size() == 1);
    CHECK(excerpts.at(0).toMap().value(QStringLiteral("text")).toString() == QStringLiteral("Warm-up posted before the bell."));
    CHECK(report.sections().at(2).toMap().value(QStringLiteral("focus")).toBool() == false);
    // The referred teacher's rights from the handbook.
    CHECK(report.rights().join(QLatin1Char('\n')).contains(QStringLiteral("Director of Induction")));
    CHECK(report.rights().join(QLatin1Char('\n')).contains(QStringLiteral("association representative")));

    // A wrong passphrase signs nothing.
    CHECK_FALSE(report.acknowledge(QStringLiteral("not my passphrase")));
    CHECK(report.actionError().contains(QStringLiteral("not right")));
    CHECK_FALSE(ok(store::DocumentStore(*session->store()).current(r.reportId)).acknowledged);
    CHECK_FALSE(report.acknowledge({}));

    // The first signature needs the electronic-records agreement, signed in the same act.
    CHECK(report.needsAgreement());
    CHECK_FALSE(report.acknowledge(QString::fromLatin1(kDevicePassphrase)));
    CHECK(report.actionError().contains(QStringLiteral("electronically")));
    REQUIRE(report.acknowledge(QString::fromLatin1(kDevicePassphrase), true));
    CHECK(ok(store::SignatureService(*session->store()).agreementInForce(r.d.caseId)).has_value());
    CHECK(report.acknowledged());
    CHECK_FALSE(report.canAcknowledge());
    CHECK(inbox.awaitingCount() == 0); // the inbox reloads on the session's change
    CHECK(inbox.data(inbox.index(0), ui::ReportListModel::StatusRole).toString() == QStringLiteral("You acknowledged receipt"));
    CHECK(test::ModelTesterMessages::instance().take().isEmpty());
}

TEST_CASE("Nobody but the case's teacher sees a control to sign, and the mentor's caseload shows what awaits the teacher", "[ui][report]")
{
    IssuedReport r;
    auto admin = sessionOn(r.d, "admin");
    ui::ReportController asAdmin;
    asAdmin.setSession(admin.get());
    asAdmin.setReportId(test::qs(r.reportId));
    // Whatever the administrator may read, they cannot sign for the teacher.
    CHECK_FALSE(asAdmin.canAcknowledge());
    CHECK_FALSE(asAdmin.acknowledge(QString::fromLatin1(kDevicePassphrase)));
    CHECK(asAdmin.rights().isEmpty());

    auto mentor = sessionOn(r.d, "mentor");
    ui::ReportController asMentor;
    asMentor.setSession(mentor.get());
    asMentor.setReportId(test::qs(r.reportId));
    REQUIRE(asMentor.loaded());
    CHECK_FALSE(asMentor.canAcknowledge());
    CHECK(asMentor.status() == QStringLiteral("Awaiting the teacher's signature"));

    ui::CaseloadModel caseload;
    caseload.setSession(mentor.get());
    REQUIRE(caseload.rowCount() == 1);
    CHECK(caseload.data(caseload.index(0), ui::CaseloadModel::WaitingRole).toString() == QStringLiteral("1 report awaits the teacher's signature"));

    // The mentor's case reports list the same report.
    ui::ReportListModel caseReports;
    caseReports.setSession(mentor.get());
    caseReports.setCaseId(test::qs(r.d.caseId));
    REQUIRE(caseReports.rowCount() == 1);
    CHECK(caseReports.data(caseReports.index(0), ui::ReportListModel::AwaitingRole).toBool());

    // Without a case id, the mentor's own inbox is empty: they are nobody's participating teacher.
    ui::ReportListModel mentorInbox;
    mentorInbox.setSession(mentor.get());
    CHECK(mentorInbox.rowCount() == 0);
}

TEST_CASE("The composer builds the draft from the notes and issues version 1; a teacher cannot compose", "[ui][report]")
{
    District d;
    auto mentorStore = d.device("mentor", CaseRole::Mentor);
    auto teacherStore = d.device("teacher", CaseRole::Teacher);
    d.openCase(*mentorStore, CaseKind::Referred, {"2"});
    ok(store::NoteService(*mentorStore).addNoteToCase(d.caseId, "Students entered and began the warm-up.", {"2.6"}));
    send(*mentorStore, *teacherStore);
    auto mentor = sessionOn(d, "mentor");

    ui::ReportComposer composer;
    composer.setSession(mentor.get());
    composer.setCaseId(test::qs(d.caseId));
    CHECK_FALSE(composer.hasDraft());
    REQUIRE(composer.compose());
    REQUIRE(composer.hasDraft());
    REQUIRE(composer.sections().size() == 1);
    CHECK(composer.sections().at(0).toMap().value(QStringLiteral("excerptCount")).toInt() == 1);
    // Issuing without the overall narrative is refused with the reason.
    CHECK_FALSE(composer.issue());
    CHECK_FALSE(composer.actionError().isEmpty());
    REQUIRE(composer.setNarrative({}, QStringLiteral("A good start to routines.")));
    REQUIRE(composer.setNarrative(QStringLiteral("2"), QStringLiteral("Entry routine in place.")));
    QString issued;
    QObject::connect(&composer, &ui::ReportComposer::issued, [&](const QString &id) { issued = id; });
    REQUIRE(composer.issue());
    CHECK_FALSE(issued.isEmpty());
    CHECK_FALSE(composer.hasDraft());
    const auto history = ok(store::ReportService(*mentor->store()).reports(d.caseId));
    REQUIRE(history.size() == 1);
    CHECK(test::qs(history[0].versions.at(0).document.id) == issued);

    auto teacher = sessionOn(d, "teacher");
    ui::ReportComposer asTeacher;
    asTeacher.setSession(teacher.get());
    asTeacher.setCaseId(test::qs(d.caseId));
    CHECK_FALSE(asTeacher.compose());
    CHECK_FALSE(asTeacher.actionError().isEmpty());
}

TEST_CASE("The teacher drafts a response privately; it waits for the report's receipt, and is kept when refused", "[ui][report]")
{
    IssuedReport r;
    auto session = sessionOn(r.d, "teacher");
    ui::ReportController report;
    report.setSession(session.get());
    report.setReportId(test::qs(r.reportId));
    REQUIRE(report.loaded());
    REQUIRE(report.canRespond());
    CHECK(report.responses().isEmpty());
    // Carried by hand, not by a case store: no receipt, so the window has not started, and the teacher is told.
    CHECK(report.responseStatus().contains(QStringLiteral("window for a written response has not started")));
    CHECK(report.responseAttention());

    const QString text = QStringLiteral("The observation on 2 Dec took place during a fire drill week.");
    REQUIRE(report.saveResponseDraft(text));
    ui::ReportController again;
    again.setSession(session.get());
    again.setReportId(test::qs(r.reportId));
    CHECK(again.responseDraft() == text);

    CHECK_FALSE(again.submitResponse());
    CHECK(again.actionError().contains(QStringLiteral("case store")));
    CHECK(ok(store::ResponseService(*session->store()).draft(r.reportId)) == std::optional<std::string>(text.toStdString()));

    // An empty draft is no draft; discarding leaves nothing on the device.
    REQUIRE(again.discardResponseDraft());
    CHECK(again.responseDraft().isEmpty());
    CHECK_FALSE(ok(store::ResponseService(*session->store()).draft(r.reportId)).has_value());
    REQUIRE(again.saveResponseDraft(QStringLiteral("  ")));
    CHECK_FALSE(ok(store::ResponseService(*session->store()).draft(r.reportId)).has_value());

    // Nobody else writes the teacher's response.
    auto mentor = sessionOn(r.d, "mentor");
    ui::ReportController asMentor;
    asMentor.setSession(mentor.get());
    asMentor.setReportId(test::qs(r.reportId));
    CHECK_FALSE(asMentor.canRespond());
    CHECK_FALSE(asMentor.saveResponseDraft(text));
    CHECK_FALSE(asMentor.submitResponse());
    CHECK(asMentor.responseStatus().isEmpty());
}

TEST_CASE("The mentor records that the teacher declined to sign, with the date and a witness; every reader sees it", "[ui][report]")
{
    IssuedReport r;
    auto admin = sessionOn(r.d, "admin");
    ui::ReportController asAdmin;
    asAdmin.setSession(admin.get());
    asAdmin.setReportId(test::qs(r.reportId));
    CHECK_FALSE(asAdmin.canRecordDecline());
    CHECK_FALSE(asAdmin.recordDecline(asAdmin.today(), QStringLiteral("Someone"), {}));

    auto teacher = sessionOn(r.d, "teacher");
    ui::ReportController asTeacher;
    asTeacher.setSession(teacher.get());
    asTeacher.setReportId(test::qs(r.reportId));
    CHECK_FALSE(asTeacher.canRecordDecline());

    auto mentor = sessionOn(r.d, "mentor");
    ui::ReportController report;
    report.setSession(mentor.get());
    report.setReportId(test::qs(r.reportId));
    REQUIRE(report.canRecordDecline());
    CHECK(QDate::fromString(report.today(), Qt::ISODate).isValid());
    CHECK_FALSE(report.recordDecline(QStringLiteral("12/03/2026"), QStringLiteral("Ana Rivera"), {}));
    CHECK(report.actionError().contains(QStringLiteral("year-month-day")));
    CHECK_FALSE(report.recordDecline(report.today(), QStringLiteral("   "), {}));
    CHECK_FALSE(report.actionError().isEmpty());
    CHECK_FALSE(report.recordDecline(QDate::fromString(report.today(), Qt::ISODate).addDays(3).toString(Qt::ISODate), QStringLiteral("Ana Rivera"), {}));
    CHECK(ok(store::SignatureService(*mentor->store()).declineOf(r.reportId)) == std::nullopt);

    REQUIRE(report.recordDecline(report.today(), QStringLiteral("Ana Rivera, site secretary"), QStringLiteral("At the post-observation conference.")));
    CHECK(report.declined().contains(QStringLiteral("Ana Rivera, site secretary")));
    CHECK(report.declined().contains(QStringLiteral("post-observation conference")));
    CHECK_FALSE(report.canRecordDecline());
    CHECK(report.status() == QStringLiteral("The teacher declined to sign"));

    ui::CaseloadModel caseload; // declined is no longer awaiting
    caseload.setSession(mentor.get());
    REQUIRE(caseload.rowCount() == 1);
    CHECK(caseload.data(caseload.index(0), ui::CaseloadModel::WaitingRole).toString().isEmpty());

    // Carried to the teacher's device, the teacher reads it too.
    send(*mentor->store(), *teacher->store());
    asTeacher.reload();
    CHECK(asTeacher.status() == QStringLiteral("You declined to sign"));
    CHECK(asTeacher.declined().contains(QStringLiteral("Ana Rivera")));
}
