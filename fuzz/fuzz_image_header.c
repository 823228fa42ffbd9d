/* fuzz_image_header.c: photo_probe() reading width and height from PNG, JPEG, GIF and WebP
 * headers without decoding. The bytes are copied to a buffer of exactly their size so
 * AddressSanitizer catches any read past the end. */
#include "fuzz.h"

#include "draw.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

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
    if (photo_probe(copy, size, &w, &h)) {
        /* draw.h: false for a broken header; an image with no pixels is one, and a zero
         * side would be a division by zero when the photo is scaled to cover */
        FUZZ_CHECK(w > 0 && h > 0, "probed dimensions are positive");
    }
    free(copy);
    return 0;
}
