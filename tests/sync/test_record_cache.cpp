// The case store's memory of records read from PostgreSQL (casestore::RecordCache, record_cache.h): all or nothing
// lookups, the byte budget, least recently used out first, and everything forgotten when what a seq names may have
// changed (another server, another epoch, a connection made again), including rows a read had in flight.
#include <catch2/catch.hpp>

#include "record_cache.h"

#include <cstdint>
#include <span>
#include <string>
#include <thread>
#include <vector>

using namespace triad;
using namespace triad::casestore;

namespace {

constexpr std::int64_t kServer = 1'790'000'000'000'000; // a server's start time, as pg_postmaster_start_time() reads it

StoredRecord record(std::int64_t seq, std::size_t bodyBytes = 100)
{
    StoredRecord r;
    r.id = RecordId::generate();
    r.seq = seq;
    r.body.assign(bodyBytes, static_cast<std::uint8_t>(seq));
    return r;
}

std::vector<std::int64_t> seqsOf(const std::vector<std::shared_ptr<const StoredRecord>> &found)
{
    std::vector<std::int64_t> out;
    for (const auto &r : found) out.push_back(r->seq);
    return out;
}

// findPage without a cut: every record of `seqs` or none.
std::vector<std::shared_ptr<const StoredRecord>> findAll(RecordCache &cache, std::span<const std::int64_t> seqs, std::int64_t serverStart)
{
    bool cut = false;
    return cache.findPage(seqs, serverStart, SIZE_MAX, cut);
}

// A cache that has seen kServer (as a pull's first lookup does) and holds `records` read from it.
void fill(RecordCache &cache, const std::vector<StoredRecord> &records)
{
    findAll(cache, std::vector<std::int64_t>{}, kServer);
    cache.put(records, kServer, cache.generation());
}

using Seqs = std::vector<std::int64_t>;

} // namespace

TEST_CASE("Record cache: a page is found only when every record of it is held, in the order asked", "[sync]")
{
    RecordCache cache;
    const std::vector<StoredRecord> held = {record(3), record(5), record(9)};
    fill(cache, held);
    CHECK(cache.size() == 3);
    const Seqs asked = {9, 3, 5};
    const auto found = findAll(cache, asked, kServer);
    CHECK(seqsOf(found) == asked);
    CHECK(found[0]->body == held[2].body);
    CHECK(found[0]->id == held[2].id);
    CHECK(cache.pagesFound() == 1); // (fill()'s empty page met a server not seen before: not found)
    CHECK(findAll(cache, Seqs{3, 4, 5}, kServer).empty());
    CHECK(cache.pagesFound() == 1);
    // A record put again (two pull threads read it) is held once.
    cache.put(held, kServer, cache.generation());
    CHECK(cache.size() == 3);
}

TEST_CASE("Record cache: a page cut by its bytes is found when the records up to the cut are held", "[sync]")
{
    RecordCache cache;
    fill(cache, {record(1, 400), record(2, 400), record(3, 400), record(5, 2000)});
    bool cut = false;
    // 400 + 400 = 800 fits in 1,000; the third would pass it: cut there, seq 4 (not held) never needed.
    CHECK(seqsOf(cache.findPage(Seqs{1, 2, 3, 4}, kServer, 1000, cut)) == Seqs{1, 2});
    CHECK(cut);
    // The first record always, even over the bytes alone.
    CHECK(seqsOf(cache.findPage(Seqs{5, 1}, kServer, 1000, cut)) == Seqs{5});
    CHECK(cut);
    // Exactly at the bytes: kept.
    CHECK(seqsOf(cache.findPage(Seqs{1, 2}, kServer, 800, cut)) == Seqs{1, 2});
    CHECK_FALSE(cut);
    // A record not held before the cut: not found.
    CHECK(cache.findPage(Seqs{1, 4, 2}, kServer, 1000, cut).empty());
}

TEST_CASE("Record cache: stays within its budget, dropping the least recently used first", "[sync]")
{
    const std::size_t cost = RecordCache::costOf(record(1, 1000));
    RecordCache cache(10 * cost); // room for ten records of 1,000 bytes
    std::vector<StoredRecord> first;
    for (std::int64_t s = 1; s <= 10; ++s) first.push_back(record(s, 1000));
    fill(cache, first);
    REQUIRE(cache.size() == 10);
    CHECK(cache.bytes() == 10 * cost);
    // Records 1 and 2 used again: 3 and 4 are now the least recently used.
    REQUIRE(findAll(cache, Seqs{1, 2}, kServer).size() == 2);
    cache.put(std::vector<StoredRecord>{record(11, 1000), record(12, 1000)}, kServer, cache.generation());
    CHECK(cache.size() == 10);
    CHECK(cache.bytes() <= cache.maxBytes());
    CHECK(findAll(cache, Seqs{3}, kServer).empty());
    CHECK(findAll(cache, Seqs{4}, kServer).empty());
    CHECK(findAll(cache, Seqs{1, 2, 5, 11, 12}, kServer).size() == 5);
    // One record over an eighth of the budget is not kept: it would push out many notes for one pull.
    cache.put(std::vector<StoredRecord>{record(20, 2 * cost)}, kServer, cache.generation());
    CHECK(findAll(cache, Seqs{20}, kServer).empty());
    CHECK(cache.size() == 10);
    // No memory at all (--record-memory 0): nothing is kept.
    RecordCache none(0);
    fill(none, first);
    CHECK(none.size() == 0);
    CHECK(findAll(none, Seqs{1}, kServer).empty());
}

