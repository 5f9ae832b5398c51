import ChachongModel
import Fingerprints
import Matching
import Reports

/// A sample HTML report for looking at the renderer in a browser (Tools/render-html.sh): one
/// Chinese application built from the call notice (two paragraphs copied, one with changes) and
/// the first PAN suspicious document with its detected passages.
enum HTMLSample {
  static func render(corpus: PANCorpus, notice: String) -> String {
    let parameters = FingerprintParameters.standard
    let k = parameters.shingleSize
    let paragraphs = notice.split(separator: "\n").map(String.init).filter { $0.unicodeScalars.count > 80 }
    let copiedA = paragraphs.count > 3 ? paragraphs[3] : ""
    let copiedB = paragraphs.count > 5 ? paragraphs[5].replacingOccurrences(of: "项目", with: "课题") : ""
    let titles = ["一、项目实施的必要性", "二、主要研发内容", "三、预期目标"]
    let body = [
      "随着新一代人工智能技术的快速发展，边缘侧推理芯片需求迅速增长。" + copiedA,
      "本项目拟研制面向工业视觉的低功耗神经网络处理器，突破存算一体架构与量化编译关键技术。",
      copiedB + "项目完成时申请发明专利五项，形成样机两台。",
    ]
    let applicationText = zip(titles, body).map { "\($0)\n\($1)" }.joined(separator: "\n")
    let sections = sectionSpans(applicationText, titles: titles)
    let noticeSections = [TextSection(title: "通知正文", start: 0, end: notice.unicodeScalars.count)]
    let query = NormalizedText(normalizing: applicationText)
    let source = NormalizedText(normalizing: notice)
    let passages = PassageAligner.align(
      query: query, source: source, k: k, seed: parameters.seed, excluding: [], parameters: .standard)
    let metrics = CopyMetricsCalculator.measure(
      application: query, sources: [SourcePassages(id: "通科资〔2023〕116号", passages: passages)],
      sections: sections)

    var applications = [
      HTMLApplicationRow(
        id: "NT-2023-001", title: "面向工业视觉的低功耗神经网络处理器研发", organisation: "南通某智能科技有限公司",
        lead: "张某", highestSeverity: "warning", rules: ["plagiarism"], copyRatio: metrics.copyRatio,
        metrics: metrics)
    ]
    var findings = [
      HTMLFinding(
        applicationId: "NT-2023-001", rule: "plagiarism", severity: "warning",
        message: "与通知原文相似：复制比 \(HTMLReportRenderer.percent(metrics.copyRatio))",
        related: [
          HTMLRelatedDocument(
            id: "通科资〔2023〕116号", title: "申报通知 <原文>", jaccard: nil,
            copyRatio: metrics.largestSourceRatio, passages: passages)
        ])
    ]
    var documents = [
      HTMLDocument(
        id: "NT-2023-001", title: applications[0].title, text: applicationText, sections: sections),
      HTMLDocument(id: "通科资〔2023〕116号", title: "申报通知", text: notice, sections: noticeSections),
    ]

    // The first suspicious document with a verbatim ("none") case, so the sample shows passages.
    let withVerbatim = corpus.cases.filter { $0.obfuscation == "none" }.map(\.suspicious).sorted().first
    if let suspiciousName = withVerbatim, let suspicious = corpus.suspicious[suspiciousName] {
      let normalized = NormalizedText(normalizing: suspicious)
      var related: [HTMLRelatedDocument] = []
      var perSource: [SourcePassages] = []
      for sourceName in corpus.sources.keys.sorted() {
        guard let sourceText = corpus.sources[sourceName] else { continue }
        let found = PassageAligner.align(
          query: normalized, source: NormalizedText(normalizing: sourceText), k: 3, seed: parameters.seed,
          excluding: [], parameters: .panTuned)
        guard !found.isEmpty else { continue }
        perSource.append(SourcePassages(id: sourceName, passages: found))
        related.append(HTMLRelatedDocument(id: sourceName, passages: found))
        documents.append(HTMLDocument(id: sourceName, text: sourceText))
      }
      let panMetrics = CopyMetricsCalculator.measure(application: normalized, sources: perSource)
      for index in related.indices {
        related[index].copyRatio = panMetrics.sources.first { $0.id == related[index].id }?.ratio
      }
      applications.append(
        HTMLApplicationRow(
          id: suspiciousName, title: "PAN suspicious document",
          highestSeverity: related.isEmpty ? nil : "error",
          rules: related.isEmpty ? [] : ["plagiarism"], copyRatio: panMetrics.copyRatio, metrics: panMetrics))
      findings.append(
        HTMLFinding(
          applicationId: suspiciousName, rule: "plagiarism", severity: "error",
          message: "\(related.count) source documents", related: related))
      documents.append(HTMLDocument(id: suspiciousName, text: suspicious))
    }
    applications.append(HTMLApplicationRow(id: "NT-2023-002", title: "量子密钥分发终端研发", organisation: "南通某量子公司"))
    let input = HTMLReportInput(
      title: "查重报告（样例）", subtitle: "2023 南通市重点研发计划（前瞻性技术创新专项）", applications: applications,
      findings: findings, documents: documents, contextCharacters: 300)
    return HTMLReportRenderer.render(input)
  }

  private static func sectionSpans(_ text: String, titles: [String]) -> [TextSection] {
    let scalars = Array(text.unicodeScalars)
    var starts: [Int] = []
    for title in titles {
      let pattern = Array(title.unicodeScalars)
      guard pattern.count <= scalars.count else { continue }
      for start in 0...(scalars.count - pattern.count)
      where Array(scalars[start..<start + pattern.count]) == pattern {
        starts.append(start)
        break
      }
    }
    return zip(titles, starts).enumerated().map { index, pair in
      TextSection(
        title: pair.0, start: pair.1, end: index + 1 < starts.count ? starts[index + 1] : scalars.count)
    }
  }
}
