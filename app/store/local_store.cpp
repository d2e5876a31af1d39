#include "local_store.h"

#include "district_policy.h"
#include "evidence.h"
#include "key_backup.h"
#include "migrations.h"
#include "sealed_record.h"
#include "store_internal.h"
#include "sync_queue.h"
#include "error_codes.h"

#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace triad::store {

using detail::bytesOf;
using detail::idFromBlob;
using detail::idSpan;
using detail::metaValue;
using detail::toQByteArray;
using detail::trimmed;

namespace {

constexpr const char *kDatabaseFile = "triad.db";
constexpr const char *kKeyFile = "identity.key";
// What the keystore wraps in identity.key: the identity secret (Identity::exportSecret, 97 bytes), then one byte
// saying the store carries a state seal (docs/security.md "Local state"). A key file from before seals holds the
// identity secret alone. The byte cannot be changed without the credential, so a store whose seal was deleted (and
// its format row set back) is not taken for an old store to be sealed afresh.
constexpr std::size_t kIdentitySecretBytes = 1 + crypto_sign_SECRETKEYBYTES + crypto_box_SECRETKEYBYTES;
constexpr std::uint8_t kKeyPayloadSealed = 1;

Result<std::vector<std::uint8_t>> wrapKeyPayload(platform::Keystore &keystore, const platform::UnlockCredential &credential,
                                                 const crypto::Identity &identity)
{
    const crypto::SecureBuffer secret = identity.exportSecret();
    crypto::SecureBuffer payload(secret.size() + 1);
    std::copy(secret.span().begin(), secret.span().end(), payload.data());
    payload.data()[secret.size()] = kKeyPayloadSealed;
    return keystore.wrap(payload.span(), credential);
}

// Write to a temporary file, fsync, rename over the target, fsync the directory: the key file is either the old
// one or the new one after a crash, never half of each.
Status writeFileDurably(const QString &path, std::span<const std::uint8_t> bytes)
{
    const QByteArray target = QFile::encodeName(path);
    const QByteArray tmp = target + ".tmp";
    const int fd = ::open(tmp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return makeError(errc::store::kIo, "Cannot write " + path.toStdString() + ".");
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n <= 0) {
            ::close(fd);
            ::unlink(tmp.constData());
            return makeError(errc::store::kIo, "Cannot write " + path.toStdString() + " (disk full?).");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0 || ::rename(tmp.constData(), target.constData()) != 0) {
        ::unlink(tmp.constData());
        return makeError(errc::store::kIo, "Cannot save " + path.toStdString() + ".");
    }
    const QByteArray dir = QFile::encodeName(QFileInfo(path).absolutePath());
    if (const int dfd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

// Seals `payload` (wiped afterwards, sealed or not) as the record `id` of `type` to `readers`.
Result<crypto::Bytes> sealPayload(const crypto::Identity &identity, const std::vector<crypto::PublicIdentity> &readers, RecordType type,
                                  const RecordId &id, const std::optional<RecordId> &caseId, const std::optional<RecordId> &linkId,
                                  std::int64_t createdAt, QByteArray &payload)
{
    crypto::SealRequest req;
    req.type = static_cast<std::uint16_t>(type);
    req.id = id;
    req.createdAtMs = createdAt;
    req.plaintext = bytesOf(payload);
    req.readers = readers;
    req.caseId = caseId;
    req.linkId = linkId;
    auto sealed = crypto::seal(identity, req);
    sodium_memzero(payload.data(), static_cast<std::size_t>(payload.size()));
    return sealed;
}

} // namespace

std::int64_t systemClockMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString LocalStore::databasePath(const QString &dir) { return QDir(dir).filePath(QLatin1String(kDatabaseFile)); }
QString LocalStore::keyFilePath(const QString &dir) { return QDir(dir).filePath(QLatin1String(kKeyFile)); }
bool LocalStore::exists(const QString &dir) { return QFileInfo::exists(databasePath(dir)) || QFileInfo::exists(keyFilePath(dir)); }

LocalStore::LocalStore(std::unique_ptr<Database> db, crypto::Identity identity, Use use)
    : m_db(std::move(db)),
      m_identity(std::move(identity)),
      m_stateMacKey(m_identity.localKey(crypto::LocalKeyPurpose::StateMac)),
      m_receiptMacKey(m_identity.localKey(crypto::LocalKeyPurpose::ReceiptMac)),
      m_personTagger(m_identity),
      m_checkedTagger(m_identity)
{
    // No note save waits for a checkpoint (docs/storage.md "Checkpoints"). Should the second connection fail to
    // open, SQLite's own autocheckpoint stays on: the same durability, checkpoints inside some commits.
    if (use == Use::Writes) (void)m_db->checkpointInBackground();
}

LocalStore::~LocalStore() {}

Status LocalStore::create(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential,
                          const CreateOptions &options, Clock clock)
{
    return createStore(dir, keystore, credential, options, crypto::Identity::generate(), RecordId::generate(), std::move(clock), false);
}

Status LocalStore::createRestored(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential,
                                  const CreateOptions &options, const crypto::Identity &identity, const RecordId &personId, Clock clock)
{
    return createStore(dir, keystore, credential, options, identity, personId, std::move(clock), true);
}

Status LocalStore::createStore(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential,
                               const CreateOptions &options, const crypto::Identity &identity, const RecordId &personId, Clock clock, bool restoring)
{
    if (exists(dir)) return makeError(errc::store::kExists, "A Triad store already exists in " + dir.toStdString() + "; nothing was changed.");
    if (trimmed(options.ownerName).empty()) return makeError(errc::input::kEmpty, "The owner's name is empty.");
    if (!QDir().mkpath(dir)) return makeError(errc::store::kIo, "Cannot create the directory " + dir.toStdString() + ".");

    auto wrapped = wrapKeyPayload(keystore, credential, identity);
    if (!wrapped) return wrapped.error();

    auto db = Database::open(databasePath(dir).toStdString(), true);
    if (!db) return db.error();
    if (auto s = migrate(**db); !s) return s;

    const RecordId deviceId = RecordId::generate();
    {
        Transaction tx(**db);
        if (auto s = tx.begin(); !s) return s;
        auto put = (*db)->prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
        if (!put) return put.error();
        const crypto::Bytes pub = identity.publicIdentity().serialize();
        const std::pair<const char *, std::vector<std::uint8_t>> rows[] = {
            {"format", std::vector<std::uint8_t>(seal::kSealedFormat, seal::kSealedFormat + std::strlen(seal::kSealedFormat))},
            {"owner_person_id", std::vector<std::uint8_t>(personId.bytes.begin(), personId.bytes.end())},
            {"owner_public_keys", pub},
            {"device_id", std::vector<std::uint8_t>(deviceId.bytes.begin(), deviceId.bytes.end())},
        };
        for (const auto &[key, value] : rows)
            if (auto s = (*put)->reset().bind(1, std::string(key)).bind(2, value).run(); !s) return s;
        if (auto s = seal::reseal(**db, identity.localKey(crypto::LocalKeyPurpose::StateMac), seal::Written::Anything); !s) return s;
        if (auto s = tx.commit(); !s) return s;
    }
    // The key file last: a store without one is reported as "not initialised" and can be re-created.
    if (auto s = writeFileDurably(keyFilePath(dir), *wrapped); !s) return s;

    auto store = open(dir, keystore, credential, std::move(clock));
    if (!store) return store.error();
    // A restored device is another device of a person who already exists: their person record (its id is the
    // person id) comes with their records by sync. Writing a second one here would be a second record under the
    // same id — a conflict on the case store.
    if (restoring) return {};
    Person owner{personId, trimmed(options.ownerName), options.employeeId, options.roles, {}};
    return (*store)->writeRecord(RecordType::Person, owner.id, std::nullopt, std::nullopt, (*store)->now(), encodePayload(owner));
}

Status LocalStore::confirmOwner(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential,
                                const crypto::PublicIdentity &expected)
{
    QFile keyFile(keyFilePath(dir));
    if (!keyFile.open(QIODevice::ReadOnly))
        return makeError(errc::store::kNotInitialised, "The key file of this store cannot be read, so the signature cannot be confirmed.");
    auto secret = keystore.unwrap(bytesOf(keyFile.readAll()), credential);
    if (!secret) return secret.error();
    std::span<const std::uint8_t> identitySecret = secret->span();
    if (identitySecret.size() == kIdentitySecretBytes + 1) identitySecret = identitySecret.first(kIdentitySecretBytes);
    auto identity = crypto::Identity::importSecret(identitySecret);
    if (!identity) return identity.error();
    if (identity->publicIdentity().signPublicKey != expected.signPublicKey)
        return makeError(errc::store::kKeyMismatch, "The key file does not hold this person's keys.");
    return {};
}

Result<std::unique_ptr<LocalStore>> LocalStore::open(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential,
                                                     Clock clock)
{
    QFile keyFile(keyFilePath(dir));
    if (!QFileInfo::exists(databasePath(dir)) || !keyFile.exists())
        return makeError(errc::store::kNotInitialised, "There is no Triad store in " + dir.toStdString()
                                                      + " (expected triad.db and identity.key). Create one with "
                                                        "`triadctl --store "
                                                      + dir.toStdString() + " init`.");
    if (!keyFile.open(QIODevice::ReadOnly)) return makeError(errc::store::kIo, "Cannot read the key file " + keyFile.fileName().toStdString() + ".");
    const QByteArray blob = keyFile.readAll();
    auto secret = keystore.unwrap(bytesOf(blob), credential);
    if (!secret) {
        Error e = secret.error();
        if (e.code == errc::keystore::kCorrupt)
            e.message = "The key file " + keyFile.fileName().toStdString() + " is damaged: " + e.message
                        + " Restore it from a backup; the notes cannot be opened without it.";
        return e;
    }
    std::span<const std::uint8_t> identitySecret = secret->span();
    bool sealExpected = false;
    if (identitySecret.size() == kIdentitySecretBytes + 1) {
        sealExpected = identitySecret.back() == kKeyPayloadSealed;
        identitySecret = identitySecret.first(kIdentitySecretBytes);
    }
    auto identity = crypto::Identity::importSecret(identitySecret);
    if (!identity) return identity.error();

    auto db = Database::open(databasePath(dir).toStdString(), false);
    if (!db) return db.error();
    // The seal is checked before migrations run: a schema version set back would make them run again.
    auto verdict = seal::verify(**db, identity->localKey(crypto::LocalKeyPurpose::StateMac));
    if (!verdict) return verdict.error();
    auto schemaBefore = schemaVersion(**db);
    if (!schemaBefore) return schemaBefore.error();
    if (verdict->downgraded && *verdict->schema <= kSchemaVersion) // put back what the seal proves; reported below
        if (auto s = (*db)->exec("PRAGMA user_version = " + std::to_string(*verdict->schema)); !s) return s.error();
    if (auto s = migrate(**db); !s) return s.error();
    auto schemaAfter = schemaVersion(**db);
    if (!schemaAfter) return schemaAfter.error();

    std::unique_ptr<LocalStore> store(new LocalStore(std::move(*db), std::move(*identity)));
    store->m_clock = std::move(clock);
    if (auto s = store->loadMeta(); !s) return s.error(); // a store without its settings is refused before sealing
    if (auto s = store->checkSeal(*verdict, sealExpected, *schemaAfter != *schemaBefore); !s) return s.error();
    if (auto s = store->loadDirectory(); !s) return s.error();
    // A store sealed now (or by a run that stopped before this step) gets the key file that says so. If writing it
    // fails, the next unlock tries again: the seal itself is in place.
    if (!sealExpected && !store->m_stateProblem)
        if (auto wrapped = wrapKeyPayload(keystore, credential, store->m_identity)) (void)writeFileDurably(keyFilePath(dir), *wrapped);
    return store;
}

Result<std::unique_ptr<LocalStore>> LocalStore::openSecondary(const QString &dir, crypto::Identity identity, Clock clock, Use use)
{
    if (!QFileInfo::exists(databasePath(dir))) return makeError(errc::store::kNotInitialised, "There is no Triad store in " + dir.toStdString() + ".");
    auto db = Database::open(databasePath(dir).toStdString(), false);
    if (!db) return db.error();
    if (auto s = migrate(**db); !s) return s.error(); // a no-op: the first connection migrated it
    std::unique_ptr<LocalStore> store(new LocalStore(std::move(*db), std::move(identity), use));
    store->m_clock = std::move(clock);
    // The first connection sealed the store when it unlocked it: a missing seal here is tampering too.
    auto verdict = seal::verify(*store->m_db, store->m_stateMacKey);
    if (!verdict) return verdict.error();
    if (auto s = store->loadMeta(); !s) return s.error();
    if (auto s = store->checkSeal(*verdict, true, false); !s) return s.error();
    if (auto s = store->loadDirectory(); !s) return s.error();
    return store;
}

Status LocalStore::checkSeal(const seal::Verdict &verdict, bool sealExpected, bool schemaChanged)
{
    if (!verdict.present && !sealExpected && !verdict.sealedFormat) return sealFirstTime(); // the one-time window
    if (!verdict.ok()) {
        m_stateProblem = seal::problemSentence(verdict);
        m_stateProblemParts = verdict.present ? verdict.mismatched : std::vector<std::string>{"seal"};
        return {};
    }
    if (schemaChanged) return writeSealedState([] { return Status{}; }, seal::Written::Anything); // every tag names the schema
    return {};
}

// A store from before seals, at its first unlock by this version: the device token moves to its own key and format
// (SyncQueue::migrateTokenFormat), the format row says the store is sealed, and the seal is written, in one
// transaction. Whatever the files held at that moment is what gets sealed (docs/security.md "Local state").
Status LocalStore::sealFirstTime()
{
    return writeSealedState([this]() -> Status {
        if (auto s = SyncQueue(*this).migrateTokenFormat(); !s) return s;
        auto put = m_db->cached("INSERT INTO meta (key, value) VALUES ('format', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        if (!put) return put.error();
        const std::string_view format = seal::kSealedFormat;
        return (*put)->bind(1, std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(format.data()), format.size())).run();
    }, seal::Written::Anything);
}

Status LocalStore::stateWritable() const
{
    if (m_stateProblem) return makeError(errc::state::kTampered, *m_stateProblem);
    return {};
}

Status LocalStore::writeSealedState(const std::function<Status()> &write, seal::Written written)
{
    if (auto s = stateWritable(); !s) return s;
    if (!sqlite3_get_autocommit(m_db->handle())) { // inside the caller's transaction
        if (auto s = seal::checkBeforeWrite(*m_db, m_stateMacKey, written); !s) return s;
        if (auto s = write(); !s) return s;
        return seal::reseal(*m_db, m_stateMacKey, written);
    }
    Transaction tx(*m_db);
    if (auto s = tx.begin(); !s) return s;
    if (auto s = seal::checkBeforeWrite(*m_db, m_stateMacKey, written); !s) return s;
    if (auto s = write(); !s) return s;
    if (auto s = seal::reseal(*m_db, m_stateMacKey, written); !s) return s;
    return tx.commit();
}

Status LocalStore::loadMeta()
{
    auto st = m_db->cached("SELECT key, value FROM meta");
    if (!st) return st.error();
    std::map<std::string, std::vector<std::uint8_t>> meta;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        meta[(*st)->columnText(0)] = (*st)->columnBlob(1);
    }
    for (const char *key : {"format", "owner_person_id", "owner_public_keys", "device_id"})
        if (!meta.count(key)) return makeError(errc::store::kCorrupt, std::string("The store's settings are incomplete (no '") + key + "').");
    auto pub = crypto::PublicIdentity::deserialize(meta["owner_public_keys"]);
    if (!pub || !(*pub == m_identity.publicIdentity()))
        return makeError(errc::store::kKeyMismatch, "The key file does not belong to this store's database.");
    m_owner.id = idFromBlob(meta["owner_person_id"]);
    m_deviceId = idFromBlob(meta["device_id"]).toString();

    // The owner's display name lives in their sealed person record (absent only while create() is running).
    auto ownerRow = m_db->cached("SELECT body FROM records WHERE id = ? AND type = " + sqlType(RecordType::Person));
    if (!ownerRow) return ownerRow.error();
    (*ownerRow)->bind(1, idSpan(m_owner.id));
    auto row = (*ownerRow)->step();
    if (!row) return row.error();
    if (*row) {
        auto payload = openRecord((*ownerRow)->columnBlob(0), m_owner.id, RecordType::Person);
        if (!payload) return payload.error();
        auto person = decodePerson(*payload);
        if (!person) return person.error();
        m_owner = *person;
    }
    return {};
}

crypto::AuthorLookup LocalStore::authorLookup() const
{
    // Enrolled: only authors the pinned district certified and has not revoked.
    if (m_directory) return m_directory->authorLookup(m_clock());
    // Until the district key directory arrives, the only author a device trusts is its owner.
    const crypto::PublicIdentity self = m_identity.publicIdentity();
    return [self](const crypto::KeyId &id) -> std::optional<crypto::PublicIdentity> {
        if (id == self.signKeyId()) return self;
        return std::nullopt;
    };
}

Status LocalStore::writeRecord(RecordType type, const RecordId &id, const std::optional<RecordId> &caseId,
                               const std::optional<RecordId> &observationId, std::int64_t createdAt, QByteArray payload,
                               const std::function<Status()> &alsoInTransaction)
{
    return writeRecordFor({m_identity.publicIdentity()}, type, id, caseId, observationId, createdAt, std::move(payload), alsoInTransaction);
}

Status LocalStore::mayShareWith(const std::vector<crypto::PublicIdentity> &readers, const std::optional<RecordId> &caseId) const
{
    const crypto::KeyId self = m_identity.publicIdentity().signKeyId();
    if (std::all_of(readers.begin(), readers.end(), [&](const crypto::PublicIdentity &r) { return r.signKeyId() == self; })) return {};
    const DirectoryStatus status = directoryStatus();
    if (!status.held || !status.stale) return {};
    // The case's district policy says how stale is too stale (its shipped default when the case is not held here).
    int maxStaleDays = policy::RecordsPolicy::kDefaultDirectoryMaxStaleDays;
    if (caseId)
        if (auto c = caseForJudging(*caseId); c && !c->districtPolicyId.empty())
            if (auto p = policy::builtinPolicy(QString::fromStdString(c->districtPolicyId))) maxStaleDays = p->records.directoryMaxStaleDays;
    const rules::Decision verdict = rules::judgeSealingToOthers(status.held->nextUpdateMs, now(), maxStaleDays);
    if (!verdict) return makeError(verdict.code, verdict.reason);
    return {};
}

Status LocalStore::writeRecordFor(const std::vector<crypto::PublicIdentity> &readers, RecordType type, const RecordId &id,
                                  const std::optional<RecordId> &caseId, const std::optional<RecordId> &observationId, std::int64_t createdAt,
                                  QByteArray payload, const std::function<Status()> &alsoInTransaction)
{
    return writeSealed(m_identity, readers, type, id, caseId, observationId, createdAt, std::move(payload), alsoInTransaction);
}

Status LocalStore::writeRecordSignedBy(const crypto::Identity &author, const std::vector<crypto::PublicIdentity> &readers, RecordType type,
                                       const RecordId &id, const std::optional<RecordId> &caseId, const std::optional<RecordId> &observationId,
                                       std::int64_t createdAt, QByteArray payload)
{
    return writeSealed(author, readers, type, id, caseId, observationId, createdAt, std::move(payload), {});
}

Status LocalStore::writeSealed(const crypto::Identity &signer, const std::vector<crypto::PublicIdentity> &readers, RecordType type, const RecordId &id,
                               const std::optional<RecordId> &caseId, const std::optional<RecordId> &observationId, std::int64_t createdAt,
                               QByteArray payload, const std::function<Status()> &alsoInTransaction)
{
    if (auto s = mayShareWith(readers, caseId); !s) {
        sodium_memzero(payload.data(), static_cast<std::size_t>(payload.size()));
        return s;
    }
    // The routing ids travel signed inside the header, so no case store can move the record elsewhere.
    auto sealed = sealPayload(signer, readers, type, id, caseId, observationId, createdAt, payload);
    if (!sealed) return sealed.error();

    Transaction tx(*m_db);
    if (auto s = tx.begin(); !s) return s;
    const crypto::KeyId author = signer.publicIdentity().signKeyId();
    auto insertRecord = m_db->cached("INSERT INTO records (id, type, case_id, observation_id, created_at, author_key, body, checked_tag) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insertRecord) return insertRecord.error();
    Statement &ins = **insertRecord;
    ins.bind(1, idSpan(id)).bind(2, static_cast<std::int64_t>(type));
    if (caseId)
        ins.bind(3, idSpan(*caseId));
    else
        ins.bindNull(3);
    if (observationId)
        ins.bind(4, idSpan(*observationId));
    else
        ins.bindNull(4);
    // Signed here: its signature is this store's own doing, so it is tagged as checked (docs/security.md "Checked tags").
    const crypto::RecordTag checked = m_checkedTagger.tag(*sealed);
    ins.bind(5, createdAt).bind(6, std::span<const std::uint8_t>(author)).bind(7, *sealed).bind(8, std::span<const std::uint8_t>(checked));
    if (auto s = ins.run(); !s) return s;
    // Sealed here by this person: tagged for their other devices as it is sealed (docs/security.md "Same-person tags").
    auto insertOutbox = m_db->cached("INSERT INTO outbox (record_seq, enqueued_at, person_tag) VALUES (?, ?, ?)");
    if (!insertOutbox) return insertOutbox.error();
    (*insertOutbox)->bind(1, sqlite3_last_insert_rowid(m_db->handle())).bind(2, createdAt);
    if (signer.publicIdentity() == m_identity.publicIdentity()) {
        const crypto::PersonTag tag = m_personTagger.tag(*sealed);
        (*insertOutbox)->bind(3, std::span<const std::uint8_t>(tag));
    } else {
        (*insertOutbox)->bindNull(3);
    }
    if (auto s = (*insertOutbox)->run(); !s) return s;
    if (alsoInTransaction)
        if (auto s = alsoInTransaction(); !s) return s;
    return tx.commit();
}

Result<crypto::Bytes> LocalStore::sealForOwner(RecordType type, const RecordId &id, std::int64_t createdAt, QByteArray payload) const
{
    return sealPayload(m_identity, {m_identity.publicIdentity()}, type, id, std::nullopt, std::nullopt, createdAt, payload);
}

Result<bool> LocalStore::holds(const RecordId &id, RecordType type)
{
    auto st = m_db->cached("SELECT 1 FROM records WHERE id = ? AND type = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(id)).bind(2, static_cast<std::int64_t>(type));
    auto row = (*st)->step();
    (*st)->reset();
    return row;
}

Result<std::optional<LocalStore::HeldRecord>> LocalStore::heldRecord(const RecordId &id)
{
    auto st = m_db->cached("SELECT type, body FROM records WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(id));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<HeldRecord>{};
    const auto type = recordTypeFromNumber(static_cast<std::uint16_t>((*st)->columnInt(0)));
    if (!type) return makeError(errc::store::kCorrupt, "Record " + id.toString() + " has a record type this version does not know.");
    return std::optional<HeldRecord>(HeldRecord{*type, (*st)->columnBlob(1)});
}

Result<QByteArray> LocalStore::openRecord(std::span<const std::uint8_t> body, const RecordId &id, RecordType type) const
{
    // The tag kept beside the record held under this id; none (a record from before schema 16, a failed read) leaves
    // the record to its signature, as does a tag of other bytes. A draft is not among the records: nothing to read.
    std::vector<std::uint8_t> tag;
    if (isDraft(type)) return openRecord(body, id, type, tag);
    if (auto st = m_db->cached("SELECT checked_tag FROM records WHERE id = ?")) {
        (*st)->bind(1, idSpan(id));
        if (auto row = (*st)->step(); row && *row && !(*st)->columnIsNull(0)) tag = (*st)->columnBlob(0);
        (*st)->reset();
    }
    return openRecord(body, id, type, tag);
}

Result<QByteArray> LocalStore::openRecord(std::span<const std::uint8_t> body, const RecordId &id, RecordType type,
                                          std::span<const std::uint8_t> checkedTag) const
{
    // The district records key authors recovery grants and nothing else (rules::judgeWrite).
    if (m_directory && type != RecordType::KeyGrant)
        if (auto h = crypto::parseHeader(body); h && h->authorKeyId == m_directory->district().recordsReader().signKeyId())
            return makeError(errc::record::kUnknownAuthor, std::string("The ") + recordTypeName(type) + " record " + id.toString()
                                                          + " is signed by the district records key, which writes only recovery grants.");
    auto opened = crypto::open(body, m_identity, authorLookup(), checkedTag, m_checkedTagger, id, static_cast<std::uint16_t>(type));
    // Shared with us later by a key grant (after a signature, on consent, on reassignment)? Case updates and
    // acknowledgements are sealed to everyone who reads them and are never granted.
    if (!opened && opened.error().code == errc::record::kNotAReader && type != RecordType::KeyGrant && type != RecordType::CaseUpdate
        && type != RecordType::Acknowledgement)
        if (auto granted = openGranted(body, id, type)) opened = std::move(granted->record);
    if (!opened) {
        Error e = opened.error();
        e.message = std::string("The ") + recordTypeName(type) + " record " + id.toString() + " cannot be opened: " + e.message;
        return e;
    }
    return toQByteArray(opened->plaintext.span());
}

rules::Signer LocalStore::signerOf(const crypto::KeyId &authorKey, const ParCase *parCase, std::int64_t writtenAtMs) const
{
    using Standing = rules::Signer::Standing;
    rules::Signer s;
    if (!m_directory) {
        // Before enrollment the only author a device trusts is its owner.
        if (authorKey != m_identity.publicIdentity().signKeyId()) return s;
        s.standing = Standing::OwnerUnenrolled;
        s.personId = m_owner.id;
        if (parCase) {
            if (m_owner.id == parCase->teacherId) s.caseRoles.insert(CaseRole::Teacher);
            if (m_owner.id == parCase->mentorAt(writtenAtMs)) s.caseRoles.insert(CaseRole::Mentor);
            if (m_owner.id == parCase->administratorId) s.caseRoles.insert(CaseRole::SiteAdministrator);
        }
        return s;
    }
    if (authorKey == m_directory->district().recordsReader().signKeyId()) {
        s.standing = Standing::DistrictRecordsKey;
        return s;
    }
    auto cert = m_directory->certificateForSigner(authorKey, m_clock());
    if (!cert) {
        s.standing = cert.error().code == errc::certificate::kRevoked ? Standing::Revoked : Standing::Uncertified;
        return s;
    }
    s.standing = Standing::Certified;
    s.personId = cert->personId;
    s.roles = cert->roles;
    s.caseRoles = programRolesOf(cert->roles);
    if (parCase) {
        if (s.personId == parCase->teacherId) s.caseRoles.insert(CaseRole::Teacher);
        if (s.personId == parCase->mentorAt(writtenAtMs)) s.caseRoles.insert(CaseRole::Mentor);
        if (s.personId == parCase->administratorId) s.caseRoles.insert(CaseRole::SiteAdministrator);
    }
    return s;
}

rules::Decision LocalStore::judgeRecord(rules::RecordKind kind, std::span<const std::uint8_t> body, const ParCase *parCase,
                                        const rules::Claims &claims) const
{
    auto header = crypto::parseHeader(body);
    if (!header) return {false, header.error().code, header.error().message};
    const rules::Signer signer = signerOf(header->authorKeyId, parCase, header->createdAtMs);
    return rules::judgeWrite(kind, parCase ? parCase->kind : CaseKind::Volunteer, signer, claims);
}

// Case updates are applied in the order written (signed time, then record id, the same on every device), each only
// if the rules let its signer write it at that point: a reassignment by the case's mentor of the moment or a director
// of induction; an end of participation by the teacher of a volunteer, beginning or intern case.
Status LocalStore::applyCaseUpdates(std::vector<ParCase> &cases) const
{
    if (cases.empty()) return {};
    auto st = m_db->cached("SELECT id, body FROM records WHERE type = ? ORDER BY created_at, id");
    if (!st) return st.error();
    (*st)->bind(1, static_cast<std::int64_t>(RecordType::CaseUpdate));
    std::vector<std::pair<RecordId, std::vector<std::uint8_t>>> rows;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        rows.emplace_back(idFromBlob((*st)->columnBlob(0)), (*st)->columnBlob(1));
    }
    (*st)->reset();
    for (const auto &[id, body] : rows) {
        auto payload = openRecord(body, id, RecordType::CaseUpdate);
        if (!payload) continue; // not shared with this person, or refused: it changes nothing here
        auto update = decodeCaseUpdate(*payload);
        if (!update) continue;
        auto c = std::find_if(cases.begin(), cases.end(), [&](const ParCase &x) { return x.id == update->caseId; });
        if (c == cases.end()) continue;
        auto header = crypto::parseHeader(body);
        if (!header) continue;
        if (update->newMentorId && judgeRecord(rules::RecordKind::Reassignment, body, &*c, {})) {
            // The first mentor of a referral is its enrolment (seed 001's "For Office Use Only: Date enrolled in PAR,
            // Mentor"): the case becomes active then; it had no mentor before.
            if (c->mentorId.isNull()) {
                if (c->status == CaseStatus::Referral) c->status = CaseStatus::Active;
                c->enrolledAtMs = header->createdAtMs;
            } else {
                c->formerMentors.push_back({c->mentorId, header->createdAtMs});
            }
            c->mentorId = *update->newMentorId;
        }
        if (update->status == CaseStatus::Withdrawn && c->status != CaseStatus::Withdrawn
            && judgeRecord(rules::RecordKind::EndOfParticipation, body, &*c, {})) {
            c->status = CaseStatus::Withdrawn;
            c->withdrawnAtMs = header->createdAtMs; // the first end counts (rows in written order)
            c->withdrawalId = id;
        }
    }
    return {};
}

Result<LocalStore::GrantedRecord> LocalStore::openGranted(std::span<const std::uint8_t> body, const RecordId &id, RecordType type) const
{
    const Error none = makeError(errc::record::kNotAReader, "This record was not shared with you.");
    auto header = crypto::parseHeader(body);
    if (!header || !m_directory) return none;
    // The type spelled in the text: SQLite then uses the partial index records_by_link (schema v12).
    auto st = m_db->cached("SELECT id, body, case_id FROM records WHERE type = " + sqlType(RecordType::KeyGrant)
                           + " AND observation_id = ? ORDER BY created_at, id");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(id));
    struct Held {
        RecordId id;
        std::vector<std::uint8_t> body;
        std::optional<RecordId> caseId;
    };
    std::vector<Held> grants;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        grants.push_back({idFromBlob((*st)->columnBlob(0)), (*st)->columnBlob(1),
                          (*st)->columnIsNull(2) ? std::nullopt : std::optional(idFromBlob((*st)->columnBlob(2)))});
    }
    // The granted record's author, for "an author may share their own record".
    RecordId recordAuthor;
    if (auto cert = m_directory->certificateForSigner(header->authorKeyId, m_clock())) recordAuthor = cert->personId;
    // Grants of one record usually name one case: it is loaded (and its updates applied) once, not once per grant.
    std::map<RecordId, std::optional<ParCase>> cases;
    Error last = none;
    // Every grant is tried: one that is forged, misdirected, from someone not entitled or carrying a wrong key is
    // passed over, never taken for the answer, so a bad grant cannot hide a good one.
    for (const Held &g : grants) {
        auto opened = crypto::open(g.body, m_identity, authorLookup(), g.id, static_cast<std::uint16_t>(RecordType::KeyGrant));
        if (!opened) continue;
        auto grant = decodeKeyGrant(toQByteArray(opened->plaintext.span()));
        if (!grant || grant->recordId != id) continue;
        crypto::ContentKey key;
        std::copy(grant->contentKey.begin(), grant->contentKey.end(), key.data());
        // The key must be the record's own (its commitment, then its authenticated decryption).
        auto record = crypto::openWithContentKey(body, key, authorLookup(), id, static_cast<std::uint16_t>(type));
        if (!record) {
            last = record.error();
            continue;
        }
        // The granter must be entitled to grant this record, judged in the granted record's case as it stood when
        // the grant was written.
        std::optional<rules::RecordKind> kind = rules::kindOfRecordType(type);
        std::optional<ParCase> parCase;
        if (type == RecordType::ParCase) {
            auto decoded = decodeParCase(toQByteArray(record->plaintext.span()));
            if (decoded) parCase = std::move(*decoded);
        } else {
            const std::optional<RecordId> caseId = grant->caseId ? grant->caseId : g.caseId;
            if (caseId) {
                auto c = cases.find(*caseId);
                if (c == cases.end()) c = cases.emplace(*caseId, caseForJudging(*caseId)).first;
                parCase = c->second;
            }
        }
        if (type == RecordType::Document)
            if (auto d = decodeDocument(toQByteArray(record->plaintext.span()))) kind = rules::kindOfDocument(d->type);
        if (!kind) continue;
        // A reader outside the case (the panel, a teacher recovering referred records) may not hold the case record:
        // then the granter stands on its certificate alone — the record's author, program staff, or the district
        // records key, which only ever holds keys the rules sealed to it (referred records).
        const rules::Signer granter = signerOf(opened->header.authorKeyId, parCase ? &*parCase : nullptr, opened->header.createdAtMs);
        auto verdict = rules::judgeGrant(*kind, parCase ? parCase->kind : CaseKind::Referred, granter, recordAuthor);
        if (!verdict) {
            last = makeError(verdict.code, verdict.reason);
            continue;
        }
        return GrantedRecord{std::move(*record), std::move(key)};
    }
    return last;
}

Status LocalStore::grantRecords(const std::vector<RecordId> &ids, const std::vector<crypto::PublicIdentity> &to, const RecordId &caseId,
                                std::optional<std::int64_t> at)
{
    for (const RecordId &id : ids) {
        auto st = m_db->cached("SELECT body, type FROM records WHERE id = ?");
        if (!st) return st.error();
        (*st)->bind(1, idSpan(id));
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) return makeError(errc::record::kUnknown, "There is no record " + id.toString() + " here.");
        const auto body = (*st)->columnBlob(0);
        const auto type = static_cast<RecordType>((*st)->columnInt(1));
        (*st)->reset();
        auto header = crypto::parseHeader(body);
        if (!header) return header.error();
        std::optional<crypto::ContentKey> key;
        if (auto direct = crypto::unwrapContentKey(body, m_identity, authorLookup()))
            key.emplace(std::move(*direct));
        else if (auto granted = openGranted(body, id, type))
            key.emplace(std::move(granted->key));
        if (!key) continue; // not ours to give
        KeyGrant grant{id, caseId, {}};
        std::copy(key->data(), key->data() + grant.contentKey.size(), grant.contentKey.begin());
        QByteArray payload = encodePayload(grant);
        sodium_memzero(grant.contentKey.data(), grant.contentKey.size());
        const std::int64_t grantedAt = at.value_or(now());
        if (auto s = writeRecordFor(to, RecordType::KeyGrant, RecordId::generateTimeOrdered(grantedAt), caseId, id, grantedAt, payload); !s) return s;
    }
    return {};
}

