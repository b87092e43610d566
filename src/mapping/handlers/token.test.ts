/**
 * SaharaToken handlers on real PostgreSQL (test/helpers/batch.ts): balances and supply from
 * Transfer, delegation and voting power (ERC20Votes events), approvals.
 */
import {describe, expect, it} from 'vitest'
import {ALICE, BOB, CAROL, block, ev, MAX_UINT256, mintTokens, rawLog, STRANGER, TOKEN, TREASURY, useBatchHarness, ZERO} from '../../../test/helpers/batch'
import {Account, DelegateChange, Protocol, TokenApproval, TokenTransfer, TreasuryFlow, VotingPowerChange} from '../../model'

const h = useBatchHarness()
/** ERC20Votes caps the supply at 2^208 - 1. */
const MAX_SUPPLY = 2n ** 208n - 1n

const account = async (id: string) => (await h.get(Account, id))!

describe('TokenTransfer', () => {
    it('mint and burn move the supply; the whole supply in one balance is exact', async () => {
        await h.run([block(1, [mintTokens(ALICE, MAX_SUPPLY)])])
        await h.run([block(2, [ev.TokenTransfer({from: ALICE, to: BOB, value: MAX_SUPPLY - 1n}), ev.TokenTransfer({from: BOB, to: ZERO, value: 10n})])])
        expect([(await account(ALICE)).balance, (await account(BOB)).balance]).toEqual([1n, MAX_SUPPLY - 11n])
        expect((await h.get(Protocol, 'sahara'))!.totalSupply).toBe(MAX_SUPPLY - 10n)
        expect(await h.get(Account, ZERO)).toBeNull() // the zero address is not an account
    })

    it('a transfer to oneself leaves the balance as it was and is kept as history', async () => {
        await h.run([block(1, [mintTokens(ALICE, 100n)]), block(2, [ev.TokenTransfer({from: ALICE, to: ALICE, value: 100n}), ev.TokenTransfer({from: ALICE, to: ALICE, value: 0n})])])
        expect((await account(ALICE)).balance).toBe(100n)
        expect((await h.find(TokenTransfer)).map((t) => [t.from, t.to, t.amount])).toEqual([
            [ZERO, ALICE, 100n],
            [ALICE, ALICE, 100n],
            [ALICE, ALICE, 0n],
        ])
    })

    it('Transfer logs of another token and ERC-721-shaped Transfers at the token address are ignored', async () => {
        const nft = ev.AssetTransfer({from: ALICE, to: TREASURY, tokenId: 5}, {address: TOKEN}) // 4 topics
        const foreign = ev.TokenTransfer({from: ALICE, to: TREASURY, value: 5n}, {address: STRANGER})
        const unknown = rawLog(TOKEN, ['0x' + '12'.repeat(32), '0x' + '00'.repeat(32)], '0x')
        const {stats} = await h.run([block(1, [nft, foreign, unknown])])
        expect(stats).toEqual({events: 0, skipped: 0, skippedByKind: {}})
        expect(await h.counts()).toEqual({indexed_head: 1, deployed_contract: 8}) // the head moved; nothing else
        expect(await h.count(TreasuryFlow)).toBe(0)
    })
})

describe('delegation', () => {
    it('delegate to self, then away: votes follow the DelegateVotesChanged events, history in order', async () => {
        await h.run([block(1, [mintTokens(ALICE, 100n)])])
        await h.run([block(2, [ev.DelegateChanged({delegator: ALICE, fromDelegate: ZERO, toDelegate: ALICE}), ev.DelegateVotesChanged({delegate: ALICE, previousVotes: 0n, newVotes: 100n})])])
        expect(await account(ALICE)).toMatchObject({delegate: ALICE, votes: 100n})
        await h.run([
            block(3, [
                ev.DelegateChanged({delegator: ALICE, fromDelegate: ALICE, toDelegate: BOB}),
                ev.DelegateVotesChanged({delegate: ALICE, previousVotes: 100n, newVotes: 0n}),
                ev.DelegateVotesChanged({delegate: BOB, previousVotes: 0n, newVotes: 100n}),
            ]),
        ])
        expect(await account(ALICE)).toMatchObject({delegate: BOB, votes: 0n, balance: 100n})
        expect(await account(BOB)).toMatchObject({delegate: null, votes: 100n, balance: 0n})
        expect((await h.find(DelegateChange)).map((d) => [d.block, d.fromDelegate, d.toDelegate])).toEqual([
            [2, ZERO, ALICE],
            [3, ALICE, BOB],
        ])
        expect((await h.find(VotingPowerChange, {}, {delegate: true})).map((v) => [v.delegate.id, v.previousVotes, v.newVotes])).toEqual([
            [ALICE, 0n, 100n],
            [ALICE, 100n, 0n],
            [BOB, 0n, 100n],
        ])
    })

    it('delegating to the zero address (undelegating) records the zero address, as the event says', async () => {
        await h.run([block(1, [ev.DelegateChanged({delegator: CAROL, fromDelegate: ZERO, toDelegate: BOB})]), block(2, [ev.DelegateChanged({delegator: CAROL, fromDelegate: BOB, toDelegate: ZERO})])])
        expect((await account(CAROL)).delegate).toBe(ZERO)
    })
})

describe('TokenApproval', () => {
    it('an unlimited approval (2^256 - 1) is stored exactly', async () => {
        await h.run([block(1, [ev.TokenApproval({owner: ALICE, spender: BOB, value: MAX_UINT256})])])
        expect((await h.find(TokenApproval)).map((a) => [a.owner, a.spender, a.amount])).toEqual([[ALICE, BOB, MAX_UINT256]])
    })
})
