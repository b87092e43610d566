// Hand-written: state at any past block (`asOfBlock` in the API; src/store/history.ts writes it).
//
// 1. IndexedHead.startBlock (schema.graphql): the lowest block an as-of query may ask for.
// 2. For each state table in HISTORY (src/store/history.ts HISTORY_ENTITIES): `<table>_history`,
//    the same columns (but the large ones of OMITS, read from where they already are) plus `valid_from` (block of the version), `valid_to` (block of the next
//    version, NULL while current) and `block_range` = [valid_from, valid_to), with
//    - PRIMARY KEY (id, valid_from): one version per row and block; a row's versions in order;
//    - a unique index on id WHERE valid_to IS NULL: each batch closes the current versions;
//    - a btree on valid_from: each batch first removes versions at or above its first block;
//    - a GiST index on block_range: "every row current at block B" (lists as of B).
// 3. Schema `sahara_asof`: one view per entity table of `public`, under the same name, showing
//    the table as of block `sahara_asof.block()` (the setting `sahara.as_of_block`, set by the
//    API in the transaction of an as-of query, whose search_path puts this schema first):
//    - history tables: the version whose block_range contains the block;
//    - event tables (a `block` column): the rows of blocks up to it;
//    - indexed_head: that block, its hash and time (settings the API reads from the chain);
//    - receipt_accrual / license_validity: the same SQL as in public (1796347763528-Data.js),
//      over the as-of views, so accrual and validity follow from the state at that block;
//    - deployed_contract: as is (written once per deployment);
//    - day buckets (no history): a view that raises a clear error when read.
// A later migration that adds or changes an entity table must add or change its history table
// and its sahara_asof view: test/history/catalog.test.ts fails until it does.
const HISTORY = ['protocol', 'account', 'asset', 'license_terms', 'license', 'receipt', 'proposal']
// Large columns a history table leaves out (src/store/history.ts HISTORY_OMITS), and where the
// as-of view reads them: `from` joined on `on` (h = the history row).
const OMITS = {
    asset: {columns: ['uri', 'uri_raw', 'uri_truncated', 'content_hash'], from: 'public.asset_version', on: "o.id = h.id || '-' || h.version"},
    proposal: {columns: ['description', 'description_raw', 'description_truncated', 'actions_hash'], from: 'public.proposal', on: 'o.id = h.id'},
    receipt: {columns: ['evidence'], from: 'public.receipt', on: 'o.id = h.id'},
}
const STATIC = ['deployed_contract']

