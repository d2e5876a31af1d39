#include "wal_write_batch.h"

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <new>
#include <vector>

namespace triad::sqlite {

namespace {

constexpr const char *kName = "triad-wal-batch";
// Bytes held at most before they are written anyway (a transaction of many pages: a pull applied): the largest write
// SQLite's unix VFS takes in one call (its seekAndWriteFd keeps the low 17 bits of the length), 31 frames of 4 KiB.
constexpr std::size_t kMaxHeld = 0x1ffff;
// The log's layout (https://sqlite.org/fileformat.html#the_write_ahead_log): a 32-byte header, then frames, each a
// 24-byte header (the second big-endian u32 is the database size after a commit, non-zero only in a commit frame)
// and a page.
constexpr sqlite3_int64 kWalHeaderBytes = 32;
constexpr int kFrameHeaderBytes = 24;

sqlite3_vfs *g_base = nullptr; // SQLite's default VFS, which this one wraps
sqlite3_vfs g_vfs;

std::atomic<std::int64_t> g_heldWrites{0}, g_flushes{0}, g_commitFlushes{0}, g_barrierFlushes{0}, g_failedFlushes{0};

// Every file opened through this VFS. `real` is the base VFS's file, laid out after this struct in the memory SQLite
// gives (szOsFile covers both). A log (`held` non-null) whose main database file was opened here too is linked to it
// both ways, so that file's shared-memory barrier can write what the log holds.
struct File {
    sqlite3_file base;
    sqlite3_file *real;
    File *mainDb;                      // a log: its database's file, while both are open
    File *wal;                         // a database file: its log's file, while both are open
    bool shmMapped;                    // a database file: its wal-index is in shared memory
    std::vector<unsigned char> *held;  // a log: bytes SQLite wrote, not yet written to the file
    sqlite3_int64 heldAt;              // … their offset in the file
    sqlite3_int64 commitPageAt;        // a log: where the page of the commit frame whose header is held goes, or -1
};

constexpr std::size_t kRealOffset = (sizeof(File) + 15) & ~std::size_t(15);

bool batching(const File *f) { return f->held && f->mainDb && f->mainDb->shmMapped; }

int flush(File *f)
{
    if (!f->held || f->held->empty()) return SQLITE_OK;
    const int rc = f->real->pMethods->xWrite(f->real, f->held->data(), static_cast<int>(f->held->size()), f->heldAt);
    f->held->clear();
    f->commitPageAt = -1;
    g_flushes.fetch_add(1, std::memory_order_relaxed);
    if (rc != SQLITE_OK) g_failedFlushes.fetch_add(1, std::memory_order_relaxed);
    return rc;
}

std::uint32_t bigEndian32(const unsigned char *p) { return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3]; }

int holdWrite(File *f, const unsigned char *data, int n, sqlite3_int64 at)
{
    std::vector<unsigned char> &held = *f->held;
    const sqlite3_int64 heldEnd = f->heldAt + static_cast<sqlite3_int64>(held.size());
    if (!held.empty() && at >= f->heldAt && at + n <= heldEnd) {
        // Over bytes held (SQLite rewriting a frame of the transaction, or a rolled-back transaction's frames under
        // the next one's): the file would have had them replaced the same way.
        std::memcpy(held.data() + (at - f->heldAt), data, static_cast<std::size_t>(n));
    } else {
        if (!held.empty() && (at != heldEnd || held.size() + static_cast<std::size_t>(n) > kMaxHeld))
            if (const int rc = flush(f); rc != SQLITE_OK) return rc;
        if (held.empty()) f->heldAt = at;
        held.insert(held.end(), data, data + n);
    }
    g_heldWrites.fetch_add(1, std::memory_order_relaxed);
    if (n == kFrameHeaderBytes && at >= kWalHeaderBytes && bigEndian32(data + 4) != 0) {
        f->commitPageAt = at + kFrameHeaderBytes;
    } else if (at == f->commitPageAt) {
        // The commit frame is complete: the transaction goes to the file in one write, and an error goes back to
        // SQLite from this write, before it publishes the commit.
        g_commitFlushes.fetch_add(1, std::memory_order_relaxed);
        return flush(f);
    }
    return SQLITE_OK;
}

// --- io methods: a log's writes held; everything else written through, after what is held ---

File *self(sqlite3_file *p) { return reinterpret_cast<File *>(p); }

int xClose(sqlite3_file *p)
{
    File *f = self(p);
    const int flushed = flush(f);
    if (f->mainDb) f->mainDb->wal = nullptr;
    if (f->wal) f->wal->mainDb = nullptr;
    delete f->held;
    f->held = nullptr;
    const int rc = f->real->pMethods->xClose(f->real);
    return flushed != SQLITE_OK ? flushed : rc;
}

int xRead(sqlite3_file *p, void *out, int n, sqlite3_int64 at)
{
    File *f = self(p);
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return f->real->pMethods->xRead(f->real, out, n, at);
}

int xWrite(sqlite3_file *p, const void *data, int n, sqlite3_int64 at)
{
    File *f = self(p);
    if (batching(f) && n > 0 && static_cast<std::size_t>(n) <= kMaxHeld) {
        try {
            return holdWrite(f, static_cast<const unsigned char *>(data), n, at);
        } catch (const std::bad_alloc &) {
            if (const int rc = flush(f); rc != SQLITE_OK) return rc;
        }
    } else if (const int rc = flush(f); rc != SQLITE_OK) {
        return rc;
    }
    return f->real->pMethods->xWrite(f->real, data, n, at);
}

int xTruncate(sqlite3_file *p, sqlite3_int64 size)
{
    File *f = self(p);
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return f->real->pMethods->xTruncate(f->real, size);
}

int xSync(sqlite3_file *p, int flags)
{
    File *f = self(p);
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return f->real->pMethods->xSync(f->real, flags);
}

int xFileSize(sqlite3_file *p, sqlite3_int64 *size)
{
    File *f = self(p);
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return f->real->pMethods->xFileSize(f->real, size);
}

int xLock(sqlite3_file *p, int level) { return self(p)->real->pMethods->xLock(self(p)->real, level); }
int xUnlock(sqlite3_file *p, int level) { return self(p)->real->pMethods->xUnlock(self(p)->real, level); }
int xCheckReservedLock(sqlite3_file *p, int *out) { return self(p)->real->pMethods->xCheckReservedLock(self(p)->real, out); }

int xFileControl(sqlite3_file *p, int op, void *arg)
{
    File *f = self(p);
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

int xSectorSize(sqlite3_file *p) { return self(p)->real->pMethods->xSectorSize(self(p)->real); }
int xDeviceCharacteristics(sqlite3_file *p) { return self(p)->real->pMethods->xDeviceCharacteristics(self(p)->real); }

int xShmMap(sqlite3_file *p, int region, int size, int extend, void volatile **out)
{
    File *f = self(p);
    const int rc = f->real->pMethods->xShmMap(f->real, region, size, extend, out);
    if (rc == SQLITE_OK && *out) f->shmMapped = true;
    return rc;
}

int xShmLock(sqlite3_file *p, int offset, int n, int flags) { return self(p)->real->pMethods->xShmLock(self(p)->real, offset, n, flags); }

void xShmBarrier(sqlite3_file *p)
{
    File *f = self(p);
    // SQLite publishes a commit in the wal-index header around this barrier; the commit frame wrote the transaction
    // already, so nothing is held here unless SQLite wrote its log differently (counted, and written now).
    if (f->wal && f->wal->held && !f->wal->held->empty()) {
        g_barrierFlushes.fetch_add(1, std::memory_order_relaxed);
        (void)flush(f->wal);
    }
    f->real->pMethods->xShmBarrier(f->real);
}

int xShmUnmap(sqlite3_file *p, int deleteFlag)
{
    File *f = self(p);
    if (f->wal) (void)flush(f->wal);
    f->shmMapped = false;
    return f->real->pMethods->xShmUnmap(f->real, deleteFlag);
}

int xFetch(sqlite3_file *p, sqlite3_int64 at, int n, void **out) { return self(p)->real->pMethods->xFetch(self(p)->real, at, n, out); }
int xUnfetch(sqlite3_file *p, sqlite3_int64 at, void *page) { return self(p)->real->pMethods->xUnfetch(self(p)->real, at, page); }

// By the base file's version (SQLite calls the shared-memory methods only from version 2, xFetch only from 3).
constexpr sqlite3_io_methods methodsOfVersion(int v)
{
    return {v,           xClose,       xRead,    xWrite,   xTruncate,          xSync,        xFileSize,   xLock, xUnlock, xCheckReservedLock,
            xFileControl, xSectorSize, xDeviceCharacteristics, v >= 2 ? xShmMap : nullptr, v >= 2 ? xShmLock : nullptr,
            v >= 2 ? xShmBarrier : nullptr, v >= 2 ? xShmUnmap : nullptr, v >= 3 ? xFetch : nullptr, v >= 3 ? xUnfetch : nullptr};
}
const sqlite3_io_methods kMethods[3] = {methodsOfVersion(1), methodsOfVersion(2), methodsOfVersion(3)};

bool ours(const sqlite3_file *p) { return p && p->pMethods >= kMethods && p->pMethods < kMethods + 3; }

int xOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *p, int flags, int *outFlags)
{
    File *f = self(p);
    std::memset(static_cast<void *>(f), 0, sizeof(File));
    f->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(f) + kRealOffset);
    f->commitPageAt = -1;
    const int rc = g_base->xOpen(g_base, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (f->real->pMethods) f->real->pMethods->xClose(f->real);
        f->base.pMethods = nullptr;
        return rc;
    }
    const int version = f->real->pMethods->iVersion < 1 ? 1 : (f->real->pMethods->iVersion > 3 ? 3 : f->real->pMethods->iVersion);
    f->base.pMethods = &kMethods[version - 1];
    if ((flags & SQLITE_OPEN_WAL) && name) {
        f->held = new (std::nothrow) std::vector<unsigned char>();
        sqlite3_file *db = sqlite3_database_file_object(name);
        if (f->held && ours(db)) {
            File *mainDb = self(db);
            if (!mainDb->held && !mainDb->wal) {
                f->mainDb = mainDb;
                mainDb->wal = f;
            }
        }
    }
    return SQLITE_OK;
}

