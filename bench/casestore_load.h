// The case store benchmarks' load generator and records (bench_casestore, bench_casestore_processes): keep-alive
// HTTP/1.1 connections over raw QTcpSocket on the calling thread, each sending its next request as soon as the
// previous response is in (closed loop); real sealed notes as devices push them.
#pragma once

#include "bench_util.h"
#include "record_storage.h"
#include "sealed_record.h"
#include "sync_messages.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <span>
#include <thread>

namespace triad::bench::load {

using casestore::StoredRecord;

// The benchmark's name for its error messages (set by main).
inline const char *&benchName()
{
    static const char *name = "bench";
    return name;
}
[[noreturn]] inline void fail(const std::string &what) { die(benchName(), what); }

template <typename T>
T orFail(Result<T> r)
{
    if (!r) fail(r.error().message);
    return std::move(*r);
}

// `after`: the pusher's pull cursor ("<epoch>.<seq>"), sent as a device sends it with a push that is probably its last
// (the reply then says whether it is caught up), or empty.
inline QByteArray pushRequest(const std::string &token, const QByteArray &json, const QByteArray &after = {})
{
    return "POST /v1/records?receipts=2" + (after.isEmpty() ? QByteArray() : "&after=" + after)
           + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + QByteArray::fromStdString(token)
           + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) + "\r\n\r\n" + json;
}

// `after` is a cursor as the case store gives it out ("<epoch>.<seq>"), or empty for the start. Both requests say
// the device reads receipt trees, as Triad's devices do.
inline QByteArray pullRequest(const std::string &token, const QByteArray &after, int limit)
{
    return "GET /v1/records?after=" + after + "&limit=" + QByteArray::number(limit) + "&receipts=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
           + QByteArray::fromStdString(token) + "\r\n\r\n";
}

struct Response {
    int status = 0;
    QByteArray body;
};

// Takes one complete response off the front of `buffer` (nullopt: not all of it has arrived yet).
inline std::optional<Response> takeResponse(QByteArray &buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return std::nullopt;
    const QByteArray head = buffer.left(end).toLower();
    const qsizetype at = head.indexOf("\r\ncontent-length:");
    if (!head.startsWith("http/1.1 ") || at < 0) fail("the case store sent a response without Content-Length");
    const qsizetype lineEnd = head.indexOf("\r\n", at + 2);
    const qsizetype length = head.mid(at + 17, (lineEnd < 0 ? head.size() : lineEnd) - at - 17).trimmed().toLongLong();
    if (buffer.size() < end + 4 + length) return std::nullopt;
    Response r{head.mid(9, 3).toInt(), buffer.mid(end + 4, length)};
    buffer.remove(0, end + 4 + length);
    return r;
}

inline QTcpSocket *connectTo(quint16 port, QObject *parent)
{
    auto *socket = new QTcpSocket(parent);
    socket->connectToHost(QHostAddress::LocalHost, port);
    if (!socket->waitForConnected(5000)) fail("cannot connect to the case store: " + socket->errorString().toStdString());
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    return socket;
}

struct Load {
    double seconds = 0;
    std::vector<double> latencyUs;
};

