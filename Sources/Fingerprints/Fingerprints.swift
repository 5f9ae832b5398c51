/// Normalisation, shingles, the fixed 64-bit hash, MinHash signatures and LSH parameters.
package enum FingerprintsModule {}
