#include "http_response.h"
#include "http_syntax.h"

#include <algorithm>
#include <string_view>

namespace triad::sync::http {

namespace {

constexpr QByteArrayView kCrlf("\r\n");

using http_syntax::equalsNoCase;
using http_syntax::forEachListElement;
using http_syntax::isFieldValue;
using http_syntax::isToken;
using http_syntax::trimmedBlanks;

std::optional<qint64> decimal(QByteArrayView v)
{
    if (v.isEmpty() || v.size() > 18) return std::nullopt;
    qint64 n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

std::optional<qint64> hexadecimal(QByteArrayView v)
{
    if (v.isEmpty() || v.size() > 15) return std::nullopt;
    qint64 n = 0;
    for (char c : v) {
        int d = -1;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        if (d < 0) return std::nullopt;
        n = n * 16 + d;
    }
    return n;
}

} // namespace

void ResponseReader::fail(std::string why)
{
    m_state = State::Failed;
    m_error = std::move(why);
    m_buffer.clear();
    m_body.clear();
}

void ResponseReader::finish()
{
    m_state = State::Done;
    m_leftover += m_buffer.size();
    m_buffer.clear();
}

void ResponseReader::feed(QByteArrayView bytes)
{
    if (bytes.isEmpty()) return;
    m_anyBytes = true;
    if (m_state == State::Failed) return;
    if (m_state == State::Done) {
        m_leftover += bytes.size();
        return;
    }
    if (m_state == State::Body && m_framing == Framing::Length) {
        // The body's bytes go straight to the body: a page of megabytes is copied once.
        const qsizetype take = static_cast<qsizetype>(std::min<qint64>(m_remaining, bytes.size()));
        m_body.append(bytes.first(take));
        m_remaining -= take;
        if (m_remaining == 0) {
            finish();
            m_leftover += bytes.size() - take;
        }
        return;
    }
    m_buffer.append(bytes);
    parse();
}

void ResponseReader::endOfStream()
{
    if (m_state == State::Done || m_state == State::Failed) return;
    fail(m_anyBytes ? "the connection closed before the whole reply arrived" : "the connection closed before any reply");
}

void ResponseReader::parse()
{
    while (m_state == State::Head) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n", m_scanFrom);
        if (end < 0) {
            if (m_buffer.size() > kMaxResponseHeadBytes) return fail("the case store's reply has a header too long to read");
            m_scanFrom = std::max<qsizetype>(0, m_buffer.size() - 3);
            return;
        }
        const qsizetype headLength = end + 4;
        if (headLength > kMaxResponseHeadBytes) return fail("the case store's reply has a header too long to read");
        if (!parseHead(headLength)) return;
        m_buffer.remove(0, headLength);
        m_scanFrom = 0;
    }
    if (m_state != State::Body) return;
    if (m_framing == Framing::Chunked) return parseChunked();
    QByteArray rest = std::move(m_buffer);
    m_buffer.clear();
    feed(rest);
}

bool ResponseReader::parseHead(qsizetype headLength)
{
    QByteArrayView head = QByteArrayView(m_buffer).first(headLength - 2); // each line ends with CRLF
    auto nextLine = [&head]() {
        const qsizetype eol = head.indexOf(kCrlf);
        const QByteArrayView line = head.first(eol);
        head = head.sliced(eol + 2);
        return line;
    };

    // Status line: HTTP/1.x SP 3DIGIT [SP reason]
    const QByteArrayView statusLine = nextLine();
    if (statusLine.size() < 12 || !statusLine.startsWith("HTTP/1.") || (statusLine[7] != '0' && statusLine[7] != '1') || statusLine[8] != ' '
        || (statusLine.size() > 12 && statusLine[12] != ' ')) {
        fail("the case store's reply is not HTTP/1.1");
        return false;
    }
    const bool http10 = statusLine[7] == '0';
    const std::optional<qint64> status = decimal(statusLine.sliced(9, 3));
    if (!status || *status < 100 || *status > 599) {
        fail("the case store's reply has no valid status");
        return false;
    }
    if (!isFieldValue(statusLine.sliced(12))) {
        fail("the case store's reply has control characters in its status line");
        return false;
    }

    std::optional<qint64> contentLength;
    bool chunked = false;
    bool close = false;
    bool keepAliveToken = false;
    while (!head.isEmpty()) {
        const QByteArrayView line = nextLine();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon))) {
            fail("the case store's reply has a header field that cannot be read");
            return false;
        }
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmedBlanks(line.sliced(colon + 1));
        if (!isFieldValue(value)) {
            fail("the case store's reply has control characters in a header field");
            return false;
        }
        if (equalsNoCase(name, "content-length")) {
            const std::optional<qint64> n = decimal(value);
            if (!n || (contentLength && *contentLength != *n)) {
                fail("the case store's reply declares its length in a way that cannot be read one way");
                return false;
            }
            contentLength = n;
        } else if (equalsNoCase(name, "transfer-encoding")) {
            bool other = false;
            forEachListElement(value, [&](QByteArrayView coding) {
                if (equalsNoCase(coding, "chunked") && !chunked)
                    chunked = true;
                else
                    other = true;
            });
            if (other || !chunked) {
                fail("the case store's reply uses a transfer coding this device does not read");
                return false;
            }
        } else if (equalsNoCase(name, "content-encoding")) {
            // The device asks for none: a compressed body (a careless proxy's) is not the case store's bytes.
            bool other = false;
            forEachListElement(value, [&](QByteArrayView coding) { other = other || !equalsNoCase(coding, "identity"); });
            if (other) {
                fail("the case store's reply is compressed, which this device never asks for");
                return false;
            }
        } else if (equalsNoCase(name, "connection")) {
            forEachListElement(value, [&](QByteArrayView option) {
                if (equalsNoCase(option, "close")) close = true;
                if (equalsNoCase(option, "keep-alive")) keepAliveToken = true;
            });
        }
    }

    if (*status >= 100 && *status < 200) {
        if (*status == 101) {
            fail("the case store's reply switches protocols, which this device never asks for");
            return false;
        }
        if (++m_interim > kMaxInterimResponses) {
            fail("the case store's reply has more interim responses than any server sends");
            return false;
        }
        return true; // an interim response (100 Continue, 103 Early Hints): the final one follows
    }
    if (chunked && (contentLength || http10)) {
        // Both framings at once is how replies are smuggled past a proxy; HTTP/1.0 has no chunked coding.
        fail("the case store's reply declares its length in a way that cannot be read one way");
        return false;
    }
    m_status = static_cast<int>(*status);
    m_keepAlive = !close && (!http10 || keepAliveToken);
    m_state = State::Body;
    if (m_status == 204 || m_status == 304) {
        m_buffer.remove(0, headLength);
        finish(); // any bytes after the head are leftover
        return false;
    }
    if (chunked) {
        m_framing = Framing::Chunked;
        m_chunkPart = ChunkPart::Size;
    } else if (contentLength) {
        if (*contentLength > kMaxResponseBodyBytes) {
            fail("the case store's reply is larger than any it sends");
            return false;
        }
        m_framing = Framing::Length;
        m_remaining = *contentLength;
        m_body.reserve(static_cast<qsizetype>(std::min<qint64>(*contentLength, 1024 * 1024))); // grows past that as it arrives
        if (*contentLength == 0) {
            m_buffer.remove(0, headLength);
            finish();
            return false;
        }
    } else {
        // A body that runs to the close: a reset or a forged close (which TLS does not always tell from the server's
        // own) would cut it unseen. The case store frames every reply, so such a reply is not its.
        fail("the case store's reply does not say where it ends");
        return false;
    }
    return true;
}

