// Sync end to end (docs/benchmarks.md "Sync end to end"): device A writes NOTES notes (a real LocalStore, real
// sealing), its SyncEngine pushes them through the real case store — the triad-casestore executable on loopback with
// its SQLite file — and device B, the same person on a second device restored from A's key backup, pulls, verifies
// and applies them. Reported: A's push, B's pull + apply and the two together (notes/s) for several batch sizes, the
// median of REPETITIONS runs each (fresh copies of A and B and a fresh case store per run); one note's round trip (A
// writes and syncs, B syncs and opens it) p50/p99; baselines measured in the same run (a bare SQLite insert of the
// same bytes in one transaction, a bare signature check of every note); and where the time goes: each phase of the
// protocol run again in-process on the same records, next to the time the engine waited for the case store.
//
//   bench_sync [NOTES] [ROUNDS] [REPETITIONS] [PEOPLE]   (defaults: 10000 notes, 300 single-note round trips, 3, and a
//                                               district directory of 1 certified person; a district has hundreds)
//   bench_sync --smoke                          (300 notes, 20 round trips, defaults once: the CTest run, label bench)
//
// Run it from a directory on a real disk (it makes its stores under the current directory): every record written on
// A, B and the case store is committed with fsync (WAL, synchronous=FULL), as in the app.
#include "bench_util.h"

#include "casestore_api.h"
#include "casestore_enrollment.h"
#include "certificate.h"
#include "key_backup.h"
#include "receipt.h"
#include "sqlite_record_storage.h"
#include "sync_engine.h"
#include "sync_messages.h"
#include "case_service.h"
#include "enrollment_service.h"
#include "note_service.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <thread>

#include <unistd.h>

using namespace triad;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr const char *kBench = "bench_sync";
constexpr const char *kBackupPassphrase = "benchmark key backup passphrase";

[[noreturn]] void die(const std::string &what) { bench::die(kBench, what); }

template <typename T>
T take(Result<T> r, const char *what)
{
    return bench::take(kBench, std::move(r), what);
}
void check(const Status &s, const char *what) { bench::check(kBench, s, what); }
using bench::cpuSeconds; // both benchmarks of this comparison (bench/pouchdb too) report CPU next to wall time
using bench::secondsSince;

void copyDir(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to)) die("cannot create " + to.toStdString());
    for (const QFileInfo &fi : QDir(from).entryInfoList(QDir::Files | QDir::Hidden))
        if (!QFile::copy(fi.absoluteFilePath(), to + QLatin1Char('/') + fi.fileName())) die("cannot copy " + fi.absoluteFilePath().toStdString());
}

std::unique_ptr<store::LocalStore> openStore(const QString &dir)
{
    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
    return take(store::LocalStore::open(dir, keystore, bench::credential()), "opening a store");
}

std::int64_t noteCount(store::LocalStore &s)
{
    return take(s.database().queryInt("SELECT COUNT(*) FROM records WHERE type = " + std::to_string(static_cast<int>(RecordType::Note))),
                "counting notes");
}

// Device A with `notes` notes in one open observation (outbox full), and device B: the same person restored from
// A's key backup, empty. Both closed, so each run starts from a copy of these directories.
struct Devices {
    QString aDir, bDir;
    RecordId observationId;
    std::int64_t outbox = 0; // records A has to push: the notes plus the teacher, case and observation
    std::string readerKeyHex;
    QString districtInfoPath;  // the district both devices are enrolled in, for `triad-casestore --district-info`
    crypto::Bytes certificate; // the mentor's district certificate (both devices: the same keys)
    QString receiptKeyPath;    // the case store's receipt key, which the directory both devices hold names
    crypto::Bytes directory;   // the district directory both devices hold, which district IT posts to the case store
};

