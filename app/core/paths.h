/* paths.h: where Newsreel's data files (assets/, fonts/) are, in the build tree or installed. */
#ifndef NR_PATHS_H
#define NR_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* Finds the folder holding "fonts/" and "assets/": beside the executable's ../share/newsreel
 * (installed), the compiled-in install data dir, then the source tree the binary was built
 * from. Writes it into out; returns false when none exists. */
bool nr_find_data_dir(char *out, size_t outlen);

/* The folder the running executable is in (from /proc/self/exe), written into out; false
 * when it cannot be told or does not fit. */
bool nr_exe_dir(char *out, size_t outlen);

#endif
