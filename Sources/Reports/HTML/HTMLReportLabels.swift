import ChachongModel
import Matching

extension HTMLReportRenderer {
  /// Fixed interface words of the report in its language.
  struct Labels {
    let zh: Bool
    init(_ language: HTMLReportLanguage) { zh = language == .zh }

    var overview: String { zh ? "批次概览" : "Batch overview" }
    var severity: String { zh ? "级别" : "Severity" }
    var id: String { zh ? "编号" : "ID" }
    var projectTitle: String { zh ? "项目名称" : "Title" }
    var organisation: String { zh ? "申报单位" : "Organisation" }
    var lead: String { zh ? "项目负责人" : "Lead" }
    var rules: String { zh ? "规则" : "Rules" }
    var copyRatio: String { zh ? "文字复制比" : "Copy ratio" }
    var findings: String { zh ? "问题数" : "Findings" }
    var copiedCharacters: String { zh ? "复制字符数" : "Copied characters" }
    var largestSource: String { zh ? "单篇最大文字复制比" : "Largest single source" }
    var totalCopyRatio: String { zh ? "总文字复制比" : "Total copy ratio" }
    var excludingOwn: String { zh ? "去除本人已发表文献复制比" : "Excluding own earlier applications" }
    var kind: String { zh ? "类型" : "Kind" }

    func kindName(_ kind: PassageKind?) -> String {
      guard let kind, let match = PassageMatchKind(rawValue: kind.rawValue) else { return "—" }
      return zh ? match.chineseName : match.englishName
    }
    var templateCharacters: String { zh ? "模板及常见文字（已排除）" : "Template and common text (excluded)" }
    var section: String { zh ? "章节" : "Section" }
    var noFindings: String { zh ? "未发现问题。" : "No findings." }
    var relatedDocument: String { zh ? "相关文档" : "Related document" }
    var passages: String { zh ? "相似片段" : "Passages" }
    var application: String { zh ? "申报书" : "Application" }
    var offsets: String { zh ? "位置" : "offsets" }
    var characters: String { zh ? "字符数" : "Characters" }
    var textsMissing: String { zh ? "（文本不可用）" : "(texts not available)" }

    func elided(_ characters: Int) -> String {
      zh ? "……（略去\(characters)字）……" : "… (\(characters) characters omitted) …"
    }

    func severityName(_ severity: String) -> String {
      switch severity {
      case "error": zh ? "错误" : "error"
      case "warning": zh ? "警告" : "warning"
      case "info": zh ? "提示" : "info"
      case "clean": zh ? "通过" : "clean"
      default: severity
      }
    }
  }
}
