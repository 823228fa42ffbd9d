/* paths.c: locating data files so the same binary works from the build tree and installed. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef NEWSREEL_DATA_DIR
#define NEWSREEL_DATA_DIR "/usr/local/share/newsreel"
#endif
#ifndef NEWSREEL_SOURCE_DIR
#define NEWSREEL_SOURCE_DIR ""
#endif

static bool has_fonts(const char *dir)
{
    char p[PATH_MAX];
    struct stat st;
    if (snprintf(p, sizeof p, "%s/fonts", dir) >= (int)sizeof p)
        return false;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool take(const char *dir, char *out, size_t outlen)
{
    if (!dir[0] || !has_fonts(dir) || strlen(dir) >= outlen)
        return false;
    memcpy(out, dir, strlen(dir) + 1);
    return true;
}

bool nr_exe_dir(char *out, size_t outlen)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash || (size_t)(slash - exe) + 1 > outlen)
        return false;
    *slash = '\0';
    memcpy(out, exe, (size_t)(slash - exe) + 1);
    return true;
}

bool nr_find_data_dir(char *out, size_t outlen)
{
    char exe_dir[PATH_MAX], cand[PATH_MAX];
    /* installed: <prefix>/bin/newsreel -> <prefix>/share/newsreel */
    if (nr_exe_dir(exe_dir, sizeof exe_dir) &&
        snprintf(cand, sizeof cand, "%s/../share/newsreel", exe_dir) < (int)sizeof cand &&
        take(cand, out, outlen))
        return true;
    return take(NEWSREEL_DATA_DIR, out, outlen) || take(NEWSREEL_SOURCE_DIR, out, outlen);
}