void ResponseReader::parseChunked()
{
    qsizetype at = 0; // consumed from m_buffer
    while (m_state == State::Body) {
        const QByteArrayView rest = QByteArrayView(m_buffer).sliced(at);
        if (m_chunkPart == ChunkPart::Data) {
            const qsizetype take = static_cast<qsizetype>(std::min<qint64>(m_remaining, rest.size()));
            m_body.append(rest.first(take));
            at += take;
            m_remaining -= take;
            if (m_remaining > 0) break;
            m_chunkPart = ChunkPart::DataEnd;
            continue;
        }
        if (m_chunkPart == ChunkPart::DataEnd) {
            if (rest.size() < 2) break;
            if (!rest.startsWith(kCrlf)) return fail("the case store's reply has a chunk that cannot be read");
            at += 2;
            m_chunkPart = ChunkPart::Size;
            continue;
        }
        const qsizetype eol = rest.indexOf(kCrlf);
        if (eol < 0) {
            if (rest.size() > (m_chunkPart == ChunkPart::Size ? kMaxChunkLineBytes : kMaxResponseHeadBytes))
                return fail("the case store's reply has a chunk that cannot be read");
            break;
        }
        const QByteArrayView line = rest.first(eol);
        at += eol + 2;
        if (m_chunkPart == ChunkPart::Trailer) {
            if (line.isEmpty()) {
                m_buffer.remove(0, at);
                return finish();
            }
            m_trailerBytes += eol + 2; // trailer fields are read past, never used
            if (m_trailerBytes > kMaxResponseHeadBytes) return fail("the case store's reply has a header too long to read");
            continue;
        }
        if (eol > kMaxChunkLineBytes) return fail("the case store's reply has a chunk that cannot be read");
        const qsizetype semicolon = line.indexOf(';');
        const std::optional<qint64> size = hexadecimal(trimmedBlanks(semicolon < 0 ? line : line.first(semicolon)));
        if (!size) return fail("the case store's reply has a chunk that cannot be read");
        if (*size == 0) {
            m_chunkPart = ChunkPart::Trailer;
            continue;
        }
        if (m_body.size() + *size > kMaxResponseBodyBytes) return fail("the case store's reply is larger than any it sends");
        m_remaining = *size;
        m_chunkPart = ChunkPart::Data;
    }
    if (m_state == State::Body) m_buffer.remove(0, at);
}

} // namespace triad::sync::http