Devices makeDevices(const QString &root, int notes, int people)
{
    Devices d{root + QStringLiteral("/template-a"), root + QStringLiteral("/template-b"), {}, 0, {}, root + QStringLiteral("/district.info"), {}, {}, {}};
    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
    check(store::LocalStore::create(d.aDir, keystore, bench::credential(), {"Alex Rivera", "E-10001", {Role::ParMentor}}), "creating A");
    auto a = openStore(d.aDir);
    Person teacher{RecordId::generate(), "Jordan Lee", "E-20002", {Role::ParticipatingTeacher}, {}};
    check(store::CaseService(*a).savePerson(teacher), "saving the teacher");
    ParCase c;
    c.id = RecordId::generate();
    c.kind = CaseKind::Referred;
    c.teacherId = teacher.id;
    c.mentorId = a->owner().id;
    c.school = "Cottonwood Elementary School";
    c.gradeSubject = "Grade 4 / Multiple subjects";
    c.schoolYear = "2026-27";
    c.startDate = QDate(2026, 9, 1);
    check(store::CaseService(*a).saveCase(c), "saving the case");
    d.observationId = take(store::NoteService(*a).startObservation(c.id, ObservationKind::Formal, true, "Period 2"), "starting an observation").id;
    // Setting up only: no fsync per note, so 10,000 notes take seconds (what is measured runs with synchronous=FULL).
    check(a->database().exec("PRAGMA synchronous=OFF"), "setup pragma");
    const auto t0 = SteadyClock::now();
    for (int i = 0; i < notes; ++i) take(store::NoteService(*a).addNote(d.observationId, bench::noteText(i), bench::noteTags(i)), "adding a note");
    const double seconds = secondsSince(t0);
    check(a->database().exec("PRAGMA synchronous=FULL"), "setup pragma");
    check(a->database().exec("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
    d.outbox = take(a->pendingOutboxCount(), "counting the outbox");
    const auto key = a->ownerKeys().boxKeyId();
    d.readerKeyHex = crypto::toHex(key);

    // Device B: a second device of the same person, from the key backup (as `triadctl restore` does it).
    const auto blob = take(a->exportKeyBackup(kBackupPassphrase, true), "exporting the key backup");
    auto restored = take(crypto::restoreBackup(blob, kBackupPassphrase), "restoring the key backup");
    check(store::LocalStore::createRestored(d.bDir, keystore, bench::credential(), {"Alex Rivera", "E-10001", {Role::ParMentor}}, restored.identity,
                                            restored.personId),
          "creating B from the key backup");

    // Both devices enrolled in a district that certifies the mentor, as in the app: B accepts A's notes because the
    // district certified their author, and a case store given the district checks every pushed record's author.
    const crypto::Identity districtRoot = crypto::Identity::generate(), records = crypto::Identity::generate();
    directory::DistrictInfo district;
    district.name = "Sierra Foothills Unified School District";
    district.rootSignPublicKey = districtRoot.publicIdentity().signPublicKey;
    district.recordsBoxPublicKey = records.publicIdentity().boxPublicKey;
    district.recordsSignPublicKey = records.publicIdentity().signPublicKey;
    const crypto::Bytes info = district.serialize();
    directory::Certificate cert;
    cert.serial = RecordId::generate();
    cert.personId = a->owner().id;
    cert.displayName = "Alex Rivera";
    cert.roles = {Role::ParMentor};
    cert.keys = a->ownerKeys();
    cert.issuedAtMs = store::systemClockMs() - 24LL * 3600 * 1000;
    cert.notAfterMs = store::systemClockMs() + 365LL * 24 * 3600 * 1000;
    d.certificate = take(directory::issueCertificate(districtRoot, cert), "certifying the mentor");
    check(store::EnrollmentService(*a).enroll(district.enrollmentCode(), info, d.certificate), "enrolling A");
    auto b = openStore(d.bDir);
    check(store::EnrollmentService(*b).enroll(district.enrollmentCode(), info, d.certificate), "enrolling B");
    // The case store's receipt key (made by triad-casestore, as district IT does it), named in the district's directory
    // that both devices hold: the runs with receipts check every receipt as a deployed device does.
    d.receiptKeyPath = root + QStringLiteral("/casestore-receipt.key");
    QProcess printKey;
    printKey.start(QStringLiteral(TRIAD_CASESTORE_PATH), {QStringLiteral("--receipt-key"), d.receiptKeyPath, QStringLiteral("--print-receipt-key")});
    if (!printKey.waitForFinished(10000) || printKey.exitCode() != 0) die("making the receipt key failed: " + printKey.readAllStandardError().toStdString());
    directory::DirectorySnapshot snapshot;
    snapshot.sequence = 1;
    snapshot.issuedAtMs = store::systemClockMs();
    snapshot.nextUpdateMs = snapshot.issuedAtMs + 7LL * 24 * 3600 * 1000;
    snapshot.certificates = {d.certificate};
    // The district's other certified people (teachers in PAR, mentors, administrators, program staff, panel): a
    // device's directory holds them all, and every write of its settings is sealed with it (docs/security.md).
    for (int i = 1; i < people; ++i) {
        directory::Certificate other = cert;
        other.serial = RecordId::generate();
        other.personId = RecordId::generate();
        other.displayName = "Colleague " + std::to_string(i);
        other.roles = {i % 3 ? Role::ParticipatingTeacher : Role::ParMentor};
        other.keys = crypto::Identity::generate().publicIdentity();
        snapshot.certificates.push_back(take(directory::issueCertificate(districtRoot, other), "certifying a colleague"));
    }
    snapshot.receiptKeys = {take(directory::receiptKeyFromBase64(printKey.readAllStandardOutput().trimmed().toStdString()), "reading the receipt key")};
    d.directory = take(directory::issueDirectory(districtRoot, snapshot), "publishing the directory");
    take(store::EnrollmentService(*a).applyDirectory(d.directory), "A taking the directory");
    take(store::EnrollmentService(*b).applyDirectory(d.directory), "B taking the directory");
    QFile infoFile(d.districtInfoPath);
    if (!infoFile.open(QIODevice::WriteOnly)
        || infoFile.write(reinterpret_cast<const char *>(info.data()), static_cast<qint64>(info.size())) != static_cast<qint64>(info.size()))
        die("cannot write the district information");
    std::printf("  devices: A with %d notes (%lld records in its outbox, written in %.1f s, setup with synchronous=OFF); "
                "B restored from A's key backup; both enrolled in a district\n",
                notes, static_cast<long long>(d.outbox), seconds);
    return d;
}

// The triad-casestore executable on 127.0.0.1 with a fresh SQLite file, and a device token per device.
class CaseStoreProcess {
public:
    // With `district`, the case store is given the devices' district (--district-info): it checks the author of
    // every pushed record, and the devices enroll with their certificate (GET /v1/enroll/challenge, POST /v1/enroll)
    // instead of being issued tokens by hand.
    CaseStoreProcess(const QString &dbPath, const Devices &d, const std::vector<store::LocalStore *> &devices, bool district, bool receipts)
    {
        // No access log: nothing reads the child's stderr while the devices sync.
        QStringList args{QStringLiteral("--listen"),     QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"), dbPath,
                         QStringLiteral("--access-log"), QStringLiteral("none")};
        if (receipts) args << QStringLiteral("--receipt-key") << d.receiptKeyPath;
        if (district)
            args << QStringLiteral("--district-info") << d.districtInfoPath;
        else
            for (std::size_t i = 0; i < devices.size(); ++i) m_tokens.push_back(issue(dbPath, d.readerKeyHex));
        m_process.setProgram(QStringLiteral(TRIAD_CASESTORE_PATH));
        m_process.setArguments(args);
        m_process.start();
        QByteArray out;
        const QRegularExpression portLine(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)"));
        for (int i = 0; i < 100 && !out.contains('\n'); ++i) {
            m_process.waitForReadyRead(100);
            out += m_process.readAllStandardOutput();
        }
        const auto match = portLine.match(QString::fromLatin1(out));
        if (!match.hasMatch()) die("the case store did not start: " + out.toStdString() + m_process.readAllStandardError().toStdString());
        m_url = "http://127.0.0.1:" + match.captured(1).toStdString();
        if (district) {
            postDirectory(d.directory);
            sync::HttpTransport http;
            for (store::LocalStore *device : devices)
                m_tokens.push_back(
                    take(sync::enrollWithCaseStore(http, m_url, device->identity(), d.certificate), "enrolling with the case store").token);
        }
    }
    ~CaseStoreProcess()
    {
        m_process.kill(); // our own child, by handle
        m_process.waitForFinished(5000);
    }
    CaseStoreProcess(const CaseStoreProcess &) = delete;
    CaseStoreProcess &operator=(const CaseStoreProcess &) = delete;

    store::SyncEndpoint endpoint(int device) const { return {m_url, m_tokens[device]}; }
    double cpuSeconds() const { return ::cpuSeconds(QString::number(m_process.processId())); }

private:
    // POST /v1/directory, as district IT does after starting a case store: a pull's first page then names the
    // directory's sequence, and a device holding it asks for no directory (protocol.md "Pull").
    void postDirectory(const crypto::Bytes &bytes) const
    {
        QNetworkAccessManager manager;
        QNetworkRequest request{QUrl(QString::fromStdString(m_url) + QStringLiteral("/v1/directory"))};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        QNetworkReply *reply = manager.post(request, QByteArray(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size())));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished()) loop.exec();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            die("the case store refused the district directory: " + reply->readAll().toStdString());
        reply->deleteLater();
    }
    static std::string issue(const QString &dbPath, const std::string &readerKeyHex)
    {
        QProcess p;
        p.start(QStringLiteral(TRIAD_CASESTORE_PATH),
                {QStringLiteral("--db"), dbPath, QStringLiteral("--issue-token"), QString::fromStdString(readerKeyHex)});
        if (!p.waitForFinished(10000) || p.exitCode() != 0) die("issuing a device token failed: " + p.readAllStandardError().toStdString());
        return p.readAllStandardOutput().trimmed().toStdString();
    }
    QProcess m_process;
    std::vector<std::string> m_tokens;
    std::string m_url;
};

