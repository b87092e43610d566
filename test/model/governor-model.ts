/**
 * Independent reference model of SPEC v1.1 §8 (DualTrackGovernor), written from the SPEC only.
 * Pure TypeScript, bigint arithmetic only.
 *
 * Two layers:
 * - pure functions (`proposalBlocks`, `daoOutcome`, `councilOutcome`, `outcome`, `stateAt`) that
 *   compute a proposal's state from what an indexer knows (params and council size at creation,
 *   tallies, total supply at the snapshot, canceled/executed flags, block number);
 * - `GovernorModel`, a stateful model of propose / castVote / cancel / execute / council and
 *   params changes, with the SPEC's revert conditions (throws `GovernorModelError`), driven by a
 *   `VotesSource` (getPastVotes / getPastTotalSupply). `VotesModel` is a small checkpointed
 *   balance model for self-delegated accounts.
 */

export enum Track {
    COUNCIL,
    DAO,
}
export enum Support {
    NO,
    YES,
    ABSTAIN,
    VETO,
}
export enum ProposalState {
    PENDING,
    ACTIVE,
    CANCELED,
    DEFEATED,
    VETOED,
    SUCCEEDED,
    EXECUTED,
}

export const BPS = 10_000n

/** The parameters that decide an outcome (frozen at proposal creation). */
export interface OutcomeParams {
    quorumBps: bigint
    thresholdBps: bigint
    vetoBps: bigint
    councilApprovalBps: bigint
}

export interface GovernanceParams extends OutcomeParams {
    votingDelay: bigint
    votingPeriod: bigint
    proposalThreshold: bigint
}

export const DEFAULT_PARAMS: GovernanceParams = {
    votingDelay: 1n,
    votingPeriod: 20n,
    proposalThreshold: 1000n * 10n ** 18n,
    quorumBps: 3340n,
    thresholdBps: 5000n,
    vetoBps: 3340n,
    councilApprovalBps: 5000n,
}

export interface Tally {
    no: bigint
    yes: bigint
    abstain: bigint
    veto: bigint
}

export const emptyTally = (): Tally => ({no: 0n, yes: 0n, abstain: 0n, veto: 0n})

export class GovernorModelError extends Error {}

/** Blocks of a proposal created in block `createdBlock` under `params`. */
export function proposalBlocks(createdBlock: bigint, params: Pick<GovernanceParams, 'votingDelay' | 'votingPeriod'>) {
    const snapshotBlock = createdBlock + params.votingDelay
    return {snapshotBlock, voteStartBlock: snapshotBlock + 1n, voteEndBlock: snapshotBlock + params.votingPeriod}
}

/** DAO track outcome after voteEndBlock. */
export function daoOutcome(t: Tally, totalSupply: bigint, p: OutcomeParams): ProposalState.DEFEATED | ProposalState.VETOED | ProposalState.SUCCEEDED {
    const cast = t.no + t.yes + t.abstain + t.veto
    if (cast * BPS < totalSupply * p.quorumBps) return ProposalState.DEFEATED
    if (t.veto > 0n && t.veto * BPS >= cast * p.vetoBps) return ProposalState.VETOED
    if (t.yes * BPS > (t.yes + t.no + t.veto) * p.thresholdBps) return ProposalState.SUCCEEDED
    return ProposalState.DEFEATED
}

/** COUNCIL track outcome after voteEndBlock (`t.yes`/`t.no` are council member counts). */
export function councilOutcome(
    t: Tally,
    totalSupply: bigint,
    councilSizeAtCreation: bigint,
    p: OutcomeParams,
): ProposalState.DEFEATED | ProposalState.VETOED | ProposalState.SUCCEEDED {
    if (t.veto > 0n && t.veto * BPS >= totalSupply * p.vetoBps) return ProposalState.VETOED
    if (t.yes * BPS >= councilSizeAtCreation * p.councilApprovalBps && t.yes > t.no) return ProposalState.SUCCEEDED
    return ProposalState.DEFEATED
}

export function outcome(track: Track, t: Tally, totalSupply: bigint, councilSizeAtCreation: bigint, p: OutcomeParams) {
    return track === Track.DAO ? daoOutcome(t, totalSupply, p) : councilOutcome(t, totalSupply, councilSizeAtCreation, p)
}

/** Everything needed to compute a proposal's state (what an indexer stores). */
export interface ProposalFacts {
    track: Track
    params: OutcomeParams
    councilSize: bigint
    snapshotBlock: bigint
    voteEndBlock: bigint
    tally: Tally
    /** getPastTotalSupply(snapshotBlock) */
    totalSupply: bigint
    canceled: boolean
    executed: boolean
}

