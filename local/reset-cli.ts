/** `npm run reset`: deletes the data folder (embedded Postgres, devnet state, manifests). */
import fs from 'fs'
import {loadDataDir} from '../src/config/local'

try {
    const dir = loadDataDir(process.env)
    if (!fs.existsSync(dir)) {
        console.log(`nothing to reset: ${dir} does not exist`)
    } else {
        fs.rmSync(dir, {recursive: true, force: true})
        console.log(`removed ${dir}; the next npm start indexes a new devnet from scratch`)
    }
} catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 1
}
