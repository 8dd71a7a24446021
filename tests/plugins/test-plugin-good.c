/* A plugin that registers the element it announces. */
#include <newsfilter.h>

#define TEST_TYPE_GOOD_FILTER (test_good_filter_get_type ())
G_DECLARE_FINAL_TYPE (TestGoodFilter, test_good_filter, TEST, GOOD_FILTER, NfFilter)

struct _TestGoodFilter { NfFilter parent_instance; };

G_DEFINE_FINAL_TYPE (TestGoodFilter, test_good_filter, NF_TYPE_FILTER)

static void
test_good_filter_class_init (TestGoodFilterClass *klass)
{
  nf_element_class_set_metadata (NF_ELEMENT_CLASS (klass), "Good filter", "Filter/Test",
                                 "Passes documents on unchanged", "tests");
}

static void
test_good_filter_init (TestGoodFilter *self)
{
}

static gboolean
good_init (NfPlugin *plugin, GError **error)
{
  return nf_element_register (plugin, "goodfilter", TEST_TYPE_GOOD_FILTER, NF_ELEMENT_FLAG_NONE) != NULL;
}

NF_PLUGIN_DEFINE ("good", "A plugin that loads", good_init, "1.2.3", "LGPL-2.1-or-later")
