/* The domain's command line (cmdline= in its configuration): "key=value" words. */
#ifndef CMDLINE_H
#define CMDLINE_H
int cmdline_int(const char *key, int fallback);
#endif
