#include "key_directory.h"
#include "error_codes.h"

#include <sodium.h>

#include <algorithm>

namespace triad::directory {

Status KeyDirectory::addCertificate(std::span<const std::uint8_t> bytes, std::int64_t nowMs)
{
    auto c = verifyCertificate(bytes, m_district, nowMs);
    if (!c) return c.error();
    if (isRevoked(c->serial)) return makeError(errc::certificate::kRevoked, "The certificate for " + c->displayName + " has been revoked by the district.");
    const crypto::KeyId signer = c->keys.signKeyId();
    auto it = m_bySigner.find(signer);
    if (it != m_bySigner.end() && it->second.issuedAtMs > c->issuedAtMs) return {}; // keep the newer one
    m_bySigner[signer] = std::move(*c);
    return {};
}

Status KeyDirectory::applyRevocations(std::span<const std::uint8_t> bytes)
{
    auto list = verifyRevocations(bytes, m_district);
    if (!list) return list.error();
    if (!m_revocationBytes.empty() && list->sequence == m_revocations.sequence) {
        if (std::equal(bytes.begin(), bytes.end(), m_revocationBytes.begin(), m_revocationBytes.end())) return {};
        // Two lists of one sequence: one of them is not what the district published as that list (or district IT
        // reissued a number). Keeping the first means whoever shows a device a list first decides; refuse both ways.
        return makeError(errc::revocations::kConflict, "This revocation list has the number of the one already applied (#" + std::to_string(list->sequence)
                                                     + ") but other content; it was not applied.");
    }
    if (list->sequence < m_revocations.sequence) return makeError(errc::revocations::kStale, "This revocation list is older than the one already applied.");
    m_revocations = std::move(*list);
    m_revocationBytes.assign(bytes.begin(), bytes.end());
    return {};
}

namespace {
HeldDirectory heldOf(const DirectorySnapshot &snapshot, std::span<const std::uint8_t> bytes)
{
    HeldDirectory held{snapshot.sequence, snapshot.issuedAtMs, snapshot.nextUpdateMs, {}, snapshot.caseStorePins, snapshot.receiptKeys,
                      snapshot.adoptedPolicies};
    crypto_generichash(held.digest.data(), held.digest.size(), bytes.data(), bytes.size(), nullptr, 0);
    return held;
}
} // namespace

Status KeyDirectory::restoreDirectory(std::span<const std::uint8_t> bytes)
{
    auto snapshot = verifyDirectory(bytes, m_district, false);
    if (!snapshot) return snapshot.error();
    m_held = heldOf(*snapshot, bytes);
    return {};
}

Result<DirectoryOutcome> KeyDirectory::applyDirectory(std::span<const std::uint8_t> bytes, std::int64_t nowMs)
{
    auto snapshot = verifyDirectory(bytes, m_district);
    if (!snapshot) return snapshot.error();
    const HeldDirectory held = heldOf(*snapshot, bytes);
    if (m_held) {
        if (held.sequence < m_held->sequence)
            return makeError(errc::directory::kRollback, "The case store served district directory #" + std::to_string(held.sequence) + ", older than #"
                                                       + std::to_string(m_held->sequence)
                                                       + " which this device holds: an old directory replayed. It was refused; "
                                                         "the directory held stays.");
        if (held.sequence == m_held->sequence) {
            if (held.digest == m_held->digest) return DirectoryOutcome::Held;
            return makeError(errc::directory::kConflict, "The case store served district directory #" + std::to_string(held.sequence)
                                                       + " with other content than the #" + std::to_string(held.sequence)
                                                       + " this device holds. It was refused; the directory held stays.");
        }
    }
    // All or nothing: the parts go into a copy, which replaces this directory only if every step succeeded.
    KeyDirectory next = *this;
    if (!snapshot->revocations.empty()) {
        if (auto s = next.applyRevocations(snapshot->revocations); !s && s.error().code != errc::revocations::kStale) return s.error();
    }
    for (const Bytes &c : snapshot->certificates) (void)next.addCertificate(c, nowMs); // expired or revoked: skipped
    next.m_held = held;
    *this = std::move(next);
    return DirectoryOutcome::Applied;
}

Result<Certificate> KeyDirectory::certificateForSigner(const crypto::KeyId &signKeyId, std::int64_t nowMs) const
{
    auto it = m_bySigner.find(signKeyId);
    if (it == m_bySigner.end()) return makeError(errc::certificate::kUnknown, "The author's key is not certified by this district.");
    const Certificate &c = it->second;
    if (isRevoked(c.serial)) return makeError(errc::certificate::kRevoked, "The certificate for " + c.displayName + " has been revoked by the district.");
    if (nowMs < c.issuedAtMs || nowMs > c.notAfterMs)
        return makeError(errc::certificate::kExpired, "The certificate for " + c.displayName + " is not valid at this time.");
    return c;
}

Result<Certificate> KeyDirectory::certificateForPerson(const RecordId &personId, std::int64_t nowMs) const
{
    const Certificate *best = nullptr;
    for (const auto &[signer, c] : m_bySigner)
        if (c.personId == personId && !isRevoked(c.serial) && nowMs >= c.issuedAtMs && nowMs <= c.notAfterMs
            && (!best || c.issuedAtMs > best->issuedAtMs))
            best = &c;
    if (!best) return makeError(errc::certificate::kUnknown, "This person has no valid certificate from the district.");
    return *best;
}

std::map<RecordId, std::string> KeyDirectory::certifiedNames() const
{
    std::map<RecordId, const Certificate *> newest;
    for (const auto &[signer, c] : m_bySigner) {
        const Certificate *&best = newest[c.personId];
        if (!best || c.issuedAtMs > best->issuedAtMs) best = &c;
    }
    std::map<RecordId, std::string> names;
    for (const auto &[person, c] : newest) names[person] = c->displayName;
    return names;
}

std::vector<Certificate> KeyDirectory::certificatesWithRole(Role role, std::int64_t nowMs) const
{
    std::vector<Certificate> out;
    for (const auto &[signer, c] : m_bySigner)
        if (std::find(c.roles.begin(), c.roles.end(), role) != c.roles.end() && !isRevoked(c.serial) && nowMs >= c.issuedAtMs
            && nowMs <= c.notAfterMs)
            out.push_back(c);
    return out;
}

crypto::AuthorLookup KeyDirectory::authorLookup(std::int64_t nowMs) const
{
    return [this, nowMs](const crypto::KeyId &id) -> std::optional<crypto::PublicIdentity> {
        // The district records key signs recovery grants (nothing else it signs is accepted: see LocalStore).
        if (id == m_district.recordsReader().signKeyId()) return m_district.recordsReader();
        auto c = certificateForSigner(id, nowMs);
        if (!c) return std::nullopt;
        return c->keys;
    };
}

} // namespace triad::directory
