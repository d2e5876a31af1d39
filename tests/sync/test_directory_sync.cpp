// The district directory reaching devices (docs/protocol.md "Directory"), and enrollment naming the case store
// (docs/protocol.md "Enrollment"): real devices (LocalStore on disk), the real sync engine over HTTP, a real
// district-aware case store in-process on loopback (SQLite), and a rogue case store in front of it (a transport that
// relays every request to the real one and substitutes what a hostile operator would).
#include <catch2/catch.hpp>

#include "casestore_enrollment.h"
#include "casestore_server.h"
#include "certificate.h"
#include "pulled_record.h"
#include "receipt.h"
#include "receipt_store.h"
#include "sealed_record.h"
#include "sqlite_record_storage.h"
#include "store/store_fixture.h"
#include "sync_engine.h"
#include "sync_messages.h"
#include "test_support.h"
#include "case_service.h"
#include "enrollment_service.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>
#include <map>

using namespace triad;
using triad::test::pulledAs;

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

QByteArray octets(std::span<const std::uint8_t> b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); }

// Relays every request to the real case store at `real`, as a case store (or proxy) at another address would; what it
// answers to GET /v1/directory can be replaced.
class RogueCaseStore final : public sync::Transport {
public:
    RogueCaseStore(std::string rogueUrl, std::string realUrl) : m_rogue(std::move(rogueUrl)), m_real(std::move(realUrl)) {}
    sync::HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        sync::HttpReply reply = m_http.post(relayed(url), token, json, timeoutMs);
        if (url.contains(QLatin1String("/v1/records")) && m_rewritePush) reply.body = m_rewritePush(reply.body);
        return reply;
    }
    sync::HttpReply get(const QString &url, const std::string &token, int timeoutMs) override
    {
        if (url.contains(QLatin1String("/v1/directory"))) ++*directoryAsked;
        if (url.contains(QLatin1String("/v1/directory")) && m_directory) {
            ++*directoryServed;
            return sync::HttpReply{
                200,
                QJsonDocument(
                    QJsonObject{{"protocol", "triad-sync/1"}, {"sequence", 0}, {"directory", QString::fromLatin1(octets(*m_directory).toBase64())}})
                    .toJson(QJsonDocument::Compact),
                {}};
        }
        sync::HttpReply reply = m_http.get(relayed(url), token, timeoutMs);
        if (url.contains(QLatin1String("/v1/records")) && m_directory) { // hides the newest sequence, so the device asks
            QJsonObject o = QJsonDocument::fromJson(reply.body).object();
            o.remove(QLatin1String("directory"));
            reply.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        }
        if (url.contains(QLatin1String("/v1/records")) && m_rewritePull) reply.body = m_rewritePull(reply.body);
        return reply;
    }
    void serveDirectory(std::optional<crypto::Bytes> bytes) { m_directory = std::move(bytes); }
    // Rewrites every pull reply's body on its way to the device.
    void rewritePull(std::function<QByteArray(const QByteArray &)> rewrite) { m_rewritePull = std::move(rewrite); }
    // Rewrites every push reply's body on its way to the device.
    void rewritePush(std::function<QByteArray(const QByteArray &)> rewrite) { m_rewritePush = std::move(rewrite); }
    std::shared_ptr<int> directoryServed = std::make_shared<int>(0); // outlives the engine that owns this transport
    std::shared_ptr<int> directoryAsked = std::make_shared<int>(0);  // GET /v1/directory requests, served or relayed

private:
    QString relayed(const QString &url) const
    {
        QString out = url;
        out.replace(QString::fromStdString(m_rogue), QString::fromStdString(m_real));
        return out;
    }
    std::string m_rogue, m_real;
    sync::HttpTransport m_http;
    std::optional<crypto::Bytes> m_directory;
    std::function<QByteArray(const QByteArray &)> m_rewritePull, m_rewritePush;
};

// One person's device: its own store (its keys made on the device), certified by the district.
struct Member {
    test::StoreFixture device{false};
    directory::Certificate certificate;
    crypto::Bytes certificateBytes;
};

struct DistrictCaseStore {
    crypto::Identity root = crypto::Identity::generate();
    crypto::Identity records = crypto::Identity::generate();
    directory::DistrictInfo info;
    QTemporaryDir serverDir;
    std::unique_ptr<casestore::SqliteRecordStorage> storage;
    std::unique_ptr<casestore::CaseStoreServer> server;
    quint16 port = 0;
    Member mentor, administrator, teacher;
    directory::RevocationList revocations;
    std::uint64_t published = 0;
    std::vector<directory::ReceiptKey> receiptKeys; // what the next snapshot names

    DistrictCaseStore()
    {
        test::ensureCoreApplication();
        info.name = "Sierra Foothills Unified School District";
        info.rootSignPublicKey = root.publicIdentity().signPublicKey;
        info.recordsBoxPublicKey = records.publicIdentity().boxPublicKey;
        info.recordsSignPublicKey = records.publicIdentity().signPublicKey;
        auto opened = casestore::SqliteRecordStorage::open(serverDir.filePath(QStringLiteral("casestore.db")).toStdString());
        REQUIRE(opened.ok());
        storage = std::move(*opened);
        server = std::make_unique<casestore::CaseStoreServer>(*storage, casestore::systemNowMs, info);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
        REQUIRE(server->api().setOrigin(url()).ok());
        certify(mentor, Role::ParMentor);
        certify(administrator, Role::SiteAdministrator);
        certify(teacher, Role::ParticipatingTeacher);
        // Each device pins the district and enrolls with the case store with its own certificate: only its own
        // certificate is handed over, no colleague's.
        for (Member *p : {&mentor, &administrator, &teacher}) {
            REQUIRE(store::EnrollmentService(*p->device.store).enroll(info.enrollmentCode(), info.serialize(), p->certificateBytes).ok());
            sync::HttpTransport http;
            auto enrolled = sync::enrollWithCaseStore(http, url(), p->device.store->identity(), p->certificateBytes);
            INFO((enrolled ? std::string() : enrolled.error().message));
            REQUIRE(enrolled.ok());
            REQUIRE(store::SyncQueue(*p->device.store).setEndpoint({url(), enrolled->token}).ok());
        }
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }

