/* nf-clean.c: the article out of the page
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfClean:
 *
 * `clean` turns a news page into its article: the body text, paragraphs
 * separated by a blank line, and the metadata — title, authors, published
 * and modified dates (ISO 8601, UTC), language, site name, canonical URL,
 * lead image and description — read from JSON-LD, Open Graph, `<meta>`,
 * `<time>` and the visible byline, in that order of trust. The headline goes to the title, not
 * into the text.
 *
 * An HTML document (content type `text/html`) is parsed with libxml2's
 * HTML parser; the element holding most of the page's prose is taken as
 * the article, and its paragraphs, headings, list items, block quotes,
 * table rows and captions become the text, without navigation, share,
 * comment, related-story, newsletter and advertising blocks.
 *
 * A document that holds text but no HTML (a `.txt` file) is cleaned line
 * by line: widget lines ("Get a summary"), "Previous/Next Article" with
 * the titles after them are dropped, and bracketed editorial notes
 * (`[Source: …]`, `[Context: …]`…) move from the body to `source` tags.
 *
 * A page without an article fails with %NF_ELEMENT_ERROR_EMPTY.
 *
 * The `format` property chooses what `text` holds: plain text (the
 * default), Markdown, or a minimal HTML of the article. The blocks are
 * found and filtered the same way in every format; only how the kept
 * ones are written differs. Markdown writes headings (`##`), list items
 * (`- `, `1. `, nested ones indented), quotes (`> `), fenced
 * preformatted text, tables (`| a | b |`), links (`[text](url)`),
 * emphasis and code. HTML writes the same with p, h2…, ul/ol/li,
 * blockquote, pre, table/tr/th/td, figure/figcaption, a, em, strong,
 * code, sub and sup, and nothing else: no script, style, class or event
 * attribute, text escaped, links resolved against the page's address and
 * kept only for http, https and mailto (a `javascript:` or `data:` link
 * keeps its text and loses the link), so it is safe to show.
 *
 * There is one text field, and the elements after `clean` read it:
 * `summarize` and `tag` take it as plain prose, and their sentences and
 * mention offsets are counted in it. A pipeline that summarises or tags
 * therefore keeps the default `format=text`; Markdown and HTML are for
 * pipelines that end in a reader (`clean format=html ! jsonsink`).
 */
#include "nf-clean-private.h"

#include <string.h>
#include <libxml/parserInternals.h>

NF_DEBUG_CATEGORY_STATIC (clean_debug);

#define DEFAULT_MIN_PARAGRAPH_LENGTH 25
/* Far above any news page (the largest are a few MB, mostly scripts), far
 * below what would make the tree blow the memory of a busy worker. */
#define DEFAULT_MAX_SIZE (32 * 1024 * 1024)

struct _NfClean
{
  NfFilter parent_instance;

  guint          min_paragraph_length;
  gboolean       source_notes;
  guint64        max_size;
  NfCleanFormat  format;
};

