// Linux passphrase keystore: round trip, wrong passphrase vs. corruption, KDF parameter limits, known answer.
#include <catch2/catch.hpp>

#include "crypto_test_util.h"
#include "kat_inputs.h"
#include "linux/passphrase_keystore.h"

#include <sodium.h>

#include <chrono>

using namespace triad;
using namespace triad::platform;
using triad::crypto::Bytes;
using triad::crypto::toHex;
using triad::test::codeOf;
using triad::test::fromHex;
using triad::test::getLe;
using triad::test::putLe;

namespace {

constexpr const char *kPassphrase = triad::test::kat::kPassphrase;

// Regions of a v1 key file (see passphrase_keystore.h).
constexpr std::size_t kVersionAt = 8;
constexpr std::size_t kKdfAt = 9;
constexpr std::size_t kAeadAt = 10;
constexpr std::size_t kOpsAt = 11;
constexpr std::size_t kMemAt = 19;
constexpr std::size_t kSaltAt = 27;
constexpr std::size_t kNonceAt = 43;
constexpr std::size_t kLenAt = 67;
constexpr std::size_t kCiphertextAt = 71;

// The committed key file wraps the exportSecret() of Identity::fromSeed(RFC 8032 test 1 secret key): version 1 |
// Ed25519 seed || public key | X25519 secret key (computed independently with Python hashlib).
using triad::test::kat::kKatSecret;

UnlockCredential pass(std::string_view p = kPassphrase) { return UnlockCredential::fromPassphrase(p); }

Bytes wrapOrFail(PassphraseKeystore &ks, std::span<const std::uint8_t> secret)
{
    auto blob = ks.wrap(secret, pass());
    REQUIRE(blob.ok());
    return std::move(blob).value();
}

// Recomputes the trailing checksum, as someone crafting a malicious key file would.
void fixChecksum(Bytes &b) { crypto_generichash(b.data() + b.size() - 32, 32, b.data(), b.size() - 32, nullptr, 0); }

// A key file made with the default test passphrase around the KAT secret.
struct WrappedKat {
    PassphraseKeystore ks{KdfStrength::Interactive};
    const Bytes blob = wrapOrFail(ks, fromHex(kKatSecret));
};

std::string unwrapCode(PassphraseKeystore &ks, const Bytes &blob, std::string_view passphrase = kPassphrase)
{
    return codeOf(ks.unwrap(blob, pass(passphrase)));
}

} // namespace