// The real HTTP transport, timed: how long the engine is blocked waiting for replies (the case store's work
// included, less what overlapped with the engine's own work while requests were in flight).
class TimedTransport final : public sync::Transport {
public:
    sync::HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        return startPost(url, token, json, timeoutMs)->wait();
    }
    sync::HttpReply get(const QString &url, const std::string &token, int timeoutMs) override { return startGet(url, token, timeoutMs)->wait(); }
    std::unique_ptr<sync::PendingReply> startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override
    {
        return std::make_unique<Timed>(m_http.startPost(url, token, json, timeoutMs), seconds);
    }
    std::unique_ptr<sync::PendingReply> startGet(const QString &url, const std::string &token, int timeoutMs) override
    {
        return std::make_unique<Timed>(m_http.startGet(url, token, timeoutMs), seconds);
    }
    double seconds = 0;

private:
    class Timed final : public sync::PendingReply {
    public:
        Timed(std::unique_ptr<sync::PendingReply> real, double &seconds) : m_real(std::move(real)), m_seconds(seconds) {}
        sync::HttpReply wait() override
        {
            const auto t0 = SteadyClock::now();
            sync::HttpReply r = m_real->wait();
            m_seconds += secondsSince(t0);
            return r;
        }

    private:
        std::unique_ptr<sync::PendingReply> m_real;
        double &m_seconds;
    };
    sync::HttpTransport m_http;
};

