// The device's reader of HTTP/1.1 responses (RFC 9112), fed the bytes of one connection as they arrive. No I/O here:
// the transport (sync_transport.cpp) feeds it what its socket read, the tests and the fuzzer feed it anything. A
// reply is taken only when it can be read exactly one way; anything else is "no reply" (the engine then treats the
// request's outcome as unknown, as it does for a connection that drops), never a guess at a body.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <string>

namespace triad::sync::http {

inline constexpr qsizetype kMaxResponseHeadBytes = 64 * 1024; // status line and fields together (and a chunked body's trailer)
inline constexpr qsizetype kMaxChunkLineBytes = 4 * 1024;     // "size;extensions" of one chunk
inline constexpr int kMaxInterimResponses = 8;                // 1xx before the final reply
// The largest body a device takes. The case store's largest reply is a page of 8 MiB, or one record of up to 16 MiB
// alone, in JSON with base64 (~22 MiB); an evidence media part is smaller. A reply declaring more is refused before
// its body is read.
inline constexpr qint64 kMaxResponseBodyBytes = 64ll * 1024 * 1024;

class ResponseReader {
public:
    enum class State {
        Head,
        Body,
        Done,
        Failed
    };

    // Every reply is read as one to GET, POST or PUT (the only methods the sync engine sends): its body is the one its
    // head announces (none for 204 and 304).
    // Takes the next bytes of the connection. After Done, any further byte is `leftover()` (the connection is then not
    // reused: the case store never sends one unasked); after Failed, nothing more is read.
    void feed(QByteArrayView bytes);
    // The peer closed the connection: anything unfinished fails (a reply that runs to the close is never taken: it is
    // refused at its head).
    void endOfStream();

    State state() const { return m_state; }
    bool done() const { return m_state == State::Done; }
    bool failed() const { return m_state == State::Failed; }
    // Whether the peer sent anything at all (a reused connection that closed before its first byte may be tried again).
    bool anyBytes() const { return m_anyBytes; }
    int status() const { return m_status; } // the final status (1xx interim responses are skipped)
    const QByteArray &body() const { return m_body; }
    QByteArray takeBody() { return std::move(m_body); }
    // Whether the connection may carry another request after this reply: HTTP/1.1 without "Connection: close",
    // HTTP/1.0 only with "keep-alive", and nothing after it.
    bool reusable() const { return m_state == State::Done && m_keepAlive && m_leftover == 0; }
    qsizetype leftover() const { return m_leftover; }
    const std::string &error() const { return m_error; } // why it failed, for people (no bytes of the reply quoted)

private:
    enum class Framing {
        Length,
        Chunked
    };
    enum class ChunkPart {
        Size,
        Data,
        DataEnd,
        Trailer
    };

    void parse();
    bool parseHead(qsizetype headLength); // false: failed
    void parseChunked();
    void fail(std::string why);
    void finish();

    State m_state = State::Head;
    QByteArray m_buffer; // bytes not yet consumed (the head, chunk framing)
    qsizetype m_scanFrom = 0;
    QByteArray m_body;
    bool m_anyBytes = false;
    int m_status = 0;
    bool m_keepAlive = true;
    Framing m_framing = Framing::Length;
    qint64 m_remaining = 0; // of a body of declared length, or of the current chunk
    ChunkPart m_chunkPart = ChunkPart::Size;
    qsizetype m_leftover = 0;
    qsizetype m_trailerBytes = 0;
    int m_interim = 0;
    std::string m_error;
};

} // namespace triad::sync::http
