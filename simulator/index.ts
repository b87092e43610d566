/**
 * Workload simulator: drives a devnet deployment of the Sahara protocol with a seeded, believable
 * economy and dual-track governance, many transactions per block (automine off + evm_mine), and
 * pinned block timestamps (one block every `blockTime` seconds from the head's timestamp), so that a
 * seed on a fresh devnet always produces the same events.
 *
 * On a chain the simulator has already driven (assets registered), it resumes: its model of the
 * economy is rebuilt from the chain's events (simulator/resume.ts), the setup and the seed showcases
 * are not sent again, `scale.events` more events are produced on top, and the log says
 * `resumed the economy at block N: A assets, ...`. The random streams are then derived from the seed
 * and that block, so that a restart does not replay the first run's choices.
 */
import type {PublicClient} from 'viem'
import type {DeploymentManifest} from '../src/config/manifest'
import {fundSimAccounts} from '../devnet/accounts'
import {publicClientFor} from '../devnet/client'
import {Actors} from './actors'
import {BlockBatch} from './batch'
import {Contracts} from './contracts'
import {countEvents, totalEvents} from './counts'
import {Economy, SHOWCASE_PROTECTED} from './economy'
import {Governance, type ProposalResult} from './governance'
import {ProgressMeter, type Progress} from './progress'
import {Rng} from './rng'
import {assetCount, rebuildWorld} from './resume'
import {hexToNumber, Rpc} from './rpc'
import {Sender} from './send'

export type ScaleName = 'small' | 'medium' | 'large'

export interface ScaleConfig {
    /** Protocol events to produce (all logs of the eight contracts). */
    events: number
    /** Governance rounds (10 proposals each, every outcome on both tracks). */
    rounds: number
    /** Assets the catalogue grows to. */
    assets: number
}

export const SCALES: Record<ScaleName, ScaleConfig> = {
    small: {events: 5_000, rounds: 2, assets: 40},
    medium: {events: 100_000, rounds: 5, assets: 500},
    large: {events: 1_000_000, rounds: 12, assets: 3_000},
}

export interface SimulateOptions {
    /** A viem client on the devnet (its HTTP transport URL is used), or `rpcUrl`. */
    client?: PublicClient
    rpcUrl?: string
    manifest: DeploymentManifest
    seed: number
    scale: ScaleName | ScaleConfig
    /** Seconds between pinned block timestamps (default 12). */
    blockTime?: number
    /** Keep producing live activity (a small block every ~1.5 s) until `signal` aborts. */
    follow?: boolean
    followIntervalMs?: number
    onProgress?: (p: Progress) => void
    log?: (msg: string) => void
    signal?: AbortSignal
}

export interface SimulationResult {
    /** Event counts by `Contract.Event` over [fromBlock, toBlock] (eth_getLogs). */
    events: Record<string, number>
    totalEvents: number
    blocks: number
    fromBlock: number
    toBlock: number
    governance: ProposalResult[]
    warnings: string[]
    /** How often each economy action was queued. */
    actions: Record<string, number>
    wallMs: number
}

export function resolveScale(scale: ScaleName | ScaleConfig): ScaleConfig {
    if (typeof scale !== 'string') return scale
    const s = SCALES[scale]
    if (!s) throw new Error(`unknown scale "${scale}": use small, medium or large`)
    return s
}

function rpcUrlOf(opts: SimulateOptions): string {
    if (opts.rpcUrl) return opts.rpcUrl
    const url = (opts.client?.transport as any)?.url
    if (typeof url !== 'string') throw new Error('simulate: pass rpcUrl, or a client with an HTTP transport')
    return url
}

