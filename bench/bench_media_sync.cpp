// Evidence media sync end to end (docs/benchmarks.md "Evidence media sync"): the mentor's tablet takes PHOTOS photos
// of BYTES bytes each (seeded noise under image/jpeg: sealing and sync do not look inside), shares them with the
// teacher by key grant as a report does, and syncs through the triad-casestore executable on loopback (SQLite,
// --district-info, both devices enrolled with their certificates); then the teacher's phone syncs and every photo is
// opened there and compared byte for byte. Reported: the mentor's sync (records, then media up), the teacher's sync
// (records, then media down, each part checked against its signed name, each medium authenticated whole before it is
// kept), the two together, and the case store's CPU.
//
//   bench_media_sync [PHOTOS] [BYTES]     (defaults: 30 photos of 2,000,000 bytes)
//   bench_media_sync --smoke              (3 photos of 300,000 bytes: the CTest run, label bench)
//
// Run it from a directory on a real disk: the stores and the case store's file are made under the current directory.
#include "bench_util.h"

#include "casestore_enrollment.h"
#include "certificate.h"
#include "case_service.h"
#include "enrollment_service.h"
#include "evidence_store.h"
#include "note_service.h"
#include "sync_engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <random>

#include <unistd.h>

using namespace triad;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr const char *kBench = "bench_media_sync";

[[noreturn]] void die(const std::string &what) { bench::die(kBench, what); }

template <typename T>
T take(Result<T> r, const char *what)
{
    return bench::take(kBench, std::move(r), what);
}
void check(const Status &s, const char *what) { bench::check(kBench, s, what); }
using bench::secondsSince;

double cpuSeconds(qint64 pid) { return bench::cpuSeconds(QString::number(pid)); }

std::unique_ptr<store::LocalStore> makeStore(const QString &dir, const std::string &name, Role role)
{
    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
    check(store::LocalStore::create(dir, keystore, bench::credential(), {name, "", {role}}), "creating a store");
    return take(store::LocalStore::open(dir, keystore, bench::credential()), "opening a store");
}

