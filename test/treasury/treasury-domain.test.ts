/**
 * Treasury arithmetic (src/domain/treasury.ts, src/domain/ratio.ts): exact ratios, day and block
 * buckets, gap filling, reconciliation, runway and take rate, against naive recomputations from
 * random flow histories (fast-check).
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {bpsOf, ceilDiv, decimalRatio} from '../../src/domain/ratio'
import {
    bucketFlowsByBlock,
    bucketFlowsByDay,
    DAY_SECONDS,
    dayIndexOf,
    fillDays,
    isInflow,
    netFlowOf,
    runway,
    runwayAt,
    sumDays,
    takeRate,
    unreconciledDays,
    type DayTotals,
    type Flow,
    type FlowKind,
} from '../../src/domain/treasury'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300)
const KINDS: FlowKind[] = ['FEE', 'DEPOSIT', 'TRANSFER_IN', 'DISBURSEMENT', 'TRANSFER_OUT']
const DAY0 = 20_000

/** A random but consistent history: blocks every few hours over some days, balances that never go negative. */
const historyArb = fc
    .record({
        opening: fc.bigInt({min: 0n, max: 10n ** 24n}),
        steps: fc.array(fc.record({gap: fc.integer({min: 0, max: 30 * 3600}), kind: fc.constantFrom(...KINDS), amount: fc.bigInt({min: 0n, max: 10n ** 23n}), sameBlock: fc.boolean()}), {
            maxLength: 80,
        }),
    })
    .map(({opening, steps}) => {
        let t = DAY0 * DAY_SECONDS + 3600
        let block = 100
        let balance = opening
        const flows: Flow[] = []
        steps.forEach((s, i) => {
            if (!s.sameBlock || flows.length === 0) {
                block += 1
                t += s.gap + 1
            }
            let amount = s.amount
            if (!isInflow(s.kind) && amount > balance) amount = balance
            balance += isInflow(s.kind) ? amount : -amount
            flows.push({id: `${String(block).padStart(10, '0')}-${String(i).padStart(6, '0')}`, block, timestamp: new Date(t * 1000), kind: s.kind, amount, balanceAfter: balance})
        })
        return {opening, flows}
    })

function naiveDay(flows: Flow[], day: number, opening: bigint): DayTotals {
    const d: DayTotals = {day, fees: 0n, deposits: 0n, transfersIn: 0n, disbursements: 0n, transfersOut: 0n, grossPayments: 0n, balanceClose: opening}
    for (const f of flows) {
        if (dayIndexOf(f.timestamp) > day) break
        d.balanceClose = f.balanceAfter
        if (dayIndexOf(f.timestamp) !== day) continue
        const key = ({FEE: 'fees', DEPOSIT: 'deposits', TRANSFER_IN: 'transfersIn', DISBURSEMENT: 'disbursements', TRANSFER_OUT: 'transfersOut'} as const)[f.kind]
        d[key] += f.amount
    }
    return d
}

describe('exact ratios', () => {
    it('bps and decimals are floors of the exact fraction', () => {
        expect(bpsOf(1n, 3n)).toBe(3333)
        expect(decimalRatio(1n, 3n)).toBe('0.333333')
        expect(decimalRatio(2n, 3n, 2)).toBe('0.66')
        expect(decimalRatio(7n, 2n, 0)).toBe('3')
        expect(decimalRatio(10n ** 30n, 1n, 1)).toBe(`${10n ** 30n}.0`)
        expect(bpsOf(5n, 0n)).toBeNull()
        expect(() => bpsOf(-1n, 2n)).toThrow(RangeError)
        expect(ceilDiv(15_000n, 10_000n)).toBe(2n)
        expect(ceilDiv(20_000n, 10_000n)).toBe(2n)
        fc.assert(
            fc.property(fc.bigInt({min: 0n, max: 10n ** 40n}), fc.bigInt({min: 1n, max: 10n ** 40n}), fc.integer({min: 0, max: 20}), (n, d, k) => {
                const s = decimalRatio(n, d, k)!
                const [whole, frac = ''] = s.split('.')
                expect(frac.length).toBe(k)
                expect(BigInt(whole + frac)).toBe((n * 10n ** BigInt(k)) / d)
                if ((n * 10_000n) / d <= BigInt(Number.MAX_SAFE_INTEGER)) expect(bpsOf(n, d)).toBe(Number((n * 10_000n) / d))
            }),
            {numRuns: RUNS},
        )
    })
})

