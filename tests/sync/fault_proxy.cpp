#include "fault_proxy.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <array>
#include <csignal>
#include <utility>
#include <sys/types.h>

namespace triad::test {

const char *faultName(Fault fault)
{
    switch (fault) {
    case Fault::Pass: return "pass";
    case Fault::Drop: return "drop";
    case Fault::Delay: return "delay";
    case Fault::DelayPastTimeout: return "delay past the client's timeout";
    case Fault::CutRequest: return "cut request";
    case Fault::LoseResponse: return "lose response";
    case Fault::CutResponse: return "cut response";
    case Fault::Duplicate: return "duplicate";
    case Fault::Replay: return "replay";
    case Fault::GatewayError: return "502 from a gateway";
    case Fault::RestartStore: return "restart case store (SIGTERM)";
    case Fault::KillStore: return "kill case store (SIGKILL)";
    }
    return "?";
}

std::string describeCounts(const FaultCounts &counts)
{
    std::string out;
    for (std::size_t i = 1; i < kFaultKinds; ++i) {
        if (counts[i] == 0) continue;
        if (!out.empty()) out += ", ";
        out += std::string(faultName(static_cast<Fault>(i))) + " " + std::to_string(counts[i]);
    }
    return out.empty() ? "no faults" : out;
}

namespace {

// Each fault with its weight, in the order the draw walks them.
std::array<std::pair<int, Fault>, kFaultKinds - 1> weightTable(const FaultWeights &w)
{
    return {{{w.drop, Fault::Drop},
             {w.delay, Fault::Delay},
             {w.delayPastTimeout, Fault::DelayPastTimeout},
             {w.cutRequest, Fault::CutRequest},
             {w.loseResponse, Fault::LoseResponse},
             {w.cutResponse, Fault::CutResponse},
             {w.duplicate, Fault::Duplicate},
             {w.replay, Fault::Replay},
             {w.gatewayError, Fault::GatewayError},
             {w.restartStore, Fault::RestartStore},
             {w.killStore, Fault::KillStore}}};
}

} // namespace

std::vector<Fault> injectableFaults(const FaultWeights &weights)
{
    std::vector<Fault> out;
    int total = 0;
    for (const auto &[weight, fault] : weightTable(weights)) {
        total += weight;
        if (weight > 0) out.push_back(fault);
    }
    if (total < 1000) out.insert(out.begin(), Fault::Pass); // weights adding up to 1000 or more leave none passing
    return out;
}

std::vector<Fault> neverInjected(const FaultCounts &counts, const FaultWeights &weights)
{
    std::vector<Fault> out;
    for (const Fault fault : injectableFaults(weights))
        if (counts[static_cast<std::size_t>(fault)] == 0) out.push_back(fault);
    return out;
}

namespace {

// Where the header block ends (after the blank line), or 0 when it has not arrived yet.
std::size_t headerEnd(const QByteArray &bytes)
{
    const qsizetype at = bytes.indexOf("\r\n\r\n");
    return at < 0 ? 0 : static_cast<std::size_t>(at + 4);
}

// The value of a header in a header block, or an empty array.
QByteArray headerValue(const QByteArray &bytes, std::size_t end, const QByteArray &name)
{
    for (const QByteArray &line : bytes.left(static_cast<qsizetype>(end)).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0) return line.mid(colon + 1).trimmed();
    }
    return {};
}

// A response is whole when its Content-Length has arrived, a chunked body has ended, or (neither) the case store
// closed the connection after it.
bool responseComplete(const QByteArray &bytes, bool closed)
{
    const std::size_t end = headerEnd(bytes);
    if (end == 0) return false;
    bool ok = false;
    const qint64 length = headerValue(bytes, end, "Content-Length").toLongLong(&ok);
    if (ok) return static_cast<qint64>(bytes.size()) >= static_cast<qint64>(end) + length;
    if (headerValue(bytes, end, "Transfer-Encoding").toLower().contains("chunked")) return bytes.endsWith("0\r\n\r\n");
    return closed;
}

std::string statusLine(const QByteArray &response)
{
    const qsizetype eol = response.indexOf("\r\n");
    return response.isEmpty() ? std::string("no answer") : response.left(eol < 0 ? 40 : eol).toStdString();
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// The case store process

CaseStoreProcess::CaseStoreProcess(QString executable, QString database) : m_executable(std::move(executable)), m_database(std::move(database)) {}

CaseStoreProcess::~CaseStoreProcess() { stop(SIGTERM); }

bool CaseStoreProcess::running() const { return m_process && m_process->state() != QProcess::NotRunning; }

std::string CaseStoreProcess::start()
{
    stop(SIGKILL);
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_executable);
    // The proxy is a reverse proxy on this machine (every device arrives from 127.0.0.1), and nothing reads stderr
    // while the devices sync (the access log would fill the pipe).
    m_process->setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"), m_database,
                             QStringLiteral("--uncap-loopback-peers"), QStringLiteral("--access-log"), QStringLiteral("none")});
    m_process->start();
    if (!m_process->waitForStarted(10000)) return "triad-casestore did not start: " + m_process->errorString().toStdString();
    static const QRegularExpression address(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)"));
    QByteArray out;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 20000) {
        if (!m_process->waitForReadyRead(200) && m_process->state() == QProcess::NotRunning) break;
        out += m_process->readAllStandardOutput();
        const auto match = address.match(QString::fromLatin1(out));
        if (match.hasMatch()) {
            m_port = static_cast<quint16>(match.captured(1).toUInt());
            ++m_starts;
            return {};
        }
    }
    const QByteArray err = m_process->readAllStandardError();
    stop(SIGKILL);
    return "triad-casestore printed no address (stdout: '" + out.trimmed().toStdString() + "', stderr: '" + err.trimmed().toStdString() + "')";
}

