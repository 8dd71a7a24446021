/* nf-file-src.c: reads documents from files, directories and standard input
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * NfFileSrc:
 *
 * `filesrc` reads articles from a file, from every matching file of a
 * directory tree, or from standard input (`location=-`).
 *
 * - HTML files become documents with their bytes, converted to UTF-8, as the
 *   content (`text/html; charset=utf-8`), ready for `clean`;
 * - text files also get the text itself;
 * - JSON Lines files (`.jsonl`, `.ndjson`, `.json`) hold one record per line,
 *   as `jsonsink` writes them, and are read a line at a time.
 *
 * Bytes become text in [func@Nf.decode_text]: a byte order mark, a
 * `<meta charset>`, then detection. The charset found is kept in the
 * document's `filesrc.charset` meta field.
 *
 * A file's id is its path relative to the location without its extension
 * (`business/001`); a location that is a single file gives its name without
 * the extension; standard input gives `stdin`. JSON Lines records keep their
 * `id`, or get `FILE:LINE` (the relative path with its extension and the line
 * number, from 1). Directories are walked in sorted (byte) order, skipping
 * hidden entries, so ids and output come out the same on every run.
 *
 * A file that cannot be read, is not text or is larger than
 * [property@NfFileSrc:max-size] still becomes a document, with its id and an
 * `error`, and a WARNING on the bus; a location that does not exist stops the
 * pipeline with %NF_ELEMENT_ERROR_NOT_FOUND.
 */
#include "nf-core-elements.h"

#include <string.h>
#include <unistd.h>
#include <gio/gunixinputstream.h>

NF_DEBUG_CATEGORY_STATIC (file_src_debug);

#define DEFAULT_PATTERN  "*.html;*.htm;*.xhtml;*.txt;*.text;*.jsonl;*.ndjson;*.json"
#define DEFAULT_MAX_SIZE (G_GUINT64_CONSTANT (64) * 1024 * 1024)
#define READ_CHUNK       (64 * 1024)

/* What is asked of every directory entry. */
#define ENTRY_ATTRIBUTES \
  G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
  G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN "," \
  G_FILE_ATTRIBUTE_ID_FILE

struct _NfFileSrc
{
  NfSource         parent_instance;

  char            *location;
  char            *pattern;
  gboolean         recursive;
  NfFileSrcFormat  format;
  guint64          max_size;
};

