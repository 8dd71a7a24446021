/* nf-clean-title.c: the headline, without the site's name
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Where no JSON-LD or microdata names the headline, it comes from Open
 * Graph or Twitter titles, the <title> or the first <h1>. The first three
 * often carry the site's name as well ("Story | Site", "Site – Story");
 * that piece is found by the site name the page gives or by the name in
 * its host ("Snopes.com" on snopes.com) and left out. A title that is only
 * the site's name is no headline at all.
 */
#include "nf-clean-meta-private.h"

#include <string.h>

/* What separates the headline from the site's name in a title. */
static const char * const title_separators[] = {
  " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " / ", ": ", NULL
};

/**
 * nf_clean_host_label:
 * @uri: (nullable): a web address
 *
 * The label of a host that names the site: "quay" of "www.quay.example",
 * "bbc" of "www.bbc.co.uk".
 *
 * Returns: (transfer full) (nullable): the label, lower-cased, or %NULL
 */
char *
nf_clean_host_label (const char *uri)
{
  g_autoptr(GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  g_auto(GStrv) labels = NULL;
  guint n;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return NULL;
  labels = g_strsplit (g_uri_get_host (parsed), ".", -1);
  n = g_strv_length (labels);
  if (n < 2)
    return NULL;
  if (n >= 3 && strlen (labels[n - 2]) <= 3 && strlen (labels[n - 1]) == 2)
    return g_ascii_strdown (labels[n - 3], -1);
  return g_ascii_strdown (labels[n - 2], -1);
}

/* The letters and digits of @text, case-folded: "Snopes.com" → "snopescom". */
static char *
alnum_folded (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* Whether the folded piece @a of a title is the site's name, part of it,
 * or it with a few characters more ("BBC News" for "BBC"). */
static gboolean
folded_names_site (const char *a,
                   const char *site_name)
{
  g_autofree char *b = NULL;

  if (site_name == NULL)
    return FALSE;
  b = alnum_folded (site_name);
  return *b != '\0' && (strcmp (a, b) == 0 || (strlen (a) >= 3 && strstr (b, a) != NULL) ||
                        (strlen (b) >= 3 && g_str_has_prefix (a, b) && strlen (a) <= strlen (b) + 4));
}

/* Whether a piece of a <title> names the site: its site name, or its
 * host ("Snopes.com" on snopes.com). */
static gboolean
piece_names_site (const char *piece,
                  const char *site_name,
                  const char *host)
{
  g_autofree char *a = alnum_folded (piece);

  if (*a == '\0')
    return FALSE;
  if (folded_names_site (a, site_name))
    return TRUE;
  /* "Snopes", "Snopes.com", "DeltaNews.example" on deltanews.example */
  return host != NULL && strlen (host) >= 3 && g_str_has_prefix (a, host) &&
         (strlen (a) <= strlen (host) + 4 || (strchr (piece, '.') != NULL && strchr (piece, ' ') == NULL));
}

/* "Story | Site", "Site – Story": the title without the piece that names
 * the site. A title that is only the site's name gives %NULL. */
static char *
title_without_site (const char *title,
                    const char *site_name,
                    const char *host)
{
  g_autofree char *clean = title != NULL ? nf_clean_collapse_space (title) : NULL;

  if (clean == NULL || *clean == '\0' || piece_names_site (clean, site_name, host))
    return NULL;
  for (guint i = 0; title_separators[i] != NULL; i++)
    {
      const char *sep = title_separators[i];
      const char *first = strstr (clean, sep);
      const char *last = g_strrstr (clean, sep);

      if (last != NULL && piece_names_site (last + strlen (sep), site_name, host))
        return g_strstrip (g_strndup (clean, last - clean));
      if (first != NULL && strcmp (sep, ": ") != 0)
        {
          g_autofree char *head = g_strndup (clean, first - clean);
          if (piece_names_site (head, site_name, host))
            return g_strstrip (g_strdup (first + strlen (sep)));
        }
    }
  return g_steal_pointer (&clean);
}

/**
 * nf_clean_offer_meta_title:
 * @m: the fields found so far
 * @value: (nullable): an Open Graph or Twitter title
 * @host: (nullable): the label of the page's host
 *
 * Offers @m the title @value, without the site's name when it holds it.
 */
void
nf_clean_offer_meta_title (NfCleanPageMeta *m,
                           const char      *value,
                           const char      *host)
{
  g_autofree char *title = title_without_site (value, m->site_name, host);

  nf_clean_meta_offer (&m->title, title);
}

/* Whether the <h1> is the headline the <title> holds (and not much less
 * of it), which it gives without the site's name. */
static gboolean
h1_is_title_headline (const char *h1,
                      const char *page_title,
                      const char *title_alone)
{
  g_autofree char *folded_h1 = g_utf8_casefold (h1, -1);
  g_autofree char *folded_title = g_utf8_casefold (page_title, -1);

  return strstr (folded_title, folded_h1) != NULL && 2 * strlen (h1) >= strlen (title_alone);
}

/**
 * nf_clean_offer_page_title:
 * @m: the fields found so far
 * @page_title: (nullable): the text of the page's <title>
 * @h1: (nullable): the text of its first <h1>
 * @host: (nullable): the label of the page's host
 *
 * Offers @m the headline the page shows, for pages whose metadata names
 * none: the first <h1> when the <title> holds it (the <h1> is the clean
 * one, without the site), else the <title> without the site's name, else
 * the <h1>.
 */
void
nf_clean_offer_page_title (NfCleanPageMeta *m,
                           const char      *page_title,
                           const char      *h1,
                           const char      *host)
{
  g_autofree char *title = title_without_site (page_title, m->site_name, host);
  gboolean h1_names_site = h1 != NULL && piece_names_site (h1, m->site_name, host);

  if (h1 != NULL && *h1 != '\0' && title != NULL && !h1_names_site &&
      h1_is_title_headline (h1, page_title, title))
    nf_clean_meta_offer (&m->title, h1);
  nf_clean_meta_offer (&m->title, title);
  if (h1 != NULL && !h1_names_site)
    nf_clean_meta_offer (&m->title, h1);
}
