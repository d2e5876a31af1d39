// The case store's storage: sealed records with the routing metadata the protocol carries (docs/protocol.md), the
// reader index pull goes through, device tokens (hashes only), and what a district-aware case store keeps of the
// district directory: the certificates devices presented, the newest revocation list, open enrollment challenges.
// One narrow interface so an SQLite file (default) and PostgreSQL run the same test suite. The storage never sees a
// key that opens a record: certificates and revocation lists are public, signed by the district.
#pragma once

#include "identity.h"
#include "ids.h"
#include "result.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace triad::casestore {

using crypto::Bytes;
using crypto::KeyId;
using TokenHash = std::array<std::uint8_t, 32>;

struct StoredRecord {
    RecordId id;
    std::uint16_t type = 0;
    std::optional<RecordId> caseId, observationId;
    std::int64_t createdAt = 0;
    KeyId authorKeyId{};
    std::vector<KeyId> readerKeyIds; // from the sealed header
    Bytes body;                      // the sealed record, byte for byte
    std::int64_t seq = 0;            // set by the storage: the pull cursor position
    std::int64_t receivedAt = 0;     // set by the storage when pulled: the case store's clock when it first stored it
    Bytes receipt;                   // set by the storage when pulled: the receipt signed as it was stored (empty: none)
    Bytes personTag;                 // the author's same-person tag pushed with it (32 bytes; empty: none), kept as it came
};

// A record as its receipt names it (directory/receipt.h).
struct ReceiptRequest {
    const RecordId *id = nullptr;
    std::span<const std::uint8_t> body;
    std::int64_t seq = 0;
    std::int64_t receivedAtMs = 0;
};
// Signs the case store's receipts of records stored together for the same readers, one per record in their order:
// signed once, in the storing transaction, and kept with each record (a version 2 receipt tree, one signature per
// directory::kMaxReceiptTree records). CaseStoreApi signs a record stored without one as it serves it, alone.
using ReceiptSigner = std::function<std::vector<Bytes>(std::span<const ReceiptRequest>)>;

struct BatchOutcome {
    std::vector<bool> added;               // per record: true = newly stored, false = already held, identical bytes
    std::optional<std::size_t> conflictAt; // set: that record's id is held with other bytes; nothing was changed
    // Per record, for a newly stored one: its seq (the pull cursor position it was given) and the receipt signed as it
    // was stored (empty without a receipt signer). 0 and empty for a record already held. Told to the pushing device
    // in the push reply, so it need not pull its own records back (docs/protocol.md "Push", "skip").
    std::vector<std::int64_t> seqs;
    std::vector<Bytes> receipts;
    // The store's epoch, read in the transaction that stored the batch, where the storage reads it there (PostgreSQL,
    // with the push lock); empty: the caller reads it afterwards.
    std::string epoch;
    // The batch's PushBatch::token was withdrawn by the time it would have been stored: nothing of it was stored.
    bool tokenWithdrawn = false;
};

// Fills out.receipts for the records `records` newly stored (out.added, out.seqs), signing together the ones of the
// same group (groupOf: the storage's reader set of each), so a receipt's tree hashes only records its readers may read.
void signReceipts(const ReceiptSigner &signer, const std::vector<StoredRecord> &records, const std::vector<std::int64_t> &groupOf,
                  BatchOutcome &out, std::int64_t receivedAtMs);

// Sealed bytes per pull page (at least one record). A storage's pull stops there too, so a page of large records is
// never read whole into memory before it is cut (records are up to 16 MiB each).
inline constexpr std::size_t kMaxPullPageBytes = 8 * 1024 * 1024;

struct PullPage {
    std::vector<StoredRecord> records; // ascending seq; at most the limit, and kMaxPullPageBytes of bodies or one record
    bool more = false;                 // records beyond this page exist for these readers
};

struct DeviceToken {
    KeyId readerKeyId{};
    std::int64_t issuedAt = 0;
    // Set for a token issued at enrollment (POST /v1/enroll): the certificate it was issued for and its person.
    // A revocation list naming the serial withdraws the token. Unset for a token district IT issued by hand.
    std::optional<RecordId> certificateSerial;
    std::optional<RecordId> personId;
};

