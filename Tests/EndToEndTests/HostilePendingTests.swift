import ArchiveStore
import Foundation
import IndexStore
import Testing

/// Issue 11's items 3, 5, 7 and 11, which live in the core: written against the binary before
/// they were fixed (each failed then), enabled as the core fixed them.
@Suite(.serialized)
struct HostilePendingTests {
  let binary = chachongBinary ?? URL(fileURLWithPath: "/nonexistent")

  private func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-pending-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  private static func application(_ seed: Int) -> String {
    let topics = ["柔性产线调度", "水质在线监测", "中药材溯源", "桥梁健康监测", "海上风电运维", "纺织印染节能"]
    let topic = topics[seed % topics.count]
    return "一、项目概述\n"
      + (0..<40).map { "本项目第\(seed)号围绕\(topic)开展第\($0)项研究，形成可推广的技术方案与示范应用。" }.joined()
  }

  /// Item 3: a cluster of ghost-written copies is a finding, never boilerplate that erases itself.
  @Test func sixIdenticalApplicationsInABatchOfTenAreFound() throws {
    let root = try folder()
    for index in 1...6 {
      try write(Self.application(0), to: root.appendingPathComponent("batch/copy\(index).txt"))
    }
    for index in 1...4 {
      try write(Self.application(index), to: root.appendingPathComponent("batch/own\(index).txt"))
    }
    let (status, output, _) = try runChachong(
      binary,
      [
        "check", "--index", root.appendingPathComponent("index").path, "--add",
        root.appendingPathComponent("batch").path,
      ])
    #expect(status == 1, "six identical applications reported clean")
    #expect(output.contains("copy1.txt") && output.contains("copy6.txt"))
  }

  /// Item 5: ID numbers written full-width, spaced, dashed or as 15-digit old numbers never
  /// appear unmasked in any output.
  @Test func idNumbersInEveryWrittenFormAreMasked() async throws {
    let root = try folder()
    let number = "320602198503120419"
    let fullWidth = String(
      String.UnicodeScalarView(number.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0) ?? $0 }))
    let forms = [
      number, fullWidth, "320602 19850312 0419", "320602-19850312-0419",
      String(number.prefix(6)) + "850312041",
    ]
    let text = "一、项目负责人\n" + forms.map { "身份证号：\($0)\n" }.joined() + Self.application(1)
    try write(text, to: root.appendingPathComponent("batch/id.txt"))
    let index = root.appendingPathComponent("index").path
    var outputs: [String] = []
    for arguments in [
      ["check", "--index", index, "--add", "--format", "html", root.appendingPathComponent("batch").path],
      ["check", "--index", index, "--format", "json", root.appendingPathComponent("batch").path],
      ["extract", root.appendingPathComponent("batch/id.txt").path], ["list", "--index", index],
    ] {
      let (_, output, errors) = try runChachong(binary, arguments)
      outputs.append(output + errors)
    }
    // Every stored byte too: the index's texts (decompressed) and records.
    let store = try DocumentIndex.open(directory: index, readOnly: true)
    let records = try store.list()
    #expect(!records.isEmpty)
    outputs.append(contentsOf: try store.textsNow(ids: records.map(\.id)).values)
    outputs.append(String(describing: records))
    for output in outputs {
      let digitsOnly = String(
        output.unicodeScalars.compactMap { scalar -> Character? in
          if (0xFF10...0xFF19).contains(scalar.value) {
            return Character(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
          }
          if CharacterSet.decimalDigits.contains(scalar) { return Character(scalar) }
          return scalar == " " || scalar == "-" ? nil : "|"
        })
      #expect(!digitsOnly.contains("19850312"), "an ID number appears unmasked")
      #expect(!digitsOnly.contains("850312041"), "a 15-digit ID number appears unmasked")
    }
  }

  /// Item 7: two files with the same stem in different folders are two documents (or an error),
  /// never one stored while "ingested 2" is printed.
  @Test func sameStemInTwoFoldersIsNotSilentlyLost() throws {
    let root = try folder()
    try write(Self.application(2), to: root.appendingPathComponent("a/report.txt"))
    try write(Self.application(3), to: root.appendingPathComponent("b/report.txt"))
    let index = root.appendingPathComponent("index").path
    let (status, _, _) = try runChachong(
      binary,
      [
        "ingest", "--index", index, root.appendingPathComponent("a").path,
        root.appendingPathComponent("b").path,
      ])
    let (_, list, _) = try runChachong(binary, ["list", "--index", index, "--format", "text"])
    let stored = list.split(separator: "\n").count
    #expect(status == 2 || stored == 2, "one of two documents lost with exit \(status)")
  }

  /// Item 11: a manifest row may only name files under the manifest's folder or the given paths.
  @Test func manifestPathsAreConfined() throws {
    let root = try folder()
    try write(Self.application(4), to: root.appendingPathComponent("batch/NT1.txt"))
    try write(
      "网上申报编号,文件,项目名称\nNT1,NT1.txt,甲\nNT2,/etc/passwd,乙\n",
      to: root.appendingPathComponent("batch/manifest.csv"))
    let index = root.appendingPathComponent("index").path
    let (status, _, errors) = try runChachong(
      binary,
      [
        "check", "--index", index, "--add", "--manifest",
        root.appendingPathComponent("batch/manifest.csv").path,
        root.appendingPathComponent("batch").path,
      ])
    #expect(status == 2)
    #expect(errors.contains("/etc/passwd"))
    let (_, list, _) = try runChachong(binary, ["list", "--index", index])
    #expect(!list.contains("passwd") && !list.contains("root:x:0:0"))
  }

  /// Item 11 for ingest: a row naming a file outside the manifest's folder and the given paths
  /// is an error naming it, and the file is not stored.
  @Test func ingestManifestPathsAreConfined() throws {
    let root = try folder()
    try write(Self.application(5), to: root.appendingPathComponent("archive/A1.txt"))
    try write(Self.application(0), to: root.appendingPathComponent("elsewhere/secret.txt"))
    try write(
      "编号,文件,项目名称\nA1,A1.txt,甲\nA2,../elsewhere/secret.txt,乙\nA3,/etc/passwd,丙\n",
      to: root.appendingPathComponent("archive/manifest.csv"))
    let index = root.appendingPathComponent("index").path
    let (status, _, errors) = try runChachong(
      binary,
      [
        "ingest", "--index", index, "--manifest", root.appendingPathComponent("archive/manifest.csv").path,
        root.appendingPathComponent("archive").path,
      ])
    #expect(status == 2)
    #expect(errors.contains("/etc/passwd") && errors.contains("secret.txt"), "\(errors)")
    let (_, list, _) = try runChachong(binary, ["list", "--index", index, "--format", "text"])
    #expect(list.contains("A1"))
    #expect(!list.contains("secret") && !list.contains("passwd") && !list.contains("A2"), "\(list)")
  }
}
