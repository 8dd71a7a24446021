/* nf-parse.c: pipelines from launch strings, and back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdarg.h>
#include <string.h>

#include "newsfilter.h"
#include "nf-value-private.h"

/* The grammar is GStreamer's gst-launch one without media types:
 *
 *   description := chain (chain)*         chains are separated by whitespace
 *   chain       := item ('!' item)*
 *   item        := element | reference
 *   element     := FACTORY (NAME '=' value)*     `name=x` names the element
 *   reference   := NAME '.'                      an element named elsewhere
 *   value       := bare | "double quoted" | 'single quoted'
 *
 * A small hand-written scanner is enough for it, and lets every error point
 * at the column (in characters) where the offending token starts.  Elements
 * are created and configured as they are read, so errors come in the order
 * of the text; links are made at the end, once every name is known, so that
 * a reference may come before the element it names. */

/**
 * nf_parse_error_quark:
 *
 * Gives the quark of the launch parser's error domain, %NF_PARSE_ERROR.
 *
 * Returns: the quark
 */
G_DEFINE_QUARK (nf-parse-error-quark, nf_parse_error)

typedef enum {
  TOKEN_END,
  TOKEN_BANG,
  TOKEN_ELEMENT,
  TOKEN_REFERENCE,
  TOKEN_PROPERTY,
} TokenKind;

typedef struct {
  TokenKind  kind;
  guint      column;
  char      *word;          /* factory name, referenced name or property name */
  char      *value;         /* a property's value, quotes and escapes removed */
  guint      value_column;
} Token;

typedef struct {
  char  *name;
  guint  column;
  char  *value;
  guint  value_column;
} Property;

typedef struct {
  NfElement *element;       /* NULL for a reference */
  char      *reference;     /* the NAME of `NAME.` */
  guint      column;
  GPtrArray *properties;    /* of Property, until the element is complete */
} Item;

typedef struct {
  Item  *from;
  Item  *to;
  guint  column;            /* of the "!" */
} Link;

typedef struct {
  const char *text;
  const char *pos;
  guint       column;       /* of pos, from 1 */
  NfPipeline *pipeline;
  GPtrArray  *items;        /* of Item, in the order of the text */
  GArray     *links;        /* of Link */
  guint       error_column;
} Parser;

