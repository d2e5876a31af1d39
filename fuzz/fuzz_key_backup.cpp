// fuzz_key_backup: the key backup decoders (app/crypto/key_backup.h) on untrusted bytes — parseBackupHeader (which
// a new device runs on a header the case store serves before login) and restoreBackup with a fixed passphrase.
//
// The first input byte picks a mode, as in fuzz_keyfile:
//   even: the rest of the input is the blob, as is;
//   odd:  the harness writes a correct BLAKE2b-256 checksum over the last 32 bytes (appending one to a short input),
//         so the fuzzer reaches the format, limit and length checks and the decryption.
//
// Speed: restoreBackup accepts Argon2id limits from INTERACTIVE up to SENSITIVE (1 GiB). To keep the fuzzer fast
// the harness skips (returns before restoreBackup) any input whose checksum is valid and whose opslimit or memlimit
// exceeds INTERACTIVE; those differ from INTERACTIVE blobs only in the cost of the KDF. parseBackupHeader runs on
// every input (it never runs the KDF).
#include "fuzz_support.h"
#include "key_backup.h"

#include <sodium.h>

#include <vector>

using namespace triad;

namespace {
constexpr std::string_view kPassphrase = "fuzz backup passphrase";
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::setUp();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0) return 0;
    fuzz::resetRandom();
    const std::vector<std::uint8_t> blob = fuzz::checksummedBlob(data, size);

    const auto header = crypto::parseBackupHeader(blob);
    if (header) {
        FUZZ_CHECK(blob.size() >= crypto::kBackupHeaderBytes);
        FUZZ_CHECK(header->opslimit >= crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE && header->opslimit <= crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE
                   && header->memlimit >= crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE
                   && header->memlimit <= crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE);
    } else {
        FUZZ_CHECK(header.error().code == "backup.corrupt" || header.error().code == "backup.unsupported");
    }

    // See the comment at the top: no Argon2id above INTERACTIVE.
    if (fuzz::kdfAboveInteractive(blob)) return -1; // libFuzzer: do not keep this input

    const auto restored = crypto::restoreBackup(blob, kPassphrase);
    if (restored) {
        FUZZ_CHECK(fuzz::checksumValid(blob) && header.ok());
        FUZZ_CHECK(restored->personId == header->personId);
    } else {
        const std::string &code = restored.error().code;
        FUZZ_CHECK(code == "backup.corrupt" || code == "backup.unsupported" || code == "backup.wrong_passphrase" || code == "backup.kdf_failed");
        if (code == "backup.wrong_passphrase") FUZZ_CHECK(fuzz::checksumValid(blob) && header.ok());
    }
    return 0;
}
