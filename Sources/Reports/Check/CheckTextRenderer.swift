import ChachongModel
import Integrity
import Matching

/// The terminal view of a check report: a summary line, one table row per application, then
/// each application's findings with the related documents. ID numbers appear masked only.
package enum CheckTextRenderer {
  package static func render(_ report: CheckReport, language: ReportLanguage) -> String {
    let zh = language == .zh
    var lines: [String] = []
    let counts = report.summary.applicationsBySeverity
    let call = "\(report.call.year) \(report.call.program)"
    if zh {
      lines.append("查重报告：\(call)（\(report.call.documentNumber ?? report.call.source)）")
      lines.append(
        "共\(report.summary.applications)项申报：错误\(counts["error"] ?? 0)项，警告\(counts["warning"] ?? 0)项，"
          + "提示\(counts["info"] ?? 0)项，通过\(counts["clean"] ?? 0)项；无法读取的文件\(report.errors.count)个")
    } else {
      lines.append("Check report: \(call) (\(report.call.documentNumber ?? report.call.source))")
      lines.append(
        "\(report.summary.applications) applications: \(counts["error"] ?? 0) with errors, "
          + "\(counts["warning"] ?? 0) with warnings, \(counts["info"] ?? 0) info only, "
          + "\(counts["clean"] ?? 0) clean; \(report.errors.count) unreadable file(s)")
    }
    lines.append("")
    let header =
      zh
      ? ["级别", "编号", "申报单位", "负责人", "总复制比", "问题"]
      : ["level", "id", "organisation", "lead", "copy", "rules"]
    var rows: [[String]] = [header]
    for application in report.applications {
      let level =
        application.highestSeverity.map { $0.displayName.text(in: language) } ?? (zh ? "通过" : "clean")
      let rules = orderedUnique(application.findings.filter { $0.severity != .info }.map(\.rule.rawValue))
      rows.append([
        level, application.id, clip(application.organisation ?? "—", 24), clip(application.lead ?? "—", 8),
        percent(application.copyRatio), rules.isEmpty ? "—" : rules.joined(separator: ","),
      ])
    }
    lines += table(rows)
    for application in report.applications where !application.findings.isEmpty {
      lines.append("")
      var heading = "■ \(application.id)  \(application.title ?? "—")  \(application.organisation ?? "—")"
      if let lead = application.lead {
        heading += "  \(lead)"
        if let masked = application.leadIDMasked { heading += "（\(masked)）" }
      }
      lines.append(heading)
      if let metrics = application.copyMetrics { lines.append("  " + ratios(metrics, zh: zh)) }
      for finding in application.findings {
        let severity = finding.severity.displayName.text(in: language)
        lines.append("  [\(severity)] \(finding.rule.rawValue): \(finding.message)")
        if let notice = finding.notice, finding.severity != .info {
          lines.append("      \(zh ? "依据" : "notice")：\(notice)")
        }
        for related in finding.related.prefix(8) {
          lines.append("      → " + describe(related, zh: zh))
        }
        if finding.related.count > 8 {
          lines.append(
            "      → …" + (zh ? "另有\(finding.related.count - 8)个" : " \(finding.related.count - 8) more"))
        }
      }
    }
    if !report.errors.isEmpty {
      lines.append("")
      lines.append(zh ? "无法读取的文件：" : "Unreadable inputs:")
      for error in report.errors { lines.append("  \(error.path): \(error.message)") }
    }
    lines += OCRInputsNote.lines(report.inputs, zh: zh)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The copy ratios a reviewer reads, with CNKI's names in Chinese.
  static func ratios(_ metrics: CopyMetrics, zh: Bool) -> String {
    var parts: [String] = []
    parts.append((zh ? "总文字复制比 " : "total copy ratio ") + percent(metrics.copyRatio))
    if let largest = metrics.largestSourceId {
      parts.append(
        (zh ? "单篇最大文字复制比 " : "largest single source ") + "\(percent(metrics.largestSourceRatio))（\(largest)）")
    }
    if let own = metrics.copyRatioExcludingOwn {
      parts.append((zh ? "去除本人已发表文献复制比 " : "excluding own earlier applications ") + percent(own))
    }
    if let kinds = metrics.passageKinds, !kinds.isEmpty {
      parts.append((zh ? "片段 " : "passages ") + kindList(kinds.mapValues(\.passages), zh: zh))
    }
    return parts.joined(separator: "  ")
  }

  /// `相同 3 / 轻微改动 1 / 改写 2` in the kinds' order.
  static func kindList(_ counts: [String: Int], zh: Bool) -> String {
    PassageMatchKind.allCases.compactMap { kind in
      counts[kind.rawValue].map { "\(zh ? kind.chineseName : kind.englishName) \($0)" }
    }.joined(separator: " / ")
  }

  static func describe(_ related: RelatedDocument, zh: Bool) -> String {
    var parts = [related.id]
    let context = [related.program, related.year.map(String.init), related.status].compactMap { $0 }
    if !context.isEmpty { parts.append(context.joined(separator: " ")) }
    if let organisation = related.organisation { parts.append(organisation) }
    if let ratio = related.copyRatio {
      parts.append((zh ? "文字复制比 " : "copy ratio ") + percent(ratio))
    }
    if let kinds = related.passageKinds, !kinds.isEmpty { parts.append(kindList(kinds, zh: zh)) }
    if let jaccard = related.jaccard {
      parts.append(
        "J=\(percent(jaccard)) C=\(percent(related.queryContainment ?? 0))/\(percent(related.matchContainment ?? 0))"
          + ((related.passageCharacters ?? related.sharedCharacters).map { zh ? " \($0)字" : " \($0) chars" }
            ?? ""))
    }
    return parts.joined(separator: "  ")
  }

  static func percent(_ value: Double) -> String {
    "\(Int((value * 100).rounded()))%"
  }

  static func orderedUnique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
  }

  static func clip(_ text: String, _ width: Int) -> String {
    var result = ""
    var used = 0
    for character in text {
      let next = displayWidth(String(character))
      if used + next > width {
        return result + "…"
      }
      result.append(character)
      used += next
    }
    return result
  }

  /// Columns a string takes in a terminal: East Asian wide characters take two.
  static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
      let value = scalar.value
      let wide =
        (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
        || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
        || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
        || (0xFFE0...0xFFE6).contains(value)
      return width + (wide ? 2 : 1)
    }
  }

  static func table(_ rows: [[String]]) -> [String] {
    guard let columns = rows.first?.count else { return [] }
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(cell)) }
    }
    return rows.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1
          ? cell : cell + String(repeating: " ", count: widths[index] - displayWidth(cell))
      }.joined(separator: "  ")
    }
  }
}
