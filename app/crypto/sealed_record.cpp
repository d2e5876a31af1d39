#include "sealed_record.h"

#include "byte_io.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace triad::crypto {

namespace {

constexpr std::array<std::uint8_t, 8> kMagic = {'T', 'R', 'I', 'A', 'D', 'R', 'E', 'C'};
constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kSignatureBytes = crypto_sign_BYTES;
// magic 8 | version, aead, seal, sign 4 | type 2 | record id 16 | author key id 16 | created-at 8
constexpr std::size_t kAdBytes = 8 + 4 + 2 + 16 + 16 + 8;

static_assert(kKeyBytes == 32 && kNonceBytes == 24 && kTagBytes == 16 && kSignatureBytes == 64);
static_assert(std::tuple_size_v<decltype(Recipient::wrappedKey)> == crypto_box_NONCEBYTES + kKeyBytes + crypto_box_MACBYTES);

Error malformed(std::string message) { return makeError("record.malformed", std::move(message)); }

struct ParsedRecord {
    RecordHeader header;
    std::span<const std::uint8_t> associatedData; // magic through created-at
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
    if (!r.array(magic))
        return truncated;
    if (magic != kMagic)
        return malformed("The data is not a Triad sealed record.");
    if (!r.le(p.header.formatVersion))
        return truncated;
    if (p.header.formatVersion != kRecordFormatVersion)
        return makeError("record.unsupported_version",
                         "The record was written in a newer format; update the app to read it.");
    std::uint8_t aead = 0, sealAlg = 0, signAlg = 0;
    if (!r.le(aead) || !r.le(sealAlg) || !r.le(signAlg))
        return truncated;
    if (aead != kAeadXChaCha20Poly1305 || sealAlg != kKeyWrapCryptoBox || signAlg != kSignEd25519)
        return makeError("record.unsupported_algorithm", "The record uses an encryption or signature algorithm "
                                                         "this version of the app does not know.");
    std::uint16_t count = 0;
    if (!r.le(p.header.type) || !r.array(p.header.id.bytes) || !r.array(p.header.authorKeyId) ||
        !r.le(p.header.createdAtMs))
        return truncated;
    p.associatedData = record.first(r.offset());
    if (!r.le(count))
        return truncated;
    if (count == 0)
        return malformed("The record names no readers.");
    if (count > kMaxRecipients)
        return malformed("The record names more readers than allowed.");
    // Check the whole recipient table fits before allocating for it.
    if (r.remaining() < std::size_t{count} * (sizeof(KeyId) + sizeof(Recipient::wrappedKey)))
        return truncated;
    p.header.recipients.resize(count);
    for (Recipient &rc : p.header.recipients)
        if (!r.array(rc.readerKeyId) || !r.array(rc.wrappedKey))
            return truncated;
    std::uint32_t ctLen = 0;
    if (!r.take(kNonceBytes, p.nonce) || !r.le(ctLen))
        return truncated;
    if (ctLen < kTagBytes || ctLen > kMaxPlaintextBytes + kTagBytes)
        return malformed("The record's content length is out of range.");
    if (!r.take(ctLen, p.ciphertext))
        return truncated;
    p.signedBytes = record.first(r.offset());
    if (!r.take(kSignatureBytes, p.signature))
        return truncated;
    if (r.remaining() != 0)
        return malformed("The record has unexpected bytes after its signature.");
    return p;
}

} // namespace

Result<Bytes> seal(const Identity &author, const SealRequest &request)
{
    if (request.plaintext.size() > kMaxPlaintextBytes)
        return makeError("record.too_large", "The record is larger than the 16 MiB limit.");

    // One recipient per distinct reader key, in the order given.
    std::vector<std::pair<KeyId, const PublicIdentity *>> readers;
    for (const PublicIdentity &p : request.readers) {
        const KeyId kid = p.boxKeyId();
        if (std::none_of(readers.begin(), readers.end(), [&](const auto &e) { return e.first == kid; }))
            readers.emplace_back(kid, &p);
    }
    if (readers.empty())
        return makeError("record.no_readers", "A record must be sealed to at least one reader.");
    if (readers.size() > kMaxRecipients)
        return makeError("record.too_large", "A record can be shared with at most 256 readers.");

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

    ContentKey contentKey;
    crypto_aead_xchacha20poly1305_ietf_keygen(contentKey.data());

    w.le(static_cast<std::uint16_t>(readers.size()));
    for (const auto &[kid, reader] : readers) {
        w.bytes(kid);
        auto wrapped = author.wrapKeyFor(*reader, contentKey.span());
        if (!wrapped || wrapped->size() != sizeof(Recipient::wrappedKey))
            return makeError("record.seal_failed", "A reader's public key is not usable.");
        w.bytes(*wrapped);
    }
    const std::size_t nonceAt = w.reserve(kNonceBytes);
    randombytes_buf(w.at(nonceAt), kNonceBytes);
    w.le(static_cast<std::uint32_t>(ctLen));
    const std::size_t ctAt = w.reserve(ctLen);

    Bytes &out = w.out();
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + ctAt, &written, request.plaintext.data(),
                                               request.plaintext.size(), out.data(), kAdBytes, nullptr,
                                               out.data() + nonceAt, contentKey.data());
    const Bytes sig = author.sign(out);
    out.insert(out.end(), sig.begin(), sig.end());
    return std::move(out);
}

