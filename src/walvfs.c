/*
 * walvfs.c: part of the database layer (with db.c, the only files that
 * see SQLite).  A VFS over the default one that hands the kernel the WAL
 * frames of a transaction in one write instead of two per page.
 *
 * SQLite writes each WAL frame as two pwrite calls, its 24-byte header
 * and then the page; an endorsement writes a dozen pages, so a batch of
 * them made a few hundred system calls, each dear on a virtual machine.
 * Here the writes that follow one another in the WAL are gathered in a
 * buffer and written when the transaction's commit frame is complete,
 * before SQLite publishes the commit in the wal-index (which it does
 * only after its writes have returned): a reader never sees a frame
 * that is not in the file, and a write that fails fails the commit, as
 * it would without the buffer.  Anything else that looks at the file
 * (a read, its size, a sync, a truncation, closing it) writes the
 * buffer first.  The database file and the others pass straight through.
 *
 * The frame format is SQLite's documented file format
 * (https://sqlite.org/fileformat2.html#walformat): a commit frame's
 * header holds the database size in pages, non-zero, at bytes 4 to 7.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"
#include "log.h"

#define WAL_FRAME_HDR	24
#define WALBUF_CAP	(512 * 1024)	/* a batch of about 120 pages */
/* The unix VFS writes at most 128 KiB - 1 bytes a call (it masks the
 * length with 0x1ffff): larger writes go in pieces of this size. */
#define WRITE_MAX	(124 * 1024)

struct wfile {
	sqlite3_file	 base;
	sqlite3_file	*real;		/* the default VFS's file, after us */
	int		 wal;
	unsigned char	*buf;		/* WAL writes not yet made */
	size_t		 len;
	sqlite3_int64	 off;		/* where buf goes in the file */
	int		 commit;	/* a commit frame's header is in buf */
};

static sqlite3_vfs	*base_vfs;

/* The WAL this thread has gathered writes for, if any (a connection is
 * used by one thread at a time). */
static __thread struct wfile *pending;

/* Write what is gathered; SQLite's own error code. */
static int
wflush(struct wfile *f)
{
	size_t	done, n;
	int	rc = SQLITE_OK;

	for (done = 0; done < f->len && rc == SQLITE_OK; done += n) {
		n = f->len - done < WRITE_MAX ? f->len - done : WRITE_MAX;
		rc = f->real->pMethods->xWrite(f->real, f->buf + done, (int)n,
		    f->off + (sqlite3_int64)done);
	}
	f->len = 0;
	f->commit = 0;
	if (pending == f)
		pending = NULL;
	return rc;
}

static int
wclose(sqlite3_file *p)
{
	struct wfile	*f = (struct wfile *)p;
	int		 rc, rc2;

	rc = wflush(f);
	free(f->buf);
	f->buf = NULL;
	rc2 = f->real->pMethods->xClose(f->real);
	return rc != SQLITE_OK ? rc : rc2;
}

static int
wread(sqlite3_file *p, void *out, int amt, sqlite3_int64 off)
{
	struct wfile	*f = (struct wfile *)p;
	int		 rc;

	if ((rc = wflush(f)) != SQLITE_OK)
		return rc;
	return f->real->pMethods->xRead(f->real, out, amt, off);
}

static int
wwrite(sqlite3_file *p, const void *data, int amt, sqlite3_int64 off)
{
	struct wfile	*f = (struct wfile *)p;
	const unsigned char *d = data;
	int		 rc;

	if (!f->wal || amt <= 0)
		return f->real->pMethods->xWrite(f->real, data, amt, off);
	if (f->len > 0 && (off != f->off + (sqlite3_int64)f->len ||
	    f->len + (size_t)amt > WALBUF_CAP) && (rc = wflush(f)) != SQLITE_OK)
		return rc;
	/* SQLite's own writes are a page at most: these two are for
	 * safety, and pass the write through as it came. */
	if ((size_t)amt > WRITE_MAX)
		return f->real->pMethods->xWrite(f->real, data, amt, off);
	if (f->buf == NULL && (f->buf = malloc(WALBUF_CAP)) == NULL)
		return f->real->pMethods->xWrite(f->real, data, amt, off);
	if (f->len == 0)
		f->off = off;
	memcpy(f->buf + f->len, d, (size_t)amt);
	f->len += (size_t)amt;
	pending = f;
	/* A commit frame is its header, then its page: write both now. */
	if (f->commit)
		return wflush(f);
	if (amt == WAL_FRAME_HDR && (d[4] | d[5] | d[6] | d[7]) != 0)
		f->commit = 1;
	return SQLITE_OK;
}

static int
wtruncate(sqlite3_file *p, sqlite3_int64 size)
{
	struct wfile	*f = (struct wfile *)p;
	int		 rc;

	if ((rc = wflush(f)) != SQLITE_OK)
		return rc;
	return f->real->pMethods->xTruncate(f->real, size);
}

static int
wsync(sqlite3_file *p, int flags)
{
	struct wfile	*f = (struct wfile *)p;
	int		 rc;

	if ((rc = wflush(f)) != SQLITE_OK)
		return rc;
	return f->real->pMethods->xSync(f->real, flags);
}