static void
token_clear (Token *token)
{
  g_clear_pointer (&token->word, g_free);
  g_clear_pointer (&token->value, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Token, token_clear)

static void
property_free (Property *property)
{
  g_free (property->name);
  g_free (property->value);
  g_free (property);
}

static void
item_free (Item *item)
{
  g_clear_object (&item->element);
  g_free (item->reference);
  g_clear_pointer (&item->properties, g_ptr_array_unref);
  g_free (item);
}

static void
parse_error (Parser      *parser,
             GError     **error,
             guint        column,
             NfParseError code,
             const char  *format,
             ...) G_GNUC_PRINTF (5, 6);

/* Every parse error starts with the column of the token it is about. */
static void
parse_error (Parser      *parser,
             GError     **error,
             guint        column,
             NfParseError code,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  parser->error_column = column;
  g_set_error (error, NF_PARSE_ERROR, code, "column %u: %s", column, message);
}

/* ---- scanner ----------------------------------------------------------- */

static void
advance (Parser *parser)
{
  parser->pos = g_utf8_next_char (parser->pos);
  parser->column++;
}

static gboolean
at_value_end (Parser *parser)
{
  char c = *parser->pos;

  return c == '\0' || c == '!' || g_ascii_isspace (c);
}

static gboolean
at_word_end (Parser *parser)
{
  return at_value_end (parser) || *parser->pos == '=';
}

static void
skip_spaces (Parser *parser)
{
  while (*parser->pos != '\0' && g_ascii_isspace (*parser->pos))
    advance (parser);
}

static void
append_current_char (Parser  *parser,
                     GString *out)
{
  const char *next = g_utf8_next_char (parser->pos);

  g_string_append_len (out, parser->pos, next - parser->pos);
  advance (parser);
}

/* After a backslash in a bare or double-quoted value: \" \' \\ \! \n \t and
 * a backslash before a space stand for the character; any other backslash is
 * kept as it is, so that `C:\dir` needs no doubling. */
static void
read_escape (Parser  *parser,
             GString *out)
{
  char next = parser->pos[1];

  switch (next)
    {
    case '"': case '\'': case '\\': case '!':
      g_string_append_c (out, next);
      break;
    case 'n':
      g_string_append_c (out, '\n');
      break;
    case 't':
      g_string_append_c (out, '\t');
      break;
    default:
      if (next != '\0' && g_ascii_isspace (next))
        {
          g_string_append_c (out, next);
          break;
        }
      g_string_append_c (out, '\\');
      advance (parser);
      return;
    }

  advance (parser);
  advance (parser);
}

static gboolean
read_quoted_value (Parser   *parser,
                   GString  *out,
                   GError  **error)
{
  char quote = *parser->pos;
  guint start = parser->column;

  advance (parser);
  for (;;)
    {
      char c = *parser->pos;

      if (c == '\0')
        {
          parse_error (parser, error, start, NF_PARSE_ERROR_SYNTAX, "unterminated quoted string");
          return FALSE;
        }
      if (c == quote)
        {
          advance (parser);
          break;
        }
      if (c == '\\' && quote == '"')
        read_escape (parser, out);
      else if (c == '\\' && parser->pos[1] == '\'')
        {
          /* in single quotes only \' is an escape */
          g_string_append_c (out, '\'');
          advance (parser);
          advance (parser);
        }
      else
        append_current_char (parser, out);
    }

  if (!at_value_end (parser))
    {
      const char *next = g_utf8_next_char (parser->pos);
      g_autofree char *what = g_strndup (parser->pos, next - parser->pos);

      parse_error (parser, error, parser->column, NF_PARSE_ERROR_SYNTAX,
                   "unexpected “%s” after a quoted string (a space must follow it)", what);
      return FALSE;
    }

  return TRUE;
}

static void
read_bare_value (Parser  *parser,
                 GString *out)
{
  while (!at_value_end (parser))
    {
      if (*parser->pos == '\\' && parser->pos[1] != '\0')
        read_escape (parser, out);
      else
        append_current_char (parser, out);
    }
}

static gboolean
is_property_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]))
    return FALSE;
  for (const char *c = name + 1; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      return FALSE;
  return TRUE;
}

static gboolean
read_property (Parser   *parser,
               Token    *token,
               GError  **error)
{
  g_autoptr(GString) value = g_string_new (NULL);

  if (!is_property_name (token->word))
    {
      parse_error (parser, error, token->column, NF_PARSE_ERROR_SYNTAX,
                   "“%s” is not a valid property name", token->word);
      return FALSE;
    }

  advance (parser);  /* the '=' */
  token->kind = TOKEN_PROPERTY;
  token->value_column = parser->column;

  if (*parser->pos == '"' || *parser->pos == '\'')
    {
      if (!read_quoted_value (parser, value, error))
        return FALSE;
    }
  else
    read_bare_value (parser, value);

  token->value = g_strdup (value->str);
  return TRUE;
}

static gboolean
read_token (Parser   *parser,
            Token    *token,
            GError  **error)
{
  const char *start;
  gsize len;

  skip_spaces (parser);
  token->column = parser->column;

  switch (*parser->pos)
    {
    case '\0':
      token->kind = TOKEN_END;
      return TRUE;
    case '!':
      token->kind = TOKEN_BANG;
      advance (parser);
      return TRUE;
    case '=':
      parse_error (parser, error, token->column, NF_PARSE_ERROR_SYNTAX,
                   "“=” must follow a property name");
      return FALSE;
    case '"':
    case '\'':
      parse_error (parser, error, token->column, NF_PARSE_ERROR_SYNTAX,
                   "a quoted string must be the value of a property (property=\"value\")");
      return FALSE;
    default:
      break;
    }

  start = parser->pos;
  while (!at_word_end (parser))
    advance (parser);
  len = parser->pos - start;
  token->word = g_strndup (start, len);

  if (*parser->pos == '=')
    return read_property (parser, token, error);

  if (len > 1 && start[len - 1] == '.')
    {
      token->kind = TOKEN_REFERENCE;
      token->word[len - 1] = '\0';
    }
  else
    token->kind = TOKEN_ELEMENT;

  return TRUE;
}

/* ---- elements ---------------------------------------------------------- */

/* A filter that starts a chain has nothing to feed it: when the registry
 * has its source form, NAMEsrc, that is what the user means, so that
 * `fetch location=urls.txt ! clean` reads like `… ! fetch ! clean`. */
