// Evidence media sync (docs/protocol.md "Evidence media") through the real case store on loopback, on the backend
// under test (TRIAD_TEST_BACKEND: SQLite, or PostgreSQL for test_media_sync_pg), with a certified district, enrolled
// devices (LocalStore on disk, the real sync engine over its real HttpTransport) and a relay in front of the case
// store (rogue_relay.h) that counts, cuts, rewrites and swaps what passes: a photo taken on the mentor's tablet opens
// on the teacher's phone, a cut transfer resumes without sending a finished part again, a re-upload changes nothing,
// a swapped or altered part sets the medium aside with the reason and loses nothing, and a device that is not a reader
// of the record gets 403.
#include <catch2/catch.hpp>

#include "relayed_district.h"

#include "evidence_store.h"
#include "media_queue.h"
#include "media_stream.h"
#include "receipt.h"
#include "report_service.h"
#include "signature_service.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <random>
#include <set>

using namespace triad;
using test::RogueRelay;
using test::Exchange;
using store::LocalStore;

namespace {

// `bytes` of seeded noise under a JPEG type: the store keeps and the sync moves bytes, it does not decode them.
platform::CapturedMedia photo(int bytes, unsigned seed)
{
    platform::CapturedMedia m;
    m.kind = platform::CapturedMedia::Kind::Photo;
    m.mimeType = "image/jpeg";
    m.width = 1600;
    m.height = 1200;
    m.bytes.resize(bytes);
    std::mt19937 rng(seed);
    for (char &c : m.bytes) c = static_cast<char>(rng());
    return m;
}

bool isPart(const Exchange &ex) { return ex.path.startsWith(QLatin1String("/v1/media/")) && ex.path.count(QLatin1Char('/')) == 4; }

// The district, the real case store and a relay in front of it (relayed_district.h), with the referred case's mentor,
// teacher and site administrator each on their own device.
struct MediaDistrict : test::RelayedDistrict {
    std::unique_ptr<LocalStore> mentor, teacher, admin;

    MediaDistrict()
    {
        mentor = device("mentor", CaseRole::Mentor);
        teacher = device("teacher", CaseRole::Teacher);
        admin = device("administrator", CaseRole::SiteAdministrator);
        d.openCase(*mentor);
    }

    // A photo of `bytes` attached to a new note of the case on the mentor's tablet, its key granted to the teacher
    // (the way a report shares its evidence), and the mentor's tablet synced.
    Evidence mentorPhoto(int bytes, unsigned seed, bool sync = true)
    {
        auto note = store::NoteService(*mentor).addNoteToCase(d.caseId, "Photo of the anchor chart", {"2.6"});
        REQUIRE(note.ok());
        auto e = store::EvidenceStore(*mentor).attach(note->id, photo(bytes, seed));
        REQUIRE(e.ok());
        REQUIRE(mentor->grantRecords({e->id}, {d.keys.members.at(CaseRole::Teacher).identity.publicIdentity()}, d.caseId).ok());
        if (sync) synced(*mentor);
        return std::move(*e);
    }

    // A request straight to the case store (as the relay would forward it) with a device's token.
    Exchange request(const LocalStore &from, const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        Exchange ex;
        ex.method = method;
        ex.path = path;
        ex.token = tokens.at(&from);
        ex.body = body;
        if (method == "PUT") ex.contentType = "application/octet-stream";
        return relay->send(ex);
    }
};

QString partPath(const Evidence &e, std::size_t i)
{
    return QStringLiteral("/v1/media/") + QString::fromStdString(e.id.toString()) + QLatin1Char('/')
           + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(e.parts[i].data()), 32).toHex());
}

QByteArray media(LocalStore &s, const RecordId &id)
{
    auto bytes = store::EvidenceStore(s).readMedia(id);
    if (!bytes) FAIL(bytes.error().code + ": " + bytes.error().message);
    return *bytes;
}

} // namespace