/** `state()` evaluated at block `n` (SPEC §8). */
export function stateAt(p: ProposalFacts, n: bigint): ProposalState {
    if (p.canceled) return ProposalState.CANCELED
    if (p.executed) return ProposalState.EXECUTED
    if (n <= p.snapshotBlock) return ProposalState.PENDING
    if (n <= p.voteEndBlock) return ProposalState.ACTIVE
    return outcome(p.track, p.tally, p.totalSupply, p.councilSize, p.params)
}

// ------------------------------------------------------------------------------------------------

/** Voting power oracle (ERC20Votes semantics). */
export interface VotesSource {
    getPastVotes(account: string, block: bigint): bigint
    getPastTotalSupply(block: bigint): bigint
}

/**
 * Checkpointed votes of self-delegated accounts: `set(account, block, votes)` records the votes
 * from `block` on. Accounts never set have `defaultVotes(account)` from block 0.
 */
export class VotesModel implements VotesSource {
    private history = new Map<string, {block: bigint; votes: bigint}[]>()
    constructor(
        private defaultVotes: (account: string) => bigint,
        private totalSupply: bigint,
    ) {}

    current(account: string): bigint {
        const h = this.history.get(account.toLowerCase())
        return h && h.length > 0 ? h[h.length - 1].votes : this.defaultVotes(account.toLowerCase())
    }

    /** Move `amount` of votes (a token transfer between self-delegated accounts) in `block`. */
    transfer(from: string, to: string, amount: bigint, block: bigint): void {
        this.set(from, block, this.current(from) - amount)
        this.set(to, block, this.current(to) + amount)
    }

    set(account: string, block: bigint, votes: bigint): void {
        const a = account.toLowerCase()
        const h = this.history.get(a) ?? []
        if (h.length > 0 && h[h.length - 1].block === block) h[h.length - 1].votes = votes
        else h.push({block, votes})
        this.history.set(a, h)
    }

    getPastVotes(account: string, block: bigint): bigint {
        const h = this.history.get(account.toLowerCase()) ?? []
        let v = this.defaultVotes(account.toLowerCase())
        for (const c of h) if (c.block <= block) v = c.votes
        return v
    }

    getPastTotalSupply(_block: bigint): bigint {
        return this.totalSupply
    }
}

export interface ModelProposal extends ProposalFacts {
    id: bigint
    proposer: string
    createdBlock: bigint
    voteStartBlock: bigint
    voters: Map<string, {support: Support; weight: bigint}>
    actions: unknown[]
    canceledBlock?: bigint
    executedBlock?: bigint
}

export interface VoteResult {
    weight: bigint
}

export class GovernorModel {
    params: GovernanceParams
    council: Set<string>
    proposals = new Map<bigint, ModelProposal>()
    private nextId = 1n

    constructor(
        private votes: VotesSource,
        council: string[],
        params: GovernanceParams = DEFAULT_PARAMS,
    ) {
        this.params = {...params}
        this.council = new Set(council.map((a) => a.toLowerCase()))
    }

    get councilSize(): bigint {
        return BigInt(this.council.size)
    }

    isCouncilMember(a: string): boolean {
        return this.council.has(a.toLowerCase())
    }

    proposal(id: bigint): ModelProposal {
        const p = this.proposals.get(id)
        if (!p) throw new GovernorModelError(`unknown proposal ${id}`)
        return p
    }

    /** Why `propose` would revert in block `block`, or undefined. */
    proposeError(track: Track, proposer: string, block: bigint): string | undefined {
        if (track === Track.COUNCIL) {
            if (!this.isCouncilMember(proposer)) return `${proposer} is not a council member`
        } else if (track === Track.DAO) {
            const v = this.votes.getPastVotes(proposer, block - 1n)
            if (v < this.params.proposalThreshold) return `votes ${v} below threshold ${this.params.proposalThreshold}`
        } else return `bad track ${track}`
        return undefined
    }

    propose(track: Track, proposer: string, block: bigint, actions: unknown[] = []): ModelProposal {
        const why = this.proposeError(track, proposer, block)
        if (why) throw new GovernorModelError(why)
        const b = proposalBlocks(block, this.params)
        const p: ModelProposal = {
            id: this.nextId++,
            track,
            proposer: proposer.toLowerCase(),
            createdBlock: block,
            params: {
                quorumBps: this.params.quorumBps,
                thresholdBps: this.params.thresholdBps,
                vetoBps: this.params.vetoBps,
                councilApprovalBps: this.params.councilApprovalBps,
            },
            councilSize: this.councilSize,
            snapshotBlock: b.snapshotBlock,
            voteStartBlock: b.voteStartBlock,
            voteEndBlock: b.voteEndBlock,
            tally: emptyTally(),
            totalSupply: this.votes.getPastTotalSupply(b.snapshotBlock),
            canceled: false,
            executed: false,
            voters: new Map(),
            actions,
        }
        this.proposals.set(p.id, p)
        return p
    }

