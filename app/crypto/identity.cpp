#include "identity.h"
#include "error_codes.h"

#include <sodium.h>

#include <cstring>
#include <map>
#include <mutex>
#include <string_view>

namespace triad::crypto {

namespace {

// Key id = BLAKE2b-128(domain || public key), unkeyed. The domain strings keep a signing key and a box key
// that happen to share bytes from ever having the same id. See docs/security.md "Key ids".
constexpr std::string_view kSignKeyIdDomain = "triad.keyid.sign.v1";
constexpr std::string_view kBoxKeyIdDomain = "triad.keyid.box.v1";
// X25519 seed for Identity::fromSeed = BLAKE2b-256(domain || seed), so the two key pairs are independent.
constexpr std::string_view kBoxSeedDomain = "triad.identity.box-seed.v1";

// Local purpose keys: crypto_kdf_derive_from_key(32, purpose id, kLocalKeyContext, X25519 secret key).
constexpr char kLocalKeyContext[crypto_kdf_CONTEXTBYTES + 1] = "TRDLOCAL";
static_assert(crypto_kdf_KEYBYTES == crypto_box_SECRETKEYBYTES);

// exportSecret layout: version u8 (1) | Ed25519 secret key 64 (seed || public key) | X25519 secret key 32.
constexpr std::uint8_t kSecretVersion = 1;
constexpr std::size_t kSecretBytes = 1 + crypto_sign_SECRETKEYBYTES + crypto_box_SECRETKEYBYTES;

const std::uint8_t *bytesOf(std::string_view s) { return reinterpret_cast<const std::uint8_t *>(s.data()); }

void domainHash(std::uint8_t *out, std::size_t outLen, std::string_view domain, const std::uint8_t *in, std::size_t inLen)
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, outLen);
    crypto_generichash_update(&st, bytesOf(domain), domain.size());
    crypto_generichash_update(&st, in, inLen);
    crypto_generichash_final(&st, out, outLen);
    sodium_memzero(&st, sizeof st);
}

KeyId keyIdOf(std::string_view domain, const std::array<std::uint8_t, 32> &publicKey)
{
    KeyId id{};
    domainHash(id.data(), id.size(), domain, publicKey.data(), publicKey.size());
    return id;
}

Error malformed() { return makeError(errc::identity::kMalformed, "The stored private keys are damaged or in an unknown format."); }

} // namespace

std::string toHex(std::span<const std::uint8_t> bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    s.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        s.push_back(digits[b >> 4]);
        s.push_back(digits[b & 0x0F]);
    }
    return s;
}

KeyId PublicIdentity::signKeyId() const { return keyIdOf(kSignKeyIdDomain, signPublicKey); }
KeyId PublicIdentity::boxKeyId() const { return keyIdOf(kBoxKeyIdDomain, boxPublicKey); }

Bytes PublicIdentity::serialize() const
{
    Bytes out(signPublicKey.begin(), signPublicKey.end());
    out.insert(out.end(), boxPublicKey.begin(), boxPublicKey.end());
    return out;
}

Result<PublicIdentity> PublicIdentity::deserialize(std::span<const std::uint8_t> bytes)
{
    PublicIdentity p;
    if (bytes.size() != p.signPublicKey.size() + p.boxPublicKey.size())
        return makeError(errc::identity::kMalformed, "A public identity must be exactly 64 bytes.");
    std::memcpy(p.signPublicKey.data(), bytes.data(), p.signPublicKey.size());
    std::memcpy(p.boxPublicKey.data(), bytes.data() + p.signPublicKey.size(), p.boxPublicKey.size());
    return p;
}

Identity Identity::generate()
{
    Identity id;
    id.m_sharedKeys = std::make_shared<SharedKeyCache>();
    id.m_signSecret = SecureBuffer(crypto_sign_SECRETKEYBYTES);
    id.m_boxSecret = SecureBuffer(crypto_box_SECRETKEYBYTES);
    crypto_sign_keypair(id.m_public.signPublicKey.data(), id.m_signSecret.data());
    crypto_box_keypair(id.m_public.boxPublicKey.data(), id.m_boxSecret.data());
    return id;
}

Identity Identity::fromSeed(std::span<const std::uint8_t, 32> seed)
{
    Identity id;
    id.m_sharedKeys = std::make_shared<SharedKeyCache>();
    id.m_signSecret = SecureBuffer(crypto_sign_SECRETKEYBYTES);
    id.m_boxSecret = SecureBuffer(crypto_box_SECRETKEYBYTES);
    crypto_sign_seed_keypair(id.m_public.signPublicKey.data(), id.m_signSecret.data(), seed.data());
    SecureBuffer boxSeed(crypto_box_SEEDBYTES);
    domainHash(boxSeed.data(), boxSeed.size(), kBoxSeedDomain, seed.data(), seed.size());
    crypto_box_seed_keypair(id.m_public.boxPublicKey.data(), id.m_boxSecret.data(), boxSeed.data());
    return id;
}

SecureBuffer Identity::exportSecret() const
{
    SecureBuffer out(kSecretBytes);
    out.data()[0] = kSecretVersion;
    std::memcpy(out.data() + 1, m_signSecret.data(), crypto_sign_SECRETKEYBYTES);
    std::memcpy(out.data() + 1 + crypto_sign_SECRETKEYBYTES, m_boxSecret.data(), crypto_box_SECRETKEYBYTES);
    return out;
}