struct RunResult {
    double push = 0, echo = 0, pull = 0; // seconds
    double pushWait = 0, pullWait = 0;   // of which waiting for the case store's replies
    double pushCpu = 0, pullCpu = 0;     // CPU seconds of the device and the case store together
    std::int64_t receiptsKept = 0;       // by B
    double endToEnd() const { return push + pull; }
};

struct Run {
    std::unique_ptr<CaseStoreProcess> server;
    std::unique_ptr<store::LocalStore> a, b;
    std::unique_ptr<sync::SyncEngine> engineA, engineB;
    TimedTransport *httpA = nullptr, *httpB = nullptr; // owned by the engines
};

// Fresh copies of both devices and a fresh case store, both devices set up with it.
Run startRun(const QString &root, const Devices &d, const QString &name, const sync::SyncOptions &options, bool district, bool receipts)
{
    Run run;
    const QString aDir = root + QLatin1Char('/') + name + QStringLiteral("-a");
    const QString bDir = root + QLatin1Char('/') + name + QStringLiteral("-b");
    copyDir(d.aDir, aDir);
    copyDir(d.bDir, bDir);
    run.a = openStore(aDir);
    run.b = openStore(bDir);
    run.server = std::make_unique<CaseStoreProcess>(root + QLatin1Char('/') + name + QStringLiteral("-casestore.db"), d,
                                                    std::vector<store::LocalStore *>{run.a.get(), run.b.get()}, district, receipts);
    check(store::SyncQueue(*run.a).setEndpoint(run.server->endpoint(0)), "setting A's case store");
    check(store::SyncQueue(*run.b).setEndpoint(run.server->endpoint(1)), "setting B's case store");
    auto httpA = std::make_unique<TimedTransport>();
    auto httpB = std::make_unique<TimedTransport>();
    run.httpA = httpA.get();
    run.httpB = httpB.get();
    run.engineA = std::make_unique<sync::SyncEngine>(*run.a, options, std::move(httpA));
    run.engineB = std::make_unique<sync::SyncEngine>(*run.b, options, std::move(httpB));
    return run;
}

// A's first sync (push everything, then pull its own records back: they are sealed to A, and the case store hands
// them to every device of that reader) and B's first sync (pull and apply everything).
RunResult bulkSync(Run &run, const Devices &d, int notes)
{
    RunResult r;
    auto cpu = [&] { return cpuSeconds() + run.server->cpuSeconds(); };
    double cpu0 = cpu();
    auto t0 = SteadyClock::now();
    SteadyClock::time_point pushed = t0;
    run.engineA->setProgressCallback([&](const sync::SyncProgress &p) {
        if (p.pulling) return;
        pushed = SteadyClock::now(); // the last push batch marked sent
        r.pushWait = run.httpA->seconds;
        r.pushCpu = cpu() - cpu0;
    });
    const sync::SyncReport ra = run.engineA->syncOnce();
    const auto aDone = SteadyClock::now();
    run.engineA->setProgressCallback(nullptr);
    if (ra.state != sync::SyncState::Synced || ra.pushed != d.outbox)
        die(std::string("A's sync: ") + sync::syncStateName(ra.state) + " " + ra.message);
    r.push = std::chrono::duration<double>(pushed - t0).count();
    r.echo = std::chrono::duration<double>(aDone - pushed).count();
    cpu0 = cpu();
    t0 = SteadyClock::now();
    const sync::SyncReport rb = run.engineB->syncOnce();
    r.pull = secondsSince(t0);
    r.pullCpu = cpu() - cpu0;
    r.pullWait = run.httpB->seconds;
    r.receiptsKept = rb.receiptsKept;
    if (rb.state != sync::SyncState::Synced) die(std::string("B's sync: ") + sync::syncStateName(rb.state) + " " + rb.message);
    if (const auto held = noteCount(*run.b); held != notes) die("B holds " + std::to_string(held) + " notes, not " + std::to_string(notes));
    return r;
}

