// A seeded, HTTP-aware TCP proxy for the fault runs (tests/sync/test_sync_faults.cpp, CTest label `fault`): it sits
// on loopback between the real sync engine (its real HttpTransport) and the real case store process — or several
// processes on one PostgreSQL database, as a district scaled out behind a load balancer would run them, taking
// requests in turn — reads each HTTP/1.1 request whole, and by a schedule drawn from the run's seed passes it or does something a real network, a
// reverse proxy or a crashing server does to it (Fault). Everything runs on the test's thread, driven by the event
// loop the sync engine spins while it waits for a reply.
//
// The schedule is drawn in request order, so a seed replays the same faults on the same requests. A few things are
// races by nature and are logged as such: whether a case store killed "while handling" a push committed it, when a
// request forwarded after the client gave up lands, and — when a second device syncs while the first waits — how
// the two devices' requests interleave (Qt's own resend of a request whose connection dropped among them).
#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

class QObject;
class QProcess;
class QTcpServer;
class QTcpSocket;

namespace triad::test {

// What the proxy does to one request.
enum class Fault {
    Pass,             // forwarded, the answer returned
    Drop,             // the connection is closed before anything is forwarded
    Delay,            // forwarded after a pause shorter than the client's timeout
    DelayPastTimeout, // forwarded after the client has given up: the request still lands, later
    CutRequest,       // the headers and part of the body forwarded, then both sides closed
    LoseResponse,     // forwarded and answered; the client side closed without the answer
    CutResponse,      // the answer cut mid-body
    Duplicate,        // sent upstream twice at once (to two processes when there are several); one answer returned
    Replay,           // an earlier request sent upstream again (a stale duplicate, out of order), then this one passes
    GatewayError,     // a reverse proxy's 502 page instead of the answer, before or after the case store got the request
    RestartStore,     // a push: the case store process it went to stopped with SIGTERM and started again on the same database
    KillStore,        // a push: the same with SIGKILL
};
inline constexpr std::size_t kFaultKinds = 12;
const char *faultName(Fault fault);
using FaultCounts = std::array<int, kFaultKinds>;
std::string describeCounts(const FaultCounts &counts); // "drop 3, delay 1, ..." (faults that happened only)

// `triad-casestore --listen 127.0.0.1:0 --db LOCATION` as a child process, so SIGKILL is real.
class CaseStoreProcess {
public:
    CaseStoreProcess(QString executable, QString database);
    ~CaseStoreProcess();
    CaseStoreProcess(const CaseStoreProcess &) = delete;
    CaseStoreProcess &operator=(const CaseStoreProcess &) = delete;

    // Starts it and reads the port it printed. Returns why it did not start (empty when it runs).
    std::string start();
    // SIGTERM (a clean stop) or SIGKILL, and waits until it has exited.
    void stop(int signal);
    bool running() const;
    quint16 port() const { return m_port; }
    int starts() const { return m_starts; }

private:
    QString m_executable, m_database;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    int m_starts = 0;
};

struct FaultEvent {
    int request = 0; // the proxy's request number, from 1
    Fault fault = Fault::Pass;
    std::string what;   // "POST /v1/records (1234 bytes)", "GET /v1/records?after=7&limit=3"
    std::string detail; // the fault's parameters and what the case store answered, if anything
};

// How often each fault is drawn, per 1000 requests (the rest pass). RestartStore and KillStore apply to pushes only;
// drawn for a pull, the request passes. DelayPastTimeout costs a client timeout each time, so it is the rarest; at 4 a
// run of 100 seeds meets it about 10 times (5 at 2, measured), so the runs' check that every kind happened holds.
struct FaultWeights {
    int drop = 40, delay = 40, delayPastTimeout = 8, cutRequest = 35, loseResponse = 50, cutResponse = 40, duplicate = 35, replay = 35,
        gatewayError = 25, restartStore = 40, killStore = 40;
};

// The kinds of fault a proxy with these weights injects (weight above zero), passing requests included, and of those
// the ones `counts` never saw: the fault runs fail naming each, so a kind that stops happening (a weight set to zero
// by mistake, a draw that can no longer reach it, a branch that turns it into a pass) cannot go unnoticed.
std::vector<Fault> injectableFaults(const FaultWeights &weights);
std::vector<Fault> neverInjected(const FaultCounts &counts, const FaultWeights &weights);

class FaultProxy {
public:
    // `clientTimeoutMs` is the sync engine's request timeout: Delay stays under it, DelayPastTimeout goes past it.
    // Request N goes to stores[N % stores.size()].
    FaultProxy(std::vector<CaseStoreProcess *> stores, std::uint64_t seed, int clientTimeoutMs, FaultWeights weights = FaultWeights());
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    quint16 listen(); // on 127.0.0.1, a free port; 0 if none
    // Off: every request passes (the run's final, healthy network).
    void setFaultsEnabled(bool on) { m_faultsOn = on; }
    // Calls `hook` once from the event loop, right after the next request has been handed on (so while its client
    // waits for the answer): the fault runs start a second device's sync there. Empty = none.
    void afterNextRequest(std::function<void()> hook) { m_hook = std::move(hook); }
    // Runs the event loop until no request is in flight any more (a request held past the client's timeout, a
    // replay), at most `limitMs`. Returns whether everything settled.
    bool settle(int limitMs);

    const std::vector<FaultEvent> &events() const { return m_events; }
    FaultCounts counts() const;
    const FaultWeights &weights() const { return m_weights; }
    // One line per request that met a fault (passed requests are counted, not listed).
    std::string log() const;
    // Set when the proxy itself could not go on (the case store did not start again): the run fails with it.
    const std::string &error() const { return m_error; }

private:
    struct Client;
    struct Upstream;
    struct Request {
        QByteArray bytes;
        std::size_t headerBytes = 0; // up to and including the blank line
        bool post = false;
        std::string what;
    };
    using Done = std::function<void(const QByteArray &response, bool complete)>;

    void accept();
    void readFrom(const std::shared_ptr<Client> &client);
    void handle(const std::shared_ptr<Client> &client, const Request &request);
    Fault draw(const Request &request);
    // Sends `bytes` (or its first `limit` bytes, then closes) to the case store; `done` gets the answer once.
    void forward(CaseStoreProcess &to, const QByteArray &bytes, Done done, std::size_t limit = SIZE_MAX, std::function<void()> written = {});
    void respond(const std::shared_ptr<Client> &client, const QByteArray &response, bool complete);
    void closeClient(const std::shared_ptr<Client> &client, const QByteArray &partial = {});
    void restartStore(CaseStoreProcess &store, int signal, FaultEvent &event);
    FaultEvent &note(int request, Fault fault, const Request &r, std::string detail);
    int pick(int below) { return static_cast<int>(std::uniform_int_distribution<int>(0, below - 1)(m_rng)); }

    std::vector<CaseStoreProcess *> m_stores;
    std::mt19937_64 m_rng;
    int m_timeoutMs;
    FaultWeights m_weights;
    bool m_faultsOn = true;
    std::unique_ptr<QObject> m_context; // owns the timers and sockets' connections
    std::unique_ptr<QTcpServer> m_server;
    std::vector<Request> m_history; // earlier requests, for Replay
    std::vector<FaultEvent> m_events;
    FaultCounts m_counts{};
    int m_requests = 0;
    int m_inFlight = 0;
    std::string m_error;
    std::function<void()> m_hook;
};

} // namespace triad::test
