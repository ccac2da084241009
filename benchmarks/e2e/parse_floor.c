// The parser's own floor: libxml2's HTML parser alone over the end-to-end pages, with SAX
// callbacks that do nothing and caseminer's parse options, on N threads. What it costs is
// a part of every page caseminer ingests; the rest of caseminer's time is its own.
//
//   cc -O2 -o parse_floor parse_floor.c $(pkg-config --cflags --libs libxml-2.0) -lpthread
//   parse_floor FOLDER THREADS ROUNDS     one JSON line per round on stdout
//
// Pages that are not UTF-8 are converted from GB18030 before timing (caseminer decodes before
// it parses; decoding is not part of this floor).
#include <dirent.h>
#include <iconv.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static char **pages;
static int *lengths;
static int count, threads;

static void no_element(void *ctx, const xmlChar *name, const xmlChar **attributes) {}
static void no_end(void *ctx, const xmlChar *name) {}
static void no_text(void *ctx, const xmlChar *text, int length) {}

// HTML_PARSE_* as HTMLDocument.htmlOptions sets them.
static const int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
  HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | XML_PARSE_HUGE | HTML_PARSE_IGNORE_ENC |
  HTML_PARSE_NODEFDTD;

static void *parse(void *arg) {
  for (int i = (int)(intptr_t)arg; i < count; i += threads) {
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) abort();
    htmlSAXHandler *sax = (htmlSAXHandler *)ctxt->sax;
    int initialized = sax->initialized;
    memset(sax, 0, sizeof *sax);
    sax->initialized = initialized;
    sax->startElement = no_element;
    sax->endElement = no_end;
    sax->characters = no_text;
    sax->cdataBlock = no_text;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, pages[i], lengths[i], NULL, "UTF-8", options);
    if (doc) xmlFreeDoc(doc);
    htmlFreeParserCtxt(ctxt);
  }
  return NULL;
}

static double seconds(struct timeval t) { return t.tv_sec + t.tv_usec / 1e6; }

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: parse_floor FOLDER THREADS ROUNDS\n");
    return 2;
  }
  threads = atoi(argv[2]);
  int rounds = atoi(argv[3]);
  if (threads < 1 || threads > 64 || rounds < 1) return 2;
  DIR *dir = opendir(argv[1]);
  if (!dir) {
    perror(argv[1]);
    return 1;
  }
  int capacity = 1024;
  pages = malloc(capacity * sizeof *pages);
  lengths = malloc(capacity * sizeof *lengths);
  long bytes = 0;
  struct dirent *entry;
  while ((entry = readdir(dir))) {
    if (entry->d_name[0] == '.') continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", argv[1], entry->d_name);
    FILE *f = fopen(path, "rb");
    if (!f) {
      perror(path);  // left out of the floor, and said so
      continue;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *raw = malloc(n + 1);
    size_t got = fread(raw, 1, n, f);
    fclose(f);
    if (got != (size_t)n) {
      fprintf(stderr, "%s: short read, left out\n", path);
      free(raw);
      continue;
    }
    raw[n] = 0;
    bytes += n;
    if (!xmlCheckUTF8((const unsigned char *)raw)) {
      iconv_t cd = iconv_open("UTF-8", "GB18030");
      size_t in_left = n, out_left = 4 * n + 16;
      char *utf8 = malloc(out_left), *in = raw, *out = utf8;
      iconv(cd, &in, &in_left, &out, &out_left);
      iconv_close(cd);
      free(raw);
      raw = utf8;
      n = out - utf8;
    }
    if (count == capacity) {
      capacity *= 2;
      pages = realloc(pages, capacity * sizeof *pages);
      lengths = realloc(lengths, capacity * sizeof *lengths);
    }
    pages[count] = raw;
    lengths[count++] = (int)n;
  }
  closedir(dir);
  xmlInitParser();
  for (int r = 0; r < rounds; r++) {
    struct timespec start, end;
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_t workers[64];
    for (int t = 0; t < threads; t++) pthread_create(&workers[t], NULL, parse, (void *)(intptr_t)t);
    for (int t = 0; t < threads; t++) pthread_join(workers[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    getrusage(RUSAGE_SELF, &after);
    double wall = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    double cpu = seconds(after.ru_utime) - seconds(before.ru_utime) + seconds(after.ru_stime) -
      seconds(before.ru_stime);
    printf("{\"pages\": %d, \"bytes\": %ld, \"threads\": %d, \"seconds\": %.4f, "
           "\"pages_per_second\": %.1f, \"cpu_ms_per_page\": %.4f}\n",
      count, bytes, threads, wall, count / wall, 1000 * cpu / count);
  }
  return 0;
}
