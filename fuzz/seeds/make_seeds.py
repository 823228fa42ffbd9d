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
print("seeds written under", here)