TEST_CASE_METHOD(MediaDistrict, "A record a grant brings its reader comes with a receipt of its own, not its readers' receipt tree",
                 "[sync][receipt]")
{
    const crypto::Identity key = crypto::Identity::generate();
    server->api().setReceiptKey(crypto::Identity::importSecret(key.exportSecret().span()).value());
    // The note and its evidence are stored together for the mentor's readers: one receipt tree. The evidence's key is
    // granted to the teacher, whose pull brings the evidence record along with the grant.
    const Evidence e = mentorPhoto(20'000, 3);
    // The evidence record's receipt and body as a device's pull (one that reads receipt trees) is served them.
    auto servedTo = [&](const LocalStore &device) {
        const Exchange page = request(device, "GET", QStringLiteral("/v1/records?limit=100&receipts=2"));
        REQUIRE(page.status == 200);
        for (const QJsonValue &v : page.responseJson().value(QLatin1String("records")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("id")).toString() != QString::fromStdString(e.id.toString())) continue;
            const QByteArray receipt = QByteArray::fromBase64(o.value(QLatin1String("receipt")).toString().toLatin1());
            const QByteArray body = QByteArray::fromBase64(o.value(QLatin1String("body")).toString().toLatin1());
            return std::pair{std::vector<std::uint8_t>(receipt.begin(), receipt.end()), std::vector<std::uint8_t>(body.begin(), body.end())};
        }
        FAIL("the evidence record was not served");
        return std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>>{};
    };
    const auto [granted, body] = servedTo(*teacher);
    CHECK(granted.size() == directory::kReceiptBytes); // version 1: it hashes no other record
    CHECK_FALSE(directory::isReceiptTree(granted));
    CHECK(directory::verifyReceipt(granted, {directory::receiptKeyOf(key)}, e.id, body).ok());
    // The mentor, a reader it was sealed to, is served the tree's receipt kept with it.
    const auto [kept, sameBody] = servedTo(*mentor);
    CHECK(directory::isReceiptTree(kept));
    CHECK(directory::verifyReceipt(kept, {directory::receiptKeyOf(key)}, e.id, sameBody).ok());
}

