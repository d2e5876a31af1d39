#include "casestore_api.h"

#include "receipt.h"

#include "record_rules.h"

#include "http_request_head.h"
#include "parallel.h"

#include "wire_json.h"

#include "domain.h"
#include "sealed_record.h"
#include "error_codes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

#include <algorithm>
#include <limits>
#include <cmath>
#include <set>
#include <optional>
#include <variant>

namespace triad::casestore {

namespace {

constexpr std::string_view kTokenPrefix = "tdt1.";
constexpr std::size_t kMaxAuthorCheckThreads = 8; // a push's signature checks (district mode), this thread included
constexpr std::string_view kTokenDomain = "triad.casestore.token.v1";

ApiReply reply(int status, const QJsonObject &o) { return ApiReply{status, QJsonDocument(o).toJson(QJsonDocument::Compact)}; }

ApiReply failure(int status, const std::string &code, const std::string &message, std::optional<std::size_t> index = std::nullopt,
                 const std::string &id = {})
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

QString jsonId(const RecordId &id) { return QString::fromStdString(id.toString()); }

bool isJson(const QByteArray &contentType) { return http::mediaTypeIs(contentType, "application/json", true); }

ApiReply noDistrict()
{
    return failure(404, "district.not_configured",
                   "This case store is not set up with a district (triad-casestore "
                   "--district-info); district IT issues device tokens by hand.");
}

// The signed district objects (certificates, revocation lists) are posted as the files district IT writes.
std::optional<ApiReply> refuseDirectoryBody(const QByteArray &contentType, const QByteArray &body, qsizetype maxBytes, const std::string &what)
{
    if (body.size() > maxBytes) return failure(413, "request.too_large", "The " + what + " is larger than any the district writes.");
    if (!http::mediaTypeIs(contentType, "application/octet-stream", false))
        return failure(400, "request.bad_content_type",
                       "A " + what + " is posted as application/octet-stream, byte for byte as district IT wrote it.");
    if (body.isEmpty()) return failure(400, "request.malformed", "The request carries no " + what + ".");
    return std::nullopt;
}

std::span<const std::uint8_t> bytesOf(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()), static_cast<std::size_t>(b.size())};
}

// A certificate the case store will not take: 422 if it cannot be read at all, 403 if it reads but is not one this
// district stands behind now (another district's, forged or altered, expired, revoked).
ApiReply certificateRefused(const Error &e)
{
    const bool unreadable = e.code == errc::certificate::kMalformed || e.code == errc::certificate::kUnsupportedVersion;
    return failure(unreadable ? 422 : 403, e.code, e.message);
}

ApiReply revokedCertificate(const directory::Certificate &c)
{
    return failure(403, "certificate.revoked", "The certificate for " + c.displayName + " has been revoked by the district.");
}

// The field `key` of a JSON object as standard base64 of exactly `size` bytes (any size when 0).
std::optional<QByteArray> base64Field(const QJsonObject &o, const char *key, qsizetype size = 0)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString()) return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || (size && decoded.decoded.size() != size)) return std::nullopt;
    return std::move(decoded.decoded);
}

// One record of a push read through the general JSON parser into its wire form, or its refusal: each field's form.
std::variant<wire::WireRecord, ApiReply> wireRecordOf(const QJsonValue &value, std::size_t i)
{
    if (!value.isObject()) return failure(400, "request.malformed", recordLabel(i) + " is not a JSON object.", i);
    const QJsonObject o = value.toObject();
    wire::WireRecord r;
    const QJsonValue idValue = o.value(QLatin1String("id"));
    const auto id = idValue.isString() ? RecordId::fromString(idValue.toString().toStdString()) : std::nullopt;
    if (!id) return failure(400, "request.malformed", recordLabel(i) + " has no valid \"id\" (a UUID).", i);
    r.id = *id;
    const std::string idText = id->toString();
    const auto type = wire::exactInteger(o.value(QLatin1String("type")), 1, 65535);
    const auto createdAt = wire::exactInteger(o.value(QLatin1String("createdAt")), -wire::kMaxExactInteger, wire::kMaxExactInteger);
    if (!type || !createdAt)
        return failure(400, "request.malformed", recordLabel(i) + " needs an integer \"type\" and \"createdAt\".", i, idText);
    r.type = static_cast<std::uint16_t>(*type);
    r.createdAt = *createdAt;
    if (!wire::optionalId(o, "caseId", r.caseId) || !wire::optionalId(o, "observationId", r.observationId))
        return failure(400, "request.malformed", recordLabel(i) + " has a \"caseId\" or \"observationId\" that is not a UUID or null.", i,
                       idText);
    const QJsonValue bodyValue = o.value(QLatin1String("body"));
    if (!bodyValue.isString()) return failure(400, "request.malformed", recordLabel(i) + " has no \"body\" (base64).", i, idText);
    auto decoded = QByteArray::fromBase64Encoding(bodyValue.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) return failure(400, "request.malformed", recordLabel(i) + "'s \"body\" is not valid base64.", i, idText);
    r.body.assign(decoded.decoded.begin(), decoded.decoded.end());
    // The author's same-person tag, kept and served as it came: the case store holds no key to check it, and a
    // device checks it only for its own person's records, falling back to the signature (docs/security.md).
    if (o.contains(QLatin1String("personTag"))) {
        auto tag = base64Field(o, "personTag", static_cast<qsizetype>(std::tuple_size_v<crypto::PersonTag>));
        if (!tag) return failure(400, "request.malformed", recordLabel(i) + "'s \"personTag\" is not 32 bytes of base64.", i, idText);
        r.personTag.assign(tag->begin(), tag->end());
    }
    return r;
}

// Checks record i of a push against its sealed header and the records before it, and appends it to `records`; the
// refusal otherwise. The same whichever parser read it.
std::optional<ApiReply> acceptRecord(wire::WireRecord &&w, std::size_t i, std::vector<StoredRecord> &records)
{
    const std::string idText = w.id.toString();
    StoredRecord r;
    r.body = std::move(w.body);
    r.personTag = std::move(w.personTag);
    r.caseId = w.caseId;
    r.observationId = w.observationId;
    // The sealed header is all the case store can read; the routing metadata must agree with it.
    auto header = crypto::parseHeader(r.body);
    if (!header)
        return failure(422, header.error().code, recordLabel(i) + " is not a sealed record the case store accepts: " + header.error().message, i,
                       idText);
    if (header->id != w.id || header->type != w.type || header->createdAtMs != w.createdAt)
        return failure(422, "record.metadata_mismatch", recordLabel(i) + "'s id, type or created-at does not match its sealed header.", i,
                       idText);
    // Format v2 signs the case and link ids: a record filed under anything else was moved on its way here, and kept
    // so it would be served misfiled to every device (which would set it aside) while its author's honest push of
    // the same bytes could only be "held". The rule is the devices' (core/record_rules.h judgeRouting).
    if (auto routed = rules::judgeRouting(header->formatVersion, header->caseId, header->linkId, r.caseId, r.observationId); !routed)
        return failure(422, routed.code, recordLabel(i) + " was refused: " + routed.reason, i, idText);
    for (std::size_t j = 0; j < i; ++j)
        if (records[j].id == w.id)
            return failure(400, "request.duplicate_id", recordLabel(i) + " repeats the id of an earlier record in the same batch.", i, idText);
    r.id = w.id;
    r.type = header->type;
    r.createdAt = header->createdAtMs;
    r.authorKeyId = header->authorKeyId;
    for (const crypto::Recipient &rc : header->recipients) r.readerKeyIds.push_back(rc.readerKeyId);
    records.push_back(std::move(r));
    return std::nullopt;
}

