import {describe, expect, it} from 'vitest'
import {attackFailures, attackRows, normalRows, percentile, summaryLine, table, type AttackSample, type NormalSample} from '../../bench/abuse-report'

/** The statistics and tables of `npm run bench:abuse` (bench/abuse-report.ts); no API involved. */
describe('bench:abuse report', () => {
    it('takes nearest-rank percentiles', () => {
        const xs = Array.from({length: 100}, (_, i) => i + 1)
        expect(percentile(xs, 50)).toBe(50)
        expect(percentile(xs, 99)).toBe(99)
        expect(percentile(xs, 100)).toBe(100)
        expect(percentile(xs, 0)).toBe(1)
        expect(percentile([7], 99)).toBe(7)
        expect(percentile([1, 2, 3], 50)).toBe(2)
        expect(percentile([], 50)).toBeNaN()
    })

    it('aligns numbers right and text left, and pads missing cells', () => {
        const out = table(['name', 'n', 'note'], [['a', '5', 'x'], ['long name', '123', 'longer note'], ['b', '-']])
        expect(out.split('\n')).toEqual(['name         n  note', '---------  ---  -----------', 'a            5  x', 'long name  123  longer note', 'b            -'])
    })

    it('gives per-query and overall rows of a phase, from the ok requests, with the errors', () => {
        const samples: NormalSample[] = [
            {query: 'q1', ms: 10, ok: true},
            {query: 'q1', ms: 30, ok: true},
            {query: 'q2', ms: 20, ok: true},
            {query: 'q2', ms: 999, ok: false, error: '500 INTERNAL'},
        ]
        const rows = normalRows('baseline', samples, 2)
        expect(rows.map((r) => r[1])).toEqual(['q1', 'q2', 'all'])
        expect(rows[0]).toEqual(['baseline', 'q1', '2', '1.0', '10.0', '30.0', '30.0', '30.0', '0'])
        expect(rows[2].slice(2, 4)).toEqual(['4', '1.5'])
        expect(rows[2][7]).toBe('30.0') // the failed request's time is not a latency
        expect(rows[2][8]).toBe('1 (500 INTERNAL)')
    })

    it('flags attacks answered without a JSON error, and kinds never refused', () => {
        const a = (kind: string, ms: number, json: boolean, extra: Partial<AttackSample> = {}): AttackSample => ({kind, ms, status: '400', code: 'QUERY_TOO_LARGE', json, ...extra})
        const samples = [a('bomb', 2, true), a('bomb', 4, true), a('slow', 10_000, false, {status: '408', code: 'no body'}), a('flood', 1, true, {status: '200', admitted: true})]
        const rows = attackRows(['bomb', 'slow', 'flood', 'never'], samples)
        expect(rows.map((r) => r[5])).toEqual(['yes', 'NO (1 not JSON)', 'NOT REFUSED', 'NOT RUN'])
        expect(rows[0].slice(1, 5)).toEqual(['2', '2.00', '4.00', '4.00'])
        expect(rows[2][6]).toBe('(1 admitted within the rate limit)')
        expect(attackFailures(['bomb', 'slow', 'flood'], samples)).toEqual({refusals: 3, notJson: 1, unrefusedKinds: ['flood']})
        const base: NormalSample[] = [{query: 'q', ms: 5, ok: true}]
        expect(summaryLine(base, base, ['bomb'], samples.slice(0, 2))).toBe('bench:abuse: normal p50 5.00 ms / p99 5.00 ms baseline, p50 5.00 / p99 5.00 under attack (2 attacks, all refused with JSON errors)')
        expect(summaryLine(base, base, ['bomb', 'slow'], samples.slice(0, 3))).toMatch(/\(3 attacks, 1 not JSON\)$/)
    })
})
