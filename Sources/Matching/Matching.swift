/// Exact verification of candidate pairs and passage alignment.
public enum MatchingModule {}