// A push exactly as a device writes it, {"records":[…]} with each record as wire::appendRecord writes it, read
// without a DOM; nullopt for any other form (the general parser then reads it, or says what is wrong).
std::optional<std::vector<wire::WireRecord>> readCanonicalPush(const QByteArray &body)
{
    static constexpr std::string_view kHead = R"({"records":[)";
    if (!body.startsWith(QByteArrayView(kHead.data(), static_cast<qsizetype>(kHead.size())))) return std::nullopt;
    qsizetype pos = static_cast<qsizetype>(kHead.size());
    auto records = wire::readCanonicalRecords(body, pos);
    if (!records || pos != body.size() - 1 || body.at(pos) != '}') return std::nullopt;
    return records;
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
    return issueToken(storage, DeviceToken{readerKeyId, nowMs, std::nullopt, std::nullopt});
}

Result<std::string> issueToken(RecordStorage &storage, const DeviceToken &deviceToken)
{
    std::array<std::uint8_t, 32> secret{};
    randombytes_buf(secret.data(), secret.size());
    const QByteArray encoded = QByteArray(reinterpret_cast<const char *>(secret.data()), secret.size())
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(secret.data(), secret.size());
    std::string token = std::string(kTokenPrefix) + encoded.toStdString();
    if (auto s = storage.addToken(hashToken(token), deviceToken); !s) return s.error();
    return token;
}

Result<TokenHash> tokenHashOf(const QByteArray &authorization)
{
    static const QByteArray scheme("Bearer ");
    if (authorization.isEmpty()) return makeError(errc::auth::kRequired, "This request needs a device token: Authorization: Bearer <token>.");
    if (!authorization.startsWith(scheme)) return makeError(errc::auth::kInvalid, "The Authorization header is not a bearer token.");
    const QByteArray token = authorization.mid(scheme.size()).trimmed();
    if (!token.startsWith(QByteArray(kTokenPrefix.data(), static_cast<qsizetype>(kTokenPrefix.size()))) || token.size() > 200)
        return makeError(errc::auth::kInvalid, "The device token is not a Triad device token.");
    return hashToken(std::string_view(token.constData(), static_cast<std::size_t>(token.size())));
}

Result<std::vector<KeyId>> CaseStoreApi::authenticate(const QByteArray &authorization) { return authenticate(m_storage, authorization); }

Result<std::vector<KeyId>> CaseStoreApi::authenticate(RecordStorage &storage, const QByteArray &authorization, std::string *epoch,
                                                      CheckedToken *checked)
{
    auto hashed = tokenHashOf(authorization);
    if (!hashed) return hashed.error();
    const TokenHash hash = *hashed;
    if (checked) checked->hash = hash;
    Result<std::optional<DeviceToken>> found = std::optional<DeviceToken>{};
    std::optional<std::optional<Bytes>> certificateRead; // set: read with the token (findTokenWithEpoch)
    if (epoch) {
        auto both = storage.findTokenWithEpoch(hash);
        if (!both) return both.error();
        found = std::move(both->token);
        *epoch = std::move(both->epoch);
        if (both->certificateRead) certificateRead = std::move(both->certificate);
    } else {
        found = storage.findToken(hash);
    }
    if (!found) return found.error();
    if (!*found) return makeError(errc::auth::kInvalid, "The device token is unknown or was withdrawn; enroll the device again.");
    // A token issued at enrollment lasts as long as the certificate it was issued for: after it expires the device
    // enrolls again with its renewed certificate (docs/protocol.md "Authentication").
    if (const auto serial = (*found)->certificateSerial; serial && m_district) {
        Result<std::optional<Bytes>> held = certificateRead ? std::move(*certificateRead) : storage.certificateBySerial(*serial);
        if (!held) return held.error();
        const std::optional<directory::Certificate> c = *held ? verifiedCertificate(**held) : std::nullopt;
        if (!c) return makeError(errc::auth::kInvalid, "The certificate this device enrolled with is not held here; enroll the device again.");
        if (auto refused = expiredCertificate(c->notAfterMs)) return *refused;
        if (checked) checked->expires = c->notAfterMs;
    }
    return std::vector<KeyId>{(*found)->readerKeyId};
}

std::optional<Error> CaseStoreApi::expiredCertificate(std::int64_t notAfterMs) const
{
    if (m_now() <= notAfterMs) return std::nullopt;
    return makeError(errc::auth::kExpired, "The certificate this device enrolled with expired on "
                                               + QDateTime::fromMSecsSinceEpoch(notAfterMs, Qt::UTC).toString(Qt::ISODate).toStdString()
                                               + "; enroll the device again with its renewed certificate. Nothing on the device is lost.");
}

std::variant<ApiReply, CheckedToken> CaseStoreApi::checkToken(const QByteArray &authorization) { return checkToken(m_storage, authorization); }

std::variant<ApiReply, CheckedToken> CaseStoreApi::checkToken(RecordStorage &storage, const QByteArray &authorization)
{
    // Where a read is a round trip, the token and its certificate in one statement (findTokenWithEpoch; the epoch unused).
    std::string epoch;
    CheckedToken checked;
    auto who = authenticate(storage, authorization, storage.readsWaitForServer() ? &epoch : nullptr, &checked);
    if (!who) return notAuthenticated(who.error());
    checked.readers = std::move(*who);
    return checked;
}

ApiReply CaseStoreApi::push(const QByteArray &authorization, const QByteArray &contentType, const QByteArray &body, const QByteArray &after,
                            const QByteArray &receipts, const QByteArray &signature)
{
    auto prepared = preparePush(authorization, contentType, body, after, receipts, signature);
    if (auto *refused = std::get_if<ApiReply>(&prepared)) return std::move(*refused);
    const PreparedPush &push = std::get<PreparedPush>(prepared);
    return pushStored(push, m_storage.insertBatch(*push.records, push.receivedAtMs));
}

namespace {

// A sequence number as cursors and `skip` write it: 1 to 18 decimal digits. -1 for anything else.
std::int64_t seqNumber(const QByteArray &digits)
{
    const bool ok = !digits.isEmpty() && digits.size() <= 18 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    return ok ? digits.toLongLong() : -1;
}

// A pull cursor ("<epoch>.<seq>", docs/protocol.md "Pull"): its seq, or -1 when it is no cursor at all; `sameEpoch`
// tells whether it is from this store's epoch.
std::int64_t cursorSeq(const QByteArray &after, const std::string &epoch, bool &sameEpoch)
{
    const qsizetype dot = after.indexOf('.');
    sameEpoch = dot >= 0 && after.left(dot).toStdString() == epoch;
    return dot < 0 ? -1 : seqNumber(after.mid(dot + 1));
}

// A cursor's epoch and seq, compared with the store's epoch later; seq -1 for anything that is no cursor.
std::int64_t cursorParts(const QByteArray &after, std::string &epoch)
{
    const qsizetype dot = after.indexOf('.');
    if (dot < 0) return -1;
    epoch = after.left(dot).toStdString();
    return seqNumber(after.mid(dot + 1));
}

ApiReply notACursor() { return failure(400, "request.bad_cursor", "The \"after\" cursor is not one the case store gave out."); }

// A request's `receipts`: whether the device reads receipt trees (version 2); nullopt when the value is neither.
std::optional<bool> readsReceiptTrees(const QByteArray &receipts)
{
    if (receipts.isEmpty() || receipts == "1") return false;
    if (receipts == "2") return true;
    return std::nullopt;
}

ApiReply badReceipts()
{
    return failure(400, "request.bad_receipts", "\"receipts\" is the newest receipt version the device reads: 1 or 2.");
}

// A push's `signature` (crypto::PushSignature): 64 bytes as unpadded base64url, the form devices send; nullopt for
// anything else.
std::optional<QByteArray> pushSignatureOf(const QByteArray &signature)
{
    if (signature.size() != 86) return std::nullopt; // 64 bytes, unpadded
    auto decoded = QByteArray::fromBase64Encoding(signature, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != static_cast<qsizetype>(crypto::kPushSignatureBytes)) return std::nullopt;
    return std::move(decoded.decoded);
}

} // namespace

