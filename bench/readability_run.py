"""readability_run.py: python3-readability (readability-lxml) over every .html page of a
folder, for bench_article. Prints one JSON object: {"<file>": "<text>", ..., "__seconds": S,
"__peak_kib": K}, where S is the time spent parsing and extracting (file reading excluded).
Usage: python3 readability_run.py DIR   (Debian's python3, which has python3-readability)"""
import json
import os
import resource
import sys
import time

import lxml.html
from readability import Document

folder = sys.argv[1]
files = sorted(f for f in os.listdir(folder) if f.endswith(".html"))
pages = [open(os.path.join(folder, f), "rb").read() for f in files]
out = {}
seconds = 0.0
for name, raw in zip(files, pages):
    t0 = time.perf_counter()
    try:
        summary = Document(raw).summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    except Exception:  # a page the library cannot read scores as empty
        text = ""
    seconds += time.perf_counter() - t0
    out[name] = text
out["__seconds"] = seconds
out["__peak_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
json.dump(out, sys.stdout)
