/**
 * Property tests: the deployed DualTrackGovernor against the independent model of SPEC §8
 * (test/model/governor-model.ts).
 *
 * - deterministic boundary cases on both tracks (exact quorum, exact veto, threshold ties, council
 *   approval boundary, council veto against the total supply, zero-weight votes), voted by fresh
 *   accounts funded with exact amounts;
 * - governance changes: council size and outcome parameters frozen at creation, membership checked
 *   at vote time, execution (with a Treasury disbursement carrying executingProposalId), cancel,
 *   and the SPEC's revert conditions (sent as real transactions, checked by receipt status);
 * - random scenarios: proposals on both tracks, random voters (Zipf voting power, token transfers
 *   before and after snapshots), random supports, cancels and executions, including invalid ones
 *   (expected to revert). After voteEnd, `state()` (also at every key block) and `tally()` equal
 *   the model; ProposalCreated and VoteCast events equal the model's.
 *
 * Runs: GOV_PROPERTY_RUNS (default 20), seed: PROPERTY_SEED.
 */
import fc from 'fast-check'
import {encodeAbiParameters, encodeFunctionData, keccak256, parseEventLogs, type Address, type Hex} from 'viem'
import {beforeAll, describe, expect, it} from 'vitest'
import {simAccounts, simAllocation} from '../../devnet/accounts'
import {rpc, setAutomine, toQuantity, type Tx} from '../../devnet/chain'
import {DEPLOYER, TOTAL_SUPPLY} from '../../devnet/deploy'
import {useDevnet} from '../helpers/devnet'
import {DEFAULT_PARAMS, GovernorModel, ProposalState as S, Support, Track, VotesModel, type ModelProposal} from '../model/governor-model'


const chain = useDevnet()

const SIM = simAccounts().map(lc)
const SIM_INDEX = new Map<string, number>(SIM.map((a, i) => [a, i]))
const RUNS = Number(process.env.GOV_PROPERTY_RUNS ?? 20)
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined
const E18 = 10n ** 18n

function lc(a: string): Address {
    return a.toLowerCase() as Address
}
const FRESH = ['H1', 'H2', 'V', 'D', 'D2', 'Z', 'T1', 'T2', 'grantee', 'nobody']
function fresh(label: string): Address {
    return lc(`0x${keccak256(`0x${Buffer.from(`gov-test-${label}`).toString('hex')}`).slice(-40)}`)
}

// ------------------------------------------------------------------------------------------------
// chain helpers

async function blockNumber(): Promise<bigint> {
    return BigInt(await rpc<Hex>(chain.client, 'eth_blockNumber'))
}

interface SentTx extends Tx {
    /** true: must succeed; false: must revert. */
    ok: boolean
    what: string
}

/** Sends `txs` into exactly one new block and checks every transaction's expected status. */
async function mineBlock(txs: SentTx[]): Promise<bigint> {
    const hashes: Hex[] = []
    for (const tx of txs) {
        hashes.push(await rpc<Hex>(chain.client, 'eth_sendTransaction', [{from: tx.from, to: tx.to, data: tx.data, gas: toQuantity(tx.gas ?? 8_000_000n)}]))
    }
    await rpc(chain.client, 'evm_mine', [])
    const n = await blockNumber()
    const receipts = await Promise.all(hashes.map((h) => rpc<any>(chain.client, 'eth_getTransactionReceipt', [h])))
    receipts.forEach((r, i) => {
        if (r == null) throw new Error(`not mined: ${txs[i].what}`)
        expect(BigInt(r.blockNumber), txs[i].what).toBe(n)
        const ok = r.status === '0x1'
        if (ok !== txs[i].ok) throw new Error(`block ${n}: expected ${txs[i].ok ? 'success' : 'revert'} but got ${ok ? 'success' : 'revert'}: ${txs[i].what}`)
    })
    return n
}

function gtx(from: Address, functionName: string, args: unknown[], ok: boolean, what: string): SentTx {
    return {from, to: chain.manifest.contracts.DualTrackGovernor, data: encodeFunctionData({abi: chain.abi.DualTrackGovernor, functionName, args} as any), ok, what}
}
function ttx(from: Address, functionName: string, args: unknown[], what: string): SentTx {
    return {from, to: chain.manifest.contracts.SaharaToken, data: encodeFunctionData({abi: chain.abi.SaharaToken, functionName, args} as any), ok: true, what}
}

