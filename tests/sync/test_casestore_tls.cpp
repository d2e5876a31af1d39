// TLS between a device and the case store (docs/deployment.md "TLS in the case store"): a throwaway certificate
// authority made with the openssl command line for each test, the real CaseStoreServer serving HTTPS in-process,
// the real sync engine and HttpTransport. A device syncs over https://, refuses http:// to another machine before
// sending anything, and refuses a certificate that fails its pin; the case store speaks TLS 1.2 and 1.3 only. The pins
// come from the district: its signed directory names the case store keys (docs/deployment.md "Pinning the case
// store's key"), and a device checks every https connection against the newest directory it holds.
#include <catch2/catch.hpp>

#include "casestore_enrollment.h"
#include "casestore_server.h"
#include "sqlite_record_storage.h"
#include "store/store_fixture.h"
#include "sync_engine.h"
#include "sync_transport.h"
#include "test_support.h"
#include "enrollment_service.h"
#include "note_service.h"

#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTimer>

#include <chrono>

using namespace triad;

namespace {

// Runs a command to its end while this thread's event loop keeps serving (the case store lives on it).
struct Run {
    int exitCode = -1;
    QByteArray out;
};
Run run(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    p.start(program, args);
    if (!input.isNull()) {
        p.write(input);
        p.closeWriteChannel();
    }
    loop.exec();
    Run r;
    r.out = p.readAll();
    r.exitCode = p.state() == QProcess::NotRunning && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    if (p.state() != QProcess::NotRunning) p.kill(), p.waitForFinished(5000);
    return r;
}

// A throwaway CA and two server certificates it signed for 127.0.0.1 (P-256): `server` and `other` (another key).
struct ThrowawayPki {
    QTemporaryDir dir;
    QString path(const char *name) const { return dir.filePath(QLatin1String(name)); }

    ThrowawayPki()
    {
        test::ensureCoreApplication(); // run() waits in an event loop
        REQUIRE(dir.isValid());
        const QString openssl = QStringLiteral("openssl");
        const auto ok = [](const Run &r) {
            INFO(r.out.toStdString());
            REQUIRE(r.exitCode == 0);
        };
        ok(run(openssl, {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("ca.key"), "-out",
                         path("ca.crt"), "-days", "2", "-subj", "/CN=Triad throwaway test CA"}));
        QFile ext(path("server.ext"));
        REQUIRE(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
                  "extendedKeyUsage=serverAuth\n");
        ext.close();
        for (const char *name : {"server", "other"}) { // "other": another key, as after a rotation or in an impostor's hands
            const QString n = QLatin1String(name);
            ok(run(openssl, {"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path(name) + ".key", "-out",
                             path(name) + ".csr", "-subj", "/CN=127.0.0.1"}));
            ok(run(openssl, {"x509", "-req", "-in", path(name) + ".csr", "-CA", path("ca.crt"), "-CAkey", path("ca.key"), "-CAcreateserial", "-out",
                             path(name) + ".crt", "-days", "2", "-extfile", path("server.ext")}));
            (void)n;
        }
    }
    QSslCertificate certificate(const char *name) const
    {
        const auto list = QSslCertificate::fromPath(path(name), QSsl::Pem);
        REQUIRE(list.size() == 1);
        return list.first();
    }
};

// The case store in this process over HTTPS with the certificate `name` ("server" or "other").
struct TlsCaseStore {
    QTemporaryDir dir;
    std::unique_ptr<casestore::SqliteRecordStorage> storage;
    std::unique_ptr<casestore::CaseStoreServer> server;
    quint16 port = 0;

    TlsCaseStore(const ThrowawayPki &pki, const char *name)
    {
        test::ensureCoreApplication();
        auto opened = casestore::SqliteRecordStorage::open(dir.filePath(QStringLiteral("casestore.db")).toStdString());
        REQUIRE(opened.ok());
        storage = std::move(*opened);
        auto tls = casestore::serverTlsConfiguration(pki.path(name) + ".crt", pki.path(name) + ".key");
        INFO((tls ? std::string() : tls.error().message));
        REQUIRE(tls.ok());
        casestore::ServerOptions options;
        options.tls = *tls;
        server = std::make_unique<casestore::CaseStoreServer>(*storage, casestore::systemNowMs, std::nullopt, options);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
    }
    QString url(const char *path = "") const { return QStringLiteral("https://127.0.0.1:%1%2").arg(port).arg(QLatin1String(path)); }
};

} // namespace

