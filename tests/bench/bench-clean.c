/* bench-clean.c: pages per second of `clean` on one core, and of parsing alone
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Run with `meson test -C _build --benchmark --verbose bench-clean`. Reads
 * a set of real news pages once into memory, decoded to UTF-8 as filesrc
 * does, then times, over several rounds:
 *
 * - libxml2's HTML parser alone (htmlReadMemory with the options clean
 *   uses, then xmlFreeDoc): the floor under clean's cost;
 * - the clean element itself, `appsrc ! clean ! fakesink` on one thread;
 * - gumbo's HTML5 parser, when it is installed, and how far the trees of
 *   the two parsers agree: the visible text of each page and the sequence
 *   of its element names.
 *
 * The pages are the development set next to the repository
 * (../shared/data/extract/aeb/html) when it is there, else the example
 * articles of the repository; the program says which. It prints figures
 * and fails only when clean cannot run at all, never on speed.
 */

#include <newsfilter.h>

#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#ifdef HAVE_GUMBO
#include <gumbo.h>
#endif

#include "bench-util.h"

#define ROUNDS 7
#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_NONET | HTML_PARSE_NOBLANKS)

/* One page, as clean gets it from filesrc: its file name and its text,
 * decoded to UTF-8. */
typedef BenchText Page;

/* Reads and decodes one file into @pages; files that are not text are
 * left out, as filesrc would fail them. */
static void
load_page (GPtrArray  *pages,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;
  char *text;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      g_printerr ("bench: %s\n", error->message);
      return;
    }
  text = nf_decode_text ((const guint8 *) data, length, NULL, "text/html", NULL, NULL, &error);
  if (text == NULL)
    {
      g_printerr ("bench: %s: %s\n", path, error->message);
      return;
    }
  g_ptr_array_add (pages, bench_text_new (g_path_get_basename (path), text));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The .html files under @dir, down to @levels levels of folders, in name
 * order so that every run reads the same pages in the same order. */
static void
collect_html_files (const char *dir,
                    guint       levels,
                    GPtrArray  *paths)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *entry;

  if (handle == NULL)
    return;
  while ((entry = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_str_has_suffix (entry, ".html") && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
      else if (levels > 0 && g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_html_files (path, levels - 1, paths);
    }
}

/* The pages of the first of @dirs that has any. */
static GPtrArray *
load_pages (const char * const *dirs,
            const char        **used_dir)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func (bench_text_free);

  for (guint i = 0; dirs[i] != NULL && pages->len == 0; i++)
    {
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      collect_html_files (dirs[i], 1, paths);
      g_ptr_array_sort (paths, compare_strings);
      for (guint j = 0; j < paths->len; j++)
        load_page (pages, g_ptr_array_index (paths, j));
      *used_dir = dirs[i];
    }
  return pages;
}

/* Parses one page and frees the tree: what a parse-only round times. */
typedef void (*ParseFunc) (const Page *page);

/* Parses @page with libxml2 as clean does and frees the tree. */
static void
parse_with_libxml2 (const Page *page)
{
  htmlDocPtr doc = htmlReadMemory (page->text, (int) page->size, NULL, "UTF-8", PARSE_OPTIONS);

  if (doc != NULL)
    xmlFreeDoc (doc);
}

/* Times ROUNDS rounds of @parse over every page; the best and the median
 * round go to @best and @median. */
static void
time_parse_rounds (GPtrArray *pages,
                   ParseFunc  parse,
                   double    *best,
                   double    *median)
{
  double seconds[ROUNDS];

  for (guint round = 0; round < ROUNDS; round++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < pages->len; i++)
        parse (g_ptr_array_index (pages, i));
      seconds[round] = bench_seconds_since (start);
    }
  bench_best_and_median (seconds, ROUNDS, best, median);
}

/* Runs `appsrc ! clean ! fakesink` on one thread over every page, timing
 * only the run (the documents are queued before). Returns a negative time
 * when the pipeline cannot run. */