std::variant<ApiReply, PreparedPush> CaseStoreApi::preparePush(const QByteArray &authorization, const QByteArray &contentType, const QByteArray &body,
                                                               const QByteArray &after, const QByteArray &receipts, const QByteArray &signature,
                                                               const CheckedToken *headChecked)
{
    std::optional<TokenHash> recheck;
    Result<std::vector<KeyId>> who = std::vector<KeyId>{};
    if (headChecked && m_storage.checksTokensWhenStoring()) {
        // Looked up at the head; looked up again as the records are stored. The enrolled certificate's end, read at the
        // head, is compared with the clock again now.
        who = headChecked->readers;
        recheck = headChecked->hash;
        if (headChecked->expires)
            if (auto expired = expiredCertificate(*headChecked->expires)) who = *expired;
    } else {
        who = authenticate(authorization);
    }
    if (!who) return notAuthenticated(who.error());
    const std::optional<bool> trees = readsReceiptTrees(receipts);
    if (!trees) return badReceipts();
    std::optional<QByteArray> pushSignature;
    if (!signature.isEmpty()) {
        pushSignature = pushSignatureOf(signature);
        if (!pushSignature)
            return failure(400, "request.bad_signature", "\"signature\" is not a push signature: 64 bytes as unpadded base64url.");
    }
    // The device's pull cursor, for "next" in the reply: one that is no cursor at all is refused like a pull's; its
    // epoch is compared with the one the records are stored under (pushStored): one from another epoch asks nothing
    // (the push is stored all the same, and the device's pull finds out).
    std::optional<std::int64_t> afterSeq;
    std::string afterEpoch;
    if (!after.isEmpty()) {
        const std::int64_t seq = cursorParts(after, afterEpoch);
        if (seq < 0) return notACursor();
        afterSeq = seq;
    }
    if (body.size() > kMaxPushBodyBytes)
        return failure(413, "request.too_large", "The request body is larger than 64 MiB; push fewer records at a time.");
    if (!isJson(contentType)) return failure(400, "request.bad_content_type", "A push must be sent as application/json (charset utf-8 only).");

    // Each record's form, from the push as devices write it (read without a DOM) or through the general parser.
    // `canonical` is set when the push was read that way; `array` holds the general parser's records otherwise.
    std::optional<std::vector<wire::WireRecord>> canonical = readCanonicalPush(body);
    QJsonArray array;
    if (!canonical) {
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return failure(400, "request.malformed", "The request body is not a JSON object.");
        const QJsonValue list = doc.object().value(QLatin1String("records"));
        if (!list.isArray()) return failure(400, "request.malformed", "The request body has no \"records\" array.");
        array = list.toArray();
    }
    const std::size_t count = canonical ? canonical->size() : static_cast<std::size_t>(array.size());
    if (count == 0) return failure(400, "request.malformed", "The \"records\" array is empty.");
    if (count > kMaxRecordsPerPush)
        return failure(413, "request.too_large", "A push carries at most " + std::to_string(kMaxRecordsPerPush) + " records.");

    // Everything is checked before anything is stored: a refused batch changes nothing. First each record's form, up
    // to the first refused; then, with a district, the authors of the records before it (one storage lookup for all
    // of them). The refusal names the first record refused either way.
    auto records = std::make_shared<std::vector<StoredRecord>>();
    records->reserve(count);
    std::optional<ApiReply> formRefusal;
    for (std::size_t i = 0; i < count && !formRefusal; ++i) {
        if (canonical) {
            formRefusal = acceptRecord(std::move((*canonical)[i]), i, *records);
            continue;
        }
        auto read = wireRecordOf(array.at(static_cast<qsizetype>(i)), i);
        if (auto *refused = std::get_if<ApiReply>(&read))
            formRefusal = std::move(*refused);
        else
            formRefusal = acceptRecord(std::get<wire::WireRecord>(std::move(read)), i, *records);
    }
    // A push signature is used only for a push whose every record was read: one refused for its form is refused all
    // the same, and names its first refused record as before.
    if (m_district)
        if (auto refused = refusedAuthor(*records, formRefusal ? std::nullopt : pushSignature)) return *refused;
    if (formRefusal) return *formRefusal;
    return PreparedPush{std::move(records), m_now(), std::move(*who), afterSeq, std::move(afterEpoch), *trees, recheck};
}

ApiReply CaseStoreApi::pushStored(const PreparedPush &push, const Result<BatchOutcome> &outcome)
{
    const std::vector<StoredRecord> &records = *push.records;
    if (!outcome) return storageFailure("save the batch");
    if (outcome->tokenWithdrawn)
        return notAuthenticated(makeError(errc::auth::kInvalid, "The device token is unknown or was withdrawn; enroll the device again."));
    if (outcome->conflictAt) {
        const std::size_t i = *outcome->conflictAt;
        return failure(409, "record.conflict",
                       recordLabel(i) + " has the id of a record the case store holds with different content; nothing was stored.", i,
                       records[i].id.toString());
    }
    // The store's epoch with the records' seqs: the device names them back, under that epoch, in its pull's `skip`
    // (docs/protocol.md "Push"), so it is not sent its own records again. Read in the storing transaction where the
    // storage does (PostgreSQL: no round trip more on this thread), else now.
    Result<std::string> epoch = outcome->epoch;
    if (outcome->epoch.empty()) epoch = m_storage.epoch();
    if (!epoch) return storageFailure("save the batch");
    // Written directly, like a pull page: ids, numbers, base64 and two fixed words need no escaping.
    int stored = 0;
    QByteArray results;
    results.reserve(static_cast<qsizetype>(records.size()) * (m_receiptKey ? 300 : 80));
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i > 0) results.append(',');
        results.append(R"({"id":")").append(records[i].id.toString().c_str());
        const std::int64_t seq = i < outcome->seqs.size() ? outcome->seqs[i] : 0;
        if (!outcome->added[i]) {
            results.append(R"(","status":"held"})");
            continue;
        }
        ++stored;
        results.append(R"(","status":"stored")");
        if (seq > 0) results.append(R"(,"seq":)").append(QByteArray::number(static_cast<qint64>(seq)));
        if (i < outcome->receipts.size() && !outcome->receipts[i].empty()) {
            // A device that does not read receipt trees is sent the record's receipt alone, signed now.
            std::vector<Bytes> alone;
            if (!push.receiptTrees && directory::isReceiptTree(outcome->receipts[i]) && m_receiptSigner) {
                const ReceiptRequest request{&records[i].id, records[i].body, seq, push.receivedAtMs};
                alone = (*m_receiptSigner)(std::span<const ReceiptRequest>(&request, 1));
            }
            results.append(R"(,"receipt":")");
            wire::appendBase64(results, alone.empty() ? outcome->receipts[i] : alone.front());
            results.append('"');
        }
        results.append('}');
    }
    QByteArray json;
    json.reserve(results.size() + 128);
    json.append(R"({"protocol":")").append(kProtocolVersion).append(R"(","epoch":")").append(epoch->c_str());
    json.append(R"(","stored":)").append(QByteArray::number(stored));
    // The newest district directory's sequence, as on a pull's first page: the device checks the receipts above by
    // the newest directory, asking for it first when it holds another.
    if (m_district && stored > 0) {
        auto sequence = m_storage.directorySequence();
        if (!sequence) return storageFailure("read the district directory");
        if (*sequence) json.append(R"(,"directory":)").append(QByteArray::number(static_cast<qint64>(**sequence)));
    }
    json.append(R"(,"results":[)").append(results).append(']');
    // Caught up: every record for the pusher's readers after its cursor is one this push stored (read just now, after
    // the commit), so its pull would bring nothing it does not hold; `next` is the cursor past them. Not said when
    // anything else is there, when the push stored nothing, or for a key grant (a pull may bring its record along).
    if (push.after && push.afterEpoch == *epoch && stored > 0) {
        std::set<std::int64_t> mine;
        for (std::size_t i = 0; i < records.size() && i < outcome->seqs.size(); ++i)
            if (outcome->added[i] && outcome->seqs[i] > 0) mine.insert(outcome->seqs[i]);
        auto page = m_storage.pull(push.readers, *push.after, static_cast<int>(mine.size()) + 1);
        if (!page) return storageFailure("read records");
        const bool caughtUp = !page->more && !page->records.empty()
                              && std::all_of(page->records.begin(), page->records.end(), [&](const StoredRecord &r) {
                                     return mine.count(r.seq) && r.type != static_cast<std::uint16_t>(RecordType::KeyGrant);
                                 });
        if (caughtUp)
            json.append(R"(,"next":")").append(epoch->c_str()).append('.').append(QByteArray::number(static_cast<qint64>(page->records.back().seq))).append('"');
    }
    json.append('}');
    return ApiReply{200, std::move(json)};
}

