// The case store's storage: sealed records with the routing metadata the protocol carries (docs/protocol.md), the
// reader index pull goes through, and device tokens (hashes only). One narrow interface so an SQLite file (default)
// and PostgreSQL run the same test suite. The storage never sees a key that opens a record.
#pragma once

#include "identity.h"
#include "ids.h"
#include "result.h"

#include <cstdint>
#include <memory>
#include <optional>
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
};

struct BatchOutcome {
    std::vector<bool> added;                // per record: true = newly stored, false = already held, identical bytes
    std::optional<std::size_t> conflictAt;  // set: that record's id is held with other bytes; nothing was changed
};

struct PullPage {
    std::vector<StoredRecord> records; // ascending seq
    bool more = false;                 // records beyond this page exist for these readers
};

struct DeviceToken {
    KeyId readerKeyId{};
    std::int64_t issuedAt = 0;
};

class RecordStorage {
public:
    virtual ~RecordStorage() = default;
    // All or nothing, in one transaction under a unique constraint on the record id. A record already held with
    // identical bytes is accepted again without change; one held with different bytes refuses the whole batch.
    virtual Result<BatchOutcome> insertBatch(const std::vector<StoredRecord> &records, std::int64_t receivedAtMs) = 0;
    // Records with seq > afterSeq sealed to any of `readerKeyIds`, ascending, at most `limit`.
    virtual Result<PullPage> pull(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq, int limit) = 0;
    // How many records with seq > afterSeq are sealed to any of `readerKeyIds` (each record once).
    virtual Result<std::int64_t> countAfter(const std::vector<KeyId> &readerKeyIds, std::int64_t afterSeq) = 0;
    virtual Status addToken(const TokenHash &hash, const DeviceToken &token) = 0;
    virtual Result<std::optional<DeviceToken>> findToken(const TokenHash &hash) = 0;
    virtual Result<std::int64_t> recordCount() = 0;
};

// Opens the storage a location names: a "postgresql://…" or "postgres://…" URI opens PostgresRecordStorage,
// anything else is the path of an SQLite file (SqliteRecordStorage). The errors are those of the backend's open().
Result<std::unique_ptr<RecordStorage>> openRecordStorage(const std::string &location);

} // namespace triad::casestore
