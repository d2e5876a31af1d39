// The client sync engine against the real case store (in-process CaseStoreServer on a loopback port, SQLite file):
// two devices of one mentor, lost replies, refusals set aside, sign-in loss, settings at rest. The seeded network
// fault runs are in test_sync_faults.cpp.
#include <catch2/catch.hpp>

#include "casestore_server.h"
#include "key_backup.h"
#include "pulled_record.h"
#include "sqlite_record_storage.h"
#include "store/store_fixture.h"
#include "test_support.h"
#include "sync_engine.h"
#include "sync_messages.h"
#include "wire_json.h"
#include "case_service.h"
#include "note_service.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

#include <numeric>
#include <random>
#include <thread>

using namespace triad;

namespace {

sync::SyncOptions fastOptions()
{
    sync::SyncOptions o;
    o.pushBatchRecords = o.maxPushBatchRecords = 4; // several batches even for a handful of records
    o.pullLimit = o.maxPullLimit = 3;
    o.requestTimeoutMs = 5000;
    o.jitterSeed = 7;
    return o;
}

// Wraps the real transport; can lose the reply of chosen requests after the case store handled them.
class LosingTransport final : public sync::Transport {
public:
    int loseNextReplies = 0;
    int posts = 0, gets = 0;
    sync::HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        ++posts;
        return lose(m_real.post(url, token, json, timeoutMs));
    }
    sync::HttpReply get(const QString &url, const std::string &token, int timeoutMs) override
    {
        ++gets;
        return lose(m_real.get(url, token, timeoutMs));
    }

private:
    sync::HttpReply lose(sync::HttpReply reply)
    {
        if (loseNextReplies <= 0) return reply;
        --loseNextReplies;
        return sync::HttpReply{0, {}, "connection reset (test)"};
    }
    sync::HttpTransport m_real;
};

// The real transport with requests really in flight at once (startPost/startGet), except that the reply of the
// chosen POST or GET (1-based, counted over the transport's life) never arrives, as if the connection were cut after
// the case store handled it.
class CuttingTransport final : public sync::Transport {
public:
    int cutPost = 0, cutGet = 0;
    int posts = 0, gets = 0;
    sync::HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        return startPost(url, token, json, timeoutMs)->wait();
    }
    sync::HttpReply get(const QString &url, const std::string &token, int timeoutMs) override { return startGet(url, token, timeoutMs)->wait(); }
    std::unique_ptr<sync::PendingReply> startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        ++posts;
        return std::make_unique<Cut>(m_real.startPost(url, token, json, timeoutMs), posts == cutPost);
    }
    std::unique_ptr<sync::PendingReply> startGet(const QString &url, const std::string &token, int timeoutMs) override
    {
        ++gets;
        return std::make_unique<Cut>(m_real.startGet(url, token, timeoutMs), gets == cutGet);
    }

private:
    struct Cut final : sync::PendingReply {
        Cut(std::unique_ptr<sync::PendingReply> r, bool c) : real(std::move(r)), cut(c) {}
        sync::HttpReply wait() override
        {
            sync::HttpReply r = real->wait();
            return cut ? sync::HttpReply{0, {}, "connection reset (test)"} : r;
        }
        std::unique_ptr<sync::PendingReply> real;
        bool cut;
    };
    sync::HttpTransport m_real;
};

// The real transport, noting the records of each push batch and the limit of each pull page asked for.
class SizingTransport final : public sync::Transport {
public:
    std::vector<int> pushed, limits;
    int refuseAbove = 0; // > 0: a push of more records gets 413, as from a proxy's body limit
    sync::HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        pushed.push_back(static_cast<int>(QJsonDocument::fromJson(json).object().value(QLatin1String("records")).toArray().size()));
        if (refuseAbove > 0 && pushed.back() > refuseAbove)
            return sync::HttpReply{413, R"({"error":{"code":"request.too_large","message":"Request body too large."}})", {}};
        return m_real.post(url, token, json, timeoutMs);
    }
    sync::HttpReply get(const QString &url, const std::string &token, int timeoutMs) override
    {
        if (url.contains(QLatin1String("/v1/records?"))) limits.push_back(QUrlQuery(QUrl(url).query()).queryItemValue(QStringLiteral("limit")).toInt());
        return m_real.get(url, token, timeoutMs);
    }

private:
    sync::HttpTransport m_real;
};

struct SyncFixture {
    QTemporaryDir serverDir;
    std::unique_ptr<casestore::SqliteRecordStorage> storage;
    std::unique_ptr<casestore::CaseStoreServer> server;
    quint16 port = 0;
    test::StoreFixture deviceA; // the mentor's tablet, with a case
    QTemporaryDir dirB;
    std::unique_ptr<store::LocalStore> deviceB; // the mentor's phone, restored from the tablet's key backup

    SyncFixture()
    {
        test::ensureCoreApplication();
        auto opened = casestore::SqliteRecordStorage::open(serverDir.filePath(QStringLiteral("casestore.db")).toStdString());
        REQUIRE(opened.ok());
        storage = std::move(*opened);
        server = std::make_unique<casestore::CaseStoreServer>(*storage);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);

        auto backup = deviceA.store->exportKeyBackup("backup passphrase for tests", true);
        REQUIRE(backup.ok());
        auto restored = crypto::restoreBackup(*backup, "backup passphrase for tests");
        REQUIRE(restored.ok());
        const QString dir = dirB.filePath(QStringLiteral("store"));
        REQUIRE(store::LocalStore::createRestored(dir, deviceA.keystore, platform::UnlockCredential::fromPassphrase(test::kPassphrase),
                                                  store::CreateOptions{"Alex Rivera", "E-10001", {Role::ParMentor}}, restored->identity,
                                                  restored->personId)
                    .ok());
        auto b = store::LocalStore::open(dir, deviceA.keystore, platform::UnlockCredential::fromPassphrase(test::kPassphrase));
        REQUIRE(b.ok());
        deviceB = std::move(*b);
        connect(*deviceA.store);
        connect(*deviceB);
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }

    // Each device gets its own token for the same person (reader key).
    void connect(store::LocalStore &device)
    {
        auto token = casestore::issueToken(*storage, device.ownerKeys().boxKeyId(), 1);
        REQUIRE(token.ok());
        REQUIRE(store::SyncQueue(device).setEndpoint({url(), *token}).ok());
    }

    std::vector<std::string> noteTexts(store::LocalStore &device)
    {
        auto notes = store::NoteService(device).notes(deviceA.caseId);
        REQUIRE(notes.ok());
        std::vector<std::string> out;
        for (const auto &n : *notes) out.push_back(n.amendments.empty() ? n.note.text : n.amendments.back().text);
        std::sort(out.begin(), out.end());
        return out;
    }

    std::int64_t storeCount() { return *storage->recordCount(); }
};

std::int64_t pending(store::LocalStore &s) { return *s.pendingOutboxCount(); }

} // namespace

TEST_CASE_METHOD(SyncFixture, "Two devices of one mentor end with the same notes, amendments and case", "[sync]")
{
    for (int i = 0; i < 10; ++i)
        REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Tablet note " + std::to_string(i), {"2.6"}).ok());
    const std::int64_t written = pending(*deviceA.store);
    REQUIRE(written >= 13); // person, case, observation, ten notes

    sync::SyncEngine a(*deviceA.store, fastOptions());
    sync::SyncEngine b(*deviceB, fastOptions());
    std::vector<sync::SyncProgress> progress;
    b.setProgressCallback([&](const sync::SyncProgress &p) { progress.push_back(p); });

    const sync::SyncReport ra = a.syncOnce();
    INFO(ra.message);
    REQUIRE(ra.state == sync::SyncState::Synced);
    CHECK(ra.pushed == written);
    CHECK(pending(*deviceA.store) == 0);
    CHECK(storeCount() == written);

    const sync::SyncReport rb = b.syncOnce();
    INFO(rb.message);
    REQUIRE(rb.state == sync::SyncState::Synced);
    CHECK(rb.pushed == 0);       // a restored device writes nothing of its own: its person record comes by sync
    CHECK(rb.pulled == written); // everything the tablet wrote, applied here
    CHECK(noteTexts(*deviceB) == noteTexts(*deviceA.store));
    CHECK(deviceB->owner().displayName == "Alex Rivera");
    REQUIRE(store::CaseService(*deviceB).cases().ok());
    CHECK(store::CaseService(*deviceB).cases()->size() == 1);
    REQUIRE(!progress.empty());
    CHECK(progress.back().pulled >= written); // pages of three, reported as they land

    // The phone corrects a note; the tablet gets the amendment, and a further sync changes nothing.
    auto phoneNotes = store::NoteService(*deviceB).notes(deviceA.caseId);
    REQUIRE(phoneNotes.ok());
    REQUIRE(store::NoteService(*deviceB).amendNote(phoneNotes->front().note.id, "Corrected on the phone", {"2.6"}, "typo").ok());
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    REQUIRE(a.syncOnce().state == sync::SyncState::Synced);
    CHECK(noteTexts(*deviceA.store) == noteTexts(*deviceB));
    const std::int64_t before = storeCount();
    const sync::SyncReport again = a.syncOnce();
    CHECK(again.state == sync::SyncState::Synced);
    CHECK(again.pushed == 0);
    CHECK(again.pulled == 0);
    CHECK(storeCount() == before);
    CHECK(deviceA.store->verify().ok());
    CHECK(deviceB->verify().ok());

    auto last = store::SyncQueue(*deviceA.store).lastSyncedAt();
    REQUIRE(last.ok());
    CHECK(*last > 0);
}

