/*
 * uyum-p11 forwarding: loads the real module (UYUM_P11_MODULE, default SoftHSM2) and holds its function
 * list, which every other file calls through; small lookups on the real module (token serial, slot of a
 * session, the card's slot). The function list we hand out and the exported C_ symbols are in wrappers.c
 * (gcc aliases must sit in the file that defines their target).
 */
#include "uyum-p11.h"

#define DEFAULT_MODULE "/usr/lib/softhsm/libsofthsm2.so"

CK_FUNCTION_LIST_PTR real;   /* the real module's function list */
static void *real_handle;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Token serial (trimmed) for a slot or a session: the key of the PIN counter. */
int slot_serial(CK_SLOT_ID slot, char out[17]) {
  CK_TOKEN_INFO ti;
  if (real->C_GetTokenInfo(slot, &ti) != CKR_OK) return -1;
  memcpy(out, ti.serialNumber, 16);
  out[16] = 0;
  for (int i = 15; i >= 0 && out[i] == ' '; i--) out[i] = 0;
  return 0;
}
int session_slot(CK_SESSION_HANDLE h, CK_SLOT_ID *slot) {
  CK_SESSION_INFO si;
  if (real->C_GetSessionInfo(h, &si) != CKR_OK) return -1;
  *slot = si.slotID;
  return 0;
}

/* The slot of the card: the first slot whose real token is initialized (SoftHSM adds an empty one). */
CK_SLOT_ID card_slot(void) {
  CK_SLOT_ID slots[16];
  CK_ULONG count = 16;
  if (real->C_GetSlotList(CK_TRUE, slots, &count) != CKR_OK) return 0;
  for (CK_ULONG i = 0; i < count; i++) {
    CK_TOKEN_INFO ti;
    if (real->C_GetTokenInfo(slots[i], &ti) == CKR_OK && (ti.flags & CKF_TOKEN_INITIALIZED)) return slots[i];
  }
  return count ? slots[0] : 0;
}

CK_RV load_real(void) {
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
