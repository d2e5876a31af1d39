// kat_generate — writes the known-answer vectors afresh, from the inputs in tests/crypto/kat_inputs.h. Built with
// the tests but not one of them: the suites check the committed vectors and never regenerate them.
//
// Run it by hand only when a format version is added (a vector of the new version is committed beside the old ones,
// which stay, because old files must keep opening):
//
//   build/release/tests/kat_generate record-v2  > tests/crypto/kat_record_v2.hex    # sealed record, format v2
//   build/release/tests/kat_generate keyfile-v1 > tests/crypto/kat_keyfile_v1.hex   # key file (identity.key)
//   build/release/tests/kat_generate backup-v1  > tests/access/kat_backup_v1.hex    # key backup
//
// Each run draws fresh nonces and salts, so its output differs from the committed file while checking the same way;
// check a new vector independently (tests/crypto/kat_record_v2_check.py shows how) before committing it.
// seal() writes v2 only, so kat_record_v1.hex, written by an earlier version of the app, cannot be made again.
#include "identity.h"
#include "kat_inputs.h"
#include "key_backup.h"
#include "linux/passphrase_keystore.h"
#include "sealed_record.h"
#include "secure_buffer.h"

#include <iostream>
#include <string>

using namespace triad;

namespace {

int printHex(const Result<crypto::Bytes> &bytes)
{
    if (!bytes) {
        std::cerr << "kat_generate: " << bytes.error().message << "\n";
        return 1;
    }
    std::cout << crypto::toHex(*bytes) << "\n";
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string what = argc == 2 ? argv[1] : "";
    if (!crypto::initialize()) {
        std::cerr << "kat_generate: libsodium could not be initialised.\n";
        return 1;
    }
    if (what == "record-v2") {
        const crypto::Bytes plain = test::bytesOf(test::kat::kKatV2Plaintext);
        return printHex(crypto::seal(test::kat::authorKat(), test::kat::katV2Request(plain)));
    }
    if (what == "keyfile-v1") {
        platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
        return printHex(keystore.wrap(test::fromHex(test::kat::kKatSecret), platform::UnlockCredential::fromPassphrase(test::kat::kPassphrase)));
    }
    if (what == "backup-v1")
        return printHex(
            crypto::createBackup(test::kat::authorKat(), test::kat::katPerson(), test::kat::kPassphrase, crypto::BackupStrength::Interactive));
    std::cerr << "Usage: kat_generate record-v2|keyfile-v1|backup-v1 (see the comment in tests/tools/kat_generate.cpp)\n";
    return 2;
}
