#!/usr/bin/python3
# custom-element.py: an element written in Python, used in a launch line.
#
#   custom-element.py examples/articles [--output FILE]
#
# `wordcount` is a filter: it counts the words of each document's text and
# stores the count in the document's meta as `wordcount`.  Registered at run
# time, it is used by name like the built-in elements:
#
#   filesrc location=DIR ! clean ! wordcount ! jsonsink location=FILE
#
# The script then reads the JSON Lines that jsonsink wrote and prints one
# line per article: its word count, id and title.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import os
import sys
import tempfile

import gi

gi.require_version('Json', '1.0')
gi.require_version('Nf', '1.0')
from gi.repository import GLib, Json, Nf  # noqa: E402


class WordCount(Nf.Filter):
    """Adds meta `wordcount`: the number of words in the text."""

    # The GType name must be unique in the process.
    __gtype_name__ = 'PyWordCount'

    # Filters run on the pipeline's worker threads, several documents at
    # once: keep no state between calls (or guard it with a lock).
    def do_process(self, doc):
        text = doc.get_text()
        if text is None:
            # Raising GLib.Error fails this document (it goes on to the
            # sinks with the error) and posts a WARNING; the others go on.
            raise GLib.Error.new_literal(Nf.element_error_quark(),
                                         'no text to count: run clean first',
                                         Nf.ElementError.EMPTY)
        # The library's tokenizer knows what a word is (no punctuation).
        count = len(Nf.text_tokenize(text))

        # Meta values are JSON: store a number, not a string.
        node = Json.Node.new(Json.NodeType.VALUE)
        node.set_int(count)
        doc.set_meta_node('wordcount', node)

        self.push(doc)      # pass the document on downstream
        return True


def main():
    parser = argparse.ArgumentParser(description='Count the words of articles with a Python element.')
    parser.add_argument('directory', help='a directory of articles (or one file)')
    parser.add_argument('--output', help='where jsonsink writes (default: a temporary file)')
    args = parser.parse_args()

    Nf.init()
    # nf_element_register() is a static method of Nf.Element in the
    # bindings.  No flags: Python elements may run on any thread.
    Nf.Element.register(None, 'wordcount', WordCount.__gtype__, Nf.ElementFlags.NONE)

    output = args.output
    if output is None:
        fd, output = tempfile.mkstemp(suffix='.jsonl')
        os.close(fd)

    pipeline = Nf.parse_launch('filesrc name=src ! clean ! wordcount ! jsonsink name=out')
    pipeline.get_by_name('src').set_property('location', args.directory)
    pipeline.get_by_name('out').set_property('location', output)
    try:
        pipeline.run(None)
    except GLib.Error as e:
        print('custom-element: %s' % e.message, file=sys.stderr)
        return 1

    # jsonsink writes one JSON record per document, in input order.
    with open(output, encoding='utf-8') as f:
        for line in f:
            record = json.loads(line)
            if 'error' in record:
                print('%s: %s' % (record['id'], record['error']['message']), file=sys.stderr)
                continue
            print('%6d  %-40s  %s' % (record['meta']['wordcount'], record['id'], record['title']))

    if args.output is None:
        os.unlink(output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
