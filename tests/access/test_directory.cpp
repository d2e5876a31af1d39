// The district directory refuses what it must: forged or altered certificates, keys the district did not sign,
// revoked keys, stale revocation lists, replayed or moved records, records re-signed by a non-member or by a member
// not entitled to write that document; and the enrollment code catches substituted district keys.
#include "access_fixture.h"

using namespace triad;
using test::CertifiedDistrict;

namespace {

crypto::Bytes sealBy(const crypto::Identity &author, const std::vector<crypto::PublicIdentity> &readers, std::uint16_t type = 101)
{
    crypto::SealRequest req;
    req.type = type;
    req.id = RecordId::generate();
    req.createdAtMs = test::kNow;
    static const std::string text = "Report: progress on 2.6 and 5.2";
    req.plaintext = test::bytesOf(text);
    req.readers = readers;
    auto sealed = crypto::seal(author, req);
    REQUIRE(sealed.ok());
    return *sealed;
}

// Replaces the author key id and the signature, as someone holding `signer` would.
void resignAs(crypto::Bytes &record, const crypto::Identity &signer)
{
    const auto kid = signer.publicIdentity().signKeyId();
    std::copy(kid.begin(), kid.end(), record.begin() + 30);
    record.resize(record.size() - 64);
    const auto sig = signer.sign(record);
    record.insert(record.end(), sig.begin(), sig.end());
}

} // namespace

TEST_CASE("A certificate the district did not sign is refused", "[access]")
{
    CertifiedDistrict d;
    const crypto::Identity impostorRoot = crypto::Identity::generate();
    directory::Certificate c = d.members.at(CaseRole::Mentor).certificate;
    c.keys = crypto::Identity::generate().publicIdentity();
    auto forged = directory::issueCertificate(impostorRoot, c);
    REQUIRE(forged.ok());
    CHECK(d.device->addCertificate(*forged, test::kNow).error().code == "certificate.wrong_district");

    // Same issuer id, other signature: forged.
    crypto::Bytes relabelled = *forged;
    const auto realIssuer = d.info.rootKeyId();
    std::copy(realIssuer.begin(), realIssuer.end(), relabelled.begin() + 9);
    CHECK(d.device->addCertificate(relabelled, test::kNow).error().code == "certificate.bad_signature");

    // A real certificate with one byte changed (e.g. the roles or the key): altered.
    crypto::Bytes altered = d.members.at(CaseRole::Teacher).certificateBytes;
    altered[altered.size() - 80] ^= 0x01;
    const auto code = d.device->addCertificate(altered, test::kNow).error().code;
    CHECK((code == "certificate.bad_signature" || code == "certificate.malformed"));

    // Expired.
    CHECK(d.device->addCertificate(d.members.at(CaseRole::Mentor).certificateBytes, test::kNow + 2 * test::kYear).error().code
          == "certificate.expired");
    // Truncated at every length: malformed, never accepted.
    const auto &good = d.members.at(CaseRole::Panel).certificateBytes;
    for (std::size_t n = 0; n < good.size(); ++n) CHECK_FALSE(directory::verifyCertificate(std::span(good).first(n), d.info, test::kNow).ok());
}

TEST_CASE("Records from keys the district did not certify are refused", "[access]")
{
    CertifiedDistrict d;
    const crypto::Identity stranger = crypto::Identity::generate();
    const auto record = sealBy(stranger, {d.members.at(CaseRole::Teacher).identity.publicIdentity()});
    auto opened = crypto::open(record, d.members.at(CaseRole::Teacher).identity, d.device->authorLookup(test::kNow));
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().code == "record.unknown_author");

    // A certified member's record opens...
    const auto good = sealBy(d.members.at(CaseRole::Mentor).identity, {d.members.at(CaseRole::Teacher).identity.publicIdentity()});
    REQUIRE(crypto::open(good, d.members.at(CaseRole::Teacher).identity, d.device->authorLookup(test::kNow)).ok());
    // ...and re-signed by a non-member it does not.
    crypto::Bytes resigned = good;
    resignAs(resigned, stranger);
    CHECK(crypto::open(resigned, d.members.at(CaseRole::Teacher).identity, d.device->authorLookup(test::kNow)).error().code
          == "record.unknown_author");
}

