#include "passphrase_kdf.h"

#include <sodium.h>

#include <array>

namespace triad::crypto {

Argon2Limits argon2Limits(Argon2Strength strength)
{
    switch (strength) {
    case Argon2Strength::Interactive: return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
    case Argon2Strength::Sensitive: return {crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE, crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE};
    case Argon2Strength::Moderate: break;
    }
    return {crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE};
}

Argon2Limits argon2MinLimits() { return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN}; }

bool argon2LimitsWithin(std::uint64_t ops, std::uint64_t mem, Argon2Limits floor)
{
    const Argon2Limits top = argon2Limits(Argon2Strength::Sensitive);
    return ops >= floor.ops && ops <= top.ops && mem >= floor.mem && mem <= top.mem;
}

Result<SecureBuffer> argon2id(std::span<const char> passphrase, const std::uint8_t *salt, std::uint64_t ops, std::uint64_t mem, std::size_t outBytes,
                              const char *errorCode)
{
    SecureBuffer key(outBytes);
    static const char empty[1] = {0}; // a valid pointer for an empty passphrase
    if (crypto_pwhash(key.data(), key.size(), passphrase.empty() ? empty : passphrase.data(), passphrase.size(), salt, ops,
                      static_cast<std::size_t>(mem), crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return makeError(errorCode, "Not enough memory to derive the key from the passphrase.");
    return key;
}

void appendChecksum(ByteWriter &w)
{
    const std::size_t sumAt = w.reserve(kBlobChecksumBytes);
    crypto_generichash(w.at(sumAt), kBlobChecksumBytes, w.at(0), sumAt, nullptr, 0);
}

bool checksumMatches(std::span<const std::uint8_t> blob)
{
    if (blob.size() < kBlobChecksumBytes) return false;
    const std::size_t sumAt = blob.size() - kBlobChecksumBytes;
    std::array<std::uint8_t, kBlobChecksumBytes> sum{};
    crypto_generichash(sum.data(), sum.size(), blob.data(), sumAt, nullptr, 0);
    return sodium_memcmp(sum.data(), blob.data() + sumAt, kBlobChecksumBytes) == 0;
}

std::size_t utf8CodePoints(std::span<const std::uint8_t> utf8)
{
    std::size_t n = 0;
    for (const std::uint8_t b : utf8) n += (b & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

} // namespace triad::crypto
