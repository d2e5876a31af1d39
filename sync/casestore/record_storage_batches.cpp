// RecordStorage's default group commit, in a file of its own: it needs no backend, so the fuzz harnesses that link the
// SQLite storage and the API without PostgreSQL (fuzz/CMakeLists.txt) get the class's vtable from here.
#include "record_storage.h"

namespace triad::casestore {

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

} // namespace triad::casestore