function read(functionName: string, args: unknown[], blockNumber?: bigint): Promise<any> {
    return chain.client.readContract({address: chain.manifest.contracts.DualTrackGovernor, abi: chain.abi.DualTrackGovernor, functionName, args, blockNumber} as any)
}

interface Action {
    target: Address
    value: bigint
    data: Hex
}

function actionsHash(actions: Action[]): Hex {
    return keccak256(
        encodeAbiParameters(
            [{type: 'address[]'}, {type: 'uint256[]'}, {type: 'bytes[]'}],
            [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.data)],
        ),
    )
}

/**
 * Drives the governor and the model in lock-step, one block at a time: each operation is checked
 * by the model first and sent with the expected status (success, or revert when the model says so).
 */
class Driver {
    votes: VotesModel
    model: GovernorModel
    council: Address[]
    actions = new Map<bigint, Action[]>()
    pending: SentTx[] = []
    /** block number the pending transactions will be mined in */
    next: bigint
    startBlock: bigint

    constructor(start: bigint) {
        this.startBlock = start
        this.next = start + 1n
        this.votes = new VotesModel((a) => (SIM_INDEX.has(a) ? simAllocation(SIM_INDEX.get(a)!) : 0n), TOTAL_SUPPLY)
        this.council = (chain.manifest.council ?? []).map(lc)
        this.model = new GovernorModel(this.votes, this.council, DEFAULT_PARAMS)
    }

    async mine(): Promise<bigint> {
        const n = await mineBlock(this.pending)
        expect(n).toBe(this.next)
        this.pending = []
        this.next = n + 1n
        return n
    }

    async mineUntil(block: bigint) {
        while (this.next <= block) await this.mine()
    }

    /** Token transfer between self-delegated (or fresh, then self-delegating) accounts. */
    transfer(from: Address, to: Address, amount: bigint) {
        this.pending.push(ttx(from, 'transfer', [to, amount], `transfer ${amount} ${from} -> ${to}`))
        // the deployer is not delegated: its balance is no voting power
        if (from !== lc(DEPLOYER)) this.votes.set(from, this.next, this.votes.current(from) - amount)
        this.votes.set(to, this.next, this.votes.current(to) + amount)
    }

    /** A fresh account delegates to itself (its balance becomes votes from this block on). */
    delegateSelf(a: Address) {
        this.pending.push(ttx(a, 'delegate', [a], `delegate ${a}`))
    }

