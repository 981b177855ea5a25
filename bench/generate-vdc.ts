// A valid VDC of a chosen size for the editor benchmark: halb → web-php/web-static, web-php wired
// to postgres (db) and a NAS (fs), web-static to a NAS (fs). Counts land exactly on the request
// when it is reachable (connections between appliances−5% and twice that); the result says what it made.
export interface GeneratedVdc {
  apiVersion: 'colo/v1';
  kind: 'VDC';
  name: string;
  appliances: { name: string; class: string }[];
  connections: { from: string; to: string }[];
  visual: Record<string, { x: number; y: number }>;
}

export function generateVdc(name: string, appliances: number, connections: number): GeneratedVdc {
  const servers = Math.max(1, Math.round(appliances / 15));
  const rest = Math.max(2, appliances - 2 * servers);
  // halb + web-php + web-static = rest; halb + 2·web-php + web-static = connections.
  const php = Math.min(rest - 1, Math.max(1, connections - rest));
  const lbs = Math.max(1, Math.round((rest - php) / 3));
  const statics = Math.max(0, rest - php - lbs);
  const doc: GeneratedVdc = { apiVersion: 'colo/v1', kind: 'VDC', name, appliances: [], connections: [], visual: {} };
  const add = (prefix: string, cls: string, count: number, column: number) => {
    for (let i = 1; i <= count; i++) {
      const n = `${prefix}-${i}`;
      doc.appliances.push({ name: n, class: cls });
      doc.visual[n] = { x: column * 320 + (i % 4) * 24, y: i * 110 };
    }
  };
  add('pg', 'postgres', servers, 3);
  add('nas', 'nas', servers, 3.5);
  add('php', 'web-php', php, 2);
  add('site', 'web-static', statics, 1.5);
  add('lb', 'halb', lbs, 0);
  for (let i = 1; i <= php; i++) {
    doc.connections.push({ from: `php-${i}.db`, to: `pg-${((i - 1) % servers) + 1}.in` });
    doc.connections.push({ from: `php-${i}.fs`, to: `nas-${((i - 1) % servers) + 1}.fs` });
  }
  for (let i = 1; i <= statics; i++) doc.connections.push({ from: `site-${i}.fs`, to: `nas-${((i - 1) % servers) + 1}.fs` });
  for (let i = 1; i <= lbs; i++) {
    const target = i <= php ? `php-${i}` : statics ? `site-${((i - 1) % statics) + 1}` : `php-${((i - 1) % php) + 1}`;
    doc.connections.push({ from: `lb-${i}.out`, to: `${target}.in` });
  }
  return doc;
}
