// The local half of sync (docs/protocol.md "Client"): what the sync engine reads from and writes to the device's
// store. The outbox is filled by every write in the same transaction as the record (local_store.h); this class
// drains it, sets refused records aside with their reason, applies pulled pages together with the cursor in one
// transaction, and keeps the sync settings (case store address, device token wrapped to the owner's key, cursor,
// last synced time) in the store's meta table.
#pragma once

#include "local_store.h"
#include "receipt.h"

#include <string>
#include <vector>

namespace triad::store {

// A record waiting for the case store: its local position, routing metadata and sealed bytes.
struct OutgoingRecord {
    std::int64_t seq = 0;
    RecordId id;
    BundleRecord record;
};

// A record this device could not send or accept, kept with the reason (shown to the user).
struct SetAsideRecord {
    RecordId id;
    bool incoming = false; // pulled but not accepted here (e.g. unknown author); false = refused by the case store
    std::uint16_t type = 0;
    std::string code;   // machine-readable ("record.conflict", "record.unknown_author", ...)
    std::string reason; // a sentence for people; never content
    std::int64_t setAsideAt = 0;
};

struct SyncCounts {
    std::int64_t pending = 0;  // in the outbox
    std::int64_t setAside = 0; // both directions
};

struct PageOutcome {
    int stored = 0;   // new here
    int held = 0;     // already here, identical bytes
    int setAside = 0; // refused here, kept in sync_set_aside with the reason
    // The case store's receipts that came with the page (ReceiptStore): kept, refused (forged, for other bytes, by a
    // key the district does not name — the record itself is still stored), or not checkable yet (the directory held
    // names no receipt key).
    int receiptsKept = 0;
    int receiptsRefused = 0;
    int receiptsUnchecked = 0;
    std::string receiptProblem; // the last refusal's reason, for the sync report
};

struct SyncEndpoint {
    std::string caseStoreUrl; // e.g. http://127.0.0.1:8870
    std::string token;        // the device token ("tdt1.…"); a secret: never logged
};

class SyncQueue {
public:
    explicit SyncQueue(LocalStore &store) : m_store(store) {}
    ~SyncQueue(); // wipes the token it kept (endpoint())
    SyncQueue(const SyncQueue &) = delete;
    SyncQueue &operator=(const SyncQueue &) = delete;

    // --- push ---------------------------------------------------------------------------------------------------
    // The oldest outbox entries, at most `maxRecords` and about `maxBytes` of sealed bytes (at least one record).
    // With `afterSeq`, only entries after that one: the next batch while earlier ones are still on their way.
    Result<std::vector<OutgoingRecord>> nextOutgoing(std::size_t maxRecords, std::size_t maxBytes, std::int64_t afterSeq = 0);
    // The case store holds them durably: they leave the outbox (one transaction, not fsync'ed on its own: lost in a
    // power cut, the batch is pushed again and the case store answers "held").
    Status markSent(const std::vector<std::int64_t> &seqs);
    // The case store's receipts of records this device pushed, from its push replies (`receipts[i]` for `records[i]`,
    // records already marked sent): each checked as a pulled record's receipt is (against the receipt keys of the
    // directory held and the very bytes sent, on the checking threads) and kept, in one transaction. The device then
    // need not pull its own records back for their receipts (docs/protocol.md "Push"). `kept[i]`: records[i]'s receipt
    // is kept here now and signs `seqs[i]`, the seq the reply gave it (so only the receipt key's holder can name a seq
    // the device then skips). A receipt under a key the directory held does not name is counted unchecked, not
    // refused: its record is pulled back and the receipt checked again once the directory is brought up to date.
    struct OwnReceipts {
        PageOutcome receipts; // their counts
        std::vector<bool> kept;
    };
    Result<OwnReceipts> keepOwnReceipts(const std::vector<OutgoingRecord> &records, const std::vector<std::vector<std::uint8_t>> &receipts,
                                        const std::vector<std::int64_t> &seqs);
    // The case store refused it: out of the outbox into the set-aside list with the reason (one transaction).
    Status setAsideOutgoing(const OutgoingRecord &record, const std::string &code, const std::string &reason);

