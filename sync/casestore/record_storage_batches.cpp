// RecordStorage's default group commit, token-and-epoch read and the receipts of a stored batch, in a file of their
// own: they need no backend, so the fuzz harnesses that link the SQLite storage and the API without PostgreSQL (fuzz/CMakeLists.txt)
// get the class's vtable and signReceipts from here.
#include "record_storage.h"

#include <map>

namespace triad::casestore {

Result<FoundToken> RecordStorage::findTokenWithEpoch(const TokenHash &hash)
{
    FoundToken found;
    auto token = findToken(hash);
    if (!token) return token.error();
    if (!*token) return found; // refused: no epoch needed
    auto epochRead = epoch();
    if (!epochRead) return epochRead.error();
    found.token = std::move(*token);
    found.epoch = std::move(*epochRead);
    return found;
}

Result<std::vector<BatchOutcome>> RecordStorage::insertBatches(std::span<const PushBatch> batches)
{
    std::vector<BatchOutcome> out;
    for (const PushBatch &b : batches) {
        auto one = insertBatch(*b.records, b.receivedAtMs);
        if (!one) return one.error();
        out.push_back(std::move(*one));
    }
    return out;
}

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

} // namespace triad::casestore
