<?php
// Built-in page, shown until a NAS share with a www/ folder is wired to `fs`.
$host = gethostname();
$db = getenv('DB_HOST');
$mysql = getenv('MYSQL_HOST');
$cache = getenv('CACHE_HOST');
$fs = getenv('FS_MOUNT');
$esc = fn ($s) => htmlspecialchars((string) $s, ENT_QUOTES);
?><!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Colo · PHP web server</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f5f6f8; color: #1d2330; }
  main { background: #fff; padding: 2rem 2.5rem; border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.08); max-width: 34rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
  code { background: #eef0f4; padding: .1rem .35rem; border-radius: 4px; }
  dt { font-weight: 600; } dd { margin: 0 0 .5rem; }
</style>
</head>
<body>
<main>
  <h1>PHP <?= $esc(PHP_VERSION) ?> is running.</h1>
  <dl>
    <dt>Replica</dt><dd><code><?= $esc($host) ?></code></dd>
    <dt>Database (<code>db</code>)</dt><dd><?= $db ? 'wired: <code>' . $esc($db . ':' . getenv('DB_PORT')) . '</code>' : 'not wired' ?></dd>
    <dt>MariaDB (<code>mysql</code>)</dt><dd><?= $mysql ? 'wired: <code>' . $esc($mysql . ':' . getenv('MYSQL_PORT')) . '</code>' : 'not wired' ?></dd>
    <dt>Cache (<code>cache</code>)</dt><dd><?= $cache ? 'wired: <code>' . $esc($cache . ':' . getenv('CACHE_PORT')) . '</code>' : 'not wired' ?></dd>
    <dt>Shared files (<code>fs</code>)</dt><dd><?= $fs ? 'mounted at <code>' . $esc($fs) . '</code>, but it has no <code>www/</code> folder' : 'not wired' ?></dd>
  </dl>
  <p>Put your application in the NAS share's <code>www/</code> folder to serve it here.</p>
</main>
</body>
</html>
