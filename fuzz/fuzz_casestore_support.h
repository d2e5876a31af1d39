// Shared by the case store harnesses (fuzz_casestore_push, fuzz_casestore_pull) and the corpus generator: a real
// SqliteRecordStorage in memory with device tokens issued, sealed records from the fixed identities, the wire form
// of a record, the framing of the raw inputs and the checks every reply must pass (docs/protocol.md).
#pragma once

#include "casestore_api.h"
#include "certificate.h"
#include "fuzz_support.h"
#include "sealed_record.h"
#include "sqlite_record_storage.h"

#include <QByteArray>
#include <QJsonObject>

#include <sqlite3.h>

#include <array>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace triad::fuzz {

// The case store's clock in the harnesses (received-at of stored records).
inline constexpr std::int64_t kCaseStoreNowMs = 1'790'000'000'000;

// Raw inputs are newline-separated fields: "AUTHORIZATION\nFIELD\n...". In the authorization field every "$TOKEN"
// stands for the fixed reader's valid device token and every "$OTHER" for the stranger's, so the fuzzer can mutate
// around a real token (case, spacing, scheme, suffix) that it could never guess.
inline constexpr const char *kReaderTokenPlaceholder = "$TOKEN";
inline constexpr const char *kStrangerTokenPlaceholder = "$OTHER";

// Splits at the first `count - 1` newlines: `count` fields, missing ones empty, the last keeps the rest as it is.
std::vector<QByteArray> splitFields(std::span<const std::uint8_t> bytes, std::size_t count);

// A case store on a shared-cache in-memory SQLite database, with device tokens issued for reader() and stranger().
// Opening a database and its schema for every input would cost more than the input itself (~1.5 ms under ASan), so
// a harness keeps one and resets it: the harness holds a second connection to the same database, and a snapshot.
struct CaseStore {
    using Db = std::unique_ptr<sqlite3, int (*)(sqlite3 *)>;
    std::unique_ptr<casestore::SqliteRecordStorage> storage;
    Db admin{nullptr, nullptr};    // a second connection to the store's database
    Db baseline{nullptr, nullptr}; // a private in-memory copy taken by markBaseline()
    std::string readerToken, strangerToken;

    // reset() brings the whole database (records, cursor sequence, tokens, certificates, challenges, revocations)
    // back to exactly its state now (SQLite's backup API, page by page).
    void markBaseline();
    void reset() const;

    QByteArray bearer(const std::string &token) const { return QByteArray("Bearer ") + QByteArray::fromStdString(token); }
    // The authorization field of a raw input with the placeholders replaced.
    QByteArray authorization(QByteArray field) const;
    std::int64_t count() const;
};

// `name` names the in-memory database (one per harness). Rewinds the RNG first, so the tokens are the same every
// time. Call enableSqliteUris() once before (LLVMFuzzerInitialize, main).
CaseStore openCaseStore(const char *name);
void enableSqliteUris();

// A record sealed by author() (deterministic: rewinds the RNG). Bits of `readers`: 1 reader, 2 author, 4 stranger.
crypto::Bytes sealFixed(std::uint16_t type, const RecordId &id, std::int64_t createdAtMs, std::string_view plaintext, unsigned readers,
                        const std::optional<RecordId> &caseId = std::nullopt);
// A record as a push carries it (and a pull returns it): id, type, createdAt from the sealed header, the body as
// standard base64, caseId/observationId as given (null when absent).
QJsonObject wireRecord(std::span<const std::uint8_t> sealed, const std::optional<RecordId> &caseId = std::nullopt,
                       const std::optional<RecordId> &observationId = std::nullopt);
QByteArray pushBody(const std::vector<QJsonObject> &records);

// The push harness's fixed records: some already stored in every fresh case store, one a conflicting twin (the id of a
// stored record, other bytes), the others new.
struct PoolRecord {
    crypto::Bytes sealed;
    RecordId id;
    bool preStored = false;
};
const std::vector<PoolRecord> &pushPool();
// The push fuzz_sync_messages checks raw replies against: pool records 1 (new), 0 (held), 2 (new, for the stranger).
inline constexpr std::array<std::size_t, 3> kSyncMessagesSent{1, 0, 2};
// Pushes the pool's pre-stored records into `store` (through the API; must succeed) and marks the baseline.
void preStorePool(CaseStore &store);
// One case store per process (in-memory database `name`) holding the pool's pre-stored records, reset to exactly
// that state on every call: call it at the start of each input.
const CaseStore &pooledCaseStore(const char *name);

// The district directory harness (fuzz_casestore_directory) and its seeds: a district whose root is districtRoot(),
// certificates and revocation lists it issues, the author's valid certificate (serial kDirectoryAuthorSerial) and
// the revocation list every reset store holds (#kDirectoryBaselineSequence, revoking kDirectoryStrangerSerial).
inline constexpr std::uint64_t kDirectoryBaselineSequence = 3;
inline constexpr RecordId kDirectoryAuthorSerial{{0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91}};
inline constexpr RecordId kDirectoryStrangerSerial{{0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93, 0x93}};
const directory::DistrictInfo &directoryDistrict();
crypto::Bytes directoryCertificate(const crypto::Identity &issuer, const crypto::Identity &holder, const RecordId &serial, std::int64_t issuedAtMs,
                                   std::int64_t notAfterMs, const std::string &name = "Ana Reyes");
crypto::Bytes directoryRevocations(std::uint64_t sequence, std::set<RecordId> serials);
const crypto::Bytes &directoryAuthorCertificate();

// Every reply: a JSON object; an error carries non-empty "code" and "message" strings and a 4xx status (the storage
// is in memory, so a 5xx is a bug too). Returns the parsed object.
QJsonObject checkReply(const casestore::ApiReply &reply);
// Authentication is decided first: a header that is not "Bearer ..." is 401, the exact valid header never is.
void checkAuthOutcome(const QByteArray &authorization, bool exactValidToken, const casestore::ApiReply &reply);

} // namespace triad::fuzz
