/**
 * Which PostgreSQL the squid uses, decided from the environment alone (no I/O):
 *   1. DATABASE_URL
 *   2. else DB_URL (Subsquid's name)
 *   3. else DB_HOST with DB_PORT (5432), DB_NAME (postgres), DB_USER (postgres), DB_PASS (postgres)
 *   4. else an embedded PostgreSQL on DB_PORT (54320), database DB_NAME (squid), data in <DATA_DIR>/postgres.
 * local/database.ts starts the embedded server; everything else only needs the URL.
 */
import path from 'path'
import {ConfigError, DEFAULT_EMBEDDED_PORT, DEFAULT_EXTERNAL_DB_PORT, describeProblem, readEnv, type Env} from './schema'

export type DatabaseTarget =
    | {kind: 'external'; url: string; /** the variable that chose it */ from: 'DATABASE_URL' | 'DB_URL' | 'DB_HOST'}
    | {kind: 'embedded'; port: number; /** absolute cluster folder, <DATA_DIR>/postgres */ dataDir: string; database: string}

export const DATABASE_VARS = ['DATABASE_URL', 'DB_URL', 'DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASS', 'DATA_DIR'] as const
export type DatabaseEnv = Pick<Env, (typeof DATABASE_VARS)[number]>

/** Resolves the database from already validated values (see readEnv). */
export function databaseTargetOf(e: DatabaseEnv): DatabaseTarget {
    if (e.DATABASE_URL) return {kind: 'external', url: e.DATABASE_URL, from: 'DATABASE_URL'}
    if (e.DB_URL) return {kind: 'external', url: e.DB_URL, from: 'DB_URL'}
    if (e.DB_HOST) {
        if (e.DB_PORT === 0) throw new ConfigError([describeProblem('DB_PORT', '0', 'must be a port number 1-65535 when DB_HOST is set')])
        const host = e.DB_HOST.includes(':') && !e.DB_HOST.startsWith('[') ? `[${e.DB_HOST}]` : e.DB_HOST
        const enc = encodeURIComponent
        const url = `postgres://${enc(e.DB_USER ?? 'postgres')}:${enc(e.DB_PASS ?? 'postgres')}@${host}:${e.DB_PORT ?? DEFAULT_EXTERNAL_DB_PORT}/${enc(e.DB_NAME ?? 'postgres')}`
        return {kind: 'external', url, from: 'DB_HOST'}
    }
    return {kind: 'embedded', port: e.DB_PORT ?? DEFAULT_EMBEDDED_PORT, dataDir: path.join(path.resolve(e.DATA_DIR), 'postgres'), database: e.DB_NAME ?? 'squid'}
}

/** The database `env` selects; throws a ConfigError (one line per bad variable). */
export function resolveDatabase(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
    return databaseTargetOf(readEnv(env, DATABASE_VARS))
}
