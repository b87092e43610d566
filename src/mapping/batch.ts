import {Store} from '@subsquid/typeorm-store'
import {In, IsNull} from 'typeorm'
import {DeploymentManifest} from '../config/manifest'
import {Proposal, ProposalState} from '../model'
import type {ProcessorContext} from '../processor'
import {EventDecoder, ProtocolEvent} from './decode'
import {InvalidEventError} from './enums'
import {handlers} from './handlers'
import {advanceProposals, openProposals} from './post/proposals'
import {aggregateTreasuryDays} from './post/treasury-days'
import type {Handler} from './handlers/types'
import {BatchState} from './state'

export interface BatchStats {
    events: number
    skipped: number
}

/**
 * Handles one processor batch in phases: decode every log, declare and load the rows the
 * batch needs (one query per entity class), apply the events in chain order in memory, then
 * write each entity class once.
 */
export async function processBatch(ctx: ProcessorContext<Store>, manifest: DeploymentManifest, decoder: EventDecoder): Promise<BatchStats> {
    const s = new BatchState(manifest)
    const t0 = performance.now()
    const blocks: {height: number; events: ProtocolEvent[]}[] = []
    let skipped = 0
    for (const block of ctx.blocks) {
        const events: ProtocolEvent[] = []
        for (const log of block.logs) {
            try {
                const ev = decoder.decode(log, block.header)
                if (ev != null) events.push(ev)
            } catch (e: any) {
                skipped += 1
                ctx.log.warn(`skipped undecodable log ${log.id} of ${log.address} (tx ${log.transactionHash}): ${e?.message ?? e}`)
            }
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
    for (const b of blocks) {
        if (b.events.length > 0) advanceProposals(s, b.height - 1, openProposals(s))
        for (const ev of b.events) {
            try {
                ;(handlers[ev.kind] as Handler<any>).apply(s, ev)
                events += 1
            } catch (e) {
                if (!(e instanceof InvalidEventError)) throw e
                skipped += 1
                ctx.log.warn(`skipped ${ev.kind} ${ev.meta.id} (tx ${ev.meta.txHash}): ${e.message}`)
            }
        }
    }
    const last = blocks[blocks.length - 1]
    if (last != null) advanceProposals(s, last.height, openProposals(s))
    aggregateTreasuryDays(s)
    for (const w of s.warnings) ctx.log.warn(w)
    const t2 = performance.now()
    await s.flush(ctx.store)
    const t3 = performance.now()
    ctx.log.debug(`batch of ${events} events: decode+load ${(t1 - t0).toFixed(0)} ms, apply ${(t2 - t1).toFixed(0)} ms, write ${(t3 - t2).toFixed(0)} ms`)
    return {events, skipped: skipped + s.warnings.length}
}
