/* test_cache.c: the disk cache round-trips every field, ignores torn, truncated, corrupt and
 * misplaced files, and survives a writer killed with SIGKILL at random moments. */
#include "cache.h"
#include "testsupport.h"

#include "alloc.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *URL = "https://news.example.org/feed.xml";

/* A result as a fetch fills it; body of n bytes made from seed. */
static void make_result(struct fetch_result *r, size_t n, char seed, const char *etag)
{
    memset(r, 0, sizeof *r);
    nr_buf_init(&r->body, TS_MAX_FILE_BYTES);
    assert_int_equal(nr_buf_append(&r->body, "", 0), NR_OK);
    for (size_t i = 0; i < n; i++) {
        char c = (char)(seed + (char)(i % 13));
        assert_int_equal(nr_buf_append(&r->body, &c, 1), NR_OK);
    }
    r->http_status = 200;
    r->final_url = xstrdup("https://news.example.org/rss/feed.xml");
    r->content_type = xstrdup("application/rss+xml; charset=utf-8");
    r->etag = xstrdup(etag);
    r->last_modified = xstrdup("Mon, 07 Oct 2024 06:30:00 GMT");
}

static void assert_same(const struct fetch_result *a, const struct fetch_result *b)
{
    assert_int_equal(a->body.len, b->body.len);
    if (a->body.len)
        assert_memory_equal(a->body.data, b->body.data, a->body.len);
    assert_non_null(b->body.data);
    assert_int_equal(a->http_status, b->http_status);
    assert_false(b->not_modified);
    assert_string_equal(a->final_url, b->final_url);
    assert_string_equal(a->content_type, b->content_type);
    assert_string_equal(a->etag, b->etag);
    assert_string_equal(a->last_modified, b->last_modified);
}

static void test_round_trip(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    char *sub = ts_path(dir, "made/by/store"); /* created on the way */
    struct fetch_result in, out;
    struct nr_err err = { 0 };
    int64_t stamp = 0;

    /* nothing yet: a quiet NR_ERR_IO */
    assert_int_equal(cache_load(sub, URL, &out, &stamp, &err), NR_ERR_IO);
    assert_non_null(strstr(err.msg, URL));

    make_result(&in, 100000, 'a', "\"v1\"");
    assert_int_equal(cache_store(sub, URL, &in, 1728282600, &err), NR_OK);
    assert_int_equal(cache_load(sub, URL, &out, &stamp, &err), NR_OK);
    assert_same(&in, &out);
    assert_int_equal(stamp, 1728282600);
    fetch_result_release(&out);
    fetch_result_release(&in);

    /* a newer store replaces it; bodies may hold any byte, NUL and newlines included */
    make_result(&in, 0, 'x', "\"v2\"");
    assert_int_equal(nr_buf_append(&in.body, "\0\n\nfnv1a64 0\n\r\xff", 15), NR_OK);
    free(in.content_type);
    in.content_type = NULL;
    free(in.etag);
    in.etag = NULL;
    assert_int_equal(cache_store(sub, URL, &in, 1728290000, &err), NR_OK);
    assert_int_equal(cache_load(sub, URL, &out, NULL, &err), NR_OK);
    assert_int_equal(out.body.len, 15);
    assert_memory_equal(out.body.data, in.body.data, 15);
    assert_null(out.content_type);
    assert_null(out.etag);
    fetch_result_release(&out);
    fetch_result_release(&in);

    /* an empty body is a body */
    make_result(&in, 0, 'a', "\"empty\"");
    assert_int_equal(cache_store(sub, URL, &in, 1, &err), NR_OK);
    assert_int_equal(cache_load(sub, URL, &out, NULL, &err), NR_OK);
    assert_same(&in, &out);
    fetch_result_release(&out);
    fetch_result_release(&in);

    /* another URL has its own entry */
    assert_int_equal(cache_load(sub, "https://news.example.org/other.xml", &out, NULL, &err),
                     NR_ERR_IO);

    assert_int_equal(cache_remove(sub, URL, &err), NR_OK);
    assert_int_equal(cache_remove(sub, URL, &err), NR_OK);
    assert_int_equal(cache_load(sub, URL, &out, NULL, &err), NR_ERR_IO);

    ts_rmtree(dir);
    free(sub);
    free(dir);
}

static void test_refused_stores(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    struct fetch_result in, out;
    struct nr_err err = { 0 };

    make_result(&in, 10, 'a', "\"v1\"");
    in.not_modified = true;
    assert_int_equal(cache_store(dir, URL, &in, 1, &err), NR_ERR_USAGE);
    in.not_modified = false;
    assert_int_equal(cache_store(dir, "https://x.example/a\nb", &in, 1, &err), NR_ERR_USAGE);
    fetch_result_release(&in);

    make_result(&in, CACHE_MAX_BODY_BYTES + 1, 'a', "\"v1\"");
    assert_int_equal(cache_store(dir, URL, &in, 1, &err), NR_ERR_TOO_BIG);
    assert_non_null(strstr(err.msg, URL));
    fetch_result_release(&in);
    assert_int_equal(cache_load(dir, URL, &out, NULL, &err), NR_ERR_IO);

    /* a folder that cannot be made: the error names it */
    char *blocker = ts_path(dir, "file");
    ts_write_file(blocker, "x", 1);
    char *under = ts_path(blocker, "cache");
    make_result(&in, 10, 'a', "\"v1\"");
    assert_int_equal(cache_store(under, URL, &in, 1, &err), NR_ERR_IO);
    assert_non_null(strstr(err.msg, blocker));
    fetch_result_release(&in);
    free(under);
    free(blocker);
    ts_rmtree(dir);
    free(dir);
}

