// JSON shared by both ends of protocol "triad-sync/1" (docs/protocol.md): the case store reading a push and the
// device reading the case store's replies apply the same rules to the same fields, and both write a record the same
// way (a push on the device, a pull page on the case store).
#pragma once

#include "ids.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

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

// The base64 alphabet, and its characters two at a time: the pair for each 12-bit value (8 KiB).
inline constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
inline constexpr auto kBase64Pairs = [] {
    std::array<std::array<char, 2>, 4096> pairs{};
    for (std::size_t v = 0; v < pairs.size(); ++v) pairs[v] = {kBase64Alphabet[v >> 6], kBase64Alphabet[v & 63]};
    return pairs;
}();

// Standard base64 with padding (what QByteArray::toBase64 writes), appended in place: a pull page is mostly base64,
// and encoding three bytes at a time straight into the page, with no intermediate array, was the largest single cost
// of writing one (docs/benchmarks.md "Case store"). Two table lookups per three bytes (kBase64Pairs), not four: the
// encoding was again the largest part of a pull's CPU once the allocator stopped dominating (docs/benchmarks.md
// "Issue 14, target 2: the memory a request frees is kept"). `in` must not point into `out` (resize may move it).
inline void appendBase64(QByteArray &out, std::span<const std::uint8_t> in)
{
    const qsizetype at = out.size();
    out.resize(at + static_cast<qsizetype>((in.size() + 2) / 3 * 4));
    char *o = out.data() + at;
    std::size_t i = 0;
    for (; i + 3 <= in.size(); i += 3, o += 4) {
        const std::uint32_t v = (std::uint32_t{in[i]} << 16) | (std::uint32_t{in[i + 1]} << 8) | in[i + 2];
        std::memcpy(o, kBase64Pairs[v >> 12].data(), 2);
        std::memcpy(o + 2, kBase64Pairs[v & 0xfff].data(), 2);
    }
    if (const std::size_t left = in.size() - i; left > 0) {
        const std::uint32_t v = (std::uint32_t{in[i]} << 16) | (left == 2 ? std::uint32_t{in[i + 1]} << 8 : 0);
        *o++ = kBase64Alphabet[(v >> 18) & 63];
        *o++ = kBase64Alphabet[(v >> 12) & 63];
        *o++ = left == 2 ? kBase64Alphabet[(v >> 6) & 63] : '=';
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

// Standard base64 with padding, exactly as appendBase64 writes it (length a multiple of 4, '=' only as the last one or
// two characters, the bits the padding leaves unused zero), decoded straight into `out`. False for anything else;
// whatever it accepts, QByteArray::fromBase64Encoding decodes to the same bytes.
inline bool decodeCanonicalBase64(std::string_view in, std::vector<std::uint8_t> &out)
{
    static constexpr auto kValues = [] {
        std::array<std::int8_t, 256> v{};
        v.fill(-1);
        for (std::size_t i = 0; i < kBase64Alphabet.size(); ++i) v[static_cast<unsigned char>(kBase64Alphabet[i])] = static_cast<std::int8_t>(i);
        return v;
    }();
    out.clear();
    if (in.size() % 4 != 0) return false;
    if (in.empty()) return true;
    const std::size_t pad = in.back() != '=' ? 0 : in[in.size() - 2] == '=' ? 2 : 1;
    out.resize(in.size() / 4 * 3 - pad);
    std::uint8_t *o = out.data();
    const std::size_t full = in.size() - (pad ? 4 : 0);
    for (std::size_t i = 0; i < full; i += 4) {
        const int a = kValues[static_cast<unsigned char>(in[i])], b = kValues[static_cast<unsigned char>(in[i + 1])],
                  c = kValues[static_cast<unsigned char>(in[i + 2])], d = kValues[static_cast<unsigned char>(in[i + 3])];
        if ((a | b | c | d) < 0) return false;
        const std::uint32_t v = (std::uint32_t(a) << 18) | (std::uint32_t(b) << 12) | (std::uint32_t(c) << 6) | std::uint32_t(d);
        *o++ = static_cast<std::uint8_t>(v >> 16);
        *o++ = static_cast<std::uint8_t>(v >> 8);
        *o++ = static_cast<std::uint8_t>(v);
    }
    if (pad) {
        const std::size_t i = full;
        const int a = kValues[static_cast<unsigned char>(in[i])], b = kValues[static_cast<unsigned char>(in[i + 1])];
        const int c = pad == 1 ? kValues[static_cast<unsigned char>(in[i + 2])] : 0;
        if ((a | b | c) < 0) return false;
        if (pad == 2 ? (b & 0x0f) != 0 : (c & 0x03) != 0) return false; // bits the padding leaves unused
        *o++ = static_cast<std::uint8_t>((a << 2) | (b >> 4));
        if (pad == 1) *o++ = static_cast<std::uint8_t>(((b & 0x0f) << 4) | (c >> 2));
    }
    return true;
}

// One record of a push or a pull page as read from the wire: appendRecord's fields, the base64 ones decoded.
struct WireRecord {
    RecordId id;
    std::uint16_t type = 0;
    std::optional<RecordId> caseId, observationId;
    std::int64_t createdAt = 0;
    std::vector<std::uint8_t> body;
    std::vector<std::uint8_t> receipt;   // empty: none
    std::vector<std::uint8_t> personTag; // empty: none
};

// Reads JSON exactly as this protocol's writers lay it out (no spaces, no escapes, keys in their order), straight
// from the bytes: the pieces readCanonicalRecords and the device's reader of push replies are made of. Each returns
// nullopt or false when the text at the position is anything else; the caller then declines the whole document.
class CanonicalReader {
public:
    CanonicalReader(const QByteArray &json, qsizetype pos) : m_data(json.constData()), m_end(json.size()), m_at(pos) {}
    qsizetype pos() const { return m_at; }

    // `text` exactly, consumed.
    bool literal(std::string_view text)
    {
        if (m_end - m_at < static_cast<qsizetype>(text.size()) || std::string_view(m_data + m_at, text.size()) != text) return false;
        m_at += static_cast<qsizetype>(text.size());
        return true;
    }
    // A JSON string with no escapes: its contents (nullopt if it has a backslash or does not end).
    std::optional<std::string_view> plainString()
    {
        if (m_at >= m_end || m_data[m_at] != '"') return std::nullopt;
        const qsizetype from = ++m_at;
        while (m_at < m_end && m_data[m_at] != '"') {
            if (m_data[m_at] == '\\' || static_cast<unsigned char>(m_data[m_at]) < 0x20) return std::nullopt;
            ++m_at;
        }
        if (m_at >= m_end) return std::nullopt;
        return std::string_view(m_data + from, static_cast<std::size_t>(m_at++ - from));
    }
    std::optional<RecordId> id()
    {
        const auto text = plainString();
        return text ? RecordId::fromString(*text) : std::nullopt;
    }
    bool optionalId(std::optional<RecordId> &out)
    {
        if (literal("null")) return true;
        out = id();
        return out.has_value();
    }
    // An integer in [lo, hi] as JSON writes it: an optional '-', no leading zero, at most 16 digits (2^53 has 16).
    std::optional<std::int64_t> integer(std::int64_t lo, std::int64_t hi)
    {
        const bool negative = m_at < m_end && m_data[m_at] == '-';
        if (negative) ++m_at;
        const qsizetype from = m_at;
        std::int64_t v = 0;
        while (m_at < m_end && m_data[m_at] >= '0' && m_data[m_at] <= '9' && m_at - from < 17) v = v * 10 + (m_data[m_at++] - '0');
        const qsizetype digits = m_at - from;
        if (digits == 0 || digits > 16 || (digits > 1 && m_data[from] == '0') || (negative && v == 0)) return std::nullopt;
        if (m_at < m_end && (m_data[m_at] == '.' || m_data[m_at] == 'e' || m_data[m_at] == 'E')) return std::nullopt;
        v = negative ? -v : v;
        if (v < lo || v > hi) return std::nullopt;
        return v;
    }
    // A string of canonical base64 (decodeCanonicalBase64) of at most `maxChars` characters, decoded into `out`.
    bool base64(std::size_t maxChars, std::vector<std::uint8_t> &out)
    {
        const auto text = plainString();
        return text && text->size() <= maxChars && decodeCanonicalBase64(*text, out);
    }

private:
    const char *m_data;
    qsizetype m_end;
    qsizetype m_at;
};

inline constexpr auto kMaxExactJsonInteger = static_cast<std::int64_t>(9007199254740991LL); // 2^53 - 1

// The fast path of reading a push or a pull page: the array of records exactly as appendRecord writes it (its keys
// in its order, no spaces, no escapes, the ids as RecordId::fromString reads them, the integers in range without leading zeros, "receipt" of
// at most 1024 characters that decodes to something, "personTag" that decodes to 32 bytes), read straight from the
// bytes. `pos` is just after the array's '['; on success it is just after its ']'. nullopt for anything else: the
// caller then parses the document with QJsonDocument, which takes any JSON and says what is wrong, so this reader
// never refuses anything the general path would take, and whatever it reads, the general path reads the same
// (tests/sync/test_sync_engine.cpp, "The canonical page reader..."). Both ends write this form; a DOM of a 500-record
// page (every base64 body a QString in UTF-16) was most of what reading one cost (docs/benchmarks.md).
inline std::optional<std::vector<WireRecord>> readCanonicalRecords(const QByteArray &json, qsizetype &pos)
{
    CanonicalReader in(json, pos);
    std::vector<WireRecord> out;
    if (in.literal("]")) {
        pos = in.pos();
        return out;
    }
    for (;;) {
        WireRecord r;
        if (!in.literal(R"({"id":)")) return std::nullopt;
        auto rid = in.id();
        if (!rid) return std::nullopt;
        r.id = *rid;
        if (!in.literal(R"(,"type":)")) return std::nullopt;
        const auto type = in.integer(1, 65535);
        if (!type) return std::nullopt;
        r.type = static_cast<std::uint16_t>(*type);
        if (!in.literal(R"(,"caseId":)") || !in.optionalId(r.caseId) || !in.literal(R"(,"observationId":)") || !in.optionalId(r.observationId))
            return std::nullopt;
        if (!in.literal(R"(,"createdAt":)")) return std::nullopt;
        const auto createdAt = in.integer(-kMaxExactJsonInteger, kMaxExactJsonInteger);
        if (!createdAt) return std::nullopt;
        r.createdAt = *createdAt;
        if (!in.literal(R"(,"body":)") || !in.base64(std::numeric_limits<std::size_t>::max(), r.body)) return std::nullopt;
        if (in.literal(R"(,"receipt":)") && (!in.base64(1024, r.receipt) || r.receipt.empty())) return std::nullopt;
        if (in.literal(R"(,"personTag":)") && (!in.base64(64, r.personTag) || r.personTag.size() != 32)) return std::nullopt;
        if (!in.literal("}")) return std::nullopt;
        out.push_back(std::move(r));
        if (in.literal("]")) break;
        if (!in.literal(",")) return std::nullopt;
    }
    pos = in.pos();
    return out;
}

// About how many bytes appendRecord writes for a body of `bodyBytes`, to reserve a buffer once.
inline qsizetype recordJsonBytes(std::size_t bodyBytes) { return static_cast<qsizetype>((bodyBytes + 2) / 3 * 4 + 260); }

} // namespace triad::wire
