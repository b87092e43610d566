import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {startEmbeddedPostgres} from '../../local/embedded-postgres'
import {applyMigrations} from '../../local/child'

export interface TestDatabase {
    url: string
    query<T = any>(sql: string, params?: unknown[]): Promise<T[]>
    /** A fresh, migrated database on the same server. */
    fresh(): Promise<TestDatabase>
    close(): Promise<void>
}

/**
 * A real PostgreSQL for a test file: `TEST_DATABASE_URL` (a server where we may create
 * databases) if set, else an embedded PostgreSQL in a temporary folder. Every database it
 * hands out is new and migrated with the committed migrations.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
    const admin = process.env.TEST_DATABASE_URL
    let adminUrl: string
    let stopServer = async () => {}
    if (admin) {
        adminUrl = admin
    } else {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-pg-'))
        fs.chmodSync(dir, 0o755) // as root, PostgreSQL runs as the 'postgres' user and must reach it
        const db = await startEmbeddedPostgres({dataDir: path.join(dir, 'pg'), database: 'postgres'})
        adminUrl = db.url
        stopServer = async () => {
            await db.stop()
            fs.rmSync(dir, {recursive: true, force: true})
        }
    }
    const pools: pg.Pool[] = []
    const make = async (): Promise<TestDatabase> => {
        const name = `t_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
        const c = new pg.Client(adminUrl)
        await c.connect()
        await c.query(`CREATE DATABASE ${name}`)
        await c.end()
        const u = new URL(adminUrl)
        u.pathname = `/${name}`
        const url = u.toString()
        await applyMigrations(url)
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
    return make()
}
