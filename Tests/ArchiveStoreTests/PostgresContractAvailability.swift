import Testing

/// Says, in the test output, whether the contract suites ran on PostgreSQL: the PostgreSQL cases
/// of `StoreContractTests` and `JobQueueContractTests` exist only when a server is configured.
@Suite struct PostgresContractAvailability {
  @Test(
    .enabled(
      if: testPostgresURL != nil,
      """
      SKIPPED: no PostgreSQL server (CHACHONG_TEST_POSTGRES_URL is unset); the store and job-queue contracts \
      ran on memory and SQLite only. Run under Tools/with-postgres.sh to include PostgreSQL.
      """))
  func contractSuitesIncludePostgres() {
    #expect(StoreFactory.all.contains { $0.description == "postgresql" })
    #expect(JobQueueFactory.all.contains { $0.description == "postgresql" })
    #expect(ServiceStateFactory.all.contains { $0.description == "postgresql" })
  }
}
