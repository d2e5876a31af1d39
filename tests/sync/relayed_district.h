// A certified district (access/store_district.h: devices restored from their people's identities, all certificates
// known, clock at test::kNow), the real case store on the backend under test (TRIAD_TEST_BACKEND, pg_scratch.h) with
// the district and the same clock, and a relay in front of it (rogue_relay.h). Every device enrolls with the real case
// store at its real address, then is led to the relay (its case store address is the relay's): from then on
// everything it syncs passes the relay. The fixture of test_rogue_casestore and test_media_sync.
#pragma once

#include "access/store_district.h"
#include "casestore_enrollment.h"
#include "casestore_server.h"
#include "pg_scratch.h"
#include "rogue_relay.h"
#include "sync_engine.h"
#include "test_support.h"

#include <map>
#include <memory>
#include <string>

namespace triad::test {

struct RelayedDistrict {
    struct AppFirst {
        AppFirst() { test::ensureCoreApplication(); } // before any network access manager
    } appFirst;
    test::District d;
    std::unique_ptr<test::ScratchLocation> scratch;
    std::unique_ptr<casestore::RecordStorage> storage;
    std::unique_ptr<casestore::CaseStoreServer> server;
    quint16 port = 0;
    std::unique_ptr<RogueRelay> relay;
    std::map<const store::LocalStore *, QByteArray> tokens;

    RelayedDistrict()
    {
        auto location = test::ScratchLocation::create();
        if (!location) FAIL(location.error().message);
        scratch = std::move(*location);
        auto opened = casestore::openRecordStorage(scratch->location());
        if (!opened) FAIL(opened.error().message);
        storage = std::move(*opened);
        server = std::make_unique<casestore::CaseStoreServer>(
            *storage, [this] { return d.clock; }, d.keys.info);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
        REQUIRE(server->api().setOrigin(realUrl()).ok());
        relay = std::make_unique<RogueRelay>(port);
        REQUIRE(relay->listen() != 0);
    }

    std::string realUrl() const { return "http://127.0.0.1:" + std::to_string(port); }

    static sync::SyncOptions options(std::uint64_t jitterSeed = 10)
    {
        sync::SyncOptions o;
        o.requestTimeoutMs = 5000;
        o.jitterSeed = jitterSeed;
        return o;
    }

    std::unique_ptr<store::LocalStore> device(const std::string &name, CaseRole role) { return device(name, d.keys.members.at(role)); }
    std::unique_ptr<store::LocalStore> device(const std::string &name, const test::Member &m)
    {
        auto s = d.deviceOf(name, m);
        sync::HttpTransport http;
        auto enrolled = sync::enrollWithCaseStore(http, realUrl(), s->identity(), m.certificateBytes);
        if (!enrolled) FAIL(enrolled.error().code + ": " + enrolled.error().message);
        REQUIRE(store::SyncQueue(*s).setEndpoint({relay->url(), enrolled->token}).ok());
        tokens[s.get()] = QByteArray::fromStdString(enrolled->token);
        return s;
    }
    bool from(const Exchange &ex, const store::LocalStore &s) const { return ex.token == tokens.at(&s); }

    sync::SyncReport sync(store::LocalStore &s, sync::SyncOptions o = options()) { return sync::SyncEngine(s, o).syncOnce(); }
    // A sync that must end synced (whatever it set aside or refused on the way).
    sync::SyncReport synced(store::LocalStore &s, sync::SyncOptions o = options())
    {
        const sync::SyncReport r = sync(s, o);
        INFO(sync::syncStateName(r.state) << ": " << r.message);
        REQUIRE(r.state == sync::SyncState::Synced);
        return r;
    }
};

} // namespace triad::test
