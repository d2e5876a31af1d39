// Shared by the fuzz harnesses and the corpus generator (fuzz/README.md).
//
// Determinism: libFuzzer needs an input to behave the same way every time it runs, or a crash it saves will not
// reproduce. seal(), wrap() and the media encryptor draw keys and nonces from libsodium's RNG, so the fuzz binaries
// replace that RNG (randombytes_set_implementation, before sodium_init) with a ChaCha20 stream under a fixed seed,
// rewound by resetRandom() at the start of every input. This exists only in the fuzz binaries: never link it into
// the app.
#pragma once

#include "identity.h"
#include "media_stream.h"
#include "secure_buffer.h"
#include "triad/platform/keystore.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <vector>
#include <optional>
#include <span>
#include <string_view>

namespace triad::fuzz {

// Installs the deterministic RNG and initialises libsodium. Call once, first (LLVMFuzzerInitialize, main).
void setUp();
// Rewinds the deterministic RNG: the same calls after a reset return the same bytes.
void resetRandom();

// Fixed identities for the sealed-record target: the author, the reader the harness opens as, and a third person.
const crypto::Identity &author();
const crypto::Identity &reader();
const crypto::Identity &stranger();
// The district root signing key of the certificate target.
const crypto::Identity &districtRoot();
// The key directory the harness opens with: knows the author and the stranger (by sign key id).
std::optional<crypto::PublicIdentity> lookupAuthor(const crypto::KeyId &id);

// The key-file target's passphrase.
inline constexpr std::string_view kKeyfilePassphrase = "fuzz passphrase 1";
platform::UnlockCredential keyfileCredential();

// The media-stream target's fixed stream key and the header a MediaEncryptor writes for it right after
// resetRandom() (so valid chunks exist for this key and header).
const crypto::ContentKey &mediaKey();
const crypto::MediaHeader &mediaHeader();

// The two-mode harnesses: the first input byte picks the mode. Even: `raw` gets the rest of the input as bytes.
// Odd: `mutated` gets a FuzzedDataProvider over the rest, to build a well-formed object and then damage it.
// Rewinds the RNG first. Returns LLVMFuzzerTestOneInput's value.
template <typename Raw, typename Mutated>
int byMode(const std::uint8_t *data, std::size_t size, Raw raw, Mutated mutated)
{
    if (size == 0) return 0;
    resetRandom();
    const std::span<const std::uint8_t> rest(data + 1, size - 1);
    if ((data[0] & 1) == 0) {
        raw(rest);
    } else {
        FuzzedDataProvider in(rest.data(), rest.size());
        mutated(in);
    }
    return 0;
}

// Key files and key backups share a layout: magic 8 | version | kdf id | aead id | opslimit u64 | memlimit u64 | ... |
// BLAKE2b-256 checksum over every byte before it.
//
// The blob an input stands for: the input after its mode byte; in odd mode with a correct checksum written over its
// last 32 bytes (appended if it is shorter), so the fuzzer gets past the checksum.
std::vector<std::uint8_t> checksummedBlob(const std::uint8_t *data, std::size_t size);
bool checksumValid(std::span<const std::uint8_t> blob);
// True for an intact blob (valid checksum) whose opslimit or memlimit is above Argon2id's INTERACTIVE limits: the
// harnesses skip those so the fuzzer never runs a MODERATE..SENSITIVE KDF (seconds, up to 1 GiB).
bool kdfAboveInteractive(std::span<const std::uint8_t> blob);

} // namespace triad::fuzz

// A broken invariant: print where and abort, so libFuzzer saves the input as a crash.
#define FUZZ_CHECK(cond)                                                                                                                             \
    do {                                                                                                                                             \
        if (!(cond)) {                                                                                                                               \
            std::fprintf(stderr, "FUZZ_CHECK failed: %s at %s:%d\n", #cond, __FILE__, __LINE__);                                                     \
            std::abort();                                                                                                                            \
        }                                                                                                                                            \
    } while (false)
