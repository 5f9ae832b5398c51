/// Where applications come from: the recommending units of the 2023 notice, with region codes
/// (GB/T 2260) used inside credit codes and ID numbers.
struct RecommendingArea: Sendable, Equatable {
  enum Kind: String, Codable, Sendable {
    /// 县（市、区）and the development zone: at most 6 recommendations.
    case county
    /// 苏锡通、通州湾、创新区: at most 3.
    case park
  }

  var county: String
  var recommender: String
  var regionCode: String
  var kind: Kind
  var shortName: String

  static let all: [RecommendingArea] = [
    .init(county: "崇川区", recommender: "崇川区科技局", regionCode: "320602", kind: .county, shortName: "崇川"),
    .init(county: "通州区", recommender: "通州区科技局", regionCode: "320612", kind: .county, shortName: "通州"),
    .init(county: "海门区", recommender: "海门区科技局", regionCode: "320614", kind: .county, shortName: "海门"),
    .init(county: "如皋市", recommender: "如皋市科技局", regionCode: "320682", kind: .county, shortName: "如皋"),
    .init(county: "海安市", recommender: "海安市科技局", regionCode: "320685", kind: .county, shortName: "海安"),
    .init(county: "如东县", recommender: "如东县科技局", regionCode: "320623", kind: .county, shortName: "如东"),
    .init(county: "启东市", recommender: "启东市科技局", regionCode: "320681", kind: .county, shortName: "启东"),
    .init(
      county: "南通经济技术开发区", recommender: "南通经济技术开发区人才科技局", regionCode: "320671", kind: .county,
      shortName: "南通"),
    .init(
      county: "苏锡通科技产业园区", recommender: "苏锡通科技产业园区经科局", regionCode: "320693", kind: .park,
      shortName: "南通"),
    .init(county: "通州湾示范区", recommender: "通州湾示范区经发局", regionCode: "320612", kind: .park, shortName: "南通"),
    .init(county: "南通创新区", recommender: "南通创新区人才科技局", regionCode: "320602", kind: .park, shortName: "南通"),
  ]

  static func named(_ county: String) -> RecommendingArea {
    all.first { $0.county == county } ?? all[0]
  }
}

/// Universities and research institutes recommend themselves and have no quota.
struct Institution: Sendable {
  var name: String
  var kind: String
  var county: String
  var regionCode: String

  static let all: [Institution] = [
    .init(name: "南通大学", kind: "高校", county: "崇川区", regionCode: "320602"),
    .init(name: "南通理工学院", kind: "高校", county: "通州区", regionCode: "320612"),
    .init(name: "南通职业大学", kind: "高校", county: "崇川区", regionCode: "320602"),
    .init(name: "江苏工程职业技术学院", kind: "高校", county: "崇川区", regionCode: "320602"),
    .init(name: "南通先进通信技术研究院", kind: "科研院所", county: "南通创新区", regionCode: "320602"),
    .init(name: "南通智能制造技术研究院", kind: "科研院所", county: "南通经济技术开发区", regionCode: "320671"),
  ]
}

enum NamePools {
  static let surnames = Array(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
  ).map(String.init)
  static let givenCharacters = Array(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣雪琳晨瑶怡佳琪嘉颖思睿博文哲楠宏建志国海峰晖毅诚昊然翔轩卓远航亮"
  ).map(String.init)
  static let brandCharacters = Array(
    "恒瑞华天中科海通博创新汇明辰宇泰鼎力凯金睿智联达盛源益诚安航远腾信星港润嘉正弘捷蓝驰晶云峰威拓启迈越"
  ).map(String.init)
  static let companySuffixes = ["科技有限公司", "技术有限公司", "股份有限公司", "科技股份有限公司", "有限公司"]
  static let titles = ["正高级工程师", "高级工程师", "研究员", "教授", "副研究员", "副教授", "高级工程师"]
  static let memberTitles = ["高级工程师", "工程师", "助理工程师", "副教授", "讲师", "研究员", "工程师"]
  static let memberDegrees = ["博士", "博士", "硕士", "硕士", "硕士", "本科"]
  static let birthRegions = [
    "320602", "320612", "320614", "320682", "320685", "320623", "320681", "320102", "320506", "321002",
    "340104", "370102", "330106", "420111", "610113",
  ]
  static let enterpriseTypes = ["高新技术企业", "科技型中小企业", "高新技术企业", "其他企业"]
}
