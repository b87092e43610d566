/**
 * The indexer's governance logic (src/domain/governance.ts: proposalOutcome, proposalState) and
 * the analytics figures (src/domain/governance-stats.ts) against the independent model of SPEC §8
 * (test/model/governor-model.ts): every outcome and edge, then random inputs (fast-check).
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {proposalOutcome, proposalState, type Outcome, type StateName, type Tally} from '../../src/domain/governance'
import {
    castVotes,
    councilApprovals,
    decidedOutcome,
    explainedOutcome,
    quorumReached,
    thresholdReached,
    timeToExecution,
    trackStats,
    turnout,
    vetoRatio,
    vetoReached,
    type ProposalFigures,
} from '../../src/domain/governance-stats'
import {
    DEFAULT_PARAMS,
    GovernorModel,
    outcome as modelOutcome,
    ProposalState as S,
    stateAt as modelStateAt,
    Support,
    Track,
    VotesModel,
    type OutcomeParams,
} from '../model/governor-model'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300)
const SUPPLY = 10n ** 27n
const NAMES = ['PENDING', 'ACTIVE', 'CANCELED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED'] as const

interface Case {
    track: 'COUNCIL' | 'DAO'
    tally: Tally
    supply: bigint
    councilSize: number
    params: OutcomeParams
}

function figures(c: Case, extra: Partial<ProposalFigures> = {}): ProposalFigures {
    return {
        ...c.tally,
        track: c.track,
        quorumBps: Number(c.params.quorumBps),
        thresholdBps: Number(c.params.thresholdBps),
        vetoBps: Number(c.params.vetoBps),
        councilApprovalBps: Number(c.params.councilApprovalBps),
        councilSize: c.councilSize,
        totalSupplyAtSnapshot: c.supply,
        state: 'DEFEATED',
        outcome: null,
        createdAtBlock: 10,
        createdAt: new Date(0),
        voteEndBlock: 31,
        executedAtBlock: null,
        executedAt: null,
        ...extra,
    }
}

function indexerOutcome(c: Case): Outcome {
    const f = figures(c)
    return proposalOutcome(c.tally, {
        track: c.track,
        quorumBps: f.quorumBps,
        thresholdBps: f.thresholdBps,
        vetoBps: f.vetoBps,
        councilApprovalBps: f.councilApprovalBps,
        councilSize: c.councilSize,
        totalSupply: c.supply,
    })
}

function referenceOutcome(c: Case): Outcome {
    const o = modelOutcome(c.track === 'DAO' ? Track.DAO : Track.COUNCIL, c.tally, c.supply, BigInt(c.councilSize), c.params)
    return NAMES[o] as Outcome
}

function expectAgree(c: Case): Outcome {
    const ref = referenceOutcome(c)
    expect(indexerOutcome(c)).toBe(ref)
    expect(explainedOutcome(figures(c))).toBe(ref)
    return ref
}

const t = (no: bigint, yes: bigint, abstain: bigint, veto: bigint): Tally => ({no, yes, abstain, veto})
const dao = (tally: Tally, supply = SUPPLY, params: OutcomeParams = DEFAULT_PARAMS): Case => ({track: 'DAO', tally, supply, councilSize: 3, params})
const council = (tally: Tally, councilSize: number, supply = SUPPLY, params: OutcomeParams = DEFAULT_PARAMS): Case => ({track: 'COUNCIL', tally, supply, councilSize, params})

describe('DAO outcome: every branch and boundary agrees with the model', () => {
    const q = (SUPPLY * 3340n) / 10_000n // exact: 10^27 * 3340 is divisible by 10 000

    it('exact quorum passes, one wei less is defeated', () => {
        expect(expectAgree(dao(t(0n, q, 0n, 0n)))).toBe('SUCCEEDED')
        expect(quorumReached(figures(dao(t(0n, q, 0n, 0n))))).toBe(true)
        expect(expectAgree(dao(t(0n, q - 1n, 0n, 0n)))).toBe('DEFEATED')
        expect(quorumReached(figures(dao(t(0n, q - 1n, 0n, 0n))))).toBe(false)
        // abstain and veto count toward the quorum
        expect(expectAgree(dao(t(0n, 1n, q - 1n, 0n)))).toBe('SUCCEEDED')
    })

    it('exact veto share vetoes, one wei less does not', () => {
        // veto * 10000 >= cast * 3340 with cast = 10 000 units
        expect(expectAgree(dao(t(0n, 6660n, 0n, 3340n), 10_000n))).toBe('VETOED')
        expect(vetoRatio(figures(dao(t(0n, 6660n, 0n, 3340n), 10_000n)))).toEqual({bps: 3340, decimal: '0.334000'})
        expect(expectAgree(dao(t(0n, 6661n, 0n, 3339n), 10_000n))).toBe('SUCCEEDED')
        expect(vetoReached(figures(dao(t(0n, 6661n, 0n, 3339n), 10_000n)))).toBe(false)
    })

    it('ties are defeated (threshold is strict), veto counts against, abstain does not', () => {
        expect(expectAgree(dao(t(5000n, 5000n, 0n, 0n), 10_000n))).toBe('DEFEATED')
        expect(thresholdReached(figures(dao(t(5000n, 5000n, 0n, 0n), 10_000n)))).toBe(false)
        expect(expectAgree(dao(t(4999n, 5001n, 0n, 0n), 10_000n))).toBe('SUCCEEDED')
        expect(expectAgree(dao(t(3n, 6n, 0n, 3n), 12n))).toBe('DEFEATED')
        expect(expectAgree(dao(t(3n, 6n, 100n, 0n), 109n))).toBe('SUCCEEDED')
        expect(expectAgree(dao(t(0n, 0n, 10_000n, 0n), 10_000n))).toBe('DEFEATED')
    })

    it('no votes: defeated by quorum; turnout 0', () => {
        const c = dao(t(0n, 0n, 0n, 0n))
        expect(expectAgree(c)).toBe('DEFEATED')
        expect(turnout(figures(c))).toEqual({bps: 0, decimal: '0.000000'})
        expect(vetoRatio(figures(c))).toBeNull() // nothing cast: no base
    })

    it('veto > 0 is needed even when vetoBps lets 0 pass', () => {
        expect(expectAgree(dao(t(0n, 5n, 0n, 0n), 5n, {...DEFAULT_PARAMS, vetoBps: 1n}))).toBe('SUCCEEDED')
    })
})

describe('COUNCIL outcome: every branch and boundary agrees with the model', () => {
    it('council of one: its YES passes, NO or silence defeats; one approval required', () => {
        expect(expectAgree(council(t(0n, 1n, 0n, 0n), 1))).toBe('SUCCEEDED')
        expect(expectAgree(council(t(1n, 0n, 0n, 0n), 1))).toBe('DEFEATED')
        expect(expectAgree(council(t(0n, 0n, 0n, 0n), 1))).toBe('DEFEATED')
        expect(councilApprovals(figures(council(t(0n, 1n, 0n, 0n), 1)))).toMatchObject({required: 1n, reached: true, share: {bps: 10_000}})
    })

    it('approval boundary and ties', () => {
        expect(expectAgree(council(t(0n, 2n, 0n, 0n), 4))).toBe('SUCCEEDED') // 20000 >= 20000
        expect(expectAgree(council(t(2n, 2n, 0n, 0n), 4))).toBe('DEFEATED') // tie
        expect(expectAgree(council(t(0n, 1n, 0n, 0n), 3))).toBe('DEFEATED') // 10000 < 15000
        expect(councilApprovals(figures(council(t(0n, 1n, 0n, 0n), 3)))!.required).toBe(2n)
        expect(expectAgree(council(t(0n, 3n, 0n, 0n), 5, SUPPLY, {...DEFAULT_PARAMS, councilApprovalBps: 6000n}))).toBe('SUCCEEDED')
        expect(expectAgree(council(t(0n, 2n, 0n, 0n), 5, SUPPLY, {...DEFAULT_PARAMS, councilApprovalBps: 6000n}))).toBe('DEFEATED')
    })

    it('veto is against the total supply: exact share vetoes, one wei less does not', () => {
        const v = (SUPPLY * 3340n) / 10_000n
        expect(expectAgree(council(t(0n, 3n, 0n, v), 3))).toBe('VETOED')
        expect(vetoRatio(figures(council(t(0n, 3n, 0n, v), 3)))!.bps).toBe(3340)
        expect(expectAgree(council(t(0n, 3n, 0n, v - 1n), 3))).toBe('SUCCEEDED')
        expect(expectAgree(council(t(0n, 0n, 0n, v - 1n), 3))).toBe('DEFEATED')
        // turnout on COUNCIL counts token votes only (the vetoes)
        expect(castVotes({track: 'COUNCIL', ...t(1n, 2n, 0n, v)})).toBe(v)
        expect(quorumReached(figures(council(t(0n, 3n, 0n, v), 3)))).toBeNull()
        expect(thresholdReached(figures(council(t(0n, 3n, 0n, v), 3)))).toBeNull()
    })
})

describe('state over time, cancel at each stage', () => {
    const timeline = {snapshotBlock: 11, voteEndBlock: 31}
    const facts = (canceled: boolean, executed: boolean, c: Case) => ({
        track: c.track === 'DAO' ? Track.DAO : Track.COUNCIL,
        params: c.params,
        councilSize: BigInt(c.councilSize),
        snapshotBlock: 11n,
        voteEndBlock: 31n,
        tally: c.tally,
        totalSupply: c.supply,
        canceled,
        executed,
    })
    const passing = dao(t(0n, SUPPLY / 2n, 0n, 0n))

    it('PENDING up to the snapshot, ACTIVE to the vote end, then the outcome', () => {
        for (let n = 9; n <= 34; n++) {
            const mine = proposalState({...timeline, canceled: false, executed: false}, n, () => indexerOutcome(passing))
            expect(mine).toBe(NAMES[modelStateAt(facts(false, false, passing), BigInt(n))])
        }
        expect(proposalState({...timeline, canceled: false, executed: false}, 11, () => 'SUCCEEDED')).toBe('PENDING')
        expect(proposalState({...timeline, canceled: false, executed: false}, 12, () => 'SUCCEEDED')).toBe('ACTIVE')
        expect(proposalState({...timeline, canceled: false, executed: false}, 31, () => 'SUCCEEDED')).toBe('ACTIVE')
        expect(proposalState({...timeline, canceled: false, executed: false}, 32, () => 'SUCCEEDED')).toBe('SUCCEEDED')
    })

    it('canceled while PENDING or while ACTIVE stays CANCELED whatever the tally; canceled proposals are not decided', () => {
        const m = new GovernorModel(new VotesModel(() => SUPPLY / 4n, SUPPLY), ['0xc1'])
        const pending = m.propose(Track.DAO, '0xa1', 100n)
        m.cancel(pending.id, '0xa1', 100n) // PENDING at creation
        const active = m.propose(Track.DAO, '0xa1', 100n)
        m.castVote(active.id, '0xa2', Support.YES, active.voteStartBlock)
        m.castVote(active.id, '0xa3', Support.YES, active.voteStartBlock)
        m.cancel(active.id, '0xa1', active.voteEndBlock) // last ACTIVE block
        expect(m.cancelError(active.id, '0xa1', active.voteEndBlock + 1n)).toBeDefined()
        for (const p of [pending, active]) {
            for (const n of [p.snapshotBlock, p.voteEndBlock, p.voteEndBlock + 100n]) {
                const mine = proposalState({snapshotBlock: Number(p.snapshotBlock), voteEndBlock: Number(p.voteEndBlock), canceled: true, executed: false}, Number(n), () => 'SUCCEEDED')
                expect(mine).toBe(NAMES[m.stateAt(p.id, n)])
                expect(mine).toBe('CANCELED')
            }
        }
        expect(decidedOutcome({state: 'CANCELED', outcome: null})).toBeNull()
        const stats = trackStats([figures(passing, {state: 'CANCELED'}), figures(passing, {state: 'SUCCEEDED', outcome: 'SUCCEEDED'})])
        expect(stats).toMatchObject({proposals: 2, decided: 1, succeeded: 1, passRate: {bps: 10_000}})
        expect(stats.byState.CANCELED).toBe(1)
    })

    it('EXECUTED counts as passed, with its time to execution', () => {
        const f = figures(passing, {state: 'EXECUTED', outcome: 'SUCCEEDED', executedAtBlock: 40, executedAt: new Date(360_000)})
        expect(timeToExecution(f)).toEqual({blocks: 30, seconds: 360, blocksAfterVoteEnd: 9})
        expect(trackStats([f])).toMatchObject({decided: 1, succeeded: 1, executed: 1, averageBlocksToExecution: 30, averageSecondsToExecution: 360})
    })
})

// ------------------------------------------------------------------------------------------------
// Random inputs

const bps = fc.integer({min: 1, max: 10_000}).map(BigInt)
const paramsArb = fc.record({quorumBps: bps, thresholdBps: bps, vetoBps: bps, councilApprovalBps: bps})
const wei = fc.bigInt({min: 0n, max: 10n ** 24n})

/** Tallies that sit on, or one unit off, the quorum and veto boundaries as often as away from them. */
const daoCase: fc.Arbitrary<Case> = fc
    .record({
        supply: fc.bigInt({min: 1n, max: 10n ** 27n}),
        params: fc.oneof(fc.constant(DEFAULT_PARAMS), paramsArb),
        split: fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100)),
        nudge: fc.constantFrom(-1n, 0n, 1n),
        onBoundary: fc.boolean(),
        free: fc.tuple(wei, wei, wei, wei),
    })
    .map(({supply, params, split, nudge, onBoundary, free}) => {
        let tally: Tally
        if (onBoundary) {
            // cast = the quorum boundary (+-1), shared out by `split`
            let cast = (supply * params.quorumBps + 9_999n) / 10_000n + nudge
            if (cast < 0n) cast = 0n
            const w = split.map(BigInt)
            const sum = w.reduce((a, b) => a + b, 0n) || 1n
            const parts = w.map((x) => (cast * x) / sum)
            parts[1] += cast - parts.reduce((a, b) => a + b, 0n)
            tally = {no: parts[0], yes: parts[1], abstain: parts[2], veto: parts[3]}
            // and the veto on its boundary half of the time
            if (split[0] % 2 === 0) {
                const veto = (cast * params.vetoBps + 9_999n) / 10_000n + nudge
                if (veto >= 0n && veto <= cast) tally = {no: 0n, yes: cast - veto, abstain: 0n, veto}
            }
        } else tally = {no: free[0], yes: free[1], abstain: free[2], veto: free[3]}
        return {track: 'DAO' as const, tally, supply, councilSize: 3, params}
    })

