#!/usr/bin/python3
# bench-fetch.py: fetchsrc against curl, both downloading the same local pages
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run with `meson test -C _build --benchmark --verbose bench-fetch`.
#
# Generates PAGES HTML pages of about SIZE bytes in a temporary folder, serves
# them with Debian's nginx on 127.0.0.1 (one worker process, so its CPU time
# is easy to read), and downloads every page once with
#
#   curl --parallel --parallel-max 64 --no-progress-meter -o /dev/null ...
#   nf-launch -q --strict fetchsrc location=urls.txt per-host=64 ! fakesink
#
# timing each, with the client's and nginx's CPU time.  nginx's access log is
# the referee: a run counts only if every page was served whole with status
# 200.  The script prints figures and fails only when a run does not work
# (a non-zero exit, a page missing); never on speed.  Without nginx or curl it
# exits with 77, which meson reports as skipped.

import argparse
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

SKIP = 77
NGINX = '/usr/sbin/nginx'
PARALLEL = 64


class RunFailed(Exception):
    pass


def parse_arguments():
    parser = argparse.ArgumentParser(
        description='Downloads local pages from nginx with fetchsrc and with curl.')
    parser.add_argument('--nf-launch', required=True, help='path of nf-launch')
    parser.add_argument('--pages', type=int, default=5000)
    parser.add_argument('--size', type=int, default=100 * 1000,
                        help='approximate size of a page in bytes')
    parser.add_argument('--runs', type=int, default=3,
                        help='runs of each client; the fastest is kept')
    parser.add_argument('--keep', action='store_true',
                        help='keep the temporary folder (pages, config, logs)')
    return parser.parse_args()


def find_tools(nf_launch):
    """Returns (nginx, curl), or exits with SKIP saying what is missing."""
    nginx = NGINX if os.access(NGINX, os.X_OK) else shutil.which('nginx')
    curl = shutil.which('curl')
    missing = []
    if nginx is None:
        missing.append('nginx (Debian package nginx-light)')
    if curl is None:
        missing.append('curl')
    if not os.access(nf_launch, os.X_OK):
        missing.append(nf_launch + ' (not built)')
    if missing:
        print('bench-fetch: skipped, missing ' + ', '.join(missing))
        sys.exit(SKIP)
    return nginx, curl


# --- pages -------------------------------------------------------------------

def write_pages(folder, n_pages, size):
    """Writes page-00000.html … as repeated paragraphs naming the page, so
    every page differs and the folder costs nothing to make again.  Returns
    the total number of bytes written."""
    os.makedirs(folder)
    total = 0
    for n in range(n_pages):
        head = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n'
                '<meta charset="utf-8">\n<title>Benchmark page %d</title>\n'
                '</head>\n<body>\n<article>\n<h1>Benchmark page %d</h1>\n' % (n, n))
        paragraph = ('<p>This is page %d of the fetch benchmark. Its paragraphs '
                     'repeat so that it weighs about a hundred kilobytes, like a '
                     'news article with its navigation, scripts and comments. '
                     'Page %d says nothing new, and says it again.</p>\n' % (n, n))
        tail = '</article>\n</body>\n</html>\n'
        repeats = max(1, (size - len(head) - len(tail)) // len(paragraph))
        data = (head + paragraph * repeats + tail).encode('ascii')
        with open(os.path.join(folder, 'page-%05d.html' % n), 'wb') as f:
            f.write(data)
        total += len(data)
    return total


# --- nginx -------------------------------------------------------------------

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def write_nginx_config(prefix, root, port):
    """One worker, everything (pid, logs, temp files) under PREFIX, no
    compression (neither client asks for it), and an access log of
    `connection status bytes uri` lines that the script reads to check each
    run and count the connections it opened."""
    user = ''
    if os.geteuid() == 0:
        # As root nginx would switch its worker to "nobody"; stay root so the
        # worker can read the private temporary folder.
        user = 'user root root;\n'
    temp = os.path.join(prefix, 'temp')
    os.makedirs(temp, exist_ok=True)
    config = f'''{user}worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;

events {{
    worker_connections 1024;
}}

http {{
    default_type text/html;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    gzip off;
    log_format bench '$connection $status $body_bytes_sent $request_uri';
    access_log {prefix}/access.log bench;
    client_body_temp_path {temp}/client;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;

    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
'''
    path = os.path.join(prefix, 'nginx.conf')
    with open(path, 'w') as f:
        f.write(config)
    return path


def die_with_parent():
    """In the child before exec: nginx gets SIGTERM if this script is killed
    outright, so no server outlives the benchmark."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


class Nginx:
    def __init__(self, nginx, prefix, root):
        self.nginx = nginx
        self.prefix = prefix
        self.root = root
        self.process = None
        self.port = None

    def start(self, first_page):
        for attempt in range(3):
            # The port could be taken between free_port() and nginx's bind:
            # then nginx exits at once and we try another.
            self.port = free_port()
            config = write_nginx_config(self.prefix, self.root, self.port)
            self.process = subprocess.Popen(
                [self.nginx, '-c', config, '-p', self.prefix + '/',
                 '-e', os.path.join(self.prefix, 'error.log')],
                stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
            if self.wait_until_serving(first_page):
                return
            self.stop()
        raise RunFailed('nginx did not start; its error log says:\n'
                        + self.error_log())

    def wait_until_serving(self, first_page, seconds=15):
        url = self.url(first_page)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        response.read()
                        return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def url(self, name):
        return 'http://127.0.0.1:%d/%s' % (self.port, name)

    def pids(self):
        """The master and its workers."""
        master = self.process.pid
        pids = [master]
        for entry in os.listdir('/proc'):
            if entry.isdigit():
                try:
                    with open('/proc/%s/stat' % entry) as f:
                        fields = f.read().rsplit(')', 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == master:
                    pids.append(int(entry))
        return pids

    def cpu_seconds(self):
        """utime + stime of the master and its workers, in seconds."""
        ticks = os.sysconf('SC_CLK_TCK')
        total = 0
        for pid in self.pids():
            try:
                with open('/proc/%d/stat' % pid) as f:
                    fields = f.read().rsplit(')', 1)[1].split()
            except OSError:
                continue
            # Fields after "(comm)": state is [0], utime [11], stime [12].
            total += int(fields[11]) + int(fields[12])
        return total / ticks

    def access_log_size(self):
        try:
            return os.path.getsize(os.path.join(self.prefix, 'access.log'))
        except OSError:
            return 0

    def access_log_since(self, offset):
        with open(os.path.join(self.prefix, 'access.log'), 'rb') as f:
            f.seek(offset)
            return f.read().decode('utf-8', 'replace').splitlines()

    def error_log(self):
        try:
            with open(os.path.join(self.prefix, 'error.log')) as f:
                return f.read()[-4000:]
        except OSError:
            return '(no error log)'

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            for pid in self.pids():
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            self.process.wait()


# --- clients -----------------------------------------------------------------

current_child = None


def run_timed(argv, stdout):
    """Runs ARGV; returns (exit status, wall seconds, CPU seconds of the
    child), the CPU time from wait4's rusage of that very process."""
    global current_child
    start = time.monotonic()
    current_child = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                     stdout=stdout)
    _, status, usage = os.wait4(current_child.pid, 0)
    wall = time.monotonic() - start
    current_child.returncode = os.waitstatus_to_exitcode(status)
    current_child = None
    return (os.waitstatus_to_exitcode(status), wall,
            usage.ru_utime + usage.ru_stime)


