import Foundation

/// The service's settings: where it listens, its limits, its workers and its webhooks. Read from
/// a JSON file (`--config`, every key optional) and then `CHACHONG_SERVE_*` environment variables,
/// which win; command-line options win over both.
package struct ServerConfiguration: Sendable, Codable, Equatable {
  package var host: String = "127.0.0.1"
  package var port: Int = 8080
  /// The largest upload (a file, a zip, a query's document) in bytes; bodies are streamed to disk.
  package var maxUploadBytes: Int = 50 << 20
  /// The largest document of a synchronous `POST /v1/query` or `/v1/compare`.
  package var maxQueryBytes: Int = 5 << 20
  /// Jobs run at once (nil: one per processor core).
  package var workers: Int?
  /// Synchronous queries and comparisons computed at once (nil: one per core; 0: no limit); up
  /// to 64 times as many wait in arrival order, more is 429.
  package var concurrentQueries: Int?
  /// Queued jobs at most; more is 429 with Retry-After.
  package var queueLimit: Int = 1000
  /// A job running longer than this is stopped and fails with the reason.
  package var jobTimeoutSeconds: Double = 3600
  /// Requests per key per minute (0: no limit).
  package var rateLimitPerMinute: Int = 0
  /// Files in one zip of a batch at most, and their total unpacked size.
  package var maxZipEntries: Int = 2000
  package var maxZipUnpackedBytes: Int = 512 << 20
  /// Webhook settings.
  package var webhooks = WebhookSettings()

  package struct WebhookSettings: Sendable, Codable, Equatable {
    /// Delivery goes only to URLs that start with one of these prefixes (empty: no webhooks).
    package var allowedURLPrefixes: [String] = []
    /// Attempts per delivery before it is given up (resend starts again).
    package var maxAttempts: Int = 5
    /// The first retry waits this long; each next one twice as long.
    package var initialBackoffSeconds: Double = 2
    package var timeoutSeconds: Double = 10

    package init() {}

    enum CodingKeys: String, CodingKey {
      case allowedURLPrefixes, maxAttempts, initialBackoffSeconds, timeoutSeconds
    }

    package init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      let defaults = WebhookSettings()
      allowedURLPrefixes =
        try container.decodeIfPresent([String].self, forKey: .allowedURLPrefixes)
        ?? defaults.allowedURLPrefixes
      maxAttempts = try container.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? defaults.maxAttempts
      initialBackoffSeconds =
        try container.decodeIfPresent(Double.self, forKey: .initialBackoffSeconds)
        ?? defaults.initialBackoffSeconds
      timeoutSeconds =
        try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? defaults.timeoutSeconds
    }
  }

  package init() {}

  enum CodingKeys: String, CodingKey {
    case host, port, maxUploadBytes, maxQueryBytes, workers, concurrentQueries, queueLimit, jobTimeoutSeconds
    case rateLimitPerMinute
    case maxZipEntries, maxZipUnpackedBytes, webhooks
  }

  package init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = ServerConfiguration()
    host = try container.decodeIfPresent(String.self, forKey: .host) ?? defaults.host
    port = try container.decodeIfPresent(Int.self, forKey: .port) ?? defaults.port
    maxUploadBytes =
      try container.decodeIfPresent(Int.self, forKey: .maxUploadBytes) ?? defaults.maxUploadBytes
    maxQueryBytes = try container.decodeIfPresent(Int.self, forKey: .maxQueryBytes) ?? defaults.maxQueryBytes
    workers = try container.decodeIfPresent(Int.self, forKey: .workers)
    concurrentQueries = try container.decodeIfPresent(Int.self, forKey: .concurrentQueries)
    queueLimit = try container.decodeIfPresent(Int.self, forKey: .queueLimit) ?? defaults.queueLimit
    jobTimeoutSeconds =
      try container.decodeIfPresent(Double.self, forKey: .jobTimeoutSeconds) ?? defaults.jobTimeoutSeconds
    rateLimitPerMinute =
      try container.decodeIfPresent(Int.self, forKey: .rateLimitPerMinute) ?? defaults.rateLimitPerMinute
    maxZipEntries = try container.decodeIfPresent(Int.self, forKey: .maxZipEntries) ?? defaults.maxZipEntries
    maxZipUnpackedBytes =
      try container.decodeIfPresent(Int.self, forKey: .maxZipUnpackedBytes) ?? defaults.maxZipUnpackedBytes
    webhooks = try container.decodeIfPresent(WebhookSettings.self, forKey: .webhooks) ?? defaults.webhooks
  }

  /// Synchronous queries at once: the configured count (0: no limit), else one per core.
  package var queryConcurrency: Int {
    concurrentQueries ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Worker tasks: the configured count, else one per core.
  package var workerCount: Int {
    max(1, min(64, workers ?? ProcessInfo.processInfo.activeProcessorCount))
  }

  /// The configuration from `file` (when given) and then the environment. Unknown or malformed
  /// values are an error naming the file or the variable.
  package static func load(file: String?, environment: [String: String]) throws(ConfigurationError)
    -> ServerConfiguration
  {
    var configuration = ServerConfiguration()
    if let file {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        throw ConfigurationError(
          message: "\(file): cannot read the configuration: \(error.localizedDescription)")
      }
      guard data.count <= 1 << 20 else {
        throw ConfigurationError(message: "\(file): the configuration is larger than 1 MB")
      }
      do {
        configuration = try JSONDecoder().decode(ServerConfiguration.self, from: data)
      } catch {
        throw ConfigurationError(message: "\(file): not a valid configuration: \(error)")
      }
    }
    func integer(_ name: String) throws(ConfigurationError) -> Int? {
      guard let value = environment[name] else { return nil }
      guard let number = Int(value) else {
        throw ConfigurationError(message: "\(name)=\(value) is not an integer")
      }
      return number
    }
    if let host = environment["CHACHONG_SERVE_HOST"] { configuration.host = host }
    if let port = try integer("CHACHONG_SERVE_PORT") { configuration.port = port }
    if let value = try integer("CHACHONG_SERVE_MAX_UPLOAD_BYTES") { configuration.maxUploadBytes = value }
    if let value = try integer("CHACHONG_SERVE_MAX_QUERY_BYTES") { configuration.maxQueryBytes = value }
    if let value = try integer("CHACHONG_SERVE_WORKERS") { configuration.workers = value }
    if let value = try integer("CHACHONG_SERVE_CONCURRENT_QUERIES") {
      configuration.concurrentQueries = value
    }
    if let value = try integer("CHACHONG_SERVE_QUEUE_LIMIT") { configuration.queueLimit = value }
    if let value = try integer("CHACHONG_SERVE_JOB_TIMEOUT_SECONDS") {
      configuration.jobTimeoutSeconds = Double(value)
    }
    if let value = try integer("CHACHONG_SERVE_RATE_LIMIT_PER_MINUTE") {
      configuration.rateLimitPerMinute = value
    }
    if let value = environment["CHACHONG_SERVE_WEBHOOK_URL_PREFIXES"] {
      configuration.webhooks.allowedURLPrefixes = value.split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
    }
    try configuration.validate()
    return configuration
  }

  /// Limits within safe bounds.
  package func validate() throws(ConfigurationError) {
    guard (0...65535).contains(port) else { throw ConfigurationError(message: "port \(port) is not 0…65535") }
    guard (1...(4 << 30)).contains(maxUploadBytes) else {
      throw ConfigurationError(message: "maxUploadBytes must be between 1 and 4 GB")
    }
    guard (1...(1 << 30)).contains(maxQueryBytes) else {
      throw ConfigurationError(message: "maxQueryBytes must be between 1 and 1 GB")
    }
    if let workers, !(1...64).contains(workers) {
      throw ConfigurationError(message: "workers must be between 1 and 64")
    }
    if let concurrentQueries, !(0...64).contains(concurrentQueries) {
      throw ConfigurationError(message: "concurrentQueries must be between 0 and 64")
    }
    guard (1...1_000_000).contains(queueLimit) else {
      throw ConfigurationError(message: "queueLimit must be between 1 and 1000000")
    }
    guard jobTimeoutSeconds > 0 else {
      throw ConfigurationError(message: "jobTimeoutSeconds must be positive")
    }
    guard rateLimitPerMinute >= 0 else { throw ConfigurationError(message: "rateLimitPerMinute must be ≥ 0") }
    guard (1...100_000).contains(maxZipEntries) else {
      throw ConfigurationError(message: "maxZipEntries must be between 1 and 100000")
    }
    guard (1...(16 << 30)).contains(maxZipUnpackedBytes) else {
      throw ConfigurationError(message: "maxZipUnpackedBytes must be between 1 and 16 GB")
    }
    guard (1...20).contains(webhooks.maxAttempts) else {
      throw ConfigurationError(message: "webhooks.maxAttempts must be between 1 and 20")
    }
  }
}

/// A configuration file or variable that cannot be used.
package struct ConfigurationError: Error, Sendable, CustomStringConvertible {
  package var message: String
  package var description: String { message }
}
