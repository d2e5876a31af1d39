// A device's view of the district directory: the pinned district, the certificates it has verified and the newest
// revocation list. It is the author lookup every record open goes through, so a record is only ever accepted from
// a key the pinned district certified and has not revoked.
#pragma once

#include "certificate.h"
#include "sealed_record.h"

#include <map>

namespace triad::directory {

// The directory snapshot a device holds (the newest it has applied).
struct HeldDirectory {
    std::uint64_t sequence = 0;
    std::int64_t issuedAtMs = 0;
    std::int64_t nextUpdateMs = 0;
    std::array<std::uint8_t, 32> digest{};   // BLAKE2b-256 of the snapshot's bytes: the same sequence must be the same bytes
    std::vector<CaseStorePin> caseStorePins; // the case store keys this device accepts over https:// (none: CA check)
    std::vector<ReceiptKey> receiptKeys;     // the keys the case store signs receipts with (directory/receipt.h)
    std::vector<std::string> adoptedPolicies; // the district policies cases may follow (none named: any shipped one)
    bool staleAt(std::int64_t nowMs) const { return nowMs > nextUpdateMs; }
};

enum class DirectoryOutcome {
    Applied, // newer than the one held (or the first): its revocations and certificates are in the directory now
    Held,    // the snapshot held, byte for byte: nothing changed
};

class KeyDirectory {
public:
    explicit KeyDirectory(DistrictInfo pinned) : m_district(std::move(pinned)) {}

    const DistrictInfo &district() const { return m_district; }

    // Verifies and adds a certificate. A certificate for a key that is already known replaces the older one only
    // if it was issued later. Errors as verifyCertificate(), plus "certificate.revoked".
    Status addCertificate(std::span<const std::uint8_t> bytes, std::int64_t nowMs);
    // Verifies and applies a revocation list; an older sequence than the one held is refused ("revocations.stale"),
    // and so is the same sequence with other content ("revocations.conflict"); the same list again changes nothing.
    Status applyRevocations(std::span<const std::uint8_t> bytes);
    // Verifies and applies a district directory snapshot (certificate.h): all or nothing. Refused: an older sequence
    // than the snapshot held ("directory.rollback"), the same sequence with other bytes ("directory.conflict"), a
    // revocation list of the sequence held with other content ("revocations.conflict"), and what verifyDirectory
    // refuses. Its revocation list is applied unless older than the one held (a revocation is never undone); its
    // certificates valid at nowMs and not revoked are added (the others are skipped: expired ones are normal).
    Result<DirectoryOutcome> applyDirectory(std::span<const std::uint8_t> bytes, std::int64_t nowMs);
    // The snapshot a device stored after applying it (its parts are stored and loaded on their own): only its
    // signature is checked again, and it becomes the one held. Errors as verifyDirectory().
    Status restoreDirectory(std::span<const std::uint8_t> bytes);
    const std::optional<HeldDirectory> &heldDirectory() const { return m_held; }
    const RevocationList &revocations() const { return m_revocations; }
    // The revocation list as the district signed it (empty: none applied).
    const Bytes &revocationBytes() const { return m_revocationBytes; }

    // The certificate for an author's signing key id, if certified, unexpired at nowMs and not revoked.
    Result<Certificate> certificateForSigner(const crypto::KeyId &signKeyId, std::int64_t nowMs) const;
    Result<Certificate> certificateForPerson(const RecordId &personId, std::int64_t nowMs) const;
    // Everyone currently certified with `role` (the directors of induction, the panel).
    std::vector<Certificate> certificatesWithRole(Role role, std::int64_t nowMs) const;
    // Each person's name as the district certified it: the newest certificate held for them, valid or not (a former
    // mentor keeps their name on the reports they wrote).
    std::map<RecordId, std::string> certifiedNames() const;
    // For crypto::open(): resolves only certified, unrevoked authors.
    crypto::AuthorLookup authorLookup(std::int64_t nowMs) const;
    bool isRevoked(const RecordId &serial) const { return m_revocations.revokedSerials.count(serial) > 0; }
    // The certificate held for a signing key id, whatever its validity (nullptr: none).
    const Certificate *heldForSigner(const crypto::KeyId &signKeyId) const
    {
        auto it = m_bySigner.find(signKeyId);
        return it == m_bySigner.end() ? nullptr : &it->second;
    }

private:
    DistrictInfo m_district;
    std::map<crypto::KeyId, Certificate> m_bySigner;
    RevocationList m_revocations;
    Bytes m_revocationBytes;
    std::optional<HeldDirectory> m_held;
};

} // namespace triad::directory
