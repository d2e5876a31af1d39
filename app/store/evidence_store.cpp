#include "evidence_store.h"
#include "error_codes.h"

#include "media_stream.h"
#include "note_service.h"

#include <algorithm>
#include <array>
#include <optional>
#include <cstring>

namespace triad::store {

namespace {

constexpr std::array<std::string_view, 2> kPhotoTypes{"image/jpeg", "image/png"};
constexpr std::array<std::string_view, 5> kAudioTypes{"audio/wav", "audio/x-wav", "audio/mp4", "audio/ogg", "audio/webm"};

std::span<const std::uint8_t> idBytes(const RecordId &id) { return {id.bytes.data(), id.bytes.size()}; }

RecordId idFromBlob(const std::vector<std::uint8_t> &blob)
{
    RecordId id;
    if (blob.size() == id.bytes.size()) std::copy(blob.begin(), blob.end(), id.bytes.begin());
    return id;
}

std::span<std::uint8_t> writableBytes(QByteArray &b) { return {reinterpret_cast<std::uint8_t *>(b.data()), static_cast<std::size_t>(b.size())}; }

std::span<const std::uint8_t> constBytes(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()), static_cast<std::size_t>(b.size())};
}

EvidenceKind kindOf(platform::CapturedMedia::Kind kind)
{
    return kind == platform::CapturedMedia::Kind::Photo ? EvidenceKind::Photo : EvidenceKind::AudioMemo;
}

// Opens and decodes one evidence record body; the decrypted payload (it holds the stream key) is wiped.
Result<Evidence> openEvidence(LocalStore &store, const RecordId &id, std::span<const std::uint8_t> body)
{
    auto payload = store.openRecord(body, id, RecordType::Evidence);
    if (!payload) return payload.error();
    auto decoded = decodeEvidence(*payload);
    wipeBytes(*payload);
    if (!decoded) return decoded.error();
    if (decoded->id != id) return makeError(errc::record::kMismatch, "The evidence record " + id.toString() + " names another evidence id.");
    if (decoded->byteSize > kMaxEvidenceBytes
        || decoded->chunkCount != static_cast<std::int64_t>(crypto::mediaChunkCount(static_cast<std::size_t>(decoded->byteSize))))
        return makeError(errc::payload::kMalformed, "The evidence record " + id.toString() + " has an impossible size.");
    return decoded;
}

crypto::ContentKey streamKeyOf(const Evidence &e)
{
    crypto::ContentKey key;
    std::memcpy(key.data(), e.streamKey.data(), crypto::ContentKey::size());
    return key;
}

} // namespace

bool isAcceptedMediaType(EvidenceKind kind, std::string_view mimeType)
{
    const auto contains = [mimeType](const auto &list) { return std::find(list.begin(), list.end(), mimeType) != list.end(); };
    return kind == EvidenceKind::Photo ? contains(kPhotoTypes) : contains(kAudioTypes);
}

