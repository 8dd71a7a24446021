// summarize-dir.js: summarize every article of a directory into a table.
//
//   gjs -m summarize-dir.js examples/articles
//
// Runs `filesrc ! clean ! summarize ! tag ! appsink` and pulls the finished
// documents out of the appsink, one row each: id, title, the first sentence
// of the summary and the best tags.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Nf from 'gi://Nf?version=1.0';
import System from 'system';

// Columns are cut to these many characters, with an ellipsis.
const TITLE_WIDTH = 40;
const SUMMARY_WIDTH = 60;
const TOP_TAGS = 3;

function truncate(text, width) {
    // One line, single spaces.  [...text] counts code points, as Python
    // does, rather than UTF-16 units.
    const chars = [...(text ?? '').split(/\s+/).join(' ').trim()];
    return chars.length <= width ? chars.join('') : `${chars.slice(0, width - 1).join('')}…`;
}

function topTags(doc) {
    // Highest score first; `source` tags are attributions, not subjects.
    // A name can be both an entity and a keyphrase: show it once.
    const tags = doc.get_tags().filter(t => t.get_kind() !== 'source');
    tags.sort((a, b) => b.get_score() - a.get_score());
    const texts = [...new Set(tags.map(t => t.get_text()))];
    return texts.slice(0, TOP_TAGS).join(', ');
}

function padEnd(text, width) {
    return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function main(args) {
    if (args.length !== 1) {
        printerr('usage: gjs -m summarize-dir.js DIRECTORY');
        return 2;
    }

    Nf.init();
    // The directory is set as a property rather than pasted into the line,
    // so that a path with spaces or quotes needs no escaping.
    const pipeline = Nf.parse_launch('filesrc name=src ! clean ! summarize ! tag ! appsink name=out');
    pipeline.get_by_name('src').location = args[0];

    try {
        pipeline.run(null);     // blocks until every document is done
    } catch (e) {
        printerr(`summarize-dir: ${e.message}`);
        return 1;
    }

    const rows = [];
    const sink = pipeline.get_by_name('out');
    while (sink.get_n_queued() > 0) {
        const doc = sink.pull_document();
        if (doc.has_error()) {
            // A failed document still reaches the sink, carrying its error.
            printerr(`${doc.get_id()}: ${doc.get_error().message}`);
            continue;
        }
        const summary = doc.get_summary();
        const first = summary.length > 0 ? summary[0].get_text() : '';
        rows.push([doc.get_id(), truncate(doc.get_title(), TITLE_WIDTH),
            truncate(first, SUMMARY_WIDTH), topTags(doc)]);
    }

    rows.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    rows.unshift(['id', 'title', 'summary', 'tags']);
    const widths = [0, 1, 2].map(i => Math.max(...rows.map(row => [...row[i]].length)));
    for (const row of rows)
        print(`${row.slice(0, 3).map((cell, i) => padEnd(cell, widths[i])).join('  ')}  ${row[3]}`);
    return 0;
}

System.exit(main(ARGV));
