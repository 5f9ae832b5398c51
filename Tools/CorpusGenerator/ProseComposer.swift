/// Writes the body of an application: domain sentences from the guide's vocabulary with concrete
/// numbers, interleaved with formal sentences from the regulation texts.
struct ProseComposer {
  let bank: TextBank
  let domain: GuideDomain
  var random: SeededGenerator

  static let problems = [
    "精度不足", "稳定性差", "制造成本高", "能耗偏高", "核心部件依赖进口", "工艺一致性差", "可靠性不足", "环境适应性差",
    "实时性不足", "批量化能力弱", "标准体系缺失", "检测手段落后",
  ]
  static let methods = [
    "多尺度建模方法", "自适应控制策略", "低温制备工艺", "协同优化算法", "高通量表征技术", "数字孪生仿真方法",
    "在线监测与反馈校正技术", "分布式协同架构", "多物理场耦合分析方法", "轻量化结构设计", "全流程质量追溯体系",
    "模块化集成方案",
  ]
  static let qualities = ["综合性能", "可靠性", "使用寿命", "运行效率", "安全性", "一致性", "国产化水平"]
  static let actions = ["研究", "突破", "开发", "构建", "攻克", "优化", "验证", "建立"]
  static let domesticPeers = [
    "国内高校", "中国科学院相关研究所", "国内龙头企业", "长三角地区科研机构", "部分省属重点实验室", "行业骨干企业",
  ]
  static let foreignPeers = ["美国、日本等发达国家", "欧美头部企业", "国际领先研究机构", "德国、韩国相关企业"]
  static let stages = ["需求分析", "方案设计", "关键技术攻关", "样机研制", "测试验证", "中试验证", "示范应用", "总结验收"]
  static let staffRoles = ["总体方案设计", "算法研究", "工艺开发", "样机研制", "测试验证", "数据分析", "项目管理", "应用推广"]

  /// The regulation sentences (indexes into the bank) this document may use. A world hands each
  /// document its own share, so unrelated applications do not repeat each other's sentences;
  /// empty means any sentence.
  var quoted: [Int]

  init(bank: TextBank, domain: GuideDomain, random: SeededGenerator, quoted: [Int] = []) {
    self.bank = bank
    self.domain = domain
    self.random = random
    self.quoted = quoted
    // Each writer has a style: a few sentence patterns and connectives, not all of them.
    self.patterns = self.random.sample(Array(0...27), count: 8)
    self.connectives = self.random.sample(Self.openers, count: 3)
  }

  var patterns: [Int] = []
  var connectives: [String] = []

  mutating func term() -> String { random.pick(domain.terms) }
  mutating func scenario() -> String { random.pick(domain.scenarios) }
  mutating func product() -> String { random.pick(domain.products) }

