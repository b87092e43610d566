import {describe, expect, it} from 'vitest'
import {domainSeparator, keccak256, parseSignature, toHex, type Address} from 'viem'
import {privateKeyToAccount} from 'viem/accounts'
import {expectRevert} from './helpers/errors'
import {E18, eventNames, theEvent, useProtocol} from './helpers/protocol'

// SPEC §1 SaharaToken: ERC-20 + ERC20Votes (block-number clock) + permit (domain "Sahara", "1").
const ZERO: Address = '0x0000000000000000000000000000000000000000'
const SUPPLY = 1_000_000_000n * E18

describe('SaharaToken', () => {
    const P = useProtocol({fund: false})
    const signer = privateKeyToAccount(keccak256(toHex('contract-test-permit-owner')))

    it('is "Sahara" / SAHARA, 18 decimals, whole supply minted to the deployer, no mint function', async () => {
        expect(await P.read('SaharaToken', 'name')).toBe('Sahara')
        expect(await P.read('SaharaToken', 'symbol')).toBe('SAHARA')
        expect(await P.read('SaharaToken', 'decimals')).toBe(18)
        expect(await P.read('SaharaToken', 'totalSupply')).toBe(SUPPLY)
        expect(await P.balance(P.deployer)).toBe(SUPPLY)
        expect((P.abi.SaharaToken as any[]).some((x) => x.type === 'function' && /mint/i.test(x.name))).toBe(false)
        const logs = await P.client.getLogs({address: P.addr.SaharaToken, fromBlock: 0n, toBlock: 'latest'})
        expect(P.events(logs).map((e) => [e.eventName, e.args])).toEqual([['Transfer', {from: ZERO, to: P.deployer, value: SUPPLY}]])
    })

    it('votes are checkpointed by block number (OpenZeppelin default clock)', async () => {
        expect(await P.read('SaharaToken', 'CLOCK_MODE')).toBe('mode=blocknumber&from=default')
        expect(BigInt(await P.read('SaharaToken', 'clock'))).toBe(await P.blockNumber())
    })

    it('delegation: events, getVotes and getPastVotes by block', async () => {
        const [a, b, c] = [P.fresh('a'), P.fresh('b'), P.fresh('c')]
        const b1 = (await P.fund(a, 100n)).blockNumber
        expect(await P.read('SaharaToken', 'getVotes', [a])).toBe(0n) // balance is not voting power until delegated
        const d = await P.send(a, 'SaharaToken', 'delegate', [a])
        expect(eventNames(d)).toEqual(['SaharaToken.DelegateChanged', 'SaharaToken.DelegateVotesChanged'])
        expect(theEvent(d, 'DelegateChanged')).toEqual({delegator: a, fromDelegate: ZERO, toDelegate: a})
        expect(theEvent(d, 'DelegateVotesChanged')).toEqual({delegate: a, previousVotes: 0n, newVotes: 100n})
        const t = await P.send(a, 'SaharaToken', 'transfer', [b, 30n])
        expect(eventNames(t)).toEqual(['SaharaToken.Transfer', 'SaharaToken.DelegateVotesChanged'])
        expect(theEvent(t, 'DelegateVotesChanged')).toEqual({delegate: a, previousVotes: 100n, newVotes: 70n})
        const r = await P.send(a, 'SaharaToken', 'delegate', [c])
        expect(r.events.map((e) => [e.eventName, e.args])).toEqual([
            ['DelegateChanged', {delegator: a, fromDelegate: a, toDelegate: c}],
            ['DelegateVotesChanged', {delegate: a, previousVotes: 70n, newVotes: 0n}],
            ['DelegateVotesChanged', {delegate: c, previousVotes: 0n, newVotes: 70n}],
        ])
        expect(await P.read('SaharaToken', 'delegates', [a])).toBe(c)
        const head = await P.blockNumber()
        await expectRevert(P.read('SaharaToken', 'getPastVotes', [a, head]), 'ERC5805FutureLookup', [head, Number(head)])
        await P.mine()
        const past = async (who: Address, n: bigint) => P.read('SaharaToken', 'getPastVotes', [who, n])
        expect([await past(a, b1), await past(a, d.blockNumber), await past(a, t.blockNumber), await past(a, r.blockNumber)]).toEqual([0n, 100n, 70n, 0n])
        expect([await past(c, t.blockNumber), await past(c, r.blockNumber)]).toEqual([0n, 70n])
        expect(await P.read('SaharaToken', 'numCheckpoints', [a])).toBe(3)
        expect(await P.read('SaharaToken', 'checkpoints', [a, 0])).toEqual({_key: Number(d.blockNumber), _value: 100n})
        expect(await P.read('SaharaToken', 'getPastTotalSupply', [r.blockNumber])).toBe(SUPPLY)
    })

    describe('permit (EIP-2612, domain "Sahara" version "1")', () => {
        async function domain() {
            return {name: 'Sahara', version: '1', chainId: await P.client.getChainId(), verifyingContract: P.addr.SaharaToken}
        }
        async function sign(value: bigint, deadline: bigint, nonce: bigint, dom?: any) {
            const spender = P.sim(7)
            const sig = await signer.signTypedData({
                domain: dom ?? (await domain()),
                types: {Permit: [
                    {name: 'owner', type: 'address'}, {name: 'spender', type: 'address'}, {name: 'value', type: 'uint256'},
                    {name: 'nonce', type: 'uint256'}, {name: 'deadline', type: 'uint256'},
                ]},
                primaryType: 'Permit',
                message: {owner: signer.address, spender, value, nonce, deadline},
            })
            const {v, r, s} = parseSignature(sig)
            return [signer.address, spender, value, deadline, Number(v), r, s] as const
        }

        it('exposes the EIP-712 domain', async () => {
            const d = await domain()
            expect(await P.read('SaharaToken', 'eip712Domain')).toEqual(['0x0f', 'Sahara', '1', BigInt(d.chainId), P.addr.SaharaToken, `0x${'00'.repeat(32)}`, []])
            expect(await P.read('SaharaToken', 'DOMAIN_SEPARATOR')).toBe(domainSeparator({domain: d}))
        })

        it('a signed permit sets the allowance, emits Approval and uses the nonce once', async () => {
            const deadline = (await P.timestamp()) + 3600n
            const args = await sign(5n * E18, deadline, 0n)
            const s = await P.send(P.sim(9), 'SaharaToken', 'permit', [...args]) // anyone may submit it
            expect(eventNames(s)).toEqual(['SaharaToken.Approval'])
            expect(theEvent(s, 'Approval')).toEqual({owner: signer.address, spender: P.sim(7), value: 5n * E18})
            expect(await P.read('SaharaToken', 'allowance', [signer.address, P.sim(7)])).toBe(5n * E18)
            expect(await P.read('SaharaToken', 'nonces', [signer.address])).toBe(1n)
            const replay = await expectRevert(P.send(P.sim(9), 'SaharaToken', 'permit', [...args]), 'ERC2612InvalidSigner')
            expect(replay.args[1]).toBe(signer.address)
        })

        it('rejects an expired deadline and a signature for another domain', async () => {
            const past = (await P.timestamp()) - 1n
            await expectRevert(P.send(P.sim(9), 'SaharaToken', 'permit', [...(await sign(1n, past, 0n))]), 'ERC2612ExpiredSignature', [past])
            const deadline = (await P.timestamp()) + 3600n
            const wrong = await sign(1n, deadline, 0n, {...(await domain()), version: '2'})
            const err = await expectRevert(P.send(P.sim(9), 'SaharaToken', 'permit', [...wrong]), 'ERC2612InvalidSigner')
            expect(err.args[0]).not.toBe(signer.address)
            expect(err.args[1]).toBe(signer.address)
        })
    })

    it('standard ERC-20 errors carry their values', async () => {
        const a = P.fresh('poor')
        await P.fund(a, 5n)
        await expectRevert(P.send(a, 'SaharaToken', 'transfer', [P.sim(1), 6n]), 'ERC20InsufficientBalance', [a, 5n, 6n])
        await expectRevert(P.send(a, 'SaharaToken', 'transfer', [ZERO, 1n]), 'ERC20InvalidReceiver', [ZERO])
        await expectRevert(P.send(P.sim(1), 'SaharaToken', 'transferFrom', [a, P.sim(1), 1n]), 'ERC20InsufficientAllowance', [P.sim(1), 0n, 1n])
    })
})
