import {describe, expect, it} from 'vitest'
import {encodeFunctionData, type Address, type Hex} from 'viem'
import {expectRevert} from './helpers/errors'
import {actionsHash, closeVoting, openVoting, propose, state, STATE, SUPPORT, TRACK, vote, voter, action} from './helpers/governance'
import {E18, theEvent, useProtocol} from './helpers/protocol'

// SPEC §8 DualTrackGovernor: proposals, votes, state() and outcomes. Execution: governor-execute.test.ts
const THRESHOLD = 1000n * E18
const U = 10n ** 22n // total supply = 100 000 U; DAO quorum = 33 400 U; the deployer holds just under 40 000 U

describe('DualTrackGovernor: proposals and votes', () => {
    const P = useProtocol()

    it('emits the default parameters and the initial council at deployment', async () => {
        const logs = await P.client.getLogs({address: P.addr.DualTrackGovernor, fromBlock: 0n, toBlock: 'latest'})
        expect(P.events(logs).map((e) => [e.eventName, e.args])).toEqual([
            ['GovernanceParamsSet', {votingDelay: 1n, votingPeriod: 20n, proposalThreshold: THRESHOLD, quorumBps: 3340, thresholdBps: 5000, vetoBps: 3340, councilApprovalBps: 5000}],
            ...P.council.map((member) => ['CouncilMemberAdded', {member}]),
        ])
        expect(await P.read('DualTrackGovernor', 'params')).toEqual([1n, 20n, THRESHOLD, 3340, 5000, 3340, 5000])
        expect(await P.read('DualTrackGovernor', 'councilSize')).toBe(3n)
        expect(await P.read('DualTrackGovernor', 'isCouncilMember', [P.council[2]])).toBe(true)
        expect(await P.read('DualTrackGovernor', 'isCouncilMember', [P.sim(0)])).toBe(false)
        expect(await P.read('DualTrackGovernor', 'executingProposalId')).toBe(0n)
    })

    describe('propose', () => {
        it('emits ProposalCreated with snapshot = b + 1, start = snapshot + 1, end = snapshot + 20, actionsHash', async () => {
            const actions = [action(P, 'RevenueVault', 'setProtocolFeeBps', [100]), {...action(P, 'Treasury', 'deposit', [0n, 'x']), value: 3n}]
            const p = await propose(P, P.council[0], TRACK.COUNCIL, actions, 'raise fees')
            const b = p.sent.blockNumber
            expect(p.id).toBe(1n)
            expect(theEvent(p.sent, 'ProposalCreated')).toEqual({
                proposalId: 1n, track: TRACK.COUNCIL, proposer: P.council[0], snapshotBlock: b + 1n, voteStartBlock: b + 2n,
                voteEndBlock: b + 21n, actionsHash: actionsHash(actions), description: 'raise fees',
            })
            expect(await P.read('DualTrackGovernor', 'proposalInfo', [1n])).toEqual([P.council[0], TRACK.COUNCIL, b + 1n, b + 21n, 3n])
            const q = await propose(P, P.sim(0), TRACK.DAO, [], '')
            expect(q.id).toBe(2n)
            expect(theEvent(q.sent, 'ProposalCreated')).toMatchObject({track: TRACK.DAO, proposer: P.sim(0), actionsHash: actionsHash([])})
            expect(await P.read('DualTrackGovernor', 'proposalCount')).toBe(2n)
        })

        it('COUNCIL track: only council members propose', async () => {
            await expectRevert(propose(P, P.sim(0), TRACK.COUNCIL), 'GovernorNotCouncilMember', [P.sim(0)])
        })

        it('DAO track: getPastVotes(proposer, block - 1) >= proposalThreshold', async () => {
            const nobody = P.fresh('nobody')
            await expectRevert(propose(P, nobody, TRACK.DAO), 'GovernorBelowProposalThreshold', [nobody, 0n, THRESHOLD])
            await expectRevert(propose(P, P.council[0], TRACK.DAO), 'GovernorBelowProposalThreshold', [P.council[0], 0n, THRESHOLD])
            const almost = await voter(P, 'almost', THRESHOLD - 1n)
            await expectRevert(propose(P, almost, TRACK.DAO), 'GovernorBelowProposalThreshold', [almost, THRESHOLD - 1n, THRESHOLD])
            const exactly = await voter(P, 'exactly', THRESHOLD)
            await propose(P, exactly, TRACK.DAO) // delegated one block earlier: counts
        })

        it('DAO track: votes acquired in the proposal block itself do not count', async () => {
            const late = P.fresh('late')
            const token = P.addr.SaharaToken
            const tx = (from: Address, to: Address, data: Hex) => P.rpc<Hex>('eth_sendTransaction', [{from, to, data, gas: '0xe4e1c0', gasPrice: '0x0'}])
            const enc = (name: 'SaharaToken' | 'DualTrackGovernor', fn: string, args: unknown[]) => encodeFunctionData({abi: P.abi[name], functionName: fn, args} as any)
            await P.rpc('evm_setAutomine', [false])
            let hashes: Hex[]
            try {
                hashes = [
                    await tx(P.deployer, token, enc('SaharaToken', 'transfer', [late, 10n * THRESHOLD])),
                    await tx(late, token, enc('SaharaToken', 'delegate', [late])),
                    await tx(late, P.addr.DualTrackGovernor, enc('DualTrackGovernor', 'propose', [TRACK.DAO, [], [], [], 'same block'])),
                ]
                await P.rpc('evm_mine')
            } finally {
                await P.rpc('evm_setAutomine', [true])
            }
            const statuses = await Promise.all(hashes.map(async (hash) => (await P.client.getTransactionReceipt({hash})).status))
            expect(statuses).toEqual(['success', 'success', 'reverted'])
            await propose(P, late, TRACK.DAO) // one block later the checkpoint is in the past
        })

        it('rejects an unknown track and action arrays of different lengths', async () => {
            await expectRevert(P.send(P.sim(0), 'DualTrackGovernor', 'propose', [2, [], [], [], 'x']), 'GovernorInvalidTrack', [2])
            await expectRevert(
                P.send(P.sim(0), 'DualTrackGovernor', 'propose', [TRACK.DAO, [P.addr.Treasury], [], ['0x'], 'x']),
                'GovernorInvalidActions', [1n, 0n, 1n],
            )
            await expectRevert(
                P.send(P.council[0], 'DualTrackGovernor', 'propose', [TRACK.COUNCIL, [P.addr.Treasury], [0n], [], 'x']),
                'GovernorInvalidActions', [1n, 1n, 0n],
            )
        })

        it('unknown proposal ids revert', async () => {
            for (const fn of ['state', 'tally', 'proposalInfo']) {
                await expectRevert(P.read('DualTrackGovernor', fn, [1n]), 'GovernorUnknownProposal', [1n])
            }
            await expectRevert(vote(P, 1n, P.sim(0), SUPPORT.YES), 'GovernorUnknownProposal', [1n])
            await expectRevert(P.send(P.sim(0), 'DualTrackGovernor', 'execute', [1n]), 'GovernorUnknownProposal', [1n])
            await expectRevert(P.send(P.sim(0), 'DualTrackGovernor', 'cancel', [1n]), 'GovernorUnknownProposal', [1n])
        })
    })

    it('state(): PENDING while n <= snapshot, ACTIVE while n <= voteEnd; votes only in [start, end]', async () => {
        const p = await propose(P, P.sim(0), TRACK.DAO)
        const b = p.sent.blockNumber
        // The head is b: the next transaction lands in the snapshot block.
        await expectRevert(vote(P, p.id, P.sim(1), SUPPORT.YES), 'GovernorUnexpectedState', [p.id, STATE.PENDING])
        await openVoting(P, p)
        const first = await vote(P, p.id, P.sim(1), SUPPORT.YES)
        expect(first.blockNumber).toBe(p.voteStartBlock)
        await P.mineTo(p.voteEndBlock - 1n)
        const last = await vote(P, p.id, P.sim(2), SUPPORT.NO)
        expect(last.blockNumber).toBe(p.voteEndBlock)
        await expectRevert(vote(P, p.id, P.sim(3), SUPPORT.YES), 'GovernorUnexpectedState', [p.id, STATE.DEFEATED])
        await P.mine()
        const at = async (n: bigint) => state(P, p.id, n)
        expect([await at(b), await at(b + 1n), await at(b + 2n), await at(p.voteEndBlock), await at(p.voteEndBlock + 1n)]).toEqual([
            STATE.PENDING, STATE.PENDING, STATE.ACTIVE, STATE.ACTIVE, STATE.DEFEATED,
        ])
    })

    describe('castVote', () => {
        it('DAO track: any support, weight = getPastVotes(voter, snapshot), one vote per voter', async () => {
            const p = await propose(P, P.sim(0), TRACK.DAO)
            // Tokens moved after the snapshot change nothing.
            await openVoting(P, p)
            const w3: bigint = await P.read('SaharaToken', 'getVotes', [P.sim(3)])
            await P.send(P.sim(3), 'SaharaToken', 'transfer', [P.sim(4), w3 / 2n])
            expect(await P.read('SaharaToken', 'getPastVotes', [P.sim(3), p.snapshotBlock])).toBe(w3)
            const weights: bigint[] = []
            for (const [i, support] of [[1, SUPPORT.NO], [2, SUPPORT.YES], [3, SUPPORT.ABSTAIN], [4, SUPPORT.VETO]] as const) {
                const s = await vote(P, p.id, P.sim(i), support, `reason ${i}`)
                const w: bigint = await P.read('SaharaToken', 'getPastVotes', [P.sim(i), p.snapshotBlock])
                expect(theEvent(s, 'VoteCast')).toEqual({proposalId: p.id, voter: P.sim(i), support, weight: w, reason: `reason ${i}`})
                expect(w > 0n).toBe(true)
                weights.push(w)
            }
            expect(weights[2]).toBe(w3)
            expect(await P.read('DualTrackGovernor', 'tally', [p.id])).toEqual(weights)
            expect(await P.read('DualTrackGovernor', 'hasVoted', [p.id, P.sim(1)])).toBe(true)
            await expectRevert(vote(P, p.id, P.sim(1), SUPPORT.YES), 'GovernorAlreadyVoted', [p.id, P.sim(1)])
            await expectRevert(vote(P, p.id, P.sim(5), 4), 'GovernorInvalidSupport', [p.id, P.sim(5), 4])
        })

        it('zero-weight votes are accepted and emitted (DAO: council member without tokens, fresh address)', async () => {
            const p = await propose(P, P.sim(0), TRACK.DAO)
            await openVoting(P, p)
            const s1 = await vote(P, p.id, P.council[0], SUPPORT.YES, 'no tokens')
            expect(theEvent(s1, 'VoteCast')).toEqual({proposalId: p.id, voter: P.council[0], support: SUPPORT.YES, weight: 0n, reason: 'no tokens'})
            const s2 = await vote(P, p.id, P.fresh('zero'), SUPPORT.VETO)
            expect(theEvent(s2, 'VoteCast').weight).toBe(0n)
            expect(await P.read('DualTrackGovernor', 'tally', [p.id])).toEqual([0n, 0n, 0n, 0n])
            await expectRevert(vote(P, p.id, P.fresh('zero'), SUPPORT.NO), 'GovernorAlreadyVoted', [p.id, P.fresh('zero')])
        })

        it('COUNCIL track: members vote YES/NO with weight 1; others only VETO with token weight', async () => {
            const p = await propose(P, P.council[0], TRACK.COUNCIL)
            await openVoting(P, p)
            const [m0, m1, m2] = P.council
            const s = await vote(P, p.id, m0, SUPPORT.YES, 'aye')
            expect(theEvent(s, 'VoteCast')).toEqual({proposalId: p.id, voter: m0, support: SUPPORT.YES, weight: 1n, reason: 'aye'})
            await vote(P, p.id, m1, SUPPORT.NO)
            await expectRevert(vote(P, p.id, m2, SUPPORT.ABSTAIN), 'GovernorInvalidSupport', [p.id, m2, SUPPORT.ABSTAIN])
            await expectRevert(vote(P, p.id, m2, SUPPORT.VETO), 'GovernorInvalidSupport', [p.id, m2, SUPPORT.VETO])
            for (const support of [SUPPORT.NO, SUPPORT.YES, SUPPORT.ABSTAIN, 4]) {
                await expectRevert(vote(P, p.id, P.sim(1), support), 'GovernorInvalidSupport', [p.id, P.sim(1), support])
            }
            const w: bigint = await P.read('SaharaToken', 'getPastVotes', [P.sim(1), p.snapshotBlock])
            const v = await vote(P, p.id, P.sim(1), SUPPORT.VETO)
            expect(theEvent(v, 'VoteCast')).toMatchObject({support: SUPPORT.VETO, weight: w})
            const z = await vote(P, p.id, P.fresh('zero'), SUPPORT.VETO)
            expect(theEvent(z, 'VoteCast').weight).toBe(0n)
            expect(await P.read('DualTrackGovernor', 'tally', [p.id])).toEqual([1n, 1n, 0n, w])
            await expectRevert(vote(P, p.id, m0, SUPPORT.NO), 'GovernorAlreadyVoted', [p.id, m0])
        })
    })

    describe('outcomes', () => {
        type Votes = {yes?: bigint; no?: bigint; abstain?: bigint; veto?: bigint}
        async function daoOutcome(v: Votes): Promise<number> {
            const voters: [Address, number][] = []
            for (const [k, support] of [['yes', SUPPORT.YES], ['no', SUPPORT.NO], ['abstain', SUPPORT.ABSTAIN], ['veto', SUPPORT.VETO]] as const) {
                if (v[k]) voters.push([await voter(P, `dao-${k}`, v[k]!), support])
            }
            const p = await propose(P, P.sim(0), TRACK.DAO)
            await openVoting(P, p)
            for (const [a, support] of voters) await vote(P, p.id, a, support)
            await closeVoting(P, p)
            return state(P, p.id)
        }

        it.each([
            ['nobody votes', {}, STATE.DEFEATED],
            ['quorum missed by 1 wei', {yes: 33_400n * U - 1n}, STATE.DEFEATED],
            ['quorum met exactly', {yes: 33_400n * U}, STATE.SUCCEEDED],
            ['abstain counts for the quorum only', {yes: 1n, abstain: 33_400n * U}, STATE.SUCCEEDED],
            ['yes == no', {yes: 17_000n * U, no: 17_000n * U}, STATE.DEFEATED],
            ['yes one wei above no', {yes: 17_000n * U + 1n, no: 17_000n * U}, STATE.SUCCEEDED],
            ['veto exactly 33.4 % of cast', {yes: 25_974n * U, veto: 13_026n * U}, STATE.VETOED],
            ['veto one wei below 33.4 % of cast', {yes: 25_974n * U + 1n, veto: 13_026n * U - 1n}, STATE.SUCCEEDED],
            ['veto above 33.4 % of cast beats a YES majority', {yes: 24_000n * U, veto: 14_000n * U}, STATE.VETOED],
            ['a veto below 33.4 % still counts against the threshold', {yes: 17_000n * U, no: 10_000n * U, veto: 8_000n * U}, STATE.DEFEATED],
        ] as [string, Votes, number][])('DAO: %s', async (_label, votes, expected) => {
            expect(await daoOutcome(votes)).toBe(expected)
        })

        async function councilOutcome(yes: number, no: number, veto: bigint[]): Promise<number> {
            const vetoers: Address[] = []
            for (const [i, amount] of veto.entries()) vetoers.push(await voter(P, `vetoer-${i}`, amount))
            const p = await propose(P, P.council[0], TRACK.COUNCIL)
            await openVoting(P, p)
            for (let i = 0; i < yes; i++) await vote(P, p.id, P.council[i], SUPPORT.YES)
            for (let i = yes; i < yes + no; i++) await vote(P, p.id, P.council[i], SUPPORT.NO)
            for (const a of vetoers) await vote(P, p.id, a, SUPPORT.VETO)
            await closeVoting(P, p)
            return state(P, p.id)
        }

        it.each([
            ['2 of 3 YES', 2, 0, [], STATE.SUCCEEDED],
            ['2 YES 1 NO', 2, 1, [], STATE.SUCCEEDED],
            ['1 of 3 YES (below approval)', 1, 0, [], STATE.DEFEATED],
            ['3 YES, veto exactly 33.4 % of supply', 3, 0, [33_400n * U], STATE.VETOED],
            ['3 YES, veto 1 wei below 33.4 % of supply', 3, 0, [33_400n * U - 1n], STATE.SUCCEEDED],
            ['2 YES, veto of two holders adding up to 33.4 %', 2, 0, [20_000n * U, 13_400n * U], STATE.VETOED],
        ] as [string, number, number, bigint[], number][])('COUNCIL: %s', async (_label, yes, no, veto, expected) => {
            expect(await councilOutcome(yes, no, veto)).toBe(expected)
        })
    })

    describe('cancel', () => {
        it('only the proposer, while PENDING or ACTIVE; a canceled proposal takes no votes', async () => {
            const p = await propose(P, P.council[0], TRACK.COUNCIL)
            await expectRevert(P.send(P.council[1], 'DualTrackGovernor', 'cancel', [p.id]), 'GovernorOnlyProposer', [p.id, P.council[1]])
            const s = await P.send(P.council[0], 'DualTrackGovernor', 'cancel', [p.id]) // PENDING
            expect(theEvent(s, 'ProposalCanceled')).toEqual({proposalId: p.id})
            expect(await state(P, p.id)).toBe(STATE.CANCELED)
            await expectRevert(P.send(P.council[0], 'DualTrackGovernor', 'cancel', [p.id]), 'GovernorUnexpectedState', [p.id, STATE.CANCELED])
            await openVoting(P, p)
            await expectRevert(vote(P, p.id, P.council[1], SUPPORT.YES), 'GovernorUnexpectedState', [p.id, STATE.CANCELED])
            await closeVoting(P, p)
            expect(await state(P, p.id)).toBe(STATE.CANCELED)
            await expectRevert(P.send(P.sim(0), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorUnexpectedState', [p.id, STATE.CANCELED])
        })

        it('works while ACTIVE, not after the voting window', async () => {
            const p = await propose(P, P.sim(0), TRACK.DAO)
            const q = await propose(P, P.sim(0), TRACK.DAO)
            await openVoting(P, q)
            await vote(P, p.id, P.sim(1), SUPPORT.YES)
            await P.send(P.sim(0), 'DualTrackGovernor', 'cancel', [p.id]) // ACTIVE
            expect(await state(P, p.id)).toBe(STATE.CANCELED)
            await closeVoting(P, q)
            await expectRevert(P.send(P.sim(0), 'DualTrackGovernor', 'cancel', [q.id]), 'GovernorUnexpectedState', [q.id, STATE.DEFEATED])
        })
    })
})
