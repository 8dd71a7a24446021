# clitest.py: what the nf-launch and nf-inspect tests share
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The scripts are run by meson as
#   python3 test_nf_*.py NF_LAUNCH NF_INSPECT [unittest arguments…]
# with NF_PLUGIN_PATH pointing at the built plugins and NF_PLUGIN_SYSTEM_PATH
# empty, so only the plugins of this build (and the fixtures) are seen.

import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, 'data')
ARTICLES = os.path.join(DATA, 'articles')
BROKEN_PLUGIN_DIR = os.path.join(DATA, 'broken-plugin')

NF_LAUNCH = None
NF_INSPECT = None


def tool_environment(extra_plugin_dir=None, **overrides):
    """The environment of a tool run: a UTF-8 locale (the tools print “curly
    quotes”, which GLib would turn into ? under LANG=C), no logging."""
    env = dict(os.environ)
    env['LC_ALL'] = 'C.UTF-8'
    env.pop('NF_DEBUG', None)
    env.pop('G_MESSAGES_DEBUG', None)
    if extra_plugin_dir is not None:
        path = env.get('NF_PLUGIN_PATH', '')
        env['NF_PLUGIN_PATH'] = path + ':' + extra_plugin_dir if path else extra_plugin_dir
    env.update(overrides)
    return env


def run(tool, *args, stdin_text=None, extra_plugin_dir=None, timeout=60, **env):
    """Runs @tool with exactly @args; returns the CompletedProcess (text mode)."""
    return subprocess.run([tool, *args],
                          input=stdin_text if stdin_text is not None else '',
                          capture_output=True, text=True, encoding='utf-8',
                          env=tool_environment(extra_plugin_dir, **env),
                          timeout=timeout)


def describe(result):
    return '\nexit status: %d\n--- stdout ---\n%s\n--- stderr ---\n%s' % (
        result.returncode, result.stdout[:4000], result.stderr[:4000])


class ToolTestCase(unittest.TestCase):
    maxDiff = None

    def assertExit(self, result, status):
        self.assertEqual(result.returncode, status, describe(result))


def main():
    global NF_LAUNCH, NF_INSPECT
    if len(sys.argv) < 3:
        sys.exit('usage: %s NF_LAUNCH NF_INSPECT [unittest options]' % sys.argv[0])
    NF_LAUNCH = os.path.abspath(sys.argv[1])
    NF_INSPECT = os.path.abspath(sys.argv[2])
    for tool in (NF_LAUNCH, NF_INSPECT):
        if not os.access(tool, os.X_OK):
            sys.exit('%s is not an executable' % tool)
    unittest.main(module='__main__', argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
