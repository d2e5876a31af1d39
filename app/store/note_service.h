// Observations, the notes taken in them, their amendments, and the note being typed (its draft). A light service over
// the record-sealing core: notes are sealed, written and opened through LocalStore, and each is shown only if the
// rules accept its signer in the case its signed payload names (LocalStore::judgeRecord). Construct one where needed:
// `NoteService(store).notes(caseId)`.
#pragma once

#include "local_store.h"

namespace triad::store {

inline constexpr std::size_t kMaxNoteChars = 20000;
inline constexpr std::size_t kMaxReasonChars = 2000;

struct NoteWithHistory {
    Note note;
    std::vector<Amendment> amendments; // oldest first; the last one is the current wording
};

class NoteService {
public:
    explicit NoteService(LocalStore &store) : m_store(store) {}

    // --- writes -----------------------------------------------------------------------------------------------
    // Errors: "case.not_entitled" (no longer the case's mentor), "case.unknown", "observation.already_open".
    Result<Observation> startObservation(const RecordId &caseId, ObservationKind kind, bool scheduled, const std::string &classPeriod);
    Result<ObservationEnd> endObservation(const RecordId &observationId);
    Result<Note> addNote(const RecordId &observationId, const std::string &text, const std::vector<std::string> &tags);
    // Writes into the case's open observation, starting an informal, unscheduled one if none is open.
    Result<Note> addNoteToCase(const RecordId &caseId, const std::string &text, const std::vector<std::string> &tags);
    Result<Amendment> amendNote(const RecordId &noteId, const std::string &text, const std::vector<std::string> &tags, const std::string &reason);

    // The note being typed (see NoteDraft). Saved sealed, outside the outbox; addNote() deletes it in the same
    // transaction that saves the note.
    Status saveDraft(const RecordId &observationId, const std::string &text, const std::vector<std::string> &tags);
    Result<std::optional<NoteDraft>> draft(const RecordId &observationId);
    Status clearDraft(const RecordId &observationId);

    // --- reads ------------------------------------------------------------------------------------------------
    Result<std::optional<Observation>> openObservation(const RecordId &caseId);
    Result<std::vector<Observation>> observations(const RecordId &caseId);
    // Notes with their amendments, judged by the rules against their signers: an amendment counts only from the
    // person who signed the note.
    Result<std::vector<NoteWithHistory>> notes(std::optional<RecordId> caseId = std::nullopt, std::optional<RecordId> observationId = std::nullopt);
    Result<std::optional<Note>> note(const RecordId &noteId);
    // Note ids whose canonical form starts with `prefix` (case-insensitive).
    Result<std::vector<RecordId>> matchNoteIds(const std::string &prefix);

private:
    // Now, or just after the newest note or amendment of the observation held here if this device's clock says
    // otherwise: what is written after seeing a record is dated after it.
    Result<std::int64_t> timeAfterNotesOf(const RecordId &caseId, const RecordId &observationId);
    Status mayWriteInCase(const RecordId &caseId);
    std::function<bool(std::span<const std::uint8_t>, const Observation &)> observationJudge(const RecordId &caseId) const;
    LocalStore &m_store;
};

} // namespace triad::store
