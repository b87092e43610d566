import {describe, expect, it} from 'vitest'
import {parseEther} from 'viem'
import {decodeInner, expectRevert} from './helpers/errors'
import {
    action, closeVoting, daoQuorumYes, openVoting, passCouncil, passDao, propose, state, STATE, SUPPORT, TRACK, vote, voter,
} from './helpers/governance'
import {E18, eventNames, theEvent, useProtocol} from './helpers/protocol'

// SPEC §8 DualTrackGovernor: execute, self-governance (council, params), parameters frozen at creation.
const THRESHOLD = 1000n * E18
const DEFAULTS = [1n, 20n, THRESHOLD, 3340, 5000, 3340, 5000] as const

describe('DualTrackGovernor: execution and self-governance', () => {
    const P = useProtocol()
    const gov = () => P.addr.DualTrackGovernor
    const anyone = () => P.sim(199)

    describe('execute', () => {
        it('anyone runs the actions of a SUCCEEDED proposal once, in order, then ProposalExecuted', async () => {
            const actions = [action(P, 'RevenueVault', 'setProtocolFeeBps', [100]), action(P, 'RevenueVault', 'setProtocolFeeBps', [200])]
            const p = await passCouncil(P, actions, 'fees', {execute: false})
            const s = await P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id])
            expect(eventNames(s)).toEqual(['RevenueVault.ProtocolFeeUpdated', 'RevenueVault.ProtocolFeeUpdated', 'DualTrackGovernor.ProposalExecuted'])
            expect(s.events.map((e) => e.args)).toEqual([{oldBps: 500, newBps: 100}, {oldBps: 100, newBps: 200}, {proposalId: p.id}])
            expect(await state(P, p.id)).toBe(STATE.EXECUTED)
            expect(await P.read('DualTrackGovernor', 'executingProposalId')).toBe(0n)
            await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorUnexpectedState', [p.id, STATE.EXECUTED])
        })

        it('reverts unless SUCCEEDED (PENDING, ACTIVE, DEFEATED, VETOED)', async () => {
            const p = await propose(P, P.council[0], TRACK.COUNCIL)
            await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorUnexpectedState', [p.id, STATE.PENDING])
            await openVoting(P, p)
            await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorUnexpectedState', [p.id, STATE.ACTIVE])
            await closeVoting(P, p)
            await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorUnexpectedState', [p.id, STATE.DEFEATED])
            const vetoer = await voter(P, 'vetoer', 334_000_000n * E18) // 33.4 % of the supply
            const q = await propose(P, P.council[0], TRACK.COUNCIL)
            await openVoting(P, q)
            await vote(P, q.id, P.council[0], SUPPORT.YES)
            await vote(P, q.id, P.council[1], SUPPORT.YES)
            await vote(P, q.id, vetoer, SUPPORT.VETO)
            await closeVoting(P, q)
            await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [q.id]), 'GovernorUnexpectedState', [q.id, STATE.VETOED])
        })

        it('a reverting action makes execute revert with GovernorActionFailed; the proposal stays SUCCEEDED', async () => {
            const actions = [action(P, 'RevenueVault', 'setProtocolFeeBps', [100]), action(P, 'RevenueVault', 'setProtocolFeeBps', [5000])]
            const p = await passCouncil(P, actions, 'too high', {execute: false})
            const err = await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorActionFailed')
            expect(err.args.slice(0, 2)).toEqual([p.id, 1n])
            expect(decodeInner(P.errorsAbi, err.args[2] as any)).toEqual({errorName: 'RevenueVaultFeeTooHigh', args: [5000, 2000]})
            expect(await state(P, p.id)).toBe(STATE.SUCCEEDED)
            expect(await P.read('RevenueVault', 'protocolFeeBps')).toBe(500)
            // A call that reverts without data (unknown selector) is reported with empty returnData.
            const q = await passCouncil(P, [{target: P.addr.Treasury, value: 0n, calldata: '0xdeadbeef'}], 'bad call', {execute: false})
            await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [q.id]), 'GovernorActionFailed', [q.id, 0n, '0x'])
        })

        it('actions may carry ETH (execute is payable)', async () => {
            const to = P.fresh('eth-recipient')
            const p = await passCouncil(P, [{target: to, value: parseEther('1'), calldata: '0x'}], 'pay', {execute: false})
            await P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id], {value: parseEther('1')})
            expect(await P.client.getBalance({address: to})).toBe(parseEther('1'))
        })

        it('executingProposalId is the executing proposal: a disbursement event carries it', async () => {
            await P.approve(P.deployer, 'Treasury', 1000n)
            await P.send(P.deployer, 'Treasury', 'deposit', [1000n, 'seed'])
            const to = P.fresh('grantee')
            await propose(P, P.council[0], TRACK.COUNCIL) // proposal 1, so that the id below is not 1
            const p = await passDao(P, [action(P, 'Treasury', 'disburse', [to, 600n, 0, 'grant'])])
            expect(p.id).toBe(2n)
            expect(theEvent(p.executed!, 'TreasuryDisbursement')).toEqual({proposalId: 2n, to, amount: 600n, category: 0, memo: 'grant'})
            expect(await P.read('DualTrackGovernor', 'executingProposalId')).toBe(0n)
            expect(await P.balance(to)).toBe(600n)
        })
    })

    describe('council membership', () => {
        it('add/remove only by the governor itself', async () => {
            await expectRevert(P.send(P.council[0], 'DualTrackGovernor', 'addCouncilMember', [P.sim(0)]), 'GovernorOnlyGovernance', [P.council[0]])
            await expectRevert(P.send(P.sim(0), 'DualTrackGovernor', 'removeCouncilMember', [P.council[0]]), 'GovernorOnlyGovernance', [P.sim(0)])
        })

        it('a DAO proposal adds and removes members; the new member proposes and votes', async () => {
            const x = P.fresh('new-member')
            const p = await passDao(P, [action(P, 'DualTrackGovernor', 'addCouncilMember', [x]), action(P, 'DualTrackGovernor', 'removeCouncilMember', [P.council[2]])])
            expect(eventNames(p.executed!)).toEqual(['DualTrackGovernor.CouncilMemberAdded', 'DualTrackGovernor.CouncilMemberRemoved', 'DualTrackGovernor.ProposalExecuted'])
            expect(p.executed!.events.map((e) => e.args)).toEqual([{member: x}, {member: P.council[2]}, {proposalId: p.id}])
            expect(await P.read('DualTrackGovernor', 'councilSize')).toBe(3n)
            expect(await P.read('DualTrackGovernor', 'isCouncilMember', [x])).toBe(true)
            expect(await P.read('DualTrackGovernor', 'isCouncilMember', [P.council[2]])).toBe(false)
            const q = await propose(P, x, TRACK.COUNCIL)
            await openVoting(P, q)
            expect(theEvent(await vote(P, q.id, x, SUPPORT.YES), 'VoteCast').weight).toBe(1n)
            await expectRevert(propose(P, P.council[2], TRACK.COUNCIL), 'GovernorNotCouncilMember', [P.council[2]])
        })

        it('adding a member twice or removing a non-member fails the action', async () => {
            const p = await passDao(P, [action(P, 'DualTrackGovernor', 'addCouncilMember', [P.council[0]])], 'dup', {execute: false})
            const e1 = await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorActionFailed')
            expect(decodeInner(P.errorsAbi, e1.args[2] as any)).toEqual({errorName: 'GovernorAlreadyCouncilMember', args: [P.council[0]]})
            const q = await passDao(P, [action(P, 'DualTrackGovernor', 'removeCouncilMember', [P.sim(5)])], 'none', {execute: false})
            const e2 = await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [q.id]), 'GovernorActionFailed')
            expect(decodeInner(P.errorsAbi, e2.args[2] as any)).toEqual({errorName: 'GovernorNotCouncilMember', args: [P.sim(5)]})
        })

        it('a COUNCIL proposal cannot change the council (DAO proposals only)', async () => {
            const p = await passCouncil(P, [action(P, 'DualTrackGovernor', 'addCouncilMember', [P.sim(0)])], 'self', {execute: false})
            const err = await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorActionFailed')
            expect(decodeInner(P.errorsAbi, err.args[2] as any)).toEqual({errorName: 'GovernorOnlyDaoProposal', args: [p.id]})
        })
    })

    describe('setParams', () => {
        it('only by the governor itself; through a proposal it emits GovernanceParamsSet and applies to new proposals', async () => {
            await expectRevert(P.send(P.sim(0), 'DualTrackGovernor', 'setParams', [...DEFAULTS]), 'GovernorOnlyGovernance', [P.sim(0)])
            const next = [3n, 5n, 2n * THRESHOLD, 1, 10_000, 1, 10_000] as const
            const p = await passDao(P, [action(P, 'DualTrackGovernor', 'setParams', [...next])])
            expect(theEvent(p.executed!, 'GovernanceParamsSet')).toEqual({
                votingDelay: 3n, votingPeriod: 5n, proposalThreshold: 2n * THRESHOLD, quorumBps: 1, thresholdBps: 10_000, vetoBps: 1, councilApprovalBps: 10_000,
            })
            expect(await P.read('DualTrackGovernor', 'params')).toEqual([...next])
            const q = await propose(P, P.council[0], TRACK.COUNCIL)
            const b = q.sent.blockNumber
            expect([q.snapshotBlock, q.voteStartBlock, q.voteEndBlock]).toEqual([b + 3n, b + 4n, b + 8n])
            const poor = P.fresh('poor')
            await P.fund(poor, THRESHOLD)
            await P.send(poor, 'SaharaToken', 'delegate', [poor])
            await expectRevert(propose(P, poor, TRACK.DAO), 'GovernorBelowProposalThreshold', [poor, THRESHOLD, 2n * THRESHOLD])
        })

        it('votingDelay 0: snapshot = creation block, PENDING there, ACTIVE from the next block', async () => {
            await passDao(P, [action(P, 'DualTrackGovernor', 'setParams', [0n, 1n, THRESHOLD, 3340, 5000, 3340, 5000])])
            const q = await propose(P, P.council[0], TRACK.COUNCIL)
            const b = q.sent.blockNumber
            expect([q.snapshotBlock, q.voteStartBlock, q.voteEndBlock]).toEqual([b, b + 1n, b + 1n])
            expect(await state(P, q.id, b)).toBe(STATE.PENDING)
            const v = await vote(P, q.id, P.council[0], SUPPORT.YES)
            expect(v.blockNumber).toBe(b + 1n)
            expect(await state(P, q.id, b + 1n)).toBe(STATE.ACTIVE)
            await expectRevert(vote(P, q.id, P.council[1], SUPPORT.YES), 'GovernorUnexpectedState', [q.id, STATE.DEFEATED])
        })

        it('requires votingPeriod >= 1 and every bps in [1, 10000]', async () => {
            // Through a real proposal, an invalid set fails the action.
            const p = await passCouncil(P, [action(P, 'DualTrackGovernor', 'setParams', [1n, 0n, 0n, 1, 1, 1, 1])], 'bad', {execute: false})
            const err = await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorActionFailed')
            expect(decodeInner(P.errorsAbi, err.args[2] as any)).toEqual({errorName: 'GovernorInvalidParams', args: [0n, 1, 1, 1, 1]})
            // The governor calling itself is what an executing proposal does; impersonating it checks each case quickly.
            const bad: (readonly [bigint, bigint, bigint, number, number, number, number])[] = [
                [1n, 0n, THRESHOLD, 3340, 5000, 3340, 5000],
                [1n, 20n, THRESHOLD, 0, 5000, 3340, 5000],
                [1n, 20n, THRESHOLD, 3340, 10_001, 3340, 5000],
                [1n, 20n, THRESHOLD, 3340, 5000, 0, 5000],
                [1n, 20n, THRESHOLD, 3340, 5000, 3340, 10_001],
            ]
            for (const b of bad) {
                await expectRevert(P.send(gov(), 'DualTrackGovernor', 'setParams', [...b]), 'GovernorInvalidParams', [b[1], b[3], b[4], b[5], b[6]])
            }
            const s = await P.send(gov(), 'DualTrackGovernor', 'setParams', [0n, 1n, 0n, 1, 1, 10_000, 10_000])
            expect(theEvent(s, 'GovernanceParamsSet')).toEqual({
                votingDelay: 0n, votingPeriod: 1n, proposalThreshold: 0n, quorumBps: 1, thresholdBps: 1, vetoBps: 10_000, councilApprovalBps: 10_000,
            })
        })
    })

    it('outcome parameters and council size are those at creation; membership is checked at vote time', async () => {
        const [m0, , m2] = P.council
        // D: remove m2 and set quorum 100 %, council approval 0.01 %.
        const d = await propose(P, P.sim(0), TRACK.DAO, [
            action(P, 'DualTrackGovernor', 'removeCouncilMember', [m2]),
            action(P, 'DualTrackGovernor', 'setParams', [1n, 20n, THRESHOLD, 10_000, 5000, 3340, 1]),
        ])
        const q = await propose(P, P.sim(0), TRACK.DAO) // created under the old quorum
        await openVoting(P, q)
        await daoQuorumYes(P, d)
        await daoQuorumYes(P, q)
        const c = await propose(P, m0, TRACK.COUNCIL) // created with 3 members and approval 50 %
        expect((await P.read('DualTrackGovernor', 'proposalInfo', [c.id]))[4]).toBe(3n)
        await closeVoting(P, d)
        await P.send(anyone(), 'DualTrackGovernor', 'execute', [d.id])
        expect(await P.read('DualTrackGovernor', 'councilSize')).toBe(2n)
        await openVoting(P, c)
        await vote(P, c.id, m0, SUPPORT.YES)
        await expectRevert(vote(P, c.id, m2, SUPPORT.YES), 'GovernorInvalidSupport', [c.id, m2, SUPPORT.YES])
        expect(theEvent(await vote(P, c.id, m2, SUPPORT.VETO), 'VoteCast')).toMatchObject({voter: m2, support: SUPPORT.VETO, weight: 0n})
        await closeVoting(P, c)
        await closeVoting(P, q)
        expect(await state(P, c.id)).toBe(STATE.DEFEATED) // 1 YES of 3 at 50 % (would pass with 2 members or 0.01 %)
        expect(await state(P, q.id)).toBe(STATE.SUCCEEDED) // 33.4 % quorum in force at creation
        // New proposals use the new council size and parameters.
        const c2 = await propose(P, m0, TRACK.COUNCIL)
        await openVoting(P, c2)
        await vote(P, c2.id, m0, SUPPORT.YES)
        await closeVoting(P, c2)
        expect(await state(P, c2.id)).toBe(STATE.SUCCEEDED)
        // Approval met (1 YES >= 0.01 % of 2) but YES must also exceed NO.
        const c3 = await propose(P, m0, TRACK.COUNCIL)
        await openVoting(P, c3)
        await vote(P, c3.id, m0, SUPPORT.YES)
        await vote(P, c3.id, P.council[1], SUPPORT.NO)
        await closeVoting(P, c3)
        expect(await state(P, c3.id)).toBe(STATE.DEFEATED)
        const q2 = await propose(P, P.sim(0), TRACK.DAO)
        await openVoting(P, q2)
        for (let i = 0; i < 20; i++) await vote(P, q2.id, P.sim(i), SUPPORT.YES) // ~59 % of the supply: not 100 %
        await closeVoting(P, q2)
        expect(await state(P, q2.id)).toBe(STATE.DEFEATED)
    })
})
