import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    CouncilMemberAdded: event("0xdcb46b4634af6065fbbeab63938d70a7cc803a67bc6a5bb9f28fb8d9a5c4ce14", "CouncilMemberAdded(address)", {"member": indexed(p.address)}),
    CouncilMemberRemoved: event("0xce6ed85c24e62fbd23486204879240944c169dfcde2952b0c15f12bf12029669", "CouncilMemberRemoved(address)", {"member": indexed(p.address)}),
    GovernanceParamsSet: event("0x4c4afb8c926f37227790b38c4e017d724aa6c476fbdf13e3c10b76874b66dfb3", "GovernanceParamsSet(uint64,uint64,uint256,uint16,uint16,uint16,uint16)", {"votingDelay": p.uint64, "votingPeriod": p.uint64, "proposalThreshold": p.uint256, "quorumBps": p.uint16, "thresholdBps": p.uint16, "vetoBps": p.uint16, "councilApprovalBps": p.uint16}),
    ProposalCanceled: event("0x789cf55be980739dad1d0699b93b58e806b51c9d96619bfa8fe0a28abaa7b30c", "ProposalCanceled(uint256)", {"proposalId": indexed(p.uint256)}),
    ProposalCreated: event("0x2433d31964df8eacace1af1ffff3e5e86f226c92a704e668419b38e436b4f38f", "ProposalCreated(uint256,uint8,address,uint64,uint64,uint64,bytes32,string)", {"proposalId": indexed(p.uint256), "track": indexed(p.uint8), "proposer": indexed(p.address), "snapshotBlock": p.uint64, "voteStartBlock": p.uint64, "voteEndBlock": p.uint64, "actionsHash": p.bytes32, "description": p.string}),
    ProposalExecuted: event("0x712ae1383f79ac853f8d882153778e0260ef8f03b504e2866e0593e04d2b291f", "ProposalExecuted(uint256)", {"proposalId": indexed(p.uint256)}),
    VoteCast: event("0x761cce3a1af5d9cfc0d57222f605ce4bd2be345f0ad9ebb7b83a84a91a0c2014", "VoteCast(uint256,address,uint8,uint256,string)", {"proposalId": indexed(p.uint256), "voter": indexed(p.address), "support": p.uint8, "weight": p.uint256, "reason": p.string}),
}

export const functions = {
    addCouncilMember: fun("0x289f5375", "addCouncilMember(address)", {"member": p.address}, ),
    cancel: fun("0x40e58ee5", "cancel(uint256)", {"proposalId": p.uint256}, ),
    castVote: fun("0x470b7622", "castVote(uint256,uint8,string)", {"proposalId": p.uint256, "support": p.uint8, "reason": p.string}, ),
    councilSize: viewFun("0x6c79b495", "councilSize()", {}, p.uint256),
    execute: fun("0xfe0d94c1", "execute(uint256)", {"proposalId": p.uint256}, ),
    executingProposalId: viewFun("0x6c58db0c", "executingProposalId()", {}, p.uint256),
    hasVoted: viewFun("0x43859632", "hasVoted(uint256,address)", {"_0": p.uint256, "_1": p.address}, p.bool),
    isCouncilMember: viewFun("0xebd7dc52", "isCouncilMember(address)", {"_0": p.address}, p.bool),
    params: viewFun("0xcff0ab96", "params()", {}, {"votingDelay": p.uint64, "votingPeriod": p.uint64, "proposalThreshold": p.uint256, "quorumBps": p.uint16, "thresholdBps": p.uint16, "vetoBps": p.uint16, "councilApprovalBps": p.uint16}),
    proposalCount: viewFun("0xda35c664", "proposalCount()", {}, p.uint256),
    proposalInfo: viewFun("0xae092e89", "proposalInfo(uint256)", {"proposalId": p.uint256}, {"proposer": p.address, "track": p.uint8, "snapshotBlock": p.uint64, "voteEndBlock": p.uint64, "councilSizeAtCreation": p.uint256}),
    propose: fun("0xb59a972b", "propose(uint8,address[],uint256[],bytes[],string)", {"track": p.uint8, "targets": p.array(p.address), "values": p.array(p.uint256), "calldatas": p.array(p.bytes), "description": p.string}, p.uint256),
    removeCouncilMember: fun("0x5720439d", "removeCouncilMember(address)", {"member": p.address}, ),
    setParams: fun("0xf3d8ddbb", "setParams(uint64,uint64,uint256,uint16,uint16,uint16,uint16)", {"votingDelay": p.uint64, "votingPeriod": p.uint64, "proposalThreshold": p.uint256, "quorumBps": p.uint16, "thresholdBps": p.uint16, "vetoBps": p.uint16, "councilApprovalBps": p.uint16}, ),
    state: viewFun("0x3e4f49e6", "state(uint256)", {"proposalId": p.uint256}, p.uint8),
    tally: viewFun("0xed8b6b31", "tally(uint256)", {"proposalId": p.uint256}, {"no": p.uint256, "yes": p.uint256, "abstain": p.uint256, "veto": p.uint256}),
    token: viewFun("0xfc0c546a", "token()", {}, p.address),
}

