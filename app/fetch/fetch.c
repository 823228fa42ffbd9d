/* fetch.c: HTTP(S) downloads through libcurl with caps, timeouts and conditional GET,
 * and local files for inputs the user named. */
#include "fetch.h"

#include "alloc.h"
#include "log.h"
#include "nr_limits.h"
#include "strutil.h"

#include <curl/curl.h>

/* CURLOPT_PROTOCOLS_STR / REDIR_PROTOCOLS_STR keep file:// and friends out of redirects */
#if LIBCURL_VERSION_NUM < 0x075500
#error "Newsreel needs libcurl 7.85 or newer (CURLOPT_PROTOCOLS_STR)"
#endif

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Longest ETag / Last-Modified / Retry-After value we keep; longer ones are dropped. */
#define FETCH_MAX_HEADER_VALUE 1024
/* A Retry-After further out than this is clamped: a typo on the server must not silence a
 * feed for a year. */
#define FETCH_MAX_RETRY_AFTER_S (7L * 24 * 3600)

struct fetcher {
    CURL *curl;
    char errbuf[CURL_ERROR_SIZE];
    /* per transfer: */
    struct nr_buf *body;
    size_t max_bytes;
    bool over_cap;
    char *etag;
    char *last_modified;
    char *retry_after;
};

/* The network settings of the process (fetch_set_network): a deep copy, read under the lock
 * while a request is set up; libcurl copies what it keeps, so the lock is not held during
 * the transfer. */
struct net_access {
    char *url;
    char **headers;
    size_t n_headers;
    char *username, *password;
};
static pthread_mutex_t net_lock = PTHREAD_MUTEX_INITIALIZER;
static char *net_proxy, *net_ca_file;
static struct net_access *net_access;
static size_t net_n_access;

static void net_clear(void)
{
    for (size_t i = 0; i < net_n_access; i++) {
        struct net_access *a = &net_access[i];
        free(a->url);
        for (size_t h = 0; h < a->n_headers; h++)
            free(a->headers[h]);
        free(a->headers);
        free(a->username);
        free(a->password);
    }
    free(net_access);
    free(net_proxy);
    free(net_ca_file);
    net_access = NULL;
    net_n_access = 0;
    net_proxy = net_ca_file = NULL;
}

void fetch_set_network(const struct fetch_network *net)
{
    pthread_mutex_lock(&net_lock);
    net_clear();
    if (net) {
        net_proxy = xstrdup(net->proxy);
        net_ca_file = xstrdup(net->ca_file);
        net_access = xcalloc(net->n_access ? net->n_access : 1, sizeof *net_access);
        net_n_access = net->n_access;
        for (size_t i = 0; i < net->n_access; i++) {
            const struct fetch_access *s = &net->access[i];
            struct net_access *d = &net_access[i];
            d->url = xstrdup(s->url);
            d->headers = xcalloc(s->n_headers ? s->n_headers : 1, sizeof *d->headers);
            d->n_headers = s->n_headers;
            for (size_t h = 0; h < s->n_headers; h++)
                d->headers[h] = xstrdup(s->headers[h]);
            d->username = xstrdup(s->username);
            d->password = xstrdup(s->password);
        }
    }
    pthread_mutex_unlock(&net_lock);
}

/* The origin of an http(s) URL: "scheme://host:port", lower case, the port always written;
 * false when url is not one. */
static bool url_origin(const char *url, char *out, size_t len)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL;
    bool ok = false;
    if (!u)
        return false;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        int n = snprintf(out, len, "%s://%s:%s", scheme, host, port);
        ok = n > 0 && (size_t)n < len;
        for (char *p = out; ok && *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return ok;
}

/* The access settings for a request to url (see struct fetch_access), or NULL. Call with
 * net_lock held. */
