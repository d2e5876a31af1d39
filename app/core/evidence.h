// Evidence: a photo or an audio memo attached to an observation note.
//
// The media bytes are never in a record: they are encrypted as a crypto_secretstream (app/crypto/media_stream.h) in
// 64 KiB chunks stored in the media_chunks table. The sealed evidence record (RecordType::Evidence) carries what a
// reader needs to find, decrypt and check them: the stream key, the stream header and the BLAKE2b-256 of the
// plaintext. Core only describes these as bytes; it uses no crypto library.
#pragma once

#include "ids.h"
#include "result.h"

#include <QByteArray>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace triad {

enum class EvidenceKind {
    Photo,
    AudioMemo
};
const char *evidenceKindKey(EvidenceKind kind);   // "photo", "audio_memo" (payload encoding)
const char *evidenceKindLabel(EvidenceKind kind); // "Photo", "Audio memo"
std::optional<EvidenceKind> evidenceKindFromKey(std::string_view key);

// 32 secret bytes, wiped (volatile stores the compiler may not elide) when destroyed or moved from. Move-only, so a
// key is not copied around by accident; core has no libsodium, so this is the plain-C++ equivalent of
// crypto::ContentKey.
class WipedKey32 {
public:
    static constexpr std::size_t kSize = 32;
    WipedKey32() = default;
    WipedKey32(const WipedKey32 &) = delete;
    WipedKey32 &operator=(const WipedKey32 &) = delete;
    WipedKey32(WipedKey32 &&other) noexcept;
    WipedKey32 &operator=(WipedKey32 &&other) noexcept;
    ~WipedKey32();

    std::uint8_t *data() { return m_bytes.data(); }
    const std::uint8_t *data() const { return m_bytes.data(); }
    static constexpr std::size_t size() { return kSize; }

private:
    std::array<std::uint8_t, kSize> m_bytes{};
};

// Overwrites `size` bytes at `p` with zeros in a way the optimiser keeps.
void wipeBytes(void *p, std::size_t size);
// Wipes a byte array's contents in place (decrypted media, payloads holding keys); it keeps its size.
void wipeBytes(QByteArray &bytes);

inline constexpr std::size_t kMediaStreamHeaderBytes = 24; // crypto_secretstream_xchacha20poly1305_HEADERBYTES
inline constexpr std::size_t kMediaHashBytes = 32;         // BLAKE2b-256

struct Evidence {
    RecordId id;
    RecordId noteId;
    RecordId caseId;
    RecordId observationId;
    EvidenceKind kind = EvidenceKind::Photo;
    std::string mimeType;        // "image/png", "audio/wav", ...
    std::int64_t byteSize = 0;   // plaintext media size
    std::int64_t chunkCount = 0; // rows in media_chunks (at least 1: an empty stream still has its final chunk)
    std::int64_t durationMs = 0; // audio memos; 0 for photos
    int width = 0;               // photos; 0 for audio
    int height = 0;
    std::int64_t capturedAtMs = 0;
    // The media stream: its key (secret), its header, and the BLAKE2b-256 of the plaintext media.
    WipedKey32 streamKey;
    std::array<std::uint8_t, kMediaStreamHeaderBytes> streamHeader{};
    std::array<std::uint8_t, kMediaHashBytes> plaintextHash{};
    // The medium as it travels through the case store (docs/protocol.md "Evidence media"): the encrypted stream cut
    // into parts of kMediaChunksPerPart stream chunks, each named by the BLAKE2b-256 of its bytes, in order. Signed
    // with the record, so a case store can neither swap, reorder, drop nor alter a part without the reader seeing it.
    // Empty in evidence recorded before media sync (those media stay on the device that took them).
    std::vector<std::array<std::uint8_t, kMediaHashBytes>> parts;
};

inline constexpr std::int64_t kMediaChunksPerPart = 4; // 4 × (64 KiB + 17) = 262,212 bytes per part at most
// Parts a stream of `chunkCount` chunks travels in.
inline constexpr std::int64_t mediaPartCount(std::int64_t chunkCount) { return (chunkCount + kMediaChunksPerPart - 1) / kMediaChunksPerPart; }

// CBOR map with text keys, like the other payloads (domain.h). decodeEvidence() refuses a payload with a missing or
// mistyped field, an unknown kind, or key/header/hash of the wrong length ("payload.malformed").
QByteArray encodePayload(const Evidence &evidence);
Result<Evidence> decodeEvidence(const QByteArray &payload);

// "0:12", "12:05", "1:02:03" for a duration.
std::string formatDuration(std::int64_t durationMs);

} // namespace triad
