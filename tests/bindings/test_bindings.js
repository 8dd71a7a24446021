// test_bindings.js: libnewsfilter as a GJS program sees it, through the
// Nf-1.0 typelib.  Run as `gjs -m test_bindings.js`; prints TAP.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import GObject from 'gi://GObject';
import Nf from 'gi://Nf?version=1.0';
import System from 'system';

Gio._promisify(Nf.Pipeline.prototype, 'run_async', 'run_finish');
Nf.init();

const ASYNC_TIMEOUT_S = 60;

// A small TAP harness ------------------------------------------------------

const tests = [];
function test(name, func) {
    tests.push({name, func});
}

class AssertionError extends Error {}

function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new AssertionError(message);
}

function assertEqual(actual, expected, what = 'value') {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e)
        throw new AssertionError(`${what}: expected ${e}, got ${a}`);
}

function assertThrowsGError(func, domain, code) {
    try {
        func();
    } catch (e) {
        if (!(e instanceof GLib.Error))
            throw new AssertionError(`expected a GLib.Error, got ${e}`);
        if (domain !== null && !e.matches(domain, code))
            throw new AssertionError(`expected error ${domain}/${code}, got ${e.domain}/${e.code}: ${e.message}`);
        return e;
    }
    throw new AssertionError('expected an exception, none was thrown');
}

// Elements written in JavaScript ---------------------------------------------
//
// GJS runs JavaScript only on the main thread, so these are registered with
// MAIN_CONTEXT: the pipeline calls them on the context it was started from.

const JsUpper = GObject.registerClass({
    GTypeName: 'JsUpper',
}, class JsUpper extends Nf.Filter {
    vfunc_process(doc) {
        if (doc.get_title() !== null)
            doc.set_title(doc.get_title().toUpperCase());
        if (doc.get_text() !== null)
            doc.set_text(doc.get_text().toUpperCase());
        this.push(doc);
        return true;
    }
});

const JsTwice = GObject.registerClass({
    GTypeName: 'JsTwice',
}, class JsTwice extends Nf.Filter {
    vfunc_process(doc) {
        const copy = doc.copy();
        copy.set_id(`${doc.get_id()}#2`);
        this.push(doc);
        this.push(copy);
        return true;
    }
});

const JsRefuse = GObject.registerClass({
    GTypeName: 'JsRefuse',
}, class JsRefuse extends Nf.Filter {
    vfunc_process(doc) {
        const id = doc.get_id();
        if (Number(id[id.length - 1]) % 2 === 1) {
            throw new GLib.Error(Nf.element_error_quark(), Nf.ElementError.FORMAT,
                `odd documents are refused: ${id}`);
        }
        this.push(doc);
        return true;
    }
});

for (const [name, klass] of [['jsupper', JsUpper], ['jstwice', JsTwice], ['jsrefuse', JsRefuse]]) {
    const factory = Nf.Element.register(null, name, klass.$gtype, Nf.ElementFlags.MAIN_CONTEXT);
    if (!factory)
        throw new Error(`registering ${name} failed`);
}

// Helpers ------------------------------------------------------------------

function drain(sink) {
    const docs = [];
    while (sink.get_n_queued() > 0) {
        const doc = sink.pull_document();
        if (!doc)
            break;
        docs.push(doc);
    }
    return docs;
}

function makeDocuments(n, prefix = 'doc-') {
    const docs = [];
    for (let i = 0; i < n; i++) {
        const doc = Nf.Document.new(`${prefix}${i}`);
        doc.set_title(`title number ${i}`);
        doc.set_text(`Paragraph one of ${i}.\n\nParagraph two.`);
        docs.push(doc);
    }
    return docs;
}

function feed(pipeline, docs) {
    const src = pipeline.get_by_name('in');
    for (const doc of docs)
        assert(src.push_document(doc), `pushing ${doc.get_id()} failed`);
    src.end_of_stream();
}

function range(n, func) {
    return Array.from({length: n}, (_, i) => func(i));
}

async function runAsync(pipeline) {
    let timeoutId = 0;
    const timeout = new Promise((_, reject) => {
        timeoutId = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, ASYNC_TIMEOUT_S, () => {
            reject(new AssertionError(`run_async did not finish within ${ASYNC_TIMEOUT_S} s`));
            return GLib.SOURCE_REMOVE;
        });
    });
    try {
        return await Promise.race([pipeline.run_async(null), timeout]);
    } finally {
        GLib.source_remove(timeoutId);
    }
}

