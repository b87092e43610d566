/**
 * Argument validation of the attribution resolvers: every id, address, page, window and depth is
 * checked before a query runs, with an error that says what is accepted (GraphQL error code
 * BAD_USER_INPUT). Values then reach SQL only as bound parameters.
 */
import {INTERVAL_MS, MAX_DEPTH, type Interval} from '../../domain/attribution'
import {ArgumentError} from '../errors'

/** Largest page of any list (receipts, contributors, lineage nodes, ...). */
export const MAX_LIMIT = 1000
/** Largest offset of any list (deeper pages: narrow the query instead). */
export const MAX_OFFSET = 100_000
/** Most buckets one earnings series may span (HOUR: 83 days, DAY: 5.4 years). */
export const MAX_BUCKETS = 2000
/** Most tree nodes one paymentAttribution page returns. */
export const MAX_NODES_LIMIT = 100
/** Most receipt shares one paymentAttribution response holds (nodesLimit x receiptsLimit). */
export const MAX_SHARES_PER_RESPONSE = 50_000
/** Most assets a lineage walk visits before it stops (reported as `truncated`). */
export const MAX_LINEAGE_NODES = 10_000

function clip(s: string): string {
    return s.length > 80 ? `${s.slice(0, 80)}...` : s
}

/** A uint256 id in decimal, from 1 (assets, receipts, payments). */
export function requireId(name: string, v: string): string {
    if (typeof v !== 'string' || !/^[1-9]\d{0,77}$/.test(v)) throw new ArgumentError(`${name} must be a decimal id (digits, no leading zero, from 1), got "${clip(String(v))}"`)
    return v
}

/** A 0x address of 40 hex digits; returned lower-case (how accounts are stored). */
export function requireAddress(name: string, v: string): string {
    if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw new ArgumentError(`${name} must be an address: 0x followed by 40 hex digits, got "${clip(String(v))}"`)
    return v.toLowerCase()
}

export function requireInt(name: string, v: number, min: number, max: number): number {
    if (!Number.isInteger(v) || v < min || v > max) throw new ArgumentError(`${name} must be an integer in [${min}, ${max}], got ${v}`)
    return v
}

export interface Page {
    offset: number
    limit: number
}

export function requirePage(prefix: string, offset: number, limit: number, maxLimit = MAX_LIMIT): Page {
    const o = prefix ? `${prefix}Offset` : 'offset'
    const l = prefix ? `${prefix}Limit` : 'limit'
    return {offset: requireInt(o, offset, 0, MAX_OFFSET), limit: requireInt(l, limit, 1, maxLimit)}
}

function requireDate(name: string, d: Date): Date {
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new ArgumentError(`${name} must be a DateTime (ISO 8601, e.g. "2026-11-01T00:00:00Z")`)
    return d
}

export interface TimeWindow {
    fromMs: number
    toMs: number
}

/** [from, to): from included, to excluded; at most MAX_BUCKETS buckets of `interval`. */
export function requireSeriesWindow(from: Date, to: Date, interval: Interval): TimeWindow {
    const fromMs = requireDate('from', from).getTime()
    const toMs = requireDate('to', to).getTime()
    if (!(fromMs < toMs)) throw new ArgumentError(`from (${from.toISOString()}) must be before to (${to.toISOString()})`)
    const size = INTERVAL_MS[interval]
    if (size === undefined) throw new ArgumentError(`interval must be HOUR or DAY`)
    const buckets = Math.ceil(toMs / size) - Math.floor(fromMs / size)
    if (buckets > MAX_BUCKETS) throw new ArgumentError(`the window spans ${buckets} ${interval === 'HOUR' ? 'hours' : 'days'}; at most ${MAX_BUCKETS} buckets are allowed: narrow it or use a larger interval`)
    return {fromMs, toMs}
}

/** An optional window for rankings: either bound may be absent; when both are given from < to. */
export function optionalWindow(from: Date | null | undefined, to: Date | null | undefined): {fromMs: number | null; toMs: number | null} {
    const fromMs = from == null ? null : requireDate('from', from).getTime()
    const toMs = to == null ? null : requireDate('to', to).getTime()
    if (fromMs != null && toMs != null && !(fromMs < toMs)) throw new ArgumentError(`from (${from!.toISOString()}) must be before to (${to!.toISOString()})`)
    return {fromMs, toMs}
}

export function requireDepth(depth: number): number {
    return requireInt('depth', depth, 1, MAX_DEPTH)
}
