import ChachongModel

/// Who an organisation or a lead could be, found by key instead of by comparing every record with
/// every application: the candidates of a lookup are a superset of the records that
/// ``EntityMatching/sameOrganisation(creditCode:name:creditCode:name:)`` or
/// ``RuleContext/sameLead(_:leadIDKey:lead:creditCode:organisation:)`` accept, so the rules keep
/// those predicates as the one definition and apply them to a handful of candidates only.
///
/// Candidates come back as ascending positions in the indexed list, so findings list their
/// related documents in the same order as a scan of the whole list would.
struct PartyIndex {
  struct Party {
    var creditCode: String?
    var organisation: String?
    var lead: String?
    var leadIDKey: String?
  }

  private var byCreditCode: [String: [Int]] = [:]
  private var byOrganisation: [String: [Int]] = [:]
  private var byLeadIDKey: [String: [Int]] = [:]
  private var byLeadName: [String: [Int]] = [:]

  init(_ parties: [Party]) {
    for (position, party) in parties.enumerated() {
      if let code = EntityMatching.normalizedCreditCode(party.creditCode) {
        byCreditCode[code, default: []].append(position)
      }
      if let name = party.organisation {
        let normalized = EntityMatching.normalizedOrganisation(name)
        if !normalized.isEmpty { byOrganisation[normalized, default: []].append(position) }
      }
      if let key = party.leadIDKey { byLeadIDKey[key, default: []].append(position) }
      if let lead = party.lead {
        let normalized = EntityMatching.normalizedPerson(lead)
        if !normalized.isEmpty { byLeadName[normalized, default: []].append(position) }
      }
    }
  }

  /// Positions of parties that may be the organisation with this credit code or name.
  func organisationCandidates(creditCode: String?, name: String?) -> [Int] {
    var positions: [Int] = []
    if let code = EntityMatching.normalizedCreditCode(creditCode) { positions += byCreditCode[code] ?? [] }
    if let name { positions += byOrganisation[EntityMatching.normalizedOrganisation(name)] ?? [] }
    return Self.ascendingUnique(positions)
  }

  /// Positions of parties that may be led by the lead with this ID-number key or name.
  func leadCandidates(leadIDKey: String?, lead: String?) -> [Int] {
    var positions: [Int] = []
    if let leadIDKey { positions += byLeadIDKey[leadIDKey] ?? [] }
    if let lead { positions += byLeadName[EntityMatching.normalizedPerson(lead)] ?? [] }
    return Self.ascendingUnique(positions)
  }

  private static func ascendingUnique(_ positions: [Int]) -> [Int] {
    guard positions.count > 1 else { return positions }
    var sorted = positions.sorted()
    var write = 1
    for read in 1..<sorted.count where sorted[read] != sorted[write - 1] {
      sorted[write] = sorted[read]
      write += 1
    }
    return Array(sorted.prefix(write))
  }
}
