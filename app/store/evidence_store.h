// Photos and audio memos attached to notes, stored only encrypted (docs/security.md "Evidence media").
//
// An attachment is one sealed evidence record (RecordType::Evidence, core/evidence.h) holding the media stream's
// key, header and plaintext hash, plus the medium itself as crypto_secretstream chunks in media_chunks
// (crypto/media_stream.h). Record, outbox entry and chunks are written in one durable transaction: after a crash
// there is either the whole attachment or nothing.
//
// Only case_id and observation_id are plaintext index columns, so the evidence of a note is found by opening the
// evidence records of the note's observation and keeping those that name the note.
#pragma once

#include "evidence.h"
#include "local_store.h"
#include "triad/platform/capture.h"

#include <QByteArray>

#include <string>
#include <string_view>
#include <vector>

namespace triad::store {

inline constexpr std::int64_t kMaxEvidenceBytes = 64 * 1024 * 1024;

// image/jpeg, image/png (photos); audio/wav, audio/x-wav, audio/mp4, audio/ogg, audio/webm (audio memos).
bool isAcceptedMediaType(EvidenceKind kind, std::string_view mimeType);

struct EvidenceVerifyReport {
    std::int64_t evidenceChecked = 0; // evidence records found
    std::int64_t mediaVerified = 0;   // ... whose record opened and whose media decrypted and matched its hash
    std::int64_t chunksChecked = 0;
    std::int64_t mediaAwaited = 0; // evidence received by sync whose medium has not arrived (or was set aside): no chunk
    std::vector<std::string> problems; // one sentence each, naming the evidence id
    bool ok() const { return problems.empty(); }
};

class EvidenceStore {
public:
    explicit EvidenceStore(LocalStore &store) : m_store(store) {}

    // Encrypts and stores `media` as evidence for the note. Errors: "note.unknown", "input.empty",
    // "input.too_large" (over kMaxEvidenceBytes), "input.unsupported_type" (mime type not accepted, or not matching
    // the kind), and the store's write errors. Nothing is written on error.
    Result<Evidence> attach(const RecordId &noteId, const platform::CapturedMedia &media);

    // Oldest first. forNote(): "note.unknown" if there is no such note.
    Result<std::vector<Evidence>> forNote(const RecordId &noteId);
    Result<std::vector<Evidence>> forObservation(const RecordId &observationId);
    // One evidence record ("evidence.unknown").
    Result<Evidence> evidence(const RecordId &evidenceId);

    // The decrypted medium, every chunk authenticated in order and the whole checked against the recorded hash:
    // "evidence.unknown", "media.damaged", "media.truncated".
    Result<QByteArray> readMedia(const RecordId &evidenceId);
    Result<QByteArray> readMedia(const Evidence &evidence);

    // --- media sync (docs/protocol.md "Evidence media") ----------------------------------------------------------
    // Part `index` of the evidence's encrypted stream as it travels: stream chunks 4·index … 4·index+3 concatenated
    // ("media.missing" if this device does not hold them).
    Result<QByteArray> part(const Evidence &evidence, std::int64_t index);
    // The byte length part `index` of this evidence has (every chunk's size follows from the plaintext size).
    static std::int64_t partSize(const Evidence &evidence, std::int64_t index);
    // Whether this device holds the evidence's medium.
    Result<bool> hasMedia(const RecordId &evidenceId);
    // Every part of the evidence staged in media_incoming (each checked against its signed name when it arrived) is
    // cut back into stream chunks, the whole stream is authenticated and checked against the signed plaintext hash,
    // and only then written to media_chunks, the staged parts removed, in one transaction. On failure nothing is
    // written ("media.damaged", "media.truncated") and the staged parts stay.
    Status installStagedMedia(const Evidence &evidence);

    // Opens every evidence record, checks its index columns, decrypts and hashes every stream, and looks for
    // chunks that belong to no evidence record.
    EvidenceVerifyReport verify();

private:
    // Decrypts the stream of `e` into `out` (sized e.byteSize) or, when out is null, into a scratch buffer only to
    // check it.
    Status decryptStream(const Evidence &e, QByteArray *out, std::int64_t *chunks = nullptr);
    Result<std::vector<Evidence>> query(const std::string &sql, const std::vector<RecordId> &bind);

    LocalStore &m_store;
};

} // namespace triad::store
