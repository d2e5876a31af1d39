// Sealed records and identities: round trips, who can read, tamper resistance, strict parsing and known answers.
#include <catch2/catch.hpp>

#include "crypto_test_util.h"
#include "sealed_record.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <set>

using namespace triad;
using namespace triad::crypto;
using triad::test::bytesOf;
using triad::test::codeOf;
using triad::test::fromHex;
using triad::test::getLe;
using triad::test::putLe;
using triad::test::stringOf;

namespace {

// Known-answer inputs. The seeds are the secret keys of RFC 8032 section 7.1 tests 1 and 2, so the Ed25519
// public keys are the RFC's; every other expected value below was computed independently of this code
// (Python hashlib BLAKE2b + pyca/cryptography X25519) from the constructions in docs/security.md.
constexpr std::string_view kAuthorSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kReaderSeed = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
constexpr std::string_view kAuthorSignPk = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kAuthorBoxPk = "fa62cdd8554aca2fdf2a6029bbe7921b67c258735cbd86a4dcb810893e6e444f";
constexpr std::string_view kAuthorSignKeyId = "5cecf03af2c0cf27f2ea96c477d04ae1";
constexpr std::string_view kAuthorBoxKeyId = "aad5342acb421bf1a9619a8d2654f156";
constexpr std::string_view kReaderSignPk = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
constexpr std::string_view kReaderBoxPk = "9df69e412bddf63c5ff19864a0ed395749a02e1d9595996893083c4b34e6af63";
constexpr std::string_view kReaderSignKeyId = "6a9897e264f3d3c05849d95aa9484049";
constexpr std::string_view kReaderBoxKeyId = "4074e1ebd96ae4d2c2f215f6bf360bb8";
constexpr std::uint16_t kKatType = 7;
constexpr std::string_view kKatId = "6f1c2a3e-4b5d-4e6f-8a7b-9c0d1e2f3a4b";
constexpr std::int64_t kKatCreatedAt = 1767225600000; // 2026-01-01T00:00:00Z
constexpr std::string_view kKatPlaintext =
    "Observation 1: students explained their reasoning to a partner before sharing out. (KAT v1)";
// magic | version 1 | aead 1 | key wrap 2 | sign 1 | type 7 | record id | author sign key id | created-at
constexpr std::string_view kKatHeaderPrefix = "5452494144524543" "01010201" "0700"
                                              "6f1c2a3e4b5d4e6f8a7b9c0d1e2f3a4b"
                                              "5cecf03af2c0cf27f2ea96c477d04ae1"
                                              "00a8da769b010000";

const std::set<std::string> kRecordErrors = {
    "record.malformed",     "record.unsupported_version", "record.unsupported_algorithm",
    "record.unknown_author", "record.bad_signature",      "record.not_a_reader",
    "record.decrypt_failed", "record.too_large",          "record.mismatch"};

// Offsets into a v1 record (see sealed_record.h).
constexpr std::size_t kVersionAt = 8;
constexpr std::size_t kTypeAt = 12;
constexpr std::size_t kIdAt = 14;
constexpr std::size_t kAuthorAt = 30;
constexpr std::size_t kCreatedAt = 46;
constexpr std::size_t kAdBytes = 54;
constexpr std::size_t kCountAt = 54;
constexpr std::size_t kRecipientsAt = 56;
constexpr std::size_t kRecipientBytes = 88;

Identity authorKat() { return Identity::fromSeed(test::seed32(kAuthorSeed)); }
Identity readerKat() { return Identity::fromSeed(test::seed32(kReaderSeed)); }

// The known-answer record's inputs: from the author seed to the reader seed.
SealRequest katRequest(std::span<const std::uint8_t> plaintext)
{
    SealRequest r;
    r.type = kKatType;
    r.id = *RecordId::fromString(kKatId);
    r.createdAtMs = kKatCreatedAt;
    r.plaintext = plaintext;
    r.readers = {readerKat().publicIdentity()};
    return r;
}

// A key directory for AuthorLookup.
struct Directory {
    std::vector<PublicIdentity> people;
    AuthorLookup lookup() const
    {
        return [people = people](const KeyId &kid) -> std::optional<PublicIdentity> {
            for (const auto &p : people)
                if (p.signKeyId() == kid)
                    return p;
            return std::nullopt;
        };
    }
};

SealRequest request(std::span<const std::uint8_t> plaintext, std::vector<PublicIdentity> readers,
                    std::uint16_t type = 3)
{
    SealRequest r;
    r.type = type;
    r.id = RecordId::generate();
    r.createdAtMs = 1767225600123;
    r.plaintext = plaintext;
    r.readers = std::move(readers);
    return r;
}

// A fresh author and reader, and a directory that knows the author.
struct Cast {
    const Identity author = Identity::generate();
    const Identity reader = Identity::generate();
    const Directory dir{{author.publicIdentity()}};
};

std::size_t ciphertextOffset(std::size_t recipients) { return kRecipientsAt + recipients * kRecipientBytes + 24 + 4; }

std::size_t expectedSize(std::size_t plaintext, std::size_t recipients)
{
    return ciphertextOffset(recipients) + plaintext + 16 + 64;
}

// Replaces the signature with `signer`'s signature over the (possibly modified) preceding bytes.
void resign(Bytes &record, const Identity &signer)
{
    record.resize(record.size() - 64);
    const Bytes sig = signer.sign(record);
    record.insert(record.end(), sig.begin(), sig.end());
}


} // namespace

