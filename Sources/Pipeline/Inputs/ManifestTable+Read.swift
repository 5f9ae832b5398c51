extension ManifestTable {
  /// Reads a manifest. Placeholder until TableFileReader (branch `forms`) is merged.
  public static func read(path: String) throws(InputFailure) -> ManifestTable {
    throw InputFailure(path: path, reason: "manifests are not supported in this build yet")
  }
}
