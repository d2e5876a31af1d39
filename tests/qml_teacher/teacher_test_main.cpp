// Qt Quick Test runner for the teacher's phone (label "ui"). Before the tests, the demo triad is set up in a
// temporary folder (app/district/demo_triad.h): the district, the mentor's tablet, the teacher's phone and the site
// administrator's tablet, enrolled with a real case store running in this process on loopback (SQLite, signing
// receipts), with the latest report on the teacher's phone awaiting the signature. The app runs on the teacher's
// store (the director of induction's tablet is opened beside it for the program page, the site administrator's and the
// mentor's tablets for their forms); the tests drive its real screens at phone size and check through the mentor's own
// store, synced through the same case store, that the mentor's device sees what the teacher did.
#include "app_setup.h"
#include "case_service.h"
#include "deadlines.h"
#include "casestore_server.h"
#include "demo_triad.h"
#include "district_keys.h"
#include "document_store.h"
#include "enrollment_service.h"
#include "evidence_image_provider.h"
#include "identity.h"
#include "linux/passphrase_keystore.h"
#include "response_service.h"
#include "secure_buffer.h"
#include "signature_service.h"
#include "sqlite_record_storage.h"
#include "sync_engine.h"

#include <QDirIterator>
#include <QFile>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQuickTest/quicktest.h>

#include <optional>

using namespace triad;

namespace {
constexpr const char *kPassphrase = "demo passphrase";
platform::UnlockCredential pass() { return platform::UnlockCredential::fromPassphrase(kPassphrase); }
} // namespace

