// fuzz_media_stream: the evidence media stream decryptor (crypto::MediaDecryptor / decryptMedia,
// app/crypto/media_stream.h) on untrusted chunks, under a fixed stream key and header (fuzz_support.h).
//
// The first input byte picks a mode:
//   even: raw chunks. Byte 1 picks the associated data (bit 0: the empty AD, else "evidence-id"); then chunks as
//         { flags u8 | length u24 LE | bytes }, length clamped to what is left; flags bit 0 gives pull() an output
//         buffer one byte too small. Every chunk goes to one MediaDecryptor; after a failure every later pull must
//         fail, and finish() is ok only if the final chunk was pulled and nothing failed.
//   odd:  encrypt-then-mutate. The rest drives encryptMedia() (a plaintext of up to three chunks, made by repeating
//         an input pattern) and then mutations of the chunk list (byte flips, drop, duplicate, swap, cut, extend,
//         other associated data). decryptMedia() must return the plaintext when nothing changed and fail otherwise.
#include "fuzz_support.h"
#include "media_stream.h"

#include <algorithm>
#include <cstring>
#include <string_view>

using namespace triad;

namespace {

constexpr std::string_view kEvidenceAd = "evidence-id";

std::span<const std::uint8_t> adBytes(std::string_view s) { return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()}; }

void rawChunks(std::span<const std::uint8_t> in)
{
    if (in.empty()) return;
    const bool emptyAd = (in[0] & 1) != 0;
    in = in.subspan(1);
    crypto::MediaDecryptor dec(fuzz::mediaKey(), fuzz::mediaHeader(), emptyAd ? std::span<const std::uint8_t>{} : adBytes(kEvidenceAd));
    bool failed = false, final = false;
    std::vector<std::uint8_t> out;
    while (in.size() >= 4) {
        const std::uint8_t flags = in[0];
        std::size_t len = in[1] | (std::size_t{in[2]} << 8) | (std::size_t{in[3]} << 16);
        in = in.subspan(4);
        len = std::min(len, in.size());
        const auto chunk = in.first(len);
        in = in.subspan(len);
        std::size_t outSize = crypto::MediaDecryptor::plaintextSize(chunk);
        const bool tooSmall = (flags & 1) && outSize > 0;
        if (tooSmall) --outSize;
        out.assign(outSize, 0);
        const auto n = dec.pull(chunk, out);
        if (n) {
            FUZZ_CHECK(!failed && !final && !tooSmall);
            FUZZ_CHECK(*n == crypto::MediaDecryptor::plaintextSize(chunk) && *n <= crypto::kMediaChunkBytes);
            final = dec.finished();
        } else {
            FUZZ_CHECK(n.error().code == "media.damaged");
            failed = true;
        }
    }
    const auto status = dec.finish();
    FUZZ_CHECK(status.ok() == (final && !failed));
}

void encryptThenMutate(FuzzedDataProvider &in)
{
    const bool emptyAd = in.ConsumeBool();
    const std::span<const std::uint8_t> ad = emptyAd ? std::span<const std::uint8_t>{} : adBytes(kEvidenceAd);
    const std::size_t length = in.ConsumeIntegralInRange<std::size_t>(0, 3 * crypto::kMediaChunkBytes);
    std::vector<std::uint8_t> pattern = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(1, 64));
    if (pattern.empty()) pattern.push_back(0);
    std::vector<std::uint8_t> plaintext(length);
    for (std::size_t i = 0; i < length; ++i) plaintext[i] = static_cast<std::uint8_t>(pattern[i % pattern.size()] + i / pattern.size());

    auto encrypted = crypto::encryptMedia(fuzz::mediaKey(), plaintext, ad);
    FUZZ_CHECK(encrypted.ok());
    FUZZ_CHECK(encrypted->header == fuzz::mediaHeader()); // the first RNG draw after resetRandom()
    FUZZ_CHECK(encrypted->chunks.size() == crypto::mediaChunkCount(length));
    const std::vector<crypto::Bytes> original = encrypted->chunks;
    std::vector<crypto::Bytes> chunks = original;
    bool otherAd = false;

    const std::size_t ops = in.ConsumeIntegralInRange<std::size_t>(0, 6);
    for (std::size_t k = 0; k < ops && in.remaining_bytes() > 0; ++k) {
        const auto op = in.ConsumeIntegralInRange<int>(0, 6);
        const std::size_t n = chunks.size();
        const std::size_t i = n ? in.ConsumeIntegralInRange<std::size_t>(0, n - 1) : 0;
        const std::size_t j = n ? in.ConsumeIntegralInRange<std::size_t>(0, n - 1) : 0;
        switch (op) {
        case 0: // flip bits in a chunk
            if (n && !chunks[i].empty()) chunks[i][in.ConsumeIntegral<std::uint32_t>() % chunks[i].size()] ^= in.ConsumeIntegral<std::uint8_t>();
            break;
        case 1: // drop a chunk
            if (n) chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        case 2: // repeat a chunk
            if (n) chunks.insert(chunks.begin() + static_cast<std::ptrdiff_t>(j), chunks[i]);
            break;
        case 3: // swap two chunks
            if (n) std::swap(chunks[i], chunks[j]);
            break;
        case 4: // cut a chunk short
            if (n) chunks[i].resize(chunks[i].size() - std::min<std::size_t>(chunks[i].size(), in.ConsumeIntegralInRange<std::size_t>(0, 40)));
            break;
        case 5: // extend a chunk
            if (n) {
                const auto extra = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, 20));
                chunks[i].insert(chunks[i].end(), extra.begin(), extra.end());
            }
            break;
        default: // decrypt under the other associated data
            otherAd = !otherAd;
            break;
        }
    }

    const std::span<const std::uint8_t> decryptAd = otherAd ? (emptyAd ? adBytes(kEvidenceAd) : std::span<const std::uint8_t>{}) : ad;
    const auto decrypted = crypto::decryptMedia(fuzz::mediaKey(), encrypted->header, chunks, decryptAd);
    if (chunks == original && !otherAd) {
        FUZZ_CHECK(decrypted.ok());
        FUZZ_CHECK(decrypted->size() == plaintext.size() && std::equal(plaintext.begin(), plaintext.end(), decrypted->data()));
    } else {
        FUZZ_CHECK(!decrypted.ok());
        FUZZ_CHECK(decrypted.error().code == "media.damaged" || decrypted.error().code == "media.truncated");
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::setUp();
    (void)fuzz::mediaKey();
    (void)fuzz::mediaHeader();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) { return fuzz::byMode(data, size, rawChunks, encryptThenMutate); }
