/*
 * qrnative.h - OrleansQr tier 3: the QR code encoder behind a C ABI (libqrnative.so).
 *
 * Ownership: the CALLER owns every buffer. The library only reads the text it is given and
 * writes into the output buffer it is given; it never returns memory for the caller to free.
 *
 * Status codes (shared by every OrleansQr tier; qr-cli exits with the same numbers):
 *    0  QRN_OK                 success
 *    1  QRN_BUFFER_TOO_SMALL   out_cap is too small: *out_len holds the size needed, nothing
 *                              was written; call again with a buffer at least that large
 *    2  QRN_EMPTY              the text is empty
 *    3  QRN_TOO_LONG           the text does not fit a QR code at the requested level
 *                              (2953 UTF-8 bytes of ASCII at level L, fewer at M, Q, H)
 *    4  QRN_INVALID_UTF8       the text is not valid UTF-8
 *    5  QRN_INVALID_ARGUMENT   unknown ec_level, or a null pointer where a buffer is needed
 *   99  QRN_PANIC              an internal error (a Rust panic) was caught; it never crosses
 *                              into the caller, and the library stays usable
 *
 * Threads: every function may be called from any number of threads at once.
 */
#ifndef QRNATIVE_H
#define QRNATIVE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define QRN_OK 0
#define QRN_BUFFER_TOO_SMALL 1
#define QRN_EMPTY 2
#define QRN_TOO_LONG 3
#define QRN_INVALID_UTF8 4
#define QRN_INVALID_ARGUMENT 5
#define QRN_PANIC 99

/* Error-correction levels, as accepted by qr_encode_png. */
#define QRN_EC_L 0
#define QRN_EC_M 1
#define QRN_EC_Q 2
#define QRN_EC_H 3

/*
 * Encodes text[0..text_len) (UTF-8) as a QR code PNG (1-bit greyscale, 4-module quiet zone,
 * at least 200 px wide) at error-correction level ec_level, into out[0..out_cap).
 *
 * On success returns QRN_OK and sets *out_len to the PNG's length. If out_cap is too small,
 * returns QRN_BUFFER_TOO_SMALL with *out_len set to the size needed (4 KiB is enough for texts
 * up to 512 bytes; pass out = NULL, out_cap = 0 to ask for the size alone).
 *
 * text may be NULL only when text_len is 0; out may be NULL only when out_cap is 0; out_len
 * must not be NULL. Other errors: see the status codes above.
 */
int32_t qr_encode_png(const uint8_t *text, size_t text_len, uint32_t ec_level,
                      uint8_t *out, size_t out_cap, size_t *out_len);

/*
 * Fault injection, for tests of the host's error handling only: panics inside the same guard
 * as every entry point and so returns QRN_PANIC (99). Has no other effect.
 */
int32_t qr_fault_inject_panic(void);

#ifdef __cplusplus
}
#endif

#endif /* QRNATIVE_H */
