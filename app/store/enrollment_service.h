// Enrollment in the district directory, and the directory's updates on this device: certificates and revocation
// lists handed over as files, and the signed directory snapshot the case store serves at every sync
// (docs/security.md "District directory"). A light service over the record-sealing core, which holds the directory
// and changes it only through LocalStore::writeEnrollment and LocalStore::changeDirectory.
#pragma once

#include "local_store.h"

namespace triad::store {

class EnrollmentService {
public:
    explicit EnrollmentService(LocalStore &store) : m_store(store) {}

    // Pins the district: the typed enrollment code must match the district info, and the owner's certificate must be
    // signed by it and name the owner's keys. From then on records are accepted only from certified, unrevoked
    // authors. Enrolling again clears LocalStore::stateProblem(). Errors: "enrollment.mismatch",
    // "enrollment.already", "enrollment.not_owner", certificate errors.
    Status enroll(const std::string &enrollmentCode, std::span<const std::uint8_t> districtInfo, std::span<const std::uint8_t> ownCertificate);
    // Every check enroll() makes, writing nothing: the owner's verified certificate. For a caller with more to do
    // before enrolling (triadctl asks the case store for a device token first, so a refusal there changes nothing).
    Result<directory::Certificate> checkEnrollment(const std::string &enrollmentCode, std::span<const std::uint8_t> districtInfo,
                                                   std::span<const std::uint8_t> ownCertificate) const;
    Status addCertificate(std::span<const std::uint8_t> certificate);
    Status applyRevocations(std::span<const std::uint8_t> revocations);
    // The district's signed directory snapshot (as the case store serves it at every sync): verified against the
    // pinned district, then its revocations and certificates kept, in one transaction. Refuses a rollback and the
    // same sequence with other content (KeyDirectory::applyDirectory), keeping the directory held.
    Result<directory::DirectoryOutcome> applyDirectory(std::span<const std::uint8_t> snapshot);

private:
    Status resetTamperedState(const directory::DistrictInfo &district, const directory::Certificate &own);
    LocalStore &m_store;
};

} // namespace triad::store
