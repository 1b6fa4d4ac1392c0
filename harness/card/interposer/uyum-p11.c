/*
 * uyum-p11: a PKCS#11 interposer that makes a software token behave like a KAMU SM smart card and
 * records what the application does with it.
 *
 * The application loads this library instead of its PKCS#11 module. We load the real module
 * (UYUM_P11_MODULE, default SoftHSM2) and forward every call, adding what SoftHSM lacks:
 *   - user-PIN and SO-PIN retry counters (pin_max_tries, so_pin_max_tries, default 3 each; pin_counter=0
 *     turns both off for a physical card) persisted in a state file, so a lock survives process restarts
 *     as it does on a card; CKF_USER_PIN_* and CKF_SO_PIN_COUNT_LOW / FINAL_TRY / LOCKED in
 *     C_GetTokenInfo; CKR_PIN_LOCKED once locked, even for the right PIN; a correct login resets its
 *     counter; the SO unlocks the user PIN with C_InitPIN; nothing unlocks a locked SO-PIN (a dead card);
 *     C_Login, C_SetPIN (old PIN) and C_InitToken (SO-PIN) all count;
 *   - faults, from a config file the harness may replace mid-run (looked at on every call, re-read when it
 *     changed, see "file cache"): card removed
 *     at the Nth signature or right after the Nth C_SignInit, token not present, slow C_Sign, no RNG;
 *   - a trace of every call as JSON lines.
 *
 * PIN policy: no PIN byte and no PIN length ever reaches the trace. A length narrows a PIN's search space
 * and no probe needs it; the trace records only whether a PIN pointer was given (NULL means the protected
 * authentication path, i.e. a PIN pad).
 *
 * Environment:
 *   UYUM_P11_MODULE  real module path (default /usr/lib/softhsm/libsofthsm2.so)
 *   UYUM_P11_TRACE   trace file (JSON lines, appended); no trace when unset
 *   UYUM_P11_STATE   state file (PIN tries left, removal, counters), replaced whole under the lock file
 *                    UYUM_P11_STATE.lock; in-process only when unset
 *   UYUM_P11_CONFIG  config file, key=value lines (see read_config); defaults when unset or missing
 *
 * Scope: one card directory per state file, holding one or more tokens. Top-level faults apply to every
 * slot; a [token LABEL] section in the config gives that token its own faults, removal and counters.
 * PKCS#11 2.40 only (the system header has no 3.0 interface list); C_GetFunctionList and every C_ function are exported.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <p11-kit/pkcs11.h>

#define EXPORT __attribute__((visibility("default")))
#define DEFAULT_MODULE "/usr/lib/softhsm/libsofthsm2.so"

static CK_FUNCTION_LIST_PTR real;   /* the real module's function list */
static void *real_handle;
static CK_FUNCTION_LIST our_list;   /* filled in C_GetFunctionList */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* ---------------------------------------------------------------- names ---------------------------------------------------------------- */

struct name { unsigned long v; const char *n; };
#define N(x) { x, #x },
static const struct name rv_names[] = {
  N(CKR_OK) N(CKR_CANCEL) N(CKR_HOST_MEMORY) N(CKR_SLOT_ID_INVALID) N(CKR_GENERAL_ERROR) N(CKR_FUNCTION_FAILED)
  N(CKR_ARGUMENTS_BAD) N(CKR_NO_EVENT) N(CKR_NEED_TO_CREATE_THREADS) N(CKR_CANT_LOCK) N(CKR_ATTRIBUTE_READ_ONLY)
  N(CKR_ATTRIBUTE_SENSITIVE) N(CKR_ATTRIBUTE_TYPE_INVALID) N(CKR_ATTRIBUTE_VALUE_INVALID) N(CKR_ACTION_PROHIBITED)
  N(CKR_DATA_INVALID) N(CKR_DATA_LEN_RANGE) N(CKR_DEVICE_ERROR) N(CKR_DEVICE_MEMORY) N(CKR_DEVICE_REMOVED)
  N(CKR_ENCRYPTED_DATA_INVALID) N(CKR_ENCRYPTED_DATA_LEN_RANGE) N(CKR_FUNCTION_CANCELED) N(CKR_FUNCTION_NOT_PARALLEL)
  N(CKR_FUNCTION_NOT_SUPPORTED) N(CKR_KEY_HANDLE_INVALID) N(CKR_KEY_SIZE_RANGE) N(CKR_KEY_TYPE_INCONSISTENT)
  N(CKR_KEY_NOT_NEEDED) N(CKR_KEY_CHANGED) N(CKR_KEY_NEEDED) N(CKR_KEY_INDIGESTIBLE) N(CKR_KEY_FUNCTION_NOT_PERMITTED)
  N(CKR_KEY_NOT_WRAPPABLE) N(CKR_KEY_UNEXTRACTABLE) N(CKR_MECHANISM_INVALID) N(CKR_MECHANISM_PARAM_INVALID)
  N(CKR_OBJECT_HANDLE_INVALID) N(CKR_OPERATION_ACTIVE) N(CKR_OPERATION_NOT_INITIALIZED) N(CKR_PIN_INCORRECT)
  N(CKR_PIN_INVALID) N(CKR_PIN_LEN_RANGE) N(CKR_PIN_EXPIRED) N(CKR_PIN_LOCKED) N(CKR_SESSION_CLOSED)
  N(CKR_SESSION_COUNT) N(CKR_SESSION_HANDLE_INVALID) N(CKR_SESSION_PARALLEL_NOT_SUPPORTED) N(CKR_SESSION_READ_ONLY)
  N(CKR_SESSION_EXISTS) N(CKR_SESSION_READ_ONLY_EXISTS) N(CKR_SESSION_READ_WRITE_SO_EXISTS) N(CKR_SIGNATURE_INVALID)
  N(CKR_SIGNATURE_LEN_RANGE) N(CKR_TEMPLATE_INCOMPLETE) N(CKR_TEMPLATE_INCONSISTENT) N(CKR_TOKEN_NOT_PRESENT)
  N(CKR_TOKEN_NOT_RECOGNIZED) N(CKR_TOKEN_WRITE_PROTECTED) N(CKR_UNWRAPPING_KEY_SIZE_RANGE)
  N(CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT) N(CKR_USER_ALREADY_LOGGED_IN) N(CKR_USER_NOT_LOGGED_IN)
  N(CKR_USER_PIN_NOT_INITIALIZED) N(CKR_USER_TYPE_INVALID) N(CKR_USER_ANOTHER_ALREADY_LOGGED_IN)
  N(CKR_USER_TOO_MANY_TYPES) N(CKR_WRAPPED_KEY_INVALID) N(CKR_WRAPPED_KEY_LEN_RANGE) N(CKR_WRAPPING_KEY_HANDLE_INVALID)
  N(CKR_WRAPPING_KEY_SIZE_RANGE) N(CKR_WRAPPING_KEY_TYPE_INCONSISTENT) N(CKR_RANDOM_SEED_NOT_SUPPORTED)
  N(CKR_RANDOM_NO_RNG) N(CKR_DOMAIN_PARAMS_INVALID) N(CKR_CURVE_NOT_SUPPORTED) N(CKR_BUFFER_TOO_SMALL)
  N(CKR_SAVED_STATE_INVALID) N(CKR_INFORMATION_SENSITIVE) N(CKR_STATE_UNSAVEABLE) N(CKR_CRYPTOKI_NOT_INITIALIZED)
  N(CKR_CRYPTOKI_ALREADY_INITIALIZED) N(CKR_MUTEX_BAD) N(CKR_MUTEX_NOT_LOCKED) N(CKR_FUNCTION_REJECTED)
  {0, NULL}
};
static const struct name mech_names[] = {
  N(CKM_RSA_PKCS) N(CKM_RSA_X_509) N(CKM_RSA_PKCS_PSS) N(CKM_SHA1_RSA_PKCS) N(CKM_SHA256_RSA_PKCS)
  N(CKM_SHA384_RSA_PKCS) N(CKM_SHA512_RSA_PKCS) N(CKM_SHA1_RSA_PKCS_PSS) N(CKM_SHA256_RSA_PKCS_PSS)
  N(CKM_SHA384_RSA_PKCS_PSS) N(CKM_SHA512_RSA_PKCS_PSS) N(CKM_ECDSA) N(CKM_ECDSA_SHA1) N(CKM_SHA_1) N(CKM_SHA256)
  N(CKM_SHA384) N(CKM_SHA512) N(CKM_RSA_PKCS_KEY_PAIR_GEN) N(CKM_EC_KEY_PAIR_GEN) N(CKM_RSA_PKCS_OAEP)
  {0x1044, "CKM_ECDSA_SHA256"}, {0x1045, "CKM_ECDSA_SHA384"}, {0x1046, "CKM_ECDSA_SHA512"},
  {0, NULL}
};
static const struct name class_names[] = {
  N(CKO_DATA) N(CKO_CERTIFICATE) N(CKO_PUBLIC_KEY) N(CKO_PRIVATE_KEY) N(CKO_SECRET_KEY) {0, NULL}
};
static const struct name attr_names[] = {
  N(CKA_CLASS) N(CKA_TOKEN) N(CKA_PRIVATE) N(CKA_LABEL) N(CKA_VALUE) N(CKA_CERTIFICATE_TYPE) N(CKA_ISSUER)
  N(CKA_SERIAL_NUMBER) N(CKA_KEY_TYPE) N(CKA_SUBJECT) N(CKA_ID) N(CKA_SENSITIVE) N(CKA_SIGN) N(CKA_DECRYPT)
  N(CKA_MODULUS) N(CKA_MODULUS_BITS) N(CKA_PUBLIC_EXPONENT) N(CKA_EC_PARAMS) N(CKA_EC_POINT)
  N(CKA_ALWAYS_AUTHENTICATE) N(CKA_EXTRACTABLE) N(CKA_TRUSTED) N(CKA_ALLOWED_MECHANISMS)
  {0, NULL}
};
static const struct name user_names[] = { N(CKU_SO) N(CKU_USER) N(CKU_CONTEXT_SPECIFIC) {0, NULL} };
#undef N

