import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Asset} from "./asset.model"
import {Relation} from "./_relation"

/**
 * A lineage edge: `child` derives from `parent` (AssetLinked). Append-only.
 */
@Entity_()
export class AssetLink {
    constructor(props?: Partial<AssetLink>) {
        Object.assign(this, props)
    }

    /**
     * `<childId>-<parentId>`.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The derived asset (pays upstream).
     */
    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    child!: Asset

    /**
     * The asset derived from (receives upstream revenue).
     */
    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    parent!: Asset

    /**
     * How the child derives from the parent.
     */
    @Column_("varchar", {length: 14, nullable: false})
    relation!: Relation

    /**
     * Share of the child's net revenue sent to this parent, bps.
     */
    @IntColumn_({nullable: false})
    upstreamBps!: number

    /**
     * Position among the child's parents (0-based, link order = distribution order).
     */
    @IntColumn_({nullable: false})
    position!: number

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