TEST_CASE_METHOD(SyncFixture, "A push whose reply is lost is sent again and stored once", "[sync]")
{
    for (int i = 0; i < 6; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Note " + std::to_string(i), {}).ok());
    const std::int64_t written = pending(*deviceA.store);
    auto transport = std::make_unique<LosingTransport>();
    LosingTransport *t = transport.get();
    t->loseNextReplies = 1; // the first batch lands on the case store, its reply does not reach the device
    sync::SyncEngine a(*deviceA.store, fastOptions(), std::move(transport));

    const sync::SyncReport first = a.syncOnce();
    CHECK(first.state == sync::SyncState::Offline);
    CHECK(first.retryAfterMs >= 500); // half of the first 1 s step at least
    CHECK(first.retryAfterMs <= 1000);
    CHECK(storeCount() == 4);                  // the batch was stored...
    CHECK(pending(*deviceA.store) == written); // ...but the device cannot know: still queued

    const sync::SyncReport second = a.syncOnce();
    REQUIRE(second.state == sync::SyncState::Synced);
    CHECK(second.pushed == written);
    CHECK(storeCount() == written); // the retried batch was "held", not stored twice
    CHECK(pending(*deviceA.store) == 0);
    CHECK(a.consecutiveFailures() == 0);
}

TEST_CASE_METHOD(SyncFixture, "With batches in flight, a lost reply leaves the later batches queued and nothing is stored twice", "[sync]")
{
    for (int i = 0; i < 10; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Note " + std::to_string(i), {}).ok());
    const std::int64_t written = pending(*deviceA.store);
    REQUIRE(written >= 13); // batches of 4: four of them
    auto transport = std::make_unique<CuttingTransport>();
    CuttingTransport *t = transport.get();
    t->cutPost = 2; // batch 2's reply is lost; batch 3 is already on its way and is abandoned
    sync::SyncOptions o = fastOptions();
    o.requestsInFlight = 2;
    sync::SyncEngine a(*deviceA.store, o, std::move(transport));

    const sync::SyncReport first = a.syncOnce();
    CHECK(first.state == sync::SyncState::Offline);
    CHECK(first.pushed == 4);                      // batch 1, confirmed before batch 2's reply was lost
    CHECK(pending(*deviceA.store) == written - 4); // batches 2 and 3 stay queued: their outcome is unknown here
    CHECK(storeCount() >= 8);                      // ...though the case store stored batch 2 (and maybe 3)
    CHECK(t->posts == 3);                          // never more than two in flight

    const sync::SyncReport second = a.syncOnce();
    INFO(second.message);
    REQUIRE(second.state == sync::SyncState::Synced);
    CHECK(second.pushed == written - 4);
    CHECK(storeCount() == written); // "held", not stored twice
    CHECK(pending(*deviceA.store) == 0);
}

TEST_CASE_METHOD(SyncFixture, "A pull cut off while the next page travels keeps the pages stored before it and resumes after them", "[sync]")
{
    for (int i = 0; i < 10; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Note " + std::to_string(i), {}).ok());
    const std::int64_t written = pending(*deviceA.store);
    sync::SyncEngine a(*deviceA.store, fastOptions());
    REQUIRE(a.syncOnce().state == sync::SyncState::Synced);

    auto transport = std::make_unique<CuttingTransport>();
    CuttingTransport *t = transport.get();
    t->cutGet = 3; // pages of 3: page 3's reply is lost while page 1 is stored and page 2 checked
    sync::SyncOptions o = fastOptions();
    o.requestsInFlight = 2;
    sync::SyncEngine b(*deviceB, o, std::move(transport));
    std::vector<sync::SyncProgress> progress;
    b.setProgressCallback([&](const sync::SyncProgress &p) { progress.push_back(p); });

    const sync::SyncReport first = b.syncOnce();
    CHECK(first.state == sync::SyncState::Offline);
    CHECK(first.pulled == 6); // pages 1 and 2, both checked, stored in order with their cursors
    REQUIRE(progress.size() == 2);
    CHECK(progress[0].pulled == 3);
    CHECK(progress[1].pulled == 6);
    REQUIRE(progress[0].remaining.has_value());
    CHECK(*progress[0].remaining == written);
    CHECK(*deviceB->database().queryInt("SELECT COUNT(*) FROM records") == 6);
    CHECK(deviceB->verify().ok());

    const sync::SyncReport second = b.syncOnce(); // from page 3 on, nothing fetched twice is stored twice
    INFO(second.message);
    REQUIRE(second.state == sync::SyncState::Synced);
    CHECK(second.pulled == written - 6);
    CHECK(noteTexts(*deviceB) == noteTexts(*deviceA.store));
    CHECK(deviceB->verify().ok());
}

TEST_CASE_METHOD(SyncFixture, "Push batches and pull pages grow while replies come quickly, up to their limits, and shrink when slow",
                 "[sync]")
{
    for (int i = 0; i < 100; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Note " + std::to_string(i), {"1.1"}).ok());
    const std::int64_t written = pending(*deviceA.store);
    auto nonDecreasing = [](const std::vector<int> &v) { return std::is_sorted(v.begin(), v.end()); };
    auto nonIncreasing = [](const std::vector<int> &v) { return std::is_sorted(v.rbegin(), v.rend()); };

    // Every reply counts as quick: each doubles the next batch and page, never past the maximum.
    sync::SyncOptions quick = fastOptions();
    quick.maxPushBatchRecords = 16;
    quick.maxPullLimit = 12;
    quick.growWithinMs = 60000;
    auto *seenA = new SizingTransport;
    sync::SyncEngine a(*deviceA.store, quick, std::unique_ptr<sync::Transport>(seenA));
    const sync::SyncReport ra = a.syncOnce();
    INFO(ra.message);
    REQUIRE(ra.state == sync::SyncState::Synced);
    CHECK(ra.pushed == written);
    REQUIRE(seenA->pushed.size() >= 5);
    CHECK(seenA->pushed.front() == 4);
    CHECK(nonDecreasing(std::vector<int>(seenA->pushed.begin(), seenA->pushed.end() - 1))); // the last batch is what was left
    CHECK(*std::max_element(seenA->pushed.begin(), seenA->pushed.end()) == 16);
    CHECK(std::accumulate(seenA->pushed.begin(), seenA->pushed.end(), 0) == written);
    REQUIRE(!seenA->limits.empty());
    CHECK(seenA->limits.front() == 3); // its own records pulled back: pages grow from 3
    CHECK(nonDecreasing(seenA->limits));
    CHECK(seenA->limits.back() <= 12);

    // Every reply counts as slow: each halves the next page, down to the floor (kMinAdaptiveSize, 10).
    sync::SyncOptions slow = fastOptions();
    slow.pullLimit = 40;
    slow.maxPullLimit = 1000;
    slow.growWithinMs = -1;
    slow.shrinkAfterMs = -1;
    auto *seenB = new SizingTransport;
    sync::SyncEngine b(*deviceB, slow, std::unique_ptr<sync::Transport>(seenB));
    const sync::SyncReport rb = b.syncOnce();
    REQUIRE(rb.state == sync::SyncState::Synced);
    CHECK(rb.pulled == written);
    REQUIRE(seenB->limits.size() >= 4);
    CHECK(std::vector<int>(seenB->limits.begin(), seenB->limits.begin() + 4) == std::vector<int>{40, 20, 10, 10});
    CHECK(nonIncreasing(seenB->limits));
    CHECK(noteTexts(*deviceB) == noteTexts(*deviceA.store));

    // The same for push batches, from 40 on this engine's next attempt.
    for (int i = 0; i < 120; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "More " + std::to_string(i), {"1.1"}).ok());
    slow.pushBatchRecords = 40;
    slow.maxPushBatchRecords = 500;
    slow.requestsInFlight = 2;
    auto *slowA = new SizingTransport;
    sync::SyncEngine a2(*deviceA.store, slow, std::unique_ptr<sync::Transport>(slowA));
    REQUIRE(a2.syncOnce().state == sync::SyncState::Synced);
    REQUIRE(slowA->pushed.size() >= 4);
    CHECK(slowA->pushed.front() == 40);
    CHECK(nonIncreasing(std::vector<int>(slowA->pushed.begin(), slowA->pushed.end() - 1)));
    CHECK(slowA->pushed[slowA->pushed.size() - 2] == 10);
    CHECK(std::accumulate(slowA->pushed.begin(), slowA->pushed.end(), 0) == 120); // 40 and 40 (two in flight), 20, 10, 10
    CHECK(pending(*deviceA.store) == 0);

    // Too large for a proxy on the way (413): halved until it passes, and a slow reply after that never makes the
    // batches larger again.
    for (int i = 0; i < 30; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Past the proxy " + std::to_string(i), {"1.1"}).ok());
    auto *proxied = new SizingTransport;
    proxied->refuseAbove = 3;
    sync::SyncEngine a3(*deviceA.store, slow, std::unique_ptr<sync::Transport>(proxied));
    const sync::SyncReport r3 = a3.syncOnce();
    INFO(r3.message);
    REQUIRE(r3.state == sync::SyncState::Synced);
    CHECK(r3.pushed == 30);
    CHECK(pending(*deviceA.store) == 0);
    REQUIRE(proxied->pushed.size() > 10);
    CHECK(proxied->pushed.front() == 30); // all of them, as one batch
    const auto firstPassed = std::find_if(proxied->pushed.begin(), proxied->pushed.end(), [](int n) { return n <= 3; });
    REQUIRE(firstPassed != proxied->pushed.end());
    CHECK(std::all_of(firstPassed, proxied->pushed.end(), [](int n) { return n <= 3; }));
}

namespace {
// The real transport, measuring the push batches travelling at once: how many, and their records' bytes together.
class FlightTransport final : public sync::Transport {
public:
    std::size_t travelling = 0, bytes = 0, mostTravelling = 0;
    std::size_t mostBytesTogether = 0; // the most record bytes travelling while more than one batch did
    std::vector<std::size_t> batchBytes;
    sync::HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        return startPost(url, token, json, timeoutMs)->wait();
    }
    sync::HttpReply get(const QString &url, const std::string &token, int timeoutMs) override { return m_real.get(url, token, timeoutMs); }
    std::unique_ptr<sync::PendingReply> startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        std::size_t n = 0;
        for (const QJsonValue &r : QJsonDocument::fromJson(json).object().value(QLatin1String("records")).toArray())
            n += static_cast<std::size_t>(QByteArray::fromBase64(r.toObject().value(QLatin1String("body")).toString().toLatin1()).size());
        batchBytes.push_back(n);
        ++travelling;
        bytes += n;
        mostTravelling = std::max(mostTravelling, travelling);
        if (travelling > 1) mostBytesTogether = std::max(mostBytesTogether, bytes);
        return std::make_unique<Landing>(*this, m_real.startPost(url, token, json, timeoutMs), n);
    }

private:
    struct Landing final : sync::PendingReply {
        Landing(FlightTransport &t, std::unique_ptr<sync::PendingReply> r, std::size_t n) : owner(t), real(std::move(r)), size(n) {}
        ~Landing() override { land(); }
        sync::HttpReply wait() override
        {
            sync::HttpReply r = real->wait();
            land();
            return r;
        }
        void land()
        {
            if (landed) return;
            landed = true;
            --owner.travelling;
            owner.bytes -= size;
        }
        FlightTransport &owner;
        std::unique_ptr<sync::PendingReply> real;
        std::size_t size;
        bool landed = false;
    };
    sync::HttpTransport m_real;
};
} // namespace

TEST_CASE_METHOD(SyncFixture, "Push batches in flight carry no more than a batch's bytes together", "[sync]")
{
    // Small batches and a small byte limit: several batches travel at once only while their records fit it together;
    // a note larger than what is left waits until the others are answered, and goes alone if it fills a batch.
    for (int i = 0; i < 24; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Note " + std::to_string(i), {"1.1"}).ok());
    REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, std::string(2600, 'x'), {"1.1"}).ok());
    for (int i = 0; i < 6; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "After " + std::to_string(i), {"1.1"}).ok());
    const std::int64_t written = pending(*deviceA.store);
    sync::SyncOptions o = fastOptions();
    o.pushBatchRecords = o.maxPushBatchRecords = 3;
    o.pushBatchBytes = 4000;
    REQUIRE(o.requestsInFlight == 4); // the default
    auto transport = std::make_unique<FlightTransport>();
    FlightTransport *t = transport.get();
    sync::SyncEngine a(*deviceA.store, o, std::move(transport));
    const sync::SyncReport r = a.syncOnce();
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    CHECK(r.pushed == written);
    CHECK(pending(*deviceA.store) == 0);
    CHECK(storeCount() == written);
    CHECK(t->mostTravelling >= 2);       // the window is used...
    CHECK(t->mostTravelling <= 4);       // ...up to requestsInFlight
    CHECK(t->mostBytesTogether <= 4000); // ...and never past the bytes of one batch together
    CHECK(t->mostBytesTogether > 1000);
    const auto largest = std::max_element(t->batchBytes.begin(), t->batchBytes.end());
    REQUIRE(largest != t->batchBytes.end());
    CHECK(*largest > 2600); // the long note's batch
    CHECK(*largest <= 4000);
    sync::SyncEngine b(*deviceB, fastOptions());
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    CHECK(noteTexts(*deviceB) == noteTexts(*deviceA.store));
}

