import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    FeeReceived: event("0xfea45ce51f673dc5b65fb0de21f3d35bae08eb1812c826b4d98c86c147db718c", "FeeReceived(uint256,uint256)", {"paymentId": indexed(p.uint256), "amount": p.uint256}),
    TreasuryDeposit: event("0xcd53d9e41355a9c260b79839586e992231d14c9dbb60887c3c8e9302f9f82387", "TreasuryDeposit(address,uint256,string)", {"from": indexed(p.address), "amount": p.uint256, "memo": p.string}),
    TreasuryDisbursement: event("0x83eebc28e1094553bbd7be1a365a2f7d34b61430ca61783feff9fad5bd8adc97", "TreasuryDisbursement(uint256,address,uint256,uint8,string)", {"proposalId": indexed(p.uint256), "to": indexed(p.address), "amount": p.uint256, "category": p.uint8, "memo": p.string}),
}

export const functions = {
    deposit: fun("0xf1215d25", "deposit(uint256,string)", {"amount": p.uint256, "memo": p.string}, ),
    disburse: fun("0xcc9f7d06", "disburse(address,uint256,uint8,string)", {"to": p.address, "amount": p.uint256, "category": p.uint8, "memo": p.string}, ),
    governor: viewFun("0x0c340a24", "governor()", {}, p.address),
    recordFee: fun("0x2d58fff4", "recordFee(uint256,uint256)", {"paymentId": p.uint256, "amount": p.uint256}, ),
    token: viewFun("0xfc0c546a", "token()", {}, p.address),
    vault: viewFun("0xfbfa77cf", "vault()", {}, p.address),
}

export class Contract extends ContractBase {

    governor() {
        return this.eth_call(functions.governor, {})
    }

    token() {
        return this.eth_call(functions.token, {})
    }

    vault() {
        return this.eth_call(functions.vault, {})
    }
}

/// Event types
export type FeeReceivedEventArgs = EParams<typeof events.FeeReceived>
export type TreasuryDepositEventArgs = EParams<typeof events.TreasuryDeposit>
export type TreasuryDisbursementEventArgs = EParams<typeof events.TreasuryDisbursement>

/// Function types
export type DepositParams = FunctionArguments<typeof functions.deposit>
export type DepositReturn = FunctionReturn<typeof functions.deposit>

export type DisburseParams = FunctionArguments<typeof functions.disburse>
export type DisburseReturn = FunctionReturn<typeof functions.disburse>

export type GovernorParams = FunctionArguments<typeof functions.governor>
export type GovernorReturn = FunctionReturn<typeof functions.governor>

export type RecordFeeParams = FunctionArguments<typeof functions.recordFee>
export type RecordFeeReturn = FunctionReturn<typeof functions.recordFee>

export type TokenParams = FunctionArguments<typeof functions.token>
export type TokenReturn = FunctionReturn<typeof functions.token>

export type VaultParams = FunctionArguments<typeof functions.vault>
export type VaultReturn = FunctionReturn<typeof functions.vault>

