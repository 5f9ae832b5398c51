import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import ChachongServer
@testable import ChachongWeb

/// A clock the test moves by hand (never the wall clock).
final class ManualClock: Sendable {
  private let seconds: Mutex<Double>

  init(_ start: Double) { seconds = Mutex(start) }

  func now() -> Double { seconds.withLock { $0 } }

  func advance(by delta: Double) { seconds.withLock { $0 += delta } }
}

@Suite("Login throttling per client address")
struct LoginThrottleTests {
  @Test("Too many failed logins from one address: 429 with Retry-After, whatever the user name")
  func throttlesAnAddressAcrossUserNames() async throws {
    let clock = ManualClock(1_000_000)
    let options = WebOptions(
      failedLoginDelay: .milliseconds(1), bcryptCost: 10,
      addressLoginLimits: AddressLoginLimits(failures: 3, windowSeconds: 60), clock: { clock.now() })
    let (app, service) = try await WebRouteTests.makeApplication(options: options)
    let retryAfter = try #require(HTTPField.Name("Retry-After"))
    try await app.test(.router) { client in
      func attempt(_ user: String, _ password: String) async throws -> TestResponse {
        let page = try await client.execute(uri: "/login", method: .get)
        let loginCookie = try #require(WebRouteTests.cookies(page).values["chachong_login"])
        let token = try #require(WebRouteTests.csrfToken(String(buffer: page.body)))
        return try await client.execute(
          uri: "/login", method: .post,
          headers: [
            .contentType: "application/x-www-form-urlencoded", .cookie: "chachong_login=\(loginCookie)",
          ],
          body: ByteBuffer(string: "username=\(user)&password=\(password)&csrf=\(token)"))
      }
      // Three different user names, one failure each: no account is locked (lockout needs 5).
      for user in ["reviewer1", "auditor1", "nobody"] {
        let refused = try await attempt(user, "wrong-password")
        #expect(refused.status == .unauthorized, "\(user)")
        #expect(refused.headers[retryAfter] == nil)
        clock.advance(by: 1)
      }
      // The fourth attempt from the address is stopped before the password is looked at: even
      // the right password of a fourth user gets 429, no session.
      let stopped = try await attempt("admin1", "correct+horse+battery")
      #expect(stopped.status == .tooManyRequests)
      // The first failure (at +0) leaves the 60 s window at +60; it is now +3.
      #expect(stopped.headers[retryAfter] == "57")
      #expect(WebRouteTests.cookies(stopped).values["chachong_session"] == nil)
      #expect(String(buffer: stopped.body).contains("此地址登录失败次数过多"))

      clock.advance(by: 50)
      let stillStopped = try await attempt("admin1", "correct+horse+battery")
      #expect(stillStopped.status == .tooManyRequests)
      #expect(stillStopped.headers[retryAfter] == "7")

      // Once the oldest failure has left the window, one attempt is allowed again.
      clock.advance(by: 7)
      let allowed = try await attempt("admin1", "correct+horse+battery")
      #expect(allowed.status == .seeOther)
      #expect(WebRouteTests.cookies(allowed).values["chachong_session"] != nil)
    }
    let audit = try await service.state.auditEntries(before: nil, limit: 50)
    #expect(audit.contains { $0.action == "login.throttled" })
  }

  @Test("Addresses are counted separately; a quiet window forgets them")
  func addressesAreSeparate() async {
    let clock = ManualClock(500)
    let throttle = LoginThrottle(
      limits: AddressLoginLimits(failures: 2, windowSeconds: 100), clock: { clock.now() })
    await throttle.recordFailure("10.0.0.1")
    await throttle.recordFailure("10.0.0.1")
    #expect(await throttle.retryAfter("10.0.0.1") == 100)
    #expect(await throttle.retryAfter("10.0.0.2") == nil)
    #expect(await throttle.retryAfter(nil) == nil)
    clock.advance(by: 99.5)
    #expect(await throttle.retryAfter("10.0.0.1") == 1)
    clock.advance(by: 0.5)
    #expect(await throttle.retryAfter("10.0.0.1") == nil)
  }

  @Test("The number of remembered addresses is bounded")
  func memoryIsBounded() async {
    let clock = ManualClock(0)
    let throttle = LoginThrottle(
      limits: AddressLoginLimits(failures: 1, windowSeconds: 1000), clock: { clock.now() },
      maximumAddresses: 3)
    for index in 0..<10 {
      await throttle.recordFailure("192.0.2.\(index)")
      clock.advance(by: 1)
    }
    #expect(await throttle.rememberedAddresses == 3)
    // The most recent ones are kept.
    #expect(await throttle.retryAfter("192.0.2.9") != nil)
    #expect(await throttle.retryAfter("192.0.2.0") == nil)
  }
}
