#!/usr/bin/python3
# test_bindings.py: libnewsfilter as a Python program sees it, through
# PyGObject and the Nf-1.0 typelib.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run by `meson test` with GI_TYPELIB_PATH, LD_LIBRARY_PATH and
# NF_PLUGIN_PATH pointing into the build tree (tests/meson.build, gi_env).

import json
import sys
import threading
import unittest

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Nf', '1.0')
gi.require_version('Gio', '2.0')
from gi.repository import GLib, Gio, Nf  # noqa: E402

# Long enough for the slowest CI machine, short enough that a deadlock
# shows up as a failure rather than as meson's timeout.
ASYNC_TIMEOUT_S = 60


# Elements written in Python ------------------------------------------------

class PyUpper(Nf.Filter):
    """Upper-cases the title and the text, where set, and passes the
    document on."""
    __gtype_name__ = 'PyUpper'

    def do_process(self, doc):
        if doc.get_title() is not None:
            doc.set_title(doc.get_title().upper())
        if doc.get_text() is not None:
            doc.set_text(doc.get_text().upper())
        self.push(doc)
        return True


class PyTwice(Nf.Filter):
    """Passes on the document and a copy of it with `#2` added to the id."""
    __gtype_name__ = 'PyTwice'

    def do_process(self, doc):
        copy = doc.copy()
        copy.set_id(doc.get_id() + '#2')
        self.push(doc)
        self.push(copy)
        return True


class PyRefuse(Nf.Filter):
    """Fails every document whose id ends in an odd digit, with a GLib.Error."""
    __gtype_name__ = 'PyRefuse'

    def do_process(self, doc):
        if int(doc.get_id()[-1]) % 2 == 1:
            raise GLib.Error.new_literal(Nf.element_error_quark(),
                                         'odd documents are refused: ' + doc.get_id(),
                                         Nf.ElementError.FORMAT)
        self.push(doc)
        return True


class PyMainOnly(Nf.Filter):
    """Records whether it ran on the main thread; registered MAIN_CONTEXT."""
    __gtype_name__ = 'PyMainOnly'
    threads_seen = set()

    def do_process(self, doc):
        PyMainOnly.threads_seen.add(threading.current_thread() is threading.main_thread())
        self.push(doc)
        return True


class PySilent(Nf.Filter):
    """Returns False without saying why: the pipeline must make up an error."""
    __gtype_name__ = 'PySilent'

    def do_process(self, doc):
        return False


def register_python_elements():
    # nf_element_register() is Nf.Element.register() in the bindings: GI
    # makes it a static method of the class whose prefix it carries.
    for name, klass, flags in (('pyupper', PyUpper, Nf.ElementFlags.NONE),
                               ('pytwice', PyTwice, Nf.ElementFlags.NONE),
                               ('pyrefuse', PyRefuse, Nf.ElementFlags.NONE),
                               ('pysilent', PySilent, Nf.ElementFlags.NONE),
                               ('pymainonly', PyMainOnly, Nf.ElementFlags.MAIN_CONTEXT)):
        factory = Nf.Element.register(None, name, klass.__gtype__, flags)
        assert factory is not None, 'registering %s failed' % name
        assert factory.get_name() == name
        assert factory.get_flags() == flags


# Helpers -------------------------------------------------------------------

def drain(sink):
    """Every document still queued in an appsink, in order."""
    docs = []
    while sink.get_n_queued() > 0:
        doc = sink.pull_document()
        if doc is None:
            break
        docs.append(doc)
    return docs


def make_documents(n, prefix='doc-'):
    docs = []
    for i in range(n):
        doc = Nf.Document.new('%s%d' % (prefix, i))
        doc.set_title('title number %d' % i)
        doc.set_text('Paragraph one of %d.\n\nParagraph two.' % i)
        docs.append(doc)
    return docs


def run_async(pipeline, cancellable=None):
    """Runs @pipeline with run_async() in a GLib.MainLoop; returns
    (ok, error) from run_finish()."""
    loop = GLib.MainLoop()
    outcome = {}

    def on_done(source, result):
        try:
            outcome['ok'] = source.run_finish(result)
        except GLib.Error as e:
            outcome['error'] = e
        loop.quit()

    def on_timeout():
        outcome['timeout'] = True
        loop.quit()
        return GLib.SOURCE_REMOVE

    pipeline.run_async(cancellable, on_done)
    timeout_id = GLib.timeout_add_seconds(ASYNC_TIMEOUT_S, on_timeout)
    loop.run()
    if 'timeout' in outcome:
        raise AssertionError('run_async did not finish within %d s' % ASYNC_TIMEOUT_S)
    GLib.source_remove(timeout_id)
    return outcome.get('ok', False), outcome.get('error')


