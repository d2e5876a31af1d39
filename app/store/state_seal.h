// The local state seal (docs/security.md "Local state"): a keyed BLAKE2b tag over each security-relevant part of the
// store's settings (the `meta` table) and the district directory (the `directory` table), kept in meta as `state_mac`
// and rewritten in the same transaction as every write of those parts. Someone who can write the store's files while
// the device is off cannot change, add or remove any of them without the owner's identity: the MAC key is derived
// from it (crypto::LocalKeyPurpose::StateMac).
//
// The parts, in this order (one tag each, so a mismatch can be named):
//   format       meta "format", and the schema version (SQLite user_version) the seal was made at
//   owner        meta "owner_person_id", "owner_public_keys", "device_id"
//   district     meta "district_info"                                          (the directory is not trusted if bad)
//   revocations  meta "revocations"                                            (the directory is not trusted if bad)
//   directory    meta "directory_snapshot" and every row of table `directory`  (the directory is not trusted if bad)
//   case_store   meta "sync.case_store_url"
//   token        meta "sync.token_wrapped"
//   sync_state   meta "sync.cursor", "sync.last_synced_at"
//   other        every other meta row but "state_mac" (none today: a row added by someone else)
//
// state_mac = version u8 (1) || schema u32 LE || part count u8 || 32-byte tag per part, in the order above.
// tag = crypto_generichash (BLAKE2b-256) keyed with the MAC key, over
//   "triad.local-state.v1" || version u8 || schema u32 LE || name length u8 || part name ||
//   per meta key of the part, in the order listed (for "other": by key):  key length u32 || key || present u8
//                                                                         [ || value length u32 || value ]
//   for "directory", then per row of `directory` by sign_key_id: sign_key_id, person_id, certificate (each
//   length u32 || bytes), added_at i64 LE.
#pragma once

#include "identity.h"
#include "sqlite_db.h"

#include <optional>
#include <string>
#include <vector>

namespace triad::store::seal {

inline constexpr const char *kMacKey = "state_mac";
// The meta "format" of a sealed store: a store that says so must carry a seal.
inline constexpr const char *kSealedFormat = "triad-store/2";

struct Part {
    const char *name; // e.g. "district"
    const char *what; // for people: "the pinned district"
    bool directory;   // the district directory is not loaded when this part does not match
};
const std::vector<Part> &parts();

struct Verdict {
    bool present = false;                // a state_mac row is there
    std::optional<int> schema;           // the schema version it was made at (when well-formed)
    std::vector<std::string> mismatched; // part names whose tag does not match (all of them if the row is damaged)
    bool downgraded = false;             // the schema version is below the one the seal proves (then "format" is listed)
    bool sealedFormat = false;           // meta "format" says the store is sealed (kSealedFormat)
    bool ok() const { return present && mismatched.empty(); }
};
// Whether the district directory may be loaded with these parts mismatched ("seal": the seal is missing).
bool directoryTrusted(const std::vector<std::string> &mismatched);

// Reads the rows and checks the stored seal against them and the database's user_version; changes nothing.
Result<Verdict> verify(Database &db, const crypto::SecureBuffer &macKey);
// What the transaction being sealed wrote, by part: those parts' tags are computed again over their rows (only their
// rows are read), every other part's tag is taken from the stored seal. Taking a stored tag never vouches for rows it
// was not computed over: a row of another part changed behind the app's back, even while it runs, still fails at the
// next unlock (and one of a written part is caught before the write: checkBeforeWrite). With no usable stored seal to take them from (missing, malformed, made at another schema) such a
// reseal is refused ("state.tampered") rather than computing every tag afresh, which would seal in whatever the other
// rows are now.
enum class Written {
    Anything,     // every tag afresh: the first seal, a schema migration, an enrollment (proved by its enrollment code,
                  // the way a tampered state is cleared)
    SyncState,    // "sync_state": a pulled page's cursor, the last-synced time, a cursor reset (several times a sync)
    Endpoint,     // "case_store", "token": the case store address and the device token
    Certificates, // "directory": a certificate added to the district directory
    Revocations,  // "revocations": a revocation list
    Directory,    // "revocations", "directory": a directory snapshot and the revocation list it carries
};
// Before a write of the parts `written` names (not Anything), inside its transaction: their rows as they are now must
// be the rows the stored seal was made over, or the write is refused ("state.tampered"). Otherwise a row of a written
// part that the write leaves alone (another row of the part, changed while the app runs) would be sealed in with it.
Status checkBeforeWrite(Database &db, const crypto::SecureBuffer &macKey, Written written);
// Computes the seal of the rows as they are now (at the current user_version) and writes it. Call inside the
// transaction that wrote the rows.
Status reseal(Database &db, const crypto::SecureBuffer &macKey, Written written);

// The sentence shown at unlock for a verdict that is not ok().
std::string problemSentence(const Verdict &verdict);

} // namespace triad::store::seal
