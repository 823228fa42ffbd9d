#!/usr/bin/env python3
"""httpd.py: the loopback HTTP server Newsreel's tests fetch from, with fault routes.

Usage: python3 httpd.py --root DIR --port-file FILE [--port N] [--verbose]

Binds 127.0.0.1 only (port 0 = a free port by default), writes "PORT\\n" to FILE once it is
listening (written to a temporary name, then renamed, so a reader never sees half a number),
and serves files from DIR until SIGTERM or SIGINT. Threaded, HTTP/1.1 with keep-alive.
Nothing is printed unless --verbose (then one line per request on stderr).

Files under DIR (GET and HEAD):
  - Content-Type from the extension (.xml, .rss, .atom, .json, .html, .jpg, .png, ...).
  - ETag (a hash of the content) and Last-Modified (the file's mtime).
  - If-None-Match / If-Modified-Since answered with 304 and no body (If-None-Match wins).
  - gzip when the request's Accept-Encoding allows it (Vary: Accept-Encoding; the gzip variant
    has its own ETag, and either ETag matches If-None-Match).
  - A folder serves its index.html; paths that leave DIR are 404.

Fault routes under /fault/ (the query string tunes them; "file=REL" names a file under DIR,
and without it a small built-in RSS feed is served). Every loop ends by itself, by a count
or a time limit, so the server never spins or sleeps forever:
  /fault/status500?n=N&key=K&file=REL  500 for the first N requests (default 2) counted per key
                                       (default: the file name), then the file with 200.
  /fault/tarpit?seconds=S              reads the request, then never answers: holds the
                                       connection S seconds (default 120, at most 600) and closes.
  /fault/drip?bytes=N&rate=R           200 with Content-Length N (default 600), the built-in feed
                                       padded/cut to N bytes, sent 1 byte per 1/R s (R default 1).
  /fault/endless?mb=M&seconds=S        200, no Content-Length, a feed whose item list never
                                       ends; stops after M MiB (default 64) or S s (default 120).
  /fault/gzipbomb?mb=M                 Content-Encoding: gzip whatever the client asked; a small
                                       body that inflates to M MiB (default 64) of a feed padded
                                       with spaces.
  /fault/redirect-loop                 302 to /fault/redirect-loop?hop=K+1, forever from the
                                       client's side; the server answers 508 after hop 100.
  /fault/redirect?n=N&to=URL           a chain of N (default 1) 302s, then 302 to URL (default
                                       /feed.xml; a relative URL resolves on this server).
  /fault/redirect-file?to=URL          302 to a file: URL (default file:///etc/passwd).
  /fault/status?code=C&retry_after=V   answers status C (default 503) with an HTML body and, when
                                       given, Retry-After: V verbatim.
  /fault/429?retry_after=V|&retry_date=S
                                       429 Too Many Requests with Retry-After: V (default 120);
                                       with retry_date, an HTTP date S seconds in the future.
  /fault/304                           304 Not Modified whatever the request held.
  /fault/login                         200, an HTML login page (Content-Type text/html unless
                                       type=T says otherwise, e.g. a lying application/rss+xml).
  /fault/empty                         200 with an empty body (Content-Type application/rss+xml).
  /fault/truncated?file=REL&mode=M     the feed cut at half (or bytes=N). mode=cut (default): a
                                       valid 200 whose body is the cut feed; mode=short:
                                       Content-Length of the whole feed, then the connection is
                                       closed after the cut (a transfer error for the client).
  /fault/huge.png                      a well-formed PNG header that says 30000x30000 (w, h
                                       tunable), with a tiny IDAT; image/png.
  /fault/corrupt.jpg                   image/jpeg whose bytes start as a JPEG and turn to garbage.
  /fault/photo-html.jpg                a photo URL that serves an HTML page (text/html).
  /fault/slow?seconds=S&file=REL       waits S seconds (default 5, at most 600), then serves.
  /fault/echo                          200 application/json: the request's method, path and
                                       headers, for tests of what the client sends.
  /fault/hits?key=K                    200 text/plain: how many requests status500, auth and
                                       cacheable counted for K (and the proxy, key "proxied").
  /fault/auth?user=U&password=P&key=K&file=REL
                                       401 with WWW-Authenticate: Basic unless the request's
                                       basic auth is U:P (default newsreel:secret), then the
                                       file; requests counted per key (default "auth").
  /fault/cacheable?key=K&max_age=S&file=REL
                                       the file (or built-in feed) with Cache-Control: public,
                                       max-age=S (default 60), a fixed ETag and Last-Modified,
                                       304 for a matching If-None-Match; every request counted
                                       per key (default "cacheable").

  /fault/ping/NAME[/fail]              200 "OK": a heartbeat endpoint; every request counted
                                       under the key "ping/NAME" (or "ping/NAME/fail").

With --proxy the server is also a forward HTTP proxy: a request line with an absolute
http:// URL is fetched from the origin (no caching) with "Via: 1.1 newsreel-test-proxy"
added, the answer passed back, and each one counted under the key "proxied".
With --tls-cert FILE --tls-key FILE it speaks HTTPS instead of HTTP.
"""