# Tests ---------------------------------------------------------------------

class InitTest(unittest.TestCase):
    def test_initialized(self):
        self.assertTrue(Nf.is_initialized())
        self.assertRegex(Nf.version_string(), r'^\d+\.\d+\.\d+')
        self.assertGreaterEqual(Nf.get_default_threads(), 1)

    def test_core_factories_found(self):
        for name in ('fakesrc', 'identity', 'fakesink', 'appsrc', 'appsink'):
            factory = Nf.ElementFactory.find(name)
            self.assertIsNotNone(factory, 'no factory named ' + name)
            self.assertEqual(factory.get_name(), name)


class LaunchTest(unittest.TestCase):
    def test_parse_launch_and_run(self):
        pipeline = Nf.parse_launch('fakesrc num-documents=50 ! identity ! appsink name=out')
        self.assertIsInstance(pipeline, Nf.Pipeline)
        self.assertTrue(pipeline.run(None))
        self.assertFalse(pipeline.is_running())
        self.assertEqual(pipeline.get_n_done(), 50)
        self.assertEqual(pipeline.get_n_failed(), 0)

        sink = pipeline.get_by_name('out')
        self.assertIsInstance(sink, Nf.AppSink)
        docs = drain(sink)
        self.assertEqual(len(docs), 50)
        ids = [d.get_id() for d in docs]
        self.assertEqual(len(set(ids)), 50, 'fakesrc ids are not unique: %r' % ids)
        self.assertTrue(all(not d.has_error() for d in docs))

    def test_build_from_objects(self):
        src = Nf.ElementFactory.make('fakesrc', None)
        src.set_property('num-documents', 50)
        self.assertEqual(src.get_property('num-documents'), 50)
        ident = Nf.ElementFactory.make('identity', None)
        sink = Nf.ElementFactory.make('appsink', 'out')
        self.assertEqual(sink.get_name(), 'out')

        pipeline = Nf.Pipeline.new(None)
        self.assertTrue(pipeline.get_name().startswith('pipeline'))
        for element in (src, ident, sink):
            self.assertTrue(pipeline.add(element))
        self.assertTrue(src.link(ident))
        self.assertTrue(ident.link(sink))

        self.assertEqual(src.get_name(), 'fakesrc0')
        self.assertEqual(ident.get_name(), 'identity0')
        self.assertEqual(ident.get_path(), '/%s/identity0' % pipeline.get_name())
        self.assertEqual(ident.get_upstream(), src)
        self.assertEqual(list(ident.get_downstream()), [sink])
        self.assertEqual(ident.get_pipeline(), pipeline)
        self.assertEqual(ident.get_factory().get_name(), 'identity')
        self.assertIs(pipeline.get_by_name('identity0'), ident)

        self.assertTrue(pipeline.run(None))
        self.assertEqual(len(drain(sink)), 50)

        n_in, n_out, failures, time_ns = ident.get_statistics()
        self.assertEqual((n_in, n_out, failures), (50, 50, 0))
        self.assertGreaterEqual(time_ns, 0)

    def test_unknown_factory(self):
        with self.assertRaises(GLib.Error):
            Nf.ElementFactory.make('nosuchelement', None)
        self.assertIsNone(Nf.ElementFactory.find('nosuchelement'))

    def test_parse_error(self):
        line = 'fakesrc ! identiy ! fakesink'
        with self.assertRaises(GLib.Error) as cm:
            Nf.parse_launch(line)
        error = cm.exception
        self.assertTrue(error.matches(Nf.parse_error_quark(), Nf.ParseError.NO_SUCH_ELEMENT),
                        '%s %d' % (error.domain, error.code))
        self.assertIn('identiy', error.message)
        # The column of the unknown element (counted from 1) is in the message,
        # and so is the closest name that exists.
        self.assertRegex(error.message, r'\b11\b')
        self.assertIn('identity', error.message.replace('identiy', ''))

    def test_parse_error_bad_value(self):
        with self.assertRaises(GLib.Error) as cm:
            Nf.parse_launch('fakesrc num-documents=lots ! fakesink')
        self.assertTrue(cm.exception.matches(Nf.parse_error_quark(), Nf.ParseError.BAD_VALUE))
        self.assertIn('num-documents', cm.exception.message)

    def test_to_launch_string_round_trip(self):
        pipeline = Nf.parse_launch('fakesrc num-documents=7 ! identity ! appsink name=out')
        text = pipeline.to_launch_string()
        for part in ('fakesrc', 'num-documents=7', 'identity', 'appsink', 'name=out'):
            self.assertIn(part, text)
        self.assertLess(text.index('fakesrc'), text.index('identity'))
        self.assertLess(text.index('identity'), text.index('appsink'))

        again = Nf.parse_launch(text)
        self.assertEqual(again.to_launch_string(), text)
        self.assertTrue(again.run(None))
        self.assertEqual(len(drain(again.get_by_name('out'))), 7)