static double
time_clean_round (GPtrArray *pages,
                  guint64   *n_failed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NfPipeline) pipeline = nf_parse_launch ("appsrc name=in ! clean ! fakesink", &error);
  NfElement *src;
  gint64 start;

  if (pipeline == NULL)
    {
      g_printerr ("bench: cannot build the clean pipeline: %s\n", error->message);
      return -1;
    }
  nf_pipeline_set_threads (pipeline, 1);
  src = nf_pipeline_get_by_name (pipeline, "in");
  for (guint i = 0; i < pages->len; i++)
    {
      Page *page = g_ptr_array_index (pages, i);
      g_autoptr(NfDocument) document = nf_document_new (page->id);
      g_autoptr(GBytes) content = g_bytes_new_static (page->text, page->size);

      nf_document_set_content (document, content, "text/html; charset=utf-8");
      nf_app_src_push_document (NF_APP_SRC (src), document);
    }
  nf_app_src_end_of_stream (NF_APP_SRC (src));

  start = g_get_monotonic_time ();
  if (!nf_pipeline_run (pipeline, NULL, &error))
    {
      g_printerr ("bench: the clean pipeline failed: %s\n", error->message);
      return -1;
    }
  *n_failed = nf_pipeline_get_n_failed (pipeline);
  return bench_seconds_since (start);
}

static void
print_rate (const char *what,
            double      best,
            double      median,
            guint       n_pages,
            gsize       bytes)
{
  double mb = bytes / 1e6;

  g_print ("%-28s %9.1f pages/s %7.2f MB/s (median of %d rounds)   best: %7.1f pages/s %7.2f MB/s\n",
           what, n_pages / median, mb / median, ROUNDS, n_pages / best, mb / best);
}

#ifdef HAVE_GUMBO

/* ---- gumbo, and how its trees compare with libxml2's ---- */

/* What is compared of one tree: its element names in document order (as
 * small integers) and its visible text, white space collapsed. */
typedef struct
{
  GArray  *names;
  GString *text;
} TreeProfile;

static void
tree_profile_clear (TreeProfile *profile)
{
  g_array_unref (profile->names);
  g_string_free (profile->text, TRUE);
}

/* Elements whose content is not visible text. */
static gboolean
is_hidden_element (const char *name)
{
  return g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0 ||
         g_ascii_strcasecmp (name, "noscript") == 0 || g_ascii_strcasecmp (name, "template") == 0;
}

/* A small integer for @name, the same for both parsers. */
static guint
intern (GHashTable *ids,
        const char *name)
{
  gpointer id;

  if (!g_hash_table_lookup_extended (ids, name, NULL, &id))
    {
      id = GUINT_TO_POINTER (g_hash_table_size (ids) + 1);
      g_hash_table_insert (ids, g_strdup (name), id);
    }
  return GPOINTER_TO_UINT (id);
}

/* Appends @text to @out with runs of white space collapsed to one space. */
static void
append_collapsed (GString    *out,
                  const char *text,
                  gsize       length)
{
  const char *end = text + length;

  for (const char *p = text; p < end && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_unichar (out, c);
    }
}

/* Text nodes meet with a space: "a<b>b</b>" and "a <b>b</b>" differ only
 * there, and both parsers cut text at the same elements. */
static void
append_text_node (GString    *out,
                  const char *text,
                  gsize       length)
{
  if (out->len > 0 && out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
  append_collapsed (out, text, length);
}

static void
trim_trailing_space (GString *text)
{
  if (text->len > 0 && text->str[text->len - 1] == ' ')
    g_string_truncate (text, text->len - 1);
}

/* The next node of libxml2's tree in document order, skipping the
 * children of @node when @skip_children; no recursion (pages nest deep). */
static xmlNode *
libxml2_next (xmlNode  *node,
              gboolean  skip_children)
{
  if (!skip_children && node->children != NULL)
    return node->children;
  while (node != NULL && node->next == NULL)
    node = node->parent;
  return node != NULL ? node->next : NULL;
}

static TreeProfile
libxml2_profile (htmlDocPtr  doc,
                 GHashTable *ids)
{
  TreeProfile profile = { g_array_new (FALSE, FALSE, sizeof (guint)), g_string_new (NULL) };
  xmlNode *node = doc->children;

  while (node != NULL)
    {
      gboolean skip = FALSE;

      if (node->type == XML_ELEMENT_NODE)
        {
          guint id = intern (ids, (const char *) node->name);

          g_array_append_val (profile.names, id);
          skip = is_hidden_element ((const char *) node->name);
        }
      else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
               node->content != NULL)
        append_text_node (profile.text, (const char *) node->content, strlen ((const char *) node->content));
      node = libxml2_next (node, skip);
    }
  trim_trailing_space (profile.text);
  return profile;
}

/* An element's name as written: gumbo's own for the tags it knows, the
 * lower-cased source name for the others. */
