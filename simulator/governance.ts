/**
 * Dual-track governance rounds (SPEC §8). Each round creates, in one block, proposals that aim at
 * every outcome: DAO defeated by quorum, defeated by vote, vetoed, succeeded (left unexecuted),
 * executed, canceled while pending; COUNCIL executed, defeated, vetoed by token holders, canceled
 * while active. Executed actions rotate between fee changes, council changes, setParams and
 * treasury disbursements of every category. Votes are planned from the weights at the snapshot
 * (read from the chain) and every outcome is checked with `state()` after voteEnd.
 */
import {keccak256, toHex, type Address, type Hex} from 'viem'
import {Actors, E18} from './actors'
import {BlockBatch} from './batch'
import {Contracts} from './contracts'
import {Rng} from './rng'
import {hexToNumber, Rpc} from './rpc'
import type {SimTx} from './send'
import {hostile, maybeHostile} from './strings'
import {idFrom, TOPIC} from './topics'
import {councilOutcome, daoOutcome, planVotes, STATE, STATE_NAMES, SUPPORT, TRACK, TRACK_NAMES, type Tally} from './votes'

type Intent = 'executed' | 'succeeded' | 'defeated-quorum' | 'defeated-vote' | 'vetoed' | 'canceled-pending' | 'canceled-active' | 'defeated'

interface Action {
    target: Address
    data: Hex
}

interface Proposal {
    track: number
    intent: Intent
    proposer: Address
    actions: Action[]
    description: Hex
    councilSize: number
    effects?: () => void
    id?: number
    snapshot?: number
    voteStart?: number
    voteEnd?: number
    observed?: number
}

export interface ProposalResult {
    id: number
    track: 'COUNCIL' | 'DAO'
    intent: string
    expected: string
    observed: string
}

type Stage = 'propose' | 'created' | 'vote' | 'wait' | 'verify' | 'done'

interface Round {
    index: number
    stage: Stage
    due: number
    proposals: Proposal[]
}

const SPEND = {GRANT: 0, REWARDS: 1, OPERATIONS: 2, LIQUIDITY: 3, OTHER: 4} as const
const SPEND_NAMES = ['GRANT', 'REWARDS', 'OPERATIONS', 'LIQUIDITY', 'OTHER']

function expectedState(intent: Intent): number {
    switch (intent) {
        case 'executed':
            return STATE.EXECUTED
        case 'succeeded':
            return STATE.SUCCEEDED
        case 'vetoed':
            return STATE.VETOED
        case 'canceled-pending':
        case 'canceled-active':
            return STATE.CANCELED
        default:
            return STATE.DEFEATED
    }
}

export class Governance {
    council: Address[] = []
    feeBps = 500
    threshold = 1000n * E18
    readonly results: ProposalResult[] = []
    readonly warnings: string[] = []
    roundsDone = 0
    private round?: Round
    private readonly scheduled = new Map<number, SimTx[]>()
    private readonly added: Address[] = []
    private candidateNonce = 0
    private bigDescriptionSent = false

    constructor(
        private readonly rng: Rng,
        private readonly actors: Actors,
        private readonly c: Contracts,
        private readonly rpc: Rpc,
        private readonly seed: number,
    ) {}

    private get gov(): Address {
        return this.c.address.DualTrackGovernor
    }

    private async read(to: Address, data: Hex): Promise<Hex> {
        return this.rpc.call<Hex>('eth_call', [{to, data}, 'latest'])
    }

    /** Loads the council (from its events), the fee and the proposal threshold. */
    async init(fromBlock: number): Promise<void> {
        const abi = this.c
        const added = await this.rpc.call<any[]>('eth_getLogs', [{address: this.gov, fromBlock: `0x${fromBlock.toString(16)}`, toBlock: 'latest'}])
        const members = new Set<string>()
        const addTopic = keccak256(toHex('CouncilMemberAdded(address)'))
        const removeTopic = keccak256(toHex('CouncilMemberRemoved(address)'))
        for (const l of added) {
            const who = `0x${l.topics[1]?.slice(26)}`
            if (l.topics[0] === addTopic) members.add(who)
            if (l.topics[0] === removeTopic) members.delete(who)
        }
        this.council = [...members] as Address[]
        // Council members send votes: make sure they can pay gas (a member need not be a funded dev account).
        const balances = await this.rpc.batch<string>(this.council.map((a) => ({method: 'eth_getBalance', params: [a, 'latest']})))
        for (const [i, a] of this.council.entries()) {
            if (BigInt(balances[i] as string) < E18) await this.rpc.call('anvil_setBalance', [a, '0x3635c9adc5dea00000'])
        }
        this.feeBps = hexToNumber(await this.read(this.c.address.RevenueVault, abi.encode('RevenueVault', 'protocolFeeBps', [])))
        const params = await this.read(this.gov, abi.encode('DualTrackGovernor', 'params', []))
        this.threshold = BigInt(`0x${params.slice(2 + 128, 2 + 192)}`)
    }

