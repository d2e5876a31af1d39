// The case store's HTTP/1.1 request head parser (RFC 9112), strict on purpose: the case store faces the internet,
// and a request it cannot read exactly one way is refused rather than guessed at. No I/O here: casestore_server.cpp
// feeds it the bytes up to the blank line, and the tests and the fuzzer feed it anything.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace triad::casestore::http {

inline constexpr qsizetype kMaxHeadBytes = 16 * 1024; // request line and header fields together → 431 above
inline constexpr std::size_t kMaxHeaderFields = 64;   // → 431 above
inline constexpr qsizetype kMaxMethodBytes = 16;

struct RequestHead {
    QByteArray method;                                     // as sent (methods are case-sensitive)
    QByteArray path;                                       // the target up to '?'
    QByteArray query;                                      // after '?' (without it), raw
    int minorVersion = 1;                                  // HTTP/1.<minorVersion>: 0 or 1
    std::vector<std::pair<QByteArray, QByteArray>> fields; // names in lower case, values without surrounding blanks
    std::optional<qint64> contentLength;                   // nullopt: no body
    bool expectContinue = false;                           // Expect: 100-continue
    bool keepAlive = true;                                 // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with keep-alive

    // The value of the first field of that name (`lowerName` in lower case), or an empty array.
    QByteArray value(std::string_view lowerName) const;
};

// Why a head is refused: the HTTP status, the protocol's error code and a sentence (docs/protocol.md "Errors").
struct HeadError {
    int status = 400;
    std::string code;
    std::string message;
};

// The length of the head at the start of `buffer` including its blank line ("\r\n\r\n"), or 0 if it has not all
// arrived. `from` lets a caller resume the search where the previous one stopped.
qsizetype headLength(QByteArrayView buffer, qsizetype from = 0);

// Parses a head (request line, fields, blank line). Refuses: a malformed request line or field, a target that is not
// origin-form ASCII, a version other than HTTP/1.0 or 1.1 (505), obsolete line folding, control characters, more than
// kMaxHeaderFields fields (431), a Content-Length that is not one run of digits or is sent twice, any
// Transfer-Encoding (411: the case store takes bodies of a declared length only), an Expect other than
// 100-continue (417) and Host sent twice.
std::variant<RequestHead, HeadError> parseRequestHead(QByteArrayView head);

// A Content-Type value parsed as RFC 9110 §8.3.1 media-type: `type` exactly (case-insensitive) and, when
// `charsetUtf8Allowed`, an optional single "charset=utf-8" parameter (quoted or not, any case); nothing else.
bool mediaTypeIs(QByteArrayView contentType, std::string_view type, bool charsetUtf8Allowed);

} // namespace triad::casestore::http
