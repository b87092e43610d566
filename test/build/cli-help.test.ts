import {execFile} from 'child_process'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {DATASET_NAMES} from '../../src/export/datasets'

const ROOT = path.resolve(__dirname, '../..')
const run = (script: string, ...args: string[]) =>
    new Promise<{code: number; out: string}>((resolve) =>
        execFile(process.execPath, [...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script, ...args], {cwd: ROOT, timeout: 60_000}, (e, stdout, stderr) =>
            resolve({code: e ? ((e as any).code ?? 1) : 0, out: `${stdout}${stderr}`}),
        ),
    )

/** The CLIs answer --help (exit 0) and a bad argument with one line and the usage (exit 2), from the entry their npm scripts run. */
describe('command-line help', () => {
    it('npm run export: --help from the compiled usage text, bad dataset with the usage', async () => {
        const help = await run('local/export.cjs', '--help')
        expect(help.code).toBe(0)
        expect(help.out).toMatch(/^usage: npm run export -- <dataset> --format csv\|parquet/)
        const bad = await run('local/export.cjs', 'nope', '--format', 'csv')
        expect(bad.code).toBe(2)
        expect(bad.out.split('\n')[0]).toBe(`export: unknown dataset "nope": use one of ${DATASET_NAMES.join(', ')}`)
    })

    it('npm run verify: --help, and a bad option named with the usage', async () => {
        const help = await run('local/verify-cli.ts', '--help')
        expect(help.code).toBe(0)
        expect(help.out).toMatch(/^usage: npm run verify -- /)
        const bad = await run('local/verify-cli.ts', '--seed', 'x')
        expect(bad.code).toBe(2)
        expect(bad.out.split('\n')[0]).toBe('verify: --seed must be a whole number >= 0, got "x"')
    })
})