Result<std::vector<ParCase>> LocalStore::judgedCases(const std::optional<RecordId> &only) const
{
    auto st =
        m_db->cached(only ? "SELECT id, body FROM records WHERE type = ? AND id = ?" : "SELECT id, body FROM records WHERE type = ? ORDER BY seq");
    if (!st) return st.error();
    (*st)->bind(1, static_cast<std::int64_t>(RecordType::ParCase));
    if (only) (*st)->bind(2, idSpan(*only));
    std::vector<ParCase> list;
    const std::vector<std::string> adopted = adoptedPolicies();
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        const RecordId id = idFromBlob((*st)->columnBlob(0));
        const auto body = (*st)->columnBlob(1);
        auto payload = openRecord(body, id, RecordType::ParCase);
        // Records held for others (received from another device, sealed to other readers) are not ours to list.
        if (!payload && payload.error().code == errc::record::kNotAReader) continue;
        if (!payload) return payload.error();
        auto c = decodeParCase(*payload);
        if (!c) return c.error();
        // A case record that its signer was not entitled to write (rules::judgeWrite) is not a case here.
        if (c->id != id || !judgeRecord(rules::RecordKind::Case, body, &*c, rules::Claims::caseNaming(*c))) continue;
        // Nor is one under a policy its district has not adopted.
        if (!rules::judgeCasePolicy(c->policyId(), adopted)) continue;
        list.push_back(std::move(*c));
    }
    if (auto s = applyCaseUpdates(list); !s) return s.error();
    return list;
}

