// What the site administrator, the panel and a new mentor read of a signed report (issue 12, item 6): the teacher's
// acknowledgement reaches whoever reads the version it acknowledges; the administrator reads back the triad meeting
// summary they wrote; the case's current mentor (not only the report's author) shares a signed report. Real enrolled
// LocalStores of one certified district; records travel in the bundles sync carries.
#include "store_district.h"

using namespace triad;
using store::DocumentStore;
using store::DocumentView;
using test::District;
using test::codeOf;
using test::ok;
using test::send;

namespace {

// The list entry for `documentId` as `s` sees it (readable or not).
DocumentView viewOf(store::LocalStore &s, const RecordId &caseId, const RecordId &documentId)
{
    for (auto &v : ok(DocumentStore(s).list(caseId)))
        if (v.id == documentId || v.lineageId == documentId) return v;
    FAIL("the document is not listed at all");
    return {};
}

// Whether `s` can open the acknowledgement record `ackId` it holds.
bool opensAcknowledgement(store::LocalStore &s, const RecordId &ackId)
{
    auto held = ok(s.heldRecord(ackId));
    REQUIRE(held.has_value());
    return s.openRecord(held->body, ackId, RecordType::Acknowledgement).ok();
}

} // namespace

TEST_CASE("The teacher's acknowledgement reaches whoever reads the report it acknowledges", "[access][documents]")
{
    District d;
    auto mentor = d.device("mentor", CaseRole::Mentor);
    auto teacher = d.device("teacher", CaseRole::Teacher);
    auto admin = d.device("administrator", CaseRole::SiteAdministrator);
    auto director = d.device("director", CaseRole::DirectorOfInduction);
    auto panel = d.device("panel", CaseRole::Panel);
    auto outsider = d.deviceOf("another mentor", d.keys.outsider);

    SECTION("referred: after the teacher signs, the administrator, director and panel read the report and its signature")
    {
        d.openCase(*mentor, CaseKind::Referred);
        const Document report = ok(DocumentStore(*mentor).write(d.caseId, DocumentType::Report, "Six-week report: standard 2 progressing."));
        send(*mentor, *teacher);
        const RecordId ack = ok(DocumentStore(*teacher).acknowledge(report.id));
        send(*teacher, *mentor);
        CHECK(ok(DocumentStore(*mentor).shareAfterSignature(report.id)) > 0);
        for (auto *reader : {admin.get(), director.get(), panel.get(), outsider.get()}) {
            send(*mentor, *reader);
            send(*teacher, *reader);
        }
        // The administrator reads the report and sees it signed, from the acknowledgement itself.
        const DocumentView seen = viewOf(*admin, d.caseId, report.id);
        REQUIRE(seen.readable);
        CHECK(seen.acknowledged);
        const ParCase c = ok(store::CaseService(*admin).parCase(d.caseId));
        CHECK(ok(DocumentStore(*admin).acknowledgementOf(report.id, c)) == std::optional<RecordId>(ack));
        CHECK(viewOf(*director, d.caseId, report.id).acknowledged);
        // The panel holds no case record, but the acknowledgement was sealed to it with the report's readers.
        CHECK(opensAcknowledgement(*panel, ack));
        // A mentor of another case is no reader of either.
        CHECK_FALSE(opensAcknowledgement(*outsider, ack));
        CHECK_FALSE(viewOf(*outsider, d.caseId, report.id).readable);
    }
    SECTION("volunteer: the acknowledgement stays between teacher and mentor without consent")
    {
        d.openCase(*mentor, CaseKind::Volunteer);
        const Document report = ok(DocumentStore(*mentor).write(d.caseId, DocumentType::Report, "Confidential six-week report."));
        send(*mentor, *teacher);
        const RecordId ack = ok(DocumentStore(*teacher).acknowledge(report.id));
        send(*teacher, *mentor);
        CHECK(ok(DocumentStore(*mentor).shareAfterSignature(report.id)) == 0);
        for (auto *reader : {admin.get(), director.get(), panel.get()}) {
            send(*mentor, *reader);
            send(*teacher, *reader);
            CHECK_FALSE(opensAcknowledgement(*reader, ack));
        }
        CHECK(opensAcknowledgement(*mentor, ack));
        CHECK(viewOf(*mentor, d.caseId, report.id).acknowledged);
    }
    SECTION("volunteer with the teacher's consent naming the administrator for reports: the acknowledgement reaches them too")
    {
        d.openCase(*mentor, CaseKind::Volunteer);
        send(*mentor, *teacher);
        ok(DocumentStore(*teacher).grantConsent(d.caseId, {CaseRole::SiteAdministrator}, {DocumentType::Report}, std::nullopt));
        send(*teacher, *mentor);
        d.later();
        const Document report = ok(DocumentStore(*mentor).write(d.caseId, DocumentType::Report, "Six-week report, shared by consent."));
        send(*mentor, *teacher);
        const RecordId ack = ok(DocumentStore(*teacher).acknowledge(report.id));
        for (auto *reader : {admin.get(), director.get()}) {
            send(*mentor, *reader);
            send(*teacher, *reader);
        }
        CHECK(viewOf(*admin, d.caseId, report.id).readable);
        CHECK(opensAcknowledgement(*admin, ack));
        CHECK_FALSE(opensAcknowledgement(*director, ack));
    }
}

