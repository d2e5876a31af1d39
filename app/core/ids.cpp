#include "ids.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cstring>

namespace triad {

RecordId RecordId::generate()
{
    RecordId id;
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words); // one call to the OS generator, not one per byte
    std::memcpy(id.bytes.data(), words, sizeof words);
    id.bytes[6] = static_cast<std::uint8_t>((id.bytes[6] & 0x0F) | 0x40); // version 4
    id.bytes[8] = static_cast<std::uint8_t>((id.bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
    return id;
}

RecordId RecordId::generateTimeOrdered(std::int64_t unixMs)
{
    RecordId id = generate();
    const auto ms = static_cast<std::uint64_t>(std::clamp<std::int64_t>(unixMs, 0, (std::int64_t{1} << 48) - 1));
    for (std::size_t i = 0; i < 6; ++i) id.bytes[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i)); // unix_ts_ms, big-endian
    id.bytes[6] = static_cast<std::uint8_t>((id.bytes[6] & 0x0F) | 0x70);                            // version 7
    return id;
}

std::string RecordId::shortText() const { return toString().substr(28); }

static int hexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<RecordId> RecordId::fromString(std::string_view s)
{
    if (s.size() != 36) return std::nullopt;
    // Dashes exactly at 8, 13, 18 and 23 and two hex digits for each byte elsewhere: a dash anywhere else is refused (it
    // was skipped, and a dash before the last digit made the loop read one character past the end).
    RecordId id;
    std::size_t out = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return std::nullopt;
            ++i;
            continue;
        }
        const int hi = hexValue(s[i]);
        const int lo = hexValue(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        id.bytes[out++] = static_cast<std::uint8_t>(hi * 16 + lo);
        i += 2;
    }
    return id;
}

std::string RecordId::toString() const
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s.push_back('-');
        s.push_back(digits[bytes[i] >> 4]);
        s.push_back(digits[bytes[i] & 0x0F]);
    }
    return s;
}

bool RecordId::isNull() const
{
    for (auto b : bytes)
        if (b != 0) return false;
    return true;
}

} // namespace triad
