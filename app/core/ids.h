// Client-made record ids: 16 random bytes (UUID v4 layout), so a device can create records offline and a
// retried push is recognised by its id.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace triad {

struct RecordId {
    std::array<std::uint8_t, 16> bytes{};

    static RecordId generate();                                    // random v4 UUID
    static std::optional<RecordId> fromString(std::string_view s); // canonical 8-4-4-4-12 hex form
    std::string toString() const;                                  // canonical lowercase form
    bool isNull() const;

    friend bool operator==(const RecordId &, const RecordId &) = default;
    friend auto operator<=>(const RecordId &, const RecordId &) = default;
};

} // namespace triad