enum {
  PROP_0,
  PROP_MIN_PARAGRAPH_LENGTH,
  PROP_SOURCE_NOTES,
  PROP_MAX_SIZE,
  PROP_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (NfCleanFormat, nf_clean_format,
  G_DEFINE_ENUM_VALUE (NF_CLEAN_FORMAT_TEXT, "text"),
  G_DEFINE_ENUM_VALUE (NF_CLEAN_FORMAT_MARKDOWN, "markdown"),
  G_DEFINE_ENUM_VALUE (NF_CLEAN_FORMAT_HTML, "html"))

G_DEFINE_FINAL_TYPE (NfClean, nf_clean, NF_TYPE_FILTER)

static const char *
document_name (NfDocument *document)
{
  const char *id = nf_document_get_id (document);

  if (id != NULL)
    return id;
  return nf_document_get_uri (document) != NULL ? nf_document_get_uri (document) : "(no id)";
}

static gboolean
content_is_html (NfDocument *document)
{
  const char *type = nf_document_get_content_type (document);

  return nf_document_get_content (document) != NULL && type != NULL &&
         (g_str_has_prefix (type, "text/html") || g_str_has_prefix (type, "application/xhtml"));
}

/* "en-GB" → "en": the record holds the language, not the locale. */
static void
normalize_language (NfDocument *document)
{
  const char *language = nf_document_get_language (document);
  g_autofree char *primary = NULL;

  if (language == NULL)
    return;
  primary = g_ascii_strdown (language, strcspn (language, "-_"));
  if (*primary != '\0' && strcmp (primary, language) != 0)
    nf_document_set_language (document, primary);
}

static gboolean
clean_html (NfClean     *self,
            NfDocument  *document,
            GError     **error)
{
  htmlDocPtr doc;
  gboolean truncated = FALSE;
  g_autoptr(GPtrArray) paragraphs = NULL;
  g_autofree char *text = NULL;

  doc = nf_clean_parse_page (nf_document_get_content (document), nf_document_get_content_type (document),
                             document_name (document),
                             nf_document_get_uri (document), MIN (self->max_size, G_MAXSIZE),
                             &truncated, error);
  if (doc == NULL)
    return FALSE;

  nf_clean_meta_read (doc, document);
  paragraphs = nf_clean_html_extract (doc, self->min_paragraph_length, self->format);
  xmlFreeDoc (doc);

  text = nf_clean_finish_paragraphs (paragraphs, document, self->source_notes, self->format);
  if (*text == '\0' && truncated)
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_FORMAT,
                   "no article found in %s: its markup nests deeper than %u elements, where the parser stops",
                   document_name (document), xmlParserMaxDepth);
      return FALSE;
    }
  if (*text == '\0')
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                   "no article found in %s", document_name (document));
      return FALSE;
    }
  if (truncated)
    NF_CAT_WARNING (clean_debug, "%s: markup nests deeper than %u elements; the text after that depth is lost",
                    document_name (document), xmlParserMaxDepth);
  nf_document_take_text (document, g_steal_pointer (&text));
  return TRUE;
}

/* The first paragraph of a plain-text extraction is its headline when it
 * is one short line without a full stop. */
static void
take_plain_title (NfDocument *document,
                  GPtrArray  *paragraphs)
{
  const char *first;
  gsize len;

  if (paragraphs->len < 2 || nf_document_get_title (document) != NULL)
    return;
  first = ((NfCleanBlock *) g_ptr_array_index (paragraphs, 0))->text;
  len = strlen (first);
  if (len == 0 || len > 250 || first[len - 1] == '.' || strchr (first, '\n') != NULL)
    return;
  {
    g_autofree char *title = nf_clean_nfc (first);
    nf_document_set_title (document, title);
  }
  g_ptr_array_remove_index (paragraphs, 0);
}

static gboolean
clean_plain_text (NfClean     *self,
                  NfDocument  *document,
                  GError     **error)
{
  g_autoptr(GPtrArray) paragraphs = nf_clean_split_plain_text (nf_document_get_text (document));
  g_autofree char *text = NULL;

  take_plain_title (document, paragraphs);
  text = nf_clean_finish_paragraphs (paragraphs, document, self->source_notes, self->format);
  if (*text == '\0')
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                   "no article found in %s: the text is empty", document_name (document));
      return FALSE;
    }
  nf_document_take_text (document, g_steal_pointer (&text));
  return TRUE;
}

static gboolean
nf_clean_process (NfFilter    *filter,
                  NfDocument  *document,
                  GError     **error)
{
  NfClean *self = NF_CLEAN (filter);
  gboolean ok;

  if (content_is_html (document))
    ok = clean_html (self, document, error);
  else if (nf_document_get_text (document) != NULL)
    ok = clean_plain_text (self, document, error);
  else
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_EMPTY,
                   "no article found in %s: the document holds neither HTML nor text",
                   document_name (document));
      return FALSE;
    }
  if (!ok)
    return FALSE;

  normalize_language (document);
  NF_CAT_DEBUG (clean_debug, "%s: %s", nf_element_get_name (NF_ELEMENT (self)),
                document_name (document));
  nf_element_push (NF_ELEMENT (self), document);
  return TRUE;
}

