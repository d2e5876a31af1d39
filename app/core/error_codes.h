// Stable error codes (Error::code) that callers act on: compare with these constants, never with a bare string, so a
// renamed code fails to compile instead of silently changing behaviour. Each module owns its prefix. The codes are
// part of the logs, the CLI's output and the sync protocol's error replies (docs/protocol.md), so their values never
// change; a view model turns the ones a person meets into a sentence in their language (ui::errorText).
#pragma once

namespace triad::errc {

// A command line was not understood (triadctl).
inline constexpr char kUsage[] = "usage";

namespace agreement {
inline constexpr char kNone[] = "agreement.none";
} // namespace agreement

namespace auth {
inline constexpr char kExpired[] = "auth.expired";
inline constexpr char kInvalid[] = "auth.invalid";
inline constexpr char kRequired[] = "auth.required";
} // namespace auth

namespace backup {
inline constexpr char kCorrupt[] = "backup.corrupt";
inline constexpr char kUnsupported[] = "backup.unsupported";
inline constexpr char kWeakPassphrase[] = "backup.weak_passphrase";
inline constexpr char kWrongPassphrase[] = "backup.wrong_passphrase";
} // namespace backup

namespace bundle {
inline constexpr char kConflict[] = "bundle.conflict";
inline constexpr char kMalformed[] = "bundle.malformed";
inline constexpr char kUnsupported[] = "bundle.unsupported";
} // namespace bundle

namespace capture {
inline constexpr char kBusy[] = "capture.busy";
inline constexpr char kFailed[] = "capture.failed";
inline constexpr char kNotRecording[] = "capture.not_recording";
inline constexpr char kUnavailable[] = "capture.unavailable";
} // namespace capture

namespace case_ {
inline constexpr char kAlreadyInPar[] = "case.already_in_par";
inline constexpr char kNotAMentor[] = "case.not_a_mentor";
inline constexpr char kNotAReferral[] = "case.not_a_referral";
inline constexpr char kNotEntitled[] = "case.not_entitled";
inline constexpr char kPolicyNotAdopted[] = "case.policy_not_adopted";
inline constexpr char kReferred[] = "case.referred";
inline constexpr char kSameMentor[] = "case.same_mentor";
inline constexpr char kUnknown[] = "case.unknown";
inline constexpr char kVolunteersNotAccepted[] = "case.volunteers_not_accepted";
} // namespace case_

namespace casestore {
inline constexpr char kDb[] = "casestore.db";
inline constexpr char kDbOpen[] = "casestore.db_open";
inline constexpr char kDbSingle[] = "casestore.db_single";
inline constexpr char kDbTooNew[] = "casestore.db_too_new";
} // namespace casestore

namespace certificate {
inline constexpr char kBadDays[] = "certificate.bad_days";
inline constexpr char kBadSignature[] = "certificate.bad_signature";
inline constexpr char kExpired[] = "certificate.expired";
inline constexpr char kInvalid[] = "certificate.invalid";
inline constexpr char kMalformed[] = "certificate.malformed";
inline constexpr char kNoRole[] = "certificate.no_role";
inline constexpr char kRevoked[] = "certificate.revoked";
inline constexpr char kUnknown[] = "certificate.unknown";
inline constexpr char kUnsupportedVersion[] = "certificate.unsupported_version";
inline constexpr char kWrongDistrict[] = "certificate.wrong_district";
} // namespace certificate

namespace consent {
inline constexpr char kNone[] = "consent.none";
inline constexpr char kNotApplicable[] = "consent.not_applicable";
} // namespace consent

namespace deadlines {
inline constexpr char kBadFacts[] = "deadlines.bad_facts";
} // namespace deadlines

namespace decline {
inline constexpr char kAcknowledged[] = "decline.acknowledged";
inline constexpr char kAlreadyRecorded[] = "decline.already_recorded";
inline constexpr char kBadDate[] = "decline.bad_date";
inline constexpr char kNoWitness[] = "decline.no_witness";
inline constexpr char kNotEntitled[] = "decline.not_entitled";
} // namespace decline

namespace demo {
inline constexpr char kAsset[] = "demo.asset";
inline constexpr char kCaseStore[] = "demo.case_store";
inline constexpr char kNoCase[] = "demo.no_case";
inline constexpr char kNotEmpty[] = "demo.not_empty";
inline constexpr char kNotPrepared[] = "demo.not_prepared";
inline constexpr char kSync[] = "demo.sync";
} // namespace demo

namespace directory {
inline constexpr char kBadDays[] = "directory.bad_days";
inline constexpr char kBadPin[] = "directory.bad_pin";
inline constexpr char kBadSignature[] = "directory.bad_signature";
inline constexpr char kConflict[] = "directory.conflict";
inline constexpr char kInvalid[] = "directory.invalid";
inline constexpr char kMalformed[] = "directory.malformed";
inline constexpr char kNone[] = "directory.none";
inline constexpr char kRollback[] = "directory.rollback";
inline constexpr char kUnsupportedVersion[] = "directory.unsupported_version";
inline constexpr char kWrongDistrict[] = "directory.wrong_district";
} // namespace directory

namespace district {
inline constexpr char kBadName[] = "district.bad_name";
inline constexpr char kCorrupt[] = "district.corrupt";
inline constexpr char kExists[] = "district.exists";
inline constexpr char kMalformed[] = "district.malformed";
inline constexpr char kMismatch[] = "district.mismatch";
inline constexpr char kMissing[] = "district.missing";
inline constexpr char kUnreadable[] = "district.unreadable";
inline constexpr char kUnsupportedVersion[] = "district.unsupported_version";
} // namespace district

namespace document {
inline constexpr char kBadVersions[] = "document.bad_versions";
inline constexpr char kContext[] = "document.context";
inline constexpr char kForked[] = "document.forked";
inline constexpr char kNoReaders[] = "document.no_readers";
inline constexpr char kNotEditable[] = "document.not_editable";
inline constexpr char kNotEntitled[] = "document.not_entitled";
inline constexpr char kNotForked[] = "document.not_forked";
inline constexpr char kNotReadable[] = "document.not_readable";
inline constexpr char kNotSigned[] = "document.not_signed";
inline constexpr char kRefused[] = "document.refused";
inline constexpr char kStale[] = "document.stale";
inline constexpr char kUnknown[] = "document.unknown";
inline constexpr char kUnknownVersion[] = "document.unknown_version";
} // namespace document

namespace enrollment {
inline constexpr char kAlready[] = "enrollment.already";
inline constexpr char kMismatch[] = "enrollment.mismatch";
inline constexpr char kNone[] = "enrollment.none";
inline constexpr char kNotOwner[] = "enrollment.not_owner";
} // namespace enrollment

namespace event {
inline constexpr char kNotEntitled[] = "event.not_entitled";
} // namespace event

namespace evidence {
inline constexpr char kNotAPhoto[] = "evidence.not_a_photo";
inline constexpr char kNotEntitled[] = "evidence.not_entitled";
inline constexpr char kUnknown[] = "evidence.unknown";
inline constexpr char kVolunteer[] = "evidence.volunteer";
} // namespace evidence

namespace extension {
inline constexpr char kNotAllowed[] = "extension.not_allowed";
} // namespace extension

namespace file {
inline constexpr char kMissing[] = "file.missing";
inline constexpr char kTooLarge[] = "file.too_large";
inline constexpr char kUnreadable[] = "file.unreadable";
inline constexpr char kUnwritable[] = "file.unwritable";
} // namespace file

namespace form {
inline constexpr char kAlreadySigned[] = "form.already_signed";
inline constexpr char kCaseEnded[] = "form.case_ended";
inline constexpr char kIncomplete[] = "form.incomplete";
inline constexpr char kInvalid[] = "form.invalid";
inline constexpr char kNotAForm[] = "form.not_a_form";
inline constexpr char kNotApplicable[] = "form.not_applicable";
inline constexpr char kNotSigner[] = "form.not_signer";
inline constexpr char kNotYours[] = "form.not_yours";
inline constexpr char kUnknown[] = "form.unknown";
inline constexpr char kVisitorIsOwner[] = "form.visitor_is_owner";
inline constexpr char kWindowClosed[] = "form.window_closed";
} // namespace form

namespace identity {
inline constexpr char kMalformed[] = "identity.malformed";
inline constexpr char kUnwrapFailed[] = "identity.unwrap_failed";
inline constexpr char kWrapFailed[] = "identity.wrap_failed";
} // namespace identity

namespace input {
inline constexpr char kAmbiguousId[] = "input.ambiguous_id";
inline constexpr char kEmpty[] = "input.empty";
inline constexpr char kEncoding[] = "input.encoding";
inline constexpr char kNoPassphrase[] = "input.no_passphrase";
inline constexpr char kPassphraseMismatch[] = "input.passphrase_mismatch";
inline constexpr char kTooLarge[] = "input.too_large";
inline constexpr char kTooLong[] = "input.too_long";
inline constexpr char kUnknownId[] = "input.unknown_id";
inline constexpr char kUnsupportedType[] = "input.unsupported_type";
} // namespace input

namespace keystore {
inline constexpr char kCorrupt[] = "keystore.corrupt";
inline constexpr char kUnsupported[] = "keystore.unsupported";
inline constexpr char kWeakPassphrase[] = "keystore.weak_passphrase";
inline constexpr char kWrongPassphrase[] = "keystore.wrong_passphrase";
} // namespace keystore

namespace media {
inline constexpr char kDamaged[] = "media.damaged";
inline constexpr char kEncryptFailed[] = "media.encrypt_failed";
inline constexpr char kMissing[] = "media.missing";
inline constexpr char kMisuse[] = "media.misuse";
inline constexpr char kNoRecord[] = "media.no_record";
inline constexpr char kTruncated[] = "media.truncated";
} // namespace media

namespace note {
inline constexpr char kUnknown[] = "note.unknown";
inline constexpr char kUnknownTag[] = "note.unknown_tag";
} // namespace note

namespace observation {
inline constexpr char kAlreadyOpen[] = "observation.already_open";
inline constexpr char kEnded[] = "observation.ended";
inline constexpr char kNoneOpen[] = "observation.none_open";
inline constexpr char kUnknown[] = "observation.unknown";
} // namespace observation

namespace origin {
inline constexpr char kInvalid[] = "origin.invalid";
} // namespace origin

namespace payload {
inline constexpr char kMalformed[] = "payload.malformed";
} // namespace payload

namespace pdf {
inline constexpr char kBadRecords[] = "pdf.bad_records";
inline constexpr char kNoRecords[] = "pdf.no_records";
inline constexpr char kUnreadable[] = "pdf.unreadable";
inline constexpr char kWriteFailed[] = "pdf.write_failed";
} // namespace pdf

namespace pin {
inline constexpr char kNotACertificate[] = "pin.not_a_certificate";
} // namespace pin

namespace policy {
inline constexpr char kInvalid[] = "policy.invalid";
inline constexpr char kUnknown[] = "policy.unknown";
} // namespace policy

namespace receipt {
inline constexpr char kBadKey[] = "receipt.bad_key";
inline constexpr char kBadSignature[] = "receipt.bad_signature";
inline constexpr char kMalformed[] = "receipt.malformed";
inline constexpr char kNoKeys[] = "receipt.no_keys";
inline constexpr char kNoRecord[] = "receipt.no_record";
inline constexpr char kTampered[] = "receipt.tampered";
inline constexpr char kUnknownKey[] = "receipt.unknown_key";
inline constexpr char kWrongRecord[] = "receipt.wrong_record";
} // namespace receipt

namespace receipt_key {
inline constexpr char kMalformed[] = "receipt_key.malformed";
inline constexpr char kUnreadable[] = "receipt_key.unreadable";
inline constexpr char kUnwritable[] = "receipt_key.unwritable";
} // namespace receipt_key

namespace record {
inline constexpr char kBadSignature[] = "record.bad_signature";
inline constexpr char kConflict[] = "record.conflict";
inline constexpr char kDecryptFailed[] = "record.decrypt_failed";
inline constexpr char kKeyMismatch[] = "record.key_mismatch";
inline constexpr char kMalformed[] = "record.malformed";
inline constexpr char kMetadataMismatch[] = "record.metadata_mismatch";
inline constexpr char kMismatch[] = "record.mismatch";
inline constexpr char kMisrouted[] = "record.misrouted";
inline constexpr char kNoReaders[] = "record.no_readers";
inline constexpr char kNotAReader[] = "record.not_a_reader";
inline constexpr char kNullId[] = "record.null_id";
inline constexpr char kSealFailed[] = "record.seal_failed";
inline constexpr char kTooLarge[] = "record.too_large";
inline constexpr char kUnknown[] = "record.unknown";
inline constexpr char kUnknownAuthor[] = "record.unknown_author";
inline constexpr char kUnsupportedAlgorithm[] = "record.unsupported_algorithm";
inline constexpr char kUnsupportedVersion[] = "record.unsupported_version";
} // namespace record

namespace records {
inline constexpr char kUnknown[] = "records.unknown";
} // namespace records

namespace referral {
inline constexpr char kNotEligible[] = "referral.not_eligible";
} // namespace referral

namespace report {
inline constexpr char kBadPeriod[] = "report.bad_period";
inline constexpr char kInvalid[] = "report.invalid";
inline constexpr char kNoDraft[] = "report.no_draft";
inline constexpr char kNoNarrative[] = "report.no_narrative";
inline constexpr char kNoSection[] = "report.no_section";
inline constexpr char kNone[] = "report.none";
inline constexpr char kNotAReport[] = "report.not_a_report";
inline constexpr char kOtherCase[] = "report.other_case";
inline constexpr char kUnknownVersion[] = "report.unknown_version";
} // namespace report

namespace request {
inline constexpr char kBadCursor[] = "request.bad_cursor";
inline constexpr char kMalformed[] = "request.malformed";
} // namespace request

namespace response {
inline constexpr char kNoDraft[] = "response.no_draft";
inline constexpr char kNoReceipt[] = "response.no_receipt";
inline constexpr char kOnTime[] = "response.on_time";
inline constexpr char kWindowClosed[] = "response.window_closed";
} // namespace response

namespace response_window {
inline constexpr char kBadTime[] = "response_window.bad_time";
} // namespace response_window

namespace revocations {
inline constexpr char kBadSignature[] = "revocations.bad_signature";
inline constexpr char kConflict[] = "revocations.conflict";
inline constexpr char kMalformed[] = "revocations.malformed";
inline constexpr char kStale[] = "revocations.stale";
inline constexpr char kWrongDistrict[] = "revocations.wrong_district";
} // namespace revocations

namespace rules {
inline constexpr char kNotEntitled[] = "rules.not_entitled";
inline constexpr char kRevoked[] = "rules.revoked";
inline constexpr char kUncertified[] = "rules.uncertified";
inline constexpr char kWrongAuthor[] = "rules.wrong_author";
} // namespace rules

namespace session {
inline constexpr char kLocked[] = "session.locked";
inline constexpr char kTimeout[] = "session.timeout";
} // namespace session

namespace signature {
inline constexpr char kNoAgreement[] = "signature.no_agreement";
inline constexpr char kNotEntitled[] = "signature.not_entitled";
} // namespace signature

namespace state {
inline constexpr char kTampered[] = "state.tampered";
} // namespace state

namespace store {
inline constexpr char kBusy[] = "store.busy";
inline constexpr char kCannotOpen[] = "store.cannot_open";
inline constexpr char kCorrupt[] = "store.corrupt";
inline constexpr char kDiskFull[] = "store.disk_full";
inline constexpr char kExists[] = "store.exists";
inline constexpr char kIo[] = "store.io";
inline constexpr char kKeyMismatch[] = "store.key_mismatch";
inline constexpr char kMigration[] = "store.migration";
inline constexpr char kNoWal[] = "store.no_wal";
inline constexpr char kNotInitialised[] = "store.not_initialised";
inline constexpr char kReadOnly[] = "store.read_only";
inline constexpr char kSqlite[] = "store.sqlite";
inline constexpr char kTooNew[] = "store.too_new";
} // namespace store

namespace sync {
inline constexpr char kBadReply[] = "sync.bad_reply";
inline constexpr char kBadToken[] = "sync.bad_token";
inline constexpr char kBadUrl[] = "sync.bad_url";
inline constexpr char kInternal[] = "sync.internal";
inline constexpr char kLocalStore[] = "sync.local_store";
inline constexpr char kNoCaseStore[] = "sync.no_case_store";
inline constexpr char kNotAccepted[] = "sync.not_accepted";
inline constexpr char kOffline[] = "sync.offline";
inline constexpr char kPinRefused[] = "sync.pin_refused";
inline constexpr char kTokenRefused[] = "sync.token_refused";
inline constexpr char kUnavailable[] = "sync.unavailable";
inline constexpr char kUnreachable[] = "sync.unreachable";
} // namespace sync

namespace tls {
inline constexpr char kCertificate[] = "tls.certificate";
inline constexpr char kKey[] = "tls.key";
} // namespace tls

namespace usage {
inline constexpr char kBadId[] = "usage.bad_id";
inline constexpr char kShortId[] = "usage.short_id";
} // namespace usage

namespace window {
inline constexpr char kClockWrong[] = "window.clock_wrong";
inline constexpr char kOpen[] = "window.open";
} // namespace window

} // namespace triad::errc