TEST_CASE("Seeded identities have fixed public keys and key ids", "[crypto][kat]")
{
    const Identity a = authorKat();
    const Identity r = readerKat();
    CHECK(toHex(a.publicIdentity().signPublicKey) == kAuthorSignPk); // RFC 8032 test 1
    CHECK(toHex(a.publicIdentity().boxPublicKey) == kAuthorBoxPk);
    CHECK(toHex(a.publicIdentity().signKeyId()) == kAuthorSignKeyId);
    CHECK(toHex(a.publicIdentity().boxKeyId()) == kAuthorBoxKeyId);
    CHECK(toHex(r.publicIdentity().signPublicKey) == kReaderSignPk); // RFC 8032 test 2
    CHECK(toHex(r.publicIdentity().boxPublicKey) == kReaderBoxPk);
    CHECK(toHex(r.publicIdentity().signKeyId()) == kReaderSignKeyId);
    CHECK(toHex(r.publicIdentity().boxKeyId()) == kReaderBoxKeyId);
    // Same seed, same keys.
    CHECK(authorKat().publicIdentity() == a.publicIdentity());
}

TEST_CASE("seal() writes the documented header prefix for fixed inputs", "[crypto][kat]")
{
    const Identity a = authorKat();
    const Bytes plain = bytesOf(kKatPlaintext);
    const SealRequest req = katRequest(plain);
    auto sealed = seal(a, req);
    REQUIRE(sealed.ok());
    REQUIRE(sealed->size() == expectedSize(plain.size(), 1));
    CHECK(toHex(std::span(*sealed).first(kAdBytes)) == kKatHeaderPrefix);
    // Recipient table: count 1, then the reader's box key id.
    CHECK(toHex(std::span(*sealed).subspan(kCountAt, 2)) == "0100");
    CHECK(toHex(std::span(*sealed).subspan(kRecipientsAt, 16)) == kReaderBoxKeyId);
    // The content key and nonce are fresh each time, so two seals of the same input differ after the prefix.
    auto again = seal(a, req);
    REQUIRE(again.ok());
    CHECK(std::equal(sealed->begin(), sealed->begin() + kAdBytes, again->begin()));
    CHECK(*sealed != *again);
}

