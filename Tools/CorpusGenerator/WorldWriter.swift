import Foundation

/// Writes a built world to a directory: Word files, manifests, registry, template and ground truth.
struct WorldWriter {
  let output: URL
  let seed: UInt64
  let sizeName: String
  var writeJSONL: Bool

  static let manifestHeader = [
    "网上申报编号", "文件", "项目名称", "申报单位", "统一社会信用代码", "所在县（市）", "推荐单位", "申报企业类型", "指南编号",
    "项目负责人", "负责人身份证号", "研发总投入（万元）", "申请资助（万元）", "计划类别", "年度", "状态", "提交时间",
  ]
  static let registryHeader = [
    "计划类别", "年度", "状态", "项目名称", "承担单位", "统一社会信用代码", "项目负责人", "负责人身份证号", "起始日期", "结束日期",
    "项目编号",
  ]

  func write(_ world: WorldBuilder) throws(CorpusWriteError) {
    try makeDirectory(output.appendingPathComponent("applications"))
    try makeDirectory(output.appendingPathComponent("archive"))
    var models: [String: ExtractedTextModel] = [:]
    var documents: [GroundTruth.Document] = []
    var jsonl = Data()
    var seen = Set<String>()
    for document in world.batch + world.archive where !seen.insert(document.id).inserted {
      throw CorpusWriteError(path: output.path, reason: "two documents share the id \(document.id)")
    }
    for document in world.batch + world.archive {
      let word = ApplicationTemplate.document(for: document.application)
      let model = ExtractedTextModel(word)
      models[document.id] = model
      try DocxWriter.write(word, to: output.appendingPathComponent(document.file))
      let application = document.application
      documents.append(
        GroundTruth.Document(
          id: document.id, file: document.file, role: document.role.rawValue,
          program: application.program.name,
          year: application.year, status: application.status, title: application.form.title,
          organisation: application.form.organisation.name,
          creditCode: application.form.organisation.creditCode,
          lead: application.form.lead.name, guideCode: application.form.guideCode,
          layout: application.layout.rawValue, headingStyle: application.headingStyle.rawValue,
          characters: model.characterCount, sections: model.sections))
      if writeJSONL {
        jsonl += try JSONLine.encode(JSONLine.record(document: document, text: model.text))
      }
    }
    try DocxWriter.write(
      ApplicationTemplate.blankDocument(program: WorldBuilder.call),
      to: output.appendingPathComponent("template.docx"))
    var versionRecords: [VersionRecord] = []
    if let clean = world.clean.last, let document = world.batch.first(where: { $0.id == clean }) {
      try makeDirectory(output.appendingPathComponent("versions"))
      let pair = VersionPair.make(from: document.application)
      let online = "versions/\(clean)-online.docx"
      let paper = "versions/\(clean)-paper.docx"
      try DocxWriter.write(
        ApplicationTemplate.document(for: pair.online), to: output.appendingPathComponent(online))
      try DocxWriter.write(
        ApplicationTemplate.document(for: pair.paper), to: output.appendingPathComponent(paper))
      versionRecords.append(
        VersionRecord(application: clean, online: online, paper: paper, differences: pair.differences))
    }
    try save(
      CSVWriter.data(
        header: Self.manifestHeader, rows: world.batch.map(manifestRow), byteOrderMark: true),
      "manifest.csv")
    try save(
      CSVWriter.data(
        header: Self.manifestHeader, rows: world.archive.map(manifestRow), byteOrderMark: true),
      "archive-manifest.csv")
    try save(
      CSVWriter.data(
        header: Self.registryHeader, rows: world.registry.map(registryRow), byteOrderMark: false),
      "registry.csv")
    if writeJSONL { try save(jsonl, "documents.jsonl") }

    let pairs = world.pairs.map { pair -> GroundTruth.PlantedPair in
      let source = models[pair.source]
      let derived = models[pair.derived]
      let overlap = ShingleContract.overlap(
        ShingleContract.shingles(source?.text ?? ""), ShingleContract.shingles(derived?.text ?? ""))
      let passages = source.flatMap { source in
        derived.map { PassageFinder.passages(source: source, derived: $0) }
      }
      return GroundTruth.PlantedPair(
        source: pair.source, derived: pair.derived, kind: pair.kind, edits: pair.edits,
        relation: pair.relation,
        overlap: overlap, passages: passages ?? [])
    }
    let call = GroundTruth.Call(
      program: WorldBuilder.call.name, year: WorldBuilder.callYear, deadline: "2024-01-31")
    let truth = GroundTruth(
      generator: .init(
        tool: "chachong-corpus", version: CorpusCommand.generatorVersion, seed: seed, size: sizeName),
      call: call, documents: documents, expectedFindings: world.expected, plantedPairs: pairs,
      cleanApplications: world.clean, decoys: world.decoys,
      unrelatedPairSample: UnrelatedPairs.sample(world: world, models: models, seed: seed),
      versionPairs: versionRecords)
    try save(JSONLine.pretty(truth), "truth.json")
    try save(
      JSONLine.pretty(
        ExpectedFindingsFile(
          call: call, expectedFindings: world.expected, cleanApplications: world.clean, decoys: world.decoys)),
      "expected-findings.json")
  }

