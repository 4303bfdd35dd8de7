/* error.c — names for enum bl_err. */
#include "util/error.h"

static const char *const messages[BL_ERR__MAX] = {
	[BL_OK] = "success",
	[BL_EINVAL] = "invalid input",
	[BL_ENOTFOUND] = "not found",
	[BL_ECONFLICT] = "conflict: changed by someone else or duplicate",
	[BL_EPERM] = "permission denied",
	[BL_EIO] = "input/output error",
	[BL_EDB] = "database error",
	[BL_EVERSION] = "database was created by a newer version of ballast",
	[BL_ELIMIT] = "size limit exceeded",
	[BL_EENCODING] = "invalid text encoding",
	[BL_EUNDEFINED] = "undefined value",
	[BL_EBUSY] = "busy; try again shortly",
};

const char *bl_strerror(enum bl_err err)
{
	if ((int)err < 0 || err >= BL_ERR__MAX || !messages[err])
		return "unknown error";
	return messages[err];
}
