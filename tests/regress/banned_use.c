/* banned_use.c: compiled (never linked) by the banned_* tests. With BANNED_CALL undefined it
 * must compile cleanly; with -DBANNED_CALL=N the Nth call below, which banned.h forbids,
 * must stop the compiler with "sorry_<name>_is_a_banned_function". */
#define _POSIX_C_SOURCE 200809L /* gmtime_r, localtime_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef BANNED_CALL
#define BANNED_CALL 0
#endif

int banned_use(char *dst, size_t n, const char *src);

int banned_use(char *dst, size_t n, const char *src)
{
#if BANNED_CALL == 1
    strcpy(dst, src);
#elif BANNED_CALL == 2
    sprintf(dst, "%s", src);
#elif BANNED_CALL == 3
    strcat(dst, src);
#elif BANNED_CALL == 4
    gets(dst);
#elif BANNED_CALL == 5
    return atoi(src);
#elif BANNED_CALL == 6
    return strtok(dst, src) != NULL;
#elif BANNED_CALL == 7
    strncpy(dst, src, n);
#elif BANNED_CALL == 8
    vsprintf(dst, src, NULL);
#elif BANNED_CALL == 9
    return gmtime(NULL) != NULL;
#elif BANNED_CALL == 10
    return localtime(NULL) != NULL;
#elif BANNED_CALL == 11
    return ctime(NULL) != NULL;
#elif BANNED_CALL == 12
    return asctime(NULL) != NULL;
#endif
    /* the allowed ways, which must keep compiling */
    time_t t = 0;
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !localtime_r(&t, &tm))
        return -1;
    return snprintf(dst, n, "%s", src);
}
