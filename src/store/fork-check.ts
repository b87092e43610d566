import {rpcCall} from '../rpc/client'

/** Exit code of a processor that stopped because the chain forked below its finalized head. */
export const EXIT_DEEP_REORG = 3

/**
 * The finalized head the database holds must still be on the chain. If it is not, the chain
 * reorganized deeper than FINALITY_CONFIRMATION: the database holds blocks of an orphaned fork,
 * which the processor can no longer roll back (only hot blocks keep a change log). This says what
 * happened and how to recover, then exits with EXIT_DEEP_REORG (a supervisor does not restart it).
 */
export function deepReorgCheck(opts: {rpcUrl: string; finalityConfirmation: number; startBlock: number}) {
    return async (head: {height: number; hash: string}): Promise<void> => {
        const block = await rpcCall<{hash: string} | null>(opts.rpcUrl, 'eth_getBlockByNumber', ['0x' + head.height.toString(16), false])
        if (block != null && block.hash === head.hash) return
        const chainHead = Number(BigInt(await rpcCall<string>(opts.rpcUrl, 'eth_blockNumber')))
        console.error(
            [
                `DEEP REORG: block ${head.height}, which this database holds as final (hash ${head.hash}), is ${block == null ? 'no longer on the chain' : `now ${block.hash}`}.`,
                `The chain reorganized deeper than FINALITY_CONFIRMATION=${opts.finalityConfirmation} blocks (fork at or below block ${head.height}, ` +
                    `depth at least ${Math.max(chainHead - head.height + 1, opts.finalityConfirmation + 1)}), so the database holds rows of an orphaned fork and the processor stopped.`,
                `Recover: npm run process -- --reindex   (or REINDEX=1 for the processor alone): drops the indexed rows and indexes again from block ${opts.startBlock};`,
                `the result equals a fresh index of the new chain. To avoid this, set FINALITY_CONFIRMATION to the deepest reorg the chain can have.`,
            ].join('\n'),
        )
        process.exit(EXIT_DEEP_REORG)
    }
}
