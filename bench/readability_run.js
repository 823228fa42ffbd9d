// readability_run.js: Mozilla Readability (with jsdom) over every .html page of a folder, for
// bench_article. Prints one JSON object: {"<file>": "<text>", ..., "__seconds": S,
// "__peak_kib": K}, where S is the time spent parsing and extracting (file reading excluded).
// Usage: NODE_PATH=<node_modules> node readability_run.js DIR
'use strict';
const fs = require('fs');
const path = require('path');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const pages = files.map((f) => fs.readFileSync(path.join(dir, f)));
const out = {};
const quiet = new VirtualConsole();
let seconds = 0;
for (let i = 0; i < files.length; i++) {
  const t0 = process.hrtime.bigint();
  let text = '';
  try {
    const dom = new JSDOM(pages[i], { url: 'http://127.0.0.1/pages/' + files[i], virtualConsole: quiet });
    const art = new Readability(dom.window.document).parse();
    text = art && art.textContent ? art.textContent : '';
    dom.window.close();
  } catch (e) {
    text = '';
  }
  seconds += Number(process.hrtime.bigint() - t0) / 1e9;
  out[files[i]] = text;
}
out.__seconds = seconds;
out.__peak_kib = Math.round(process.resourceUsage().maxRSS);
process.stdout.write(JSON.stringify(out));