def write_curl_config(path, urls):
    with open(path, 'w') as f:
        for url in urls:
            f.write('url = "%s"\noutput = "/dev/null"\n' % url)


def check_served(name, log_lines, expected_uris):
    """Every page served once or more with status 200 and its full size;
    returns (requests, connections, bytes of the 200 responses of pages)."""
    served = set()
    connections = set()
    requests = 0
    total = 0
    problems = []
    for line in log_lines:
        parts = line.split(' ', 3)
        if len(parts) != 4:
            continue
        connection, status, size, uri = parts
        requests += 1
        connections.add(connection)
        if uri not in expected_uris:
            continue
        if status == '200' and int(size) == expected_uris[uri]:
            served.add(uri)
            total += int(size)
        elif len(problems) < 5:
            problems.append('%s answered %s with %s bytes' % (uri, status, size))
    missing = len(expected_uris) - len(served)
    if missing:
        raise RunFailed('%s: %d of %d pages were not served whole%s'
                        % (name, missing, len(expected_uris),
                           (' (' + '; '.join(problems) + ')') if problems else ''))
    return requests, len(connections), total


class Result:
    def __init__(self, name, pages, seconds, client_cpu, nginx_cpu,
                 requests, connections, bytes_):
        self.name = name
        self.pages = pages
        self.seconds = seconds
        self.client_cpu = client_cpu
        self.nginx_cpu = nginx_cpu
        self.requests = requests
        self.connections = connections
        self.bytes = bytes_

    @property
    def pages_per_second(self):
        return self.pages / self.seconds if self.seconds > 0 else float('inf')


def measure(name, argv, nginx, expected_uris, stdout_path):
    log_offset = nginx.access_log_size()
    nginx_before = nginx.cpu_seconds()
    with open(stdout_path, 'wb') as stdout:
        status, wall, client_cpu = run_timed(argv, stdout)
    nginx_cpu = nginx.cpu_seconds() - nginx_before
    if status != 0:
        with open(stdout_path, 'rb') as f:
            tail = f.read()[-2000:].decode('utf-8', 'replace')
        raise RunFailed('%s exited with status %d\n  command: %s%s'
                        % (name, status, ' '.join(argv),
                           ('\n' + tail) if tail else ''))
    # nginx writes its log line once the response is sent; give the last
    # ones a moment to land.
    time.sleep(0.1)
    requests, connections, total = check_served(name, nginx.access_log_since(log_offset),
                                   expected_uris)
    return Result(name, len(expected_uris), wall, client_cpu, nginx_cpu,
                  requests, connections, total)


