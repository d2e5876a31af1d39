#include "passphrase_keystore.h"
#include "error_codes.h"

#include "byte_io.h"
#include "passphrase_kdf.h"

#include <sodium.h>

#include <array>
#include <cstring>

namespace triad::platform {

namespace {

constexpr std::array<std::uint8_t, 8> kMagic = {'T', 'R', 'I', 'A', 'D', 'K', 'E', 'Y'};
constexpr std::size_t kSaltBytes = crypto_pwhash_argon2id_SALTBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kChecksumBytes = crypto::kBlobChecksumBytes;
// magic 8 | version 1 | kdf 1 | aead 1 | opslimit 8 | memlimit 8 | salt 16 | nonce 24 | ciphertext length 4
constexpr std::size_t kHeaderBytes = 8 + 3 + 8 + 8 + kSaltBytes + kNonceBytes + 4;
static_assert(kSaltBytes == 16 && kNonceBytes == 24 && kHeaderBytes == 71);

Error corrupt() { return makeError(errc::keystore::kCorrupt, "The key file is damaged or incomplete."); }

Result<crypto::SecureBuffer> deriveKey(const UnlockCredential &credential, const std::uint8_t *salt, std::uint64_t opslimit, std::uint64_t memlimit)
{
    return crypto::argon2id({reinterpret_cast<const char *>(credential.passphrase.data()), credential.passphrase.size()}, salt, opslimit, memlimit,
                            kKeyBytes, "keystore.kdf_failed");
}

} // namespace

PassphraseKeystore::PassphraseKeystore(KdfStrength strength) : m_strength(strength) {}

std::string PassphraseKeystore::mechanism() const { return "passphrase (Argon2id)"; }

Result<std::vector<std::uint8_t>> PassphraseKeystore::wrap(std::span<const std::uint8_t> secret, const UnlockCredential &credential)
{
    if (crypto::utf8CodePoints(credential.passphrase.span()) < kMinPassphraseChars)
        return makeError(errc::keystore::kWeakPassphrase, "The passphrase must be at least 8 characters long.");
    if (secret.size() > kMaxSecretBytes) return makeError(errc::keystore::kUnsupported, "The secret is too large for a key file.");

    const crypto::Argon2Limits limits = crypto::argon2Limits(m_strength == KdfStrength::Interactive ? crypto::Argon2Strength::Interactive
                                                             : m_strength == KdfStrength::Sensitive ? crypto::Argon2Strength::Sensitive
                                                                                                    : crypto::Argon2Strength::Moderate);
    const std::uint64_t ops = limits.ops, mem = limits.mem;

    const std::size_t ctLen = secret.size() + kTagBytes;
    crypto::ByteWriter w(kHeaderBytes + ctLen + kChecksumBytes);
    w.bytes(kMagic);
    w.le(kKeyFileVersion);
    w.le(kKeyFileKdfArgon2id13);
    w.le(kKeyFileAeadXChaCha20Poly1305);
    w.le(ops);
    w.le(mem);
    const std::size_t saltAt = w.reserve(kSaltBytes);
    randombytes_buf(w.at(saltAt), kSaltBytes);
    const std::size_t nonceAt = w.reserve(kNonceBytes);
    randombytes_buf(w.at(nonceAt), kNonceBytes);
    w.le(static_cast<std::uint32_t>(ctLen));
    const std::size_t ctAt = w.reserve(ctLen);

    auto key = deriveKey(credential, w.at(saltAt), ops, mem);
    if (!key) return key.error();
    crypto_aead_xchacha20poly1305_ietf_encrypt(w.at(ctAt), nullptr, secret.data(), secret.size(), w.at(0), kHeaderBytes, nullptr, w.at(nonceAt),
                                               key->data());
    crypto::appendChecksum(w);
    return std::move(w.out());
}

Result<crypto::SecureBuffer> PassphraseKeystore::unwrap(std::span<const std::uint8_t> blob, const UnlockCredential &credential)
{
    // 1. Integrity of the whole blob (unkeyed, so it tells damage apart from a wrong passphrase).
    if (blob.size() < kMagic.size() + 1 + kChecksumBytes || std::memcmp(blob.data(), kMagic.data(), kMagic.size()) != 0) return corrupt();
    if (!crypto::checksumMatches(blob)) return corrupt();
    const std::size_t sumAt = blob.size() - kChecksumBytes;

    // 2. Format and algorithms (a newer version may have any layout after its version byte).
    crypto::ByteReader r(blob.first(sumAt));
    std::span<const std::uint8_t> magic, salt, nonce, ciphertext;
    std::uint8_t version = 0, kdf = 0, aead = 0;
    if (!r.take(kMagic.size(), magic) || !r.le(version)) return corrupt();
    if (version != kKeyFileVersion) return makeError(errc::keystore::kUnsupported, "The key file was written by a newer version of the app.");
    std::uint64_t ops = 0, mem = 0;
    std::uint32_t ctLen = 0;
    if (!r.le(kdf) || !r.le(aead) || !r.le(ops) || !r.le(mem) || !r.take(kSaltBytes, salt) || !r.take(kNonceBytes, nonce) || !r.le(ctLen))
        return corrupt();
    if (kdf != kKeyFileKdfArgon2id13 || aead != kKeyFileAeadXChaCha20Poly1305)
        return makeError(errc::keystore::kUnsupported, "The key file uses an algorithm this version of the app does not know.");

    // 3. Structure and KDF parameters, all checked before the (expensive) KDF runs.
    if (ctLen < kTagBytes || ctLen > kMaxSecretBytes + kTagBytes || !r.take(ctLen, ciphertext) || r.remaining() != 0) return corrupt();
    if (!crypto::argon2LimitsWithin(ops, mem, crypto::argon2MinLimits())) return corrupt();

    // 4. Derive and decrypt: the blob is intact, so a failure here means the passphrase is wrong.
    auto key = deriveKey(credential, salt.data(), ops, mem);
    if (!key) return key.error();
    crypto::SecureBuffer secret(ctLen - kTagBytes);
    std::uint8_t scratch = 0; // a valid pointer for an empty secret
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(secret.empty() ? &scratch : secret.data(), nullptr, nullptr, ciphertext.data(), ciphertext.size(),
                                                   blob.data(), kHeaderBytes, nonce.data(), key->data())
        != 0)
        return makeError(errc::keystore::kWrongPassphrase, "The passphrase does not open this key file.");
    return secret;
}

} // namespace triad::platform
