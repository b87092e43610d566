/**
 * Shared pieces of the analytics resolvers: argument validation with clear errors, day windows,
 * paging limits, the indexed height, and the GraphQL types every analytics resolver uses.
 */
import {Field, Int, ObjectType, registerEnumType} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {AssetKind, PaymentSource, ProposalState, SpendCategory, Support, Track, TreasuryFlowKind} from '../../model'
import type {Ratio} from '../../domain/ratio'
import {dayIndexOf, dayStartOf} from '../../domain/treasury'
import {ArgumentError} from '../errors'

// The entity API (OpenReader) declares these enums under the same names and values; the merged
// schema keeps one of each.
registerEnumType(Track, {name: 'Track', description: 'Governance track (SPEC Track).'})
registerEnumType(ProposalState, {name: 'ProposalState', description: 'Proposal state as `state()` computes it (SPEC ProposalState).'})
registerEnumType(Support, {name: 'Support', description: 'Vote direction (SPEC Support).'})
registerEnumType(SpendCategory, {name: 'SpendCategory', description: 'Treasury spending category (SPEC SpendCategory).'})
registerEnumType(PaymentSource, {name: 'PaymentSource', description: 'What a payment paid for (SPEC PaymentSource).'})
registerEnumType(AssetKind, {name: 'AssetKind', description: 'Kind of AI asset (SPEC AssetKind).'})
registerEnumType(TreasuryFlowKind, {name: 'TreasuryFlowKind', description: 'Kind of treasury balance movement.'})

/** Longest window, in days, any analytics query accepts (10 years). */
export const MAX_WINDOW_DAYS = 3660

export function requireInt(name: string, v: number, min: number, max: number): number {
    if (!Number.isInteger(v) || v < min || v > max) throw new ArgumentError(`${name} must be an integer in [${min}, ${max}], got ${v}`)
    return v
}

export interface Page {
    offset: number
    limit: number
}

/** Validates offset/limit (named `<prefix>Offset`/`<prefix>Limit`): 0 <= offset <= 1 000 000, 1 <= limit <= max. */
export function page(prefix: string, offset: number, limit: number, max: number): Page {
    const name = (n: string) => (prefix ? `${prefix}${n[0].toUpperCase()}${n.slice(1)}` : n)
    return {offset: requireInt(name('offset'), offset, 0, 1_000_000), limit: requireInt(name('limit'), limit, 1, max)}
}

export interface DayWindow {
    fromDay: number
    toDay: number
}

/** The whole UTC days from the day of `from` to the day of `to`, both included. */
export function dayWindow(from: Date, to: Date, maxDays = MAX_WINDOW_DAYS): DayWindow {
    for (const [n, d] of [['from', from], ['to', to]] as const) {
        if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new ArgumentError(`${n} must be a DateTime`)
    }
    if (to.getTime() < from.getTime()) throw new ArgumentError(`from (${from.toISOString()}) must not be after to (${to.toISOString()})`)
    const w = {fromDay: dayIndexOf(from), toDay: dayIndexOf(to)}
    const days = w.toDay - w.fromDay + 1
    if (days > maxDays) throw new ArgumentError(`the window spans ${days} days; at most ${maxDays} are allowed`)
    return w
}

/** Height the processor has committed (hot blocks included), or -1 before the first batch. */
export async function indexedHeight(em: EntityManager): Promise<number> {
    // A failed statement would abort the request's transaction: check that the tables exist first.
    const [t] = await em.query(`SELECT to_regclass('squid_processor.status') IS NOT NULL AS s, to_regclass('squid_processor.hot_block') IS NOT NULL AS h`)
    if (!t.s) return -1
    const hot = t.h ? '(SELECT max(height) FROM squid_processor.hot_block)' : 'NULL::int'
    const rows = await em.query(`SELECT GREATEST(${hot}, (SELECT height FROM squid_processor.status WHERE id = 0)) AS h`)
    return rows.length && rows[0].h != null ? Number(rows[0].h) : -1
}

export function big(v: unknown): bigint {
    return v == null ? 0n : BigInt(v as string)
}

export function bigOrNull(v: unknown): bigint | null {
    return v == null ? null : BigInt(v as string)
}

@ObjectType({description: 'An exact ratio, rounded down: basis points and a decimal string (never a float).'})
export class AnalyticsRatio {
    @Field(() => Int, {description: 'floor(ratio * 10 000): basis points, 10 000 = 100 %.'})
    bps!: number

    @Field(() => String, {description: 'The ratio as a decimal string, rounded down ("0.334000" = 33.4 %).'})
    decimal!: string

    static of(r: Ratio | null): AnalyticsRatio | null {
        return r == null ? null : Object.assign(new AnalyticsRatio(), r)
    }
}

@ObjectType({description: 'The UTC days an analytics query covered (a window is always whole days).'})
export class DayWindowInfo {
    @Field(() => Int, {description: 'First day: floor(unix seconds / 86 400) (the TreasuryDayData id).'})
    fromDay!: number

    @Field(() => Int, {description: 'Last day, included.'})
    toDay!: number

    @Field(() => Int, {description: 'Number of days, toDay - fromDay + 1.'})
    days!: number

    @Field(() => Date, {description: 'Start of the first day (inclusive).'})
    start!: Date

    @Field(() => Date, {description: 'End of the last day (exclusive): start of toDay + 1.'})
    end!: Date

    static of(w: DayWindow): DayWindowInfo {
        return Object.assign(new DayWindowInfo(), {
            fromDay: w.fromDay,
            toDay: w.toDay,
            days: w.toDay - w.fromDay + 1,
            start: dayStartOf(w.fromDay),
            end: dayStartOf(w.toDay + 1),
        })
    }
}

@ObjectType({description: 'How a paged list was cut: by offset (offset/limit) or by cursor (after/endCursor).'})
export class AnalyticsPage {
    @Field(() => Int, {description: 'Items skipped (the offset argument); 0 when the page was requested with a cursor.'})
    offset!: number

    @Field(() => Int, {description: 'Most items returned.'})
    limit!: number

    @Field(() => Boolean, {description: 'Whether more items follow this page (the same as hasNextPage).'})
    hasMore!: boolean

    @Field(() => Boolean, {description: 'Whether more items follow this page: then pass endCursor as the list\'s after argument to get them.'})
    hasNextPage!: boolean

    @Field(() => String, {
        nullable: true,
        description:
            'Opaque cursor of the last item of this page: pass it as the list\'s after argument (votersAfter on proposalDetail), with the same other arguments, to get the items that follow. Null when the page is empty or the list has no cursor paging (treasurySeries).',
    })
    endCursor!: string | null

    @Field(() => Int, {nullable: true, description: 'Number of items in the whole list, where it is cheap to know.'})
    totalCount!: number | null

    static of(p: Page, hasMore: boolean, totalCount: number | null = null, endCursor: string | null = null): AnalyticsPage {
        return Object.assign(new AnalyticsPage(), {...p, hasMore, hasNextPage: hasMore, endCursor, totalCount})
    }
}
