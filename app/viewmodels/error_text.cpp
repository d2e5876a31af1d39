#include "error_text.h"

#include "error_codes.h"

#include <QCoreApplication>

#include <algorithm>
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
    // Sync (SyncReport::code, SyncController): %1 is the network's own words or the HTTP status.
    {errc::sync::kUnreachable, QT_TRANSLATE_NOOP("ErrorText", "The case store cannot be reached (%1). Triad tries again by itself; nothing here is lost.")},
    {errc::sync::kUnavailable, QT_TRANSLATE_NOOP("ErrorText", "The case store is unavailable (HTTP %1). Triad tries again by itself; nothing here is lost.")},
    {errc::sync::kPinRefused, QT_TRANSLATE_NOOP("ErrorText", "The case store's certificate is not the one the district pinned, so this device did not connect (nothing was sent, nothing here is lost). Someone may be intercepting the connection; tell district IT.")},
    {errc::sync::kNotAccepted, QT_TRANSLATE_NOOP("ErrorText", "The case store no longer accepts this device. Ask district IT to enroll it again; nothing here is lost.")},
    {errc::sync::kNoCaseStore, QT_TRANSLATE_NOOP("ErrorText", "This device has no case store yet (it is chosen at enrollment).")},
    // Records set aside by sync (SetAsideRecord::code): kept, never applied, shown with the record's kind and id.
    {errc::record::kBadSignature, QT_TRANSLATE_NOOP("ErrorText", "Its signature does not match its content: it was changed after it was signed.")},
    {errc::record::kUnknownAuthor, QT_TRANSLATE_NOOP("ErrorText", "It is signed by keys the district directory held here does not name; it is kept until the directory names them.")},
    {errc::record::kConflict, QT_TRANSLATE_NOOP("ErrorText", "The case store already holds a different record with this id.")},
    {errc::record::kMisrouted, QT_TRANSLATE_NOOP("ErrorText", "It is addressed to other readers than the ones its signer named.")},
    {errc::record::kMetadataMismatch, QT_TRANSLATE_NOOP("ErrorText", "What the case store says about it differs from what its signer signed.")},
    {errc::rules::kNotEntitled, QT_TRANSLATE_NOOP("ErrorText", "Its signer had no part in this case that lets them write it when they signed it.")},
    {errc::rules::kWrongAuthor, QT_TRANSLATE_NOOP("ErrorText", "It names another author than the person who signed it.")},
    {errc::rules::kUncertified, QT_TRANSLATE_NOOP("ErrorText", "Its signer's keys were not certified by the district when it was signed.")},
    {errc::rules::kRevoked, QT_TRANSLATE_NOOP("ErrorText", "Its signer's keys had been revoked by the district when it was signed.")},
    {errc::payload::kMalformed, QT_TRANSLATE_NOOP("ErrorText", "Its content is damaged or in a form this version of Triad does not read.")},
    {errc::case_::kPolicyNotAdopted, QT_TRANSLATE_NOOP("ErrorText", "Your district has not adopted that policy: refer the teacher under your district's own. Nothing was opened.")},
    // Case forms: %1 is the form's title or the labels of the answers still missing, in the district's words.
    // A second referral: %1 the teacher's name, %2 the school of the case that continues.
    {errc::case_::kAlreadyInPar, QT_TRANSLATE_NOOP("ErrorText", "%1 is already in PAR at %2; that case continues. Nothing was opened.")},
    {errc::form::kIncomplete, QT_TRANSLATE_NOOP("ErrorText", "Fill in %1 before signing.")},
    {errc::form::kAlreadySigned, QT_TRANSLATE_NOOP("ErrorText", "This %1 is already signed by this person.")},
    {errc::form::kNotSigner, QT_TRANSLATE_NOOP("ErrorText", "These keys do not sign this form in this case.")},
    {errc::form::kCaseEnded, QT_TRANSLATE_NOOP("ErrorText", "This case's PAR support has ended: no new form is started, and a form begun after the end is not signed. The forms begun before can still be signed.")},
    {errc::form::kWindowClosed, QT_TRANSLATE_NOOP("ErrorText", "The time for this form has passed, or it is no longer needed in this case.")},
    // An answer of the wrong kind: %1 the field's label, %2 what was typed, %3 what the field takes.
    {errc::form::kInvalid, QT_TRANSLATE_NOOP("ErrorText", "“%2” is not an answer to “%1”: it takes %3. Nothing was saved.")},
};

// The highest %N a sentence uses: the error must carry that many details to be worded by it.
int placeholders(const char *text)
{
    int highest = 0;
    for (const char *p = text; *p && p[1]; ++p)
        if (*p == '%' && p[1] >= '1' && p[1] <= '9') highest = std::max(highest, p[1] - '0');
    return highest;
}

} // namespace

QString errorText(const Error &error)
{
    for (const Sentence &s : kSentences) {
        if (error.code != std::string_view(s.code)) continue;
        const int needed = placeholders(s.text);
        if (needed > static_cast<int>(error.args.size())) continue;
        // One pass over the sentence: a detail is never read again, so one that holds "%1" (typed into a field) stays
        // as typed instead of taking a later detail's place, as chained QString::arg calls would do.
        const QString sentence = QCoreApplication::translate("ErrorText", s.text);
        QString out;
        for (qsizetype i = 0; i < sentence.size(); ++i) {
            if (sentence[i] == QLatin1Char('%') && i + 1 < sentence.size() && sentence[i + 1] >= QLatin1Char('1') && sentence[i + 1] <= QLatin1Char('9')) {
                const int n = sentence[i + 1].unicode() - '1';
                if (n < needed) {
                    out += QString::fromStdString(error.args[static_cast<std::size_t>(n)]);
                    ++i;
                    continue;
                }
            }
            out += sentence[i];
        }
        return out;
    }
    // A code without a sentence yet. In English the library's own sentence says it best; in another language a
    // sentence in it, with the English details for district IT rather than a page the person cannot read.
    const char *marker = QT_TRANSLATE_NOOP("ErrorText", "en");
    if (QCoreApplication::translate("ErrorText", marker) == QLatin1String(marker)) return QString::fromStdString(error.message);
    return QCoreApplication::translate("ErrorText", "Triad could not do this (%1). The details, in English, for district IT: %2")
        .arg(QString::fromStdString(error.code), QString::fromStdString(error.message));
}

} // namespace triad::ui
