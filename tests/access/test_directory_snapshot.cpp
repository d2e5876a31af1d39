// The district directory snapshot (app/directory/certificate.h "directory"): its signed encoding pinned by a
// known-answer vector, what a device's KeyDirectory accepts and refuses (a rollback, another snapshot under one
// sequence, anything not the district's), and the revocation list rule it relies on: one sequence, one content.
#include "access_fixture.h"

#include "../crypto/crypto_test_util.h"

#include <sodium.h>

using namespace triad;
using test::CertifiedDistrict;

namespace {

constexpr std::int64_t kWeek = 7LL * 24 * 3600 * 1000;

crypto::Bytes snapshotOf(const CertifiedDistrict &d, std::uint64_t sequence, std::vector<crypto::Bytes> certificates,
                         crypto::Bytes revocations = {}, std::int64_t issuedAt = test::kNow)
{
    directory::DirectorySnapshot s{sequence, issuedAt, issuedAt + kWeek, std::move(revocations), std::move(certificates)};
    auto bytes = directory::issueDirectory(d.root, s);
    REQUIRE(bytes.ok());
    return *bytes;
}

std::vector<crypto::Bytes> everyone(const CertifiedDistrict &d)
{
    std::vector<crypto::Bytes> out;
    for (const auto &[role, member] : d.members) out.push_back(member.certificateBytes);
    return out;
}

std::uint64_t le64(const crypto::Bytes &b, std::size_t at)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | b.at(at + static_cast<std::size_t>(i));
    return v;
}

} // namespace

TEST_CASE("The directory snapshot's signed bytes are pinned by a known-answer vector", "[access][kat]")
{
    // Everything fixed: the district root and a member from seeds, the certificate's fields, the revocation list.
    const crypto::Identity root = crypto::Identity::fromSeed(test::seed32("4f1c2a9e7b3d5c6a8e0f1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60"));
    const crypto::Identity member = crypto::Identity::fromSeed(test::seed32("a0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f"));
    directory::Certificate c;
    c.serial = *RecordId::fromString("0f1e2d3c-4b5a-4697-8877-665544332211");
    c.personId = *RecordId::fromString("3b1f5c7e-2a4d-4c6b-9e8f-0a1b2c3d4e5f");
    c.displayName = "Dana Whitfield";
    c.roles = {Role::ParMentor};
    c.keys = member.publicIdentity();
    c.issuedAtMs = 1'790'000'000'000;
    c.notAfterMs = 1'820'000'000'000;
    const crypto::Bytes certificate = directory::issueCertificate(root, c).value();
    const crypto::Bytes revocations =
        directory::issueRevocations(root, {3, 1'794'000'000'000, {*RecordId::fromString("11111111-2222-4333-8444-555555555555")}}).value();
    const directory::DirectorySnapshot snapshot{42, 1'795'000'000'000, 1'795'604'800'000, revocations, {certificate}};
    const crypto::Bytes bytes = directory::issueDirectory(root, snapshot).value();

    // The layout, read here independently of the decoder.
    REQUIRE(bytes.size() == 8 + 1 + 16 + 8 + 8 + 8 + 4 + revocations.size() + 4 + 4 + certificate.size() + 64);
    CHECK(std::string(bytes.begin(), bytes.begin() + 8) == "TRIADDIR");
    CHECK(bytes[8] == 1);
    const auto issuer = root.publicIdentity().signKeyId();
    CHECK(std::equal(issuer.begin(), issuer.end(), bytes.begin() + 9));
    CHECK(le64(bytes, 25) == 42);
    CHECK(le64(bytes, 33) == 1'795'000'000'000);
    CHECK(le64(bytes, 41) == 1'795'604'800'000);
    CHECK(std::equal(revocations.begin(), revocations.end(), bytes.begin() + 53));
    const auto signedPart = std::span(bytes).first(bytes.size() - 64);
    CHECK(crypto::Identity::verify(root.publicIdentity(), signedPart, std::span(bytes).last(64)));

    // The exact bytes: a change to any signed encoding (snapshot, certificate, revocation list) fails here.
    const crypto::Bytes kat = test::readHexFixture("access/kat_directory_v1.hex");
    INFO("issued: " << crypto::toHex(bytes));
    CHECK(bytes == kat);
    directory::DistrictInfo info;
    info.name = "KAT Unified";
    info.rootSignPublicKey = root.publicIdentity().signPublicKey;
    auto read = directory::verifyDirectory(kat, info);
    REQUIRE(read.ok());
    CHECK(read->sequence == 42);
    CHECK(read->issuedAtMs == 1'795'000'000'000);
    CHECK(read->nextUpdateMs == 1'795'604'800'000);
    CHECK(read->revocations == revocations);
    REQUIRE(read->certificates.size() == 1);
    CHECK(read->certificates[0] == certificate);
}

