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
///
/// Each rule grades the pair (`SimilarityThreshold.grade`): at the threshold the rule's severity, in
/// the review band below it a warning. Whatever the rule, a source of at least the call's overlap
/// floor (30 % of the text) that no finding at warning or above names gets a high-copy-ratio
/// finding saying why it is not a violation; allowed reuse (the organisation's own earlier
/// application that was not funded, 未立项) is info, never more.
extension RuleContext {
  func similarityFindings(_ application: Application) -> [Finding] {
    let copy = input.copyMeasures[application.id]
    var graded: [RuleID: [Severity: [RelatedDocument]]] = [:]
    var overlaps: [Overlap] = []
    for pair in pairs(of: application) {
      let rule = rule(for: pair, application: application)
      var given: Severity?
      if let rule, call.isEnabled(rule),
        let grade = call.threshold(for: rule).grade(
          pair.measures, application: copy, ownEarlier: isOwnEarlier(pair, application: application))
      {
        let severity =
          grade == .threshold ? call.severity(for: rule) : min(call.severity(for: rule), .warning)
        graded[rule, default: [:]][severity, default: []].append(relatedDocument(pair))
        given = severity
      }
      if let ratio = pair.measures.copyRatio, ratio >= call.floor.copyRatio, (given ?? .info) < .warning {
        overlaps.append(overlap(pair, rule: rule, application: application))
      }
    }
    var findings: [Finding] = []
    for rule in graded.keys.sorted() {
      for (severity, documents) in (graded[rule] ?? [:]).sorted(by: { $0.key > $1.key }) {
        findings.append(
          similarityFinding(
            rule, severity: severity, application: application, documents: sortedBySimilarity(documents)))
      }
    }
    return findings + highCopyRatioFindings(overlaps)
  }

  /// A source at or above the overlap floor that no rule reports at warning or above, and why.
  struct Overlap {
    var document: RelatedDocument
    var ratio: Double
    var allowed: Bool
    var reason: LocalizedText
  }

  /// The organisation's own application of an earlier year (去除本人已发表文献复制比 leaves it out).
  func isOwnEarlier(_ pair: SimilarPair, application: Application) -> Bool {
    let thisYear = application.year ?? call.year
    guard let year = pair.other.year, year < thisYear else { return false }
    return sameOrganisation(application, creditCode: pair.other.creditCode, name: pair.other.organisation)
  }

  private func relatedDocument(_ pair: SimilarPair) -> RelatedDocument {
    related(
      pair.other, source: pair.otherInBatch ? .batch : .archive, measures: pair.measures,
      passages: pair.passages)
  }

  private func overlap(_ pair: SimilarPair, rule: RuleID?, application: Application) -> Overlap {
    let other = pair.other
    let status = other.status ?? "—"
    let year = other.year.map(String.init) ?? "—"
    let program = other.program ?? "—"
    let document = relatedDocument(pair)
    let ratio = pair.measures.copyRatio ?? 0
    if let rule {
      let name = rule.displayName
      if !call.isEnabled(rule) {
        return Overlap(
          document: document, ratio: ratio, allowed: false,
          reason: LocalizedText(
            zh: "适用规则「\(name.zh)」未启用", en: "the rule that applies (\(name.en)) is disabled"))
      }
      return Overlap(
        document: document, ratio: ratio, allowed: false,
        reason: LocalizedText(
          zh: "未达到「\(name.zh)」的阈值", en: "below the threshold of \(name.en)"))
    }
    let sameOrganisation = self.sameOrganisation(
      application, creditCode: other.creditCode, name: other.organisation)
    let thisYear = application.year ?? call.year
    if sameOrganisation, let otherYear = other.year, otherYear < thisYear {
      let allowed = call.floor.allowedReuseStatuses.contains(status.trimmingSpaces)
      return Overlap(
        document: document, ratio: ratio, allowed: allowed,
        reason: LocalizedText(
          zh: "本单位\(year)年申报（\(program)，状态：\(status)），未获立项，再次申报不违反通知",
          en: "the organisation's own \(year) application (\(program), status \(status)), not funded: "
            + "resubmitting it breaks no rule of the notice"))
    }
    if sameOrganisation, other.year == thisYear, !programs.isMunicipal(other.program) {
      return Overlap(
        document: document, ratio: ratio, allowed: false,
        reason: LocalizedText(
          zh: "本单位同年申报\(program)，不属于市级其他类型科技计划，不违反通知；请核实是否重复资助",
          en: "the organisation sent it to \(program) this year, which is not a municipal program: "
            + "no rule of the notice is broken; check for double funding"))
    }
    return Overlap(
      document: document, ratio: ratio, allowed: false,
      reason: LocalizedText(
        zh: "\(year)年\(program)（状态：\(status)），无适用的禁止规则",
        en: "\(year) \(program) (status \(status)): no rule forbids it"))
  }