Result<Evidence> EvidenceStore::attach(const RecordId &noteId, const platform::CapturedMedia &media)
{
    const EvidenceKind kind = kindOf(media.kind);
    if (media.bytes.isEmpty())
        return makeError(errc::input::kEmpty,
                         std::string("The ") + (kind == EvidenceKind::Photo ? "photo" : "audio memo") + " is empty; nothing was attached.");
    if (media.bytes.size() > kMaxEvidenceBytes) return makeError(errc::input::kTooLarge, "The medium is larger than 64 MiB; it was not attached.");
    if (!isAcceptedMediaType(kind, media.mimeType))
        return makeError(errc::input::kUnsupportedType,
                         "Triad cannot store a " + std::string(evidenceKindLabel(kind)) + " of type '" + media.mimeType + "'.");
    auto note = NoteService(m_store).note(noteId);
    if (!note) return note.error();
    if (!*note) return makeError(errc::note::kUnknown, "There is no note " + noteId.toString() + " in this store.");

    Evidence e;
    e.noteId = noteId;
    e.caseId = (*note)->caseId;
    e.observationId = (*note)->observationId;
    e.kind = kind;
    e.mimeType = media.mimeType;
    e.byteSize = media.bytes.size();
    e.chunkCount = static_cast<std::int64_t>(crypto::mediaChunkCount(static_cast<std::size_t>(e.byteSize)));
    e.durationMs = kind == EvidenceKind::AudioMemo ? std::max(0, media.durationMs) : 0;
    e.width = kind == EvidenceKind::Photo ? std::max(0, media.width) : 0;
    e.height = kind == EvidenceKind::Photo ? std::max(0, media.height) : 0;
    // After every evidence item of the observation, as notes are: two attached within one millisecond keep the order
    // they were attached in (the list is ordered by this time), instead of falling back on their random ids.
    e.capturedAtMs = m_store.now();
    {
        auto newest = m_store.database().cached("SELECT MAX(created_at) FROM records WHERE type = " + sqlType(RecordType::Evidence) +
                                                " AND observation_id = ?");
        if (!newest) return newest.error();
        (*newest)->bind(1, idBytes(e.observationId));
        auto row = (*newest)->step();
        if (!row) return row.error();
        if (*row && !(*newest)->columnIsNull(0)) e.capturedAtMs = std::max(e.capturedAtMs, (*newest)->columnInt(0) + 1);
        (*newest)->reset();
    }
    e.id = RecordId::generateTimeOrdered(e.capturedAtMs);

    const std::span<const std::uint8_t> plain = constBytes(media.bytes);
    e.plaintextHash = crypto::mediaHash(plain);
    crypto::ContentKey key;
    crypto::generateMediaKey(key);
    std::memcpy(e.streamKey.data(), key.data(), crypto::ContentKey::size());
    crypto::MediaEncryptor encryptor(key, idBytes(e.id));
    e.streamHeader = encryptor.header();
    // The parts' names are signed in the record, which is sealed before its transaction: a first pass with a fork of
    // the encryptor (the same chunks) names them, so the ciphertext is never held whole.
    {
        const auto namer = encryptor.fork();
        const auto count = static_cast<std::size_t>(e.chunkCount);
        std::optional<crypto::MediaHasher> hasher;
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t at = i * crypto::kMediaChunkBytes;
            auto chunk = namer->push(plain.subspan(at, std::min(crypto::kMediaChunkBytes, plain.size() - at)), i + 1 == count);
            if (!chunk) return chunk.error();
            if (!hasher) hasher.emplace();
            hasher->update(*chunk);
            if ((i + 1) % static_cast<std::size_t>(kMediaChunksPerPart) == 0 || i + 1 == count) {
                e.parts.push_back(hasher->final());
                hasher.reset();
            }
        }
    }

    // The chunks are encrypted one at a time inside the record's transaction, so the medium is never in memory
    // twice.
    Database &db = m_store.database();
    const auto writeChunks = [&]() -> Status {
        const auto count = static_cast<std::size_t>(e.chunkCount);
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t at = i * crypto::kMediaChunkBytes;
            auto chunk = encryptor.push(plain.subspan(at, std::min(crypto::kMediaChunkBytes, plain.size() - at)), i + 1 == count);
            if (!chunk) return chunk.error();
            auto insert = db.cached("INSERT INTO media_chunks (evidence_id, chunk, body) VALUES (?, ?, ?)");
            if (!insert) return insert.error();
            if (auto s = (*insert)->bind(1, idBytes(e.id)).bind(2, static_cast<std::int64_t>(i)).bind(3, *chunk).run(); !s) return s;
        }
        // The medium goes to the case store after its record (SyncEngine).
        auto queue = db.cached("INSERT INTO media_outbox (evidence_id, enqueued_at) VALUES (?, ?)");
        if (!queue) return queue.error();
        return (*queue)->bind(1, idBytes(e.id)).bind(2, e.capturedAtMs).run();
    };
    if (auto s = m_store.writeRecord(RecordType::Evidence, e.id, e.caseId, e.observationId, e.capturedAtMs, encodePayload(e), writeChunks); !s)
        return s.error();
    return e;
}

