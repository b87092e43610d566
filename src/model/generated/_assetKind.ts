export enum AssetKind {
    DATASET = "DATASET",
    MODEL = "MODEL",
    AGENT = "AGENT",
    PIPELINE = "PIPELINE",
}