static const char *lookup(const struct name *t, unsigned long v, char *buf, size_t n) {
  for (; t->n; t++) if (t->v == v) return t->n;
  snprintf(buf, n, "0x%lx", v);
  return buf;
}

/* ---------------------------------------------------------------- trace ---------------------------------------------------------------- */

/* One trace line is built in a fixed buffer, then written with a single write() on an O_APPEND fd. */
struct line { char buf[4096]; size_t len; const char *fn; };

static int trace_fd = -1;
static char trace_path[4096]; /* the file trace_fd is open on: reopened when UYUM_P11_TRACE changes */

static void l_raw(struct line *l, const char *fmt, ...) {
  if (l->len >= sizeof l->buf - 1) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(l->buf + l->len, sizeof l->buf - l->len, fmt, ap);
  va_end(ap);
  if (n > 0) l->len += (size_t)n < sizeof l->buf - l->len ? (size_t)n : sizeof l->buf - l->len - 1;
}

static void l_str(struct line *l, const char *key, const char *s, size_t n) {
  l_raw(l, ",\"%s\":\"", key);
  for (size_t i = 0; i < n && s[i]; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') l_raw(l, "\\%c", c);
    else if (c < 0x20) l_raw(l, "\\u%04x", c);
    else l_raw(l, "%c", c);
  }
  l_raw(l, "\"");
}

static void l_hex(struct line *l, const char *key, const unsigned char *p, size_t n) {
  l_raw(l, ",\"%s\":\"", key);
  for (size_t i = 0; i < n && i < 64; i++) l_raw(l, "%02x", p[i]);
  l_raw(l, "\"");
}

static void l_ulong(struct line *l, const char *key, unsigned long v) { l_raw(l, ",\"%s\":%lu", key, v); }

static void l_begin(struct line *l, const char *fn) {
  struct timeval tv;
  struct tm tm;
  gettimeofday(&tv, NULL);
  gmtime_r(&tv.tv_sec, &tm);
  l->len = 0;
  l->fn = fn;
  l_raw(l, "{\"t\":\"%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ\",\"pid\":%ld,\"fn\":\"%s\"", tm.tm_year + 1900,
        tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (long)(tv.tv_usec / 1000), (long)getpid(), fn);
}

static void l_end(struct line *l, CK_RV rv) {
  char b[32];
  l_raw(l, ",\"rv\":\"%s\"}\n", lookup(rv_names, rv, b, sizeof b));
  if (l->buf[l->len - 1] != '\n') { /* too long: keep a valid line with the essentials */
    l_begin(l, l->fn);
    l_raw(l, ",\"truncated\":true,\"rv\":\"%s\"}\n", lookup(rv_names, rv, b, sizeof b));
  }
  pthread_mutex_lock(&lock);
  const char *p = getenv("UYUM_P11_TRACE");
  if (!p) p = "";
  if (strcmp(p, trace_path) != 0) { /* one process may drive several cards one after the other */
    if (trace_fd >= 0) close(trace_fd);
    snprintf(trace_path, sizeof trace_path, "%s", p);
    trace_fd = *p ? open(p, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600) : -1;
    if (*p && trace_fd < 0) fprintf(stderr, "uyum-p11: cannot write the trace %s: %s\n", p, strerror(errno));
  }
  if (trace_fd >= 0) { ssize_t w = write(trace_fd, l->buf, l->len); (void)w; }
  pthread_mutex_unlock(&lock);
}

/* ---------------------------------------------------------------- config ---------------------------------------------------------------- */

/* Faults of the whole reader set (the top level of the config) or of one token (a [token LABEL] section). */
struct faults {
  long remove_at_sign;          /* the Nth C_Sign/C_SignFinal (counted since the epoch) fails: card removed */
  long remove_after_sign_init;  /* the Nth C_SignInit succeeds, then the card is gone */
  long token_absent;            /* reader without a card */
  long sign_delay_ms;           /* slow card */
  long no_rng;                  /* C_GenerateRandom -> CKR_RANDOM_NO_RNG, CKF_RNG cleared */
};

#define MAX_TF 8
struct config {
  char epoch[64];               /* a new epoch resets fault counters and re-inserts a removed card */
  long pin_max_tries;           /* default 3, like KAMU SM cards */
  long so_pin_max_tries;        /* the SO-PIN's own counter, default 3: a card whose SO-PIN locks is dead */
  long pin_counter;             /* 0: leave PIN counting (user and SO) to the card (a physical card counts itself) */
  struct faults f;              /* for every token not named in a section */
  int ntf;                      /* [token LABEL] sections: that token follows only its own faults */
  struct { char label[33]; struct faults f; } tf[MAX_TF];
};

/* ------------------------------------------------------------ file cache ------------------------------------------------------------
 * The config and the state are small files other processes replace (write a temp file, rename it over).
 * Re-reading them on every call cost more than the call itself, so each is parsed once and kept with the
 * identity of the file it came from; a call only stat()s the path and re-reads when the identity changed.
 * The identity is device + inode + size + mtime/ctime in nanoseconds, and we keep the parsed file open:
 * while our descriptor holds its inode, the kernel cannot give that inode number to a new file, so a
 * replacement by rename always shows as a new inode, however quickly it follows (mtime ticks are coarse).
 * An in-place edit is seen through size and times (best effort within one clock tick); our writers rename. */
struct cached_file {
  char path[4096];   /* the path this entry was loaded from ("" = never) */
  int fd;            /* open on the inode we parsed, -1 when the file was missing */
  int present;       /* the file existed at the last load */
  struct stat st;    /* its identity at that load */
};

