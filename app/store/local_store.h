// The device's encrypted local store: one SQLite file in WAL mode (synchronous=FULL) plus the wrapped key file.
//
//   <dir>/triad.db       records (sealed), outbox, observation index, drafts — docs/storage.md
//   <dir>/identity.key   the owner's private keys, wrapped by the platform keystore — docs/security.md
//
// Every write is one durable transaction holding the sealed record, its outbox entry and any index rows, so a
// change the user saw saved is on disk and queued for the case store together, or not at all.
//
// LocalStore is the record-sealing core: the key file and identity, the state seal, sealing and writing a record,
// opening one (directly or by a key grant), the rules' verdict on its signer, the district directory held, and records
// as they travel (export, import, pull). What people do with records lives in services over a `LocalStore &`:
// CaseService (people, cases, handover), NoteService (observations, notes, amendments, drafts), EnrollmentService
// (enrollment and the directory's updates), DocumentStore and EvidenceStore. docs/architecture.md "Local store".
#pragma once

#include "case_records.h"
#include "domain.h"
#include "identity.h"
#include "key_directory.h"
#include "record_rules.h"
#include "sealed_record.h"
#include "sqlite_db.h"
#include "state_seal.h"
#include "triad/platform/keystore.h"

#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace triad::store {

// A record type as it is spelled in SQL, from the enum (never a bare number in a query).
inline std::string sqlType(RecordType type) { return std::to_string(static_cast<std::uint16_t>(type)); }

using Clock = std::function<std::int64_t()>; // milliseconds since the epoch, UTC
std::int64_t systemClockMs();

struct CreateOptions {
    std::string ownerName = "PAR Mentor";
    std::string employeeId;
    std::vector<Role> roles{Role::ParMentor};
};

struct VerifyReport {
    bool integrityOk = false;
    std::int64_t recordsChecked = 0;
    std::int64_t recordsOpened = 0;
    std::int64_t recordsForOthers = 0; // held (signature checked) but sealed to other readers
    std::int64_t outboxPending = 0;
    std::vector<std::string> problems; // one sentence each, naming the record id and what is wrong
    bool ok() const { return integrityOk && problems.empty(); }
};

// One sealed record with its routing metadata, as records travel between devices (record_exchange.cpp).
struct BundleRecord {
    std::uint16_t type = 0;
    std::optional<RecordId> caseId, observationId;
    std::int64_t createdAt = 0;
    std::vector<std::uint8_t> body;
    // The case store's receipt for it (directory/receipt.h), when a pull brought one: not the author's, checked on
    // its own (ReceiptStore), never part of the record.
    std::vector<std::uint8_t> receipt;
    // The author's same-person tag sent beside it (crypto::PersonTagger): set on a push by the device that wrote it, and
    // on a pull when the case store holds one. Never part of the record, never stored on a device.
    std::vector<std::uint8_t> personTag;
};
Result<std::vector<BundleRecord>> parseBundle(std::span<const std::uint8_t> bundle);
crypto::Bytes writeBundle(const std::vector<BundleRecord> &records);

class LocalStore {
public:
    static QString databasePath(const QString &dir);
    static QString keyFilePath(const QString &dir);
    static bool exists(const QString &dir);

