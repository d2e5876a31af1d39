// Records a case store process has read from its PostgreSQL database, kept in memory up to a byte budget (least
// recently used out first), so a pull whose records are all held asks the database only for the reader's index range
// (docs/deployment.md "Memory"). What makes this sound: a stored record's row never changes once its transaction has
// committed (its receipt is written in that transaction; records are never deleted), so a seq names the same record
// for as long as the database is the same one — and a database restored from a backup is only started on with every
// case store stopped and a new epoch (newEpoch() empties the cache of the process that makes it). Only rows read
// from a committed state are put here. The cache decides nothing about who may read what: which seqs a pull returns
// comes from the database's reader index on every pull. Thread-safe: the pull threads and the writer of one process
// share one.
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
    // 64 MiB: about 90,000 sealed notes, every record of a large district's last few weeks.
    static constexpr std::size_t kDefaultBytes = std::size_t{64} << 20;
    explicit RecordCache(std::size_t maxBytes = kDefaultBytes) : m_maxBytes(maxBytes) {}

    // The records of `seqs`, in their order, if every one of them is held (each becomes the most recently used);
    // otherwise an empty vector and nothing changes.
    std::vector<std::shared_ptr<const StoredRecord>> findAll(std::span<const std::int64_t> seqs);
    // Keeps copies of `records` (read from a committed state, each with its seq). A record larger than an eighth of
    // the budget is not kept, so one 16 MiB record does not push out thousands of notes.
    void put(std::span<const StoredRecord> records);
    void clear();
    // The store's epoch as just read: any other than the one the records were held under empties the cache (another
    // process gave the store a new epoch, after a restore); so does the first, for records held before any was read.
    void holdFor(const std::string &epoch);

    std::size_t size() const;
    std::size_t bytes() const;
    std::size_t maxBytes() const { return m_maxBytes; }
    // What one record counts against the budget: its bytes and the bookkeeping around them.
    static std::size_t costOf(const StoredRecord &r);

private:
    struct Entry {
        std::shared_ptr<const StoredRecord> record;
        std::size_t cost = 0;
        std::list<std::int64_t>::iterator use; // its place in m_uses
    };
    void evictTo(std::size_t budget); // under m_mutex
    const std::size_t m_maxBytes;
    mutable std::mutex m_mutex;
    std::unordered_map<std::int64_t, Entry> m_entries;
    std::list<std::int64_t> m_uses; // seqs, most recently used first
    std::size_t m_bytes = 0;
    std::string m_epoch;
};

} // namespace triad::casestore
