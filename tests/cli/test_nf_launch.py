#!/usr/bin/python3
# test_nf_launch.py: nf-launch's outputs, messages and exit statuses
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402
from clitest import ARTICLES, BROKEN_PLUGIN_DIR, ToolTestCase, describe  # noqa: E402

ARTICLE_IDS = ['alpha', 'beta', 'business/gamma']
SUMMARY_RE = re.compile(r'^nf-launch: (\d+) documents, (\d+) failed, in \d+\.\d\d s '
                        r'\(\d+\.\d docs/s\)$')
WARNING_RE = re.compile(r'^nf-launch: warning: (\S+): (.+) \(element (/pipeline0/\S+)\)$')


def launch(*args, **kwargs):
    return clitest.run(clitest.NF_LAUNCH, *args, **kwargs)


def read_records(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f.read().splitlines()]


def records_of(text):
    return [json.loads(line) for line in text.splitlines()]


class LaunchTestCase(ToolTestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='nf-cli-')
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.out = os.path.join(self.tmp, 'out.jsonl')


class TestRun(LaunchTestCase):
    def test_directory_to_json_lines_quietly(self):
        # The exact command line of the brief: no quoting, options first.
        result = launch('-q', 'filesrc', 'location=' + ARTICLES, '!',
                        'jsonsink', 'location=' + self.out)
        self.assertExit(result, 0)
        self.assertEqual(result.stderr, '')
        self.assertEqual(result.stdout, '')
        records = read_records(self.out)
        self.assertEqual(len(records), 3)
        self.assertEqual(sorted(r['id'] for r in records), ARTICLE_IDS)
        for record in records:
            self.assertNotIn('error', record)

    def test_summary_line_without_quiet(self):
        result = launch('filesrc', 'location=' + ARTICLES, '!', 'jsonsink', 'location=' + self.out)
        self.assertExit(result, 0)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, describe(result))
        match = SUMMARY_RE.match(lines[0])
        self.assertIsNotNone(match, describe(result))
        self.assertEqual(match.group(1, 2), ('3', '0'))

    def test_jsonsink_writes_stdout_by_default(self):
        result = launch('-q', 'filesrc', 'location=' + ARTICLES, '!', 'jsonsink')
        self.assertExit(result, 0)
        self.assertEqual(sorted(r['id'] for r in records_of(result.stdout)), ARTICLE_IDS)

    def test_description_in_one_argument(self):
        result = launch('-q', 'filesrc location=%s ! jsonsink location=%s' % (ARTICLES, self.out))
        self.assertExit(result, 0)
        self.assertEqual(sorted(r['id'] for r in read_records(self.out)), ARTICLE_IDS)

    def test_argument_with_spaces_is_one_value(self):
        # The shell keeps `location="my articles"` as one argument: nf-launch
        # must not let the parser split it again.
        folder = os.path.join(self.tmp, 'my articles')
        shutil.copytree(ARTICLES, folder)
        out = os.path.join(self.tmp, 'out file.jsonl')
        result = launch('-q', 'filesrc', 'location=' + folder, '!', 'jsonsink', 'location=' + out)
        self.assertExit(result, 0)
        self.assertEqual(sorted(r['id'] for r in read_records(out)), ARTICLE_IDS)

    def test_double_dash_ends_options(self):
        result = launch('-q', '--', 'filesrc', 'location=' + ARTICLES, '!',
                        'jsonsink', 'location=' + self.out)
        self.assertExit(result, 0)
        self.assertEqual(len(read_records(self.out)), 3)

    def test_stdin(self):
        lines = ''.join(json.dumps({'id': 'stdin-%d' % i, 'title': 'Title %d' % i,
                                    'text': 'Paragraph %d.' % i}) + '\n' for i in range(5))
        result = launch('-q', 'filesrc', 'location=-', '!', 'jsonsink', 'location=' + self.out,
                        stdin_text=lines)
        self.assertExit(result, 0)
        records = read_records(self.out)
        self.assertEqual([r['id'] for r in records], ['stdin-%d' % i for i in range(5)])
        self.assertEqual([r['title'] for r in records], ['Title %d' % i for i in range(5)])

    def test_threads_do_not_change_the_output(self):
        outputs = []
        for threads in ('1', '2'):
            result = launch('-q', '-j', threads, 'fakesrc', 'num-documents=1000', '!', 'jsonsink')
            self.assertExit(result, 0)
            self.assertEqual(result.stderr, '')
            outputs.append(result.stdout)
        self.assertEqual(len(outputs[0].splitlines()), 1000)
        self.assertEqual(outputs[0], outputs[1])

    def test_max_in_flight(self):
        result = launch('-q', '--max-in-flight', '4', '-j', '2', 'fakesrc', 'num-documents=50',
                        '!', 'jsonsink', 'location=' + self.out)
        self.assertExit(result, 0)
        self.assertEqual(len(read_records(self.out)), 50)

    def test_version(self):
        # Plugins are not scanned for --version: a broken one on the path
        # changes nothing.
        result = launch('--version', extra_plugin_dir=BROKEN_PLUGIN_DIR)
        self.assertExit(result, 0)
        self.assertRegex(result.stdout, r'^nf-launch \(libnewsfilter\) \d+\.\d+\.\d+\n$')
        self.assertEqual(result.stderr, '')


