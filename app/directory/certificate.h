// The district key directory's signed objects (docs/security.md "District directory").
//
// District IT holds a district root signing key (Ed25519). It certifies every person's public keys and roles, and
// publishes revocations. Devices pin the district at enrollment by a short code a person can type, so the case
// store cannot substitute keys: a key the district did not certify, a revoked one or a forged certificate is refused.
//
// Wire formats (integers little-endian), each signed by the district root key over every preceding byte:
//   district info : "TRIADDST" | version u8 (1) | root sign pk 32 | records box pk 32 | records sign pk 32 |
//                   name length u16 | name UTF-8
//   certificate   : "TRIADCRT" | version u8 (1) | issuer key id 16 | body length u32 | body (CBOR) | signature 64
//   revocations   : "TRIADREV" | version u8 (1) | issuer key id 16 | sequence u64 | issued-at i64 | count u32 |
//                   { serial 16 } * count | signature 64
#pragma once

#include "identity.h"
#include "ids.h"
#include "result.h"
#include "domain.h"

#include <set>
#include <string>
#include <vector>

namespace triad::directory {

using crypto::Bytes;

// What a device pins: the district's root signing key and its records key (for referred records only).
struct DistrictInfo {
    std::string name;
    std::array<std::uint8_t, 32> rootSignPublicKey{};
    std::array<std::uint8_t, 32> recordsBoxPublicKey{};
    // The records key's signing half: district IT signs recovery key grants with it (referred records only).
    std::array<std::uint8_t, 32> recordsSignPublicKey{};

    Bytes serialize() const;
    static Result<DistrictInfo> deserialize(std::span<const std::uint8_t> bytes);
    crypto::KeyId rootKeyId() const;
    // The records key as a reader identity, and as the author of recovery grants.
    crypto::PublicIdentity recordsReader() const;
    // "TRIAD-7K3M-..." : a BLAKE2b-128 fingerprint of serialize() in Crockford base32, 4-character groups.
    std::string enrollmentCode() const;
};

// Checks a typed (or scanned) enrollment code against district info fetched from anywhere (the case store):
// ok only if they match. Tolerates lower case, spaces and the letters I/L/O for 1/1/0.
Status checkEnrollmentCode(const std::string &typedCode, const DistrictInfo &info);

struct Certificate {
    RecordId serial;
    RecordId personId;
    std::string displayName;
    std::vector<Role> roles;
    crypto::PublicIdentity keys;
    std::int64_t issuedAtMs = 0;
    std::int64_t notAfterMs = 0;
    crypto::KeyId issuerKeyId{};
};

// District IT: signs a certificate with the district root key (the issuer key id is filled in).
Result<Bytes> issueCertificate(const crypto::Identity &districtRoot, Certificate certificate);
// Parses without trusting: the structure only. Errors "certificate.malformed", "certificate.unsupported_version".
Result<Certificate> decodeCertificate(std::span<const std::uint8_t> bytes);
// Parses and verifies against the pinned district: signature by the pinned root key and validity at nowMs.
// Errors: "certificate.malformed", "certificate.wrong_district", "certificate.bad_signature", "certificate.expired".
Result<Certificate> verifyCertificate(std::span<const std::uint8_t> bytes, const DistrictInfo &district, std::int64_t nowMs);

struct RevocationList {
    std::uint64_t sequence = 0; // a device keeps the highest sequence it has seen
    std::int64_t issuedAtMs = 0;
    std::set<RecordId> revokedSerials;
};
Result<Bytes> issueRevocations(const crypto::Identity &districtRoot, const RevocationList &list);
Result<RevocationList> verifyRevocations(std::span<const std::uint8_t> bytes, const DistrictInfo &district);

// What a device signs with its certified Ed25519 key to enroll with the case store (docs/protocol.md
// "Authentication"): "triad.casestore.enroll.v1" ‖ the case store's nonce ‖ the certificate serial (16 bytes). The
// nonce makes the signature good for one enrollment only; the serial ties it to the certificate presented.
Bytes caseStoreEnrollmentMessage(std::span<const std::uint8_t> nonce, const RecordId &certificateSerial);

} // namespace triad::directory
