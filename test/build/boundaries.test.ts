import fs from 'fs'
import path from 'path'
import {describe, expect, it} from 'vitest'

const ROOT = path.resolve(__dirname, '../..')

function files(dir: string): string[] {
    return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
        const p = path.join(dir, e.name)
        return e.isDirectory() ? files(p) : /\.ts$/.test(e.name) ? [p] : []
    })
}

/** Relative imports of a file, resolved to paths relative to the repository root. */
function imports(file: string): string[] {
    const src = fs.readFileSync(file, 'utf8')
    const out: string[] = []
    for (const m of src.matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) out.push(path.relative(ROOT, path.resolve(path.dirname(file), m[1])))
    return out
}

describe('folder boundaries (docs/architecture.md)', () => {
    it('src/ (the squid) imports nothing from the tooling, tests or benchmarks', () => {
        const bad: string[] = []
        for (const f of files(path.join(ROOT, 'src'))) {
            if (f.endsWith('.test.ts')) continue
            for (const i of imports(f)) if (!i.startsWith('src/')) bad.push(`${path.relative(ROOT, f)} imports ${i}`)
        }
        expect(bad).toEqual([])
    })

    it('src/domain is pure: no database, network or file access', () => {
        const bad: string[] = []
        for (const f of files(path.join(ROOT, 'src/domain'))) {
            if (f.endsWith('.test.ts')) continue
            const src = fs.readFileSync(f, 'utf8')
            for (const m of src.matchAll(/from ['"]([^'"]+)['"]/g)) if (/^(pg|typeorm|fs|http|net|viem|@subsquid\/(typeorm-store|rpc-client))$/.test(m[1])) bad.push(`${path.relative(ROOT, f)} imports ${m[1]}`)
        }
        expect(bad).toEqual([])
    })

    it('the tooling does not reach into tests or benchmarks', () => {
        const bad: string[] = []
        for (const dir of ['local', 'devnet', 'simulator']) {
            for (const f of files(path.join(ROOT, dir))) {
                if (f.endsWith('.test.ts')) continue
                for (const i of imports(f)) if (/^(test|bench)\//.test(i)) bad.push(`${path.relative(ROOT, f)} imports ${i}`)
            }
        }
        expect(bad).toEqual([])
    })
})
