import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {rpc} from '../../devnet/chain'
import {countEvents} from '../../simulator/counts'
import {Rng} from '../../simulator/rng'
import {mixedActivityBlock} from '../helpers/activity'
import {openTestDatabase, type TestDatabase} from '../helpers/database'
import {useDevnet} from '../helpers/devnet'
import {diffDumps, dumpEntities} from '../helpers/dump'
import {indexToHead, startProcessor, waitFor, type ProcessorRun} from '../helpers/processor'
import {EVENT_ROW_COUNTS, verifyAgainstChain} from '../helpers/verify'

const SEED = 29
const REORGS = 50
const FINALITY = 15
const MAX_DEPTH = FINALITY - 1

type Kind = 'longer' | 'same' | 'shorter'

/**
 * 50 seeded random reorgs of depth 1..14 under a processor that follows the head with
 * FINALITY_CONFIRMATION=15. A round: snapshot, mine d blocks of activity, wait until the processor
 * has indexed that head, revert to the snapshot and mine a different fork — longer (d+1 or d+2
 * blocks), of the same height (d blocks), or shorter (fewer than d blocks, then grown to the old
 * height: Subsquid's ingestion ignores heads below the highest it has seen, so a shorter fork is
 * only navigated once it reaches that height) — and wait until the processor has indexed the new
 * head. After every round the rows of every event kind equal the chain's logs and the hot blocks
 * (and a finalized head above the fork point) are exactly the chain's; at the end the processor has never exited, and the database equals a
 * fresh index of the final chain and the chain's views.
 *
 * The processor reads the chain over WebSocket (`ws://` on anvil's port): over HTTP a reorg that
 * does not raise the head's height is only noticed once a higher block arrives.
 */
