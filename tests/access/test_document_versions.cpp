// Edited documents carry versions (docs/storage.md "Conflicts"): each edit of a report or triad meeting summary is a
// new sealed record in the document's lineage; edits made apart (two devices offline) meet as an explicit fork that a
// person who may write the document resolves. Stores here are real enrolled LocalStores of one certified district,
// and records travel between them in the bundles sync carries (exportRecords / importRecords).
#include "store_district.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QTemporaryDir>

#include <algorithm>
#include <functional>

using namespace triad;
using store::DocumentStore;
using store::DocumentView;
using store::LocalStore;
using test::codeOf;
using test::District;
using test::kMinute;
using test::ok;
using test::send;

namespace {

bool contains(const std::string &haystack, const std::string &needle) { return haystack.find(needle) != std::string::npos; }

// The one list entry of a lineage (and nothing else about it in the list).
DocumentView entryOf(DocumentStore &docs, const RecordId &caseId, const RecordId &lineageId)
{
    const auto list = ok(docs.list(caseId));
    std::vector<DocumentView> found;
    for (const auto &v : list)
        if (v.readable && v.lineageId == lineageId) found.push_back(v);
    REQUIRE(found.size() == 1);
    return found.front();
}

std::set<RecordId> headIds(const DocumentView &v)
{
    std::set<RecordId> ids;
    for (const auto &h : v.heads) ids.insert(h.document.id);
    return ids;
}

QByteArray idBytes(const RecordId &id) { return QByteArray(reinterpret_cast<const char *>(id.bytes.data()), 16); }

// A document payload written by hand, as an older build (or a faulty or dishonest writer) would write it.
QCborMap payload(const RecordId &id, const RecordId &caseId, DocumentType type, const std::string &text, const RecordId &author, std::int64_t at)
{
    QCborMap m;
    m[QLatin1String("id")] = idBytes(id);
    m[QLatin1String("case")] = idBytes(caseId);
    m[QLatin1String("type")] = static_cast<int>(type);
    m[QLatin1String("text")] = QString::fromStdString(text);
    m[QLatin1String("author")] = idBytes(author);
    m[QLatin1String("created_at")] = static_cast<qint64>(at);
    return m;
}

QCborArray idArray(std::initializer_list<RecordId> ids)
{
    QCborArray a;
    for (const RecordId &id : ids) a.append(idBytes(id));
    return a;
}

} // namespace

TEST_CASE("A report is edited version by version; stale edits are refused; the list shows the current version and its acknowledgement",
          "[access][documents]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    d.openCase(*mentor);
    DocumentStore docs(*mentor), teacherDocs(*teacher);

    const auto v1 = ok(docs.write(d.caseId, DocumentType::Report, "Six-week report, first draft."));
    CHECK(v1.lineageId == v1.id);
    CHECK(v1.parents.empty());
    d.later();
    const auto v2 = ok(docs.edit(v1.id, v1.id, "Six-week report, after the conference."));
    d.later();
    const auto v3 = ok(docs.edit(v1.id, v2.id, "Six-week report, final wording."));
    CHECK(v2.id != v1.id);
    CHECK(v2.lineageId == v1.id);
    CHECK(v2.parents == std::vector<RecordId>{v1.id});
    CHECK(v3.parents == std::vector<RecordId>{v2.id});

    // One entry per lineage, at its current version.
    auto list = ok(docs.list(d.caseId));
    REQUIRE(list.size() == 1);
    CHECK(list[0].id == v3.id);
    CHECK(list[0].lineageId == v1.id);
    CHECK(list[0].versions == 3);
    CHECK_FALSE(list[0].forked());
    CHECK(list[0].document->text == "Six-week report, final wording.");

    // The history keeps every version, oldest first, each its own sealed record.
    const auto history = ok(docs.history(v3.id));
    REQUIRE(history.size() == 3);
    CHECK(history[0].document.id == v1.id);
    CHECK(history[0].document.text == "Six-week report, first draft.");
    CHECK(history[1].document.id == v2.id);
    CHECK(history[2].document.id == v3.id);
    CHECK(history[2].document.parents == std::vector<RecordId>{v2.id});

    // An edit from a version that is no longer current is refused and changes nothing.
    auto stale = docs.edit(v1.id, v2.id, "edited from an old copy");
    CHECK(codeOf(stale) == "document.stale");
    CHECK(contains(stale.error().message, v3.id.toString()));
    CHECK(codeOf(docs.edit(v1.id, RecordId::generate(), "x")) == "document.unknown_version");
    CHECK(codeOf(docs.edit(RecordId::generate(), v3.id, "x")) == "document.unknown");
    CHECK(codeOf(docs.edit(v1.id, v3.id, "  \n")) == "input.empty");
    CHECK(codeOf(docs.resolveFork(v1.id, "nothing to resolve")) == "document.not_forked");
    CHECK(ok(docs.history(v1.id)).size() == 3);

    // The teacher reads it but may not edit a report; a teacher's written response stands as sent.
    send(*mentor, *teacher);
    CHECK(entryOf(teacherDocs, d.caseId, v1.id).document->text == "Six-week report, final wording.");
    CHECK(codeOf(teacherDocs.edit(v1.id, v3.id, "teacher's wording")) == "document.not_entitled");
    const auto response = ok(teacherDocs.write(d.caseId, DocumentType::TeacherResponse, "My response.", v3.id));
    auto editResponse = teacherDocs.edit(response.id, response.id, "My response, changed.");
    CHECK(codeOf(editResponse) == "document.not_editable");
    CHECK(contains(editResponse.error().message, "further response"));

    // The acknowledgement binds the version the teacher signed; a newer version needs a new signature.
    ok(teacherDocs.acknowledge(v3.id));
    send(*teacher, *mentor);
    auto signedView = entryOf(docs, d.caseId, v1.id);
    CHECK(signedView.acknowledged);
    CHECK_FALSE(signedView.earlierVersionAcknowledged);
    d.later();
    const auto v4 = ok(docs.edit(v1.id, v3.id, "Six-week report, corrected after signature."));
    auto afterEdit = entryOf(docs, d.caseId, v1.id);
    CHECK(afterEdit.id == v4.id);
    CHECK_FALSE(afterEdit.acknowledged);
    CHECK(afterEdit.earlierVersionAcknowledged);
    send(*mentor, *teacher);
    CHECK(codeOf(teacherDocs.acknowledge(v3.id)) == "document.stale");
    ok(teacherDocs.acknowledge(v4.id));
    send(*teacher, *mentor);
    CHECK(entryOf(docs, d.caseId, v1.id).acknowledged);
    const auto versions = ok(docs.history(v1.id));
    CHECK(std::count_if(versions.begin(), versions.end(), [](const store::VersionView &v) { return v.acknowledged; }) == 2);
}

