import Foundation

// chachong-fingerprint-bench: measurements behind docs/BENCHMARKS.md ("MinHash scheme",
// "Fingerprinting"). Not part of the product; run from Tools/bench-fingerprints.sh.

let usage = """
  usage: chachong-fingerprint-bench <command> [options]
    throughput --corpus docs.jsonl [--runs 5] [--limit N]
        normalise / +shingle / +signature MB/s on one core (median of runs)
    schemes [--pairs 300] [--sizes 10,50,200,1000,10000] [--throughput-corpus docs.jsonl]
        MinHash permutation schemes: RMSE and bias vs exact Jaccard, and speed
    quality --corpus docs.jsonl --truth truth.jsonl [--threshold 0.5]
        exact Jaccard under chachong's normalisation vs truth.jsonl; LSH recall of planted pairs
    pipeline --input docs.jsonl --pairs out.tsv [--timings t.json] [--threshold 0.5]
             [--bands B --rows R] [--num-perm 128]
        bench_peers.py external contract: text -> fingerprints -> LSH -> verified pairs
  """

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
  FileHandle.standardError.write(Data(usage.utf8))
  exit(2)
}
let options = Options(Array(arguments.dropFirst()))
do {
  switch command {
  case "throughput": try Throughput.run(options)
  case "schemes": try SchemeComparison.run(options)
  case "quality": try Quality.run(options)
  case "pipeline": try ExternalPipeline.run(options)
  default:
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
  }
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
