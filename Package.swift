// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "chachong",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "chachong", targets: ["chachong"]),
    .executable(name: "chachong-corpus", targets: ["chachong-corpus"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    // The HTTP service (issue 15): Hummingbird 2, Prometheus metrics, graceful shutdown, logging,
    // and the webhook client.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    // The web interface (issue 16): bcrypt password hashes.
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    // The PostgreSQL store (issue 14): postgres-nio (its pool, TLS through NIOSSL).
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    // libxml2 through a shim that hides libxml's ICU headers (they clash with Foundation's ICU).
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // The model every layer speaks: document records, sections, passages, scores, the field
    // vocabulary and the identity key. No dependencies.
    .target(name: "ChachongModel"),
    // Files in, structured text and form fields out; every input limit lives here.
    .target(name: "DocumentText", dependencies: ["ChachongModel", "CLibXML2", "CDeflate"]),
    // PDF (poppler's pdftotext) and OCR of scans (tesseract chi_sim) as FormatReaders: they run those
    // tools as bounded subprocesses (no GPL code linked), so they live apart from DocumentText.
    .target(name: "ExternalReaders", dependencies: ["ChachongModel", "DocumentText"]),
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
    // The store ports: async protocols every archive store implements, what a store keeps of a
    // document (parameters, signatures, band keys, compressed text), candidate ranking shared by
    // every store, and the in-memory store (tests and a check's own batch).
    .target(name: "ArchiveStore", dependencies: ["ChachongModel", "Fingerprints", "Digest", "CZstd", "CDeflate"]),
    // The SQLite index (GRDB): the embedded default store.
    .target(
      name: "IndexStore",
      dependencies: [
        "ArchiveStore", "ChachongModel", "Fingerprints", "Digest",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    // The PostgreSQL store (issue 14): one archive shared by several processes and service
    // instances; the same ports, stored form and contract as the SQLite index.
    .target(
      name: "PostgresStore",
      dependencies: [
        "ArchiveStore", "ChachongModel", "Fingerprints", "Digest",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Verification of candidates and passage alignment. Pure.
    .target(name: "Matching", dependencies: ["ChachongModel", "Fingerprints"]),
    // Call configuration, identity checks, the integrity rules and their findings. Pure.
    .target(name: "Integrity", dependencies: ["ChachongModel", "Matching"]),
    // JSON, text and HTML rendering of reports.
    .target(name: "Reports", dependencies: ["ChachongModel", "Integrity", "Matching"]),
    // The service core: ingest, check, query, compare and extract as async functions from request
    // values (documents as bytes with names) to typed results, over any store. No file system,
    // no printing, no exit codes.
    .target(
      name: "ChachongCore",
      dependencies: [
        "ArchiveStore", "ChachongModel", "DocumentText", "Fingerprints", "Matching", "Integrity", "Reports",
        "Digest",
      ]
    ),
    // The local adapter of the CLI and tools: files and folders, manifests on disk, `.jsonl`
    // streams, the stores a path or URL names.
    .target(
      name: "Pipeline",
      dependencies: [
        "ArchiveStore", "ChachongCore", "ChachongModel", "DocumentText", "IndexStore", "Digest", "PostgresStore",
      ]
    ),
    // The HTTP service (issue 15): routes over ChachongCore, API keys, durable job workers,
    // webhooks, metrics; other modules (ChachongWeb) add routes through ServerExtension.
    .target(
      name: "ChachongServer",
      dependencies: [
        "ArchiveStore", "ChachongCore", "ChachongModel", "Pipeline", "IndexStore", "Digest", "DocumentText",
        "Reports", "Integrity", "ZIPFoundation",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ],
      // docs/openapi.json links here: the one committed OpenAPI document, served as is.
      resources: [.copy("Resources/openapi.json")]
    ),
    .testTarget(
      name: "ServerTests",
      dependencies: [
        "ChachongServer", "ArchiveStore", "ChachongCore", "IndexStore", "ZIPFoundation",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ]
    ),
    // The web interface (issue 16) on `chachong serve`'s router: pages, sessions, roles, CSRF, the
    // xlsx export; pure rendering (HTML, Pages, Export) apart from the routes (Routes).
    .target(
      name: "ChachongWeb",
      dependencies: [
        "ChachongServer", "ArchiveStore", "ChachongCore", "ChachongModel", "DocumentText", "Digest", "Integrity",
        "Reports", "CDeflate", "Matching",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
      ]
    ),
    .testTarget(
      name: "WebTests",
      dependencies: [
        "ChachongWeb", "ChachongServer", "ArchiveStore", "Digest", "DocumentText", "Integrity", "Reports",
        "ChachongCore", "Matching",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]
    ),
    .executableTarget(
      name: "chachong",
      dependencies: [
        "ArchiveStore", "ChachongCore", "ChachongModel", "Pipeline", "IndexStore", "Integrity", "Reports",
        "ExternalReaders",
        "ChachongServer", .product(name: "Logging", package: "swift-log"),
        "ChachongWeb",
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
      name: "chachong-index-bench", dependencies: ["ArchiveStore", "ChachongCore", "Pipeline", "IndexStore"],
      path: "Tools/bench-index/Sources"
    ),
    // Reader throughput and robustness runs (Tools/bench-extract.sh): built with the package, run by hand.
    .executableTarget(
      name: "bench-extract", dependencies: ["DocumentText", "ZIPFoundation"], path: "Tools/bench-extract"),
    // libFuzzer harnesses of the readers (Tools/fuzz/smoke.sh builds them with -sanitize=fuzzer).
    .executableTarget(name: "fuzz-doc", dependencies: ["DocumentText"], path: "Tools/fuzz/doc"),
    .executableTarget(name: "fuzz-docx", dependencies: ["DocumentText"], path: "Tools/fuzz/docx"),
    .executableTarget(name: "fuzz-xml", dependencies: ["DocumentText"], path: "Tools/fuzz/xml"),
    // The PDF and OCR readers; the tests that need poppler or tesseract say so when they skip.
    .testTarget(
      name: "ExternalReadersTests", dependencies: ["ExternalReaders", "DocumentText", "ChachongModel", "ChachongCore"]),
    .testTarget(name: "DocumentTextTests", dependencies: ["DocumentText", "ZIPFoundation"]),
    .testTarget(name: "CorpusGeneratorTests", dependencies: ["chachong-corpus", "DocumentText", "Integrity"]),
    .testTarget(name: "FingerprintsTests", dependencies: ["Fingerprints"]),
    .testTarget(
      name: "IndexStoreTests",
      dependencies: [
        "ArchiveStore", "IndexStore", "Fingerprints", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(name: "DigestTests", dependencies: ["Digest"]),
    // The store contract: one suite of bodies run against every store.
    .testTarget(
      name: "ArchiveStoreTests",
      dependencies: ["ArchiveStore", "ChachongModel", "Fingerprints", "IndexStore", "PostgresStore"]),
    // The PostgreSQL store's own tests: URLs and passwords, schema versions and keys, concurrent
    // writers, and the built binary on PostgreSQL beside SQLite (a server from Tools/with-postgres.sh).
    .testTarget(
      name: "PostgresStoreTests",
      dependencies: [
        "ArchiveStore", "ChachongModel", "Fingerprints", "PostgresStore",
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ]),
    .testTarget(name: "MatchingTests", dependencies: ["Matching"]),
    .testTarget(name: "IntegrityTests", dependencies: ["Integrity"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "ArchiveStore", "ChachongCore", "ChachongModel", "Pipeline", "Reports", "Integrity", "IndexStore",
        "Fingerprints",
      ]
    ),
    // Issue 11's hostile suite: Tools/hostile/generate.py writes the cases, the tests run the built
    // chachong binary on each with a time and memory bound.
    .testTarget(name: "HostileTests"),
  ],
  swiftLanguageModes: [.v6]
)
