#include <newsfilter.h>

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nf_init ();
  return g_test_run ();
}
