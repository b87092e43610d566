/**
 * The pure parts of the participation analytics: the exact earnings statistics
 * (src/api/analytics/participation-stats.ts) against textbook definitions computed differently
 * (Gini as the mean absolute difference over all pairs, top shares by sorting descending), and the
 * interval numbering (participation-queries.ts) against the calendar.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {periodOfDay, periodStart} from '../../src/api/analytics/participation-queries'
import {gini, quantile, topCount, topShare} from '../../src/api/analytics/participation-stats'
import {ParticipationInterval} from '../../src/api/analytics/participation-types'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300)
const DAY_MS = 86_400_000
const asc = (xs: bigint[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
const bps = (num: bigint, den: bigint) => Number((num * 10_000n) / den)

describe('earnings statistics', () => {
    it('Gini equals the mean absolute difference over all pairs / (2 x mean), rounded down', () => {
        fc.assert(
            fc.property(fc.array(fc.bigInt({min: 1n, max: 10n ** 30n}), {minLength: 1, maxLength: 60}), (xs) => {
                const s = asc(xs)
                const n = BigInt(s.length)
                const total = s.reduce((a, b) => a + b, 0n)
                let diff = 0n
                for (const a of s) for (const b of s) diff += a > b ? a - b : b - a
                expect(gini(s)!.bps).toBe(bps(diff, 2n * n * total))
            }),
            {numRuns: RUNS},
        )
    })

    it('Gini is 0 for equal earnings and (n - 1) / n when one account earns everything', () => {
        expect(gini([5n, 5n, 5n, 5n])!.bps).toBe(0)
        expect(gini([0n, 0n, 0n, 7n])!.decimal).toBe('0.750000')
        expect(gini([])).toBeNull()
    })

    it('top shares take ceil(n x pct / 100) accounts, at least one', () => {
        expect(topCount(0, 1)).toBe(0)
        expect(topCount(1, 1)).toBe(1)
        expect(topCount(101, 1)).toBe(2)
        expect(topCount(10, 10)).toBe(1)
        expect(topCount(11, 10)).toBe(2)
        fc.assert(
            fc.property(fc.array(fc.bigInt({min: 1n, max: 10n ** 24n}), {minLength: 1, maxLength: 300}), fc.constantFrom(1, 10), (xs, pct) => {
                const desc = [...xs].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))
                const k = Math.ceil((xs.length * pct) / 100)
                const top = desc.slice(0, k).reduce((a, b) => a + b, 0n)
                expect(topShare(asc(xs), pct)!.bps).toBe(bps(top, xs.reduce((a, b) => a + b, 0n)))
            }),
            {numRuns: RUNS},
        )
    })

    it('quantiles are nearest-rank: the smallest value with at least q of the accounts at or below it', () => {
        const xs = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n]
        expect([0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1].map((q) => quantile(xs, q))).toEqual([1n, 3n, 5n, 8n, 9n, 10n, 10n])
        fc.assert(
            fc.property(fc.array(fc.bigInt({min: 0n, max: 1000n}), {minLength: 1, maxLength: 100}), fc.double({min: 0.01, max: 1, noNaN: true}), (raw, q) => {
                const s = asc(raw)
                const v = quantile(s, q)
                expect(s.filter((x) => x <= v).length).toBeGreaterThanOrEqual(Math.ceil(q * s.length - 1e-9))
                expect(s.filter((x) => x < v).length).toBeLessThan(Math.ceil(q * s.length - 1e-9) || 1)
            }),
            {numRuns: RUNS},
        )
    })
})

describe('interval numbering', () => {
    it('numbers consecutive intervals by +1 and starts them on the calendar boundaries (ISO weeks, months)', () => {
        for (let d = Date.UTC(1999, 11, 1) / DAY_MS; d < Date.UTC(2031, 0, 1) / DAY_MS; d++) {
            const t = new Date(d * DAY_MS)
            for (const i of [ParticipationInterval.DAY, ParticipationInterval.WEEK, ParticipationInterval.MONTH]) {
                const p = periodOfDay(i, d)
                const start = periodStart(i, p).getTime()
                const next = periodStart(i, p + 1).getTime()
                expect(start <= t.getTime() && t.getTime() < next, `${i} ${t.toISOString()}`).toBe(true)
                const s = new Date(start)
                if (i === ParticipationInterval.WEEK) expect(s.getUTCDay()).toBe(1)
                if (i === ParticipationInterval.MONTH) expect(s.getUTCDate()).toBe(1)
            }
        }
    })
})
