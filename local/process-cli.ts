/**
 * `npm run process [-- --exit-at-head] [--reindex]`: opens the database (embedded unless
 * DATABASE_URL is set), applies migrations, and runs the processor (lib/main.js) against the
 * manifest's chain, supervised: an unexpected exit is reported and restarted with backoff;
 * repeated failure, or one a restart cannot help (bad configuration, a reorg deeper than the
 * finality depth), stops with the reason. SIGINT/SIGTERM stop the processor and the database.
 *
 *   --exit-at-head  index up to the chain head seen at start (hot blocks included), then exit 0
 *   --reindex       drop every indexed row and index again from the start block (the recovery
 *                   after a reorg deeper than FINALITY_CONFIRMATION); only for the first start
 */
import {parseArgs} from 'util'
import {loadProcessRunnerConfig} from '../src/config/local'
import {applyMigrations, PROCESSOR_MAIN, runNode} from './child'
import {openDatabase, redact} from './database'
import {PROCESSOR_FATAL} from './exit-codes'
import {supervise} from './supervisor'

async function main() {
    const {values} = parseArgs({
        options: {'exit-at-head': {type: 'boolean', default: false}, reindex: {type: 'boolean', default: false}},
    })
    const cfg = loadProcessRunnerConfig(process.env)
    const db = await openDatabase(cfg.database, console.log)
    let code = 1
    try {
        await applyMigrations(db.url)
        console.log(`database ${redact(db.url)} migrated; starting the processor${values.reindex ? ' (re-indexing from the start block)' : ''}`)
        let first = true
        code = await new Promise<number>((resolve) => {
            const p = supervise({
                name: 'the processor',
                start: () => {
                    const env: NodeJS.ProcessEnv = {DB_URL: db.url}
                    if (values['exit-at-head']) env.EXIT_AT_HEAD = '1'
                    if (values.reindex && first) env.REINDEX = '1' // a restart after a crash resumes, it does not drop again
                    first = false
                    return runNode(PROCESSOR_MAIN, [], env)
                },
                fatalCodes: PROCESSOR_FATAL,
                onExit0: () => resolve(0),
                onGiveUp: (reason) => {
                    console.error(reason)
                    resolve(1)
                },
            })
            for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
                process.once(sig, () => {
                    console.log(`\n${sig}: stopping the processor`)
                    void p.stop().then(() => resolve(0))
                })
            }
        })
    } finally {
        await db.stop()
    }
    process.exit(code)
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
})