TEST_CASE("A device syncs with the case store over https:// signed by the district's own CA", "[sync]")
{
    ThrowawayPki pki;
    TlsCaseStore cs(pki, "server");
    test::StoreFixture device;
    REQUIRE(device.notes().addNoteToCase(device.caseId, "Observed over TLS", {"2.6"}).ok());
    const std::int64_t written = *device.store->pendingOutboxCount();
    auto token = casestore::issueToken(*cs.storage, device.store->ownerKeys().boxKeyId(), 1);
    REQUIRE(token.ok());
    REQUIRE(store::SyncQueue(*device.store).setEndpoint({cs.url().toStdString(), *token}).ok());

    // Trusting only the system's CAs, the district's certificate is refused and nothing is sent.
    {
        sync::SyncEngine engine(*device.store, {}, std::make_unique<sync::HttpTransport>());
        const sync::SyncReport r = engine.syncOnce();
        INFO(r.message);
        CHECK(r.state == sync::SyncState::Offline);
        CHECK(*cs.storage->recordCount() == 0);
    }
    // With the district's CA: synced.
    sync::SyncEngine engine(*device.store, {}, std::make_unique<sync::HttpTransport>(sync::TransportSecurity{{pki.certificate("ca.crt")}, {}}));
    const sync::SyncReport r = engine.syncOnce();
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    CHECK(r.pushed == written);
    CHECK(*cs.storage->recordCount() == written);
    CHECK(*device.store->pendingOutboxCount() == 0);
}

TEST_CASE("A device refuses http:// to another machine before sending anything; loopback is allowed", "[sync]")
{
    test::ensureCoreApplication();
    for (const char *url : {"http://192.0.2.10:8870/v1/records", "http://casestore.district.org/v1/records", "ftp://127.0.0.1/v1/records",
                            "http://127.0.0.1.nip.io/v1/records"}) {
        INFO(url);
        CHECK(!sync::refusedAddress(QString::fromLatin1(url)).empty());
        sync::HttpTransport transport;
        const auto start = std::chrono::steady_clock::now();
        const sync::HttpReply reply = transport.get(QString::fromLatin1(url), "tdt1.secret", 5000);
        CHECK(reply.status == 0);
        CHECK(reply.network.find("https://") != std::string::npos);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1000)); // no connection attempted
    }
    for (const char *url : {"https://casestore.district.org/v1/records", "http://127.0.0.1:8870/v1/records", "http://127.8.9.10/v1/records",
                            "http://localhost:8870/v1/records", "http://[::1]:8870/v1/records"})
        CHECK(sync::refusedAddress(QString::fromLatin1(url)).empty());

    // The engine reports the reason and keeps the outbox.
    test::StoreFixture device;
    const std::string wellFormedToken = "tdt1." + std::string(43, 'A');
    REQUIRE(store::SyncQueue(*device.store).setEndpoint({"http://casestore.district.org", wellFormedToken}).ok());
    const std::int64_t pending = *device.store->pendingOutboxCount();
    sync::SyncEngine engine(*device.store);
    const sync::SyncReport r = engine.syncOnce();
    CHECK(r.state != sync::SyncState::Synced);
    CHECK(r.message.find("https://") != std::string::npos);
    CHECK(*device.store->pendingOutboxCount() == pending);
}