// Sends every request once over `connections` keep-alive connections, each connection one request at a time;
// connection c goes to ports[c % ports.size()] (several case store processes share the load evenly).
inline Load runLoad(const std::vector<quint16> &ports, int connections, const std::vector<QByteArray> &requests)
{
    QObject owner;
    std::vector<QTcpSocket *> sockets;
    std::vector<QByteArray> buffers(static_cast<std::size_t>(connections));
    std::vector<long long> sentAt(static_cast<std::size_t>(connections));
    for (int c = 0; c < connections; ++c) sockets.push_back(connectTo(ports[static_cast<std::size_t>(c) % ports.size()], &owner));
    Load load;
    load.latencyUs.reserve(requests.size());
    std::size_t next = 0;
    QEventLoop loop;
    const auto send = [&](std::size_t c) {
        if (next == requests.size()) return;
        sentAt[c] = bench::monotonicUs();
        sockets[c]->write(requests[next++]);
    };
    for (std::size_t c = 0; c < sockets.size(); ++c) {
        QObject::connect(sockets[c], &QTcpSocket::readyRead, &owner, [&, c] {
            buffers[c] += sockets[c]->readAll();
            while (auto r = takeResponse(buffers[c])) {
                if (r->status != 200) fail("the case store answered " + std::to_string(r->status) + ": " + r->body.toStdString());
                load.latencyUs.push_back(static_cast<double>(bench::monotonicUs() - sentAt[c]));
                if (load.latencyUs.size() == requests.size())
                    loop.quit();
                else
                    send(c);
            }
        });
        QObject::connect(sockets[c], &QTcpSocket::disconnected, &owner, [] { fail("the case store closed a connection"); });
    }
    QTimer::singleShot(600'000, &loop, [] { fail("a load run took over 10 minutes"); });
    const long long t0 = bench::monotonicUs();
    for (std::size_t c = 0; c < sockets.size(); ++c) send(c);
    loop.exec();
    load.seconds = static_cast<double>(bench::monotonicUs() - t0) / 1e6;
    return load;
}

inline Load runLoad(quint16 port, int connections, const std::vector<QByteArray> &requests)
{
    return runLoad(std::vector<quint16>{port}, connections, requests);
}

// One blocking keep-alive connection (the scaling test's single device).
class Client {
public:
    explicit Client(quint16 port) : m_socket(connectTo(port, nullptr)) {}
    ~Client() { delete m_socket; }
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;
    Response call(const QByteArray &request)
    {
        m_socket->write(request);
        for (;;) {
            if (auto r = takeResponse(m_buffer)) {
                if (r->status != 200) fail("the case store answered " + std::to_string(r->status));
                return *r;
            }
            if (!m_socket->waitForReadyRead(60'000)) fail("no response from the case store");
            m_buffer += m_socket->readAll();
        }
    }

private:
    QTcpSocket *m_socket;
    QByteArray m_buffer;
};

// Filed as its author signed it (the case store refuses a v2 record filed under another case).
inline StoredRecord toStored(const crypto::Bytes &sealed)
{
    const auto header = orFail(crypto::parseHeader(sealed));
    StoredRecord r;
    r.id = header.id;
    r.type = header.type;
    r.caseId = header.caseId;
    r.observationId = header.linkId;
    r.createdAt = header.createdAtMs;
    r.authorKeyId = header.authorKeyId;
    for (const crypto::Recipient &rc : header.recipients) r.readerKeyIds.push_back(rc.readerKeyId);
    r.body = sealed;
    return r;
}

inline crypto::Bytes seal(const crypto::Identity &author, const std::vector<crypto::PublicIdentity> &readers, const std::string &text)
{
    crypto::SealRequest req;
    req.type = 5;
    req.id = RecordId::generate();
    req.createdAtMs = 1'790'000'000'000;
    req.plaintext = {reinterpret_cast<const std::uint8_t *>(text.data()), text.size()};
    req.readers = readers;
    return orFail(crypto::seal(author, req));
}

// Seals `count` records on every core: record i by `author` to readersOf(i) with textOf(i).
template <typename ReadersOf, typename TextOf>
std::vector<crypto::Bytes> sealMany(const crypto::Identity &author, std::size_t count, ReadersOf readersOf, TextOf textOf)
{
    std::vector<crypto::Bytes> out(count);
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (std::size_t i = t; i < count; i += threads) out[i] = seal(author, readersOf(i), textOf(i));
        });
    for (std::thread &w : workers) w.join();
    return out;
}

// The push body as a device writes it (sync/client/sync_messages.h).
// Records as a device's outbox hands them to a push.
inline std::vector<store::OutgoingRecord> outgoing(std::span<const StoredRecord> records)
{
    std::vector<store::OutgoingRecord> out;
    for (const StoredRecord &r : records) out.push_back({0, r.id, store::BundleRecord{r.type, r.caseId, r.observationId, r.createdAt, r.body, {}, r.personTag}});
    return out;
}
inline QByteArray pushJson(std::span<const StoredRecord> records) { return sync::pushRequestBody(outgoing(records)); }
// The push's `signature` by `author` over those of `records` with a person tag, as a device sends it.
inline QByteArray pushSignatureOf(std::span<const StoredRecord> records, const crypto::Identity &author)
{
    return sync::pushSignature(outgoing(records), author);
}

} // namespace triad::bench::load