class TestFailures(LaunchTestCase):
    FAILING = ('fakesrc', 'num-documents=10', '!', 'identity', 'fail-every=2', '!')

    def test_failed_documents_are_warnings(self):
        result = launch(*self.FAILING, 'jsonsink', 'location=' + self.out)
        self.assertExit(result, 0)
        lines = result.stderr.splitlines()
        warnings = [WARNING_RE.match(line) for line in lines[:-1]]
        self.assertEqual(len(warnings), 5, describe(result))
        for match in warnings:
            self.assertIsNotNone(match, describe(result))
            self.assertEqual(match.group(3), '/pipeline0/identity0')
        summary = SUMMARY_RE.match(lines[-1])
        self.assertIsNotNone(summary, describe(result))
        self.assertEqual(summary.group(1, 2), ('10', '5'))

        # Nothing is dropped: the failed documents reach the sink with an error.
        records = read_records(self.out)
        self.assertEqual(len(records), 10)
        failed_ids = sorted(r['id'] for r in records if 'error' in r)
        self.assertEqual(len(failed_ids), 5)
        self.assertEqual(sorted(m.group(1) for m in warnings), failed_ids)

    def test_quiet_hides_warnings(self):
        result = launch('-q', *self.FAILING, 'jsonsink', 'location=' + self.out)
        self.assertExit(result, 0)
        self.assertEqual(result.stderr, '')

    def test_strict_fails_on_failed_documents(self):
        result = launch('--strict', *self.FAILING, 'jsonsink', 'location=' + self.out)
        self.assertExit(result, 1)
        self.assertIn('nf-launch: error: 5 documents failed and --strict is set\n', result.stderr)
        self.assertEqual(len(read_records(self.out)), 10)

        # Errors are printed even with --quiet.
        result = launch('-q', '--strict', *self.FAILING, 'jsonsink', 'location=' + self.out)
        self.assertExit(result, 1)
        self.assertEqual(result.stderr, 'nf-launch: error: 5 documents failed and --strict is set\n')

    def test_strict_passes_without_failures(self):
        result = launch('-q', '--strict', 'fakesrc', 'num-documents=10', '!', 'jsonsink',
                        'location=' + self.out)
        self.assertExit(result, 0)

    def test_unwritable_output_is_a_pipeline_error(self):
        result = launch('-q', 'fakesrc', 'num-documents=10', '!', 'jsonsink', 'location=/dev/full')
        self.assertExit(result, 1)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, describe(result))
        self.assertTrue(lines[0].startswith('nf-launch: error: '), describe(result))
        self.assertIn('/dev/full', lines[0])

    def test_output_under_a_regular_file_is_a_pipeline_error(self):
        with open(os.path.join(self.tmp, 'file'), 'w') as f:
            f.write('not a folder\n')
        out = os.path.join(self.tmp, 'file', 'out.jsonl')
        result = launch('fakesrc', 'num-documents=3', '!', 'jsonsink', 'location=' + out)
        self.assertExit(result, 1)
        self.assertRegex(result.stderr, r'(?m)^nf-launch: error: .*out\.jsonl')

    def test_missing_input_is_a_pipeline_error(self):
        missing = os.path.join(self.tmp, 'missing')
        result = launch('filesrc', 'location=' + missing, '!', 'jsonsink', 'location=' + self.out)
        self.assertExit(result, 1)
        self.assertRegex(result.stderr, r'(?m)^nf-launch: error: .*missing')

    def test_verbose_error_gives_the_element(self):
        result = launch('-v', 'fakesrc', 'num-documents=3', '!', 'jsonsink', 'location=/dev/full')
        self.assertExit(result, 1)
        self.assertIn('nf-launch: error from element /pipeline0/jsonsink0\n', result.stderr)


