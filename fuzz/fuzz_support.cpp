#include "fuzz_support.h"

#include <sodium.h>

#include <array>
#include <cstring>

namespace triad::fuzz {

namespace {

// --- deterministic libsodium RNG (fuzz binaries only) --------------------------------------------------------------
std::uint64_t g_draws = 0;

void deterministicBuf(void *out, std::size_t size)
{
    // Each draw is its own ChaCha20 stream, keyed by a fixed seed with the draw counter mixed in.
    std::array<unsigned char, randombytes_SEEDBYTES> seed{};
    std::memcpy(seed.data(), "triad fuzz deterministic rng", 28);
    for (std::size_t i = 0; i < 8; ++i) seed[24 + i] ^= static_cast<unsigned char>(g_draws >> (8 * i));
    ++g_draws;
    randombytes_buf_deterministic(out, size, seed.data());
}

const char *deterministicName() { return "triad-fuzz-deterministic"; }
std::uint32_t deterministicRandom()
{
    std::uint32_t v = 0;
    deterministicBuf(&v, sizeof v);
    return v;
}
void deterministicStir() {}
int deterministicClose() { return 0; }

randombytes_implementation g_rng = {deterministicName, deterministicRandom, deterministicStir, nullptr, deterministicBuf, deterministicClose};

std::array<std::uint8_t, 32> seedOf(std::uint8_t b)
{
    std::array<std::uint8_t, 32> s{};
    s.fill(b);
    return s;
}

} // namespace

void setUp()
{
    static const bool done = [] {
        if (randombytes_set_implementation(&g_rng) != 0 || !crypto::initialize()) {
            std::fprintf(stderr, "fuzz: libsodium could not be initialised\n");
            std::abort();
        }
        return true;
    }();
    (void)done;
    resetRandom();
}

void resetRandom() { g_draws = 0; }

const crypto::Identity &author()
{
    static const crypto::Identity id = crypto::Identity::fromSeed(seedOf(0xA1));
    return id;
}

const crypto::Identity &reader()
{
    static const crypto::Identity id = crypto::Identity::fromSeed(seedOf(0xB2));
    return id;
}

const crypto::Identity &stranger()
{
    static const crypto::Identity id = crypto::Identity::fromSeed(seedOf(0xC3));
    return id;
}

const crypto::Identity &districtRoot()
{
    static const crypto::Identity id = crypto::Identity::fromSeed(seedOf(0xD4));
    return id;
}

std::optional<crypto::PublicIdentity> lookupAuthor(const crypto::KeyId &id)
{
    for (const crypto::Identity *p : {&author(), &stranger()})
        if (p->publicIdentity().signKeyId() == id) return p->publicIdentity();
    return std::nullopt;
}

platform::UnlockCredential keyfileCredential() { return platform::UnlockCredential::fromPassphrase(kKeyfilePassphrase); }

namespace {
constexpr std::size_t kChecksumBytes = 32;
constexpr std::size_t kOpsAt = 8 + 3; // after magic, version, kdf id, aead id
constexpr std::size_t kMemAt = kOpsAt + 8;

std::uint64_t le64(const std::uint8_t *p)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    return v;
}
} // namespace

std::vector<std::uint8_t> checksummedBlob(const std::uint8_t *data, std::size_t size)
{
    if (size == 0) return {};
    std::vector<std::uint8_t> blob(data + 1, data + size);
    if (data[0] & 1) {
        if (blob.size() < kChecksumBytes) blob.resize(blob.size() + kChecksumBytes);
        const std::size_t sumAt = blob.size() - kChecksumBytes;
        crypto_generichash(blob.data() + sumAt, kChecksumBytes, blob.data(), sumAt, nullptr, 0);
    }
    return blob;
}

bool checksumValid(std::span<const std::uint8_t> blob)
{
    if (blob.size() < kChecksumBytes) return false;
    std::uint8_t sum[kChecksumBytes];
    crypto_generichash(sum, sizeof sum, blob.data(), blob.size() - kChecksumBytes, nullptr, 0);
    return std::memcmp(sum, blob.data() + blob.size() - kChecksumBytes, kChecksumBytes) == 0;
}

bool kdfAboveInteractive(std::span<const std::uint8_t> blob)
{
    return checksumValid(blob) && blob.size() >= kMemAt + 8
           && (le64(blob.data() + kOpsAt) > crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE
               || le64(blob.data() + kMemAt) > crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
}

const crypto::ContentKey &mediaKey()
{
    static const crypto::ContentKey key = [] {
        crypto::ContentKey k;
        std::memset(k.data(), 0x5A, k.size());
        return k;
    }();
    return key;
}

const crypto::MediaHeader &mediaHeader()
{
    static const crypto::MediaHeader header = [] {
        resetRandom();
        const crypto::MediaEncryptor enc(mediaKey());
        return enc.header();
    }();
    return header;
}

} // namespace triad::fuzz
