import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Invoked: event("0xd5b0a60a409d270b4c46a224b1452e601139a9e53501f714eb01c65f5a9e7596", "Invoked(uint256,uint256,address,uint256,uint32,uint256,bytes32,uint256)", {"invocationId": indexed(p.uint256), "assetId": indexed(p.uint256), "caller": indexed(p.address), "licenseId": p.uint256, "units": p.uint32, "fee": p.uint256, "requestHash": p.bytes32, "paymentId": p.uint256}),
}

export const functions = {
    invocationCount: viewFun("0x0a20119f", "invocationCount()", {}, p.uint256),
    invoke: fun("0xe208969d", "invoke(uint256,uint32,bytes32)", {"licenseId": p.uint256, "units": p.uint32, "requestHash": p.bytes32}, p.uint256),
    licenses: viewFun("0xd90fa572", "licenses()", {}, p.address),
    registry: viewFun("0x7b103999", "registry()", {}, p.address),
    token: viewFun("0xfc0c546a", "token()", {}, p.address),
    vault: viewFun("0xfbfa77cf", "vault()", {}, p.address),
}

export class Contract extends ContractBase {

    invocationCount() {
        return this.eth_call(functions.invocationCount, {})
    }

    licenses() {
        return this.eth_call(functions.licenses, {})
    }

    registry() {
        return this.eth_call(functions.registry, {})
    }

    token() {
        return this.eth_call(functions.token, {})
    }

    vault() {
        return this.eth_call(functions.vault, {})
    }
}

/// Event types
export type InvokedEventArgs = EParams<typeof events.Invoked>

/// Function types
export type InvocationCountParams = FunctionArguments<typeof functions.invocationCount>
export type InvocationCountReturn = FunctionReturn<typeof functions.invocationCount>

export type InvokeParams = FunctionArguments<typeof functions.invoke>
export type InvokeReturn = FunctionReturn<typeof functions.invoke>

export type LicensesParams = FunctionArguments<typeof functions.licenses>
export type LicensesReturn = FunctionReturn<typeof functions.licenses>

export type RegistryParams = FunctionArguments<typeof functions.registry>
export type RegistryReturn = FunctionReturn<typeof functions.registry>

export type TokenParams = FunctionArguments<typeof functions.token>
export type TokenReturn = FunctionReturn<typeof functions.token>

export type VaultParams = FunctionArguments<typeof functions.vault>
export type VaultReturn = FunctionReturn<typeof functions.vault>

