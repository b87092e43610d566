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

    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    @IntColumn_({nullable: false})
    version!: number

    @StringColumn_({nullable: false})
    uri!: string

    @BytesColumn_({nullable: false})
    uriRaw!: Uint8Array

    @BooleanColumn_({nullable: false})
    uriTruncated!: boolean

    @BytesColumn_({nullable: false})
    contentHash!: Uint8Array

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string
}
