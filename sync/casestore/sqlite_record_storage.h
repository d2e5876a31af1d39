// RecordStorage on one SQLite file (WAL, synchronous=FULL: a batch acknowledged to a device survives kill -9 and
// power loss). One connection, used from one thread; the case store's group committer writes through a second one
// (openAnother) on its own thread, and WAL lets the first read meanwhile.
#pragma once

#include "record_storage.h"

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace triad::sqlite {
class WalCheckpointer;
}

namespace triad::casestore {

class SqliteRecordStorage final : public RecordStorage {
public:
    // Opens or creates the file and its schema. Errors: "casestore.db_open", "casestore.db". `mapped`: the
    // connections openAnother() opens (the pull threads', the writer's) read through a memory map of the file (the
    // default; false only to measure what it saves, bench_casestore). The connection open() returns never does: it
    // is the front end's, which reads a token and a few rows per request, and SQLite drops and rebuilds a
    // connection's whole map at its first read after another connection committed (docs/benchmarks.md "Issue 14,
    // targets 1 and 2: a sync's fixed costs"). A case store run with no pull threads serves pulls on this connection,
    // so without the map.
    static Result<std::unique_ptr<SqliteRecordStorage>> open(const std::string &path, bool mapped = true);
    ~SqliteRecordStorage() override;
    SqliteRecordStorage(const SqliteRecordStorage &) = delete;
    SqliteRecordStorage &operator=(const SqliteRecordStorage &) = delete;

    Result<BatchOutcome> insertBatch(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs) override;
    Result<std::vector<BatchOutcome>> insertBatches(std::span<const PushBatch> batches) override;
    Result<std::unique_ptr<RecordStorage>> openAnother() const override;
    Status checkpointInBackground() override;
    // A connection that reads through the map (the pull threads') keeps it only while the store is quiet: when the
    // writer has committed since this connection's last request, SQLite would drop the whole map at the first read
    // (munmap, every page faulted in again, other cores' TLBs flushed) — the connection then reads without it (its
    // page cache, which SQLite empties either way) until a request finds nothing committed since the one before.
    void beforeRequest() override;
    // Whether this connection reads through its map now (tests).
    bool readsThroughMap() const { return m_mapNow; }
    // What the background checkpoints did so far (all zero without them): tests.
    std::int64_t backgroundCheckpoints() const;
    Result<PullPage> pull(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit) override;
    Result<std::int64_t> countAfter(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq) override;
    Status addToken(const TokenHash &hash, const DeviceToken &token) override;
    Result<std::optional<DeviceToken>> findToken(const TokenHash &hash) override;
    Result<std::int64_t> recordCount() override;
    Result<std::string> epoch() override;
    Result<std::string> newEpoch() override;
    Result<bool> addCertificate(const CertificateEntry &certificate, std::int64_t addedAtMs) override;
    Result<std::vector<HeldCertificate>> certificatesFor(const std::vector<KeyId> &signKeyIds) override;
    Result<std::optional<Bytes>> certificateBySerial(const RecordId &serial) override;
    Result<bool> isRevoked(const RecordId &serial) override;
    Result<std::optional<HeldRevocations>> revocations() override;
    Result<std::optional<HeldSigned>> directorySnapshot() override;
    Result<std::optional<std::uint64_t>> directorySequence() override;
    Result<PublishedDirectory> publishDirectory(std::uint64_t sequence, std::span<const std::uint8_t> bytes, std::int64_t nowMs) override;
    Result<AppliedRevocations> applyRevocations(std::uint64_t sequence, std::span<const std::uint8_t> bytes, const std::set<RecordId> &serials,
                                                std::int64_t nowMs) override;
    Result<bool> addChallenge(const EnrollNonce &nonce, std::int64_t expiresAtMs, std::int64_t nowMs, std::int64_t maxOpen) override;
    Result<bool> takeChallenge(const EnrollNonce &nonce, std::int64_t nowMs) override;
    Result<std::optional<StoredRecord>> recordById(const RecordId &id) override;
    Result<std::vector<StoredRecord>> grantsFor(const RecordId &id) override;
    Result<MediaPutOutcome> putMediaPart(const RecordId &evidenceId, const MediaPartName &name, std::span<const std::uint8_t> bytes,
                                         std::int64_t nowMs, std::int64_t maxParts) override;
    Result<std::optional<Bytes>> mediaPart(const RecordId &evidenceId, const MediaPartName &name) override;
    Result<std::vector<MediaPartName>> mediaPartNames(const RecordId &evidenceId) override;

private:
    SqliteRecordStorage(sqlite3 *db, std::string path, bool mapped);
    // open(), with this connection read through the map or not.
    static Result<std::unique_ptr<SqliteRecordStorage>> openConnection(const std::string &path, bool mapped, bool mapThis);
    Status exec(const char *sql);
    Error dbError(const std::string &what) const;
    Result<BatchOutcome> insertRecords(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs);
    // The reader set of a record's readers (schema v7), created when new; `known` caches those seen in this transaction.
    Result<std::int64_t> readerSetOf(const std::vector<KeyId> &readerKeyIds, std::map<Bytes, std::int64_t> &known);
    // A set's members see `seq` as its newest record (their rows made with its first).
    Status noteNewest(std::int64_t setId, const std::vector<KeyId> &readerKeyIds, std::int64_t seq);
    Status migrateToReaderSets(); // v6 → v7: every record into its reader set, in one pass
    // A pull through record_readers, joined record by record: for readers in more sets than a pull merges.
    Result<PullPage> pullJoined(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit);
    sqlite3 *m_db;
    std::string m_path; // as opened: openAnother() opens it again, the same way
    bool m_mapped = true;
    // Prepared statements of the hot paths (push, pull, token lookup), by SQL text, for the connection's life.
    std::unordered_map<std::string, sqlite3_stmt *> m_statements;
    sqlite3_stmt *cached(const std::string &sql);
    // One range of a reader set per statement, as many as a pull merges at once (pull()).
    std::vector<sqlite3_stmt *> m_setRanges;
    std::unique_ptr<sqlite::WalCheckpointer> m_checkpointer; // stopped before the connection closes
    // The map (beforeRequest): whether this connection may use it, whether it does now, and the pushes committed
    // through any connection of this storage (open() and every openAnother() from it share the count), as this
    // connection saw it at its last request.
    bool m_mapThis = false;
    bool m_mapNow = false;
    std::shared_ptr<std::atomic<std::uint64_t>> m_commits = std::make_shared<std::atomic<std::uint64_t>>(0);
    std::uint64_t m_commitsSeen = 0;
};

} // namespace triad::casestore
