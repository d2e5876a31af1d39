// Opens an observation's older notes on a thread of its own (the second core), so the GUI thread only shows them.
// The thread has its own connection to the store (LocalStore::openSecondary, as sync has) and runs the same code as
// before: ObservationNotePages::older, so every note is verified, judged by the rules and opened exactly as on the
// GUI thread, and a note that fails is set aside the same way. Pages come back in order, newest first.
#pragma once

#include "note_service.h"
#include "secure_buffer.h"

#include <QString>

#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace triad::ui {

class NoteOpener {
public:
    struct Opened {
        std::vector<std::vector<store::NoteWithHistory>> pages; // each older than the one before; oldest first within
        std::size_t read = 0;                                   // note records read so far (pages.read())
        bool finished = false;                                  // every page is in (or an error stopped it)
        std::optional<Error> error;
    };

    // Starts opening `pages` (as far as they were read), `pageSize` notes at a time, on the store in `storeDir` with
    // the owner's identity `ownerSecret` (wiped as soon as the connection holds it) and `clock` (the one the session's
    // connection judges with). `ready` runs on the worker thread whenever take() has news after it was emptied, and
    // once at the end: post from it to your own thread.
    NoteOpener(QString storeDir, crypto::SecureBuffer ownerSecret, store::Clock clock, store::ObservationNotePages pages, std::size_t pageSize,
               std::function<void()> ready);
    // Stops after the page in hand and waits for the thread: no thread, connection or key copy outlives this.
    ~NoteOpener();
    NoteOpener(const NoteOpener &) = delete;
    NoteOpener &operator=(const NoteOpener &) = delete;

    // What opened since the last call.
    Opened take();
    // Stops the thread (after the page in hand) and gives the pages back where it stopped: take() first for what it
    // opened, then the caller may go on with older() on its own connection.
    store::ObservationNotePages stop();

private:
    void run(std::stop_token stop, QString storeDir, crypto::SecureBuffer ownerSecret, store::Clock clock);

    store::ObservationNotePages m_pages; // the worker's until it finishes or stop() joins it
    const std::size_t m_pageSize;
    const std::function<void()> m_ready;
    std::mutex m_mutex;
    Opened m_opened; // guarded by m_mutex
    std::jthread m_thread;
};

} // namespace triad::ui