    // Creates a new store owned by a new identity. Refuses ("store.exists") to touch an existing one.
    static Status create(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential, const CreateOptions &options,
                         Clock clock = systemClockMs);
    // A new device for an existing person: the identity restored from their key backup (crypto/key_backup.h). Their
    // person record and everything shared with them arrive by sync (or a records file); none is written here.
    static Status createRestored(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential,
                                 const CreateOptions &options, const crypto::Identity &identity, const RecordId &personId,
                                 Clock clock = systemClockMs);
    // Unlocks the key file and opens the database, running migrations. Errors: "store.not_initialised",
    // "keystore.wrong_passphrase", "keystore.corrupt", "store.key_mismatch", "store.corrupt", "store.too_new", ...
    static Result<std::unique_ptr<LocalStore>> open(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential,
                                                    Clock clock = systemClockMs);
    // A second connection to a store this device has already unlocked, for a worker thread (sync): the same file
    // and the owner's identity (a copy, in guarded memory), no passphrase. SQLite's WAL lets both work at once.
    // `Reads`: a connection that only reads (the older notes opening, ui::NoteOpener) gets no checkpoint thread and no
    // second connection (docs/storage.md "Checkpoints"); should it write after all, SQLite's autocheckpoint copies the
    // log as it did before, with the same durability.
    enum class Use { Writes, Reads };
    static Result<std::unique_ptr<LocalStore>> openSecondary(const QString &dir, crypto::Identity identity, Clock clock = systemClockMs,
                                                             Use use = Use::Writes);
    // Whether `credential` unlocks the key file in `dir` and it holds `expected`'s keys: the owner confirming a
    // deliberate act (a signature) with their own unlock, without opening the store again. Errors: those of the
    // keystore ("keystore.wrong_passphrase", ...), "store.not_initialised", "store.key_mismatch".
    static Status confirmOwner(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential,
                               const crypto::PublicIdentity &expected);
    ~LocalStore();

    const Person &owner() const { return m_owner; }
    // Set at unlock when the store's settings or district directory do not match their seal (store/state_seal.h,
    // docs/security.md "Local state"): one sentence for people naming what changed. Then sync is refused (the token is
    // not sent anywhere), settings are not written, a tampered directory is not loaded (only the owner's own records
    // are accepted), and nothing is deleted; notes still open. Enrolling again (EnrollmentService::enroll) clears it.
    const std::optional<std::string> &stateProblem() const { return m_stateProblem; }
    // The seal parts that did not match ("district", "token", …; see state_seal.h), for tests and tools.
    const std::vector<std::string> &stateProblemParts() const { return m_stateProblemParts; }
    // Runs `write` (it writes settings under the seal: the sync position, the case store address, the token, the
    // format; never the district directory, which changeDirectory and writeEnrollment write) and reseals, in the
    // caller's transaction or in one of its own. `written` names the parts `write` writes (seal::Written: SyncState,
    // Endpoint): their rows are checked against the stored seal first (seal::checkBeforeWrite), and every other part's
    // tag is kept from it (refused with "state.tampered" when they differ or there is no usable stored seal);
    // Anything only where the whole seal must be made anew (the first seal, a schema migration). Refused with
    // "state.tampered" while stateProblem() is set.
    Status writeSealedState(const std::function<Status()> &write, seal::Written written);
    Status stateWritable() const;
    // Re-reads the owner's person record (a restored device receives it by sync).
    Status refreshOwner() { return loadMeta(); }
    // Re-reads the district directory (another connection may have added certificates or revocations).
    Status refreshDirectory() { return loadDirectory(); }
    const std::string &deviceId() const { return m_deviceId; }
    const crypto::PublicIdentity &ownerKeys() const { return m_identity.publicIdentity(); }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // The clock records are judged by (a second connection for the same screen judges by the same one).
    const Clock &clock() const { return m_clock; }
    // The owner's key backup for a new device (crypto/key_backup.h): a blob the case store can keep but not read.
    Result<crypto::Bytes> exportKeyBackup(std::string_view backupPassphrase, bool fastKdf = false) const;
    std::int64_t now() const { return m_clock(); }

