import ArchiveStore
import ArgumentParser
import ChachongCore
import DocumentText
import ExternalReaders
import Foundation
import Synchronization

/// What every command shares: reading the files it is given and failing with exit code 2 and
/// one line naming the reason (written by ``Output``).
enum CommandSupport {
  /// Exit code 2 with the error's message.
  static func fail(_ error: ServiceError) -> ExitCode {
    Output.error("error: \(error.message)")
    return ExitCode(2)
  }

  /// A file's bytes, or exit code 2 naming it.
  static func read(_ path: String) throws -> NamedBytes {
    do {
      return try NamedBytes(contentsOf: path)
    } catch {
      Output.error("error: \(error.description)")
      throw ExitCode(2)
    }
  }

  /// The environment variable naming a JSON file of read limits (docs/limits.md).
  static let readLimitsVariable = "CHACHONG_READ_LIMITS"

  /// The document reader every command uses: the standard limits, or the ones set by the JSON
  /// file `CHACHONG_READ_LIMITS` names, clamped into the safe bounds. A file that cannot be read or
  /// names an unknown limit is exit 2: a typo must not silently leave the defaults.
  /// PDF and scanned images are read by the external readers (poppler, tesseract) with `ocr`.
  static func reader(ocr: OCRMode = .auto) throws -> DocumentReader {
    let readers = ExternalReaders.all(ExternalReaderOptions(ocr: ocr))
    guard let path = ProcessInfo.processInfo.environment[readLimitsVariable], !path.isEmpty else {
      return DocumentReader(readers: readers)
    }
    let file = try read(path)
    do {
      return DocumentReader(limits: try ReadLimits.standard.overridden(byJSON: file.bytes), readers: readers)
    } catch {
      Output.error("error: \(Output.path(path)) (\(readLimitsVariable)): \(error.description)")
      throw ExitCode(2)
    }
  }

  static func reading(ocr: OCRMode = .auto) throws -> DocumentReading {
    DocumentReading(reader: try reader(ocr: ocr))
  }

  /// `--threads`, else one per processor core and at most 8.
  static func threads(_ option: Int?) -> Int {
    option ?? min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
  }
}

extension OCRMode: ExpressibleByArgument {}

/// `--ocr`, shared by every command that reads documents.
struct OCROption: ParsableArguments {
  @Option(
    name: .long,
    help: """
      OCR of scanned PDFs and images (tesseract chi_sim): auto (pages without a usable text layer), \
      always (every page) or never.
      """)
  var ocr: OCRMode = .auto
}

/// `--timings`: how long each stage of a job took, from its progress events, printed on standard
/// error when the job ends (for operators sizing a batch, and for benchmarks). Wall time from the
/// stage's first event to the next stage's; the time after the job (rendering the report) is the
/// caller's own line.
final class StageTimings: Sendable {
  private struct State {
    var stages: [(stage: ProgressEvent.Stage, started: ContinuousClock.Instant)] = []
  }

  private let started = ContinuousClock.now
  private let state = Mutex(State())

  var handler: ProgressHandler {
    { [self] event in self.record(event) }
  }

  func record(_ event: ProgressEvent) {
    let now = ContinuousClock.now
    state.withLock { state in
      if state.stages.last?.stage != event.stage { state.stages.append((event.stage, now)) }
    }
  }

  /// One line per stage (`timing reading 0.71 s`), then `extra` lines measured by the caller, and the
  /// total since this object was made.
  func lines(ending end: ContinuousClock.Instant, extra: [(String, Duration)] = []) -> [String] {
    let stages = state.withLock { $0.stages }
    var lines: [String] = []
    for (index, entry) in stages.enumerated() where entry.stage != .done {
      let next = index + 1 < stages.count ? stages[index + 1].started : end
      lines.append("timing \(entry.stage.rawValue) \(Self.seconds(next - entry.started)) s")
    }
    for (name, duration) in extra { lines.append("timing \(name) \(Self.seconds(duration)) s") }
    lines.append("timing total \(Self.seconds(ContinuousClock.now - started)) s")
    return lines
  }

  static func seconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.2f", Double(seconds) + Double(attoseconds) / 1e18)
  }
}

/// Progress of a long job on standard error, only when it is a terminal: the stage, done of
/// total, elapsed and (with a total) remaining time. Redrawn at most five times a second.
final class TerminalProgress: Sendable {
  private struct State {
    var last = Date.distantPast
    var drawn = false
  }

  let enabled = isatty(STDERR_FILENO) == 1
  private let started = Date()
  private let state = Mutex(State())

  static let stageNames: [ProgressEvent.Stage: String] = [
    .reading: "读取 reading", .storing: "入库 storing", .searching: "比对 searching", .rules: "规则 rules",
    .evidence: "证据 evidence", .done: "完成 done",
  ]

  var handler: ProgressHandler {
    { [self] event in self.show(event) }
  }

  func show(_ event: ProgressEvent) {
    guard enabled else { return }
    let now = Date()
    let due = state.withLock { state -> Bool in
      guard event.stage == .done || now.timeIntervalSince(state.last) > 0.2 else { return false }
      state.last = now
      state.drawn = true
      return true
    }
    guard due else { return }
    let elapsed = now.timeIntervalSince(started)
    var line = "\(Self.stageNames[event.stage] ?? event.stage.rawValue) \(event.done)"
    if let total = event.total, total > 0 {
      line += "/\(total)"
      if event.done > 0, event.done < total {
        let remaining = elapsed / Double(event.done) * Double(total - event.done)
        line += " · \(Self.format(elapsed)) elapsed, ~\(Self.format(remaining)) left"
      } else {
        line += " · \(Self.format(elapsed))"
      }
    } else {
      line += " · \(Self.format(elapsed))"
    }
    Output.errorRaw("\r\u{1B}[K" + line)
  }

  func finish() {
    guard enabled, state.withLock({ $0.drawn }) else { return }
    Output.errorRaw("\r\u{1B}[K")
  }

  static func format(_ seconds: TimeInterval) -> String {
    let whole = Int(seconds.rounded())
    return whole >= 60 ? "\(whole / 60)m\(whole % 60)s" : "\(whole)s"
  }
}