    propose(track: Track, proposer: Address, actions: Action[] = [], label = ''): bigint | undefined {
        const why = this.model.proposeError(track, proposer, this.next)
        const args = [track, actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.data), `proposal ${label}`]
        this.pending.push(gtx(proposer, 'propose', args, !why, `propose ${Track[track]} by ${proposer} ${label} (${why ?? 'ok'})`))
        if (why) return undefined
        const p = this.model.propose(track, proposer, this.next, actions)
        this.actions.set(p.id, actions)
        return p.id
    }

    vote(id: bigint, voter: Address, support: Support) {
        const why = this.model.voteError(id, voter, support, this.next)
        this.pending.push(gtx(voter, 'castVote', [id, support, `r${id}`], !why, `vote #${id} ${Support[support]} by ${voter} at ${this.next} (${why ?? 'ok'})`))
        if (!why) this.model.castVote(id, voter, support, this.next)
        return !why
    }

    cancel(id: bigint, caller: Address) {
        const why = this.model.cancelError(id, caller, this.next)
        this.pending.push(gtx(caller, 'cancel', [id], !why, `cancel #${id} by ${caller} at ${this.next} (${why ?? 'ok'})`))
        if (!why) this.model.cancel(id, caller, this.next)
    }

    execute(id: bigint, caller: Address, effects?: () => void) {
        const why = this.model.executeError(id, this.next)
        this.pending.push(gtx(caller, 'execute', [id], !why, `execute #${id} at ${this.next} (${why ?? 'ok'})`))
        if (!why) {
            this.model.execute(id, this.next)
            effects?.()
        }
    }

    /** Checks every proposal against the chain: events, tallies, state now and at key blocks. */
    async verify() {
        const end = this.next - 1n
        const logs = parseEventLogs({
            abi: chain.abi.DualTrackGovernor,
            logs: await chain.client.getLogs({address: chain.manifest.contracts.DualTrackGovernor, fromBlock: this.startBlock + 1n, toBlock: end}),
        }) as any[]
        const created = logs.filter((l) => l.eventName === 'ProposalCreated')
        const proposals = [...this.model.proposals.values()]
        expect(created.map((l) => [l.args.proposalId, l.args.track, lc(l.args.proposer), l.args.snapshotBlock, l.args.voteStartBlock, l.args.voteEndBlock, l.args.actionsHash])).toEqual(
            proposals.map((p) => [p.id, p.track, p.proposer, p.snapshotBlock, p.voteStartBlock, p.voteEndBlock, actionsHash(this.actions.get(p.id) ?? [])]),
        )
        const voteLogs = logs.filter((l) => l.eventName === 'VoteCast').map((l) => [l.args.proposalId, lc(l.args.voter), l.args.support, l.args.weight])
        const expectedVotes: unknown[] = []
        for (const p of proposals) for (const [voter, v] of p.voters) expectedVotes.push([p.id, voter, v.support, v.weight])
        const key = (x: any) => `${x[0]}:${x[1]}`
        expect([...voteLogs].sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual([...expectedVotes].sort((a: any, b: any) => (key(a) < key(b) ? -1 : 1)))
        expect(logs.filter((l) => l.eventName === 'ProposalCanceled').map((l) => l.args.proposalId)).toEqual(
            proposals.filter((p) => p.canceled).sort((a, b) => Number(a.canceledBlock! - b.canceledBlock!)).map((p) => p.id),
        )
        expect(logs.filter((l) => l.eventName === 'ProposalExecuted').map((l) => l.args.proposalId)).toEqual(
            proposals.filter((p) => p.executed).sort((a, b) => Number(a.executedBlock! - b.executedBlock!)).map((p) => p.id),
        )
        const stats: Record<string, number> = {}
        for (const p of proposals) {
            const [no, yes, abstain, veto] = await read('tally', [p.id])
            expect({no, yes, abstain, veto}, `tally of #${p.id}`).toEqual(p.tally)
            const blocks = [...new Set([p.createdBlock, p.snapshotBlock, p.voteStartBlock, p.voteEndBlock, p.voteEndBlock + 1n, end])].filter((b) => b <= end && b >= end - 250n)
            for (const b of blocks) {
                const st = await read('state', [p.id], b)
                expect(S[st], `state of #${p.id} (${Track[p.track]}) at block ${b}`).toBe(S[this.model.historicalStateAt(p.id, b)])
            }
            const final = S[this.model.stateAt(p.id, end)]
            stats[final] = (stats[final] ?? 0) + 1
        }
        return stats
    }

    /** Harness check: the VotesModel agrees with the token at a proposal's snapshot for these accounts. */
    async checkVotes(p: ModelProposal, accounts: Address[]) {
        for (const a of accounts) {
            const v = await chain.client.readContract({address: chain.manifest.contracts.SaharaToken, abi: chain.abi.SaharaToken, functionName: 'getPastVotes', args: [a, p.snapshotBlock]})
            expect(v, `getPastVotes(${a}, ${p.snapshotBlock})`).toBe(this.votes.getPastVotes(a, p.snapshotBlock))
        }
    }
}

// ------------------------------------------------------------------------------------------------

