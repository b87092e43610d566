/**
 * The simulator's JSON-RPC client: the tooling's shared client (devnet/client.ts: viem's HTTP
 * JSON-RPC client, batch bodies, timeout, retries with backoff, errors naming method and URL) with
 * a larger response cap than viem's 10 MiB, for `eth_getLogs` pages (simulator/counts.ts adapts
 * its page to the log density and shrinks it when a response is refused).
 */
import {RpcClient, type RpcOptions} from '../devnet/client'

export {RpcError, RpcTransportError, type RpcCall, type RpcOptions} from '../devnet/client'

/** Response cap for the simulator (a 50 000-log page is ~40 MB; V8's longest string is ~512 MiB). */
export const SIM_MAX_RESPONSE_BYTES = 256 * 1024 * 1024

export class Rpc extends RpcClient {
    constructor(url: string, opts: RpcOptions = {}) {
        super(url, {...opts, maxResponseBodySize: opts.maxResponseBodySize ?? SIM_MAX_RESPONSE_BYTES})
    }
}

export function hexToNumber(h: string): number {
    return Number(BigInt(h))
}

export function quantity(n: number | bigint): string {
    return `0x${n.toString(16)}`
}
