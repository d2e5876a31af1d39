#include "secure_buffer.h"

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

namespace triad::crypto {

bool initialize()
{
    // A function-local static is initialised exactly once, even with concurrent callers (C++11 magic statics);
    // sodium_init() itself is also safe to call repeatedly (returns 1 when already initialised).
    static const bool ready = sodium_init() >= 0;
    return ready;
}

SecureBuffer::SecureBuffer(std::size_t size)
{
    if (size == 0) return;
    void *p = sodium_malloc(size);
    if (p == nullptr) throw std::bad_alloc();
    m_data = static_cast<std::uint8_t *>(p);
    m_size = size;
    sodium_memzero(m_data, m_size); // sodium_malloc fills with 0xdb; the contract is zero-filled
}

SecureBuffer::SecureBuffer(SecureBuffer &&other) noexcept : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

SecureBuffer &SecureBuffer::operator=(SecureBuffer &&other) noexcept
{
    if (this != &other) {
        sodium_free(m_data);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecureBuffer::~SecureBuffer()
{
    sodium_free(m_data); // wipes the bytes before unmapping; a no-op for nullptr
}

SecureBuffer SecureBuffer::copyOf(std::span<const std::uint8_t> bytes)
{
    SecureBuffer b(bytes.size());
    if (!bytes.empty()) std::memcpy(b.m_data, bytes.data(), bytes.size());
    return b;
}

ContentKey::ContentKey(ContentKey &&other) noexcept
{
    std::memcpy(m_bytes, other.m_bytes, kSize);
    sodium_memzero(other.m_bytes, kSize);
}

ContentKey::~ContentKey() { sodium_memzero(m_bytes, kSize); }

PlainBytes::PlainBytes(std::size_t size) : m_data(size ? new std::uint8_t[size]() : nullptr), m_size(size) {}

PlainBytes::PlainBytes(PlainBytes &&other) noexcept : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

PlainBytes &PlainBytes::operator=(PlainBytes &&other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

PlainBytes::~PlainBytes() { release(); }

void PlainBytes::release()
{
    if (m_data) {
        sodium_memzero(m_data, m_size);
        delete[] m_data;
    }
    m_data = nullptr;
    m_size = 0;
}

} // namespace triad::crypto
