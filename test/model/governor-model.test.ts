import {describe, expect, it} from 'vitest'
import {
    councilOutcome,
    daoOutcome,
    DEFAULT_PARAMS,
    GovernorModel,
    GovernorModelError,
    proposalBlocks,
    ProposalState as S,
    stateAt,
    Support,
    Track,
    VotesModel,
    type ProposalFacts,
    type Tally,
} from './governor-model'

const P = DEFAULT_PARAMS
const t = (no: bigint, yes: bigint, abstain: bigint, veto: bigint): Tally => ({no, yes, abstain, veto})
const SUPPLY = 10n ** 27n

describe('governor model: DAO outcome', () => {
    it('quorum boundary: cast * 10000 < total * quorumBps is DEFEATED, equality passes', () => {
        expect(daoOutcome(t(0n, 3340n, 0n, 0n), 10_000n, P)).toBe(S.SUCCEEDED)
        expect(daoOutcome(t(0n, 3339n, 0n, 0n), 10_000n, P)).toBe(S.DEFEATED)
        const q = (SUPPLY * 3340n) / 10_000n
        expect(daoOutcome(t(0n, q, 0n, 0n), SUPPLY, P)).toBe(S.SUCCEEDED)
        expect(daoOutcome(t(0n, q - 1n, 0n, 0n), SUPPLY, P)).toBe(S.DEFEATED)
        // abstain and veto count toward quorum
        expect(daoOutcome(t(0n, 1n, 3339n, 0n), 10_000n, P)).toBe(S.SUCCEEDED)
    })

    it('veto boundary: veto * 10000 >= cast * vetoBps', () => {
        expect(daoOutcome(t(0n, 6660n, 0n, 3340n), 10_000n, P)).toBe(S.VETOED)
        expect(daoOutcome(t(0n, 6661n, 0n, 3339n), 10_000n, P)).toBe(S.SUCCEEDED)
        // veto dominates a large yes
        expect(daoOutcome(t(0n, 2n, 0n, 1n), 3n, P)).toBe(S.SUCCEEDED) // 10000 < 3 * 3340 = 10020
        expect(daoOutcome(t(0n, 1n, 0n, 1n), 2n, P)).toBe(S.VETOED)
    })

    it('veto needs veto > 0 even when vetoBps would let 0 pass', () => {
        expect(daoOutcome(t(0n, 5n, 0n, 0n), 5n, {...P, vetoBps: 1n})).toBe(S.SUCCEEDED)
    })

    it('threshold: ties defeat, veto counts in the denominator, abstain does not', () => {
        expect(daoOutcome(t(5000n, 5000n, 0n, 0n), 10_000n, P)).toBe(S.DEFEATED)
        expect(daoOutcome(t(4999n, 5001n, 0n, 0n), 10_000n, P)).toBe(S.SUCCEEDED)
        expect(daoOutcome(t(3n, 6n, 0n, 3n), 12n, P)).toBe(S.DEFEATED) // 6 * 10000 == 12 * 5000
        expect(daoOutcome(t(3n, 6n, 100n, 0n), 109n, P)).toBe(S.SUCCEEDED)
        expect(daoOutcome(t(0n, 0n, 10_000n, 0n), 10_000n, P)).toBe(S.DEFEATED) // all abstain
    })

    it('no votes at all is DEFEATED (quorum)', () => {
        expect(daoOutcome(t(0n, 0n, 0n, 0n), SUPPLY, P)).toBe(S.DEFEATED)
    })
})

