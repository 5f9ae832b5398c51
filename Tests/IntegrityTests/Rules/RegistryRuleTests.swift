import ChachongModel
import Testing

@testable import Integrity

@Suite struct RegistryRuleTests {
  let engine = RuleEngine()

  func evaluate(
    _ applications: [Application], archive: [DocumentRecord] = [], registry: [RegistryEntry] = []
  ) throws -> [ApplicationFindings] {
    engine.evaluate(
      RuleInput(call: try Fixtures.call(), applications: applications, archive: archive, registry: registry))
  }

  @Test func enterpriseWithARunningProjectOfABarringProgram() throws {
    let barred = RuleFixtures.application(1)
    let byName = RuleFixtures.application(2)
    let otherProgram = RuleFixtures.application(3)
    let completed = RuleFixtures.application(4)
    let registry = [
      RegistryEntry(
        row: 1, program: "市科技成果转化专项", year: 2022, status: "在研", title: "X", organisation: "改名后的公司",
        creditCode: RuleFixtures.creditCode(1)),
      RegistryEntry(row: 2, program: "市“揭榜挂帅”项目", year: 2021, status: "在研", organisation: "南通第2科技股份有限公司"),
      RegistryEntry(
        row: 3, program: "社会民生科技计划", year: 2022, status: "在研", organisation: "南通第3科技有限公司",
        creditCode: RuleFixtures.creditCode(3)),
      RegistryEntry(
        row: 4, program: "科技成果转化专项", year: 2019, status: "结题", organisation: "南通第4科技有限公司",
        creditCode: RuleFixtures.creditCode(4)),
    ]
    let results = try evaluate([barred, byName, otherProgram, completed], registry: registry)
    let finding = try #require(results.findings(of: barred.id).first { $0.rule == .enterpriseRunningProject })
    #expect(finding.related.map(\.id) == ["registry:1"])
    #expect(finding.related.first?.source == .registry)
    #expect(results.rules(of: byName.id) == [.enterpriseRunningProject])
    #expect(results.rules(of: otherProgram.id).isEmpty)
    #expect(results.rules(of: completed.id).isEmpty)
  }

  @Test func leadWithARunningProject() throws {
    let byID = RuleFixtures.application(1, leadSequence: 600)
    let byName = RuleFixtures.application(2, lead: "李雷")
    let finished = RuleFixtures.application(3, leadSequence: 602)
    let registry = [
      RegistryEntry(
        row: 1, program: "社会民生科技计划", year: 2022, status: "在研", organisation: "别的单位", lead: "另一个名字",
        leadID: RuleFixtures.leadID(600)),
      RegistryEntry(
        row: 2, program: "产业前瞻与关键核心技术", year: 2021, status: "在研", organisation: "南通第2科技有限公司",
        lead: "李雷"),
      RegistryEntry(
        row: 3, program: "社会民生科技计划", year: 2019, status: "结题", organisation: "南通第3科技有限公司",
        lead: "负责人3", leadID: RuleFixtures.leadID(602)),
    ]
    let results = try evaluate([byID, byName, finished], registry: registry)
    // ID numbers win over names: the registry's name differs but the ID matches.
    #expect(results.rules(of: byID.id) == [.leadRunningProject])
    // No ID in the registry row: name plus organisation.
    #expect(results.rules(of: byName.id) == [.leadRunningProject])
    #expect(results.rules(of: finished.id).isEmpty)
  }

  @Test func leadInAnotherProgramThisYear() throws {
    let application = RuleFixtures.application(1, leadSequence: 700)
    let lastYear = RuleFixtures.application(2, leadSequence: 701)
    let archive = [
      RuleFixtures.archive(
        "SM2023-9", program: "社会民生科技计划", year: 2023, status: "申报", organisation: "别的单位",
        leadSequence: 700),
      RuleFixtures.archive(
        "SM2022-9", program: "社会民生科技计划", year: 2022, status: "未立项", organisation: "别的单位",
        leadSequence: 701),
    ]
    let results = try evaluate([application, lastYear], archive: archive)
    let finding = try #require(results.findings(of: application.id).first { $0.rule == .leadOtherProgram })
    #expect(finding.related.map(\.id) == ["SM2023-9"])
    #expect(results.rules(of: lastYear.id).isEmpty)
  }

  @Test func readsRegistryTablesWithAliases() throws {
    let header = [
      "\u{FEFF}Program", "year", "状态", "项目名称", "承担单位", "credit_code", "PI", "负责人身份证号", "起始日期", "end date",
    ]
    let rows = [
      ["科技成果转化专项", "2022年", "在研", "T", "U", "C", "L", "ID", "2022-01-01", "2024-12-31"],
      ["", "", "", "", "", "", "", "", "", ""],
    ]
    let entries = try RegistryTable.entries(header: header, rows: rows)
    #expect(entries.count == 1)
    #expect(entries[0].program == "科技成果转化专项")
    #expect(entries[0].year == 2022)
    #expect(entries[0].creditCode == "C")
    #expect(entries[0].lead == "L")
    #expect(entries[0].leadID == "ID")
    #expect(entries[0].endDate == "2024-12-31")
    #expect(throws: RegistryTable.Problem.missingColumns(["状态"])) {
      try RegistryTable.entries(header: ["计划类别", "年度"], rows: [])
    }
  }
}