describe('day and block buckets', () => {
    it('bucketFlowsByDay + fillDays equal a naive per-day recomputation, and every day reconciles', () => {
        fc.assert(
            fc.property(historyArb, ({opening, flows}) => {
                const rows = bucketFlowsByDay(flows)
                const lastDay = flows.length ? dayIndexOf(flows[flows.length - 1].timestamp) + 2 : DAY0 + 1
                const filled = fillDays(rows, DAY0 - 1, lastDay, opening)
                expect(filled.map((d) => d.day)).toEqual(Array.from({length: lastDay - DAY0 + 2}, (_, i) => DAY0 - 1 + i))
                for (const d of filled) expect(d).toEqual(naiveDay(flows, d.day, opening))
                expect(unreconciledDays(filled, opening)).toEqual([])
                const t = sumDays(filled)
                expect(opening + t.netFlow).toBe(filled[filled.length - 1].balanceClose)
                // a window in the middle starts from the previous day's close
                if (filled.length > 3) expect(unreconciledDays(filled.slice(2), filled[1].balanceClose)).toEqual([])
            }),
            {numRuns: RUNS},
        )
    })

    it('bucketFlowsByBlock keeps the balance after the last flow of each block and sums its movements', () => {
        fc.assert(
            fc.property(historyArb, ({opening, flows}) => {
                const points = bucketFlowsByBlock([...flows].reverse()) // input order does not matter: ids do
                expect(points.map((p) => p.block)).toEqual([...new Set(flows.map((f) => f.block))])
                let balance = opening
                for (const p of points) {
                    const mine = flows.filter((f) => f.block === p.block)
                    expect(p.balance).toBe(mine[mine.length - 1].balanceAfter)
                    expect(p.flows).toBe(mine.length)
                    expect(balance + p.inflow - p.outflow).toBe(p.balance)
                    balance = p.balance
                }
            }),
            {numRuns: RUNS},
        )
    })

    it('fillDays carries the opening balance over leading gaps and rejects duplicate days', () => {
        const d = (day: number, balanceClose: bigint): DayTotals => ({day, fees: 1n, deposits: 0n, transfersIn: 0n, disbursements: 0n, transfersOut: 0n, grossPayments: 0n, balanceClose})
        expect(fillDays([d(12, 9n)], 10, 13, 8n).map((x) => x.balanceClose)).toEqual([8n, 8n, 9n, 9n])
        expect(fillDays([d(12, 9n)], 10, 13, 8n).map((x) => x.fees)).toEqual([0n, 0n, 1n, 0n])
        expect(fillDays([], 5, 4, 0n)).toEqual([])
        expect(() => fillDays([d(3, 1n), d(3, 1n)], 1, 5, 0n)).toThrow(/twice/)
        expect(unreconciledDays([d(1, 5n)], 3n)).toEqual([{day: 1, expected: 4n, balanceClose: 5n}])
        expect(netFlowOf({fees: 1n, deposits: 0n, transfersIn: 0n, disbursements: 5n, transfersOut: 0n})).toBe(-4n)
    })
})

describe('runway', () => {
    it('balance * 30 / outflow of the trailing 30 days, 2 decimals rounded down; unbounded without outflow', () => {
        expect(runway(1000n, 300n)).toMatchObject({windowOutflow: 300n, averageDailyOutflow: 10n, days: '100.00', wholeDays: 100n})
        expect(runway(1000n, 0n)).toMatchObject({days: null, wholeDays: null, averageDailyOutflow: 0n})
        expect(runway(1n, 7n, 30)).toMatchObject({days: '4.28', wholeDays: 4n}) // 30/7 = 4.285...
        fc.assert(
            fc.property(fc.bigInt({min: 0n, max: 10n ** 27n}), fc.bigInt({min: 1n, max: 10n ** 27n}), (balance, out) => {
                const r = runway(balance, out)
                expect(r.days).toBe(decimalRatio(balance * 30n, out, 2))
                expect(r.wholeDays).toBe((balance * 30n) / out)
                // never above what the floored average would give: the exact division is used
                expect(BigInt(r.days!.replace('.', ''))).toBe((balance * 3000n) / out)
            }),
            {numRuns: RUNS},
        )
    })

    it('runwayAt counts exactly the last 30 days', () => {
        const day = (n: number, out: bigint, balanceClose: bigint): DayTotals => ({day: n, fees: 0n, deposits: 0n, transfersIn: 0n, disbursements: out, transfersOut: 0n, grossPayments: 0n, balanceClose})
        const days = Array.from({length: 40}, (_, i) => day(100 + i, i === 9 ? 1_000n : i === 10 ? 30n : 0n, 600n))
        // day 109 is 31 days before the last (139): excluded; day 110 is the 30th: included
        expect(runwayAt(days)).toMatchObject({windowOutflow: 30n, averageDailyOutflow: 1n, days: '600.00'})
        expect(runwayAt([])).toMatchObject({days: null})
    })
})

describe('take rate', () => {
    it('fees / gross payments, exact; at a flat fee of 5 % it is at most 500 bps', () => {
        expect(takeRate(5n, 100n)).toEqual({bps: 500, decimal: '0.05000000'})
        expect(takeRate(0n, 0n)).toBeNull()
        fc.assert(
            fc.property(fc.array(fc.bigInt({min: 1n, max: 10n ** 22n}), {minLength: 1, maxLength: 30}), (payments) => {
                const fees = payments.reduce((s, p) => s + (p * 500n) / 10_000n, 0n)
                const gross = payments.reduce((s, p) => s + p, 0n)
                const r = takeRate(fees, gross)!
                expect(r.bps).toBeLessThanOrEqual(500)
                expect(r.bps).toBe(Number((fees * 10_000n) / gross))
            }),
            {numRuns: RUNS},
        )
    })
})
