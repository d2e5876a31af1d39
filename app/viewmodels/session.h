// The unlocked session: the store, who is using it, and the small status every screen shows (offline / pending
// changes). Created by main.cpp (the composition root) and handed to QML as the root's required property.
#pragma once

#include "local_store.h"
#include "sync_controller.h"
#include "triad/platform/keystore.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace triad::ui {

class Session : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The session is created by the application")
    Q_PROPERTY(bool unlocked READ unlocked NOTIFY unlockedChanged)
    Q_PROPERTY(bool unlocking READ unlocking NOTIFY unlockingChanged)
    Q_PROPERTY(QString unlockError READ unlockError NOTIFY unlockErrorChanged)
    Q_PROPERTY(QString ownerName READ ownerName NOTIFY unlockedChanged)
    Q_PROPERTY(QString storeLocation READ storeLocation CONSTANT)
    Q_PROPERTY(bool online READ online NOTIFY syncStatusChanged)
    Q_PROPERTY(int pendingChanges READ pendingChanges NOTIFY syncStatusChanged)
    Q_PROPERTY(QString syncStatusText READ syncStatusText NOTIFY syncStatusChanged)
    // A sentence about this device that the person must see, or empty: settings changed while Triad was closed
    // (LocalStore::stateProblem), or a district directory past its renewal.
    Q_PROPERTY(QString deviceWarning READ deviceWarning NOTIFY syncStatusChanged)
    Q_PROPERTY(triad::ui::SyncController *sync READ sync CONSTANT)
    // Which home opens after unlock, by the owner's certified roles (core/role_home.h homeKey): "caseload",
    // "my_reports", "site_cases"; empty while locked.
    Q_PROPERTY(QString home READ home NOTIFY unlockedChanged)

public:
    Session(QString storeDir, std::unique_ptr<platform::Keystore> keystore, QObject *parent = nullptr);
    ~Session() override;

    // Unlocks in a worker thread (Argon2id takes a noticeable moment); unlockedChanged or unlockErrorChanged follow.
    Q_INVOKABLE void unlock(const QString &passphrase);
    // Synchronous variant for tests, tools and the screenshot command.
    Status unlockNow(const QString &passphrase);
    // Locks again: the store is closed and the keys are wiped.
    Q_INVOKABLE void lock();

    bool unlocked() const { return m_store != nullptr; }
    bool unlocking() const { return m_unlocking; }
    QString unlockError() const { return m_unlockError; }
    QString ownerName() const;
    QString storeLocation() const { return m_storeDir; }
    bool online() const { return m_sync->online(); }
    int pendingChanges() const { return m_sync->pending(); }
    QString syncStatusText() const;
    QString deviceWarning() const;
    SyncController *sync() const { return m_sync; }
    QString home() const;

    // The owner confirms a deliberate act (a signature) with their own unlock: `passphrase` must open this store's key
    // file and hold the owner's keys. Errors: "keystore.wrong_passphrase", "session.locked", ...
    Status confirmOwner(const QString &passphrase);

    store::LocalStore *store() { return m_store.get(); }

    // View models call this after writing so the status and other views refresh.
    void notifyChanged();
    // After evidence was attached (or arrived): notifyChanged() plus evidenceChanged(), so only the evidence views —
    // one per visible note — reload, not on every note saved.
    void notifyEvidenceChanged();

signals:
    void unlockedChanged();
    void unlockingChanged();
    void unlockErrorChanged();
    void syncStatusChanged();
    void dataChanged(); // something was written to the store
    void evidenceChanged();

private:
    void setUnlockError(const QString &message);
    void adopt(std::unique_ptr<store::LocalStore> store);

    QString m_storeDir;
    std::unique_ptr<platform::Keystore> m_keystore;
    std::unique_ptr<store::LocalStore> m_store;
    bool m_unlocking = false;
    QString m_unlockError;
    SyncController *m_sync; // child
};

} // namespace triad::ui
