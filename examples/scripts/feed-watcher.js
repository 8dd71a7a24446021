// feed-watcher.js: print the summaries of new articles in a feed.
//
//   gjs -m feed-watcher.js URL [--interval SECONDS] [--count N] [--once] [--state FILE]
//
// Every --interval seconds it runs
//
//   feedsrc location=URL ! fetch ! clean ! summarize ! appsink
//
// asynchronously, and prints the title, address and summary of each article
// it has not printed before.  The ids printed are remembered in memory and,
// with --state, in a file (one id a line), so that the next run does not
// print them again.  The exit status is 1 when a feed or an article could
// not be read.
//
// (feedsrc can remember entries itself with its `state` property, and then
// skips them before they are even downloaded; the script keeps its own list
// to show how documents come out of an appsink.)
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Nf from 'gi://Nf?version=1.0';
import System from 'system';

// GI 1.74 does not mark run_async()/run_finish() as a pair: tell GJS, so
// that run_async() without a callback returns a Promise.
Gio._promisify(Nf.Pipeline.prototype, 'run_async', 'run_finish');

function usage() {
    printerr('usage: gjs -m feed-watcher.js URL [--interval SECONDS] [--count N] [--once] [--state FILE]');
    System.exit(2);
}

function parseArgs(args) {
    const options = {url: null, interval: 300, count: 0, state: null};
    for (let i = 0; i < args.length; i++) {
        const value = () => (i + 1 < args.length ? args[++i] : usage());
        if (args[i] === '--interval')
            options.interval = Number(value());
        else if (args[i] === '--count')
            options.count = Number(value());
        else if (args[i] === '--once')
            options.count = 1;
        else if (args[i] === '--state')
            options.state = value();
        else if (options.url === null && !args[i].startsWith('-'))
            options.url = args[i];
        else
            usage();
    }
    if (!options.url || !(options.interval >= 1) || !(options.count >= 0))
        usage();
    return options;
}

function loadState(path) {
    if (!path || !GLib.file_test(path, GLib.FileTest.EXISTS))
        return new Set();
    const [, bytes] = GLib.file_get_contents(path);
    return new Set(new TextDecoder().decode(bytes).split('\n').filter(line => line !== ''));
}

function saveState(path, seen) {
    // g_file_set_contents() writes a new file and renames it: a crash never
    // leaves half a list.
    if (path)
        GLib.file_set_contents(path, [...seen].sort().map(id => `${id}\n`).join(''));
}

function sleep(seconds) {
    return new Promise(resolve => GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, seconds, () => {
        resolve();
        return GLib.SOURCE_REMOVE;
    }));
}

// One run of the pipeline; prints the documents not seen before.
async function poll(url, seen, cancellable) {
    const pipeline = Nf.parse_launch('feedsrc name=src ! fetch ! clean ! summarize ! appsink name=out');
    pipeline.get_by_name('src').location = url;
    // The main loop keeps running (timers, Ctrl+C) while the pipeline works.
    await pipeline.run_async(cancellable);

    const sink = pipeline.get_by_name('out');
    while (sink.get_n_queued() > 0) {
        const doc = sink.pull_document();
        if (doc.has_error()) {
            // A feed or page that could not be read: said on stderr and in
            // the exit status, and tried again at the next poll.
            printerr(`${doc.get_id()}: ${doc.get_error().message}`);
            status = 1;
            continue;
        }
        if (seen.has(doc.get_id()))
            continue;
        seen.add(doc.get_id());
        print(doc.get_title() ?? doc.get_id());
        print(`  ${doc.get_uri() ?? doc.get_id()}`);
        for (const sentence of doc.get_summary())
            print(`    ${sentence.get_text()}`);
        print('');
    }
}

async function watch(options, cancellable) {
    const seen = loadState(options.state);
    for (let polls = 1; ; polls++) {
        await poll(options.url, seen, cancellable);
        saveState(options.state, seen);
        if (polls === options.count)
            return;
        await sleep(options.interval);
    }
}

let status = 0;
const options = parseArgs(ARGV);
Nf.init();

const loop = new GLib.MainLoop(null, false);
const cancellable = new Gio.Cancellable();

// Ctrl+C cancels the run in progress, which ends watch().
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, 2 /* SIGINT */, () => {
    cancellable.cancel();
    loop.quit();
    return GLib.SOURCE_REMOVE;
});

watch(options, cancellable).catch(e => {
    if (!(e instanceof GLib.Error && e.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED))) {
        printerr(`feed-watcher: ${e.message}`);
        status = 1;
    }
}).finally(() => loop.quit());
loop.run();
System.exit(status);
