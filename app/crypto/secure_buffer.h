// Secret bytes live in sodium-guarded memory (guard pages, mlock) and are wiped when released
// (minisign's sodium_malloc/sodium_memzero, libsession-util's sodium_array).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace triad::crypto {

// Calls sodium_init() once; returns false if libsodium cannot be used (then nothing else may be called).
bool initialize();

class SecureBuffer {
public:
    SecureBuffer() = default;
    explicit SecureBuffer(std::size_t size); // zero-filled; throws std::bad_alloc if sodium_malloc fails
    SecureBuffer(const SecureBuffer &) = delete;
    SecureBuffer &operator=(const SecureBuffer &) = delete;
    SecureBuffer(SecureBuffer &&other) noexcept;
    SecureBuffer &operator=(SecureBuffer &&other) noexcept;
    ~SecureBuffer(); // sodium_free wipes the bytes

    static SecureBuffer copyOf(std::span<const std::uint8_t> bytes);

    std::uint8_t *data() { return m_data; }
    const std::uint8_t *data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::span<std::uint8_t> span() { return {m_data, m_size}; }
    std::span<const std::uint8_t> span() const { return {m_data, m_size}; }

private:
    std::uint8_t *m_data = nullptr;
    std::size_t m_size = 0;
};

// A short-lived 32-byte key (a per-record content key) on the stack, wiped when it goes out of scope.
// sodium_malloc costs an mmap, two mprotects and an mlock per allocation (tens of microseconds), which is right
// for long-lived secrets (identity keys, shared keys) and wrong for a key that lives for one record.
class ContentKey {
public:
    static constexpr std::size_t kSize = 32;
    ContentKey() = default;
    ContentKey(const ContentKey &) = delete;
    ContentKey &operator=(const ContentKey &) = delete;
    ContentKey(ContentKey &&other) noexcept;
    ContentKey &operator=(ContentKey &&) = delete;
    ~ContentKey();
    std::uint8_t *data() { return m_bytes; }
    const std::uint8_t *data() const { return m_bytes; }
    static constexpr std::size_t size() { return kSize; }
    std::span<const std::uint8_t> span() const { return {m_bytes, kSize}; }

private:
    std::uint8_t m_bytes[kSize] = {};
};

// Decrypted record content: ordinary heap memory (it is data the person typed, not a key), wiped on release.
class PlainBytes {
public:
    PlainBytes() = default;
    explicit PlainBytes(std::size_t size);
    PlainBytes(const PlainBytes &) = delete;
    PlainBytes &operator=(const PlainBytes &) = delete;
    PlainBytes(PlainBytes &&other) noexcept;
    PlainBytes &operator=(PlainBytes &&other) noexcept;
    ~PlainBytes();
    std::uint8_t *data() { return m_data; }
    const std::uint8_t *data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::span<std::uint8_t> span() { return {m_data, m_size}; }
    std::span<const std::uint8_t> span() const { return {m_data, m_size}; }

private:
    void release();
    std::uint8_t *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace triad::crypto
