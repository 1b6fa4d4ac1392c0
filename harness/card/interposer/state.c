/*
 * uyum-p11 state: what the card remembers across calls and processes — the user-PIN and SO-PIN tries left
 * per token serial, card removal and fault counters — in the state file (UYUM_P11_STATE), replaced whole
 * under the sibling lock file; plus the stat()-based file cache the config shares.
 */
#include "uyum-p11.h"

/* ------------------------------------------------------------ file cache ------------------------------------------------------------
 * The config and the state are small files other processes replace (write a temp file, rename it over).
 * Re-reading them on every call cost more than the call itself, so each is parsed once and kept with the
 * identity of the file it came from; a call only stat()s the path and re-reads when the identity changed.
 * The identity is device + inode + size + mtime/ctime in nanoseconds, and we keep the parsed file open:
 * while our descriptor holds its inode, the kernel cannot give that inode number to a new file, so a
 * replacement by rename always shows as a new inode, however quickly it follows (mtime ticks are coarse).
 * An in-place edit is seen through size and times (best effort within one clock tick); our writers rename.
 * (struct cached_file is in uyum-p11.h: faults.c caches the config the same way.) */
static int same_file(const struct stat *a, const struct stat *b) {
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
         a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Is the cached parse of path still the file's content? (call under lock) */
int cache_fresh(const struct cached_file *cf, const char *path) {
  if (strcmp(cf->path, path) != 0) return 0;
  struct stat st;
  if (stat(path, &st) != 0) return errno == ENOENT && !cf->present;
  return cf->present && same_file(&st, &cf->st);
}

/* Reads path into buf (NUL-terminated) and records its identity in cf; 0 when the file is missing. */
int cache_load(struct cached_file *cf, const char *path, char *buf, size_t n) {
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

/* ---------------------------------------------------------------- state ---------------------------------------------------------------- */

static struct state mem_state; /* used when UYUM_P11_STATE is unset */

/* The state entry of a token (by serial), created on first use; -1 = "not counted yet" (full tries). */
struct tok *tok_entry(struct state *s, const char *serial) {
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
static int copy_state_fn(struct state *s, const struct config *c, void *arg) { (void)c; *(struct state *)arg = *s; return 0; }

void with_state(const struct config *c, state_fn fn, void *arg) {
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
long *tries_slot(struct state *s, const struct config *c, const char *serial, int so) {
  struct tok *t = tok_entry(s, serial);
  if (!t) return NULL;
  long *v = so ? &t->so_tries : &t->tries;
  if (*v < 0) *v = so ? c->so_pin_max_tries : c->pin_max_tries;
  return v;
}

/* The card as it is now: the config and a copy of the state, faults of the top level (see struct now). */
void card_now(struct now *n) {
  read_config(&n->c);
  read_state(&n->c, &n->s);
  n->f = &n->c.f;
  n->serial[0] = 0;
  n->gone = n->s.removed ? "device-removed" : n->f->token_absent ? "token-absent" : NULL;
}