const councilCase: fc.Arbitrary<Case> = fc
    .record({
        size: fc.integer({min: 1, max: 9}),
        yes: fc.nat(9),
        no: fc.nat(9),
        supply: fc.bigInt({min: 1n, max: 10n ** 27n}),
        params: fc.oneof(fc.constant(DEFAULT_PARAMS), paramsArb),
        vetoMode: fc.constantFrom('none', 'boundary', 'free'),
        nudge: fc.constantFrom(-1n, 0n, 1n),
        vetoFree: wei,
    })
    .map(({size, yes, no, supply, params, vetoMode, nudge, vetoFree}) => {
        const y = Math.min(yes, size)
        const n = Math.min(no, size - y)
        let veto = 0n
        if (vetoMode === 'free') veto = vetoFree
        if (vetoMode === 'boundary') veto = (supply * params.vetoBps + 9_999n) / 10_000n + nudge
        if (veto < 0n) veto = 0n
        return {track: 'COUNCIL' as const, tally: {no: BigInt(n), yes: BigInt(y), abstain: 0n, veto}, supply, councilSize: size, params}
    })

describe('random tallies (fast-check)', () => {
    it('DAO: proposalOutcome and the explained figures equal the model', () => {
        fc.assert(fc.property(daoCase, (c) => void expectAgree(c)), {numRuns: RUNS * 3})
    })

    it('COUNCIL: proposalOutcome and the explained figures equal the model', () => {
        fc.assert(fc.property(councilCase, (c) => void expectAgree(c)), {numRuns: RUNS * 3})
    })

    it('turnout, veto ratio and council share are exact floors', () => {
        fc.assert(
            fc.property(fc.oneof(daoCase, councilCase), (c) => {
                const f = figures(c)
                const cast = c.track === 'DAO' ? c.tally.no + c.tally.yes + c.tally.abstain + c.tally.veto : c.tally.veto
                fc.pre(cast <= c.supply) // on chain, votes at the snapshot never exceed the supply
                expect(turnout(f)!.bps).toBe(Number((cast * 10_000n) / c.supply))
                const base = c.track === 'DAO' ? cast : c.supply
                expect(vetoRatio(f)?.bps ?? null).toBe(base === 0n ? null : Number((c.tally.veto * 10_000n) / base))
                if (c.track === 'COUNCIL') {
                    const ca = councilApprovals(f)!
                    // `required` is the least YES count meeting the share rule
                    expect(ca.required * 10_000n >= BigInt(c.councilSize) * c.params.councilApprovalBps).toBe(true)
                    expect(ca.required === 1n || (ca.required - 1n) * 10_000n < BigInt(c.councilSize) * c.params.councilApprovalBps).toBe(true)
                }
            }),
            {numRuns: RUNS},
        )
    })
})

