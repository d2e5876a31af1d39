// Where a person's private keys rest on a device. The private-key blob is wrapped by a key that the platform
// keeps: on Linux a passphrase through Argon2id (PassphraseKeystore); on Android the Android Keystore and on
// iOS the Keychain (Secure Enclave), behind this same interface.
#pragma once

#include "result.h"
#include "secure_buffer.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace triad::platform {

// What the person supplies to unlock: a passphrase on Linux; empty where the OS authenticates (biometrics).
struct UnlockCredential {
    crypto::SecureBuffer passphrase; // UTF-8, not NUL-terminated
    static UnlockCredential fromPassphrase(std::string_view passphrase);
};

class Keystore {
public:
    virtual ~Keystore() = default;

    // Human name of the mechanism, e.g. "passphrase (Argon2id)".
    virtual std::string mechanism() const = 0;

    // Wraps `secret` into a self-describing blob that is safe to write to disk. May refuse a credential it
    // considers too weak ("keystore.weak_passphrase").
    virtual Result<std::vector<std::uint8_t>> wrap(std::span<const std::uint8_t> secret, const UnlockCredential &credential) = 0;

    // Error codes: "keystore.wrong_passphrase" (the blob is intact but the credential does not open it),
    // "keystore.corrupt" (the blob is damaged or truncated), "keystore.unsupported" (unknown version/algorithm),
    // "keystore.kdf_failed" (the device could not run the key derivation, e.g. out of memory).
    virtual Result<crypto::SecureBuffer> unwrap(std::span<const std::uint8_t> blob, const UnlockCredential &credential) = 0;
};

} // namespace triad::platform
