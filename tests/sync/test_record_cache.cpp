// The case store's memory of records read from PostgreSQL (casestore::RecordCache, record_cache.h): all or nothing
// lookups, the byte budget, least recently used out first, an epoch change forgetting everything.
#include <catch2/catch.hpp>

#include "record_cache.h"

#include <string>
#include <thread>
#include <vector>

using namespace triad;
using namespace triad::casestore;

namespace {

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

} // namespace

TEST_CASE("Record cache: a page is found only when every record of it is held, in the order asked", "[sync]")
{
    RecordCache cache;
    const std::vector<StoredRecord> held = {record(3), record(5), record(9)};
    cache.put(held);
    CHECK(cache.size() == 3);
    const std::vector<std::int64_t> asked = {9, 3, 5};
    const auto found = cache.findAll(asked);
    CHECK(seqsOf(found) == asked);
    CHECK(found[0]->body == held[2].body);
    CHECK(found[0]->id == held[2].id);
    const std::vector<std::int64_t> withMissing = {3, 4, 5};
    CHECK(cache.findAll(withMissing).empty());
    CHECK(cache.findAll(std::vector<std::int64_t>{}).empty()); // an empty page: nothing to find, found
    // A record put again (two pull threads read it) is held once.
    cache.put(held);
    CHECK(cache.size() == 3);
}

TEST_CASE("Record cache: stays within its budget, dropping the least recently used first", "[sync]")
{
    const std::size_t cost = RecordCache::costOf(record(1, 1000));
    RecordCache cache(10 * cost); // room for ten records of 1,000 bytes
    std::vector<StoredRecord> first;
    for (std::int64_t s = 1; s <= 10; ++s) first.push_back(record(s, 1000));
    cache.put(first);
    REQUIRE(cache.size() == 10);
    CHECK(cache.bytes() == 10 * cost);
    // Records 1 and 2 used again: 3 and 4 are now the least recently used.
    REQUIRE(cache.findAll(std::vector<std::int64_t>{1, 2}).size() == 2);
    cache.put(std::vector<StoredRecord>{record(11, 1000), record(12, 1000)});
    CHECK(cache.size() == 10);
    CHECK(cache.bytes() <= cache.maxBytes());
    CHECK(cache.findAll(std::vector<std::int64_t>{3}).empty());
    CHECK(cache.findAll(std::vector<std::int64_t>{4}).empty());
    CHECK(cache.findAll(std::vector<std::int64_t>{1, 2, 5, 11, 12}).size() == 5);
    // One record over an eighth of the budget is not kept: it would push out many notes for one pull.
    cache.put(std::vector<StoredRecord>{record(20, 2 * cost)});
    CHECK(cache.findAll(std::vector<std::int64_t>{20}).empty());
    CHECK(cache.size() == 10);
}

TEST_CASE("Record cache: a new epoch forgets every record held under the old one", "[sync]")
{
    RecordCache cache;
    cache.holdFor("aaaa");
    cache.put(std::vector<StoredRecord>{record(1), record(2)});
    cache.holdFor("aaaa");
    CHECK(cache.size() == 2);
    cache.holdFor("bbbb");
    CHECK(cache.size() == 0);
    CHECK(cache.bytes() == 0);
    CHECK(cache.findAll(std::vector<std::int64_t>{1}).empty());
    // Records held before any epoch was noted are not known to be this epoch's: forgotten too.
    RecordCache fresh;
    fresh.put(std::vector<StoredRecord>{record(1)});
    fresh.holdFor("cccc");
    CHECK(fresh.size() == 0);
}

TEST_CASE("Record cache: threads finding and putting at once keep it whole and within budget", "[sync]")
{
    const std::size_t cost = RecordCache::costOf(record(1, 500));
    RecordCache cache(200 * cost);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 2000; ++i) {
                const std::int64_t base = (i * 7 + t * 13) % 500;
                std::vector<StoredRecord> page;
                for (std::int64_t s = base; s < base + 10; ++s) page.push_back(record(s, 500));
                const std::vector<std::int64_t> seqs = {base, base + 5, base + 9};
                const auto found = cache.findAll(seqs);
                if (!found.empty())
                    for (std::size_t k = 0; k < seqs.size(); ++k) REQUIRE(found[k]->seq == seqs[k]);
                cache.put(page);
            }
        });
    for (auto &th : threads) th.join();
    CHECK(cache.bytes() <= cache.maxBytes());
    CHECK(cache.size() == cache.bytes() / cost);
}
