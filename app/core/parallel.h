// Work split across a few threads, for the one CPU-bound step both ends of sync share: checking the Ed25519
// signature of every record received (a device applying a pulled page, the case store checking a push's authors).
#pragma once

#include <algorithm>
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace triad {

// Calls range(from, to) over [0, n) split into up to `maxThreads` parts (this thread takes one), at least
// `minPerThread` items each (below that a thread costs more than it saves), and returns when all are done. `range`
// must be safe to run on several threads at once, each on its own part. With no thread to spare, this thread does
// every part.
template <typename Range>
void parallelRanges(std::size_t n, std::size_t maxThreads, std::size_t minPerThread, const Range &range)
{
    const std::size_t parts = std::max<std::size_t>(1, std::min({maxThreads, n / std::max<std::size_t>(1, minPerThread)}));
    if (parts == 1) { // one part: no thread, and the core count is not asked for
        range(0, n);
        return;
    }
    // glibc reads the online cores from /sys on every call: asked once per process (a CPU hot-plugged later is
    // not used, which costs nothing but speed).
    static const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t partsHere = std::min(parts, cores);
    auto bound = [&](std::size_t part) { return n * part / partsHere; };
    std::vector<std::thread> helpers;
    helpers.reserve(partsHere - 1); // before any thread runs: a failed allocation throws with none to join
    // Joined however this thread leaves (its own part may throw, bad_alloc among it): a joinable thread destroyed
    // would end the process.
    struct JoinAll {
        std::vector<std::thread> &threads;
        ~JoinAll()
        {
            for (std::thread &t : threads) t.join();
        }
    } joinAll{helpers};
    std::size_t handed = 1; // part 0 is this thread's
    try {
        for (; handed < partsHere; ++handed) helpers.emplace_back([&range, from = bound(handed), to = bound(handed + 1)] { range(from, to); });
    } catch (const std::system_error &) {
        // No thread to spare: this thread does the parts not handed out.
    }
    range(0, bound(1));
    for (std::size_t part = handed; part < partsHere; ++part) range(bound(part), bound(part + 1));
}

} // namespace triad
