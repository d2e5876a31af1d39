// fuzz_http_response: the device's HTTP/1.1 response reader (sync/client/http_response.h), on bytes a hostile case
// store, a proxy or a broken network could put on the device's connection.
//
// The first input byte picks how the rest is fed: the reply whole, then again cut into pieces whose lengths come
// from that byte (1 to 16 bytes, or byte by byte). Checks: the reader ends in the same state with the same status,
// body and reusability however the bytes were cut (nothing depends on where a read ended); a finished reply has a
// final status of 200-599 and a body within kMaxResponseBodyBytes; a failed one keeps no body and says why; the end
// of the stream after it changes a finished or failed reply in nothing; leftover counts every byte after a finished
// reply.
#include "fuzz_support.h"
#include "http_response.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

using triad::sync::http::ResponseReader;

namespace {

ResponseReader feedInPieces(const std::uint8_t *data, std::size_t size, std::size_t piece)
{
    ResponseReader r;
    for (std::size_t at = 0; at < size; at += piece) {
        const std::size_t n = std::min(piece, size - at);
        r.feed(QByteArrayView(reinterpret_cast<const char *>(data + at), static_cast<qsizetype>(n)));
    }
    return r;
}

void checkOne(const ResponseReader &r)
{
    if (r.done()) {
        FUZZ_CHECK(r.status() >= 200 && r.status() <= 599);
        FUZZ_CHECK(r.body().size() <= triad::sync::http::kMaxResponseBodyBytes);
        FUZZ_CHECK(r.error().empty());
        FUZZ_CHECK(!r.reusable() || r.leftover() == 0);
    } else if (r.failed()) {
        FUZZ_CHECK(!r.error().empty());
        FUZZ_CHECK(r.body().isEmpty());
        FUZZ_CHECK(!r.reusable());
    } else {
        FUZZ_CHECK(!r.reusable());
    }
}

void checkSame(const ResponseReader &a, const ResponseReader &b)
{
    FUZZ_CHECK(a.state() == b.state());
    FUZZ_CHECK(a.anyBytes() == b.anyBytes());
    if (a.done()) {
        FUZZ_CHECK(a.status() == b.status());
        FUZZ_CHECK(a.body() == b.body());
        FUZZ_CHECK(a.reusable() == b.reusable());
        FUZZ_CHECK(a.leftover() == b.leftover());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1) return 0;
    const std::size_t piece = (data[0] & 0x0f) + 1;
    ++data;
    --size;

    ResponseReader whole;
    whole.feed(QByteArrayView(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    ResponseReader cut = feedInPieces(data, size, piece);
    checkOne(whole);
    checkOne(cut);
    checkSame(whole, cut);

    const ResponseReader::State before = whole.state();
    const QByteArray bodyBefore = whole.body();
    whole.endOfStream();
    cut.endOfStream();
    checkOne(whole);
    checkSame(whole, cut);
    FUZZ_CHECK(whole.state() == ResponseReader::State::Done || whole.state() == ResponseReader::State::Failed);
    if (before == ResponseReader::State::Done) FUZZ_CHECK(whole.done() && whole.body() == bodyBefore);
    if (before == ResponseReader::State::Failed) FUZZ_CHECK(whole.failed());
    return 0;
}
