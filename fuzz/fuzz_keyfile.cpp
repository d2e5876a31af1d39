// fuzz_keyfile: PassphraseKeystore::unwrap (platform/linux/passphrase_keystore.h) on untrusted key files, with a
// fixed passphrase.
//
// The first input byte picks a mode:
//   even: the rest of the input is the key file, as is (nearly always refused at the magic or the checksum);
//   odd:  the harness overwrites the last 32 bytes with a correct BLAKE2b-256 checksum (or appends one when the
//         input is shorter), so the fuzzer gets past the checksum into the version, algorithm, length and KDF checks
//         and the decryption.
//
// Speed: a blob that passes every structural check runs Argon2id with the opslimit/memlimit written in it, and the
// keystore accepts anything up to SENSITIVE (1 GiB, seconds per run). To keep the fuzzer fast this harness skips
// (returns before unwrap) any input whose checksum is valid and whose opslimit or memlimit exceeds Argon2id's
// INTERACTIVE limits (64 MiB, the KdfStrength::Interactive key files): those only differ from INTERACTIVE ones in
// the cost of the KDF. The upper bound check itself is covered by the keystore's unit tests.
#include "fuzz_support.h"
#include "linux/passphrase_keystore.h"

#include <sodium.h>

#include <vector>

using namespace triad;

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
    // See the comment at the top: no Argon2id above INTERACTIVE.
    if (fuzz::kdfAboveInteractive(blob)) return -1; // libFuzzer: do not keep this input

    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
    const auto secret = keystore.unwrap(blob, fuzz::keyfileCredential());
    if (secret) {
        // Only an intact blob with our passphrase opens; the secret is the ciphertext minus its tag.
        FUZZ_CHECK(fuzz::checksumValid(blob));
        FUZZ_CHECK(blob.size() == 71 + secret->size() + 16 + 32);
        FUZZ_CHECK(secret->size() <= platform::kMaxSecretBytes);
    } else {
        const std::string &code = secret.error().code;
        FUZZ_CHECK(code == "keystore.corrupt" || code == "keystore.unsupported" || code == "keystore.wrong_passphrase"
                   || code == "keystore.kdf_failed");
        if (code == "keystore.wrong_passphrase") FUZZ_CHECK(fuzz::checksumValid(blob));
    }
    return 0;
}
