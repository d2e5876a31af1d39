// One write per transaction into an SQLite write-ahead log, instead of two per page.
//
// SQLite appends a transaction to its log one frame at a time, each frame two write() calls (its 24-byte header, then
// the page), and then fsyncs the log (synchronous=FULL). On these machines a write() costs 2–4 µs, so a note save
// (four to six pages) spent 20–25 µs in them against ~4 µs for a one-page commit (docs/benchmarks.md "Issue 14,
// target 5: one write per commit"). This VFS, a thin layer over SQLite's own ("unix"), keeps the log's frames in memory
// as SQLite writes them and hands them to the file in one write when the transaction's commit frame is complete.
//
// What it relies on, and why durability does not change (docs/storage.md "One write per commit"):
// - Only appends are held, only while this connection holds the log's write lock (seen in its wal-index lock calls)
//   and until its commit frame: everything held belongs to the one write transaction under way. After the commit
//   frame (SQLite may still rewrite checksums or pad before its sync) writes go straight through; when the write lock
//   is released, anything still held (a transaction rolled back) is written as SQLite's own VFS would have written
//   it, before another writer can start.
// - Nothing else reads the bytes held: SQLite's own reads of the log, its size, truncation, sync, file controls and
//   close write them first; other connections read only frames of committed transactions, written at the commit
//   frame before SQLite publishes the commit in the shared wal-index (the barrier SQLite calls while publishing
//   writes anything still held, as a counted backstop the tests require unused).
// - A write that fails fails as SQLite's own would: at the commit frame the error returns from that write, before the
//   commit is published; a failed write of frames held earlier is reported as a write error from whatever call
//   found it, and every write and sync of the log fails with it until the transaction is rolled back.
// - The fsync is SQLite's, unchanged, after the one write: a commit is durable when it returns, as before.
// Only the log of a database whose wal-index is in shared memory is batched (every connection here): the main
// database file, journals and a log in exclusive locking mode are written through as SQLite asks.
#pragma once

#include <cstdint>

struct sqlite3_vfs;

namespace triad::sqlite {

// The VFS's name for sqlite3_open_v2, registered (not as the default) on the first call; thread-safe. Returns nullptr
// (SQLite's default VFS is then used, writing every frame itself) only if SQLite has no default VFS to build on.
const char *walWriteBatchVfs();

// Registers another VFS of this kind, named `name`, over the VFS `base` instead of SQLite's default (tests: a base
// that injects write failures). Both must live as long as the process. False if SQLite refuses the registration.
bool registerWalWriteBatchVfsOver(const char *name, sqlite3_vfs *base);

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
