// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Types} from "./Types.sol";

/// @title DualTrackGovernor: Foundation council track and token-holder DAO track with veto (SPEC §8).
contract DualTrackGovernor {
    struct Params {
        uint64 votingDelay;
        uint64 votingPeriod;
        uint256 proposalThreshold;
        uint16 quorumBps;
        uint16 thresholdBps;
        uint16 vetoBps;
        uint16 councilApprovalBps;
    }

    struct Proposal {
        address proposer;
        uint8 track;
        bool canceled;
        bool executed;
        uint64 snapshotBlock;
        uint64 voteEndBlock;
        uint16 quorumBps;
        uint16 thresholdBps;
        uint16 vetoBps;
        uint16 councilApprovalBps;
        uint256 councilSize;
        uint256 no;
        uint256 yes;
        uint256 abstain;
        uint256 veto;
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
    }

    /// Emitted when a proposal is created on either track.
    event ProposalCreated(uint256 indexed proposalId, uint8 indexed track, address indexed proposer, uint64 snapshotBlock, uint64 voteStartBlock, uint64 voteEndBlock, bytes32 actionsHash, string description);
    /// Emitted for every vote, including zero-weight votes.
    event VoteCast(uint256 indexed proposalId, address indexed voter, uint8 support, uint256 weight, string reason);
    /// Emitted when the proposer cancels a pending or active proposal.
    event ProposalCanceled(uint256 indexed proposalId);
    /// Emitted when a succeeded proposal's actions have all run.
    event ProposalExecuted(uint256 indexed proposalId);
    /// Emitted when an account joins the council (also at deployment).
    event CouncilMemberAdded(address indexed member);
    /// Emitted when an account leaves the council.
    event CouncilMemberRemoved(address indexed member);
    /// Emitted when governance parameters are set (also at deployment).
    event GovernanceParamsSet(uint64 votingDelay, uint64 votingPeriod, uint256 proposalThreshold, uint16 quorumBps, uint16 thresholdBps, uint16 vetoBps, uint16 councilApprovalBps);

    error GovernorInvalidTrack(uint8 track);
    error GovernorInvalidActions(uint256 targets, uint256 values, uint256 calldatas);
    error GovernorBelowProposalThreshold(address proposer, uint256 votes, uint256 threshold);
    error GovernorNotCouncilMember(address account);
    error GovernorUnknownProposal(uint256 proposalId);
    error GovernorUnexpectedState(uint256 proposalId, uint8 state);
    error GovernorAlreadyVoted(uint256 proposalId, address voter);
    error GovernorInvalidSupport(uint256 proposalId, address voter, uint8 support);
    error GovernorOnlyProposer(uint256 proposalId, address caller);
    error GovernorOnlyGovernance(address caller);
    error GovernorOnlyDaoProposal(uint256 proposalId);
    error GovernorAlreadyCouncilMember(address account);
    error GovernorInvalidParams(uint64 votingPeriod, uint16 quorumBps, uint16 thresholdBps, uint16 vetoBps, uint16 councilApprovalBps);
    error GovernorActionFailed(uint256 proposalId, uint256 index, bytes returnData);

    IVotes public immutable token;

    Params public params;
    uint256 public proposalCount;
    uint256 public councilSize;
    uint256 public executingProposalId;
    mapping(address => bool) public isCouncilMember;
    mapping(uint256 => Proposal) private _proposals;
    mapping(uint256 => mapping(address => bool)) public hasVoted;

    constructor(IVotes token_, address[] memory council) {
        token = token_;
        _setParams(Params(1, 20, 1_000e18, 3340, 5000, 3340, 5000));
        for (uint256 i = 0; i < council.length; i++) _addCouncilMember(council[i]);
    }

    receive() external payable {}

    // ---- proposals ----

    function propose(
        uint8 track,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        string calldata description
    ) external returns (uint256 proposalId) {
        if (track > Types.TRACK_DAO) revert GovernorInvalidTrack(track);
        if (targets.length != values.length || targets.length != calldatas.length) {
            revert GovernorInvalidActions(targets.length, values.length, calldatas.length);
        }
        Params memory p = params;
        if (track == Types.TRACK_DAO) {
            uint256 votes = token.getPastVotes(msg.sender, block.number - 1);
            if (votes < p.proposalThreshold) revert GovernorBelowProposalThreshold(msg.sender, votes, p.proposalThreshold);
        } else if (!isCouncilMember[msg.sender]) {
            revert GovernorNotCouncilMember(msg.sender);
        }
        proposalId = ++proposalCount;
        Proposal storage pr = _proposals[proposalId];
        pr.proposer = msg.sender;
        pr.track = track;
        pr.snapshotBlock = uint64(block.number) + p.votingDelay;
        pr.voteEndBlock = pr.snapshotBlock + p.votingPeriod;
        pr.quorumBps = p.quorumBps;
        pr.thresholdBps = p.thresholdBps;
        pr.vetoBps = p.vetoBps;
        pr.councilApprovalBps = p.councilApprovalBps;
        pr.councilSize = councilSize;
        pr.targets = targets;
        pr.values = values;
        for (uint256 i = 0; i < calldatas.length; i++) pr.calldatas.push(calldatas[i]);
        _emitCreated(proposalId, pr, keccak256(abi.encode(targets, values, calldatas)), description);
    }

    function _emitCreated(uint256 id, Proposal storage pr, bytes32 actionsHash, string calldata description) private {
        emit ProposalCreated(id, pr.track, pr.proposer, pr.snapshotBlock, pr.snapshotBlock + 1, pr.voteEndBlock, actionsHash, description);
    }

    function castVote(uint256 proposalId, uint8 support, string calldata reason) external {
        Proposal storage pr = _proposal(proposalId);
        uint8 st = _state(proposalId, pr);
        if (st != Types.STATE_ACTIVE) revert GovernorUnexpectedState(proposalId, st);
        if (hasVoted[proposalId][msg.sender]) revert GovernorAlreadyVoted(proposalId, msg.sender);
        if (support > Types.SUPPORT_VETO) revert GovernorInvalidSupport(proposalId, msg.sender, support);
        uint256 weight;
        if (pr.track == Types.TRACK_COUNCIL && isCouncilMember[msg.sender]) {
            if (support != Types.SUPPORT_YES && support != Types.SUPPORT_NO) {
                revert GovernorInvalidSupport(proposalId, msg.sender, support);
            }
            weight = 1;
        } else {
            if (pr.track == Types.TRACK_COUNCIL && support != Types.SUPPORT_VETO) {
                revert GovernorInvalidSupport(proposalId, msg.sender, support);
            }
            weight = token.getPastVotes(msg.sender, pr.snapshotBlock);
        }
        hasVoted[proposalId][msg.sender] = true;
        if (support == Types.SUPPORT_NO) pr.no += weight;
        else if (support == Types.SUPPORT_YES) pr.yes += weight;
        else if (support == Types.SUPPORT_ABSTAIN) pr.abstain += weight;
        else pr.veto += weight;
        emit VoteCast(proposalId, msg.sender, support, weight, reason);
    }

    function execute(uint256 proposalId) external payable {
        Proposal storage pr = _proposal(proposalId);
        uint8 st = _state(proposalId, pr);
        if (st != Types.STATE_SUCCEEDED) revert GovernorUnexpectedState(proposalId, st);
        pr.executed = true;
        uint256 outer = executingProposalId;
        executingProposalId = proposalId;
        for (uint256 i = 0; i < pr.targets.length; i++) {
            (bool ok, bytes memory ret) = pr.targets[i].call{value: pr.values[i]}(pr.calldatas[i]);
            if (!ok) revert GovernorActionFailed(proposalId, i, ret);
        }
        executingProposalId = outer;
        emit ProposalExecuted(proposalId);
    }

    function cancel(uint256 proposalId) external {
        Proposal storage pr = _proposal(proposalId);
        if (msg.sender != pr.proposer) revert GovernorOnlyProposer(proposalId, msg.sender);
        uint8 st = _state(proposalId, pr);
        if (st != Types.STATE_PENDING && st != Types.STATE_ACTIVE) revert GovernorUnexpectedState(proposalId, st);
        pr.canceled = true;
        emit ProposalCanceled(proposalId);
    }

    // ---- views ----

    function state(uint256 proposalId) external view returns (uint8) {
        return _state(proposalId, _proposal(proposalId));
    }

    function tally(uint256 proposalId) external view returns (uint256 no, uint256 yes, uint256 abstain, uint256 veto) {
        Proposal storage pr = _proposal(proposalId);
        return (pr.no, pr.yes, pr.abstain, pr.veto);
    }

    function proposalInfo(uint256 proposalId)
        external
        view
        returns (address proposer, uint8 track, uint64 snapshotBlock, uint64 voteEndBlock, uint256 councilSizeAtCreation)
    {
        Proposal storage pr = _proposal(proposalId);
        return (pr.proposer, pr.track, pr.snapshotBlock, pr.voteEndBlock, pr.councilSize);
    }

    function _proposal(uint256 proposalId) private view returns (Proposal storage pr) {
        pr = _proposals[proposalId];
        if (pr.proposer == address(0)) revert GovernorUnknownProposal(proposalId);
    }

    function _state(uint256 proposalId, Proposal storage pr) private view returns (uint8) {
        proposalId;
        if (pr.canceled) return Types.STATE_CANCELED;
        if (pr.executed) return Types.STATE_EXECUTED;
        if (block.number <= pr.snapshotBlock) return Types.STATE_PENDING;
        if (block.number <= pr.voteEndBlock) return Types.STATE_ACTIVE;
        uint256 total = token.getPastTotalSupply(pr.snapshotBlock);
        uint256 bps = Types.BPS;
        if (pr.track == Types.TRACK_DAO) {
            uint256 cast = pr.no + pr.yes + pr.abstain + pr.veto;
            if (cast * bps < total * pr.quorumBps) return Types.STATE_DEFEATED;
            if (pr.veto > 0 && pr.veto * bps >= cast * pr.vetoBps) return Types.STATE_VETOED;
            if (pr.yes * bps > (pr.yes + pr.no + pr.veto) * pr.thresholdBps) return Types.STATE_SUCCEEDED;
            return Types.STATE_DEFEATED;
        }
        if (pr.veto > 0 && pr.veto * bps >= total * pr.vetoBps) return Types.STATE_VETOED;
        if (pr.yes * bps >= pr.councilSize * pr.councilApprovalBps && pr.yes > pr.no) return Types.STATE_SUCCEEDED;
        return Types.STATE_DEFEATED;
    }

    // ---- self-governance (only through an executed proposal) ----

    modifier onlyGovernance() {
        if (msg.sender != address(this)) revert GovernorOnlyGovernance(msg.sender);
        _;
    }

    modifier onlyDaoProposal() {
        if (_proposals[executingProposalId].track != Types.TRACK_DAO) revert GovernorOnlyDaoProposal(executingProposalId);
        _;
    }

    function addCouncilMember(address member) external onlyGovernance onlyDaoProposal {
        _addCouncilMember(member);
    }

    function removeCouncilMember(address member) external onlyGovernance onlyDaoProposal {
        if (!isCouncilMember[member]) revert GovernorNotCouncilMember(member);
        isCouncilMember[member] = false;
        councilSize -= 1;
        emit CouncilMemberRemoved(member);
    }

    function setParams(
        uint64 votingDelay,
        uint64 votingPeriod,
        uint256 proposalThreshold,
        uint16 quorumBps,
        uint16 thresholdBps,
        uint16 vetoBps,
        uint16 councilApprovalBps
    ) external onlyGovernance {
        _setParams(Params(votingDelay, votingPeriod, proposalThreshold, quorumBps, thresholdBps, vetoBps, councilApprovalBps));
    }

    function _addCouncilMember(address member) private {
        if (isCouncilMember[member]) revert GovernorAlreadyCouncilMember(member);
        isCouncilMember[member] = true;
        councilSize += 1;
        emit CouncilMemberAdded(member);
    }

    function _setParams(Params memory p) private {
        if (p.votingPeriod < 1 || !_bpsOk(p.quorumBps) || !_bpsOk(p.thresholdBps) || !_bpsOk(p.vetoBps) || !_bpsOk(p.councilApprovalBps)) {
            revert GovernorInvalidParams(p.votingPeriod, p.quorumBps, p.thresholdBps, p.vetoBps, p.councilApprovalBps);
        }
        params = p;
        emit GovernanceParamsSet(p.votingDelay, p.votingPeriod, p.proposalThreshold, p.quorumBps, p.thresholdBps, p.vetoBps, p.councilApprovalBps);
    }

    function _bpsOk(uint16 bps) private pure returns (bool) {
        return bps >= 1 && bps <= Types.BPS;
    }
}