std::vector<std::string> LocalStore::adoptedPolicies() const
{
    if (!m_directory || !m_directory->heldDirectory()) return {};
    return m_directory->heldDirectory()->adoptedPolicies;
}

std::optional<ParCase> LocalStore::caseForJudging(const RecordId &caseId) const
{
    auto list = judgedCases(caseId);
    if (!list || list->empty()) return std::nullopt;
    return list->front();
}

Result<std::vector<RecordId>> LocalStore::matchIds(RecordType type, const std::string &typed)
{
    std::string lower;
    for (char c : typed) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    auto st = m_db->cached("SELECT id FROM records WHERE type = ? ORDER BY seq");
    if (!st) return st.error();
    (*st)->bind(1, static_cast<std::int64_t>(type));
    std::vector<RecordId> out;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        const RecordId id = idFromBlob((*st)->columnBlob(0));
        const std::string text = id.toString();
        const bool atEnd = text.size() >= lower.size() && text.compare(text.size() - lower.size(), lower.size(), lower) == 0;
        if (text.rfind(lower, 0) == 0 || atEnd) out.push_back(id);
    }
    return out;
}

Result<std::int64_t> LocalStore::pendingOutboxCount() { return m_db->cachedInt("SELECT COUNT(*) FROM outbox"); }

