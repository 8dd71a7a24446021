#!/usr/bin/python3
# check-example.py: runs one example script and checks what it prints.
#
#   check-example.py EXAMPLE ARTICLES_DIR -- COMMAND...
#
# EXAMPLE is summarize-dir, custom-element or feed-watcher; COMMAND runs the
# script (`/usr/bin/python3 summarize-dir.py` or `gjs -m summarize-dir.js`).
# For feed-watcher, a small HTTP server on 127.0.0.1 serves the feed and the
# pages in fixtures/.  Exits 0 when every check passes, 1 with the reasons
# otherwise.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import functools
import html
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures')
TIMEOUT_S = 120

# The example articles (examples/articles/README.md): id and title.
ARTICLES = {
    'world/2026-11-27-export-controls':
        'Twelve nations agree common rules for exporting battery-recycling technology',
    'business/2026-11-24-kettle-recall':
        'Brightwell recalls 240,000 smart kettles after reports of overheating',
    'local/2026-11-19-city-budget':
        'Millbrook council approves leaner budget after late-night session',
    'science/2026-11-25-cold-plastic-enzyme':
        'Antarctic bacteria found to break down plastic in near-freezing water',
    'sport/2026-11-22-harbour-city-derby':
        'Late Okonkwo header sends Harbour City top after five-goal derby',
    'culture/2026-11-21-filmfest-flensburg':
        'Stilles Drama aus Island gewinnt den Großen Preis des Filmfests Flensburg',
    'transport/2026-11-26-coast-road-crashes':
        'Gale-force winds blamed for two crashes on the Coast Road within an hour',
}

# The feed's pages (fixtures/news/): path and title.
FEED_PAGES = {
    'news/library-reopens.html': 'Port Ellis library reopens after two-year rebuild',
    'news/ferry-pay-deal.html': 'Ferry crews vote to accept new pay offer',
    'news/harbour-wall-closed.html': 'Storm warning closes the harbour wall walk',
}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def run(command, *args):
    """Runs the example; returns its standard output.  Its standard error
    is passed through, for the test log."""
    env = dict(os.environ, no_proxy='127.0.0.1,localhost', NO_PROXY='127.0.0.1,localhost')
    proc = subprocess.run(command + list(args), stdout=subprocess.PIPE, env=env,
                          timeout=TIMEOUT_S, encoding='utf-8')
    print('$ %s\n%s' % (' '.join(command + list(args)), proc.stdout))
    check(proc.returncode == 0, '%s exited with %d' % (' '.join(command), proc.returncode))
    return proc.stdout


def columns(header, line):
    """Cuts a table row at the columns of its header line."""
    starts = [header.index(name) for name in ('id', 'title', 'summary', 'tags')]
    ends = starts[1:] + [None]
    return [line[s:e].strip() for s, e in zip(starts, ends)]


def check_summarize_dir(command, articles):
    lines = run(command, articles).splitlines()
    if not check(len(lines) == 1 + len(ARTICLES), 'expected a header and %d rows, got %d lines'
                 % (len(ARTICLES), len(lines))):
        return
    check(lines[0].split() == ['id', 'title', 'summary', 'tags'], 'header: %r' % lines[0])
    rows = {columns(lines[0], line)[0]: columns(lines[0], line) for line in lines[1:]}
    for id, title in ARTICLES.items():
        if not check(id in rows, 'no row for ' + id):
            continue
        _, shown_title, summary, tags = rows[id]
        # The title is cut to 40 characters, the last one an ellipsis.
        check(shown_title.rstrip('…') == title[:len(shown_title.rstrip('…'))]
              and len(shown_title) >= 20, '%s: title %r' % (id, shown_title))
        check(len(summary) >= 20, '%s: summary %r' % (id, summary))
        check(tags != '', '%s: no tags' % id)


def check_custom_element(command, articles):
    with tempfile.TemporaryDirectory() as tmp:
        output = os.path.join(tmp, 'out.jsonl')
        lines = run(command, articles, '--output', output).splitlines()
        with open(output, encoding='utf-8') as f:
            records = [json.loads(line) for line in f]

    check(len(lines) == len(ARTICLES), 'expected %d lines, got %d' % (len(ARTICLES), len(lines)))
    printed = {}
    for line in lines:
        m = re.match(r'^\s*(\d+)\s+(\S+)\s+(.*)$', line)
        if check(m, 'line not "COUNT ID TITLE": %r' % line):
            printed[m.group(2)] = (int(m.group(1)), m.group(3))
    for id, title in ARTICLES.items():
        if check(id in printed, 'no line for ' + id):
            count, shown_title = printed[id]
            check(shown_title == title, '%s: title %r' % (id, shown_title))
            # Every article has 6 to 10 paragraphs of a few sentences.
            check(200 <= count <= 2000, '%s: %d words' % (id, count))

    # The element stored a number in the meta, which jsonsink wrote.
    check(sorted(r['id'] for r in records) == sorted(ARTICLES), 'jsonsink records: %r'
          % [r['id'] for r in records])
    for record in records:
        count = record.get('meta', {}).get('wordcount')
        check(isinstance(count, int) and printed.get(record['id'], (None,))[0] == count,
              '%s: meta wordcount %r' % (record['id'], count))


