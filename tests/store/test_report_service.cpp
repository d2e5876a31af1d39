// The report composer's service over real enrolled stores (tests/access/store_district.h): a mentor composes a draft
// from 500 tagged and amended notes, the draft stays on the tablet, issuing makes version 1, a revision makes version 2
// that supersedes it while version 1 reads as issued; the teacher reads the structure and acknowledges; nobody but the
// case's mentor issues; a report over the caps, a damaged draft and a malformed signed report are refused.
#include "note_service.h"
#include "report_service.h"
#include "store_district.h"

#include <QCborMap>
#include <QCborValue>

#include <set>

using namespace triad;
using store::DocumentStore;
using store::LocalStore;
using store::ReportHistory;
using store::ReportPeriod;
using store::ReportService;
using test::District;
using test::kMinute;
using test::codeOf;
using test::ok;
using test::send;

namespace {

bool contains(const std::string &haystack, const std::string &needle) { return haystack.find(needle) != std::string::npos; }

// The fixture's referred case, with standards of focus.
void openFocusedCase(District &d, LocalStore &mentor) { d.openCase(mentor, CaseKind::Referred, {"2", "5.3"}); }

std::int64_t recordCount(LocalStore &s) { return *s.database().queryInt("SELECT COUNT(*) FROM records"); }

const ReportSection &sectionFor(const ReportContent &c, const std::string &standard)
{
    for (const auto &s : c.sections)
        if (s.standard == standard) return s;
    FAIL("no section for standard " + standard);
    return c.sections.front();
}

} // namespace

