/**
 * Every table of the embedded store, as numbered migrations. Each runs once, in order, in its own
 * transaction, and is recorded in schema_migrations: a database file made by an earlier release
 * upgrades in place when it is opened. Never edit one that has shipped; add the next.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'telemetry: sources, keys, events, message ids, quarantine, inventory, traits',
    sql: `
  CREATE TABLE sources (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
  );
  CREATE TABLE write_keys (
    id VARCHAR PRIMARY KEY,
    source_id VARCHAR NOT NULL,
    key_hash VARCHAR NOT NULL UNIQUE,
    prefix VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
  );
  CREATE TABLE events (
    source_id VARCHAR NOT NULL,
    message_id VARCHAR NOT NULL,
    message_id_assigned BOOLEAN NOT NULL,
    type VARCHAR NOT NULL,
    name VARCHAR,
    user_id VARCHAR,
    anonymous_id VARCHAR,
    account_id VARCHAR,
    properties JSON NOT NULL,
    context JSON,
    client_timestamp TIMESTAMP,
    sent_at TIMESTAMP,
    received_at TIMESTAMP NOT NULL,
    event_time TIMESTAMP NOT NULL,
    clock_flag VARCHAR,
    -- Commit order, assigned by the single writer: rollups follow the events by this cursor.
    seq BIGINT NOT NULL
  );
  -- Message ids seen per source, for de-duplication across requests and restarts.
  CREATE TABLE message_ids (
    source_id VARCHAR NOT NULL,
    message_id VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (source_id, message_id)
  );
  CREATE TABLE quarantine (
    id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    received_at TIMESTAMP NOT NULL,
    code VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    raw VARCHAR NOT NULL
  );
  CREATE TABLE ingest_counters (
    source_id VARCHAR NOT NULL,
    day DATE NOT NULL,
    duplicates BIGINT NOT NULL,
    PRIMARY KEY (source_id, day)
  );
  -- Rollup of property keys and their JSON kinds per event: each commit appends its counts to the
  -- deltas table (cheap); maintenance folds them into inventory_properties. Readers sum both.
  CREATE TABLE inventory_property_deltas (
    source_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    occurrences BIGINT NOT NULL
  );
  CREATE TABLE inventory_properties (
    source_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    occurrences BIGINT NOT NULL,
    PRIMARY KEY (source_id, type, name, key, kind)
  );
  CREATE TABLE user_traits (
    user_id VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    observed_at TIMESTAMP NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, key)
  );
  CREATE TABLE account_traits (
    account_id VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    observed_at TIMESTAMP NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, key)
  );
  CREATE TABLE account_users (
    account_id VARCHAR NOT NULL,
    user_id VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    last_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, user_id)
  );
  `,
  },
  // The value engine: the vendor's value model versions, promises and customer-edited assumptions
  // per account, and the value facts (a rollup of matching events per account, driver, day, user
  // and segment values) that every value query reads instead of raw events.
  {
    version: 2,
    name: 'value: model versions, promises, assumption changes, facts and their cursor',
    sql: `
  CREATE TABLE value_models (
    version INTEGER PRIMARY KEY,
    model JSON NOT NULL,
    created_at TIMESTAMP NOT NULL
  );
  CREATE TABLE account_promises (
    account_id VARCHAR PRIMARY KEY,
    promises JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL
  );
  CREATE TABLE assumption_changes (
    account_id VARCHAR NOT NULL,
    assumption_id VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    user_id VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL
  );
  CREATE TABLE value_facts (
    account_id VARCHAR NOT NULL,
    driver_id VARCHAR NOT NULL,
    day DATE NOT NULL,
    user_id VARCHAR NOT NULL,
    s0 VARCHAR NOT NULL, s1 VARCHAR NOT NULL, s2 VARCHAR NOT NULL, s3 VARCHAR NOT NULL,
    s4 VARCHAR NOT NULL, s5 VARCHAR NOT NULL, s6 VARCHAR NOT NULL, s7 VARCHAR NOT NULL,
    quantity DOUBLE NOT NULL,
    events BIGINT NOT NULL
  );
  -- How far the facts have followed the events (by seq), and for which model version.
  CREATE TABLE value_cursor (
    id INTEGER PRIMARY KEY,
    model_version INTEGER NOT NULL,
    seq BIGINT NOT NULL
  );
  `,
  },
  // The single account each user's events without a groupId were counted for, as of the last
  // refresh of the value facts: when a user joins a first or second account, their facts are
  // derived again.
  {
    version: 3,
    name: 'value: the account each user without a groupId was attributed to',
    sql: `
  CREATE TABLE value_attribution (
    user_id VARCHAR NOT NULL,
    account_id VARCHAR NOT NULL
  );
  `,
  },
  // De-duplication moves into memory (a set of 64-bit fingerprints, loaded at start): the table
  // only has to remember them across restarts, so it is appended to, with no index to keep up.
  // Fingerprints of the ids already seen are computed here exactly as the store computes them.
  {
    version: 4,
    name: 'telemetry: message ids remembered as fingerprints, appended without an index',
    sql: `
  CREATE TABLE message_fingerprints (
    high UINTEGER NOT NULL,
    low UINTEGER NOT NULL,
    first_seen TIMESTAMP NOT NULL
  );
  INSERT INTO message_fingerprints
  SELECT (fingerprint >> 32)::UINTEGER, (fingerprint & 4294967295)::UINTEGER, first_seen
  FROM (
    SELECT md5_number_upper(source_id || chr(10) || message_id) AS fingerprint, first_seen
    FROM message_ids
  );
  DROP TABLE message_ids;
  `,
  },
  // Scenario planning: the plans customers save, keyed by account first (the key a sharded
  // database distributes them on). The plan's inputs and what it showed are JSON documents.
  {
    version: 5,
    name: 'scenarios: saved plans per account',
    sql: `
  CREATE TABLE scenarios (
    account_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    author_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    description VARCHAR,
    plan JSON NOT NULL,
    shared BOOLEAN NOT NULL,
    made JSON NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  `,
  },
  {
    version: 6,
    name: 'offers: decisions shown to accounts and what the customers did with them',
    sql: `
  CREATE TABLE offer_decisions (
    account_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    offer_id VARCHAR NOT NULL,
    user_id VARCHAR NOT NULL,
    projected JSON NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE TABLE offer_reactions (
    account_id VARCHAR NOT NULL,
    decision_id VARCHAR NOT NULL,
    offer_id VARCHAR NOT NULL,
    user_id VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    reason VARCHAR,
    reacted_at TIMESTAMP NOT NULL
  );
  `,
  },
  // Webhooks: the vendor's endpoints (vendor-wide) and the outbox of deliveries to them. A
  // delivery's id is the webhook-id of its event, shared by the event's endpoints; its payload is
  // the body text exactly as signed, so every retry sends the same bytes.
  {
    version: 7,
    name: 'webhooks: endpoints and the outbox of deliveries',
    sql: `
  CREATE TABLE webhook_endpoints (
    id VARCHAR PRIMARY KEY,
    url VARCHAR NOT NULL,
    events JSON NOT NULL,
    description VARCHAR,
    secret VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP,
    disabled_reason VARCHAR,
    failing_since TIMESTAMP
  );
  CREATE TABLE webhook_deliveries (
    endpoint_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    payload VARCHAR NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP,
    status VARCHAR NOT NULL,
    last_status_code INTEGER,
    last_error VARCHAR,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP,
    PRIMARY KEY (endpoint_id, id)
  );
  `,
  },
  // The customer's journey, keyed by account first; kept for the retention (pruned by when it happened).
  {
    version: 8,
    name: 'journey: what customers did in the value view, per account and user',
    sql: `
  CREATE TABLE journey_events (
    account_id VARCHAR NOT NULL,
    user_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    detail JSON NOT NULL,
    received_at TIMESTAMP NOT NULL
  );
  `,
  },
  // Hand-offs and the replies to them, keyed by account first (the key a sharded database
  // distributes them on); the brief is the JSON text as it was sent. A saved plan may come from a
  // success manager: who pushed it, from which hand-off.
  {
    version: 9,
    name: 'hand-offs: questions to success managers, their briefs and replies; plans pushed by reps',
    sql: `
  CREATE TABLE handoffs (
    account_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    asked_by VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    topic_kind VARCHAR NOT NULL,
    topic_ref VARCHAR,
    topic_label VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    timing VARCHAR,
    brief JSON NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE TABLE handoff_replies (
    account_id VARCHAR NOT NULL,
    handoff_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    "at" TIMESTAMP NOT NULL,
    rep_id VARCHAR NOT NULL,
    rep_name VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    scenario_id VARCHAR,
    scenario_name VARCHAR,
    PRIMARY KEY (account_id, id)
  );
  ALTER TABLE scenarios ADD COLUMN from_rep JSON;
  `,
  },
  // Webhook events hand-off changes owe the vendor, written in the change's transaction and
  // relayed to the outbox after (a transactional outbox: a crash in between loses nothing).
  {
    version: 10,
    name: 'hand-offs: their webhook events, pending until relayed to the outbox',
    sql: `
  CREATE TABLE handoff_events (
    account_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    handoff_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    data VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  `,
  },
  // The ingest journal's records a commit applied (the journal acknowledges ahead of the store):
  // appended, not updated, so a commit adds no round trip; the largest is the one that counts.
  {
    version: 11,
    name: 'the last ingest journal record the store has applied',
    sql: `
  CREATE TABLE ingest_journal_applied (seq BIGINT NOT NULL);
  `,
  },
];
