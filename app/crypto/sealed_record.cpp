#include "sealed_record.h"

#include "byte_io.h"
#include "error_codes.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace triad::crypto {

namespace {

constexpr std::array<std::uint8_t, 8> kMagic = {'T', 'R', 'I', 'A', 'D', 'R', 'E', 'C'};
constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kSignatureBytes = crypto_sign_BYTES;
// magic 8 | version, aead, key wrap, sign 4 | type 2 | record id 16 | author key id 16 | created-at 8
constexpr std::size_t kV1AdBytes = 8 + 4 + 2 + 16 + 16 + 8;
// v2: ... | case id 16 | link id 16 (what the key commitment covers) | key commitment 32 (the rest of the AD)
constexpr std::size_t kCommittedBytes = kV1AdBytes + 16 + 16;
constexpr std::size_t kAdBytes = kCommittedBytes + sizeof(KeyCommitment);
constexpr std::string_view kCommitmentDomain = "triad.record.key-commitment.v2";
constexpr std::string_view kPlaintextHashDomain = "triad.plaintext-hash.v1";

static_assert(kKeyBytes == 32 && kNonceBytes == 24 && kTagBytes == 16 && kSignatureBytes == 64);
static_assert(std::tuple_size_v<decltype(Recipient::wrappedKey)> == crypto_box_NONCEBYTES + kKeyBytes + crypto_box_MACBYTES);
static_assert(ContentKey::size() == kKeyBytes && kKeyBytes >= crypto_generichash_KEYBYTES_MIN && kKeyBytes <= crypto_generichash_KEYBYTES_MAX);
static_assert(kPlaintextHashDomain.size() >= crypto_generichash_KEYBYTES_MIN && kPlaintextHashDomain.size() <= crypto_generichash_KEYBYTES_MAX);

const std::uint8_t *bytesOf(std::string_view s) { return reinterpret_cast<const std::uint8_t *>(s.data()); }

// BLAKE2b-256 keyed with the content key over the domain string and the header from the magic through the link id.
KeyCommitment commitmentFor(std::span<const std::uint8_t> committedBytes, const ContentKey &key)
{
    KeyCommitment out{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.data(), key.size(), out.size());
    crypto_generichash_update(&state, bytesOf(kCommitmentDomain), kCommitmentDomain.size());
    crypto_generichash_update(&state, committedBytes.data(), committedBytes.size());
    crypto_generichash_final(&state, out.data(), out.size());
    sodium_memzero(&state, sizeof state); // holds the content key
    return out;
}

// An optional id as the header writes it: all zero = none.
std::optional<RecordId> idOrNone(const RecordId &id) { return id.isNull() ? std::nullopt : std::optional(id); }

Error malformed(std::string message) { return makeError(errc::record::kMalformed, std::move(message)); }

struct ParsedRecord {
    RecordHeader header;
    std::span<const std::uint8_t> associatedData; // magic through the key commitment (v1: through created-at)
    std::span<const std::uint8_t> committedBytes; // v2: magic through the link id
    std::span<const std::uint8_t> nonce;
    std::span<const std::uint8_t> ciphertext;
    std::span<const std::uint8_t> signedBytes; // everything before the signature
    std::span<const std::uint8_t> signature;
};

Result<ParsedRecord> parse(std::span<const std::uint8_t> record)
{
    const Error truncated = malformed("The record is truncated.");
    ParsedRecord p;
    ByteReader r(record);
    std::array<std::uint8_t, 8> magic{};
    if (!r.array(magic)) return truncated;
    if (magic != kMagic) return malformed("The data is not a Triad sealed record.");
    if (!r.le(p.header.formatVersion)) return truncated;
    const bool v2 = p.header.formatVersion == kRecordFormatVersion;
    if (!v2 && p.header.formatVersion != kRecordFormatVersionV1)
        return makeError(errc::record::kUnsupportedVersion, "The record was written in a newer format; update the app to read it.");
    std::uint8_t aead = 0, sealAlg = 0, signAlg = 0;
    if (!r.le(aead) || !r.le(sealAlg) || !r.le(signAlg)) return truncated;
    if (aead != kAeadXChaCha20Poly1305 || sealAlg != kKeyWrapCryptoBox || signAlg != kSignEd25519)
        return makeError(errc::record::kUnsupportedAlgorithm, "The record uses an encryption or signature algorithm "
                                                         "this version of the app does not know.");
    std::uint16_t count = 0;
    if (!r.le(p.header.type) || !r.array(p.header.id.bytes) || !r.array(p.header.authorKeyId) || !r.le(p.header.createdAtMs)) return truncated;
    if (v2) {
        RecordId caseId, linkId;
        KeyCommitment commitment{};
        if (!r.array(caseId.bytes) || !r.array(linkId.bytes)) return truncated;
        p.committedBytes = record.first(r.offset());
        if (!r.array(commitment)) return truncated;
        p.header.caseId = idOrNone(caseId);
        p.header.linkId = idOrNone(linkId);
        p.header.keyCommitment = commitment;
    }
    p.associatedData = record.first(r.offset());
    if (!r.le(count)) return truncated;
    if (count == 0) return malformed("The record names no readers.");
    if (count > kMaxRecipients) return malformed("The record names more readers than allowed.");
    // Check the whole recipient table fits before allocating for it.
    if (r.remaining() < std::size_t{count} * (sizeof(KeyId) + sizeof(Recipient::wrappedKey))) return truncated;
    p.header.recipients.resize(count);
    for (Recipient &rc : p.header.recipients)
        if (!r.array(rc.readerKeyId) || !r.array(rc.wrappedKey)) return truncated;
    std::uint32_t ctLen = 0;
    if (!r.take(kNonceBytes, p.nonce) || !r.le(ctLen)) return truncated;
    if (ctLen < kTagBytes || ctLen > kMaxPlaintextBytes + kTagBytes) return malformed("The record's content length is out of range.");
    if (!r.take(ctLen, p.ciphertext)) return truncated;
    p.signedBytes = record.first(r.offset());
    if (!r.take(kSignatureBytes, p.signature)) return truncated;
    if (r.remaining() != 0) return malformed("The record has unexpected bytes after its signature.");
    return p;
}

} // namespace