Result<Identity> Identity::importSecret(std::span<const std::uint8_t> secret)
{
    if (secret.size() != kSecretBytes || secret[0] != kSecretVersion) return malformed();
    Identity id;
    id.m_sharedKeys = std::make_shared<SharedKeyCache>();
    id.m_signSecret = SecureBuffer::copyOf(secret.subspan(1, crypto_sign_SECRETKEYBYTES));
    id.m_boxSecret = SecureBuffer::copyOf(secret.subspan(1 + crypto_sign_SECRETKEYBYTES, crypto_box_SECRETKEYBYTES));

    // An Ed25519 secret key is seed || public key; crypto_sign_ed25519_sk_to_pk only copies the second half, so
    // re-derive the pair from the seed and require the stored public half to match.
    SecureBuffer seed(crypto_sign_SEEDBYTES);
    SecureBuffer rederived(crypto_sign_SECRETKEYBYTES);
    std::array<std::uint8_t, 32> storedPk{};
    crypto_sign_ed25519_sk_to_seed(seed.data(), id.m_signSecret.data());
    crypto_sign_ed25519_sk_to_pk(storedPk.data(), id.m_signSecret.data());
    crypto_sign_seed_keypair(id.m_public.signPublicKey.data(), rederived.data(), seed.data());
    if (sodium_memcmp(storedPk.data(), id.m_public.signPublicKey.data(), storedPk.size()) != 0) return malformed();

    if (crypto_scalarmult_base(id.m_public.boxPublicKey.data(), id.m_boxSecret.data()) != 0) return malformed();
    return id;
}

Bytes Identity::sign(std::span<const std::uint8_t> message) const
{
    Bytes sig(crypto_sign_BYTES);
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), m_signSecret.data());
    return sig;
}

bool Identity::verify(const PublicIdentity &signer, std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature)
{
    if (signature.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), signer.signPublicKey.data()) == 0;
}

struct Identity::SharedKeyCache {
    std::mutex mutex;
    std::map<std::array<std::uint8_t, 32>, SecureBuffer> keys;
};

const SecureBuffer *Identity::sharedKeyWith(const std::array<std::uint8_t, 32> &peerBoxPublicKey) const
{
    if (!m_sharedKeys) return nullptr;
    std::lock_guard lock(m_sharedKeys->mutex);
    auto it = m_sharedKeys->keys.find(peerBoxPublicKey);
    if (it != m_sharedKeys->keys.end()) return &it->second;
    SecureBuffer shared(crypto_box_BEFORENMBYTES);
    // Fails for low-order points (an unusable key): nothing is cached then.
    if (crypto_box_beforenm(shared.data(), peerBoxPublicKey.data(), m_boxSecret.data()) != 0) return nullptr;
    return &m_sharedKeys->keys.emplace(peerBoxPublicKey, std::move(shared)).first->second;
}

Result<Bytes> Identity::wrapKeyFor(const PublicIdentity &reader, std::span<const std::uint8_t> key) const
{
    const SecureBuffer *shared = sharedKeyWith(reader.boxPublicKey);
    if (!shared) return makeError(errc::identity::kWrapFailed, "A reader's public key is not usable.");
    Bytes out(crypto_box_NONCEBYTES + crypto_box_MACBYTES + key.size());
    randombytes_buf(out.data(), crypto_box_NONCEBYTES);
    if (crypto_box_easy_afternm(out.data() + crypto_box_NONCEBYTES, key.data(), key.size(), out.data(), shared->data()) != 0)
        return makeError(errc::identity::kWrapFailed, "The key could not be wrapped for a reader.");
    return out;
}

Result<ContentKey> Identity::unwrapKeyFrom(const PublicIdentity &author, std::span<const std::uint8_t> wrapped) const
{
    if (wrapped.size() != crypto_box_NONCEBYTES + crypto_box_MACBYTES + ContentKey::size())
        return makeError(errc::identity::kUnwrapFailed, "The wrapped key has the wrong length.");
    const SecureBuffer *shared = sharedKeyWith(author.boxPublicKey);
    if (!shared) return makeError(errc::identity::kUnwrapFailed, "The author's public key is not usable.");
    ContentKey out;
    if (crypto_box_open_easy_afternm(out.data(), wrapped.data() + crypto_box_NONCEBYTES, wrapped.size() - crypto_box_NONCEBYTES, wrapped.data(),
                                     shared->data())
        != 0)
        return makeError(errc::identity::kUnwrapFailed, "The wrapped key could not be opened with this identity's key.");
    return out;
}

SecureBuffer Identity::localKey(LocalKeyPurpose purpose) const
{
    SecureBuffer key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    crypto_kdf_derive_from_key(key.data(), key.size(), static_cast<std::uint64_t>(purpose), kLocalKeyContext, m_boxSecret.data());
    return key;
}

Bytes Identity::sealLocal(LocalKeyPurpose purpose, std::span<const std::uint8_t> ad, std::span<const std::uint8_t> secret) const
{
    const SecureBuffer key = localKey(purpose);
    Bytes out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + secret.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    randombytes_buf(out.data(), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, nullptr, secret.data(), secret.size(),
                                               ad.data(), ad.size(), nullptr, out.data(), key.data());
    return out;
}

Result<SecureBuffer> Identity::openLocal(LocalKeyPurpose purpose, std::span<const std::uint8_t> ad, std::span<const std::uint8_t> sealed) const
{
    constexpr std::size_t overhead = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (sealed.size() < overhead) return makeError(errc::identity::kUnwrapFailed, "The sealed local secret is too short.");
    const SecureBuffer key = localKey(purpose);
    SecureBuffer out(sealed.size() - overhead);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.data(), nullptr, nullptr, sealed.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                   sealed.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, ad.data(), ad.size(), sealed.data(),
                                                   key.data())
        != 0)
        return makeError(errc::identity::kUnwrapFailed, "The sealed local secret does not open with this device's key for it.");
    return out;
}

} // namespace triad::crypto
