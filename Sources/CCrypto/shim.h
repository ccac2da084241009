// OpenSSL's libcrypto for Swift: SHA-256 only (document ids). The one-shot SHA256() of
// OpenSSL 3 looks the digest up by name on every call; the low-level Init/Update/Final run
// the block function directly (SHA extensions or AVX2 where the CPU has them). OpenSSL 3
// marks them deprecated, not removed.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>

static inline void cm_sha256(const void *bytes, size_t count, unsigned char digest[32]) {
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, bytes, count);
  SHA256_Final(digest, &context);
}