std::optional<RecordId> LocalStore::noteSignerPerson(const RecordId &noteId, const ParCase *parCase) const
{
    auto st = m_db->cached("SELECT body FROM records WHERE id = ? AND type = " + sqlType(RecordType::Note));
    if (!st) return std::nullopt;
    (*st)->bind(1, idSpan(noteId));
    auto row = (*st)->step();
    if (!row || !*row) {
        (*st)->reset();
        return std::nullopt;
    }
    auto header = crypto::parseHeader((*st)->columnBlob(0));
    (*st)->reset();
    if (!header) return std::nullopt;
    const rules::Signer signer = signerOf(header->authorKeyId, parCase, header->createdAtMs);
    return signer.personId;
}

VerifyReport LocalStore::verify()
{
    VerifyReport report;
    auto check = m_db->cached("PRAGMA integrity_check");
    if (!check) {
        report.problems.push_back(check.error().message);
        return report;
    }
    std::vector<std::string> integrity;
    for (;;) {
        auto row = (*check)->step();
        if (!row) {
            report.problems.push_back(row.error().message);
            return report;
        }
        if (!*row) break;
        integrity.push_back((*check)->columnText(0));
    }
    report.integrityOk = integrity.size() == 1 && integrity.front() == "ok";
    if (!report.integrityOk)
        for (const auto &line : integrity) report.problems.push_back("SQLite integrity check: " + line);

    auto st = m_db->cached("SELECT id, type, case_id, observation_id, created_at, body FROM records ORDER BY seq");
    if (!st) {
        report.problems.push_back(st.error().message);
        return report;
    }
    std::map<RecordId, std::optional<ParCase>> judgedCases;
    for (;;) {
        auto row = (*st)->step();
        if (!row) {
            report.problems.push_back(row.error().message);
            break;
        }
        if (!*row) break;
        ++report.recordsChecked;
        const RecordId id = idFromBlob((*st)->columnBlob(0));
        const auto typeNumber = static_cast<std::uint16_t>((*st)->columnInt(1));
        const auto type = recordTypeFromNumber(typeNumber);
        if (!type) {
            report.problems.push_back("Record " + id.toString() + " has an unknown type " + std::to_string(typeNumber) + ".");
            continue;
        }
        const auto body = (*st)->columnBlob(5);
        // Every signature checked again: the audit trusts no checked tag (docs/security.md "Checked tags").
        auto payload = openRecord(body, id, *type, {});
        if (!payload && payload.error().code == errc::record::kNotAReader) {
            // Shared with others through this device (e.g. a report awaiting a key grant): the author must still check out.
            if (auto header = crypto::verifyAuthor(body, authorLookup()); header && header->id == id && header->type == typeNumber)
                ++report.recordsForOthers;
            else
                report.problems.push_back("Record " + id.toString() + ": "
                                          + (header ? std::string("its header does not match its row.") : header.error().message));
            continue;
        }
        if (!payload) {
            report.problems.push_back(payload.error().message);
            continue;
        }
        // The plaintext index must say what the sealed content says, or a moved row could mislead the app.
        std::optional<RecordId> caseInPayload;
        std::optional<RecordId> observationInPayload;
        Status decoded;
        rules::Claims claims;                // what the payload claims, for the rules' verdict below
        std::optional<RecordId> amendedNote; // an amendment's note, whose signer alone may amend it
        // Decodes the payload and, if it reads, takes its routing and claims from it.
        const auto take = [&](auto result, const auto &fromPayload) {
            if (result)
                fromPayload(*result);
            else
                decoded = result.error();
        };
        const auto routed = [&](const RecordId &caseId, const RecordId &observationId) {
            caseInPayload = caseId;
            observationInPayload = observationId;
        };
        switch (*type) {
        case RecordType::Person: take(decodePerson(*payload), [](const Person &) {}); break;
        case RecordType::ParCase:
            take(decodeParCase(*payload), [&](const ParCase &v) {
                caseInPayload = v.id;
                // Held, but counted nowhere until district IT adopts its policy: said, so it is not a silent gap.
                if (const rules::Decision adopted = rules::judgeCasePolicy(v.policyId(), adoptedPolicies()); !adopted)
                    report.problems.push_back("Case record " + id.toString() + " is held but not counted: " + adopted.reason);
            });
            break;
        case RecordType::Observation: take(decodeObservation(*payload), [&](const Observation &v) { routed(v.caseId, v.id); }); break;
        case RecordType::ObservationEnd:
            take(decodeObservationEnd(*payload), [&](const ObservationEnd &v) { routed(v.caseId, v.observationId); });
            break;
        case RecordType::Note:
            take(decodeNote(*payload), [&](const Note &v) {
                routed(v.caseId, v.observationId);
                claims = rules::Claims::authoredBy(v.authorId);
            });
            break;
        case RecordType::Amendment:
            take(decodeAmendment(*payload), [&](const Amendment &v) {
                routed(v.caseId, v.observationId);
                claims = rules::Claims::authoredBy(v.authorId);
                amendedNote = v.noteId;
            });
            break;
        case RecordType::Evidence: take(decodeEvidence(*payload), [&](const Evidence &v) { routed(v.caseId, v.observationId); }); break;
        default: break;
        }
        if (!decoded) {
            report.problems.push_back("Record " + id.toString() + ": " + decoded.error().message);
            continue;
        }
        // The rules' verdict on the mentor's own kinds of record — observations, their ends, notes, amendments and
        // evidence: one its signer could not write is held but refused, and named here.
        if (const auto kind = rules::kindOfRecordType(*type);
            kind && caseInPayload
            && (*kind == rules::RecordKind::Note || *kind == rules::RecordKind::Observation || *kind == rules::RecordKind::ObservationEnd
                || *kind == rules::RecordKind::Amendment || *kind == rules::RecordKind::Evidence)) {
            auto c = judgedCases.find(*caseInPayload);
            if (c == judgedCases.end()) c = judgedCases.emplace(*caseInPayload, caseForJudging(*caseInPayload)).first;
            // Only the note's own author amends it: the signer of the note, if the note is held here.
            if (amendedNote && claims.author)
                if (auto noteSigner = noteSignerPerson(*amendedNote, c->second ? &*c->second : nullptr))
                    claims = rules::Claims::amendment(*claims.author, *noteSigner);
            const rules::Decision verdict = c->second ? judgeRecord(*kind, body, &*c->second, claims)
                                                      : rules::Decision{false, "case.unknown", "Refused: its case is not held here."};
            if (!verdict) report.problems.push_back("Record " + id.toString() + ": " + verdict.reason);
        }
        if (caseInPayload && ((*st)->columnIsNull(2) || idFromBlob((*st)->columnBlob(2)) != *caseInPayload))
            report.problems.push_back("Record " + id.toString() + " is filed under the wrong case in the index.");
        if (observationInPayload && ((*st)->columnIsNull(3) || idFromBlob((*st)->columnBlob(3)) != *observationInPayload))
            report.problems.push_back("Record " + id.toString() + " is filed under the wrong observation in the index.");
        ++report.recordsOpened;
    }
    if (auto pending = pendingOutboxCount())
        report.outboxPending = *pending;
    else
        report.problems.push_back(pending.error().message);
    if (auto fk = m_db->queryInt("SELECT COUNT(*) FROM pragma_foreign_key_check"); fk && *fk != 0)
        report.problems.push_back(std::to_string(*fk) + " outbox entries point at records that do not exist.");
    return report;
}

