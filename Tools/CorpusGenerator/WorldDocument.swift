/// A document of a generated world with what the manifest and registry say about it.
struct WorldDocument: Sendable {
  enum Role: String, Sendable {
    case application, archive
  }

  var application: Application
  var role: Role
  var submittedAt: String
  /// Manifest values that deliberately differ from the form (manifest-mismatch cases).
  var manifestOverrides: [String: String] = [:]

  var id: String { application.id }
  var file: String { (role == .application ? "applications/" : "archive/") + application.id + ".docx" }
}

struct RegistryRow: Sendable {
  var number: String
  var program: String
  var year: Int
  var status: String
  var title: String
  var organisation: String
  var creditCode: String
  var lead: String
  var leadID: String
  var start: String
  var end: String
}