/* Every way a file can be damaged is ignored, never loaded. */
static void test_damaged_files_are_ignored(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    char *path = cache_path(dir, URL);
    struct fetch_result in, out;
    struct nr_err err = { 0 };
    struct nr_buf good;

    make_result(&in, 5000, 'a', "\"v1\"");
    assert_int_equal(cache_store(dir, URL, &in, 42, &err), NR_OK);
    assert_int_equal(ts_read_file(path, &good), 0);

    /* torn: every length short of the whole, in steps, and the last few bytes one by one */
    for (size_t len = 0; len < good.len; len += (len + 40 < good.len ? 97 : 1)) {
        ts_write_file(path, good.data, len);
        memset(&err, 0, sizeof err);
        assert_int_equal(cache_load(dir, URL, &out, NULL, &err), NR_ERR_PARSE);
        assert_non_null(strstr(err.msg, "ignoring"));
        assert_null(out.body.data);
        assert_null(out.etag);
    }
    /* one flipped bit anywhere */
    for (size_t at = 0; at < good.len; at += 211) {
        good.data[at] ^= 0x04;
        ts_write_file(path, good.data, good.len);
        assert_int_equal(cache_load(dir, URL, &out, NULL, &err), NR_ERR_PARSE);
        good.data[at] ^= 0x04;
    }
    /* bytes appended after the trailer */
    ts_write_file(path, good.data, good.len);
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    fputs("tail", f);
    fclose(f);
    assert_int_equal(cache_load(dir, URL, &out, NULL, &err), NR_ERR_PARSE);

    /* a whole, valid file that was written for another URL (renamed by hand, or a hash
     * collision) is not this feed's */
    char *other = cache_path(dir, "https://elsewhere.example/rss");
    ts_write_file(other, good.data, good.len);
    assert_int_equal(cache_load(dir, "https://elsewhere.example/rss", &out, NULL, &err),
                     NR_ERR_PARSE);
    assert_non_null(strstr(err.msg, "another URL"));
    free(other);

    /* not a file at all */
    unlink(path);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_not_equal(cache_load(dir, URL, &out, NULL, &err), NR_OK);
    rmdir(path);

    /* the intact file still loads after all that */
    ts_write_file(path, good.data, good.len);
    assert_int_equal(cache_load(dir, URL, &out, NULL, &err), NR_OK);
    assert_same(&in, &out);
    fetch_result_release(&out);

    fetch_result_release(&in);
    nr_buf_release(&good);
    free(path);
    ts_rmtree(dir);
    free(dir);
}

static int count_tmp_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".tmp") == 0)
            n++;
    }
    closedir(d);
    return n;
}

/* A writer killed with SIGKILL at random moments, over and over: each time the cache holds
 * the old entry or the new one exactly, or none; never a mix, never a wrong body. */
static void test_kill_9_during_store(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    struct fetch_result a, b, out;
    struct nr_err err = { 0 };
    int loaded_a = 0, loaded_b = 0, none = 0, ignored = 0;
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();

    make_result(&a, 200000, 'a', "\"A\"");
    make_result(&b, 1500000, 'k', "\"B\"");
    printf("# kill -9 test: seed %u\n", seed);
    srand(seed);
    for (int round = 0; round < 40; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            for (int i = 0; i < 100000; i++) { /* bounded: the parent kills it long before */
                cache_store(dir, URL, &a, 1000, NULL);
                cache_store(dir, URL, &b, 2000, NULL);
            }
            _exit(0);
        }
        usleep((useconds_t)(rand() % 60000));
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);

        int64_t stamp = 0;
        memset(&err, 0, sizeof err);
        enum nr_result rc = cache_load(dir, URL, &out, &stamp, &err);
        if (rc == NR_OK) {
            assert_non_null(out.etag);
            if (strcmp(out.etag, "\"A\"") == 0) {
                assert_same(&a, &out);
                assert_int_equal(stamp, 1000);
                loaded_a++;
            } else {
                assert_same(&b, &out);
                assert_int_equal(stamp, 2000);
                loaded_b++;
            }
        } else if (rc == NR_ERR_IO) {
            none++; /* killed before its first store finished */
        } else {
            assert_int_equal(rc, NR_ERR_PARSE);
            ignored++;
        }
        fetch_result_release(&out);
        /* at most the dead writer's own temporary file is left */
        assert_true(count_tmp_files(dir) <= 1);
    }
    printf("# kill -9 test: %d rounds loaded A whole, %d loaded B whole, %d had no entry, %d "
           "ignored\n",
           loaded_a, loaded_b, none, ignored);
    /* rename is atomic: a killed process never leaves a damaged entry behind */
    assert_int_equal(ignored, 0);
    assert_true(loaded_a + loaded_b > 0);

    /* the next store clears what the dead writers left */
    assert_int_equal(cache_store(dir, URL, &a, 3000, &err), NR_OK);
    assert_int_equal(count_tmp_files(dir), 0);

    fetch_result_release(&a);
    fetch_result_release(&b);
    ts_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_refused_stores),
        cmocka_unit_test(test_damaged_files_are_ignored),
        cmocka_unit_test(test_kill_9_during_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