TEST_CASE("A revoked key is refused, and an older revocation list cannot undo it", "[access]")
{
    CertifiedDistrict d;
    const test::Member &mentor = d.members.at(CaseRole::Mentor);
    const auto record = sealBy(mentor.identity, {d.members.at(CaseRole::Teacher).identity.publicIdentity()});
    REQUIRE(crypto::open(record, d.members.at(CaseRole::Teacher).identity, d.device->authorLookup(test::kNow)).ok());

    auto empty = directory::issueRevocations(d.root, {1, test::kNow, {}});
    auto revoking = directory::issueRevocations(d.root, {2, test::kNow, {mentor.certificate.serial}});
    REQUIRE(empty.ok());
    REQUIRE(revoking.ok());
    REQUIRE(d.device->applyRevocations(*revoking).ok());
    CHECK(crypto::open(record, d.members.at(CaseRole::Teacher).identity, d.device->authorLookup(test::kNow)).error().code == "record.unknown_author");
    CHECK(d.device->certificateForSigner(mentor.identity.publicIdentity().signKeyId(), test::kNow).error().code == "certificate.revoked");
    CHECK(d.device->addCertificate(mentor.certificateBytes, test::kNow).error().code == "certificate.revoked");
    CHECK(d.device->applyRevocations(*empty).error().code == "revocations.stale");
    // A revocation list signed by anyone else is refused.
    auto forged = directory::issueRevocations(crypto::Identity::generate(), {3, test::kNow, {}});
    CHECK(d.device->applyRevocations(*forged).error().code == "revocations.wrong_district");
}

TEST_CASE("A replayed or moved record is refused", "[access]")
{
    CertifiedDistrict d;
    const test::Member &mentor = d.members.at(CaseRole::Mentor);
    const test::Member &teacher = d.members.at(CaseRole::Teacher);
    const auto record = sealBy(mentor.identity, {teacher.identity.publicIdentity()});
    auto header = crypto::parseHeader(record);
    REQUIRE(header.ok());
    // Replayed under another id (e.g. to make an old report look like a new one): the id is bound into the
    // encryption and the signature.
    CHECK(crypto::open(record, teacher.identity, d.device->authorLookup(test::kNow), RecordId::generate()).error().code == "record.mismatch");
    crypto::Bytes moved = record;
    const RecordId other = RecordId::generate();
    std::copy(other.bytes.begin(), other.bytes.end(), moved.begin() + 14);
    CHECK(crypto::open(moved, teacher.identity, d.device->authorLookup(test::kNow)).error().code == "record.bad_signature");
    // Re-signed by the mentor after moving it: the signature is now valid but the key commitment (and the content
    // encryption) still bind the old id.
    resignAs(moved, mentor.identity);
    CHECK(crypto::open(moved, teacher.identity, d.device->authorLookup(test::kNow)).error().code == "record.key_mismatch");
}

TEST_CASE("A member may only author the documents their role allows", "[access]")
{
    CertifiedDistrict d;
    // The teacher is certified, but a report is the mentor's to write: the certificate's role decides.
    const test::Member &teacher = d.members.at(CaseRole::Teacher);
    auto cert = d.device->certificateForSigner(teacher.identity.publicIdentity().signKeyId(), test::kNow);
    REQUIRE(cert.ok());
    REQUIRE(cert->roles == std::vector<Role>{Role::ParticipatingTeacher});
    CHECK_FALSE(mayWrite(CaseRole::Teacher, DocumentType::Report, CaseKind::Referred).allowed);
    CHECK(mayWrite(CaseRole::Teacher, DocumentType::TeacherResponse, CaseKind::Referred).allowed);
    CHECK(mayWrite(CaseRole::Panel, DocumentType::PanelDeliberation, CaseKind::Referred).allowed);
    CHECK_FALSE(mayWrite(CaseRole::Mentor, DocumentType::PanelDeliberation, CaseKind::Referred).allowed);
}

TEST_CASE("The enrollment code pins the district's keys", "[access]")
{
    CertifiedDistrict d;
    const std::string code = d.info.enrollmentCode();
    CHECK(code.rfind("TRIAD-", 0) == 0);
    CHECK(code.size() == 5 + 7 + 26); // "TRIAD", 7 dashes, 26 base32 characters (128 bits)
    CHECK(directory::checkEnrollmentCode(code, d.info).ok());
    // Typed by a person: lower case, spaces, O for 0.
    std::string typed;
    for (char c : code) typed.push_back(c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    CHECK(directory::checkEnrollmentCode(typed, d.info).ok());
    // A case store that swaps the root key (to certify its own keys) is caught.
    directory::DistrictInfo swapped = d.info;
    swapped.rootSignPublicKey = crypto::Identity::generate().publicIdentity().signPublicKey;
    CHECK(directory::checkEnrollmentCode(code, swapped).error().code == "enrollment.mismatch");
    swapped = d.info;
    swapped.recordsBoxPublicKey[0] ^= 1;
    CHECK_FALSE(directory::checkEnrollmentCode(code, swapped).ok());
    auto round = directory::DistrictInfo::deserialize(d.info.serialize());
    REQUIRE(round.ok());
    CHECK(round->enrollmentCode() == code);
}
