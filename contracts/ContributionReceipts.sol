// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IAssetRegistry, IRevenueVault} from "./Interfaces.sol";
import {Types} from "./Types.sol";

/// @title ContributionReceipts: soulbound income rights on an asset's contributor pool (SPEC §3).
contract ContributionReceipts is ERC721 {
    struct Receipt {
        uint256 assetId;
        address contributor;
        uint128 weight;
        uint8 contributionType;
        bool revoked;
    }

    /// Emitted when the asset owner issues a receipt to a contributor.
    event ReceiptIssued(uint256 indexed receiptId, uint256 indexed assetId, address indexed contributor, uint8 contributionType, uint128 weight, bytes32 evidence);
    /// Emitted when the asset owner revokes a receipt; its accrued amount is frozen.
    event ReceiptRevoked(uint256 indexed receiptId, uint256 indexed assetId);

    error ContributionReceiptsUnknownAsset(uint256 assetId);
    error ContributionReceiptsNotAssetOwner(uint256 assetId, address caller);
    error ContributionReceiptsZeroWeight(uint256 assetId);
    error ContributionReceiptsInvalidType(uint8 contributionType);
    error ContributionReceiptsUnknownReceipt(uint256 receiptId);
    error ContributionReceiptsAlreadyRevoked(uint256 receiptId);
    error ContributionReceiptsNonTransferable(uint256 receiptId, address from, address to);

    IAssetRegistry public immutable registry;
    IRevenueVault public immutable vault;

    uint256 public receiptCount;
    mapping(uint256 => Receipt) private _receipts;
    mapping(uint256 => uint256) private _totalWeight;

    constructor(IAssetRegistry registry_, IRevenueVault vault_) ERC721("Sahara Receipt", "SAR") {
        registry = registry_;
        vault = vault_;
    }

    function issue(uint256 assetId, address contributor, uint8 contributionType, uint128 weight, bytes32 evidence)
        external
        returns (uint256 receiptId)
    {
        _requireAssetOwner(assetId);
        if (weight == 0) revert ContributionReceiptsZeroWeight(assetId);
        if (contributionType >= Types.CONTRIBUTION_TYPE_COUNT) revert ContributionReceiptsInvalidType(contributionType);
        receiptId = ++receiptCount;
        _receipts[receiptId] = Receipt(assetId, contributor, weight, contributionType, false);
        _mint(contributor, receiptId);
        vault.checkpointReceipt(receiptId); // snapshot the accumulator before the weight counts
        _totalWeight[assetId] += weight;
        emit ReceiptIssued(receiptId, assetId, contributor, contributionType, weight, evidence);
    }

    function revoke(uint256 receiptId) external {
        Receipt storage r = _receipts[receiptId];
        if (r.assetId == 0) revert ContributionReceiptsUnknownReceipt(receiptId);
        _requireAssetOwner(r.assetId);
        if (r.revoked) revert ContributionReceiptsAlreadyRevoked(receiptId);
        vault.checkpointReceipt(receiptId); // freeze the accrued amount while the weight still counts
        r.revoked = true;
        _totalWeight[r.assetId] -= r.weight;
        emit ReceiptRevoked(receiptId, r.assetId);
    }

    function totalWeight(uint256 assetId) external view returns (uint256) {
        return _totalWeight[assetId];
    }

    function receiptInfo(uint256 receiptId)
        external
        view
        returns (uint256 assetId, address contributor, uint128 weight, bool revoked)
    {
        Receipt storage r = _receipts[receiptId];
        if (r.assetId == 0) revert ContributionReceiptsUnknownReceipt(receiptId);
        return (r.assetId, r.contributor, r.weight, r.revoked);
    }

    function contributionTypeOf(uint256 receiptId) external view returns (uint8) {
        Receipt storage r = _receipts[receiptId];
        if (r.assetId == 0) revert ContributionReceiptsUnknownReceipt(receiptId);
        return r.contributionType;
    }

    function _requireAssetOwner(uint256 assetId) private view {
        if (!registry.exists(assetId)) revert ContributionReceiptsUnknownAsset(assetId);
        if (registry.ownerOf(assetId) != msg.sender) revert ContributionReceiptsNotAssetOwner(assetId, msg.sender);
    }

    /// Receipts move only at mint: every transfer (and burn) reverts.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = _ownerOf(tokenId);
        if (from != address(0)) revert ContributionReceiptsNonTransferable(tokenId, from, to);
        return super._update(to, tokenId, auth);
    }
}