namespace {
// The real transport behind a case store that takes one push at a time, each taking `each`: a push's reply comes
// `each` after the later of its send and the reply before it.
class OneAtATimeTransport final : public sync::Transport {
public:
    explicit OneAtATimeTransport(std::chrono::milliseconds each) : m_each(each) {}
    std::vector<int> pushed;
    sync::HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        return startPost(url, token, json, timeoutMs)->wait();
    }
    sync::HttpReply get(const QString &url, const std::string &token, int timeoutMs) override { return m_real.get(url, token, timeoutMs); }
    std::unique_ptr<sync::PendingReply> startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        pushed.push_back(static_cast<int>(QJsonDocument::fromJson(json).object().value(QLatin1String("records")).toArray().size()));
        m_free = std::max(m_free, std::chrono::steady_clock::now()) + m_each;
        return std::make_unique<Due>(m_real.startPost(url, token, json, timeoutMs), m_free);
    }

private:
    struct Due final : sync::PendingReply {
        Due(std::unique_ptr<sync::PendingReply> r, std::chrono::steady_clock::time_point at) : real(std::move(r)), due(at) {}
        sync::HttpReply wait() override
        {
            sync::HttpReply r = real->wait();
            std::this_thread::sleep_until(due);
            return r;
        }
        std::unique_ptr<sync::PendingReply> real;
        std::chrono::steady_clock::time_point due;
    };
    sync::HttpTransport m_real;
    std::chrono::milliseconds m_each;
    std::chrono::steady_clock::time_point m_free{};
};
} // namespace

TEST_CASE_METHOD(SyncFixture, "A batch queued behind others in flight is timed from when the case store could start on it", "[sync]")
{
    // Each push takes the case store 100 ms, one at a time; a reply within 150 ms of its start doubles the batches.
    // Timed from its send, the fourth batch of the first window would count 400 ms (a slow link) and the batches
    // would stay small; timed from the reply before it, every one took 100 ms and they grow to the limit.
    for (int i = 0; i < 100; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Note " + std::to_string(i), {"1.1"}).ok());
    const std::int64_t written = pending(*deviceA.store);
    sync::SyncOptions o = fastOptions();
    o.pushBatchRecords = 5;
    o.maxPushBatchRecords = 40;
    o.growWithinMs = 150;
    o.shrinkAfterMs = 10000;
    REQUIRE(o.requestsInFlight == 4);
    auto transport = std::make_unique<OneAtATimeTransport>(std::chrono::milliseconds(100));
    OneAtATimeTransport *t = transport.get();
    sync::SyncEngine a(*deviceA.store, o, std::move(transport));
    const sync::SyncReport r = a.syncOnce();
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    CHECK(r.pushed == written);
    REQUIRE(t->pushed.size() >= 4);
    CHECK(std::vector<int>(t->pushed.begin(), t->pushed.begin() + 4) == std::vector<int>{5, 5, 5, 5});
    CHECK(*std::max_element(t->pushed.begin(), t->pushed.end()) == 40);
}

TEST_CASE_METHOD(SyncFixture, "One request at a time and several in flight end in the same state", "[sync]")
{
    for (int i = 0; i < 9; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Note " + std::to_string(i), {"1.1"}).ok());
    const std::int64_t written = pending(*deviceA.store);
    for (const std::size_t inFlight : {std::size_t{1}, std::size_t{3}}) {
        INFO("requests in flight: " << inFlight);
        sync::SyncOptions o = fastOptions();
        o.requestsInFlight = inFlight;
        sync::SyncEngine a(*deviceA.store, o);
        sync::SyncEngine b(*deviceB, o);
        const sync::SyncReport ra = a.syncOnce();
        REQUIRE(ra.state == sync::SyncState::Synced);
        const sync::SyncReport rb = b.syncOnce();
        REQUIRE(rb.state == sync::SyncState::Synced);
        if (inFlight == 1) {
            CHECK(ra.pushed == written);
            CHECK(rb.pulled == written);
        }
        CHECK(storeCount() == written + (inFlight == 1 ? 0 : 3));
        CHECK(noteTexts(*deviceB) == noteTexts(*deviceA.store));
        CHECK(*deviceB->pendingOutboxCount() == 0);
        // The second round: three more notes on A, with the other setting.
        for (int i = 0; i < 3; ++i)
            REQUIRE(store::NoteService(*deviceA.store)
                        .addNoteToCase(deviceA.caseId, "More " + std::to_string(i) + " at " + std::to_string(inFlight), {})
                        .ok());
    }
}

TEST_CASE_METHOD(SyncFixture, "After the case store is restored from an older backup, the devices send everything again and nothing is lost",
                 "[sync]")
{
    const QString db = serverDir.filePath(QStringLiteral("casestore.db")), backup = serverDir.filePath(QStringLiteral("backup.db"));
    auto stop = [&] { // closing the last connection checkpoints the WAL: the file alone is the whole store
        server.reset();
        storage.reset();
    };
    auto start = [&] { // on a new port; the devices keep their tokens
        auto opened = casestore::SqliteRecordStorage::open(db.toStdString());
        REQUIRE(opened.ok());
        storage = std::move(*opened);
        server = std::make_unique<casestore::CaseStoreServer>(*storage);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
        for (store::LocalStore *device : {deviceA.store.get(), deviceB.get()}) {
            auto endpoint = store::SyncQueue(*device).endpoint();
            REQUIRE(endpoint.ok());
            REQUIRE(endpoint->has_value());
            REQUIRE(store::SyncQueue(*device).setEndpoint({url(), (*endpoint)->token}).ok());
        }
    };
    for (int i = 0; i < 3; ++i)
        REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Before the backup " + std::to_string(i), {}).ok());
    sync::SyncEngine a(*deviceA.store, fastOptions());
    sync::SyncEngine b(*deviceB, fastOptions());
    REQUIRE(a.syncOnce().state == sync::SyncState::Synced);
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    const std::int64_t atBackup = storeCount();
    stop();
    REQUIRE(QFile::copy(db, backup));
    start();

    // After the backup: more notes from the tablet and a correction from the phone reach the case store.
    for (int i = 0; i < 4; ++i)
        REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "After the backup " + std::to_string(i), {"4.1"}).ok());
    REQUIRE(a.syncOnce().state == sync::SyncState::Synced);
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    auto onPhone = store::NoteService(*deviceB).notes(deviceA.caseId);
    REQUIRE(onPhone.ok());
    REQUIRE(store::NoteService(*deviceB).amendNote(onPhone->back().note.id, "Corrected after the backup", {"4.1"}, "typo").ok());
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    REQUIRE(a.syncOnce().state == sync::SyncState::Synced);
    const std::int64_t beforeRestore = storeCount();
    REQUIRE(beforeRestore == atBackup + 5);

    // The case store's disk fails; district IT restores the backup.
    stop();
    for (const QString &f : {db, db + QStringLiteral("-wal"), db + QStringLiteral("-shm")}) QFile::remove(f);
    REQUIRE(QFile::copy(backup, db));
    start();
    CHECK(storeCount() == atBackup);

    SECTION("district IT gives the restored store a new epoch: the devices notice and send everything again")
    {
        auto epoch = storage->newEpoch(); // what `triad-casestore --new-epoch` does
        REQUIRE(epoch.ok());
        const sync::SyncReport ra = a.syncOnce();
        INFO(ra.message);
        REQUIRE(ra.state == sync::SyncState::Synced);
        CHECK(ra.pushed == beforeRestore); // everything the tablet holds, the phone's correction included
        CHECK(ra.pulled == 0);             // received again from the start, all of it held here already
        CHECK(*store::SyncQueue(*deviceA.store).cursor() != "");
        REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    }
    SECTION("without a new epoch, a sync alone brings nothing back; `triadctl sync resend` on each device does")
    {
        CHECK(a.syncOnce().pushed == 0); // both devices hold the five as sent
        CHECK(storeCount() == atBackup);
        auto queuedA = store::SyncQueue(*deviceA.store).resendEverything();
        REQUIRE(queuedA.ok());
        CHECK(*queuedA == beforeRestore); // every record the tablet holds: its own and the phone's correction
        CHECK(*store::SyncQueue(*deviceA.store).cursor() == "");
        REQUIRE(store::SyncQueue(*deviceB).resendEverything().ok());
        const sync::SyncReport ra = a.syncOnce();
        INFO(ra.message);
        REQUIRE(ra.state == sync::SyncState::Synced);
        CHECK(ra.pulled == 0);
        REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    }
    CHECK(storeCount() == beforeRestore); // nothing lost, nothing stored twice
    CHECK(pending(*deviceA.store) == 0);
    CHECK(pending(*deviceB) == 0);
    CHECK(noteTexts(*deviceA.store) == noteTexts(*deviceB));
    CHECK(deviceA.store->verify().ok());
    CHECK(deviceB->verify().ok());
}

