import ChachongModel
import Testing

@testable import Integrity

@Suite struct FormalRuleTests {
  let engine = RuleEngine()

  func evaluate(_ applications: [Application], registry: [RegistryEntry] = []) throws -> [ApplicationFindings]
  {
    engine.evaluate(RuleInput(call: try Fixtures.call(), applications: applications, registry: registry))
  }

  @Test func cleanApplicationsHaveNoFindings() throws {
    let results = try evaluate((1...4).map { RuleFixtures.application($0) })
    for result in results {
      #expect(result.findings.isEmpty, "\(result.application.id): \(result.findings.map(\.message.en))")
    }
  }

  @Test func identityChecksum() throws {
    var bad = RuleFixtures.application(1)
    let id = RuleFixtures.leadID(1)
    let wrong = String(id.prefix(17)) + (id.hasSuffix("0") ? "1" : "0")
    RuleFixtures.setting(&bad, FormFieldName.leadID, manifest: wrong)
    var badCode = RuleFixtures.application(2)
    let code = RuleFixtures.creditCode(2)
    RuleFixtures.setting(&badCode, FormFieldName.creditCode, manifest: String(code.prefix(17)) + "I")
    let results = try evaluate([bad, badCode, RuleFixtures.application(3)])
    let finding = try #require(results.findings(of: bad.id).first { $0.rule == .identityChecksum })
    #expect(finding.severity == .error)
    #expect(finding.message.zh.contains(IdentityKey.mask(wrong)))
    #expect(!finding.message.zh.contains(wrong) && !finding.message.en.contains(wrong))
    #expect(results.rules(of: badCode.id) == [.identityChecksum])
    #expect(results.rules(of: RuleFixtures.application(3).id).isEmpty)
  }

  @Test func titleFormatIsAWarning() throws {
    var short = RuleFixtures.application(1)
    RuleFixtures.setting(&short, FormFieldName.title, manifest: "储能系统研发")
    var noSuffix = RuleFixtures.application(2)
    RuleFixtures.setting(&noSuffix, FormFieldName.title, manifest: "面向海上风电的新型储能系统关键技术研究")
    var long = RuleFixtures.application(3)
    RuleFixtures.setting(
      &long, FormFieldName.title, manifest: "面向海上风电与分布式光伏协同的新型高安全长寿命储能系统关键技术研发")
    let results = try evaluate([short, noSuffix, long])
    var both = RuleFixtures.application(4)
    RuleFixtures.setting(&both, FormFieldName.title, manifest: "储能研究")
    let bothFindings = try evaluate([both]).findings(of: both.id)
    #expect(bothFindings.count == 1)
    #expect(bothFindings.first?.message.zh == "项目名称「储能研究」共4个字，建议控制在15-25个字，未以“研发”结尾")
    #expect(results.findings(of: short.id).count == 1)
    #expect(results.findings(of: short.id).first?.message.zh.contains("未以“研发”结尾") == false)
    for id in [short.id, noSuffix.id, long.id] {
      #expect(results.rules(of: id) == [.titleFormat])
      #expect(results.findings(of: id).allSatisfy { $0.severity == .warning })
    }
    let longTitle = long.title ?? ""
    #expect(results.findings(of: long.id).first?.message.zh.contains("共\(longTitle.count)个字") == true)
  }

  @Test func budgetLimits() throws {
    var lowTotal = RuleFixtures.application(1)
    RuleFixtures.setting(&lowTotal, FormFieldName.totalBudget, manifest: "150")
    RuleFixtures.setting(&lowTotal, FormFieldName.requestedFunding, manifest: "70")
    var overShare = RuleFixtures.application(2)
    RuleFixtures.setting(&overShare, FormFieldName.totalBudget, manifest: "180")
    RuleFixtures.setting(&overShare, FormFieldName.requestedFunding, manifest: "95")
    var overMaximum = RuleFixtures.application(3)
    RuleFixtures.setting(&overMaximum, FormFieldName.totalBudget, manifest: "500万元")
    RuleFixtures.setting(&overMaximum, FormFieldName.requestedFunding, manifest: "1,200,000元")
    var atLimits = RuleFixtures.application(4)
    RuleFixtures.setting(&atLimits, FormFieldName.totalBudget, manifest: "150.01")
    RuleFixtures.setting(&atLimits, FormFieldName.requestedFunding, manifest: "75")
    let results = try evaluate([lowTotal, overShare, overMaximum, atLimits])
    #expect(results.rules(of: lowTotal.id) == [.budget])
    #expect(results.findings(of: lowTotal.id).first?.message.zh.contains("未超过150万元") == true)
    #expect(results.rules(of: overShare.id) == [.budget])
    #expect(results.findings(of: overShare.id).first?.message.en.contains("50%") == true)
    #expect(results.rules(of: overMaximum.id) == [.budget])
    #expect(results.findings(of: overMaximum.id).first?.message.zh.contains("超过最高100万元") == true)
    #expect(results.rules(of: atLimits.id).isEmpty)
  }