static int same_file(const struct stat *a, const struct stat *b) {
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
         a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Is the cached parse of path still the file's content? (call under lock) */
static int cache_fresh(const struct cached_file *cf, const char *path) {
  if (strcmp(cf->path, path) != 0) return 0;
  struct stat st;
  if (stat(path, &st) != 0) return errno == ENOENT && !cf->present;
  return cf->present && same_file(&st, &cf->st);
}

/* Reads path into buf (NUL-terminated) and records its identity in cf; 0 when the file is missing. */
static int cache_load(struct cached_file *cf, const char *path, char *buf, size_t n) {
  if (cf->fd >= 0) close(cf->fd);
  cf->fd = -1;
  cf->present = 0;
  snprintf(cf->path, sizeof cf->path, "%s", path);
  buf[0] = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  size_t len = 0;
  for (;;) { /* fstat first: a change after it shows as a new identity on the next call, never a missed one */
    if (len == 0 && fstat(fd, &cf->st) != 0) { close(fd); return 0; }
    ssize_t r = read(fd, buf + len, n - 1 - len);
    if (r <= 0 || (len += (size_t)r) >= n - 1) break;
  }
  buf[len] = 0;
  cf->fd = fd;
  cf->present = 1;
  return 1;
}

static void parse_config(struct config *c, char *text) {
  memset(c, 0, sizeof *c);
  c->pin_max_tries = 3;
  c->so_pin_max_tries = 3;
  c->pin_counter = 1;
  struct faults *cur = &c->f;
  for (char *ln = text, *next; ln && *ln; ln = next) {
    next = strchr(ln, '\n');
    if (next) *next++ = 0;
    size_t len = strcspn(ln, "\r");
    ln[len] = 0;
    if (!strncmp(ln, "[token ", 7) && len > 8 && ln[len - 1] == ']') { /* a new token section */
      cur = NULL;
      if (c->ntf < MAX_TF) {
        snprintf(c->tf[c->ntf].label, sizeof c->tf[0].label, "%.*s", (int)(len - 8), ln + 7);
        cur = &c->tf[c->ntf++].f;
      }
      continue;
    }
    char *eq = strchr(ln, '=');
    if (ln[0] == '#' || !eq) continue;
    *eq = 0;
    char *v = eq + 1;
    if (!strcmp(ln, "epoch")) snprintf(c->epoch, sizeof c->epoch, "%s", v);
    else if (!strcmp(ln, "pin_max_tries")) c->pin_max_tries = atol(v) > 0 ? atol(v) : 3;
    else if (!strcmp(ln, "so_pin_max_tries")) c->so_pin_max_tries = atol(v) > 0 ? atol(v) : 3;
    else if (!strcmp(ln, "pin_counter")) c->pin_counter = atol(v);
    else if (!cur) continue; /* a section beyond MAX_TF */
    else if (!strcmp(ln, "remove_at_sign")) cur->remove_at_sign = atol(v);
    else if (!strcmp(ln, "remove_after_sign_init")) cur->remove_after_sign_init = atol(v);
    else if (!strcmp(ln, "token_absent")) cur->token_absent = atol(v);
    else if (!strcmp(ln, "sign_delay_ms")) cur->sign_delay_ms = atol(v);
    else if (!strcmp(ln, "no_rng")) cur->no_rng = atol(v);
  }
}

static struct cached_file config_file = {"", -1, 0, {0}};
static struct config config_cache;

/* The config as it is now: one stat() when it has not changed since the last call. */
static void read_config(struct config *c) {
  const char *p = getenv("UYUM_P11_CONFIG");
  if (!p) p = "";
  pthread_mutex_lock(&lock);
  if (!*p) {
    char empty[1] = "";
    parse_config(c, empty);
  } else {
    if (!cache_fresh(&config_file, p)) {
      char text[16384];
      cache_load(&config_file, p, text, sizeof text);
      parse_config(&config_cache, text);
    }
    *c = config_cache;
  }
  pthread_mutex_unlock(&lock);
}

/* ---------------------------------------------------------------- state ---------------------------------------------------------------- */

#define MAX_TOKENS 32
struct state {
  char epoch[64];
  long removed, signs, sign_inits;
  int ntok;
  /* per token serial: PIN counters, and the fault counters of a token with its own [token] section */
  struct tok { char serial[17]; long tries, so_tries, removed, signs, sign_inits; } tok[MAX_TOKENS];
};
static struct state mem_state; /* used when UYUM_P11_STATE is unset */

/* The state entry of a token (by serial), created on first use; -1 = "not counted yet" (full tries). */
static struct tok *tok_entry(struct state *s, const char *serial) {
  for (int i = 0; i < s->ntok; i++) if (!strcmp(s->tok[i].serial, serial)) return &s->tok[i];
  if (s->ntok >= MAX_TOKENS) return NULL;
  struct tok *t = &s->tok[s->ntok++];
  memset(t, 0, sizeof *t);
  snprintf(t->serial, sizeof t->serial, "%s", serial);
  t->tries = t->so_tries = -1;
  return t;
}

static void parse_state(struct state *s, char *text) {
  memset(s, 0, sizeof *s);
  for (char *ln = strtok(text, "\n"); ln; ln = strtok(NULL, "\n")) {
    char *eq = strchr(ln, '=');
    if (!eq) continue;
    *eq = 0;
    const char *v = eq + 1;
    if (!strcmp(ln, "epoch")) snprintf(s->epoch, sizeof s->epoch, "%s", v);
    else if (!strcmp(ln, "removed")) s->removed = atol(v);
    else if (!strcmp(ln, "signs")) s->signs = atol(v);
    else if (!strcmp(ln, "sign_inits")) s->sign_inits = atol(v);
    else if (!strncmp(ln, "tries.", 6)) { struct tok *t = tok_entry(s, ln + 6); if (t) t->tries = atol(v); }
    else if (!strncmp(ln, "so_tries.", 9)) { struct tok *t = tok_entry(s, ln + 9); if (t) t->so_tries = atol(v); }
    else if (!strncmp(ln, "removed.", 8)) { struct tok *t = tok_entry(s, ln + 8); if (t) t->removed = atol(v); }
    else if (!strncmp(ln, "signs.", 6)) { struct tok *t = tok_entry(s, ln + 6); if (t) t->signs = atol(v); }
    else if (!strncmp(ln, "sign_inits.", 11)) { struct tok *t = tok_entry(s, ln + 11); if (t) t->sign_inits = atol(v); }
  }
}

static size_t format_state(const struct state *s, char *buf, size_t n) {
  size_t len = (size_t)snprintf(buf, n,
    "# uyum virtual card state (written by the PKCS#11 interposer)\nepoch=%s\nremoved=%ld\nsigns=%ld\nsign_inits=%ld\n",
    s->epoch, s->removed, s->signs, s->sign_inits);
  for (int i = 0; i < s->ntok && len < n; i++) {
    if (s->tok[i].tries >= 0 && len < n) len += (size_t)snprintf(buf + len, n - len, "tries.%s=%ld\n", s->tok[i].serial, s->tok[i].tries);
    if (s->tok[i].so_tries >= 0 && len < n) len += (size_t)snprintf(buf + len, n - len, "so_tries.%s=%ld\n", s->tok[i].serial, s->tok[i].so_tries);
    if (s->tok[i].removed && len < n) len += (size_t)snprintf(buf + len, n - len, "removed.%s=%ld\n", s->tok[i].serial, s->tok[i].removed);
    if (s->tok[i].signs && len < n) len += (size_t)snprintf(buf + len, n - len, "signs.%s=%ld\n", s->tok[i].serial, s->tok[i].signs);
    if (s->tok[i].sign_inits && len < n) len += (size_t)snprintf(buf + len, n - len, "sign_inits.%s=%ld\n", s->tok[i].serial, s->tok[i].sign_inits);
  }
  return len < n ? len : n - 1;
}

static struct cached_file state_file = {"", -1, 0, {0}};
static struct state state_cache;
static int state_lock_fd = -1;
static pid_t state_lock_pid;      /* a forked child shares our open lock file, and so our flock: it opens its own */
static char state_lock_path[4200];
static int state_in_memory;       /* the state file could not be locked: counting stays in this process */

/* The state file as it is now (call under lock): one stat() when nobody replaced it since the last look.
 * Reading needs no file lock: the file is only ever replaced whole (rename), never written in place. */
static void load_state(const char *p, struct state *s) {
  if (!cache_fresh(&state_file, p)) {
    char text[8192];
    cache_load(&state_file, p, text, sizeof text);
    parse_state(&state_cache, text);
  }
  *s = state_cache;
}

/* Replaces the state file with s: a temp file renamed over it, so a reader sees the old or the new file,
 * whole. Called with the state's file lock held, so two writers cannot lose each other's update. */
static void save_state(const char *p, const struct state *s) {
  char text[8192], tmp[4200];
  size_t n = format_state(s, text, sizeof text);
  snprintf(tmp, sizeof tmp, "%s.%ld.tmp", p, (long)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || write(fd, text, n) != (ssize_t)n || rename(tmp, p) != 0) {
    fprintf(stderr, "uyum-p11: cannot write the state file %s: %s\n", p, strerror(errno));
    if (fd >= 0) { close(fd); unlink(tmp); }
    state_file.path[0] = 0; /* reload next time */
    return;
  }
  /* the renamed inode is now the file: keep it as the cache (fstat after rename: rename may touch ctime) */
  if (state_file.fd >= 0) close(state_file.fd);
  snprintf(state_file.path, sizeof state_file.path, "%s", p);
  state_file.fd = fd;
  state_file.present = fstat(fd, &state_file.st) == 0;
  if (!state_file.present) state_file.path[0] = 0;
  state_cache = *s;
}

/* The cross-process lock of a state file: a sibling "STATE.lock" (the state file itself is replaced on
 * every write, so a lock on it would be a lock on a file that is no longer there). Kept open. */
static int state_lock(const char *p) {
  char want[4200];
  snprintf(want, sizeof want, "%s.lock", p);
  if (state_lock_fd < 0 || strcmp(want, state_lock_path) != 0 || state_lock_pid != getpid()) {
    if (state_lock_fd >= 0) close(state_lock_fd);
    state_lock_pid = getpid();
    snprintf(state_lock_path, sizeof state_lock_path, "%s", want);
    state_lock_fd = open(want, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  }
  if (state_lock_fd < 0) return -1;
  while (flock(state_lock_fd, LOCK_EX) != 0)
    if (errno != EINTR) return -1;
  return 0;
}

/* Runs fn on the card state under an exclusive lock (file lock across processes, mutex within one) and
 * saves it when fn says it changed. A fault epoch change in the config resets the fault counters. */
typedef int (*state_fn)(struct state *s, const struct config *c, void *arg);
static int copy_state_fn(struct state *s, const struct config *c, void *arg) { (void)c; *(struct state *)arg = *s; return 0; }

static void with_state(const struct config *c, state_fn fn, void *arg) {
  const char *p = getenv("UYUM_P11_STATE");
  pthread_mutex_lock(&lock);
  struct state s;
  int locked = p && *p && state_lock(p) == 0;
  state_in_memory = !locked; /* read_state must then look where the writes go */
  if (locked) {
    load_state(p, &s); /* under the lock: the latest file, nobody can replace it until we are done */
  } else {
    static int warned;
    if (p && *p && !warned++) fprintf(stderr, "uyum-p11: cannot lock the state file %s.lock (%s); PIN tries are counted in this process only\n", p, strerror(errno));
    s = mem_state;
  }
  int changed = 0;
  if (strcmp(s.epoch, c->epoch) != 0) {
    snprintf(s.epoch, sizeof s.epoch, "%s", c->epoch);
    s.removed = s.signs = s.sign_inits = 0;
    for (int i = 0; i < s.ntok; i++) s.tok[i].removed = s.tok[i].signs = s.tok[i].sign_inits = 0;
    changed = 1;
  }
  if (fn && fn(&s, c, arg)) changed = 1;
  if (locked) {
    if (changed) save_state(p, &s); /* only when something changed: most calls write nothing */
    flock(state_lock_fd, LOCK_UN);
  } else {
    mem_state = s;
  }
  pthread_mutex_unlock(&lock);
}

/* The state as it is now, for a call that only looks at it: no file lock and, when the file is unchanged,
 * no read. Only a new fault epoch (its counters to reset) takes the locked path. */
static void read_state(const struct config *c, struct state *s) {
  const char *p = getenv("UYUM_P11_STATE");
  pthread_mutex_lock(&lock);
  if (p && *p && !state_in_memory) load_state(p, s);
  else *s = mem_state;
  pthread_mutex_unlock(&lock);
  if (strcmp(s->epoch, c->epoch) != 0) with_state(c, copy_state_fn, s); /* a new fault epoch: reset its counters */
}

/* The counter of the user PIN (so = 0) or the SO-PIN (so = 1) of a token, full when never counted. */
static long *tries_slot(struct state *s, const struct config *c, const char *serial, int so) {
  struct tok *t = tok_entry(s, serial);
  if (!t) return NULL;
  long *v = so ? &t->so_tries : &t->tries;
  if (*v < 0) *v = so ? c->so_pin_max_tries : c->pin_max_tries;
  return v;
}

/* What the card looks like right now (config and a copy of the state), and, once a call has said which
 * slot or session it is about (slot_view / session_view), which faults apply to it: its token's own
 * section, or the top level. gone is NULL, "device-removed" or "token-absent". */
struct now {
  struct config c;
  struct state s;
  const struct faults *f;
  const char *gone;
  char serial[17]; /* the token with its own section, "" for the top level (whose counters are global) */
};
static void card_now(struct now *n) {
  read_config(&n->c);
  read_state(&n->c, &n->s);
  n->f = &n->c.f;
  n->serial[0] = 0;
  n->gone = n->s.removed ? "device-removed" : n->f->token_absent ? "token-absent" : NULL;
}

/* Token serial (trimmed) for a slot or a session: the key of the PIN counter. */
static int slot_serial(CK_SLOT_ID slot, char out[17]) {
  CK_TOKEN_INFO ti;
  if (real->C_GetTokenInfo(slot, &ti) != CKR_OK) return -1;
  memcpy(out, ti.serialNumber, 16);
  out[16] = 0;
  for (int i = 15; i >= 0 && out[i] == ' '; i--) out[i] = 0;
  return 0;
}
static int session_slot(CK_SESSION_HANDLE h, CK_SLOT_ID *slot) {
  CK_SESSION_INFO si;
  if (real->C_GetSessionInfo(h, &si) != CKR_OK) return -1;
  *slot = si.slotID;
  return 0;
}

/* Narrows n to one slot: when the config names its token (by label) in a section, that section's faults
 * and that token's removal apply. Without sections this costs nothing (no extra call to the real module). */
static void slot_view(struct now *n, CK_SLOT_ID slot) {
  CK_TOKEN_INFO ti;
  if (!n->c.ntf || real->C_GetTokenInfo(slot, &ti) != CKR_OK) return;
  char label[33];
  memcpy(label, ti.label, 32);
  label[32] = 0;
  for (int i = 31; i >= 0 && label[i] == ' '; i--) label[i] = 0;
  for (int i = 0; i < n->c.ntf; i++) {
    if (strcmp(n->c.tf[i].label, label) != 0) continue;
    n->f = &n->c.tf[i].f;
    memcpy(n->serial, ti.serialNumber, 16);
    n->serial[16] = 0;
    for (int j = 15; j >= 0 && n->serial[j] == ' '; j--) n->serial[j] = 0;
    long removed = 0;
    for (int j = 0; j < n->s.ntok; j++) if (!strcmp(n->s.tok[j].serial, n->serial)) removed = n->s.tok[j].removed;
    n->gone = removed ? "device-removed" : n->f->token_absent ? "token-absent" : NULL;
    return;
  }
}
static void session_view(struct now *n, CK_SESSION_HANDLE h) {
  CK_SLOT_ID slot;
  if (n->c.ntf && session_slot(h, &slot) == 0) slot_view(n, slot);
}

/* ---------------------------------------------------------------- objects ---------------------------------------------------------------- */

/* Adds the object's handle, class, label and id to a trace line (public attributes only, cheap to read). */
static void l_object(struct line *l, const char *key, CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o) {
  char buf[32];
  l_ulong(l, key, o);
  CK_OBJECT_CLASS cls = 0;
  char label[128];
  unsigned char id[64];
  CK_ATTRIBUTE a[3] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_LABEL, label, sizeof label - 1}, {CKA_ID, id, sizeof id}};
  real->C_GetAttributeValue(h, o, a, 3); /* partial results are fine: each failed attribute has length -1 */
  if (a[0].ulValueLen == sizeof cls) l_str(l, "class", lookup(class_names, cls, buf, sizeof buf), 64);
  if (a[1].ulValueLen != (CK_ULONG)-1 && a[1].ulValueLen < sizeof label) l_str(l, "label", label, a[1].ulValueLen);
  if (a[2].ulValueLen != (CK_ULONG)-1 && a[2].ulValueLen <= sizeof id) l_hex(l, "id", id, a[2].ulValueLen);
}

