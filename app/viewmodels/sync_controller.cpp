#include "sync_controller.h"
#include "caseload_model.h"
#include "error_text.h"
#include "locale_text.h"

#include <QDateTime>
#include <QLocale>

namespace triad::ui {

namespace {
constexpr int kAfterChangeMs = 1500;      // a burst of notes goes in one push
constexpr int kWhileOnlineMs = 60 * 1000; // records addressed to this person are pulled at least every minute
} // namespace

struct SyncController::Worker {
    std::unique_ptr<store::LocalStore> store;
    std::unique_ptr<sync::SyncEngine> engine;
    std::shared_ptr<crypto::SecureBuffer> secret; // the owner's identity, to open the worker's connection
    QString dir;
};

SyncController::SyncController(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncController::startAttempt);
    m_thread.setObjectName(QStringLiteral("triad-sync"));
}

SyncController::~SyncController() { stopWorker(); }

void SyncController::stopWorker()
{
    m_timer.stop();
    if (m_thread.isRunning()) {
        // Ends the worker's event loops, a network wait among them: an attempt in flight returns at once as
        // "offline" (nothing is lost: the outbox and cursor are only advanced after a reply).
        m_thread.quit();
        m_thread.wait();
    }
    delete m_context;
    m_context = nullptr;
    m_worker.reset(); // closes the worker's connection and wipes its copy of the identity
    m_syncing = false;
}

void SyncController::attach(store::LocalStore *store, const QString &storeDir)
{
    stopWorker();
    ++m_generation;
    m_suspended = false;
    m_store = store;
    m_storeDir = storeDir;
    m_state = sync::SyncState::NotConfigured;
    m_message.clear();
    m_progress = {};
    if (!m_store) {
        m_address.clear();
        m_pending = m_setAside = 0;
        m_reasons.clear();
        emit changed();
        return;
    }
    m_worker = std::make_shared<Worker>();
    m_worker->secret = std::make_shared<crypto::SecureBuffer>(m_store->identity().exportSecret());
    m_worker->dir = storeDir;
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    refreshCounts();
    if (configured()) schedule(0);
}

void SyncController::refreshCounts(bool full)
{
    if (!m_store) return;
    store::SyncQueue queue(*m_store);
    if (auto c = queue.counts()) {
        m_pending = static_cast<int>(c->pending);
        m_setAside = static_cast<int>(c->setAside);
    }
    if (!full) { // after a local write only the waiting count moves (this runs on every note saved)
        emit changed();
        return;
    }
    if (auto url = queue.caseStoreUrl(); url && *url)
        m_address = QString::fromStdString(**url);
    else
        m_address.clear();
    if (auto last = queue.lastSyncedAt()) m_lastSynced = *last;
    m_reasons.clear();
    if (auto aside = queue.setAside()) {
        for (const store::SetAsideRecord &r : *aside) {
            const auto type = recordTypeFromNumber(r.type);
            const QString what = type ? ui::recordTypeLabel(*type) : tr("record");
            const QString shortId = QString::fromStdString(r.id.shortText());
            m_reasons << (r.incoming ? tr("Received %1 %2: %3") : tr("Not sent: %1 %2: %3")).arg(what, shortId, ui::errorText(makeError(r.code, r.reason)));
        }
    }
    emit changed();
}

void SyncController::suspend()
{
    m_suspended = true;
    stopWorker(); // an attempt in flight returns at once; it may not pick up what is written from now on
    emit changed();
}

void SyncController::schedule(int delayMs)
{
    if (!m_store || !configured() || m_suspended) return;
    if (m_timer.isActive() && m_timer.remainingTime() <= delayMs) return;
    m_timer.start(delayMs);
}

void SyncController::noteLocalChange()
{
    refreshCounts(false);
    if (m_state == sync::SyncState::AuthRequired) return; // waits for enrollment; nothing is dropped meanwhile
    if (m_syncing)
        m_again = true;
    else
        schedule(kAfterChangeMs);
}

void SyncController::syncNow()
{
    if (m_syncing) {
        m_again = true;
        return;
    }
    schedule(0);
}

void SyncController::retrySetAside()
{
    if (!m_store) return;
    if (auto moved = store::SyncQueue(*m_store).requeueOutgoing(); !moved) m_message = ui::errorText(moved.error());
    refreshCounts();
    syncNow();
}

