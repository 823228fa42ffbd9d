#!/usr/bin/env python3
"""make_seeds.py: writes the hand-made seed inputs of the fuzz targets whose input is not a
plain document (fields cut by NUL bytes, option headers). Run from anywhere; it writes next
to itself and is re-runnable. The feed and image seeds are real files copied by run.sh."""
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(here, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def nul(*fields):
    return b"\0".join(f.encode("utf-8") if isinstance(f, str) else f for f in fields)


# fuzz_url: flags byte (bit 0: NULL base, bit 1: NULL ref), then base NUL ref.
rfc = "http://a/b/c/d;p?q"
refs = ["g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x",
        "g;x", "", ".", "./", "..", "../", "../g", "../..", "../../", "../../g",
        "../../../g", "/./g", "/../g", "g.", ".g", "g..", "..g", "./../g", "./g/.",
        "g/./h", "g/../h", "g;x=1/./y", "g;x=1/../y", "g?y/./x", "g#s/../x", "http:g"]
for i, r in enumerate(refs):
    write("url", "rfc3986-%02d" % i, b"\0" + nul(rfc, r))
for i, (b, r) in enumerate([
        ("https://www.example.com/news/feed.xml", "/img/a photo.jpg"),
        ("https://example.com/a/", "//cdn.example.net/x.png?w=800&h=600"),
        ("https://example.com/", " \thttps://example.org/ü/ä?q=ö#frag  "),
        ("feed.xml", "photo.jpg"),
        ("https://[2001:db8::1]:8080/a/b", "../c?x=%41%zz"),
        ("file:///tmp/feed.xml", "photo.jpg"),
        ("https://user:pw@example.com:99999/", "..//..//x"),
        ("https://example.com/a/b", "javascript:alert(1)"),
        ("https://example.com", "data:image/png;base64,iVBORw0KGgo="),
        ("", "//example.com"),
]):
    write("url", "feedlike-%02d" % i, b"\0" + nul(b, r))
write("url", "null-base", b"\x01" + nul("x", "/img.jpg"))
write("url", "null-ref", b"\x02" + nul("https://example.com/", "x"))

# fuzz_date: one string each.
dates = ["Tue, 01 Feb 2022 17:42:00 GMT", "Tue, 1 Feb 2022 17:42:00 UT",
         "Tue, 01 Feb 22 17:42:00 GMT", "Tuesday, 01 February 2022 18:42:00 CET",
         "Tue, 01 Feb 2022 23:12:00 +05:30", "Tue Feb  1 17:42:00 2022",
         "Sun, 31 Dec 99 00:00:00 GMT", "2022-02-01T17:42:00Z", "2022-02-01T17:42:00.123456789Z",
         "2022-02-01T18:42:00+01:00", "2022-02-01T18:42:00-0100", "2022-02-01 17:42:00",
         "2022-02-01", "2016-12-31T23:59:60Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
         "Mon, 29 Feb 2100 00:00:00 +2400", "2022-W05-2", "20220201T174200Z",
         "Tue, 01 Feb 2022 17:42:00 -9999", "1643737320"]
for i, s in enumerate(dates):
    write("date", "date-%02d" % i, s)

# fuzz_html_extract: content NUL summary NUL title NUL link NUL base NUL guid NUL author
# NUL media url NUL media description NUL media credit NUL media type NUL feed title;
# the last byte holds the flags.
content = ('<figure><img src="/photos/orban.jpg" srcset="/p/a-640.jpg 640w, /p/a-1920.jpg 1920w"'
           ' width="1920" height="1080" alt="Putin and Orban"><figcaption>Vladimir Putin meets '
           'Viktor Orban in the Kremlin. <span class="credit">Photo: Reuters</span></figcaption>'
           '</figure><p>By Staff</p><p>Russian President Vladimir Putin said on Tuesday that the '
           'West had ignored Moscow\'s concerns. &ldquo;It is already clear that fundamental '
           'Russian concerns were ignored,&rdquo; Putin said.</p><h2>Talks</h2><p>He added: '
           '"We will continue the dialogue," after talks with Orban.</p>'
           '<img src="https://pixel.example.com/t.gif" width="1" height="1">')
write("html_extract", "article",
      nul(content, "<p>Putin says the West ignored Russia&#39;s concerns.</p>",
          "Putin says West has 'ignored' Russia's security concerns",
          "https://www.example.com/world/putin", "https://www.example.com/world/",
          "urn:uuid:1", "Staff", "https://www.example.com/media/putin.jpg",
          "Putin at a press conference (AFP/Getty Images)", "AFP", "image/jpeg",
          "Example News") + b"\x09")
write("html_extract", "summary-only",
      nul("", "Officials said &quot;the plan will work&quot; &amp; more. <b>Bold</b> subhead",
          "Plan approved") + b"\x11")
write("html_extract", "media-credit",
      nul("<p>«Nous continuerons», a déclaré le ministre. — AFP</p><blockquote>Long quote"
          "</blockquote>", "", "Le ministre s'exprime", "/relative/link", "", "", "",
          "//cdn.example.com/i.jpg?w=1200", "Caption text. Image: Jane Doe/Reuters",
          "© Jane Doe", "image/jpeg") + b"\x0b")
write("html_extract", "table-nesting",
      nul("<table><tr><td><div><ul><li>a<li>b</ul><pre>x\n  y</pre><br><br>"
          "<script>var q='\"no\"';</script><style>p{}</style>&#x1F600;&#0;&#xD800;"
          "&nbsp;&amp;amp;</div></td></tr></table>") + b"\x20")

# fuzz_layout: 16-byte header then headline NUL dek NUL quote NUL speaker NUL caption NUL
# credit NUL source NUL link NUL photo URL NUL id.
def layout_header(w, h, pw, ph, index, count, flags, age_units, utc_off):
    return struct.pack("<HHHHBBBiB", w, h, pw, ph, index, count, flags, age_units, utc_off)


story = nul("Putin says West has 'ignored' Russia's security concerns",
            "Russian President Vladimir Putin said the West had ignored Moscow's concerns.",
            "It is already clear that fundamental Russian concerns were ignored",
            "Vladimir Putin", "Putin and Orban at the Kremlin.", "REUTERS/Sputnik",
            "Example News", "https://www.example.com/world/putin",
            "https://www.example.com/media/putin.jpg", "urn:uuid:1")
write("layout", "landscape", layout_header(1920, 1080, 1600, 900, 2, 12, 0x2e, 720 // 64, 60) + story)
write("layout", "portrait", layout_header(1080, 1920, 1200, 1600, 0, 1, 0x5c, 3000, 56) + story)
write("layout", "no-photo", layout_header(1280, 720, 0, 0, 0, 0, 0x07, 86400 * 40 // 64, 60) +
      nul("Headline only", "", "", "", "", "", "Source"))
write("layout", "small", layout_header(480, 270, 8000, 10, 5, 3, 0x3f, -100, 0) + story)
write("layout", "rtl-cjk", layout_header(1366, 768, 640, 480, 1, 2, 0x0e, 50, 90) +
      nul("الرئيس بوتين يقول إن الغرب تجاهل مخاوف روسيا", "中国外交部表示，双方同意继续对话。",
          "«Мы продолжим диалог», — сказал он", "Владимир Путин", "Caption 😀 \ue000",
          "", "BBC عربي"))
write("layout", "long-words", layout_header(800, 600, 300, 3000, 0, 9, 0x32, 1, 60) +
      nul("Supercalifragilisticexpialidocious" * 12, "x" * 400, "word " * 300, "S" * 200))
write("layout", "emoji", layout_header(1280, 720, 1200, 800, 3, 9, 0x0e, 30, 60) +
      nul("Flag \U0001F1E7\U0001F1F7 shown: \U0001F1E6\U0001F1F7\U0001F1E6 and \U0001F1FA",
          "Family \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466, "
          "astronaut \U0001F469\U0001F3FD\u200d\U0001F680, keycap 1\ufe0f\u20e3 #\u20e3",
          "\u2764\ufe0f \u26bd\ufe0f \u2764\ufe0e \U0001F3F4\U000E0067\U000E0062"
          "\U000E0073\U000E0063\U000E0074\U000E007F \U0001F44D\U0001F3FF\U0001F3FB",
          "\u200d\u200d\ufe0f\U0001F3FB", "\U000E0067\U000E007F \U0001F1E6" * 20))
write("layout", "scripts", layout_header(1920, 1080, 1600, 900, 1, 4, 0x2e, 100, 60) +
      nul("\u0e23\u0e31\u0e10\u0e1a\u0e32\u0e25\u0e1b\u0e23\u0e30\u0e01\u0e32\u0e28"
          "\u0e41\u0e1c\u0e19\u0e07\u0e1a\u0e1b\u0e23\u0e30\u0e21\u0e32\u0e13" * 4,
          "\u65e5\u9280\u304c\u91d1\u5229\u3092\u5f15\u304d\u4e0b\u3052\u308b",
          "\u05de\u05d7\u05d9\u05e8 3,500 \u20aa \u05dc-2026 \u05d1\u05e9\u05e0\u05d4",
          "\u1019\u103c\u1014\u103a\u1019\u102c", "\u1780\u1798\u17d2\u1796\u17bb\u1787\u17b6",
          "\u0ea5\u0eb2\u0ea7", "\uc11c\uc6b8\uc2dc\uac00 \ub0b4\ub144"))
write("layout", "combining", layout_header(1280, 720, 0, 0, 0, 1, 0x06, 1, 60) +
      nul("Zalgo e" + "\u0301\u0316\u0489" * 700 + " end", "\u0301" * 50,
          "https://example.com/a/very/long/path/that/must/stay/whole?x=1"))
print("seeds written under", here)