// One note's round trip: A writes it (durable) and syncs; B syncs and opens it.
void roundTrips(Run &run, const Devices &d, int rounds, const char *label)
{
    std::vector<double> total, write, syncA, syncB, open, waitA, waitB;
    auto ms = [](SteadyClock::time_point from, SteadyClock::time_point to) { return std::chrono::duration<double, std::milli>(to - from).count(); };
    for (int i = 0; i < rounds; ++i) {
        const auto t0 = SteadyClock::now();
        const Note note =
            take(store::NoteService(*run.a).addNote(d.observationId, bench::noteText(1000000 + i), bench::noteTags(i)), "adding a note");
        run.httpA->seconds = run.httpB->seconds = 0;
        const auto t1 = SteadyClock::now();
        if (auto ra = run.engineA->syncOnce(); ra.state != sync::SyncState::Synced || ra.pushed != 1) die("round trip: A's sync: " + ra.message);
        const auto t2 = SteadyClock::now();
        if (auto rb = run.engineB->syncOnce(); rb.state != sync::SyncState::Synced || rb.pulled != 1) die("round trip: B's sync: " + rb.message);
        const auto t3 = SteadyClock::now();
        auto seen = take(store::NoteService(*run.b).note(note.id), "B opening the note");
        const auto t4 = SteadyClock::now();
        if (!seen || seen->text != note.text) die("round trip: B does not have the note A wrote");
        total.push_back(ms(t0, t4));
        write.push_back(ms(t0, t1));
        syncA.push_back(ms(t1, t2));
        syncB.push_back(ms(t2, t3));
        open.push_back(ms(t3, t4));
        waitA.push_back(1000 * run.httpA->seconds);
        waitB.push_back(1000 * run.httpB->seconds);
    }
    std::printf("\nOne note's round trip, %s, %d rounds (A: addNote + syncOnce; B: syncOnce + note()):\n\n", label, rounds);
    std::printf("| step | p50 | p99 |\n| --- | --- | --- |\n");
    auto row = [](const char *what, const std::vector<double> &v) {
        std::printf("| %s | %.2f ms | %.2f ms |\n", what, bench::percentile(v, 0.5), bench::percentile(v, 0.99));
    };
    row("A writes the note (seal, fsync)", write);
    row("A syncs (push 1; a pull only if anything else is new)", syncA);
    row("… of which waiting for the case store's replies", waitA);
    row("B syncs (pull 1, verify, store)", syncB);
    row("… of which waiting for the case store's replies", waitB);
    row("B opens it", open);
    row("**round trip**", total);
}

// ---- where the time goes: each phase of the protocol in-process, on the same records ----------------------------

struct Phase {
    int depth; // 0: adds up to the engine's time; 1, 2: part of the row above
    const char *name;
    double seconds;
};

void printPhases(const char *title, const std::vector<Phase> &phases, double engineTotal)
{
    std::printf("\n%s: engine %.3f s\n\n| phase | s | share |\n| --- | --- | --- |\n", title, engineTotal);
    double sum = 0;
    for (const Phase &p : phases) {
        if (p.depth == 0) sum += p.seconds;
        std::printf("| %s%s | %.3f | %.0f %% |\n",
                    p.depth == 0   ? ""
                    : p.depth == 1 ? "… "
                                   : "… … ",
                    p.name, p.seconds, 100 * p.seconds / engineTotal);
    }
    std::printf("| the rest (engine − the rows above: progress counts, Qt event loops) | %.3f | %.0f %% |\n", engineTotal - sum,
                100 * (engineTotal - sum) / engineTotal);
}

std::vector<casestore::StoredRecord> storedRecords(const std::vector<store::OutgoingRecord> &batch)
{
    std::vector<casestore::StoredRecord> out;
    for (const store::OutgoingRecord &o : batch) {
        const auto header = take(crypto::parseHeader(o.record.body), "parsing a header");
        casestore::StoredRecord r;
        r.id = o.id;
        r.type = o.record.type;
        r.caseId = o.record.caseId;
        r.observationId = o.record.observationId;
        r.createdAt = o.record.createdAt;
        r.authorKeyId = header.authorKeyId;
        for (const crypto::Recipient &rc : header.recipients) r.readerKeyIds.push_back(rc.readerKeyId);
        r.body = o.record.body;
        out.push_back(std::move(r));
    }
    return out;
}

template <typename F>
double timed(F &&f)
{
    const auto t0 = SteadyClock::now();
    f();
    return secondsSince(t0);
}

