#include "cmdline.h"

extern const char *boot_cmdline;

int cmdline_int(const char *key, int fallback)
{
    const char *p = boot_cmdline;
    if (!p) return fallback;
    while (*p) {
        while (*p == ' ') p++;
        const char *k = key;
        while (*k && *p == *k) { p++; k++; }
        if (!*k && *p == '=') {
            int sign = 1, v = 0;
            p++;
            if (*p == '-') { sign = -1; p++; }
            while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
            return sign * v;
        }
        while (*p && *p != ' ') p++;
    }
    return fallback;
}