# feed-watcher --------------------------------------------------------------

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        print('server: ' + format % args)


def page_sentences(path):
    """The text of a fixture page's paragraphs, whitespace collapsed."""
    with open(os.path.join(FIXTURES, path), encoding='utf-8') as f:
        paragraphs = re.findall(r'<p>(.*?)</p>', f.read(), re.S)
    return ' '.join(' '.join(html.unescape(p).split()) for p in paragraphs)


def parse_watcher_output(text):
    """Blocks separated by blank lines: title, address, summary lines."""
    blocks = {}
    for block in text.strip().split('\n\n'):
        lines = block.split('\n')
        if check(len(lines) >= 2 and lines[1].startswith('  http'), 'bad block: %r' % block):
            blocks[lines[0]] = (lines[1].strip(), [line.strip() for line in lines[2:]])
    return blocks


def check_articles_printed(output, base, expected):
    blocks = parse_watcher_output(output)
    check(sorted(blocks) == sorted(FEED_PAGES[p] for p in expected),
          'printed %r, expected the titles of %r' % (sorted(blocks), expected))
    for path in expected:
        title = FEED_PAGES[path]
        if title not in blocks:
            continue
        uri, summary = blocks[title]
        check(uri == '%s/%s' % (base, path), '%s: address %r' % (title, uri))
        check(len(summary) >= 1, '%s: no summary' % title)
        text = page_sentences(path)
        for sentence in summary:
            check(sentence in text, '%s: summary sentence not in the article: %r' % (title, sentence))


def write_feed(root, base, new_item):
    with open(os.path.join(FIXTURES, 'feed.xml'), encoding='utf-8') as f:
        feed = f.read()
    if new_item:
        # The newest entry first, as feeds have it.
        with open(os.path.join(FIXTURES, 'new-item.xml'), encoding='utf-8') as f:
            item = f.read()
        at = feed.index('    <item>')
        feed = feed[:at] + item + feed[at:]
    with open(os.path.join(root, 'feed.xml'), 'w', encoding='utf-8') as f:
        f.write(feed.replace('@BASE@', base))


def check_feed_watcher(command, articles):
    with tempfile.TemporaryDirectory() as root:
        os.mkdir(os.path.join(root, 'news'))
        for path in FEED_PAGES:
            with open(os.path.join(FIXTURES, path), 'rb') as src, \
                 open(os.path.join(root, path), 'wb') as dst:
                dst.write(src.read())

        handler = functools.partial(QuietHandler, directory=root)
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = 'http://127.0.0.1:%d' % server.server_address[1]
        url = base + '/feed.xml'
        state = os.path.join(root, 'seen.txt')
        try:
            # First run: both articles of the feed.
            write_feed(root, base, new_item=False)
            output = run(command, url, '--once', '--state', state)
            check_articles_printed(output, base, ['news/library-reopens.html',
                                                  'news/ferry-pay-deal.html'])

            # A third article appears: only it is printed.
            write_feed(root, base, new_item=True)
            output = run(command, url, '--once', '--state', state)
            check_articles_printed(output, base, ['news/harbour-wall-closed.html'])

            # Nothing new: nothing printed.
            output = run(command, url, '--once', '--state', state)
            check(output.strip() == '', 'a third run printed %r' % output)

            with open(state, encoding='utf-8') as f:
                seen = sorted(line.strip() for line in f if line.strip())
            check(seen == sorted('%s/%s' % (base, p) for p in FEED_PAGES), 'state file: %r' % seen)
        finally:
            server.shutdown()
            server.server_close()


def main(argv):
    checks = {
        'summarize-dir': check_summarize_dir,
        'custom-element': check_custom_element,
        'feed-watcher': check_feed_watcher,
    }
    if len(argv) < 5 or argv[1] not in checks or argv[3] != '--':
        print('usage: check-example.py {%s} ARTICLES_DIR -- COMMAND...' % ','.join(checks),
              file=sys.stderr)
        return 2
    checks[argv[1]](argv[4:], argv[2])
    for message in failures:
        print('FAIL: ' + message)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