enum {
  PROP_0,
  PROP_LOCATION,
  PROP_PATTERN,
  PROP_RECURSIVE,
  PROP_FORMAT,
  PROP_MAX_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (NfFileSrcFormat, nf_file_src_format,
  G_DEFINE_ENUM_VALUE (NF_FILE_SRC_FORMAT_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (NF_FILE_SRC_FORMAT_HTML, "html"),
  G_DEFINE_ENUM_VALUE (NF_FILE_SRC_FORMAT_TEXT, "text"),
  G_DEFINE_ENUM_VALUE (NF_FILE_SRC_FORMAT_JSONL, "jsonl"))

G_DEFINE_FINAL_TYPE (NfFileSrc, nf_file_src, NF_TYPE_SOURCE)

/* The state of one run of generate(). */
typedef struct {
  NfFileSrc    *self;
  GCancellable *cancellable;
  GPtrArray    *patterns;   /* GPatternSpec, lower case */
  guint64       max_size;   /* G_MAXUINT64 when unlimited */
  gboolean      stopped;    /* the pipeline is stopping: read no more */
} Run;

/* One input being read: a file or standard input. */
typedef struct {
  const char *id;          /* the document id, for whole-file documents */
  const char *name;        /* FILE in FILE:LINE: the relative path with extension */
  const char *uri;         /* (nullable) */
  const char *display;     /* the path for messages */
} Input;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->patterns, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static gboolean
run_check_stopped (Run *run)
{
  if (!run->stopped && g_cancellable_is_cancelled (run->cancellable))
    run->stopped = TRUE;
  return run->stopped;
}

/* Pushes a document on; once the pipeline says stop, nothing more is read. */
static gboolean
emit (Run        *run,
      NfDocument *document)
{
  if (!nf_element_push (NF_ELEMENT (run->self), document))
    run->stopped = TRUE;
  return !run_check_stopped (run);
}

static gboolean
emit_failed (Run        *run,
             const char *id,
             const char *uri,
             int         code,
             const char *format,
             ...) G_GNUC_PRINTF (5, 6);

/* A per-input failure: the document still comes out, with its id and error. */
static gboolean
emit_failed (Run        *run,
             const char *id,
             const char *uri,
             int         code,
             const char *format,
             ...)
{
  g_autoptr(NfDocument) document = nf_document_new (id);
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (NF_ELEMENT_ERROR, code, format, args);
  va_end (args);

  if (uri != NULL)
    nf_document_set_uri (document, uri);

  NF_CAT_DEBUG (file_src_debug, "%s: %s failed: %s",
                nf_element_get_name (NF_ELEMENT (run->self)), id, error->message);
  nf_element_fail_document (NF_ELEMENT (run->self), document, error);
  return emit (run, document);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- Names, ids and formats ---- */

/* "business/001.html" → "business/001"; a leading dot is no extension. */
static char *
strip_extension (const char *path)
{
  const char *base = strrchr (path, '/');
  const char *dot;

  base = base != NULL ? base + 1 : path;
  dot = strrchr (base, '.');
  if (dot == NULL || dot == base)
    return g_strdup (path);

  return g_strndup (path, dot - path);
}

static NfFileSrcFormat
format_from_name (const char *name)
{
  static const struct {
    const char      *extension;
    NfFileSrcFormat  format;
  } extensions[] = {
    { "html",   NF_FILE_SRC_FORMAT_HTML },
    { "htm",    NF_FILE_SRC_FORMAT_HTML },
    { "xhtml",  NF_FILE_SRC_FORMAT_HTML },
    { "shtml",  NF_FILE_SRC_FORMAT_HTML },
    { "txt",    NF_FILE_SRC_FORMAT_TEXT },
    { "text",   NF_FILE_SRC_FORMAT_TEXT },
    { "jsonl",  NF_FILE_SRC_FORMAT_JSONL },
    { "ndjson", NF_FILE_SRC_FORMAT_JSONL },
    { "json",   NF_FILE_SRC_FORMAT_JSONL },
  };
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return NF_FILE_SRC_FORMAT_AUTO;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, extensions[i].extension) == 0)
      return extensions[i].format;

  return NF_FILE_SRC_FORMAT_AUTO;
}

/* For inputs without a telling name: `{` first is JSON Lines, `<` HTML. */
static NfFileSrcFormat
format_from_bytes (const guint8 *data,
                   gsize         length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  for (; i < length; i++)
    {
      if (g_ascii_isspace (data[i]))
        continue;
      if (data[i] == '{')
        return NF_FILE_SRC_FORMAT_JSONL;
      if (data[i] == '<')
        return NF_FILE_SRC_FORMAT_HTML;
      break;
    }

  return NF_FILE_SRC_FORMAT_TEXT;
}

static GPtrArray *
compile_patterns (const char *pattern)
{
  GPtrArray *specs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
  g_auto(GStrv) globs = g_strsplit (pattern != NULL ? pattern : "", ";", -1);

  for (guint i = 0; globs[i] != NULL; i++)
    {
      g_autofree char *glob = g_utf8_strdown (g_strstrip (globs[i]), -1);

      if (*glob != '\0')
        g_ptr_array_add (specs, g_pattern_spec_new (glob));
    }

  return specs;
}

/* File names match case-insensitively: ARTICLE.HTML is an HTML file too.
 * No pattern at all matches every file. */
static gboolean
name_matches (Run        *run,
              const char *name)
{
  g_autofree char *lower = NULL;

  if (run->patterns->len == 0)
    return TRUE;

  lower = g_utf8_strdown (name, -1);
  for (guint i = 0; i < run->patterns->len; i++)
    if (g_pattern_spec_match_string (g_ptr_array_index (run->patterns, i), lower))
      return TRUE;

  return FALSE;
}

/* ---- Whole-file documents (HTML, text) ---- */

/* Reads all of @stream, but never more than @max_size bytes: past that it
 * stops and sets @too_large, so a huge file costs no memory. */
static GBytes *
read_bounded (GInputStream  *stream,
              guint64        max_size,
              guint64        size_hint,
              GCancellable  *cancellable,
              gboolean      *too_large,
              GError       **error)
{
  /* A GByteArray holds at most G_MAXUINT bytes. */
  guint64 limit = MIN (max_size, (guint64) G_MAXUINT - READ_CHUNK);
  g_autoptr(GByteArray) data = g_byte_array_sized_new ((guint) MIN (size_hint, limit) + 1);

  *too_large = FALSE;

  for (;;)
    {
      guint old_len = data->len;
      gssize n;

      g_byte_array_set_size (data, old_len + READ_CHUNK);
      n = g_input_stream_read (stream, data->data + old_len, READ_CHUNK, cancellable, error);
      if (n < 0)
        return NULL;

      g_byte_array_set_size (data, old_len + n);
      if (n == 0)
        break;

      if (data->len > limit)
        {
          *too_large = TRUE;
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Line ends become \n, as everywhere in the library's texts. */
static char *
normalize_newlines (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
emit_whole_file (Run             *run,
                 const Input     *input,
                 GBytes          *bytes,
                 NfFileSrcFormat  format)
{
  g_autoptr(NfDocument) document = nf_document_new (input->id);
  g_autoptr(GError) error = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *text = NULL;
  NfCharsetSource charset_source;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  text = nf_decode_text (data, size, NULL,
                         format == NF_FILE_SRC_FORMAT_HTML ? "text/html" : "text/plain",
                         &charset, &charset_source, &error);
  if (text == NULL)
    return emit_failed (run, input->id, input->uri, NF_ELEMENT_ERROR_DECODE,
                        "%s: cannot be read as text: %s", input->display,
                        error != NULL ? error->message : "unknown reason");

  if (input->uri != NULL)
    nf_document_set_uri (document, input->uri);
  if (charset != NULL)
    nf_document_set_meta_string (document, "filesrc.charset", charset);

  NF_CAT_LOG (file_src_debug, "%s: %s, %" G_GSIZE_FORMAT " bytes of %s",
              nf_element_get_name (NF_ELEMENT (run->self)), input->id, size,
              charset != NULL ? charset : "?");

  if (format == NF_FILE_SRC_FORMAT_HTML)
    {
      gsize length = strlen (text);
      g_autoptr(GBytes) content = g_bytes_new_take (g_steal_pointer (&text), length);

      nf_document_set_content (document, content, "text/html; charset=utf-8");
    }
  else
    {
      char *normalized = normalize_newlines (text);
      gsize length = strlen (text);
      g_autoptr(GBytes) content = g_bytes_new_take (g_steal_pointer (&text), length);

      nf_document_set_content (document, content, "text/plain; charset=utf-8");
      nf_document_take_text (document, normalized);
    }

  return emit (run, document);
}

/* ---- JSON Lines ---- */

/* Reads one line (with its \n) into @line, never holding more than
 * @max_size bytes of it: the rest of a longer line is skipped and
 * @too_long set. Returns FALSE with @error unset at the end of the input. */
static gboolean
read_line_bounded (GBufferedInputStream  *stream,
                   guint64                max_size,
                   GString               *line,
                   gboolean              *too_long,
                   GCancellable          *cancellable,
                   GError               **error)
{
  gboolean got_any = FALSE;

  g_string_truncate (line, 0);
  *too_long = FALSE;

  for (;;)
    {
      gsize available;
      const char *buffer = g_buffered_input_stream_peek_buffer (stream, &available);
      const char *newline;
      gsize take;

      if (available == 0)
        {
          gssize n = g_buffered_input_stream_fill (stream, -1, cancellable, error);

          if (n < 0)
            return FALSE;
          if (n == 0)
            return got_any;
          continue;
        }

      got_any = TRUE;
      newline = memchr (buffer, '\n', available);
      take = newline != NULL ? (gsize) (newline - buffer) + 1 : available;

      if (!*too_long)
        {
          if (line->len + take > max_size)
            {
              *too_long = TRUE;
              g_string_truncate (line, 0);
            }
          else
            g_string_append_len (line, buffer, take);
        }

      if (g_input_stream_skip (G_INPUT_STREAM (stream), take, cancellable, error) < 0)
        return FALSE;

      if (newline != NULL)
        return TRUE;
    }
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Records without an id get FILE:LINE; a number is taken as it is written. */
static void
ensure_record_id (JsonObject *record,
                  const char *fallback)
{
  JsonNode *id = json_object_get_member (record, "id");

  if (id != NULL && JSON_NODE_HOLDS_VALUE (id))
    {
      GType type = json_node_get_value_type (id);

      if (type == G_TYPE_STRING && *json_node_get_string (id) != '\0')
        return;
      if (type == G_TYPE_INT64)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));

          json_object_set_string_member (record, "id", number);
          return;
        }
    }

  json_object_set_string_member (record, "id", fallback);
}

/* json-glib says "<data>:1:31: Parse error: …" of the one line it was given;
 * the line is known already, the column is worth keeping. */
static char *
describe_json_error (const GError *error)
{
  const char *message = error->message;
  const char *p;
  char *end;
  guint64 column;

  if (!g_str_has_prefix (message, "<data>:"))
    return g_strdup (message);

  p = strchr (message + strlen ("<data>:"), ':');
  if (p == NULL)
    return g_strdup (message);

  column = g_ascii_strtoull (p + 1, &end, 10);
  if (end == p + 1 || *end != ':')
    return g_strdup (message);

  for (end++; *end == ' '; end++)
    ;
  return g_strdup_printf ("column %" G_GUINT64_FORMAT ": %s", column, end);
}

static gboolean
emit_record (Run         *run,
             const Input *input,
             JsonParser  *parser,
             GString     *line,
             guint64      line_number)
{
  g_autofree char *where = g_strdup_printf ("%s:%" G_GUINT64_FORMAT, input->name, line_number);
  g_autoptr(GError) error = NULL;
  g_autoptr(NfDocument) document = NULL;
  JsonNode *root;
  const char *text = line->str;

  /* A byte order mark may open the file; JSON does not allow it. */
  if (line_number == 1 && g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    {
      g_autofree char *reason = describe_json_error (error);

      return emit_failed (run, where, input->uri, NF_ELEMENT_ERROR_FORMAT,
                          "%s: %s", where, reason);
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return emit_failed (run, where, input->uri, NF_ELEMENT_ERROR_FORMAT,
                        "%s: a record must be a JSON object, not %s", where,
                        root != NULL ? json_node_type_name (root) : "nothing");

  ensure_record_id (json_node_get_object (root), where);

  document = nf_document_new_from_json (root, &error);
  if (document == NULL)
    return emit_failed (run, where, input->uri, NF_ELEMENT_ERROR_FORMAT,
                        "%s: %s", where, error != NULL ? error->message : "not a valid record");

  if (nf_document_get_uri (document) == NULL && input->uri != NULL)
    nf_document_set_uri (document, input->uri);

  return emit (run, document);
}

static void
read_json_lines (Run                  *run,
                 const Input          *input,
                 GBufferedInputStream *stream)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) line = g_string_sized_new (4096);
  guint64 line_number = 0;

  while (!run_check_stopped (run))
    {
      g_autoptr(GError) error = NULL;
      gboolean too_long;

      if (!read_line_bounded (stream, run->max_size, line, &too_long, run->cancellable, &error))
        {
          if (error != NULL && !is_cancelled (error))
            {
              g_autofree char *where = g_strdup_printf ("%s:%" G_GUINT64_FORMAT,
                                                        input->name, line_number + 1);

              emit_failed (run, where, input->uri, NF_ELEMENT_ERROR_READ,
                           "%s: reading %s failed: %s", where, input->display, error->message);
            }
          return;
        }

      line_number++;

      if (too_long)
        {
          g_autofree char *where = g_strdup_printf ("%s:%" G_GUINT64_FORMAT,
                                                    input->name, line_number);

          if (!emit_failed (run, where, input->uri, NF_ELEMENT_ERROR_TOO_LARGE,
                            "%s: the line is longer than max-size (%" G_GUINT64_FORMAT " bytes)",
                            where, run->max_size))
            return;
          continue;
        }

      if (is_blank (line->str))
        continue;

      if (!emit_record (run, input, parser, line, line_number))
        return;
    }
}

/* ---- Inputs ---- */

/* Reads one opened input in @format (AUTO: decided by its first bytes). */
static void
read_stream (Run             *run,
             const Input     *input,
             GInputStream    *base,
             NfFileSrcFormat  format,
             guint64          size_hint)
{
  g_autoptr(GInputStream) stream = g_buffered_input_stream_new_sized (base, READ_CHUNK);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean too_large;

  if (format == NF_FILE_SRC_FORMAT_AUTO)
    {
      const guint8 *head;
      gsize head_length;

      if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (stream), -1,
                                        run->cancellable, &error) < 0)
        goto read_failed;

      head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (stream), &head_length);
      format = format_from_bytes (head, head_length);
    }

