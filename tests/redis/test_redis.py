# test_redis.py: redissink and redissrc with real redis-server processes
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run by meson as
#   python3 test_redis.py NF_LAUNCH REDIS_SERVER [unittest arguments…]
# with NF_PLUGIN_PATH pointing at the built plugins. Every test starts its
# own redis-server on 127.0.0.1 and a free port (append-only file in a
# temporary directory), runs a producer and worker processes with nf-launch
# as a user would, and checks what reached the result store (sqlitesink's
# database, plus each worker's JSON Lines).

import json
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import redistest  # noqa: E402
from redistest import RedisError, wait_for  # noqa: E402

NF_LAUNCH = None
REDIS_SERVER = None
N_DOCUMENTS = 2000
STREAM = 'newsfilter'
GROUP = 'newsfilter'


def describe(result):
    return '\nexit status: %d\n--- stdout ---\n%s\n--- stderr ---\n%s' % (
        result.returncode, result.stdout[-4000:], result.stderr[-4000:])


class RedisTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='nf-redis-test-')
        self.servers = []
        self.workers = []

    def tearDown(self):
        for process in self.workers:
            if process.poll() is None:
                process.kill()
                process.wait()
        for server in self.servers:
            server.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    # ---- helpers ----

    def path(self, name):
        return os.path.join(self.dir, name)

    def start_redis(self, extra=(), password=None):
        server = redistest.RedisServer(REDIS_SERVER, self.dir, extra=extra)
        self.servers.append(server)
        return server.start(password)

    def produce(self, server, first=0, count=N_DOCUMENTS, *options):
        """Appends @count invented articles to the stream with redissink."""
        articles = redistest.write_articles(self.path('docs-%d.jsonl' % first), first, count)
        result = redistest.launch(NF_LAUNCH, 'filesrc', 'location=' + articles, '!',
                                  'redissink', 'port=%d' % server.port, *options)
        self.assertEqual(result.returncode, 0, describe(result))
        return result

    def start_worker(self, server, name, filters=('identity',), idle_exit=3000, extra=()):
        """A worker: redissrc ! FILTERS ! tee ! sqlitesink + jsonsink."""
        elements = ['redissrc', 'port=%d' % server.port, 'idle-exit=%d' % idle_exit,
                    'claim-idle=1000', 'consumer=' + name, *extra, '!']
        for element in filters:
            elements += [element, '!']
        elements += ['tee', 'name=t', '!', 'sqlitesink', 'location=' + self.path('results.db'),
                     't.', '!', 'jsonsink', 'location=' + self.path(name + '.jsonl')]
        process = redistest.spawn(NF_LAUNCH, *elements, log=self.path(name + '.log'))
        self.workers.append(process)
        return process

    def wait_workers(self, processes, timeout=240):
        for process in processes:
            try:
                process.wait(timeout)
            except Exception:
                process.kill()
                raise
        for process in processes:
            name = os.path.basename(process.args[-1])[:-len('.jsonl')]
            with open(self.path(name + '.log'), encoding='utf-8', errors='replace') as f:
                log = f.read()
            self.assertEqual(process.returncode, 0, 'worker %s failed:\n%s' % (name, log[-4000:]))

    def stored(self):
        """(rows, distinct ids) in the result database."""
        with sqlite3.connect(self.path('results.db')) as db:
            return db.execute('SELECT count(*), count(DISTINCT id) FROM documents').fetchone()

    def stored_ids(self):
        with sqlite3.connect(self.path('results.db')) as db:
            return {row[0] for row in db.execute('SELECT id FROM documents')}

    def worker_lines(self, name):
        try:
            with open(self.path(name + '.jsonl'), encoding='utf-8') as f:
                return [json.loads(line) for line in f if line.strip()]
        except FileNotFoundError:
            return []

    def count_lines(self, name):
        try:
            with open(self.path(name + '.jsonl'), 'rb') as f:
                return f.read().count(b'\n')
        except FileNotFoundError:
            return 0

    def pending(self, server):
        with server.client() as client:
            return client.call('XPENDING', STREAM, GROUP)[0]

    def assert_all_arrived(self, server, names):
        expected = {'article-%05d' % i for i in range(N_DOCUMENTS)}
        self.assertEqual(self.stored(), (N_DOCUMENTS, N_DOCUMENTS))
        self.assertEqual(self.stored_ids(), expected)
        self.assertEqual(self.pending(server), 0, 'entries left unacknowledged')
        lines = [record['id'] for name in names for record in self.worker_lines(name)]
        for name in names:
            for record in self.worker_lines(name):
                self.assertNotIn('error', record, 'worker %s failed a document' % name)
        self.assertEqual(set(lines), expected)
        return len(lines) - len(set(lines))

    # ---- 1. exactly once through three workers ----

    def test_three_workers_exactly_once(self):
        server = self.start_redis()
        self.produce(server)
        with server.client() as client:
            self.assertEqual(client.call('XLEN', STREAM), N_DOCUMENTS)
        workers = [self.start_worker(server, 'w%d' % i) for i in (1, 2, 3)]
        self.wait_workers(workers)
        twice = self.assert_all_arrived(server, ['w1', 'w2', 'w3'])
        self.assertEqual(twice, 0, 'no worker died, yet documents were processed twice')
        shares = [self.count_lines('w%d' % i) for i in (1, 2, 3)]
        print('\n3 workers shared %d documents as %s' % (N_DOCUMENTS, shares))

    # ---- 2. a worker killed half way ----

    def test_worker_killed_half_way(self):
        server = self.start_redis()
        self.produce(server)
        # summarize makes the work take long enough to kill w1 in the middle;
        # w1 reads many entries at once, so it dies with some pending.
        slow = ('summarize',)
        victim = self.start_worker(server, 'w1', slow, extra=('count=200',))
        wait_for(lambda: self.count_lines('w1') >= 20, 120, 'w1 to process documents')
        others = [self.start_worker(server, 'w%d' % i, slow) for i in (2, 3)]
        with server.client() as client:
            consumers = client.call('XINFO', 'CONSUMERS', STREAM, GROUP)
        pending_w1 = {c[1]: c[3] for c in consumers}.get('w1', 0)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        done_by_w1 = self.count_lines('w1')
        self.wait_workers(others)
        twice = self.assert_all_arrived(server, ['w1', 'w2', 'w3'])
        print('\nw1 killed after %d documents with %d entries pending; '
              'processed twice (at-least-once): %d' % (done_by_w1, pending_w1, twice))

    # ---- 3. a late worker catches up ----

    def test_late_worker_catches_up(self):
        server = self.start_redis()
        # Nothing reads while the first half is written: the group does not
        # even exist yet, and is created from the stream's start.
        self.produce(server, 0, N_DOCUMENTS // 2)
        first = self.start_worker(server, 'w1', idle_exit=1500)
        self.wait_workers([first])
        self.assertEqual(self.count_lines('w1'), N_DOCUMENTS // 2)
        # The rest comes when no worker runs; one started afterwards finishes it.
        self.produce(server, N_DOCUMENTS // 2, N_DOCUMENTS - N_DOCUMENTS // 2)
        late = self.start_worker(server, 'w2')
        self.wait_workers([late])
        self.assertEqual(self.count_lines('w2'), N_DOCUMENTS - N_DOCUMENTS // 2)
        self.assert_all_arrived(server, ['w1', 'w2'])

    # ---- 4. Redis restarted under running workers ----

    def test_redis_restarted_mid_run(self):
        server = self.start_redis()
        self.produce(server)
        slow = ('summarize',)
        workers = [self.start_worker(server, 'w%d' % i, slow, idle_exit=5000) for i in (1, 2, 3)]
        total = lambda: sum(self.count_lines('w%d' % i) for i in (1, 2, 3))  # noqa: E731
        wait_for(lambda: total() >= 100, 120, 'the workers to start processing')
        server.stop()
        at_restart = total()
        time.sleep(1.0)
        server.start()
        self.wait_workers(workers)
        twice = self.assert_all_arrived(server, ['w1', 'w2', 'w3'])
        print('\nRedis restarted after %d documents; processed twice: %d' % (at_restart, twice))
        self.assertLess(at_restart, N_DOCUMENTS, 'the restart came too late to test anything')

    # ---- 5. bad input ----

    def test_dead_server_names_host_and_port(self):
        port = redistest.free_port()
        articles = redistest.write_articles(self.path('few.jsonl'), 0, 3)
        for elements in (['redissrc', 'port=%d' % port, 'reconnect-timeout=1500', '!', 'jsonsink'],
                         ['filesrc', 'location=' + articles, '!', 'redissink', 'port=%d' % port,
                          'reconnect-timeout=1500']):
            started = time.monotonic()
            result = redistest.launch(NF_LAUNCH, *elements, timeout=60)
            elapsed = time.monotonic() - started
            self.assertNotEqual(result.returncode, 0, describe(result))
            self.assertIn('Redis at 127.0.0.1:%d: cannot connect' % port, result.stderr)
            self.assertIn('gave up after 1500 ms', result.stderr)
            self.assertGreaterEqual(elapsed, 1.4)
            self.assertLess(elapsed, 20, 'gave up far later than reconnect-timeout')

    def test_wrong_password(self):
        server = self.start_redis(extra=('--requirepass', 'right-secret'), password='right-secret')
        result = redistest.launch(NF_LAUNCH, 'redissrc', 'port=%d' % server.port, 'password=wrong',
                                  'idle-exit=500', '!', 'jsonsink', timeout=60)
        self.assertNotEqual(result.returncode, 0, describe(result))
        self.assertIn('Redis at 127.0.0.1:%d: AUTH failed: WRONGPASS' % server.port, result.stderr)

        result = redistest.launch(NF_LAUNCH, 'redissrc', 'port=%d' % server.port,
                                  'idle-exit=500', '!', 'jsonsink', timeout=60)
        self.assertNotEqual(result.returncode, 0, describe(result))
        self.assertIn('127.0.0.1:%d' % server.port, result.stderr)
        self.assertIn('NOAUTH', result.stderr)

        # The right password, alone and as the default ACL user, works.
        articles = redistest.write_articles(self.path('few.jsonl'), 0, 5)
        result = redistest.launch(NF_LAUNCH, 'filesrc', 'location=' + articles, '!', 'redissink',
                                  'port=%d' % server.port, 'password=right-secret')
        self.assertEqual(result.returncode, 0, describe(result))
        result = redistest.launch(NF_LAUNCH, 'redissrc', 'port=%d' % server.port, 'user=default',
                                  'password=right-secret', 'idle-exit=500', '!', 'jsonsink', timeout=60)
        self.assertEqual(result.returncode, 0, describe(result))
        self.assertEqual(len(result.stdout.splitlines()), 5)

        # From a file (its first line), so that it stays out of the process list.
        secret = self.path('redis-password')
        with open(secret, 'w') as f:
            f.write('right-secret\n')
        result = redistest.launch(NF_LAUNCH, 'filesrc', 'location=' + articles, '!', 'redissink',
                                  'port=%d' % server.port, 'password-file=' + secret)
        self.assertEqual(result.returncode, 0, describe(result))
        missing = self.path('no-such-password')
        result = redistest.launch(NF_LAUNCH, 'redissrc', 'port=%d' % server.port,
                                  'password-file=' + missing, 'idle-exit=500', '!', 'jsonsink', timeout=60)
        self.assertNotEqual(result.returncode, 0, describe(result))
        self.assertIn('could not read the password for Redis at 127.0.0.1:%d' % server.port, result.stderr)
        self.assertIn(missing, result.stderr)

    def test_malformed_entry_becomes_failed_record(self):
        server = self.start_redis()
        self.produce(server, 0, 3)
        with server.client() as client:
            garbage = client.call('XADD', STREAM, '*', 'doc', '{"id": "half a record", ')
            no_doc = client.call('XADD', STREAM, '*', 'title', 'not written by redissink')
        self.produce(server, 3, 2)
        worker = self.start_worker(server, 'w1', idle_exit=1000)
        self.wait_workers([worker])

        records = {record['id']: record for record in self.worker_lines('w1')}
        self.assertEqual(len(records), 7)
        for entry, reason in ((garbage, 'the doc field is not a document record'),
                              (no_doc, 'no doc field')):
            record = records['%s:%s' % (STREAM, entry)]
            self.assertEqual(record['error']['code'], 'format')
            self.assertIn('Redis stream “%s”, entry %s: %s' % (STREAM, entry, reason),
                          record['error']['message'])
        self.assertEqual(sum(1 for r in records.values() if 'error' not in r), 5)
        self.assertEqual(self.stored()[0], 7, 'failed records are stored too')
        self.assertEqual(self.pending(server), 0)

    # ---- 6. trimming keeps what a group still needs ----

    def test_trimming_keeps_pending_entries(self):
        server = self.start_redis()
        self.produce(server, 0, 100)
        with server.client() as client:
            client.call('XGROUP', 'CREATE', STREAM, GROUP, '0')
            delivered = client.call('XREADGROUP', 'GROUP', GROUP, 'dead-worker', 'COUNT', 100,
                                    'STREAMS', STREAM, '>')[0][1]
            ids = [entry[0] for entry in delivered]
            self.assertEqual(len(ids), 100)
            client.call('XACK', STREAM, GROUP, *ids[:90])
        kept = ids[90:]

        self.produce(server, 100, 600, 'max-length=10')
        with server.client() as client:
            # The 90 acknowledged entries went; the 10 pending and the 600
            # the group has not read stayed, whatever max-length says.
            self.assertEqual(client.call('XLEN', STREAM), 610)
            self.assertEqual(client.call('XRANGE', STREAM, '-', '+', 'COUNT', 1)[0][0], kept[0])
            self.assertEqual(client.call('XPENDING', STREAM, GROUP)[0], 10)
            claimed = client.call('XCLAIM', STREAM, GROUP, 'rescuer', 0, *kept)
            self.assertEqual([entry[0] for entry in claimed], kept)
            for entry in claimed:
                record = json.loads(dict(zip(entry[1][::2], entry[1][1::2]))['doc'])
                self.assertTrue(record['id'].startswith('article-000'))

            # Once the group has read everything and only the 10 are
            # pending, a trim leaves them and the max-length newest.
            rest = client.call('XREADGROUP', 'GROUP', GROUP, 'reader', 'COUNT', 1000,
                               'STREAMS', STREAM, '>')[0][1]
            client.call('XACK', STREAM, GROUP, *[entry[0] for entry in rest])

        self.produce(server, 700, 300, 'max-length=10')
        with server.client() as client:
            # the group has not read the 300 new ones: they stay too
            self.assertEqual(client.call('XRANGE', STREAM, '-', '+', 'COUNT', 1)[0][0], kept[0])
            self.assertEqual(client.call('XPENDING', STREAM, GROUP)[0], 10)
            client.call('XACK', STREAM, GROUP, *kept)
            client.call('XGROUP', 'DESTROY', STREAM, GROUP)

        # Without any group, max-length alone decides (trims every few
        # hundred entries, and once more at the end).
        self.produce(server, 1000, 50, 'max-length=10')
        with server.client() as client:
            self.assertEqual(client.call('XLEN', STREAM), 10)


def main():
    global NF_LAUNCH, REDIS_SERVER
    if len(sys.argv) < 3:
        sys.exit('usage: %s NF_LAUNCH REDIS_SERVER [unittest options]' % sys.argv[0])
    NF_LAUNCH = os.path.abspath(sys.argv[1])
    REDIS_SERVER = sys.argv[2]
    if shutil.which(REDIS_SERVER) is None:
        print('1..0 # SKIP redis-server not found')
        sys.exit(77)
    unittest.main(module='__main__', argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)


if __name__ == '__main__':
    main()
