#include "wal_write_batch.h"

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
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
// The wal-index lock a writer holds from the start of its write transaction to its end (wal.c WAL_WRITE_LOCK).
constexpr int kWalWriteLock = 0;

std::atomic<std::int64_t> g_heldWrites{0}, g_flushes{0}, g_commitFlushes{0}, g_barrierFlushes{0}, g_failedFlushes{0};

// Every file opened through this VFS. `real` is the base VFS's file, laid out after this struct in the memory SQLite
// gives (szOsFile covers both). A log whose main database file was opened here too is linked to it both ways: the
// database file's shared-memory lock calls say when this connection holds the log's write lock, and its barrier
// writes anything held as a backstop.
struct File {
    sqlite3_file base;
    sqlite3_file *real;
    File *mainDb;     // a log: its database's file, while both are open
    File *wal;        // a database file: its log's file, while both are open
    bool shmMapped;   // a database file: its wal-index is in shared memory
    bool writeLocked; // a database file: this connection holds the log's write lock (WAL_WRITE_LOCK)
    // A log only:
    std::vector<unsigned char> *held; // bytes SQLite appended to the log in this write transaction, not yet written
    sqlite3_int64 heldAt;             // … their offset in the file
    sqlite3_int64 commitPageAt;       // where the page of the commit frame whose header came last goes, or -1
    bool committed;                   // the write transaction's commit frame is in the file: the rest goes straight through
    int failed;                       // a held write failed: every write and sync fails with it until the write lock goes
};

constexpr std::size_t kRealOffset = (sizeof(File) + 15) & ~std::size_t(15);

File *self(sqlite3_file *p) { return reinterpret_cast<File *>(p); }
sqlite3_vfs *baseOf(sqlite3_vfs *vfs) { return static_cast<sqlite3_vfs *>(vfs->pAppData); }

// Appends are held only while this connection holds the log's write lock and has not written its commit frame: so
// everything held belongs to one write transaction of this connection, which no one else can be writing beside it.
bool holding(const File *f) { return f->held && f->mainDb && f->mainDb->shmMapped && f->mainDb->writeLocked && !f->committed; }

// Writes what is held. A failure is kept: the transaction must not commit without those bytes, so every later write
// and sync of the log fails too until the write lock is released (SQLite then rolls the transaction back), and it is
// reported as a write error (SQLITE_IOERR_WRITE) whatever call brought it, so SQLite rolls back the whole
// transaction, not one statement.
int flush(File *f)
{
    if (!f->held || f->held->empty()) return f->failed;
    const int rc = f->real->pMethods->xWrite(f->real, f->held->data(), static_cast<int>(f->held->size()), f->heldAt);
    f->held->clear();
    g_flushes.fetch_add(1, std::memory_order_relaxed);
    if (rc != SQLITE_OK) {
        g_failedFlushes.fetch_add(1, std::memory_order_relaxed);
        if (!f->failed) f->failed = SQLITE_IOERR_WRITE;
    }
    return f->failed;
}

std::uint32_t bigEndian32(const unsigned char *p) { return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3]; }

// SQLite writes a frame as its header, then its page. The page of the commit frame ends the transaction's frames: it
// and everything held before it go to the file now, in one write, and an error goes back to SQLite from this call,
// before it publishes the commit. After that, nothing more is held in this write transaction (SQLite may rewrite
// earlier frames' checksums, or pad the log, before its sync): those writes go straight through with their errors.
int write(File *f, const unsigned char *data, int n, sqlite3_int64 at)
{
    if (f->failed) return f->failed;
    const bool completesCommit = at == f->commitPageAt;
    if (n == kFrameHeaderBytes && at >= kWalHeaderBytes) f->commitPageAt = bigEndian32(data + 4) != 0 ? at + kFrameHeaderBytes : -1;
    if (completesCommit) f->commitPageAt = -1;
    int rc = SQLITE_OK;
    if (holding(f) && n > 0 && static_cast<std::size_t>(n) <= kMaxHeld) {
        std::vector<unsigned char> &held = *f->held;
        const sqlite3_int64 heldEnd = f->heldAt + static_cast<sqlite3_int64>(held.size());
        if (!held.empty() && at >= f->heldAt && at + n <= heldEnd) {
            // Over bytes held (SQLite rewriting a frame of this transaction): the file would have had them replaced so.
            std::memcpy(held.data() + (at - f->heldAt), data, static_cast<std::size_t>(n));
            g_heldWrites.fetch_add(1, std::memory_order_relaxed);
        } else if (held.empty() || at == heldEnd) {
            // An append. Past the most held, what is held goes first and this begins the next piece. No allocation:
            // the memory for kMaxHeld bytes was reserved when the log was opened, and n <= kMaxHeld.
            if (!held.empty() && held.size() + static_cast<std::size_t>(n) > kMaxHeld) rc = flush(f);
            if (rc == SQLITE_OK) {
                if (held.empty()) f->heldAt = at;
                held.insert(held.end(), data, data + n);
                g_heldWrites.fetch_add(1, std::memory_order_relaxed);
            }
        } else {
            // Not an append to what is held (partly over it, or elsewhere): what is held first, then this as asked.
            if ((rc = flush(f)) == SQLITE_OK) rc = f->real->pMethods->xWrite(f->real, data, n, at);
        }
        if (rc == SQLITE_OK && completesCommit) {
            g_commitFlushes.fetch_add(1, std::memory_order_relaxed);
            rc = flush(f);
        }
    } else {
        if ((rc = flush(f)) == SQLITE_OK) rc = f->real->pMethods->xWrite(f->real, data, n, at);
    }
    if (completesCommit && f->held) f->committed = true;
    return rc;
}

