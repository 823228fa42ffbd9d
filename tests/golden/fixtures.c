/* fixtures.c: stories written for Newsreel's tests, and photos drawn in code. */
#include "fixtures.h"

#include "draw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

const int fixture_sizes[5][2] = {
    { 800, 480 }, { 1280, 720 }, { 1920, 1080 }, { 1080, 1920 }, { 3840, 2160 },
};

/* 2022-02-01 17:42 UTC, as in the seed */
#define SEED_TIME 1643737320

static const struct fixture all[] = {
    { "seed",
      { .headline = "Putin says West has 'ignored' Russia's security concerns",
        .quote = "It seems to me that the United States is not so much concerned about the "
                 "security of Ukraine but its main task is to contain Russia's development.",
        .speaker = "Vladimir Putin",
        .caption = "Putin said he hoped for more dialogue on Ukraine in order to avoid "
                   "\"negative scenarios\"",
        .credit = "Yuri Kochetkov/AP Photo/picture alliance",
        .source = "World News",
        .link = "https://www.dw.com/en/putin-says-west-has-ignored-russias-security-concerns/"
                "a-60627213",
        .published_unix = SEED_TIME,
        .has_published = true },
      FIX_PHOTO_SEED },
    { "long-headline",
      { .headline = "City council approves a ten-year plan to rebuild every bridge over the "
                    "river, widen the riverside paths for cyclists and walkers, and turn the "
                    "old tram depot into a covered market with space for two hundred stalls",
        .dek = "The vote followed three years of consultation and a record number of public "
               "comments.",
        .caption = "The old tram depot, closed since 1998, will reopen as a market.",
        .credit = "Newsreel sample",
        .source = "Metro Desk",
        .link = "https://example.org/news/bridges-plan",
        .published_unix = FIXTURE_NOW_UNIX - 12 * 60,
        .has_published = true },
      FIX_PHOTO_LANDSCAPE },
    { "short-headline",
      { .headline = "Rain returns",
        .quote = "We expect the reservoirs to be full again by the end of the month.",
        .speaker = "Dana Ortiz, water authority",
        .caption = "Clouds over the northern hills on Tuesday morning.",
        .credit = "Newsreel sample",
        .source = "Weather",
        .link = "https://example.org/weather/rain",
        .published_unix = FIXTURE_NOW_UNIX - 3 * 3600,
        .has_published = true },
      FIX_PHOTO_LANDSCAPE },
    { "no-photo",
      { .headline = "Central bank holds rates steady for a third month as inflation eases",
        .quote = "The path ahead is narrow, but it is a path, and we intend to stay on it.",
        .speaker = "Governor Ana Lima",
        .source = "Business",
        .link = "https://example.org/business/rates",
        .published_unix = FIXTURE_NOW_UNIX - 40 * 60,
        .has_published = true },
      FIX_PHOTO_NONE },
    { "no-quote",
      { .headline = "Night trains return to the Alps after a decade away",
        .dek = "Sleeper services link four capitals from December, with couchettes, a dining "
               "car and bicycle space on every train.",
        .caption = "A test run crosses the pass at dawn.",
        .credit = "Newsreel sample / Rail Desk",
        .source = "Travel",
        .link = "https://example.org/travel/night-trains",
        .published_unix = FIXTURE_NOW_UNIX - 5 * 3600,
        .has_published = true },
      FIX_PHOTO_LANDSCAPE },
    { "portrait-photo",
      { .headline = "Lighthouse keeper retires after forty years on the island",
        .quote = "I never once missed the light, not even in the storm of '87.",
        .speaker = "Tomas Berg",
        .caption = "Berg at the top of the tower, which will be automated next year.",
        .credit = "Newsreel sample",
        .source = "Coast",
        .link = "https://example.org/coast/keeper",
        .published_unix = FIXTURE_NOW_UNIX - 2 * 86400,
        .has_published = true },
      FIX_PHOTO_PORTRAIT },
    { "rtl",
      { .headline = "\xd8\xa7\xd9\x84\xd8\xa3\xd9\x85\xd9\x85 \xd8\xa7\xd9\x84\xd9\x85\xd8\xaa"
                    "\xd8\xad\xd8\xaf\xd8\xa9 \xd8\xaa\xd8\xb7\xd9\x84\xd9\x82 \xd8\xae\xd8\xb7"
                    "\xd8\xa9 \xd8\xac\xd8\xaf\xd9\x8a\xd8\xaf\xd8\xa9 \xd9\x84\xd9\x84\xd9\x85"
                    "\xd9\x86\xd8\xa7\xd8\xae \xd8\xad\xd8\xaa\xd9\x89 \xd8\xb9\xd8\xa7\xd9\x85 "
                    "2030 \xd9\x85\xd8\xb9 \xd8\xa8\xd8\xb1\xd9\x86\xd8\xa7\xd9\x85\xd8\xac UNEP",
        .quote = "\xd7\x94\xd7\x96\xd7\x9e\xd7\x9f \xd7\x9c\xd7\xa4\xd7\xa2\xd7\x95\xd7\x9c "
                 "\xd7\x94\xd7\x95\xd7\x90 \xd7\xa2\xd7\x9b\xd7\xa9\xd7\x99\xd7\x95, \xd7\x9c"
                 "\xd7\x90 \xd7\x91-2031",
        .speaker = "\xd7\x93\xd7\xa0\xd7\x94 \xd7\x9c\xd7\x95\xd7\x99",
        .caption = "\xd8\xa7\xd9\x84\xd9\x88\xd9\x81\xd9\x88\xd8\xaf \xd9\x81\xd9\x8a "
                   "\xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd8\xb9\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xb1"
                   "\xd8\xa6\xd9\x8a\xd8\xb3\xd9\x8a\xd8\xa9",
        .credit = "Newsreel sample",
        .source = "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85",
        .link = "https://example.org/ar/climate",
        .published_unix = FIXTURE_NOW_UNIX - 20 * 60,
        .has_published = true },
      FIX_PHOTO_LANDSCAPE },
    { "cjk",
      { .headline = "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe6\x96\xb0\xe3\x81\x97\xe3\x81\x84"
                    "\xe7\xa7\x91\xe5\xad\xa6\xe5\x8d\x9a\xe7\x89\xa9\xe9\xa4\xa8\xe3\x81\x8c"
                    "\xe9\x96\x8b\xe9\xa4\xa8\xe3\x80\x81\xe5\x88\x9d\xe6\x97\xa5\xe3\x81\xab"
                    "\xe4\xb8\x89\xe4\xb8\x87\xe4\xba\xba\xe3\x81\x8c\xe6\x9d\xa5\xe5\xa0\xb4"
                    "\xe3\x81\x97\xe3\x81\x9f",
        .dek = "\xe6\x96\xb0\xe9\xa6\x86\xe6\x8b\xa5\xe6\x9c\x89\xe4\xb8\x89\xe7\x99\xbe\xe4"
               "\xbb\xb6\xe5\x8f\xaf\xe4\xba\x92\xe5\x8a\xa8\xe7\x9a\x84\xe5\xb1\x95\xe5\x93"
               "\x81\xef\xbc\x8c\xe5\xad\xa6\xe7\x94\x9f\xe5\x85\x8d\xe8\xb4\xb9\xe5\x85\xa5"
               "\xe5\x9c\xba\xe3\x80\x82",
        .caption = "\xe9\xa4\xa8\xe5\x86\x85\xe3\x81\xae\xe3\x83\xa1\xe3\x82\xa4\xe3\x83\xb3"
                   "\xe3\x83\x9b\xe3\x83\xbc\xe3\x83\xab",
        .credit = "Newsreel sample",
        .source = "\xe7\xa7\x91\xe5\xad\xa6",
        .link = "https://example.org/ja/museum",
        .published_unix = FIXTURE_NOW_UNIX - 50 * 60,
        .has_published = true },
      FIX_PHOTO_LANDSCAPE },
    { "emoji",
      { .headline = "Fans celebrate \xf0\x9f\x8e\x89 as the home side lifts the cup "
                    "\xe2\x9a\xbd\xf0\x9f\x8f\x86",
        .quote = "This one is for the city \xe2\x9d\xa4\xef\xb8\x8f",
        .speaker = "Captain Mia Okafor",
        .source = "Sport",
        .link = "https://example.org/sport/cup",
        .published_unix = FIXTURE_NOW_UNIX - 90,
        .has_published = true },
      FIX_PHOTO_NONE },
};