Result<Bytes> seal(const Identity &author, const SealRequest &request)
{
    if (request.plaintext.size() > kMaxPlaintextBytes) return makeError(errc::record::kTooLarge, "The record is larger than the 16 MiB limit.");

    // One recipient per distinct reader key, in the order given.
    std::vector<std::pair<KeyId, const PublicIdentity *>> readers;
    for (const PublicIdentity &p : request.readers) {
        const KeyId kid = p.boxKeyId();
        if (std::none_of(readers.begin(), readers.end(), [&](const auto &e) { return e.first == kid; })) readers.emplace_back(kid, &p);
    }
    if (readers.empty()) return makeError(errc::record::kNoReaders, "A record must be sealed to at least one reader.");
    if (readers.size() > kMaxRecipients) return makeError(errc::record::kTooLarge, "A record can be shared with at most 256 readers.");
    if ((request.caseId && request.caseId->isNull()) || (request.linkId && request.linkId->isNull()))
        return makeError(errc::record::kNullId, "A record's case or link id cannot be the all-zero id; leave it empty for none.");

    const std::size_t ctLen = request.plaintext.size() + kTagBytes;
    ByteWriter w(kAdBytes + 2 + readers.size() * sizeof(Recipient) + kNonceBytes + 4 + ctLen + kSignatureBytes);
    w.bytes(kMagic);
    w.le(kRecordFormatVersion);
    w.le(kAeadXChaCha20Poly1305);
    w.le(kKeyWrapCryptoBox);
    w.le(kSignEd25519);
    w.le(request.type);
    w.bytes(request.id.bytes);
    w.bytes(author.publicIdentity().signKeyId());
    w.le(request.createdAtMs);
    w.bytes(request.caseId.value_or(RecordId{}).bytes);
    w.bytes(request.linkId.value_or(RecordId{}).bytes);

    ContentKey contentKey;
    crypto_aead_xchacha20poly1305_ietf_keygen(contentKey.data());
    w.bytes(commitmentFor(std::span(w.out()).first(kCommittedBytes), contentKey));

    w.le(static_cast<std::uint16_t>(readers.size()));
    for (const auto &[kid, reader] : readers) {
        w.bytes(kid);
        auto wrapped = author.wrapKeyFor(*reader, contentKey.span());
        if (!wrapped || wrapped->size() != sizeof(Recipient::wrappedKey))
            return makeError(errc::record::kSealFailed, "A reader's public key is not usable.");
        w.bytes(*wrapped);
    }
    const std::size_t nonceAt = w.reserve(kNonceBytes);
    randombytes_buf(w.at(nonceAt), kNonceBytes);
    w.le(static_cast<std::uint32_t>(ctLen));
    const std::size_t ctAt = w.reserve(ctLen);

    Bytes &out = w.out();
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + ctAt, &written, request.plaintext.data(), request.plaintext.size(), out.data(), kAdBytes,
                                               nullptr, out.data() + nonceAt, contentKey.data());
    const Bytes sig = author.sign(out);
    out.insert(out.end(), sig.begin(), sig.end());
    return std::move(out);
}