def print_table(results, per_host):
    print()
    print('%d pages of about %d KB from nginx (1 worker) on 127.0.0.1, '
          'best of the runs:' % (results[0].pages,
                                 round(results[0].bytes / results[0].pages / 1000)))
    header = ('client', 'pages', 'requests', 'connections', 'seconds', 'pages/s', 'MB/s',
              'client CPU s', 'nginx CPU s')
    rows = []
    for r in results:
        rows.append((r.name, str(r.pages), str(r.requests), str(r.connections),
                     '%.2f' % r.seconds, '%.0f' % r.pages_per_second,
                     '%.1f' % (r.bytes / r.seconds / 1e6),
                     '%.2f' % r.client_cpu, '%.2f' % r.nginx_cpu))
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    line = '  '.join(h.ljust(w) if i == 0 else h.rjust(w)
                     for i, (h, w) in enumerate(zip(header, widths)))
    print(line)
    print('-' * len(line))
    for row in rows:
        print('  '.join(c.ljust(w) if i == 0 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths))))
    print()
    curl, nf = results
    print('nf-launch/curl pages/s ratio: %.2f  (%s)'
          % (nf.pages_per_second / curl.pages_per_second,
             'at least as fast as curl' if nf.pages_per_second >= curl.pages_per_second
             else 'slower than curl'))
    print('curl: --parallel --parallel-max %d; nf-launch: fetchsrc max-connections=%d '
          'per-host=%d (the default per-host is 8; all pages come from one host)'
          % (PARALLEL, PARALLEL, per_host))


def run(args, workdir):
    nginx_path, curl_path = find_tools(args.nf_launch)
    print('bench-fetch: nginx %s, curl %s, nf-launch %s'
          % (nginx_path, curl_path, args.nf_launch))

    root = os.path.join(workdir, 'www')
    pages_folder = os.path.join(root, 'pages')
    start = time.monotonic()
    write_pages(pages_folder, args.pages, args.size)
    print('bench-fetch: wrote %d pages in %.1f s to %s'
          % (args.pages, time.monotonic() - start, pages_folder))
    expected_uris = {}
    for n in range(args.pages):
        name = 'page-%05d.html' % n
        expected_uris['/pages/' + name] = os.path.getsize(
            os.path.join(pages_folder, name))

    nginx = Nginx(nginx_path, os.path.join(workdir, 'nginx'), root)
    os.makedirs(nginx.prefix)
    try:
        nginx.start('pages/page-00000.html')
        print('bench-fetch: nginx serving on 127.0.0.1:%d (pid %d)'
              % (nginx.port, nginx.process.pid))

        urls = [nginx.url(uri.lstrip('/')) for uri in expected_uris]
        urls_path = os.path.join(workdir, 'urls.txt')
        with open(urls_path, 'w') as f:
            f.write('\n'.join(urls) + '\n')
        curl_config = os.path.join(workdir, 'curl.conf')
        write_curl_config(curl_config, urls)

        per_host = PARALLEL
        clients = [
            ('curl', [curl_path, '--parallel', '--parallel-max', str(PARALLEL),
                      # -s alone leaves the parallel progress meter on
                      # (curl 7.88) when the URLs come from a config file.
                      '--no-progress-meter', '--fail', '--config', curl_config]),
            ('nf-launch', [args.nf_launch, '-q', '--strict', 'fetchsrc',
                           'location=' + urls_path,
                           'max-connections=%d' % PARALLEL,
                           'per-host=%d' % per_host, '!', 'fakesink']),
        ]
        best = {}
        for run_index in range(args.runs):
            # Alternate the clients so neither always runs on a warmer machine.
            for name, argv in clients:
                result = measure(name, argv, nginx, expected_uris,
                                 os.path.join(workdir, name + '.out'))
                print('bench-fetch: run %d %-9s %6.2f s  %6.0f pages/s  '
                      'client CPU %.2f s  nginx CPU %.2f s'
                      % (run_index + 1, name, result.seconds,
                         result.pages_per_second, result.client_cpu,
                         result.nginx_cpu))
                sys.stdout.flush()
                if name not in best or result.seconds < best[name].seconds:
                    best[name] = result
        print_table([best['curl'], best['nf-launch']], per_host)
    finally:
        nginx.stop()


def main():
    args = parse_arguments()

    # meson ends a benchmark that runs too long with SIGTERM: turn it into
    # an exception so the finally blocks stop nginx and remove the pages.
    def on_signal(signum, frame):
        raise KeyboardInterrupt('signal %d' % signum)
    signal.signal(signal.SIGTERM, on_signal)

    workdir = tempfile.mkdtemp(prefix='nf-bench-fetch-')
    try:
        run(args, workdir)
        return 0
    except RunFailed as e:
        print('bench-fetch: FAILED: %s' % e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print('bench-fetch: interrupted', file=sys.stderr)
        return 130
    finally:
        if current_child is not None and current_child.returncode is None:
            current_child.kill()
            current_child.wait()
        if args.keep:
            print('bench-fetch: kept %s' % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
