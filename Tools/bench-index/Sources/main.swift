// chachong-index-bench: query latency against an existing index, in-process.
//
// usage: chachong-index-bench STORE QUERIES.jsonl [COUNT] [REPEATS]
// STORE is what `--store` takes: an index directory, sqlite:PATH or postgresql://… (the password
// and ID-hash key from the environment, as for the CLI). One query is run first, untimed (opens
// the store's connections and caches).
// Takes the first COUNT records of QUERIES.jsonl (default 50), runs each as a query (candidates,
// loading, verification: exactly `chachong query`) REPEATS times (default 3) and prints the
// median, 90th and 99th percentile and mean latency in milliseconds (wall clock and this thread's CPU
// time: on a shared machine the CPU time is the fair single-core figure) plus candidates per query.
// Queries run one after another, so the process's CPU time per query is the query's (it hops
// between the cooperative pool and the blocking pool's SQLite threads).
import ArchiveStore
import ChachongCore
import Foundation
import IndexStore
import Pipeline

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  FileHandle.standardError.write(
    Data("usage: chachong-index-bench STORE QUERIES.jsonl [COUNT] [REPEATS]\n".utf8))
  exit(2)
}
let count = arguments.count > 3 ? Int(arguments[3]) ?? 50 : 50
let repeats = arguments.count > 4 ? Int(arguments[4]) ?? 3 : 3
do {
  let index = try await LocalStores.openStore(try LocalStores.Address(arguments[1]), readOnly: true)
  var inputs: [InputDocument] = []
  let reading = DocumentReading()
  try InputReader().forEachItem(in: [.records(path: arguments[2], defaults: InputMetadata())]) { item in
    if inputs.count < count, case .success(let document) = reading.document(for: item) {
      inputs.append(document)
    }
  }
  let job = QueryJob(store: index)
  if let first = inputs.first {
    _ = try await job.query(id: "warm-up", path: first.path, text: first.text, sections: first.sections)
  }
  var timings: [Double] = []
  var cpuTimings: [Double] = []
  func threadCPUMilliseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1e3 + Double(spec.tv_nsec) / 1e6
  }
  var candidates = 0
  var matches = 0
  var slowest: [(milliseconds: Double, id: String, candidates: Int)] = []
  for round in 0..<repeats {
    for input in inputs {
      // A different id than the stored one, so the stored copy is found and verified too.
      let start = DispatchTime.now().uptimeNanoseconds
      let cpuStart = threadCPUMilliseconds()
      let result = try await job.query(
        id: "query-" + input.id, path: input.path, text: input.text, sections: input.sections)
      cpuTimings.append(threadCPUMilliseconds() - cpuStart)
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      timings.append(elapsed)
      if round == 0 {
        candidates += result.candidates
        matches += result.matches.count
      }
      slowest.append((elapsed, input.id, result.candidates))
    }
  }
  timings.sort()
  cpuTimings.sort()
  let median = timings[timings.count / 2]
  let p90 = timings[min(timings.count - 1, timings.count * 9 / 10)]
  let p99 = timings[min(timings.count - 1, timings.count * 99 / 100)]
  let mean = timings.reduce(0, +) / Double(timings.count)
  let stats = try await index.stats()
  print(
    String(
      format:
        "documents %d  queries %d x %d  wall median %.2f ms  p90 %.2f ms  p99 %.2f ms  mean %.2f ms  "
        + "cpu median %.2f ms  p90 %.2f ms  p99 %.2f ms  candidates/query %.1f  matches/query %.1f",
      stats.documents, inputs.count, repeats, median, p90, p99, mean, cpuTimings[cpuTimings.count / 2],
      cpuTimings[min(cpuTimings.count - 1, cpuTimings.count * 9 / 10)],
      cpuTimings[min(cpuTimings.count - 1, cpuTimings.count * 99 / 100)],
      Double(candidates) / Double(max(1, inputs.count)),
      Double(matches) / Double(max(1, inputs.count))))
  slowest.sort { $0.milliseconds > $1.milliseconds }
  print(
    "slowest:",
    slowest.prefix(3).map {
      String(format: "%@ %.1f ms (%d candidates)", $0.id, $0.milliseconds, $0.candidates)
    }
    .joined(separator: ", "))
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(2)
}
