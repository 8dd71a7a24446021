#!/usr/bin/python3
# summarize-dir.py: summarize every article of a directory into a table.
#
#   summarize-dir.py examples/articles
#
# Runs `filesrc ! clean ! summarize ! tag ! appsink` and pulls the finished
# documents out of the appsink, one row each: id, title, the first sentence
# of the summary and the best tags.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gi

gi.require_version('Nf', '1.0')
from gi.repository import GLib, Nf  # noqa: E402

# Columns are cut to these many characters, with an ellipsis.
TITLE_WIDTH = 40
SUMMARY_WIDTH = 60
TOP_TAGS = 3


def truncate(text, width):
    text = ' '.join((text or '').split())   # one line, single spaces
    return text if len(text) <= width else text[:width - 1] + '…'


def top_tags(doc):
    # Highest score first; `source` tags are attributions, not subjects.
    # A name can be both an entity and a keyphrase: show it once.
    tags = [t for t in doc.get_tags() if t.get_kind() != 'source']
    tags.sort(key=lambda t: t.get_score(), reverse=True)
    texts = []
    for tag in tags:
        if tag.get_text() not in texts:
            texts.append(tag.get_text())
    return ', '.join(texts[:TOP_TAGS])


def main(argv):
    if len(argv) != 2:
        print('usage: summarize-dir.py DIRECTORY', file=sys.stderr)
        return 2

    Nf.init()
    # The directory is set as a property rather than pasted into the line,
    # so that a path with spaces or quotes needs no escaping.
    pipeline = Nf.parse_launch('filesrc name=src ! clean ! summarize ! tag ! appsink name=out')
    pipeline.get_by_name('src').set_property('location', argv[1])

    try:
        pipeline.run(None)      # blocks until every document is done
    except GLib.Error as e:
        print('summarize-dir: %s' % e.message, file=sys.stderr)
        return 1

    rows = []
    sink = pipeline.get_by_name('out')
    while sink.get_n_queued() > 0:
        doc = sink.pull_document()
        if doc.has_error():
            # A failed document still reaches the sink, carrying its error.
            print('%s: %s' % (doc.get_id(), doc.get_error().message), file=sys.stderr)
            continue
        summary = doc.get_summary()
        first = summary[0].get_text() if len(summary) > 0 else ''
        rows.append((doc.get_id(), truncate(doc.get_title(), TITLE_WIDTH),
                     truncate(first, SUMMARY_WIDTH), top_tags(doc)))

    header = ('id', 'title', 'summary', 'tags')
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(3)]
    for row in [header] + sorted(rows):
        print('  '.join(cell.ljust(w) for cell, w in zip(row, widths)) + '  ' + row[3])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