// --- the VFS's other methods: the base VFS's ---
int xDelete(sqlite3_vfs *, const char *name, int syncDir) { return g_base->xDelete(g_base, name, syncDir); }
int xAccess(sqlite3_vfs *, const char *name, int flags, int *out) { return g_base->xAccess(g_base, name, flags, out); }
int xFullPathname(sqlite3_vfs *, const char *name, int n, char *out) { return g_base->xFullPathname(g_base, name, n, out); }
void *xDlOpen(sqlite3_vfs *, const char *name) { return g_base->xDlOpen(g_base, name); }
void xDlError(sqlite3_vfs *, int n, char *out) { g_base->xDlError(g_base, n, out); }
void (*xDlSym(sqlite3_vfs *, void *lib, const char *sym))(void) { return g_base->xDlSym(g_base, lib, sym); }
void xDlClose(sqlite3_vfs *, void *lib) { g_base->xDlClose(g_base, lib); }
int xRandomness(sqlite3_vfs *, int n, char *out) { return g_base->xRandomness(g_base, n, out); }
int xSleep(sqlite3_vfs *, int us) { return g_base->xSleep(g_base, us); }
int xCurrentTime(sqlite3_vfs *, double *out) { return g_base->xCurrentTime(g_base, out); }
int xGetLastError(sqlite3_vfs *, int n, char *out) { return g_base->xGetLastError ? g_base->xGetLastError(g_base, n, out) : 0; }
int xCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out) { return g_base->xCurrentTimeInt64(g_base, out); }
int xSetSystemCall(sqlite3_vfs *, const char *name, sqlite3_syscall_ptr fn) { return g_base->xSetSystemCall(g_base, name, fn); }
sqlite3_syscall_ptr xGetSystemCall(sqlite3_vfs *, const char *name) { return g_base->xGetSystemCall(g_base, name); }
const char *xNextSystemCall(sqlite3_vfs *, const char *name) { return g_base->xNextSystemCall(g_base, name); }

} // namespace

