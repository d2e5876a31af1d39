// HTTP/1.1 field syntax (RFC 9110 §5), shared by the case store's request head parser
// (sync/casestore/http_request_head.h) and the device's response reader (sync/client/http_response.h): both refuse
// what cannot be read exactly one way, by the same rules.
#pragma once

#include <QByteArrayView>

#include <algorithm>
#include <string_view>

namespace triad::http_syntax {

// RFC 9110 §5.6.2 tchar.
inline bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

inline bool isToken(QByteArrayView s) { return !s.isEmpty() && std::all_of(s.begin(), s.end(), isTokenChar); }

inline bool isBlank(char c) { return c == ' ' || c == '\t'; }

inline QByteArrayView trimmedBlanks(QByteArrayView s)
{
    while (!s.isEmpty() && isBlank(s.front())) s = s.sliced(1);
    while (!s.isEmpty() && isBlank(s.back())) s.chop(1);
    return s;
}

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// ASCII case-insensitive equality (field names, tokens, codings).
inline bool equalsNoCase(QByteArrayView a, std::string_view b)
{
    if (static_cast<std::size_t>(a.size()) != b.size()) return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[static_cast<std::size_t>(i)])) return false;
    return true;
}

// A field value (or a status line's reason): visible characters, blanks and obs-text; no other control characters.
inline bool isFieldValue(QByteArrayView v)
{
    return std::all_of(v.begin(), v.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == '\t' || (u >= 0x20 && u != 0x7f);
    });
}

// Calls `each` with every element of a comma-separated field value (RFC 9110 §5.6.1), trimmed; empty ones skipped.
template <typename Each>
void forEachListElement(QByteArrayView value, Each each)
{
    while (!value.isEmpty()) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView element = trimmedBlanks(comma < 0 ? value : value.first(comma));
        if (!element.isEmpty()) each(element);
        if (comma < 0) break;
        value = value.sliced(comma + 1);
    }
}

} // namespace triad::http_syntax