// The same work as the engine's run `engine`, phase by phase, in this process: the client's side on copies of A and
// B, the case store's request handler (CaseStoreApi, no HTTP) and its storage on SQLite files of their own.
// With `receipts`, the case store signs receipts with the run's receipt key and the client's phases check and keep them.
void profile(const QString &root, const Devices &d, const sync::SyncOptions &options, const RunResult &engine, const char *run, bool receipts)
{
    const QString dir = root + QStringLiteral("/profile") + (receipts ? QStringLiteral("-receipts") : QString());
    copyDir(d.aDir, dir + QStringLiteral("-a"));
    copyDir(d.bDir, dir + QStringLiteral("-b"));
    auto a = openStore(dir + QStringLiteral("-a"));
    auto b = openStore(dir + QStringLiteral("-b"));

    // Push.
    std::vector<std::vector<store::OutgoingRecord>> batches;
    store::SyncQueue queueA(*a);
    const double outbox = timed([&] {
        for (;;) {
            auto batch = take(queueA.nextOutgoing(options.pushBatchRecords, options.pushBatchBytes), "reading the outbox");
            if (batch.empty()) break;
            std::vector<std::int64_t> seqs;
            for (const auto &r : batch) seqs.push_back(r.seq);
            check(queueA.markSent(seqs), "marking sent");
            batches.push_back(std::move(batch));
        }
    });
    std::vector<QByteArray> bodies, signatures;
    const double pushJson = timed([&] {
        for (const auto &batch : batches) {
            bodies.push_back(sync::pushRequestBody(batch));
            signatures.push_back(sync::pushSignature(batch, a->identity()));
        }
    });
    auto storage = take(casestore::SqliteRecordStorage::open((dir + QStringLiteral("-casestore.db")).toStdString()), "case store db");
    const QByteArray auth = "Bearer " + QByteArray::fromStdString(take(casestore::issueToken(*storage, a->ownerKeys().boxKeyId(), 1), "token"));
    casestore::CaseStoreApi api(*storage);
    if (receipts) {
        QFile keyFile(d.receiptKeyPath);
        if (!keyFile.open(QIODevice::ReadOnly)) die("reading the receipt key");
        const QByteArray secret = keyFile.readAll();
        api.setReceiptKey(take(crypto::Identity::importSecret({reinterpret_cast<const std::uint8_t *>(secret.constData()),
                                                               static_cast<std::size_t>(secret.size())}),
                               "the receipt key"));
    }
    std::vector<QByteArray> replies;
    const double serverPush = timed([&] {
        for (std::size_t i = 0; i < bodies.size(); ++i) {
            casestore::ApiReply r = api.push(auth, "application/json", bodies[i], {}, "2", signatures[i]); // as a Triad device asks
            if (r.status != 200) die("in-process push: " + r.json.toStdString());
            replies.push_back(std::move(r.json));
        }
    });
    auto storage2 = take(casestore::SqliteRecordStorage::open((dir + QStringLiteral("-casestore2.db")).toStdString()), "case store db");
    std::vector<std::vector<casestore::StoredRecord>> parsed;
    for (const auto &batch : batches) parsed.push_back(storedRecords(batch));
    const double serverInsert = timed([&] {
        for (const auto &records : parsed) take(storage2->insertBatch(records, 1), "insertBatch");
    });
    std::vector<sync::PushResponse> answers;
    double signedInsert = 0;
    if (receipts) {
        auto storage3 = take(casestore::SqliteRecordStorage::open((dir + QStringLiteral("-casestore3.db")).toStdString()), "case store db");
        storage3->setReceiptSigner(casestore::receiptSignerFor(std::make_shared<const crypto::Identity>(crypto::Identity::generate())));
        signedInsert = timed([&] {
            for (const auto &records : parsed) take(storage3->insertBatch(records, 1), "insertBatch");
        });
    }
    const double pushReply = timed([&] {
        for (std::size_t i = 0; i < replies.size(); ++i) answers.push_back(take(sync::parsePushResponse(replies[i], batches[i]), "parsing a push reply"));
    });
    const double ownReceipts = timed([&] {
        if (receipts)
            for (std::size_t i = 0; i < answers.size(); ++i)
                take(queueA.keepOwnReceipts(batches[i], answers[i].receipts, answers[i].seqs), "keeping the push's receipts");
    });
    const std::string title = std::string("Where A's push goes (") + run + ", at the defaults' grown sizes), phases run in-process on the same batches";
    printPhases(title.c_str(),
                {
                    {0, "client: read the outbox, mark batches sent", outbox},
                    {0, "client: push JSON + base64, push signature", pushJson},
                    {0, "client: parse the replies", pushReply},
                    {0, "client: check and keep its own receipts (after the last reply; A's echo)", ownReceipts},
                    {0, "client waits for replies (measured around the engine's HTTP calls)", engine.pushWait},
                    {1, "case store's handler (token, JSON, base64, headers, insert)", serverPush},
                    {2, "storage insertBatch (one transaction, fsync, per batch)", serverInsert},
                    {2, "the same with a receipt signer (receipt trees signed and kept)", signedInsert},
                },
                engine.push);

    // Pull.
    std::vector<QByteArray> pages;
    const double serverPull = timed([&] {
        QByteArray after;
        for (bool first = true;; first = false) {
            casestore::ApiReply r = api.pull(auth, after, QByteArray::number(options.pullLimit), first ? "1" : "", {}, "2");
            if (r.status != 200) die("in-process pull: " + r.json.toStdString());
            const QJsonObject o = QJsonDocument::fromJson(r.json).object();
            after = o.value(QLatin1String("next")).toString().toLatin1();
            const bool more = o.value(QLatin1String("more")).toBool();
            pages.push_back(std::move(r.json));
            if (!more) break;
        }
    });
    std::vector<sync::PullResponse> parsedPages;
    const double pullParse = timed([&] {
        for (const QByteArray &p : pages) parsedPages.push_back(take(sync::parsePullResponse(p), "parsing a page"));
    });
    store::SyncQueue queueB(*b);
    const double apply = timed([&] {
        for (const auto &p : parsedPages) take(queueB.applyPulled(p.records, p.next), "applying a page");
    });
    const auto lookup = b->authorLookup();
    const double verify = timed([&] {
        for (const auto &p : parsedPages)
            for (const auto &r : p.records) take(crypto::verifyAuthor(r.body, lookup), "verifying");
    });
    const std::string pullTitle = std::string("Where B's pull goes (") + run + ", at the defaults' grown sizes), phases run in-process on the same pages";
    printPhases(pullTitle.c_str(),
                {
                    {0, "client waits for replies (measured around the engine's HTTP calls)", engine.pullWait},
                    {1, "case store's handler (token, read, JSON + base64)", serverPull},
                    {0, "client: parse the pages (JSON, base64)", pullParse},
                    {0, "client: apply the pages (verify, insert, one transaction per page)", apply},
                    {1, "every author's signature checked on this one thread (applyPulled spreads it over the cores)", verify},
                },
                engine.pull);
}

