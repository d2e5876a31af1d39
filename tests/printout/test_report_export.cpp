// A report taken from the mentor's tablet to the teacher's phone and back, printed for the personnel file, and the
// PDF's printed hashes checked against the signed records (issue 12, item 8). TRIAD_PDF_OUT=dir keeps the PDF.
#include "report_export.h"

#include "access/store_district.h"
#include "audit_service.h"
#include "document_store.h"
#include "note_service.h"
#include "report_service.h"
#include "signature_service.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QDir>
#include <QGuiApplication>

using namespace triad;
using test::District;
using test::ok;
using test::send;

namespace {

void guiApp()
{
    static int argc = 1;
    static char name[] = "test_report_export";
    static char *argv[] = {name, nullptr};
    static QGuiApplication app(argc, argv);
}

// The whole check: records, signers and the PDF's text against what the device assembles for that version.
void checkPdfVerifies(store::LocalStore &device, const QString &path)
{
    auto verdict = printout::verifyReportPdf(device, path);
    REQUIRE(verdict);
    INFO((verdict->problems.empty() ? std::string() : verdict->problems.front()));
    CHECK(verdict->ok());
}

} // namespace

TEST_CASE("The personnel-file PDF of an acknowledged report with a response verifies against the signed records", "[pdf][report]")
{
    guiApp();
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    auto outsider = d.deviceOf("outsider", d.keys.outsider);
    d.openCase(*mentor, CaseKind::Referred, {"2"});
    const std::int64_t start = d.clock;
    d.later();
    ok(store::NoteService(*mentor).addNoteToCase(d.caseId, "Students pair-share before the whole-class discussion.", {"2.6"}));
    d.later();
    ok(store::NoteService(*mentor).addNoteToCase(d.caseId, "Exit tickets sorted into three groups.", {"5.3"}));
    d.later();
    store::ReportService reports(*mentor);
    ok(reports.compose(d.caseId, store::ReportPeriod{start, d.clock}));
    REQUIRE(reports.setNarrative(d.caseId, std::nullopt, "Routines are in place; grouping is the next focus.").ok());
    const auto v1 = ok(reports.issueDraft(d.caseId));

    send(*mentor, *teacher);
    store::DocumentStore teacherDocs(*teacher);
    ok(teacherDocs.acknowledge(v1.document.id));
    d.later();
    ok(teacherDocs.write(d.caseId, DocumentType::TeacherResponse, "The fourth visit was during a fire drill.", v1.document.id));
    send(*teacher, *mentor);

    auto printout = printout::assemble(*mentor, v1.document.id);
    INFO((printout ? std::string() : printout.error().message));
    REQUIRE(printout);
    CHECK(printout->version == 1);
    CHECK_FALSE(printout->teacher.empty());
    CHECK_FALSE(printout->mentor.empty());
    CHECK(printout->signature.state == printout::SignatureBlock::State::Signed);
    REQUIRE(printout->responses.size() == 1);
    CHECK(printout->responses[0].text == "The fourth visit was during a fire drill.");
    REQUIRE(printout->records.size() == 3);
    CHECK(printout->records[0].kind == "report");
    CHECK(printout->records[1].kind == "acknowledgement");
    CHECK(printout->records[2].kind == "teacher_response");
    // The acknowledgement binds exactly the printed report: its hashes are the report record's.
    CHECK(printout->signature.sealedHashHex == printout->records[0].sealedHashHex);
    CHECK(printout->signature.contentHashHex == printout->records[0].contentHashHex);

    QTemporaryDir tmp;
    const QByteArray keep = qgetenv("TRIAD_PDF_OUT");
    const QString dir = keep.isEmpty() ? tmp.path() : QString::fromLocal8Bit(keep);
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/report_v1.pdf");
    REQUIRE(printout::writeReportPdf(*printout, path));

    auto printed = printout::readPrintedRecords(path);
    REQUIRE(printed);
    REQUIRE(*printed == printout->records);
    for (store::LocalStore *device : {mentor.get(), teacher.get()}) {
        auto checks = printout::checkPrintedRecords(*device, *printed);
        REQUIRE(checks);
        for (const auto &c : *checks) {
            INFO(c.finding);
            CHECK(c.ok);
        }
    }

    // The whole check: records, signers and the PDF's text against what each device assembles for that version.
    for (store::LocalStore *device : {mentor.get(), teacher.get()}) checkPdfVerifies(*device, path);

    SECTION("a PDF whose words were changed but whose hash lines are genuine fails")
    {
        printout::ReportPrintout doctored = *printout;
        doctored.overall = "Routines are not in place; grouping is the next focus.";
        const QString forged = dir + QStringLiteral("/report_v1_doctored.pdf");
        REQUIRE(printout::writeReportPdf(doctored, forged));
        auto verdict = printout::verifyReportPdf(*mentor, forged);
        REQUIRE(verdict);
        CHECK_FALSE(verdict->ok());
        REQUIRE(verdict->problems.size() == 1);
        CHECK(verdict->problems[0].find("text is not the text of the signed records") != std::string::npos);
    }
    SECTION("a genuine record relabelled, or one left out, fails")
    {
        printout::ReportPrintout relabelled = *printout;
        relabelled.records[1].kind = "teacher_response";
        relabelled.records.pop_back();
        const QString forged = dir + QStringLiteral("/report_v1_relabelled.pdf");
        REQUIRE(printout::writeReportPdf(relabelled, forged));
        auto verdict = printout::verifyReportPdf(*mentor, forged);
        REQUIRE(verdict);
        CHECK_FALSE(verdict->ok());
        bool listed = false;
        for (const auto &p : verdict->problems) listed = listed || p.find("list of signed records") != std::string::npos;
        CHECK(listed);
    }
    SECTION("a device that cannot read the report does not pass it")
    {
        auto verdict = printout::verifyReportPdf(*outsider, path);
        REQUIRE(verdict);
        CHECK_FALSE(verdict->ok());
        CHECK_FALSE(verdict->contentCompared);
    }
    SECTION("a changed hash, a changed signer, a record the device does not hold: each fails with its reason")
    {
        auto altered = *printed;
        altered[0].contentHashHex[5] = altered[0].contentHashHex[5] == 'a' ? 'b' : 'a';
        altered[1].sealedHashHex[0] = altered[1].sealedHashHex[0] == '0' ? '1' : '0';
        altered[2].signer = "Sam Ortiz (site administrator)";
        auto checks = printout::checkPrintedRecords(*mentor, altered);
        REQUIRE(checks);
        CHECK_FALSE((*checks)[0].ok);
        CHECK((*checks)[0].finding.find("content hash") != std::string::npos);
        CHECK_FALSE((*checks)[1].ok);
        CHECK((*checks)[1].finding.find("sealed hash") != std::string::npos);
        CHECK_FALSE((*checks)[2].ok);
        CHECK((*checks)[2].finding.find("certified signer") != std::string::npos);

        auto elsewhere = printout::checkPrintedRecords(*outsider, *printed);
        REQUIRE(elsewhere);
        for (const auto &c : *elsewhere) {
            CHECK_FALSE(c.ok);
            CHECK(c.finding.find("not held on this device") != std::string::npos);
        }
    }
}

