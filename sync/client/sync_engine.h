// The client sync engine (docs/protocol.md "Client"): pushes the durable outbox to the case store and pulls the
// records addressed to this person, whatever the network does in between.
//
// - Push: the outbox is sent oldest first in batches; a 200 marks the batch sent. A push is idempotent on the case
//   store (unique record id in its transaction), so a retried push after a lost reply changes nothing there.
// - A record the case store refuses (409/422, or a 400/413 naming it) is set aside with the reason and the rest
//   goes on at once; the set-aside list is shown to the user.
// - Pull: pages by cursor; each page and its cursor are applied in one local transaction, in order.
// - Overlap (SyncOptions::requestsInFlight, 4 by default): the next push batches are sent before the last one is
//   answered, and while one pulled page is stored the next one's signatures are checked and the one after travels.
//   Replies are still handled in order, and nothing leaves the outbox or moves the cursor before its own reply.
// - No reply, a cut connection, 5xx: the attempt stops and the engine asks to be called again after a backoff
//   (1 s doubling to 5 min, with jitter); nothing is lost, the next attempt resumes from the outbox and the cursor.
// - 401: stops; the device must be enrolled with the case store again. Nothing is dropped.
// - The district directory: an enrolled device fetches the newest signed snapshot before it judges any pulled record
//   (first thing when it holds none; otherwise when the first pull page names another sequence than the one held),
//   verifies it against the pinned district and applies it (new certificates, revocations), so records pulled are
//   judged by it. A rollback or another snapshot of the same sequence is refused and reported
//   (SyncReport::directory); the sync goes on with the directory held.
// - Pins: when the directory held names case store pins (docs/deployment.md "Pinning the case store's key"), every
//   https connection must present one of those keys, whatever CA signed it; otherwise the attempt stops as offline
//   with the reason before any request (or token) is sent, and nothing is lost.
//
// syncOnce() blocks; it runs a local event loop while waiting for the network (so it can run on the GUI thread
// without freezing it, or on any thread with its own store).
#pragma once

#include "sync_queue.h"
#include "sync_transport.h"

#include <chrono>
#include <functional>
#include <memory>
#include <random>

namespace triad::sync {

inline constexpr std::size_t kMinAdaptiveSize = 10;  // records a batch or page shrinks to on a slow link
inline constexpr std::size_t kMaxPushRecords = 500;   // the protocol's limits (docs/protocol.md): records per push,
inline constexpr std::size_t kMaxPullLimit = 1000;    // and a pull page's `limit`

struct SyncOptions {
    // Batch and page sizes follow the link (docs/protocol.md "Client"): the first push batch holds pushBatchRecords
    // records and the first pull page asks for pullLimit; a reply back within growWithinMs doubles the next ones,
    // up to the case store's limits (maxPushBatchRecords, maxPullLimit), and one that takes longer than
    // shrinkAfterMs, or none that comes (a timeout, a cut connection), halves them (not below kMinAdaptiveSize unless
    // the start is smaller); a refusal or a 5xx changes nothing. A good link moves a caseload in few large requests
    // (docs/benchmarks.md "Sync end to end"); a poor one loses little to a cut connection. Setting a maximum to its
    // start fixes the size; sizes past the protocol's limits are brought within them.
    std::size_t pushBatchRecords = 200;
    std::size_t maxPushBatchRecords = 500;
    std::size_t pushBatchBytes = 8 * 1024 * 1024;
    int pullLimit = 500;
    int maxPullLimit = 1000;
    int growWithinMs = 1000;
    int shrinkAfterMs = 10000;
    // Requests travelling at once in each direction: push batches in flight (their records no more than
    // pushBatchBytes together, or one batch alone), media parts, and the next pull page fetched while the last one is
    // checked and stored. 1 = one request at a time. Four keep the case store busy while the device reads, encodes
    // and takes replies (docs/benchmarks.md "Four pushes in flight").
    std::size_t requestsInFlight = 4;
    int requestTimeoutMs = 30000;
    std::int64_t initialBackoffMs = 1000;
    std::int64_t maxBackoffMs = 5 * 60 * 1000;
    std::uint64_t jitterSeed = 0; // 0 = random; tests fix it
    // After a pull that stored records, the teacher's device signs that each report version it now holds reached it
    // (store/audit_service.h markDeliveredAll) and pushes those records in the same attempt. The app turns it on.
    bool markDelivered = false;
};

enum class SyncState {
    NotConfigured, // no case store address / token on this device
    Offline,       // the last attempt got no reply (or a gateway error): retry after the backoff
    AuthRequired,  // 401: enroll this device with the case store again
    Failed,        // the case store answered something this client cannot act on (a client bug or a bad reply)
    Synced,        // the last attempt pushed everything and pulled until caught up
};

struct SyncProgress {
    bool pulling = false;
    std::int64_t pushed = 0, pending = 0;  // this attempt; pending = outbox left
    std::int64_t pulled = 0;               // records applied this attempt (new or held)
    std::optional<std::int64_t> remaining; // records still to pull (the case store's count at the first page)
};

// The district directory at this attempt (docs/protocol.md "Directory"): fetched, when needed, before pulled records are judged.
struct DirectoryReport {
    bool enrolled = false;      // this device is enrolled in a district (nothing below applies otherwise)
    bool held = false;          // it holds a directory snapshot from the case store
    std::uint64_t sequence = 0; // the snapshot held after this attempt
    bool updated = false;       // a newer snapshot was applied this attempt (certificates, revocations)
    bool stale = false;         // the snapshot held is past its next-update time: say so, district IT is late or
                                // the case store withholds the newer one
    std::int64_t ageMs = 0;     // since the snapshot held was issued
    std::string refusedCode;    // the case store served one this device refused ("directory.rollback",
    std::string refused;        // "directory.conflict", "directory.bad_signature", ...) and why; the one held stays
};

struct SyncReport {
    SyncState state = SyncState::NotConfigured;
    std::int64_t pushed = 0;   // records the case store confirmed this attempt
    std::int64_t pulled = 0;   // new records stored here this attempt
    std::int64_t setAside = 0; // records set aside this attempt (both directions)
    // The case store's receipts pulled with the records (store/receipt_store.h): kept; refused (forged, another
    // record's, a key the district does not name: the record is kept, the receipt is not); not checkable yet (the
    // district's directory held names no receipt key). The last refusal's reason.
    std::int64_t receiptsKept = 0;
    std::int64_t receiptsRefused = 0;
    std::int64_t receiptsUnchecked = 0;
    std::string receiptProblem;
    // Evidence media (docs/protocol.md "Evidence media"): parts the case store confirmed / parts fetched and checked
    // this attempt, media sent whole / received whole (checked and kept), media set aside (both directions).
    std::int64_t mediaPartsSent = 0;
    std::int64_t mediaPartsFetched = 0;
    std::int64_t mediaSent = 0;
    std::int64_t mediaReceived = 0;
    std::int64_t mediaSetAside = 0;
    std::int64_t retryAfterMs = 0; // Offline: when to try again
    // Offline / AuthRequired / Failed: what went wrong — a stable code (core/error_codes.h) with the details a translated
    // sentence needs (ui::errorText), and the English sentence for logs.
    std::string code;
    std::string message;
    std::vector<std::string> args;
    DirectoryReport directory;
};

// The size of the next push batch or pull page, following the link (SyncOptions): it starts at `start`, doubles after
// a quick 200 up to `ceiling`, halves after a slow 200 or no reply down to the smallest of `start`, kMinAdaptiveSize
// and `ceiling`; any other reply leaves it. Both are brought within 1…`limit` (the protocol's), the ceiling no lower
// than the start.
class AdaptiveSize {
public:
    enum class Reply { Ok, Lost, Other }; // a 200; none at all (a timeout, a cut connection); anything else
    AdaptiveSize(long long start, long long ceiling, std::size_t limit);
    std::size_t now() const { return m_now; }
    // After the reply to a request sent at `sent`.
    void after(std::chrono::steady_clock::time_point sent, Reply reply, const SyncOptions &options);
    // The case store found a batch of `size` too large (413): half of it from now on, never more again.
    void tooLarge(std::size_t size);

private:
    std::size_t m_start, m_ceiling, m_now;
};

class SyncEngine {
public:
    SyncEngine(store::LocalStore &store, SyncOptions options = {}, std::unique_ptr<Transport> transport = nullptr);
    ~SyncEngine();

