// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAssetRegistry, IRevenueVault} from "./Interfaces.sol";
import {Types} from "./Types.sol";

/// @title LicenseRegistry: immutable license terms and transferable License NFTs (SPEC §4).
contract LicenseRegistry is ERC721 {
    using SafeERC20 for IERC20;

    struct Terms {
        uint256 assetId;
        uint256 price;
        uint256 pricePerCall;
        uint64 duration;
        uint8 licenseType;
    }

    struct License {
        uint256 termsId;
        uint64 expiresAt;
        bool revoked;
    }

    /// Emitted when the asset owner publishes immutable license terms.
    event LicenseTermsCreated(uint256 indexed termsId, uint256 indexed assetId, uint8 licenseType, uint256 price, uint64 duration, uint256 pricePerCall);
    /// Emitted when a license is bought; `paymentId` is 0 when nothing was paid.
    event LicenseIssued(uint256 indexed licenseId, uint256 indexed termsId, uint256 indexed assetId, address licensee, uint64 expiresAt, uint256 pricePaid, uint256 paymentId);
    /// Emitted when the asset owner revokes a license.
    event LicenseRevoked(uint256 indexed licenseId);

    error LicenseRegistryUnknownAsset(uint256 assetId);
    error LicenseRegistryNotAssetOwner(uint256 assetId, address caller);
    error LicenseRegistryInvalidType(uint8 licenseType);
    error LicenseRegistryOpenUseNotFree(uint256 price);
    error LicenseRegistryUnknownTerms(uint256 termsId);
    error LicenseRegistryUnknownLicense(uint256 licenseId);
    error LicenseRegistryAssetNotActive(uint256 assetId, uint8 status);
    error LicenseRegistryAlreadyRevoked(uint256 licenseId);

    IERC20 public immutable token;
    IAssetRegistry public immutable registry;
    IRevenueVault public immutable vault;

    uint256 public termsCount;
    uint256 public licenseCount;
    mapping(uint256 => Terms) private _terms;
    mapping(uint256 => License) private _licenses;

    constructor(IERC20 token_, IAssetRegistry registry_, IRevenueVault vault_) ERC721("Sahara License", "SAL") {
        token = token_;
        registry = registry_;
        vault = vault_;
    }

    function createTerms(uint256 assetId, uint8 licenseType, uint256 price, uint64 duration, uint256 pricePerCall)
        external
        returns (uint256 termsId)
    {
        if (!registry.exists(assetId)) revert LicenseRegistryUnknownAsset(assetId);
        if (registry.ownerOf(assetId) != msg.sender) revert LicenseRegistryNotAssetOwner(assetId, msg.sender);
        if (licenseType >= Types.LICENSE_TYPE_COUNT) revert LicenseRegistryInvalidType(licenseType);
        if (licenseType == Types.LICENSE_OPEN_USE && price != 0) revert LicenseRegistryOpenUseNotFree(price);
        termsId = ++termsCount;
        _terms[termsId] = Terms(assetId, price, pricePerCall, duration, licenseType);
        emit LicenseTermsCreated(termsId, assetId, licenseType, price, duration, pricePerCall);
    }

    function purchase(uint256 termsId, address licensee) external returns (uint256 licenseId) {
        Terms storage t = _terms[termsId];
        uint256 assetId = t.assetId;
        if (assetId == 0) revert LicenseRegistryUnknownTerms(termsId);
        uint8 st = registry.status(assetId);
        if (st != Types.STATUS_ACTIVE) revert LicenseRegistryAssetNotActive(assetId, st);
        uint256 paymentId;
        if (t.price > 0) {
            token.safeTransferFrom(msg.sender, address(vault), t.price);
            paymentId = vault.routePayment(assetId, msg.sender, Types.SOURCE_LICENSE, t.price);
        }
        uint64 expiresAt = t.duration == 0 ? 0 : uint64(block.timestamp) + t.duration;
        licenseId = ++licenseCount;
        _licenses[licenseId] = License(termsId, expiresAt, false);
        _mint(licensee, licenseId);
        emit LicenseIssued(licenseId, termsId, assetId, licensee, expiresAt, t.price, paymentId);
    }

    function revoke(uint256 licenseId) external {
        License storage l = _licenses[licenseId];
        if (l.termsId == 0) revert LicenseRegistryUnknownLicense(licenseId);
        uint256 assetId = _terms[l.termsId].assetId;
        if (registry.ownerOf(assetId) != msg.sender) revert LicenseRegistryNotAssetOwner(assetId, msg.sender);
        if (l.revoked) revert LicenseRegistryAlreadyRevoked(licenseId);
        l.revoked = true;
        emit LicenseRevoked(licenseId);
    }

    function isValid(uint256 licenseId) public view returns (bool) {
        License storage l = _licenses[licenseId];
        if (l.termsId == 0 || l.revoked) return false;
        return l.expiresAt == 0 || block.timestamp < l.expiresAt;
    }

    function terms(uint256 termsId)
        external
        view
        returns (uint256 assetId, uint8 licenseType, uint256 price, uint64 duration, uint256 pricePerCall)
    {
        Terms storage t = _terms[termsId];
        if (t.assetId == 0) revert LicenseRegistryUnknownTerms(termsId);
        return (t.assetId, t.licenseType, t.price, t.duration, t.pricePerCall);
    }

    function licenseInfo(uint256 licenseId)
        external
        view
        returns (uint256 termsId, uint256 assetId, uint64 expiresAt, bool revoked, uint256 pricePerCall)
    {
        License storage l = _licenses[licenseId];
        if (l.termsId == 0) revert LicenseRegistryUnknownLicense(licenseId);
        Terms storage t = _terms[l.termsId];
        return (l.termsId, t.assetId, l.expiresAt, l.revoked, t.pricePerCall);
    }
}
