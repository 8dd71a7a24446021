/* nf-launch.c: runs a pipeline written as a launch line
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   nf-launch [OPTION…] filesrc location=articles/ ! clean ! summarize ! jsonsink
 *
 * stdout belongs to the sinks (jsonsink and textsink write there by
 * default): everything the tool itself says goes to stderr.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <newsfilter.h>

/* Exit statuses, as documented in nf-launch(1). */
enum {
  EXIT_OK = 0,
  EXIT_PIPELINE_ERROR = 1,
  EXIT_USAGE = 2,
  EXIT_INTERRUPTED = 128 + SIGINT,
};

typedef struct {
  /* options */
  gboolean quiet;
  gboolean verbose;
  gboolean progress;
  gboolean strict;
  int threads;
  int max_in_flight;
  char *dot_path;               /* --dot FILE, nullable */

  /* the run */
  NfPipeline *pipeline;
  GCancellable *cancellable;
  NfMessage *error_message;   /* the first ERROR posted on the bus */
  guint n_interrupts;

  /* the live progress line on a terminal */
  gboolean stderr_is_tty;
  gboolean progress_line_shown;
} Launch;

static void
launch_clear (Launch *self)
{
  g_clear_object (&self->pipeline);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->error_message, nf_message_unref);
  g_clear_pointer (&self->dot_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Launch, launch_clear)

/* ------------------------------------------------------------------------ */
/* Printing                                                                  */

/* Erases the live progress line so that the next line starts clean. */
static void
erase_progress_line (Launch *self)
{
  if (self->progress_line_shown)
    {
      g_printerr ("\r\033[K");
      self->progress_line_shown = FALSE;
    }
}

static void
print_status (Launch     *self,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

/* Prints one line of status on stderr, unless --quiet. */
static void
print_status (Launch     *self,
              const char *format,
              ...)
{
  g_autofree char *line = NULL;
  va_list args;

  if (self->quiet)
    return;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  erase_progress_line (self);
  g_printerr ("nf-launch: %s\n", line);
}

static double
rate_per_second (guint64 count,
                 gint64  elapsed_us)
{
  return elapsed_us > 0 ? count * (double) G_USEC_PER_SEC / elapsed_us : 0.0;
}

static char *
format_progress (guint64 done,
                 guint64 failed,
                 gint64  elapsed_us)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT " done, %.1f docs/s, %"
                          G_GUINT64_FORMAT " failed, %.1f s elapsed",
                          done, rate_per_second (done, elapsed_us), failed,
                          elapsed_us / (double) G_USEC_PER_SEC);
}

/* On a terminal the progress line is rewritten in place; elsewhere (a log
 * file, a pipe) only the final figures are printed, by print_final_progress(). */
static void
show_progress (Launch    *self,
               NfMessage *message)
{
  g_autofree char *line = NULL;
  guint64 done = 0, failed = 0;
  gint64 elapsed_us = 0;

  if (!self->progress || self->quiet || !self->stderr_is_tty)
    return;

  nf_message_get_progress (message, &done, &failed, &elapsed_us);
  line = format_progress (done, failed, elapsed_us);
  g_printerr ("\r\033[Knf-launch: %s", line);
  self->progress_line_shown = TRUE;
}

static void
print_final_progress (Launch *self,
                      gint64  elapsed_us)
{
  g_autofree char *line = NULL;

  if (!self->progress || self->quiet)
    return;

  line = format_progress (nf_pipeline_get_n_done (self->pipeline),
                          nf_pipeline_get_n_failed (self->pipeline),
                          elapsed_us);
  print_status (self, "%s", line);
}

static void
print_summary (Launch *self,
               gint64  elapsed_us)
{
  guint64 done = nf_pipeline_get_n_done (self->pipeline);
  guint64 failed = nf_pipeline_get_n_failed (self->pipeline);

  print_status (self, "%" G_GUINT64_FORMAT " documents, %" G_GUINT64_FORMAT
                " failed, in %.2f s (%.1f docs/s)",
                done, failed, elapsed_us / (double) G_USEC_PER_SEC,
                rate_per_second (done, elapsed_us));
}

