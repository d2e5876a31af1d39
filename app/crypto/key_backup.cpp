#include "key_backup.h"
#include "error_codes.h"

#include "byte_io.h"
#include "passphrase_kdf.h"

#include <sodium.h>

#include <cstring>

namespace triad::crypto {

namespace {

constexpr std::array<std::uint8_t, 8> kMagic = {'T', 'R', 'I', 'A', 'D', 'B', 'A', 'K'};
constexpr std::size_t kSaltBytes = crypto_pwhash_argon2id_SALTBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kChecksumBytes = kBlobChecksumBytes;
constexpr std::size_t kMaxSecretBytes = 4096; // an identity secret is 97 bytes today
// header 59 | nonce 24 | ciphertext length 4
constexpr std::size_t kPrefixBytes = kBackupHeaderBytes + kNonceBytes + 4;
static_assert(kSaltBytes == 16 && kNonceBytes == 24 && kKeyBytes == crypto_kdf_KEYBYTES);
static_assert(kBackupHeaderBytes == 8 + 3 + 8 + 8 + kSaltBytes + 16);

constexpr std::uint64_t kEncryptionSubkey = 1;
constexpr std::uint64_t kLoginSubkey = 2;
constexpr char kEncryptionContext[crypto_kdf_CONTEXTBYTES + 1] = "TRDBKENC";
constexpr char kLoginContext[crypto_kdf_CONTEXTBYTES + 1] = "TRDLOGIN";
constexpr std::string_view kVerifierDomain = "triad.backup.login-verifier.v1";
static_assert(kVerifierDomain.size() >= crypto_generichash_KEYBYTES_MIN && kVerifierDomain.size() <= crypto_generichash_KEYBYTES_MAX);

Error corrupt() { return makeError(errc::backup::kCorrupt, "The key backup is damaged or incomplete."); }
Error unsupportedFormat() { return makeError(errc::backup::kUnsupported, "The key backup was written by a newer version of the app."); }

// INTERACTIVE..SENSITIVE, not MIN..SENSITIVE: see BackupStrength.
bool limitsAccepted(std::uint64_t ops, std::uint64_t mem) { return argon2LimitsWithin(ops, mem, argon2Limits(Argon2Strength::Interactive)); }

// Reads the 59-byte public header; the reader is left just after it.
Result<BackupHeader> readHeader(ByteReader &r)
{
    std::span<const std::uint8_t> magic;
    BackupHeader h;
    std::uint8_t kdf = 0, aead = 0;
    if (!r.take(kMagic.size(), magic) || std::memcmp(magic.data(), kMagic.data(), kMagic.size()) != 0 || !r.le(h.version)) return corrupt();
    if (h.version != kBackupVersion) // a newer version may have any layout after its version byte
        return unsupportedFormat();
    if (!r.le(kdf) || !r.le(aead) || !r.le(h.opslimit) || !r.le(h.memlimit) || !r.array(h.salt) || !r.array(h.personId.bytes)) return corrupt();
    if (kdf != kBackupKdfArgon2id13 || aead != kBackupAeadXChaCha20Poly1305)
        return makeError(errc::backup::kUnsupported, "The key backup uses an algorithm this version of the app does not know.");
    if (!limitsAccepted(h.opslimit, h.memlimit)) return corrupt();
    return h;
}

} // namespace

Result<BackupSecrets> deriveBackupSecrets(std::string_view passphrase, const BackupHeader &header)
{
    if (header.version != kBackupVersion) return unsupportedFormat();
    if (!limitsAccepted(header.opslimit, header.memlimit)) return corrupt();
    // The master key is wiped by sodium_free on every return path.
    auto master = argon2id(passphrase, header.salt.data(), header.opslimit, header.memlimit, crypto_kdf_KEYBYTES, "backup.kdf_failed");
    if (!master) return master.error();
    BackupSecrets s{SecureBuffer(kKeyBytes), SecureBuffer(kKeyBytes)};
    crypto_kdf_derive_from_key(s.encryptionKey.data(), s.encryptionKey.size(), kEncryptionSubkey, kEncryptionContext, master->data());
    crypto_kdf_derive_from_key(s.loginSecret.data(), s.loginSecret.size(), kLoginSubkey, kLoginContext, master->data());
    return s;
}

Result<BackupHeader> parseBackupHeader(std::span<const std::uint8_t> bytes)
{
    ByteReader r(bytes);
    return readHeader(r);
}

Result<Bytes> createBackup(const Identity &identity, const RecordId &personId, std::string_view passphrase, BackupStrength strength)
{
    if (utf8CodePoints(passphrase) < kMinBackupPassphraseChars)
        return makeError(errc::backup::kWeakPassphrase, "The passphrase must be at least 8 characters long.");

    BackupHeader h;
    h.personId = personId;
    const Argon2Limits limits = argon2Limits(strength == BackupStrength::Interactive ? Argon2Strength::Interactive
                                             : strength == BackupStrength::Sensitive ? Argon2Strength::Sensitive
                                                                                     : Argon2Strength::Moderate);
    h.opslimit = limits.ops;
    h.memlimit = limits.mem;
    randombytes_buf(h.salt.data(), h.salt.size());

    auto secrets = deriveBackupSecrets(passphrase, h);
    if (!secrets) return secrets.error();
    const SecureBuffer secret = identity.exportSecret();

    const std::size_t ctLen = secret.size() + kTagBytes;
    ByteWriter w(kPrefixBytes + ctLen + kChecksumBytes);
    w.bytes(kMagic);
    w.le(h.version);
    w.le(kBackupKdfArgon2id13);
    w.le(kBackupAeadXChaCha20Poly1305);
    w.le(h.opslimit);
    w.le(h.memlimit);
    w.bytes(h.salt);
    w.bytes(h.personId.bytes);
    const std::size_t nonceAt = w.reserve(kNonceBytes);
    randombytes_buf(w.at(nonceAt), kNonceBytes);
    w.le(static_cast<std::uint32_t>(ctLen));
    const std::size_t ctAt = w.reserve(ctLen);

    crypto_aead_xchacha20poly1305_ietf_encrypt(w.at(ctAt), nullptr, secret.data(), secret.size(), w.at(0), kBackupHeaderBytes, nullptr, w.at(nonceAt),
                                               secrets->encryptionKey.data());
    appendChecksum(w);
    return std::move(w.out());
}

Result<RestoredBackup> restoreBackup(std::span<const std::uint8_t> blob, std::string_view passphrase)
{
    // 1. Integrity of the whole blob (unkeyed, so it tells damage apart from a wrong passphrase).
    if (blob.size() < kMagic.size() + 1 + kChecksumBytes || std::memcmp(blob.data(), kMagic.data(), kMagic.size()) != 0) return corrupt();
    if (!checksumMatches(blob)) return corrupt();
    const std::size_t sumAt = blob.size() - kChecksumBytes;

    // 2. Format, algorithms, KDF limits and structure, all before the (expensive) KDF runs.
    ByteReader r(blob.first(sumAt));
    auto header = readHeader(r);
    if (!header) return header.error();
    std::span<const std::uint8_t> nonce, ciphertext;
    std::uint32_t ctLen = 0;
    if (!r.take(kNonceBytes, nonce) || !r.le(ctLen) || ctLen <= kTagBytes || ctLen > kMaxSecretBytes + kTagBytes || !r.take(ctLen, ciphertext)
        || r.remaining() != 0)
        return corrupt();

    // 3. Derive and decrypt: the blob is intact, so a failure here means the passphrase is wrong.
    auto secrets = deriveBackupSecrets(passphrase, *header);
    if (!secrets) return secrets.error();
    SecureBuffer secret(ctLen - kTagBytes);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(secret.data(), nullptr, nullptr, ciphertext.data(), ciphertext.size(), blob.data(),
                                                   kBackupHeaderBytes, nonce.data(), secrets->encryptionKey.data())
        != 0)
        return makeError(errc::backup::kWrongPassphrase, "The passphrase does not open this key backup.");