    get busy(): boolean {
        return this.round !== undefined || this.scheduled.size > 0
    }

    /** The next block number at which governance has something to send or check. */
    dueBlock(): number | undefined {
        let due = this.round?.due
        for (const k of this.scheduled.keys()) if (due === undefined || k < due) due = k
        return due
    }

    startRound(index: number, nextBlock: number): void {
        if (this.round) throw new Error('a governance round is already running')
        this.round = {index, stage: 'propose', due: nextBlock, proposals: []}
    }

    /** Adds what governance has to do in block `b` (reads the chain at the current head). */
    async step(b: BlockBatch): Promise<void> {
        for (const k of [...this.scheduled.keys()].sort((x, y) => x - y)) {
            if (k > b.number) break
            for (const t of this.scheduled.get(k)!) b.add(t)
            this.scheduled.delete(k)
        }
        const r = this.round
        if (!r || b.number < r.due) return
        switch (r.stage) {
            case 'propose':
                await this.propose(b, r)
                r.stage = 'created'
                r.due = b.number + 1
                break
            case 'created':
                for (const p of r.proposals) if (p.intent === 'canceled-pending') b.add(this.cancelTx(p))
                r.stage = 'vote'
                r.due = Math.max(...r.proposals.map((p) => p.voteStart!)) + 1
                break
            case 'vote':
                await this.vote(b, r)
                r.stage = 'wait'
                r.due = Math.max(...r.proposals.map((p) => p.voteEnd!)) + 2
                break
            case 'wait':
                await this.tally(b, r)
                r.stage = 'verify'
                r.due = b.number + 1
                break
            case 'verify':
                await this.verify(r)
                r.stage = 'done'
                this.round = undefined
                this.roundsDone++
                break
        }
    }

    // ---- stages ----

    private async propose(b: BlockBatch, r: Round): Promise<void> {
        const daoProposer = await this.pickDaoProposer()
        const councilProposer = () => this.rng.pick(this.council)
        const size = this.council.length
        const dao = (intent: Intent, title: string, actions: Action[], effects?: () => void): Proposal => ({
            track: TRACK.DAO, intent, proposer: daoProposer, actions, description: this.description('DAO', title), councilSize: size, effects,
        })
        const cou = (intent: Intent, title: string, actions: Action[]): Proposal => ({
            track: TRACK.COUNCIL, intent, proposer: councilProposer(), actions, description: this.description('COUNCIL', title), councilSize: size,
        })
        const executed = await this.executedDaoActions(r.index)
        const cat = SPEND_NAMES[r.index % 5]
        r.proposals = [
            dao('defeated-quorum', 'Raise the protocol fee to the 20 % cap', [this.setFee(2000)]),
            dao('defeated-vote', 'Move 4 % of the treasury to a liquidity program', [this.disburse(SPEND.LIQUIDITY, 400_000n)]),
            dao('vetoed', 'Remove the first Foundation council seat', [this.councilCall('removeCouncilMember', this.council[0])]),
            dao('succeeded', 'Fund the rewards pool (left for later execution)', [this.disburse(SPEND.REWARDS, 20_000n)]),
            dao('executed', executed.title, executed.actions, executed.effects),
            dao('canceled-pending', 'Lower the protocol fee to 1 % (withdrawn)', [this.setFee(100)]),
            cou('executed', `Council spending: ${cat}`, [this.disburse(r.index % 5, 10_000n + BigInt(this.rng.int(50_000)))]),
            cou('defeated', 'Council spending: operations budget (rejected)', [this.disburse(SPEND.OPERATIONS, 90_000n)]),
            cou('vetoed', 'Council spending: large grant (vetoed by token holders)', [this.disburse(SPEND.GRANT, 300_000n)]),
            cou('canceled-active', 'Council spending: duplicate request (withdrawn)', [this.disburse(SPEND.OTHER, 5_000n)]),
        ]
        for (const p of r.proposals) {
            const targets = p.actions.map((a) => a.target)
            const calldatas = p.actions.map((a) => a.data)
            const values = p.actions.map(() => 0n)
            const gas = 400_000 + 48 * ((p.description.length - 2) / 2) + p.actions.reduce((s, a) => s + 120_000 + 720 * ((a.data.length - 2) / 2), 0)
            b.add({
                from: p.proposer,
                to: this.gov,
                data: this.c.encode('DualTrackGovernor', 'propose', [p.track, targets, values, calldatas, p.description]),
                gas,
                label: `DualTrackGovernor.propose(${TRACK_NAMES[p.track]} ${p.intent})`,
                onLogs: (logs) => {
                    p.id = idFrom(logs, TOPIC.ProposalCreated)
                    const l = logs.find((x) => x.topics[0] === TOPIC.ProposalCreated)!
                    const word = (i: number) => Number(BigInt(`0x${l.data.slice(2 + 64 * i, 2 + 64 * (i + 1))}`))
                    p.snapshot = word(0)
                    p.voteStart = word(1)
                    p.voteEnd = word(2)
                },
            })
        }
    }

