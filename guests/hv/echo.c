/* Echoes each line typed on its console (its console ring's input, fed by `xl console`) back
   to it as "echo: LINE", until the line "quit": console input end to end. */
#include "minios.h"
#include "consring.h"

static void on_event(unsigned port) { (void)port; }

static int equal(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

int main(void)
{
    events_init(on_event);
    if (cons_init() != 0) { print("echo: no console ring\n"); return 3; }
    cons_write("echo: ready\n");
    char line[80], in[32];
    unsigned used = 0;
    for (;;) {
        unsigned n = cons_read(in, sizeof in);
        for (unsigned i = 0; i < n; i++) {
            char c = in[i];
            if (c != '\r' && c != '\n') {
                if (used < sizeof line - 1) line[used++] = c;
                continue;
            }
            line[used] = 0;
            used = 0;
            if (line[0] == 0) continue; /* \r\n, or an empty line */
            cons_write("echo: ");
            cons_write(line);
            cons_write("\n");
            if (equal(line, "quit")) { cons_write("echo: bye\n"); return 0; }
        }
    }
}
