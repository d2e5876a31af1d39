// The case store's request handling for protocol "triad-sync/1" (docs/protocol.md), independent of the HTTP
// library: each handler takes what the request carried and returns a status and a JSON body. The HTTP front
// end (casestore_server.h) only moves bytes in and out, so the same handlers can be fuzzed and benchmarked alone.
#pragma once

#include "certificate.h"
#include "record_storage.h"

#include <QByteArray>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <memory>

namespace triad::casestore {

inline constexpr const char *kProtocolVersion = "triad-sync/1";
inline constexpr qsizetype kMaxPushBodyBytes = 64 * 1024 * 1024; // request body (JSON) → 413 above
inline constexpr std::size_t kMaxRecordsPerPush = 500;           // → 413 above
inline constexpr int kDefaultPullLimit = 100;
inline constexpr int kMaxPullLimit = 1000;
// A pull's `skip` (docs/protocol.md "Pull"): at most this many ranges of seqs, and a page reads at most this many
// storage pages past records it skips before it answers (with "more" and the cursor moved on).
inline constexpr std::size_t kMaxSkipRanges = 64;
inline constexpr int kMaxSkipRounds = 8;
// District directory (a case store started with --district-info):
inline constexpr std::int64_t kEnrollChallengeLifetimeMs = 5 * 60 * 1000; // a nonce is good for five minutes, once
inline constexpr std::int64_t kMaxOpenEnrollChallenges = 10'000;          // unexpired nonces at once → 503 above
inline constexpr qsizetype kMaxEnrollBodyBytes = 256 * 1024;              // POST /v1/enroll (JSON) → 413 above
inline constexpr qsizetype kMaxCertificateBodyBytes = 128 * 1024;         // POST /v1/certificates → 413 above
inline constexpr qsizetype kMaxRevocationsBodyBytes = 17 * 1024 * 1024;   // POST /v1/revocations (1M serials) → 413 above
inline constexpr qsizetype kMaxDirectoryBodyBytes = 64 * 1024 * 1024;     // POST /v1/directory → 413 above
// Evidence media (docs/protocol.md "Evidence media"): a part is 4 stream chunks of 64 KiB + 17 bytes at most, and a
// medium of 64 MiB (the device's limit) is 256 parts.
inline constexpr qsizetype kMaxMediaPartBytes = 4 * (64 * 1024 + 17);  // PUT /v1/media/… → 413 above
inline constexpr std::int64_t kMaxMediaPartsPerEvidence = 256;         // → 413 media.too_many_parts beyond

using NowMs = std::function<std::int64_t()>;
std::int64_t systemNowMs();

// A good device token as a request's head showed it: its reader keys and, for a token enrolled with a certificate, that
// certificate's end (checked again against the clock once the body has arrived).
struct CheckedToken {
    std::vector<KeyId> readers;
    TokenHash hash{};
    std::optional<std::int64_t> expires;
};

// A push that passed every check, ready to store: its records and the case store's clock when it arrived.
struct PreparedPush {
    std::shared_ptr<const std::vector<StoredRecord>> records;
    std::int64_t receivedAtMs = 0;
    // The pushing device's reader keys and, when it sent `after` (its pull cursor), that cursor's epoch and seq: when
    // the epoch is the one the records were stored under, the reply says whether the device is caught up
    // (docs/protocol.md "Push", "next"); a cursor from another epoch asks nothing.
    std::vector<KeyId> readers;
    std::optional<std::int64_t> after;
    std::string afterEpoch;
    bool receiptTrees = false; // the device reads version 2 receipts (`receipts=2`); otherwise it is sent version 1
    // Set: the device's token, checked from the request's head only, for the storage to look up again as it stores the
    // records (PushBatch::token).
    std::optional<TokenHash> token;
};

// The receipt signer a case store with `receiptKey` gives its storage (RecordStorage::setReceiptSigner): receipt trees
// for records stored together, a version 1 receipt for one alone (directory::issueReceipts).
std::shared_ptr<const ReceiptSigner> receiptSignerFor(std::shared_ptr<const crypto::Identity> receiptKey);

struct ApiReply {
    ApiReply() = default;
    ApiReply(int s, QByteArray body, QByteArray type = {}) : status(s), json(std::move(body)), contentType(std::move(type)) {}
    int status = 200;
    QByteArray json;         // a JSON object; errors are {"code", "message"[, "index", "id"]}; a media part's bytes
    QByteArray contentType;  // empty: application/json
};

// Device tokens: "tdt1." + base64url (no padding) of 32 random bytes. Only BLAKE2b-256("triad.casestore.token.v1" ‖
// token) is stored, so the database alone lets nobody act as a device.
TokenHash hashToken(std::string_view token);
// The hash of the device token an Authorization value carries ("Bearer tdt1.…"), or the 401 error for one that
// carries none (absent, another scheme, not a Triad token): nothing is looked up.
Result<TokenHash> tokenHashOf(const QByteArray &authorization);
// A new token for `token` (its reader key id, issued-at and, at enrollment, certificate serial and person).
Result<std::string> issueToken(RecordStorage &storage, const DeviceToken &token);
// District IT's token by hand (triad-casestore --issue-token): bound to a reader key id only.
Result<std::string> issueToken(RecordStorage &storage, const KeyId &readerKeyId, std::int64_t nowMs);

class CaseStoreApi {
public:
    // With `district` (the district info devices pin, triad-casestore --district-info) the case store enrolls
    // devices by their certificates, takes the district's revocation lists and certificates, and checks the author
    // of every pushed record. Without it, tokens come only from --issue-token and authors are checked by devices.
    explicit CaseStoreApi(RecordStorage &storage, NowMs now = systemNowMs, std::optional<directory::DistrictInfo> district = std::nullopt)
        : m_storage(storage),
          m_now(std::move(now)),
          m_district(std::move(district))
    {}
    ~CaseStoreApi();
    CaseStoreApi(const CaseStoreApi &) = delete;
    CaseStoreApi &operator=(const CaseStoreApi &) = delete;

