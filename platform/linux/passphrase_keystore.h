// Linux keystore: the private-key blob is encrypted with XChaCha20-Poly1305 under a key derived from the
// person's passphrase with Argon2id. The KDF parameters and salt are stored in the blob (minisign-style), and
// an unkeyed BLAKE2b checksum over the whole blob tells corruption apart from a wrong passphrase.
//
//   magic "TRIADKEY" | version u8 (1) | kdf id u8 (1 = Argon2id v1.3) | aead id u8 (1 = XChaCha20-Poly1305) |
//   opslimit u64 | memlimit u64 | salt 16 | nonce 24 | ciphertext length u32 | ciphertext | BLAKE2b-256 checksum 32
//
// Integers little-endian. AEAD associated data = the 71 header bytes before the ciphertext; the checksum is an
// unkeyed BLAKE2b-256 over every byte before it. unwrap() checks, in order: magic and checksum ("keystore.corrupt"),
// version and algorithm ids ("keystore.unsupported"), ciphertext length and KDF parameters — opslimit and memlimit
// must lie within Argon2id's MIN..SENSITIVE, so a doctored file cannot make the device run an absurd KDF
// ("keystore.corrupt", refused before the KDF runs) — and only then derives the key; an AEAD failure on an intact
// blob is "keystore.wrong_passphrase".
//
// Passphrases: wrap() refuses passphrases shorter than kMinPassphraseChars Unicode code points (so the empty
// passphrase too) with "keystore.weak_passphrase". unwrap() never refuses a passphrase for its length: a wrong or
// empty one is simply "keystore.wrong_passphrase". "keystore.kdf_failed" means the device could not allocate the
// Argon2id memory.
#pragma once

#include "triad/platform/keystore.h"

namespace triad::platform {

inline constexpr std::uint8_t kKeyFileVersion = 1;
inline constexpr std::uint8_t kKeyFileKdfArgon2id13 = 1;
inline constexpr std::uint8_t kKeyFileAeadXChaCha20Poly1305 = 1;
inline constexpr std::size_t kMinPassphraseChars = 8;
inline constexpr std::size_t kMaxSecretBytes = 64 * 1024; // larger secrets are refused by wrap()

enum class KdfStrength {
    Interactive, // crypto_pwhash_*_INTERACTIVE: ~70 ms here; tests and low-end phones
    Moderate,    // crypto_pwhash_*_MODERATE: ~420 ms here; the default for new key files
    Sensitive,   // crypto_pwhash_*_SENSITIVE
};

class PassphraseKeystore final : public Keystore {
public:
    explicit PassphraseKeystore(KdfStrength strength = KdfStrength::Moderate);
    std::string mechanism() const override;
    Result<std::vector<std::uint8_t>> wrap(std::span<const std::uint8_t> secret, const UnlockCredential &credential) override;
    Result<crypto::SecureBuffer> unwrap(std::span<const std::uint8_t> blob, const UnlockCredential &credential) override;

private:
    KdfStrength m_strength;
};

} // namespace triad::platform
