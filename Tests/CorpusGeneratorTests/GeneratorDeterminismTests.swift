import Foundation
import Integrity
import Testing

@testable import chachong_corpus

struct GeneratorDeterminismTests {
  static let regulations = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpora/text/regulations")

  /// Parsed once: reading 400 regulation files is the slow part of these tests.
  static let bank = Result { try TextBank(directory: regulations) }

  static func applications(seed: UInt64, count: Int) throws -> [chachong_corpus.Application] {
    var builder = WorldBuilder(bank: try bank.get(), seed: seed)
    var result: [chachong_corpus.Application] = []
    for index in 0..<count {
      let field = builder.domain()
      let organisation = builder.enterprise(room: 1, domain: field)
      let application = builder.newBatch(organisation: organisation, domain: field)
      result.append(builder.addBatch(application))
      #expect(application.id.hasSuffix(String(index + 1)))
    }
    return result
  }

  @Test func sameSeedGivesByteIdenticalWordFiles() throws {
    let first = try Self.applications(seed: 7, count: 3)
    let second = try Self.applications(seed: 7, count: 3)
    let other = try Self.applications(seed: 8, count: 3)
    for index in 0..<3 {
      let bytes = try DocxWriter.data(for: ApplicationTemplate.document(for: first[index]), name: "a")
      let again = try DocxWriter.data(for: ApplicationTemplate.document(for: second[index]), name: "b")
      let different = try DocxWriter.data(for: ApplicationTemplate.document(for: other[index]), name: "c")
      #expect(bytes == again)
      #expect(bytes != different)
    }
  }

  @Test func generatedNumbersHaveValidCheckCharactersAndRulesHold() throws {
    for application in try Self.applications(seed: 11, count: 6) {
      let form = application.form
      #expect(ResidentID.isValid(form.lead.idNumber))
      #expect(CreditCode.isValid(form.organisation.creditCode))
      #expect(form.title.hasSuffix("研发"))
      #expect((15...25).contains(form.title.count), "\(form.title)")
      #expect(form.totalBudget > WanYuan(150))
      #expect(form.requestedFunding.hundredths * 2 <= form.totalBudget.hundredths)
      #expect(form.requestedFunding <= WanYuan(100))
      #expect(GuideDomain.domain(code: form.guideCode) != nil)
    }
  }

  @Test func corruptedNumbersFailTheirChecks() {
    let id = IdentityNumbers.residentID(region: "320602", year: 1980, month: 5, day: 17, sequence: 123) ?? ""
    #expect(ResidentID.isValid(id))
    #expect(!ResidentID.isValid(IdentityNumbers.corruptedResidentID(id)))
    let code = IdentityNumbers.creditCode(prefix: "91", region: "320602", organizationBase: "MA1XK2PQ") ?? ""
    #expect(CreditCode.isValid(code))
    #expect(!CreditCode.isValid(IdentityNumbers.corruptedCreditCode(code)))
  }

  @Test func shingleContractMatchesTheReferenceDefinition() {
    // Whitespace and punctuation go, symbols and Latin stay; five code points per shingle.
    #expect(ShingleContract.normalized("研发 投入，（万元）℃ AB") == Array("研发投入万元℃AB".unicodeScalars.map(\.value)))
    let same = ShingleContract.shingles("一二三四五六七")
    #expect(same.count == 3)
    let overlap = ShingleContract.overlap(same, ShingleContract.shingles("一二三四五六八"))
    #expect(overlap.intersection == 2)
    #expect(overlap.jaccard == ShingleContract.rounded(2.0 / 4.0))
  }
}
