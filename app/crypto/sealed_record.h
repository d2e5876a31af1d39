// The one self-describing record format, used at rest and in sync (docs/security.md "Sealed record format").
//
//   magic "TRIADREC" | format version u8 | aead id u8 | seal id u8 | sign id u8 | record type u16 |
//   record id 16 | author key id 16 | created-at i64 (ms since epoch, UTC) |
//   recipient count u16 | { reader key id 16 | wrapped content key 72 } * n |
//   nonce 24 | ciphertext length u32 | ciphertext (plaintext + 16-byte tag) | Ed25519 signature 64
//
// All integers little-endian. Content: XChaCha20-Poly1305-IETF under a fresh random 32-byte key per record;
// associated data = every header byte from the magic through created-at (so record id, type, version, author
// and algorithms are bound to the ciphertext); the content key is wrapped for each reader with crypto_box from the
// author's X25519 key (Identity::wrapKeyFor); the signature covers every byte before it.
#pragma once

#include "identity.h"
#include "ids.h"

#include <functional>
#include <optional>

namespace triad::crypto {

inline constexpr std::uint8_t kRecordFormatVersion = 1;
inline constexpr std::uint8_t kAeadXChaCha20Poly1305 = 1;
inline constexpr std::uint8_t kKeyWrapCryptoBox = 2; // crypto_box (X25519-XSalsa20-Poly1305) author -> reader
inline constexpr std::uint8_t kSignEd25519 = 1;
inline constexpr std::size_t kMaxRecipients = 256;
inline constexpr std::size_t kMaxPlaintextBytes = 16 * 1024 * 1024;

struct Recipient {
    KeyId readerKeyId{};
    std::array<std::uint8_t, 72> wrappedKey{}; // nonce 24 + key 32 + MAC 16
};

struct RecordHeader {
    std::uint8_t formatVersion = kRecordFormatVersion;
    std::uint16_t type = 0;
    RecordId id;
    KeyId authorKeyId{};
    std::int64_t createdAtMs = 0;
    std::vector<Recipient> recipients;
};

struct SealRequest {
    std::uint16_t type = 0;
    RecordId id;
    std::int64_t createdAtMs = 0;
    std::span<const std::uint8_t> plaintext;
    std::vector<PublicIdentity> readers; // the author is not added implicitly
};

struct OpenedRecord {
    RecordHeader header;
    PlainBytes plaintext;
};

// Looks up an author's public keys by the key id in a header; nullopt = unknown author.
using AuthorLookup = std::function<std::optional<PublicIdentity>(const KeyId &)>;

// Error codes: "record.malformed", "record.unsupported_version", "record.unsupported_algorithm",
// "record.unknown_author", "record.bad_signature", "record.not_a_reader", "record.decrypt_failed",
// "record.too_large", "record.mismatch" (open only, see below).
// seal() refuses with "record.too_large" (plaintext over kMaxPlaintextBytes or more than kMaxRecipients distinct
// readers), "record.no_readers" (empty reader list) or "record.seal_failed" (a reader's public key is unusable,
// e.g. a low-order point). Readers with the same box key are sealed to once. The parser never reads past the end
// and refuses (as "record.malformed") truncation, trailing bytes, zero or more than kMaxRecipients recipients and a
// ciphertext length outside [16, kMaxPlaintextBytes + 16]. Error messages never contain content or key material.
Result<Bytes> seal(const Identity &author, const SealRequest &request);

// Parses the header only (no keys needed): what the local index and the case store may read.
Result<RecordHeader> parseHeader(std::span<const std::uint8_t> record);

// Verifies the signature against the author found by lookup, then decrypts as `reader`.
// If expectedId/expectedType are given they must match the header ("record.mismatch" otherwise) — this is how a
// record swapped into another row of the store is refused.
Result<OpenedRecord> open(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup,
                          std::optional<RecordId> expectedId = std::nullopt,
                          std::optional<std::uint16_t> expectedType = std::nullopt);

// Parses and verifies the author's signature without decrypting: what a device checks for records it holds but
// cannot read, and what import checks before storing anything.
Result<RecordHeader> verifyAuthor(std::span<const std::uint8_t> record, const AuthorLookup &lookup);

// Key grants (docs/security.md "Key grants"): sharing an existing record with a new reader — after a teacher signs,
// on consent, on reassignment — without changing or re-signing the record. Whoever can read the record takes its
// content key (the author's signature is verified first) and seals it, inside a new record of their own, to the
// new readers; they open the original with it. The original's signature still names its real author.
Result<ContentKey> unwrapContentKey(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup);
Result<OpenedRecord> openWithContentKey(std::span<const std::uint8_t> record, const ContentKey &contentKey,
                                        const AuthorLookup &lookup, std::optional<RecordId> expectedId = std::nullopt,
                                        std::optional<std::uint16_t> expectedType = std::nullopt);

} // namespace triad::crypto
