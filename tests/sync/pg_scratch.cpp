#include "pg_scratch.h"

#include <QRandomGenerator>
#include <QUrl>

#include <libpq-fe.h>

#include <cstdlib>
#include <map>

namespace triad::test {

namespace {

constexpr std::string_view kScratchPrefix = "triad_test_";

std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}

// The keyword → value pairs a conninfo string or URI sets.
Result<std::map<std::string, std::string>> parseConninfo(const std::string &conninfo)
{
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(conninfo.c_str(), &error);
    if (!options) {
        Error e = makeError("test.pg", "The PostgreSQL conninfo '" + conninfo + "' cannot be read: " + (error ? error : "out of memory"));
        PQfreemem(error);
        return e;
    }
    std::map<std::string, std::string> out;
    for (PQconninfoOption *o = options; o->keyword; ++o)
        if (o->val && *o->val) out[o->keyword] = o->val;
    PQconninfoFree(options);
    return out;
}

// Runs one statement on TRIAD_TEST_PG's server.
Status runOnServer(const std::string &sql)
{
    const auto conninfo = testPostgresConninfo();
    if (!conninfo) return makeError("test.pg", "TRIAD_TEST_PG is not set: no PostgreSQL server to make scratch databases on.");
    PGconn *conn = PQconnectdb(conninfo->c_str());
    Status result;
    if (PQstatus(conn) != CONNECTION_OK) {
        result = makeError("test.pg", "The test PostgreSQL server " + *conninfo + " cannot be reached: " + PQerrorMessage(conn));
    } else {
        PGresult *r = PQexec(conn, sql.c_str());
        if (PQresultStatus(r) != PGRES_COMMAND_OK) result = makeError("test.pg", "'" + sql + "' failed: " + PQresultErrorMessage(r));
        PQclear(r);
    }
    PQfinish(conn);
    return result;
}

} // namespace

Result<Backend> testBackend()
{
    const std::string name = env("TRIAD_TEST_BACKEND");
    if (name.empty() || name == "sqlite") return Backend::Sqlite;
    if (name != "postgres") return makeError("test.backend", "TRIAD_TEST_BACKEND is '" + name + "'; it must be sqlite or postgres.");
    if (!testPostgresConninfo())
        return makeError("test.backend", "TRIAD_TEST_BACKEND is postgres but TRIAD_TEST_PG (the test server's URI) is not set.");
    return Backend::Postgres;
}

const char *backendName(Backend backend) { return backend == Backend::Postgres ? "postgres" : "sqlite"; }

std::optional<std::string> testPostgresConninfo()
{
    std::string v = env("TRIAD_TEST_PG");
    if (v.empty()) return std::nullopt;
    return v;
}

Result<std::string> createScratchDatabase()
{
    const auto conninfo = testPostgresConninfo();
    if (!conninfo) return makeError("test.pg", "TRIAD_TEST_PG is not set: no PostgreSQL server to make scratch databases on.");
    auto options = parseConninfo(*conninfo);
    if (!options) return options.error();
    const std::string name = std::string(kScratchPrefix)
                             + QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, QLatin1Char('0')).toStdString();
    if (auto st = runOnServer("CREATE DATABASE " + name); !st) return st.error();

    const auto part = [&](const char *key) {
        const auto it = options->find(key);
        return it == options->end() ? QByteArray() : QUrl::toPercentEncoding(QByteArray::fromStdString(it->second));
    };
    QByteArray uri = "postgresql://" + part("user");
    if (!part("password").isEmpty()) uri += ":" + part("password");
    uri += "@" + (options->count("host") ? QByteArray::fromStdString(options->at("host")) : QByteArray("127.0.0.1"));
    if (!part("port").isEmpty()) uri += ":" + part("port");
    return (uri + "/" + QByteArray::fromStdString(name)).toStdString();
}

Status dropScratchDatabase(const std::string &uri)
{
    auto options = parseConninfo(uri);
    if (!options) return options.error();
    const std::string name = options->count("dbname") ? options->at("dbname") : "";
    // Only names createScratchDatabase() makes: a slip in a test must not drop a real database.
    if (!name.starts_with(kScratchPrefix) || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        return makeError("test.pg", "'" + name + "' is not a scratch database name; refusing to drop it.");
    return runOnServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

Result<std::unique_ptr<ScratchLocation>> ScratchLocation::create()
{
    auto backend = testBackend();
    if (!backend) return backend.error();
    if (*backend == Backend::Postgres) {
        auto uri = createScratchDatabase();
        if (!uri) return uri.error();
        return std::unique_ptr<ScratchLocation>(new ScratchLocation(Backend::Postgres, *uri));
    }
    auto dir = std::make_unique<QTemporaryDir>();
    if (!dir->isValid()) return makeError("test.sqlite", "No temporary directory for the SQLite file: " + dir->errorString().toStdString());
    std::unique_ptr<ScratchLocation> s(new ScratchLocation(Backend::Sqlite, dir->filePath(QStringLiteral("casestore.db")).toStdString()));
    s->m_dir = std::move(dir);
    return s;
}

ScratchLocation::~ScratchLocation()
{
    if (m_backend == Backend::Postgres) (void)dropScratchDatabase(m_location); // best effort: the cluster goes at the end anyway
}

} // namespace triad::test