TEST_CASE_METHOD(SyncFixture, "Backoff doubles up to its ceiling while the case store is away", "[sync]")
{
    auto token = store::SyncQueue(*deviceA.store).endpoint();
    REQUIRE(token.ok());
    REQUIRE(store::SyncQueue(*deviceA.store).setEndpoint({"http://127.0.0.1:1", (*token)->token}).ok()); // nothing listens
    sync::SyncOptions o = fastOptions();
    o.maxBackoffMs = 8000;
    sync::SyncEngine a(*deviceA.store, o);
    std::int64_t ceiling = 1000;
    for (int i = 0; i < 6; ++i) {
        const sync::SyncReport r = a.syncOnce();
        REQUIRE(r.state == sync::SyncState::Offline);
        CHECK(r.retryAfterMs >= ceiling / 2);
        CHECK(r.retryAfterMs <= ceiling);
        ceiling = std::min<std::int64_t>(ceiling * 2, 8000);
    }
    CHECK(pending(*deviceA.store) > 0); // nothing dropped
}

TEST_CASE_METHOD(SyncFixture, "A record the case store refuses is set aside with its reason and does not block the rest", "[sync]")
{
    for (int i = 0; i < 5; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Note " + std::to_string(i), {}).ok());
    store::SyncQueue queue(*deviceA.store);
    auto waiting = queue.nextOutgoing(100, 1 << 30);
    REQUIRE(waiting.ok());
    const std::size_t total = waiting->size();
    // The case store already holds another record under the id of the 6th waiting record (a conflict).
    const store::OutgoingRecord &victim = (*waiting)[5];
    casestore::StoredRecord other;
    other.id = victim.id;
    other.type = victim.record.type;
    other.createdAt = victim.record.createdAt;
    other.body = victim.record.body;
    other.body.back() ^= 0x01;
    REQUIRE(storage->insertBatch({other}, 1).ok());

    sync::SyncEngine a(*deviceA.store, fastOptions());
    const sync::SyncReport r = a.syncOnce();
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    CHECK(r.setAside == 1);
    CHECK(r.pushed == static_cast<std::int64_t>(total - 1));
    auto counts = queue.counts();
    REQUIRE(counts.ok());
    CHECK(counts->pending == 0);
    CHECK(counts->setAside == 1);
    auto aside = queue.setAside();
    REQUIRE(aside.ok());
    REQUIRE(aside->size() == 1);
    CHECK(aside->front().id == victim.id);
    CHECK_FALSE(aside->front().incoming);
    CHECK(aside->front().code == "record.conflict");
    CHECK(aside->front().reason.find("different content") != std::string::npos);
    // The record itself is still here, readable; asking again puts it back in the outbox (and it is refused again).
    CHECK(deviceA.store->verify().ok());
    auto requeued = queue.requeueOutgoing();
    REQUIRE(requeued.ok());
    CHECK(*requeued == 1);
    CHECK(pending(*deviceA.store) == 1);
    CHECK(a.syncOnce().setAside == 1);
    CHECK(pending(*deviceA.store) == 0);
}

TEST_CASE_METHOD(SyncFixture, "Records from an author this device does not accept are set aside, the rest applied", "[sync]")
{
    // Another person's device (not enrolled: it accepts only its own owner as an author) is sent a record by the
    // mentor, sealed to both. It must not stop that device's sync, and must stay visible with the reason.
    test::StoreFixture other(false);
    connect(*other.store);
    const RecordId id = RecordId::generate();
    REQUIRE(deviceA.store
                ->writeRecordFor({deviceA.store->ownerKeys(), other.store->ownerKeys()}, RecordType::Note, id, deviceA.caseId, std::nullopt,
                                 deviceA.store->now(), QByteArray("not a CBOR note"))
                .ok());
    sync::SyncEngine a(*deviceA.store, fastOptions());
    REQUIRE(a.syncOnce().state == sync::SyncState::Synced);

    sync::SyncEngine o(*other.store, fastOptions());
    const sync::SyncReport r = o.syncOnce();
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    CHECK(r.setAside == 1);
    auto aside = store::SyncQueue(*other.store).setAside();
    REQUIRE(aside.ok());
    REQUIRE(aside->size() == 1);
    CHECK(aside->front().incoming);
    CHECK(aside->front().id == id);
    CHECK(aside->front().code == "record.unknown_author");
    // Pulling again does not count it twice.
    CHECK(o.syncOnce().setAside == 0);
    CHECK(store::SyncQueue(*other.store).counts()->setAside == 1);
}

// A device pulls its own pushes back. Those whose bytes it already holds are not verified again (they were checked or
// written here); anything else is checked in full, so the case store cannot pass off an altered copy of them.
namespace {
// The real transport, counting the records each pull page served and whether the pull named records in `skip`.
class CountingTransport final : public sync::Transport {
public:
    int recordsPulled = 0, pullsWithSkip = 0, pulls = 0;
    sync::HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        return m_real.post(url, token, json, timeoutMs);
    }
    sync::HttpReply get(const QString &url, const std::string &token, int timeoutMs) override
    {
        sync::HttpReply reply = m_real.get(url, token, timeoutMs);
        if (url.contains(QLatin1String("/v1/records?"))) {
            ++pulls;
            if (QUrlQuery(QUrl(url).query()).hasQueryItem(QStringLiteral("skip"))) ++pullsWithSkip;
            recordsPulled += static_cast<int>(QJsonDocument::fromJson(reply.body).object().value(QLatin1String("records")).toArray().size());
        }
        return reply;
    }

private:
    sync::HttpTransport m_real;
};
} // namespace

TEST_CASE_METHOD(SyncFixture, "A device is not sent back what it just pushed, and still gets everything anyone else wrote", "[sync]")
{
    for (int i = 0; i < 10; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Tablet note " + std::to_string(i), {"2.6"}).ok());
    const std::int64_t written = pending(*deviceA.store);
    auto counting = std::make_unique<CountingTransport>();
    CountingTransport *t = counting.get();
    sync::SyncEngine a(*deviceA.store, fastOptions(), std::move(counting));
    sync::SyncEngine b(*deviceB, fastOptions());

    const sync::SyncReport first = a.syncOnce();
    INFO(first.message);
    REQUIRE(first.state == sync::SyncState::Synced);
    CHECK(first.pushed == written);
    CHECK(t->pullsWithSkip == t->pulls);
    CHECK(t->recordsPulled == 0); // its own records, named in `skip`, stayed at the case store
    const std::string cursor = *store::SyncQueue(*deviceA.store).cursor();
    CHECK(cursor.substr(cursor.find('.') + 1) == std::to_string(storeCount())); // and the cursor passed them

    // The phone gets all of them, writes one note and a correction; the tablet pulls exactly those two.
    const sync::SyncReport rb = b.syncOnce();
    REQUIRE(rb.state == sync::SyncState::Synced);
    CHECK(rb.pulled == written);
    REQUIRE(store::NoteService(*deviceB).addNoteToCase(deviceA.caseId, "Phone note", {"1.1"}).ok());
    auto phoneNotes = store::NoteService(*deviceB).notes(deviceA.caseId);
    REQUIRE(phoneNotes.ok());
    REQUIRE(store::NoteService(*deviceB).amendNote(phoneNotes->front().note.id, "Corrected on the phone", {"2.6"}, "typo").ok());
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);

    // The tablet writes more meanwhile; its next sync pushes those and pulls only the phone's two.
    REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Tablet note after", {"2.6"}).ok());
    t->recordsPulled = 0;
    const sync::SyncReport second = a.syncOnce();
    INFO(second.message);
    REQUIRE(second.state == sync::SyncState::Synced);
    CHECK(second.pushed == 1);
    CHECK(second.pulled == 2);
    CHECK(t->recordsPulled == 2);
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    CHECK(noteTexts(*deviceA.store) == noteTexts(*deviceB));
    CHECK(deviceA.store->verify().ok());

    // A push whose reply was lost names nothing: those records come back held, as before there was a `skip`.
    REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Reply lost", {"2.6"}).ok());
    {
        auto lossy = std::make_unique<LosingTransport>();
        lossy->loseNextReplies = 1;
        sync::SyncEngine lost(*deviceA.store, fastOptions(), std::move(lossy));
        CHECK(lost.syncOnce().state != sync::SyncState::Synced);
    }
    t->recordsPulled = 0;
    const sync::SyncReport retried = a.syncOnce();
    REQUIRE(retried.state == sync::SyncState::Synced);
    CHECK(retried.pushed == 1); // answered "held": no seq
    CHECK(t->recordsPulled == 1);
    CHECK(retried.pulled == 0); // held already
}

TEST_CASE_METHOD(SyncFixture, "A sync that pushes a note and finds nothing else new is one request; one that finds more pulls it", "[sync]")
{
    auto counting = std::make_unique<CountingTransport>();
    CountingTransport *t = counting.get();
    sync::SyncEngine a(*deviceA.store, fastOptions(), std::move(counting));
    sync::SyncEngine b(*deviceB, fastOptions());
    REQUIRE(a.syncOnce().state == sync::SyncState::Synced); // the first sync pulls (no cursor yet)
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);

    REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "One more", {"2.6"}).ok()); // and its observation, the first
    const std::int64_t written = pending(*deviceA.store);
    t->pulls = 0;
    const sync::SyncReport alone = a.syncOnce();
    INFO(alone.message);
    REQUIRE(alone.state == sync::SyncState::Synced);
    CHECK(alone.pushed == written);
    CHECK(t->pulls == 0); // the push reply said nothing else is new
    const std::string cursor = *store::SyncQueue(*deviceA.store).cursor();
    CHECK(cursor.substr(cursor.find('.') + 1) == std::to_string(storeCount()));

    // The phone writes; the tablet's next push hears of it and pulls it.
    REQUIRE(store::NoteService(*deviceB).addNoteToCase(deviceA.caseId, "From the phone", {"1.1"}).ok());
    const std::int64_t fromPhone = pending(*deviceB);
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "And another", {"2.6"}).ok());
    t->pulls = 0;
    t->recordsPulled = 0;
    const sync::SyncReport more = a.syncOnce();
    REQUIRE(more.state == sync::SyncState::Synced);
    CHECK(more.pushed == 1);
    CHECK(t->pulls == 1);
    CHECK(more.pulled == fromPhone);
    CHECK(t->recordsPulled == fromPhone);
    REQUIRE(b.syncOnce().state == sync::SyncState::Synced);
    CHECK(noteTexts(*deviceA.store) == noteTexts(*deviceB));
}