  private func highCopyRatioFindings(_ overlaps: [Overlap]) -> [Finding] {
    let floor = call.floor
    var findings: [Finding] = []
    for allowed in [false, true] {
      let group = overlaps.filter { $0.allowed == allowed }.sorted {
        $0.ratio != $1.ratio ? $0.ratio > $1.ratio : $0.document.id < $1.document.id
      }
      guard !group.isEmpty else { continue }
      let zh = group.map { "\($0.document.id)（文字复制比\(percent($0.ratio))：\($0.reason.zh)）" }
        .joined(separator: "；")
      let en = group.map { "\($0.document.id) (copy ratio \(percent($0.ratio)): \($0.reason.en))" }
        .joined(separator: "; ")
      findings.append(
        finding(
          .highCopyRatio,
          "单篇文字复制比达到\(percent(floor.copyRatio))以上，需人工核查：\(zh)",
          "At least \(percent(floor.copyRatio)) of the text from one source, for a reviewer to look at: \(en)",
          related: group.map(\.document), severity: allowed ? .info : floor.severity))
    }
    return findings
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
      // Seen from this application: its passages are the source side of the stored ones, without
      // those nested in a longer one on this side (`NestedPassages`).
      let passages = pair.passages.map {
        NestedPassages.outermost($0.map(reversedPassage)) { $0.start..<$0.end }
      }
      var measures = pair.measures.reversed
      if measures.passageCharacters == nil {
        measures.passageCharacters = passages.map { $0.reduce(0) { $0 + $1.chars } }
      }
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
    let sameCall = pair.otherInBatch || (programs.isThis(other.program) && other.year == thisYear)
    if sameCall {
      if sameOrganisation { return .duplicateSubmission }
      return pair.measures.jaccard >= call.threshold(for: .duplicateSubmission).jaccard
        ? .duplicateSubmission : .plagiarism
    }
    if other.year == thisYear {
      if !sameOrganisation { return .plagiarism }
      // Only 市级其他类型科技计划 count; the same content sent to a provincial program is allowed.
      return programs.isMunicipal(other.program) ? .crossProgramSameYear : nil
    }
    let earlier = other.year.map { $0 < thisYear } ?? true
    if earlier && call.statuses.isFunded(other.status) {
      if sameOrganisation { return .previouslyFunded }
      return pair.measures.jaccard >= call.threshold(for: .previouslyFunded).jaccard
        ? .previouslyFunded : .plagiarism
    }
    return sameOrganisation ? nil : .plagiarism
  }

  private func similarityFinding(
    _ rule: RuleID, severity: Severity, application: Application, documents: [RelatedDocument]
  ) -> Finding {
    let list = documents.prefix(5).map { document in
      let ratio = document.copyRatio.map { "文字复制比\(percent($0))，" } ?? ""
      return "\(document.id)（\(ratio)J=\(percent(document.jaccard))，C=\(percent(document.queryContainment))）"
    }.joined(separator: "、")
    let listEn = documents.prefix(5).map { document in
      let ratio = document.copyRatio.map { "copy ratio \(percent($0)), " } ?? ""
      return
        "\(document.id) (\(ratio)J=\(percent(document.jaccard)), C=\(percent(document.queryContainment)))"
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
    if severity < call.severity(for: rule) {
      return finding(
        rule, zh + "（低于阈值，处于复核区间）", en + " (below the threshold, in the review band)",
        related: documents, severity: severity)
    }
    return finding(rule, zh, en, related: documents, severity: severity)
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
      chars: passage.sourceEnd - passage.sourceStart, kind: passage.kind)
  }

  private func percent(_ value: Double?) -> String {
    guard let value else { return "—" }
    return "\(Int((value * 100).rounded()))%"
  }
}
