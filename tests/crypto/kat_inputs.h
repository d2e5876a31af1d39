// The inputs of the committed known-answer vectors (kat_record_v2.hex, kat_keyfile_v1.hex, access/kat_backup_v1.hex),
// shared by the suites that check them and by tests/tools/kat_generate.cpp, which writes them afresh when a format
// version is added. The suites never regenerate a vector.
#pragma once

#include "crypto_test_util.h"
#include "identity.h"
#include "sealed_record.h"

#include <span>
#include <string_view>

namespace triad::test::kat {

constexpr std::string_view kAuthorSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kReaderSeed = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
constexpr const char *kPassphrase = "correct horse battery staple"; // the key file's and the backup's

// Sealed records (tests/crypto/test_sealed_record.cpp).
constexpr std::uint16_t kKatType = 7;
constexpr std::string_view kKatId = "6f1c2a3e-4b5d-4e6f-8a7b-9c0d1e2f3a4b";
constexpr std::int64_t kKatCreatedAt = 1767225600000; // 2026-01-01T00:00:00Z
constexpr std::string_view kKatV2Id = "0b7e3c1a-9d2f-4a6b-8c5e-1f2a3b4c5d6e";
constexpr std::string_view kKatV2CaseId = "c0ffee00-1234-4abc-9def-0123456789ab";
constexpr std::string_view kKatV2LinkId = "0b5e7ed0-5678-4cde-8f01-23456789abcd";
constexpr std::string_view kKatV2Plaintext = "Observation 2: the teacher paused for wait time; three more students answered. (KAT v2)";

inline crypto::Identity authorKat() { return crypto::Identity::fromSeed(seed32(kAuthorSeed)); }
inline crypto::Identity readerKat() { return crypto::Identity::fromSeed(seed32(kReaderSeed)); }

// The known-answer record's inputs: from the author seed to the reader seed.
inline crypto::SealRequest katRequest(std::span<const std::uint8_t> plaintext)
{
    crypto::SealRequest r;
    r.type = kKatType;
    r.id = *RecordId::fromString(kKatId);
    r.createdAtMs = kKatCreatedAt;
    r.plaintext = plaintext;
    r.readers = {readerKat().publicIdentity()};
    return r;
}

// The v2 record: the same, with its own id and the case and link ids its header signs.
inline crypto::SealRequest katV2Request(std::span<const std::uint8_t> plaintext)
{
    crypto::SealRequest r = katRequest(plaintext);
    r.id = *RecordId::fromString(kKatV2Id);
    r.caseId = RecordId::fromString(kKatV2CaseId);
    r.linkId = RecordId::fromString(kKatV2LinkId);
    return r;
}

// The key backup (tests/access/test_key_backup.cpp): the author's identity for this person.
constexpr std::string_view kKatPerson = "3b1f5c7e-2a4d-4c6b-9e8f-0a1b2c3d4e5f";
inline RecordId katPerson() { return *RecordId::fromString(kKatPerson); }

// The key file (tests/crypto/test_keystore.cpp): Identity::exportSecret() of the author.
constexpr std::string_view kKatSecret = "01"
                                        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
                                        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
                                        "e4e9dd3d8c007323d26555a3267091d8b73a29cce05eff082cb6c4d040f4d83d";

} // namespace triad::test::kat
