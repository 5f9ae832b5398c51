import Synchronization

/// Lets an async caller cancel a synchronous read that is waiting on a subprocess (a
/// ``FormatReader`` running `pdftotext` or `tesseract`). The caller binds a token to
/// ``current`` around the read (`ReadCancellation.$current.withValue(token) { … }`, which also
/// works on a plain thread such as a `BlockingPool` thread) and cancels it from
/// `withTaskCancellationHandler`; the subprocess runner polls it and kills the process.
package final class ReadCancellation: Sendable {
  @TaskLocal package static var current: ReadCancellation?

  private let flag = Atomic<Bool>(false)

  package init() {}

  package func cancel() { flag.store(true, ordering: .releasing) }

  package var isCancelled: Bool { flag.load(ordering: .acquiring) }
}