  if (format == NF_FILE_SRC_FORMAT_JSONL)
    {
      read_json_lines (run, input, G_BUFFERED_INPUT_STREAM (stream));
      return;
    }

  bytes = read_bounded (stream, run->max_size, size_hint, run->cancellable, &too_large, &error);
  if (too_large)
    {
      emit_failed (run, input->id, input->uri, NF_ELEMENT_ERROR_TOO_LARGE,
                   "%s: larger than max-size (%" G_GUINT64_FORMAT " bytes)",
                   input->display, run->max_size);
      return;
    }
  if (bytes == NULL)
    goto read_failed;

  emit_whole_file (run, input, bytes, format);
  return;

read_failed:
  if (is_cancelled (error))
    run->stopped = TRUE;
  else
    emit_failed (run, input->id, input->uri, NF_ELEMENT_ERROR_READ,
                 "%s: reading failed: %s", input->display, error->message);
}

static NfFileSrcFormat
choose_format (Run        *run,
               const char *name)
{
  if (run->self->format != NF_FILE_SRC_FORMAT_AUTO)
    return run->self->format;
  return format_from_name (name);
}

/* @relative is the path below the location (the file name for a location
 * that is a file); @size comes from the directory listing. */
static void
read_file (Run        *run,
           GFile      *file,
           const char *relative,
           guint64     size)
{
  g_autofree char *id = strip_extension (relative);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *display = g_file_get_parse_name (file);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  NfFileSrcFormat format = choose_format (run, relative);
  Input input = { id, relative, uri, display };

  NF_CAT_DEBUG (file_src_debug, "%s: reading %s", nf_element_get_name (NF_ELEMENT (run->self)), display);

  /* Whole-file formats are refused by size before a byte is read; JSON
   * Lines are streamed, and max-size bounds each line instead. */
  if (format != NF_FILE_SRC_FORMAT_JSONL && size > run->max_size)
    {
      emit_failed (run, id, uri, NF_ELEMENT_ERROR_TOO_LARGE,
                   "%s: %" G_GUINT64_FORMAT " bytes, larger than max-size (%" G_GUINT64_FORMAT " bytes)",
                   display, size, run->max_size);
      return;
    }

  stream = g_file_read (file, run->cancellable, &error);
  if (stream == NULL)
    {
      if (is_cancelled (error))
        run->stopped = TRUE;
      else
        emit_failed (run, id, uri, NF_ELEMENT_ERROR_OPEN_READ,
                     "%s: cannot be opened: %s", display, error->message);
      return;
    }

  read_stream (run, &input, G_INPUT_STREAM (stream), format, size);
}

