#include "record_storage.h"

#include "postgres_record_storage.h"
#include "sqlite_record_storage.h"

namespace triad::casestore {

namespace {

template <typename Storage>
Result<std::unique_ptr<RecordStorage>> opened(Result<std::unique_ptr<Storage>> r)
{
    if (!r) return r.error();
    return std::unique_ptr<RecordStorage>(std::move(*r));
}

} // namespace

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

Result<std::unique_ptr<RecordStorage>> openRecordStorage(const std::string &location)
{
    if (PostgresRecordStorage::isPostgresUri(location)) return opened(PostgresRecordStorage::open(location));
    return opened(SqliteRecordStorage::open(location));
}

} // namespace triad::casestore
