// Little-endian, bounds-checked byte writing and reading for the crypto formats (sealed records, key files).
// Internal to the crypto and platform code; not a general serialisation library.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace triad::crypto {

class ByteWriter {
public:
    explicit ByteWriter(std::size_t reserve = 0) { m_out.reserve(reserve); }
    template <typename T>
    void le(T v) // unsigned or signed integer, written as its two's-complement bytes
    {
        for (std::size_t i = 0; i < sizeof(T); ++i) m_out.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i)));
    }
    void bytes(std::span<const std::uint8_t> b) { m_out.insert(m_out.end(), b.begin(), b.end()); }
    // Appends n zero bytes and returns their offset, for primitives that write in place.
    std::size_t reserve(std::size_t n)
    {
        const std::size_t at = m_out.size();
        m_out.resize(at + n);
        return at;
    }
    std::uint8_t *at(std::size_t offset) { return m_out.data() + offset; }
    std::vector<std::uint8_t> &out() { return m_out; }

private:
    std::vector<std::uint8_t> m_out;
};

// Every read checks the remaining length first and never reads past the end; a failed read consumes nothing.
class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> in) : m_in(in) {}
    std::size_t offset() const { return m_pos; }
    std::size_t remaining() const { return m_in.size() - m_pos; }
    bool take(std::size_t n, std::span<const std::uint8_t> &out)
    {
        if (n > remaining()) return false;
        out = m_in.subspan(m_pos, n);
        m_pos += n;
        return true;
    }
    template <std::size_t N>
    bool array(std::array<std::uint8_t, N> &out)
    {
        std::span<const std::uint8_t> s;
        if (!take(N, s)) return false;
        std::copy(s.begin(), s.end(), out.begin());
        return true;
    }
    template <typename T>
    bool le(T &out)
    {
        std::span<const std::uint8_t> s;
        if (!take(sizeof(T), s)) return false;
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<std::uint64_t>(s[i]) << (8 * i);
        out = static_cast<T>(v);
        return true;
    }

private:
    std::span<const std::uint8_t> m_in;
    std::size_t m_pos = 0;
};

} // namespace triad::crypto
