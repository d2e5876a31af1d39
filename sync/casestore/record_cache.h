// Records a case store process has read from its PostgreSQL database, kept in memory up to a byte budget (least
// recently used out first; `triad-casestore --record-memory`, docs/deployment.md "Records kept in memory"), so a pull
// whose records are all held asks the database only for the page's seqs from the reader index.
//
// What makes a held record the right one: a stored record's row never changes once its transaction has committed
// (its receipt is written in that transaction; records are never deleted), and one database server hands out each
// seq once. So a record is held together with where it was read — the database server's start time
// (pg_postmaster_start_time(), read in the same statement as the rows) — and is used only for seqs read from that same
// server since (a restart, a failover to a standby, a server restored from a backup all start anew); and whatever
// else could change what a seq names empties it: another epoch (a store restored and given a new one), a connection of
// this process made again. A read that started before the cache was emptied puts nothing in it (generation()).
// The cache decides nothing about who may read what: which seqs a pull returns comes from the database's reader index
// on every pull. Thread-safe: the pull threads and the writer of one process share one.
#pragma once

#include "record_storage.h"

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace triad::casestore {

class RecordCache {
public:
    // 64 MiB: about 60,000 sealed notes (~720 bytes and ~350 of bookkeeping each), a large district's last few weeks.
    static constexpr std::size_t kDefaultBytes = std::size_t{64} << 20;
    explicit RecordCache(std::size_t maxBytes = kDefaultBytes) : m_maxBytes(maxBytes) {}

    // Taken before a read whose rows may be put here: put() refuses them if the cache was emptied meanwhile.
    std::uint64_t generation() const;
    // The page a pull of `seqs` (ascending, read just now from the server that started at `serverStart`) returns, cut
    // as a pull cuts it — the first record always, then each while the bodies so far come to at most `maxBytes` —
    // if every record up to the cut is held and was read from that same server (each then becomes the most recently
    // used); `cut` tells whether it stopped before the end of `seqs`. Otherwise an empty vector. Seqs from a server
    // other than the one the records came from empty the cache.
    std::vector<std::shared_ptr<const StoredRecord>> findPage(std::span<const std::int64_t> seqs, std::int64_t serverStart, std::size_t maxBytes,
                                                              bool &cut);
    // Keeps copies of `records`, read from a committed state (or just committed) on the server that started at
    // `serverStart`, by a read that began at `generation`; nothing if the cache was emptied since. Records of another
    // server than those held replace them all: the cache never holds two servers' records; so does a record under a
    // seq held for another record id. A record larger than an eighth of the budget is not kept, so one 16 MiB record
    // does not push out thousands of notes.
    void put(std::span<const StoredRecord> records, std::int64_t serverStart, std::uint64_t generation);
    // The store's epoch as just read: any other than the one the records were held under empties the cache (a store
    // restored and given a new epoch); so does the first, for records held before any was read.
    void holdFor(const std::string &epoch);
    // Empties it (a connection made again: it may be to another server, or to a database restored behind it).
    void forget();

    // Pages findPage() found, since the cache was made (for tests and figures).
    std::uint64_t pagesFound() const;
    std::size_t size() const;
    std::size_t bytes() const;
    std::size_t maxBytes() const { return m_maxBytes; }
    // Whether put() would keep `r` (not larger than an eighth of the budget).
    bool keeps(const StoredRecord &r) const { return costOf(r) <= m_maxBytes / 8; }
    // What one record counts against the budget: its bytes and the bookkeeping around them.
    static std::size_t costOf(const StoredRecord &r);

private:
    struct Entry {
        std::shared_ptr<const StoredRecord> record;
        std::size_t cost = 0;
        std::list<std::int64_t>::iterator use; // its place in m_uses
    };
    void evictTo(std::size_t budget); // under m_mutex
    void forgetLocked();              // under m_mutex
    const std::size_t m_maxBytes;
    mutable std::mutex m_mutex;
    std::unordered_map<std::int64_t, Entry> m_entries;
    std::list<std::int64_t> m_uses; // seqs, most recently used first
    std::size_t m_bytes = 0;
    std::uint64_t m_generation = 0;
    std::uint64_t m_pagesFound = 0;
    std::string m_epoch;
    std::int64_t m_serverStart = 0; // 0: none yet
};

} // namespace triad::casestore
