/// The planted cases of the sample world, one block per rule of the notice. Each block records the
/// findings a correct checker reports.
extension WorldBuilder {
  mutating func buildSample(archiveFiller: Int) {
    plantSimilarityInCall()
    plantEnterpriseRules()
    plantOtherProgramsAndYears()
    plantLeadRules()
    plantPlagiarism()
    plantFormalRules()
    plantQuota()
    plantClean()
    plantDecoys()
    addArchiveFiller(count: archiveFiller)
  }

  // MARK: duplicate submission within the call

  mutating func plantSimilarityInCall() {
    // Exact resubmission: the same file sent twice by the same enterprise and lead.
    let exactOrg = enterprise(room: 2, domain: domain())
    let exactSource = addBatch(newBatch(organisation: exactOrg))
    let exactCopy = addBatch(
      derive(
        from: exactSource, id: nextBatchID(), program: Self.call, year: Self.callYear, status: "申报", edits: []
      ))
    pairs.append((exactSource.id, exactCopy.id, "exact", [], "duplicate-submission"))
    expectPair(exactSource.id, exactCopy.id, "duplicate-submission", plantedCase: "exact resubmission")
    expectPair(exactSource.id, exactCopy.id, "one-per-enterprise", plantedCase: "exact resubmission")
    expectPair(exactSource.id, exactCopy.id, "one-per-lead", plantedCase: "exact resubmission")

    // Light edits by the same enterprise under another lead.
    for (edits, name) in [
      (["substitution"], "character substitutions"), (["reorder"], "reordered sentences and paragraphs"),
      (["title_change", "light_substitution"], "changed title"),
    ] {
      let organisation = enterprise(room: 2, domain: domain())
      let source = addBatch(newBatch(organisation: organisation))
      let copy = addBatch(
        derive(
          from: source, id: nextBatchID(), program: Self.call, year: Self.callYear, status: "申报",
          lead: factory.person(), edits: edits))
      pairs.append((source.id, copy.id, "light_edit", edits, "duplicate-submission"))
      expectPair(source.id, copy.id, "duplicate-submission", plantedCase: "light edit: " + name)
      expectPair(source.id, copy.id, "one-per-enterprise", plantedCase: "light edit: " + name)
    }

    // Another enterprise submits the same project under its own name (renamed), or rewritten.
    for (edits, kind, name) in [
      (["rename_org"], "light_edit", "renamed organisation"),
      (["rename_org", "heavy_rewrite"], "heavy_edit", "heavy edit"),
    ] {
      let field = domain()
      let source = addBatch(newBatch(organisation: enterprise(room: 1, domain: field), domain: field))
      let copy = addBatch(
        derive(
          from: source, id: nextBatchID(), program: Self.call, year: Self.callYear, status: "申报",
          organisation: enterprise(room: 1, domain: field), lead: factory.person(), edits: edits))
      pairs.append((source.id, copy.id, kind, edits, "duplicate-submission"))
      for (application, other) in [(source.id, copy.id), (copy.id, source.id)] {
        expect(
          application, "duplicate-submission", related: [other], plantedCase: name,
          alsoAcceptable: ["plagiarism"], note: "another enterprise in the same call")
      }
    }
  }

  // MARK: one enterprise, running projects

  mutating func plantEnterpriseRules() {
    let organisation = enterprise(room: 2, domain: domain())
    let first = addBatch(newBatch(organisation: organisation))
    let second = addBatch(newBatch(organisation: organisation))
    expectPair(
      first.id, second.id, "one-per-enterprise", plantedCase: "two unrelated applications, one enterprise")

    for (program, year) in [(Program.transfer, 2022), (Program.openCompetition, 2021)] {
      let field = domain()
      let organisation = enterprise(room: 1, domain: field)
      let running = addArchive(
        program: program, year: year, status: "在研", organisation: organisation, lead: factory.person(),
        domain: field)
      let application = addBatch(newBatch(organisation: organisation, domain: field))
      expect(
        application.id, "enterprise-running-project", related: [running.id],
        plantedCase: "enterprise has a running \(program.name) project")
    }
  }

  // MARK: other programs this year, funded earlier

