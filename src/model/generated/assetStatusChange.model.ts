import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Asset} from "./asset.model"
import {AssetStatus} from "./_assetStatus"

/**
 * Asset status change (AssetStatusChanged).
 */
@Entity_()
export class AssetStatusChange {
    constructor(props?: Partial<AssetStatusChange>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The asset.
     */
    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    /**
     * The new status.
     */
    @Column_("varchar", {length: 7, nullable: false})
    status!: AssetStatus

    /**
     * Block number of the event.
     */
    @IntColumn_({nullable: false})
    block!: number

    /**
     * Block time of the event (UTC).
     */
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    /**
     * Hash of the transaction that emitted the event.
     */
    @StringColumn_({nullable: false})
    txHash!: string
}