TEST_CASE_METHOD(SyncFixture, "A device's own records come back held; an altered copy or a moved one is refused", "[sync][access]")
{
    auto kept = store::NoteService(*deviceA.store).addNoteToCase(deviceA.caseId, "Kept as written.", {"2.6"});
    auto altered = store::NoteService(*deviceA.store).addNoteToCase(deviceA.caseId, "Altered at the case store.", {"5.2"});
    auto moved = store::NoteService(*deviceA.store).addNoteToCase(deviceA.caseId, "Moved to another case at the case store.", {});
    REQUIRE(kept.ok());
    REQUIRE(altered.ok());
    REQUIRE(moved.ok());
    auto held = [&](const RecordId &id) {
        auto r = deviceA.store->heldRecord(id);
        REQUIRE(r.ok());
        REQUIRE(r->has_value());
        return (*r)->body;
    };
    const auto alteredBody = held(altered->id), movedBody = held(moved->id);
    sync::SyncEngine a(*deviceA.store, fastOptions());
    const sync::SyncReport first = a.syncOnce();
    REQUIRE(first.state == sync::SyncState::Synced);
    CHECK(first.setAside == 0);

    // The case store's file is changed behind its back: one byte of one note's sealed body, another note's case.
    {
        auto db = store::Database::open(serverDir.filePath(QStringLiteral("casestore.db")).toStdString(), false);
        REQUIRE(db.ok());
        // The rows a pull serves (set_records, the case store's layout by reader set, schema 7).
        auto flip = (*db)->prepare("UPDATE set_records SET body = ? WHERE id = ?");
        REQUIRE(flip.ok());
        auto body = alteredBody;
        body[body.size() - 40] ^= 0x01;
        REQUIRE((*flip)->bind(1, body).bind(2, std::span<const std::uint8_t>(altered->id.bytes)).run().ok());
        const RecordId otherCase = RecordId::generate();
        auto move = (*db)->prepare("UPDATE set_records SET case_id = ? WHERE id = ?");
        REQUIRE(move.ok());
        REQUIRE((*move)->bind(1, std::span<const std::uint8_t>(otherCase.bytes)).bind(2, std::span<const std::uint8_t>(moved->id.bytes)).run().ok());
    }
    // Everything is pulled again from the start (as after a case store restored from a backup).
    REQUIRE(store::SyncQueue(*deviceA.store).resetCursor().ok());
    const sync::SyncReport again = a.syncOnce();
    INFO(again.message);
    REQUIRE(again.state == sync::SyncState::Synced);
    CHECK(again.pulled == 0); // nothing new: the rest was held
    CHECK(again.setAside == 2); // both refused
    // The altered copy stays listed with its reason; the moved one is not kept waiting, since the device holds those
    // very bytes as their author signed them (SyncQueue::clearResolvedSetAside).
    auto aside = store::SyncQueue(*deviceA.store).setAside();
    REQUIRE(aside.ok());
    REQUIRE(aside->size() == 1);
    INFO(aside->front().code << ": " << aside->front().reason);
    CHECK(aside->front().incoming);
    CHECK(aside->front().id == altered->id);
    CHECK(aside->front().code != "record.conflict"); // refused by its signature, before any comparison with what is held
    // What the device holds is unchanged and still opens.
    CHECK(held(altered->id) == alteredBody);
    CHECK(held(moved->id) == movedBody);
    auto n = store::NoteService(*deviceA.store).note(altered->id);
    REQUIRE(n.ok());
    REQUIRE(n->has_value());
    CHECK((*n)->text == "Altered at the case store.");
}

TEST_CASE_METHOD(SyncFixture, "Pulled records are tagged as checked only when their signature was checked for that pull", "[sync][access]")
{
    auto note = store::NoteService(*deviceA.store).addNoteToCase(deviceA.caseId, "The tablet's note.", {"2.6"});
    REQUIRE(note.ok());
    sync::SyncEngine a(*deviceA.store, fastOptions());
    REQUIRE(a.syncOnce().state == sync::SyncState::Synced);
    auto &db = deviceA.store->database();
    auto tagOf = [&](const RecordId &id) {
        auto st = db.prepare("SELECT checked_tag FROM records WHERE id = ?");
        REQUIRE(st.ok());
        (*st)->bind(1, std::span<const std::uint8_t>(id.bytes));
        REQUIRE(*(*st)->step());
        return (*st)->columnBlob(0);
    };
    const auto body = deviceA.store->heldRecord(note->id)->value().body;
    CHECK(deviceA.store->checkedTagger().matches(body, tagOf(note->id)));

    // Someone who can write the tablet's file (not unlock it) puts a forged copy under the note's id, its signature
    // broken, and the case store serves that copy. A page's records held byte for byte are not checked again; had the
    // row then gone before the page was stored, a tag made at the insert would have stood for a check never made.
    std::vector<std::uint8_t> forged = body;
    forged.back() ^= 0x01;
    auto rewrite = db.prepare("UPDATE records SET body = ?, checked_tag = NULL WHERE id = ?");
    REQUIRE(rewrite.ok());
    REQUIRE((*rewrite)->bind(1, forged).bind(2, std::span<const std::uint8_t>(note->id.bytes)).run().ok());
    store::BundleRecord served = test::pulledAs(forged, forged);
    store::SyncQueue queue(*deviceA.store);
    auto held = queue.heldAlready({served});
    REQUIRE(held.ok());
    REQUIRE(*held == std::vector<bool>{true});
    const auto checks = store::SyncQueue::checkPage({served}, *held, deviceA.store->authorLookup(), deviceA.store->personTagger(),
                                                    deviceA.store->checkedTagger(), {});
    CHECK_FALSE(checks.authors.front().has_value());
    CHECK_FALSE(checks.checkedTags.front().has_value());
    REQUIRE(db.exec("DELETE FROM records WHERE id = x'" + crypto::toHex(note->id.bytes) + "'").ok());
    auto stored = queue.storePulled({served}, checks, {});
    REQUIRE(stored.ok());
    CHECK(stored->stored == 1);
    CHECK(tagOf(note->id).empty());
    auto opened = store::NoteService(*deviceA.store).note(note->id);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().code == "record.bad_signature");

    // Checked for the pull, the same bytes are refused; the genuine ones are stored tagged and open.
    REQUIRE(db.exec("DELETE FROM records WHERE id = x'" + crypto::toHex(note->id.bytes) + "'").ok());
    const auto refused = store::SyncQueue::checkPage({served}, {false}, deviceA.store->authorLookup(), deviceA.store->personTagger(),
                                                     deviceA.store->checkedTagger(), {});
    REQUIRE(refused.authors.front().has_value());
    CHECK_FALSE(refused.checkedTags.front().has_value());
    served.body = body;
    const auto genuine = store::SyncQueue::checkPage({served}, {false}, deviceA.store->authorLookup(), deviceA.store->personTagger(),
                                                     deviceA.store->checkedTagger(), {});
    REQUIRE(genuine.checkedTags.front().has_value());
    CHECK(deviceA.store->checkedTagger().matches(body, *genuine.checkedTags.front()));
    REQUIRE(queue.storePulled({served}, genuine, {}).ok());
    CHECK(deviceA.store->checkedTagger().matches(body, tagOf(note->id)));
    auto back = store::NoteService(*deviceA.store).note(note->id);
    REQUIRE(back.ok());
    REQUIRE(back->has_value());
    CHECK((*back)->text == "The tablet's note.");
}

