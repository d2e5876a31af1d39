#include "note_service.h"

#include "case_service.h"
#include "store_internal.h"

#include <QDateTime>

#include <algorithm>
#include <map>

namespace triad::store {

using detail::idFromBlob;
using detail::idSpan;
using detail::readAll;
using detail::utf8Length;
using detail::validateTags;
using detail::validateText;

Result<Observation> NoteService::startObservation(const RecordId &caseId, ObservationKind kind, bool scheduled, const std::string &classPeriod)
{
    if (auto s = mayWriteInCase(caseId); !s) return s.error();
    auto known = m_store.holds(caseId, RecordType::ParCase);
    if (!known) return known.error();
    if (!*known) return makeError("case.unknown", "There is no case " + caseId.toString() + " in this store.");
    auto open = openObservation(caseId);
    if (!open) return open.error();
    if (*open)
        return makeError("observation.already_open", "An observation of this case is already under way (started "
                                                         + QDateTime::fromMSecsSinceEpoch((*open)->startedAtMs).toString(Qt::ISODate).toStdString()
                                                         + "); end it first.");
    Observation o{RecordId::generate(), caseId, kind, scheduled, classPeriod, m_store.now()};
    auto status = m_store.writeRecord(RecordType::Observation, o.id, caseId, o.id, o.startedAtMs, encodePayload(o), [&]() -> Status {
        auto st = m_store.database().cached("INSERT INTO observations (id, case_id, started_at) VALUES (?, ?, ?)");
        if (!st) return st.error();
        return (*st)->bind(1, idSpan(o.id)).bind(2, idSpan(caseId)).bind(3, o.startedAtMs).run();
    });
    if (!status) return status.error();
    return o;
}

Result<ObservationEnd> NoteService::endObservation(const RecordId &observationId)
{
    auto st = m_store.database().cached("SELECT case_id, ended_at FROM observations WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(observationId));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return makeError("observation.unknown", "There is no observation " + observationId.toString() + ".");
    if (!(*st)->columnIsNull(1)) return makeError("observation.ended", "That observation has already ended.");
    ObservationEnd e{RecordId::generate(), observationId, idFromBlob((*st)->columnBlob(0)), m_store.now()};
    (*st)->reset(); // end the read before the write transaction starts
    auto status = m_store.writeRecord(RecordType::ObservationEnd, e.id, e.caseId, observationId, e.endedAtMs, encodePayload(e), [&]() -> Status {
        auto up = m_store.database().cached("UPDATE observations SET ended_at = ? WHERE id = ?");
        if (!up) return up.error();
        return (*up)->bind(1, e.endedAtMs).bind(2, idSpan(observationId)).run();
    });
    if (!status) return status.error();
    return e;
}

Result<Note> NoteService::addNote(const RecordId &observationId, const std::string &text, const std::vector<std::string> &tags)
{
    if (auto s = validateText(text, kMaxNoteChars, "note"); !s) return s.error();
    if (auto s = validateTags(tags); !s) return s.error();
    auto st = m_store.database().cached("SELECT case_id, started_at, ended_at FROM observations WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(observationId));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return makeError("observation.unknown", "There is no observation " + observationId.toString() + ".");
    if (!(*st)->columnIsNull(2)) return makeError("observation.ended", "That observation has ended; start a new one to add notes.");
    Note n;
    n.id = RecordId::generate();
    n.caseId = idFromBlob((*st)->columnBlob(0));
    n.observationId = observationId;
    const std::int64_t startedAt = (*st)->columnInt(1);
    (*st)->reset(); // end the read before the write transaction starts
    auto takenAt = timeAfterNotesOf(n.caseId, observationId);
    if (!takenAt) return takenAt.error();
    n.takenAtMs = *takenAt;
    n.offsetMs = std::max<std::int64_t>(0, n.takenAtMs - startedAt);
    n.text = text;
    n.tags = tags;
    n.authorId = m_store.owner().id;
    n.deviceId = m_store.deviceId();
    auto deleteDraft = [&]() -> Status {
        auto del = m_store.database().cached("DELETE FROM note_drafts WHERE observation_id = ?");
        if (!del) return del.error();
        return (*del)->bind(1, idSpan(observationId)).run();
    };
    if (auto s = m_store.writeRecord(RecordType::Note, n.id, n.caseId, observationId, n.takenAtMs, encodePayload(n), deleteDraft); !s)
        return s.error();
    return n;
}

Result<Note> NoteService::addNoteToCase(const RecordId &caseId, const std::string &text, const std::vector<std::string> &tags)
{
    if (auto s = mayWriteInCase(caseId); !s) return s.error();
    if (auto s = validateText(text, kMaxNoteChars, "note"); !s) return s.error();
    if (auto s = validateTags(tags); !s) return s.error();
    auto open = openObservation(caseId);
    if (!open) return open.error();
    if (*open) return addNote((*open)->id, text, tags);
    auto started = startObservation(caseId, ObservationKind::Informal, false, {});
    if (!started) return started.error();
    return addNote(started->id, text, tags);
}

// notes() orders a note's amendments by time, then by record id, so every device shows the same history and the same
// current wording. Dating a new note or amendment after the newest one held here keeps what was written after seeing
// a correction after it, even within one millisecond or on a device whose clock is behind.
Result<std::int64_t> NoteService::timeAfterNotesOf(const RecordId &caseId, const RecordId &observationId)
{
    // One MAX per type, each an index seek on records_by_type (type, case_id, observation_id, created_at).
    auto st = m_store.database().cached("SELECT MAX(newest) FROM ("
                                        "SELECT MAX(created_at) AS newest FROM records WHERE type = "
                                        + sqlType(RecordType::Note)
                                        + " AND case_id = ?1 AND observation_id = ?2 "
                                          "UNION ALL SELECT MAX(created_at) FROM records WHERE type = "
                                        + sqlType(RecordType::Amendment) + " AND case_id = ?1 AND observation_id = ?2)");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(caseId)).bind(2, idSpan(observationId));
    auto row = (*st)->step();
    if (!row) return row.error();
    const std::optional<std::int64_t> newest = (*row && !(*st)->columnIsNull(0)) ? std::optional((*st)->columnInt(0)) : std::nullopt;
    (*st)->reset();
    return newest ? std::max(m_store.now(), *newest + 1) : m_store.now();
}

Result<Amendment> NoteService::amendNote(const RecordId &noteId, const std::string &text, const std::vector<std::string> &tags,
                                         const std::string &reason)
{
    if (auto s = validateText(text, kMaxNoteChars, "corrected note"); !s) return s.error();
    if (auto s = validateText(reason, kMaxReasonChars, "reason for the correction"); !s) return s.error();
    if (auto s = validateTags(tags); !s) return s.error();
    auto st = m_store.database().cached("SELECT case_id, observation_id FROM records WHERE id = ? AND type = " + sqlType(RecordType::Note));
    if (!st) return st.error();
    (*st)->bind(1, idSpan(noteId));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return makeError("note.unknown", "There is no note " + noteId.toString() + " in this store.");
    Amendment a;
    a.id = RecordId::generate();
    a.noteId = noteId;
    a.caseId = idFromBlob((*st)->columnBlob(0));
    a.observationId = idFromBlob((*st)->columnBlob(1));
    (*st)->reset(); // end the read before the write transaction starts
    auto madeAt = timeAfterNotesOf(a.caseId, a.observationId);
    if (!madeAt) return madeAt.error();
    a.madeAtMs = *madeAt;
    a.text = text;
    a.tags = tags;
    a.reason = reason;
    a.authorId = m_store.owner().id;
    a.deviceId = m_store.deviceId();
    if (auto s = m_store.writeRecord(RecordType::Amendment, a.id, a.caseId, a.observationId, a.madeAtMs, encodePayload(a)); !s) return s.error();
    return a;
}

Status NoteService::saveDraft(const RecordId &observationId, const std::string &text, const std::vector<std::string> &tags)
{
    if (utf8Length(text) > kMaxNoteChars)
        return makeError("input.too_long", "The note is longer than " + std::to_string(kMaxNoteChars) + " characters; split it into several.");
    NoteDraft d{observationId, text, tags, m_store.now()};
    // One draft per observation, under the observation's id.
    auto sealed = m_store.sealForOwner(RecordType::NoteDraft, observationId, d.updatedAtMs, encodePayload(d));
    if (!sealed) return sealed.error();
    auto st = m_store.database().cached("INSERT INTO note_drafts (observation_id, updated_at, body) VALUES (?, ?, ?) "
                                        "ON CONFLICT (observation_id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body");
    if (!st) return st.error();
    return (*st)->bind(1, idSpan(observationId)).bind(2, d.updatedAtMs).bind(3, *sealed).run();
}

Result<std::optional<NoteDraft>> NoteService::draft(const RecordId &observationId)
{
    auto st = m_store.database().cached("SELECT body FROM note_drafts WHERE observation_id = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(observationId));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<NoteDraft>{};
    auto payload = m_store.openRecord((*st)->columnBlob(0), observationId, RecordType::NoteDraft);
    if (!payload) return payload.error();
    auto d = decodeNoteDraft(*payload);
    if (!d) return d.error();
    return std::optional<NoteDraft>(std::move(*d));
}

Status NoteService::clearDraft(const RecordId &observationId)
{
    auto del = m_store.database().cached("DELETE FROM note_drafts WHERE observation_id = ?");
    if (!del) return del.error();
    return (*del)->bind(1, idSpan(observationId)).run();
}

// Once enrolled, only the case's current PAR mentor writes in it (a former mentor's device may still hold the case).
Status NoteService::mayWriteInCase(const RecordId &caseId)
{
    if (m_store.enrolled())
        if (auto c = CaseService(m_store).parCase(caseId); c && c->mentorId != m_store.owner().id)
            return makeError("case.not_entitled", "You are no longer this case's PAR mentor.");
    return {};
}

std::function<bool(std::span<const std::uint8_t>, const Observation &)> NoteService::observationJudge(const RecordId &caseId) const
{
    // An observation is the case's mentor's, in the case its signed payload names.
    auto parCase = std::make_shared<std::optional<ParCase>>(m_store.caseForJudging(caseId));
    return [this, parCase, caseId](std::span<const std::uint8_t> body, const Observation &o) {
        return *parCase && o.caseId == caseId && m_store.judgeRecord(rules::RecordKind::Observation, body, &**parCase, {});
    };
}

Result<std::optional<Observation>> NoteService::openObservation(const RecordId &caseId)
{
    // Two devices of a mentor may each have started one while apart; ties in time go by id, so both pick the same.
    auto st = m_store.database().cached("SELECT o.id, r.body FROM observations o JOIN records r ON r.id = o.id "
                                        "WHERE o.case_id = ? AND o.ended_at IS NULL ORDER BY o.started_at DESC, o.id DESC LIMIT 1");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(caseId));
    auto list = readAll<Observation>(
        **st, [this](const RecordId &id, auto body) { return m_store.openRecord(body, id, RecordType::Observation); }, decodeObservation,
        observationJudge(caseId));
    if (!list) return list.error();
    if (list->empty()) return std::optional<Observation>{};
    return std::optional<Observation>(list->front());
}

Result<std::vector<Observation>> NoteService::observations(const RecordId &caseId)
{
    auto st = m_store.database().cached("SELECT o.id, r.body FROM observations o JOIN records r ON r.id = o.id "
                                        "WHERE o.case_id = ? ORDER BY o.started_at, o.id");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(caseId));
    return readAll<Observation>(
        **st, [this](const RecordId &id, auto body) { return m_store.openRecord(body, id, RecordType::Observation); }, decodeObservation,
        observationJudge(caseId));
}

Result<std::vector<NoteWithHistory>> NoteService::notes(std::optional<RecordId> caseId, std::optional<RecordId> observationId)
{
    std::string sql = "SELECT id, type, body FROM records WHERE type IN (" + sqlType(RecordType::Note) + ", " + sqlType(RecordType::Amendment) + ")";
    if (caseId) sql += " AND case_id = ?1";
    if (observationId) sql += " AND observation_id = ?2";
    // Ties in time are broken by record id, not by the order records reached this device: two devices that wrote
    // amendments in the same millisecond while apart must show the same history, and so the same current wording.
    sql += " ORDER BY created_at, id";
    auto st = m_store.database().cached(sql);
    if (!st) return st.error();
    if (caseId) (*st)->bind(1, idSpan(*caseId));
    if (observationId) (*st)->bind(2, idSpan(*observationId));
    std::vector<NoteWithHistory> out;
    std::map<RecordId, std::size_t> index;
    std::map<RecordId, crypto::KeyId> noteSigner;
    std::map<RecordId, std::vector<std::uint8_t>> amendmentBodies;
    std::vector<Amendment> pending, orphans;
    std::map<RecordId, std::optional<ParCase>> caseCache;
    auto caseOf = [&](const RecordId &id) -> const ParCase * {
        auto it = caseCache.find(id);
        if (it == caseCache.end()) it = caseCache.emplace(id, m_store.caseForJudging(id)).first;
        return it->second ? &*it->second : nullptr;
    };
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        const RecordId id = idFromBlob((*st)->columnBlob(0));
        const auto type = static_cast<RecordType>((*st)->columnInt(1));
        const auto body = (*st)->columnBlob(2);
        auto payload = m_store.openRecord(body, id, type);
        if (!payload && payload.error().code == "record.not_a_reader") continue;
        if (!payload) return payload.error();
        auto header = crypto::parseHeader(body);
        if (!header) return header.error();
        // Judged by the rules against the signer, in the case the payload names (signed), never the row's routing.
        if (type == RecordType::Note) {
            auto note = decodeNote(*payload);
            if (!note) return note.error();
            const ParCase *c = caseOf(note->caseId);
            if ((caseId && note->caseId != *caseId) || (observationId && note->observationId != *observationId) || !c
                || !m_store.judgeRecord(rules::RecordKind::Note, body, c, rules::Claims::authoredBy(note->authorId)))
                continue; // refused (verify() names it): never shown as the case's note
            index[note->id] = out.size();
            noteSigner[note->id] = header->authorKeyId;
            out.push_back({std::move(*note), {}});
        } else {
            auto amendment = decodeAmendment(*payload);
            if (!amendment) return amendment.error();
            if ((caseId && amendment->caseId != *caseId) || (observationId && amendment->observationId != *observationId)) continue;
            amendmentBodies[amendment->id] = body;
            auto it = index.find(amendment->noteId);
            if (it == index.end())
                orphans.push_back(std::move(*amendment));
            else
                pending.push_back(std::move(*amendment));
        }
    }
    // An amendment can arrive (via sync) before the note it corrects: attach it once the note is known. Only the
    // note's own author may amend it: the amendment's signer must be the person who signed the note.
    for (auto *list : {&pending, &orphans})
        for (auto &a : *list) {
            auto it = index.find(a.noteId);
            if (it == index.end()) continue;
            NoteWithHistory &n = out[it->second];
            const rules::Signer noteSigner_ = m_store.signerOf(noteSigner[a.noteId], caseOf(n.note.caseId), n.note.takenAtMs);
            if (a.caseId != n.note.caseId || a.observationId != n.note.observationId
                || !m_store.judgeRecord(rules::RecordKind::Amendment, amendmentBodies[a.id], caseOf(n.note.caseId),
                                        rules::Claims::amendment(a.authorId, noteSigner_.personId)))
                continue;
            n.amendments.push_back(std::move(a));
        }
    // Oldest first by signed time, ties by id: the same history, and the same current wording, on every device.
    for (NoteWithHistory &n : out)
        std::stable_sort(n.amendments.begin(), n.amendments.end(),
                         [](const Amendment &x, const Amendment &y) { return std::tie(x.madeAtMs, x.id) < std::tie(y.madeAtMs, y.id); });
    return out;
}

Result<std::optional<Note>> NoteService::note(const RecordId &noteId)
{
    auto st = m_store.database().cached("SELECT id, body FROM records WHERE type = " + sqlType(RecordType::Note) + " AND id = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(noteId));
    auto list = readAll<Note>(
        **st, [this](const RecordId &id, auto body) { return m_store.openRecord(body, id, RecordType::Note); }, decodeNote);
    if (!list) return list.error();
    if (list->empty()) return std::optional<Note>{};
    return std::optional<Note>(list->front());
}

Result<std::vector<RecordId>> NoteService::matchNoteIds(const std::string &prefix) { return m_store.matchIds(RecordType::Note, prefix); }

} // namespace triad::store
