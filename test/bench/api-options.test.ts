import {describe, expect, it} from 'vitest'
import {dayWindows, pageOffsets, parseOptions, QUERIES, requestBody, rowOf, tableRows, UsageError, verdict, type LoadResult, type Pools} from '../../bench/api'

/** The pure parts of `npm run bench:api` (bench/api.ts): options, variable pools, request bodies, the table; no API involved. */
describe('bench:api options', () => {
    it('defaults to the medium chain, 10 s, 50 connections and every query', () => {
        expect(parseOptions([])).toEqual({scale: 'medium', seconds: 10, connections: 50, only: QUERIES.map((q) => q.name)})
    })

    it('takes --only as names in the table order, and the other options', () => {
        expect(parseOptions(['--scale', 'small', '--seconds', '3', '--connections', '8', '--only', 'treasurySummary,assetHistory'])).toEqual({
            scale: 'small',
            seconds: 3,
            connections: 8,
            only: ['assetHistory', 'treasurySummary'],
        })
        expect(parseOptions(['--help'])).toBe('help')
    })

    it('refuses bad options with a message that says what to give', () => {
        const bad = (args: string[]) => {
            try {
                parseOptions(args)
            } catch (e) {
                expect(e).toBeInstanceOf(UsageError)
                return (e as Error).message
            }
            throw new Error(`accepted ${args.join(' ')}`)
        }
        expect(bad(['--bogus'])).toMatch(/^unknown option --bogus: the options are --scale/)
        expect(bad(['--scale', 'large'])).toBe('--scale must be small or medium, got "large"')
        expect(bad(['--seconds', '0'])).toMatch(/--seconds must be a whole number from 1 to 3600, got "0"/)
        expect(bad(['--connections', 'many'])).toMatch(/--connections must be a whole number/)
        expect(bad(['--only', 'assetHistory,nope'])).toMatch(/--only takes query names separated by commas, from assetHistory, .*; got "assetHistory,nope"/)
        expect(bad(['--seconds'])).toMatch(/--seconds needs a value/)
        expect(bad(['extra'])).toMatch(/unexpected argument "extra"/)
    })
})

describe('bench:api variables', () => {
    const day = Date.UTC(2026, 11, 4)
    const pools: Pools = {
        historyAssets: ['1', '2'],
        contributors: Array.from({length: 25}, (_, i) => `0x${String(i).padStart(40, '0')}`),
        receiptAssets: [],
        payments: ['7'],
        distributions: 120,
        treasuryDays: [day, day + 9 * 86_400_000],
        proposalDays: [day, day],
    }

    it('pages by offset, never past the rows, at most `pages` pages', () => {
        expect(pageOffsets(120, 50, 200)).toEqual([0, 50, 100])
        expect(pageOffsets(0, 50, 200)).toEqual([0])
        expect(pageOffsets(10_000, 50, 3)).toEqual([0, 50, 100])
    })

    it('makes different whole-day windows inside the span, the whole span first, the same ones every run', () => {
        const w = dayWindows(pools.treasuryDays, 20)
        expect(w[0]).toEqual({from: '2026-12-04T00:00:00.000Z', to: '2026-12-13T00:00:00.000Z'})
        expect(new Set(w.map((x) => `${x.from} ${x.to}`)).size).toBe(w.length)
        for (const x of w) {
            expect(x.from <= x.to).toBe(true)
            expect(x.from >= w[0].from && x.to <= w[0].to).toBe(true)
            expect(x.from.endsWith('T00:00:00.000Z')).toBe(true)
        }
        expect(dayWindows(pools.treasuryDays, 20)).toEqual(w)
        // a one-day chain has one window
        expect(dayWindows(pools.proposalDays, 20)).toEqual([{from: '2026-12-04T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z'}])
    })

    it('gives every query its variable sets from the pools (none when the chain has nothing to ask about)', () => {
        const sets = Object.fromEntries(QUERIES.map((q) => [q.name, q.variables(pools)]))
        expect(sets.assetHistory).toEqual([{asset: '1'}, {asset: '2'}])
        expect(sets.revenueDistributions).toEqual([{offset: 0}, {offset: 50}, {offset: 100}])
        expect(sets.topContributors).toEqual([{offset: 0}, {offset: 10}, {offset: 20}])
        expect(sets.topContributorsAsset).toEqual([])
        expect(sets.paymentAttribution).toEqual([{payment: '7'}])
        // all time and the one day, for each track and both together
        expect(sets.governanceStats).toHaveLength(6)
        expect(sets.governanceStats[2]).toEqual({track: null})
        for (const q of QUERIES) expect(q.query).toMatch(/^(query \w+(\(.*?\))? )?\{/s)
    })

    it('rotates through the sets and gives each request a nonce of its own (no two bodies alike: no response-cache hit)', () => {
        const sets = [{asset: '1'}, {asset: '2'}]
        const bodies = [0, 1, 2, 3].map((n) => JSON.parse(requestBody('query Q($asset: String!) { x }', sets, n)))
        expect(bodies.map((b) => b.variables)).toEqual([
            {asset: '1', benchNonce: 0},
            {asset: '2', benchNonce: 1},
            {asset: '1', benchNonce: 2},
            {asset: '2', benchNonce: 3},
        ])
        expect(bodies[0].query).toBe('query Q($asset: String!) { x }')
    })
})

describe('bench:api table', () => {
    const result = (p99: number, rps: number): LoadResult => ({requests: {average: rps}, latency: {p50: p99 / 2, p90: p99 - 1, p99, max: p99 + 10}, errors: 1, timeouts: 2, non2xx: 3, duration: 10})

    it('meets the entity target only with p99 <= 50 ms and >= 1 000 req/s, the analytics one with p99 <= 100 ms', () => {
        expect(verdict({kind: 'entity', p99: 50, rps: 1000})).toEqual({target: 'p99 <= 50 ms, >= 1000 req/s', met: true})
        expect(verdict({kind: 'entity', p99: 40, rps: 999}).met).toBe(false)
        expect(verdict({kind: 'entity', p99: 51, rps: 5000}).met).toBe(false)
        expect(verdict({kind: 'analytics', p99: 100, rps: 1})).toEqual({target: 'p99 <= 100 ms', met: true})
        expect(verdict({kind: 'analytics', p99: 101, rps: 1}).met).toBe(false)
    })

    it('prints failures, cache hits, CPU shares and CPU ms per request', () => {
        const row = rowOf('assetHistory', 'entity', result(80, 200), {graphqlErrors: 4, cacheHits: 0}, {api: 0.5, pg: 0.25, bench: 0.05}, 393)
        expect(row.failed).toEqual([3, 3, 4])
        expect(tableRows([row])[0]).toEqual(['assetHistory', '393', '200', '40', '79', '80', '90', '3/3/4', '0', '50/25/5', '2.5/1.3', 'p99 <= 50 ms, >= 1000 req/s', 'NO'])
        const unmeasured = rowOf('governanceStats', 'analytics', result(90, 100), {graphqlErrors: 0, cacheHits: 0}, {api: 0.4, pg: NaN, bench: 0.1}, 6)
        expect(tableRows([unmeasured])[0].slice(9)).toEqual(['40/-/10', '4.0/-', 'p99 <= 100 ms', 'yes'])
    })
})
