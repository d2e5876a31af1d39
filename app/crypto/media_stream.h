// Evidence media (photos, audio memos) encrypted as a libsodium crypto_secretstream_xchacha20poly1305 stream:
// 64 KiB plaintext chunks, each one a stream message (+17 bytes: tag byte and MAC), the last one carrying
// TAG_FINAL. An empty medium is one empty final chunk. The stream key and header live in the sealed evidence
// record (core/evidence.h), the chunks in the media_chunks table (docs/security.md "Evidence media").
//
// Decryption checks every chunk's MAC, their order (the stream's nonce advances with each message, so a swapped,
// repeated or missing chunk fails) and that the stream ended with TAG_FINAL:
//   "media.damaged"   a chunk fails to authenticate, is out of order or too big, or comes after the final one;
//   "media.truncated" the chunks ran out before the final one.
// The API is incremental (MediaEncryptor / MediaDecryptor / MediaHasher), so a caller can encrypt straight into
// database rows and decrypt straight into the output buffer without a second copy of the medium in memory.
#pragma once

#include "identity.h"
#include "result.h"
#include "secure_buffer.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace triad::crypto {

inline constexpr std::size_t kMediaChunkBytes = 64 * 1024; // plaintext bytes per chunk (the last may be shorter)
inline constexpr std::size_t kMediaChunkOverhead = 17;     // crypto_secretstream_xchacha20poly1305_ABYTES
inline constexpr std::size_t kMediaHeaderBytes = 24;       // crypto_secretstream_xchacha20poly1305_HEADERBYTES
inline constexpr std::size_t kMediaHashBytes = 32;         // BLAKE2b-256
using MediaHeader = std::array<std::uint8_t, kMediaHeaderBytes>;
using MediaHash = std::array<std::uint8_t, kMediaHashBytes>;

// Chunks a medium of `plaintextBytes` is cut into: ceil(n / 64 KiB), and 1 for an empty medium.
std::size_t mediaChunkCount(std::size_t plaintextBytes);

// A fresh random stream key (crypto_secretstream_xchacha20poly1305_keygen).
void generateMediaKey(ContentKey &key);

class MediaEncryptor {
public:
    // Starts a stream under `key`. `associatedData` (e.g. the evidence id) is bound into every chunk.
    explicit MediaEncryptor(const ContentKey &key, std::span<const std::uint8_t> associatedData = {});
    ~MediaEncryptor();
    MediaEncryptor(const MediaEncryptor &) = delete;
    MediaEncryptor &operator=(const MediaEncryptor &) = delete;

    const MediaHeader &header() const { return m_header; }
    // A second encryptor in exactly this one's state: it produces the same chunks from the same plaintext. The
    // evidence store encrypts a medium twice, once to name its parts (they are signed in the evidence record, which
    // is sealed before the chunks are written) and once into the database, so the ciphertext is never held whole.
    std::unique_ptr<MediaEncryptor> fork() const;
    // Encrypts the next chunk (at most kMediaChunkBytes); `last` marks the final one. Refuses ("media.misuse") a
    // chunk that is too big or anything after the final chunk.
    Result<Bytes> push(std::span<const std::uint8_t> chunk, bool last);
    bool finished() const { return m_finished; }

private:
    MediaEncryptor() = default;
    struct State;
    std::unique_ptr<State> m_s; // libsodium state, wiped on destruction
    MediaHeader m_header{};
    std::vector<std::uint8_t> m_ad;
    bool m_finished = false;
};

class MediaDecryptor {
public:
    MediaDecryptor(const ContentKey &key, const MediaHeader &header, std::span<const std::uint8_t> associatedData = {});
    ~MediaDecryptor();
    MediaDecryptor(const MediaDecryptor &) = delete;
    MediaDecryptor &operator=(const MediaDecryptor &) = delete;

    // Plaintext size of an encrypted chunk (0 if the chunk is too short to be one).
    static std::size_t plaintextSize(std::span<const std::uint8_t> chunk);
    // Decrypts and authenticates the next chunk into `out` (at least plaintextSize(chunk) bytes; a chunk that does
    // not fit is "media.damaged"). Returns the number of bytes written. On error the decryptor stays failed.
    Result<std::size_t> pull(std::span<const std::uint8_t> chunk, std::span<std::uint8_t> out);
    // After the last chunk: ok only if the final chunk was seen ("media.truncated" otherwise).
    Status finish() const;
    bool finished() const { return m_finished; }

private:
    struct State;
    std::unique_ptr<State> m_s;
    std::vector<std::uint8_t> m_ad;
    bool m_finished = false;
    bool m_failed = false;
};

// Unkeyed BLAKE2b-256, incrementally (the plaintext hash kept in the evidence record).
class MediaHasher {
public:
    MediaHasher();
    ~MediaHasher();
    MediaHasher(const MediaHasher &) = delete;
    MediaHasher &operator=(const MediaHasher &) = delete;
    void update(std::span<const std::uint8_t> bytes);
    MediaHash final();

private:
    struct State;
    std::unique_ptr<State> m_s;
};

MediaHash mediaHash(std::span<const std::uint8_t> bytes);
// The name of a part of an encrypted stream as it travels through the case store (docs/protocol.md "Evidence
// media"): unkeyed BLAKE2b-256 of its bytes, so the case store can check that a part is what it is named.
inline MediaHash mediaPartName(std::span<const std::uint8_t> part) { return mediaHash(part); }
// Constant-time comparison.
bool sameMediaHash(const MediaHash &a, const MediaHash &b);

// Whole-medium convenience (tests, small media): every chunk in memory.
struct EncryptedMedia {
    MediaHeader header{};
    std::vector<Bytes> chunks;
};
Result<EncryptedMedia> encryptMedia(const ContentKey &key, std::span<const std::uint8_t> plaintext,
                                    std::span<const std::uint8_t> associatedData = {});
Result<PlainBytes> decryptMedia(const ContentKey &key, const MediaHeader &header, const std::vector<Bytes> &chunks,
                                std::span<const std::uint8_t> associatedData = {});

} // namespace triad::crypto