// Tests --------------------------------------------------------------------

test('init', () => {
    assert(Nf.is_initialized(), 'Nf.init() did not initialise');
    assert(/^\d+\.\d+\.\d+/.test(Nf.version_string()), 'version string');
    for (const name of ['fakesrc', 'identity', 'fakesink', 'appsrc', 'appsink'])
        assert(Nf.ElementFactory.find(name) !== null, `no factory named ${name}`);
});

test('parse_launch and run', () => {
    const pipeline = Nf.parse_launch('fakesrc num-documents=50 ! identity ! appsink name=out');
    assert(pipeline instanceof Nf.Pipeline);
    assert(pipeline.run(null));
    assertEqual(pipeline.get_n_done(), 50, 'documents done');
    assertEqual(pipeline.get_n_failed(), 0, 'documents failed');
    const sink = pipeline.get_by_name('out');
    assert(sink instanceof Nf.AppSink);
    const docs = drain(sink);
    assertEqual(docs.length, 50, 'documents at the sink');
    assertEqual(new Set(docs.map(d => d.get_id())).size, 50, 'distinct ids');
});

test('pipeline built from objects', () => {
    const src = Nf.ElementFactory.make('fakesrc', null);
    src.num_documents = 50;
    assertEqual(src.num_documents, 50, 'num-documents');
    const ident = Nf.ElementFactory.make('identity', null);
    const sink = Nf.ElementFactory.make('appsink', 'out');

    const pipeline = Nf.Pipeline.new(null);
    for (const element of [src, ident, sink])
        assert(pipeline.add(element));
    assert(src.link(ident));
    assert(ident.link(sink));
    assertEqual(ident.get_name(), 'identity0', 'default name');
    assertEqual(ident.get_path(), `/${pipeline.get_name()}/identity0`, 'path');
    assert(ident.get_upstream() === src, 'upstream');
    assert(pipeline.get_by_name('out') === sink, 'get_by_name');

    assert(pipeline.run(null));
    assertEqual(drain(sink).length, 50, 'documents at the sink');
});

test('parse error', () => {
    const e = assertThrowsGError(() => Nf.parse_launch('fakesrc ! identiy ! fakesink'),
        Nf.ParseError, Nf.ParseError.NO_SUCH_ELEMENT);
    assert(e.message.includes('identiy'), `message names the element: ${e.message}`);
    assert(/\b11\b/.test(e.message), `message gives the column: ${e.message}`);
    assert(e.message.replace('identiy', '').includes('identity'), `did you mean: ${e.message}`);
});

test('to_launch_string', () => {
    const pipeline = Nf.parse_launch('fakesrc num-documents=7 ! identity ! appsink name=out');
    const text = pipeline.to_launch_string();
    for (const part of ['fakesrc', 'num-documents=7', 'identity', 'appsink', 'name=out'])
        assert(text.includes(part), `${part} missing from ${text}`);
    const again = Nf.parse_launch(text);
    assertEqual(again.to_launch_string(), text, 'written twice');
    assert(again.run(null));
    assertEqual(drain(again.get_by_name('out')).length, 7, 'documents');
});

test('bus messages', () => {
    const pipeline = Nf.parse_launch('fakesrc num-documents=50 ! identity fail-every=5 ! appsink name=out');
    const bus = pipeline.get_bus();
    const every = [], warnings = [], eos = [], errors = [];
    bus.connect('message', (_bus, m) => every.push(m.get_message_type()));
    bus.connect('message::warning', (_bus, m) => warnings.push(m));
    bus.connect('message::eos', (_bus, m) => eos.push(m));
    bus.connect('message::error', (_bus, m) => errors.push(m));

    assert(pipeline.run(null));
    assertEqual(errors.length, 0, 'errors');
    assertEqual(eos.length, 1, 'EOS messages');
    assertEqual(warnings.length, 10, 'warnings');
    assertEqual(every.filter(t => t === Nf.MessageType.WARNING).length, 10, 'warnings seen by ::message');
    assertEqual(every[every.length - 1], Nf.MessageType.EOS, 'the last message');

    const path = `/${pipeline.get_name()}/identity0`;
    for (const m of warnings) {
        assertEqual(m.get_message_type(), Nf.MessageType.WARNING, 'type');
        assertEqual(m.get_source_path(), path, 'source path');
        assert(m.get_document_id(), 'document id');
        const error = m.get_error();
        assert(error instanceof GLib.Error, `error is a GLib.Error: ${error}`);
        assert(error.message.length > 0, 'error message');
    }
    const failed = drain(pipeline.get_by_name('out')).filter(d => d.has_error());
    assertEqual(failed.map(d => d.get_id()).sort(),
        warnings.map(m => m.get_document_id()).sort(), 'failed documents');
});

