/// Measures how much unrelated documents of a world share (the generator's promise: < 0.05).
enum UnrelatedPairs {
  static func sample(world: WorldBuilder, models: [String: ExtractedTextModel], seed: UInt64)
    -> UnrelatedSample
  {
    var related = Set<String>()
    for pair in world.pairs {
      related.insert(pair.source + "|" + pair.derived)
      related.insert(pair.derived + "|" + pair.source)
    }
    // Documents of one organisation may share their self-description; leave those out too.
    let documents = (world.batch + world.archive)
    var organisationOf: [String: String] = [:]
    for document in documents {
      organisationOf[document.id] = document.application.form.organisation.creditCode
    }
    let ids = documents.map(\.id)
    var random = SeededGenerator(seed: seed, stream: "unrelated")
    var values: [Double] = []
    var withoutTemplate: [Double] = []
    // The form labels, headings and instruction lines every application shares (what chachong
    // excludes as template text).
    let template = ShingleContract.shingles(
      ExtractedTextModel(ApplicationTemplate.blankDocument(program: WorldBuilder.call)).text)
    var attempts = 0
    var cache: [String: Set<ShingleContract.Gram>] = [:]
    func shingles(_ id: String) -> Set<ShingleContract.Gram> {
      if let known = cache[id] { return known }
      let made = ShingleContract.shingles(models[id]?.text ?? "")
      cache[id] = made
      return made
    }
    while values.count < 200 && attempts < 2000 && ids.count > 1 {
      attempts += 1
      let first = random.pick(ids)
      let second = random.pick(ids)
      if first == second || related.contains(first + "|" + second)
        || organisationOf[first] == organisationOf[second]
      {
        continue
      }
      values.append(ShingleContract.overlap(shingles(first), shingles(second)).jaccard)
      withoutTemplate.append(
        ShingleContract.overlap(shingles(first).subtracting(template), shingles(second).subtracting(template))
          .jaccard)
    }
    let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    return UnrelatedSample(
      pairs: values.count, maximumJaccard: values.max() ?? 0, meanJaccard: ShingleContract.rounded(mean),
      meanJaccardWithoutTemplate: ShingleContract.rounded(
        withoutTemplate.isEmpty ? 0 : withoutTemplate.reduce(0, +) / Double(withoutTemplate.count)),
      maximumJaccardWithoutTemplate: withoutTemplate.max() ?? 0)
  }
}
