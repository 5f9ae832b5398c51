import Testing

@testable import Integrity

@Suite struct TimestampTests {
  @Test func parsesTheUsualSpellings() throws {
    let deadline = try #require(Timestamp(parsing: "2024-01-31T23:59:59+08:00"))
    #expect(Timestamp(parsing: "2024-01-31 23:59:59") == deadline)
    #expect(Timestamp(parsing: "2024/1/31 23:59:59") == deadline)
    #expect(Timestamp(parsing: "2024年1月31日 23时59分59秒") == deadline)
    #expect(Timestamp(parsing: "2024-01-31T15:59:59Z") == deadline)
    #expect(Timestamp(parsing: "２０２４－０１－３１　２３：５９：５９") == deadline)
    #expect(Timestamp(parsing: "2024-02-01 00:00") ?? deadline > deadline)
    #expect(Timestamp(parsing: "20240131")?.isDateOnly == true)
    #expect(Timestamp(parsing: "2024-01-31")?.isDateOnly == true)
    // 1970-01-01T08:00+08:00 is the epoch.
    #expect(Timestamp(parsing: "1970-01-01 08:00")?.secondsSinceEpoch == 0)
  }

  @Test func rejectsNonDates() {
    #expect(Timestamp(parsing: "soon") == nil)
    #expect(Timestamp(parsing: "2024-02-30") == nil)
    #expect(Timestamp(parsing: "2024-01-31 25:00") == nil)
  }
}