TEST_CASE("Two devices edit the same version apart: after sync both show one explicit fork, and a resolve merges it everywhere",
          "[access][documents]")
{
    District d;
    auto tablet = d.device("mentor-tablet", CaseRole::Mentor);
    auto laptop = d.device("mentor-laptop", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    d.openCase(*tablet);
    DocumentStore onTablet(*tablet), onLaptop(*laptop), onPhone(*teacher);

    const auto base = ok(onTablet.write(d.caseId, DocumentType::TriadMeetingSummary, "Initial triad meeting: norms agreed."));
    send(*tablet, *laptop);

    // Both devices are offline and edit the same version.
    d.later();
    const auto fromTablet = ok(onTablet.edit(base.id, base.id, "Initial triad meeting: norms agreed; dates set for PM #1 and #2."));
    d.later();
    const auto fromLaptop = ok(onLaptop.edit(base.id, base.id, "Initial triad meeting: norms agreed; standards of focus 2.6 and 5."));
    // Each device alone sees a linear history.
    CHECK_FALSE(entryOf(onTablet, d.caseId, base.id).forked());
    CHECK_FALSE(entryOf(onLaptop, d.caseId, base.id).forked());

    // Sync both ways (and to the teacher): the same fork everywhere, both texts, nothing picked, no duplicates.
    CHECK(send(*tablet, *laptop) == 1);
    CHECK(send(*laptop, *tablet) == 1);
    send(*tablet, *teacher);
    for (DocumentStore *docs : {&onTablet, &onLaptop, &onPhone}) {
        const auto list = ok(docs->list(d.caseId));
        REQUIRE(list.size() == 1);
        const DocumentView &v = list.front();
        CHECK(v.forked());
        CHECK(v.id == base.id);
        CHECK_FALSE(v.document.has_value());
        CHECK(v.versions == 3);
        CHECK(headIds(v) == std::set<RecordId>{fromTablet.id, fromLaptop.id});
        CHECK(v.commonParents == std::vector<RecordId>{base.id});
        for (const auto &h : v.heads) {
            CHECK(h.document.authorPersonId == d.person(CaseRole::Mentor));
            CHECK(h.document.text == (h.document.id == fromTablet.id ? fromTablet.text : fromLaptop.text));
            CHECK(h.document.createdAtMs == (h.document.id == fromTablet.id ? fromTablet.createdAtMs : fromLaptop.createdAtMs));
        }
    }

    // Editing a forked document without resolving is refused, naming both current versions.
    for (const RecordId &from : {fromTablet.id, fromLaptop.id, base.id}) {
        auto forked = onTablet.edit(base.id, from, "one more edit");
        CHECK(codeOf(forked) == "document.forked");
        CHECK(contains(forked.error().message, fromTablet.id.toString()));
        CHECK(contains(forked.error().message, fromLaptop.id.toString()));
    }
    // Only someone who may write it resolves it; the teacher cannot, nor sign one side.
    CHECK(codeOf(onPhone.resolveFork(base.id, "teacher's merge")) == "document.not_entitled");
    CHECK(codeOf(onPhone.acknowledge(fromTablet.id)) == "document.forked");

    d.later();
    const std::string merged = "Initial triad meeting: norms agreed; dates set for PM #1 and #2; standards of focus 2.6 and 5.";
    const auto resolved = ok(onLaptop.resolveFork(base.id, merged));
    CHECK(std::set<RecordId>(resolved.parents.begin(), resolved.parents.end()) == std::set<RecordId>{fromTablet.id, fromLaptop.id});
    CHECK(send(*laptop, *tablet) == 1);
    CHECK(send(*tablet, *laptop) == 0); // nothing new comes back: sync is idempotent
    send(*laptop, *teacher);
    for (DocumentStore *docs : {&onTablet, &onLaptop, &onPhone}) {
        const auto v = entryOf(*docs, d.caseId, base.id);
        CHECK_FALSE(v.forked());
        CHECK(v.id == resolved.id);
        CHECK(v.document->text == merged);
        CHECK(v.versions == 4);
        const auto history = ok(docs->history(resolved.id));
        REQUIRE(history.size() == 4);
        CHECK(history.front().document.id == base.id);
        CHECK(history.back().document.id == resolved.id);
    }
    // From here the tablet edits the resolved version as usual.
    d.later();
    CHECK(ok(onTablet.edit(base.id, resolved.id, merged + " Signed by all three.")).parents == std::vector<RecordId>{resolved.id});
}

TEST_CASE("A document written before versions existed opens as version 1 of its own lineage and can be edited", "[access][documents]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    d.openCase(*mentor);
    DocumentStore docs(*mentor);

    // The payload exactly as builds before versions wrote it.
    const RecordId old = RecordId::generate();
    const auto readers = d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor});
    const QByteArray bytes =
        payload(old, d.caseId, DocumentType::Report, "A report from an older build.", d.person(CaseRole::Mentor), d.clock).toCborValue().toCbor();
    REQUIRE(mentor->writeRecordFor(readers, RecordType::Document, old, d.caseId, std::nullopt, d.clock, bytes).ok());

    const auto before = entryOf(docs, d.caseId, old);
    CHECK(before.id == old);
    CHECK(before.versions == 1);
    CHECK(before.document->parents.empty());
    d.later();
    const auto edited = ok(docs.edit(old, old, "The same report, edited in this build."));
    CHECK(edited.lineageId == old);
    CHECK(edited.parents == std::vector<RecordId>{old});
    CHECK(entryOf(docs, d.caseId, old).id == edited.id);

    // A first version written now is encoded as before (older builds read it unchanged); only edits carry the
    // lineage and parents.
    const auto first = ok(docs.write(d.caseId, DocumentType::Report, "A new report."));
    auto keysOf = [&](const RecordId &id) {
        auto st = mentor->database().cached("SELECT body FROM records WHERE id = ?");
        REQUIRE(st.ok());
        (*st)->bind(1, std::span<const std::uint8_t>(id.bytes));
        REQUIRE(*(*st)->step());
        const auto body = (*st)->columnBlob(0);
        (*st)->reset();
        auto opened = mentor->openRecord(body, id, RecordType::Document);
        REQUIRE(opened.ok());
        return QCborValue::fromCbor(*opened).toMap();
    };
    CHECK_FALSE(keysOf(first.id).contains(QLatin1String("parents")));
    CHECK_FALSE(keysOf(first.id).contains(QLatin1String("lineage")));
    CHECK(keysOf(edited.id).value(QLatin1String("lineage")).toByteArray() == idBytes(old));
    CHECK(mentor->verify().ok());
}