    void certify(Member &p, Role role)
    {
        const std::int64_t now = store::systemClockMs();
        p.certificate.serial = RecordId::generate();
        p.certificate.personId = p.device.store->owner().id;
        p.certificate.displayName = p.device.store->owner().displayName;
        p.certificate.roles = {role};
        p.certificate.keys = p.device.store->ownerKeys();
        p.certificate.issuedAtMs = now - kDay;
        p.certificate.notAfterMs = now + 365 * kDay;
        auto bytes = directory::issueCertificate(root, p.certificate);
        REQUIRE(bytes.ok());
        p.certificateBytes = *bytes;
    }

    // District IT: the next directory snapshot (every certificate, the revocation list) signed, as triadctl district
    // publish writes it; not yet posted.
    crypto::Bytes snapshot(std::uint64_t sequence, std::int64_t nextUpdateInMs = 7 * kDay)
    {
        directory::DirectorySnapshot s;
        s.sequence = sequence;
        s.issuedAtMs = store::systemClockMs();
        s.nextUpdateMs = s.issuedAtMs + nextUpdateInMs;
        if (revocations.sequence > 0) s.revocations = directory::issueRevocations(root, revocations).value();
        for (const Member *p : {&mentor, &administrator, &teacher}) s.certificates.push_back(p->certificateBytes);
        s.receiptKeys = receiptKeys;
        auto bytes = directory::issueDirectory(root, s);
        REQUIRE(bytes.ok());
        return *bytes;
    }
    // ...posted to the case store (POST /v1/directory), which must take it.
    crypto::Bytes publish(std::int64_t nextUpdateInMs = 7 * kDay)
    {
        const crypto::Bytes bytes = snapshot(++published, nextUpdateInMs);
        const casestore::ApiReply r = server->api().publishDirectory("application/octet-stream", octets(bytes));
        INFO(r.json.toStdString());
        REQUIRE(r.status == 200);
        return bytes;
    }
    void revoke(const Member &p)
    {
        ++revocations.sequence;
        revocations.issuedAtMs = store::systemClockMs();
        revocations.revokedSerials.insert(p.certificate.serial);
    }
};

sync::SyncOptions options()
{
    sync::SyncOptions o;
    o.requestTimeoutMs = 5000;
    o.jitterSeed = 11;
    return o;
}

sync::SyncReport syncOf(Member &p, std::unique_ptr<sync::Transport> transport = nullptr)
{
    sync::SyncEngine engine(*p.device.store, options(), std::move(transport));
    const sync::SyncReport r = engine.syncOnce();
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    return r;
}

bool knows(const Member &device, const Member &colleague)
{
    return device.device.store->keyDirectory()->certificateForPerson(colleague.certificate.personId, store::systemClockMs()).ok();
}

// The mentor opens a referred case for the teacher with the administrator: sealed to all three, which the mentor's
// device can only do once it knows their certificates.
ParCase openCase(DistrictCaseStore &d)
{
    ParCase c;
    c.id = RecordId::generate();
    c.kind = CaseKind::Referred;
    c.teacherId = d.teacher.certificate.personId;
    c.mentorId = d.mentor.certificate.personId;
    c.administratorId = d.administrator.certificate.personId;
    c.school = "Cottonwood Elementary School";
    c.gradeSubject = "Grade 4 / Multiple subjects";
    c.schoolYear = "2026-27";
    c.startDate = QDate(2026, 9, 1);
    c.standardsOfFocus = {"2.6"};
    auto saved = store::CaseService(*d.mentor.device.store).saveCase(c);
    INFO((saved ? std::string() : saved.error().message));
    REQUIRE(saved.ok());
    return c;
}

} // namespace

