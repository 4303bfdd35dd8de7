/* error.h — the one error enum of ballast.
 * Every fallible function returns an enum bl_err; 0 is success. Details (which
 * row, which column) travel separately, in a struct buf or a problem list. */
#ifndef BL_ERROR_H
#define BL_ERROR_H

enum bl_err {
	BL_OK = 0,     /* success */
	BL_EINVAL,     /* the input is malformed or out of range */
	BL_ENOTFOUND,  /* the named thing does not exist */
	BL_ECONFLICT,  /* someone else changed it first (stale version), or a duplicate key */
	BL_EPERM,      /* the actor may not do this */
	BL_EIO,        /* reading or writing a file failed */
	BL_EDB,        /* the database failed (locked, corrupt, full) */
	BL_EVERSION,   /* the database was made by a newer ballast */
	BL_ELIMIT,     /* input exceeds a size limit */
	BL_EENCODING,  /* text is not valid UTF-8 or GB18030 */
	BL_EUNDEFINED, /* a value is undefined (a rate with a zero denominator) */
	BL_EBUSY,      /* the work is being done by someone else now; retry */
	BL_ERR__MAX
};

/* A static English sentence for err; never NULL. */
const char *bl_strerror(enum bl_err err);

#endif