Result<std::vector<Evidence>> EvidenceStore::query(const std::string &sql, const std::vector<RecordId> &bind)
{
    auto st = m_store.database().cached(sql);
    if (!st) return st.error();
    for (std::size_t i = 0; i < bind.size(); ++i) (*st)->bind(static_cast<int>(i + 1), idBytes(bind[i]));
    std::vector<Evidence> out;
    std::map<RecordId, std::optional<ParCase>> cases;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        const auto body = (*st)->columnBlob(1);
        auto e = openEvidence(m_store, idFromBlob((*st)->columnBlob(0)), body);
        if (!e) return e.error();
        // Evidence is the case's mentor's (the rules judge its signer in the case its signed payload names).
        auto c = cases.find(e->caseId);
        if (c == cases.end()) c = cases.emplace(e->caseId, m_store.caseForJudging(e->caseId)).first;
        if (!c->second || !m_store.judgeRecord(rules::RecordKind::Evidence, body, &*c->second, {})) continue;
        out.push_back(std::move(*e));
    }
    return out;
}

Result<std::vector<Evidence>> EvidenceStore::forObservation(const RecordId &observationId)
{
    return query("SELECT id, body FROM records WHERE type = " + sqlType(RecordType::Evidence) + " AND observation_id = ? ORDER BY created_at, id",
                 {observationId});
}

Result<std::vector<Evidence>> EvidenceStore::forNote(const RecordId &noteId)
{
    auto note = NoteService(m_store).note(noteId);
    if (!note) return note.error();
    if (!*note) return makeError(errc::note::kUnknown, "There is no note " + noteId.toString() + " in this store.");
    auto all = forObservation((*note)->observationId);
    if (!all) return all.error();
    std::vector<Evidence> out;
    for (auto &e : *all)
        if (e.noteId == noteId) out.push_back(std::move(e));
    return out;
}

Result<Evidence> EvidenceStore::evidence(const RecordId &evidenceId)
{
    auto list = query("SELECT id, body FROM records WHERE type = " + sqlType(RecordType::Evidence) + " AND id = ?", {evidenceId});
    if (!list) return list.error();
    if (list->empty()) return makeError(errc::evidence::kUnknown, "There is no evidence " + evidenceId.toString() + " in this store.");
    return std::move(list->front());
}

Result<QByteArray> EvidenceStore::readMedia(const RecordId &evidenceId)
{
    auto e = evidence(evidenceId);
    if (!e) return e.error();
    return readMedia(*e);
}

Result<QByteArray> EvidenceStore::readMedia(const Evidence &e)
{
    QByteArray out(static_cast<qsizetype>(e.byteSize), Qt::Uninitialized);
    if (auto s = decryptStream(e, &out); !s) {
        wipeBytes(out);
        return s.error();
    }
    return out;
}

Status EvidenceStore::decryptStream(const Evidence &e, QByteArray *out, std::int64_t *chunks)
{
    const crypto::ContentKey key = streamKeyOf(e);
    crypto::MediaDecryptor decryptor(key, e.streamHeader, idBytes(e.id));
    crypto::MediaHasher hasher;
    QByteArray scratch;
    if (!out) scratch = QByteArray(static_cast<qsizetype>(crypto::kMediaChunkBytes), Qt::Uninitialized);
    const std::span<std::uint8_t> target = out ? writableBytes(*out) : writableBytes(scratch);
    std::size_t at = 0;
    Status result;
    {
        auto st = m_store.database().cached("SELECT body FROM media_chunks WHERE evidence_id = ? ORDER BY chunk");
        if (!st) return st.error();
        (*st)->bind(1, idBytes(e.id));
        for (;;) {
            auto row = (*st)->step();
            if (!row) return row.error();
            if (!*row) break;
            const std::vector<std::uint8_t> chunk = (*st)->columnBlob(0);
            auto n = decryptor.pull(chunk, out ? target.subspan(at) : target);
            if (!n) {
                result = n.error();
                break;
            }
            hasher.update(target.subspan(out ? at : 0, *n));
            if (out)
                at += *n;
            else
                at = 0;
            if (chunks) ++*chunks;
        }
    }
    wipeBytes(scratch);
    if (!result) return result;
    if (auto s = decryptor.finish(); !s) return s;
    if (out && at != static_cast<std::size_t>(out->size()))
        return makeError(errc::media::kDamaged, "The encrypted media is damaged: its size does not match its record.");
    if (!crypto::sameMediaHash(hasher.final(), e.plaintextHash))
        return makeError(errc::media::kDamaged, "The encrypted media is damaged: it does not match its recorded hash.");
    return {};
}

