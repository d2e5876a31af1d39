#include "note_service.h"

#include "case_service.h"
#include "store_internal.h"
#include "error_codes.h"

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
    if (!*known) return makeError(errc::case_::kUnknown, "There is no case " + caseId.toString() + " in this store.");
    auto open = openObservation(caseId);
    if (!open) return open.error();
    if (*open)
        return makeError(errc::observation::kAlreadyOpen, "An observation of this case is already under way (started "
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
    if (!*row) return makeError(errc::observation::kUnknown, "There is no observation " + observationId.toString() + ".");
    if (!(*st)->columnIsNull(1)) return makeError(errc::observation::kEnded, "That observation has already ended.");
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

namespace {

// The newest signed time of a note or amendment in one observation of one case (`caseId`, `observationId`: SQL
// expressions): one MAX per type, each an index seek on records_by_type (type, case_id, observation_id, created_at).
std::string newestInObservationSql(const std::string &caseId, const std::string &observationId)
{
    auto newest = [&](RecordType type) {
        return "SELECT MAX(created_at) AS newest FROM records WHERE type = " + sqlType(type) + " AND case_id = " + caseId
               + " AND observation_id = " + observationId;
    };
    return "SELECT MAX(newest) FROM (" + newest(RecordType::Note) + " UNION ALL " + newest(RecordType::Amendment) + ")";
}

} // namespace

Result<Note> NoteService::addNote(const RecordId &observationId, const std::string &text, const std::vector<std::string> &tags)
{
    if (auto s = validateText(text, kMaxNoteChars, "note"); !s) return s.error();
    if (auto s = validateTags(tags); !s) return s.error();
    // One write transaction from the first read to the commit (writeRecord joins it): the observation, the newest time
    // in it and the note dated after it, with no other writer in between, and one lock taken instead of three.
    Transaction tx(m_store.database());
    if (auto s = tx.begin(); !s) return s.error();
    static const std::string lookup =
        "SELECT case_id, started_at, ended_at, (" + newestInObservationSql("o.case_id", "o.id") + ") FROM observations o WHERE id = ?";
    auto st = m_store.database().cached(lookup);
    if (!st) return st.error();
    (*st)->bind(1, idSpan(observationId));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return makeError(errc::observation::kUnknown, "There is no observation " + observationId.toString() + ".");
    if (!(*st)->columnIsNull(2)) return makeError(errc::observation::kEnded, "That observation has ended; start a new one to add notes.");
    Note n;
    n.caseId = idFromBlob((*st)->columnBlob(0));
    n.observationId = observationId;
    const std::int64_t startedAt = (*st)->columnInt(1);
    // Now, or just after the newest note or amendment held here if this device's clock says otherwise (see
    // timeAfterNotesOf).
    n.takenAtMs = (*st)->columnIsNull(3) ? m_store.now() : std::max(m_store.now(), (*st)->columnInt(3) + 1);
    n.id = RecordId::generateTimeOrdered(n.takenAtMs);
    (*st)->reset();
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
    if (auto s = tx.commit(); !s) return s.error();
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
    static const std::string newest = newestInObservationSql("?1", "?2");
    auto st = m_store.database().cached(newest);
    if (!st) return st.error();
    (*st)->bind(1, idSpan(caseId)).bind(2, idSpan(observationId));
    auto row = (*st)->step();
    if (!row) return row.error();
    const std::optional<std::int64_t> found = (*row && !(*st)->columnIsNull(0)) ? std::optional((*st)->columnInt(0)) : std::nullopt;
    (*st)->reset();
    return found ? std::max(m_store.now(), *found + 1) : m_store.now();
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
    if (!*row) return makeError(errc::note::kUnknown, "There is no note " + noteId.toString() + " in this store.");
    Amendment a;
    a.noteId = noteId;
    a.caseId = idFromBlob((*st)->columnBlob(0));
    a.observationId = idFromBlob((*st)->columnBlob(1));
    (*st)->reset(); // end the read before the write transaction starts
    auto madeAt = timeAfterNotesOf(a.caseId, a.observationId);
    if (!madeAt) return madeAt.error();
    a.madeAtMs = *madeAt;
    a.id = RecordId::generateTimeOrdered(a.madeAtMs);
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
        return makeError(errc::input::kTooLong, "The note is longer than " + std::to_string(kMaxNoteChars) + " characters; split it into several.");
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

// Once enrolled, only the case's current PAR mentor writes in it (a former mentor's device may still hold the case),
// and only in a case that counts here: a case record held but refused by the rules (its signer not entitled, a policy
// the district has not adopted) takes no observations, as no other device would accept them.
Status NoteService::mayWriteInCase(const RecordId &caseId)
{
    if (!m_store.enrolled()) return {};
    auto c = CaseService(m_store).parCase(caseId);
    if (!c && c.error().code == errc::case_::kUnknown) return c.error(); // not held, or held and refused by the rules
    if (c && c->mentorId != m_store.owner().id) return makeError(errc::case_::kNotEntitled, "You are no longer this case's PAR mentor.");
    // A case record this device cannot open (a single-device demo dated before its certificate) is left to the
    // checks that follow, as before.
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

namespace {

using CaseCache = std::map<RecordId, std::optional<ParCase>>;

// The case `id` as the rules judge it (LocalStore::caseForJudging), read once per cache.
const ParCase *cachedCase(const LocalStore &s, CaseCache &cases, const RecordId &id)
{
    auto it = cases.find(id);
    if (it == cases.end()) it = cases.emplace(id, s.caseForJudging(id)).first;
    return it->second ? &*it->second : nullptr;
}

struct OpenedNote {
    Note note;
    crypto::KeyId signer;
};

// A note record opened and judged by the rules against its signer, in the case its signed payload names (never the
// row's routing): the note when it is shown here; nullopt when it is sealed to others, outside the case or observation
// asked for, or refused (verify() names it: never shown as the case's note); an error when it cannot be opened.
Result<std::optional<OpenedNote>> openNote(const LocalStore &s, CaseCache &cases, const RecordId &id, std::span<const std::uint8_t> body,
                                           std::span<const std::uint8_t> checkedTag, const std::optional<RecordId> &caseId,
                                           const std::optional<RecordId> &observationId)
{
    auto payload = s.openRecord(body, id, RecordType::Note, checkedTag);
    if (!payload && payload.error().code == errc::record::kNotAReader) return std::optional<OpenedNote>{};
    if (!payload) return payload.error();
    auto header = crypto::parseHeader(body);
    if (!header) return header.error();
    auto note = decodeNote(*payload);
    if (!note) return note.error();
    const ParCase *c = cachedCase(s, cases, note->caseId);
    if ((caseId && note->caseId != *caseId) || (observationId && note->observationId != *observationId) || !c
        || !s.judgeRecord(rules::RecordKind::Note, body, c, rules::Claims::authoredBy(note->authorId)))
        return std::optional<OpenedNote>{};
    return std::optional<OpenedNote>(OpenedNote{std::move(*note), header->authorKeyId});
}

// An amendment record opened: nullopt when it is sealed to others or outside the case or observation asked for.
Result<std::optional<Amendment>> openAmendment(const LocalStore &s, const RecordId &id, std::span<const std::uint8_t> body,
                                               std::span<const std::uint8_t> checkedTag, const std::optional<RecordId> &caseId,
                                               const std::optional<RecordId> &observationId)
{
    auto payload = s.openRecord(body, id, RecordType::Amendment, checkedTag);
    if (!payload && payload.error().code == errc::record::kNotAReader) return std::optional<Amendment>{};
    if (!payload) return payload.error();
    if (auto header = crypto::parseHeader(body); !header) return header.error();
    auto amendment = decodeAmendment(*payload);
    if (!amendment) return amendment.error();
    if ((caseId && amendment->caseId != *caseId) || (observationId && amendment->observationId != *observationId)) return std::optional<Amendment>{};
    return std::optional<Amendment>(std::move(*amendment));
}

// Whether an amendment counts in a note's history: it is in the note's case and observation, and only the note's own
// author may amend it (the amendment's signer must be the person who signed the note).
bool amendmentCounts(const LocalStore &s, CaseCache &cases, const Note &note, const crypto::KeyId &noteSigner, const Amendment &a,
                     std::span<const std::uint8_t> body)
{
    const ParCase *c = cachedCase(s, cases, note.caseId);
    const rules::Signer signer = s.signerOf(noteSigner, c, note.takenAtMs);
    return a.caseId == note.caseId && a.observationId == note.observationId
           && s.judgeRecord(rules::RecordKind::Amendment, body, c, rules::Claims::amendment(a.authorId, signer.personId));
}

// Oldest first by signed time, ties by id: the same history, and the same current wording, on every device.
void sortHistory(std::vector<Amendment> &amendments)
{
    std::stable_sort(amendments.begin(), amendments.end(),
                     [](const Amendment &x, const Amendment &y) { return std::tie(x.madeAtMs, x.id) < std::tie(y.madeAtMs, y.id); });
}

} // namespace

Result<std::vector<NoteWithHistory>> NoteService::notes(std::optional<RecordId> caseId, std::optional<RecordId> observationId)
{
    std::string sql =
        "SELECT id, type, body, checked_tag FROM records WHERE type IN (" + sqlType(RecordType::Note) + ", " + sqlType(RecordType::Amendment) + ")";
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
    std::vector<std::pair<Amendment, std::vector<std::uint8_t>>> amendments;
    CaseCache cases;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        const RecordId id = idFromBlob((*st)->columnBlob(0));
        const auto type = static_cast<RecordType>((*st)->columnInt(1));
        const auto body = (*st)->columnBlob(2);
        if (type == RecordType::Note) {
            auto opened = openNote(m_store, cases, id, body, (*st)->columnBlob(3), caseId, observationId);
            if (!opened) return opened.error();
            if (!*opened) continue;
            index[(*opened)->note.id] = out.size();
            noteSigner[(*opened)->note.id] = (*opened)->signer;
            out.push_back({std::move((*opened)->note), {}, {}});
        } else {
            auto amendment = openAmendment(m_store, id, body, (*st)->columnBlob(3), caseId, observationId);
            if (!amendment) return amendment.error();
            if (*amendment) amendments.emplace_back(std::move(**amendment), body);
        }
    }
    // An amendment can arrive (via sync) before the note it corrects: attach each once every note is known.
    for (auto &[a, body] : amendments) {
        auto it = index.find(a.noteId);
        if (it == index.end()) continue;
        NoteWithHistory &n = out[it->second];
        if (amendmentCounts(m_store, cases, n.note, noteSigner[a.noteId], a, body)) n.amendments.push_back(std::move(a));
    }
    for (NoteWithHistory &n : out) sortHistory(n.amendments);
    return out;
}

Result<ObservationNotePages> ObservationNotePages::start(LocalStore &store, const Observation &observation)
{
    ObservationNotePages pages;
    pages.m_observation = observation;
    // Times and row numbers only, from the index alone (records_by_type covers them): the order notes() lists them
    // in (time, then record id), read from the end. Only notes stored in the same millisecond need their ids to order.
    auto keys = store.database().cached("SELECT seq, created_at FROM records WHERE type = " + sqlType(RecordType::Note)
                                        + " AND case_id = ?1 AND observation_id = ?2 ORDER BY created_at");
    if (!keys) return keys.error();
    (*keys)->bind(1, idSpan(observation.caseId)).bind(2, idSpan(observation.id));
    for (;;) {
        auto row = (*keys)->step();
        if (!row) return row.error();
        if (!*row) break;
        pages.m_keys.push_back({(*keys)->columnInt(0), (*keys)->columnInt(1), {}});
    }
    (*keys)->reset();
    auto idOf = store.database().cached("SELECT id FROM records WHERE seq = ?");
    if (!idOf) return idOf.error();
    for (auto tie = pages.m_keys.begin(); tie != pages.m_keys.end();) {
        const auto end = std::find_if(tie, pages.m_keys.end(), [&](const Key &k) { return k.createdAt != tie->createdAt; });
        if (end - tie > 1) {
            for (auto k = tie; k != end; ++k) {
                (*idOf)->reset().bind(1, k->seq);
                auto row = (*idOf)->step();
                if (!row) return row.error();
                if (*row) k->id = idFromBlob((*idOf)->columnBlob(0));
            }
            std::sort(tie, end, [](const Key &x, const Key &y) { return x.id < y.id; });
        }
        tie = end;
    }
    (*idOf)->reset();
    pages.m_next = pages.m_keys.size();
    auto st = store.database().cached("SELECT id, body, checked_tag FROM records WHERE type = " + sqlType(RecordType::Amendment)
                                      + " AND case_id = ?1 AND observation_id = ?2 ORDER BY created_at, id");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(observation.caseId)).bind(2, idSpan(observation.id));
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        const RecordId id = idFromBlob((*st)->columnBlob(0));
        auto body = (*st)->columnBlob(1);
        auto amendment = openAmendment(store, id, body, (*st)->columnBlob(2), observation.caseId, observation.id);
        if (!amendment)
            pages.m_unreadableAmendments.push_back(amendment.error().message);
        else if (*amendment)
            pages.m_amendments[(*amendment)->noteId].push_back({std::move(**amendment), std::move(body)});
    }
    (*st)->reset();
    return pages;
}