class TeacherHarness : public QObject {
    Q_OBJECT
    Q_PROPERTY(QObject *session READ session CONSTANT)
    Q_PROPERTY(QString passphrase READ passphrase CONSTANT)
    Q_PROPERTY(QString awaitingReportId READ awaitingReportId CONSTANT)
    // The demo's director of induction's tablet, unlocked, for the program page's tests.
    Q_PROPERTY(QObject *directorSession READ directorSession CONSTANT)
    // The demo's site administrator's tablet, unlocked and synced, for triad meeting mode; the case the three share.
    Q_PROPERTY(QObject *administratorSession READ administratorSession CONSTANT)
    // The demo's PAR mentor's tablet, unlocked and synced, sync suspended (the tests sync when they mean to): the
    // mentor's own forms (memorandum, meeting logs and conferences, triad meeting summaries, the year-end report).
    Q_PROPERTY(QObject *mentorSession READ mentorSession CONSTANT)
    Q_PROPERTY(QString caseId READ caseId CONSTANT)

public:
    TeacherHarness(app::App &app, std::string dir, QString reportId, QString caseId)
        : m_app(app), m_dir(std::move(dir)), m_reportId(std::move(reportId)), m_caseId(std::move(caseId))
    {
        m_director = std::make_unique<ui::Session>(district::demoStoreDir(m_dir, district::DemoRole::Program),
                                                   std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
        if (auto s = m_director->unlockNow(QString::fromLatin1(kPassphrase)); !s) qFatal("%s", s.error().message.c_str());
        m_director->sync()->suspend();
        m_administrator = std::make_unique<ui::Session>(district::demoStoreDir(m_dir, district::DemoRole::Administrator),
                                                        std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
        if (auto s = m_administrator->unlockNow(QString::fromLatin1(kPassphrase)); !s) qFatal("%s", s.error().message.c_str());
        m_administrator->sync()->suspend();
        if (QString failed = syncStore(*m_administrator->store()); !failed.isEmpty()) qFatal("%s", qPrintable(failed));
        m_mentor = std::make_unique<ui::Session>(district::demoStoreDir(m_dir, district::DemoRole::Mentor),
                                                 std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
        if (auto s = m_mentor->unlockNow(QString::fromLatin1(kPassphrase)); !s) qFatal("%s", s.error().message.c_str());
        m_mentor->sync()->suspend();
        if (QString failed = syncStore(*m_mentor->store()); !failed.isEmpty()) qFatal("%s", qPrintable(failed));
    }
    QObject *session() const { return &m_app.session(); }
    QObject *directorSession() const { return m_director.get(); }
    QObject *administratorSession() const { return m_administrator.get(); }
    QObject *mentorSession() const { return m_mentor.get(); }
    QString caseId() const { return m_caseId; }

    // A person's key backup, as they would bring it to a triad meeting: "teacher" (this phone's owner) or "mentor",
    // sealed with `backupPassphrase`, written to a file of its own; its path ("" on failure).
    Q_INVOKABLE QString writeKeyBackup(const QString &role, const QString &backupPassphrase)
    {
        Result<crypto::Bytes> blob = makeError("test.role", "no such person");
        withStoreOf(role, [&](store::LocalStore &s) { blob = s.exportKeyBackup(backupPassphrase.toStdString(), true); });
        if (!blob) return {};
        const QString path = QString::fromStdString(m_dir) + QStringLiteral("/") + role + QStringLiteral(".triadkey");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return {};
        f.write(reinterpret_cast<const char *>(blob->data()), static_cast<qint64>(blob->size()));
        return path;
    }

    // Does any file of the site administrator's tablet hold `role`'s secret keys (whole, or the first 32 bytes)?
    Q_INVOKABLE bool administratorHoldsKeysOf(const QString &role)
    {
        QByteArray secret;
        withStoreOf(role, [&](store::LocalStore &s) {
            const crypto::SecureBuffer raw = s.identity().exportSecret();
            secret = QByteArray(reinterpret_cast<const char *>(raw.data()), static_cast<qsizetype>(raw.size()));
        });
        if (secret.isEmpty()) return true; // could not tell: fail the test
        QDirIterator it(district::demoStoreDir(m_dir, district::DemoRole::Administrator), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly)) continue;
            const QByteArray held = f.readAll();
            if (held.contains(secret) || held.contains(secret.left(32))) return true;
        }
        return false;
    }
    QString passphrase() const { return QString::fromLatin1(kPassphrase); }
    QString awaitingReportId() const { return m_reportId; }

    // Today in the shared case's district (its policy's time zone), "yyyy-MM-dd": what a form's date is judged against,
    // whatever the machine's own zone says (between midnight UTC and midnight in California they differ by a day).
    Q_INVOKABLE QString districtToday()
    {
        auto caseId = RecordId::fromString(m_caseId.toStdString());
        auto c = caseId ? store::CaseService(*m_app.session().store()).parCase(*caseId) : Result<ParCase>(makeError("test.case", "no case"));
        auto p = c ? store::policyOfCase(*c) : Result<policy::DistrictPolicy>(c.error());
        auto today = p ? policy::districtDate(*p, m_app.session().store()->now()) : Result<QDate>(p.error());
        return today ? today->toString(Qt::ISODate) : QString();
    }
    // Syncs the teacher's phone (the app's store) with the case store now.
    Q_INVOKABLE bool syncTeacher() { return syncStore(*m_app.session().store()).isEmpty(); }
    // The teacher's electronic-records agreement for the shared case, given on the phone if not yet in force (as the
    // phone's first signature asks for it); whether one is in force.
    Q_INVOKABLE bool teacherHasAgreed()
    {
        const auto held = phoneAgreement();
        auto caseId = RecordId::fromString(m_caseId.toStdString());
        return held && caseId && (*held || store::SignatureService(*m_app.session().store()).agreeToElectronicRecords(*caseId).ok());
    }
    // The teacher withdraws the electronic-records agreement on the phone (when one is in force): true when none is.
    Q_INVOKABLE bool teacherWithdrawsAgreement()
    {
        const auto held = phoneAgreement();
        auto caseId = RecordId::fromString(m_caseId.toStdString());
        return held && caseId && (!*held || store::SignatureService(*m_app.session().store()).withdrawElectronicRecordsAgreement(*caseId).ok());
    }
    // Whether the phone holds an electronic-records agreement in force for the case (nothing is signed here).
    Q_INVOKABLE bool teacherAgreementInForce()
    {
        const auto held = phoneAgreement();
        return held && *held;
    }
    // The district certifies another participating teacher, whose certificate reaches the site administrator's tablet
    // (as a directory update would): a teacher with no case yet, to refer. Their person id, or empty.
    Q_INVOKABLE QString certifyAnotherTeacher(const QString &name)
    {
        const district::DistrictFolder folder(district::demoDistrictDir(m_dir));
        auto keys = folder.open(pass());
        if (!keys) return {};
        const crypto::Identity identity = crypto::Identity::generate();
        const RecordId person = RecordId::generate();
        const district::CertificateRequest request{person, name.toStdString(), identity.publicIdentity()};
        auto issued = folder.certify(*keys, request, {Role::ParticipatingTeacher}, 365, std::nullopt, store::systemClockMs() - 24LL * 3600 * 1000);
        if (!issued) return {};
        if (!store::EnrollmentService(*m_administrator->store()).addCertificate(issued->bytes)) return {};
        m_administrator->notifyChanged();
        return QString::fromStdString(person.toString());
    }

    // The PAR mentor opens a volunteer case for this phone's teacher under seed 004's contract (a district that takes
    // volunteers: Clovis does not), and the mentor's tablet and the phone sync: the case's id, or empty.
    Q_INVOKABLE QString mentorOpensVolunteerCase()
    {
        store::LocalStore *mentor = m_mentor->store();
        store::LocalStore *phone = m_app.session().store();
        ParCase c;
        c.id = RecordId::generate();
        c.kind = CaseKind::Volunteer;
        c.teacherId = phone->owner().id;
        c.mentorId = mentor->owner().id;
        c.school = "Riverside Elementary";
        c.gradeSubject = "Grade 3";
        c.districtPolicyId = "district-004";
        c.startDate = QDateTime::fromMSecsSinceEpoch(store::systemClockMs()).date().addDays(-14);
        c.schoolYear = "2026-27";
        if (!store::CaseService(*mentor).saveCase(c)) return {};
        if (!syncStore(*mentor).isEmpty() || !syncStore(*phone).isEmpty()) return {};
        m_mentor->notifyChanged();
        m_app.session().notifyChanged();
        return QString::fromStdString(c.id.toString());
    }

    // The mentor's tablet syncs, then names the case's status there ("active", "withdrawn", ...), or an error sentence.
    Q_INVOKABLE QString mentorSeesCaseStatus(const QString &caseId)
    {
        store::LocalStore *mentor = m_mentor->store();
        auto id = RecordId::fromString(caseId.toStdString());
        if (!mentor || !id) return QStringLiteral("the mentor's store could not be opened");
        if (QString failed = syncStore(*mentor); !failed.isEmpty()) return failed;
        m_mentor->notifyChanged();
        auto c = store::CaseService(*mentor).parCase(*id);
        if (!c) return QString::fromStdString(c.error().message);
        return QString::fromLatin1(caseStatusName(c->status));
    }

    // Syncs the site administrator's tablet with the case store now.
    Q_INVOKABLE bool syncAdministrator()
    {
        const bool synced = syncStore(*m_administrator->store()).isEmpty();
        m_administrator->notifyChanged();
        return synced;
    }

    // Syncs the PAR mentor's tablet with the case store now.
    Q_INVOKABLE bool syncMentor()
    {
        const bool synced = syncStore(*m_mentor->store()).isEmpty();
        m_mentor->notifyChanged();
        return synced;
    }

    // Syncs the director of induction's tablet with the case store now (an assignment made there reaches the others).
    Q_INVOKABLE bool syncDirector()
    {
        const bool synced = syncStore(*m_director->store()).isEmpty();
        m_director->notifyChanged();
        return synced;
    }

    // The mentor's tablet syncs, then says where the report stands there: "acknowledged" or "awaiting", plus
    // " response" when the teacher's written response reached it. An error sentence when the sync failed.
    Q_INVOKABLE QString mentorSees(const QString &reportId)
    {
        store::LocalStore *mentor = m_mentor->store();
        auto id = RecordId::fromString(reportId.toStdString());
        if (!mentor || !id) return QStringLiteral("the mentor's store could not be opened");
        if (QString failed = syncStore(*mentor); !failed.isEmpty()) return failed;
        m_mentor->notifyChanged();
        auto current = store::DocumentStore(*mentor).current(*id);
        if (!current) return QString::fromStdString(current.error().message);
        QString out = current->acknowledged ? QStringLiteral("acknowledged") : QStringLiteral("awaiting");
        if (auto status = store::ResponseService(*mentor).status(*id); status && !status->responses.empty()) out += QStringLiteral(" response");
        return out;
    }

private:
    // Whether the phone holds an agreement in force for the case; nullopt when that cannot be read.
    std::optional<bool> phoneAgreement() const
    {
        auto caseId = RecordId::fromString(m_caseId.toStdString());
        if (!caseId) return std::nullopt;
        auto held = store::SignatureService(*m_app.session().store()).agreementInForce(*caseId);
        if (!held) return std::nullopt;
        return held->has_value();
    }

    template <typename F>
    void withStoreOf(const QString &role, F &&use)
    {
        if (role == QStringLiteral("teacher")) {
            use(*m_app.session().store());
            return;
        }
        if (role != QStringLiteral("mentor")) return;
        if (store::LocalStore *mentor = m_mentor->store()) use(*mentor); // the mentor's tablet, as the tests hold it open
    }
    static QString syncStore(store::LocalStore &s)
    {
        sync::SyncOptions o;
        o.requestTimeoutMs = 10000;
        o.jitterSeed = 7;
        sync::SyncEngine engine(s, o);
        const sync::SyncReport r = engine.syncOnce();
        return r.state == sync::SyncState::Synced ? QString() : QString::fromStdString(r.message);
    }
    app::App &m_app;
    std::string m_dir;
    QString m_reportId;
    QString m_caseId;
    std::unique_ptr<ui::Session> m_director;
    std::unique_ptr<ui::Session> m_administrator;
    std::unique_ptr<ui::Session> m_mentor;
};

class Setup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        crypto::initialize();
        app::initialiseStyle();
        m_dir = std::make_unique<QTemporaryDir>();
        const std::string dir = m_dir->filePath(QStringLiteral("demo")).toStdString();
        platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
        if (auto prepared = district::prepareDemoTriad(dir, keystore, pass(), pass(), std::nullopt, store::systemClockMs()); !prepared)
            qFatal("%s", prepared.error().message.c_str());
        auto info = district::DistrictFolder(district::demoDistrictDir(dir)).info();
        if (!info) qFatal("%s", info.error().message.c_str());

