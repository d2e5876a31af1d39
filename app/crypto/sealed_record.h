// The one self-describing record format, used at rest and in sync (docs/security.md "Sealed record format").
//
// Version 2 (what seal() writes; "key-committing records"):
//   magic "TRIADREC" | format version u8 = 2 | aead id u8 | key-wrap id u8 | sign id u8 | record type u16 |
//   record id 16 | author key id 16 | created-at i64 (ms since epoch, UTC) |
//   case id 16 (all zero = none) | link id 16 (all zero = none) | key commitment 32 |
//   recipient count u16 | { reader key id 16 | wrapped content key 72 } * n |
//   nonce 24 | ciphertext length u32 | ciphertext (plaintext + 16-byte tag) | Ed25519 signature 64
// Version 1 (still opened, never written): the same without case id, link id and key commitment.
//
// All integers little-endian. Content: XChaCha20-Poly1305-IETF under a fresh random 32-byte key per record;
// associated data = every header byte from the magic through the key commitment (v1: through created-at); the
// content key is wrapped for each reader with crypto_box from the author's X25519 key (Identity::wrapKeyFor); the
// signature covers every byte before it.
//
// Key commitment (v2) = BLAKE2b-256 keyed with the content key (crypto_generichash, key 32 bytes) over the ASCII
// domain string "triad.record.key-commitment.v2" (no terminator) followed by every header byte from the magic
// through the link id. XChaCha20-Poly1305 is not key-committing: without this an author could wrap different keys
// for different readers and craft one ciphertext that opens to a different text under each ("invisible
// salamanders"). The signed commitment pins one key, so every reader of a v2 record reads the same plaintext; it is
// checked after the signature and before anything is decrypted ("record.key_mismatch").
#pragma once

#include "identity.h"
#include "ids.h"

#include <functional>
#include <optional>