TEST_CASE("Record cache: another epoch, another server or a connection made again forgets every record held", "[sync]")
{
    RecordCache cache;
    cache.holdFor("aaaa");
    fill(cache, {record(1), record(2)});
    cache.holdFor("aaaa");
    CHECK(cache.size() == 2);
    cache.holdFor("bbbb");
    CHECK(cache.size() == 0);
    CHECK(cache.bytes() == 0);
    CHECK(findAll(cache, Seqs{1}, kServer).empty());

    // Seqs read from another server (restarted, failed over to, restored): what was held is not its records.
    fill(cache, {record(1), record(2)});
    REQUIRE(findAll(cache, Seqs{1, 2}, kServer).size() == 2);
    CHECK(findAll(cache, Seqs{1, 2}, kServer + 1).empty());
    CHECK(cache.size() == 0);
    // …and records of two servers are never held together: those read last replace what was held.
    fill(cache, {record(5), record(6)});
    REQUIRE(cache.size() == 2);
    cache.put(std::vector<StoredRecord>{record(1)}, kServer + 1, cache.generation());
    CHECK(cache.size() == 1);
    CHECK(findAll(cache, Seqs{5}, kServer + 1).empty());
    CHECK(findAll(cache, Seqs{1}, kServer).empty());
    CHECK(cache.size() == 0);

    // Back on the first server, then a connection made again.
    fill(cache, {record(1), record(2)});
    findAll(cache, Seqs{}, kServer); // the same server: nothing forgotten
    REQUIRE(cache.size() == 2);
    cache.forget();
    CHECK(cache.size() == 0);

    // Records held before any epoch was noted are not known to be this epoch's: forgotten too.
    RecordCache fresh;
    fill(fresh, {record(1)});
    fresh.holdFor("cccc");
    CHECK(fresh.size() == 0);
}

TEST_CASE("Record cache: a seq the database now gives another record empties it", "[sync]")
{
    // A dump restored into the running database: seqs are handed out again, for other records.
    RecordCache cache;
    fill(cache, {record(1), record(2), record(3)});
    const StoredRecord again = record(2); // seq 2, another id
    cache.put(std::vector<StoredRecord>{again}, kServer, cache.generation());
    CHECK(cache.size() == 1);
    const auto found = findAll(cache, Seqs{2}, kServer);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->id == again.id);
    CHECK(findAll(cache, Seqs{1}, kServer).empty());
}

TEST_CASE("Record cache: rows a read had in flight while the cache was emptied are not kept", "[sync]")
{
    RecordCache cache;
    fill(cache, {record(1)});
    const std::uint64_t before = cache.generation();                  // a pull's read starts…
    cache.holdFor("dddd");                                            // …another thread reads a new epoch meanwhile…
    cache.put(std::vector<StoredRecord>{record(7)}, kServer, before); // …and the rows that read returned
    CHECK(cache.size() == 0);
    CHECK(findAll(cache, Seqs{7}, kServer).empty());
    cache.put(std::vector<StoredRecord>{record(7)}, kServer, cache.generation()); // read after it: kept
    CHECK(cache.size() == 1);
}

TEST_CASE("Record cache: threads finding and putting at once keep it whole and within budget", "[sync]")
{
    const std::size_t cost = RecordCache::costOf(record(1, 500));
    RecordCache cache(200 * cost);
    findAll(cache, Seqs{}, kServer);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 2000; ++i) {
                const std::int64_t base = (i * 7 + t * 13) % 500;
                std::vector<StoredRecord> page;
                for (std::int64_t s = base; s < base + 10; ++s) page.push_back(record(s, 500));
                const Seqs seqs = {base, base + 5, base + 9};
                const std::uint64_t generation = cache.generation();
                const auto found = findAll(cache, seqs, kServer);
                if (!found.empty())
                    for (std::size_t k = 0; k < seqs.size(); ++k) REQUIRE(found[k]->seq == seqs[k]);
                if (i % 500 == 250) cache.forget();
                cache.put(page, kServer, generation);
            }
        });
    for (auto &th : threads) th.join();
    CHECK(cache.bytes() <= cache.maxBytes());
    CHECK(cache.size() == cache.bytes() / cost);
    CHECK(cache.size() > 0);
}
