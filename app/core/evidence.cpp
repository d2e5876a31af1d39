#include "evidence.h"
#include "error_codes.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <utility>

namespace triad {

namespace {

constexpr std::array<std::pair<EvidenceKind, const char *>, 2> kKindKeys{{{EvidenceKind::Photo, "photo"}, {EvidenceKind::AudioMemo, "audio_memo"}}};

QByteArray rawBytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// Reads one field at a time and remembers the first that is missing or mistyped.
class FieldReader {
public:
    explicit FieldReader(const QCborMap &map) : m_map(map) {}
    bool failed() const { return !m_bad.empty(); }
    const std::string &badField() const { return m_bad; }

    QByteArray bytes(const char *key, qsizetype expectedSize)
    {
        const QCborValue v = m_map.value(QLatin1String(key));
        if (!v.isByteArray() || v.toByteArray().size() != expectedSize) {
            fail(key);
            return {};
        }
        return v.toByteArray();
    }
    RecordId id(const char *key)
    {
        RecordId id;
        const QByteArray b = bytes(key, static_cast<qsizetype>(id.bytes.size()));
        if (b.size() == static_cast<qsizetype>(id.bytes.size())) std::copy(b.begin(), b.end(), id.bytes.begin());
        return id;
    }
    std::int64_t integer(const char *key, std::int64_t min, std::int64_t max)
    {
        const QCborValue v = m_map.value(QLatin1String(key));
        if (!v.isInteger() || v.toInteger() < min || v.toInteger() > max) {
            fail(key);
            return 0;
        }
        return v.toInteger();
    }
    std::string text(const char *key)
    {
        const QCborValue v = m_map.value(QLatin1String(key));
        if (!v.isString()) {
            fail(key);
            return {};
        }
        return v.toString().toStdString();
    }
    void fail(const char *key)
    {
        if (m_bad.empty()) m_bad = key;
    }

private:
    const QCborMap &m_map;
    std::string m_bad;
};

template <std::size_t N>
void copyInto(std::array<std::uint8_t, N> &out, const QByteArray &in)
{
    if (in.size() == static_cast<qsizetype>(N)) std::memcpy(out.data(), in.constData(), N);
}

} // namespace

void wipeBytes(void *p, std::size_t size)
{
    volatile auto *v = static_cast<volatile std::uint8_t *>(p);
    for (std::size_t i = 0; i < size; ++i) v[i] = 0;
}

void wipeBytes(QByteArray &bytes)
{
    if (!bytes.isEmpty()) wipeBytes(bytes.data(), static_cast<std::size_t>(bytes.size()));
}

WipedKey32::WipedKey32(WipedKey32 &&other) noexcept : m_bytes(other.m_bytes) { wipeBytes(other.m_bytes.data(), kSize); }

WipedKey32 &WipedKey32::operator=(WipedKey32 &&other) noexcept
{
    if (this != &other) {
        m_bytes = other.m_bytes;
        wipeBytes(other.m_bytes.data(), kSize);
    }
    return *this;
}

WipedKey32::~WipedKey32() { wipeBytes(m_bytes.data(), kSize); }

const char *evidenceKindKey(EvidenceKind kind)
{
    for (const auto &[k, key] : kKindKeys)
        if (k == kind) return key;
    return "?";
}

const char *evidenceKindLabel(EvidenceKind kind) { return kind == EvidenceKind::Photo ? "Photo" : "Audio memo"; }

std::optional<EvidenceKind> evidenceKindFromKey(std::string_view key)
{
    for (const auto &[k, name] : kKindKeys)
        if (key == name) return k;
    return std::nullopt;
}

QByteArray encodePayload(const Evidence &e)
{
    QCborMap m;
    m[QLatin1String("id")] = rawBytes(e.id.bytes.data(), e.id.bytes.size());
    m[QLatin1String("note")] = rawBytes(e.noteId.bytes.data(), e.noteId.bytes.size());
    m[QLatin1String("case")] = rawBytes(e.caseId.bytes.data(), e.caseId.bytes.size());
    m[QLatin1String("observation")] = rawBytes(e.observationId.bytes.data(), e.observationId.bytes.size());
    m[QLatin1String("kind")] = QLatin1String(evidenceKindKey(e.kind));
    m[QLatin1String("mime")] = QString::fromStdString(e.mimeType);
    m[QLatin1String("size")] = static_cast<qint64>(e.byteSize);
    m[QLatin1String("chunks")] = static_cast<qint64>(e.chunkCount);
    m[QLatin1String("duration_ms")] = static_cast<qint64>(e.durationMs);
    m[QLatin1String("width")] = e.width;
    m[QLatin1String("height")] = e.height;
    m[QLatin1String("captured_at")] = static_cast<qint64>(e.capturedAtMs);
    m[QLatin1String("stream_header")] = rawBytes(e.streamHeader.data(), e.streamHeader.size());
    m[QLatin1String("blake2b")] = rawBytes(e.plaintextHash.data(), e.plaintextHash.size());
    if (!e.parts.empty()) { // absent in evidence recorded before media sync: their signed bytes stay as they were
        QCborArray parts;
        for (const auto &p : e.parts) parts.append(rawBytes(p.data(), p.size()));
        m[QLatin1String("parts")] = parts;
    }
    // The key goes in last and its temporary copy is wiped; the returned payload must be wiped by the caller
    // (LocalStore::writeRecord does) once sealed.
    QByteArray key = rawBytes(e.streamKey.data(), WipedKey32::size());
    m[QLatin1String("stream_key")] = key;
    wipeBytes(key.data(), static_cast<std::size_t>(key.size()));
    return m.toCborValue().toCbor();
}

Result<Evidence> decodeEvidence(const QByteArray &payload)
{
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(payload, &err);
    const auto malformed = [](const std::string &field) {
        return makeError(errc::payload::kMalformed, "The evidence record's content is not readable (missing or wrong field '" + field + "').");
    };
    if (err.error != QCborError::NoError || !v.isMap()) return malformed("");
    const QCborMap map = v.toMap();
    FieldReader r(map);
    constexpr std::int64_t kMaxInt = 0x7fffffff;
    Evidence e;
    e.id = r.id("id");
    e.noteId = r.id("note");
    e.caseId = r.id("case");
    e.observationId = r.id("observation");
    if (auto kind = evidenceKindFromKey(r.text("kind")))
        e.kind = *kind;
    else
        r.fail("kind");
    e.mimeType = r.text("mime");
    e.byteSize = r.integer("size", 0, std::int64_t{1} << 40);
    e.chunkCount = r.integer("chunks", 1, std::int64_t{1} << 30);
    e.durationMs = r.integer("duration_ms", 0, std::int64_t{1} << 40);
    e.width = static_cast<int>(r.integer("width", 0, kMaxInt));
    e.height = static_cast<int>(r.integer("height", 0, kMaxInt));
    e.capturedAtMs = r.integer("captured_at", std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
    copyInto(e.streamHeader, r.bytes("stream_header", kMediaStreamHeaderBytes));
    copyInto(e.plaintextHash, r.bytes("blake2b", kMediaHashBytes));
    if (const QCborValue parts = map.value(QLatin1String("parts")); !parts.isUndefined()) {
        // Present: exactly one name per part of the stream the record describes.
        if (!parts.isArray() || parts.toArray().size() != mediaPartCount(e.chunkCount)) r.fail("parts");
        for (const QCborValue &p : parts.toArray()) {
            if (!p.isByteArray() || p.toByteArray().size() != static_cast<qsizetype>(kMediaHashBytes)) {
                r.fail("parts");
                break;
            }
            copyInto(e.parts.emplace_back(), p.toByteArray());
        }
    }
    QByteArray key = r.bytes("stream_key", WipedKey32::size());
    if (key.size() == static_cast<qsizetype>(WipedKey32::size())) {
        std::memcpy(e.streamKey.data(), key.constData(), WipedKey32::size());
        wipeBytes(key.data(), WipedKey32::size());
    }
    if (r.failed()) return malformed(r.badField());
    return e;
}

std::string formatDuration(std::int64_t durationMs)
{
    const std::int64_t total = std::max<std::int64_t>(0, durationMs) / 1000;
    const std::int64_t h = total / 3600;
    const std::int64_t m = (total / 60) % 60;
    const std::int64_t s = total % 60;
    char out[32];
    if (h > 0)
        std::snprintf(out, sizeof out, "%lld:%02lld:%02lld", static_cast<long long>(h), static_cast<long long>(m), static_cast<long long>(s));
    else
        std::snprintf(out, sizeof out, "%lld:%02lld", static_cast<long long>(m), static_cast<long long>(s));
    return out;
}

} // namespace triad