TEST_CASE("A teacher's device enrolled in the district finds its mentor's and administrator's certificates by syncing alone", "[sync][directory]")
{
    DistrictCaseStore d;
    REQUIRE_FALSE(knows(d.teacher, d.mentor));
    REQUIRE_FALSE(knows(d.teacher, d.administrator));

    // Before district IT publishes anything: the sync works and says there is no directory yet.
    sync::SyncReport before = syncOf(d.teacher);
    CHECK(before.directory.enrolled);
    CHECK_FALSE(before.directory.held);
    CHECK_FALSE(before.directory.updated);
    CHECK(before.directory.refused.empty());

    d.publish();
    const sync::SyncReport mentorSync = syncOf(d.mentor);
    REQUIRE(mentorSync.directory.updated);
    REQUIRE(knows(d.mentor, d.teacher));
    const ParCase c = openCase(d); // sealed to the teacher and the administrator too
    REQUIRE(syncOf(d.mentor).pushed >= 1);

    const sync::SyncReport r = syncOf(d.teacher);
    CHECK(r.directory.updated);
    CHECK(r.directory.held);
    CHECK(r.directory.sequence == 1);
    CHECK_FALSE(r.directory.stale);
    CHECK(r.directory.refused.empty());
    CHECK(knows(d.teacher, d.mentor));
    CHECK(knows(d.teacher, d.administrator));
    // ...and the case the mentor sealed to it opens: the author is a certificate the device learned by syncing.
    CHECK(r.setAside == 0);
    auto cases = store::CaseService(*d.teacher.device.store).cases();
    REQUIRE(cases.ok());
    REQUIRE(cases->size() == 1);
    CHECK(cases->front().id == c.id);

    // The directory is kept: after the store is closed and opened again it is still there, at the same sequence.
    d.teacher.device.reopen();
    CHECK(knows(d.teacher, d.mentor));
    const auto status = d.teacher.device.store->directoryStatus();
    REQUIRE(status.held);
    CHECK(status.held->sequence == 1);
    // The same snapshot at the next sync changes nothing.
    const sync::SyncReport again = syncOf(d.teacher);
    CHECK_FALSE(again.directory.updated);
    CHECK(again.directory.sequence == 1);

    // Past its next update the device says plainly that the directory is stale.
    d.teacher.device.store->setClock([] { return store::systemClockMs() + 8 * kDay; });
    const auto late = d.teacher.device.store->directoryStatus();
    CHECK(late.stale);
    CHECK(late.ageMs >= 8 * kDay);
    const sync::SyncReport lateSync = syncOf(d.teacher); // the case store has nothing newer: the sync says so
    CHECK(lateSync.directory.stale);
    CHECK(lateSync.directory.sequence == 1);
    d.teacher.device.store->setClock(store::systemClockMs);
    // District IT publishes again: no longer stale.
    d.publish();
    const sync::SyncReport fresh = syncOf(d.teacher);
    CHECK(fresh.directory.updated);
    CHECK_FALSE(fresh.directory.stale);
}

TEST_CASE("A revocation reaches a device at its next sync, and the revoked author's records are refused from then on", "[sync][directory]")
{
    DistrictCaseStore d;
    d.publish();
    syncOf(d.mentor);
    openCase(d);
    syncOf(d.mentor);
    syncOf(d.teacher);
    REQUIRE(knows(d.teacher, d.mentor));
    // While nothing changes, a sync asks for no directory: the first pull page names the sequence held.
    auto relay = std::make_unique<RogueCaseStore>(d.url(), d.url()); // relays as it is, counting
    const std::shared_ptr<int> asked = relay->directoryAsked;
    CHECK(syncOf(d.teacher, std::move(relay)).directory.sequence == 1);
    CHECK(*asked == 0);
    REQUIRE(store::SyncQueue(*d.teacher.device.store).setAside()->empty());

    // The mentor's tablet is lost: it wrote once more (a second case, pushed before district IT acted), then the
    // district revokes its certificate and publishes the directory.
    const RecordId caseId = store::CaseService(*d.teacher.device.store).cases()->front().id;
    ParCase second = openCase(d);
    REQUIRE(second.id != caseId);
    REQUIRE(syncOf(d.mentor).pushed == 1);
    d.revoke(d.mentor);
    d.publish();

    // The first pull page names #2: the device fetches it and judges that page's records by it, in the same sync.
    auto again = std::make_unique<RogueCaseStore>(d.url(), d.url());
    const std::shared_ptr<int> askedAfter = again->directoryAsked;
    const sync::SyncReport r = syncOf(d.teacher, std::move(again));
    CHECK(*askedAfter == 1);
    CHECK(r.directory.updated);
    CHECK(r.directory.sequence == 2);
    CHECK_FALSE(knows(d.teacher, d.mentor));
    CHECK(d.teacher.device.store->keyDirectory()->isRevoked(d.mentor.certificate.serial));
    // The record the revoked key wrote is refused here and kept aside with the reason, not applied.
    CHECK(r.pulled == 0);
    CHECK(r.setAside == 1);
    auto aside = store::SyncQueue(*d.teacher.device.store).setAside();
    REQUIRE(aside.ok());
    REQUIRE(aside->size() == 1);
    CHECK(aside->front().incoming);
    CHECK(aside->front().code == "record.unknown_author");
    CHECK(aside->front().id == second.id);
    CHECK_FALSE(store::CaseService(*d.teacher.device.store).parCase(second.id).ok());

    // The case store withdrew the revoked device's token with the same directory: it can no longer sync.
    sync::SyncEngine lost(*d.mentor.device.store, options());
    CHECK(lost.syncOnce().state == sync::SyncState::AuthRequired);
}