struct FoundToken {
    std::optional<DeviceToken> token; // none: unknown or withdrawn
    std::string epoch;                // the store's epoch (docs/protocol.md "Pull"); with a token found
    // With a token bound to a certificate: true when the storage read the certificate held for its serial with it
    // (PostgreSQL, in the same statement), then `certificate` is what certificateBySerial() would return. False: the
    // caller reads it with certificateBySerial().
    bool certificateRead = false;
    std::optional<Bytes> certificate;
};

// A district certificate the case store has seen (presented at enrollment or posted), as the district signed it.
struct CertificateEntry {
    RecordId serial;
    KeyId signKeyId{}; // the certified Ed25519 key's id: the author key id of the records it signs
    RecordId personId;
    Bytes bytes;
};

struct HeldCertificate {
    Bytes bytes;          // as the district signed it; the caller verifies it against the pinned district again
    bool revoked = false; // its serial is on the newest revocation list held
};

// The newest signed object of a kind held (a revocation list, a directory snapshot): its sequence and bytes.
struct HeldSigned {
    std::uint64_t sequence = 0;
    Bytes bytes;
};
using HeldRevocations = HeldSigned;

enum class RevocationsOutcome {
    Applied, // newer than the one held (or the first): now the list held; tokens bound to its serials withdrawn
    Held,    // the same sequence and bytes as the one held: nothing changed
    Stale,   // an older sequence, or the same sequence with other content: refused, nothing changed
};
struct AppliedRevocations {
    RevocationsOutcome outcome = RevocationsOutcome::Stale;
    std::uint64_t heldSequence = 0;   // the sequence held afterwards
    std::int64_t withdrawnTokens = 0; // device tokens removed by this list
};

// The outcome of publishing a directory snapshot: as for revocation lists (Applied, Held, Stale), no tokens touched.
struct PublishedDirectory {
    RevocationsOutcome outcome = RevocationsOutcome::Stale;
    std::uint64_t heldSequence = 0; // the sequence held afterwards
};

using EnrollNonce = std::array<std::uint8_t, 32>;

// Evidence media (docs/protocol.md "Evidence media"): a part of an encrypted media stream is named by the BLAKE2b-256
// of its bytes and kept under the evidence record it belongs to.
using MediaPartName = std::array<std::uint8_t, 32>;
enum class MediaPutOutcome {
    Stored, // new
    Held,   // this evidence already held a part of that name (and so those bytes): nothing changed
    Full,   // the evidence holds `maxParts` parts already: refused, nothing changed
};

// One push's records for a group commit (insertBatches), with the case store's clock when the push arrived.
struct PushBatch {
    const std::vector<StoredRecord> *records = nullptr;
    std::int64_t receivedAtMs = 0;
    // Set: the hash of the pushing device's token, looked up again in the storing transaction by a storage that
    // checksTokensWhenStoring(); a batch whose token is withdrawn by then is not stored (BatchOutcome::tokenWithdrawn).
    const TokenHash *token = nullptr;
};