sync::SyncReport syncOnce(store::LocalStore &s)
{
    sync::SyncEngine engine(s);
    const sync::SyncReport r = engine.syncOnce();
    if (r.state != sync::SyncState::Synced) die(std::string("sync: ") + sync::syncStateName(r.state) + ": " + r.message);
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    crypto::initialize();
    const bool smoke = argc > 1 && std::string(argv[1]) == "--smoke";
    const int photos = smoke ? 3 : argc > 1 ? std::atoi(argv[1]) : 30;
    const int bytes = smoke ? 300'000 : argc > 2 ? std::atoi(argv[2]) : 2'000'000;
    QTemporaryDir root(QDir::currentPath() + QStringLiteral("/bench-media-XXXXXX"));
    if (!root.isValid()) die("cannot make a working directory here");

    // The district: a root key certifying the mentor and the teacher; both devices enrolled and knowing each other.
    auto mentor = makeStore(root.filePath(QStringLiteral("mentor")), "Alex Rivera", Role::ParMentor);
    auto teacher = makeStore(root.filePath(QStringLiteral("teacher")), "Jordan Lee", Role::ParticipatingTeacher);
    const crypto::Identity districtRoot = crypto::Identity::generate(), records = crypto::Identity::generate();
    directory::DistrictInfo district;
    district.name = "Sierra Foothills Unified School District";
    district.rootSignPublicKey = districtRoot.publicIdentity().signPublicKey;
    district.recordsBoxPublicKey = records.publicIdentity().boxPublicKey;
    district.recordsSignPublicKey = records.publicIdentity().signPublicKey;
    const crypto::Bytes info = district.serialize();
    auto certify = [&](store::LocalStore &s, const std::string &name, Role role) {
        directory::Certificate cert;
        cert.serial = RecordId::generate();
        cert.personId = s.owner().id;
        cert.displayName = name;
        cert.roles = {role};
        cert.keys = s.ownerKeys();
        cert.issuedAtMs = store::systemClockMs() - 24LL * 3600 * 1000;
        cert.notAfterMs = store::systemClockMs() + 365LL * 24 * 3600 * 1000;
        return take(directory::issueCertificate(districtRoot, cert), "certifying");
    };
    const crypto::Bytes mentorCert = certify(*mentor, "Alex Rivera", Role::ParMentor);
    const crypto::Bytes teacherCert = certify(*teacher, "Jordan Lee", Role::ParticipatingTeacher);
    check(store::EnrollmentService(*mentor).enroll(district.enrollmentCode(), info, mentorCert), "enrolling the mentor");
    check(store::EnrollmentService(*teacher).enroll(district.enrollmentCode(), info, teacherCert), "enrolling the teacher");
    check(store::EnrollmentService(*mentor).addCertificate(teacherCert), "the teacher's certificate on the mentor's tablet");
    check(store::EnrollmentService(*teacher).addCertificate(mentorCert), "the mentor's certificate on the teacher's phone");
    const QString infoPath = root.filePath(QStringLiteral("district.info"));
    QFile infoFile(infoPath);
    if (!infoFile.open(QIODevice::WriteOnly) || infoFile.write(reinterpret_cast<const char *>(info.data()), static_cast<qint64>(info.size())) < 0)
        die("cannot write the district information");
    infoFile.close();

    // The case, an observation, and PHOTOS photos on notes, granted to the teacher.
    ParCase c;
    c.id = RecordId::generate();
    c.kind = CaseKind::Referred;
    c.teacherId = teacher->owner().id;
    c.mentorId = mentor->owner().id;
    c.school = "Cottonwood Elementary School";
    c.gradeSubject = "Grade 4 / Multiple subjects";
    c.schoolYear = "2026-27";
    c.startDate = QDate(2026, 9, 1);
    check(store::CaseService(*mentor).saveCase(c), "saving the case");
    const RecordId observation = take(store::NoteService(*mentor).startObservation(c.id, ObservationKind::Formal, true, "Period 2"), "observing").id;
    std::vector<RecordId> ids;
    std::vector<QByteArray> originals;
    std::mt19937 rng(7);
    const auto t0 = SteadyClock::now();
    for (int i = 0; i < photos; ++i) {
        const Note note = take(store::NoteService(*mentor).addNote(observation, "Photo " + std::to_string(i + 1), {"2.6"}), "adding a note");
        platform::CapturedMedia m;
        m.mimeType = "image/jpeg";
        m.width = 1600;
        m.height = 1200;
        m.bytes.resize(bytes);
        for (char &ch : m.bytes) ch = static_cast<char>(rng());
        ids.push_back(take(store::EvidenceStore(*mentor).attach(note.id, m), "attaching a photo").id);
        originals.push_back(m.bytes);
    }
    const double attachSeconds = secondsSince(t0);
    check(mentor->grantRecords(ids, {teacher->ownerKeys()}, c.id), "granting the photos to the teacher");

    // The case store, a child process with its SQLite file; both devices enroll with their certificates.
    QProcess casestore;
    casestore.setProgram(QStringLiteral(TRIAD_CASESTORE_PATH));
    casestore.setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"), root.filePath(QStringLiteral("cs.db")),
                            QStringLiteral("--access-log"), QStringLiteral("none"), QStringLiteral("--district-info"), infoPath});
    casestore.start();
    QByteArray out;
    for (int i = 0; i < 100 && !out.contains('\n'); ++i) {
        casestore.waitForReadyRead(100);
        out += casestore.readAllStandardOutput();
    }
    const auto match = QRegularExpression(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)")).match(QString::fromLatin1(out));
    if (!match.hasMatch()) die("the case store did not start: " + out.toStdString());
    const std::string url = "http://127.0.0.1:" + match.captured(1).toStdString();
    {
        sync::HttpTransport http;
        check(store::SyncQueue(*mentor).setEndpoint(
                  {url, take(sync::enrollWithCaseStore(http, url, mentor->identity(), mentorCert), "enrolling the tablet").token}),
              "configuring the tablet");
        check(store::SyncQueue(*teacher).setEndpoint(
                  {url, take(sync::enrollWithCaseStore(http, url, teacher->identity(), teacherCert), "enrolling the phone").token}),
              "configuring the phone");
    }

    const double cpu0 = cpuSeconds(casestore.processId());
    const auto up0 = SteadyClock::now();
    const sync::SyncReport up = syncOnce(*mentor);
    const double upSeconds = secondsSince(up0);
    const auto down0 = SteadyClock::now();
    const sync::SyncReport down = syncOnce(*teacher);
    const double downSeconds = secondsSince(down0);
    const double cpu = cpuSeconds(casestore.processId()) - cpu0;
    if (down.mediaReceived != photos) die("the teacher received " + std::to_string(down.mediaReceived) + " media, not " + std::to_string(photos));
    const auto open0 = SteadyClock::now();
    for (int i = 0; i < photos; ++i)
        if (take(store::EvidenceStore(*teacher).readMedia(ids[static_cast<std::size_t>(i)]), "opening a photo on the phone") != originals[static_cast<std::size_t>(i)])
            die("a photo differs on the teacher's phone");
    const double openSeconds = secondsSince(open0);
    // The baseline, in the same run: the same parts fetched again over the same transport with the phone's token,
    // two at a time as the engine does, and thrown away (no check, no write): what the network and the case store's
    // reads cost alone.
    double rawSeconds = 0;
    {
        const auto endpoint = take(store::SyncQueue(*teacher).endpoint(), "the phone's endpoint");
        sync::HttpTransport http;
        std::vector<QString> urls;
        for (const RecordId &id : ids) {
            const Evidence e = take(store::EvidenceStore(*teacher).evidence(id), "reading an evidence record");
            for (const auto &name : e.parts)
                urls.push_back(QString::fromStdString(url) + QStringLiteral("/v1/media/") + QString::fromStdString(id.toString()) + QLatin1Char('/')
                               + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(name.data()), 32).toHex()));
        }
        const auto raw0 = SteadyClock::now();
        std::unique_ptr<sync::PendingReply> pending = http.startGet(urls[0], endpoint->token, 30000);
        for (std::size_t i = 0; i < urls.size(); ++i) {
            std::unique_ptr<sync::PendingReply> next = i + 1 < urls.size() ? http.startGet(urls[i + 1], endpoint->token, 30000) : nullptr;
            if (pending->wait().status != 200) die("the raw fetch failed");
            pending = std::move(next);
        }
        rawSeconds = secondsSince(raw0);
    }
    casestore.kill(); // our own child, by handle
    casestore.waitForFinished(5000);

    const double mb = static_cast<double>(photos) * bytes / 1e6;
    std::printf("%s: %d photos of %d bytes (%.1f MB), mentor's tablet -> triad-casestore (SQLite, loopback, district) -> teacher's phone\n",
                kBench, photos, bytes, mb);
    std::printf("  attach on the tablet (encrypt, name parts, durable commit): %.2f s\n", attachSeconds);
    std::printf("  tablet sync: %.2f s (%lld records, %lld media, %lld parts up)\n", upSeconds, static_cast<long long>(up.pushed),
                static_cast<long long>(up.mediaSent), static_cast<long long>(up.mediaPartsSent));
    std::printf("  phone sync:  %.2f s (%lld records, %lld media, %lld parts down, each checked, each medium authenticated whole)\n", downSeconds,
                static_cast<long long>(down.pulled), static_cast<long long>(down.mediaReceived), static_cast<long long>(down.mediaPartsFetched));
    std::printf("  taken to opened: %.2f s for %.1f MB (%.1f MB/s); case store CPU %.2f s; opening all %d on the phone %.2f s; all byte-identical\n",
                upSeconds + downSeconds, mb, mb / (upSeconds + downSeconds), cpu, photos, openSeconds);
    std::printf("  baseline, same run: the same %lld parts fetched raw (no check, no write) %.2f s; phone sync / raw = %.1fx\n",
                static_cast<long long>(down.mediaPartsFetched), rawSeconds, downSeconds / rawSeconds);
    return 0;
}