static void l_template(struct line *l, CK_ATTRIBUTE_PTR t, CK_ULONG n, int with_values) {
  char buf[32];
  l_raw(l, ",\"attrs\":[");
  for (CK_ULONG i = 0; t && i < n && i < 32; i++)
    l_raw(l, "%s\"%s\"", i ? "," : "", lookup(attr_names, t[i].type, buf, sizeof buf));
  l_raw(l, "]");
  if (!with_values || !t) return;
  for (CK_ULONG i = 0; i < n; i++) { /* search templates: class, label and id say what the app looked for */
    if (!t[i].pValue) continue;
    if (t[i].type == CKA_CLASS && t[i].ulValueLen == sizeof(CK_OBJECT_CLASS))
      l_str(l, "class", lookup(class_names, *(CK_OBJECT_CLASS *)t[i].pValue, buf, sizeof buf), 64);
    else if (t[i].type == CKA_LABEL) l_str(l, "label", t[i].pValue, t[i].ulValueLen);
    else if (t[i].type == CKA_ID) l_hex(l, "id", t[i].pValue, t[i].ulValueLen);
  }
}

static void l_mech(struct line *l, CK_MECHANISM_PTR m) {
  char buf[32];
  if (m) l_str(l, "mech", lookup(mech_names, m->mechanism, buf, sizeof buf), 64);
}

/* C_SignInit's trace text for the key (handle, class, label, id) is kept per session and repeated on C_Sign,
 * so a signature line says which key made it without reading the key's attributes again. */
#define MAX_SIGNING 64
static struct { CK_SESSION_HANDLE s; CK_OBJECT_HANDLE k; char desc[512]; } signing[MAX_SIGNING];
static void remember_key(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE k, const char *desc) {
  pthread_mutex_lock(&lock);
  int at = -1;
  for (int i = 0; i < MAX_SIGNING && at < 0; i++) if (signing[i].s == s) at = i;
  for (int i = 0; i < MAX_SIGNING && at < 0; i++) if (!signing[i].s) at = i;
  if (at >= 0) {
    signing[at].s = k ? s : 0; /* k == 0: the session is gone, free the entry */
    signing[at].k = k;
    snprintf(signing[at].desc, sizeof signing[at].desc, "%s", desc ? desc : "");
  }
  pthread_mutex_unlock(&lock);
}
static CK_OBJECT_HANDLE signing_key(CK_SESSION_HANDLE s, char *desc, size_t n) {
  CK_OBJECT_HANDLE k = 0;
  desc[0] = 0;
  pthread_mutex_lock(&lock);
  for (int i = 0; i < MAX_SIGNING; i++)
    if (signing[i].s == s) { k = signing[i].k; snprintf(desc, n, "%s", signing[i].desc); }
  pthread_mutex_unlock(&lock);
  return k;
}

/* ---------------------------------------------------------------- general ---------------------------------------------------------------- */

static long last_gone;   /* card out at the last look (for slot events) */
static int initialized;  /* between C_Initialize and C_Finalize */

/* Tokens with their own [token] section come and go on their own: each is a slot event on its slot. We
 * remember, per slot, whether its token was out by its own section at the last look (default: in). */
#define MAX_SEEN 32
static struct { CK_SLOT_ID id; int gone; } seen[MAX_SEEN];
static int nseen;

static int own_gone(const struct now *n, CK_SLOT_ID slot) {
  struct now v = *n; /* a copy: slot_view narrows it */
  slot_view(&v, slot);
  return v.serial[0] && v.gone;
}

/* The first slot whose own-section state changed since the last look (call under lock). */
static int token_event(const struct now *n, CK_SLOT_ID *slot, int *gone) {
  int any = n->c.ntf;
  for (int i = 0; i < nseen && !any; i++) any = seen[i].gone;
  if (!any) return 0; /* no section now and none out before: nothing to look at */
  CK_SLOT_ID slots[MAX_SEEN];
  CK_ULONG count = MAX_SEEN;
  if (real->C_GetSlotList(CK_FALSE, slots, &count) != CKR_OK) return 0;
  for (CK_ULONG i = 0; i < count; i++) {
    int g = n->c.ntf ? own_gone(n, slots[i]) : 0, at = -1;
    for (int j = 0; j < nseen && at < 0; j++) if (seen[j].id == slots[i]) at = j;
    if (at < 0 && nseen < MAX_SEEN) { at = nseen++; seen[at].id = slots[i]; seen[at].gone = 0; }
    if (at < 0 || seen[at].gone == g) continue;
    seen[at].gone = g;
    *slot = slots[i];
    *gone = g;
    return 1;
  }
  return 0;
}

/* The slot of the card: the first slot whose real token is initialized (SoftHSM adds an empty one). */
static CK_SLOT_ID card_slot(void) {
  CK_SLOT_ID slots[16];
  CK_ULONG count = 16;
  if (real->C_GetSlotList(CK_TRUE, slots, &count) != CKR_OK) return 0;
  for (CK_ULONG i = 0; i < count; i++) {
    CK_TOKEN_INFO ti;
    if (real->C_GetTokenInfo(slots[i], &ti) == CKR_OK && (ti.flags & CKF_TOKEN_INITIALIZED)) return slots[i];
  }
  return count ? slots[0] : 0;
}

static CK_RV load_real(void) {
  if (real) return CKR_OK;
  const char *path = getenv("UYUM_P11_MODULE");
  if (!path || !*path) path = DEFAULT_MODULE;
  real_handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!real_handle) {
    fprintf(stderr, "uyum-p11: cannot load the real module %s: %s\n", path, dlerror());
    return CKR_GENERAL_ERROR;
  }
  CK_C_GetFunctionList gfl = (CK_C_GetFunctionList)dlsym(real_handle, "C_GetFunctionList");
  if (!gfl || gfl(&real) != CKR_OK || !real) {
    fprintf(stderr, "uyum-p11: %s has no usable C_GetFunctionList\n", path);
    real = NULL;
    return CKR_GENERAL_ERROR;
  }
  return CKR_OK;
}

static CK_RV w_Initialize(CK_VOID_PTR args) {
  struct line l;
  CK_RV rv = load_real();
  if (rv == CKR_OK) rv = real->C_Initialize(args);
  if (rv == CKR_OK) {
    struct now n;
    card_now(&n);
    pthread_mutex_lock(&lock);
    last_gone = n.gone != NULL; /* slot events are changes from here on */
    nseen = 0;
    CK_SLOT_ID s;
    int g;
    while (token_event(&n, &s, &g)) {}
    initialized = 1;
    pthread_mutex_unlock(&lock);
  }
  l_begin(&l, "C_Initialize");
  l_end(&l, rv);
  return rv;
}

static CK_RV w_Finalize(CK_VOID_PTR r) {
  struct line l;
  pthread_mutex_lock(&lock);
  initialized = 0;
  pthread_mutex_unlock(&lock);
  CK_RV rv = real->C_Finalize(r);
  l_begin(&l, "C_Finalize");
  l_end(&l, rv);
  return rv;
}

