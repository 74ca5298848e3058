/* fuzz-common.h — what the libFuzzer targets share: a private temporary directory per
 * process, removed at exit. */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

int          LLVMFuzzerTestOneInput (const uint8_t *data,
                                     size_t         size);

/* A directory made once per process (mode 0700) and removed with its files at exit. */
const char  *fuzz_tmp_dir           (void);
/* Removes @dir and everything below it. */
void         fuzz_rm_rf             (const char    *dir);
