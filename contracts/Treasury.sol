// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IGovernor} from "./Interfaces.sol";
import {Types} from "./Types.sol";

/// @title Treasury: protocol fees and deposits, spent only by executed governance proposals (SPEC §7).
contract Treasury {
    using SafeERC20 for IERC20;

    /// Emitted when anyone deposits SAHARA.
    event TreasuryDeposit(address indexed from, uint256 amount, string memo);
    /// Emitted when the vault has transferred a payment's protocol fee here.
    event FeeReceived(uint256 indexed paymentId, uint256 amount);
    /// Emitted when an executing proposal spends from the treasury.
    event TreasuryDisbursement(uint256 indexed proposalId, address indexed to, uint256 amount, uint8 category, string memo);

    error TreasuryOnlyGovernor(address caller);
    error TreasuryNotExecuting();
    error TreasuryOnlyVault(address caller);
    error TreasuryInvalidCategory(uint8 category);

    IERC20 public immutable token;
    address public immutable vault;
    address public immutable governor;

    constructor(IERC20 token_, address vault_, address governor_) {
        token = token_;
        vault = vault_;
        governor = governor_;
    }

    function deposit(uint256 amount, string calldata memo) external {
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit TreasuryDeposit(msg.sender, amount, memo);
    }

    function disburse(address to, uint256 amount, uint8 category, string calldata memo) external {
        if (msg.sender != governor) revert TreasuryOnlyGovernor(msg.sender);
        uint256 proposalId = IGovernor(governor).executingProposalId();
        if (proposalId == 0) revert TreasuryNotExecuting();
        if (category >= Types.SPEND_CATEGORY_COUNT) revert TreasuryInvalidCategory(category);
        token.safeTransfer(to, amount);
        emit TreasuryDisbursement(proposalId, to, amount, category, memo);
    }

    function recordFee(uint256 paymentId, uint256 amount) external {
        if (msg.sender != vault) revert TreasuryOnlyVault(msg.sender);
        emit FeeReceived(paymentId, amount);
    }
}
