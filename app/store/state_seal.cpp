#include "state_seal.h"

#include "error_codes.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

namespace triad::store::seal {

namespace {

constexpr std::string_view kDomain = "triad.local-state.v1";
constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kTagBytes = crypto_generichash_BYTES; // 32
using Tag = std::array<std::uint8_t, kTagBytes>;
using Meta = std::map<std::string, std::vector<std::uint8_t>>;

struct PartDef {
    Part part;
    std::vector<std::string> keys;
};

// The parts and their rows: the list in state_seal.h, in its order. Changing it changes the seal format.
const std::vector<PartDef> &defs()
{
    static const std::vector<PartDef> d{
        {{"format", "the store's format version", false}, {"format"}},
        {{"owner", "the owner's identity on this device", false}, {"owner_person_id", "owner_public_keys", "device_id"}},
        {{"district", "the pinned district", true}, {"district_info"}},
        {{"revocations", "the revocation list", true}, {"revocations"}},
        {{"directory", "the district directory", true}, {"directory_snapshot"}},
        {{"case_store", "the case store address", false}, {"sync.case_store_url"}},
        {{"token", "the device token", false}, {"sync.token_wrapped"}},
        {{"sync_state", "the sync position", false}, {"sync.cursor", "sync.last_synced_at"}},
        {{"other", "an unknown setting", false}, {}},
    };
    return d;
}

class Mac {
public:
    explicit Mac(const crypto::SecureBuffer &key) { crypto_generichash_init(&m_st, key.data(), key.size(), kTagBytes); }
    ~Mac() { sodium_memzero(&m_st, sizeof m_st); }
    Mac(const Mac &) = delete;
    Mac &operator=(const Mac &) = delete;
    void bytes(std::span<const std::uint8_t> b) { crypto_generichash_update(&m_st, b.data(), b.size()); }
    void text(std::string_view s) { bytes({reinterpret_cast<const std::uint8_t *>(s.data()), s.size()}); }
    void u8(std::uint8_t v) { bytes({&v, 1}); }
    void u32(std::uint32_t v)
    {
        const std::uint8_t b[4] = {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16), std::uint8_t(v >> 24)};
        bytes(b);
    }
    void i64(std::int64_t v)
    {
        std::uint8_t b[8];
        for (int i = 0; i < 8; ++i) b[i] = std::uint8_t(static_cast<std::uint64_t>(v) >> (8 * i));
        bytes(b);
    }
    void field(std::span<const std::uint8_t> b)
    {
        u32(static_cast<std::uint32_t>(b.size()));
        bytes(b);
    }
    void field(std::string_view s) { field({reinterpret_cast<const std::uint8_t *>(s.data()), s.size()}); }
    void row(const Meta &meta, const std::string &key)
    {
        field(key);
        const auto it = meta.find(key);
        u8(it != meta.end());
        if (it != meta.end()) field(it->second);
    }
    Tag finish()
    {
        Tag t{};
        crypto_generichash_final(&m_st, t.data(), t.size());
        return t;
    }

private:
    crypto_generichash_state m_st;
};

Result<Meta> readMeta(Database &db)
{
    auto st = db.cached("SELECT key, value FROM meta");
    if (!st) return st.error();
    Meta meta;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        meta[(*st)->columnText(0)] = (*st)->columnBlob(1);
    }
    return meta;
}

// Only the meta rows named (the rows of the parts a write names, and the seal itself; not every setting).
Result<Meta> readMetaRows(Database &db, const std::vector<std::string> &keys)
{
    Meta meta;
    auto st = db.cached("SELECT value FROM meta WHERE key = ?");
    if (!st) return st.error();
    for (const std::string &key : keys) {
        (*st)->reset();
        (*st)->bind(1, key);
        auto row = (*st)->step();
        if (!row) return row.error();
        if (*row) meta[key] = (*st)->columnBlob(0);
    }
    (*st)->reset();
    return meta;
}

// Every row of the directory table, in sign_key_id order (table absent: a marker byte 0).
Status addDirectoryRows(Database &db, Mac &mac)
{
    auto exists = db.cachedInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'directory'");
    if (!exists) return exists.error();
    mac.u8(*exists ? 1 : 0);
    if (!*exists) return {};
    auto st = db.cached("SELECT sign_key_id, person_id, certificate, added_at FROM directory ORDER BY sign_key_id");
    if (!st) return st.error();
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        mac.field((*st)->columnBlob(0));
        mac.field((*st)->columnBlob(1));
        mac.field((*st)->columnBlob(2));
        mac.i64((*st)->columnInt(3));
    }
    return {};
}