        // The case store, in this process on loopback, signing receipts with a key the directory then names.
        auto storage = casestore::SqliteRecordStorage::open(m_dir->filePath(QStringLiteral("casestore.db")).toStdString());
        if (!storage) qFatal("%s", storage.error().message.c_str());
        m_storage = std::move(*storage);
        m_server = std::make_unique<casestore::CaseStoreServer>(*m_storage, casestore::systemNowMs, *info);
        const quint16 port = m_server->listen(QHostAddress::LocalHost, 0);
        if (port == 0) qFatal("the case store could not listen on loopback");
        const std::string url = "http://127.0.0.1:" + std::to_string(port);
        if (auto s = m_server->api().setOrigin(url); !s) qFatal("%s", s.error().message.c_str());
        const crypto::Identity receiptKey = crypto::Identity::generate();
        m_server->api().setReceiptKey(crypto::Identity::importSecret(receiptKey.exportSecret().span()).value());
        if (auto again = district::prepareDemoTriad(dir, keystore, pass(), pass(), std::vector<directory::ReceiptKey>{directory::receiptKeyOf(receiptKey)},
                                                    store::systemClockMs());
            !again)
            qFatal("%s", again.error().message.c_str());
        auto outcome = district::connectDemoTriad(dir, keystore, pass(), url);
        if (!outcome) qFatal("%s", outcome.error().message.c_str());

