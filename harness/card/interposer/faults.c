/*
 * uyum-p11 faults: the config file (UYUM_P11_CONFIG: PIN policy, faults, [token LABEL] sections), read
 * through the file cache, and which faults apply to one slot or session; token sections coming and going
 * as slot events.
 */
#include "uyum-p11.h"

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
void read_config(struct config *c) {
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

/* Narrows n to one slot: when the config names its token (by label) in a section, that section's faults
 * and that token's removal apply. Without sections this costs nothing (no extra call to the real module). */
void slot_view(struct now *n, CK_SLOT_ID slot) {
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
void session_view(struct now *n, CK_SESSION_HANDLE h) {
  CK_SLOT_ID slot;
  if (n->c.ntf && session_slot(h, &slot) == 0) slot_view(n, slot);
}

/* Tokens with their own [token] section come and go on their own: each is a slot event on its slot. We
 * remember, per slot, whether its token was out by its own section at the last look (default: in). */
static struct { CK_SLOT_ID id; int gone; } seen[MAX_SEEN];
static int nseen;

/* C_Initialize starts looking afresh: every slot counts as in. (call under lock) */
void forget_token_events(void) { nseen = 0; }

static int own_gone(const struct now *n, CK_SLOT_ID slot) {
  struct now v = *n; /* a copy: slot_view narrows it */
  slot_view(&v, slot);
  return v.serial[0] && v.gone;
}

/* The first slot whose own-section state changed since the last look (call under lock). */
int token_event(const struct now *n, CK_SLOT_ID *slot, int *gone) {
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