bool listed(const std::string &key)
{
    if (key == kMacKey) return true;
    for (const PartDef &d : defs())
        for (const std::string &k : d.keys)
            if (k == key) return true;
    return false;
}

// `kept`: per part (in defs() order), its tag as stored when the transaction did not write its rows (reseal's
// every Written but Anything); empty or nullopt: computed over the rows.
Result<std::vector<Tag>> tagsOf(Database &db, const Meta &meta, std::uint32_t schema, const crypto::SecureBuffer &key,
                                const std::vector<std::optional<Tag>> &kept = {})
{
    std::vector<Tag> tags;
    for (std::size_t i = 0; i < defs().size(); ++i) {
        const PartDef &d = defs()[i];
        if (i < kept.size() && kept[i]) {
            tags.push_back(*kept[i]);
            continue;
        }
        Mac mac(key);
        mac.text(kDomain);
        mac.u8(kVersion);
        mac.u32(schema);
        const std::string_view name = d.part.name;
        mac.u8(static_cast<std::uint8_t>(name.size()));
        mac.text(name);
        for (const std::string &k : d.keys) mac.row(meta, k);
        if (name == "other")
            for (const auto &[k, v] : meta)
                if (!listed(k)) mac.row(meta, k);
        if (name == "directory")
            if (auto s = addDirectoryRows(db, mac); !s) return s.error();
        tags.push_back(mac.finish());
    }
    return tags;
}

// The state_mac row read back: the schema it was made at and its tag per part; nullopt when it is not well-formed.
struct StoredSeal {
    std::uint32_t schema = 0;
    std::vector<Tag> tags;
};
std::optional<StoredSeal> storedSeal(const std::vector<std::uint8_t> &stored)
{
    const std::size_t n = defs().size();
    if (stored.size() != 1 + 4 + 1 + kTagBytes * n || stored[0] != kVersion || stored[5] != n) return std::nullopt;
    StoredSeal out;
    out.schema = std::uint32_t(stored[1]) | std::uint32_t(stored[2]) << 8 | std::uint32_t(stored[3]) << 16 | std::uint32_t(stored[4]) << 24;
    out.tags.resize(n);
    for (std::size_t i = 0; i < n; ++i) std::copy_n(stored.begin() + static_cast<std::ptrdiff_t>(6 + kTagBytes * i), kTagBytes, out.tags[i].begin());
    return out;
}

} // namespace

const std::vector<Part> &parts()
{
    static const std::vector<Part> p = [] {
        std::vector<Part> out;
        for (const PartDef &d : defs()) out.push_back(d.part);
        return out;
    }();
    return p;
}

bool directoryTrusted(const std::vector<std::string> &mismatched)
{
    for (const std::string &m : mismatched) {
        if (m == "seal") return false;
        for (const Part &p : parts())
            if (p.directory && m == p.name) return false;
    }
    return true;
}

Result<Verdict> verify(Database &db, const crypto::SecureBuffer &macKey)
{
    auto hasMeta = db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
    if (!hasMeta) return hasMeta.error();
    if (!*hasMeta) return Verdict{}; // no settings at all: what follows (migrations, loading the settings) says so
    auto meta = readMeta(db);
    if (!meta) return meta.error();
    auto schemaNow = db.queryInt("PRAGMA user_version");
    if (!schemaNow) return schemaNow.error();
    Verdict v;
    if (const auto f = meta->find("format"); f != meta->end()) v.sealedFormat = std::string(f->second.begin(), f->second.end()) == kSealedFormat;
    const auto it = meta->find(kMacKey);
    if (it == meta->end()) return v;
    v.present = true;
    const auto stored = storedSeal(it->second);
    if (!stored) {
        for (const PartDef &d : defs()) v.mismatched.push_back(d.part.name);
        return v;
    }
    const std::uint32_t schema = stored->schema;
    v.schema = static_cast<int>(schema);
    auto tags = tagsOf(db, *meta, schema, macKey);
    if (!tags) return tags.error();
    for (std::size_t i = 0; i < defs().size(); ++i)
        if (sodium_memcmp((*tags)[i].data(), stored->tags[i].data(), kTagBytes) != 0) v.mismatched.push_back(defs()[i].part.name);
    // A schema version lower than the one sealed is a downgrade (migrations would run again over newer tables).
    // Proven only if the format part's tag (made over that schema number) matched.
    if (*schemaNow < static_cast<std::int64_t>(schema) && (v.mismatched.empty() || v.mismatched.front() != "format")) {
        v.downgraded = true;
        v.mismatched.insert(v.mismatched.begin(), "format");
    }
    return v;
}