    // --- sealing ---------------------------------------------------------------------------------------------
    // For the services built on this one (notes, cases, documents, evidence): seal `payload` as a record of `type`,
    // and write it, its outbox entry and whatever `alsoInTransaction` writes in one durable transaction.
    Status writeRecord(RecordType type, const RecordId &id, const std::optional<RecordId> &caseId, const std::optional<RecordId> &observationId,
                       std::int64_t createdAt, QByteArray payload, const std::function<Status()> &alsoInTransaction = {});
    // The same, sealed to `readers` (each gets the content key) instead of the owner alone.
    Status writeRecordFor(const std::vector<crypto::PublicIdentity> &readers, RecordType type, const RecordId &id,
                          const std::optional<RecordId> &caseId, const std::optional<RecordId> &observationId, std::int64_t createdAt,
                          QByteArray payload, const std::function<Status()> &alsoInTransaction = {});
    // The same, signed by `author` instead of the owner: triad meeting mode, where another person signs a form on this
    // device with their own keys, held in memory for that one record (FormService::signAsVisitor). Nothing of
    // `author` is kept here but the signed record.
    Status writeRecordSignedBy(const crypto::Identity &author, const std::vector<crypto::PublicIdentity> &readers, RecordType type,
                               const RecordId &id, const std::optional<RecordId> &caseId, const std::optional<RecordId> &observationId,
                               std::int64_t createdAt, QByteArray payload);
    // Seals `payload` to the owner alone without writing it: for what is kept sealed outside the record log (a note's
    // draft). The payload is wiped either way.
    Result<crypto::Bytes> sealForOwner(RecordType type, const RecordId &id, std::int64_t createdAt, QByteArray payload) const;
    // Who this store accepts as an author: its owner until enrolled, then the district's certified keys.
    crypto::AuthorLookup authorLookup() const;
    const crypto::Identity &identity() const { return m_identity; }
    // The key this device MACs the receipts it checked with (store/receipt_store.h), derived from its identity at open.
    const crypto::SecureBuffer &receiptMacKey() const { return m_receiptMacKey; }
    // Tags this person's records as they are pushed, and checks the tags on what another device of the person pushed
    // (crypto::PersonTagger, docs/security.md "Same-person tags").
    const crypto::PersonTagger &personTagger() const { return m_personTagger; }
    // Tags each record this store has checked the signature of, kept beside it (records.checked_tag) so that opening
    // it again checks the tag instead (crypto::CheckedTagger, docs/security.md "Checked tags").
    const crypto::CheckedTagger &checkedTagger() const { return m_checkedTagger; }

    // Records as they travel between devices (the sync transport will carry the same bytes): every record, or those
    // after `afterSeq`, with their routing metadata. importRecords() checks each record's author against this
    // store's directory, keeps records it already has unchanged (idempotent) and writes the rest in one transaction;
    // it never adds them to the outbox. Returns how many were new.
    Result<crypto::Bytes> exportRecords(std::int64_t afterSeq = 0);
    Result<int> importRecords(std::span<const std::uint8_t> bundle);
    // One record from elsewhere whose author the caller has verified (crypto::verifyAuthor with authorLookup(), or a
    // same-person tag), written inside the caller's transaction with the index rows it feeds. `checkedTag`: made by
    // checkedTagger() where the caller checked exactly these bytes just now, kept beside it; none for a record taken as
    // held already without a check (stored untagged, should its row have gone meanwhile). Never queued in the outbox.
    enum class Incoming {
        Stored,
        Held,
        Conflict
    }; // Held: the same bytes are here; Conflict: other bytes, same id
    // Why a record's routing (type, time, and since format v2 its case and link ids) disagrees with what its author
    // signed in its header; nullopt when they agree. Import and pull refuse or set aside such a record.
    static std::optional<Error> routingRefusal(const BundleRecord &record, const crypto::RecordHeader &header);
    Result<Incoming> storeIncoming(const BundleRecord &record, const crypto::RecordHeader &header,
                                   const std::optional<crypto::RecordTag> &checkedTag);

    // Key grants (docs/security.md): seals the content keys of `ids` that this person can read to `to`, one grant
    // record each (ids this person cannot read are skipped: they are not theirs to give).
    // `at`: the grants' signed time (now by default).
    Status grantRecords(const std::vector<RecordId> &ids, const std::vector<crypto::PublicIdentity> &to, const RecordId &caseId,
                        std::optional<std::int64_t> at = std::nullopt);

