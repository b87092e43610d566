export enum NftCollection {
    OWNERSHIP = "OWNERSHIP",
    RECEIPT = "RECEIPT",
    LICENSE = "LICENSE",
}
