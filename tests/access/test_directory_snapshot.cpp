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

crypto::Bytes snapshotOf(const CertifiedDistrict &d, std::uint64_t sequence, std::vector<crypto::Bytes> certificates, crypto::Bytes revocations = {},
                         std::int64_t issuedAt = test::kNow)
{
    directory::DirectorySnapshot s{sequence, issuedAt, issuedAt + kWeek, std::move(revocations), std::move(certificates), {}, {}, {}};
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

// The known-answer vectors' inputs, all fixed: the district root and a member from seeds, the certificate's fields,
// the revocation list, and the snapshot of them (#42, without pins).
struct KatSnapshot {
    crypto::Identity root = crypto::Identity::fromSeed(test::seed32("4f1c2a9e7b3d5c6a8e0f1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60"));
    crypto::Identity member = crypto::Identity::fromSeed(test::seed32("a0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f"));
    crypto::Bytes certificate, revocations;
    directory::DirectorySnapshot snapshot;

    KatSnapshot()
    {
        directory::Certificate c;
        c.serial = *RecordId::fromString("0f1e2d3c-4b5a-4697-8877-665544332211");
        c.personId = *RecordId::fromString("3b1f5c7e-2a4d-4c6b-9e8f-0a1b2c3d4e5f");
        c.displayName = "Dana Whitfield";
        c.roles = {Role::ParMentor};
        c.keys = member.publicIdentity();
        c.issuedAtMs = 1'790'000'000'000;
        c.notAfterMs = 1'820'000'000'000;
        certificate = directory::issueCertificate(root, c).value();
        revocations =
            directory::issueRevocations(root, {3, 1'794'000'000'000, {*RecordId::fromString("11111111-2222-4333-8444-555555555555")}}).value();
        snapshot = {42, 1'795'000'000'000, 1'795'604'800'000, revocations, {certificate}, {}, {}, {}};
    }
};

} // namespace

