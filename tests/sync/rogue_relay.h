// A hostile case store for tests (tests/sync/test_rogue_casestore.cpp): an HTTP/1.1 relay on loopback at its own
// origin that sits between real devices (the real sync engine over its real HttpTransport) and the real case store,
// and can rewrite, drop, hold, reorder and replay exactly what passes. Every request is read whole from the device,
// handed to `onRequest` (which may rewrite it, answer it itself, or hold it), forwarded over a fresh TCP connection
// to the real case store, and its answer handed to `onResponse` (which may rewrite it) before the device gets it.
// Everything runs on the test's thread, driven by the event loop the sync engine spins while it waits.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <string>
#include <vector>

class QObject;
class QTcpServer;
class QTcpSocket;

namespace triad::test {

// One request as the relay saw it and the answer it gave.
struct Exchange {
    QByteArray method;      // "GET", "POST"
    QString path;           // "/v1/records"
    QUrlQuery query;        // after=…&limit=…
    QByteArray token;       // the device token from "Authorization: Bearer", empty if none
    QByteArray contentType; // of the request body
    QByteArray body;        // the request body
    int status = 0;         // the answer: 0 = none (the connection was closed)
    QByteArray response;    // the answer's body
    QByteArray responseType = "application/json";

    QJsonObject requestJson() const;
    QJsonObject responseJson() const;
    void setResponseJson(const QJsonObject &o);
};

class RogueRelay {
public:
    enum class Verdict {
        Forward, // to the real case store (as rewritten), its answer through onResponse
        Answer,  // not forwarded: the device gets `status` and `response` as set by onRequest
        Hold,    // kept until release(): forwarded then, answered then
    };

    explicit RogueRelay(quint16 realPort);
    ~RogueRelay();
    RogueRelay(const RogueRelay &) = delete;
    RogueRelay &operator=(const RogueRelay &) = delete;

    quint16 listen();        // 127.0.0.1, a free port
    std::string url() const; // "http://127.0.0.1:PORT": the relay's own origin

    std::function<Verdict(Exchange &)> onRequest; // empty: forward everything unchanged
    std::function<void(Exchange &)> onResponse;   // empty: pass every answer unchanged
    // Forwards every held request now (in the order they were held); their answers go to their devices.
    void release();
    std::size_t held() const { return m_held.size(); }

    // Sends `request` to the real case store as the relay would (a replay of something it saw), waiting for the
    // answer in a local event loop; onRequest/onResponse are not applied.
    Exchange send(Exchange request);

    // Every request the relay answered, in the order answered.
    std::vector<Exchange> log;
    int count(const QByteArray &method, const QString &path) const;

private:
    struct Client;
    using Done = std::function<void(Exchange)>;
    void accept();
    void read(const std::shared_ptr<Client> &client);
    void forward(Exchange exchange, Done done);
    void answer(const std::shared_ptr<Client> &client, Exchange exchange);

    quint16 m_realPort;
    quint16 m_port = 0;
    std::unique_ptr<QObject> m_context;
    std::unique_ptr<QTcpServer> m_server;
    std::vector<std::pair<std::shared_ptr<Client>, Exchange>> m_held;
};

} // namespace triad::test
