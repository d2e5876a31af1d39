// Numbered schema migrations, run once at start (KDE Itinerary's Migrator). The schema version is SQLite's
// user_version. Each step runs in its own transaction: a crash mid-migration leaves the previous version intact.
#pragma once

#include "sqlite_db.h"

namespace triad::store {

inline constexpr int kSchemaVersion = 16;

// Brings the database up to `target` (default: the current schema). A database newer than this build is refused
// rather than touched ("store.too_new").
Status migrate(Database &db, int target = kSchemaVersion);
Result<int> schemaVersion(Database &db);

} // namespace triad::store
