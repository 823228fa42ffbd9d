/* fixtures.h: the stories the golden, layout and draw tests, the benchmark and the README
 * screenshots render: the seed and one story for each hard case. */
#ifndef NR_TEST_FIXTURES_H
#define NR_TEST_FIXTURES_H

#include "story.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

enum fixture_photo {
    FIX_PHOTO_NONE,
    FIX_PHOTO_SEED,      /* ../shared/feeds/seed/photos/putin-orban-press-conference.jpg */
    FIX_PHOTO_LANDSCAPE, /* drawn in C: wide */
    FIX_PHOTO_PORTRAIT,  /* drawn in C: tall */
};

struct fixture {
    const char *name;
    struct story story; /* borrowed string literals: never story_release() these */
    enum fixture_photo photo;
};

/* The fixtures, and their count. */
const struct fixture *fixtures(size_t *n);
/* The clock every fixture is shown at: 2022-02-01 18:05 UTC. */
#define FIXTURE_NOW_UNIX 1643738700
/* The five screens every fixture is rendered at. */
extern const int fixture_sizes[5][2];

/* The fixture's photo as a new ARGB8888 surface (NULL for none); shared_dir locates the
 * seed's photo. Decoded with draw_photo_decode for a w x h slide. */
SDL_Surface *fixture_photo(const struct fixture *f, const char *shared_dir, int w, int h);

#endif