TEST_CASE("The committed v1 record vector parses and opens", "[crypto][kat]")
{
    const Bytes kat = test::readHexFixture("crypto/kat_record_v1.hex");
    REQUIRE(kat.size() == expectedSize(kKatPlaintext.size(), 1));
    CHECK(toHex(std::span(kat).first(kAdBytes)) == kKatHeaderPrefix);

    auto header = parseHeader(kat);
    REQUIRE(header.ok());
    CHECK(header->formatVersion == 1);
    CHECK(header->type == kKatType);
    CHECK(header->id.toString() == kKatId);
    CHECK(header->createdAtMs == kKatCreatedAt);
    CHECK(toHex(header->authorKeyId) == kAuthorSignKeyId);
    REQUIRE(header->recipients.size() == 1);
    CHECK(toHex(header->recipients[0].readerKeyId) == kReaderBoxKeyId);

    const Identity a = authorKat();
    const Identity r = readerKat();
    const Directory dir{{a.publicIdentity()}};
    auto opened = open(kat, r, dir.lookup(), *RecordId::fromString(kKatId), kKatType);
    REQUIRE(opened.ok());
    CHECK(stringOf(opened->plaintext.span()) == kKatPlaintext);
    CHECK(opened->header.id.toString() == kKatId);

    // The author is not a reader of this record (readers are never added implicitly).
    CHECK(codeOf(open(kat, a, dir.lookup())) == "record.not_a_reader");
}

// Prints a fresh KAT record for the inputs above. Hidden: run by hand only (`test_sealed_record "[.generate]"`)
// if the format version changes; the committed vector must never be regenerated by the suite.
TEST_CASE("Generate kat_record_v1.hex", "[.generate]")
{
    const Bytes plain = bytesOf(kKatPlaintext);
    auto sealed = seal(authorKat(), katRequest(plain));
    REQUIRE(sealed.ok());
    std::cout << toHex(*sealed) << "\n";
}

TEST_CASE_METHOD(Cast, "Records round-trip at several sizes", "[crypto]")
{
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16},
                                   std::size_t{17}, std::size_t{4096}, std::size_t{1024 * 1024}}) {
        INFO("plaintext size " << size);
        Bytes plain(size);
        if (!plain.empty())
            randombytes_buf(plain.data(), plain.size());
        const SealRequest req = request(plain, {reader.publicIdentity()}, 42);
        auto sealed = seal(author, req);
        REQUIRE(sealed.ok());
        CHECK(sealed->size() == expectedSize(size, 1));

        auto header = parseHeader(*sealed);
        REQUIRE(header.ok());
        CHECK(header->type == 42);
        CHECK(header->id == req.id);
        CHECK(header->createdAtMs == req.createdAtMs);
        CHECK(header->authorKeyId == author.publicIdentity().signKeyId());

        auto opened = open(*sealed, reader, dir.lookup(), req.id, std::uint16_t{42});
        REQUIRE(opened.ok());
        REQUIRE(opened->plaintext.size() == size);
        CHECK(std::equal(plain.begin(), plain.end(), opened->plaintext.data()));
    }
}

TEST_CASE("Every reader opens; others are told they are not a reader", "[crypto]")
{
    const Identity author = Identity::generate();
    std::vector<Identity> readers;
    for (int i = 0; i < 4; ++i)
        readers.push_back(Identity::generate());
    const Identity outsider = Identity::generate();
    std::vector<PublicIdentity> pubs;
    for (const auto &r : readers)
        pubs.push_back(r.publicIdentity());
    pubs.push_back(readers[0].publicIdentity()); // a duplicate is sealed to once

    const std::string secret = test::randomMarker("NOTE");
    const Bytes plain = bytesOf(secret);
    auto sealed = seal(author, request(plain, pubs));
    REQUIRE(sealed.ok());
    auto header = parseHeader(*sealed);
    REQUIRE(header.ok());
    CHECK(header->recipients.size() == readers.size());

    const Directory dir{{author.publicIdentity(), outsider.publicIdentity()}};
    for (const auto &r : readers) {
        auto opened = open(*sealed, r, dir.lookup());
        REQUIRE(opened.ok());
        CHECK(stringOf(opened->plaintext.span()) == secret);
    }
    auto byOutsider = open(*sealed, outsider, dir.lookup());
    REQUIRE_FALSE(byOutsider.ok());
    CHECK(byOutsider.error().code == "record.not_a_reader");
    CHECK(byOutsider.error().message.find(secret) == std::string::npos);
    CHECK(codeOf(open(*sealed, author, dir.lookup())) == "record.not_a_reader");
}

