#ifndef CHACHONG_CSHA256_H
#define CHACHONG_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the x86 SHA extensions (and SSSE3, SSE4.1) that
/// chachong_sha256_blocks uses; 0 otherwise, and on other architectures.
int chachong_sha256_hardware_available(void);

/// Runs the SHA-256 compression function over `blocks` 64-byte blocks of `data`,
/// updating `state` (H0..H7 in FIPS 180-4 order). Call only when
/// chachong_sha256_hardware_available() returned 1.
void chachong_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