TEST_CASE_METHOD(MediaDistrict, "A photo taken on the mentor's tablet opens on the teacher's phone, byte for byte", "[sync][evidence][media]")
{
    const platform::CapturedMedia taken = photo(1'500'000, 1);
    const Evidence e = mentorPhoto(static_cast<int>(taken.bytes.size()), 1, false);
    REQUIRE(e.parts.size() == 6); // 1.5 MB: 23 chunks of 64 KiB, 6 parts
    const sync::SyncReport up = synced(*mentor);
    CHECK(up.mediaSent == 1);
    CHECK(up.mediaPartsSent == 6);
    CHECK(*store::MediaQueue(*mentor).pendingCount() == 0);

    const sync::SyncReport down = synced(*teacher);
    CHECK(down.mediaReceived == 1);
    CHECK(down.mediaPartsFetched == 6);
    CHECK(media(*teacher, e.id) == taken.bytes); // the plaintext, byte for byte
    CHECK(store::EvidenceStore(*teacher).verify().ok());
    // A further sync moves nothing.
    const sync::SyncReport again = synced(*teacher);
    CHECK(again.mediaPartsFetched == 0);
    CHECK(synced(*mentor).mediaPartsSent == 0);

    SECTION("an audio memo of a few bytes (one short part) travels the same way")
    {
        auto note = store::NoteService(*mentor).addNoteToCase(d.caseId, "Student explains the strategy", {"1.1"});
        REQUIRE(note.ok());
        platform::CapturedMedia memo;
        memo.kind = platform::CapturedMedia::Kind::AudioMemo;
        memo.mimeType = "audio/wav";
        memo.durationMs = 1200;
        memo.bytes = QByteArray("RIFF\x24\0\0\0WAVE", 12);
        auto a = store::EvidenceStore(*mentor).attach(note->id, memo);
        REQUIRE(a.ok());
        REQUIRE(a->parts.size() == 1);
        REQUIRE(mentor->grantRecords({a->id}, {d.keys.members.at(CaseRole::Teacher).identity.publicIdentity()}, d.caseId).ok());
        CHECK(synced(*mentor).mediaPartsSent == 1);
        CHECK(synced(*teacher).mediaReceived == 1);
        CHECK(media(*teacher, a->id) == memo.bytes);
        CHECK(store::EvidenceStore(*teacher).evidence(a->id)->kind == EvidenceKind::AudioMemo);
    }
    SECTION("a device that is not a reader of the record cannot fetch its parts, list them or send any")
    {
        synced(*admin); // the administrator holds neither the evidence record nor a grant for it
        CHECK(store::EvidenceStore(*admin).evidence(e.id).error().code == "evidence.unknown");
        const Exchange part = request(*admin, "GET", partPath(e, 0));
        CHECK(part.status == 403);
        CHECK(part.responseJson().value("code").toString() == QLatin1String("media.forbidden"));
        CHECK(part.responseJson().value("message").toString().contains(QLatin1String("not a reader of the evidence record")));
        CHECK(request(*admin, "GET", QStringLiteral("/v1/media/") + QString::fromStdString(e.id.toString())).status == 403);
        // The teacher may read it (granted) but not send it: only a device it is sealed to may.
        const Exchange put = request(*teacher, "PUT", partPath(e, 0), media(*teacher, e.id).left(10));
        CHECK(put.status == 403);
        CHECK(put.responseJson().value("code").toString() == QLatin1String("media.forbidden"));
        // No token at all.
        Exchange anonymous;
        anonymous.method = "GET";
        anonymous.path = partPath(e, 0);
        CHECK(relay->send(anonymous).status == 401);
    }
    SECTION("an insider of another case who pushes a key grant of the evidence to themselves gets neither record nor media")
    {
        auto insider = device("insider", d.keys.outsider);
        // A certified person's own signed grant naming the evidence, sealed to themselves: the case store takes it
        // (its author is certified) but does not count it, as its author may not read the evidence.
        REQUIRE(insider->writeRecordFor({insider->ownerKeys()}, RecordType::KeyGrant, RecordId::generate(), d.caseId, e.id, d.clock,
                                        QByteArray(48, 'k'))
                    .ok());
        const sync::SyncReport r = synced(*insider);
        CHECK(r.pushed >= 1);
        // The evidence record did not ride along with a grant that does not count.
        CHECK_FALSE(*insider->holds(e.id, RecordType::Evidence));
        const Exchange part = request(*insider, "GET", partPath(e, 0));
        CHECK(part.status == 403);
        CHECK(part.responseJson().value("code").toString() == QLatin1String("media.forbidden"));
    }
    SECTION("a re-upload is idempotent, a part under a false name or beyond the record is refused")
    {
        auto part0 = store::EvidenceStore(*mentor).part(e, 0);
        REQUIRE(part0.ok());
        const Exchange again0 = request(*mentor, "PUT", partPath(e, 0), *part0);
        CHECK(again0.status == 200);
        CHECK(again0.responseJson().value("status").toString() == QLatin1String("held"));
        // Everything queued again (as after a case store restore): every part is held, none is sent.
        REQUIRE(store::SyncQueue(*mentor).resendEverything().ok());
        const sync::SyncReport resent = synced(*mentor);
        CHECK(resent.mediaSent == 1);
        CHECK(resent.mediaPartsSent == 0);
        QByteArray altered = *part0;
        altered[100] = static_cast<char>(altered[100] ^ 1);
        const Exchange wrongName = request(*mentor, "PUT", partPath(e, 0), altered);
        CHECK(wrongName.status == 422);
        CHECK(wrongName.responseJson().value("code").toString() == QLatin1String("media.bad_part"));
        const Exchange noRecord = request(*mentor, "GET", QStringLiteral("/v1/media/") + QString::fromStdString(RecordId::generate().toString()));
        CHECK(noRecord.status == 404);
        CHECK(noRecord.responseJson().value("code").toString() == QLatin1String("media.no_record"));
        const Exchange tooBig = request(*mentor, "PUT", partPath(e, 0), QByteArray(casestore::kMaxMediaPartBytes + 1, 'x'));
        CHECK(tooBig.status == 413);
        CHECK(media(*teacher, e.id) == taken.bytes);
    }
}