    // The case store's public origin ("scheme://host:port", directory::caseStoreOrigin): what devices sign at
    // enrollment (triad-casestore --origin, by default http://<--listen address>). Until it is set, enrollment is
    // refused (503 "enroll.no_origin"). Errors "origin.invalid".
    Status setOrigin(const std::string &url);
    const std::string &origin() const { return m_origin; }

    // The case store's receipt key (directory/receipt.h; triad-casestore --receipt-key): with it, every record a pull
    // serves carries a receipt signed by it, saying when the record first reached this case store by its clock.
    // District IT names its public half in the directory (triadctl district publish --receipt-key).
    // Set before the case store serves (the pull thread reads it unsynchronised). Each record is signed for as the
    // storage stores it (RecordStorage::setReceiptSigner), once — records stored together for the same readers under
    // one signature, a receipt tree's — and a pull serves the receipt kept with it; records
    // stored before, or under another key, are signed as they are served.
    void setReceiptKey(crypto::Identity key);

    // POST /v1/records[?after=CURSOR][&receipts=2][&signature=SIG]. `authorization` is the Authorization header's
    // value, `contentType` the Content-Type's, `after`, `receipts` and `signature` the raw query values (empty =
    // absent). `receipts` "2": the device reads receipt trees (directory/receipt.h version 2); absent or "1": every
    // receipt it is sent is version 1, signed as it is sent (devices from before receipt trees). `signature`: the
    // push signature (crypto::PushSignature, base64url) over the records sent with a person tag; with a district it
    // stands for those records' own signatures when it verifies against their certified author (docs/security.md
    // "Push signatures"); otherwise each is checked by its own. preparePush, the storage's insertBatch and pushStored
    // in turn.
    ApiReply push(const QByteArray &authorization, const QByteArray &contentType, const QByteArray &body, const QByteArray &after = {},
                  const QByteArray &receipts = {}, const QByteArray &signature = {});
    // A push in two halves, for the group commit (group_commit.h): every check (token, body, each record's form and
    // sealed header, with a district its author), giving the refusal or the records to store; then the reply for
    // those records once the storage's outcome is known (409 for a conflict, 503 for a storage error).
    // `headChecked`: what checkToken() gave for this same request's head, where the storage looks the token up
    // again as it stores the records (RecordStorage::checksTokensWhenStoring): not looked up here a second time, the
    // push carries the token's hash instead. Null: the token is checked here.
    std::variant<ApiReply, PreparedPush> preparePush(const QByteArray &authorization, const QByteArray &contentType, const QByteArray &body,
                                                     const QByteArray &after = {}, const QByteArray &receipts = {}, const QByteArray &signature = {},
                                                     const CheckedToken *headChecked = nullptr);
    ApiReply pushStored(const PreparedPush &push, const Result<BatchOutcome> &outcome);
    // GET /v1/records?after=CURSOR&limit=N[&count=1][&skip=EPOCH.A-B,…][&receipts=2]. `after`/`limit`/`count`/`skip`/
    // `receipts` are the raw query values (empty = absent); `receipts` as for a push. With `count` "1" or "true" the reply also carries "remaining": the caller's
    // records after this page. `skip`: seqs the caller's own push replies named (its own records, held already),
    // passed over instead of served; the cursor still moves past them.
    ApiReply pull(const QByteArray &authorization, const QByteArray &after, const QByteArray &limit, const QByteArray &count = {},
                  const QByteArray &skip = {}, const QByteArray &receipts = {});
    // The same through another connection to the same database: the HTTP front end answers pulls on a thread of its
    // own with its own connection (casestore_server.cpp), concurrently with the calls on the front end's thread. Safe
    // to call so once the case store is set up (origin, receipt key): it reads only the storage it is given and the
    // certificates verified before (under a lock).
    ApiReply pull(RecordStorage &storage, const QByteArray &authorization, const QByteArray &after, const QByteArray &limit,
                  const QByteArray &count = {}, const QByteArray &skip = {}, const QByteArray &receipts = {});

