import { describe, expect, it } from 'vitest';
import { detectLevel } from './log-level';

describe('detectLevel', () => {
  it.each([
    ['nginx error log', '2026/12/03 12:00:00 [error] 7#7: *1 open() "/x" failed', 'stderr', 'error'],
    ['nginx notice', '2026/12/03 12:00:00 [notice] 1#1: start worker processes', 'stderr', 'info'],
    ['nginx warn', '2026/12/03 12:00:00 [warn] 1#1: conflicting server name', 'stderr', 'warn'],
    ['nginx access 200', '10.0.0.2 - - [03/Dec/2026:12:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8"', 'stdout', 'info'],
    ['nginx access 404', '10.0.0.2 - - [03/Dec/2026:12:00:00 +0000] "GET /x HTTP/1.1" 404 153 "-" "curl/8"', 'stdout', 'warn'],
    ['nginx access 502', '10.0.0.2 - - [03/Dec/2026:12:00:00 +0000] "GET / HTTP/1.1" 502 157 "-" "curl/8"', 'stdout', 'error'],
    ['haproxy alert', '[ALERT]    (1) : config : parsing [/etc/haproxy.cfg:3]', 'stderr', 'error'],
    ['haproxy warning', '[WARNING]  (1) : Server web/web1 is DOWN', 'stderr', 'warn'],
    ['haproxy notice', '[NOTICE]   (1) : New worker (8) forked', 'stderr', 'info'],
    ['php-fpm notice', '[03-Dec-2026 12:00:00] NOTICE: fpm is running, pid 1', 'stderr', 'info'],
    ['php-fpm warning', '[03-Dec-2026 12:00:00] WARNING: [pool www] server reached pm.max_children', 'stderr', 'warn'],
    ['php fatal', 'PHP Fatal error:  Uncaught Error: Call to undefined function x()', 'stderr', 'error'],
    ['php warning', 'PHP Warning:  Undefined variable $x in /var/www/index.php on line 3', 'stderr', 'warn'],
    ['postgres log', '2026-12-03 12:00:00.000 UTC [1] LOG:  database system is ready to accept connections', 'stderr', 'info'],
    ['postgres error', '2026-12-03 12:00:00.000 UTC [42] ERROR:  relation "x" does not exist', 'stderr', 'error'],
    ['postgres fatal', '2026-12-03 12:00:00.000 UTC [42] FATAL:  password authentication failed for user "app"', 'stderr', 'error'],
    ['postgres warning', '2026-12-03 12:00:00.000 UTC [42] WARNING:  there is no transaction in progress', 'stderr', 'warn'],
    ['mariadb note', '2026-12-03 12:00:00 0 [Note] mariadbd: ready for connections.', 'stderr', 'info'],
    ['mariadb warning', '2026-12-03 12:00:00 0 [Warning] Access denied for user', 'stderr', 'warn'],
    ['mariadb error', '2026-12-03 12:00:00 0 [ERROR] Aborting', 'stderr', 'error'],
    ['redis notice', '1:M 03 Dec 2026 12:00:00.000 * Ready to accept connections tcp', 'stdout', 'info'],
    ['redis warning', '1:M 03 Dec 2026 12:00:00.000 # WARNING Memory overcommit must be enabled!', 'stdout', 'warn'],
    ['redis verbose', '1:M 03 Dec 2026 12:00:00.000 - Accepted 10.0.0.3:5000', 'stdout', 'debug'],
    ['pino numeric', '{"level":50,"time":1,"msg":"boom"}', 'stdout', 'error'],
    ['pino 30', '{"level":30,"time":1,"msg":"listening"}', 'stdout', 'info'],
    ['json word', '{"level":"warn","message":"slow"}', 'stdout', 'warn'],
    ['logfmt', 'ts=2026-12-03T12:00:00Z level=debug msg="tick"', 'stdout', 'debug'],
    ['leading word', 'ERROR something failed', 'stdout', 'error'],
    ['plain stdout', 'listening on :3000', 'stdout', 'info'],
    ['plain stderr', '    at Object.<anonymous> (/app/server.js:3:9)', 'stderr', 'warn'],
  ] as const)('%s', (_name, line, stream, level) => {
    expect(detectLevel(line, stream)).toBe(level);
  });

  it('does not take a word inside the text for a level', () => {
    expect(detectLevel('user searched for "error handling" docs', 'stdout')).toBe('info');
  });
});
