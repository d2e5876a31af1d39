#include "casestore_api.h"

#include "sealed_record.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

#include <cmath>
#include <optional>

namespace triad::casestore {

namespace {

constexpr std::string_view kTokenPrefix = "tdt1.";
constexpr std::string_view kTokenDomain = "triad.casestore.token.v1";

ApiReply reply(int status, const QJsonObject &o)
{
    return ApiReply{status, QJsonDocument(o).toJson(QJsonDocument::Compact)};
}

ApiReply failure(int status, const std::string &code, const std::string &message,
                 std::optional<std::size_t> index = std::nullopt, const std::string &id = {})
{
    QJsonObject o{{"code", QString::fromStdString(code)}, {"message", QString::fromStdString(message)}};
    if (index) o.insert("index", static_cast<qint64>(*index));
    if (!id.empty()) o.insert("id", QString::fromStdString(id));
    return reply(status, o);
}

ApiReply storageFailure(const char *what)
{
    return failure(503, "server.storage", std::string("The case store could not ") + what + ". Try again later.");
}

// 401 for a token refused, 503 when the storage could not look it up (the client retries with backoff).
ApiReply notAuthenticated(const Error &e)
{
    if (e.code.starts_with("auth.")) return failure(401, e.code, e.message);
    return storageFailure("check the device token");
}

std::string recordLabel(std::size_t i) { return "Record " + std::to_string(i + 1) + " of the batch"; }

// A JSON number that is an exact integer in [lo, hi].
std::optional<std::int64_t> exactInteger(const QJsonValue &v, double lo, double hi)
{
    if (!v.isDouble()) return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < lo || d > hi) return std::nullopt;
    return static_cast<std::int64_t>(d);
}

// Absent or null → nullopt in `out`, a canonical id → the id; anything else → false.
bool optionalId(const QJsonObject &o, const char *key, std::optional<RecordId> &out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isString()) return false;
    out = RecordId::fromString(v.toString().toStdString());
    return out.has_value();
}

QJsonValue idOrNull(const std::optional<RecordId> &id)
{
    return id ? QJsonValue(QString::fromStdString(id->toString())) : QJsonValue(QJsonValue::Null);
}

} // namespace

std::int64_t systemNowMs() { return QDateTime::currentMSecsSinceEpoch(); }

TokenHash hashToken(std::string_view token)
{
    TokenHash h{};
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, h.size());
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char *>(kTokenDomain.data()), kTokenDomain.size());
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char *>(token.data()), token.size());
    crypto_generichash_final(&st, h.data(), h.size());
    sodium_memzero(&st, sizeof st);
    return h;
}

Result<std::string> issueToken(RecordStorage &storage, const KeyId &readerKeyId, std::int64_t nowMs)
{
    std::array<std::uint8_t, 32> secret{};
    randombytes_buf(secret.data(), secret.size());
    const QByteArray encoded = QByteArray(reinterpret_cast<const char *>(secret.data()), secret.size())
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(secret.data(), secret.size());
    std::string token = std::string(kTokenPrefix) + encoded.toStdString();
    if (auto s = storage.addToken(hashToken(token), DeviceToken{readerKeyId, nowMs}); !s) return s.error();
    return token;
}

Result<std::vector<KeyId>> CaseStoreApi::authenticate(const QByteArray &authorization)
{
    static const QByteArray scheme("Bearer ");
    if (authorization.isEmpty())
        return makeError("auth.required", "This request needs a device token: Authorization: Bearer <token>.");
    if (!authorization.startsWith(scheme))
        return makeError("auth.invalid", "The Authorization header is not a bearer token.");
    const QByteArray token = authorization.mid(scheme.size()).trimmed();
    if (!token.startsWith(QByteArray(kTokenPrefix.data(), static_cast<qsizetype>(kTokenPrefix.size()))) || token.size() > 200)
        return makeError("auth.invalid", "The device token is not a Triad device token.");
    auto found = m_storage.findToken(hashToken(std::string_view(token.constData(), static_cast<std::size_t>(token.size()))));
    if (!found) return found.error();
    if (!*found) return makeError("auth.invalid", "The device token is unknown or was withdrawn; enroll the device again.");
    return std::vector<KeyId>{(*found)->readerKeyId};
}

