<?php
// Colo LAMP demo: which replica answered, and a hit counter every replica shares through
// PostgreSQL. The file itself lives on the NAS share, so every web replica serves the same app.
declare(strict_types=1);

function hitCounter(): int
{
    $host = getenv('DB_HOST');
    if (!$host) {
        throw new RuntimeException('no database wired: connect this web appliance\'s db terminal to PostgreSQL');
    }
    $dsn = sprintf('pgsql:host=%s;port=%s;dbname=%s', $host, getenv('DB_PORT') ?: '5432', getenv('DB_NAME') ?: 'app');
    $pdo = new PDO($dsn, getenv('DB_USER') ?: null, getenv('DB_PASSWORD') ?: null, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_TIMEOUT => 3,
    ]);
    // One statement, so concurrent requests on different replicas never lose a count.
    $bump = 'INSERT INTO colo_demo_hits (id, hits) VALUES (1, 1)
             ON CONFLICT (id) DO UPDATE SET hits = colo_demo_hits.hits + 1 RETURNING hits';
    try {
        return (int) $pdo->query($bump)->fetchColumn();
    } catch (PDOException $e) {
        if ($e->getCode() !== '42P01') { // anything but "table does not exist"
            throw $e;
        }
    }
    try {
        $pdo->exec('CREATE TABLE IF NOT EXISTS colo_demo_hits (id int PRIMARY KEY, hits bigint NOT NULL)');
    } catch (PDOException $e) {
        // Replicas racing on their first request: another one created the table just now.
        if (!in_array($e->getCode(), ['23505', '42P07'], true)) {
            throw $e;
        }
    }
    return (int) $pdo->query($bump)->fetchColumn();
}

$replica = gethostname();
$mount = rtrim((string) getenv('FS_MOUNT'), '/');
$source = $mount !== '' && str_starts_with(__FILE__, $mount . '/') ? 'nas' : 'local';
$json = ($_GET['format'] ?? '') === 'json' || str_contains($_SERVER['HTTP_ACCEPT'] ?? '', 'application/json');

$error = null;
$hits = null;
try {
    $hits = hitCounter();
} catch (Throwable $e) {
    $error = $e->getMessage();
    error_log('lamp-demo: ' . $error);
    http_response_code(503);
}

header('Cache-Control: no-store');
if ($json) {
    header('Content-Type: application/json');
    $body = ['host' => $replica, 'hits' => $hits, 'source' => $source];
    if ($error !== null) {
        $body['error'] = $error;
    }
    echo json_encode($body), "\n";
    exit;
}
$esc = fn ($s) => htmlspecialchars((string) $s, ENT_QUOTES);
?><!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Colo LAMP demo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f5f6f8; color: #1d2330; }
  main { background: #fff; padding: 2rem 2.5rem; border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.08); min-width: 20rem; max-width: 34rem; }
  h1 { font-size: 1.2rem; margin: 0 0 1rem; color: #4a5568; font-weight: 500; }
  .host { font: 600 1.6rem ui-monospace, monospace; }
  .hits { font-size: 2.6rem; font-weight: 700; margin: .25rem 0 1rem; }
  .note { color: #6b7280; font-size: .9rem; }
  .error { color: #b42318; }
</style>
</head>
<body>
<main>
  <h1>Colo LAMP demo</h1>
  <div>Served by replica</div>
  <div class="host"><?= $esc($replica) ?></div>
<?php if ($error === null): ?>
  <div class="hits"><?= $esc($hits) ?> <small>hits</small></div>
<?php else: ?>
  <p class="error">Database unavailable: <?= $esc($error) ?></p>
<?php endif ?>
  <p class="note"><?= $source === 'nas' ? 'This page was served from the NAS share' : 'This page was served from local disk' ?>
    (<code><?= $esc(__FILE__) ?></code>); the counter lives in PostgreSQL. Reload to watch the
    load balancer move you between replicas.</p>
</main>
</body>
</html>