describe('governor model: COUNCIL outcome', () => {
    it('council of one: one YES passes, nothing defeats', () => {
        expect(councilOutcome(t(0n, 1n, 0n, 0n), SUPPLY, 1n, P)).toBe(S.SUCCEEDED)
        expect(councilOutcome(t(0n, 0n, 0n, 0n), SUPPLY, 1n, P)).toBe(S.DEFEATED)
        expect(councilOutcome(t(1n, 0n, 0n, 0n), SUPPLY, 1n, P)).toBe(S.DEFEATED)
    })

    it('approval boundary yes * 10000 >= size * councilApprovalBps and yes > no', () => {
        expect(councilOutcome(t(0n, 2n, 0n, 0n), SUPPLY, 4n, P)).toBe(S.SUCCEEDED) // 20000 >= 20000
        expect(councilOutcome(t(2n, 2n, 0n, 0n), SUPPLY, 4n, P)).toBe(S.DEFEATED) // tie
        expect(councilOutcome(t(1n, 2n, 0n, 0n), SUPPLY, 4n, P)).toBe(S.SUCCEEDED)
        expect(councilOutcome(t(0n, 1n, 0n, 0n), SUPPLY, 3n, P)).toBe(S.DEFEATED) // 10000 < 15000
        expect(councilOutcome(t(1n, 2n, 0n, 0n), SUPPLY, 3n, P)).toBe(S.SUCCEEDED)
        expect(councilOutcome(t(0n, 3n, 0n, 0n), SUPPLY, 5n, {...P, councilApprovalBps: 6000n})).toBe(S.SUCCEEDED)
        expect(councilOutcome(t(0n, 2n, 0n, 0n), SUPPLY, 5n, {...P, councilApprovalBps: 6000n})).toBe(S.DEFEATED)
    })

    it('veto boundary is against the total supply', () => {
        const v = (SUPPLY * 3340n) / 10_000n
        expect(councilOutcome(t(0n, 3n, 0n, v), SUPPLY, 3n, P)).toBe(S.VETOED)
        expect(councilOutcome(t(0n, 3n, 0n, v - 1n), SUPPLY, 3n, P)).toBe(S.SUCCEEDED)
        expect(councilOutcome(t(0n, 0n, 0n, v - 1n), SUPPLY, 3n, P)).toBe(S.DEFEATED)
    })
})

describe('governor model: state machine', () => {
    const facts = (over: Partial<ProposalFacts> = {}): ProposalFacts => ({
        track: Track.DAO,
        params: P,
        councilSize: 3n,
        ...proposalBlocks(100n, P),
        tally: t(0n, SUPPLY / 2n, 0n, 0n),
        totalSupply: SUPPLY,
        canceled: false,
        executed: false,
        ...over,
    })

    it('blocks: created b -> snapshot b + delay, start snapshot + 1, end snapshot + period', () => {
        expect(proposalBlocks(100n, P)).toEqual({snapshotBlock: 101n, voteStartBlock: 102n, voteEndBlock: 121n})
        expect(proposalBlocks(7n, {votingDelay: 0n, votingPeriod: 1n})).toEqual({snapshotBlock: 7n, voteStartBlock: 8n, voteEndBlock: 8n})
    })

    it('PENDING through snapshot, ACTIVE through voteEnd, then the outcome', () => {
        const f = facts()
        expect(stateAt(f, 100n)).toBe(S.PENDING)
        expect(stateAt(f, 101n)).toBe(S.PENDING)
        expect(stateAt(f, 102n)).toBe(S.ACTIVE)
        expect(stateAt(f, 121n)).toBe(S.ACTIVE)
        expect(stateAt(f, 122n)).toBe(S.SUCCEEDED)
        expect(stateAt(facts({canceled: true}), 122n)).toBe(S.CANCELED)
        expect(stateAt(facts({canceled: true}), 100n)).toBe(S.CANCELED)
        expect(stateAt(facts({executed: true}), 200n)).toBe(S.EXECUTED)
    })
})

