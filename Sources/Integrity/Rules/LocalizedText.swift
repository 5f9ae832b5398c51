/// Text in Chinese (the default) and English.
package struct LocalizedText: Sendable, Codable, Equatable, Hashable {
  package var zh: String
  package var en: String

  package init(zh: String, en: String) {
    self.zh = zh
    self.en = en
  }

  package func text(in language: ReportLanguage) -> String {
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
