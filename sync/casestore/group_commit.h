// Group commit for the case store's pushes (docs/benchmarks.md "Case store: group commit"). The HTTP front end
// checks a push on its own thread and hands the records here; one writer thread, on its own connection to the same
// database (storage_thread.h), commits every push that arrived while the previous commit was in flight in one
// transaction with one durable commit (SQLite synchronous=FULL: one fsync; PostgreSQL: one WAL flush), and hands
// each push its own outcome back on the front end's thread. A push is answered only after its group's commit
// returned, so every 200 is still durable before it is sent.
//
// One push's conflict takes back only that push's records (a savepoint each, RecordStorage::insertBatches). Should
// the group's transaction fail as a whole (a storage error), each of its pushes is tried again alone, in its own
// transaction, so one push that the storage refuses cannot fail the others: each gets its own outcome or error.
#pragma once

#include "storage_thread.h"

#include <memory>
#include <mutex>

namespace triad::casestore {

class GroupCommitter {
public:
    using Done = std::function<void(const Result<BatchOutcome> &)>;
    // At most this many pushes in one transaction (each at most kMaxRecordsPerPush records): the rest wait for the
    // next commit, so one commit's time stays bounded.
    static constexpr std::size_t kMaxPushesPerGroup = 256;

    // Opens the writer's connection (storage.openAnother()) and starts the writer thread. `context` lives on the
    // thread that calls submit() and outlives the committer; `done` callbacks run there, through its event loop.
    static Result<std::unique_ptr<GroupCommitter>> start(const RecordStorage &storage, QObject *context);
    // The destructor commits what was submitted, then stops the writer.

    // Queues one push's records (already checked) for the next group; `done` gets its outcome after the commit.
    // `token`: the pushing device's, looked up again as the push is stored (PushBatch::token); nullopt: checked already.
    void submit(std::shared_ptr<const std::vector<StoredRecord>> records, std::int64_t receivedAtMs, Done done,
                std::optional<TokenHash> token = std::nullopt);

    // What the writer has done so far (tests, metrics, benchmarks).
    struct Counts {
        std::int64_t groups = 0;       // transactions committed (or failed)
        std::int64_t pushes = 0;       // pushes in them
        std::int64_t retriedAlone = 0; // pushes tried again one by one after their group failed
        std::int64_t waiting = 0;      // submitted, not yet taken into a group
        std::int64_t committing = 0;   // in the group being committed now
    };
    Counts counts() const;

private:
    struct Pending {
        std::shared_ptr<const std::vector<StoredRecord>> records;
        std::int64_t receivedAtMs = 0;
        Done done;
        std::optional<TokenHash> token;
    };
    GroupCommitter(std::unique_ptr<RecordStorage> writer, QObject *context);
    void commit(RecordStorage &writer, std::vector<Pending> &group);

    QObject *m_context;
    mutable std::mutex m_mutex;
    Counts m_counts;
    StorageThread<Pending> m_thread; // last: stopped (and its queue committed) before the rest goes
};

} // namespace triad::casestore
