// Helpers shared by the store's own sources (local_store.cpp and the services built on it): byte views of ids and
// payloads, the text checks every write makes, and reading a query's rows. Not for callers outside app/store.
#pragma once

#include "cstp.h"
#include "domain.h"
#include "result.h"
#include "passphrase_kdf.h"
#include "sqlite_db.h"
#include "error_codes.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace triad::store::detail {

inline std::span<const std::uint8_t> idSpan(const RecordId &id) { return {id.bytes.data(), id.bytes.size()}; }
inline std::span<const std::uint8_t> bytesOf(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()), static_cast<std::size_t>(b.size())};
}
inline QByteArray toQByteArray(std::span<const std::uint8_t> b)
{
    return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size()));
}
inline RecordId idFromBlob(const std::vector<std::uint8_t> &blob)
{
    RecordId id;
    if (blob.size() == id.bytes.size()) std::copy(blob.begin(), blob.end(), id.bytes.begin());
    return id;
}

inline std::string trimmed(const std::string &s)
{
    const auto first = std::find_if_not(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
    const auto last = std::find_if_not(s.rbegin(), s.rend(), [](unsigned char c) { return std::isspace(c); }).base();
    return first < last ? std::string(first, last) : std::string();
}

inline std::size_t utf8Length(const std::string &s) { return crypto::utf8CodePoints(std::string_view(s)); }

// Not empty, valid UTF-8, at most `maxChars` characters: "input.empty", "input.encoding", "input.too_long".
inline Status validateText(const std::string &text, std::size_t maxChars, const char *what)
{
    if (trimmed(text).empty()) return makeError(errc::input::kEmpty, std::string("The ") + what + " is empty; write something first.");
    // Decoded once: invalid UTF-8 does not survive the round trip.
    const QString decoded = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    if (!decoded.isValidUtf16() || decoded.toUtf8() != QByteArrayView(text.data(), static_cast<qsizetype>(text.size())))
        return makeError(errc::input::kEncoding, std::string("The ") + what + " is not valid UTF-8 text.");
    if (utf8Length(text) > maxChars)
        return makeError(errc::input::kTooLong,
                         std::string("The ") + what + " is longer than " + std::to_string(maxChars) + " characters; split it into several.");
    return {};
}

// Every tag a CSTP standard or element ("note.unknown_tag").
inline Status validateTags(const std::vector<std::string> &tags)
{
    const policy::CstpCatalogue &catalogue = policy::builtinCatalogue();
    for (const auto &tag : tags)
        if (!catalogue.isValidTag(tag)) return makeError(errc::note::kUnknownTag, "'" + tag + "' is not a CSTP standard or element (use e.g. 1.4 or 5).");
    return {};
}

// Every row (id, body) opened and decoded; `keep` (the rules' verdict on the record) drops those refused. Records held
// for others (sealed to other readers) are skipped; any other error, SQLite's included, is returned.
template <typename T, typename Decode>
Result<std::vector<T>> readAll(Statement &st, const std::function<Result<QByteArray>(const RecordId &, std::span<const std::uint8_t>)> &open,
                               Decode decode, const std::function<bool(std::span<const std::uint8_t>, const T &)> &keep = {})
{
    std::vector<T> out;
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!*row) break;
        const RecordId id = idFromBlob(st.columnBlob(0));
        const auto body = st.columnBlob(1);
        auto payload = open(id, body);
        if (!payload && payload.error().code == errc::record::kNotAReader) continue;
        if (!payload) return payload.error();
        auto value = decode(*payload);
        if (!value) return value.error();
        if (keep && !keep(body, *value)) continue;
        out.push_back(std::move(*value));
    }
    return out;
}

// One held record: its id and sealed bytes.
struct HeldRow {
    RecordId id;
    std::vector<std::uint8_t> body;
};
// The records of `type` filed under `id` — in a case (`byLink` false: case_id) or linked to a record (`byLink` true:
// observation_id, the document an acknowledgement or declined signature is about) — oldest first. The linked type is
// spelled in the text, not bound, so SQLite can use the partial index records_by_link (schema v12) for the link types.
inline Result<std::vector<HeldRow>> rowsFiledUnder(Database &db, std::uint16_t type, const RecordId &id, bool byLink)
{
    auto st = byLink ? db.cached("SELECT id, body FROM records WHERE type = " + sqlType(static_cast<RecordType>(type))
                                 + " AND observation_id = ? ORDER BY created_at, id")
                     : db.cached("SELECT id, body FROM records WHERE type = ? AND case_id = ? ORDER BY seq");
    if (!st) return st.error();
    if (byLink)
        (*st)->bind(1, idSpan(id));
    else
        (*st)->bind(1, static_cast<std::int64_t>(type)).bind(2, idSpan(id));
    std::vector<HeldRow> rows;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        rows.push_back({idFromBlob((*st)->columnBlob(0)), (*st)->columnBlob(1)});
    }
    return rows;
}

// One row of the store's settings (meta), if present.
inline Result<std::optional<std::vector<std::uint8_t>>> metaValue(Database &db, const char *key)
{
    auto st = db.cached("SELECT value FROM meta WHERE key = ?");
    if (!st) return st.error();
    (*st)->bind(1, std::string(key));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) {
        (*st)->reset();
        return std::optional<std::vector<std::uint8_t>>{};
    }
    std::optional<std::vector<std::uint8_t>> value((*st)->columnBlob(0));
    (*st)->reset();
    return value;
}

inline Status putMeta(Database &db, const char *key, std::span<const std::uint8_t> value)
{
    auto st = db.cached("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!st) return st.error();
    return (*st)->bind(1, std::string(key)).bind(2, value).run();
}

} // namespace triad::store::detail