TEST_CASE("Records set aside are judged again by the newest directory, not by one applied from a file since", "[sync][directory]")
{
    DistrictCaseStore d;
    // Directory #1 names the teacher and the administrator, not the mentor (certified later).
    auto without = [&](std::uint64_t sequence) {
        directory::DirectorySnapshot s;
        s.sequence = sequence;
        s.issuedAtMs = store::systemClockMs();
        s.nextUpdateMs = s.issuedAtMs + 7 * kDay;
        s.certificates = {d.teacher.certificateBytes, d.administrator.certificateBytes};
        return directory::issueDirectory(d.root, s).value();
    };
    REQUIRE(d.server->api().publishDirectory("application/octet-stream", octets(without(1))).status == 200);
    d.published = 1;
    syncOf(d.mentor);
    const ParCase c = openCase(d);
    REQUIRE(syncOf(d.mentor).pushed >= 1);
    // The teacher's phone pulls the mentor's case under #1: set aside, its author unknown.
    const sync::SyncReport first = syncOf(d.teacher);
    REQUIRE(first.setAside >= 1);
    REQUIRE_FALSE(store::CaseService(*d.teacher.device.store).parCase(c.id).ok());
    // District IT hands the phone #2 (which certifies the mentor) as a file; before the phone syncs again the mentor's
    // tablet is lost and #3 revokes it on the case store.
    REQUIRE(store::EnrollmentService(*d.teacher.device.store).applyDirectory(d.snapshot(2)).ok());
    d.published = 2;
    d.revoke(d.mentor);
    d.publish();
    // The next sync learns #3 from its first pull page and judges the set-aside records by it: still refused.
    const sync::SyncReport r = syncOf(d.teacher);
    CHECK(r.directory.updated);
    CHECK(r.directory.sequence == 3);
    CHECK(r.pulled == 0);
    CHECK_FALSE(store::CaseService(*d.teacher.device.store).parCase(c.id).ok());
    auto aside = store::SyncQueue(*d.teacher.device.store).setAside();
    REQUIRE(aside.ok());
    CHECK(std::any_of(aside->begin(), aside->end(), [&](const auto &a) { return a.incoming && a.id == c.id; }));
}

TEST_CASE("A directory past its next update is asked for at the start of a sync, so a sync stopped early still refreshes it", "[sync][directory]")
{
    DistrictCaseStore d;
    d.publish(kDay); // next update in a day
    REQUIRE(syncOf(d.teacher).directory.sequence == 1);
    d.publish();
    d.teacher.device.store->setClock([] { return store::systemClockMs() + 2 * kDay; });
    REQUIRE(d.teacher.device.store->directoryStatus().stale);
    // A pull reply the phone cannot read stops the sync; the directory, asked for first, is new all the same.
    auto relay = std::make_unique<RogueCaseStore>(d.url(), d.url());
    const std::shared_ptr<int> asked = relay->directoryAsked;
    relay->rewritePull([](const QByteArray &) { return QByteArray("not json"); });
    sync::SyncEngine engine(*d.teacher.device.store, options(), std::move(relay));
    const sync::SyncReport r = engine.syncOnce();
    CHECK(r.state == sync::SyncState::Offline); // the pull's reply is not triad-sync/1
    CHECK(*asked == 1);
    CHECK(r.directory.updated);
    CHECK(r.directory.sequence == 2);
    CHECK_FALSE(d.teacher.device.store->directoryStatus().stale);
    d.teacher.device.store->setClock(store::systemClockMs);
}

TEST_CASE("A rogue case store replaying an old directory, or serving another with the same sequence, is refused with a reason", "[sync][directory]")
{
    DistrictCaseStore d;
    const crypto::Bytes first = d.publish();
    d.revoke(d.mentor);
    const crypto::Bytes second = d.publish();
    REQUIRE(syncOf(d.teacher).directory.sequence == 2);
    REQUIRE(d.teacher.device.store->keyDirectory()->isRevoked(d.mentor.certificate.serial));

    const std::string rogueUrl = "http://casestore.rogue.example:8870";
    auto rogueSync = [&](const crypto::Bytes &served) {
        auto rogue = std::make_unique<RogueCaseStore>(rogueUrl, d.url());
        rogue->serveDirectory(served);
        const std::shared_ptr<int> count = rogue->directoryServed;
        auto endpoint = store::SyncQueue(*d.teacher.device.store).endpoint();
        REQUIRE(endpoint.ok());
        REQUIRE(endpoint->has_value());
        REQUIRE(store::SyncQueue(*d.teacher.device.store).setEndpoint({rogueUrl, (*endpoint)->token}).ok());
        const sync::SyncReport report = syncOf(d.teacher, std::move(rogue));
        CHECK(*count == 1);
        return report;
    };

    SECTION("the old directory replayed (it does not revoke the mentor): a rollback")
    {
        const sync::SyncReport r = rogueSync(first);
        CHECK(r.directory.refusedCode == "directory.rollback");
        CHECK_THAT(r.directory.refused, Catch::Contains("#1") && Catch::Contains("#2"));
        CHECK_FALSE(r.directory.updated);
        CHECK(r.directory.sequence == 2);
    }
    SECTION("another directory #2, signed by the district but not the one held: a conflict")
    {
        d.revocations = {}; // e.g. district IT published twice from two copies; the rogue serves the one without the revocation
        const crypto::Bytes other = d.snapshot(2);
        REQUIRE(other != second);
        const sync::SyncReport r = rogueSync(other);
        CHECK(r.directory.refusedCode == "directory.conflict");
        CHECK_THAT(r.directory.refused, Catch::Contains("#2"));
        CHECK(r.directory.sequence == 2);
    }
    SECTION("a directory the district did not sign")
    {
        const crypto::Identity impostor = crypto::Identity::generate();
        directory::DirectorySnapshot forged;
        forged.sequence = 3;
        forged.issuedAtMs = store::systemClockMs();
        forged.nextUpdateMs = forged.issuedAtMs + kDay;
        const sync::SyncReport r = rogueSync(directory::issueDirectory(impostor, forged).value());
        CHECK(r.directory.refusedCode == "directory.wrong_district");
        CHECK(r.directory.sequence == 2);
    }
    // Whatever was served, the directory held stays: the mentor's revocation too, also after reopening the store.
    d.teacher.device.reopen();
    CHECK(d.teacher.device.store->directoryStatus().held->sequence == 2);
    CHECK(d.teacher.device.store->keyDirectory()->isRevoked(d.mentor.certificate.serial));
    CHECK_FALSE(knows(d.teacher, d.mentor));
}

