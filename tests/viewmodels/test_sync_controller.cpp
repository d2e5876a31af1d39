// Sync in the app: the Session's SyncController against the real case store (in-process, loopback), the way the
// mentor's tablet uses it — sync at unlock on the worker thread, again soon after a change, offline when the case
// store is gone (nothing lost), set-aside records listed with their reason, lock while an attempt may be running.
#include "casestore_server.h"
#include "sqlite_record_storage.h"
#include "vm_support.h"
#include "note_service.h"

using namespace triad;

namespace {

struct LocalCaseStore {
    QTemporaryDir dir;
    std::unique_ptr<casestore::SqliteRecordStorage> storage;
    std::unique_ptr<casestore::CaseStoreServer> server;
    quint16 port = 0;

    LocalCaseStore()
    {
        auto opened = casestore::SqliteRecordStorage::open(dir.filePath(QStringLiteral("cs.db")).toStdString());
        REQUIRE(opened.ok());
        storage = std::move(*opened);
        server = std::make_unique<casestore::CaseStoreServer>(*storage);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
    }
    void connect(store::LocalStore &device)
    {
        auto token = casestore::issueToken(*storage, device.ownerKeys().boxKeyId(), 1);
        REQUIRE(token.ok());
        REQUIRE(store::SyncQueue(device).setEndpoint({"http://127.0.0.1:" + std::to_string(port), *token}).ok());
    }
};

} // namespace

TEST_CASE("The app syncs at unlock and after changes, shows offline without losing anything, and lists set-aside records", "[ui][sync]")
{
    test::DemoSession demo;
    ui::SyncController &sync = *demo.session->sync();
    CHECK_FALSE(sync.configured());
    CHECK(sync.stateText() == QStringLiteral("Not connected to a case store"));
    const int pendingAtStart = demo.session->pendingChanges();
    REQUIRE(pendingAtStart > 50); // the demo district's records, never sent

    LocalCaseStore caseStore;
    caseStore.connect(demo.store());
    demo.reopen(); // unlock starts a sync on the worker thread
    CHECK(sync.configured());
    CHECK(sync.caseStoreAddress() == QStringLiteral("http://127.0.0.1:%1").arg(caseStore.port));
    REQUIRE(test::spinUntil([&] { return sync.online() && !sync.syncing(); }, 20000));
    CHECK(demo.session->online());
    CHECK(demo.session->pendingChanges() == 0);
    CHECK(*caseStore.storage->recordCount() == pendingAtStart);
    CHECK(sync.lastSyncedText().startsWith(QStringLiteral("Last synced today at")));
    CHECK(demo.session->syncStatusText() == QStringLiteral("Online · all changes saved on this device"));

    // A note written in the app goes out on its own, shortly after.
    const RecordId caseId = demo.idleCase(CaseKind::Referred);
    REQUIRE(store::NoteService(demo.store()).addNoteToCase(caseId, "Checked for understanding with thumbs up", {"5.1"}).ok());
    demo.session->notifyChanged();
    CHECK(demo.session->pendingChanges() >= 1);
    REQUIRE(test::spinUntil([&] { return demo.session->pendingChanges() == 0 && !sync.syncing(); }, 20000));
    CHECK(*caseStore.storage->recordCount() == pendingAtStart + 2); // the observation it opened and the note

    // The case store holds another record under the id of the next record: it is set aside, listed with the reason.
    REQUIRE(store::NoteService(demo.store()).addNoteToCase(caseId, "Second note", {}).ok());
    auto waiting = store::SyncQueue(demo.store()).nextOutgoing(10, 1 << 20);
    REQUIRE(waiting.ok());
    REQUIRE(waiting->size() == 1);
    casestore::StoredRecord clash;
    clash.id = waiting->front().id;
    clash.type = waiting->front().record.type;
    clash.createdAt = waiting->front().record.createdAt;
    clash.body = waiting->front().record.body;
    clash.body.back() ^= 0x01;
    REQUIRE(caseStore.storage->insertBatch({clash}, 1).ok());
    demo.session->notifyChanged();
    REQUIRE(test::spinUntil([&] { return sync.setAside() == 1 && !sync.syncing(); }, 20000));
    CHECK(sync.needsAttention());
    REQUIRE(sync.setAsideReasons().size() == 1);
    CHECK(sync.setAsideReasons().front().startsWith(QStringLiteral("Not sent: note ")));
    // The case store's code (record.conflict) worded by ui::errorText, in the app's language.
    CHECK(sync.setAsideReasons().front().endsWith(QStringLiteral(": The case store already holds a different record with this id.")));
    CHECK(demo.session->pendingChanges() == 0);

    // The case store goes away: the app says offline, keeps the change, and locking mid-backoff is clean.
    caseStore.server.reset();
    REQUIRE(store::NoteService(demo.store()).addNoteToCase(caseId, "Written while the case store is down", {}).ok());
    demo.session->notifyChanged();
    REQUIRE(test::spinUntil([&] { return !sync.syncing() && sync.stateText() == QStringLiteral("Offline"); }, 20000));
    CHECK_FALSE(demo.session->online());
    CHECK(demo.session->pendingChanges() == 1);
    CHECK(sync.message().startsWith(QStringLiteral("The case store cannot be reached (")));
    CHECK(sync.message().endsWith(QStringLiteral("Triad tries again by itself; nothing here is lost.")));
    demo.session->lock();
    CHECK_FALSE(sync.configured());
    demo.unlock();
    CHECK(demo.session->pendingChanges() == 1);
}