Result<RecordHeader> parseHeader(std::span<const std::uint8_t> record)
{
    auto parsed = parse(record);
    if (!parsed) return parsed.error();
    return std::move(parsed->header);
}

namespace {

// Parse, check where the record was found, and verify the author's signature — before anything is decrypted.
// `tagged`, when given, stands for the signature when it answers true for the parsed record and its author's keys.
Result<ParsedRecord> authenticated(std::span<const std::uint8_t> record, const AuthorLookup &lookup, std::optional<RecordId> expectedId,
                                   std::optional<std::uint16_t> expectedType, std::optional<PublicIdentity> &authorKeys,
                                   const std::function<bool(const PublicIdentity &)> &tagged = {})
{
    auto parsed = parse(record);
    if (!parsed) return parsed.error();
    if ((expectedId && *expectedId != parsed->header.id) || (expectedType && *expectedType != parsed->header.type))
        return makeError(errc::record::kMismatch, "The record does not belong where it was found (its id or type differs).");
    authorKeys = lookup ? lookup(parsed->header.authorKeyId) : std::nullopt;
    if (!authorKeys || authorKeys->signKeyId() != parsed->header.authorKeyId)
        return makeError(errc::record::kUnknownAuthor, "The record's author is not in the key directory.");
    if (tagged && tagged(*authorKeys)) return parsed;
    if (!Identity::verify(*authorKeys, parsed->signedBytes, parsed->signature))
        return makeError(errc::record::kBadSignature, "The record's signature is invalid; it was altered or forged.");
    return parsed;
}

Result<ContentKey> readerKey(const ParsedRecord &p, const Identity &reader, const PublicIdentity &author)
{
    const KeyId me = reader.publicIdentity().boxKeyId();
    const auto mine = std::find_if(p.header.recipients.begin(), p.header.recipients.end(), [&](const Recipient &rc) { return rc.readerKeyId == me; });
    if (mine == p.header.recipients.end()) return makeError(errc::record::kNotAReader, "This record was not shared with you.");
    auto contentKey = reader.unwrapKeyFrom(author, mine->wrappedKey);
    if (!contentKey) return makeError(errc::record::kDecryptFailed, "The record's key could not be opened.");
    return contentKey;
}

// v2: the key must be the one the author committed to, checked before anything is decrypted. v1 has no
// commitment (the AEAD decides).
Status checkCommitment(const ParsedRecord &p, const ContentKey &contentKey)
{
    if (!p.header.keyCommitment) return {};
    const KeyCommitment expected = commitmentFor(p.committedBytes, contentKey);
    if (sodium_memcmp(expected.data(), p.header.keyCommitment->data(), expected.size()) != 0)
        return makeError(errc::record::kKeyMismatch, "The record's key does not match the key its author committed to; "
                                                "it may show different readers different content.");
    return {};
}

Result<PlainBytes> decryptContent(const ParsedRecord &p, const ContentKey &contentKey)
{
    PlainBytes plaintext(p.ciphertext.size() - kTagBytes);
    std::uint8_t scratch = 0; // a valid pointer for an empty plaintext
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(plaintext.empty() ? &scratch : plaintext.data(), nullptr, nullptr, p.ciphertext.data(),
                                                   p.ciphertext.size(), p.associatedData.data(), p.associatedData.size(), p.nonce.data(),
                                                   contentKey.data())
        != 0)
        return makeError(errc::record::kDecryptFailed, "The record's content could not be decrypted.");
    return plaintext;
}

