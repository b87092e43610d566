import {CouncilChange, ParamChange, Proposal, ProposalState, Vote} from '../../model'
import {support, track} from '../enums'
import {at} from '../state'
import {safeString} from '../strings'
import {hex} from './assets'
import type {HandlerTable} from './types'

type K = 'ProposalCreated' | 'VoteCast' | 'ProposalCanceled' | 'ProposalExecuted' | 'CouncilMemberAdded' | 'CouncilMemberRemoved' | 'GovernanceParamsSet'

export const governanceHandlers: HandlerTable<K> = {
    ProposalCreated: {
        want(s, {args}) {
            s.accounts.want(args.proposer)
        },
        apply(s, {args, meta}) {
            const p = s.proto(meta)
            p.proposalCount += 1
            const d = safeString(hex(args.description))
            s.proposals.add(
                new Proposal({
                    id: args.proposalId.toString(),
                    number: args.proposalId,
                    track: track(args.track),
                    proposer: s.account(args.proposer, meta),
                    snapshotBlock: args.snapshotBlock,
                    voteStartBlock: args.voteStartBlock,
                    voteEndBlock: args.voteEndBlock,
                    actionsHash: Uint8Array.from(Buffer.from(args.actionsHash.slice(2), 'hex')),
                    description: d.text,
                    descriptionRaw: d.raw,
                    descriptionTruncated: d.truncated,
                    state: ProposalState.PENDING,
                    outcome: null,
                    quorumBps: p.quorumBps,
                    thresholdBps: p.thresholdBps,
                    vetoBps: p.vetoBps,
                    councilApprovalBps: p.councilApprovalBps,
                    councilSize: p.councilSize,
                    totalSupplyAtSnapshot: null,
                    no: 0n,
                    yes: 0n,
                    abstain: 0n,
                    veto: 0n,
                    voterCount: 0,
                    canceled: false,
                    executed: false,
                    createdAtBlock: meta.block,
                    createdAt: meta.timestamp,
                    canceledAtBlock: null,
                    executedAtBlock: null,
                    executedAt: null,
                    disbursed: 0n,
                    txHash: meta.txHash,
                }),
            )
        },
    },
    VoteCast: {
        want(s, {args}) {
            s.proposals.want(args.proposalId.toString())
            s.accounts.want(args.voter)
        },
        apply(s, {args, meta}) {
            const pr = s.proposals.touch(s.proposals.must(args.proposalId.toString(), 'proposal'))
            const voter = s.account(args.voter, meta)
            const sup = support(args.support)
            if (args.support === 0) pr.no += args.weight
            else if (args.support === 1) pr.yes += args.weight
            else if (args.support === 2) pr.abstain += args.weight
            else pr.veto += args.weight
            pr.voterCount += 1
            voter.voteCount += 1
            const reason = safeString(hex(args.reason))
            s.votes.push(
                new Vote({
                    id: `${pr.id}-${voter.id}`,
                    proposal: pr,
                    voter,
                    support: sup,
                    weight: args.weight,
                    reason: reason.text,
                    reasonRaw: reason.raw,
                    reasonTruncated: reason.truncated,
                    ...at(meta),
                }),
            )
        },
    },
    ProposalCanceled: {
        want(s, {args}) {
            s.proposals.want(args.proposalId.toString())
        },
        apply(s, {args, meta}) {
            const pr = s.proposals.touch(s.proposals.must(args.proposalId.toString(), 'proposal'))
            pr.canceled = true
            pr.canceledAtBlock = meta.block
            pr.state = ProposalState.CANCELED
        },
    },
    ProposalExecuted: {
        want(s, {args}) {
            s.proposals.want(args.proposalId.toString())
        },
        apply(s, {args, meta}) {
            const pr = s.proposals.touch(s.proposals.must(args.proposalId.toString(), 'proposal'))
            // Execution is only possible once SUCCEEDED: record the outcome if not computed yet.
            if (pr.outcome == null) pr.outcome = ProposalState.SUCCEEDED
            pr.executed = true
            pr.executedAtBlock = meta.block
            pr.executedAt = meta.timestamp
            pr.state = ProposalState.EXECUTED
        },
    },
    CouncilMemberAdded: {
        want(s, {args}) {
            s.accounts.want(args.member)
        },
        apply(s, {args, meta}) {
            const p = s.proto(meta)
            const m = s.account(args.member, meta)
            m.isCouncilMember = true
            p.councilSize += 1
            s.councilChanges.push(new CouncilChange({id: meta.id, member: m, added: true, councilSize: p.councilSize, ...at(meta)}))
        },
    },
    CouncilMemberRemoved: {
        want(s, {args}) {
            s.accounts.want(args.member)
        },
        apply(s, {args, meta}) {
            const p = s.proto(meta)
            const m = s.account(args.member, meta)
            m.isCouncilMember = false
            p.councilSize -= 1
            s.councilChanges.push(new CouncilChange({id: meta.id, member: m, added: false, councilSize: p.councilSize, ...at(meta)}))
        },
    },
    GovernanceParamsSet: {
        apply(s, {args, meta}) {
            const p = s.proto(meta)
            p.votingDelay = args.votingDelay
            p.votingPeriod = args.votingPeriod
            p.proposalThreshold = args.proposalThreshold
            p.quorumBps = args.quorumBps
            p.thresholdBps = args.thresholdBps
            p.vetoBps = args.vetoBps
            p.councilApprovalBps = args.councilApprovalBps
            s.paramChanges.push(new ParamChange({id: meta.id, name: 'governance', ...args, ...at(meta)}))
        },
    },
}

