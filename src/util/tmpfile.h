/* tmpfile.h — private temporary files (mode 0600) under $TMPDIR, else /tmp,
 * for the libraries that read or write only by file name (libxlsxwriter,
 * freexl, libzip), and reading such a file back into memory. */
#ifndef BL_TMPFILE_H
#define BL_TMPFILE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/* Create an empty private file named "<dir>/ballast-<stem>-XXXXXX" and put
 * its name in path (reset first). Returns its open descriptor, or -1 with a
 * sentence in err (may be NULL). The caller closes and unlinks it. */
int tmpfile_private(const char *stem, struct buf *path, struct buf *err);

/* Append the file at path to out, refusing more than max bytes (BL_ELIMIT);
 * BL_EIO with a sentence in err (may be NULL) when it cannot be read. */
enum bl_err file_slurp(const char *path, struct buf *out, size_t max, struct buf *err);

#endif