Result<std::vector<NoteWithHistory>> ObservationNotePages::older(LocalStore &store, std::size_t max)
{
    const std::size_t from = m_next - std::min(max, m_next);
    auto st = store.database().cached("SELECT id, body, checked_tag FROM records WHERE seq = ?");
    if (!st) return st.error();
    std::vector<NoteWithHistory> out;
    for (std::size_t i = from; i < m_next; ++i) {
        const Key &key = m_keys[i];
        (*st)->reset().bind(1, key.seq);
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) continue; // no longer held
        const RecordId id = idFromBlob((*st)->columnBlob(0));
        const auto body = (*st)->columnBlob(1);
        const auto checkedTag = (*st)->columnBlob(2);
        (*st)->reset(); // opening may read the store
        auto opened = openNote(store, m_cases, id, body, checkedTag, m_observation.caseId, m_observation.id);
        if (!opened) {
            NoteWithHistory unreadable;
            unreadable.note.id = id;
            unreadable.note.caseId = m_observation.caseId;
            unreadable.note.observationId = m_observation.id;
            unreadable.note.takenAtMs = key.createdAt;
            unreadable.note.offsetMs = std::max<std::int64_t>(0, key.createdAt - m_observation.startedAtMs);
            unreadable.unreadable = opened.error().message;
            if (unreadable.unreadable.find(id.toString()) == std::string::npos)
                unreadable.unreadable = "The note record " + id.toString() + " cannot be opened: " + unreadable.unreadable;
            out.push_back(std::move(unreadable));
            continue;
        }
        if (!*opened) continue;
        NoteWithHistory n{std::move((*opened)->note), {}, {}};
        if (auto it = m_amendments.find(n.note.id); it != m_amendments.end())
            for (const HeldAmendment &held : it->second)
                if (amendmentCounts(store, m_cases, n.note, (*opened)->signer, held.amendment, held.body)) n.amendments.push_back(held.amendment);
        sortHistory(n.amendments);
        out.push_back(std::move(n));
    }
    (*st)->reset();
    m_next = from;
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