TEST_CASE("Enrollment names the case store: one relayed by another case store is refused; the real address works", "[sync][directory]")
{
    DistrictCaseStore d; // its three devices enrolled at the real address: the normal path
    // The teacher's device is led to a rogue address that relays everything to the real case store.
    Member &teacher = d.teacher;
    RogueCaseStore relay("http://casestore.rogue.example:8870", d.url());
    auto relayed =
        sync::enrollWithCaseStore(relay, "http://casestore.rogue.example:8870", teacher.device.store->identity(), teacher.certificateBytes);
    REQUIRE_FALSE(relayed.ok());
    CHECK(relayed.error().code == "enroll.wrong_case_store");
    CHECK_THAT(relayed.error().message, Catch::Contains("casestore.rogue.example") && Catch::Contains(d.url()));

    // The same device at the real address: enrolled.
    sync::HttpTransport http;
    auto direct = sync::enrollWithCaseStore(http, d.url(), teacher.device.store->identity(), teacher.certificateBytes);
    INFO((direct ? std::string() : direct.error().message));
    REQUIRE(direct.ok());
    CHECK(direct->serial == teacher.certificate.serial);
}

namespace {

// The case store signs receipts with `key` (triad-casestore --receipt-key).
void signReceiptsWith(DistrictCaseStore &d, const crypto::Identity &key)
{
    d.server->api().setReceiptKey(crypto::Identity::importSecret(key.exportSecret().span()).value());
}

// The case store signs receipts with `key`, and district IT names it in a directory published now (its bytes).
crypto::Bytes signAndNameReceiptKey(DistrictCaseStore &d, const crypto::Identity &key)
{
    signReceiptsWith(d, key);
    d.receiptKeys = {directory::receiptKeyOf(key)};
    return d.publish();
}

std::optional<directory::Receipt> receiptOf(Member &p, const RecordId &id)
{
    auto r = store::ReceiptStore(*p.device.store).of(id);
    INFO((r ? std::string() : r.error().message));
    REQUIRE(r.ok());
    return *r;
}

// A reply with the receipt of every entry of its array `list` ("records" of a pull, "results" of a push) moved earlier
// on the way: its received-at lowered by ~4.6 hours, the signature left as it was.
// A reply with every entry of its array `list` rewritten by `change`.
QByteArray eachEntry(const QByteArray &body, const char *list, const std::function<void(QJsonObject &)> &change)
{
    QJsonObject o = QJsonDocument::fromJson(body).object();
    QJsonArray entries = o.value(QLatin1String(list)).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QJsonObject r = entries[i].toObject();
        change(r);
        entries[i] = r;
    }
    o.insert(QLatin1String(list), entries);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray receiptsMovedEarlier(const QByteArray &body, const char *list)
{
    return eachEntry(body, list, [](QJsonObject &r) {
        QByteArray receipt = QByteArray::fromBase64(r.value(QLatin1String("receipt")).toString().toLatin1());
        REQUIRE(receipt.size() == static_cast<qsizetype>(directory::kReceiptBytes));
        receipt[8 + 1 + 32 + 16 + 32 + 8 + 3] = static_cast<char>(receipt[8 + 1 + 32 + 16 + 32 + 8 + 3] - 1);
        r.insert(QLatin1String("receipt"), QString::fromLatin1(receipt.toBase64()));
    });
}

} // namespace

TEST_CASE("The case store's receipts reach every reader and say when the record reached it, by its clock", "[sync][receipt]")
{
    DistrictCaseStore d;
    const crypto::Identity receiptKey = crypto::Identity::generate();
    signAndNameReceiptKey(d, receiptKey);
    syncOf(d.mentor);
    const std::int64_t before = store::systemClockMs();
    const ParCase c = openCase(d);
    const sync::SyncReport pushedNow = syncOf(d.mentor);
    REQUIRE(pushedNow.pushed >= 1);
    const std::int64_t after = store::systemClockMs();
    // The author's device keeps the receipt of each record it pushed from the push reply, checked as a pulled one's:
    // its own records are not pulled back for it.
    CHECK(pushedNow.receiptsKept == pushedNow.pushed);
    CHECK(pushedNow.receiptsRefused == 0);
    const auto atPush = receiptOf(d.mentor, c.id);
    REQUIRE(atPush);

    const sync::SyncReport teacher = syncOf(d.teacher);
    CHECK(teacher.receiptsKept >= 1);
    CHECK(teacher.receiptsRefused == 0);
    const auto got = receiptOf(d.teacher, c.id);
    REQUIRE(got);
    CHECK(got->recordId == c.id);
    CHECK(got->receivedAtMs >= before);
    CHECK(got->receivedAtMs <= after);
    CHECK(got->key == directory::receiptKeyOf(receiptKey));

    // The author's own device holds the same receipt, byte for byte the same time, also after another sync.
    syncOf(d.mentor);
    const auto mentorCopy = receiptOf(d.mentor, c.id);
    CHECK(mentorCopy->receivedAtMs == atPush->receivedAtMs);
    REQUIRE(mentorCopy);
    CHECK(mentorCopy->receivedAtMs == got->receivedAtMs);
    CHECK(mentorCopy->sequence == got->sequence);

    // While the phone is off, someone writes a receipt of their own into its file: an earlier time, properly signed by
    // a key of their choosing, as if the case store had it sooner. It is not taken for one the phone checked.
    const crypto::Identity forger = crypto::Identity::generate();
    auto body = d.teacher.device.store->heldRecord(c.id);
    REQUIRE(body.ok());
    REQUIRE(*body);
    const crypto::Bytes forged =
        directory::issueReceipt(forger, {c.id, crypto::sealedHash((*body)->body), got->sequence, got->receivedAtMs - 86400000, {}});
    auto st = d.teacher.device.store->database().cached("UPDATE receipts SET receipt = ?, received_at = ? WHERE record_id = ?");
    REQUIRE(st.ok());
    (*st)->bind(1, forged).bind(2, got->receivedAtMs - 86400000).bind(3, std::span<const std::uint8_t>(c.id.bytes.data(), c.id.bytes.size()));
    REQUIRE((*st)->run().ok());
    auto tampered = store::ReceiptStore(*d.teacher.device.store).of(c.id);
    REQUIRE_FALSE(tampered.ok());
    CHECK(tampered.error().code == "receipt.tampered");

    // The receipt kept on the mentor's tablet is read without its signature checked again (its MAC says the tablet
    // checked it), but always against the record's bytes held now: a record rewritten in the file loses its receipt.
    auto mentorBody = d.mentor.device.store->heldRecord(c.id);
    REQUIRE(mentorBody.ok());
    REQUIRE(*mentorBody);
    crypto::Bytes altered = (*mentorBody)->body;
    altered.back() ^= 0x01;
    auto rewrite = d.mentor.device.store->database().cached("UPDATE records SET body = ? WHERE id = ?");
    REQUIRE(rewrite.ok());
    (*rewrite)->bind(1, altered).bind(2, std::span<const std::uint8_t>(c.id.bytes.data(), c.id.bytes.size()));
    REQUIRE((*rewrite)->run().ok());
    auto moved = store::ReceiptStore(*d.mentor.device.store).of(c.id);
    REQUIRE_FALSE(moved.ok());
    CHECK(moved.error().code == "receipt.wrong_record");
}

