/*
 * Native C libnghttp2 HPACK throughput: the ceiling the JavaScript
 * implementations are compared with. Built at bench time against Debian's
 * libnghttp2-dev (see native-bench.ts), fed the same stories as the others.
 *
 *   hpack-bench INPUT OUTPUT WARMUPS REPETITIONS
 *
 * INPUT (written by bench-input.ts, little-endian u32 counts and lengths):
 *   encode set: stories of header lists  (u32 stories; per story u32 blocks;
 *               per block u32 fields; per field u32 len, name, u32 len, value)
 *   decode set: stories of blocks        (u32 stories; per story u32 blocks;
 *               per block u32 len, bytes)
 * OUTPUT: the encode set's blocks (decode-set layout), then the decode set's
 * fields (encode-set layout), written after timing for the caller to verify.
 * stdout: one JSON object with the rates, as the JavaScript peers print it.
 */
#include <nghttp2/nghttp2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { uint8_t *p; size_t len; } bytes_t;
typedef struct { size_t nfields; nghttp2_nv *nva; } list_t;
typedef struct { size_t nblocks; list_t *lists; } estory_t;
typedef struct { size_t nblocks; bytes_t *blocks; } dstory_t;

static uint8_t *in_buf;
static size_t in_pos, in_len;

static uint32_t u32(void) {
  if (in_pos + 4 > in_len) { fprintf(stderr, "input truncated\n"); exit(2); }
  uint32_t v = (uint32_t)in_buf[in_pos] | (uint32_t)in_buf[in_pos + 1] << 8 | (uint32_t)in_buf[in_pos + 2] << 16 | (uint32_t)in_buf[in_pos + 3] << 24;
  in_pos += 4;
  return v;
}

static uint8_t *take(size_t n) {
  if (in_pos + n > in_len) { fprintf(stderr, "input truncated\n"); exit(2); }
  uint8_t *p = in_buf + in_pos;
  in_pos += n;
  return p;
}

static void put32(FILE *f, uint32_t v) {
  uint8_t b[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24};
  fwrite(b, 1, 4, f);
}

/* CPU time of this process, as the JavaScript peers measure theirs: on a
   shared machine, wall time also counts the time other processes held the
   cores, which changed from run to run by more than the differences
   measured. */
static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t nes, nds, efields;
static estory_t *es;
static dstory_t *ds;
static uint8_t *out;
static size_t out_cap = 1 << 20;
/* Kept only on the last run, for OUTPUT. */
static bytes_t **encoded;

static void die(const char *what, long rv) {
  fprintf(stderr, "%s: %s\n", what, nghttp2_strerror((int)rv));
  exit(1);
}

/* One deflater per story, table cap 4096, as the JavaScript peers do. */
static void encode_all(int keep) {
  for (size_t s = 0; s < nes; s++) {
    nghttp2_hd_deflater *d;
    if (nghttp2_hd_deflate_new(&d, 4096) != 0) die("nghttp2_hd_deflate_new", -901);
    for (size_t b = 0; b < es[s].nblocks; b++) {
      list_t *l = &es[s].lists[b];
      ssize_t rv = nghttp2_hd_deflate_hd(d, out, out_cap, l->nva, l->nfields);
      if (rv < 0) die("nghttp2_hd_deflate_hd", rv);
      if (keep) {
        encoded[s][b].p = malloc(rv ? rv : 1);
        memcpy(encoded[s][b].p, out, rv);
        encoded[s][b].len = rv;
      }
    }
    nghttp2_hd_deflate_del(d);
  }
}

