import path from 'path'
import {redact} from '../src/util/redact'
import {startEmbeddedPostgres} from './embedded-postgres'

export {redact}

export interface DatabaseHandle {
    /** postgres:// URL for Subsquid (exported to children as DB_URL). */
    url: string
    embedded: boolean
    stop(): Promise<void>
}

export const DEFAULT_DATA_DIR = '.data'
export const DEFAULT_EMBEDDED_PORT = 54320

/**
 * The database the squid uses: `DATABASE_URL` (or Subsquid's `DB_URL`, or `DB_HOST`...) selects
 * an external server; otherwise an embedded PostgreSQL is started with its data under
 * `<DATA_DIR>/postgres` (port `DB_PORT`, default 54320).
 */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env, log: (m: string) => void = () => {}): Promise<DatabaseHandle> {
    const external = env.DATABASE_URL || env.DB_URL
    if (external) {
        if (!/^postgres(ql)?:\/\//.test(external)) {
            throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL, got "${redact(external)}"`)
        }
        return {url: external, embedded: false, stop: async () => {}}
    }
    if (env.DB_HOST) {
        const url = `postgres://${encodeURIComponent(env.DB_USER ?? 'postgres')}:${encodeURIComponent(env.DB_PASS ?? 'postgres')}@${env.DB_HOST}:${env.DB_PORT ?? 5432}/${env.DB_NAME ?? 'postgres'}`
        return {url, embedded: false, stop: async () => {}}
    }
    const port = env.DB_PORT ? Number(env.DB_PORT) : DEFAULT_EMBEDDED_PORT
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`DB_PORT must be a port number, got "${env.DB_PORT}"`)
    const dataDir = path.join(path.resolve(env.DATA_DIR || DEFAULT_DATA_DIR), 'postgres')
    const db = await startEmbeddedPostgres({dataDir, port, database: env.DB_NAME || 'squid'})
    log(`embedded PostgreSQL on 127.0.0.1:${db.port} (data in ${dataDir})`)
    return {url: db.url, embedded: true, stop: () => db.stop()}
}