  @Test func missingBudgetIsOnlyInfo() throws {
    var missing = RuleFixtures.application(1)
    missing.fields[FormFieldName.totalBudget] = nil
    let results = try evaluate([missing])
    #expect(results.rules(of: missing.id).isEmpty)
    #expect(results.rules(of: missing.id, atLeast: .info) == [.budget])
  }

  @Test func guideCode() throws {
    var unknown = RuleFixtures.application(1)
    RuleFixtures.setting(&unknown, FormFieldName.guideCode, form: "6001 智能制造")
    var known = RuleFixtures.application(2)
    RuleFixtures.setting(&known, FormFieldName.guideCode, form: "5002智能医疗")
    let results = try evaluate([unknown, known])
    #expect(results.rules(of: unknown.id) == [.guideCode])
    #expect(results.rules(of: known.id).isEmpty)
  }

  @Test func leadDegree() throws {
    var master = RuleFixtures.application(1)
    RuleFixtures.setting(&master, FormFieldName.degree, form: "硕士")
    var postdoc = RuleFixtures.application(2)
    RuleFixtures.setting(&postdoc, FormFieldName.degree, form: "博士后")
    let results = try evaluate([master, postdoc])
    #expect(results.rules(of: master.id) == [.leadDegree])
    #expect(results.rules(of: postdoc.id).isEmpty)
  }

  @Test func deadlines() throws {
    var late = RuleFixtures.application(1)
    late.submittedAt = "2024-02-01 00:00:01"
    var lastMinute = RuleFixtures.application(2)
    lastMinute.submittedAt = "2024-01-31 23:59"
    var latePaper = RuleFixtures.application(3)
    latePaper.paperSubmittedAt = "2024年2月6日"
    var paperOnTime = RuleFixtures.application(4)
    paperOnTime.paperSubmittedAt = "2024-02-05"
    let results = try evaluate([late, lastMinute, latePaper, paperOnTime])
    #expect(results.rules(of: late.id) == [.deadline])
    #expect(results.rules(of: lastMinute.id).isEmpty)
    #expect(results.rules(of: latePaper.id) == [.deadline])
    #expect(results.rules(of: paperOnTime.id).isEmpty)
  }

  @Test func manifestMismatch() throws {
    var application = RuleFixtures.application(1)
    RuleFixtures.setting(&application, FormFieldName.totalBudget, manifest: "300", form: "3,000,000元")
    RuleFixtures.setting(&application, FormFieldName.requestedFunding, manifest: "100", form: "90")
    RuleFixtures.setting(&application, FormFieldName.lead, manifest: "张 伟", form: "张伟")
    let otherID = RuleFixtures.leadID(77)
    RuleFixtures.setting(
      &application, FormFieldName.leadID, manifest: RuleFixtures.leadID(1), form: otherID)
    let results = try evaluate([application])
    let findings = results.findings(of: application.id).filter { $0.rule == .manifestMismatch }
    #expect(findings.count == 2)
    #expect(findings.contains { $0.message.zh.hasPrefix("申请资助") })
    let idFinding = try #require(findings.first { $0.message.zh.hasPrefix("负责人身份证号") })
    #expect(idFinding.message.zh.contains(IdentityKey.mask(otherID)))
    #expect(!idFinding.message.zh.contains(otherID))
    #expect(findings.allSatisfy { $0.severity == .warning })
  }

  @Test func paperOnlineMismatch() throws {
    var application = RuleFixtures.application(1)
    application.paperDifferences = ["项目名称不同", "第3节第2段改动"]
    let results = try evaluate([application, RuleFixtures.application(2)])
    #expect(results.rules(of: application.id) == [.paperOnlineMismatch])
    #expect(results.rules(of: RuleFixtures.application(2).id).isEmpty)
  }

  @Test func disabledRulesAreSilent() throws {
    var call = try Fixtures.call()
    call.rules[.leadDegree]?.enabled = false
    var master = RuleFixtures.application(1)
    RuleFixtures.setting(&master, FormFieldName.degree, form: "硕士")
    let results = engine.evaluate(RuleInput(call: call, applications: [master]))
    #expect(results.rules(of: master.id, atLeast: .info).isEmpty)
  }
}
