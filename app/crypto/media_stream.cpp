#include "media_stream.h"
#include "error_codes.h"

#include <sodium.h>

#include <cstring>

namespace triad::crypto {

static_assert(kMediaChunkOverhead == crypto_secretstream_xchacha20poly1305_ABYTES);
static_assert(kMediaHeaderBytes == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(ContentKey::kSize == crypto_secretstream_xchacha20poly1305_KEYBYTES);

namespace {

Error damaged(const char *what) { return makeError(errc::media::kDamaged, std::string("The encrypted media is damaged: ") + what + "."); }

const unsigned char *adPointer(const std::vector<std::uint8_t> &ad) { return ad.empty() ? nullptr : ad.data(); }

} // namespace

struct MediaEncryptor::State {
    crypto_secretstream_xchacha20poly1305_state s;
    ~State() { sodium_memzero(&s, sizeof s); }
};
struct MediaDecryptor::State {
    crypto_secretstream_xchacha20poly1305_state s;
    ~State() { sodium_memzero(&s, sizeof s); }
};
struct MediaHasher::State {
    crypto_generichash_state s;
    ~State() { sodium_memzero(&s, sizeof s); }
};

std::size_t mediaChunkCount(std::size_t plaintextBytes)
{
    return plaintextBytes == 0 ? 1 : (plaintextBytes + kMediaChunkBytes - 1) / kMediaChunkBytes;
}

void generateMediaKey(ContentKey &key)
{
    initialize();
    crypto_secretstream_xchacha20poly1305_keygen(key.data());
}

// --- encryption ---------------------------------------------------------------------------------------------------

MediaEncryptor::MediaEncryptor(const ContentKey &key, std::span<const std::uint8_t> associatedData)
    : m_s(std::make_unique<State>()),
      m_ad(associatedData.begin(), associatedData.end())
{
    initialize();
    crypto_secretstream_xchacha20poly1305_init_push(&m_s->s, m_header.data(), key.data());
}

MediaEncryptor::~MediaEncryptor() = default;

std::unique_ptr<MediaEncryptor> MediaEncryptor::fork() const
{
    // The secretstream state is a plain struct (key, nonce, padding): a copy continues the stream identically.
    std::unique_ptr<MediaEncryptor> copy(new MediaEncryptor());
    copy->m_s = std::make_unique<State>();
    std::memcpy(&copy->m_s->s, &m_s->s, sizeof m_s->s);
    copy->m_header = m_header;
    copy->m_ad = m_ad;
    copy->m_finished = m_finished;
    return copy;
}

Result<Bytes> MediaEncryptor::push(std::span<const std::uint8_t> chunk, bool last)
{
    if (m_finished) return makeError(errc::media::kMisuse, "The media stream was already finished.");
    if (chunk.size() > kMediaChunkBytes || (!last && chunk.size() != kMediaChunkBytes))
        return makeError(errc::media::kMisuse, "Media chunks must be 64 KiB except the last one.");
    Bytes out(chunk.size() + kMediaChunkOverhead);
    unsigned long long written = 0;
    const unsigned char tag = last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    if (crypto_secretstream_xchacha20poly1305_push(&m_s->s, out.data(), &written, chunk.data(), chunk.size(), adPointer(m_ad), m_ad.size(), tag) != 0)
        return makeError(errc::media::kEncryptFailed, "The media could not be encrypted.");
    out.resize(static_cast<std::size_t>(written));
    m_finished = last;
    return out;
}

// --- decryption ---------------------------------------------------------------------------------------------------

MediaDecryptor::MediaDecryptor(const ContentKey &key, const MediaHeader &header, std::span<const std::uint8_t> associatedData)
    : m_s(std::make_unique<State>()),
      m_ad(associatedData.begin(), associatedData.end())
{
    initialize();
    if (crypto_secretstream_xchacha20poly1305_init_pull(&m_s->s, header.data(), key.data()) != 0) m_failed = true;
}

MediaDecryptor::~MediaDecryptor() = default;

std::size_t MediaDecryptor::plaintextSize(std::span<const std::uint8_t> chunk)
{
    return chunk.size() < kMediaChunkOverhead ? 0 : chunk.size() - kMediaChunkOverhead;
}

Result<std::size_t> MediaDecryptor::pull(std::span<const std::uint8_t> chunk, std::span<std::uint8_t> out)
{
    if (m_failed) return damaged("an earlier chunk failed");
    if (m_finished) {
        m_failed = true;
        return damaged("there is data after the final chunk");
    }
    const std::size_t size = plaintextSize(chunk);
    if (chunk.size() < kMediaChunkOverhead || size > kMediaChunkBytes || size > out.size()) {
        m_failed = true;
        return damaged("a chunk has an impossible size");
    }
    unsigned char empty = 0;
    unsigned char *target = size == 0 ? &empty : out.data();
    unsigned long long written = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&m_s->s, target, &written, &tag, chunk.data(), chunk.size(), adPointer(m_ad), m_ad.size()) != 0) {
        m_failed = true;
        return damaged("a chunk failed authentication or is out of order");
    }
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
        m_finished = true;
    } else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
        m_failed = true;
        return damaged("a chunk carries an unexpected tag");
    }
    return static_cast<std::size_t>(written);
}

