// Qt Quick Test runner for the real QML (label "ui"). Before the tests, a store with the demo district is created in
// a temporary directory and unlocked; the QML under test gets the session and evidence controller through the
// TestHarness singleton, and reads back what the store holds through a second, independent connection.
#include "app_setup.h"
#include "demo_district.h"
#include "evidence_image_provider.h"
#include "evidence_store.h"
#include "linux/passphrase_keystore.h"
#include "note_list_model.h"
#include "note_service.h"
#include "case_service.h"
#include "report_service.h"
#include "secure_buffer.h"

#include <QQmlEngine>
#include <QTemporaryDir>
#include <QVariantMap>
#include <QtQuickTest/quicktest.h>

using namespace triad;

namespace {
constexpr const char *kPassphrase = "quick test passphrase";
}

class TestHarness : public QObject {
    Q_OBJECT
    Q_PROPERTY(QObject *session READ session CONSTANT)
    Q_PROPERTY(QObject *evidence READ evidence CONSTANT)
    Q_PROPERTY(QString idleCaseId READ idleCaseId CONSTANT)

public:
    explicit TestHarness(app::App &app, QString storeDir, QString idleCase)
        : m_app(app),
          m_storeDir(std::move(storeDir)),
          m_idleCase(std::move(idleCase))
    {}
    QObject *session() const { return &m_app.session(); }
    QObject *evidence() const { return &m_app.evidence(); }
    QString idleCaseId() const { return m_idleCase; }

    // What the store holds for an observation, read through a second connection (not the app's).
    Q_INVOKABLE QVariantList storedNotes(const QString &observationId) const
    {
        platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
        auto s = store::LocalStore::open(m_storeDir, keystore, platform::UnlockCredential::fromPassphrase(kPassphrase));
        QVariantList out;
        if (!s) return out;
        auto obs = RecordId::fromString(observationId.toStdString());
        if (!obs) return out;
        auto notes = store::NoteService(**s).notes(std::nullopt, *obs);
        if (!notes) return out;
        store::EvidenceStore evidence(**s);
        for (const auto &n : *notes) {
            QVariantMap m;
            m[QStringLiteral("originalText")] = QString::fromStdString(n.note.text);
            m[QStringLiteral("text")] = QString::fromStdString(n.amendments.empty() ? n.note.text : n.amendments.back().text);
            m[QStringLiteral("tags")] = ui::toStringList(n.amendments.empty() ? n.note.tags : n.amendments.back().tags);
            m[QStringLiteral("amendments")] = static_cast<int>(n.amendments.size());
            m[QStringLiteral("reason")] = n.amendments.empty() ? QString() : QString::fromStdString(n.amendments.back().reason);
            QStringList kinds, ids;
            if (auto ev = evidence.forNote(n.note.id))
                for (const auto &e : *ev) {
                    kinds << (e.kind == EvidenceKind::Photo ? QStringLiteral("photo") : QStringLiteral("audio"));
                    ids << QString::fromStdString(e.id.toString());
                }
            m[QStringLiteral("evidence")] = kinds;
            m[QStringLiteral("evidenceIds")] = ids;
            out << m;
        }
        return out;
    }
    // The reports of a case as the store holds them, read through a second connection: [{number, current, narrative}].
    Q_INVOKABLE QVariantList issuedReports(const QString &caseId) const
    {
        platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
        auto s = store::LocalStore::open(m_storeDir, keystore, platform::UnlockCredential::fromPassphrase(kPassphrase));
        auto id = RecordId::fromString(caseId.toStdString());
        QVariantList out;
        if (!s || !id) return out;
        auto reports = store::ReportService(**s).reports(*id);
        if (!reports) return out;
        for (const auto &history : *reports)
            for (const auto &v : history.versions)
                out << QVariantMap{{QStringLiteral("number"), static_cast<int>(v.number)},
                                   {QStringLiteral("current"), v.current},
                                   {QStringLiteral("narrative"), v.document.report ? QString::fromStdString(v.document.report->narrative) : QString()}};
        return out;
    }
    Q_INVOKABLE bool observationEnded(const QString &observationId) const
    {
        auto id = RecordId::fromString(observationId.toStdString());
        if (!id || !m_app.session().store()) return false;
        auto st = m_app.session().store()->database().cached("SELECT ended_at IS NOT NULL FROM observations WHERE id = ?");
        if (!st) return false;
        (*st)->bind(1, std::span<const std::uint8_t>(id->bytes));
        auto row = (*st)->step();
        return row && *row && (*st)->columnInt(0) == 1;
    }

private:
    app::App &m_app;
    QString m_storeDir;
    QString m_idleCase;
};

class Setup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        crypto::initialize();
        app::initialiseStyle();
        m_dir = std::make_unique<QTemporaryDir>();
        const QString storeDir = m_dir->filePath(QStringLiteral("store"));
        platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
        const auto credential = [] { return platform::UnlockCredential::fromPassphrase(kPassphrase); };
        if (auto s = store::LocalStore::create(storeDir, keystore, credential(), {"Alex Rivera", "E-1", {Role::ParMentor}}); !s)
            qFatal("%s", s.error().message.c_str());
        QString idle;
        {
            auto s = store::LocalStore::open(storeDir, keystore, credential());
            if (!s) qFatal("%s", s.error().message.c_str());
            if (auto demo = store::loadDemoDistrict(**s); !demo) qFatal("%s", demo.error().message.c_str());
            auto cases = store::CaseService(**s).cases(); // keep the Result alive across the loop
            if (!cases) qFatal("%s", cases.error().message.c_str());
            for (const auto &c : *cases) {
                auto open = store::NoteService(**s).openObservation(c.id);
                if (c.kind == CaseKind::Referred && open && !open->has_value()) {
                    idle = QString::fromStdString(c.id.toString());
                    break;
                }
            }
        }
        app::Options options;
        options.storeDir = storeDir;
        options.fakeCapture = true;
        options.kdf = platform::KdfStrength::Interactive;
        m_app = std::make_unique<app::App>(options);
        if (auto s = m_app->session().unlockNow(QString::fromLatin1(kPassphrase)); !s) qFatal("%s", s.error().message.c_str());
        m_harness = std::make_unique<TestHarness>(*m_app, storeDir, idle);
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/")); // Qt 6.4 puts static QML modules at qrc:/<URI>
        engine->addImageProvider(QStringLiteral("evidence"), new ui::EvidenceImageProvider(&m_app->session()));
        qmlRegisterSingletonInstance("Triad.Test", 1, 0, "TestHarness", m_harness.get());
    }
    void cleanupTestCase()
    {
        m_harness.reset();
        m_app.reset();
        m_dir.reset();
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<app::App> m_app;
    std::unique_ptr<TestHarness> m_harness;
};

QUICK_TEST_MAIN_WITH_SETUP(triad_ui, Setup)

#include "quick_test_main.moc"