TEST_CASE("A push reply's receipts are checked by the case store's newest directory, fetched first when the device holds an older one",
          "[sync][receipt]")
{
    DistrictCaseStore d;
    const crypto::Identity first = crypto::Identity::generate(), second = crypto::Identity::generate();
    signAndNameReceiptKey(d, first);
    syncOf(d.mentor); // the mentor's tablet holds the directory that names `first`
    // District IT rotates the receipt key: the newest directory names `second` only, and the case store signs with it.
    signAndNameReceiptKey(d, second);
    const ParCase c = openCase(d);
    const sync::SyncReport r = syncOf(d.mentor);
    INFO(r.message);
    REQUIRE(r.pushed >= 1);
    CHECK(r.directory.updated);            // fetched when the push reply named a newer one, before the receipts were checked
    CHECK(r.receiptsKept == r.pushed);     // each once, from the push reply: none unchecked and pulled back for it
    CHECK(r.receiptsUnchecked == 0);
    CHECK(r.receiptsRefused == 0);
    const auto kept = receiptOf(d.mentor, c.id);
    REQUIRE(kept);
    CHECK(kept->key == directory::receiptKeyOf(second));
}

TEST_CASE("A push reply whose seqs its receipts do not sign gets nothing skipped: every record comes back", "[sync][receipt]")
{
    DistrictCaseStore d;
    const crypto::Identity key = crypto::Identity::generate();
    signAndNameReceiptKey(d, key);
    syncOf(d.mentor);
    const ParCase c = openCase(d);
    // A relay (or a fault) names other seqs than the receipts sign, as if to make the device skip others' records.
    auto rogue = std::make_unique<RogueCaseStore>("http://rogue.invalid:1", d.url());
    rogue->rewritePush([](const QByteArray &body) {
        return eachEntry(body, "results", [](QJsonObject &r) {
            if (r.contains(QLatin1String("seq"))) r.insert(QLatin1String("seq"), r.value(QLatin1String("seq")).toInteger() + 1000);
        });
    });
    sync::SyncEngine engine(*d.mentor.device.store, options(), std::move(rogue));
    const sync::SyncReport r = engine.syncOnce();
    INFO(r.message);
    REQUIRE(r.state == sync::SyncState::Synced);
    REQUIRE(r.pushed >= 1);
    // Each receipt is good and kept from the reply, and again from its record pulled back: nothing was skipped.
    CHECK(r.receiptsKept == 2 * r.pushed);
    CHECK(r.receiptsRefused == 0);
    CHECK(receiptOf(d.mentor, c.id));
}