  mutating func plantOtherProgramsAndYears() {
    // The same content sent to 科技成果转化专项 this year by the same enterprise and lead.
    let field = domain()
    let organisation = enterprise(room: 1, domain: field)
    let lead = factory.person()
    let other = addArchive(
      program: .transfer, year: 2023, status: "申报", organisation: organisation, lead: lead, domain: field)
    let application = addBatch(
      derive(
        from: other, id: nextBatchID(), program: Self.call, year: Self.callYear, status: "申报",
        edits: ["title_change", "light_substitution"]))
    pairs.append(
      (
        other.id, application.id, "light_edit", ["title_change", "light_substitution"],
        "cross-program-same-year"
      ))
    expect(
      application.id, "cross-program-same-year", related: [other.id],
      plantedCase: "same content in 科技成果转化专项 2023", alsoAcceptable: ["duplicate-submission"])
    expect(
      application.id, "lead-other-program", related: [other.id],
      plantedCase: "same lead in 科技成果转化专项 2023")

    // Funded in an earlier year: 2020 前瞻性 (结题), same enterprise and lead, retitled.
    let fundedField = domain()
    let fundedOrg = enterprise(room: 1, domain: fundedField)
    let fundedLead = factory.person()
    let funded = addArchive(
      program: .forwardLooking, year: 2020, status: "结题", organisation: fundedOrg, lead: fundedLead,
      domain: fundedField)
    let resubmitted = addBatch(
      derive(
        from: funded, id: nextBatchID(), program: Self.call, year: Self.callYear, status: "申报",
        edits: ["title_change", "reorder"]))
    pairs.append((funded.id, resubmitted.id, "light_edit", ["title_change", "reorder"], "previously-funded"))
    expect(
      resubmitted.id, "previously-funded", related: [funded.id],
      plantedCase: "content funded by 前瞻性技术创新专项 2020 (结题)")

    // Funded by the province in 2021 (still running), resubmitted by the same enterprise under
    // another lead: previously funded, and a provincial project does not bar the enterprise.
    let provincialField = domain()
    let provincialOrg = enterprise(room: 1, domain: provincialField)
    let provincial = addArchive(
      program: .provincial, year: 2021, status: "在研", organisation: provincialOrg, lead: factory.person(),
      domain: provincialField)
    let reused = addBatch(
      derive(
        from: provincial, id: nextBatchID(), program: Self.call, year: Self.callYear, status: "申报",
        lead: factory.person(), edits: ["substitution"]))
    pairs.append((provincial.id, reused.id, "light_edit", ["substitution"], "previously-funded"))
    expect(
      reused.id, "previously-funded", related: [provincial.id],
      plantedCase: "content funded by 省重点研发计划 2021 (在研)")
  }

  // MARK: leads

  mutating func plantLeadRules() {
    // One lead, two applications at two units.
    let lead = factory.person(title: "教授")
    let university = institution(0)
    let first = addBatch(newBatch(organisation: university, lead: lead))
    let second = addBatch(newBatch(organisation: enterprise(room: 1, domain: domain()), lead: lead))
    expectPair(first.id, second.id, "one-per-lead", plantedCase: "one lead at two units")

    // The lead runs a 社会民生 project (matched by ID number).
    let runningLead = factory.person()
    let runningOrg = enterprise(room: 1, domain: domain())
    let project = addArchive(
      program: .livelihood, year: 2022, status: "在研", organisation: runningOrg, lead: runningLead)
    let application = addBatch(newBatch(organisation: runningOrg, lead: runningLead))
    expect(
      application.id, "lead-running-project", related: [project.id],
      plantedCase: "lead of a running 社会民生科技计划 project (ID number)")

    // The lead runs a 社会民生 project recorded without an ID number (name + organisation).
    let unnamedLead = factory.person()
    let unnamedOrg = enterprise(room: 1, domain: domain())
    let registryOnly = "MS2022-R01"
    addRegistry(
      number: registryOnly, program: .livelihood, year: 2022, status: "在研",
      title: "面向基层医疗的智能随访系统关键技术研发", organisation: unnamedOrg, lead: unnamedLead, leadID: "")
    let byName = addBatch(newBatch(organisation: unnamedOrg, lead: unnamedLead))
    expect(
      byName.id, "lead-running-project", related: [registryOnly],
      plantedCase: "lead of a running project, registry without ID number (name + organisation)")

    // The lead also applies to 社会民生科技计划 this year with other content.
    let busyLead = factory.person()
    let busyOrg = enterprise(room: 1, domain: domain())
    let otherProgram = addArchive(
      program: .livelihood, year: 2023, status: "申报", organisation: busyOrg, lead: busyLead)
    let busy = addBatch(newBatch(organisation: busyOrg, lead: busyLead))
    expect(
      busy.id, "lead-other-program", related: [otherProgram.id],
      plantedCase: "lead also applies to 社会民生科技计划 2023")
  }

