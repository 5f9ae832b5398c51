/// How many failed logins one client address may make in a sliding window before its login
/// attempts are answered 429. It complements the per-account lockout: someone trying many user
/// names from one machine never locks any one account, but is stopped here.
package struct AddressLoginLimits: Sendable, Equatable {
  /// Failed logins from one address within `windowSeconds` after which it must wait.
  package var failures: Int
  package var windowSeconds: Double

  package init(failures: Int = 20, windowSeconds: Double = 10 * 60) {
    self.failures = max(1, failures)
    self.windowSeconds = max(1, windowSeconds)
  }
}

/// Failed logins per client address, in memory (the web interface runs in one process; a
/// restart forgets them, the per-account lockout is stored). Behind a reverse proxy every
/// browser has the proxy's address, so the limit applies to all of them together: the address
/// is the TCP peer's, never a header a client could forge.
actor LoginThrottle {
  let limits: AddressLoginLimits
  let clock: @Sendable () -> Double
  /// At most this many addresses are remembered: a flood of addresses cannot grow memory
  /// without bound (the addresses whose last failure is oldest are forgotten first).
  let maximumAddresses: Int
  private var failures: [String: [Double]] = [:]

  init(limits: AddressLoginLimits, clock: @escaping @Sendable () -> Double, maximumAddresses: Int = 10_000) {
    self.limits = limits
    self.clock = clock
    self.maximumAddresses = max(1, maximumAddresses)
  }

  /// The key of a request without a known peer (tests, Unix sockets): one shared address.
  static func key(_ address: String?) -> String { address ?? "unknown" }

  /// Whole seconds until `address` may try again, or nil when it may try now.
  func retryAfter(_ address: String?) -> Int? {
    let now = clock()
    let key = Self.key(address)
    guard let times = failures[key] else { return nil }
    let recent = times.filter { $0 > now - limits.windowSeconds }
    failures[key] = recent.isEmpty ? nil : recent
    guard recent.count >= limits.failures, let oldest = recent.first else { return nil }
    // The oldest failure leaves the window then, and one more attempt is allowed.
    return max(1, Int((oldest + limits.windowSeconds - now).rounded(.up)))
  }

  /// Counts a failed login from `address`.
  func recordFailure(_ address: String?) {
    let now = clock()
    let key = Self.key(address)
    var recent = (failures[key] ?? []).filter { $0 > now - limits.windowSeconds }
    recent.append(now)
    // Only the last `failures` times matter for the decision.
    if recent.count > limits.failures { recent.removeFirst(recent.count - limits.failures) }
    failures[key] = recent
    if failures.count > maximumAddresses { forgetOldest(now: now) }
  }

  /// Drops addresses with no failure in the window, then (still too many) those whose last
  /// failure is oldest.
  private func forgetOldest(now: Double) {
    failures = failures.filter { $0.value.last.map { $0 > now - limits.windowSeconds } ?? false }
    guard failures.count > maximumAddresses else { return }
    let byLastFailure = failures.sorted { ($0.value.last ?? 0, $0.key) < ($1.value.last ?? 0, $1.key) }
    for (key, _) in byLastFailure.prefix(failures.count - maximumAddresses) { failures[key] = nil }
  }

  /// How many addresses are remembered (for tests of the bound).
  var rememberedAddresses: Int { failures.count }
}