class TestVerboseAndProgress(LaunchTestCase):
    def test_verbose_prints_messages_and_the_element_table(self):
        result = launch('-v', 'fakesrc', 'num-documents=20', '!', 'identity', '!',
                        'jsonsink', 'location=' + self.out)
        self.assertExit(result, 0)
        stderr = result.stderr
        self.assertIn('nf-launch: message: ', stderr)
        self.assertIn('nf-launch: element statistics:\n', stderr)
        table = stderr.split('nf-launch: element statistics:\n', 1)[1].splitlines()
        self.assertRegex(table[0], r'^\s+ELEMENT\s+IN\s+OUT\s+FAILED\s+TIME \(s\)\s+µs/DOCUMENT$')
        rows = {}
        for line in table[1:]:
            if not line.startswith('  /'):
                break
            fields = line.split()
            rows[fields[0]] = fields[1:]
        self.assertEqual(sorted(rows), ['/pipeline0/fakesrc0', '/pipeline0/identity0',
                                        '/pipeline0/jsonsink0'])
        self.assertEqual(rows['/pipeline0/identity0'][:3], ['20', '20', '0'])
        self.assertEqual(rows['/pipeline0/jsonsink0'][0], '20')
        self.assertEqual(rows['/pipeline0/fakesrc0'][1], '20')

    def test_dot_draws_the_pipeline_with_its_figures(self):
        dot = os.path.join(self.tmp, 'run.dot')
        result = launch('-q', '--dot', dot, 'fakesrc', 'num-documents=30', '!', 'identity',
                        'fail-every=10', '!', 'tee', 'name=t', '!', 'fakesink', 't.', '!',
                        'jsonsink', 'location=' + self.out)
        self.assertExit(result, 0)
        with open(dot, encoding='utf-8') as f:
            graph = f.read()
        self.assertTrue(graph.startswith('digraph "pipeline0" {\n'), graph)
        self.assertIn('label="pipeline0: 30 documents done, 3 failed";', graph)
        nodes = dict(re.findall(r'(?m)^  (e\d+) \[shape=box[^\]]*?label="([^"]*)"', graph))
        by_name = {label.split('\\n')[0]: (node, label) for node, label in nodes.items()}
        self.assertEqual(sorted(by_name), ['fakesink0', 'fakesrc0', 'identity0', 'jsonsink0', 't (tee)'])
        identity_node, identity = by_name['identity0']
        self.assertIn('\\nin: 30  out: 30\\nfailed: 3\\ntime: ', identity)
        self.assertIn('\\nin: 30\\nfailed: 3', by_name['jsonsink0'][1])
        self.assertIn('\\nout: 30', by_name['fakesrc0'][1])
        edges = re.findall(r'(?m)^  (e\d+) -> (e\d+);$', graph)
        self.assertEqual(len(edges), 4)
        self.assertIn((by_name['fakesrc0'][0], identity_node), edges)
        self.assertIn((by_name['t (tee)'][0], by_name['jsonsink0'][0]), edges)
        self.assertRegex(graph, r'(?m)^  %s \[shape=box, label="[^"]*", color=firebrick' % identity_node)
        self.assertNotIn('time:', by_name['fakesrc0'][1])

    def test_dot_to_an_unwritable_place_is_an_error(self):
        blocker = os.path.join(self.tmp, 'file')
        open(blocker, 'w').close()
        result = launch('-q', '--dot', os.path.join(blocker, 'g.dot'), 'fakesrc', 'num-documents=2',
                        '!', 'fakesink')
        self.assertExit(result, 1)
        self.assertIn('nf-launch: error: could not write the graph: ', result.stderr)
        self.assertIn(blocker, result.stderr)

    def test_progress_prints_a_final_line_off_a_terminal(self):
        result = launch('--progress', 'fakesrc', 'num-documents=30', '!', 'identity', 'fail-every=10',
                        '!', 'fakesink')
        self.assertExit(result, 0)
        self.assertRegex(result.stderr, r'(?m)^nf-launch: 30 done, \d+\.\d docs/s, 3 failed, '
                                        r'\d+\.\d s elapsed$')
        self.assertNotIn('\r', result.stderr)


    def test_progress_on_a_terminal_is_rewritten_in_place(self):
        primary, secondary = pty.openpty()
        process = subprocess.Popen([clitest.NF_LAUNCH, '--progress', 'fakesrc', 'num-documents=400',
                                    '!', 'identity', 'sleep-us=2000', '!', 'fakesink'],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=secondary, env=clitest.tool_environment())
        os.close(secondary)
        output = b''
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:   # EIO once the child has closed the terminal
                break
            if not chunk:
                break
            output += chunk
        os.close(primary)
        self.assertEqual(process.wait(timeout=60), 0)
        text = output.decode('utf-8')
        self.assertRegex(text, r'^\r\x1b\[Knf-launch: \d+ done, \d+\.\d docs/s, 0 failed, ')
        self.assertRegex(text, r'\r\x1b\[Knf-launch: 400 done, [^\r\n]*\r\n'
                               r'nf-launch: 400 documents, 0 failed, in [^\r\n]*\r\n$')