TEST_CASE_METHOD(SyncFixture, "The phone checks the tablet's records by their same-person tag; a tag garbled on the way leads back to the signature",
                 "[sync][access]")
{
    for (int i = 0; i < 40; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Tablet note " + std::to_string(i), {"2.6"}).ok());
    sync::SyncEngine a(*deviceA.store, fastOptions());
    REQUIRE(a.syncOnce().state == sync::SyncState::Synced);
    // Every record went up with the tablet's tag, and the case store keeps it.
    auto served = storage->pull({deviceA.store->ownerKeys().boxKeyId()}, 0, 1000);
    REQUIRE(served.ok());
    REQUIRE(served->records.size() >= 43);
    for (const auto &r : served->records) {
        const crypto::PersonTag expected = deviceA.store->personTagger().tag(r.body);
        CHECK(r.personTag == std::vector<std::uint8_t>(expected.begin(), expected.end()));
    }

    // The case store garbles every tag and alters one note's sealed body (keeping its tag as the tablet made it).
    const auto &victim = served->records.back();
    {
        auto db = store::Database::open(serverDir.filePath(QStringLiteral("casestore.db")).toStdString(), false);
        REQUIRE(db.ok());
        REQUIRE((*db)->exec("UPDATE set_records SET person_tag = randomblob(32)").ok());
        auto flip = (*db)->prepare("UPDATE set_records SET body = ?, person_tag = ? WHERE id = ?");
        REQUIRE(flip.ok());
        auto body = victim.body;
        body[body.size() - 40] ^= 0x01;
        REQUIRE((*flip)->bind(1, body).bind(2, victim.personTag).bind(3, std::span<const std::uint8_t>(victim.id.bytes)).run().ok());
    }
    sync::SyncEngine b(*deviceB, fastOptions());
    const sync::SyncReport rb = b.syncOnce();
    INFO(rb.message);
    REQUIRE(rb.state == sync::SyncState::Synced);
    CHECK(rb.pulled == static_cast<std::int64_t>(served->records.size()) - 1); // the rest by their signatures
    CHECK(rb.setAside == 1);
    auto aside = store::SyncQueue(*deviceB).setAside();
    REQUIRE(aside.ok());
    REQUIRE(aside->size() == 1);
    CHECK(aside->front().id == victim.id);
    CHECK(aside->front().code == "record.bad_signature");

    // Where the tag is the tablet's, it is what the phone checks: a record whose signature no longer verifies but that
    // the person tagged passes (only the person can make that tag, and could sign as well). Another person's tag, or
    // none, leaves the signature to decide.
    store::BundleRecord record;
    record.body = served->records.front().body;
    record.body.back() ^= 0x01;
    const crypto::PersonTag own = deviceA.store->personTagger().tag(record.body);
    const crypto::PersonTag others = crypto::PersonTagger(crypto::Identity::generate()).tag(record.body);
    auto verdict = [&](std::span<const std::uint8_t> tag) {
        record.personTag.assign(tag.begin(), tag.end());
        return store::SyncQueue::checkPage({record}, {false}, deviceB->authorLookup(), deviceB->personTagger(), deviceB->checkedTagger(), {})
            .authors.front();
    };
    CHECK_FALSE(verdict(own).has_value());
    REQUIRE(verdict(others).has_value());
    CHECK(verdict(others)->code == "record.bad_signature");
    REQUIRE(verdict({}).has_value());
    CHECK(verdict({})->code == "record.bad_signature");

    // Only records a device sealed itself go out with its tag, made as it sealed them. Queued again (every record it
    // holds, as after a case store restored from a backup: records pulled from others, or written into its file behind
    // the app's back), they go without, and whoever gets them checks their signatures.
    REQUIRE(store::SyncQueue(*deviceB).resendEverything().ok());
    auto requeued = store::SyncQueue(*deviceB).nextOutgoing(1000, 64 << 20, 0);
    REQUIRE(requeued.ok());
    REQUIRE(requeued->size() >= 40);
    for (const store::OutgoingRecord &r : *requeued) CHECK(r.record.personTag.empty());
    REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Written after the first sync.", {}).ok());
    auto fresh = store::SyncQueue(*deviceA.store).nextOutgoing(10, 64 << 20, 0);
    REQUIRE(fresh.ok());
    REQUIRE(fresh->size() == 1);
    const crypto::PersonTag expectedTag = deviceA.store->personTagger().tag(fresh->front().record.body);
    CHECK(fresh->front().record.personTag == std::vector<std::uint8_t>(expectedTag.begin(), expectedTag.end()));
}

// The push signature (docs/security.md "Push signatures"): each push is signed once by the device over the records
// in it that it sealed itself, those it sends with a same-person tag; records queued again later carry no tag and
// are not covered.
namespace {
class RecordingTransport final : public sync::Transport {
public:
    std::vector<std::pair<QString, QByteArray>> pushes; // the URL and body of each push
    std::vector<sync::HttpReply> replies;               // and the reply to each
    sync::HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        sync::HttpReply reply = m_real.post(url, token, json, timeoutMs);
        if (url.contains(QLatin1String("/v1/records"))) {
            pushes.emplace_back(url, json);
            replies.push_back(reply);
        }
        return reply;
    }
    sync::HttpReply get(const QString &url, const std::string &token, int timeoutMs) override { return m_real.get(url, token, timeoutMs); }

private:
    sync::HttpTransport m_real;
};
// `notes` notes written on device A and pushed through a RecordingTransport: the engine (it owns the transport) and
// what the transport saw.
struct RecordedPush {
    std::unique_ptr<sync::SyncEngine> engine;
    RecordingTransport *transport = nullptr;
};
RecordedPush pushRecorded(SyncFixture &f, int notes)
{
    for (int i = 0; i < notes; ++i) REQUIRE(f.deviceA.notes().addNoteToCase(f.deviceA.caseId, "Tablet note " + std::to_string(i), {"1.1"}).ok());
    auto recording = std::make_unique<RecordingTransport>();
    RecordedPush out{nullptr, recording.get()};
    out.engine = std::make_unique<sync::SyncEngine>(*f.deviceA.store, fastOptions(), std::move(recording));
    REQUIRE(out.engine->syncOnce().state == sync::SyncState::Synced);
    REQUIRE_FALSE(out.transport->pushes.empty());
    return out;
}
} // namespace

TEST_CASE_METHOD(SyncFixture, "A device signs each push over the records it sealed, and only those", "[sync][access]")
{
    const RecordedPush recorded = pushRecorded(*this, 5);
    RecordingTransport *t = recorded.transport;
    std::size_t covered = 0;
    for (const auto &[url, body] : t->pushes) {
        const QUrlQuery query(QUrl(url).query());
        REQUIRE(query.hasQueryItem(QStringLiteral("signature")));
        const QByteArray signature = QByteArray::fromBase64(query.queryItemValue(QStringLiteral("signature")).toLatin1(), QByteArray::Base64UrlEncoding);
        crypto::PushSignature expected;
        for (const QJsonValue &r : QJsonDocument::fromJson(body).object().value(QLatin1String("records")).toArray()) {
            REQUIRE(r.toObject().contains(QStringLiteral("personTag"))); // every record here is one the tablet sealed
            const QByteArray sealed = QByteArray::fromBase64(r.toObject().value(QLatin1String("body")).toString().toLatin1());
            const QByteArray tag = QByteArray::fromBase64(r.toObject().value(QLatin1String("personTag")).toString().toLatin1());
            expected.add({reinterpret_cast<const std::uint8_t *>(sealed.constData()), static_cast<std::size_t>(sealed.size())},
                         {reinterpret_cast<const std::uint8_t *>(tag.constData()), static_cast<std::size_t>(tag.size())});
        }
        covered += expected.count();
        const std::span<const std::uint8_t> sig(reinterpret_cast<const std::uint8_t *>(signature.constData()), static_cast<std::size_t>(signature.size()));
        CHECK(expected.verify(deviceA.store->identity().publicIdentity(), sig));
        CHECK_FALSE(expected.verify(crypto::Identity::generate().publicIdentity(), sig));
    }
    CHECK(static_cast<std::int64_t>(covered) == storeCount());

    // Everything queued again (a case store restored from a backup): no tags, so no push signature; the case store
    // checks each record by its own signature.
    t->pushes.clear();
    REQUIRE(store::SyncQueue(*deviceA.store).resendEverything().ok());
    REQUIRE(recorded.engine->syncOnce().state == sync::SyncState::Synced);
    REQUIRE_FALSE(t->pushes.empty());
    for (const auto &[url, body] : t->pushes) {
        CHECK_FALSE(QUrlQuery(QUrl(url).query()).hasQueryItem(QStringLiteral("signature")));
        CHECK_FALSE(body.contains("personTag"));
    }

    // Queued again and new notes in one push: the signature covers the new notes only, in their order.
    t->pushes.clear();
    REQUIRE(store::SyncQueue(*deviceA.store).resendEverything().ok());
    for (int i = 0; i < 2; ++i) REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Later note " + std::to_string(i), {"1.1"}).ok());
    REQUIRE(recorded.engine->syncOnce().state == sync::SyncState::Synced);
    std::size_t untagged = 0, tagged = 0;
    for (const auto &[url, body] : t->pushes) {
        crypto::PushSignature newOnly;
        for (const QJsonValue &r : QJsonDocument::fromJson(body).object().value(QLatin1String("records")).toArray()) {
            if (!r.toObject().contains(QStringLiteral("personTag"))) {
                ++untagged;
                continue;
            }
            const QByteArray sealed = QByteArray::fromBase64(r.toObject().value(QLatin1String("body")).toString().toLatin1());
            const QByteArray tag = QByteArray::fromBase64(r.toObject().value(QLatin1String("personTag")).toString().toLatin1());
            newOnly.add({reinterpret_cast<const std::uint8_t *>(sealed.constData()), static_cast<std::size_t>(sealed.size())},
                        {reinterpret_cast<const std::uint8_t *>(tag.constData()), static_cast<std::size_t>(tag.size())});
        }
        tagged += newOnly.count();
        const QUrlQuery query(QUrl(url).query());
        CHECK(query.hasQueryItem(QStringLiteral("signature")) == (newOnly.count() > 0));
        if (newOnly.count() == 0) continue;
        const QByteArray signature = QByteArray::fromBase64(query.queryItemValue(QStringLiteral("signature")).toLatin1(), QByteArray::Base64UrlEncoding);
        CHECK(newOnly.verify(deviceA.store->identity().publicIdentity(),
                             {reinterpret_cast<const std::uint8_t *>(signature.constData()), static_cast<std::size_t>(signature.size())}));
    }
    CHECK(untagged == covered);
    CHECK(tagged == 2);
}

TEST_CASE_METHOD(SyncFixture, "A device the case store no longer knows stops and keeps everything", "[sync]")
{
    REQUIRE(deviceA.notes().addNoteToCase(deviceA.caseId, "Kept while signed out", {}).ok());
    const std::int64_t written = pending(*deviceA.store);
    REQUIRE(store::SyncQueue(*deviceA.store).setEndpoint({url(), "tdt1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}).ok());
    sync::SyncEngine a(*deviceA.store, fastOptions());
    const sync::SyncReport r = a.syncOnce();
    CHECK(r.state == sync::SyncState::AuthRequired);
    CHECK(r.message.find("Enroll it again") != std::string::npos);
    CHECK(pending(*deviceA.store) == written);
    CHECK(storeCount() == 0);
}

TEST_CASE("Case store settings: addresses and tokens are checked, the token is not kept in the clear", "[sync]")
{
    test::ensureCoreApplication();
    test::StoreFixture device;
    store::SyncQueue queue(*device.store);
    sync::SyncEngine engine(*device.store, fastOptions());
    CHECK(engine.syncOnce().state == sync::SyncState::NotConfigured);

    const std::string token = "tdt1.q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA";
    for (const char *bad :
         {"", "casestore.district.org", "ftp://casestore", "http://", "https://h/path", "http://u:p@h:1", "http://h:1?x=1", "http://h:99999"}) {
        INFO(bad);
        auto s = queue.setEndpoint({bad, token});
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == "sync.bad_url");
    }
    for (const char *bad : {"", "tdt1.", "tdt2.q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA", "tdt1.q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJ",
                            "tdt1.q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA==", "tdt1.q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJ!"}) {
        INFO(bad);
        auto s = queue.setEndpoint({"https://casestore.example.org", bad});
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == "sync.bad_token");
    }
    auto none = queue.endpoint();
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value()); // refused settings changed nothing

    REQUIRE(queue.setEndpoint({"HTTPS://CaseStore.Example.org:8443/", token}).ok());
    auto back = queue.endpoint();
    REQUIRE(back.ok());
    REQUIRE(back->has_value());
    CHECK((*back)->caseStoreUrl == "https://casestore.example.org:8443");
    CHECK((*back)->token == token);
    device.store.reset(); // flush to disk
    const QByteArray disk = device.allBytesOnDisk();
    CHECK_FALSE(disk.contains("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA"));
    CHECK_FALSE(disk.contains(QByteArray::fromBase64("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA", QByteArray::Base64UrlEncoding)));
    CHECK(disk.contains("https://casestore.example.org:8443"));
}

