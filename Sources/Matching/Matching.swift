/// Exact verification of candidate pairs and passage alignment.
package enum MatchingModule {}