static char *
gumbo_element_name (const GumboElement *element)
{
  GumboStringPiece original = element->original_tag;
  gsize length = 0;

  if (element->tag != GUMBO_TAG_UNKNOWN)
    return g_strdup (gumbo_normalized_tagname (element->tag));
  gumbo_tag_from_original_text (&original);
  while (length < original.length && strchr (" \t\n\r\f/>", original.data[length]) == NULL)
    length++;
  return g_ascii_strdown (original.data != NULL ? original.data : "", length);
}

static const GumboVector *
gumbo_children (const GumboNode *node)
{
  if (node->type == GUMBO_NODE_DOCUMENT)
    return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
    return &node->v.element.children;
  return NULL;
}

/* The next node of gumbo's tree in document order, as libxml2_next(). */
static const GumboNode *
gumbo_next (const GumboNode *node,
            gboolean         skip_children)
{
  const GumboVector *children = gumbo_children (node);

  if (!skip_children && children != NULL && children->length > 0)
    return children->data[0];
  while (node->parent != NULL)
    {
      const GumboVector *siblings = gumbo_children (node->parent);

      if (node->index_within_parent + 1 < siblings->length)
        return siblings->data[node->index_within_parent + 1];
      node = node->parent;
    }
  return NULL;
}

static TreeProfile
gumbo_profile (const GumboOutput *output,
               GHashTable        *ids)
{
  TreeProfile profile = { g_array_new (FALSE, FALSE, sizeof (guint)), g_string_new (NULL) };
  const GumboNode *node = output->document;

  while (node != NULL)
    {
      gboolean skip = FALSE;

      if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
        {
          g_autofree char *name = gumbo_element_name (&node->v.element);
          guint id = intern (ids, name);

          g_array_append_val (profile.names, id);
          skip = is_hidden_element (name);
        }
      else if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA)
        append_text_node (profile.text, node->v.text.text, strlen (node->v.text.text));
      node = gumbo_next (node, skip);
    }
  trim_trailing_space (profile.text);
  return profile;
}

/* 2 × LCS / (n + m) of two sequences, by Myers' O((n + m) D) difference
 * algorithm: 1 for equal sequences, 0 for nothing in common. */
static double
sequence_similarity (const guint *a,
                     gssize       n,
                     const guint *b,
                     gssize       m)
{
  gssize max = n + m;
  g_autofree gssize *v = NULL;
  gssize distance = max;

  if (max == 0)
    return 1.0;
  v = g_new0 (gssize, 2 * max + 2);
  for (gssize d = 0; d <= max && distance == max; d++)
    for (gssize k = -d; k <= d; k += 2)
      {
        gssize x, y;

        if (k == -d || (k != d && v[max + k - 1] < v[max + k + 1]))
          x = v[max + k + 1];
        else
          x = v[max + k - 1] + 1;
        y = x - k;
        while (x < n && y < m && a[x] == b[y])
          x++, y++;
        v[max + k] = x;
        if (x >= n && y >= m)
          {
            distance = d;
            break;
          }
      }
  return (double) (max - distance) / max;
}

/* The words of @text as small integers, for a word-level similarity. */
static GArray *
text_words (const char *text,
            GHashTable *ids)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GArray *result = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        guint id = intern (ids, words[i]);

        g_array_append_val (result, id);
      }
  return result;
}

/* Parses @page with gumbo and frees the tree. */
static void
parse_with_gumbo (const Page *page)
{
  GumboOutput *output = gumbo_parse_with_options (&kGumboDefaultOptions, page->text, page->size);

  gumbo_destroy_output (&kGumboDefaultOptions, output);
}

