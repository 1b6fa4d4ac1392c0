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
 *
 * Files, one concern each (this header holds only what more than one of them needs):
 *   p11-forward.c  loading the real module, its function list (real), lookups on it
 *   state.c        PIN / SO-PIN counters and fault counters in the state file, its lock, the file cache
 *   faults.c       the config file, which faults apply to a slot or session, token sections as slot events
 *   trace.c        the JSON-lines trace writer and the names it prints
 *   wrappers.c     the C_* wrappers, the function list we hand out, the exported C_ symbols
 * Everything here is hidden (-fvisibility=hidden): only C_GetFunctionList and the C_ aliases are exported.
 */
#ifndef UYUM_P11_H
#define UYUM_P11_H

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

extern CK_FUNCTION_LIST_PTR real; /* the real module's function list (p11-forward.c) */
extern pthread_mutex_t lock;      /* guards every in-process cache and table, held briefly */

/* ---------------------------------------------------------------- p11-forward.c ---------------------------------------------------------------- */

CK_RV load_real(void);
int slot_serial(CK_SLOT_ID slot, char out[17]);
int session_slot(CK_SESSION_HANDLE h, CK_SLOT_ID *slot);
CK_SLOT_ID card_slot(void);

/* ---------------------------------------------------------------- trace.c ---------------------------------------------------------------- */

struct name { unsigned long v; const char *n; };
extern const struct name mech_names[], user_names[];
const char *lookup(const struct name *t, unsigned long v, char *buf, size_t n);

struct line { char buf[4096]; size_t len; const char *fn; };
void l_begin(struct line *l, const char *fn);
void l_raw(struct line *l, const char *fmt, ...);
void l_str(struct line *l, const char *key, const char *s, size_t n);
void l_ulong(struct line *l, const char *key, unsigned long v);
void l_object(struct line *l, const char *key, CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o);
void l_template(struct line *l, CK_ATTRIBUTE_PTR t, CK_ULONG n, int with_values);
void l_mech(struct line *l, CK_MECHANISM_PTR m);
void l_end(struct line *l, CK_RV rv); /* completes the line and writes it */
void remember_key(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE k, const char *desc);
CK_OBJECT_HANDLE signing_key(CK_SESSION_HANDLE s, char *desc, size_t n);

/* ---------------------------------------------------------------- faults.c ---------------------------------------------------------------- */

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

void read_config(struct config *c);

/* ---------------------------------------------------------------- state.c ---------------------------------------------------------------- */

/* A small file other processes replace by rename, parsed once and re-read only when its identity changed
 * (see "file cache" in state.c). */
struct cached_file {
  char path[4096];   /* the path this entry was loaded from ("" = never) */
  int fd;            /* open on the inode we parsed, -1 when the file was missing */
  int present;       /* the file existed at the last load */
  struct stat st;    /* its identity at that load */
};
int cache_fresh(const struct cached_file *cf, const char *path);
int cache_load(struct cached_file *cf, const char *path, char *buf, size_t n);

#define MAX_TOKENS 32
struct state {
  char epoch[64];
  long removed, signs, sign_inits;
  int ntok;
  /* per token serial: PIN counters, and the fault counters of a token with its own [token] section */
  struct tok { char serial[17]; long tries, so_tries, removed, signs, sign_inits; } tok[MAX_TOKENS];
};
struct tok *tok_entry(struct state *s, const char *serial);
long *tries_slot(struct state *s, const struct config *c, const char *serial, int so);
typedef int (*state_fn)(struct state *s, const struct config *c, void *arg); /* returns 1 when it changed s */
void with_state(const struct config *c, state_fn fn, void *arg);

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
void card_now(struct now *n);

/* faults.c, on a struct now */
#define MAX_SEEN 32 /* slots looked at for token sections (slot events, C_GetSlotList) */
void slot_view(struct now *n, CK_SLOT_ID slot);
void session_view(struct now *n, CK_SESSION_HANDLE h);
int token_event(const struct now *n, CK_SLOT_ID *slot, int *gone);
void forget_token_events(void);

#endif