TEST_CASE("A draft composed from 500 tagged notes quotes their current wording by standard and stays on the tablet", "[store][report]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    openFocusedCase(d, *mentor);
    const std::int64_t start = d.clock;
    // 500 notes in one observation: standard 2 (focus), 5.3 (focus), 1.4, 6 in turn, every fifth also 1.2; every
    // tenth amended (its wording and tags), every 50th untagged.
    const std::vector<std::vector<std::string>> tagCycle{{"2.6"}, {"5.3"}, {"1.4"}, {"6"}};
    std::map<RecordId, std::string> wording;
    std::size_t untagged = 0;
    for (int i = 0; i < 500; ++i) {
        d.clock += 1000;
        mentor->setClock([&d] { return d.clock; });
        std::vector<std::string> tags = i % 50 == 49 ? std::vector<std::string>{} : tagCycle[static_cast<std::size_t>(i) % tagCycle.size()];
        if (i % 5 == 0 && !tags.empty()) tags.push_back("1.2");
        const Note n = ok(store::NoteService(*mentor).addNoteToCase(d.caseId, "Note " + std::to_string(i), tags));
        wording[n.id] = n.text;
        if (tags.empty()) ++untagged;
        if (i % 10 == 3) {
            d.clock += 10;
            const Amendment a = ok(store::NoteService(*mentor).amendNote(n.id, "Note " + std::to_string(i) + " as amended", {"2.1"}, "wrong standard"));
            wording[n.id] = a.text;
        }
    }
    const std::int64_t outboxBefore = *mentor->pendingOutboxCount();
    const std::int64_t recordsBefore = recordCount(*mentor);
    const auto exportedBefore = ok(mentor->exportRecords()).size();

    ReportService reports(*mentor);
    const auto composed = ok(reports.compose(d.caseId, ReportPeriod{start, d.clock + 1}));
    const ReportContent &c = composed.draft.content;
    CHECK(composed.notesInPeriod == 500);
    CHECK(composed.untaggedNotes == untagged);
    // Focus first (2, then 5 for element 5.3), then 1 and 6.
    std::vector<std::string> order;
    for (const auto &s : c.sections) order.push_back(s.standard);
    CHECK(order == std::vector<std::string>{"2", "5", "1", "6"});
    CHECK(c.sections[0].title == "Standard 2: Teacher Creates and Maintains Effective Environments for Student Learning");
    CHECK(c.sections[0].focus);
    CHECK(c.sections[1].focus);
    CHECK_FALSE(c.sections[2].focus);
    // Every excerpt quotes the note's current wording, oldest first; amended notes moved to standard 2.
    std::set<RecordId> quoted;
    for (const auto &s : c.sections) {
        for (std::size_t i = 0; i < s.excerpts.size(); ++i) {
            const auto &e = s.excerpts[i];
            CHECK(e.text == wording.at(e.noteId));
            if (i > 0) CHECK(s.excerpts[i - 1].takenAtMs <= e.takenAtMs);
            quoted.insert(e.noteId);
        }
    }
    CHECK(quoted.size() == 500 - untagged);
    const auto &standard2 = sectionFor(c, "2");
    const auto amended = std::count_if(standard2.excerpts.begin(), standard2.excerpts.end(), [](const auto &e) { return e.amendmentId.has_value(); });
    CHECK(amended == 50);
    CHECK(std::none_of(sectionFor(c, "1").excerpts.begin(), sectionFor(c, "1").excerpts.end(),
                       [](const auto &e) { return contains(e.text, "as amended"); }));
    REQUIRE(c.observations.size() == 1);
    CHECK(c.observations[0].kind == "informal");

    // Saved sealed on this device, and only here: no record, nothing queued, nothing in what sync carries.
    const auto saved = ok(reports.draft(d.caseId));
    REQUIRE(saved);
    CHECK(saved->content == c);
    CHECK(*mentor->pendingOutboxCount() == outboxBefore);
    CHECK(recordCount(*mentor) == recordsBefore);
    CHECK(ok(mentor->exportRecords()).size() == exportedBefore);
    auto st = mentor->database().cached("SELECT body FROM report_drafts");
    REQUIRE(st.ok());
    REQUIRE(*(*st)->step());
    const auto body = (*st)->columnBlob(0);
    (*st)->reset();
    CHECK_FALSE(QByteArray(reinterpret_cast<const char *>(body.data()), static_cast<qsizetype>(body.size())).contains("Note 1"));

    // Composing again keeps the narratives written.
    REQUIRE(reports.setNarrative(d.caseId, std::nullopt, "Overall, routines are taking hold.").ok());
    REQUIRE(reports.setNarrative(d.caseId, std::string("2"), "Pair-share is routine.").ok());
    CHECK(codeOf(reports.setNarrative(d.caseId, std::string("4"), "x")) == "report.no_section");
    const auto again = ok(reports.compose(d.caseId, ReportPeriod{start, d.clock + 1}));
    CHECK(again.draft.content.narrative == "Overall, routines are taking hold.");
    CHECK(sectionFor(again.draft.content, "2").narrative == "Pair-share is routine.");
    CHECK(sectionFor(again.draft.content, "2").excerpts == standard2.excerpts);

    // Issued from 500 notes: version 1, the structure inside the signed document, the draft gone.
    const auto v1 = ok(reports.issueDraft(d.caseId));
    CHECK(v1.number == 1);
    REQUIRE(v1.document.report);
    CHECK(v1.document.report->sections.size() == 4);
    CHECK(contains(v1.document.text, "Pair-share is routine."));
    CHECK_FALSE(ok(reports.draft(d.caseId)));
    CHECK(*mentor->pendingOutboxCount() == outboxBefore + 1);
}

