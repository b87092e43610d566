/**
 * `npm run reset`: deletes the data folder (embedded Postgres, devnet state, manifests), unless an
 * `npm start` is running on it (its instance lock, local/instance.ts): then it deletes nothing and
 * exits 1, since removing a running cluster's and devnet's files under them corrupts both.
 */
import fs from 'fs'
import {ConfigError} from '../src/config/schema'
import {loadDataDir} from '../src/config/local'
import {leftoversMessage, leftoversOf, readInstance, resetRefusedMessage, runningInstance} from './instance'

try {
    const dir = loadDataDir(process.env)
    const running = runningInstance(dir)
    const stale = running ? undefined : readInstance(dir)
    const leftovers = stale ? leftoversOf(stale) : []
    if (running) {
        console.error(resetRefusedMessage(running, dir))
        process.exitCode = 1
    } else if (stale && leftovers.length > 0) {
        // a start killed hard: its PostgreSQL and anvil still write into the folder
        console.error(leftoversMessage(stale, leftovers, 'run npm run reset again; nothing was deleted'))
        process.exitCode = 1
    } else if (!fs.existsSync(dir)) {
        console.log(`nothing to reset: ${dir} does not exist`)
    } else {
        fs.rmSync(dir, {recursive: true, force: true})
        console.log(`removed ${dir}; the next npm start indexes a new devnet from scratch`)
    }
} catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = e instanceof ConfigError ? 2 : 1
}