class RecordStorage {
public:
    virtual ~RecordStorage() = default;
    // The receipt signer used from now on by this storage and every storage openAnother() made or makes from it
    // (the group committer's, the pull thread's): they share one slot. nullptr: records are stored without one.
    void setReceiptSigner(std::shared_ptr<const ReceiptSigner> signer)
    {
        std::lock_guard lock(m_receipts->mutex);
        m_receipts->signer = std::move(signer);
    }
    // Takes `signer` back, unless another has been set since (a case store restarted on this storage with a new key).
    void clearReceiptSigner(const std::shared_ptr<const ReceiptSigner> &signer)
    {
        std::lock_guard lock(m_receipts->mutex);
        if (m_receipts->signer == signer) m_receipts->signer = nullptr;
    }
    // All or nothing, in one transaction under a unique constraint on the record id. A record already held with
    // identical bytes is accepted again without change; one held with different bytes refuses the whole batch.
    virtual Result<BatchOutcome> insertBatch(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs) = 0;
    // Group commit: several pushes' batches in one transaction with one durable commit, in the order given (a record
    // id in two of them: the later one finds it held, or conflicts, as if pushed after). Each batch is all or nothing
    // on its own, as insertBatch: one that conflicts leaves nothing of itself and the others are stored. The result
    // has one outcome per batch; it is an error only when the group as a whole failed (its transaction or commit),
    // and then nothing of any batch was stored: the caller retries them one by one (GroupCommitter does).
    // This default stores each batch in its own transaction (an error may follow batches already stored; stored
    // again, they are "held").
    virtual Result<std::vector<BatchOutcome>> insertBatches(std::span<const PushBatch> batches);
    // Another connection to the same database (the same file, the same URI), for another thread: the group
    // committer's. Errors: those of open(), "casestore.db_single" when the location cannot be opened twice.
    virtual Result<std::unique_ptr<RecordStorage>> openAnother() const = 0;
    // This connection's commits leave the copy of their log into the database to a thread of its own (SQLite's write-ahead
    // log; sqlite/wal_checkpointer.h) instead of making one commit in a thousand pages do it: the group committer's
    // writer calls it. The default (a storage with no such log: PostgreSQL checkpoints in its own server) does nothing.
    // An error leaves the storage as it was, checkpointing inside its commits.
    virtual Status checkpointInBackground() { return {}; }
    // A request's reads are about to start on this connection, outside any transaction (the front end's pull threads
    // call it before each pull): a storage may choose how this connection reads from what was written since its
    // last request. It changes no data and no answer. The default does nothing.
    virtual void beforeRequest() {}
    // Whether each read waits for a database server's answer (PostgreSQL: a round trip) rather than running in this
    // process (SQLite): the HTTP front end then checks a request's token on a pull thread instead of its own.
    virtual bool readsWaitForServer() const { return false; }
    // Whether insertBatches looks each PushBatch::token up again in the transaction that stores it (PostgreSQL): the
    // HTTP front end then checks a push's token from its head only, not a second time once the body has arrived.
    virtual bool checksTokensWhenStoring() const { return false; }
    // Records with seq > afterSeq sealed to any of `readerKeyIds`, ascending, at most `limit`.
    virtual Result<PullPage> pull(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit) = 0;
    // How many records with seq > afterSeq are sealed to any of `readerKeyIds` (each record once).
    virtual Result<std::int64_t> countAfter(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq) = 0;
    virtual Status addToken(const TokenHash &hash, const DeviceToken &token) = 0;
    // A token bound to a serial on the newest revocation list is not found, even before it was removed.
    virtual Result<std::optional<DeviceToken>> findToken(const TokenHash &hash) = 0;
    // The token as findToken finds it and, with a token found, the store's epoch as epoch() reads it, for a request
    // that needs both (a pull). The default reads one after the other; PostgreSQL reads both in one statement.
    virtual Result<FoundToken> findTokenWithEpoch(const TokenHash &hash);
    virtual Result<std::int64_t> recordCount() = 0;
    // The store's epoch: 32 hex digits, random, made with the schema. Pull cursors carry it, so a cursor from another
    // store, or from before this one was restored from a backup and given a new epoch, is told apart.
    virtual Result<std::string> epoch() = 0;
    // A fresh random epoch (`triad-casestore --new-epoch`, after restoring a backup, with no case store running on
    // the database): every cursor given out before is refused from now on, and devices start again (protocol.md).
    virtual Result<std::string> newEpoch() = 0;