import argparse
import email.utils
import gzip
import hashlib
import io
import json
import base64
import ssl
import urllib.request
import urllib.error
import mimetypes
import os
import signal
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_WAIT_S = 600

TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}

BUILTIN_FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Fault server feed</title>
<link>http://127.0.0.1/</link>
<description>A small feed the fault routes serve</description>
<item>
<title>First story from the fault server</title>
<link>http://127.0.0.1/stories/1</link>
<guid>fault-1</guid>
<pubDate>Tue, 01 Oct 2024 09:00:00 GMT</pubDate>
<description>The first story's summary.</description>
</item>
<item>
<title>Second story from the fault server</title>
<link>http://127.0.0.1/stories/2</link>
<guid>fault-2</guid>
<pubDate>Tue, 01 Oct 2024 08:00:00 GMT</pubDate>
<description>The second story's summary.</description>
</item>
</channel>
</rss>
"""

LOGIN_PAGE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Sign in</title></head>
<body><form method="post" action="/login">
<label>User <input name="user"></label>
<label>Password <input name="password" type="password"></label>
<button>Sign in</button>
</form></body></html>
"""

PHOTO_HTML = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Image not found</title></head>
<body><h1>404</h1><p>The photo you asked for has moved.</p></body></html>
"""


def png_chunk(kind, data):
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def huge_png(width, height):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" + b"\x00\x00\x00" * 16)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) +
            png_chunk(b"IEND", b""))


def corrupt_jpeg():
    # SOI, a JFIF APP0, then a frame header whose length runs past the data, then noise.
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">H", 17) + b"\x08\x01\xe0\x02\x80\x03"
    noise = bytes((i * 131 + 7) & 0xFF for i in range(4096))
    return b"\xff\xd8" + app0 + sof + noise


_bomb_cache = {}
_bomb_lock = threading.Lock()


def gzip_bomb(mib):
    with _bomb_lock:
        if mib not in _bomb_cache:
            out = io.BytesIO()
            with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as gz:
                gz.write(BUILTIN_FEED[:BUILTIN_FEED.index(b"<item>")])
                chunk = b" " * (1 << 20)
                for _ in range(mib):
                    gz.write(chunk)
                gz.write(b"</channel></rss>\n")
            _bomb_cache[mib] = out.getvalue()
        return _bomb_cache[mib]


def int_arg(q, name, default, lo, hi):
    try:
        v = int(q.get(name, [str(default)])[0])
    except ValueError:
        v = default
    return max(lo, min(hi, v))


def accepts_gzip(header):
    for part in (header or "").split(","):
        bits = [b.strip() for b in part.split(";")]
        if bits[0].lower() in ("gzip", "x-gzip", "*"):
            q = 1.0
            for b in bits[1:]:
                if b.startswith("q="):
                    try:
                        q = float(b[2:])
                    except ValueError:
                        q = 0.0
            return q > 0
    return False


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, addr, handler, root, verbose):
        super().__init__(addr, handler)
        self.root = os.path.realpath(root)
        self.verbose = verbose
        self.counts = {}
        self.counts_lock = threading.Lock()

    def handle_error(self, request, client_address):
        # A client that hangs up (the point of several fault tests) is not worth a trace.
        if self.verbose:
            super().handle_error(request, client_address)

    def count(self, key, peek=False):
        with self.counts_lock:
            n = self.counts.get(key, 0)
            if not peek:
                self.counts[key] = n + 1
            return n


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle keep-alive connection is closed after this long

    def version_string(self):
        return "NewsreelTestServer/1"

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("httpd: %s %s\n" % (self.address_string(), fmt % args))

    # ---- helpers ----

    def send_body(self, status, body, ctype, extra=None, head=False):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not head and body:
            self.wfile.write(body)

    def wait(self, seconds):
        # Sleeps in short steps so a vanished client or server shutdown is noticed.
        end = time.monotonic() + min(seconds, MAX_WAIT_S)
        while time.monotonic() < end:
            time.sleep(min(0.25, max(0.0, end - time.monotonic())))

    def resolve(self, rel):
        rel = urllib.parse.unquote(rel).lstrip("/")
        path = os.path.realpath(os.path.join(self.server.root, rel))
        if path != self.server.root and not path.startswith(self.server.root + os.sep):
            return None
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        return path if os.path.isfile(path) else None

    def file_or_builtin(self, q):
        rel = q.get("file", [None])[0]
        if rel is None:
            return BUILTIN_FEED, "application/rss+xml"
        path = self.resolve(rel)
        if path is None:
            return None, None
        with open(path, "rb") as fh:
            return fh.read(), self.type_of(path)

    @staticmethod
    def type_of(path):
        ext = os.path.splitext(path)[1].lower()
        if ext in TYPES:
            return TYPES[ext]
        guess = mimetypes.guess_type(path)[0]
        return guess or "application/octet-stream"

    # ---- static files ----

    def serve_file(self, head):
        path = self.resolve(urllib.parse.urlsplit(self.path).path)
        if path is None:
            self.send_body(404, b"not found\n", "text/plain", head=head)
            return
        with open(path, "rb") as fh:
            data = fh.read()
        mtime = int(os.stat(path).st_mtime)
        tag = hashlib.sha1(data).hexdigest()[:16]
        plain_etag, gz_etag = '"%s"' % tag, '"%s-gz"' % tag
        use_gzip = accepts_gzip(self.headers.get("Accept-Encoding")) and len(data) > 0
        etag = gz_etag if use_gzip else plain_etag
        common = {
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
            "Vary": "Accept-Encoding",
            "Cache-Control": "no-cache",
        }
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            fresh = "*" in tags or any(t.lstrip("W/") in (plain_etag, gz_etag) for t in tags)
        elif ims is not None:
            try:
                fresh = mtime <= int(email.utils.parsedate_to_datetime(ims).timestamp())
            except (TypeError, ValueError, IndexError, OverflowError):
                fresh = False
        if fresh:
            self.send_response(304)
            for k, v in common.items():
                self.send_header(k, v)
            self.end_headers()
            return
        if use_gzip:
            data = gzip.compress(data, mtime=0)
            common["Content-Encoding"] = "gzip"
        self.send_body(200, data, self.type_of(path), common, head)

    # ---- fault routes ----

    def fault(self, name, q, head):
        if name == "status500":
            key = q.get("key", q.get("file", ["builtin"]))[0]
            n = int_arg(q, "n", 2, 0, 1000000)
            if self.server.count(key) < n:
                self.send_body(500, b"<html><body>Internal Server Error</body></html>\n",
                               "text/html", head=head)
                return
            body, ctype = self.file_or_builtin(q)
            if body is None:
                self.send_body(404, b"not found\n", "text/plain", head=head)
            else:
                self.send_body(200, body, ctype, head=head)
        elif name == "hits":
            key = q.get("key", ["builtin"])[0]
            self.send_body(200, b"%d\n" % self.server.count(key, peek=True), "text/plain",
                           head=head)
        elif name == "tarpit":
            self.close_connection = True
            self.wait(int_arg(q, "seconds", 120, 0, MAX_WAIT_S))
        elif name == "drip":
            n = int_arg(q, "bytes", 600, 1, 100000)
            rate = int_arg(q, "rate", 1, 1, 1000)
            body = (BUILTIN_FEED * (n // len(BUILTIN_FEED) + 1))[:n]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(n))
            self.end_headers()
            self.close_connection = True
            if head:
                return
            for i in range(n):
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
                time.sleep(1.0 / rate)
        elif name == "endless":
            limit = int_arg(q, "mb", 64, 1, 4096) << 20
            deadline = time.monotonic() + int_arg(q, "seconds", 120, 1, MAX_WAIT_S)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            if head:
                return
            head_part = BUILTIN_FEED[:BUILTIN_FEED.index(b"<item>")]
            self.wfile.write(head_part)
            sent, i = len(head_part), 0
            block = []
            while sent < limit and time.monotonic() < deadline:
                block.clear()
                for _ in range(256):
                    i += 1
                    block.append(b"<item><title>Story %d</title><guid>e-%d</guid></item>\n"
                                 % (i, i))
                chunk = b"".join(block)
                self.wfile.write(chunk)
                sent += len(chunk)
        elif name == "gzipbomb":
            body = gzip_bomb(int_arg(q, "mb", 64, 1, 1024))
            self.send_body(200, body, "application/rss+xml", {"Content-Encoding": "gzip"}, head)
        elif name == "redirect-loop":
            hop = int_arg(q, "hop", 0, 0, 1000000)
            if hop >= 100:
                self.send_body(508, b"loop detected\n", "text/plain", head=head)
            else:
                self.send_body(302, b"", "text/plain",
                               {"Location": "/fault/redirect-loop?hop=%d" % (hop + 1)}, head)
        elif name == "redirect":
            n = int_arg(q, "n", 1, 0, 1000)
            to = q.get("to", ["/feed.xml"])[0]
            if n > 1:
                loc = "/fault/redirect?" + urllib.parse.urlencode({"n": n - 1, "to": to})
            else:
                loc = to
            self.send_body(302, b"", "text/plain", {"Location": loc}, head)
        elif name == "redirect-file":
            to = q.get("to", ["file:///etc/passwd"])[0]
            self.send_body(302, b"", "text/plain", {"Location": to}, head)
        elif name == "status":
            code = int_arg(q, "code", 503, 100, 599)
            extra = {}
            if "retry_after" in q:
                extra["Retry-After"] = q["retry_after"][0]
            self.send_body(code, b"<html><body>status %d</body></html>\n" % code, "text/html",
                           extra, head)
        elif name == "429":
            if "retry_date" in q:
                when = time.time() + int_arg(q, "retry_date", 120, 0, 10 ** 8)
                value = email.utils.formatdate(when, usegmt=True)
            else:
                value = q.get("retry_after", ["120"])[0]
            self.send_body(429, b"<html><body>Too Many Requests</body></html>\n", "text/html",
                           {"Retry-After": value}, head)
        elif name == "304":
            self.send_response(304)
            self.send_header("ETag", '"always-fresh"')
            self.end_headers()
        elif name == "login":
            ctype = q.get("type", ["text/html; charset=utf-8"])[0]
            self.send_body(200, LOGIN_PAGE, ctype, head=head)
        elif name == "empty":
            self.send_body(200, b"", "application/rss+xml", head=head)
        elif name == "truncated":
            body, ctype = self.file_or_builtin(q)
            if body is None:
                self.send_body(404, b"not found\n", "text/plain", head=head)
                return
            cut = int_arg(q, "bytes", len(body) // 2, 0, len(body))
            if q.get("mode", ["cut"])[0] == "short":
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.close_connection = True
                if not head:
                    self.wfile.write(body[:cut])
                    self.wfile.flush()
            else:
                self.send_body(200, body[:cut], ctype, head=head)
        elif name == "huge.png":
            w = int_arg(q, "w", 30000, 1, 0x7FFFFFFF)
            h = int_arg(q, "h", 30000, 1, 0x7FFFFFFF)
            self.send_body(200, huge_png(w, h), "image/png", head=head)
        elif name == "corrupt.jpg":
            self.send_body(200, corrupt_jpeg(), "image/jpeg", head=head)
        elif name == "photo-html.jpg":
            self.send_body(200, PHOTO_HTML, "text/html; charset=utf-8", head=head)
        elif name == "slow":
            self.wait(int_arg(q, "seconds", 5, 0, MAX_WAIT_S))
            body, ctype = self.file_or_builtin(q)
            if body is None:
                self.send_body(404, b"not found\n", "text/plain", head=head)
            else:
                self.send_body(200, body, ctype, head=head)
        elif name == "auth":
            key = q.get("key", ["auth"])[0]
            self.server.count(key)
            want = "%s:%s" % (q.get("user", ["newsreel"])[0], q.get("password", ["secret"])[0])
            got = self.headers.get("Authorization", "")
            expect = "Basic " + base64.b64encode(want.encode()).decode()
            if got != expect:
                self.send_body(401, b"sign in\n", "text/plain",
                               extra={"WWW-Authenticate": 'Basic realm="feeds"'}, head=head)
                return
            body, ctype = self.file_or_builtin(q)
            if body is None:
                self.send_body(404, b"not found\n", "text/plain", head=head)
            else:
                self.send_body(200, body, ctype, head=head)
        elif name == "cacheable":
            key = q.get("key", ["cacheable"])[0]
            self.server.count(key)
            body, ctype = self.file_or_builtin(q)
            if body is None:
                self.send_body(404, b"not found\n", "text/plain", head=head)
                return
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            extra = {
                "Cache-Control": "public, max-age=%d" % int_arg(q, "max_age", 60, 0, 86400),
                "ETag": etag,
                "Last-Modified": "Tue, 01 Oct 2024 09:00:00 GMT",
            }
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                # no Content-Length: in a 304 it would describe the stored body
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                return
            self.send_body(200, body, ctype, extra=extra, head=head)
        elif name.startswith("ping/"):
            self.server.count(name)
            self.send_body(200, b"OK\n", "text/plain", head=head)
        elif name == "echo":
            info = {
                "method": self.command,
                "path": self.path,
                "headers": {k: v for k, v in self.headers.items()},
            }
            self.send_body(200, json.dumps(info, indent=1).encode() + b"\n", "application/json",
                           head=head)
        else:
            self.send_body(404, b"no such fault route\n", "text/plain", head=head)

    def forward(self, head):
        self.server.count("proxied")
        skip = ("host", "proxy-connection", "connection", "keep-alive", "proxy-authorization")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
        headers["Via"] = "1.1 newsreel-test-proxy"
        req = urllib.request.Request(self.path, headers=headers, method=self.command)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            resp = opener.open(req, timeout=30)
        except urllib.error.HTTPError as e:
            resp = e
        except OSError as e:
            self.send_body(502, ("bad gateway: %s\n" % e).encode(), "text/plain", head=head)
            return
        body = resp.read()
        self.send_response(resp.status if hasattr(resp, "status") else resp.code)
        for k, v in resp.headers.items():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def route(self, head):
        if self.server.proxy and self.path.startswith("http://"):
            self.forward(head)
            return
        parts = urllib.parse.urlsplit(self.path)
        if parts.path.startswith("/fault/"):
            q = urllib.parse.parse_qs(parts.query)
            self.fault(parts.path[len("/fault/"):], q, head)
        else:
            self.serve_file(head)

    def do_GET(self):
        self.route(False)

    def do_HEAD(self):
        self.route(True)


def main():
    ap = argparse.ArgumentParser(description="Newsreel test HTTP server (127.0.0.1 only)")
    ap.add_argument("--root", required=True, help="folder to serve")
    ap.add_argument("--port-file", required=True, help="file that receives the port number")
    ap.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    ap.add_argument("--verbose", action="store_true", help="log each request to stderr")
    ap.add_argument("--proxy", action="store_true", help="also act as a forward HTTP proxy")
    ap.add_argument("--tls-cert", help="PEM certificate: serve HTTPS")
    ap.add_argument("--tls-key", help="PEM private key of --tls-cert")
    args = ap.parse_args()

    if not os.path.isdir(args.root):
        sys.stderr.write("httpd: '%s' is not a folder\n" % args.root)
        return 2

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    server = Server(("127.0.0.1", args.port), Handler, args.root, args.verbose)
    server.proxy = args.proxy
    if args.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as fh:
        fh.write("%d\n" % port)
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever(poll_interval=0.2)
    except SystemExit:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
