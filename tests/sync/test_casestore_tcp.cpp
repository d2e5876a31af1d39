// The case store's TCP connections: accepted sockets have TCP_NODELAY. Without it, the old QHttpServer front end's
// two sends per response (headers, then body) met Nagle's algorithm and the client's delayed ACK, and a device paid ~40 ms per
// sequential request (bench_casestore: catching up on 1,000 records in 10 pages took 368 ms instead of 8 ms).
// Checked on the socket option itself, not by timing.
#include <catch2/catch.hpp>

#include "casestore_server.h"
#include "sqlite_record_storage.h"
#include "test_support.h"
#include "wire_json.h"

#include <QEventLoop>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <sodium.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace triad;
using namespace triad::casestore;

namespace {

std::optional<quint16> localPort(int fd)
{
    sockaddr_storage a{};
    socklen_t n = sizeof a;
    if (getsockname(fd, reinterpret_cast<sockaddr *>(&a), &n) != 0) return std::nullopt;
    if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in *>(&a)->sin_port);
    if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6 *>(&a)->sin6_port);
    return std::nullopt;
}

bool connected(int fd)
{
    sockaddr_storage a{};
    socklen_t n = sizeof a;
    return getpeername(fd, reinterpret_cast<sockaddr *>(&a), &n) == 0;
}

} // namespace

TEST_CASE("Case store: accepted connections send without waiting for ACKs (TCP_NODELAY)", "[sync]")
{
    test::ensureCoreApplication();
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto storage = SqliteRecordStorage::open(dir.filePath(QStringLiteral("casestore.db")).toStdString());
    REQUIRE(storage.ok());
    CaseStoreServer server(**storage);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    REQUIRE(port != 0);

    // One request answered: by then the server has accepted the connection.
    QTcpSocket client;
    QByteArray response;
    QEventLoop loop;
    QObject::connect(&client, &QTcpSocket::connected, &loop, [&] { client.write("GET /v1/records HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); });
    QObject::connect(&client, &QTcpSocket::readyRead, &loop, [&] {
        response += client.readAll();
        if (response.contains("\r\n\r\n")) loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    client.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
    INFO(response.toStdString());
    REQUIRE(response.startsWith("HTTP/1.1 401"));

    // Both ends are in this process: the accepted socket is the connected one whose local port is the server's.
    int accepted = 0;
    for (int fd = 0; fd < 4096; ++fd) {
        if (localPort(fd) != port || !connected(fd)) continue;
        int noDelay = 0;
        socklen_t n = sizeof noDelay;
        REQUIRE(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &n) == 0);
        CHECK(noDelay != 0);
        ++accepted;
    }
    REQUIRE(accepted == 1);
}

TEST_CASE("Pull pages and pushes write base64 exactly as Qt does, for every tail length", "[sync]")
{
    for (std::size_t n = 0; n < 70; ++n) {
        std::vector<std::uint8_t> bytes(n);
        if (n > 0) randombytes_buf(bytes.data(), bytes.size()); // libsodium declares the buffer non-null
        QByteArray ours("prefix");
        triad::wire::appendBase64(ours, bytes);
        const QByteArray qt = QByteArray(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(n)).toBase64();
        INFO(n);
        REQUIRE(ours == "prefix" + qt);
    }
    // Every 12-bit value in both halves of a triple (the encoder's pair table, wire::kBase64Pairs).
    std::vector<std::uint8_t> every;
    for (std::uint32_t v = 0; v < 4096; ++v) {
        const std::uint32_t triple = (v << 12) | (4095 - v);
        every.insert(every.end(), {static_cast<std::uint8_t>(triple >> 16), static_cast<std::uint8_t>(triple >> 8), static_cast<std::uint8_t>(triple)});
    }
    QByteArray ours;
    triad::wire::appendBase64(ours, every);
    CHECK(ours == QByteArray(reinterpret_cast<const char *>(every.data()), static_cast<qsizetype>(every.size())).toBase64());
}