namespace {

// The parts a reseal computes again (Written); every part for Anything.
std::vector<std::string_view> partsWritten(Written written)
{
    switch (written) {
    case Written::Anything: break;
    case Written::SyncState: return {"sync_state"};
    case Written::Endpoint: return {"case_store", "token"};
    case Written::Certificates: return {"directory"};
    case Written::Revocations: return {"revocations"};
    case Written::Directory: return {"revocations", "directory"};
    }
    std::vector<std::string_view> all;
    for (const PartDef &d : defs()) all.emplace_back(d.part.name);
    return all;
}

// The seal of the rows as they are now: the parts `written` names computed over their rows, every other tag taken
// from the stored seal (Anything: every tag computed); with the stored tags, when a seal is stored.
struct Sealing {
    std::uint32_t schema = 0;
    std::vector<Tag> tags;
    std::optional<StoredSeal> stored;
};

Result<Sealing> sealOf(Database &db, const crypto::SecureBuffer &macKey, Written written)
{
    const std::vector<std::string_view> computed = partsWritten(written);
    const auto isComputed = [&](std::string_view name) { return std::find(computed.begin(), computed.end(), name) != computed.end(); };
    // Only the rows of the parts written are read back (and the seal): a sync's writes do not read the directory's
    // snapshot or the revocation list, however large the district. Anything reads every row ("other" is every row
    // no part lists).
    Sealing out;
    Result<Meta> meta = Meta{};
    if (written == Written::Anything) {
        meta = readMeta(db);
    } else {
        std::vector<std::string> keys{kMacKey};
        for (const PartDef &d : defs())
            if (isComputed(d.part.name)) keys.insert(keys.end(), d.keys.begin(), d.keys.end());
        meta = readMetaRows(db, keys);
    }
    if (!meta) return meta.error();
    auto schema = db.cachedInt("PRAGMA user_version");
    if (!schema) return schema.error();
    std::vector<std::optional<Tag>> kept;
    if (written != Written::Anything) {
        const auto it = meta->find(kMacKey);
        const auto stored = it == meta->end() ? std::nullopt : storedSeal(it->second);
        if (!stored || static_cast<std::int64_t>(stored->schema) != *schema)
            return makeError(errc::state::kTampered, "The seal of this device's settings is missing or damaged; the settings were not written.");
        kept.resize(defs().size());
        for (std::size_t i = 0; i < defs().size(); ++i)
            if (!isComputed(defs()[i].part.name)) kept[i] = stored->tags[i];
        out.stored = stored;
    }
    auto tags = tagsOf(db, *meta, static_cast<std::uint32_t>(*schema), macKey, kept);
    if (!tags) return tags.error();
    out.schema = static_cast<std::uint32_t>(*schema);
    out.tags = std::move(*tags);
    return out;
}

} // namespace

Status checkBeforeWrite(Database &db, const crypto::SecureBuffer &macKey, Written written)
{
    if (written == Written::Anything) return {};
    auto now = sealOf(db, macKey, written);
    if (!now) return now.error();
    for (std::size_t i = 0; i < defs().size(); ++i)
        if (sodium_memcmp(now->tags[i].data(), now->stored->tags[i].data(), kTagBytes) != 0)
            return makeError(errc::state::kTampered, std::string("This device's settings were changed while Triad was running (") + defs()[i].part.what
                                                         + "); the settings were not written.");
    return {};
}

Status reseal(Database &db, const crypto::SecureBuffer &macKey, Written written)
{
    auto sealing = sealOf(db, macKey, written);
    if (!sealing) return sealing.error();
    const std::vector<Tag> &tags = sealing->tags;
    std::vector<std::uint8_t> value;
    value.reserve(6 + kTagBytes * tags.size());
    value.push_back(kVersion);
    for (int i = 0; i < 4; ++i) value.push_back(std::uint8_t(sealing->schema >> (8 * i)));
    value.push_back(static_cast<std::uint8_t>(tags.size()));
    for (const Tag &t : tags) value.insert(value.end(), t.begin(), t.end());
    auto st = db.cached("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!st) return st.error();
    return (*st)->bind(1, std::string(kMacKey)).bind(2, value).run();
}

std::string problemSentence(const Verdict &verdict)
{
    const std::string head = "This device's settings were changed while Triad was closed: ";
    const std::string tail = " Sync is paused until district IT re-enrolls the device; your notes are safe.";
    if (!verdict.present) return head + "the seal that protects them is missing." + tail;
    std::vector<std::string> names;
    for (const std::string &m : verdict.mismatched)
        for (const Part &p : parts())
            if (m == p.name) names.emplace_back(p.what);
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) list += i + 1 == names.size() ? " and " : ", ";
        list += names[i];
    }
    return head + list + (names.size() > 1 ? " do not match." : " does not match.") + tail;
}

} // namespace triad::store::seal