static NfElementFactory *
source_form (NfRegistry       *registry,
             NfElementFactory *factory)
{
  g_autofree char *source_name = NULL;
  NfElementFactory *source;

  if (!nf_element_factory_load (factory, NULL)
      || !g_type_is_a (nf_element_factory_get_element_type (factory), NF_TYPE_FILTER))
    return factory;

  source_name = g_strconcat (nf_element_factory_get_name (factory), "src", NULL);
  source = nf_registry_find_factory (registry, source_name);
  if (source == NULL || !nf_element_factory_load (source, NULL)
      || !g_type_is_a (nf_element_factory_get_element_type (source), NF_TYPE_SOURCE))
    return factory;
  return source;
}

static NfElement *
make_element (Parser      *parser,
              const char  *factory_name,
              guint        column,
              gboolean     starts_chain,
              GError     **error)
{
  NfRegistry *registry = nf_registry_get_default ();
  NfElementFactory *factory;
  g_autoptr(GError) local_error = NULL;
  NfElement *element;

  factory = nf_registry_find_factory (registry, factory_name);
  if (factory == NULL)
    {
      g_autofree char *suggestion = nf_registry_suggest_factory (registry, factory_name);

      if (suggestion != NULL)
        parse_error (parser, error, column, NF_PARSE_ERROR_NO_SUCH_ELEMENT,
                     "no element “%s”; did you mean “%s”?", factory_name, suggestion);
      else
        parse_error (parser, error, column, NF_PARSE_ERROR_NO_SUCH_ELEMENT,
                     "no element “%s”", factory_name);
      return NULL;
    }

  if (starts_chain)
    factory = source_form (registry, factory);
  element = nf_element_factory_create (factory, NULL, &local_error);
  if (element == NULL)
    {
      parse_error (parser, error, column, NF_PARSE_ERROR_PLUGIN,
                   "cannot create element “%s”: %s", factory_name,
                   local_error != NULL ? local_error->message : "unknown reason");
      return NULL;
    }

  return element;
}

/* `name=` is applied before the element joins the pipeline (where it would
 * otherwise get an automatic name), the other properties after, so that
 * their errors can name the element. */
static Property *
find_name_property (Item *item)
{
  Property *found = NULL;

  for (guint i = 0; i < item->properties->len; i++)
    {
      Property *property = g_ptr_array_index (item->properties, i);

      if (g_strcmp0 (property->name, "name") == 0)
        found = property;  /* the last one wins, as in gst-launch */
    }

  return found;
}

