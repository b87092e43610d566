/**
 * A Grafana PostgreSQL query (the SDK has no typed builder for it): raw SQL in code mode.
 * `format` tells Grafana how to read the rows: `time_series` needs a `time` column (sorted
 * ascending) and numeric value columns, with an optional `metric` column naming the series;
 * `table` shows the columns as they are.
 */
import type {Builder, Dataquery} from '@grafana/grafana-foundation-sdk/cog'
import type {DataSourceRef} from '@grafana/grafana-foundation-sdk/dashboard'

export type SqlFormat = 'time_series' | 'table'

export interface SqlQuery {
    refId: string
    hide?: boolean
    datasource?: DataSourceRef
    /** SQL with Grafana macros ($__timeFilter, $__timeGroupAlias, ...) and template variables. */
    rawSql: string
    format: SqlFormat
    /** Always true: the query is raw SQL, not built by the visual editor. */
    rawQuery: true
    /** Opens the query in the code editor (the builder cannot represent these queries). */
    editorMode: 'code'
    _implementsDataqueryVariant(): void
}

export class SqlQueryBuilder implements Builder<Dataquery> {
    private readonly internal: SqlQuery

    constructor(rawSql: string, format: SqlFormat) {
        this.internal = {refId: 'A', rawSql, format, rawQuery: true, editorMode: 'code', _implementsDataqueryVariant() {}}
    }

    refId(refId: string): this {
        this.internal.refId = refId
        return this
    }

    datasource(ref: DataSourceRef): this {
        this.internal.datasource = ref
        return this
    }

    build(): SqlQuery {
        return this.internal
    }
}
