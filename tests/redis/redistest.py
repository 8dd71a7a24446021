# redistest.py: what the Redis worker tests and the benchmark share
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A redis-server of the test's own on 127.0.0.1 and a free port, a minimal
# RESP client (the system Python has no redis module), invented articles,
# and nf-launch runs. Nothing here reads /work/shared or the network.

import os
import random
import signal
import socket
import subprocess
import time


def free_port():
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def wait_for(condition, timeout, what, interval=0.05):
    """Polls @condition until it is true; fails after @timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError('timed out after %g s waiting for %s' % (timeout, what))


class RedisError(Exception):
    """An error reply of the server."""


class Client:
    """Just enough RESP2 to run commands and read their replies."""

    def __init__(self, port, password=None, timeout=30):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=timeout)
        self.buffer = b''
        if password is not None:
            self.call('AUTH', password)

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError('the server closed the connection')
        self.buffer += data

    def _line(self):
        while b'\r\n' not in self.buffer:
            self._fill()
        line, self.buffer = self.buffer.split(b'\r\n', 1)
        return line

    def _exact(self, n):
        while len(self.buffer) < n + 2:
            self._fill()
        data, self.buffer = self.buffer[:n], self.buffer[n + 2:]
        return data

    def _reply(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b'+':
            return rest.decode()
        if kind == b'-':
            return RedisError(rest.decode())
        if kind == b':':
            return int(rest)
        if kind == b'$':
            n = int(rest)
            return None if n < 0 else self._exact(n).decode('utf-8', 'replace')
        if kind == b'*':
            n = int(rest)
            return None if n < 0 else [self._reply() for _ in range(n)]
        raise RedisError('unexpected reply %r' % line)

    def call(self, *args):
        """Runs one command; an error reply is raised as RedisError."""
        out = [b'*%d\r\n' % len(args)]
        for arg in args:
            data = arg if isinstance(arg, bytes) else str(arg).encode()
            out.append(b'$%d\r\n%s\r\n' % (len(data), data))
        self.sock.sendall(b''.join(out))
        reply = self._reply()
        if isinstance(reply, RedisError):
            raise reply
        return reply


class RedisServer:
    """redis-server --port P --bind 127.0.0.1 --save "" --appendonly yes
    --dir DIR, started and stopped by the test."""

    def __init__(self, binary, directory, port=None, extra=()):
        self.binary = binary
        self.directory = directory
        self.port = port or free_port()
        self.extra = list(extra)
        self.process = None
        self.log = os.path.join(directory, 'redis-%d.log' % self.port)

    def start(self, password=None):
        args = [self.binary, '--port', str(self.port), '--bind', '127.0.0.1',
                '--save', '', '--appendonly', 'yes', '--dir', self.directory,
                '--logfile', self.log] + self.extra
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def answers():
            if self.process.poll() is not None:
                raise AssertionError('redis-server exited with %d; see %s'
                                     % (self.process.returncode, self.log))
            try:
                with Client(self.port, password, timeout=2) as client:
                    return client.call('PING') == 'PONG'
            except (OSError, RedisError):
                return False

        wait_for(answers, 30, 'redis-server on port %d' % self.port)
        return self

    def stop(self):
        """SIGTERM, as a service manager would: Redis writes its
        append-only file out before it exits."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def client(self, password=None):
        return Client(self.port, password)


WORDS = {
    'who': ['The harbour council', 'A group of beekeepers', 'The regional rail operator',
            'Several fishing crews', 'The university hospital', 'A village choir',
            'The city library', 'Local bakers', 'The ferry company', 'A team of engineers'],
    'did': ['announced plans for', 'voted against', 'raised money for', 'warned about',
            'celebrated', 'postponed', 'published a report on', 'asked for help with',
            'finished work on', 'argued over'],
    'what': ['a new footbridge', 'the winter timetable', 'a flood barrier', 'the spring market',
             'an electric bus line', 'the old lighthouse', 'a solar farm', 'the school roof',
             'a cycling festival', 'the night shelter'],
    'when': ['on Monday', 'this week', 'after a long debate', 'despite heavy rain',
             'before the holidays', 'in a crowded hall', 'for the third time', 'late on Friday'],
    'more': ['Residents said the change was overdue.', 'Officials expect costs to rise.',
             'Opponents plan to appeal the decision.', 'A spokesperson declined to comment.',
             'The work should take about eight months.', 'Volunteers will help on weekends.',
             'Some shops fear fewer visitors.', 'Figures will be published next month.'],
}


def invented_article(number):
    """An invented news article, the same for the same number."""
    rnd = random.Random(number)
    sentences = []
    for _ in range(rnd.randint(6, 12)):
        sentences.append('%s %s %s %s.' % (rnd.choice(WORDS['who']), rnd.choice(WORDS['did']),
                                           rnd.choice(WORDS['what']), rnd.choice(WORDS['when'])))
        if rnd.random() < 0.5:
            sentences.append(rnd.choice(WORDS['more']))
    title = '%s %s %s' % (rnd.choice(WORDS['who']), rnd.choice(WORDS['did']), rnd.choice(WORDS['what']))
    return {'id': 'article-%05d' % number, 'title': title, 'text': ' '.join(sentences)}


def write_articles(path, first, count):
    """Writes @count invented articles (numbers first…) as JSON Lines."""
    import json
    with open(path, 'w', encoding='utf-8') as f:
        for number in range(first, first + count):
            f.write(json.dumps(invented_article(number)) + '\n')
    return path


def tool_environment():
    """A UTF-8 locale and no debug logging."""
    env = dict(os.environ)
    env['LC_ALL'] = 'C.UTF-8'
    env.pop('NF_DEBUG', None)
    env.pop('G_MESSAGES_DEBUG', None)
    return env


def launch(nf_launch, *elements, timeout=300):
    """Runs `nf-launch ELEMENTS…` to its end (text mode)."""
    return subprocess.run([nf_launch, *elements], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, encoding='utf-8',
                          env=tool_environment(), timeout=timeout)


def spawn(nf_launch, *elements, log=None):
    """Starts `nf-launch ELEMENTS…` in the background, output to @log."""
    out = open(log, 'w') if log else subprocess.DEVNULL
    try:
        return subprocess.Popen([nf_launch, *elements], stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT, env=tool_environment())
    finally:
        if log:
            out.close()