static gboolean
add_element (Parser   *parser,
             Item     *item,
             GError  **error)
{
  Property *name = find_name_property (item);
  g_autoptr(GError) local_error = NULL;

  if (name != NULL)
    {
      if (name->value[0] == '\0')
        {
          parse_error (parser, error, name->value_column, NF_PARSE_ERROR_BAD_VALUE,
                       "an element name must not be empty");
          return FALSE;
        }
      if (nf_pipeline_get_by_name (parser->pipeline, name->value) != NULL)
        {
          parse_error (parser, error, name->column, NF_PARSE_ERROR_DUPLICATE_NAME,
                       "element name “%s” is already used", name->value);
          return FALSE;
        }
      nf_element_set_name (item->element, name->value);
    }

  if (!nf_pipeline_add (parser->pipeline, item->element, &local_error))
    {
      gboolean duplicate = g_error_matches (local_error, NF_PIPELINE_ERROR, NF_PIPELINE_ERROR_NAME);

      parse_error (parser, error, name != NULL ? name->column : item->column,
                   duplicate ? NF_PARSE_ERROR_DUPLICATE_NAME : NF_PARSE_ERROR_LINK,
                   "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
complete_element (Parser   *parser,
                  Item     *item,
                  GError  **error)
{
  if (item == NULL || item->properties == NULL)
    return TRUE;

  if (!add_element (parser, item, error))
    return FALSE;

  for (guint i = 0; i < item->properties->len; i++)
    {
      Property *property = g_ptr_array_index (item->properties, i);
      g_autoptr(GError) local_error = NULL;

      if (g_strcmp0 (property->name, "name") == 0)
        continue;

      if (!nf_element_set_property_from_string (item->element, property->name,
                                                property->value, &local_error))
        {
          gboolean bad_value = g_error_matches (local_error, NF_PARSE_ERROR, NF_PARSE_ERROR_BAD_VALUE);
          int code = local_error->domain == NF_PARSE_ERROR ? local_error->code
                                                           : NF_PARSE_ERROR_BAD_VALUE;

          parse_error (parser, error, bad_value ? property->value_column : property->column,
                       code, "%s", local_error->message);
          return FALSE;
        }
    }

  g_clear_pointer (&item->properties, g_ptr_array_unref);
  return TRUE;
}

/* ---- links ------------------------------------------------------------- */

static const char *
reference_role (Parser *parser,
                Item   *item)
{
  const char *role = "";

  for (guint i = 0; i < parser->links->len; i++)
    {
      Link *link = &g_array_index (parser->links, Link, i);

      if (link->to == item)
        return " to link to";
      if (link->from == item)
        role = " to link from";
    }

  return role;
}

static gboolean
resolve_references (Parser   *parser,
                    GError  **error)
{
  for (guint i = 0; i < parser->items->len; i++)
    {
      Item *item = g_ptr_array_index (parser->items, i);
      NfElement *element;

      if (item->reference == NULL)
        continue;

      element = nf_pipeline_get_by_name (parser->pipeline, item->reference);
      if (element == NULL)
        {
          parse_error (parser, error, item->column, NF_PARSE_ERROR_NO_SUCH_REFERENCE,
                       "no element named “%s”%s", item->reference,
                       reference_role (parser, item));
          return FALSE;
        }
      item->element = g_object_ref (element);
    }

  return TRUE;
}

static gboolean
make_links (Parser   *parser,
            GError  **error)
{
  for (guint i = 0; i < parser->links->len; i++)
    {
      Link *link = &g_array_index (parser->links, Link, i);
      g_autoptr(GError) local_error = NULL;

      if (!nf_element_link (link->from->element, link->to->element, &local_error))
        {
          parse_error (parser, error, link->column, NF_PARSE_ERROR_LINK,
                       "%s", local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* ---- the grammar ------------------------------------------------------- */

static Item *
start_item (Parser   *parser,
            Token    *token,
            gboolean  starts_chain,
            GError  **error)
{
  Item *item = g_new0 (Item, 1);

  item->column = token->column;
  if (token->kind == TOKEN_REFERENCE)
    item->reference = g_strdup (token->word);
  else
    {
      item->element = make_element (parser, token->word, token->column, starts_chain, error);
      if (item->element == NULL)
        {
          item_free (item);
          return NULL;
        }
      item->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) property_free);
    }

  g_ptr_array_add (parser->items, item);
  return item;
}

static gboolean
add_property (Parser   *parser,
              Item     *current,
              Token    *token,
              GError  **error)
{
  Property *property;

  if (current == NULL || current->properties == NULL)
    {
      if (current != NULL && current->reference != NULL)
        parse_error (parser, error, token->column, NF_PARSE_ERROR_SYNTAX,
                     "property “%s” must follow an element, not the reference “%s.”",
                     token->word, current->reference);
      else
        parse_error (parser, error, token->column, NF_PARSE_ERROR_SYNTAX,
                     "property “%s” must follow an element", token->word);
      return FALSE;
    }

  property = g_new0 (Property, 1);
  property->name = g_steal_pointer (&token->word);
  property->column = token->column;
  property->value = g_steal_pointer (&token->value);
  property->value_column = token->value_column;
  g_ptr_array_add (current->properties, property);
  return TRUE;
}

static gboolean
parse_description (Parser   *parser,
                   GError  **error)
{
  Item *current = NULL;     /* the last item of the chain being read */
  guint bang_column = 0;    /* of a "!" still waiting for the item after it */

  for (;;)
    {
      g_auto(Token) token = { 0, };
      gboolean ok = TRUE;

      if (!read_token (parser, &token, error))
        return FALSE;

      switch (token.kind)
        {
        case TOKEN_END:
          if (bang_column != 0)
            {
              parse_error (parser, error, bang_column, NF_PARSE_ERROR_EMPTY,
                           "“!” must be followed by an element");
              return FALSE;
            }
          return complete_element (parser, current, error);

        case TOKEN_BANG:
          if (bang_column != 0)
            {
              parse_error (parser, error, bang_column, NF_PARSE_ERROR_EMPTY,
                           "“!” must be followed by an element");
              ok = FALSE;
            }
          else if (current == NULL)
            {
              parse_error (parser, error, token.column, NF_PARSE_ERROR_EMPTY,
                           "“!” must follow an element");
              ok = FALSE;
            }
          else
            {
              ok = complete_element (parser, current, error);
              bang_column = token.column;
            }
          break;

        case TOKEN_PROPERTY:
          if (bang_column != 0)
            {
              parse_error (parser, error, bang_column, NF_PARSE_ERROR_EMPTY,
                           "“!” must be followed by an element");
              ok = FALSE;
            }
          else
            ok = add_property (parser, current, &token, error);
          break;

        case TOKEN_ELEMENT:
        case TOKEN_REFERENCE:
          {
            Item *item;

            if (!complete_element (parser, current, error))
              {
                ok = FALSE;
                break;
              }
            item = start_item (parser, &token, bang_column == 0, error);
            if (item == NULL)
              {
                ok = FALSE;
                break;
              }
            if (bang_column != 0)
              {
                Link link = { current, item, bang_column };
                g_array_append_val (parser->links, link);
                bang_column = 0;
              }
            current = item;
          }
          break;

        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return FALSE;
    }
}

static gboolean
check_utf8 (Parser   *parser,
            GError  **error)
{
  const char *end = NULL;

  if (g_utf8_validate (parser->text, -1, &end))
    return TRUE;

  parse_error (parser, error, (guint) g_utf8_strlen (parser->text, end - parser->text) + 1,
               NF_PARSE_ERROR_SYNTAX, "the description is not valid UTF-8");
  return FALSE;
}

/**
 * nf_parse_launch_full:
 * @description: a pipeline description in the launch syntax
 * @error_column: (out) (optional): where to store the column, counted in
 *   characters from 1, of the token an error is about; 0 when there is none
 * @error: return location for a #GError, in the %NF_PARSE_ERROR domain
 *
 * Makes a pipeline from a description like the one `nf-launch` takes:
 *
 * ```
 * filesrc location="my articles/" ! clean ! summarize sentences=3 ! jsonsink
 * filesrc location=a.jsonl ! tee name=t t. ! jsonsink location=o.jsonl t. ! textsink
 * ```
 *
 * Elements are separated by `!`; `property=value` pairs after an element set
 * its properties (see nf_value_from_string() for the values each type takes),
 * and `name=` names it. `NAME.` stands for the element named NAME: a chain
 * may start there (`t. ! jsonsink` links from `t`) or end there
 * (`… ! t.` links into `t`). Chains are separated by spaces. A value may be
 * written in double quotes (where `\"`, `\\`, `\n` and `\t` are escapes) or
 * single quotes (where only `\'` is); outside quotes a backslash escapes a
 * space, a `!` or a quote.
 *
 * Every error is fatal: the message starts with `column N:`, where N is the
 * column of the offending token, and says what is wrong; an unknown element
 * or property comes with the closest known name.
 *
 * Returns: (transfer full) (nullable): the pipeline, or %NULL on error
 */
NfPipeline *
nf_parse_launch_full (const char  *description,
                      guint       *error_column,
                      GError     **error)
{
  g_autoptr(NfPipeline) pipeline = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) links = NULL;
  Parser parser = { 0, };
  gboolean ok;

  g_return_val_if_fail (description != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (error_column != NULL)
    *error_column = 0;

  pipeline = nf_pipeline_new (NULL);
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  links = g_array_new (FALSE, FALSE, sizeof (Link));

  parser.text = description;
  parser.pos = description;
  parser.column = 1;
  parser.pipeline = pipeline;
  parser.items = items;
  parser.links = links;

  ok = check_utf8 (&parser, error) && parse_description (&parser, error);
  if (ok && items->len == 0)
    {
      parse_error (&parser, error, 1, NF_PARSE_ERROR_EMPTY, "empty pipeline");
      ok = FALSE;
    }
  ok = ok && resolve_references (&parser, error) && make_links (&parser, error);

  if (!ok)
    {
      if (error_column != NULL)
        *error_column = parser.error_column;
      return NULL;
    }

  return g_steal_pointer (&pipeline);
}

/**
 * nf_parse_launch:
 * @description: a pipeline description in the launch syntax
 * @error: return location for a #GError, in the %NF_PARSE_ERROR domain
 *
 * Makes a pipeline from a description, as nf_parse_launch_full() does.
 *
 * Returns: (transfer full) (nullable): the pipeline, or %NULL on error
 */
NfPipeline *
nf_parse_launch (const char  *description,
                 GError     **error)
{
  return nf_parse_launch_full (description, NULL, error);
}

/**
 * nf_parse_launchv:
 * @argv: (array zero-terminated=1): the words of a description, as a
 *   command line splits it
 * @error: return location for a #GError, in the %NF_PARSE_ERROR domain
 *
 * Makes a pipeline from a description given as separate words, as
 * `nf-launch filesrc location=x ! jsonsink` receives it: the words are joined
 * with single spaces and parsed, so error columns count in the joined text.
 *
 * Returns: (transfer full) (nullable): the pipeline, or %NULL on error
 */
NfPipeline *
nf_parse_launchv (const char * const  *argv,
                  GError             **error)
{
  g_autofree char *description = NULL;

  g_return_val_if_fail (argv != NULL, NULL);

  description = g_strjoinv (" ", (char **) argv);
  return nf_parse_launch_full (description, NULL, error);
}

static gboolean
needs_quotes (const char *value)
{
  if (value[0] == '\0')
    return TRUE;
  for (const char *c = value; *c != '\0'; c++)
    if (g_ascii_isspace (*c) || strchr ("!\"'\\", *c) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * nf_launch_quote:
 * @value: a property value
 *
 * Quotes a property value for a launch line, when it needs it: a value with
 * spaces, `!`, quotes or backslashes, or an empty one, is written in double
 * quotes with `"` and `\` escaped (and newlines and tabs as `\n` and `\t`);
 * any other value is returned as it is.
 *
 * Returns: (transfer full): the value, ready to follow `property=`
 */
char *
nf_launch_quote (const char *value)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  if (!needs_quotes (value))
    return g_strdup (value);

  out = g_string_new ("\"");
  for (const char *c = value; *c != '\0'; c++)
    {
      switch (*c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_c (out, *c); break;
        }
    }
  g_string_append_c (out, '"');

  return g_strdup (out->str);
}

/* ---- writing a pipeline back ------------------------------------------- */

typedef struct {
  NfElement *from;
  NfElement *to;
} Branch;

typedef struct {
  GString    *out;
  GHashTable *written;    /* NfElement* set */
  GQueue      branches;   /* of Branch, waiting to be written */
} Writer;

static const char *
element_factory_name (NfElement *element)
{
  NfElementFactory *factory = nf_element_get_factory (element);
  g_autoptr(GPtrArray) factories = NULL;

  if (factory != NULL)
    return nf_element_factory_get_name (factory);

  /* an element made with g_object_new(): find the factory of its type */
  factories = nf_registry_get_factories (nf_registry_get_default ());
  for (guint i = 0; factories != NULL && i < factories->len; i++)
    {
      factory = g_ptr_array_index (factories, i);
      if (nf_element_factory_get_element_type (factory) == G_OBJECT_TYPE (element))
        return nf_element_factory_get_name (factory);
    }

  return G_OBJECT_TYPE_NAME (element);
}

/* Whether @element has the name the pipeline would give it: its factory name
 * and a number. */
static gboolean
has_automatic_name (NfElement  *element,
                    const char *factory_name)
{
  const char *name = nf_element_get_name (element);
  gsize len = strlen (factory_name);
  const char *digits;

  if (name == NULL)
    return TRUE;
  if (strncmp (name, factory_name, len) != 0)
    return FALSE;

  digits = name + len;
  if (digits[0] == '\0' || (digits[0] == '0' && digits[1] != '\0'))
    return FALSE;
  for (const char *c = digits; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

/* A launch line cannot say "no string at all": such a value is left out. */
static gboolean
holds_null (const GValue *value)
{
  if (G_VALUE_HOLDS_STRING (value))
    return g_value_get_string (value) == NULL;
  if (G_VALUE_HOLDS_BOXED (value))
    return g_value_get_boxed (value) == NULL;
  return FALSE;
}

static void
write_properties (Writer    *writer,
                  NfElement *element)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (element), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *text = NULL, *quoted = NULL;

      if (g_str_equal (pspec->name, "name") ||
          (pspec->flags & (G_PARAM_READABLE | G_PARAM_WRITABLE)) !=
            (G_PARAM_READABLE | G_PARAM_WRITABLE) ||
          (pspec->flags & G_PARAM_CONSTRUCT_ONLY) ||
          !_nf_param_spec_is_parsable (pspec))
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (element), pspec->name, &value);
      if (g_param_value_defaults (pspec, &value) || holds_null (&value))
        continue;

      text = nf_value_to_string (&value);
      quoted = nf_launch_quote (text);
      g_string_append_printf (writer->out, " %s=%s", pspec->name, quoted);
    }
}

static void
write_element (Writer    *writer,
               NfElement *element,
               gboolean   referenced)
{
  const char *factory_name = element_factory_name (element);
  const char *name = nf_element_get_name (element);

  g_hash_table_add (writer->written, element);
  g_string_append (writer->out, factory_name);

  /* an element that branches is referred to by name, so it needs one even
   * when its own is the automatic one */
  if (name != NULL && (referenced || !has_automatic_name (element, factory_name)))
    {
      g_autofree char *quoted = nf_launch_quote (name);
      g_string_append_printf (writer->out, " name=%s", quoted);
    }

  write_properties (writer, element);
}

static void
write_reference (Writer    *writer,
                 NfElement *element)
{
  g_string_append_printf (writer->out, "%s.", nf_element_get_name (element));
}

/* One chain: from @first down the first branch of every element; the other
 * branches are queued and written afterwards as `name. ! …` chains. */
static void
write_chain (Writer    *writer,
             NfElement *from,
             NfElement *first)
{
  NfElement *element = first;

  if (writer->out->len > 0)
    g_string_append_c (writer->out, ' ');
  if (from != NULL)
    {
      write_reference (writer, from);
      g_string_append (writer->out, " ! ");
    }

  while (element != NULL)
    {
      g_autoptr(GPtrArray) downstream = NULL;

      if (g_hash_table_contains (writer->written, element))
        {
          write_reference (writer, element);
          break;
        }

      downstream = nf_element_get_downstream (element);
      write_element (writer, element, downstream != NULL && downstream->len > 1);

      if (downstream == NULL || downstream->len == 0)
        break;

      for (guint i = 1; i < downstream->len; i++)
        {
          Branch *branch = g_new0 (Branch, 1);

          branch->from = element;
          branch->to = g_ptr_array_index (downstream, i);
          g_queue_push_tail (&writer->branches, branch);
        }

      g_string_append (writer->out, " ! ");
      element = g_ptr_array_index (downstream, 0);
    }
}

static void
write_tree (Writer    *writer,
            NfElement *root)
{
  Branch *branch;

  write_chain (writer, NULL, root);
  while ((branch = g_queue_pop_head (&writer->branches)) != NULL)
    {
      write_chain (writer, branch->from, branch->to);
      g_free (branch);
    }
}

/**
 * nf_pipeline_to_launch_string:
 * @self: a pipeline
 *
 * Writes a pipeline back as a launch description that nf_parse_launch()
 * turns into the same pipeline: each element's factory name, its `name=`
 * when it is not the automatic one (or when a branch refers to it), and the
 * writable properties whose values differ from their defaults, quoted where
 * needed. The branches of an element linked to several others, like a
 * `tee`, are written as `tee name=t ! a t. ! b`.
 *
 * Returns: (transfer full): the description
 */
char *
nf_pipeline_to_launch_string (NfPipeline *self)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GHashTable) written = NULL;
  g_autoptr(GString) out = NULL;
  Writer writer = { 0, };

  g_return_val_if_fail (NF_IS_PIPELINE (self), NULL);

  elements = nf_pipeline_get_elements (self);
  written = g_hash_table_new (NULL, NULL);
  out = g_string_new (NULL);
  writer.out = out;
  writer.written = written;
  g_queue_init (&writer.branches);

  /* first every tree from its root, then whatever a cycle left out */
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      NfElement *element = g_ptr_array_index (elements, i);

      if (nf_element_get_upstream (element) == NULL &&
          !g_hash_table_contains (written, element))
        write_tree (&writer, element);
    }
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      NfElement *element = g_ptr_array_index (elements, i);

      if (!g_hash_table_contains (written, element))
        write_tree (&writer, element);
    }

  return g_strdup (out->str);
}
