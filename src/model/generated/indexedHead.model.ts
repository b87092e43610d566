import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * The indexed head: the last block the processor has written (hot blocks included), with its
 * hash and block time. One row, id `head`, rewritten by every batch (and rolled back with a reorg).
 * The figures served "at the indexed height" (ReceiptAccrual, LicenseValidity) are at this block.
 * Asked with `asOfBlock: B`, it is block B (its hash and time from the chain).
 */
@Entity_()
export class IndexedHead {
    constructor(props?: Partial<IndexedHead>) {
        Object.assign(this, props)
    }

    /**
     * Always `head`.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Block number of the indexed head.
     */
    @IntColumn_({nullable: false})
    height!: number

    /**
     * Its block hash.
     */
    @StringColumn_({nullable: false})
    hash!: string

    /**
     * Its block time (UTC): the `now` of LicenseValidity.
     */
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    /**
     * The first block the processor indexes (START_BLOCK, else the deployment's start block): `asOfBlock` may range from it to `height`.
     */
    @IntColumn_({nullable: false})
    startBlock!: number
}
