/// The PostgreSQL schema as numbered migrations (docs/postgres.md explains every table).
///
/// `chachong_meta.schema_version` says how many steps a database has had. Opening for writing
/// applies the missing steps in one transaction under an advisory lock, so two processes that
/// open a new database at once migrate it once; a database whose version is above
/// ``version`` was written by a newer chachong and is refused (``IndexError/Reason/newerSchema``).
///
/// Laid out for Citus without a rewrite: `documents` and `document_texts` would be distributed by
/// `doc` (co-located: texts join documents on it), the three posting tables by `bucket`
/// (co-located with each other). No table joins a posting table with `documents`, so nothing
/// needs cross-shard joins; the statements that would route to one shard and those that fan out
/// are listed in docs/postgres.md.
enum PostgresSchema {
  /// The newest step this binary knows.
  static let version = 2

  /// The advisory-lock class of chachong's locks (`pg_advisory_xact_lock(class, key)`): 0x6363
  /// ("cc"). Key 0 is the migration lock; document ids lock `hash(id) & 0x7fffffff | 1`.
  static let lockClass: Int32 = 0x6363

  /// Step `n` (1-based) takes a database from version n-1 to n. Never edit a released step; add
  /// one.
  static let steps: [[String]] = [
    [
      """
      CREATE TABLE chachong_meta (
        name text PRIMARY KEY,
        value text NOT NULL
      )
      """,
      """
      CREATE TABLE documents (
        doc bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL,
        program text,
        year bigint,
        status text,
        title text,
        organisation text,
        credit_code text,
        lead text,
        lead_id_hash text,
        lead_id_masked text,
        source_path text,
        source_sha256 text,
        character_count bigint NOT NULL,
        token_count bigint NOT NULL,
        shingle_count bigint NOT NULL,
        sections text NOT NULL,
        extra text NOT NULL,
        signature bytea NOT NULL,
        fingerprints bytea NOT NULL,
        section_keys bytea NOT NULL
      )
      """,
      // One row per id: the write protocol (advisory lock on the id, delete, insert) keeps it so;
      // the unique index makes a violation an error instead of a silent duplicate.
      "CREATE UNIQUE INDEX documents_id ON documents (id)",
      "CREATE INDEX documents_program_year ON documents (program, year)",
      "CREATE INDEX documents_credit_code ON documents (credit_code)",
      "CREATE INDEX documents_lead_id_hash ON documents (lead_id_hash)",
      // Texts apart from the rows `records` scans: listing 100,000 documents does not read them.
      """
      CREATE TABLE document_texts (
        doc bigint PRIMARY KEY,
        text bytea NOT NULL
      )
      """,
      // Bucket keys are UInt64 stored by bit pattern. No foreign keys: Citus cannot keep them
      // between tables distributed on different columns, and the write protocol deletes postings
      // with their document.
      "CREATE TABLE band_postings (bucket bigint NOT NULL, doc bigint NOT NULL, PRIMARY KEY (bucket, doc))",
      "CREATE TABLE section_postings (bucket bigint NOT NULL, doc bigint NOT NULL, PRIMARY KEY (bucket, doc))",
      "CREATE TABLE fingerprint_postings (bucket bigint NOT NULL, doc bigint NOT NULL, PRIMARY KEY (bucket, doc))",
      """
      CREATE TABLE templates (
        id text PRIMARY KEY,
        text bytea NOT NULL,
        shingles bytea NOT NULL
      )
      """,
      """
      CREATE TABLE chachong_jobs (
        id text PRIMARY KEY,
        kind text NOT NULL,
        payload bytea NOT NULL,
        state text NOT NULL,
        attempts bigint NOT NULL DEFAULT 0,
        progress_stage text,
        progress_done bigint NOT NULL DEFAULT 0,
        progress_total bigint,
        result bytea,
        error text,
        worker text,
        created_at double precision NOT NULL,
        updated_at double precision NOT NULL,
        lease_expires_at double precision
      )
      """,
      "CREATE INDEX chachong_jobs_queued ON chachong_jobs (created_at, id) WHERE state = 'queued'",
      "CREATE INDEX chachong_jobs_running ON chachong_jobs (lease_expires_at) WHERE state = 'running'",
      "CREATE INDEX chachong_jobs_state_created ON chachong_jobs (state, created_at DESC, id DESC)",
    ],
    // 2: the service's own state (``PostgresServiceState``): records with optimistic versions,
    // blobs in 1 MiB chunks, the audit log.
    [
      """
      CREATE TABLE chachong_state (
        collection text NOT NULL,
        id text NOT NULL,
        owner text,
        body bytea NOT NULL,
        version bigint NOT NULL,
        created_at double precision NOT NULL,
        updated_at double precision NOT NULL,
        PRIMARY KEY (collection, id)
      )
      """,
      "CREATE INDEX chachong_state_listing ON chachong_state (collection, created_at DESC, id DESC)",
      """
      CREATE TABLE chachong_blobs (
        id text NOT NULL,
        chunk integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (id, chunk)
      )
      """,
      """
      CREATE TABLE chachong_audit (
        sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        time double precision NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        client_address text,
        detail text
      )
      """,
    ],
  ]
}
