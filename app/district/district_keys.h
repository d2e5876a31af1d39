// District IT's keys and what only they can do: create the district, certify a person's device key, revoke a
// certificate, publish the signed directory, recover a person's referred-case records with the district records key.
// triadctl's `district` commands and the tests call this library; it reads no arguments and prints nothing.
//
// A district folder holds (docs/deployment.md "District keys"):
//   district.key      the root and records secret keys, wrapped under the district passphrase (Argon2id)
//   district.info     the public district information devices pin (its enrollment code is their fingerprint)
//   issued/*.cert     every certificate issued, named by serial; issued.log one line per certificate
//   revocations.bin   the newest signed revocation list
//   directory.bin     the newest signed directory snapshot (its sequence number is the next one's base)
#pragma once

#include "certificate.h"
#include "receipt.h"
#include "identity.h"
#include "linux/passphrase_keystore.h"
#include "local_store.h"
#include "result.h"

#include <string>
#include <vector>

namespace triad::district {

// The two district key pairs, unlocked: root (signs certificates, revocations, directories) and records (reads the
// referred-case records the rules seal to the district, signs recovery grants).
struct DistrictKeys {
    crypto::Identity root;
    crypto::Identity records;
    directory::DistrictInfo info;
};

// A device's certificate request ("triad-cert-request/1", written by `triadctl keys request`).
struct CertificateRequest {
    RecordId personId;
    std::string displayName;
    crypto::PublicIdentity keys;
};
Result<CertificateRequest> parseCertificateRequest(std::span<const std::uint8_t> bytes);

struct Issued {
    directory::Certificate certificate;
    crypto::Bytes bytes;
};

struct Revoked {
    directory::RevocationList list;
    crypto::Bytes bytes;
};

struct Published {
    directory::DirectorySnapshot snapshot;
    std::size_t revokedCount = 0;
    std::uint64_t revocationSequence = 0;
    crypto::Bytes bytes;
};

struct Recovered {
    std::size_t recordCount = 0; // records the person can now open
    crypto::Bytes bundle;        // those records with a recovery grant each, to import on the person's device
    std::string displayName;
};

class DistrictFolder {
public:
    explicit DistrictFolder(std::string dir);
    const std::string &dir() const { return m_dir; }

    // Creates the keys in an empty folder (refuses "district.exists" when a district key is there already).
    static Result<directory::DistrictInfo> create(const std::string &dir, const std::string &name, const platform::UnlockCredential &passphrase,
                                                  platform::KdfStrength strength);
    // The public district information alone (no passphrase).
    Result<directory::DistrictInfo> info() const;
    // Unlocks the keys and checks they are the ones district.info names.
    Result<DistrictKeys> open(const platform::UnlockCredential &passphrase) const;

    // Certifies a request for `roles` for `days` (1..1098); `samePerson` keeps a known person's id for a new device.
    Result<Issued> certify(const DistrictKeys &keys, const CertificateRequest &request, const std::vector<Role> &roles, int days,
                           const std::optional<RecordId> &samePerson, std::int64_t nowMs) const;
    // Adds a serial to the revocation list, with the next sequence number.
    Result<Revoked> revoke(const DistrictKeys &keys, const RecordId &serial, std::int64_t nowMs) const;
    // Signs the next directory snapshot: every certificate issued that is valid now and not revoked, the revocation
    // list, a next-update time `days` (1..366) ahead and the case store pins: `pins` when given (empty: no pinning
    // from now on), else the last published directory's (publishing again never drops a pin by omission).
    // The case store's receipt keys likewise: `receiptKeys` when given, else the last directory's.
    // The district policies adopted: the last directory's and `adopt` (each a shipped policy): a policy once adopted
    // stays, so no case is left under a policy the directory no longer names (docs/security.md "The district's
    // policies").
    // Errors "directory.invalid" (more than kMaxCaseStorePins, kMaxReceiptKeys or kMaxAdoptedPolicies, or one twice),
    // as issueDirectory; "policy.unknown" (a policy to adopt that is not shipped).
    Result<Published> publish(const DistrictKeys &keys, int days, std::int64_t nowMs,
                              const std::optional<std::vector<directory::CaseStorePin>> &pins = std::nullopt,
                              const std::optional<std::vector<directory::ReceiptKey>> &receiptKeys = std::nullopt,
                              const std::vector<std::string> &adopt = {}) const;
    // Grants the person whose certificate is given every record in `records` (a bundle) that the district records key
    // can open: referred records only, by the rules that seal to it. Grants are signed by the records key.
    Result<Recovered> recover(const DistrictKeys &keys, std::span<const std::uint8_t> records, std::span<const std::uint8_t> personCertificate,
                              std::int64_t nowMs) const;

private:
    std::string path(const char *name) const;
    Result<std::optional<directory::RevocationList>> revocations(const DistrictKeys &keys, crypto::Bytes *bytes = nullptr) const;

    std::string m_dir;
};

// The pin of the case store's TLS certificate (the first one in the file: the server's own, before its chain), PEM or
// DER: what devices compare with the key the case store presents. Errors "pin.not_a_certificate", file errors.
struct CertificatePin {
    directory::CaseStorePin pin{};
    std::string subject;  // the certificate's common name (or its whole subject), for district IT to check
    std::string notAfter; // its expiry, ISO 8601 UTC
};
Result<CertificatePin> caseStorePinOfCertificate(const std::string &certificateFile);

// Reads a file of at most 16 MiB; writes one atomically. Errors name the file and what it was meant to be.
Result<crypto::Bytes> readFile(const std::string &path, const char *what);
// `secret`: the file is created readable by its owner only (the district's wrapped signing key).
Status writeFile(const std::string &path, std::span<const std::uint8_t> bytes, const char *what, bool secret = false);

} // namespace triad::district
