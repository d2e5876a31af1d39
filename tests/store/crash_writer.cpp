// Child process of the crash test: opens the store, then adds notes as fast as it can and reports each one on
// stdout only after addNote() returned (i.e. after the durable commit). The parent kills it with SIGKILL.
#include "local_store.h"
#include "linux/passphrase_keystore.h"
#include "secure_buffer.h"
#include "note_service.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

using namespace triad;

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: triad_crash_writer STORE_DIR CASE_ID RUN\n");
        return 2;
    }
    if (!crypto::initialize()) return 2;
    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
    const char *pass = std::getenv("TRIAD_PASSPHRASE");
    auto store = store::LocalStore::open(QString::fromLocal8Bit(argv[1]), keystore, platform::UnlockCredential::fromPassphrase(pass ? pass : ""));
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        return 1;
    }
    auto caseId = RecordId::fromString(argv[2]);
    if (!caseId) return 2;
    const std::string run = argv[3];
    // Tell the parent the store is open, so most kills land among the writes whatever the machine's load.
    if (::write(1, "ready\n", 6) != 6) return 1;
    for (long i = 0;; ++i) {
        // Vary the size so pages split and the WAL grows and checkpoints at different moments.
        const std::string text =
            "run " + run + " note " + std::to_string(i) + " " + std::string(static_cast<std::size_t>(QRandomGenerator::global()->bounded(2000)), 'x');
        auto note = store::NoteService(**store).addNoteToCase(*caseId, text, {"2.6"});
        if (!note) {
            std::fprintf(stderr, "%s\n", note.error().message.c_str());
            return 1;
        }
        // One write(2) per line: the parent never sees half a report.
        const std::string line = note->id.toString() + " " + std::to_string(text.size()) + " run " + run + " note " + std::to_string(i) + "\n";
        if (::write(1, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return 1;
    }
}
