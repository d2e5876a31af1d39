// A real district-aware case store in-process on loopback (SQLite in a temporary folder), signing receipts with its
// own key, for the three-device tests (test_demo_triad.cpp, test_triad_e2e.cpp); and one device's sync against it.
#pragma once

#include "casestore_server.h"
#include "identity.h"
#include "local_store.h"
#include "receipt.h"
#include "sqlite_record_storage.h"
#include "sync_engine.h"
#include "test_support.h"

#include <QGuiApplication>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

namespace triad::test {

// The PDF needs fonts, so a GUI application object (offscreen: catch_main sets QT_QPA_PLATFORM); it also runs the
// event loops of the sockets.
inline void ensureGuiApplication()
{
    static int argc = 1;
    static char name[] = "test_triad";
    static char *argv[] = {name, nullptr};
    if (!QCoreApplication::instance()) new QGuiApplication(argc, argv);
}

struct LoopbackCaseStore {
    QTemporaryDir dir;
    crypto::Identity receiptKey = crypto::Identity::generate();
    std::unique_ptr<casestore::SqliteRecordStorage> storage;
    std::unique_ptr<casestore::CaseStoreServer> server;
    quint16 port = 0;

    explicit LoopbackCaseStore(const directory::DistrictInfo &district)
    {
        ensureGuiApplication();
        auto opened = casestore::SqliteRecordStorage::open(dir.filePath(QStringLiteral("casestore.db")).toStdString());
        REQUIRE(opened.ok());
        storage = std::move(*opened);
        server = std::make_unique<casestore::CaseStoreServer>(*storage, casestore::systemNowMs, district);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
        REQUIRE(server->api().setOrigin(url()).ok());
        server->api().setReceiptKey(crypto::Identity::importSecret(receiptKey.exportSecret().span()).value());
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
    directory::ReceiptKey publicReceiptKey() const { return directory::receiptKeyOf(receiptKey); }
};

template <typename T>
T ok(Result<T> r)
{
    if (!r) FAIL(r.error().code + ": " + r.error().message);
    return std::move(*r);
}

inline sync::SyncReport syncDevice(store::LocalStore &s, bool markDelivered = false)
{
    sync::SyncOptions o;
    o.markDelivered = markDelivered; // as the app's sync does (store/audit_service.h)
    o.requestTimeoutMs = 10000;
    o.jitterSeed = 7;
    sync::SyncEngine engine(s, o);
    const sync::SyncReport r = engine.syncOnce();
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    CHECK(r.setAside == 0);
    return r;
}

} // namespace triad::test