ApiReply CaseStoreApi::push(const QByteArray &authorization, const QByteArray &contentType, const QByteArray &body)
{
    auto who = authenticate(authorization);
    if (!who) return notAuthenticated(who.error());
    if (body.size() > kMaxPushBodyBytes)
        return failure(413, "request.too_large", "The request body is larger than 64 MiB; push fewer records at a time.");
    if (!contentType.trimmed().toLower().startsWith("application/json"))
        return failure(400, "request.bad_content_type", "A push must be sent as application/json.");

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return failure(400, "request.malformed", "The request body is not a JSON object.");
    const QJsonValue list = doc.object().value(QLatin1String("records"));
    if (!list.isArray()) return failure(400, "request.malformed", "The request body has no \"records\" array.");
    const QJsonArray array = list.toArray();
    if (array.isEmpty()) return failure(400, "request.malformed", "The \"records\" array is empty.");
    if (static_cast<std::size_t>(array.size()) > kMaxRecordsPerPush)
        return failure(413, "request.too_large", "A push carries at most " + std::to_string(kMaxRecordsPerPush) + " records.");

    // Everything is checked before anything is stored: a refused batch changes nothing.
    std::vector<StoredRecord> records;
    records.reserve(static_cast<std::size_t>(array.size()));
    for (qsizetype qi = 0; qi < array.size(); ++qi) {
        const auto i = static_cast<std::size_t>(qi);
        if (!array.at(qi).isObject()) return failure(400, "request.malformed", recordLabel(i) + " is not a JSON object.", i);
        const QJsonObject o = array.at(qi).toObject();
        StoredRecord r;
        const QJsonValue idValue = o.value(QLatin1String("id"));
        const auto id = idValue.isString() ? RecordId::fromString(idValue.toString().toStdString()) : std::nullopt;
        if (!id) return failure(400, "request.malformed", recordLabel(i) + " has no valid \"id\" (a UUID).", i);
        const std::string idText = id->toString();
        const auto type = exactInteger(o.value(QLatin1String("type")), 1, 65535);
        const auto createdAt = exactInteger(o.value(QLatin1String("createdAt")), -9007199254740991.0, 9007199254740991.0);
        if (!type || !createdAt)
            return failure(400, "request.malformed", recordLabel(i) + " needs an integer \"type\" and \"createdAt\".", i, idText);
        if (!optionalId(o, "caseId", r.caseId) || !optionalId(o, "observationId", r.observationId))
            return failure(400, "request.malformed", recordLabel(i) + " has a \"caseId\" or \"observationId\" that is not a UUID or null.", i, idText);
        const QJsonValue bodyValue = o.value(QLatin1String("body"));
        if (!bodyValue.isString())
            return failure(400, "request.malformed", recordLabel(i) + " has no \"body\" (base64).", i, idText);
        const auto decoded = QByteArray::fromBase64Encoding(bodyValue.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return failure(400, "request.malformed", recordLabel(i) + "'s \"body\" is not valid base64.", i, idText);
        r.body.assign(decoded.decoded.begin(), decoded.decoded.end());

        // The sealed header is all the case store can read; the routing metadata must agree with it.
        auto header = crypto::parseHeader(r.body);
        if (!header)
            return failure(422, header.error().code, recordLabel(i) + " is not a sealed record the case store accepts: "
                                                         + header.error().message, i, idText);
        if (header->id != *id || header->type != *type || header->createdAtMs != *createdAt)
            return failure(422, "record.metadata_mismatch",
                           recordLabel(i) + "'s id, type or created-at does not match its sealed header.", i, idText);
        for (std::size_t j = 0; j < i; ++j)
            if (records[j].id == *id)
                return failure(400, "request.duplicate_id", recordLabel(i) + " repeats the id of an earlier record in the same batch.", i, idText);
        r.id = *id;
        r.type = header->type;
        r.createdAt = header->createdAtMs;
        r.authorKeyId = header->authorKeyId;
        for (const crypto::Recipient &rc : header->recipients) r.readerKeyIds.push_back(rc.readerKeyId);
        records.push_back(std::move(r));
    }

    auto outcome = m_storage.insertBatch(records, m_now());
    if (!outcome) return storageFailure("save the batch");
    if (outcome->conflictAt) {
        const std::size_t i = *outcome->conflictAt;
        return failure(409, "record.conflict",
                       recordLabel(i) + " has the id of a record the case store holds with different content; nothing was stored.",
                       i, records[i].id.toString());
    }
    QJsonArray results;
    int stored = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        results.append(QJsonObject{{"id", QString::fromStdString(records[i].id.toString())},
                                   {"status", outcome->added[i] ? "stored" : "held"}});
        stored += outcome->added[i] ? 1 : 0;
    }
    return reply(200, QJsonObject{{"protocol", kProtocolVersion}, {"stored", stored}, {"results", results}});
}