TEST_CASE("A pinned case store key: the right key is accepted without a CA, any other refused before the request is sent", "[sync]")
{
    ThrowawayPki pki;
    const QByteArray pin = sync::spkiPin(pki.certificate("server.crt"));
    // The pin is the standard SPKI SHA-256 pin, as openssl computes it from the certificate file.
    const Run cli =
        run(QStringLiteral("bash"), {"-c", "openssl x509 -in '" + pki.path("server.crt")
                                               + "' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"});
    REQUIRE(cli.exitCode == 0);
    CHECK(cli.out.trimmed() == pin);

    {
        TlsCaseStore cs(pki, "server");
        sync::HttpTransport pinned(sync::TransportSecurity{{}, {pin}}); // no CA: the pin is the proof
        const sync::HttpReply ok = pinned.get(cs.url("/v1/health"), {}, 5000);
        INFO(ok.network);
        CHECK(ok.status == 200);
    }
    // A certificate the trusted CA signed, but for another key: refused, and the request never reached the server.
    TlsCaseStore impostor(pki, "other");
    sync::HttpTransport pinned(sync::TransportSecurity{{pki.certificate("ca.crt")}, {pin}});
    const sync::HttpReply refused = pinned.get(impostor.url("/v1/records"), "tdt1.secret", 5000);
    CHECK(refused.status == 0);
    CHECK(refused.network.find("pins") != std::string::npos);
    CHECK(!impostor.server->metrics().contains("route=\"/v1/records\""));
    // Without the pin the same CA-signed certificate is fine (the request arrives: 401, no such token).
    sync::HttpTransport caOnly(sync::TransportSecurity{{pki.certificate("ca.crt")}, {}});
    CHECK(caOnly.get(impostor.url("/v1/records"), "tdt1.secret", 5000).status == 401);
}

