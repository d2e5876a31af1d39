// The case store's HTTP front end (QHttpServer): routes of protocol "triad-sync/1" onto CaseStoreApi.
// Plain HTTP on the address given (loopback by default); TLS comes from a reverse proxy (docs/protocol.md).
#pragma once

#include "casestore_api.h"

#include <QHostAddress>
#include <QHttpServer>

namespace triad::casestore {

class CaseStoreServer {
public:
    // `district`: see CaseStoreApi (triad-casestore --district-info).
    explicit CaseStoreServer(RecordStorage &storage, NowMs now = systemNowMs,
                             std::optional<directory::DistrictInfo> district = std::nullopt);
    // The port listened on (the one picked when `port` is 0), or 0 if the address cannot be bound.
    quint16 listen(const QHostAddress &address, quint16 port);
    CaseStoreApi &api() { return m_api; }

private:
    CaseStoreApi m_api;
    QHttpServer m_http;
};

} // namespace triad::casestore
