import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, BytesColumn as BytesColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Asset} from "./asset.model"

/**
 * One version of an asset (AssetRegistered gives version 1, each AssetUpdated the next).
 */
@Entity_()
export class AssetVersion {
    constructor(props?: Partial<AssetVersion>) {
        Object.assign(this, props)
    }

    /**
     * `<assetId>-<version>`.
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
     * Version number (1 at registration).
     */
    @IntColumn_({nullable: false})
    version!: number

    /**
     * Display-safe uri (see the header on strings).
     */
    @StringColumn_({nullable: false})
    uri!: string

    /**
     * Exact uri bytes as emitted.
     */
    @BytesColumn_({nullable: false})
    uriRaw!: Uint8Array

    /**
     * True if `uri` was cut for display.
     */
    @BooleanColumn_({nullable: false})
    uriTruncated!: boolean

    /**
     * Content hash (bytes32) of this version.
     */
    @BytesColumn_({nullable: false})
    contentHash!: Uint8Array

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
