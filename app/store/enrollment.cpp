// LocalStore: enrollment in the district directory and the directory kept on this device.
#include "local_store.h"

#include "key_backup.h"

#include <algorithm>

namespace triad::store {

namespace {
std::vector<std::uint8_t> toVector(std::span<const std::uint8_t> b) { return {b.begin(), b.end()}; }

Result<std::optional<std::vector<std::uint8_t>>> metaValue(Database &db, const char *key)
{
    auto st = db.cached("SELECT value FROM meta WHERE key = ?");
    if (!st) return st.error();
    (*st)->bind(1, std::string(key));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::vector<std::uint8_t>>{};
    return std::optional<std::vector<std::uint8_t>>((*st)->columnBlob(0));
}

Status putMeta(Database &db, const char *key, std::span<const std::uint8_t> value)
{
    auto st = db.cached("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!st) return st.error();
    return (*st)->bind(1, std::string(key)).bind(2, value).run();
}

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

Status LocalStore::loadDirectory()
{
    // Changed while the device was off: only the owner's own records are accepted until the device is enrolled again.
    if (m_stateProblem && !seal::directoryTrusted(m_stateProblemParts)) {
        m_directory.reset();
        return {};
    }
    auto info = metaValue(*m_db, "district_info");
    if (!info) return info.error();
    if (!*info) return {};
    auto district = directory::DistrictInfo::deserialize(**info);
    if (!district) return makeError("store.corrupt", "The pinned district information is damaged: " + district.error().message);
    auto dir = std::make_unique<directory::KeyDirectory>(*district);
    auto rev = metaValue(*m_db, "revocations");
    if (!rev) return rev.error();
    if (*rev)
        if (auto s = dir->applyRevocations(**rev); !s)
            return makeError("store.corrupt", "The stored revocation list is damaged: " + s.error().message);
    auto st = m_db->cached("SELECT certificate FROM directory");
    if (!st) return st.error();
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        // Expired or revoked certificates stay stored but are not loaded; records by them are then refused.
        (void)dir->addCertificate((*st)->columnBlob(0), m_clock());
    }
    // The directory snapshot held: its sequence and next update (its parts were stored with it and are loaded above,
    // so only its own signature is checked again).
    auto snapshot = metaValue(*m_db, "directory_snapshot");
    if (!snapshot) return snapshot.error();
    if (*snapshot)
        if (auto s = dir->restoreDirectory(**snapshot); !s)
            return makeError("store.corrupt", "The stored district directory is damaged: " + s.error().message);
    m_directory = std::move(dir);
    return {};
}

Result<directory::Certificate> LocalStore::checkEnrollment(const std::string &enrollmentCode, std::span<const std::uint8_t> districtInfo,
                                                           std::span<const std::uint8_t> ownCertificate) const
{
    if (m_directory && !m_stateProblem)
        return makeError("enrollment.already", "This device is already enrolled in " + m_directory->district().name + ".");
    auto district = directory::DistrictInfo::deserialize(districtInfo);
    if (!district) return district.error();
    if (auto s = directory::checkEnrollmentCode(enrollmentCode, *district); !s) return s.error();
    auto cert = directory::verifyCertificate(ownCertificate, *district, now());
    if (!cert) return cert.error();
    if (!(cert->keys == m_identity.publicIdentity()))
        return makeError("enrollment.not_owner", "That certificate is for " + cert->displayName + "'s keys, not this device's.");
    return cert;
}

Status LocalStore::enroll(const std::string &enrollmentCode, std::span<const std::uint8_t> districtInfo, std::span<const std::uint8_t> ownCertificate)
{
    auto cert = checkEnrollment(enrollmentCode, districtInfo, ownCertificate);
    if (!cert) return cert.error();
    Transaction tx(*m_db);
    if (auto s = tx.begin(); !s) return s;
    const bool reset = m_stateProblem.has_value();
    if (reset)
        if (auto s = resetTamperedState(*directory::DistrictInfo::deserialize(districtInfo), *cert); !s) return s;
    if (auto s = putMeta(*m_db, "district_info", toVector(districtInfo)); !s) return s;
    if (auto s = putCertificate(*m_db, *cert, ownCertificate, now()); !s) return s;
    if (auto s = seal::reseal(*m_db, m_stateMacKey); !s) return s;
    if (auto s = tx.commit(); !s) return s;
    if (reset) {
        m_stateProblem.reset();
        m_stateProblemParts.clear();
        if (auto s = loadMeta(); !s) return s;
    }
    return loadDirectory();
}

// Enrolling again after the state was found changed (stateProblem()): the newly pinned district and the owner's
// certificate are proved by the enrollment code and the district's signature. What the seal can no longer vouch for
// goes, to come back from the district and the case store: the sync settings, the device token and the pull cursor
// (the next pull starts from the beginning; records held are skipped), a revocation list or directory snapshot the
// new district did not sign. Certificates stay: each is verified against the pinned district when loaded. The owner's
// person id is the certificate's. No record, outbox entry, draft or medium is touched.
Status LocalStore::resetTamperedState(const directory::DistrictInfo &district, const directory::Certificate &own)
{
    if (auto s = m_db->exec("DELETE FROM meta WHERE key LIKE 'sync.%'"); !s) return s;
    directory::KeyDirectory probe(district);
    auto rev = metaValue(*m_db, "revocations");
    if (!rev) return rev.error();
    if (*rev && !probe.applyRevocations(**rev))
        if (auto s = m_db->exec("DELETE FROM meta WHERE key = 'revocations'"); !s) return s;
    auto snapshot = metaValue(*m_db, "directory_snapshot");
    if (!snapshot) return snapshot.error();
    if (*snapshot && !probe.restoreDirectory(**snapshot))
        if (auto s = m_db->exec("DELETE FROM meta WHERE key = 'directory_snapshot'"); !s) return s;
    if (auto s = putMeta(*m_db, "owner_person_id", std::span<const std::uint8_t>(own.personId.bytes)); !s) return s;
    const std::string_view format = seal::kSealedFormat;
    return putMeta(*m_db, "format", {reinterpret_cast<const std::uint8_t *>(format.data()), format.size()});
}

Status LocalStore::addCertificate(std::span<const std::uint8_t> certificate)
{
    if (!m_directory) return makeError("enrollment.none", "Enroll this device in the district first.");
    if (auto s = stateWritable(); !s) return s;
    auto cert = directory::verifyCertificate(certificate, m_directory->district(), now());
    if (!cert) return cert.error();
    if (auto s = m_directory->addCertificate(certificate, now()); !s) return s;
    return writeSealedState([&] { return putCertificate(*m_db, *cert, certificate, now()); });
}

Status LocalStore::applyRevocations(std::span<const std::uint8_t> revocations)
{
    if (!m_directory) return makeError("enrollment.none", "Enroll this device in the district first.");
    if (auto s = stateWritable(); !s) return s;
    if (auto s = m_directory->applyRevocations(revocations); !s) return s;
    return writeSealedState([&] { return putMeta(*m_db, "revocations", revocations); });
}

Result<directory::DirectoryOutcome> LocalStore::applyDirectory(std::span<const std::uint8_t> snapshot)
{
    if (!m_directory) return makeError("enrollment.none", "Enroll this device in the district first.");
    if (auto s = stateWritable(); !s) return s.error();
    directory::KeyDirectory next = *m_directory;
    auto outcome = next.applyDirectory(snapshot, now());
    if (!outcome) return outcome.error();
    if (*outcome == directory::DirectoryOutcome::Held) return outcome;
    auto parts = directory::verifyDirectory(snapshot, next.district(), false); // its parts verified just above
    if (!parts) return parts.error();
    Transaction tx(*m_db);
    if (auto s = tx.begin(); !s) return s.error();
    if (!next.revocationBytes().empty())
        if (auto s = putMeta(*m_db, "revocations", next.revocationBytes()); !s) return s.error();
    // The certificates the directory took (one per signing key, the newest), as addCertificate keeps one.
    for (const auto &bytes : parts->certificates) {
        auto c = directory::decodeCertificate(bytes);
        if (!c) continue;
        const directory::Certificate *held = next.heldForSigner(c->keys.signKeyId());
        if (held && held->serial == c->serial)
            if (auto s = putCertificate(*m_db, *c, bytes, now()); !s) return s.error();
    }
    if (auto s = putMeta(*m_db, "directory_snapshot", snapshot); !s) return s.error();
    if (auto s = seal::reseal(*m_db, m_stateMacKey); !s) return s.error();
    if (auto s = tx.commit(); !s) return s.error();
    *m_directory = std::move(next);
    return outcome;
}

LocalStore::DirectoryStatus LocalStore::directoryStatus() const
{
    DirectoryStatus status;
    status.enrolled = m_directory != nullptr;
    if (!m_directory || !m_directory->heldDirectory()) return status;
    status.held = m_directory->heldDirectory();
    const std::int64_t t = now();
    status.stale = status.held->staleAt(t);
    status.ageMs = std::max<std::int64_t>(0, t - status.held->issuedAtMs);
    return status;
}

Result<crypto::Bytes> LocalStore::exportKeyBackup(std::string_view backupPassphrase, bool fastKdf) const
{
    return crypto::createBackup(m_identity, m_owner.id, backupPassphrase,
                                fastKdf ? crypto::BackupStrength::Interactive : crypto::BackupStrength::Moderate);
}

} // namespace triad::store
