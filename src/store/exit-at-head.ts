import {rpcCall} from '../rpc/client'

/** The chain head when the processor starts (for `EXIT_AT_HEAD`), read with retries. */
export async function headAtStart(rpcUrl: string): Promise<number> {
    const hex = await rpcCall<string>(rpcUrl, 'eth_blockNumber')
    return Number(BigInt(hex))
}

/**
 * A commit hook (ResilientDatabase `onCommitted`) that exits the process (code 0) right after the
 * transaction that reaches `target` — hot blocks included — has committed: a batch job indexes up
 * to the head it saw at start and stops.
 */
export function exitAtHead(target: number): (height: number) => void {
    return (height) => {
        if (height >= target) {
            console.log(`indexed up to block ${height} (head at start: ${target}); exiting`)
            process.exit(0)
        }
    }
}
