import fs from 'fs'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {loadLocalConfig} from '../../src/config/local'
import {DEFAULT_MANIFEST} from '../../src/config/schema'

const ROOT = path.resolve(__dirname, '../..')
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const SCRIPTS = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>

/** Paths the README names that are not files of the repository, each with why. */
const NOT_IN_REPO: Record<string, string> = {
    '../shared/protocol/SPEC.md': 'the spec beside the checkout on the project machines (the README says so)',
    'SPEC.md': 'the spec, named',
    'deployments/sahara-testnet.json': 'the manifest the user writes from deployments/example.json',
    'lib/': 'the compiled squid (npm install builds it)',
}

/**
 * Every path and command of the README as written: `npm run X` names a script, links and
 * repository paths exist (the architecture table's names are under src/ and src/mapping/), and the runtime paths
 * under `.data/` are the ones the code uses.
 */
describe('README accuracy', () => {
    it('every `npm run` command names a script of package.json', () => {
        const used = [...README.matchAll(/npm run(?: -s)? ([a-z][a-z0-9:-]*)/g)].map((m) => m[1])
        expect(used.length).toBeGreaterThan(10)
        expect(used.filter((s) => !(s in SCRIPTS))).toEqual([])
        for (const s of ['start', 'test']) expect(SCRIPTS[s], s).toBeDefined()
    })

    it('every link and repository path exists', () => {
        const links = [...README.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l))
        const named = [...README.matchAll(/`([.A-Za-z0-9_-]*(?:\/[.A-Za-z0-9_-]*)*(?:\/|\.(?:md|json|ts|js|yml|yaml|graphql|svg)))`/g)].map((m) => m[1])
        const missing: string[] = []
        for (const p of new Set([...links, ...named])) {
            if (p in NOT_IN_REPO || p.startsWith('.data')) continue
            if (![ROOT, path.join(ROOT, 'src'), path.join(ROOT, 'src', 'mapping')].some((dir) => fs.existsSync(path.join(dir, p)))) missing.push(p)
        }
        expect(links.length).toBeGreaterThan(3)
        expect(missing).toEqual([])
    })

    it('the runtime paths under .data/ are the ones npm start uses', () => {
        const runtime = new Set([...README.matchAll(/`(\.data[^`]*)`/g)].map((m) => m[1].replace(/\/$/, '')))
        const cfg = loadLocalConfig({})
        const devnetDir = cfg.chain.kind === 'devnet' ? cfg.chain.dir : ''
        const known = new Map<string, string>([
            ['.data', cfg.dataDir],
            ['.data/devnet', devnetDir],
            ['.data/devnet/deployment.json', path.resolve(DEFAULT_MANIFEST)],
            ['.data/postgres', path.join(cfg.dataDir, 'postgres')],
        ])
        for (const p of runtime) {
            expect(known.has(p), `README names ${p}: add it to this test with the code's value`).toBe(true)
            expect(known.get(p), p).toBe(path.resolve(p))
        }
        expect(JSON.stringify(cfg.database)).toContain(JSON.stringify(path.join(cfg.dataDir, 'postgres')).slice(1, -1))
        expect(path.join(devnetDir, 'deployment.json')).toBe(path.resolve(DEFAULT_MANIFEST))
    })
})
