/**
 * DualTrackGovernor handlers and the height-driven proposal states (src/mapping/post/proposals.ts)
 * on real PostgreSQL (test/helpers/batch.ts), against SPEC §8's `state()`.
 */
import {describe, expect, it} from 'vitest'
import {ALICE, BOB, CAROL, DAVE, block, ev, MAX_UINT64, mintTokens, useBatchHarness} from '../../../test/helpers/batch'
import {Account, CouncilChange, ParamChange, Proposal, ProposalState, Protocol, SkippedLog, Support, Track, Vote} from '../../model'

const h = useBatchHarness()
const E18 = 10n ** 18n

/** Block 1: the constructor's events (SPEC defaults, ALICE and BOB on the council) and 1000 SAHARA minted. */
async function deployed() {
    await h.run([
        block(1, [
            ev.GovernanceParamsSet({votingDelay: 1n, votingPeriod: 20n, proposalThreshold: 1000n * E18, quorumBps: 3340, thresholdBps: 5000, vetoBps: 3340, councilApprovalBps: 5000}),
            ev.CouncilMemberAdded({member: ALICE}),
            ev.CouncilMemberAdded({member: BOB}),
            mintTokens(ALICE, 600n),
            mintTokens(BOB, 400n),
        ]),
    ])
}

/** ProposalCreated in block `at`: snapshot at + 1, voting (at + 2 .. at + 21). */
function created(proposalId: number, at: number, track = 1, proposer = ALICE) {
    return ev.ProposalCreated({proposalId, track, proposer, snapshotBlock: at + 1, voteStartBlock: at + 2, voteEndBlock: at + 21, description: `proposal ${proposalId}`})
}

const proposal = async (id = '1') => (await h.get(Proposal, id))!

describe('proposal states with the height', () => {
    it('PENDING, ACTIVE (supply captured after the snapshot block), still ACTIVE at voteEndBlock, then the outcome, then EXECUTED', async () => {
        await deployed()
        await h.run([block(5, [created(1, 5)])])
        expect(await proposal()).toMatchObject({state: ProposalState.PENDING, track: Track.DAO, totalSupplyAtSnapshot: undefined, quorumBps: 3340, councilSize: 2, snapshotBlock: 6n, voteEndBlock: 26n})
        await h.run([block(6, [mintTokens(CAROL, 500n)]), block(7)])
        expect(await proposal()).toMatchObject({state: ProposalState.ACTIVE, totalSupplyAtSnapshot: 1500n})
        await h.run([block(8, [ev.VoteCast({proposalId: 1, voter: ALICE, support: 1, weight: 600n}), ev.VoteCast({proposalId: 1, voter: BOB, support: 0, weight: 100n})]), block(9, [mintTokens(DAVE, 10n ** 6n)])])
        await h.run([block(26)])
        expect(await proposal()).toMatchObject({state: ProposalState.ACTIVE, outcome: null, yes: 600n, no: 100n, voterCount: 2, totalSupplyAtSnapshot: 1500n})
        await h.run([block(27)])
        expect(await proposal()).toMatchObject({state: ProposalState.SUCCEEDED, outcome: ProposalState.SUCCEEDED})
        await h.run([block(28, [ev.ProposalExecuted({proposalId: 1})])])
        expect(await proposal()).toMatchObject({state: ProposalState.EXECUTED, outcome: ProposalState.SUCCEEDED, executed: true, executedAtBlock: 28})
    })

    it('COUNCIL track: a veto of exactly vetoBps of the snapshot supply vetoes, one wei less does not', async () => {
        await deployed()
        await h.run([block(5, [created(1, 5, 0), created(2, 5, 0), mintTokens(CAROL, 500n)])]) // supply 1500 at the snapshot
        const votes = (id: number, veto: bigint) => [
            ev.VoteCast({proposalId: id, voter: ALICE, support: 1, weight: 1n}),
            ev.VoteCast({proposalId: id, voter: BOB, support: 1, weight: 1n}),
            ev.VoteCast({proposalId: id, voter: CAROL, support: 3, weight: veto}),
        ]
        await h.run([block(7, [...votes(1, 501n), ...votes(2, 500n)]), block(27)]) // 501 * 10000 >= 1500 * 3340
        expect([(await proposal('1')).state, (await proposal('2')).state]).toEqual([ProposalState.VETOED, ProposalState.SUCCEEDED])
        expect(await proposal('1')).toMatchObject({yes: 2n, veto: 501n, outcome: ProposalState.VETOED})
    })

    it('proposal blocks near 2^64 (uint64) are stored exactly and keep the proposal PENDING', async () => {
        await deployed()
        await h.run([block(5, [ev.ProposalCreated({proposalId: 1, track: 1, proposer: ALICE, snapshotBlock: MAX_UINT64 - 20n, voteStartBlock: MAX_UINT64 - 19n, voteEndBlock: MAX_UINT64})]), block(6)])
        expect(await proposal()).toMatchObject({state: ProposalState.PENDING, snapshotBlock: MAX_UINT64 - 20n, voteStartBlock: MAX_UINT64 - 19n, voteEndBlock: MAX_UINT64, totalSupplyAtSnapshot: undefined})
    })
})