Status MediaDecryptor::finish() const
{
    if (m_failed) return damaged("a chunk failed");
    if (!m_finished) return makeError(errc::media::kTruncated, "The encrypted media is incomplete: its final chunk is missing.");
    return {};
}

// --- hashing ------------------------------------------------------------------------------------------------------

MediaHasher::MediaHasher() : m_s(std::make_unique<State>())
{
    initialize();
    crypto_generichash_init(&m_s->s, nullptr, 0, kMediaHashBytes);
}

MediaHasher::~MediaHasher() = default;

void MediaHasher::update(std::span<const std::uint8_t> bytes)
{
    if (!bytes.empty()) crypto_generichash_update(&m_s->s, bytes.data(), bytes.size());
}

MediaHash MediaHasher::final()
{
    MediaHash h{};
    crypto_generichash_final(&m_s->s, h.data(), h.size());
    return h;
}

MediaHash mediaHash(std::span<const std::uint8_t> bytes)
{
    MediaHasher hasher;
    hasher.update(bytes);
    return hasher.final();
}

bool sameMediaHash(const MediaHash &a, const MediaHash &b) { return sodium_memcmp(a.data(), b.data(), a.size()) == 0; }

// --- whole media --------------------------------------------------------------------------------------------------

Result<EncryptedMedia> encryptMedia(const ContentKey &key, std::span<const std::uint8_t> plaintext, std::span<const std::uint8_t> associatedData)
{
    MediaEncryptor enc(key, associatedData);
    EncryptedMedia out;
    out.header = enc.header();
    const std::size_t count = mediaChunkCount(plaintext.size());
    out.chunks.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t at = i * kMediaChunkBytes;
        auto chunk = enc.push(plaintext.subspan(at, std::min(kMediaChunkBytes, plaintext.size() - at)), i + 1 == count);
        if (!chunk) return chunk.error();
        out.chunks.push_back(std::move(*chunk));
    }
    return out;
}

Result<PlainBytes> decryptMedia(const ContentKey &key, const MediaHeader &header, const std::vector<Bytes> &chunks,
                                std::span<const std::uint8_t> associatedData)
{
    std::size_t total = 0;
    for (const auto &c : chunks) total += MediaDecryptor::plaintextSize(c);
    PlainBytes out(total);
    MediaDecryptor dec(key, header, associatedData);
    std::size_t at = 0;
    for (const auto &c : chunks) {
        auto n = dec.pull(c, out.span().subspan(at));
        if (!n) return n.error();
        at += *n;
    }
    if (auto s = dec.finish(); !s) return s.error();
    return out;
}

} // namespace triad::crypto