static void
read_stdin (Run *run)
{
  g_autoptr(GInputStream) stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  NfFileSrcFormat format = run->self->format;
  Input input = { "stdin", "stdin", NULL, "standard input" };

  read_stream (run, &input, stream, format, 0);
}

/* ---- Directories ---- */

/* A directory being walked: its entries, sorted, and how far we are. */
typedef struct {
  GFile     *directory;
  char      *relative;   /* "" for the location itself */
  GPtrArray *entries;    /* GFileInfo */
  guint      next;
} Frame;

static void
frame_free (Frame *frame)
{
  g_object_unref (frame->directory);
  g_free (frame->relative);
  g_clear_pointer (&frame->entries, g_ptr_array_unref);
  g_free (frame);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  GFileInfo *info_a = *(GFileInfo **) a;
  GFileInfo *info_b = *(GFileInfo **) b;

  /* Bytes, not the locale's collation: the same order on every machine. */
  return strcmp (g_file_info_get_name (info_a), g_file_info_get_name (info_b));
}

static GPtrArray *
list_directory (Run      *run,
                GFile    *directory,
                GError  **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  enumerator = g_file_enumerate_children (directory, ENTRY_ATTRIBUTES,
                                          G_FILE_QUERY_INFO_NONE, run->cancellable, error);
  if (enumerator == NULL)
    return NULL;

  for (;;)
    {
      GFileInfo *info;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, run->cancellable, error))
        return NULL;
      if (info == NULL)
        break;

      /* .git, editor backups and the like are not articles. */
      if (g_file_info_get_is_hidden (info) || g_file_info_get_name (info)[0] == '.')
        continue;

      g_ptr_array_add (entries, g_object_ref (info));
    }

  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

