import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {simulate} from '../../simulator'
import {openTestDatabase, type TestDatabase} from '../helpers/database'
import {useDevnet} from '../helpers/devnet'
import {diffDumps, dumpEntities} from '../helpers/dump'
import {FAULT_KINDS, faultProxy} from '../helpers/fault-proxy'
import {indexedHeight, indexToHead, startProcessor} from '../helpers/processor'

/**
 * The processor behind a provider that fails 10 % and 30 % of its requests (HTTP 500, 429 with
 * Retry-After, resets, truncated and garbage bodies, slow answers, JSON-RPC errors) indexes to the
 * head in ONE run — zero exits — and its database equals a clean index, row for row.
 */
describe('RPC faults', () => {
    const chain = useDevnet()
    let db: TestDatabase
    let clean: Record<string, string[]>
    let cleanMs = 0

    beforeAll(async () => {
        db = await openTestDatabase()
        await simulate({rpcUrl: chain.devnet.anvil.rpcUrl, manifest: chain.manifest, seed: 3, scale: 'small'})
        const t = Date.now()
        await indexToHead({dbUrl: db.url, manifest: chain.manifest})
        cleanMs = Date.now() - t
        clean = await dumpEntities(db.query)
    }, 300_000)

    it('--exit-at-head indexes up to the head seen at start, hot blocks included', async () => {
        const head = Number(await chain.client.getBlockNumber())
        expect(await indexedHeight(db.query)).toBe(head)
        const [{height}] = await db.query('SELECT height FROM squid_processor.status WHERE id = 0')
        expect(Number(height)).toBeLessThan(head) // the last FINALITY_CONFIRMATION blocks are hot, and indexed
    })
    afterAll(async () => {
        await db?.close()
    })

    for (const rate of [0.1, 0.3]) {
        it(`indexes to the head with zero exits through ${rate * 100} % faults, equal to a clean index`, async () => {
            // Every kind twice at the start (the head probe included), each after a good answer, then at random.
            const first = [...FAULT_KINDS, ...FAULT_KINDS].flatMap((k) => [k, null])
            const proxy = await faultProxy(chain.devnet.anvil.rpcUrl, {rate, seed: Math.round(rate * 1000), delayMs: 800, first})
            const target = await db.fresh()
            try {
                const t = Date.now()
                const run = startProcessor({dbUrl: target.url, manifest: chain.manifest, rpcUrl: proxy.url, exitAtHead: true})
                const code = await run.exited
                const ms = Date.now() - t
                const injected = proxy.injected()
                const total = Object.values(injected).reduce((a, b) => a + b, 0)
                console.log(`faults ${rate * 100} %: ${total} injected of ${proxy.requests()} requests ${JSON.stringify(injected)}; ${ms} ms vs clean ${cleanMs} ms; exit ${code}`)
                expect(code, run.output().slice(-3000)).toBe(0)
                for (const k of FAULT_KINDS) expect(injected[k], k).toBeGreaterThanOrEqual(2)
                expect(diffDumps(await dumpEntities(target.query), clean)).toEqual([])
            } finally {
                await proxy.close()
            }
        }, 300_000)
    }
})
