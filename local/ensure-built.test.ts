import fs from 'fs'
import os from 'os'
import path from 'path'
import {afterEach, describe, expect, it} from 'vitest'
import {staleReason} from './ensure-built'

describe('build once (staleReason)', () => {
    const dirs: string[] = []
    afterEach(() => {
        for (const d of dirs.splice(0)) fs.rmSync(d, {recursive: true, force: true})
    })

    function project(): {root: string; stamp: string; setTime(file: string, s: number): void} {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-build-'))
        dirs.push(root)
        fs.mkdirSync(path.join(root, 'src', 'api'), {recursive: true})
        fs.mkdirSync(path.join(root, 'lib'))
        for (const f of ['tsconfig.json', 'package.json', 'src/main.ts', 'src/api/main.ts', 'src/api/x.test.ts']) fs.writeFileSync(path.join(root, f), '')
        const setTime = (file: string, s: number) => fs.utimesSync(path.join(root, file), s, s)
        for (const f of ['tsconfig.json', 'package.json', 'src/main.ts', 'src/api/main.ts', 'src/api/x.test.ts']) setTime(f, 1000)
        return {root, stamp: path.join(root, 'lib', '.tsbuildinfo'), setTime}
    }

    it('says lib/ was never built when there is no build stamp', () => {
        const p = project()
        expect(staleReason(p.root, p.stamp)).toMatch(/not been built/)
    })

    it('is current when the stamp is newer than every source', () => {
        const p = project()
        fs.writeFileSync(p.stamp, '')
        p.setTime('lib/.tsbuildinfo', 2000)
        expect(staleReason(p.root, p.stamp)).toBeUndefined()
    })

    it('is stale when a nested source, tsconfig.json or package.json is newer; tests do not count', () => {
        const p = project()
        fs.writeFileSync(p.stamp, '')
        p.setTime('lib/.tsbuildinfo', 2000)
        p.setTime('src/api/x.test.ts', 3000)
        expect(staleReason(p.root, p.stamp)).toBeUndefined()
        for (const f of ['src/api/main.ts', 'tsconfig.json', 'package.json']) {
            p.setTime(f, 3000)
            expect(staleReason(p.root, p.stamp), f).toMatch(/changed since the last build/)
            p.setTime(f, 1000)
        }
    })
})