static Frame *
frame_new (GFile      *directory,
           const char *relative)
{
  Frame *frame = g_new0 (Frame, 1);

  frame->directory = g_object_ref (directory);
  frame->relative = g_strdup (relative);
  return frame;
}

/* Walks the tree depth first in sorted order with a stack of its own:
 * a deep tree cannot exhaust the thread's stack, and symbolic links that
 * lead back up are noticed by the directories' identities. */
static void
walk_directory (Run        *run,
                GFile      *root,
                const char *root_id)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func ((GDestroyNotify) frame_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (root_id != NULL)
    g_hash_table_add (seen, g_strdup (root_id));
  g_ptr_array_add (stack, frame_new (root, ""));

  while (stack->len > 0 && !run_check_stopped (run))
    {
      Frame *frame = g_ptr_array_index (stack, stack->len - 1);
      GFileInfo *info;
      const char *name;
      g_autofree char *relative = NULL;
      g_autoptr(GFile) child = NULL;

      if (frame->entries == NULL)
        {
          g_autoptr(GError) error = NULL;

          frame->entries = list_directory (run, frame->directory, &error);
          if (frame->entries == NULL)
            {
              g_autofree char *display = g_file_get_parse_name (frame->directory);

              if (is_cancelled (error))
                run->stopped = TRUE;
              else
                emit_failed (run, *frame->relative != '\0' ? frame->relative : display,
                             NULL, NF_ELEMENT_ERROR_OPEN_READ,
                             "%s: cannot list the directory: %s", display, error->message);
              g_ptr_array_remove_index (stack, stack->len - 1);
              continue;
            }
        }

      if (frame->next >= frame->entries->len)
        {
          g_ptr_array_remove_index (stack, stack->len - 1);
          continue;
        }

      info = g_ptr_array_index (frame->entries, frame->next++);
      name = g_file_info_get_name (info);
      relative = *frame->relative != '\0' ? g_strconcat (frame->relative, "/", name, NULL)
                                          : g_strdup (name);
      child = g_file_get_child (frame->directory, name);

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          {
            const char *identity = g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE);

            if (!run->self->recursive)
              break;
            if (identity != NULL && !g_hash_table_add (seen, g_strdup (identity)))
              {
                NF_CAT_DEBUG (file_src_debug, "%s: %s was seen already (a link loop?)",
                              nf_element_get_name (NF_ELEMENT (run->self)), relative);
                break;
              }
            /* The frame pointer is stale once the stack grows. */
            g_ptr_array_add (stack, frame_new (child, relative));
          }
          break;

        case G_FILE_TYPE_REGULAR:
          if (name_matches (run, name))
            read_file (run, child, relative, g_file_info_get_size (info));
          break;

        default:
          /* Devices, sockets, dangling links: nothing to read. */
          NF_CAT_LOG (file_src_debug, "%s: skipping %s", nf_element_get_name (NF_ELEMENT (run->self)), relative);
          break;
        }
    }
}

