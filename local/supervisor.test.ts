import fs from 'fs'
import os from 'os'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {runNode} from './child'
import {supervise} from './supervisor'

/** A real child script: exits with the codes listed in its counter file, one per start, then stays up. */
function flakyScript(codes: (number | 'stay')[]): {script: string; starts: () => number} {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-sup-'))
    const counter = path.join(dir, 'n')
    fs.writeFileSync(counter, '0')
    const script = path.join(dir, 'child.js')
    fs.writeFileSync(
        script,
        `const fs = require('fs'); const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')); fs.writeFileSync(${JSON.stringify(counter)}, String(n + 1));
const codes = ${JSON.stringify(codes)}; const c = codes[Math.min(n, codes.length - 1)];
if (c === 'stay') setInterval(() => {}, 1000); else { console.error('boom ' + n); process.exit(c) }`,
    )
    return {script, starts: () => Number(fs.readFileSync(counter, 'utf8'))}
}

describe('supervisor', () => {
    it('restarts a child that exits unexpectedly, with backoff, saying why', async () => {
        const f = flakyScript([1, 1, 'stay'])
        const logs: string[] = []
        let gaveUp: string | undefined
        const s = supervise({name: 'the child', start: () => runNode(f.script, [], {}, {quiet: true}), baseBackoffMs: 50, log: (m) => logs.push(m), onGiveUp: (r) => (gaveUp = r)})
        await new Promise((r) => setTimeout(r, 1500))
        expect(f.starts()).toBe(3)
        expect(s.restarts()).toBe(2)
        expect(logs[0]).toMatch(/the child exited with code 1: boom 0; restarting in 0\.1 s/)
        expect(gaveUp).toBeUndefined()
        await s.stop()
        expect(s.current().exitCode ?? s.current().signalCode).toBeTruthy()
    })

    it('stops at once on an exit code a restart cannot help, with the reason', async () => {
        const f = flakyScript([3])
        const reason = await new Promise<string>((resolve) => {
            supervise({name: 'the processor', start: () => runNode(f.script, [], {}, {quiet: true}), fatalCodes: new Map([[3, 'deep reorg: run --reindex']]), onGiveUp: resolve, log: () => {}})
        })
        expect(reason).toMatch(/the processor exited with code 3: deep reorg: run --reindex/)
        expect(f.starts()).toBe(1)
    })

    it('gives up after repeated failures', async () => {
        const f = flakyScript([1])
        const reason = await new Promise<string>((resolve) => {
            supervise({name: 'the API', start: () => runNode(f.script, [], {}, {quiet: true}), maxFailures: 2, baseBackoffMs: 20, onGiveUp: resolve, log: () => {}})
        })
        expect(reason).toMatch(/the API failed 3 times within 120 s; giving up/)
        expect(reason).toMatch(/last message: boom 2/)
    })
})