TEST_CASE("A receipt the district's keys did not sign, or one altered on the way, is refused and the record still kept", "[sync][receipt]")
{
    DistrictCaseStore d;
    const crypto::Identity named = crypto::Identity::generate();
    d.receiptKeys = {directory::receiptKeyOf(named)};
    d.publish();
    syncOf(d.mentor);

    SECTION("signed by a key the district does not name (a rogue case store's own)")
    {
        signReceiptsWith(d, crypto::Identity::generate());
        const ParCase c = openCase(d);
        syncOf(d.mentor);
        const sync::SyncReport r = syncOf(d.teacher);
        CHECK(r.receiptsRefused >= 1);
        CHECK(r.receiptsKept == 0);
        CHECK(r.receiptProblem.find("does not name") != std::string::npos);
        CHECK(store::CaseService(*d.teacher.device.store).parCase(c.id).ok()); // the record itself is stored
        CHECK_FALSE(receiptOf(d.teacher, c.id));
    }
    SECTION("the time moved earlier on the way (a relay that wants a late response to look on time)")
    {
        signReceiptsWith(d, named);
        const ParCase c = openCase(d);
        syncOf(d.mentor);
        auto rogue = std::make_unique<RogueCaseStore>("http://rogue.invalid:1", d.url());
        rogue->rewritePull([](const QByteArray &body) { return receiptsMovedEarlier(body, "records"); });
        // The teacher's device syncs through the relay at the real case store's address (the token is bound to it).
        sync::SyncEngine engine(*d.teacher.device.store, options(), std::move(rogue));
        const sync::SyncReport r = engine.syncOnce();
        INFO(r.message);
        REQUIRE(r.state == sync::SyncState::Synced);
        CHECK(r.receiptsRefused >= 1);
        CHECK(r.receiptProblem.find("forged or altered") != std::string::npos);
        CHECK(store::CaseService(*d.teacher.device.store).parCase(c.id).ok());
        CHECK_FALSE(receiptOf(d.teacher, c.id));
    }
    SECTION("the time moved earlier in the push reply: refused, and the record pulled back with the case store's own receipt")
    {
        signReceiptsWith(d, named);
        const ParCase c = openCase(d);
        auto rogue = std::make_unique<RogueCaseStore>("http://rogue.invalid:1", d.url());
        rogue->rewritePush([](const QByteArray &body) { return receiptsMovedEarlier(body, "results"); });
        sync::SyncEngine engine(*d.mentor.device.store, options(), std::move(rogue));
        const sync::SyncReport r = engine.syncOnce();
        INFO(r.message);
        REQUIRE(r.state == sync::SyncState::Synced);
        CHECK(r.pushed >= 1);
        CHECK(r.receiptsRefused == r.pushed); // every altered one, from the push reply
        CHECK(r.receiptsKept == r.pushed);    // and then each from its record pulled back, as the case store signed it
        const auto kept = receiptOf(d.mentor, c.id);
        REQUIRE(kept);
        syncOf(d.teacher);
        CHECK(receiptOf(d.teacher, c.id)->receivedAtMs == kept->receivedAtMs);
    }
}

TEST_CASE("A pulled receipt is kept only for the very bytes held: checked on the checking threads, never for a copy set aside",
          "[sync][receipt]")
{
    DistrictCaseStore d;
    const crypto::Identity named = crypto::Identity::generate();
    signAndNameReceiptKey(d, named);
    syncOf(d.mentor);
    const ParCase c = openCase(d);
    syncOf(d.mentor);
    REQUIRE(syncOf(d.teacher).receiptsKept >= 1);
    const auto first = receiptOf(d.teacher, c.id);
    REQUIRE(first);
    store::LocalStore &phone = *d.teacher.device.store;
    auto held = phone.heldRecord(c.id);
    REQUIRE(held.ok());
    REQUIRE(*held);
    const crypto::Bytes body = (*held)->body;
    auto bundleOf = [&](const crypto::Bytes &bytes, std::int64_t receivedAt) {
        return std::vector<store::BundleRecord>{
            pulledAs(body, bytes, directory::issueReceipt(named, {c.id, crypto::sealedHash(bytes), first->sequence, receivedAt, {}}))};
    };

    // Other bytes under the held id, with a receipt properly signed for those bytes and an earlier time: the copy is
    // set aside, and its receipt is not kept for the record held.
    crypto::Bytes other = body;
    other.back() ^= 1;
    auto page = store::SyncQueue(phone).applyPulled(bundleOf(other, first->receivedAtMs - 3600000), {});
    REQUIRE(page.ok());
    CHECK(page->setAside == 1);
    CHECK(page->receiptsKept == 0);
    CHECK(receiptOf(d.teacher, c.id)->receivedAtMs == first->receivedAtMs);

    // The very bytes held, with an earlier receipt (a case store restored from a backup that had it sooner): checked
    // off the store's thread and kept, the earliest winning.
    page = store::SyncQueue(phone).applyPulled(bundleOf(body, first->receivedAtMs - 60000), {});
    REQUIRE(page.ok());
    CHECK(page->held == 1);
    CHECK(page->receiptsKept == 1);
    CHECK(receiptOf(d.teacher, c.id)->receivedAtMs == first->receivedAtMs - 60000);
}

