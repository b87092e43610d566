/**
 * Treasury analytics (SPEC §7) as pure functions: day buckets, gap filling, net flow,
 * reconciliation, runway and effective take rate. Money is bigint wei; ratios are exact
 * (see ./ratio). Days are UTC day indexes: floor(unix seconds / 86 400).
 */
import {decimalRatio, ratio, type Ratio} from './ratio'

export const DAY_SECONDS = 86_400
/** Length of the trailing window of the runway's average daily outflow. */
export const RUNWAY_WINDOW_DAYS = 30
/** Decimals of `runway().days`. */
export const RUNWAY_DECIMALS = 2

export type FlowKind = 'FEE' | 'DEPOSIT' | 'TRANSFER_IN' | 'DISBURSEMENT' | 'TRANSFER_OUT'
export const INFLOW_KINDS: readonly FlowKind[] = ['FEE', 'DEPOSIT', 'TRANSFER_IN']
export const OUTFLOW_KINDS: readonly FlowKind[] = ['DISBURSEMENT', 'TRANSFER_OUT']

export function isInflow(kind: FlowKind): boolean {
    return kind === 'FEE' || kind === 'DEPOSIT' || kind === 'TRANSFER_IN'
}

export function dayIndexOf(t: Date): number {
    return Math.floor(t.getTime() / 1000 / DAY_SECONDS)
}

export function dayStartOf(day: number): Date {
    return new Date(day * DAY_SECONDS * 1000)
}

/** The treasury's movements of one UTC day (the shape of TreasuryDayData). */
export interface DayTotals {
    day: number
    fees: bigint
    deposits: bigint
    transfersIn: bigint
    disbursements: bigint
    transfersOut: bigint
    /** Gross payments that day (not a treasury movement; for the take rate). */
    grossPayments: bigint
    /** Balance at the end of the day. */
    balanceClose: bigint
}

export function emptyDay(day: number, balanceClose: bigint): DayTotals {
    return {day, fees: 0n, deposits: 0n, transfersIn: 0n, disbursements: 0n, transfersOut: 0n, grossPayments: 0n, balanceClose}
}

export function inflowOf(d: Pick<DayTotals, 'fees' | 'deposits' | 'transfersIn'>): bigint {
    return d.fees + d.deposits + d.transfersIn
}

export function outflowOf(d: Pick<DayTotals, 'disbursements' | 'transfersOut'>): bigint {
    return d.disbursements + d.transfersOut
}

/** Inflow minus outflow (may be negative). */
export function netFlowOf(d: Pick<DayTotals, 'fees' | 'deposits' | 'transfersIn' | 'disbursements' | 'transfersOut'>): bigint {
    return inflowOf(d) - outflowOf(d)
}

/**
 * Every day of [fromDay, toDay] in order: the stored day where there is one, else a day without
 * movements whose closing balance is the previous day's (`openingBalance`, the balance at the end
 * of fromDay - 1, before the first stored day). Rows outside the range are ignored.
 */
export function fillDays(rows: readonly DayTotals[], fromDay: number, toDay: number, openingBalance: bigint): DayTotals[] {
    if (!Number.isInteger(fromDay) || !Number.isInteger(toDay)) throw new RangeError(`day indexes must be integers, got ${fromDay}..${toDay}`)
    if (toDay < fromDay) return []
    const byDay = new Map<number, DayTotals>()
    for (const r of rows) {
        if (r.day < fromDay || r.day > toDay) continue
        if (byDay.has(r.day)) throw new Error(`day ${r.day} appears twice`)
        byDay.set(r.day, r)
    }
    const out: DayTotals[] = []
    let balance = openingBalance
    for (let d = fromDay; d <= toDay; d++) {
        const r = byDay.get(d) ?? emptyDay(d, balance)
        out.push(r)
        balance = r.balanceClose
    }
    return out
}

export interface Totals {
    fees: bigint
    deposits: bigint
    transfersIn: bigint
    disbursements: bigint
    transfersOut: bigint
    grossPayments: bigint
    inflow: bigint
    outflow: bigint
    netFlow: bigint
}

export function sumDays(days: readonly DayTotals[]): Totals {
    const t = {fees: 0n, deposits: 0n, transfersIn: 0n, disbursements: 0n, transfersOut: 0n, grossPayments: 0n}
    for (const d of days) {
        t.fees += d.fees
        t.deposits += d.deposits
        t.transfersIn += d.transfersIn
        t.disbursements += d.disbursements
        t.transfersOut += d.transfersOut
        t.grossPayments += d.grossPayments
    }
    return {...t, inflow: inflowOf(t), outflow: outflowOf(t), netFlow: netFlowOf(t)}
}

/** A treasury movement (the shape of TreasuryFlow). `id` sorts in chain order. */
export interface Flow {
    id: string
    block: number
    timestamp: Date
    kind: FlowKind
    amount: bigint
    balanceAfter: bigint
}

