import Foundation

// Generated from Corpora/calls/nantong-2023.json (a test keeps the two identical), so the binary
// needs no resource files to know its default call.
extension CallConfiguration {
  /// The JSON of the shipped default call, byte for byte the file in Corpora/calls/.
  public static let nantong2023JSON = #"""
    {
      "schemaVersion": 1,
      "program": "重点研发计划（前瞻性技术创新专项）",
      "programAliases": [
        "前瞻性技术创新专项",
        "市重点研发计划（前瞻性技术创新专项）",
        "南通市重点研发计划（前瞻性技术创新专项）",
        "重点研发计划-前瞻性技术创新专项"
      ],
      "year": 2023,
      "documentNumber": "通科资〔2023〕116号",
      "guideCodes": [
        {
          "code": "1001",
          "name": "人工智能",
          "area": "未来数字产业"
        },
        {
          "code": "1002",
          "name": "量子信息",
          "area": "未来数字产业"
        },
        {
          "code": "1003",
          "name": "未来网络",
          "area": "未来数字产业"
        },
        {
          "code": "2001",
          "name": "深海空天开发",
          "area": "未来空间产业"
        },
        {
          "code": "3001",
          "name": "氢能与储能",
          "area": "未来能源产业"
        },
        {
          "code": "4001",
          "name": "纳米与智能材料",
          "area": "未来材料产业"
        },
        {
          "code": "4002",
          "name": "第三代半导体",
          "area": "未来材料产业"
        },
        {
          "code": "5001",
          "name": "细胞和基因技术",
          "area": "未来健康产业"
        },
        {
          "code": "5002",
          "name": "智能医疗",
          "area": "未来健康产业"
        }
      ],
      "budget": {
        "minimumTotalExclusive": 150,
        "maximumFundingShare": 0.5,
        "maximumFunding": 100
      },
      "titleRule": {
        "minimumLength": 15,
        "maximumLength": 25,
        "suffix": "研发"
      },
      "degree": {
        "accepted": [
          "博士"
        ]
      },
      "quotas": {
        "defaultLimit": 6,
        "classes": [
          {
            "name": "苏锡通、通州湾、创新区",
            "limit": 3,
            "units": [
              "苏锡通科技产业园区",
              "通州湾示范区",
              "南通创新区"
            ],
            "aliases": [
              "苏锡通",
              "通州湾",
              "创新区"
            ]
          }
        ],
        "exempt": {
          "enterpriseTypes": [
            "高校",
            "高等院校",
            "科研院所",
            "科研机构",
            "研究院所"
          ],
          "nameKeywords": [
            "大学",
            "学院",
            "研究院",
            "研究所",
            "研究中心"
          ],
          "nameExclusions": [
            "公司",
            "企业",
            "厂"
          ]
        }
      },
      "deadlines": {
        "online": "2024-01-31T23:59:59+08:00",
        "paper": "2024-02-05T23:59:59+08:00"
      },
      "barringPrograms": [
        "科技成果转化",
        "揭榜挂帅"
      ],
      "nonMunicipalProgramMarkers": [
        "省",
        "国家"
      ],
      "statuses": {
        "running": [
          "在研"
        ],
        "funded": [
          "立项",
          "在研",
          "结题"
        ],
        "submitted": "申报"
      },
      "similarity": {
        "duplicate-submission": {
          "jaccard": 0.5,
          "containment": 0.8,
          "minimumSharedCharacters": 500
        },
        "cross-program-same-year": {
          "jaccard": 0.4,
          "containment": 0.6,
          "minimumSharedCharacters": 500
        },
        "previously-funded": {
          "jaccard": 0.4,
          "containment": 0.6,
          "minimumSharedCharacters": 500
        },
        "plagiarism": {
          "jaccard": 0.3,
          "containment": 0.1,
          "minimumSharedCharacters": 500,
          "minimumPassageCharacters": 200
        }
      },
      "rules": {
        "duplicate-submission": {
          "severity": "error",
          "notice": "凡属重复申报的，取消评审资格。"
        },
        "one-per-enterprise": {
          "severity": "error",
          "notice": "一个企业本年度限报一个本计划项目。"
        },
        "enterprise-running-project": {
          "severity": "error",
          "notice": "有市科技成果转化、市“揭榜挂帅”在研项目的企业不得申报本计划项目。"
        },
        "cross-program-same-year": {
          "severity": "error",
          "notice": "同一企业本年度已将相同研究内容或相近课题申报市级其他类型科技计划的，或者以前年度已获市级及以上科技计划立项支持的，不得申报。"
        },
        "previously-funded": {
          "severity": "error",
          "notice": "同一企业本年度已将相同研究内容或相近课题申报市级其他类型科技计划的，或者以前年度已获市级及以上科技计划立项支持的，不得申报。"
        },
        "one-per-lead": {
          "severity": "error",
          "notice": "同一项目负责人限报一个项目。"
        },
        "lead-running-project": {
          "severity": "error",
          "notice": "在研项目负责人不得牵头申报项目，同一项目负责人本年度申报本计划项目，不得同时申报市级其他科技计划项目。"
        },
        "lead-other-program": {
          "severity": "error",
          "notice": "在研项目负责人不得牵头申报项目，同一项目负责人本年度申报本计划项目，不得同时申报市级其他科技计划项目。"
        },
        "plagiarism": {
          "severity": "error",
          "notice": "严禁剽窃他人科研成果、侵犯他人知识产权、伪造材料骗取申报资格等科研不端及失信行为。"
        },
        "paper-online-mismatch": {
          "severity": "warning",
          "notice": "纸质材料和网上填报的内容须完全一致。"
        },
        "title-format": {
          "severity": "warning",
          "notice": "项目名称须科学规范，能够体现攻关的技术创新点或解决的关键核心问题，一般以“XXX研发”作为后缀，项目名称尽量控制在15-25个字。"
        },
        "budget": {
          "severity": "error",
          "notice": "申报本计划项目研发总投入不得少于150万元（不含），立项后将按照不超过项目研发总投入的50%、最高100万元给予资助。"
        },
        "guide-code": {
          "severity": "error",
          "notice": "项目符合本计划定位要求，属于《指南》支持的领域和方向。"
        },
        "quota": {
          "severity": "warning",
          "notice": "各县（市、区）、开发区科技局推荐项目不超过6项，苏锡通、通州湾、创新区推荐项目不超过3项，高校科研院所不受申报名额限制。"
        },
        "lead-degree": {
          "severity": "error",
          "notice": "项目具有较好的前期研发基础，创新水平居国内前列，项目负责人有博士及以上学历，团队具有较高的学术水平和创新能力，优先支持市级以上高层次人才团队牵头组织和申报项目。"
        },
        "identity-checksum": {
          "severity": "error"
        },
        "deadline": {
          "severity": "error",
          "notice": "本年度项目申报材料网上填报及主管部门网上审核推荐截止时间为2024年1月31日，项目申报纸质材料受理截止时间为2024年2月5日，逾期不予受理。"
        },
        "manifest-mismatch": {
          "severity": "warning",
          "notice": "申报单位对申报材料真实性、完整性和有效性负主体责任，项目申报书经项目负责人和参与人员签字确认后方可报送。"
        }
      }
    }
    """#

  /// The 2023 Nantong call (通科资〔2023〕116号), the default of `chachong check`.
  public static func nantong2023() throws(CallConfigurationError) -> CallConfiguration {
    try decode(Data(nantong2023JSON.utf8), source: "built-in nantong-2023.json")
  }
}
