/** The block being assembled: its transactions (in execution order), gas and pinned timestamp. */
import {BLOCK_GAS_BUDGET, type SimTx} from './send'

export class BlockBatch {
    readonly txs: SimTx[] = []
    gas = 0
    /** Run after the block is mined and every transaction's `onLogs` has run. */
    readonly after: (() => void)[] = []

    constructor(
        readonly number: number,
        /** Timestamp the block will have (the simulator pins it). */
        readonly timestamp: number,
    ) {}

    add(tx: SimTx): void {
        this.txs.push(tx)
        this.gas += tx.gas
    }

    hasRoom(gas: number): boolean {
        return this.gas + gas <= BLOCK_GAS_BUDGET
    }
}
