export enum ContributionType {
    DATA = "DATA",
    LABEL = "LABEL",
    REVIEW = "REVIEW",
    FINETUNE = "FINETUNE",
    EVALUATION = "EVALUATION",
    CODE = "CODE",
}