static CK_RV w_GetInfo(CK_INFO_PTR info) {
  struct line l;
  CK_RV rv = real->C_GetInfo(info);
  l_begin(&l, "C_GetInfo");
  l_end(&l, rv);
  return rv;
}

static CK_RV get_function_list(CK_FUNCTION_LIST_PTR_PTR pp);
static CK_RV w_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR pp) { return get_function_list(pp); }

/* ---------------------------------------------------------------- slots and tokens ---------------------------------------------------------------- */

/* C_GetSlotList(TRUE) with token sections: each token present in the real module and not out by its own
 * section (or, without one, by the top level). */
static CK_RV present_slots(const struct now *n, CK_SLOT_ID_PTR list, CK_ULONG_PTR count, CK_ULONG *hidden) {
  CK_SLOT_ID all[MAX_SEEN];
  CK_ULONG m = MAX_SEEN, k = 0;
  CK_RV rv = real->C_GetSlotList(CK_TRUE, all, &m);
  if (rv != CKR_OK) return rv;
  for (CK_ULONG i = 0; i < m; i++) {
    struct now v = *n;
    slot_view(&v, all[i]);
    if (!v.gone) all[k++] = all[i];
  }
  *hidden = m - k;
  if (list && *count < k) { *count = k; return CKR_BUFFER_TOO_SMALL; }
  if (list) memcpy(list, all, k * sizeof *all);
  *count = k;
  return CKR_OK;
}

static CK_RV w_GetSlotList(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count) {
  struct line l;
  struct now n;
  card_now(&n);
  CK_RV rv;
  CK_ULONG hidden = 0;
  if (present && count && n.c.ntf) rv = present_slots(&n, list, count, &hidden);
  else if (present && n.gone && count) { *count = 0; rv = CKR_OK; } /* no card in the reader */
  else rv = real->C_GetSlotList(present, list, count);
  l_begin(&l, "C_GetSlotList");
  l_raw(&l, ",\"token_present\":%s", present ? "true" : "false");
  if (count && rv == CKR_OK) l_ulong(&l, "count", *count);
  if (hidden) l_ulong(&l, "tokens_hidden", hidden);
  if (n.gone) l_str(&l, "injected", n.gone, 32);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info) {
  struct line l;
  struct now n;
  card_now(&n);
  slot_view(&n, slot);
  CK_RV rv = real->C_GetSlotInfo(slot, info);
  if (rv == CKR_OK && n.gone) info->flags &= ~CKF_TOKEN_PRESENT;
  l_begin(&l, "C_GetSlotInfo");
  l_ulong(&l, "slot", slot);
  if (rv == CKR_OK) l_raw(&l, ",\"token_present\":%s", (info->flags & CKF_TOKEN_PRESENT) ? "true" : "false");
  l_end(&l, rv);
  return rv;
}

struct tries_arg { const char *serial; long user, so; };
static int get_tries(struct state *s, const struct config *c, void *arg) {
  struct tries_arg *a = arg;
  long *t = tries_slot(s, c, a->serial, 0), *so = tries_slot(s, c, a->serial, 1);
  a->user = t ? *t : c->pin_max_tries;
  a->so = so ? *so : c->so_pin_max_tries;
  return 0; /* reading never needs a save; a new serial is stored on its first failed login */
}

