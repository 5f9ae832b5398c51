import ChachongModel
import Testing

@testable import Integrity

@Suite struct BatchRuleTests {
  let engine = RuleEngine()

  func evaluate(
    _ applications: [Application], archive: [DocumentRecord] = [], registry: [RegistryEntry] = []
  ) throws -> [ApplicationFindings] {
    engine.evaluate(
      RuleInput(call: try Fixtures.call(), applications: applications, archive: archive, registry: registry))
  }

  @Test func quotaPerRecommendingUnit() throws {
    let overCounty = (1...7).map { RuleFixtures.application($0, unit: "如皋市科技局") }
    let atCounty = (11...16).map { RuleFixtures.application($0, unit: "海门区科技局") }
    let overPark = (21...24).map { RuleFixtures.application($0, unit: "苏锡通科技产业园区经科局") }
    let university = (31...33).map {
      RuleFixtures.application($0, unit: "南通创新区人才科技局", organisation: "南通大学第\($0)研究团队")
    }
    let atInnovation = (41...43).map { RuleFixtures.application($0, unit: "南通创新区人才科技局") }
    let results = try evaluate(overCounty + atCounty + overPark + university + atInnovation)
    for application in overCounty + overPark {
      #expect(results.rules(of: application.id) == [.quota], "\(application.id)")
    }
    let parkFinding = try #require(results.findings(of: overPark[0].id).first)
    #expect(parkFinding.related.map(\.id) == overPark.dropFirst().map(\.id))
    #expect(parkFinding.message.zh.contains("超过限额3项"))
    for application in atCounty + university + atInnovation {
      #expect(results.rules(of: application.id).isEmpty, "\(application.id)")
    }
  }

  @Test func onePerEnterpriseByCreditCodeOrName() throws {
    let first = RuleFixtures.application(1)
    let sameCode = RuleFixtures.application(2, organisation: "完全不同的名字有限公司", creditNumber: 1)
    var sameNameNoCode = RuleFixtures.application(3, organisation: "南通第1科技股份有限公司")
    sameNameNoCode.fields[FormFieldName.creditCode] = nil
    let other = RuleFixtures.application(4)
    let universityA = RuleFixtures.application(5, organisation: "南通大学")
    var universityB = RuleFixtures.application(6, organisation: "南通大学")
    universityB.fields[FormFieldName.creditCode] = universityA.fields[FormFieldName.creditCode]
    let results = try evaluate([first, sameCode, sameNameNoCode, other, universityA, universityB])
    let finding = try #require(results.findings(of: first.id).first { $0.rule == .onePerEnterprise })
    #expect(finding.related.map(\.id) == [sameCode.id, sameNameNoCode.id])
    #expect(results.rules(of: sameCode.id).contains(.onePerEnterprise))
    #expect(results.rules(of: sameNameNoCode.id).contains(.onePerEnterprise))
    #expect(results.rules(of: other.id).isEmpty)
    #expect(!results.rules(of: universityA.id).contains(.onePerEnterprise))
  }

  @Test func onePerEnterpriseAlsoCountsEarlierSubmissionsOfThisCall() throws {
    let application = RuleFixtures.application(1)
    let earlier = RuleFixtures.archive(
      "NT2023-OLD", program: "前瞻性技术创新专项", year: 2023, status: "申报", organisation: "南通第1科技有限公司",
      creditNumber: 1)
    let sameIDInArchive = RuleFixtures.archive(
      application.id, program: "前瞻性技术创新专项", year: 2023, status: "申报", organisation: "南通第1科技有限公司",
      creditNumber: 1)
    let results = try evaluate([application], archive: [earlier, sameIDInArchive])
    let finding = try #require(results.findings(of: application.id).first { $0.rule == .onePerEnterprise })
    #expect(finding.related.map(\.id) == ["NT2023-OLD"])
  }

  @Test func onePerLeadByIDOrNameAndOrganisation() throws {
    let first = RuleFixtures.application(1, lead: "王芳", leadSequence: 500)
    let sameID = RuleFixtures.application(2, lead: "王 芳", leadSequence: 500)
    var sameNameSameOrgNoID = RuleFixtures.application(
      3, organisation: "南通第1科技有限公司", lead: "王芳", creditNumber: 1)
    sameNameSameOrgNoID.fields[FormFieldName.leadID] = nil
    let sameNameOtherOrg = RuleFixtures.application(4, lead: "王芳", leadSequence: 501)
    let results = try evaluate([first, sameID, sameNameSameOrgNoID, sameNameOtherOrg])
    let finding = try #require(results.findings(of: first.id).first { $0.rule == .onePerLead })
    // The third has no ID: it is matched by name within the same organisation.
    #expect(finding.related.map(\.id) == [sameID.id, sameNameSameOrgNoID.id])
    #expect(!results.rules(of: sameNameOtherOrg.id).contains(.onePerLead))
    #expect(
      finding.related.allSatisfy { ($0.leadIDMasked ?? "").contains("**********") || $0.leadIDMasked == nil })
  }
}
