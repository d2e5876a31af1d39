// The device's own HTTP/1.1 client (sync/client/http_response.h, sync::HttpTransport): the response reader fed
// replies whole, byte by byte and malformed, and the transport against a scripted server on loopback — connections
// kept alive and reused, a kept-alive connection the server closed replaced once, replies cut, stalled or too large
// taken as no reply. The sync suites run the same transport against the real case store.
#include "http_response.h"
#include "sync_transport.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QTcpServer>
#include <QTcpSocket>

#include <deque>
#include <functional>
#include <memory>

using namespace triad;
using sync::http::ResponseReader;

namespace {

ResponseReader readWhole(const QByteArray &bytes, bool byteByByte = false)
{
    ResponseReader r;
    if (byteByByte)
        for (char c : bytes) r.feed(QByteArrayView(&c, 1));
    else
        r.feed(bytes);
    return r;
}

} // namespace

TEST_CASE("response reader: a reply of declared length, whole or a byte at a time", "[http]")
{
    const QByteArray reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
    for (bool byteByByte : {false, true}) {
        ResponseReader r = readWhole(reply, byteByByte);
        REQUIRE(r.done());
        CHECK(r.status() == 200);
        CHECK(r.body() == "{\"ok\":true}");
        CHECK(r.reusable());
    }
}

TEST_CASE("response reader: chunked bodies, interim responses, replies without a body", "[http]")
{
    const QByteArray chunked = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n";
    for (bool byteByByte : {false, true}) {
        ResponseReader r = readWhole(chunked, byteByByte);
        REQUIRE(r.done());
        CHECK(r.status() == 201);
        CHECK(r.body() == "hello, world");
        CHECK(r.reusable());
    }
    ResponseReader interim = readWhole("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 409 Conflict\r\nContent-Length: 2\r\n\r\n{}");
    REQUIRE(interim.done());
    CHECK(interim.status() == 409);
    CHECK(interim.body() == "{}");

    ResponseReader noContent = readWhole("HTTP/1.1 204 No Content\r\n\r\n");
    REQUIRE(noContent.done());
    CHECK(noContent.body().isEmpty());
    CHECK(noContent.reusable());
}

TEST_CASE("response reader: when the connection may be reused", "[http]")
{
    CHECK_FALSE(readWhole("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").reusable());
    CHECK_FALSE(readWhole("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").reusable());
    CHECK(readWhole("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").reusable());
    // A byte the server sent unasked after the reply: the reply stands, the connection is not trusted again.
    ResponseReader extra = readWhole("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n");
    REQUIRE(extra.done());
    CHECK(extra.body() == "ok");
    CHECK(extra.leftover() > 0);
    CHECK_FALSE(extra.reusable());

    // No length and not chunked: the body would run to the close, which a reset or a forged close cuts unseen. The
    // case store frames every reply; such a reply is refused at its head.
    ResponseReader untilClose = readWhole("HTTP/1.1 200 OK\r\n\r\npartial");
    CHECK(untilClose.failed());
    CHECK(untilClose.error().find("does not say where it ends") != std::string::npos);
    ResponseReader http10 = readWhole("HTTP/1.0 502 Bad Gateway\r\n\r\n<html>");
    CHECK(http10.failed());
}

TEST_CASE("response reader: a reply cut or malformed is no reply", "[http]")
{
    ResponseReader cut = readWhole("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345");
    cut.endOfStream();
    CHECK(cut.failed());
    CHECK(cut.body().isEmpty());
    CHECK(cut.error().find("closed before the whole reply") != std::string::npos);

    ResponseReader silent;
    silent.endOfStream();
    CHECK(silent.failed());
    CHECK_FALSE(silent.anyBytes());

    const char *malformed[] = {
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 999 Nine\r\n\r\n",
        "SSH-2.0-OpenSSH\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\n folded: value\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: value\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\x01b\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX",
        "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\nok",
    };
    for (const char *reply : malformed) {
        INFO(reply);
        ResponseReader r = readWhole(reply);
        CHECK(r.failed());
        CHECK_FALSE(r.error().empty());
        CHECK(r.body().isEmpty());
    }
}

