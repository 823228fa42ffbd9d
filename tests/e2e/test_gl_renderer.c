/* test_gl_renderer.c: the console's drawing path (SDL's textured GPU renderer, here on Mesa's
 * software OpenGL, llvmpipe) against the CPU compositor of a desktop window, frame by frame,
 * on an X server of the test's own (Xvfb). Slides come from the real binary (--render); each
 * frame is read back from the X server, as shown: a still, a crossfade, a push, rotations
 * 90/180/270, a renderer reset and a resize. The two paths must agree to within rounding. */
#include "testsupport.h"

#include "alloc.h"
#include "config.h"
#include "display.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_syswm.h>
#include <dirent.h>
#include <fcntl.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Rounding of blends and the GPU's texel centres: a channel may differ by this much... */
#define CHANNEL_TOLERANCE 6
/* ...and this share of pixels (antialiased glyph edges under a turned copy) by more. */
#define OUTLIER_PER_MILLE 5

static pid_t xvfb_pid;
static char *workdir;
static bool have_x;

/* Starts Xvfb on a free display number it picks itself (-displayfd). */
static bool start_xvfb(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    xvfb_pid = fork();
    if (xvfb_pid == 0) {
        char fd[16];
        snprintf(fd, sizeof fd, "%d", fds[1]);
        close(fds[0]);
        /* its own output stays out of the test's (a reader of ours would wait on it) */
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execlp("Xvfb", "Xvfb", "-displayfd", fd, "-screen", "0", "1024x768x24", "-nolisten", "tcp",
               "-noreset", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    /* the number, then a newline in a write of its own: the pipe stays open until then,
     * or the second write fails and the server exits */
    char num[32] = { 0 };
    size_t n = 0;
    while (xvfb_pid > 0 && n < sizeof num - 1 && read(fds[0], num + n, 1) == 1 && num[n] != '\n')
        n++;
    close(fds[0]);
    if (n == 0) {
        if (xvfb_pid > 0)
            waitpid(xvfb_pid, NULL, 0);
        xvfb_pid = 0;
        return false;
    }
    num[strcspn(num, "\n")] = '\0';
    char display[40];
    snprintf(display, sizeof display, ":%s", num);
    setenv("DISPLAY", display, 1);
    return true;
}

static int setup(void **state)
{
    (void)state;
    workdir = ts_mkdtemp();
    have_x = start_xvfb();
    if (!have_x) {
        printf("[  SKIPPED ] Xvfb cannot be started (packaging/dev.sh deps installs it)\n");
        return 0;
    }
    setenv("SDL_VIDEODRIVER", "x11", 1);
    setenv("LIBGL_ALWAYS_SOFTWARE", "1", 1); /* llvmpipe, whatever GPU the machine has */
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        kill(xvfb_pid, SIGTERM); /* no teardown after a failed setup */
        waitpid(xvfb_pid, NULL, 0);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    /* no SDL_Quit: it unloads the X and GL libraries SDL opened, and LeakSanitizer could no
     * longer tell their own leftovers (libdbus's, Xlib's) from the program's */
    if (xvfb_pid > 0) {
        kill(xvfb_pid, SIGTERM);
        waitpid(xvfb_pid, NULL, 0);
    }
    ts_rmtree(workdir);
    free(workdir);
    return 0;
}

/* The sample feed's slides at w x h through `newsreel --render`, the first two loaded. */
static void render_slides(int w, int h, SDL_Surface *out[2])
{
    char dir[64], size[32], feed[4200];
    snprintf(dir, sizeof dir, "slides-%dx%d", w, h);
    snprintf(size, sizeof size, "%dx%d", w, h);
    snprintf(feed, sizeof feed, "%s/assets/sample/feed.xml", ts_source_dir());
    char *path = ts_path(workdir, dir);
    char *argv[] = { xstrdup(ts_newsreel()), "--render", path, "--size", size, feed, NULL };
    char *env[] = { "SDL_VIDEODRIVER=dummy", NULL };
    struct nr_buf o = { 0 }, e = { 0 };
    int status = ts_run(argv, env, 60000, &o, &e);
    if (status != 0)
        fprintf(stderr, "newsreel --render: %.*s\n", (int)e.len, e.data ? e.data : "");
    assert_int_equal(status, 0);
    for (int i = 0; i < 2; i++) {
        char prefix[16], name[256] = "";
        snprintf(prefix, sizeof prefix, "%03d-", i + 1); /* 001-<headline>.png */
        DIR *dir_list = opendir(path);
        assert_non_null(dir_list);
        for (struct dirent *de; (de = readdir(dir_list));)
            if (strncmp(de->d_name, prefix, 4) == 0 && strlen(de->d_name) < sizeof name)
                snprintf(name, sizeof name, "%s", de->d_name);
        closedir(dir_list);
        char *file = ts_path(path, name);
        SDL_Surface *png = IMG_Load(file);
        if (!png)
            fprintf(stderr, "cannot load '%s': %s\n", file, IMG_GetError());
        assert_non_null(png);
        out[i] = SDL_ConvertSurfaceFormat(png, SDL_PIXELFORMAT_ARGB8888, 0);
        assert_non_null(out[i]);
        SDL_FreeSurface(png);
        free(file);
    }
    nr_buf_release(&o);
    nr_buf_release(&e);
    free(argv[0]);
    free(path);
}

/* The one window show_display_new made (display.h keeps it opaque). */
static SDL_Window *the_window(void)
{
    for (Uint32 id = 1; id < 256; id++) {
        SDL_Window *w = SDL_GetWindowFromID(id);
        if (w)
            return w;
    }
    fail_msg("no window");
    return NULL;
}

/* The window's pixels as the X server has them, as a new ARGB8888 surface. Read until two
 * reads agree: a presented frame reaches the server a moment after the call returns. */
static SDL_Surface *grab(void)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    assert_true(SDL_GetWindowWMInfo(the_window(), &info));
    Display *x = info.info.x11.display;
    Window win = info.info.x11.window;
    SDL_Surface *last = NULL;
    for (int tries = 0; tries < 40; tries++) {
        XSync(x, False);
        XWindowAttributes wa;
        assert_true(XGetWindowAttributes(x, win, &wa));
        XImage *im =
            XGetImage(x, win, 0, 0, (unsigned)wa.width, (unsigned)wa.height, AllPlanes, ZPixmap);
        assert_non_null(im);
        SDL_Surface *s =
            SDL_CreateRGBSurfaceWithFormat(0, wa.width, wa.height, 32, SDL_PIXELFORMAT_ARGB8888);
        assert_non_null(s);
        for (int y = 0; y < wa.height; y++)
            for (int xx = 0; xx < wa.width; xx++)
                ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[xx] =
                    0xFF000000u | ((Uint32)XGetPixel(im, xx, y) & 0xFFFFFFu);
        XDestroyImage(im);
        bool same = last && last->w == s->w && last->h == s->h &&
                    memcmp(last->pixels, s->pixels, (size_t)s->pitch * (size_t)s->h) == 0;
        SDL_FreeSurface(last);
        last = s;
        if (same)
            break;
        ts_sleep_ms(25);
    }
    return last;
}

/* Pumps events through the display until it reports a new output (or gives up). */
static bool await_output_change(struct display *d)
{
    for (int i = 0; i < 200; i++) {
        SDL_Event ev;
        while (SDL_PollEvent(&ev))
            if (show_display_handle_event(d, &ev))
                return true;
        ts_sleep_ms(10);
    }
    return false;
}

#define FRAMES 8

static const char *const frame_names[FRAMES] = {
    "still",        "crossfade",    "push",        "rotation-90",
    "rotation-180", "rotation-270", "after-reset", "after-resize",
};

/* Copies of the two slides the display keeps its way, made again after each change. */
static void remake(struct display *d, SDL_Surface *const src[2], struct display_image *img[2])
{
    for (int i = 0; i < 2; i++) {
        show_display_image_free(img[i]);
        SDL_Surface *copy = SDL_DuplicateSurface(src[i]);
        assert_non_null(copy);
        img[i] = show_display_image_new(d, copy);
        assert_non_null(img[i]);
    }
}

static void show(struct display *d, struct display_image *img[2], uint8_t a1, int x0, int x1)
{
    struct display_layer layers[2] = { { img[0], 255, x0 }, { img[1], a1, x1 } };
    show_display_present(d, layers, a1 ? 2 : 1, (struct rgba){ 20, 20, 24, 255 }, 0, 0);
}

/* Plays the same frames through one renderer; frames[] receives what the server showed. */
static void play(int renderer, SDL_Surface *const sq[2], SDL_Surface *const wide[2],
                 SDL_Surface *frames[FRAMES], char *renderer_name, size_t name_len)
{
    struct config c;
    config_defaults(&c);
    c.fullscreen_set = true;
    c.fullscreen = false;
    c.width = 320;
    c.height = 320;
    c.renderer = renderer;
    struct nr_err err = { 0 };
    struct display *d = show_display_new(&c, &err);
    if (!d)
        fail_msg("show_display_new: %s", err.msg);
    SDL_Renderer *ren = SDL_GetRenderer(the_window());
    SDL_RendererInfo info = { .name = "CPU compositor" };
    if (ren)
        SDL_GetRendererInfo(ren, &info);
    snprintf(renderer_name, name_len, "%s", info.name);
    ts_sleep_ms(100); /* the window is mapped */
    SDL_PumpEvents();

    struct display_image *img[2] = { NULL, NULL };
    int n = 0;
    remake(d, sq, img);
    show(d, img, 0, 0, 0);
    frames[n++] = grab();
    show(d, img, 128, 0, 0); /* a crossfade half way */
    frames[n++] = grab();
    show(d, img, 255, -120, 200); /* a push, both slides in part */
    frames[n++] = grab();
    for (int deg = 90; deg <= 270; deg += 90) {
        c.rotation_deg = deg;
        show_display_configure(d, &c);
        remake(d, sq, img);
        show(d, img, 96, 0, 0);
        frames[n++] = grab();
    }
    c.rotation_deg = 0;
    show_display_configure(d, &c);
    /* the platform says the textures are gone: the display asks for a repaint */
    SDL_Event reset = { .type = SDL_RENDER_DEVICE_RESET };
    SDL_PushEvent(&reset);
    assert_true(await_output_change(d));
    remake(d, sq, img);
    show(d, img, 0, 0, 0);
    frames[n++] = grab();
    /* a mode change: the output grows, slides are painted again at the new size */
    SDL_SetWindowSize(the_window(), 480, 320);
    assert_true(await_output_change(d));
    int sw, sh;
    show_display_slide_size(d, &sw, &sh);
    assert_int_equal(sw, 480);
    assert_int_equal(sh, 320);
    remake(d, wide, img);
    show(d, img, 160, 0, 0);
    frames[n++] = grab();
    assert_int_equal(n, FRAMES);

    show_display_image_free(img[0]);
    show_display_image_free(img[1]);
    show_display_free(d);
    config_release(&c);
}

/* Pixels of a and b differing by more than CHANNEL_TOLERANCE in any channel; the largest
 * difference in *worst. */
static long count_outliers(const SDL_Surface *a, const SDL_Surface *b, int *worst)
{
    long n = 0;
    *worst = 0;
    for (int y = 0; y < a->h; y++) {
        const Uint32 *pa = (const Uint32 *)((const Uint8 *)a->pixels + y * a->pitch);
        const Uint32 *pb = (const Uint32 *)((const Uint8 *)b->pixels + y * b->pitch);
        for (int x = 0; x < a->w; x++) {
            int far = 0;
            for (int sh = 0; sh < 24; sh += 8) {
                int da = abs((int)((pa[x] >> sh) & 0xFF) - (int)((pb[x] >> sh) & 0xFF));
                far = da > far ? da : far;
            }
            *worst = far > *worst ? far : *worst;
            n += far > CHANNEL_TOLERANCE;
        }
    }
    return n;
}

static void save(const char *tag, const char *frame, SDL_Surface *s)
{
    char name[96];
    snprintf(name, sizeof name, "%s-%s.png", frame, tag);
    char *path = ts_path(ts_binary_dir(), name);
    IMG_SavePNG(s, path);
    fprintf(stderr, "  wrote %s\n", path);
    free(path);
}

static void test_gpu_frames_match_software_frames(void **state)
{
    (void)state;
    if (!have_x)
        skip();
    SDL_Surface *sq[2], *wide[2], *soft[FRAMES], *gpu[FRAMES];
    char soft_name[64], gpu_name[64];
    render_slides(320, 320, sq);
    render_slides(480, 320, wide);

    play(RENDERER_SOFTWARE, sq, wide, soft, soft_name, sizeof soft_name);
    play(RENDERER_GPU, sq, wide, gpu, gpu_name, sizeof gpu_name);
    printf("software path: %s; GPU path: %s renderer\n", soft_name, gpu_name);
    assert_string_equal(soft_name, "CPU compositor");
    assert_true(strncmp(gpu_name, "opengl", 6) == 0); /* opengl or opengles2 */

    bool ok = true;
    for (int i = 0; i < FRAMES; i++) {
        int worst = 0;
        bool sized = soft[i]->w == gpu[i]->w && soft[i]->h == gpu[i]->h;
        long out = sized ? count_outliers(soft[i], gpu[i], &worst) : -1;
        long allowed = (long)soft[i]->w * soft[i]->h * OUTLIER_PER_MILLE / 1000;
        /* a frame that matched a blank one would prove nothing */
        int blank_worst = 0;
        SDL_Surface *flat =
            SDL_CreateRGBSurfaceWithFormat(0, soft[i]->w, soft[i]->h, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_FillRect(flat, NULL, 0xFF141418u);
        long busy = count_outliers(soft[i], flat, &blank_worst);
        SDL_FreeSurface(flat);
        printf("%-13s %dx%d: %ld pixels off by more than %d (allowed %ld), worst %d; %ld "
               "pixels of content\n",
               frame_names[i], soft[i]->w, soft[i]->h, out, CHANNEL_TOLERANCE, allowed, worst,
               busy);
        if (!sized || out > allowed || busy < allowed * 10) {
            ok = false;
            save("software", frame_names[i], soft[i]);
            save("gpu", frame_names[i], gpu[i]);
        }
    }
    for (int i = 0; i < 2; i++) {
        SDL_FreeSurface(sq[i]);
        SDL_FreeSurface(wide[i]);
    }
    for (int i = 0; i < FRAMES; i++) {
        SDL_FreeSurface(soft[i]);
        SDL_FreeSurface(gpu[i]);
    }
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gpu_frames_match_software_frames),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