static int
wsize(sqlite3_file *p, sqlite3_int64 *size)
{
	struct wfile	*f = (struct wfile *)p;
	int		 rc;

	if ((rc = wflush(f)) != SQLITE_OK)
		return rc;
	return f->real->pMethods->xFileSize(f->real, size);
}

/* The rest pass through. */
#define REAL(p)	(((struct wfile *)(p))->real)

static int
wlock(sqlite3_file *p, int l)
{
	return REAL(p)->pMethods->xLock(REAL(p), l);
}

static int
wunlock(sqlite3_file *p, int l)
{
	return REAL(p)->pMethods->xUnlock(REAL(p), l);
}

static int
wreserved(sqlite3_file *p, int *out)
{
	return REAL(p)->pMethods->xCheckReservedLock(REAL(p), out);
}

static int
wfcntl(sqlite3_file *p, int op, void *arg)
{
	struct wfile	*f = (struct wfile *)p;
	int		 rc;

	if ((rc = wflush(f)) != SQLITE_OK)
		return rc;
	return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int
wsector(sqlite3_file *p)
{
	return REAL(p)->pMethods->xSectorSize(REAL(p));
}

static int
wdevchar(sqlite3_file *p)
{
	return REAL(p)->pMethods->xDeviceCharacteristics(REAL(p));
}

static int
wshmmap(sqlite3_file *p, int pg, int pgsz, int extend, void volatile **pp)
{
	return REAL(p)->pMethods->xShmMap(REAL(p), pg, pgsz, extend, pp);
}

static int
wshmlock(sqlite3_file *p, int off, int n, int flags)
{
	return REAL(p)->pMethods->xShmLock(REAL(p), off, n, flags);
}

/*
 * SQLite publishes a commit in the wal-index between two barriers.  Its
 * commit frame has been written by then (wwrite); should a write ever
 * not be recognised as one, it is written here, before the commit is
 * visible, all the same.
 */
static void
wshmbarrier(sqlite3_file *p)
{
	if (pending != NULL && wflush(pending) != SQLITE_OK)
		logmsg("WAL write before a barrier failed");
	REAL(p)->pMethods->xShmBarrier(REAL(p));
}

static int
wshmunmap(sqlite3_file *p, int del)
{
	return REAL(p)->pMethods->xShmUnmap(REAL(p), del);
}

/* Version 2: no memory-mapped I/O through this VFS (mmap_size is 0). */
static const sqlite3_io_methods wmethods = {
	2, wclose, wread, wwrite, wtruncate, wsync, wsize, wlock, wunlock,
	wreserved, wfcntl, wsector, wdevchar, wshmmap, wshmlock, wshmbarrier,
	wshmunmap, NULL, NULL
};

static int
wopen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *p, int flags,
    int *outflags)
{
	struct wfile	*f = (struct wfile *)p;
	int		 rc;

	(void)vfs;
	memset(f, 0, sizeof(*f));
	f->real = (sqlite3_file *)(f + 1);
	f->wal = (flags & SQLITE_OPEN_WAL) != 0;
	rc = base_vfs->xOpen(base_vfs, name, f->real, flags, outflags);
	/* A file that failed to open has no methods: SQLite will not
	 * close it. */
	f->base.pMethods = f->real->pMethods != NULL ? &wmethods : NULL;
	return rc;
}

static int
wdelete(sqlite3_vfs *vfs, const char *name, int syncdir)
{
	(void)vfs;
	return base_vfs->xDelete(base_vfs, name, syncdir);
}

static int
waccess(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return base_vfs->xAccess(base_vfs, name, flags, out);
}

static int
wfullpath(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return base_vfs->xFullPathname(base_vfs, name, n, out);
}

static int
wrandom(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return base_vfs->xRandomness(base_vfs, n, out);
}

static int
wsleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return base_vfs->xSleep(base_vfs, us);
}

static int
wcurrenttime(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return base_vfs->xCurrentTime(base_vfs, out);
}

static int
wlasterror(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return base_vfs->xGetLastError(base_vfs, n, out);
}

static int
wcurrenttime64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return base_vfs->xCurrentTimeInt64(base_vfs, out);
}

static sqlite3_vfs wvfs = {
	2, 0, 0, NULL, "endorse-wal", NULL, wopen, wdelete, waccess,
	wfullpath, NULL, NULL, NULL, NULL, wrandom, wsleep, wcurrenttime,
	wlasterror, wcurrenttime64, NULL, NULL, NULL
};

int
db_vfs_register(void)
{
	if (base_vfs != NULL)
		return 0;
	/*
	 * One thread uses a connection (the sync thread only syncs a file
	 * descriptor): no global memory statistics, which take a lock on
	 * every allocation.  Set before the library starts, which finding
	 * the default VFS does.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if ((base_vfs = sqlite3_vfs_find(NULL)) == NULL)
		return -1;
	wvfs.szOsFile = (int)sizeof(struct wfile) + base_vfs->szOsFile;
	wvfs.mxPathname = base_vfs->mxPathname;
	/* The default from now on, for every connection this process opens. */
	if (sqlite3_vfs_register(&wvfs, 1) != SQLITE_OK) {
		base_vfs = NULL;
		return -1;
	}
	return 0;
}