TEST_CASE_METHOD(Cast, "An author missing from the directory is refused", "[crypto]")
{
    const Identity other = Identity::generate();
    const Bytes plain = bytesOf("hello");
    auto sealed = seal(author, request(plain, {reader.publicIdentity()}));
    REQUIRE(sealed.ok());

    CHECK(codeOf(open(*sealed, reader, Directory{{other.publicIdentity()}}.lookup())) == "record.unknown_author");

    // A lookup that answers with someone else's keys for the author's id is not trusted.
    const AuthorLookup lying = [&](const KeyId &) { return std::optional<PublicIdentity>(other.publicIdentity()); };
    CHECK(codeOf(open(*sealed, reader, lying)) == "record.unknown_author");

    CHECK(codeOf(open(*sealed, reader, AuthorLookup{})) == "record.unknown_author");
}

TEST_CASE_METHOD(Cast, "Flipping any byte of a record is refused", "[crypto]")
{
    const std::string secret = test::randomMarker("FLIP");
    const Bytes plain = bytesOf(secret);
    auto sealed = seal(author, request(plain, {reader.publicIdentity()}));
    REQUIRE(sealed.ok());
    REQUIRE(open(*sealed, reader, dir.lookup()).ok());

    std::size_t refused = 0;
    for (std::size_t pos = 0; pos < sealed->size(); ++pos) {
        for (const std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}, std::uint8_t{0xFF}}) {
            Bytes tampered = *sealed;
            tampered[pos] ^= mask;
            auto opened = open(tampered, reader, dir.lookup());
            if (opened.ok()) {
                FAIL_CHECK("flip at byte " << pos << " mask " << int{mask} << " opened");
                continue;
            }
            if (kRecordErrors.count(opened.error().code) == 0)
                FAIL_CHECK("undocumented error code " << opened.error().code << " at byte " << pos);
            if (opened.error().message.find(secret) != std::string::npos)
                FAIL_CHECK("error message leaks plaintext at byte " << pos);
            ++refused;
        }
    }
    CHECK(refused == sealed->size() * 3);
}

TEST_CASE_METHOD(Cast, "Ciphertexts swapped between records are refused", "[crypto]")
{
    const Bytes plainA = bytesOf("first note text");
    const Bytes plainB = bytesOf("other note text");
    auto a = seal(author, request(plainA, {reader.publicIdentity()}));
    auto b = seal(author, request(plainB, {reader.publicIdentity()}));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(a->size() == b->size());

    const std::size_t ctAt = ciphertextOffset(1);
    const std::size_t ctLen = plainA.size() + 16;
    Bytes swapped = *a;
    std::copy_n(b->begin() + static_cast<std::ptrdiff_t>(ctAt), ctLen, swapped.begin() + static_cast<std::ptrdiff_t>(ctAt));
    CHECK(codeOf(open(swapped, reader, dir.lookup())) == "record.bad_signature");

    // Everything after the header of B (keys, nonce, ciphertext) moved under A's header, even re-signed by the
    // genuine author, does not decrypt: the record id is associated data of the content encryption.
    Bytes moved = *a;
    std::copy(b->begin() + kAdBytes, b->end(), moved.begin() + kAdBytes);
    resign(moved, author);
    CHECK(codeOf(open(moved, reader, dir.lookup())) == "record.decrypt_failed");
}