static const struct net_access *access_for(const char *url)
{
    char want[1024], have[1024];
    const struct net_access *best = NULL;
    size_t best_len = 0;
    if (net_n_access == 0 || !url_origin(url, want, sizeof want))
        return NULL;
    for (size_t i = 0; i < net_n_access; i++) {
        const struct net_access *a = &net_access[i];
        if (!a->url || !url_origin(a->url, have, sizeof have) || strcmp(want, have) != 0)
            continue;
        size_t n = strlen(a->url);
        size_t prefix = strncmp(url, a->url, n) == 0 ? n : 0;
        if (!best || prefix > best_len) {
            best = a;
            best_len = prefix;
        }
    }
    return best;
}

void fetch_limits_default(struct fetch_limits *lim, size_t max_bytes)
{
    memset(lim, 0, sizeof *lim);
    lim->max_bytes = max_bytes;
    lim->connect_timeout_ms = 10000;
    lim->total_timeout_ms = 60000;
    lim->low_speed_bytes = 100;
    lim->low_speed_seconds = 30;
    lim->allow_files = false;
}

void fetch_global_init(void)
{
    CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (rc != CURLE_OK)
        nr_error("libcurl set-up failed: %s", curl_easy_strerror(rc));
}

void fetch_global_cleanup(void)
{
    curl_global_cleanup();
}

struct fetcher *fetcher_new(void)
{
    struct fetcher *f = xcalloc(1, sizeof *f);
    f->curl = curl_easy_init();
    if (!f->curl) {
        /* curl_easy_init only fails when memory is gone: same policy as xmalloc */
        nr_error("out of memory creating a libcurl handle");
        abort();
    }
    return f;
}

static void clear_headers(struct fetcher *f)
{
    free(f->etag);
    free(f->last_modified);
    free(f->retry_after);
    f->etag = f->last_modified = f->retry_after = NULL;
}

void fetcher_free(struct fetcher *f)
{
    if (!f)
        return;
    clear_headers(f);
    curl_easy_cleanup(f->curl);
    free(f);
}

void fetch_result_release(struct fetch_result *r)
{
    if (!r)
        return;
    nr_buf_release(&r->body);
    free(r->final_url);
    free(r->content_type);
    free(r->etag);
    free(r->last_modified);
    memset(r, 0, sizeof *r);
}

/* ---- local files ---- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Returns the path of a file: URL (percent-decoded), or NULL when it names another host or
 * holds an encoded NUL. Free with free(). */
static char *file_url_path(const char *url)
{
    const char *p = url + 5; /* after "file:" */
    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        const char *slash = strchr(p, '/');
        if (!slash)
            return NULL;
        size_t host_len = (size_t)(slash - p);
        if (host_len != 0 && !(host_len == 9 && nr_starts_with_ci(p, "localhost")))
            return NULL;
        p = slash;
    }
    size_t n = strcspn(p, "?#");
    char *out = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (p[i] == '%' && i + 2 < n && (hi = hex_value(p[i + 1])) >= 0 &&
            (lo = hex_value(p[i + 2])) >= 0) {
            char c = (char)(hi * 16 + lo);
            if (c == '\0') {
                free(out);
                return NULL;
            }
            out[o++] = c;
            i += 2;
        } else {
            out[o++] = p[i];
        }
    }
    out[o] = '\0';
    return out;
}

/* Returns the file: URL of an absolute path, percent-encoding all but unreserved bytes and
 * '/', so relative links resolve against it. Free with free(). */
static char *file_url_of(const char *abs_path)
{
    static const char hex[] = "0123456789ABCDEF";
    struct nr_buf b;
    nr_buf_init(&b, NR_MAX_URL_BYTES);
    /* a failed append sticks, so the last result speaks for all */
    enum nr_result r = nr_buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)abs_path; *p; p++) {
        if (isalnum(*p) || strchr("-._~/", *p)) {
            r = nr_buf_putc(&b, (char)*p);
        } else {
            char enc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
            r = nr_buf_append(&b, enc, 3);
        }
    }
    if (r != NR_OK)
        nr_buf_reset(&b); /* "": no base, rather than half a path to resolve against */
    return nr_buf_detach(&b);
}

