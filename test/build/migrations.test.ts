/**
 * db/migrations with Subsquid's migration CLI on a real PostgreSQL: every migration's down() works
 * (apply all, revert one at a time to nothing, apply all again) and leaves no trace, the schema after
 * the round trip equals the first one (tables, columns and types, indexes, constraints, the read-only
 * role and its grants), and the hand-written backfill fills the day tables of a database that was
 * indexed before their schema migration.
 */
import {execFile} from 'child_process'
import fs from 'fs'
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openTestDatabase, TestDatabase} from '../helpers/database'

const ROOT = path.resolve(__dirname, '../..')
const MIGRATIONS_DIR = path.join(ROOT, 'db', 'migrations')
/** The role created by db/migrations/1795604400000-ReadOnlyRole.js (READ_ONLY_ROLE in src/api/main.ts). */
const READ_ONLY_ROLE = 'sahara_api_readonly'
/** The generated migration that adds the day tables, and the hand-written backfill that follows it. */
const DAY_TABLES_MIGRATION = 'Data1795607753296'
const BACKFILL_MIGRATION = 'BackfillDayData1795607753297'

/** Runs `squid-typeorm-migration <apply|revert>` as `sqd migration:*` does: from the project root, with DB_URL. */
function migrationCli(command: 'apply' | 'revert', dbUrl: string): Promise<string> {
    const bin = require.resolve(`@subsquid/typeorm-migration/bin/squid-typeorm-migration-${command}`)
    const env: NodeJS.ProcessEnv = {}
    for (const [k, v] of Object.entries(process.env)) if (!/^DB_/.test(k)) env[k] = v
    env.DB_URL = dbUrl
    return new Promise((resolve, reject) => {
        execFile(process.execPath, [bin], {cwd: ROOT, env, maxBuffer: 64 << 20}, (err, stdout, stderr) => {
            const out = `${stdout}${stderr}`
            if (err) reject(new Error(`squid-typeorm-migration ${command} failed (${err.message.split('\n')[0]}):\n${out.slice(-4000)}`))
            else resolve(out)
        })
    })
}