static void
nf_clean_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NfClean *self = NF_CLEAN (object);

  switch (prop_id)
    {
    case PROP_MIN_PARAGRAPH_LENGTH:
      g_value_set_uint (value, self->min_paragraph_length);
      break;
    case PROP_SOURCE_NOTES:
      g_value_set_boolean (value, self->source_notes);
      break;
    case PROP_MAX_SIZE:
      g_value_set_uint64 (value, self->max_size);
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_clean_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  NfClean *self = NF_CLEAN (object);

  switch (prop_id)
    {
    case PROP_MIN_PARAGRAPH_LENGTH:
      nf_property_update_uint (object, &self->min_paragraph_length, value, pspec);
      break;
    case PROP_SOURCE_NOTES:
      nf_property_update_boolean (object, &self->source_notes, value, pspec);
      break;
    case PROP_MAX_SIZE:
      nf_property_update_uint64 (object, &self->max_size, value, pspec);
      break;
    case PROP_FORMAT:
      if (self->format != (NfCleanFormat) g_value_get_enum (value))
        {
          self->format = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_clean_class_init (NfCleanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfFilterClass *filter_class = NF_FILTER_CLASS (klass);

  object_class->get_property = nf_clean_get_property;
  object_class->set_property = nf_clean_set_property;
  filter_class->process = nf_clean_process;

  /**
   * NfClean:min-paragraph-length:
   *
   * How many characters (code points) a block of text needs to count as
   * prose when the element looks for the article. Shorter blocks inside
   * the article are still kept.
   */
  properties[PROP_MIN_PARAGRAPH_LENGTH] =
    g_param_spec_uint ("min-paragraph-length", "Minimum paragraph length",
                       "Characters a block needs to count as prose when locating the article",
                       1, 10000, DEFAULT_MIN_PARAGRAPH_LENGTH,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfClean:source-notes:
   *
   * Whether bracketed editorial notes in plain text (`[Source: …]`,
   * `[Context: …]`, `[Statement attributed to …]`) move out of the body
   * into `source` tags. When %FALSE they stay in the text.
   */
  properties[PROP_SOURCE_NOTES] =
    g_param_spec_boolean ("source-notes", "Source notes",
                          "Move bracketed editorial notes of plain text into source tags",
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfClean:max-size:
   *
   * The largest HTML page, in bytes, the element parses. A larger page
   * fails with %NF_ELEMENT_ERROR_TOO_LARGE rather than growing a tree
   * many times its size.
   */
  properties[PROP_MAX_SIZE] =
    g_param_spec_uint64 ("max-size", "Maximum size",
                         "Largest HTML page in bytes that is parsed; larger pages fail",
                         1024, G_MAXINT, DEFAULT_MAX_SIZE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfClean:format:
   *
   * What the document's `text` holds: plain text with paragraphs
   * separated by a blank line (the default, what `summarize` and `tag`
   * read), Markdown with headings, lists, quotes, tables, links and
   * emphasis, or a minimal HTML safe to show in an application (only
   * structural and emphasis elements, links to http, https and mailto
   * addresses, no other attribute). The same paragraphs are kept in
   * every format.
   */
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", "Format",
                       "What the text holds: plain text, Markdown, or safe minimal HTML",
                       NF_TYPE_CLEAN_FORMAT, NF_CLEAN_FORMAT_TEXT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "Article cleaner",
                                 "Filter/Clean",
                                 "Extracts the article text and its metadata (title, authors, dates, language, site) from a news page",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (clean_debug, "clean", "the article extractor");

  /* libxml2 must be set up once before threads parse pages at the same time. */
  xmlInitParser ();
}

static void
nf_clean_init (NfClean *self)
{
  self->min_paragraph_length = DEFAULT_MIN_PARAGRAPH_LENGTH;
  self->source_notes = TRUE;
  self->max_size = DEFAULT_MAX_SIZE;
  self->format = NF_CLEAN_FORMAT_TEXT;
}
