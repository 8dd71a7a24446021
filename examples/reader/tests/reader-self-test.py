#!/usr/bin/python3
# reader-self-test.py: runs News Digest's --self-test under Xvfb and checks
# what it showed against what the library makes of the same article.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# 1. `nf-launch filesrc location=ARTICLE ! clean ! summarize ! tag ! jsonsink`
#    gives the expected title, number of summary sentences and of tags;
# 2. `xvfb-run -a dbus-run-session -- news-digest --self-test ARTICLE
#    --screenshot PNG` must exit 0 and print the same;
# 3. the PNG must be a real picture of the window: its size the one the app
#    printed, not tiny, and not one flat colour.
#
# The environment (NF_PLUGIN_PATH, GSK_RENDERER=cairo, NO_AT_BRIDGE=1, ...)
# comes from examples/reader/meson.build.

import argparse
import json
import os
import struct
import subprocess
import sys
import zlib

# The app gives up after 60 s by itself; this only catches a hang.
RUN_TIMEOUT_S = 150
MIN_WIDTH, MIN_HEIGHT = 400, 300


def fail(message):
    print('FAIL: ' + message, file=sys.stderr)
    sys.exit(1)


def expected_record(nf_launch, article):
    out = subprocess.run(
        [nf_launch, 'filesrc', 'location=' + article, '!', 'clean', '!',
         'summarize', '!', 'tag', '!', 'jsonsink'],
        check=True, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    if len(lines) != 1:
        fail('nf-launch gave %d records for one article' % len(lines))
    return json.loads(lines[0])


def run_self_test(args):
    command = [args.xvfb_run, '-a', '-s', '-screen 0 1280x1024x24',
               args.dbus_run_session, '--',
               args.reader, '--self-test', args.article,
               '--screenshot', args.screenshot]
    print('running: ' + ' '.join(command))
    try:
        result = subprocess.run(command, capture_output=True, text=True,
                                timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        fail('the reader did not exit within %d s' % RUN_TIMEOUT_S)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        fail('the reader exited with %d' % result.returncode)
    shown = {}
    for line in result.stdout.splitlines():
        key, sep, value = line.partition(': ')
        if sep:
            shown[key] = value
    return shown


def read_png(path):
    """Returns (width, height, decompressed image data) of a PNG."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        fail('%s is not a PNG' % path)
    pos, width, height, idat = 8, 0, 0, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height = struct.unpack('>II', body[:8])
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def main():
    parser = argparse.ArgumentParser()
    for option in ('reader', 'nf-launch', 'xvfb-run', 'dbus-run-session',
                   'article', 'screenshot'):
        parser.add_argument('--' + option, required=True)
    args = parser.parse_args()

    expected = expected_record(args.nf_launch, args.article)
    if os.path.exists(args.screenshot):
        os.unlink(args.screenshot)
    shown = run_self_test(args)

    for key in ('title', 'summary-sentences', 'tags', 'screenshot'):
        if key not in shown:
            fail('the reader did not print "%s: …"' % key)
    if shown['title'] != expected['title']:
        fail('title shown %r, expected %r' % (shown['title'], expected['title']))
    n_summary = len(expected.get('summary', []))
    if int(shown['summary-sentences']) != n_summary or n_summary == 0:
        fail('%s summary sentences shown, the library made %d'
             % (shown['summary-sentences'], n_summary))
    n_tags = len(expected.get('tags', []))
    if int(shown['tags']) != n_tags or n_tags == 0:
        fail('%s tags shown, the library made %d' % (shown['tags'], n_tags))

    path, _, size = shown['screenshot'].rpartition(' ')
    if os.path.abspath(path) != os.path.abspath(args.screenshot):
        fail('screenshot saved to %s, asked for %s' % (path, args.screenshot))
    if not os.path.isfile(args.screenshot):
        fail('no screenshot at ' + args.screenshot)
    win_w, win_h = (int(n) for n in size.split('x'))
    width, height, pixels = read_png(args.screenshot)
    if (width, height) != (win_w, win_h):
        fail('PNG is %dx%d, the window %dx%d' % (width, height, win_w, win_h))
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        fail('PNG is only %dx%d' % (width, height))
    # A window with a title, text and coloured chips has many colours; a
    # blank or black capture has one or two.
    if len(set(pixels[i:i + 4] for i in range(0, len(pixels) - 4, 997))) < 20:
        fail('the screenshot is (nearly) one flat colour')

    print('ok: %r, %d summary sentences, %d tags, %dx%d screenshot'
          % (shown['title'], n_summary, n_tags, width, height))


if __name__ == '__main__':
    main()