  func manifestRow(_ document: WorldDocument) -> [String] {
    let application = document.application
    let form = application.form
    var row = [
      document.id, document.file, form.title, form.organisation.name, form.organisation.creditCode,
      form.organisation.county, form.organisation.recommender, form.organisation.enterpriseType,
      form.guideCode,
      form.lead.name, form.lead.idNumber, form.totalBudget.text, form.requestedFunding.text,
      application.program.name, String(application.year), application.status, document.submittedAt,
    ]
    for (column, value) in document.manifestOverrides.sorted(by: { $0.key < $1.key }) {
      if let index = Self.manifestHeader.firstIndex(of: column) { row[index] = value }
    }
    return row
  }

  func registryRow(_ row: RegistryRow) -> [String] {
    [
      row.program, String(row.year), row.status, row.title, row.organisation, row.creditCode, row.lead,
      row.leadID,
      row.start, row.end, row.number,
    ]
  }

  func makeDirectory(_ url: URL) throws(CorpusWriteError) {
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw CorpusWriteError(
        path: url.path, reason: "cannot create the directory: \(error.localizedDescription)")
    }
  }

  func save(_ data: Data, _ name: String) throws(CorpusWriteError) {
    let url = output.appendingPathComponent(name)
    do {
      try data.write(to: url)
    } catch {
      throw CorpusWriteError(path: url.path, reason: "cannot write: \(error.localizedDescription)")
    }
  }
}

/// Deterministic JSON output.
enum JSONLine {
  struct Record: Encodable {
    var id: String
    var text: String
    var program: String
    var year: Int
    var status: String
    var role: String
    var title: String
    var organisation: String
    var creditCode: String
    var lead: String
    /// Synthetic, so it may appear here; chachong stores it only as a keyed hash and a mask.
    var leadID: String
    var guideCode: String
    var file: String?
  }

  static func record(document: WorldDocument, text: String, file: String? = nil) -> Record {
    let application = document.application
    return Record(
      id: document.id, text: text, program: application.program.name, year: application.year,
      status: application.status, role: document.role.rawValue, title: application.form.title,
      organisation: application.form.organisation.name, creditCode: application.form.organisation.creditCode,
      lead: application.form.lead.name, leadID: application.form.lead.idNumber,
      guideCode: application.form.guideCode, file: file ?? document.file)
  }

  static func encode<T: Encodable>(_ value: T) throws(CorpusWriteError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return try encoder.encode(value) + Data("\n".utf8)
    } catch {
      throw CorpusWriteError(path: "<json>", reason: "cannot encode: \(error)")
    }
  }

  static func pretty<T: Encodable>(_ value: T) throws(CorpusWriteError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    do {
      return try encoder.encode(value) + Data("\n".utf8)
    } catch {
      throw CorpusWriteError(path: "<json>", reason: "cannot encode: \(error)")
    }
  }
}
