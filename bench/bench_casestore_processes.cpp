// Several case store processes on one database (issue 14, docs/deployment.md "More than one case store process"):
// the triad-casestore executable, one process and then two on the same database, the load spread evenly over
// them (connection c to process c % n), on loopback with the load generator of bench_casestore (casestore_load.h:
// keep-alive HTTP/1.1, closed loop). Per round and configuration: one-record pushes (real sealed notes, each answered
// only once durable), then pulls of pages of 100 at cursors spread over what is stored. Rounds alternate the
// configurations (1, 2, 1, 2, …) so both meet the same machine; the summary is the median of the rounds.
//
//   bench_casestore_processes [--db LOCATION] [--requests N] [--connections N] [--rounds N] [--pull-threads N] [--push-after]
//   LOCATION: an SQLite file (default: one in a temporary directory under the current one) or the URI of an empty
//   PostgreSQL database (postgresql://…), written to by the benchmark. --pull-threads: given to each process
//   (triad-casestore --pull-threads; its default when absent). --push-after: each push carries the pusher's pull
//   cursor (`after`, as a device's probably-last push does), so its reply also says whether it is caught up.
#include "casestore_load.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <array>
#include <memory>

using namespace triad;
using namespace triad::bench::load;

namespace {

struct Options {
    std::string db;
    int requests = 6000;
    std::string pullThreads; // empty: the case store's default
    int connections = 8;
    int rounds = 3;
    bool pushAfter = false;
};

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--push-after") {
            o.pushAfter = true;
            continue;
        }
        if (i + 1 >= argc)
            fail("usage: bench_casestore_processes [--db LOCATION] [--requests N] [--connections N] [--rounds N] [--pull-threads N] "
                 "[--push-after]");
        const std::string value = argv[++i];
        if (flag == "--db")
            o.db = value;
        else if (flag == "--requests")
            o.requests = std::atoi(value.c_str());
        else if (flag == "--connections")
            o.connections = std::atoi(value.c_str());
        else if (flag == "--rounds")
            o.rounds = std::atoi(value.c_str());
        else if (flag == "--pull-threads")
            o.pullThreads = value;
        else
            fail("unknown flag " + flag);
    }
    if (o.requests < 10 || o.connections < 2 || o.connections > 256 || o.rounds < 1)
        fail("--requests must be at least 10, --connections 2-256, --rounds at least 1");
    return o;
}

QString casestorePath() { return QStringLiteral(TRIAD_CASESTORE_PATH); }

// One triad-casestore process on `db`, listening on a free loopback port.
class CaseStoreProcess {
public:
    CaseStoreProcess(const std::string &db, const std::string &pullThreads)
    {
        m_process.setProgram(casestorePath());
        QStringList args{"--listen", "127.0.0.1:0", "--db", QString::fromStdString(db), "--access-log", "none"};
        if (!pullThreads.empty()) args << "--pull-threads" << QString::fromStdString(pullThreads);
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(10000)) fail("triad-casestore did not start");
        QByteArray line;
        while (!line.contains('\n') && m_process.waitForReadyRead(20000)) line += m_process.readAllStandardOutput();
        const auto m = QRegularExpression(QStringLiteral(R"(://127\.0\.0\.1:(\d+)[ ,])")).match(QString::fromLatin1(line));
        if (!m.hasMatch()) fail("triad-casestore did not say where it listens: " + line.toStdString());
        port = static_cast<quint16>(m.captured(1).toUInt());
    }
    ~CaseStoreProcess()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) m_process.kill();
    }
    CaseStoreProcess(const CaseStoreProcess &) = delete;
    CaseStoreProcess &operator=(const CaseStoreProcess &) = delete;
    qint64 pid() const { return m_process.processId(); }
    quint16 port = 0;

private:
    QProcess m_process;
};

std::string issueToken(const std::string &db, const crypto::Identity &reader)
{
    QProcess p;
    p.start(casestorePath(), {"--db", QString::fromStdString(db), "--issue-token", QString::fromStdString(crypto::toHex(reader.publicIdentity().boxKeyId()))});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) fail("triad-casestore --issue-token failed: " + p.readAllStandardError().toStdString());
    return p.readAllStandardOutput().trimmed().toStdString();
}

struct Figures {
    double perSecond = 0, p50Ms = 0, p99Ms = 0, cpuSeconds = 0;
};

Figures figures(const Load &load, double cpu)
{
    return {static_cast<double>(load.latencyUs.size()) / load.seconds, bench::percentile(load.latencyUs, 0.5) / 1000,
            bench::percentile(load.latencyUs, 0.99) / 1000, cpu};
}

