/// The call's program predicates (``CallConfiguration/isThisProgram(_:)``,
/// ``CallConfiguration/isMunicipalProgram(_:)``, ``CallConfiguration/isBarringProgram(_:)``)
/// for the program names of one check, each distinct name classified once: an archive repeats a
/// handful of program names over tens of thousands of records, and each predicate normalises the
/// name and the call's own names again. Names not seen at init are classified on the spot.
struct ProgramClasses {
  struct Class: Equatable {
    var isThis: Bool
    var isMunicipal: Bool
    var isBarring: Bool
  }

  let call: CallConfiguration
  private let known: [String: Class]

  init(call: CallConfiguration, names: some Sequence<String?>) {
    self.call = call
    var known: [String: Class] = [:]
    for case let name? in names where known[name] == nil {
      known[name] = Self.classify(name, call: call)
    }
    self.known = known
  }

  static func classify(_ name: String?, call: CallConfiguration) -> Class {
    Class(
      isThis: call.isThisProgram(name), isMunicipal: call.isMunicipalProgram(name),
      isBarring: call.isBarringProgram(name))
  }

  func of(_ name: String?) -> Class {
    if let name, let found = known[name] { return found }
    return Self.classify(name, call: call)
  }

  func isThis(_ name: String?) -> Bool { of(name).isThis }
  func isMunicipal(_ name: String?) -> Bool { of(name).isMunicipal }
  func isBarring(_ name: String?) -> Bool { of(name).isBarring }
}
