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

Result<std::unique_ptr<RecordStorage>> openRecordStorage(const std::string &location)
{
    if (PostgresRecordStorage::isPostgresUri(location)) return opened(PostgresRecordStorage::open(location));
    return opened(SqliteRecordStorage::open(location));
}

} // namespace triad::casestore
