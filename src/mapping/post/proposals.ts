/**
 * Height-driven post-processing: proposal states that change with the block height alone,
 * without an event (PENDING → ACTIVE → outcome), as `state()` reports them.
 */
import {proposalOutcome, proposalState} from '../../domain/governance'
import {Proposal, ProposalState} from '../../model'
import {PROTOCOL_ID, type BatchState} from '../state'

/**
 * Moves proposals whose state changes with the block height alone (PENDING → ACTIVE → outcome).
 * `block` is a height whose events have all been applied. The supply at the snapshot is the
 * supply after the snapshot block's events, captured the first time the height reaches it.
 */
export function advanceProposals(s: BatchState, block: number, open: Iterable<Proposal>): void {
    const supply = s.protocol.get(PROTOCOL_ID)?.totalSupply ?? 0n
    for (const pr of open) {
        // Captured for every proposal whose snapshot is reached, canceled or not (the chain's
        // getPastTotalSupply(snapshot) does not care whether the proposal was canceled).
        if (pr.totalSupplyAtSnapshot == null && block >= pr.snapshotBlock) {
            s.proposals.touch(pr).totalSupplyAtSnapshot = supply
        }
        if (pr.canceled || pr.executed) continue
        const state = proposalState(pr, block, () =>
            proposalOutcome(pr, {
                track: pr.track,
                quorumBps: pr.quorumBps,
                thresholdBps: pr.thresholdBps,
                vetoBps: pr.vetoBps,
                councilApprovalBps: pr.councilApprovalBps,
                councilSize: pr.councilSize,
                totalSupply: pr.totalSupplyAtSnapshot!,
            }),
        ) as ProposalState
        if (state !== pr.state) {
            s.proposals.touch(pr).state = state
            if (state === ProposalState.DEFEATED || state === ProposalState.VETOED || state === ProposalState.SUCCEEDED) pr.outcome = state
        }
    }
}

/** The batch's proposals that are still PENDING or ACTIVE, or whose snapshot supply is not known yet. */
export function* openProposals(s: BatchState): Iterable<Proposal> {
    for (const p of s.proposals.all()) {
        if (p.state === ProposalState.PENDING || p.state === ProposalState.ACTIVE || p.totalSupplyAtSnapshot == null) yield p
    }
}