static char *http_date(time_t t)
{
    struct tm tm;
    char s[64];
    gmtime_r(&t, &tm);
    strftime(s, sizeof s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return xstrdup(s);
}

static enum nr_result read_file(const char *url, const char *path, const struct fetch_limits *lim,
                                const struct fetch_validators *val, struct fetch_result *out,
                                struct nr_err *err)
{
    enum nr_result ret = NR_OK;
    char *abs = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    struct stat st;

    if (fd < 0) {
        ret = nr_fail(err, NR_ERR_IO, "'%s': %s", url, strerror(errno));
        goto out;
    }
    if (fstat(fd, &st) != 0) {
        ret = nr_fail(err, NR_ERR_IO, "'%s': %s", url, strerror(errno));
        goto out;
    }
    /* a FIFO or device could block or never end: only regular files are inputs */
    if (!S_ISREG(st.st_mode)) {
        ret = nr_fail(err, NR_ERR_IO, "'%s' is not a regular file", url);
        goto out;
    }
    if ((uintmax_t)st.st_size > lim->max_bytes) {
        ret = nr_fail(err, NR_ERR_TOO_BIG, "'%s' exceeds %zu bytes", url, lim->max_bytes);
        goto out;
    }
    abs = realpath(path, NULL);
    out->final_url = abs ? file_url_of(abs) : xstrdup(url);
    out->last_modified = http_date(st.st_mtime);
    if (val && val->last_modified) {
        time_t since = curl_getdate(val->last_modified, NULL);
        if (since != -1 && st.st_mtime <= since) {
            out->not_modified = true;
            goto out;
        }
    }
    nr_buf_init(&out->body, lim->max_bytes);
    for (;;) {
        char chunk[65536];
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ret = nr_fail(err, NR_ERR_IO, "'%s': %s", url, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        /* the file may have grown since fstat: the cap still holds */
        if (nr_buf_append(&out->body, chunk, (size_t)n) != NR_OK) {
            ret = nr_fail(err, NR_ERR_TOO_BIG, "'%s' exceeds %zu bytes", url, lim->max_bytes);
            goto out;
        }
    }
out:
    if (ret != NR_OK)
        nr_buf_release(&out->body);
    if (fd >= 0)
        close(fd);
    free(abs);
    return ret;
}

/* ---- HTTP ---- */

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    struct fetcher *f = ud;
    size_t n = size * nmemb;
    /* decoded bytes: a gzip bomb stops here whatever its Content-Length said */
    if (n > f->max_bytes - f->body->len || nr_buf_append(f->body, data, n) != NR_OK) {
        f->over_cap = true;
        return 0; /* CURLE_WRITE_ERROR */
    }
    return n;
}

/* Returns a new copy of a header value without surrounding white space, or NULL when it is
 * empty, too long or holds control bytes (it goes back into a request header later). */
static char *header_value(const char *v, size_t n)
{
    while (n > 0 && (*v == ' ' || *v == '\t')) {
        v++;
        n--;
    }
    while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    if (n == 0 || n > FETCH_MAX_HEADER_VALUE)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return NULL;
    return xstrndup(v, n);
}

static void keep_header(char **slot, const char *line, size_t len, const char *name)
{
    size_t nl = strlen(name);
    if (len <= nl || strncasecmp(line, name, nl) != 0)
        return;
    free(*slot);
    *slot = header_value(line + nl, len - nl);
}

static size_t on_header(char *line, size_t size, size_t nmemb, void *ud)
{
    struct fetcher *f = ud;
    size_t n = size * nmemb;
    /* each response of a redirect chain starts with a status line: keep only the last one's */
    if (n >= 5 && memcmp(line, "HTTP/", 5) == 0)
        clear_headers(f);
    keep_header(&f->etag, line, n, "etag:");
    keep_header(&f->last_modified, line, n, "last-modified:");
    keep_header(&f->retry_after, line, n, "retry-after:");
    return n;
}

/* Retry-After is either delay-seconds or an HTTP date; returns seconds from now, 0 if none. */
static long parse_retry_after(const char *v)
{
    long s;
    if (!v)
        return 0;
    if (nr_parse_int(v, 0, LONG_MAX, &s))
        return s > FETCH_MAX_RETRY_AFTER_S ? FETCH_MAX_RETRY_AFTER_S : s;
    time_t when = curl_getdate(v, NULL);
    if (when == -1)
        return 0;
    time_t now = time(NULL);
    if (when <= now)
        return 0;
    return when - now > FETCH_MAX_RETRY_AFTER_S ? FETCH_MAX_RETRY_AFTER_S : (long)(when - now);
}

static bool header_safe(const char *v)
{
    if (!v || !*v || strlen(v) > FETCH_MAX_HEADER_VALUE)
        return false;
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *value)
{
    char line[FETCH_MAX_HEADER_VALUE + 64];
    snprintf(line, sizeof line, "%s: %s", name, value);
    struct curl_slist *n = curl_slist_append(l, line);
    if (!n) {
        nr_error("out of memory building request headers");
        abort();
    }
    return n;
}

static enum nr_result map_curl_error(struct fetcher *f, CURLcode rc, const char *url,
                                     const struct fetch_limits *lim, struct nr_err *err)
{
    const char *why = f->errbuf[0] ? f->errbuf : curl_easy_strerror(rc);
    switch (rc) {
    case CURLE_FILESIZE_EXCEEDED:
        return nr_fail(err, NR_ERR_TOO_BIG, "'%s' exceeds %zu bytes", url, lim->max_bytes);
    case CURLE_UNSUPPORTED_PROTOCOL:
        return nr_fail(err, NR_ERR_UNSUPPORTED,
                       "'%s': refused a scheme other than http or https (%s)", url, why);
    case CURLE_TOO_MANY_REDIRECTS:
        return nr_fail(err, NR_ERR_HTTP, "'%s': more than %d redirects", url, NR_MAX_REDIRECTS);
    case CURLE_OPERATION_TIMEDOUT:
        return nr_fail(err, NR_ERR_NET, "'%s': timed out (%s)", url, why);
    case CURLE_URL_MALFORMAT:
        return nr_fail(err, NR_ERR_USAGE, "'%s' is not a valid URL (%s)", url, why);
    default: return nr_fail(err, NR_ERR_NET, "'%s': %s", url, why);
    }
}

static enum nr_result get_http(struct fetcher *f, const char *url, const struct fetch_limits *lim,
                               const struct fetch_validators *val, struct fetch_result *out,
                               struct nr_err *err)
{
    enum nr_result ret = NR_OK;
    struct curl_slist *headers = NULL;
    CURL *c = f->curl;
    CURLcode rc;
    long status = 0;

    curl_easy_reset(c);
    clear_headers(f);
    f->errbuf[0] = '\0';
    f->over_cap = false;
    f->max_bytes = lim->max_bytes;
    f->body = &out->body;
    nr_buf_init(&out->body, lim->max_bytes);

    if (val && header_safe(val->etag))
        headers = add_header(headers, "If-None-Match", val->etag);
    if (val && header_safe(val->last_modified))
        headers = add_header(headers, "If-Modified-Since", val->last_modified);
    /* libcurl copies every string option and list entry: the lock covers only the set-up */
    pthread_mutex_lock(&net_lock);
    if (net_proxy)
        curl_easy_setopt(c, CURLOPT_PROXY, net_proxy);
    /* CAINFO replaces the bundle file; the system's CA folder (CAPATH) stays trusted */
    if (net_ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, net_ca_file);
    const struct net_access *acc = access_for(url);
    if (acc) {
        for (size_t h = 0; h < acc->n_headers; h++) {
            struct curl_slist *n = curl_slist_append(headers, acc->headers[h]);
            if (!n) {
                nr_error("out of memory building request headers");
                abort();
            }
            headers = n;
        }
        if (acc->username) {
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
            curl_easy_setopt(c, CURLOPT_USERNAME, acc->username);
            curl_easy_setopt(c, CURLOPT_PASSWORD, acc->password ? acc->password : "");
        }
    }
    pthread_mutex_unlock(&net_lock);

    /* Options whose failure would leave us unsafe (protocols, TLS) are checked; the rest
     * cannot fail on a libcurl new enough for CURLOPT_PROTOCOLS_STR. */
    if (curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
        curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK ||
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK) {
        ret = nr_fail(err, NR_ERR_INTERNAL, "'%s': libcurl refused a safety option", url);
        goto out;
    }
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, f->errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)NR_MAX_REDIRECTS);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "Newsreel/" NEWSREEL_VERSION);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, lim->connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, lim->total_timeout_ms);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, lim->low_speed_bytes);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, lim->low_speed_seconds);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)lim->max_bytes);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, f);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, f);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

    rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out->http_status = status;
    {
        char *eff = NULL, *ctype = NULL;
        curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
        curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
        out->final_url = xstrdup(eff ? eff : url);
        out->content_type = xstrdup(ctype);
    }
    if (rc == CURLE_WRITE_ERROR && f->over_cap) {
        ret = nr_fail(err, NR_ERR_TOO_BIG, "'%s' exceeds %zu bytes", url, lim->max_bytes);
        goto out;
    }
    if (rc != CURLE_OK) {
        ret = map_curl_error(f, rc, url, lim, err);
        goto out;
    }
    if (status == 429 || status == 503)
        out->retry_after_s = parse_retry_after(f->retry_after);
    if (status == 304) {
        out->not_modified = true;
        nr_buf_release(&out->body);
        /* a 304 may omit validators: keep the caller's so the next request is conditional */
        out->etag = xstrdup(f->etag ? f->etag : (val ? val->etag : NULL));
        out->last_modified =
            xstrdup(f->last_modified ? f->last_modified : (val ? val->last_modified : NULL));
        goto out;
    }
    if (status < 200 || status > 299) {
        if (out->retry_after_s > 0)
            ret = nr_fail(err, NR_ERR_HTTP, "'%s': HTTP %ld (retry after %ld s)", url, status,
                          out->retry_after_s);
        else
            ret = nr_fail(err, NR_ERR_HTTP, "'%s': HTTP %ld", url, status);
        goto out;
    }
    out->etag = xstrdup(f->etag);
    out->last_modified = xstrdup(f->last_modified);