void SyncController::startAttempt()
{
    if (!m_store || m_syncing || !m_context) return;
    m_syncing = true;
    m_again = false;
    m_progress = {};
    emit changed();
    std::shared_ptr<Worker> worker = m_worker;
    const int generation = m_generation;
    auto done = [this, generation](const sync::SyncReport &report) {
        QMetaObject::invokeMethod(this, [this, generation, report] {
            if (generation == m_generation) finished(report);
        });
    };
    QMetaObject::invokeMethod(m_context, [this, worker, done, generation] {
        sync::SyncReport report;
        if (!worker->store) {
            auto identity = crypto::Identity::importSecret(worker->secret->span());
            auto opened = identity ? store::LocalStore::openSecondary(worker->dir, std::move(*identity))
                                   : Result<std::unique_ptr<store::LocalStore>>(identity.error());
            if (!opened) {
                report.state = sync::SyncState::Failed;
                report.code = opened.error().code;
                report.message = opened.error().message;
                report.args = opened.error().args;
                done(report);
                return;
            }
            worker->store = std::move(*opened);
            worker->engine = std::make_unique<sync::SyncEngine>(*worker->store);
            worker->engine->setProgressCallback([this, generation](const sync::SyncProgress &p) {
                QMetaObject::invokeMethod(this, [this, generation, p] {
                    if (generation != m_generation) return;
                    m_progress = p;
                    emit changed();
                });
            });
        } else {
            (void)worker->store->refreshDirectory(); // certificates added on the other connection
        }
        done(worker->engine->syncOnce());
    });
}

void SyncController::finished(const sync::SyncReport &report)
{
    if (!m_store) return; // locked meanwhile
    m_syncing = false;
    m_state = report.state;
    m_message = report.message.empty() ? QString() : ui::errorText(Error{report.code, report.message, report.args});
    m_progress = {};
    if (report.directory.updated) (void)m_store->refreshDirectory(); // applied on the sync's own connection
    refreshCounts();
    if (report.pulled > 0) emit synced();
    switch (report.state) {
    case sync::SyncState::Synced: schedule(m_again ? 0 : kWhileOnlineMs); break;
    case sync::SyncState::Offline: schedule(static_cast<int>(std::min<std::int64_t>(report.retryAfterMs, 10 * 60 * 1000))); break;
    default: break; // sign-in needed or a problem the person must see: no automatic retry
    }
}

sync::SyncReport SyncController::syncNowBlocking()
{
    sync::SyncReport report;
    if (!m_store) return report;
    m_syncing = true;
    sync::SyncOptions options;
    options.markDelivered = true; // the teacher's phone records that a report reached it (store/audit_service.h)
    report = sync::SyncEngine(*m_store, options).syncOnce();
    finished(report);
    return report;
}

QString SyncController::stateText() const
{
    if (!configured()) return tr("Not connected to a case store");
    if (m_syncing) return tr("Syncing…");
    switch (m_state) {
    case sync::SyncState::Synced: return tr("Online");
    case sync::SyncState::Offline: return tr("Offline");
    case sync::SyncState::AuthRequired: return tr("Sign-in needed");
    case sync::SyncState::Failed: return tr("Sync problem");
    case sync::SyncState::NotConfigured: break;
    }
    return tr("Offline");
}

QString SyncController::lastSyncedText() const
{
    if (m_lastSynced == 0) return tr("Never synced");
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(m_lastSynced);
    const QString time = text::time(when.time());
    if (when.date() == QDate::currentDate()) return tr("Last synced today at %1").arg(time);
    return tr("Last synced %1 at %2").arg(text::shortDate(when.date()), time);
}

double SyncController::progress() const
{
    if (!m_syncing || !m_progress.pulling || !m_progress.remaining || *m_progress.remaining <= 0) return -1;
    return std::min(1.0, static_cast<double>(m_progress.pulled) / static_cast<double>(*m_progress.remaining));
}

QString SyncController::progressText() const
{
    if (!m_syncing) return {};
    const QLocale locale;
    if (m_progress.pulling && m_progress.remaining)
        return tr("Receiving %1 of %2 records")
            .arg(locale.toString(static_cast<qlonglong>(m_progress.pulled)), locale.toString(static_cast<qlonglong>(*m_progress.remaining)));
    if (m_progress.pushed > 0)
        return tr("Sending: %1 sent, %2 to go")
            .arg(locale.toString(static_cast<qlonglong>(m_progress.pushed)), locale.toString(static_cast<qlonglong>(m_progress.pending)));
    return tr("Connecting to the case store…");
}

} // namespace triad::ui
