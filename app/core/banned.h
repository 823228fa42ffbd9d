/* banned.h: calls that invite overflows or silent failure; using one is a compile error.
 * Use snprintf / nr_buf, memcpy with a checked length, strtol with end-pointer checks, and
 * gmtime_r / localtime_r / strftime: the time functions below return a static buffer that
 * another thread's call overwrites, and Newsreel runs several threads. */
#ifndef NR_BANNED_H
#define NR_BANNED_H

/* The compiler includes this file first in every Newsreel source (-include, from the
 * nr_warnings target), before any system header. The macros below would mangle the
 * declarations in those headers, so the headers that declare the banned functions come in
 * here, ahead of the macros; their include guards make every later include a no-op. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(tm) BANNED(asctime)

#endif
