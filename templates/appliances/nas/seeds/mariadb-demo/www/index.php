<?php
// Colo MariaDB demo: a notes board every web replica shares through MariaDB (the `mysql` wire).
// POST text=… adds a note (written by the replica that took the request); GET lists the latest.
// The file lives on the NAS share, so every replica serves the same app.
declare(strict_types=1);

function notesDb(): PDO
{
    $host = getenv('MYSQL_HOST');
    if (!$host) {
        throw new RuntimeException('no database wired: connect this web appliance\'s mysql terminal to MariaDB');
    }
    $dsn = sprintf('mysql:host=%s;port=%s;dbname=%s;charset=utf8mb4', $host, getenv('MYSQL_PORT') ?: '3306', getenv('MYSQL_NAME') ?: 'app');
    $pdo = new PDO($dsn, getenv('MYSQL_USER') ?: null, getenv('MYSQL_PASSWORD') ?: null, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_TIMEOUT => 3,
    ]);
    // Idempotent, so replicas racing on their first request all succeed.
    $pdo->exec('CREATE TABLE IF NOT EXISTS colo_notes (
        id BIGINT AUTO_INCREMENT PRIMARY KEY,
        body VARCHAR(500) NOT NULL,
        written_by VARCHAR(255) NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
    ) CHARACTER SET utf8mb4');
    return $pdo;
}

$replica = gethostname();
$mount = rtrim((string) getenv('FS_MOUNT'), '/');
$source = $mount !== '' && str_starts_with(__FILE__, $mount . '/') ? 'nas' : 'local';
$json = ($_GET['format'] ?? '') === 'json' || str_contains($_SERVER['HTTP_ACCEPT'] ?? '', 'application/json');
$posting = ($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'POST';

$error = null;
$added = null;
$notes = [];
$count = 0;
try {
    $pdo = notesDb();
    if ($posting) {
        $text = trim((string) ($_POST['text'] ?? ''));
        if ($text === '' || strlen($text) > 500) {
            http_response_code(400);
            throw new InvalidArgumentException('a note is 1 to 500 bytes of `text`');
        }
        $insert = $pdo->prepare('INSERT INTO colo_notes (body, written_by) VALUES (?, ?)');
        $insert->execute([$text, $replica]);
        $added = (int) $pdo->lastInsertId();
    }
    $count = (int) $pdo->query('SELECT COUNT(*) FROM colo_notes')->fetchColumn();
    $rows = $pdo->query('SELECT id, body, written_by, created_at FROM colo_notes ORDER BY id DESC LIMIT 20');
    foreach ($rows as $row) {
        $notes[] = ['id' => (int) $row['id'], 'text' => $row['body'], 'writtenBy' => $row['written_by'], 'at' => $row['created_at']];
    }
} catch (InvalidArgumentException $e) {
    $error = $e->getMessage();
} catch (Throwable $e) {
    $error = $e->getMessage();
    error_log('mariadb-demo: ' . $error);
    http_response_code(503);
}

header('Cache-Control: no-store');
if ($json) {
    header('Content-Type: application/json');
    $body = ['host' => $replica, 'source' => $source, 'count' => $count, 'notes' => $notes];
    if ($added !== null) {
        $body['added'] = $added;
    }
    if ($error !== null) {
        $body['error'] = $error;
    }
    echo json_encode($body), "\n";
    exit;
}
if ($posting && $error === null) {
    // Post/redirect/get: a reload does not post the note twice.
    header('Location: ./', true, 303);
    exit;
}
$esc = fn ($s) => htmlspecialchars((string) $s, ENT_QUOTES);
?><!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Colo MariaDB demo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f5f6f8; color: #1d2330; }
  main { background: #fff; padding: 2rem 2.5rem; border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.08); min-width: 20rem; max-width: 34rem; }
  h1 { font-size: 1.2rem; margin: 0 0 1rem; color: #4a5568; font-weight: 500; }
  .host { font: 600 1.3rem ui-monospace, monospace; }
  li small, .note { color: #6b7280; font-size: .9rem; }
  .error { color: #b42318; }
</style>
</head>
<body>
<main>
  <h1>Colo MariaDB demo: shared notes</h1>
  <div>Served by replica <span class="host"><?= $esc($replica) ?></span></div>
<?php if ($error !== null): ?>
  <p class="error"><?= $esc($error) ?></p>
<?php endif ?>
  <form method="post" action="./">
    <input name="text" maxlength="500" required placeholder="Write a note" autofocus>
    <button>Add</button>
  </form>
  <p><?= $esc($count) ?> notes in MariaDB<?= $count > count($notes) ? ', the latest ' . count($notes) . ' below' : '' ?>.</p>
  <ul>
<?php foreach ($notes as $n): ?>
    <li><?= $esc($n['text']) ?> <small>written by <?= $esc($n['writtenBy']) ?> at <?= $esc($n['at']) ?></small></li>
<?php endforeach ?>
  </ul>
  <p class="note">Served from <?= $source === 'nas' ? 'the NAS share' : 'local disk' ?>; reload to see
    another replica list the same notes.</p>
</main>
</body>
</html>