    // One attempt: push the whole outbox, then pull until caught up, or stop at the first failure.
    SyncReport syncOnce();
    void setProgressCallback(std::function<void(const SyncProgress &)> callback) { m_progress = std::move(callback); }
    int consecutiveFailures() const { return m_failures; }

private:
    SyncReport offline(SyncReport report, const Error &problem);
    // The case store pins of the directory held (certificate.h), for every request of the transport.
    void usePinnedKeys();
    // Push and pull steps return nullopt to carry on, or the report to finish with.
    std::optional<SyncReport> fetchDirectory(SyncReport &report, const store::SyncEndpoint &endpoint);
    void describeDirectory(SyncReport &report); // the directory held, into the report
    std::optional<SyncReport> push(SyncReport &report, const store::SyncEndpoint &endpoint);
    std::optional<SyncReport> pull(SyncReport &report, const store::SyncEndpoint &endpoint);
    std::optional<SyncReport> refusal(SyncReport &report, const HttpReply &reply);
    // Evidence media after the records: this device's own media up, then the media of evidence it can open down.
    std::optional<SyncReport> pushMedia(SyncReport &report, const store::SyncEndpoint &endpoint);
    std::optional<SyncReport> pullMedia(SyncReport &report, const store::SyncEndpoint &endpoint);
    std::optional<SyncReport> caughtUpOrPull(SyncReport &report, const store::SyncEndpoint &endpoint);

    store::LocalStore &m_store;
    store::SyncQueue m_queue;
    SyncOptions m_options;
    std::unique_ptr<Transport> m_transport;
    std::function<void(const SyncProgress &)> m_progress;
    SyncProgress m_now;
    int m_failures = 0;
    bool m_directoryDue = false; // this attempt has not yet compared the directory held with the case store's
    AdaptiveSize m_pushSize; // records in the next push batch
    AdaptiveSize m_pullSize; // the next pull page's limit
    bool m_pushAgain = false; // this attempt's pull found the case store restored from a backup
    // This attempt's own records the case store told the seqs of in its push replies (under `m_ownEpoch`), whose
    // receipt, if one came, is kept: named in the pull's `skip`, so they are not sent back (docs/protocol.md "Pull").
    std::vector<std::int64_t> m_ownSeqs;
    std::string m_ownEpoch;
    // Set by a push whose last reply said nothing else is new for this device (its `next`), with every record of that
    // push named in m_ownSeqs: the cursor to store instead of pulling. And the directory sequence the replies told.
    std::string m_caughtUp;
    std::optional<std::uint64_t> m_pushDirectory;
    std::mt19937_64 m_jitter;
};

const char *syncStateName(SyncState state);

} // namespace triad::sync