/* Returns the number of fields decoded. */
static size_t decode_all(FILE *keep) {
  size_t total = 0;
  for (size_t s = 0; s < nds; s++) {
    nghttp2_hd_inflater *i;
    if (nghttp2_hd_inflate_new(&i) != 0) die("nghttp2_hd_inflate_new", -901);
    if (keep) put32(keep, ds[s].nblocks);
    for (size_t b = 0; b < ds[s].nblocks; b++) {
      uint8_t *in = ds[s].blocks[b].p;
      size_t left = ds[s].blocks[b].len;
      /* Fields of the block are counted first when keeping: the layout wants the count first. */
      long fpos = keep ? ftell(keep) : 0;
      uint32_t n = 0;
      if (keep) put32(keep, 0);
      for (;;) {
        nghttp2_nv nv;
        int flags = 0;
        ssize_t rv = nghttp2_hd_inflate_hd2(i, &nv, &flags, in, left, 1);
        if (rv < 0) die("nghttp2_hd_inflate_hd2", rv);
        in += rv;
        left -= rv;
        if (flags & NGHTTP2_HD_INFLATE_EMIT) {
          n++;
          total++;
          if (keep) {
            put32(keep, nv.namelen);
            fwrite(nv.name, 1, nv.namelen, keep);
            put32(keep, nv.valuelen);
            fwrite(nv.value, 1, nv.valuelen, keep);
          }
        }
        if (flags & NGHTTP2_HD_INFLATE_FINAL) {
          nghttp2_hd_inflate_end_headers(i);
          break;
        }
        if (rv == 0 && !(flags & NGHTTP2_HD_INFLATE_EMIT)) die("nghttp2_hd_inflate_hd2 (no progress)", -523);
      }
      if (keep) {
        long end = ftell(keep);
        fseek(keep, fpos, SEEK_SET);
        put32(keep, n);
        fseek(keep, end, SEEK_SET);
      }
    }
    nghttp2_hd_inflate_del(i);
  }
  return total;
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: %s INPUT OUTPUT WARMUPS REPETITIONS\n", argv[0]); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 2; }
  fseek(f, 0, SEEK_END);
  in_len = ftell(f);
  fseek(f, 0, SEEK_SET);
  in_buf = malloc(in_len);
  if (fread(in_buf, 1, in_len, f) != in_len) { perror("read"); return 2; }
  fclose(f);
  int warmups = atoi(argv[3]), reps = atoi(argv[4]);

  nes = u32();
  es = calloc(nes, sizeof *es);
  encoded = calloc(nes, sizeof *encoded);
  for (size_t s = 0; s < nes; s++) {
    es[s].nblocks = u32();
    es[s].lists = calloc(es[s].nblocks, sizeof(list_t));
    encoded[s] = calloc(es[s].nblocks, sizeof(bytes_t));
    for (size_t b = 0; b < es[s].nblocks; b++) {
      list_t *l = &es[s].lists[b];
      l->nfields = u32();
      l->nva = calloc(l->nfields ? l->nfields : 1, sizeof(nghttp2_nv));
      for (size_t k = 0; k < l->nfields; k++) {
        l->nva[k].namelen = u32();
        l->nva[k].name = take(l->nva[k].namelen);
        l->nva[k].valuelen = u32();
        l->nva[k].value = take(l->nva[k].valuelen);
        l->nva[k].flags = NGHTTP2_NV_FLAG_NONE;
      }
      efields += l->nfields;
    }
  }
  nds = u32();
  ds = calloc(nds, sizeof *ds);
  for (size_t s = 0; s < nds; s++) {
    ds[s].nblocks = u32();
    ds[s].blocks = calloc(ds[s].nblocks, sizeof(bytes_t));
    for (size_t b = 0; b < ds[s].nblocks; b++) {
      ds[s].blocks[b].len = u32();
      ds[s].blocks[b].p = take(ds[s].blocks[b].len);
    }
  }
  out = malloc(out_cap);

  double *enc = calloc(reps, sizeof(double)), *dec = calloc(reps, sizeof(double));
  for (int r = 0; r < warmups + reps; r++) {
    double t0 = now_s();
    encode_all(0);
    double t1 = now_s();
    size_t dfields = decode_all(NULL);
    double t2 = now_s();
    if (r >= warmups) {
      enc[r - warmups] = efields / (t1 - t0);
      dec[r - warmups] = dfields / (t2 - t1);
    }
  }

  /* Outputs, after timing. */
  FILE *o = fopen(argv[2], "wb");
  if (!o) { perror(argv[2]); return 2; }
  encode_all(1);
  size_t encoded_bytes = 0;
  put32(o, nes);
  for (size_t s = 0; s < nes; s++) {
    put32(o, es[s].nblocks);
    for (size_t b = 0; b < es[s].nblocks; b++) {
      put32(o, encoded[s][b].len);
      fwrite(encoded[s][b].p, 1, encoded[s][b].len, o);
      encoded_bytes += encoded[s][b].len;
    }
  }
  put32(o, nds);
  decode_all(o);
  fclose(o);
  printf("{\"encodeFieldsPerSecond\":[");
  for (int r = 0; r < reps; r++) printf("%s%.0f", r ? "," : "", enc[r]);
  printf("],\"decodeFieldsPerSecond\":[");
  for (int r = 0; r < reps; r++) printf("%s%.0f", r ? "," : "", dec[r]);
  printf("],\"encodedBytes\":%zu,\"version\":\"%s\"}\n", encoded_bytes, nghttp2_version(0)->version_str);
  return 0;
}
