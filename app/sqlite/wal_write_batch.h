// One write per transaction into an SQLite write-ahead log, instead of two per page.
//
// SQLite appends a transaction to its log one frame at a time, each frame two write() calls (its 24-byte header, then
// the page), and then fsyncs the log (synchronous=FULL). On these machines a write() costs 2–4 µs, so a note save
// (four to six pages) spent 20–25 µs in them against ~4 µs for a one-page commit (docs/benchmarks.md "Issue 14,
// target 5: one write per commit"). This VFS, a thin layer over SQLite's own ("unix"), keeps the log's frames in memory
// as SQLite writes them and hands them to the file in one write when the transaction's commit frame is complete.
//
// What it relies on, and why durability does not change (docs/storage.md "One write per commit"):
// - Nothing else reads the bytes it holds: SQLite's own reads of the log, its size, truncation, sync, file controls
//   and close all write the held bytes first; other connections read only frames of committed transactions, and a
//   transaction's frames are written before its commit is published in the shared wal-index (the commit frame ends
//   the batch, and the index's header is written after SQLite's last write of the transaction; the shared-memory
//   barrier SQLite calls between the two copies of that header writes anything still held, as a backstop).
// - A commit's write fails as SQLite's own would: the error is returned from the write() of the commit frame, before
//   the commit is published, and SQLite rolls the transaction back.
// - The fsync is SQLite's, unchanged, after the one write: a commit is durable when it returns, as before.
// Only the log of a database whose wal-index is in shared memory is batched (every connection here): the main
// database file, journals and a log in exclusive locking mode are written through as SQLite asks.
#pragma once

#include <cstdint>

namespace triad::sqlite {

// The VFS's name for sqlite3_open_v2, registered (not as the default) on the first call; thread-safe. Returns nullptr
// (SQLite's default VFS is then used, writing every frame itself) only if SQLite has no default VFS to build on.
const char *walWriteBatchVfs();

// Process-wide counts, for tests and benchmarks.
struct WalWriteBatchCounts {
    std::int64_t heldWrites = 0;     // write() calls of SQLite into a batched log, held instead of written
    std::int64_t flushes = 0;        // writes of held bytes to the file
    std::int64_t commitFlushes = 0;  // … of them at a transaction's commit frame
    std::int64_t barrierFlushes = 0; // … of them found still held at the wal-index barrier (the backstop)
    std::int64_t failedFlushes = 0;  // … of them the file refused (the error went back to SQLite)
};
WalWriteBatchCounts walWriteBatchCounts();

} // namespace triad::sqlite