const char *walWriteBatchVfs()
{
    static std::once_flag once;
    static const char *name = nullptr;
    std::call_once(once, [] {
        g_base = sqlite3_vfs_find(nullptr);
        if (!g_base) return;
        g_vfs = sqlite3_vfs{};
        g_vfs.iVersion = g_base->iVersion < 3 ? g_base->iVersion : 3;
        g_vfs.szOsFile = static_cast<int>(kRealOffset) + g_base->szOsFile;
        g_vfs.mxPathname = g_base->mxPathname;
        g_vfs.zName = kName;
        g_vfs.xOpen = xOpen;
        g_vfs.xDelete = xDelete;
        g_vfs.xAccess = xAccess;
        g_vfs.xFullPathname = xFullPathname;
        g_vfs.xDlOpen = xDlOpen;
        g_vfs.xDlError = xDlError;
        g_vfs.xDlSym = xDlSym;
        g_vfs.xDlClose = xDlClose;
        g_vfs.xRandomness = xRandomness;
        g_vfs.xSleep = xSleep;
        g_vfs.xCurrentTime = xCurrentTime;
        g_vfs.xGetLastError = xGetLastError;
        if (g_vfs.iVersion >= 2) g_vfs.xCurrentTimeInt64 = xCurrentTimeInt64;
        if (g_vfs.iVersion >= 3) {
            g_vfs.xSetSystemCall = xSetSystemCall;
            g_vfs.xGetSystemCall = xGetSystemCall;
            g_vfs.xNextSystemCall = xNextSystemCall;
        }
        if (sqlite3_vfs_register(&g_vfs, 0) == SQLITE_OK) name = kName;
    });
    return name;
}

WalWriteBatchCounts walWriteBatchCounts()
{
    return {g_heldWrites.load(), g_flushes.load(), g_commitFlushes.load(), g_barrierFlushes.load(), g_failedFlushes.load()};
}

} // namespace triad::sqlite