// Is this the record's key? v2: the commitment says; v1 (none): whether it decrypts.
Status provesKey(const ParsedRecord &p, const ContentKey &contentKey)
{
    if (p.header.keyCommitment) return checkCommitment(p, contentKey);
    if (auto plaintext = decryptContent(p, contentKey); !plaintext) return plaintext.error();
    return {};
}

// Commitment, then content.
Result<OpenedRecord> decrypt(ParsedRecord &p, const ContentKey &contentKey)
{
    if (auto committed = checkCommitment(p, contentKey); !committed) return committed.error();
    auto plaintext = decryptContent(p, contentKey);
    if (!plaintext) return plaintext.error();
    return OpenedRecord{std::move(p.header), std::move(*plaintext)};
}

Result<OpenedRecord> openAuthenticated(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup,
                                       std::optional<RecordId> expectedId, std::optional<std::uint16_t> expectedType,
                                       const std::function<bool(const PublicIdentity &)> &tagged)
{
    std::optional<PublicIdentity> author;
    auto p = authenticated(record, lookup, expectedId, expectedType, author, tagged);
    if (!p) return p.error();
    auto key = readerKey(*p, reader, *author);
    if (!key) return key.error();
    return decrypt(*p, *key);
}

} // namespace

Result<OpenedRecord> open(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup,
                          std::optional<RecordId> expectedId, std::optional<std::uint16_t> expectedType)
{
    return openAuthenticated(record, reader, lookup, expectedId, expectedType, {});
}

Result<RecordHeader> verifyAuthor(std::span<const std::uint8_t> record, const AuthorLookup &lookup)
{
    std::optional<PublicIdentity> author;
    auto p = authenticated(record, lookup, std::nullopt, std::nullopt, author);
    if (!p) return p.error();
    return std::move(p->header);
}

RecordTagger::RecordTagger(const Identity &self, LocalKeyPurpose purpose) : m_key(self.localKey(purpose)) {}

RecordTag RecordTagger::tag(std::span<const std::uint8_t> record) const
{
    static_assert(std::tuple_size_v<RecordTag> == crypto_generichash_BYTES);
    RecordTag out{};
    crypto_generichash(out.data(), out.size(), record.data(), record.size(), m_key.data(), m_key.size());
    return out;
}

bool RecordTagger::matches(std::span<const std::uint8_t> record, std::span<const std::uint8_t> tag) const
{
    if (tag.size() != std::tuple_size_v<RecordTag>) return false;
    const RecordTag expected = this->tag(record);
    return crypto_verify_32(expected.data(), tag.data()) == 0;
}

PersonTagger::PersonTagger(const Identity &self) : RecordTagger(self, LocalKeyPurpose::PersonTag), m_self(self.publicIdentity()) {}

Result<OpenedRecord> open(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup,
                          std::span<const std::uint8_t> checkedTag, const CheckedTagger &checked, std::optional<RecordId> expectedId,
                          std::optional<std::uint16_t> expectedType)
{
    return openAuthenticated(record, reader, lookup, expectedId, expectedType,
                             [&](const PublicIdentity &) { return !checkedTag.empty() && checked.matches(record, checkedTag); });
}

Result<RecordHeader> verifyAuthor(std::span<const std::uint8_t> record, const AuthorLookup &lookup, std::span<const std::uint8_t> tag,
                                  const PersonTagger &own)
{
    std::optional<PublicIdentity> author;
    // Only the person's own records: the tag key is theirs, and the author's keys must be theirs too (a tag does not
    // vouch for a header naming another author, whatever the bytes).
    auto p = authenticated(record, lookup, std::nullopt, std::nullopt, author, [&](const PublicIdentity &keys) {
        return !tag.empty() && keys == own.self() && own.matches(record, tag);
    });
    if (!p) return p.error();
    return std::move(p->header);
}