const struct fixture *fixtures(size_t *n)
{
    *n = sizeof all / sizeof all[0];
    return all;
}

/* A calm synthetic photo: a sky gradient, hills and a sun, so a test needs no image file. */
static SDL_Surface *draw_photo(int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * s->pitch);
        double t = (double)y / h;
        for (int x = 0; x < w; x++) {
            double hill = 0.62 * h + 0.06 * h * sin(x * 6.0 / w) + 0.03 * h * sin(x * 17.0 / w);
            double dx = x - 0.62 * w, dy = y - 0.30 * h, sun = sqrt(dx * dx + dy * dy);
            int r, g, b;
            if (y > hill) {
                r = (int)(40 + 30 * t);
                g = (int)(70 + 40 * (1 - t));
                b = 55;
            } else if (sun < 0.09 * (w < h ? w : h)) {
                r = 250;
                g = 214;
                b = 150;
            } else {
                r = (int)(90 + 120 * t);
                g = (int)(120 + 60 * t);
                b = (int)(190 - 40 * t);
            }
            row[x] = 0xff000000u | (uint32_t)r << 16 | (uint32_t)g << 8 | (uint32_t)b;
        }
    }
    return s;
}

SDL_Surface *fixture_photo(const struct fixture *f, const char *shared_dir, int w, int h)
{
    switch (f->photo) {
    case FIX_PHOTO_NONE: return NULL;
    case FIX_PHOTO_LANDSCAPE: return draw_photo(1600, 1000);
    case FIX_PHOTO_PORTRAIT: return draw_photo(900, 1400);
    case FIX_PHOTO_SEED: break;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/feeds/seed/photos/putin-orban-press-conference.jpg",
             shared_dir);
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (!rw)
        return NULL;
    Sint64 len = SDL_RWsize(rw);
    void *data = len > 0 ? malloc((size_t)len) : NULL;
    SDL_Surface *s = NULL;
    if (data && SDL_RWread(rw, data, 1, (size_t)len) == (size_t)len) {
        struct nr_err err = { 0 };
        s = draw_photo_decode(data, (size_t)len, w, h, &err);
    }
    SDL_RWclose(rw);
    free(data);
    return s;
}
