/**
 * `npm run process [-- --exit-at-head]`: opens the database (embedded unless DATABASE_URL is
 * set), applies migrations, and runs the processor (lib/main.js) against the manifest's chain.
 */
import {parseArgs} from 'util'
import {applyMigrations, PROCESSOR_MAIN, runNode, waitExit} from './child'
import {openDatabase, redact} from './database'

async function main() {
    const {values} = parseArgs({options: {'exit-at-head': {type: 'boolean', default: false}}})
    const db = await openDatabase(process.env, console.log)
    let code = 1
    try {
        await applyMigrations(db.url)
        console.log(`database ${redact(db.url)} migrated; starting the processor`)
        const env: NodeJS.ProcessEnv = {DB_URL: db.url}
        if (values['exit-at-head']) env.EXIT_AT_HEAD = '1'
        const child = runNode(PROCESSOR_MAIN, [], env)
        const forward = (sig: NodeJS.Signals) => child.kill(sig)
        process.on('SIGINT', forward)
        process.on('SIGTERM', forward)
        code = await waitExit(child)
    } finally {
        await db.stop()
    }
    process.exit(code)
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
})
