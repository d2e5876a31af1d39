// A device's view of the district directory: the pinned district, the certificates it has verified and the newest
// revocation list. It is the author lookup every record open goes through, so a record is only ever accepted from
// a key the pinned district certified and has not revoked.
#pragma once

#include "certificate.h"
#include "sealed_record.h"

#include <map>

namespace triad::directory {

class KeyDirectory {
public:
    explicit KeyDirectory(DistrictInfo pinned) : m_district(std::move(pinned)) {}

    const DistrictInfo &district() const { return m_district; }

    // Verifies and adds a certificate. A certificate for a key that is already known replaces the older one only
    // if it was issued later. Errors as verifyCertificate(), plus "certificate.revoked".
    Status addCertificate(std::span<const std::uint8_t> bytes, std::int64_t nowMs);
    // Verifies and applies a revocation list; an older sequence than the one held is refused ("revocations.stale").
    Status applyRevocations(std::span<const std::uint8_t> bytes);

    // The certificate for an author's signing key id, if certified, unexpired at nowMs and not revoked.
    Result<Certificate> certificateForSigner(const crypto::KeyId &signKeyId, std::int64_t nowMs) const;
    Result<Certificate> certificateForPerson(const RecordId &personId, std::int64_t nowMs) const;
    // Everyone currently certified with `role` (the directors of induction, the panel).
    std::vector<Certificate> certificatesWithRole(Role role, std::int64_t nowMs) const;
    // For crypto::open(): resolves only certified, unrevoked authors.
    crypto::AuthorLookup authorLookup(std::int64_t nowMs) const;
    bool isRevoked(const RecordId &serial) const { return m_revocations.revokedSerials.count(serial) > 0; }

private:
    DistrictInfo m_district;
    std::map<crypto::KeyId, Certificate> m_bySigner;
    RevocationList m_revocations;
};

} // namespace triad::directory