test('appsrc and appsink', () => {
    const pipeline = Nf.parse_launch('appsrc name=in ! identity ! appsink name=out');
    const sink = pipeline.get_by_name('out');
    const signalled = [];
    sink.connect('new-document', (_sink, doc) => signalled.push(doc.get_id()));
    feed(pipeline, makeDocuments(20));
    assert(pipeline.run(null));
    assertEqual(signalled, range(20, i => `doc-${i}`), 'new-document emissions');
    const docs = drain(sink);
    assertEqual(docs.map(d => d.get_id()), range(20, i => `doc-${i}`), 'ids in order');
    assertEqual(sink.pull_document(), null, 'pull after the last');
});

test('pull_document in the new-document handler', () => {
    const pipeline = Nf.parse_launch('appsrc name=in ! appsink name=out');
    const pulled = [];
    pipeline.get_by_name('out').connect('new-document', (appsink, announced) => {
        const doc = appsink.pull_document();
        assertEqual(doc.get_id(), announced.get_id(), 'pulled and announced');
        pulled.push(doc.get_id());
    });
    feed(pipeline, makeDocuments(10, 'p'));
    assert(pipeline.run(null));
    assertEqual(pulled, range(10, i => `p${i}`), 'pulled ids');
});

test('JS element by name, blocking run', () => {
    const pipeline = Nf.parse_launch('appsrc name=in ! jsupper ! identity ! appsink name=out');
    feed(pipeline, makeDocuments(30));
    assert(pipeline.run(null));
    const docs = drain(pipeline.get_by_name('out'));
    assertEqual(docs.map(d => d.get_title()), range(30, i => `TITLE NUMBER ${i}`), 'titles');
});

test('JS element by name, run_async', async () => {
    const pipeline = Nf.parse_launch('fakesrc num-documents=40 text-size=32 ! identity ! jsupper ! appsink name=out');
    const warnings = [];
    pipeline.get_bus().connect('message::warning', (_b, m) => warnings.push(m));
    const ok = await runAsync(pipeline);
    assert(ok === true, `run_finish returned ${ok}`);
    assertEqual(warnings.length, 0, 'warnings');
    const docs = drain(pipeline.get_by_name('out'));
    assertEqual(docs.length, 40, 'documents');
    assert(docs.every(d => d.get_text() && d.get_text() === d.get_text().toUpperCase()), 'texts upper-cased');
});

test('JS element pushing twice', async () => {
    const pipeline = Nf.parse_launch('appsrc name=in ! jstwice ! jsupper ! appsink name=out');
    feed(pipeline, makeDocuments(5));
    assert(await runAsync(pipeline));
    const docs = drain(pipeline.get_by_name('out'));
    assertEqual(docs.map(d => d.get_id()),
        range(10, i => `doc-${i >> 1}${i % 2 ? '#2' : ''}`), 'ids');
});

test('JS element throwing GLib.Error', () => {
    const pipeline = Nf.parse_launch('appsrc name=in ! jsrefuse ! jsupper ! appsink name=out');
    const warnings = [];
    pipeline.get_bus().connect('message::warning', (_b, m) => warnings.push(m.get_document_id()));
    feed(pipeline, makeDocuments(6));
    assert(pipeline.run(null));
    const docs = drain(pipeline.get_by_name('out'));
    assertEqual(docs.map(d => d.get_id()), range(6, i => `doc-${i}`), 'ids');
    docs.forEach((doc, i) => {
        if (i % 2) {
            assert(doc.has_error(), `doc-${i} failed`);
            const error = doc.get_error();
            assert(error.matches(Nf.ElementError, Nf.ElementError.FORMAT), `error code of doc-${i}`);
            assertEqual(error.message, `odd documents are refused: doc-${i}`, 'message');
            assertEqual(doc.get_error_element(), `/${pipeline.get_name()}/jsrefuse0`, 'element');
        } else {
            assert(!doc.has_error(), `doc-${i} passed`);
            assertEqual(doc.get_title(), `TITLE NUMBER ${i}`, 'title');
        }
    });
    assertEqual(warnings.sort(), ['doc-1', 'doc-3', 'doc-5'], 'warnings');
});

