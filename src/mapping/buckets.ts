/**
 * Every time bucket the processor keeps (day data for dashboards and analytics), in one place:
 * the UTC day of a block time, and for each bucket table its id and its get-or-create. A
 * handler declares a bucket's id in `want` and adds to it in `apply`.
 */
import {Account, Asset, AssetDayData, AssetKind, CallerDayData, RoyaltyDepthDayData, TreasuryDayData} from '../model'
import type {Meta} from './decode'
import {PROTOCOL_ID, type BatchState} from './state'

export const DAY_SECONDS = 86_400

/** UTC day index of a block time: floor(unix seconds / 86 400). */
export function dayIndex(t: Date): number {
    return Math.floor(t.getTime() / 1000 / DAY_SECONDS)
}

export function dayStart(day: number): Date {
    return new Date(day * DAY_SECONDS * 1000)
}

/** Id of an asset's day bucket: declare it with `s.assetDays.want` in the handler's `want`. */
export function assetDayId(assetId: bigint | string, meta: Meta): string {
    return `${assetId}-${dayIndex(meta.timestamp)}`
}

/** The asset's bucket for the day of `meta` (created on first use). */
export function assetDay(s: BatchState, a: Asset, meta: Meta): AssetDayData {
    const day = dayIndex(meta.timestamp)
    const id = `${a.id}-${day}`
    return s.assetDays.getOrCreate(
        id,
        () =>
            new AssetDayData({
                id,
                asset: new Asset({id: a.id}),
                date: dayStart(day),
                payments: 0,
                grossRevenue: 0n,
                protocolFees: 0n,
                directRevenue: 0n,
                upstreamRevenue: 0n,
                ownerRevenue: 0n,
                contributorRevenue: 0n,
                invocations: 0,
                accClose: a.accRevenuePerWeight,
            }),
    )
}

export function callerDayId(caller: string, kind: AssetKind, meta: Meta): string {
    return `${caller.toLowerCase()}-${kind}-${dayIndex(meta.timestamp)}`
}

/** The caller's bucket for the asset's kind and the day of `meta` (created on first use). */
export function callerDay(s: BatchState, caller: Account, a: Asset, meta: Meta): CallerDayData {
    const day = dayIndex(meta.timestamp)
    const id = callerDayId(caller.id, a.kind, meta)
    return s.callerDays.getOrCreate(
        id,
        () =>
            new CallerDayData({
                id,
                caller: new Account({id: caller.id}),
                kind: a.kind,
                date: dayStart(day),
                invocations: 0,
                fees: 0n,
            }),
    )
}

export function treasuryDayId(meta: Meta): string {
    return String(dayIndex(meta.timestamp))
}

export function treasuryDay(s: BatchState, meta: Meta): TreasuryDayData {
    const day = dayIndex(meta.timestamp)
    return s.treasuryDays.getOrCreate(
        String(day),
        () =>
            new TreasuryDayData({
                id: String(day),
                date: dayStart(day),
                fees: 0n,
                deposits: 0n,
                transfersIn: 0n,
                disbursements: 0n,
                transfersOut: 0n,
                balanceClose: s.protocol.get(PROTOCOL_ID)?.treasuryBalance ?? 0n,
                grossPayments: 0n,
                grants: 0n,
                rewards: 0n,
                operations: 0n,
                liquidity: 0n,
                otherSpend: 0n,
            }),
    )
}

export function royaltyDepthDayId(kind: AssetKind, depth: number, meta: Meta): string {
    return `${kind}-${depth}-${dayIndex(meta.timestamp)}`
}

/** The bucket of the asset's kind, the lineage depth and the day of `meta` (created on first use). */
export function royaltyDepthDay(s: BatchState, a: Asset, depth: number, meta: Meta): RoyaltyDepthDayData {
    const day = dayIndex(meta.timestamp)
    const id = royaltyDepthDayId(a.kind, depth, meta)
    return s.royaltyDepthDays.getOrCreate(
        id,
        () =>
            new RoyaltyDepthDayData({
                id,
                kind: a.kind,
                depth,
                date: dayStart(day),
                distributions: 0,
                amount: 0n,
            }),
    )
}