/* ---- The element ---- */

static GFile *
file_for_location (const char *location)
{
  if (g_str_has_prefix (location, "file:"))
    return g_file_new_for_uri (location);
  return g_file_new_for_path (location);
}

static gboolean
nf_file_src_generate (NfSource      *source,
                      GCancellable  *cancellable,
                      GError       **error)
{
  NfFileSrc *self = NF_FILE_SRC (source);
  g_auto(Run) run = { self, cancellable, NULL, 0, FALSE };
  g_autoptr(GFile) root = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->location == NULL || *self->location == '\0')
    {
      g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_SETTINGS,
                   "%s: no location set (a file, a directory or - for standard input)",
                   nf_element_get_name (NF_ELEMENT (self)));
      return FALSE;
    }

  run.patterns = compile_patterns (self->pattern);
  run.max_size = self->max_size > 0 ? self->max_size : G_MAXUINT64;

  if (strcmp (self->location, "-") == 0)
    {
      read_stdin (&run);
      return TRUE;
    }

  root = file_for_location (self->location);
  info = g_file_query_info (root, ENTRY_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      if (is_cancelled (local_error))
        return TRUE;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_NOT_FOUND,
                     "%s: no such file or directory", self->location);
      else
        g_set_error (error, NF_ELEMENT_ERROR, NF_ELEMENT_ERROR_OPEN_READ,
                     "%s: %s", self->location, local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      walk_directory (&run, root, g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE));
    }
  else
    {
      g_autofree char *basename = g_file_get_basename (root);

      /* A file named on purpose is read whatever the pattern says. */
      read_file (&run, root, basename, g_file_info_get_size (info));
    }

  return TRUE;
}