TEST_CASE("Replies a broken or hostile case store might send are refused, not applied", "[sync]")
{
    store::OutgoingRecord one;
    one.id = RecordId::generate();
    const std::vector<store::OutgoingRecord> sent{one};
    const std::string id = one.id.toString();
    CHECK(sync::parsePushResponse(QByteArray(R"({"results":[{"id":")") + id.c_str() + R"(","status":"stored"}]})", sent).ok());
    {
        const QByteArray epoch = "0123456789abcdef0123456789abcdef";
        auto told = sync::parsePushResponse(QByteArray(R"({"epoch":")") + epoch + R"(","results":[{"id":")" + id.c_str()
                                                + R"(","status":"stored","seq":42,"receipt":"AAEC"}]})",
                                            sent);
        REQUIRE(told.ok());
        CHECK(told->epoch == epoch.toStdString());
        CHECK(told->seqs == std::vector<std::int64_t>{42});
        CHECK(told->receipts == std::vector<std::vector<std::uint8_t>>{{0, 1, 2}});
    }
    const QByteArray idField = QByteArray(R"("id":")") + id.c_str() + R"(")";
    const QByteArray goodEpoch = R"("epoch":"0123456789abcdef0123456789abcdef",)";
    for (const QByteArray &bad : {QByteArray(""), QByteArray("[]"), QByteArray("<html>502</html>"), QByteArray(R"({"results":[]})"),
                                  QByteArray(R"({"results":[{"id":"00000000-0000-0000-0000-000000000000","status":"stored"}]})"),
                                  QByteArray(R"({"results":[{"id":")") + id.c_str() + R"(","status":"lost"}]})",
                                  // a seq without the epoch it belongs to, a seq that is not one, one for a held record
                                  QByteArray(R"({"results":[{)") + idField + R"(,"status":"stored","seq":42}]})",
                                  QByteArray("{") + goodEpoch + R"("results":[{)" + idField + R"(,"status":"stored","seq":0}]})",
                                  QByteArray("{") + goodEpoch + R"("results":[{)" + idField + R"(,"status":"stored","seq":"42"}]})",
                                  QByteArray("{") + goodEpoch + R"("results":[{)" + idField + R"(,"status":"held","seq":42}]})",
                                  QByteArray("{") + goodEpoch + R"("results":[{)" + idField + R"(,"status":"held","receipt":"AAEC"}]})",
                                  QByteArray("{") + goodEpoch + R"("results":[{)" + idField + R"(,"status":"stored","receipt":"***"}]})",
                                  QByteArray(R"({"epoch":"XYZ","results":[{)") + idField + R"(,"status":"stored"}]})"}) {
        INFO(bad.toStdString());
        auto r = sync::parsePushResponse(bad, sent);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "sync.bad_reply");
    }
    CHECK(sync::parsePullResponse(R"({"records":[],"next":"0","more":false})").ok());
    CHECK(sync::parsePullResponse(R"({"records":[],"next":"0","more":false,"directory":7})")->directory == std::optional<std::uint64_t>(7));
    CHECK_FALSE(sync::parsePullResponse(R"({"records":[],"next":"0","more":false})")->directory);
    for (const char *bad : {"{}", R"({"records":[],"next":"","more":false})", R"({"records":[{}],"next":"1","more":false})",
                            R"({"records":[{"type":5,"createdAt":1,"body":"***"}],"next":"1","more":false})",
                            R"({"records":[{"type":5.5,"createdAt":1,"body":""}],"next":"1","more":false})",
                            R"({"records":[],"next":"1","more":false,"remaining":-1})",
                            R"({"records":[],"next":"1","more":false,"directory":-2})", R"({"records":[],"next":"1","more":false,"directory":"7"})",
                            R"({"records":[{"type":5,"createdAt":1,"body":"AAAA","personTag":"AAAA"}],"next":"1","more":false})",
                            R"({"records":[{"type":5,"createdAt":1,"body":"AAAA","personTag":7}],"next":"1","more":false})",
                            R"({"records":[{"type":5,"createdAt":1,"body":"AAAA","personTag":"***"}],"next":"1","more":false})"}) {
        INFO(bad);
        auto r = sync::parsePullResponse(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "sync.bad_reply");
    }
    // A tag of 32 bytes is read as it came (checked, or not looked at, with the signature).
    const QByteArray tag = QByteArray(32, '\x07').toBase64();
    auto tagged = sync::parsePullResponse(R"({"records":[{"type":5,"createdAt":1,"body":"AAAA","personTag":")" + tag + R"("}],"next":"1","more":false})");
    REQUIRE(tagged.ok());
    CHECK(tagged->records.front().personTag == std::vector<std::uint8_t>(32, 7));
    const sync::ErrorReply e = sync::parseErrorReply(R"({"code":"record.conflict","message":"m","index":3})");
    CHECK(e.code == "record.conflict");
    CHECK(e.index == std::optional<std::size_t>(3));
    CHECK(sync::parseErrorReply("<html>Bad gateway</html>").code.empty());
}

namespace {
// A case store that accepts every push and answers every pull with `pullReply`.
class ScriptedCaseStore final : public sync::Transport {
public:
    QByteArray pullReply;
    std::vector<QByteArray> pullReplies; // when set: one after the other, the last one again
    bool tellSeqs = false;               // the push replies name the store's epoch and each record's seq
    int pulls = 0;
    std::vector<QString> pullUrls;
    sync::HttpReply post(const QString &, const std::string &, const QByteArray &json, int) override
    {
        QJsonArray results;
        for (const QJsonValue &r : QJsonDocument::fromJson(json).object().value("records").toArray()) {
            QJsonObject o{{"id", r.toObject().value("id")}, {"status", "stored"}};
            if (tellSeqs) o.insert("seq", ++m_seq);
            results.append(o);
        }
        QJsonObject reply{{"protocol", "triad-sync/1"}, {"results", results}};
        if (tellSeqs) reply.insert("epoch", "0123456789abcdef0123456789abcdef");
        return {200, QJsonDocument(reply).toJson(), {}};
    }
    sync::HttpReply get(const QString &url, const std::string &, int) override
    {
        pullUrls.push_back(url);
        ++pulls;
        if (!pullReplies.empty()) return {200, pullReplies[std::min<std::size_t>(pulls - 1, pullReplies.size() - 1)], {}};
        return {200, pullReply, {}};
    }

private:
    qint64 m_seq = 0;
};
} // namespace

TEST_CASE("A pull reply that would loop or cannot be read stops the attempt as offline and changes nothing", "[sync]")
{
    test::ensureCoreApplication();
    test::StoreFixture device;
    REQUIRE(store::SyncQueue(*device.store).setEndpoint({"http://127.0.0.1:9", "tdt1.q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA"}).ok());
    for (const char *reply : {R"({"protocol":"triad-sync/1","records":[],"next":"7","more":true})", "{\"records\":[", "<html>ok</html>"}) {
        INFO(reply);
        auto transport = std::make_unique<ScriptedCaseStore>();
        ScriptedCaseStore *t = transport.get();
        t->pullReply = reply;
        sync::SyncEngine engine(*device.store, fastOptions(), std::move(transport));
        const sync::SyncReport r = engine.syncOnce();
        CHECK(r.state == sync::SyncState::Offline);
        CHECK(t->pulls == 1);
        CHECK(*store::SyncQueue(*device.store).cursor() == ""); // the cursor did not move
        CHECK(*device.store->pendingOutboxCount() == 0);        // the push itself was confirmed
    }
}