    // --- the district directory (a case store started with --district-info) -----------------------------------
    // Keeps a certificate (already verified by the caller). Returns true if new, false if its serial was held.
    virtual Result<bool> addCertificate(const CertificateEntry &certificate, std::int64_t addedAtMs) = 0;
    // Every certificate held for these signing key ids, each with whether the newest revocation list names it.
    virtual Result<std::vector<HeldCertificate>> certificatesFor(const std::vector<KeyId> &signKeyIds) = 0;
    // The certificate held under this serial, as the district signed it (the caller verifies it again).
    virtual Result<std::optional<Bytes>> certificateBySerial(const RecordId &serial) = 0;
    virtual Result<bool> isRevoked(const RecordId &serial) = 0;
    virtual Result<std::optional<HeldRevocations>> revocations() = 0;
    // Replaces the list held by a newer one (`serials` is its content, already verified by the caller) and, in the
    // same transaction, removes every device token bound to one of its serials. Never goes back to an older list,
    // also when several case stores share the database.
    virtual Result<AppliedRevocations> applyRevocations(std::uint64_t sequence, std::span<const std::uint8_t> bytes,
                                                        const std::set<RecordId> &serials, std::int64_t nowMs) = 0;
    // The newest district directory snapshot held (docs/protocol.md "Directory"), served to devices as it is.
    virtual Result<std::optional<HeldSigned>> directorySnapshot() = 0;
    // The sequence of that snapshot alone (told with each sync's first pull page, so a device skips the directory
    // request when it holds the newest). This default reads the snapshot; the storages read the one column.
    virtual Result<std::optional<std::uint64_t>> directorySequence()
    {
        auto held = directorySnapshot();
        if (!held) return held.error();
        if (!*held) return std::optional<std::uint64_t>{};
        return std::optional<std::uint64_t>{(*held)->sequence};
    }
    // Replaces the snapshot held by a newer one (already verified by the caller), as applyRevocations does: never
    // back to an older one, and the same sequence only with the same bytes (Held), also with several case stores on
    // one database.
    virtual Result<PublishedDirectory> publishDirectory(std::uint64_t sequence, std::span<const std::uint8_t> bytes, std::int64_t nowMs) = 0;
    // Enrollment challenges: a nonce is open until `expiresAtMs` and taken at most once. addChallenge also drops
    // expired ones and refuses (false) when `maxOpen` unexpired ones are open, so unauthenticated requests cannot
    // grow the table without bound.
    virtual Result<bool> addChallenge(const EnrollNonce &nonce, std::int64_t expiresAtMs, std::int64_t nowMs, std::int64_t maxOpen) = 0;
    // True if the nonce was open and unexpired; it is removed either way.
    virtual Result<bool> takeChallenge(const EnrollNonce &nonce, std::int64_t nowMs) = 0;

    // --- evidence media -----------------------------------------------------------------------------------------
    // The record held under `id` (id, type, author, body; no readers: the caller reads them from the sealed header).
    virtual Result<std::optional<StoredRecord>> recordById(const RecordId &id) = 0;
    // Key grants (record type 10) whose link id (observation_id) is `id`, oldest first: who else may read it.
    virtual Result<std::vector<StoredRecord>> grantsFor(const RecordId &id) = 0;
    // Keeps a part (already checked against its name by the caller) under its evidence id. Idempotent; all or nothing.
    virtual Result<MediaPutOutcome> putMediaPart(const RecordId &evidenceId, const MediaPartName &name, std::span<const std::uint8_t> bytes,
                                                 std::int64_t nowMs, std::int64_t maxParts) = 0;
    virtual Result<std::optional<Bytes>> mediaPart(const RecordId &evidenceId, const MediaPartName &name) = 0;
    // The names of the parts held for this evidence (any order).
    virtual Result<std::vector<MediaPartName>> mediaPartNames(const RecordId &evidenceId) = 0;

protected:
    std::shared_ptr<const ReceiptSigner> receiptSigner() const
    {
        std::lock_guard lock(m_receipts->mutex);
        return m_receipts->signer;
    }
    // For openAnother(): the new storage signs with whatever this one signs with, now and later.
    void shareReceiptSigner(RecordStorage &other) const { other.m_receipts = m_receipts; }

private:
    struct ReceiptSlot {
        std::mutex mutex;
        std::shared_ptr<const ReceiptSigner> signer;
    };
    std::shared_ptr<ReceiptSlot> m_receipts = std::make_shared<ReceiptSlot>();
};

// Whether a revocation list (`sequence`, signed `bytes`) replaces the one held: nullopt if it does (newer, or none
// held); otherwise the outcome that leaves everything as it is (Held: the same list again; Stale: older, or the same
// sequence with other content). Both backends decide with this inside their transaction.
inline std::optional<AppliedRevocations> unlessNewer(const std::optional<HeldSigned> &held, std::uint64_t sequence,
                                                     std::span<const std::uint8_t> bytes)
{
    if (!held || sequence > held->sequence) return std::nullopt;
    const bool same = sequence == held->sequence && std::equal(bytes.begin(), bytes.end(), held->bytes.begin(), held->bytes.end());
    return AppliedRevocations{same ? RevocationsOutcome::Held : RevocationsOutcome::Stale, held->sequence, 0};
}

// Opens the storage a location names: a "postgresql://…" or "postgres://…" URI opens PostgresRecordStorage,
// anything else is the path of an SQLite file (SqliteRecordStorage). The errors are those of the backend's open().
Result<std::unique_ptr<RecordStorage>> openRecordStorage(const std::string &location);

} // namespace triad::casestore