TEST_CASE("The case store speaks TLS 1.2 and 1.3 only, and nothing in plain HTTP on its TLS port", "[sync]")
{
    ThrowawayPki pki;
    TlsCaseStore cs(pki, "server");
    const QString connect = QStringLiteral("127.0.0.1:%1").arg(cs.port);
    const auto handshake = [&](const char *version, const char *cipher = nullptr) {
        QStringList args{"s_client", "-connect", connect, version, "-CAfile", pki.path("ca.crt"), "-verify_return_error", "-ign_eof"};
        if (cipher) args << "-cipher" << QLatin1String(cipher);
        return run(QStringLiteral("openssl"), args, "GET /v1/health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    };
    const Run v13 = handshake("-tls1_3");
    INFO(v13.out.toStdString());
    CHECK(v13.exitCode == 0);
    CHECK(v13.out.contains("HTTP/1.1 200 OK"));
    CHECK(handshake("-tls1_2").out.contains("HTTP/1.1 200 OK"));
    // TLS 1.1 and 1.0 (the client lowered to security level 0 so it offers them at all): refused by the server.
    for (const char *old : {"-tls1_1", "-tls1"}) {
        const Run r = handshake(old, "DEFAULT:@SECLEVEL=0");
        INFO(old << ": " << r.out.toStdString());
        CHECK(r.exitCode != 0);
        CHECK(!r.out.contains("HTTP/1.1"));
    }
    // TLS 1.2 with a suite without forward secrecy or without AEAD: refused.
    CHECK(!handshake("-tls1_2", "AES128-SHA256").out.contains("HTTP/1.1 200"));
    // Plain HTTP to the TLS port gets no HTTP answer.
    sync::HttpTransport plain;
    CHECK(plain.get(QStringLiteral("http://127.0.0.1:%1/v1/health").arg(cs.port), {}, 3000).status == 0);
}

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

QByteArray octets(std::span<const std::uint8_t> b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); }

// A district-aware case store: one storage served over HTTPS twice at once, on two ports with the two certificates
// of the throwaway CA ("server" and "other"), so a device can be pointed at either key of the same case store.
// A mentor's device is enrolled (over https://, trusting the CA) and has a note waiting.
struct PinnedDistrict {
    ThrowawayPki pki;
    crypto::Identity root = crypto::Identity::generate();
    crypto::Identity records = crypto::Identity::generate();
    directory::DistrictInfo info;
    QTemporaryDir dir;
    std::unique_ptr<casestore::SqliteRecordStorage> storage;
    std::map<std::string, std::unique_ptr<casestore::CaseStoreServer>> servers;
    std::map<std::string, quint16> ports;
    test::StoreFixture device;
    crypto::Bytes certificate;
    std::string token;
    std::uint64_t published = 0;

    PinnedDistrict()
    {
        test::ensureCoreApplication();
        info.name = "Sierra Foothills Unified School District";
        info.rootSignPublicKey = root.publicIdentity().signPublicKey;
        info.recordsBoxPublicKey = records.publicIdentity().boxPublicKey;
        info.recordsSignPublicKey = records.publicIdentity().signPublicKey;
        auto opened = casestore::SqliteRecordStorage::open(dir.filePath(QStringLiteral("casestore.db")).toStdString());
        REQUIRE(opened.ok());
        storage = std::move(*opened);
        for (const char *name : {"server", "other"}) {
            auto tls = casestore::serverTlsConfiguration(pki.path(name) + ".crt", pki.path(name) + ".key");
            REQUIRE(tls.ok());
            casestore::ServerOptions options;
            options.tls = *tls;
            auto server = std::make_unique<casestore::CaseStoreServer>(*storage, casestore::systemNowMs, info, options);
            ports[name] = server->listen(QHostAddress::LocalHost, 0);
            REQUIRE(ports[name] != 0);
            REQUIRE(server->api().setOrigin(url(name)).ok());
            servers[name] = std::move(server);
        }
        directory::Certificate c;
        c.serial = RecordId::generate();
        c.personId = device.store->owner().id;
        c.displayName = device.store->owner().displayName;
        c.roles = {Role::ParMentor};
        c.keys = device.store->ownerKeys();
        c.issuedAtMs = store::systemClockMs() - kDay;
        c.notAfterMs = store::systemClockMs() + 365 * kDay;
        certificate = directory::issueCertificate(root, c).value();
        REQUIRE(store::EnrollmentService(*device.store).enroll(info.enrollmentCode(), info.serialize(), certificate).ok());
        sync::HttpTransport trustingCa(sync::TransportSecurity{{pki.certificate("ca.crt")}, {}});
        auto enrolled = sync::enrollWithCaseStore(trustingCa, url("server"), device.store->identity(), certificate);
        INFO((enrolled ? std::string() : enrolled.error().message));
        REQUIRE(enrolled.ok());
        token = enrolled->token;
        pointAt("server");
        REQUIRE(device.notes().addNoteToCase(device.caseId, "Observed over a pinned connection", {"2.6"}).ok());
    }

    std::string url(const std::string &name) const { return "https://127.0.0.1:" + std::to_string(ports.at(name)); }
    QByteArray pinOf(const char *name) const { return sync::spkiPin(pki.certificate((std::string(name) + ".crt").c_str())); }
    void pointAt(const std::string &name) { REQUIRE(store::SyncQueue(*device.store).setEndpoint({url(name), token}).ok()); }

    // District IT publishes the next directory naming `pins` (base64, as typed after --casestore-pin) and posts it.
    void publish(const std::vector<QByteArray> &pins)
    {
        directory::DirectorySnapshot s;
        s.sequence = ++published;
        s.issuedAtMs = store::systemClockMs();
        s.nextUpdateMs = s.issuedAtMs + 7 * kDay;
        s.certificates = {certificate};
        for (const QByteArray &p : pins) s.caseStorePins.push_back(directory::caseStorePinFromBase64(p.toStdString()).value());
        const crypto::Bytes bytes = directory::issueDirectory(root, s).value();
        const casestore::ApiReply r = servers.at("server")->api().publishDirectory("application/octet-stream", octets(bytes));
        INFO(r.json.toStdString());
        REQUIRE(r.status == 200);
    }

    sync::SyncReport sync(bool trustCa = true)
    {
        sync::TransportSecurity security;
        if (trustCa) security.extraCaCertificates = {pki.certificate("ca.crt")};
        sync::SyncEngine engine(*device.store, {}, std::make_unique<sync::HttpTransport>(security));
        return engine.syncOnce();
    }
    // The requests the server with key `name` has read (its metrics count every one, whatever its answer).
    qint64 requests(const char *name) const
    {
        qint64 n = 0;
        for (const QByteArray &line : servers.at(name)->metrics().split('\n'))
            if (line.startsWith("triad_casestore_requests_total{")) n += line.mid(line.lastIndexOf(' ') + 1).toLongLong();
        return n;
    }
};

} // namespace

