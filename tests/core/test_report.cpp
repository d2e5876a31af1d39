// The report composer's core (core/report.h): a draft from the case's notes — current wording after amendments,
// grouped by CSTP standard with the standards of focus first, oldest first, the period's bounds — and the report's
// payload form: it decodes back to what was written, old documents without it still read, and a report over the caps
// or with a version history that disagrees with its document is refused.
#include "case_records.h"
#include "report.h"

#include <catch2/catch.hpp>

#include <QCborArray>
#include <QCborMap>

using namespace triad;

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;
constexpr std::int64_t kStart = 1788220800000; // 2026-09-01 00:00 UTC

RecordId idOf(std::uint8_t n)
{
    RecordId id;
    id.bytes.fill(n);
    return id;
}

struct Notes {
    RecordId observation = idOf(0xee);
    std::vector<ComposerNote> list;
    std::uint8_t next = 1;

    ComposerNote &add(std::int64_t at, const std::string &text, std::vector<std::string> tags)
    {
        Note n;
        n.id = idOf(next++);
        n.observationId = observation;
        n.takenAtMs = at;
        n.text = text;
        n.tags = std::move(tags);
        list.push_back(ComposerNote{n, {}, {}});
        return list.back();
    }
    static void amend(ComposerNote &n, const std::string &text, std::vector<std::string> tags, std::uint8_t id)
    {
        Amendment a;
        a.id = idOf(id);
        a.noteId = n.note.id;
        a.text = text;
        a.tags = std::move(tags);
        n.amendments.push_back(a);
    }
};

ComposeInput inputFor(const Notes &notes, std::vector<std::string> focus, std::int64_t from, std::int64_t to)
{
    ComposeInput in;
    in.standardsOfFocus = std::move(focus);
    in.fromMs = from;
    in.toMs = to;
    in.notes = notes.list;
    in.titleOf = [](const std::string &s) { return s == "2" ? std::string("Standard 2: Environments") : std::string(); };
    return in;
}

std::vector<std::string> texts(const ReportSection &s)
{
    std::vector<std::string> out;
    for (const auto &e : s.excerpts) out.push_back(e.text);
    return out;
}

std::vector<std::string> standards(const ReportContent &c)
{
    std::vector<std::string> out;
    for (const auto &s : c.sections) out.push_back(s.standard);
    return out;
}

Document reportDocument(ReportContent r, std::vector<RecordId> parents = {})
{
    Document d;
    d.id = idOf(0x40);
    d.lineageId = parents.empty() ? d.id : idOf(0x41);
    d.parents = std::move(parents);
    d.caseId = idOf(0x20);
    d.type = DocumentType::Report;
    d.authorPersonId = idOf(0x30);
    d.createdAtMs = kStart;
    d.text = renderReportText(r);
    d.report = std::move(r);
    return d;
}

} // namespace

TEST_CASE("A draft quotes each note's current wording under every standard it is tagged with, focus first, oldest first", "[report][compose]")
{
    Notes n;
    n.add(kStart + 3 * kDay, "Exit tickets sorted by error type.", {"5.2"});
    auto &amended = n.add(kStart + 1 * kDay, "Students pair-share.", {"1.4"});
    Notes::amend(amended, "Students pair-share, then report out.", {"1.4", "2.6"}, 0xa1);
    Notes::amend(amended, "Students pair-share twice, then report out.", {"2.6", "1.4", "1.2"}, 0xa2);
    const RecordId amendedId = amended.note.id; // `amended` refers into a vector the next add() may move
    n.add(kStart + 2 * kDay, "Seating chart posted.", {"2"});
    n.add(kStart + 2 * kDay + 1, "Hallway noise.", {});
    n.add(kStart + 4 * kDay, "Lesson objective on the board.", {"6.1"});

    const ComposedReport draft = composeReport(inputFor(n, {"2", "5.3"}, kStart, kStart + 10 * kDay));
    const ReportContent &c = draft.content;
    // Standards of focus first in the case's order (5.3 is an element of standard 5), then the others by number.
    CHECK(standards(c) == std::vector<std::string>{"2", "5", "1", "6"});
    CHECK(c.sections[0].focus);
    CHECK(c.sections[1].focus);
    CHECK_FALSE(c.sections[2].focus);
    CHECK(c.sections[0].title == "Standard 2: Environments");
    CHECK(c.sections[1].title == "Standard 5");
    // The amended note: its latest wording and tags, under both standards (once in standard 1 despite two elements).
    CHECK(texts(c.sections[0]) == std::vector<std::string>{"Students pair-share twice, then report out.", "Seating chart posted."});
    CHECK(texts(c.sections[2]) == std::vector<std::string>{"Students pair-share twice, then report out."});
    const ReportExcerpt &e = c.sections[0].excerpts[0];
    CHECK(e.noteId == amendedId);
    CHECK(e.takenAtMs == kStart + kDay); // the note's time, not the amendment's
    CHECK(e.amendmentId == idOf(0xa2));
    CHECK(e.tags == std::vector<std::string>{"2.6", "1.4", "1.2"});
    CHECK_FALSE(c.sections[0].excerpts[1].amendmentId);
    CHECK(texts(c.sections[1]) == std::vector<std::string>{"Exit tickets sorted by error type."});
    // The untagged note is left out and counted.
    CHECK(draft.notesInPeriod == 5);
    CHECK(draft.untaggedNotes == 1);
    CHECK(c.narrative.empty());
    CHECK(c.version == 1);
    CHECK_FALSE(c.supersedes);
}