        app::Options options;
        options.storeDir = district::demoStoreDir(dir, district::DemoRole::Teacher);
        options.fakeCapture = true;
        options.kdf = platform::KdfStrength::Interactive;
        m_app = std::make_unique<app::App>(options);
        if (auto s = m_app->session().unlockNow(QString::fromLatin1(kPassphrase)); !s) qFatal("%s", s.error().message.c_str());
        m_app->session().sync()->suspend(); // the tests sync when they mean to
        m_harness = std::make_unique<TeacherHarness>(*m_app, dir, QString::fromStdString(outcome->reportId.toString()),
                                                     QString::fromStdString(outcome->caseId.toString()));
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/")); // Qt 6.4 puts static QML modules at qrc:/<URI>
        engine->addImageProvider(QStringLiteral("evidence"), new ui::EvidenceImageProvider(&m_app->session()));
        qmlRegisterSingletonInstance("Triad.Test", 1, 0, "TeacherHarness", m_harness.get());
    }
    void cleanupTestCase()
    {
        m_harness.reset();
        m_app.reset();
        m_server.reset();
        m_storage.reset();
        m_dir.reset();
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<casestore::SqliteRecordStorage> m_storage;
    std::unique_ptr<casestore::CaseStoreServer> m_server;
    std::unique_ptr<app::App> m_app;
    std::unique_ptr<TeacherHarness> m_harness;
};

QUICK_TEST_MAIN_WITH_SETUP(triad_teacher_ui, Setup)

#include "teacher_test_main.moc"