    // 4. Authentic content this version cannot import (e.g. a newer identity secret layout).
    auto identity = Identity::importSecret(secret.span());
    if (!identity) return makeError(errc::backup::kUnsupported, "The key backup holds keys this version of the app does not know.");
    return RestoredBackup{std::move(identity).value(), header->personId};
}

// Why a fast hash is enough here, and not crypto_pwhash_str: the login secret is a 32-byte output of crypto_kdf
// under the Argon2id master key, i.e. a uniformly random 256-bit key, not something a person chose. A slow hash
// protects low-entropy inputs from guessing; a 256-bit key cannot be guessed, and guessing the passphrase behind
// the verifier costs one Argon2id run per guess, the same as guessing it against the blob the case store already
// holds. BLAKE2b keyed with a domain string makes the verifier one-way and specific to this use.
Bytes loginVerifier(std::span<const std::uint8_t> loginSecret)
{
    Bytes out(crypto_generichash_BYTES);
    crypto_generichash(out.data(), out.size(), loginSecret.data(), loginSecret.size(),
                       reinterpret_cast<const unsigned char *>(kVerifierDomain.data()), kVerifierDomain.size());
    return out;
}

bool checkLogin(std::span<const std::uint8_t> verifier, std::span<const std::uint8_t> loginSecret)
{
    const Bytes expected = loginVerifier(loginSecret);
    return verifier.size() == expected.size() && sodium_memcmp(verifier.data(), expected.data(), expected.size()) == 0;
}

} // namespace triad::crypto
