<?php
// Colo cache demo: an expensive answer (the primes below n, counted the slow way) kept in Redis
// for every web replica to reuse, with the cache's hits and misses and a page-view counter
// (Redis INCR) shown on the page. The file lives on the NAS share, so every replica serves it.
declare(strict_types=1);

const TTL_SECONDS = 300;

function cache(): Redis
{
    $host = getenv('CACHE_HOST');
    if (!$host) {
        throw new RuntimeException('no cache wired: connect this web appliance\'s cache terminal to Redis');
    }
    $redis = new Redis();
    $redis->connect($host, (int) (getenv('CACHE_PORT') ?: 6379), 2.0);
    $password = getenv('CACHE_PASSWORD');
    if ($password) {
        $redis->auth($password);
    }
    return $redis;
}

/** The expensive part: trial division, on purpose, so a miss is slow enough to see. */
function countPrimesBelow(int $n): int
{
    $count = 0;
    for ($i = 2; $i < $n; $i++) {
        for ($d = 2; $d * $d <= $i; $d++) {
            if ($i % $d === 0) {
                continue 2;
            }
        }
        $count++;
    }
    return $count;
}

$replica = gethostname();
$mount = rtrim((string) getenv('FS_MOUNT'), '/');
$source = $mount !== '' && str_starts_with(__FILE__, $mount . '/') ? 'nas' : 'local';
$json = ($_GET['format'] ?? '') === 'json' || str_contains($_SERVER['HTTP_ACCEPT'] ?? '', 'application/json');
$n = filter_var($_GET['n'] ?? 200000, FILTER_VALIDATE_INT, ['options' => ['min_range' => 2, 'max_range' => 2000000]]);

$error = null;
$result = null;
try {
    if ($n === false) {
        http_response_code(400);
        throw new InvalidArgumentException('n must be a whole number from 2 to 2000000');
    }
    $redis = cache();
    $key = "colo:cache-demo:primes:$n";
    $started = hrtime(true);
    $cached = $redis->get($key);
    if ($cached !== false) {
        $outcome = 'hit';
        $primes = (int) $cached;
    } else {
        $outcome = 'miss';
        $primes = countPrimesBelow($n);
        $redis->setex($key, TTL_SECONDS, (string) $primes);
    }
    $result = [
        'n' => $n,
        'primes' => $primes,
        'cache' => $outcome,
        'ms' => round((hrtime(true) - $started) / 1e6, 2),
        // One INCR each: counts every replica's requests without losing one.
        'hits' => (int) ($outcome === 'hit' ? $redis->incr('colo:cache-demo:hits') : $redis->get('colo:cache-demo:hits')),
        'misses' => (int) ($outcome === 'miss' ? $redis->incr('colo:cache-demo:misses') : $redis->get('colo:cache-demo:misses')),
        'views' => (int) $redis->incr('colo:cache-demo:views'),
    ];
} catch (InvalidArgumentException $e) {
    $error = $e->getMessage();
} catch (Throwable $e) {
    $error = $e->getMessage();
    error_log('cache-demo: ' . $error);
    http_response_code(503);
}

header('Cache-Control: no-store');
if ($json) {
    header('Content-Type: application/json');
    $body = ['host' => $replica, 'source' => $source] + ($result ?? []);
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
<title>Colo cache demo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; background: #f5f6f8; color: #1d2330; }
  main { background: #fff; padding: 2rem 2.5rem; border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.08); min-width: 20rem; max-width: 34rem; }
  h1 { font-size: 1.2rem; margin: 0 0 1rem; color: #4a5568; font-weight: 500; }
  .host { font: 600 1.3rem ui-monospace, monospace; }
  .outcome { font-size: 2.2rem; font-weight: 700; margin: .25rem 0 .5rem; }
  .note { color: #6b7280; font-size: .9rem; }
  .error { color: #b42318; }
</style>
</head>
<body>
<main>
  <h1>Colo cache demo</h1>
  <div>Served by replica <span class="host"><?= $esc($replica) ?></span></div>
<?php if ($result !== null): ?>
  <div class="outcome">cache <?= $esc($result['cache']) ?></div>
  <p><?= $esc($result['primes']) ?> primes below <?= $esc($result['n']) ?>, answered in <?= $esc($result['ms']) ?> ms.</p>
  <p><?= $esc($result['hits']) ?> hits, <?= $esc($result['misses']) ?> misses, <?= $esc($result['views']) ?> page views (all in Redis).</p>
<?php else: ?>
  <p class="error"><?= $esc($error) ?></p>
<?php endif ?>
  <p class="note">The first request for an <code>?n=</code> computes the answer and stores it in Redis
    for <?= TTL_SECONDS ?> s; every replica then serves it from the cache. Reload to watch.</p>
</main>
</body>
</html>