    private async vote(b: BlockBatch, r: Round): Promise<void> {
        const snapshot = r.proposals[0].snapshot!
        const weights = await this.weightsAt(snapshot)
        const total = BigInt(await this.read(this.c.address.SaharaToken, this.c.encode('SaharaToken', 'getPastTotalSupply', [BigInt(snapshot)])))
        const first = b.number
        for (const p of r.proposals) {
            if (p.intent === 'canceled-pending') continue
            const votes: {voter: Address; support: number}[] = []
            if (p.track === TRACK.DAO) {
                const target: Record<string, [number, number, number, number]> = {
                    'defeated-quorum': [300, 900, 200, 0],
                    'defeated-vote': [2300, 1500, 200, 300],
                    vetoed: [300, 1500, 100, 1900],
                    succeeded: [600, 3000, 200, 200],
                    executed: [500, 3200, 300, 100],
                }
                const plan = planVotes(this.rng, weights, total, target[p.intent])
                const predicted = daoOutcome(plan.tally, total)
                if (predicted !== (p.intent === 'executed' ? STATE.SUCCEEDED : expectedState(p.intent))) {
                    this.warnings.push(`DAO proposal ${p.id} (${p.intent}): planned votes predict ${STATE_NAMES[predicted]} (not enough voting power?)`)
                }
                for (const v of plan.votes) votes.push({voter: this.actors.accounts[v.voter], support: v.support})
                if (p.intent === 'defeated-quorum') {
                    // Zero-weight votes are valid and emitted: a council member and the (undelegated) deployer.
                    votes.push({voter: this.council[0], support: SUPPORT.YES}, {voter: this.actors.deployer, support: SUPPORT.ABSTAIN})
                }
            } else {
                const size = p.councilSize
                const need = Math.max(Math.ceil(size / 2), Math.floor(size / 2) + 1)
                const members = this.rng.shuffle([...this.council])
                members.forEach((m, i) => {
                    let support: number
                    if (p.intent === 'defeated') support = i < need ? SUPPORT.NO : SUPPORT.YES
                    else if (p.intent === 'canceled-active') support = i === 0 ? SUPPORT.YES : -1
                    else support = i < need ? SUPPORT.YES : SUPPORT.NO
                    if (support >= 0) votes.push({voter: m, support})
                })
                const vetoBps = p.intent === 'vetoed' ? 4000 : p.intent === 'executed' ? 300 : 0
                let vetoTally = 0n
                if (vetoBps > 0) {
                    const plan = planVotes(this.rng, weights, total, [0, 0, 0, vetoBps])
                    for (const v of plan.votes) votes.push({voter: this.actors.accounts[v.voter], support: SUPPORT.VETO})
                    vetoTally = plan.tally[3]
                }
                const yes = BigInt(votes.filter((v) => v.support === SUPPORT.YES).length)
                const no = BigInt(votes.filter((v) => v.support === SUPPORT.NO).length)
                const tally: Tally = [no, yes, 0n, vetoTally]
                const predicted = councilOutcome(tally, total, BigInt(size))
                const want = p.intent === 'executed' ? STATE.SUCCEEDED : p.intent === 'canceled-active' ? predicted : expectedState(p.intent)
                if (predicted !== want) this.warnings.push(`COUNCIL proposal ${p.id} (${p.intent}): planned votes predict ${STATE_NAMES[predicted]}`)
            }
            // Spread the votes over four blocks; a proposal to be canceled gets its votes first.
            for (const v of votes) {
                const at = p.intent === 'canceled-active' ? first : first + this.rng.int(4)
                this.schedule(at, this.voteTx(p, v.voter, v.support))
            }
            if (p.intent === 'canceled-active') this.schedule(first + 5, this.cancelTx(p))
        }
        // The first block's votes go into this block.
        const now = this.scheduled.get(b.number)
        if (now) {
            for (const t of now) b.add(t)
            this.scheduled.delete(b.number)
        }
    }