TEST_CASE("A version with a tampered or ill-formed parent list is refused when opened; the lineage stays as it was", "[access][documents]")
{
    District d;
    auto mentor = d.device("mentor-tablet", CaseRole::Mentor);
    auto teacher = d.device("teacher-phone", CaseRole::Teacher);
    d.openCase(*mentor);
    DocumentStore docs(*mentor);
    const auto v1 = ok(docs.write(d.caseId, DocumentType::Report, "First draft."));
    d.later();
    const auto v2 = ok(docs.edit(v1.id, v1.id, "Second draft."));
    const auto other = ok(docs.write(d.caseId, DocumentType::Report, "Another report."));

    // Records signed by the certified mentor (a faulty build, or someone dishonest with real keys), each sealed
    // correctly but describing an impossible history.
    const auto readers = d.keys.keysOf({CaseRole::Teacher, CaseRole::Mentor});
    const RecordId me = d.person(CaseRole::Mentor);
    std::map<RecordId, std::string> refused; // id -> what the refusal must say
    auto writeBad = [&](DocumentType type, const std::function<void(QCborMap &, const RecordId &)> &tamper, const std::string &reason,
                        std::optional<RecordId> id = std::nullopt) {
        const RecordId rid = id.value_or(RecordId::generate());
        QCborMap m = payload(rid, d.caseId, type, "TAMPERED", me, d.clock);
        tamper(m, rid);
        REQUIRE(mentor->writeRecordFor(readers, RecordType::Document, rid, d.caseId, std::nullopt, d.clock, m.toCborValue().toCbor()).ok());
        refused[rid] = reason;
    };
    const std::string invalid = "not valid";
    auto set = [](const char *key, QCborValue value) { return [key, value](QCborMap &m, const RecordId &) { m[QLatin1String(key)] = value; }; };
    auto lineageAnd = [&](QCborValue parents) {
        return [&, parents](QCborMap &m, const RecordId &) {
            m[QLatin1String("lineage")] = idBytes(v1.id);
            m[QLatin1String("parents")] = parents;
        };
    };
    writeBad(DocumentType::Report, lineageAnd(QCborValue(idBytes(v2.id))), invalid);      // not a list
    writeBad(DocumentType::Report, lineageAnd(QCborArray{QByteArray(15, 'x')}), invalid); // a short id
    writeBad(DocumentType::Report, lineageAnd(QCborArray{}), invalid);                    // an edit of nothing
    writeBad(DocumentType::Report, lineageAnd(idArray({v2.id, v2.id})), invalid);         // the same parent twice
    writeBad(DocumentType::Report, set("parents", idArray({v2.id})), invalid);            // parents without lineage
    writeBad(
        DocumentType::Report,
        [&](QCborMap &m, const RecordId &id) { // its own parent
            m[QLatin1String("lineage")] = idBytes(v1.id);
            m[QLatin1String("parents")] = idArray({id});
        },
        invalid);
    writeBad(
        DocumentType::Report,
        [&](QCborMap &m, const RecordId &id) { // a first version with parents
            m[QLatin1String("lineage")] = idBytes(id);
            m[QLatin1String("parents")] = idArray({v2.id});
        },
        invalid);
    writeBad(DocumentType::Report, lineageAnd(idArray({other.id})), "another document"); // a parent of another lineage
    writeBad(DocumentType::TriadMeetingSummary, lineageAnd(idArray({v2.id})), "claims to be a version of a report");
    // Two records naming each other: a history that loops back.
    const RecordId x = RecordId::generate(), y = RecordId::generate();
    writeBad(DocumentType::Report, lineageAnd(idArray({y})), "loops back", x);
    writeBad(DocumentType::Report, lineageAnd(idArray({x})), "loops back", y);

    // A teacher's response has no versions: one claiming an earlier version is refused too.
    send(*mentor, *teacher);
    const RecordId badResponse = RecordId::generate();
    QCborMap r = payload(badResponse, d.caseId, DocumentType::TeacherResponse, "TAMPERED", d.person(CaseRole::Teacher), d.clock);
    r[QLatin1String("lineage")] = idBytes(v1.id);
    r[QLatin1String("parents")] = idArray({v2.id});
    REQUIRE(teacher->writeRecordFor(readers, RecordType::Document, badResponse, d.caseId, std::nullopt, d.clock, r.toCborValue().toCbor()).ok());
    send(*teacher, *mentor);
    refused[badResponse] = invalid;

    // Every tampered record is listed as refused with its reason; none of them joins or forks the lineage.
    const auto list = ok(docs.list(d.caseId));
    for (const auto &[id, reason] : refused) {
        INFO(id.toString() << " should be refused: " << reason);
        const auto it = std::find_if(list.begin(), list.end(), [&](const DocumentView &v) { return v.id == id; });
        REQUIRE(it != list.end());
        CHECK_FALSE(it->readable);
        CHECK(contains(it->reason, reason));
        CHECK(codeOf(docs.history(id)) == "document.not_readable");
    }
    const auto lineage = entryOf(docs, d.caseId, v1.id);
    CHECK_FALSE(lineage.forked());
    CHECK(lineage.id == v2.id);
    CHECK(lineage.versions == 2);
    CHECK(ok(docs.history(v1.id)).size() == 2);
    for (const auto &v : list) CHECK((v.document ? v.document->text : std::string()) != "TAMPERED");
    // The honest history goes on.
    d.later();
    CHECK(ok(docs.edit(v1.id, v2.id, "Third draft.")).parents == std::vector<RecordId>{v2.id});
}