TEST_CASE("response reader: sizes past the limits are refused before the body is read", "[http]")
{
    ResponseReader large = readWhole("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(sync::http::kMaxResponseBodyBytes + 1) + "\r\n\r\n");
    CHECK(large.failed());
    CHECK(large.error().find("larger") != std::string::npos);

    ResponseReader largeChunk = readWhole("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFF\r\n");
    CHECK(largeChunk.failed());

    ResponseReader endlessHead;
    endlessHead.feed("HTTP/1.1 200 OK\r\n");
    const QByteArray field = "X-Padding: " + QByteArray(1000, 'a') + "\r\n";
    for (int i = 0; i < 100 && !endlessHead.failed(); ++i) endlessHead.feed(field);
    CHECK(endlessHead.failed());
    CHECK(endlessHead.error().find("header too long") != std::string::npos);

    QByteArray interims;
    for (int i = 0; i <= sync::http::kMaxInterimResponses; ++i) interims += "HTTP/1.1 103 Early Hints\r\n\r\n";
    ResponseReader manyInterim = readWhole(interims + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    CHECK(manyInterim.failed());

    // Trailer fields are counted across reads, not per read.
    ResponseReader endlessTrailer = readWhole("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n");
    for (int i = 0; i < 100 && !endlessTrailer.failed(); ++i) endlessTrailer.feed("X-T: " + QByteArray(1000, 'a') + "\r\n");
    CHECK(endlessTrailer.failed());

    ResponseReader endlessChunkLine = readWhole("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + QByteArray(8000, 'x'));
    CHECK(endlessChunkLine.failed());
}

namespace {

// A server on loopback that answers each request (read whole by its Content-Length) with what `answer` returns;
// an empty answer closes the connection without a word.
class ScriptedServer {
public:
    using Answer = std::function<QByteArray(int requestNumber, const QByteArray &request)>;
    explicit ScriptedServer(Answer answer) : m_answer((test::ensureCoreApplication(), std::move(answer)))
    {
        REQUIRE(m_server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++connections;
                sockets.emplace_back(s);
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s, buffer] {
                    buffer->append(s->readAll());
                    for (;;) {
                        const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                        if (headEnd < 0) return;
                        qsizetype length = 0;
                        for (const QByteArray &line : buffer->left(headEnd).split('\n'))
                            if (line.toLower().startsWith("content-length:")) length = line.mid(15).trimmed().toLongLong();
                        if (buffer->size() < headEnd + 4 + length) return;
                        const QByteArray request = buffer->left(headEnd + 4 + length);
                        buffer->remove(0, request.size());
                        requests.push_back(request);
                        const QByteArray reply = m_answer(static_cast<int>(requests.size()), request);
                        if (reply.isEmpty()) {
                            s->abort();
                            return;
                        }
                        s->write(reply);
                    }
                });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QString url(const char *path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(QLatin1String(path)); }

    int connections = 0;
    std::vector<QByteArray> requests;
    std::vector<QPointer<QTcpSocket>> sockets;

private:
    Answer m_answer;
    QTcpServer m_server;
};

QByteArray ok(const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

TEST_CASE("transport: the request as sent, connections kept alive and reused", "[http]")
{
    ScriptedServer server([](int n, const QByteArray &) { return ok("{\"n\":" + QByteArray::number(n) + "}"); });
    sync::HttpTransport http;
    const sync::HttpReply first = http.post(server.url("/v1/records?receipts=2"), "tok-en", "{\"records\":[]}", 5000);
    REQUIRE(first.status == 200);
    CHECK(first.body == "{\"n\":1}");
    const QByteArray &request = server.requests.at(0);
    CHECK(request.startsWith("POST /v1/records?receipts=2 HTTP/1.1\r\n"));
    CHECK(request.contains("\r\nHost: 127.0.0.1:"));
    CHECK(request.contains("\r\nAuthorization: Bearer tok-en\r\n"));
    CHECK(request.contains("\r\nContent-Type: application/json\r\n"));
    CHECK(request.contains("\r\nContent-Length: 14\r\n"));
    CHECK(request.endsWith("\r\n\r\n{\"records\":[]}"));

    for (int i = 2; i <= 5; ++i) {
        const sync::HttpReply r = http.get(server.url("/v1/records?after=0"), "tok-en", 5000);
        REQUIRE(r.status == 200);
        CHECK(r.body == "{\"n\":" + QByteArray::number(i) + "}");
    }
    CHECK(server.connections == 1); // one connection carried all five

    // Requests in flight together take a connection each; all come back to be reused.
    auto a = http.startGet(server.url("/a"), "t", 5000);
    auto b = http.startGet(server.url("/b"), "t", 5000);
    CHECK(a->wait().status == 200);
    CHECK(b->wait().status == 200);
    CHECK(server.connections == 2);
    CHECK(http.get(server.url("/c"), "t", 5000).status == 200);
    CHECK(server.connections == 2);
    CHECK(server.requests.back().startsWith("GET /c HTTP/1.1\r\n"));
    CHECK_FALSE(server.requests.back().contains("Content-Length"));
}

TEST_CASE("transport: a kept-alive connection the server closed is replaced once; nothing else is sent twice", "[http]")
{
    // The server answers the first request, then drops the connection on the second without a word (as a case store
    // closing an idle connection does) and answers on a new connection.
    ScriptedServer server([](int n, const QByteArray &) -> QByteArray { return n == 2 ? QByteArray() : ok("{}"); });
    sync::HttpTransport http;
    REQUIRE(http.post(server.url("/v1/records"), "t", "{}", 5000).status == 200);
    const sync::HttpReply again = http.post(server.url("/v1/records"), "t", "{}", 5000);
    CHECK(again.status == 200);
    CHECK(server.requests.size() == 3);
    CHECK(server.connections == 2);

    // On a new connection a drop is no reply, and the request is not sent again.
    ScriptedServer dropping([](int, const QByteArray &) { return QByteArray(); });
    const sync::HttpReply dropped = http.post(dropping.url("/v1/records"), "t", "{}", 5000);
    CHECK(dropped.status == 0);
    CHECK_FALSE(dropped.network.empty());
    CHECK(dropping.requests.size() == 1);
}

TEST_CASE("transport: replies cut, malformed, too large or stalled are no reply", "[http]")
{
    sync::HttpTransport http;
    {
        ScriptedServer cut([](int, const QByteArray &) { return QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial"); });
        // The server keeps the connection open after the cut bytes: the stall timeout ends the wait.
        QElapsedTimer t;
        t.start();
        const sync::HttpReply r = http.get(cut.url("/x"), "t", 300);
        CHECK(r.status == 0);
        CHECK(r.network.find("did not answer") != std::string::npos);
        CHECK(t.elapsed() < 5000);
    }
    {
        ScriptedServer large([](int, const QByteArray &) {
            return QByteArray("HTTP/1.1 200 OK\r\nContent-Length: ") + QByteArray::number(sync::http::kMaxResponseBodyBytes + 1) + "\r\n\r\n";
        });
        const sync::HttpReply r = http.get(large.url("/x"), "t", 5000);
        CHECK(r.status == 0);
        CHECK(r.network.find("larger") != std::string::npos);
    }
    {
        ScriptedServer garbage([](int, const QByteArray &) { return QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n"); });
        const sync::HttpReply r = http.get(garbage.url("/x"), "t", 5000);
        CHECK(r.status == 0);
        CHECK(r.network.find("not HTTP/1.1") != std::string::npos);
    }
    {
        // A slow drip keeps the stall timer from firing; the hard limit (twice the timeout) still ends it.
        ScriptedServer drip([](int, const QByteArray &) { return QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"); });
        QTimer dripper;
        QObject::connect(&dripper, &QTimer::timeout, [&drip] {
            if (!drip.sockets.empty() && drip.sockets.back()) drip.sockets.back()->write("x");
        });
        dripper.start(50);
        QElapsedTimer t;
        t.start();
        const sync::HttpReply r = http.get(drip.url("/x"), "t", 400);
        CHECK(r.status == 0);
        CHECK(r.network.find("took more than") != std::string::npos);
        CHECK(t.elapsed() >= 700);
        CHECK(t.elapsed() < 5000);
    }
    {
        // An error status with a body is a reply (the engine reads the case store's error), and the connection stays.
        ScriptedServer refusing([](int, const QByteArray &) {
            const QByteArray body = "{\"code\":\"auth.invalid_token\",\"message\":\"no\"}";
            return "HTTP/1.1 401 Unauthorized\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        });
        const sync::HttpReply r = http.post(refusing.url("/v1/records"), "t", "{}", 5000);
        CHECK(r.status == 401);
        CHECK(r.body.contains("auth.invalid_token"));
        CHECK(http.post(refusing.url("/v1/records"), "t", "{}", 5000).status == 401);
        CHECK(refusing.connections == 1);
    }
    {
        // Nobody listening.
        QTcpServer closed;
        REQUIRE(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        const sync::HttpReply r = http.get(QStringLiteral("http://127.0.0.1:%1/x").arg(port), "t", 5000);
        CHECK(r.status == 0);
        CHECK_FALSE(r.network.empty());
    }
}

TEST_CASE("transport: a request abandoned before its reply closes its connection", "[http]")
{
    ScriptedServer server(
        [](int n, const QByteArray &) -> QByteArray { return n == 1 ? QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab") : ok("{}"); });
    sync::HttpTransport http;
    {
        auto pending = http.startGet(server.url("/slow"), "t", 5000);
        QElapsedTimer t;
        t.start();
        while (server.requests.empty() && t.elapsed() < 5000) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        REQUIRE(server.requests.size() == 1);
    } // abandoned with three bytes of its body still owed
    CHECK(http.get(server.url("/next"), "t", 5000).status == 200);
    CHECK(server.connections == 2); // the half-read connection was not reused
    auto once = http.startGet(server.url("/once"), "t", 5000);
    CHECK(once->wait().status == 200);
    CHECK(once->wait().network == "the reply was already collected");
}

TEST_CASE("transport: an idle connection the server speaks on is dropped; a token with control characters is not sent", "[http]")
{
    ScriptedServer server([](int, const QByteArray &) { return ok("{}"); });
    sync::HttpTransport http;
    REQUIRE(http.get(server.url("/a"), "t", 5000).status == 200);
    REQUIRE(server.sockets.size() == 1);
    server.sockets.back()->write(QByteArray(64 * 1024, 'x')); // unasked, while the connection is idle
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 300) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    CHECK(http.get(server.url("/b"), "t", 5000).status == 200);
    CHECK(server.connections == 2);
    CHECK(server.requests.size() == 2);

    const sync::HttpReply injected = http.get(server.url("/c"), "t\r\nX-Injected: 1", 5000);
    CHECK(injected.status == 0);
    CHECK(injected.network.find("nothing was sent") != std::string::npos);
    CHECK(server.requests.size() == 2);
}

TEST_CASE("transport: a reply that runs to the close is no reply, even after the server's own close", "[http]")
{
    ScriptedServer server([](int, const QByteArray &) { return QByteArray("HTTP/1.0 200 OK\r\n\r\n{\"to\":\"the close\"}"); });
    sync::HttpTransport http;
    auto pending = http.startGet(server.url("/x"), "t", 5000);
    QElapsedTimer t;
    t.start();
    while (server.sockets.empty() || server.requests.empty()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        REQUIRE(t.elapsed() < 5000);
    }
    if (server.sockets.back()) server.sockets.back()->disconnectFromHost();
    const sync::HttpReply r = pending->wait();
    CHECK(r.status == 0);
    CHECK(r.body.isEmpty());
    CHECK(r.network.find("does not say where it ends") != std::string::npos);
}

TEST_CASE("transport: a request outlives its transport", "[http]")
{
    ScriptedServer server([](int, const QByteArray &) { return ok("{}"); });
    std::unique_ptr<sync::PendingReply> pending;
    {
        sync::HttpTransport http;
        pending = http.startGet(server.url("/x"), "t", 5000);
    } // the transport goes first; the request keeps what it needs
    const sync::HttpReply r = pending->wait();
    CHECK(r.status == 200);
    CHECK(r.body == "{}");
    pending.reset(); // the last owner of the connections kept alive: they close with it
    QCoreApplication::processEvents();
    QElapsedTimer t;
    t.start();
    while (!server.sockets.empty() && server.sockets.back() && t.elapsed() < 5000) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    CHECK((server.sockets.empty() || !server.sockets.back())); // the server saw the connection close
}
