// duckdb-rollup.mjs: the roll-up SQL of bench/gemis-bench.c run by DuckDB on
// the same data, for bench/run's roll-up line.
//
//   node bench/duckdb-rollup.mjs DIR YEAR RUNS
//
// DIR holds the tables as CSV (units, indicators, datavalues, targets, plans:
// what bench/run exports with sqlite3) and rollup.sql (gemis-bench rollup-sql,
// the very text SQLite runs, its parameter ?1 the year).  The tables are
// loaded into an in-memory DuckDB database, then the query is run RUNS times;
// prints duckdb_s (median, loading excluded) and writes the answers of the
// last run to DIR/duckdb-answers.tsv (unit id, indicator, status, F, M, T) for
// gemis-bench duckcmp to compare with the engine's.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, yearText, runsText] = process.argv.slice(2);
const year = Number(yearText);
const runs = Number(runsText || 3);
if (!dir || !Number.isInteger(year)) {
	console.error('usage: node bench/duckdb-rollup.mjs DIR YEAR [RUNS]');
	process.exit(2);
}

// the column types of each table, as the schema has them
const tables = {
	units: { id: 'BIGINT', parent_id: 'BIGINT', level: 'VARCHAR', valid_to: 'VARCHAR' },
	indicators: {
		id: 'VARCHAR', unit: 'VARCHAR', kind: 'VARCHAR', factor: 'DOUBLE', by_sex: 'INTEGER',
		share: 'INTEGER', space_agg: 'VARCHAR', national_direction: 'VARCHAR',
		national_value: 'DOUBLE', national_year: 'INTEGER',
	},
	datavalues: {
		unit_id: 'BIGINT', period: 'VARCHAR', year: 'INTEGER', indicator: 'VARCHAR',
		part: 'VARCHAR', sex: 'VARCHAR', value: 'DOUBLE',
	},
	plans: { id: 'BIGINT', unit_id: 'BIGINT', period_from: 'INTEGER', superseded_at: 'BIGINT' },
	targets: {
		plan_id: 'BIGINT', indicator: 'VARCHAR', direction: 'VARCHAR', value: 'DOUBLE',
		year: 'INTEGER', baseline_value: 'DOUBLE', baseline_year: 'INTEGER',
	},
};

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
for (const [name, cols] of Object.entries(tables)) {
	const spec = Object.entries(cols).map(([c, t]) => `'${c}': '${t}'`).join(', ');
	const file = join(dir, `${name}.csv`).replaceAll("'", "''");
	await con.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${file}', header = true,
		nullstr = '', columns = {${spec}})`);
}
// SQLite numbers its parameters ?1, DuckDB $1
const sql = readFileSync(join(dir, 'rollup.sql'), 'utf8').replaceAll('?1', '$1');
const times = [];
let rows = [];
for (let r = 0; r < runs; r++) {
	const t0 = process.hrtime.bigint();
	const stmt = await con.prepare(sql);
	stmt.bindInteger(1, year);
	const reader = await stmt.runAndReadAll();
	rows = reader.getRows();
	times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
times.sort((a, b) => a - b);
const median = times.length % 2 ? times[(times.length - 1) / 2]
	: (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
const cell = (v) => (v === null || v === undefined ? '' : String(v));
writeFileSync(join(dir, 'duckdb-answers.tsv'),
	rows.map((r) => r.map(cell).join('\t')).join('\n') + '\n');
console.log(`duckdb_s=${median.toFixed(6)} rows=${rows.length}`);
