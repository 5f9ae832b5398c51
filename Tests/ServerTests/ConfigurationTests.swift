import Foundation
import Testing

@testable import ChachongServer

@Suite struct ConfigurationTests {
  @Test func environmentOverridesTheFileAndBadValuesAreErrors() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "serve-\(UUID().uuidString).json")
    try Data(#"{"port": 9000, "workers": 3, "webhooks": {"allowedURLPrefixes": ["http://127.0.0.1:"]}}"#.utf8)
      .write(to: file)
    let loaded = try ServerConfiguration.load(
      file: file.path, environment: ["CHACHONG_SERVE_PORT": "9100", "CHACHONG_SERVE_QUEUE_LIMIT": "5"])
    #expect(loaded.port == 9100)
    #expect(loaded.workers == 3)
    #expect(loaded.queueLimit == 5)
    #expect(loaded.webhooks.allowedURLPrefixes == ["http://127.0.0.1:"])
    #expect(throws: ConfigurationError.self) {
      _ = try ServerConfiguration.load(file: nil, environment: ["CHACHONG_SERVE_PORT": "eighty"])
    }
    #expect(throws: ConfigurationError.self) {
      _ = try ServerConfiguration.load(file: nil, environment: ["CHACHONG_SERVE_WORKERS": "0"])
    }
  }
}