static void
print_warning (Launch    *self,
               NfMessage *message)
{
  const GError *error = nf_message_get_error (message);
  const char *id = nf_message_get_document_id (message);
  const char *path = nf_message_get_source_path (message);

  print_status (self, "warning: %s: %s (element %s)",
                id != NULL ? id : "(no id)",
                error != NULL ? error->message : "unknown failure",
                path != NULL ? path : "unknown");
}

/* The per-element table of -v: where the time went. */
static void
print_element_statistics (Launch *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) elements = nf_pipeline_get_elements (self->pipeline);
  int width = (int) strlen ("ELEMENT");

  for (guint i = 0; i < elements->len; i++)
    {
      char *path = nf_element_get_path (g_ptr_array_index (elements, i));

      width = MAX (width, (int) g_utf8_strlen (path, -1));
      g_ptr_array_add (paths, path);
    }

  erase_progress_line (self);
  g_printerr ("nf-launch: element statistics:\n");
  /* "µs" is two bytes for one column: printf would pad it one short. */
  g_printerr ("  %-*s %10s %10s %10s %10s  µs/DOCUMENT\n", width, "ELEMENT",
              "IN", "OUT", "FAILED", "TIME (s)");

  for (guint i = 0; i < elements->len; i++)
    {
      guint64 in = 0, out = 0, failures = 0, time_ns = 0;
      g_autofree char *per_document = NULL;

      nf_element_get_statistics (g_ptr_array_index (elements, i),
                                 &in, &out, &failures, &time_ns);
      /* A source takes no documents in: charge its time to what it made. */
      if (in > 0 || out > 0)
        per_document = g_strdup_printf ("%.1f", time_ns / 1000.0 / MAX (in, out));
      else
        per_document = g_strdup ("-");

      g_printerr ("  %-*s %10" G_GUINT64_FORMAT " %10" G_GUINT64_FORMAT
                  " %10" G_GUINT64_FORMAT " %10.3f %12s\n",
                  width, (const char *) g_ptr_array_index (paths, i),
                  in, out, failures, time_ns / 1e9, per_document);
    }
}

static void
print_pipeline_error (Launch       *self,
                      const GError *run_error)
{
  const GError *error = run_error;

  /* The bus message carries the element and the debug text; the error that
   * nf_pipeline_run() returns is the same failure, told more briefly. */
  if (self->error_message != NULL && nf_message_get_error (self->error_message) != NULL)
    error = nf_message_get_error (self->error_message);

  erase_progress_line (self);
  g_printerr ("nf-launch: error: %s\n",
              error != NULL ? error->message : "the pipeline failed without saying why");

  if (self->verbose && self->error_message != NULL)
    {
      const char *path = nf_message_get_source_path (self->error_message);
      const char *debug = nf_message_get_debug (self->error_message);

      if (path != NULL)
        g_printerr ("nf-launch: error from element %s\n", path);
      if (debug != NULL && *debug != '\0')
        g_printerr ("nf-launch: debug: %s\n", debug);
    }
}

/* ------------------------------------------------------------------------ */
/* The launch line                                                           */

/* Whether @argument is one `property=value` assignment, as the shell hands
 * over `location="my dir"`, rather than a piece of a description such as
 * "filesrc location=x ! jsonsink" given in one quoted argument. */
static gboolean
is_property_assignment (const char *argument)
{
  const char *p = argument;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
    p++;

  return *p == '=';
}

/* Appends one command-line argument to the launch line. In a property
 * assignment, the blanks the shell kept inside the value are escaped so
 * that the parser reads one value, as gst-launch does; anything else is a
 * piece of the description and goes in as it is. */
static void
append_argument (GString    *line,
                 const char *argument)
{
  const char *value;
  char quote;

  if (!is_property_assignment (argument))
    {
      g_string_append (line, argument);
      return;
    }

  value = strchr (argument, '=') + 1;
  g_string_append_len (line, argument, value - argument);

  /* A quoted value is the parser's business already. */
  quote = (*value == '"' || *value == '\'') ? *value : '\0';
  if (quote != '\0')
    {
      g_string_append (line, value);
      return;
    }

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_len (line, p, 2);
          p++;
          continue;
        }
      if (g_ascii_isspace (*p))
        g_string_append_c (line, '\\');
      g_string_append_c (line, *p);
    }
}

