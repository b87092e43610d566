// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Cross-contract views and hooks used inside the protocol.
interface IAssetRegistry {
    function ownerOf(uint256 assetId) external view returns (address);
    function parents(uint256 assetId) external view returns (uint256[] memory parentIds, uint16[] memory upstreamBps);
    function contributorBps(uint256 assetId) external view returns (uint16);
    function status(uint256 assetId) external view returns (uint8);
    function exists(uint256 assetId) external view returns (bool);
}

interface IContributionReceipts {
    function totalWeight(uint256 assetId) external view returns (uint256);
    function receiptInfo(uint256 receiptId)
        external
        view
        returns (uint256 assetId, address contributor, uint128 weight, bool revoked);
}

interface ILicenseRegistry {
    function licenseInfo(uint256 licenseId)
        external
        view
        returns (uint256 termsId, uint256 assetId, uint64 expiresAt, bool revoked, uint256 pricePerCall);
    function isValid(uint256 licenseId) external view returns (bool);
    function ownerOf(uint256 licenseId) external view returns (address);
}

interface IRevenueVault {
    function routePayment(uint256 assetId, address payer, uint8 source, uint256 amount) external returns (uint256 paymentId);
    function checkpointReceipt(uint256 receiptId) external;
}

interface ITreasury {
    function recordFee(uint256 paymentId, uint256 amount) external;
}

interface IGovernor {
    function executingProposalId() external view returns (uint256);
}