out:
    if (ret != NR_OK)
        nr_buf_release(&out->body);
    f->body = NULL;
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers);
    clear_headers(f);
    return ret;
}

/* Length of the URL scheme before ':' (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )),
 * or 0 when s starts with none. One letter is a Windows drive, not a scheme. */
static size_t scheme_len(const char *s)
{
    size_t n = 0;
    if (!isalpha((unsigned char)s[0]))
        return 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
        n++;
    return (s[n] == ':' && n > 1) ? n : 0;
}

enum nr_result fetcher_get(struct fetcher *f, const char *url, const struct fetch_limits *lim,
                           const struct fetch_validators *val, struct fetch_result *out,
                           struct nr_err *err)
{
    enum nr_result ret;
    size_t sl;

    assert(f && url && lim && out);
    memset(out, 0, sizeof *out);
    sl = scheme_len(url);
    if (sl == 0) {
        if (!lim->allow_files)
            return nr_fail(err, NR_ERR_UNSUPPORTED,
                           "'%s': local files are read only when named on the command line", url);
        if (!*url)
            return nr_fail(err, NR_ERR_USAGE, "empty feed address");
        return read_file(url, url, lim, val, out, err);
    }
    if ((sl == 4 && nr_starts_with_ci(url, "http")) || (sl == 5 && nr_starts_with_ci(url, "https")))
        return get_http(f, url, lim, val, out, err);
    if (sl == 4 && nr_starts_with_ci(url, "file")) {
        if (!lim->allow_files)
            return nr_fail(err, NR_ERR_UNSUPPORTED,
                           "'%s': local files are read only when named on the command line", url);
        char *path = file_url_path(url);
        if (!path)
            return nr_fail(err, NR_ERR_UNSUPPORTED, "'%s': only local file URLs are read", url);
        ret = read_file(url, path, lim, val, out, err);
        free(path);
        return ret;
    }
    return nr_fail(err, NR_ERR_UNSUPPORTED, "'%s': only http and https URLs are fetched", url);
}
