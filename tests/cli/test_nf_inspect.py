#!/usr/bin/python3
# test_nf_inspect.py: what nf-inspect lists and describes
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402
from clitest import BROKEN_PLUGIN_DIR, ToolTestCase, describe  # noqa: E402

CORE_ELEMENTS = ['appsink', 'appsrc', 'fakesink', 'fakesrc', 'filesrc', 'identity',
                 'jsonsink', 'tee', 'textsink']


def inspect(*args, **kwargs):
    return clitest.run(clitest.NF_INSPECT, *args, **kwargs)


def section(text, title):
    """The lines of one "Title:" section of an element's description."""
    parts = ('\n' + text).split('\n' + title + ':\n', 1)
    if len(parts) != 2:
        raise AssertionError('no section %s in:\n%s' % (title, text))
    return parts[1].split('\n\n', 1)[0].splitlines()


def property_block(text, name):
    """The three lines describing property @name: blurb, flags, type."""
    lines = section(text, 'Element Properties')
    for i, line in enumerate(lines):
        if re.match(r'^  %s\s+: ' % re.escape(name), line):
            return lines[i:i + 3]
    raise AssertionError('no property %s in:\n%s' % (name, '\n'.join(lines)))


def listing_counts(text):
    """Plugins and elements in nf-inspect's listing of loaded plugins."""
    listed = re.findall(r'(?m)^(\w+):  (\w+): ', text)
    return len({plugin for plugin, _ in listed}), len(listed)


class TestList(ToolTestCase):
    def test_lists_core_and_its_elements(self):
        result = inspect()
        self.assertExit(result, 0)
        listed = re.findall(r'(?m)^core:  (\w+): (.+)$', result.stdout)
        self.assertEqual(sorted(name for name, _ in listed), CORE_ELEMENTS)
        for name, text in listed:
            # "Long name — Description."
            self.assertRegex(text, r'^\S.* — \S.+$', name)
        # The total counts what the listing shows (other plugins may be built).
        plugins, elements = listing_counts(result.stdout)
        self.assertRegex(result.stdout, r'(?m)^Total: %d plugins? \(0 failed to load\), %d elements$'
                         % (plugins, elements))
        self.assertNotIn('failed to load:', result.stdout)
        self.assertEqual(result.stderr, '')

    def test_lists_a_broken_plugin_with_the_reason(self):
        result = inspect(extra_plugin_dir=BROKEN_PLUGIN_DIR)
        self.assertExit(result, 0)
        self.assertIn('\nPlugins that failed to load:\n', result.stdout)
        match = re.search(r'(?m)^broken:  failed to load: (.+)$', result.stdout)
        self.assertIsNotNone(match, describe(result))
        self.assertIn('libnfbroken.so', match.group(1))
        plugins, elements = listing_counts(result.stdout)
        self.assertRegex(result.stdout, r'(?m)^Total: %d plugins \(1 failed to load\), %d elements$'
                         % (plugins + 1, elements))
        # The healthy plugin is still listed in full.
        self.assertEqual(len(re.findall(r'(?m)^core:  \w+: ', result.stdout)), len(CORE_ELEMENTS))

    def test_version(self):
        result = inspect('--version')
        self.assertExit(result, 0)
        self.assertRegex(result.stdout, r'^nf-inspect \(libnewsfilter\) \d+\.\d+\.\d+\n$')


class TestElement(ToolTestCase):
    def test_filesrc(self):
        result = inspect('filesrc')
        self.assertExit(result, 0)
        out = result.stdout
        details = section(out, 'Factory Details')
        self.assertRegex(details[0], r'^  Name\s+filesrc$')
        self.assertTrue(any(re.match(r'^  Klass\s+Source/File$', line) for line in details), out)
        plugin = section(out, 'Plugin Details')
        self.assertRegex(plugin[0], r'^  Name\s+core$')
        self.assertTrue(any(re.match(r'^  Filename\s+\S*libnfcore\.so$', line) for line in plugin),
                        out)
        self.assertEqual(section(out, 'Type Hierarchy'),
                         ['  GObject', '   +----NfElement', '         +----NfSource',
                          '               +----NfFileSrc'])

        location = property_block(out, 'location')
        self.assertRegex(location[0], r'^  location\s+: File or directory to read, '
                                      r'or - for standard input$')
        self.assertRegex(location[1], r'^\s+flags: readable, writable$')
        self.assertRegex(location[2], r'^\s+String\. Default: null$')

        # Enum properties list their values.
        self.assertRegex(out, r'(?m)^\s+\(3\): jsonl\s+- NF_FILE_SRC_FORMAT_JSONL$')

        # NfElement's name is listed once, first.
        names = re.findall(r'(?m)^  (\S+)\s+: ', '\n'.join(section(out, 'Element Properties')))
        self.assertEqual(names[0], 'name')
        self.assertEqual(names.count('name'), 1)

    def test_identity_shows_ranges(self):
        result = inspect('identity')
        self.assertExit(result, 0)
        fail_every = property_block(result.stdout, 'fail-every')
        self.assertRegex(fail_every[2], r'^\s+Unsigned Integer\. Range: 0 - 4294967295 Default: 0$')
        self.assertRegex(section(result.stdout, 'Type Hierarchy')[-1], r'\+----NfIdentity$')

    def test_appsink_signals(self):
        result = inspect('appsink')
        self.assertExit(result, 0)
        signals = section(result.stdout, 'Element Signals')
        self.assertTrue(any('NfDocument *arg0' in line for line in signals), result.stdout)

    def test_unknown_element_suggests(self):
        result = inspect('filesrcc')
        self.assertExit(result, 1)
        self.assertEqual(result.stderr, 'No such element or plugin “filesrcc”; did you mean “filesrc”?\n')
        self.assertEqual(result.stdout, '')

    def test_unknown_name_without_suggestion(self):
        result = inspect('zzzzzzzzzzzzzzzz')
        self.assertExit(result, 1)
        self.assertEqual(result.stderr, 'No such element or plugin “zzzzzzzzzzzzzzzz”\n')

    def test_element_of_a_broken_plugin(self):
        result = inspect('brokensrc', extra_plugin_dir=BROKEN_PLUGIN_DIR)
        self.assertExit(result, 1)
        self.assertRegex(result.stderr, r'^nf-inspect: element “brokensrc” cannot be loaded: .*'
                                        r'libnfbroken\.so')


class TestPlugin(ToolTestCase):
    def test_core(self):
        result = inspect('core')
        self.assertExit(result, 0)
        out = result.stdout
        plugin = section(out, 'Plugin Details')
        self.assertRegex(plugin[0], r'^  Name\s+core$')
        self.assertTrue(any(re.match(r'^  License\s+LGPL-2\.1-or-later$', line) for line in plugin),
                        out)
        listed = re.findall(r'(?m)^  (\w+): \S', out.split('\n\n', 1)[1])
        self.assertEqual(listed, CORE_ELEMENTS)
        self.assertIn('\n  %d elements\n' % len(CORE_ELEMENTS), out)

    def test_broken_plugin(self):
        result = inspect('broken', extra_plugin_dir=BROKEN_PLUGIN_DIR)
        self.assertExit(result, 1)
        self.assertRegex(result.stdout, r'(?m)^  Name\s+broken$')
        self.assertRegex(result.stderr, r'^nf-inspect: plugin “broken” failed to load: .*'
                                        r'libnfbroken\.so')
        self.assertRegex(result.stdout, r'(?m)^  brokensrc: \(not loaded\)$')


if __name__ == '__main__':
    clitest.main()
