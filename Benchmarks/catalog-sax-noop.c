/* The floor for `mofkit catalog convert`: a libxml2 SAX2 push parse with empty callbacks and the same
   options mofkit uses (NONET, BIG_LINES, NOCDATA; no entity substitution), reading 256 KiB chunks. */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

static unsigned long elements;
static void start(void *c, const xmlChar *l, const xmlChar *p, const xmlChar *u, int nn, const xmlChar **ns,
                  int na, int nd, const xmlChar **a) { (void)c; (void)l; (void)p; (void)u; (void)nn; (void)ns; (void)na; (void)nd; (void)a; elements++; }
static void end(void *c, const xmlChar *l, const xmlChar *p, const xmlChar *u) { (void)c; (void)l; (void)p; (void)u; }
static void chars(void *c, const xmlChar *t, int n) { (void)c; (void)t; (void)n; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE\n", argv[0]); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 2; }
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = start;
    handler.endElementNs = end;
    handler.characters = chars;
    static char buffer[1 << 18];
    size_t n = fread(buffer, 1, 4, file);
    xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&handler, NULL, buffer, (int)n, argv[1]);
    xmlCtxtUseOptions(context, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
    while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) xmlParseChunk(context, buffer, (int)n, 0);
    xmlParseChunk(context, NULL, 0, 1);
    int ok = context->wellFormed;
    xmlFreeParserCtxt(context);
    fclose(file);
    fprintf(stderr, "%lu elements, well-formed: %d\n", elements, ok);
    return ok ? 0 : 1;
}
