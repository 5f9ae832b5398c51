// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "chachong",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "chachong", targets: ["chachong"]),
    .executable(name: "chachong-corpus", targets: ["chachong-corpus"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // libxml2 through a shim that hides libxml's ICU headers (they clash with Foundation's ICU).
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // Files in, structured text and form fields out; every input limit lives here.
    .target(name: "DocumentText", dependencies: ["CLibXML2", "CDeflate"]),
    // Normalisation, shingles, the fixed 64-bit hash, MinHash, LSH parameters. Pure.
    .target(name: "Fingerprints", dependencies: ["CKernels"]),
    // SHA-256 and HMAC-SHA256 (source checksums, keyed hashes of ID numbers). Pure.
    .target(name: "Digest", dependencies: ["CKernels"]),
    // Hot loops on processor extensions (SHA-NI, AVX-512) chosen at run time, with portable
    // fallbacks; Digest and Fingerprints check them against their Swift definitions in tests.
    .target(name: "CKernels"),
    // Zstandard for the index's stored texts; zlib to read texts stored by schema version 1.
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(name: "CDeflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // The SQLite index (GRDB).
    .target(
      name: "IndexStore",
      dependencies: [
        "Fingerprints", "Digest", "CZstd", "CDeflate", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    // Verification of candidates and passage alignment. Pure.
    .target(name: "Matching", dependencies: ["Fingerprints"]),
    // Call configuration, identity checks, the integrity rules and their findings. Pure.
    .target(name: "Integrity", dependencies: ["Matching"]),
    // JSON, text and HTML rendering of reports.
    .target(name: "Reports", dependencies: ["Integrity", "Matching"]),
    // Wires reading, fingerprinting, the index, matching and rules into the CLI's jobs.
    .target(
      name: "Pipeline",
      dependencies: [
        "DocumentText", "Fingerprints", "IndexStore", "Matching", "Integrity", "Reports", "Digest",
      ]
    ),
    .executableTarget(
      name: "chachong",
      dependencies: [
        "Pipeline", "IndexStore", "Integrity",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Fingerprinting benchmarks and quality checks (docs/BENCHMARKS.md); not shipped.
    .executableTarget(
      name: "chachong-fingerprint-bench",
      dependencies: ["Fingerprints", "Matching"],
      path: "Tools/FingerprintBench"
    ),
    // PAN text-alignment evaluation of the passage aligner (docs/BENCHMARKS.md).
    .executableTarget(
      name: "chachong-pan-eval", dependencies: ["DocumentText", "Fingerprints", "Matching", "Reports"],
      path: "Tools/pan-eval"),
    // Deterministic generator of a bureau's world: applications, archive, registry, ground truth.
    .executableTarget(
      name: "chachong-corpus",
      dependencies: [
        "Integrity", "ZIPFoundation", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tools/CorpusGenerator"
    ),
    // Query latency benchmark for the index (Tools/bench-index.sh).
    .executableTarget(
      name: "chachong-index-bench", dependencies: ["Pipeline", "IndexStore"],
      path: "Tools/bench-index/Sources"
    ),
    // Reader throughput and robustness runs (Tools/bench-extract.sh): built with the package, run by hand.
    .executableTarget(
      name: "bench-extract", dependencies: ["DocumentText", "ZIPFoundation"], path: "Tools/bench-extract"),
    .testTarget(name: "DocumentTextTests", dependencies: ["DocumentText", "ZIPFoundation"]),
    .testTarget(name: "CorpusGeneratorTests", dependencies: ["chachong-corpus", "DocumentText", "Integrity"]),
    .testTarget(name: "FingerprintsTests", dependencies: ["Fingerprints"]),
    .testTarget(
      name: "IndexStoreTests",
      dependencies: ["IndexStore", "Fingerprints", .product(name: "GRDB", package: "GRDB.swift")]),
    .testTarget(name: "DigestTests", dependencies: ["Digest"]),
    .testTarget(name: "MatchingTests", dependencies: ["Matching"]),
    .testTarget(name: "IntegrityTests", dependencies: ["Integrity"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
    .testTarget(
      name: "EndToEndTests", dependencies: ["Pipeline", "Reports", "Integrity", "IndexStore", "Fingerprints"]
    ),
    // Issue 11's hostile suite: Tools/hostile/generate.py writes the cases, the tests run the built
    // chachong binary on each with a time and memory bound.
    .testTarget(name: "HostileTests"),
  ],
  swiftLanguageModes: [.v6]
)