std::optional<ApiReply> CaseStoreApi::refusedAuthor(const std::vector<StoredRecord> &records, const std::optional<QByteArray> &pushSignature)
{
    // The signature is checked as a device checks it before storing a pulled record, so what a device would refuse
    // never enters the store (docs/protocol.md "Push"); for the records a verified push signature covers, that one
    // signature by their certified author stands for theirs (docs/security.md "Push signatures").
    const KeyId recordsKey = m_district->recordsReader().signKeyId();
    std::set<KeyId> signers;
    for (const StoredRecord &r : records)
        if (r.authorKeyId != recordsKey) signers.insert(r.authorKeyId);
    auto certified = certifiedAuthors(m_storage, {signers.begin(), signers.end()});
    if (!certified) return storageFailure("check the records' authors");
    // A push signature (docs/security.md "Push signatures") covers the records sent with a person tag, in push order,
    // and stands for their own signatures when they are all one certified author's and it verifies against that
    // author's keys. Otherwise — tagged records of two authors, the records key's, an author not certified, a
    // signature of other bytes (altered on the way) — it is not used: each record is checked by its own signature, as
    // without one, and a refusal names the record.
    std::optional<crypto::VerifiedPush> vouched;
    constexpr std::size_t kNotCovered = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> coveredIndex(records.size(), kNotCovered);
    if (pushSignature) {
        std::optional<KeyId> author;
        bool oneAuthor = true;
        for (std::size_t i = 0; i < records.size() && oneAuthor; ++i) {
            if (records[i].personTag.empty()) continue;
            oneAuthor = !author || *author == records[i].authorKeyId;
            author = records[i].authorKeyId;
        }
        if (auto it = author && oneAuthor ? certified->find(*author) : certified->end(); it != certified->end()) {
            crypto::PushSignature covered;
            for (std::size_t i = 0; i < records.size(); ++i) {
                if (records[i].personTag.empty()) continue;
                coveredIndex[i] = covered.count();
                covered.add(records[i].body, records[i].personTag);
            }
            vouched = covered.verify(it->second, std::span(reinterpret_cast<const std::uint8_t *>(pushSignature->constData()),
                                                           static_cast<std::size_t>(pushSignature->size())));
        }
    }
    // Every signature is checked, spread over the cores as a device does it (each check reads only its record and
    // the certified keys); the refusal then names the first record refused, as before.
    std::vector<std::optional<std::string>> refusals(records.size()); // the error code, or nullopt: verified
    parallelRanges(records.size(), kMaxAuthorCheckThreads, 32, [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            const StoredRecord &r = records[i];
            std::optional<crypto::PublicIdentity> author;
            // The signer's standing, judged by the record rules as a device judges it (the case store cannot read
            // the record, so case roles are for the devices): certified and unrevoked, or the district records key
            // for what that key may sign.
            rules::Signer signer;
            if (r.authorKeyId == recordsKey) {
                signer.standing = rules::Signer::Standing::DistrictRecordsKey;
                author = m_district->recordsReader();
            } else if (auto it = certified->find(r.authorKeyId); it != certified->end()) {
                signer.standing = rules::Signer::Standing::Certified;
                author = it->second;
            }
            if (auto type = recordTypeFromNumber(r.type); !type || !rules::judgeStanding(*type, signer)) author.reset();
            const auto lookup = [&](const KeyId &) { return author; };
            auto verified = vouched && coveredIndex[i] != kNotCovered ? crypto::verifyAuthorInSignedPush(r.body, coveredIndex[i], lookup, *vouched)
                                                                   : crypto::verifyAuthor(r.body, lookup);
            if (!verified) refusals[i] = verified.error().code;
        }
    });
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!refusals[i]) continue;
        const StoredRecord &r = records[i];
        if (*refusals[i] == errc::record::kBadSignature)
            return failure(422, "record.bad_signature",
                           recordLabel(i)
                               + " does not carry a valid signature of its author: "
                                 "it was altered or forged. Nothing was stored.",
                           i, r.id.toString());
        return failure(422, "record.unknown_author",
                       recordLabel(i)
                           + " is signed by a key this district has not "
                             "certified to the case store, or whose certificate expired or was revoked. Nothing was stored.",
                       i, r.id.toString());
    }
    return std::nullopt;
}

Result<std::map<KeyId, crypto::PublicIdentity>> CaseStoreApi::certifiedAuthors(RecordStorage &storage, const std::vector<KeyId> &signKeyIds)
{
    std::map<KeyId, crypto::PublicIdentity> out;
    if (signKeyIds.empty()) return out;
    auto held = storage.certificatesFor(signKeyIds);
    if (!held) return held.error();
    // As a device's directory: per key, the newest certificate the pinned district signed that is valid now and not
    // revoked. The storage is not trusted for any of that: each certificate is verified here (once per process: a
    // verified one is remembered by its bytes; whether it is valid now is checked every time).
    const std::int64_t now = m_now();
    std::map<KeyId, directory::Certificate> best;
    for (const HeldCertificate &h : *held) {
        if (h.revoked) continue;
        const std::optional<directory::Certificate> c = verifiedCertificate(h.bytes);
        if (!c || now < c->issuedAtMs || now > c->notAfterMs) continue;
        const KeyId signer = c->keys.signKeyId();
        if (std::find(signKeyIds.begin(), signKeyIds.end(), signer) == signKeyIds.end()) continue;
        if (auto it = best.find(signer); it == best.end() || c->issuedAtMs > it->second.issuedAtMs) best[signer] = *c;
    }
    for (const auto &[signer, c] : best) out.emplace(signer, c.keys);
    return out;
}