class BusTest(unittest.TestCase):
    def test_eos_and_warnings(self):
        pipeline = Nf.parse_launch(
            'fakesrc num-documents=50 ! identity fail-every=5 ! appsink name=out')
        bus = pipeline.get_bus()
        self.assertIsInstance(bus, Nf.Bus)

        every, warnings, eos, errors = [], [], [], []
        bus.connect('message', lambda b, m: every.append(m.get_message_type()))
        bus.connect('message::warning', lambda b, m: warnings.append(m))
        bus.connect('message::eos', lambda b, m: eos.append(m))
        bus.connect('message::error', lambda b, m: errors.append(m))

        self.assertTrue(pipeline.run(None))

        self.assertEqual(errors, [])
        self.assertEqual(len(eos), 1)
        self.assertEqual(eos[0].get_message_type(), Nf.MessageType.EOS)
        self.assertEqual(len(warnings), 10)
        self.assertEqual(every.count(Nf.MessageType.WARNING), 10)
        self.assertEqual(every.count(Nf.MessageType.EOS), 1)
        # EOS is the last word of a run.
        self.assertEqual(every[-1], Nf.MessageType.EOS)

        identity_path = '/%s/identity0' % pipeline.get_name()
        for message in warnings:
            self.assertEqual(message.get_message_type(), Nf.MessageType.WARNING)
            self.assertEqual(message.get_source_path(), identity_path)
            self.assertIsNotNone(message.get_document_id())
            error = message.get_error()
            self.assertIsInstance(error, GLib.Error)
            self.assertTrue(error.message)
            self.assertGreater(message.get_timestamp(), 0)
            self.assertIn(message.get_document_id(), message.to_string())

        self.assertEqual(pipeline.get_n_done(), 50)
        self.assertEqual(pipeline.get_n_failed(), 10)
        docs = drain(pipeline.get_by_name('out'))
        self.assertEqual(len(docs), 50)
        failed = [d for d in docs if d.has_error()]
        self.assertEqual(len(failed), 10)
        self.assertEqual(sorted(d.get_id() for d in failed),
                         sorted(m.get_document_id() for m in warnings))
        for doc in failed:
            self.assertEqual(doc.get_error_element(), identity_path)

    def test_message_constructors(self):
        error = GLib.Error.new_literal(Nf.element_error_quark(), 'no such file',
                                       Nf.ElementError.NOT_FOUND)
        message = Nf.Message.new_warning('/pipeline0/filesrc0', 'world/1', error)
        self.assertEqual(message.get_message_type(), Nf.MessageType.WARNING)
        self.assertEqual(message.get_source_path(), '/pipeline0/filesrc0')
        self.assertEqual(message.get_document_id(), 'world/1')
        self.assertTrue(message.get_error().matches(Nf.element_error_quark(),
                                                    Nf.ElementError.NOT_FOUND))
        self.assertEqual(message.get_error().message, 'no such file')

        progress = Nf.Message.new_progress('/pipeline0', 10, 2, 5000)
        self.assertEqual(progress.get_message_type(), Nf.MessageType.PROGRESS)
        self.assertEqual(list(progress.get_progress()), [10, 2, 5000])