TEST_CASE("A record set aside keeps the receipt it came with: checked and kept when the record is accepted later", "[sync][receipt]")
{
    DistrictCaseStore d;
    const crypto::Identity named = crypto::Identity::generate();
    const crypto::Bytes directoryBytes = signAndNameReceiptKey(d, named);
    syncOf(d.mentor);
    const std::int64_t receivedAt = store::systemClockMs() - 3600000;
    // The mentor's record as a page of one, with a receipt signed by the district's named key for `receiptFor`.
    auto pageOf = [&](const RecordId &id, std::optional<crypto::Bytes> receiptFor = std::nullopt) {
        auto held = d.mentor.device.store->heldRecord(id);
        REQUIRE(held.ok());
        REQUIRE(*held);
        const crypto::Bytes body = (*held)->body;
        return std::vector<store::BundleRecord>{
            pulledAs(body, body, directory::issueReceipt(named, {id, crypto::sealedHash(receiptFor.value_or(body)), 7, receivedAt, {}}))};
    };

    // The phone has not fetched the district's directory yet: the mentor is unknown, so the record is set aside —
    // with its receipt, which cannot be checked yet either.
    const ParCase c = openCase(d);
    store::LocalStore &phone = *d.teacher.device.store;
    auto page = store::SyncQueue(phone).applyPulled(pageOf(c.id), {});
    REQUIRE(page.ok());
    CHECK(page->setAside == 1);
    CHECK(page->receiptsKept == 0);
    CHECK_FALSE(receiptOf(d.teacher, c.id));

    // Once the directory is held, the record is accepted from the set-aside list and its receipt checked and kept.
    REQUIRE(store::EnrollmentService(phone).applyDirectory(directoryBytes).ok());
    auto retried = store::SyncQueue(phone).retryIncoming();
    REQUIRE(retried.ok());
    CHECK(*retried == 1);
    const auto kept = receiptOf(d.teacher, c.id);
    REQUIRE(kept);
    CHECK(kept->receivedAtMs == receivedAt);
    CHECK(kept->sequence == 7);
    CHECK(store::SyncQueue(phone).setAside()->empty());

    // A receipt that does not hold (signed for other bytes) is refused when the record is accepted, and the record is
    // still kept.
    const ParCase second = openCase(d);
    store::LocalStore &tablet = *d.administrator.device.store;
    page = store::SyncQueue(tablet).applyPulled(pageOf(second.id, crypto::Bytes{1, 2, 3}), {});
    REQUIRE(page.ok());
    CHECK(page->setAside == 1);
    REQUIRE(store::EnrollmentService(tablet).applyDirectory(directoryBytes).ok());
    retried = store::SyncQueue(tablet).retryIncoming();
    REQUIRE(retried.ok());
    CHECK(*retried == 1);
    CHECK_FALSE(receiptOf(d.administrator, second.id));
    CHECK(store::CaseService(tablet).parCase(second.id).ok());
}

TEST_CASE("Receipts wait until the district names a receipt key", "[sync][receipt]")
{
    DistrictCaseStore d;
    const crypto::Identity key = crypto::Identity::generate();
    signReceiptsWith(d, key);
    d.publish(); // no receipt key named yet
    syncOf(d.mentor);
    const ParCase c = openCase(d);
    syncOf(d.mentor);
    const sync::SyncReport first = syncOf(d.teacher);
    CHECK(first.receiptsUnchecked >= 1);
    CHECK(first.receiptsRefused == 0);
    CHECK_FALSE(receiptOf(d.teacher, c.id));
    auto unchecked = store::ReceiptStore(*d.teacher.device.store).keep(c.id, {});
    CHECK(unchecked.error().code == "receipt.no_keys");
}

TEST_CASE("A record changed in the device's file behind the app's back is not vouched for by its push signature", "[sync][access]")
{
    // The push signature stands for the signatures of the records a device sealed (docs/security.md "Push
    // signatures"): the device covers a record only when its same-person tag matches its bytes, so a row rewritten
    // in the file (malware with file access but not the key) goes untagged, and the case store checks its own
    // signature and refuses it by index; the device sets it aside and the rest is stored.
    DistrictCaseStore d;
    d.publish();
    syncOf(d.mentor);
    const ParCase c = openCase(d);
    std::vector<RecordId> notes;
    for (int i = 0; i < 4; ++i) {
        auto n = store::NoteService(*d.mentor.device.store).addNoteToCase(c.id, "Observed note " + std::to_string(i), {"2.6"});
        REQUIRE(n.ok());
        notes.push_back(n->id);
    }
    auto rewrite = [&](const RecordId &id, bool freshTag) {
        auto held = d.mentor.device.store->heldRecord(id);
        REQUIRE(held.ok());
        REQUIRE(*held);
        crypto::Bytes altered = (*held)->body;
        altered[altered.size() - 100] ^= 0x01; // inside the ciphertext: the author's signature no longer verifies
        const std::span<const std::uint8_t> idBytes(id.bytes.data(), id.bytes.size());
        auto st = d.mentor.device.store->database().cached("UPDATE records SET body = ? WHERE id = ?");
        REQUIRE(st.ok());
        REQUIRE((*st)->bind(1, altered).bind(2, idBytes).run().ok());
        if (!freshTag) return; // the tag made at sealing stays beside it, now of other bytes
        // ...or a tag of the attacker's making written beside it: not this person's tag of these bytes either.
        auto tag = d.mentor.device.store->database().cached(
            "UPDATE outbox SET person_tag = randomblob(32) WHERE record_seq = (SELECT seq FROM records WHERE id = ?)");
        REQUIRE(tag.ok());
        REQUIRE((*tag)->bind(1, idBytes).run().ok());
    };
    rewrite(notes[1], false);
    rewrite(notes[3], true);

    sync::SyncEngine engine(*d.mentor.device.store, options());
    const sync::SyncReport r = engine.syncOnce();
    INFO(r.message);
    CHECK(r.setAside == 2);
    auto aside = store::SyncQueue(*d.mentor.device.store).setAside();
    REQUIRE(aside.ok());
    std::set<std::string> asideIds;
    for (const store::SetAsideRecord &s : *aside) {
        CHECK(s.code == "record.bad_signature");
        CHECK_FALSE(s.incoming);
        asideIds.insert(s.id.toString());
    }
    CHECK(asideIds == std::set<std::string>{notes[1].toString(), notes[3].toString()});
    // The case store holds the genuine notes and neither rewritten one.
    for (std::size_t i = 0; i < notes.size(); ++i) {
        auto there = d.storage->recordById(notes[i]);
        REQUIRE(there.ok());
        CHECK(there->has_value() == (i == 0 || i == 2));
    }
}
