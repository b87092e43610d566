/*
 * The foundation SDK publishes its modules only through package.json "exports"
 * (`@grafana/grafana-foundation-sdk/dashboard`, ...), which the project's
 * `moduleResolution: node` does not read. Node and tsx resolve them at run time; these
 * declarations point the type checker at the same files.
 */
declare module '@grafana/grafana-foundation-sdk/cog' {
    export * from '@grafana/grafana-foundation-sdk/dist/cog'
}
declare module '@grafana/grafana-foundation-sdk/common' {
    export * from '@grafana/grafana-foundation-sdk/dist/common'
}
declare module '@grafana/grafana-foundation-sdk/dashboard' {
    export * from '@grafana/grafana-foundation-sdk/dist/dashboard'
}
declare module '@grafana/grafana-foundation-sdk/barchart' {
    export * from '@grafana/grafana-foundation-sdk/dist/barchart'
}
declare module '@grafana/grafana-foundation-sdk/piechart' {
    export * from '@grafana/grafana-foundation-sdk/dist/piechart'
}
declare module '@grafana/grafana-foundation-sdk/stat' {
    export * from '@grafana/grafana-foundation-sdk/dist/stat'
}
declare module '@grafana/grafana-foundation-sdk/table' {
    export * from '@grafana/grafana-foundation-sdk/dist/table'
}
declare module '@grafana/grafana-foundation-sdk/timeseries' {
    export * from '@grafana/grafana-foundation-sdk/dist/timeseries'
}