// ---- baselines ----------------------------------------------------------------------------------------------------

struct Baselines {
    double insert = 0, verify = 0;
    std::size_t bytes = 0;
};

Baselines baselines(const QString &root, const Devices &d)
{
    auto a = openStore(d.aDir);
    std::vector<std::vector<std::uint8_t>> bodies;
    {
        auto st = take(a->database().prepare("SELECT body FROM records WHERE type = " + std::to_string(static_cast<int>(RecordType::Note))),
                       "reading notes");
        while (take(st->step(), "reading notes")) bodies.push_back(st->columnBlob(0));
    }
    Baselines out;
    for (const auto &b : bodies) out.bytes += b.size();
    // The same bytes into a one-column table, one transaction, same durability (WAL, synchronous=FULL).
    auto db = take(store::Database::open((root + QStringLiteral("/bare.db")).toStdString(), true), "bare db");
    check(db->exec("CREATE TABLE bare (body BLOB NOT NULL)"), "bare table");
    out.insert = timed([&] {
        check(db->exec("BEGIN"), "begin");
        auto ins = take(db->prepare("INSERT INTO bare (body) VALUES (?)"), "bare insert");
        for (const auto &b : bodies) check(ins->reset().bind(1, b).run(), "bare insert");
        check(db->exec("COMMIT"), "commit");
    });
    const auto lookup = a->authorLookup();
    out.verify = timed([&] {
        for (const auto &b : bodies) take(crypto::verifyAuthor(b, lookup), "verifying");
    });
    return out;
}