TEST_CASE("An empty page that says more is taken only after a skip, and only with the cursor moved on in the same store", "[sync]")
{
    test::ensureCoreApplication();
    test::StoreFixture device;
    REQUIRE(store::SyncQueue(*device.store).setEndpoint({"http://127.0.0.1:9", "tdt1.q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA"}).ok());
    const QByteArray epoch = "0123456789abcdef0123456789abcdef";
    auto page = [&](const QByteArray &next, bool more) {
        return QByteArray(R"({"protocol":"triad-sync/1","records":[],"next":")") + next + R"(","more":)" + (more ? "true" : "false") + "}";
    };
    SECTION("moved on, then caught up: taken")
    {
        auto transport = std::make_unique<ScriptedCaseStore>();
        ScriptedCaseStore *t = transport.get();
        t->tellSeqs = true;
        t->pullReplies = {page(epoch + ".5", true), page(epoch + ".9", false)};
        sync::SyncEngine engine(*device.store, fastOptions(), std::move(transport));
        const sync::SyncReport r = engine.syncOnce();
        INFO(r.message);
        CHECK(r.state == sync::SyncState::Synced);
        CHECK(t->pulls == 2);
        REQUIRE_FALSE(t->pullUrls.empty());
        CHECK(t->pullUrls.front().contains(QStringLiteral("skip=") + QString::fromLatin1(epoch)));
        CHECK(*store::SyncQueue(*device.store).cursor() == epoch.toStdString() + ".9");
    }
    for (const QByteArray &stuck : {epoch + ".5", epoch + ".4", QByteArray("fedcba9876543210fedcba9876543210.6"), QByteArray("6")}) {
        INFO(stuck.toStdString());
        auto transport = std::make_unique<ScriptedCaseStore>();
        ScriptedCaseStore *t = transport.get();
        t->tellSeqs = true;
        t->pullReplies = {page(epoch + ".5", true), page(stuck, true)}; // the same, back, another store's, no epoch
        sync::SyncEngine engine(*device.store, fastOptions(), std::move(transport));
        REQUIRE(store::SyncQueue(*device.store).resetCursor().ok());
        REQUIRE(device.notes().addNoteToCase(device.caseId, "Something to push, so the pull names it in skip", {}).ok());
        const sync::SyncReport r = engine.syncOnce();
        CHECK(r.state == sync::SyncState::Offline);
        CHECK(t->pulls == 2);
        CHECK(*store::SyncQueue(*device.store).cursor() == epoch.toStdString() + ".5"); // the first page only
    }
}

namespace {
std::string pageOf(const Result<sync::PullResponse> &r)
{
    if (!r) return "error " + r.error().code + " " + r.error().message;
    std::string out = "next " + r->next + (r->more ? " more" : " done") + " remaining " + (r->remaining ? std::to_string(*r->remaining) : "-")
                      + " directory " + (r->directory ? std::to_string(*r->directory) : "-");
    for (const store::BundleRecord &b : r->records)
        out += " | " + std::to_string(b.type) + "/" + (b.caseId ? b.caseId->toString() : "-") + "/" + (b.observationId ? b.observationId->toString() : "-")
               + "/" + std::to_string(b.createdAt) + "/" + crypto::toHex(b.body) + "/" + crypto::toHex(b.receipt) + "/" + crypto::toHex(b.personTag);
    return out;
}
} // namespace

TEST_CASE("The canonical page reader reads what the JSON parser reads, and leaves every other form to it", "[sync][protocol]")
{
    // A page as the case store writes it: records with and without links, a receipt, a same-person tag, then the rest.
    std::mt19937 rng(4122026);
    auto bytes = [&](std::size_t n) {
        std::vector<std::uint8_t> b(n);
        for (auto &x : b) x = static_cast<std::uint8_t>(rng());
        return b;
    };
    QByteArray page = R"({"protocol":"triad-sync/1","records":[)";
    for (int i = 0; i < 4; ++i) {
        if (i > 0) page.append(',');
        const auto body = bytes(40 + static_cast<std::size_t>(i)), receipt = bytes(169), tag = bytes(32);
        wire::appendRecord(page, RecordId::generate(), static_cast<std::uint16_t>(5 + i), i % 2 ? std::optional(RecordId::generate()) : std::nullopt,
                           i == 2 ? std::optional(RecordId::generate()) : std::nullopt, 1767225600123 - i * 1000, body,
                           i >= 2 ? std::span<const std::uint8_t>(receipt) : std::span<const std::uint8_t>(),
                           i != 1 ? std::span<const std::uint8_t>(tag) : std::span<const std::uint8_t>());
    }
    page.append(R"(],"next":"9f2c41d07a3e4b6c8d1e2f3a4b5c6d7e.42","more":true,"remaining":317,"directory":12})");
    // The JSON parser's reading: the same JSON laid out otherwise, which the canonical reader declines.
    auto general = [](const QByteArray &body) -> std::optional<std::string> {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (!doc.isObject()) return std::nullopt;
        return pageOf(sync::parsePullResponse(doc.toJson(QJsonDocument::Indented)));
    };
    // The canonical reader takes this page (so what follows compares the two readers, not one with itself).
    qsizetype pos = page.indexOf('[') + 1;
    const auto direct = wire::readCanonicalRecords(page, pos);
    REQUIRE(direct.has_value());
    CHECK(direct->size() == 4);
    CHECK(page.at(pos) == ',');
    const auto read = sync::parsePullResponse(page);
    REQUIRE(read.ok());
    REQUIRE(read->records.size() == 4);
    CHECK(read->records[1].personTag.empty());
    CHECK(read->records[2].receipt.size() == 169);
    CHECK(read->records[3].personTag.size() == 32);
    CHECK(read->remaining == std::optional<std::int64_t>(317));
    CHECK(pageOf(read) == general(page));
    // An empty page, and a page whose fields after the records repeat "records": read as the JSON parser reads them.
    const QByteArray empty = R"({"protocol":"triad-sync/1","records":[],"next":"e.1","more":false})";
    CHECK(pageOf(sync::parsePullResponse(empty)) == general(empty));
    const QByteArray twice = R"({"protocol":"triad-sync/1","records":[],"next":"e.1","more":false,"records":[{"type":5,"createdAt":1,"body":"AAAA"}]})";
    CHECK(pageOf(sync::parsePullResponse(twice)) == general(twice));

    // Every byte changed in turn to a few others: whatever the canonical reader accepts, the JSON parser reads the
    // same; what it declines goes to the JSON parser, so the two agree on every page, good or bad.
    int compared = 0;
    for (qsizetype at = 0; at < page.size(); at += 1 + static_cast<qsizetype>(rng() % 5)) {
        for (const char c : {'0', '9', 'A', '"', ',', '}', ']', ' ', '\\', '-', 'e', '.'}) {
            if (page[at] == c) continue;
            QByteArray mutated = page;
            mutated[at] = c;
            const auto viaGeneral = general(mutated);
            const auto viaReader = sync::parsePullResponse(mutated);
            if (!viaGeneral) {
                CHECK_FALSE(viaReader.ok());
                continue;
            }
            INFO("byte " << at << " set to '" << c << "'");
            CHECK(pageOf(viaReader) == *viaGeneral);
            ++compared;
        }
    }
    CHECK(compared > 500);
}

namespace {
// What a reading of a push reply comes to, or its error, as one string to compare.
std::string pushReplyOf(const Result<sync::PushResponse> &r)
{
    if (!r) return "error " + r.error().code + " " + r.error().message;
    std::string out = "epoch " + r->epoch + " directory " + (r->directory ? std::to_string(*r->directory) : "-") + " next " + r->next;
    for (std::size_t i = 0; i < r->results.size(); ++i)
        out += " | " + r->results[i].first.toString() + (r->results[i].second == sync::PushStatus::Stored ? " stored " : " held ")
               + std::to_string(r->seqs.at(i)) + "/" + crypto::toHex(r->receipts.at(i));
    return out;
}

// The records a push body names, by id (all a push reply is checked against).
std::vector<store::OutgoingRecord> sentIn(const QByteArray &push)
{
    std::vector<store::OutgoingRecord> sent;
    for (const QJsonValue &v : QJsonDocument::fromJson(push).object().value(QLatin1String("records")).toArray()) {
        store::OutgoingRecord r;
        r.id = RecordId::fromString(v.toObject().value(QLatin1String("id")).toString().toStdString()).value();
        sent.push_back(std::move(r));
    }
    return sent;
}
} // namespace

TEST_CASE_METHOD(SyncFixture, "The canonical push reply reader reads what the JSON parser reads, and leaves every other form to it",
                 "[sync][protocol]")
{
    // The general reading: the same JSON laid out otherwise, which the canonical reader declines.
    auto general = [](const QByteArray &body, const std::vector<store::OutgoingRecord> &sent) -> std::optional<std::string> {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (!doc.isObject()) return std::nullopt;
        const QByteArray indented = doc.toJson(QJsonDocument::Indented);
        REQUIRE_FALSE(sync::readCanonicalPushReply(indented, sent).has_value());
        return pushReplyOf(sync::parsePushResponse(indented, sent));
    };

    // The case store's own replies, with receipt trees (and a record pushed twice: "held"): each read by the canonical
    // reader, as the general one reads it.
    server->api().setReceiptKey(crypto::Identity::generate());
    const RecordedPush recorded = pushRecorded(*this, 6);
    RecordingTransport *t = recorded.transport;
    std::size_t receipts = 0;
    for (std::size_t i = 0; i < t->pushes.size(); ++i) {
        const auto sent = sentIn(t->pushes[i].second);
        REQUIRE(t->replies[i].status == 200);
        const QByteArray &reply = t->replies[i].body;
        const auto direct = sync::readCanonicalPushReply(reply, sent);
        REQUIRE(direct.has_value());
        for (const auto &r : direct->receipts) receipts += r.empty() ? 0 : 1;
        CHECK(pushReplyOf(*direct) == general(reply, sent));
    }
    CHECK(receipts >= 6);
    const QByteArray &lastPush = t->pushes.back().second;
    store::SyncQueue queue(*deviceA.store);
    const auto endpoint = queue.endpoint();
    REQUIRE(endpoint.ok());
    REQUIRE(endpoint->has_value());
    const auto again = sync::HttpTransport().post(QString::fromStdString(url() + "/v1/records?receipts=2"), (*endpoint)->token, lastPush, 5000);
    REQUIRE(again.status == 200);
    const auto held = sync::readCanonicalPushReply(again.body, sentIn(lastPush));
    REQUIRE(held.has_value());
    CHECK(std::all_of(held->results.begin(), held->results.end(), [](const auto &r) { return r.second == sync::PushStatus::Held; }));

    // A reply with every field: a directory, a held record, a cursor after the results. Every byte changed in turn to a
    // few others: whatever the canonical reader accepts, the JSON parser reads the same; what it declines goes to the
    // JSON parser, so the two agree on every reply, good or bad.
    std::mt19937 rng(7122026);
    std::vector<store::OutgoingRecord> sent(3);
    for (auto &r : sent) r.id = RecordId::generate();
    std::vector<std::uint8_t> receipt(40);
    for (auto &x : receipt) x = static_cast<std::uint8_t>(rng());
    QByteArray reply = R"({"protocol":"triad-sync/1","epoch":"0123456789abcdef0123456789abcdef","stored":2,"directory":7,"results":[)";
    reply.append(R"({"id":")").append(sent[0].id.toString().c_str()).append(R"(","status":"stored","seq":41,"receipt":")");
    wire::appendBase64(reply, receipt);
    reply.append(R"("},{"id":")").append(sent[1].id.toString().c_str()).append(R"(","status":"held"},{"id":")");
    reply.append(sent[2].id.toString().c_str()).append(R"(","status":"stored","seq":42}],"next":"0123456789abcdef0123456789abcdef.42"})");
    const auto read = sync::readCanonicalPushReply(reply, sent);
    REQUIRE(read.has_value());
    CHECK(read->directory == std::optional<std::uint64_t>(7));
    CHECK(read->next == "0123456789abcdef0123456789abcdef.42");
    CHECK(read->seqs == std::vector<std::int64_t>{41, 0, 42});
    CHECK(read->receipts[0] == receipt);
    CHECK(pushReplyOf(sync::parsePushResponse(reply, sent)) == general(reply, sent));
    // A field repeated after the results is read as the JSON parser reads it (the last one), by the canonical reader
    // too; "results" repeated is declined (the JSON parser's results would be the second).
    QByteArray twice = reply;
    twice.insert(twice.size() - 1, R"(,"directory":9)");
    const auto repeated = sync::readCanonicalPushReply(twice, sent);
    REQUIRE(repeated.has_value());
    CHECK(repeated->directory == std::optional<std::uint64_t>(9));
    CHECK(pushReplyOf(*repeated) == general(twice, sent));
    CHECK(pushReplyOf(sync::parsePushResponse(twice, sent)) == general(twice, sent));
    QByteArray results = reply;
    results.insert(results.size() - 1, R"(,"results":[])");
    CHECK_FALSE(sync::readCanonicalPushReply(results, sent).has_value());
    CHECK_FALSE(sync::parsePushResponse(results, sent).ok());
    CHECK(pushReplyOf(sync::parsePushResponse(results, sent)) == general(results, sent));
    int compared = 0, refused = 0;
    for (qsizetype at = 0; at < reply.size(); ++at) {
        for (const char c : {'0', '9', 'a', 'A', '"', ',', '}', ']', ' ', '\\', '-'}) {
            if (reply[at] == c) continue;
            QByteArray mutated = reply;
            mutated[at] = c;
            const auto viaGeneral = general(mutated, sent);
            const auto viaReader = sync::parsePushResponse(mutated, sent);
            INFO("byte " << at << " set to '" << c << "'");
            if (!viaGeneral) {
                CHECK_FALSE(viaReader.ok());
                continue;
            }
            CHECK(pushReplyOf(viaReader) == *viaGeneral);
            ++compared;
            refused += viaReader.ok() ? 0 : 1;
        }
    }
    CHECK(compared > 500);
    CHECK(refused > 100);
}