TEST_CASE("The PDF prints the administrator's evidence and the whole trail, lists their records, and verifies on each reader's device",
          "[pdf][report][audit]")
{
    guiApp();
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    auto admin = d.device("admin-laptop", CaseRole::SiteAdministrator);
    d.openCase(*mentor, CaseKind::Referred, {"2"});
    const Document report = ok(store::DocumentStore(*mentor).write(d.caseId, DocumentType::Report, "Six-week report: routines hold."));
    send(*mentor, *teacher);
    d.later();
    store::AuditService phone(*teacher);
    const RecordId delivered = ok(phone.markDelivered(report.id));
    d.later();
    const RecordId viewed = ok(phone.markViewed(report.id));
    d.later();
    ok(store::DocumentStore(*teacher).acknowledge(report.id));
    send(*teacher, *mentor);
    ok(store::DocumentStore(*mentor).shareAfterSignature(report.id));
    send(*mentor, *admin);
    send(*teacher, *admin);
    d.later();
    const Document evidence = ok(store::AuditService(*admin).addEvidence(report.id, "Walk-through on 5 December: routines observed."));
    send(*admin, *mentor);
    send(*admin, *teacher);

    auto printout = printout::assemble(*mentor, report.id);
    INFO((printout ? std::string() : printout.error().message));
    REQUIRE(printout);
    REQUIRE(printout->additionalEvidence.size() == 1);
    CHECK(printout->additionalEvidence[0].text == evidence.text);
    CHECK(printout->additionalEvidence[0].author.find("site administrator") != std::string::npos);
    std::vector<std::string> events;
    for (const auto &e : printout->audit) events.push_back(e.what);
    CHECK(events
          == std::vector<std::string>{"Issued by the PAR mentor", "Delivered to the teacher's device", "First viewed by the teacher",
                                      "Acknowledged by the teacher", "Additional evidence added by the site administrator"});
    CHECK(printout->audit[1].device.find("device " + teacher->deviceId()) != std::string::npos);
    std::vector<std::string> listed;
    for (const auto &r : printout->records) listed.push_back(r.kind + " " + r.recordId);
    CHECK(listed
          == std::vector<std::string>{"report " + report.id.toString(), "acknowledgement " + printout->records[1].recordId,
                                      "administrator_evidence " + evidence.id.toString(), "report_event " + delivered.toString(),
                                      "report_event " + viewed.toString()});
    QTemporaryDir tmp;
    const QByteArray keep = qgetenv("TRIAD_PDF_OUT");
    const QString dir = keep.isEmpty() ? tmp.path() : QString::fromLocal8Bit(keep);
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/report_trail.pdf");
    REQUIRE(printout::writeReportPdf(*printout, path));
    const QString text = printout::plainText(*printout);
    CHECK(text.contains(QStringLiteral("Administrator's additional evidence")));
    CHECK(text.contains(QStringLiteral("Walk-through on 5 December")));
    for (store::LocalStore *device : {mentor.get(), teacher.get(), admin.get()}) checkPdfVerifies(*device, path);

    SECTION("the trail printed with a changed time fails")
    {
        printout::ReportPrintout doctored = *printout;
        doctored.audit[2].deviceTimeMs -= 3 * 24LL * 3600 * 1000; // "viewed" three days earlier
        const QString forged = dir + QStringLiteral("/report_trail_doctored.pdf");
        REQUIRE(printout::writeReportPdf(doctored, forged));
        auto verdict = printout::verifyReportPdf(*mentor, forged);
        REQUIRE(verdict);
        CHECK_FALSE(verdict->ok());
    }
}