describe('DualTrackGovernor against the SPEC model', () => {
    let snapshot: Hex

    beforeAll(async () => {
        await setAutomine(chain.client, false)
        // gas money (eth_sendTransaction prices gas at 1 gwei): the governor (impersonated for the
        // revert checks), the council and the fresh accounts of the deterministic cases
        const needGas = [chain.manifest.contracts.DualTrackGovernor, ...(chain.manifest.council ?? []), ...FRESH.map(fresh)]
        for (const a of needGas) await rpc(chain.client, 'anvil_setBalance', [a, '0x3635c9adc5dea00000'])
        snapshot = await rpc<Hex>(chain.client, 'evm_snapshot')
    })

    async function isolated<T>(f: (d: Driver) => Promise<T>): Promise<T> {
        try {
            return await f(new Driver(await blockNumber()))
        } finally {
            await rpc(chain.client, 'evm_revert', [snapshot])
            snapshot = await rpc<Hex>(chain.client, 'evm_snapshot')
        }
    }

    it('harness: council, params and voting power are the devnet defaults', async () => {
        const council = (chain.manifest.council ?? []).map(lc)
        expect(council.length).toBe(3)
        expect(await read('councilSize', [])).toBe(3n)
        for (const c of council) expect(await read('isCouncilMember', [c])).toBe(true)
        expect(await read('params', [])).toEqual([1n, 20n, 1000n * E18, 3340, 5000, 3340, 5000])
        for (const i of [0, 1, 17, 239]) {
            expect(await chain.client.readContract({address: chain.manifest.contracts.SaharaToken, abi: chain.abi.SaharaToken, functionName: 'getVotes', args: [SIM[i]]})).toBe(simAllocation(i))
        }
    })

    it('boundaries: exact quorum, exact veto, ties, zero weight (DAO); approval and veto vs supply (COUNCIL)', async () => {
        await isolated(async (d) => {
            const Q = (TOTAL_SUPPLY * 3340n) / 10_000n
            const k = Q / 1000n // 3.34e23
            const H1 = fresh('H1'), H2 = fresh('H2'), V = fresh('V'), D = fresh('D'), D2 = fresh('D2'), Z = fresh('Z')
            const amounts: [Address, bigint][] = [[H1, 333n * k], [H2, 333n * k - 1n], [V, 334n * k], [D, 1n], [D2, 1n]]
            for (const [a, amt] of amounts) {
                d.transfer(lc(DEPLOYER), a, amt)
                d.delegateSelf(a)
            }
            d.delegateSelf(Z)
            await d.mine()
            const [C1, C2, C3] = d.council
            const {YES, NO, ABSTAIN, VETO} = Support
            type Case = {track: Track; votes: [Address, Support][]; expect: S; label: string}
            const cases: Case[] = [
                {label: 'quorum exact', track: Track.DAO, votes: [[H1, YES], [H2, YES], [V, YES], [D, YES], [Z, YES]], expect: S.SUCCEEDED},
                {label: 'quorum - 1 wei', track: Track.DAO, votes: [[H1, YES], [H2, YES], [V, YES]], expect: S.DEFEATED},
                {label: 'veto exact', track: Track.DAO, votes: [[H1, YES], [H2, YES], [D, YES], [V, VETO]], expect: S.VETOED},
                {label: 'veto 1 wei short', track: Track.DAO, votes: [[H1, YES], [H2, YES], [D, YES], [D2, YES], [V, VETO]], expect: S.SUCCEEDED},
                {label: 'yes == no', track: Track.DAO, votes: [[H1, YES], [H2, NO], [D, NO], [V, ABSTAIN]], expect: S.DEFEATED},
                {label: 'yes == no + 1 wei', track: Track.DAO, votes: [[H1, YES], [H2, NO], [D, ABSTAIN], [V, ABSTAIN]], expect: S.SUCCEEDED},
                {label: 'veto counts against yes', track: Track.DAO, votes: [[H1, YES], [H2, NO], [D, VETO], [V, ABSTAIN]], expect: S.DEFEATED},
                {label: 'all abstain', track: Track.DAO, votes: [[H1, ABSTAIN], [H2, ABSTAIN], [V, ABSTAIN], [D, ABSTAIN]], expect: S.DEFEATED},
                {label: 'no votes', track: Track.DAO, votes: [], expect: S.DEFEATED},
                {label: 'council 2 of 3', track: Track.COUNCIL, votes: [[C1, YES], [C2, YES]], expect: S.SUCCEEDED},
                {label: 'council 1 of 3', track: Track.COUNCIL, votes: [[C1, YES]], expect: S.DEFEATED},
                {label: 'council 2 yes 1 no', track: Track.COUNCIL, votes: [[C1, YES], [C2, YES], [C3, NO]], expect: S.SUCCEEDED},
                {label: 'council 1 yes 2 no', track: Track.COUNCIL, votes: [[C1, NO], [C2, NO], [C3, YES]], expect: S.DEFEATED},
                {label: 'council veto exact (33.4 % of supply)', track: Track.COUNCIL, votes: [[C1, YES], [C2, YES], [H1, VETO], [H2, VETO], [V, VETO], [D, VETO]], expect: S.VETOED},
                {label: 'council veto 1 wei short', track: Track.COUNCIL, votes: [[C1, YES], [C2, YES], [H1, VETO], [H2, VETO], [V, VETO], [Z, VETO]], expect: S.SUCCEEDED},
                {label: 'council no votes', track: Track.COUNCIL, votes: [], expect: S.DEFEATED},
            ]
            const ids = cases.map((c) => d.propose(c.track, c.track === Track.DAO ? SIM[0] : C1, [], c.label)!)
            await d.mine() // created
            await d.mine() // snapshot
            cases.forEach((c, i) => c.votes.slice(0, 2).forEach(([v, s]) => expect(d.vote(ids[i], v, s), c.label).toBe(true)))
            await d.mine() // voteStart: the first two votes of each case
            const p0 = d.model.proposal(ids[0])
            await d.mineUntil(p0.voteEndBlock - 1n)
            cases.forEach((c, i) => c.votes.slice(2).forEach(([v, s]) => expect(d.vote(ids[i], v, s), c.label).toBe(true)))
            await d.mine() // voteEnd: the other votes
            await d.mine()
            await d.checkVotes(p0, [H1, H2, V, D, D2, Z, SIM[0]])
            cases.forEach((c, i) => expect(S[d.model.stateAt(ids[i], d.next - 1n)], c.label).toBe(S[c.expect]))
            await d.verify()
        })
    })

    it('governance changes: frozen council size and params, membership at vote time, execute, cancel, reverts', async () => {
        await isolated(async (d) => {
            const [C1, C2, C3] = d.council
            const gov = chain.manifest.contracts.DualTrackGovernor
            const {Treasury, SaharaToken} = chain.manifest.contracts
            const T1 = fresh('T1'), T2 = fresh('T2'), GRANTEE = fresh('grantee')
            // block 1: threshold accounts, treasury deposit
            d.transfer(lc(DEPLOYER), T1, 1000n * E18)
            d.transfer(lc(DEPLOYER), T2, 1000n * E18 - 1n)
            d.delegateSelf(T1)
            d.delegateSelf(T2)
            d.pending.push(ttx(lc(DEPLOYER), 'approve', [Treasury, 10n * E18], 'approve treasury'))
            d.pending.push({
                from: lc(DEPLOYER),
                to: Treasury,
                data: encodeFunctionData({abi: chain.abi.Treasury, functionName: 'deposit', args: [10n * E18, 'seed']}),
                ok: true,
                what: 'deposit',
            })
            expect(d.propose(Track.DAO, T1, [], 'too early')).toBeUndefined() // votes at block-1 are 0
            await d.mine()
            // block 2: the governance proposal and an old council proposal (council of 3, approval 50 %)
            const newParams = {...DEFAULT_PARAMS, quorumBps: 10_000n, councilApprovalBps: 10_000n}
            const enc = (fn: string, args: unknown[]) => encodeFunctionData({abi: chain.abi.DualTrackGovernor, functionName: fn, args} as any)
            const actions: Action[] = [
                {target: gov, value: 0n, data: enc('removeCouncilMember', [C2])},
                {target: gov, value: 0n, data: enc('removeCouncilMember', [C3])},
                {target: gov, value: 0n, data: enc('setParams', [1n, 20n, 1000n * E18, 10_000, 5000, 3340, 10_000])},
                {target: Treasury, value: 0n, data: encodeFunctionData({abi: chain.abi.Treasury, functionName: 'disburse', args: [GRANTEE, 3n * E18, 0, 'grant']})},
            ]
            const pGov = d.propose(Track.DAO, T1, actions, 'governance')!
            expect(pGov).toBeDefined()
            expect(d.propose(Track.DAO, T2, [], 'below threshold by 1 wei')).toBeUndefined()
            expect(d.propose(Track.COUNCIL, SIM[0], [], 'non-member council proposal')).toBeUndefined()
            const pOld = d.propose(Track.COUNCIL, C1, [], 'old council 1 of 3')!
            const pCancelPending = d.propose(Track.DAO, SIM[1], [], 'cancel while pending')!
            const pCancelActive = d.propose(Track.COUNCIL, C2, [], 'cancel while active')!
            const pDefeated = d.propose(Track.DAO, SIM[2], [], 'defeated')!
            // the council cannot change the council: only via a DAO proposal (execute reverts)
            const pCouncilAdd = d.propose(Track.COUNCIL, C1, [{target: gov, value: 0n, data: enc('addCouncilMember', [SIM[50]])}], 'council adds a member')!
            await d.mine()
            // block 3 (snapshot): votes revert while PENDING; cancels
            d.vote(pGov, SIM[0], Support.YES)
            d.cancel(pCancelPending, SIM[2]) // not the proposer: reverts
            d.cancel(pCancelPending, SIM[1])
            await d.mine()
            // block 4 (voteStart): whales pass the governance proposal
            const pg = d.model.proposal(pGov)
            let cast = 0n
            for (let i = 0; cast * 10_000n < TOTAL_SUPPLY * 3340n; i++) {
                expect(d.vote(pGov, SIM[i], Support.YES)).toBe(true)
                cast += d.votes.getPastVotes(SIM[i], pg.snapshotBlock)
            }
            d.vote(pGov, SIM[0], Support.NO) // double vote: reverts
            d.vote(pOld, C1, Support.YES)
            d.vote(pOld, C1, Support.NO) // double vote
            d.vote(pOld, C2, Support.VETO) // council member may not VETO
            d.vote(pOld, C3, Support.ABSTAIN) // nor ABSTAIN
            d.vote(pOld, SIM[5], Support.YES) // non-member: only VETO
            d.vote(pOld, SIM[5], Support.VETO)
            d.vote(pCancelPending, SIM[0], Support.YES) // canceled: reverts
            d.vote(pCancelActive, C1, Support.YES)
            d.vote(pDefeated, SIM[3], Support.YES)
            d.vote(pCouncilAdd, C1, Support.YES)
            d.vote(pCouncilAdd, C2, Support.YES)
            d.pending.push(gtx(SIM[0], 'setParams', [1n, 20n, 0n, 1, 1, 1, 1], false, 'setParams by non-governor'))
            d.pending.push(gtx(SIM[0], 'addCouncilMember', [SIM[0]], false, 'addCouncilMember by non-governor'))
            d.pending.push(gtx(gov, 'setParams', [1n, 0n, 0n, 1, 1, 1, 1], false, 'setParams votingPeriod 0'))
            d.pending.push(gtx(gov, 'setParams', [1n, 20n, 0n, 0, 1, 1, 1], false, 'setParams quorumBps 0'))
            d.pending.push(gtx(gov, 'setParams', [1n, 20n, 0n, 1, 1, 10_001, 1], false, 'setParams vetoBps 10001'))
            await d.mine()
            d.cancel(pCancelActive, C2)
            await d.mine()
            // an old council proposal whose vote spans the council change (council of 3 at creation)
            await d.mineUntil(pg.createdBlock + 9n)
            const pSpan = d.propose(Track.COUNCIL, C1, [], 'spans the change')!
            await d.mine()
            await d.mine()
            d.vote(pSpan, C2, Support.YES) // still a member
            await d.mineUntil(pg.voteEndBlock - 1n)
            d.vote(pGov, SIM[30], Support.YES) // voteEnd is inclusive
            await d.mine()
            d.vote(pGov, SIM[31], Support.YES) // after voteEnd: reverts
            d.cancel(pDefeated, SIM[2]) // after voteEnd: reverts
            d.execute(pDefeated, SIM[9]) // DEFEATED: reverts
            expect(d.model.stateAt(pGov, d.next)).toBe(S.SUCCEEDED)
            expect(d.model.stateAt(pCouncilAdd, d.next)).toBe(S.SUCCEEDED)
            d.pending.push(gtx(SIM[9], 'execute', [pCouncilAdd], false, 'execute a council proposal that adds a member'))
            d.execute(pGov, SIM[9], () => {
                d.model.removeCouncilMember(C2)
                d.model.removeCouncilMember(C3)
                d.model.setParams(newParams)
            })
            d.execute(pGov, SIM[9]) // twice: reverts
            const execBlock = await d.mine()
            // after the change: council of one, approval 100 %, quorum 100 %
            expect(await read('councilSize', [])).toBe(1n)
            expect(await read('isCouncilMember', [C2])).toBe(false)
            d.vote(pSpan, C3, Support.YES) // no longer a member: reverts
            d.vote(pSpan, C3, Support.VETO) // weight 0 VETO is accepted
            d.vote(pSpan, C1, Support.YES)
            const pOne = d.propose(Track.COUNCIL, C1, [], 'council of one')!
            expect(d.propose(Track.COUNCIL, C2, [], 'removed member proposes')).toBeUndefined()
            const pDaoNew = d.propose(Track.DAO, SIM[0], [], 'quorum 100 %')!
            await d.mine()
            await d.mine()
            d.vote(pOne, C1, Support.YES)
            d.vote(pOne, C2, Support.YES) // reverts
            for (let i = 0; i < 40; i++) d.vote(pDaoNew, SIM[i], Support.YES)
            await d.mineUntil(d.model.proposal(pDaoNew).voteEndBlock + 1n)
            expect(d.model.stateAt(pOld, d.next - 1n)).toBe(S.DEFEATED) // 1 of 3 at 50 %
            expect(d.model.stateAt(pSpan, d.next - 1n)).toBe(S.SUCCEEDED) // 2 of 3 at 50 %
            expect(d.model.stateAt(pOne, d.next - 1n)).toBe(S.SUCCEEDED) // 1 of 1 at 100 %
            expect(d.model.stateAt(pDaoNew, d.next - 1n)).toBe(S.DEFEATED) // quorum 100 %
            expect(d.model.stateAt(pCancelPending, d.next - 1n)).toBe(S.CANCELED)
            expect(d.model.stateAt(pCancelActive, d.next - 1n)).toBe(S.CANCELED)
            expect(d.model.stateAt(pGov, d.next - 1n)).toBe(S.EXECUTED)
            expect(d.model.stateAt(pCouncilAdd, d.next - 1n)).toBe(S.SUCCEEDED)
            expect(await read('isCouncilMember', [SIM[50]])).toBe(false)
            await d.verify()
            // the disbursement carries the executing proposal's id; nothing is executing afterwards
            const tlogs = parseEventLogs({abi: chain.abi.Treasury, logs: await chain.client.getLogs({address: Treasury, fromBlock: execBlock, toBlock: execBlock})}) as any[]
            expect(tlogs.filter((l) => l.eventName === 'TreasuryDisbursement').map((l) => [l.args.proposalId, lc(l.args.to), l.args.amount, l.args.category])).toEqual([[pGov, GRANTEE, 3n * E18, 0]])
            expect(await read('executingProposalId', [])).toBe(0n)
            expect(await chain.client.readContract({address: SaharaToken, abi: chain.abi.SaharaToken, functionName: 'balanceOf', args: [GRANTEE]})).toBe(3n * E18)
            expect(await read('params', [])).toEqual([1n, 20n, 1000n * E18, 10_000, 5000, 3340, 10_000])
        })
    })

    // --------------------------------------------------------------------------------------------
    // random scenarios

    const voterArb = fc.oneof({weight: 3, arbitrary: fc.integer({min: 0, max: 9})}, {weight: 2, arbitrary: fc.integer({min: 0, max: 39})}, {weight: 1, arbitrary: fc.integer({min: 40, max: 43})})
    const proposalArb = fc.record({
        track: fc.constantFrom(Track.DAO, Track.DAO, Track.COUNCIL),
        proposer: fc.integer({min: 0, max: 39}),
        offset: fc.integer({min: 0, max: 4}),
        votes: fc.array(fc.record({voter: voterArb, support: fc.integer({min: 0, max: 3}), when: fc.integer({min: -1, max: 21}), raw: fc.boolean()}), {maxLength: 12}),
        /** the top `whales` simulated accounts vote, with supports drawn according to `mood` */
        whales: fc.integer({min: 0, max: 40}),
        mood: fc.constantFrom('yes', 'no', 'split', 'veto', 'abstain', 'mixed'),
        draws: fc.array(fc.integer({min: 0, max: 99}), {minLength: 40, maxLength: 40}),
        councilVotes: fc.array(fc.integer({min: 0, max: 2}), {minLength: 3, maxLength: 3}),
        bias: fc.constantFrom(Support.NO, Support.YES, Support.ABSTAIN, Support.VETO, -1),
        cancel: fc.oneof({weight: 4, arbitrary: fc.constant(null)}, {weight: 1, arbitrary: fc.record({when: fc.integer({min: 0, max: 23}), byProposer: fc.nat(9)})}),
        execute: fc.boolean(),
        withActions: fc.boolean(),
    })
    const transferArb = fc.record({from: fc.integer({min: 0, max: 39}), to: fc.integer({min: 0, max: 39}), bps: fc.integer({min: 1, max: 5000}), at: fc.integer({min: 0, max: 8})})
    const planArb = fc.record({proposals: fc.array(proposalArb, {minLength: 1, maxLength: 5}), transfers: fc.array(transferArb, {maxLength: 8})})

    it(`random proposals on both tracks (${RUNS} scenarios)`, async () => {
        const totals: Record<string, number> = {}
        let votes = 0
        await fc.assert(
            fc.asyncProperty(planArb, async (plan) =>
                isolated(async (d) => {
                    const voterOf = (i: number): Address => (i < 40 ? SIM[i] : i < 43 ? d.council[i - 40] : fresh('nobody'))
                    const base = d.next
                    const ids = new Map<number, bigint>()
                    const approveData = encodeFunctionData({abi: chain.abi.SaharaToken, functionName: 'approve', args: [SIM[0], 1n]})
                    // block schedule
                    const last = base + 4n + 1n + 20n + 3n
                    for (let b = base; b <= last; b++) {
                        const off = Number(b - base)
                        for (const t of plan.transfers.filter((t) => t.at === off && t.from !== t.to)) {
                            const from = SIM[t.from]
                            d.transfer(from, SIM[t.to], (d.votes.current(from) * BigInt(t.bps)) / 10_000n)
                        }
                        plan.proposals.forEach((p, i) => {
                            if (p.offset === off) {
                                const proposer = p.track === Track.COUNCIL ? d.council[p.proposer % d.council.length] : SIM[p.proposer]
                                const actions = p.withActions ? [{target: chain.manifest.contracts.SaharaToken, value: 0n, data: approveData}] : []
                                const id = d.propose(p.track, proposer, actions, `random ${i}`)
                                if (id !== undefined) ids.set(i, id)
                            }
                            const id = ids.get(i)
                            if (id === undefined) return
                            const mp = d.model.proposal(id)
                            for (const v of p.votes) {
                                if (mp.voteStartBlock + BigInt(v.when) !== b) continue
                                const voter = voterOf(v.voter)
                                let support = v.support as Support
                                if (!v.raw) {
                                    if (mp.track === Track.COUNCIL) support = d.model.isCouncilMember(voter) ? (v.support % 2 ? Support.YES : Support.NO) : Support.VETO
                                    else if (p.bias >= 0 && v.support < 2) support = p.bias
                                }
                                d.vote(id, voter, support)
                            }
                            if (b === mp.voteStartBlock + BigInt(p.offset * 3)) {
                                for (let w = 0; w < p.whales; w++) {
                                    const r = p.draws[w]
                                    let support: Support
                                    if (mp.track === Track.COUNCIL) {
                                        if (p.mood !== 'veto' && r >= 10) continue
                                        support = Support.VETO
                                    } else if (p.mood === 'yes') support = r < 80 ? Support.YES : Support.NO
                                    else if (p.mood === 'no') support = r < 70 ? Support.NO : Support.YES
                                    else if (p.mood === 'split') support = r < 50 ? Support.YES : Support.NO
                                    else if (p.mood === 'veto') support = r < 35 ? Support.VETO : r < 90 ? Support.YES : Support.NO
                                    else if (p.mood === 'abstain') support = r < 60 ? Support.ABSTAIN : r < 85 ? Support.YES : Support.NO
                                    else support = (r % 4) as Support
                                    d.vote(id, SIM[w], support)
                                }
                                if (mp.track === Track.COUNCIL) {
                                    p.councilVotes.forEach((cv, j) => {
                                        if (cv < 2 && j < d.council.length) d.vote(id, d.council[j], cv === 1 ? Support.YES : Support.NO)
                                    })
                                }
                            }
                            if (p.cancel && mp.createdBlock + 1n + BigInt(p.cancel.when) === b) {
                                d.cancel(id, p.cancel.byProposer === 0 ? SIM[(p.proposer + 1) % 40] : (mp.proposer as Address))
                            }
                            if (p.execute && mp.voteEndBlock + 1n === b) d.execute(id, SIM[7])
                            if (p.execute && mp.voteEndBlock + 2n === b && p.proposer % 3 === 0) d.execute(id, SIM[8]) // again
                        })
                        await d.mine()
                    }
                    const stats = await d.verify()
                    for (const [k, v] of Object.entries(stats)) totals[k] = (totals[k] ?? 0) + v
                    for (const p of d.model.proposals.values()) votes += p.voters.size
                }),
            ),
            {numRuns: RUNS, seed: SEED, endOnFailure: true},
        )
        console.log(`governor property: ${RUNS} scenarios, ${votes} votes, final states ${JSON.stringify(totals)}`)
    })
})