TEST_CASE_METHOD(Cast, "A record found under another id or type is refused as a mismatch", "[crypto]")
{
    const Bytes plain = bytesOf("note");
    const SealRequest req = request(plain, {reader.publicIdentity()}, 5);
    auto sealed = seal(author, req);
    REQUIRE(sealed.ok());

    CHECK(open(*sealed, reader, dir.lookup(), req.id, std::uint16_t{5}).ok());
    CHECK(codeOf(open(*sealed, reader, dir.lookup(), RecordId::generate())) == "record.mismatch");
    CHECK(codeOf(open(*sealed, reader, dir.lookup(), req.id, std::uint16_t{6})) == "record.mismatch");
    CHECK(codeOf(open(*sealed, reader, dir.lookup(), std::nullopt, std::uint16_t{6})) == "record.mismatch");
}

TEST_CASE("A tampered header re-signed by someone else is refused", "[crypto]")
{
    const Identity author = Identity::generate();
    const Identity mallory = Identity::generate(); // also a reader, so she holds the content key
    const Identity reader = Identity::generate();
    const Directory dir{{author.publicIdentity(), mallory.publicIdentity()}};
    const Bytes plain = bytesOf("the mentor's note");
    auto sealed = seal(author, request(plain, {reader.publicIdentity(), mallory.publicIdentity()}));
    REQUIRE(sealed.ok());

    // Claims authorship (author key id swapped for hers) and backdates it, then signs as herself.
    Bytes claimed = *sealed;
    const KeyId mk = mallory.publicIdentity().signKeyId();
    std::copy(mk.begin(), mk.end(), claimed.begin() + kAuthorAt);
    putLe(claimed, kCreatedAt, 1000, 8);
    resign(claimed, mallory);
    CHECK(codeOf(open(claimed, reader, dir.lookup())) == "record.decrypt_failed");

    // Keeps the genuine author's id but changes the date and signs as herself.
    Bytes forged = *sealed;
    putLe(forged, kCreatedAt, 1000, 8);
    resign(forged, mallory);
    CHECK(codeOf(open(forged, reader, dir.lookup())) == "record.bad_signature");

    // Drops the other reader from the recipient table and re-signs: still refused to the dropped reader.
    Bytes dropped = *sealed;
    putLe(dropped, kCountAt, 1, 2);
    dropped.erase(dropped.begin() + kRecipientsAt, dropped.begin() + kRecipientsAt + kRecipientBytes);
    resign(dropped, mallory);
    CHECK(codeOf(open(dropped, reader, dir.lookup())) == "record.bad_signature");
}

TEST_CASE_METHOD(Cast, "Truncation at every length and trailing bytes are malformed", "[crypto]")
{
    const Bytes plain = bytesOf("short");
    auto sealed = seal(author, request(plain, {reader.publicIdentity(), author.publicIdentity()}));
    REQUIRE(sealed.ok());

    for (std::size_t len = 0; len < sealed->size(); ++len) {
        const std::span<const std::uint8_t> cut(sealed->data(), len);
        auto header = parseHeader(cut);
        auto opened = open(cut, reader, dir.lookup());
        if (header.ok() || header.error().code != "record.malformed")
            FAIL_CHECK("parseHeader accepted or misreported truncation to " << len);
        if (opened.ok() || opened.error().code != "record.malformed")
            FAIL_CHECK("open accepted or misreported truncation to " << len);
    }

    for (const std::size_t extra : {std::size_t{1}, std::size_t{64}}) {
        Bytes longer = *sealed;
        longer.insert(longer.end(), extra, std::uint8_t{0});
        CHECK(codeOf(parseHeader(longer)) == "record.malformed");
        CHECK(codeOf(open(longer, reader, dir.lookup())) == "record.malformed");
    }
}

