import Matching

/// Text that at least half of a batch's applications contain: the application form's headings,
/// labels and instruction lines, or passages of the guide every applicant quotes, when the call
/// did not give them as a template. Such text is left out of every score and passage of the check
/// like template text: it is evidence of the form, not of copying, and without it nearly every
/// pair of a large batch shares a tenth of its text and is aligned and listed as a source.
///
/// The bar is high on purpose. A cluster of copies must not erase its own evidence, so a shingle
/// counts only when at least `share` of the batch (default half) contains it, and only in a batch
/// of at least ``minimumApplications``: in a batch of 20, ten applications with one copied
/// passage would be needed, and a copy shared by half of a call's applications is the form itself.
/// The count is of applications, each counted once however often it repeats the shingle.
package struct BatchCommonText: Sendable, Equatable {
  /// Smaller batches never have batch-common text.
  package static let minimumApplications = 20

  /// The share of the batch's applications a shingle must be in (0 < share ≤ 1).
  package var share: Double
  /// The applications it was computed over.
  package var applications: Int
  /// The number of applications a shingle had to be in; nil when the batch is too small or the
  /// share is off.
  package var required: Int?
  /// The shingles in at least `share` of them (empty when the batch is too small).
  package var shingles: Set<UInt64>

  /// The number of applications a shingle must be in, or nil when the batch is too small or the
  /// share is off (≤ 0).
  package static func requiredApplications(share: Double, applications: Int) -> Int? {
    guard share > 0, applications >= minimumApplications else { return nil }
    let required = (min(share, 1) * Double(applications)).rounded(.up)
    return max(2, Int(required))
  }

  /// The batch-common shingles of the documents' shingle sequences (one per application, in any
  /// order, repeats allowed).
  package init(documents: [[UInt64]], share: Double) {
    self.init(shingles: BatchShingles(documents: documents), share: share)
  }

  /// The same from the batch's inverted list (built once for the check): a shingle's number of
  /// holders is the number of applications containing it. No hashing per shingle, and the result
  /// does not depend on the documents' order.
  package init(shingles: BatchShingles, share: Double) {
    self.share = share
    applications = shingles.count
    required = Self.requiredApplications(share: share, applications: shingles.count)
    guard let required else {
      self.shingles = []
      return
    }
    var common = Set<UInt64>()
    shingles.forEachShingle { hash, holders in
      if holders.count >= required { common.insert(hash) }
    }
    self.shingles = common
  }
}
