/**
 * Voting power concentration (src/domain/voting-power.ts): Nakamoto coefficients against a brute
 * force over every subset, top-N share, the prefix the SQL returns, and power history against the
 * ERC20Votes checkpoint model of test/model/governor-model.ts.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
    distribution,
    nakamotoCoefficient,
    NAKAMOTO_HALF_BPS,
    NAKAMOTO_THIRD_BPS,
    powerAt,
    rankDelegates,
    topNShare,
    type PowerChange,
} from '../../src/domain/voting-power'
import {VotesModel} from '../model/governor-model'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300)

/** Fewest delegates of any choice (not only the largest) holding more than bps of total. */
function bruteForce(votes: bigint[], total: bigint, bps: number): number | null {
    if (total === 0n) return null
    let best: number | null = null
    for (let mask = 1; mask < 1 << votes.length; mask++) {
        let sum = 0n
        let k = 0
        for (let i = 0; i < votes.length; i++) if (mask & (1 << i)) (sum += votes[i]), k++
        if (sum * 10_000n > total * BigInt(bps) && (best == null || k < best)) best = k
    }
    return best
}

const ranked = (xs: bigint[]) => rankDelegates(xs.map((votes, i) => ({delegate: `0x${i.toString(16).padStart(40, '0')}`, votes}))).map((d) => d.votes)

describe('Nakamoto coefficients', () => {
    it('strictly more than the threshold: exactly a third or exactly half is not enough', () => {
        expect(nakamotoCoefficient([334n, 333n, 333n], 1000n, NAKAMOTO_THIRD_BPS)).toBe(2) // 33.4 % is not > 33.4 %
        expect(nakamotoCoefficient([335n, 333n, 332n], 1000n, NAKAMOTO_THIRD_BPS)).toBe(1)
        expect(nakamotoCoefficient([50n, 50n], 100n, NAKAMOTO_HALF_BPS)).toBe(2)
        expect(nakamotoCoefficient([51n, 49n], 100n, NAKAMOTO_HALF_BPS)).toBe(1)
    })

    it('one delegate holds everything: 1 and 1; no votes: null', () => {
        expect(distribution([7n], 7n, 1, 10)).toMatchObject({nakamotoThird: 1, nakamotoHalf: 1, top: {n: 1, votes: 7n, share: {bps: 10_000}}})
        expect(distribution([], 0n, 0, 10)).toMatchObject({nakamotoThird: null, nakamotoHalf: null, delegateCount: 0, top: {n: 0, votes: 0n, share: null}})
    })

    it('equal split of n delegates needs floor(n * t) + 1 of them', () => {
        for (let n = 1; n <= 30; n++) {
            const votes = Array<bigint>(n).fill(10n ** 18n)
            const total = 10n ** 18n * BigInt(n)
            expect(nakamotoCoefficient(votes, total, NAKAMOTO_HALF_BPS)).toBe(Math.floor(n / 2) + 1)
            expect(nakamotoCoefficient(votes, total, NAKAMOTO_THIRD_BPS)).toBe(Math.floor((n * 3340) / 10_000) + 1)
        }
    })

    it('the largest-first count is the fewest of any choice (brute force over every subset)', () => {
        fc.assert(
            fc.property(fc.array(fc.bigInt({min: 0n, max: 10n ** 22n}), {minLength: 1, maxLength: 10}), (xs) => {
                const total = xs.reduce((a, b) => a + b, 0n)
                const r = ranked(xs)
                for (const bps of [NAKAMOTO_THIRD_BPS, NAKAMOTO_HALF_BPS]) expect(nakamotoCoefficient(r, total, bps)).toBe(bruteForce(xs, total, bps))
            }),
            {numRuns: RUNS},
        )
    })
})

describe('distribution from the prefix the SQL returns', () => {
    it('equals the distribution of the full ranking', () => {
        fc.assert(
            fc.property(fc.array(fc.bigInt({min: 0n, max: 10n ** 22n}), {maxLength: 60}), fc.integer({min: 1, max: 100}), (xs, topN) => {
                const full = ranked(xs)
                const total = full.reduce((a, b) => a + b, 0n)
                // the rows the query keeps: rank <= topN, or the votes before the row are at most half
                let before = 0n
                const prefix = full.filter((v, i) => {
                    const keep = i < topN || before * 2n <= total
                    before += v
                    return keep
                })
                const a = distribution(prefix, total, full.length, topN)
                const b = distribution(full, total, full.length, topN)
                expect(a).toEqual(b)
                expect(a.top.votes).toBe(full.slice(0, topN).reduce((s, v) => s + v, 0n))
                expect(a.top.share?.bps ?? null).toBe(total === 0n ? null : Number((a.top.votes * 10_000n) / total))
            }),
            {numRuns: RUNS},
        )
    })

    it('refuses a prefix that stops before the 50 % crossing', () => {
        expect(() => distribution([10n, 10n], 100n, 10, 2)).toThrow(/do not reach half/)
        expect(() => distribution([1n, 2n], 3n, 2, 2)).toThrow(/largest first/)
    })

    it('top-N share never counts more delegates than exist', () => {
        expect(topNShare([5n, 3n], 8n, 10)).toEqual({n: 2, votes: 8n, share: {bps: 10_000, decimal: '1.000000'}})
    })

    it('ranks ties by address and drops delegates without votes', () => {
        expect(rankDelegates([{delegate: '0xb', votes: 5n}, {delegate: '0xa', votes: 5n}, {delegate: '0xc', votes: 0n}, {delegate: '0xd', votes: 9n}])).toEqual([
            {delegate: '0xd', votes: 9n},
            {delegate: '0xa', votes: 5n},
            {delegate: '0xb', votes: 5n},
        ])
    })
})

describe('power history (DelegateVotesChanged) against the checkpoint model', () => {
    it('powerAt(block) equals getPastVotes for every delegate and block', () => {
        const transfer = fc.record({from: fc.nat(5), to: fc.nat(5), amount: fc.bigInt({min: 0n, max: 10n ** 20n}), gap: fc.nat(3)})
        fc.assert(
            fc.property(fc.array(transfer, {maxLength: 40}), (transfers) => {
                const accounts = Array.from({length: 6}, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`)
                const start = 10n ** 21n
                const model = new VotesModel(() => start, start * 6n)
                // the deployment: every account gets its votes in block 1 (one event each)
                // ids sort in chain order, like the processor's zero-padded log ids
                const id = (b: number, i: number) => `${String(b).padStart(10, '0')}-${String(i).padStart(6, '0')}`
                const changes: PowerChange[] = accounts.map((a, i) => ({id: id(1, i), delegate: a, block: 1, newVotes: start}))
                let block = 2
                let seq = 0
                for (const t of transfers) {
                    block += t.gap
                    const from = accounts[t.from]
                    const to = accounts[t.to]
                    if (from === to || model.current(from) < t.amount) continue
                    model.transfer(from, to, t.amount, BigInt(block))
                    // ERC20Votes emits DelegateVotesChanged for the sender, then the receiver
                    changes.push({id: id(block, seq++), delegate: from, block, newVotes: model.current(from)})
                    changes.push({id: id(block, seq++), delegate: to, block, newVotes: model.current(to)})
                }
                for (let b = 1; b <= block + 1; b++) {
                    const at = new Map(powerAt(changes, b).map((d) => [d.delegate, d.votes]))
                    for (const a of accounts) expect(at.get(a), `${a} at ${b}`).toBe(model.getPastVotes(a, BigInt(b)))
                }
            }),
            {numRuns: RUNS / 3},
        )
    })
})
