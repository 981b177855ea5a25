// bench/validate: what the validator costs on the worst manifests a user can send, in one run.
//
//   npx tsx bench/validate.ts [--rounds N] [--shape NAME] [--kib N]
//
// For each hostile shape (HOSTILE_SHAPES in @colo/manifest: many keys, many appliances, wires to
// unknown names, deep nesting, long strings, duplicate keys, YAML alias bombs, …) it builds the
// largest manifest that fits the 1 MiB cap and times parse+validate, worst of N rounds, three ways:
//   yaml       the YAML text through validateManifestText (the CLI, POST /validate with text)
//   json       the JSON text through validateManifestText
//   json-body  JSON.parse, then validateManifest on the value (POST /validate with an object)
// against two baselines measured in the same run (medians): a plain JSON.parse of the same
// shape's JSON text (an ordinary 1 MiB manifest for the YAML-only alias bomb), and the yaml
// package's bare parseDocument of the same YAML text. Two ratios must stay under 50×, or the
// script exits 1: JSON (worst of json and json-body over JSON.parse) and YAML over the bare YAML
// parser. YAML over JSON.parse is printed too: it is the yaml package's own constant cost per
// byte (linear, but far above JSON.parse), which no check of ours can remove.
// Needs nothing running: the catalog is read from templates/.
import { parseArgs } from 'node:util';
import { loadCatalog, templatesRoot } from '@colo/catalog';
import { HOSTILE_SHAPES } from '@colo/manifest/testing';
import { jsonParseBaseline, measureShape } from './validation-cost';

const MAX_RATIO = 50;

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, shape: { type: 'string' }, kib: { type: 'string', default: '1024' } },
});
const rounds = Number(values.rounds);
const maxBytes = Number(values.kib) * 1024;
const shapes = HOSTILE_SHAPES.filter((s) => values.shape === undefined || s.name === values.shape);
if (!Number.isInteger(rounds) || rounds < 1 || !(maxBytes > 0) || maxBytes > 1024 * 1024 || shapes.length === 0) {
  console.error(`usage: npx tsx bench/validate.ts [--rounds N>=1] [--kib N<=1024] [--shape ${HOSTILE_SHAPES.map((s) => s.name).join('|')}]`);
  process.exit(2);
}

const ms = (x: number | undefined) => (x === undefined ? '—' : x < 10 ? x.toFixed(1) : String(Math.round(x)));

async function main() {
  const { catalog } = await loadCatalog(templatesRoot(process.env));
  const baseline = jsonParseBaseline(maxBytes, rounds);
  console.log(`bench/validate: worst of ${rounds} round(s) per shape, manifests ≤ ${values.kib} KiB`);
  console.log(`baseline: JSON.parse of an ordinary ${values.kib} KiB manifest = ${ms(baseline)} ms (median)\n`);
  console.log('| shape | KiB | yaml ms | json ms | json-body ms | JSON.parse ms | JSON ratio | yaml parser ms | YAML / parser | YAML / JSON.parse | verdict |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  let worstJson = 0;
  let worstYaml = 0;
  for (const shape of shapes) {
    const cost = measureShape(shape, catalog, rounds, maxBytes);
    const parse = cost.jsonParse ?? baseline;
    const jsonRatio = cost.json === undefined ? undefined : Math.max(cost.json, cost.jsonBody ?? 0) / parse;
    const yamlRatio = cost.yaml / cost.yamlParse;
    worstJson = Math.max(worstJson, jsonRatio ?? 0);
    worstYaml = Math.max(worstYaml, yamlRatio);
    const verdict = cost.verdict.replaceAll('|', '\\|');
    const x = (r: number | undefined) => (r === undefined ? '—' : `${r.toFixed(1)}×`);
    console.log(
      `| ${cost.shape} | ${Math.round(cost.bytes / 1024)} | ${ms(cost.yaml)} | ${ms(cost.json)} | ${ms(cost.jsonBody)} | ${ms(parse)} | ${x(jsonRatio)} | ${ms(cost.yamlParse)} | ${x(yamlRatio)} | ${x(cost.yaml / parse)} | ${verdict} |`,
    );
  }
  console.log(`\nworst JSON ratio ${worstJson.toFixed(1)}×, worst YAML-over-parser ratio ${worstYaml.toFixed(1)}× (limit ${MAX_RATIO}×)`);
  if (worstJson >= MAX_RATIO || worstYaml >= MAX_RATIO) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`bench/validate failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
