// A person's key pairs on one device: Ed25519 for signing records, X25519 (crypto_box) for receiving
// per-record keys. See docs/security.md "Key hierarchy".
#pragma once

#include "result.h"
#include "secure_buffer.h"

#include <array>
#include <memory>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace triad::crypto {

using Bytes = std::vector<std::uint8_t>;
// BLAKE2b-128(domain || public key), domain "triad.keyid.sign.v1" or "triad.keyid.box.v1" (docs/security.md).
using KeyId = std::array<std::uint8_t, 16>;

std::string toHex(std::span<const std::uint8_t> bytes);

struct PublicIdentity {
    std::array<std::uint8_t, 32> signPublicKey{}; // Ed25519
    std::array<std::uint8_t, 32> boxPublicKey{};  // X25519

    KeyId signKeyId() const; // names the author in record headers
    KeyId boxKeyId() const;  // names a reader in record headers

    // 64 bytes: signPublicKey || boxPublicKey
    Bytes serialize() const;
    static Result<PublicIdentity> deserialize(std::span<const std::uint8_t> bytes);

    friend bool operator==(const PublicIdentity &, const PublicIdentity &) = default;
};

// Keys for this device's own local data, one per purpose, derived from the identity's X25519 secret key with
// crypto_kdf_derive_from_key (BLAKE2b), context "TRDLOCAL", the purpose as the subkey id (docs/security.md "Key
// hierarchy"). The keys never leave the device (another device of the person, restored from its key backup, derives
// the same ones) and never wrap anything another person reads. A new purpose gets a new id; an id is never reused.
enum class LocalKeyPurpose : std::uint64_t {
    StateMac = 1,    // the MAC over the store's settings and directory (store/state_seal.h)
    DeviceToken = 2, // the AEAD key of the device token at rest (store/sync_queue.h)
    ReceiptMac = 3,  // the MAC over each case store receipt kept on this device (store/receipt_store.h)
    PersonTag = 4,   // the same-person tag sent beside each record pushed (sealed_record.h PersonTagger): the one key
                     // here that the person's other devices (restored from the key backup) hold too, and check
    CheckedTag = 5,  // the tag a device keeps beside each record whose signature it checked (sealed_record.h
                     // CheckedTagger): never sent anywhere
};

class Identity {
public:
    static Identity generate();
    // Deterministic, for known-answer tests only: both key pairs derived from a 32-byte seed.
    static Identity fromSeed(std::span<const std::uint8_t, 32> seed);

    // The private half as one secret blob (the keystore wraps it), and back. Layout: version u8 (1) |
    // Ed25519 secret key 64 | X25519 secret key 32. importSecret re-derives both public keys and refuses a wrong
    // length, version or inconsistent key with "identity.malformed".
    SecureBuffer exportSecret() const;
    static Result<Identity> importSecret(std::span<const std::uint8_t> secret);

    const PublicIdentity &publicIdentity() const { return m_public; }

    // Ed25519 detached signature (64 bytes).
    Bytes sign(std::span<const std::uint8_t> message) const;
    static bool verify(const PublicIdentity &signer, std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature);

    // Content-key wrapping (docs/security.md "Key wrapping"): crypto_box (X25519 + XSalsa20-Poly1305) between the
    // author's box key and a reader's box key, with a random 24-byte nonce per wrap:
    //   wrapped = nonce 24 || crypto_box_easy_afternm(key) (key size + 16)
    // The X25519 shared key of each (self, peer) pair is computed once (crypto_box_beforenm) and kept in guarded
    // memory for the life of the identity, so a wrap costs one XSalsa20-Poly1305 call instead of two scalar
    // multiplications. The wrap also authenticates the author to the reader.
    // Errors: "identity.wrap_failed" (the peer's public key is unusable), "identity.unwrap_failed".
    Result<Bytes> wrapKeyFor(const PublicIdentity &reader, std::span<const std::uint8_t> key) const;
    Result<ContentKey> unwrapKeyFrom(const PublicIdentity &author, std::span<const std::uint8_t> wrapped) const;

    // The 32-byte key for `purpose` (see LocalKeyPurpose), in guarded memory.
    SecureBuffer localKey(LocalKeyPurpose purpose) const;
    // A short local secret sealed with localKey(purpose): XChaCha20-Poly1305-IETF, random 24-byte nonce, `ad` as
    // associated data. Layout: nonce 24 || ciphertext (secret + 16-byte tag). A secret sealed for one purpose or `ad`
    // does not open under another ("identity.unwrap_failed"); a crypto_box content-key wrap never opens here.
    Bytes sealLocal(LocalKeyPurpose purpose, std::span<const std::uint8_t> ad, std::span<const std::uint8_t> secret) const;
    Result<SecureBuffer> openLocal(LocalKeyPurpose purpose, std::span<const std::uint8_t> ad, std::span<const std::uint8_t> sealed) const;

private:
    Identity() = default;
    PublicIdentity m_public;
    SecureBuffer m_signSecret; // crypto_sign_SECRETKEYBYTES
    SecureBuffer m_boxSecret;  // crypto_box_SECRETKEYBYTES

    // X25519 shared keys by peer box public key; behind a pointer so Identity stays movable.
    struct SharedKeyCache;
    const SecureBuffer *sharedKeyWith(const std::array<std::uint8_t, 32> &peerBoxPublicKey) const;
    std::shared_ptr<SharedKeyCache> m_sharedKeys;
};

} // namespace triad::crypto
