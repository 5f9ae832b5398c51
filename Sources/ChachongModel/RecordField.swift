/// The one field vocabulary of chachong: every field a manifest header (附件2 汇总表 and
/// identity/budget columns), a registry header or a `.jsonl` key can name, with the Chinese and
/// English spellings accepted for each. Ingest, check, the registry and the service all read
/// columns through this table, so a header means the same field everywhere.
///
/// Headers whose field is a personal ID number of someone other than the lead (联系人身份证号 …)
/// are recognised by ``isPersonalIDHeader(_:)`` so that no layer keeps them in plain text.
public enum RecordField: String, Sendable, CaseIterable, Codable {
  case serial, id, file, paperFile, title, organisation, creditCode, county, recommendingUnit
  case enterpriseType, carrier, guideCode, lead, leadID, degree, totalBudget, requestedFunding
  case program, year, status, submittedAt, paperSubmittedAt, startDate, endDate, remarks, projectNumber
  /// A document's own text (`.jsonl` records).
  case text

  /// Accepted headers, compared after `RecordField.normalizeHeader`.
  public var headers: [String] {
    switch self {
    case .serial: return ["序号", "no", "serial"]
    case .id: return ["网上申报编号", "申报编号", "编号", "id", "applicationid"]
    case .file: return ["文件", "文件名", "申报书", "file", "path", "filename"]
    case .paperFile: return ["纸质文件", "纸质版", "纸质材料", "paperfile", "paper"]
    case .title: return ["项目名称", "名称", "title", "projecttitle", "project"]
    case .organisation:
      return ["申报单位", "承担单位", "单位名称", "企业名称", "organisation", "organization", "org", "company", "applicant"]
    case .creditCode:
      return ["统一社会信用代码", "信用代码", "creditcode", "uscc", "socialcreditcode", "unifiedsocialcreditcode"]
    case .county: return ["所在县（市）", "所在县（市、区）", "所在地区", "county", "district"]
    case .recommendingUnit: return ["推荐单位", "主管部门", "recommendingunit", "recommender"]
    case .enterpriseType: return ["申报企业类型", "企业类型", "单位类型", "enterprisetype", "organisationtype"]
    case .carrier: return ["所在创新载体类型及名称", "创新载体", "carrier"]
    case .guideCode: return ["指南编号", "指南代码", "guidecode", "guide"]
    case .lead: return ["项目负责人", "负责人", "lead", "pi", "leader", "principalinvestigator", "projectlead"]
    case .leadID:
      return ["负责人身份证号", "身份证号", "身份证号码", "负责人身份证号码", "leadid", "piid", "idnumber", "leadidnumber"]
    case .degree: return ["学历", "负责人学历", "degree", "leaddegree"]
    case .totalBudget: return ["研发总投入", "总投入", "项目总投入", "totalbudget", "budget", "total"]
    case .requestedFunding: return ["申请资助", "申请资助经费", "申请市资助", "资助", "funding", "requestedfunding"]
    case .program: return ["计划类别", "计划类型", "计划", "program", "programme"]
    case .year: return ["年度", "年份", "year"]
    case .status: return ["状态", "项目状态", "status"]
    case .submittedAt:
      return ["提交时间", "网上提交时间", "网上申报时间", "申报时间", "submittedat", "submitted", "submissiontime"]
    case .paperSubmittedAt: return ["纸质提交时间", "纸质材料提交时间", "纸质受理时间", "papersubmittedat"]
    case .startDate: return ["起始日期", "开始日期", "起始时间", "startdate", "start"]
    case .endDate: return ["结束日期", "截止日期", "结束时间", "enddate", "end"]
    case .remarks: return ["备注", "remarks", "note", "notes"]
    case .projectNumber: return ["项目编号", "立项编号", "合同编号", "projectid", "projectnumber", "projectno"]
    case .text: return ["text", "正文"]
    }
  }

  /// Lower-cased, without spaces, underscores, hyphens, a BOM or a unit in brackets
  /// (研发总投入（万元） → 研发总投入).
  public static func normalizeHeader(_ header: String) -> String {
    var text = ""
    for scalar in header.unicodeScalars {
      switch scalar {
      case "\u{FEFF}", " ", "\t", "\u{3000}", "_", "-", "\n", "\r": continue
      case "(": text.unicodeScalars.append("（")
      case ")": text.unicodeScalars.append("）")
      default: text.unicodeScalars.append(scalar)
      }
    }
    for unit in ["（万元）", "（元）", "（万）"] where text.hasSuffix(unit) {
      text = String(text.dropLast(unit.count))
    }
    return text.lowercased()
  }

  private static let lookup: [String: RecordField] = {
    var map: [String: RecordField] = [:]
    for column in RecordField.allCases {
      for header in column.headers {
        let key = normalizeHeader(header)
        if map[key] == nil { map[key] = column }
      }
    }
    return map
  }()

  /// The column a header names, or nil when it is not one chachong uses.
  public static func column(forHeader header: String) -> RecordField? {
    lookup[normalizeHeader(header)]
  }

  /// Whether a header that is not the lead's ID column still names a personal ID number
  /// (联系人身份证号, 参与人员身份证号码, "contact ID number"): such columns are never stored or shown
  /// in plain text.
  public static func isPersonalIDHeader(_ header: String) -> Bool {
    let key = normalizeHeader(header)
    return key.contains("身份证") || key.contains("证件号") || key.contains("idnumber")
      || key.contains("idcard")
  }
}