TEST_CASE("A declined signature prints in the signature block and the trail with its witness, and verifies", "[pdf][report][audit]")
{
    guiApp();
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    d.openCase(*mentor, CaseKind::Referred, {"2"});
    const Document report = ok(store::DocumentStore(*mentor).write(d.caseId, DocumentType::Report, "Six-week report: routines hold."));
    d.later();
    const QDate today = QDateTime::fromMSecsSinceEpoch(d.clock, Qt::UTC).date();
    const RecordId declined = ok(store::SignatureService(*mentor).recordDecline(report.id, today, "Pat Lee", ""));
    send(*mentor, *teacher);

    auto printout = printout::assemble(*mentor, report.id);
    REQUIRE(printout);
    CHECK(printout->signature.state == printout::SignatureBlock::State::Declined);
    CHECK(printout->signature.witness == "Pat Lee");
    CHECK_FALSE(printout->signature.signer.empty());
    REQUIRE(printout->audit.size() == 2);
    CHECK(printout->audit[1].what == "Declined to sign on " + today.toString(Qt::ISODate).toStdString() + " (recorded by the PAR mentor, witness Pat Lee)");
    REQUIRE(printout->records.size() == 2);
    CHECK(printout->records[1].kind == "declined_signature");
    CHECK(printout->records[1].recordId == declined.toString());
    QTemporaryDir tmp;
    const QString path = tmp.path() + QStringLiteral("/report_declined.pdf");
    REQUIRE(printout::writeReportPdf(*printout, path));
    for (store::LocalStore *device : {mentor.get(), teacher.get()}) checkPdfVerifies(*device, path);
}
