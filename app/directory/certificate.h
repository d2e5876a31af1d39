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
//   directory     : "TRIADDIR" | version u8 (1) | issuer key id 16 | sequence u64 | issued-at i64 | next-update i64 |
//                   revocations length u32 | the revocation list as above (0 bytes: none published yet) |
//                   count u32 | { certificate length u32 | a certificate as above } * count | signature 64
//                   version 2 (a snapshot with case store pins; one without them is still written as version 1, so
//                   devices and case stores that read version 1 only keep reading it): the same up to the certificates,
//                   then pin count u8 (1..kMaxCaseStorePins) | { SHA-256 of a SubjectPublicKeyInfo 32 } * count |
//                   signature 64
//                   version 3 (a snapshot naming the case store's receipt keys, directory/receipt.h): the same up to
//                   the certificates, then pin count u8 (0..kMaxCaseStorePins) | pins | receipt key count u8
//                   (1..kMaxReceiptKeys) | { Ed25519 public key 32 } * count | signature 64
//                   version 4 (a snapshot naming the district policies the district has adopted): the same up to the
//                   certificates, then pin count u8 (0..) | pins | receipt key count u8 (0..) | receipt keys | policy
//                   count u8 (1..kMaxAdoptedPolicies) | { id length u8 (1..64) | id: a-z 0-9 "-" } * count (ascending) |
//                   signature 64
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

// The district's directory as one signed snapshot (docs/security.md "District directory"): every current certificate
// and the revocation list, published through the case store, fetched by devices at every sync. A device keeps the
// highest sequence it has seen and refuses an older one (a rollback) or the same sequence with other content; past
// `nextUpdateMs` it says the directory is stale.
// The case store's TLS key as district IT pins it: SHA-256 of the DER SubjectPublicKeyInfo of its certificate (the
// standard SPKI pin; base64 of it is what `triadctl district pin` prints).
using CaseStorePin = std::array<std::uint8_t, 32>;
inline constexpr std::size_t kMaxCaseStorePins = 16;
// A case store's receipt key: the Ed25519 public key it signs receipts with (directory/receipt.h).
using ReceiptKey = std::array<std::uint8_t, 32>;
inline constexpr std::size_t kMaxReceiptKeys = 16;
inline constexpr std::size_t kMaxAdoptedPolicies = 16;
inline constexpr std::size_t kMaxPolicyIdLength = 64;

struct DirectorySnapshot {
    std::uint64_t sequence = 0;
    std::int64_t issuedAtMs = 0;
    std::int64_t nextUpdateMs = 0;   // district IT publishes a newer one before then
    Bytes revocations;               // the district's signed revocation list, byte for byte; empty: none published
    std::vector<Bytes> certificates; // each as the district signed it
    // The case store keys devices accept over https:// (docs/deployment.md "Pinning the case store's key"): when any
    // is set, the case store's certificate must carry one of them, whoever signed it; none: the usual CA check. Two
    // or more while the case store's key is rotated (the old and the next).
    std::vector<CaseStorePin> caseStorePins;
    // The case store's receipt keys (directory/receipt.h): a receipt counts only when signed by one of them. Two or
    // more while the key is rotated.
    std::vector<ReceiptKey> receiptKeys;
    // The district policies the district has adopted ("clovis-unified"; assets/policies): a PAR case opens only under
    // one of them (rules::judgeCasePolicy, docs/security.md "The district's policies"). None named: any shipped policy
    // (directories from before version 4). District IT's `publish` keeps every policy once adopted, so no case's
    // policy is dropped by a later snapshot.
    std::vector<std::string> adoptedPolicies;
};
// A policy id as a directory may name it: 1..kMaxPolicyIdLength of a-z, 0-9 and "-".
bool validPolicyId(const std::string &id);
inline constexpr std::size_t kMaxDirectoryCertificates = 200'000;
// A pin as base64 (what district IT types); errors "directory.bad_pin".
Result<CaseStorePin> caseStorePinFromBase64(const std::string &base64);
std::string caseStorePinToBase64(const CaseStorePin &pin);
// District IT: signs a snapshot with the district root key (version 1 without pins or receipt keys, 2 with pins only,
// 3 with receipt keys, 4 with adopted policies). Errors "directory.invalid" (next update not after issue, more than
// kMaxCaseStorePins pins, kMaxReceiptKeys receipt keys or kMaxAdoptedPolicies policies, one twice, or a policy id that
// is not validPolicyId).
Result<Bytes> issueDirectory(const crypto::Identity &districtRoot, const DirectorySnapshot &snapshot);
// Parses and verifies against the pinned district: the snapshot's signature by the pinned root key, and every part
// the district's (each certificate signed by it, whatever its dates: which are valid now is the directory's call; the
// revocation list signed by it). Errors: "directory.malformed", "directory.unsupported_version",
// "directory.wrong_district", "directory.bad_signature" (the snapshot or a part of it is not the district's).
// `checkParts` false: the snapshot's own signature only, for bytes whose parts were checked when they arrived (a
// device reading back the snapshot it stored, without verifying every certificate again at each start).
Result<DirectorySnapshot> verifyDirectory(std::span<const std::uint8_t> bytes, const DistrictInfo &district, bool checkParts = true);

// The case store's origin, as a device and the case store both write it: "scheme://host:port" with the scheme and
// host in lower case, the port always written (80 for http, 443 for https when the address has none) and an IPv6
// host in brackets. Accepts an address with or without a trailing "/", nothing after it. Errors "origin.invalid".
Result<std::string> caseStoreOrigin(const std::string &url);

// What a device signs with its certified Ed25519 key to enroll with the case store (docs/protocol.md
// "Authentication"): "triad.casestore.enroll.v2" ‖ origin length (u16) ‖ the case store's origin (caseStoreOrigin) ‖
// the case store's nonce ‖ the certificate serial (16 bytes). The origin names the case store the device meant, so a
// rogue case store cannot pass the signature on to the real one; the nonce makes it good for one enrollment only;
// the serial ties it to the certificate presented.
Bytes caseStoreEnrollmentMessage(const std::string &origin, std::span<const std::uint8_t> nonce, const RecordId &certificateSerial);

} // namespace triad::directory
