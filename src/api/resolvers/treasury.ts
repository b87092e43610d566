/**
 * Treasury analytics (SPEC §7): `treasurySummary` and `treasurySeries`. Windows are whole UTC
 * days; day figures come from TreasuryDayData, breakdowns from TreasuryFlow and Payment rows of
 * the window. The arithmetic is in src/domain/treasury.ts.
 */
import type {GraphQLResolveInfo} from 'graphql'
import {Arg, Info, Int, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {AssetKind, PaymentSource, SpendCategory, TreasuryFlowKind} from '../../model'
import {
    dayStartOf,
    fillDays,
    inflowOf,
    netFlowOf,
    outflowOf,
    runwayAt,
    RUNWAY_WINDOW_DAYS,
    sumDays,
    takeRate,
    unreconciledDays,
    type DayTotals,
} from '../../domain/treasury'
import {AnalyticsPage, AnalyticsRatio, DayWindowInfo, dayWindow, page, requireInt} from '../analytics/common'
import {selectedPaths} from '../analytics/selection'
import {blockPoints, feeCells, loadDays, outflowCells, outflowsByProposal, topFeeAssets} from '../analytics/treasury-queries'
import {
    TreasuryFeeAsset,
    TreasuryFeesByAssetKind,
    TreasuryFeesBySource,
    TreasuryInflows,
    TreasuryOutflowByCategory,
    TreasuryOutflowByProposal,
    TreasuryOutflows,
    TreasuryRunway,
    TreasurySeries,
    TreasurySeriesInterval,
    TreasurySeriesPoint,
    TreasurySummary,
} from '../analytics/treasury-types'

/** Most entries of `topFeeAssets` and `outflows.byProposal`. */
export const MAX_TOP = 100
/** Most points of one treasurySeries page. */
export const MAX_SERIES_PAGE = 1000

const FROM_DOC = 'Any time in the first UTC day of the window (ISO 8601, e.g. "2026-11-01T00:00:00Z").'
const TO_DOC = 'Any time in the last UTC day of the window (included). At most 3 660 days after `from`.'

function sumBy<K>(cells: {amount: bigint; count: number}[], key: (c: any) => K): Map<K, {amount: bigint; count: number}> {
    const m = new Map<K, {amount: bigint; count: number}>()
    for (const c of cells) {
        const k = key(c)
        const e = m.get(k) ?? {amount: 0n, count: 0}
        e.amount += c.amount
        e.count += c.count
        m.set(k, e)
    }
    return m
}

@Resolver()
export class TreasuryAnalyticsResolver {
    constructor(private tx: () => Promise<EntityManager>) {}

    @Query(() => TreasurySummary, {
        description:
            'Treasury summary of a window of whole UTC days: opening and closing balance, inflows by source (fees by payment source and asset kind, deposits, plain transfers), outflows by category and by proposal, net flow, runway (closing balance over the trailing 30-day average outflow), effective take rate (fees / gross payments) and the top fee-generating assets.',
    })
    async treasurySummary(
        @Arg('from', () => Date, {description: FROM_DOC}) from: Date,
        @Arg('to', () => Date, {description: TO_DOC}) to: Date,
        @Arg('top', () => Int, {defaultValue: 10, description: `Length of topFeeAssets and outflows.byProposal, 1 to ${MAX_TOP}.`}) top: number,
        @Info() info: GraphQLResolveInfo,
    ): Promise<TreasurySummary> {
        const w = dayWindow(from, to)
        // the queries over payments and flows run only for the parts the request selects
        const selected = selectedPaths(info)
        const wants = (...paths: string[]) => paths.some((p) => selected.has(p))
        requireInt('top', top, 1, MAX_TOP)
        const em = await this.tx()

        // Day rows of the window and of the runway's trailing days before it.
        const firstDay = Math.min(w.fromDay, w.toDay - RUNWAY_WINDOW_DAYS + 1)
        const {rows, opening} = await loadDays(em, firstDay, w.toDay)
        const all = fillDays(rows, firstDay, w.toDay, opening)
        const days = all.filter((d) => d.day >= w.fromDay)
        const openingBalance = w.fromDay > firstDay ? all[w.fromDay - firstDay - 1].balanceClose : opening
        const t = sumDays(days)

        const [fees, outs, byProposal, assets] = await Promise.all([
            wants('inflows.feesBySource', 'inflows.feesByAssetKind') ? feeCells(em, w) : [],
            wants('outflows.byCategory') ? outflowCells(em, w) : [],
            wants('outflows.byProposal', 'outflows.proposalCount') ? outflowsByProposal(em, w, top) : {rows: [], proposals: 0},
            wants('topFeeAssets') ? topFeeAssets(em, w, top) : [],
        ])
        const bySource = sumBy(fees, (c) => c.source)
        const byKind = sumBy(fees, (c) => c.assetKind)
        const closingBalance = days[days.length - 1].balanceClose
        const rw = runwayAt(all, RUNWAY_WINDOW_DAYS)

        return Object.assign(new TreasurySummary(), {
            window: DayWindowInfo.of(w),
            openingBalance,
            closingBalance,
            inflows: Object.assign(new TreasuryInflows(), {
                total: t.inflow,
                fees: t.fees,
                deposits: t.deposits,
                transfersIn: t.transfersIn,
                feesBySource: [...bySource].map(([source, v]) => Object.assign(new TreasuryFeesBySource(), {source: source as PaymentSource | null, ...v})),
                feesByAssetKind: [...byKind].map(([kind, v]) => Object.assign(new TreasuryFeesByAssetKind(), {kind: kind as AssetKind | null, ...v})),
            }),
            outflows: Object.assign(new TreasuryOutflows(), {
                total: t.outflow,
                disbursements: t.disbursements,
                transfersOut: t.transfersOut,
                byCategory: outs.map((c) =>
                    Object.assign(new TreasuryOutflowByCategory(), {kind: c.kind as TreasuryFlowKind, category: c.category as SpendCategory | null, amount: c.amount, count: c.count}),
                ),
                byProposal: byProposal.rows.map((r) => Object.assign(new TreasuryOutflowByProposal(), r)),
                proposalCount: byProposal.proposals,
            }),
            netFlow: t.netFlow,
            reconciled: unreconciledDays(days, openingBalance).length === 0,
            grossPayments: t.grossPayments,
            effectiveTakeRate: AnalyticsRatio.of(takeRate(t.fees, t.grossPayments)),
            runway: Object.assign(new TreasuryRunway(), {windowDays: RUNWAY_WINDOW_DAYS, balance: closingBalance, ...rw}),
            topFeeAssets: assets.map((a) =>
                Object.assign(new TreasuryFeeAsset(), {...a, kind: a.kind as AssetKind | null, takeRate: AnalyticsRatio.of(takeRate(a.fees, a.grossPayments))}),
            ),
        })
    }

    @Query(() => TreasurySeries, {
        description:
            'Treasury balance history over a window of whole UTC days, paged. DAY: one point per day (TreasuryDayData; days without movements carry the previous balance). BLOCK: one point per block that moved the treasury balance (from TreasuryFlow.balanceAfter).',
    })
    async treasurySeries(
        @Arg('interval', () => TreasurySeriesInterval, {defaultValue: TreasurySeriesInterval.DAY, description: 'DAY or BLOCK.'}) interval: TreasurySeriesInterval,
        @Arg('from', () => Date, {description: FROM_DOC}) from: Date,
        @Arg('to', () => Date, {description: TO_DOC}) to: Date,
        @Arg('offset', () => Int, {defaultValue: 0, description: 'Points to skip.'}) offset: number,
        @Arg('limit', () => Int, {defaultValue: 100, description: `Most points to return, 1 to ${MAX_SERIES_PAGE}.`}) limit: number,
    ): Promise<TreasurySeries> {
        const w = dayWindow(from, to)
        const p = page('', offset, limit, MAX_SERIES_PAGE)
        const em = await this.tx()
        let points: TreasurySeriesPoint[]
        let hasMore: boolean
        let totalCount: number | null = null
        if (interval === TreasurySeriesInterval.DAY) {
            totalCount = w.toDay - w.fromDay + 1
            const first = w.fromDay + p.offset
            const last = Math.min(w.toDay, first + p.limit - 1)
            hasMore = last < w.toDay
            points = []
            if (first <= w.toDay) {
                const {rows, opening} = await loadDays(em, first, last)
                points = fillDays(rows, first, last, opening).map(dayPoint)
            }
        } else {
            const rows = await blockPoints(em, w, p.offset, p.limit + 1)
            hasMore = rows.length > p.limit
            points = rows.slice(0, p.limit).map((r) =>
                Object.assign(new TreasurySeriesPoint(), {
                    ...r,
                    day: null,
                    inflow: inflowOf(r),
                    outflow: outflowOf(r),
                    netFlow: netFlowOf(r),
                    grossPayments: null,
                }),
            )
        }
        return Object.assign(new TreasurySeries(), {interval, window: DayWindowInfo.of(w), page: AnalyticsPage.of(p, hasMore, totalCount), points})
    }
}

function dayPoint(d: DayTotals): TreasurySeriesPoint {
    return Object.assign(new TreasurySeriesPoint(), {
        ...d,
        block: null,
        flows: null,
        timestamp: dayStartOf(d.day),
        inflow: inflowOf(d),
        outflow: outflowOf(d),
        netFlow: netFlowOf(d),
        balance: d.balanceClose,
    })
}