Result<RecordHeader> parseHeader(std::span<const std::uint8_t> record)
{
    auto parsed = parse(record);
    if (!parsed)
        return parsed.error();
    return std::move(parsed->header);
}

namespace {

// Parse, check where the record was found, and verify the author's signature — before anything is decrypted.
Result<ParsedRecord> authenticated(std::span<const std::uint8_t> record, const AuthorLookup &lookup,
                                   std::optional<RecordId> expectedId, std::optional<std::uint16_t> expectedType,
                                   std::optional<PublicIdentity> &authorKeys)
{
    auto parsed = parse(record);
    if (!parsed)
        return parsed.error();
    if ((expectedId && *expectedId != parsed->header.id) || (expectedType && *expectedType != parsed->header.type))
        return makeError("record.mismatch", "The record does not belong where it was found (its id or type differs).");
    authorKeys = lookup ? lookup(parsed->header.authorKeyId) : std::nullopt;
    if (!authorKeys || authorKeys->signKeyId() != parsed->header.authorKeyId)
        return makeError("record.unknown_author", "The record's author is not in the key directory.");
    if (!Identity::verify(*authorKeys, parsed->signedBytes, parsed->signature))
        return makeError("record.bad_signature", "The record's signature is invalid; it was altered or forged.");
    return parsed;
}

Result<ContentKey> readerKey(const ParsedRecord &p, const Identity &reader, const PublicIdentity &author)
{
    const KeyId me = reader.publicIdentity().boxKeyId();
    const auto mine = std::find_if(p.header.recipients.begin(), p.header.recipients.end(),
                                   [&](const Recipient &rc) { return rc.readerKeyId == me; });
    if (mine == p.header.recipients.end())
        return makeError("record.not_a_reader", "This record was not shared with you.");
    auto contentKey = reader.unwrapKeyFrom(author, mine->wrappedKey);
    if (!contentKey)
        return makeError("record.decrypt_failed", "The record's key could not be opened.");
    return contentKey;
}

Result<OpenedRecord> decrypt(ParsedRecord &p, const ContentKey &contentKey)
{
    OpenedRecord opened{std::move(p.header), PlainBytes(p.ciphertext.size() - kTagBytes)};
    std::uint8_t scratch = 0; // a valid pointer for an empty plaintext
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(opened.plaintext.empty() ? &scratch : opened.plaintext.data(),
                                                   nullptr, nullptr, p.ciphertext.data(), p.ciphertext.size(),
                                                   p.associatedData.data(), p.associatedData.size(),
                                                   p.nonce.data(), contentKey.data()) != 0)
        return makeError("record.decrypt_failed", "The record's content could not be decrypted.");
    return opened;
}

} // namespace

Result<OpenedRecord> open(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup,
                          std::optional<RecordId> expectedId, std::optional<std::uint16_t> expectedType)
{
    std::optional<PublicIdentity> author;
    auto p = authenticated(record, lookup, expectedId, expectedType, author);
    if (!p)
        return p.error();
    auto key = readerKey(*p, reader, *author);
    if (!key)
        return key.error();
    return decrypt(*p, *key);
}

Result<RecordHeader> verifyAuthor(std::span<const std::uint8_t> record, const AuthorLookup &lookup)
{
    std::optional<PublicIdentity> author;
    auto p = authenticated(record, lookup, std::nullopt, std::nullopt, author);
    if (!p)
        return p.error();
    return std::move(p->header);
}

Result<ContentKey> unwrapContentKey(std::span<const std::uint8_t> record, const Identity &reader, const AuthorLookup &lookup)
{
    std::optional<PublicIdentity> author;
    auto p = authenticated(record, lookup, std::nullopt, std::nullopt, author);
    if (!p)
        return p.error();
    auto key = readerKey(*p, reader, *author);
    if (!key)
        return key.error();
    // Prove the key is the record's before handing it on.
    if (auto opened = decrypt(*p, *key); !opened)
        return opened.error();
    return key;
}

Result<OpenedRecord> openWithContentKey(std::span<const std::uint8_t> record, const ContentKey &contentKey,
                                        const AuthorLookup &lookup, std::optional<RecordId> expectedId,
                                        std::optional<std::uint16_t> expectedType)
{
    std::optional<PublicIdentity> author;
    auto p = authenticated(record, lookup, expectedId, expectedType, author);
    if (!p)
        return p.error();
    return decrypt(*p, contentKey);
}

} // namespace triad::crypto