static char *
join_arguments (const char * const *arguments)
{
  GString *line = g_string_new (NULL);

  for (guint i = 0; arguments[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (line, ' ');
      append_argument (line, arguments[i]);
    }

  return g_string_free (line, FALSE);
}

/* Shows where the parser gave up:
 *
 *   nf-launch: could not parse the pipeline: column 22: no element “sumarize”…
 *     filesrc location=x ! sumarize ! jsonsink
 *                          ^
 */
static void
print_parse_error (const char   *description,
                   guint         column,
                   const GError *error)
{
  g_printerr ("nf-launch: could not parse the pipeline: %s\n", error->message);

  /* The parser counts columns in characters, from 1; 0 means nowhere. */
  if (column == 0 || column > (guint) g_utf8_strlen (description, -1) + 1)
    return;

  g_printerr ("  %s\n", description);
  g_printerr ("  %*s^\n", (int) column - 1, "");
}

/* ------------------------------------------------------------------------ */
/* Running                                                                   */

static void
on_bus_message (NfBus     *bus,
                NfMessage *message,
                Launch    *self)
{
  switch (nf_message_get_message_type (message))
    {
    case NF_MESSAGE_ERROR:
      if (self->error_message == NULL)
        self->error_message = nf_message_ref (message);
      return;   /* printed once the run returns */

    case NF_MESSAGE_WARNING:
      print_warning (self, message);
      return;

    case NF_MESSAGE_PROGRESS:
      show_progress (self, message);
      break;

    case NF_MESSAGE_EOS:
    case NF_MESSAGE_INFO:
    default:
      break;
    }

  if (self->verbose && !self->quiet)
    {
      g_autofree char *text = nf_message_to_string (message);

      print_status (self, "message: %s", text);
    }
}

/* The first Ctrl-C stops the sources and lets the documents in flight reach
 * the sinks, which then flush their outputs; a second one gives up at once. */
static gboolean
on_interrupt (gpointer user_data)
{
  Launch *self = user_data;

  if (self->n_interrupts++ > 0)
    {
      erase_progress_line (self);
      g_printerr ("nf-launch: interrupted again, exiting without flushing\n");
      _exit (EXIT_INTERRUPTED);
    }

  print_status (self, "interrupted, stopping (press Ctrl-C again to quit at once)");
  g_cancellable_cancel (self->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Writes the --dot graph, figures of the run included; the run's own
 * failure, if any, is reported after it. */
static gboolean
write_dot (Launch *self)
{
  g_autofree char *dot = nf_pipeline_to_dot (self->pipeline);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (self->dot_path, dot, -1, &error))
    {
      erase_progress_line (self);
      g_printerr ("nf-launch: error: could not write the graph: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
run_pipeline (Launch *self)
{
  g_autoptr(GError) error = NULL;
  NfBus *bus = nf_pipeline_get_bus (self->pipeline);
  gulong message_handler;
  guint interrupt_source;
  gint64 start_us, elapsed_us;
  gboolean ok;

  if (self->threads > 0)
    nf_pipeline_set_threads (self->pipeline, self->threads);
  if (self->max_in_flight > 0)
    nf_pipeline_set_max_in_flight (self->pipeline, self->max_in_flight);

  if (self->verbose)
    {
      g_autofree char *line = nf_pipeline_to_launch_string (self->pipeline);
      guint threads = nf_pipeline_get_threads (self->pipeline);

      print_status (self, "running %s on %u %s", line,
                    threads > 0 ? threads : nf_get_default_threads (),
                    threads == 1 ? "thread" : "threads");
    }

  self->cancellable = g_cancellable_new ();
  message_handler = g_signal_connect (bus, "message", G_CALLBACK (on_bus_message), self);
  interrupt_source = g_unix_signal_add (SIGINT, on_interrupt, self);

  start_us = g_get_monotonic_time ();
  ok = nf_pipeline_run (self->pipeline, self->cancellable, &error);
  elapsed_us = g_get_monotonic_time () - start_us;

  /* Deliver what the workers posted just before the end. */
  nf_bus_flush (bus);
  g_source_remove (interrupt_source);
  g_signal_handler_disconnect (bus, message_handler);

  if (self->verbose)
    print_element_statistics (self);
  if (self->dot_path != NULL && !write_dot (self))
    return EXIT_PIPELINE_ERROR;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      print_final_progress (self, elapsed_us);
      print_summary (self, elapsed_us);
      return EXIT_INTERRUPTED;
    }

  if (!ok || self->error_message != NULL)
    {
      print_pipeline_error (self, error);
      return EXIT_PIPELINE_ERROR;
    }

  print_final_progress (self, elapsed_us);
  print_summary (self, elapsed_us);

  if (self->strict && nf_pipeline_get_n_failed (self->pipeline) > 0)
    {
      guint64 failed = nf_pipeline_get_n_failed (self->pipeline);

      g_printerr ("nf-launch: error: %" G_GUINT64_FORMAT " %s failed and --strict is set\n",
                  failed, failed == 1 ? "document" : "documents");
      return EXIT_PIPELINE_ERROR;
    }

  return EXIT_OK;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("nf-launch: %s\n", message);
  g_printerr ("Try “nf-launch --help” for more information.\n");
  return EXIT_USAGE;
}

int
main (int    argc,
      char **argv)
{
  g_auto(Launch) self = { 0, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) arguments = NULL;
  g_auto(GStrv) description_words = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  guint column = 0;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &self.quiet,
      "Print no status and no warnings, only errors", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &self.verbose,
      "Print every bus message, and time spent per element at the end", NULL },
    { "threads", 'j', 0, G_OPTION_ARG_INT, &self.threads,
      "Work on at most N documents at once (default: one per core)", "N" },
    { "max-in-flight", 0, 0, G_OPTION_ARG_INT, &self.max_in_flight,
      "Let at most N documents be between the source and the sinks", "N" },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &self.progress,
      "Show documents done, rate, failures and time while running", NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &self.strict,
      "Exit with status 1 when any document failed", NULL },
    { "dot", 0, 0, G_OPTION_ARG_FILENAME, &self.dot_path,
      "After the run, write the pipeline as a Graphviz graph with documents in and out, "
      "failures and time per element", "FILE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      "Print the version and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &description_words,
      NULL, "DESCRIPTION…" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- run a libnewsfilter pipeline");
  g_option_context_set_summary (context,
    "Builds a pipeline from a launch line and runs it, for example:\n"
    "  nf-launch filesrc location=articles/ ! jsonsink location=out.jsonl");
  g_option_context_set_description (context,
    "Exit status: 0 on success, 1 when the pipeline failed (or, with --strict,\n"
    "a document failed), 2 on a usage or parse error, 130 when interrupted.");
  g_option_context_add_main_entries (context, entries, NULL);

  arguments = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &arguments, &error))
    return usage_error (context, error->message);

  /* Answered before nf_init(): no plugin scan for a version query. */
  if (version)
    {
      g_print ("nf-launch (libnewsfilter) %s\n", nf_version_string ());
      return EXIT_OK;
    }

  if (self.threads < 0)
    return usage_error (context, "--threads must be a positive number");
  if (self.max_in_flight < 0)
    return usage_error (context, "--max-in-flight must be a positive number");
  if (description_words == NULL || description_words[0] == NULL)
    return usage_error (context, "no pipeline description given");

  self.stderr_is_tty = isatty (STDERR_FILENO);

  nf_init ();

  description = join_arguments ((const char * const *) description_words);
  self.pipeline = nf_parse_launch_full (description, &column, &error);
  if (self.pipeline == NULL || error != NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, NF_PARSE_ERROR, NF_PARSE_ERROR_SYNTAX,
                             "the parser failed without saying why");
      print_parse_error (description, column, error);
      return EXIT_USAGE;
    }

  return run_pipeline (&self);
}
