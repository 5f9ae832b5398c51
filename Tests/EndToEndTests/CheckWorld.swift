import Foundation
import Integrity

/// A hand-made bureau batch for the end-to-end check: every rule planted at least once, next to
/// clean applications. Bodies are deterministic pseudo-random Chinese text, so only planted
/// copies are similar.
struct CheckWorld {
  struct Planted: Hashable {
    var application: String
    var rule: RuleID
    var related: String?
  }

  let root: URL
  var planted: [Planted] = []
  var clean: [String] = []
  var leadIDs: [String] = []

  static let pool = Array(
    "研究开发系统技术关键材料性能结构设计制备工艺检测控制模型算法数据平台应用集成优化分析实验验证能源储存转换效率安全可靠"
      + "智能网络通信传感信号处理芯片器件封装测试标准专利成果转化产业市场团队人才合作创新基础理论方法过程参数条件环境温度压力"
      + "电池电极电解质催化反应分子结构表面界面纳米薄膜晶体半导体光电激光量子计算存储传输编码协议安全认证医疗诊断影像细胞基因")

  /// `count` characters of sentences from a seeded generator.
  static func body(seed: UInt64, count: Int) -> String {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    var text = ""
    var sentence = 0
    while text.count < count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let index = Int((state >> 33) % UInt64(pool.count))
      text.append(pool[index])
      sentence += 1
      if sentence >= 24 {
        text.append(state % 5 == 0 ? "。\n" : "。")
        sentence = 0
      }
    }
    return text
  }

  struct Applicant {
    var id: String
    var title = "面向海上风电的新型储能系统关键技术研发"
    var organisation: String
    var creditCode: String
    var lead: String
    var leadID: String
    var unit = "海安市科技局"
    var enterpriseType = "高新技术企业"
    var guideCode = "3001"
    var degree = "博士"
    var total = "300"
    var funding = "100"
    var formTotal: String?
    var submitted = "2024-01-20 10:00:00"
    var body: String
    var paperBody: String?
  }

  /// Recommending units with the default quota of six; applicants are spread over them.
  static let counties = [
    "海安市科技局", "如皋市科技局", "如东县科技局", "启东市科技局", "海门区科技局", "通州区科技局", "崇川区科技局",
  ]

  static func creditCode(_ number: Int) -> String {
    CreditCode.make(region: "320600", organizationBase: "MA" + String(200_000 + number))?.value ?? ""
  }

  static func leadID(_ number: Int) -> String {
    ResidentID.make(
      region: "320602", year: 1975 + number % 20, month: 1 + number % 12, day: 1 + number % 28,
      sequence: 100 + number)?.value ?? ""
  }

  static func applicant(_ number: Int, body: String? = nil) -> Applicant {
    Applicant(
      id: String(format: "NT2023-%03d", number), organisation: "南通第\(number)号科技有限公司",
      creditCode: creditCode(number), lead: "负责人\(number)", leadID: leadID(number),
      unit: counties[number % counties.count],
      body: body ?? CheckWorld.body(seed: UInt64(number), count: 1800))
  }

  init(root: URL) throws {
    self.root = root
    let fileManager = FileManager.default
    for folder in ["batch", "paper"] {
      try fileManager.createDirectory(
        at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    var applicants: [Applicant] = []
    var archive: [[String: Any]] = []
    var registry: [[String]] = []
    func plant(_ applicant: String, _ rule: RuleID, _ related: String? = nil) {
      planted.append(Planted(application: applicant, rule: rule, related: related))
    }

    // duplicate-submission: the same project twice from one enterprise (so also one-per-enterprise).
    var duplicate = CheckWorld.applicant(1)
    var duplicateCopy = CheckWorld.applicant(2, body: duplicate.body)
    duplicateCopy.organisation = duplicate.organisation
    duplicateCopy.creditCode = duplicate.creditCode
    duplicate.title = "面向海上风电的新型储能系统关键技术研发"
    applicants += [duplicate, duplicateCopy]
    plant(duplicate.id, .duplicateSubmission, duplicateCopy.id)
    plant(duplicateCopy.id, .duplicateSubmission, duplicate.id)
    plant(duplicate.id, .onePerEnterprise, duplicateCopy.id)
    plant(duplicateCopy.id, .onePerEnterprise, duplicate.id)

    // one-per-enterprise: two unrelated projects, one credit code.
    let enterpriseA = CheckWorld.applicant(3)
    var enterpriseB = CheckWorld.applicant(4)
    enterpriseB.creditCode = enterpriseA.creditCode
    applicants += [enterpriseA, enterpriseB]
    plant(enterpriseA.id, .onePerEnterprise, enterpriseB.id)
    plant(enterpriseB.id, .onePerEnterprise, enterpriseA.id)

    // enterprise-running-project: a running 科技成果转化专项 project in the registry.
    let running = CheckWorld.applicant(5)
    registry.append([
      "科技成果转化专项", "2022", "在研", "某成果转化项目", running.organisation, running.creditCode, "别人",
      CheckWorld.leadID(90), "2022-07-01", "2025-06-30", "CG2022-009",
    ])
    applicants.append(running)
    plant(running.id, .enterpriseRunningProject, "CG2022-009")

    // cross-program-same-year: the same content sent to 社会民生科技计划 2023 by the same enterprise.
    let cross = CheckWorld.applicant(6)
    archive.append(
      archived(
        "MS2023-006", "社会民生科技计划", 2023, "申报", cross.organisation, cross.creditCode, "别人甲", 91, cross.body))
    applicants.append(cross)
    plant(cross.id, .crossProgramSameYear, "MS2023-006")

    // previously-funded: content funded by this program in 2021 (结题).
    let funded = CheckWorld.applicant(7)
    archive.append(
      archived(
        "QZ2021-007", "前瞻性技术创新专项", 2021, "结题", funded.organisation, funded.creditCode, "别人乙", 92, funded.body)
    )
    applicants.append(funded)
    plant(funded.id, .previouslyFunded, "QZ2021-007")

    // high-copy-ratio: the same content sent to the provincial program this year breaks no rule
    // of the notice, but no high overlap passes silently (issue 13): a warning naming the source.
    let provincial = CheckWorld.applicant(28)
    archive.append(
      archived(
        "SZ2023-028", "省重点研发计划", 2023, "申报", provincial.organisation, provincial.creditCode, "别人丙", 93,
        provincial.body))
    applicants.append(provincial)
    plant(provincial.id, .highCopyRatio, "SZ2023-028")

    // one-per-lead: one lead at two units.
    let leadA = CheckWorld.applicant(8)
    var leadB = CheckWorld.applicant(9)
    leadB.lead = leadA.lead
    leadB.leadID = leadA.leadID
    applicants += [leadA, leadB]
    plant(leadA.id, .onePerLead, leadB.id)
    plant(leadB.id, .onePerLead, leadA.id)

    // lead-running-project: the lead runs a 社会民生科技计划 project (registry, by ID number).
    let runningLead = CheckWorld.applicant(10)
    registry.append([
      "社会民生科技计划", "2022", "在研", "某民生项目", "南通某医院", "", runningLead.lead, runningLead.leadID,
      "2022-07-01", "2025-06-30", "MS2022-010",
    ])
    applicants.append(runningLead)
    plant(runningLead.id, .leadRunningProject, "MS2022-010")

    // lead-other-program: the lead also applies to 社会民生科技计划 2023 (archive, other unit).
    let otherProgram = CheckWorld.applicant(11)
    archive.append(
      archived(
        "MS2023-011", "社会民生科技计划", 2023, "申报", "南通某研究所", nil, otherProgram.lead, 11,
        CheckWorld.body(seed: 1011, count: 1500)))
    applicants.append(otherProgram)
    plant(otherProgram.id, .leadOtherProgram, "MS2023-011")

    // plagiarism: section 二 (1500 characters) copied from another organisation's 2021 application.
    let copiedSection = CheckWorld.body(seed: 2012, count: 1500)
    let source =
      CheckWorld.body(seed: 3012, count: 800) + "\n二、研究内容\n" + copiedSection + "\n三、预期成果\n"
      + CheckWorld.body(seed: 4012, count: 700)
    let plagiarist = CheckWorld.applicant(
      12, body: CheckWorld.body(seed: 12, count: 2500) + "\n二、研究内容\n" + copiedSection)
    archive.append(archived("MS2021-012", "社会民生科技计划", 2021, "未立项", "别家公司", nil, "别人丙", 93, source))
    applicants.append(plagiarist)
    plant(plagiarist.id, .plagiarism, "MS2021-012")

    // Formal rules, one application each.
    var title = CheckWorld.applicant(13)
    title.title = "储能系统研究"
    plant(title.id, .titleFormat)
    var budget = CheckWorld.applicant(14)
    budget.total = "150"
    budget.funding = "60"
    plant(budget.id, .budget)
    var guide = CheckWorld.applicant(15)
    guide.guideCode = "6001"
    plant(guide.id, .guideCode)
    var degree = CheckWorld.applicant(16)
    degree.degree = "硕士"
    plant(degree.id, .leadDegree)
    var identity = CheckWorld.applicant(17)
    identity.leadID = String(identity.leadID.prefix(17)) + (identity.leadID.hasSuffix("1") ? "2" : "1")
    plant(identity.id, .identityChecksum)
    var late = CheckWorld.applicant(18)
    late.submitted = "2024-02-01 09:00:00"
    plant(late.id, .deadline)
    var mismatch = CheckWorld.applicant(19)
    mismatch.formTotal = "260万元"
    plant(mismatch.id, .manifestMismatch)
    var paper = CheckWorld.applicant(20)
    paper.paperBody = String(paper.body.prefix(900)) + "纸质版改写的一段话。\n" + String(paper.body.dropFirst(900))
    plant(paper.id, .paperOnlineMismatch)
    applicants += [title, budget, guide, degree, identity, late, mismatch, paper]

    // quota: 苏锡通科技产业园区 recommends four (limit three).
    var quota: [Applicant] = []
    for number in 21...24 {
      var applicant = CheckWorld.applicant(number)
      applicant.unit = "苏锡通科技产业园区经科局"
      quota.append(applicant)
    }
    for applicant in quota {
      for other in quota where other.id != applicant.id { plant(applicant.id, .quota, other.id) }
    }
    applicants += quota

    // Clean: two enterprises and a university (three from the innovation district: at its quota).
    var cleanApplicants = [CheckWorld.applicant(25), CheckWorld.applicant(26), CheckWorld.applicant(27)]
    cleanApplicants[2].organisation = "南通大学"
    cleanApplicants[2].enterpriseType = "高校"
    for index in cleanApplicants.indices { cleanApplicants[index].unit = "南通创新区人才科技局" }
    applicants += cleanApplicants
    clean = cleanApplicants.map(\.id)

    leadIDs = applicants.map(\.leadID)
    try write(applicants: applicants, archive: archive, registry: registry)
  }

  func archived(
    _ id: String, _ program: String, _ year: Int, _ status: String, _ organisation: String,
    _ creditCode: String?,
    _ lead: String, _ leadNumber: Int, _ text: String
  ) -> [String: Any] {
    var record: [String: Any] = [
      "id": id, "program": program, "year": year, "status": status, "title": "某项目",
      "organisation": organisation,
      "lead": lead, "leadID": CheckWorld.leadID(leadNumber), "text": text,
    ]
    if let creditCode { record["creditCode"] = creditCode }
    return record
  }

  func form(_ applicant: Applicant, body: String) -> String {
    """
    项目名称：\(applicant.title)
    申报单位：\(applicant.organisation)
    统一社会信用代码：\(applicant.creditCode)
    项目负责人：\(applicant.lead)
    身份证号：\(applicant.leadID)
    学历：\(applicant.degree)
    指南编号：\(applicant.guideCode)
    研发总投入：\(applicant.formTotal ?? applicant.total + "万元")
    申请资助：\(applicant.funding)万元

    一、立项依据
    \(body)
    """
  }

  func write(applicants: [Applicant], archive: [[String: Any]], registry: [[String]]) throws {
    var manifest = [
      "网上申报编号,文件,纸质文件,项目名称,申报单位,统一社会信用代码,所在县（市）,推荐单位,申报企业类型,指南编号,项目负责人,"
        + "负责人身份证号,研发总投入（万元）,申请资助（万元）,计划类别,年度,状态,提交时间"
    ]
    for applicant in applicants {
      let file = "batch/\(applicant.id).txt"
      try form(applicant, body: applicant.body).write(
        to: root.appendingPathComponent(file), atomically: true, encoding: .utf8)
      var paperFile = ""
      if let paperBody = applicant.paperBody {
        paperFile = "paper/\(applicant.id).txt"
        try form(applicant, body: paperBody).write(
          to: root.appendingPathComponent(paperFile), atomically: true, encoding: .utf8)
      }
      manifest.append(
        [
          applicant.id, file, paperFile, applicant.title, applicant.organisation, applicant.creditCode, "海安市",
          applicant.unit, applicant.enterpriseType, applicant.guideCode, applicant.lead, applicant.leadID,
          applicant.total, applicant.funding, "前瞻性技术创新专项", "2023", "申报", applicant.submitted,
        ].joined(separator: ","))
    }
    try ("\u{FEFF}" + manifest.joined(separator: "\r\n") + "\r\n").write(
      to: root.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
    let registryHeader = "计划类别,年度,状态,项目名称,承担单位,统一社会信用代码,项目负责人,负责人身份证号,起始日期,结束日期,项目编号"
    try ([registryHeader] + registry.map { $0.joined(separator: ",") }).joined(separator: "\n").write(
      to: root.appendingPathComponent("registry.csv"), atomically: true, encoding: .utf8)
    var lines: [String] = []
    for record in archive {
      let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
      lines.append(String(decoding: data, as: UTF8.self))
    }
    try (lines.joined(separator: "\n") + "\n").write(
      to: root.appendingPathComponent("archive.jsonl"), atomically: true, encoding: .utf8)
  }
}