static void
nf_file_src_finalize (GObject *object)
{
  NfFileSrc *self = NF_FILE_SRC (object);

  g_free (self->location);
  g_free (self->pattern);

  G_OBJECT_CLASS (nf_file_src_parent_class)->finalize (object);
}

static void
nf_file_src_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NfFileSrc *self = NF_FILE_SRC (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_PATTERN:
      g_value_set_string (value, self->pattern);
      break;
    case PROP_RECURSIVE:
      g_value_set_boolean (value, self->recursive);
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    case PROP_MAX_SIZE:
      g_value_set_uint64 (value, self->max_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_file_src_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NfFileSrc *self = NF_FILE_SRC (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      nf_property_update_string (object, &self->location, value, pspec);
      break;
    case PROP_PATTERN:
      nf_property_update_string (object, &self->pattern, value, pspec);
      break;
    case PROP_RECURSIVE:
      nf_property_update_boolean (object, &self->recursive, value, pspec);
      break;
    case PROP_FORMAT:
      if (self->format != (NfFileSrcFormat) g_value_get_enum (value))
        {
          self->format = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_MAX_SIZE:
      nf_property_update_uint64 (object, &self->max_size, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nf_file_src_class_init (NfFileSrcClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NfElementClass *element_class = NF_ELEMENT_CLASS (klass);
  NfSourceClass *source_class = NF_SOURCE_CLASS (klass);

  object_class->finalize = nf_file_src_finalize;
  object_class->get_property = nf_file_src_get_property;
  object_class->set_property = nf_file_src_set_property;

  source_class->generate = nf_file_src_generate;

  /**
   * NfFileSrc:location:
   *
   * What to read: a file, a directory (every file matching
   * [property@NfFileSrc:pattern] in it) or `-` for standard input.
   */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", "Location",
                         "File or directory to read, or - for standard input",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFileSrc:pattern:
   *
   * Glob patterns separated by `;` that the names of files in a directory
   * must match (case-insensitively) to be read. An empty pattern reads
   * every file. A location that is a single file is read whatever its name.
   */
  properties[PROP_PATTERN] =
    g_param_spec_string ("pattern", "Pattern",
                         "Globs, separated by ;, that file names in a directory must match",
                         DEFAULT_PATTERN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFileSrc:recursive:
   *
   * Whether to descend into the subdirectories of a directory location.
   */
  properties[PROP_RECURSIVE] =
    g_param_spec_boolean ("recursive", "Recursive",
                          "Read the subdirectories of a directory too",
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFileSrc:format:
   *
   * How to read the files: `auto` goes by the extension (`.html`, `.htm`,
   * `.xhtml`: HTML; `.txt`, `.text`: text; `.jsonl`, `.ndjson`, `.json`:
   * JSON Lines) and, for standard input and other names, by the first
   * character (`{`: JSON Lines, `<`: HTML, else text).
   */
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", "Format",
                       "How to read the files: auto (by extension or content), html, text or jsonl",
                       NF_TYPE_FILE_SRC_FORMAT, NF_FILE_SRC_FORMAT_AUTO,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * NfFileSrc:max-size:
   *
   * The largest file read, in bytes: a larger one becomes a failed document
   * (%NF_ELEMENT_ERROR_TOO_LARGE) without being read. For JSON Lines, which
   * are streamed, it bounds each line. 0 means no limit.
   */
  properties[PROP_MAX_SIZE] =
    g_param_spec_uint64 ("max-size", "Maximum size",
                         "Largest file (or JSON line) read, in bytes; larger ones fail (0: no limit)",
                         0, G_MAXUINT64, DEFAULT_MAX_SIZE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  nf_element_class_set_metadata (element_class,
                                 "File source",
                                 "Source/File",
                                 "Reads articles from HTML, text and JSON Lines files, directories or standard input",
                                 "libnewsfilter authors");

  NF_DEBUG_CATEGORY_INIT (file_src_debug, "filesrc", "the filesrc element");
}

static void
nf_file_src_init (NfFileSrc *self)
{
  self->pattern = g_strdup (DEFAULT_PATTERN);
  self->recursive = TRUE;
  self->format = NF_FILE_SRC_FORMAT_AUTO;
  self->max_size = DEFAULT_MAX_SIZE;
}