double median(std::vector<double> v) { return bench::percentile(std::move(v), 0.5); }

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchName() = "bench_casestore_processes";
    Options o = parseOptions(argc, argv);
    if (!crypto::initialize()) fail("libsodium unavailable");
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-XXXXXX")); // same disk as the build, not tmpfs
    if (!dir.isValid()) fail("cannot create a temporary directory");
    if (o.db.empty()) o.db = dir.filePath(QStringLiteral("casestore.db")).toStdString();
    const bool postgres = o.db.starts_with("postgres");

    const crypto::Identity mentor = crypto::Identity::generate(), teacher = crypto::Identity::generate();
    const std::vector<crypto::PublicIdentity> readers{mentor.publicIdentity(), teacher.publicIdentity()};
    const std::size_t perRound = static_cast<std::size_t>(o.requests);
    const std::size_t total = perRound * static_cast<std::size_t>(o.rounds) * 2;
    const long long s0 = bench::monotonicUs();
    const auto sealed = sealMany(
        mentor, total, [&](std::size_t) { return readers; }, [](std::size_t i) { return bench::noteText(static_cast<int>(i)); });
    std::vector<QByteArray> bodies;
    bodies.reserve(total);
    for (const crypto::Bytes &b : sealed) {
        const StoredRecord r = toStored(b);
        bodies.push_back(pushJson({&r, 1}));
    }
    std::printf("case store processes benchmark: %s, %d connections, %u cores, pull threads per process: %s; %zu sealed notes (sealed in %.1f s)\n",
                postgres ? "PostgreSQL" : "SQLite (WAL, synchronous=FULL)", o.connections, std::thread::hardware_concurrency(),
                o.pullThreads.empty() ? "default" : o.pullThreads.c_str(), total,
                static_cast<double>(bench::monotonicUs() - s0) / 1e6);

    // The second process starts once the first has made the schema (two starting together would wait their turn).
    std::array<std::unique_ptr<CaseStoreProcess>, 2> processes;
    processes[0] = std::make_unique<CaseStoreProcess>(o.db, o.pullThreads);
    processes[1] = std::make_unique<CaseStoreProcess>(o.db, o.pullThreads);
    const std::string token = issueToken(o.db, teacher);

    std::array<std::vector<Figures>, 2> pushes, pulls; // by number of processes - 1
    std::size_t at = 0;
    QByteArray epoch;
    std::printf("\n  %-9s %5s %-22s %10s %9s %9s %12s\n", "round", "procs", "operation", "calls/s", "p50 ms", "p99 ms", "server CPU s");
    for (int round = 0; round < o.rounds; ++round) {
        for (std::size_t n : {std::size_t{1}, std::size_t{2}}) {
            std::vector<quint16> ports;
            for (std::size_t i = 0; i < n; ++i) ports.push_back(processes[i]->port);
            const auto serverCpu = [&] {
                double cpu = 0;
                for (const auto &p : processes) cpu += bench::cpuSeconds(QString::number(p->pid()));
                return cpu;
            };
            // The epoch from a first pull (on an empty store too: its `next` names it).
            const auto fetchEpoch = [&] {
                if (!epoch.isEmpty()) return;
                Client client(ports[0]);
                const QByteArray next =
                    QJsonDocument::fromJson(client.call(pullRequest(token, {}, 1)).body).object().value("next").toString().toLatin1();
                epoch = next.left(next.indexOf('.') + 1);
                if (epoch.isEmpty()) fail("the case store's pull reply named no cursor");
            };
            std::vector<QByteArray> requests;
            if (o.pushAfter) fetchEpoch();
            // With --push-after, each push names a cursor at what was stored before its round: its reply's caught-up
            // check reads what was stored since (its own and the other connections' records).
            const QByteArray after = o.pushAfter ? epoch + QByteArray::number(static_cast<qint64>(at)) : QByteArray();
            for (std::size_t i = 0; i < perRound; ++i) requests.push_back(pushRequest(token, bodies[at++], after));
            double cpu0 = serverCpu();
            const Load pushLoad = runLoad(ports, o.connections, requests);
            pushes[n - 1].push_back(figures(pushLoad, serverCpu() - cpu0));

            // Pulls of 100 at cursors spread over everything stored so far (the epoch from a first pull).
            fetchEpoch();
            requests.clear();
            const auto stored = static_cast<std::int64_t>(at);
            for (std::size_t i = 0; i < perRound; ++i)
                requests.push_back(pullRequest(token, epoch + QByteArray::number(static_cast<std::int64_t>(i * 7919) % (stored - 100)), 100));
            cpu0 = serverCpu();
            const Load pullLoad = runLoad(ports, o.connections, requests);
            pulls[n - 1].push_back(figures(pullLoad, serverCpu() - cpu0));
            for (const auto &[what, f] : {std::pair{"push, 1 record", pushes[n - 1].back()}, std::pair{"pull, page of 100", pulls[n - 1].back()}})
                std::printf("  %-9d %5zu %-22s %10.0f %9.2f %9.2f %12.2f\n", round + 1, n, what, f.perSecond, f.p50Ms, f.p99Ms, f.cpuSeconds);
        }
    }
    std::printf("\nMedian of %d rounds:\n  %-22s %14s %14s %8s\n", o.rounds, "operation", "1 process /s", "2 processes /s", "2 / 1");
    for (const auto &[what, series] : {std::pair{"push, 1 record", &pushes}, std::pair{"pull, page of 100", &pulls}}) {
        std::array<double, 2> m{};
        for (std::size_t n = 0; n < 2; ++n) {
            std::vector<double> v;
            for (const Figures &f : (*series)[n]) v.push_back(f.perSecond);
            m[n] = median(v);
        }
        std::printf("  %-22s %14.0f %14.0f %8.2f\n", what, m[0], m[1], m[1] / m[0]);
    }
    return 0;
}
