// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAssetRegistry, IContributionReceipts, ITreasury} from "./Interfaces.sol";
import {Types} from "./Types.sol";

/// @title RevenueVault: splits every payment into protocol fee, upstream royalties, contributor
/// pool and owner part, and keeps the claimable balances (SPEC §6).
contract RevenueVault {
    using SafeERC20 for IERC20;

    uint8 public constant MAX_DEPTH = 8;
    uint16 public constant MAX_PROTOCOL_FEE_BPS = 2000;
    uint256 internal constant ACC_SCALE = 1e18;

    /// Emitted for every routed payment, after its fee went to the treasury.
    event PaymentReceived(uint256 indexed paymentId, uint256 indexed assetId, address indexed payer, uint8 source, uint256 amount, uint256 protocolFee);
    /// Emitted for every asset a payment reaches, post-order (the paid asset last).
    event RevenueDistributed(uint256 indexed paymentId, uint256 indexed assetId, uint8 depth, uint256 amount, uint256 toOwner, uint256 toContributors, uint256 toUpstream, address owner);
    /// Emitted when an owner withdraws its claimable balance.
    event OwnerClaimed(address indexed account, uint256 amount);
    /// Emitted when a contributor withdraws a receipt's claimable amount.
    event ReceiptClaimed(uint256 indexed receiptId, address indexed contributor, uint256 amount);
    /// Emitted when the protocol fee changes (and once at deployment).
    event ProtocolFeeUpdated(uint16 oldBps, uint16 newBps);

    error RevenueVaultOnlyGovernor(address caller);
    error RevenueVaultOnlyPaymentSource(address caller);
    error RevenueVaultOnlyReceipts(address caller);
    error RevenueVaultFeeTooHigh(uint16 bps, uint16 maxBps);
    error RevenueVaultNotContributor(uint256 receiptId, address caller);

    struct ReceiptBook {
        uint256 snapshot; // accRevenuePerWeight of the asset at issue
        uint256 frozen; // accrued at revocation
        uint256 claimed;
        uint8 stage; // 0 unknown, 1 active, 2 revoked (frozen)
    }

    IERC20 public immutable token;
    IAssetRegistry public immutable registry;
    IContributionReceipts public immutable receipts;
    address public immutable licenses;
    address public immutable router;
    ITreasury public immutable treasury;
    address public immutable governor;

    uint16 public protocolFeeBps;
    uint256 public paymentCount;
    mapping(address => uint256) public ownerClaimable;
    mapping(uint256 => uint256) public accRevenuePerWeight;
    mapping(uint256 => ReceiptBook) private _books;

    constructor(
        IERC20 token_,
        IAssetRegistry registry_,
        IContributionReceipts receipts_,
        address licenses_,
        address router_,
        ITreasury treasury_,
        address governor_
    ) {
        token = token_;
        registry = registry_;
        receipts = receipts_;
        licenses = licenses_;
        router = router_;
        treasury = treasury_;
        governor = governor_;
        protocolFeeBps = 500;
        emit ProtocolFeeUpdated(0, 500);
    }

    function setProtocolFeeBps(uint16 bps) external {
        if (msg.sender != governor) revert RevenueVaultOnlyGovernor(msg.sender);
        if (bps > MAX_PROTOCOL_FEE_BPS) revert RevenueVaultFeeTooHigh(bps, MAX_PROTOCOL_FEE_BPS);
        emit ProtocolFeeUpdated(protocolFeeBps, bps);
        protocolFeeBps = bps;
    }

    /// Called by LicenseRegistry / InvocationRouter after moving `amount` to this vault.
    function routePayment(uint256 assetId, address payer, uint8 source, uint256 amount)
        external
        returns (uint256 paymentId)
    {
        if (msg.sender != licenses && msg.sender != router) revert RevenueVaultOnlyPaymentSource(msg.sender);
        paymentId = ++paymentCount;
        uint256 fee = amount * protocolFeeBps / Types.BPS;
        if (fee > 0) {
            token.safeTransfer(address(treasury), fee);
            treasury.recordFee(paymentId, fee);
        }
        emit PaymentReceived(paymentId, assetId, payer, source, amount, fee);
        _distribute(paymentId, assetId, amount - fee, 0);
    }

    function _distribute(uint256 paymentId, uint256 assetId, uint256 amount, uint8 depth) private {
        if (amount == 0) return;
        (uint256[] memory parentIds, uint16[] memory upstreamBps) = registry.parents(assetId);
        uint256 upstream;
        for (uint256 i = 0; i < parentIds.length; i++) {
            uint256 u = amount * upstreamBps[i] / Types.BPS;
            if (depth < MAX_DEPTH) {
                _distribute(paymentId, parentIds[i], u, depth + 1);
                upstream += u;
            }
        }
        uint256 c;
        uint256 w = receipts.totalWeight(assetId);
        if (w > 0) {
            c = amount * registry.contributorBps(assetId) / Types.BPS;
            accRevenuePerWeight[assetId] += c * ACC_SCALE / w;
        }
        uint256 o = amount - upstream - c;
        address owner = registry.ownerOf(assetId);
        ownerClaimable[owner] += o;
        emit RevenueDistributed(paymentId, assetId, depth, amount, o, c, upstream, owner);
    }

    /// Called by ContributionReceipts on issue (snapshot) and on revoke (freeze).
    function checkpointReceipt(uint256 receiptId) external {
        if (msg.sender != address(receipts)) revert RevenueVaultOnlyReceipts(msg.sender);
        ReceiptBook storage b = _books[receiptId];
        if (b.stage == 0) {
            (uint256 assetId,,,) = receipts.receiptInfo(receiptId);
            b.snapshot = accRevenuePerWeight[assetId];
            b.stage = 1;
        } else if (b.stage == 1) {
            b.frozen = receiptAccrued(receiptId);
            b.stage = 2;
        }
    }

    function receiptAccrued(uint256 receiptId) public view returns (uint256) {
        ReceiptBook storage b = _books[receiptId];
        if (b.stage == 0) return 0;
        if (b.stage == 2) return b.frozen;
        (uint256 assetId,, uint128 weight,) = receipts.receiptInfo(receiptId);
        return uint256(weight) * (accRevenuePerWeight[assetId] - b.snapshot) / ACC_SCALE;
    }

    function receiptClaimable(uint256 receiptId) public view returns (uint256) {
        return receiptAccrued(receiptId) - _books[receiptId].claimed;
    }

    function receiptClaimed(uint256 receiptId) external view returns (uint256) {
        return _books[receiptId].claimed;
    }

    function claimOwner() external returns (uint256 amount) {
        amount = ownerClaimable[msg.sender];
        if (amount == 0) return 0;
        ownerClaimable[msg.sender] = 0;
        token.safeTransfer(msg.sender, amount);
        emit OwnerClaimed(msg.sender, amount);
    }

    function claimReceipts(uint256[] calldata receiptIds) external returns (uint256 total) {
        for (uint256 i = 0; i < receiptIds.length; i++) {
            uint256 id = receiptIds[i];
            (, address contributor,,) = receipts.receiptInfo(id);
            if (contributor != msg.sender) revert RevenueVaultNotContributor(id, msg.sender);
            uint256 amount = receiptClaimable(id);
            if (amount == 0) continue;
            _books[id].claimed += amount;
            total += amount;
            emit ReceiptClaimed(id, msg.sender, amount);
        }
        if (total > 0) token.safeTransfer(msg.sender, total);
    }
}