// ------------------------------------------------------------------------------------------------
// Random governance histories: the model runs them; an "indexer" sees only the events.

interface Indexed {
    id: bigint
    track: 'COUNCIL' | 'DAO'
    snapshotBlock: number
    voteEndBlock: number
    createdAtBlock: number
    tally: Tally
    canceledAt?: number
    executedAt?: number
    supply: bigint
    params: OutcomeParams
    councilSize: number
}

const historyArb = fc.record({
    council: fc.integer({min: 1, max: 5}),
    holders: fc.array(fc.bigInt({min: 0n, max: 10n ** 24n}), {minLength: 3, maxLength: 8}),
    proposals: fc.array(
        fc.record({
            track: fc.constantFrom('COUNCIL', 'DAO'),
            at: fc.integer({min: 0, max: 40}),
            votes: fc.array(fc.record({who: fc.nat(12), support: fc.nat(3), delay: fc.nat(25)}), {maxLength: 10}),
            cancel: fc.constantFrom('never', 'pending', 'active'),
            execute: fc.boolean(),
        }),
        {minLength: 1, maxLength: 6},
    ),
})

describe('random governance histories against the stateful model', () => {
    it('indexed state at every block, and the track stats, equal the model', () => {
        const seen = new Set<string>()
        fc.assert(
            fc.property(historyArb, (h) => {
                const holders = h.holders.map((_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`)
                const members = Array.from({length: h.council}, (_, i) => `0xc${i.toString(16).padStart(39, '0')}`)
                const supply = h.holders.reduce((a, b) => a + b, 0n) + 10n ** 21n
                const votes = new VotesModel((a) => h.holders[holders.indexOf(a)] ?? 10n ** 21n, supply)
                const m = new GovernorModel(votes, members)
                const indexed: Indexed[] = []
                for (const spec of h.proposals) {
                    const at = BigInt(100 + spec.at)
                    const track = spec.track === 'DAO' ? Track.DAO : Track.COUNCIL
                    const proposer = track === Track.DAO ? '0xd0' : members[0]
                    const p = m.propose(track, proposer, at)
                    const ix: Indexed = {
                        id: p.id,
                        track: spec.track as 'COUNCIL' | 'DAO',
                        snapshotBlock: Number(p.snapshotBlock),
                        voteEndBlock: Number(p.voteEndBlock),
                        createdAtBlock: Number(at),
                        tally: {no: 0n, yes: 0n, abstain: 0n, veto: 0n},
                        supply,
                        params: p.params,
                        councilSize: Number(p.councilSize),
                    }
                    indexed.push(ix)
                    if (spec.cancel === 'pending') {
                        m.cancel(p.id, proposer, at)
                        ix.canceledAt = Number(at)
                        continue
                    }
                    const ordered = [...spec.votes].sort((a, b) => a.delay - b.delay)
                    for (const v of ordered) {
                        const block = p.voteStartBlock + BigInt(v.delay)
                        const voter = v.who < members.length + 1 && track === Track.COUNCIL ? members[v.who % members.length] : holders[v.who % holders.length]
                        if (m.voteError(p.id, voter, v.support, block)) continue // the chain would revert: no event
                        const {weight} = m.castVote(p.id, voter, v.support, block)
                        const key = (['no', 'yes', 'abstain', 'veto'] as const)[v.support]
                        ix.tally[key] += weight
                    }
                    if (spec.cancel === 'active') {
                        m.cancel(p.id, proposer, p.voteEndBlock)
                        ix.canceledAt = Number(p.voteEndBlock)
                    } else if (spec.execute && !m.executeError(p.id, p.voteEndBlock + 1n)) {
                        m.execute(p.id, p.voteEndBlock + 1n)
                        ix.executedAt = Number(p.voteEndBlock) + 1
                    }
                }
                const last = Math.max(...indexed.map((p) => p.voteEndBlock)) + 2
                for (const ix of indexed) {
                    for (let n = ix.createdAtBlock; n <= last; n++) {
                        const canceled = ix.canceledAt != null && ix.canceledAt <= n
                        const executed = ix.executedAt != null && ix.executedAt <= n
                        const rules = {track: ix.track, ...numParams(ix.params), councilSize: ix.councilSize, totalSupply: ix.supply}
                        const mine = proposalState({snapshotBlock: ix.snapshotBlock, voteEndBlock: ix.voteEndBlock, canceled, executed}, n, () => proposalOutcome(ix.tally, rules))
                        expect(mine, `proposal ${ix.id} at block ${n}`).toBe(NAMES[m.historicalStateAt(ix.id, BigInt(n))])
                    }
                    const p = m.proposal(ix.id)
                    expect(ix.tally).toEqual(p.tally)
                }
                // stats at the end: the indexer's rows vs counts from the model's states
                const rows: ProposalFigures[] = indexed.map((ix) => {
                    const state = NAMES[m.stateAt(ix.id, BigInt(last))] as StateName
                    return {
                        ...ix.tally,
                        track: ix.track,
                        ...numParams(ix.params),
                        councilSize: ix.councilSize,
                        totalSupplyAtSnapshot: ix.supply,
                        state,
                        outcome: state === 'EXECUTED' ? 'SUCCEEDED' : state === 'DEFEATED' || state === 'VETOED' || state === 'SUCCEEDED' ? state : null,
                        createdAtBlock: ix.createdAtBlock,
                        createdAt: new Date(ix.createdAtBlock * 12_000),
                        voteEndBlock: ix.voteEndBlock,
                        executedAtBlock: ix.executedAt ?? null,
                        executedAt: ix.executedAt == null ? null : new Date(ix.executedAt * 12_000),
                    }
                })
                const s = trackStats(rows)
                const states = indexed.map((ix) => m.stateAt(ix.id, BigInt(last)))
                for (const [i, x] of states.entries()) seen.add(`${indexed[i].track} ${NAMES[x]}`)
                const isDecided = (x: S) => x === S.DEFEATED || x === S.VETOED || x === S.SUCCEEDED || x === S.EXECUTED
                const decided = states.filter(isDecided)
                const passed = decided.filter((x) => x === S.SUCCEEDED || x === S.EXECUTED).length
                const vetoed = decided.filter((x) => x === S.VETOED).length
                expect(s.decided).toBe(decided.length)
                expect(s.succeeded).toBe(passed)
                expect(s.vetoed).toBe(vetoed)
                expect(s.passRate?.bps ?? null).toBe(decided.length ? Math.floor((passed * 10_000) / decided.length) : null)
                expect(s.vetoRate?.bps ?? null).toBe(decided.length ? Math.floor((vetoed * 10_000) / decided.length) : null)
                const turnouts = indexed
                    .filter((_, i) => isDecided(states[i]))
                    .map((ix) => ((ix.track === 'DAO' ? ix.tally.no + ix.tally.yes + ix.tally.abstain + ix.tally.veto : ix.tally.veto) * 10n ** 18n) / ix.supply)
                const avg = turnouts.length ? turnouts.reduce((a, b) => a + b, 0n) / BigInt(turnouts.length) : null
                expect(s.averageTurnout?.bps ?? null).toBe(avg == null ? null : Number((avg * 10_000n) / 10n ** 18n))
            }),
            // A fixed seed: the coverage check below is about the generator, and a random seed
            // sometimes misses one outcome (seen: COUNCIL SUCCEEDED in one CI-like run).
            {numRuns: RUNS, seed: Number(process.env.FC_SEED ?? 20261203)},
        )
        // the histories reach every final state on both tracks
        for (const track of ['DAO', 'COUNCIL']) for (const st of ['CANCELED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED']) expect(seen).toContain(`${track} ${st}`)
    })
})

function numParams(p: OutcomeParams) {
    return {quorumBps: Number(p.quorumBps), thresholdBps: Number(p.thresholdBps), vetoBps: Number(p.vetoBps), councilApprovalBps: Number(p.councilApprovalBps)}
}