struct Config {
    const char *label;
    std::size_t push;
    int pull;
    bool district = false; // the case store checks every pushed record's author
    std::size_t inFlight = sync::SyncOptions{}.requestsInFlight;
    std::vector<RunResult> runs;
    bool receipts = false; // the case store signs receipts (--receipt-key) and B checks each one
    bool adaptive = false; // sizes start at push/pull and follow the replies (SyncOptions); otherwise fixed
    RunResult median() const
    {
        std::vector<RunResult> v = runs;
        std::sort(v.begin(), v.end(), [](const RunResult &x, const RunResult &y) { return x.endToEnd() < y.endToEnd(); });
        return v[v.size() / 2];
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool smoke = argc > 1 && std::string(argv[1]) == "--smoke";
    const int notes = smoke ? 300 : argc > 1 ? std::atoi(argv[1]) : 10000;
    const int rounds = smoke ? 20 : argc > 2 ? std::atoi(argv[2]) : 300;
    const int reps = smoke ? 1 : argc > 3 ? std::atoi(argv[3]) : 3;
    const int people = smoke ? 20 : argc > 4 ? std::atoi(argv[4]) : 1; // certified people in the district's directory
    if (notes < 10 || rounds < 1 || reps < 1 || people < 1 || people > 100000)
        die("usage: bench_sync [NOTES>=10] [ROUNDS>=1] [REPETITIONS>=1] [PEOPLE 1-100000] | bench_sync --smoke");
    if (!crypto::initialize()) die("libsodium unavailable");

    QTemporaryDir tmp(QDir::currentPath() + QStringLiteral("/bench-sync-XXXXXX")); // the build's disk, not tmpfs
    if (!tmp.isValid()) die("cannot create a temporary directory");
    const QString root = tmp.path();
    std::printf("bench_sync: %d notes A -> triad-casestore (loopback, SQLite) -> B, %d repetitions of each batch size, "
                "%d round trips, %u hardware threads, %d certified people in the district's directory\n",
                notes, reps, rounds, std::thread::hardware_concurrency(), people);
    const Devices devices = makeDevices(root, notes, people);

    const sync::SyncOptions defaults;
    std::vector<Config> configs{{"defaults", defaults.pushBatchRecords, defaults.pullLimit, false, defaults.requestsInFlight, {}, false, true}};
    // The same without overlap (one request at a time in each direction), to show what keeping requests in flight gains.
    configs.push_back({"defaults, one request at a time", defaults.pushBatchRecords, defaults.pullLimit, false, 1, {}, false, true});
    // Two in flight (the default before "Four pushes in flight", docs/benchmarks.md), to compare in the same run.
    configs.push_back({"defaults, two requests in flight", defaults.pushBatchRecords, defaults.pullLimit, false, 2, {}, false, true});
    if (!smoke) {
        // Fixed sizes: what the adaptive defaults start from, and what they grow to.
        configs.push_back({"fixed: push 200, pull 500 (the defaults' start)", 200, 500, false, defaults.requestsInFlight, {}});
        configs.push_back({"fixed: push 500, pull 500", 500, 500, false, defaults.requestsInFlight, {}});
        configs.push_back({"fixed: push 500, pull 1000 (the case store's limits)", 500, 1000, false, defaults.requestsInFlight, {}});
    }
    configs.push_back({"defaults, the case store checks authors", defaults.pushBatchRecords, defaults.pullLimit, true, defaults.requestsInFlight,
                       {}, false, true});
    // As a district deploys it: authors checked and every record's receipt signed by the case store, checked by B.
    configs.push_back({"defaults, authors checked and receipts (as deployed)", defaults.pushBatchRecords, defaults.pullLimit, true,
                       defaults.requestsInFlight, {}, true, true});
    // BENCH_SYNC_ONLY=TEXT keeps the configurations whose name contains TEXT (to profile one of them).
    if (const char *only = std::getenv("BENCH_SYNC_ONLY"); only && *only) {
        std::erase_if(configs, [only](const Config &c) { return std::string(c.label).find(only) == std::string::npos; });
        if (configs.empty()) die(std::string("BENCH_SYNC_ONLY=") + only + " names none of the configurations.");
    }
    // Repetitions rotate the order of the batch sizes, so a noisy minute on this shared machine hits each of them.
    int runNumber = 0;
    for (int rep = 0; rep < reps; ++rep) {
        for (std::size_t k = 0; k < configs.size(); ++k) {
            Config &c = configs[(k + static_cast<std::size_t>(rep)) % configs.size()];
            sync::SyncOptions options;
            options.pushBatchRecords = c.push;
            options.pullLimit = c.pull;
            if (!c.adaptive) {
                options.maxPushBatchRecords = c.push;
                options.maxPullLimit = c.pull;
            }
            options.requestsInFlight = c.inFlight;
            Run run = startRun(root, devices, QStringLiteral("run%1").arg(runNumber++), options, c.district, c.receipts);
            c.runs.push_back(bulkSync(run, devices, notes));
            if (c.receipts && c.runs.back().receiptsKept < notes)
                die("B kept " + std::to_string(c.runs.back().receiptsKept) + " receipts, not one per note");
            // Printed before the table: with the defaults, and as a district deploys it (the case store names the
            // district directory's sequence, so a sync asks for the directory only when it changed).
            if (rep == 0 && (&c == &configs[0] || &c == &configs.back())) roundTrips(run, devices, rounds, c.label);
        }
    }

    std::printf("\n%d notes, the median of %d runs by end to end (CPU: device and case store processes together; A's echo: the rest of "
                "A's sync after its last push batch, its own records skipped and their receipts checked; not on the way to B):\n\n",
                notes, reps);
    std::printf("| batch sizes (push records, pull limit; a → b: adaptive from a up to b) | A push | notes/s | B pull + apply | notes/s | end to end | notes/s | "
                "CPU s (push + pull) | A's echo |\n");
    std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    const Config *best = &configs[0];
    for (const Config &c : configs) {
        const RunResult r = c.median();
        const std::string sizes = c.adaptive ? std::to_string(c.push) + " → " + std::to_string(defaults.maxPushBatchRecords) + ", " + std::to_string(c.pull)
                                                   + " → " + std::to_string(defaults.maxPullLimit)
                                             : std::to_string(c.push) + ", " + std::to_string(c.pull);
        std::printf("| %s (%s) | %.3f s | %.0f | %.3f s | %.0f | %.3f s | %.0f | %.2f + %.2f | %.3f s |\n", c.label, sizes.c_str(), r.push,
                    notes / r.push, r.pull, notes / r.pull, r.endToEnd(), notes / r.endToEnd(), r.pushCpu, r.pullCpu, r.echo);
        if (!c.district && c.inFlight == defaults.requestsInFlight && r.endToEnd() < best->median().endToEnd()) best = &c;
    }
    const RunResult defaultRun = configs[0].median();
    std::printf("\nbest end to end: %s, %.0f notes/s; defaults %.0f notes/s\n", best->label, notes / best->median().endToEnd(),
                notes / defaultRun.endToEnd());

    const Baselines base = baselines(root, devices);
    std::printf(
        "\nBaselines, same run, the same %d sealed notes (%zu bytes):\n\n| baseline | s | notes/s | B's pull + apply (defaults) / baseline |\n"
        "| --- | --- | --- | --- |\n",
        notes, base.bytes);
    std::printf("| bare SQLite insert, one transaction (WAL, FULL) | %.3f | %.0f | %.1f |\n", base.insert, notes / base.insert,
                defaultRun.pull / base.insert);
    std::printf("| bare signature check of every note, one thread (crypto::verifyAuthor) | %.3f | %.0f | %.1f |\n", base.verify, notes / base.verify,
                defaultRun.pull / base.verify);
    std::printf("| both | %.3f | %.0f | %.1f |\n", base.insert + base.verify, notes / (base.insert + base.verify),
                defaultRun.pull / (base.insert + base.verify));

    // The phases in-process at the sizes the defaults grow to on loopback (every batch but the first few).
    sync::SyncOptions grown = defaults;
    grown.pushBatchRecords = defaults.maxPushBatchRecords;
    grown.pullLimit = defaults.maxPullLimit;
    profile(root, devices, grown, defaultRun, configs[0].label, configs[0].receipts);
    // And as deployed (receipts signed and checked), when that is not the run above.
    for (const Config &c : configs)
        if (c.receipts && &c != &configs[0]) profile(root, devices, grown, c.median(), c.label, true);
    return 0;
}
