// The case store's request handling for protocol "triad-sync/1" (docs/protocol.md), independent of the HTTP
// library: each handler takes what the request carried and returns a status and a JSON body. The QHttpServer front
// end (casestore_server.h) only moves bytes in and out, so the same handlers can be fuzzed and benchmarked alone.
#pragma once

#include "record_storage.h"

#include <QByteArray>

#include <functional>
#include <string>
#include <string_view>

namespace triad::casestore {

inline constexpr const char *kProtocolVersion = "triad-sync/1";
inline constexpr qsizetype kMaxPushBodyBytes = 64 * 1024 * 1024; // request body (JSON) → 413 above
inline constexpr std::size_t kMaxRecordsPerPush = 500;            // → 413 above
inline constexpr int kDefaultPullLimit = 100;
inline constexpr int kMaxPullLimit = 1000;
inline constexpr std::size_t kMaxPullPageBytes = 8 * 1024 * 1024; // sealed bytes per pull page (at least one record)

using NowMs = std::function<std::int64_t()>;
std::int64_t systemNowMs();

struct ApiReply {
    int status = 200;
    QByteArray json; // always a JSON object; errors are {"code", "message"[, "index", "id"]}
};

// Device tokens: "tdt1." + base64url (no padding) of 32 random bytes. Only BLAKE2b-256("triad.casestore.token.v1" ‖
// token) is stored, so the database alone lets nobody act as a device.
TokenHash hashToken(std::string_view token);
Result<std::string> issueToken(RecordStorage &storage, const KeyId &readerKeyId, std::int64_t nowMs);

class CaseStoreApi {
public:
    explicit CaseStoreApi(RecordStorage &storage, NowMs now = systemNowMs) : m_storage(storage), m_now(std::move(now)) {}

    // POST /v1/records. `authorization` is the Authorization header's value, `contentType` the Content-Type's.
    ApiReply push(const QByteArray &authorization, const QByteArray &contentType, const QByteArray &body);
    // GET /v1/records?after=CURSOR&limit=N[&count=1]. `after`/`limit`/`count` are the raw query values (empty =
    // absent). With `count` "1" or "true" the reply also carries "remaining": the caller's records after this page.
    ApiReply pull(const QByteArray &authorization, const QByteArray &after, const QByteArray &limit,
                  const QByteArray &count = {});

private:
    // The caller's reader key ids, or the 401 reply.
    Result<std::vector<KeyId>> authenticate(const QByteArray &authorization);
    RecordStorage &m_storage;
    NowMs m_now;
};

} // namespace triad::casestore