  // MARK: plagiarism

  mutating func plantPlagiarism() {
    // Two sections copied from another organisation's rejected 2022 application.
    let donorField = domain()
    let donor = addArchive(
      program: .livelihood, year: 2022, status: "未立项", organisation: outsideEnterprise(domain: donorField),
      lead: factory.person(), domain: donorField)
    let own = newBatch(organisation: enterprise(room: 1, domain: donorField), domain: donorField)
    let copied = addBatch(withSections(own, from: donor, indexes: [1, 2]))
    pairs.append((donor.id, copied.id, "partial_section", ["copy_sections:二、三"], "plagiarism"))
    expect(
      copied.id, "plagiarism", related: [donor.id],
      plantedCase: "sections 二 and 三 copied from another organisation")

    // One section copied from another organisation's application to 科技成果转化专项 this year.
    let secondField = domain()
    let secondDonor = addArchive(
      program: .transfer, year: 2023, status: "申报", organisation: outsideEnterprise(domain: secondField),
      lead: factory.person(), domain: secondField)
    let secondOwn = newBatch(organisation: enterprise(room: 1, domain: secondField), domain: secondField)
    let secondCopied = addBatch(withSections(secondOwn, from: secondDonor, indexes: [1]))
    pairs.append((secondDonor.id, secondCopied.id, "partial_section", ["copy_sections:二"], "plagiarism"))
    expect(
      secondCopied.id, "plagiarism", related: [secondDonor.id],
      plantedCase: "section 二 copied from another organisation's 2023 application")
  }

  // MARK: formal rules

  mutating func plantFormalRules() {
    var application = newBatch(organisation: quotaEnterprise())
    application.form.title = String(application.form.title.dropLast(2)) + "关键技术研究与产业化应用"
    addBatch(application)
    expect(application.id, "title-format", plantedCase: "title does not end with 研发")

    var long = newBatch(organisation: quotaEnterprise())
    long.form.title = "面向长三角未来产业集群协同发展需求的" + long.form.title
    addBatch(long)
    expect(long.id, "title-format", plantedCase: "title longer than 25 characters")

    for (total, funding, name) in [
      (WanYuan(150), WanYuan(60), "total 150 (not above 150)"),
      (WanYuan(180), WanYuan(95), "funding above 50% of the total"),
      (WanYuan(500), WanYuan(120), "funding above 100"),
    ] {
      let budgetCase = addBatch(
        newBatch(organisation: quotaEnterprise(), total: total, funding: funding))
      expect(budgetCase.id, "budget", plantedCase: "budget: " + name)
    }

    let unknownCode = addBatch(newBatch(organisation: quotaEnterprise(), guideCode: "1004"))
    expect(unknownCode.id, "guide-code", plantedCase: "guide code 1004 is not in the guide")

    let master = addBatch(
      newBatch(organisation: quotaEnterprise(), lead: factory.person(degree: "硕士")))
    expect(master.id, "lead-degree", plantedCase: "lead holds a master's degree (硕士)")

    var badLead = factory.person()
    badLead.idNumber = IdentityNumbers.corruptedResidentID(badLead.idNumber)
    let badID = addBatch(newBatch(organisation: quotaEnterprise(), lead: badLead))
    expect(badID.id, "identity-checksum", plantedCase: "lead ID number with a wrong check character")

    var badOrg = quotaEnterprise()
    badOrg.creditCode = IdentityNumbers.corruptedCreditCode(badOrg.creditCode)
    let badCode = addBatch(newBatch(organisation: badOrg))
    expect(badCode.id, "identity-checksum", plantedCase: "credit code with a wrong check character")

    let late = addBatch(
      newBatch(organisation: quotaEnterprise()), submittedAt: "2024-02-01 09:26:41")
    expect(late.id, "deadline", plantedCase: "submitted 2024-02-01, after the 2024-01-31 deadline")

    let budgetMismatch = newBatch(organisation: quotaEnterprise())
    let shownTotal = WanYuan(hundredths: budgetMismatch.form.totalBudget.hundredths + 8000)
    addBatch(budgetMismatch, overrides: ["研发总投入（万元）": shownTotal.text])
    expect(budgetMismatch.id, "manifest-mismatch", plantedCase: "manifest total budget differs from the form")

    let leadMismatch = newBatch(organisation: quotaEnterprise())
    let stranger = factory.person()
    addBatch(leadMismatch, overrides: ["项目负责人": stranger.name, "负责人身份证号": stranger.idNumber])
    expect(leadMismatch.id, "manifest-mismatch", plantedCase: "manifest lead differs from the form")

    let codeMismatch = newBatch(organisation: quotaEnterprise())
    let otherCode = factory.creditCode(prefix: "91", region: codeMismatch.form.organisation.regionCode)
    addBatch(codeMismatch, overrides: ["统一社会信用代码": otherCode])
    expect(codeMismatch.id, "manifest-mismatch", plantedCase: "manifest credit code differs from the form")
  }

