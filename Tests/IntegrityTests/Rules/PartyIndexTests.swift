import ChachongModel
import Testing

@testable import Integrity

/// The keyed lookups the registry and batch rules use must never miss a record the matching
/// predicates accept (they would silently drop a finding): over every pair of a varied set of
/// spellings, each accepted pair is among the candidates.
@Suite struct PartyIndexTests {
  static let names: [String?] = [
    "南通星海科技有限公司", "星海科技（南通）有限公司", "南通 星海科技股份有限公司", "江海新材料有限公司", "有限公司", nil, "",
  ]
  static let codes: [String?] = [
    "91320600MA1XYZ1234", "91320600ma1xyz1234", "９１３２０６００ＭＡ１ＸＹＺ１２３４", "123", nil,
  ]
  static let leads: [String?] = ["张 伟", "张伟", "Zhang Wei", "zhangwei", "李娜", nil]
  static let keys: [String?] = ["k1", "k2", nil]

  static var parties: [PartyIndex.Party] {
    var parties: [PartyIndex.Party] = []
    for (index, name) in names.enumerated() {
      for code in codes {
        parties.append(
          .init(
            creditCode: code, organisation: name, lead: leads[index % leads.count],
            leadIDKey: keys[(index + (code?.count ?? 0)) % keys.count]))
      }
    }
    return parties
  }

  @Test func organisationCandidatesContainEveryAcceptedMatch() {
    let parties = Self.parties
    let index = PartyIndex(parties)
    for probe in parties {
      let candidates = Set(
        index.organisationCandidates(creditCode: probe.creditCode, name: probe.organisation))
      for (position, party) in parties.enumerated()
      where EntityMatching.sameOrganisation(
        creditCode: probe.creditCode, name: probe.organisation, creditCode: party.creditCode,
        name: party.organisation)
      {
        #expect(candidates.contains(position), "\(probe) misses \(party)")
      }
    }
  }

  @Test func leadCandidatesContainEveryNameOrKeyMatch() {
    let parties = Self.parties
    let index = PartyIndex(parties)
    for probe in parties {
      let candidates = index.leadCandidates(leadIDKey: probe.leadIDKey, lead: probe.lead)
      #expect(candidates == candidates.sorted() && Set(candidates).count == candidates.count)
      for (position, party) in parties.enumerated() {
        let byKey = probe.leadIDKey != nil && probe.leadIDKey == party.leadIDKey
        let byName =
          probe.lead.map(EntityMatching.normalizedPerson).map { !$0.isEmpty } == true
          && probe.lead.map(EntityMatching.normalizedPerson)
            == party.lead.map(EntityMatching.normalizedPerson)
        if byKey || byName { #expect(candidates.contains(position)) }
      }
    }
  }
}
