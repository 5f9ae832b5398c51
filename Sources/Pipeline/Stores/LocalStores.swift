import ArchiveStore
import ChachongCore
import IndexStore

/// The stores a command line names: today the embedded SQLite index in a directory.
public enum LocalStores {
  /// An existing store (read commands).
  public static func open(_ directory: String, readOnly: Bool = false) throws(ServiceError) -> DocumentIndex {
    do {
      return try DocumentIndex.open(directory: directory, readOnly: readOnly)
    } catch {
      throw .store(error)
    }
  }

  /// An existing store, or a new one with `parameters` (nil: the standard ones) when there is none;
  /// an existing store built with other parameters than non-nil `parameters` is an error.
  public static func openOrCreate(_ directory: String, parameters: IndexParameters? = nil)
    throws(ServiceError)
    -> DocumentIndex
  {
    do {
      if DocumentIndex.exists(directory: directory) {
        return try DocumentIndex.open(directory: directory, creating: parameters)
      }
      return try DocumentIndex.open(directory: directory, creating: parameters ?? .standard)
    } catch {
      throw .store(error)
    }
  }
}
