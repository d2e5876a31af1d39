// Sync in the app: runs the client sync engine (sync/client) on a worker thread with its own connection to the
// store, on a schedule — at unlock, soon after each change, every minute while online, after the engine's backoff
// while offline — and when the person asks. Everything QML shows about sync comes from here: online or offline,
// last synced, waiting and set-aside counts with their reasons, progress of a long first sync, the case store
// address chosen at enrollment.
#pragma once

#include "sync_engine.h"

#include <QObject>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace triad::ui {

class SyncController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Sync belongs to the session")
    Q_PROPERTY(bool configured READ configured NOTIFY changed)
    Q_PROPERTY(QString caseStoreAddress READ caseStoreAddress NOTIFY changed)
    Q_PROPERTY(bool online READ online NOTIFY changed)
    Q_PROPERTY(bool syncing READ syncing NOTIFY changed)
    Q_PROPERTY(QString stateText READ stateText NOTIFY changed)
    Q_PROPERTY(QString lastSyncedText READ lastSyncedText NOTIFY changed)
    Q_PROPERTY(int pending READ pending NOTIFY changed)
    Q_PROPERTY(int setAside READ setAside NOTIFY changed)
    Q_PROPERTY(QStringList setAsideReasons READ setAsideReasons NOTIFY changed)
    Q_PROPERTY(double progress READ progress NOTIFY changed) // 0..1 while a long pull runs, -1 otherwise
    Q_PROPERTY(QString progressText READ progressText NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    Q_PROPERTY(bool needsAttention READ needsAttention NOTIFY changed) // set-aside records, sign-in needed, a problem

public:
    explicit SyncController(QObject *parent = nullptr);
    ~SyncController() override;

    // The session was unlocked (`store` is its connection) or locked (nullptr). The worker opens its own
    // connection with a copy of the owner's identity, wiped on lock.
    void attach(store::LocalStore *store, const QString &storeDir);
    // Something was written: sync soon (changes are batched for a moment).
    void noteLocalChange();
    // For tests and tools: one attempt on the calling thread's connection, waiting for the reply.
    sync::SyncReport syncNowBlocking();

    // No further attempts until attach() (the screenshot walk-through works on a copy that must not sync).
    void suspend();

    Q_INVOKABLE void syncNow();
    Q_INVOKABLE void retrySetAside();

    bool configured() const { return !m_address.isEmpty(); }
    QString caseStoreAddress() const { return m_address; }
    bool online() const { return m_state == sync::SyncState::Synced; }
    bool syncing() const { return m_syncing; }
    QString stateText() const;
    QString lastSyncedText() const;
    int pending() const { return m_pending; }
    int setAside() const { return m_setAside; }
    QStringList setAsideReasons() const { return m_reasons; }
    double progress() const;
    QString progressText() const;
    QString message() const { return m_message; }
    bool needsAttention() const { return m_setAside > 0 || m_state == sync::SyncState::AuthRequired || m_state == sync::SyncState::Failed; }

signals:
    void changed();
    void synced(); // an attempt finished and may have brought records: views reload

private:
    void refreshCounts(bool full = true);
    void schedule(int delayMs);
    void startAttempt();
    void finished(const sync::SyncReport &report);
    void stopWorker();

    store::LocalStore *m_store = nullptr;
    QString m_storeDir;
    QString m_address;
    sync::SyncState m_state = sync::SyncState::NotConfigured;
    bool m_syncing = false;
    bool m_again = false; // a change arrived during an attempt
    int m_generation = 0; // bumped on lock/unlock: replies of an earlier session's worker are ignored
    bool m_suspended = false;
    std::int64_t m_lastSynced = 0;
    int m_pending = 0, m_setAside = 0;
    QStringList m_reasons;
    QString m_message;
    sync::SyncProgress m_progress;
    QTimer m_timer;

    struct Worker; // lives on m_thread: its store connection and engine
    QThread m_thread;
    QObject *m_context = nullptr; // on m_thread; work is queued to it
    std::shared_ptr<Worker> m_worker;
};

} // namespace triad::ui
