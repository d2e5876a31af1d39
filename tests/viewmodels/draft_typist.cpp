// Child process of the draft crash test: unlocks the store, opens the case's observation (started by the parent)
// in an ObservationController and "types" typedText(RUN) one character every ~20 ms through setDraftText, driven
// by the event loop, so the draft is saved by the controller's real throttle. After each keystroke it prints
// "<steady_clock ms> <length>" with one write(2). The parent kills it with SIGKILL.
#include "observation_controller.h"
#include "session.h"
#include "linux/passphrase_keystore.h"
#include "secure_buffer.h"
#include "typed_text.h"

#include <QCoreApplication>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

using namespace triad;

namespace {

void report(const std::string &line)
{
    if (::write(1, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::_Exit(1);
}

long long monotonicMs() { return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

} // namespace

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: triad_draft_typist STORE_DIR CASE_ID RUN\n");
        return 2;
    }
    QCoreApplication app(argc, argv);
    if (!crypto::initialize()) return 2;
    const char *pass = std::getenv("TRIAD_PASSPHRASE");
    ui::Session session(QString::fromLocal8Bit(argv[1]), std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
    if (auto s = session.unlockNow(QString::fromLocal8Bit(pass ? pass : "")); !s) {
        std::fprintf(stderr, "%s\n", s.error().message.c_str());
        return 1;
    }
    ui::ObservationController controller;
    controller.setSession(&session);
    controller.setCaseId(QString::fromLocal8Bit(argv[2]));
    if (!controller.active()) {
        std::fprintf(stderr, "no observation under way for that case: %s\n", qPrintable(controller.lastError()));
        return 1;
    }
    if (!controller.draftText().isEmpty()) {
        std::fprintf(stderr, "a draft was left from before; the parent clears it between runs\n");
        return 1;
    }
    QObject::connect(&controller, &ui::ObservationController::lastErrorChanged,
                     [&controller] { std::fprintf(stderr, "error: %s\n", qPrintable(controller.lastError())); });
    const QString text = test::typedText(std::atoi(argv[3]));
    int typed = 0;
    QTimer keys;
    keys.setTimerType(Qt::PreciseTimer);
    keys.setInterval(20);
    QObject::connect(&keys, &QTimer::timeout, [&] {
        if (typed >= text.size()) {
            keys.stop();
            return;
        }
        ++typed;
        controller.setDraftText(text.left(typed));
        report(std::to_string(monotonicMs()) + " " + std::to_string(typed) + "\n");
    });
    report("ready " + std::to_string(monotonicMs()) + "\n");
    keys.start();
    return app.exec();
}
