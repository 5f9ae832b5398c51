import Foundation

/// The edits that turn one application into a planted near-duplicate. Each returns what it did, for
/// the ground truth.
enum Edits {
  /// Characters that replace others in a substitution edit (common in formal prose).
  static let replacements = Array("的一是在了和有为于以及与对其并将等可进行实现提高开展系统技术研究关键方法平台数据").map(String.init)

  static func mapParagraphs(
    _ sections: [ApplicationSection], _ transform: (inout String) -> Void
  ) -> [ApplicationSection] {
    sections.map { section in
      var section = section
      section.blocks = section.blocks.map { block in
        if case .paragraph(var text) = block {
          transform(&text)
          return .paragraph(text)
        }
        return block
      }
      return section
    }
  }

  /// Replaces a share of the CJK characters of body paragraphs.
  static func substituteCharacters(
    _ sections: [ApplicationSection], rate: Double, random: inout SeededGenerator
  ) -> [ApplicationSection] {
    mapParagraphs(sections) { text in
      var result = ""
      for character in text {
        let isCJK = character.unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) } ?? false
        if isCJK && random.chance(rate) {
          var replacement = random.pick(replacements)
          if replacement == String(character) { replacement = "之" }
          result += replacement
        } else {
          result.append(character)
        }
      }
      text = result
    }
  }

  static func splitSentences(_ text: String) -> [String] {
    var sentences: [String] = []
    var current = ""
    for character in text {
      current.append(character)
      if character == "。" {
        sentences.append(current)
        current = ""
      }
    }
    if !current.isEmpty { sentences.append(current) }
    return sentences
  }

  /// Shuffles the sentences inside paragraphs and the order of paragraphs inside each section.
  static func reorder(_ sections: [ApplicationSection], random: inout SeededGenerator) -> [ApplicationSection]
  {
    var result: [ApplicationSection] = []
    for section in sections {
      var section = section
      // Reorder runs of consecutive paragraphs (between subheadings and tables) and their sentences.
      var blocks: [BodyBlock] = []
      var run: [String] = []
      func flush(_ random: inout SeededGenerator) {
        let shuffled = random.shuffled(run).map { paragraph -> String in
          let sentences = splitSentences(paragraph)
          guard sentences.count > 2 else { return paragraph }
          return random.shuffled(sentences).joined()
        }
        blocks += shuffled.map { BodyBlock.paragraph($0) }
        run = []
      }
      for block in section.blocks {
        if case .paragraph(let text) = block {
          run.append(text)
        } else {
          flush(&random)
          blocks.append(block)
        }
      }
      flush(&random)
      section.blocks = blocks
      result.append(section)
    }
    return result
  }

  /// Replaces a share of sentences with newly written ones and adds light substitutions.
  static func rewrite(
    _ sections: [ApplicationSection], share: Double, composer: inout ProseComposer
  ) -> [ApplicationSection] {
    mapParagraphs(sections) { text in
      let sentences = splitSentences(text)
      guard sentences.count > 1 else { return }
      var rewritten = ""
      for (index, sentence) in sentences.enumerated() {
        // Keep each paragraph's lead-in (it often carries names and numbers the form repeats).
        if index > 0 && composer.random.chance(share) {
          rewritten += composer.domainSentence()
        } else {
          rewritten += sentence
        }
      }
      text = rewritten
    }
  }

  /// Replaces every mention of one name with another in body text and tables.
  static func rename(_ sections: [ApplicationSection], from old: String, to new: String)
    -> [ApplicationSection]
  {
    sections.map { section in
      var section = section
      section.blocks = section.blocks.map { block in
        switch block {
        case .paragraph(let text): return .paragraph(text.replacingAll(old, with: new))
        case .subheading: return block
        case .table(var table):
          table.rows = table.rows.map { row in
            row.map { DocTableCell(text: $0.text.replacingAll(old, with: new), gridSpan: $0.gridSpan) }
          }
          return .table(table)
        }
      }
      return section
    }
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    return components(separatedBy: target).joined(separator: replacement)
  }
}