    private async tally(b: BlockBatch, r: Round): Promise<void> {
        const states = await this.states(r.proposals)
        r.proposals.forEach((p, i) => {
            p.observed = states[i]
            if (p.intent === 'executed') {
                if (states[i] === STATE.SUCCEEDED) {
                    b.add({
                        from: this.rng.pick(this.actors.accounts),
                        to: this.gov,
                        data: this.c.encode('DualTrackGovernor', 'execute', [BigInt(p.id!)]),
                        gas: 400_000 + p.actions.reduce((g, a) => g + 250_000 + 500 * ((a.data.length - 2) / 2), 0),
                        label: `DualTrackGovernor.execute(${TRACK_NAMES[p.track]} ${p.id})`,
                    })
                } else {
                    this.warnings.push(`${TRACK_NAMES[p.track]} proposal ${p.id} was meant to succeed and be executed but is ${STATE_NAMES[states[i]]}`)
                }
            }
        })
    }

    private async verify(r: Round): Promise<void> {
        const states = await this.states(r.proposals)
        r.proposals.forEach((p, i) => {
            p.observed = states[i]
            const expected = expectedState(p.intent)
            if (states[i] === STATE.EXECUTED) p.effects?.()
            if (states[i] !== expected) {
                this.warnings.push(`${TRACK_NAMES[p.track]} proposal ${p.id} (${p.intent}): expected ${STATE_NAMES[expected]}, state() is ${STATE_NAMES[states[i]]}`)
            }
            this.results.push({id: p.id!, track: TRACK_NAMES[p.track], intent: p.intent, expected: STATE_NAMES[expected], observed: STATE_NAMES[states[i]]})
        })
    }

    // ---- helpers ----

    private schedule(block: number, tx: SimTx): void {
        const list = this.scheduled.get(block)
        if (list) list.push(tx)
        else this.scheduled.set(block, [tx])
    }

    private async states(ps: Proposal[]): Promise<number[]> {
        const res = await this.rpc.batch<Hex>(ps.map((p) => ({method: 'eth_call', params: [{to: this.gov, data: this.c.encode('DualTrackGovernor', 'state', [BigInt(p.id!)])}, 'latest']})))
        return res.map((h) => hexToNumber(h as Hex))
    }

    private async weightsAt(snapshot: number): Promise<bigint[]> {
        const tok = this.c.address.SaharaToken
        const res = await this.rpc.batch<Hex>(
            this.actors.accounts.map((a) => ({method: 'eth_call', params: [{to: tok, data: this.c.encode('SaharaToken', 'getPastVotes', [a, BigInt(snapshot)])}, 'latest']})),
        )
        return res.map((h) => BigInt(h as Hex))
    }

    private async pickDaoProposer(): Promise<Address> {
        const top = this.actors.accounts.slice(0, 40)
        const tok = this.c.address.SaharaToken
        const res = await this.rpc.batch<Hex>(top.map((a) => ({method: 'eth_call', params: [{to: tok, data: this.c.encode('SaharaToken', 'getVotes', [a])}, 'latest']})))
        const ok = top.filter((_, i) => BigInt(res[i] as Hex) >= this.threshold * 2n)
        if (ok.length === 0) throw new Error('no simulated account holds enough votes to propose on the DAO track')
        return this.rng.pick(ok)
    }

    private description(track: string, title: string): Hex {
        if (!this.bigDescriptionSent && track === 'DAO' && this.rng.chance(0.3)) {
            this.bigDescriptionSent = true
            return hostile(this.rng, 'long', `# [${track}] ${title}`)
        }
        const body = `# [${track}] ${title}\n\n## Motivation\nSimulated proposal ${this.rng.hex(4)} for the Sahara asset protocol.\n`
        return maybeHostile(this.rng, body, 0.15)
    }

    private voteTx(p: Proposal, voter: Address, support: number): SimTx {
        const reasons = ['', '', 'aligned with the roadmap', 'too expensive', 'needs more discussion', 'LGTM', 'against: conflicts with the charter']
        const reason = maybeHostile(this.rng, this.rng.pick(reasons), 0.1)
        return {
            from: voter,
            to: this.gov,
            data: this.c.encode('DualTrackGovernor', 'castVote', [BigInt(p.id!), support, reason]),
            gas: 200_000 + 48 * ((reason.length - 2) / 2),
            label: `DualTrackGovernor.castVote(${p.id}, ${support})`,
        }
    }

