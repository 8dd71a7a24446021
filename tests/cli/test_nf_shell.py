#!/usr/bin/python3
# test_nf_shell.py: what a shell user meets — the bash completion of
# nf-launch and the manual pages, installed where man finds them
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

NF_LAUNCH = os.path.abspath(sys.argv[1])
NF_INSPECT = os.path.abspath(sys.argv[2])
SOURCE_ROOT = os.path.dirname(os.environ['NF_TEST_SRCDIR'])
BUILD_ROOT = os.path.dirname(os.environ['NF_TEST_BUILDDIR'])
COMPLETION = os.path.join(SOURCE_ROOT, 'tools', 'nf-launch-completion.bash')


def complete(line):
    """What the completion offers with the cursor at the end of @line."""
    script = ('source "$1"; COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}; '
              'read -r -a COMP_WORDS <<< "$COMP_LINE"; COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); '
              '_nf_launch; printf "%s\\n" "${COMPREPLY[@]}"')
    env = dict(os.environ, PATH=os.path.dirname(NF_LAUNCH) + os.pathsep + os.environ['PATH'])
    result = subprocess.run(['bash', '-c', script, 'bash', COMPLETION, line],
                            capture_output=True, text=True, env=env, timeout=60)
    if result.returncode != 0:
        raise AssertionError('completion failed: ' + result.stderr)
    return [word for word in result.stdout.splitlines() if word]


class TestCompletion(unittest.TestCase):
    def test_element_after_a_link(self):
        self.assertEqual(complete('nf-launch clean ! su'), ['summarize'])

    def test_first_element(self):
        self.assertEqual(complete('nf-launch fil'), ['filesrc'])

    def test_every_element_after_a_link(self):
        offered = complete('nf-launch filesrc location=x ! ')
        for name in ('clean', 'summarize', 'tag', 'jsonsink', 'tee'):
            self.assertIn(name, offered)
        self.assertNotIn('location=', offered)

    def test_properties_of_the_element(self):
        self.assertEqual(complete('nf-launch filesrc loc'), ['location='])
        self.assertEqual(complete('nf-launch filesrc location=a ! summarize sen'), ['sentences='])
        offered = complete('nf-launch tag kinds=entities ')
        self.assertIn('max-keywords=', offered)
        self.assertIn('!', offered)

    def test_options_are_skipped(self):
        self.assertEqual(complete('nf-launch -q --dot g.dot cle'), ['clean'])
        self.assertIn('--progress', complete('nf-launch --pro'))

    def test_branch_reference_starts_an_element(self):
        self.assertEqual(complete('nf-launch fakesrc ! tee name=t ! fakesink t. ! js'), ['jsonsink'])

    def test_location_completes_files(self):
        folder = tempfile.mkdtemp(prefix='nf-completion-')
        self.addCleanup(shutil.rmtree, folder)
        open(os.path.join(folder, 'articles.jsonl'), 'w').close()
        self.assertEqual(complete('nf-launch filesrc location=%s/art' % folder),
                         ['location=%s/articles.jsonl' % folder])


class TestManualPages(unittest.TestCase):
    def test_pages_format_without_warnings(self):
        for page in ('nf-launch.1', 'nf-inspect.1'):
            path = os.path.join(SOURCE_ROOT, 'docs', 'man', page)
            result = subprocess.run(['man', '--warnings', '-l', path], capture_output=True, text=True,
                                    env=dict(os.environ, MANWIDTH='80', LC_ALL='C.UTF-8'), timeout=60)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(result.stderr, '')
            for section in ('NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS'):
                self.assertIn('\n' + section + '\n', result.stdout)

    def test_man_finds_the_installed_pages(self):
        destdir = tempfile.mkdtemp(prefix='nf-install-')
        self.addCleanup(shutil.rmtree, destdir)
        install = subprocess.run(['meson', 'install', '-C', BUILD_ROOT, '--no-rebuild', '--quiet',
                                  '--tags', 'man,bash-completion', '--destdir', destdir],
                                 capture_output=True, text=True, timeout=300)
        self.assertEqual(install.returncode, 0, install.stdout + install.stderr)
        mandirs = [root for root, dirs, files in os.walk(destdir) if 'nf-launch.1' in files]
        self.assertEqual(len(mandirs), 1)
        manpath = os.path.dirname(mandirs[0])
        result = subprocess.run(['man', '-P', 'cat', 'nf-launch'], capture_output=True, text=True,
                                env=dict(os.environ, MANPATH=manpath, MANWIDTH='80', LC_ALL='C.UTF-8'),
                                timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('nf-launch - build and run a libnewsfilter pipeline', result.stdout)
        completions = [root for root, dirs, files in os.walk(destdir) if 'nf-launch' in files]
        self.assertEqual([os.path.basename(c) for c in completions], ['completions'])


if __name__ == '__main__':
    unittest.main(argv=sys.argv[:1], verbosity=2)
