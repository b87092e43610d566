/**
 * `npm run dashboards`: writes every dashboard's JSON to dashboards/build/<uid>.json (committed;
 * Grafana's file provider reads that folder) and removes JSON files of dashboards that no longer exist.
 */
import fs from 'fs'
import path from 'path'
import {BUILD_DIR, renderAll} from './index'

function main(): void {
    fs.mkdirSync(BUILD_DIR, {recursive: true})
    const files = renderAll()
    const keep = new Set(files.map((f) => f.file))
    for (const old of fs.readdirSync(BUILD_DIR)) {
        if (old.endsWith('.json') && !keep.has(old)) {
            fs.rmSync(path.join(BUILD_DIR, old))
            console.log(`removed ${old}`)
        }
    }
    for (const {file, text} of files) {
        const target = path.join(BUILD_DIR, file)
        const changed = !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text
        if (changed) fs.writeFileSync(target, text)
        console.log(`${changed ? 'wrote' : 'unchanged'} ${path.relative(process.cwd(), target)}`)
    }
}

main()
