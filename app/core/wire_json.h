// JSON shared by both ends of protocol "triad-sync/1" (docs/protocol.md): the case store reading a push and the
// device reading the case store's replies apply the same rules to the same fields, and both write a record the same
// way (a push on the device, a pull page on the case store).
#pragma once

#include "ids.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>

namespace triad::wire {

// A JSON number that is an exact integer in [lo, hi] (JSON numbers are doubles: 2^53 bounds exactness).
inline std::optional<std::int64_t> exactInteger(const QJsonValue &v, double lo, double hi)
{
    if (!v.isDouble()) return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < lo || d > hi) return std::nullopt;
    return static_cast<std::int64_t>(d);
}

inline constexpr double kMaxExactInteger = 9007199254740991.0; // 2^53 - 1

// Absent or null → nullopt in `out`; a canonical UUID → the id; anything else → false.
inline bool optionalId(const QJsonObject &o, const char *key, std::optional<RecordId> &out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isString()) return false;
    out = RecordId::fromString(v.toString().toStdString());
    return out.has_value();
}

// Standard base64 with padding (what QByteArray::toBase64 writes), appended in place: a pull page is mostly base64,
// and encoding three bytes at a time straight into the page, with no intermediate array, was the largest single cost
// of writing one (docs/benchmarks.md "Case store").
inline void appendBase64(QByteArray &out, std::span<const std::uint8_t> in)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const qsizetype at = out.size();
    out.resize(at + static_cast<qsizetype>((in.size() + 2) / 3 * 4));
    char *o = out.data() + at;
    std::size_t i = 0;
    for (; i + 3 <= in.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{in[i]} << 16) | (std::uint32_t{in[i + 1]} << 8) | in[i + 2];
        *o++ = kAlphabet[(v >> 18) & 63];
        *o++ = kAlphabet[(v >> 12) & 63];
        *o++ = kAlphabet[(v >> 6) & 63];
        *o++ = kAlphabet[v & 63];
    }
    if (const std::size_t left = in.size() - i; left > 0) {
        const std::uint32_t v = (std::uint32_t{in[i]} << 16) | (left == 2 ? std::uint32_t{in[i + 1]} << 8 : 0);
        *o++ = kAlphabet[(v >> 18) & 63];
        *o++ = kAlphabet[(v >> 12) & 63];
        *o++ = left == 2 ? kAlphabet[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
}

// One record of a push or a pull page, appended to `json`:
//   {"id":"…","type":N,"caseId":"…"|null,"observationId":"…"|null,"createdAt":N,"body":"base64"
//    [,"receipt":"base64"] [,"personTag":"base64"]}
// (the case store's receipt on a pull page; the author's same-person tag on a push and a pull, docs/protocol.md).
// Written directly rather than through QJsonObject: every value is an id (hex and dashes), an integer, null or
// base64, none of which needs escaping, and a JSON DOM per record was most of the cost of encoding a batch or a page
// (docs/benchmarks.md "Case store", "Sync end to end").
inline void appendRecord(QByteArray &json, const RecordId &id, std::uint16_t type, const std::optional<RecordId> &caseId,
                         const std::optional<RecordId> &observationId, std::int64_t createdAt, std::span<const std::uint8_t> body,
                         std::span<const std::uint8_t> receipt = {}, std::span<const std::uint8_t> tag = {})
{
    auto appendId = [&json](const std::optional<RecordId> &v) {
        if (v)
            json.append('"').append(v->toString().c_str()).append('"');
        else
            json.append("null");
    };
    json.append(R"({"id":)");
    appendId(id);
    json.append(R"(,"type":)").append(QByteArray::number(type));
    json.append(R"(,"caseId":)");
    appendId(caseId);
    json.append(R"(,"observationId":)");
    appendId(observationId);
    json.append(R"(,"createdAt":)").append(QByteArray::number(static_cast<qint64>(createdAt)));
    json.append(R"(,"body":")");
    appendBase64(json, body);
    json.append('"');
    if (!receipt.empty()) {
        json.append(R"(,"receipt":")");
        appendBase64(json, receipt);
        json.append('"');
    }
    if (!tag.empty()) {
        json.append(R"(,"personTag":")");
        appendBase64(json, tag);
        json.append('"');
    }
    json.append('}');
}

// About how many bytes appendRecord writes for a body of `bodyBytes`, to reserve a buffer once.
inline qsizetype recordJsonBytes(std::size_t bodyBytes) { return static_cast<qsizetype>((bodyBytes + 2) / 3 * 4 + 260); }

} // namespace triad::wire