void PushSignature::add(std::span<const std::uint8_t> record, std::span<const std::uint8_t> tag)
{
    m_hashes.push_back(sealedHash(record));
    m_tags.emplace_back(tag.begin(), tag.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(tag.size(), 255)));
}

Bytes PushSignature::message() const
{
    static constexpr std::string_view kDomain = "triad.push-signature.v1";
    ByteWriter w(kDomain.size() + 4 + m_hashes.size() * (crypto_generichash_BYTES + 33));
    w.bytes({reinterpret_cast<const std::uint8_t *>(kDomain.data()), kDomain.size()});
    w.le(static_cast<std::uint32_t>(m_hashes.size()));
    for (std::size_t i = 0; i < m_hashes.size(); ++i) {
        w.bytes(m_hashes[i]);
        w.le(static_cast<std::uint8_t>(m_tags[i].size()));
        w.bytes(m_tags[i]);
    }
    return std::move(w.out());
}

Bytes PushSignature::sign(const Identity &author) const
{
    static_assert(kPushSignatureBytes == crypto_sign_BYTES);
    return author.sign(message());
}

std::optional<VerifiedPush> PushSignature::verify(const PublicIdentity &author, std::span<const std::uint8_t> signature) const
{
    if (m_hashes.empty() || !Identity::verify(author, message(), signature)) return std::nullopt;
    return VerifiedPush(author, m_hashes);
}

bool VerifiedPush::covers(std::size_t index, std::span<const std::uint8_t> record) const
{
    if (index >= m_hashes.size()) return false;
    const auto hash = sealedHash(record);
    return sodium_memcmp(hash.data(), m_hashes[index].data(), hash.size()) == 0;
}

Result<RecordHeader> verifyAuthorInSignedPush(std::span<const std::uint8_t> record, std::size_t coveredIndex, const AuthorLookup &lookup,
                                              const VerifiedPush &push)
{
    std::optional<PublicIdentity> author;
    auto p = authenticated(record, lookup, std::nullopt, std::nullopt, author,
                           [&](const PublicIdentity &keys) { return keys == push.signer() && push.covers(coveredIndex, record); });
    if (!p) return p.error();
    return std::move(p->header);
}

Result<ContentKey> unwrapContentKey(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup)
{
    std::optional<PublicIdentity> author;
    auto p = authenticated(record, lookup, std::nullopt, std::nullopt, author);
    if (!p) return p.error();
    auto key = readerKey(*p, reader, *author);
    if (!key) return key.error();
    // Prove the key is the record's before handing it on.
    if (auto proved = provesKey(*p, *key); !proved) return proved.error();
    return key;
}

Result<OpenedRecord> openWithContentKey(std::span<const std::uint8_t> record, const ContentKey &contentKey, const AuthorLookup &lookup,
                                        std::optional<RecordId> expectedId, std::optional<std::uint16_t> expectedType)
{
    std::optional<PublicIdentity> author;
    auto p = authenticated(record, lookup, expectedId, expectedType, author);
    if (!p) return p.error();
    return decrypt(*p, contentKey);
}

Status checkContentKey(std::span<const std::uint8_t> record, const ContentKey &key)
{
    auto p = parse(record);
    if (!p) return p.error();
    auto proved = provesKey(*p, key);
    if (!proved && proved.error().code == errc::record::kDecryptFailed) // v1
        return makeError(errc::record::kKeyMismatch, "The key does not open the record.");
    return proved;
}

std::array<std::uint8_t, 32> plaintextHash(std::span<const std::uint8_t> plaintext)
{
    std::array<std::uint8_t, 32> out{};
    crypto_generichash(out.data(), out.size(), plaintext.data(), plaintext.size(), bytesOf(kPlaintextHashDomain), kPlaintextHashDomain.size());
    return out;
}

std::array<std::uint8_t, 32> sealedHash(std::span<const std::uint8_t> record)
{
    std::array<std::uint8_t, 32> out{};
    crypto_generichash(out.data(), out.size(), record.data(), record.size(), nullptr, 0);
    return out;
}

} // namespace triad::crypto