TEST_CASE_METHOD(MediaDistrict, "A transfer cut mid-way resumes without sending or fetching a finished part again", "[sync][evidence][media]")
{
    const platform::CapturedMedia taken = photo(2'000'000, 2);
    const Evidence e = mentorPhoto(static_cast<int>(taken.bytes.size()), 2, false);
    REQUIRE(e.parts.size() == 8);
    sync::SyncOptions one = options();
    one.requestsInFlight = 1; // one part at a time, so the cut falls at a known part

    // Upload: from the fourth PUT on, the connection is cut before the request reaches the case store (Qt sends a
    // request again once when its connection drops, so the network stays down until the test lifts the cut).
    int puts = 0;
    relay->onRequest = [&](Exchange &ex) {
        if (ex.method == "PUT" && ++puts >= 4) {
            ex.status = 0;
            return RogueRelay::Verdict::Answer;
        }
        return RogueRelay::Verdict::Forward;
    };
    const sync::SyncReport cut = sync(*mentor, one);
    CHECK(cut.state == sync::SyncState::Offline);
    CHECK(cut.mediaPartsSent == 3);
    CHECK(*store::MediaQueue(*mentor).pendingCount() == 1);
    relay->onRequest = nullptr;
    const sync::SyncReport resumed = synced(*mentor, one);
    CHECK(resumed.mediaPartsSent == 5); // the three stored parts are not sent again
    std::map<QString, int> stored;
    for (const Exchange &ex : relay->log)
        if (ex.method == "PUT" && ex.status == 200) ++stored[ex.path];
    CHECK(stored.size() == 8);
    for (const auto &[path, n] : stored) CHECK(n == 1);

    // Download: from the sixth part GET on, the reply is lost after the case store served it.
    relay->log.clear();
    int gets = 0;
    relay->onResponse = [&](Exchange &ex) {
        if (ex.method == "GET" && isPart(ex) && ++gets >= 6) ex.status = 0;
    };
    const sync::SyncReport cutDown = sync(*teacher, one);
    CHECK(cutDown.state == sync::SyncState::Offline);
    CHECK(cutDown.mediaPartsFetched == 5);
    CHECK_FALSE(*store::EvidenceStore(*teacher).hasMedia(e.id)); // nothing half-kept where the app reads media
    relay->onResponse = nullptr;
    const sync::SyncReport resumedDown = synced(*teacher, one);
    CHECK(resumedDown.mediaPartsFetched == 3);
    CHECK(resumedDown.mediaReceived == 1);
    std::map<QString, int> fetched;
    for (const Exchange &ex : relay->log)
        if (ex.method == "GET" && isPart(ex) && ex.status == 200) ++fetched[ex.path];
    CHECK(fetched.size() == 8);
    for (const auto &[path, n] : fetched) CHECK(n == 1); // a part that arrived is never fetched again
    CHECK(media(*teacher, e.id) == taken.bytes);
}

