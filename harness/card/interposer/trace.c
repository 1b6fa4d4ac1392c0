/*
 * uyum-p11 trace: one JSON line per call (UYUM_P11_TRACE, appended, one write() per line), built in a
 * fixed buffer; names of return values, mechanisms, classes and attributes; what an object or a template
 * says (public attributes only). Never a PIN byte or a PIN length (see uyum-p11.h).
 */
#include "uyum-p11.h"

/* ---------------------------------------------------------------- names ---------------------------------------------------------------- */

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
const struct name mech_names[] = {
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
const struct name user_names[] = { N(CKU_SO) N(CKU_USER) N(CKU_CONTEXT_SPECIFIC) {0, NULL} };
#undef N

const char *lookup(const struct name *t, unsigned long v, char *buf, size_t n) {
  for (; t->n; t++) if (t->v == v) return t->n;
  snprintf(buf, n, "0x%lx", v);
  return buf;
}

/* ---------------------------------------------------------------- trace ---------------------------------------------------------------- */

/* One trace line is built in a fixed buffer (struct line, uyum-p11.h), then written with a single write() on an O_APPEND fd. */

static int trace_fd = -1;
static char trace_path[4096]; /* the file trace_fd is open on: reopened when UYUM_P11_TRACE changes */

void l_raw(struct line *l, const char *fmt, ...) {
  if (l->len >= sizeof l->buf - 1) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(l->buf + l->len, sizeof l->buf - l->len, fmt, ap);
  va_end(ap);
  if (n > 0) l->len += (size_t)n < sizeof l->buf - l->len ? (size_t)n : sizeof l->buf - l->len - 1;
}

void l_str(struct line *l, const char *key, const char *s, size_t n) {
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

void l_ulong(struct line *l, const char *key, unsigned long v) { l_raw(l, ",\"%s\":%lu", key, v); }

void l_begin(struct line *l, const char *fn) {
  struct timeval tv;
  struct tm tm;
  gettimeofday(&tv, NULL);
  gmtime_r(&tv.tv_sec, &tm);
  l->len = 0;
  l->fn = fn;
  l_raw(l, "{\"t\":\"%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ\",\"pid\":%ld,\"fn\":\"%s\"", tm.tm_year + 1900,
        tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (long)(tv.tv_usec / 1000), (long)getpid(), fn);
}

void l_end(struct line *l, CK_RV rv) {
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


/* Adds the object's handle, class, label and id to a trace line (public attributes only, cheap to read). */
void l_object(struct line *l, const char *key, CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o) {
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

void l_template(struct line *l, CK_ATTRIBUTE_PTR t, CK_ULONG n, int with_values) {
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

void l_mech(struct line *l, CK_MECHANISM_PTR m) {
  char buf[32];
  if (m) l_str(l, "mech", lookup(mech_names, m->mechanism, buf, sizeof buf), 64);
}

/* C_SignInit's trace text for the key (handle, class, label, id) is kept per session and repeated on C_Sign,
 * so a signature line says which key made it without reading the key's attributes again. */
#define MAX_SIGNING 64
static struct { CK_SESSION_HANDLE s; CK_OBJECT_HANDLE k; char desc[512]; } signing[MAX_SIGNING];
void remember_key(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE k, const char *desc) {
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
CK_OBJECT_HANDLE signing_key(CK_SESSION_HANDLE s, char *desc, size_t n) {
  CK_OBJECT_HANDLE k = 0;
  desc[0] = 0;
  pthread_mutex_lock(&lock);
  for (int i = 0; i < MAX_SIGNING; i++)
    if (signing[i].s == s) { k = signing[i].k; snprintf(desc, n, "%s", signing[i].desc); }
  pthread_mutex_unlock(&lock);
  return k;
}