std::int64_t EvidenceStore::partSize(const Evidence &e, std::int64_t index)
{
    std::int64_t size = 0;
    for (std::int64_t c = index * kMediaChunksPerPart; c < std::min(e.chunkCount, (index + 1) * kMediaChunksPerPart); ++c) {
        const std::int64_t at = c * static_cast<std::int64_t>(crypto::kMediaChunkBytes);
        size += std::min<std::int64_t>(static_cast<std::int64_t>(crypto::kMediaChunkBytes), std::max<std::int64_t>(0, e.byteSize - at))
                + static_cast<std::int64_t>(crypto::kMediaChunkOverhead);
    }
    return size;
}

Result<QByteArray> EvidenceStore::part(const Evidence &e, std::int64_t index)
{
    auto st = m_store.database().cached("SELECT chunk, body FROM media_chunks WHERE evidence_id = ? AND chunk >= ? AND chunk < ? ORDER BY chunk");
    if (!st) return st.error();
    const std::int64_t first = index * kMediaChunksPerPart;
    const std::int64_t end = std::min(e.chunkCount, first + kMediaChunksPerPart);
    (*st)->bind(1, idBytes(e.id)).bind(2, first).bind(3, end);
    QByteArray out;
    out.reserve(static_cast<qsizetype>(partSize(e, index)));
    std::int64_t expect = first;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        if ((*st)->columnInt(0) != expect++) break;
        const auto body = (*st)->columnBlob(1);
        out.append(reinterpret_cast<const char *>(body.data()), static_cast<qsizetype>(body.size()));
    }
    if (expect != end || first >= end)
        return makeError(errc::media::kMissing, "This device does not hold the whole medium of evidence " + e.id.toString() + ".");
    return out;
}

Result<bool> EvidenceStore::hasMedia(const RecordId &evidenceId)
{
    auto st = m_store.database().cached("SELECT 1 FROM media_chunks WHERE evidence_id = ? LIMIT 1");
    if (!st) return st.error();
    (*st)->bind(1, idBytes(evidenceId));
    return (*st)->step();
}