    private cancelTx(p: Proposal): SimTx {
        return {from: p.proposer, to: this.gov, data: this.c.encode('DualTrackGovernor', 'cancel', [BigInt(p.id!)]), gas: 120_000, label: `DualTrackGovernor.cancel(${p.id})`}
    }

    private setFee(bps: number): Action {
        return {target: this.c.address.RevenueVault, data: this.c.encode('RevenueVault', 'setProtocolFeeBps', [bps])}
    }

    private disburse(category: number, wholeSahara: bigint): Action {
        const to = this.rng.pick(this.actors.accounts.slice(40))
        const memo = maybeHostile(this.rng, `${SPEND_NAMES[category].toLowerCase()} disbursement #${this.rng.int(10_000)}`, 0.2)
        return {target: this.c.address.Treasury, data: this.c.encode('Treasury', 'disburse', [to, wholeSahara * E18 + BigInt(this.rng.int(1_000_000)), category, memo])}
    }

    private councilCall(fn: 'addCouncilMember' | 'removeCouncilMember', who: Address): Action {
        return {target: this.gov, data: this.c.encode('DualTrackGovernor', fn, [who])}
    }

    private setParams(threshold: bigint): Action {
        return {target: this.gov, data: this.c.encode('DualTrackGovernor', 'setParams', [1n, 20n, threshold, 3340, 5000, 3340, 5000])}
    }

    private async newCandidate(): Promise<Address> {
        for (;;) {
            const a = `0x${keccak256(toHex(`sahara-council-candidate-${this.seed}-${this.candidateNonce++}`)).slice(-40)}` as Address
            const isMember = await this.read(this.gov, this.c.encode('DualTrackGovernor', 'isCouncilMember', [a]))
            if (BigInt(isMember) === 0n) {
                await this.rpc.call('anvil_setBalance', [a, '0x3635c9adc5dea00000'])
                return a
            }
        }
    }

    /** The executed DAO proposal's actions rotate so that every governed setter runs. */
    private async executedDaoActions(index: number): Promise<{title: string; actions: Action[]; effects: () => void}> {
        const fees = [300, 400, 600, 750]
        switch (index % 4) {
            case 0: {
                const fee = fees[(index / 4) % fees.length]
                const who = await this.newCandidate()
                return {
                    title: `Set the protocol fee to ${fee / 100} %, fund every spending category, add a council member`,
                    actions: [this.setFee(fee), ...[0, 1, 2, 3, 4].map((cat) => this.disburse(cat, 1_000n + BigInt(this.rng.int(9_000)))), this.councilCall('addCouncilMember', who)],
                    effects: () => {
                        this.feeBps = fee
                        this.council.push(who)
                        this.added.push(who)
                    },
                }
            }
            case 1: {
                const leaving = this.added.find((a) => this.council.includes(a))
                const threshold = this.threshold === 1000n * E18 ? 2000n * E18 : 1000n * E18
                return {
                    title: 'Rotate the council and raise the proposal threshold',
                    actions: [...(leaving ? [this.councilCall('removeCouncilMember', leaving)] : []), this.setParams(threshold), this.setFee(500)],
                    effects: () => {
                        if (leaving) this.council = this.council.filter((a) => a !== leaving)
                        this.threshold = threshold
                        this.feeBps = 500
                    },
                }
            }
            case 2: {
                const who = await this.newCandidate()
                return {
                    title: 'Fee holiday (0 %) and a new council member',
                    actions: [this.setFee(0), this.disburse(SPEND.REWARDS, 2_500n), this.councilCall('addCouncilMember', who)],
                    effects: () => {
                        this.feeBps = 0
                        this.council.push(who)
                        this.added.push(who)
                    },
                }
            }
            default: {
                const leaving = this.added.find((a) => this.council.includes(a))
                return {
                    title: 'End the fee holiday, restore the default threshold',
                    actions: [this.setFee(500), this.setParams(1000n * E18), ...(leaving ? [this.councilCall('removeCouncilMember', leaving)] : []), this.disburse(SPEND.GRANT, 7_500n)],
                    effects: () => {
                        this.feeBps = 500
                        this.threshold = 1000n * E18
                        if (leaving) this.council = this.council.filter((a) => a !== leaving)
                    },
                }
            }
        }
    }
}