export async function simulate(opts: SimulateOptions): Promise<SimulationResult> {
    const started = Date.now()
    const log = opts.log ?? (() => {})
    const scale = resolveScale(opts.scale)
    const url = rpcUrlOf(opts)
    const rpc = new Rpc(url)
    const m = opts.manifest
    const c = new Contracts(m)
    const blockTime = opts.blockTime ?? 12

    const chainId = hexToNumber(await rpc.call<string>('eth_chainId'))
    if (chainId !== m.chainId) throw new Error(`the node at ${url} is chain ${chainId}, the manifest says ${m.chainId}`)
    const code = await rpc.call<string>('eth_getCode', [m.contracts.SaharaToken, 'latest'])
    if (code === '0x') throw new Error(`no SaharaToken at ${m.contracts.SaharaToken} on ${url}: is the manifest for this devnet?`)
    let automine: boolean
    try {
        automine = await rpc.call<boolean>('anvil_getAutomine')
    } catch {
        throw new Error(`${url} is not an anvil devnet (anvil_getAutomine failed): the simulator needs impersonation and manual mining`)
    }
    await rpc.call('anvil_autoImpersonateAccount', [true])

    const actors = new Actors(Rng.derive(opts.seed, 'actors'), m.deployer ?? '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
    const firstBalance = BigInt(await rpc.call<string>('eth_call', [{to: c.address.SaharaToken, data: c.encode('SaharaToken', 'balanceOf', [actors.accounts[0]])}, 'latest']))
    if (firstBalance === 0n) {
        log('simulated accounts are not funded: funding and delegating them')
        await fundSimAccounts(opts.client ?? publicClientFor(url), m)
    }
    await rpc.call('evm_setAutomine', [false])

    const head0 = await rpc.call<any>('eth_getBlockByNumber', ['latest', false])
    const startNumber = hexToNumber(head0.number)
    const resuming = (await assetCount(rpc, c)) > 0
    const label = (name: string) => (resuming ? `${name}@${startNumber}` : name)
    const sender = new Sender(rpc, c)
    const economy = new Economy(Rng.derive(opts.seed, label('economy')), actors, c, scale.assets)
    const gov = new Governance(Rng.derive(opts.seed, label('governance')), actors, c, rpc, opts.seed)
    const followRng = Rng.derive(opts.seed, label('follow'))
    const meter = new ProgressMeter(scale.events, opts.onProgress)

    try {
        await actors.loadBalances(rpc, c)
        await gov.init(m.startBlock)
        let roundsBefore = 0
        if (resuming) {
            const r = await rebuildWorld(rpc, m, economy.world, {fromBlock: m.startBlock, toBlock: startNumber, rng: Rng.derive(opts.seed, label('popularity')), protectedCount: SHOWCASE_PROTECTED})
            economy.resumed()
            roundsBefore = r.rounds
            log(`resumed the economy at block ${startNumber}: ${r.assets} assets, ${r.terms} license terms, ${r.licenses} licenses, ${r.receipts} receipts, ${r.rounds} governance rounds (no new seed scenario)`)
        }
        let lastTs = hexToNumber(head0.timestamp)
        const ts0 = lastTs
        let next = startNumber + 1
        let events = 0
        let blocks = 0
        const perBlock = Math.max(10, Math.min(300, Math.round(scale.events / (8 * Math.max(scale.rounds * 26, scale.events / 2500)))))
        const aborted = () => opts.signal?.aborted === true

        const mine = async (b: BlockBatch, pin: boolean) => {
            const mined = await sender.mine(b.txs, pin ? b.timestamp : undefined)
            for (const f of b.after) f()
            events += mined.logs
            blocks++
            lastTs = mined.timestamp
            next = mined.number + 1
        }
        const pinnedTs = (n: number) => Math.max(lastTs + 1, ts0 + blockTime * (n - startNumber))

        // Setup: approvals and treasury funding (done once, by the run that seeded the economy).
        if (!resuming) {
            const setup = new BlockBatch(next, pinnedTs(next))
            economy.approvals(setup)
            economy.treasurySeed(setup)
            await mine(setup, true)
        }
        meter.tick('setup', events, blocks, true)

        let roundsStarted = 0
        while (!aborted()) {
            const economyDone = events >= scale.events
            if (!gov.busy && roundsStarted < scale.rounds && (economyDone || events >= (scale.events * roundsStarted) / scale.rounds)) {
                gov.startRound(roundsBefore + roundsStarted++, next)
            }
            if (economyDone && !gov.busy && roundsStarted >= scale.rounds) break
            const b = new BlockBatch(next, pinnedTs(next))
            await gov.step(b)
            if (!economyDone) economy.fill(b, perBlock)
            if (b.txs.length === 0 && gov.busy) {
                // Nothing to send until governance's next due block: mine empty blocks up to it.
                const due = gov.dueBlock() ?? next + 1
                while (next < due && !aborted()) await mine(new BlockBatch(next, pinnedTs(next)), true)
                continue
            }
            await mine(b, true)
            meter.tick(economyDone ? 'governance' : 'economy', events, blocks)
        }

        if (opts.follow && !aborted()) {
            log('following: live activity until interrupted')
            let lastWall = Date.now()
            let round = roundsBefore + roundsStarted
            while (!aborted()) {
                await sleep(opts.followIntervalMs ?? 1500, opts.signal)
                if (aborted()) break
                if (!gov.busy && followRng.chance(0.03)) gov.startRound(round++, next)
                const elapsed = Math.max(1, Math.round((Date.now() - lastWall) / 1000))
                lastWall = Date.now()
                const b = new BlockBatch(next, lastTs + elapsed)
                await gov.step(b)
                economy.fill(b, 3 + followRng.int(15))
                await mine(b, true)
                meter.tick('follow', events, blocks)
            }
        }

        const toBlock = next - 1
        const fromBlock = startNumber + 1
        meter.tick('done', events, blocks, true)
        const counts = await countEvents(rpc, m, fromBlock, toBlock)
        return {
            events: counts,
            totalEvents: totalEvents(counts),
            blocks: toBlock - fromBlock + 1,
            fromBlock,
            toBlock,
            governance: gov.results,
            warnings: gov.warnings,
            actions: Object.fromEntries([...economy.done.entries()].sort()),
            wallMs: Date.now() - started,
        }
    } finally {
        await rpc.call('evm_setAutomine', [automine]).catch(() => {})
    }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
        const t = setTimeout(done, ms)
        function done() {
            clearTimeout(t)
            signal?.removeEventListener('abort', done)
            resolve()
        }
        signal?.addEventListener('abort', done, {once: true})
    })
}

export {countEvents, SPEC_EVENTS, totalEvents} from './counts'
export type {Progress} from './progress'
export type {ProposalResult} from './governance'