Status EvidenceStore::installStagedMedia(const Evidence &e)
{
    Database &db = m_store.database();
    Transaction tx(db);
    if (auto s = tx.begin(); !s) return s;
    if (auto held = hasMedia(e.id); !held)
        return held.error();
    else if (*held)
        return {}; // already here (another attempt finished it)
    // The staged parts, cut back into the stream's chunks by their known sizes.
    std::int64_t chunk = 0;
    std::int64_t parts = 0;
    {
        auto read = db.cached("SELECT part, body FROM media_incoming WHERE evidence_id = ? ORDER BY part");
        if (!read) return read.error();
        (*read)->bind(1, idBytes(e.id));
        for (;;) {
            auto row = (*read)->step();
            if (!row) return row.error();
            if (!*row) break;
            const std::int64_t index = (*read)->columnInt(0);
            const auto body = (*read)->columnBlob(1);
            if (index != parts || static_cast<std::int64_t>(body.size()) != partSize(e, index))
                return makeError(errc::media::kTruncated, "The medium of evidence " + e.id.toString() + " has not fully arrived.");
            ++parts;
            std::size_t at = 0;
            for (; chunk < std::min(e.chunkCount, (index + 1) * kMediaChunksPerPart); ++chunk) {
                const auto size = static_cast<std::size_t>(
                    std::min<std::int64_t>(static_cast<std::int64_t>(crypto::kMediaChunkBytes),
                                           std::max<std::int64_t>(0, e.byteSize - chunk * static_cast<std::int64_t>(crypto::kMediaChunkBytes)))
                    + static_cast<std::int64_t>(crypto::kMediaChunkOverhead));
                auto insert = db.cached("INSERT INTO media_chunks (evidence_id, chunk, body) VALUES (?, ?, ?)");
                if (!insert) return insert.error();
                if (auto s = (*insert)->bind(1, idBytes(e.id)).bind(2, chunk).bind(3, std::span(body).subspan(at, size)).run(); !s) return s;
                at += size;
            }
        }
    }
    if (parts != mediaPartCount(e.chunkCount))
        return makeError(errc::media::kTruncated, "The medium of evidence " + e.id.toString() + " has not fully arrived.");
    // Authenticated in order and checked against the signed plaintext hash before anything is kept.
    if (auto s = decryptStream(e, nullptr); !s) return s;
    auto drop = db.cached("DELETE FROM media_incoming WHERE evidence_id = ?");
    if (!drop) return drop.error();
    if (auto s = (*drop)->bind(1, idBytes(e.id)).run(); !s) return s;
    return tx.commit();
}

EvidenceVerifyReport EvidenceStore::verify()
{
    EvidenceVerifyReport report;
    std::vector<Evidence> opened;
    {
        auto st = m_store.database().cached("SELECT id, case_id, observation_id, body FROM records WHERE type = " + sqlType(RecordType::Evidence)
                                            + " ORDER BY seq");
        if (!st) {
            report.problems.push_back(st.error().message);
            return report;
        }
        for (;;) {
            auto row = (*st)->step();
            if (!row) {
                report.problems.push_back(row.error().message);
                break;
            }
            if (!*row) break;
            ++report.evidenceChecked;
            const RecordId id = idFromBlob((*st)->columnBlob(0));
            auto e = openEvidence(m_store, id, (*st)->columnBlob(3));
            if (!e) {
                report.problems.push_back("Evidence " + id.toString() + ": " + e.error().message);
                continue;
            }
            if ((*st)->columnIsNull(1) || idFromBlob((*st)->columnBlob(1)) != e->caseId || (*st)->columnIsNull(2)
                || idFromBlob((*st)->columnBlob(2)) != e->observationId) {
                report.problems.push_back("Evidence " + id.toString() + " is filed under the wrong case or observation in the index.");
                continue;
            }
            opened.push_back(std::move(*e));
        }
    }
    for (const Evidence &e : opened) {
        // A medium that has not arrived by sync yet (or was set aside) is awaited, not damaged: nothing of it is here.
        if (auto held = hasMedia(e.id); held && !*held) {
            ++report.mediaAwaited;
            continue;
        }
        std::int64_t chunks = 0;
        if (auto s = decryptStream(e, nullptr, &chunks); !s)
            report.problems.push_back("Evidence " + e.id.toString() + ": " + s.error().message);
        else
            ++report.mediaVerified;
        report.chunksChecked += chunks;
    }
    auto orphans = m_store.database().queryInt(
        "SELECT COUNT(DISTINCT evidence_id) FROM media_chunks WHERE evidence_id NOT IN (SELECT id FROM records WHERE type = "
        + sqlType(RecordType::Evidence) + ")");
    if (!orphans)
        report.problems.push_back(orphans.error().message);
    else if (*orphans > 0)
        report.problems.push_back(std::to_string(*orphans) + " media streams in media_chunks belong to no evidence record.");
    return report;
}

} // namespace triad::store
