/// Makes people and organisations with unique names and numbers, so that no two entities of a world
/// collide by accident (every shared identity in a world is planted).
struct EntityFactory {
  var random: SeededGenerator
  /// Large benchmark corpora cannot keep every person unique (the name space runs out).
  var enforceUniqueNames = true
  private var usedNames = Set<String>()
  private var usedIDs = Set<String>()
  private var usedCodes = Set<String>()
  private var usedOrganisations = Set<String>()

  init(random: SeededGenerator) {
    self.random = random
  }

  mutating func person(degree: String? = nil, title: String? = nil) -> Person {
    var name = ""
    repeat {
      name = random.pick(NamePools.surnames) + random.pick(NamePools.givenCharacters)
      if random.chance(0.6) { name += random.pick(NamePools.givenCharacters) }
    } while enforceUniqueNames && usedNames.contains(name)
    if enforceUniqueNames { usedNames.insert(name) }
    let birthYear = random.int(1966...1992)
    var id = ""
    repeat {
      id =
        IdentityNumbers.residentID(
          region: random.pick(NamePools.birthRegions), year: birthYear, month: random.int(1...12),
          day: random.int(1...28), sequence: random.int(0...999)) ?? ""
    } while id.isEmpty || (enforceUniqueNames && usedIDs.contains(id))
    if enforceUniqueNames { usedIDs.insert(id) }
    return Person(
      name: name, idNumber: id, degree: degree ?? "博士", title: title ?? random.pick(NamePools.titles),
      birthYear: birthYear)
  }

  mutating func member() -> Person {
    person(degree: random.pick(NamePools.memberDegrees), title: random.pick(NamePools.memberTitles))
  }

  mutating func creditCode(prefix: String, region: String) -> String {
    let characters = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    while true {
      var base = ""
      for index in 0..<8 {
        base.append(index < 2 ? random.pick(Array("MAL")) : random.pick(characters))
      }
      if let code = IdentityNumbers.creditCode(prefix: prefix, region: region, organizationBase: base),
        usedCodes.insert(code).inserted
      {
        return code
      }
    }
  }

  mutating func enterprise(area: RecommendingArea, domain: GuideDomain) -> Organisation {
    var name = ""
    repeat {
      let prefix = random.chance(0.7) ? "南通" : (random.chance(0.5) ? "江苏" : area.shortName)
      let brand = random.pick(NamePools.brandCharacters) + random.pick(NamePools.brandCharacters)
      name = prefix + brand + random.pick(domain.companyWords) + random.pick(NamePools.companySuffixes)
    } while usedOrganisations.contains(name)
    usedOrganisations.insert(name)
    return Organisation(
      name: name, creditCode: creditCode(prefix: "91", region: area.regionCode), county: area.county,
      recommender: area.recommender, enterpriseType: random.pick(NamePools.enterpriseTypes),
      regionCode: area.regionCode, isEnterprise: true, founded: random.int(1998...2019),
      capital: random.int(5...300) * 100)
  }

  /// Each institution exists once per world; calling twice returns the same organisation.
  mutating func institution(_ institution: Institution) -> Organisation {
    let code = creditCode(prefix: "12", region: institution.regionCode)
    usedOrganisations.insert(institution.name)
    return Organisation(
      name: institution.name, creditCode: code, county: institution.county, recommender: institution.name,
      enterpriseType: institution.kind, regionCode: institution.regionCode, isEnterprise: false,
      founded: random.int(1912...2005), capital: random.int(10...200) * 100)
  }

  /// Renames an organisation to a new, unused name in the same field (a planted rename).
  mutating func renamed(_ organisation: Organisation, domain: GuideDomain, area: RecommendingArea)
    -> Organisation
  {
    var result = enterprise(area: area, domain: domain)
    result.enterpriseType = organisation.enterpriseType
    return result
  }
}