TEST_CASE_METHOD(Cast, "The parser refuses unknown versions, algorithms and out-of-range fields", "[crypto]")
{
    const Bytes plain = bytesOf("text");
    auto sealed = seal(author, request(plain, {reader.publicIdentity()}));
    REQUIRE(sealed.ok());
    auto headerCode = [](const Bytes &b) { return codeOf(parseHeader(b)); };
    CHECK(headerCode(*sealed) == "ok");

    Bytes v = *sealed;
    v[kVersionAt] = 2;
    CHECK(headerCode(v) == "record.unsupported_version");
    v.resize(kVersionAt + 1); // a newer format is recognised from its version byte alone
    CHECK(headerCode(v) == "record.unsupported_version");

    for (std::size_t at = kVersionAt + 1; at < kTypeAt; ++at) {
        Bytes alg = *sealed;
        alg[at] = 9;
        CHECK(headerCode(alg) == "record.unsupported_algorithm");
    }

    Bytes magic = *sealed;
    magic[0] = 'X';
    CHECK(headerCode(magic) == "record.malformed");

    Bytes none = *sealed;
    putLe(none, kCountAt, 0, 2);
    CHECK(headerCode(none) == "record.malformed");
    Bytes many = *sealed;
    putLe(many, kCountAt, kMaxRecipients + 1, 2);
    CHECK(headerCode(many) == "record.malformed");
    Bytes huge = *sealed;
    putLe(huge, kCountAt, 0xFFFF, 2);
    CHECK(headerCode(huge) == "record.malformed");

    const std::size_t lenAt = ciphertextOffset(1) - 4;
    for (const std::uint64_t len : {std::uint64_t{0}, std::uint64_t{15}, std::uint64_t{kMaxPlaintextBytes + 17},
                                    std::uint64_t{0xFFFFFFFF}}) {
        Bytes l = *sealed;
        putLe(l, lenAt, len, 4);
        CHECK(headerCode(l) == "record.malformed");
    }
}

TEST_CASE_METHOD(Cast, "seal() refuses oversized content and empty reader lists", "[crypto]")
{
    const Bytes tooBig(kMaxPlaintextBytes + 1);
    CHECK(codeOf(seal(author, request(tooBig, {reader.publicIdentity()}))) == "record.too_large");

    const Bytes plain = bytesOf("x");
    CHECK(codeOf(seal(author, request(plain, {}))) == "record.no_readers");

    PublicIdentity weak = reader.publicIdentity();
    weak.boxPublicKey.fill(0); // a low-order point
    CHECK(codeOf(seal(author, request(plain, {weak}))) == "record.seal_failed");
}

TEST_CASE("Identity secrets export and import", "[crypto]")
{
    const Identity id = Identity::generate();
    const SecureBuffer secret = id.exportSecret();
    REQUIRE(secret.size() == 97);
    CHECK(secret.data()[0] == 1);
    auto back = Identity::importSecret(secret.span());
    REQUIRE(back.ok());
    CHECK(back->publicIdentity() == id.publicIdentity());

    // The imported identity signs and opens like the original.
    const Bytes msg = bytesOf("message");
    CHECK(Identity::verify(id.publicIdentity(), msg, back->sign(msg)));
    const Identity author = Identity::generate();
    auto sealed = seal(author, request(msg, {id.publicIdentity()}));
    REQUIRE(sealed.ok());
    CHECK(open(*sealed, *back, Directory{{author.publicIdentity()}}.lookup()).ok());

    const Bytes good(secret.data(), secret.data() + secret.size());
    auto importCode = [](const Bytes &b) { return codeOf(Identity::importSecret(b)); };
    CHECK(importCode(good) == "ok");
    CHECK(importCode({}) == "identity.malformed");
    CHECK(importCode(Bytes(good.begin(), good.end() - 1)) == "identity.malformed");
    Bytes longer = good;
    longer.push_back(0);
    CHECK(importCode(longer) == "identity.malformed");
    Bytes version = good;
    version[0] = 2;
    CHECK(importCode(version) == "identity.malformed");
    Bytes pkHalf = good;
    pkHalf[1 + 40] ^= 1; // inside the Ed25519 public half: no longer matches the seed
    CHECK(importCode(pkHalf) == "identity.malformed");

    // Seeded identities survive the round trip too.
    auto seeded = Identity::importSecret(authorKat().exportSecret().span());
    REQUIRE(seeded.ok());
    CHECK(toHex(seeded->publicIdentity().signKeyId()) == kAuthorSignKeyId);
    CHECK(toHex(seeded->publicIdentity().boxKeyId()) == kAuthorBoxKeyId);
}