// --- io methods: a log's appends held as above; everything else written through, after what is held ---

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
    if (!f->held) return f->real->pMethods->xWrite(f->real, data, n, at); // not a log
    return write(f, static_cast<const unsigned char *>(data), n, at);
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

int xShmLock(sqlite3_file *p, int offset, int n, int flags)
{
    File *f = self(p);
    const bool writeLock = offset <= kWalWriteLock && kWalWriteLock < offset + n && (flags & SQLITE_SHM_EXCLUSIVE);
    if (writeLock && (flags & SQLITE_SHM_UNLOCK)) {
        // The write transaction is over. Its commit frame, if it had one, is in the file; what is still held is the
        // frames of a transaction rolled back, which SQLite's own VFS would have written by now: written the same
        // way, while no other writer can start, so nothing of this transaction is left to be written later over
        // another connection's frames.
        f->writeLocked = false;
        if (File *wal = f->wal) {
            (void)flush(wal);
            wal->committed = false;
            wal->failed = SQLITE_OK;
            wal->commitPageAt = -1;
        }
    }
    const int rc = f->real->pMethods->xShmLock(f->real, offset, n, flags);
    if (writeLock && (flags & SQLITE_SHM_LOCK) && rc == SQLITE_OK) {
        f->writeLocked = true;
        if (File *wal = f->wal) {
            wal->committed = false;
            wal->failed = SQLITE_OK;
            wal->commitPageAt = -1;
        }
    }
    return rc;
}

void xShmBarrier(sqlite3_file *p)
{
    File *f = self(p);
    // SQLite publishes a commit in the wal-index header around this barrier; the commit frame wrote the transaction
    // already, so nothing is held here unless SQLite wrote its log otherwise than the above expects (counted; the
    // tests require none, and it is written now).
    if (f->wal && f->wal->held && !f->wal->held->empty()) {
        g_barrierFlushes.fetch_add(1, std::memory_order_relaxed);
        // A barrier cannot return an error, and SQLite is publishing: a commit must never be published without its
        // frames in the file. Stopping the process leaves the wal-index header half written, so the next connection
        // rebuilds it from the log as the file holds it, and the commit was never reported.
        if (flush(f->wal) != SQLITE_OK) std::abort();
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

int xOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *p, int flags, int *outFlags)
{
    sqlite3_vfs *base = baseOf(vfs);
    File *f = self(p);
    std::memset(static_cast<void *>(f), 0, sizeof(File));
    f->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(f) + kRealOffset);
    f->commitPageAt = -1;
    const int rc = base->xOpen(base, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (f->real->pMethods) f->real->pMethods->xClose(f->real);
        f->base.pMethods = nullptr;
        return rc;
    }
    const int version = f->real->pMethods->iVersion < 1 ? 1 : (f->real->pMethods->iVersion > 3 ? 3 : f->real->pMethods->iVersion);
    f->base.pMethods = &kMethods[version - 1];
    if ((flags & SQLITE_OPEN_WAL) && name && version >= 2) {
        sqlite3_file *db = sqlite3_database_file_object(name);
        if (ours(db) && !self(db)->held && !self(db)->wal) {
            f->held = new (std::nothrow) std::vector<unsigned char>();
            if (f->held) {
                try {
                    f->held->reserve(kMaxHeld); // appends never allocate: held.size() + n <= kMaxHeld always
                } catch (const std::bad_alloc &) {
                    delete f->held;
                    f->held = nullptr; // written through, as SQLite asks
                }
            }
            if (f->held) {
                f->mainDb = self(db);
                f->mainDb->wal = f;
            }
        }
    }
    return SQLITE_OK;
}

