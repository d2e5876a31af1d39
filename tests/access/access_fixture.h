// A small certified district: a root key, a records key, one person per case role and an outsider (another mentor
// of the same district who is not on this case), all certified and pinned on a device's KeyDirectory.
#pragma once

#include "audience.h"
#include "certificate.h"
#include "key_directory.h"
#include "sealed_record.h"

#include <catch2/catch.hpp>

#include <map>

namespace triad::test {

inline constexpr std::int64_t kNow = 1'795'000'000'000; // 2026-11-18
inline constexpr std::int64_t kYear = 365LL * 24 * 3600 * 1000;

struct Member {
    crypto::Identity identity = crypto::Identity::generate();
    directory::Certificate certificate;
    crypto::Bytes certificateBytes;
};

struct CertifiedDistrict {
    crypto::Identity root = crypto::Identity::generate();
    crypto::Identity records = crypto::Identity::generate(); // the district records key (its box half)
    directory::DistrictInfo info;
    std::map<CaseRole, Member> members;
    Member outsider;
    std::unique_ptr<directory::KeyDirectory> device;

    CertifiedDistrict()
    {
        info.name = "Sierra Foothills Unified School District";
        info.rootSignPublicKey = root.publicIdentity().signPublicKey;
        info.recordsBoxPublicKey = records.publicIdentity().boxPublicKey;
        info.recordsSignPublicKey = records.publicIdentity().signPublicKey;
        device = std::make_unique<directory::KeyDirectory>(info);
        const std::pair<CaseRole, Role> people[] = {{CaseRole::Teacher, Role::ParticipatingTeacher},
                                                    {CaseRole::Mentor, Role::ParMentor},
                                                    {CaseRole::SiteAdministrator, Role::SiteAdministrator},
                                                    {CaseRole::DirectorOfInduction, Role::DirectorOfInduction},
                                                    {CaseRole::Panel, Role::PanelMember}};
        for (const auto &[caseRole, role] : people) certify(members[caseRole], caseRoleName(caseRole), role);
        certify(outsider, "another mentor", Role::ParMentor);
    }

    void certify(Member &m, const std::string &name, Role role)
    {
        m.certificate.serial = RecordId::generate();
        m.certificate.personId = RecordId::generate();
        m.certificate.displayName = name;
        m.certificate.roles = {role};
        m.certificate.keys = m.identity.publicIdentity();
        m.certificate.issuedAtMs = kNow - kYear / 2;
        m.certificate.notAfterMs = kNow + kYear;
        auto bytes = directory::issueCertificate(root, m.certificate);
        REQUIRE(bytes.ok());
        m.certificateBytes = *bytes;
        REQUIRE(device->addCertificate(*bytes, kNow).ok());
    }

    // The public keys a document for `readers` is sealed to.
    std::vector<crypto::PublicIdentity> keysOf(const std::set<CaseRole> &readers) const
    {
        std::vector<crypto::PublicIdentity> keys;
        for (CaseRole r : readers) {
            if (r == CaseRole::DistrictRecords)
                keys.push_back(info.recordsReader());
            else
                keys.push_back(members.at(r).identity.publicIdentity());
        }
        return keys;
    }

    const crypto::Identity &identityOf(CaseRole role) const { return role == CaseRole::DistrictRecords ? records : members.at(role).identity; }
};

inline std::span<const std::uint8_t> bytesOf(const std::string &s) { return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()}; }

} // namespace triad::test
