#include "record_cache.h"

namespace triad::casestore {

std::size_t RecordCache::costOf(const StoredRecord &r)
{
    // The record itself, its three heap blocks, the map node and the list node.
    constexpr std::size_t kOverhead = sizeof(StoredRecord) + 3 * 16 + 64 + 32;
    return r.body.size() + r.receipt.size() + r.personTag.size() + r.readerKeyIds.size() * sizeof(KeyId) + kOverhead;
}

std::uint64_t RecordCache::generation() const
{
    std::lock_guard lock(m_mutex);
    return m_generation;
}

std::vector<std::shared_ptr<const StoredRecord>> RecordCache::findPage(std::span<const std::int64_t> seqs, std::int64_t serverStart,
                                                                       std::size_t maxBytes, bool &cut)
{
    cut = false;
    std::vector<std::shared_ptr<const StoredRecord>> found;
    std::lock_guard lock(m_mutex);
    if (serverStart != m_serverStart) {
        forgetLocked(); // another server (or the first seen): nothing held is known to be its records
        m_serverStart = serverStart;
        return {};
    }
    std::vector<std::unordered_map<std::int64_t, Entry>::iterator> at;
    at.reserve(seqs.size());
    std::size_t upto = 0;
    for (std::int64_t seq : seqs) {
        auto it = m_entries.find(seq);
        if (it == m_entries.end()) return {};
        upto += it->second.record->body.size();
        if (!at.empty() && upto > maxBytes) {
            cut = true;
            break;
        }
        at.push_back(it);
    }
    found.reserve(at.size());
    for (auto it : at) {
        m_uses.splice(m_uses.begin(), m_uses, it->second.use);
        found.push_back(it->second.record);
    }
    ++m_pagesFound;
    return found;
}

void RecordCache::put(std::span<const StoredRecord> records, std::int64_t serverStart, std::uint64_t generation)
{
    std::vector<std::pair<std::shared_ptr<const StoredRecord>, std::size_t>> made; // copied outside the lock
    made.reserve(records.size());
    for (const StoredRecord &r : records) {
        if (!keeps(r)) continue;
        const std::size_t cost = costOf(r);
        made.emplace_back(std::make_shared<const StoredRecord>(r), cost);
    }
    if (made.empty()) return;
    std::lock_guard lock(m_mutex);
    if (generation != m_generation) return;
    if (serverStart != m_serverStart) { // rows from another server than what is held (or the first): they replace it
        forgetLocked();
        m_serverStart = serverStart;
    }
    for (auto &[record, cost] : made) {
        const std::int64_t seq = record->seq;
        auto it = m_entries.find(seq);
        if (it != m_entries.end() && it->second.record->id == record->id) { // held already (another thread read it too)
            m_uses.splice(m_uses.begin(), m_uses, it->second.use);
            continue;
        }
        if (it != m_entries.end()) {
            // The database now names another record by a seq held: it was rewritten behind this process (a dump
            // restored into the running database). Nothing held is known to be right any more.
            forgetLocked();
        }
        evictTo(m_maxBytes - cost);
        m_uses.push_front(seq);
        m_entries.emplace(seq, Entry{std::move(record), cost, m_uses.begin()});
        m_bytes += cost;
    }
}

void RecordCache::evictTo(std::size_t budget)
{
    while (m_bytes > budget && !m_uses.empty()) {
        auto it = m_entries.find(m_uses.back());
        m_bytes -= it->second.cost;
        m_entries.erase(it);
        m_uses.pop_back();
    }
}

void RecordCache::holdFor(const std::string &epoch)
{
    std::lock_guard lock(m_mutex);
    if (epoch == m_epoch) return;
    forgetLocked(); // held under another epoch, or under none noted
    m_epoch = epoch;
}

void RecordCache::forget()
{
    std::lock_guard lock(m_mutex);
    forgetLocked();
}

void RecordCache::forgetLocked()
{
    m_entries.clear();
    m_uses.clear();
    m_bytes = 0;
    ++m_generation;
}

std::uint64_t RecordCache::pagesFound() const
{
    std::lock_guard lock(m_mutex);
    return m_pagesFound;
}

std::size_t RecordCache::size() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

std::size_t RecordCache::bytes() const
{
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

} // namespace triad::casestore
