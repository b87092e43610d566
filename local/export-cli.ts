/**
 * `npm run export -- <dataset> ...`: the research export (src/export/cli.ts) against the squid's
 * database: DATABASE_URL (or DB_URL / DB_HOST...) if set, else the embedded PostgreSQL of
 * `npm start` (reused while it runs, started otherwise).
 */
import {resolveDatabase} from '../src/config/database'
import {isPortInUse} from '../src/util/ports'
import {exportCli, exportFailure, type ExportDatabase} from '../src/export/cli'
import {openDatabase} from './database'

async function database(env: NodeJS.ProcessEnv, log: (m: string) => void): Promise<ExportDatabase> {
    const target = resolveDatabase(env)
    if (target.kind === 'embedded' && target.port !== 0 && (await isPortInUse(target.port))) {
        // `npm start` (or `npm run process`) holds the embedded cluster: read from it
        return {url: `postgres://postgres:postgres@127.0.0.1:${target.port}/${target.database}`, stop: async () => {}}
    }
    return openDatabase(target, log)
}

exportCli(process.argv.slice(2), (log) => database(process.env, log)).then(
    (code) => {
        process.exitCode = code
    },
    (e) => {
        process.exitCode = exportFailure(e)
    },
)
