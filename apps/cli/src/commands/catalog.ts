// `colo catalog`: the classes a manifest can name, and the ready-made assemblies.
import { connect } from '../api-client';
import { defineCommand } from '../command';
import { renderTable } from '../table';

interface Terminal {
  name: string;
  protocol?: string;
}

export const catalog = defineCommand({
  name: 'catalog',
  summary: 'list the appliance classes and assemblies a manifest can use',
  usage: '',
  examples: [
    '$ colo catalog',
    'CLASS     VERSION  TITLE               TERMINALS (inputs → outputs)',
    'halb      1        HTTP load balancer  in:http, stats:http → out:http',
    'postgres  1        PostgreSQL          in:pgsql',
    '',
    'ASSEMBLY      TITLE         DESCRIPTION',
    'lamp-cluster  LAMP cluster  A load balancer, three PHP web servers, a NAS and PostgreSQL',
  ],
  async run(ctx, { flags }) {
    const client = await connect(ctx);
    const answer = await client.catalog();
    if (flags.json) {
      ctx.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    const classes = answer.classes.map((c) => [c.id, c.version, c.title, terminals(c.terminals.inputs, c.terminals.outputs)]);
    for (const line of renderTable(['CLASS', 'VERSION', 'TITLE', 'TERMINALS (inputs → outputs)'], classes)) ctx.out(line);
    if (answer.assemblies.length) {
      ctx.out('');
      const rows = answer.assemblies.map((a) => [a.id, a.title, a.description]);
      for (const line of renderTable(['ASSEMBLY', 'TITLE', 'DESCRIPTION'], rows)) ctx.out(line);
    }
    return 0;
  },
});

export function terminals(inputs: Terminal[], outputs: Terminal[]): string {
  const list = (ts: Terminal[]) => ts.map((t) => (t.protocol ? `${t.name}:${t.protocol}` : t.name)).join(', ');
  if (!outputs.length) return list(inputs);
  return `${list(inputs)} → ${list(outputs)}`.trim();
}
