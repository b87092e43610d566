/** Template variables: the datasource (by uid), the asset kind and the time bucket. */
import {CustomVariableBuilder, DatasourceVariableBuilder, IntervalVariableBuilder, type DataSourceRef} from '@grafana/grafana-foundation-sdk/dashboard'
import type {VariableName} from './spec'

/** Plugin id of Grafana's PostgreSQL datasource. */
export const POSTGRES_PLUGIN = 'grafana-postgresql-datasource'
/** uid of the provisioned datasource (grafana/provisioning/datasources/postgres.yaml). */
export const DATASOURCE_UID = 'sahara-postgres'
/** Every panel and query points at the datasource variable, so another Postgres can be picked. */
export const DATASOURCE: DataSourceRef = {type: POSTGRES_PLUGIN, uid: '${datasource}'}

export const ASSET_KINDS = ['DATASET', 'MODEL', 'AGENT', 'PIPELINE'] as const
export const BUCKETS = ['1d', '7d', '30d'] as const

export function datasourceVariable() {
    return new DatasourceVariableBuilder('datasource')
        .label('Data source')
        .type(POSTGRES_PLUGIN)
        .current({text: 'Sahara Postgres', value: DATASOURCE_UID})
}

export function variable(name: VariableName) {
    switch (name) {
        case 'kind':
            return new CustomVariableBuilder('kind')
                .label('Asset kind')
                .description('Asset kinds the panels include (multi-select)')
                .values(ASSET_KINDS.join(','))
                .multi(true)
                .includeAll(true)
                .allowCustomValue(false)
                .current({text: ['All'], value: ['$__all']})
                .options([{text: 'All', value: '$__all', selected: true}, ...ASSET_KINDS.map((k) => ({text: k, value: k, selected: false}))])
        case 'bucket':
            return new IntervalVariableBuilder('bucket')
                .label('Bucket')
                .description('Width of the time buckets of the charts')
                .values(BUCKETS.join(','))
                .allowCustomValue(false)
                .current({text: '1d', value: '1d'})
                .options(BUCKETS.map((b) => ({text: b, value: b, selected: b === '1d'})))
    }
}