module.exports = class History1796400000000 {
    name = 'History1796400000000'

    async up(db) {
        await db.query(`ALTER TABLE "indexed_head" ADD "start_block" integer NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "indexed_head" ALTER COLUMN "start_block" DROP DEFAULT`)
        for (const t of HISTORY) {
            const h = `${t}_history`
            await db.query(`CREATE TABLE "${h}" (LIKE "${t}")`)
            for (const c of OMITS[t]?.columns ?? []) await db.query(`ALTER TABLE "${h}" DROP COLUMN "${c}"`)
            await db.query(`ALTER TABLE "${h}" ADD "valid_from" integer NOT NULL, ADD "valid_to" integer, ADD "block_range" int4range GENERATED ALWAYS AS (int4range("valid_from", "valid_to")) STORED`)
            await db.query(`ALTER TABLE "${h}" ADD CONSTRAINT "PK_${h}" PRIMARY KEY ("id", "valid_from")`)
            await db.query(`CREATE UNIQUE INDEX "IDX_${h}_current" ON "${h}" ("id") WHERE "valid_to" IS NULL`)
            await db.query(`CREATE INDEX "IDX_${h}_valid_from" ON "${h}" ("valid_from")`)
            await db.query(`CREATE INDEX "IDX_${h}_block_range" ON "${h}" USING gist ("block_range")`)
        }
        // A database indexed before this migration knows its current rows only: they become the
        // first versions, valid from the indexed head, and the history starts there (as-of queries
        // below it are refused; `npm run reset` or REINDEX=1 index the whole history).
        const [head] = await db.query(`SELECT height FROM "indexed_head" WHERE id = 'head'`)
        if (head != null) {
            await db.query(`UPDATE "indexed_head" SET start_block = height`)
            for (const t of HISTORY) {
                const omit = OMITS[t]?.columns ?? []
                const cols = (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [t])).map((c) => c.column_name).filter((c) => !omit.includes(c)).map((c) => `"${c}"`)
                await db.query(`INSERT INTO "${t}_history" (${cols.join(', ')}, "valid_from") SELECT ${cols.join(', ')}, ${Number(head.height)} FROM "${t}"`)
            }
        }

        await db.query(`CREATE SCHEMA "sahara_asof"`)
        await db.query(`CREATE FUNCTION sahara_asof.block() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT current_setting('sahara.as_of_block')::integer $$`)
        await db.query(`
            CREATE FUNCTION sahara_asof.unversioned(t text) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
            BEGIN
                RAISE EXCEPTION '% has no history (day buckets are not versioned): ask for it without asOfBlock', t USING ERRCODE = '0A000';
            END $$`)
        const tables = await db.query(`
            SELECT t.table_name AS name,
                   EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'block') AS has_block
            FROM information_schema.tables t
            WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name <> 'migrations' AND t.table_name NOT LIKE '%\\_history'
            ORDER BY t.table_name`)
        for (const {name, has_block} of tables) {
            const v = `sahara_asof."${name}"`
            if (HISTORY.includes(name)) {
                const cols = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [name])
                const o = OMITS[name]
                const select = cols.map((c) => (o?.columns.includes(c.column_name) ? `o."${c.column_name}"` : `h."${c.column_name}"`)).join(', ')
                const join = o ? ` JOIN ${o.from} o ON ${o.on}` : ''
                await db.query(`CREATE VIEW ${v} AS SELECT ${select} FROM public."${name}_history" h${join} WHERE h.block_range @> sahara_asof.block()`)
            } else if (name === 'indexed_head') {
                await db.query(`
                    CREATE VIEW ${v} AS
                    SELECT h.id, sahara_asof.block() AS height, current_setting('sahara.as_of_hash') AS hash,
                           to_timestamp(current_setting('sahara.as_of_time')::bigint) AS "timestamp", h.start_block
                    FROM public.indexed_head h`)
            } else if (has_block) {
                await db.query(`CREATE VIEW ${v} AS SELECT * FROM public."${name}" WHERE block <= sahara_asof.block()`)
            } else if (STATIC.includes(name)) {
                await db.query(`CREATE VIEW ${v} AS SELECT * FROM public."${name}"`)
            } else {
                await db.query(`CREATE VIEW ${v} AS SELECT * FROM public."${name}" WHERE sahara_asof.unversioned('${name}')`)
            }
        }
        // the computed views, bound to the as-of views above (same SQL as 1796347763528-Data.js)
        await db.query(`
            CREATE VIEW sahara_asof.receipt_accrual AS
            SELECT r.id, r.id AS receipt_id,
                   div(r.weight * ((CASE WHEN r.revoked THEN r.acc_at_revoke ELSE a.acc_revenue_per_weight END) - r.acc_snapshot), 1000000000000000000) AS accrued,
                   div(r.weight * ((CASE WHEN r.revoked THEN r.acc_at_revoke ELSE a.acc_revenue_per_weight END) - r.acc_snapshot), 1000000000000000000) - r.claimed AS claimable
            FROM sahara_asof.receipt r JOIN sahara_asof.asset a ON a.id = r.asset_id`)
        await db.query(`
            CREATE VIEW sahara_asof.license_validity AS
            SELECT l.id, l.id AS license_id,
                   (NOT l.revoked AND (l.expires_at = 0 OR floor(extract(epoch FROM h."timestamp"))::numeric < l.expires_at)) AS is_valid,
                   h.height AS at_block,
                   floor(extract(epoch FROM h."timestamp"))::numeric AS at_timestamp
            FROM sahara_asof.license l CROSS JOIN sahara_asof.indexed_head h WHERE h.id = 'head'`)
        // the API's read-only role (1795604400000-ReadOnlyRole.js), where this database has it
        await db.query(`
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sahara_api_readonly') THEN
                    GRANT USAGE ON SCHEMA sahara_asof TO sahara_api_readonly;
                    GRANT SELECT ON ALL TABLES IN SCHEMA sahara_asof TO sahara_api_readonly;
                    ALTER DEFAULT PRIVILEGES IN SCHEMA sahara_asof GRANT SELECT ON TABLES TO sahara_api_readonly;
                END IF;
            END $$`)
    }

    async down(db) {
        await db.query(`
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sahara_api_readonly') THEN
                    ALTER DEFAULT PRIVILEGES IN SCHEMA sahara_asof REVOKE SELECT ON TABLES FROM sahara_api_readonly;
                END IF;
            END $$`)
        await db.query(`DROP SCHEMA "sahara_asof" CASCADE`)
        for (const t of [...HISTORY].reverse()) await db.query(`DROP TABLE "${t}_history"`)
        await db.query(`ALTER TABLE "indexed_head" DROP COLUMN "start_block"`)
    }
}
