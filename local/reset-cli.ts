/** `npm run reset`: deletes the data folder (embedded Postgres, devnet state, manifests). */
import fs from 'fs'
import path from 'path'
import {DEFAULT_DATA_DIR} from './database'

const dir = path.resolve(process.env.DATA_DIR || DEFAULT_DATA_DIR)
if (!fs.existsSync(dir)) {
    console.log(`nothing to reset: ${dir} does not exist`)
} else {
    fs.rmSync(dir, {recursive: true, force: true})
    console.log(`removed ${dir}; the next npm start indexes a new devnet from scratch`)
}
