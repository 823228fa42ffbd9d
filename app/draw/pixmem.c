/* pixmem.c: SDL's allocator, with pixel-sized blocks taken straight from the kernel on huge
 * pages.
 *
 * A 1080p slide, a decoded photo and the renderer's copy are 8 MiB each, allocated and freed
 * at every slide change. From glibc they arrive as fresh 4 KiB pages: about 2,000 page
 * faults and a memset for each, which was a third of the time to paint a slide. Here a
 * block of PIXMEM_BIG bytes or more is its own mapping, aligned to 2 MiB and advised as a
 * transparent huge page (a few faults instead of thousands; where the kernel says no, it
 * is an ordinary mapping); calloc skips the memset, since a new mapping is zero already;
 * free gives the pages straight back to the system, so memory never stays at its peak.
 * Smaller blocks go to malloc. Every block carries a header with its size and origin. */
#include "draw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif

#define PIXMEM_BIG ((size_t)1 << 20)
#define HUGE_PAGE ((size_t)2 << 20)
#define HEADER 64 /* keeps the caller's pointer 64-byte aligned, for vector loops */

struct pixmem_header {
    size_t size;    /* the caller's size */
    size_t map_len; /* 0: from malloc; else the length of the mapping */
};

static struct pixmem_header *header_of(void *p)
{
    return (struct pixmem_header *)((char *)p - HEADER);
}

static void *big_alloc(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t len = (size + HEADER + page - 1) / page * page;
    /* Map a huge page more than needed, then trim both ends to a 2 MiB boundary. */
    char *raw =
        mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    char *start = (char *)(((uintptr_t)raw + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    if (start > raw)
        munmap(raw, (size_t)(start - raw));
    size_t tail = (size_t)(raw + len + HUGE_PAGE - (start + len));
    if (tail)
        munmap(start + len, tail);
#ifdef MADV_HUGEPAGE
    madvise(start, len, MADV_HUGEPAGE);
#endif
    struct pixmem_header *h = (struct pixmem_header *)start;
    h->size = size;
    h->map_len = len;
    return start + HEADER;
}

static void *small_alloc(size_t size, bool zero)
{
    char *raw = zero ? calloc(1, size + HEADER) : malloc(size + HEADER);
    if (!raw)
        return NULL;
    struct pixmem_header *h = (struct pixmem_header *)raw;
    h->size = size;
    h->map_len = 0;
    return raw + HEADER;
}

static void pm_free(void *p)
{
    if (!p)
        return;
    struct pixmem_header *h = header_of(p);
    if (h->map_len)
        munmap(h, h->map_len);
    else
        free(h);
}

static void *pm_malloc(size_t size)
{
    if (size > SIZE_MAX - HUGE_PAGE - HEADER)
        return NULL;
    return size >= PIXMEM_BIG ? big_alloc(size) : small_alloc(size, false);
}

static void *pm_calloc(size_t n, size_t size)
{
    if (size && n > (SIZE_MAX - HUGE_PAGE - HEADER) / size)
        return NULL;
    size_t total = n * size;
    return total >= PIXMEM_BIG ? big_alloc(total) : small_alloc(total, true);
}

static void *pm_realloc(void *p, size_t size)
{
    if (!p)
        return pm_malloc(size);
    struct pixmem_header *h = header_of(p);
    if (!h->map_len && size < PIXMEM_BIG) {
        char *raw = realloc(h, size + HEADER);
        if (!raw)
            return NULL;
        ((struct pixmem_header *)raw)->size = size;
        return raw + HEADER;
    }
    void *q = pm_malloc(size);
    if (!q)
        return NULL;
    memcpy(q, p, h->size < size ? h->size : size);
    pm_free(p);
    return q;
}

/* AddressSanitizer and valgrind must see every block, so they keep SDL's own allocator. */
static bool checked_run(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
    return true;
#endif
#endif
#ifdef RUNNING_ON_VALGRIND
    if (RUNNING_ON_VALGRIND)
        return true;
#endif
    return false;
}

bool draw_pixmem_install(void)
{
    if (checked_run())
        return false;
    if (SDL_GetNumAllocations() > 0)
        return false; /* too late: SDL already holds blocks from the old allocator */
    return SDL_SetMemoryFunctions(pm_malloc, pm_calloc, pm_realloc, pm_free) == 0;
}
