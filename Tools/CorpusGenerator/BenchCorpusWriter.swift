import Foundation

/// A large corpus for benchmarks (`--size N`): N archive-like applications streamed to
/// `documents.jsonl` (and `docx/` with `--docx`), about 10% of them planted near-duplicates of an
/// earlier document, with `truth.jsonl` in the `../shared/peerbench` format.
struct BenchCorpusWriter {
  let output: URL
  let seed: UInt64
  let count: Int
  let writeDocx: Bool
  let bank: TextBank

  struct TruthLine: Encodable {
    var a: String
    var b: String
    var kind: String
    var edits: [String]
    var jaccard: Double
    var containmentAInB: Double
    var containmentBInA: Double
    var intersection: Int
    var shinglesA: Int
    var shinglesB: Int

    /// The peerbench truth.jsonl field names.
    enum CodingKeys: String, CodingKey {
      case a, b, kind, edits, jaccard, intersection
      case containmentAInB = "containment_a_in_b"
      case containmentBInA = "containment_b_in_a"
      case shinglesA = "shingles_a"
      case shinglesB = "shingles_b"
    }
  }

  func write(progress: (Int) -> Void) throws(CorpusWriteError) {
    let writer = WorldWriter(output: output, seed: seed, sizeName: String(count), writeJSONL: true)
    try writer.makeDirectory(output)
    if writeDocx { try writer.makeDirectory(output.appendingPathComponent("docx")) }
    let documentsURL = output.appendingPathComponent("documents.jsonl")
    let truthURL = output.appendingPathComponent("truth.jsonl")
    guard FileManager.default.createFile(atPath: documentsURL.path, contents: nil),
      FileManager.default.createFile(atPath: truthURL.path, contents: nil),
      let documents = FileHandle(forWritingAtPath: documentsURL.path),
      let truth = FileHandle(forWritingAtPath: truthURL.path)
    else {
      throw CorpusWriteError(
        path: output.path, reason: "cannot open documents.jsonl or truth.jsonl for writing")
    }
    defer {
      try? documents.close()
      try? truth.close()
    }
    var builder = WorldBuilder(bank: bank, seed: seed)
    builder.factory.enforceUniqueNames = false
    var random = SeededGenerator(seed: seed, stream: "bench")
    let programs = Program.all
    var organisations: [Organisation] = []
    var written = 0
    var pending: [String] = []

    func emit(_ application: Application) throws(CorpusWriteError) -> ExtractedTextModel {
      let word = ApplicationTemplate.document(for: application)
      let model = ExtractedTextModel(word)
      let file = writeDocx ? "docx/\(application.id).docx" : nil
      if let file { try DocxWriter.write(word, to: output.appendingPathComponent(file)) }
      let document = WorldDocument(application: application, role: .archive, submittedAt: "")
      pending.append(
        String(
          decoding: try JSONLine.encode(JSONLine.record(document: document, text: model.text, file: file)),
          as: UTF8.self))
      if pending.count >= 256 { flush() }
      written += 1
      if written % 1000 == 0 { progress(written) }
      return model
    }
    func flush() {
      documents.write(Data(pending.joined().utf8))
      pending.removeAll(keepingCapacity: true)
    }
    func identifier(_ number: Int) -> String {
      let digits = String(number)
      return "doc" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    while written < count {
      let program = random.pick(programs)
      let year = random.int(2019...2023)
      let status = random.pick(["申报", "立项", "在研", "结题", "未立项"])
      let field = builder.domain()
      let organisation: Organisation
      if organisations.count < 5000 || random.chance(0.2) {
        organisation = builder.outsideEnterprise(domain: field)
        if organisations.count < 5000 { organisations.append(organisation) }
      } else {
        organisation = random.pick(organisations)
      }
      let source = builder.compose(
        id: identifier(written), program: program, year: year, status: status, organisation: organisation,
        lead: builder.factory.person(), domain: field)
      let sourceModel = try emit(source)
      guard written < count, random.chance(0.1) else { continue }
      let roll = random.unit()
      let kind: String
      var edits: [String]
      let derived: Application
      let derivedID = identifier(written)
      if roll < 0.2 {
        kind = "exact"
        edits = []
      } else if roll < 0.6 {
        kind = "light_edit"
        edits = random.sample(
          ["substitution", "reorder", "rename_org", "title_change"], count: random.int(1...2))
      } else if roll < 0.8 {
        kind = "heavy_edit"
        edits = ["heavy_rewrite"]
      } else {
        kind = "partial_section"
        edits = []
      }
      if kind == "partial_section" {
        let own = builder.compose(
          id: derivedID, program: program, year: year, status: status,
          organisation: builder.outsideEnterprise(domain: field),
          lead: builder.factory.person(), domain: field)
        let indexes = random.pick([[1], [2], [1, 2], [0, 3]])
        edits = ["copy_sections:" + indexes.map(String.init).joined(separator: ",")]
        derived = builder.withSections(own, from: source, indexes: indexes)
      } else {
        let newOrganisation = edits.contains("rename_org") ? builder.outsideEnterprise(domain: field) : nil
        derived = builder.derive(
          from: source, id: derivedID, program: program, year: year, status: status,
          organisation: newOrganisation,
          edits: edits, rewriteShare: 0.1 + 0.35 * random.unit())
      }
      let derivedModel = try emit(derived)
      let overlap = ShingleContract.overlap(
        ShingleContract.shingles(sourceModel.text), ShingleContract.shingles(derivedModel.text))
      truth.write(
        try JSONLine.encode(
          TruthLine(
            a: source.id, b: derived.id, kind: kind, edits: edits, jaccard: overlap.jaccard,
            containmentAInB: overlap.containmentAInB, containmentBInA: overlap.containmentBInA,
            intersection: overlap.intersection, shinglesA: overlap.shinglesA, shinglesB: overlap.shinglesB)))
    }
    flush()
    let meta: [String: String] = [
      "generator": "chachong-corpus \(CorpusCommand.generatorVersion)", "seed": String(seed),
      "documents": String(count), "docx": writeDocx ? "yes" : "no",
    ]
    try writer.save(try JSONLine.pretty(meta), "meta.json")
  }
}
