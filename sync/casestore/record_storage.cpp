#include "record_storage.h"

#include "postgres_record_storage.h"
#include "sqlite_record_storage.h"

#include <map>

namespace triad::casestore {

namespace {

template <typename Storage>
Result<std::unique_ptr<RecordStorage>> opened(Result<std::unique_ptr<Storage>> r)
{
    if (!r) return r.error();
    return std::unique_ptr<RecordStorage>(std::move(*r));
}

} // namespace

void signReceipts(const ReceiptSigner &signer, const std::vector<StoredRecord> &records, const std::vector<std::int64_t> &groupOf,
                  BatchOutcome &out, std::int64_t receivedAtMs)
{
    std::map<std::int64_t, std::vector<std::size_t>> groups; // group → its new records, in the batch's order
    for (std::size_t i = 0; i < records.size() && i < out.added.size(); ++i)
        if (out.added[i]) groups[groupOf[i]].push_back(i);
    std::vector<ReceiptRequest> requests;
    for (const auto &[group, members] : groups) {
        requests.clear();
        for (const std::size_t i : members) requests.push_back({&records[i].id, records[i].body, out.seqs[i], receivedAtMs});
        std::vector<Bytes> receipts = signer(requests);
        if (receipts.size() != members.size()) continue; // a signer that signs nothing: the records are served signed
        for (std::size_t k = 0; k < members.size(); ++k) out.receipts[members[k]] = std::move(receipts[k]);
    }
}

Result<std::unique_ptr<RecordStorage>> openRecordStorage(const std::string &location)
{
    if (PostgresRecordStorage::isPostgresUri(location)) return opened(PostgresRecordStorage::open(location));
    return opened(SqliteRecordStorage::open(location));
}

} // namespace triad::casestore