describe('ProposalCanceled', () => {
    // getPastTotalSupply(snapshot) does not care about cancellation: turnout and quorum of a
    // canceled proposal are defined once the snapshot is reached.
    it('canceled in its snapshot block: CANCELED, and totalSupplyAtSnapshot is the supply after that block', async () => {
        await deployed()
        await h.run([block(5, [created(1, 5)])])
        await h.run([block(6, [mintTokens(CAROL, 500n), ev.ProposalCanceled({proposalId: 1})])])
        await h.run([block(7, [mintTokens(CAROL, 1n)])])
        expect(await proposal()).toMatchObject({state: ProposalState.CANCELED, canceled: true, canceledAtBlock: 6, totalSupplyAtSnapshot: 1500n, outcome: null})
    })

    it('canceled before its snapshot: the supply is captured when a later batch reaches the snapshot', async () => {
        await deployed()
        await h.run([block(5, [created(1, 5), ev.ProposalCanceled({proposalId: 1})])])
        expect(await proposal()).toMatchObject({state: ProposalState.CANCELED, totalSupplyAtSnapshot: undefined})
        await h.run([block(6, [mintTokens(CAROL, 7n)]), block(7, [mintTokens(CAROL, 1n)])])
        expect((await proposal()).totalSupplyAtSnapshot).toBe(1007n)
    })
})

describe('VoteCast', () => {
    it('a zero-weight vote is a vote; a support value outside the SPEC is skipped', async () => {
        await deployed()
        await h.run([block(5, [created(1, 5)])])
        const {stats} = await h.run([block(7, [ev.VoteCast({proposalId: 1, voter: DAVE, support: 2, weight: 0n, reason: 'present'}), ev.VoteCast({proposalId: 1, voter: CAROL, support: 4, weight: 5n})])])
        expect(stats.skippedByKind).toEqual({VoteCast: 1})
        expect((await h.find(Vote, {}, {voter: true})).map((v) => [v.id, v.voter.id, v.support, v.weight, v.reason])).toEqual([[`1-${DAVE}`, DAVE, Support.ABSTAIN, 0n, 'present']])
        expect(await proposal()).toMatchObject({voterCount: 1, abstain: 0n})
        expect((await h.get(Account, DAVE))!.voteCount).toBe(1)
        expect((await h.find(SkippedLog))[0].reason).toBe('Support 4 is out of range')
    })

    // BUG (same class as assets.test.ts's): a ProposalCreated outside the SPEC (track 2) is skipped,
    // but the votes on it then throw `proposal 1 is not known to the indexer`: the batch is rolled
    // back and the processor halts on it, where "skipped, never fatal" is the documented contract.
    it.fails('BUG: an out-of-range ProposalCreated and the votes on it are skipped without failing the batch', async () => {
        await deployed()
        const {stats} = await h.run([block(5, [created(1, 5, 2)]), block(7, [ev.VoteCast({proposalId: 1, voter: ALICE, support: 1, weight: 600n})])])
        expect(stats.skippedByKind.ProposalCreated).toBe(1)
        expect(await h.count(Proposal)).toBe(0)
        expect(await h.count(Vote)).toBe(0)
    })
})

describe('council and parameters', () => {
    it('removing a member shrinks the council for proposals created afterwards only', async () => {
        await deployed()
        await h.run([block(5, [created(1, 5, 0)]), block(6, [ev.CouncilMemberRemoved({member: BOB}), created(2, 6, 0)])])
        expect([(await proposal('1')).councilSize, (await proposal('2')).councilSize]).toEqual([2, 1])
        expect((await h.get(Account, BOB))!.isCouncilMember).toBe(false)
        expect((await h.get(Protocol, 'sahara'))!).toMatchObject({councilSize: 1, proposalCount: 2})
        expect((await h.find(CouncilChange, {}, {member: true})).map((c) => [c.member.id, c.added, c.councilSize])).toEqual([
            [ALICE, true, 1],
            [BOB, true, 2],
            [BOB, false, 1],
        ])
    })

    it('GovernanceParamsSet at the type maxima is stored exactly and applies to later proposals', async () => {
        await deployed()
        await h.run([block(3, [ev.GovernanceParamsSet({votingDelay: MAX_UINT64, votingPeriod: MAX_UINT64, proposalThreshold: 2n ** 256n - 1n, quorumBps: 10000, thresholdBps: 1, vetoBps: 10000, councilApprovalBps: 10000})])])
        await h.run([block(5, [created(1, 5)])])
        expect((await h.get(Protocol, 'sahara'))!).toMatchObject({votingDelay: MAX_UINT64, votingPeriod: MAX_UINT64, proposalThreshold: 2n ** 256n - 1n, quorumBps: 10000})
        expect(await proposal()).toMatchObject({quorumBps: 10000, thresholdBps: 1, vetoBps: 10000, councilApprovalBps: 10000})
        const changes = await h.find(ParamChange)
        expect(changes.map((c) => [c.name, c.votingDelay, c.quorumBps])).toEqual([
            ['governance', 1n, 3340],
            ['governance', MAX_UINT64, 10000],
        ])
    })
})
