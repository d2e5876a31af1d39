// Key backup for new devices and recovery: round trip, login secret and verifier, wrong passphrase vs. damage,
// doctored headers, and a committed known-answer blob.
#include <catch2/catch.hpp>

#include "../crypto/crypto_test_util.h"
#include "../crypto/kat_inputs.h"
#include "key_backup.h"
#include "sealed_record.h"

#include <sodium.h>

#include <chrono>

using namespace triad;
using namespace triad::crypto;
using triad::test::codeOf;
using triad::test::fromHex;
using triad::test::getLe;
using triad::test::putLe;

namespace {

constexpr std::string_view kPassphrase = test::kat::kPassphrase;

// Regions of a v1 backup (see key_backup.h).
constexpr std::size_t kVersionAt = 8;
constexpr std::size_t kKdfAt = 9;
constexpr std::size_t kAeadAt = 10;
constexpr std::size_t kOpsAt = 11;
constexpr std::size_t kMemAt = 19;
constexpr std::size_t kSaltAt = 27;
constexpr std::size_t kPersonAt = 43;
constexpr std::size_t kNonceAt = 59;
constexpr std::size_t kLenAt = 83;
constexpr std::size_t kCiphertextAt = 87;
constexpr std::size_t kSecretBytes = 97; // Identity::exportSecret()
constexpr std::size_t kBlobBytes = kCiphertextAt + kSecretBytes + 16 + 32;

// The KAT: Identity::fromSeed(RFC 8032 test 1 secret key); public keys as in tests/crypto/test_sealed_record.cpp
// (computed independently with Python hashlib / pyca/cryptography).
constexpr std::string_view kKatSignPk = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kKatBoxPk = "fa62cdd8554aca2fdf2a6029bbe7921b67c258735cbd86a4dcb810893e6e444f";
// The committed blob (tests/access/kat_backup_v1.hex, passphrase kPassphrase) was decrypted independently of this
// code with Python: pyca Argon2id, hashlib BLAKE2b as crypto_kdf (key = master, salt = subkey id LE64 || 0^8,
// person = context || 0^8) and HChaCha20 + pyca ChaCha20-Poly1305; the login secret and verifier below come from it.
constexpr std::string_view kKatLoginSecret = "0a025f1a35aa7c463aef7366d469ddafea454e2d682d6052b16c18c69a1b078a";
constexpr std::string_view kKatVerifier = "c0205fb87d09f57594399386cc5e27fc1f0db6a6bb9a79e51832fb1662addc10";

Identity katIdentity() { return test::kat::authorKat(); }
using test::kat::katPerson;
using test::kat::kKatPerson;

Bytes backupOrFail(const Identity &id, const RecordId &person, std::string_view passphrase = kPassphrase)
{
    auto blob = createBackup(id, person, passphrase, BackupStrength::Interactive);
    REQUIRE(blob.ok());
    return std::move(blob).value();
}

// Recomputes the trailing checksum, as a case store doctoring a blob would.
void fixChecksum(Bytes &b) { crypto_generichash(b.data() + b.size() - 32, 32, b.data(), b.size() - 32, nullptr, 0); }

// A copy of `blob` with an n-byte little-endian field set to v and the checksum recomputed.
Bytes withField(const Bytes &blob, std::size_t at, std::uint64_t v, int n)
{
    Bytes out = blob;
    putLe(out, at, v, n);
    fixChecksum(out);
    return out;
}

std::string restoreCode(const Bytes &blob, std::string_view passphrase = kPassphrase) { return codeOf(restoreBackup(blob, passphrase)); }

// Tries `key` as the blob's AEAD key: true if it opens the ciphertext.
bool opensWith(const Bytes &blob, std::span<const std::uint8_t> key)
{
    if (key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) return false;
    const std::size_t ctLen = getLe(blob, kLenAt, 4);
    Bytes plain(ctLen - 16);
    return crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), nullptr, nullptr, blob.data() + kCiphertextAt, ctLen, blob.data(),
                                                      kBackupHeaderBytes, blob.data() + kNonceAt, key.data())
           == 0;
}

BackupSecrets secretsOrFail(const Bytes &blob, std::string_view passphrase = kPassphrase)
{
    auto header = parseBackupHeader(blob);
    REQUIRE(header.ok());
    auto secrets = deriveBackupSecrets(passphrase, *header);
    REQUIRE(secrets.ok());
    return std::move(secrets).value();
}

