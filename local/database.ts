import {resolveDatabase, type DatabaseTarget} from '../src/config/database'
import {redact} from '../src/util/redact'
import {startEmbeddedPostgres} from './embedded-postgres'

export {redact}
export {DEFAULT_DATA_DIR, DEFAULT_EMBEDDED_PORT} from '../src/config/schema'

export interface DatabaseHandle {
    /** postgres:// URL for Subsquid (exported to children as DB_URL). */
    url: string
    embedded: boolean
    stop(): Promise<void>
}

/**
 * The database the squid uses (src/config/database.ts decides which: DATABASE_URL, DB_URL,
 * DB_HOST..., else embedded): an external server is used as is; the embedded PostgreSQL is
 * started here, with its data under `<DATA_DIR>/postgres`.
 */
export async function openDatabase(target: NodeJS.ProcessEnv | DatabaseTarget = process.env, log: (m: string) => void = () => {}): Promise<DatabaseHandle> {
    const t = isTarget(target) ? target : resolveDatabase(target)
    if (t.kind === 'external') return {url: t.url, embedded: false, stop: async () => {}}
    const db = await startEmbeddedPostgres({dataDir: t.dataDir, port: t.port, database: t.database})
    log(`embedded PostgreSQL on 127.0.0.1:${db.port} (data in ${t.dataDir})`)
    return {url: db.url, embedded: true, stop: () => db.stop()}
}

function isTarget(x: NodeJS.ProcessEnv | DatabaseTarget): x is DatabaseTarget {
    const t = x as Partial<Record<string, unknown>>
    // an environment holds strings only: a numeric port or a `from` marks a resolved target
    return (t.kind === 'embedded' && typeof t.port === 'number') || (t.kind === 'external' && typeof t.from === 'string')
}
