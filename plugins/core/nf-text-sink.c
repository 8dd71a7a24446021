/* nf-text-sink.c: writes a readable digest of each document
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfTextSink:
 *
 * `textsink` writes a short digest of every document for people to read:
 *
 * ```
 * Title of the article
 * Site name · https://example.org/article · 2026-11-27T10:00:00Z
 *   • First summary sentence.
 *   • Second summary sentence.
 * people: Ada Lovelace, Charles Babbage
 * places: London
 * keywords: analytical engine
 *
 * ✗ world/broken: HTTP 404 Not Found
 * ```
 *
 * The first line is the title (the id when there is none); the second joins
 * the site name, URI and publication date that are known; then come the
 * summary sentences as bullets, or the first 300 characters of the text when
 * there is no summary, and the tags grouped by kind. A failed document is one
 * line, `✗ ID: MESSAGE`. A blank line separates documents.
 */
#include "nf-core-elements.h"

/* How much of the text stands in for a missing summary, in characters. */
#define EXCERPT_CHARS 300

struct _NfTextSink
{
  NfFileSink parent_instance;
};

G_DEFINE_FINAL_TYPE (NfTextSink, nf_text_sink, NF_TYPE_FILE_SINK)

/* Tag kinds in the order the digest lists them, with their headings. */
static const struct {
  const char *kind;
  const char *heading;
} tag_groups[] = {
  { NF_TAG_KIND_PERSON,       "people" },
  { NF_TAG_KIND_ORGANIZATION, "organizations" },
  { NF_TAG_KIND_PLACE,        "places" },
  { NF_TAG_KIND_TOPIC,        "topics" },
  { NF_TAG_KIND_KEYWORD,      "keywords" },
  { NF_TAG_KIND_SOURCE,       "sources" },
  { NF_TAG_KIND_MISC,         "other" },
};

/* Appends @text with every run of white space (paragraph breaks included)
 * turned into one space, at most @max_chars characters of it (-1: all),
 * cut at a word boundary with an ellipsis when it is longer. */
static void
append_collapsed (GString    *out,
                  const char *text,
                  int         max_chars)
{
  gsize start_len = out->len;
  gsize last_space = 0;
  gboolean pending_space = FALSE;
  int n_chars = 0;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > start_len;
          continue;
        }

      if (max_chars >= 0 && n_chars + (pending_space ? 1 : 0) >= max_chars)
        {
          /* Too long: go back to the last word boundary if that keeps most of it. */
          if (last_space > start_len + (out->len - start_len) / 2)
            g_string_truncate (out, last_space);
          g_string_append (out, "…");
          return;
        }

      if (pending_space)
        {
          last_space = out->len;
          g_string_append_c (out, ' ');
          n_chars++;
          pending_space = FALSE;
        }

      g_string_append_len (out, p, g_utf8_next_char (p) - p);
      n_chars++;
    }
}

static void
append_joined (GString    *out,
               gboolean   *first,
               const char *part)
{
  if (part == NULL || *part == '\0')
    return;

  if (!*first)
    g_string_append (out, " · ");
  g_string_append (out, part);
  *first = FALSE;
}

static void
append_tag_group (GString    *out,
                  GPtrArray  *tags,
                  const char *kind,
                  const char *heading)
{
  gboolean any = FALSE;

  for (guint i = 0; i < tags->len; i++)
    {
      NfTag *tag = g_ptr_array_index (tags, i);

      if (g_strcmp0 (nf_tag_get_kind (tag), kind) != 0 || nf_tag_get_text (tag) == NULL)
        continue;

      g_string_append (out, any ? ", " : heading);
      if (!any)
        g_string_append (out, ": ");
      g_string_append (out, nf_tag_get_text (tag));
      any = TRUE;
    }

  if (any)
    g_string_append_c (out, '\n');
}

static gboolean
is_known_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (tag_groups); i++)
    if (g_strcmp0 (tag_groups[i].kind, kind) == 0)
      return TRUE;
  return FALSE;
}

static void
append_tags (GString    *out,
             NfDocument *document)
{
  GPtrArray *tags = nf_document_get_tags (document);
  g_autoptr(GPtrArray) other_kinds = NULL;

  if (tags == NULL || tags->len == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (tag_groups); i++)
    append_tag_group (out, tags, tag_groups[i].kind, tag_groups[i].heading);

  /* Kinds added by other plugins come last, under their own names, in the
   * order they first appear. */
  other_kinds = g_ptr_array_new ();
  for (guint i = 0; i < tags->len; i++)
    {
      const char *kind = nf_tag_get_kind (g_ptr_array_index (tags, i));

      if (kind == NULL || is_known_kind (kind) ||
          g_ptr_array_find_with_equal_func (other_kinds, kind, g_str_equal, NULL))
        continue;

      g_ptr_array_add (other_kinds, (gpointer) kind);
      append_tag_group (out, tags, kind, kind);
    }
}

static void
append_digest (GString    *out,
               NfDocument *document)
{
  const char *id = nf_document_get_id (document);
  const char *title = nf_document_get_title (document);
  GPtrArray *summary = nf_document_get_summary (document);
  const char *text = nf_document_get_text (document);
  gboolean first = TRUE;
  gsize line_start;

  if (nf_document_has_error (document))
    {
      const GError *error = nf_document_get_error (document);

      g_string_append_printf (out, "✗ %s: %s\n",
                              id != NULL ? id : "(no id)",
                              error != NULL && error->message != NULL ? error->message : "failed");
      return;
    }

  append_collapsed (out, title != NULL ? title : (id != NULL ? id : "(no id)"), -1);
  g_string_append_c (out, '\n');

  line_start = out->len;
  append_joined (out, &first, nf_document_get_site_name (document));
  append_joined (out, &first, nf_document_get_uri (document));
  append_joined (out, &first, nf_document_get_published (document));
  if (out->len > line_start)
    g_string_append_c (out, '\n');

  if (summary != NULL && summary->len > 0)
    {
      for (guint i = 0; i < summary->len; i++)
        {
          g_string_append (out, "  • ");
          append_collapsed (out, nf_sentence_get_text (g_ptr_array_index (summary, i)), -1);
          g_string_append_c (out, '\n');
        }
    }
  else if (text != NULL && *text != '\0')
    {
      g_string_append (out, "  ");
      append_collapsed (out, text, EXCERPT_CHARS);
      g_string_append_c (out, '\n');
    }

  append_tags (out, document);
}

/* Digests are separated by a blank line. */
static void
nf_text_sink_format (NfFileSink *sink,
                     NfDocument *document,
                     guint64     index,
                     GString    *out)
{
  if (index > 0)
    g_string_append_c (out, '\n');
  append_digest (out, document);
}

static void
nf_text_sink_class_init (NfTextSinkClass *klass)
{
  NF_FILE_SINK_CLASS (klass)->format = nf_text_sink_format;

  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass),
                                 "Text digest sink",
                                 "Sink/File",
                                 "Writes a readable digest of each document: title, source, summary and tags",
                                 "libnewsfilter authors");
}

static void
nf_text_sink_init (NfTextSink *self)
{
}
