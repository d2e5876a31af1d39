// CBOR helpers shared by the payload encoders of the domain core (case_records.cpp, signature_records.cpp): ids and
// hashes as byte strings of their exact length, maps with text keys. Internal to the core.
#pragma once

#include "ids.h"

#include <QByteArray>
#include <QCborMap>
#include <QCborValue>
#include <QLatin1String>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace triad::payload {

inline QByteArray qb(std::span<const std::uint8_t> b)
{
    return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size()));
}
inline QCborValue idValue(const RecordId &id) { return QCborValue(qb(id.bytes)); }
inline bool toId(const QCborValue &v, RecordId &out)
{
    if (!v.isByteArray() || v.toByteArray().size() != 16) return false;
    const QByteArray b = v.toByteArray();
    std::copy(b.begin(), b.end(), out.bytes.begin());
    return true;
}
template <std::size_t N>
bool toArray(const QCborValue &v, std::array<std::uint8_t, N> &out)
{
    if (!v.isByteArray() || v.toByteArray().size() != static_cast<qsizetype>(N)) return false;
    const QByteArray b = v.toByteArray();
    std::copy(b.begin(), b.end(), out.begin());
    return true;
}
inline QByteArray cbor(const QCborMap &m) { return m.toCborValue().toCbor(); }
inline QLatin1String k(const char *key) { return QLatin1String(key); }

inline std::optional<QCborMap> mapOf(const QByteArray &payload)
{
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(payload, &err);
    if (err.error != QCborError::NoError || !v.isMap()) return std::nullopt;
    return v.toMap();
}

} // namespace triad::payload