static CK_RV w_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  struct line l;
  struct now n;
  card_now(&n);
  slot_view(&n, slot);
  CK_RV rv;
  struct tries_arg tries = {NULL, -1, -1};
  if (n.gone) rv = CKR_TOKEN_NOT_PRESENT;
  else rv = real->C_GetTokenInfo(slot, info);
  if (rv == CKR_OK && n.c.pin_counter) {
    char serial[17];
    memcpy(serial, info->serialNumber, 16);
    serial[16] = 0;
    for (int i = 15; i >= 0 && serial[i] == ' '; i--) serial[i] = 0;
    tries.serial = serial;
    get_tries(&n.s, &n.c, &tries); /* the state card_now just looked at: no second look */
    /* the card's counters replace SoftHSM's: it sets COUNT_LOW but never FINAL_TRY or LOCKED */
    info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED |
                     CKF_SO_PIN_COUNT_LOW | CKF_SO_PIN_FINAL_TRY | CKF_SO_PIN_LOCKED);
    if (tries.user < n.c.pin_max_tries) info->flags |= CKF_USER_PIN_COUNT_LOW;
    if (tries.user == 1) info->flags |= CKF_USER_PIN_FINAL_TRY;
    if (tries.user <= 0) info->flags |= CKF_USER_PIN_LOCKED;
    if (tries.so < n.c.so_pin_max_tries) info->flags |= CKF_SO_PIN_COUNT_LOW;
    if (tries.so == 1) info->flags |= CKF_SO_PIN_FINAL_TRY;
    if (tries.so <= 0) info->flags |= CKF_SO_PIN_LOCKED;
  }
  if (rv == CKR_OK && n.f->no_rng) info->flags &= ~CKF_RNG;
  l_begin(&l, "C_GetTokenInfo");
  l_ulong(&l, "slot", slot);
  if (rv == CKR_OK) {
    l_str(&l, "token", (const char *)info->label, 32);
    l_raw(&l, ",\"flags\":%lu,\"pin_tries_left\":%ld,\"so_pin_tries_left\":%ld", info->flags, tries.user, tries.so);
  }
  if (n.gone) l_str(&l, "injected", n.gone, 32);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_GetMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count) {
  struct line l;
  CK_RV rv = real->C_GetMechanismList(slot, list, count);
  l_begin(&l, "C_GetMechanismList");
  l_ulong(&l, "slot", slot);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_GetMechanismInfo(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR info) {
  struct line l;
  char buf[32];
  CK_RV rv = real->C_GetMechanismInfo(slot, type, info);
  l_begin(&l, "C_GetMechanismInfo");
  l_ulong(&l, "slot", slot);
  l_str(&l, "mech", lookup(mech_names, type, buf, sizeof buf), 64);
  l_end(&l, rv);
  return rv;
}

/* Every call that proves a PIN goes through the token's counter: C_Login, C_InitToken (the SO-PIN) and
 * C_SetPIN (the old PIN), as on a card, so a locked SO-PIN cannot be bypassed by re-initialising the token. */
struct pin_call {
  const char *serial; int so; CK_RV (*call)(void *); void *ctx; CK_RV rv; long tries;
  CK_SLOT_ID slot; char serial_buf[17]; /* filled under the lock by counted_locked */
};

/* Runs under the state lock, so two processes cannot both spend the last try. The user PIN and the SO-PIN
 * count separately, as on a card. The token's serial is read under the lock too: SoftHSM re-reads its token
 * file on C_GetTokenInfo, and one running alongside another process's failed C_Login (which rewrites that
 * file) can fail with CKR_GENERAL_ERROR, and a login whose serial could not be read would go uncounted. */
static int counted_locked(struct state *s, const struct config *c, void *arg) {
  struct pin_call *a = arg;
  if (slot_serial(a->slot, a->serial_buf) != 0 || !a->serial_buf[0]) { a->rv = a->call(a->ctx); return 0; }
  a->serial = a->serial_buf;
  long *t = tries_slot(s, c, a->serial, a->so);
  if (!t) { a->rv = a->call(a->ctx); return 0; }
  if (*t <= 0) { a->rv = CKR_PIN_LOCKED; a->tries = 0; return 1; }
  a->rv = a->call(a->ctx);
  if (a->rv == CKR_PIN_INCORRECT || a->rv == CKR_PIN_LEN_RANGE) (*t)--;
  else if (a->rv == CKR_OK) *t = a->so ? c->so_pin_max_tries : c->pin_max_tries; /* not ALREADY_LOGGED_IN: that proves no PIN */
  a->tries = *t;
  return 1;
}

/* Counts the call on the token in slot; a token without a serial (SoftHSM's empty slot) has no PIN to count. */
static void counted(const struct now *n, CK_SLOT_ID slot, struct pin_call *a) {
  a->tries = -1;
  if (!n->c.pin_counter) { a->rv = a->call(a->ctx); return; }
  a->slot = slot;
  with_state(&n->c, counted_locked, a);
}

struct init_token_args { CK_SLOT_ID slot; CK_UTF8CHAR_PTR pin; CK_ULONG len; CK_UTF8CHAR_PTR label; };
static CK_RV call_init_token(void *p) { struct init_token_args *a = p; return real->C_InitToken(a->slot, a->pin, a->len, a->label); }

static CK_RV w_InitToken(CK_SLOT_ID slot, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len, CK_UTF8CHAR_PTR label) {
  struct line l;
  struct now n;
  card_now(&n);
  slot_view(&n, slot);
  struct init_token_args ia = {slot, pin, pin_len, label};
  struct pin_call a = {NULL, 1, call_init_token, &ia, CKR_OK, -1, 0, ""};
  if (n.gone) a.rv = CKR_TOKEN_NOT_PRESENT;
  else counted(&n, slot, &a);
  CK_RV rv = a.rv;
  l_begin(&l, "C_InitToken");
  l_ulong(&l, "slot", slot);
  l_raw(&l, ",\"pin_given\":%s", pin ? "true" : "false");
  if (a.tries >= 0) l_raw(&l, ",\"pin_tries_left\":%ld", a.tries);
  if (label) l_str(&l, "token", (const char *)label, 32);
  l_end(&l, rv);
  return rv;
}

static int reset_tries(struct state *s, const struct config *c, void *arg) {
  long *t = tries_slot(s, c, (const char *)arg, 0);
  if (t) *t = c->pin_max_tries;
  return 1;
}

/* C_InitPIN by the SO is how a locked card is unlocked: it resets the counter. */
static CK_RV w_InitPIN(CK_SESSION_HANDLE h, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len) {
  struct line l;
  struct now n;
  card_now(&n);
  session_view(&n, h);
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : real->C_InitPIN(h, pin, pin_len);
  CK_SLOT_ID slot;
  char serial[17];
  if (rv == CKR_OK && session_slot(h, &slot) == 0 && slot_serial(slot, serial) == 0)
    with_state(&n.c, reset_tries, serial);
  l_begin(&l, "C_InitPIN");
  l_ulong(&l, "session", h);
  l_raw(&l, ",\"pin_given\":%s", pin ? "true" : "false");
  l_end(&l, rv);
  return rv;
}

struct set_pin_args { CK_SESSION_HANDLE h; CK_UTF8CHAR_PTR o; CK_ULONG ol; CK_UTF8CHAR_PTR n; CK_ULONG nl; };
static CK_RV call_set_pin(void *p) { struct set_pin_args *a = p; return real->C_SetPIN(a->h, a->o, a->ol, a->n, a->nl); }

static CK_RV w_SetPIN(CK_SESSION_HANDLE h, CK_UTF8CHAR_PTR oldp, CK_ULONG ol, CK_UTF8CHAR_PTR newp, CK_ULONG nl) {
  struct line l;
  struct now n;
  card_now(&n);
  session_view(&n, h);
  /* the SO's PIN in an SO session, else the user's (PKCS#11: the user logged in, or CKU_USER) */
  CK_SESSION_INFO si;
  int have = real->C_GetSessionInfo(h, &si) == CKR_OK;
  struct set_pin_args sa = {h, oldp, ol, newp, nl};
  struct pin_call a = {NULL, have && si.state == CKS_RW_SO_FUNCTIONS, call_set_pin, &sa, CKR_OK, -1, 0, ""};
  if (n.gone) a.rv = CKR_DEVICE_REMOVED;
  else if (!have) a.rv = call_set_pin(&sa);
  else counted(&n, si.slotID, &a);
  CK_RV rv = a.rv;
  l_begin(&l, "C_SetPIN");
  l_ulong(&l, "session", h);
  l_str(&l, "user", a.so ? "CKU_SO" : "CKU_USER", 32);
  l_raw(&l, ",\"pin_given\":%s", oldp && newp ? "true" : "false");
  if (a.tries >= 0) l_raw(&l, ",\"pin_tries_left\":%ld", a.tries);
  l_end(&l, rv);
  return rv;
}

/* ---------------------------------------------------------------- sessions ---------------------------------------------------------------- */

static CK_RV w_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify, CK_SESSION_HANDLE_PTR ph) {
  struct line l;
  struct now n;
  card_now(&n);
  slot_view(&n, slot);
  CK_RV rv = n.gone ? CKR_TOKEN_NOT_PRESENT : real->C_OpenSession(slot, flags, app, notify, ph);
  l_begin(&l, "C_OpenSession");
  l_ulong(&l, "slot", slot);
  l_raw(&l, ",\"rw\":%s", (flags & CKF_RW_SESSION) ? "true" : "false");
  if (rv == CKR_OK && ph) l_ulong(&l, "session", *ph);
  if (n.gone) l_str(&l, "injected", n.gone, 32);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_CloseSession(CK_SESSION_HANDLE h) {
  struct line l;
  CK_RV rv = real->C_CloseSession(h);
  remember_key(h, 0, NULL);
  l_begin(&l, "C_CloseSession");
  l_ulong(&l, "session", h);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_CloseAllSessions(CK_SLOT_ID slot) {
  struct line l;
  CK_RV rv = real->C_CloseAllSessions(slot);
  l_begin(&l, "C_CloseAllSessions");
  l_ulong(&l, "slot", slot);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_GetSessionInfo(CK_SESSION_HANDLE h, CK_SESSION_INFO_PTR info) {
  struct line l;
  struct now n;
  card_now(&n);
  session_view(&n, h);
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : real->C_GetSessionInfo(h, info);
  l_begin(&l, "C_GetSessionInfo");
  l_ulong(&l, "session", h);
  if (rv == CKR_OK) l_raw(&l, ",\"slot\":%lu,\"state\":%lu", info->slotID, info->state);
  l_end(&l, rv);
  return rv;
}

struct login_args { CK_SESSION_HANDLE h; CK_USER_TYPE ut; CK_UTF8CHAR_PTR pin; CK_ULONG len; };
static CK_RV call_login(void *p) { struct login_args *a = p; return real->C_Login(a->h, a->ut, a->pin, a->len); }

static CK_RV w_Login(CK_SESSION_HANDLE h, CK_USER_TYPE ut, CK_UTF8CHAR_PTR pin, CK_ULONG len) {
  struct line l;
  char buf[32];
  struct now n;
  card_now(&n);
  session_view(&n, h);
  CK_SLOT_ID slot = 0;
  struct login_args la = {h, ut, pin, len};
  /* CKU_CONTEXT_SPECIFIC proves the user PIN: it counts as a user login */
  struct pin_call a = {NULL, ut == CKU_SO, call_login, &la, CKR_OK, -1, 0, ""};
  if (n.gone) a.rv = CKR_DEVICE_REMOVED;
  else if (session_slot(h, &slot) != 0) a.rv = call_login(&la);
  else counted(&n, slot, &a);
  CK_RV rv = a.rv;
  l_begin(&l, "C_Login");
  l_ulong(&l, "session", h);
  l_str(&l, "user", lookup(user_names, ut, buf, sizeof buf), 32);
  l_raw(&l, ",\"pin_given\":%s", pin ? "true" : "false");
  if (a.tries >= 0) l_raw(&l, ",\"pin_tries_left\":%ld", a.tries);
  if (rv == CKR_PIN_LOCKED && a.tries == 0) l_str(&l, "injected", "pin-locked", 32);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_Logout(CK_SESSION_HANDLE h) {
  struct line l;
  CK_RV rv = real->C_Logout(h);
  l_begin(&l, "C_Logout");
  l_ulong(&l, "session", h);
  l_end(&l, rv);
  return rv;
}

/* ---------------------------------------------------------------- objects ---------------------------------------------------------------- */

static CK_RV w_CreateObject(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR o) {
  struct line l;
  CK_RV rv = real->C_CreateObject(h, t, n, o);
  l_begin(&l, "C_CreateObject");
  l_ulong(&l, "session", h);
  l_template(&l, t, n, 1);
  if (rv == CKR_OK && o) l_ulong(&l, "object", *o);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_CopyObject(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR no) {
  struct line l;
  CK_RV rv = real->C_CopyObject(h, o, t, n, no);
  l_begin(&l, "C_CopyObject");
  l_ulong(&l, "session", h);
  l_ulong(&l, "object", o);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_DestroyObject(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o) {
  struct line l;
  l_begin(&l, "C_DestroyObject");
  l_ulong(&l, "session", h);
  l_object(&l, "object", h, o); /* before it is gone */
  CK_RV rv = real->C_DestroyObject(h, o);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_GetObjectSize(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ULONG_PTR size) {
  struct line l;
  CK_RV rv = real->C_GetObjectSize(h, o, size);
  l_begin(&l, "C_GetObjectSize");
  l_ulong(&l, "session", h);
  l_ulong(&l, "object", o);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_GetAttributeValue(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  struct line l;
  struct now now;
  card_now(&now);
  session_view(&now, h);
  CK_RV rv = now.gone ? CKR_DEVICE_REMOVED : real->C_GetAttributeValue(h, o, t, n);
  l_begin(&l, "C_GetAttributeValue");
  l_ulong(&l, "session", h);
  if (!now.gone) l_object(&l, "object", h, o);
  else l_ulong(&l, "object", o);
  l_template(&l, t, n, 0);
  /* a value fetched (not just its size) is what "read from the card" means for a certificate */
  int fetched = 0;
  for (CK_ULONG i = 0; t && i < n; i++) if (t[i].type == CKA_VALUE && t[i].pValue && t[i].ulValueLen != (CK_ULONG)-1) fetched = 1;
  if (fetched) l_raw(&l, ",\"value_read\":true");
  l_end(&l, rv);
  return rv;
}

static CK_RV w_SetAttributeValue(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  struct line l;
  CK_RV rv = real->C_SetAttributeValue(h, o, t, n);
  l_begin(&l, "C_SetAttributeValue");
  l_ulong(&l, "session", h);
  l_ulong(&l, "object", o);
  l_template(&l, t, n, 0);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_FindObjectsInit(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  struct line l;
  struct now now;
  card_now(&now);
  session_view(&now, h);
  CK_RV rv = now.gone ? CKR_DEVICE_REMOVED : real->C_FindObjectsInit(h, t, n);
  l_begin(&l, "C_FindObjectsInit");
  l_ulong(&l, "session", h);
  l_template(&l, t, n, 1);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_FindObjects(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE_PTR o, CK_ULONG max, CK_ULONG_PTR count) {
  struct line l;
  struct now now;
  card_now(&now);
  session_view(&now, h);
  CK_RV rv = now.gone ? CKR_DEVICE_REMOVED : real->C_FindObjects(h, o, max, count);
  l_begin(&l, "C_FindObjects");
  l_ulong(&l, "session", h);
  if (rv == CKR_OK && count) {
    l_raw(&l, ",\"objects\":[");
    for (CK_ULONG i = 0; i < *count && i < 32; i++) l_raw(&l, "%s%lu", i ? "," : "", o[i]);
    l_raw(&l, "]");
  }
  l_end(&l, rv);
  return rv;
}

static CK_RV w_FindObjectsFinal(CK_SESSION_HANDLE h) {
  struct line l;
  CK_RV rv = real->C_FindObjectsFinal(h);
  l_begin(&l, "C_FindObjectsFinal");
  l_ulong(&l, "session", h);
  l_end(&l, rv);
  return rv;
}

/* ---------------------------------------------------------------- signing ---------------------------------------------------------------- */

/* Fault counters live where the faults came from: the token's own state for a [token] section, else the
 * global one. */
struct count_arg { const struct now *n; int pulled; };
static int count_sign_init(struct state *s, const struct config *c, void *arg) {
  struct count_arg *a = arg;
  struct tok *t = a->n->serial[0] ? tok_entry(s, a->n->serial) : NULL;
  long *inits = t ? &t->sign_inits : &s->sign_inits, *removed = t ? &t->removed : &s->removed;
  (void)c;
  ++*inits;
  if (*inits == a->n->f->remove_after_sign_init) { *removed = 1; a->pulled = 1; }
  return 1;
}

static CK_RV w_SignInit(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k) {
  struct line l;
  struct now n;
  card_now(&n);
  session_view(&n, h);
  struct count_arg ca = {&n, 0};
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : real->C_SignInit(h, m, k);
  if (rv == CKR_OK && n.f->remove_after_sign_init) with_state(&n.c, count_sign_init, &ca); /* counted only when it matters */
  l_begin(&l, "C_SignInit");
  l_ulong(&l, "session", h);
  l_mech(&l, m);
  size_t key_at = l.len;
  if (!n.gone) l_object(&l, "key", h, k);
  else l_ulong(&l, "key", k);
  if (rv == CKR_OK) {
    char desc[512];
    snprintf(desc, sizeof desc, "%.*s", (int)(l.len - key_at), l.buf + key_at);
    remember_key(h, k, desc);
  }
  if (ca.pulled) l_str(&l, "injected", "card-removed-after-sign-init", 64);
  l_end(&l, rv);
  return rv;
}

static int count_sign(struct state *s, const struct config *c, void *arg) {
  struct count_arg *a = arg;
  struct tok *t = a->n->serial[0] ? tok_entry(s, a->n->serial) : NULL;
  long *signs = t ? &t->signs : &s->signs, *removed = t ? &t->removed : &s->removed;
  (void)c;
  ++*signs;
  if (*signs == a->n->f->remove_at_sign) { *removed = 1; a->pulled = 1; }
  return 1;
}

/* C_Sign and C_SignFinal complete a signature: that is where a card pulled "mid-operation" shows. */
static CK_RV sign_common(const char *fn, CK_SESSION_HANDLE h, CK_ULONG in_len, int has_in, CK_BYTE_PTR sig,
                         CK_ULONG_PTR sig_len, CK_RV (*call)(void *), void *call_arg) {
  struct line l;
  struct now n;
  card_now(&n);
  session_view(&n, h);
  struct count_arg ca = {&n, 0};
  CK_RV rv;
  char key_desc[512];
  CK_OBJECT_HANDLE k = signing_key(h, key_desc, sizeof key_desc);
  if (n.gone) rv = CKR_DEVICE_REMOVED;
  else if (sig == NULL) rv = call(call_arg); /* size query: not a signature yet */
  else {
    if (n.f->remove_at_sign) with_state(&n.c, count_sign, &ca);
    if (ca.pulled) rv = CKR_DEVICE_REMOVED;
    else {
      if (n.f->sign_delay_ms > 0) usleep((useconds_t)n.f->sign_delay_ms * 1000);
      rv = call(call_arg);
    }
  }
  l_begin(&l, fn);
  l_ulong(&l, "session", h);
  if (k) l_raw(&l, "%s", key_desc);
  if (has_in) l_ulong(&l, "in_len", in_len);
  if (sig == NULL) l_raw(&l, ",\"size_query\":true");
  if (rv == CKR_OK && sig_len) l_ulong(&l, "out_len", *sig_len);
  if (ca.pulled) l_str(&l, "injected", "card-removed", 32);
  else if (n.gone) l_str(&l, "injected", n.gone, 32);
  else if (sig && n.f->sign_delay_ms > 0) l_raw(&l, ",\"injected_delay_ms\":%ld", n.f->sign_delay_ms);
  l_end(&l, rv);
  return rv;
}

struct sign_args { CK_SESSION_HANDLE h; CK_BYTE_PTR d; CK_ULONG dl; CK_BYTE_PTR s; CK_ULONG_PTR sl; };
static CK_RV call_sign(void *p) { struct sign_args *a = p; return real->C_Sign(a->h, a->d, a->dl, a->s, a->sl); }
static CK_RV call_sign_final(void *p) { struct sign_args *a = p; return real->C_SignFinal(a->h, a->s, a->sl); }

static CK_RV w_Sign(CK_SESSION_HANDLE h, CK_BYTE_PTR d, CK_ULONG dl, CK_BYTE_PTR s, CK_ULONG_PTR sl) {
  struct sign_args a = {h, d, dl, s, sl};
  return sign_common("C_Sign", h, dl, 1, s, sl, call_sign, &a);
}

static CK_RV w_SignFinal(CK_SESSION_HANDLE h, CK_BYTE_PTR s, CK_ULONG_PTR sl) {
  struct sign_args a = {h, NULL, 0, s, sl};
  return sign_common("C_SignFinal", h, 0, 0, s, sl, call_sign_final, &a);
}

static CK_RV w_SignUpdate(CK_SESSION_HANDLE h, CK_BYTE_PTR d, CK_ULONG dl) {
  struct line l;
  struct now n;
  card_now(&n);
  session_view(&n, h);
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : real->C_SignUpdate(h, d, dl);
  l_begin(&l, "C_SignUpdate");
  l_ulong(&l, "session", h);
  l_ulong(&l, "in_len", dl);
  l_end(&l, rv);
  return rv;
}

/* ---------------------------------------------------------------- random ---------------------------------------------------------------- */

static CK_RV w_GenerateRandom(CK_SESSION_HANDLE h, CK_BYTE_PTR out, CK_ULONG len) {
  struct line l;
  struct now n;
  card_now(&n);
  session_view(&n, h);
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : n.f->no_rng ? CKR_RANDOM_NO_RNG : real->C_GenerateRandom(h, out, len);
  l_begin(&l, "C_GenerateRandom");
  l_ulong(&l, "session", h);
  l_ulong(&l, "out_len", len);
  if (n.f->no_rng && !n.gone) l_str(&l, "injected", "no-rng", 32);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_SeedRandom(CK_SESSION_HANDLE h, CK_BYTE_PTR seed, CK_ULONG len) {
  struct line l;
  struct now n;
  card_now(&n);
  session_view(&n, h);
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : n.f->no_rng ? CKR_RANDOM_NO_RNG : real->C_SeedRandom(h, seed, len);
  l_begin(&l, "C_SeedRandom");
  l_ulong(&l, "session", h);
  l_ulong(&l, "in_len", len);
  if (n.f->no_rng && !n.gone) l_str(&l, "injected", "no-rng", 32);
  l_end(&l, rv);
  return rv;
}

/* ---------------------------------------------------------------- plain forwards ---------------------------------------------------------------- */

/* The remaining calls are forwarded as they are; the trace names the call, its session and the result.
 * While the card is out, session calls fail as they would on a pulled card. */
#define FWD(name, params, args)                                                     \
  static CK_RV w_##name params {                                                    \
    struct line l;                                                                  \
    struct now now_;                                                                \
    card_now(&now_);                                                               \
    session_view(&now_, h);                                                         \
    CK_RV rv = now_.gone ? CKR_DEVICE_REMOVED : real->C_##name args;         \
    l_begin(&l, "C_" #name);                                                        \
    l_ulong(&l, "session", h);                                                      \
    l_end(&l, rv);                                                                  \
    return rv;                                                                      \
  }
#define FWD_MECH(name, params, args)                                                \
  static CK_RV w_##name params {                                                    \
    struct line l;                                                                  \
    struct now now_;                                                                \
    card_now(&now_);                                                               \
    session_view(&now_, h);                                                         \
    CK_RV rv = now_.gone ? CKR_DEVICE_REMOVED : real->C_##name args;         \
    l_begin(&l, "C_" #name);                                                        \
    l_ulong(&l, "session", h);                                                      \
    l_mech(&l, m);                                                                  \
    l_end(&l, rv);                                                                  \
    return rv;                                                                      \
  }
#define FWD_DATA(name, params, args, inlen)                                         \
  static CK_RV w_##name params {                                                    \
    struct line l;                                                                  \
    struct now now_;                                                                \
    card_now(&now_);                                                               \
    session_view(&now_, h);                                                         \
    CK_RV rv = now_.gone ? CKR_DEVICE_REMOVED : real->C_##name args;         \
    l_begin(&l, "C_" #name);                                                        \
    l_ulong(&l, "session", h);                                                      \
    l_ulong(&l, "in_len", inlen);                                                   \
    l_end(&l, rv);                                                                  \
    return rv;                                                                      \
  }

typedef CK_BYTE_PTR B;
typedef CK_ULONG_PTR LP;
FWD(GetOperationState, (CK_SESSION_HANDLE h, B s, LP sl), (h, s, sl))
FWD(SetOperationState, (CK_SESSION_HANDLE h, B s, CK_ULONG sl, CK_OBJECT_HANDLE ek, CK_OBJECT_HANDLE ak), (h, s, sl, ek, ak))
FWD_MECH(EncryptInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k), (h, m, k))
FWD_DATA(Encrypt, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD_DATA(EncryptUpdate, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD(EncryptFinal, (CK_SESSION_HANDLE h, B o, LP ol), (h, o, ol))
FWD_MECH(DecryptInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k), (h, m, k))
FWD_DATA(Decrypt, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD_DATA(DecryptUpdate, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD(DecryptFinal, (CK_SESSION_HANDLE h, B o, LP ol), (h, o, ol))
FWD_MECH(DigestInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m), (h, m))
FWD_DATA(Digest, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD_DATA(DigestUpdate, (CK_SESSION_HANDLE h, B d, CK_ULONG dl), (h, d, dl), dl)
FWD(DigestKey, (CK_SESSION_HANDLE h, CK_OBJECT_HANDLE k), (h, k))
FWD(DigestFinal, (CK_SESSION_HANDLE h, B o, LP ol), (h, o, ol))
FWD_MECH(SignRecoverInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k), (h, m, k))
FWD_DATA(SignRecover, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD_MECH(VerifyInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k), (h, m, k))
FWD_DATA(Verify, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B s, CK_ULONG sl), (h, d, dl, s, sl), dl)
FWD_DATA(VerifyUpdate, (CK_SESSION_HANDLE h, B d, CK_ULONG dl), (h, d, dl), dl)
FWD(VerifyFinal, (CK_SESSION_HANDLE h, B s, CK_ULONG sl), (h, s, sl))
FWD_MECH(VerifyRecoverInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k), (h, m, k))
FWD_DATA(VerifyRecover, (CK_SESSION_HANDLE h, B s, CK_ULONG sl, B o, LP ol), (h, s, sl, o, ol), sl)
FWD_DATA(DigestEncryptUpdate, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD_DATA(DecryptDigestUpdate, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD_DATA(SignEncryptUpdate, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD_DATA(DecryptVerifyUpdate, (CK_SESSION_HANDLE h, B d, CK_ULONG dl, B o, LP ol), (h, d, dl, o, ol), dl)
FWD_MECH(GenerateKey, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR k), (h, m, t, n, k))
FWD_MECH(GenerateKeyPair, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR pt, CK_ULONG pn, CK_ATTRIBUTE_PTR st,
         CK_ULONG sn, CK_OBJECT_HANDLE_PTR pk, CK_OBJECT_HANDLE_PTR sk), (h, m, pt, pn, st, sn, pk, sk))
FWD_MECH(WrapKey, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE wk, CK_OBJECT_HANDLE k, B o, LP ol), (h, m, wk, k, o, ol))
FWD_MECH(UnwrapKey, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE uk, B w, CK_ULONG wl, CK_ATTRIBUTE_PTR t,
         CK_ULONG n, CK_OBJECT_HANDLE_PTR k), (h, m, uk, w, wl, t, n, k))
FWD_MECH(DeriveKey, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE bk, CK_ATTRIBUTE_PTR t, CK_ULONG n,
         CK_OBJECT_HANDLE_PTR k), (h, m, bk, t, n, k))
FWD(GetFunctionStatus, (CK_SESSION_HANDLE h), (h))
FWD(CancelFunction, (CK_SESSION_HANDLE h), (h))

/* The card going out or coming back is a slot event, as a reader reports it. SoftHSM has no events
 * (CKR_FUNCTION_NOT_SUPPORTED); a vendor module's own events still come through. A blocking wait polls, and
 * ends with CKR_CRYPTOKI_NOT_INITIALIZED when another thread finalizes. */
static CK_RV w_WaitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR slot, CK_VOID_PTR r) {
  struct line l;
  CK_RV rv;
  int ours = 0, out = 0;
  for (;;) {
    struct now n;
    card_now(&n);
    long gone = n.gone != NULL;
    CK_SLOT_ID tslot = 0;
    pthread_mutex_lock(&lock);
    int changed = gone != last_gone;
    last_gone = gone;
    int tchanged = !changed && token_event(&n, &tslot, &out);
    int live = initialized;
    pthread_mutex_unlock(&lock);
    if (!live) { rv = CKR_CRYPTOKI_NOT_INITIALIZED; break; }
    if (changed || tchanged) {
      if (changed) out = (int)gone;
      if (slot) *slot = changed ? card_slot() : tslot;
      rv = CKR_OK;
      ours = 1;
      break;
    }
    rv = real->C_WaitForSlotEvent(flags | CKF_DONT_BLOCK, slot, r);
    if (rv != CKR_NO_EVENT && rv != CKR_FUNCTION_NOT_SUPPORTED) break;
    if (flags & CKF_DONT_BLOCK) { rv = CKR_NO_EVENT; break; }
    usleep(100 * 1000);
  }
  l_begin(&l, "C_WaitForSlotEvent");
  l_raw(&l, ",\"block\":%s", (flags & CKF_DONT_BLOCK) ? "false" : "true");
  if (rv == CKR_OK && slot) l_ulong(&l, "slot", *slot);
  if (ours) l_str(&l, "injected", out ? "card-out" : "card-in", 32);
  l_end(&l, rv);
  return rv;
}

/* ---------------------------------------------------------------- direct exports ---------------------------------------------------------------- */

/* Some applications dlsym() each C_ function instead of using the function list: the same wrappers serve
 * them (gcc aliases; the header's prototypes make the compiler check each signature). C_Initialize loads the
 * real module, so a direct caller that starts there, as the standard requires, is served too. */
#define EXPORT_ALIAS(x) extern __typeof__(w_##x) C_##x __attribute__((alias("w_" #x), visibility("default")));
EXPORT_ALIAS(Initialize)
EXPORT_ALIAS(Finalize)
EXPORT_ALIAS(GetInfo)
EXPORT_ALIAS(GetSlotList)
EXPORT_ALIAS(GetSlotInfo)
EXPORT_ALIAS(GetTokenInfo)
EXPORT_ALIAS(GetMechanismList)
EXPORT_ALIAS(GetMechanismInfo)
EXPORT_ALIAS(InitToken)
EXPORT_ALIAS(InitPIN)
EXPORT_ALIAS(SetPIN)
EXPORT_ALIAS(OpenSession)
EXPORT_ALIAS(CloseSession)
EXPORT_ALIAS(CloseAllSessions)
EXPORT_ALIAS(GetSessionInfo)
EXPORT_ALIAS(GetOperationState)
EXPORT_ALIAS(SetOperationState)
EXPORT_ALIAS(Login)
EXPORT_ALIAS(Logout)
EXPORT_ALIAS(CreateObject)
EXPORT_ALIAS(CopyObject)
EXPORT_ALIAS(DestroyObject)
EXPORT_ALIAS(GetObjectSize)
EXPORT_ALIAS(GetAttributeValue)
EXPORT_ALIAS(SetAttributeValue)
EXPORT_ALIAS(FindObjectsInit)
EXPORT_ALIAS(FindObjects)
EXPORT_ALIAS(FindObjectsFinal)
EXPORT_ALIAS(EncryptInit)
EXPORT_ALIAS(Encrypt)
EXPORT_ALIAS(EncryptUpdate)
EXPORT_ALIAS(EncryptFinal)
EXPORT_ALIAS(DecryptInit)
EXPORT_ALIAS(Decrypt)
EXPORT_ALIAS(DecryptUpdate)
EXPORT_ALIAS(DecryptFinal)
EXPORT_ALIAS(DigestInit)
EXPORT_ALIAS(Digest)
EXPORT_ALIAS(DigestUpdate)
EXPORT_ALIAS(DigestKey)
EXPORT_ALIAS(DigestFinal)
EXPORT_ALIAS(SignInit)
EXPORT_ALIAS(Sign)
EXPORT_ALIAS(SignUpdate)
EXPORT_ALIAS(SignFinal)
EXPORT_ALIAS(SignRecoverInit)
EXPORT_ALIAS(SignRecover)
EXPORT_ALIAS(VerifyInit)
EXPORT_ALIAS(Verify)
EXPORT_ALIAS(VerifyUpdate)
EXPORT_ALIAS(VerifyFinal)
EXPORT_ALIAS(VerifyRecoverInit)
EXPORT_ALIAS(VerifyRecover)
EXPORT_ALIAS(DigestEncryptUpdate)
EXPORT_ALIAS(DecryptDigestUpdate)
EXPORT_ALIAS(SignEncryptUpdate)
EXPORT_ALIAS(DecryptVerifyUpdate)
EXPORT_ALIAS(GenerateKey)
EXPORT_ALIAS(GenerateKeyPair)
EXPORT_ALIAS(WrapKey)
EXPORT_ALIAS(UnwrapKey)
EXPORT_ALIAS(DeriveKey)
EXPORT_ALIAS(SeedRandom)
EXPORT_ALIAS(GenerateRandom)
EXPORT_ALIAS(GetFunctionStatus)
EXPORT_ALIAS(CancelFunction)
EXPORT_ALIAS(WaitForSlotEvent)
#undef EXPORT_ALIAS

/* ---------------------------------------------------------------- entry point ---------------------------------------------------------------- */

EXPORT CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR pp) { return get_function_list(pp); }

static CK_RV get_function_list(CK_FUNCTION_LIST_PTR_PTR pp) {
  if (!pp) return CKR_ARGUMENTS_BAD;
  CK_RV rv = load_real();
  if (rv != CKR_OK) return rv;
  our_list = (CK_FUNCTION_LIST){
    {2, 40},
#define W(x) .C_##x = w_##x
    W(Initialize), W(Finalize), W(GetInfo), W(GetFunctionList), W(GetSlotList), W(GetSlotInfo), W(GetTokenInfo),
    W(GetMechanismList), W(GetMechanismInfo), W(InitToken), W(InitPIN), W(SetPIN), W(OpenSession), W(CloseSession),
    W(CloseAllSessions), W(GetSessionInfo), W(GetOperationState), W(SetOperationState), W(Login), W(Logout),
    W(CreateObject), W(CopyObject), W(DestroyObject), W(GetObjectSize), W(GetAttributeValue), W(SetAttributeValue),
    W(FindObjectsInit), W(FindObjects), W(FindObjectsFinal), W(EncryptInit), W(Encrypt), W(EncryptUpdate),
    W(EncryptFinal), W(DecryptInit), W(Decrypt), W(DecryptUpdate), W(DecryptFinal), W(DigestInit), W(Digest),
    W(DigestUpdate), W(DigestKey), W(DigestFinal), W(SignInit), W(Sign), W(SignUpdate), W(SignFinal),
    W(SignRecoverInit), W(SignRecover), W(VerifyInit), W(Verify), W(VerifyUpdate), W(VerifyFinal),
    W(VerifyRecoverInit), W(VerifyRecover), W(DigestEncryptUpdate), W(DecryptDigestUpdate), W(SignEncryptUpdate),
    W(DecryptVerifyUpdate), W(GenerateKey), W(GenerateKeyPair), W(WrapKey), W(UnwrapKey), W(DeriveKey),
    W(SeedRandom), W(GenerateRandom), W(GetFunctionStatus), W(CancelFunction), W(WaitForSlotEvent),
#undef W
  };
  *pp = &our_list;
  return CKR_OK;
}