    // The signer of a record as this device establishes it (core/record_rules.h): standing from the pinned district
    // directory, never from the record; parts in `parCase` as they were at `writtenAtMs` (a former mentor is the mentor
    // for what was written during their term).
    rules::Signer signerOf(const crypto::KeyId &authorKey, const ParCase *parCase, std::int64_t writtenAtMs) const;
    // The cases held here as the rules judge them (all, or the one `only`): each signed case record its signer was
    // entitled to write, with the case updates (reassignments, end of participation) the rules accept applied in
    // the order written. Cases sealed to others are left out. CaseService lists cases with it.
    Result<std::vector<ParCase>> judgedCases(const std::optional<RecordId> &only = std::nullopt) const;
    // The case a record belongs to, as the rules judge it (judgedCases); none when it is not held here or cannot be
    // read, so a record judged in it is refused.
    std::optional<ParCase> caseForJudging(const RecordId &caseId) const;
    // The rules' verdict on a record held here: its signer (from its header) judged for `kind` in `parCase`.
    rules::Decision judgeRecord(rules::RecordKind kind, std::span<const std::uint8_t> body, const ParCase *parCase,
                                const rules::Claims &claims) const;

    // Opens a record body read from the store, checking it is the record `id` of `type`. A record sealed to others
    // opens too when a key grant for it, from its author or a certified mentor or director, is held here.
    // The record's checked tag (checkedTagger()), kept beside it, stands for its author's signature when it is over
    // exactly these bytes; the first form reads the tag held under `id`, the second is given it (from the same row).
    Result<QByteArray> openRecord(std::span<const std::uint8_t> body, const RecordId &id, RecordType type) const;
    Result<QByteArray> openRecord(std::span<const std::uint8_t> body, const RecordId &id, RecordType type,
                                  std::span<const std::uint8_t> checkedTag) const;

    // --- the district directory (docs/security.md "District directory"; EnrollmentService changes it) ----------
    bool enrolled() const { return m_directory != nullptr; }
    const directory::KeyDirectory *keyDirectory() const { return m_directory.get(); }
    // The district policies the held directory names as adopted (empty: none named, or no directory held).
    std::vector<std::string> adoptedPolicies() const;
    // What this device holds of the district directory, and whether it is stale (past its next update).
    struct DirectoryStatus {
        bool enrolled = false;
        std::optional<directory::HeldDirectory> held; // none: no snapshot received yet (only files handed over)
        bool stale = false;                           // held and past its next-update time
        std::int64_t ageMs = 0;                       // since the held snapshot was issued
    };
    // Kept in the core: sealing to others is refused when the directory is too stale (rules::judgeSealingToOthers).
    DirectoryStatus directoryStatus() const;
    // For EnrollmentService, the one way the held directory changes after enrollment: `change` edits a copy of it and
    // writes the rows it keeps; it returns whether it changed anything. If it did, the state is resealed (the parts
    // `written` names: Certificates, Revocations or Directory; every other tag kept from the stored seal) and the
    // transaction committed, and only then does the copy replace the directory held; on any error nothing changes.
    // Errors: "enrollment.none" (not enrolled), "state.tampered" (stateProblem() is set), and those of `change`.
    Status changeDirectory(const std::function<Result<bool>(directory::KeyDirectory &next)> &change, seal::Written written);
    // For EnrollmentService::enroll, the one write allowed while stateProblem() is set: `write` pins a district proved
    // by the enrollment code and the district's signature (and drops what the seal no longer vouches for); it runs
    // and the state is resealed in one transaction, then the problem is cleared and the owner and directory reloaded.
    Status writeEnrollment(const std::function<Status()> &write);

