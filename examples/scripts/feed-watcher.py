#!/usr/bin/python3
# feed-watcher.py: print the summaries of new articles in a feed.
#
#   feed-watcher.py URL [--interval SECONDS] [--count N] [--once] [--state FILE]
#
# Every --interval seconds it runs
#
#   feedsrc location=URL ! fetch ! clean ! summarize ! appsink
#
# asynchronously in a GLib main loop, and prints the title, address and
# summary of each article it has not printed before.  The ids printed are
# remembered in memory and, with --state, in a file (one id a line), so
# that the next run does not print them again.  The exit status is 1 when
# a feed or an article could not be read.
#
# (feedsrc can remember entries itself with its `state` property, and then
# skips them before they are even downloaded; the script keeps its own list
# to show how documents come out of an appsink.)
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import os
import signal
import sys

import gi

gi.require_version('Nf', '1.0')
from gi.repository import Gio, GLib, Nf  # noqa: E402


class Watcher:
    def __init__(self, url, interval, polls, state):
        self.url = url
        self.interval = interval
        self.polls_left = polls         # 0: poll until interrupted
        self.state = state
        self.seen = set()
        self.status = 0
        self.loop = GLib.MainLoop()
        self.cancellable = Gio.Cancellable()
        if state and os.path.exists(state):
            with open(state, encoding='utf-8') as f:
                self.seen = set(line.strip() for line in f if line.strip())

    def poll(self):
        pipeline = Nf.parse_launch(
            'feedsrc name=src ! fetch ! clean ! summarize ! appsink name=out')
        pipeline.get_by_name('src').set_property('location', self.url)
        # PyGObject 3.42 cannot await GI async calls: run_async() takes a
        # callback, called in this main loop when the run is over.  The
        # loop stays responsive (Ctrl+C cancels) while the pipeline works.
        pipeline.run_async(self.cancellable, self.on_done)
        return GLib.SOURCE_REMOVE       # when called as a timeout

    def on_done(self, pipeline, result):
        try:
            pipeline.run_finish(result)
        except GLib.Error as e:
            if not e.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED):
                print('feed-watcher: %s' % e.message, file=sys.stderr)
                self.status = 1
            self.loop.quit()
            return

        sink = pipeline.get_by_name('out')
        while sink.get_n_queued() > 0:
            self.show(sink.pull_document())
        self.save_state()

        self.polls_left -= 1
        if self.polls_left == 0:
            self.loop.quit()
        else:
            GLib.timeout_add_seconds(self.interval, self.poll)

    def show(self, doc):
        if doc.has_error():
            # A feed or page that could not be read: said on stderr and in
            # the exit status, and tried again at the next poll.
            print('%s: %s' % (doc.get_id(), doc.get_error().message), file=sys.stderr)
            self.status = 1
            return
        if doc.get_id() in self.seen:
            return
        self.seen.add(doc.get_id())
        print(doc.get_title() or doc.get_id())
        print('  ' + (doc.get_uri() or doc.get_id()))
        for sentence in doc.get_summary():
            print('    ' + sentence.get_text())
        print(flush=True)

    def save_state(self):
        if not self.state:
            return
        # Write a new file and rename it: a crash never leaves half a list.
        with open(self.state + '.tmp', 'w', encoding='utf-8') as f:
            f.writelines(id + '\n' for id in sorted(self.seen))
        os.replace(self.state + '.tmp', self.state)

    def run(self):
        # Ctrl+C cancels the run in progress; on_done() then quits.
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, self.stop)
        self.poll()
        self.loop.run()
        return self.status

    def stop(self):
        self.cancellable.cancel()
        self.loop.quit()
        return GLib.SOURCE_REMOVE


def main():
    parser = argparse.ArgumentParser(description='Print the summaries of new articles in a feed.')
    parser.add_argument('url', help='address of an RSS or Atom feed (or a feed file)')
    parser.add_argument('--interval', type=int, default=300, metavar='SECONDS',
                        help='seconds between two polls (default: 300)')
    parser.add_argument('--count', type=int, default=0, metavar='N',
                        help='stop after N polls (default: never)')
    parser.add_argument('--once', action='store_true', help='poll once and exit (--count 1)')
    parser.add_argument('--state', metavar='FILE',
                        help='file remembering the articles printed, across runs')
    args = parser.parse_args()
    if args.interval < 1 or args.count < 0:
        parser.error('--interval must be at least 1 and --count not negative')

    Nf.init()
    watcher = Watcher(args.url, args.interval, 1 if args.once else args.count, args.state)
    return watcher.run()


if __name__ == '__main__':
    sys.exit(main())