std::optional<directory::Certificate> CaseStoreApi::verifiedCertificate(const Bytes &bytes)
{
    {
        std::lock_guard lock(m_verifiedMutex); // pulls run on the front end's pull thread too
        if (auto it = m_verified.find(bytes); it != m_verified.end()) return it->second;
    }
    auto decoded = directory::decodeCertificate(bytes);
    if (!decoded) return std::nullopt;
    // Verified at its own start time: whether it is valid now is the caller's check.
    auto c = directory::verifyCertificate(bytes, *m_district, decoded->issuedAtMs);
    if (!c) return std::nullopt;
    std::lock_guard lock(m_verifiedMutex);
    if (m_verified.size() >= kMaxVerifiedCertificates) m_verified.clear(); // a bound, not an eviction policy
    m_verified.emplace(bytes, *c);
    return std::move(*c);
}

ApiReply CaseStoreApi::enrollChallenge()
{
    if (!m_district) return noDistrict();
    EnrollNonce nonce{};
    randombytes_buf(nonce.data(), nonce.size());
    const std::int64_t now = m_now(), expiresAt = now + kEnrollChallengeLifetimeMs;
    auto added = m_storage.addChallenge(nonce, expiresAt, now, kMaxOpenEnrollChallenges);
    if (!added) return storageFailure("start an enrollment");
    if (!*added) return failure(503, "enroll.busy", "Too many enrollments are in progress at once; try again in a few minutes.");
    const QByteArray raw(reinterpret_cast<const char *>(nonce.data()), static_cast<qsizetype>(nonce.size()));
    return reply(
        200,
        QJsonObject{{"protocol", kProtocolVersion}, {"nonce", QString::fromLatin1(raw.toBase64())}, {"expiresAt", static_cast<qint64>(expiresAt)}});
}

std::shared_ptr<const ReceiptSigner> receiptSignerFor(std::shared_ptr<const crypto::Identity> receiptKey)
{
    // Records stored together for the same readers share a receipt tree's signature (directory::issueReceipts); a
    // record signed as it is served is signed alone (deterministic Ed25519: the same bytes at every pull).
    return std::make_shared<const ReceiptSigner>([receiptKey = std::move(receiptKey)](std::span<const ReceiptRequest> requests) {
        std::vector<directory::Receipt> receipts;
        receipts.reserve(requests.size());
        for (const ReceiptRequest &q : requests)
            receipts.push_back({*q.id, crypto::sealedHash(q.body), static_cast<std::uint64_t>(q.seq), q.receivedAtMs, {}});
        return directory::issueReceipts(*receiptKey, receipts);
    });
}

CaseStoreApi::~CaseStoreApi()
{
    // The storage may outlive this API (another one may serve it next, with another key or none); it must not die
    // before it.
    if (m_receiptSigner) m_storage.clearReceiptSigner(m_receiptSigner);
}

void CaseStoreApi::setReceiptKey(crypto::Identity key)
{
    auto signing = std::make_shared<const crypto::Identity>(std::move(key));
    m_receiptKey = signing;
    m_receiptSigner = receiptSignerFor(signing);
    m_storage.setReceiptSigner(m_receiptSigner);
}

Status CaseStoreApi::setOrigin(const std::string &url)
{
    auto origin = directory::caseStoreOrigin(url);
    if (!origin) return origin.error();
    m_origin = std::move(*origin);
    return {};
}

ApiReply CaseStoreApi::enroll(const QByteArray &contentType, const QByteArray &body)
{
    if (!m_district) return noDistrict();
    if (m_origin.empty())
        return failure(503, "enroll.no_origin",
                       "This case store does not know its own public address (triad-casestore "
                       "--origin), so it cannot check what a device signed; enrollment is off.");
    if (body.size() > kMaxEnrollBodyBytes) return failure(413, "request.too_large", "The enrollment request is larger than any certificate.");
    if (!isJson(contentType)) return failure(400, "request.bad_content_type", "An enrollment must be sent as application/json.");
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return failure(400, "request.malformed", "The request body is not a JSON object.");
    const QJsonObject o = doc.object();
    const auto certificate = base64Field(o, "certificate");
    const auto nonce = base64Field(o, "nonce", static_cast<qsizetype>(EnrollNonce{}.size()));
    const auto signature = base64Field(o, "signature", 64);
    if (!certificate || !nonce || !signature)
        return failure(400, "request.malformed",
                       "An enrollment needs \"certificate\", \"nonce\" (32 bytes) and \"signature\" "
                       "(64 bytes), each in base64.");

    // The nonce is used up by this attempt whatever its outcome: a signature is good for one try.
    EnrollNonce n{};
    std::copy(nonce->begin(), nonce->end(), n.begin());
    const std::int64_t now = m_now();
    auto taken = m_storage.takeChallenge(n, now);
    if (!taken) return storageFailure("check the enrollment challenge");
    if (!*taken)
        return failure(401, "enroll.bad_nonce",
                       "The enrollment challenge is unknown, already used or expired; ask for a "
                       "new one (GET /v1/enroll/challenge) and sign that.");
    // The origin the device says it signed, only to name a relay plainly: the signature is checked over this case
    // store's own origin whatever the request says.
    if (const QJsonValue claimed = o.value(QLatin1String("origin")); claimed.isString()) {
        auto signedFor = directory::caseStoreOrigin(claimed.toString().toStdString());
        if (!signedFor || *signedFor != m_origin)
            return failure(403, "enroll.wrong_case_store",
                           "This enrollment was signed for the case store at " + claimed.toString().left(200).toStdString() + ", not this one ("
                               + m_origin
                               + "): another case store passed it on. Nothing was kept; "
                                 "enroll with this case store's own address, and stop using the other one.");
    }
    auto cert = directory::verifyCertificate(bytesOf(*certificate), *m_district, now);
    if (!cert) return certificateRefused(cert.error());
    auto revoked = m_storage.isRevoked(cert->serial);
    if (!revoked) return storageFailure("check the revocation list");
    if (*revoked) return revokedCertificate(*cert);
    if (!crypto::Identity::verify(cert->keys, directory::caseStoreEnrollmentMessage(m_origin, bytesOf(*nonce), cert->serial), bytesOf(*signature)))
        return failure(401, "enroll.bad_signature",
                       "The enrollment is not signed with the key certified for " + cert->displayName + " for this case store (" + m_origin
                           + "); only the device holding that key "
                             "can enroll with this certificate.");

    if (!m_storage.addCertificate(
            CertificateEntry{cert->serial, cert->keys.signKeyId(), cert->personId, Bytes(certificate->begin(), certificate->end())}, now))
        return storageFailure("keep the certificate");
    auto token = issueToken(m_storage, DeviceToken{cert->keys.boxKeyId(), now, cert->serial, cert->personId});
    if (!token) return storageFailure("issue a device token");
    return reply(200, QJsonObject{{"protocol", kProtocolVersion},
                                  {"token", QString::fromStdString(*token)},
                                  {"person", jsonId(cert->personId)},
                                  {"serial", jsonId(cert->serial)},
                                  {"readerKeyId", QString::fromStdString(crypto::toHex(cert->keys.boxKeyId()))}});
}

ApiReply CaseStoreApi::addCertificate(const QByteArray &contentType, const QByteArray &body)
{
    if (!m_district) return noDistrict();
    if (auto refused = refuseDirectoryBody(contentType, body, kMaxCertificateBodyBytes, "certificate")) return *refused;
    const std::int64_t now = m_now();
    auto cert = directory::verifyCertificate(bytesOf(body), *m_district, now);
    if (!cert) return certificateRefused(cert.error());
    auto revoked = m_storage.isRevoked(cert->serial);
    if (!revoked) return storageFailure("check the revocation list");
    if (*revoked) return revokedCertificate(*cert);
    auto added =
        m_storage.addCertificate(CertificateEntry{cert->serial, cert->keys.signKeyId(), cert->personId, Bytes(body.begin(), body.end())}, now);
    if (!added) return storageFailure("keep the certificate");
    return reply(200, QJsonObject{{"protocol", kProtocolVersion},
                                  {"status", *added ? "stored" : "held"},
                                  {"person", jsonId(cert->personId)},
                                  {"serial", jsonId(cert->serial)}});
}