    // Whether a record of `type` with this id is held here (readable or not).
    Result<bool> holds(const RecordId &id, RecordType type);
    // The record held here with this id, sealed as it was stored (nullopt when none is).
    struct HeldRecord {
        RecordType type;
        std::vector<std::uint8_t> body;
    };
    Result<std::optional<HeldRecord>> heldRecord(const RecordId &id);
    // Ids of the records of `type` whose canonical form starts or ends with `typed` (case-insensitive), oldest first:
    // the end is what people are shown of an id (RecordId::shortText), the start what they copy from a listing.
    Result<std::vector<RecordId>> matchIds(RecordType type, const std::string &typed);

    // --- checks --------------------------------------------------------------------------------------------------
    Result<std::int64_t> pendingOutboxCount();

    // PRAGMA integrity_check, then every record is parsed, its signature checked, opened and decoded, and its
    // plaintext index columns compared with its sealed content.
    VerifyReport verify();

    Database &database() { return *m_db; }

private:
    Status writeSealed(const crypto::Identity &signer, const std::vector<crypto::PublicIdentity> &readers, RecordType type, const RecordId &id,
                       const std::optional<RecordId> &caseId, const std::optional<RecordId> &observationId, std::int64_t createdAt,
                       QByteArray payload, const std::function<Status()> &alsoInTransaction);
    LocalStore(std::unique_ptr<Database> db, crypto::Identity identity, Use use = Use::Writes);
    static Status createStore(const QString &dir, platform::Keystore &keystore, const platform::UnlockCredential &credential,
                              const CreateOptions &options, const crypto::Identity &identity, const RecordId &personId, Clock clock, bool restoring);
    Status loadMeta();
    Status loadDirectory();
    // At unlock: checks the seal and, for a store from before seals (and only if its key file does not say it has one),
    // seals it once. `sealExpected`: the key file says this store is sealed.
    Status checkSeal(const seal::Verdict &verdict, bool sealExpected, bool schemaChanged);
    Status sealFirstTime();
    // The person who signed the note held here with this id (for judging its amendments), if any.
    std::optional<RecordId> noteSignerPerson(const RecordId &noteId, const ParCase *parCase) const;
    // Refuses ("directory.too_stale") to seal to anyone but the owner once the district directory held is staler
    // than the case's policy allows (rules::judgeSealingToOthers).
    Status mayShareWith(const std::vector<crypto::PublicIdentity> &readers, const std::optional<RecordId> &caseId) const;
    // Opens a record sealed to others with a key grant held here: every grant for it is tried, and one counts only if
    // its granter may grant that record (rules::judgeGrant) and its key opens the record; a bad grant hides nothing.
    // The key comes back too, for granting the record further (a handover of what was handed over).
    struct GrantedRecord {
        crypto::OpenedRecord record;
        crypto::ContentKey key;
    };
    Result<GrantedRecord> openGranted(std::span<const std::uint8_t> body, const RecordId &id, RecordType type) const;
    Status applyCaseUpdates(std::vector<ParCase> &cases) const;

    std::unique_ptr<Database> m_db;
    crypto::Identity m_identity;
    Person m_owner;
    std::string m_deviceId;
    Clock m_clock = systemClockMs;
    std::unique_ptr<directory::KeyDirectory> m_directory; // set once enrolled
    crypto::SecureBuffer m_stateMacKey;                   // crypto::LocalKeyPurpose::StateMac
    crypto::SecureBuffer m_receiptMacKey;                 // crypto::LocalKeyPurpose::ReceiptMac (derived once: locked memory is costly to map)
    crypto::PersonTagger m_personTagger;                  // crypto::LocalKeyPurpose::PersonTag, likewise
    crypto::CheckedTagger m_checkedTagger;                // crypto::LocalKeyPurpose::CheckedTag, likewise
    std::optional<std::string> m_stateProblem;
    std::vector<std::string> m_stateProblemParts;
};

} // namespace triad::store