test('pipeline error rejects run_async', async () => {
    const pipeline = Nf.parse_launch('fakesrc num-documents=10 ! jsonsink location=/dev/full');
    const errors = [];
    pipeline.get_bus().connect('message::error', (_b, m) => errors.push(m.get_source_path()));
    let caught = null;
    try {
        await runAsync(pipeline);
    } catch (e) {
        caught = e;
    }
    assert(caught instanceof GLib.Error, `expected a GLib.Error, got ${caught}`);
    assert(caught.matches(Nf.ElementError, Nf.ElementError.WRITE), `${caught.message}`);
    assertEqual(errors, [`/${pipeline.get_name()}/jsonsink0`], 'error messages');
});

test('cancelling run_async', async () => {
    const pipeline = Nf.parse_launch('fakesrc num-documents=1000 ! identity sleep-us=10000 ! fakesink');
    const cancellable = new Gio.Cancellable();
    GLib.timeout_add(GLib.PRIORITY_DEFAULT, 100, () => {
        cancellable.cancel();
        return GLib.SOURCE_REMOVE;
    });
    let caught = null;
    try {
        await pipeline.run_async(cancellable);
    } catch (e) {
        caught = e;
    }
    assert(caught instanceof GLib.Error, `expected a GLib.Error, got ${caught}`);
    assert(caught.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED), `${caught.message}`);
    assert(pipeline.get_n_done() < 1000, 'stopped early');
});

test('document JSON round trip', () => {
    const doc = Nf.Document.new('world/2026-11-27-export');
    doc.set_title('Export rules tightened');
    doc.set_language('en');
    doc.add_author('Ana Example');
    doc.set_text('Paragraph one says ü.\n\nParagraph two.');
    doc.set_meta_string('js.checked', 'yes');
    const text = doc.to_json_string(false);
    const record = JSON.parse(text);
    assertEqual(record.id, 'world/2026-11-27-export', 'id');
    assertEqual(record.authors, ['Ana Example'], 'authors');
    assertEqual(record.text, 'Paragraph one says ü.\n\nParagraph two.', 'text');
    assertEqual(record.meta, {'js.checked': 'yes'}, 'meta');
    assert(!('published' in record) && !('error' in record), 'absent fields left out');

    const again = Nf.Document.new_from_json_string(text, -1);
    assertEqual(again.get_title(), 'Export rules tightened', 'title');
    assertEqual(again.get_authors(), ['Ana Example'], 'authors');
    assertEqual(again.to_json_string(false), text, 'written again');
    assertThrowsGError(() => Nf.Document.new_from_json_string('{"id": ', -1), null, 0);
});

test('text toolkit: sentences, UTF-16 offsets, language', () => {
    // JavaScript strings count UTF-16 units: the emoji is two of them.
    const text = 'The \u{1F600} ferry left at 9 a.m. on Monday. It came back late.';
    const sentences = Nf.text_split_sentences(text, 'en');
    assert(sentences.length === 2, `expected 2 sentences, got ${sentences.length}`);
    const second = sentences[1];
    const from = Nf.text_offset_to_utf16(text, second.get_start());
    const to = Nf.text_offset_to_utf16(text, second.get_end());
    assert(text.slice(from, to) === 'It came back late.', `slice gave "${text.slice(from, to)}"`);
    assert(from === second.get_start() + 1, 'the emoji must count two UTF-16 units');
    const [language] = Nf.text_detect_language(
        'La municipalité a annoncé lundi que les travaux du nouveau pont commenceront au printemps prochain et dureront deux ans.');
    assert(language === 'fr', `detected ${language}`);
});

// Runner -------------------------------------------------------------------

async function runAll() {
    print(`1..${tests.length}`);
    let failures = 0;
    for (const [i, {name, func}] of tests.entries()) {
        try {
            await func();
            print(`ok ${i + 1} - ${name}`);
        } catch (e) {
            failures++;
            print(`not ok ${i + 1} - ${name}`);
            for (const line of `${e}\n${e.stack ?? ''}`.split('\n'))
                print(`# ${line}`);
        }
    }
    return failures;
}

const loop = new GLib.MainLoop(null, false);
let exitCode = 1;
runAll().then(failures => {
    exitCode = failures === 0 ? 0 : 1;
}).catch(e => {
    print(`Bail out! ${e}`);
}).finally(() => loop.quit());
loop.run();
System.exit(exitCode);
