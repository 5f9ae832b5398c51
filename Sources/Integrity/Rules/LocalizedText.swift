/// Text in Chinese (the default) and English.
public struct LocalizedText: Sendable, Codable, Equatable, Hashable {
  public var zh: String
  public var en: String

  public init(zh: String, en: String) {
    self.zh = zh
    self.en = en
  }

  public func text(in language: ReportLanguage) -> String {
    switch language {
    case .zh: return zh
    case .en: return en
    }
  }
}

/// The language of messages and human-readable reports.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
  case zh
  case en
}
