#ifndef CHACHONG_CKERNELS_H
#define CHACHONG_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the x86 SHA extensions (and SSSE3, SSE4.1) that
/// chachong_sha256_blocks uses; 0 otherwise, and on other architectures.
int chachong_sha256_hardware_available(void);

/// Runs the SHA-256 compression function over `blocks` 64-byte blocks of `data`,
/// updating `state` (H0..H7 in FIPS 180-4 order) with the 64 round constants K
/// (Digest's table, so there is one copy). Call only when
/// chachong_sha256_hardware_available() returned 1.
void chachong_sha256_blocks(
  uint32_t state[8], const uint8_t *data, size_t blocks, const uint32_t round_constants[64]);

/// For each i < bins: minima[i] = min over the hashes of mix64(hashes[j] ^ seeds[i]), where mix64
/// is StableHash.mix64 (the SplitMix64 finaliser). MinHasher's fill of empty bins; eight bins at a
/// time with AVX-512 when use_avx512 is 1, which needs
/// chachong_minhash_fill_avx512_available() to have returned 1 (callers ask once and keep it).
void chachong_minhash_fill(
  const uint64_t *hashes, size_t count, const uint64_t *seeds, uint64_t *minima, size_t bins,
  int use_avx512);

/// 1 when this processor and OS support the AVX-512 path of chachong_minhash_fill.
int chachong_minhash_fill_avx512_available(void);

/// chachong_minhash_fill without AVX-512, for tests that compare the two.
void chachong_minhash_fill_portable(
  const uint64_t *hashes, size_t count, const uint64_t *seeds, uint64_t *minima, size_t bins);

#endif
