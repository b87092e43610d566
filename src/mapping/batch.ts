import {Store} from '@subsquid/typeorm-store'
import {In, IsNull} from 'typeorm'
import {DeploymentManifest, MANIFEST_CONTRACTS} from '../config/manifest'
import {DeployedContract, IndexedHead, Proposal, ProposalState} from '../model'
import type {ProcessorContext} from '../processor'
import {EventDecoder, ProtocolEvent} from './decode'
import {handlers} from './handlers'
import {ParticipationDays} from './post/participation'
import {advanceProposals, openProposals} from './post/proposals'
import {aggregateTreasuryDays} from './post/treasury-days'
import type {Handler} from './handlers/types'
import {BatchState} from './state'
import {HistoryLog} from '../store/history'
import {storeInternals} from '../store/bulk-write'
import {invalidReason} from './validate'

export interface BatchOptions {
    /** One unnest statement per entity class (src/store/bulk-write.ts) instead of typeorm-store's query builder; default on (BULK_WRITES). */
    bulkWrites?: boolean
    /** The first block the processor indexes (START_BLOCK, else the manifest's startBlock): as-of queries before it are refused. Kept once written (a database migrated with data has history from its head then). */
    startBlock?: number
}

export interface BatchStats {
    events: number
    skipped: number
    /** Skipped logs by event kind (`unknown` for undecodable ones). */
    skippedByKind: Record<string, number>
}

/**
 * Handles one processor batch in phases: decode every log, declare and load the rows the
 * batch needs (one query per entity class), apply the events in chain order in memory, then
 * write each entity class once.
 */
export async function processBatch(ctx: ProcessorContext<Store>, manifest: DeploymentManifest, decoder: EventDecoder, opts: BatchOptions = {}): Promise<BatchStats> {
    const s = new BatchState(manifest, opts.bulkWrites ?? true)
    const t0 = performance.now()
    const blocks: {height: number; events: ProtocolEvent[]}[] = []
    for (const block of ctx.blocks) {
        const events: ProtocolEvent[] = []
        for (const log of block.logs) {
            let ev: ProtocolEvent | undefined
            try {
                ev = decoder.decode(log, block.header)
            } catch (e: any) {
                s.skip({id: log.id, block: block.header.height, timestamp: new Date(block.header.timestamp), txHash: log.transactionHash, address: log.address}, null, `undecodable: ${e?.message ?? e}`)
                continue
            }
            if (ev == null) continue
            // Validation before any mutation: an event outside the SPEC's ranges never reaches a handler.
            const invalid = invalidReason(ev)
            if (invalid != null) s.skip(ev.meta, ev.kind, invalid)
            else events.push(ev)
        }
        blocks.push({height: block.header.height, events})
    }

    for (const b of blocks) for (const ev of b.events) (handlers[ev.kind] as Handler<any>).want?.(s, ev)
    // Proposals whose state (or snapshot supply) may change with the height alone.
    const open = await ctx.store.find(Proposal, {where: [{state: In([ProposalState.PENDING, ProposalState.ACTIVE])}, {totalSupplyAtSnapshot: IsNull()}]})
    for (const p of open) s.proposals.want(p.id)
    await s.load(ctx.store)
    const t1 = performance.now()

    let events = 0
    const participation = new ParticipationDays()
    // Every state version is recorded at the block that made it (src/store/history.ts); proposal
    // states that change with the height alone are recorded at the heights where they change.
    const history = new HistoryLog(storeInternals(ctx.store).em)
    // the previous batch advanced the proposals to its head; this one goes on from there
    const prevHead = await ctx.store.get(IndexedHead, 'head')
    let stepped = prevHead?.height ?? (blocks[0]?.height ?? 0) - 1
    const stepTo = (height: number) => {
        for (const t of transitionHeights(openProposals(s), stepped, height)) {
            advanceProposals(s, t, openProposals(s))
            s.recordHistory(history, t)
        }
        if (height > stepped) stepped = height
    }
    for (const b of blocks) {
        stepTo(b.height - 1)
        for (const ev of b.events) {
            ;(handlers[ev.kind] as Handler<any>).apply(s, ev)
            participation.note(s, ev)
            events += 1
        }
        s.recordHistory(history, b.height)
        // the block's own height too (a snapshot at the block that created the proposal)
        stepTo(b.height)
    }
    aggregateTreasuryDays(s)
    for (const row of s.skipped.rows) ctx.log.warn(`skipped ${row.kind ?? 'log'} ${row.id} of ${row.address} (tx ${row.txHash}): ${row.reason}`)
    const skipped = s.skipped.rows.length
    const skippedByKind: Record<string, number> = {}
    for (const row of s.skipped.rows) skippedByKind[row.kind ?? 'unknown'] = (skippedByKind[row.kind ?? 'unknown'] ?? 0) + 1
    const t2 = performance.now()
    await participation.resolveOwners(ctx.store)
    await s.flush(ctx.store)
    if (blocks.length > 0) await history.flush(blocks[0].height)
    // After the accounts it references are written.
    await participation.flush(ctx.store, opts.bulkWrites ?? true)
    const head = ctx.blocks[ctx.blocks.length - 1]?.header
    if (head != null) await ctx.store.upsert([indexedHead(head, prevHead?.startBlock ?? opts.startBlock ?? manifest.startBlock)])
    if (head != null) await ctx.store.upsert(deployedContracts(manifest))
    const t3 = performance.now()
    ctx.log.debug(`batch of ${events} events: decode+load ${(t1 - t0).toFixed(0)} ms, apply ${(t2 - t1).toFixed(0)} ms, write ${(t3 - t2).toFixed(0)} ms`)
    return {events, skipped, skippedByKind}
}

/**
 * The IndexedHead row for the batch's last block: the store commits that block as the new
 * height, so the row names the indexed head (hot blocks included) and is rolled back with it.
 */
function indexedHead(header: {height: number; hash: string; timestamp: number}, startBlock: number): IndexedHead {
    return new IndexedHead({id: 'head', height: header.height, hash: header.hash, timestamp: new Date(header.timestamp), startBlock})
}

/**
 * The heights in (`after`, `upTo`], ascending, where an open proposal's state or snapshot supply
 * changes with the height alone: its snapshot block (supply captured), the block after it
 * (ACTIVE) and the block after its vote end (outcome).
 */
export function transitionHeights(open: Iterable<Proposal>, after: number, upTo: number): number[] {
    if (upTo <= after) return []
    const out = new Set<number>()
    const lo = BigInt(after)
    const hi = BigInt(upTo)
    for (const p of open) {
        for (const t of [p.snapshotBlock, p.snapshotBlock + 1n, p.voteEndBlock + 1n]) if (t > lo && t <= hi) out.add(Number(t))
    }
    return [...out].sort((a, b) => a - b)
}

/** The deployment's contracts (SPEC name -> address), written with every batch so that they are always there (and roll back with it). */
function deployedContracts(m: DeploymentManifest): DeployedContract[] {
    return MANIFEST_CONTRACTS.map((name) => new DeployedContract({id: name, address: m.contracts[name].toLowerCase(), chainId: m.chainId}))
}
