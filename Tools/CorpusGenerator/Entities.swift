struct Person: Sendable, Equatable {
  var name: String
  var idNumber: String
  var degree: String
  var title: String
  var birthYear: Int
}

struct Organisation: Sendable, Equatable {
  var name: String
  var creditCode: String
  var county: String
  var recommender: String
  var enterpriseType: String
  var regionCode: String
  var isEnterprise: Bool
  var founded: Int
  var capital: Int
}

/// The funding programs of the bureau's world. `prefix` starts every document id of the program.
struct Program: Sendable, Equatable {
  var name: String
  var prefix: String
  var level: String
  var documentTitle: String

  static let forwardLooking = Program(
    name: "前瞻性技术创新专项", prefix: "QZ", level: "市级",
    documentTitle: "南通市重点研发计划（前瞻性技术创新专项）项目申报书")
  static let transfer = Program(
    name: "科技成果转化专项", prefix: "CG", level: "市级", documentTitle: "南通市科技成果转化专项资金项目申报书")
  static let openCompetition = Program(
    name: "揭榜挂帅", prefix: "JB", level: "市级", documentTitle: "南通市“揭榜挂帅”科技项目申报书")
  static let livelihood = Program(
    name: "社会民生科技计划", prefix: "MS", level: "市级", documentTitle: "南通市社会民生科技计划项目申报书")
  static let provincial = Program(
    name: "省重点研发计划", prefix: "SZ", level: "省级", documentTitle: "江苏省重点研发计划项目申报书")
  static let national = Program(
    name: "国家重点研发计划", prefix: "GZ", level: "国家级", documentTitle: "国家重点研发计划项目申报书")

  static let all: [Program] = [forwardLooking, transfer, openCompetition, livelihood, provincial, national]
}

/// Amounts in hundredths of 万元, printed as the bureau's forms print them.
struct WanYuan: Sendable, Equatable, Comparable {
  var hundredths: Int

  init(hundredths: Int) { self.hundredths = hundredths }
  init(_ wan: Int) { self.hundredths = wan * 100 }

  static func < (lhs: WanYuan, rhs: WanYuan) -> Bool { lhs.hundredths < rhs.hundredths }

  var text: String {
    let whole = hundredths / 100
    let fraction = hundredths % 100
    if fraction == 0 { return String(whole) }
    if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  var value: Double { Double(hundredths) / 100 }
}

enum FormLayout: String, Codable, Sendable {
  case twoColumn, fourColumn
}

/// The fields of the 科技项目综合信息表, as written into the document.
struct ApplicationForm: Sendable, Equatable {
  var title: String
  var organisation: Organisation
  var guideCode: String
  var lead: Person
  var totalBudget: WanYuan
  var requestedFunding: WanYuan
}

/// A body block of an application section.
enum BodyBlock: Sendable, Equatable {
  case paragraph(String)
  case subheading(String)
  case table(DocTable)
}

struct ApplicationSection: Sendable, Equatable {
  var heading: String
  var instruction: String
  var blocks: [BodyBlock]
}

/// A whole application (or archived application) before it becomes a Word file.
struct Application: Sendable {
  var id: String
  var program: Program
  var year: Int
  var status: String
  var form: ApplicationForm
  var layout: FormLayout
  var headingStyle: HeadingStyleVariant
  var sections: [ApplicationSection]
  var team: [Person]
  var startDate: String
  var endDate: String
}
