// Linux keystore: the private-key blob is encrypted with XChaCha20-Poly1305 under a key derived from the
// person's passphrase with Argon2id. The KDF parameters and salt are stored in the blob (minisign-style), and
// an unkeyed BLAKE2b checksum over the whole blob tells corruption apart from a wrong passphrase.
//
//   magic "TRIADKEY" | version u8 (1) | kdf id u8 (1 = Argon2id v1.3) | aead id u8 (1 = XChaCha20-Poly1305) |
//   opslimit u64 | memlimit u64 | salt 16 | nonce 24 | ciphertext length u32 | ciphertext | BLAKE2b-256 checksum 32
#pragma once

#include "triad/platform/keystore.h"

namespace triad::platform {

enum class KdfStrength {
    Interactive, // crypto_pwhash_*_INTERACTIVE: ~70 ms here; tests and low-end phones
    Moderate,    // crypto_pwhash_*_MODERATE: ~420 ms here; the default for new key files
    Sensitive,   // crypto_pwhash_*_SENSITIVE
};

class PassphraseKeystore final : public Keystore {
public:
    explicit PassphraseKeystore(KdfStrength strength = KdfStrength::Moderate);
    std::string mechanism() const override;
    Result<std::vector<std::uint8_t>> wrap(std::span<const std::uint8_t> secret,
                                           const UnlockCredential &credential) override;
    Result<crypto::SecureBuffer> unwrap(std::span<const std::uint8_t> blob,
                                        const UnlockCredential &credential) override;

private:
    KdfStrength m_strength;
};

} // namespace triad::platform
