/**
 * Build once: the runner's commands (`npm start`, `npm run process`, the benchmarks) run the
 * squid from its compiled output, lib/. `npm install` compiles it (the `prepare` script); this
 * compiles again only when a source is newer than the last build, so a start after install
 * spends no time in tsc. `npm test` always type-checks everything (its own `tsc` runs).
 *
 * Current means: lib/.tsbuildinfo (written by every successful `tsc`, see tsconfig.json) is
 * newer than every file under src/ and than tsconfig.json and package.json.
 */
import {spawnSync} from 'child_process'
import fs from 'fs'
import path from 'path'

const ROOT = path.resolve(__dirname, '..')
export const BUILD_STAMP = path.join(ROOT, 'lib', '.tsbuildinfo')

/** Newest modification time (ms) of the files that go into lib/. */
export function newestSourceMtime(root = ROOT): number {
    let newest = 0
    const visit = (p: string) => {
        const st = fs.statSync(p)
        if (st.isDirectory()) {
            for (const name of fs.readdirSync(p)) visit(path.join(p, name))
        } else if (!p.endsWith('.test.ts')) {
            newest = Math.max(newest, st.mtimeMs)
        }
    }
    visit(path.join(root, 'src'))
    for (const f of ['tsconfig.json', 'package.json']) newest = Math.max(newest, fs.statSync(path.join(root, f)).mtimeMs)
    return newest
}

/** Why lib/ must be rebuilt, or undefined when it is current. */
export function staleReason(root = ROOT, stamp = path.join(root, 'lib', '.tsbuildinfo')): string | undefined {
    if (!fs.existsSync(stamp)) return 'lib/ has not been built yet'
    if (newestSourceMtime(root) > fs.statSync(stamp).mtimeMs) return 'src/ changed since the last build'
    return undefined
}

/** Compiles src/ → lib/ when it is not current; throws with tsc's output when that fails. */
export function ensureBuilt(log: (m: string) => void = (m) => console.log(m)): boolean {
    const reason = staleReason()
    if (!reason) return false
    log(`${reason}: compiling src/ → lib/ (tsc)...`)
    const tsc = require.resolve('typescript/bin/tsc')
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.json')], {cwd: ROOT, encoding: 'utf8'})
    if (r.status !== 0) throw new Error(`tsc failed:\n${r.stdout}${r.stderr}`.trimEnd())
    // tsc leaves .tsbuildinfo untouched when nothing needed emitting: mark the build current.
    const now = new Date()
    fs.utimesSync(BUILD_STAMP, now, now)
    return true
}

if (require.main === module) {
    try {
        ensureBuilt()
    } catch (e) {
        console.error(e instanceof Error ? e.message : e)
        process.exit(1)
    }
}