void CaseStoreProcess::stop(int signal)
{
    if (!running()) return;
    ::kill(static_cast<pid_t>(m_process->processId()), signal);
    if (!m_process->waitForFinished(10000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    // Whatever it wrote to stderr is dropped with the process (it would fill the pipe otherwise).
    m_process.reset();
    m_port = 0;
}

// ---------------------------------------------------------------------------------------------------------------
// The proxy

struct FaultProxy::Client {
    QPointer<QTcpSocket> socket;
    QByteArray buffer;
    bool busy = false; // a request is being handled; the next one waits (HTTP/1.1 without pipelining)
};

struct FaultProxy::Upstream {
    QTcpSocket *socket = nullptr;
    QByteArray response;
    qint64 written = 0;
    bool finished = false;
    Done done;
};

FaultProxy::FaultProxy(std::vector<CaseStoreProcess *> stores, std::uint64_t seed, int clientTimeoutMs, FaultWeights weights)
    : m_stores(std::move(stores)),
      m_rng(seed),
      m_timeoutMs(clientTimeoutMs),
      m_weights(weights),
      m_context(std::make_unique<QObject>()),
      m_server(std::make_unique<QTcpServer>())
{
    QObject::connect(m_server.get(), &QTcpServer::newConnection, m_context.get(), [this] { accept(); });
}

FaultProxy::~FaultProxy()
{
    m_context.reset(); // no callback runs into a half-destroyed proxy
    m_server.reset();
}

quint16 FaultProxy::listen()
{
    if (!m_server->listen(QHostAddress::LocalHost, 0)) return 0;
    return m_server->serverPort();
}

FaultCounts FaultProxy::counts() const { return m_counts; }

std::string FaultProxy::log() const
{
    std::string out;
    for (const FaultEvent &e : m_events)
        out += "  #" + std::to_string(e.request) + " " + e.what + ": " + faultName(e.fault) + (e.detail.empty() ? "" : " — " + e.detail) + "\n";
    return out;
}

bool FaultProxy::settle(int limitMs)
{
    QElapsedTimer clock;
    clock.start();
    while (m_inFlight > 0 && clock.elapsed() < limitMs) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return m_inFlight == 0;
}

void FaultProxy::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto client = std::make_shared<Client>();
        client->socket = socket;
        QObject::connect(socket, &QTcpSocket::readyRead, m_context.get(), [this, client] { readFrom(client); });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FaultProxy::readFrom(const std::shared_ptr<Client> &client)
{
    if (!client->socket) return;
    client->buffer += client->socket->readAll();
    if (client->busy) return;
    const std::size_t end = headerEnd(client->buffer);
    if (end == 0) return;
    bool ok = false;
    qint64 length = headerValue(client->buffer, end, "Content-Length").toLongLong(&ok);
    if (!ok) length = 0;
    const qint64 whole = static_cast<qint64>(end) + length;
    if (client->buffer.size() < whole) return;
    Request request;
    request.bytes = client->buffer.left(whole);
    client->buffer.remove(0, whole);
    request.headerBytes = end;
    request.post = request.bytes.startsWith("POST ");
    const QByteArray firstLine = request.bytes.left(request.bytes.indexOf("\r\n"));
    request.what = firstLine.left(firstLine.lastIndexOf(' ')).toStdString();
    if (length > 0) request.what += " (" + std::to_string(length) + " bytes)";
    client->busy = true;
    handle(client, std::move(request));
}

Fault FaultProxy::draw(const Request &request)
{
    if (!m_faultsOn) return Fault::Pass;
    const auto table = weightTable(m_weights);
    int total = 0;
    for (const auto &[weight, fault] : table) total += weight;
    int roll = pick(std::max(1000, total)); // weights adding up to more than 1000 leave no request passing
    for (const auto &[weight, fault] : table) {
        if (roll < weight) {
            if ((fault == Fault::RestartStore || fault == Fault::KillStore) && !request.post) return Fault::Pass;
            if (fault == Fault::Replay && m_history.empty()) return Fault::Pass;
            return fault;
        }
        roll -= weight;
    }
    return Fault::Pass;
}

FaultEvent &FaultProxy::note(int request, Fault fault, const Request &r, std::string detail)
{
    m_events.push_back(FaultEvent{request, fault, r.what, std::move(detail)});
    return m_events.back();
}

void FaultProxy::forward(CaseStoreProcess &to, const QByteArray &bytes, Done done, std::size_t limit, std::function<void()> written)
{
    ++m_inFlight;
    auto up = std::make_shared<Upstream>();
    up->socket = new QTcpSocket(m_context.get());
    up->done = std::move(done);
    QTcpSocket *socket = up->socket;
    const QByteArray toSend = limit < static_cast<std::size_t>(bytes.size()) ? bytes.left(static_cast<qsizetype>(limit)) : bytes;
    const bool cut = toSend.size() < bytes.size();
    auto finish = [this, up](bool complete) {
        if (up->finished) return;
        up->finished = true;
        --m_inFlight;
        QObject::disconnect(up->socket, nullptr, nullptr, nullptr);
        up->socket->abort(); // everything written has reached the kernel; nothing unread is left to reset
        up->socket->deleteLater();
        Done callback = std::move(up->done);
        callback(up->response, complete);
    };
    QObject::connect(socket, &QTcpSocket::connected, m_context.get(), [socket, toSend] { socket->write(toSend); });
    QObject::connect(socket, &QTcpSocket::bytesWritten, m_context.get(), [up, toSend, cut, written, finish](qint64 n) {
        up->written += n;
        if (up->written < toSend.size()) return;
        if (written) written();
        if (cut) finish(false); // closes our side mid-request: the case store sees the connection end
    });
    QObject::connect(socket, &QTcpSocket::readyRead, m_context.get(), [up, finish] {
        up->response += up->socket->readAll();
        if (responseComplete(up->response, false)) finish(true);
    });
    auto ended = [up, finish] {
        if (up->finished) return;
        up->response += up->socket->readAll();
        finish(responseComplete(up->response, true));
    };
    QObject::connect(socket, &QTcpSocket::disconnected, m_context.get(), ended);
    QObject::connect(socket, &QTcpSocket::errorOccurred, m_context.get(), ended);
    if (to.port() == 0) { // the case store is down (it did not start again): like a refused connection
        QTimer::singleShot(0, m_context.get(), [finish] { finish(false); });
        return;
    }
    socket->connectToHost(QHostAddress::LocalHost, to.port());
}

void FaultProxy::respond(const std::shared_ptr<Client> &client, const QByteArray &response, bool complete)
{
    if (!complete) return closeClient(client);
    if (!client->socket) return;
    client->socket->write(response);
    client->busy = false;
    readFrom(client); // a next request may already be waiting
}

void FaultProxy::closeClient(const std::shared_ptr<Client> &client, const QByteArray &partial)
{
    if (!client->socket) return;
    if (!partial.isEmpty()) client->socket->write(partial);
    client->socket->disconnectFromHost(); // after the partial bytes have gone out
}

void FaultProxy::restartStore(CaseStoreProcess &store, int signal, FaultEvent &event)
{
    store.stop(signal);
    if (const std::string why = store.start(); !why.empty()) {
        m_error = "the case store did not start again after request #" + std::to_string(event.request) + ": " + why;
        event.detail += "; did not start again: " + why;
    }
}

void FaultProxy::handle(const std::shared_ptr<Client> &client, const Request &request)
{
    const int number = ++m_requests;
    const Fault fault = draw(request);
    ++m_counts[static_cast<std::size_t>(fault)];
    // Every draw for this request happens here, in order, so the seed alone decides the schedule.
    auto passOn = [this, client](const QByteArray &response, bool complete) { respond(client, response, complete); };
    const std::size_t index = m_events.size(); // the event this request logs (m_events may grow before callbacks run)
    CaseStoreProcess *to = m_stores[static_cast<std::size_t>(number) % m_stores.size()];
    CaseStoreProcess *next = m_stores[static_cast<std::size_t>(number + 1) % m_stores.size()];
    if (m_hook) QTimer::singleShot(0, m_context.get(), std::exchange(m_hook, nullptr));
    Request earlier; // what Replay sends again
    if (fault == Fault::Replay) earlier = m_history[static_cast<std::size_t>(pick(static_cast<int>(m_history.size())))];
    m_history.push_back(request);
    if (m_history.size() > 64) m_history.erase(m_history.begin());
    auto detail = [this, index](const std::string &more) { m_events[index].detail += more; };

    switch (fault) {
    case Fault::Pass: forward(*to, request.bytes, passOn); break;
    case Fault::Drop:
        note(number, fault, request, {});
        closeClient(client);
        break;
    case Fault::Delay:
    case Fault::DelayPastTimeout: {
        const int ms = fault == Fault::Delay ? 5 + pick(150) : m_timeoutMs + 200 + pick(300);
        note(number, fault, request, std::to_string(ms) + " ms");
        ++m_inFlight; // the held request counts until it is forwarded
        QTimer::singleShot(ms, m_context.get(), [this, to, bytes = request.bytes, passOn, detail] {
            --m_inFlight;
            forward(*to, bytes, [passOn, detail](const QByteArray &response, bool complete) {
                detail(", then " + statusLine(response));
                passOn(response, complete); // a client that gave up has closed its side: nothing arrives
            });
        });
        break;
    }
    case Fault::CutRequest: {
        const std::size_t body = static_cast<std::size_t>(request.bytes.size()) - request.headerBytes;
        // Mid-body when there is a body; inside the headers of a bodiless GET.
        const std::size_t limit = body > 0 ? request.headerBytes + static_cast<std::size_t>(pick(static_cast<int>(body)))
                                           : 1 + static_cast<std::size_t>(pick(static_cast<int>(request.headerBytes) - 1));
        note(number, fault, request, "after " + std::to_string(limit) + " of " + std::to_string(request.bytes.size()) + " bytes");
        forward(
            *to, request.bytes,
            [this, client, detail](const QByteArray &response, bool) {
                if (!response.isEmpty()) detail("; the case store answered a cut request: " + statusLine(response));
                closeClient(client);
            },
            limit);
        break;
    }
    case Fault::LoseResponse:
        note(number, fault, request, {});
        forward(*to, request.bytes, [this, client, detail](const QByteArray &response, bool) {
            detail("the case store answered " + statusLine(response));
            closeClient(client);
        });
        break;
    case Fault::CutResponse: {
        const double at = std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
        note(number, fault, request, {});
        forward(*to, request.bytes, [this, client, at, detail](const QByteArray &response, bool complete) {
            if (!complete) return closeClient(client);
            const std::size_t head = headerEnd(response);
            const std::size_t size = static_cast<std::size_t>(response.size());
            // Mid-body: at least the headers, never the last byte.
            const std::size_t keep = size > head ? head + static_cast<std::size_t>(at * static_cast<double>(size - head))
                                                 : static_cast<std::size_t>(at * static_cast<double>(size));
            detail(statusLine(response) + ", " + std::to_string(keep) + " of " + std::to_string(size) + " bytes returned");
            closeClient(client, response.left(static_cast<qsizetype>(keep)));
        });
        break;
    }
    case Fault::Duplicate: {
        const int chosen = pick(2);
        note(number, fault, request, "answer " + std::to_string(chosen + 1) + " of 2 returned");
        struct Both {
            QByteArray response[2];
            bool complete[2] = {false, false};
            int left = 2;
        };
        auto both = std::make_shared<Both>();
        for (int i = 0; i < 2; ++i)
            forward(i == 0 ? *to : *next, request.bytes, [this, both, i, chosen, client, detail](const QByteArray &response, bool complete) {
                both->response[i] = response;
                both->complete[i] = complete;
                if (--both->left > 0) return;
                detail(": " + statusLine(both->response[0]) + " / " + statusLine(both->response[1]));
                respond(client, both->response[chosen], both->complete[chosen]);
            });
        break;
    }
    case Fault::Replay: {
        note(number, fault, request, "request '" + earlier.what + "' sent again first");
        forward(*next, earlier.bytes, [this, to, bytes = request.bytes, passOn, detail](const QByteArray &response, bool) {
            detail(" (" + statusLine(response) + ")");
            forward(*to, bytes, passOn);
        });
        break;
    }
    case Fault::GatewayError: {
        static const QByteArray body = QByteArrayLiteral("<html><body><h1>502 Bad Gateway</h1></body></html>");
        static const QByteArray page =
            "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const bool reached = pick(2) == 1;
        note(number, fault, request, reached ? "after the case store got the request" : "without forwarding it");
        if (!reached) {
            respond(client, page, true);
            break;
        }
        forward(*to, request.bytes, [this, client, detail](const QByteArray &response, bool) {
            detail(" (it answered " + statusLine(response) + ")");
            respond(client, page, true);
        });
        break;
    }
    case Fault::RestartStore:
    case Fault::KillStore: {
        const int signal = fault == Fault::RestartStore ? SIGTERM : SIGKILL;
        const int when = pick(3);
        switch (when) {
        case 0:
            note(number, fault, request, "before the push reached it");
            restartStore(*to, signal, m_events[index]);
            closeClient(client);
            break;
        case 1:
            // Right after the push was handed to the case store: whether it committed is a race, as in a real crash.
            note(number, fault, request, "while it handled the push");
            forward(
                *to, request.bytes,
                [this, client, detail](const QByteArray &response, bool complete) {
                    detail(complete ? " (it had answered " + statusLine(response) + ")" : " (no answer)");
                    closeClient(client);
                },
                SIZE_MAX, [this, to, index, signal] { restartStore(*to, signal, m_events[index]); });
            break;
        default:
            note(number, fault, request, "after it answered the push");
            forward(*to, request.bytes, [this, to, client, index, signal, detail](const QByteArray &response, bool) {
                detail(" (" + statusLine(response) + ", answer lost)");
                restartStore(*to, signal, m_events[index]);
                closeClient(client);
            });
            break;
        }
        break;
    }
    }
}

} // namespace triad::test
