/* test_compose.c: the software path's frames (compose.c) against a per-pixel reference:
 * ground, placement with clipping, cross-fade weights, slide-in, and the three turns. */
#include "testsupport.h"

#include "compose.h"

#include <stdlib.h>
#include <string.h>

#define W 37
#define H 23

static uint32_t pix(int x, int y, int salt)
{
    return 0xFF000000u | (uint32_t)((x * 7 + salt) & 0xFF) << 16 |
           (uint32_t)((y * 13 + salt * 3) & 0xFF) << 8 | (uint32_t)((x + y + salt) & 0xFF);
}

static void make(uint32_t *px, int w, int h, int pitch, int salt)
{
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            px[y * pitch + x] = pix(x, y, salt);
}

/* What a pixel must be: the same weighted mean, written out channel by channel. */
static uint32_t mix(uint32_t a, uint32_t b, uint8_t alpha)
{
    unsigned t = alpha + (alpha >> 7), u = 256 - t, out = 0;
    for (int sh = 0; sh < 32; sh += 8)
        out |= (((a >> sh & 0xFF) * u + (b >> sh & 0xFF) * t) >> 8) << sh;
    return out;
}

static void test_single_layer_with_margin(void **state)
{
    (void)state;
    static uint32_t src[W * H], frame[(W + 8) * (H + 4)];
    make(src, W, H, W, 1);
    struct compose_image img = { src, W, H, W };
    /* the frame is larger, with a pitch wider than its width; the slide drifted by (3, -2) */
    int fw = W + 4, fh = H + 4, fp = W + 8;
    memset(frame, 0x5A, sizeof frame);
    struct compose_layer l = { &img, 5, 0, 255 };
    show_compose_frame(frame, fw, fh, fp, 0x102030, &l, 1);
    for (int y = 0; y < fh; y++) {
        for (int x = 0; x < fw; x++) {
            uint32_t want = (x >= 5 && y < H) ? pix(x - 5, y, 1) : 0xFF102030u;
            if (frame[y * fp + x] != want)
                fail_msg("(%d,%d): %08x, want %08x", x, y, frame[y * fp + x], want);
        }
        for (int x = fw; x < fp; x++) /* past the width: untouched */
            assert_int_equal(frame[y * fp + x], 0x5A5A5A5Au);
    }
}

static void test_crossfade_weights(void **state)
{
    (void)state;
    static uint32_t a[W * H], b[W * H], frame[W * H];
    make(a, W, H, W, 2);
    make(b, W, H, W, 200);
    struct compose_image ia = { a, W, H, W }, ib = { b, W, H, W };
    const uint8_t alphas[] = { 1, 64, 127, 128, 200, 254 };
    for (size_t k = 0; k < sizeof alphas; k++) {
        struct compose_layer l[2] = { { &ia, 0, 0, 255 }, { &ib, 0, 0, alphas[k] } };
        show_compose_frame(frame, W, H, W, 0, l, 2);
        for (int i = 0; i < W * H; i++)
            if (frame[i] != mix(a[i], b[i], alphas[k]))
                fail_msg("alpha %u, pixel %d: %08x, want %08x", alphas[k], i, frame[i],
                         mix(a[i], b[i], alphas[k]));
    }
    /* alpha 0: the old slide alone; 255: the new one alone */
    struct compose_layer l0[2] = { { &ia, 0, 0, 255 }, { &ib, 0, 0, 0 } };
    show_compose_frame(frame, W, H, W, 0, l0, 2);
    assert_memory_equal(frame, a, sizeof a);
    struct compose_layer l1[2] = { { &ia, 0, 0, 255 }, { &ib, 0, 0, 255 } };
    show_compose_frame(frame, W, H, W, 0, l1, 2);
    assert_memory_equal(frame, b, sizeof b);
}

static void test_blend_over_offset_layer(void **state)
{
    (void)state;
    /* not at the same place: the general path blends in place over the first */
    static uint32_t a[W * H], b[W * H], frame[W * H];
    make(a, W, H, W, 3);
    make(b, W, H, W, 90);
    struct compose_image ia = { a, W, H, W }, ib = { b, W, H, W };
    struct compose_layer l[2] = { { &ia, 0, 0, 255 }, { &ib, 10, 4, 100 } };
    show_compose_frame(frame, W, H, W, 0x000000, l, 2);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint32_t want = a[y * W + x];
            if (x >= 10 && y >= 4)
                want = mix(want, b[(y - 4) * W + x - 10], 100);
            assert_int_equal(frame[y * W + x], want);
        }
}

static void test_slide_in(void **state)
{
    (void)state;
    /* a slide transition: the old slide leaving left, the new one coming from the right */
    static uint32_t a[W * H], b[W * H], frame[W * H];
    make(a, W, H, W, 4);
    make(b, W, H, W, 77);
    struct compose_image ia = { a, W, H, W }, ib = { b, W, H, W };
    struct compose_layer l[2] = { { &ia, -12, 0, 255 }, { &ib, W - 12, 0, 255 } };
    show_compose_frame(frame, W, H, W, 0, l, 2);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            assert_int_equal(frame[y * W + x],
                             x < W - 12 ? a[y * W + x + 12] : b[y * W + x - (W - 12)]);
}

static void test_rotations(void **state)
{
    (void)state;
    static uint32_t src[W * H], r90[W * H], r180[W * H], r270[W * H], back[W * H];
    make(src, W, H, W, 5);
    struct compose_image s = { src, W, H, W };
    show_compose_rotate(&s, 90, r90, H);
    show_compose_rotate(&s, 180, r180, W);
    show_compose_rotate(&s, 270, r270, H);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            /* clockwise: the top-left corner goes to the top-right for 90 */
            assert_int_equal(r90[x * H + (H - 1 - y)], src[y * W + x]);
            assert_int_equal(r180[(H - 1 - y) * W + (W - 1 - x)], src[y * W + x]);
            assert_int_equal(r270[(W - 1 - x) * H + y], src[y * W + x]);
        }
    /* a quarter turn and three more give the picture back */
    struct compose_image q = { r90, H, W, H };
    show_compose_rotate(&q, 270, back, W);
    assert_memory_equal(back, src, sizeof src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_layer_with_margin),
        cmocka_unit_test(test_crossfade_weights),
        cmocka_unit_test(test_blend_over_offset_layer),
        cmocka_unit_test(test_slide_in),
        cmocka_unit_test(test_rotations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
