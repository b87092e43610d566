import fs from 'fs'
import os from 'os'
import path from 'path'
import {afterAll, describe, expect, it} from 'vitest'
import {ROOT, runNode, type NodeChild} from '../../local/child'
import {freePort, isPortInUse} from '../../src/util/ports'
import {waitFor} from '../helpers/processor'

const ADDRESSES = ['SaharaToken', 'AssetRegistry', 'ContributionReceipts', 'LicenseRegistry', 'InvocationRouter', 'RevenueVault', 'Treasury', 'DualTrackGovernor']

/** Every process whose command line mentions `dir` (the test's own data folder). */
function processesUsing(dir: string): number[] {
    const pids: number[] = []
    for (const p of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(p) || Number(p) === process.pid) continue
        try {
            const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8')
            const env = fs.readFileSync(`/proc/${p}/environ`, 'utf8')
            if (cmd.includes(dir) || env.includes(dir)) pids.push(Number(p))
        } catch {
            // gone, or not ours to read
        }
    }
    return pids
}

/**
 * `npm start` operated as a service: against a chain that cannot be reached it still starts, says
 * so in its banner, and /ready answers 503 with the reason; SIGTERM from a process manager stops
 * every child and frees every port within 10 s.
 */
describe('npm start as a service', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-operate-'))
    fs.chmodSync(dataDir, 0o755)
    let child: NodeChild | undefined

    afterAll(async () => {
        await child?.stop('SIGKILL')
        fs.rmSync(dataDir, {recursive: true, force: true})
    })

    it('with a dead RPC: banner says so, /ready is 503; SIGTERM frees every port within 10 s', async () => {
        const ports = {db: await freePort(), gql: await freePort(), metrics: await freePort(), deadRpc: await freePort()}
        const manifestFile = path.join(dataDir, 'manifest.json')
        const contracts = Object.fromEntries(ADDRESSES.map((n, i) => [n, `0x${(i + 1).toString(16).padStart(40, '0')}`]))
        fs.writeFileSync(manifestFile, JSON.stringify({chainId: 313313, rpcUrl: `http://127.0.0.1:${ports.deadRpc}`, startBlock: 0, contracts}))
        child = runNode(
            path.join(ROOT, 'local/start-cli.ts'),
            [],
            {
                DATABASE_URL: '',
                DB_URL: '',
                RPC_URL: `http://127.0.0.1:${ports.deadRpc}`,
                MANIFEST: manifestFile,
                DATA_DIR: dataDir,
                DB_PORT: String(ports.db),
                GQL_PORT: String(ports.gql),
                PROCESSOR_PROMETHEUS_PORT: String(ports.metrics),
            },
            {prefix: '[start] ', quiet: !process.env.VERBOSE, maxOutput: 1_000_000},
        )
        await waitFor('the banner', async () => {
            if (child!.exitCode != null) throw new Error(`npm start exited early:\n${child!.output().slice(-3000)}`)
            return child!.output().includes('Readiness')
        }, 180_000)
        const out = child.output()
        expect(out).toContain('NOT READY')
        expect(out).toMatch(/UNREACHABLE/)
        const ready = await fetch(`http://127.0.0.1:${ports.gql}/ready`)
        expect(ready.status).toBe(503)
        const body = await ready.json()
        expect(body.ready).toBe(false)
        expect(body.rpc).toBe('unreachable')
        expect(body.reason).toMatch(/chain RPC unreachable/)
        expect(body).toHaveProperty('indexedHeight')
        expect(body).toHaveProperty('chainHead', null)

        const before = processesUsing(dataDir)
        expect(before.length).toBeGreaterThan(1) // start-cli, postgres, processor, API
        const t = Date.now()
        child.kill('SIGTERM')
        await waitFor('every child to be gone and every port free', async () => {
            if (processesUsing(dataDir).length > 0) return false
            for (const p of [ports.db, ports.gql, ports.metrics]) if (await isPortInUse(p)) return false
            return true
        }, 10_000, 200)
        console.log(`SIGTERM: ${before.length} processes gone and ports free in ${Date.now() - t} ms`)
        child = undefined
    }, 240_000)
})
