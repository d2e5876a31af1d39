// Small helpers shared by the crypto suites.
#pragma once

#include "identity.h"
#include "test_support.h"

#include <QString>

#include <cctype>
#include <stdexcept>
#include <string>
#include <string_view>

namespace triad::test {

// Hex to bytes; whitespace (line breaks in committed vectors) is ignored.
inline crypto::Bytes fromHex(std::string_view hex)
{
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw std::invalid_argument("bad hex digit");
    };
    std::string digits;
    for (const char c : hex)
        if (!std::isspace(static_cast<unsigned char>(c))) digits.push_back(c);
    if (digits.size() % 2 != 0) throw std::invalid_argument("odd hex length");
    crypto::Bytes out;
    for (std::size_t i = 0; i < digits.size(); i += 2) out.push_back(static_cast<std::uint8_t>(nibble(digits[i]) * 16 + nibble(digits[i + 1])));
    return out;
}

inline std::array<std::uint8_t, 32> seed32(std::string_view hex)
{
    const crypto::Bytes b = fromHex(hex);
    if (b.size() != 32) throw std::invalid_argument("seed must be 32 bytes");
    std::array<std::uint8_t, 32> out{};
    std::copy(b.begin(), b.end(), out.begin());
    return out;
}

inline crypto::Bytes readHexFixture(const char *relative) { return fromHex(readFile(fixturePath(QString::fromUtf8(relative))).toStdString()); }

inline crypto::Bytes bytesOf(std::string_view s) { return {s.begin(), s.end()}; }

inline std::string stringOf(std::span<const std::uint8_t> b) { return {b.begin(), b.end()}; }

// "ok", or the error code: lets a refusal be checked in one line.
template <typename T>
std::string codeOf(const Result<T> &r)
{
    return r.ok() ? std::string("ok") : r.error().code;
}

// Little-endian field edits, as someone doctoring a file would make them.
inline void putLe(crypto::Bytes &b, std::size_t at, std::uint64_t v, int n)
{
    for (int i = 0; i < n; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}

inline std::uint64_t getLe(const crypto::Bytes &b, std::size_t at, int n)
{
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(b[at + static_cast<std::size_t>(i)]) << (8 * i);
    return v;
}

} // namespace triad::test
