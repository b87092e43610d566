export enum PaymentSource {
    LICENSE = "LICENSE",
    INVOCATION = "INVOCATION",
}
