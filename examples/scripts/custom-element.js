// custom-element.js: an element written in JavaScript, used in a launch line.
//
//   gjs -m custom-element.js examples/articles [--output FILE]
//
// `wordcount` is a filter: it counts the words of each document's text and
// stores the count in the document's meta as `wordcount`.  Registered at run
// time, it is used by name like the built-in elements:
//
//   filesrc location=DIR ! clean ! wordcount ! jsonsink location=FILE
//
// The script then reads the JSON Lines that jsonsink wrote and prints one
// line per article: its word count, id and title.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Json from 'gi://Json?version=1.0';
import Nf from 'gi://Nf?version=1.0';
import System from 'system';

// Adds meta `wordcount`: the number of words in the text.
const WordCount = GObject.registerClass({
    GTypeName: 'JsWordCount',   // must be unique in the process
}, class WordCount extends Nf.Filter {
    vfunc_process(doc) {
        const text = doc.get_text();
        if (text === null) {
            // Throwing a GLib.Error fails this document (it goes on to the
            // sinks with the error) and posts a WARNING; the others go on.
            throw new GLib.Error(Nf.element_error_quark(), Nf.ElementError.EMPTY,
                'no text to count: run clean first');
        }
        // The library's tokenizer knows what a word is (no punctuation).
        const count = Nf.text_tokenize(text).length;

        // Meta values are JSON: store a number, not a string.
        const node = Json.Node.new(Json.NodeType.VALUE);
        node.set_int(count);
        doc.set_meta_node('wordcount', node);

        this.push(doc);     // pass the document on downstream
        return true;
    }
});

function main(args) {
    let directory = null, output = null, bad = false;
    for (let i = 0; i < args.length; i++) {
        if (args[i] === '--output' && i + 1 < args.length)
            output = args[++i];
        else if (directory === null && !args[i].startsWith('-'))
            directory = args[i];
        else
            bad = true;
    }
    if (bad || directory === null) {
        printerr('usage: gjs -m custom-element.js DIRECTORY [--output FILE]');
        return 2;
    }

    Nf.init();
    // nf_element_register() is a static method of Nf.Element in the
    // bindings.  GJS runs JavaScript on the main thread only, so the element
    // is flagged MAIN_CONTEXT: the pipeline calls it on the main context,
    // which a blocking run() keeps iterating while it waits.
    Nf.Element.register(null, 'wordcount', WordCount.$gtype, Nf.ElementFlags.MAIN_CONTEXT);

    const temporary = output === null;
    if (temporary) {
        const [fd, path] = GLib.file_open_tmp('wordcount-XXXXXX.jsonl');
        GLib.close(fd);
        output = path;
    }

    const pipeline = Nf.parse_launch('filesrc name=src ! clean ! wordcount ! jsonsink name=out');
    pipeline.get_by_name('src').location = directory;
    pipeline.get_by_name('out').location = output;
    try {
        pipeline.run(null);
    } catch (e) {
        printerr(`custom-element: ${e.message}`);
        return 1;
    }

    // jsonsink writes one JSON record per document, in input order.
    const [, bytes] = GLib.file_get_contents(output);
    for (const line of new TextDecoder().decode(bytes).split('\n')) {
        if (line === '')
            continue;
        const record = JSON.parse(line);
        if (record.error) {
            printerr(`${record.id}: ${record.error.message}`);
            continue;
        }
        print(`${String(record.meta.wordcount).padStart(6)}  ${record.id.padEnd(40)}  ${record.title}`);
    }

    if (temporary)
        GLib.unlink(output);
    return 0;
}

System.exit(main(ARGV));
