// JSON field readers shared by both ends of protocol "triad-sync/1" (docs/protocol.md): the case store reading a
// push and the device reading the case store's replies apply the same rules to the same fields.
#pragma once

#include "ids.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cmath>
#include <cstdint>
#include <optional>

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

inline QJsonValue idOrNull(const std::optional<RecordId> &id)
{
    return id ? QJsonValue(QString::fromStdString(id->toString())) : QJsonValue(QJsonValue::Null);
}

} // namespace triad::wire
