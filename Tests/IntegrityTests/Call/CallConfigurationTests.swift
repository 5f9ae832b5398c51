import Foundation
import Testing

@testable import Integrity

enum Fixtures {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let callsDirectory = packageRoot.appendingPathComponent("Corpora/calls")

  static func call() throws -> CallConfiguration { try CallConfiguration.nantong2023() }
}

@Suite struct CallConfigurationTests {
  @Test func shippedFileIsTheBuiltInDefault() throws {
    let url = Fixtures.callsDirectory.appendingPathComponent("nantong-2023.json")
    let data = try Data(contentsOf: url)
    let fromFile = try CallConfiguration.decode(data, source: url.path)
    #expect(fromFile == (try Fixtures.call()))
    let fileText = String(decoding: data, as: UTF8.self)
    #expect(fileText.trimmingCharacters(in: .newlines) == CallConfiguration.nantong2023JSON)
  }

  @Test func holdsTheNoticesNumbers() throws {
    let call = try Fixtures.call()
    #expect(call.year == 2023)
    #expect(
      call.guideCodes.map(\.code) == ["1001", "1002", "1003", "2001", "3001", "4001", "4002", "5001", "5002"])
    #expect(call.guideCode("4002")?.name == "第三代半导体")
    #expect(call.budget.minimumTotalExclusive == 150)
    #expect(call.budget.maximumFundingShare == 0.5)
    #expect(call.budget.maximumFunding == 100)
    #expect(call.titleRule == TitleRule(minimumLength: 15, maximumLength: 25, suffix: "研发"))
    #expect(call.deadlines.online == "2024-01-31T23:59:59+08:00")
    #expect(call.deadlines.paper == "2024-02-05T23:59:59+08:00")
    #expect(call.severity(for: .titleFormat) == .warning)
    #expect(call.severity(for: .duplicateSubmission) == .error)
    #expect(Set(call.rules.keys) == Set(RuleID.allCases))
  }

  @Test func everyNoticeSentenceIsQuotedExactly() throws {
    let notice = try String(
      contentsOf: Fixtures.callsDirectory.appendingPathComponent("nantong-2023-call-notice.txt"),
      encoding: .utf8)
    let call = try Fixtures.call()
    for rule in RuleID.allCases {
      guard let sentence = call.setting(for: rule).notice else {
        // The notice says nothing about check digits or copy ratios.
        #expect([.identityChecksum, .highCopyRatio].contains(rule), "\(rule.rawValue) quotes nothing")
        continue
      }
      #expect(notice.contains(sentence), "\(rule.rawValue) quotes text that is not in the notice")
    }
    // The call's own text, excluded from evidence, is the notice itself (with the guide's 研发方向).
    #expect(call.callText?.map(\.text) == [notice])
    #expect(notice.contains("研发方向："))
  }

  @Test func quotasByRecommendingUnitAndExemptions() throws {
    let quotas = try Fixtures.call().quotas
    #expect(quotas.limit(forUnit: "海安市科技局") == 6)
    #expect(quotas.limit(forUnit: "南通经济技术开发区人才科技局") == 6)
    #expect(quotas.limit(forUnit: "苏锡通科技产业园区经科局") == 3)
    #expect(quotas.limit(forUnit: "通州湾示范区经发局") == 3)
    #expect(quotas.limit(forUnit: "南通创新区人才科技局") == 3)
    #expect(quotas.limit(forUnit: "通州区科技局") == 6)
    #expect(quotas.exempt.isExempt(enterpriseType: nil, organisation: "南通大学"))
    #expect(quotas.exempt.isExempt(enterpriseType: "科研院所", organisation: "某某中心"))
    #expect(quotas.exempt.isExempt(enterpriseType: nil, organisation: "江苏省海洋水产研究所"))
    #expect(!quotas.exempt.isExempt(enterpriseType: nil, organisation: "南通智芯研究院有限公司"))
    #expect(!quotas.exempt.isExempt(enterpriseType: "高新技术企业", organisation: "南通某某科技有限公司"))
  }

  @Test func recognisesProgramNames() throws {
    let call = try Fixtures.call()
    #expect(call.isThisProgram("市重点研发计划（前瞻性技术创新专项）"))
    #expect(call.isThisProgram("前瞻性技术创新专项"))
    #expect(!call.isThisProgram("科技成果转化专项"))
    #expect(!call.isThisProgram(nil))
    #expect(call.isBarringProgram("南通市科技成果转化专项资金项目"))
    #expect(call.isBarringProgram("市“揭榜挂帅”项目"))
    #expect(!call.isBarringProgram("社会民生科技计划"))
  }

  /// The rules classify each program name once (`ProgramClasses`): the same answers as the call's
  /// predicates, for names seen at init and names seen later.
  @Test func programClassesAnswerAsTheCall() throws {
    let call = try Fixtures.call()
    let names: [String?] = [
      "市重点研发计划（前瞻性技术创新专项）", "前瞻性技术创新专项", "科技成果转化专项", "南通市科技成果转化专项资金项目",
      "市“揭榜挂帅”项目", "社会民生科技计划", "江苏省重点研发计划", "国家重点研发计划", "", nil,
    ]
    let classes = ProgramClasses(call: call, names: names.prefix(5))
    var seen = Set<String>()
    for name in names {
      let expected = ProgramClasses.Class(
        isThis: call.isThisProgram(name), isMunicipal: call.isMunicipalProgram(name),
        isBarring: call.isBarringProgram(name))
      #expect(classes.of(name) == expected, "\(name ?? "nil")")
      seen.insert("\(expected.isThis)\(expected.isMunicipal)\(expected.isBarring)")
    }
    // The names cover different answers (else equal answers would prove little).
    #expect(seen.count >= 3)
  }

  @Test func namesTheFileAndTheKeyOnBadInput() throws {
    var object = try #require(
      JSONSerialization.jsonObject(with: Data(CallConfiguration.nantong2023JSON.utf8)) as? [String: Any])
    object.removeValue(forKey: "budget")
    let missing = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: CallConfigurationError.self) {
      try CallConfiguration.decode(missing, source: "calls/x.json")
    }
    do {
      _ = try CallConfiguration.decode(missing, source: "calls/x.json")
    } catch {
      #expect(error.description.hasPrefix("calls/x.json: "))
      #expect(error.description.contains("budget"))
    }
    do {
      _ = try CallConfiguration.decode(Data("{ not json".utf8), source: "bad.json")
      Issue.record("accepted invalid JSON")
    } catch {
      if case .invalidJSON = error.reason {} else { Issue.record("wrong reason \(error.reason)") }
    }
  }

  @Test func rejectsUnsupportedVersionsAndBadValues() throws {
    var call = try Fixtures.call()
    call.schemaVersion = 2
    #expect(throws: CallConfigurationError(source: "f", reason: .unsupportedSchemaVersion(2))) {
      try call.validate(source: "f")
    }
    call = try Fixtures.call()
    call.similarity[.plagiarism] = SimilarityThreshold(jaccard: 1.5, containment: 0.1)
    #expect(throws: CallConfigurationError.self) { try call.validate(source: "f") }
    call = try Fixtures.call()
    call.deadlines.online = "end of January"
    #expect(throws: CallConfigurationError.self) { try call.validate(source: "f") }
    call = try Fixtures.call()
    call.guideCodes.append(GuideCode(code: "1001", name: "again"))
    #expect(throws: CallConfigurationError.self) { try call.validate(source: "f") }
    call = try Fixtures.call()
    call.similarity[.budget] = .standard
    #expect(throws: CallConfigurationError.self) { try call.validate(source: "f") }
  }

  @Test func unknownRuleIdsAreRejected() throws {
    let text = CallConfiguration.nantong2023JSON.replacingOccurrences(
      of: "\"one-per-lead\": {", with: "\"one-per-leader\": {")
    #expect(throws: CallConfigurationError.self) {
      try CallConfiguration.decode(Data(text.utf8), source: "f")
    }
  }
}
