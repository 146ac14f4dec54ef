/**
 * Numbered, forward-only schema migrations. A migration is never edited once released: fix
 * mistakes with a new one, so that every database created by any earlier version upgrades the
 * same way.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/*
 * Migration 19's SQL, built here because the same rule applies at a dozen JSON paths. Part of a
 * released migration: never edit it (a fix is a new migration).
 *
 * Migration 16 cleared impossible dates (2026-02-30, month 13) from the ports' own columns; the same
 * texts stayed inside queued outbox payloads, the merge bases (ports.sync_base, sync_sent) and
 * conflict copies, to be sent or merged back. Same rule: a text shaped YYYY-MM-DD that SQLite's
 * date() does not give back unchanged is cleared ('' in fields, null for a move's date). Where the
 * user's data changes (a queued change, a conflict's versions) the port's timeline says what was
 * cleared; the merge bases are bookkeeping and change silently. Text that is not JSON is left alone
 * (the repositories read it as missing or as a blocked row, as before).
 */
function impossibleDatesCleared(): string {
  const NOW = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
  const at = (json: string, path: string) => `(CASE WHEN json_valid(${json}) THEN json_extract(${json}, '${path}') END)`;
  const impossible = (x: string) => `(${x} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(${x}, '+0 days') IS NOT ${x})`;
  const cleared = (json: string, paths: readonly string[], empty: string) =>
    paths.reduce((out, path) => `(CASE WHEN ${impossible(at(json, path))} THEN json_set(${out}, '${path}', ${empty}) ELSE ${out} END)`, json);
  const any = (json: string, paths: readonly string[]) => paths.map((path) => impossible(at(json, path))).join(' OR ');
  const LABELS: Record<string, string> = { focDate: 'FOC date', transferDate: 'Requested transfer date', date: 'FOC date' };
  const label = (path: string) => LABELS[path.slice(path.lastIndexOf('.') + 1)] as string;
  const event = (portId: string, what: string, value: string) =>
    `INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor)
  SELECT ${portId}, ${NOW}, 'edited', NULL, NULL, ${what} || ' ' || ${value} || ' was not a real date and was cleared', 'PortDesk'`;
  const VERSION = ['$.fields.transferDate', '$.fields.focDate'];
  const queued: [op: string, paths: string[], empty: string][] = [
    ['port.create', VERSION, "''"],
    ['port.update', ['$.patch.transferDate', '$.patch.focDate'], "''"],
    ['port.move', ['$.date'], 'NULL'],
  ];
  const sql: string[] = [];
  for (const [op, paths, empty] of queued) {
    for (const path of paths) {
      sql.push(`${event('o.port_id', `'Queued change: ${label(path)}'`, at('o.payload', path))}
  FROM outbox o WHERE o.op = '${op}' AND ${impossible(at('o.payload', path))} AND EXISTS (SELECT 1 FROM ports p WHERE p.id = o.port_id)
  ORDER BY o.seq;`);
    }
    sql.push(`UPDATE outbox SET payload = ${cleared('payload', paths, empty)} WHERE op = '${op}' AND (${any('payload', paths)});`);
  }
  for (const [side, whose] of [['local', 'your'], ['remote', "the remote''s"]] as const) {
    for (const path of VERSION) {
      sql.push(`${event('c.port_id', `'Conflict, ${whose} version: ${label(path)}'`, at(`c.${side}`, path))}
  FROM conflicts c WHERE ${impossible(at(`c.${side}`, path))};`);
    }
    sql.push(`UPDATE conflicts SET ${side} = ${cleared(side, VERSION, "''")} WHERE ${any(side, VERSION)};`);
  }
  sql.push(`UPDATE ports SET sync_base = ${cleared('sync_base', VERSION, "''")} WHERE ${any('sync_base', VERSION)};`);
  // sync_sent is a list of versions: each is cleaned and the list rebuilt in its order.
  sql.push(`UPDATE ports SET sync_sent = (SELECT json_group_array(json(${cleared('s.value', VERSION, "''")}) ORDER BY s.key) FROM json_each(ports.sync_sent) s)
  WHERE json_valid(sync_sent) AND json_type(sync_sent) = 'array' AND EXISTS (SELECT 1 FROM json_each(ports.sync_sent) s WHERE ${any('s.value', VERSION)});`);
  return sql.join('\n');
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'port requests, numbers, attachments, comments, timeline, outbox, sync state',
    sql: `
CREATE TABLE remotes (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kazoo', 'telnyx')),
  name TEXT NOT NULL,
  base_url TEXT NOT NULL,
  account_id TEXT NOT NULL,
  token_enc BLOB,
  created_at INTEGER NOT NULL
);

CREATE TABLE ports (
  id TEXT PRIMARY KEY,
  remote_id TEXT REFERENCES remotes(id) ON DELETE SET NULL,
  remote_object_id TEXT,
  remote_revision TEXT,
  remote_account_id TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('unconfirmed','submitted','pending','scheduled','completed','rejected','canceled')),
  losing_carrier TEXT NOT NULL DEFAULT '',
  winning_carrier TEXT NOT NULL DEFAULT '',
  account_name TEXT NOT NULL DEFAULT '',
  billing_name TEXT NOT NULL DEFAULT '',
  authorized_person TEXT NOT NULL DEFAULT '',
  billing_phone TEXT NOT NULL DEFAULT '',
  street TEXT NOT NULL DEFAULT '',
  extended_address TEXT NOT NULL DEFAULT '',
  locality TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  account_number TEXT NOT NULL DEFAULT '',
  pin TEXT NOT NULL DEFAULT '',
  transfer_date TEXT NOT NULL DEFAULT '',
  foc_date TEXT NOT NULL DEFAULT '',
  notification_emails TEXT NOT NULL DEFAULT '[]',
  reference_number TEXT NOT NULL DEFAULT '',
  customer_reference TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  dirty INTEGER NOT NULL DEFAULT 1,
  sync_status TEXT NOT NULL DEFAULT 'local',
  sync_error TEXT
);
CREATE INDEX ports_state ON ports(state);
CREATE UNIQUE INDEX ports_remote_object ON ports(remote_id, remote_object_id) WHERE remote_object_id IS NOT NULL;

-- open = 1 while the port holds its numbers (not completed/canceled); a number is on one open port only.
CREATE TABLE numbers (
  port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
  e164 TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT '',
  carrier TEXT NOT NULL DEFAULT '',
  open INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (port_id, e164)
) WITHOUT ROWID;
CREATE UNIQUE INDEX numbers_open_unique ON numbers(e164) WHERE open = 1;
CREATE INDEX numbers_e164 ON numbers(e164);

CREATE TRIGGER ports_state_opens_numbers AFTER UPDATE OF state ON ports
BEGIN
  UPDATE numbers SET open = (NEW.state NOT IN ('completed', 'canceled')) WHERE port_id = NEW.id;
END;

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('loa', 'bill', 'other')),
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT,
  remote_name TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX attachments_port ON attachments(port_id);

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
  remote_id TEXT,
  body TEXT NOT NULL,
  author TEXT NOT NULL DEFAULT '',
  is_private INTEGER NOT NULL DEFAULT 0,
  action_required INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX comments_port ON comments(port_id);

CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  message TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX events_port ON events(port_id, at);

-- One row per local change, written in the same transaction as the change itself.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id TEXT NOT NULL UNIQUE,
  port_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL,
  payload TEXT NOT NULL,
  base_revision TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'blocked')),
  created_at INTEGER NOT NULL
);
CREATE INDEX outbox_port ON outbox(port_id, seq);

CREATE TABLE sync_state (
  remote_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (remote_id, key)
) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    name: 'conflicts kept side by side, remembered import column mappings',
    sql: `
CREATE TABLE conflicts (
  port_id TEXT PRIMARY KEY REFERENCES ports(id) ON DELETE CASCADE,
  local TEXT NOT NULL,
  remote TEXT NOT NULL,
  remote_revision TEXT,
  detected_at INTEGER NOT NULL
);

CREATE TABLE import_layouts (
  signature TEXT PRIMARY KEY,
  mapping TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'attachment versions, annotation drafts, saved signature',
    sql: `
-- Every content an attachment has had; the highest version is the current one (attachments.sha256).
CREATE TABLE attachment_versions (
  attachment_id TEXT NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('added', 'replaced', 'annotated')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (attachment_id, version)
) WITHOUT ROWID;
CREATE INDEX attachment_versions_sha ON attachment_versions(sha256);
INSERT INTO attachment_versions (attachment_id, version, sha256, size, reason, created_at)
  SELECT id, 1, sha256, size, 'added', created_at FROM attachments WHERE sha256 IS NOT NULL;

-- Unsaved annotations: the PDF with the marks made so far (in the content store), per attachment.
CREATE TABLE annotation_drafts (
  attachment_id TEXT PRIMARY KEY REFERENCES attachments(id) ON DELETE CASCADE,
  base_sha256 TEXT NOT NULL,
  draft_sha256 TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The specialist's reusable signature (a PNG), placed as a stamp on LOAs.
CREATE TABLE saved_images (
  name TEXT PRIMARY KEY CHECK (name IN ('signature')),
  png BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
  },
  {
    version: 4,
    name: 'import batches, so a whole import can be undone while none of it was pushed',
    sql: `
CREATE TABLE import_batches (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  summary TEXT NOT NULL,
  undone_at INTEGER
);

-- One row per port the import touched: created (undo deletes the port) or given numbers (undo
-- removes those numbers). mutation_id is the outbox row the import queued for that port.
CREATE TABLE import_batch_ports (
  batch_id TEXT NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  port_id TEXT NOT NULL,
  created INTEGER NOT NULL,
  mutation_id TEXT NOT NULL,
  numbers TEXT NOT NULL,
  PRIMARY KEY (batch_id, port_id)
) WITHOUT ROWID;
`,
  },
  {
    version: 5,
    name: 'tags: local labels on ports (never synced)',
    sql: `
-- The specialist's own labels for grouping ports; they stay on this machine, so no outbox rows.
CREATE TABLE port_tags (
  port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (port_id, tag)
) WITHOUT ROWID;
-- The tag filter and the list of known tags read by tag.
CREATE INDEX port_tags_tag ON port_tags(tag);
`,
  },
  {
    version: 6,
    name: 'ports.state_reason: why the remote put the port in its state (a carrier rejection)',
    sql: `
-- Set by pull from the remote's record of the move (Kazoo's timeline); cleared by a local move.
ALTER TABLE ports ADD COLUMN state_reason TEXT;
`,
  },
  {
    version: 7,
    name: 'work queue: remote status verbatim, ageing (state entered at), saved views, settings',
    sql: `
-- CONTRACTS.md seam 5: the remote's own status words (Telnyx "exception") and detail, shown
-- verbatim, and whether this connection may make carrier moves (Kazoo port_authority); pull writes them.
ALTER TABLE ports ADD COLUMN remote_status TEXT;
ALTER TABLE ports ADD COLUMN remote_status_detail TEXT;
ALTER TABLE ports ADD COLUMN remote_authority INTEGER;

-- Ageing: when the port entered its current state and when the remote last changed it, kept by
-- the triggers below from the timeline, so a 10,000-port board reads them without scanning events.
ALTER TABLE ports ADD COLUMN state_entered_at INTEGER;
ALTER TABLE ports ADD COLUMN remote_changed_at INTEGER;
UPDATE ports SET
  state_entered_at = COALESCE((SELECT MAX(e.at) FROM events e WHERE e.port_id = ports.id AND e.to_state = ports.state), created_at),
  remote_changed_at = (SELECT MAX(e.at) FROM events e WHERE e.port_id = ports.id AND e.actor = 'remote');

-- A state change restarts the clock; the timeline event written with it (local move or pull)
-- then gives the exact moment. A change no event records (conflict resolution) keeps updated_at.
CREATE TRIGGER ports_state_entered AFTER UPDATE OF state ON ports WHEN NEW.state IS NOT OLD.state
BEGIN
  UPDATE ports SET state_entered_at = NEW.updated_at WHERE id = NEW.id;
END;
CREATE TRIGGER events_state_entered AFTER INSERT ON events WHEN NEW.to_state IS NOT NULL
BEGIN
  UPDATE ports SET state_entered_at = NEW.at WHERE id = NEW.port_id AND state = NEW.to_state;
END;
CREATE TRIGGER events_remote_changed AFTER INSERT ON events WHEN NEW.actor = 'remote'
BEGIN
  UPDATE ports SET remote_changed_at = NEW.at WHERE id = NEW.port_id;
END;

-- Saved work-queue views (filters, sort, columns) by name; the CLI exports them too.
CREATE TABLE saved_views (
  name TEXT PRIMARY KEY,
  definition TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Local preferences that the CLI must see too (ageing thresholds), as JSON values.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    version: 8,
    name: 'attachments.unsigned, annotation_drafts.signed: a generated LOA is unsigned until signed',
    sql: `
-- 1 while an LOA PortDesk generated has not been signed: no signature applied in the viewer and
-- no (signed) file put in its place. Readiness refuses such an LOA.
ALTER TABLE attachments ADD COLUMN unsigned INTEGER NOT NULL DEFAULT 0;
-- 1 when the annotations kept as a draft include a signature placed in the viewer, so that a
-- draft reopened later and saved still counts as signed.
ALTER TABLE annotation_drafts ADD COLUMN signed INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 9,
    name: 'sync base and sent versions for the three-way merge; sync lease',
    sql: `
-- The remote version this port last agreed on with its remote ({fields, numbers, state} JSON),
-- and the versions PortDesk sent since whose answer it has not seen (a JSON list), so a pull or a
-- push merges field by field and never takes PortDesk's own echo for a remote change.
ALTER TABLE ports ADD COLUMN sync_base TEXT;
ALTER TABLE ports ADD COLUMN sync_sent TEXT;

-- One sync per database: the process holding the lease pushes and pulls; others wait or say who.
CREATE TABLE sync_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`,
  },
  {
    version: 10,
    name: 'ports.kept_local: a port the specialist keeps local is not given the first remote added',
    sql: `
-- 1 when the specialist chose to keep this port on this computer (created "local only", or the
-- detail's "Keep local"): adding the first remote assigns every other port with no remote.
ALTER TABLE ports ADD COLUMN kept_local INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 11,
    name: 'ports: the street line in parts (number, directions, type)',
    sql: `
-- The parts around the street name, as Kazoo 4.3's bill keeps them. Existing street lines stay
-- whole in ports.street (the parts start empty), so nothing written before is lost or re-read.
ALTER TABLE ports ADD COLUMN street_number TEXT NOT NULL DEFAULT '';
ALTER TABLE ports ADD COLUMN street_pre_dir TEXT NOT NULL DEFAULT '';
ALTER TABLE ports ADD COLUMN street_type TEXT NOT NULL DEFAULT '';
ALTER TABLE ports ADD COLUMN street_post_dir TEXT NOT NULL DEFAULT '';
`,
  },
  {
    version: 12,
    name: 'late creates: when a create was last sent and until when an unanswered one may land',
    sql: `
-- When PortDesk last sent a create for this port, kept until the port is linked: any later attempt
-- (a retry, a requeue, another process) looks for that create before making one.
ALTER TABLE ports ADD COLUMN create_sent_at INTEGER;
-- Until when that create, sent but never answered, may still land on the server (sent + the
-- client's request timeout + a margin); NULL once an answer came back. No new create before then.
ALTER TABLE ports ADD COLUMN create_settles_at INTEGER;
`,
  },
  {
    version: 13,
    name: 'attachment_versions.signed, annotation_draft_steps: restoring a version restores its signed state; undo after reopening a draft',
    sql: `
-- An LOA's signed state as of each version (1 signed, 0 unsigned; NULL: not an LOA, or recorded
-- before this column), so restoring a version restores whether the letter is signed.
ALTER TABLE attachment_versions ADD COLUMN signed INTEGER;

-- The earlier states of an annotation draft (each autosave's predecessor, newest step last), so
-- Undo still works after the viewer was closed and the draft reopened.
CREATE TABLE annotation_draft_steps (
  attachment_id TEXT NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  draft_sha256 TEXT NOT NULL,
  signed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (attachment_id, step)
);
`,
  },
  {
    version: 14,
    name: 'remote_accounts: the names of the remote accounts ports live in',
    sql: `
-- The name a remote gives each account its requests live in (Kazoo's listings group requests by
-- account with its account_name), so sub-accounts read as names rather than 32-hex ids.
CREATE TABLE remote_accounts (
  remote_id TEXT NOT NULL REFERENCES remotes(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (remote_id, account_id)
) WITHOUT ROWID;
`,
  },
  {
    version: 15,
    name: 'sync_lease: the holder process and host as columns',
    sql: `
-- Whether a lease holder on this machine is dead (kill -9) is read from these, never parsed back
-- out of the owner label (which stays for messages).
ALTER TABLE sync_lease ADD COLUMN pid INTEGER;
ALTER TABLE sync_lease ADD COLUMN host TEXT;
`,
  },
  {
    version: 16,
    name: 'impossible dates cleared into the timeline',
    sql: `
-- Days a month does not have (2026-02-30), stored before the date schema refused them. SQLite keeps
-- such a text as it is, and date(x, '+0 days') rolls it over (2026-03-02) or gives NULL (month 13):
-- a real date comes back unchanged. Each impossible one is cleared, and the port's timeline keeps
-- what it was, so nothing is lost unsaid. The port's sync state is left alone: the remote's copy is
-- read the same way on the next pull (an impossible date is no date).
INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor)
  SELECT id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'edited', NULL, NULL,
         'Requested transfer date ' || transfer_date || ' was not a real date and was cleared', 'PortDesk'
  FROM ports WHERE transfer_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(transfer_date, '+0 days') IS NOT transfer_date;
UPDATE ports SET transfer_date = '' WHERE transfer_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(transfer_date, '+0 days') IS NOT transfer_date;
INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor)
  SELECT id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 'edited', NULL, NULL,
         'FOC date ' || foc_date || ' was not a real date and was cleared', 'PortDesk'
  FROM ports WHERE foc_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(foc_date, '+0 days') IS NOT foc_date;
UPDATE ports SET foc_date = '' WHERE foc_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(foc_date, '+0 days') IS NOT foc_date;
`,
  },
  {
    version: 17,
    name: 'timeline triggers write only a changed clock',
    sql: `
-- A pulled port is inserted with its clocks already set to the moment of its first timeline
-- event; these triggers then find nothing to change and write nothing, where each rewrote the
-- new row (two extra row writes per port, 10,000 times in a large pull). Same results otherwise.
DROP TRIGGER events_state_entered;
CREATE TRIGGER events_state_entered AFTER INSERT ON events WHEN NEW.to_state IS NOT NULL
BEGIN
  UPDATE ports SET state_entered_at = NEW.at WHERE id = NEW.port_id AND state = NEW.to_state AND state_entered_at IS NOT NEW.at;
END;
DROP TRIGGER events_remote_changed;
CREATE TRIGGER events_remote_changed AFTER INSERT ON events WHEN NEW.actor = 'remote'
BEGIN
  UPDATE ports SET remote_changed_at = NEW.at WHERE id = NEW.port_id AND remote_changed_at IS NOT NEW.at;
END;
`,
  },
  {
    version: 18,
    name: 'events.left_reason, left_entered_at: what a local move left behind, for its undo',
    sql: `
-- A local move clears the port's state reason (a carrier's rejection) and restarts its state clock.
-- Its timeline event keeps both as they were, so undoing the move brings them back: the remote's
-- reason is read again only when the request changes there, which a withdrawn move never did.
ALTER TABLE events ADD COLUMN left_reason TEXT;
ALTER TABLE events ADD COLUMN left_entered_at INTEGER;
`,
  },
  {
    version: 19,
    name: 'impossible dates cleared from queued changes, merge bases and conflict copies',
    sql: impossibleDatesCleared(),
  },
  {
    version: 20,
    name: 'remotes.trusted_ca: a private certificate authority trusted for this connection',
    sql: `
-- PEM certificate blocks (a self-hosted Kazoo's company CA or self-signed certificate), trusted
-- beside Node's own list for this remote's requests only. NULL: public authorities only.
ALTER TABLE remotes ADD COLUMN trusted_ca TEXT;
`,
  },
  {
    version: 21,
    name: 'numbers_e164 dropped: the partial-number search scans the numbers table instead',
    sql: `
-- The index held every number a second time, in e164 order, for the partial-number search alone
-- (GLOB '*digits*' reads every entry whatever the order). A scan of the table reads as many pages
-- (its rows are the index's columns and two short ones) and, being in port order, groups by port
-- without sorting. Every number written (a pull, an import) then updates two B-trees, not three:
-- numbers_open_unique still keeps a number on one open port, and serves lookups of open numbers.
DROP INDEX IF EXISTS numbers_e164;
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