// --- the VFS's other methods: the base VFS's ---
int xDelete(sqlite3_vfs *v, const char *name, int syncDir) { return baseOf(v)->xDelete(baseOf(v), name, syncDir); }
int xAccess(sqlite3_vfs *v, const char *name, int flags, int *out) { return baseOf(v)->xAccess(baseOf(v), name, flags, out); }
int xFullPathname(sqlite3_vfs *v, const char *name, int n, char *out) { return baseOf(v)->xFullPathname(baseOf(v), name, n, out); }
void *xDlOpen(sqlite3_vfs *v, const char *name) { return baseOf(v)->xDlOpen(baseOf(v), name); }
void xDlError(sqlite3_vfs *v, int n, char *out) { baseOf(v)->xDlError(baseOf(v), n, out); }
void (*xDlSym(sqlite3_vfs *v, void *lib, const char *sym))(void) { return baseOf(v)->xDlSym(baseOf(v), lib, sym); }
void xDlClose(sqlite3_vfs *v, void *lib) { baseOf(v)->xDlClose(baseOf(v), lib); }
int xRandomness(sqlite3_vfs *v, int n, char *out) { return baseOf(v)->xRandomness(baseOf(v), n, out); }
int xSleep(sqlite3_vfs *v, int us) { return baseOf(v)->xSleep(baseOf(v), us); }
int xCurrentTime(sqlite3_vfs *v, double *out) { return baseOf(v)->xCurrentTime(baseOf(v), out); }
int xGetLastError(sqlite3_vfs *v, int n, char *out) { return baseOf(v)->xGetLastError ? baseOf(v)->xGetLastError(baseOf(v), n, out) : 0; }
int xCurrentTimeInt64(sqlite3_vfs *v, sqlite3_int64 *out) { return baseOf(v)->xCurrentTimeInt64(baseOf(v), out); }
int xSetSystemCall(sqlite3_vfs *v, const char *name, sqlite3_syscall_ptr fn) { return baseOf(v)->xSetSystemCall(baseOf(v), name, fn); }
sqlite3_syscall_ptr xGetSystemCall(sqlite3_vfs *v, const char *name) { return baseOf(v)->xGetSystemCall(baseOf(v), name); }
const char *xNextSystemCall(sqlite3_vfs *v, const char *name) { return baseOf(v)->xNextSystemCall(baseOf(v), name); }

// A VFS of this kind over `base`, named `name` (both must outlive the process's connections: VFSes are never freed).
sqlite3_vfs *makeVfs(const char *name, sqlite3_vfs *base)
{
    auto *vfs = new (std::nothrow) sqlite3_vfs{};
    if (!vfs) return nullptr;
    vfs->iVersion = base->iVersion < 3 ? base->iVersion : 3;
    vfs->szOsFile = static_cast<int>(kRealOffset) + base->szOsFile;
    vfs->mxPathname = base->mxPathname;
    vfs->zName = name;
    vfs->pAppData = base;
    vfs->xOpen = xOpen;
    vfs->xDelete = xDelete;
    vfs->xAccess = xAccess;
    vfs->xFullPathname = xFullPathname;
    vfs->xDlOpen = xDlOpen;
    vfs->xDlError = xDlError;
    vfs->xDlSym = xDlSym;
    vfs->xDlClose = xDlClose;
    vfs->xRandomness = xRandomness;
    vfs->xSleep = xSleep;
    vfs->xCurrentTime = xCurrentTime;
    vfs->xGetLastError = xGetLastError;
    if (vfs->iVersion >= 2) vfs->xCurrentTimeInt64 = xCurrentTimeInt64;
    if (vfs->iVersion >= 3) {
        vfs->xSetSystemCall = xSetSystemCall;
        vfs->xGetSystemCall = xGetSystemCall;
        vfs->xNextSystemCall = xNextSystemCall;
    }
    return vfs;
}

} // namespace

const char *walWriteBatchVfs()
{
    static const char *const name = [] () -> const char * {
        sqlite3_vfs *base = sqlite3_vfs_find(nullptr);
        sqlite3_vfs *vfs = base ? makeVfs(kName, base) : nullptr;
        return vfs && sqlite3_vfs_register(vfs, 0) == SQLITE_OK ? kName : nullptr;
    }();
    return name;
}

bool registerWalWriteBatchVfsOver(const char *name, sqlite3_vfs *base)
{
    sqlite3_vfs *vfs = name && base ? makeVfs(name, base) : nullptr;
    return vfs && sqlite3_vfs_register(vfs, 0) == SQLITE_OK;
}

WalWriteBatchCounts walWriteBatchCounts()
{
    return {g_heldWrites.load(), g_flushes.load(), g_commitFlushes.load(), g_barrierFlushes.load(), g_failedFlushes.load()};
}

} // namespace triad::sqlite
