// Errors are values with a reason a person can read (Nextcloud's Result<T, E>, KPublicTransport's Reply).
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace triad {

struct Error {
    // A stable, machine-readable code ("record.bad_signature", "policy.invalid") for tests and logs,
    // and a sentence for people. The message never contains secrets or note text.
    std::string code;
    std::string message;
    // The run-time details a translated sentence for the code needs, in order (%1, %2, ...): a date, a field's label, a
    // count. Empty for most codes; ui::errorText documents what each code it words expects.
    std::vector<std::string> args = {};
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}     // NOLINT(google-explicit-constructor)
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {} // NOLINT(google-explicit-constructor)

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &std::get<0>(m_v); }
    const T *operator->() const { return &std::get<0>(m_v); }
    T &operator*() & { return std::get<0>(m_v); }
    const T &operator*() const & { return std::get<0>(m_v); }

    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// Result<void>
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {} // NOLINT(google-explicit-constructor)
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

inline Error makeError(std::string code, std::string message) { return Error{std::move(code), std::move(message)}; }
inline Error makeError(std::string code, std::string message, std::vector<std::string> args)
{
    return Error{std::move(code), std::move(message), std::move(args)};
}

} // namespace triad