TEST_CASE("The directory snapshot's signed bytes are pinned by a known-answer vector", "[access][kat]")
{
    const KatSnapshot k;
    const crypto::Identity &root = k.root;
    const crypto::Bytes &certificate = k.certificate, &revocations = k.revocations;
    const directory::DirectorySnapshot &snapshot = k.snapshot;
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

TEST_CASE("A directory snapshot naming case store pins is version 2, pinned by its own known-answer vector", "[access][kat]")
{
    // The snapshot of the version 1 vector above, plus two case store pins (a rotation: the current key and the next).
    // A snapshot without pins is still written as version 1, byte for byte as before (the vector above), so devices
    // and case stores that read version 1 only keep reading it.
    KatSnapshot k;
    const crypto::Identity &root = k.root;
    const crypto::Bytes &certificate = k.certificate, &revocations = k.revocations;
    directory::DirectorySnapshot &snapshot = k.snapshot;
    // Two SPKI SHA-256 pins as district IT types them (`triadctl district pin` prints base64).
    const std::string current = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", next = "VlnKRmfEVGcdLm0pFPONuG+TdJ1ZP7o+wQdmWxD2ryI=";
    snapshot.caseStorePins = {directory::caseStorePinFromBase64(current).value(), directory::caseStorePinFromBase64(next).value()};
    CHECK(directory::caseStorePinToBase64(snapshot.caseStorePins[0]) == current);
    const crypto::Bytes bytes = directory::issueDirectory(root, snapshot).value();

    // The layout: version 2, then version 1's fields, then the pins after the certificates.
    const std::size_t pinsAt = 8 + 1 + 16 + 8 + 8 + 8 + 4 + revocations.size() + 4 + 4 + certificate.size();
    REQUIRE(bytes.size() == pinsAt + 1 + 2 * 32 + 64);
    CHECK(std::string(bytes.begin(), bytes.begin() + 8) == "TRIADDIR");
    CHECK(bytes[8] == 2);
    CHECK(le64(bytes, 25) == 42);
    CHECK(bytes[pinsAt] == 2);
    CHECK(std::equal(snapshot.caseStorePins[0].begin(), snapshot.caseStorePins[0].end(), bytes.begin() + static_cast<std::ptrdiff_t>(pinsAt) + 1));
    CHECK(std::equal(snapshot.caseStorePins[1].begin(), snapshot.caseStorePins[1].end(), bytes.begin() + static_cast<std::ptrdiff_t>(pinsAt) + 33));
    CHECK(crypto::Identity::verify(root.publicIdentity(), std::span(bytes).first(bytes.size() - 64), std::span(bytes).last(64)));
    // Everything before the version byte and between it and the pins is version 1's encoding of the same snapshot.
    const crypto::Bytes v1 = test::readHexFixture("access/kat_directory_v1.hex");
    CHECK(std::equal(v1.begin(), v1.begin() + 8, bytes.begin()));
    CHECK(std::equal(v1.begin() + 9, v1.end() - 64, bytes.begin() + 9));

    const crypto::Bytes kat = test::readHexFixture("access/kat_directory_v2.hex");
    INFO("issued: " << crypto::toHex(bytes));
    CHECK(bytes == kat);
    directory::DistrictInfo info;
    info.rootSignPublicKey = root.publicIdentity().signPublicKey;
    auto read = directory::verifyDirectory(kat, info);
    REQUIRE(read.ok());
    CHECK(read->caseStorePins == snapshot.caseStorePins);
    CHECK(read->certificates.size() == 1);
    // Version 1 read back names no pin: no pinning.
    CHECK(directory::verifyDirectory(v1, info).value().caseStorePins.empty());
}

TEST_CASE("Case store pins: malformed pins, too many, the same one twice or a version 2 without pins are refused", "[access]")
{
    CertifiedDistrict d;
    for (const char *bad : {"", "not base64!", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuA==", "AAAA"})
        CHECK(test::codeOf(directory::caseStorePinFromBase64(bad)) == "directory.bad_pin");
    directory::DirectorySnapshot s{5, test::kNow, test::kNow + kWeek, {}, everyone(d), {}, {}, {}};
    directory::CaseStorePin pin{};
    pin.fill(7);
    s.caseStorePins = {pin, pin};
    CHECK(test::codeOf(directory::issueDirectory(d.root, s)) == "directory.invalid");
    s.caseStorePins.clear();
    for (std::uint8_t i = 0; i <= directory::kMaxCaseStorePins; ++i) s.caseStorePins.push_back(directory::CaseStorePin{i});
    CHECK(test::codeOf(directory::issueDirectory(d.root, s)) == "directory.invalid");
    s.caseStorePins.resize(directory::kMaxCaseStorePins);
    const crypto::Bytes most = directory::issueDirectory(d.root, s).value();
    CHECK(directory::verifyDirectory(most, d.info).value().caseStorePins.size() == directory::kMaxCaseStorePins);

    // A device holds the pins of the snapshot it applied, and only of a newer one after that.
    directory::KeyDirectory device(d.info);
    s.caseStorePins = {pin};
    REQUIRE(device.applyDirectory(directory::issueDirectory(d.root, s).value(), test::kNow).ok());
    CHECK(device.heldDirectory()->caseStorePins == std::vector<directory::CaseStorePin>{pin});
    s.sequence = 4;
    s.caseStorePins.clear();
    CHECK(test::codeOf(device.applyDirectory(directory::issueDirectory(d.root, s).value(), test::kNow)) == "directory.rollback");
    CHECK(device.heldDirectory()->caseStorePins.size() == 1);

    // Hand-made: version 2 with a pin count of 0 (one content, one encoding), signed by the district: malformed.
    s.sequence = 6;
    crypto::Bytes v1 = directory::issueDirectory(d.root, s).value();
    crypto::Bytes body(v1.begin(), v1.end() - 64);
    body[8] = 2;
    body.push_back(0);
    const crypto::Bytes sig = d.root.sign(body);
    body.insert(body.end(), sig.begin(), sig.end());
    CHECK(test::codeOf(directory::verifyDirectory(body, d.info)) == "directory.malformed");
}

TEST_CASE("Adopted district policies: version 4 carries them, bad ids and repeats are refused, each encoding once", "[access]")
{
    CertifiedDistrict d;
    directory::DirectorySnapshot s{5, test::kNow, test::kNow + kWeek, {}, everyone(d), {}, {}, {"clovis-unified", "district-004"}};
    const crypto::Bytes v4 = directory::issueDirectory(d.root, s).value();
    CHECK(v4[8] == 4);
    auto read = directory::verifyDirectory(v4, d.info);
    REQUIRE(read.ok());
    CHECK(read->adoptedPolicies == s.adoptedPolicies);
    CHECK(read->caseStorePins.empty());
    CHECK(read->receiptKeys.empty());
    // With pins and receipt keys too.
    directory::CaseStorePin pin{};
    pin.fill(7);
    directory::ReceiptKey key{};
    key.fill(9);
    s.caseStorePins = {pin};
    s.receiptKeys = {key};
    read = directory::verifyDirectory(directory::issueDirectory(d.root, s).value(), d.info);
    REQUIRE(read.ok());
    CHECK(read->caseStorePins == s.caseStorePins);
    CHECK(read->receiptKeys == s.receiptKeys);
    CHECK(read->adoptedPolicies == s.adoptedPolicies);
    // Given in any order, carried in one: ascending.
    s.adoptedPolicies = {"district-004", "clovis-unified"};
    CHECK(directory::verifyDirectory(directory::issueDirectory(d.root, s).value(), d.info).value().adoptedPolicies
          == (std::vector<std::string>{"clovis-unified", "district-004"}));
    // Without policies a snapshot is written as before (version 3 here): devices that read version 3 keep reading it.
    s.adoptedPolicies.clear();
    CHECK(directory::issueDirectory(d.root, s).value()[8] == 3);

    for (const std::vector<std::string> &bad : std::vector<std::vector<std::string>>{
             {""}, {"Clovis"}, {"clovis unified"}, {std::string(65, 'a')}, {"clovis-unified", "clovis-unified"}}) {
        s.adoptedPolicies = bad;
        CHECK(test::codeOf(directory::issueDirectory(d.root, s)) == "directory.invalid");
    }
    s.adoptedPolicies.clear();
    for (std::size_t i = 0; i <= directory::kMaxAdoptedPolicies; ++i) s.adoptedPolicies.push_back("policy-" + std::to_string(i));
    CHECK(test::codeOf(directory::issueDirectory(d.root, s)) == "directory.invalid");

    // Hand-made, signed by the district: version 4 naming no policy (that content is version 3's) or a policy id
    // with a capital letter: malformed.
    s = directory::DirectorySnapshot{6, test::kNow, test::kNow + kWeek, {}, everyone(d), {}, {}, {}};
    const crypto::Bytes v1 = directory::issueDirectory(d.root, s).value();
    auto signedBody = [&](const std::vector<std::uint8_t> &tail) {
        crypto::Bytes body(v1.begin(), v1.end() - 64);
        body[8] = 4;
        body.insert(body.end(), tail.begin(), tail.end());
        const crypto::Bytes sig = d.root.sign(body);
        body.insert(body.end(), sig.begin(), sig.end());
        return body;
    };
    CHECK(test::codeOf(directory::verifyDirectory(signedBody({0, 0, 0}), d.info)) == "directory.malformed");
    CHECK(test::codeOf(directory::verifyDirectory(signedBody({0, 0, 1, 2, 'A', 'b'}), d.info)) == "directory.malformed");
    // Two ids out of order, or one twice: another encoding of a content that has one.
    CHECK(test::codeOf(directory::verifyDirectory(signedBody({0, 0, 2, 1, 'b', 1, 'a'}), d.info)) == "directory.malformed");
    CHECK(test::codeOf(directory::verifyDirectory(signedBody({0, 0, 2, 1, 'a', 1, 'a'}), d.info)) == "directory.malformed");
    CHECK(directory::verifyDirectory(signedBody({0, 0, 2, 1, 'a', 1, 'b'}), d.info).value().adoptedPolicies == (std::vector<std::string>{"a", "b"}));
    const auto good = directory::verifyDirectory(signedBody({0, 0, 1, 2, 'a', 'b'}), d.info);
    REQUIRE(good.ok());
    CHECK(good->adoptedPolicies == std::vector<std::string>{"ab"});
}

TEST_CASE("A directory snapshot the district did not sign, altered or holding a part not the district's is refused", "[access]")
{
    CertifiedDistrict d;
    const crypto::Bytes good = snapshotOf(d, 5, everyone(d));
    REQUIRE(directory::verifyDirectory(good, d.info).ok());

    directory::DirectorySnapshot s{5, test::kNow, test::kNow + kWeek, {}, everyone(d), {}, {}, {}};
    CHECK(test::codeOf(directory::verifyDirectory(directory::issueDirectory(crypto::Identity::generate(), s).value(), d.info))
          == "directory.wrong_district");
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