// --- the district directory held -------------------------------------------------------------------------------

Status LocalStore::loadDirectory()
{
    // Changed while the device was off: only the owner's own records are accepted until the device is enrolled again.
    if (m_stateProblem && !seal::directoryTrusted(m_stateProblemParts)) {
        m_directory.reset();
        return {};
    }
    auto info = metaValue(*m_db, "district_info");
    if (!info) return info.error();
    if (!*info) return {};
    auto district = directory::DistrictInfo::deserialize(**info);
    if (!district) return makeError(errc::store::kCorrupt, "The pinned district information is damaged: " + district.error().message);
    auto dir = std::make_unique<directory::KeyDirectory>(*district);
    auto rev = metaValue(*m_db, "revocations");
    if (!rev) return rev.error();
    if (*rev)
        if (auto s = dir->applyRevocations(**rev); !s)
            return makeError(errc::store::kCorrupt, "The stored revocation list is damaged: " + s.error().message);
    auto st = m_db->cached("SELECT certificate FROM directory");
    if (!st) return st.error();
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        // Expired or revoked certificates stay stored but are not loaded; records by them are then refused.
        (void)dir->addCertificate((*st)->columnBlob(0), m_clock());
    }
    // The directory snapshot held: its sequence and next update (its parts were stored with it and are loaded above,
    // so only its own signature is checked again).
    auto snapshot = metaValue(*m_db, "directory_snapshot");
    if (!snapshot) return snapshot.error();
    if (*snapshot)
        if (auto s = dir->restoreDirectory(**snapshot); !s)
            return makeError(errc::store::kCorrupt, "The stored district directory is damaged: " + s.error().message);
    m_directory = std::move(dir);
    return {};
}