/* Compares the two parsers' trees page by page and prints the figures. */
static void
compare_trees (GPtrArray *pages)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint same_text = 0;
  double name_similarity = 0, word_similarity = 0, worst_names = 1;
  guint64 libxml2_elements = 0, gumbo_elements = 0;
  const char *worst_page = "all equal";

  for (guint i = 0; i < pages->len; i++)
    {
      Page *page = g_ptr_array_index (pages, i);
      htmlDocPtr doc = htmlReadMemory (page->text, (int) page->size, NULL, "UTF-8", PARSE_OPTIONS);
      GumboOutput *output = gumbo_parse_with_options (&kGumboDefaultOptions, page->text, page->size);
      TreeProfile x = doc != NULL ? libxml2_profile (doc, names)
                                  : (TreeProfile) { g_array_new (FALSE, FALSE, sizeof (guint)), g_string_new (NULL) };
      TreeProfile g = gumbo_profile (output, names);
      g_autoptr(GArray) x_words = text_words (x.text->str, words);
      g_autoptr(GArray) g_words = text_words (g.text->str, words);
      double similarity = sequence_similarity ((guint *) (void *) x.names->data, x.names->len,
                                               (guint *) (void *) g.names->data, g.names->len);

      same_text += strcmp (x.text->str, g.text->str) == 0;
      name_similarity += similarity;
      word_similarity += sequence_similarity ((guint *) (void *) x_words->data, x_words->len,
                                              (guint *) (void *) g_words->data, g_words->len);
      libxml2_elements += x.names->len;
      gumbo_elements += g.names->len;
      if (similarity < worst_names)
        {
          worst_names = similarity;
          worst_page = page->id;
        }
      tree_profile_clear (&x);
      tree_profile_clear (&g);
      gumbo_destroy_output (&kGumboDefaultOptions, output);
      if (doc != NULL)
        xmlFreeDoc (doc);
    }

  g_print ("\nTree fidelity, libxml2 vs gumbo (visible text = text outside script/style/noscript/template,\n"
           "white space collapsed; similarity = 2 x LCS / (n + m)):\n");
  g_print ("  pages with identical visible text:        %u of %u (%.1f%%)\n",
           same_text, pages->len, 100.0 * same_text / pages->len);
  g_print ("  mean word-sequence similarity of the text: %.4f\n", word_similarity / pages->len);
  g_print ("  mean element-name sequence similarity:    %.4f (lowest %.4f, %s)\n",
           name_similarity / pages->len, worst_names, worst_page);
  g_print ("  elements per page:                        libxml2 %.1f, gumbo %.1f\n",
           (double) libxml2_elements / pages->len, (double) gumbo_elements / pages->len);
}

static void
bench_gumbo (GPtrArray *pages,
             gsize      bytes,
             double     libxml2_median)
{
  double best, median;

  time_parse_rounds (pages, parse_with_gumbo, &best, &median);
  print_rate ("gumbo 0.10 parse only:", best, median, pages->len, bytes);
  g_print ("  gumbo takes %.2fx libxml2's time per page (medians)\n", median / libxml2_median);
  compare_trees (pages);
}

#endif /* HAVE_GUMBO */

int
main (int   argc,
      char *argv[])
{
  const char **dirs = (const char **) argv + 1;
  const char *used_dir = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  double clean_seconds[ROUNDS];
  double parse_best, parse_median, clean_best, clean_median;
  guint64 n_failed = 0;
  gsize bytes;

  if (argc < 2)
    {
      g_printerr ("Usage: %s PAGE-FOLDER [FALLBACK-FOLDER…]\n", argv[0]);
      return 2;
    }
  nf_init ();
  xmlInitParser ();

  pages = load_pages (dirs, &used_dir);
  if (pages->len == 0)
    {
      g_print ("bench-clean: no .html pages in %s: skipped\n", argv[1]);
      return 77;
    }
  bytes = bench_total_size (pages);
  g_print ("Pages: %u from %s (%s), %.2f MB of UTF-8, read into memory before timing\n",
           pages->len, used_dir, used_dir == dirs[0] ? "the development pages" : "the repository's examples",
           bytes / 1e6);
  g_print ("One thread; %d rounds over all pages each; rates from the median round, best round beside\n\n",
           ROUNDS);

  time_parse_rounds (pages, parse_with_libxml2, &parse_best, &parse_median);
  print_rate ("libxml2 " LIBXML_DOTTED_VERSION " parse only:", parse_best, parse_median, pages->len, bytes);

  for (guint round = 0; round < ROUNDS; round++)
    if ((clean_seconds[round] = time_clean_round (pages, &n_failed)) < 0)
      return 1;
  bench_best_and_median (clean_seconds, ROUNDS, &clean_best, &clean_median);
  print_rate ("clean (appsrc ! clean):", clean_best, clean_median, pages->len, bytes);
  g_print ("  parsing is %.0f%% of clean's time (medians); %" G_GUINT64_FORMAT
           " of %u pages failed (no article)\n",
           100.0 * parse_median / clean_median, n_failed, pages->len);
  g_print ("  peak RSS after parse and clean rounds: %.1f MiB\n", bench_peak_rss_kib () / 1024.0);

#ifdef HAVE_GUMBO
  g_print ("\n");
  bench_gumbo (pages, bytes, parse_median);
#else
  g_print ("\ngumbo: not found at build time (libgumbo-dev), not measured\n");
#endif
  return 0;
}