TEST_CASE("Key files round-trip and record their parameters", "[crypto]")
{
    PassphraseKeystore ks(KdfStrength::Interactive);
    CHECK(ks.mechanism() == "passphrase (Argon2id)");
    const Bytes secret = fromHex(kKatSecret);
    const Bytes blob = wrapOrFail(ks, secret);
    REQUIRE(blob.size() == 71 + secret.size() + 16 + 32);
    CHECK(std::string(blob.begin(), blob.begin() + 8) == "TRIADKEY");
    CHECK(blob[kVersionAt] == 1);
    CHECK(blob[kKdfAt] == 1);
    CHECK(blob[kAeadAt] == 1);
    CHECK(getLe(blob, kOpsAt, 8) == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
    CHECK(getLe(blob, kMemAt, 8) == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
    CHECK(getLe(blob, kLenAt, 4) == secret.size() + 16);

    auto back = ks.unwrap(blob, pass());
    REQUIRE(back.ok());
    CHECK(toHex(back->span()) == kKatSecret);

    // A fresh salt and nonce every time.
    const Bytes again = wrapOrFail(ks, secret);
    CHECK(std::equal(blob.begin(), blob.begin() + kSaltAt, again.begin()));
    CHECK(blob != again);

    // An empty secret is allowed.
    auto empty = ks.unwrap(wrapOrFail(ks, {}), pass());
    REQUIRE(empty.ok());
    CHECK(empty->empty());
}

TEST_CASE_METHOD(WrappedKat, "A wrong passphrase is told apart from damage", "[crypto]")
{
    CHECK(unwrapCode(ks, blob, "correct horse battery stapler") == "keystore.wrong_passphrase");
    CHECK(unwrapCode(ks, blob, "") == "keystore.wrong_passphrase");
    auto r = ks.unwrap(blob, pass("Correct horse battery staple"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "keystore.wrong_passphrase");
    CHECK(r.error().message.find("horse") == std::string::npos);
}

TEST_CASE_METHOD(WrappedKat, "A flipped byte in any region of a key file is corruption", "[crypto]")
{
    const std::size_t checksumAt = blob.size() - 32;
    struct Region {
        const char *name;
        std::size_t at;
    };
    for (const Region region :
         {Region{"magic", 0}, Region{"version", kVersionAt}, Region{"kdf id", kKdfAt}, Region{"aead id", kAeadAt}, Region{"opslimit", kOpsAt},
          Region{"memlimit", kMemAt}, Region{"salt", kSaltAt}, Region{"nonce", kNonceAt}, Region{"length", kLenAt},
          Region{"ciphertext", kCiphertextAt}, Region{"checksum", checksumAt}, Region{"last byte", blob.size() - 1}}) {
        INFO("region " << region.name);
        Bytes tampered = blob;
        tampered[region.at] ^= 0x01;
        CHECK(unwrapCode(ks, tampered) == "keystore.corrupt");
    }
    // And every other single position: all refused by the checksum before any KDF work.
    for (std::size_t pos = 0; pos < blob.size(); ++pos) {
        Bytes tampered = blob;
        tampered[pos] ^= 0x80;
        if (unwrapCode(ks, tampered) != "keystore.corrupt") FAIL_CHECK("flip at byte " << pos << " not reported as corrupt");
    }
}

TEST_CASE_METHOD(WrappedKat, "Truncated or extended key files are corruption", "[crypto]")
{
    for (std::size_t len = 0; len < blob.size(); ++len) {
        const Bytes cut(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(len));
        if (unwrapCode(ks, cut) != "keystore.corrupt") FAIL_CHECK("truncation to " << len << " not reported as corrupt");
    }
    Bytes longer = blob;
    longer.push_back(0);
    CHECK(unwrapCode(ks, longer) == "keystore.corrupt");
}

TEST_CASE_METHOD(WrappedKat, "Doctored KDF parameters are refused before the KDF runs", "[crypto]")
{
    struct Params {
        std::uint64_t ops;
        std::uint64_t mem;
    };
    const std::uint64_t okOps = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
    const std::uint64_t okMem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
    for (const Params p :
         {Params{okOps, std::uint64_t{1} << 62}, Params{okOps, ~std::uint64_t{0}}, Params{okOps, crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE + 1},
          Params{okOps, crypto_pwhash_argon2id_MEMLIMIT_MIN - 1}, Params{okOps, 0}, Params{1000000, okMem},
          Params{crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE + 1, okMem}, Params{0, okMem}}) {
        INFO("opslimit " << p.ops << " memlimit " << p.mem);
        Bytes doctored = blob;
        putLe(doctored, kOpsAt, p.ops, 8);
        putLe(doctored, kMemAt, p.mem, 8);
        fixChecksum(doctored);
        const auto start = std::chrono::steady_clock::now();
        CHECK(unwrapCode(ks, doctored) == "keystore.corrupt");
        // Running Argon2id with these parameters would take far longer (or fail to allocate).
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1000));
    }

    // A length field that disagrees with the blob, checksum fixed up.
    Bytes badLen = blob;
    putLe(badLen, kLenAt, getLe(blob, kLenAt, 4) + 1, 4);
    fixChecksum(badLen);
    CHECK(unwrapCode(ks, badLen) == "keystore.corrupt");

    // Parameters changed within range (checksum fixed up) are bound by the AEAD: not the key that was used.
    Bytes otherOps = blob;
    putLe(otherOps, kOpsAt, okOps + 1, 8);
    fixChecksum(otherOps);
    CHECK(unwrapCode(ks, otherOps) == "keystore.wrong_passphrase");
}

TEST_CASE_METHOD(WrappedKat, "Unknown versions and algorithms are unsupported", "[crypto]")
{
    for (const std::size_t at : {kVersionAt, kKdfAt, kAeadAt}) {
        INFO("byte " << at);
        Bytes v = blob;
        v[at] = 2;
        fixChecksum(v);
        CHECK(unwrapCode(ks, v) == "keystore.unsupported");
    }
    // A newer version may have any layout after its version byte.
    Bytes tiny(blob.begin(), blob.begin() + 9);
    tiny[kVersionAt] = 2;
    tiny.resize(tiny.size() + 32);
    fixChecksum(tiny);
    CHECK(unwrapCode(ks, tiny) == "keystore.unsupported");
}

TEST_CASE("Short passphrases are refused when wrapping", "[crypto]")
{
    PassphraseKeystore ks(KdfStrength::Interactive);
    const Bytes secret = fromHex(kKatSecret);
    for (const std::string_view weak :
         {std::string_view(""), std::string_view("1234567"), std::string_view("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9")}) {
        CHECK(codeOf(ks.wrap(secret, pass(weak))) == "keystore.weak_passphrase");
    }
    // Eight characters (here eight two-byte characters) are enough.
    const std::string_view eight = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
    auto ok = ks.wrap(secret, pass(eight));
    REQUIRE(ok.ok());
    CHECK(ks.unwrap(*ok, pass(eight)).ok());

    const Bytes tooBig(kMaxSecretBytes + 1);
    CHECK(codeOf(ks.wrap(tooBig, pass())) == "keystore.unsupported");
}

TEST_CASE("The committed v1 key file opens with its passphrase", "[crypto][kat]")
{
    const Bytes kat = test::readHexFixture("crypto/kat_keyfile_v1.hex");
    REQUIRE(kat.size() == 71 + 97 + 16 + 32);
    PassphraseKeystore ks(KdfStrength::Moderate); // the strength only affects wrap(); unwrap reads the file's
    auto secret = ks.unwrap(kat, pass());
    REQUIRE(secret.ok());
    CHECK(toHex(secret->span()) == kKatSecret);
    auto id = crypto::Identity::importSecret(secret->span());
    REQUIRE(id.ok());
    CHECK(toHex(id->publicIdentity().signPublicKey) == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    CHECK(unwrapCode(ks, kat, "correct horse battery stable") == "keystore.wrong_passphrase");
}
