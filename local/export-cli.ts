/**
 * `npm run export -- <dataset> ...`: the research export (src/export/cli.ts) against the squid's
 * database: DATABASE_URL (or DB_URL / DB_HOST...) if set, else the embedded PostgreSQL of
 * `npm start` (reused while it runs, started otherwise).
 */
import {isPortInUse} from '../src/util/ports'
import {exportCli, exportFailure, type ExportDatabase} from '../src/export/cli'
import {DEFAULT_EMBEDDED_PORT, openDatabase} from './database'

async function database(env: NodeJS.ProcessEnv, log: (m: string) => void): Promise<ExportDatabase> {
    if (!env.DATABASE_URL && !env.DB_URL && !env.DB_HOST) {
        const port = env.DB_PORT ? Number(env.DB_PORT) : DEFAULT_EMBEDDED_PORT
        if (Number.isInteger(port) && (await isPortInUse(port))) {
            // `npm start` (or `npm run process`) holds the embedded cluster: read from it
            return {url: `postgres://postgres:postgres@127.0.0.1:${port}/${env.DB_NAME || 'squid'}`, stop: async () => {}}
        }
    }
    return openDatabase(env, log)
}

exportCli(process.argv.slice(2), (log) => database(process.env, log)).then(
    (code) => {
        process.exitCode = code
    },
    (e) => {
        process.exitCode = exportFailure(e)
    },
)
