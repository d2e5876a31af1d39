#include "error_text.h"

#include "error_codes.h"

#include <QCoreApplication>

#include <string_view>

namespace triad::ui {

namespace {

struct Sentence {
    const char *code;
    const char *text;
};

// QT_TRANSLATE_NOOP marks each sentence for lupdate under the context "ErrorText"; errorText translates it.
constexpr Sentence kSentences[] = {
    {errc::keystore::kWrongPassphrase, QT_TRANSLATE_NOOP("ErrorText", "That passphrase does not open this device's notes. Try again.")},
    {errc::keystore::kCorrupt, QT_TRANSLATE_NOOP("ErrorText", "The key file on this device is damaged or incomplete. Ask your district IT to restore your keys from your key backup.")},
    {errc::keystore::kUnsupported, QT_TRANSLATE_NOOP("ErrorText", "The key file on this device was written by a newer version of Triad. Update Triad.")},
    {errc::store::kKeyMismatch, QT_TRANSLATE_NOOP("ErrorText", "The key file does not belong to the notes on this device.")},
    {errc::backup::kWrongPassphrase, QT_TRANSLATE_NOOP("ErrorText", "That passphrase does not open this key backup.")},
    {errc::backup::kCorrupt, QT_TRANSLATE_NOOP("ErrorText", "The key backup is damaged or incomplete.")},
    {errc::backup::kUnsupported, QT_TRANSLATE_NOOP("ErrorText", "The key backup was written by a newer version of Triad. Update Triad.")},
    {errc::session::kLocked, QT_TRANSLATE_NOOP("ErrorText", "Triad is locked. Unlock it first.")},
    {errc::input::kTooLarge, QT_TRANSLATE_NOOP("ErrorText", "The recording is too long to attach (over 64 MiB). Record a shorter memo.")},
    {errc::note::kUnknown, QT_TRANSLATE_NOOP("ErrorText", "The note was not found; save the note before attaching evidence.")},
    {errc::record::kNotAReader, QT_TRANSLATE_NOOP("ErrorText", "This record was not shared with you.")},
    {errc::signature::kNoAgreement, QT_TRANSLATE_NOOP("ErrorText", "Before your first signature, agree to receive and sign PAR records electronically, or ask for paper copies.")},
    {errc::decline::kNoWitness, QT_TRANSLATE_NOOP("ErrorText", "A refusal to sign is recorded with the name of a witness; enter who saw the teacher decline.")},
    {errc::decline::kNotEntitled, QT_TRANSLATE_NOOP("ErrorText", "Only the case's PAR mentor records that the teacher declined to sign a report.")},
    {errc::decline::kAcknowledged, QT_TRANSLATE_NOOP("ErrorText", "The teacher acknowledged receipt of this version of the report; there is no refusal to record.")},
    {errc::report::kNoNarrative, QT_TRANSLATE_NOOP("ErrorText", "The report has no overall narrative; write one before issuing it.")},
    {errc::report::kNoDraft, QT_TRANSLATE_NOOP("ErrorText", "There is no report draft for this case on this device; compose one first.")},
    {errc::response::kNoDraft, QT_TRANSLATE_NOOP("ErrorText", "There is no written response drafted for this report on this device; write one first.")},
    {errc::enrollment::kNone, QT_TRANSLATE_NOOP("ErrorText", "This device is not enrolled in the district yet. Ask your district IT to enroll it.")},
    {errc::media::kMissing, QT_TRANSLATE_NOOP("ErrorText", "This device does not hold the whole recording or photo yet; it arrives with the next sync.")},
};

} // namespace

QString errorText(const Error &error)
{
    for (const Sentence &s : kSentences)
        if (error.code == std::string_view(s.code)) return QCoreApplication::translate("ErrorText", s.text);
    return QString::fromStdString(error.message);
}

} // namespace triad::ui