TEST_CASE("Issuing makes version N; a revision supersedes it visibly; the teacher acknowledges version 1 and reads its structure", "[store][report]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    openFocusedCase(d, *mentor);
    const std::int64_t start = d.clock;
    d.later();
    const Note pairShare = ok(store::NoteService(*mentor).addNoteToCase(d.caseId, "Students pair-share.", {"2.6"}));
    d.later();
    ok(store::NoteService(*mentor).addNoteToCase(d.caseId, "Exit tickets sorted.", {"5.3"}));
    d.later();

    ReportService reports(*mentor), teacherReports(*teacher);
    auto draft = ok(reports.compose(d.caseId, ReportPeriod{start, d.clock}));
    CHECK(codeOf(reports.issueDraft(d.caseId)) == "report.no_narrative"); // nothing written
    CHECK(ok(reports.reports(d.caseId)).empty());
    REQUIRE(reports.setNarrative(d.caseId, std::nullopt, "First six weeks.").ok());
    const auto v1 = ok(reports.issueDraft(d.caseId));
    CHECK(v1.number == 1);
    CHECK_FALSE(v1.supersedes);
    const Document v1AsIssued = v1.document;

    // The teacher receives it, reads the structure (excerpts linked to the timestamped note), and acknowledges.
    send(*mentor, *teacher);
    const ReportHistory seen = ok(teacherReports.report(v1.document.id));
    REQUIRE(seen.versions.size() == 1);
    const auto &read = seen.versions[0].document;
    REQUIRE(read.report);
    CHECK(read.report->narrative == "First six weeks.");
    const auto &excerpt = sectionFor(*read.report, "2").excerpts.at(0);
    CHECK(excerpt.noteId == pairShare.id);
    CHECK(excerpt.takenAtMs == pairShare.takenAtMs);
    CHECK(excerpt.text == "Students pair-share.");
    CHECK(read.text == v1AsIssued.text);
    CHECK(codeOf(teacherReports.compose(d.caseId)) == "document.not_entitled");
    DocumentStore teacherDocs(*teacher);
    ok(teacherDocs.acknowledge(v1.document.id));
    send(*teacher, *mentor);
    CHECK(ok(reports.report(v1.document.id)).versions[0].acknowledged);

    // A revision after the conference: version 2 of the same report, superseding version 1.
    d.later();
    ok(store::NoteService(*mentor).amendNote(pairShare.id, "Students pair-share twice.", {"2.6"}, "miscounted"));
    d.later();
    const auto revision = ok(reports.compose(d.caseId, std::nullopt, v1.document.id));
    CHECK(revision.draft.revises == v1.document.lineageId);
    CHECK(revision.draft.content.fromMs == start);                 // the revised report's period
    CHECK(revision.draft.content.narrative == "First six weeks."); // carried from version 1
    REQUIRE(reports.setNarrative(d.caseId, std::nullopt, "First six weeks, after the conference.").ok());
    const auto v2 = ok(reports.issueDraft(d.caseId));
    CHECK(v2.number == 2);
    CHECK(v2.supersedes == v1.document.id);
    CHECK(v2.document.lineageId == v1.document.lineageId);
    CHECK(v2.document.parents == std::vector<RecordId>{v1.document.id});
    CHECK(sectionFor(*v2.document.report, "2").excerpts.at(0).text == "Students pair-share twice.");

    // Both versions listed; version 1 unchanged and marked superseded by version 2.
    send(*mentor, *teacher);
    for (ReportService *side : {&reports, &teacherReports}) {
        const auto all = ok(side->reports(d.caseId));
        REQUIRE(all.size() == 1);
        const auto &versions = all[0].versions;
        REQUIRE(versions.size() == 2);
        CHECK(versions[0].document.id == v1.document.id);
        CHECK(versions[0].number == 1);
        CHECK(versions[0].supersededBy == v2.document.id);
        CHECK(versions[0].supersededByNumber == 2);
        CHECK_FALSE(versions[0].current);
        CHECK(versions[0].acknowledged);
        CHECK(versions[0].document.text == v1AsIssued.text);
        CHECK(versions[0].document.report == v1AsIssued.report);
        CHECK(versions[1].number == 2);
        CHECK(versions[1].current);
        CHECK_FALSE(versions[1].acknowledged);
    }
    // Version 1 can no longer be signed: the teacher signs the current version.
    CHECK(codeOf(teacherDocs.acknowledge(v1.document.id)) == "document.stale");
    ok(teacherDocs.acknowledge(v2.document.id));

    // A second report of the case (the next period) is a new lineage, starting where the first one's period ended.
    d.clock += 10 * kMinute;
    ok(store::NoteService(*mentor).addNoteToCase(d.caseId, "Group roles posted.", {"2.2"}));
    const auto next = ok(reports.compose(d.caseId));
    CHECK(next.draft.content.fromMs == v2.document.report->toMs);
    CHECK_FALSE(next.draft.revises);
    CHECK(sectionFor(next.draft.content, "2").excerpts.size() == 1);
}

