/** Proposal helpers for DualTrackGovernor tests (SPEC §8). */
import {encodeAbiParameters, encodeFunctionData, keccak256, type Address, type Hex} from 'viem'
import {expect} from 'vitest'
import {sendBatch, setAutomine} from '../../../devnet/chain'
import {theEvent, type Name, type Protocol, type Sent} from './protocol'

export const TRACK = {COUNCIL: 0, DAO: 1} as const
export const SUPPORT = {NO: 0, YES: 1, ABSTAIN: 2, VETO: 3} as const
export const STATE = {PENDING: 0, ACTIVE: 1, CANCELED: 2, DEFEATED: 3, VETOED: 4, SUCCEEDED: 5, EXECUTED: 6} as const
export const CATEGORY = {GRANT: 0, REWARDS: 1, OPERATIONS: 2, LIQUIDITY: 3, OTHER: 4} as const

export interface Action {
    target: Address
    value: bigint
    calldata: Hex
}

export function action(P: Protocol, name: Name, functionName: string, args: readonly unknown[] = [], value = 0n): Action {
    return {target: P.addr[name], value, calldata: encodeFunctionData({abi: P.abi[name], functionName, args} as any)}
}

export function actionsHash(actions: Action[]): Hex {
    return keccak256(
        encodeAbiParameters(
            [{type: 'address[]'}, {type: 'uint256[]'}, {type: 'bytes[]'}],
            [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata)],
        ),
    )
}

export interface Proposal {
    id: bigint
    sent: Sent
    snapshotBlock: bigint
    voteStartBlock: bigint
    voteEndBlock: bigint
}

export async function propose(P: Protocol, from: Address, track: number, actions: Action[] = [], description = 'proposal'): Promise<Proposal> {
    const sent = await P.send(from, 'DualTrackGovernor', 'propose', [
        track,
        actions.map((a) => a.target),
        actions.map((a) => a.value),
        actions.map((a) => a.calldata),
        description,
    ])
    const ev = theEvent(sent, 'ProposalCreated')
    return {id: sent.result, sent, snapshotBlock: ev.snapshotBlock, voteStartBlock: ev.voteStartBlock, voteEndBlock: ev.voteEndBlock}
}

export function vote(P: Protocol, id: bigint, voter: Address, support: number, reason = ''): Promise<Sent> {
    return P.send(voter, 'DualTrackGovernor', 'castVote', [id, support, reason])
}

export function state(P: Protocol, id: bigint, blockNumber?: bigint): Promise<number> {
    return P.read('DualTrackGovernor', 'state', [id], blockNumber)
}

/** Mines until the next transaction lands in the first voting block (no-op once voting is open). */
export async function openVoting(P: Protocol, p: Proposal): Promise<void> {
    if ((await P.blockNumber()) < p.snapshotBlock) await P.mineTo(p.snapshotBlock)
}

/** Mines until the head is past the voting window (state() at latest is the outcome). */
export async function closeVoting(P: Protocol, p: Proposal): Promise<void> {
    if ((await P.blockNumber()) <= p.voteEndBlock) await P.mineTo(p.voteEndBlock + 1n)
}

/**
 * The largest simulated holders vote YES until the default DAO quorum (33.4 %) is met, all in one
 * block (batch + evm_mine). Voting must be open.
 */
export async function daoQuorumYes(P: Protocol, p: Proposal, quorumBps = 3340n): Promise<Address[]> {
    const total: bigint = await P.read('SaharaToken', 'getPastTotalSupply', [p.snapshotBlock], 'pending')
    const voters: Address[] = []
    let cast = 0n
    for (let i = 0; cast * 10_000n < total * quorumBps; i++) {
        if (i >= 240) throw new Error('daoQuorumYes: cannot reach the quorum with simulated accounts')
        if (await P.read('DualTrackGovernor', 'hasVoted', [p.id, P.sim(i)])) continue
        cast += await P.read('SaharaToken', 'getPastVotes', [P.sim(i), p.snapshotBlock], 'pending')
        voters.push(P.sim(i))
    }
    const data = encodeFunctionData({abi: P.abi.DualTrackGovernor, functionName: 'castVote', args: [p.id, SUPPORT.YES, '']})
    await setAutomine(P.client, false)
    try {
        await sendBatch(P.client, voters.map((from) => ({from, to: P.addr.DualTrackGovernor, data})))
    } finally {
        await setAutomine(P.client, true)
    }
    return voters
}

/** Runs a DAO proposal through to SUCCEEDED (proposer: the largest simulated holder) and executes it. */
export async function passDao(P: Protocol, actions: Action[], description = 'dao proposal', opts: {execute?: boolean} = {}) {
    const p = await propose(P, P.sim(0), TRACK.DAO, actions, description)
    await openVoting(P, p)
    await daoQuorumYes(P, p)
    await closeVoting(P, p)
    expect(await state(P, p.id)).toBe(STATE.SUCCEEDED)
    const executed = opts.execute === false ? undefined : await P.send(P.sim(199), 'DualTrackGovernor', 'execute', [p.id])
    return {...p, executed}
}

/** Runs a COUNCIL proposal through to SUCCEEDED (two of three members vote YES) and executes it. */
export async function passCouncil(P: Protocol, actions: Action[], description = 'council proposal', opts: {execute?: boolean} = {}) {
    const p = await propose(P, P.council[0], TRACK.COUNCIL, actions, description)
    await openVoting(P, p)
    await vote(P, p.id, P.council[0], SUPPORT.YES)
    await vote(P, p.id, P.council[1], SUPPORT.YES)
    await closeVoting(P, p)
    expect(await state(P, p.id)).toBe(STATE.SUCCEEDED)
    const executed = opts.execute === false ? undefined : await P.send(P.sim(199), 'DualTrackGovernor', 'execute', [p.id])
    return {...p, executed}
}

/** A fresh voter holding exactly `amount` SAHARA, self-delegated (votes count from the next block). */
export async function voter(P: Protocol, label: string, amount: bigint): Promise<Address> {
    const a = P.fresh(label)
    if (amount > 0n) await P.fund(a, amount)
    await P.send(a, 'SaharaToken', 'delegate', [a])
    return a
}
