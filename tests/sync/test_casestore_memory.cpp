// The case store's allocator settings (casestore::keepFreedMemoryForRequests, casestore_server.h), in a process of
// their own so that the heap's history is known: glibc moves its thresholds itself after seeing large blocks freed,
// which another test in the same process could have done.
#include <catch2/catch.hpp>

#include "casestore_server.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#include <malloc.h>
#endif

using namespace triad::casestore;

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && __GLIBC_PREREQ(2, 33)
namespace {

constexpr std::size_t kBlock = 64 * 1024, kBlocks = 128; // 8 MiB, a few pull pages' records and JSON
constexpr std::size_t kLarge = 3u << 20;                 // a push body of 3 MiB

// Allocates 8 MiB in blocks, frees them; how many more bytes are free in the heaps afterwards than while they were held.
std::size_t keptAfterFreeing()
{
    std::vector<void *> blocks;
    for (std::size_t i = 0; i < kBlocks; ++i) {
        blocks.push_back(std::malloc(kBlock));
        REQUIRE(blocks.back());
        std::memset(blocks.back(), 0x5a, kBlock);
    }
    const struct mallinfo2 held = mallinfo2();
    for (void *b : blocks) std::free(b);
    const struct mallinfo2 freed = mallinfo2();
    return freed.fordblks > held.fordblks ? freed.fordblks - held.fordblks : 0;
}

// Whether a 3 MiB block got a mapping of its own (mallinfo2's hblkhd: bytes in mapped blocks).
bool largeBlockMapped()
{
    const std::size_t before = mallinfo2().hblkhd;
    void *p = std::malloc(kLarge);
    REQUIRE(p);
    std::memset(p, 0x5a, kLarge);
    const bool mapped = mallinfo2().hblkhd >= before + kLarge;
    std::free(p);
    return mapped;
}

} // namespace

TEST_CASE("A serving process keeps the memory a request frees for the next one", "[sync]")
{
    REQUIRE(std::getenv("GLIBC_TUNABLES") == nullptr); // the operator's override (below) would apply instead

    // glibc's own starting settings, fixed (so they do not move with what is freed): the freed 8 MiB go back to the
    // kernel, a 3 MiB block is mapped on its own.
    REQUIRE(mallopt(M_MMAP_THRESHOLD, 128 * 1024) == 1);
    REQUIRE(mallopt(M_TRIM_THRESHOLD, 128 * 1024) == 1);
    malloc_trim(0);
    CHECK(largeBlockMapped());
    CHECK(keptAfterFreeing() < kBlock * kBlocks / 4);

    // The case store's: the block comes from the heap and the freed 8 MiB stay there for the next request.
    REQUIRE(keepFreedMemoryForRequests() == AllocatorSettings::Kept);
    malloc_trim(0);
    CHECK_FALSE(largeBlockMapped());
    CHECK(keptAfterFreeing() >= kBlock * kBlocks * 9 / 10);
    CHECK(describe(AllocatorSettings::Kept).find(std::to_string(kKeptFreeBytes >> 20) + " MiB per heap") != std::string::npos);

    // An operator's glibc.malloc tunable (or MALLOC_*_ variable) is left as it is, and the start-up line says so.
    REQUIRE(setenv("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=131072", 1) == 0);
    CHECK(keepFreedMemoryForRequests() == AllocatorSettings::LeftToOperator);
    REQUIRE(unsetenv("GLIBC_TUNABLES") == 0);
    REQUIRE(setenv("MALLOC_TRIM_THRESHOLD_", "131072", 1) == 0);
    CHECK(keepFreedMemoryForRequests() == AllocatorSettings::LeftToOperator);
    REQUIRE(unsetenv("MALLOC_TRIM_THRESHOLD_") == 0);
    CHECK(describe(AllocatorSettings::LeftToOperator).find("GLIBC_TUNABLES") != std::string::npos);
}
#else
TEST_CASE("Without glibc's allocator the case store leaves the allocator as it is", "[sync]")
{
    CHECK(keepFreedMemoryForRequests() != AllocatorSettings::Kept);
}
#endif