ApiReply CaseStoreApi::pull(const QByteArray &authorization, const QByteArray &after, const QByteArray &limit,
                            const QByteArray &count)
{
    auto who = authenticate(authorization);
    if (!who) return notAuthenticated(who.error());
    std::int64_t afterSeq = 0;
    if (!after.isEmpty()) {
        bool ok = false;
        afterSeq = after.toLongLong(&ok);
        if (!ok || afterSeq < 0 || after.size() > 19)
            return failure(400, "request.bad_cursor", "The \"after\" cursor is not one the case store gave out.");
    }
    int pageLimit = kDefaultPullLimit;
    if (!limit.isEmpty()) {
        bool ok = false;
        pageLimit = limit.toInt(&ok);
        if (!ok || pageLimit < 1 || pageLimit > kMaxPullLimit)
            return failure(400, "request.bad_limit", "\"limit\" must be a whole number from 1 to " + std::to_string(kMaxPullLimit) + ".");
    }
    bool wantCount = false;
    if (!count.isEmpty()) {
        wantCount = count == "1" || count == "true";
        if (!wantCount && count != "0" && count != "false")
            return failure(400, "request.malformed", "\"count\" must be 1 or true (or 0 or false, the default).");
    }
    auto page = m_storage.pull(*who, afterSeq, pageLimit);
    if (!page) return storageFailure("read records");

    QJsonArray out;
    std::size_t bytes = 0;
    std::int64_t next = afterSeq;
    bool more = page->more;
    for (std::size_t i = 0; i < page->records.size(); ++i) {
        const StoredRecord &r = page->records[i];
        if (i > 0 && bytes + r.body.size() > kMaxPullPageBytes) {
            more = true; // the rest comes with the next page
            break;
        }
        bytes += r.body.size();
        const QByteArray body(reinterpret_cast<const char *>(r.body.data()), static_cast<qsizetype>(r.body.size()));
        out.append(QJsonObject{{"id", QString::fromStdString(r.id.toString())},
                               {"type", r.type},
                               {"caseId", idOrNull(r.caseId)},
                               {"observationId", idOrNull(r.observationId)},
                               {"createdAt", static_cast<qint64>(r.createdAt)},
                               {"body", QString::fromLatin1(body.toBase64())}});
        next = r.seq;
    }
    QJsonObject result{{"protocol", kProtocolVersion}, {"records", out}, {"next", QString::number(next)}, {"more", more}};
    if (wantCount) {
        // A progress figure for a long first sync; records stored after this read may already be included.
        auto remaining = m_storage.countAfter(*who, next);
        if (!remaining) return storageFailure("read records");
        result.insert("remaining", static_cast<qint64>(*remaining));
    }
    return reply(200, result);
}

} // namespace triad::casestore
