// Client-made record ids (RFC 9562 UUIDs), so a device can create records offline and a retried push is recognised
// by its id. Two kinds (docs/storage.md "Record ids"): generate() is 122 random bits (version 4), for what is made
// now and then (people, devices, cases, observations, reports, agreements, certificate serials);
// generateTimeOrdered() is version 7, the record's created-at in milliseconds and then 74 random bits, for the
// records made by the thousand (notes, amendments, key grants, evidence, report events), so every index by id — the
// device's, the receipts', the case store's — takes a new one at its end instead of at a random page (a quarter of
// the time per insert into an index of 1,000,000 ids). Nothing reads the time back out of an id.
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
    static RecordId generateTimeOrdered(std::int64_t unixMs);      // v7 UUID: the record's own time, then random
    static std::optional<RecordId> fromString(std::string_view s); // canonical 8-4-4-4-12 hex form
    std::string toString() const;                                  // canonical lowercase form
    // Its last eight hex digits, random in both kinds (a v7 id begins with its time): what people are shown of an id
    // in a sentence, and may type to name one (LocalStore::matchIds).
    std::string shortText() const;
    bool isNull() const;

    friend bool operator==(const RecordId &, const RecordId &) = default;
    friend auto operator<=>(const RecordId &, const RecordId &) = default;
};

} // namespace triad