class AppSrcSinkTest(unittest.TestCase):
    def test_push_and_signal_order(self):
        pipeline = Nf.parse_launch('appsrc name=in ! identity ! appsink name=out')
        src = pipeline.get_by_name('in')
        sink = pipeline.get_by_name('out')
        self.assertIsInstance(src, Nf.AppSrc)

        signalled = []
        sink.connect('new-document', lambda s, doc: signalled.append((s, doc.get_id())))

        pushed = make_documents(20)
        for doc in pushed:
            self.assertTrue(src.push_document(doc))
        src.end_of_stream()

        self.assertTrue(pipeline.run(None))
        self.assertEqual([i for _, i in signalled], ['doc-%d' % i for i in range(20)])
        self.assertTrue(all(s is sink for s, _ in signalled))

        docs = drain(sink)
        self.assertEqual([d.get_id() for d in docs], ['doc-%d' % i for i in range(20)])
        self.assertEqual(docs[3].get_title(), 'title number 3')
        self.assertIsNone(sink.pull_document())

    def test_pull_in_signal_handler(self):
        pipeline = Nf.parse_launch('appsrc name=in ! appsink name=out')
        src = pipeline.get_by_name('in')
        sink = pipeline.get_by_name('out')
        pulled = []

        def on_new_document(appsink, announced):
            doc = appsink.pull_document()
            self.assertIsNotNone(doc)
            self.assertEqual(doc.get_id(), announced.get_id())
            pulled.append(doc.get_id())

        sink.connect('new-document', on_new_document)
        for doc in make_documents(10, 'p'):
            src.push_document(doc)
        src.end_of_stream()
        self.assertTrue(pipeline.run(None))
        self.assertEqual(pulled, ['p%d' % i for i in range(10)])
        self.assertEqual(sink.get_n_queued(), 0)


class PythonElementTest(unittest.TestCase):
    def run_docs(self, launch, docs, use_async=False):
        pipeline = Nf.parse_launch(launch)
        src = pipeline.get_by_name('in')
        for doc in docs:
            src.push_document(doc)
        src.end_of_stream()
        if use_async:
            ok, error = run_async(pipeline)
            self.assertIsNone(error)
            self.assertTrue(ok)
        else:
            self.assertTrue(pipeline.run(None))
        return pipeline, drain(pipeline.get_by_name('out'))

    def test_factory(self):
        factory = Nf.ElementFactory.find('pyupper')
        self.assertIsNotNone(factory)
        self.assertEqual(factory.get_element_type(), PyUpper.__gtype__)
        element = Nf.ElementFactory.make('pyupper', None)
        self.assertIsInstance(element, PyUpper)

    def test_upper_by_name_blocking(self):
        _, docs = self.run_docs('appsrc name=in ! pyupper ! appsink name=out',
                                make_documents(30))
        self.assertEqual([d.get_title() for d in docs],
                         ['TITLE NUMBER %d' % i for i in range(30)])

    def test_upper_by_name_async(self):
        _, docs = self.run_docs('appsrc name=in ! pyupper ! identity ! appsink name=out',
                                make_documents(30), use_async=True)
        self.assertEqual([d.get_title() for d in docs],
                         ['TITLE NUMBER %d' % i for i in range(30)])

    def test_python_element_with_fakesrc(self):
        # Documents made in C, on the pipeline's worker threads.
        pipeline = Nf.parse_launch(
            'fakesrc num-documents=40 text-size=32 ! pyupper ! tee name=t ! fakesink name=count '
            't. ! appsink name=out')
        self.assertTrue(pipeline.run(None))
        self.assertEqual(pipeline.get_n_failed(), 0)
        self.assertEqual(pipeline.get_by_name('count').get_property('count'), 40)
        docs = drain(pipeline.get_by_name('out'))
        self.assertEqual(len(docs), 40)
        for doc in docs:
            self.assertTrue(doc.get_text())
            self.assertEqual(doc.get_text(), doc.get_text().upper())

    def test_two_pushes(self):
        _, docs = self.run_docs('appsrc name=in ! pytwice ! pyupper ! appsink name=out',
                                make_documents(5))
        expected = []
        for i in range(5):
            expected += ['doc-%d' % i, 'doc-%d#2' % i]
        self.assertEqual([d.get_id() for d in docs], expected)
        self.assertTrue(all(d.get_title().isupper() for d in docs))

    def test_raised_error_fails_the_document(self):
        pipeline = Nf.parse_launch('appsrc name=in ! pyrefuse ! pyupper ! appsink name=out')
        warnings = []
        pipeline.get_bus().connect('message::warning', lambda b, m: warnings.append(m))
        src = pipeline.get_by_name('in')
        for doc in make_documents(6):
            src.push_document(doc)
        src.end_of_stream()
        self.assertTrue(pipeline.run(None))
        docs = drain(pipeline.get_by_name('out'))

        # Failed documents are not dropped: they reach the sink, in order,
        # with the Python exception as their error, and skip later filters.
        self.assertEqual([d.get_id() for d in docs], ['doc-%d' % i for i in range(6)])
        for i, doc in enumerate(docs):
            if i % 2 == 1:
                self.assertTrue(doc.has_error())
                error = doc.get_error()
                self.assertTrue(error.matches(Nf.element_error_quark(), Nf.ElementError.FORMAT))
                self.assertEqual(error.message, 'odd documents are refused: doc-%d' % i)
                self.assertEqual(doc.get_error_element(),
                                 '/%s/pyrefuse0' % pipeline.get_name())
                self.assertEqual(doc.get_title(), 'title number %d' % i)
            else:
                self.assertFalse(doc.has_error())
                self.assertEqual(doc.get_title(), 'TITLE NUMBER %d' % i)

        self.assertEqual(sorted(m.get_document_id() for m in warnings),
                         ['doc-1', 'doc-3', 'doc-5'])
        self.assertEqual(pipeline.get_n_failed(), 3)

        record = json.loads(docs[1].to_json_string(False))
        self.assertEqual(record['error']['message'], 'odd documents are refused: doc-1')

    def test_false_without_error_fails_the_document(self):
        _, docs = self.run_docs('appsrc name=in ! pysilent ! appsink name=out',
                                make_documents(2))
        self.assertEqual(len(docs), 2)
        for doc in docs:
            self.assertTrue(doc.has_error())
            self.assertTrue(doc.get_error().matches(Nf.element_error_quark(),
                                                    Nf.ElementError.NO_RESULT))
            self.assertIn('pysilent0', doc.get_error().message)


    def test_main_context_element(self):
        PyMainOnly.threads_seen.clear()
        for use_async in (False, True):
            _, docs = self.run_docs('appsrc name=in ! identity ! pymainonly ! appsink name=out',
                                    make_documents(20), use_async=use_async)
            self.assertEqual(len(docs), 20)
        self.assertEqual(PyMainOnly.threads_seen, {True})