describe('governor model: stateful rules', () => {
    const A = '0x00000000000000000000000000000000000000aa'
    const B = '0x00000000000000000000000000000000000000bb'
    const C1 = '0x00000000000000000000000000000000000000c1'
    const C2 = '0x00000000000000000000000000000000000000c2'
    const votes = () => new VotesModel((a) => (a === A ? 400n * 10n ** 24n : a === B ? 10n ** 21n : 0n), SUPPLY)

    it('DAO: threshold uses block - 1; weights at the snapshot; one vote each; window inclusive', () => {
        const v = votes()
        const g = new GovernorModel(v, [C1, C2])
        expect(() => g.propose(Track.DAO, C1, 10n)).toThrow(GovernorModelError)
        v.transfer(A, B, 10n ** 21n, 10n) // B has 2000 SAHARA from block 10
        v.transfer(B, A, 15n * 10n ** 20n, 11n) // B has 500 SAHARA from block 11
        expect(g.proposeError(Track.DAO, B, 11n)).toBeUndefined() // uses block 10
        expect(g.proposeError(Track.DAO, B, 12n)).toMatch(/threshold/)
        const p = g.propose(Track.DAO, A, 20n)
        v.transfer(A, B, 10n ** 24n, 22n) // after the snapshot (21): does not count
        expect(() => g.castVote(p.id, A, Support.YES, 21n)).toThrow(/PENDING/)
        expect(g.castVote(p.id, A, Support.YES, 22n).weight).toBe(400n * 10n ** 24n - 10n ** 21n + 15n * 10n ** 20n)
        expect(() => g.castVote(p.id, A, Support.NO, 23n)).toThrow(/already/)
        expect(g.castVote(p.id, C1, Support.ABSTAIN, 41n).weight).toBe(0n) // zero weight accepted
        expect(() => g.castVote(p.id, C2, Support.NO, 42n)).toThrow(/SUCCEEDED/)
        expect(g.stateAt(p.id, 42n)).toBe(S.SUCCEEDED)
        expect(() => g.cancel(p.id, A, 42n)).toThrow()
        g.execute(p.id, 42n)
        expect(g.stateAt(p.id, 43n)).toBe(S.EXECUTED)
        expect(() => g.execute(p.id, 43n)).toThrow()
    })

    it('COUNCIL: members vote YES/NO with weight 1, others only VETO with token weight', () => {
        const g = new GovernorModel(votes(), [C1, C2])
        expect(() => g.propose(Track.COUNCIL, A, 5n)).toThrow(/council/)
        const p = g.propose(Track.COUNCIL, C1, 5n)
        expect(() => g.castVote(p.id, C1, Support.VETO, 7n)).toThrow()
        expect(() => g.castVote(p.id, C1, Support.ABSTAIN, 7n)).toThrow()
        expect(() => g.castVote(p.id, A, Support.YES, 7n)).toThrow()
        expect(g.castVote(p.id, C1, Support.YES, 7n).weight).toBe(1n)
        expect(g.castVote(p.id, A, Support.VETO, 7n).weight).toBe(400n * 10n ** 24n)
        expect(p.tally).toEqual(t(0n, 1n, 0n, 400n * 10n ** 24n))
        expect(g.stateAt(p.id, 27n)).toBe(S.VETOED) // 4e26 >= 3.34e26
    })

    it('council size and params at creation are frozen; membership is checked at vote time', () => {
        const g = new GovernorModel(votes(), [C1])
        const p1 = g.propose(Track.COUNCIL, C1, 5n) // council of 1
        g.addCouncilMember(C2)
        g.setParams({...P, councilApprovalBps: 10_000n})
        const p2 = g.propose(Track.COUNCIL, C1, 6n) // council of 2, needs 100 %
        g.castVote(p1.id, C1, Support.YES, 8n)
        g.castVote(p2.id, C1, Support.YES, 8n)
        expect(g.stateAt(p1.id, 30n)).toBe(S.SUCCEEDED)
        expect(g.stateAt(p2.id, 30n)).toBe(S.DEFEATED)
        g.removeCouncilMember(C1)
        const p3 = g.propose(Track.COUNCIL, C2, 9n)
        expect(() => g.castVote(p3.id, C1, Support.YES, 11n)).toThrow()
        expect(g.castVote(p3.id, C1, Support.VETO, 11n).weight).toBe(0n)
        expect(() => g.setParams({...P, votingPeriod: 0n})).toThrow()
        expect(() => g.setParams({...P, vetoBps: 0n})).toThrow()
        expect(() => g.setParams({...P, quorumBps: 10_001n})).toThrow()
    })

    it('cancel: proposer only, while PENDING or ACTIVE; votes on canceled proposals revert', () => {
        const g = new GovernorModel(votes(), [C1])
        const p = g.propose(Track.DAO, A, 5n)
        expect(() => g.cancel(p.id, B, 6n)).toThrow(/proposer/)
        g.cancel(p.id, A, 6n)
        expect(g.stateAt(p.id, 6n)).toBe(S.CANCELED)
        expect(() => g.castVote(p.id, A, Support.YES, 8n)).toThrow(/CANCELED/)
        expect(() => g.cancel(p.id, A, 8n)).toThrow()
        const q = g.propose(Track.DAO, A, 10n)
        g.cancel(q.id, A, 31n) // last ACTIVE block
        const r = g.propose(Track.DAO, A, 10n)
        expect(() => g.cancel(r.id, A, 32n)).toThrow()
    })
})