describe('random reorgs under a following processor', () => {
    const chain = useDevnet()
    let db: TestDatabase
    let run: ProcessorRun | undefined

    beforeAll(async () => {
        db = await openTestDatabase()
    })
    afterAll(async () => {
        await run?.stop()
        await db?.close()
    })

    async function hotHash(height: number): Promise<string | undefined> {
        const rows = await db.query('SELECT hash FROM squid_processor.hot_block WHERE height = $1', [height]).catch(() => [])
        return rows[0]?.hash
    }

    /** Waits until the processor has indexed the chain's current head (same hash). */
    async function waitIndexed(timeoutMs = 60_000): Promise<number> {
        const head = await chain.client.getBlock()
        const t = Date.now()
        await waitFor(`the processor to index block ${head.number} (${head.hash})`, async () => (await hotHash(Number(head.number))) === head.hash || run?.child.exitCode != null, timeoutMs, 25).catch((e) => {
            throw new Error(`${e.message}\nprocessor output:\n${run?.output().slice(-3000)}`)
        })
        if (run?.child.exitCode != null) throw new Error(`the processor exited with ${run.child.exitCode}:\n${run.output().slice(-3000)}`)
        return Date.now() - t
    }

    type Counts = Record<string, number>
    const add = (a: Counts, b: Counts): Counts => {
        const out = {...a}
        for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n
        return out
    }

    /**
     * After a round: the hot blocks above `base` are exactly the chain's up to `head`, and the rows
     * of every event kind equal `logs`, the chain's log counts up to `head`.
     */
    async function roundMismatches(base: number, head: number, logs: Counts): Promise<string[]> {
        const bad: string[] = []
        // The hot blocks are the last FINALITY blocks; what is older is in the status row.
        const [status] = await db.query<{height: number; hash: string}>('SELECT height, hash FROM squid_processor.status WHERE id = 0')
        const hot = await db.query<{height: number; hash: string}>('SELECT height, hash FROM squid_processor.hot_block WHERE height > $1 ORDER BY height', [base])
        const from = Math.max(base, Number(status.height)) + 1
        const heights = hot.map((h) => Number(h.height)).join(',')
        const expected = Array.from({length: head - from + 1}, (_, i) => from + i).join(',')
        if (heights !== expected) bad.push(`hot blocks above ${base}: ${heights}, expected ${expected} (finalized ${status.height})`)
        const blocks = Number(status.height) > base ? [...hot, status] : hot
        const onChain = await Promise.all(blocks.map((h) => chain.client.getBlock({blockNumber: BigInt(h.height)}).then((b) => b.hash, () => null)))
        blocks.forEach((h, i) => {
            if (onChain[i] !== h.hash) bad.push(`block ${h.height}: ${h.hash} indexed, ${onChain[i] ?? 'none'} on chain`)
        })
        const sqls = Object.entries(EVENT_ROW_COUNTS)
        const [row] = await db.query(`SELECT ${sqls.map(([, sql], i) => `(${sql}) AS c${i}`).join(', ')}`)
        sqls.forEach(([name], i) => {
            if (Number(row[`c${i}`]) !== (logs[name] ?? 0)) bad.push(`${name}: ${row[`c${i}`]} rows, ${logs[name] ?? 0} logs`)
        })
        return bad
    }

    it(`ends equal to a fresh index after ${REORGS} random reorgs of depth 1..${MAX_DEPTH}`, async () => {
        const rng = new Rng(SEED)
        let variant = 1
        let miningMs = 0
        const block = async (v = variant++) => {
            const t = Date.now()
            await mixedActivityBlock(chain.client, chain.manifest, v)
            miningMs += Date.now() - t
        }
        for (let i = 0; i < 3; i++) await block()

        let exits = 0
        const t0 = Date.now()
        run = startProcessor({dbUrl: db.url, manifest: chain.manifest, rpcUrl: chain.devnet.anvil.wsUrl, env: {FINALITY_CONFIRMATION: String(FINALITY)}})
        run.exited.then(() => exits++)
        // Over WebSocket the processor learns of the head from newHeads notifications: the blocks
        // at start are indexed once a new head arrives after it has subscribed.
        let kicks = 0
        await waitFor('the processor to follow the head', async () => {
            if (run!.child.exitCode != null) throw new Error(`the processor exited with ${run!.child.exitCode}:\n${run!.output().slice(-3000)}`)
            await block(100_000 + kicks++) // variants of their own: the rounds' blocks do not depend on how many it took
            return waitIndexed(1_500).then(() => true, () => false)
        }, 60_000, 0)

        const rpcUrl = chain.devnet.anvil.rpcUrl
        // Log counts of the canonical chain up to the head, kept up to date round by round.
        let logs: Counts = await countEvents(rpcUrl, chain.manifest, chain.manifest.startBlock, Number(await chain.client.getBlockNumber()))
        const depths: Record<number, number> = {}
        const kinds: Record<Kind, number> = {longer: 0, same: 0, shorter: 0}
        let staleShorter = 0
        const lags: number[] = []
        let checkMs = 0
        const problems: string[] = []
        for (let r = 1; r <= REORGS; r++) {
            const d = rng.range(1, MAX_DEPTH)
            const x = rng.next()
            const kind: Kind = x < 0.5 || (x >= 0.8 && d === 1) ? 'longer' : x < 0.8 ? 'same' : 'shorter'
            const base = Number(await chain.client.getBlockNumber())
            const snapshot = await rpc<string>(chain.client, 'evm_snapshot')
            for (let i = 0; i < d; i++) await block()
            lags.push(await waitIndexed())
            const orphan = (await chain.client.getBlock()).hash

            expect(await rpc<boolean>(chain.client, 'evm_revert', [snapshot])).toBe(true)
            if (kind === 'shorter') {
                for (let i = rng.range(1, d - 1); i > 0; i--) await block()
                // Not navigated yet (the head is below the highest seen): the orphaned head stays.
                await new Promise((res) => setTimeout(res, 300))
                if ((await hotHash(base + d)) === orphan) staleShorter++
            }
            const target = base + (kind === 'longer' ? d + rng.range(1, 2) : d)
            while (Number(await chain.client.getBlockNumber()) < target) await block()
            lags.push(await waitIndexed())

            depths[d] = (depths[d] ?? 0) + 1
            kinds[kind]++
            const tCheck = Date.now()
            logs = add(logs, await countEvents(rpcUrl, chain.manifest, base + 1, target))
            const bad = await roundMismatches(base, target, logs)
            checkMs += Date.now() - tCheck
            if (bad.length) problems.push(`round ${r} (depth ${d}, ${kind}): ${bad.slice(0, 5).join('; ')}`)
        }
        const followMs = Date.now() - t0
        expect(run.child.exitCode).toBeNull()
        expect(run.child.signalCode).toBeNull()
        expect(exits).toBe(0)
        const exitsWhileFollowing = exits
        const forks = (run.output().match(/navigating a fork/g) ?? []).length
        await run.stop()
        run = undefined

        const head = await chain.client.getBlockNumber()
        const tFresh = Date.now()
        const fresh = await db.fresh()
        await indexToHead({dbUrl: fresh.url, manifest: chain.manifest})
        const freshMs = Date.now() - tFresh
        lags.sort((a, b) => a - b)
        console.log(
            [
                `random-reorgs: ${REORGS} reorgs (seed ${SEED}), kinds ${JSON.stringify(kinds)}, ${forks} "navigating a fork" messages, ${staleShorter}/${kinds.shorter} shorter forks not yet navigated 300 ms after the revert`,
                `random-reorgs: depth histogram ${Array.from({length: MAX_DEPTH}, (_, i) => `${i + 1}:${depths[i + 1] ?? 0}`).join(' ')}`,
                `random-reorgs: final head ${head} (${variant - 1 + kicks} activity blocks mined, ${kicks} of them to start following); index lag median ${lags[lags.length >> 1]} ms, max ${lags[lags.length - 1]} ms`,
                `random-reorgs: following ${followMs} ms (mining ${miningMs} ms, waiting for the index ${lags.reduce((a, b) => a + b, 0)} ms, round checks ${checkMs} ms), processor exits ${exitsWhileFollowing}; fresh index of the final chain ${freshMs} ms`,
            ].join('\n'),
        )
        expect(problems).toEqual([])
        expect(forks).toBeGreaterThanOrEqual(REORGS)
        expect(await verifyAgainstChain(db.query, chain.devnet.anvil.rpcUrl, chain.manifest, head)).toEqual([])
        expect(diffDumps(await dumpEntities(db.query), await dumpEntities(fresh.query))).toEqual([])
    }, 300_000)
})
