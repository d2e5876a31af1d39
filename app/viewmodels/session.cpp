#include "session.h"
#include "error_codes.h"

#include "role_home.h"
#include "error_text.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <sodium.h>

#include <memory>

namespace triad::ui {

Session::Session(QString storeDir, std::unique_ptr<platform::Keystore> keystore, QObject *parent)
    : QObject(parent),
      m_storeDir(std::move(storeDir)),
      m_keystore(std::move(keystore)),
      m_sync(new SyncController(this))
{
    connect(m_sync, &SyncController::changed, this, &Session::syncStatusChanged);
    // Records that arrived by sync: every view reloads (evidence too).
    connect(m_sync, &SyncController::synced, this, [this] {
        emit dataChanged();
        emit evidenceChanged();
    });
}

Session::~Session()
{
    m_sync->attach(nullptr, {}); // the worker's connection closes before the store does
}

QString Session::ownerName() const { return m_store ? QString::fromStdString(m_store->owner().displayName) : QString(); }

QString Session::syncStatusText() const
{
    const int pending = m_sync->pending();
    const QString where = m_sync->stateText();
    if (pending == 0) return tr("%1 · all changes saved on this device").arg(where);
    return tr("%1 · %n change(s) saved here, waiting to sync", "", pending).arg(where);
}

QString Session::deviceWarning() const
{
    if (!m_store) return {};
    if (const auto &problem = m_store->stateProblem()) return QString::fromStdString(*problem);
    const store::LocalStore::DirectoryStatus status = m_store->directoryStatus();
    if (status.held && status.stale)
        return tr("This device's copy of the district directory was due for renewal on %1. Sync to bring the current one; "
                  "until then Triad may stop sharing records with others. Your notes are safe.")
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(status.held->nextUpdateMs).date(), QLocale::LongFormat));
    return {};
}

void Session::setUnlockError(const QString &message)
{
    m_unlockError = message;
    emit unlockErrorChanged();
}

void Session::adopt(std::unique_ptr<store::LocalStore> store)
{
    m_store = std::move(store);
    setUnlockError({});
    m_sync->attach(m_store.get(), m_storeDir);
    emit unlockedChanged();
    notifyChanged();
}

static QString humanUnlockError(const Error &e)
{
    return ui::errorText(e);
}

QString Session::home() const
{
    if (!m_store) return {};
    // The certified roles (the district's certificate of this device's key); before enrollment, the store's own.
    const rules::Signer me = m_store->signerOf(m_store->ownerKeys().signKeyId(), nullptr, m_store->now());
    return QString::fromLatin1(homeKey(homeFor(me.standing == rules::Signer::Standing::Certified ? me.roles : m_store->owner().roles)));
}

Status Session::confirmOwner(const QString &passphrase)
{
    if (!m_store) return makeError(errc::session::kLocked, "Triad is locked.");
    return store::LocalStore::confirmOwner(m_storeDir, *m_keystore, platform::UnlockCredential::fromPassphrase(passphrase.toStdString()),
                                           m_store->ownerKeys());
}

Status Session::unlockNow(const QString &passphrase)
{
    auto opened = store::LocalStore::open(m_storeDir, *m_keystore, platform::UnlockCredential::fromPassphrase(passphrase.toStdString()));
    if (!opened) {
        setUnlockError(humanUnlockError(opened.error()));
        return opened.error();
    }
    adopt(std::move(*opened));
    return {};
}

void Session::unlock(const QString &passphrase)
{
    if (m_unlocking || m_store) return;
    if (passphrase.isEmpty()) {
        setUnlockError(tr("Type your passphrase to open your notes."));
        return;
    }
    m_unlocking = true;
    emit unlockingChanged();
    auto secret = std::make_shared<std::string>(passphrase.toStdString());
    // Argon2id runs on a worker thread so the screen stays responsive; the store is handed back to this thread.
    auto *watcher = new QFutureWatcher<Result<std::unique_ptr<store::LocalStore>> *>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        std::unique_ptr<Result<std::unique_ptr<store::LocalStore>>> result(watcher->result());
        watcher->deleteLater();
        m_unlocking = false;
        emit unlockingChanged();
        if (!*result)
            setUnlockError(humanUnlockError(result->error()));
        else
            adopt(std::move(**result));
    });
    platform::Keystore *keystore = m_keystore.get();
    const QString dir = m_storeDir;
    watcher->setFuture(QtConcurrent::run([keystore, dir, secret]() -> Result<std::unique_ptr<store::LocalStore>> * {
        auto *r = new Result<std::unique_ptr<store::LocalStore>>(
            store::LocalStore::open(dir, *keystore, platform::UnlockCredential::fromPassphrase(*secret)));
        sodium_memzero(secret->data(), secret->size());
        return r;
    }));
}

void Session::lock()
{
    if (!m_store) return;
    m_sync->attach(nullptr, {});
    m_store.reset();
    emit unlockedChanged();
}

void Session::notifyChanged()
{
    if (m_store) m_sync->noteLocalChange();
    emit syncStatusChanged();
    emit dataChanged();
}

void Session::notifyEvidenceChanged()
{
    notifyChanged();
    emit evidenceChanged();
}

} // namespace triad::ui