TEST_CASE("A note amended to carry no tag leaves the draft; one amended into a standard joins it", "[report][compose]")
{
    Notes n;
    auto &untagged = n.add(kStart, "Tagged at first.", {"3.1"});
    Notes::amend(untagged, "No longer tagged.", {}, 0xb1);
    auto &tagged = n.add(kStart + 1, "Untagged at first.", {});
    Notes::amend(tagged, "Tagged later.", {"4"}, 0xb2);
    const ComposedReport draft = composeReport(inputFor(n, {}, kStart, kStart + kDay));
    CHECK(standards(draft.content) == std::vector<std::string>{"4"});
    CHECK(texts(draft.content.sections[0]) == std::vector<std::string>{"Tagged later."});
    CHECK(draft.untaggedNotes == 1);
}

TEST_CASE("The period includes its start and excludes its end", "[report][compose]")
{
    Notes n;
    n.add(kStart - 1, "Just before.", {"1"});
    n.add(kStart, "At the start.", {"1"});
    n.add(kStart + kDay - 1, "Last moment.", {"1"});
    n.add(kStart + kDay, "At the end.", {"1"});
    ComposeInput in = inputFor(n, {}, kStart, kStart + kDay);
    in.observations = {Observation{idOf(0xe1), {}, ObservationKind::Formal, true, "Period 1", kStart + kDay},
                       Observation{idOf(0xe2), {}, ObservationKind::Informal, false, "Period 2", kStart + 5},
                       Observation{n.observation, {}, ObservationKind::Informal, true, "Period 4", kStart - kDay}};
    const ComposedReport draft = composeReport(in);
    REQUIRE(draft.content.sections.size() == 1);
    CHECK(texts(draft.content.sections[0]) == std::vector<std::string>{"At the start.", "Last moment."});
    CHECK(draft.notesInPeriod == 2);
    // Observations started in the period, and the earlier one its quoted notes belong to, oldest first.
    REQUIRE(draft.content.observations.size() == 2);
    CHECK(draft.content.observations[0].id == n.observation);
    CHECK(draft.content.observations[1].id == idOf(0xe2));
    CHECK(draft.content.observations[1].kind == "informal");
    CHECK_FALSE(draft.content.observations[1].scheduled);
}

TEST_CASE("An empty period still has a section for each standard of focus and nothing else", "[report][compose]")
{
    Notes n;
    n.add(kStart - kDay, "Outside.", {"3"});
    const ComposedReport draft = composeReport(inputFor(n, {"2.1", "2.6", "4"}, kStart, kStart + kDay));
    CHECK(standards(draft.content) == std::vector<std::string>{"2", "4"});
    CHECK(draft.content.sections[0].excerpts.empty());
    CHECK(draft.notesInPeriod == 0);
    CHECK(draft.untaggedNotes == 0);
    CHECK(draft.content.observations.empty());
    CHECK(checkReport(draft.content).ok());
}

TEST_CASE("Notes at the same moment are ordered by id, whatever order the store gave them", "[report][compose]")
{
    Notes a;
    a.add(kStart, "First id.", {"1"});
    a.add(kStart, "Second id.", {"1"});
    Notes b;
    b.list = {a.list[1], a.list[0]};
    CHECK(composeReport(inputFor(a, {}, kStart, kStart + 1)).content == composeReport(inputFor(b, {}, kStart, kStart + 1)).content);
}

TEST_CASE("Composing again keeps the narratives written, and returns those whose section is gone", "[report][compose]")
{
    ReportContent before;
    before.narrative = "Overall.";
    before.sections = {ReportSection{"2", "Standard 2", true, "About 2.", {}}, ReportSection{"3", "Standard 3", false, "About 3.", {}}};
    ReportContent after;
    after.sections = {ReportSection{"2", "Standard 2", true, "", {}}, ReportSection{"4", "Standard 4", false, "", {}}};
    const auto dropped = carryNarratives(after, before);
    CHECK(after.narrative == "Overall.");
    CHECK(after.sections[0].narrative == "About 2.");
    CHECK(after.sections[1].narrative.empty());
    REQUIRE(dropped.size() == 1);
    CHECK(dropped[0].standard == "3");
}