ApiReply CaseStoreApi::applyRevocations(const QByteArray &contentType, const QByteArray &body)
{
    if (!m_district) return noDistrict();
    if (auto refused = refuseDirectoryBody(contentType, body, kMaxRevocationsBodyBytes, "revocation list")) return *refused;
    auto list = directory::verifyRevocations(bytesOf(body), *m_district);
    if (!list) return failure(list.error().code == errc::revocations::kMalformed ? 422 : 403, list.error().code, list.error().message);
    auto applied = m_storage.applyRevocations(list->sequence, bytesOf(body), list->revokedSerials, m_now());
    if (!applied) return storageFailure("apply the revocation list");
    if (applied->outcome == RevocationsOutcome::Stale)
        return failure(409, "revocations.stale",
                       "The case store holds revocation list #" + std::to_string(applied->heldSequence) + "; list #" + std::to_string(list->sequence)
                           + (list->sequence == applied->heldSequence ? " with other content" : "")
                           + " cannot replace it (a revocation is never rolled back). Post the district's newest list.");
    return reply(200, QJsonObject{{"protocol", kProtocolVersion},
                                  {"status", applied->outcome == RevocationsOutcome::Applied ? "applied" : "held"},
                                  {"sequence", static_cast<qint64>(list->sequence)},
                                  {"revoked", static_cast<qint64>(list->revokedSerials.size())},
                                  {"withdrawnTokens", static_cast<qint64>(applied->withdrawnTokens)}});
}

ApiReply CaseStoreApi::publishDirectory(const QByteArray &contentType, const QByteArray &body)
{
    if (!m_district) return noDistrict();
    if (auto refused = refuseDirectoryBody(contentType, body, kMaxDirectoryBodyBytes, "district directory")) return *refused;
    auto snapshot = directory::verifyDirectory(bytesOf(body), *m_district);
    if (!snapshot)
        return failure(snapshot.error().code == errc::directory::kMalformed || snapshot.error().code == errc::directory::kUnsupportedVersion ? 422 : 403,
                       snapshot.error().code, snapshot.error().message);
    auto published = m_storage.publishDirectory(snapshot->sequence, bytesOf(body), m_now());
    if (!published) return storageFailure("keep the district directory");
    if (published->outcome == RevocationsOutcome::Stale) {
        if (snapshot->sequence == published->heldSequence)
            return failure(409, "directory.conflict",
                           "The case store holds district directory #" + std::to_string(published->heldSequence)
                               + " with other content; a published directory is never replaced under "
                                 "the same number. Publish a new one (triadctl district publish).");
        return failure(409, "directory.stale",
                       "The case store holds district directory #" + std::to_string(published->heldSequence) + "; #"
                           + std::to_string(snapshot->sequence) + " is older and cannot replace it. Post the district's newest directory.");
    }
    // Its parts, as if posted alone: the revocation list withdraws tokens and the certificates serve the author check.
    // A list older than the one held is the case store's news already, not a refusal of the directory.
    std::int64_t withdrawn = 0;
    if (!snapshot->revocations.empty()) {
        auto list = directory::verifyRevocations(snapshot->revocations, *m_district);
        if (!list) return failure(403, list.error().code, list.error().message); // verifyDirectory checked it: not reached
        auto applied = m_storage.applyRevocations(list->sequence, snapshot->revocations, list->revokedSerials, m_now());
        if (!applied) return storageFailure("apply the directory's revocation list");
        withdrawn = applied->withdrawnTokens;
    }
    const std::int64_t now = m_now();
    std::int64_t kept = 0;
    for (const Bytes &bytes : snapshot->certificates) {
        auto cert = directory::verifyCertificate(bytes, *m_district, now);
        if (!cert) continue; // expired or not yet valid: the device's directory skips it too
        auto revoked = m_storage.isRevoked(cert->serial);
        if (!revoked) return storageFailure("check the revocation list");
        if (*revoked) continue;
        auto added = m_storage.addCertificate(CertificateEntry{cert->serial, cert->keys.signKeyId(), cert->personId, bytes}, now);
        if (!added) return storageFailure("keep the directory's certificates");
        kept += *added ? 1 : 0;
    }
    return reply(200, QJsonObject{{"protocol", kProtocolVersion},
                                  {"status", published->outcome == RevocationsOutcome::Applied ? "applied" : "held"},
                                  {"sequence", static_cast<qint64>(snapshot->sequence)},
                                  {"certificates", static_cast<qint64>(snapshot->certificates.size())},
                                  {"newCertificates", static_cast<qint64>(kept)},
                                  {"withdrawnTokens", static_cast<qint64>(withdrawn)}});
}

ApiReply CaseStoreApi::directory(const QByteArray &authorization, const QByteArray &have)
{
    auto who = authenticate(authorization);
    if (!who) return notAuthenticated(who.error());
    if (!m_district) return noDistrict();
    std::optional<std::uint64_t> held;
    if (!have.isEmpty()) {
        bool ok = false;
        held = have.toULongLong(&ok);
        if (!ok || have.size() > 20) return failure(400, "request.malformed", "\"have\" must be the sequence number of a directory.");
    }
    auto snapshot = m_storage.directorySnapshot();
    if (!snapshot) return storageFailure("read the district directory");
    if (!*snapshot)
        return failure(404, "directory.none",
                       "District IT has not published a directory to this case store yet "
                       "(triadctl district publish, then POST /v1/directory).");
    QJsonObject o{{"protocol", kProtocolVersion}, {"sequence", static_cast<qint64>((*snapshot)->sequence)}};
    if (held != (*snapshot)->sequence) { // the device holds another one (or none): the snapshot itself
        const QByteArray raw(reinterpret_cast<const char *>((*snapshot)->bytes.data()), static_cast<qsizetype>((*snapshot)->bytes.size()));
        o.insert("directory", QString::fromLatin1(raw.toBase64()));
    }
    return reply(200, o);
}

ApiReply CaseStoreApi::directoryRoute(const QByteArray &method, const QByteArray &authorization, const QByteArray &contentType,
                                      const QByteArray &body, const QByteArray &have)
{
    if (method == "GET") return directory(authorization, have);
    if (method == "POST") return publishDirectory(contentType, body);
    return failure(405, "request.method", "/v1/directory takes GET (devices) and POST (district IT).");
}

ApiReply CaseStoreApi::pull(const QByteArray &authorization, const QByteArray &after, const QByteArray &limit, const QByteArray &count,
                            const QByteArray &skip, const QByteArray &receipts)
{
    return pull(m_storage, authorization, after, limit, count, skip, receipts);
}

namespace {

// A pull's `skip`: "EPOCH.A-B,C-D,…", ascending ranges of seqs that do not overlap (A ≤ B < C ≤ D …), at most
// kMaxSkipRanges. nullopt: malformed. Ranges under another epoch than the store's are dropped (everything is served).
std::optional<std::vector<std::pair<std::int64_t, std::int64_t>>> parseSkip(const QByteArray &skip, const std::string &epoch)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    if (skip.isEmpty()) return ranges;
    const qsizetype dot = skip.indexOf('.');
    if (dot < 0) return std::nullopt;
    std::int64_t last = 0;
    for (const QByteArray &part : skip.mid(dot + 1).split(',')) {
        const qsizetype dash = part.indexOf('-');
        if (dash < 0 || ranges.size() == kMaxSkipRanges) return std::nullopt;
        const std::int64_t from = seqNumber(part.left(dash)), to = seqNumber(part.mid(dash + 1));
        if (from < 1 || to < from || from <= last) return std::nullopt;
        ranges.emplace_back(from, to);
        last = to;
    }
    if (skip.left(dot).toStdString() != epoch) ranges.clear();
    return ranges;
}

