import * as p from '@subsquid/evm-codec'
import {event, indexed} from '@subsquid/evm-abi'
import * as AssetRegistry from '../abi/AssetRegistry'
import * as DualTrackGovernor from '../abi/DualTrackGovernor'
import * as Treasury from '../abi/Treasury'

/**
 * The SPEC's string-carrying events decoded with `bytes` in place of `string` (same ABI
 * encoding, same topic): the generated decoders turn strings into JS text and lose invalid
 * UTF-8, while these keep the exact bytes.
 */
export const rawEvents = {
    AssetRegistered: event(AssetRegistry.events.AssetRegistered.topic, AssetRegistry.events.AssetRegistered.signature, {
        assetId: indexed(p.uint256),
        owner: indexed(p.address),
        kind: p.uint8,
        uri: p.bytes,
        contentHash: p.bytes32,
        contributorBps: p.uint16,
    }),
    AssetUpdated: event(AssetRegistry.events.AssetUpdated.topic, AssetRegistry.events.AssetUpdated.signature, {
        assetId: indexed(p.uint256),
        version: p.uint32,
        uri: p.bytes,
        contentHash: p.bytes32,
    }),
    TreasuryDeposit: event(Treasury.events.TreasuryDeposit.topic, Treasury.events.TreasuryDeposit.signature, {
        from: indexed(p.address),
        amount: p.uint256,
        memo: p.bytes,
    }),
    TreasuryDisbursement: event(Treasury.events.TreasuryDisbursement.topic, Treasury.events.TreasuryDisbursement.signature, {
        proposalId: indexed(p.uint256),
        to: indexed(p.address),
        amount: p.uint256,
        category: p.uint8,
        memo: p.bytes,
    }),
    ProposalCreated: event(DualTrackGovernor.events.ProposalCreated.topic, DualTrackGovernor.events.ProposalCreated.signature, {
        proposalId: indexed(p.uint256),
        track: indexed(p.uint8),
        proposer: indexed(p.address),
        snapshotBlock: p.uint64,
        voteStartBlock: p.uint64,
        voteEndBlock: p.uint64,
        actionsHash: p.bytes32,
        description: p.bytes,
    }),
    VoteCast: event(DualTrackGovernor.events.VoteCast.topic, DualTrackGovernor.events.VoteCast.signature, {
        proposalId: indexed(p.uint256),
        voter: indexed(p.address),
        support: p.uint8,
        weight: p.uint256,
        reason: p.bytes,
    }),
}
