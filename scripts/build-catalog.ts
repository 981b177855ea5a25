// Builds the image of every catalog class that is missing or out of date, one at a time, and
// prints per-class progress and timings. Images whose build hash matches are skipped.
//
//   npx tsx scripts/build-catalog.ts [--force] [--no-cache] [--verbose] [class-id ...]
import {
  type ClassBuildEvent,
  type ClassImageResult,
  classBuildSettings,
  ensureClassImages,
  isCatalogError,
  loadCatalog,
  templatesRoot,
} from '@colo/catalog';
import Dockerode from 'dockerode';

const USAGE = 'usage: npx tsx scripts/build-catalog.ts [--force] [--no-cache] [--verbose] [class-id ...]';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('-')));
  const ids = argv.filter((a) => !a.startsWith('-'));
  for (const flag of flags) {
    if (!['--force', '--no-cache', '--verbose', '--help', '-h'].includes(flag)) {
      console.error(`unknown option ${flag}\n${USAGE}`);
      return 2;
    }
  }
  if (flags.has('--help') || flags.has('-h')) {
    console.log(USAGE);
    return 0;
  }
  const verbose = flags.has('--verbose');

  // The system images (the edge proxy) are built with the classes: a fresh machine needs them too.
  const { catalog, system } = await loadCatalog(templatesRoot(process.env));
  const all = [...catalog.sources(), ...system];
  const find = (id: string) => catalog.source(id) ?? system.find((s) => s.class.id === id);
  const unknown = ids.filter((id) => !find(id));
  if (unknown.length > 0) {
    console.error(`unknown class ${unknown.join(', ')}; the catalog has ${all.map((s) => s.class.id).join(', ')}`);
    return 2;
  }
  const sources = ids.length > 0 ? ids.map((id) => find(id)!) : all;
  const docker = new Dockerode();
  const tty = process.stdout.isTTY;
  const width = Math.max(...sources.map((s) => s.class.id.length));
  const label = (id: string) => id.padEnd(width);

  const onProgress = (e: ClassBuildEvent) => {
    switch (e.type) {
      case 'cached':
        console.log(`${label(e.classId)}  up to date   ${e.image}`);
        break;
      case 'external':
        console.log(`${label(e.classId)}  prebuilt     ${e.image}`);
        break;
      case 'start':
        console.log(`${label(e.classId)}  building     ${e.image} (${e.reason})`);
        break;
      case 'step':
        if (!verbose) {
          const text = `${label(e.classId)}    step ${e.step.replace(/\s+/g, ' ')}`;
          if (tty) process.stdout.write(`\r\x1b[2K${text.slice(0, (process.stdout.columns || 100) - 1)}`);
          else console.log(text.slice(0, 160));
        }
        break;
      case 'output':
        if (verbose) console.log(`${label(e.classId)}  | ${e.line}`);
        break;
      case 'built':
        if (tty && !verbose) process.stdout.write('\r\x1b[2K');
        console.log(`${label(e.classId)}  built        ${e.image} in ${seconds(e.ms)}`);
        break;
      case 'failed':
        if (tty && !verbose) process.stdout.write('\r\x1b[2K');
        console.log(`${label(e.classId)}  FAILED       after ${seconds(e.ms)}`);
        break;
    }
  };

  const started = Date.now();
  let results: ClassImageResult[];
  try {
    results = await ensureClassImages(docker, sources, {
      ...classBuildSettings(process.env),
      force: flags.has('--force'),
      noCache: flags.has('--no-cache'),
      onProgress,
    });
  } catch (error) {
    if (isCatalogError(error)) {
      console.error(`\nerror: ${error.message}`);
      if (error.output?.length) console.error(`last build output:\n  ${error.output.join('\n  ')}`);
      return 1;
    }
    throw error;
  }

  const built = results.filter((r) => r.status === 'built');
  console.log(
    `\n${results.length} classes: ${built.length} built, ${results.length - built.length} up to date, in ${seconds(Date.now() - started)}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(isCatalogError(error) ? `error: ${error.message}` : error);
    process.exit(1);
  },
);
