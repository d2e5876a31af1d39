// Observations, the notes taken in them, their amendments, and the note being typed (its draft). A light service over
// the record-sealing core: notes are sealed, written and opened through LocalStore, and each is shown only if the
// rules accept its signer in the case its signed payload names (LocalStore::judgeRecord). Construct one where needed:
// `NoteService(store).notes(caseId)`.
#pragma once

#include "local_store.h"

#include <map>

namespace triad::store {

inline constexpr std::size_t kMaxNoteChars = 20000;
inline constexpr std::size_t kMaxReasonChars = 2000;

struct NoteWithHistory {
    Note note;
    std::vector<Amendment> amendments; // oldest first; the last one is the current wording
    // Set (a sentence naming the record and what is wrong) when the note's record cannot be opened: damaged, or not
    // what it says it is. `note` then holds only its id, the observation's ids and the time it is stored under
    // (unsigned); it is shown as unreadable, never as a note. Only ObservationNotePages sets it.
    std::string unreadable;
};

// One observation's notes newest first, a page at a time: a screen shows the newest at once and opens the rest as it
// goes. Over all the pages: what NoteService::notes(caseId, observationId) lists, in its order (oldest first by
// stored time, then id), each with its history, except that a note whose record cannot be opened comes as a row with
// `unreadable` set instead of failing the whole list. What is stored after start() is not part of it.
class ObservationNotePages {
public:
    // Lists the observation's note records (ids and times only) and opens its amendments (few; each note's history
    // needs them). Errors: SQLite's.
    static Result<ObservationNotePages> start(LocalStore &store, const Observation &observation);
    // Up to `max` notes older than every one returned so far, oldest first: those shown, and those that cannot be
    // opened; records refused by the rules or sealed to others are passed over (and counted in read()). Errors: SQLite's.
    Result<std::vector<NoteWithHistory>> older(LocalStore &store, std::size_t max);
    bool done() const { return m_next == 0; }
    std::size_t total() const { return m_keys.size(); } // note records of the observation held at start()
    std::size_t read() const { return m_keys.size() - m_next; }
    // Amendments of the observation whose records cannot be opened, one sentence each (their notes show without them).
    const std::vector<std::string> &unreadableAmendments() const { return m_unreadableAmendments; }

private:
    struct Key {
        std::int64_t seq = 0, createdAt = 0;
        RecordId id;
    };
    struct HeldAmendment {
        Amendment amendment;
        std::vector<std::uint8_t> body;
    };
    ObservationNotePages() = default;
    Observation m_observation;
    std::vector<Key> m_keys; // oldest first
    std::size_t m_next = 0;  // m_keys[0, m_next) are still to be read
    std::map<RecordId, std::vector<HeldAmendment>> m_amendments; // by the note they correct, in stored order
    std::map<RecordId, std::optional<ParCase>> m_cases;          // as the rules judge them
    std::vector<std::string> m_unreadableAmendments;
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
