#include "http_request_head.h"
#include "http_syntax.h"

#include <QList>

#include <algorithm>

namespace triad::casestore::http {

namespace {

using http_syntax::equalsNoCase;
using http_syntax::isBlank;
using http_syntax::isFieldValue;
using http_syntax::isToken;
using http_syntax::trimmedBlanks;

HeadError malformed(std::string message) { return HeadError{400, "request.malformed", std::move(message)}; }

// An origin-form target: '/' then visible ASCII only (no blanks, controls or bytes above 0x7e).
bool isOriginForm(QByteArrayView t)
{
    if (t.isEmpty() || t.front() != '/') return false;
    return std::all_of(t.begin(), t.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f && c != '#';
    });
}

} // namespace

QByteArray RequestHead::value(std::string_view lowerName) const
{
    for (const auto &[name, v] : fields)
        if (QByteArrayView(name) == QByteArrayView(lowerName.data(), static_cast<qsizetype>(lowerName.size()))) return v;
    return {};
}

qsizetype headLength(QByteArrayView buffer, qsizetype from)
{
    const qsizetype at = buffer.indexOf(QByteArrayView("\r\n\r\n"), std::max<qsizetype>(0, from - 3));
    return at < 0 ? 0 : at + 4;
}

std::variant<RequestHead, HeadError> parseRequestHead(QByteArrayView head)
{
    if (head.size() > kMaxHeadBytes) return HeadError{431, "request.header_too_large", "The request line and header fields exceed 16 KiB."};
    // RFC 9112 §2.2: empty lines before the request line are ignored (at most a few).
    int skipped = 0;
    while (head.startsWith("\r\n") && skipped < 4) {
        head = head.sliced(2);
        ++skipped;
    }
    if (!head.endsWith("\r\n\r\n")) return malformed("The request head does not end with an empty line.");
    head.chop(2); // the blank line's CRLF; every line below ends with its own CRLF

    RequestHead out;
    bool first = true;
    bool sawHost = false;
    while (!head.isEmpty()) {
        const qsizetype eol = head.indexOf(QByteArrayView("\r\n"));
        if (eol < 0) return malformed("A line of the request head does not end with CRLF.");
        const QByteArrayView line = head.first(eol);
        head = head.sliced(eol + 2);
        if (line.contains('\r') || line.contains('\n') || line.contains('\0')) return malformed("The request head contains a bare CR, LF or NUL.");

        if (first) {
            first = false;
            // request-line = method SP request-target SP HTTP-version, single spaces.
            const qsizetype sp1 = line.indexOf(' ');
            const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
            if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) return malformed("The request line is not \"METHOD /path HTTP/1.1\".");
            const QByteArrayView method = line.first(sp1), target = line.sliced(sp1 + 1, sp2 - sp1 - 1), version = line.sliced(sp2 + 1);
            if (!isToken(method) || method.size() > kMaxMethodBytes) return malformed("The request method is not a method name.");
            if (version == "HTTP/1.1")
                out.minorVersion = 1;
            else if (version == "HTTP/1.0")
                out.minorVersion = 0;
            else if (version.size() == 8 && version.startsWith("HTTP/") && version[5] >= '0' && version[5] <= '9' && version[6] == '.'
                     && version[7] >= '0' && version[7] <= '9')
                return HeadError{505, "request.version", "The case store speaks HTTP/1.1 only."};
            else
                return malformed("The request line does not end with an HTTP version.");
            if (!isOriginForm(target)) return malformed("The request target is not an absolute path (\"/v1/…\") in ASCII.");
            out.method = method.toByteArray();
            const qsizetype q = target.indexOf('?');
            out.path = (q < 0 ? target : target.first(q)).toByteArray();
            if (q >= 0) out.query = target.sliced(q + 1).toByteArray();
            out.keepAlive = out.minorVersion == 1;
            continue;
        }

        if (!line.isEmpty() && isBlank(line.front())) return malformed("The request head folds a header field over lines (obsolete line folding).");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) return malformed("A header field has no name or no colon.");
        const QByteArrayView name = line.first(colon);
        if (!isToken(name)) return malformed("A header field name has characters a name cannot have (or a blank before the colon).");
        const QByteArrayView value = trimmedBlanks(line.sliced(colon + 1));
        if (!isFieldValue(value)) return malformed("A header field value contains control characters.");
        if (out.fields.size() == kMaxHeaderFields) return HeadError{431, "request.header_too_large", "The request has more than 64 header fields."};
        QByteArray lowerName = name.toByteArray().toLower();

        if (lowerName == "content-length") {
            if (out.contentLength) return malformed("The request has more than one Content-Length.");
            if (value.isEmpty() || value.size() > 15 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return malformed("Content-Length is not a decimal number.");
            out.contentLength = value.toLongLong();
        } else if (lowerName == "transfer-encoding") {
            return HeadError{411, "request.length_required",
                             "The case store takes a request body of a declared Content-Length only (no Transfer-Encoding)."};
        } else if (lowerName == "host") {
            if (sawHost) return malformed("The request has more than one Host.");
            sawHost = true;
        } else if (lowerName == "expect") {
            if (!equalsNoCase(value, "100-continue"))
                return HeadError{417, "request.expectation", "The only expectation the case store meets is 100-continue."};
            out.expectContinue = true;
        } else if (lowerName == "connection") {
            http_syntax::forEachListElement(value, [&out](QByteArrayView option) {
                if (equalsNoCase(option, "keep-alive") && out.minorVersion == 0) out.keepAlive = true;
            });
        }
        out.fields.emplace_back(std::move(lowerName), value.toByteArray());
    }
    if (first) return malformed("The request has no request line.");
    // A close asked for by either version wins over keep-alive.
    for (const auto &[name, value] : out.fields)
        if (name == "connection")
            http_syntax::forEachListElement(value, [&out](QByteArrayView option) {
                if (equalsNoCase(option, "close")) out.keepAlive = false;
            });
    return out;
}

bool mediaTypeIs(QByteArrayView contentType, std::string_view type, bool charsetUtf8Allowed)
{
    const qsizetype semicolon = contentType.indexOf(';');
    if (!equalsNoCase(trimmedBlanks(semicolon < 0 ? contentType : contentType.first(semicolon)), type)) return false;
    if (semicolon < 0) return true;
    if (!charsetUtf8Allowed) return false;
    const QByteArrayView parameter = trimmedBlanks(contentType.sliced(semicolon + 1));
    const qsizetype eq = parameter.indexOf('=');
    if (eq < 0 || !equalsNoCase(parameter.first(eq), "charset")) return false; // no blanks around '=' (RFC 9110 §5.6.6)
    QByteArrayView value = parameter.sliced(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.sliced(1, value.size() - 2);
    return equalsNoCase(value, "utf-8");
}

} // namespace triad::casestore::http
