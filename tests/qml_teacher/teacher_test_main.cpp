// Qt Quick Test runner for the teacher's phone (label "ui"). Before the tests, the demo triad is set up in a
// temporary folder (app/district/demo_triad.h): the district, the mentor's tablet, the teacher's phone and the site
// administrator's tablet, enrolled with a real case store running in this process on loopback (SQLite, signing
// receipts), with the latest report on the teacher's phone awaiting the signature. The app runs on the teacher's
// store (the director of induction's tablet is opened beside it for the program page); the tests drive its real screens at phone size and check through the mentor's own store, synced through the
// same case store, that the mentor's device sees what the teacher did.
#include "app_setup.h"
#include "casestore_server.h"
#include "demo_triad.h"
#include "district_keys.h"
#include "document_store.h"
#include "evidence_image_provider.h"
#include "identity.h"
#include "linux/passphrase_keystore.h"
#include "response_service.h"
#include "sqlite_record_storage.h"
#include "sync_engine.h"

#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQuickTest/quicktest.h>

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

public:
    TeacherHarness(app::App &app, std::string dir, QString reportId) : m_app(app), m_dir(std::move(dir)), m_reportId(std::move(reportId))
    {
        m_director = std::make_unique<ui::Session>(district::demoStoreDir(m_dir, district::DemoRole::Program),
                                                   std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
        if (auto s = m_director->unlockNow(QString::fromLatin1(kPassphrase)); !s) qFatal("%s", s.error().message.c_str());
        m_director->sync()->suspend();
    }
    QObject *session() const { return &m_app.session(); }
    QObject *directorSession() const { return m_director.get(); }
    QString passphrase() const { return QString::fromLatin1(kPassphrase); }
    QString awaitingReportId() const { return m_reportId; }

    // Syncs the teacher's phone (the app's store) with the case store now.
    Q_INVOKABLE bool syncTeacher() { return syncStore(*m_app.session().store()).isEmpty(); }

    // The mentor's tablet syncs, then says where the report stands there: "acknowledged" or "awaiting", plus
    // " response" when the teacher's written response reached it. An error sentence when the sync failed.
    Q_INVOKABLE QString mentorSees(const QString &reportId)
    {
        platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
        auto mentor = store::LocalStore::open(district::demoStoreDir(m_dir, district::DemoRole::Mentor), keystore, pass());
        auto id = RecordId::fromString(reportId.toStdString());
        if (!mentor || !id) return QStringLiteral("the mentor's store could not be opened");
        if (QString failed = syncStore(**mentor); !failed.isEmpty()) return failed;
        auto current = store::DocumentStore(**mentor).current(*id);
        if (!current) return QString::fromStdString(current.error().message);
        QString out = current->acknowledged ? QStringLiteral("acknowledged") : QStringLiteral("awaiting");
        if (auto status = store::ResponseService(**mentor).status(*id); status && !status->responses.empty()) out += QStringLiteral(" response");
        return out;
    }

private:
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
    std::unique_ptr<ui::Session> m_director;
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
        m_harness = std::make_unique<TeacherHarness>(*m_app, dir, QString::fromStdString(outcome->reportId.toString()));
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