TEST_CASE("The site administrator reads back the triad meeting summary they wrote, and the mentor's edits of it", "[access][documents]")
{
    District d;
    auto mentor = d.device("mentor", CaseRole::Mentor);
    auto teacher = d.device("teacher", CaseRole::Teacher);
    auto admin = d.device("administrator", CaseRole::SiteAdministrator);
    auto panel = d.device("panel", CaseRole::Panel);
    d.openCase(*mentor, CaseKind::Referred);
    send(*mentor, *admin);

    const Document summary =
        ok(DocumentStore(*admin).write(d.caseId, DocumentType::TriadMeetingSummary, "Initial triad meeting: norms agreed, PM #1 on 11 Dec."));
    const DocumentView mine = viewOf(*admin, d.caseId, summary.id);
    REQUIRE(mine.readable);
    CHECK(mine.document->text == summary.text);

    // The mentor and the teacher read it; the mentor edits it, and the administrator, its co-writer, reads the edit.
    send(*admin, *mentor);
    send(*admin, *teacher);
    CHECK(viewOf(*teacher, d.caseId, summary.id).readable);
    d.later();
    const Document edited = ok(DocumentStore(*mentor).edit(summary.id, summary.id, "Initial triad meeting: norms agreed, PM #1 moved to 12 Dec."));
    send(*mentor, *admin);
    const DocumentView now = viewOf(*admin, d.caseId, summary.id);
    REQUIRE(now.readable);
    CHECK(now.id == edited.id);
    CHECK(now.document->text == edited.text);
    // The panel still waits for the teacher's signature.
    send(*admin, *panel);
    send(*mentor, *panel);
    CHECK_FALSE(viewOf(*panel, d.caseId, summary.id).readable);
}

TEST_CASE("After a handover the case's new mentor shares a report the former mentor wrote; nobody else may", "[access][documents]")
{
    District d;
    auto former = d.device("former mentor", CaseRole::Mentor);
    auto next = d.deviceOf("new mentor", d.keys.outsider);
    auto teacher = d.device("teacher", CaseRole::Teacher);
    auto admin = d.device("administrator", CaseRole::SiteAdministrator);
    d.openCase(*former, CaseKind::Referred);
    const Document report = ok(DocumentStore(*former).write(d.caseId, DocumentType::Report, "Final report by the former mentor."));
    send(*former, *teacher);
    d.later();
    REQUIRE(store::CaseService(*former).handOverCase(d.caseId, d.keys.outsider.certificate.personId).ok());
    send(*former, *next);
    send(*former, *teacher);
    send(*former, *admin);

    // The teacher signs after the handover: the acknowledgement goes to the case's mentor now.
    d.later();
    ok(DocumentStore(*teacher).acknowledge(report.id));
    send(*teacher, *next);
    send(*teacher, *admin);
    CHECK_FALSE(viewOf(*admin, d.caseId, report.id).readable);

    // Neither the teacher nor the administrator may open the report to others.
    CHECK(codeOf(DocumentStore(*teacher).shareAfterSignature(report.id)) == "document.not_entitled");
    CHECK(codeOf(DocumentStore(*admin).shareAfterSignature(report.id)) != "ok");

    // The new mentor may: the right comes from the signed case record and its reassignment, not from authorship.
    CHECK(ok(DocumentStore(*next).shareAfterSignature(report.id)) > 0);
    send(*next, *admin);
    const DocumentView seen = viewOf(*admin, d.caseId, report.id);
    REQUIRE(seen.readable);
    CHECK(seen.document->text == "Final report by the former mentor.");
    CHECK(seen.acknowledged);
}
