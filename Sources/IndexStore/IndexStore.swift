/// The persistent SQLite index of documents, signatures, LSH buckets and normalised texts.
public enum IndexStoreModule {}