namespace triad::crypto {

inline constexpr std::uint8_t kRecordFormatVersion = 2;   // what seal() writes
inline constexpr std::uint8_t kRecordFormatVersionV1 = 1; // written by earlier versions of the app; still opened
inline constexpr std::uint8_t kAeadXChaCha20Poly1305 = 1;
inline constexpr std::uint8_t kKeyWrapCryptoBox = 2; // crypto_box (X25519-XSalsa20-Poly1305) author -> reader
inline constexpr std::uint8_t kSignEd25519 = 1;
inline constexpr std::size_t kMaxRecipients = 256;
inline constexpr std::size_t kMaxPlaintextBytes = 16 * 1024 * 1024;

struct Recipient {
    KeyId readerKeyId{};
    std::array<std::uint8_t, 72> wrappedKey{}; // nonce 24 + key 32 + MAC 16
};

using KeyCommitment = std::array<std::uint8_t, 32>;

struct RecordHeader {
    std::uint8_t formatVersion = kRecordFormatVersion;
    std::uint16_t type = 0;
    RecordId id;
    KeyId authorKeyId{};
    std::int64_t createdAtMs = 0;
    // Signed routing (v2): the case the record belongs to, and the record it hangs off (the observation of a note,
    // the document of a grant or acknowledgement). Empty when the header holds all zero bytes, and always for v1.
    std::optional<RecordId> caseId, linkId;
    std::optional<KeyCommitment> keyCommitment; // v2 only
    std::vector<Recipient> recipients;
};

struct SealRequest {
    std::uint16_t type = 0;
    RecordId id;
    std::int64_t createdAtMs = 0;
    std::optional<RecordId> caseId, linkId; // empty = none; a present all-zero id is refused ("record.null_id")
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
// "record.unknown_author", "record.bad_signature", "record.not_a_reader", "record.key_mismatch" (v2: the key a
// reader obtained is not the one the author committed to), "record.decrypt_failed", "record.too_large",
// "record.mismatch" (open only, see below).
// seal() refuses with "record.too_large" (plaintext over kMaxPlaintextBytes or more than kMaxRecipients distinct
// readers), "record.no_readers" (empty reader list), "record.null_id" (a case or link id given as the all-zero id)
// or "record.seal_failed" (a reader's public key is unusable, e.g. a low-order point). Readers with the same box key are sealed to once. The parser never reads past the end
// and refuses (as "record.malformed") truncation, trailing bytes, zero or more than kMaxRecipients recipients and a
// ciphertext length outside [16, kMaxPlaintextBytes + 16]. Error messages never contain content or key material.
Result<Bytes> seal(const Identity &author, const SealRequest &request);

// Parses the header only (no keys needed): what the local index and the case store may read.
Result<RecordHeader> parseHeader(std::span<const std::uint8_t> record);

// Verifies the signature against the author found by lookup, unwraps the content key as `reader`, checks it
// against the key commitment (v2) and only then decrypts.
// If expectedId/expectedType are given they must match the header ("record.mismatch" otherwise) — this is how a
// record swapped into another row of the store is refused.
Result<OpenedRecord> open(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup,
                          std::optional<RecordId> expectedId = std::nullopt, std::optional<std::uint16_t> expectedType = std::nullopt);

// Parses and verifies the author's signature without decrypting: what a device checks for records it holds but
// cannot read, and what import checks before storing anything.
Result<RecordHeader> verifyAuthor(std::span<const std::uint8_t> record, const AuthorLookup &lookup);

// Same-person tags (docs/security.md "Same-person tags"): a device pushing a record it signed sends with it, beside
// the record and not part of it, BLAKE2b-256 keyed with its person's tag key (LocalKeyPurpose::PersonTag, derived from
// the identity's secret, so every device of the person holds it and no one else does) over every byte of the record,
// signature included. Another device of the same person checks that tag instead of the Ed25519 signature: whoever can
// make it holds the identity secret and so could sign, and it covers exactly the bytes the signature does and the
// signature, so it trusts nothing new. A record whose tag is missing, of another length or wrong (a case store can
// strip or garble it, never make one) is checked by its signature as before: a tag only ever makes a check cheaper.
using RecordTag = std::array<std::uint8_t, 32>;
using PersonTag = RecordTag;
// BLAKE2b-256 (crypto_generichash) keyed with one of the identity's local keys, over every byte of a record.
class RecordTagger {
public:
    RecordTagger(const Identity &self, LocalKeyPurpose purpose);
    RecordTag tag(std::span<const std::uint8_t> record) const;
    // Constant time; a tag of another length never matches.
    bool matches(std::span<const std::uint8_t> record, std::span<const std::uint8_t> tag) const;

private:
    SecureBuffer m_key;
};
class PersonTagger : public RecordTagger {
public:
    explicit PersonTagger(const Identity &self);
    const PublicIdentity &self() const { return m_self; }

private:
    PublicIdentity m_self;
};
// verifyAuthor, with `tag` checked first when the record's author is `own`'s person: a matching tag stands for the
// signature; otherwise (no tag, another author, a wrong tag) the signature is verified. Every other check (parse,
// the author in the directory through `lookup`) runs as in verifyAuthor.
Result<RecordHeader> verifyAuthor(std::span<const std::uint8_t> record, const AuthorLookup &lookup, std::span<const std::uint8_t> tag,
                                  const PersonTagger &own);

// Checked tags (docs/security.md "Checked tags"): a device that has checked a record's signature (as it sealed it, or
// pulled or imported it) keeps beside it, in its own store and never sent, BLAKE2b-256 keyed with its CheckedTag key
// over every byte of the record. Opening the record again checks that tag instead of the Ed25519 signature (~40 µs a
// record): whoever can make it holds the identity secret of this store, and it covers every byte the signature
// covers and the signature itself. A tag that is missing or does not match (the row was changed, or written by
// anything but this store) leaves the record to its signature. Its own key, so a same-person tag is never one.
class CheckedTagger : public RecordTagger {
public:
    explicit CheckedTagger(const Identity &self) : RecordTagger(self, LocalKeyPurpose::CheckedTag) {}
};
// open, with `checkedTag` checked first: a match stands for the author's signature; every other check (parse, id and
// type, the author in the directory through `lookup`, the reader's key, the key commitment, the AEAD) runs as in open.
Result<OpenedRecord> open(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup,
                          std::span<const std::uint8_t> checkedTag, const CheckedTagger &checked, std::optional<RecordId> expectedId = std::nullopt,
                          std::optional<std::uint16_t> expectedType = std::nullopt);

// Push signatures (docs/security.md "Push signatures"): a device signs each push once, with its identity's Ed25519
// key, over the records in it that it sealed itself (those it sends with its same-person tag, the tag checked against
// the record first), in push order. The signed message is the ASCII domain "triad.push-signature.v1" (no terminator),
// the number of records (u32, little-endian) and for each record its BLAKE2b-256 (crypto_generichash, unkeyed) over
// every byte of it, signature included, then the length of its tag (u8) and the tag. The case store, which cannot
// check the tags, checks that one signature against the records' certified author instead of each record's: whoever
// made it holds the author's signing key, so every record it covers is byte for byte one the author sent. It only
// ever makes the case store's check cheaper: a push signature that does not verify, or cannot be used, leaves every
// record to its own signature. Readers still verify every record (or its tag).
inline constexpr std::size_t kPushSignatureBytes = 64;
class VerifiedPush;
class PushSignature {
public:
    void add(std::span<const std::uint8_t> record, std::span<const std::uint8_t> tag); // the next record it covers
    std::size_t count() const { return m_hashes.size(); }
    Bytes sign(const Identity &author) const;
    // The covered records as `author` signed them, or nullopt when `signature` is not `author`'s over exactly these
    // records and tags, in this order (or covers nothing).
    std::optional<VerifiedPush> verify(const PublicIdentity &author, std::span<const std::uint8_t> signature) const;

private:
    Bytes message() const;
    std::vector<std::array<std::uint8_t, 32>> m_hashes;
    std::vector<Bytes> m_tags;
};
class VerifiedPush {
public:
    const PublicIdentity &signer() const { return m_signer; }
    // Whether `record` is byte for byte the covered record number `index` (0-based, in push order).
    bool covers(std::size_t index, std::span<const std::uint8_t> record) const;

private:
    friend class PushSignature;
    VerifiedPush(PublicIdentity signer, std::vector<std::array<std::uint8_t, 32>> hashes) : m_signer(std::move(signer)), m_hashes(std::move(hashes)) {}
    PublicIdentity m_signer;
    std::vector<std::array<std::uint8_t, 32>> m_hashes;
};
// verifyAuthor for covered record number `coveredIndex` of a verified push: when the author the header names (found
// through `lookup`, exactly as verifyAuthor finds it) has the push signer's keys and `record` is that covered record
// byte for byte, the push signature stands for the record's own; otherwise the record's signature is verified. Every
// other check (parse, the author in the directory) runs as in verifyAuthor.
Result<RecordHeader> verifyAuthorInSignedPush(std::span<const std::uint8_t> record, std::size_t coveredIndex, const AuthorLookup &lookup,
                                              const VerifiedPush &push);

// Key grants (docs/security.md "Key grants"): sharing an existing record with a new reader — after a teacher signs,
// on consent, on reassignment — without changing or re-signing the record. Whoever can read the record takes its
// content key (the author's signature is verified first) and seals it, inside a new record of their own, to the
// new readers; they open the original with it. The original's signature still names its real author.
// unwrapContentKey proves the key is the record's before handing it on: against the commitment (v2) or by
// decrypting (v1). openWithContentKey checks a v2 record's commitment before decrypting ("record.key_mismatch").
Result<ContentKey> unwrapContentKey(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup);
Result<OpenedRecord> openWithContentKey(std::span<const std::uint8_t> record, const ContentKey &contentKey, const AuthorLookup &lookup,
                                        std::optional<RecordId> expectedId = std::nullopt, std::optional<std::uint16_t> expectedType = std::nullopt);

// Is `key` this record's content key? For checking a key grant's key against the record it grants, without
// decrypting. v2: parses and compares the key's commitment with the header's (sodium_memcmp); v1 (no commitment):
// tries to decrypt. A key that is not the record's is "record.key_mismatch" (both versions); parse errors as above.
// The signature is NOT verified here: a commitment is only worth what the signature over it is worth, so verify the
// record (verifyAuthor, open) before relying on the answer. For v1 the answer is weaker: an author can craft a v1
// record that decrypts under two keys.
Status checkContentKey(std::span<const std::uint8_t> record, const ContentKey &key);

// The hash an acknowledgement binds besides the hash of the sealed bytes: BLAKE2b-256 (crypto_generichash, 32-byte
// output) keyed with the ASCII domain string "triad.plaintext-hash.v1" (23 bytes, no terminator, as the BLAKE2b key)
// over the plaintext. Every reader of a v2 record computes the same value (the key commitment pins the plaintext).
std::array<std::uint8_t, 32> plaintextHash(std::span<const std::uint8_t> plaintext);
// The hash of a record's sealed bytes, as acknowledgements and the case store's receipts bind them: BLAKE2b-256
// (crypto_generichash, 32-byte output, no key) over the whole record.
std::array<std::uint8_t, 32> sealedHash(std::span<const std::uint8_t> record);

} // namespace triad::crypto
