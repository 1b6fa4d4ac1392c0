/*
 * uyum-p11 wrappers: the C_* functions the application calls. Each asks the card's state and faults what to
 * do (card_now, narrowed to the call's slot or session), forwards to the real module (real->C_*), writes one
 * trace line, and for the PIN-proving calls counts tries under the state lock. Also the function list handed
 * out by C_GetFunctionList and the directly exported C_ symbols.
 */
#include "uyum-p11.h"

static CK_FUNCTION_LIST our_list;   /* filled in C_GetFunctionList */

/* Most wrappers start the same way: the card as it is now, narrowed to the token of the session or slot the
 * call is about (its own [token] section, if any), and a trace line naming the call and its session. */
static void card_for_session(struct now *n, CK_SESSION_HANDLE h) { card_now(n); session_view(n, h); }
static void card_for_slot(struct now *n, CK_SLOT_ID slot) { card_now(n); slot_view(n, slot); }
static void l_session(struct line *l, const char *fn, CK_SESSION_HANDLE h) { l_begin(l, fn); l_ulong(l, "session", h); }

/* ---------------------------------------------------------------- general ---------------------------------------------------------------- */

static long last_gone;   /* card out at the last look (for slot events) */
static int initialized;  /* between C_Initialize and C_Finalize */


static CK_RV w_Initialize(CK_VOID_PTR args) {
  struct line l;
  CK_RV rv = load_real();
  if (rv == CKR_OK) rv = real->C_Initialize(args);
  if (rv == CKR_OK) {
    struct now n;
    card_now(&n);
    pthread_mutex_lock(&lock);
    last_gone = n.gone != NULL; /* slot events are changes from here on */
    forget_token_events();
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
  card_for_slot(&n, slot);
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
  card_for_slot(&n, slot);
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
  card_for_slot(&n, slot);
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
  card_for_session(&n, h);
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : real->C_InitPIN(h, pin, pin_len);
  CK_SLOT_ID slot;
  char serial[17];
  if (rv == CKR_OK && session_slot(h, &slot) == 0 && slot_serial(slot, serial) == 0)
    with_state(&n.c, reset_tries, serial);
  l_session(&l, "C_InitPIN", h);
  l_raw(&l, ",\"pin_given\":%s", pin ? "true" : "false");
  l_end(&l, rv);
  return rv;
}

struct set_pin_args { CK_SESSION_HANDLE h; CK_UTF8CHAR_PTR o; CK_ULONG ol; CK_UTF8CHAR_PTR n; CK_ULONG nl; };
static CK_RV call_set_pin(void *p) { struct set_pin_args *a = p; return real->C_SetPIN(a->h, a->o, a->ol, a->n, a->nl); }

static CK_RV w_SetPIN(CK_SESSION_HANDLE h, CK_UTF8CHAR_PTR oldp, CK_ULONG ol, CK_UTF8CHAR_PTR newp, CK_ULONG nl) {
  struct line l;
  struct now n;
  card_for_session(&n, h);
  /* the SO's PIN in an SO session, else the user's (PKCS#11: the user logged in, or CKU_USER) */
  CK_SESSION_INFO si;
  int have = real->C_GetSessionInfo(h, &si) == CKR_OK;
  struct set_pin_args sa = {h, oldp, ol, newp, nl};
  struct pin_call a = {NULL, have && si.state == CKS_RW_SO_FUNCTIONS, call_set_pin, &sa, CKR_OK, -1, 0, ""};
  if (n.gone) a.rv = CKR_DEVICE_REMOVED;
  else if (!have) a.rv = call_set_pin(&sa);
  else counted(&n, si.slotID, &a);
  CK_RV rv = a.rv;
  l_session(&l, "C_SetPIN", h);
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
  card_for_slot(&n, slot);
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
  l_session(&l, "C_CloseSession", h);
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
  card_for_session(&n, h);
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : real->C_GetSessionInfo(h, info);
  l_session(&l, "C_GetSessionInfo", h);
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
  card_for_session(&n, h);
  CK_SLOT_ID slot = 0;
  struct login_args la = {h, ut, pin, len};
  /* CKU_CONTEXT_SPECIFIC proves the user PIN: it counts as a user login */
  struct pin_call a = {NULL, ut == CKU_SO, call_login, &la, CKR_OK, -1, 0, ""};
  if (n.gone) a.rv = CKR_DEVICE_REMOVED;
  else if (session_slot(h, &slot) != 0) a.rv = call_login(&la);
  else counted(&n, slot, &a);
  CK_RV rv = a.rv;
  l_session(&l, "C_Login", h);
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
  l_session(&l, "C_Logout", h);
  l_end(&l, rv);
  return rv;
}

/* ---------------------------------------------------------------- objects ---------------------------------------------------------------- */

static CK_RV w_CreateObject(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR o) {
  struct line l;
  CK_RV rv = real->C_CreateObject(h, t, n, o);
  l_session(&l, "C_CreateObject", h);
  l_template(&l, t, n, 1);
  if (rv == CKR_OK && o) l_ulong(&l, "object", *o);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_CopyObject(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR no) {
  struct line l;
  CK_RV rv = real->C_CopyObject(h, o, t, n, no);
  l_session(&l, "C_CopyObject", h);
  l_ulong(&l, "object", o);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_DestroyObject(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o) {
  struct line l;
  l_session(&l, "C_DestroyObject", h);
  l_object(&l, "object", h, o); /* before it is gone */
  CK_RV rv = real->C_DestroyObject(h, o);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_GetObjectSize(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ULONG_PTR size) {
  struct line l;
  CK_RV rv = real->C_GetObjectSize(h, o, size);
  l_session(&l, "C_GetObjectSize", h);
  l_ulong(&l, "object", o);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_GetAttributeValue(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  struct line l;
  struct now now;
  card_for_session(&now, h);
  CK_RV rv = now.gone ? CKR_DEVICE_REMOVED : real->C_GetAttributeValue(h, o, t, n);
  l_session(&l, "C_GetAttributeValue", h);
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
  l_session(&l, "C_SetAttributeValue", h);
  l_ulong(&l, "object", o);
  l_template(&l, t, n, 0);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_FindObjectsInit(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  struct line l;
  struct now now;
  card_for_session(&now, h);
  CK_RV rv = now.gone ? CKR_DEVICE_REMOVED : real->C_FindObjectsInit(h, t, n);
  l_session(&l, "C_FindObjectsInit", h);
  l_template(&l, t, n, 1);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_FindObjects(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE_PTR o, CK_ULONG max, CK_ULONG_PTR count) {
  struct line l;
  struct now now;
  card_for_session(&now, h);
  CK_RV rv = now.gone ? CKR_DEVICE_REMOVED : real->C_FindObjects(h, o, max, count);
  l_session(&l, "C_FindObjects", h);
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
  l_session(&l, "C_FindObjectsFinal", h);
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
  card_for_session(&n, h);
  struct count_arg ca = {&n, 0};
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : real->C_SignInit(h, m, k);
  if (rv == CKR_OK && n.f->remove_after_sign_init) with_state(&n.c, count_sign_init, &ca); /* counted only when it matters */
  l_session(&l, "C_SignInit", h);
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
  card_for_session(&n, h);
  struct count_arg ca = {&n, 0};
  CK_RV rv;
  long held = 0;
  char key_desc[512];
  CK_OBJECT_HANDLE k = signing_key(h, key_desc, sizeof key_desc);
  if (n.gone) rv = CKR_DEVICE_REMOVED;
  else if (sig == NULL) rv = call(call_arg); /* size query: not a signature yet */
  else {
    if (n.f->remove_at_sign) with_state(&n.c, count_sign, &ca);
    if (ca.pulled) rv = CKR_DEVICE_REMOVED;
    else {
      /* the signature is held in slices: a card pulled meanwhile fails it, and a config without the delay
       * releases it early (the guided removal of a real card, harness/sessions/card-removed.ts) */
      held = n.f->sign_delay_ms;
      for (long waited = 0; waited < held && !n.gone && n.f->sign_delay_ms > 0; waited += 50) {
        usleep(50 * 1000);
        card_for_session(&n, h);
      }
      rv = n.gone ? CKR_DEVICE_REMOVED : call(call_arg);
    }
  }
  l_session(&l, fn, h);
  if (k) l_raw(&l, "%s", key_desc);
  if (has_in) l_ulong(&l, "in_len", in_len);
  if (sig == NULL) l_raw(&l, ",\"size_query\":true");
  if (rv == CKR_OK && sig_len) l_ulong(&l, "out_len", *sig_len);
  if (ca.pulled) l_str(&l, "injected", "card-removed", 32);
  else if (n.gone) l_str(&l, "injected", n.gone, 32);
  else if (held > 0) l_raw(&l, ",\"injected_delay_ms\":%ld", held);
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

/* C_SignUpdate only feeds data: a plain forward (FWD_DATA below). */

/* ---------------------------------------------------------------- random ---------------------------------------------------------------- */

static CK_RV w_GenerateRandom(CK_SESSION_HANDLE h, CK_BYTE_PTR out, CK_ULONG len) {
  struct line l;
  struct now n;
  card_for_session(&n, h);
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : n.f->no_rng ? CKR_RANDOM_NO_RNG : real->C_GenerateRandom(h, out, len);
  l_session(&l, "C_GenerateRandom", h);
  l_ulong(&l, "out_len", len);
  if (n.f->no_rng && !n.gone) l_str(&l, "injected", "no-rng", 32);
  l_end(&l, rv);
  return rv;
}

static CK_RV w_SeedRandom(CK_SESSION_HANDLE h, CK_BYTE_PTR seed, CK_ULONG len) {
  struct line l;
  struct now n;
  card_for_session(&n, h);
  CK_RV rv = n.gone ? CKR_DEVICE_REMOVED : n.f->no_rng ? CKR_RANDOM_NO_RNG : real->C_SeedRandom(h, seed, len);
  l_session(&l, "C_SeedRandom", h);
  l_ulong(&l, "in_len", len);
  if (n.f->no_rng && !n.gone) l_str(&l, "injected", "no-rng", 32);
  l_end(&l, rv);
  return rv;
}

/* ---------------------------------------------------------------- plain forwards ---------------------------------------------------------------- */

/* The remaining calls are forwarded as they are; the trace names the call, its session and the result.
 * While the card is out, session calls fail as they would on a pulled card. */
#define FWD_TRACED(name, params, args, more_trace)                                 \
  static CK_RV w_##name params {                                                    \
    struct line l;                                                                  \
    struct now now_; /* not n: some calls have a parameter n */                     \
    card_for_session(&now_, h);                                                     \
    CK_RV rv = now_.gone ? CKR_DEVICE_REMOVED : real->C_##name args;                \
    l_session(&l, "C_" #name, h);                                                   \
    more_trace;                                                                     \
    l_end(&l, rv);                                                                  \
    return rv;                                                                      \
  }
#define FWD(name, params, args) FWD_TRACED(name, params, args, (void)0)
#define FWD_MECH(name, params, args) FWD_TRACED(name, params, args, l_mech(&l, m))
#define FWD_DATA(name, params, args, inlen) FWD_TRACED(name, params, args, l_ulong(&l, "in_len", inlen))

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
FWD_DATA(SignUpdate, (CK_SESSION_HANDLE h, B d, CK_ULONG dl), (h, d, dl), dl)
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