class RunTest(unittest.TestCase):
    def test_pipeline_error(self):
        pipeline = Nf.parse_launch('fakesrc num-documents=10 ! jsonsink location=/dev/full')
        errors = []
        pipeline.get_bus().connect('message::error', lambda b, m: errors.append(m))
        with self.assertRaises(GLib.Error) as cm:
            pipeline.run(None)
        self.assertTrue(cm.exception.matches(Nf.element_error_quark(), Nf.ElementError.WRITE),
                        cm.exception.message)
        self.assertIn('/dev/full', cm.exception.message)
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0].get_message_type(), Nf.MessageType.ERROR)
        self.assertEqual(errors[0].get_source_path(), '/%s/jsonsink0' % pipeline.get_name())
        self.assertEqual(errors[0].get_error().message, cm.exception.message)
        self.assertFalse(pipeline.is_running())

    def test_cancel_async_run(self):
        pipeline = Nf.parse_launch('fakesrc num-documents=1000 ! identity sleep-us=10000 ! fakesink')
        cancellable = Gio.Cancellable()
        GLib.timeout_add(100, lambda: cancellable.cancel() or GLib.SOURCE_REMOVE)
        ok, error = run_async(pipeline, cancellable)
        self.assertFalse(ok)
        self.assertIsNotNone(error)
        self.assertTrue(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED), error.message)
        self.assertLess(pipeline.get_n_done(), 1000)
        self.assertFalse(pipeline.is_running())

    def test_busy(self):
        pipeline = Nf.parse_launch('fakesrc num-documents=200 ! identity sleep-us=1000 ! fakesink')
        loop = GLib.MainLoop()
        outcome = {}

        def on_done(source, result):
            outcome['ok'] = source.run_finish(result)
            loop.quit()

        pipeline.run_async(None, on_done)
        self.assertTrue(pipeline.is_running())
        with self.assertRaises(GLib.Error) as cm:
            pipeline.run(None)
        self.assertTrue(cm.exception.matches(Nf.pipeline_error_quark(), Nf.PipelineError.BUSY))
        loop.run()
        self.assertTrue(outcome['ok'])