/** Migration class names of db/migrations/*.js in the order TypeORM applies them (by timestamp). */
function migrationFiles(): string[] {
    return fs
        .readdirSync(MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.js'))
        .map((f) => {
            const m = /^(\d{13})-(\w+)\.js$/.exec(f)
            if (!m) throw new Error(`db/migrations/${f}: expected <13-digit timestamp>-<Name>.js`)
            return {timestamp: Number(m[1]), name: `${m[2]}${m[1]}`}
        })
        .sort((a, b) => a.timestamp - b.timestamp)
        .map((m) => m.name)
}

async function appliedMigrations(db: TestDatabase): Promise<string[]> {
    return (await db.query<{name: string}>('SELECT name FROM migrations ORDER BY timestamp')).map((r) => r.name)
}

const USER_SCHEMAS = `NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`

/** What the migrations define, from the catalogs, in a stable order. */
async function catalog(db: TestDatabase) {
    return {
        schemas: await db.query(
            `SELECT nspname, pg_get_userbyid(nspowner) AS owner, nspacl::text AS acl FROM pg_namespace
             WHERE nspname ${USER_SCHEMAS} AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%' ORDER BY 1`,
        ),
        relations: await db.query(
            `SELECT n.nspname, c.relname, c.relkind::text, pg_get_userbyid(c.relowner) AS owner, c.relacl::text AS acl
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname ${USER_SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') ORDER BY 1, 2`,
        ),
        // position, not attnum: a column dropped and added again leaves a gap in attnum, not in the table.
        columns: await db.query(
            `SELECT n.nspname, c.relname, row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)::int AS position, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
                    a.attnotnull, pg_get_expr(d.adbin, d.adrelid) AS "default", a.attacl::text AS acl
             FROM pg_attribute a
             JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE n.nspname ${USER_SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY 1, 2, 3`,
        ),
        indexes: await db.query(
            `SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname ${USER_SCHEMAS} ORDER BY 1, 2, 3`,
        ),
        constraints: await db.query(
            `SELECT n.nspname, c.conrelid::regclass::text AS "table", c.conname, c.contype::text, pg_get_constraintdef(c.oid) AS def
             FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
             WHERE n.nspname ${USER_SCHEMAS} ORDER BY 1, 2, 3`,
        ),
        functions: await db.query(
            `SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname ${USER_SCHEMAS} ORDER BY 1, 2, 3`,
        ),
        triggers: await db.query(
            `SELECT tgrelid::regclass::text AS "table", tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`,
        ),
        readOnlyRole: await db.query(
            `SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls
             FROM pg_roles WHERE rolname = $1`,
            [READ_ONLY_ROLE],
        ),
        readOnlyMemberships: await db.query(
            `SELECT r.rolname AS role, m.rolname AS member FROM pg_auth_members am
             JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
             WHERE r.rolname = $1 OR m.rolname = $1 ORDER BY 1, 2`,
            [READ_ONLY_ROLE],
        ),
        defaultPrivileges: await db.query(
            `SELECT pg_get_userbyid(defaclrole) AS role, defaclnamespace::regnamespace::text AS schema, defaclobjtype::text, defaclacl::text AS acl
             FROM pg_default_acl ORDER BY 1, 2, 3`,
        ),
        databaseAcl: await db.query(`SELECT datacl::text AS acl FROM pg_database WHERE datname = current_database()`),
    }
}

/** Inserts a row, filling the NOT NULL columns not given with a zero of their type. */
async function insertRow(db: TestDatabase, table: string, values: Record<string, unknown>): Promise<void> {
    const cols = await db.query<{column_name: string; data_type: string; is_nullable: string; column_default: string | null}>(
        `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
    )
    if (cols.length === 0) throw new Error(`no table ${table}`)
    const row: Record<string, unknown> = {}
    for (const c of cols) {
        if (c.column_name in values) row[c.column_name] = values[c.column_name]
        else if (c.is_nullable === 'NO' && c.column_default == null) {
            const zero: Record<string, unknown> = {
                'character varying': '', text: '', integer: 0, bigint: 0, numeric: 0, boolean: false,
                bytea: Buffer.alloc(0), 'timestamp with time zone': new Date(0),
            }
            if (!(c.data_type in zero)) throw new Error(`insertRow: no zero for ${table}.${c.column_name} (${c.data_type})`)
            row[c.column_name] = zero[c.data_type]
        }
    }
    for (const k of Object.keys(values)) if (!cols.some((c) => c.column_name === k)) throw new Error(`no column ${table}.${k}`)
    const names = Object.keys(row)
    await db.query(
        `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
        names.map((n) => row[n]),
    )
}

/** A new, empty database (no migration applied) on the server of `db`. */
async function emptyDatabase(db: TestDatabase): Promise<{db: TestDatabase; drop(): Promise<void>}> {
    const name = `mig_${process.pid}_${Date.now()}`
    await db.query(`CREATE DATABASE ${name}`)
    const u = new URL(db.url)
    u.pathname = `/${name}`
    const pool = new pg.Pool({connectionString: u.toString(), max: 2})
    pool.on('error', () => {})
    const empty: TestDatabase = {
        url: u.toString(),
        query: async (sql, params) => (await pool.query(sql, params as any[])).rows,
        fresh: () => db.fresh(),
        close: async () => {},
    }
    return {
        db: empty,
        async drop() {
            await pool.end()
            await db.query(`DROP DATABASE IF EXISTS ${name}`)
        },
    }
}

describe('db/migrations', () => {
    let db: TestDatabase
    beforeAll(async () => {
        if (!fs.existsSync(path.join(ROOT, 'lib', 'model', 'index.js'))) {
            throw new Error('lib/model is missing: the migration CLI loads the compiled model, run `npm run build` (npx tsc) first')
        }
        db = await openTestDatabase() // a migrated database, as every test gets
    })
    afterAll(async () => {
        await db?.close()
    })

    it('on a new database: apply all, revert one at a time to nothing, apply all again: every down() works and the schema comes back the same', async () => {
        const files = migrationFiles()
        const {db: fresh, drop} = await emptyDatabase(db)
        try {
            await migrationCli('apply', fresh.url)
            expect(await appliedMigrations(fresh)).toEqual(files)
            const first = await catalog(fresh)
            expect(first.relations.length).toBeGreaterThan(files.length)

            for (let i = files.length - 1; i >= 0; i--) {
                await migrationCli('revert', fresh.url)
                expect(await appliedMigrations(fresh), `after reverting ${files[i]}`).toEqual(files.slice(0, i))
            }

            // Nothing of the migrations is left: only TypeORM's own bookkeeping table, no grant to the role.
            const empty = await catalog(fresh)
            expect(empty.relations.filter((r) => r.nspname === 'public').map((r) => r.relname).sort()).toEqual(['migrations', 'migrations_id_seq'])
            expect(empty.indexes.map((r) => r.indexname)).toEqual([expect.stringMatching(/^PK_/)])
            expect(empty.constraints.filter((c) => c.contype === 'f')).toEqual([])
            const mentionsRole = (acl: string | null) => (acl ?? '').includes(`${READ_ONLY_ROLE}=`)
            expect(empty.relations.filter((r) => mentionsRole(r.acl))).toEqual([])
            expect(empty.schemas.filter((s) => mentionsRole(s.acl))).toEqual([])
            expect(empty.defaultPrivileges.filter((d) => mentionsRole(d.acl))).toEqual([])
            expect(empty.databaseAcl.filter((d) => mentionsRole(d.acl))).toEqual([])

            await migrationCli('apply', fresh.url)
            expect(await appliedMigrations(fresh)).toEqual(files)
            expect(await catalog(fresh)).toEqual(first)

            // The databases the test helpers hand out have that same schema.
            expect(await catalog(db)).toEqual(first)
        } finally {
            await drop()
        }
    })

    it('the read-only role can read every table the migrations create (when the login may create roles)', async () => {
        const role = await db.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [READ_ONLY_ROLE])
        if (role.length === 0) return // a login without CREATEROLE: the migration only logs a notice
        const unreadable = await db.query(
            `SELECT table_schema, table_name FROM information_schema.tables
             WHERE table_schema IN ('public', 'squid_processor') AND NOT has_table_privilege($1, format('%I.%I', table_schema, table_name), 'SELECT')`,
            [READ_ONLY_ROLE],
        )
        expect(unreadable).toEqual([])
        const writable = await db.query(
            `SELECT table_name FROM information_schema.tables
             WHERE table_schema = 'public' AND has_table_privilege($1, format('%I.%I', table_schema, table_name), 'INSERT,UPDATE,DELETE,TRUNCATE')`,
            [READ_ONLY_ROLE],
        )
        expect(writable).toEqual([])
    })

    it('a database indexed before the day tables existed gets them filled by the hand-written backfill', async () => {
        const files = migrationFiles()
        const dayTables = files.indexOf(DAY_TABLES_MIGRATION)
        expect(files.slice(dayTables, dayTables + 2)).toEqual([DAY_TABLES_MIGRATION, BACKFILL_MIGRATION])
        // Back to the schema just before the day tables (later migrations are reverted too).
        const old = await db.fresh()
        for (let i = files.length; i > dayTables; i--) await migrationCli('revert', old.url)
        expect(await appliedMigrations(old)).toEqual(files.slice(0, dayTables))

        // Day 20000 (2024-10-04 UTC) and day 20001: rows written by a processor of that schema version.
        const day = 20_000
        const at = (d: number, seconds: number) => new Date((d * 86_400 + seconds) * 1000)
        await insertRow(old, 'account', {id: '0xcaller'})
        await insertRow(old, 'asset', {id: '1', kind: 'MODEL', status: 'ACTIVE'})
        await insertRow(old, 'asset', {id: '2', kind: 'DATASET', status: 'ACTIVE'})
        await insertRow(old, 'invocation', {id: '1', asset_id: '1', caller_id: '0xcaller', fee: 5, timestamp: at(day, 10)})
        await insertRow(old, 'invocation', {id: '2', asset_id: '1', caller_id: '0xcaller', fee: 7, timestamp: at(day, 20)})
        await insertRow(old, 'invocation', {id: '3', asset_id: '2', caller_id: '0xcaller', fee: 1, timestamp: at(day + 1, 5)})
        await insertRow(old, 'revenue_distribution', {id: 'r1', asset_id: '1', depth: 0, amount: 3, timestamp: at(day, 10)})
        await insertRow(old, 'revenue_distribution', {id: 'r2', asset_id: '1', depth: 0, amount: 4, timestamp: at(day, 30)})
        await insertRow(old, 'revenue_distribution', {id: 'r3', asset_id: '1', depth: 1, amount: 2, timestamp: at(day, 30)})
        await insertRow(old, 'treasury_day_data', {id: String(day), date: at(day, 0)})
        await insertRow(old, 'treasury_day_data', {id: String(day + 1), date: at(day + 1, 0)})
        const flow = (id: string, kind: string, category: string | null, amount: number) =>
            insertRow(old, 'treasury_flow', {id, kind, category, amount, timestamp: at(day, 100)})
        await flow('f1', 'DISBURSEMENT', 'GRANT', 10)
        await flow('f2', 'DISBURSEMENT', 'GRANT', 1)
        await flow('f3', 'DISBURSEMENT', 'LIQUIDITY', 4)
        await flow('f4', 'DISBURSEMENT', null, 2)
        await flow('f5', 'DEPOSIT', null, 1000)

        await migrationCli('apply', old.url)
        expect(await appliedMigrations(old)).toEqual(files)

        expect(await old.query(`SELECT id, caller_id, kind, date, invocations, fees::text FROM caller_day_data ORDER BY id`)).toEqual([
            {id: `0xcaller-DATASET-${day + 1}`, caller_id: '0xcaller', kind: 'DATASET', date: at(day + 1, 0), invocations: 1, fees: '1'},
            {id: `0xcaller-MODEL-${day}`, caller_id: '0xcaller', kind: 'MODEL', date: at(day, 0), invocations: 2, fees: '12'},
        ])
        expect(await old.query(`SELECT id, kind, depth, date, distributions, amount::text FROM royalty_depth_day_data ORDER BY id`)).toEqual([
            {id: `MODEL-0-${day}`, kind: 'MODEL', depth: 0, date: at(day, 0), distributions: 2, amount: '7'},
            {id: `MODEL-1-${day}`, kind: 'MODEL', depth: 1, date: at(day, 0), distributions: 1, amount: '2'},
        ])
        expect(
            await old.query(
                `SELECT id, grants::text, rewards::text, operations::text, liquidity::text, other_spend::text FROM treasury_day_data ORDER BY id`,
            ),
        ).toEqual([
            {id: String(day), grants: '11', rewards: '0', operations: '0', liquidity: '4', other_spend: '2'},
            {id: String(day + 1), grants: '0', rewards: '0', operations: '0', liquidity: '0', other_spend: '0'},
        ])

        // Reverting only the backfill (and what follows it) keeps the rows, its down() is a no-op,
        // and applying it again is harmless.
        for (let i = files.length; i > dayTables + 1; i--) await migrationCli('revert', old.url)
        expect(await appliedMigrations(old)).toEqual(files.slice(0, dayTables + 1))
        expect(await old.query(`SELECT count(*)::int AS n FROM caller_day_data`)).toEqual([{n: 2}])
        await migrationCli('apply', old.url)
        expect(await old.query(`SELECT count(*)::int AS n FROM caller_day_data`)).toEqual([{n: 2}])
        expect(await old.query(`SELECT count(*)::int AS n FROM royalty_depth_day_data`)).toEqual([{n: 2}])

        // The schema of the upgraded database is the schema of a fresh one.
        expect(await catalog(old)).toEqual(await catalog(await db.fresh()))
    })

    it('a database indexed before the history existed gets its current rows as first versions, and history from its head on', async () => {
        const files = migrationFiles()
        expect(files[files.length - 1]).toBe('History1796400000000')
        const old = await db.fresh()
        await migrationCli('revert', old.url)
        expect(await appliedMigrations(old)).toEqual(files.slice(0, -1))
        await insertRow(old, 'indexed_head', {id: 'head', height: 4711, hash: '0xabc', timestamp: new Date(1_000_000)})
        await insertRow(old, 'protocol', {id: 'sahara', treasury_balance: 5})
        await insertRow(old, 'account', {id: '0xowner', votes: 3})
        await insertRow(old, 'asset', {id: '1', kind: 'MODEL', status: 'ACTIVE', owner_id: '0xowner', creator_id: '0xowner', version: 1})
        await migrationCli('apply', old.url)
        expect(await old.query(`SELECT height, start_block FROM indexed_head`)).toEqual([{height: 4711, start_block: 4711}])
        expect(await old.query(`SELECT id, treasury_balance::text AS b, valid_from, valid_to FROM protocol_history`)).toEqual([{id: 'sahara', b: '5', valid_from: 4711, valid_to: null}])
        expect(await old.query(`SELECT id, votes::text AS v, valid_from FROM account_history`)).toEqual([{id: '0xowner', v: '3', valid_from: 4711}])
        expect(await old.query(`SELECT id, owner_id, valid_from FROM asset_history`)).toEqual([{id: '1', owner_id: '0xowner', valid_from: 4711}])
        expect(await catalog(old)).toEqual(await catalog(await db.fresh()))
    })
})