TEST_CASE_METHOD(MediaDistrict, "A case store that swaps or alters a part is caught; the medium is set aside with the reason, nothing is lost",
                 "[sync][evidence][media][rogue]")
{
    const platform::CapturedMedia taken = photo(1'000'000, 3);
    const Evidence e = mentorPhoto(static_cast<int>(taken.bytes.size()), 3);
    REQUIRE(e.parts.size() == 4);
    auto part = [&](std::size_t i) { return *store::EvidenceStore(*mentor).part(e, i); };

    SECTION("two parts swapped") {
        relay->onResponse = [&](Exchange &ex) {
            if (ex.method == "GET" && ex.path == partPath(e, 1)) ex.response = part(2);
            if (ex.method == "GET" && ex.path == partPath(e, 2)) ex.response = part(1);
        };
    }
    SECTION("one byte of a part altered") {
        relay->onResponse = [&](Exchange &ex) {
            if (ex.method == "GET" && ex.path == partPath(e, 3)) ex.response[7] = static_cast<char>(ex.response[7] ^ 0x40);
        };
    }
    SECTION("a part of another medium served under this one's name") {
        auto other = std::make_shared<Evidence>(mentorPhoto(300'000, 4));
        relay->onResponse = [&, other](Exchange &ex) {
            if (ex.method == "GET" && ex.path == partPath(e, 0)) ex.response = *store::EvidenceStore(*mentor).part(*other, 0);
        };
    }
    const sync::SyncReport r = synced(*teacher); // the rest of the sync goes on
    CHECK(r.mediaSetAside == 1);
    auto aside = store::SyncQueue(*teacher).setAside();
    REQUIRE(aside.ok());
    bool found = false;
    for (const auto &a : *aside)
        if (a.id == e.id) {
            found = true;
            CHECK(a.incoming);
            CHECK(a.code == "media.bad_part");
            CHECK(a.reason.find("other bytes than the signed evidence record names") != std::string::npos);
        }
    CHECK(found);
    // Nothing half-kept, the evidence record itself still there and readable, the mentor's copy untouched.
    CHECK_FALSE(*store::EvidenceStore(*teacher).hasMedia(e.id));
    CHECK(store::EvidenceStore(*teacher).evidence(e.id).ok());
    CHECK(store::EvidenceStore(*teacher).verify().ok());
    CHECK(media(*mentor, e.id) == taken.bytes);
    CHECK(test::noteTexts(*teacher, d.caseId).empty()); // the teacher reads no notes, and the sync broke nothing
    // Not fetched again on its own (a hostile case store would have it fetched forever); "try again" does, and an
    // honest case store then delivers it.
    CHECK(synced(*teacher).mediaPartsFetched == 0);
    relay->onResponse = nullptr;
    REQUIRE(store::SyncQueue(*teacher).requeueOutgoing().ok());
    const sync::SyncReport retried = synced(*teacher);
    CHECK(retried.mediaReceived >= 1);
    CHECK(media(*teacher, e.id) == taken.bytes);
}

TEST_CASE_METHOD(MediaDistrict, "A report's photo reaches the teacher with the report, and the administrator only after the signature",
                 "[sync][evidence][media][report]")
{
    // A photo on a tagged note, no grant by hand: issuing the report that cites it shares it (ReportService::issueDraft).
    const std::int64_t start = d.clock;
    d.later();
    auto note = store::NoteService(*mentor).addNoteToCase(d.caseId, "Anchor chart for the sourcing routine", {"2.6"});
    REQUIRE(note.ok());
    const platform::CapturedMedia taken = photo(200'000, 9);
    auto e = store::EvidenceStore(*mentor).attach(note->id, taken);
    REQUIRE(e.ok());
    d.later();
    store::ReportService reports(*mentor);
    REQUIRE(reports.compose(d.caseId, store::ReportPeriod{start, d.clock + 1}).ok());
    REQUIRE(reports.setNarrative(d.caseId, std::nullopt, "Routines are posted and used.").ok());
    auto issued = reports.issueDraft(d.caseId);
    REQUIRE(issued.ok());
    REQUIRE(citedEvidence(*issued->document.report) == std::vector<RecordId>{e->id});
    synced(*mentor);

    synced(*teacher);
    CHECK(media(*teacher, e->id) == taken.bytes); // the teacher opens the report's photo
    synced(*admin);
    CHECK_FALSE(store::EvidenceStore(*admin).evidence(e->id).ok()); // not before the teacher signs
    CHECK_FALSE(*store::EvidenceStore(*admin).hasMedia(e->id));

    // The teacher signs; the mentor shares the report after the signature, and its evidence goes with it.
    REQUIRE(store::SignatureService(*teacher).agreeToElectronicRecords(d.caseId).ok());
    REQUIRE(store::SignatureService(*teacher).acknowledge(issued->document.id).ok());
    synced(*teacher);
    synced(*mentor);
    auto shared = store::DocumentStore(*mentor).shareAfterSignature(issued->document.id);
    REQUIRE(shared.ok());
    CHECK(*shared > 0);
    synced(*mentor);
    synced(*admin);
    CHECK(media(*admin, e->id) == taken.bytes);

    // Sharing again gives no one anything new to fetch.
    REQUIRE(store::DocumentStore(*mentor).shareCitedEvidence(issued->document.id).ok());
    synced(*mentor);
    CHECK(synced(*teacher).mediaPartsFetched == 0);
}
