import {describe, expect, it} from 'vitest'
import {decodeInner, expectRevert} from './helpers/errors'
import {registerAsset} from './helpers/fixtures'
import {action, CATEGORY, passCouncil, passDao} from './helpers/governance'
import {E18, eventNames, theEvent, useProtocol} from './helpers/protocol'
import {pay} from './helpers/vault-model'

// SPEC §7 Treasury
describe('Treasury', () => {
    const P = useProtocol()
    const alice = () => P.sim(1)
    const grantee = () => P.fresh('grantee')
    const anyone = () => P.sim(199)

    async function deposit(from = alice(), amount = 1000n * E18, memo = 'deposit') {
        await P.approve(from, 'Treasury', amount)
        return P.send(from, 'Treasury', 'deposit', [amount, memo])
    }

    it('is wired to the token, the vault and the governor', async () => {
        expect(await P.read('Treasury', 'token')).toBe(P.addr.SaharaToken)
        expect(await P.read('Treasury', 'vault')).toBe(P.addr.RevenueVault)
        expect(await P.read('Treasury', 'governor')).toBe(P.addr.DualTrackGovernor)
    })

    describe('deposit', () => {
        it('anyone deposits: pulls the tokens and emits the memo', async () => {
            const before: bigint = await P.balance(alice())
            const s = await deposit(alice(), 1234n, 'for the grants program')
            // alice is a self-delegated simulated account: her votes drop with her balance.
            expect(eventNames(s)).toEqual(['SaharaToken.Transfer', 'SaharaToken.DelegateVotesChanged', 'Treasury.TreasuryDeposit'])
            expect(s.events[0].args).toEqual({from: alice(), to: P.addr.Treasury, value: 1234n})
            expect(theEvent(s, 'TreasuryDeposit')).toEqual({from: alice(), amount: 1234n, memo: 'for the grants program'})
            expect(await P.balance('Treasury')).toBe(1234n)
            expect(await P.balance(alice())).toBe(before - 1234n)
        })

        it('requires an allowance; a zero deposit is accepted and emitted', async () => {
            await expectRevert(P.send(alice(), 'Treasury', 'deposit', [5n, 'x']), 'ERC20InsufficientAllowance', [P.addr.Treasury, 0n, 5n])
            const nobody = P.fresh('nobody')
            const s = await P.send(nobody, 'Treasury', 'deposit', [0n, ''])
            expect(theEvent(s, 'TreasuryDeposit')).toEqual({from: nobody, amount: 0n, memo: ''})
        })
    })

    describe('disburse', () => {
        it('only the governor may call it', async () => {
            await deposit()
            await expectRevert(P.send(alice(), 'Treasury', 'disburse', [alice(), 1n, 0, 'x']), 'TreasuryOnlyGovernor', [alice()])
            await expectRevert(P.send(P.council[0], 'Treasury', 'disburse', [alice(), 1n, 0, 'x']), 'TreasuryOnlyGovernor', [P.council[0]])
        })

        it('the governor outside of an execution is rejected (TreasuryNotExecuting)', async () => {
            await deposit()
            await expectRevert(P.send(P.addr.DualTrackGovernor, 'Treasury', 'disburse', [alice(), 1n, 0, 'x']), 'TreasuryNotExecuting', [])
        })

        it('an executed proposal (either track) spends; the event carries the proposal id', async () => {
            await deposit()
            const dao = await passDao(P, [action(P, 'Treasury', 'disburse', [grantee(), 100n * E18, CATEGORY.GRANT, 'grant #1'])])
            expect(eventNames(dao.executed!)).toEqual(['SaharaToken.Transfer', 'Treasury.TreasuryDisbursement', 'DualTrackGovernor.ProposalExecuted'])
            expect(theEvent(dao.executed!, 'TreasuryDisbursement')).toEqual({proposalId: dao.id, to: grantee(), amount: 100n * E18, category: CATEGORY.GRANT, memo: 'grant #1'})
            const council = await passCouncil(P, [
                action(P, 'Treasury', 'disburse', [grantee(), 1n, CATEGORY.OPERATIONS, 'ops']),
                action(P, 'Treasury', 'disburse', [alice(), 2n, CATEGORY.OTHER, 'other']),
            ])
            expect(council.executed!.events.filter((e) => e.eventName === 'TreasuryDisbursement').map((e) => e.args)).toEqual([
                {proposalId: council.id, to: grantee(), amount: 1n, category: CATEGORY.OPERATIONS, memo: 'ops'},
                {proposalId: council.id, to: alice(), amount: 2n, category: CATEGORY.OTHER, memo: 'other'},
            ])
            expect(await P.balance(grantee())).toBe(100n * E18 + 1n)
            expect(await P.balance('Treasury')).toBe(900n * E18 - 3n)
        })

        it('an unknown category or an overdraft fails the action', async () => {
            await deposit(alice(), 10n)
            const p = await passCouncil(P, [action(P, 'Treasury', 'disburse', [grantee(), 1n, 5, 'bad'])], 'bad category', {execute: false})
            const e1 = await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [p.id]), 'GovernorActionFailed')
            expect(decodeInner(P.errorsAbi, e1.args[2] as any)).toEqual({errorName: 'TreasuryInvalidCategory', args: [5]})
            const q = await passCouncil(P, [action(P, 'Treasury', 'disburse', [grantee(), 11n, 0, 'too much'])], 'overdraft', {execute: false})
            const e2 = await expectRevert(P.send(anyone(), 'DualTrackGovernor', 'execute', [q.id]), 'GovernorActionFailed')
            expect(decodeInner(P.errorsAbi, e2.args[2] as any)).toEqual({errorName: 'ERC20InsufficientBalance', args: [P.addr.Treasury, 10n, 11n]})
        })
    })

    it('recordFee: only the vault', async () => {
        await expectRevert(P.send(alice(), 'Treasury', 'recordFee', [1n, 1n]), 'TreasuryOnlyVault', [alice()])
        const s = await P.send(P.addr.RevenueVault, 'Treasury', 'recordFee', [7n, 9n])
        expect(theEvent(s, 'FeeReceived')).toEqual({paymentId: 7n, amount: 9n})
    })

    it('balance = deposits + fees - disbursements + plain transfers', async () => {
        await deposit(alice(), 1000n)
        const a = await registerAsset(P, P.sim(2))
        const paid = await pay(P, P.sim(3), a, 10_000n)
        expect(theEvent(paid, 'FeeReceived')).toEqual({paymentId: 1n, amount: 500n})
        await P.send(P.sim(4), 'SaharaToken', 'transfer', [P.addr.Treasury, 7n])
        await passCouncil(P, [action(P, 'Treasury', 'disburse', [grantee(), 300n, CATEGORY.REWARDS, 'rewards'])])
        expect(await P.balance('Treasury')).toBe(1000n + 500n - 300n + 7n)
    })
})