function addFlow(d: DayTotals, f: Flow): void {
    switch (f.kind) {
        case 'FEE':
            d.fees += f.amount
            break
        case 'DEPOSIT':
            d.deposits += f.amount
            break
        case 'TRANSFER_IN':
            d.transfersIn += f.amount
            break
        case 'DISBURSEMENT':
            d.disbursements += f.amount
            break
        case 'TRANSFER_OUT':
            d.transfersOut += f.amount
            break
    }
}

function chainOrder(flows: readonly Flow[]): Flow[] {
    return [...flows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * Day buckets of raw flows (only days that have flows; grossPayments stays 0, it is not a flow).
 * A day closes at the balance after its last flow.
 */
export function bucketFlowsByDay(flows: readonly Flow[]): DayTotals[] {
    const days = new Map<number, DayTotals>()
    for (const f of chainOrder(flows)) {
        const day = dayIndexOf(f.timestamp)
        let d = days.get(day)
        if (d == null) days.set(day, (d = emptyDay(day, 0n)))
        addFlow(d, f)
        d.balanceClose = f.balanceAfter
    }
    return [...days.values()].sort((a, b) => a.day - b.day)
}

export interface BlockPoint {
    block: number
    timestamp: Date
    inflow: bigint
    outflow: bigint
    flows: number
    /** Balance after the block's last flow. */
    balance: bigint
}

/** Per-block points of raw flows (only blocks that have flows), in block order. */
export function bucketFlowsByBlock(flows: readonly Flow[]): BlockPoint[] {
    const out: BlockPoint[] = []
    for (const f of chainOrder(flows)) {
        let p = out[out.length - 1]
        if (p == null || p.block !== f.block) out.push((p = {block: f.block, timestamp: f.timestamp, inflow: 0n, outflow: 0n, flows: 0, balance: 0n}))
        if (isInflow(f.kind)) p.inflow += f.amount
        else p.outflow += f.amount
        p.flows += 1
        p.balance = f.balanceAfter
    }
    return out
}

/**
 * Checks that consecutive days chain: each day's closing balance is the previous closing balance
 * (`openingBalance` first) plus its inflow minus its outflow. Returns the days that break it.
 */
export function unreconciledDays(days: readonly DayTotals[], openingBalance: bigint): {day: number; expected: bigint; balanceClose: bigint}[] {
    const bad: {day: number; expected: bigint; balanceClose: bigint}[] = []
    let balance = openingBalance
    for (const d of days) {
        const expected = balance + netFlowOf(d)
        if (expected !== d.balanceClose) bad.push({day: d.day, expected, balanceClose: d.balanceClose})
        balance = d.balanceClose
    }
    return bad
}

export interface Runway {
    /** Total outflow over the window (wei). */
    windowOutflow: bigint
    /** floor(windowOutflow / windowDays) (wei per day). */
    averageDailyOutflow: bigint
    /** balance / (windowOutflow / windowDays), in days, floor to RUNWAY_DECIMALS; null when nothing flowed out (unbounded). */
    days: string | null
    /** Whole days of runway (floor); null when unbounded. */
    wholeDays: bigint | null
}

/**
 * Runway: how many days the balance lasts at the trailing average daily outflow,
 * balance * windowDays / windowOutflow (exact, not through the floored average).
 */
export function runway(balance: bigint, windowOutflow: bigint, windowDays = RUNWAY_WINDOW_DAYS): Runway {
    if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError(`windowDays must be a positive integer, got ${windowDays}`)
    if (windowOutflow < 0n) throw new RangeError(`windowOutflow must be >= 0, got ${windowOutflow}`)
    const w = BigInt(windowDays)
    const positive = balance > 0n ? balance : 0n
    return {
        windowOutflow,
        averageDailyOutflow: windowOutflow / w,
        days: decimalRatio(positive * w, windowOutflow, RUNWAY_DECIMALS),
        wholeDays: windowOutflow === 0n ? null : (positive * w) / windowOutflow,
    }
}

/**
 * Runway at the end of the last day of `days` (filled, consecutive), over the trailing
 * `windowDays` days ending there (fewer if `days` is shorter: missing days have no outflow).
 */
export function runwayAt(days: readonly DayTotals[], windowDays = RUNWAY_WINDOW_DAYS): Runway {
    const last = days[days.length - 1]
    if (last == null) return runway(0n, 0n, windowDays)
    const window = days.filter((d) => d.day > last.day - windowDays)
    return runway(last.balanceClose, window.reduce((s, d) => s + outflowOf(d), 0n), windowDays)
}

/** Effective take rate: protocol fees / gross payments; null when nothing was paid. */
export function takeRate(fees: bigint, grossPayments: bigint): Ratio | null {
    return ratio(fees, grossPayments, 8)
}