    /** State at block `n` >= the last operation applied (flags as they are now). */
    stateAt(id: bigint, n: bigint): ProposalState {
        return stateAt(this.proposal(id), n)
    }

    /**
     * State at any past block `n` (cancel/execute flags as of block `n`), assuming that no vote was
     * cast after `n` when `n` is past voteEndBlock (always true: votes close at voteEndBlock).
     */
    historicalStateAt(id: bigint, n: bigint): ProposalState {
        const p = this.proposal(id)
        return stateAt(
            {...p, canceled: p.canceledBlock !== undefined && p.canceledBlock <= n, executed: p.executedBlock !== undefined && p.executedBlock <= n},
            n,
        )
    }

    /** Why `castVote` would revert in block `block`, or undefined. */
    voteError(id: bigint, voter: string, support: Support, block: bigint): string | undefined {
        const p = this.proposals.get(id)
        if (!p) return `unknown proposal ${id}`
        if (support < 0 || support > 3) return `bad support ${support}`
        const s = stateAt(p, block)
        if (s !== ProposalState.ACTIVE) return `proposal ${id} is ${ProposalState[s]}`
        if (p.voters.has(voter.toLowerCase())) return `${voter} already voted`
        if (p.track === Track.COUNCIL) {
            const member = this.isCouncilMember(voter)
            if (member && support !== Support.YES && support !== Support.NO) return `council member may vote only YES/NO`
            if (!member && support !== Support.VETO) return `non-member may only VETO on the council track`
        }
        return undefined
    }

    /** Vote weight the vote would get (SPEC §8). */
    voteWeight(p: ModelProposal, voter: string): bigint {
        if (p.track === Track.COUNCIL && this.isCouncilMember(voter)) return 1n
        return this.votes.getPastVotes(voter, p.snapshotBlock)
    }

    castVote(id: bigint, voter: string, support: Support, block: bigint): VoteResult {
        const why = this.voteError(id, voter, support, block)
        if (why) throw new GovernorModelError(why)
        const p = this.proposal(id)
        const weight = this.voteWeight(p, voter)
        p.voters.set(voter.toLowerCase(), {support, weight})
        if (support === Support.NO) p.tally.no += weight
        else if (support === Support.YES) p.tally.yes += weight
        else if (support === Support.ABSTAIN) p.tally.abstain += weight
        else p.tally.veto += weight
        return {weight}
    }

    cancelError(id: bigint, caller: string, block: bigint): string | undefined {
        const p = this.proposals.get(id)
        if (!p) return `unknown proposal ${id}`
        if (p.proposer !== caller.toLowerCase()) return `only the proposer cancels`
        const s = stateAt(p, block)
        if (s !== ProposalState.PENDING && s !== ProposalState.ACTIVE) return `proposal is ${ProposalState[s]}`
        return undefined
    }

    cancel(id: bigint, caller: string, block: bigint): void {
        const why = this.cancelError(id, caller, block)
        if (why) throw new GovernorModelError(why)
        const p = this.proposal(id)
        p.canceled = true
        p.canceledBlock = block
    }

    executeError(id: bigint, block: bigint): string | undefined {
        const p = this.proposals.get(id)
        if (!p) return `unknown proposal ${id}`
        const s = stateAt(p, block)
        if (s !== ProposalState.SUCCEEDED) return `proposal is ${ProposalState[s]}`
        return undefined
    }

    /** Marks the proposal executed; the caller applies the actions' effects (e.g. `applySetParams`). */
    execute(id: bigint, block: bigint): ModelProposal {
        const why = this.executeError(id, block)
        if (why) throw new GovernorModelError(why)
        const p = this.proposal(id)
        p.executed = true
        p.executedBlock = block
        return p
    }

    // governor-only actions (reached via execute)
    addCouncilMember(a: string): void {
        this.council.add(a.toLowerCase())
    }

    removeCouncilMember(a: string): void {
        this.council.delete(a.toLowerCase())
    }

    setParams(p: GovernanceParams): void {
        if (p.votingPeriod < 1n) throw new GovernorModelError('votingPeriod < 1')
        for (const k of ['quorumBps', 'thresholdBps', 'vetoBps', 'councilApprovalBps'] as const) {
            if (p[k] < 1n || p[k] > BPS) throw new GovernorModelError(`${k} out of [1, 10000]`)
        }
        this.params = {...p}
    }
}
