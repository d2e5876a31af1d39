#include "key_directory.h"

#include <algorithm>

namespace triad::directory {

Status KeyDirectory::addCertificate(std::span<const std::uint8_t> bytes, std::int64_t nowMs)
{
    auto c = verifyCertificate(bytes, m_district, nowMs);
    if (!c) return c.error();
    if (isRevoked(c->serial))
        return makeError("certificate.revoked", "The certificate for " + c->displayName + " has been revoked by the district.");
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
    if (list->sequence < m_revocations.sequence)
        return makeError("revocations.stale", "This revocation list is older than the one already applied.");
    m_revocations = std::move(*list);
    return {};
}

Result<Certificate> KeyDirectory::certificateForSigner(const crypto::KeyId &signKeyId, std::int64_t nowMs) const
{
    auto it = m_bySigner.find(signKeyId);
    if (it == m_bySigner.end())
        return makeError("certificate.unknown", "The author's key is not certified by this district.");
    const Certificate &c = it->second;
    if (isRevoked(c.serial))
        return makeError("certificate.revoked", "The certificate for " + c.displayName + " has been revoked by the district.");
    if (nowMs < c.issuedAtMs || nowMs > c.notAfterMs)
        return makeError("certificate.expired", "The certificate for " + c.displayName + " is not valid at this time.");
    return c;
}

Result<Certificate> KeyDirectory::certificateForPerson(const RecordId &personId, std::int64_t nowMs) const
{
    const Certificate *best = nullptr;
    for (const auto &[signer, c] : m_bySigner)
        if (c.personId == personId && !isRevoked(c.serial) && nowMs >= c.issuedAtMs && nowMs <= c.notAfterMs
            && (!best || c.issuedAtMs > best->issuedAtMs))
            best = &c;
    if (!best) return makeError("certificate.unknown", "This person has no valid certificate from the district.");
    return *best;
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