TEST_CASE("A report document decodes back to its structure; documents without one still read", "[report][payload]")
{
    Notes n;
    auto &note = n.add(kStart, "Pair-share.", {"2.6"});
    note.evidence = {ReportEvidenceRef{idOf(0xd1), "photo"}, ReportEvidenceRef{idOf(0xd2), "audio_memo"}};
    ReportContent r = composeReport(inputFor(n, {"2"}, kStart, kStart + kDay)).content;
    r.narrative = "Overall narrative.";
    r.sections[0].narrative = "Routines are in place.";
    r.version = 3;
    r.supersedes = idOf(0x42);
    const Document d = reportDocument(r, {idOf(0x42)});
    auto back = decodeDocument(encodePayload(d));
    REQUIRE(back);
    REQUIRE(back->report);
    CHECK(*back->report == r);
    CHECK(back->text == d.text);
    CHECK(back->text.find("Routines are in place.") != std::string::npos);
    CHECK(back->text.find("Photo " + idOf(0xd1).toString()) != std::string::npos);

    Document plain = d;
    plain.report.reset();
    auto old = decodeDocument(encodePayload(plain));
    REQUIRE(old);
    CHECK_FALSE(old->report);
}

TEST_CASE("Report content is refused when it disagrees with the document or exceeds the caps", "[report][payload]")
{
    ReportContent r;
    r.fromMs = kStart;
    r.toMs = kStart + kDay;
    r.sections = {ReportSection{"1", "Standard 1", false, "", {}}};
    auto codeOf = [](const Document &d) {
        auto back = decodeDocument(encodePayload(d));
        return back ? std::string("ok") : back.error().code;
    };
    CHECK(codeOf(reportDocument(r)) == "ok");

    SECTION("on a document that is not a report")
    {
        Document d = reportDocument(r);
        d.type = DocumentType::TriadMeetingSummary;
        CHECK(codeOf(d) == "payload.malformed");
    }
    SECTION("a later version that names no superseded version, or names one it was not edited from")
    {
        ReportContent v2 = r;
        v2.version = 2;
        CHECK(codeOf(reportDocument(v2, {idOf(0x41)})) == "payload.malformed");
        v2.supersedes = idOf(0x77);
        CHECK(codeOf(reportDocument(v2, {idOf(0x41)})) == "document.bad_versions");
        v2.supersedes = idOf(0x41);
        CHECK(codeOf(reportDocument(v2, {idOf(0x41)})) == "ok");
        CHECK(codeOf(reportDocument(r, {idOf(0x41)})) == "document.bad_versions"); // version 1 with a history
    }
    SECTION("a period that ends before it starts")
    {
        r.toMs = r.fromMs - 1;
        CHECK(codeOf(reportDocument(r)) == "payload.malformed");
        CHECK_FALSE(checkReport(r));
    }
    SECTION("too many sections, an excerpt too long, too much text in all")
    {
        ReportContent many = r;
        many.sections.assign(kMaxReportSections + 1, r.sections[0]);
        CHECK(checkReport(many).error().code == "payload.malformed");
        CHECK(codeOf(reportDocument(many)) == "payload.malformed");
        ReportContent longOne = r;
        longOne.sections[0].excerpts.push_back(ReportExcerpt{idOf(1), idOf(2), kStart, std::string(kMaxReportExcerptBytes + 1, 'x'), {}, {}, {}});
        CHECK_FALSE(checkReport(longOne));
        ReportContent bulky = r;
        for (int i = 0; i < 70; ++i)
            bulky.sections[0].excerpts.push_back(ReportExcerpt{idOf(1), idOf(2), kStart, std::string(kMaxReportExcerptBytes, 'x'), {}, {}, {}});
        CHECK(checkReport(bulky).error().message.find("excerpts/") != std::string::npos);
    }
    SECTION("a mistyped field, an unknown evidence kind")
    {
        QCborMap m = reportToCbor(r).toMap();
        m[QLatin1String("version")] = QStringLiteral("1");
        CHECK_FALSE(reportFromCbor(m));
        ReportContent withEvidence = r;
        withEvidence.sections[0].excerpts.push_back(ReportExcerpt{idOf(1), idOf(2), kStart, "x", {}, {}, {ReportEvidenceRef{idOf(3), "video"}}});
        CHECK_FALSE(checkReport(withEvidence));
    }
}