TEST_CASE("Pins from the district directory: the pinned key syncs whoever signed it; another CA-signed key is refused before the token leaves",
          "[sync]")
{
    PinnedDistrict d;
    d.publish({d.pinOf("server")});
    const std::int64_t waiting = *d.device.store->pendingOutboxCount();
    REQUIRE(waiting > 0);

    // The first sync trusts the district's CA (the device holds no directory yet); it brings the pin.
    sync::SyncReport r = d.sync();
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    CHECK(r.directory.updated);
    REQUIRE(d.device.store->directoryStatus().held->caseStorePins.size() == 1);
    CHECK(*d.device.store->pendingOutboxCount() == 0);
    CHECK(*d.storage->recordCount() == waiting);

    // From now on the pin is the proof: without the district's CA among the trusted ones, the pinned key syncs.
    REQUIRE(store::NoteService(*d.device.store).addNoteToCase(d.device.caseId, "A second note", {"2.6"}).ok());
    r = d.sync(false);
    INFO(r.message);
    CHECK(r.state == sync::SyncState::Synced);
    CHECK(*d.device.store->pendingOutboxCount() == 0);

    // The same case store (same storage, same token good there) behind a certificate the trusted CA signed for
    // another key: refused with the reason, no request reached it (so no token), nothing lost.
    REQUIRE(store::NoteService(*d.device.store).addNoteToCase(d.device.caseId, "A note that must wait", {"2.6"}).ok());
    const std::int64_t pending = *d.device.store->pendingOutboxCount();
    const std::int64_t stored = *d.storage->recordCount();
    d.pointAt("other");
    r = d.sync(true);
    INFO(r.message);
    CHECK(r.state == sync::SyncState::Offline);
    CHECK(r.message.find("is not the one the district pinned") != std::string::npos);
    CHECK(r.message.find("nothing was sent") != std::string::npos);
    CHECK(d.requests("other") == 0);
    CHECK(*d.device.store->pendingOutboxCount() == pending);
    CHECK(*d.storage->recordCount() == stored);
    // Reopened (the directory comes back from the sealed local state): still pinned, still refused.
    d.device.reopen();
    r = d.sync(true);
    CHECK(r.message.find("is not the one the district pinned") != std::string::npos);
    CHECK(d.requests("other") == 0);
    CHECK(*d.device.store->pendingOutboxCount() == pending);
}

TEST_CASE("Pins from the district directory: rotating the case store's key with two pins, then dropping pins", "[sync]")
{
    PinnedDistrict d;
    d.publish({d.pinOf("server")});
    REQUIRE(d.sync().state == sync::SyncState::Synced);

    // Rotation, step 1: the directory names the current key and the next one; devices fetch it from the current key.
    d.publish({d.pinOf("server"), d.pinOf("other")});
    sync::SyncReport r = d.sync(false);
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    REQUIRE(d.device.store->directoryStatus().held->caseStorePins.size() == 2);
    // Step 2: the case store switches to the next key: the device syncs with it, with or without trusting the CA.
    d.pointAt("other");
    REQUIRE(store::NoteService(*d.device.store).addNoteToCase(d.device.caseId, "After the key changed", {"2.6"}).ok());
    r = d.sync(false);
    INFO(r.message);
    CHECK(r.state == sync::SyncState::Synced);
    CHECK(*d.device.store->pendingOutboxCount() == 0);
    // Step 3: the old key's pin is dropped; the old key is refused from then on.
    d.publish({d.pinOf("other")});
    REQUIRE(d.sync(false).state == sync::SyncState::Synced);
    d.pointAt("server");
    const qint64 before = d.requests("server");
    r = d.sync(true);
    CHECK(r.state == sync::SyncState::Offline);
    CHECK(r.message.find("is not the one the district pinned") != std::string::npos);
    CHECK(d.requests("server") == before); // the refused connection carried no request

    // No pins in the newest directory: the usual CA check again, from the request after the one that fetched it.
    d.pointAt("other");
    d.publish({});
    r = d.sync(false); // the first pull page names the new directory; it is fetched over the pinned key
    CHECK(r.directory.updated);
    CHECK(d.device.store->directoryStatus().held->caseStorePins.empty());
    REQUIRE(store::NoteService(*d.device.store).addNoteToCase(d.device.caseId, "After the pins were dropped", {"2.6"}).ok());
    r = d.sync(false);
    CHECK(r.state == sync::SyncState::Offline); // no pins any more: the push needs a CA
    CHECK(r.message.find("pinned") == std::string::npos);
    REQUIRE(d.sync(true).state == sync::SyncState::Synced);
    d.pointAt("server");
    CHECK(d.sync(true).state == sync::SyncState::Synced); // the CA-signed old key is fine again
    r = d.sync(false);                                    // and an untrusted CA refused, as before
    CHECK(r.state == sync::SyncState::Offline);
    CHECK(r.message.find("pinned") == std::string::npos);
}
