// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAssetRegistry, ILicenseRegistry, IRevenueVault} from "./Interfaces.sol";
import {Types} from "./Types.sol";

/// @title InvocationRouter: pay-per-call use of an asset under a license (SPEC §5).
contract InvocationRouter {
    using SafeERC20 for IERC20;

    /// Emitted for every call; `paymentId` is 0 when the fee is 0.
    event Invoked(uint256 indexed invocationId, uint256 indexed assetId, address indexed caller, uint256 licenseId, uint32 units, uint256 fee, bytes32 requestHash, uint256 paymentId);

    error InvocationRouterNotLicenseHolder(uint256 licenseId, address caller);
    error InvocationRouterLicenseInvalid(uint256 licenseId);
    error InvocationRouterAssetNotActive(uint256 assetId, uint8 status);
    error InvocationRouterZeroUnits(uint256 licenseId);

    IERC20 public immutable token;
    IAssetRegistry public immutable registry;
    ILicenseRegistry public immutable licenses;
    IRevenueVault public immutable vault;

    uint256 public invocationCount;

    constructor(IERC20 token_, IAssetRegistry registry_, ILicenseRegistry licenses_, IRevenueVault vault_) {
        token = token_;
        registry = registry_;
        licenses = licenses_;
        vault = vault_;
    }

    function invoke(uint256 licenseId, uint32 units, bytes32 requestHash) external returns (uint256 invocationId) {
        if (!licenses.isValid(licenseId)) revert InvocationRouterLicenseInvalid(licenseId);
        if (licenses.ownerOf(licenseId) != msg.sender) revert InvocationRouterNotLicenseHolder(licenseId, msg.sender);
        if (units == 0) revert InvocationRouterZeroUnits(licenseId);
        (, uint256 assetId,,, uint256 pricePerCall) = licenses.licenseInfo(licenseId);
        uint8 st = registry.status(assetId);
        if (st != Types.STATUS_ACTIVE) revert InvocationRouterAssetNotActive(assetId, st);
        uint256 fee = uint256(units) * pricePerCall;
        uint256 paymentId;
        if (fee > 0) {
            token.safeTransferFrom(msg.sender, address(vault), fee);
            paymentId = vault.routePayment(assetId, msg.sender, Types.SOURCE_INVOCATION, fee);
        }
        invocationId = ++invocationCount;
        emit Invoked(invocationId, assetId, msg.sender, licenseId, units, fee, requestHash, paymentId);
    }
}
