// Scratch case store locations for suites that run on either storage backend: tests/sync/test_casestore.cpp, and any
// other suite with a `postgres` run (CTest library triad_pg_scratch). Each test case makes its own location, so tests
// never see each other's records even when they share the server.
//
// The backend comes from the environment, which CTest sets (tests/CMakeLists.txt):
//   TRIAD_TEST_BACKEND  "sqlite" (also when unset or empty) or "postgres"
//   TRIAD_TEST_PG       conninfo URI of the throwaway PostgreSQL 15 server the `pg_cluster` fixture started
//                       (tests/sync/pg_cluster.sh), e.g. postgresql://postgres@127.0.0.1:PORT/postgres; a test that
//                       needs it has FIXTURES_REQUIRED pg_cluster and ENVIRONMENT TRIAD_TEST_PG=${TRIAD_TEST_PG_URI}.
//
//   auto scratch = test::ScratchLocation::create();   // REQUIRE(scratch.ok()) — its error says what is missing
//   auto storage = casestore::openRecordStorage((*scratch)->location());
//   // …or run `triad-casestore --db (*scratch)->location()`; the database or file is removed with *scratch.
#pragma once

#include "result.h"

#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <string>

namespace triad::test {

enum class Backend {
    Sqlite,
    Postgres
};

// TRIAD_TEST_BACKEND. An unknown value, or "postgres" without TRIAD_TEST_PG, is an error: a suite meant to run on
// PostgreSQL never falls back to SQLite unnoticed.
Result<Backend> testBackend();
const char *backendName(Backend backend); // "sqlite", "postgres"

// TRIAD_TEST_PG, or nullopt when unset or empty.
std::optional<std::string> testPostgresConninfo();

// Creates an empty database with a random name ("triad_test_" + 16 hex digits) on TRIAD_TEST_PG's server and
// returns a postgresql:// URI for it (same host, port and user).
Result<std::string> createScratchDatabase();
// Drops a database that createScratchDatabase() made, cutting connections still open to it.
Status dropScratchDatabase(const std::string &uri);

// A fresh, empty location for the backend under test: an SQLite file in a temporary directory, or a scratch
// PostgreSQL database. location() is what casestore::openRecordStorage() and `triad-casestore --db` take. Removed
// (directory deleted, database dropped) when destroyed.
class ScratchLocation {
public:
    static Result<std::unique_ptr<ScratchLocation>> create();
    ~ScratchLocation();
    ScratchLocation(const ScratchLocation &) = delete;
    ScratchLocation &operator=(const ScratchLocation &) = delete;

    Backend backend() const { return m_backend; }
    const std::string &location() const { return m_location; }

private:
    ScratchLocation(Backend backend, std::string location) : m_backend(backend), m_location(std::move(location)) {}
    Backend m_backend;
    std::string m_location;
    std::unique_ptr<QTemporaryDir> m_dir; // SQLite only
};

} // namespace triad::test
