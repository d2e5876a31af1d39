// The client's side of protocol "triad-sync/1" (docs/protocol.md): the push request it writes and the case store
// replies it reads. Pure functions over bytes, so every reply parser is fuzzed (fuzz/fuzz_sync_messages.cpp) and
// a hostile or broken case store can only make a sync fail, never corrupt the device's store.
#pragma once

#include "local_store.h"
#include "sync_queue.h"

#include <QByteArray>

#include <optional>
#include <string>
#include <vector>

namespace triad::sync {

// POST /v1/records body for these outbox records.
QByteArray pushRequestBody(const std::vector<store::OutgoingRecord> &records);
// The push's `signature` (docs/protocol.md "Push"): crypto::PushSignature by `self` over the records of the batch
// sent with a person tag — those this device sealed, their tags checked against their bytes as the outbox was read
// (SyncQueue::nextOutgoing) — as unpadded base64url; empty when there are none.
QByteArray pushSignature(const std::vector<store::OutgoingRecord> &records, const crypto::Identity &self);

enum class PushStatus {
    Stored,
    Held
};
struct PushResponse {
    std::vector<std::pair<RecordId, PushStatus>> results; // in request order
    // Per result: the seq the case store gave a newly stored record (0: none told, or held) and its receipt as
    // signed when stored (empty: none). `epoch`: the store's epoch those seqs belong to (empty: none told). The
    // device names the seqs back in its pull's `skip` and keeps the receipts (docs/protocol.md "Push").
    std::vector<std::int64_t> seqs;
    std::vector<std::vector<std::uint8_t>> receipts;
    std::string epoch;
    std::optional<std::uint64_t> directory; // the newest district directory's sequence (district, something stored)
    // The cursor past this push's records when the device sent its cursor (`after`) and nothing else is there for it
    // (docs/protocol.md "Push"); empty otherwise.
    std::string next;
};
// A 200 reply to a push of `sent`: every record must be answered, in order, by id. Errors: "sync.bad_reply".
Result<PushResponse> parsePushResponse(const QByteArray &body, const std::vector<store::OutgoingRecord> &sent);
// parsePushResponse's fast path, for its tests: the reply read without a JSON DOM when it is exactly in the form the
// case store writes and parsePushResponse would accept it; nullopt otherwise (never an error of its own).
std::optional<PushResponse> readCanonicalPushReply(const QByteArray &body, const std::vector<store::OutgoingRecord> &sent);

struct PullResponse {
    std::vector<store::BundleRecord> records;
    std::string next;                      // the cursor to store after applying this page
    bool more = false;                     // pull again at once
    std::optional<std::int64_t> remaining; // records after this page (when asked with count=1)
    std::optional<std::uint64_t> directory; // the newest district directory's sequence (with count=1, district only)
};
// A 200 reply to a pull. Errors: "sync.bad_reply".
Result<PullResponse> parsePullResponse(const QByteArray &body);

struct ErrorReply {
    std::string code;                 // e.g. "record.conflict"; empty when the body is not a triad-sync error
    std::string message;              // for people
    std::optional<std::size_t> index; // the record of the batch it is about
};
// Any non-200 reply body (a proxy's HTML error page gives an empty code and a generic message).
ErrorReply parseErrorReply(const QByteArray &body);

// --- the district directory (GET /v1/directory) -------------------------------------------------------------
struct DirectoryResponse {
    std::uint64_t sequence = 0;                        // the newest the case store holds
    std::optional<std::vector<std::uint8_t>> snapshot; // its bytes as the district signed them (the device verifies
                                                       // them); absent when it is the one the device said it holds
};
// A 200 reply. Errors: "sync.bad_reply".
Result<DirectoryResponse> parseDirectoryResponse(const QByteArray &body);

// --- enrollment with a district-aware case store (GET /v1/enroll/challenge, POST /v1/enroll) -------------------
inline constexpr std::size_t kEnrollNonceBytes = 32;
// A 200 reply to the challenge: the nonce to sign. Errors: "sync.bad_reply".
Result<std::vector<std::uint8_t>> parseEnrollChallenge(const QByteArray &body);
// POST /v1/enroll body: the certificate, the nonce and the signature over them, each standard base64, and the case
// store origin the signature names (so a case store can say plainly that an enrollment was meant for another one).
QByteArray enrollRequestBody(std::span<const std::uint8_t> certificate, std::span<const std::uint8_t> nonce, std::span<const std::uint8_t> signature,
                             const std::string &origin);
struct EnrollResponse {
    std::string token; // "tdt1.…": a secret, never logged
    RecordId personId;
    RecordId serial;
};
// A 200 reply to the enrollment. Errors: "sync.bad_reply".
Result<EnrollResponse> parseEnrollResponse(const QByteArray &body);

} // namespace triad::sync