bool skipped(const std::vector<std::pair<std::int64_t, std::int64_t>> &ranges, std::int64_t seq)
{
    auto it = std::upper_bound(ranges.begin(), ranges.end(), seq, [](std::int64_t s, const auto &r) { return s < r.first; });
    return it != ranges.begin() && seq <= std::prev(it)->second;
}

} // namespace

ApiReply CaseStoreApi::pull(RecordStorage &storage, const QByteArray &authorization, const QByteArray &after, const QByteArray &limit,
                            const QByteArray &count, const QByteArray &skip, const QByteArray &receipts)
{
    // A cursor is "<the store's epoch>.<seq>" (docs/protocol.md "Pull"): one from another store, or from before this
    // one was restored from a backup (and given a new epoch), is refused, and the device starts again. The epoch is
    // read with the token.
    std::string epochRead;
    auto who = authenticate(storage, authorization, &epochRead);
    if (!who) return notAuthenticated(who.error());
    const std::optional<bool> trees = readsReceiptTrees(receipts);
    if (!trees) return badReceipts();
    const std::optional<std::string> epoch = std::move(epochRead);
    std::int64_t afterSeq = 0;
    if (!after.isEmpty()) {
        bool sameEpoch = false;
        afterSeq = cursorSeq(after, *epoch, sameEpoch);
        if (afterSeq < 0) return notACursor();
        if (!sameEpoch)
            return failure(400, "request.bad_cursor",
                           "The \"after\" cursor is from another case store, or from before this one was "
                           "restored from a backup; pull from the start and push everything again.");
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
    const auto skipRanges = parseSkip(skip, *epoch);
    if (!skipRanges)
        return failure(400, "request.malformed",
                       "\"skip\" must be the case store's epoch, a dot and up to " + std::to_string(kMaxSkipRanges)
                           + " ascending ranges of sequence numbers from this store's push replies (\"EPOCH.4-9,12-12\").");

    // The page: up to `pageLimit` records and kMaxPullPageBytes, the caller's own records named in `skip` passed
    // over. `through`: every record for these readers after the cursor up to it is on the page or skipped.
    std::vector<StoredRecord> onPage;
    std::size_t bytes = 0, skippedBytes = 0;
    std::int64_t through = afterSeq;
    bool more = false;
    for (int round = 0;; ++round) {
        auto page = storage.pull(*who, through, pageLimit);
        if (!page) return storageFailure("read records");
        bool full = false;
        for (StoredRecord &r : page->records) {
            if (onPage.size() == static_cast<std::size_t>(pageLimit) || (!onPage.empty() && bytes + r.body.size() > kMaxPullPageBytes)) {
                full = true; // the rest comes with the next page
                break;
            }
            through = r.seq;
            if (skipped(*skipRanges, r.seq)) {
                skippedBytes += r.body.size();
                continue;
            }
            bytes += r.body.size();
            onPage.push_back(std::move(r));
        }
        if (full) {
            more = true;
            break;
        }
        if (!page->more || page->records.empty()) break;
        // What one request reads past skipped records is bounded by rounds and by bytes (a page's worth, twice).
        if (onPage.size() == static_cast<std::size_t>(pageLimit) || skipRanges->empty() || round + 1 == kMaxSkipRounds
            || skippedBytes > 2 * kMaxPullPageBytes) {
            more = true; // enough read for one request: the cursor has moved past what was skipped
            break;
        }
    }
    const std::size_t taken = onPage.size();
    // A key grant's record rides along with the grant (just before it) for a reader the grant adds: a grantee's
    // device needs the record the grant opens, and it was pushed, and so passed this reader's cursor, long before.
    // Served only when the grant counts (readAccess: the granter may read it), never to someone it was not granted.
    std::vector<const StoredRecord *> served;
    std::vector<StoredRecord> granted;
    granted.reserve(taken);
    for (std::size_t i = 0; i < taken; ++i) {
        const StoredRecord &r = onPage[i];
        if (r.type == static_cast<std::uint16_t>(RecordType::KeyGrant) && r.observationId) {
            auto linked = storage.recordById(*r.observationId);
            if (!linked) return storageFailure("read records");
            if (*linked) {
                auto access = readAccess(storage, who->front(), **linked);
                if (!access) return storageFailure("read records");
                if (access->reader && !access->sealedTo) {
                    bytes += (*linked)->body.size();
                    granted.push_back(std::move(**linked));
                    served.push_back(&granted.back());
                }
            }
        }
        served.push_back(&r);
    }
    QByteArray json;
    json.reserve(wire::recordJsonBytes(bytes) + static_cast<qsizetype>(served.size()) * 200 + 128);
    json.append(R"({"protocol":")").append(kProtocolVersion).append(R"(","records":[)");
    const directory::ReceiptKey receiptKey = m_receiptKey ? directory::receiptKeyOf(*m_receiptKey) : directory::ReceiptKey{};
    for (std::size_t i = 0; i < served.size(); ++i) {
        const StoredRecord &r = *served[i];
        if (i > 0) json.append(',');
        if (m_receiptKey) {
            // The receipt kept with the record when it is this key's (the shape of a receipt under it; this case
            // store wrote it); otherwise (stored before a key was set, or under a key since rotated) signed now,
            // alone. So is a tree's receipt for a device that does not read trees, and for a reader a grant brings
            // the record to (not sealed to it): the tree would show it the other records stored with it for their
            // readers.
            const bool viaGrant = !granted.empty() && &r >= granted.data() && &r < granted.data() + granted.size();
            const bool kept = directory::keptReceiptShapedFor(r.receipt, receiptKey) && !((viaGrant || !*trees) && directory::isReceiptTree(r.receipt));
            std::vector<Bytes> signedNow;
            if (!kept) {
                const ReceiptRequest request{&r.id, r.body, r.seq, r.receivedAt};
                signedNow = (*m_receiptSigner)(std::span<const ReceiptRequest>(&request, 1));
            }
            const Bytes &receipt = kept || signedNow.empty() ? r.receipt : signedNow.front();
            wire::appendRecord(json, r.id, r.type, r.caseId, r.observationId, r.createdAt, r.body, receipt, r.personTag);
        } else
            wire::appendRecord(json, r.id, r.type, r.caseId, r.observationId, r.createdAt, r.body, {}, r.personTag);
    }
    const std::int64_t next = through;
    json.append(R"(],"next":")")
        .append(epoch->c_str())
        .append('.')
        .append(QByteArray::number(static_cast<qint64>(next)))
        .append(R"(","more":)")
        .append(more ? "true" : "false");
    if (wantCount) {
        // A progress figure for a long first sync; records stored after this read may already be included.
        auto remaining = storage.countAfter(*who, next);
        if (!remaining) return storageFailure("read records");
        json.append(R"(,"remaining":)").append(QByteArray::number(static_cast<qint64>(*remaining)));
        // The newest district directory's sequence, once per sync: a device holding it skips GET /v1/directory.
        if (m_district) {
            auto sequence = storage.directorySequence();
            if (!sequence) return storageFailure("read the district directory");
            if (*sequence) json.append(R"(,"directory":)").append(QByteArray::number(static_cast<qint64>(**sequence)));
        }
    }
    json.append('}');
    return ApiReply{200, std::move(json)};
}

// --- evidence media ------------------------------------------------------------------------------------------------

namespace {

std::optional<MediaPartName> partNameFromHex(QByteArrayView hex)
{
    if (hex.size() != 64) return std::nullopt;
    MediaPartName name{};
    for (qsizetype i = 0; i < hex.size(); ++i) {
        const char c = hex[i];
        int v = -1;
        if (c >= '0' && c <= '9') v = c - '0';
        if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        if (v < 0) return std::nullopt; // lower case only: one spelling per name
        name[static_cast<std::size_t>(i / 2)] = static_cast<std::uint8_t>((name[static_cast<std::size_t>(i / 2)] << 4) | v);
    }
    return name;
}

QString partNameHex(const MediaPartName &name)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(name.data()), static_cast<qsizetype>(name.size())).toHex());
}

} // namespace