  // MARK: quota

  /// Formal-rule cases come from 如皋市 (7 recommendations, limit 6) and 苏锡通科技产业园区 (4, limit 3).
  mutating func quotaEnterprise() -> Organisation {
    let planted = batch.filter { ["如皋市", "苏锡通科技产业园区"].contains($0.application.form.organisation.county) }
    let field = domain()
    switch planted.count {
    case 0..<7: return factory.enterprise(area: RecommendingArea.named("如皋市"), domain: field)
    case 7..<11: return factory.enterprise(area: RecommendingArea.named("苏锡通科技产业园区"), domain: field)
    default: return enterprise(room: 1, domain: field)
    }
  }

  mutating func plantQuota() {
    for county in ["如皋市", "苏锡通科技产业园区"] {
      let area = RecommendingArea.named(county)
      let ids = batch.filter { $0.application.form.organisation.county == county }.map(\.id)
      let limit = area.kind == .county ? 6 : 3
      for id in ids {
        expect(
          id, "quota", related: ids.filter { $0 != id },
          plantedCase: "\(area.recommender) recommends \(ids.count) (limit \(limit))", scope: "unit",
          note: area.recommender)
      }
    }
  }

  // MARK: clean applications and decoys

  mutating func plantClean() {
    for index in 0..<6 {
      let organisation = index < 2 ? institution(index + 1) : enterprise(room: 1, domain: domain())
      clean.append(addBatch(newBatch(organisation: organisation)).id)
    }
  }

