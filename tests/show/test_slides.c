/* test_slides.c: the slide state machine without SDL: fake images and photos are counted
 * as they are freed, photo requests as they are cancelled. */
#include "slides.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>

static int images_freed, photos_freed, cancelled;
static uint64_t last_cancelled;

static void free_image(struct display_image *img)
{
    if (img) {
        images_freed++;
        free(img);
    }
}

static void free_photo(struct SDL_Surface *p)
{
    if (p) {
        photos_freed++;
        free(p);
    }
}

static void cancel_photo(void *ctx, uint64_t id)
{
    (void)ctx;
    cancelled++;
    last_cancelled = id;
}

static struct display_image *fake_image(void)
{
    return xmalloc(16);
}

static void setup_slides(struct slides *sl)
{
    struct slides_ops ops = { free_image, free_photo, cancel_photo, NULL };
    images_freed = photos_freed = cancelled = 0;
    show_slides_init(sl, &ops);
}

/* Makes the job at t a story with this id and paints it at once. */
static void show_story(struct slides *sl, enum slides_target t, const char *id, size_t pos)
{
    struct slide_job *j = show_slides_job_begin(sl, t, 100);
    j->story.id = xstrdup(id);
    j->pos = pos;
    show_slides_put(sl, t, fake_image(), 5000);
}

static void test_first_slide_and_fade(void **state)
{
    (void)state;
    struct slides sl;
    setup_slides(&sl);
    assert_int_equal(sl.state, SLIDES_EMPTY);
    show_story(&sl, SLIDES_NEXT, "a", 0);
    assert_false(show_slides_start_fade(&sl, 10)); /* nothing to fade from */
    assert_false(show_slides_finish(&sl));
    assert_int_equal(sl.state, SLIDES_SHOWING);
    assert_string_equal(sl.cur.story.id, "a");
    assert_null(sl.next.img);

    show_story(&sl, SLIDES_NEXT, "b", 1);
    assert_true(show_slides_start_fade(&sl, 20));
    assert_int_equal(sl.state, SLIDES_FADING);
    assert_int_equal(sl.fade_start_ms, 20);
    assert_false(show_slides_finish(&sl));
    assert_string_equal(sl.cur.story.id, "b");
    assert_int_equal(sl.cur.pos, 1);
    assert_int_equal(images_freed, 1); /* a's */
    show_slides_release(&sl);
    assert_int_equal(images_freed, 2);
}

/* Defect: a resize (or reset, toggle, reload) in the last moments of a fade started a
 * repaint of the outgoing slide; it was painted after the fade ended, into the current
 * slot, and the old story stayed up for a whole dwell. */
static void test_repaint_of_outgoing_slide_ends_with_the_fade(void **state)
{
    (void)state;
    struct slides sl;
    setup_slides(&sl);
    show_story(&sl, SLIDES_NEXT, "old", 0);
    show_slides_finish(&sl);
    show_story(&sl, SLIDES_NEXT, "new", 1);
    assert_true(show_slides_start_fade(&sl, 0));

    /* the output changes: the loop starts repainting the slide on screen, which waits
     * for its photo */
    struct slide_job *j = show_slides_job_begin(&sl, SLIDES_CUR, 300);
    j->story.id = xstrdup(sl.cur.story.id);
    j->photo_id = 42;

    assert_true(show_slides_finish(&sl));     /* the caller must repaint the new slide */
    assert_false(sl.jobs[SLIDES_CUR].active); /* the old one's repaint is gone ... */
    assert_int_equal(cancelled, 1);           /* ... with its photo request */
    assert_int_equal(last_cancelled, 42);
    assert_string_equal(sl.cur.story.id, "new");

    /* its photo arriving late finds no job and is freed */
    assert_int_equal(show_slides_photo(&sl, 42, xmalloc(8)), -1);
    assert_int_equal(photos_freed, 1);
    assert_string_equal(sl.cur.story.id, "new");
    show_slides_release(&sl);
}

static void test_photo_reaches_its_job(void **state)
{
    (void)state;
    struct slides sl;
    setup_slides(&sl);
    struct slide_job *j = show_slides_job_begin(&sl, SLIDES_NEXT, 300);
    j->story.id = xstrdup("a");
    j->photo_id = 7;
    assert_int_equal(show_slides_photo(&sl, 8, NULL), -1);
    struct SDL_Surface *photo = xmalloc(8);
    assert_int_equal(show_slides_photo(&sl, 7, photo), SLIDES_NEXT);
    assert_ptr_equal(sl.jobs[SLIDES_NEXT].photo, photo);
    assert_int_equal(sl.jobs[SLIDES_NEXT].photo_id, 0);
    /* a new job at the same slot frees the old one's photo, cancels nothing (it came) */
    show_slides_job_begin(&sl, SLIDES_NEXT, 400);
    assert_int_equal(photos_freed, 1);
    assert_int_equal(cancelled, 0);
    show_slides_release(&sl);
}

/* Defect: after a reload that reordered the feeds, the slides kept their old feed indices,
 * so a repaint badged the wrong feed as stale and asked for file: photos with the wrong
 * feed's permission. */
static void test_reload_gives_slides_their_feeds_new_indices(void **state)
{
    (void)state;
    struct slides sl;
    setup_slides(&sl);
    show_story(&sl, SLIDES_NEXT, "a", 0);
    sl.next.feed = 0;
    show_slides_finish(&sl);
    show_story(&sl, SLIDES_NEXT, "b", 1);
    sl.next.feed = 1;
    struct slide_job *j = show_slides_job_begin(&sl, SLIDES_CUR, 300);
    j->feed = 0;
    size_t map[2] = { 2, SIZE_MAX }; /* feed 0 is now third; feed 1 went */
    show_slides_remap_feeds(&sl, map, 2);
    assert_int_equal(sl.cur.feed, 2);
    assert_int_equal(sl.next.feed, SIZE_MAX);
    assert_int_equal(sl.jobs[SLIDES_CUR].feed, 2);
    show_slides_release(&sl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_slide_and_fade),
        cmocka_unit_test(test_repaint_of_outgoing_slide_ends_with_the_fade),
        cmocka_unit_test(test_photo_reaches_its_job),
        cmocka_unit_test(test_reload_gives_slides_their_feeds_new_indices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