TEST_CASE("Public identities serialise to 64 bytes", "[crypto]")
{
    const PublicIdentity p = Identity::generate().publicIdentity();
    const Bytes b = p.serialize();
    REQUIRE(b.size() == 64);
    auto back = PublicIdentity::deserialize(b);
    REQUIRE(back.ok());
    CHECK(*back == p);
    CHECK_FALSE(PublicIdentity::deserialize(std::span(b).first(63)).ok());
    Bytes longer = b;
    longer.push_back(0);
    CHECK_FALSE(PublicIdentity::deserialize(longer).ok());
    CHECK(p.signKeyId() != p.boxKeyId());
}

TEST_CASE("Signatures verify only for the signer and the exact message", "[crypto]")
{
    const Identity a = Identity::generate();
    const Identity b = Identity::generate();
    const Bytes msg = bytesOf("signed words");
    const Bytes sig = a.sign(msg);
    REQUIRE(sig.size() == 64);
    CHECK(Identity::verify(a.publicIdentity(), msg, sig));
    CHECK_FALSE(Identity::verify(b.publicIdentity(), msg, sig));
    CHECK_FALSE(Identity::verify(a.publicIdentity(), bytesOf("signed word"), sig));
    CHECK_FALSE(Identity::verify(a.publicIdentity(), msg, std::span(sig).first(63)));
    CHECK(Identity::verify(a.publicIdentity(), {}, a.sign({})));
    CHECK_FALSE(a.unwrapKeyFrom(b.publicIdentity(), Bytes(10)).ok());
    Bytes key(32);
    randombytes_buf(key.data(), key.size());
    auto wrapped = a.wrapKeyFor(b.publicIdentity(), key);
    REQUIRE(wrapped.ok());
    CHECK(wrapped->size() == 72);
    auto unwrapped = b.unwrapKeyFrom(a.publicIdentity(), *wrapped);
    REQUIRE(unwrapped.ok());
    CHECK(Bytes(unwrapped->span().begin(), unwrapped->span().end()) == key);
    CHECK_FALSE(b.unwrapKeyFrom(b.publicIdentity(), *wrapped).ok()); // only the author-reader pair opens it
}

TEST_CASE("SecureBuffer is zero-filled, movable and copies exactly", "[crypto]")
{
    SecureBuffer b(48);
    REQUIRE(b.size() == 48);
    CHECK(std::all_of(b.data(), b.data() + b.size(), [](std::uint8_t x) { return x == 0; }));
    b.data()[0] = 7;
    SecureBuffer moved(std::move(b));
    CHECK(moved.size() == 48);
    CHECK(moved.data()[0] == 7);
    CHECK(b.empty()); // NOLINT(bugprone-use-after-move): the moved-from state is part of the contract
    SecureBuffer assigned;
    assigned = std::move(moved);
    CHECK(assigned.size() == 48);
    CHECK(moved.empty()); // NOLINT(bugprone-use-after-move)

    const Bytes src = bytesOf("abc");
    const SecureBuffer c = SecureBuffer::copyOf(src);
    CHECK(stringOf(c.span()) == "abc");
    CHECK(SecureBuffer(0).empty());
    CHECK(SecureBuffer::copyOf({}).empty());
}
