/*
 * store-backup.c — `gridbook backup DEST`: LMDB's compacting copy
 * (mdb_env_copy2 with MDB_CP_COMPACT) reads one snapshot, so the copy is
 * consistent while clerks keep writing and nobody waits for it.  DEST is a
 * new directory holding data.mdb, which store_open reads like any other
 * database.  The copy is flushed to disk before success is reported, and
 * removed again if anything fails, so DEST either is a whole backup or does
 * not exist.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-int.h"

static int
store_fsync_path(const char *path, int flags)
{
	int fd, rc = 0;

	if ((fd = open(path, flags | O_CLOEXEC)) == -1)
		return errno;
	if (fsync(fd) == -1 && errno != EINVAL && errno != EROFS)
		rc = errno;
	if (close(fd) == -1 && rc == 0)
		rc = errno;
	return rc;
}

int
store_backup(struct store *st, const char *dest)
{
	char *data;
	int rc, tries, e;

	if (dest == NULL || *dest == '\0')
		return store_err(st, GB_EINVAL, "backup: no destination given");
	if (mkdir(dest, 0770) == -1) {
		e = errno;
		if (e == EEXIST)
			return store_err(st, GB_EEXIST, "backup: %s already "
			    "exists; give a new directory name", dest);
		return store_err(st, e == ENOSPC ? GB_EFULL : GB_EIO,
		    "backup: cannot create %s: %s", dest, strerror(e));
	}
	data = xasprintf("%s/data.mdb", dest);
	for (tries = 0;; tries++) {
		rc = mdb_env_copy2(st->env, dest, MDB_CP_COMPACT);
		if (rc != MDB_MAP_RESIZED || tries >= 8 || st->ntxn > 0)
			break;
		/* Another process grew the file: map it all and retry. */
		unlink(data);
		if ((rc = mdb_env_set_mapsize(st->env, 0)) != 0) {
			st->broken = true;
			break;
		}
	}
	if (rc == 0)
		rc = store_fsync_path(data, O_RDONLY);
	if (rc == 0)
		rc = store_fsync_path(dest, O_RDONLY | O_DIRECTORY);
	if (rc == 0 && chmod(data, 0660) == -1)
		rc = errno;
	if (rc != 0) {
		unlink(data);
		rmdir(dest);
		free(data);
		if (rc == ENOSPC || rc == EDQUOT || rc == EFBIG)
			return store_err(st, GB_EFULL, "backup: disk full "
			    "writing %s; no backup was made", dest);
		return store_err(st, store_code(rc), "backup to %s failed: "
		    "%s; no backup was made", dest, mdb_strerror(rc));
	}
	free(data);
	return 0;
}