TEST_CASE("A directory snapshot the district did not sign, altered or holding a part not the district's is refused", "[access]")
{
    CertifiedDistrict d;
    const crypto::Bytes good = snapshotOf(d, 5, everyone(d));
    REQUIRE(directory::verifyDirectory(good, d.info).ok());

    directory::DirectorySnapshot s{5, test::kNow, test::kNow + kWeek, {}, everyone(d)};
    CHECK(test::codeOf(directory::verifyDirectory(directory::issueDirectory(crypto::Identity::generate(), s).value(), d.info)) == "directory.wrong_district");
    // Any byte changed: refused (the signature, or the structure first).
    for (std::size_t at : {std::size_t{26}, std::size_t{40}, good.size() / 2, good.size() - 1}) {
        crypto::Bytes altered = good;
        altered[at] ^= 0x01;
        const std::string code = test::codeOf(directory::verifyDirectory(altered, d.info));
        CHECK((code == "directory.bad_signature" || code == "directory.malformed"));
    }
    // Truncated at every length: never accepted.
    for (std::size_t n = 0; n < good.size(); n += 7) CHECK_FALSE(directory::verifyDirectory(std::span(good).first(n), d.info).ok());
    // Signed by the district as a whole, but carrying another district's certificate or revocation list.
    CertifiedDistrict other;
    CHECK(test::codeOf(directory::verifyDirectory(snapshotOf(d, 6, {other.members.at(CaseRole::Mentor).certificateBytes}), d.info))
          == "directory.bad_signature");
    CHECK(test::codeOf(directory::verifyDirectory(snapshotOf(d, 6, {}, directory::issueRevocations(other.root, {1, test::kNow, {}}).value()), d.info))
          == "directory.bad_signature");
    // The next update must come after the issue.
    s.nextUpdateMs = s.issuedAtMs;
    CHECK(test::codeOf(directory::issueDirectory(d.root, s)) == "directory.invalid");
}

