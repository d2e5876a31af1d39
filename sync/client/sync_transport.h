// HTTP for the sync engine: two blocking calls with a timeout. The real one uses QNetworkAccessManager and waits in
// a local event loop; tests may put a fault-injecting proxy in front of the case store instead of faking this.
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>

class QNetworkAccessManager;

namespace triad::sync {

struct HttpReply {
    int status = 0;      // 0 = no reply (refused, cut, timed out)
    QByteArray body;
    std::string network; // why there was no reply, for people (no secrets)
};

class Transport {
public:
    virtual ~Transport() = default;
    // `url` is the case store address + path (+ query). `token` goes in "Authorization: Bearer" (none when empty).
    virtual HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) = 0;
    virtual HttpReply get(const QString &url, const std::string &token, int timeoutMs) = 0;
};

class HttpTransport final : public Transport {
public:
    HttpTransport();
    ~HttpTransport() override;
    HttpReply post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs) override;
    HttpReply get(const QString &url, const std::string &token, int timeoutMs) override;

private:
    std::unique_ptr<QNetworkAccessManager> m_manager;
};

} // namespace triad::sync