  mutating func plantDecoys() {
    // A completed 科技成果转化 project does not bar the enterprise.
    let completedField = domain()
    let completedOrg = enterprise(room: 1, domain: completedField)
    let completed = addArchive(
      program: .transfer, year: 2019, status: "结题", organisation: completedOrg, lead: factory.person(),
      domain: completedField)
    let afterCompletion = addBatch(newBatch(organisation: completedOrg, domain: completedField))
    decoys.append(
      .init(
        application: afterCompletion.id, related: [completed.id],
        description: "enterprise's 科技成果转化 project is completed (结题), not running: no finding"))

    // A running 社会民生 project bars neither the enterprise nor (with another lead) the lead.
    let livelihoodOrg = enterprise(room: 1, domain: domain())
    let livelihood = addArchive(
      program: .livelihood, year: 2022, status: "在研", organisation: livelihoodOrg, lead: factory.person())
    let notBarred = addBatch(newBatch(organisation: livelihoodOrg))
    decoys.append(
      .init(
        application: notBarred.id, related: [livelihood.id],
        description: "enterprise runs a 社会民生科技计划 project, which does not bar it; other lead: no finding"))

    // A proposal rejected in 2022 (未立项) may be submitted again.
    let rejectedField = domain()
    let rejectedOrg = enterprise(room: 1, domain: rejectedField)
    let rejectedLead = factory.person()
    let rejected = addArchive(
      program: .forwardLooking, year: 2022, status: "未立项", organisation: rejectedOrg, lead: rejectedLead,
      domain: rejectedField)
    let again = addBatch(
      derive(
        from: rejected, id: nextBatchID(), program: Self.call, year: Self.callYear, status: "申报",
        edits: ["light_substitution"]))
    pairs.append((rejected.id, again.id, "light_edit", ["light_substitution"], "none"))
    decoys.append(
      .init(
        application: again.id, related: [rejected.id],
        description: "resubmission of a proposal rejected in 2022 (未立项): similar, but no rule is broken"))

    // The same content sent to the provincial program this year is not a municipal program.
    let provincialField = domain()
    let provincialOrg = enterprise(room: 1, domain: provincialField)
    let provincial = addArchive(
      program: .provincial, year: 2023, status: "申报", organisation: provincialOrg, lead: factory.person(),
      domain: provincialField)
    let parallel = addBatch(
      derive(
        from: provincial, id: nextBatchID(), program: Self.call, year: Self.callYear, status: "申报",
        lead: factory.person(), edits: ["light_substitution"]))
    pairs.append((provincial.id, parallel.id, "light_edit", ["light_substitution"], "none"))
    // No rule of the notice is broken, but no high overlap passes silently (issue 13): a warning.
    expect(
      parallel.id, "high-copy-ratio", related: [provincial.id],
      plantedCase: "same content in 省重点研发计划 2023 (provincial, not 市级其他类型科技计划), other lead",
      note: "warning, not error: allowed by the notice, shown for a reviewer (possible double funding)")

    // Submitted late on the last day: still in time.
    let lastDay = addBatch(
      newBatch(organisation: enterprise(room: 1, domain: domain())), submittedAt: "2024-01-31 22:47:10")
    decoys.append(
      .init(
        application: lastDay.id, related: [],
        description: "submitted 2024-01-31 22:47, on the deadline day: in time"))
  }

  // MARK: archive filler

  mutating func addArchiveFiller(count: Int) {
    let others = [Program.forwardLooking, .transfer, .openCompetition, .livelihood, .provincial, .national]
    for _ in 0..<count {
      let year = random.int(2019...2023)
      // The 2023 forward-looking call is the batch itself, never part of the archive.
      let program = random.pick(year == 2023 ? Array(others.dropFirst()) : others)
      let status: String
      if year == 2023 {
        status = random.pick(["申报", "申报", "立项", "未立项"])
      } else {
        status = random.pick(["未立项", "立项", "在研", "结题", "结题"])
      }
      let finalStatus = status == "立项" && year < 2023 ? (year <= 2020 ? "结题" : "在研") : status
      let field = domain()
      let organisation =
        random.chance(0.15)
        ? factory.institution(Institution.all[random.int(3...(Institution.all.count - 1))])
        : outsideEnterprise(domain: field)
      _ = addArchive(
        program: program, year: year, status: finalStatus, organisation: institutionOrSame(organisation),
        lead: factory.person(), domain: field)
    }
    // Registry rows without documents (older paper-only projects).
    for index in 0..<max(4, count / 4) {
      let program = random.pick(others)
      let year = random.int(2019...2022)
      let status = year <= 2020 ? "结题" : random.pick(["在研", "结题"])
      let field = domain()
      let title = ProseComposer(
        bank: bank, domain: field, random: SeededGenerator(seed: seed, stream: "registry-\(index)")
      ).titleOnly()
      addRegistry(
        number: "\(program.prefix)\(year)-R\(index + 10)", program: program, year: year, status: status,
        title: title,
        organisation: outsideEnterprise(domain: field), lead: factory.person())
    }
  }

  /// Institutions keep one credit code per world.
  mutating func institutionOrSame(_ organisation: Organisation) -> Organisation {
    guard !organisation.isEnterprise else { return organisation }
    if let known = institutions[organisation.name] { return known }
    institutions[organisation.name] = organisation
    return organisation
  }
}

extension ProseComposer {
  func titleOnly() -> String {
    var copy = self
    return copy.title()
  }
}