  mutating func number(_ low: Double, _ high: Double, decimals: Int) -> String {
    let value = low + (high - low) * random.unit()
    if decimals == 0 { return String(Int(value.rounded())) }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale)
    var fraction = String(scaled % Int(scale))
    while fraction.count < decimals { fraction = "0" + fraction }
    return "\(whole).\(fraction)"
  }

  mutating func metricPhrase() -> String {
    let metric = random.pick(domain.metrics)
    let value = number(metric.2, metric.3, decimals: metric.4)
    let comparison = random.pick(["达到", "不低于", "优于", "提升至"])
    return "\(metric.0)\(comparison)\(value)\(metric.1)"
  }

  mutating func regulationSentence() -> String {
    guard !quoted.isEmpty else { return random.pick(bank.sentences).text }
    return bank.sentences[random.pick(quoted)].text
  }

  static let openers = ["", "同时，", "此外，", "另一方面，", "在此基础上，", "总体来看，", "进一步地，", "从应用端看，", "值得注意的是，", "与此同时，"]
  static let verbsOfStudy = ["研究", "探索", "分析", "论证", "评估", "梳理", "比较"]
  static let outcomes = ["显著提升", "明显改善", "有效降低", "大幅缩短", "稳步提高", "持续优化"]

  mutating func domainSentence() -> String {
    let opener = random.chance(0.25) ? random.pick(connectives.isEmpty ? Self.openers : connectives) : ""
    return opener + coreDomainSentence()
  }

  // swiftlint:disable:next function_body_length
  mutating func coreDomainSentence() -> String {
    let choice = patterns.isEmpty ? random.int(0...27) : random.pick(patterns)
    let term = self.term()
    switch choice {
    case 0:
      return "针对\(scenario())中\(term)\(random.pick(Self.problems))的问题，拟\(random.pick(Self.actions))"
        + "\(random.pick(Self.methods))，使\(metricPhrase())。"
    case 1:
      return "\(term)直接影响\(product())在\(scenario())中的\(random.pick(Self.qualities))。"
    case 2:
      return "\(random.pick(Self.foreignPeers))于\(random.int(2012...2021))年前后实现了\(product())的规模应用，"
        + "\(metricPhrase())。"
    case 3:
      return "\(random.pick(Self.domesticPeers))围绕\(term)做了不少工作，但\(scenario())方面的工程验证仍然偏少。"
    case 4:
      return "以\(product())为载体，把\(term)和\(self.term())结合起来，服务\(scenario())。"
    case 5:
      return "采用\(random.pick(Self.methods))处理\(term)的\(random.pick(Self.qualities))瓶颈，\(metricPhrase())。"
    case 6:
      return "\(scenario())对\(term)的需求年均增长约\(random.int(12...45))%，"
        + "\(random.int(2026...2030))年规模有望突破\(random.int(30...900))亿元。"
    case 7:
      return "课题组已完成\(term)原理样机，积累\(random.int(3...40))组实验数据。"
    case 8:
      return "\(product())须通过\(random.int(200...5000))小时连续运行考核，重点检验\(term)。"
    case 9:
      return "\(domain.name)产业链中，\(term)仍是短板，\(product())的关键部件需要自主可控。"
    case 10:
      return "按照\(scenario())的真实工况，安排\(random.int(20...300))批次\(term)试验。"
    case 11:
      return "\(product())推广到\(scenario())后，\(metricPhrase())。"
    case 12:
      return
        "\(random.pick(Self.verbsOfStudy))\(term)与\(self.term())之间的耦合机理，给出\(random.pick(Self.methods))的设计准则。"
    case 13:
      return "现有\(product())多数\(random.pick(Self.problems))，用户在\(scenario())中的体验并不理想。"
    case 14:
      return "拟与\(random.pick(Self.domesticPeers))共建\(term)联合实验室，开放共享测试数据。"
    case 15:
      return "\(term)方面，本单位已有\(random.int(2...15))项核心工艺，可直接移植到\(product())。"
    case 16:
      return
        "通过\(random.int(3...12))轮迭代，\(product())的\(random.pick(Self.qualities))\(random.pick(Self.outcomes))。"
    case 17:
      return "\(metricPhrase())，这是\(scenario())用户最关心的指标。"
    case 18:
      return
        "引入\(self.term())后，\(term)的\(random.pick(Self.qualities))可\(random.pick(Self.outcomes))，预计\(metricPhrase())。"
    case 19:
      return "项目组将在\(random.int(2024...2026))年完成\(product())第\(random.int(1...3))代样机。"
    case 20:
      return "\(scenario())场景下，\(term)面临\(random.pick(Self.problems))和\(random.pick(Self.problems))两方面挑战。"
    case 21:
      return "对标国际同类产品，\(product())在\(random.pick(Self.qualities))上仍差约\(random.int(5...40))%。"
    case 22:
      return "建设\(term)中试线一条，年测试能力\(random.int(500...20000))台次。"
    case 23:
      return "以\(random.pick(Self.methods))为主线，逐步完成\(term)从实验室到\(scenario())的转化。"
    case 24:
      return "\(term)相关标准尚不完善，项目将牵头起草\(random.int(1...3))项团体标准。"
    case 25:
      return "已与\(random.int(2...9))家\(scenario())用户签订试用意向，覆盖\(product())等产品。"
    case 26:
      return
        "我们对\(random.int(10...80))家企业的\(term)应用情况做了调研，\(random.int(40...90))%存在\(random.pick(Self.problems))。"
    default:
      return "\(product())的\(term)模块经第三方检测，\(metricPhrase())。"
    }
  }

  /// A paragraph of `count` sentences, about a third of them regulation sentences.
  mutating func paragraph(sentences count: Int, regulationShare: Double = 0.7) -> String {
    var text = ""
    for _ in 0..<count {
      text += random.chance(regulationShare) ? regulationSentence() : domainSentence()
    }
    return text
  }

  mutating func title() -> String {
    // 15–25 characters ending in 研发; built to fit so that clean applications pass the title rule.
    for _ in 0..<50 {
      let lead = random.pick(["基于", "面向", "", "高性能", "新一代"])
      let core: String
      switch random.int(0...3) {
      case 0: core = lead + term() + "的" + product()
      case 1: core = lead + scenario() + "的" + term() + "关键技术"
      case 2: core = term() + "与" + product()
      default: core = lead + product() + random.pick(["关键技术", "核心部件", "集成系统", "制备工艺"])
      }
      let candidate = core + "研发"
      let length = candidate.count
      if length >= 16, length <= 24, !candidate.contains(where: { $0.isASCII }) { return candidate }
    }
    return domain.name + "领域" + random.pick(domain.products) + "关键技术研发"
  }

  mutating func sections(
    form: ApplicationForm, team: [Person], startYear: Int, budget: [(String, WanYuan, WanYuan)]
  ) -> [ApplicationSection] {
    let organisation = form.organisation
    var result: [ApplicationSection] = []
    let templates = ApplicationTemplate.sections

    // 一、立项依据
    var basis: [BodyBlock] = []
    basis.append(
      .paragraph(
        random.pick([
          "当前，\(domain.industry)正处于技术突破和产业培育的关键窗口期。",
          "\(domain.name)是我市布局\(domain.industry)的重点方向之一。", "",
        ])
          + paragraph(sentences: random.int(18...30))))
    basis.append(.paragraph(paragraph(sentences: random.int(24...36))))
    basis.append(.paragraph(paragraph(sentences: random.int(24...36))))
    basis.append(
      .paragraph(
        "本项目由\(organisation.name)牵头实施，"
          + random.pick(["有助于提升\(term())的自主创新能力。", "对我市\(domain.name)产业集群建设意义重大。", ""])
          + paragraph(sentences: random.int(12...18))))
    result.append(
      ApplicationSection(heading: templates[0].heading, instruction: templates[0].instruction, blocks: basis))

    // 二、研究内容与技术路线
    var content: [BodyBlock] = [.subheading(ApplicationTemplate.subheadings[0])]
    for index in 1...random.int(3...4) {
      content.append(
        .paragraph(
          "研究内容\(index)：\(term())关键技术研究。" + paragraph(sentences: random.int(18...30), regulationShare: 0.6)))
    }
    content.append(.subheading(ApplicationTemplate.subheadings[1]))
    for index in 1...random.int(2...3) {
      content.append(
        .paragraph(
          "（\(index)）\(term())的\(random.pick(Self.qualities))提升问题。"
            + paragraph(sentences: random.int(12...24))))
    }
    content.append(.subheading(ApplicationTemplate.subheadings[2]))
    let stages = random.sample(Self.stages, count: 4)
    content.append(
      .paragraph(
        "项目采用“\(stages.joined(separator: "—"))”的总体技术路线。" + paragraph(sentences: random.int(24...36))))
    content.append(.paragraph(paragraph(sentences: random.int(18...30))))
    content.append(.subheading(ApplicationTemplate.subheadings[3]))
    var plan = ""
    for year in startYear..<(startYear + 3) {
      let stage = random.pick(Self.stages)
      plan += "\(year)年1月—\(year)年12月：完成\(term())的\(stage)，\(metricPhrase())；"
    }
    content.append(.paragraph(String(plan.dropLast()) + "。"))
    result.append(
      ApplicationSection(
        heading: templates[1].heading, instruction: templates[1].instruction, blocks: content))

    // 三、创新点
    var innovation: [BodyBlock] = []
    for (index, ordinal) in ["一", "二", "三"].enumerated() where index < random.int(2...3) {
      innovation.append(
        .paragraph(
          "创新点\(ordinal)：提出了基于\(random.pick(Self.methods))的\(term())新方法。"
            + paragraph(sentences: random.int(12...24), regulationShare: 0.6)))
    }
    result.append(
      ApplicationSection(
        heading: templates[2].heading, instruction: templates[2].instruction, blocks: innovation))

    // 四、预期目标及考核指标
    var goals: [BodyBlock] = []
    var indicators = "（一）技术指标："
    for index in 1...random.int(4...6) {
      indicators += "\(index).\(metricPhrase())；"
    }
    goals.append(.paragraph(String(indicators.dropLast()) + "。"))
    let patents = random.int(3...10)
    goals.append(
      .paragraph(
        "（二）知识产权：\(random.pick(["申请", "新申请", "提交"]))发明专利\(patents)件，其中授权\(random.int(1...max(1, patents / 2)))件；"
          + "登记软件著作权\(random.int(1...6))项。（三）标准：参与制定\(random.pick(["国家", "行业", "团体"]))标准"
          + "\(random.int(1...3))项。（四）应用成果：形成\(product())样机\(random.int(1...5))台（套），"
          + "在\(scenario())完成示范应用。" + paragraph(sentences: random.int(6...18))))
    result.append(
      ApplicationSection(heading: templates[3].heading, instruction: templates[3].instruction, blocks: goals))

    // 五、现有工作基础
    var foundation: [BodyBlock] = []
    let staff = random.int(60...900)
    foundation.append(
      .paragraph(
        "\(organisation.name)成立于\(organisation.founded)年，注册资本\(organisation.capital)万元，位于\(organisation.county)，"
          + "主营\(product())。\(random.pick(["单位现有职工", "现有员工", "在职人员"]))\(staff)人，研发人员"
          + "\(random.int(15...max(16, staff / 3)))人、博士\(random.int(2...30))人，近三年研发投入累计"
          + "\(random.int(800...20000))万元。" + paragraph(sentences: random.int(12...24), regulationShare: 0.7))
    )
    let patentYear = random.int(2016...2022)
    foundation.append(
      .paragraph(
        "\(random.pick(["已获授权发明专利", "拥有发明专利"]))\(random.int(5...80))项，\(random.pick(["代表性专利包括", "例如", "其中有"]))“一种\(term())的\(random.pick(Self.methods))”"
          + "（ZL\(patentYear)1\(random.int(1_000_000...9_999_999)).\(random.int(0...9))）等。"
          + paragraph(sentences: random.int(12...24), regulationShare: 0.7)))
    let lead = form.lead
    foundation.append(
      .paragraph(
        "项目负责人\(lead.name)，\(lead.degree)，\(lead.title)，\(random.pick(["长期从事", "多年从事", "主要研究"]))\(term())"
          + "，\(random.pick(["主持过", "承担过", "参与过"]))科技项目\(random.int(2...12))项，论文\(random.int(8...60))篇。"
          + paragraph(sentences: random.int(12...18))))
    result.append(
      ApplicationSection(
        heading: templates[4].heading, instruction: templates[4].instruction, blocks: foundation))

    // 六、经费预算
    let total = form.totalBudget
    let own = WanYuan(hundredths: total.hundredths - form.requestedFunding.hundredths)
    var budgetRows: [[DocTableCell]] = [
      [DocTableCell(text: "预算科目"), DocTableCell(text: "合计（万元）"), DocTableCell(text: "其中：申请资助（万元）")]
    ]
    for row in budget {
      budgetRows.append([
        DocTableCell(text: row.0), DocTableCell(text: row.1.text), DocTableCell(text: row.2.text),
      ])
    }
    budgetRows.append([
      DocTableCell(text: "合计"), DocTableCell(text: total.text),
      DocTableCell(text: form.requestedFunding.text),
    ])
    result.append(
      ApplicationSection(
        heading: templates[5].heading, instruction: templates[5].instruction,
        blocks: [
          .paragraph(
            "项目研发总投入\(total.text)万元，其中申请市财政资助\(form.requestedFunding.text)万元，单位自筹\(own.text)万元。"
              + "\(random.pick(["自筹资金主要用于", "自筹部分投向", "自有资金用于"]))\(product())的\(random.pick(Self.stages))。"),
          .table(DocTable(role: .budget, columnWidths: [3600, 2400, 2400], rows: budgetRows)),
        ]))

    // 七、项目组成员
    var teamRows: [[DocTableCell]] = [
      ["姓名", "单位", "职称", "学历", "项目分工"].map { DocTableCell(text: $0) }
    ]
    for (index, member) in team.enumerated() {
      let role = index == 0 ? "项目负责人，总体负责" : random.pick(Self.staffRoles)
      teamRows.append(
        [member.name, organisation.name, member.title, member.degree, role].map { DocTableCell(text: $0) })
    }
    let seniors = team.filter {
      $0.title.contains("高级") || $0.title.contains("教授") || $0.title.contains("研究员")
    }
    result.append(
      ApplicationSection(
        heading: templates[6].heading, instruction: templates[6].instruction,
        blocks: [
          .paragraph(
            "\(random.pick(["项目组共有成员", "团队成员", "参加人员共"]))\(team.count)人，高级职称\(seniors.count)人，涉及\(term())、\(self.term())等方向，"
              + random.pick(["结构合理。", "分工明确。", "老中青结合。"])),
          .table(DocTable(role: .team, columnWidths: [1400, 3000, 1600, 1000, 1600], rows: teamRows)),
        ]))
    return result
  }
}
