/* fuzz_image_header.c: draw_photo_probe() reading width and height from PNG, JPEG, GIF and WebP
 * headers without decoding, the EXIF orientation, and then draw_photo_decode() itself (for
 * images of up to a megapixel, to keep the runs quick): CMYK, ICC profiles, GIF frames,
 * files cut short. The bytes are copied to a buffer of exactly their size so
 * AddressSanitizer catches any read past the end. */
#include "fuzz.h"

#include "draw.h"
#include "draw_int.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_log();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    void *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    int w = -1, h = -1;
    if (draw_photo_probe(copy, size, &w, &h)) {
        /* draw.h: false for a broken header; an image with no pixels is one, and a zero
         * side would be a division by zero when the photo is scaled to cover */
        FUZZ_CHECK(w > 0 && h > 0, "probed dimensions are positive");
        int o = draw_photo_exif_orientation(copy, size);
        FUZZ_CHECK(o >= 1 && o <= 8, "an EXIF orientation is 1 to 8");
        if ((uint64_t)w * (uint64_t)h <= 1000 * 1000) {
            struct nr_err err = { 0 };
            SDL_Surface *s = draw_photo_decode(copy, size, 640, 360, &err);
            FUZZ_CHECK(s || err.msg[0], "a refused photo says why");
            if (s)
                FUZZ_CHECK(s->w > 0 && s->h > 0 && s->format->format == SDL_PIXELFORMAT_ARGB8888,
                           "a decoded photo is ARGB8888 with pixels");
            SDL_FreeSurface(s);
        }
    }
    free(copy);
    return 0;
}