class TestUsageAndParseErrors(LaunchTestCase):
    def assertParseError(self, args, column, message):
        # Columns count characters from 1; the caret goes under that one.
        result = launch(*args)
        self.assertExit(result, 2)
        description = ' '.join(args)
        expected = ('nf-launch: could not parse the pipeline: column %d: %s\n'
                    '  %s\n'
                    '  %s^\n' % (column, message, description, ' ' * (column - 1)))
        self.assertEqual(result.stderr, expected)
        self.assertEqual(result.stdout, '')

    def test_unknown_element(self):
        self.assertParseError(['filesrc', 'location=x', '!', 'identiy', '!', 'jsonsink'],
                              22, 'no element “identiy”; did you mean “identity”?')

    def test_unknown_property(self):
        self.assertParseError(['filesrc', 'location=x', '!', 'jsonsink', 'locaton=out.jsonl'],
                              31, 'element “jsonsink0” has no property “locaton”; '
                              'did you mean “location”?')

    def test_bad_value(self):
        result = launch('fakesrc', 'num-documents=many', '!', 'fakesink')
        self.assertExit(result, 2)
        self.assertTrue(result.stderr.startswith('nf-launch: could not parse the pipeline: '),
                        describe(result))

    def test_syntax_error(self):
        result = launch('fakesrc', '!', '!', 'fakesink')
        self.assertExit(result, 2)
        self.assertTrue(result.stderr.startswith('nf-launch: could not parse the pipeline: '),
                        describe(result))

    def test_no_description(self):
        result = launch()
        self.assertExit(result, 2)
        self.assertIn('no pipeline description given', result.stderr)

    def test_unknown_option(self):
        result = launch('--bogus', 'fakesrc', '!', 'fakesink')
        self.assertExit(result, 2)
        self.assertIn('--bogus', result.stderr)

    def test_negative_threads(self):
        result = launch('-j', '-1', 'fakesrc', '!', 'fakesink')
        self.assertExit(result, 2)

    def test_broken_plugin(self):
        result = launch('brokensrc', '!', 'jsonsink', extra_plugin_dir=BROKEN_PLUGIN_DIR)
        self.assertExit(result, 2)
        first = result.stderr.splitlines()[0]
        self.assertTrue(first.startswith('nf-launch: could not parse the pipeline: '), first)
        self.assertIn('“broken”', first)
        self.assertIn('libnfbroken.so', first)


class TestInterrupt(LaunchTestCase):
    def test_sigint_stops_cleanly(self):
        process = subprocess.Popen([clitest.NF_LAUNCH, 'fakesrc', 'num-documents=1000000', '!',
                                    'identity', 'sleep-us=1000', '!', 'jsonsink',
                                    'location=' + self.out],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True,
                                   env=clitest.tool_environment())
        try:
            # Wait until documents flow, so that the interrupt lands mid-run.
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and process.poll() is None:
                if os.path.exists(self.out) and os.path.getsize(self.out) > 0:
                    break
                time.sleep(0.05)
            time.sleep(0.2)
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        self.assertEqual(process.returncode, 130, stderr)
        self.assertIn('nf-launch: interrupted', stderr)
        summary = SUMMARY_RE.match(stderr.splitlines()[-1])
        self.assertIsNotNone(summary, stderr)

        # The sink was flushed: every line is a whole record, as many as counted.
        records = read_records(self.out)
        self.assertGreater(len(records), 0)
        self.assertLess(len(records), 1000000)
        self.assertEqual(len(records), int(summary.group(1)))


if __name__ == '__main__':
    clitest.main()