export class Contract extends ContractBase {

    councilSize() {
        return this.eth_call(functions.councilSize, {})
    }

    executingProposalId() {
        return this.eth_call(functions.executingProposalId, {})
    }

    hasVoted(_0: HasVotedParams["_0"], _1: HasVotedParams["_1"]) {
        return this.eth_call(functions.hasVoted, {_0, _1})
    }

    isCouncilMember(_0: IsCouncilMemberParams["_0"]) {
        return this.eth_call(functions.isCouncilMember, {_0})
    }

    params() {
        return this.eth_call(functions.params, {})
    }

    proposalCount() {
        return this.eth_call(functions.proposalCount, {})
    }

    proposalInfo(proposalId: ProposalInfoParams["proposalId"]) {
        return this.eth_call(functions.proposalInfo, {proposalId})
    }

    state(proposalId: StateParams["proposalId"]) {
        return this.eth_call(functions.state, {proposalId})
    }

    tally(proposalId: TallyParams["proposalId"]) {
        return this.eth_call(functions.tally, {proposalId})
    }

    token() {
        return this.eth_call(functions.token, {})
    }
}

/// Event types
export type CouncilMemberAddedEventArgs = EParams<typeof events.CouncilMemberAdded>
export type CouncilMemberRemovedEventArgs = EParams<typeof events.CouncilMemberRemoved>
export type GovernanceParamsSetEventArgs = EParams<typeof events.GovernanceParamsSet>
export type ProposalCanceledEventArgs = EParams<typeof events.ProposalCanceled>
export type ProposalCreatedEventArgs = EParams<typeof events.ProposalCreated>
export type ProposalExecutedEventArgs = EParams<typeof events.ProposalExecuted>
export type VoteCastEventArgs = EParams<typeof events.VoteCast>

/// Function types
export type AddCouncilMemberParams = FunctionArguments<typeof functions.addCouncilMember>
export type AddCouncilMemberReturn = FunctionReturn<typeof functions.addCouncilMember>

export type CancelParams = FunctionArguments<typeof functions.cancel>
export type CancelReturn = FunctionReturn<typeof functions.cancel>

export type CastVoteParams = FunctionArguments<typeof functions.castVote>
export type CastVoteReturn = FunctionReturn<typeof functions.castVote>

export type CouncilSizeParams = FunctionArguments<typeof functions.councilSize>
export type CouncilSizeReturn = FunctionReturn<typeof functions.councilSize>

export type ExecuteParams = FunctionArguments<typeof functions.execute>
export type ExecuteReturn = FunctionReturn<typeof functions.execute>

export type ExecutingProposalIdParams = FunctionArguments<typeof functions.executingProposalId>
export type ExecutingProposalIdReturn = FunctionReturn<typeof functions.executingProposalId>

export type HasVotedParams = FunctionArguments<typeof functions.hasVoted>
export type HasVotedReturn = FunctionReturn<typeof functions.hasVoted>

export type IsCouncilMemberParams = FunctionArguments<typeof functions.isCouncilMember>
export type IsCouncilMemberReturn = FunctionReturn<typeof functions.isCouncilMember>

export type ParamsParams = FunctionArguments<typeof functions.params>
export type ParamsReturn = FunctionReturn<typeof functions.params>

export type ProposalCountParams = FunctionArguments<typeof functions.proposalCount>
export type ProposalCountReturn = FunctionReturn<typeof functions.proposalCount>

export type ProposalInfoParams = FunctionArguments<typeof functions.proposalInfo>
export type ProposalInfoReturn = FunctionReturn<typeof functions.proposalInfo>

export type ProposeParams = FunctionArguments<typeof functions.propose>
export type ProposeReturn = FunctionReturn<typeof functions.propose>

export type RemoveCouncilMemberParams = FunctionArguments<typeof functions.removeCouncilMember>
export type RemoveCouncilMemberReturn = FunctionReturn<typeof functions.removeCouncilMember>

export type SetParamsParams = FunctionArguments<typeof functions.setParams>
export type SetParamsReturn = FunctionReturn<typeof functions.setParams>

export type StateParams = FunctionArguments<typeof functions.state>
export type StateReturn = FunctionReturn<typeof functions.state>

export type TallyParams = FunctionArguments<typeof functions.tally>
export type TallyReturn = FunctionReturn<typeof functions.tally>

export type TokenParams = FunctionArguments<typeof functions.token>
export type TokenReturn = FunctionReturn<typeof functions.token>

