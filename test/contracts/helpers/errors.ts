/** Expectations on reverts, decoded with viem (BaseError.walk → ContractFunctionRevertedError). */
import {BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex} from 'viem'
import {expect} from 'vitest'

export interface DecodedRevert {
    errorName: string
    args: readonly unknown[]
}

/** Finds the decoded custom error in a viem error, or undefined. */
export function revertOf(e: unknown): DecodedRevert | undefined {
    if (!(e instanceof BaseError)) return undefined
    const err = e.walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null
    if (!err?.data) return undefined
    return {errorName: err.data.errorName, args: err.data.args ?? []}
}

/**
 * Awaits `promise` (a `P.send(...)`) and checks that it reverted with the custom error `errorName`
 * and, if given, exactly these arguments. Returns the decoded error.
 */
export async function expectRevert(promise: Promise<unknown>, errorName: string, args?: readonly unknown[]): Promise<DecodedRevert> {
    let error: unknown
    try {
        await promise
    } catch (e) {
        error = e
    }
    if (error === undefined) throw new Error(`expected a revert with ${errorName}, but the call succeeded`)
    const decoded = revertOf(error)
    if (!decoded) throw new Error(`expected a revert with ${errorName}, got an undecoded error: ${(error as Error).message}`)
    expect(decoded.errorName, `revert error (args ${JSON.stringify(decoded.args, big)})`).toBe(errorName)
    if (args !== undefined) expect(decoded.args).toEqual(args)
    return decoded
}

/** Decodes revert data carried inside another error (e.g. GovernorActionFailed.returnData). */
export function decodeInner(errorsAbi: Abi, data: Hex): DecodedRevert {
    const d = decodeErrorResult({abi: errorsAbi, data})
    return {errorName: d.errorName, args: (d.args ?? []) as readonly unknown[]}
}

function big(_k: string, v: unknown) {
    return typeof v === 'bigint' ? v.toString() : v
}
