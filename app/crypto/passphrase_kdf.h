// What the passphrase-protected blobs (the Linux key file, platform/linux/passphrase_keystore.cpp, and the key
// backup, key_backup.cpp) share: Argon2id limits by strength, the derivation itself, the unkeyed checksum that
// tells damage from a wrong passphrase, and counting a passphrase's characters.
#pragma once

#include "byte_io.h"
#include "result.h"
#include "secure_buffer.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace triad::crypto {

enum class Argon2Strength {
    Interactive,
    Moderate,
    Sensitive
};

struct Argon2Limits {
    std::uint64_t ops = 0;
    std::uint64_t mem = 0;
};

Argon2Limits argon2Limits(Argon2Strength strength);
// Limits a stored blob may carry: between `floor` and SENSITIVE (checked before the KDF runs, so a crafted blob
// cannot make a device spend minutes or gigabytes).
bool argon2LimitsWithin(std::uint64_t ops, std::uint64_t mem, Argon2Limits floor);
Argon2Limits argon2MinLimits();

// Argon2id13 of `passphrase` into `outBytes` of guarded memory; `errorCode` names the failure (out of memory).
Result<SecureBuffer> argon2id(std::span<const char> passphrase, const std::uint8_t *salt, std::uint64_t ops, std::uint64_t mem, std::size_t outBytes,
                              const char *errorCode);

inline constexpr std::size_t kBlobChecksumBytes = 32;
// Appends BLAKE2b-256 of everything written so far.
void appendChecksum(ByteWriter &w);
// True if the blob ends with the BLAKE2b-256 of the bytes before it.
bool checksumMatches(std::span<const std::uint8_t> blob);

// Unicode code points in UTF-8 text (continuation bytes are not counted).
std::size_t utf8CodePoints(std::span<const std::uint8_t> utf8);
inline std::size_t utf8CodePoints(std::string_view utf8)
{
    return utf8CodePoints({reinterpret_cast<const std::uint8_t *>(utf8.data()), utf8.size()});
}

} // namespace triad::crypto