class DocumentTest(unittest.TestCase):
    def test_json_round_trip(self):
        doc = Nf.Document.new('world/2026-11-27-export')
        doc.set_uri('https://example.org/world/export')
        doc.set_title('Export rules tightened')
        doc.set_language('en')
        doc.add_author('Ana Example')
        doc.add_author('Bo Sample')
        doc.set_text('Paragraph one says ü.\n\nParagraph two.')
        doc.set_meta_string('py.checked', 'yes')
        tag = Nf.Tag.new('keyword', 'export rules')
        tag.set_score(0.5)
        tag.add_mention(0, 9)
        doc.add_tag(tag)

        text = doc.to_json_string(False)
        record = json.loads(text)
        self.assertEqual(record['id'], 'world/2026-11-27-export')
        self.assertEqual(record['title'], 'Export rules tightened')
        self.assertEqual(record['authors'], ['Ana Example', 'Bo Sample'])
        self.assertEqual(record['text'], 'Paragraph one says ü.\n\nParagraph two.')
        self.assertEqual(record['meta'], {'py.checked': 'yes'})
        self.assertEqual(record['tags'][0]['kind'], 'keyword')
        self.assertEqual(record['tags'][0]['mentions'], [{'start': 0, 'end': 9}])
        # Absent values are left out, not written as empty strings.
        for absent in ('published', 'site_name', 'summary', 'error'):
            self.assertNotIn(absent, record)

        again = Nf.Document.new_from_json_string(text, -1)
        self.assertEqual(again.get_id(), doc.get_id())
        self.assertEqual(again.get_title(), doc.get_title())
        self.assertEqual(list(again.get_authors()), ['Ana Example', 'Bo Sample'])
        self.assertEqual(again.get_meta_string('py.checked'), 'yes')
        self.assertEqual(len(again.get_tags()), 1)
        self.assertEqual(again.get_tags()[0].get_text(), 'export rules')
        self.assertEqual(again.to_json_string(False), text)

        copy = doc.copy()
        copy.set_title('changed')
        self.assertEqual(doc.get_title(), 'Export rules tightened')

    def test_bad_json(self):
        with self.assertRaises(GLib.Error):
            Nf.Document.new_from_json_string('{"id": ', -1)


class TextToolkitTest(unittest.TestCase):
    """The text toolkit, as a Python user calls it."""

    TEXT = 'Dr. Ada Quill of the U.S. Navy arrived at 9 a.m. on Monday. She said: \u201cWe are ready.\u201d'

    def test_sentences(self):
        sentences = Nf.text_split_sentences(self.TEXT, 'en')
        self.assertEqual([s.get_text() for s in sentences],
                         ['Dr. Ada Quill of the U.S. Navy arrived at 9 a.m. on Monday.',
                          'She said: \u201cWe are ready.\u201d'])
        for s in sentences:
            self.assertEqual(self.TEXT[s.get_start():s.get_end()], s.get_text())

    def test_tokens_and_utf16(self):
        text = 'Caf\u00e9 \U0001F600 news'
        tokens = Nf.text_tokenize(text)
        self.assertEqual([t.get_text() for t in tokens], ['Caf\u00e9', 'news'])
        news = tokens[1]
        self.assertEqual(text[news.get_start():news.get_end()], 'news')
        # the emoji is one code point and two UTF-16 units
        self.assertEqual(Nf.text_offset_to_utf16(text, news.get_start()), news.get_start() + 1)

    def test_stopwords_stemmer_language(self):
        self.assertTrue(Nf.text_is_stopword('de', 'und'))
        self.assertIn('the', Nf.text_get_stopwords('en'))
        self.assertEqual(Nf.Stemmer.new('en').stem('running'), 'run')
        with self.assertRaises(GLib.Error):
            Nf.Stemmer.new('xx')
        language, confidence = Nf.text_detect_language(
            'Die Regierung hat am Montag beschlossen, dass die neuen Regeln für alle Unternehmen '
            'im ganzen Land ab dem nächsten Jahr gelten sollen.')
        self.assertEqual(language, 'de')
        self.assertGreater(confidence, 0.0)


def main():
    Nf.init()
    register_python_elements()
    program = unittest.main(exit=False, verbosity=2)
    result = program.result
    if result.testsRun == 0:
        print('no test ran', file=sys.stderr)
        return 1
    return 0 if result.wasSuccessful() else 1


if __name__ == '__main__':
    sys.exit(main())
