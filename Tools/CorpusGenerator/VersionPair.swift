/// An online submission and its paper copy that differ in a few places (paper-online-mismatch:
/// 纸质材料和网上填报的内容须完全一致), written to `versions/` for `chachong compare --versions`.
struct VersionPair: Sendable {
  struct Difference: Codable, Sendable, Equatable {
    /// "form" (a form value) or "paragraph" (a body paragraph).
    var kind: String
    var location: String
    var online: String
    var paper: String
  }

  var online: Application
  var paper: Application
  var differences: [Difference]

  /// The paper copy of `online`: a higher requested funding in the form, one sentence dropped from
  /// 三、创新点, and two characters changed in the first paragraph of 四.
  static func make(from online: Application) -> VersionPair {
    var paper = online
    var differences: [Difference] = []
    let raised = WanYuan(hundredths: online.form.requestedFunding.hundredths + 500)
    paper.form.requestedFunding = raised
    differences.append(
      Difference(
        kind: "form", location: "申请资助（万元）", online: online.form.requestedFunding.text, paper: raised.text))
    if case .paragraph(let text) = online.sections[2].blocks.first {
      let sentences = Edits.splitSentences(text)
      if sentences.count > 2 {
        let shorter = sentences.enumerated().filter { $0.offset != 1 }.map(\.element).joined()
        paper.sections[2].blocks[0] = .paragraph(shorter)
        differences.append(
          Difference(kind: "paragraph", location: online.sections[2].heading, online: text, paper: shorter))
      }
    }
    if case .paragraph(let text) = online.sections[3].blocks.first {
      var characters = Array(text)
      for position in [characters.count / 3, characters.count * 2 / 3] where position < characters.count {
        characters[position] = characters[position] == "新" ? "旧" : "新"
      }
      let changed = String(characters)
      if changed != text {
        paper.sections[3].blocks[0] = .paragraph(changed)
        differences.append(
          Difference(kind: "paragraph", location: online.sections[3].heading, online: text, paper: changed))
      }
    }
    return VersionPair(online: online, paper: paper, differences: differences)
  }
}