Status LocalStore::changeDirectory(const std::function<Result<bool>(directory::KeyDirectory &next)> &change, seal::Written written)
{
    if (!m_directory) return makeError(errc::enrollment::kNone, "Enroll this device in the district first.");
    if (auto s = stateWritable(); !s) return s;
    directory::KeyDirectory next = *m_directory;
    const bool ownTransaction = sqlite3_get_autocommit(m_db->handle()); // else inside the caller's, as writeSealedState
    Transaction tx(*m_db);
    if (ownTransaction)
        if (auto s = tx.begin(); !s) return s;
    if (auto s = seal::checkBeforeWrite(*m_db, m_stateMacKey, written); !s) return s;
    auto changed = change(next);
    if (!changed) return changed.error();
    if (!*changed) return {}; // nothing written: the transaction rolls back, the directory held stays
    if (auto s = seal::reseal(*m_db, m_stateMacKey, written); !s) return s;
    if (ownTransaction)
        if (auto s = tx.commit(); !s) return s;
    *m_directory = std::move(next);
    return {};
}

Status LocalStore::writeEnrollment(const std::function<Status()> &write)
{
    Transaction tx(*m_db);
    if (auto s = tx.begin(); !s) return s;
    if (auto s = write(); !s) return s;
    // Every tag afresh: an enrollment, proved by its enrollment code, is how a tampered state is cleared.
    if (auto s = seal::reseal(*m_db, m_stateMacKey, seal::Written::Anything); !s) return s;
    if (auto s = tx.commit(); !s) return s;
    if (m_stateProblem) {
        m_stateProblem.reset();
        m_stateProblemParts.clear();
        if (auto s = loadMeta(); !s) return s;
    }
    return loadDirectory();
}

LocalStore::DirectoryStatus LocalStore::directoryStatus() const
{
    DirectoryStatus status;
    status.enrolled = m_directory != nullptr;
    if (!m_directory || !m_directory->heldDirectory()) return status;
    status.held = m_directory->heldDirectory();
    const std::int64_t t = now();
    status.stale = status.held->staleAt(t);
    status.ageMs = std::max<std::int64_t>(0, t - status.held->issuedAtMs);
    return status;
}

Result<crypto::Bytes> LocalStore::exportKeyBackup(std::string_view backupPassphrase, bool fastKdf) const
{
    return crypto::createBackup(m_identity, m_owner.id, backupPassphrase,
                                fastKdf ? crypto::BackupStrength::Interactive : crypto::BackupStrength::Moderate);
}

} // namespace triad::store
