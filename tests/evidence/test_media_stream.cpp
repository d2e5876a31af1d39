#include "evidence_test_support.h"

#include "media_stream.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace triad;
using namespace triad::crypto;

namespace {
void randomKey(ContentKey &key) { generateMediaKey(key); }
const std::array<std::uint8_t, 4> kAd{'e', 'v', 'i', 'd'};
} // namespace

TEST_CASE("Media streams round-trip at chunk-boundary sizes", "[evidence][crypto]")
{
    const std::size_t k = kMediaChunkBytes;
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, k - 1, k, k + 1, 3 * 1024 * 1024 + std::size_t{0}}) {
        CAPTURE(size);
        ContentKey key;
        randomKey(key);
        const auto plain = test::patternBytes(size, static_cast<std::uint32_t>(size));
        auto enc = encryptMedia(key, plain, kAd);
        REQUIRE(enc.ok());
        REQUIRE(enc->chunks.size() == mediaChunkCount(size));
        REQUIRE(enc->chunks.size() == std::max<std::size_t>(1, (size + k - 1) / k));
        for (std::size_t i = 0; i + 1 < enc->chunks.size(); ++i) REQUIRE(enc->chunks[i].size() == k + kMediaChunkOverhead);
        auto dec = decryptMedia(key, enc->header, enc->chunks, kAd);
        REQUIRE(dec.ok());
        REQUIRE(dec->size() == size);
        REQUIRE(std::equal(plain.begin(), plain.end(), dec->data()));
        // The plaintext is nowhere in the ciphertext.
        if (size >= 64)
            for (const auto &c : enc->chunks) REQUIRE(std::search(c.begin(), c.end(), plain.begin(), plain.begin() + 64) == c.end());
    }
}

TEST_CASE("Every flipped bit of a media stream is refused as damaged", "[evidence][crypto]")
{
    ContentKey key;
    randomKey(key);
    const auto plain = test::patternBytes(2 * kMediaChunkBytes + 100, 7);
    auto enc = encryptMedia(key, plain);
    REQUIRE(enc.ok());
    REQUIRE(enc->chunks.size() == 3);
    for (std::size_t c = 0; c < enc->chunks.size(); ++c) {
        // Positions: the tag byte, the start and end of the ciphertext, the MAC.
        const std::size_t n = enc->chunks[c].size();
        for (std::size_t pos : {std::size_t{0}, std::size_t{1}, n / 2, n - 17, n - 1}) {
            CAPTURE(c, pos);
            auto chunks = enc->chunks;
            chunks[c][pos] ^= 0x01;
            auto dec = decryptMedia(key, enc->header, chunks);
            REQUIRE_FALSE(dec.ok());
            REQUIRE(dec.error().code == "media.damaged");
        }
    }
    // A flipped header, a wrong key and a different associated data fail too.
    auto header = enc->header;
    header[3] ^= 0x80;
    REQUIRE(decryptMedia(key, header, enc->chunks).error().code == "media.damaged");
    ContentKey other;
    randomKey(other);
    REQUIRE(decryptMedia(other, enc->header, enc->chunks).error().code == "media.damaged");
    REQUIRE(decryptMedia(key, enc->header, enc->chunks, kAd).error().code == "media.damaged");
}

TEST_CASE("Reordered, dropped, repeated or appended media chunks are refused", "[evidence][crypto]")
{
    ContentKey key;
    randomKey(key);
    const auto plain = test::patternBytes(3 * kMediaChunkBytes + 5, 9);
    auto enc = encryptMedia(key, plain);
    REQUIRE(enc.ok());
    REQUIRE(enc->chunks.size() == 4);

    SECTION("reorder")
    {
        auto chunks = enc->chunks;
        std::swap(chunks[1], chunks[2]);
        REQUIRE(decryptMedia(key, enc->header, chunks).error().code == "media.damaged");
    }
    SECTION("final chunk moved earlier")
    {
        auto chunks = enc->chunks;
        std::swap(chunks[2], chunks[3]);
        REQUIRE(decryptMedia(key, enc->header, chunks).error().code == "media.damaged");
    }
    SECTION("truncation: the final chunk dropped")
    {
        auto chunks = enc->chunks;
        chunks.pop_back();
        auto dec = decryptMedia(key, enc->header, chunks);
        REQUIRE_FALSE(dec.ok());
        REQUIRE(dec.error().code == "media.truncated");
    }
    SECTION("no chunks at all") { REQUIRE(decryptMedia(key, enc->header, {}).error().code == "media.truncated"); }
    SECTION("a middle chunk dropped")
    {
        auto chunks = enc->chunks;
        chunks.erase(chunks.begin() + 1);
        REQUIRE(decryptMedia(key, enc->header, chunks).error().code == "media.damaged");
    }
    SECTION("a chunk repeated")
    {
        auto chunks = enc->chunks;
        chunks.insert(chunks.begin() + 1, chunks[0]);
        REQUIRE(decryptMedia(key, enc->header, chunks).error().code == "media.damaged");
    }
    SECTION("data after the final chunk")
    {
        auto chunks = enc->chunks;
        chunks.push_back(chunks.back());
        REQUIRE(decryptMedia(key, enc->header, chunks).error().code == "media.damaged");
    }
    SECTION("a chunk cut short")
    {
        auto chunks = enc->chunks;
        chunks[0].resize(10);
        REQUIRE(decryptMedia(key, enc->header, chunks).error().code == "media.damaged");
    }
}

TEST_CASE("The incremental media API refuses misuse and decrypts into a caller's buffer", "[evidence][crypto]")
{
    ContentKey key;
    randomKey(key);
    MediaEncryptor enc(key);
    const auto plain = test::patternBytes(kMediaChunkBytes + 10, 3);
    REQUIRE(enc.push(std::span(plain).first(100), false).error().code == "media.misuse"); // short non-final chunk
    auto c1 = enc.push(std::span(plain).first(kMediaChunkBytes), false);
    REQUIRE(c1.ok());
    auto c2 = enc.push(std::span(plain).subspan(kMediaChunkBytes), true);
    REQUIRE(c2.ok());
    REQUIRE(enc.finished());
    REQUIRE(enc.push({}, true).error().code == "media.misuse");

    MediaDecryptor dec(key, enc.header());
    std::vector<std::uint8_t> out(plain.size());
    auto n1 = dec.pull(*c1, out);
    REQUIRE(n1.ok());
    REQUIRE(dec.finish().error().code == "media.truncated"); // not yet at the end
    // Too small a target is refused, not overrun.
    std::vector<std::uint8_t> tiny(4);
    MediaDecryptor small(key, enc.header());
    REQUIRE(small.pull(*c1, tiny).error().code == "media.damaged");
    auto n2 = dec.pull(*c2, std::span(out).subspan(*n1));
    REQUIRE(n2.ok());
    REQUIRE(*n1 + *n2 == plain.size());
    REQUIRE(dec.finish().ok());
    REQUIRE(out == plain);

    MediaHasher h;
    h.update(std::span(plain).first(5));
    h.update(std::span(plain).subspan(5));
    REQUIRE(sameMediaHash(h.final(), mediaHash(plain)));
    REQUIRE_FALSE(sameMediaHash(mediaHash(std::span(plain).first(5)), mediaHash(plain)));
}
