#include "enrollment_service.h"
#include "error_codes.h"

#include "store_internal.h"

namespace triad::store {

using detail::metaValue;
using detail::putMeta;

namespace {

Status putCertificate(Database &db, const directory::Certificate &c, std::span<const std::uint8_t> bytes, std::int64_t now)
{
    auto st = db.cached("INSERT INTO directory (sign_key_id, person_id, certificate, added_at) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (sign_key_id) DO UPDATE SET certificate = excluded.certificate, added_at = excluded.added_at");
    if (!st) return st.error();
    const auto kid = c.keys.signKeyId();
    return (*st)
        ->bind(1, std::span<const std::uint8_t>(kid))
        .bind(2, std::span<const std::uint8_t>(c.personId.bytes))
        .bind(3, bytes)
        .bind(4, now)
        .run();
}

} // namespace

Result<directory::Certificate> EnrollmentService::checkEnrollment(const std::string &enrollmentCode, std::span<const std::uint8_t> districtInfo,
                                                                  std::span<const std::uint8_t> ownCertificate) const
{
    if (m_store.enrolled() && !m_store.stateProblem())
        return makeError(errc::enrollment::kAlready, "This device is already enrolled in " + m_store.keyDirectory()->district().name + ".");
    auto district = directory::DistrictInfo::deserialize(districtInfo);
    if (!district) return district.error();
    if (auto s = directory::checkEnrollmentCode(enrollmentCode, *district); !s) return s.error();
    auto cert = directory::verifyCertificate(ownCertificate, *district, m_store.now());
    if (!cert) return cert.error();
    if (!(cert->keys == m_store.ownerKeys()))
        return makeError(errc::enrollment::kNotOwner, "That certificate is for " + cert->displayName + "'s keys, not this device's.");
    return cert;
}

Status EnrollmentService::enroll(const std::string &enrollmentCode, std::span<const std::uint8_t> districtInfo,
                                 std::span<const std::uint8_t> ownCertificate)
{
    auto cert = checkEnrollment(enrollmentCode, districtInfo, ownCertificate);
    if (!cert) return cert.error();
    const bool reset = m_store.stateProblem().has_value();
    return m_store.writeEnrollment([&]() -> Status {
        if (reset)
            if (auto s = resetTamperedState(*directory::DistrictInfo::deserialize(districtInfo), *cert); !s) return s;
        if (auto s = putMeta(m_store.database(), "district_info", districtInfo); !s) return s;
        return putCertificate(m_store.database(), *cert, ownCertificate, m_store.now());
    });
}

// Enrolling again after the state was found changed (stateProblem()): the newly pinned district and the owner's
// certificate are proved by the enrollment code and the district's signature. What the seal can no longer vouch for
// goes, to come back from the district and the case store: the sync settings, the device token and the pull cursor
// (the next pull starts from the beginning; records held are skipped), a revocation list or directory snapshot the
// new district did not sign. Certificates stay: each is verified against the pinned district when loaded. The owner's
// person id is the certificate's. No record, outbox entry, draft or medium is touched.
Status EnrollmentService::resetTamperedState(const directory::DistrictInfo &district, const directory::Certificate &own)
{
    Database &db = m_store.database();
    if (auto s = db.exec("DELETE FROM meta WHERE key LIKE 'sync.%'"); !s) return s;
    directory::KeyDirectory probe(district);
    auto rev = metaValue(db, "revocations");
    if (!rev) return rev.error();
    if (*rev && !probe.applyRevocations(**rev))
        if (auto s = db.exec("DELETE FROM meta WHERE key = 'revocations'"); !s) return s;
    auto snapshot = metaValue(db, "directory_snapshot");
    if (!snapshot) return snapshot.error();
    if (*snapshot && !probe.restoreDirectory(**snapshot))
        if (auto s = db.exec("DELETE FROM meta WHERE key = 'directory_snapshot'"); !s) return s;
    if (auto s = putMeta(db, "owner_person_id", std::span<const std::uint8_t>(own.personId.bytes)); !s) return s;
    const std::string_view format = seal::kSealedFormat;
    return putMeta(db, "format", {reinterpret_cast<const std::uint8_t *>(format.data()), format.size()});
}

Status EnrollmentService::addCertificate(std::span<const std::uint8_t> certificate)
{
    return m_store.changeDirectory([&](directory::KeyDirectory &next) -> Result<bool> {
        auto cert = directory::verifyCertificate(certificate, next.district(), m_store.now());
        if (!cert) return cert.error();
        if (auto s = next.addCertificate(certificate, m_store.now()); !s) return s.error();
        if (auto s = putCertificate(m_store.database(), *cert, certificate, m_store.now()); !s) return s.error();
        return true;
    }, seal::Written::Certificates);
}

Status EnrollmentService::applyRevocations(std::span<const std::uint8_t> revocations)
{
    return m_store.changeDirectory([&](directory::KeyDirectory &next) -> Result<bool> {
        if (auto s = next.applyRevocations(revocations); !s) return s.error();
        if (auto s = putMeta(m_store.database(), "revocations", revocations); !s) return s.error();
        return true;
    }, seal::Written::Revocations);
}

Result<directory::DirectoryOutcome> EnrollmentService::applyDirectory(std::span<const std::uint8_t> snapshot)
{
    directory::DirectoryOutcome outcome = directory::DirectoryOutcome::Held;
    auto changed = m_store.changeDirectory([&](directory::KeyDirectory &next) -> Result<bool> {
        auto applied = next.applyDirectory(snapshot, m_store.now());
        if (!applied) return applied.error();
        outcome = *applied;
        if (outcome == directory::DirectoryOutcome::Held) return false;
        auto parts = directory::verifyDirectory(snapshot, next.district(), false); // its parts verified just above
        if (!parts) return parts.error();
        Database &db = m_store.database();
        if (!next.revocationBytes().empty())
            if (auto s = putMeta(db, "revocations", next.revocationBytes()); !s) return s.error();
        // The certificates the directory took (one per signing key, the newest), as addCertificate keeps one.
        for (const auto &bytes : parts->certificates) {
            auto c = directory::decodeCertificate(bytes);
            if (!c) continue;
            const directory::Certificate *held = next.heldForSigner(c->keys.signKeyId());
            if (held && held->serial == c->serial)
                if (auto s = putCertificate(db, *c, bytes, m_store.now()); !s) return s.error();
        }
        if (auto s = putMeta(db, "directory_snapshot", snapshot); !s) return s.error();
        return true;
    }, seal::Written::Directory);
    if (!changed) return changed.error();
    return outcome;
}

} // namespace triad::store