Result<std::optional<CaseStoreApi::MediaAccess>> CaseStoreApi::mediaAccess(const KeyId &caller, const RecordId &evidenceId)
{
    auto record = m_storage.recordById(evidenceId);
    if (!record) return record.error();
    if (!*record || (*record)->type != static_cast<std::uint16_t>(RecordType::Evidence)) return std::optional<MediaAccess>{};
    auto access = readAccess(m_storage, caller, **record);
    if (!access) return access.error();
    return std::optional<MediaAccess>(*access);
}

Result<CaseStoreApi::MediaAccess> CaseStoreApi::readAccess(RecordStorage &storage, const KeyId &caller, const StoredRecord &record)
{
    auto header = crypto::parseHeader(record.body);
    if (!header) return header.error();
    std::set<KeyId> readers;
    for (const auto &r : header->recipients) readers.insert(r.readerKeyId);
    MediaAccess access;
    access.sealedTo = readers.contains(caller);
    access.reader = access.sealedTo;
    if (access.reader) return access;
    // Readers added by key grants for the record. The case store cannot judge a grant (it cannot read the case), so
    // with a district it takes a grant only from a granter whose certified reader key may already read the record
    // (its header, or a grant taken before: a handover of what was handed over); without a district, where it cannot
    // tie a signing key to a reader key, only a grant signed by the record's own author.
    auto grants = storage.grantsFor(record.id);
    if (!grants) return grants.error();
    std::vector<crypto::RecordHeader> grantHeaders;
    std::set<KeyId> granters;
    for (const StoredRecord &g : *grants)
        if (auto h = crypto::parseHeader(g.body)) {
            granters.insert(h->authorKeyId);
            grantHeaders.push_back(std::move(*h));
        }
    std::map<KeyId, crypto::PublicIdentity> certified;
    if (m_district) {
        auto found = certifiedAuthors(storage, {granters.begin(), granters.end()});
        if (!found) return found.error();
        certified = std::move(*found);
    }
    std::vector<bool> taken(grantHeaders.size(), false);
    for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t i = 0; i < grantHeaders.size(); ++i) {
            if (taken[i]) continue;
            if (m_district) {
                const auto it = certified.find(grantHeaders[i].authorKeyId);
                if (it == certified.end() || !readers.contains(it->second.boxKeyId())) continue;
            } else if (grantHeaders[i].authorKeyId != header->authorKeyId) {
                continue;
            }
            taken[i] = grew = true;
            for (const auto &r : grantHeaders[i].recipients) readers.insert(r.readerKeyId);
        }
    }
    access.reader = readers.contains(caller);
    return access;
}

ApiReply CaseStoreApi::media(const QByteArray &method, const QByteArray &path, const QByteArray &authorization, const QByteArray &contentType,
                             const QByteArray &body)
{
    auto who = authenticate(authorization);
    if (!who) return notAuthenticated(who.error());
    static const QByteArray prefix("/v1/media/");
    const QList<QByteArray> parts = path.mid(prefix.size()).split('/');
    if (!path.startsWith(prefix) || parts.isEmpty() || parts.size() > 2)
        return failure(404, "request.not_found", "Media paths are /v1/media/{evidence id} and /v1/media/{evidence id}/{part name}.");
    const auto evidenceId = RecordId::fromString(parts[0].toStdString());
    if (!evidenceId || evidenceId->toString() != parts[0].toStdString())
        return failure(400, "request.malformed", "The evidence id in the path is not a canonical lower-case UUID.");
    std::optional<MediaPartName> name;
    if (parts.size() == 2) {
        name = partNameFromHex(parts[1]);
        if (!name) return failure(400, "request.malformed", "A media part is named by 64 lower-case hex digits (BLAKE2b-256 of its bytes).");
    }
    const bool put = method == "PUT";
    if (put && !name) return failure(405, "request.method", "Media parts are sent one at a time: PUT /v1/media/{evidence id}/{part name}.");
    if (put) {
        if (body.size() > kMaxMediaPartBytes)
            return failure(413, "request.too_large", "A media part is at most " + std::to_string(kMaxMediaPartBytes) + " bytes.");
        if (!http::mediaTypeIs(contentType, "application/octet-stream", false))
            return failure(400, "request.bad_content_type", "A media part is sent as application/octet-stream.");
    }
    auto access = mediaAccess(who->front(), *evidenceId);
    if (!access) return storageFailure("look up the evidence record");
    if (!*access)
        return failure(404, "media.no_record",
                       "The case store holds no evidence record " + evidenceId->toString() + "; its media follow once the record was pushed.");
    if (put ? !(*access)->sealedTo : !(*access)->reader)
        return failure(403, "media.forbidden",
                       put ? "Only a device the evidence record " + evidenceId->toString() + " is sealed to may send its media."
                           : "This device's person is not a reader of the evidence record " + evidenceId->toString()
                                 + " (neither sealed to them nor granted by someone who may read it), so its media are not served to it.");
    if (put) {
        const auto bytes = std::span(reinterpret_cast<const std::uint8_t *>(body.constData()), static_cast<std::size_t>(body.size()));
        MediaPartName actual{};
        crypto_generichash(actual.data(), actual.size(), bytes.data(), bytes.size(), nullptr, 0);
        if (sodium_memcmp(actual.data(), name->data(), actual.size()) != 0)
            return failure(422, "media.bad_part", "The media part's bytes do not hash to its name (BLAKE2b-256); it was not stored.");
        auto stored = m_storage.putMediaPart(*evidenceId, *name, bytes, m_now(), kMaxMediaPartsPerEvidence);
        if (!stored) return storageFailure("save the media part");
        if (*stored == MediaPutOutcome::Full)
            return failure(413, "media.too_many_parts",
                           "The evidence record " + evidenceId->toString() + " already has " + std::to_string(kMaxMediaPartsPerEvidence)
                               + " media parts, the most a 64 MiB medium needs.");
        return reply(200, QJsonObject{{"protocol", kProtocolVersion}, {"status", *stored == MediaPutOutcome::Stored ? "stored" : "held"}});
    }
    if (name) {
        auto part = m_storage.mediaPart(*evidenceId, *name);
        if (!part) return storageFailure("read the media part");
        if (!*part) return failure(404, "media.missing", "The case store does not hold that media part (yet): its author's device has not sent it.");
        return ApiReply{200, QByteArray(reinterpret_cast<const char *>((*part)->data()), static_cast<qsizetype>((*part)->size())),
                        "application/octet-stream"};
    }
    auto names = m_storage.mediaPartNames(*evidenceId);
    if (!names) return storageFailure("list the media parts");
    QJsonArray list;
    for (const MediaPartName &n : *names) list.append(partNameHex(n));
    return reply(200, QJsonObject{{"protocol", kProtocolVersion}, {"evidence", jsonId(*evidenceId)}, {"parts", list}});
}

} // namespace triad::casestore