TEST_CASE("A device's directory applies newer snapshots only: a rollback or another snapshot of one sequence is refused, all or nothing", "[access]")
{
    CertifiedDistrict d;
    directory::KeyDirectory device(d.info); // a device that knows no colleague yet
    const test::Member &mentor = d.members.at(CaseRole::Mentor);
    const test::Member &teacher = d.members.at(CaseRole::Teacher);
    REQUIRE_FALSE(device.certificateForPerson(mentor.certificate.personId, test::kNow).ok());
    REQUIRE_FALSE(device.heldDirectory());

    const crypto::Bytes first = snapshotOf(d, 1, everyone(d));
    REQUIRE(device.applyDirectory(first, test::kNow).value() == directory::DirectoryOutcome::Applied);
    CHECK(device.certificateForPerson(mentor.certificate.personId, test::kNow).ok());
    CHECK(device.certificateForPerson(teacher.certificate.personId, test::kNow).ok());
    REQUIRE(device.heldDirectory());
    CHECK(device.heldDirectory()->sequence == 1);
    CHECK_FALSE(device.heldDirectory()->staleAt(test::kNow));
    CHECK(device.heldDirectory()->staleAt(test::kNow + kWeek + 1));
    CHECK(device.applyDirectory(first, test::kNow).value() == directory::DirectoryOutcome::Held);

    // #2 revokes the mentor.
    const crypto::Bytes list = directory::issueRevocations(d.root, {1, test::kNow, {mentor.certificate.serial}}).value();
    const crypto::Bytes second = snapshotOf(d, 2, everyone(d), list, test::kNow + 1);
    REQUIRE(device.applyDirectory(second, test::kNow).value() == directory::DirectoryOutcome::Applied);
    CHECK(test::codeOf(device.certificateForPerson(mentor.certificate.personId, test::kNow)) == "certificate.unknown");
    CHECK(device.isRevoked(mentor.certificate.serial));

    // The old one replayed: refused, and it does not bring the mentor back.
    CHECK(test::codeOf(device.applyDirectory(first, test::kNow)) == "directory.rollback");
    // Another #2 (say, without the revocation): refused.
    const crypto::Bytes otherSecond = snapshotOf(d, 2, everyone(d), {}, test::kNow + 2);
    CHECK(test::codeOf(device.applyDirectory(otherSecond, test::kNow)) == "directory.conflict");
    CHECK(device.isRevoked(mentor.certificate.serial));
    CHECK(device.heldDirectory()->sequence == 2);

    // A newer snapshot whose revocation list conflicts with the one held (same number, other content): refused as a
    // whole; nothing of it is taken (the new colleague it certifies stays unknown).
    test::Member newcomer;
    d.certify(newcomer, "a new mentor", Role::ParMentor);
    const crypto::Bytes conflicting = directory::issueRevocations(d.root, {1, test::kNow, {}}).value();
    std::vector<crypto::Bytes> withNewcomer = everyone(d);
    withNewcomer.push_back(newcomer.certificateBytes);
    CHECK(test::codeOf(device.applyDirectory(snapshotOf(d, 3, withNewcomer, conflicting), test::kNow)) == "revocations.conflict");
    CHECK_FALSE(device.certificateForPerson(newcomer.certificate.personId, test::kNow).ok());
    CHECK(device.heldDirectory()->sequence == 2);
    // A newer one carrying an older revocation list than the one held: the list held stays (never undone).
    const crypto::Bytes newer = directory::issueRevocations(d.root, {2, test::kNow, {mentor.certificate.serial}}).value();
    REQUIRE(device.applyRevocations(newer).ok());
    REQUIRE(device.applyDirectory(snapshotOf(d, 3, withNewcomer, list), test::kNow).value() == directory::DirectoryOutcome::Applied);
    CHECK(device.revocations().sequence == 2);
    CHECK(device.isRevoked(mentor.certificate.serial));
    CHECK(device.certificateForPerson(newcomer.certificate.personId, test::kNow).ok());
}

TEST_CASE("Two revocation lists with one sequence number are not both accepted", "[access]")
{
    CertifiedDistrict d;
    const test::Member &mentor = d.members.at(CaseRole::Mentor);
    const crypto::Bytes a = directory::issueRevocations(d.root, {4, test::kNow, {mentor.certificate.serial}}).value();
    const crypto::Bytes b = directory::issueRevocations(d.root, {4, test::kNow, {}}).value();
    REQUIRE(d.device->applyRevocations(a).ok());
    CHECK(d.device->applyRevocations(a).ok()); // the same list again: nothing changes
    CHECK(d.device->applyRevocations(b).error().code == "revocations.conflict");
    CHECK(d.device->isRevoked(mentor.certificate.serial));
    // The other order too: whichever arrives first, the second is refused.
    CertifiedDistrict e;
    const crypto::Bytes ea = directory::issueRevocations(e.root, {4, test::kNow, {}}).value();
    const crypto::Bytes eb = directory::issueRevocations(e.root, {4, test::kNow, {e.members.at(CaseRole::Mentor).certificate.serial}}).value();
    REQUIRE(e.device->applyRevocations(ea).ok());
    CHECK(e.device->applyRevocations(eb).error().code == "revocations.conflict");
}
