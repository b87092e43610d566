// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Types} from "./Types.sol";

/// @title AssetRegistry: the Ownership NFT of AI assets and their lineage graph (SPEC §2).
contract AssetRegistry is ERC721 {
    uint8 public constant MAX_PARENTS = 8;

    struct Asset {
        uint8 kind;
        uint8 status;
        uint16 contributorBps;
        uint16 upstreamBpsSum;
        uint32 version;
    }

    /// Emitted when an asset is registered (version 1, status ACTIVE).
    event AssetRegistered(uint256 indexed assetId, address indexed owner, uint8 kind, string uri, bytes32 contentHash, uint16 contributorBps);
    /// Emitted when the owner publishes a new version.
    event AssetUpdated(uint256 indexed assetId, uint32 version, string uri, bytes32 contentHash);
    /// Emitted when a parent is appended to the asset's lineage.
    event AssetLinked(uint256 indexed assetId, uint256 indexed parentId, uint8 relation, uint16 upstreamBps);
    /// Emitted when the contributor share changes.
    event ContributorShareSet(uint256 indexed assetId, uint16 contributorBps);
    /// Emitted when the status changes.
    event AssetStatusChanged(uint256 indexed assetId, uint8 status);

    error AssetRegistryUnknownAsset(uint256 assetId);
    error AssetRegistryNotOwner(uint256 assetId, address caller);
    error AssetRegistryInvalidKind(uint8 kind);
    error AssetRegistryInvalidStatus(uint8 status);
    error AssetRegistryInvalidRelation(uint8 relation);
    error AssetRegistryShareTooHigh(uint256 assetId, uint16 contributorBps, uint16 upstreamBpsSum);
    error AssetRegistryInvalidParent(uint256 assetId, uint256 parentId);
    error AssetRegistryAlreadyLinked(uint256 assetId, uint256 parentId);
    error AssetRegistryTooManyParents(uint256 assetId, uint256 count);
    error AssetRegistryRetired(uint256 assetId);

    uint256 public assetCount;
    mapping(uint256 => Asset) private _assets;
    mapping(uint256 => uint256[]) private _parentIds;
    mapping(uint256 => uint16[]) private _upstreamBps;
    mapping(uint256 => mapping(uint256 => bool)) public isLinked;

    constructor() ERC721("Sahara Ownership", "SAO") {}

    modifier onlyAssetOwner(uint256 assetId) {
        address owner = _ownerOf(assetId);
        if (owner == address(0)) revert AssetRegistryUnknownAsset(assetId);
        if (owner != msg.sender) revert AssetRegistryNotOwner(assetId, msg.sender);
        _;
    }

    function register(uint8 kind, string calldata uri, bytes32 contentHash, uint16 contributorBps_)
        external
        returns (uint256 assetId)
    {
        if (kind >= Types.KIND_COUNT) revert AssetRegistryInvalidKind(kind);
        if (contributorBps_ > Types.BPS) revert AssetRegistryShareTooHigh(assetCount + 1, contributorBps_, 0);
        assetId = ++assetCount;
        _assets[assetId] = Asset({kind: kind, status: Types.STATUS_ACTIVE, contributorBps: contributorBps_, upstreamBpsSum: 0, version: 1});
        _mint(msg.sender, assetId);
        emit AssetRegistered(assetId, msg.sender, kind, uri, contentHash, contributorBps_);
    }

    function update(uint256 assetId, string calldata uri, bytes32 contentHash) external onlyAssetOwner(assetId) {
        uint32 version = ++_assets[assetId].version;
        emit AssetUpdated(assetId, version, uri, contentHash);
    }

    function link(uint256 assetId, uint256 parentId, uint8 relation, uint16 upstreamBps)
        external
        onlyAssetOwner(assetId)
    {
        if (parentId == 0 || parentId >= assetId) revert AssetRegistryInvalidParent(assetId, parentId);
        if (relation >= Types.RELATION_COUNT) revert AssetRegistryInvalidRelation(relation);
        if (isLinked[assetId][parentId]) revert AssetRegistryAlreadyLinked(assetId, parentId);
        uint256 count = _parentIds[assetId].length;
        if (count >= MAX_PARENTS) revert AssetRegistryTooManyParents(assetId, count + 1);
        Asset storage a = _assets[assetId];
        uint256 upstream = uint256(a.upstreamBpsSum) + upstreamBps;
        if (uint256(a.contributorBps) + upstream > Types.BPS) {
            revert AssetRegistryShareTooHigh(assetId, a.contributorBps, uint16(upstream > type(uint16).max ? type(uint16).max : upstream));
        }
        a.upstreamBpsSum = uint16(upstream);
        isLinked[assetId][parentId] = true;
        _parentIds[assetId].push(parentId);
        _upstreamBps[assetId].push(upstreamBps);
        emit AssetLinked(assetId, parentId, relation, upstreamBps);
    }

    function setContributorBps(uint256 assetId, uint16 contributorBps_) external onlyAssetOwner(assetId) {
        Asset storage a = _assets[assetId];
        if (uint256(contributorBps_) + a.upstreamBpsSum > Types.BPS) {
            revert AssetRegistryShareTooHigh(assetId, contributorBps_, a.upstreamBpsSum);
        }
        a.contributorBps = contributorBps_;
        emit ContributorShareSet(assetId, contributorBps_);
    }

    function setStatus(uint256 assetId, uint8 status_) external onlyAssetOwner(assetId) {
        if (status_ >= Types.STATUS_COUNT) revert AssetRegistryInvalidStatus(status_);
        Asset storage a = _assets[assetId];
        if (a.status == Types.STATUS_RETIRED) revert AssetRegistryRetired(assetId);
        a.status = status_;
        emit AssetStatusChanged(assetId, status_);
    }

    // ---- views ----

    function parents(uint256 assetId) external view returns (uint256[] memory parentIds, uint16[] memory upstreamBps) {
        _requireAsset(assetId);
        return (_parentIds[assetId], _upstreamBps[assetId]);
    }

    function exists(uint256 assetId) public view returns (bool) {
        return _ownerOf(assetId) != address(0);
    }

    function kind(uint256 assetId) external view returns (uint8) {
        _requireAsset(assetId);
        return _assets[assetId].kind;
    }

    function status(uint256 assetId) external view returns (uint8) {
        _requireAsset(assetId);
        return _assets[assetId].status;
    }

    function contributorBps(uint256 assetId) external view returns (uint16) {
        _requireAsset(assetId);
        return _assets[assetId].contributorBps;
    }

    function version(uint256 assetId) external view returns (uint32) {
        _requireAsset(assetId);
        return _assets[assetId].version;
    }

    function _requireAsset(uint256 assetId) private view {
        if (!exists(assetId)) revert AssetRegistryUnknownAsset(assetId);
    }
}
