// Stable error codes (Error::code) that callers act on: compare with these constants, never with a bare string, so a
// renamed code fails to compile instead of silently changing behaviour. Each module owns its prefix. The codes are
// part of the logs, the CLI's output and the sync protocol's error replies (docs/protocol.md), so their values never
// change; a view model turns the ones a person meets into a sentence in their language (ui::errorText).
#pragma once

namespace triad::errc {

namespace backup {
inline constexpr char kCorrupt[] = "backup.corrupt";
inline constexpr char kUnsupported[] = "backup.unsupported";
inline constexpr char kWrongPassphrase[] = "backup.wrong_passphrase";
} // namespace backup

namespace case_ {
inline constexpr char kUnknown[] = "case.unknown";
} // namespace case_

namespace certificate {
inline constexpr char kMalformed[] = "certificate.malformed";
inline constexpr char kRevoked[] = "certificate.revoked";
inline constexpr char kUnsupportedVersion[] = "certificate.unsupported_version";
} // namespace certificate

namespace directory {
inline constexpr char kMalformed[] = "directory.malformed";
inline constexpr char kUnsupportedVersion[] = "directory.unsupported_version";
} // namespace directory

namespace document {
inline constexpr char kForked[] = "document.forked";
inline constexpr char kStale[] = "document.stale";
inline constexpr char kUnknown[] = "document.unknown";
} // namespace document

namespace form {
inline constexpr char kNotAForm[] = "form.not_a_form";
} // namespace form

namespace input {
inline constexpr char kTooLarge[] = "input.too_large";
} // namespace input

namespace keystore {
inline constexpr char kUnsupported[] = "keystore.unsupported";
inline constexpr char kCorrupt[] = "keystore.corrupt";
inline constexpr char kWrongPassphrase[] = "keystore.wrong_passphrase";
} // namespace keystore

namespace media {
inline constexpr char kMissing[] = "media.missing";
inline constexpr char kNoRecord[] = "media.no_record";
} // namespace media

namespace note {
inline constexpr char kUnknown[] = "note.unknown";
} // namespace note

namespace policy {
inline constexpr char kUnknown[] = "policy.unknown";
} // namespace policy

namespace receipt {
inline constexpr char kNoKeys[] = "receipt.no_keys";
} // namespace receipt

namespace record {
inline constexpr char kBadSignature[] = "record.bad_signature";
inline constexpr char kDecryptFailed[] = "record.decrypt_failed";
inline constexpr char kNotAReader[] = "record.not_a_reader";
} // namespace record

namespace request {
inline constexpr char kBadCursor[] = "request.bad_cursor";
} // namespace request

namespace response {
inline constexpr char kNoDraft[] = "response.no_draft";
inline constexpr char kOnTime[] = "response.on_time";
} // namespace response

namespace revocations {
inline constexpr char kMalformed[] = "revocations.malformed";
inline constexpr char kStale[] = "revocations.stale";
} // namespace revocations

namespace session {
inline constexpr char kLocked[] = "session.locked";
} // namespace session

namespace signature {
inline constexpr char kNoAgreement[] = "signature.no_agreement";
} // namespace signature

// A command line was not understood (triadctl).
inline constexpr char kUsage[] = "usage";

namespace usage {
inline constexpr char kShortId[] = "usage.short_id";
} // namespace usage

namespace window {
inline constexpr char kClockWrong[] = "window.clock_wrong";
inline constexpr char kOpen[] = "window.open";
} // namespace window

namespace store {
inline constexpr char kKeyMismatch[] = "store.key_mismatch";
} // namespace store

namespace decline {
inline constexpr char kNoWitness[] = "decline.no_witness";
inline constexpr char kNotEntitled[] = "decline.not_entitled";
inline constexpr char kAcknowledged[] = "decline.acknowledged";
} // namespace decline

namespace report {
inline constexpr char kNoNarrative[] = "report.no_narrative";
inline constexpr char kNoDraft[] = "report.no_draft";
} // namespace report

namespace enrollment {
inline constexpr char kNone[] = "enrollment.none";
} // namespace enrollment

} // namespace triad::errc