    // The 401 (or 503) a request with this Authorization value gets, or the reader keys of its good token: the HTTP
    // front end asks before it reads a push's body, and hands the readers to preparePush.
    std::variant<ApiReply, CheckedToken> checkToken(const QByteArray &authorization);
    // The same through another connection (a pull thread's), safe to call from its thread as pull() is.
    std::variant<ApiReply, CheckedToken> checkToken(RecordStorage &storage, const QByteArray &authorization);
    bool hasDistrict() const { return m_district.has_value(); }

    // GET /v1/enroll/challenge: a fresh nonce for one enrollment ({"nonce": base64, "expiresAt": ms}).
    ApiReply enrollChallenge();
    // POST /v1/enroll: {"certificate", "nonce", "signature"} (base64) → a device token bound to the certificate.
    ApiReply enroll(const QByteArray &contentType, const QByteArray &body);
    // POST /v1/certificates: one district certificate (application/octet-stream), for the push author check.
    ApiReply addCertificate(const QByteArray &contentType, const QByteArray &body);
    // POST /v1/revocations: the district's signed revocation list (application/octet-stream), newer lists only.
    ApiReply applyRevocations(const QByteArray &contentType, const QByteArray &body);

    // POST /v1/directory: the district's signed directory snapshot (application/octet-stream), newer ones only; the
    // same sequence again only byte for byte. Its revocation list and certificates are taken as if posted alone.
    ApiReply publishDirectory(const QByteArray &contentType, const QByteArray &body);
    // GET /v1/directory[?have=N]: the newest snapshot ({"sequence", "directory": base64}), for any device token;
    // without "directory" when it is the sequence N the device says it holds (so a sync costs a few bytes).
    ApiReply directory(const QByteArray &authorization, const QByteArray &have = {});
    // Both, by method ("GET" or "POST"), for the HTTP front end's one route.
    ApiReply directoryRoute(const QByteArray &method, const QByteArray &authorization, const QByteArray &contentType, const QByteArray &body,
                            const QByteArray &have = {});

    // Evidence media, by method, for the HTTP front end's /v1/media/ route (`path` is the whole request path):
    // GET /v1/media/{evidence id}: the names of the parts held ({"parts": [hex]}), for a reader of the record;
    // PUT /v1/media/{evidence id}/{name}: one part (application/octet-stream), from a device the record is sealed to;
    // GET /v1/media/{evidence id}/{name}: one part's bytes, for a reader of the record (sealed to it or granted).
    ApiReply media(const QByteArray &method, const QByteArray &path, const QByteArray &authorization, const QByteArray &contentType,
                   const QByteArray &body);

private:
    // Who may do what with an evidence record's media: `sealedTo` = the record's own header names the caller;
    // `reader` = that, or a key grant for the record names it (from a granter who may read it, by certificate).
    struct MediaAccess {
        bool sealedTo = false;
        bool reader = false;
    };
    // nullopt: no evidence record of that id is held.
    Result<std::optional<MediaAccess>> mediaAccess(const KeyId &caller, const RecordId &evidenceId);
    // The same for any record held.
    Result<MediaAccess> readAccess(RecordStorage &storage, const KeyId &caller, const StoredRecord &record);
    // The caller's reader key ids, or the 401 reply. Given `epoch`, the store's epoch is read with the token into it
    // (RecordStorage::findTokenWithEpoch: one round trip to PostgreSQL for both).
    Result<std::vector<KeyId>> authenticate(const QByteArray &authorization);
    // The 401 auth.expired error once the enrolled certificate ending at `notAfterMs` has expired.
    std::optional<Error> expiredCertificate(std::int64_t notAfterMs) const;
    // `checked`: given the token's hash and the end of the certificate it was enrolled with, where there is one.
    Result<std::vector<KeyId>> authenticate(RecordStorage &storage, const QByteArray &authorization, std::string *epoch = nullptr,
                                            CheckedToken *checked = nullptr);
    // With a district: the 422 for the first record whose author a device would refuse, or nullopt.
    std::optional<ApiReply> refusedAuthor(const std::vector<StoredRecord> &records, const std::optional<QByteArray> &pushSignature);
    // The certified keys of those signing key ids that are certified, valid now and not revoked (one storage lookup).
    Result<std::map<KeyId, crypto::PublicIdentity>> certifiedAuthors(RecordStorage &storage, const std::vector<KeyId> &signKeyIds);
    // A held certificate verified against the pinned district (remembered), or nullopt if it is not the district's.
    std::optional<directory::Certificate> verifiedCertificate(const Bytes &bytes);
    static constexpr std::size_t kMaxVerifiedCertificates = 20'000;
    RecordStorage &m_storage;
    NowMs m_now;
    std::optional<directory::DistrictInfo> m_district;
    std::mutex m_verifiedMutex;
    std::map<Bytes, directory::Certificate> m_verified; // certificates verified against the district, by their bytes
    std::string m_origin;
    std::shared_ptr<const crypto::Identity> m_receiptKey;
    std::shared_ptr<const ReceiptSigner> m_receiptSigner; // given to the storage; taken back by the destructor
};

} // namespace triad::casestore
