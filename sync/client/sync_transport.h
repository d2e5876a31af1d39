// HTTP for the sync engine: blocking calls with a timeout, or a request started now and waited for later. The real
// one speaks HTTP/1.1 on Qt's sockets (QSslSocket for https://) in the caller's thread and waits in a local event
// loop; tests may put a fault-injecting proxy in front of the case store instead of faking this.
#pragma once

#include "certificate.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace triad::sync {

struct HttpReply {
    int status = 0; // 0 = no reply (refused, cut, timed out)
    QByteArray body;
    std::string network;     // why there was no reply, for people (no secrets)
    bool pinRefused = false; // no reply because the case store's certificate carries none of the pinned keys
};

// A request on its way: wait() blocks until its reply (or its failure). Destroying one that was not waited for
// abandons the request (aborts it if it is still running): its outcome is unknown, as if the reply were lost.
class PendingReply {
public:
    virtual ~PendingReply() = default;
    virtual HttpReply wait() = 0;
};

class Transport {
public:
    virtual ~Transport() = default;
    // `url` is the case store address + path (+ query). `token` goes in "Authorization: Bearer" (none when empty).
    virtual HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) = 0;
    virtual HttpReply get(const QString &url, const std::string &token, int timeoutMs) = 0;

    // Start a request and return at once, so the engine can prepare the next batch, or apply the last page, while
    // this one travels. The default sends nothing until wait() and then calls post()/get(): no overlap, and an
    // abandoned request was never sent.
    virtual std::unique_ptr<PendingReply> startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs);
    virtual std::unique_ptr<PendingReply> startGet(const QString &url, const std::string &token, int timeoutMs);
    // PUT of an evidence media part (application/octet-stream). The default has no way to send one: it answers "no
    // reply", so a transport that does not implement it leaves media waiting, never lost.
    virtual std::unique_ptr<PendingReply> startPut(const QString &url, const std::string &token, const QByteArray &bytes, int timeoutMs);

    // The case store keys to require from now on (TransportSecurity::pinnedKeys; empty: the CA check). The sync
    // engine sets the pins of the newest district directory it holds before every attempt and after applying a
    // newer one. The default ignores them: a transport that is not the network (a test's) has no certificate.
    virtual void setPinnedKeys(std::vector<QByteArray> pins) { (void)pins; }
};

// How a device checks the case store it talks to. Whatever is set here, the device sends its token over https://
// only, except to this machine (a loopback address or "localhost"): an http:// address of another host is refused
// before anything is sent.
struct TransportSecurity {
    QList<QSslCertificate> extraCaCertificates; // trusted besides the system's (a district's own CA)
    // Pins: base64 SHA-256 of the case store certificate's SubjectPublicKeyInfo (spkiPin). When any is set, the
    // server's certificate must carry one of these keys (checked before the request is sent), and such a certificate
    // is accepted even if no trusted CA signed it or its name differs: the pin is then the proof.
    std::vector<QByteArray> pinnedKeys;
};

// The pin of a certificate: base64 of SHA-256 over its DER SubjectPublicKeyInfo (what
// `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64` prints).
QByteArray spkiPin(const QSslCertificate &certificate);

// The district's pins (directory::DirectorySnapshot::caseStorePins) as TransportSecurity::pinnedKeys takes them.
std::vector<QByteArray> base64Pins(const std::vector<directory::CaseStorePin> &pins);

// Why a device will not send to `url` (an http:// address of another machine, another scheme), or empty if it will.
std::string refusedAddress(const QString &url);

// HTTP/1.1 on Qt's sockets, in the caller's thread: a request is written as it is started, its reply read by the
// event loop that wait() (or the caller's own loop) runs. Requests in flight at the same time go over separate
// connections (no pipelining); a connection whose reply ended cleanly is kept for the next request to the same case
// store (docs/protocol.md "Transport"). Qt's QNetworkAccessManager did this before on a thread of its own, which
// cost ~0.3 ms a request in hand-offs (docs/benchmarks.md "the device's own HTTP client").
class HttpTransport final : public Transport {
public:
    explicit HttpTransport(TransportSecurity security = {});
    ~HttpTransport() override;
    HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override;
    HttpReply get(const QString &url, const std::string &token, int timeoutMs) override;
    std::unique_ptr<PendingReply> startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override;
    std::unique_ptr<PendingReply> startGet(const QString &url, const std::string &token, int timeoutMs) override;
    std::unique_ptr<PendingReply> startPut(const QString &url, const std::string &token, const QByteArray &bytes, int timeoutMs) override;
    // Other pins than before: the connections kept open are closed, so the next request is checked against these.
    void setPinnedKeys(std::vector<QByteArray> pins) override;

    struct Pool; // the connections kept alive, shared with the requests in flight (sync_transport.cpp)

private:
    std::unique_ptr<PendingReply> start(const char *method, const QString &url, const std::string &token, const QByteArray *body,
                                        const char *contentType, int timeoutMs);
    std::shared_ptr<Pool> m_pool; // shared with the requests in flight, which may outlive this transport
};

} // namespace triad::sync