bool sameBytes(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

// A backup of the KAT identity with the default test passphrase.
struct KatBackup {
    const Identity identity = katIdentity();
    const Bytes blob = backupOrFail(identity, katPerson());
};

} // namespace

TEST_CASE_METHOD(KatBackup, "A backup restores the same identity on a new device", "[access][crypto]")
{
    REQUIRE(blob.size() == kBlobBytes);
    CHECK(std::string(blob.begin(), blob.begin() + 8) == "TRIADBAK");
    CHECK(blob[kVersionAt] == 1);
    CHECK(blob[kKdfAt] == 1);
    CHECK(blob[kAeadAt] == 1);
    CHECK(getLe(blob, kOpsAt, 8) == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
    CHECK(getLe(blob, kMemAt, 8) == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
    CHECK(sameBytes(std::span(blob).subspan(kPersonAt, 16), katPerson().bytes));
    CHECK(getLe(blob, kLenAt, 4) == kSecretBytes + 16);

    auto restored = restoreBackup(blob, kPassphrase);
    REQUIRE(restored.ok());
    CHECK(restored->personId == katPerson());
    CHECK(restored->identity.publicIdentity() == identity.publicIdentity());
    CHECK(sameBytes(restored->identity.exportSecret().span(), identity.exportSecret().span()));

    // The restored keys sign verifiably for the original public identity.
    const Bytes message = test::bytesOf("weekly log, week 12");
    const Bytes signature = restored->identity.sign(message);
    CHECK(Identity::verify(identity.publicIdentity(), message, signature));

    // The public header alone (what the case store serves before login) parses to the same fields.
    auto full = parseBackupHeader(blob);
    auto prefix = parseBackupHeader(std::span(blob).first(kBackupHeaderBytes));
    REQUIRE(full.ok());
    REQUIRE(prefix.ok());
    CHECK(prefix->personId == katPerson());
    CHECK(prefix->opslimit == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
    CHECK(prefix->memlimit == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
    CHECK(sameBytes(prefix->salt, std::span(blob).subspan(kSaltAt, 16)));
    CHECK(full->salt == prefix->salt);
    CHECK(full->personId == prefix->personId);
}

TEST_CASE("A restored identity opens records sealed to the original", "[access][crypto]")
{
    const Identity original = Identity::generate();
    const Identity mentor = Identity::generate();
    const RecordId person = RecordId::generate();
    const Bytes blob = backupOrFail(original, person);

    SealRequest req;
    req.type = 7;
    req.id = RecordId::generate();
    req.createdAtMs = 1767225600000;
    const Bytes plain = test::bytesOf("Observation: the teacher checked for understanding before moving on.");
    req.plaintext = plain;
    req.readers = {original.publicIdentity()};
    auto sealed = seal(mentor, req);
    REQUIRE(sealed.ok());

    auto restored = restoreBackup(blob, kPassphrase);
    REQUIRE(restored.ok());
    const AuthorLookup lookup = [&](const KeyId &id) -> std::optional<PublicIdentity> {
        if (id == mentor.publicIdentity().signKeyId()) return mentor.publicIdentity();
        return std::nullopt;
    };
    auto opened = open(*sealed, restored->identity, lookup, req.id, req.type);
    REQUIRE(opened.ok());
    CHECK(sameBytes(opened->plaintext.span(), plain));

    // And a record the restored device writes opens for a reader who knows the original public keys.
    req.readers = {mentor.publicIdentity()};
    auto reply = seal(restored->identity, req);
    REQUIRE(reply.ok());
    const AuthorLookup originalLookup = [&](const KeyId &id) -> std::optional<PublicIdentity> {
        if (id == original.publicIdentity().signKeyId()) return original.publicIdentity();
        return std::nullopt;
    };
    CHECK(open(*reply, mentor, originalLookup, req.id, req.type).ok());
}

TEST_CASE_METHOD(KatBackup, "The login secret and its verifier cannot open the backup", "[access][crypto]")
{
    const BackupSecrets secrets = secretsOrFail(blob);
    REQUIRE(secrets.encryptionKey.size() == 32);
    REQUIRE(secrets.loginSecret.size() == 32);
    const Bytes verifier = loginVerifier(secrets.loginSecret.span());
    REQUIRE(verifier.size() == 32);

    // Three different values.
    CHECK_FALSE(sameBytes(secrets.encryptionKey.span(), secrets.loginSecret.span()));
    CHECK_FALSE(sameBytes(secrets.encryptionKey.span(), verifier));
    CHECK_FALSE(sameBytes(secrets.loginSecret.span(), verifier));

    // Only the encryption key is the blob's AEAD key.
    CHECK(opensWith(blob, secrets.encryptionKey.span()));
    CHECK_FALSE(opensWith(blob, secrets.loginSecret.span()));
    CHECK_FALSE(opensWith(blob, verifier));
    // Nor does using the login secret or the verifier as a "passphrase" restore it.
    CHECK(restoreCode(blob, test::stringOf(secrets.loginSecret.span())) == "backup.wrong_passphrase");
    CHECK(restoreCode(blob, test::stringOf(verifier)) == "backup.wrong_passphrase");

    // The case store checks a login against the verifier only.
    CHECK(checkLogin(verifier, secrets.loginSecret.span()));
    CHECK_FALSE(checkLogin(verifier, secrets.encryptionKey.span()));
    CHECK_FALSE(checkLogin(verifier, verifier));
    CHECK_FALSE(checkLogin(std::span(verifier).first(31), secrets.loginSecret.span()));
    CHECK_FALSE(checkLogin({}, secrets.loginSecret.span()));
    Bytes flipped = verifier;
    flipped[0] ^= 0x01;
    CHECK_FALSE(checkLogin(flipped, secrets.loginSecret.span()));

    // Deterministic for the same passphrase and header (a new device derives the same login secret) ...
    const BackupSecrets again = secretsOrFail(blob);
    CHECK(sameBytes(again.loginSecret.span(), secrets.loginSecret.span()));
    CHECK(sameBytes(again.encryptionKey.span(), secrets.encryptionKey.span()));
    // ... and a wrong passphrase does not log in.
    const BackupSecrets wrong = secretsOrFail(blob, "correct horse battery stapler");
    CHECK_FALSE(checkLogin(verifier, wrong.loginSecret.span()));
    CHECK_FALSE(opensWith(blob, wrong.encryptionKey.span()));

    // The verifier is not an unkeyed hash of the login secret (domain-separated).
    Bytes plainHash(32);
    crypto_generichash(plainHash.data(), plainHash.size(), secrets.loginSecret.data(), secrets.loginSecret.size(), nullptr, 0);
    CHECK_FALSE(sameBytes(plainHash, verifier));
}

TEST_CASE_METHOD(KatBackup, "Two backups of the same identity differ", "[access][crypto]")
{
    const Bytes other = backupOrFail(identity, katPerson());
    REQUIRE(other.size() == blob.size());
    CHECK(std::equal(blob.begin(), blob.begin() + kSaltAt, other.begin())); // same parameters
    CHECK_FALSE(sameBytes(std::span(blob).subspan(kSaltAt, 16), std::span(other).subspan(kSaltAt, 16)));
    CHECK_FALSE(sameBytes(std::span(blob).subspan(kNonceAt, 24), std::span(other).subspan(kNonceAt, 24)));
    CHECK_FALSE(sameBytes(std::span(blob).subspan(kCiphertextAt, kSecretBytes + 16), std::span(other).subspan(kCiphertextAt, kSecretBytes + 16)));

    // Different salts give different login secrets: a replaced backup needs a new verifier.
    const BackupSecrets a = secretsOrFail(blob);
    const BackupSecrets b = secretsOrFail(other);
    CHECK_FALSE(sameBytes(a.loginSecret.span(), b.loginSecret.span()));
    CHECK_FALSE(sameBytes(a.encryptionKey.span(), b.encryptionKey.span()));

    auto restored = restoreBackup(other, kPassphrase);
    REQUIRE(restored.ok());
    CHECK(restored->identity.publicIdentity() == identity.publicIdentity());
}

TEST_CASE_METHOD(KatBackup, "A wrong passphrase is told apart from damage", "[access][crypto]")
{
    CHECK(restoreCode(blob, "correct horse battery stapler") == "backup.wrong_passphrase");
    CHECK(restoreCode(blob, "Correct horse battery staple") == "backup.wrong_passphrase");
    CHECK(restoreCode(blob, "") == "backup.wrong_passphrase"); // never refused for its length when restoring
    auto r = restoreBackup(blob, "correct horse battery stapler");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("horse") == std::string::npos);

    Bytes damaged = blob;
    damaged[kCiphertextAt + 5] ^= 0x01;
    CHECK(restoreCode(damaged) == "backup.corrupt");
    CHECK(restoreCode(damaged, "correct horse battery stapler") == "backup.corrupt");
}

TEST_CASE_METHOD(KatBackup, "A flipped byte anywhere is refused, never restored", "[access][crypto]")
{
    const std::size_t checksumAt = blob.size() - 32;
    struct Region {
        const char *name;
        std::size_t at;
    };
    const std::vector<Region> regions = {Region{"magic", 0},
                                         Region{"version", kVersionAt},
                                         Region{"kdf id", kKdfAt},
                                         Region{"aead id", kAeadAt},
                                         Region{"opslimit", kOpsAt},
                                         Region{"memlimit", kMemAt},
                                         Region{"salt", kSaltAt},
                                         Region{"person id", kPersonAt},
                                         Region{"nonce", kNonceAt},
                                         Region{"length", kLenAt},
                                         Region{"ciphertext", kCiphertextAt},
                                         Region{"checksum", checksumAt},
                                         Region{"last byte", blob.size() - 1}};
    for (const Region region : regions) {
        INFO("region " << region.name);
        Bytes tampered = blob;
        tampered[region.at] ^= 0x01;
        CHECK(restoreCode(tampered) == "backup.corrupt");
    }
    // Every position and every bit: the checksum refuses each before any KDF work.
    for (std::size_t pos = 0; pos < blob.size(); ++pos) {
        for (int bit = 0; bit < 8; ++bit) {
            Bytes tampered = blob;
            tampered[pos] ^= static_cast<std::uint8_t>(1u << bit);
            const std::string code = restoreCode(tampered);
            if (code != "backup.corrupt") FAIL_CHECK("flip of bit " << bit << " at byte " << pos << " gave " << code);
        }
    }
    // With the checksum recomputed (someone doctoring the blob on purpose), a flip in any region before the
    // checksum is still never a success: the header is the AEAD's associated data and the ciphertext is
    // authenticated. (One byte per region: an in-range flip costs an Argon2id run.)
    for (const Region region : regions) {
        if (region.at >= checksumAt) continue;
        INFO("region " << region.name);
        Bytes tampered = blob;
        tampered[region.at] ^= 0x01;
        fixChecksum(tampered);
        const std::string code = restoreCode(tampered);
        CHECK((code == "backup.corrupt" || code == "backup.wrong_passphrase" || code == "backup.unsupported"));
    }
}

TEST_CASE_METHOD(KatBackup, "Truncated or extended backups are corruption", "[access][crypto]")
{
    for (std::size_t len = 0; len < blob.size(); ++len) {
        const Bytes cut(blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(len));
        const std::string code = restoreCode(cut);
        if (code != "backup.corrupt") FAIL_CHECK("truncation to " << len << " gave " << code);
        if (len < kBackupHeaderBytes && codeOf(parseBackupHeader(cut)) != "backup.corrupt")
            FAIL_CHECK("header truncated to " << len << " gave " << codeOf(parseBackupHeader(cut)));
    }
    Bytes longer = blob;
    longer.push_back(0);
    CHECK(restoreCode(longer) == "backup.corrupt");
    // A byte added after the ciphertext with the checksum recomputed: the length field no longer matches.
    Bytes padded = blob;
    padded.insert(padded.end() - 32, 0);
    fixChecksum(padded);
    CHECK(restoreCode(padded) == "backup.corrupt");
}

TEST_CASE_METHOD(KatBackup, "Doctored headers are refused before the KDF runs", "[access][crypto]")
{
    struct Params {
        std::uint64_t ops;
        std::uint64_t mem;
    };
    const std::uint64_t okOps = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
    const std::uint64_t okMem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
    for (const Params p :
         {Params{okOps, std::uint64_t{1} << 62}, Params{okOps, ~std::uint64_t{0}}, Params{okOps, crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE + 1},
          Params{okOps, okMem - 1}, Params{okOps, crypto_pwhash_argon2id_MEMLIMIT_MIN}, Params{okOps, 0}, Params{1000000, okMem},
          Params{crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE + 1, okMem}, Params{okOps - 1, okMem}, Params{0, okMem}}) {
        INFO("opslimit " << p.ops << " memlimit " << p.mem);
        const Bytes doctored = withField(withField(blob, kOpsAt, p.ops, 8), kMemAt, p.mem, 8);
        const auto start = std::chrono::steady_clock::now();
        CHECK(restoreCode(doctored) == "backup.corrupt");
        CHECK(codeOf(parseBackupHeader(doctored)) == "backup.corrupt");
        // A header struct filled in by hand is checked too (a new device may build one from a server response).
        BackupHeader h;
        h.opslimit = p.ops;
        h.memlimit = p.mem;
        CHECK(codeOf(deriveBackupSecrets(kPassphrase, h)) == "backup.corrupt");
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1000));
    }

    // Length fields that disagree with the blob, checksum fixed up.
    for (const std::uint64_t len :
         {std::uint64_t{0}, std::uint64_t{16}, getLe(blob, kLenAt, 4) - 1, getLe(blob, kLenAt, 4) + 1, std::uint64_t{0xFFFFFFFF}}) {
        INFO("length " << len);
        CHECK(restoreCode(withField(blob, kLenAt, len, 4)) == "backup.corrupt");
    }

    // In-range changes (checksum fixed up) are bound by the AEAD: salt, limits or person id moved under another
    // person's backup do not open.
    CHECK(restoreCode(withField(blob, kOpsAt, getLe(blob, kOpsAt, 8) + 1, 8)) == "backup.wrong_passphrase");
    Bytes otherPerson = blob;
    const RecordId someoneElse = RecordId::generate();
    std::copy(someoneElse.bytes.begin(), someoneElse.bytes.end(), otherPerson.begin() + kPersonAt);
    fixChecksum(otherPerson);
    CHECK(restoreCode(otherPerson) == "backup.wrong_passphrase");
}

TEST_CASE_METHOD(KatBackup, "Unknown versions and algorithms are unsupported", "[access][crypto]")
{
    for (const std::size_t at : {kVersionAt, kKdfAt, kAeadAt}) {
        INFO("byte " << at);
        const Bytes v = withField(blob, at, 2, 1);
        CHECK(restoreCode(v) == "backup.unsupported");
        CHECK(codeOf(parseBackupHeader(v)) == "backup.unsupported");
    }
    // A newer version may have any layout after its version byte.
    Bytes tiny(blob.begin(), blob.begin() + 9);
    tiny[kVersionAt] = 2;
    CHECK(codeOf(parseBackupHeader(tiny)) == "backup.unsupported");
    tiny.resize(tiny.size() + 32);
    fixChecksum(tiny);
    CHECK(restoreCode(tiny) == "backup.unsupported");

    BackupHeader future = *parseBackupHeader(blob);
    future.version = 2;
    CHECK(codeOf(deriveBackupSecrets(kPassphrase, future)) == "backup.unsupported");
}

TEST_CASE("Short passphrases are refused when creating a backup", "[access][crypto]")
{
    const Identity id = katIdentity();
    for (const std::string_view weak :
         {std::string_view(""), std::string_view("1234567"), std::string_view("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9")}) {
        CHECK(codeOf(createBackup(id, katPerson(), weak, BackupStrength::Interactive)) == "backup.weak_passphrase");
    }
    // Eight characters (here eight two-byte characters) are enough.
    const std::string_view eight = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
    const Bytes blob = backupOrFail(id, katPerson(), eight);
    CHECK(restoreBackup(blob, eight).ok());
}

TEST_CASE("The committed v1 backup restores to the expected keys", "[access][crypto][kat]")
{
    const Bytes kat = test::readHexFixture("access/kat_backup_v1.hex");
    REQUIRE(kat.size() == kBlobBytes);
    auto header = parseBackupHeader(kat);
    REQUIRE(header.ok());
    CHECK(header->personId.toString() == kKatPerson);
    CHECK(header->opslimit == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
    CHECK(header->memlimit == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);

    auto restored = restoreBackup(kat, kPassphrase);
    REQUIRE(restored.ok());
    CHECK(restored->personId.toString() == kKatPerson);
    CHECK(toHex(restored->identity.publicIdentity().signPublicKey) == kKatSignPk);
    CHECK(toHex(restored->identity.publicIdentity().boxPublicKey) == kKatBoxPk);
    CHECK(restoreCode(kat, "correct horse battery stable") == "backup.wrong_passphrase");

    // The login secret and verifier are pinned too: a verifier the case store holds stays valid across versions.
    const BackupSecrets secrets = secretsOrFail(kat);
    CHECK(opensWith(kat, secrets.encryptionKey.span()));
    CHECK(toHex(secrets.loginSecret.span()) == kKatLoginSecret);
    CHECK(toHex(loginVerifier(secrets.loginSecret.span())) == kKatVerifier);
    CHECK(checkLogin(fromHex(kKatVerifier), secrets.loginSecret.span()));
}
