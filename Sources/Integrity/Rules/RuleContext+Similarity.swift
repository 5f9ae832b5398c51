import ChachongModel

/// Which rule a verified similar pair triggers depends on the other document's program, year,
/// status and organisation:
/// - same call (program and year): duplicate-submission; between different organisations only a
///   whole near-duplicate is, a partial copy is plagiarism;
/// - another municipal program this year: cross-program-same-year for the same organisation
///   (provincial and national programs do not count), plagiarism for another;
/// - funded (立项/在研/结题) in an earlier year: previously-funded for the same organisation, and for
///   another organisation when the whole project is a near-duplicate; a partial copy is plagiarism;
/// - anything else (an earlier rejected or unfunded application): plagiarism when another
///   organisation wrote it; resubmitting one's own rejected project is allowed.
extension RuleContext {
  func similarityFindings(_ application: Application) -> [Finding] {
    var byRule: [RuleID: [RelatedDocument]] = [:]
    for pair in pairs(of: application) {
      guard let rule = rule(for: pair, application: application) else { continue }
      guard call.threshold(for: rule).isMet(by: pair.measures) else { continue }
      let document = related(
        pair.other, source: pair.otherInBatch ? .batch : .archive, measures: pair.measures,
        passages: pair.passages)
      byRule[rule, default: []].append(document)
    }
    return byRule.keys.sorted().compactMap { rule in
      guard let documents = byRule[rule] else { return nil }
      return similarityFinding(rule, application: application, documents: sortedBySimilarity(documents))
    }
  }

  /// The application's pairs, both directions of batch pairs included, one per other document.
  func pairs(of application: Application) -> [SimilarPair] {
    var best: [String: SimilarPair] = [:]
    func consider(_ pair: SimilarPair) {
      guard pair.other.id != application.id else { return }
      if let existing = best[pair.other.id], existing.measures.jaccard >= pair.measures.jaccard { return }
      best[pair.other.id] = pair
    }
    for pair in pairsByApplication[application.id] ?? [] { consider(pair) }
    for pair in batchPairsByOther[application.id] ?? [] {
      guard let source = applicationsByID[pair.applicationID] else { continue }
      if best[source.id] != nil { continue }
      // Seen from this application: its passages are the source side of the stored ones.
      let passages = pair.passages.map { $0.map(reversedPassage) }
      var measures = pair.measures.reversed
      measures.passageCharacters = passages.map { $0.reduce(0) { $0 + $1.chars } }
      consider(
        SimilarPair(
          applicationID: application.id, other: record(source), otherInBatch: true, measures: measures,
          passages: passages))
    }
    return best.keys.sorted().compactMap { best[$0] }
  }

  func rule(for pair: SimilarPair, application: Application) -> RuleID? {
    let other = pair.other
    let sameOrganisation = self.sameOrganisation(
      application, creditCode: other.creditCode, name: other.organisation)
    let thisYear = application.year ?? call.year
    let sameCall = pair.otherInBatch || (call.isThisProgram(other.program) && other.year == thisYear)
    if sameCall {
      if sameOrganisation { return .duplicateSubmission }
      return pair.measures.jaccard >= call.threshold(for: .duplicateSubmission).jaccard
        ? .duplicateSubmission : .plagiarism
    }
    if other.year == thisYear {
      if !sameOrganisation { return .plagiarism }
      // Only 市级其他类型科技计划 count; the same content sent to a provincial program is allowed.
      return call.isMunicipalProgram(other.program) ? .crossProgramSameYear : nil
    }
    let earlier = other.year.map { $0 < thisYear } ?? true
    if earlier && call.statuses.isFunded(other.status) {
      if sameOrganisation { return .previouslyFunded }
      return pair.measures.jaccard >= call.threshold(for: .previouslyFunded).jaccard
        ? .previouslyFunded : .plagiarism
    }
    return sameOrganisation ? nil : .plagiarism
  }

  private func similarityFinding(_ rule: RuleID, application: Application, documents: [RelatedDocument])
    -> Finding
  {
    let list = documents.prefix(5).map { document in
      "\(document.id)（J=\(percent(document.jaccard))，C=\(percent(document.queryContainment))）"
    }.joined(separator: "、")
    let listEn = documents.prefix(5).map { document in
      "\(document.id) (J=\(percent(document.jaccard)), C=\(percent(document.queryContainment)))"
    }.joined(separator: ", ")
    let more = documents.count > 5 ? "…" : ""
    let zh: String
    let en: String
    switch rule {
    case .duplicateSubmission:
      zh = "与本批次其他申报高度相似（重复申报）：\(list)\(more)"
      en = "Near-duplicate of other application(s) in this call: \(listEn)\(more)"
    case .crossProgramSameYear:
      zh = "本单位本年度已将相近内容申报其他市级科技计划：\(list)\(more)"
      en = "The same organisation sent similar content to another program this year: \(listEn)\(more)"
    case .previouslyFunded:
      zh = "与以前年度已立项项目内容相近：\(list)\(more)"
      en = "Similar to a project funded in an earlier year: \(listEn)\(more)"
    default:
      let copied =
        documents.compactMap { document in
          (document.passageCharacters ?? 0) > 0 ? document.passageCharacters : document.sharedCharacters
        }.max() ?? 0
      zh = "与其他单位文档存在大段相同内容（最多\(copied)字）：\(list)\(more)"
      en =
        "Shares long passages with other organisations' documents (up to \(copied) characters): \(listEn)\(more)"
    }
    return finding(rule, zh, en, related: documents)
  }

  private func sortedBySimilarity(_ documents: [RelatedDocument]) -> [RelatedDocument] {
    documents.sorted { lhs, rhs in
      let left = lhs.jaccard ?? 0
      let right = rhs.jaccard ?? 0
      if left != right { return left > right }
      return lhs.id < rhs.id
    }
  }

  private func reversedPassage(_ passage: EvidencePassage) -> EvidencePassage {
    EvidencePassage(
      start: passage.sourceStart, end: passage.sourceEnd, sourceStart: passage.start, sourceEnd: passage.end,
      chars: passage.sourceEnd - passage.sourceStart)
  }

  private func percent(_ value: Double?) -> String {
    guard let value else { return "—" }
    return "\(Int((value * 100).rounded()))%"
  }
}
