/* nf-http-robots.c: robots.txt rules, as RFC 9309 reads them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nf-http-robots.h"

#include <string.h>

typedef struct {
  char     *pattern;    /* without a trailing '$' */
  gsize     length;     /* of the pattern as written: longest match wins */
  gboolean  anchored;   /* the pattern ended with '$' */
  gboolean  allow;
} Rule;

struct _NfRobots {
  GArray *rules;        /* Rule */
};

static void
rule_clear (Rule *rule)
{
  g_free (rule->pattern);
}

/* Reads one "Key: value" line, comments removed; FALSE for anything else. */
static gboolean
split_line (char  *line,
            char **key,
            char **value)
{
  char *hash = strchr (line, '#');
  char *colon;

  if (hash != NULL)
    *hash = '\0';
  colon = strchr (line, ':');
  if (colon == NULL)
    return FALSE;

  *colon = '\0';
  *key = g_strstrip (line);
  *value = g_strstrip (colon + 1);
  return **key != '\0';
}

/* A group line names a user agent; it applies to us when it is our product
 * token, compared without case (RFC 9309 §2.2.1). */
static gboolean
agent_is_us (const char *agent,
             const char *product)
{
  g_autofree char *token = nf_robots_product_token (agent);

  return product != NULL && g_ascii_strcasecmp (token, product) == 0;
}

static void
add_rule (GArray     *rules,
          const char *value,
          gboolean    allow)
{
  Rule rule = { 0 };
  gsize length = strlen (value);

  /* "Disallow:" with nothing after it disallows nothing. */
  if (length == 0)
    return;

  rule.length = length;
  rule.allow = allow;
  rule.anchored = value[length - 1] == '$';
  rule.pattern = g_strndup (value, rule.anchored ? length - 1 : length);
  g_array_append_val (rules, rule);
}

NfRobots *
nf_robots_parse (const char *text,
                 gsize       length,
                 const char *product)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_autoptr(GArray) anyone = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_autofree char *copy = g_strndup (text != NULL ? text : "", length);
  g_auto(GStrv) lines = NULL;
  gboolean have_our_group = FALSE;
  gboolean reading_agents = FALSE;  /* the previous line was a User-agent */
  gboolean group_is_ours = FALSE;
  gboolean group_is_anyone = FALSE;
  NfRobots *self;

  g_array_set_clear_func (ours, (GDestroyNotify) rule_clear);
  g_array_set_clear_func (anyone, (GDestroyNotify) rule_clear);

  g_strdelimit (copy, "\r", '\n');
  lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *key, *value;

      if (!split_line (lines[i], &key, &value))
        continue;

      if (g_ascii_strcasecmp (key, "user-agent") == 0)
        {
          /* Consecutive User-agent lines open one group together. */
          if (!reading_agents)
            group_is_ours = group_is_anyone = FALSE;
          reading_agents = TRUE;

          if (agent_is_us (value, product))
            group_is_ours = have_our_group = TRUE;
          else if (strcmp (value, "*") == 0)
            group_is_anyone = TRUE;
        }
      else if (g_ascii_strcasecmp (key, "allow") == 0
               || g_ascii_strcasecmp (key, "disallow") == 0)
        {
          gboolean allow = g_ascii_strcasecmp (key, "allow") == 0;

          reading_agents = FALSE;
          if (group_is_ours)
            add_rule (ours, value, allow);
          else if (group_is_anyone)
            add_rule (anyone, value, allow);
        }
      else
        {
          /* Sitemap, Crawl-delay…: not part of a group's rules, but they
           * end a run of User-agent lines all the same. */
          reading_agents = FALSE;
        }
    }

  self = g_new0 (NfRobots, 1);
  /* A group of our own replaces the `*` groups, even an empty one. */
  self->rules = have_our_group ? g_steal_pointer (&ours) : g_steal_pointer (&anyone);
  return self;
}

/* '*' matches any run of bytes, a pattern matches a prefix of the path
 * unless it was anchored with '$'. Iterative, so no pattern can make it
 * recurse deeply. */
static gboolean
rule_matches (const Rule *rule,
              const char *path)
{
  const char *p = rule->pattern;
  const char *s = path;
  const char *star_p = NULL;
  const char *star_s = NULL;

  while (*s != '\0')
    {
      if (*p == '*')
        {
          star_p = ++p;
          star_s = s;
          continue;
        }
      if (*p == '\0' && !rule->anchored)
        return TRUE;
      if (*p != '\0' && *p == *s)
        {
          p++;
          s++;
          continue;
        }
      if (star_p != NULL)
        {
          p = star_p;
          s = ++star_s;
          continue;
        }
      return FALSE;
    }

  while (*p == '*')
    p++;
  return *p == '\0';
}

gboolean
nf_robots_is_allowed (const NfRobots *self,
                      const char     *path)
{
  const Rule *best = NULL;

  if (self == NULL)
    return TRUE;
  if (path == NULL || *path == '\0')
    path = "/";

  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = &g_array_index (self->rules, Rule, i);

      if (!rule_matches (rule, path))
        continue;
      if (best == NULL
          || rule->length > best->length
          || (rule->length == best->length && rule->allow && !best->allow))
        best = rule;
    }

  return best == NULL || best->allow;
}

guint
nf_robots_get_n_rules (const NfRobots *self)
{
  return self != NULL ? self->rules->len : 0;
}

void
nf_robots_free (NfRobots *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rules);
  g_free (self);
}

char *
nf_robots_product_token (const char *user_agent)
{
  gsize n;

  if (user_agent == NULL)
    return g_strdup ("");
  while (g_ascii_isspace (*user_agent))
    user_agent++;
  n = strcspn (user_agent, "/ \t(");
  return g_strndup (user_agent, n);
}