    // --- pull ---------------------------------------------------------------------------------------------------
    Result<std::string> cursor();
    // Applies one pulled page and stores `nextCursor` in one transaction: each record's author is verified against
    // the store's directory (before the transaction, on up to 4 threads for a large page); new ones are stored,
    // identical ones skipped, the rest set aside with the reason.
    Result<PageOutcome> applyPulled(const std::vector<BundleRecord> &records, const std::string &nextCursor);
    // applyPulled in its three steps, so that one page's signatures can be checked while the page before it is
    // stored (the sync engine does that):
    // 1. which records this device already holds byte for byte (they were checked when stored: not again);
    Result<std::vector<bool>> heldAlready(const std::vector<BundleRecord> &records);
    // 2. each other record's author checked with `lookup` (the store's directory: LocalStore::authorLookup(), taken
    //    on the store's thread): nullopt = verified, else why not. Reads only the bytes and the directory (which a
    //    sync does not change), so it may run on any thread; a large page is spread over up to 4 threads;
    //    each record's receipt is checked there too, against `receiptKeys` (ReceiptStore::acceptedKeys(), taken on the
    //    store's thread) and the record's pulled bytes; with no keys the receipts wait for step 3, which counts them
    //    as unchecked, as before, while the directory names no key.
    struct PageChecks {
        std::vector<std::optional<Error>> authors;                       // nullopt: the author verified, or held already
        std::vector<std::optional<Result<directory::Receipt>>> receipts; // nullopt: not checked here
        std::vector<std::optional<crypto::RecordTag>> checkedTags;       // made for a record whose author was checked here
    };
    // `own` checks the same-person tags of records this person wrote on another device (LocalStore::personTagger).
    // `checked` tags each record whose author it verified (LocalStore::checkedTagger, docs/security.md "Checked tags").
    static PageChecks checkPage(const std::vector<BundleRecord> &records, const std::vector<bool> &held, const crypto::AuthorLookup &lookup,
                                const crypto::PersonTagger &own, const crypto::CheckedTagger &checked,
                                const std::vector<directory::ReceiptKey> &receiptKeys);
    // 3. the page stored with its cursor in one transaction, with the verdicts of step 2.
    Result<PageOutcome> storePulled(const std::vector<BundleRecord> &records, const PageChecks &checks, const std::string &nextCursor);
    Status resetCursor();
    // Incoming records set aside earlier (e.g. the author's certificate had not arrived) are tried again.
    Result<int> retryIncoming();
    // Outgoing records set aside earlier go back to the outbox (after an update, or when the person asks).
    Result<int> requeueOutgoing();
    // After the case store was restored from an older backup (docs/deployment.md): every record this device holds
    // goes back to the outbox (except those the case store refused, which stay set aside) and the pull starts again
    // from the beginning, in one transaction. Both are idempotent on the case store ("held") and here (held records
    // are skipped), so what the backup lacks comes back from the devices that hold it. Returns the records queued.
    Result<int> resendEverything();

    // --- status -------------------------------------------------------------------------------------------------
    Result<SyncCounts> counts();
    Result<std::vector<SetAsideRecord>> setAside();
    Result<std::int64_t> lastSyncedAt();     // 0 = never
    Status setLastSyncedAt(std::int64_t ms); // not fsync'ed on its own (shown only)

    // --- settings (chosen at enrollment) ------------------------------------------------------------------------
    // The token is kept sealed under its own key, bound to the case store address (docs/security.md "Device token
    // at rest"). Errors: "sync.bad_url", "sync.bad_token", "state.tampered". endpoint() refuses a token sealed for
    // another address or another purpose ("sync.token_refused") and any use while LocalStore::stateProblem() is set.
    Status setEndpoint(const SyncEndpoint &endpoint);
    Result<std::optional<SyncEndpoint>> endpoint();
    // A store's first unlock after seals came in (LocalStore::sealFirstTime, inside its transaction): a token in the
    // old format (a crypto_box wrap to the owner's key) is sealed again in the current one, bound to the stored address.
    Status migrateTokenFormat();
    // The address alone (the token stays wrapped): what the app shows.
    Result<std::optional<std::string>> caseStoreUrl();

private:
    // `receipt`: the record's receipt as checkPage checked it (nullopt: check it here). `checkedTag`: made where its
    // author was verified for this very call (none for a record skipped as held); stored with it.
    Result<bool> acceptIncoming(const BundleRecord &record, const std::optional<Error> &authorRefusal,
                                const std::optional<crypto::RecordTag> &checkedTag, PageOutcome &outcome, bool alreadySetAside,
                                const std::optional<Result<directory::Receipt>> &receipt = std::nullopt);
    Status setAsideIncoming(const BundleRecord &record, const RecordId &id, const std::string &code, const std::string &reason);
    Status clearResolvedSetAside();
    // Whether any incoming record waits in the set-aside list (a read of a list that is nearly always empty).
    Result<bool> anyIncomingSetAside();
    Status putMeta(const std::string &key, std::span<const std::uint8_t> value);
    Result<std::optional<std::vector<std::uint8_t>>> getMeta(const std::string &key);
    LocalStore &m_store;
    // The endpoint endpoint() opened last, with the stored rows it came from: asked again while they are unchanged,
    // the token is not opened again (two guarded allocations and a key derivation every sync).
    struct OpenedEndpoint {
        std::string url;
        std::vector<std::uint8_t> wrapped;
        SyncEndpoint endpoint;
    };
    std::optional<OpenedEndpoint> m_opened; // its token wiped when replaced and with the queue (forgetOpened)
    void forgetOpened();
};

// Parses and checks a case store address: http or https, a host, an optional port, no path/query/credentials.
Result<std::string> normaliseCaseStoreUrl(const std::string &text);

} // namespace triad::store
