#!/usr/bin/python3
# bench-redis.py: workers fed from a Redis Stream, and the producer's rate
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run with `meson test -C _build --benchmark --verbose bench-redis`.
#
# Starts a redis-server of its own on 127.0.0.1 (a free port, data in a
# temporary folder), then
#
#   nf-launch filesrc location=input.jsonl ! redissink stream=S
#
# to measure the producer's XADD rate, and for 1, 2 and 4 worker processes
# (each on every core, then each on one thread: -j 1)
#
#   nf-launch redissrc stream=S idle-exit=… ! clean ! summarize ! tag ! fakesink
#
# timing from the workers' start until every entry was read and
# acknowledged (the consumer group's own counters say so; the idle-exit
# wait at the end is not counted). The texts are the BBC set next to the
# repository when it is there (--texts), else the example articles (pages
# for clean) repeated to make enough documents. It prints figures and fails
# only when a run does not work, never on speed; without redis-server it
# exits with 77 (skipped).

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(HERE, '..', 'redis'))
import redistest  # noqa: E402

SKIP = 77
GROUP = 'bench'


def parse_arguments():
    parser = argparse.ArgumentParser(description='Redis Stream workers: documents per second.')
    parser.add_argument('nf_launch', help='path of nf-launch')
    parser.add_argument('redis_server', help='path of redis-server')
    parser.add_argument('--texts', help='JSON Lines texts (the BBC set) when present')
    parser.add_argument('--examples', help='folder of example articles, the fallback')
    parser.add_argument('--workers', default='1,2,4', help='worker counts to run')
    parser.add_argument('--min-documents', type=int, default=1000,
                        help='the example articles are repeated up to this many documents')
    return parser.parse_args()


def run_tool(nf_launch, *elements):
    result = redistest.launch(nf_launch, *elements, timeout=1800)
    if result.returncode != 0:
        sys.exit('%s failed (%d):\n%s' % (' '.join(elements), result.returncode, result.stderr[-3000:]))
    return result


def prepare_input(args, directory):
    """The documents to feed, as one JSON Lines file; returns (path, count, what)."""
    path = os.path.join(directory, 'input.jsonl')
    if args.texts and os.path.exists(args.texts):
        shutil.copyfile(args.texts, path)
        with open(path, encoding='utf-8') as f:
            count = sum(1 for line in f if line.strip())
        return path, count, args.texts

    if not args.examples or not os.path.isdir(args.examples):
        sys.exit('neither --texts nor --examples exists')
    pages = os.path.join(directory, 'pages.jsonl')
    run_tool(args.nf_launch, 'filesrc', 'location=' + args.examples, '!',
             'jsonsink', 'include-content=true', 'location=' + pages)
    with open(pages, encoding='utf-8') as f:
        records = [json.loads(line) for line in f if line.strip()]
    count = 0
    with open(path, 'w', encoding='utf-8') as out:
        copy = 0
        while count < args.min_documents:
            for record in records:
                record = dict(record, id='%s#%d' % (record['id'], copy))
                out.write(json.dumps(record) + '\n')
                count += 1
            copy += 1
    return path, count, '%s (%d pages, repeated)' % (args.examples, len(records))


def produce(args, server, stream, path, count):
    """Appends the input to @stream; returns documents per second."""
    started = time.monotonic()
    run_tool(args.nf_launch, 'filesrc', 'location=' + path, '!',
             'redissink', 'port=%d' % server.port, 'stream=' + stream)
    elapsed = time.monotonic() - started
    with server.client() as client:
        length = client.call('XLEN', stream)
    if length != count:
        sys.exit('the producer wrote %d entries of %d' % (length, count))
    return count / elapsed, elapsed


def group_progress(server, stream):
    """(entries read by the group, entries pending) — or (0, 0) before the
    group exists."""
    with server.client() as client:
        try:
            groups = client.call('XINFO', 'GROUPS', stream)
        except redistest.RedisError:
            return 0, 0
    for group in groups:
        fields = dict(zip(group[::2], group[1::2]))
        if fields.get('name') == GROUP:
            return fields.get('entries-read') or 0, fields.get('pending', 0)
    return 0, 0


def run_workers(args, server, stream, count, n_workers, directory, threads=None):
    """Runs @n_workers workers over @stream (each with @threads threads, or
    one per core); returns documents per second."""
    options = ['-j', str(threads)] if threads else []
    elements = options + ['redissrc', 'port=%d' % server.port, 'stream=' + stream, 'group=' + GROUP,
                'idle-exit=1500', 'claim-idle=60000', '!', 'clean', '!', 'summarize', '!',
                'tag', '!', 'fakesink']
    started = time.monotonic()
    workers = [redistest.spawn(args.nf_launch, *elements,
                               log=os.path.join(directory, '%s-w%d.log' % (stream, i)))
               for i in range(n_workers)]

    def finished():
        for worker in workers:
            if worker.poll() not in (None, 0):
                sys.exit('a worker failed; see %s' % directory)
        read, pending = group_progress(server, stream)
        return read >= count and pending == 0

    redistest.wait_for(finished, 1800, 'the workers to finish', interval=0.02)
    elapsed = time.monotonic() - started
    for worker in workers:
        if worker.wait(120) != 0:
            sys.exit('a worker exited with %d' % worker.returncode)
    return count / elapsed, elapsed


def main():
    args = parse_arguments()
    if shutil.which(args.redis_server) is None:
        print('redis-server not found: skipped')
        return SKIP

    directory = tempfile.mkdtemp(prefix='nf-bench-redis-')
    server = redistest.RedisServer(args.redis_server, directory)
    try:
        server.start()
        path, count, what = prepare_input(args, directory)
        print('texts: %s, %d documents' % (what, count))
        print('machine: %d cores; redis-server on 127.0.0.1:%d (appendonly yes)'
              % (os.cpu_count(), server.port))
        print()
        print('%-40s %12s %10s' % ('run', 'documents/s', 'seconds'))
        # each worker on every core (the default), then on one thread each:
        # the second series shows what adding worker processes adds
        for threads in (None, 1):
            for n in [int(x) for x in args.workers.split(',')]:
                stream = 'bench-%d-%s' % (n, threads or 'all')
                rate, elapsed = produce(args, server, stream, path, count)
                print('%-40s %12.0f %10.2f' % ('producer (filesrc ! redissink)', rate, elapsed))
                rate, elapsed = run_workers(args, server, stream, count, n, directory, threads)
                label = '%d worker%s%s: clean ! summarize ! tag' % (n, 's' if n > 1 else '',
                                                                    ' -j 1' if threads else '')
                print('%-40s %12.1f %10.2f' % (label, rate, elapsed))
                sys.stdout.flush()
        print('\n(worker figures include each process\'s start-up and model loading; '
              'documents are acknowledged one by one, after fakesink)')
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