TEST_CASE("Only the case's PAR mentor composes and issues reports", "[store][report]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto admin = d.device("admin-tablet", CaseRole::SiteAdministrator);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    auto other = d.deviceOf("another-mentor", d.keys.outsider);
    openFocusedCase(d, *mentor);
    ok(store::NoteService(*mentor).addNoteToCase(d.caseId, "Students pair-share.", {"2.6"}));
    send(*mentor, *admin);
    send(*mentor, *teacher);
    ReportContent content;
    content.fromMs = d.clock - kMinute;
    content.toMs = d.clock + kMinute;
    content.narrative = "Not mine to write.";
    for (LocalStore *who : {admin.get(), teacher.get()}) {
        ReportService s(*who);
        const auto issued = s.issue(d.caseId, content);
        CHECK(codeOf(issued) == "document.not_entitled");
        CHECK(codeOf(s.compose(d.caseId)) == "document.not_entitled");
        CHECK(codeOf(s.saveDraft(ReportDraft{d.caseId, std::nullopt, content, 0})) == "document.not_entitled");
        CHECK(ok(DocumentStore(*who).list(d.caseId)).empty());
    }
    // A mentor of another case cannot even read this one.
    CHECK(codeOf(ReportService(*other).issue(d.caseId, content)) != "ok");
    CHECK(ok(ReportService(*mentor).reports(d.caseId)).empty());
}

TEST_CASE("Oversized, damaged and malformed reports are refused and nothing is stored", "[store][report]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    openFocusedCase(d, *mentor);
    ok(store::NoteService(*mentor).addNoteToCase(d.caseId, "Students pair-share.", {"2.6"}));
    ReportService reports(*mentor);
    const std::int64_t records = recordCount(*mentor);

    SECTION("a report over the caps is neither issued nor saved as a draft")
    {
        ReportContent big;
        big.fromMs = d.clock - kMinute;
        big.toMs = d.clock + kMinute;
        big.narrative = std::string(kMaxReportNarrativeBytes + 1, 'x');
        const auto issued = reports.issue(d.caseId, big);
        CHECK(codeOf(issued) == "report.invalid");
        CHECK(contains(issued.error().message, "narrative"));
        CHECK(codeOf(reports.saveDraft(ReportDraft{d.caseId, std::nullopt, big, 0})) == "report.invalid");
        big.narrative = "Fine.";
        big.sections.assign(kMaxReportSections + 1, ReportSection{"1", "Standard 1", false, "", {}});
        CHECK(codeOf(reports.issue(d.caseId, big)) == "report.invalid");
        CHECK(recordCount(*mentor) == records);
        CHECK_FALSE(ok(reports.draft(d.caseId)));
    }
    SECTION("a damaged draft on disk is refused, not issued")
    {
        ok(reports.compose(d.caseId));
        // The last byte is always changed (a fixed x'00' left one draft in 256 intact).
        REQUIRE(mentor->database().exec("UPDATE report_drafts SET body = substr(body, 1, length(body) - 1) || "
                                        "CASE WHEN substr(body, -1) = x'00' THEN x'01' ELSE x'00' END").ok());
        CHECK(codeOf(reports.draft(d.caseId)) != "ok");
        CHECK(codeOf(reports.issueDraft(d.caseId)) != "ok");
        CHECK(recordCount(*mentor) == records);
    }
    SECTION("a signed report whose structure is malformed is refused by its readers, with the reason")
    {
        // Written as a faulty build would: a report with a "report" map missing its sections, signed and sealed.
        Document doc;
        doc.id = RecordId::generate();
        doc.lineageId = doc.id;
        doc.caseId = d.caseId;
        doc.type = DocumentType::Report;
        doc.text = "Looks like a report.";
        doc.authorPersonId = d.person(CaseRole::Mentor);
        doc.createdAtMs = d.clock;
        QCborMap m = QCborValue::fromCbor(encodePayload(doc)).toMap();
        QCborMap bad;
        bad[QLatin1String("from")] = 0;
        m[QLatin1String("report")] = bad;
        std::vector<crypto::PublicIdentity> readers{mentor->ownerKeys()};
        readers.push_back(d.keys.members.at(CaseRole::Teacher).identity.publicIdentity());
        REQUIRE(
            mentor->writeRecordFor(readers, RecordType::Document, doc.id, d.caseId, std::nullopt, doc.createdAtMs, m.toCborValue().toCbor()).ok());
        send(*mentor, *teacher);
        const auto list = ok(DocumentStore(*teacher).list(d.caseId));
        REQUIRE(list.size() == 1);
        CHECK_FALSE(list[0].readable);
        CHECK(contains(list[0].reason, "report's content is not readable"));
        CHECK(ok(ReportService(*teacher).reports(d.caseId)).empty());
        CHECK(codeOf(DocumentStore(*teacher).acknowledge(doc.id)) == "payload.malformed");
    }
}
