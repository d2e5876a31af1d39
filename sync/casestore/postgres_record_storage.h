// RecordStorage on PostgreSQL through libpq (the C API): for a district that runs the case store next to a managed
// database instead of one SQLite file. Same semantics as SqliteRecordStorage and the same test suite
// (tests/sync/test_casestore.cpp, CTest test_casestore_pg). Single connection, used from one thread like the SQLite
// one; several case store processes may share one database (pushes are serialised by an advisory lock, see the .cpp).
//
// A lost connection (PostgreSQL restarted, network cut) makes the call that meets it fail with "casestore.db"; the
// next call reconnects, so a restarted PostgreSQL does not need a case store restart.
#pragma once

#include "record_cache.h"
#include "record_storage.h"

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <string_view>

struct pg_conn;

namespace triad::casestore {

class PostgresRecordStorage final : public RecordStorage {
public:
    // True for the locations this backend takes: "postgresql://…" and "postgres://…" URIs.
    static bool isPostgresUri(std::string_view location);
    // Connects and creates (or checks) the schema. Errors: "casestore.db_open" (unreachable, refused, bad URI),
    // "casestore.db_too_new" (a newer case store wrote the schema), "casestore.db". The URI's password never
    // appears in an error message.
    static Result<std::unique_ptr<PostgresRecordStorage>> open(const std::string &uri);
    ~PostgresRecordStorage() override;
    PostgresRecordStorage(const PostgresRecordStorage &) = delete;
    PostgresRecordStorage &operator=(const PostgresRecordStorage &) = delete;

    Result<BatchOutcome> insertBatch(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs) override;
    Result<std::vector<BatchOutcome>> insertBatches(std::span<const PushBatch> batches) override;
    Result<std::unique_ptr<RecordStorage>> openAnother() const override;
    Result<PullPage> pull(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit) override;
    Result<std::int64_t> countAfter(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq) override;
    Status addToken(const TokenHash &hash, const DeviceToken &token) override;
    Result<std::optional<DeviceToken>> findToken(const TokenHash &hash) override;
    Result<FoundToken> findTokenWithEpoch(const TokenHash &hash) override;
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

    // The memory for records read (record_cache.h), for this storage and every one openAnother() makes from it from
    // now on: `bytes` (0: none kept). Call before the storage serves; what was held is forgotten.
    void keepRecordsInMemory(std::size_t bytes) { m_cache = std::make_shared<RecordCache>(bytes); }
    const RecordCache &recordsInMemory() const { return *m_cache; }
    // "postgresql://user@host:port/db", without the password: for logs and the start-up line.
    std::string displayName() const;
    bool readsWaitForServer() const override { return true; }
    bool checksTokensWhenStoring() const override { return true; }

private:
    PostgresRecordStorage(pg_conn *conn, std::string uri) : m_conn(conn), m_uri(std::move(uri)) {}
    // Reconnects when the previous call lost the connection.
    Status ensureConnected();
    // Makes the connection again now (a new session: nothing prepared, the records held forgotten).
    void startOver();
    // insertBatches' group, its statements prepared or (`unprepared`) from their text; `missing`: a prepared one the
    // server connection lacked.
    Result<std::vector<BatchOutcome>> insertGroup(std::span<const PushBatch> batches, bool unprepared, bool &missing);
    Status createSchema();
    Result<std::optional<HeldRevocations>> heldRevocations();
    Result<std::optional<HeldSigned>> heldDirectory();
    pg_conn *m_conn;
    std::string m_uri; // as opened (password included, never shown): openAnother() connects with it again
    // The hot statements (pull, count, token lookup), prepared once on this connection: SQL → statement name.
    // Emptied when the connection is made again (the server forgets them with the session).
    std::unordered_map<std::string, std::string> m_prepared;
    // The records this process has read, shared by every storage openAnother() makes from this one (the pull threads',
    // the writer's): a pull whose records are all held reads only its index range from the database (record_cache.h).
    std::shared_ptr<RecordCache> m_cache = std::make_shared<RecordCache>();
    // ensureConnected() for execAgainOnNewConnection (postgres_record_storage.cpp): true once connected again.
    const std::function<bool()> m_reconnect = [this] { return static_cast<bool>(ensureConnected()); };
};

} // namespace triad::casestore
