// The fill of empty MinHash bins: one independent permutation per empty bin, applied to every
// shingle of the text. Short sections (100-600 tokens) leave many bins empty, so this loop was
// the largest part of computing section signatures. Swift's vectorised version emulates 64-bit
// multiplies with SSE2; AVX-512 (vpmullq) does eight of them at once.
#include "CKernels.h"

static inline uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void chachong_minhash_fill_portable(
  const uint64_t *hashes, size_t count, const uint64_t *seeds, uint64_t *minima, size_t bins) {
  for (size_t bin = 0; bin < bins; bin++) {
    const uint64_t seed = seeds[bin];
    uint64_t minimum = UINT64_MAX;
    for (size_t index = 0; index < count; index++) {
      const uint64_t value = mix64(hashes[index] ^ seed);
      minimum = value < minimum ? value : minimum;
    }
    minima[bin] = minimum;
  }
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int chachong_minhash_fill_avx512_available(void) {
  unsigned int eax, ebx, ecx, edx;
  int usable = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && ((ecx >> 27) & 1)) {  // OSXSAVE
    // XCR0: the OS saves SSE, AVX and the three AVX-512 state components.
    unsigned int xcr0_low, xcr0_high;
    __asm__("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    const int os_saves = (xcr0_low & 0xE6) == 0xE6;
    if (os_saves && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
      const int avx512f = (ebx >> 16) & 1;
      const int avx512dq = (ebx >> 17) & 1;
      usable = avx512f && avx512dq;
    }
  }
  return usable;
}

__attribute__((target("avx512f,avx512dq")))
static void fill_avx512(
  const uint64_t *hashes, size_t count, const uint64_t *seeds, uint64_t *minima, size_t bins) {
  const __m512i multiplier1 = _mm512_set1_epi64((long long)0xBF58476D1CE4E5B9ULL);
  const __m512i multiplier2 = _mm512_set1_epi64((long long)0x94D049BB133111EBULL);
  for (size_t bin = 0; bin < bins; bin += 8) {
    // The last group may be partial: masked lanes load zeros, compute garbage and are not stored.
    const __mmask8 lanes = bins - bin >= 8 ? 0xFF : (__mmask8)((1u << (bins - bin)) - 1);
    const __m512i seed = _mm512_maskz_loadu_epi64(lanes, (const void *)(seeds + bin));
    __m512i minimum = _mm512_set1_epi64(-1);
    for (size_t index = 0; index < count; index++) {
      __m512i z = _mm512_xor_si512(_mm512_set1_epi64((long long)hashes[index]), seed);
      z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)), multiplier1);
      z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), multiplier2);
      z = _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
      minimum = _mm512_min_epu64(minimum, z);
    }
    _mm512_mask_storeu_epi64((void *)(minima + bin), lanes, minimum);
  }
}

void chachong_minhash_fill(
  const uint64_t *hashes, size_t count, const uint64_t *seeds, uint64_t *minima, size_t bins,
  int use_avx512) {
  if (use_avx512) {
    fill_avx512(hashes, count, seeds, minima, bins);
  } else {
    chachong_minhash_fill_portable(hashes, count, seeds, minima, bins);
  }
}

#else

int chachong_minhash_fill_avx512_available(void) { return 0; }

void chachong_minhash_fill(
  const uint64_t *hashes, size_t count, const uint64_t *seeds, uint64_t *minima, size_t bins,
  int use_avx512) {
  (void)use_avx512;
  chachong_minhash_fill_portable(hashes, count, seeds, minima, bins);
}

#endif
