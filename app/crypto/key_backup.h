// Key backup for new devices and recovery (docs/security.md "Key backup and new devices"): a person's private keys
// as a blob the case store keeps but cannot read. The passphrase goes through Argon2id once; from that master key
// two independent secrets are derived with crypto_kdf (BLAKE2b):
//   encryption key = crypto_kdf_derive_from_key(subkey 1, context "TRDBKENC", master) — opens the blob;
//   login secret   = crypto_kdf_derive_from_key(subkey 2, context "TRDLOGIN", master) — sent to the case store to
//                    prove the device may fetch or replace the blob; the case store keeps only loginVerifier() of it.
// Neither the login secret nor its verifier yields the encryption key (one-way KDF from a secret master).
//
//   magic "TRIADBAK" | version u8 (1) | kdf id u8 (1 = Argon2id v1.3) | aead id u8 (1 = XChaCha20-Poly1305) |
//   opslimit u64 | memlimit u64 | salt 16 | person id 16 |            <- public header, kBackupHeaderBytes (59)
//   nonce 24 | ciphertext length u32 | ciphertext | BLAKE2b-256 checksum 32
//
// Integers little-endian. Ciphertext = XChaCha20-Poly1305 of Identity::exportSecret(); AD = the 59 header bytes
// (so salt, limits and person id are bound to the ciphertext). The checksum is an unkeyed BLAKE2b-256 over every
// byte before it: it only tells damage apart from a wrong passphrase; the AEAD provides the security.
//
// A new device first gets the public header (the case store may hand out the first kBackupHeaderBytes of the blob
// before login), derives the secrets with deriveBackupSecrets(), proves itself with the login secret, fetches the
// whole blob and calls restoreBackup().
//
// Errors: "backup.corrupt" (damaged, truncated, extended, or KDF limits outside the accepted range — refused before
// the KDF runs), "backup.unsupported" (unknown version or algorithm, or an identity secret this version cannot
// import), "backup.wrong_passphrase" (an intact blob the passphrase does not open), "backup.weak_passphrase"
// (createBackup only: fewer than kMinBackupPassphraseChars Unicode code points), "backup.kdf_failed" (the device
// could not allocate the Argon2id memory). Messages are fixed sentences without secrets.
#pragma once

#include "identity.h"
#include "ids.h"
#include "result.h"
#include "secure_buffer.h"

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace triad::crypto {

inline constexpr std::uint8_t kBackupVersion = 1;
inline constexpr std::uint8_t kBackupKdfArgon2id13 = 1;
inline constexpr std::uint8_t kBackupAeadXChaCha20Poly1305 = 1;
inline constexpr std::size_t kBackupHeaderBytes = 59; // magic .. person id: public, and the AEAD's AD
inline constexpr std::size_t kMinBackupPassphraseChars = 8;

// Argon2id cost for a new backup (libsodium's crypto_pwhash_argon2id_{OPSLIMIT,MEMLIMIT}_*). Restoring accepts
// limits from INTERACTIVE to SENSITIVE only: the header is fetched before any authentication, so a lower floor
// would let whoever serves it make a device derive its login secret with a cheap, quickly guessable KDF.
enum class BackupStrength {
    Interactive, // tests and low-end phones
    Moderate,    // the default for people's backups
    Sensitive,
};

struct BackupHeader {
    std::uint8_t version = kBackupVersion;
    std::uint64_t opslimit = 0;
    std::uint64_t memlimit = 0; // bytes
    std::array<std::uint8_t, 16> salt{};
    RecordId personId; // routing only: in the clear, bound to the ciphertext as AD
};

struct BackupSecrets {
    SecureBuffer encryptionKey; // 32 bytes, the AEAD key of the blob; never leaves the device
    SecureBuffer loginSecret;   // 32 bytes, sent to the case store, which keeps only loginVerifier(loginSecret)
};

struct RestoredBackup {
    Identity identity;
    RecordId personId;
};

// Encrypts identity.exportSecret() under a fresh random salt and nonce.
Result<Bytes> createBackup(const Identity &identity, const RecordId &personId, std::string_view passphrase,
                           BackupStrength strength = BackupStrength::Moderate);

// Checks the checksum, format, algorithms and KDF limits, then derives the key and decrypts.
Result<RestoredBackup> restoreBackup(std::span<const std::uint8_t> blob, std::string_view passphrase);

// Parses the public header at the start of `bytes` — a whole blob, or only its first kBackupHeaderBytes as the case
// store serves them before login. Bytes after the header are not examined (restoreBackup checks the whole blob), so
// the result is not authenticated; its KDF limits are range-checked. "backup.corrupt" / "backup.unsupported".
Result<BackupHeader> parseBackupHeader(std::span<const std::uint8_t> bytes);

// One Argon2id run over the passphrase with the header's salt and limits, then the two crypto_kdf subkeys; the
// master key is wiped. Refuses out-of-range limits ("backup.corrupt") before the KDF runs. Never refuses a
// passphrase for its length: a wrong one gives secrets that neither log in nor open the blob.
Result<BackupSecrets> deriveBackupSecrets(std::string_view passphrase, const BackupHeader &header);

// What the case store keeps to check a login: BLAKE2b-256(loginSecret) keyed with a domain string (32 bytes).
Bytes loginVerifier(std::span<const std::uint8_t> loginSecret);
// Constant-time comparison of loginVerifier(loginSecret) with a stored verifier.
bool checkLogin(std::span<const std::uint8_t> verifier, std::span<const std::uint8_t> loginSecret);

} // namespace triad::crypto
